"""Assembling targets from the numbers of a text and the words around them.

For each number that may be a value, the reader looks at its *region*: the
clause it stands in, cut at the neighbouring values. Before the number are the
subject ("the number of high-tech enterprises", "技术合同成交额") and the
predicate ("exceeded", "增长…以上"); after it the unit, a postposed comparator
("以上", "and more") and, in "build 10 innovation centres", the noun. The words
found decide the comparator, the measure, the basis and the direction; the
subject becomes a known indicator or one named after the phrase.

Here are the walk over sentences, clauses and values; a region is read by
``_chinese`` or ``_english`` into the records of ``_reading``, and ``_target``
(with the markers of ``_marks``) makes each draft a target.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING

import attrs

from innovplan.errors import TargetParseError
from innovplan.text import _lexicon as lex
from innovplan.text._chinese import _ZH_PREDICATES, _read_zh
from innovplan.text._english import _read_en, _trim
from innovplan.text._lists import paired_values, shared_modifiers, split_en_subject
from innovplan.text._reading import _MAX_LIST, _Draft, _match_at, _match_end, _Reading, _Value
from innovplan.text._scan import clauses, is_cjk, lex_dashes, sentences, words
from innovplan.text._target import Skipped, _target, _years
from innovplan.units import registry

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.model import Target
    from innovplan.text._scan import Num
    from innovplan.text._target import Context, _Years
    from innovplan.units import Quantity

__all__ = ["assemble"]

_LOOK_BACK = 240
_LOOK_AHEAD = 160
_MAX_LIST_WORDS = 6


def _values(
    norm: str, nums: Sequence[Num], starts: Sequence[int], start: int, end: int
) -> list[_Value]:
    """The values of one clause, with ranges joined: "10—12%", "between 10 and 12 %"."""
    out: list[_Value] = []
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    vals = [n for n in nums[lo:hi] if n.kind == "value"]
    i = 0
    while i < len(vals):
        a = vals[i]
        b = vals[i + 1] if i + 1 < len(vals) else None
        gap = norm[a.end : b.start].strip() if b else ""
        gap_low = gap.lower()
        prev_words = words(norm, max(start, a.start - 12), a.start)
        between = bool(prev_words) and prev_words[-1].text == "between" and gap_low == "and"
        from_to = bool(prev_words) and prev_words[-1].text == "from" and gap_low == "to"
        if b is not None and (from_to or (_zh_from(norm, a.start) and _zh_to(gap))):
            i += 1  # the first is where it starts from: the target is the second
            continue
        if b is not None and (between or gap in lex_dashes() or gap_low == "to"):
            low, high = _range(a.quantity, b.quantity)
            s = prev_words[-1].start if between else a.start
            refused = a.refused or b.refused
            out.append(_Value(s, b.end, low, high, a.bracket, b.unit_written, between, refused))
            i += 2
            continue
        out.append(
            _Value(
                a.start,
                a.end,
                a.quantity,
                None,
                a.bracket,
                a.unit_written,
                between_word=False,
                refused=a.refused,
            )
        )
        i += 1
    return out


def _zh_from(norm: str, at: int) -> bool:
    """Whether 从 or 由 opens the number at *at*, past a year and a per-capita word.

    "由2020年1.8个提升到2025年4.5个", "从每万人6.3件上升到12件": the first
    number is where the indicator starts from.
    """
    i = at
    per = _match_end(norm, i, lex.PER_CAPITA_ZH)
    i -= len(per)
    if i > 0 and norm[i - 1] == "年":
        j = i - 1
        while j > 0 and norm[j - 1].isdigit() and i - j <= 5:
            j -= 1
        i = j if i - 1 - j == 4 else i
        i -= len(_match_end(norm, i, lex.PER_CAPITA_ZH))
    return i > 0 and norm[i - 1] in "从由"


def _zh_to(gap: str) -> bool:
    """Whether the words between two numbers end in 到 or 至, past a year ("提升到2025年")."""
    if gap.endswith("年") and gap[-5:-1].isdigit():
        gap = gap[:-5]
    return gap.endswith(("到", "至"))


def _range(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity]:
    """Give the lower end the unit of the upper one: "10—12%" is 10 % to 12 %."""
    if str(a.units) == "dimensionless" and str(b.units) != "dimensionless":
        a = registry().Quantity(a.magnitude, b.units)
    return a, b


def assemble(
    text: str, norm: str, nums: Sequence[Num], ctx: Context
) -> tuple[list[Target], list[Skipped]]:
    """Build the targets of *text*, in order of appearance, and say which numbers were not."""
    sents = sentences(norm)
    starts = [n.start for n in nums]
    drafts: list[_Draft] = []
    for si, (ss, se) in enumerate(sents):
        carried: list[str] = []
        listing: list[tuple[int, int]] = []
        for cs, ce in _clauses_in(norm, ss, se, nums, starts):
            values = _values(norm, nums, starts, cs, ce)
            values = [
                v
                for i, v in enumerate(values)
                if not _describes_plan(norm, v, values[i + 1].start if i + 1 < len(values) else ce)
            ]
            if not values:
                if _list_item(norm, cs, ce):
                    listing = [*listing[-_MAX_LIST + 1 :], _list_item(norm, cs, ce) or (cs, ce)]
                else:
                    listing = []
                continue
            left = cs
            vi = 0
            while vi < len(values):
                r = _region(norm, values, vi, (left, ce), listing)
                verbs = r.verbs or carried
                if r.verbs:
                    carried = r.verbs
                found, used = _drafts(norm, values, vi, r, clause=(left, ce), where=(si, verbs))
                drafts.extend(d._replace(clause=(cs, ce)) for d in found)
                last = values[vi + used - 1]
                r_last = drafts[-1].reading if found else r
                left = max(r_last.after_end, r.noun[1] if r.noun else 0, last.end)
                vi += used
            listing = []
    return _targets(text, norm, drafts, ctx, (_years(nums), sents))


def _targets(
    text: str,
    norm: str,
    drafts: Sequence[_Draft],
    ctx: Context,
    where: tuple[_Years, list[tuple[int, int]]],
) -> tuple[list[Target], list[Skipped]]:
    """Make each draft a target, with ids unique in the text; say which were not."""
    years, sents = where
    targets: list[Target] = []
    skipped: list[Skipped] = []
    seen: dict[str, int] = {}
    # Per clause, its latest target: a quantity skipped after it may be lost to its noun.
    made: dict[tuple[int, int] | None, _Draft] = {}
    for d in drafts:
        try:
            t = _target(text, norm, d, ctx, years, sents)
        except Skipped as exc:
            skipped.append(exc.refused(d.value.refused))
            if d.value.written and not d.value.q.dimensionless:
                _lost_quantity(text, norm, made.get(d.clause), d.value)
            continue
        made[d.clause] = d
        if d.value.refused is not None:
            # A target here would be a plain number where the text wrote a unit.
            raise d.value.refused
        n = seen.get(t.id, 0) + 1
        seen[t.id] = n
        if n > 1:
            t = attrs.evolve(t, id=f"{t.id}.{n}")
        targets.append(t)
    return targets, skipped


def _lost_quantity(text: str, norm: str, kept: _Draft | None, lost: _Value | None) -> None:
    """Refuse a clause whose target's noun runs into a quantity that is then not read.

    In "新建10千瓦线路3万千米" the words between the numbers are the first
    one's noun, so the second has nothing it measures: keeping the first
    would drop the quantity without a word (on "新建10千伏线路3万千米" a plain
    10000 was kept and the 30,000 km lost).

    Raises:
        TargetParseError: Naming both numbers as written.
    """
    if kept is None or lost is None or kept.reading.noun is None:
        return
    if norm[kept.reading.noun[1] : lost.start].strip():
        return
    a, b = kept.value, lost
    raise TargetParseError(
        text,
        f"two quantities in one clause, {norm[a.start : a.end].strip()!r} and "
        f"{norm[b.start : b.end].strip()!r}, and only the first reads as a target: the words "
        "between them are its noun, so the second would be lost; write each target in its "
        "own clause (separated by '，' or ';') with what it measures before it",
        span=(a.start, b.end),
    )


def _region(
    norm: str,
    values: Sequence[_Value],
    vi: int,
    bounds: tuple[int, int],
    listing: Sequence[tuple[int, int]],
) -> _Reading:
    """Read the region of ``values[vi]``, within *bounds*: to the next value or the clause end."""
    left, ce = bounds
    v = values[vi]
    right = values[vi + 1].start if vi + 1 < len(values) else ce
    # A subject is a few words: looking further back costs time, not sense.
    left = max(left, v.start - _LOOK_BACK)
    right = min(right, v.end + _LOOK_AHEAD)
    if (
        norm[left : v.start].strip()
        and any(is_cjk(c) for c in norm[max(left, v.start - 8) : v.end + 4])
    ) or any(is_cjk(c) for c in norm[v.start : min(right, v.end + 6)]):
        return _read_zh(norm, left, right, v)
    return _read_en(norm, left, right, v, listing)


def _drafts(
    norm: str,
    values: Sequence[_Value],
    vi: int,
    r: _Reading,
    *,
    clause: tuple[int, int],
    where: tuple[int, list[str]],
) -> tuple[list[_Draft], int]:
    """The drafts of ``values[vi]`` and how many values they use (more than one for 分别)."""
    si, verbs = where
    v = values[vi]
    subjects: list[tuple[int, int]] = list(r.subjects)
    if not r.zh and len(subjects) == 1:
        split = split_en_subject(norm, subjects[0])
        if paired_values(norm, r, values, vi, len(split)) is not None:
            subjects = split
    run = paired_values(norm, r._replace(subjects=subjects), values, vi, len(subjects))
    shared = shared_modifiers(norm, subjects, zh=r.zh)
    if run is None:
        if not subjects:
            return [_Draft(v, r, r.noun, si, verbs)], 1
        return [
            _Draft(v, r, subj, si, verbs, pre, post)
            for subj, (pre, post) in zip(subjects, shared, strict=True)
        ], 1
    out = [_Draft(v, r, subjects[0], si, verbs, *shared[0])]
    for j in range(1, len(run)):
        # Each later value has its own postposed comparator ("18%以上"), else
        # the one before the first value holds for all.
        own = _region(norm, values, vi + j, (run[j - 1].end, clause[1]), [])
        rj = r._replace(
            comparator=own.comparator or r.comparator,
            comparator_word=own.comparator_word if own.comparator else r.comparator_word,
            after_end=own.after_end,
            span=(r.span[0], max(own.span[1], run[j].end)),
        )
        out.append(_Draft(run[j], rj, subjects[j], si, verbs, *shared[j]))
    return out, len(run)


def _clauses_in(
    norm: str, ss: int, se: int, nums: Sequence[Num], starts: Sequence[int]
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in clauses(norm[ss:se]):
        out.extend(_split_at_and(norm, a + ss, b + ss, nums, starts))
    return out


_AND_VERBS = (
    lex.REACH_EN | lex.GROWTH_EN | lex.DECREASE_EN | (lex.PREDICATE_EN - lex.QUANTIFIERS_EN)
)
_AND_SUBJECT_WORDS = 8


def _split_at_and(
    norm: str, cs: int, ce: int, nums: Sequence[Num], starts: Sequence[int]
) -> list[tuple[int, int]]:
    """Split an English clause at "and" between two targets, as at ", and".

    "exports at least 40 tonnes and imports at least 10 tonnes": after a value
    (with its unit) come "and", a subject, a comparator or a verb, and a
    number. "between 10 and 12", "13,000 and more" and "A and B reach 5 and 6"
    are not split.
    """
    lo, hi = bisect.bisect_left(starts, cs), bisect.bisect_left(starts, ce)
    values = [n for n in nums[lo:hi] if n.kind == "value"]
    if len(values) < 2 or any(is_cjk(c) for c in norm[cs:ce]):
        return [(cs, ce)]
    out: list[tuple[int, int]] = []
    left = cs
    for first, second in itertools.pairwise(values):
        ws = words(norm, first.end, second.start)
        if not ws or ws[0].text != "and" or norm[first.end : ws[0].start].strip():
            continue
        if _match_at(norm.lower(), ws[0].start, tuple(lex.AFTER_EN)):
            continue  # "13,000 and more"
        before = words(norm, max(left, first.start - 12), first.start)
        if before and before[-1].text == "between":
            continue
        rest = ws[1:]
        gap = norm[rest[-1].end : second.start].strip() if rest else "x"
        said = " ".join(w.text for w in rest)
        comparator = any(said.endswith(" " + c) for c in lex.BEFORE_EN)
        verb = next((i for i, w in enumerate(rest) if w.text in _AND_VERBS), None)
        if gap or not (comparator or (verb is not None and verb > 0)):
            continue
        if len(rest) > _AND_SUBJECT_WORDS:
            continue
        out.append((left, ws[0].start))
        left = ws[0].end
    out.append((left, ce))
    return out


def _list_item(norm: str, cs: int, ce: int) -> tuple[int, int] | None:
    """A short noun clause that may open a list ("with technology loans")."""
    ws = words(norm, cs, ce)
    if not ws or len(ws) > _MAX_LIST_WORDS or any(is_cjk(c) for c in norm[cs:ce]):
        return None
    if any(w.text in lex.PREDICATE_EN or w.text in lex.ACTION_EN for w in ws):
        return None
    trimmed = _trim(ws)
    return (trimmed[0].start, trimmed[-1].end) if trimmed else None


def _describes_plan(norm: str, v: _Value, nxt: int) -> bool:
    """Tell numbers that describe the plan itself: "22 tasks", "nine aspects", "九大任务"."""
    ws = words(norm, v.end, min(nxt, v.end + 80))
    head = ""
    for w in ws[:4]:
        if w.text in lex.STRUCTURE_EN:
            head = w.text
            break
        if w.text in lex.PREDICATE_EN or w.text in {"of", "in", "to", "by", "and", "per"}:
            break
    if head:
        return True
    i = v.end
    while i < nxt and norm[i] in "大个项 ":
        i += 1
    tail = norm[i : min(nxt, i + 6)]
    for word in lex.STRUCTURE_ZH:
        at = tail.find(word)
        if at != -1 and not _match_at(tail, 0, _ZH_PREDICATES) and "以上" not in tail[:at]:
            return True
    return False
