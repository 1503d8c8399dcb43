"""Arrow text columns read from their buffers and against another table's distinct texts.

A one-text column is confirmed from its offsets and bytes, Arrow booleans are
unpacked from their bits, observation indicators listed in runs reuse the
targets' distinct texts when the runs begin with exactly those, and distinct
ids are checked on the bytes of the distinct texts. Each gives the answer of
the general reading: the same cells, first rows, indices and messages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import innovplan
from innovplan.errors import ModelError
from innovplan.evaluate._cells import (
    Table,
    _arrow_factor,
    _bools,
    _one_text_arrow,
    _small_distinct,
)

_N = 2000  # over the 1,024 rows from which a column is read as one text or in runs

# -- One text from the buffers --------------------------------------------------------

_ONE = {
    "one text": ["dimensionless"] * _N,
    # The same length and bytes but in the last row: the last byte differs.
    "last row's last byte": ["dimensionless"] * (_N - 1) + ["dimensionlesz"],
    # A short text (inside a string view) whose last row differs in its last byte.
    "short, last row's last byte": ["at_least"] * (_N - 1) + ["at_leasz"],
    # Rows of the same length, one of them another text of that length.
    "middle row": ["ab"] * 1000 + ["ba"] + ["ab"] * (_N - 1001),
    # A longer last row; a shorter first row (the others equal to each other).
    "longer last": ["t"] * (_N - 1) + ["tt"],
    "shorter first": ["t"] + ["tt"] * (_N - 1),
    # Lengths that cancel: the bytes repeat ("abab...ab" "a" "bab") and add up to
    # 2 bytes a row, but the last two rows are other texts.
    "lengths that cancel": ["ab"] * (_N - 2) + ["a", "bab"],
    "empty texts": [""] * _N,
    "empty last": ["x"] * (_N - 1) + [""],
    "non-ASCII": ["百分比"] * _N,
}


@pytest.mark.parametrize("name", list(_ONE))
@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
def test_one_text_from_buffers_is_the_comparison_per_row(name, kind):
    cells = _ONE[name]
    arr = pa.array(["zz"] * 3 + cells + ["yy"], type=kind).slice(3, len(cells))  # an offset
    want = all(c == cells[0] for c in cells)  # by definition
    assert _one_text_arrow(arr, arr[0]) is want
    assert bool(pc.all(pc.equal(arr, arr[0])).as_py()) is want
    # The whole distinct reading gives the dictionary's answer (Python's, by hand).
    got_cells, got_first, got_inverse, _ = _arrow_factor(arr)
    want_cells, want_first, want_inverse = _small_distinct(cells)
    assert got_cells == want_cells
    assert got_first.tolist() == want_first.tolist()
    assert got_inverse.tolist() == want_inverse.tolist()


# -- Booleans from their bits ---------------------------------------------------------


@pytest.mark.parametrize("start", [0, 1, 5, 8, 13])
def test_bools_unpacked_from_bits_are_to_numpy(start):
    rng = np.random.default_rng(start)
    values = rng.random(300) < 0.3
    arr = pa.array(values).slice(start, 200)
    got = _bools(arr)
    assert got.dtype == np.bool_
    assert got.tolist() == values[start : start + 200].tolist()
    assert got.tolist() == arr.to_numpy(zero_copy_only=False).tolist()
    # With a null the bits are not the values: the general conversion (a null as False).
    with_null = pa.array([True, None, False] * 10)
    assert _bools(with_null).tolist() == [True, False, False] * 10


# -- Runs read against known distinct texts -------------------------------------------


def _runs_of(texts: list[str], size: int = 40) -> list[str]:
    return [t for t in texts for _ in range(size)]


_IDS = [f"indicator {k:03d}" for k in range(60)]


def _known(texts: list[str]):
    return pa.array(texts, type=pa.large_string()), list(texts)


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
@pytest.mark.parametrize(
    ("name", "known_texts", "reused"),
    [
        ("the same texts", _IDS, True),
        ("the last text differs", [*_IDS[:-1], "indicator 999"], False),
        ("one text fewer", _IDS[:-1], False),
        ("one text more", [*_IDS, "indicator 999"], False),
        ("another order", _IDS[::-1], False),
    ],
)
def test_runs_against_known_texts_give_the_general_answer(kind, name, known_texts, reused):
    rows = _runs_of(_IDS)
    col = pa.array(rows, type=kind)
    general = Table({"g": col}, "t", arrow={"g": col}).column_distinct("g")
    table = Table({"g": col}, "t", arrow={"g": col})
    known = _known(known_texts)
    table.expect("g", known)
    cells, first, inverse = table.column_distinct("g")
    assert cells == general[0] == _IDS, name
    assert first.tolist() == general[1].tolist() == list(range(0, len(rows), 40))
    assert inverse.tolist() == general[2].tolist() == [k // 40 for k in range(len(rows))]
    # The known objects themselves when they are the runs' texts (a copy of the list).
    assert (cells[0] is known[1][0]) is reused
    assert cells is not known[1]


def test_runs_with_a_text_in_two_runs_are_not_taken_for_known_texts():
    # The runs begin with 60 texts, one of them twice (runs 0 and 59): the
    # known 60 distinct texts differ, and the general reading hashes every row.
    texts = [*_IDS[:59], _IDS[0]]
    col = pa.array(_runs_of(texts))
    table = Table({"g": col}, "t", arrow={"g": col})
    table.expect("g", _known(_IDS))
    cells, first, inverse = table.column_distinct("g")
    assert cells == _IDS[:59]
    assert first.tolist() == list(range(0, 59 * 40, 40))
    assert inverse[-40:].tolist() == [0] * 40


def test_known_texts_are_recorded_only_without_nulls():
    col = pa.array(_runs_of(_IDS))
    table = Table({"g": col}, "t", arrow={"g": col})
    table.column_distinct("g")
    texts, cells = table.arrow_cells("g")
    assert texts.to_pylist() == cells == _IDS
    nulls = pa.array([None, *_runs_of(_IDS)[1:]])
    table = Table({"g": nulls}, "t", arrow={"g": nulls})
    table.column_distinct("g")
    assert table.arrow_cells("g") is None


def _design(n_ind: int = 40, years: int = 30):
    """Targets of three horizons per indicator and yearly observations, in runs."""
    ids = [f"IND.{k:03d}" for k in range(n_ind)]
    targets = pd.DataFrame({
        "id": [f"{i}-h{h}" for h in (1, 2, 3) for i in ids],
        "indicator": ids * 3,
        "deadline": np.repeat([2021, 2022, 2023], n_ind),
        "comparator": "at_least",
        "value": 0.0,
        "unit": "dimensionless",
        "measure": "level",
    })  # fmt: skip
    rng = np.random.default_rng(3)
    obs = pd.DataFrame({
        "indicator": np.repeat(ids, years),
        "period": np.tile(np.arange(1990, 1990 + years), n_ind),
        "value": np.round(rng.normal(50.0, 5.0, n_ind * years), 2),
        "unit": "dimensionless",
    })  # fmt: skip
    return targets, obs


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_forecasts_with_known_texts_equal_those_without(backend):
    # The observations list the targets' indicators in their order (the texts
    # are reused) or in another order (read on their own): the same forecasts
    # as from numpy columns, which have no Arrow texts.
    targets, obs = _design()
    plain = {k: targets[k].to_numpy(dtype=object) for k in targets}
    for observations in (obs, obs.iloc[::-1].reset_index(drop=True)):
        want = innovplan.forecast_many(plain, {k: observations[k].to_numpy() for k in observations})
        if backend == "polars":
            got = innovplan.forecast_many(pl.from_pandas(targets), pl.from_pandas(observations))
        elif backend == "pyarrow":
            got = innovplan.forecast_many(
                pa.Table.from_pandas(targets, preserve_index=False),
                pa.Table.from_pandas(observations, preserve_index=False),
            )
        else:
            got = innovplan.forecast_many(targets, observations)
        assert list(got.ids) == list(want.ids)
        for name in ("probability", "point", "lower", "upper"):
            assert (
                np.asarray(getattr(got, name)).tobytes()
                == np.asarray(getattr(want, name)).tobytes()
            )
        assert got.histories.indptr.tolist() == want.histories.indptr.tolist()
        assert np.asarray(got.histories.y).tobytes() == np.asarray(want.histories.y).tobytes()


# -- Distinct ids checked on the distinct texts' bytes ---------------------------------


def test_distinct_text_bytes_are_the_distinct_texts_joined():
    col = pa.array(["b", "aa", "b", "ccc"] * 300)
    table = Table({"g": col}, "t", arrow={"g": col})
    # Not read yet: the whole column's bytes.
    data, offsets = table.distinct_text_bytes("g")
    assert data == b"baabccc" * 300
    table.column_distinct("g")
    data, offsets = table.distinct_text_bytes("g")
    assert data == b"baaccc"
    assert offsets.tolist() == [0, 1, 3, 6]


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_a_bad_indicator_id_is_named_as_from_numpy_columns(backend):
    targets, obs = _design()
    targets.loc[75, "indicator"] = "-bad"  # first seen at row 75
    plain = {k: targets[k].to_numpy(dtype=object) for k in targets}
    with pytest.raises(ModelError) as want:
        innovplan.assess_many(plain, obs)
    table = {"pandas": targets, "polars": pl.from_pandas(targets),
             "pyarrow": pa.Table.from_pandas(targets, preserve_index=False)}[backend]  # fmt: skip
    with pytest.raises(ModelError) as got:
        innovplan.assess_many(table, obs)
    assert str(got.value) == str(want.value)
    assert "row 75.indicator" in str(got.value)
    assert "'-bad'" in str(got.value)


# -- String views read from the views ---------------------------------------------


def _views_with_bytes_after(texts: list[str], dirty: set[int]) -> pa.Array:
    """Short texts as string views, the rows *dirty* with a byte 0x7f after their text.

    The bytes after a short text are zeros as writers leave them; a view
    with others is still that text (Arrow reads only *length* bytes).
    """
    clean = pa.array(texts, type=pa.string_view())
    views = np.frombuffer(clean.buffers()[1], dtype=np.uint8).reshape(-1, 16).copy()
    for row in dirty:
        length = int(views[row, 0])
        assert length < 12
        views[row, 4 + length] = 0x7F
    out = pa.Array.from_buffers(pa.string_view(), len(texts), [None, pa.py_buffer(views)])
    assert out.to_pylist() == texts
    return out


def test_views_with_bytes_after_a_short_text_are_read_as_their_texts():
    # One text, a row carrying another byte after it: not one view, still one text.
    one = _views_with_bytes_after(["at_least"] * _N, {_N - 1})
    assert _one_text_arrow(one, one[0]) is True
    cells, first, inverse, _ = _arrow_factor(one)
    assert cells == ["at_least"]
    assert first.tolist() == [0]
    assert inverse.tolist() == [0] * _N
    # Runs of short texts, a row inside a run with another byte: the general answer.
    texts = _runs_of([f"I{k:03d}" for k in range(50)])
    runs = _views_with_bytes_after(texts, {45, 47})
    want = _small_distinct(texts)
    got = _arrow_factor(runs)
    assert got[0] == want[0]
    assert got[1].tolist() == want[1].tolist() == list(range(0, 2000, 40))
    assert got[2].tolist() == want[2].tolist()


@pytest.mark.parametrize(
    "texts",
    [
        _runs_of([f"I{k:03d}" for k in range(50)]),  # short texts, inside the views
        _runs_of([f"IND.{k:03d}" for k in range(50)]),  # the same first four bytes
        _runs_of([f"a longer indicator {k:03d}" for k in range(50)]),  # in a data buffer
        _runs_of(["", "x", "百分比", "twelve bytes", "thirteen byte"], 400),  # at the edges
    ],
)
def test_runs_of_views_are_those_of_offsets(texts):
    views = pa.array(texts, type=pa.string_view())
    offsets = pa.array(texts, type=pa.large_string())
    want = _small_distinct(texts)
    for arr in (views, offsets, views.slice(40), offsets.slice(40)):
        got = _arrow_factor(arr)
        skip = 0 if len(arr) == len(texts) else 40
        sliced = _small_distinct(texts[skip:]) if skip else want
        assert got[0] == sliced[0]
        assert got[1].tolist() == sliced[1].tolist()
        assert got[2].tolist() == sliced[2].tolist()
