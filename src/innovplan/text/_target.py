"""One target from one draft: basis, measure, unit, indicator, direction, comparator, deadline.

What the words of the region mark, with the value's unit and the comparator,
decides the basis and the measure. The subject names a known indicator when the
reading agrees with it, else one named after the phrase. ``Context`` is what the
caller says about the text; a number that is not a target raises ``Skipped``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from innovplan.errors import TargetParseError
from innovplan.model import (
    Basis,
    Comparator,
    Direction,
    Indicator,
    Measure,
    Nature,
    Target,
    detect_language,
)
from innovplan.text import _lexicon as lex
from innovplan.text._english import _close, _trim
from innovplan.text._indicators import Known, find_known, slug
from innovplan.text._marks import _Markers, _markers, _per_capita, _thing
from innovplan.text._scan import words
from innovplan.units import is_countable, registry

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.errors import UnreadUnitError
    from innovplan.text._reading import _Draft, _Reading, _Value
    from innovplan.text._scan import Num
    from innovplan.units import Quantity

__all__ = ["ASSUMED_DIRECTION", "Context", "Skipped"]

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

    def __init__(
        self, reason: str, span: tuple[int, int], error: UnreadUnitError | None = None
    ) -> None:
        super().__init__(reason, span, error)
        self.reason = reason
        self.span = span
        # The number's unit word was refused: ``parse_target`` raises this
        # rather than "no target found", which would hide the unit.
        self.error = error

    def refused(self, error: UnreadUnitError | None) -> Skipped:
        """This skip, carrying *error* when the number's unit word was refused."""
        return self if error is None else Skipped(self.reason, self.span, error)


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
        if d.prefix is not None:
            name = norm[d.prefix[0] : d.prefix[1]] + name
        return name, "zh"
    ws = _trim(words(norm, s, e))
    if not ws:
        return "", "en"
    name = norm[ws[0].start : _close(norm, ws[-1].end, e + 1)]
    if d.suffix is not None:
        name = f"{name} {norm[d.suffix[0] : d.suffix[1]]}"
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
    over_window = v.bracket or m.cumulative
    if over_window and not v.written and q.dimensionless:
        q, upper = _bracket_unit(r, q, upper, m)
    percent = str(q.units) in {"percent", "permille"}
    pp = str(q.units) == "percentage_point"
    numeric = not (percent or pp)
    basis = _basis(d, m, q, percent=percent, pp=pp, over_window=over_window)
    if v.bracket:
        notes.append("〔N〕 is the total, or the change, over the five-year plan")
    # Which measure.
    rate_words = m.growth or (basis is Basis.EVERY_YEAR and m.decrease and r.growth_adjacent)
    if basis is Basis.AVERAGE_ANNUAL or (
        percent and rate_words and not r.to_level and basis in {Basis.VALUE, Basis.EVERY_YEAR}
    ):
        measure = Measure.GROWTH
    elif over_window and m.decrease and basis is not Basis.CUMULATIVE:
        measure = Measure.LEVEL
    elif percent or pp:
        measure = Measure.SHARE if basis is not Basis.PERCENT_CHANGE else Measure.LEVEL
    elif m.level and not m.new:
        measure = Measure.LEVEL
    elif _flowing(d, m, q):
        measure = Measure.FLOW
    else:
        measure = Measure.LEVEL
    decrease = (
        (m.decrease and basis not in {Basis.VALUE, Basis.CUMULATIVE, Basis.EVERY_YEAR})
        or m.control
        or (m.decrease and r.to_level)
        or (basis is Basis.EVERY_YEAR and m.decrease and r.growth_adjacent)
    )
    comparator = r.comparator
    # The unit: the noun's thing for bare counts, per-capita scales folded in.
    noun_span = d.subject or r.noun
    per = (
        _per_capita(norm, d.subject, zh=r.zh)
        or _per_capita(norm, r.noun, zh=r.zh)
        or _per_capita(norm, d.prefix or d.suffix, zh=r.zh)
        # "从每万人6.3件上升到12件": the scale of the starting level holds for both.
        or (_per_capita(norm, (r.span[0], v.start), zh=r.zh) if r.zh else None)
    )
    unit = str(q.units)
    if numeric and (q.dimensionless or is_countable(q)) and str(q.units) != "year":
        thing = _thing(norm, noun_span, zh=r.zh) or (None if q.dimensionless else str(q.units))
        if per and not thing:
            thing = "item"
        if thing:
            # "3 per 1,000 people" has its scale in the unit already.
            unit = f"{thing} / {per}" if per and per not in thing else thing
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
    # A rate a year is negative only when the words say it falls ("年均下降3%");
    # "年均增长控制在3%以内" is a ceiling on a positive rate.
    by_year = {Basis.AVERAGE_ANNUAL, Basis.EVERY_YEAR}
    if decrease and (
        basis in {Basis.PERCENT_CHANGE, Basis.CHANGE} or (basis in by_year and m.decrease)
    ):
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


def _bracket_unit(
    r: _Reading, q: Quantity, upper: Quantity | None, m: _Markers
) -> tuple[Quantity, Quantity | None]:
    """The unit of a bare 〔N〕 or 累计 N: a known indicator's, else percent after a change word.

    Plan tables print the unit in their own column ("单位GDP能源消耗降低 | % |
    〔13.5〕"); "人均预期寿命〔1〕" is a year because life expectancy is in years.
    """
    known = find_known(r.text)
    unit = known.unit if known is not None and known.unit != "dimensionless" else None
    if unit is None and (m.decrease or m.growth) and not r.to_level:
        unit = "percent"
    if unit is None:
        return q, upper
    ureg = registry()
    return ureg.Quantity(q.magnitude, unit), (
        None if upper is None else ureg.Quantity(upper.magnitude, unit)
    )


def _flowing(d: _Draft, m: _Markers, q: Quantity) -> bool:
    """Whether the words speak of an amount over a period: new things, money, doing."""
    r = d.reading
    return bool(
        m.flow
        or m.new
        or d.verbs
        or (d.subject is not None and d.subject == r.noun)
        or "currency" in str(q.dimensionality)
    )


def _basis(  # noqa: PLR0911 (one return per reading)
    d: _Draft, m: _Markers, q: Quantity, *, percent: bool, pp: bool, over_window: bool
) -> Basis:
    """What the value is measured against, from the words and the unit.

    Over the window (〔N〕, 累计, "cumulative", "in total over") an amount is
    summed, a percent is the relative change of a rate or ratio ("单位GDP能耗累计
    下降13.5%" is 0.865 of the baseline or less, not 13.5 points lower), and
    any other value is the change of a level ("人均预期寿命〔1〕岁").
    """
    r = d.reading
    numeric = not (percent or pp)
    if over_window:
        if percent:
            return Basis.PERCENT_CHANGE
        if pp or r.growth_adjacent or (m.decrease and not m.new):
            return Basis.CHANGE
        return Basis.CUMULATIVE if _flowing(d, m, q) else Basis.CHANGE
    if percent and m.average and not r.to_level:
        return Basis.AVERAGE_ANNUAL
    if m.every_year and not pp and not (numeric and r.growth_adjacent):
        return Basis.EVERY_YEAR
    if percent and m.decrease and not r.to_level and not m.share:
        return Basis.PERCENT_CHANGE
    if pp or (numeric and r.growth_adjacent and not r.to_level):
        return Basis.CHANGE
    if percent and m.decrease and r.growth_adjacent and not r.to_level:
        return Basis.PERCENT_CHANGE
    return Basis.VALUE


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
