"""String views of texts over 12 bytes laid out back to back: one text from one memcmp.

A column that repeats one view in every row (a polars literal) is one text
from its views alone.

A text over 12 bytes lies in a data buffer; its view holds its length, its
first four bytes, the buffer and the offset. When each view is the one
before but for an offset *w* further, every row is the first row's text
exactly when the buffer's bytes there repeat every *w* bytes; over a few
buffers, when each stretch's bytes repeat and begin with the first text. Any
other layout is not read this way (None): the texts are compared by Arrow.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from innovplan.evaluate import _cells as cells_module
from innovplan.evaluate._cells import (
    _arrow_factor,
    _one_text_arrow,
    _one_text_in_one_buffer,
    _one_text_views,
    _view_words,
)

_N = 2000
_TEXT = "dimensionless"  # 13 bytes: in the data buffer, not inside the view


def _per_row(arr: pa.Array) -> bool:
    # By definition: every row equal to the first, compared by Arrow.
    return bool(pc.all(pc.equal(arr, arr[0])).as_py())


@pytest.mark.parametrize(
    ("name", "cells", "want"),
    [
        ("one text", [_TEXT] * _N, True),
        # Same length and first four bytes: only the bytes in the buffer differ.
        ("last row's last byte", [_TEXT] * (_N - 1) + ["dimensionlesz"], False),
        ("middle row's last byte", [_TEXT] * 1000 + ["dimensionlesz"] + [_TEXT] * 999, False),
        ("first row's fifth byte", ["dimeXsionless"] + [_TEXT] * (_N - 1), False),
        ("non-ASCII", ["é" * 7] * _N, True),  # 14 bytes
    ],
)
@pytest.mark.parametrize("sliced", [False, True])
def test_back_to_back_views_give_the_comparison_per_row(name, cells, want, sliced):
    arr = pa.array(cells, type=pa.string_view())
    if sliced:  # an offset into the views
        arr = pa.array(["zzzzzzzzzzzzzz"] * 3 + cells, type=pa.string_view()).slice(3)
    got = _one_text_in_one_buffer(arr)
    assert got is want, name  # read from the buffers (pyarrow lays texts back to back)
    assert _one_text_arrow(arr, arr[0]) is want is _per_row(arr)


def test_other_lengths_or_short_texts_are_not_read_from_the_buffers():
    # Another length in the middle: the views' steps differ, the texts are compared.
    arr = pa.array([_TEXT] * 1000 + [_TEXT + "x"] + [_TEXT] * 999, type=pa.string_view())
    assert _one_text_in_one_buffer(arr) is None
    assert _one_text_arrow(arr, arr[0]) is False
    # pyarrow's builder starts a new data buffer every 32 KiB: 3,000 rows of
    # 13 bytes lie in two buffers, back to back in each (two stretches).
    arr = pa.array([_TEXT] * 3000, type=pa.string_view())
    assert len(arr.buffers()) == 4
    assert _one_text_in_one_buffer(arr) is True
    assert _one_text_arrow(arr, arr[0]) is True
    # Texts of 12 bytes or less are inside their views: another reading.
    assert _one_text_in_one_buffer(pa.array(["at_least"] * _N, type=pa.string_view())) is None


def _views(rows: list[tuple[int, int, int]], text: bytes) -> np.ndarray:
    """Views of *text* (over 12 bytes) at (buffer, offset) per row, by hand."""
    out = np.zeros((len(rows), 16), dtype=np.uint8)
    for i, (buffer, offset, _) in enumerate(rows):
        out[i, 0:4] = np.frombuffer(np.uint32(len(text)).tobytes(), np.uint8)
        out[i, 4:8] = list(text[:4])
        out[i, 8:12] = np.frombuffer(np.uint32(buffer).tobytes(), np.uint8)
        out[i, 12:16] = np.frombuffer(np.uint32(offset).tobytes(), np.uint8)
    return out


@pytest.mark.parametrize(
    ("name", "layout", "buffers", "want"),
    [
        # Each row of one text in two buffers, back to back in each: two stretches.
        ("two buffers", [(0, 13 * k, 0) for k in range(3)] + [(1, 13 * k, 0) for k in range(3)],
         [_TEXT.encode() * 3, _TEXT.encode() * 3], True),
        # Every view at offset 0: one copy of the text (a writer that shares
        # it), each row a stretch of its own.
        ("one copy", [(0, 0, 0)] * 6, [_TEXT.encode()], True),
        # Back to back but in reverse order: six stretches of one row.
        ("reversed", [(0, 13 * k, 0) for k in range(5, -1, -1)], [_TEXT.encode() * 6], True),
        # 17 stretches: more than a writer leaves; compared by Arrow.
        ("17 stretches", [(0, 13 * k, 0) for k in range(16, -1, -1)], [_TEXT.encode() * 17], None),
    ],
)  # fmt: skip
def test_other_layouts_of_one_text(name, layout, buffers, want):
    views = _views(layout, _TEXT.encode())
    arr = pa.Array.from_buffers(
        pa.string_view(), len(layout),
        [None, pa.py_buffer(views.tobytes()), *map(pa.py_buffer, buffers)],
    )  # fmt: skip
    assert arr.to_pylist() == [_TEXT] * len(layout)
    assert _one_text_in_one_buffer(arr) is want, name
    assert _one_text_arrow(arr, arr[0]) is True


_DIM = _TEXT.encode()
_ODD13 = b"dimeXXXXXXXXX"  # the same length and first four bytes as _TEXT


@pytest.mark.parametrize(
    ("name", "buffers", "want"),
    [
        ("three buffers of one text", [_DIM * 4, _DIM * 4, _DIM * 4], True),
        # The second stretch's third row differs in its last bytes.
        (
            "a middle row of the second buffer",
            [_DIM * 4, _DIM * 2 + _ODD13 + _DIM, _DIM * 4],
            False,
        ),
        # The last stretch is another text throughout (it repeats, its first differs).
        ("the last buffer another text", [_DIM * 4, _DIM * 4, _ODD13 * 4], False),
        # The last row of the first stretch.
        ("the first buffer's last row", [_DIM * 3 + _ODD13, _DIM * 4, _DIM * 4], False),
    ],
)
def test_stretches_over_several_buffers(name, buffers, want):
    layout = [(b, 13 * k, 0) for b in range(3) for k in range(4)]
    arr = pa.Array.from_buffers(
        pa.string_view(), len(layout),
        [None, pa.py_buffer(_views(layout, _DIM).tobytes()), *map(pa.py_buffer, buffers)],
    )  # fmt: skip
    assert _per_row(arr) is want, name  # by definition, with Arrow
    assert _one_text_in_one_buffer(arr) is want
    assert _one_text_arrow(arr, arr[0]) is want


def test_a_stretch_past_its_buffer_is_compared_by_arrow():
    # The second stretch claims 4 rows, its buffer holds 3 texts and a byte.
    layout = [(b, 13 * k, 0) for b in range(2) for k in range(4)]
    buffers = [_DIM * 4, _DIM * 3 + b"d"]
    views = _views(layout, _DIM)
    with pytest.raises(pa.ArrowIndexError):  # pyarrow itself refuses to read it
        pa.Array.from_buffers(
            pa.string_view(), len(layout), [None, pa.py_buffer(views.tobytes()),
            *map(pa.py_buffer, buffers)],
        ).validate(full=True)  # fmt: skip
    arr = pa.Array.from_buffers(
        pa.string_view(), len(layout),
        [None, pa.py_buffer(views.tobytes()), *map(pa.py_buffer, buffers)],
    )  # fmt: skip
    assert _one_text_in_one_buffer(arr) is None


def test_one_text_of_views_read_whole():
    # The distinct reading of a long column of one text over 12 bytes.
    arr = pa.array([_TEXT] * _N, type=pa.string_view())
    cells, first, inverse, _ = _arrow_factor(arr)
    assert cells == [_TEXT]
    assert first.tolist() == [0]
    assert inverse.tolist() == [0] * _N


def _hand_made(layout: list[tuple[int, int, int]], buffers: list[bytes]) -> pa.Array:
    # layout: (buffer, offset, length) per row, every text starting "dime".
    views = np.zeros((len(layout), 16), dtype=np.uint8)
    for i, (buffer, offset, length) in enumerate(layout):
        views[i, 0:4] = np.frombuffer(np.uint32(length).tobytes(), np.uint8)
        views[i, 4:8] = list(b"dime")
        views[i, 8:12] = np.frombuffer(np.uint32(buffer).tobytes(), np.uint8)
        views[i, 12:16] = np.frombuffer(np.uint32(offset).tobytes(), np.uint8)
    return pa.Array.from_buffers(
        pa.string_view(), len(layout),
        [None, pa.py_buffer(views.tobytes()), *map(pa.py_buffer, buffers)],
    )  # fmt: skip


_ODD = b"dimeXXXXXXXXX"  # 13 bytes, the same length and first four bytes as _TEXT


@pytest.mark.parametrize(
    ("name", "layout", "buffers", "want"),
    [
        # Row 2 points past the back-to-back rows, at another text; the last
        # view is where back to back puts it, and the bytes there repeat.
        ("one view elsewhere", [(0, 0, 13), (0, 13, 13), (0, 52, 13), (0, 39, 13)],
         [_TEXT.encode() * 4 + _ODD], False),
        # Row 2 is one byte longer (the same first four bytes), back to back.
        ("one view longer", [(0, 0, 13), (0, 13, 13), (0, 26, 14), (0, 39, 13)],
         [_TEXT.encode() * 4 + b"d"], False),
        # The texts in buffer 1; buffer 0 holds other bytes.
        ("the second buffer", [(1, 13 * k, 13) for k in range(4)],
         [b"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP", _TEXT.encode() * 4], True),
    ],
)  # fmt: skip
def test_hand_made_layouts_give_the_comparison_per_row(name, layout, buffers, want):
    arr = _hand_made(layout, buffers)
    assert _per_row(arr) is want, name  # by definition, with Arrow
    assert _one_text_arrow(arr, arr[0]) is want


def test_a_polars_literal_column_is_one_text_from_its_views():
    # pl.lit repeats one view (the same length, buffer and offset) in every row.
    frame = pl.DataFrame({"k": range(6069)}).with_columns(unit=pl.lit(_TEXT))
    arr = frame["unit"].to_arrow(compat_level=pl.CompatLevel.newest())
    words = _view_words(arr)
    assert len(np.unique(words, axis=0)) == 1
    assert _one_text_views(words) is True
    assert _one_text_in_one_buffer(arr) is None  # no step between the views
    assert _one_text_arrow(arr, arr[0]) is True is _per_row(arr)


@pytest.mark.parametrize(
    ("name", "row", "view", "want"),
    [
        # One row of another text, the rows either side of it as the first.
        ("middle row another text", 500, (0, 13, 13), False),
        ("second row another text", 1, (0, 13, 13), False),
        ("last row another text", 999, (0, 13, 13), False),
        # One row pointing at a second copy of the same text: views differ, texts do not.
        ("middle row another copy", 500, (0, 26, 13), True),
        ("one row one byte longer", 500, (0, 0, 14), False),
    ],
)
def test_repeated_views_with_one_row_apart(name, row, view, want):
    layout = [(0, 0, 13)] * 1000
    layout[row] = view
    arr = _hand_made(layout, [_TEXT.encode() + _ODD + _TEXT.encode() + b"x"])
    assert _per_row(arr) is want, name  # by definition, with Arrow
    assert _one_text_views(_view_words(arr)) is False  # the views do not say
    assert _one_text_arrow(arr, arr[0]) is want


def test_one_text_reads_the_views_once(monkeypatch):
    # 3,000 rows lie in two of pyarrow's data buffers: neither view reader
    # settles it, and both were given the one reading.
    arr = pa.array([_TEXT] * 3000, type=pa.string_view())
    calls = []
    real = cells_module._view_words

    def counted(a):
        calls.append(len(a))
        return real(a)

    monkeypatch.setattr(cells_module, "_view_words", counted)
    assert _one_text_arrow(arr, arr[0]) is True
    assert calls == [3000]


def test_one_row_is_one_text():
    assert _one_text_views(_view_words(pa.array([_TEXT], type=pa.string_view()))) is True
