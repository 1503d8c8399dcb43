"""polars and pyarrow tables are read without importing pandas.

pyarrow 26 imports pandas, when it is installed, from ``pa.array``, from
``Array.to_numpy`` and ``ChunkedArray.to_numpy`` (numbers too) and from
``take`` given a numpy array: about half a second the first time. The readers
below give those functions' answers from the arrays' buffers instead.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pyarrow as pa
import pytest

from innovplan.evaluate._cells import (
    _arrow_at,
    _arrow_reads_views,
    _chunked_numbers,
    _indices,
    _text_objects,
)

# A fresh process: 500 indicators of 8 years each (4,000 observation rows, so
# the long-column readers run), three targets each (1,500 rows), read from
# polars, from pyarrow, from a pyarrow table of three chunks and from a slice.
_CHILD = """
import sys
import polars as pl
import pyarrow as pa
import innovplan

names = [f"ind{i:03d}" for i in range(500)]
t = pl.DataFrame({
    "id": [f"{n}-h{h}" for h in (1, 2, 3) for n in names],
    "indicator": names * 3,
    "deadline": [2016 + h for h in (1, 2, 3) for _ in names],
    "comparator": ["at_least"] * 1500,
    "value": [float(h) for h in (1, 2, 3) for _ in names],
    "unit": ["dimensionless"] * 1500,
    "measure": ["level"] * 1500,
})
o = pl.DataFrame({
    "indicator": [n for n in names for _ in range(8)],
    "period": [2012 + k for _ in names for k in range(8)],
    "value": [float(k + 1) for _ in names for k in range(8)],
    "unit": ["dimensionless"] * 4000,
})
ta, oa = t.to_arrow(), o.to_arrow()
parts = pa.concat_tables([ta.slice(0, 700), ta.slice(700, 100), ta.slice(800)])
out = []
for targets, obs in ((t, o), (ta, oa), (parts, oa), (ta.slice(500), oa)):
    fc = innovplan.forecast_many(targets, obs, level=0.8)
    res = innovplan.assess_many(targets, obs)
    out.append((len(fc), sorted(set(res.met.tolist())), sorted(set(res.attainment.tolist()))))
print(out)
print("pandas" in sys.modules)
"""


def test_polars_and_pyarrow_tables_do_not_import_pandas():
    done = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True
    )
    results, pandas = done.stdout.split("\n")[:2]
    # Every series is 1..8 over 2012..2019: 6, 7 and 8 at the deadlines 2017,
    # 2018 and 2019, against at least 1, 2 and 3: all met, attainment 6 / 1,
    # 7 / 2 and 8 / 3; the slice keeps the last two deadlines.
    every = [8 / 3, 7 / 2, 6 / 1]
    assert results == str([(1500, [True], every)] * 3 + [(1000, [True], every[:2])])
    assert pandas == "False"


_NUMBERS = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(),
            pa.uint32(), pa.uint64(), pa.float32(), pa.float64()]  # fmt: skip


def _layouts(kind: pa.DataType) -> list[pa.ChunkedArray]:
    one = pa.chunked_array([pa.array([1, 2, 3, 4], type=kind)])
    many = pa.chunked_array([pa.array([1, 2], type=kind), pa.array([], type=kind),
                             pa.array([3, 4], type=kind)])  # fmt: skip
    return [
        one,
        many,
        one.slice(1, 2),
        many.slice(1, 2),
        pa.chunked_array([], type=kind),
        pa.chunked_array([pa.array([], type=kind)]),
    ]


@pytest.mark.parametrize("kind", _NUMBERS, ids=str)
def test_numbers_are_what_to_numpy_gives(kind):
    # By hand: the cells 1, 2, 3, 4; sliced at 1 for 2 rows, 2 and 3.
    want = [[1, 2, 3, 4], [1, 2, 3, 4], [2, 3], [2, 3], [], []]
    for col, cells in zip(_layouts(kind), want, strict=True):
        got = _chunked_numbers(col)
        ref = col.to_numpy()
        assert got.tolist() == cells
        assert got.dtype == ref.dtype == np.dtype(kind.to_pandas_dtype())
        # One chunk is a read-only view of the buffer, as to_numpy's.
        assert got.flags.writeable == ref.flags.writeable


def test_a_slice_of_one_chunk_is_read_at_its_offset():
    col = pa.chunked_array([pa.array([10.5, 20.5, 30.5, 40.5])]).slice(2)
    assert _chunked_numbers(col).tolist() == [30.5, 40.5]


def test_other_columns_go_to_to_numpy():
    # Types without a reader of their own: to_numpy's answer, 1.5 and NaN, 3 s and NaT.
    half = _chunked_numbers(pa.chunked_array([pa.array([1.5, None], type=pa.float16())]))
    assert half.dtype == np.float16
    assert half[0] == 1.5
    assert np.isnan(half[1])
    span = _chunked_numbers(pa.chunked_array([pa.array([3, None], type=pa.duration("s"))]))
    assert span.dtype == np.dtype("timedelta64[s]")
    assert span[0] == np.timedelta64(3, "s")
    assert np.isnat(span[1])


@pytest.mark.parametrize("index", [pa.int8(), pa.int16(), pa.int32(), pa.int64()], ids=str)
def test_dictionary_indices(index):
    arr = pa.array(["b", "a", "b", "c", "a"]).dictionary_encode()
    # First appearance: b 0, a 1, c 2.
    enc = pa.DictionaryArray.from_arrays(arr.indices.cast(index), arr.dictionary)
    got = _indices(enc.indices)
    assert got.dtype == np.int64
    assert got.tolist() == [0, 1, 0, 2, 1]
    assert _indices(enc.indices.slice(2, 2)).tolist() == [0, 2]
    assert _indices(enc.indices.slice(5)).tolist() == []


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()], ids=str)
@pytest.mark.parametrize("pandas", [True, False], ids=["pandas", "no pandas"])
def test_text_objects(kind, pandas, monkeypatch):
    if not pandas:
        monkeypatch.delitem(sys.modules, "pandas", raising=False)
    arr = pa.array(["x", None, "yz", "", "ünï"], type=kind)
    for col, want in ((arr, ["x", None, "yz", "", "ünï"]), (arr.slice(2, 2), ["yz", ""])):
        got = _text_objects(col)
        assert got.dtype == object
        assert got.shape == (len(want),)
        assert got.tolist() == want


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()], ids=str)
def test_cells_at_rows(kind):
    arr = pa.array(["a", "b", "c", "d", "e", "f"], type=kind).slice(1)  # b c d e f
    at = _arrow_at(arr)
    rows = np.array([4, 0, 2, 2, 9, 1], dtype=np.int64)[::2]  # strided: 4, 2, 9
    assert at(rows[:2]).to_pylist() == ["f", "d"]
    assert at(np.array([3, 0], dtype=np.int32)).to_pylist() == ["e", "b"]
    assert at(np.zeros(0, dtype=np.int64)).to_pylist() == []


def test_this_pyarrow_reads_views():
    _arrow_reads_views.cache_clear()
    assert _arrow_reads_views() is True
