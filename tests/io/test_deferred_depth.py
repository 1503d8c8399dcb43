"""A plan's depth is walked only when it does not read: what reads is never too deep.

``load`` leaves the depth walk of a JSON or TOML plan until the plan fails to
read, relying on ``PLAN_DEPTH``: no plan that reads nests deeper. These tests
hold that bound, and check that a too-deep value anywhere in a plan is still
refused with the words and place the parser's own check gives.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
import tomli_w
from hypothesis import given, settings

import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.io import _json
from innovplan.io._safety import PLAN_DEPTH, Limits, too_deep
from innovplan.model import (
    Area,
    Comparator,
    EvidenceNote,
    Goal,
    Indicator,
    Milestone,
    Plan,
    Source,
    Target,
    Task,
)
from innovplan.testing import plans

if TYPE_CHECKING:
    from collections.abc import Iterator

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure="level")
DEEPEST = Plan(
    "p",
    "P",
    start="2023-01-01",
    end="2025-12-31",
    goals=[
        Goal(
            "G1",
            "g",
            targets=[
                Target(
                    "T1",
                    HTE,
                    Comparator.MORE_THAN,
                    Q_(13000, "enterprise"),
                    "2025-12-31",
                    milestones=[Milestone("2024-12-31", Q_(12000, "enterprise"))],
                )
            ],
        )
    ],
    areas=[
        Area(
            "A1",
            "a",
            tasks=[
                Task(
                    "K1",
                    "k",
                    targets=["T1"],
                    evidence=[EvidenceNote("2023-08-06", "under way", source=Source("review"))],
                )
            ],
        )
    ],
)


def _depth(doc: object) -> int:
    return next(n for n in range(100) if not too_deep(doc, n))


def test_the_deepest_plan_is_plan_depth_deep() -> None:
    # plan 1, areas 2, area 3, tasks 4, task 5, evidence 6, note 7, source 8
    # (and goals 2, goal 3, targets 4, target 5, milestones 6, milestone 7, value 8).
    doc = ipio.to_dict(DEEPEST)
    assert _depth(doc) == PLAN_DEPTH == 8
    assert ipio.load(json.dumps(doc), fmt="json") == DEEPEST


@settings(max_examples=200, deadline=None)
@given(plans(max_goals=2, max_targets=2, max_areas=2, max_tasks=2))
def test_no_generated_plan_is_deeper(plan: Plan) -> None:
    assert _depth(ipio.to_dict(plan)) <= PLAN_DEPTH


def _places(doc: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside *doc*."""
    items = doc.items() if isinstance(doc, dict) else enumerate(doc)
    for key, value in items:
        yield (*path, key)
        if isinstance(value, dict | list):
            yield from _places(value, (*path, key))


def _nested(depth: int, kind: str) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"k": value} if kind == "dict" else [value]
    return value


def _with(doc: dict[str, Any], path: tuple[Any, ...], value: object) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    inner: Any = out
    for key in path[:-1]:
        inner = inner[key]
    inner[path[-1]] = value
    return out


DOC = ipio.to_dict(DEEPEST)


@pytest.mark.parametrize("kind", ["list", "dict"])
@pytest.mark.parametrize("path", list(_places(DOC)), ids=str)
def test_a_deep_value_anywhere_is_refused_as_the_parser_refuses_it(
    path: tuple[Any, ...], kind: str
) -> None:
    doc = _with(DOC, path, _nested(70, kind))
    text = json.dumps(doc, indent=1)
    with pytest.raises(DocumentError) as parsed:
        _json.parse(text, Limits(), "")  # the parser's own check, as load made it before
    with pytest.raises(DocumentError) as loaded:
        ipio.load(text, fmt="json")
    assert str(loaded.value) == str(parsed.value)
    assert "nests deeper than 64 levels" in str(loaded.value)


@pytest.mark.parametrize("path", [p for p in _places(DOC) if p[0] != "format_version"], ids=str)
def test_a_deep_toml_value_anywhere_is_refused(path: tuple[Any, ...]) -> None:
    text = tomli_w.dumps(_with(DOC, path, _nested(70, "dict")))
    with pytest.raises(DocumentError) as loaded:
        ipio.load(text, fmt="toml")
    assert "nests deeper than 64 levels" in str(loaded.value)


def test_a_smaller_limit_than_a_plan_is_checked_before_reading() -> None:
    # max_depth=3 is below PLAN_DEPTH: the walk runs before the plan is read
    # (a plan that reads may be 8 deep), and names where the limit is passed.
    text = json.dumps(DOC, indent=1)
    with pytest.raises(DocumentError, match="nests deeper than 3 levels"):
        ipio.load(text, fmt="json", max_depth=3)
    with pytest.raises(DocumentError, match="nests deeper than 3 levels"):
        ipio.load(tomli_w.dumps(DOC), fmt="toml", max_depth=3)
