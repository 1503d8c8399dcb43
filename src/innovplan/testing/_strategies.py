"""Hypothesis strategies for innovplan's model objects.

The strategies build valid objects cheaply: units come from a small table of
families (an indicator's unit and the units its targets may be written in),
so every drawn target fits its indicator without rejection sampling.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from innovplan.errors import ModelError
from innovplan.model import (
    Area,
    Basis,
    Bound,
    Comparator,
    Direction,
    EvidenceNote,
    Goal,
    Group,
    Indicator,
    Measure,
    Milestone,
    Nature,
    Observation,
    Period,
    Plan,
    Source,
    Target,
    Task,
    Tolerance,
    Wording,
    check_dimension,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.units import Quantity

__all__ = ["groups", "indicators", "observations", "plans", "quantities", "targets"]

# An indicator's unit, the measures it may have, and units its values may be
# written in (all of the same dimension).
_FAMILIES: dict[str, tuple[tuple[Measure, ...], tuple[str, ...]]] = {
    "hundred_million_yuan": (
        (Measure.FLOW, Measure.LEVEL),
        ("hundred_million_yuan", "yuan", "ten_thousand_yuan"),
    ),
    "yuan / person": (
        (Measure.LEVEL, Measure.FLOW),
        ("yuan / person", "ten_thousand_yuan / person"),
    ),
    "enterprise": ((Measure.LEVEL,), ("enterprise",)),
    "laboratory": ((Measure.FLOW, Measure.LEVEL), ("laboratory",)),
    "patent / ten_thousand_person": ((Measure.LEVEL,), ("patent / ten_thousand_person",)),
    "percent": ((Measure.SHARE, Measure.GROWTH), ("percent",)),
    "ten_thousand_square_meter": ((Measure.FLOW,), ("ten_thousand_square_meter", "square_meter")),
    "USD": ((Measure.FLOW,), ("USD",)),
}
_COUNTABLE = frozenset({"enterprise", "laboratory", "patent / ten_thousand_person"})
# Numbers that have broken serialisers before: short decimals that are not
# binary fractions, tiny and huge exponents, a float that differs from an int
# in its last digits, the smallest subnormal, negative zero.
_AWKWARD = (0.1, 0.3, 1e-30, 1e16, 1450.0000000001, 5e-324, 1.7976931348623157e308, -0.0, 2.5)
_MAX_INT = 2**63 - 1  # TOML's integers are 64-bit
_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " _-.,:;!?/%#&*()[]{}<>=+'\"\\`~@$^|"
    "\n\t"
    "高新技术企业突破家亿元万平方米科技创新数字经济核心产业增加值占比左右以上"
    "éüñ€£¥—…“”‘’·•²³¹½"
    "\u00a0\u2028\u3000\ufeff😀"
)
_LANGS = ("en", "zh", "fr", "zh-Hant", "no", "yes", "on", "null", "1.0")
_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-"
_STATUSES = st.sampled_from(["", "P", "E", "B"]) | st.text(alphabet=_ALPHABET, max_size=3)
_FIRST_DAY = dt.date(1990, 1, 1)
_LAST_DAY = dt.date(2060, 12, 31)


_ALL_UNITS = tuple(dict.fromkeys(u for family in _FAMILIES.values() for u in family[1]))


def _check_range(name: str, low: float | None, high: float | None) -> None:
    if low is not None and high is not None and low > high:
        msg = f"{name}: min_value={low!r} is greater than max_value={high!r}"
        raise InvalidArgument(msg)


# Strategies are built once and shared: building one inside a draw costs more
# than the draw itself.
@functools.cache
def _texts() -> st.SearchStrategy[str]:
    return st.text(alphabet=_ALPHABET, max_size=8)


@functools.cache
def _notes() -> st.SearchStrategy[str]:
    # Free text is mostly empty in real plans; drawing it rarely keeps examples cheap.
    return st.just("") | _texts()


@functools.cache
def _ids(prefix: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=_ID_CHARS, max_size=4).map(lambda tail: prefix + tail)


# Wordings as plans write them, and ones that have tripped writers up: a YAML
# 1.1 boolean as a language tag, a number-like tag, quotes, a newline, empty
# text. Drawing one of these is one choice; drawing text is one per character.
_PRESET_WORDINGS = (
    Wording(),
    Wording("高新技术企业突破13000家"),
    Wording({"en": "technology contract turnover", "zh": "技术合同成交额"}),
    Wording({"zh": "数字经济核心产业增加值占比达到11%左右", "en": 'share "about" 11 %'}),
    Wording({"en": "line one\nline two: yes", "no": "ja", "1.0": ""}),
    Wording({"fr": "chiffre d'affaires"}),
)


@functools.cache
def _wordings() -> st.SearchStrategy[Wording]:
    single = _texts().map(Wording)
    several = st.dictionaries(st.sampled_from(_LANGS), _texts(), max_size=3).map(Wording)
    return st.one_of(st.sampled_from(_PRESET_WORDINGS), single, several)


def _magnitudes(
    *, min_value: float | None, max_value: float | None, integers: bool
) -> st.SearchStrategy[int | float]:
    low = -_MAX_INT if min_value is None else min_value
    high = _MAX_INT if max_value is None else max_value
    awkward = [x for x in _AWKWARD if low <= x <= high]
    options: list[st.SearchStrategy[Any]] = [
        st.floats(min_value=min_value, max_value=max_value, allow_nan=False, allow_infinity=False)
    ]
    if awkward:
        options.append(st.sampled_from(awkward))
    int_low, int_high = max(int(low), -_MAX_INT), min(int(high), _MAX_INT)
    if integers and int_low <= int_high:
        options.append(st.integers(min_value=int_low, max_value=int_high))
    return st.one_of(options)


def quantities(
    *,
    units: Sequence[str] = _ALL_UNITS,
    min_value: float | None = None,
    max_value: float | None = None,
    integers: bool = True,
) -> st.SearchStrategy[Quantity]:
    """Quantities of innovplan's registry, in one of *units*.

    Args:
        units: Unit expressions of innovplan's registry to draw from.
        min_value: The smallest magnitude (in the drawn unit).
        max_value: The largest magnitude.
        integers: Whether int magnitudes are drawn besides floats.

    Raises:
        InvalidArgument: No units, or *min_value* above *max_value*.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import quantities
        >>> find(quantities(units=["enterprise"], min_value=0), lambda q: q.magnitude > 1).units
        <Unit('enterprise')>
    """
    from innovplan.units import registry

    if not units:
        raise InvalidArgument("quantities: units= is empty")
    _check_range("quantities", min_value, max_value)
    ureg = registry()
    for unit in units:
        try:
            ureg.Unit(unit)
        except Exception as exc:
            msg = f"quantities: {unit!r} is not a unit of innovplan's registry"
            raise InvalidArgument(msg) from exc
    return _quantities(tuple(units), min_value, max_value, integers=integers)


@functools.cache
def _quantities(
    units: tuple[str, ...], min_value: float | None, max_value: float | None, *, integers: bool
) -> st.SearchStrategy[Quantity]:
    from innovplan.units import registry

    magnitude = _magnitudes(min_value=min_value, max_value=max_value, integers=integers)
    return st.builds(registry().Quantity, magnitude, st.sampled_from(units))


def indicators(
    *,
    units: Sequence[str] = tuple(_FAMILIES),
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Indicator]:
    """Indicators with a unit from *units* and a measure that suits it.

    Args:
        units: Canonical units to draw from; each must be one of the families
            this module knows (``"hundred_million_yuan"``, ``"enterprise"``,
            ``"percent"``, ``"patent / ten_thousand_person"``, ...).
        ids: A strategy for the ids; by default short slugs starting with ``i``.

    Raises:
        InvalidArgument: A unit is not one of the known families.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import indicators
        >>> find(indicators(units=["percent"]), lambda i: True).measure
        <Measure.SHARE: 'share'>
    """
    unknown = [u for u in units if u not in _FAMILIES]
    if unknown or not units:
        msg = f"indicators: units must be some of {', '.join(_FAMILIES)}, got {list(units)}"
        raise InvalidArgument(msg)

    @st.composite
    def build(draw: st.DrawFn) -> Indicator:
        unit = draw(st.sampled_from(list(units)))
        measure = draw(st.sampled_from(_FAMILIES[unit][0]))
        return Indicator(
            draw(ids if ids is not None else _ids("i")),
            draw(_wordings()),
            unit=unit,
            measure=measure,
            direction=draw(st.sampled_from(Direction)),
            description=draw(_notes()),
            # Only a level can say it never falls (a count of things built).
            only_grows=measure is Measure.LEVEL and draw(st.booleans()),
        )

    return build()


_DATES = st.dates(min_value=_FIRST_DAY, max_value=_LAST_DAY)
_OPTIONAL_DATES = st.none() | _DATES


def _date(draw: st.DrawFn, low: dt.date, high: dt.date = _LAST_DAY) -> dt.date:
    # An offset from a shared integers() strategy: st.dates(low, high) would
    # build a new strategy for every bound.
    return low + dt.timedelta(days=draw(st.integers(0, (high - low).days)))


def _value_units(indicator: Indicator, basis: Basis) -> tuple[str, ...]:
    # What a target's value is written in depends on its basis (see Basis).
    if basis in {Basis.PERCENT_CHANGE, Basis.AVERAGE_ANNUAL}:
        return ("percent",)
    if basis is Basis.CHANGE and indicator.unit == "percent":
        return ("percentage_point",)
    return _FAMILIES.get(indicator.unit, ((), (indicator.unit,)))[1]


_URLS = st.sampled_from(["", "https://www.wuhan.gov.cn/zwgk/", "https://example.org/a?b=1&c=é"])
_OPTIONAL_SOURCES = st.none() | st.builds(
    Source, st.text(alphabet=_ALPHABET, min_size=1, max_size=8), _URLS, _notes()
)
_BOUNDS = st.sampled_from(Bound)


@functools.cache
def _periods() -> st.SearchStrategy[Period]:
    years = st.integers(1990, 2060)
    return st.one_of(
        years.map(Period.year),
        st.tuples(years, st.sampled_from(["H1", "H2", "Q1", "Q4", "M02", "M12"])).map(
            lambda yp: Period.parse(f"{yp[0]}-{yp[1]}")
        ),
        _DATES.map(Period.at),
        st.tuples(_DATES, st.integers(0, 800)).map(
            lambda dn: Period(dn[0], min(dn[0] + dt.timedelta(days=dn[1]), _LAST_DAY))
        ),
    )


# Codes as SDMX and statistical offices write them, the total among them, and
# labels with the characters files quote or guard (": ", commas, formulas).
_CODES = st.sampled_from(["F", "M", "_T", "420100", "Y15T24", "R.U", "a-b", "$1", "省@"])
_LABELS = st.sampled_from(["", "Female", "Wuhan, Hubei", "=1+2", "a: b", "湖北省", "'x"])


def _check_dimensions(caller: str, dimensions: Sequence[str]) -> tuple[str, ...]:
    names = tuple(dimensions)
    for name in names:
        try:
            check_dimension(name)
        except ModelError as exc:
            raise InvalidArgument(f"{caller}: dimensions= {exc.message}") from None
    if len(set(names)) != len(names):
        raise InvalidArgument(f"{caller}: dimensions= names a dimension twice: {list(names)}")
    return names


def groups(*, dimensions: Sequence[str] = ("sex", "region")) -> st.SearchStrategy[Group]:
    """Groups over some of *dimensions* (the total among them), codes with or without labels.

    Args:
        dimensions: The dimension names drawn from.

    Raises:
        InvalidArgument: A name is not a valid dimension name, or appears twice.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import groups
        >>> find(groups(dimensions=["sex"]), lambda g: not g.is_total).label("sex")
        ''
    """
    return _groups(_check_dimensions("groups", dimensions))


@functools.cache
def _groups(dimensions: tuple[str, ...]) -> st.SearchStrategy[Group]:
    if not dimensions:
        return st.just(Group())
    cell = st.tuples(_CODES, _LABELS).map(lambda cl: f"{cl[0]}: {cl[1]}" if cl[1] else cl[0])
    return st.dictionaries(st.sampled_from(dimensions), cell, max_size=len(dimensions)).map(Group)


def observations(
    *,
    indicators: Sequence[Indicator | str] = ("hte", "turnover", "gdp_growth"),
    dimensions: Sequence[str] = (),
) -> st.SearchStrategy[Observation]:
    """Observations of one of *indicators*, in a unit that fits it.

    Args:
        indicators: Indicators (their unit family is used) or bare ids (any
            unit is drawn; an id is used with one unit family throughout).
        dimensions: Dimensions the observations may carry codes of (see
            :func:`groups`); by default none: every observation is a total.

    Raises:
        InvalidArgument: *indicators* is empty, or *dimensions* holds a name
            that is not a dimension name.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import observations
        >>> find(observations(indicators=["hte"]), lambda o: o.released is not None).indicator
        'hte'
        >>> obs = find(observations(dimensions=["sex"]), lambda o: "sex" in o.dimensions)
        >>> obs.dimensions["sex"] in {"F", "M", "420100", "Y15T24", "R.U", "a-b", "$1", "省@"}
        True
    """
    if not indicators:
        raise InvalidArgument("observations: indicators= is empty")
    return _observations(tuple(indicators), _check_dimensions("observations", dimensions))


def evidence(
    *,
    indicators: Sequence[Indicator | str] = ("hte", "turnover", "gdp_growth"),
    dimensions: Sequence[str] = (),
    max_size: int = 12,
) -> st.SearchStrategy[list[Observation]]:
    """Lists of :func:`observations` that a plan can be judged on: one figure per release.

    Two different figures of one indicator, period, group and release date are a
    conflict that :func:`innovplan.assess_many` and :func:`innovplan.evaluate` refuse
    (rightly); lists drawn here never hold one, so a property about results is not
    cut short by that error.

    Args:
        indicators: As for :func:`observations`.
        dimensions: As for :func:`observations`.
        max_size: The longest list drawn.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import evidence
        >>> obs = find(evidence(indicators=["hte"]), lambda obs: len(obs) >= 3)
        >>> len({(o.indicator, o.period, o.released, o.dimensions) for o in obs}) == len(obs)
        True
    """
    return st.lists(
        observations(indicators=indicators, dimensions=dimensions),
        max_size=max_size,
        unique_by=lambda o: (o.indicator, o.period, o.released, o.dimensions),
    )


@functools.cache
def _observations(
    indicators: tuple[Indicator | str, ...], dimensions: tuple[str, ...] = ()
) -> st.SearchStrategy[Observation]:
    families = list(_FAMILIES)

    @st.composite
    def build(draw: st.DrawFn) -> Observation:
        chosen = draw(st.sampled_from(list(indicators)))
        if isinstance(chosen, Indicator):
            ident, family = chosen.id, chosen.unit
        else:
            ident, family = chosen, families[sum(map(ord, chosen)) % len(families)]
        countable = family in _COUNTABLE
        value = draw(
            _quantities(_FAMILIES[family][1], 0 if countable else None, None, integers=True)
        )
        return Observation(
            ident,
            value,
            draw(_periods()),
            released=draw(_OPTIONAL_DATES),
            bound=draw(_BOUNDS),
            source=draw(_OPTIONAL_SOURCES),
            status=draw(_STATUSES),
            note=draw(_notes()),
            dimensions=draw(_groups(dimensions)),
        )

    return build()


_BASES = st.sampled_from(Basis)
# A cumulative target sums a flow or chains yearly rates (see Target).
_SUMMABLE = frozenset({Measure.FLOW, Measure.GROWTH})
_COMPARATORS = st.sampled_from(Comparator)
_NATURES = st.sampled_from(Nature)
_SPANS = st.sampled_from([0, 1, 2.5, 1e-9])
_WEIGHTS = st.sampled_from([1.0, 0.0, 2.0, 0.1]) | st.floats(0, 100)
_RELATIVE = st.floats(0, 1).map(lambda r: Tolerance(relative=r))


@functools.cache
def _tolerances(unit: str) -> st.SearchStrategy[Tolerance | None]:
    absolute = _quantities((unit,), 0, None, integers=True).map(lambda q: Tolerance(absolute=q))
    return st.none() | _RELATIVE | absolute


_RATIOS = st.sampled_from([(0.97, 1.03), (1, 1), (0.5, 2.0)])


def _parity(
    draw: st.DrawFn, ident: str, indicator: Indicator, low: dt.date, dimensions: tuple[str, ...]
) -> Target:
    """A parity target: one group's value over another's, such as the gender parity index."""
    from innovplan.units import registry

    ratio = registry().Quantity
    dim = draw(st.sampled_from(dimensions))
    codes = draw(st.lists(_CODES.filter(lambda c: c != "_T"), min_size=2, max_size=2, unique=True))
    lower, upper = draw(_RATIOS)
    between = draw(st.booleans())
    comparator = Comparator.BETWEEN if between else draw(_COMPARATORS.filter(_not_between))
    others = [d for d in dimensions if d != dim]
    return Target(
        ident,
        indicator,
        comparator,
        ratio(lower, "dimensionless"),
        _date(draw, low),
        upper=ratio(upper, "dimensionless") if between else None,
        group={dim: codes[0]},
        versus={dim: codes[1]},
        every=draw(st.lists(st.sampled_from(others), unique=True)) if others else (),
        nature=draw(_NATURES),
        wording=draw(_wordings()),
        weight=draw(_WEIGHTS),
    )


def _not_between(c: Comparator) -> bool:
    return c is not Comparator.BETWEEN


def _target(
    draw: st.DrawFn,
    ident: str,
    indicator: Indicator,
    low: dt.date,
    dimensions: tuple[str, ...] = (),
) -> Target:
    if dimensions and draw(st.integers(0, 3)) == 0:
        return _parity(draw, ident, indicator, low, dimensions)
    group = draw(_groups(dimensions))
    free = [d for d in dimensions if d not in group]
    every = tuple(draw(st.lists(st.sampled_from(free), unique=True))) if free else ()
    basis = draw(_BASES) if draw(st.booleans()) else Basis.VALUE
    if basis is Basis.CUMULATIVE and indicator.measure not in _SUMMABLE:
        basis = Basis.CHANGE  # the change over the window, as 〔〕 means for a level
    units = _value_units(indicator, basis)
    amounts = {Basis.VALUE, Basis.CUMULATIVE, Basis.EVERY_YEAR}
    non_negative = basis in amounts and indicator.unit in _COUNTABLE
    values = _quantities(units, 0 if non_negative else None, None, integers=True)
    comparator = draw(_COMPARATORS)
    value = draw(values)
    upper = None
    if comparator is Comparator.BETWEEN:
        # A large integer plus a float span rounds to a float that may fall below
        # the integer (2**56 + 0.5): keep the range ordered whatever the rounding.
        upper = type(value)(max(value.magnitude + draw(_SPANS), value.magnitude), value.units)
    deadline = _date(draw, low)
    start = _date(draw, _FIRST_DAY, deadline) if draw(st.booleans()) else None
    period_start = start or dt.date(deadline.year, 1, 1)
    milestones: list[Milestone] = []
    if period_start < deadline and draw(st.booleans()):
        days = sorted({_date(draw, period_start, deadline) for _ in range(draw(st.integers(0, 2)))})
        milestones = [Milestone(d, draw(values)) for d in days]
    baseline = None
    if draw(st.booleans()):
        baseline = attrs.evolve(draw(_observations((indicator,))), dimensions=group)
    return Target(
        ident,
        indicator,
        comparator,
        value,
        deadline,
        upper=upper,
        basis=basis,
        start=start,
        baseline=baseline,
        nature=draw(_NATURES),
        tolerance=draw(_tolerances(units[0])),
        wording=draw(_wordings()),
        milestones=milestones,
        weight=draw(_WEIGHTS),
        notes=draw(_notes()),
        group=group,
        every=every,
    )


def targets(
    *,
    indicators: Sequence[Indicator] | None = None,
    min_deadline: dt.date = _FIRST_DAY,
    dimensions: Sequence[str] = (),
) -> st.SearchStrategy[Target]:
    """Targets of one of *indicators* (or of a drawn indicator), with every optional field.

    Args:
        indicators: Indicators to draw from; by default one is drawn by
            :func:`indicators`.
        min_deadline: The earliest deadline.
        dimensions: Dimensions targets may apply to groups of: one group,
            every group of some, or a parity of two groups; by default none
            (every target is for the total).

    Raises:
        InvalidArgument: *indicators* is empty, or holds an indicator whose
            unit is not one of the known families, or *dimensions* a name
            that is not a dimension name.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import targets
        >>> t = find(targets(), lambda t: True)
        >>> t.deadline >= t.period_start
        True
    """
    if indicators is not None:
        if not indicators:
            raise InvalidArgument("targets: indicators= is empty")
        bad = [i.id for i in indicators if i.unit not in _FAMILIES]
        if bad:
            raise InvalidArgument(
                f"targets: indicators {bad} have units outside the known families"
            )
    pool = st.sampled_from(list(indicators)) if indicators else _indicators_default()
    dims = _check_dimensions("targets", dimensions)

    @st.composite
    def build(draw: st.DrawFn) -> Target:
        return _target(draw, draw(_ids("t")), draw(pool), min_deadline, dims)

    return build()


def _indicators_default() -> st.SearchStrategy[Indicator]:
    return indicators()


# Scores anywhere in [0, 1], the ends included, or no score.
_EVIDENCE = st.builds(
    EvidenceNote,
    _DATES,
    _wordings().filter(lambda w: any(t.strip() for t in w.values())),
    source=_OPTIONAL_SOURCES,
    score=st.none() | st.floats(0, 1),
)
_STARTS = st.dates(min_value=_FIRST_DAY, max_value=dt.date(2050, 1, 1))
_POOLS = st.lists(indicators(), min_size=1, max_size=2, unique_by=lambda i: i.id)


def plans(
    *,
    max_goals: int = 3,
    max_targets: int = 3,
    max_areas: int = 2,
    max_tasks: int = 2,
    dimensions: Sequence[str] = (),
) -> st.SearchStrategy[Plan]:
    """Valid plans: unique ids, deadlines within the plan, tasks naming existing targets.

    Args:
        max_goals: Most goals in a plan.
        max_targets: Most targets per goal.
        max_areas: Most areas in a plan.
        max_tasks: Most tasks per area.
        dimensions: Dimensions targets may apply to groups of (as in
            :func:`targets`); by default none.

    Raises:
        InvalidArgument: A maximum is negative, or *dimensions* holds a name
            that is not a dimension name.

    Example:
        >>> from hypothesis import find
        >>> from innovplan.testing import plans
        >>> plan = find(plans(max_goals=1), lambda p: len(p.targets) == 1)
        >>> [t.id for t in plan.targets]
        ['T1']
    """
    for name, value in [
        ("max_goals", max_goals),
        ("max_targets", max_targets),
        ("max_areas", max_areas),
        ("max_tasks", max_tasks),
    ]:
        if value < 0:
            raise InvalidArgument(f"plans: {name}={value} is negative")
    dims = _check_dimensions("plans", dimensions)

    @st.composite
    def build(draw: st.DrawFn) -> Plan:
        start = draw(_STARTS)
        end = _date(draw, start)
        pool: list[Indicator] = []
        counter = 0
        goals: list[Goal] = []
        for g in range(draw(st.integers(0, max_goals))):
            made: list[Target] = []
            for _ in range(draw(st.integers(0, max_targets))):
                counter += 1
                # Indicators are drawn with the first target: a plan without
                # targets needs none, and each one costs a dozen choices.
                pool = pool or draw(_POOLS)
                made.append(_target(draw, f"T{counter}", draw(st.sampled_from(pool)), start, dims))
            goals.append(Goal(f"G{g + 1}", draw(_wordings()), made, notes=draw(_notes())))
        ids = [t.id for goal in goals for t in goal.targets]
        areas = []
        for a in range(draw(st.integers(0, max_areas))):
            tasks = [
                Task(
                    f"K{a + 1}.{k + 1}",
                    draw(_wordings()),
                    draw(st.lists(st.sampled_from(ids), max_size=2)) if ids else (),
                    evidence=draw(st.lists(_EVIDENCE, max_size=2)),
                    notes=draw(_notes()),
                )
                for k in range(draw(st.integers(0, max_tasks)))
            ]
            areas.append(Area(f"A{a + 1}", draw(_wordings()), tasks, notes=draw(_notes())))
        return Plan(
            draw(_ids("p")),
            draw(_wordings()),
            start=start,
            end=end,
            goals=goals,
            areas=areas,
            released=draw(_OPTIONAL_DATES),
            source=draw(_OPTIONAL_SOURCES),
            notes=draw(_notes()),
        )

    return build()
