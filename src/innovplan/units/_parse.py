"""Reading quantities from text: "1450亿元", "1.3万家", "30 patents per 10,000 people".

:func:`parse_quantity` is public. :func:`read_unit` and :func:`read_quantity` are
private but importable for the phrase layer: like the number readers of
``_numbers`` they take a start index, return what they read with the index
where they stopped, and scan forward once (linear time, no regular expressions).

A unit is read as ``term (op term)*`` where an op is ``*``, ``·``, ``/``,
"per" or 每, and a term is a unit word (``SYMBOLS``, ``ENGLISH_PHRASES``, a count
word of ``COUNT_WORDS`` with an optional noun, or a unit name of the registry
with an optional ``** n``, ``^n`` or ² exponent). After a division a number may
scale the term: "per 10,000 people", "/10万人".
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from innovplan.errors import (
    AmbiguousUnitError,
    QuantityParseError,
    RefusedUnitError,
    UnitError,
    UnitMismatchError,
)
from innovplan.units import _vocabulary as vocab
from innovplan.units._grammar import _SUPERSCRIPTS, _shown_any, did_you_mean, power_operand
from innovplan.units._numbers import (
    normalise,
    read_exact_number,
    read_magnitude,
    skip_spaces,
    to_python_number,
)
from innovplan.units._registry import Quantity, Unit, registry

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["parse_quantity", "read_quantity", "read_unit", "resolve_thing", "unit_within"]

# More factors than this is not a plan's unit; the cap keeps hostile input
# ("m*m*m*...") from costing pint one unit product per character.
_MAX_FACTORS = 8
_MAX_WORD = 64
_PERCENT_PREFIXES = {"百分之": "percent", "千分之": "permille"}
_WORD_OPS = {"per": "/"}
_BIG_MAGNITUDES = frozenset("万萬亿億")
_SMALL_MAGNITUDES = frozenset("十百千")
_SYMBOL_OPS = {"/": "/", "每": "/", "*": "*", "·": "*", "⋅": "*"}


class _Term(NamedTuple):
    unit: Unit
    end: int
    # Written as plan wording ("万人", "people") rather than as a registry
    # name: "30/万人" counts things, pint's "30 / person" does not.
    worded: bool


def resolve_thing(thing: str | None) -> str | None:
    """Return the registry's name of the countable *thing*, or ``None``.

    Raises:
        UnitError: *thing* is not one of the countable units.

    Example:
        >>> resolve_thing("laboratories")
        'laboratory'
    """
    if thing is None:
        return None
    given: object = thing
    if not isinstance(given, str):
        kind = type(thing).__name__
        msg = f"thing must be the name of a countable unit, got {kind} {_shown_any(thing)}"
        raise UnitError(msg)
    name = vocab.canonical_name(thing)
    if name not in vocab.THINGS:
        known = ", ".join(vocab.THINGS)
        msg = f"thing {thing!r} is not a countable unit; use one of {known}"
        raise UnitError(msg)
    return name


def _is_word_char(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isalnum() or text[pos] == "_")


def _read_word(text: str, pos: int) -> tuple[str, int] | None:
    """Read an ASCII identifier (a unit name as pint writes it)."""
    end = pos
    if end < len(text) and text[end].isascii() and (text[end].isalpha() or text[end] == "_"):
        end += 1
        while end < len(text) and text[end].isascii() and _is_word_char(text, end):
            end += 1
    return (text[pos:end], end) if end > pos else None


# Each table's entries by the first character of their key, in table order: a
# phrase asks the tables after every number, and most keys cannot start there.
_BY_FIRST: dict[int, tuple[Mapping[str, str], dict[str, tuple[tuple[str, str], ...]]]] = {}


def _by_first(table: Mapping[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    entry = _BY_FIRST.get(id(table))
    if entry is None or entry[0] is not table:
        index: dict[str, list[tuple[str, str]]] = {}
        for key, value in table.items():
            index.setdefault(key[:1], []).append((key, value))
        entry = (table, {first: tuple(items) for first, items in index.items()})
        _BY_FIRST[id(table)] = entry
    return entry[1]


def _match(table: Mapping[str, str], text: str, pos: int, *, fold: bool) -> tuple[str, int] | None:
    """Match the longest key of *table* at *pos*; words must end at a word boundary."""
    best: tuple[str, int] | None = None
    first = text[pos : pos + 1]
    for key, value in _by_first(table).get(first.lower()[:1] if fold else first, ()):
        end = pos + len(key)
        candidate = text[pos:end].lower() if fold else text[pos:end]
        if candidate != key or (best is not None and end <= best[1]):
            continue
        if key[-1].isascii() and key[-1].isalnum() and vocab.word_goes_on(text, end):
            continue
        best = (value, end)
    return best


def _read_exponent(text: str, pos: int) -> tuple[int, int] | None:
    if pos < len(text) and text[pos] in _SUPERSCRIPTS:
        return _SUPERSCRIPTS[text[pos]], pos + 1
    at = power_operand(text, pos)
    if at is None:
        return None
    sign = -1 if text.startswith("-", at) else 1
    start = at + 1 if sign < 0 else at
    end = start
    while end < len(text) and end < start + 2 and "0" <= text[end] <= "9":
        end += 1
    return (sign * int(text[start:end]), end) if end > start else None


def _check_thing(found: str, thing: str | None, text: str) -> None:
    if thing is not None and found in vocab.THINGS and found != thing:
        raise UnitMismatchError(found, thing, f"text {text!r}")


def _read_count_word(text: str, pos: int, thing: str | None, *, denominator: bool) -> _Term | None:
    default = vocab.COUNT_WORDS.get(text[pos : pos + 1])
    if default is None:
        return None
    # In "30件/万人" the thing counted is the caller's; a count word under a
    # division ("/10万人") means what it says.
    name = default if denominator or thing is None else thing
    end = pos + 1
    noun = _match(vocab.CHINESE_NOUNS, text, end, fold=False)
    if noun is not None:
        if not denominator:
            _check_thing(noun[0], thing, text)
        name, end = noun
    return _Term(vocab.unit(name), end, worded=True)


def _read_term(text: str, pos: int, thing: str | None, *, denominator: bool) -> _Term | None:  # noqa: C901, PLR0911 (one return per table, in the order they are matched)
    # "20 °C", "100亿度" match no table: no unit of a phrase, refused by parse_quantity.
    symbol = _match(vocab.SYMBOLS, text, pos, fold=False) or _match(
        vocab.WRITTEN_UNITS, text, pos, fold=False
    )
    if symbol is None and denominator:
        symbol = _match(vocab.PER_TIME, text, pos, fold=False)
    if symbol is not None:
        return _Term(vocab.unit(symbol[0]), symbol[1], worded=True)
    compatible = vocab.COMPATIBILITY_UNITS.get(text[pos : pos + 1])
    if compatible is not None:
        # ㎡ is m2: read as "m2" is, at this door too.
        try:
            inner = _read_term(compatible, 0, thing, denominator=denominator)
        except RefusedUnitError as exc:
            raise exc.located(text, pos) from None
        if inner is None or inner.end != len(compatible):
            return None
        return _Term(inner.unit, pos + 1, worded=inner.worded)
    counted = _read_count_word(text, pos, thing, denominator=denominator)
    if counted is not None:
        return counted
    phrase = _match(vocab.ENGLISH_PHRASES, text, pos, fold=True)
    if phrase is not None:
        return _Term(vocab.unit(phrase[0]), phrase[1], worded=True)
    word = _read_word(text, pos)
    if word is None or len(word[0]) > _MAX_WORD:
        return None
    try:
        name = vocab.canonical_name(word[0])
    except AmbiguousUnitError as exc:
        # Named as written: "KT" is refused as the "kt" it folds to.
        raise AmbiguousUnitError(word[0], exc.spellings, exc.reason, text, pos) from None
    if name is None:
        return None
    if not denominator:
        _check_thing(name, thing, text)
    unit, end = vocab.unit(name), word[1]
    exponent = _read_exponent(text, end)
    if exponent is not None:
        unit, end = cast("Unit", unit ** exponent[0]), exponent[1]
    # English plurals of countable nouns are plan wording ("per 10,000 people").
    return _Term(unit, end, worded=word[0] != name)


def _read_op(text: str, pos: int) -> tuple[str, int, bool] | None:
    """Read ``*``, ``/``, "per" or 每; the flag tells a word from a symbol."""
    if pos < len(text) and text[pos] in _SYMBOL_OPS and not text.startswith("**", pos):
        return _SYMBOL_OPS[text[pos]], pos + 1, text[pos] == "每"
    word = _read_word(text, pos)
    if word is not None and word[0].lower() in _WORD_OPS:
        return _WORD_OPS[word[0].lower()], word[1], True
    return None


def _per_capita(unit: Unit, number: Fraction) -> tuple[Unit, Fraction]:
    """Fold "10,000" of "per 10,000 people" into ``ten_thousand_person``."""
    people = vocab.PERSON_SCALES.get(str(unit))
    if people is None:
        return unit, number
    for name, size in vocab.PERSON_SCALES.items():
        if size == number * people:
            return vocab.unit(name), Fraction(1)
    return unit, number


class _Factor(NamedTuple):
    op: str
    unit: Unit
    number: Fraction
    worded: bool
    end: int
    # "1/2公顷": the "/" joined two numbers, and the unit follows the fraction.
    fraction: bool = False


def _read_factor(text: str, pos: int, thing: str | None) -> _Factor | None:
    op = _read_op(text, skip_spaces(text, pos))
    if op is None:
        return None
    at = skip_spaces(text, op[1])
    number = Fraction(1)
    if op[0] == "/" and (written := read_exact_number(text, at)) is not None:
        if written.value <= 0:
            return None
        number, at = written.value, skip_spaces(text, written.end)
    term = _read_term(text, at, thing, denominator=op[0] == "/")
    if term is None:
        return None
    fraction = (
        op[0] == "/" and not op[2] and number != 1 and str(term.unit) not in vocab.PERSON_SCALES
    )
    unit, number = _per_capita(term.unit, number)
    return _Factor(op[0], unit, number, op[2] or term.worded, term.end, fraction)


def read_unit(
    text: str, pos: int = 0, *, thing: str | None = None
) -> tuple[Unit, Fraction, int] | None:
    """Read a unit at *pos*, with any magnitude word before it.

    Spaces before the unit are skipped. A count word counts *thing* when given
    (家 counts enterprises otherwise); a per-capita phrase without a numerator
    ("per 10,000 people", "/万人") counts *thing*, or items.

    Args:
        text: The text.
        pos: Where to start reading.
        thing: The countable unit a count word counts.

    Returns:
        ``(unit, scale, end)``: multiply the number before the unit by the
        exact *scale* ("万家" is enterprises with scale 10000; "per 500
        people" is ``1 / person`` with scale 1/500); ``None`` when there is
        neither a unit nor a magnitude word at *pos*.

    Raises:
        UnitError: *thing* is not a countable unit.
        UnitMismatchError: The text names a thing other than *thing*.

    Example:
        >>> read_unit("1.3万家", 3)
        (<Unit('enterprise')>, Fraction(10000, 1), 5)
        >>> read_unit("30 patents per 10,000 people", 2)
        (<Unit('patent / ten_thousand_person')>, Fraction(1, 1), 28)
    """
    norm = normalise(text)
    return _read_unit(norm, pos, resolve_thing(thing))


def _read_unit(text: str, pos: int, thing: str | None) -> tuple[Unit, Fraction, int] | None:
    start = skip_spaces(text, pos)
    scale = Fraction(1)
    end = pos
    term = _read_term(text, start, thing, denominator=False)
    if term is None and (magnitude := read_magnitude(text, start)) is not None:
        cut = unit_within(text, start, magnitude[1])
        if cut is not None:
            # "12亿千瓦" is 12亿 kilowatts, not 12亿千 watts.
            magnitude = read_magnitude(text[:cut], start) or magnitude
        scale, end = Fraction(magnitude[0]), magnitude[1]
        term = _read_term(text, skip_spaces(text, end), thing, denominator=False)
    unit = None if term is None else term.unit
    end = end if term is None else term.end
    for _ in range(_MAX_FACTORS):
        factor = _read_factor(text, end, thing)
        if factor is None or (unit is None and factor.op == "*"):
            break
        if unit is None and factor.fraction:
            # "1/2公顷", "1/15 ha": half a hectare, a fifteenth of one, not "1 per 2
            # hectares"; "5/10万人" stays a rate per 100,000 people.
            unit, scale, end = factor.unit, scale / factor.number, factor.end
            continue
        if unit is None:
            counted = (thing or "item") if factor.worded else "dimensionless"
            unit = vocab.unit(counted)
        unit = unit * factor.unit if factor.op == "*" else unit / factor.unit
        scale /= factor.number
        end = factor.end
    if unit is None:
        return None if scale == 1 and end == pos else (vocab.unit("dimensionless"), scale, end)
    return unit, scale, end


def unit_within(text: str, start: int, end: int) -> int | None:
    """Where a unit word of ``SYMBOLS`` starts inside the number or magnitude at *start*..*end*.

    A 千, 百 or 十 right after 万 or 亿 starts no numeral ("一万千" is no way to
    write 11000) but may start a unit: "12亿千瓦" is 12亿 kilowatts, "3千万千克"
    3千万 kilograms.

    Example:
        >>> unit_within("12亿千瓦", 2, 4), unit_within("1.3万亿斤", 3, 5)
        (3, None)
    """
    for at in range(start + 1, end):
        if (
            text[at - 1] in _BIG_MAGNITUDES
            and text[at] in _SMALL_MAGNITUDES
            and _match(vocab.SYMBOLS, text, at, fold=False) is not None
        ):
            return at
    return None


def read_quantity(
    text: str, pos: int = 0, *, thing: str | None = None
) -> tuple[Quantity, int] | None:
    """Read a number and its unit at *pos*; the reader behind :func:`parse_quantity`.

    Args:
        text: The text.
        pos: Where the number starts (or 百分之).
        thing: The countable unit a count word counts.

    Returns:
        ``(quantity, end)``, or ``None`` when no number starts at *pos*. A unit
        written with its magnitude ("亿元") is kept as written.

    Raises:
        QuantityParseError: A number is malformed (too long, too large, or
            missing after 百分之).
        UnitError: *thing* is not a countable unit.
        UnitMismatchError: The text names a thing other than *thing*.

    Example:
        >>> read_quantity("超过1450亿元", 2)
        (<Quantity(1450, 'hundred_million_yuan')>, 8)
    """
    norm = normalise(text)
    thing = resolve_thing(thing)
    ureg = registry()
    for prefix, per in _PERCENT_PREFIXES.items():
        if norm.startswith(prefix, pos):
            number = read_exact_number(norm, pos + len(prefix))
            if number is None:
                raise QuantityParseError(text, pos + len(prefix), f"a number must follow {prefix}")
            value = _magnitude(text, pos, number.value, integral_text=number.integral_text)
            return ureg.Quantity(value, per), number.end
    number = read_exact_number(norm, pos, magnitudes=False)
    if number is None:
        return None
    cut = unit_within(norm, pos, number.end)
    if cut is not None:
        # "十二亿千瓦": the numeral is 十二亿, its unit 千瓦.
        number = read_exact_number(norm[:cut], pos, magnitudes=False) or number
    reading = _read_unit(norm, number.end, thing)
    unit, scale, end = reading or (vocab.unit("dimensionless"), Fraction(1), number.end)
    integral = number.integral_text and scale.denominator == 1
    value = _magnitude(text, pos, number.value * scale, integral_text=integral)
    return ureg.Quantity(value, unit), end


def _magnitude(text: str, pos: int, value: Fraction, *, integral_text: bool) -> int | float:
    try:
        return to_python_number(value, integral_text=integral_text)
    except OverflowError:
        raise QuantityParseError(text, pos, "the number is too large") from None


def _why_stopped(text: str, pos: int) -> str:
    if text[pos] == "." and pos + 1 < len(text) and "0" <= text[pos + 1] <= "9":
        return "a number has two decimal points"
    if text[pos] in "eE" and pos > 0 and "0" <= text[pos - 1] <= "9":
        return "the exponent is too large for a plan figure"
    end = pos
    while end < len(text) and end < pos + _MAX_WORD and text[end].isalpha():
        end += 1
    if end > pos:
        # The hint reads the word with its digits: "kilometre2" is offered km2.
        whole = end
        while whole < len(text) and whole < pos + _MAX_WORD and text[whole].isalnum():
            whole += 1
        return f"unknown unit {text[pos:end]!r}{did_you_mean(text[pos:whole])}"
    return f"unexpected {text[pos]!r}"


def parse_quantity(text: str, *, thing: str | None = None) -> Quantity:
    """Read a quantity, in Chinese or English, from *text*.

    Numbers may have group separators ("13,000", "13，000"), decimals, magnitude
    words (万, 亿, 千万, 万亿; thousand, million, billion) and be Chinese
    numerals ("一千三百", "十一点五"); full-width digits are read as digits.
    Units are the plan vocabulary of ``docs/units.md``. A unit written with
    its magnitude keeps it ("1450亿元" is 1450 ``hundred_million_yuan``); a
    magnitude word before any other unit scales the number ("1.3万家" is 13000
    ``enterprise``). pint's own ``str(q)`` reads back as *q*.

    Args:
        text: The quantity and nothing else (spaces around it are fine).
        thing: The countable unit a count word such as 家 counts, instead of
            the word's default (see ``COUNT_WORDS``).

    Returns:
        A quantity of :func:`registry`; its magnitude is an ``int`` where the
        value is a whole number a float would hold exactly, else a ``float``.

    Raises:
        QuantityParseError: *text* is not a quantity; the error names the
            position where reading stopped.
        UnitError: *thing* is not a countable unit.
        UnitMismatchError: The text names a thing other than *thing*.
        UnitError: *text* is not text.
        RefusedUnitError: The unit is a word the one rule for unit words
            refuses ("5 k", "500 myuan"; ``AmbiguousUnitError`` for "5 kt",
            "105 tons"), with where it stood and what to write instead.

    Example:
        >>> parse_quantity("1450亿元")
        <Quantity(1450, 'hundred_million_yuan')>
        >>> print(parse_quantity("1450亿元").to("yuan"))
        145000000000.0 yuan
        >>> parse_quantity("1.3万家")
        <Quantity(13000, 'enterprise')>
        >>> parse_quantity("1.3万家", thing="laboratory")
        <Quantity(13000, 'laboratory')>
        >>> parse_quantity("30 patents per 10,000 people")
        <Quantity(30, 'patent / ten_thousand_person')>
    """
    given: object = text
    if not isinstance(given, str):
        kind = type(given).__name__
        msg = f"parse_quantity reads text such as '1450亿元', got {kind} {_shown_any(text)}"
        raise UnitError(msg)
    norm = normalise(text)
    start = skip_spaces(norm, 0)
    try:
        result = read_quantity(norm, start, thing=thing)
    except QuantityParseError as exc:
        raise QuantityParseError(text, exc.position, exc.reason) from None
    except RefusedUnitError as exc:
        raise exc.located(text, exc.position) from None
    if result is None:
        reason = "the text is empty" if start == len(norm) else "expected a number"
        raise QuantityParseError(text, start, reason)
    quantity, end = result
    end = skip_spaces(norm, end)
    if end < len(norm):
        written = _written_unit(text, norm, start)
        if written is None:
            _refuse_word(text, norm, end)
            reason = _side_by_side(norm, start, end, quantity) or _why_stopped(norm, end)
            raise QuantityParseError(text, end, reason)
        return written
    return quantity


def _side_by_side(norm: str, start: int, end: int, quantity: Quantity) -> str | None:
    """Why a unit word right after the unit read stops the reading ("5 m2 a"), else ``None``."""
    word = _read_word(norm, end)
    number = read_exact_number(norm, start, magnitudes=False)
    if word is None or number is None or quantity.dimensionless:
        return None
    try:
        name = vocab.registry_name(word[0])
    except RefusedUnitError:
        return None
    if name is None:
        return None
    before = norm[skip_spaces(norm, number.end) : end].rstrip()
    return (
        f"unit {word[0]!r} stands beside {before!r}: join units with '*' or '/' "
        f"('{before} / {word[0]}' or '{before} * {word[0]}')"
    )


def _refuse_word(text: str, norm: str, pos: int) -> None:
    """Raise the unit rule's refusal of the word at *pos*, if it refuses it.

    "5 M patents" stops at "M" (pint: the molar), which the rule refuses with
    what a table means by it (a million): that says more than "unknown unit".
    """
    refused = vocab.refused_spelling_at(norm, pos)
    if refused is not None:
        raise vocab.refused_spelling(refused).located(text, pos)
    word = _read_word(norm, pos)
    if word is None or len(word[0]) > _MAX_WORD:
        return
    try:
        vocab.registry_name(word[0])
    except RefusedUnitError as exc:
        raise exc.located(text, pos) from None


def _written_unit(text: str, norm: str, start: int) -> Quantity | None:
    """A number and unit text as :func:`~innovplan.units.parse_unit` reads it, else ``None``.

    The phrase reader knows only the plan vocabulary, lest a word after a number
    in a sentence ("5 in 2025") be taken for a unit; a whole quantity's unit is
    read as every other door reads unit text ("5 Mt", "5 kilotonne"), under the
    one rule of :func:`~innovplan.units.registry_name`: a word that rule refuses
    ("5 k", "5 pc", "105 tons") raises its refusal, standing where it was written.
    """
    from innovplan.units._grammar import parse_unit

    number = read_exact_number(norm, start, magnitudes=False)
    if number is None or number.end == len(norm):
        return None
    at = skip_spaces(norm, number.end)
    written = norm[at:].rstrip()
    if _unit_words(_joined_phrases(written)) is None:
        return None
    try:
        unit = parse_unit(written)
    except RefusedUnitError as exc:
        raise exc.located(text, at + exc.position) from None
    except UnitError:
        return None
    value = _magnitude(text, start, number.value, integral_text=number.integral_text)
    return registry().Quantity(value, unit)


# The operators that join unit words in the grammar of ``parse_unit``.
_JOINS: Final = frozenset("*·⋅/每^")
_SIGNS: Final = "+-−"

# The vocabulary's phrases of several words, longest first ("tons of standard
# coal" before "metric tons").
_PHRASES: Final = sorted((p for p in vocab.ENGLISH_PHRASES if " " in p), key=len, reverse=True)


def _joined_phrases(text: str) -> str:
    """Write the vocabulary's phrases of several words ("metric tons") as one word."""
    for phrase in _PHRASES:
        if phrase in text:
            text = text.replace(phrase, vocab.ENGLISH_PHRASES[phrase])
    return text


def _unit_words(text: str) -> list[str] | None:
    """Return the words of unit *text*, or ``None`` if two stand side by side.

    pint reads "12 yuan yuan" as yuan², "5 yuan a year" as yuan·year² and
    "1.2 m people" as metre·person: a product is read only when written with an
    operator (``*``, ``/``, "per", 每), never from words juxtaposed. Numbers
    (exponents) and superscripts are no words.
    """
    words: list[str] = []
    joined = True
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace() or char in _JOINS:
            joined = joined or not char.isspace()
            i += 1
            continue
        if char in "()":
            if char == "(" and not joined:
                return None
            joined = char == "("
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _JOINS and text[j] not in "()":
            j += 1
        word = text[i:j].rstrip("²³")
        i = j
        if word.lower() == "per":
            joined = True
        elif word.lstrip(_SIGNS).isdigit():
            joined = False
        elif not joined:
            return None
        else:
            words.append(word)
            joined = False
    return words
