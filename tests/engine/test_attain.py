"""Attainment kernels on hand-built columns."""

from __future__ import annotations

import numpy as np
import pytest

from innovplan.engine import _attain as attain
from innovplan.engine import _codes as c
from innovplan.engine import _coltypes as coltypes
from innovplan.engine import _evidence as evidence
from innovplan.engine import _formulas as formulas
from innovplan.engine import _segments as segments
from innovplan.engine import _vintages as vintages

NAN = np.nan


def obs(ind, start, end, value, known=None, bound=None, level=None):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    n = len(ind)
    return coltypes.ObservationArrays(
        np.asarray(ind, np.int64),
        np.asarray(start, float),
        np.asarray(end, float),
        np.asarray(end if known is None else known, float),
        np.asarray(value, float),
        np.zeros(n, np.int8) if bound is None else np.asarray(bound, np.int8),
        np.zeros(n, bool) if level is None else np.asarray(level, bool),
    )


def test_vintages_latest_release_and_as_of() -> None:
    ind = np.array([1, 0, 0, 0])
    start = np.array([2022.0, 2022.0, 2022.0, 2023.0])
    end = start + 1
    known = np.array([2023.0, 2023.5, 2023.1, 2024.1])
    rows = vintages.select_vintages(ind, start, end, known)
    assert rows.tolist() == [1, 3, 0]  # unsorted input is sorted; revision 1 beats 2
    assert vintages.select_vintages(ind, start, end, known, as_of=2023.2).tolist() == [2, 0]
    assert vintages.select_vintages(ind, start, end, known, as_of=2022.0).tolist() == []


def test_yoy_growth_from_levels_and_bounds() -> None:
    ind = np.array([0, 0, 0, 1])
    start = np.array([2021.99, 2022.99, 2023.99, 2023.99])
    end = start + 0.0027
    value = np.array([100.0, 120.0, 150.0, 5.0])
    bound = np.array([c.EXACT, c.LOWER, c.EXACT, c.EXACT], np.int8)
    g, b, prev = vintages.yoy_growth(ind, start, end, value, bound)
    assert prev.tolist() == [-1, 0, 1, -1]
    assert g[1] == pytest.approx(20.0)
    assert g[2] == pytest.approx(25.0)
    assert b.tolist() == [c.EXACT, c.LOWER, c.UPPER, c.EXACT]
    assert np.isnan(g[0])
    assert np.isnan(g[3])


def test_interval_of_every_comparator() -> None:
    comp = np.array(
        [c.AT_LEAST, c.MORE_THAN, c.AT_MOST, c.LESS_THAN, c.BETWEEN, c.ABOUT, c.EQUAL], np.int8
    )
    d = np.array([c.INCREASE] * 4 + [c.NEAR, c.NEAR, c.DECREASE], np.int8)
    value = np.full(7, 10.0)
    upper = np.array([NAN] * 4 + [12.0, NAN, NAN])
    lo, hi, lc, hc = formulas.interval(value, upper, comp, d, np.full(7, 0.5))
    assert lo.tolist() == [10, 10, -np.inf, -np.inf, 10, 9.5, -np.inf]
    assert hi.tolist() == [np.inf, np.inf, 10, 10, 12, 10.5, 10]
    assert lc.tolist() == [True, False, True, True, True, True, True]
    assert hc.tolist() == [True, True, True, False, True, True, True]


@pytest.mark.parametrize(
    ("comparator", "direction", "bound", "x", "met"),
    [
        (c.MORE_THAN, c.INCREASE, c.LOWER, 12000, c.UNDECIDED),  # ">12,000" vs "more than 13,000"
        (c.MORE_THAN, c.INCREASE, c.LOWER, 13500, c.MET),
        (c.MORE_THAN, c.INCREASE, c.UPPER, 12000, c.NOT_MET),
        (c.MORE_THAN, c.INCREASE, c.UPPER, 14000, c.UNDECIDED),
        (c.AT_MOST, c.DECREASE, c.LOWER, 14000, c.NOT_MET),
        (c.AT_MOST, c.DECREASE, c.UPPER, 12000, c.MET),
        (c.BETWEEN, c.NEAR, c.LOWER, 16000, c.NOT_MET),
        (c.BETWEEN, c.NEAR, c.LOWER, 13500, c.UNDECIDED),
        (c.BETWEEN, c.NEAR, c.UPPER, 12000, c.NOT_MET),
    ],
)
def test_bounds(comparator: int, direction: int, bound: int, x: float, met: int) -> None:
    got, _ = formulas.compare(
        np.array([x], float),
        np.array([bound], np.int8),
        np.array([13000.0]),
        np.array([15000.0 if comparator == c.BETWEEN else NAN]),
        np.array([comparator], np.int8),
        np.array([direction], np.int8),
        np.zeros(1),
    )
    assert got.tolist() == [met]


def test_boundary_forgives_conversion_rounding_only() -> None:
    x = np.array([1450.0 * (1 + 4e-16), 1450.0 * (1 + 1e-9)])
    met, _ = formulas.compare(
        x,
        np.zeros(2, np.int8),
        np.full(2, 1450.0),
        np.full(2, NAN),
        np.array([c.MORE_THAN] * 2, np.int8),
        np.zeros(2, np.int8),
        np.zeros(2),
    )
    assert met.tolist() == [c.NOT_MET, c.MET]


def test_attainment_signs_and_zero() -> None:
    x = np.array([-1.0, -3.0, 0.0, -15.0, 5.0, 1.0])
    ref = np.array([-2.0, -2.0, 5.0, -13.5, 0.0, 2.0])
    d = np.array([c.INCREASE, c.INCREASE, c.DECREASE, c.DECREASE, c.INCREASE, c.NEAR], np.int8)
    got = formulas.attainment(x, ref, ref, np.full(6, NAN), np.zeros(6, np.int8), d)
    assert got[:2].tolist() == [1.5, 0.5]
    assert np.isposinf(got[2])
    assert got[3] == pytest.approx(15 / 13.5)
    assert np.isnan(got[4])
    assert got[5] == pytest.approx(0.5)


def test_score_is_capped() -> None:
    assert formulas.score(np.array([-0.2, 0.5, 7.0]), np.zeros(3, np.int8)).tolist() == [
        0.0,
        0.5,
        1.0,
    ]


def test_bases() -> None:
    level = np.array([110.0, 110.0, 110.0, 121.0])
    basis = np.array([c.VALUE, c.CHANGE, c.PERCENT_CHANGE, c.AVERAGE_ANNUAL], np.int8)
    got = formulas.on_basis(level, np.full(4, 2025.0), np.full(4, 100.0), np.full(4, 2023.0), basis)
    assert got.tolist() == pytest.approx([110.0, 10.0, 10.0, 10.0])
    goal = formulas.target_level(
        np.array([110.0, 10.0, 10.0, 10.0]),
        np.full(4, 100.0),
        np.full(4, 2023.0),
        np.full(4, 2025.0),
        basis,
    )
    assert goal.tolist() == pytest.approx([110.0, 110.0, 110.0, 121.0])


def test_progress_escap_current_status() -> None:
    got = formulas.progress(
        np.array([53.0, 12.0, 9.0, 5.0]),
        np.array([15.0, 20.0, 5.0, 5.0]),
        np.array([50.0, 10.0, 10.0, 5.0]),
        np.array([c.INCREASE, c.DECREASE, c.NEAR, c.INCREASE], np.int8),
    )
    assert got[:3].tolist() == pytest.approx([38 / 35, 0.8, 0.8])
    assert np.isnan(got[3])


def test_run_flow_sums_nested_and_overlapping_periods() -> None:
    # Target 0: 2021-2025 cumulative; years 2021, 2022 plus 2022-H1 (nested, left out).
    # Target 1: 2023 with two crossing periods (Jan-Aug, Jul-Dec): the later one is left out.
    t = coltypes.simple_targets(
        value=[10.0, 100.0],
        comparator=[c.AT_LEAST] * 2,
        start=[2021.0, 2023.0],
        end=[2026.0, 2024.0],
    )
    o = obs(
        [0, 0, 0, 1, 1],
        [2021.0, 2022.0, 2022.0, 2023.0, 2023.5],
        [2022.0, 2023.0, 2022.5, 2023.66, 2024.0],
        [3.0, 4.0, 1.0, 60.0, 50.0],
    )
    out = attain.run(t, o)
    assert out.level.tolist() == [7.0, 60.0]
    assert out.n_parts.tolist() == [2, 1]
    assert out.status.tolist() == [c.PENDING, c.PENDING]
    assert out.flags[1] & c.OVERLAP
    assert out.flags[0] & c.CUMULATIVE
    assert out.flags[0] & c.PARTIAL


def test_run_flow_with_hole_is_not_final() -> None:
    t = coltypes.simple_targets(
        value=[10.0], comparator=[c.AT_MOST], direction=[c.DECREASE], start=[2021.0], end=[2024.0]
    )
    o = obs([0, 0], [2021.0, 2023.0], [2022.0, 2024.0], [3.0, 4.0])
    out = attain.run(t, o)
    assert out.flags[0] & c.GAPS
    assert out.status.tolist() == [c.PENDING]
    # With the missing year over the ceiling already, a flow of non-negative
    # amounts can only grow: not achieved, decided early.
    o2 = obs([0, 0], [2021.0, 2023.0], [2022.0, 2024.0], [3.0, 8.0])
    out2 = attain.run(t, o2)
    assert out2.status.tolist() == [c.NOT_ACHIEVED]


def test_run_no_observation_is_no_data() -> None:
    t = coltypes.simple_targets(value=[1.0, 2.0], comparator=[0, 0])
    out = attain.run(t, obs([], [], [], []))
    assert out.status.tolist() == [c.NO_DATA, c.NO_DATA]
    assert np.isnan(out.attainment).all()
    assert out.row.tolist() == [-1, -1]


def test_run_segments_with_empty_neighbours() -> None:
    # Targets 0 and 2 have no observation; target 1 has two (found by hypothesis).
    t = coltypes.simple_targets(
        value=[0.0, 0.0, 0.0], comparator=[c.AT_LEAST] * 3, ind=[0, 1, 0], measure=[c.LEVEL] * 3
    )
    o = obs([1, 1], [2021.0, 2023.0], [2022.0, 2024.0], [0.0, 0.0])
    out = attain.run(t, o)
    assert out.status.tolist() == [c.NO_DATA, c.ACHIEVED, c.NO_DATA]


def test_vintages_drop_unused_indicators_and_keep_sorted_input() -> None:
    ind = np.array([-1, 0, 0, 1])
    start = np.array([2022.0, 2022.0, 2023.0, 2023.0])
    end = start + 1
    known = end + 0.1
    assert vintages.select_vintages(ind, start, end, known).tolist() == [1, 2, 3]
    assert vintages.select_vintages(ind[1:], start[1:], end[1:], known[1:]).tolist() == [0, 1, 2]


def _random_case(rng: np.random.Generator, n: int):  # type: ignore[no-untyped-def]
    comparator = rng.integers(0, 7, n)
    value = rng.uniform(-20.0, 100.0, n)
    targets = coltypes.simple_targets(
        value=value,
        comparator=comparator,
        direction=rng.integers(0, 3, n),
        measure=rng.integers(0, 4, n),
        upper=np.where(comparator == c.BETWEEN, value + rng.uniform(0.0, 20.0, n), NAN),
        start=rng.choice([2022.0, 2023.0], n),
        end=np.full(n, 2024.0),
    )
    start = rng.choice([2022.0, 2023.0, 2023.5, 2023.9973], n)
    observations = obs(
        np.arange(n),
        start,
        start + rng.choice([0.0027, 0.5, 1.0], n),
        rng.uniform(-10.0, 120.0, n),
        bound=rng.choice([c.EXACT, c.EXACT, c.LOWER, c.UPPER], n),
    )
    return targets, observations


def test_one_observation_each_takes_the_short_path_to_the_same_evidence() -> None:
    rng = np.random.default_rng(6)
    for _ in range(20):
        t, o = _random_case(rng, 200)
        join = segments._pairs(o.ind, t.ind)
        assert join.one
        assert join.aligned
        summed = t.measure == c.FLOW  # VALUE targets: a flow sums its deadline period
        short = evidence._evidence_one(t, o, join, summed)
        general = evidence._evidence_many(t, o, join, summed)
        for name in short._fields:
            a, b = getattr(short, name), getattr(general, name)
            if name == "may_grow":  # read only for flows with evidence
                used = (t.measure == c.FLOW) & (short.pos >= 0)
                a, b = a & used, b & used
            assert np.array_equal(a, b, equal_nan=True), name


def test_results_do_not_depend_on_row_order_or_extra_rows() -> None:
    rng = np.random.default_rng(7)
    t, o = _random_case(rng, 300)
    aligned = attain.run(t, o)
    # Shuffled rows, plus an observation outside every target's period: the
    # general path, with the same results (rows still name the caller's rows).
    perm = rng.permutation(300)
    extra = obs([5], [2010.0], [2011.0], [1.0])
    shuffled = coltypes.ObservationArrays(
        *(np.concatenate([a[perm], b]) for a, b in zip(o, extra, strict=True))
    )
    general = attain.run(t, shuffled)
    for name in aligned._fields:
        a, b = getattr(aligned, name), getattr(general, name)
        if name in {"row", "late_row", "basis_row", "base_row"}:
            b = np.where(b >= 0, np.append(perm, -1)[b], -1)
        assert np.array_equal(a, b, equal_nan=True), name


def test_compare_agrees_with_interval_on_every_comparator_and_direction() -> None:
    comp = np.repeat(np.arange(7, dtype=np.int8), 3 * 5)
    d = np.tile(np.repeat(np.arange(3, dtype=np.int8), 5), 7)
    value = np.full(comp.shape[0], 10.0)
    upper = np.where(comp == c.BETWEEN, 12.0, NAN)
    half = np.full(comp.shape[0], 0.5)
    x = np.tile(np.array([9.0, 9.5, 10.0, 10.5, 12.0]), 21)
    lo, hi, lc, hc = formulas.interval(value, upper, comp, d, half)
    expected = np.where(lc, x >= lo, x > lo) & np.where(hc, x <= hi, x < hi)
    met, _ = formulas.compare(x, np.zeros(x.shape[0], np.int8), value, upper, comp, d, half)
    assert met.tolist() == expected.astype(int).tolist()
