"""Indicators of one definition (unit, measure, direction, only_grows) share their first's.

``_first_of_kind`` gives each indicator the position of the first indicator
of its definition: by one sort of numbered definitions, by a dict of texts,
or, when every indicator has the same definition, as zeros with no sort.
Each is checked against the definition worked out by hand, indicator by
indicator.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import innovplan
from innovplan.errors import ModelError
from innovplan.evaluate._tables import _first_of_kind


def _by_hand(units, measure, direction, grows):
    # Per indicator: the first position whose four fields are all equal to its own.
    rows = list(zip(units, measure, direction, grows, strict=True))
    return [rows.index(r) for r in rows]


_CASES = {
    "one definition": ([0] * 6, [1] * 6, [0] * 6, [False] * 6),
    # Equal but in the last indicator, one field at a time.
    "last unit differs": ([0] * 5 + [1], [1] * 6, [0] * 6, [False] * 6),
    "last measure differs": ([0] * 6, [1] * 5 + [2], [0] * 6, [False] * 6),
    "last direction differs": ([0] * 6, [1] * 6, [0] * 5 + [1], [False] * 6),
    "last only_grows differs": ([0] * 6, [1] * 6, [0] * 6, [False] * 5 + [True]),
    "first differs": ([1] + [0] * 5, [1] * 6, [0] * 6, [False] * 6),
    # The first and last equal, one in the middle not.
    "middle differs": ([0] * 6, [1, 1, 2, 1, 1, 1], [0] * 6, [False] * 6),
    "mixed": ([0, 1, 0, 1, 2, 0], [1, 1, 1, 1, 1, 2], [0, 0, 0, 1, 1, 0], [False] * 6),
    "one indicator": ([3], [2], [1], [True]),
    "none": ([], [], [], []),
}


@pytest.mark.parametrize("name", list(_CASES))
def test_first_of_kind_is_the_first_of_each_definition(name):
    units, measure, direction, grows = _CASES[name]
    want = _by_hand(units, measure, direction, grows)
    args = (
        np.array(measure, dtype=np.int64),
        np.array(direction, dtype=np.int64),
        np.array(grows, dtype=bool),
    )
    # Units as codes (one sort, or none for one definition) and as texts (a dict).
    coded = _first_of_kind(np.array(units, dtype=np.int64), [f"u{u}" for u in units], *args)
    texts = _first_of_kind(None, [f"u{u}" for u in units], *args)
    assert coded.tolist() == texts.tolist() == want, name
    assert coded.dtype == texts.dtype == np.int64
    # The first of each definition is the indicator that is its own kind's first.
    firsts = np.flatnonzero(coded == np.arange(coded.shape[0])).tolist()
    assert firsts == sorted(set(want))


def test_one_definition_of_a_broadcast_unit_column():
    # A table of one unit gives every indicator the same read-only unit code.
    unit_code = np.broadcast_to(np.zeros(1, np.int64), (4,))
    got = _first_of_kind(
        unit_code, ["t"] * 4, np.full(4, 1), np.zeros(4, np.int64), np.zeros(4, bool)
    )
    assert got.tolist() == [0, 0, 0, 0]
    got[0] = 1  # a fresh array, not a view of the read-only codes


def test_each_definition_is_checked_at_its_first_row():
    # Indicators a, b, c: a and c levels that may only grow (valid), b a flow
    # that may only grow, which no flow can (Indicator's own check). b is its
    # definition's first, at table row 1: the error names that row.
    targets = {
        "id": np.array(["T1", "T2", "T3", "T4"], dtype=object),
        "indicator": np.array(["a", "b", "c", "b"], dtype=object),
        "comparator": np.array(["at_least"] * 4, dtype=object),
        "value": np.array([1.0, 2.0, 3.0, 4.0]),
        "unit": np.array(["t"] * 4, dtype=object),
        "deadline": np.array([2025] * 4),
        "measure": np.array(["level", "flow", "level", "flow"], dtype=object),
        "only_grows": np.array([True] * 4),
    }
    observations = {
        "indicator": np.array(["a"], dtype=object),
        "period": np.array([2020]),
        "value": np.array([1.0]),
        "unit": np.array(["t"], dtype=object),
    }
    with pytest.raises(ModelError, match=r"^targets table row 1\.indicator: .*only grow"):
        innovplan.assess_many(targets, observations)


def _in_order_by_hand(keys):
    # Rows as tuples, the last key first (np.lexsort's order).
    rows = list(zip(*[k.tolist() for k in keys[::-1]], strict=True))
    for used in range(1, len(keys) + 1):
        pairs = [(a[:used], b[:used]) for a, b in itertools.pairwise(rows)]
        if any(x > y for x, y in pairs):
            return False, used
        if all(x < y for x, y in pairs):
            return None, used
    return True, len(keys)


@pytest.mark.parametrize("seed", range(60))
def test_in_order_is_the_order_of_the_rows_as_tuples(seed):
    from innovplan.evaluate._tables import _in_order

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 12))
    keys = [rng.integers(0, 3, n) for _ in range(int(rng.integers(1, 4)))]
    if seed % 2:  # sorted rows (a stable lexsort), some of them copies
        order = np.lexsort(keys)
        keys = [k[order] for k in keys]
    assert _in_order(tuple(keys)) == _in_order_by_hand(keys)


def test_in_order_by_hand():
    from innovplan.evaluate._tables import _in_order

    # Last key 0, 0, 1 ties rows 0 and 1; the first key 5 > 3 there: unsorted at key 2.
    assert _in_order((np.array([5, 3, 0]), np.array([0, 0, 1]))) == (False, 2)
    # The last key alone is descending: unsorted at key 1.
    assert _in_order((np.array([0, 1]), np.array([1, 0]))) == (False, 1)
    # Every row an exact copy: sorted, with copies (True, both keys).
    assert _in_order((np.array([1, 1]), np.array([2, 2]))) == (True, 2)
