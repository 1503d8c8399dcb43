"""Percent and percentage points: a share, and a difference of two shares.

11.5 % is a share; going from 10 % to 11.5 % is a rise of 1.5 percentage
points, which is not 1.5 % (that would be a rise of 0.15 points). The registry
keeps the two apart as different dimensions; these functions cross between
them on purpose.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from innovplan.errors import UnitError
from innovplan.units._numbers import to_python_number
from innovplan.units._registry import Quantity, adopt, is_percent_like, registry

__all__ = ["percentage_points", "to_percent"]


def _percent_magnitude(q: Quantity, name: str) -> Any:
    if not is_percent_like(q):
        msg = f"percentage_points: {name} must be a share such as 11.5 percent, got {q.units}"
        raise UnitError(msg)
    return q.to("percent").magnitude


def _as_written(value: float) -> Fraction:
    # A float magnitude came from decimal text: subtract the decimals as
    # written, so that 11.6 % - 10.1 % is 1.5 points, not 1.4999999999999982.
    return Fraction(Decimal(repr(value)))


def percentage_points(a: Quantity, b: Quantity) -> Quantity:
    """Return *a* − *b* in percentage points, for two shares *a* and *b*.

    Whole and decimal magnitudes are subtracted as written, without float
    rounding.

    Args:
        a: A share (percent, permille, a plain ratio), from any pint registry.
        b: The share to subtract.

    Returns:
        A quantity in ``percentage_point``.

    Raises:
        UnitError: *a* or *b* is not a quantity, or not a share.

    Example:
        >>> from innovplan.units import registry
        >>> Q_ = registry().Quantity
        >>> percentage_points(Q_(11.6, "percent"), Q_(10.1, "percent"))
        <Quantity(1.5, 'percentage_point')>
    """
    first = _percent_magnitude(adopt(a, where="percentage_points"), "a")
    second = _percent_magnitude(adopt(b, where="percentage_points"), "b")
    numbers = (int, float)
    if isinstance(first, numbers) and isinstance(second, numbers):
        exact = _as_written(float(first)) - _as_written(float(second))
        integral = isinstance(first, int) and isinstance(second, int)
        return registry().Quantity(
            to_python_number(exact, integral_text=integral), "percentage_point"
        )
    return registry().Quantity(first - second, "percentage_point")


def to_percent(points: Quantity) -> Quantity:
    """Read a difference in percentage points as an amount in percent.

    This is the inverse of :func:`percentage_points`: 2 percentage points
    becomes 2 percent, for adding to a share the caller knows.

    Args:
        points: A quantity in percentage points, from any pint registry.

    Returns:
        The same number in ``percent``.

    Raises:
        UnitError: *points* is not a quantity in percentage points.

    Example:
        >>> from innovplan.units import registry
        >>> Q_ = registry().Quantity
        >>> Q_(10, "percent") + to_percent(Q_(1.5, "percentage_point"))
        <Quantity(11.5, 'percent')>
    """
    q = adopt(points, where="to_percent")
    if q.dimensionality != registry().percentage_point.dimensionality:
        msg = f"to_percent: expected percentage points, got {q.units}"
        raise UnitError(msg)
    return registry().Quantity(q.to("percentage_point").magnitude, "percent")
