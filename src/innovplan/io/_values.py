"""Structure and unstructure hooks for the value types of documents.

Strict scalar hooks (a number is not silently a string), and the hooks of the
model's value types: dates, enums, wordings, periods, quantities and tuples.
Each hook refuses a value with an :class:`InvalidValueError` whose message says
what the value is (:func:`_kind`). The hooks are registered on the one
converter by :func:`innovplan.io._converter.converter`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast, get_args, get_origin

import pint
from cattrs.errors import IterableValidationError, IterableValidationNote

from innovplan.errors import InnovplanError, ModelError
from innovplan.io._errors import InvalidValueError, key_path, show, suggest
from innovplan.model import (
    Group,
    Period,
    Wording,
    checked_wording,
    detect_language,
    plain_wording,
    zoned_day,
)
from innovplan.units import make_quantity

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable, Iterable

    from cattrs import Converter

    from innovplan.units import Quantity, Unit

__all__ = ["quantity", "unstructure_quantity"]

_V = TypeVar("_V")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# An int beyond these has no float: the engine's columns would overflow.
_FLOAT_MAX = int(sys.float_info.max)
_FLOAT_MIN = -_FLOAT_MAX


# Values many places of a large document repeat (a deadline, a period, a
# unit) are read once and shared: dates, periods and units are immutable.
# Each table stops growing at _REMEMBERED entries.
_REMEMBERED = 4096
_DATES: dict[str, dt.date] = {}
_PERIODS: dict[str, Period] = {}
_UNITS: dict[str, Unit] = {}


def _remember(table: dict[str, _V], key: str, value: _V) -> _V:
    if len(table) < _REMEMBERED:
        table[key] = value
    return value


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "null"),
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "text"),
    (Mapping, "an object"),
    ((list, tuple), "a list"),
)


def _kind(value: object) -> str:
    """What a value of a document is, in words, for messages."""
    for kinds, name in _KINDS:
        if isinstance(value, kinds):
            return name
    return type(value).__name__


# -- scalar hooks --------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"expected text, got {_kind(value)} {show(value)}", "put it in quotes"
        )
    return value


def _structure_float(value: object, _: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number, got {_kind(value)} {show(value)}")
    try:
        return float(value)
    except OverflowError:
        raise InvalidValueError(f"{show(value)} is beyond the range of a 64-bit float") from None


def _structure_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return _zoned_date(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        if (known := _DATES.get(value)) is not None:
            return known
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidValueError(f"{show(value)} is not a date: {exc}") from None
        return _remember(_DATES, value, day)
    if isinstance(value, str) and (zoned := _zoned_text(value)) is not None:
        return zoned
    raise InvalidValueError(f"expected a date, got {_kind(value)} {show(value)}", _DATE_HINT)


_DATE_HINT = "write YYYY-MM-DD, or a date and time with its UTC offset (2024-01-01T07:00+08:00)"


def _zoned_date(value: dt.datetime) -> dt.date:
    """A date and time from YAML or TOML: its own calendar date when it has its UTC offset."""
    if value.utcoffset() is None:
        # Its clock could be UTC's or the publisher's, whose dates differ near midnight.
        raise InvalidValueError(
            f"expected a date, got a date and time without a UTC offset {show(value)}", _DATE_HINT
        )
    return value.date()  # the wall-clock date in its own zone: the publisher's day


def _zoned_text(value: str) -> dt.date | None:
    """The local date of date-and-time text with a UTC offset; None for other text."""
    try:
        return zoned_day(value)
    except ValueError as exc:
        raise InvalidValueError(str(exc)) from None


def _structure_enum(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    values = [str(m.value) for m in kind]
    members = {m.value: m for m in kind if isinstance(m.value, str)}

    def structure(value: object, _: object) -> enum.Enum:
        if isinstance(value, str) and value in members:
            return members[value]
        msg = f"{show(value)} is not one of {', '.join(values)}"
        raise InvalidValueError(msg, suggest(value, values) if isinstance(value, str) else "")

    return structure


def _structure_wording(value: object, _: object) -> Wording:
    # The common case first: every tag and text is text, no tag empty.
    if type(value) is dict and (plain := plain_wording(value)) is not None:
        return plain
    if isinstance(value, str):
        return checked_wording(value)
    if not isinstance(value, Mapping):
        msg = f"expected text or an object of language to text, got {_kind(value)}"
        raise InvalidValueError(msg, 'write "text" or {"en": "...", "zh": "..."}')
    for lang, text in value.items():
        if not isinstance(lang, str) or not lang:
            raise InvalidValueError(f"a language tag must be non-empty text, got {show(lang)}")
        if not isinstance(text, str):
            raise InvalidValueError(
                f"expected text, got {_kind(text)} {show(text)}", at=f"[{lang!r}]"
            )
    return checked_wording(value if type(value) is dict else dict(value))


def _structure_group(value: object, _: object) -> Group:
    if not isinstance(value, Mapping):
        msg = f"expected an object of dimension to code, got {_kind(value)}"
        raise InvalidValueError(msg, 'write {"sex": "F"} or {"region": "420100: Wuhan"}')
    try:
        return Group(value)
    except ModelError as exc:
        at = f".{exc.field}" if exc.field and exc.field in value else ""
        raise InvalidValueError(exc.message, at=at) from None


def _unstructure_group(value: Group) -> dict[str, str]:
    return value.to_dict()


def _structure_dimensions(value: object, _: object) -> tuple[str, ...]:
    # One dimension may be written as its name: every: region.
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list | tuple):
        msg = f"expected a dimension name or a list of them, got {_kind(value)}"
        raise InvalidValueError(msg, "write every: region")
    for i, name in enumerate(names):
        if not isinstance(name, str):
            msg = f"expected a dimension name, got {_kind(name)}"
            raise InvalidValueError(msg, at=f"[{i}]")
    return tuple(names)


def _unstructure_wording(value: Wording) -> str | dict[str, str]:
    # One text in the language it would be guessed as: write the plain string
    # (not an empty one: "" reads back as no text at all).
    if not value:
        return ""
    text = str(value)
    if len(value) == 1 and text and detect_language(text) == next(iter(value)):
        return text
    return dict(value.texts)


def _structure_period(value: object, _: object) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 9999:
            raise InvalidValueError(f"{show(value)} is not a year", "write a year from 1 to 9999")
        return Period.year(value)
    if isinstance(value, dt.date):  # a datetime is a date too
        return Period.at(_zoned_date(value) if isinstance(value, dt.datetime) else value)
    if isinstance(value, str):
        if (known := _PERIODS.get(value)) is not None:
            return known
        if (zoned := _zoned_text(value)) is not None:
            return Period.at(zoned)  # a stock at its publisher's day
        try:
            return _remember(_PERIODS, value, Period.parse(value))
        except InnovplanError as exc:
            raise InvalidValueError(str(exc).removeprefix("Period: ")) from None
    raise InvalidValueError(f"expected a period such as '2023' or '2023-H1', got {_kind(value)}")


# -- quantities ------------------------------------------------------------------


def quantity(value: object, unit: object) -> Quantity:
    """Build a quantity of innovplan's registry from a document's number and unit text.

    The unit is read by :func:`innovplan.units.parse_unit` (names, vocabulary
    words such as ``件/万人``, products, quotients and small powers); a number
    inside the unit (``"1e8 yuan"``, ``"0 yuan"``) is refused, with the scaled
    unit to write where there is one.

    Raises:
        InvalidValueError: The number or the unit is not acceptable.

    Example:
        >>> quantity(1450, "hundred_million_yuan")
        <Quantity(1450, 'hundred_million_yuan')>
        >>> quantity(30, "件/万人")
        <Quantity(30, 'patent / ten_thousand_person')>
    """
    from innovplan.units import parse_unit, registry

    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number, got {_kind(value)} {value!r}", at=".value")
    if isinstance(value, int) and not _FLOAT_MIN <= value <= _FLOAT_MAX:
        # str() of an int over 4,300 digits raises: count digits from bits.
        digits = int(value.bit_length() * math.log10(2)) + 1
        msg = f"the integer value is about 1e{digits - 1}, beyond a float's range"
        raise InvalidValueError(msg, "a plan figure is at most about 1.8e308", at=".value")
    if not math.isfinite(value):
        msg = f"a value must be a finite number, got {value!r}"
        raise InvalidValueError(msg, "NaN and infinity have no place in a plan", at=".value")
    if not isinstance(unit, str):
        raise InvalidValueError(f"expected a unit as text, got {_kind(unit)} {unit!r}", at=".unit")
    try:
        return registry().Quantity(value, parse_unit(unit))
    except InnovplanError as exc:
        raise InvalidValueError(str(exc), at=".unit") from None


def _known_unit_quantity(
    value: object, make: Callable[[float, Unit], Quantity] = make_quantity
) -> Quantity | None:
    """The quantity of ``{"value": <float or int>, "unit": <a unit read before>}``, else None.

    *make* is :func:`~innovplan.units.make_quantity` or a maker of
    :func:`~innovplan.units.quantity_maker` that a reader of many values asked for once.
    """
    if type(value) is not dict or len(value) != 2:
        return None
    number, unit = value.get("value"), value.get("unit")
    if type(unit) is not str or (known := _UNITS.get(unit)) is None:
        return None
    kind = type(number)
    if (kind is float and math.isfinite(number)) or (  # type: ignore[arg-type]
        kind is int and _FLOAT_MIN <= number <= _FLOAT_MAX  # type: ignore[operator]
    ):
        return make(number, known)  # type: ignore[arg-type]
    return None


def _structure_quantity(value: object, _: object) -> Quantity:
    if (common := _known_unit_quantity(value)) is not None:
        return common
    if isinstance(value, str):
        from innovplan.units import parse_quantity

        try:
            return parse_quantity(value)
        except InnovplanError as exc:
            raise InvalidValueError(str(exc), 'or write {"value": 1450, "unit": "亿元"}') from None
        except (pint.PintError, ValueError, TypeError, ArithmeticError) as exc:
            raise InvalidValueError(f"cannot read a quantity from {show(value)}: {exc}") from None
    if not isinstance(value, Mapping):
        msg = f"expected a quantity, got {_kind(value)} {show(value)}"
        raise InvalidValueError(msg, 'write {"value": 1450, "unit": "亿元"} or "1450亿元"')
    extra = sorted(set(value) - {"value", "unit"}, key=str)
    if extra:
        raise InvalidValueError(
            "unknown key", suggest(extra[0], ["value", "unit"]), at=key_path(extra[0])
        )
    for key in ("value", "unit"):
        if key not in value:
            raise InvalidValueError("required key missing", at=f".{key}")
    number, unit = value["value"], value["unit"]
    kind = type(number)
    in_range = (kind is int and _FLOAT_MIN <= number <= _FLOAT_MAX) or (
        kind is float and math.isfinite(number)
    )
    if in_range and type(unit) is str:
        return _shared_unit_quantity(number, unit)
    return quantity(number, unit)


def _shared_unit_quantity(number: float, unit: str) -> Quantity:
    """``quantity(number, unit)``, reading each unit text once (a Unit is immutable)."""
    known = _UNITS.get(unit)
    if known is not None:
        return make_quantity(number, known)
    result = quantity(number, unit)
    # A Unit is immutable: every quantity of the unit shares it.
    _remember(_UNITS, unit, cast("Unit", result.units))
    return result


def unstructure_quantity(q: Quantity) -> dict[str, Any]:
    """A quantity as the document writes it: its number exactly and its unit as it has it.

    Example:
        >>> from innovplan import Q_
        >>> unstructure_quantity(Q_(1450, "亿元"))
        {'value': 1450, 'unit': 'hundred_million_yuan'}
    """
    mag = q.magnitude
    # numpy scalars are not JSON, YAML or TOML numbers; Python's are, exactly.
    number = int(mag) if isinstance(mag, int) else float(mag)
    return {"value": number, "unit": format(q.units, "D")}


# -- sequences -------------------------------------------------------------------


def _is_tuple_of(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(conv: Converter) -> Callable[[Any], Callable[[object, object], tuple[Any, ...]]]:
    def factory(kind: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = get_args(kind)[0]
        item = conv.get_structure_hook(item_type)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            # A string is iterable; as a list of ids it would fall apart into letters.
            if not isinstance(value, list | tuple):
                raise InvalidValueError(f"expected a list, got {_kind(value)} {show(value)}")
            out: list[Any] = []
            errors: list[Exception] = []
            for i, element in enumerate(value):
                try:
                    out.append(item(element, item_type))
                except Exception as exc:  # noqa: BLE001 (collected: every problem is reported)
                    note = IterableValidationNote(f"Structuring {kind} @ index {i}", i, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {kind}", errors, kind)
            return tuple(out)

        return structure

    return factory


def _list_unstructurer(conv: Converter, item_type: Any) -> Callable[[Iterable[Any]], list[Any]]:
    item = conv.get_unstructure_hook(item_type)
    return lambda values: [item(v) for v in values]
