"""Units written for people: pint's short forms, unless a short form reads back otherwise."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pint

from innovplan.errors import InnovplanError
from innovplan.units._grammar import parse_unit

if TYPE_CHECKING:
    from pint.facets.plain import PlainUnit

    from innovplan.units._registry import Quantity


def short_form(value: Quantity | PlainUnit, spec: str = "~P") -> str:
    """*value* formatted with *spec*, in full names where a short form would not read back.

    pint's short forms include symbols the unit rule refuses as ambiguous
    (``kt`` for the kilotonne, ``pp`` for the printer's point, ``bbl``,
    ``gal``, ``pt``, ``ton`` for the short ton) or as meant otherwise
    (``point``, ``quarter``, ``mil``): text written with them could
    not be read again, or would be read as another unit. Where the short form
    of *value*'s unit does not read back as that unit, *value* is written with
    *spec* without ``~``, in full names, which do (``short_ton``,
    ``kilotonne``: the registry writes those rather than pint's ``ton`` and
    ``kilometric_ton``).

    Args:
        value: A quantity or a unit of the registry.
        spec: A pint format spec with ``~`` for short forms (``"~P"``, ``"~"``).

    Returns:
        The text.

    Example:
        >>> from innovplan.units import registry
        >>> ureg = registry()
        >>> short_form(ureg.Quantity(500, "metric_ton / year"))
        '500 t/a'
        >>> short_form(ureg.Quantity(500, "kilotonne")), short_form(ureg.Quantity(5, "short_ton"))
        ('500 kilotonne', '5 short_ton')
        >>> short_form(ureg.Unit("printers_point"), "~")
        'printers_point'
    """
    unit = value.units if isinstance(value, pint.Quantity) else value
    return format(value, spec if _reads_back(unit, spec) else spec.replace("~", ""))


@functools.lru_cache(maxsize=1024)
def _reads_back(unit: PlainUnit, spec: str) -> bool:
    """Whether *unit* written with *spec* reads as *unit* again (once per unit and spec)."""
    text = format(unit, spec)
    if not text or text == "dimensionless":
        return True
    try:
        return parse_unit(text) == unit
    except InnovplanError:
        # Refused (an ambiguous symbol, or one the readers do not know): not written.
        return False
