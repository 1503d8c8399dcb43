"""Quantities whose unit a document repeats are built the quick way, and only when that is safe.

The loader reads each unit text once; later ``{"value": ..., "unit": ...}``
objects with a unit it has read are built directly. Every one that is not a
plain finite number with exactly those two keys still goes the full way and
is refused with its place.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

import innovplan.io as ipio
from innovplan.errors import DocumentError
from innovplan.model import Plan


def _document(values: list[object]) -> str:
    targets = [
        {
            "id": f"T{i}",
            "indicator": "turnover",
            "comparator": "more_than",
            "value": value,
            "deadline": "2025-12-31",
        }
        for i, value in enumerate(values)
    ]
    return json.dumps(
        {
            "format_version": "1.0",
            "id": "p",
            "title": "P",
            "start": "2021-01-01",
            "end": "2025-12-31",
            "indicators": [
                {
                    "id": "turnover",
                    "name": "technology contract turnover",
                    "unit": "hundred_million_yuan",
                    "measure": "flow",
                }
            ],
            "goals": [{"id": "G1", "title": "g", "targets": targets}],
        }
    )


def _unit(value: object) -> dict[str, object]:
    return {"value": value, "unit": "hundred_million_yuan"}


def test_repeated_units_give_the_values_written() -> None:
    plan = ipio.load(_document([_unit(1450), _unit(1450.5), _unit(0.0), _unit(-3)]), fmt="json")
    got = [(t.value.magnitude, str(t.value.units)) for t in plan.targets]
    assert got == [
        (1450, "hundred_million_yuan"),
        (1450.5, "hundred_million_yuan"),
        (0.0, "hundred_million_yuan"),
        (-3, "hundred_million_yuan"),
    ]
    assert [type(t.value.magnitude) for t in plan.targets] == [int, float, float, int]
    assert ipio.load(ipio.dump(plan, fmt="json"), fmt="json") == plan


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (_unit(True), "expected a number, got a boolean"),
        (_unit("1450"), "expected a number, got text"),
        (_unit(10**400), "beyond a float's range"),
        ({**_unit(1), "scale": 2}, "unknown key"),
        ({"value": 1, "units": "hundred_million_yuan"}, "unknown key"),
        ({"value": 1, "unit": "yuan", "note": "x"}, "unknown key"),
    ],
)
def test_a_value_after_one_with_the_same_unit_is_still_checked(bad: object, message: str) -> None:
    text = _document([_unit(1450), bad])
    with pytest.raises(DocumentError) as info:
        ipio.load(text, fmt="json", max_digits=500)
    problems = info.value.problems
    assert [p.path.startswith("goals[0].targets[1].value") for p in problems] == [True]
    assert message in problems[0].message


def test_loaded_targets_take_the_plan_start_as_a_plan_built_in_code_gives_it() -> None:
    doc = json.loads(_document([_unit(1450), _unit(1500)]))
    doc["start"] = "2021-03-01"
    doc["goals"][0]["targets"][1]["start"] = "2024-01-01"
    plan = ipio.load(json.dumps(doc), fmt="json")
    first, second = plan.targets
    assert first.plan_start == second.plan_start == dt.date(2021, 3, 1)
    assert first.period_start == dt.date(2021, 3, 1)  # no start of its own: the plan's
    assert second.period_start == dt.date(2024, 1, 1)  # its own start wins
    rebuilt = Plan(
        "p", "P", start="2021-03-01", end="2025-12-31", goals=[attrs.evolve(plan.goals[0])]
    )
    assert rebuilt == plan
    assert ipio.load(ipio.dump(plan, fmt="json"), fmt="json") == plan
