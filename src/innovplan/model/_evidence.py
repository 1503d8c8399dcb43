"""Evidence notes: dated, sourced statements about a task that has no number to measure."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from innovplan.errors import ModelError
from innovplan.model._fields import to_date
from innovplan.model._observation import Source
from innovplan.model._wording import Wording

__all__ = ["EvidenceNote"]


def _date(value: object) -> dt.date:
    try:
        return to_date(value)
    except ModelError as exc:
        raise ModelError("EvidenceNote", "date", exc.message) from None


def _check_score(instance: EvidenceNote, attribute: attrs.Attribute[Any], score: object) -> None:
    if score is None:
        return
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        # NaN fails the range test too; the message says what would be valid.
        shown = "nan" if isinstance(score, float) and math.isnan(score) else repr(score)
        msg = f"a score is a number from 0 (no progress) to 1 (done), or None; got {shown}"
        raise ModelError(f"EvidenceNote of {instance.date}", attribute.name, msg)


def _check_source(instance: EvidenceNote, attribute: attrs.Attribute[Any], source: object) -> None:
    if source is not None and not isinstance(source, Source):
        msg = f"expected a Source or None, got {type(source).__name__}"
        raise ModelError(f"EvidenceNote of {instance.date}", attribute.name, msg)


def _check_text(instance: EvidenceNote, attribute: attrs.Attribute[Any], text: Wording) -> None:
    if not any(t.strip() for t in text.values()):
        msg = "a note says something: give its text in at least one language"
        raise ModelError(f"EvidenceNote of {instance.date}", attribute.name, msg)


@attrs.frozen
class EvidenceNote:
    """A dated statement of how a task is going, with its source and an optional score.

    Many tasks of a plan have no number ("promote the construction of East Lake
    Science City"). Results frameworks follow such tasks with qualitative
    indicators (the OECD DAC *Glossary of Key Terms in Evaluation and Results
    Based Management*, 2002, defines an indicator as a "quantitative or
    qualitative factor or variable"): a dated account of what was done, where
    it was reported and, optionally, a grade from 0 to 1 as OKR scoring uses.
    A note is evidence, not a promise: it never changes a target's status, and
    the roll-up shows it beside its task.

    Args:
        date: When the statement was published (or the state it describes was
            reached); ``evaluate(..., as_of=)`` leaves out later notes.
        text: The statement, per language.
        source: Where it was published.
        score: Progress from 0 to 1, or None when the note does not grade.

    Raises:
        ModelError: The date is not a date, the text is empty, or the score is
            outside [0, 1].

    Example:
        >>> from innovplan.model import Source
        >>> note = EvidenceNote("2023-08-06", "two highlight projects started",
        ...                     source=Source("half-year review"), score=0.2)
        >>> note.date, note.score, note.text["en"]
        (datetime.date(2023, 8, 6), 0.2, 'two highlight projects started')
        >>> EvidenceNote("2023-08-06", "done", score=1.5)
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: EvidenceNote of 2023-08-06.score: a score is ... got 1.5

    .. versionadded:: 0.1.0
    """

    date: dt.date = attrs.field(converter=_date)
    text: Wording = attrs.field(converter=Wording, validator=_check_text)
    source: Source | None = attrs.field(default=None, validator=_check_source, kw_only=True)
    score: float | None = attrs.field(default=None, validator=_check_score, kw_only=True)
