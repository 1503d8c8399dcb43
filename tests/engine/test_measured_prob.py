"""The probability of a target's range: certain ends and point masses read directly."""

from __future__ import annotations

import numpy as np

from innovplan.engine import _forecast as k
from innovplan.engine._measured import _prob, take

INF = np.inf


def _forecasts(loc, scale, *, df=None, log_space=None, floor=None):
    loc = np.asarray(loc, dtype=np.float64)
    n = loc.shape[0]
    nan = np.full(n, np.nan)
    return k.Forecasts(
        point=nan,
        lower=nan,
        upper=nan,
        loc=loc,
        scale=np.asarray(scale, dtype=np.float64),
        df=np.full(n, INF) if df is None else np.asarray(df, dtype=np.float64),
        log_space=np.zeros(n, bool) if log_space is None else np.asarray(log_space, bool),
        method=np.zeros(n, np.int8),
        status=np.zeros(n, np.int8),
        reason=np.zeros(n, np.int32),
        n_used=np.zeros(n, np.int64),
        calib=np.ones(n),
        floor=nan if floor is None else np.asarray(floor, dtype=np.float64),
    )


def _general(fc, lo, hi, lc, hc):
    # Every row through prob_above, the loose rows again: the reading the
    # shortcuts must equal float for float.
    def above(x, strict):
        thr = np.where(np.isnan(x), 0.0, x)
        p = np.array(k.prob_above(fc, thr, strict=True), dtype=np.float64)
        loose = np.flatnonzero(~strict & ((fc.scale == 0) | np.isfinite(fc.floor)))
        if loose.size:
            p[loose] = k.prob_above(take(fc, loose), thr[loose], strict=False)
        return np.where(np.isnan(x), np.nan, p)

    return np.clip(above(lo, ~lc) - above(hi, hc), 0.0, 1.0)


def test_hand_examples():
    # Rows: a normal N(0, 1) (df inf) at least 0: P(X >= 0) = 0.5;
    # the same at most 0 (lo -inf): P(X <= 0) = 1 - 0.5 = 0.5;
    # a point mass at 5 at least 5, closed: P(X >= 5) = 1;
    # the same, open (more than 5): P(X > 5) = 0;
    # a point mass at exp(log 5) = 5 (log space) at least 4: 1;
    # a normal at least 0 conditioned on X >= 1: every value is above 0, so 1.
    fc = _forecasts(
        [0.0, 0.0, 5.0, 5.0, np.log(5.0), 0.0],
        [1.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        log_space=[False, False, False, False, True, False],
        floor=[np.nan, np.nan, np.nan, np.nan, np.nan, 1.0],
    )
    lo = np.array([0.0, -INF, 5.0, 5.0, 4.0, 0.0])
    hi = np.full(6, INF)
    hi[1] = 0.0
    closed = np.array([True, True, True, False, True, True])
    got = _prob(fc, lo, hi, closed, np.ones(6, bool))
    # The normal's tail is Cody's rational erfc, whose erfc(0) is exactly 1.
    assert got.tolist() == [0.5, 0.5, 1.0, 0.0, 1.0, 1.0]


def test_unclear_forecasts_and_missing_ends_stay_nan():
    # A NaN scale is no forecast; a NaN end is no range: both NaN.
    fc = _forecasts([0.0, 0.0], [np.nan, 1.0])
    got = _prob(
        fc, np.array([0.0, np.nan]), np.array([INF, INF]), np.ones(2, bool), np.ones(2, bool)
    )
    assert np.isnan(got).all()


def test_equal_to_the_general_reading_float_for_float():
    rng = np.random.default_rng(20261205)
    n = 4000
    loc = rng.normal(0.0, 3.0, n)
    scale = rng.choice([0.0, 0.5, 1.0, 2.5, np.nan, INF], n, p=[0.2, 0.2, 0.3, 0.2, 0.05, 0.05])
    loc[rng.random(n) < 0.03] = np.nan
    loc[rng.random(n) < 0.01] = 800.0  # exp(800) overflows to inf in log space
    df = rng.choice([1.0, 3.0, 7.5, 30.0, INF, np.nan], n)
    log_space = rng.random(n) < 0.5
    floor = np.where(rng.random(n) < 0.2, rng.normal(0.0, 2.0, n), np.nan)
    fc = _forecasts(loc, scale, df=df, log_space=log_space, floor=floor)

    def ends():
        e = rng.normal(0.0, 4.0, n)
        pick = rng.random(n)
        e[pick < 0.25] = INF
        e[(pick >= 0.25) & (pick < 0.45)] = -INF
        e[(pick >= 0.45) & (pick < 0.5)] = np.nan
        at = np.where(log_space, np.exp(np.minimum(loc, 700.0)), loc)
        on = (pick >= 0.5) & (pick < 0.6)
        e[on] = at[on]  # exactly at a point mass: strictness decides
        return e

    for _ in range(5):
        lo, hi = ends(), ends()
        lc, hc = rng.random(n) < 0.5, rng.random(n) < 0.5
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            want = _general(fc, lo, hi, lc, hc)
            got = _prob(fc, lo, hi, lc, hc)
        assert got.dtype == want.dtype
        assert got.tobytes() == want.tobytes()
    # Every end +inf (at least targets) and every end -inf (at most): the same.
    for lo, hi in ((ends(), np.full(n, INF)), (np.full(n, -INF), ends())):
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            want = _general(fc, lo, hi, lc, hc)
            got = _prob(fc, lo, hi, lc, hc)
        assert got.tobytes() == want.tobytes()
