"""The common target's reader finds every optional key, whichever others are there.

The reader looks up the five rarer optional keys (upper, start, basis,
nature, notes) only when a target has keys besides the required ones, its
wording and its weight. Every combination of present and absent optional
keys must load as the general path loads it, field by field.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import attrs
import pytest

import innovplan.io as ipio
from innovplan.io import _classes
from innovplan.model import Target, checked_target

REQUIRED: dict[str, Any] = {
    "id": "T1",
    "indicator": "jobs",
    "comparator": "between",
    "value": {"value": 1000, "unit": "person"},
    "deadline": "2025-12-31",
}
# A value for each optional key other than the default, so that a key the
# reader missed shows as a field that differs.
OPTIONAL: dict[str, Any] = {
    "wording": {"en": "between 1,000 and 2,000 new jobs"},
    "weight": 0.25,
    "upper": {"value": 2000, "unit": "person"},
    "start": "2025-01-01",
    "basis": "every_year",
    "nature": "binding",
    "notes": "read from the 2023 report",
}


def _document(target: dict[str, Any]) -> str:
    return json.dumps(
        {
            "format_version": "1.0",
            "id": "p",
            "title": "P",
            "start": "2021-01-01",
            "end": "2025-12-31",
            "indicators": [{"id": "jobs", "name": "new jobs", "unit": "person", "measure": "flow"}],
            "goals": [{"id": "G1", "title": "G", "targets": [target]}],
        }
    )


def _fields(target: Target) -> list[tuple[str, type, object]]:
    return [
        (a.name, type(getattr(target, a.name)), getattr(target, a.name))
        for a in attrs.fields(Target)
    ]


# Every subset of the optional keys, save those without upper (only BETWEEN
# has one, and it is what makes the comparator valid): 2**6 = 64 targets.
SUBSETS = [
    ("upper", *chosen)
    for size in range(7)
    for chosen in itertools.combinations([k for k in OPTIONAL if k != "upper"], size)
]


@pytest.mark.parametrize("keys", SUBSETS, ids="+".join)
def test_each_set_of_optional_keys_loads_as_the_general_path_loads_it(
    keys: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _document(REQUIRED | {k: OPTIONAL[k] for k in keys})
    calls: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Target:
        calls.append(args)
        return checked_target(*args, **kwargs)

    with monkeypatch.context() as mp:
        mp.setattr(_classes, "checked_target", counted)
        common = ipio.load(text, fmt="json").target("T1")
    # The reader built it (not the general path after the reader gave up).
    assert len(calls) == 1
    with monkeypatch.context() as mp:
        mp.setattr(_classes, "_PLAIN_KEYS", frozenset())
        general = ipio.load(text, fmt="json").target("T1")
    assert _fields(common) == _fields(general)
    # Each optional key given is read, not left at its default.
    assert (common.weight == 0.25) == ("weight" in keys)
    assert (common.notes == OPTIONAL["notes"]) == ("notes" in keys)
    assert (common.nature.value == "binding") == ("nature" in keys)
    assert (common.basis.value == "every_year") == ("basis" in keys)
    assert (common.start is not None) == ("start" in keys)
    assert (len(common.wording) == 1) == ("wording" in keys)
