"""Quantities whose unit a document repeats are built the quick way, and only when that is safe.

The loader reads each unit text once; later ``{"value": ..., "unit": ...}``
objects with a unit it has read are built directly. Every one that is not a
plain finite number with exactly those two keys still goes the full way and
is refused with its place.
"""

from __future__ import annotations

import json

import pytest

import innovplan.io as ipio
from innovplan.errors import DocumentError


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
