"""The shorter paths after the kernel give the floats of the general ones.

Pairing targets with their histories, the t tail of one kind for all rows,
the finite sums, the years of one-year targets and the measured quantities
of kinds no target has: each is held to the general path or a hand value.
"""

from __future__ import annotations

import numpy as np
import pytest

from innovplan import datasets
from innovplan.engine import _forecast as k
from innovplan.engine import histories
from innovplan.engine._history import SharedHistories
from innovplan.engine._measured import LEVEL, _select, _value_at, measure, take, years
from innovplan.engine._overflow import _by_row_then_bits, _pairs_run, run_forecast_kernel
from innovplan.engine._stats import _t_sf_cf, _t_sf_sums, _t_sf_whole, t_sf


def _same(a: np.ndarray, b: np.ndarray) -> None:
    # Equal floats, NaN where NaN, and the same sign of zero.
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(np.signbit(a), np.signbit(b))


def _bits(h: list[float]) -> np.ndarray:
    return np.asarray(h, dtype=np.float64).view(np.int64)


def test_row_then_bits_by_hand():
    # Rows 1, 0, 1, 0 with horizons rising in target order in each row: the
    # stable sort by row, [1, 3, 0, 2], is already the two-key order.
    row = np.array([1, 0, 1, 0])
    order, r_s, b_s = _by_row_then_bits(row, _bits([2030.0, 2030.0, 2031.0, 2032.0]))
    assert order.tolist() == [1, 3, 0, 2]
    assert r_s.tolist() == [0, 0, 1, 1]
    # Row 1's horizons fall (2031 then 2030): sorted by the horizon, [2, 0].
    order, r_s, b_s = _by_row_then_bits(row, _bits([2031.0, 2030.0, 2030.0, 2030.0]))
    assert order.tolist() == [1, 3, 2, 0]
    np.testing.assert_array_equal(b_s, _bits([2030.0, 2030.0, 2030.0, 2031.0]))


@pytest.mark.parametrize("seed", range(6))
def test_row_then_bits_equals_the_two_key_sort(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    row = rng.integers(0, max(n // 3, 1), n)
    h = rng.choice([2025.0, 2030.0, 2030.5, 2035.0, -1.0, 0.0, -0.0], n)
    if seed % 2:
        # Targets listed by deadline, the layout the shorter path serves.
        by = np.lexsort((row, h))
        row, h = row[by], h[by]
    order, r_s, b_s = _by_row_then_bits(row, _bits(h.tolist()))
    want = np.lexsort((_bits(h.tolist()), row))
    assert order.tolist() == want.tolist()
    assert r_s.tolist() == row[want].tolist()
    assert b_s.tolist() == _bits(h.tolist())[want].tolist()


@pytest.mark.parametrize(
    "h_t", [[2030.0, 2031.0, 2025.0, 2031.0, 2030.0], [2025.0, 2025.0, 2030.0, 2031.0, 2031.0]]
)
def test_pairs_run_gives_each_target_its_own_forecast(h_t):
    # Two histories; targets of history 1 at 2030, 2025 and 2030 (falling,
    # then rising), or every history's horizons rising in target order.
    t = np.array([2015.0, 2016.0, 2017.0, 2018.0, 2016.0, 2017.0, 2018.0, 2019.0, 2020.0])
    y = np.array([3.0, 3.5, 3.9, 4.6, 10.0, 11.5, 12.0, 13.2, 14.1])
    indptr = np.array([0, 4, 9])
    row = np.array([1, 0, 1, 0, 1]) if h_t[0] == 2030.0 else np.array([0, 1, 1, 0, 1])
    horizon = np.array(h_t)
    got = _pairs_run(k.drift, (t, y, indptr), np.array([1, 0]), row, (horizon, 0.8))
    assert got is not None
    parts = [(t[indptr[r] : indptr[r + 1]], y[indptr[r] : indptr[r + 1]]) for r in row]
    ip = np.concatenate([[0], np.cumsum([p[0].size for p in parts])]).astype(np.int64)
    tt = np.concatenate([p[0] for p in parts])
    yy = np.concatenate([p[1] for p in parts])
    want, _ = run_forecast_kernel(k.drift, tt, yy, ip, horizon, 0.8)
    for a, b in zip(got, want, strict=True):
        _same(np.asarray(a), np.asarray(b))


_Z = np.array([-np.inf, -30.0, -2.5, -1e-9, -0.0, 0.0, 1e-12, 0.7, 2.0, 9.0, 40.0, np.inf, np.nan])


@pytest.mark.parametrize("df", [1.0, 3.0, 12.0, 7.5, 250.0, np.inf, np.nan, 0.5])
@pytest.mark.parametrize("sums", [True, False])
def test_one_tail_equals_the_broadcast_path(df, sums):
    # A sums array of the rows' shape takes the general path (broadcast,
    # masks per tail); a scalar, the shorter one.
    dfs = np.full(_Z.shape, df)
    general = k._tail_above(_Z, dfs, np.full(_Z.shape, sums))
    _same(k._tail_above(_Z, dfs, sums), general)
    _same(
        k._tail_above(_Z, dfs, sums, _t_sf_cf),
        k._tail_above(_Z, dfs, np.full(_Z.shape, sums), _t_sf_cf),
    )
    # Finite rows only: the tail on all of them at once.
    fin = np.isfinite(_Z)
    _same(k._tail_above(_Z[fin], dfs[fin], sums), general[fin])
    # Certain ends: 1 below -inf, 0 above +inf, NaN for NaN.
    assert general[0] == 1.0
    assert general[-2] == 0.0
    assert np.isnan(general[-1])


def test_finite_sums_by_hand_and_mixed_df():
    # df 3 at x = 1: theta = atan(1 / sqrt 3) = pi / 6, one term (floor(2 / 2)),
    # A = (2 / pi)(pi / 6 + sin cos) = 1/3 + sqrt(3) / (2 pi) = 0.609001,
    # P(T > 1) = (1 - A) / 2 = 0.1955011 (A&S 26.7.3; table 26.10: 0.19550).
    got = float(_t_sf_whole(np.array([1.0]), np.array([3.0]))[0])
    assert got == pytest.approx((1.0 - (1.0 / 3.0 + np.sqrt(3.0) / (2.0 * np.pi))) / 2.0, rel=1e-14)
    assert got == pytest.approx(0.19550110947788527, rel=1e-12)
    # Rows of different df in one call stop at their own term count: each
    # equals its call alone, and agrees with t_sf (whose continued fraction
    # carries gammaln's rounding: up to 3.2e-12, measured when the sums
    # replaced it).
    rng = np.random.default_rng(7)
    x = rng.normal(0.0, 3.0, 240)
    nu = rng.integers(1, 41, 240).astype(np.float64)
    together = _t_sf_whole(x, nu)
    alone = np.array([_t_sf_whole(x[i : i + 1], nu[i : i + 1])[0] for i in range(x.size)])
    _same(together, alone)
    np.testing.assert_allclose(_t_sf_sums(x, nu), t_sf(x, nu), rtol=0, atol=5e-12)


def _china():
    return histories(datasets.china_14th_fyp().targets, datasets.china_14th_fyp_observations())


def test_years_of_one_year_targets_equal_the_general_columns():
    # The 14th FYP mixes kinds (chains and every year: three columns); its
    # level targets alone need one. Their deadline column is the same.
    plan, obs = datasets.china_14th_fyp(), datasets.china_14th_fyp_observations()
    h_all = histories(plan.targets, obs)
    y_all = years(h_all)
    assert y_all.horizons.shape[1] == 3
    level = np.flatnonzero(y_all.form == LEVEL)
    h_lv = histories([plan.targets[i] for i in level], obs)
    y_lv = years(h_lv)
    assert y_lv.horizons.shape == (level.size, 1)
    _same(y_lv.horizons[:, 0], y_all.horizons[level, -1])
    _same(y_lv.steps[:, 0], y_all.steps[level, -1])
    assert y_lv.use.all()
    assert y_all.use[level, :-1].sum() == 0
    assert y_lv.remaining.tolist() == y_all.remaining[level].tolist()
    # Wuhan's targets are all one year: deadline minus the latest time, in
    # steps of a year (T8's deadline 2024 from its 2023 point, one year).
    wuhan = datasets.wuhan_2023()
    h_w = histories([wuhan.target("T8")], datasets.wuhan_2023_observations(), as_of="2023-01-29")
    y_w = years(h_w)
    assert y_w.horizons.tolist() == [[2024.0]]
    assert y_w.steps.tolist() == [[(2024.0 - float(y_w.last[0])) / float(y_w.step[0])]]


def test_select_makes_a_choice_only_where_its_rows_exist():
    cond = [np.array([False, True, False]), np.array([False, False, False])]

    def never() -> np.ndarray:
        raise AssertionError

    got = _select(cond, [lambda: np.array([5.0, 6.0, 7.0]), never], np.array([1.0, 2.0, 3.0]))
    assert got.tolist() == [1.0, 6.0, 3.0]


def test_measure_of_a_batch_equals_each_target_alone():
    # Rows of every kind together (the 14th FYP) and each alone, where kinds
    # absent from the batch take the shorter paths: the same floats.
    h = _china()
    y = years(h)
    fc = k.drift(h.t, h.y, h.indptr, h.horizon, 0.8)
    years_fc = k.drift(h.t, h.y, h.indptr, y.horizons, 0.8)
    whole = measure(h, y, years_fc, fc, 0.8)
    plan, obs = datasets.china_14th_fyp(), datasets.china_14th_fyp_observations()
    for i, target in enumerate(plan.targets):
        h1 = histories([target], obs)
        y1 = years(h1)
        k1 = y1.horizons.shape[1]
        one = measure(h1, y1, take(years_fc, ([i], slice(3 - k1, None))), take(fc, [i]), 0.8)
        for name in (
            "point",
            "lower",
            "upper",
            "probability",
            "so_far",
            "needed",
            "rate_so_far",
            "goal",
            "base",
        ):
            _same(np.asarray(getattr(one, name)), np.asarray(getattr(whole, name))[[i]])


def test_value_at_reads_the_latest_points_given():
    # Histories laid end to end, one empty; targets reading them at their
    # latest point, inside, before, after, beside a point and at NaN.
    t = np.array([2000.0, 2001.0, 2002.0, 2001.5, 2003.0, 2010.0])
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    indptr = np.array([0, 3, 3, 5, 6])
    of = np.array([0, 0, 0, 1, 2, 2, 2, 3, 3, 0])
    none = np.zeros(t.size, dtype=np.int64)
    d = SharedHistories(t, y, indptr, none, none.astype(np.int8), np.zeros(0, np.int64), of)
    when = np.array(
        [2002.0, 2001.0, 1999.0, 2001.0, 2003.0, 2001.5, 2002.0, 2010.0, np.nan, 2002.5]
    )
    # The latest point of each target's history, by definition.
    has = np.array([indptr[k + 1] > indptr[k] for k in of])
    last_t = np.array(
        [t[indptr[k + 1] - 1] if h else -np.inf for k, h in zip(of, has, strict=True)]
    )
    last_y = np.array([y[indptr[k + 1] - 1] if h else np.nan for k, h in zip(of, has, strict=True)])
    got = _value_at(d, when, (has, last_t, last_y))
    # By hand: 2002 is history 0's latest (3); 2001 inside it (2); 1999 before
    # it; history 1 is empty; 2003 and 2001.5 in history 2; 2002 between its
    # points; 2010 history 3's only point; NaN; 2002.5 past history 0's end.
    _same(got, np.array([3.0, 2.0, np.nan, np.nan, 5.0, 4.0, np.nan, 6.0, np.nan, np.nan]))


@pytest.mark.parametrize("ids", [["T8", "T10"], ["T10"], ["T10", "T8"]])
def test_trajectories_without_floors_equal_at_least(ids):
    # T8's 2022 figure is a lower bound ("more than 12,000") of a stock that
    # never fell: its floor is 12000; T10 has none. Without any floor the
    # forecasts are the kernel's with a NaN floor, as at_least leaves them.
    from innovplan.engine import trajectories

    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    h = histories([plan.target(i) for i in ids], obs, as_of="2023-01-29")
    fc, _, measured = trajectories(h, "drift", 0.8, within_year=False)
    want_floor = [12000.0 if i == "T8" else np.nan for i in ids]
    _same(np.asarray(fc.floor), np.array(want_floor))
    raw = k.at_least(k.drift(h.t, h.y, h.indptr, h.horizon, 0.8), np.array(want_floor), 0.8)
    for a, b in zip(fc, raw, strict=True):
        _same(np.asarray(a), np.asarray(b))
    _same(np.asarray(measured.at_deadline.floor), np.array(want_floor))
