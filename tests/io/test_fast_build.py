"""The common target's reader builds what the general path builds, and refuses what it refuses.

Most targets of a document have the same few keys; they are read by one
function and built by ``innovplan.model.checked_target``, and everything else
(and every target with a problem) by the cattrs-generated path. Each test here
loads the same document both ways: with the reader, and with the reader
switched off (no key is then "common"), and compares the results.
"""

from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings

import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.io import _classes
from innovplan.model import Plan, Target
from innovplan.testing import plans

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE: dict[str, Any] = {
    "format_version": "1.0",
    "id": "p",
    "title": "P",
    "start": "2023-01-01",
    "end": "2025-12-31",
    "indicators": [
        {"id": "hte", "name": "high-tech enterprises", "unit": "enterprise", "measure": "level"},
        {"id": "share", "name": "digital share", "unit": "percent", "measure": "share"},
        {"id": "bad", "name": "broken", "unit": "9**9**9", "measure": "level"},
    ],
    "goals": [
        {
            "id": "G1",
            "title": "G",
            "targets": [
                {
                    "id": "T1",
                    "indicator": "hte",
                    "comparator": "more_than",
                    "value": {"value": 13000, "unit": "enterprise"},
                    "deadline": "2023-12-31",
                    "wording": {"en": "more than 13,000", "zh": "突破13000家"},
                    "weight": 0.5,
                },
                {
                    "id": "T2",
                    "indicator": "hte",
                    "comparator": "at_least",
                    "value": {"value": 14000, "unit": "enterprise"},
                    "deadline": "2024-12-31",
                },
            ],
        }
    ],
}


@contextmanager
def _general_path_only() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_classes, "_PLAIN_KEYS", frozenset())
        yield


def _load_both(doc: dict[str, Any]) -> tuple[object, object]:
    """What loading *doc* gives (a plan, or the error's text) with and without the reader."""

    def attempt() -> object:
        try:
            # The document as a parser hands it over (NaN and huge numbers too,
            # which YAML and TOML readers hand over and JSON's refuses first).
            return ipio.from_dict(copy.deepcopy(doc))
        except DocumentError as exc:
            return str(exc)

    common = attempt()
    with _general_path_only():
        general = attempt()
    return common, general


def _fields(plan: Plan) -> list[tuple[tuple[str, type, object], ...]]:
    # Equal field by field, and of the same types: 1.0 == 1 would hide an int weight.
    return [
        tuple((a.name, type(getattr(t, a.name)), getattr(t, a.name)) for a in attrs.fields(Target))
        for t in plan.targets
    ]


def _target(doc: dict[str, Any], **changes: object) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    target = out["goals"][0]["targets"][0]
    for key, value in changes.items():
        if value is _DROP:
            del target[key]
        else:
            target[key] = value
    return out


_DROP = object()


def test_the_reader_reads_the_common_target() -> None:
    # The reader must be the one building these, or the comparisons below compare
    # the general path with itself.
    calls: list[object] = []
    doc = BASE | {"indicators": BASE["indicators"][:2]}
    with pytest.MonkeyPatch.context() as mp:
        real = _classes.checked_target
        mp.setattr(_classes, "checked_target", lambda *a, **k: calls.append(a) or real(*a, **k))
        plan = ipio.load(json.dumps(doc), fmt="json")
    assert len(calls) == 2
    t1 = plan.target("T1")
    assert t1.value == Q_(13000, "enterprise")
    assert t1.plan_start is not None
    assert t1.plan_start.isoformat() == "2023-01-01"
    assert t1.weight == 0.5
    assert dict(t1.wording) == {"en": "more than 13,000", "zh": "突破13000家"}


def test_quantities_are_pints_own() -> None:
    doc = BASE | {"indicators": BASE["indicators"][:2]}
    plan = ipio.load(json.dumps(doc), fmt="json")
    for target, number in zip(plan.targets, (13000, 14000), strict=True):
        built = Q_(number, "enterprise")
        assert type(target.value) is type(built)
        assert vars(target.value) == vars(built)
        assert type(target.value.magnitude) is int
        # Arithmetic and conversion work as on any quantity: 13000 + 13000 = 26000.
        assert (target.value + built).to("enterprise").magnitude == 2 * number


VALID_CHANGES: list[dict[str, object]] = [
    {},
    {"weight": 2},  # an int weight is read as a float, as the general path reads it
    {"weight": 0},
    {"wording": "突破13000家"},
    {"wording": {"en": ""}},
    {"wording": _DROP, "weight": _DROP},
    {"notes": "read from the 2023 report"},
    {"basis": "change", "value": {"value": 500, "unit": "enterprise"}},
    {"nature": "binding"},
    {"start": "2023-06-01"},
    {"start": None, "upper": None},
    {"comparator": "between", "upper": {"value": 14000, "unit": "enterprise"}},
    {"value": {"value": 1.35e4, "unit": "enterprise"}},
    {"value": "1.3万家"},
    {"deadline": "2023-02-28"},
    {"value": {"value": -5, "unit": "enterprise"}, "basis": "change"},
    {"id": "T1.a:b-c_d"},
]


@pytest.mark.parametrize("changes", VALID_CHANGES, ids=repr)
def test_valid_targets_load_the_same_both_ways(changes: dict[str, object]) -> None:
    doc = _target(BASE | {"indicators": BASE["indicators"][:2]}, **changes)
    common, general = _load_both(doc)
    assert isinstance(common, Plan), common
    assert isinstance(general, Plan), general
    assert common == general
    assert _fields(common) == _fields(general)


INVALID_CHANGES: list[dict[str, object]] = [
    {"id": "T 1"},
    {"id": 1},
    {"indicator": "nope"},
    {"indicator": "bad"},  # an indicator with a problem of its own
    {"indicator": "share"},  # enterprises do not fit a percent
    {"comparator": "more"},
    {"comparator": None},
    {"value": {"value": True, "unit": "enterprise"}},
    {"value": {"value": float("nan"), "unit": "enterprise"}},
    {"value": {"value": 1, "unit": "enterprise", "x": 1}},
    {"value": {"value": -5, "unit": "enterprise"}},  # a count cannot be negative
    {"value": {"value": 10**400, "unit": "enterprise"}},
    {"deadline": "2023-02-30"},
    {"deadline": "2022-12-31"},  # before the plan's start
    {"deadline": 2023},
    {"upper": {"value": 14000, "unit": "enterprise"}},  # only BETWEEN has one
    {"comparator": "between", "upper": {"value": 10, "unit": "enterprise"}},
    {"basis": "cumulative"},  # a level does not sum
    {"basis": "sum"},
    {"start": "2024-06-01"},  # after the deadline
    {"nature": "strict"},
    {"wording": {"en": 5}},
    {"wording": {"": "x"}},
    {"wording": None},
    {"wording": ["en", "x"]},
    {"weight": -1},
    {"weight": float("nan")},
    {"weight": True},
    {"weight": "1"},
    {"weight": 10**400},
    {"notes": 5},
    {"notes": None},
    {"comparatr": "more_than"},
    {"deadline": _DROP},
]


@pytest.mark.parametrize("changes", INVALID_CHANGES, ids=repr)
def test_refused_targets_are_refused_the_same_both_ways(changes: dict[str, object]) -> None:
    common, general = _load_both(_target(BASE, **changes))
    assert isinstance(common, str), common
    assert common == general
    # An indicator's own problem is reported once, where the indicator is.
    where = "indicators[2]" if changes == {"indicator": "bad"} else "goals[0].targets[0]"
    assert where in common


@settings(max_examples=300, deadline=None)
@given(plans(max_goals=2, max_targets=3, max_areas=1, max_tasks=1))
def test_generated_plans_load_the_same_both_ways(plan: Plan) -> None:
    common, general = _load_both(ipio.to_dict(plan))
    assert common == plan
    assert general == plan
    assert isinstance(common, Plan)
    assert isinstance(general, Plan)
    assert _fields(common) == _fields(general)
