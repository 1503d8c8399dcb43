"""Lists of subjects: values paired one to one ("分别", "respectively") and shared modifiers.

"单位国内生产总值能源消耗和二氧化碳排放分别降低13.5%、18%" names two indicators and
two values: the first value goes with the first subject, the second with the
second. The modifier that opens the first subject ("单位国内生产总值", per unit
of GDP) belongs to both, as "per unit of GDP" at the end of the last English
subject belongs to all of them.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from innovplan.text import _lexicon as lex
from innovplan.text._english import _split_en_list, _trim
from innovplan.text._reading import _match_at
from innovplan.text._scan import words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.text._reading import _Reading, _Value

__all__ = ["paired_values", "shared_modifiers", "split_en_subject"]

# What may stand between two values of a "respectively" list.
_JOINS_ZH = frozenset({"、", "和", "及", "与", ",", "，"})
_JOINS_EN = frozenset({"and", ""})
_LOOK = 24


def paired_values(
    norm: str, r: _Reading, values: Sequence[_Value], vi: int, k: int
) -> list[_Value] | None:
    """The *k* values from ``values[vi]`` that pair one to one with *k* subjects, or ``None``.

    Chinese says so with 分别 before the first value, English with
    "respectively" after the last one.
    """
    if k < 2 or vi + k > len(values):
        return None
    run = list(values[vi : vi + k])
    for a, b in itertools.pairwise(run):
        gap = norm[a.end : b.start].strip()
        if r.zh and gap not in _JOINS_ZH:
            return None
        if not r.zh and gap.lower().strip(", ") not in _JOINS_EN:
            return None
    if r.zh:
        subjects_end = max(e for _, e in r.subjects) if r.subjects else run[0].start
        return run if "分别" in norm[subjects_end : run[0].start] else None
    tail = norm[run[-1].end : run[-1].end + _LOOK].lower().lstrip(" ,")
    return run if tail.startswith("respectively") else None


def split_en_subject(norm: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split an English subject at "and": "energy use and CO2 emissions per unit of GDP"."""
    parts = [_trim(p) for p in _split_en_list(words(norm, span[0], span[1]))]
    return [(p[0].start, p[-1].end) for p in parts if p]


def shared_modifiers(
    norm: str, subjects: Sequence[tuple[int, int]], *, zh: bool
) -> list[tuple[tuple[int, int] | None, tuple[int, int] | None]]:
    """For each subject, the prefix and suffix spans it borrows from its neighbours."""
    none: list[tuple[tuple[int, int] | None, tuple[int, int] | None]] = [(None, None)] * len(
        subjects
    )
    if len(subjects) < 2:
        return none
    if zh:
        first = subjects[0][0]
        word = _match_at(norm, first, lex.SHARED_ZH)
        if not word:
            return none
        prefix = (first, first + len(word))
        return [
            (None, None) if i == 0 or _match_at(norm, s, lex.SHARED_ZH) else (prefix, None)
            for i, (s, _) in enumerate(subjects)
        ]
    last = words(norm, *subjects[-1])
    at = next((w.start for w in last[1:] if w.text == "per"), None)
    if at is None:
        return none
    suffix = (at, subjects[-1][1])
    return [
        (None, None)
        if i == len(subjects) - 1 or any(w.text == "per" for w in words(norm, s, e))
        else (None, suffix)
        for i, (s, e) in enumerate(subjects)
    ]
