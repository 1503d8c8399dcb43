"""Evidence notes: what they accept, what they refuse, and how a task holds them."""

from __future__ import annotations

import datetime as dt
import math

import attrs
import pytest

from innovplan.errors import InnovplanError, ModelError
from innovplan.model import EvidenceNote, Source, Task, Wording


def test_a_note_keeps_its_date_text_source_and_score() -> None:
    note = EvidenceNote(
        "2023-08-06",
        {"en": "two projects started", "zh": "两个项目开工"},
        source=Source("half-year review", quote="开工"),
        score=0.2,
    )
    assert note.date == dt.date(2023, 8, 6)
    assert note.text == Wording({"en": "two projects started", "zh": "两个项目开工"})
    assert note.source is not None
    assert note.source.quote == "开工"
    assert note.score == 0.2
    # Frozen and hashable, changed through attrs.evolve.
    assert hash(note) == hash(attrs.evolve(note))
    assert attrs.evolve(note, score=None).score is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        note.score = 1.0  # type: ignore[misc]


def test_source_and_score_are_optional() -> None:
    note = EvidenceNote(dt.date(2023, 8, 6), "under way")
    assert (note.source, note.score) == (None, None)


@pytest.mark.parametrize("score", [0, 0.0, 0.5, 1, 1.0])
def test_scores_from_zero_to_one_are_accepted(score: float) -> None:
    assert EvidenceNote("2023-08-06", "x", score=score).score == score


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (-0.01, "-0.01"),
        (1.01, "1.01"),
        (math.nan, "nan"),
        (math.inf, "inf"),
        (True, "True"),
        ("0.5", "'0.5'"),
    ],
)
def test_scores_outside_zero_to_one_are_refused(score: object, shown: str) -> None:
    with pytest.raises(ModelError) as info:
        EvidenceNote("2023-08-06", "x", score=score)  # type: ignore[arg-type]
    err = info.value
    assert isinstance(err, InnovplanError)
    assert (err.owner, err.field) == ("EvidenceNote of 2023-08-06", "score")
    assert "from 0" in err.message
    assert err.message.endswith(f"got {shown}")


@pytest.mark.parametrize("date", ["2023/08/06", "20230806", "2023-02-30", None, 2023])
def test_a_note_needs_a_calendar_date(date: object) -> None:
    with pytest.raises(ModelError, match=r"^EvidenceNote\.date: expected a date \(YYYY-MM-DD\)"):
        EvidenceNote(date, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", {"en": "", "zh": " "}])
def test_a_note_says_something(text: object) -> None:
    with pytest.raises(ModelError, match="text: a note says something"):
        EvidenceNote("2023-08-06", text)  # type: ignore[arg-type]


def test_a_source_is_a_source() -> None:
    with pytest.raises(ModelError, match="source: expected a Source or None, got str"):
        EvidenceNote("2023-08-06", "x", source="a report")  # type: ignore[arg-type]


def test_a_task_holds_notes_in_the_order_given() -> None:
    later = EvidenceNote("2023-09-01", "inspected")
    earlier = EvidenceNote("2023-03-01", "planned", score=0.1)
    task = Task("K1", "build it", evidence=[later, earlier])
    assert task.evidence == (later, earlier)
    assert Task("K2", "no notes").evidence == ()


def test_a_task_refuses_other_things_as_notes() -> None:
    with pytest.raises(ModelError, match=r"^Task 'K1'\.evidence\[1\]: expected a EvidenceNote"):
        Task("K1", "t", evidence=[EvidenceNote("2023-01-01", "x"), "done"])
