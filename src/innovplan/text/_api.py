"""The public readers: :func:`parse_target` and :func:`parse_targets`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pint

from innovplan.errors import InnovplanError, QuantityParseError, TargetParseError
from innovplan.model import Indicator, Nature, Target, date_or_none, shown, to_date
from innovplan.text._phrase import assemble
from innovplan.text._scan import numbers, prepare
from innovplan.text._target import Context, Skipped

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["parse_target", "parse_targets"]

_CONTEXT_KEYS = frozenset({"year", "start", "nature", "tolerance", "id"})


def _context(
    deadline: object,
    lang: str | None,
    indicator: Indicator | None,
    context: dict[str, Any],
) -> Context:
    unknown = set(context) - _CONTEXT_KEYS
    if unknown:
        msg = f"unknown context {sorted(unknown)}; known: {sorted(_CONTEXT_KEYS)}"
        raise TypeError(msg)
    year = context.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        msg = f"year= is an int such as 2023, got {year!r}"
        raise TypeError(msg)
    nature = context.get("nature")
    if lang is not None and not isinstance(lang, str):
        raise TargetParseError(
            "", f"lang is a language tag such as 'zh' or None, not {shown(lang)}"
        )
    day = None if deadline is None else date_or_none(deadline)
    if deadline is not None and day is None:
        msg = f"deadline is a date (a datetime.date or 'YYYY-MM-DD'), not {shown(deadline)}"
        raise TargetParseError("", msg)
    return Context(
        deadline=day,
        year=year,
        start=None if context.get("start") is None else to_date(context["start"]),
        nature=None if nature is None else Nature(nature),
        tolerance=context.get("tolerance"),
        lang=lang,
        indicator=indicator,
    )


def _parse(text: str, ctx: Context) -> tuple[list[Target], list[Skipped]]:
    if not isinstance(cast("object", text), str):
        raise TargetParseError("", f"text is the words to read (a str), not {shown(text)}")
    norm = prepare(text)
    nums = numbers(text, norm)
    try:
        found, skipped = assemble(text, norm, nums, ctx)
    except (TargetParseError, QuantityParseError):
        raise
    except (InnovplanError, pint.PintError, ArithmeticError, ValueError) as exc:
        # A reading that the model refuses (a unit that does not fit a known
        # indicator, say) is a phrase the reader cannot make a target of.
        raise TargetParseError(text, f"cannot make a target: {exc}") from exc
    # Numbers whose unit word was refused and that no reading took up: a
    # phrase that should hold one target says why rather than "none found".
    skipped += [Skipped(n.refused.why, (n.start, n.end), n.refused) for n in nums if n.refused]
    return found, skipped


def parse_targets(
    text: str,
    *,
    deadline: dt.date | str | None = None,
    lang: str | None = None,
    **context: Any,
) -> list[Target]:
    """Read every quantified target of a phrase, sentence or document, in order.

    Each target keeps the words it came from (``wording``, under *lang* or the
    detected language) and has an indicator: a known one when the words name
    it ("技术合同成交额", "the turnover of technology contracts"), else one
    named after the phrase with a slug id. Target ids are the indicator ids,
    with ``.2``, ``.3`` … for repeats within one call. Sentences without a
    target ("accelerate the construction of …") give nothing.

    The deadline is, in order: *deadline*; 31 December of the year named in the
    target's sentence ("by 2025", "2023年"); of ``year=``; of the last year
    named earlier in the text. Without any of these the reader raises.

    Args:
        text: The words of the plan.
        deadline: The deadline of every target found.
        lang: The language tag of the wording; detected when not given.
        **context: ``year`` (int), ``start`` (the first day of the targets'
            period), ``nature`` (:class:`~innovplan.model.Nature` or its value)
            and ``tolerance`` (for "about" targets).

    Returns:
        The targets, possibly none.

    Raises:
        TargetParseError: A value has no deadline, or cannot be made a target.
        UnreadUnitError: A target's number is followed by a unit word the
            phrase vocabulary does not read ("3 Mt", "5 kilotonne"), or a
            plain number is written "a year".
        AmbiguousUnitError: A number is followed by an ambiguous symbol ("kt").
        QuantityParseError: A number is malformed ("1.2.3万").
        TypeError: An unknown keyword in *context*.

    Example:
        >>> [str(t.value) for t in parse_targets(
        ...     "高新技术企业突破13000家，技术合同成交额突破1450亿元", year=2023)]
        ['13000 enterprise', '1450 hundred_million_yuan']
    """
    return _parse(text, _context(deadline, lang, None, context))[0]


def parse_target(
    text: str,
    *,
    indicator: Indicator | None = None,
    deadline: dt.date | str | None = None,
    lang: str | None = None,
    **context: Any,
) -> Target:
    """Read exactly one quantified target from a phrase.

    Args:
        text: The phrase ("the number of high-tech enterprises exceeded 13,000").
        indicator: The indicator the target is for, instead of the one named
            by the phrase.
        deadline: The target's deadline; see :func:`parse_targets` for the
            default.
        lang: The language tag of the wording; detected when not given.
        **context: As for :func:`parse_targets`, and ``id`` for the target.

    Returns:
        The target.

    Raises:
        TargetParseError: The phrase holds no target or more than one (the
            error says how many), or a value has no deadline.
        UnreadUnitError: The number is followed by a unit word the phrase
            vocabulary does not read, or a plain number is written "a year".
        QuantityParseError: A number is malformed.

    Example:
        >>> t = parse_target("高新技术产业增加值增长11.5%以上", year=2023)
        >>> t.comparator.name, t.value, t.measure.name
        ('AT_LEAST', <Quantity(11.5, 'percent')>, 'GROWTH')
    """
    ident = context.pop("id", None)
    found, skipped = _parse(text, _context(deadline, lang, indicator, context))
    if len(found) != 1:
        if found:
            spans = [t.wording.in_language(t.wording.texts[0][0]) for t in found]
            raise TargetParseError(
                text, f"more than one target found ({'; '.join(spans)})", found=len(found)
            )
        refused = next((s.error for s in skipped if s.error is not None), None)
        if refused is not None:
            raise refused
        if skipped:
            raise TargetParseError(
                text, f"no target found: {skipped[0].reason}", span=skipped[0].span, found=0
            )
        raise TargetParseError(text, "no target found", found=0)
    target = found[0]
    if ident is not None:
        import attrs

        target = attrs.evolve(target, id=ident)
    return target
