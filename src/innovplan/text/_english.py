"""Reading the region of a number written in English.

Before the number stand the subject ("the number of high-tech enterprises") and
the predicate ("exceeded", "more than"); after it a postposed comparator ("and
more") and, in "build 10 innovation centres", the noun. Verbs of doing before
or after the number ("cultivate", "build") make the noun the subject, and a
quantifier ("each", "all") after "A and B" makes it a list. ``_trim`` and
``_close`` also serve the namer of indicators and the finder of list items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innovplan.text import _lexicon as lex
from innovplan.text._reading import _MAX_LIST, _Reading, _sign_before
from innovplan.text._scan import Word, words
from innovplan.units import is_countable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.model import Comparator
    from innovplan.text._reading import _Value

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
    # "growth of R&D expenditure", "reduction in energy use": the change is the
    # target's measure or basis, the rest names the indicator.
    if len(out) > 2 and out[1].text in {"of", "in"} and out[0].text in _CHANGE_NOUNS:
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
    sign, sword = _sign_before(norm, v.start, left)
    if sign is not None:
        comparator, word = sign, sword
    elif comparator is None and before is not None:
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
    held = _held_object(predicate, bidx - k)
    if held:
        # "(China aims to) keep its unemployment rate within 5.5 %": what is
        # kept is the subject, not who keeps it.
        subject = held
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


_KEEP = frozenset({"keep", "keeps", "kept", "hold", "holds", "maintain", "maintains", "control"})


def _held_object(predicate: Sequence[Word], cmp_at: int) -> list[Word]:
    """The object between "keep" and the comparator: "keep its unemployment rate within"."""
    if not predicate or predicate[0].text not in _KEEP or cmp_at <= 1:
        return []
    obj = [w for w in predicate[1:cmp_at] if w.text not in {"its", "their", "the", "a", "an"}]
    if any(w.text in lex.PREDICATE_EN or w.text in _VERBS_GD for w in obj):
        return []
    return _trim(obj)


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


_CHANGE_NOUNS = frozenset({"growth", "reduction", "increase", "decrease", "rise", "fall"})
_CMP_WORDS = frozenset(w for phrase in lex.BEFORE_EN for w in phrase.split())


def _close(norm: str, end: int, right: int) -> int:
    """Extend a span over the closing bracket of an aside it opened."""
    if norm.count("(", 0, end) > norm.count(")", 0, end):
        close = norm.find(")", end, right)
        if close != -1:
            return close + 1
    return end
