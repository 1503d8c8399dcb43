"""YAML scalars to Python values, by PyYAML's YAML 1.1 rules, minus what reads unlike it looks.

A plain (unquoted, untagged) scalar is resolved by the implicit rules of
PyYAML's ``Resolver`` (the same compiled patterns, looked up by the scalar's
first character): ``yes``/``no``/``on``/``off`` are booleans, ``~`` and
``null`` are None, numbers and ISO dates are read as such, everything else is
text. Then, as PyYAML's ``SafeConstructor`` would build it, except that what
YAML 1.1 reads silently and unlike it looks is refused: base-60 numbers
(``1:30`` is 90), octal numbers with a leading zero (``010`` is 8), numbers
longer than the digit limit or beyond a float's range, dates that are not
dates. A quoted scalar is text. An explicit tag may only be one of the
standard tags of values a document holds (``!!str``, ``!!int``, ``!!float``,
``!!bool``, ``!!null``, ``!!timestamp``, ``!!map``, ``!!seq``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any

from innovplan.io._safety import NumberRefusedError, read_float, read_int

if TYPE_CHECKING:
    from collections.abc import Callable

    from innovplan.io._safety import Limits

__all__ = [
    "BOOL",
    "FLOAT",
    "INT",
    "MAP",
    "NULL",
    "SEQ",
    "STR",
    "ScalarRefusedError",
    "implicit_tag",
    "plain",
    "resolvable",
    "tagged",
    "unknown_tag",
]

_TAG = "tag:yaml.org,2002:"
STR = _TAG + "str"
INT = _TAG + "int"
FLOAT = _TAG + "float"
BOOL = _TAG + "bool"
NULL = _TAG + "null"
TIMESTAMP = _TAG + "timestamp"
MAP = _TAG + "map"
SEQ = _TAG + "seq"

_KEYS = {_TAG + "merge": "merge key", _TAG + "value": "value key"}
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


class ScalarRefusedError(Exception):
    """A scalar the document may not hold; the reader adds its line and column.

    Example:
        >>> str(ScalarRefusedError("'010' is an octal number"))
        "'010' is an octal number"
    """


def unknown_tag(tag: str) -> ScalarRefusedError:
    """The refusal of a tag that is not one of the plain values' (``!!python/object``).

    Example:
        >>> str(unknown_tag("!custom"))
        "could not determine a constructor for the tag '!custom'"
    """
    # PyYAML's own words, which readers of its errors know.
    return ScalarRefusedError(f"could not determine a constructor for the tag {tag!r}")


@functools.cache
def _rules() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """PyYAML's implicit resolvers of the safe loader, by first character, in its order."""
    import yaml

    table: dict[str, list[tuple[str, re.Pattern[str]]]] = (
        yaml.resolver.Resolver.yaml_implicit_resolvers
    )
    return {first: tuple(rules) for first, rules in table.items()}


@functools.cache
def _timestamp() -> re.Pattern[str]:
    import yaml

    pattern: re.Pattern[str] = yaml.constructor.SafeConstructor.timestamp_regexp
    return pattern


def resolvable() -> frozenset[str]:
    """The first characters of the plain scalars that may be something other than text.

    A plain scalar starting with any other character is text; the reader
    skips :func:`plain` for it (most scalars of a plan are words).

    Example:
        >>> sorted(c for c in resolvable() if c.isalpha())
        ['F', 'N', 'O', 'T', 'Y', 'f', 'n', 'o', 't', 'y']
    """
    return frozenset(_rules())


def plain(value: str, limits: Limits) -> Any:
    """The value of a plain scalar: resolved by YAML 1.1's implicit rules, then built.

    Raises:
        ScalarRefusedError: The scalar reads unlike it looks, or is out of range.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> [plain(s, Limits()) for s in ("1450", "1.5", "yes", "~", "2023-12-31", "T8")]
        [1450, 1.5, True, None, datetime.date(2023, 12, 31), 'T8']
    """
    # Whole numbers, the most common numbers of a plan, need no pattern.
    if value.isdigit() and value.isascii() and (value[0] != "0" or len(value) == 1):
        return read(INT, value, limits)
    tag = implicit_tag(value)
    return value if tag == STR else read(tag, value, limits)


def implicit_tag(value: str) -> str:
    """The tag YAML 1.1 gives *value* written plain: PyYAML's resolver's first match.

    Example:
        >>> implicit_tag("1:30"), implicit_tag("yes"), implicit_tag("T8")
        ('tag:yaml.org,2002:int', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:str')
    """
    for tag, pattern in _rules().get(value[:1], ()):
        if pattern.match(value):
            return tag
    return STR


def tagged(tag: str, value: str, limits: Limits) -> Any:
    """The value of a scalar with an explicit tag (``!!str 010``, ``!!int "12"``).

    Raises:
        ScalarRefusedError: The tag is not one of the plain values', or the
            scalar is not a value of its tag.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> tagged("tag:yaml.org,2002:str", "010", Limits())
        '010'
    """
    if tag in (MAP, SEQ):
        kind = "mapping" if tag == MAP else "sequence"
        msg = f"expected a {kind} node, but found scalar"
        raise ScalarRefusedError(msg)
    if tag == TIMESTAMP:
        return _timestamp_of(value, limits, plain=False)
    return read(tag, value, limits)


def read(tag: str, value: str, limits: Limits) -> Any:
    """Build the value of a scalar of a known *tag*.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> read("tag:yaml.org,2002:float", "2.5e+3", Limits())
        2500.0
    """
    reader = _READERS.get(tag)
    if reader is None:
        if tag in _KEYS:  # plain << and = : YAML 1.1's merge and value keys
            msg = f"{value!r} is a {_KEYS[tag]} in YAML 1.1, which is not read"
            msg += ": write the keys out, or quote it"
            raise ScalarRefusedError(msg)
        raise unknown_tag(tag)
    return reader(value, limits)


def _str(value: str, limits: Limits) -> str:  # noqa: ARG001 (one signature for every reader)
    return value


def _null(value: str, limits: Limits) -> None:  # noqa: ARG001 (one signature for every reader)
    return None


def _bool(value: str, limits: Limits) -> bool:  # noqa: ARG001 (one signature for every reader)
    found = _BOOLS.get(value.lower())
    if found is None:
        msg = f"{value!r} is not a boolean (true or false, yes or no, on or off)"
        raise ScalarRefusedError(msg)
    return found


def _base60(value: str) -> ScalarRefusedError:
    msg = f"{value!r} is a base-60 number in YAML 1.1; quote it, or write it in base 10"
    return ScalarRefusedError(msg)


def _int(value: str, limits: Limits) -> int:
    if ":" in value:
        raise _base60(value)
    if _OCTAL.fullmatch(value):
        msg = f"{value!r} is an octal number in YAML 1.1; drop the leading zero, or quote it"
        raise ScalarRefusedError(msg)
    digits = value.replace("_", "")
    unsigned = digits.lstrip("+-")
    base = {"0x": 16, "0b": 2}.get(unsigned[:2], 10)
    if base != 10 and len(value) > limits.max_digits:  # written in base 16 or 2 on purpose
        reason = f"has more than {limits.max_digits} digits (max_digits)"
        raise ScalarRefusedError(str(NumberRefusedError(value, reason)))
    try:
        if base != 10:
            return (-1 if digits[:1] == "-" else 1) * int(unsigned[2:], base)
        return read_int(value, limits)
    except NumberRefusedError as exc:
        raise ScalarRefusedError(str(exc)) from None
    except ValueError:
        msg = f"{value!r} is not an integer"
        raise ScalarRefusedError(msg) from None


def _float(value: str, limits: Limits) -> float:
    if ":" in value:
        raise _base60(value)
    special = value.lower().replace("_", "")
    if special.lstrip("+-") in {".inf", ".nan"}:
        # Infinity and NaN are read as PyYAML reads them; the model refuses them
        # later, with their path.
        number = float(special.lstrip("+-")[1:])
        return -number if special[:1] == "-" else number
    try:
        return read_float(value, limits)
    except NumberRefusedError as exc:
        raise ScalarRefusedError(str(exc)) from None
    except ValueError:
        msg = f"{value!r} is not a number"
        raise ScalarRefusedError(msg) from None


def _timestamp_of(value: str, limits: Limits, *, plain: bool = True) -> dt.date:  # noqa: ARG001 (one signature for every reader)
    try:
        # A plain scalar was matched by the resolver's pattern: ten characters
        # are then YYYY-MM-DD, the usual date, read without another pattern.
        if plain and len(value) == 10:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        return _moment(value)
    except (ValueError, OverflowError) as exc:
        msg = f"{value!r} is not a date: {exc}"
        raise ScalarRefusedError(msg) from None


def _moment(value: str) -> dt.date:
    """A date, or a date and time, as PyYAML's ``construct_yaml_timestamp`` reads it."""
    match = _timestamp().match(value)
    if match is None:
        msg = "not written YYYY-MM-DD, or YYYY-MM-DD hh:mm:ss"
        raise ValueError(msg)
    part = match.groupdict()
    year, month, day = int(part["year"]), int(part["month"]), int(part["day"])
    if not part["hour"]:
        return dt.date(year, month, day)
    # Digits of the fraction beyond microseconds are dropped, as PyYAML does.
    fraction = int((part["fraction"] or "")[:6].ljust(6, "0"))
    tzinfo: dt.tzinfo | None = None
    if part["tz_sign"]:
        delta = dt.timedelta(hours=int(part["tz_hour"]), minutes=int(part["tz_minute"] or 0))
        tzinfo = dt.timezone(-delta if part["tz_sign"] == "-" else delta)
    elif part["tz"]:
        tzinfo = dt.UTC
    hour, minute, second = int(part["hour"]), int(part["minute"]), int(part["second"])
    return dt.datetime(year, month, day, hour, minute, second, fraction, tzinfo=tzinfo)


_READERS: dict[str, Callable[[str, Limits], Any]] = {
    STR: _str,
    NULL: _null,
    BOOL: _bool,
    INT: _int,
    FLOAT: _float,
    TIMESTAMP: _timestamp_of,
}
