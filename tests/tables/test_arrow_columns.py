"""pyarrow columns with nulls, booleans, dates and timestamps read from their buffers.

``ChunkedArray.to_numpy`` imports pandas (pyarrow 26). The reader gives its
answer from the validity bitmap and the data buffers instead (Arrow columnar
format, "Validity bitmaps" and "Fixed-size Primitive Layout"): the same dtype,
the same bytes, the same objects and the same writeable flag, so a polars or
pyarrow table reads as before without pandas.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pytest

import innovplan
from innovplan.evaluate._cells import _chunked_numbers

_TYPES = [
    pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(),
    pa.uint64(), pa.float32(), pa.float64(), pa.bool_(), pa.date32(), pa.date64(),
    pa.timestamp("s"), pa.timestamp("ms"), pa.timestamp("us"), pa.timestamp("ns"),
    pa.timestamp("us", tz="UTC"), pa.timestamp("s", tz="Asia/Shanghai"), pa.null(),
]  # fmt: skip


def _cell(kind: pa.DataType, i: int) -> object:  # noqa: PLR0911 (one return per kind)
    """A cell of *kind* for row *i*: varied values, wide integers and floats' NaN and -0.0."""
    if pa.types.is_boolean(kind):
        return i % 3 == 1
    if pa.types.is_floating(kind):
        return [1.5, -2.25, float("nan"), -0.0, 1e30, float("inf")][i % 6]
    if pa.types.is_signed_integer(kind):
        top = 2 ** (kind.bit_width - 1)
        return [0, 1, top - 1, -7, -top][i % 5]
    if pa.types.is_integer(kind):
        return [0, 1, 2**kind.bit_width - 1, 7][i % 4]
    if pa.types.is_date(kind):
        return dt.date(1969, 12, 30) + dt.timedelta(days=997 * i)
    if pa.types.is_timestamp(kind):
        return dt.datetime(1960, 1, 1) + dt.timedelta(seconds=86_413 * 97 * i)  # noqa: DTZ001 (no zone)
    return None


def _column(kind: pa.DataType, sizes: list[int], nulls: str) -> pa.ChunkedArray:
    """Chunks of *sizes* rows; *nulls* is "none", "some" (rows 1, 4, 8, 9, ...) or "all"."""
    chunks, row = [], 0
    for size in sizes:
        cells = []
        for _ in range(size):
            null = nulls == "all" or (nulls == "some" and row % 4 in (0, 1) and row % 3 != 0)
            cells.append(None if null else _cell(kind, row))
            row += 1
        chunks.append(pa.array(cells, type=kind))
    return pa.chunked_array(chunks, type=kind)


def _layouts(kind: pa.DataType, nulls: str) -> list[pa.ChunkedArray]:
    out = []
    for sizes in ([13], [3, 0, 21], [0], [], [9, 9, 1]):
        col = _column(kind, sizes, nulls)
        out.append(col)
        n = len(col)
        if n > 4:
            # Offsets inside the first bitmap byte, past it, and the last row alone.
            out += [col.slice(1), col.slice(3, n - 4), col.slice(9), col.slice(n - 1)]
    return out


def _same(got: np.ndarray, ref: np.ndarray) -> bool:
    if got.dtype != ref.dtype or got.shape != ref.shape:
        return False
    if ref.dtype.kind == "O":  # the same objects: True, False, None
        return [(type(x), x) for x in got.tolist()] == [(type(x), x) for x in ref.tolist()]
    return got.tobytes() == ref.tobytes()  # NaN's and NaT's bits included


@pytest.mark.parametrize("nulls", ["none", "some", "all"])
@pytest.mark.parametrize("kind", _TYPES, ids=str)
def test_what_to_numpy_gives(kind, nulls):
    for col in _layouts(kind, nulls):
        got = _chunked_numbers(col)
        ref = col.to_numpy()
        assert _same(got, ref), (col.type, [len(c) for c in col.chunks], col.null_count)
        # A view of the table's memory is read-only, as to_numpy's.
        assert got.flags.writeable == ref.flags.writeable


def test_integers_with_a_null_are_floats_with_nan():
    col = pa.chunked_array(
        [pa.array([7, None], type=pa.int32()), pa.array([None, -(2**31)], pa.int32())]
    )
    got = _chunked_numbers(col)
    assert got.dtype == np.float64
    assert got[[0, 3]].tolist() == [7.0, -2147483648.0]
    assert np.isnan(got[[1, 2]]).all()
    # float32 keeps its width; the NaN is a quiet one of positive sign.
    small = _chunked_numbers(pa.chunked_array([pa.array([1.5, None], type=pa.float32())]))
    assert small.dtype == np.float32
    assert small.view(np.uint32).tolist() == [0x3FC00000, 0x7FC00000]


def test_booleans_from_bits():
    bits = pa.array([True, False, None, True, True, False, False, True, False, True])
    col = pa.chunked_array([bits.slice(3)])  # offset 3 in the first byte, no null after it
    assert _chunked_numbers(pa.chunked_array([bits.slice(3, 2)])).tolist() == [True, True]
    got = _chunked_numbers(col)
    assert got.dtype == np.bool_
    assert got.tolist() == [True, True, False, False, True, False, True]
    with_null = _chunked_numbers(pa.chunked_array([bits.slice(1, 3)]))
    assert with_null.dtype == object
    assert with_null.tolist() == [False, None, True]
    assert type(with_null[0]) is bool


def test_dates_and_timestamps_by_hand():
    # 2020-01-01 is day 18,262 after 1970-01-01: 50 years of 365 days and 12
    # leap days (1972, 1976, ..., 2016); 1969-12-31 is day -1.
    days = pa.chunked_array([pa.array([dt.date(2020, 1, 1), None, dt.date(1969, 12, 31)])])
    got = _chunked_numbers(days)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.view(np.int64).tolist() == [18262, np.iinfo(np.int64).min, -1]
    assert np.isnat(got[1])
    ms = _chunked_numbers(pa.chunked_array([pa.array([dt.date(2020, 1, 1)], type=pa.date64())]))
    assert ms.dtype == np.dtype("datetime64[ms]")
    assert ms.view(np.int64).tolist() == [18262 * 86_400_000]
    # A zoned timestamp is its UTC instant: 2020-01-01T05:00 is 18,262 days and 5 hours.
    stamp = pa.array(
        [dt.datetime(2020, 1, 1, 5, tzinfo=dt.UTC)], type=pa.timestamp("s", tz="Asia/Shanghai")
    )
    got = _chunked_numbers(pa.chunked_array([stamp]))
    assert got.dtype == np.dtype("datetime64[s]")
    assert got.view(np.int64).tolist() == [18262 * 86_400 + 5 * 3_600]


def test_a_null_column_is_none_in_every_row():
    got = _chunked_numbers(pa.chunked_array([pa.nulls(3), pa.nulls(2)]))
    assert got.dtype == object
    assert got.tolist() == [None] * 5


def test_nothing_is_written_to_the_table():
    arr = pa.array([1, None, 3], type=pa.int64())
    col = pa.chunked_array([arr])
    got = _chunked_numbers(col)
    got[0] = 99.0  # a copy: the table keeps its cells
    assert arr.to_pylist() == [1, None, 3]


# 200 indicators of 8 years (2012..2019: 1..8) and three targets each, at
# least 1, 2 and 3 by 2017, 2018 and 2019; optional columns with nulls.
_NAMES = [f"ind{i:03d}" for i in range(200)]
_TARGETS = {
    "id": [f"{n}-h{h}" for h in (1, 2, 3) for n in _NAMES],
    "indicator": _NAMES * 3,
    "deadline": [dt.date(2016 + h, 12, 31) for h in (1, 2, 3) for _ in _NAMES],
    "start": [None if i % 2 else dt.date(2012, 1, 1) for i in range(600)],
    "comparator": ["at_least"] * 600,
    "value": [float(h) for h in (1, 2, 3) for _ in _NAMES],
    "unit": ["dimensionless"] * 600,
    "measure": ["level"] * 600,
    "only_grows": [None if j % 3 == 0 else bool(j % 2) for _ in (1, 2, 3) for j in range(200)],
    "weight": [None if i % 5 == 0 else 2 for i in range(600)],
    "plan_start": [None] * 600,
}
_TARGET_TYPES = {
    "deadline": pl.Date, "start": pl.Date, "only_grows": pl.Boolean, "weight": pl.Int32,
    "plan_start": pl.Date,
}  # fmt: skip
_OBSERVATIONS = {
    "indicator": [n for n in _NAMES for _ in range(8)],
    "period": [2012 + k for _ in _NAMES for k in range(8)],
    "value": [float(k + 1) for _ in _NAMES for k in range(8)],
    "unit": ["dimensionless"] * 1600,
    "released": [
        None if k == 3 else dt.datetime(2013 + k, 2, 1)  # noqa: DTZ001 (no zone)
        for _ in _NAMES
        for k in range(8)
    ],
}
_OBSERVATION_TYPES = {"period": pl.Int16, "released": pl.Datetime("us")}


def _frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    t = pl.DataFrame({k: pl.Series(v, dtype=_TARGET_TYPES.get(k)) for k, v in _TARGETS.items()})
    o = pl.DataFrame(
        {k: pl.Series(v, dtype=_OBSERVATION_TYPES.get(k)) for k, v in _OBSERVATIONS.items()}
    )
    return t, o


def _results(targets: object, observations: object) -> dict[str, np.ndarray]:
    fc = innovplan.forecast_many(targets, observations, level=0.8)
    res = innovplan.assess_many(targets, observations)
    return {
        **{"forecast " + k: np.asarray(v) for k, v in fc.columns.items()},
        **{"assess " + k: np.asarray(v) for k, v in res.columns.items()},
    }


def _three(tab: pa.Table) -> pa.Table:
    n = tab.num_rows
    return pa.concat_tables([tab.slice(0, n // 3), tab.slice(n // 3, 0), tab.slice(n // 3)])


def test_pandas_polars_and_pyarrow_read_alike():
    t, o = _frames()
    ta, oa = t.to_arrow(), o.to_arrow()
    assert str(ta.schema.field("only_grows").type) == "bool"
    assert str(oa.schema.field("released").type) == "timestamp[us]"
    want = _results(t, o)
    # Every series is 1..8 over 2012..2019: 6, 7 and 8 at the deadlines
    # against at least 1, 2 and 3, all met; attainment 6 / 1, 7 / 2 and 8 / 3.
    assert want["assess met"].all()
    assert sorted(set(want["assess attainment"].tolist())) == [8 / 3, 7 / 2, 6 / 1]
    built = pa.table({k: pa.array(v, type=ta.schema.field(k).type) for k, v in _TARGETS.items()})
    for targets, observations in (
        (ta, oa),
        (ta.to_pandas(), oa.to_pandas()),
        (_three(ta), _three(oa)),  # chunks, one of them empty, the third at an offset
        (built, oa),
    ):
        got = _results(targets, observations)
        assert got.keys() == want.keys()
        for key, ref in want.items():
            assert _same(got[key], ref), key
    # A slice of the targets (an offset of 200 rows) reads as the same rows given alone.
    part = _results(ta.slice(200), _three(oa))
    alone = _results(t[200:], o)
    for key, ref in alone.items():
        assert _same(part[key], ref), key
    assert len(part["assess met"]) == 400


def test_an_empty_table_reads_alike():
    t, o = _frames()
    want = _results(t.head(0), o)
    assert len(want["assess met"]) == 0
    for targets in (t.head(0).to_arrow(), t.to_arrow().slice(600)):
        got = _results(targets, o.to_arrow())
        for key, ref in want.items():
            assert _same(got[key], ref), key


def test_a_null_number_is_named_from_pyarrow_as_from_polars():
    t, o = _frames()
    t = t.with_columns(value=pl.when(pl.int_range(pl.len()) == 4).then(None).otherwise("value"))
    messages = set()
    for targets in (t, t.to_arrow(), _three(t.to_arrow())):
        with pytest.raises(innovplan.errors.ModelError) as err:
            innovplan.assess_many(targets, o)
        messages.add(str(err.value))
    assert messages == {"targets table row 4.value: a number is required here, got an empty cell"}


_CHILD = """
import sys
sys.path.insert(0, {here!r})
from test_arrow_columns import _frames, _three
import innovplan
import polars as pl

t, o = _frames()
ta, oa = t.to_arrow(), o.to_arrow()  # polars hands Arrow over without pandas
out = []
for targets, obs in ((t, o), (ta, oa), (_three(ta), _three(oa)), (ta.slice(200), oa)):
    fc = innovplan.forecast_many(targets, obs, level=0.8)
    res = innovplan.assess_many(targets, obs)
    out.append((len(fc), bool(res.met.all()), sorted(set(res.attainment.tolist()))))
bad = ta.set_column(5, "value", pl.Series([1.0, None] * 300).to_arrow())
try:
    innovplan.assess_many(bad, oa)
except innovplan.errors.ModelError as e:
    out.append(str(e))
print(out)
print("pandas" in sys.modules)
"""


def test_polars_and_pyarrow_dates_booleans_and_nulls_do_not_import_pandas():
    here = str(Path(__file__).parent)
    done = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", _CHILD.format(here=here)], capture_output=True, text=True, check=True
    )
    results, pandas = done.stdout.split("\n")[:2]
    every = [8 / 3, 7 / 2, 6 / 1]
    message = "targets table row 1.value: a number is required here, got an empty cell"
    assert results == str([(600, True, every)] * 3 + [(400, True, every[:2]), message])
    assert pandas == "False"
