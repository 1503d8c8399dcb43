"""A frame's columns read from its stored arrays, against the general reading.

polars text columns arrive as Arrow string views (no copy into offsets), and
a pandas frame's columns are read from its stored arrays without a Series per
column. Each gives the cells, distinct cells, bytes, results and error
messages that the general path gives.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import innovplan
from innovplan.errors import ModelError
from innovplan.evaluate import _cells
from innovplan.evaluate._cells import (
    Table,
    _arrow_distinct,
    _arrow_reads_views,
    _cells_at,
    _dataframe_columns,
    _pandas_columns,
)

# -- Arrow string views against offsets -------------------------------------------

_TEXTS = {
    # 2,000 rows of one text: the one-text pass.
    "one text": ["t"] * 2000,
    # 40 runs of 50 rows: the run-by-run reading (texts longer than a view's 12 inline bytes).
    "runs": [f"indicator number {k:03d}" for k in range(40) for _ in range(50)],
    # Runs of short texts (inside a view's 12 bytes) and long ones, non-ASCII among them.
    "mixed runs": [("甲" * (k % 9)) + str(k) for k in range(60) for _ in range(30)],
    # 1,500 rows alternating over 7 texts: the dictionary encoding.
    "many texts": [f"u{k % 7}" for k in range(1500)],
    # Nulls among runs and among many texts: kept as None cells, not as "".
    "runs with nulls": [None if k % 300 == 0 else f"r{k // 100}" for k in range(2000)],
    "many with nulls": [None if k % 11 == 0 else f"m{k % 5}" for k in range(1500)],
    # Under 64 rows: read in Python; empty texts and non-ASCII.
    "few": ["", "甲", "b", "", None, "甲"],
    # Runs that come back: a text in two runs is no run reading.
    "repeated runs": ["a"] * 600 + ["b"] * 600 + ["a"] * 600,
}


@pytest.mark.parametrize("name", list(_TEXTS))
def test_views_read_as_their_offsets(name):
    cells = _TEXTS[name]
    views = pa.array(cells, type=pa.string_view())
    offsets = pa.array(cells, type=pa.large_string())
    got_cells, got_first, got_inverse = _arrow_distinct(views)
    want_cells, want_first, want_inverse = _arrow_distinct(offsets)
    assert got_cells == want_cells
    assert got_first.tolist() == want_first.tolist()
    assert got_inverse.tolist() == want_inverse.tolist()
    # And by hand: the distinct cells in order of first appearance, each row's index.
    order = list(dict.fromkeys(cells))
    assert got_cells == order
    assert got_inverse.tolist() == [order.index(c) for c in cells]
    assert got_first.tolist() == [cells.index(c) for c in order]


@pytest.mark.parametrize("start", [0, 1, 37])
def test_cells_of_views_at_rows_are_those_taken_from_offsets(start):
    # Texts of 0 to 24 bytes: inline in the view (up to 12) and in a data buffer.
    cells = [("ab" * (k % 13)) + ("é" if k % 5 == 0 else "") for k in range(400)]
    views = pa.array(cells, type=pa.string_view()).slice(start)
    rows = np.array([0, 5, 5, 399 - start, 12, 1], dtype=np.int64)
    want = [cells[start + r] for r in rows.tolist()]
    assert _cells_at(views)(rows) == want
    offsets = pa.array(cells, type=pa.large_string()).slice(start)
    assert _cells_at(offsets)(rows) == want


def test_views_with_nulls_keep_none_among_the_distinct_cells():
    # Rows 0, 300, ... are null: the null is the first distinct cell, then r0, r1, ...
    cells, first, inverse = _arrow_distinct(
        pa.array(_TEXTS["runs with nulls"], type=pa.string_view())
    )
    assert cells[:3] == [None, "r0", "r1"]
    assert first[:3].tolist() == [0, 1, 100]
    assert inverse[300] == 0


def test_this_pyarrow_reads_views():
    # The installed pyarrow (the one CI runs) takes polars' views as they are.
    assert _arrow_reads_views()


def test_polars_text_columns_arrive_as_views_and_read_as_the_same_cells():
    frame = pl.DataFrame({"id": ["T1", "T2", None], "n": [1.0, 2.0, 3.0]})
    columns, texts = _dataframe_columns(frame, "t")
    assert str(texts["id"].type) == "string_view"
    table = Table(columns, "t", arrow=texts)
    assert table.columns["id"].tolist() == ["T1", "T2", None]
    assert table.columns["n"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("cells", [["T1", "T22", "x" * 30], ["甲1", "a"], ["a"] * 70])
def test_text_bytes_of_views_are_those_of_offsets(cells):
    # "T1" + "T22" + 30 x's: 2 + 3 + 30 = 35 bytes, rows at 0, 2, 5, 35.
    views = pa.array(cells, type=pa.string_view())
    offsets = pa.array(cells, type=pa.large_string())
    got = Table({"id": views}, "t", arrow={"id": views}).text_bytes("id")
    want = Table({"id": offsets}, "t", arrow={"id": offsets}).text_bytes("id")
    assert got is not None
    assert want is not None
    assert got[0] == want[0] == "".join(cells).encode()
    assert got[1].tolist() == want[1].tolist()


def test_text_bytes_of_views_with_a_null_are_none():
    views = pa.array(["T1", None], type=pa.string_view())
    assert Table({"id": views}, "t", arrow={"id": views}).text_bytes("id") is None


# -- pandas' stored arrays against its Series ---------------------------------------


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "i": np.array([3, 1, 2], dtype=np.int32),
            "f": [1.5, np.nan, 2.0],
            "o": np.array(["a", 1, None], dtype=object),
            "s": pd.array(["x", None, "z"], dtype="str"),
            "b": [True, False, True],
            0: [1, 2, 3],  # a name that is not text reads as "0"
        }
    )


def _series_columns(frame: pd.DataFrame) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, series in frame.items():
        if isinstance(series.dtype, np.dtype):
            out[str(name)] = series.to_numpy()
        else:
            out[str(name)] = series.array.__arrow_array__()
    return out


def test_pandas_columns_are_the_series_arrays():
    frame = _frame()
    found = _pandas_columns(frame)
    assert found is not None
    columns, texts = found
    want = _series_columns(frame)
    assert list(columns) == list(want) == ["i", "f", "o", "s", "b", "0"]
    assert set(texts) == {"s"}
    for name, arr in columns.items():
        if name == "s":
            assert arr.to_pylist() == ["x", None, "z"]
            continue
        assert arr.dtype == want[name].dtype
        assert arr.tobytes() == want[name].tobytes() or arr.tolist() == want[name].tolist()


def _tables(rows: int) -> tuple[dict[str, object], dict[str, object]]:
    targets = {
        "id": ["T1", "T2"],
        "indicator": ["a", "b"],
        "comparator": ["at_least", "at_least"],
        "value": [10.0, 20.0],
        "unit": ["t", "t"],
        "deadline": [2019, 2019],
        "measure": ["level", "level"],
    }
    half = rows // 2
    observations = {
        "indicator": ["a"] * half + ["b"] * (rows - half),
        "period": list(range(2020 - half, 2020)) + list(range(2020 - (rows - half), 2020)),
        "value": [1.0] * rows,
        "unit": ["t"] * rows,
    }
    return targets, observations


@pytest.mark.parametrize("rows", [20, 2400])
def test_polars_and_pandas_assess_alike(rows):
    targets, observations = _tables(rows)
    want = innovplan.assess_many(pd.DataFrame(targets), pd.DataFrame(observations), as_of=None)
    got = innovplan.assess_many(pl.DataFrame(targets), pl.DataFrame(observations), as_of=None)
    assert list(got.columns) == list(want.columns)
    for name, column in want.columns.items():
        assert repr(np.asarray(got.columns[name]).tolist()) == repr(np.asarray(column).tolist())
    # By hand: every observation is 1 t, under both targets' 10 t and 20 t,
    # so attainment is 1 / 10 = 0.1 and 1 / 20 = 0.05.
    assert np.asarray(got.columns["met"]).tolist() == [False, False]
    assert np.asarray(got.columns["attainment"]).tolist() == [0.1, 0.05]


@pytest.mark.parametrize("column", ["indicator", "unit"])
def test_a_null_text_in_a_long_polars_column_is_named_as_through_pandas(column):
    targets, observations = _tables(2400)
    observations[column][1500] = None
    messages = []
    for lib in (pd.DataFrame, pl.DataFrame):
        with pytest.raises(ModelError) as err:
            innovplan.assess_many(lib(targets), lib(observations))
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert f"observations table row 1500.{column}" in messages[0]


def test_a_null_in_a_long_pyarrow_string_view_column_is_an_empty_cell():
    # 2,400 rows of string views with one null: named as an empty cell, as the
    # same column of large_string names it (the view encoding once read it as "").
    targets, observations = _tables(2400)
    observations["indicator"][1500] = None
    messages = []
    for kind in (pa.string_view(), pa.large_string()):
        obs = pa.table({k: pa.array(v, type=kind) if k == "indicator" else v
                        for k, v in observations.items()})  # fmt: skip
        with pytest.raises(ModelError) as err:
            innovplan.assess_many(pa.table(targets), obs)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert "observations table row 1500.indicator: text is required here" in messages[0]


def _old_pyarrow(monkeypatch):
    # pyarrow 16 and 17: the view probe fails and a view cannot be cast to
    # large_string ("Unsupported cast from string_view to large_utf8").
    def no_cast(arr):
        if str(arr.type) == "string_view":
            raise pa.ArrowNotImplementedError("Unsupported cast from string_view to large_utf8")
        return arr

    monkeypatch.setattr(_cells, "_arrow_reads_views", lambda: False)
    monkeypatch.setattr(_cells, "_as_offsets", no_cast)


def test_string_views_read_where_pyarrow_cannot_cast_them(monkeypatch):
    # The same table with its indicator as views and as large_string assesses
    # alike when this pyarrow cannot cast views, and a null is still named.
    _old_pyarrow(monkeypatch)
    targets, observations = _tables(2400)
    results = []
    for kind in (pa.string_view(), pa.large_string()):
        obs = pa.table({k: pa.array(v, type=kind) if k == "indicator" else v
                        for k, v in observations.items()})  # fmt: skip
        results.append(innovplan.assess_many(pa.table(targets), obs).columns["attainment"])
    np.testing.assert_array_equal(results[0], results[1])
    observations["indicator"][1500] = None
    obs = pa.table({k: pa.array(v, type=pa.string_view()) if k == "indicator" else v
                    for k, v in observations.items()})  # fmt: skip
    with pytest.raises(
        ModelError, match=r"observations table row 1500\.indicator: text is required"
    ):
        innovplan.assess_many(pa.table(targets), obs)
