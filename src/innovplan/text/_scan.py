"""Scanning text: clauses, sentences, words, and the numbers that may be target values.

Every function here walks the text forward once. The quantity reader of
``innovplan.units`` is called on a bounded window after each number, so a long
text costs time in proportion to its length. No regular expression here can
backtrack: each is a single character class repeated.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from innovplan.errors import (
    AmbiguousUnitError,
    QuantityParseError,
    RefusedUnitError,
    TargetParseError,
    UnitError,
    UnreadUnitError,
)
from innovplan.text import _lexicon as lex
from innovplan.units import (
    COUNT_WORDS,
    REFUSED_SPELLINGS,
    SYMBOLS,
    normalise,
    parse_unit,
    read_exact_number,
    read_quantity,
    registry,
    registry_name,
    to_python_number,
)

if TYPE_CHECKING:
    from innovplan.units import Quantity, Unit

__all__ = [
    "MAX_NUMBERS",
    "Num",
    "Word",
    "clauses",
    "is_cjk",
    "numbers",
    "prepare",
    "sentences",
    "words",
]

# A quantity phrase ("1.2 million square meters", "30 patents per 10,000
# people") fits in this many characters; reading a window keeps each call cheap.
_WINDOW = 80
_MAX_DIGITS = 30
_MAX_TEXT = 200_000
# More numbers than this is a statistical table, not a plan's prose: reading
# stops with an error rather than taking seconds. Parse such a text a section
# at a time.
MAX_NUMBERS = 300

_OPEN = "(（[【〔"
_CLOSE = ")）]】〕"
_SENTENCE_ENDS = frozenset("。!?！？\n")
_CLAUSE_ENDS = frozenset(",;，；:：") | _SENTENCE_ENDS
_DASHES = frozenset("-–—~～")
# ㎡, ㎥, ㎍ …: the CJK compatibility characters for units, none a letter.
_UNIT_STARTS = frozenset("%‰/*·⋅²³°每") | frozenset(map(chr, range(0x3380, 0x3400)))
_CJK_DIGITS = frozenset("〇零一二两三四五六七八九十")
# A Chinese numeral with its magnitude words, and what may start a unit after
# it: anything else ("十四五", "一流") makes the numeral part of a word.
_CJK_RUN = _CJK_DIGITS | frozenset("百千万亿点")
_CJK_UNIT_STARTS = (
    frozenset(word[0] for word in SYMBOLS)
    | frozenset(COUNT_WORDS)
    | frozenset("岁大%‰/每")
    | frozenset(map(chr, range(0x3380, 0x3400)))
)
# After "N年", these make it a span of time ("1.5年内", "2.5年后"), not a value.
_SPAN_AFTER = frozenset("内后来间时")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# Words of the phrase grammar that pint also reads as units ("in" the inch,
# "at" the technical atmosphere, "a" the annum, "as" the attosecond, "are"
# 100 m²): after a number in a sentence they are the sentence's words, never
# its unit ("5 in 2025", "5 a year"). pint reads "unit(s)" as the micro-nit
# by its prefix rule, which no plan means: "5 units" is a count.
_PHRASE_WORDS = frozenset(
    {"a", "an", "are", "as", "at", "by", "in", "is", "of", "on", "or", "the", "to"}
    | {"and", "for", "from", "per", "than", "unit", "units"}
)
# "5 a year", "5 per year": a plain number a year. A target holds a level, a
# total, a change or a percent growth, not an amount a year, so the phrase is
# refused with the wordings it may take instead.
_A_YEAR = ("a year", "per year", "per annum", "a yr", "per yr")
_RATE_UNITS = frozenset({"item / year", "1 / year"})
_VOCABULARY_EXAMPLES = "tonne, 万吨, yuan, square meters, percent, patents … as docs/units.md lists"
_PLAN_UNITS = "write a unit of the plan vocabulary (" + _VOCABULARY_EXAMPLES + ")"
_VALID_UNITS = (
    _PLAN_UNITS + ", or make the target with "
    "innovplan.Target(value=innovplan.parse_quantity({quantity!r}), ...)"
)


class Word(NamedTuple):
    """An English word: its text in lower case and its span."""

    text: str
    start: int
    end: int


class Num(NamedTuple):
    """A number found in the text, read with its unit.

    Attributes:
        start: Where the number (or its opening bracket) starts.
        end: Where its unit (or closing bracket) ends.
        quantity: The number and its unit.
        kind: ``"value"`` (may be a target's value), ``"year"``, or
            ``"range_year"`` (a year that opens a range "2021—2025").
        bracket: Written as 〔N〕, the five-year cumulative change of plan tables.
        unit_written: A unit or count word followed the number.
        to: For a range "X—Y": the upper quantity.
        to_end: For a range: where the upper quantity ends.
        refused: Why the words after the number are a unit the phrase does
            not read ("3 Mt"); raised if the number is made a target.
    """

    start: int
    end: int
    quantity: Quantity
    kind: str
    bracket: bool = False
    unit_written: bool = False
    refused: UnreadUnitError | None = None


def prepare(text: str) -> str:
    """Return *text* normalised for scanning; indices are kept.

    Raises:
        QuantityParseError: The text is too long to be a plan (200,000 characters).
    """
    if len(text) > _MAX_TEXT:
        raise QuantityParseError(text[:80], _MAX_TEXT, "the text is too long to read")
    return normalise(text)


def is_cjk(ch: str) -> bool:
    """Tell whether *ch* is a CJK ideograph."""
    return "\u3400" <= ch <= "\u9fff"


def _is_point(norm: str, i: int) -> bool:
    """A "." that is a decimal point rather than the end of a sentence."""
    return 0 < i < len(norm) - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()


def _is_group(norm: str, i: int) -> bool:
    """A "," that separates thousands ("13,000") rather than clauses."""
    return (
        i > 0
        and norm[i - 1].isdigit()
        and norm[i + 1 : i + 4].isdigit()
        and len(norm[i + 1 : i + 4]) == 3
        and not norm[i + 4 : i + 5].isdigit()
    )


def _split(norm: str, ends: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(norm):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        sentence_end = ch in _SENTENCE_ENDS or (ch == "." and not _is_point(norm, i))
        if sentence_end:
            depth = 0  # an unclosed bracket does not swallow the rest of the text
        if (ch in ends and depth == 0 and not _is_group(norm, i)) or sentence_end:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(norm)))
    return [(s, e) for s, e in spans if e > s]


def clauses(norm: str) -> list[tuple[int, int]]:
    """Split at commas, semicolons and sentence ends outside brackets.

    Example:
        >>> clauses("a, b (c, d); e")
        [(0, 1), (2, 11), (12, 14)]
    """
    return _split(norm, _CLAUSE_ENDS)


def sentences(norm: str) -> list[tuple[int, int]]:
    """Split at sentence ends: 。 . ! ? and line breaks.

    Example:
        >>> sentences("Reach 1.5. Then 2.")
        [(0, 9), (10, 17)]
    """
    return _split(norm, _SENTENCE_ENDS)


def words(norm: str, start: int, end: int) -> list[Word]:
    """Return the English words of ``norm[start:end]``, in lower case, with their spans."""
    return [
        Word(m.group().lower().replace("’", "'").rstrip("-"), m.start(), m.end())
        for m in _WORD.finditer(norm, start, end)
    ]


def _digits_end(norm: str, i: int, end: int) -> tuple[int, int, int]:
    """Return where a run of digits, group commas and points ends, its digits and points."""
    j = i
    digits = points = 0
    while j < end:
        ch = norm[j]
        if "0" <= ch <= "9":
            digits += 1
        elif ch in ",." and j + 1 < end and "0" <= norm[j + 1] <= "9":
            points += ch == "."
        else:
            break
        j += 1
    return j, digits, points


def _is_date(norm: str, i: int) -> int:
    """Return the end of an ISO date (2023-01-31) or dotted date at *i*, else 0."""
    if i + 10 <= len(norm):
        s = norm[i : i + 10]
        if s[4] == s[7] and s[4] in "-./" and (s[:4] + s[5:7] + s[8:]).isdigit():
            return i + 10
    return 0


def _prev_word(norm: str, i: int) -> str:
    j = i
    while j > 0 and norm[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and norm[k - 1].isascii() and norm[k - 1].isalpha():
        k -= 1
    return norm[k:j].lower()


def _next_word(norm: str, i: int) -> str:
    j = i
    while j < len(norm) and norm[j] == " ":
        j += 1
    k = j
    while k < len(norm) and norm[k].isascii() and norm[k].isalpha():
        k += 1
    return norm[j:k].lower()


def _read(text: str, norm: str, i: int, prefix: str = "", skip: int = 0) -> tuple[Quantity, int]:
    """Read a quantity at *i* from a bounded window; *prefix* stands for *skip* characters."""
    window = prefix + norm[i + skip : i + skip + _WINDOW]
    try:
        result = read_quantity(window, 0)
    except QuantityParseError as exc:
        raise QuantityParseError(text, i + max(0, exc.position - len(prefix)), exc.reason) from None
    except AmbiguousUnitError as exc:
        raise exc.located(text, i + skip + exc.position - len(prefix)) from None
    if result is None:  # pragma: no cover - callers only read where a number starts
        raise QuantityParseError(text, i, "expected a number")
    q, end = result
    return q, i + skip + end - len(prefix)


def _unit_after(text: str, norm: str, at: int, q: Quantity) -> tuple[Quantity, int, bool]:
    """Read the unit written after a closing bracket: "〔5500〕万人" is 5500 万人."""
    start = at
    while at < len(norm) - 1 and norm[at] == " ":
        at += 1
    if norm[at] == "岁":
        return registry().Quantity(q.magnitude, "year"), at + 1, True
    if not (norm[at].isalpha() or norm[at] in _UNIT_STARTS):
        return q, start, False
    unit, end = _read(text, norm, at, prefix="1")
    if str(unit.units) == "dimensionless" and unit.magnitude == 1:
        return q, start, False
    return q.magnitude * unit, end, True


def _age_group(norm: str, i: int, end: int) -> bool:
    """Whether the number at *i*..*end* names an age group: "3岁以下婴幼儿", "children under 3"."""
    if norm[end - 1 : end] == "岁":
        k = end
        for word in ("及以下", "及以上", "以下", "以上"):
            if norm.startswith(word, k):
                k += len(word)
                break
        k += norm[k : k + 1] == "的"
        return k < len(norm) and is_cjk(norm[k]) and norm[k] not in "和及与并且或"
    prev = _prev_word(norm, i)
    if prev in {"aged", "ages"} or _next_word(norm, end) in {"old", "olds"}:
        return True
    if prev in {"under", "over", "below", "above", "of"}:
        k = i
        while k > 0 and norm[k - 1] == " ":
            k -= 1
        before = _prev_word(norm, k - len(prev))
        return before in lex.AGE_NOUNS_EN
    return False


_VOLTAGES = frozenset({"kilovolt", "volt"})


def _voltage_class(norm: str, end: int, q: Quantity) -> bool:
    """Whether a voltage ending at *end* names a class of lines: "10千伏线路", "220千伏变电站".

    Grid plans name lines and substations by their voltage class ("新建110千伏
    及以上线路3000公里"); the length or capacity after it is the value.
    """
    if not norm.endswith("伏", 0, end) or _unit_text(q.units) not in _VOLTAGES:
        return False  # the text first: formatting a unit costs more than a look
    k = _after_spaces(norm, end)
    for word in ("及以上", "及以下", "以上", "以下"):
        if norm.startswith(word, k):
            k += len(word)
            break
    k += norm[k : k + 1] == "的"
    return k < len(norm) and (is_cjk(norm[k]) or (norm[k].isascii() and norm[k].isalpha()))


def _dimensionless(q: Quantity) -> bool:
    """``q.dimensionless`` without converting *q* to root units: asked of every number."""
    return not q.units.dimensionality


@functools.lru_cache(maxsize=256)
def _unit_text(unit: Unit) -> str:
    """``str(unit)``, formatted once per unit: a text repeats its few units."""
    return str(unit)


@functools.lru_cache(maxsize=4096)
def _unit_name(word: str) -> str | None:
    """:func:`registry_name` of *word*, asked once per word: a plan repeats its words."""
    return registry_name(word)


@functools.lru_cache(maxsize=1024)
def _is_unit_word(word: str, low: str) -> bool:
    """Whether the plan vocabulary reads *word* as a unit ("people", "yuan"), not a phrase word."""
    if not word or low in _PHRASE_WORDS:
        return False
    try:
        found = read_quantity(f"1 {word}", 0)
    except (QuantityParseError, AmbiguousUnitError):
        return False
    return found is not None and not found[0].dimensionless


def _word_at(norm: str, at: int) -> tuple[str, int]:
    """The ASCII word starting at *at* after spaces, and its end."""
    while at < len(norm) and norm[at] == " ":
        at += 1
    k = at
    while k < len(norm) and norm[k].isascii() and (norm[k].isalpha() or norm[k] == "_"):
        k += 1
    return norm[at:k], at


def _unread_unit(
    text: str, norm: str, num: tuple[int, int], end: int, q: Quantity
) -> UnreadUnitError | None:
    """The refusal of a unit word the phrase vocabulary left after the number at *num*.

    The vocabulary reads the units of plans and stops at any other word, which
    is right for "5 in 2025" but would leave "3 Mt" a plain 3: a word that the
    registry reads as a unit, and that is not a word of the phrase grammar, is
    refused with what to write instead. The refusal is raised only if the
    number is made a target: a note such as "(29.3076 GJ a tonne)" in a
    document holds no target and does not stop the reading of the others.

    Returns:
        The error for a unit word, or for "a year" after a plain number;
        ``None`` when the number's unit was read.

    Raises:
        AmbiguousUnitError: The word is an ambiguous symbol ("kt"), as at
            every other door.
    """
    refused = (
        _refused_spelling(text, norm, end)
        or _unread_denominator(text, norm, end, q)
        or _bare_fraction(text, norm, num[0], end, q)
        or _unread_word_per(text, norm, end, q)
    )
    if refused is not None:
        return refused
    units = _unit_text(q.units)
    word, at = _word_at(norm, end)
    low = word.lower()
    rate = units in _RATE_UNITS and _next_word(norm, num[1]) in {"per", "a"}
    if units == "dimensionless" and low in {"a", "per"}:
        rate = any(norm.lower().startswith(w, at) for w in _A_YEAR)
        if rate:
            end = at + next(len(w) for w in _A_YEAR if norm.lower().startswith(w, at))
    if rate:
        number = norm[num[0] : num[1]]
        return UnreadUnitError(
            text,
            norm[num[1] : end].strip(),
            (
                "a plain number a year is not a target; write the level at the deadline "
                f"('reach {number} by 2025'), the growth in percent ('{number} % a year') "
                f"or what is counted ('{number} patents a year', the deadline year's total)"
            ),
            (at if units == "dimensionless" else num[1] + 1, end),
        )
    if units == "meter" and norm[num[1] : end].strip() == "m" and _is_unit_word(word, low):
        # "5 m people", "3 m yuan": financial writing's m for million, which the
        # vocabulary reads as the metre and the unit after it is dropped. A
        # metre before another unit is never meant ("5 m high", "5 m of road"
        # keep the metre).
        number = norm[num[0] : num[1]]
        return UnreadUnitError(
            text,
            f"m {word}",
            (
                f"'m' before {word!r} reads as the metre; write '{number} million {word}' "
                f"(or '{number} mn {word}'), or the length alone ('{number} m')"
            ),
            (num[1] + 1, at + len(word)),
        )
    if units != "dimensionless" or not word or low in _PHRASE_WORDS:
        return None
    if at + len(word) < len(norm) and norm[at + len(word)].isdigit():
        return None  # "CO2", "G20": a name, not a unit
    why = _why_unread(text, word, at, q)
    return None if why is None else UnreadUnitError(text, word, why, (at, at + len(word)))


# Letters glued to a number that name a thing, not a unit: "5G", "3D", "4K",
# "2nd", "29th". pint reads most of them (gauss, debye, kelvin, nanoday, thou)
# and refuses them; a glued word of three letters or more that it refuses
# ("18degC") is refused here as it is after a space. "1990s" and "in their
# 20s" are decades and ages, not seconds.
_GLUED_NAME = 2
_GLUED_PLURAL = "s"


def _glued_unit(text: str, norm: str, end: int, q: Quantity) -> tuple[UnreadUnitError, int] | None:
    """The refusal of a unit word glued to the number ending at *end* ("18oC", "18Mt"), and its end.

    ``None`` when the letters are a name or an unknown word ("5G", "3D", "29th",
    "10x"): the number is then no value, as before.

    Raises:
        AmbiguousUnitError: The word is an ambiguous symbol ("18kt"), as after a space.
    """
    refused = _refused_spelling(text, norm, end)
    if refused is not None:
        return refused, refused.span[1] if refused.span else end
    word, at = _word_at(norm, end)
    stop = at + len(word)
    if not word or word == _GLUED_PLURAL or (stop < len(norm) and norm[stop].isdigit()):
        return None  # "1990s", "5G2"-like names
    try:
        name = _unit_name(word)
    except AmbiguousUnitError as exc:
        raise exc.located(text, at) from None
    except RefusedUnitError:
        if len(word) <= _GLUED_NAME:
            return None
        name = word
    if name is None:
        return None
    why = _why_unread(text, word, at, q)
    return None if why is None else (UnreadUnitError(text, word, why, (at, stop)), stop)


def _bare_fraction(
    text: str, norm: str, start: int, end: int, q: Quantity
) -> UnreadUnitError | None:
    """The refusal of a fraction without a unit ("share at least 1/3"): it read as its numerator."""
    if norm[end : end + 1] != "/" or _unit_text(q.units) != "dimensionless":
        return None
    denominator = read_exact_number(norm, end + 1, magnitudes=False)
    if denominator is None or denominator.end == end + 1:
        return None
    fraction = norm[start : denominator.end]
    written = "its value"
    if denominator.value:
        share = q.magnitude / denominator.value
        written = f"its value ({float(share):.4g}) or the percent ({float(share * 100):.4g} %)"
    return UnreadUnitError(
        text,
        norm[end : denominator.end],
        f"a fraction without a unit, {fraction!r}, is not read as a target: write {written}",
        (end, denominator.end),
    )


# A Chinese unit word is one to three characters ("张", "分钟", "标准箱").
_CJK_WORD = 3
_AFTER_ZH = tuple(lex.AFTER_ZH)


def _unread_word_per(text: str, norm: str, end: int, q: Quantity) -> UnreadUnitError | None:
    """The refusal of a Chinese word the vocabulary did not read, before "/" or 每.

    "床位数达到7张/千人" and "通勤时间不超过40分钟/次" read as a plain 7 and 40:
    the unit and the rate after it were both dropped.
    """
    if not (end < len(norm) and is_cjk(norm[end])) or _unit_text(q.units) != "dimensionless":
        return None  # "10%以上/年": the percent is the unit, 以上 its comparator
    if norm.startswith(_AFTER_ZH, end):
        return None  # "5以上/年": a comparator, not a unit
    k = end
    while k < len(norm) and k - end < _CJK_WORD and is_cjk(norm[k]) and norm[k] != "每":
        k += 1
    if k == end or not norm.startswith(("/", "每"), k):
        return None
    start, stop = _denominator_word(norm, k + 1)
    if stop == start:
        return None
    if is_cjk(norm[start]):
        # The denominator's word, not the comparator after it: "/千人以上".
        while stop < len(norm) and stop - start < _CJK_WORD and is_cjk(norm[stop]):
            if norm[stop] in "以及和与的左内":
                break
            stop += 1
    word = norm[end:k]
    return UnreadUnitError(
        text,
        norm[end:stop],
        (
            f"{word!r} is not a unit target phrases read, and without it the rate "
            f"{norm[k:stop]!r} would be lost and {q.magnitude} a plain number: write a unit "
            f"of the plan vocabulary ({_VOCABULARY_EXAMPLES}) before the division"
        ),
        (end, stop),
    )


# "100 tonnes a day" is "100 tonnes per day". "a year" is not here: a yearly
# amount is the deadline year's total (the rate rule refuses a plain number a year).
_A_PERIOD = {"a day": "day", "a week": "week", "a month": "month", "an hour": "hour"}


def _a_period(norm: str, end: int, q: Quantity) -> tuple[Quantity, int]:
    """*q* divided by the period of "a day", "a week", "a month" or "an hour" after it."""
    at = _after_spaces(norm, end)
    if norm[at : at + 1] not in {"a", "A"} or _dimensionless(q):
        return q, end
    for words, period in _A_PERIOD.items():
        stop = at + len(words)
        if norm[at:stop].lower() == words and not norm[stop : stop + 1].isalpha():
            ureg = registry()
            return ureg.Quantity(q.magnitude, q.units / ureg.Unit(period)), stop
    return q, end


def _after_spaces(norm: str, at: int) -> int:
    while at < len(norm) and norm[at] == " ":
        at += 1
    return at


def _denominator_word(norm: str, at: int) -> tuple[int, int]:
    """Where the word after a division at *at* starts and ends, past a number that scales it.

    A word is ASCII letters, or one Chinese character ("/年", "每亩"): the
    unit of a Chinese phrase is named by its first character.
    """
    k = _after_spaces(norm, at)
    if (number := read_exact_number(norm, k)) is not None:
        # "5 kg/10 mu": a number may scale the denominator, as in "per 10,000 people".
        k = _after_spaces(norm, number.end)
    if k < len(norm) and is_cjk(norm[k]):
        return k, k + 1
    stop = k
    while stop < len(norm) and norm[stop].isascii() and (norm[stop].isalpha() or norm[stop] == "_"):
        stop += 1
    return k, stop


_YEAR_DENOMINATORS = frozenset({"年", "a", "yr", "year", "annum"})


def _unread_denominator(text: str, norm: str, end: int, q: Quantity) -> UnreadUnitError | None:
    """The refusal of a "/", "per" or 每 whose unit word the vocabulary did not read.

    The reader stops before "/s" of "5 m3/s" and "/mu" of "5 kg/mu": the quantity
    read (5 m³, 5 kg) is then a level where a rate or a yield was written. A
    plain number has no unit to lose, and "5 per year" after one is the rate
    refusal's.
    """
    at = _after_spaces(norm, end)
    if norm.startswith(("/", "每"), at):
        op_end = at + 1
    elif norm[at : at + 3].lower() == "per" and not norm[at + 3 : at + 4].isalpha():
        op_end = at + 3
    else:
        return None
    if _dimensionless(q):
        return None  # no unit to drop: "0.8 / 0.15 and", "5 per year" (the rate rule's)
    k, stop = _denominator_word(norm, op_end)
    denominator = norm[op_end:stop].strip()
    word = norm[k:stop].lower()
    if stop == k or word in _YEAR_DENOMINATORS or word in _PHRASE_WORDS:
        # "+1,000家/年", "5 patents a year": the deadline year's total, as
        # the rate rule reads a count a year.
        return None
    written = norm[end:stop].strip()
    number = read_exact_number(norm, _after_spaces(norm, op_end))
    scale = number.value if number is not None and number.value else 1
    return UnreadUnitError(
        text,
        written,
        (
            f"the unit after {norm[at:op_end]!r}, {denominator!r}, is not one target phrases "
            f"read, and without it {q.magnitude} {q.units} would be a level: "
            + _denominator_advice(q, norm[k:stop], scale)
        ),
        (at, stop),
    )


def _denominator_advice(q: Quantity, word: str, scale: Fraction | int) -> str:
    """What to write for a rate whose denominator *word* a phrase does not read.

    The call advised is one that reads: the denominator is asked of
    :func:`parse_unit` first ("5 m3/s" advises '5 meter ** 3 / second').
    """
    try:
        unit = parse_unit(word)
    except RefusedUnitError as exc:
        return f"the unit registry refuses {word!r} too: {exc.advice}"
    except UnitError:
        return _PLAN_UNITS
    magnitude = to_python_number(Fraction(str(q.magnitude)) / scale)
    return _VALID_UNITS.format(quantity=f"{magnitude} {q.units} / {unit}")


def _by_first_character() -> dict[str, tuple[str, ...]]:
    """The refused spellings by their first character, longest first ("° C" before "°")."""
    buckets: dict[str, list[str]] = {}
    for spelling in sorted(REFUSED_SPELLINGS, key=len, reverse=True):
        buckets.setdefault(spelling[0], []).append(spelling)
    return {first: tuple(spellings) for first, spellings in buckets.items()}


# Asked after every number: a look-up by the next character, not a loop over all.
_REFUSED_BY_FIRST = _by_first_character()


def _refused_spelling(text: str, norm: str, end: int) -> UnreadUnitError | None:
    """The refusal of a spelling the unit rule refuses at every door ("18℃", "100亿度")."""
    at = end
    while at < len(norm) and norm[at] == " ":
        at += 1
    for spelling in _REFUSED_BY_FIRST.get(norm[at : at + 1], ()):
        if not norm.startswith(spelling, at):
            continue
        after = norm[at + len(spelling) : at + len(spelling) + 1]
        if (
            spelling[-1].isascii()
            and spelling[-1].isalnum()
            and after.isascii()
            and (after.isalnum() or after == "_")
        ):
            continue  # "5 oCaml", "5 Celsiuses": another word
        reading, advice = REFUSED_SPELLINGS[spelling]
        why = advice
        if isinstance(reading, tuple):
            why = f"{advice}; write {' or '.join(repr(r) for r in reading)}"
        return UnreadUnitError(text, spelling, why, (at, at + len(spelling)))
    return None


def _why_unread(text: str, word: str, at: int, q: Quantity) -> str | None:
    """Why the registry's unit *word* after a number is not read, or ``None`` if no unit."""
    low = word.lower()
    try:
        name = _unit_name(word) or (_unit_name(low) if low != word else None)
    except AmbiguousUnitError as exc:
        raise exc.located(text, at) from None
    except RefusedUnitError as exc:
        # Refused at every door ("5 pc", "3 MT"): refused here too, with the
        # rule's reason, if the number is made a target.
        return (
            f"the unit registry reads it as {exc.reading} and refuses it: {exc.advice}; "
            f"target phrases read only the plan vocabulary ({_VOCABULARY_EXAMPLES})"
        )
    if name is None:
        return None
    return (
        f"the unit registry reads it as {name}, target phrases read only the plan "
        "vocabulary; " + _VALID_UNITS.format(quantity=f"{q.magnitude} {word}")
    )


def numbers(text: str, norm: str) -> list[Num]:  # noqa: C901, PLR0912, PLR0915 (one pass, one rule per branch)
    """Find the numbers of *norm* that may be values or years, in order.

    Dates, ordinals, numbers glued to words ("5G", "COVID-19"), per-capita
    scales ("per 10,000 people", "每万人") and counts of years ("5年") are left out.

    Raises:
        QuantityParseError: A number is malformed ("1.2.3万") or absurdly long.

    Example:
        >>> text = "in 2023 reach 30 per 10,000 people"
        >>> [(n.quantity.magnitude, n.kind) for n in numbers(text, text)]
        [(2023, 'year'), (30, 'value')]
    """
    out: list[Num] = []
    i = 0
    n = len(norm)
    ureg = registry()
    while i < n:
        if len(out) > MAX_NUMBERS:
            raise TargetParseError(
                text,
                f"more than {MAX_NUMBERS} numbers in one text; read it a section at a time",
                span=(out[-1].start, out[-1].end),
            )
        ch = norm[i]
        if "0" <= ch <= "9":
            j, digits, points = _digits_end(norm, i, n)
            if date_end := _is_date(norm, i):
                i = date_end
                continue
            if digits > _MAX_DIGITS:
                raise QuantityParseError(text, i, f"a number of more than {_MAX_DIGITS} digits")
            if points > 1:
                second = norm.index(".", norm.index(".", i) + 1)
                raise QuantityParseError(text, second, "a number has two decimal points")
            before = norm[i - 1] if i else " "
            glued = before.isascii() and (before.isalpha() or before == "_")
            glued = glued or (
                before in "-." and i > 1 and norm[i - 2].isascii() and norm[i - 2].isalpha()
            )
            prev = _prev_word(norm, i)
            if glued or prev in {"per", "no", "number"} or before in "每第" or prev in lex.MONTHS:
                i = j
                continue
            if before == "(" and j < n and norm[j] == ")":  # "(1)": a list number
                i = j + 1
                continue
            nxt = j
            while nxt < n and norm[nxt] == " ":
                nxt += 1
            if (
                nxt == n
                or not (norm[nxt].isalpha() or norm[nxt] in _UNIT_STARTS)
                or (nxt > j and _next_word(norm, j) in _PHRASE_WORDS - {"per"})
            ):
                # Nothing that can start a unit follows, or a word of the
                # phrase ("5 a year": not the annum): no need for the unit reader.
                exact = read_exact_number(norm, i, magnitudes=False)
                if exact is None:  # pragma: no cover - a digit starts a number
                    i += 1
                    continue
                q, end = (
                    ureg.Quantity(to_python_number(exact.value, integral_text=exact.integral_text)),
                    exact.end,
                )
            else:
                q, end = _read(text, norm, i)
                q, end = _a_period(norm, end, q)
            written = end > j
            if not written and end < n and norm[end] == "岁":
                q, end, written = ureg.Quantity(q.magnitude, "year"), end + 1, True
            if _age_group(norm, i, end) or _voltage_class(norm, end, q):
                # "3岁以下婴幼儿", "children under 3", "10千伏线路": who or what is
                # counted, not a value.
                i = end
                continue
            after = norm[end] if end < n else " "
            if not written and after.isascii() and after.isalpha() and end == j:
                glued_unit = _glued_unit(text, norm, end, q)
                if glued_unit is None:
                    i = j  # "5G", "3D", "29th"
                    continue
                out.append(Num(i, end, q, "value", refused=glued_unit[0]))
                i = glued_unit[1]
                continue
            if not written and (after in "月日号、" or _next_word(norm, end) in lex.MONTHS):
                i = end
                continue
            year = not written and digits == 4 and j - i == 4 and 1900 <= q.magnitude <= 2100
            if not year and not written and after == "年":
                if points and norm[end + 1 : end + 2] not in _SPAN_AFTER:
                    # "受教育年限提高到11.3年": a fraction of years is a duration.
                    q, end, written = ureg.Quantity(q.magnitude, "year"), end + 1, True
                else:
                    i = end + 1  # "5年": a span of years, not a value
                    continue
            bracket = before in "〔[" and after in "〕]"
            if bracket:
                # "〔13.5〕%", "〔5500〕万人", "〔1〕岁": the unit may follow the bracket.
                close = end + 1
                if not written and close < n:
                    q, close, written = _unit_after(text, norm, close, q)
                out.append(Num(i - 1, close, q, "value", bracket=True, unit_written=written))
                i = close
                continue
            if (
                year
                and after in lex_dashes()
                and end + 5 <= n
                and norm[end + 1 : end + 5].isdigit()
            ):
                out.append(Num(i, end, q, "range_year"))
                i = end + 1
                continue
            refused = None if year else _unread_unit(text, norm, (i, j), end, q)
            kind = "year" if year else "value"
            out.append(Num(i, end, q, kind, unit_written=written, refused=refused))
            i = end
        elif ch in _CJK_DIGITS and not (i and (norm[i - 1] in _CJK_DIGITS or norm[i - 1] == "第")):
            k = i
            while k < n and norm[k] in _CJK_RUN:
                k += 1
            follower = norm[k] if k < n else ""
            if not (
                follower in _CJK_UNIT_STARTS
                or (follower.isascii() and (follower.isalpha() or follower == " "))
                or _unit_inside(norm, i, k)
            ):
                # "十四五", "统一", "一流": no unit can follow, so no value; the
                # unit reader is not asked.
                i = k
                continue
            q, end = _read(text, norm, i)
            after = norm[end] if end < n else ""
            if _dimensionless(q) and after == "岁":
                q, end = ureg.Quantity(q.magnitude, "year"), end + 1
            elif _dimensionless(q) and after != "大":
                i = max(end, i + 1)
                continue
            out.append(Num(i, end, q, "value", unit_written=not _dimensionless(q)))
            i = max(end, i + 1)
        elif ch.isascii() and ch.isalpha():
            k = i
            while k < n and norm[k].isascii() and norm[k].isalpha():
                k += 1
            word = norm[i:k].lower()
            value = lex.NUMBER_WORDS.get(word)
            glued = (i and norm[i - 1].isalpha()) or (k < n and norm[k] in "-'")
            if value is not None and not glued and _next_word(norm, k) not in {"of", "another", ""}:
                q, end = _read(text, norm, i, prefix=str(value), skip=k - i)
                q, end = _a_period(norm, end, q)
                refused = _unread_unit(text, norm, (i, k), end, q)
                written = not _dimensionless(q)
                out.append(Num(i, end, q, "value", unit_written=written, refused=refused))
                i = max(end, k)
            else:
                i = k
        else:
            i += 1
    return out


def _unit_inside(norm: str, start: int, end: int) -> bool:
    """Whether a unit word starts inside the Chinese numeral run: the 千瓦 of "十二亿千瓦"."""
    return any(
        norm[at - 1] in "万亿" and norm[at] in "十百千" and norm.startswith(tuple(SYMBOLS), at)
        for at in range(start + 1, end)
    )


def lex_dashes() -> frozenset[str]:
    """The characters that join the two ends of a range: "2021—2025", "10-12%"."""
    return _DASHES | {"至", "到"}
