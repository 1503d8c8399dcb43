"""Assertions for tests of code that uses innovplan."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from innovplan.units import Quantity

__all__ = ["assert_quantity_close"]


def assert_quantity_close(
    actual: Quantity,
    expected: Quantity,
    *,
    rtol: float = 1e-9,
    atol: float | Quantity = 0.0,
) -> None:
    """Assert that *actual* equals *expected* within tolerances, after unit conversion.

    ``|actual - expected| <= atol + rtol * |expected|``, with *actual* converted
    to the unit of *expected* first.

    Args:
        actual: The quantity computed.
        expected: The quantity wanted.
        rtol: Relative tolerance.
        atol: Absolute tolerance, a number in the unit of *expected* or a quantity.

    Raises:
        AssertionError: The units do not convert, or the values differ too much.

    Example:
        >>> from innovplan import Q_
        >>> assert_quantity_close(Q_(1450, "亿元"), Q_(1.45e11, "yuan"))
        >>> assert_quantity_close(Q_(1, "enterprise"), Q_(1, "yuan"))
        Traceback (most recent call last):
        ...
        AssertionError: 1 enterprise does not convert to yuan: ...
    """
    import pint

    from innovplan.units import adopt

    a, e = adopt(actual), adopt(expected)
    try:
        converted = a.to(e.units)
        tol = adopt(atol).to(e.units).magnitude if isinstance(atol, pint.Quantity) else atol
    except pint.DimensionalityError as exc:
        msg = f"{a.magnitude!r} {a.units} does not convert to {e.units}: {exc}"
        raise AssertionError(msg) from None
    got, want = float(converted.magnitude), float(e.magnitude)
    if not math.isclose(got, want, rel_tol=rtol, abs_tol=tol) and not (
        abs(got - want) <= tol + rtol * abs(want)
    ):
        msg = (
            f"{a.magnitude!r} {a.units} is not close to {e.magnitude!r} {e.units}: "
            f"{got!r} vs {want!r} {e.units} "
            f"(difference {got - want!r}, rtol={rtol}, atol={tol})"
        )
        raise AssertionError(msg)
