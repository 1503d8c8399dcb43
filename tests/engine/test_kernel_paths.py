"""auto's running sums and Holt's recursion: yearly data take a shorter path to the same floats.

With every spacing exactly 1 the increment sums and Holt's recursion leave out
the divisions and products by the spacing (exact in IEEE arithmetic). A batch
holding one series with a gap takes the general path: each yearly series must
come out bit for bit the same in both batches.
"""

import math

import numpy as np
import pytest

from innovplan.engine import _auto, auto
from innovplan.engine._auto import (
    _AT,
    _BARTLETT_FROM,
    _KEPT_PARTS,
    _LIKELIHOOD_LONG,
    _LIKELIHOOD_SCALE,
    _NOISE_MODELS,
    _auto_predict,
    _auto_states,
    _by_count,
    _heavier_tails,
    _holt,
    _in_steps,
    _middle_two,
    _rises,
    _row_horizons,
    _spread_parts,
    _trend_weight,
)
from innovplan.engine._driver import (
    _cal_weights,
    _count_rows,
    _largest_weighted,
    _normal_score,
    _rolling_sums,
    _score_of,
    _ScoreParts,
)
from innovplan.engine._models import (
    _all_one,
    _increment_sums,
    _increment_sums_of,
    _lag_one_r,
    _line_sums,
    _tail_cumsum,
    _whole_years,
)
from innovplan.engine._panel import _Panel, _panel


def _time_major(ts: list[np.ndarray], ys: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    return p.T.T, p.Y.T, p.M.T


def test_increment_sums_by_hand_yearly_and_with_a_gap():
    # y = 1, 2, 4, 7: increments d = 1, 2, 3.
    # Yearly (dt = 1, s = sqrt(1 * 1) = 1): q = d^2 / dt summed = 0, 1, 1 + 4,
    # 5 + 9; a1 = d_t d_{t-1} / s = 2, 6 summed from the third point; a2 =
    # (d_t dt_{t-1} + d_{t-1} dt_t) / s = 3, 5; a3 = s = 1, 1.
    # t = 0, 1, 3, 4 (spacings 1, 2, 1): q = 1 / 1, 4 / 2, 9 / 1 summed; both
    # s = sqrt(2) ; a1 = 2 / sqrt(2), 6 / sqrt(2); a2 = (2 * 1 + 1 * 2) /
    # sqrt(2), (3 * 2 + 2 * 1) / sqrt(2); a3 = sqrt(2), sqrt(2).
    y = np.array([1.0, 2.0, 4.0, 7.0])
    tt, yt, mt = _time_major([np.array([0.0, 1.0, 2.0, 3.0])], [y])
    got = _increment_sums(tt, yt, mt)[:, :, 0]
    want = [[0, 1, 5, 14], [0, 0, 2, 8], [0, 0, 3, 8], [0, 0, 1, 2]]
    assert got.tolist() == want
    tt, yt, mt = _time_major([np.array([0.0, 1.0, 3.0, 4.0])], [y])
    got = _increment_sums(tt, yt, mt)[:, :, 0]
    r2 = math.sqrt(2.0)
    want_gap = [
        [0, 1, 3, 12],
        [0, 0, 2 / r2, 8 / r2],
        [0, 0, 4 / r2, 12 / r2],
        [0, 0, r2, 2 * r2],
    ]
    np.testing.assert_allclose(got, want_gap, rtol=1e-15)


def _batches(seed: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for _ in range(40):
        n = int(rng.integers(2, 20))
        ts.append(2000.0 + np.arange(n))
        level = rng.choice([1.0, 50.0, 3e5])
        ys.append(level * np.exp(np.cumsum(rng.normal(0.02, 0.2, n))) - rng.choice([0.0, level]))
    return ts, ys


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_yearly_paths_equal_the_general_one(seed):
    ts, ys = _batches(seed)
    gap_t, gap_y = np.array([2000.0, 2001.0, 2003.0, 2004.0]), np.array([1.0, 3.0, 2.0, 5.0])
    yearly = _time_major(ts, ys)
    mixed = _time_major([gap_t, *ts], [gap_y, *ys])
    n = len(ts)
    for start in (0, 3):
        one = _increment_sums_of(yearly[0], (yearly[1], yearly[1] * 2.0), yearly[2], start)
        two = _increment_sums_of(mixed[0], (mixed[1], mixed[1] * 2.0), mixed[2], start)
        for a, b in zip(one, two, strict=True):
            # Both batches are as wide as their longest series (here the same).
            assert a.shape[1] == b.shape[1]
            np.testing.assert_array_equal(a, b[:, :, 1:])
        lev1, tr1 = _holt(yearly[0], yearly[1], start)
        lev2, tr2 = _holt(mixed[0], mixed[1], start)
        np.testing.assert_array_equal(lev1, lev2[:, 1:])
        np.testing.assert_array_equal(tr1, tr2[:, 1:])
    # Through the kernel: each yearly series forecast alone, in a yearly
    # batch and beside a series with a gap.
    t_all, y_all = np.concatenate(ts), np.concatenate(ys)
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    horizon = np.array([t[-1] + 3.0 for t in ts])
    batch = auto(t_all, y_all, indptr, horizon)
    beside = auto(
        np.concatenate([gap_t, t_all]),
        np.concatenate([gap_y, y_all]),
        np.concatenate([[0], indptr + gap_t.size]),
        np.concatenate([[2008.0], horizon]),
    )
    for field in ("point", "lower", "upper", "scale", "calib"):
        np.testing.assert_array_equal(getattr(batch, field), getattr(beside, field)[1:])
    for i in range(0, n, 7):
        alone = auto(ts[i], ys[i], [0, ts[i].size], horizon[i : i + 1])
        np.testing.assert_array_equal(alone.point, batch.point[i : i + 1])
        np.testing.assert_array_equal(alone.upper, batch.upper[i : i + 1])


def _zero_series(seed: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    # Series with a zero and no negative value (the spread's level factor)
    # and flat ones, beside the random batches.
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for _ in range(6):
        n = int(rng.integers(4, 15))
        ts.append(2000.0 + np.arange(n))
        ys.append(np.concatenate([[0.0], np.cumsum(rng.integers(0, 5, n - 1)).astype(float)]))
    ts.append(2000.0 + np.arange(6))
    ys.append(np.full(6, 7.0))
    return ts, ys


def _mixed_panel(seed: int) -> tuple[list[np.ndarray], _Panel]:
    # The random batches with the series with a zero and a flat one beside
    # them, as one time-major panel.
    ts, ys = _batches(seed)
    zt, zy = _zero_series(seed)
    ts, ys = [*ts, *zt], [*ys, *zy]
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    return ts, _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)


@pytest.mark.parametrize("seed", [4, 5])
def test_one_horizon_a_row_equals_horizons_per_series(seed):
    # auto's prediction works out what depends on the horizon alone once a
    # row where a row holds one horizon; the general path takes an (R, S)
    # horizon array. Both must give the same floats, NaN included.
    ts, ys = _batches(seed)
    zt, zy = _zero_series(seed)
    ts, ys = [*ts, *zt], [*ys, *zy]
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    states = tuple(np.asarray(x).T for x in _auto_states(p, 4))
    rows = tuple(x[1:4] for x in states)
    s_count = len(ts)
    for h_rows in ([1.0, 2.0, 5.0], [3.0, 3.0, 0.0], [-1.0, 0.5, 4.0], [2.0, 2.0, 2.0]):
        h = np.repeat(np.array(h_rows)[:, None], s_count, axis=1)
        # One horizon for the whole block (the last rows) is a 0-d array.
        assert _row_horizons(h).shape == ((3, 1) if len(set(h_rows)) > 1 else ())
        batch = _auto_predict(rows, h)
        # A series alone has one horizon a row trivially: its (R, 1)
        # horizons take the general path.
        for i in range(s_count):
            alone = _auto_predict(tuple(x[:, i : i + 1] for x in rows), h[:, i : i + 1])
            for a, b in zip(batch, alone, strict=True):
                np.testing.assert_array_equal(np.broadcast_to(a, h.shape)[:, i : i + 1], b)
    # Rows that differ (and a NaN) stay whole.
    h[1, 3] = np.nan
    h[2, 0] = 2.0
    assert _row_horizons(h) is h
    # Through the kernel, beside a half-yearly series (step 0.5, so the
    # horizons are divided by the steps) and a series with a gap (its
    # horizons one a row no longer): the same floats for every other series.
    half_t, half_y = 2000.0 + 0.5 * np.arange(9), 10.0 + np.arange(9.0) ** 1.5
    gap_t, gap_y = np.array([2000.0, 2001.0, 2003.0, 2004.0]), np.array([1.0, 3.0, 2.0, 5.0])
    horizon = np.array([t[-1] + 3.0 for t in ts])
    batch = auto(np.concatenate(ts), np.concatenate(ys), indptr, horizon)
    beside = auto(
        np.concatenate([half_t, gap_t, *ts]),
        np.concatenate([half_y, gap_y, *ys]),
        np.concatenate([[0, half_t.size], indptr + half_t.size + gap_t.size]),
        np.concatenate([[2006.0, 2008.0], horizon]),
    )
    for field in ("point", "lower", "upper", "scale", "calib", "df"):
        np.testing.assert_array_equal(getattr(batch, field), getattr(beside, field)[2:])


def test_horizons_in_steps():
    # h / step; yearly steps (exactly 1) leave the horizons as they are.
    h = np.array([[1.5], [2.5]])
    half, yearly = np.full((2, 3), 0.5), np.ones((2, 3))
    # 1.5 / 0.5 = 3 and 2.5 / 0.5 = 5 exactly.
    np.testing.assert_array_equal(_in_steps(h, half), [[3.0] * 3, [5.0] * 3])
    assert _in_steps(h, yearly) is h
    mixed = np.array([[1.0, 0.5, 1.0], [1.0, 0.5, 1.0]])
    np.testing.assert_array_equal(_in_steps(h, mixed), [[1.5, 3.0, 1.5], [2.5, 5.0, 2.5]])
    # The series' steps broadcast over the rows (the driver's origins): one
    # row read, the same horizons.
    rows = np.broadcast_to(np.array([1.0, 0.5, 1.0]), (2, 3))
    np.testing.assert_array_equal(_in_steps(h, rows), [[1.5, 3.0, 1.5], [2.5, 5.0, 2.5]])
    assert _in_steps(h, np.broadcast_to(np.ones(3), (2, 3))) is h


def test_heavier_tails_by_count_equal_elementwise():
    # The tails' ratio and df are worked out once per point count: the
    # same floats as element by element, counts 0 to 2 (no df) included.
    n = np.array([[0.0, 1.0, 2.0, 3.0, 7.0], [7.0, 40.0, 3.0, 12.0, 2.0]])
    for a, b in zip(_by_count(n), _heavier_tails(n - 2.0), strict=True):
        np.testing.assert_array_equal(a, b)
        assert a.shape == n.shape
    # 5 points: 3 df become ceil(0.5 * 3) = 2, the scale times t_0.9(3) / t_0.9(2)
    # = 1.6377 / 1.8856 (Student t table).
    ratio, df = _by_count(np.array([5.0]))
    assert df[0] == 2.0
    assert ratio[0] == pytest.approx(1.637744 / 1.885618, rel=1e-6)
    # Counts that are not whole numbers take the elementwise path.
    odd = np.array([4.5, 6.0])
    for a, b in zip(_by_count(odd), _heavier_tails(odd - 2.0), strict=True):
        np.testing.assert_array_equal(a, b)


def test_heavier_tails_by_integer_counts_equal_the_checked_path():
    # With the panel's integer counts the table covers every count from 0
    # to the largest, not only those present: each count's ratio and df are
    # the same floats, written into the arrays given.
    n = np.array([[0.0, 1.0, 2.0, 3.0, 9.0], [9.0, 40.0, 3.0, 12.0, 2.0]])
    out = (np.full(n.shape, np.nan), np.full(n.shape, np.nan))
    got = _by_count(n, n.astype(np.int64), out=out)
    assert got[0] is out[0]
    assert got[1] is out[1]
    for a, b in zip(got, _heavier_tails(n - 2.0), strict=True):
        _same_bits(a, b)
    # 9 points: 7 df become ceil(0.5 * 7) = 4, the scale times t_0.9(7) / t_0.9(4)
    # = 1.4149 / 1.5332 (Student t table).
    assert got[1][0, 4] == 4.0
    assert got[0][0, 4] == pytest.approx(1.414924 / 1.533206, rel=1e-6)
    # Without out, new arrays of the counts' shape.
    for a, b in zip(_by_count(n, n.astype(np.int64)), _heavier_tails(n - 2.0), strict=True):
        _same_bits(a, b)


@pytest.mark.parametrize("start", [0, 1, 3, 18])
def test_pair_counts_equal_the_summed_spacings(start):
    # For yearly data the last increment sum adds 1.0 at each neighbouring
    # pair: given the points up to each column, it is max(points - 2, 0)
    # without summing, the same floats (+0.0 before a series' third point).
    # By hand: 4 points give the pairs (1, 2, 3) and (2, 3, 4), so 2.
    ts, ys = _batches(4)
    ts, ys = (
        [*ts, np.array([2000.0]), np.array([]), 2000.0 + np.arange(4.0)],
        [
            *ys,
            np.array([3.0]),
            np.array([]),
            np.array([1.0, 2.0, 4.0, 7.0]),
        ],
    )
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    tt, yt, mt = p.T.T, p.Y.T, p.M.T
    counts = p.nj.T[start:].astype(np.float64)
    plain = _increment_sums_of(tt, (yt, yt * 2.0), mt, start)
    given = _increment_sums_of(tt, (yt, yt * 2.0), mt, start, counts=counts)
    for a, b in zip(plain, given, strict=True):
        _same_bits(a, b)
    assert given[0][3, -1, -1] == 2.0
    # A gap: the sum is of sqrt(dt dt'), and the counts are not read.
    gap_t = np.concatenate([np.array([2000.0, 2001.0, 2003.0]), np.concatenate(ts)])
    gap_y = np.concatenate([np.array([1.0, 3.0, 2.0]), np.concatenate(ys)])
    q = _panel(gap_t, gap_y, np.r_[0, indptr + 3], log=False, time_major=True)
    gap_counts = q.nj.T[start:].astype(np.float64)
    for a, b in zip(
        _increment_sums_of(q.T.T, (q.Y.T,), q.M.T, start),
        _increment_sums_of(q.T.T, (q.Y.T,), q.M.T, start, counts=gap_counts),
        strict=True,
    ):
        _same_bits(a, b)


def test_lag_one_r_by_hand_and_as_the_formula_reads():
    # y = 1, 2, 4, 7 yearly: the sums at the last point are q = 14, a1 = 8,
    # a2 = 8, a3 = 2 (see the hand sums above); drift c = (7 - 1) / 3 = 2
    # over span 3, so r = (8 - 2 * 8 + 4 * 2) / (14 - 4 * 3) = 0, and the
    # bias correction over m = 3 increments adds (1 + 3 * 0) / 3 = 1/3.
    sums = np.array([14.0, 8.0, 8.0, 2.0]).reshape(4, 1, 1)
    got = _lag_one_r(sums, np.array([[2.0]]), np.array([[3.0]]), np.array([[4.0]]))
    assert got[0, 0] == 1.0 / 3.0
    # Worked on its own arrays, each float is the formula's, written out:
    # zero denominators (not finite) read +0.0, and the inputs are untouched.
    rng = np.random.default_rng(7)
    sums = rng.normal(size=(4, 6, 50))
    sums[0, 0] = 0.0
    c = rng.normal(size=(6, 50))
    c[0] = 0.0
    # A NaN drift and a NaN sum of squares: r reads 0 there, and the
    # drift's spread below is NaN.
    c[1, 0] = np.nan
    sums[0, 2, 1] = np.nan
    span = rng.uniform(1.0, 9.0, size=(6, 50))
    nj = rng.integers(1, 12, size=(6, 50)).astype(np.float64)
    before = (sums.copy(), c.copy(), span.copy(), nj.copy())
    q, a1, a2, a3 = sums
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (a1 - c * a2 + c * c * a3) / (q - c * c * span)
        r += (1.0 + 3.0 * r) / (nj - 1.0)
    want = np.where(np.isfinite(r), r, 0.0)
    _same_bits(_lag_one_r(sums, c, span, nj), want)
    assert not np.isfinite(r[0]).any()
    for a, b in zip((sums, c, span, nj), before, strict=True):
        _same_bits(a, b)
    # The drift's sum of squared errors on the way, max(q - c^2 span, 0):
    # the floats of the drift's variance (q is normal here, so about half
    # are below 0). By hand above: 14 - 4 * 3 = 2.
    spread = np.full(c.shape, np.nan)
    _same_bits(_lag_one_r(sums, c, span, nj, spread=spread), want)
    _same_bits(spread, np.maximum(q - c * c * span, 0.0))
    assert (spread == 0.0).any()
    # An unknown sum of squared errors stays unknown: NaN, not floored to 0
    # (np.maximum propagates NaN; np.fmax would give 0).
    assert want[1, 0] == want[2, 1] == 0.0
    assert np.isnan(spread[1, 0])
    assert np.isnan(spread[2, 1])
    for q_one, c_one, want_one in ((14.0, 2.0, 2.0), (np.nan, 2.0, np.nan), (14.0, np.nan, np.nan)):
        one = np.full((1, 1), -1.0)
        _lag_one_r(
            np.array([q_one, 8.0, 8.0, 2.0]).reshape(4, 1, 1),
            np.array([[c_one]]), np.array([[3.0]]), np.array([[4.0]]), spread=one,
        )  # fmt: skip
        # max(14 - 2^2 * 3, 0) = 2; max(NaN, 0) = NaN.
        np.testing.assert_array_equal(one, [[want_one]])


@pytest.mark.parametrize("gap", [False, True])
def test_spacings_given_once_equal_those_worked_out(gap):
    # The running sums and Holt's recursion take the spacings (and whether
    # all are 1) from their caller: the same floats as when each works them
    # out, yearly and beside a series with a gap.
    ts, ys = _batches(5)
    if gap:
        ts, ys = [np.array([2000.0, 2001.0, 2003.0]), *ts], [np.array([1.0, 3.0, 2.0]), *ys]
    tt, yt, mt = _time_major(ts, ys)
    dt = tt[1:] - tt[:-1]
    spacing = (dt, _all_one(dt))
    assert spacing[1] is not gap
    for start in (0, 4):
        for a, b in zip(
            _increment_sums_of(tt, (yt, yt * 3.0), mt, start),
            _increment_sums_of(tt, (yt, yt * 3.0), mt, start, spacing=spacing),
            strict=True,
        ):
            _same_bits(a, b)
        for a, b in zip(_holt(tt, yt, start), _holt(tt, yt, start, spacing=spacing), strict=True):
            _same_bits(a, b)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("overflow", [False, True])
def test_holt_start_by_first_column_equals_the_full_rows(seed, overflow):
    # Given each series' first column, Holt's start (level = the first
    # point; at the second, slope = (z - l') / dt and level = the point)
    # touches only the series starting there: the same floats as the
    # full-row fix-ups, yearly, beside a gap, for one point and no point.
    # The gapped series' first spacing is 2, so its start slope is divided
    # by a spacing other than 1.
    ts, ys = _batches(seed)
    gapped = len(ts) + 2
    ts = [*ts, np.array([2010.0]), np.array([]), np.array([2000.0, 2002.0, 2003.0])]
    ys = [*ys, np.array([4.0]), np.array([]), np.array([1.0, 3.0, 2.0])]
    if overflow:
        # +-1e308 alternating: the first slope is -inf, the next level -inf
        # and then -inf - -inf = NaN, which the full rows restart at the
        # next point (level = the point, slope from it): worked out again.
        ts.append(2000.0 + np.arange(6.0))
        ys.append(np.array([1e308, -1e308, 1e308, -1e308, 1e308, 5.0]))
    n = np.array([len(t) for t in ts])
    tt, yt, _ = _time_major(ts, ys)
    big_l = tt.shape[0]
    first = np.minimum(np.maximum(big_l - n, 0), big_l - 1)
    for start in (0, 5, big_l - 1):
        with np.errstate(over="ignore", invalid="ignore"):
            plain = _holt(tt, yt, start)
            given = _holt(tt, yt, start, first=first)
        for a, b in zip(plain, given, strict=True):
            _same_bits(a, b)
    # By hand, the gapped series y = 1, 3, 2 at 2000, 2002, 2003 (its last
    # three columns): level 1 and no slope at its first point; at its second
    # level 3 and slope (3 - 1) / (2002 - 2000) = 1.
    with np.errstate(over="ignore", invalid="ignore"):
        level, slope = _holt(tt, yt, big_l - 3, first=first)
    assert level[:2, gapped].tolist() == [1.0, 3.0]
    assert math.isnan(slope[0, gapped])
    assert slope[1, gapped] == 1.0
    if overflow:
        # By hand: the slopes are NaN, -inf, -inf (levels 1e308, -1e308,
        # -inf), then -inf - -inf = NaN at the fourth point; the fifth
        # restarts with level 1e308 and slope 1e308 - (-inf) = +inf, which
        # the last point keeps (without the restart it would stay NaN).
        with np.errstate(over="ignore", invalid="ignore"):
            level, slope = _holt(tt, yt, big_l - 6, first=first)
        want = [np.nan, -np.inf, -np.inf, np.nan, np.inf, np.inf]
        np.testing.assert_array_equal(slope[:, -1], want)
        assert level[-2, -1] == 1e308


@pytest.mark.parametrize("length", [9, 127, 128, 140])
def test_rises_by_their_definition(length):
    # Counted in bytes up to 127 columns, in int64 beyond: at each origin,
    # whether the series never fell or stood still since its first point,
    # and over its last 3 intervals, as the definition reads point by point.
    rng = np.random.default_rng(length)
    ts, ys = [], []
    for i in range(30):
        n = int(rng.integers(1, length + 1)) if i else length
        ts.append(2000.0 + np.arange(n))
        # Mostly rising, with some falls and ties.
        ys.append(np.cumsum(rng.choice([1.0, 1.0, 1.0, 0.0, -1.0], n)))
    p = _panel(
        np.concatenate(ts),
        np.concatenate(ys),
        np.cumsum([0, *map(len, ts)]),
        log=False,
        time_major=True,
    )
    yt = p.Y.T
    big_l = yt.shape[0]
    first = np.minimum(np.maximum(big_l - p.n, 0), big_l - 1)
    c0 = big_l - 4
    since, recent = _rises(yt, first, np.arange(len(ts)), c0)
    for s, y in enumerate(ys):
        for k, col in enumerate(range(c0, big_l)):
            upto = y[: max(len(y) - (big_l - 1 - col), 0)]
            up = np.diff(upto) > 0
            assert since[k, s] == bool(up.all())
            assert recent[k, s] == bool(up[-3:].all())


def _same_bits(a: np.ndarray, b: np.ndarray) -> None:
    # Equal floats, NaN where NaN, and the same sign of every zero.
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    np.testing.assert_array_equal(a.view(np.int64), b.view(np.int64))


def _holt_by_hand(t: np.ndarray, z: np.ndarray) -> tuple[list[float], list[float]]:
    # Holt's recursion for one series, point by point in Python floats, in
    # the kernel's order of operations: level z_1 and slope (z_1 - z_0) /
    # (t_1 - t_0) at the second point, then l = a z + (1 - a)(l' + b' dt),
    # b = beta (l - l') / dt + (1 - beta) b' (a = 0.9, beta = 0.12).
    a, beta = 0.9, 0.12
    levels, slopes = [z[0]], [math.nan]
    lev, slope = z[0], math.nan
    for j in range(1, len(z)):
        dt = t[j] - t[j - 1]
        if math.isnan(slope):
            lev, slope = z[j], (z[j] - lev) / dt
        else:
            new_l = a * z[j] + (lev + slope * dt) * (1.0 - a)
            slope = (new_l - lev) * beta / dt + slope * (1.0 - beta)
            lev = new_l
        levels.append(lev)
        slopes.append(slope)
    return levels, slopes


@pytest.mark.parametrize("seed", [1, 2])
def test_holt_equals_the_recursion_series_by_series(seed):
    # Columns where every series already has a slope skip the first points'
    # replacements: each series' level and slope must still be its own
    # recursion's, on yearly data and beside a series with a gap.
    ts, ys = _batches(seed)
    gap_t, gap_y = np.array([2000.0, 2001.0, 2003.0, 2004.0]), np.array([1.0, 3.0, 2.0, 5.0])
    for batch_t, batch_y in ((ts, ys), ([gap_t, *ts], [gap_y, *ys])):
        tt, zt, _ = _time_major(batch_t, batch_y)
        big_l = tt.shape[0]
        lev, slope = _holt(tt, zt, 0)
        for i, (t, z) in enumerate(zip(batch_t, batch_y, strict=True)):
            want_l, want_b = _holt_by_hand(t.tolist(), z.tolist())
            n = t.size
            _same_bits(lev[big_l - n :, i], want_l)
            _same_bits(slope[big_l - n :, i], want_b)
            assert np.isnan(lev[: big_l - n, i]).all()


def test_normal_score_from_df_parts_equals_normal_score():
    # The df parts worked out once for all origins, read by rows, give the
    # floats _normal_score gives, an infinite df (|z| itself) included.
    rng = np.random.default_rng(11)
    z = rng.normal(size=(6, 40)) * 3.0
    df = rng.integers(0, 30, size=(6, 40)).astype(np.float64)
    parts = _ScoreParts.of(df)
    assert parts.inf is None
    for cols in (slice(0, 6), slice(1, 4), slice(5, 6)):
        _same_bits(_score_of(z[cols], parts.rows(cols)), _normal_score(z[cols], df[cols]))
    df[2, 3] = np.inf
    parts = _ScoreParts.of(df)
    _same_bits(_score_of(z[1:4], parts.rows(slice(1, 4))), _normal_score(z[1:4], df[1:4]))
    assert _score_of(z[2:3], parts.rows(slice(2, 3)))[0, 3] == abs(z[2, 3])
    # df 1, z 1: (8 + 1) / (8 + 3) sqrt(1 log(1 + 1)) = 9 / 11 * 0.832555 = 0.681181.
    one = _ScoreParts.of(np.array([[1.0]]))
    assert _score_of(np.array([[1.0]]), one)[0, 0] == pytest.approx(0.681181, abs=1e-6)


def test_count_rows_equals_count_nonzero():
    # Three rows: column 0 holds True, True, False (2), column 1 False, True,
    # True (2), column 2 none (0).
    mask = np.array([[True, False, False], [True, True, False], [False, True, False]])
    out = np.full(3, np.nan)
    _count_rows(mask, out=out)
    assert out.tolist() == [2.0, 2.0, 0.0]
    rng = np.random.default_rng(3)
    # Up to 127 rows as int8 sums, 200 rows by count_nonzero: the same counts.
    for rows in (1, 7, 127, 200):
        mask = rng.random((rows, 50)) < 0.9
        _count_rows(mask, out=(out := np.empty(50)))
        np.testing.assert_array_equal(out, np.count_nonzero(mask, axis=0))


def test_calibration_weights_by_cap_equal_the_formula():
    # (k / top)^2 for k <= top, else 0: k = 2, top = 4 gives 0.25; k = 5 past
    # top = 4 gives 0; top = 1 weighs k = 1 alone, by 1.
    kk = np.arange(1, 6, dtype=np.float64)[:, None, None]
    top_k = np.array([[4, 1, 9]])
    w = _cal_weights(kk, top_k.astype(np.float64), top_k)
    assert w[1, 0, 0] == 0.25
    assert w[4, 0, 0] == 0.0
    assert w[:, 0, 1].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    rng = np.random.default_rng(5)
    for top_k in (rng.integers(1, 9, size=(30, 3)), np.array([[1, 70], [3, 64]])):
        top = top_k.astype(np.float64)
        want = np.where(kk <= top, (kk / top) ** 2.0, 0.0)
        _same_bits(_cal_weights(kk, top, top_k), want)


def test_largest_weighted_score_equals_the_masked_maximum():
    # Scores per k (rows) of one series: 0.5, 2.0, 1.0. A cap of 1 step
    # reads 0.5; 2 steps or more read 2.0.
    largest = np.array([[0.5], [2.0], [1.0]])
    # Caps in layout (H, S), series along the last axis.
    got = _largest_weighted(largest, np.array([[1], [2], [9]]))
    assert got.tolist() == [[0.5], [2.0], [2.0]]
    rng = np.random.default_rng(8)
    largest = rng.random((5, 40)) * 3.0
    largest[3] = 0.0  # a k with no past error
    kk = np.arange(1, 6, dtype=np.float64)[:, None, None]
    top_k = rng.integers(1, 8, size=(40, 3))
    w = np.where(kk <= top_k, (kk / top_k) ** 2.0, 0.0)
    want = np.where(w > 0, largest[:, :, None], 0.0).max(axis=0)
    _same_bits(_largest_weighted(largest, np.ascontiguousarray(top_k.T)), want.T)


def test_positive_and_constant_flags_equal_their_definitions():
    # Which series are forecast on logs (every value above 0, not constant)
    # and which have a zero and none negative, from each series' smallest and
    # largest value: the flags of their definitions over the data, for an
    # empty series, constants (0.1, 0, -0.0 beside 0), a series through 0 and
    # a negative one.
    ys = [
        np.array([]),
        np.full(5, 0.1),
        np.zeros(4),
        np.array([0.0, -0.0, 0.0]),
        np.array([0.0, 1.0, 3.0]),
        np.array([2.0, -1.0, 4.0, 5.0]),
        np.array([1.0, 2.0, 4.0]),
    ]
    ts = [2000.0 + np.arange(y.size) for y in ys]
    indptr = np.cumsum([0, *(y.size for y in ys)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    states = _auto_states(p, 1)
    yt, mt = p.Y.T, p.M.T
    with np.errstate(invalid="ignore"):
        positive = ~np.any(yt <= 0, axis=0)
        nonneg = ~np.any(yt < 0, axis=0)
        on_logs = positive & np.any((yt != yt[-1]) & mt, axis=0)
    np.testing.assert_array_equal(states[_AT["pos"]][:, 0], on_logs)
    np.testing.assert_array_equal(states[_AT["zero"]][:, 0], nonneg & ~positive)
    # By hand: only the last series is on logs; the zeros (with -0.0) and
    # the series through 0 have a zero and none negative.
    assert on_logs.tolist() == [False, False, False, False, False, False, True]
    assert (nonneg & ~positive).tolist() == [False, False, True, True, True, False, False]


@pytest.mark.parametrize("s_count", [1, 2, 3, 50])
def test_tail_cumsum_equals_the_cumulative_sum(s_count):
    # The columns before start summed in one reduction (two series or more)
    # or one by one (one series): each kept column the float np.cumsum gives
    # (its additions run one after the other along time), signed zeros
    # included. With -0.0 + -0.0 = -0.0 but 0.0 + -0.0 = 0.0, a sum started
    # from 0 instead of the first column would differ in the sign of zero.
    rng = np.random.default_rng(s_count)
    terms = rng.normal(size=(4, 25, s_count))
    terms[rng.random(terms.shape) < 0.3] = -0.0
    terms[:, :4, : max(s_count // 2, 1)] = -0.0
    for start in (0, 1, 2, 5, 18, 24):
        want = np.cumsum(terms, axis=1)[:, start:]
        _same_bits(_tail_cumsum(terms, start), want)
        _same_bits(_tail_cumsum(terms[:3], start), want[:3])
        # Terms in Fortran order (one row: time is then the inner axis): a
        # reduction over them may add pairwise; the same floats all the same.
        _same_bits(_tail_cumsum(np.asfortranarray(terms[:1]), start), want[:1])
    assert np.signbit(_tail_cumsum(terms, 2)[:, 0, 0]).all()  # -0.0 + -0.0 + -0.0


@pytest.mark.parametrize("seed", [6, 7])
def test_rolling_sums_with_df_of_the_origin_equal_the_general_path(seed):
    # auto's df is a state (the origin's alone): its validity and normal
    # score parts are worked out once for all origins. The counts, the
    # largest scores and the forecasts must be the floats of the path that
    # takes df from each block's prediction, short series (few or no past
    # errors) and a series with a zero included.
    ts, p = _mixed_panel(seed)
    width = 7
    states = _auto_states(p, width)
    cols = slice(p.Y.shape[1] - width, None)
    target = p._replace(T=p.T[:, cols], Y=states[3], M=p.M[:, cols], nj=p.nj[:, cols])
    hy = np.array([[1.0], [3.0]]) * np.ones(len(ts))
    for z_star in (1.2815515655446004, np.linspace(1.0, 2.0, len(ts))):
        general = _rolling_sums(target, states, _auto_predict, 3, 5, z_star, hy)
        hoisted = _rolling_sums(target, states, _auto_predict, 3, 5, z_star, hy, _AT["df"])
        for a, b in zip(general[:2], hoisted[:2], strict=True):
            _same_bits(a, b)
        for a, b in zip(general[2], hoisted[2], strict=True):
            _same_bits(a, b)
    # Some past errors were counted, inside and in all.
    assert hoisted[0][1].sum() > hoisted[0][0].sum() > 0


def test_middle_two_of_four_and_its_inputs_untouched():
    # By hand: of 4, 1, 3, 2 the middle two are the larger minimum
    # max(min(4, 1), min(3, 2)) = 2 and the smaller maximum
    # min(max(4, 1), max(3, 2)) = 3, the range 4 - 1 = 3; of -1, -1, 5, 0
    # they are max(-1, 0) = 0 and min(-1, 5) = -1 (in that order: the
    # caller needs none) and the range 5 - (-1) = 6. Its temporaries are
    # reused in place, never its inputs (only the spare is written over).
    a, b = np.array([4.0, -1.0]), np.array([1.0, -1.0])
    c, d = np.array([3.0, 5.0]), np.array([2.0, 0.0])
    kept = [x.copy() for x in (a, b, c, d)]
    lo, hi, width = _middle_two(a, b, c, d, np.empty(2))
    np.testing.assert_array_equal(lo, [2.0, 0.0])
    np.testing.assert_array_equal(hi, [3.0, -1.0])
    np.testing.assert_array_equal(width, [3.0, 6.0])
    for x, y in zip((a, b, c, d), kept, strict=True):
        np.testing.assert_array_equal(x, y)
    # Against a sort of every order of random values: the middle two in
    # either order.
    rng = np.random.default_rng(3)
    four = rng.normal(size=(4, 200))
    ordered = np.sort(four, axis=0)
    lo, hi, width = _middle_two(*four, np.empty(200))
    assert (lo > hi).any()
    np.testing.assert_array_equal(np.minimum(lo, hi), ordered[1])
    np.testing.assert_array_equal(np.maximum(lo, hi), ordered[2])
    np.testing.assert_array_equal(width, ordered[3] - ordered[0])
    # As the kernel calls it: the spare is a itself (a is not read after the
    # largest value is written). The same middle two and range, b, c and d
    # untouched; a then holds the largest value, 4 and 5 by hand.
    a2 = a.copy()
    lo, hi, width = _middle_two(a2, b, c, d, a2)
    np.testing.assert_array_equal(lo, [2.0, 0.0])
    np.testing.assert_array_equal(hi, [3.0, -1.0])
    np.testing.assert_array_equal(width, [3.0, 6.0])
    np.testing.assert_array_equal(a2, [4.0, 5.0])
    for x, y in zip((b, c, d), kept[1:], strict=True):
        np.testing.assert_array_equal(x, y)
    first = four[0].copy()
    lo, hi, width = _middle_two(first, *four[1:], first)
    np.testing.assert_array_equal(np.minimum(lo, hi), ordered[1])
    np.testing.assert_array_equal(np.maximum(lo, hi), ordered[2])
    np.testing.assert_array_equal(width, ordered[3] - ordered[0])
    np.testing.assert_array_equal(first, ordered[3])


def test_middle_two_unordered_give_the_ordered_sum_and_square():
    # The prediction takes lo + hi and (hi - lo)^2 of the middle two: the
    # same floats as of the ordered pair (min, max) for every order, and
    # where a member is NaN the same NaN, sign included (the positive NaN of
    # padding beside the negative NaN of inf - inf).
    rng = np.random.default_rng(8)
    four = rng.normal(size=(4, 300)) * rng.choice([1e-300, 1.0, 1e300], size=(4, 300))
    with np.errstate(invalid="ignore"):
        neg_nan = np.array([np.inf]) - np.array([np.inf])
    four[0, :20] = np.nan
    four[1, 10:30] = neg_nan[0]
    four[2, 25:40] = np.nan
    four[3, 35:50] = neg_nan[0]
    assert np.signbit(neg_nan[0]) != np.signbit(np.nan)
    lo, hi, _ = _middle_two(*(x.copy() for x in four), np.empty(300))
    # Where NaN, lo and hi are the same NaN (the pair's first NaN).
    nan = np.isnan(lo)
    np.testing.assert_array_equal(nan, np.isnan(four).any(axis=0))
    np.testing.assert_array_equal(lo[nan].view(np.int64), hi[nan].view(np.int64))
    # a first (positive) where a and b are NaN, b (negative) where a is not.
    assert np.signbit(lo[20:30]).all()
    assert not np.signbit(lo[:20]).any()
    small, large = np.minimum(lo, hi), np.maximum(lo, hi)
    with np.errstate(over="ignore"):
        for got, want in (
            (lo + hi, small + large),
            ((hi - lo) * 2.0 * (hi - lo), (large - small) * 2.0 * (large - small)),
        ):
            np.testing.assert_array_equal(got.view(np.int64), want.view(np.int64))


@pytest.mark.parametrize("seed", [0, 1])
def test_prediction_leaves_the_states_untouched(seed):
    # auto's prediction works in place on its own temporaries: the states it
    # reads (views of the kept rows, read again by the next block) and the
    # horizons keep every value, and a second prediction gives the same
    # floats.
    ts, p = _mixed_panel(seed)
    states = tuple(np.asarray(x).T for x in _auto_states(p, 4))
    kept = [x.copy() for x in states]
    for h in (np.asarray(2.0), np.array([[1.0], [3.0]]), np.full((4, len(ts)), 0.5)):
        rows = tuple(x[-1:] for x in states) if h.shape == (2, 1) else states
        h_kept = h.copy()
        first = _auto_predict(rows, h)
        second = _auto_predict(rows, h)
        for a, b in zip(first, second, strict=True):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(h, h_kept)
        for x, y in zip(states, kept, strict=True):
            np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("start", [0, 1, 2, 5])
def test_pair_terms_from_zeroed_increments_equal_the_masked_ones(start):
    # With the counts given (yearly data), the increments are zeroed off the
    # pairs and the pair terms are not masked: the sums must be the floats of
    # the masked terms, signs of zero included, beside overflowing
    # increments (+-1e308 alternating: d = +-inf, whose product with a
    # zeroed increment would be NaN), a constant series (zero increments,
    # -0.0 products against negative ones), a full-width, a 2-point, a
    # 1-point and an empty series.
    ts, ys = _batches(5)
    big = np.array([1e308, -1e308, 1e308, -1e308, 1e308])
    extra_y = [big, np.full(6, 4.0), np.array([3.0, 1.0]), np.array([2.0]), np.array([])]
    width = max(len(t) for t in ts)
    extra_y.append(np.linspace(5.0, -3.0, width))
    extra_t = [2000.0 + np.arange(len(y)) for y in extra_y]
    ts, ys = [*ts, *extra_t], [*ys, *extra_y]
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    tt, yt, mt = p.T.T, p.Y.T, p.M.T
    counts = p.nj.T[start:].astype(np.float64)
    with np.errstate(over="ignore"):  # the overflow is the point
        plain = _increment_sums_of(tt, (yt, yt * -0.5), mt, start)
        given = _increment_sums_of(tt, (yt, yt * -0.5), mt, start, counts=counts)
    for a, b in zip(plain, given, strict=True):
        _same_bits(a, b)
    # By hand, the 2-point series 3, 1: one increment d = -2, no pair, so
    # q = 4 and a1 = a2 = 0 at its last point; the overflowing series has
    # q = inf (d^2 of +-inf).
    at = len(ts) - 4
    assert given[0][:3, -1, at].tolist() == [4.0, 0.0, 0.0]
    assert given[0][0, -1, len(ts) - 6] == np.inf


def test_tails_table_is_kept_per_largest_count_and_rule(monkeypatch):
    # The table by count is worked out once for each largest count and the
    # rule's constants: a second batch reads the same floats, and another
    # _DF_SHARE gets a table of its own. At _DF_SHARE = 1 the df stay n - 2
    # and the scale is unchanged (ratio 1).
    n = np.array([[3.0, 9.0, 12.0]])
    first = _by_count(n, n.astype(np.int64))
    again = _by_count(n, n.astype(np.int64))
    for a, b in zip(first, again, strict=True):
        _same_bits(a, b)
    monkeypatch.setattr(_auto, "_DF_SHARE", 1.0)
    ratio, df = _by_count(n, n.astype(np.int64))
    assert ratio.tolist() == [[1.0, 1.0, 1.0]]
    assert df.tolist() == [[1.0, 7.0, 10.0]]


def test_noise_model_weights_as_the_formula_reads():
    # Each model's weight is prior * exp(-0.5 m / scale * (d - min d)), with
    # d = (r - rho)^2, rho = (phi - 1) / 2, m = max(n - 1, 1) and scale
    # _LIKELIHOOD_SCALE (2) below _BARTLETT_FROM (16) increments, else
    # _LIKELIHOOD_LONG (1): the same floats when the models sharing an
    # autocorrelation (the line and the white-noise drift, both rho = -0.5)
    # share the work. By hand, r = -0.5 puts both at d = 0 = min d: weights 8
    # and 1 exactly.
    rng = np.random.default_rng(3)
    shape = (5, 40)
    r = rng.uniform(-1.0, 0.6, shape)
    r[0, 0] = -0.5
    n = rng.integers(0, 30, shape).astype(np.float64)
    parts = _spread_parts(
        rng.uniform(0.0, 1.0, shape), rng.uniform(0.0, 9.0, shape), r, n,
        np.ones(shape), np.zeros(shape, dtype=bool), rng.uniform(0.0, 1.0, shape),
        np.zeros(shape[1], dtype=bool),
    )  # fmt: skip
    named = dict(
        zip(("share", "sig2_step", "ratio", "df", "zero", *_KEPT_PARTS[4:]), parts, strict=True)
    )
    m = np.maximum(n - 1.0, 1.0)
    scale = np.where(m >= _BARTLETT_FROM, _LIKELIHOOD_LONG, _LIKELIHOOD_SCALE)
    dist = [(r - 0.5 * (phi - 1.0)) ** 2 for _, phi, _ in _NOISE_MODELS]
    best = np.min(dist, axis=0)
    den = np.zeros(shape)
    for i, (_, _, prior) in enumerate(_NOISE_MODELS):
        want = prior * np.exp(-0.5 * m / scale * (dist[i] - best))
        _same_bits(named[f"w{i}"], want)
        den += want
    _same_bits(named["den"], den)
    assert named["w0"][0, 0] == 8.0
    assert named["w1"][0, 0] == 1.0
    # With the counts as integers, the parts of the count alone come from a
    # table by count: every part the same floats. By hand, 2 points give n'
    # = max(2, 3) = 3, 1 + 1/3 and 3 (3^2 - 1) = 24.
    n[0, 1] = 2.0
    args = (
        rng.uniform(0.0, 1.0, shape), rng.uniform(0.0, 9.0, shape), r, n,
        np.ones(shape), np.zeros(shape, dtype=bool), rng.uniform(0.0, 1.0, shape),
        np.zeros(shape[1], dtype=bool),
    )  # fmt: skip
    plain = _spread_parts(*args)
    by_count = _spread_parts(*args, counts=n.astype(np.int64))
    for a, b in zip(plain, by_count, strict=True):
        _same_bits(a, b)
    named = dict(
        zip(("share", "sig2_step", "ratio", "df", "zero", *_KEPT_PARTS[4:]), by_count, strict=True)
    )
    assert (named["nn"][0, 1], named["inv_n"][0, 1], named["n3"][0, 1]) == (
        3.0,
        1.0 + 1.0 / 3.0,
        24.0,
    )


def test_long_histories_read_the_autocorrelation_with_bartletts_variance():
    # r = 0 (the random walk's own, rho = 0 at phi = 1): the random walk's
    # distance is 0 = min d and the line's (rho = -0.5) is 0.25. By hand, at
    # 17 points (m = 16 increments, Bartlett's 1 / m) the line's weight is
    # 8 exp(-0.5 * 16 / 1 * 0.25) = 8 exp(-2) = 1.0827; at 16 points (m = 15,
    # twice Bartlett's) 8 exp(-0.5 * 15 / 2 * 0.25) = 8 exp(-0.9375) = 3.1328.
    # The random walk keeps weight 1 at both.
    shape = (1, 2)
    n = np.array([[17.0, 16.0]])
    parts = _spread_parts(
        np.ones(shape), np.full(shape, 9.0), np.zeros(shape), n, np.ones(shape),
        np.zeros(shape, dtype=bool), np.ones(shape), np.zeros(shape[1], dtype=bool),
        counts=n.astype(np.int64),
    )  # fmt: skip
    named = dict(
        zip(("share", "sig2_step", "ratio", "df", "zero", *_KEPT_PARTS[4:]), parts, strict=True)
    )
    line = next(i for i, (kind, _, _) in enumerate(_NOISE_MODELS) if kind == "l")
    walk = next(i for i, (_, phi, _) in enumerate(_NOISE_MODELS) if phi == 1.0)
    assert named[f"w{line}"][0].tolist() == pytest.approx(
        [8.0 * math.exp(-2.0), 8.0 * math.exp(-0.9375)], rel=1e-12
    )
    assert named[f"w{line}"][0, 0] == pytest.approx(1.0827, abs=1e-4)
    assert named[f"w{line}"][0, 1] == pytest.approx(3.1328, abs=1e-4)
    assert named[f"w{walk}"][0].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("start", [0, 1, 3, 7])
def test_line_sums_of_whole_years_equal_the_summed_ones(start):
    # Yearly data with exact differences: the sums of tau and tau^2 from the
    # counts, and tau v as tau's column times v, are the floats of the
    # running sums over the masked terms, signs of zero included, beside a
    # constant series (v = 0: tau v = -0.0 at its data), a full-width, a
    # 1-point and an empty series.
    ts, ys = _batches(6)
    width = max(len(t) for t in ts)
    extra_y = [np.full(5, 4.0), np.full(width, 2.0), np.array([2.0]), np.array([])]
    ts = [*ts, *(2000.0 + np.arange(len(y)) for y in extra_y)]
    ys = [*ys, *extra_y]
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    tt, yt, mt = p.T.T, p.Y.T, p.M.T
    dt = tt[1:] - tt[:-1]
    first = np.minimum(np.maximum(tt.shape[0] - p.n, 0), tt.shape[0] - 1)
    t_first = tt[first, np.arange(p.n.size)]
    assert _whole_years((dt, _all_one(dt)), t_first, p.step)
    plain = _line_sums(tt, yt, mt, start, squares=False)
    whole = _line_sums(tt, yt, mt, start, squares=False, counts=p.nj.T[start:])
    _same_bits(plain, whole)
    # By hand, the 5-point constant series at 2000, ..., 2004 (the last
    # column): tau = -4, ..., 0, so the sums are -10 and 16 + 9 + 4 + 1 = 30.
    at = len(ts) - 4
    assert whole[0, -1, at] == -10.0
    assert whole[2, -1, at] == 30.0


def test_whole_years_only_where_differences_are_exact():
    # A difference of two times at least 2 and about 1 apart is exact: the
    # flag holds for yearly data from 2000 or 2, not for times from 0.1
    # (their spacings read 1.0, but below 2 that need not be exact: from 1.1
    # they read 1.0 while 1.1 - 4.1 reads -2.9999999999999996), another
    # step, or spacings not all 1.
    def flag(t: np.ndarray, step: float = 1.0) -> bool:
        tt = t[:, None]
        dt = tt[1:] - tt[:-1]
        return _whole_years((dt, _all_one(dt)), t[:1], np.array([step]))

    assert flag(2000.0 + np.arange(6.0))
    assert flag(2.0 + np.arange(6.0))
    assert not flag(0.1 + np.arange(4.0))
    assert not flag(2000.0 + np.arange(6.0), step=2.0)
    assert not flag(2000.0 + np.array([0.0, 1.0, 3.0]))
    assert not flag(np.array([np.nan]))


@pytest.mark.parametrize("width", [1, 4, 8])
def test_whole_year_states_equal_the_general_ones(monkeypatch, width):
    # Every state and spread part of auto, with the tables of whole years
    # (line sums, effective spans and 1 - phi^S by count) and without them:
    # the same floats, NaN and signs of zero included.
    ts, ys = _batches(7)
    extra_y = [np.full(5, 4.0), np.array([2.0]), np.array([]), np.array([0.0, 3.0, 1.0])]
    ts = [*ts, *(1990.0 + np.arange(len(y)) for y in extra_y)]
    ys = [*ys, *extra_y]
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    seen = []
    whole_years = _auto._whole_years

    def spy(*args: object) -> bool:
        seen.append(whole_years(*args))
        return seen[-1]

    monkeypatch.setattr(_auto, "_whole_years", spy)
    tables = [np.array(s, copy=True) for s in _auto_states(p, width)]
    monkeypatch.setattr(_auto, "_whole_years", lambda *_: False)
    general = _auto_states(p, width)
    assert seen == [True]
    for a, b in zip(tables, general, strict=True):
        _same_bits(a, b)


def test_trend_weight_by_hand_and_as_the_formula_reads():
    # t^2 = cz^2 span^2 / (sig2 step ratio), ratio = S at phi = 1 else
    # (1 - phi^S) / (1 - phi), S = span / step; k = 3.5 min(max((n - 6) / 6,
    # 0), 1); the share kept is 1 - k / (t^2 + k), 1 where that is NaN.
    # By hand: cz = 1, sig2 = 1, step 1, span 4, phi = 1, 12 points: t^2 =
    # 16 / 4 = 4 and k = 3.5, so 1 - 3.5 / 7.5 = 8 / 15; phi = 0.5 instead:
    # ratio (1 - 1/16) / 0.5 = 1.875, t^2 = 16 / 1.875 = 128 / 15, and the
    # share 1 - 3.5 / (128 / 15 + 3.5) = 256 / 361.
    one = np.ones((1, 2))
    got = _trend_weight(one, one, np.array([[1.0, 0.5]]), step=one, span=4 * one, n=12 * one)
    assert got[0, 0] == pytest.approx(8 / 15, rel=1e-15)
    assert got[0, 1] == pytest.approx(256 / 361, rel=1e-15)
    # Worked on the elements away from phi = 1 only, and k by count: the
    # floats of the formula written out, with phi near 1, NaN, zero spans
    # and sig2, and counts below, inside and above the ramp.
    rng = np.random.default_rng(11)
    shape = (6, 70)
    cz, sig2 = rng.normal(size=shape), rng.uniform(0.0, 2.0, shape)
    phi = rng.choice([1.0, 1.0 - 1e-7, 0.3, 0.65, 0.9, np.nan], shape)
    span = rng.integers(0, 25, shape).astype(np.float64)
    span[0, :5] = np.nan
    sig2[1, :5] = 0.0
    step = rng.choice([1.0, 0.5], shape[1])
    counts = rng.integers(0, 30, shape)
    n = counts.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        big_s = span / step
        om = 1.0 - phi
        near = om < 1e-6
        ratio = np.where(near, big_s, (1.0 - phi**big_s) / np.where(near, 1.0, om))
        t2 = cz * cz * span * span / (sig2 * step * ratio)
        k = 3.5 * np.clip((n - 6.0) / 6.0, 0.0, 1.0)
        keep = 1.0 - k / (t2 + k)
    want = np.where(np.isnan(keep), 1.0, keep)
    out = np.full(shape, np.nan)
    got = _trend_weight(cz, sig2, phi, step=step, span=span, n=n, counts=counts, out=out)
    assert got is out
    _same_bits(got, want)
    _same_bits(_trend_weight(cz, sig2, phi, step=step, span=span, n=n), want)


@pytest.mark.parametrize("time_major", [False, True])
def test_panel_counts_points_up_to_each_column(time_major):
    # Right aligned in 3 columns: 3 points count 1, 2, 3; none 0, 0, 0; 2
    # points (in the last two columns) 0, 1, 2. Integers, in the layout of
    # the panel's other arrays.
    t = np.array([2000.0, 2001.0, 2002.0, 2010.0, 2011.0])
    p = _panel(t, t - 1999.0, np.array([0, 3, 3, 5]), log=False, time_major=time_major)
    assert p.nj.tolist() == [[1, 2, 3], [0, 0, 0], [0, 1, 2]]
    assert p.nj.dtype == np.int64
    assert p.nj.flags.f_contiguous == p.M.flags.f_contiguous == time_major


def test_spread_autocorrelation_is_the_smaller_on_logs_only():
    # The spread's r: on logs and on the values for a series forecast on
    # logs, the smaller of the two; r on the values alone for the others (a
    # value <= 0, a constant history), where the two are the same floats.
    ts, ys = _batches(8)
    ys = [*ys, np.full(6, 3.0), np.array([1.0, -2.0, 4.0, 3.0, 8.0])]
    ts = [*ts, 2000.0 + np.arange(6.0), 2000.0 + np.arange(5.0)]
    # A positive series whose values overflow (1.7e308 - 1e308 squared)
    # and whose logs do not (log 1.7e308 is about 709.7).
    ys.append(np.array([1e308, 1.7e308, 1e308, 1.7e308, 1.2e308, 1.7e308]))
    ts.append(2000.0 + np.arange(6.0))
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    width = 5
    with np.errstate(over="ignore", invalid="ignore"):
        states = _auto_states(p, width)
    on_logs = states[_AT["pos"]][:, 0]
    assert on_logs.any()
    assert not on_logs.all()
    tt, yt, mt = p.T.T, p.Y.T, p.M.T
    c0 = tt.shape[0] - width
    with np.errstate(divide="ignore", invalid="ignore"):
        zt = np.where(on_logs, np.log(yt), yt)
    first = np.minimum(np.maximum(tt.shape[0] - p.n, 0), tt.shape[0] - 1)
    span = tt[c0:] - tt[first, np.arange(p.n.size)]
    nj = p.nj.T[c0:].astype(np.float64)
    r_log = _lag_one_r(_increment_sums(tt, zt, mt, c0), states[_AT["cz"]].T, span, nj)
    with np.errstate(over="ignore", invalid="ignore"):
        r_val = _lag_one_r(_increment_sums(tt, yt, mt, c0), states[_AT["c"]].T, span, nj)
    _same_bits(states[_AT["rs"]].T, np.where(on_logs, np.minimum(r_log, r_val), r_log))
    # The overflowing series is on logs. Its r on the values is not finite
    # (its squared increments, about (7e307)^2, overflow) and reads 0, the
    # random walk; its r on logs is finite. rs is the smaller of the two.
    assert on_logs[-1]
    np.testing.assert_array_equal(r_val[:, -1], 0.0)
    assert np.isfinite(r_log[:, -1]).all()
    _same_bits(states[_AT["rs"]][-1], np.minimum(r_log[:, -1], 0.0))
    # The values' r is the smaller somewhere on logs, so the choice is seen.
    assert (on_logs & (r_val < r_log)).any()


def test_short_growth_line_is_the_latest_value_and_growth_on_its_scale():
    # Below 13 points the growth member's line is the latest value and the
    # growth since the first point: on logs (log y, its slope) for a series
    # forecast on logs, on the values (y, c) for the others (a value <= 0, a
    # constant history).
    ts = [2000.0 + np.arange(6.0), 2000.0 + np.arange(5.0), 2000.0 + np.arange(4.0)]
    ys = [np.array([1.0, 2.0, 4.0, 5.0, 7.0, 9.0]), np.array([1.0, -2.0, 4.0, 3.0, 8.0])]
    ys.append(np.full(4, 3.0))
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    s = _auto_states(p, 1)
    base, growth = s[_AT["base"]][:, 0], s[_AT["growth"]][:, 0]
    # log 9 and (log 9 - log 1) / 5; 8 and (8 - 1) / 4; 3 and 0.
    np.testing.assert_allclose(base, [math.log(9.0), 8.0, 3.0], rtol=1e-15)
    np.testing.assert_allclose(growth, [math.log(9.0) / 5.0, 7.0 / 4.0, 0.0], rtol=1e-15)
    assert s[_AT["pos"]][:, 0].tolist() == [True, False, False]
