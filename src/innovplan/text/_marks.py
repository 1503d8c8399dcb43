"""What the words of a region mark, and the per-capita scale and thing a noun counts.

The markers (growth, decrease, an average, a share, a level, a flow, new things,
control) are looked for in the whole region; the per-capita scale ("per 10,000
people", "每万人") and the countable thing ("national key laboratories",
"全国重点实验室") in the subject or the noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from innovplan.text import _lexicon as lex
from innovplan.text._scan import words
from innovplan.units import PERSON_SCALES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from innovplan.text._reading import _Reading

_PEOPLE = {"people", "persons", "population", "inhabitants", "residents"}
_PERSON_SCALES = {size: name for name, size in PERSON_SCALES.items()}  # "per 10,000 people"


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
    cumulative: bool
    every_year: bool


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
            cumulative=_has(t, lex.CUMULATIVE_ZH),
            every_year=_has(t, lex.EVERY_YEAR_ZH),
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
        cumulative=_has(t, lex.CUMULATIVE_EN),
        every_year=_has(t, lex.EVERY_YEAR_EN),
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
        ws = ws[: ws.index("of", 1)]
    depth_free = _outside_brackets(norm, s, e)
    ws = [w for w in ws if w in depth_free] or ws
    return lex.THINGS_EN.get(ws[-1]) if ws else None


def _outside_brackets(norm: str, s: int, e: int) -> set[str]:
    depth = 0
    buf: list[str] = []
    for ch in norm[s:e]:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0:
            buf.append(ch)
    return set("".join(buf).lower().split())
