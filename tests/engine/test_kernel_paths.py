"""auto's running sums and Holt's recursion: yearly data take a shorter path to the same floats.

With every spacing exactly 1 the increment sums and Holt's recursion leave out
the divisions and products by the spacing (exact in IEEE arithmetic). A batch
holding one series with a gap takes the general path: each yearly series must
come out bit for bit the same in both batches.
"""

import math

import numpy as np
import pytest

from innovplan.engine import auto
from innovplan.engine._auto import (
    _auto_predict,
    _auto_states,
    _by_count,
    _heavier_tails,
    _holt,
    _in_steps,
    _row_horizons,
)
from innovplan.engine._models import _increment_sums, _increment_sums_of
from innovplan.engine._panel import _panel


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
    for h_rows in ([1.0, 2.0, 5.0], [3.0, 3.0, 0.0], [-1.0, 0.5, 4.0]):
        h = np.repeat(np.array(h_rows)[:, None], s_count, axis=1)
        assert _row_horizons(h).shape == (3, 1)
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
