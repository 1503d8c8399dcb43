"""Reading numbers as plans write them: "13,000", "1.3万", "145 billion", "一千三百".

The readers here are the number half of :func:`innovplan.units.parse_quantity`
and are importable, though private, for the phrase layer. Each takes the text
and a start index and returns what it read with the index where it stopped, or
``None`` when there is no number at that index. They scan forward once, with no
backtracking, so reading is linear in the length of the text.

Arithmetic is exact (:class:`fractions.Fraction`): "1.3万" is 13000, not
13000.000000000002. :func:`to_python_number` turns the exact value into an
``int`` where that is exact and a ``float`` otherwise.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from innovplan.errors import QuantityParseError

__all__ = [
    "ExactNumber",
    "normalise",
    "read_exact_number",
    "read_magnitude",
    "read_number",
    "skip_spaces",
    "to_python_number",
]

# Full-width forms (１２３，．％／) become ASCII, the ideographic space and
# no-break space a space, the minus sign a hyphen. One character maps to one
# character, so indices into the normalised text are indices into the original.
_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: 0x20, 0xA0: 0x20, 0x2212: 0x2D})

_SPACES = frozenset(" \t\n\r")

# Plan figures have a few digits; the caps keep hostile input cheap and keep
# values inside what a float or a printed int can hold.
_MAX_DIGITS = 300
_MAX_EXPONENT_DIGITS = 3
_MAX_CHINESE_NUMERAL = 64
_MAX_MAGNITUDE_WORDS = 4
_LARGEST_EXACT_FLOAT_INT = 2**53

_CJK_MAGNITUDES: dict[str, int] = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
}
_ENGLISH_MAGNITUDES: dict[str, int] = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    # Financial writing's abbreviations ("145 bn yuan", "3.2 mn people"):
    # otherwise the reading stopped at them and "145 bn yuan" was a plain 145.
    # "m" is left out: after a number it is also the metre.
    "bn": 10**9,
    "mn": 10**6,
}
# "百分之十" is "ten percent", not "a hundred ...": these prefixes are left for
# the quantity reader.
_PERCENT_PREFIXES = ("百分之", "千分之")

_CHINESE_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CHINESE_SMALL_UNITS: dict[str, int] = {
    "十": 10,
    "拾": 10,
    "百": 100,
    "佰": 100,
    "千": 1000,
    "仟": 1000,
}
_CHINESE_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CHINESE_POINT = "点"


class ExactNumber(NamedTuple):
    """A number read exactly.

    Attributes:
        value: The exact value.
        end: Index just after the number in the text.
        integral_text: The number was written without a decimal point or an
            exponent, so it stays an ``int`` however large it is.
    """

    value: Fraction
    end: int
    integral_text: bool


def normalise(text: str) -> str:
    """Return *text* with full-width digits, signs and spaces made ASCII.

    Indices are kept: the result has the same length as *text*.

    Example:
        >>> normalise("１２３，４５６％")
        '123,456%'
    """
    return text.translate(_TABLE)


def skip_spaces(text: str, pos: int) -> int:
    """Return the first index at or after *pos* that is not a space.

    Example:
        >>> skip_spaces("12   yuan", 2)
        5
    """
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos


def to_python_number(value: Fraction, *, integral_text: bool = False) -> int | float:
    """Return *value* as an ``int`` where that is exact, else as a ``float``.

    An integral value is an ``int`` when it was written as an integer or when a
    float would hold it exactly anyway; "1e300" stays the float ``1e300``.

    Raises:
        OverflowError: *value* is too large for a float.

    Example:
        >>> from fractions import Fraction
        >>> to_python_number(Fraction(13, 10) * 10_000)
        13000
        >>> to_python_number(Fraction(23, 2))
        11.5
    """
    if value.denominator == 1 and (integral_text or abs(value) <= _LARGEST_EXACT_FLOAT_INT):
        return value.numerator
    return float(value)


def read_magnitude(text: str, pos: int) -> tuple[int, int] | None:
    """Read magnitude words at *pos*: 万, 亿, 千万, 万亿, "thousand", "billion"...

    Consecutive words multiply ("万亿" is 1e12, "thousand million" 1e9). Spaces
    before an English word are skipped; *text* should have been through :func:`normalise`.

    Returns:
        ``(factor, end)``, or ``None`` when no magnitude word is at *pos*.

    Example:
        >>> read_magnitude("1.5万亿元", 3)
        (1000000000000, 5)
        >>> read_magnitude("145 billion yuan", 3)
        (1000000000, 11)
    """
    factor = 1
    words = 0
    end = pos
    while words < _MAX_MAGNITUDE_WORDS:
        step = _read_one_magnitude(text, end)
        if step is None:
            break
        factor *= step[0]
        end = step[1]
        words += 1
    return (factor, end) if words else None


def _read_one_magnitude(text: str, pos: int) -> tuple[int, int] | None:
    if pos < len(text) and text[pos] in _CJK_MAGNITUDES:
        if text.startswith(_PERCENT_PREFIXES, pos):
            return None
        return _CJK_MAGNITUDES[text[pos]], pos + 1
    start = skip_spaces(text, pos)
    end = start
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    # A word boundary after the word: "hundred_million_yuan" is a unit name.
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return None
    factor = _ENGLISH_MAGNITUDES.get(text[start:end].lower())
    return None if factor is None else (factor, end)


def _is_digit(text: str, pos: int) -> bool:
    return pos < len(text) and "0" <= text[pos] <= "9"


def _scan_digits(text: str, pos: int) -> int:
    while _is_digit(text, pos):
        pos += 1
    return pos


def _read_arabic(text: str, pos: int) -> ExactNumber | None:
    if not _is_digit(text, pos):
        return None
    end = _scan_digits(text, pos)
    digits = [text[pos:end]]
    # A group separator counts only before exactly three digits ("13,000"),
    # so that "1,2" stays a list of two numbers.
    while (
        end < len(text)
        and text[end] == ","
        and _scan_digits(text, end + 1) == end + 4
        and not _is_digit(text, end + 4)
    ):
        digits.append(text[end + 1 : end + 4])
        end += 4
    fraction = ""
    if end < len(text) and text[end] == "." and _is_digit(text, end + 1):
        stop = _scan_digits(text, end + 1)
        fraction = text[end + 1 : stop]
        end = stop
    exponent = 0
    has_exponent = False
    if end < len(text) and text[end] in "eE":
        sign_at = end + 1
        if sign_at < len(text) and text[sign_at] in "+-":
            sign_at += 1
        stop = _scan_digits(text, sign_at)
        if sign_at < stop <= sign_at + _MAX_EXPONENT_DIGITS:
            exponent = int(text[end + 1 : stop])
            has_exponent = True
            end = stop
    whole = "".join(digits)
    if len(whole) + len(fraction) > _MAX_DIGITS:
        raise QuantityParseError(text, pos, f"a number of more than {_MAX_DIGITS} digits")
    value = Fraction(int(whole + fraction), 10 ** len(fraction)) * Fraction(10) ** exponent
    return ExactNumber(value, end, integral_text=not fraction and not has_exponent)


def _read_chinese(text: str, pos: int) -> ExactNumber | None:
    """Read a Chinese numeral: 一千三百, 两万, 十一点五, 一百零五, 二〇二三."""
    if pos >= len(text) or not (text[pos] in _CHINESE_DIGITS or text[pos] in "十拾"):
        return None
    total = 0  # everything before the last 万 or 亿
    section = 0  # the part below 万 being read
    digit: int | None = None
    end = pos
    limit = min(len(text), pos + _MAX_CHINESE_NUMERAL)
    while end < limit:
        char = text[end]
        if char in _CHINESE_DIGITS:
            # Digits in a row read positionally ("二〇二三" is 2023); after 零
            # the next digit simply replaces the zero.
            digit = _CHINESE_DIGITS[char] + (10 * digit if digit is not None else 0)
        elif char in _CHINESE_SMALL_UNITS and not text.startswith(_PERCENT_PREFIXES, end):
            section += (1 if digit is None else digit) * _CHINESE_SMALL_UNITS[char]
            digit = None
        elif char in _CHINESE_BIG_UNITS:
            section += digit or 0
            digit = None
            if _CHINESE_BIG_UNITS[char] == 10**8:
                total = (total + section) * 10**8
            elif section:
                total += section * 10**4
            else:
                total *= 10**4  # "万亿", "亿万": the 万 scales what came before
            section = 0
        else:
            break
        end += 1
    value = Fraction(total + section + (digit or 0))
    if end + 1 < len(text) and text[end] == _CHINESE_POINT and text[end + 1] in _CHINESE_DIGITS:
        stop = end + 1
        decimals = []
        while stop < limit and text[stop] in _CHINESE_DIGITS:
            decimals.append(str(_CHINESE_DIGITS[text[stop]]))
            stop += 1
        value += Fraction(int("".join(decimals)), 10 ** len(decimals))
        return ExactNumber(value, stop, integral_text=False)
    return ExactNumber(value, end, integral_text=True)


def read_exact_number(text: str, pos: int, *, magnitudes: bool = True) -> ExactNumber | None:
    """Read a number at *pos* exactly; the building block of :func:`read_number`.

    Args:
        text: Text that has been through :func:`normalise` (full-width
            digits are not digits otherwise).
        pos: Where the number should start; spaces are not skipped.
        magnitudes: Also read magnitude words after the number ("1.3万",
            "145 billion"). Internal ones of a Chinese numeral ("一千三百万")
            are always read.

    Returns:
        The number, or ``None`` when none starts at *pos*.

    Raises:
        QuantityParseError: The number has more than 300 digits.

    Example:
        >>> read_exact_number("1.3万家", 0)
        ExactNumber(value=Fraction(13000, 1), end=4, integral_text=False)
    """
    sign = 1
    start = pos
    if pos < len(text) and text[pos] in "+-":
        sign = -1 if text[pos] == "-" else 1
        start = pos + 1
    number = _read_arabic(text, start) or _read_chinese(text, start)
    if number is None:
        return None
    value, end, integral_text = number.value * sign, number.end, number.integral_text
    if magnitudes and (scale := read_magnitude(text, end)) is not None:
        value *= scale[0]
        end = scale[1]
    return ExactNumber(value, end, integral_text)


def read_number(
    text: str, pos: int = 0, *, magnitudes: bool = True
) -> tuple[int | float, int] | None:
    """Read a number at *pos*: digits, separators, decimals, magnitude words, Chinese numerals.

    Full-width digits are read as digits. "百分之…" is not read: it is a
    percentage, see :func:`innovplan.units._parse.read_quantity`.

    Args:
        text: The text.
        pos: Where the number should start; spaces are not skipped.
        magnitudes: Also read magnitude words after the number.

    Returns:
        ``(value, end)``: the value as an ``int`` where exact, else a
        ``float``, and the index just after the number; ``None`` when no
        number starts at *pos*.

    Raises:
        QuantityParseError: The number has more than 300 digits or does not
            fit in a float.

    Example:
        >>> read_number("1.3万家")
        (13000, 4)
        >>> read_number("一千三百")
        (1300, 4)
        >>> read_number("１２，０００ people")
        (12000, 6)
        >>> read_number("about 5", 0) is None
        True
    """
    norm = normalise(text)
    number = read_exact_number(norm, pos, magnitudes=magnitudes)
    if number is None:
        return None
    try:
        value = to_python_number(number.value, integral_text=number.integral_text)
    except OverflowError:
        raise QuantityParseError(text, pos, "the number is too large") from None
    return value, number.end
