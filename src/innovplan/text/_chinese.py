"""Reading the region of a number written in Chinese.

Before the number, past leading connectors and years, stand the subject
("技术合同成交额") and the predicate ("突破", "增长…"); after it a postposed
comparator ("以上") and, in "建设10家以上全国重点实验室", the noun. A quantifier
("均", "分别") after "科技贷款、科技保险、创业投资" makes the subject a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innovplan.text import _lexicon as lex
from innovplan.text._reading import _MAX_LIST, _match_at, _match_end, _Reading, _sign_before
from innovplan.text._scan import is_cjk

if TYPE_CHECKING:
    from innovplan.text._reading import _Value

_ZH_LEADS = ("同时", "其中", "以及", "并且", "和", "及", "与", "并", "且", "全年", "力争", "累计")
_ZH_CONJ = ("以及", "和", "及", "与", "、", "并")
_ZH_STOP = frozenset("的")


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
        *lex.CUMULATIVE_ZH,
        *lex.EVERY_YEAR_ZH,
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
        period = _plan_period(norm, start, end)
        if period > start:
            start, moved = period, True
        while start < end and norm[start] in " ，,、(":
            start, moved = start + 1, True
    return start


_QUOTES = "'\"“”‘’「」『』"
_PERIOD_WORDS = ("时期", "期间", "期末", "规划", "末", "内")


def _plan_period(norm: str, start: int, end: int) -> int:
    """Skip a five-year plan's name as a time: "'十四五'时期", "“十四五”期间"."""
    i = start
    while i < end and norm[i] in _QUOTES:
        i += 1
    if not norm.startswith("十", i) or "五" not in norm[i + 1 : i + 3]:
        return start
    i = norm.index("五", i + 1) + 1
    while i < end and norm[i] in _QUOTES:
        i += 1
    word = _match_at(norm, i, _PERIOD_WORDS)
    return i + len(word) if word else start


def _from_start(norm: str, s: int, p: int) -> int:
    """Where "从…" or "由…" (the starting level) cuts a subject: "托位数由2020年1.8个"."""
    for i in range(s, p):
        if norm[i] in "从由" and i + 1 < p and (norm[i + 1].isdigit() or norm[i + 1] == "每"):
            return i
    return p


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


def _subject_and_predicate(norm: str, left: int, start: int) -> tuple[int, int]:
    """Where the subject and the predicate before the number at *start* begin."""
    s = _strip_zh_lead(norm, left, start)
    sign, sign_word = _sign_before(norm, start, left)
    at = start
    while sign is not None and at > s and norm[at - 1] == " ":
        at -= 1
    p = _zh_predicate_start(norm, s, at - len(sign_word))
    # A predicate holds no 、: "全员劳动生产率增长高于GDP增长、2025年常住人口城镇化率
    # 提高到65%" lists two phrases, and the number belongs to the last.
    cut = norm.rfind("、", p, at)
    if cut != -1:
        s = _strip_zh_lead(norm, cut + 1, start)
        p = _zh_predicate_start(norm, s, at - len(sign_word))
    return s, p


def _read_zh(norm: str, left: int, right: int, v: _Value) -> _Reading:
    # After the number: a postposed comparator, then perhaps the noun.
    after = _match_at(norm, v.end, lex.AFTER_ZH)
    after_end = v.end + len(after)
    noun = _zh_noun(norm, after_end, right)
    # Before: subject, then predicate.
    s, p = _subject_and_predicate(norm, left, v.start)
    sign, sign_word = _sign_before(norm, v.start, left)
    e = _strip_zh_tail(norm, s, _from_start(norm, s, p))
    verbs: list[str] = []
    subjects: list[tuple[int, int]] = []
    if e > s:
        if noun is not None:
            verbs.append(norm[s:e])
        else:
            subjects = _split_zh_list(norm, s, e, norm[p : v.start])
    comparator, word = sign, sign_word
    pre = _match_end(norm, v.start, lex.BEFORE_ZH)
    if comparator is not None:
        pass  # a sign stands right before the number: it is the comparator
    elif after:
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
