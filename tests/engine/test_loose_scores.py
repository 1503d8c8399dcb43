"""Past errors well inside the interval skip the exact normal score: the calibration is the same.

The calibration counts past errors whose normal score is at most z* and reads
the largest score only through the cap max(1.25 * largest / z*, 1). A score
below 0.75 z* is inside and leaves the cap at 1, so auto's driver scores such
errors without the log1p (a value below the bound, not the exact score). These
tests check the bound on the edge cases and that the forecasts are the same
floats as with every score exact.
"""

import math

import numpy as np
import pytest

from innovplan.engine import _driver, auto
from innovplan.engine._driver import (
    _CAL_CAP_SLACK,
    _LOOSE_SHARE,
    _loose_score,
    _score_of,
    _ScoreParts,
)

# norm_ppf(0.9): the quantile of a central 80 % interval.
_Z80 = 1.2815515655446004


def _same_bits(a: np.ndarray, b: np.ndarray) -> None:
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    np.testing.assert_array_equal(a.view(np.int64), b.view(np.int64))


def test_loose_bound_leaves_the_cap_at_one():
    bound = _loose_score(_Z80)
    assert bound == 0.75 * _Z80
    # 1.25 * 0.75 = 0.9375: a largest score below the bound gives the cap 1.
    assert _CAL_CAP_SLACK * _LOOSE_SHARE < 1.0
    assert _CAL_CAP_SLACK * (bound / _Z80) < 1.0
    assert bound < _Z80  # and it is inside the interval
    # Several levels (one z* per series): every score exact.
    assert _loose_score(np.array([1.0, 2.0])) is None


def test_loose_scores_by_hand():
    # df 1: factor (8 + 1) / (8 + 3) = 9 / 11. z = 0.5: the exact score is
    # 9/11 sqrt(log(1.25)) = 0.818182 * 0.472381 = 0.386494; loosely,
    # 9/11 * sqrt(0.25) = 0.409091, both below the bound 0.75 * 1.281552 =
    # 0.961164. z = 2 (z^2 = 4, above the bound's square 0.923836) is exact:
    # 9/11 sqrt(log(5)) = 0.818182 * 1.268636 = 1.037975.
    parts = _ScoreParts.of(np.array([[1.0, 1.0]]))
    z = np.array([[0.5, 2.0]])
    exact = _score_of(z, parts)
    loose = _score_of(z, parts, _loose_score(_Z80))
    assert exact[0, 0] == pytest.approx(9 / 11 * math.sqrt(math.log(1.25)), rel=1e-15)
    assert exact[0, 0] == pytest.approx(0.386494, abs=1e-6)
    assert loose[0, 0] == pytest.approx(0.409091, abs=1e-6)
    assert loose[0, 1] == exact[0, 1] == pytest.approx(1.037975, abs=1e-6)


@pytest.mark.parametrize("df", [1.0, 2.0, 3.0, 7.5, 24.0, 1e6, np.inf])
def test_loose_scores_at_the_edge(df):
    # Errors around the limit (B (1 - 1e-9))^2 of z * z, one ulp either side
    # of its square root, and far off: at or above the limit (and NaN) the
    # score is the exact one bit for bit; below it both the exact and the
    # loose score are below B.
    bound = _loose_score(_Z80)
    edge = bound * (1.0 - 1e-9)
    z = np.array([
        0.0, -0.0, 1e-300, 1e-8, 0.3, -0.7, np.nextafter(edge, 0.0), edge,
        np.nextafter(edge, 2.0), -edge, bound, _Z80, 3.0, -40.0, 1e150, np.nan,
    ])  # fmt: skip
    zz = np.stack([z, -z])
    parts = _ScoreParts.of(np.full(zz.shape, df))
    exact = _score_of(zz, parts)
    loose = _score_of(zz, parts, bound)
    need = ~(zz * zz < edge**2)
    _same_bits(loose[need], exact[need])
    assert (loose[~need] < bound).all()
    assert (exact[~need] < bound).all()
    # Every side of the edge was tried.
    assert need.sum() > 4
    assert (~need).sum() > 4


def _batch(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # Series of 3 to 30 points: yearly, with gaps, a zero and rises, steady
    # growth, noise around a trend, a constant; horizons 1 to 6 years out.
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for i in range(60):
        n = int(rng.integers(3, 31))
        t = 2000.0 + (np.arange(n, dtype=float) if i % 4 else np.cumsum(rng.choice([1.0, 2.0], n)))
        kind = i % 5
        if kind == 0:
            y = 10.0 * 1.08 ** np.arange(n)
        elif kind == 1:
            y = np.maximum(np.cumsum(rng.normal(0.5, 1.0, n)), 0.0)
        elif kind == 2:
            y = np.full(n, 4.0)
        else:
            y = 100.0 + 3.0 * np.arange(n) + rng.normal(0.0, rng.uniform(0.1, 8.0), n)
        ts.append(t)
        ys.append(y)
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    last = np.array([t[-1] for t in ts])
    h = last[:, None] + np.array([1.0, 3.0, 6.0])
    return np.concatenate(ts), np.concatenate(ys), indptr, h


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("level", [0.8, 0.95, 0.5])
def test_auto_same_floats_as_with_every_score_exact(monkeypatch, seed, level):
    t, y, indptr, h = _batch(seed)
    loose = auto(t, y, indptr, h, level)
    seen: list[int] = []
    original = _score_of

    def exact(z: np.ndarray, parts: _ScoreParts, loose_below: float | None = None) -> np.ndarray:
        # Count the errors the loose path would have scored without log1p.
        if loose_below is not None:
            seen.append(int(np.sum(z * z < (loose_below * (1.0 - 1e-9)) ** 2)))
        return original(z, parts)

    monkeypatch.setattr(_driver, "_score_of", exact)
    want = auto(t, y, indptr, h, level)
    for a, b in zip(loose, want, strict=True):
        _same_bits(a, b)
    # The loose path was taken, on many errors.
    assert sum(seen) > 100
