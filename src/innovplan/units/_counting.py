"""Counts of one kind of thing read as a plain count of things.

pint's ``count`` is dimensionless and innovplan keeps it so: a count of things
of no particular kind is a pure number, as in pint and as in a foreign
registry's quantities, and redefining it would mean switching off the
registry's guard against redefinitions. The safety that matters stays: each
kind of thing is a dimension of its own, and only :func:`as_count` or the
``counting`` context (``q.to("count", "counting")``) let it go.
"""

from __future__ import annotations

from fractions import Fraction

from innovplan.errors import UnitError
from innovplan.units import _vocabulary as vocab
from innovplan.units._numbers import to_python_number
from innovplan.units._registry import COUNTABLE_DIMENSIONS, Quantity, Unit, adopt, registry

__all__ = ["as_count"]


def _things_per_unit(unit: Unit) -> int | float | None:
    """Return how many things one *unit* is, or ``None`` if it counts no things."""
    dims = list(unit.dimensionality.items())
    if len(dims) != 1 or dims[0][1] != 1 or dims[0][0] not in COUNTABLE_DIMENSIONS:
        return None
    size = registry().Quantity(1, unit).to_base_units().magnitude
    return to_python_number(Fraction(size))


def as_count(q: Quantity) -> Quantity:
    """Return *q* with each kind of thing replaced by the generic ``count``.

    Things in a numerator are replaced, also inside compound units; people
    in a denominator stay ("30 patents per 10,000 people" becomes 30 count per
    10,000 people). Scaled things are counted one by one: 3 ``ten_thousand_person``
    is 30000 ``count``.

    Args:
        q: A quantity, from any pint registry.

    Returns:
        The same amount with ``count`` in place of the things.

    Raises:
        UnitError: *q* is not a quantity or counts no things.

    Example:
        >>> from innovplan.units import registry
        >>> Q_ = registry().Quantity
        >>> as_count(Q_(30, "patent / ten_thousand_person"))
        <Quantity(30, 'count / ten_thousand_person')>
        >>> as_count(Q_(13000, "enterprise")) + as_count(Q_(200, "laboratory"))
        <Quantity(13200, 'count')>
    """
    quantity = adopt(q, where="as_count")
    factor: int | float = 1
    unit = vocab.unit("dimensionless")
    replaced = False
    ureg = registry()
    for name, power in quantity.unit_items():
        # From pint's own name, not from text: the unit rule refuses some of
        # pint's names as text ("ton", written "short_ton").
        part = ureg.Unit(ureg.UnitsContainer({name: 1}))
        size = _things_per_unit(part) if isinstance(power, int) and power > 0 else None
        if size is None or not isinstance(power, int):
            unit *= part**power
        else:
            factor *= size**power
            unit *= vocab.unit("count") ** power
            replaced = True
    if not replaced:
        msg = f"as_count: {quantity.units} counts no things"
        raise UnitError(msg)
    return registry().Quantity(quantity.magnitude * factor, unit)
