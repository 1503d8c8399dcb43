"""Arrow text columns whose texts are all w bytes (1 <= w <= 8) read as one number a row.

Row *i* of such a column is its *w* bytes (at ``i * w`` of its data, or
inside its string view); read as a little-endian number with the bytes past
the text zeroed, equal numbers are equal texts. The runs of a column are then
found from the numbers, the runs' first texts are compared with another
table's distinct texts by their numbers, and a column of many texts is
numbered by pandas' hash table of the numbers. Each reading gives the answer
of the general one (Arrow's comparisons and dictionary, or a dict in Python).
"""

from __future__ import annotations

import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from innovplan.evaluate._cells import (
    Table,
    _arrow_factor,
    _fixed_keys,
    _small_distinct,
)

_TYPES = [pa.string(), pa.large_string()]
_ALL_TYPES = [*_TYPES, pa.string_view()]


def _by_definition(texts: list[str]) -> list[int]:
    # The number of a text is its UTF-8 bytes read little-endian (byte 0 lowest).
    return [int.from_bytes(t.encode(), "little") for t in texts]


_FIXED = {
    "one byte": ["a", "b", "b", "c"] * 5,
    "five bytes": ["D0000", "D0000", "D0001", "D0002", "D0002"] * 4,
    "eight bytes": ["at_least", "at_most_", "at_least", "at_least"] * 5,
    # Two bytes a character: the width counts bytes, not characters.
    "non-ASCII": ["百分", "百分", "分百"] * 6,
    # A zero byte inside a text is a byte like any other.
    "zero byte": ["a\x00", "a\x00", "ab", "\x00a"] * 5,
}


@pytest.mark.parametrize("name", list(_FIXED))
@pytest.mark.parametrize("kind", _ALL_TYPES)
@pytest.mark.parametrize("where", ["whole", "slice before the end", "slice to the end"])
def test_fixed_keys_are_the_texts_read_as_numbers(name, kind, where):
    texts = _FIXED[name]
    arr = pa.array(texts, type=kind)
    if where == "slice before the end":
        # Rows after the slice: every row's eight bytes lie inside the buffer.
        arr = pa.array([texts[0]] * 3 + texts + [texts[0]] * 3, type=kind)
        arr = arr.slice(3, len(texts))
    elif where == "slice to the end":
        # The slice ends at the buffer's end: the last rows come from a padded copy.
        arr = pa.array([texts[0]] * 3 + texts, type=kind).slice(3)
    fixed = _fixed_keys(arr)
    assert fixed is not None
    keys, width = fixed
    assert width == len(texts[0].encode())
    assert keys.tolist() == _by_definition(texts)
    # Neighbours differ by their numbers exactly when their texts differ.
    want = [a != b for a, b in zip(texts[1:], texts[:-1], strict=True)]
    assert (keys[1:] != keys[:-1]).tolist() == want


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        ("nine bytes", ["abcdefghi"] * 20),
        ("widths differ", ["ab", "abc"] * 10),
        # The lengths add up to two bytes a row, but not row by row.
        ("lengths that cancel", ["ab"] * 18 + ["a", "bab"]),
        ("empty texts", [""] * 20),
        ("one row", ["ab"]),
    ],
)
@pytest.mark.parametrize("kind", _ALL_TYPES)
def test_no_fixed_keys_for_other_widths(name, texts, kind):
    assert _fixed_keys(pa.array(texts, type=kind)) is None, name


@pytest.mark.parametrize("kind", _ALL_TYPES)
def test_no_fixed_keys_for_nulls(kind):
    assert _fixed_keys(pa.array(["ab", None, "ab"] * 5, type=kind)) is None


def test_no_fixed_keys_for_other_types():
    assert _fixed_keys(pa.array([b"ab"] * 20)) is None  # binary, not text
    assert _fixed_keys(pa.array([1, 2] * 10)) is None


def test_view_keys_ignore_bytes_after_a_short_text():
    # Two views of "ab" whose inline bytes after the text differ (no writer
    # leaves them so, but a view may): the same key, as the same text.
    views = np.zeros((2, 2), dtype="<i8")
    raw = views.view(np.uint8).reshape(2, 16)
    raw[:, 0] = 2  # length 2
    raw[:, 4:6] = list(b"ab")
    raw[1, 6:16] = list(b"xxxxxxxxxx")  # other bytes after row 1's text
    arr = pa.Array.from_buffers(pa.string_view(), 2, [None, pa.py_buffer(views.tobytes())])
    assert arr.to_pylist() == ["ab", "ab"]
    fixed = _fixed_keys(arr)
    assert fixed is not None
    assert fixed[0].tolist() == _by_definition(["ab", "ab"])
    assert fixed[1] == 2


# -- Runs from the numbers ------------------------------------------------------------

_N = 2000  # over the 1,024 rows from which a column is read in runs


def _runs_of(texts: list[str], size: int = 40) -> list[str]:
    return [t for t in texts for _ in range(size)]


_CODES = [f"D{k:04d}" for k in range(_N // 40)]  # 50 texts of 5 bytes


@pytest.mark.parametrize("kind", _TYPES)
@pytest.mark.parametrize(
    ("name", "texts"),
    [
        ("runs", _runs_of(_CODES)),
        # A text in two runs: the runs are not taken; every row is hashed.
        ("a text in two runs", _runs_of([*_CODES[:-1], _CODES[0]])),
        # Short runs of a few texts.
        ("short runs", ["D0001", "D0001", "D0002", "D0002", "D0001"] * (_N // 5)),
    ],
)
def test_runs_from_fixed_keys_give_the_general_answer(kind, name, texts):
    arr = pa.array(texts, type=kind)
    fixed = _fixed_keys(arr)
    assert fixed is not None
    cells, first, inverse, _ = _arrow_factor(arr)
    want_cells, want_first, want_inverse = _small_distinct(texts)  # a dict, by hand
    assert cells == want_cells, name
    assert first.tolist() == want_first.tolist()
    assert inverse.tolist() == want_inverse.tolist()
    # Arrow's own neighbour comparison finds the same changes as the numbers.
    keys = fixed[0]
    arrow_changes = pc.not_equal(arr.slice(1), arr.slice(0, len(arr) - 1)).to_pylist()
    assert (keys[1:] != keys[:-1]).tolist() == arrow_changes


def _known(texts: list[str], kind: pa.DataType):
    return pa.array(texts, type=kind), list(texts)


@pytest.mark.parametrize("kind", _TYPES)
@pytest.mark.parametrize("known_kind", _TYPES)
@pytest.mark.parametrize(
    ("name", "known_texts", "reused"),
    [
        ("the same texts", _CODES, True),
        ("the last text differs", [*_CODES[:-1], "D9999"], False),
        ("the first text differs in its last byte", ["D0001", *_CODES[1:]], False),
        ("another order", _CODES[::-1], False),
        ("one text fewer", _CODES[:-1], False),
        # Another width: the numbers are not compared (the Arrow arrays are).
        ("one byte longer", [c + "x" for c in _CODES], False),
        # A zero byte more: the numbers of the texts are equal, the texts are not.
        ("a zero byte more", [c + "\x00" for c in _CODES], False),
        # Not one width: the Arrow arrays are compared.
        ("widths differ", ["D0000x", *_CODES[1:]], False),
    ],
)
def test_known_texts_by_fixed_keys_give_the_general_answer(
    kind, known_kind, name, known_texts, reused
):
    rows = _runs_of(_CODES)
    col = pa.array(rows, type=kind)
    table = Table({"g": col}, "t", arrow={"g": col})
    known = _known(known_texts, known_kind)
    table.expect("g", known)
    cells, first, inverse = table.column_distinct("g")
    assert cells == _CODES, name
    assert first.tolist() == list(range(0, len(rows), 40))
    assert inverse.tolist() == [k // 40 for k in range(len(rows))]
    # The known objects themselves when they are the runs' texts (a copy of the list).
    assert (cells[0] is known[1][0]) is reused
    assert cells is not known[1]
    # The distinct texts kept for the column are its own, whichever array holds them.
    texts, kept = table.arrow_cells("g")
    assert texts.to_pylist() == _CODES
    assert kept is cells


def test_a_padded_copy_reads_the_rows_at_the_buffer_end():
    # 3 rows of 5 bytes: the buffer holds 15 bytes, so only row 0's eight
    # bytes (0..7) lie inside it; rows 1 and 2 come from the padded copy.
    arr = pa.array(["abcde", "fghij", "klmno"], type=pa.large_string())
    assert arr.buffers()[2].size == 15
    fixed = _fixed_keys(arr)
    assert fixed is not None
    keys = fixed[0]
    assert keys.tolist() == _by_definition(["abcde", "fghij", "klmno"])
    # Each number holds its five bytes: below 256**5 = 1,099,511,627,776.
    assert np.all(keys < np.uint64(256**5))


# -- Many texts numbered by their keys ------------------------------------------------

_MANY = {
    # Three blocks of the same 700 codes: no runs, 700 distinct texts.
    "blocks": [f"D{k:04d}" for k in range(700)] * 3,
    # Codes in a shuffled order, each at least once.
    "shuffled": [f"{k:03d}" for k in np.random.default_rng(7).integers(0, 400, 2100)],
    # One byte a text; and two-byte characters (4 bytes a text).
    "one byte": list("abcdefghij" * 210),
    "non-ASCII": ["百分", "分百", "百百"] * 700,
    # Shorter than the 1,024 rows of the runs' reading (and over 64).
    "short column": [f"x{k % 30:02d}" for k in range(300)],
}


def _dictionary_reading(arr: pa.Array, monkeypatch: pytest.MonkeyPatch):
    # Without pandas the texts are Arrow's dictionary encoding, as before.
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "pandas", None)
        return _arrow_factor(arr)


@pytest.mark.parametrize("name", list(_MANY))
@pytest.mark.parametrize("kind", _ALL_TYPES)
def test_many_texts_by_keys_are_the_dictionary_encoding(name, kind, monkeypatch):
    texts = _MANY[name]
    arr = pa.array(texts, type=kind)
    assert _fixed_keys(arr) is not None
    cells, first, inverse, distinct = _arrow_factor(arr)
    want_cells, want_first, want_inverse, want_distinct = _dictionary_reading(arr, monkeypatch)
    assert cells == want_cells == _small_distinct(texts)[0], name
    assert first.tolist() == want_first.tolist() == _small_distinct(texts)[1].tolist()
    assert inverse.tolist() == want_inverse.tolist() == _small_distinct(texts)[2].tolist()
    assert inverse.dtype == want_inverse.dtype == np.int64
    # The distinct texts as Arrow: the dictionary's type (large_string for views) and texts.
    assert distinct.type == want_distinct.type
    assert distinct.equals(want_distinct)


def test_without_pandas_a_column_is_dictionary_encoded(monkeypatch):
    # The keys are numbered by pandas' hash table only: without pandas the
    # column goes to Arrow's dictionary encoding (its indices are numbered
    # in order of first appearance, as the dict by hand).
    from innovplan.evaluate import _cells

    texts = _MANY["blocks"]
    arr = pa.array(texts, type=pa.large_string())
    calls = []
    real = _cells._key_factor

    def counted(*args):
        calls.append(len(args[0]))
        return real(*args)

    monkeypatch.setattr(_cells, "_key_factor", counted)
    cells, first, inverse, _ = _dictionary_reading(arr, monkeypatch)
    assert calls == []
    assert cells == texts[:700]
    assert first.tolist() == list(range(700))
    assert inverse.tolist() == list(range(700)) * 3
    # With pandas: the keys, numbered by pandas.
    assert _arrow_factor(arr)[0] == cells
    assert calls == [len(texts)]
    # Texts of two widths have no keys: the dictionary again.
    _arrow_factor(pa.array([*texts, "D00000"], type=pa.large_string()))
    assert calls == [len(texts)]
