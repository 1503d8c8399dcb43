"""Targets and observations to engine columns: units converted once per column."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pytest

from innovplan import Q_, parse_quantity
from innovplan.engine import TargetColumns, simple_targets
from innovplan.engine import _codes as c
from innovplan.engine._columns import (
    build,
    engine_unit,
    frac_year,
    frac_years,
    from_frac_year,
)
from innovplan.errors import ModelError, UnitMismatchError, UnknownIdError
from innovplan.model import (
    Comparator,
    Indicator,
    Measure,
    Milestone,
    Observation,
    Target,
    Tolerance,
)
from innovplan.units import registry

TURNOVER = Indicator("turnover", "turnover", unit="hundred_million_yuan", measure=Measure.FLOW)
SHARE = Indicator("share", "share", unit="percent", measure=Measure.SHARE)
RATIO = Indicator("ratio", "ratio", unit="dimensionless", measure=Measure.SHARE)
LOANS = Indicator("loans", "loan growth", unit="percent", measure=Measure.GROWTH)


def test_fractional_years() -> None:
    assert frac_year(dt.date(2023, 1, 1)) == 2023.0
    assert frac_year(dt.date(2024, 1, 1)) == 2024.0
    # The same date a year apart differs by exactly one.
    assert frac_year(dt.date(2023, 12, 31)) - frac_year(dt.date(2022, 12, 31)) == pytest.approx(1.0)
    days = [dt.date(2020, 2, 29), dt.date(1999, 7, 4), dt.date(2023, 12, 31)]
    back = [from_frac_year(t) for t in frac_years([d.toordinal() for d in days])]
    assert back == days


def test_engine_unit_of_percent_valued_indicators_is_percent() -> None:
    assert engine_unit(SHARE) == "percent"
    assert engine_unit(RATIO) == "percent"
    assert engine_unit(TURNOVER) == "hundred_million_yuan"


def test_values_and_periods() -> None:
    t = Target(
        "T10", TURNOVER, Comparator.MORE_THAN, parse_quantity("145 billion yuan"), "2023-12-31"
    )
    o = Observation("turnover", Q_(2.19843e11, "yuan"), 2023, released="2024-04-26")
    h1 = Observation("turnover", parse_quantity("1004.06亿元"), "2023-H1", released="2023-08-06")
    tc, oc = build([t], [o, h1])
    a = tc.arrays
    assert a.value.tolist() == [1450.0]
    assert (a.start[0], a.end[0]) == (2023.0, 2024.0)
    assert a.comparator.tolist() == [c.MORE_THAN]
    assert tc.gap_units == ("hundred_million_yuan",)
    # Sorted by indicator, start, end: the half year comes first.
    assert oc.arrays.value.round(2).tolist() == [1004.06, 2198.43]
    assert oc.observations is not None
    assert oc.observations[0] is h1
    assert oc.arrays.end[1] == 2024.0
    assert oc.arrays.known[1] == pytest.approx(frac_year(dt.date(2024, 4, 26)))


def test_ratio_indicator_is_held_in_percent_and_gaps_in_points() -> None:
    t = Target("R", RATIO, Comparator.ABOUT, Q_(0.11, "dimensionless"), "2023-12-31")
    o = Observation("ratio", Q_(0.146, "dimensionless"), "2023-12-31")
    tc, oc = build([t], [o])
    assert tc.arrays.value[0] == pytest.approx(11.0)
    assert oc.arrays.value[0] == pytest.approx(14.6)
    assert tc.gap_units == ("percentage_point",)
    assert bool(tc.arrays.percent[0])


def test_tolerances_milestones_and_baselines_are_converted() -> None:
    t = Target(
        "S",
        SHARE,
        Comparator.ABOUT,
        Q_(11, "percent"),
        "2025-12-31",
        start="2021-01-01",
        tolerance=Tolerance(absolute=Q_(1, "percentage_point")),
        milestones=[Milestone("2023-12-31", Q_(0.1, "dimensionless"))],
        baseline=Observation("share", Q_(8.7, "percent"), "2020-12-31"),
    )
    tc, _ = build([t], [])
    a = tc.arrays
    assert a.tol_abs.tolist() == [1.0]
    assert a.ms_value.tolist() == pytest.approx([10.0])
    assert a.ms_end.tolist() == [2024.0]
    assert a.ms_indptr.tolist() == [0, 1]
    assert a.base_value.tolist() == [8.7]
    assert a.base_time.tolist() == [2021.0]
    relative = Tolerance(relative=0.1)
    tc2, _ = build(
        [Target("U", SHARE, Comparator.ABOUT, Q_(11, "percent"), "2023-12-31")],
        [],
        tolerance=relative,
    )
    assert tc2.arrays.tol_rel.tolist() == [0.1]


def test_one_conversion_per_column_not_per_element(monkeypatch: pytest.MonkeyPatch) -> None:
    quantity = registry().Quantity
    calls: list[object] = []
    original = quantity.to

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(self.units)
        return original(self, *args, **kwargs)

    targets = [
        Target(f"T{i}", TURNOVER, Comparator.AT_LEAST, Q_(1000 + i, "亿元"), "2023-12-31")
        for i in range(50)
    ]
    obs = [Observation("turnover", Q_(1.0e11 + i, "yuan"), 2000 + i) for i in range(50)]
    monkeypatch.setattr(quantity, "to", counting)
    build(targets, obs)
    # Targets are already in the engine unit (no call); observations in yuan: one call.
    assert len(calls) == 1


def test_unit_mismatch_names_both_units_and_the_target() -> None:
    t = Target("T10", TURNOVER, Comparator.MORE_THAN, Q_(1450, "亿元"), "2023-12-31")
    with pytest.raises(UnitMismatchError) as err:
        build([t], [Observation("turnover", Q_(3, "m**2"), 2023)])
    text = str(err.value)
    assert "T10" in text
    assert "meter ** 2" in text
    assert "hundred_million_yuan" in text


def test_growth_indicator_levels_are_marked_and_points_refused() -> None:
    t = Target("T17", LOANS, Comparator.MORE_THAN, Q_(10, "percent"), "2023-12-31")
    levels = [
        Observation("loans", Q_(4000, "亿元"), "2022-12-31"),
        Observation("loans", Q_(4.5e11, "yuan"), "2023-12-31"),
        Observation("loans", Q_(11.56, "percent"), 2023),
    ]
    _, oc = build([t], levels)
    assert oc.arrays.level.tolist() == [True, False, True]
    # Both levels are held in the first level unit seen.
    assert oc.arrays.value[oc.arrays.level].tolist() == [4000.0, 4500.0]
    with pytest.raises(UnitMismatchError):
        build([t], [Observation("loans", Q_(1, "percentage_point"), 2023)])


def test_same_indicator_defined_twice_differently_is_refused() -> None:
    other = Indicator("turnover", "turnover", unit="yuan", measure=Measure.FLOW)
    a = Target("A", TURNOVER, Comparator.AT_LEAST, Q_(1, "亿元"), "2023-12-31")
    b = Target("B", other, Comparator.AT_LEAST, Q_(1, "yuan"), "2023-12-31")
    with pytest.raises(ModelError):
        build([a, b], [])


def test_observations_of_unknown_indicators_are_left_out() -> None:
    t = Target("T10", TURNOVER, Comparator.MORE_THAN, Q_(1450, "亿元"), "2023-12-31")
    _, oc = build([t], [Observation("other", Q_(1, "m**2"), 2023)])
    assert len(oc) == 0
    assert np.asarray(oc.arrays.value).shape == (0,)


def test_target_texts_given_as_arrays_read_as_tuples():
    arrays = simple_targets(value=[1.0, 2.0], comparator=[0, 0])
    ids = np.array(["A", "B"], dtype=object)
    units = np.array(["yuan", "percentage_point"], dtype=object)
    tc = TargetColumns(arrays, ids, ("0",), ("yuan",), units, units)
    # The arrays are taken as they are; the tuples are made from them when read.
    assert tc.texts("ids").base is ids
    assert not tc.texts("ids").flags.writeable
    assert tc.ids == ("A", "B")
    assert tc.gap_units == tc.basis_units == ("yuan", "percentage_point")
    assert len(tc) == 2
    moved = attrs.evolve(tc, arrays=arrays)
    assert moved.ids == ("A", "B")
    assert moved.texts("gap_units").tolist() == ["yuan", "percentage_point"]
    # Given as tuples, the arrays are made from them.
    assert TargetColumns.from_arrays(arrays, ids=["x", "y"]).texts("ids").tolist() == ["x", "y"]
    with pytest.raises(UnknownIdError, match=r"'units'.*ids, gap_units, basis_units"):
        tc.texts("units")
