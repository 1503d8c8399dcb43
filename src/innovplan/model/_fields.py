"""Converters and validators shared by the model classes.

Each one names the object and field at fault when it refuses a value, so that a
user reads ``Target 'T8'.value: ...`` rather than a bare ``TypeError``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import sys
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from innovplan.errors import InnovplanError, ModelError
from innovplan.model._shown import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from innovplan.units import Quantity

__all__ = [
    "check_id",
    "check_unit",
    "enum_converter",
    "is_plain_quantity",
    "named_converter",
    "not_a_time",
    "owner_of",
    "quantity_converter",
    "to_date",
    "to_optional_date",
    "to_tuple",
    "zoned_day",
]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")
# Only the extended calendar form: date.fromisoformat also reads "20231231"
# and week dates ("2023-W01" is a Monday), which are not what a plan means.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A date and time with its UTC offset, as ISO 8601 and RFC 3339 write it:
# "2024-01-01T07:00+08:00", "2023-12-31 20:00:00.5-05:00", "2023-12-31T23:00Z".
# The offset may be whole hours, "+08" (ISO 8601-1:2019, 4.3.13), as
# datetime.fromisoformat and the SDMX TIME_PERIOD reader take it.
_ZONED = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r" ?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)",
    re.ASCII,
)
# The engine holds magnitudes as float64: an int beyond this has no float.
_FLOAT_MAX = int(sys.float_info.max)
# Negated once: -_FLOAT_MAX would make a new 1024-bit int on every test.
_FLOAT_MIN = -_FLOAT_MAX
# numpy datetime units that name a span longer than a day ("generic" is NaT's).
_COARSER_THAN_DAY = frozenset({"Y", "M", "W"})
# Ticks of each numpy datetime unit in a day, from a day down to attoseconds.
_TICKS_PER_DAY = {
    "D": 1,
    "h": 24,
    "m": 24 * 60,
    "s": 86_400,
    "ms": 86_400 * 10**3,
    "us": 86_400 * 10**6,
    "ns": 86_400 * 10**9,
    "ps": 86_400 * 10**12,
    "fs": 86_400 * 10**15,
    "as": 86_400 * 10**18,
}
_EPOCH = dt.date(1970, 1, 1).toordinal()
_FIRST_DAY = dt.date.min.toordinal()
_LAST_DAY = dt.date.max.toordinal()


def owner_of(instance: object) -> str:
    """Describe *instance* for error messages, by class and id when it has one."""
    name = type(instance).__name__
    ident = getattr(instance, "id", None)
    if ident is None:
        ident = getattr(instance, "indicator", None)
    return f"{name} {ident!r}" if isinstance(ident, str) else name


def check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse ids that are not short slugs (letters, digits, ``_ . : -``)."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ModelError(
            type(instance).__name__,
            attribute.name,
            f"an id is letters, digits and '_.:-', starting with a letter or digit; "
            f"got {shown(value)}",
        )


def check_unit(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse unit text that :func:`innovplan.units.parse_unit` does not read.

    Example:
        >>> from innovplan.model import Indicator
        >>> Indicator("p", "patents", unit="件/万人", measure="level").pint_unit
        <Unit('patent / ten_thousand_person')>
    """
    from innovplan.units import parse_unit  # pint loads with the first unit, not with the model

    try:
        parse_unit(value)  # type: ignore[arg-type]  # non-text is refused with a UnitError
    except InnovplanError as exc:
        raise ModelError(owner_of(instance), attribute.name, str(exc)) from None


def to_date(value: object) -> dt.date:
    """Read a date from a ``date``, a ``datetime`` or an ISO ``YYYY-MM-DD`` string.

    A datetime is read as its own calendar date (a zoned one in its zone), as
    is ISO text of a date and time with its UTC offset (see :func:`zoned_day`).

    A numpy ``datetime64`` of a day or a finer unit (a scalar or a 0-d array)
    is read as the calendar date it writes; ``NaT``, numpy's or pandas', is
    refused by name.

    Example:
        >>> to_date("2023-12-31"), to_date("2024-01-01T07:00+08:00")
        (datetime.date(2023, 12, 31), datetime.date(2024, 1, 1))
        >>> import numpy as np
        >>> to_date(np.datetime64("2023-01-29T23:30", "ns"))
        datetime.date(2023, 1, 29)
    """
    if not_a_time(value):
        msg = "expected a date, got NaT (a missing time); give a date such as '2023-01-29'"
        raise ModelError("", "", msg)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _is_datetime64(value):
        return _numpy_day(value)
    reason = ""
    if isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DAY.fullmatch(text):
                return dt.date.fromisoformat(text)
            day = zoned_day(text)
        except ValueError as exc:
            # zoned_day's reason ("no such time of day") says more than the form.
            day, reason = None, f" ({exc})" if _ZONED.fullmatch(text) else ""
        if day is not None:
            return day
    msg = (
        "expected a date (YYYY-MM-DD) or a date and time with its UTC offset, "
        f"got {shown(value)}{reason}"
    )
    raise ModelError("", "", msg)


def not_a_time(value: object) -> bool:
    """Whether *value* is ``NaT``: numpy's (a scalar or a 0-d array) or pandas'.

    Example:
        >>> import numpy as np
        >>> not_a_time(np.datetime64("NaT")), not_a_time(np.datetime64("2023-01-29"))
        (True, False)
    """
    if isinstance(value, dt.date):
        # pandas' NaT is a datetime, and the only one unequal to itself.
        return bool(value != value)  # noqa: PLR0124
    if not _is_datetime64(value):
        return False
    import numpy as np  # loaded already: value is one of its datetimes

    # isnat, not a cast to days: numpy cannot cast ps, fs or as to days at all.
    return bool(np.isnat(value))  # type: ignore[call-overload]  # a datetime64, checked above


def _is_datetime64(value: object) -> bool:
    # Read by duck type: the model does not import numpy for one kind of date.
    dtype = getattr(value, "dtype", None)
    return getattr(dtype, "kind", None) == "M" and getattr(value, "shape", None) == ()


def _numpy_day(value: Any) -> dt.date:
    import numpy as np  # loaded already: value is one of its datetimes

    unit, count = np.datetime_data(value.dtype)
    if unit in _COARSER_THAN_DAY:
        # "2023-06" as datetime64[M] is a month, not a day: as the text "2023-06" is refused.
        msg = (
            f"expected a date, got {value!r} of unit {unit!r}, coarser than a day; "
            "give a datetime64 of a day or finer (datetime64[D], [s], [ns])"
        )
        raise ModelError("", "", msg)
    per_day = _TICKS_PER_DAY.get(unit)
    if per_day is None:  # a unit numpy may add later
        msg = (
            f"expected a date, got {value!r} of unit {unit!r}; give a datetime64 of a "
            f"unit from a day to an attosecond ({', '.join(_TICKS_PER_DAY)})"
        )
        raise ModelError("", "", msg)
    # The instant as an exact Python int, floored to its day: numpy's own cast
    # to datetime64[D] wraps around int64 just above NaT (pandas' Timestamp.min
    # read as 2262) and cannot convert ps, fs or as at all.
    ticks = int(np.asarray(value).astype(np.int64)) * count
    ordinal = _EPOCH + ticks // per_day  # floor: a time before 1970 is its own day
    if not _FIRST_DAY <= ordinal <= _LAST_DAY:
        msg = f"expected a date in the years 1 to 9999, got {value!r}"
        raise ModelError("", "", msg)
    return dt.date.fromordinal(ordinal)


def zoned_day(text: str) -> dt.date | None:
    """The local calendar date of ISO date-and-time text with a UTC offset, else None.

    The text writes the wall clock of its own zone, so its local date is the
    date it writes: ``2024-01-01T07:00+08:00`` (Beijing, 2023-12-31 in UTC)
    is 2024-01-01, the publisher's own day. Text without an offset is not
    read here (None): its clock could be UTC's or the publisher's.

    Raises:
        ModelError: The text has the form but names a day, time or offset
            that does not exist (``2023-12-31T25:00+08:00``); a ``ValueError``
            too, as ``datetime.date.fromisoformat`` raises.

    Example:
        >>> zoned_day("2023-12-31T20:00-05:00"), zoned_day("2023-12-31T20:00")
        (datetime.date(2023, 12, 31), None)
        >>> zoned_day("2024-01-01T07:00+08")
        datetime.date(2024, 1, 1)
    """
    match = _ZONED.fullmatch(text)
    if match is None:
        return None
    day, hour, minute, second, off_hour, off_minute = match.groups()
    # Hour 24 is not read: ISO 8601 writes it only as the end of a day.
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 60:  # 60: a leap second
        msg = f"{text!r} has no such time of day; write hh:mm from 00:00 to 23:59"
        raise ModelError("", "", msg)
    if off_hour is not None and (int(off_hour) > 23 or int(off_minute or 0) > 59):
        msg = f"{text!r} has no such UTC offset; write one from -23:59 to +23:59"
        raise ModelError("", "", msg)
    try:
        return dt.date.fromisoformat(day)
    except ValueError as exc:
        msg = f"{text!r} is not a date: {exc}"
        raise ModelError("", "", msg) from None


def to_optional_date(value: object) -> dt.date | None:
    """As :func:`to_date`, letting ``None`` through.

    Example:
        >>> to_optional_date(None), to_optional_date("2023-12-31")
        (None, datetime.date(2023, 12, 31))
    """
    return None if value is None else to_date(value)


def to_tuple(value: object) -> tuple[Any, ...]:
    """Freeze a list (or any iterable but a string) into a tuple."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        msg = f"expected a sequence, got {type(value).__name__}"
        raise ModelError("", "", msg)
    return tuple(value)


@functools.cache
def _quantity_class() -> type[Any]:
    from innovplan.units import registry  # pint loads with the first quantity, not with the model

    kind: type[Any] = registry().Quantity
    return kind


def is_plain_quantity(value: object) -> bool:
    """Whether *value* is a quantity the model keeps as it is, with nothing to convert.

    A quantity of innovplan's registry whose magnitude is a finite float, or
    an int a float can hold: what :data:`quantity_converter` would return
    unchanged. The model's converters take this path first; anything else
    goes through the full conversion and its messages.

    Example:
        >>> from innovplan import Q_
        >>> is_plain_quantity(Q_(1450, "亿元")), is_plain_quantity(Q_(float("nan"), "yuan"))
        (True, False)
    """
    if type(value) is not _quantity_class():
        return False
    # pint's own field, which its magnitude property returns: read without
    # the property's call, as a loader asks this once per value.
    mag = value._magnitude  # type: ignore[attr-defined]  # noqa: SLF001
    kind = type(mag)
    if kind is float:
        finite: bool = mag - mag == 0.0  # False for inf and nan alone, as math.isfinite
        return finite
    return kind is int and _FLOAT_MIN <= mag <= _FLOAT_MAX


def _checked_quantity(value: object, where: str) -> Quantity:
    import pint  # pint loads with the first quantity, not with the model

    from innovplan.units import adopt, parse_quantity

    if isinstance(value, str):
        q = parse_quantity(value)
    elif isinstance(value, pint.Quantity):
        q = adopt(value, where=where)
    else:
        raise ModelError(where, "", f"expected a quantity with a unit, got {value!r}")
    mag = q.magnitude
    if isinstance(mag, int) and not isinstance(mag, bool) and abs(mag) > _FLOAT_MAX:
        # str() of an int over 4,300 digits raises: count digits from bits.
        digits = int(mag.bit_length() * math.log10(2)) + 1
        msg = f"a magnitude must fit a float (about 1.8e308 at most), got about 1e{digits - 1}"
        raise ModelError(where, "", msg)
    if isinstance(mag, bool) or not isinstance(mag, int | float):
        try:
            mag = float(mag)
        except (TypeError, ValueError):
            raise ModelError(
                where, "", f"a magnitude must be one real number, got {q.magnitude!r}"
            ) from None
        q = type(q)(mag, q.units)
    if not math.isfinite(mag):
        raise ModelError(where, "", f"a magnitude must be finite, got {mag!r}")
    return q


def _quantity(value: object, self_: object, field: attrs.Attribute[Any]) -> Quantity:
    if is_plain_quantity(value):
        return value  # type: ignore[return-value]
    where = f"{owner_of(self_)}.{field.name}"
    try:
        return _checked_quantity(value, where)
    except ModelError as exc:
        raise ModelError(owner_of(self_), field.name, exc.message) from None
    except InnovplanError as exc:
        raise ModelError(owner_of(self_), field.name, str(exc)) from exc


def _optional_quantity(
    value: object, self_: object, field: attrs.Attribute[Any]
) -> Quantity | None:
    return None if value is None else _quantity(value, self_, field)


quantity_converter = attrs.Converter(_quantity, takes_self=True, takes_field=True)
optional_quantity_converter = attrs.Converter(_optional_quantity, takes_self=True, takes_field=True)


_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")


def named_converter(convert: Callable[[object], _T]) -> attrs.Converter[Any, _T]:
    """An attrs converter through *convert* whose ``ModelError`` names the object and field.

    Example:
        >>> from innovplan.model import Goal
        >>> Goal("G1", 5)
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: Goal 'G1'.title: expected a str or a mapping ... got 5
    """

    def named(value: object, self_: object, field: attrs.Attribute[Any]) -> _T:
        try:
            return convert(value)
        except ModelError as exc:
            raise ModelError(owner_of(self_), field.name, exc.message) from None

    return attrs.Converter(named, takes_self=True, takes_field=True)


def enum_converter(kind: type[_E]) -> Any:
    """A converter to *kind* from a member or its value, naming the valid values on error.

    Example:
        >>> from innovplan.model import Comparator, Target
        >>> conv = enum_converter(Comparator)
        >>> conv.converter("about", None, attrs.fields(Target).comparator)
        <Comparator.ABOUT: 'about'>
    """

    def convert(value: object, self_: object, field: attrs.Attribute[Any]) -> _E:
        if isinstance(value, kind):
            return value
        if isinstance(value, str):  # every value of the model's enums is text
            try:
                return kind(value)
            except ValueError:
                pass
        valid = ", ".join(str(m.value) for m in kind)
        msg = f"{shown(value)} is not one of {valid}"
        raise ModelError(owner_of(self_), field.name, msg)

    return attrs.Converter(convert, takes_self=True, takes_field=True)
