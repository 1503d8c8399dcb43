"""A slice deep in a large Arrow array reads only the bitmap bytes it covers.

A bitmap (Arrow columnar format, "Validity bitmaps": eight rows to a byte,
least significant bit first) is shared by every slice of an array; a slice
at row offset ``o`` starts at bit ``o % 8`` of byte ``o // 8``. Reading a
slice of ``k`` rows therefore needs ``ceil((o % 8 + k) / 8)`` bytes, whatever
``o`` is, so reading a large table in ``slice`` batches costs time in
proportion to its size, not to its size squared.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pyarrow as pa
import pytest

from innovplan.evaluate._cells import _chunked_numbers

_N = 2_000_000
# Deep in the array, 3 bits into its byte (1_998_003 = 8 * 249_750 + 3), and
# ending inside a byte too: 1_998_003 + 997 = 1_999_000 = 8 * 249_875.
_OFFSET, _ROWS = 1_998_003, 997


def _rows() -> np.ndarray:
    return np.arange(_N)


def _bools(*, nulls: bool) -> pa.Array:
    i = _rows()
    # True where i % 3 == 1; a null where i % 7 == 0 (when asked for).
    return pa.array(i % 3 == 1, mask=(i % 7 == 0) if nulls else None)


def _floats() -> pa.Array:
    i = _rows()
    return pa.array(i * 0.5, mask=i % 7 == 0)  # row i is i / 2, null where i % 7 == 0


def _same(got: np.ndarray, ref: np.ndarray) -> bool:
    if got.dtype != ref.dtype or got.shape != ref.shape:
        return False
    if ref.dtype.kind == "O":  # the same objects: True, False, None
        return [(type(x), x) for x in got.tolist()] == [(type(x), x) for x in ref.tolist()]
    return got.tobytes() == ref.tobytes()  # NaN's bits included


@pytest.mark.parametrize(
    "make",
    [lambda: _bools(nulls=False), lambda: _bools(nulls=True), _floats],
    ids=["booleans", "booleans-with-nulls", "floats-with-nulls"],
)
def test_a_deep_slice_reads_as_to_numpy_does(make):
    col = pa.chunked_array([make().slice(_OFFSET, _ROWS)])
    assert col.chunks[0].offset % 8 == 3
    got = _chunked_numbers(col)
    assert _same(got, col.to_numpy())
    assert got.flags.writeable == col.to_numpy().flags.writeable


def test_deep_slices_by_hand():
    i = np.arange(_OFFSET, _OFFSET + _ROWS)
    null = i % 7 == 0
    # Row 1_998_003: 1_998_003 = 3 * 666_001 (so i % 3 == 0: False) and
    # 1_998_003 = 7 * 285_429 (a null). Row 1_998_004: 1 mod 3, True, 1 mod 7.
    assert null[0]
    assert not null[1]
    plain = _chunked_numbers(pa.chunked_array([_bools(nulls=False).slice(_OFFSET, _ROWS)]))
    assert plain.tolist() == (i % 3 == 1).tolist()
    assert plain[:2].tolist() == [False, True]
    with_nulls = _chunked_numbers(pa.chunked_array([_bools(nulls=True).slice(_OFFSET, _ROWS)]))
    assert with_nulls[:2].tolist() == [None, True]
    assert [x is None for x in with_nulls] == null.tolist()
    floats = _chunked_numbers(pa.chunked_array([_floats().slice(_OFFSET, _ROWS)]))
    assert np.isnan(floats[0])
    assert floats[1] == 999_002.0  # 1_998_004 / 2
    np.testing.assert_array_equal(np.isnan(floats), null)
    np.testing.assert_array_equal(floats[~null], i[~null] * 0.5)


@pytest.mark.parametrize(
    "make",
    [lambda: _bools(nulls=False), lambda: _bools(nulls=True), _floats],
    ids=["booleans", "booleans-with-nulls", "floats-with-nulls"],
)
def test_a_deep_slice_allocates_for_its_rows_not_its_offset(make):
    # Unpacking the bitmap from bit 0 would allocate one byte a row up to the
    # slice's end: 1_999_000 bytes, about 1.9 MiB. The slice's own arrays are
    # 997 bools (values and nulls) and 997 objects or floats of 8 bytes, about
    # 10 kB with the unpacked bits. 200 kB lies far from both.
    col = pa.chunked_array([make().slice(_OFFSET, _ROWS)])
    tracemalloc.start()
    try:
        _chunked_numbers(col)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200_000, peak
