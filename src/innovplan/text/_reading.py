"""The records of a reading, and the word matcher the readers share.

A *value* is a number, or a range, that may be a target; a *reading* is what
the words of its region say (subjects, noun, verbs, comparator, span); a
*draft* is a value with its reading and one of its subjects. ``_match_at`` and
``_match_end`` find the longest word of a table that starts or ends at a
position of the text.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

    from innovplan.errors import UnreadUnitError
    from innovplan.model import Comparator
    from innovplan.units import Quantity

_MAX_LIST = 8


class _Value(NamedTuple):
    start: int
    end: int
    q: Quantity
    upper: Quantity | None
    bracket: bool
    written: bool
    between_word: bool  # "between X and Y": the span starts at "between"
    # A unit word the phrase does not read followed the number ("3 Mt").
    refused: UnreadUnitError | None = None


class _Reading(NamedTuple):
    """What the words of one region say."""

    subjects: list[tuple[int, int]]  # spans of subject texts (several for a list)
    noun: tuple[int, int] | None  # the noun after the number, in "build 10 centres"
    verbs: list[str]  # participles (EN) or verb phrases (ZH) of doing
    comparator: Comparator | None
    comparator_word: str
    after_end: int  # end of the postposed comparator, if any
    span: tuple[int, int]
    text: str  # the whole region, lower case, for markers
    growth_adjacent: bool  # a growth or decrease word right before the number
    to_level: bool  # "increase to", "提升到": the value is the new level
    zh: bool


class _Draft(NamedTuple):
    value: _Value
    reading: _Reading
    subject: tuple[int, int] | None
    sentence: int
    verbs: list[str]
    # Words the subject borrows from a list it stands in: 单位国内生产总值 of
    # "单位国内生产总值能耗和二氧化碳排放", "per unit of GDP" of the English.
    prefix: tuple[int, int] | None = None
    suffix: tuple[int, int] | None = None
    clause: tuple[int, int] | None = None  # the clause the value stands in


@functools.cache
def _index(table: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Index *table* by first and by last character, longest words first."""
    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for w in sorted(set(table), key=len, reverse=True):
        first.setdefault(w[0], []).append(w)
        last.setdefault(w[-1], []).append(w)
    return (
        {k: tuple(v) for k, v in first.items()},
        {k: tuple(v) for k, v in last.items()},
    )


def _match_end(text: str, pos: int, table: Iterable[str]) -> str:
    """Return the longest word of *table* that ends at *pos* in *text*."""
    if pos <= 0:
        return ""
    for w in _index(tuple(table))[1].get(text[pos - 1], ()):
        if text.endswith(w, 0, pos):
            return w
    return ""


def _match_at(text: str, pos: int, table: Iterable[str]) -> str:
    """Return the longest word of *table* that starts at *pos* in *text*."""
    if pos >= len(text):
        return ""
    for w in _index(tuple(table))[0].get(text[pos], ()):
        if text.startswith(w, pos):
            return w
    return ""


def _sign_before(norm: str, start: int, left: int) -> tuple[Comparator | None, str]:
    """A comparison sign right before the number, spaces allowed: ">7", "≤ 5.5"."""
    from innovplan.text._lexicon import SIGNS

    i = start
    while i > left and norm[i - 1] == " ":
        i -= 1
    sign = _match_end(norm[left:i], i - left, SIGNS)
    return (SIGNS[sign], sign) if sign else (None, "")
