"""Reading paths of long tables that small generated tables do not take."""

from __future__ import annotations

import numpy as np
import pytest

from innovplan.evaluate._cells import as_table
from innovplan.evaluate._tables import OBSERVATIONS, observation_columns, observation_rows


def test_breaks_are_the_rows_whose_status_is_b_in_any_case_and_spacing():
    # SDMX OBS_STATUS "B" marks a break in series; blanks and other codes do not.
    table = as_table(
        {
            "indicator": ["a"] * 5,
            "period": [2019, 2020, 2021, 2022, 2023],
            "value": [1.0, 2.0, 3.0, 4.0, 5.0],
            "unit": ["yuan"] * 5,
            "status": ["", "B", " b ", "E", None],
        },
        OBSERVATIONS,
    )
    assert table is not None
    assert observation_rows(table).breaks().tolist() == [False, True, True, False, False]


def test_breaks_of_a_table_without_status_are_none():
    table = as_table(
        {
            "indicator": ["a"] * 3,
            "period": [2021, 2022, 2023],
            "value": [1.0, 2.0, 3.0],
            "unit": ["yuan"] * 3,
        },
        OBSERVATIONS,
    )
    assert table is not None
    assert observation_rows(table).breaks().tolist() == [False, False, False]


@pytest.mark.parametrize("backend", ["polars", "pyarrow"])
def test_arrow_text_columns_read_as_the_same_cells(backend):
    # Text columns of polars and pyarrow tables go through Arrow: the object
    # arrays and the distinct cells (first row, each row's index) are those
    # the same column gives as a numpy mapping.
    lib = pytest.importorskip(backend)
    cells = ["x", None, "y", "x", None, "z", "y"]
    frame = lib.DataFrame({"a": cells}) if backend == "polars" else lib.table({"a": cells})
    table = as_table(frame, "t")
    plain = as_table({"a": np.array(cells, dtype=object)}, "t")
    assert table is not None
    assert plain is not None
    assert table.columns["a"].tolist() == cells
    got = table.distinct(table.columns["a"], "a")
    want = plain.distinct(plain.columns["a"], "a")
    # Distinct cells in order of first appearance: x, None, y, z.
    assert got[0] == want[0] == ["x", None, "y", "z"]
    assert got[1].tolist() == want[1].tolist() == [0, 1, 2, 5]
    assert got[2].tolist() == want[2].tolist() == [0, 1, 2, 0, 1, 3, 2]


@pytest.mark.parametrize("dtype", ["str", "string_view"])
def test_pandas_arrow_text_columns_read_as_the_same_cells(dtype):
    # pandas' Arrow-backed text columns (its "str" dtype, or Arrow's
    # string_view through pd.ArrowDtype) go through Arrow too: the distinct
    # cells, first rows and indices are those of the same column as Python
    # objects (pandas' own hashing).
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    cells = ["x", None, "y", "x", None, "z", "y"]
    kind = pd.StringDtype("pyarrow") if dtype == "str" else pd.ArrowDtype(pa.string_view())
    arrow = pd.DataFrame({"a": pd.array(cells, dtype=kind)})
    objects = pd.DataFrame({"a": pd.array(cells, dtype=object)})
    got_t, want_t = as_table(arrow, "t"), as_table(objects, "t")
    assert got_t is not None
    assert want_t is not None
    assert "a" in got_t._arrow  # the path under test
    got = got_t.distinct(got_t.columns["a"], "a")
    want = want_t.distinct(want_t.columns["a"], "a")
    # x, a missing cell, y, z: first rows 0, 1, 2, 5.
    assert [c if isinstance(c, str) else None for c in got[0]] == ["x", None, "y", "z"]
    assert got[1].tolist() == want[1].tolist() == [0, 1, 2, 5]
    assert got[2].tolist() == want[2].tolist() == [0, 1, 2, 0, 1, 3, 2]
    assert got_t.texts("a", "-").tolist() == ["x", "-", "y", "x", "-", "z", "y"]


def test_a_long_column_of_years_reads_as_the_same_days_as_a_short_one():
    # 200 rows of years 1999-2012 (a long column: each year's day is worked
    # out once over the span) and the same years 3 at a time: 1 January and
    # 31 December of each, as days since 1970-01-01 (2000-01-01 is day 10957,
    # 2000-12-31 is day 10957 + 365 = 11322, a leap year).
    rng = np.random.default_rng(3)
    years = rng.integers(1999, 2013, 200)
    cols = {"indicator": ["a"] * 200, "period": years, "value": np.ones(200),
            "unit": ["yuan"] * 200}  # fmt: skip
    table = as_table(cols, OBSERVATIONS)
    assert table is not None
    first, last = table.periods("period")
    for k in range(0, 200, 3):
        part = {c: v[k : k + 3] for c, v in cols.items()}
        short = as_table(part, OBSERVATIONS)
        assert short is not None
        f, la = short.periods("period")
        assert f.tolist() == first[k : k + 3].tolist()
        assert la.tolist() == last[k : k + 3].tolist()
    at = int(np.flatnonzero(years == 2000)[0])
    assert (first[at], last[at]) == (10957, 11322)


def test_copies_and_conflicts_are_found_in_a_table_out_of_order():
    # Indicator "a" over 2000-2011, rows shuffled, with an exact copy of the
    # 2005 row at the end: the same forecast as the table in order, without
    # the copy. A different 2005 figure instead is refused, naming both rows.
    import innovplan
    from innovplan.errors import EvaluationError

    years = np.arange(2000, 2012)
    values = 100.0 + 3.0 * (years - 2000) + (years % 3)
    rng = np.random.default_rng(5)
    mix = rng.permutation(years.size)
    at = int(np.flatnonzero(years[mix] == 2005)[0])
    shuffled = {
        "indicator": ["a"] * (years.size + 1),
        "period": np.append(years[mix], 2005),
        "value": np.append(values[mix], values[years == 2005]),
        "unit": ["yuan"] * (years.size + 1),
    }
    ordered = {"indicator": ["a"] * years.size, "period": years, "value": values,
               "unit": ["yuan"] * years.size}  # fmt: skip
    target = {"id": ["T"], "indicator": ["a"], "comparator": ["at_least"], "value": [140.0],
              "unit": ["yuan"], "deadline": [2013], "measure": ["flow"]}  # fmt: skip
    a = innovplan.forecast_many(target, shuffled).columns
    b = innovplan.forecast_many(target, ordered).columns
    for name in ("point", "lower", "upper", "probability"):
        assert np.array_equal(a[name], b[name]), name
    clash = {**shuffled, "value": np.append(values[mix], 1.0)}
    with pytest.raises(EvaluationError, match=rf"rows {at} and {years.size} give different"):
        innovplan.forecast_many(target, clash)


def test_fractional_years_over_a_span_equal_frac_years_bit_for_bit():
    from innovplan.engine import frac_years
    from innovplan.evaluate._tables import _EPOCH, _span_fracs

    # Days since 1970-01-01. 2024-03-01 is day 19783 (54 years of 365 days plus
    # 13 leap days, 1972..2020, plus the 31 + 29 days of January and February):
    # the 61st day of a 366-day year, so 2024 + 60/366.
    assert _span_fracs(19783, 19783).tolist() == [2024 + 60 / 366]
    # Spans across leap years, 1900 (not leap), 2000 (leap) and dates before 1970.
    for lo, hi in [(-25567, -25202), (-36524, 11000), (10900, 11400), (0, 0), (-1, 0)]:
        got = _span_fracs(lo, hi)
        want = frac_years(np.arange(lo, hi + 1, dtype=np.int64) + _EPOCH)
        assert got.view(np.uint64).tolist() == want.view(np.uint64).tolist()


def test_distinct_units_found_per_indicator_equal_those_of_every_row():
    from innovplan.evaluate._cells import Table

    # Indicators b, a, c first appear in rows 0, 1, 3; their units t, kg, t, so
    # the distinct units in order of first row are t (row 0) and kg (row 1).
    # A missing unit (None) shared by an indicator's rows is a cell as well.
    columns = {
        "indicator": np.array(["b", "a", "b", "c", "a", "d", "d"], dtype=object),
        "unit": np.array(["t", "kg", "t", "t", "kg", None, None], dtype=object),
    }
    fast, plain = Table(dict(columns), "t"), Table(dict(columns), "t")
    _, first, inverse = fast.distinct(fast.columns["indicator"], "indicator")
    assert fast.distinct_within("unit", fast.columns["unit"], first, inverse)
    cells, unit_first, codes = fast.distinct(fast.columns["unit"], "unit")
    assert (cells, unit_first.tolist(), codes.tolist()) == (["t", "kg", None], [0, 1, 5],
                                                            [0, 1, 0, 0, 1, 2, 2])  # fmt: skip
    want = plain.distinct(plain.columns["unit"], "unit")
    assert (want[0], want[1].tolist(), want[2].tolist()) == (cells, [0, 1, 5],
                                                             [0, 1, 0, 0, 1, 2, 2])  # fmt: skip
    # An indicator given in two units: every row is hashed as before.
    mixed = Table({"indicator": columns["indicator"],
                   "unit": np.array(["t", "kg", "kg", "t", "kg", "t", "t"], dtype=object)},
                  "t")  # fmt: skip
    _, first, inverse = mixed.distinct(mixed.columns["indicator"], "indicator")
    assert not mixed.distinct_within("unit", mixed.columns["unit"], first, inverse)
    assert mixed.distinct(mixed.columns["unit"], "unit")[2].tolist() == [0, 1, 1, 0, 1, 0, 0]


@pytest.mark.parametrize("backend", ["polars", "pyarrow", "pandas"])
@pytest.mark.parametrize("rows", [7, 2_000])
def test_text_columns_of_any_length_read_as_the_same_cells(backend, rows):
    # Short Arrow columns are encoded in Python, long ones by Arrow (and a
    # column of one text by one comparison): either way the distinct cells,
    # first rows and indices are those of the same cells as a numpy mapping.
    lib = pytest.importorskip(backend)
    pytest.importorskip("pyarrow")
    pattern = ["x", None, "y", "x", None, "z", "y"]
    cells = (pattern * (rows // len(pattern) + 1))[:rows]
    one = ["t"] * rows
    if backend == "polars":
        frame = lib.DataFrame({"a": cells, "u": one})
    elif backend == "pyarrow":
        frame = lib.table({"a": cells, "u": one})
    else:
        dtype = lib.StringDtype("pyarrow")
        frame = lib.DataFrame(
            {"a": lib.array(cells, dtype=dtype), "u": lib.array(one, dtype=dtype)}
        )
    table = as_table(frame, "t")
    plain = as_table({"a": np.array(cells, dtype=object), "u": np.array(one, dtype=object)}, "t")
    assert table is not None
    assert plain is not None
    got, want = table.column_distinct("a"), plain.distinct(plain.columns["a"], "a")
    # x, a missing cell, y, z first appear in rows 0, 1, 2 and 5; then every
    # row's index follows the 7-row pattern 0, 1, 2, 0, 1, 3, 2.
    assert [c if isinstance(c, str) else None for c in got[0]] == ["x", None, "y", "z"]
    assert got[1].tolist() == want[1].tolist() == [0, 1, 2, 5]
    index = ([0, 1, 2, 0, 1, 3, 2] * (rows // 7 + 1))[:rows]
    assert got[2].tolist() == want[2].tolist() == index
    # A column of one text: one cell, first row 0, every index 0.
    got = table.text_distinct("u")
    assert (got[0], got[1].tolist(), got[2].tolist()) == (["t"], [0], [0] * rows)
    # Nothing above needed the rows' texts as Python objects.
    assert not table.columns.loaded("u")


@pytest.mark.parametrize("backend", ["polars", "pyarrow", "numpy"])
def test_columns_listed_series_by_series_read_as_hashed(backend):
    # Observations listed series by series hold each text in one run of rows;
    # such a column is read run by run, anything else by hashing every row:
    # both give the cells in order of first appearance, their first rows and
    # each row's index, as pandas' hashing of the same cells does.
    pd = pytest.importorskip("pandas")
    runs = [f"s{k}" for k in (3, 1, 2, 0)]
    cases = {
        "runs": [s for s in runs for _ in range(500)],  # 4 runs of 500 rows
        "again": [s for s in runs for _ in range(500)] + ["s3"] * 10,  # s3 in two runs
        "missing": [s for s in runs for _ in range(500)] + [None] * 10,
    }
    for cells in cases.values():
        if backend == "numpy":
            table = as_table({"a": np.array(cells, dtype=object)}, "t")
        else:
            lib = pytest.importorskip(backend)
            frame = lib.DataFrame({"a": cells}) if backend == "polars" else lib.table({"a": cells})
            table = as_table(frame, "t")
        assert table is not None
        got = table.column_distinct("a")
        codes, uniques = pd.factorize(np.array(cells, dtype=object), use_na_sentinel=False)
        want_first = [cells.index(u) if isinstance(u, str) else cells.index(None) for u in uniques]
        assert [c if isinstance(c, str) else None for c in got[0]] == [
            u if isinstance(u, str) else None for u in uniques
        ]
        assert got[1].tolist() == want_first
        assert got[2].tolist() == codes.tolist()


@pytest.mark.parametrize("where", ["chunks", "slice"])
def test_arrow_text_in_chunks_or_a_sliced_chunk_reads_as_its_cells(where):
    # A pyarrow column in two chunks is joined into one array; a column of
    # one chunk that is a slice of a longer array (offset 1) is read as it
    # is. Either way the cells are a, b, a, c: distinct a, b, c first seen in
    # rows 0, 1, 3, and each row's index 0, 1, 0, 2.
    pa = pytest.importorskip("pyarrow")
    if where == "chunks":
        col = pa.chunked_array([["a", "b"], ["a", "c"]])
    else:
        col = pa.chunked_array([pa.array(["z", "a", "b", "a", "c"]).slice(1)])
    table = as_table(pa.table({"g": col}), "t")
    assert table is not None
    cells, first, inverse = table.column_distinct("g")
    assert cells == ["a", "b", "c"]
    assert first.tolist() == [0, 1, 3]
    assert inverse.tolist() == [0, 1, 0, 2]
    assert table.columns["g"].tolist() == ["a", "b", "a", "c"]


def test_observation_rows_of_a_table_without_release_or_bound_columns():
    # Observations read from a table with neither released nor bound: every
    # row is exact and has no release date; rows come back in table order
    # (2022 then 2023), with their own values and periods.
    from innovplan.model import Bound, Indicator, Measure

    hte = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
    table = as_table(
        {
            "indicator": ["hte", "hte"],
            "period": [2022, 2023],
            "value": [1.2e4, 1.45e4],
            "unit": ["enterprise", "enterprise"],
        },
        OBSERVATIONS,
    )
    assert table is not None
    oc = observation_columns(table, {"hte": (0, hte, "T8")})
    rows = oc.observations
    assert rows is not None
    assert len(rows) == 2
    assert [o.value.magnitude for o in rows] == [12000.0, 14500.0]
    assert [o.period.end.year for o in rows] == [2022, 2023]
    assert [o.released for o in rows] == [None, None]
    assert [o.bound for o in rows] == [Bound.EXACT, Bound.EXACT]
    assert oc.arrays.bound.tolist() == [0, 0]
    assert oc.arrays.value.tolist() == [12000.0, 14500.0]
