"""Tasks with evidence notes in plan documents: round trips, the schema, errors with paths."""

from __future__ import annotations

import jsonschema
import pytest

import innovplan.io as ipio
from innovplan.errors import DocumentError
from innovplan.model import Area, EvidenceNote, Plan, Source, Task

PLAN = Plan(
    "p",
    "a plan",
    start="2023-01-01",
    end="2023-12-31",
    areas=[
        Area(
            "A1",
            "science city",
            tasks=[
                Task(
                    "K1",
                    {"en": "promote East Lake Science City", "zh": "推进东湖科学城建设"},
                    evidence=[
                        EvidenceNote(
                            "2023-08-06",
                            {"en": "road network half built", "zh": "路网建成一半"},
                            source=Source(
                                "half-year review", url="https://example.org/r", quote="半"
                            ),
                            score=0.5,
                        ),
                        EvidenceNote("2023-12-31", "road network open", score=1),
                        EvidenceNote("2023-03-01", "planned"),
                    ],
                ),
                Task("K2", "a task without notes"),
            ],
        )
    ],
)


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_tasks_with_notes_round_trip(fmt: str) -> None:
    text = ipio.dump(PLAN, fmt=fmt)
    back = ipio.load(text, fmt=fmt)
    assert back == PLAN
    notes = back.task("K1").evidence
    assert [n.score for n in notes] == [0.5, 1, None]
    assert notes[0].source == Source("half-year review", url="https://example.org/r", quote="半")
    # A task without notes writes no evidence key.
    assert ipio.to_dict(PLAN)["areas"][0]["tasks"][1] == {
        "id": "K2",
        "title": "a task without notes",
    }


def test_the_written_note_is_what_the_schema_describes() -> None:
    doc = ipio.to_dict(PLAN)
    note = doc["areas"][0]["tasks"][0]["evidence"][0]
    assert note == {
        "date": "2023-08-06",
        "text": {"en": "road network half built", "zh": "路网建成一半"},
        "source": {"title": "half-year review", "url": "https://example.org/r", "quote": "半"},
        "score": 0.5,
    }
    schema = ipio.json_schema()
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    defs = schema["$defs"]
    assert defs["Task"]["properties"]["evidence"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/EvidenceNote"},
    }
    assert defs["EvidenceNote"]["required"] == ["date", "text"]
    # The schema refuses what the model refuses: a score above 1 or below 0.
    for bad in (1.5, -0.1):
        note["score"] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, schema)


def test_bad_notes_are_reported_with_their_paths() -> None:
    doc = """
format_version: "1.0"
id: p
title: t
start: 2023-01-01
end: 2023-12-31
areas:
  - id: A1
    title: a
    tasks:
      - id: K1
        title: k
        evidence:
          - {date: 2023-08-06, text: half built, score: 1.5}
          - {date: 2023-8-06, text: x}
          - {date: 2023-09-01, text: y, scor: 1}
"""
    with pytest.raises(DocumentError) as info:
        ipio.load(doc, fmt="yaml")
    lines = str(info.value).splitlines()
    assert lines[0] == "3 problems in the document:"
    assert lines[1].startswith("  areas[0].tasks[0].evidence[0].score: a score is a number from 0")
    assert lines[1].endswith("got 1.5")
    assert lines[2].startswith("  areas[0].tasks[0].evidence[1].date: expected a date")
    assert lines[3] == "  areas[0].tasks[0].evidence[2].scor: unknown key (did you mean 'score'?)"
