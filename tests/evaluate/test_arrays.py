"""ArraySeries: many yearly series as arrays, equal to the same data as observations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pint
import pytest

from innovplan import Q_, datasets
from innovplan.engine._arrays import LazyObservations
from innovplan.engine._history import histories
from innovplan.errors import ModelError, UnitError, UnitMismatchError
from innovplan.evaluate import (
    ArraySeries,
    assess_many,
    evaluate,
    forecast_many,
    progress_many,
)
from innovplan.faces import observations_from_frame
from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Plan, Target

YEARS = np.arange(2009, 2024)


def _target(i: int, measure: Measure, unit: str, value: float) -> Target:
    ind = Indicator(f"ind{i}", f"indicator {i}", unit=unit, measure=measure)
    comparator = Comparator.AT_LEAST if i % 3 else Comparator.ABOUT
    return Target(f"T{i}", ind, comparator, Q_(value, unit), "2026-12-31")


def _batch(seed: int, n: int = 50) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Ragged series of varying length with NaN holes: ids, values, offsets, years."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, 16, n)
    values, years = [], []
    for length in lengths.tolist():
        first = int(rng.integers(2005, 2012))
        v = 10.0 + np.cumsum(rng.uniform(-1.0, 4.0, length))
        v[rng.random(length) < 0.15] = np.nan
        values.append(v)
        years.append(np.arange(first, first + length))
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    ids = [f"ind{i}" for i in range(n)]
    return ids, np.concatenate(values), offsets, np.concatenate(years)


# --- constructors ------------------------------------------------------------


def test_ragged_with_unit_and_with_quantity_are_the_same():
    a = ArraySeries.ragged(["a", "b"], [1.0, 2.0, 3.0], [0, 2, 3], [2021, 2022, 2023], unit="亿元")
    b = ArraySeries.ragged(
        ["a", "b"], Q_(np.array([1.0, 2.0, 3.0]), "hundred_million_yuan"), [0, 2, 3],
        [2021, 2022, 2023],
    )  # fmt: skip
    for s in (a, b):
        assert s.unit == "hundred_million_yuan"
        assert s.indicator_ids == ("a", "b")
        assert s.offsets.tolist() == [0, 2, 3]
        assert s.years.dtype == np.int64
        assert s.series(0).tolist() == [1.0, 2.0]


def test_quantity_is_converted_to_the_unit_asked_for():
    s = ArraySeries.ragged(["a"], Q_(np.array([1.5]), "hundred_million_yuan"), [0, 1], [2023],
                           unit="yuan")  # fmt: skip
    assert s.unit == "yuan"
    assert s.series(0).tolist() == [1.5e8]


def test_foreign_registry_quantity_is_adopted():
    theirs = pint.UnitRegistry().Quantity(np.array([3.0]), "km")
    assert ArraySeries.ragged(["a"], theirs, [0, 1], [2023]).unit == "kilometer"


def test_padded_flattens_rows_and_keeps_nan_as_missing():
    s = ArraySeries.padded(["a", "b"], [[1.0, np.nan], [3.0, 4.0]], [2022.0, 2023.0], unit="m")
    assert s.offsets.tolist() == [0, 2, 4]
    assert s.years.tolist() == [2022, 2023, 2022, 2023]
    obs = s.observations()
    assert [(o.indicator, o.period.start.year, o.value.magnitude) for o in obs] == [
        ("a", 2022, 1.0), ("b", 2022, 3.0), ("b", 2023, 4.0),
    ]  # fmt: skip
    assert obs[0] == Observation("a", Q_(1.0, "meter"), 2022)


def test_empty_batch():
    s = ArraySeries.ragged([], [], [0], [], unit="m")
    assert len(s) == 0
    assert len(forecast_many([], s)) == 0


# --- validation --------------------------------------------------------------


def test_plain_numbers_without_a_unit_are_refused():
    with pytest.raises(UnitError, match="no unit was given"):
        ArraySeries.ragged(["a"], [1.0], [0, 1], [2023])
    with pytest.raises(UnitError, match="no unit was given"):
        ArraySeries.padded(["a"], [[1.0]], [2023])


def test_unknown_unit_is_refused():
    with pytest.raises(UnitError, match="'zorkmid' is not known"):
        ArraySeries.ragged(["a"], [1.0], [0, 1], [2023], unit="zorkmid")


def test_quantity_that_does_not_fit_the_unit_is_refused():
    with pytest.raises(UnitMismatchError, match="ArraySeries values"):
        ArraySeries.ragged(["a"], Q_(np.array([1.0]), "meter"), [0, 1], [2023], unit="yuan")


@pytest.mark.parametrize(
    ("offsets", "message"),
    [
        ([0, 2], r"offsets: 2 series need 3 offsets \(one more\), got 2"),
        ([1, 2, 3], "offsets: must start at 0, got 1"),
        ([0, 3, 2], r"offsets: must not decrease: series 1 \('b'\) ends at offsets\[2\] = 2"),
        ([0, 1, 2], r"offsets: must end at len\(values\) = 3, got 2"),
        ([0, 1.5, 3], r"offsets: offsets\[1\] is 1.5, not a whole number: give whole-number"),
    ],
)
def test_bad_offsets_say_what_and_where(offsets, message):
    with pytest.raises(ModelError, match=message):
        ArraySeries.ragged(["a", "b"], [1.0, 2.0, 3.0], offsets, [2021, 2022, 2023], unit="m")


def test_bad_years_name_the_series_and_position():
    with pytest.raises(ModelError, match=r"years: series 'b' position 1: year 2022.5"):
        ArraySeries.ragged(["a", "b"], [1.0, 2.0, 3.0], [0, 1, 3], [2021, 2021, 2022.5],
                           unit="m")  # fmt: skip
    with pytest.raises(ModelError, match=r"years: expected 3 years \(one per value\)"):
        ArraySeries.ragged(["a"], [1.0, 2.0, 3.0], [0, 3], [2021, 2022], unit="m")
    with pytest.raises(ModelError, match=r"years: column 1: year nan"):
        ArraySeries.padded(["a"], [[1.0, 2.0]], [2021, np.nan], unit="m")
    with pytest.raises(ModelError, match=r"years: expected 3 years"):
        ArraySeries.padded(["a"], [[1.0, 2.0, 3.0]], [2021, 2022], unit="m")


def test_bad_ids_and_shapes():
    with pytest.raises(ModelError, match="indicator_ids: series 1: an id is letters"):
        ArraySeries.ragged(["a", "b c"], [1.0, 2.0], [0, 1, 2], [2021, 2022], unit="m")
    with pytest.raises(ModelError, match="indicator_ids: expected one id per series"):
        ArraySeries.ragged("ab", [1.0], [0, 1], [2021], unit="m")
    with pytest.raises(ModelError, match=r"values: expected shape \(2, number of years\)"):
        ArraySeries.padded(["a", "b"], [[1.0, 2.0]], [2021, 2022], unit="m")
    with pytest.raises(ModelError, match=r"values: expected a 1-D array"):
        ArraySeries.ragged(["a"], [[1.0, 2.0]], [0, 2], [2021, 2022], unit="m")


def test_bad_values_name_the_series_and_position():
    with pytest.raises(ModelError, match="values: series 'b' position 1: inf is not finite"):
        ArraySeries.ragged(["a", "b"], [1.0, 2.0, np.inf], [0, 1, 3], [2021, 2021, 2022],
                           unit="m")  # fmt: skip
    with pytest.raises(ModelError, match="values: series 'a' position 1: a count cannot be neg"):
        ArraySeries.padded(["a"], [[1.0, -2.0]], [2021, 2022], unit="enterprise")


def test_unit_that_does_not_fit_the_indicator_names_the_target():
    t = _target(0, Measure.LEVEL, "enterprise", 10.0)
    s = ArraySeries.padded(["ind0"], [[1.0, 2.0]], [2021, 2022], unit="yuan")
    with pytest.raises(UnitMismatchError, match=r"target 'T0' \(observation of 'ind0', 2021\)"):
        forecast_many([t], s)
    with pytest.raises(UnitMismatchError) as objs:
        forecast_many([t], s.observations())
    with pytest.raises(UnitMismatchError) as arrays:
        forecast_many([t], s)
    assert str(arrays.value) == str(objs.value)


# --- equality with observations ------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    ("measure", "unit", "data_unit"),
    [
        (Measure.LEVEL, "enterprise", "enterprise"),
        (Measure.FLOW, "hundred_million_yuan", "yuan"),
        (Measure.GROWTH, "percent", "percent"),
        (Measure.GROWTH, "percent", "yuan"),  # levels: growth computed from them
        (Measure.SHARE, "dimensionless", "percent"),
    ],
)
def test_forecast_many_equals_observations_element_by_element(seed, measure, unit, data_unit):
    ids, values, offsets, years = _batch(seed)
    if data_unit == "yuan":
        values = values * 1e8
    s = ArraySeries.ragged(ids, values, offsets, years, unit=data_unit)
    targets = [_target(i, measure, unit, 20.0 + i % 7) for i in range(len(ids))]
    obs = s.observations()
    for method in ("auto", "linear", "drift"):
        arrays = forecast_many(targets, s, method=method)
        objects = forecast_many(targets, obs, method=method)
        assert len(arrays) == len(objects) == len(ids)
        for a, o in zip(arrays, objects, strict=True):
            assert a == o


def test_progress_many_and_assess_many_equal_observations():
    ids, values, offsets, years = _batch(5)
    s = ArraySeries.ragged(ids, values, offsets, years, unit="enterprise")
    targets = [_target(i, Measure.LEVEL, "enterprise", 25.0) for i in range(len(ids))]
    assert list(progress_many(targets, s)) == list(progress_many(targets, s.observations()))
    a, o = assess_many(targets, s), assess_many(targets, s.observations())
    assert list(a) == list(o)


def test_evaluate_takes_arrays():
    ids, values, offsets, years = _batch(7, n=6)
    s = ArraySeries.ragged(ids, values, offsets, years, unit="enterprise")
    targets = [_target(i, Measure.LEVEL, "enterprise", 25.0) for i in range(len(ids))]
    plan = Plan("p", "p", start="2024-01-01", end="2026-12-31", goals=[Goal("G1", "g", targets)])
    a, o = evaluate(plan, s), evaluate(plan, s.observations())
    assert str(a) == str(o)
    assert list(a.forecasts or ()) == list(o.forecasts or ())


def test_wuhan_t10_as_a_padded_row():
    # Technology contract turnover known on 2023-01-29: 2013-2018 and 2022.
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    t10 = plan.target("T10")
    row = [273.07, 342.89, 471.09, 566.72, 625.81, 722.56, np.nan, np.nan, np.nan, 1357.41]
    s = ArraySeries.padded([t10.indicator.id], [row], np.arange(2013, 2023), unit="亿元")
    a = forecast_many([t10], s, method="drift")[0]
    o = forecast_many([t10], obs, method="drift", as_of="2023-01-29")[0]
    assert round(a.point.magnitude, 2) == 1477.89
    for name in ("point", "lower", "upper", "probability", "method", "n_points"):
        assert getattr(a, name) == getattr(o, name), name
    # The published 2022 figure is marked as a break in series; arrays carry no status.
    assert a.warnings == tuple(w for w in o.warnings if not w.startswith("break in series"))
    assert a.latest == Observation(t10.indicator.id, Q_(1357.41, "hundred_million_yuan"), 2022)


# --- no object per value ------------------------------------------------------


def test_histories_from_arrays_make_objects_only_when_read():
    ids, values, offsets, years = _batch(3)
    s = ArraySeries.ragged(ids, values, offsets, years, unit="enterprise")
    targets = [_target(i, Measure.LEVEL, "enterprise", 25.0) for i in range(len(ids))]
    h = histories(targets, s)
    rows = h.observations.observations
    assert isinstance(rows, LazyObservations)
    assert len(rows) == int(np.count_nonzero(~np.isnan(values)))
    i = int(np.argmax(np.diff(h.indptr)))
    assert h.points(i) == histories(targets, s.observations()).points(i)
    assert list(rows[:2]) == [rows[0], rows[1]]


# --- a long frame -------------------------------------------------------------


def test_long_frame_through_observations_from_frame():
    df = pd.DataFrame({
        "indicator": ["ind0"] * 4 + ["ind1"] * 3,
        "period": ["2019", "2020", "2021", "2022", "2020", "2021", "2022"],
        "value": [10.0, 11.0, 12.5, 13.0, 5.0, 5.5, 6.5],
        "unit": ["亿元"] * 4 + ["hundred_million_yuan"] * 3,
    })  # fmt: skip
    targets = [_target(i, Measure.FLOW, "hundred_million_yuan", 15.0) for i in range(2)]
    from_frame = forecast_many(targets, observations_from_frame(df))
    s = ArraySeries.ragged(
        ["ind0", "ind1"], df["value"].to_numpy(), [0, 4, 7], df["period"].astype(int).to_numpy(),
        unit="亿元",
    )  # fmt: skip
    from_arrays = forecast_many(targets, s)
    for f, a in zip(from_frame, from_arrays, strict=True):
        assert (f.point, f.lower, f.upper, f.probability) == (a.point, a.lower, a.upper,
                                                              a.probability)  # fmt: skip
        assert f.n_points == a.n_points == len(f.points)
