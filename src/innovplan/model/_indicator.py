"""Indicators: what is measured, in which unit, and which way is better."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs

from innovplan.errors import ModelError
from innovplan.model._checks import shown, text
from innovplan.model._enums import Direction, Measure
from innovplan.model._fields import check_id, check_unit, enum_converter
from innovplan.model._wording import Wording, wording_converter

if TYPE_CHECKING:
    from innovplan.units import Unit

__all__ = ["Indicator"]


def _check_only_grows(instance: Indicator, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {shown(value)}"
        raise ModelError(f"Indicator {instance.id!r}", attribute.name, msg)
    if value and instance.measure is not Measure.LEVEL:
        msg = (
            f"only a level (a stock such as a count of things built) can only grow; "
            f"{instance.id!r} is a {instance.measure.value}"
        )
        raise ModelError(f"Indicator {instance.id!r}", attribute.name, msg)


@attrs.frozen
class Indicator:
    """Something measured over time: its id, name, canonical unit, measure and direction.

    An indicator may serve many plans; observations join it by ``id``.
    ``unit`` is a pint unit expression of innovplan's registry; targets and
    observations of this indicator must have units of the same dimension.

    ``only_grows`` says that the level never falls (a count of things built, a
    running total since a fixed date): a value met before the deadline then
    stays met, so attainment decides it early. Other levels met early are only
    "met so far". Only a ``LEVEL`` can say so.

    Example:
        >>> turnover = Indicator(
        ...     "tech_contract_turnover",
        ...     {"en": "technology contract turnover", "zh": "技术合同成交额"},
        ...     unit="hundred_million_yuan",
        ...     measure=Measure.FLOW,
        ... )
        >>> turnover.direction
        <Direction.INCREASE: 'increase'>
        >>> str(turnover.pint_unit.dimensionality)
        '[currency_CNY]'
        >>> Indicator("blocks_built", "innovation blocks built", unit="m**2",
        ...           measure=Measure.LEVEL, only_grows=True).only_grows
        True
    """

    id: str = attrs.field(validator=check_id)
    name: Wording = attrs.field(converter=wording_converter)  # type: ignore[misc]
    unit: str = attrs.field(validator=check_unit, kw_only=True)
    measure: Measure = attrs.field(converter=enum_converter(Measure), kw_only=True)  # type: ignore[misc]
    direction: Direction = attrs.field(
        default=Direction.INCREASE,
        converter=enum_converter(Direction),  # type: ignore[misc]
        kw_only=True,
    )
    description: str = attrs.field(default="", validator=text, kw_only=True)
    only_grows: bool = attrs.field(default=False, validator=_check_only_grows, kw_only=True)

    @property
    def pint_unit(self) -> Unit:
        """The canonical unit as a pint ``Unit`` of innovplan's registry."""
        return _pint_unit(self.unit)


@functools.lru_cache(maxsize=1024)
def _pint_unit(text: str) -> Unit:
    # Every target checks its value against its indicator's unit: the text is
    # read once, not once per target (pint Units are immutable, safe to share).
    from innovplan.units import registry

    return registry().Unit(text)
