"""Dictionary-encoded Arrow columns read as their values, a null as an empty cell.

pyarrow's ``to_numpy`` of a chunked dictionary column reads a null as one of
the dictionary's entries (pyarrow 26: ``["percent", None]`` gives
``['percent', 'percent']``): the column is decoded first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import innovplan
from innovplan.errors import ModelError
from innovplan.evaluate._cells import as_table

_TARGETS = {
    "id": ["A", "B"],
    "indicator": ["i0", "i1"],
    "comparator": ["at_least", "at_least"],
    "value": [1.0, 1.0],
    "unit": ["percent", "enterprise"],
    "deadline": ["2030-12-31", "2030-12-31"],
    "measure": ["share", "level"],
}
_OBS = {"indicator": ["i1"], "period": [2020], "value": [5.0], "unit": ["enterprise"]}


def _dictionary_kinds(cells):
    """Column *cells* dictionary-encoded, in each way a table can hold it."""
    encoded = pa.array(cells).dictionary_encode()
    return {
        "array": encoded,
        "chunked": pa.chunked_array([encoded]),
        "two chunks": pa.chunked_array(
            [
                pa.array(cells[:1], type=pa.string()).dictionary_encode(),
                pa.array(cells[1:], type=pa.string()).dictionary_encode(),
            ]
        ),
        "large_string": pa.array(cells, type=pa.large_string()).dictionary_encode(),
    }


@pytest.mark.parametrize("kind", ["array", "chunked", "two chunks", "large_string"])
def test_a_null_in_a_dictionary_column_is_an_empty_cell(kind):
    # Row 1's indicator_unit is empty: its unit 'enterprise', which fits the
    # observation. Read as the dictionary's first text ('percent'), row 1
    # would be refused for a unit mismatch.
    column = _dictionary_kinds(["percent", None])[kind]
    plain = innovplan.forecast_many(
        pa.table({**_TARGETS, "indicator_unit": ["percent", None]}), _OBS
    )
    got = innovplan.forecast_many(pa.table({**_TARGETS, "indicator_unit": column}), _OBS)
    assert got.columns["unclear"].tolist() == plain.columns["unclear"].tolist()
    assert (
        got.columns["unit"].tolist() == plain.columns["unit"].tolist() == ["percent", "enterprise"]
    )


@pytest.mark.parametrize("kind", ["array", "chunked", "two chunks", "large_string"])
def test_a_dictionary_text_column_reads_its_nulls_as_empty(kind):
    cells = ["x", None, "y", None]
    column = _dictionary_kinds(cells)[kind]
    want = ["x", "", "y", ""]
    table = as_table(pa.table({"notes": column}), "targets table")
    assert table is not None
    assert table.texts("notes").tolist() == want
    # The same column given in a mapping of columns.
    mapped = as_table({"notes": column}, "targets table")
    assert mapped is not None
    assert mapped.texts("notes").tolist() == want


def test_a_null_in_a_dictionary_number_column_is_empty():
    # A dictionary of floats with a null: to_numpy gives a number there (the
    # dictionary's [1.0, 2.0] read at the null); decoded it is NaN.
    column = pa.chunked_array([pa.array([1.0, None, 2.0]).dictionary_encode()])
    table = as_table(pa.table({"upper": column}), "targets table")
    assert table is not None
    got = table.floats("upper")
    assert got[0] == 1.0
    assert np.isnan(got[1])
    assert got[2] == 2.0
    # A required value left empty is refused at its row, not read as a number.
    targets = pa.table({**_TARGETS, "value": pa.array([1.0, None]).dictionary_encode()})
    with pytest.raises(ModelError, match=r"^targets table row 1\.value: a number is required"):
        innovplan.forecast_many(targets, _OBS)


def test_dictionary_columns_of_pandas_and_polars_read_as_plain_text():
    # pandas' ArrowDtype dictionary and polars' Categorical: the same results
    # as plain text, the null an empty cell.
    plain = innovplan.forecast_many(
        pa.table({**_TARGETS, "indicator_unit": ["percent", None]}), _OBS
    )
    encoded = pa.array(["percent", None]).dictionary_encode()
    frames = [
        pd.DataFrame({**_TARGETS, "indicator_unit": pd.arrays.ArrowExtensionArray(encoded)}),
        pl.DataFrame(
            {**_TARGETS, "indicator_unit": pl.Series(["percent", None], dtype=pl.Categorical)}
        ),
        pl.from_arrow(pa.table({**_TARGETS, "indicator_unit": encoded})),
    ]
    for frame in frames:
        got = innovplan.forecast_many(frame, _OBS)
        assert got.columns["unit"].tolist() == plain.columns["unit"].tolist()
        assert got.columns["unclear"].tolist() == plain.columns["unclear"].tolist()
