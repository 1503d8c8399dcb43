"""The grammar of unit text: what a unit written in a file, a column or a call may be.

Every unit string from outside (an indicator's ``unit``, a document's
``{"value": 1, "unit": ...}``, a CSV or SDMX-CSV unit column, ``Q_(1, text)``,
``ArraySeries(unit=...)``) is read here and never by pint's expression
evaluator, which computes powers of numbers and so can be made to run for ever
(``"9**9**9"``). The registry hands its unit text to this reader too, so the
plan vocabulary's words (``件/万人``, ``立方米``, ``岁``) are units wherever a
unit is written::

    unit    := product
    product := factor (op factor)*
    op      := "*" | "·" | "⋅" | "/" | "per" | "每" | spaces (a product, as in pint)
    factor  := primary power?
    primary := "(" product ")" | word | "1" (only before a division: "1 / year")
    power   := ("**" | "^") ["+" | "-"] ("1" | "2" | "3") | "²" | "³"

A word is a name of the registry (``hundred_million_yuan``, ``patents``) or a
unit word of the vocabulary (``万人``, ``件``, ``立方米``, ``square meters``). The
reader scans forward once, in time linear in the length of the text, and
refuses text longer than :data:`MAX_UNIT_LENGTH`, a power beyond
:data:`MAX_POWER` (written or after combining, so that pint's ``str`` of every
accepted unit reads back), parentheses deeper than :data:`MAX_DEPTH`, and every
other number: a scaled unit has a name of its own (``ten_thousand_person``,
``hundred_million_yuan``), and a number that scales a value belongs in the value.
"""

from __future__ import annotations

import functools
import reprlib
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, NoReturn

from innovplan.errors import RefusedUnitError, UnitError
from innovplan.units import _vocabulary as vocab
from innovplan.units._numbers import normalise, skip_spaces

if TYPE_CHECKING:
    from innovplan.units._registry import Registry, Unit

__all__ = [
    "MAX_DEPTH",
    "MAX_POWER",
    "MAX_UNIT_LENGTH",
    "container",
    "context_expression",
    "did_you_mean",
    "parse_unit",
    "power_operand",
    "unit_powers",
]

#: The longest unit text read, in characters. Plan units are a few words;
#: ``patent / ten_thousand_person / year`` has 35 characters.
MAX_UNIT_LENGTH: Final = 200
#: The largest power of a unit, written (``m**3``) or after combining.
MAX_POWER: Final = 3
#: How deep parentheses may nest.
MAX_DEPTH: Final = 4

Powers = tuple[tuple[str, int], ...]

_MAX_WORD = 64
_OPS: Final = {"*": "*", "·": "*", "⋅": "*", "/": "/", "每": "/"}
_SUPERSCRIPTS: Final = {"²": 2, "³": 3}
_DIGITS: Final = frozenset("0123456789")
_NUMBER_STARTS: Final = frozenset("0123456789+-.")
_VALID: Final = (
    "a unit is names of innovplan's registry or words of its vocabulary "
    "(yuan, 亿元, patent / ten_thousand_person, 件/万人, meter ** 2) joined by '*', '/' "
    f"or spaces, with whole powers from -{MAX_POWER} to {MAX_POWER} and at most "
    f"{MAX_DEPTH} levels of parentheses"
)
# Scaled units of plan_units.txt by what they scale and how much: the name to
# suggest for "10000 * person" or "1e8 yuan".
_SCALED: Final[dict[tuple[Powers, int], str]] = {
    ((("yuan", 1),), 10**4): "ten_thousand_yuan",
    ((("yuan", 1),), 10**8): "hundred_million_yuan",
    ((("yuan", 1),), 10**12): "trillion_yuan",
    ((("meter", 2),), 10**4): "ten_thousand_square_meter",
    ((("square_meter", 1),), 10**4): "ten_thousand_square_meter",
    ((("person", 1),), 10**3): "thousand_person",
    ((("person", 1),), 10**4): "ten_thousand_person",
    ((("person", 1),), 10**5): "hundred_thousand_person",
    ((("person", 1),), 10**6): "million_person",
}
_SCALED_EXAMPLES: Final = "ten_thousand_yuan, hundred_million_yuan or ten_thousand_person"


def power_operand(text: str, pos: int) -> int | None:
    """Where a power's number starts after ``**`` or ``^`` at *pos*, else None.

    Spaces may stand on either side of the operator; a superscript (``m²``)
    is no operator and is read by the callers.

    Example:
        >>> power_operand("m ** 2", 1), power_operand("m^3", 1), power_operand("m2", 1)
        (5, 2, None)
    """
    at = skip_spaces(text, pos)
    if text.startswith("**", at):
        at += 2
    elif text.startswith("^", at):
        at += 1
    else:
        return None
    return skip_spaces(text, at)


class _RefusedError(Exception):
    """Internal: where reading stopped and why; turned into a UnitError."""

    def __init__(self, pos: int, reason: str, number: tuple[int, int] | None = None) -> None:
        super().__init__(pos, reason)
        self.pos = pos
        self.reason = reason
        self.number = number


def _word_at(text: str, pos: int) -> tuple[str, int] | None:
    """Read an ASCII identifier, as pint writes unit names."""
    end = pos
    if end < len(text) and text[end].isascii() and (text[end].isalpha() or text[end] == "_"):
        end += 1
        while end < len(text) and text[end].isascii() and (text[end].isalnum() or text[end] == "_"):
            end += 1
    return (text[pos:end], end) if end > pos else None


def _match(table: Any, text: str, pos: int, *, fold: bool) -> tuple[str, int] | None:
    """Match the longest key of *table* at *pos*; an English word must end at a word boundary."""
    best: tuple[str, int] | None = None
    for key, value in table.items():
        end = pos + len(key)
        if best is not None and end <= best[1]:
            continue
        candidate = text[pos:end].lower() if fold else text[pos:end]
        if candidate != key:
            continue
        if key[-1].isascii() and key[-1].isalnum() and vocab.word_goes_on(text, end):
            continue
        best = (value, end)
    return best


class _Reader:
    """One forward pass over unit text, building a name -> power mapping."""

    def __init__(self, text: str, ureg: Registry) -> None:
        self.text = text
        self.ureg = ureg
        self.pos = 0
        # The last word read, where it starts, and whether the op before the
        # next factor was a space: "EUR m" is checked as money writing.
        self.word: tuple[str, int, Powers] | None = None
        self.spaced = False
        # Right after "/" or "per": 日 of "万立方米/日" is the day there only.
        self.divided = False

    def fail(self, reason: str, pos: int | None = None) -> NoReturn:
        raise _RefusedError(self.pos if pos is None else pos, reason)

    def unit(self) -> dict[str, int]:
        powers = self.product(0)
        end = skip_spaces(self.text, self.pos)
        if end < len(self.text):
            self.fail(f"unexpected {self.text[end]!r}", end)
        for name, power in powers.items():
            if abs(power) > MAX_POWER:
                self.fail(f"{name} has the power {power}, beyond ±{MAX_POWER}", 0)
        return powers

    def product(self, depth: int) -> dict[str, int]:
        powers = self.factor(depth, first=True)
        while (op := self.op()) is not None:
            sign = 1 if op == "*" else -1
            before, spaced = self.word, self.spaced
            self.divided = op == "/"
            factor = self.factor(depth, first=False)
            self.divided = False
            if spaced:
                _check_money_m(self.text, before, self.word)
            for name, power in factor.items():
                total = powers.get(name, 0) + sign * power
                if total:
                    powers[name] = total
                else:
                    powers.pop(name, None)
        return powers

    def op(self) -> str | None:
        text, start = self.text, self.pos
        self.spaced = False
        at = skip_spaces(text, start)
        if at == len(text) or text[at] == ")":
            self.pos = at
            return None
        if text[at] in _OPS and not text.startswith("**", at):
            self.pos = at + 1
            return _OPS[text[at]]
        word = _word_at(text, at)
        if word is not None and word[0].lower() == "per":
            self.pos = word[1]
            return "/"
        if at > start:
            # "kilowatt hour": a space between two units multiplies, as in pint.
            self.pos = at
            self.spaced = True
            return "*"
        return self.fail(f"unexpected {text[at]!r}", at)

    def factor(self, depth: int, *, first: bool) -> dict[str, int]:
        powers = self.primary(depth, first=first)
        power = self.power()
        if power is not None:
            powers = {name: p * power for name, p in powers.items()}
            self.word = None  # "m²" is an area, whatever stands beside it
        return powers

    def power(self) -> int | None:
        text, pos = self.text, self.pos
        if pos < len(text) and text[pos] in _SUPERSCRIPTS:
            self.pos = pos + 1
            return _SUPERSCRIPTS[text[pos]]
        at = power_operand(text, pos)
        if at is None:
            return None
        sign = -1 if text.startswith("-", at) else 1
        at += 1 if at < len(text) and text[at] in "+-" else 0
        end = at
        while end < len(text) and text[end] in _DIGITS:
            end += 1
        stray = end < len(text) and (
            text[end].isalnum() or text[end] in ".^" or text.startswith("**", end)
        )
        if text[at:end] not in {"1", "2", "3"} or stray:
            self.fail(
                f"a power is a whole number from -{MAX_POWER} to {MAX_POWER} after '**' or '^'",
                at,
            )
        self.pos = end
        return sign * int(text[at:end])

    def primary(self, depth: int, *, first: bool) -> dict[str, int]:
        text = self.text
        at = self.pos = skip_spaces(text, self.pos)
        if at == len(text):
            self.fail(
                "a unit is missing at the end"
                if at
                else "the unit text is empty (a pure number's unit is 'dimensionless')"
            )
        self.word = None
        if text[at] == "(":
            if depth >= MAX_DEPTH:
                self.fail(f"parentheses nest deeper than {MAX_DEPTH}")
            self.pos = at + 1
            inner = self.product(depth + 1)
            close = skip_spaces(text, self.pos)
            if close == len(text) or text[close] != ")":
                self.fail("a '(' is not closed", at)
            self.pos = close + 1
            return inner
        if text[at] in _NUMBER_STARTS:
            return self.number(at, first=first)
        try:
            term = _read_term(text, at, self.ureg, denominator=self.divided)
        except RefusedUnitError as exc:  # an ambiguous symbol too
            raise exc.located(text, at) from None
        if term is None:
            self.fail(_unknown(text, at))
        self.pos = term[1]
        self.word = (text[at : term[1]], at, term[0])
        return dict(term[0])

    def number(self, at: int, *, first: bool) -> dict[str, int]:
        text = self.text
        end = at + 1 if text[at] in "+-" else at
        while end < len(text) and (text[end] in _DIGITS or text[end] == "."):
            end += 1
        if end < len(text) and text[end] in "eE":
            exp = end + 1 + (end + 1 < len(text) and text[end + 1] in "+-")
            if exp < len(text) and text[exp] in _DIGITS:
                end = exp
                while end < len(text) and text[end] in _DIGITS:
                    end += 1
        after = skip_spaces(text, end)
        ratio = after < len(text) and (
            text[after] in "/每" or _word_at(text, after) == ("per", after + 3)
        )
        if first and text[at:end] == "1" and ratio:
            # pint writes an inverse unit as "1 / year".
            self.pos = end
            return {}
        raise _RefusedError(at, "a unit holds no numbers", (at, end))


# Money writing's m, mn and bn: "EUR m" is a million euros, "m people" a
# million people (the Economist's style guide: "m" for million, "bn" for
# billion). pint reads "m" as the metre, and a metre times money or a count is
# never what a table means.
_MONEY_M: Final = "m"
_MONEY_M_ADVICE: Final = (
    "money writing's m beside {other!r} means million: write the million into the "
    "number ('5 million', 5000000) and {other!r} as the unit, or use a scaled unit "
    "such as hundred_million_yuan or million_person; a length is written alone ('5 m')"
)


def _check_money_m(
    text: str, before: tuple[str, int, Powers] | None, after: tuple[str, int, Powers] | None
) -> None:
    """Refuse an "m" juxtaposed with a currency or a count ("EUR m", "m people")."""
    if before is None or after is None:
        return
    for m, other in ((before, after), (after, before)):
        if m[0] == _MONEY_M and other[2] and all(n in vocab.plan_names() for n, _ in other[2]):
            advice = _MONEY_M_ADVICE.format(other=other[0])
            raise RefusedUnitError(m[0], "meter", advice, text, m[1])


def _unknown(text: str, at: int) -> str:
    word = _word_at(text, at)
    if word is None and text[at].isalpha():
        return (
            f"{text[at]!r} starts no unit word of innovplan's vocabulary (such as 亿元, 件, 万人)"
        )
    if word is None:
        return f"unexpected {text[at]!r}"
    name = word[0][:_MAX_WORD]
    return f"{name!r} is not known to innovplan's registry{did_you_mean(name)}"


def did_you_mean(word: str) -> str:
    """A " (did you mean ...?)" hint for the unknown unit *word*, or ``""``.

    Example:
        >>> did_you_mean("kilometre2")
        " (did you mean 'km2' or 'square_kilometre'?)"
    """
    close = vocab.suggestions(word)
    if not close:
        return ""
    quoted = [repr(c) for c in close]
    return f" (did you mean {' or '.join(quoted)}?)"


def _name(word: str, ureg: Registry) -> Powers | None:
    # The same lookup as parse_quantity's, so that a word reads alike at every door.
    name = vocab.registry_name(word, ureg)
    if name is None:
        return None
    return () if name == "dimensionless" else ((name, 1),)


def _vocabulary_unit(expression: str, ureg: Registry) -> Powers:
    # The vocabulary's units are registry names or simple products of them.
    if _word_at(expression, 0) == (expression, len(expression)):
        powers = _name(expression, ureg)
        if powers is not None:
            return powers
    return _read_powers(expression, ureg)


def _read_term(  # noqa: PLR0911 (one return per table, in the order they are matched)
    text: str, pos: int, ureg: Registry, *, denominator: bool = False
) -> tuple[Powers, int] | None:
    """Read one unit word: a vocabulary word or phrase, or a registry name."""
    refused = vocab.refused_spelling_at(text, pos)
    if refused is not None:
        raise vocab.refused_spelling(refused)
    symbol = _match(vocab.SYMBOLS, text, pos, fold=False)
    if symbol is None:
        symbol = _match(vocab.WRITTEN_UNITS, text, pos, fold=False)
    if symbol is None and denominator:
        symbol = _match(vocab.PER_TIME, text, pos, fold=False)
    if symbol is not None:
        return _vocabulary_unit(symbol[0], ureg), symbol[1]
    compatible = vocab.COMPATIBILITY_UNITS.get(text[pos])
    if compatible is not None:
        # ㎡ is m2: read, refused or unknown as "m2" is.
        try:
            return _read_powers(compatible, ureg), pos + 1
        except _RefusedError:
            return None
    thing = vocab.COUNT_WORDS.get(text[pos])
    if thing is not None:
        # A count word counts its default thing; a noun after it names another.
        noun = _match(vocab.CHINESE_NOUNS, text, pos + 1, fold=False)
        name, end = noun if noun is not None else (thing, pos + 1)
        return ((name, 1),), end
    phrase = _match(vocab.ENGLISH_PHRASES, text, pos, fold=True)
    if phrase is not None:
        return _vocabulary_unit(phrase[0], ureg), phrase[1]
    word = _word_at(text, pos)
    if word is None:
        return None
    powers = _name(word[0], ureg)
    return None if powers is None else (powers, word[1])


@functools.lru_cache(maxsize=4096)
def _read_powers(text: str, ureg: Registry) -> Powers:
    return tuple(sorted(_Reader(text, ureg).unit().items()))


_SHORT = reprlib.Repr()
_SHORT.maxstring = 80


def _shown(text: str) -> str:
    return _SHORT.repr(text)


def _shown_any(value: object) -> str:
    # str() of a 5,000-digit int raises, and so may a hostile __str__.
    try:
        return _shown(str(value))
    except Exception:  # noqa: BLE001 (the message must not fail in place of the error)
        return "(not shown)"


def _checked_text(text: object, max_length: int) -> str:
    if not isinstance(text, str):
        kind = type(text).__name__
        msg = f"a unit is text such as 'hundred_million_yuan', got {kind} {_shown_any(text)}"
        raise UnitError(msg)
    if len(text) > max_length:
        msg = f"unit {_shown(text)} is {len(text)} characters long; the limit is {max_length}"
        raise UnitError(msg)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            msg = (
                f"unit {_shown(text)} holds a lone surrogate at position {exc.start}: "
                "unit text must be valid Unicode"
            )
            raise UnitError(msg) from None
    return text


def _scaled_hint(text: str, span: tuple[int, int], ureg: Registry) -> str:
    """Name the scaled unit that "10000 * person" or "1e8 yuan" means, if there is one."""
    start, end = span
    token = text[start:end]
    mantissa, _, exponent = token.lower().partition("e")
    if len(token) > 24 or len(exponent.lstrip("+-")) > 2:
        return ""
    try:
        value = Fraction(token)
    except (ValueError, ZeroDivisionError):
        return ""
    after = skip_spaces(text, end)
    if after < len(text) and text[after] in "*·⋅":
        after += 1
    reader = _Reader(text, ureg)
    reader.pos = after
    try:
        unit = tuple(sorted(reader.factor(MAX_DEPTH, first=False).items()))
    except _RefusedError:
        return ""
    name = _SCALED.get((unit, int(value))) if value.denominator == 1 else None
    if name is None or not mantissa:
        return ""
    stop = reader.pos
    # "patent / (10000 * person)": the parentheses go with the number.
    before = start
    while before > 0 and text[before - 1] == " ":
        before -= 1
    close = skip_spaces(text, stop)
    if before > 0 and text[before - 1] == "(" and close < len(text) and text[close] == ")":
        start, stop = before - 1, close + 1
    return text[:start] + name + text[stop:]


def unit_powers(text: object, *, ureg: Registry, max_length: int = MAX_UNIT_LENGTH) -> Powers:
    """Read unit *text* as ``((name, power), ...)`` with names of *ureg*.

    Raises:
        UnitError: *text* is not a unit; the message says where and why.
    """
    checked = _checked_text(text, max_length)
    try:
        return _read_powers(normalise(checked), ureg)
    except _RefusedError as exc:
        where = f"{exc.reason} (at position {exc.pos})"
        if exc.number is not None:
            token = checked[exc.number[0] : exc.number[1]]
            where = f"a unit holds no numbers ({token!r} at position {exc.pos})"
            suggestion = _scaled_hint(normalise(checked), exc.number, ureg)
            if suggestion:
                msg = f"unit {_shown(checked)}: {where}; write {suggestion!r}"
            else:
                msg = (
                    f"unit {_shown(checked)}: {where}; put a number into the value, "
                    f"or use a scaled unit such as {_SCALED_EXAMPLES}"
                )
            raise UnitError(msg) from None
        msg = f"unit {_shown(checked)}: {where}; {_VALID}"
        raise UnitError(msg) from None


def context_expression(text: str) -> None:
    """Check the text of a pint context relation before pint evaluates it.

    Only the registry's contexts pass such text ("value / laboratory"); a power
    of numbers could take pint's evaluator for ever, so none is let through.

    Raises:
        UnitError: *text* is long or holds a power.
    """
    if len(text) > MAX_UNIT_LENGTH or "**" in text or "^" in text:
        msg = f"context relation {_shown(text)} is refused: relations hold no powers"
        raise UnitError(msg)


def parse_unit(text: str, *, max_length: int = MAX_UNIT_LENGTH) -> Unit:
    """Read unit text: a name, a vocabulary word or a product of them, as files write it.

    This is the one reader of unit text in innovplan: indicators, quantities
    in documents, CSV and SDMX-CSV unit columns and ``Q_(value, unit)`` all go
    through it. Each word is read by the one rule for unit words,
    :func:`~innovplan.units.registry_name`: the vocabulary, the vouched
    symbols and pint's full names; pint's other guesses ("k", the Boltzmann
    constant; "tons", the US short ton) are refused. See ``docs/units.md`` for
    the grammar, the rule and the limits.

    Args:
        text: The unit, such as ``"hundred_million_yuan"``, ``"件/万人"`` or
            ``"meter ** 2"``.
        max_length: The longest text read, in characters.

    Returns:
        A unit of :func:`innovplan.units.registry`.

    Raises:
        UnitError: *text* is not a unit (unknown word, a number, a power beyond
            ±3, unbalanced or deep parentheses, too long, not text).
        RefusedUnitError: A word is one the rule refuses; the message says
            where it stood, pint's reading and what to write instead
            (``AmbiguousUnitError`` for a symbol with two readings).

    Example:
        >>> from innovplan.units import parse_unit
        >>> parse_unit("件/万人")
        <Unit('patent / ten_thousand_person')>
        >>> parse_unit("patent / (10000 * person)")
        Traceback (most recent call last):
        ...
        innovplan.errors.UnitError: unit 'patent / (10000 * person)': a unit holds no numbers ('10000' at position 10); write 'patent / ten_thousand_person'
        >>> parse_unit("tons / year")
        Traceback (most recent call last):
        ...
        innovplan.errors.AmbiguousUnitError: unit 'tons' at position 0 of 'tons / year' is ambiguous: China's statistical yearbooks write it for the metric tonne (1,000 kg), pint reads the US short ton (907.18 kg); write 'tonne' or 'short_ton'
        >>> parse_unit("yuan / pc")
        Traceback (most recent call last):
        ...
        innovplan.errors.RefusedUnitError: unit 'pc' at position 7 of 'yuan / pc' is refused: pint reads it as parsec; write 'percent' for per cent, 'item' for pieces, 'parsec' for the length
    """  # noqa: E501 (a doctest's traceback is one line)
    from innovplan.units._registry import registry

    ureg = registry()
    powers = unit_powers(text, ureg=ureg, max_length=max_length)
    unit: Unit = ureg.Unit(container(ureg, powers, as_delta=ureg.default_as_delta))
    return unit


def container(ureg: Registry, powers: Powers, *, as_delta: bool) -> Any:
    """Return pint's units container for *powers*.

    pint's rule is kept: with *as_delta*, an offset unit (degC) raised to a
    power or inside a product is its difference unit (delta_degC).
    """
    many = len(powers) > 1
    out = ureg.UnitsContainer()
    for name, power in powers:
        offset = not ureg._units[name].is_multiplicative  # noqa: SLF001 (pint exposes no accessor)
        delta = as_delta and offset and (many or power != 1)
        out = out.add("delta_" + name if delta else name, power)  # type: ignore[arg-type]
    return out
