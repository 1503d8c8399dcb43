"""Duplicate ids in a plan document are reported with their places.

The document is walked for duplicate goal, target, area and task ids only
when the plan does not build (the plan refuses them itself); indicators,
which the plan keeps once by id, are walked always.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innovplan.io as ipio
from innovplan.errors import DocumentError, Problem
from innovplan.io import _converter
from innovplan.testing import plans

if TYPE_CHECKING:
    from innovplan.model import Plan

INDICATOR = {"id": "hte", "name": "high-tech enterprises", "unit": "enterprise", "measure": "level"}


def _target(ident: str) -> dict[str, Any]:
    return {
        "id": ident,
        "indicator": "hte",
        "comparator": "more_than",
        "value": {"value": 13000, "unit": "enterprise"},
        "deadline": "2023-12-31",
    }


def _doc(**changes: object) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format_version": "1.0",
        "id": "p",
        "title": "P",
        "start": "2023-01-01",
        "end": "2025-12-31",
        "indicators": [INDICATOR],
        "goals": [{"id": "G1", "title": "G", "targets": [_target("T1"), _target("T2")]}],
        "areas": [{"id": "A1", "title": "A", "tasks": [{"id": "K1", "title": "K"}]}],
    }
    doc.update(changes)
    return doc


def _problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as err:
        ipio.from_dict(doc)
    return [(p.path, p.message) for p in err.value.problems]


def test_the_document_builds_without_duplicates() -> None:
    assert [t.id for t in ipio.from_dict(_doc()).targets] == ["T1", "T2"]


def test_equal_indicators_under_one_id_are_refused_with_the_second_place() -> None:
    # The plan itself would hold one of them: only the walk finds this.
    found = _problems(_doc(indicators=[INDICATOR, dict(INDICATOR)]))
    assert found == [
        ("indicators[1].id", "duplicate indicator id 'hte' (first at indicators[0].id)")
    ]


def test_duplicate_targets_are_named_by_the_walk_and_by_the_plan() -> None:
    goals = [
        {"id": "G1", "title": "G", "targets": [_target("T1")]},
        {"id": "G2", "title": "H", "targets": [_target("T2"), _target("T1")]},
    ]
    found = _problems(_doc(goals=goals))
    assert found[0] == (
        "goals[1].targets[1].id",
        "duplicate target id 'T1' (first at goals[0].targets[0].id)",
    )
    assert any("duplicate target ids: T1" in message for _, message in found[1:])


def test_duplicate_goals_areas_and_tasks_are_named_with_their_places() -> None:
    goals = [{"id": "G1", "title": "G"}, {"id": "G1", "title": "H"}]
    areas = [
        {"id": "A1", "title": "A", "tasks": [{"id": "K1", "title": "K"}]},
        {"id": "A1", "title": "B", "tasks": [{"id": "K1", "title": "L"}]},
    ]
    found = _problems(_doc(goals=goals, areas=areas))
    for place, message in [
        ("goals[1].id", "duplicate goal id 'G1' (first at goals[0].id)"),
        ("areas[1].id", "duplicate area id 'A1' (first at areas[0].id)"),
        ("areas[1].tasks[0].id", "duplicate task id 'K1' (first at areas[0].tasks[0].id)"),
    ]:
        assert (place, message) in found


def _holders(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The objects of each kind of id in *doc*, in document order."""
    goals, areas = doc.get("goals", []), doc.get("areas", [])
    return {
        "indicator": list(doc.get("indicators", [])),
        "goal": list(goals),
        "target": [t for g in goals for t in g.get("targets", [])],
        "area": list(areas),
        "task": [k for a in areas for k in a.get("tasks", [])],
    }


@settings(max_examples=150, deadline=None)
@given(plans(max_goals=2, max_targets=3, max_areas=2, max_tasks=2), st.data())
def test_an_id_given_twice_is_reported_where_it_is(plan: Plan, data: st.DataObject) -> None:
    doc = copy.deepcopy(ipio.to_dict(plan))
    holders = {k: v for k, v in _holders(doc).items() if len(v) >= 2}
    if not holders:
        assert ipio.from_dict(doc) == plan
        return
    kind = data.draw(st.sampled_from(sorted(holders)))
    first, second = sorted(data.draw(st.lists(st.integers(0, len(holders[kind]) - 1),
                                              min_size=2, max_size=2, unique=True)))  # fmt: skip
    holders[kind][second]["id"] = holders[kind][first]["id"]
    walked: list[Problem] = []
    _converter._duplicate_ids(doc, walked)
    with pytest.raises(DocumentError) as err:
        ipio.from_dict(doc)
    assert walked
    assert all(problem in err.value.problems for problem in walked)
    assert any(f"duplicate {kind} id" in p.message for p in err.value.problems)
