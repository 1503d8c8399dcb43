"""Duplicate ids in a document are found the same way with and without the check in C.

A document whose ids of each kind are all text and each there once is
passed by one check in C; anything else goes to the walk that names every
duplicate with its place. Each case here runs both ways and compares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan.io import _converter

if TYPE_CHECKING:
    from innovplan.errors import Problem

# Few ids, so that duplicates are common; an id may be missing, a number or None.
IDS = st.sampled_from(["a", "b", "c", "d", 7, None, "missing"])


@st.composite
def _item(draw: st.DrawFn, inner: str = "") -> object:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from(["x", 3, None, ["a"]]))  # not an object
    item: dict[str, Any] = {}
    ident = draw(IDS)
    if ident != "missing":
        item["id"] = ident
    if inner:
        item[inner] = draw(_items(_item()))
    return item


def _items(item: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.lists(item, max_size=6),
        st.lists(item, max_size=6),
        st.sampled_from([None, "abc", {"id": "a"}]),
    )


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key, inner in (("indicators", ""), ("goals", "targets"), ("areas", "tasks")):
        if draw(st.booleans()):
            doc[key] = draw(_items(_item(inner)))
    return doc


def _problems(doc: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    _converter._duplicate_ids(doc, problems)
    return problems


def _walk_only(doc: dict[str, Any]) -> list[Problem]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_converter, "_distinct_ids", lambda _: False)
        return _problems(doc)


@settings(max_examples=400, deadline=None)
@given(documents())
def test_generated_documents_give_the_same_problems_both_ways(doc: dict[str, Any]) -> None:
    assert _problems(doc) == _walk_only(doc)


def test_a_duplicate_of_each_kind_is_named_with_its_first_place() -> None:
    doc = {
        "indicators": [{"id": "i"}, {"id": "i"}],
        "goals": [{"id": "G", "targets": [{"id": "T"}]}, {"id": "G2", "targets": [{"id": "T"}]}],
        "areas": [{"id": "A", "tasks": [{"id": "K"}, {"id": "K"}]}],
    }
    assert [(p.path, p.message) for p in _problems(doc)] == [
        ("indicators[1].id", "duplicate indicator id 'i' (first at indicators[0].id)"),
        ("goals[1].targets[0].id", "duplicate target id 'T' (first at goals[0].targets[0].id)"),
        ("areas[0].tasks[1].id", "duplicate task id 'K' (first at areas[0].tasks[0].id)"),
    ]


def test_the_same_id_in_two_kinds_is_no_duplicate() -> None:
    doc = {"indicators": [{"id": "x"}], "goals": [{"id": "x", "targets": [{"id": "x"}]}]}
    assert _converter._distinct_ids(doc)
    assert _problems(doc) == []
