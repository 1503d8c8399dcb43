"""The one unit registry of innovplan, built on first use."""

from __future__ import annotations

import copyreg
import functools
import threading
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import pint

if TYPE_CHECKING:
    from collections.abc import Callable

    Quantity: TypeAlias = pint.Quantity[Any]
    Unit: TypeAlias = pint.Unit
    Registry: TypeAlias = pint.UnitRegistry[Any]
else:
    Quantity = pint.Quantity
    Unit = pint.Unit
    Registry = pint.UnitRegistry

__all__ = [
    "COUNTABLE_DIMENSIONS",
    "THINGS",
    "Quantity",
    "Unit",
    "adopt",
    "is_countable",
    "is_percent_like",
    "make_quantity",
    "quantity_maker",
    "registry",
]


class _PlanUnit(pint.Unit):
    """pint's unit, comparing with text read by innovplan's unit grammar.

    pint compares a unit with text by evaluating the text as an expression;
    ``unit == "9**9**9"`` would not return.
    """

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            from innovplan.errors import UnitError

            try:
                other = self._REGISTRY.parse_units(other)
            except UnitError:
                return False
        return bool(super().__eq__(other))

    __hash__ = pint.Unit.__hash__


class _PlanRegistry(pint.UnitRegistry[Any]):
    """pint's registry with unit text read by innovplan's unit grammar.

    pint reads unit text with a general expression evaluator that computes
    powers of numbers: ``"9**9**9"`` runs until the process is killed. Every
    unit string this registry meets, from ``Quantity(1, text)``,
    ``Unit(text)``, ``q.to(text)`` or a comparison, is read by
    :func:`innovplan.units.parse_unit` instead, which also knows the plan
    vocabulary's Chinese words (``件/万人``, ``立方米``).
    """

    Unit = _PlanUnit

    def parse_units_as_container(
        self,
        input_string: str,
        as_delta: bool | None = None,  # noqa: FBT001 (pint's signature)
        case_sensitive: bool | None = None,  # noqa: ARG002, FBT001 (pint's; the grammar decides case)
    ) -> Any:
        from innovplan.units._grammar import container, unit_powers

        powers = unit_powers(input_string, ureg=self)
        delta = self.default_as_delta if as_delta is None else as_delta
        return container(self, powers, as_delta=delta)

    def parse_expression(
        self,
        input_string: str,
        case_sensitive: bool | None = None,  # noqa: FBT001 (pint's signature)
        **values: Any,
    ) -> Any:
        from innovplan.units._grammar import context_expression
        from innovplan.units._parse import parse_quantity

        if values:
            # Only pint's contexts pass values ("value / laboratory", from the
            # definition files); their text is checked all the same.
            context_expression(input_string)
            return super().parse_expression(input_string, case_sensitive, **values)
        return parse_quantity(input_string)

    # pint binds ``ureg("...")`` to its own parse_expression; rebind to ours.
    __call__ = parse_expression


# pint's names that the unit rule refuses, as words statistics write for
# another unit, and a name of the same unit that reads back: pint's ``ton`` is
# the US short ton (China's yearbooks write "tons" for the metric tonne), its
# gallon, pint and quart the US ones, its barrel 31.5 US gallons (oil's is 42),
# its ounce the avoirdupois one (gold's is troy), its point the printer's, its
# quarter 28 pounds and its mil an angle. With a prefix, the prefix stays:
# "kiloton" is written "kiloshort_ton".
_REFUSED_NAMES: Final = {
    "ton": "short_ton",
    "gallon": "US_liquid_gallon",
    "pint": "US_pint",
    "quart": "US_liquid_quart",
    "barrel": "US_liquid_barrel",
    "ounce": "avoirdupois_ounce",
    "point": "printers_point",
    "quarter": "avoirdupois_quarter",
    "mil": "angular_mil",
}

# Names pint writes that no reader takes back, or that nobody writes, and the
# name written instead: those above, bare and with every prefix of the
# registry (filled in when it is built), and a thousand tonnes written
# "kilotonne", not "kilometric_ton".
WRITTEN_NAMES: Final = {
    **_REFUSED_NAMES,
    "kilometric_ton": "kilotonne",
    "megametric_ton": "megatonne",
    "gigametric_ton": "gigatonne",
}

_RENAMED: Final = set(WRITTEN_NAMES)


def _renaming(format_unit: Callable[..., str]) -> Callable[..., str]:
    """*format_unit* of a pint formatter, writing :data:`WRITTEN_NAMES` for pint's names."""

    def written(unit: Any, uspec: str = "", *args: Any, **kwargs: Any) -> str:
        if "~" in uspec:  # a short form: pint's symbols, checked by short_form
            return format_unit(unit, uspec, *args, **kwargs)
        # A unit, pint's units container or (name, power) pairs, as pint passes
        # them; most hold none of the names, and pass as they came.
        units = getattr(unit, "_units", unit)
        if isinstance(units, pint.util.UnitsContainer):
            if not _RENAMED.isdisjoint(units):
                unit = [(WRITTEN_NAMES.get(name, name), power) for name, power in units.items()]
        else:
            unit = [(WRITTEN_NAMES.get(name, name), power) for name, power in units]
        return format_unit(unit, uspec, *args, **kwargs)

    return written


_BUILD_LOCK = threading.Lock()
_built: list[Registry] = []


def _build() -> Registry:
    ureg: Registry = _PlanRegistry(
        autoconvert_offset_to_baseunit=True,
        on_redefinition="raise",
        cache_folder=None,
    )
    with resources.as_file(resources.files(__package__) / "plan_units.txt") as path:
        ureg.load_definitions(str(path))
    for prefix in {p.name for p in ureg._prefixes.values() if p.name}:  # noqa: SLF001 (no accessor)
        for name, written in _REFUSED_NAMES.items():
            WRITTEN_NAMES.setdefault(prefix + name, prefix + written)
    _RENAMED.update(WRITTEN_NAMES)
    # Every writer of pint's formatter (str, repr, "P", "H", "L"...) writes a
    # unit with the names that read back; a short form keeps pint's symbols.
    for formatter in ureg.formatter._formatters.values():  # noqa: SLF001 (pint exposes no accessor)
        formatter.format_unit = _renaming(formatter.format_unit)
    # pint unpickles quantities into its application registry, which knows no
    # yuan or patents. Pickle ours as magnitude and unit text instead, rebuilt in
    # this registry, so model objects cross process boundaries whole.
    copyreg.pickle(ureg.Quantity, _reduce_quantity)
    copyreg.pickle(ureg.Unit, _reduce_unit)
    return ureg


def built(ureg: Registry) -> bool:
    """Whether *ureg* is the registry, built whole (not one being built).

    Example:
        >>> built(registry())
        True
    """
    return bool(_built) and _built[0] is ureg


def _built_once() -> Registry:
    # Double-checked: threads that ask at the same moment in a fresh process
    # wait for one build instead of each making a registry of its own, whose
    # quantities would not add up with the others'.
    if not _built:
        with _BUILD_LOCK:
            if not _built:
                _built.append(_build())
    return _built[0]


# The cache only makes later calls cheap; the lock above makes the registry one.
@functools.cache
def registry() -> Registry:
    """Return innovplan's unit registry, building it on the first call.

    The registry is pint's default vocabulary plus ``plan_units.txt``. It is
    built once per process (about a third of a second), also when many
    threads ask for it at once, and never installed as pint's application
    registry, so it does not disturb a user's own registry. Unit text given to
    it is read by :func:`innovplan.units.parse_unit`.

    Example:
        >>> from innovplan.units import registry
        >>> print(registry().Quantity(1450, "亿元").to("yuan"))
        145000000000.0 yuan
    """
    return _built_once()


def make_quantity(magnitude: float, unit: Unit) -> Quantity:
    """``registry().Quantity(magnitude, unit)`` for a number and a parsed unit, made directly.

    The same quantity as the registry's constructor makes (equal, of the same
    class, with the same unit), in a tenth of its time: results make a few
    quantities per row and loaders one per value, from magnitudes that are
    numbers already and units parsed once, and pint's constructor would check
    both every time. A Python ``int`` or ``float`` is kept as given (plan
    files keep whole numbers exact); any other number (a numpy scalar) becomes
    a ``float``. The unit must come from :func:`registry`
    (``registry().Unit(...)``).

    Example:
        >>> u = registry().Unit("hundred_million_yuan")
        >>> q = make_quantity(1450.0, u)
        >>> q == registry().Quantity(1450.0, u), str(q)
        (True, '1450.0 hundred_million_yuan')
    """
    ureg = registry()
    if ureg.force_ndarray or ureg.force_ndarray_like:
        return ureg.Quantity(float(magnitude), unit)
    # What pint's constructor does for a float and a Unit: the magnitude as
    # given, the unit's container.
    q: Quantity = object.__new__(ureg.Quantity)
    kind = type(magnitude)
    number = magnitude if kind is float or kind is int else float(magnitude)
    q._magnitude = number  # noqa: SLF001 (pint's own fields, as its constructor sets them)
    q._units = unit._units  # noqa: SLF001
    return q


def quantity_maker() -> Callable[[float, Unit], Quantity]:
    """:func:`make_quantity` for the registry as it is now, without asking for it again.

    A loader that makes one quantity per value asks once per batch and calls
    the maker for each value: the registry and its array flags are read here,
    not on every call. Ask again for each batch: a maker made before the
    registry's flags change keeps the old behaviour. With ``force_ndarray`` or
    ``force_ndarray_like`` set, the maker is :func:`make_quantity` itself.

    Example:
        >>> make = quantity_maker()
        >>> u = registry().Unit("hundred_million_yuan")
        >>> make(1450.0, u) == make_quantity(1450.0, u), make is quantity_maker()
        (True, True)
    """
    ureg = registry()
    if ureg.force_ndarray or ureg.force_ndarray_like:
        return make_quantity
    made = _MAKER[0]
    if made is not None and made[0] is ureg:
        return made[1]
    cls = ureg.Quantity
    new = object.__new__

    def make(magnitude: float, unit: Unit) -> Quantity:
        # make_quantity's own steps, with the class read once.
        q: Quantity = new(cls)
        kind = type(magnitude)
        q._magnitude = magnitude if kind is float or kind is int else float(magnitude)  # noqa: SLF001
        q._units = unit._units  # noqa: SLF001
        return q

    # One tuple, replaced whole: a thread never sees one registry's maker for another.
    _MAKER[0] = (ureg, make)
    return make


# The registry the last maker was made for, and that maker.
_MAKER: list[tuple[Registry, Callable[[float, Unit], Quantity]] | None] = [None]


def _reduce_quantity(q: Quantity) -> tuple[Any, tuple[Any, str]]:
    return (_rebuild_quantity, (q.magnitude, str(q.units)))


def _reduce_unit(u: Unit) -> tuple[Any, tuple[str]]:
    return (_rebuild_unit, (str(u),))


def _rebuild_quantity(magnitude: Any, units: str) -> Quantity:
    q: Quantity = registry().Quantity(magnitude, units)
    return q


def _rebuild_unit(units: str) -> Unit:
    u: Unit = registry().Unit(units)
    return u


# The kinds of things a count can be of, each a dimension of its own (see
# plan_units.txt). A count of any of them can never be negative.
THINGS: Final = (
    "enterprise",
    "laboratory",
    "project",
    "team",
    "centre",
    "patent",
    "person",
    "facility",
    "item",
)
COUNTABLE_DIMENSIONS = frozenset(f"[{thing}]" for thing in THINGS)


def adopt(value: object, *, where: str = "") -> Quantity:
    """Return *value* as a quantity of innovplan's registry.

    A quantity of innovplan's registry comes back as it is. One from another pint
    registry (a user's application registry, say) is rebuilt from its magnitude
    and unit text; a unit innovplan does not know raises. Anything else raises.

    Args:
        value: A pint quantity from any registry.
        where: What is being built, for the error message.

    Raises:
        UnitError: *value* is not a quantity, or its unit is not known here.

    Example:
        >>> import pint
        >>> theirs = pint.UnitRegistry().Quantity(3, "km")
        >>> adopt(theirs).to("m")
        <Quantity(3000.0, 'meter')>
    """
    from innovplan.errors import UnitError

    ureg = registry()
    if isinstance(value, ureg.Quantity):
        return value
    prefix = f"{where}: " if where else ""
    if not isinstance(value, pint.Quantity):
        msg = f"{prefix}expected a quantity with a unit, got {type(value).__name__} {value!r}"
        raise UnitError(msg)
    try:
        # By pint's names, not by text: another registry writes its names as
        # pint does ("ton" for the short ton), which the unit rule refuses as
        # text; the names are checked one by one against this registry.
        names = {ureg.get_name(name): power for name, power in value.unit_items()}
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, UnitError) as exc:
        msg = f"{prefix}unit {str(value.units)!r} from another registry is not known to innovplan"
        raise UnitError(msg) from exc
    for name in names:
        if not ureg._units[name].is_multiplicative:  # noqa: SLF001 (pint exposes no accessor)
            # degC from another registry: refused as the unit rule refuses it as text.
            from innovplan.units._vocabulary import registry_name

            registry_name(name)
    return ureg.Quantity(value.magnitude, ureg.Unit(ureg.UnitsContainer(names)))


def is_countable(q: Quantity | Unit) -> bool:
    """Tell whether *q* counts things (enterprises, patents per person...).

    Example:
        >>> is_countable(registry().Quantity(3, "laboratory"))
        True
        >>> is_countable(registry().Quantity(3, "yuan"))
        False
    """
    # Worked out once per unit: an observation's check reads it for every figure.
    units = q._units  # noqa: SLF001 (pint's hashable container of a quantity's or unit's units)
    known = _COUNTABLE.get(units)
    if known is None:
        dims = q.dimensionality
        known = _COUNTABLE[units] = any(
            d in COUNTABLE_DIMENSIONS and isinstance(p, int | float) and p > 0
            for d, p in dims.items()
        )
    return known


_COUNTABLE: dict[Any, bool] = {}


def is_percent_like(q: Quantity | Unit) -> bool:
    """Tell whether *q* is a dimensionless share or rate (percent, ratio, ‰).

    Example:
        >>> is_percent_like(registry().Quantity(11.5, "percent"))
        True
        >>> is_percent_like(registry().Quantity(1, "percentage_point"))
        False
    """
    return bool(q.dimensionless)
