"""Shortcuts of the table reading, each against the general path it stands for.

Whole years in an integer column, the vintage selection of a table whose
periods each have one row, the indicator table over codes numbered in order,
and code sets tested by comparisons: each gives what the general path gives.
"""

from __future__ import annotations

import attrs
import numpy as np
import pytest

import innovplan
from innovplan.engine import column_histories, frac_year
from innovplan.engine._evidence import _prepare
from innovplan.errors import ModelError
from innovplan.evaluate._cells import Table, as_table
from innovplan.evaluate._tables import (
    OBSERVATIONS,
    TARGETS,
    IndicatorTable,
    _among,
    columns,
    target_columns,
)

# -- whole years in an integer column -------------------------------------------


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint16, np.uint64])
@pytest.mark.parametrize("rows", [3, 200])
def test_integer_years_read_as_the_same_days_as_float_years(dtype, rows):
    # 2000-01-01 is day 10957 and 2000-12-31 day 10957 + 365 = 11322 (a leap
    # year); the float column takes the checked path, the integer one not.
    years = np.resize(np.array([2000, 1999, 2012, 2000], dtype=dtype), rows)
    ints = Table({"period": years}, "t").periods("period")
    floats = Table({"period": years.astype(np.float64)}, "t").periods("period")
    for got, want in zip(ints, floats, strict=True):
        assert got.dtype == want.dtype == np.int64
        assert got.tolist() == want.tolist()
    assert (int(ints[0][0]), int(ints[1][0])) == (10957, 11322)


@pytest.mark.parametrize("dtype", [np.int64, np.int32])
@pytest.mark.parametrize(("bad", "shown"), [(0, "0.0"), (9999, "9999.0"), (-3, "-3.0")])
@pytest.mark.parametrize("rows", [5, 100])
def test_integer_years_out_of_range_name_their_row(dtype, bad, shown, rows):
    years = np.full(rows, 2020, dtype=dtype)
    years[3] = bad
    with pytest.raises(ModelError) as err:
        Table({"deadline": years}, "targets table").days("deadline")
    assert str(err.value) == (
        "targets table row 3.deadline: expected a date or a whole-number year in 1..9998, "
        f"got {shown}"
    )


def test_an_integer_column_of_years_is_not_written_into():
    # The column is read without a copy: the caller's array keeps its years.
    years = np.arange(1900, 2000, dtype=np.int64)
    before = years.copy()
    first, last = Table({"period": years}, "t").periods("period")
    assert np.array_equal(years, before)
    first[:] = 0
    last[:] = 0
    assert np.array_equal(years, before)


def test_an_empty_integer_column_of_years():
    first, last = Table({"period": np.zeros(0, np.int64)}, "t").periods("period")
    assert first.tolist() == last.tolist() == []


# -- one row per period: the vintage selection is every row ---------------------


def _targets(indicators: list[str], measure: str = "level") -> dict[str, list]:
    n = len(indicators)
    return {
        "id": [f"T{k}" for k in range(n)],
        "indicator": indicators,
        "comparator": ["at_least"] * n,
        "value": [10.0] * n,
        "unit": ["yuan"] * n,
        "deadline": [2026] * n,
        "measure": [measure] * n,
    }


def _obs(rows: list[tuple[str, object, float]], **extra: list) -> dict[str, list]:
    return {
        "indicator": [r[0] for r in rows],
        "period": [r[1] for r in rows],
        "value": [r[2] for r in rows],
        "unit": ["yuan"] * len(rows),
        **extra,
    }


_PLAIN = [("a", 2020, 1.0), ("a", 2021, 2.0), ("b", 2019, 5.0), ("b", 2020, 6.0)]
_CASES = {
    # name: (observations, whether each period has one row, in order)
    "plain": (_obs(_PLAIN), True),
    "out of order": (_obs(_PLAIN[::-1]), False),
    "an exact copy": (_obs([*_PLAIN, _PLAIN[-1]]), False),
    "a revision": (
        _obs([*_PLAIN, ("b", 2020, 6.5)], released=[None, None, None, "2021-02-01", "2021-06-01"]),
        False,
    ),
    "a part of a year": (_obs([("a", 2020, 1.0), ("a", "2021-H1", 0.8), ("b", 2020, 6.0)]), True),
    "an indicator no target reads": (_obs([*_PLAIN, ("z", 2020, 9.0)]), True),
}


@pytest.mark.parametrize("case", sorted(_CASES))
@pytest.mark.parametrize("as_of", [None, "2021-03-01"])
def test_histories_are_those_of_the_full_vintage_selection(case, as_of):
    obs, one_each = _CASES[case]
    tc, oc = columns("forecast_many", _targets(["a", "b", "a"]), obs, None)
    assert oc.one_per_period is one_each
    day = None if as_of is None else innovplan.model.to_optional_date(as_of)
    fast = column_histories(tc, oc, as_of=day)
    # The vintage selection itself, made for the call.
    selected = _prepare(oc.arrays, np.nan if day is None else frac_year(day))
    slow = column_histories(tc, oc, as_of=day, prepared=selected)
    for name in ("t", "y", "indptr", "row", "bound", "flags", "goal", "ytd_value", "ytd_row"):
        a, b = np.asarray(getattr(fast, name)), np.asarray(getattr(slow, name))
        assert a.dtype == b.dtype
        assert a.tobytes() == b.tobytes(), name


def test_one_row_per_period_histories_by_hand():
    # Indicator a: 2020 -> 1, 2021 -> 2 (points at each period's end, 2021.0
    # and 2022.0); b: 2019 -> 5, 2020 -> 6.
    tc, oc = columns("forecast_many", _targets(["a", "b"]), _obs(_PLAIN), None)
    assert oc.one_per_period
    hist = column_histories(tc, oc)
    assert hist.t.tolist() == [2021.0, 2022.0, 2020.0, 2021.0]
    assert hist.y.tolist() == [1.0, 2.0, 5.0, 6.0]
    assert hist.indptr.tolist() == [0, 2, 4]


def test_growth_from_levels_takes_the_vintage_selection():
    # Levels of a GROWTH indicator: growth is computed from them, so the rows
    # are not the selection; 2021 over 2020 is (2 / 1 - 1) * 100 = 100 percent.
    tc, oc = columns("forecast_many", _targets(["a"], measure="growth"), _obs(_PLAIN[:2]), None)
    assert bool(oc.arrays.level.any())
    hist = column_histories(tc, oc)
    assert hist.y.tolist() == [100.0]
    slow = column_histories(tc, attrs.evolve(oc, one_per_period=False))
    assert hist.y.tolist() == slow.y.tolist()


def test_a_revised_period_keeps_its_latest_release():
    # b's 2020 is 6.0 released 2021-02-01, then 6.5 released 2021-06-01: the
    # rows are not one per period, and the history holds 5.0 and 6.5.
    obs, _ = _CASES["a revision"]
    tc, oc = columns("forecast_many", _targets(["a", "b"]), obs, None)
    assert not oc.one_per_period
    hist = column_histories(tc, oc)
    assert hist.y.tolist() == [1.0, 2.0, 5.0, 6.5]


def test_a_one_per_period_flag_set_on_revised_rows_is_not_trusted():
    # The flag is a public field: set by hand (or kept by attrs.evolve) on
    # rows where b's 2020 has two releases, the histories still take the
    # latest release of each period, 5.0 and 6.5, not every row (5.0, 6.0, 6.5).
    obs, _ = _CASES["a revision"]
    tc, oc = columns("forecast_many", _targets(["a", "b"]), obs, None)
    hist = column_histories(tc, attrs.evolve(oc, one_per_period=True))
    assert hist.y.tolist() == [1.0, 2.0, 5.0, 6.5]


# -- the indicator table over codes numbered in order -----------------------------


def _indicator_tables():
    table = as_table(_targets(["a", "b", "a", "c"]), TARGETS)
    assert table is not None
    codes: dict[str, int] = {}
    tc = target_columns(table, indicator_codes=codes)
    rows = tc.targets
    fast = rows.indicator_table(codes)  # codes the table numbered from empty
    slow = IndicatorTable(rows._indicators, codes, rows._ids[rows._indicator_first])
    return codes, fast, slow


@pytest.mark.parametrize(
    "cells", [["a", "b", "c"], ["c", "a"], ["b", "x", "a"], [], ["a", "b", "c", "d"]]
)
def test_indicator_table_in_code_order_looks_up_as_the_general_one(cells):
    _, fast, slow = _indicator_tables()
    assert fast._in_order
    assert not slow._in_order
    for got, want in zip(fast.lookup(cells), slow.lookup(cells), strict=True):
        assert got.tolist() == want.tolist()
    assert list(fast) == list(slow) == ["a", "b", "c"]
    assert [fast[i][0] for i in fast] == [0, 1, 2]


def test_indicator_table_over_codes_given_more_indicators_is_general():
    codes, _, _ = _indicator_tables()
    table = as_table(_targets(["a", "b", "c"]), TARGETS)
    assert table is not None
    codes["z"] = len(codes)  # another table's indicator: codes are no longer positions
    rows = target_columns(table, indicator_codes={"z": 0}).targets
    shared = rows.indicator_table({"z": 0, "a": 1, "b": 2, "c": 3})
    assert not shared._in_order
    code, _, pos = shared.lookup(["c", "a"])
    assert code.tolist() == [3, 1]
    assert pos.tolist() == [2, 0]


# -- code sets by comparisons -----------------------------------------------------


def test_among_is_isin():
    rng = np.random.default_rng(11)
    for dtype in (np.int8, np.int64):
        codes = rng.integers(0, 7, 500).astype(dtype)
        for values in [(0,), (1, 3), (2, 4, 6), (9,)]:
            assert _among(codes, values).tolist() == np.isin(codes, values).tolist()
    assert _among(np.zeros(0, np.int64), (1, 2)).shape == (0,)


def test_a_missing_text_column_reads_as_its_default_in_every_row():
    got = Table({"value": [1.0, 2.0, 3.0]}, OBSERVATIONS).texts("notes", "none given")
    assert got.dtype == object
    assert got.tolist() == ["none given"] * 3


# -- numbers: a column of finite numbers is read in two passes --------------------


def test_finite_numbers_are_a_copy_of_the_column():
    values = np.array([1.5, -2.0, 3e300])
    got = Table({"value": values}, OBSERVATIONS).floats("value", required=True)
    assert got.dtype == np.float64
    assert got.tolist() == [1.5, -2.0, 3e300]
    got[0] = 0.0  # the caller's column is not written into
    assert values[0] == 1.5


def test_numbers_with_empty_cells_take_the_default():
    got = Table({"w": np.array([1.0, np.nan, 2.0])}, TARGETS).floats("w", 1.0)
    assert got.tolist() == [1.0, 1.0, 2.0]


@pytest.mark.parametrize(("cells", "row", "message"), [
    ([1.0, np.inf, 3.0], 1, "expected a finite number, got inf"),
    ([1.0, np.inf, np.nan], 2, "a number is required here, got an empty cell"),  # empty first
    ([1.0, 2.0, -np.inf], 2, "expected a finite number, got -inf"),
    ([np.nan, np.inf], 0, "a number is required here, got an empty cell"),
])  # fmt: skip
def test_numbers_not_finite_are_named_at_their_row(cells, row, message):
    with pytest.raises(ModelError) as err:
        Table({"value": np.array(cells)}, OBSERVATIONS).floats("value", required=True)
    assert str(err.value) == f"observations table row {row}.value: {message}"


# -- deadlines worked out once per year of their span -----------------------------


@pytest.mark.parametrize("years", [[2025, 2030, 2035], [2023, 2024], [2030]])
def test_deadline_years_over_their_span_give_the_distinct_deadlines_answer(years):
    from innovplan.evaluate._tables import _target_years

    # 90 rows of whole-year deadlines, some years of the span absent (2026-2029):
    # the days of every year of the span, picked by each row's year, give the
    # fractional years that the distinct deadlines give, bit for bit.
    deadline_years = np.resize(np.array(years, dtype=np.int64), 90)
    table = Table({"deadline": deadline_years}, TARGETS)
    days, _ = table.days("deadline")
    year_days = table.year_days("deadline")
    assert year_days is not None
    each, at = year_days
    assert each.shape[0] == max(years) - min(years) + 1
    assert each[at].tolist() == days.tolist()
    none = np.ones(90, dtype=bool)
    zeros = np.zeros(90, dtype=np.int64)
    got = _target_years(days, zeros, none, zeros, none, year_days)
    want = _target_years(days, zeros, none, zeros, none)
    for g, w in zip(got, want, strict=True):
        assert g.tobytes() == w.tobytes()
    # By hand for 2025-12-31: the period is 2025 (frac 2025.0 to 2026.0), its window from 2025.0.
    row = int(np.flatnonzero(deadline_years == years[0])[0])
    assert (got[0][row], got[1][row], got[2][row]) == (
        float(years[0]),
        years[0] + 1.0,
        float(years[0]),
    )


def test_year_days_only_for_whole_years_over_a_long_column():
    # Float years, a short column, dates and another day of the year keep none.
    floats = Table({"d": np.repeat([2020.0, 2021.0], 40)}, "t")
    floats.days("d")
    assert floats.year_days("d") is None
    short = Table({"d": np.array([2020, 2021])}, "t")
    short.days("d")
    assert short.year_days("d") is None
    long = Table({"d": np.repeat([2020, 2021], 40)}, "t")
    long.days("d", year_day=(1, 1))
    assert long.year_days("d") is None
    # 2020-01-01 is day 18262 (50 years of 365 days and 12 leap days).
    assert long.year_days("d", (1, 1))[0].tolist() == [18262, 18628]
