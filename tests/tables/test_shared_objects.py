"""Object columns whose rows share their text objects read as columns of fresh texts do.

pandas' CSV reader gives each distinct text of a column one object, and a
column filled from one value holds it in every row: rows holding one object
are told equal by its address, the others compared as text. Each answer
here is checked against the same texts made afresh in every row (no two
rows one object), which are all compared as text.
"""

from __future__ import annotations

import gc

import numpy as np
import pytest

from innovplan.errors import ModelError
from innovplan.evaluate._cells import Table, _addresses
from innovplan.model import Measure


def _column(cells: list[object]) -> np.ndarray:
    out = np.empty(len(cells), dtype=object)
    out[:] = cells
    return out


def _fresh(cells: list[object]) -> np.ndarray:
    """The same cells, each text a new object (``"".join`` of its characters)."""
    return _column(["".join(list(c)) if isinstance(c, str) else c for c in cells])


def _answer(found: tuple[list[object], np.ndarray, np.ndarray]) -> tuple[list[object], list, list]:
    cells, first, inverse = found
    return list(cells), np.asarray(first).tolist(), np.asarray(inverse).tolist()


def _shapes(n: int) -> dict[str, list[object]]:
    kg, t = "kg", "t"
    return {
        "one text": [kg] * n,
        "one text, last row another": [kg] * (n - 1) + [t],
        "two runs": [kg] * (n // 2) + [t] * (n - n // 2),
        "three runs, the first back": [kg] * (n // 3) + [t] * (n // 3) + [kg] * (n - 2 * (n // 3)),
        "alternating": [kg, t] * (n // 2),
    }


@pytest.mark.parametrize("n", [4, 100, 2000])
@pytest.mark.parametrize("shape", list(_shapes(4)))
def test_shared_objects_give_the_answer_of_fresh_texts(n, shape):
    cells = _shapes(n)[shape]
    shared, fresh = _column(cells), _fresh(cells)
    assert _addresses(fresh)[0] != _addresses(fresh)[1]  # (fresh: no row shares an object)
    got = _answer(Table({"u": shared}, "t").distinct(shared, "u"))
    want = _answer(Table({"u": fresh}, "t").distinct(fresh, "u"))
    assert got == want
    # By hand for two runs of 2000 rows: kg at rows 0..999, t from row 1000.
    if shape == "two runs" and n == 2000:
        assert got[:2] == (["kg", "t"], [0, 1000])


@pytest.mark.parametrize("n", [100, 2000])
def test_rows_sharing_their_group_object_read_as_fresh_texts(n):
    groups = _column([f"g{i // 10}" for i in range(n)])
    # Groups of ten rows: g0 (rows 0-9) is t, g1 kg, g2 kg, g3 t, ...
    units = [("kg" if (i // 10) % 3 else "t") for i in range(n)]
    answers = []
    for column in (_column(units), _fresh(units)):
        table = Table({"g": groups, "u": column}, "t")
        _, first, inverse = table.distinct(groups, "g")
        assert table.distinct_within("u", column, first, inverse)
        cells, unit_first, unit_of = table.distinct(column, "u")
        # Each row's cell is its text; each cell's first row is where it first appears.
        assert [cells[k] for k in unit_of.tolist()] == units
        assert sorted(zip(cells, unit_first.tolist(), strict=True)) == [("kg", 10), ("t", 0)]
        answers.append(_answer((cells, unit_first, unit_of)))
    assert answers[0] == answers[1]


def test_a_row_of_another_text_in_its_group_is_found():
    # Row 25 (group g2, whose first row 20 holds kg) holds t: not one text per group.
    groups = _column([f"g{i // 10}" for i in range(100)])
    units = _column(["kg"] * 100)
    units[25] = "t"
    table = Table({"g": groups, "u": units}, "t")
    _, first, inverse = table.distinct(groups, "g")
    assert not table.distinct_within("u", units, first, inverse)
    assert table.distinct(units, "u")[1].tolist() == [0, 25]


@pytest.mark.parametrize("n", [100, 2000])
@pytest.mark.parametrize("missing", [None, np.nan])
def test_one_missing_object_in_a_run_is_named_at_its_first_row(n, missing):
    # One object in rows 40-59: each row the same None or NaN, a missing unit.
    cells = ["kg"] * 40 + [missing] * 20 + ["t"] * (n - 60)
    for column in (_column(cells), _fresh(cells)):
        with pytest.raises(ModelError) as err:
            Table({"unit": column}, "observations table").texts("unit", required=True)
        assert str(err.value) == (
            "observations table row 40.unit: text is required here, got an empty cell"
        )


def test_a_shared_missing_cell_in_a_group_is_not_its_text():
    # NaN is not equal to itself: a group holding one NaN object is not one text.
    groups = _column([f"g{i // 10}" for i in range(100)])
    units = _column(["kg"] * 100)
    units[30:40] = np.nan
    table = Table({"g": groups, "u": units}, "t")
    _, first, inverse = table.distinct(groups, "g")
    assert not table.distinct_within("u", units, first, inverse)


def test_enum_names_shared_and_fresh_give_the_same_codes():
    # Measure's members in order: level 0, flow 1 (see innovplan.model.Measure).
    cells = ["level"] * 1500 + ["flow"] * 600
    for column in (_column(cells), _fresh(cells)):
        codes = Table({"measure": column}, "t").codes("measure", Measure)
        assert list(Measure).index(Measure.FLOW) == 1
        assert codes.tolist() == [0] * 1500 + [1] * 600


def test_addresses_are_a_read_only_view_that_keeps_its_column():
    text = "dimensionless"
    column = _column([text, text, "".join(list(text))])
    at = _addresses(column)
    assert at.dtype.itemsize == column.dtype.itemsize
    assert at[0] == at[1] == id(text)
    assert at[2] != at[0]
    assert not at.flags.writeable
    del column
    gc.collect()
    assert at[0] == id(text)  # the view still holds the column, and its objects


@pytest.mark.parametrize("shared", [True, False])
def test_one_text_in_every_row_found_group_by_group(shared):
    # 300 rows of "kg" in groups of ten: one cell, first seen in row 0.
    groups = _column([f"g{i // 10}" for i in range(300)])
    units = _column(["kg"] * 300) if shared else _fresh(["kg"] * 300)
    table = Table({"g": groups, "u": units}, "t")
    _, first, inverse = table.distinct(groups, "g")
    assert table.distinct_within("u", units, first, inverse)
    assert _answer(table.distinct(units, "u")) == (["kg"], [0], [0] * 300)
