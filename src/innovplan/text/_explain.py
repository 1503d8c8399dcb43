"""One line per target that a person can check against the plan's words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from innovplan.model import Basis, Comparator, Direction
from innovplan.units import short_form

if TYPE_CHECKING:
    from innovplan.model import Target
    from innovplan.units import Quantity

__all__ = ["explain"]

_DIRECTION = {
    Direction.INCREASE: "higher is better",
    Direction.DECREASE: "lower is better",
    Direction.NEAR: "closer is better",
}


def _number(value: Any, *, signed: bool) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"+{text}" if signed and value > 0 else text


def _quantity(q: Quantity, *, signed: bool = False) -> str:
    if str(q.units) == "dimensionless":
        unit = ""
    elif str(q.units) == "year":
        unit = " year" if abs(q.magnitude) == 1 else " years"  # pint's symbol is "a"
    else:
        unit = f" {short_form(q.units)}"
    return f"{_number(q.magnitude, signed=signed)}{unit}"


def explain(target: Target) -> str:
    """Describe *target* in one line: indicator, comparator, value, deadline, measure, direction.

    The indicator is named in English where it has an English name. A
    direction the phrase did not state is marked "assumed".

    Args:
        target: Any target, parsed or built.

    Returns:
        The line.

    Example:
        >>> from innovplan.text import parse_target
        >>> explain(parse_target("技术合同成交额突破1450亿元", year=2023))
        'technology contract turnover > 1450 亿元 by 2023-12-31 (FLOW, higher is better)'
    """
    from innovplan.text._target import ASSUMED_DIRECTION

    name = target.indicator.name.in_language("en")
    signed = target.basis in {Basis.CHANGE, Basis.PERCENT_CHANGE}
    if target.comparator is Comparator.BETWEEN and target.upper is not None:
        lower = _quantity(target.value, signed=signed)
        value = f"∈ [{lower}, {_quantity(target.upper, signed=signed)}]"
    else:
        value = f"{target.comparator.symbol} {_quantity(target.value, signed=signed)}"
    what = {
        Basis.VALUE: name,
        Basis.CHANGE: f"change in {name} since {target.period_start}",
        Basis.PERCENT_CHANGE: f"change in {name} since {target.period_start}",
        Basis.AVERAGE_ANNUAL: f"average annual growth of {name} since {target.period_start}",
        Basis.CUMULATIVE: f"total of {name} since {target.period_start}",
        Basis.EVERY_YEAR: f"{name} in every year since {target.period_start}",
    }[target.basis]
    direction = _DIRECTION[target.indicator.direction]
    if ASSUMED_DIRECTION in target.notes:
        direction += ", assumed"
    return f"{what} {value} by {target.deadline} ({target.measure.name}, {direction})"
