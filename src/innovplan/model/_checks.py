"""Type checks of the model's fields: each names the object, the field, what arrived and what fits.

A wrong type given to a model class (``weight="1"``, ``tolerance=0.05``,
``deadline=None``) is refused here with a :class:`~innovplan.errors.ModelError`
rather than surfacing later as a ``TypeError`` or ``AttributeError`` from deep
inside. The evaluation layer reuses :func:`shown` and :func:`real_number` for
its own arguments.

Example:
    >>> from innovplan import Q_
    >>> from innovplan.model import Comparator, Indicator, Measure, Target
    >>> ind = Indicator("x", "x", unit="item", measure=Measure.LEVEL)
    >>> Target("T1", ind, Comparator.AT_LEAST, Q_(5, "item"), "2023-12-31", weight="1")
    Traceback (most recent call last):
    ...
    innovplan.errors.ModelError: Target 'T1'.weight: a weight is a finite number ≥ 0 ...
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from innovplan.errors import ModelError
from innovplan.model._fields import (
    is_plain_quantity,
    not_a_time,
    owner_of,
    quantity_converter,
    to_date,
    to_tuple,
)
from innovplan.model._shown import shown

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "date_converter",
    "date_or_none",
    "flag_value",
    "instance_of",
    "items_of",
    "number_value",
    "optional_date_converter",
    "optional_instance_of",
    "optional_quantity_field",
    "quantity_field",
    "real_number",
    "shown",
    "text",
    "tuple_converter",
]


def real_number(value: object) -> float | None:
    """*value* as a float when it is a real number (not a bool, not a string), else None.

    Example:
        >>> real_number(2), real_number("2"), real_number(True)
        (2.0, None, None)
    """
    if type(value) is float:  # the common case, without the abstract class check below
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except (OverflowError, ValueError, TypeError):
        return math.inf if cast("float", value) > 0 else -math.inf


def number_value(value: object) -> float | None:
    """*value* as a float when it is one number, in any form a caller computes it, else None.

    As :func:`real_number`, and also a ``Decimal`` and a 0-d numpy array of
    integers or floats (``np.array(4)``, what ``arr.sum()`` of a 0-d array
    or a reduction with ``keepdims`` gives). For options read into a float,
    not for model fields, which keep what they are given.

    Example:
        >>> from decimal import Decimal
        >>> import numpy as np
        >>> number_value(Decimal("0.93")), number_value(np.array(4)), number_value(True)
        (0.93, 4.0, None)
    """
    x = real_number(value)
    if x is not None:
        return x
    if isinstance(value, decimal.Decimal):
        try:
            return float(value)  # huge ones are inf, and refused by the caller as such
        except ValueError:  # a signalling NaN
            return None
    if getattr(value, "shape", None) == () and _dtype_kind(value) in {"i", "u", "f"}:
        return real_number(value.item())  # type: ignore[attr-defined]  # a 0-d array
    return None


def flag_value(value: object) -> bool | None:
    """*value* as a flag: True or False, 1 or 0 (ints, as a config file or CLI gives), else None.

    numpy's bools and ints and 0-d arrays of them are read as they are; text,
    floats, and ints other than 0 and 1 are not flags (None).

    Example:
        >>> import numpy as np
        >>> flag_value(1), flag_value(np.False_), flag_value(np.array(True)), flag_value(2)
        (True, False, True, None)
        >>> flag_value("yes"), flag_value(1.0)
        (None, None)
    """
    if isinstance(value, bool):
        return value
    if getattr(value, "shape", None) == ():  # a numpy scalar or 0-d array
        kind = _dtype_kind(value)
        if kind == "b":
            return bool(value)  # a numpy bool
        if kind not in {"i", "u"}:
            return None
        value = value.item()  # type: ignore[attr-defined]  # a numpy int
    if isinstance(value, int) and value in {0, 1}:
        return value == 1
    return None


def _dtype_kind(value: object) -> str | None:
    # By duck type: the model does not import numpy for its options.
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind if isinstance(kind, str) else None


def _fail(instance: object, field: str, message: str) -> ModelError:
    return ModelError(_owner(instance), field, message)


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: the field is a string.

    Example:
        >>> from innovplan.model import Source
        >>> Source(None)
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: Source.title: expected text (a str), got None
    """
    if not isinstance(value, str):
        raise _fail(instance, attribute.name, f"expected text (a str), got {shown(value)}")


def instance_of(
    kind: type[Any], hint: str = ""
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator refusing anything but a *kind*, saying what would be valid.

    Example:
        >>> from innovplan.model import Target, Tolerance
        >>> check = optional_instance_of(Tolerance, "Tolerance(relative=0.05)")
        >>> check(None, attrs.fields(Target).tolerance, 0.05)
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: tolerance: expected a Tolerance such as ..., got 0.05
    """
    such = f" such as {hint}" if hint else ""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            msg = f"expected a{'n' if kind.__name__[0] in 'AEIOU' else ''} {kind.__name__}{such}"
            raise _fail(instance, attribute.name, f"{msg}, got {shown(value)}")

    return check


def optional_instance_of(
    kind: type[Any], hint: str = ""
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """As :func:`instance_of`, letting ``None`` through.

    Example:
        >>> from innovplan.model import Source
        >>> optional_instance_of(Source)(None, None, None)
    """
    inner = instance_of(kind, hint)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check


def _owner(instance: object) -> str:
    # During conversion the instance is half built: its id may not be set yet.
    return owner_of(instance) if instance is not None else ""


def date_or_none(value: object) -> dt.date | None:
    """The date *value* stands for (as :func:`to_date` reads it), else None.

    Example:
        >>> date_or_none("2023-12-31"), date_or_none(20231231)
        (datetime.date(2023, 12, 31), None)
    """
    try:
        return to_date(value)
    except ModelError:
        return None


def _date(value: object, instance: object, field: attrs.Attribute[Any]) -> dt.date:
    if type(value) is dt.date:
        return value
    day = date_or_none(value)
    if day is None:
        msg = (
            "expected a date (a datetime.date, 'YYYY-MM-DD', or a date and time with its "
            f"UTC offset such as '2024-01-01T07:00+08:00'), got {shown(value)}"
        )
        raise ModelError(_owner(instance), field.name, msg)
    return day


def _optional_date(value: object, instance: object, field: attrs.Attribute[Any]) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    if not_a_time(value):
        # Refused, not read as None: NaT in a constructor is most often a missing
        # value that slipped through, as it is refused for as_of. A table's
        # empty date cell is another matter: it reads as None there.
        msg = f"expected a date or None, got {shown(value)}, a missing time: give None for no date"
        raise ModelError(_owner(instance), field.name, msg)
    return _date(value, instance, field)


def items_of(value: object) -> tuple[Any, ...] | None:
    """*value*'s items as a tuple when it is a collection (not text, not a mapping), else None.

    Example:
        >>> items_of([1, 2]), items_of("12"), items_of(3)
        ((1, 2), None, None)
    """
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        return None
    try:
        return tuple(value)
    except TypeError:  # a scalar pint Quantity says it is iterable, and is not
        return None


def _tuple(value: object, instance: object, field: attrs.Attribute[Any]) -> tuple[Any, ...]:
    if type(value) is tuple:
        return value
    try:
        items = items_of(value)
        if items is None:
            raise ModelError("", "", "")  # noqa: TRY301 (one message below)
        return to_tuple(items)
    except ModelError:
        msg = f"expected a list or tuple, got {shown(value)}"
        raise ModelError(_owner(instance), field.name, msg) from None


date_converter = attrs.Converter(_date, takes_self=True, takes_field=True)
optional_date_converter = attrs.Converter(_optional_date, takes_self=True, takes_field=True)
tuple_converter = attrs.Converter(_tuple, takes_self=True, takes_field=True)


def _quantity(value: object, instance: object, field: attrs.Attribute[Any]) -> Any:
    if is_plain_quantity(value):
        return value
    import pint

    if not isinstance(value, str | pint.Quantity):
        msg = (
            "expected a quantity with a unit (a Quantity or text such as '1450亿元'), "
            f"got {shown(value)}"
        )
        raise ModelError(_owner(instance), field.name, msg)
    return quantity_converter.converter(value, instance, field)  # type: ignore[attr-defined]


def _optional_quantity(value: object, instance: object, field: attrs.Attribute[Any]) -> Any:
    if is_plain_quantity(value):
        return value
    return None if value is None else _quantity(value, instance, field)


quantity_field = attrs.Converter(_quantity, takes_self=True, takes_field=True)
"""The model's quantity converter, refusing other types first with the value shown safely."""
optional_quantity_field = attrs.Converter(_optional_quantity, takes_self=True, takes_field=True)
