"""Assembling targets from the numbers of a text and the words around them.

For each number that may be a value, the reader looks at its *region*: the
clause it stands in, cut at the neighbouring values. Before the number are the
subject ("the number of high-tech enterprises", "技术合同成交额") and the
predicate ("exceeded", "增长…以上"); after it the unit, a postposed comparator
("以上", "and more") and, in "build 10 innovation centres", the noun. The words
found decide the comparator, the measure, the basis and the direction; the
subject becomes a known indicator or one named after the phrase.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from innovplan.errors import TargetParseError
from innovplan.model import Basis, Comparator, Direction, Indicator, Measure, Nature, Target
from innovplan.model._wording import detect_language
from innovplan.text import _lexicon as lex
from innovplan.text._indicators import Known, find_known, slug
from innovplan.text._scan import Num, Word, clauses, is_cjk, lex_dashes, sentences, words
from innovplan.units import is_countable, registry
from innovplan.units._vocabulary import PERSON_SCALES

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from innovplan.units import Quantity

__all__ = ["ASSUMED_DIRECTION", "Context", "assemble"]

# Written into ``Target.notes`` when the phrase does not say which way is
# better; ``explain()`` shows it.
ASSUMED_DIRECTION = "direction not stated: higher is better assumed"

_C = Comparator
_FLIP = {
    _C.AT_LEAST: _C.AT_MOST,
    _C.AT_MOST: _C.AT_LEAST,
    _C.MORE_THAN: _C.LESS_THAN,
    _C.LESS_THAN: _C.MORE_THAN,
}
_CEILINGS = frozenset({_C.AT_MOST, _C.LESS_THAN})
_PEOPLE = {"people", "persons", "population", "inhabitants", "residents"}
_PERSON_SCALES = {size: name for name, size in PERSON_SCALES.items()}  # "per 10,000 people"
_ZH_LEADS = ("同时", "其中", "以及", "并且", "和", "及", "与", "并", "且", "全年", "力争")
_ZH_CONJ = ("以及", "和", "及", "与", "、", "并")
_ZH_STOP = frozenset("的")
_MAX_LIST = 8
_LOOK_BACK = 240
_LOOK_AHEAD = 160
_MAX_LIST_WORDS = 6


@attrs.frozen
class Context:
    """What the caller says about the text: deadline, year, period start, nature, tolerance."""

    deadline: dt.date | None = None
    year: int | None = None
    start: dt.date | None = None
    nature: Nature | None = None
    tolerance: Any = None
    lang: str | None = None
    indicator: Indicator | None = None


class Skipped(Exception):  # noqa: N818 (internal signal, never escapes the package)
    """A number that is not a target value; the reason is kept for ``parse_target``'s error."""

    def __init__(self, reason: str, span: tuple[int, int]) -> None:
        super().__init__(reason, span)
        self.reason = reason
        self.span = span


class _Value(NamedTuple):
    start: int
    end: int
    q: Quantity
    upper: Quantity | None
    bracket: bool
    written: bool
    between_word: bool  # "between X and Y": the span starts at "between"


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


_ZH_PREDICATES = tuple(
    w
    for w in (
        *lex.BEFORE_ZH,
        *lex.REACH_ZH,
        *lex.GROWTH_ZH,
        *lex.DECREASE_ZH,
        *lex.QUANTIFIERS_ZH,
        *lex.AVERAGE_ZH,
        *lex.CONTROL_ZH,
        "保持",
    )
    if len(w) > 1 or w in lex.QUANTIFIERS_ZH
)
_ZH_ADJACENT = tuple(w for w in (*lex.BEFORE_ZH, *lex.REACH_ZH, *lex.DECREASE_ZH) if len(w) == 1)
_ZH_NOUN_STOPS = (*_ZH_PREDICATES, *lex.AFTER_ZH)


def _zh_predicate_start(norm: str, start: int, end: int) -> int:
    """Return where the predicate of a Chinese pre-number text starts (or *end*)."""
    i = start
    while i < end:
        protected = _match_at(norm, i, lex.PROTECTED_ZH)
        if protected and not protected.endswith(("到", "至")):
            i += len(protected)
            continue
        if protected or _match_at(norm, i, _ZH_PREDICATES):
            return i
        i += 1
    adjacent = _match_end(norm, end, _ZH_ADJACENT)
    return end - len(adjacent) if adjacent else end


def _strip_zh_lead(norm: str, start: int, end: int) -> int:
    """Skip connectors and a leading year ("到2025年", "2023年") before a subject."""
    moved = True
    while moved and start < end:
        moved = False
        lead = _match_at(norm, start, (*_ZH_LEADS, "到", "至", "截至", "在"))
        if lead:
            start += len(lead)
            moved = True
        j = start
        while j < end and (norm[j].isdigit() or norm[j] in " 年底末前—-"):
            j += 1
        if j > start and norm[start].isdigit():
            start, moved = j, True
        while start < end and norm[start] in " ，,、(":
            start, moved = start + 1, True
    return start


def _strip_zh_tail(norm: str, start: int, end: int) -> int:
    while end > start:
        tail = _match_end(norm, end, (*_ZH_CONJ, *lex.QUANTIFIERS_ZH, " ", "的"))
        if not tail:
            break
        end -= len(tail)
    return end


def _zh_noun(norm: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun after a Chinese number: "10家以上全国重点实验室" gives 全国重点实验室."""
    i = start
    while i < end and (norm[i] in "大个的 " or norm[i] in _ZH_STOP):
        i += 1
    s = i
    depth = 0
    while i < end:
        ch = norm[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (_match_at(norm, i, _ZH_NOUN_STOPS) or ch.isdigit()):
            break
        i += 1
    e = _strip_zh_tail(norm, s, i)
    if e > s and any(is_cjk(c) for c in norm[s:e]):
        return s, e
    return None


def _read_zh(norm: str, left: int, right: int, v: _Value) -> _Reading:
    # After the number: a postposed comparator, then perhaps the noun.
    after = _match_at(norm, v.end, lex.AFTER_ZH)
    after_end = v.end + len(after)
    noun = _zh_noun(norm, after_end, right)
    # Before: subject, then predicate.
    s = _strip_zh_lead(norm, left, v.start)
    p = _zh_predicate_start(norm, s, v.start)
    e = _strip_zh_tail(norm, s, p)
    verbs: list[str] = []
    subjects: list[tuple[int, int]] = []
    if e > s:
        if noun is not None:
            verbs.append(norm[s:e])
        else:
            subjects = _split_zh_list(norm, s, e, norm[p : v.start])
    comparator, word = None, ""
    pre = _match_end(norm, v.start, lex.BEFORE_ZH)
    if after:
        comparator, word = lex.AFTER_ZH[after], after
    elif pre:
        comparator, word = lex.BEFORE_ZH[pre], pre
    # 控制在…左右 is about, but still lower is better; 控制在 alone is a ceiling.
    predicate = norm[p : v.start]
    adjacent = _match_end(norm, v.start, (*lex.GROWTH_ZH, *lex.DECREASE_ZH, *lex.BEFORE_ZH))
    growth_adjacent = bool(adjacent) and adjacent not in lex.BEFORE_ZH
    if not growth_adjacent and pre:
        inner = _match_end(norm, v.start - len(pre), (*lex.GROWTH_ZH, *lex.DECREASE_ZH))
        growth_adjacent = bool(inner)
    to_level = any(
        w + t in predicate for w in (*lex.GROWTH_ZH, *lex.DECREASE_ZH) for t in lex.TO_ZH
    )
    end = max(after_end, noun[1] if noun else 0, v.end)
    if noun is None:
        # "保持10%以上增长": the growth word after the value belongs to the phrase.
        j = after_end + (norm[after_end : after_end + 1] == "的")
        trailing = _match_at(norm, j, (*lex.GROWTH_ZH, *lex.DECREASE_ZH))
        end = j + len(trailing) if trailing else end
    start = min([s, v.start, *(a for a, _ in subjects)])
    if noun is None and not subjects and e <= s:
        start = v.start
    return _Reading(
        subjects,
        noun,
        verbs,
        comparator,
        word,
        after_end,
        (start, end),
        norm[left:right],
        growth_adjacent,
        to_level,
        zh=True,
    )


def _split_zh_list(norm: str, s: int, e: int, predicate: str) -> list[tuple[int, int]]:
    """Split "科技贷款、科技保险、创业投资均…" into three subjects; one subject otherwise."""
    if not any(q in predicate[:3] for q in lex.QUANTIFIERS_ZH):
        return [(s, e)]
    parts: list[tuple[int, int]] = []
    depth = 0
    a = s
    i = s
    while i < e:
        ch = norm[i]
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
        sep = _match_at(norm, i, _ZH_CONJ) if depth == 0 else ""
        if sep:
            if i > a:
                parts.append((a, i))
            a = i + len(sep)
            i = a
            continue
        i += 1
    if e > a:
        parts.append((a, e))
    return parts[:_MAX_LIST] or [(s, e)]


# -- English -----------------------------------------------------------------

_BEFORE_EN_WORDS = tuple(lex.BEFORE_EN)
_VERBS_GD = (lex.GROWTH_EN | lex.DECREASE_EN) - {
    "growth",
    "reduction",
    "down",
    "expand",
    "expanded",
}


def _en_comparator(ws: Sequence[Word]) -> tuple[Comparator | None, str, int]:
    """Walk left from the number over fillers to a comparator phrase; its index or len."""
    k = len(ws) - 1
    while k >= 0:
        for size in (3, 2, 1):
            if k - size + 1 < 0:
                continue
            phrase = " ".join(w.text for w in ws[k - size + 1 : k + 1])
            if phrase in lex.BEFORE_EN:
                return lex.BEFORE_EN[phrase], phrase, k - size + 1
        if ws[k].text not in lex.FILLERS_EN:
            break
        k -= 1
    return None, "", len(ws)


def _is_predicate(ws: Sequence[Word], k: int) -> bool:
    w = ws[k].text
    if w in lex.PREDICATE_EN or w in lex.REACH_EN or w in _VERBS_GD:
        return True
    pair = f"{w} {ws[k + 1].text}" if k + 1 < len(ws) else ""
    three = f"{pair} {ws[k + 2].text}" if k + 2 < len(ws) else ""
    if w in lex.BEFORE_EN and w not in {"over", "under", "above", "below", "within", "around"}:
        return True
    return pair in lex.BEFORE_EN or three in lex.BEFORE_EN


def _trim(ws: Sequence[Word], *, keep_of: bool = False) -> list[Word]:
    out = list(ws)
    while out and out[0].text in lex.LINKS_EN and not (keep_of and out[0].text == "of"):
        out.pop(0)
    # "the number of", "the total of", "the scale of" say LEVEL, they do not name.
    if (
        len(out) > 2
        and out[1].text == "of"
        and out[0].text in {"number", "total", "amount", "scale"}
    ):
        out = out[2:]
    while out and out[0].text in lex.LINKS_EN:
        out.pop(0)
    while out and (out[-1].text in lex.LINKS_EN or out[-1].text in lex.QUANTIFIERS_EN):
        out.pop()
    return out


def _is_doing(ws: Sequence[Word]) -> bool:
    """Whether words are only verbs of doing ("cultivate and support", "the construction of")."""
    return bool(ws) and all(w.text in lex.ACTION_EN or w.text in lex.LINKS_EN for w in ws)


def _en_noun(norm: str, ws: Sequence[Word]) -> tuple[list[Word], list[Word]]:
    """Split the words after a number into the noun and what follows it."""
    noun: list[Word] = []
    i = 0
    if ws and ws[0].text == "of":
        i = 1
    while i < len(ws):
        w = ws[i].text
        stop = (
            w in lex.PREDICATE_EN
            or (w in lex.ACTION_EN and not w.endswith("s"))
            or w in lex.REACH_EN
            or w in {"in", "to", "by", "for", "from", "at", "on", "with", "that", "which", "such"}
            or w in {"including", "than", "during", "before", "until", "while", "so"}
            or (w in lex.BEFORE_EN and noun)
        )
        if stop:
            break
        if w in {"and", "or"}:
            nxt = ws[i + 1].text if i + 1 < len(ws) else ""
            gap = norm[ws[i].end : ws[i + 1].start] if i + 1 < len(ws) else ""
            if (
                not nxt
                or nxt in lex.ACTION_EN
                or nxt in lex.PREDICATE_EN
                or any(c.isdigit() for c in gap)
            ):
                break
        noun.append(ws[i])
        i += 1
    return _trim(noun), list(ws[i:])


def _split_en_list(subject: list[Word]) -> list[list[Word]]:
    parts: list[list[Word]] = [[]]
    for w in subject:
        if w.text == "and":
            parts.append([])
        else:
            parts[-1].append(w)
    return [p for p in parts if p]


def _read_en(  # noqa: C901, PLR0912, PLR0915 (one reading, rule by rule)
    norm: str, left: int, right: int, v: _Value, previous: Sequence[tuple[int, int]]
) -> _Reading:
    pre = words(norm, left, v.start)
    post = words(norm, v.end, right)
    # A postposed comparator: "13,000 and more" (but "and more than 500" is not one).
    comparator, word, after_end = None, "", v.end
    if len(post) >= 2:
        pair = f"{post[0].text} {post[1].text}"
        third = post[2].text if len(post) > 2 else ""
        if pair in lex.AFTER_EN and third != "than" and not norm[v.end : post[0].start].strip():
            comparator, word, after_end = lex.AFTER_EN[pair], pair, post[1].end
            post = post[2:]
    noun_words, rest = _en_noun(norm, post)
    if not noun_words and v.written and is_countable(v.q):
        # The count noun was read as the unit: "500 laboratories", "30 patents per …".
        noun_words = words(norm, v.start, v.end)
    before, bword, bidx = _en_comparator(pre)
    if comparator is None and before is not None:
        comparator, word = before, bword
    k = next((i for i in range(len(pre)) if _is_predicate(pre, i)), len(pre))
    k = min(k, bidx)
    # "proposes to attract and gather 10 talents": a run of verbs of doing
    # right before the number (and its comparator) means the noun follows.
    run = k
    while run > 0 and (pre[run - 1].text in lex.ACTION_EN or pre[run - 1].text in lex.LINKS_EN):
        run -= 1
    if noun_words and run < k and any(w.text in lex.ACTION_EN for w in pre[run:k]):
        k = run if _is_doing(pre[run:k]) else k
        doing_run = pre[run:]
    else:
        doing_run = []
    subject = _trim(pre[:k])
    predicate = pre[k:]
    verbs: list[str] = [lex.ACTION_EN[w.text] for w in rest if w.text in lex.ACTION_EN]
    if doing_run:
        verbs += [lex.ACTION_EN[w.text] for w in doing_run if w.text in lex.ACTION_EN]
        subject = []
        predicate = [w for w in predicate if w not in doing_run]
    elif _is_doing(pre[:k]) or not subject:
        verbs += [lex.ACTION_EN[w.text] for w in pre[:k] if w.text in lex.ACTION_EN]
        subject = []
        if predicate and predicate[0].text in _VERBS_GD:
            # "reduce energy consumption by 13.5 %": the object is the subject.
            obj = [w for w in predicate[1:] if w.text not in lex.FILLERS_EN or w.text == "of"]
            cut = next((i for i, w in enumerate(predicate[1:]) if w.text in {"by", "to"}), None)
            if cut is not None:
                subject = _trim(predicate[1 : cut + 1])
            elif obj and comparator is None:
                subject = _trim(obj)
    quantified = any(w.text in lex.QUANTIFIERS_EN for w in predicate[:2])
    subjects: list[list[Word]] = [subject] if subject else []
    if quantified and subject:
        subjects = _split_en_list(subject)
        if previous:
            subjects = [*_split_en_list(_prefix_list(norm, previous)), *subjects]
        subjects = [_trim(s) for s in subjects]
        subjects = [s for s in subjects if s]
    spans = [(s[0].start, _close(norm, s[-1].end, right)) for s in subjects][:_MAX_LIST]
    noun = (noun_words[0].start, _close(norm, noun_words[-1].end, right)) if noun_words else None
    rest_end = max((w.end for w in rest if w.text in lex.ACTION_EN), default=0)
    lows = [w.text for w in pre]
    to_level = any(lows[i] in _VERBS_GD and lows[i + 1] == "to" for i in range(len(lows) - 1)) or (
        bool(lows) and lows[-1] == "to" and any(w in _VERBS_GD for w in lows)
    )
    growth_adjacent = _growth_before(pre)
    start_candidates = [v.start, *(a for a, _ in spans)]
    doing = [w.start for w in (doing_run or pre[:k]) if w.text in lex.ACTION_EN]
    if predicate:
        start_candidates.append(predicate[0].start)
    start_candidates += doing
    end = max(after_end, noun[1] if noun else 0, rest_end, v.end)
    return _Reading(
        spans,
        noun,
        verbs,
        comparator,
        word,
        after_end,
        (min(start_candidates), end),
        norm[left:right].lower(),
        growth_adjacent,
        to_level,
        zh=False,
    )


def _prefix_list(norm: str, previous: Sequence[tuple[int, int]]) -> list[Word]:
    out: list[Word] = []
    for a, b in previous:
        out += [*words(norm, a, b), Word("and", b, b)]
    return out


def _growth_before(pre: Sequence[Word]) -> bool:
    """A growth or decrease verb right before the number, through "by" and comparators."""
    k = len(pre) - 1
    while k >= 0 and pre[k].text in _CMP_WORDS:
        k -= 1
    if k >= 1 and pre[k].text == "by" and any(w.text in _VERBS_GD for w in pre[:k]):
        return True  # "raise life expectancy by one year"
    k = len(pre) - 1
    while k >= 0 and (pre[k].text in lex.FILLERS_EN or pre[k].text in _CMP_WORDS):
        if pre[k].text == "to":
            return False
        k -= 1
    return k >= 0 and pre[k].text in _VERBS_GD


_CMP_WORDS = frozenset(w for phrase in lex.BEFORE_EN for w in phrase.split())


def _close(norm: str, end: int, right: int) -> int:
    """Extend a span over the closing bracket of an aside it opened."""
    if norm.count("(", 0, end) > norm.count(")", 0, end):
        close = norm.find(")", end, right)
        if close != -1:
            return close + 1
    return end


# -- assembling -----------------------------------------------------------------


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
        zh_from = a.start > 0 and norm[a.start - 1] in "从由"
        if b is not None and (from_to or (zh_from and gap.endswith(("到", "至")))):
            i += 1  # the first is where it starts from: the target is the second
            continue
        if b is not None and (between or gap in lex_dashes() or gap_low == "to"):
            low, high = _range(a.quantity, b.quantity)
            s = prev_words[-1].start if between else a.start
            out.append(_Value(s, b.end, low, high, a.bracket, b.unit_written, between))
            i += 2
            continue
        out.append(
            _Value(a.start, a.end, a.quantity, None, a.bracket, a.unit_written, between_word=False)
        )
        i += 1
    return out


def _range(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity]:
    """Give the lower end the unit of the upper one: "10—12%" is 10 % to 12 %."""
    if str(a.units) == "dimensionless" and str(b.units) != "dimensionless":
        a = registry().Quantity(a.magnitude, b.units)
    return a, b


class _Draft(NamedTuple):
    value: _Value
    reading: _Reading
    subject: tuple[int, int] | None
    sentence: int
    verbs: list[str]


def assemble(  # noqa: C901, PLR0912 (the walk over sentences, clauses and values)
    text: str, norm: str, nums: Sequence[Num], ctx: Context
) -> tuple[list[Target], list[Skipped]]:
    """Build the targets of *text*, in order of appearance, and say which numbers were not."""
    sents = sentences(norm)
    starts = [n.start for n in nums]
    drafts: list[_Draft] = []
    for si, (ss, se) in enumerate(sents):
        carried: list[str] = []
        listing: list[tuple[int, int]] = []
        for cs, ce in _clauses_in(norm, ss, se):
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
            for vi, v in enumerate(values):
                right = values[vi + 1].start if vi + 1 < len(values) else ce
                # A subject is a few words: looking further back costs time, not sense.
                left = max(left, v.start - _LOOK_BACK)
                right = min(right, v.end + _LOOK_AHEAD)
                if (
                    norm[left : v.start].strip()
                    and any(is_cjk(c) for c in norm[max(left, v.start - 8) : v.end + 4])
                ) or any(is_cjk(c) for c in norm[v.start : min(right, v.end + 6)]):
                    r = _read_zh(norm, left, right, v)
                else:
                    r = _read_en(norm, left, right, v, listing)
                verbs = r.verbs or carried
                if r.verbs:
                    carried = r.verbs
                subjects: list[tuple[int, int] | None] = list(r.subjects)
                if not subjects:
                    subjects = [r.noun]
                drafts.extend(_Draft(v, r, subj, si, verbs) for subj in subjects)
                left = max(r.after_end, r.noun[1] if r.noun else 0, v.end)
            listing = []
    years = _years(nums)
    targets: list[Target] = []
    skipped: list[Skipped] = []
    seen: dict[str, int] = {}
    for d in drafts:
        try:
            t = _target(text, norm, d, ctx, years, sents)
        except Skipped as exc:
            skipped.append(exc)
            continue
        n = seen.get(t.id, 0) + 1
        seen[t.id] = n
        if n > 1:
            t = attrs.evolve(t, id=f"{t.id}.{n}")
        targets.append(t)
    return targets, skipped


def _clauses_in(norm: str, ss: int, se: int) -> list[tuple[int, int]]:
    return [(a + ss, b + ss) for a, b in clauses(norm[ss:se])]


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


# -- one target -------------------------------------------------------------------


def _has(text: str, table: Iterable[str]) -> bool:
    return any(w in text for w in table)


def _has_word(ws: set[str], table: Iterable[str]) -> bool:
    return any(w in ws for w in table)


class _Markers(NamedTuple):
    growth: bool
    decrease: bool
    average: bool
    share: bool
    level: bool
    flow: bool
    new: bool
    control: bool


def _markers(r: _Reading) -> _Markers:
    t = r.text
    if r.zh:
        clean = t
        for p in lex.PROTECTED_ZH:
            if not p.endswith(("到", "至")):
                clean = clean.replace(p, "·")
        return _Markers(
            growth=_has(clean, lex.GROWTH_ZH),
            decrease=_has(clean, tuple(w for w in lex.DECREASE_ZH if len(w) > 1)),
            average=_has(t, lex.AVERAGE_ZH),
            share=_has(clean, lex.SHARE_ZH),
            level=_has(t, lex.LEVEL_ZH) or _has(t, lex.PER_CAPITA_ZH),
            flow=_has(t, lex.FLOW_ZH) or _has(t, lex.ACTION_ZH),
            new=_has(t, lex.NEW_ZH),
            control=_has(t, lex.CONTROL_ZH),
        )
    ws = set(t.replace("'s", " ").replace("-", " - ").split()) | {
        w.text for w in words(t, 0, len(t))
    }
    return _Markers(
        growth=_has_word(ws, lex.GROWTH_EN - {"up"}),
        decrease=_has_word(ws, lex.DECREASE_EN),
        average=_has(t, lex.AVERAGE_EN),
        share=_has_word(ws, lex.SHARE_EN),
        level=_has(t, lex.LEVEL_EN) or "per capita" in t or " per " in t,
        flow=_has_word(ws, lex.FLOW_EN) or _has_word(ws, lex.ACTION_EN),
        new=_has_word(ws, lex.NEW_EN),
        control=False,
    )


def _per_capita(norm: str, span: tuple[int, int] | None, *, zh: bool) -> str | None:
    if span is None:
        return None
    s, e = span
    text = norm[s:e]
    if zh:
        hit = _match_first(text, lex.PER_CAPITA_ZH)
        return lex.PER_CAPITA_ZH[hit] if hit else None
    ws = words(norm, s, e)
    for i, w in enumerate(ws[:-1]):
        if w.text != "per":
            continue
        if ws[i + 1].text == "capita":
            return "person"
        gap = norm[w.end : ws[i + 1].start].replace(",", "").strip()
        if ws[i + 1].text in _PEOPLE and (gap.isdigit() or not gap):
            return _PERSON_SCALES.get(int(gap) if gap else 1)
    return None


def _match_first(text: str, table: Iterable[str]) -> str:
    best = ""
    for w in table:
        if w in text and len(w) > len(best):
            best = w
    return best


def _thing(norm: str, span: tuple[int, int] | None, *, zh: bool) -> str | None:
    """The countable thing a noun names: "national key laboratories" → laboratory."""
    if span is None:
        return None
    s, e = span
    text = norm[s:e]
    if zh:
        best, at = None, -1
        for word, thing in lex.THINGS_ZH.items():
            pos = text.rfind(word)
            if pos > at:
                best, at = thing, pos
        return best
    ws = [w.text for w in words(norm, s, e)]
    if "per" in ws:
        ws = ws[: ws.index("per")]
    if "of" in ws[1:]:
        ws = ws[: ws.index("of", 1)] if ws.index("of", 1) > 0 else ws
    depth_free = _outside_brackets(norm, s, e)
    ws = [w for w in ws if w in depth_free] or ws
    return lex.THINGS_EN.get(ws[-1]) if ws else None


def _outside_brackets(norm: str, s: int, e: int) -> set[str]:
    out: list[str] = []
    depth = 0
    buf = []
    for ch in norm[s:e]:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0:
            buf.append(ch)
    out = "".join(buf).lower().split()
    return set(out)


def _name(norm: str, d: _Draft, measure: Measure) -> tuple[str, str]:
    """The indicator's name and language, from the subject or the noun."""
    r = d.reading
    if d.subject is None:
        return "", "en"
    s, e = d.subject
    if r.zh:
        name = norm[s:e].strip()
        if d.verbs and r.noun is not None and d.subject == r.noun:
            name = d.verbs[0] + name
        return name, "zh"
    ws = _trim(words(norm, s, e))
    if not ws:
        return "", "en"
    name = norm[ws[0].start : _close(norm, ws[-1].end, e + 1)]
    if measure is Measure.FLOW and d.verbs and d.subject == r.noun:
        name = f"{name} {d.verbs[0]}"
    return name, "en"


class _Years(NamedTuple):
    positions: list[int]
    values: list[int]
    kinds: list[str]


def _years(nums: Sequence[Num]) -> _Years:
    found = [
        (n.start, int(n.quantity.magnitude), n.kind)
        for n in nums
        if n.kind in {"year", "range_year"}
    ]
    return _Years([p for p, _, _ in found], [y for _, y, _ in found], [k for _, _, k in found])


def _year_for(
    d: _Draft, ctx: Context, years: _Years, sents: Sequence[tuple[int, int]]
) -> tuple[int | None, int | None]:
    """The deadline year and a range's first year, by the rules of ``parse_targets``."""
    ss, se = sents[d.sentence]
    lo, hi = bisect.bisect_left(years.positions, ss), bisect.bisect_left(years.positions, se)
    inside = range(lo, hi)
    start_year = next((years.values[i] for i in inside if years.kinds[i] == "range_year"), None)
    ends = [
        (abs(years.positions[i] - d.value.start), years.values[i])
        for i in inside
        if years.kinds[i] == "year"
    ]
    if ends:
        return min(ends)[1], start_year
    if ctx.year is not None:
        return ctx.year, start_year
    earlier = next(
        (years.values[i] for i in range(lo - 1, -1, -1) if years.kinds[i] == "year"), None
    )
    return earlier, start_year


def _tidy(q: Quantity) -> Quantity:
    mag = q.magnitude
    if isinstance(mag, float) and math.isfinite(mag):
        if mag.is_integer() and abs(mag) < 2**53:
            return registry().Quantity(int(mag), q.units)
        return registry().Quantity(float(f"{mag:.12g}"), q.units)
    return q


def _target(  # noqa: C901, PLR0912, PLR0915, PLR0917 (the reading rules, kept in one place)
    text: str, norm: str, d: _Draft, ctx: Context, years: _Years, sents: Sequence[tuple[int, int]]
) -> Target:
    v, r = d.value, d.reading
    ureg = registry()
    m = _markers(r)
    if not _signals(norm, r, v, m, d):
        raise Skipped("a number without a target word, unit or verb", (v.start, v.end))
    q, upper = v.q, v.upper
    notes: list[str] = []
    percent = str(q.units) in {"percent", "permille"}
    pp = str(q.units) == "percentage_point"
    numeric = not (percent or pp)
    # What the value is measured against.
    basis = Basis.VALUE
    if v.bracket:
        basis = Basis.CHANGE
        notes.append("〔N〕 is the cumulative change over the five-year plan")
    elif percent and m.average and not r.to_level:
        basis = Basis.AVERAGE_ANNUAL
    elif percent and m.decrease and not r.to_level and not m.share:
        basis = Basis.PERCENT_CHANGE
    elif pp or (numeric and r.growth_adjacent and not r.to_level):
        basis = Basis.CHANGE
    elif percent and m.decrease and r.growth_adjacent and not r.to_level:
        basis = Basis.PERCENT_CHANGE
    # Which measure.
    if basis is Basis.AVERAGE_ANNUAL or (
        percent and m.growth and not r.to_level and basis is Basis.VALUE
    ):
        measure = Measure.GROWTH
    elif v.bracket and m.decrease:
        measure = Measure.LEVEL
    elif percent or pp:
        measure = Measure.SHARE if basis is not Basis.PERCENT_CHANGE else Measure.LEVEL
    elif m.level and not m.new:
        measure = Measure.LEVEL
    elif (
        m.flow
        or m.new
        or d.verbs
        or (d.subject is not None and d.subject == r.noun)
        or "currency" in str(q.dimensionality)
    ):
        measure = Measure.FLOW
    else:
        measure = Measure.LEVEL
    decrease = (m.decrease and basis is not Basis.VALUE) or m.control or (m.decrease and r.to_level)
    comparator = r.comparator
    # The unit: the noun's thing for bare counts, per-capita scales folded in.
    noun_span = d.subject or r.noun
    per = _per_capita(norm, d.subject, zh=r.zh) or _per_capita(norm, r.noun, zh=r.zh)
    unit = str(q.units)
    if numeric and (q.dimensionless or is_countable(q)) and str(q.units) != "year":
        thing = _thing(norm, noun_span, zh=r.zh) or (None if q.dimensionless else str(q.units))
        if per and not thing:
            thing = "item"
        if thing:
            unit = f"{thing} / {per}" if per else thing
    q = ureg.Quantity(q.magnitude, unit) if basis is not Basis.PERCENT_CHANGE or numeric else q
    if upper is not None and str(upper.units) != unit and upper.dimensionless:
        upper = ureg.Quantity(upper.magnitude, unit)
    # Known indicator, if the words name one and the reading agrees with it.
    name, name_lang = _name(norm, d, measure)
    known = ctx.indicator or _known(
        name or (norm[noun_span[0] : noun_span[1]] if noun_span else ""), q, basis, measure, m
    )
    if known is not None:
        indicator = known.indicator() if isinstance(known, Known) else known
        measure = indicator.measure
        if (
            basis in {Basis.VALUE, Basis.CHANGE}
            and q.dimensionality == indicator.pint_unit.dimensionality
        ):
            q = _tidy(q.to(indicator.unit))
            upper = None if upper is None else _tidy(upper.to(indicator.unit))
        elif (
            basis is Basis.VALUE
            and numeric
            and q.dimensionless
            and is_countable(indicator.pint_unit)
        ):
            q = ureg.Quantity(q.magnitude, indicator.unit)
        direction = Direction.DECREASE if decrease else indicator.direction
    else:
        if not name:
            raise Skipped("a value without anything it measures", (v.start, v.end))
        ind_unit = _indicator_unit(q, basis, measure)
        ident = slug(name)
        if measure is Measure.GROWTH and not ident.endswith("growth"):
            ident += "_growth"
        direction = Direction.INCREASE
        if decrease or (comparator in _CEILINGS):
            direction = Direction.DECREASE
        else:
            notes.append(ASSUMED_DIRECTION)
        indicator = Indicator(
            ident, {name_lang: name}, unit=ind_unit, measure=measure, direction=direction
        )
        if basis is Basis.PERCENT_CHANGE:
            notes.append("the indicator's unit is not in the phrase: pass indicator= to give it")
    if (
        direction is Direction.DECREASE
        and known is not None
        and indicator.direction is not direction
    ):
        indicator = attrs.evolve(indicator, direction=direction)
    # The comparator, with the reach words read by direction.
    if comparator is None and upper is None:
        # "Reach 9,000" is EQUAL, which evaluation reads as met at or beyond the
        # number in the indicator's better direction. A change without a word
        # ("reduce by 13.5 %") keeps an explicit bound, turned below with its sign.
        comparator = _C.EQUAL if basis is Basis.VALUE else _C.AT_LEAST
        notes.append("no comparator word: the value is to be reached (met or bettered)")
    if r.comparator_word in lex.READING:
        notes.append(lex.READING[r.comparator_word])
    if upper is not None:
        comparator = _C.BETWEEN
    assert comparator is not None  # noqa: S101 (set on every path above)
    if decrease and basis in {Basis.PERCENT_CHANGE, Basis.CHANGE}:
        # "reduce by 13.5 %" is a change of −13.5 % or less: the sign and the
        # comparator turn over together.
        q = ureg.Quantity(-q.magnitude, q.units)
        if comparator is _C.AT_LEAST and r.comparator is None:
            comparator = _C.AT_MOST
        elif r.comparator is not None:
            comparator = _FLIP.get(comparator, comparator)
        if upper is not None:
            q, upper = ureg.Quantity(-upper.magnitude, upper.units), q
    # When.
    year, start_year = _year_for(d, ctx, years, sents)
    deadline = ctx.deadline
    if deadline is None:
        if year is None:
            raise TargetParseError(
                text,
                "no deadline: pass deadline= or year=, or name the year in the text",
                span=r.span,
                found=None,
            )
        deadline = dt.date(year, 12, 31)
    start = ctx.start
    if start is None and start_year is not None and start_year <= deadline.year:
        start = dt.date(start_year, 1, 1)
    if start is None and v.bracket:
        start = dt.date(deadline.year - 4, 1, 1)
    nature = ctx.nature or (
        Nature.BINDING if "约束性" in r.text or "binding" in r.text else Nature.ANTICIPATORY
    )
    a, b = r.span
    b = max(b, v.end)
    wording = text[a:b].strip()
    lang = ctx.lang or detect_language(wording)
    return Target(
        indicator.id,
        indicator,
        comparator,
        q,
        deadline,
        upper=upper,
        basis=basis,
        start=start,
        nature=nature,
        tolerance=ctx.tolerance if comparator is _C.ABOUT else None,
        wording={lang: wording},
        notes="; ".join(dict.fromkeys(notes)),
    )


def _signals(norm: str, r: _Reading, v: _Value, m: _Markers, d: _Draft) -> bool:
    """Whether anything marks the number as a promise: "see page 5" is not one."""
    if r.comparator is not None or v.upper is not None or v.bracket or v.written or d.verbs:
        return True
    if any(m) or find_known(r.text) is not None:
        return True
    if r.noun is not None and _thing(norm, r.noun, zh=r.zh) is not None:
        return True  # "1,000 local outstanding talents": a count of things
    lows = r.text
    return any(w in lows for w in (*lex.REACH_ZH, "达")) or bool(
        {w.text for w in words(lows, 0, len(lows))} & lex.REACH_EN
    )


def _known(  # noqa: PLR0911 (one return per rule)
    name: str, q: Quantity, basis: Basis, measure: Measure, m: _Markers
) -> Known | None:
    if not name:
        return None
    known = find_known(name)
    if known is None:
        return None
    if m.new and known.measure is Measure.LEVEL:
        return None  # "净增高新技术企业2000家" counts new ones: a flow, not the stock
    if (
        basis is Basis.VALUE
        and q.dimensionless
        and known.measure in {Measure.GROWTH, Measure.SHARE}
    ):
        return known if measure is known.measure else None
    if basis is Basis.VALUE and not q.dimensionless:
        return known if q.dimensionality == known.indicator().pint_unit.dimensionality else None
    if basis is Basis.VALUE:
        return (
            known
            if is_countable(known.indicator().pint_unit) or known.unit == "dimensionless"
            else None
        )
    return known if known.measure not in {Measure.GROWTH, Measure.SHARE} else None


def _indicator_unit(q: Quantity, basis: Basis, measure: Measure) -> str:
    if basis is Basis.PERCENT_CHANGE:
        return "dimensionless"
    if measure is Measure.GROWTH:
        return "percent"
    if str(q.units) == "percentage_point":
        return "percent"
    return str(q.units)
