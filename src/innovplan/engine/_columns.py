"""Targets and observations as float64 columns in each indicator's engine unit.

This is where magnitudes leave pint. Every value is converted once per column
(one ``Quantity(array, unit).to(engine_unit)`` per distinct pair of source unit
and engine unit), never element by element, and a unit that does not fit
raises :class:`innovplan.errors.UnitMismatchError` naming both units and the
target. Dates become fractional years (``2023-07-02`` is ``2023.5``) and periods
half-open ``[start, end)``.

The engine unit of an indicator is its own unit, except for percent-valued
(dimensionless) indicators, whose engine unit is ``percent``: differences of
those are then percentage points without a factor.

Example:
    >>> from innovplan import Q_, parse_quantity
    >>> from innovplan.model import Comparator, Indicator, Measure, Observation, Target
    >>> turnover = Indicator("turnover", "technology contract turnover",
    ...                      unit="hundred_million_yuan", measure=Measure.FLOW)
    >>> t10 = Target("T10", turnover, Comparator.MORE_THAN,
    ...              parse_quantity("145 billion yuan"), "2023-12-31")
    >>> obs = Observation("turnover", Q_(2.19843e11, "yuan"), 2023, released="2024-04-26")
    >>> tc, oc = build([t10], [obs])
    >>> tc.arrays.value.tolist(), oc.arrays.value.round(2).tolist()
    ([1450.0], [2198.43])
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c
from innovplan.engine._coltypes import ObservationArrays, TargetArrays
from innovplan.engine._groups import needs_groups
from innovplan.errors import EvaluationError, UnitMismatchError, UnknownIdError
from innovplan.model import Basis, Group, Measure, Observation, Target

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pint.facets.plain import PlainUnit

    from innovplan.model import Indicator, Tolerance
    from innovplan.units import Quantity

__all__ = [
    "ObservationColumns",
    "TargetColumns",
    "build",
    "build_observations",
    "build_targets",
    "engine_unit",
    "frac_year",
    "frac_years",
    "from_frac_year",
    "indicator_table",
    "unit_dest",
]

_EPOCH = dt.date(1970, 1, 1).toordinal()
PERCENT = "percent"
PP = "percentage_point"


def frac_years(ordinals: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Fractional years of proleptic Gregorian ordinals (``date.toordinal()``).

    ``year + (day of year - 1) / days in year``: 1 January is the whole year,
    and the same date a year apart differs by exactly 1 (except 29 February).

    Example:
        >>> import datetime as dt
        >>> frac_years([dt.date(2023, 7, 2).toordinal(), dt.date(2024, 1, 1).toordinal()])
        array([2023.49863014, 2024.        ])
    """
    days = np.asarray(ordinals, dtype=np.int64) - _EPOCH
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    y0 = y.astype("datetime64[D]")
    y1 = (y + 1).astype("datetime64[D]")
    year = y.astype(np.int64) + 1970
    frac: npt.NDArray[np.float64] = year + (d - y0).astype(np.float64) / (y1 - y0).astype(
        np.float64
    )
    return frac


def frac_year(day: dt.date) -> float:
    """Fractional year of one date.

    Example:
        >>> import datetime as dt
        >>> frac_year(dt.date(2024, 1, 1))
        2024.0
    """
    return float(frac_years([day.toordinal()])[0])


def from_frac_year(t: float) -> dt.date:
    """The date whose fractional year is *t* (rounded to the nearest day).

    Example:
        >>> from_frac_year(2024.0)
        datetime.date(2024, 1, 1)
    """
    year = int(np.floor(t + 1e-9))
    first = dt.date(year, 1, 1)
    length = (dt.date(year + 1, 1, 1) - first).days
    return first + dt.timedelta(days=round((t - year) * length))


def _year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for a 29th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def engine_unit(indicator: Indicator) -> str:
    """The unit the engine holds an indicator's values in.

    Example:
        >>> from innovplan.model import Indicator, Measure
        >>> engine_unit(Indicator("share", "share", unit="dimensionless", measure=Measure.SHARE))
        'percent'
    """
    return PERCENT if indicator.pint_unit.dimensionless else indicator.unit


def _percent_valued(target: Target) -> bool:
    # A parity target compares a ratio of two groups, held as a percentage.
    if target.basis in {Basis.PERCENT_CHANGE, Basis.AVERAGE_ANNUAL} or target.versus is not None:
        return True
    return bool(target.indicator.pint_unit.dimensionless)


def _basis_unit(target: Target) -> str:
    """The unit of the target's compared values (percent for percent-valued ones)."""
    if _percent_valued(target):
        return PERCENT
    return target.indicator.unit


class _Batch:
    """Collects magnitudes to convert, then converts each (unit, destination) group at once."""

    def __init__(self, size: int) -> None:
        self.out = np.full(size, np.nan)
        self.groups: dict[tuple[str, str], list[tuple[int, float, str]]] = defaultdict(list)
        # Writing a unit's name costs pint tens of µs; targets share a few units.
        self.names: dict[object, str] = {}

    def add(self, slot: int, q: Quantity, dest: str, where: str, *, points: bool = False) -> None:
        units = q.units
        unit = self.names.get(units)
        if unit is None:
            unit = self.names[units] = str(units)
        if points and dest == PERCENT and unit == PP:
            # A target's change or tolerance in percentage points: on the percent
            # scale a difference of percents has the same magnitude.
            dest = PP
        self.groups[unit, dest].append((slot, float(q.magnitude), where))

    def convert(self) -> npt.NDArray[np.float64]:
        import pint

        from innovplan.units import registry

        ureg = registry()
        for (unit, dest), items in self.groups.items():
            slots = np.fromiter((i for i, _, _ in items), dtype=np.int64, count=len(items))
            mags = np.fromiter((m for _, m, _ in items), dtype=np.float64, count=len(items))
            if unit == dest:
                self.out[slots] = mags
                continue
            try:
                # A conversion past float64's range gives inf, which the
                # overflow guards (engine._overflow) turn into "cannot say".
                with np.errstate(over="ignore"):
                    self.out[slots] = ureg.Quantity(mags, unit).to(dest).magnitude
            except pint.DimensionalityError:
                expected = f"{dest} ({ureg.Unit(dest).dimensionality})"
                raise UnitMismatchError(unit, expected, items[0][2]) from None
        return self.out


_TEXTS = ("ids", "gap_units", "basis_units")
Texts = Sequence[str] | npt.NDArray[np.object_]


@attrs.frozen(eq=False)
class TargetColumns:
    """Targets as engine columns, with what is needed to turn results back into quantities.

    Example:
        >>> from innovplan.engine import simple_targets
        >>> cols = TargetColumns.from_arrays(simple_targets(value=[1.0, 2.0], comparator=[0, 0]))
        >>> len(cols), cols.ids
        (2, ('0', '1'))

    Attributes:
        arrays: The columns the kernels read.
        ids: Target ids, row by row.
        indicators: Indicator ids, by indicator code.
        units: Engine unit of each indicator, by indicator code.
        gap_units: Unit of each target's gap (``percentage_point`` for
            percent-valued targets).
        basis_units: Unit of each target's compared values.
        targets: The model objects, when the columns were built from them
            (or made on access, for columns built from a table).

    ``ids``, ``gap_units`` and ``basis_units`` may be given as tuples or as
    object arrays; they read as tuples (made on first use from an array), and
    :meth:`texts` gives them as arrays without a tuple in between.
    """

    arrays: TargetArrays
    _ids: Texts = attrs.field(alias="ids")
    indicators: tuple[str, ...]
    units: tuple[str, ...]
    _gap_units: Texts = attrs.field(alias="gap_units")
    _basis_units: Texts = attrs.field(alias="basis_units")
    targets: Sequence[Target] | None = None
    groups: npt.NDArray[np.object_] | None = None
    versus: npt.NDArray[np.object_] | None = None
    _made: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> tuple[str, ...]:
        """Target ids, row by row."""
        return self._tuple("ids", self._ids)

    @property
    def gap_units(self) -> tuple[str, ...]:
        """Unit of each target's gap (``percentage_point`` for percent-valued targets)."""
        return self._tuple("gap_units", self._gap_units)

    @property
    def basis_units(self) -> tuple[str, ...]:
        """Unit of each target's compared values."""
        return self._tuple("basis_units", self._basis_units)

    def _tuple(self, name: str, given: Texts) -> tuple[str, ...]:
        if isinstance(given, tuple):
            return given
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = tuple(np.asarray(given, dtype=object).tolist())
        return made

    def texts(self, name: str) -> npt.NDArray[np.object_]:
        """``ids``, ``gap_units`` or ``basis_units`` as a read-only object array.

        A million ids cost a tuple of a million strings to make; given as an
        array (as a table's are), this is that array, at no cost.

        Example:
            >>> from innovplan.engine import simple_targets
            >>> cols = TargetColumns.from_arrays(simple_targets(value=[1.0], comparator=[0]))
            >>> cols.texts("ids").tolist(), cols.texts("gap_units").tolist()
            (['0'], ['dimensionless'])
        """
        if name not in _TEXTS:
            raise UnknownIdError("target text column", name, _TEXTS)
        key = f"{name} array"
        made = self._made.get(key)
        if made is None:
            given = getattr(self, f"_{name}")
            if isinstance(given, np.ndarray) and given.dtype == object:
                made = given.view()
            else:
                made = np.empty(len(given), dtype=object)
                made[:] = given
            made.flags.writeable = False
            self._made[key] = made
        return made

    @classmethod
    def from_arrays(
        cls,
        arrays: TargetArrays,
        *,
        ids: Sequence[str] | None = None,
        units: Sequence[str] | None = None,
    ) -> TargetColumns:
        """Wrap pre-built arrays (for bulk work without model objects).

        *ids* default to ``"0", "1", ...``; indicator ``k`` is named ``"k"`` and its
        unit is ``units[k]`` (``"dimensionless"`` when not given).

        Example:
            >>> from innovplan.engine._coltypes import simple_targets
            >>> TargetColumns.from_arrays(simple_targets(value=[1.0], comparator=[0])).ids
            ('0',)
        """
        n = arrays.value.shape[0]
        k = int(arrays.ind.max()) + 1 if n else 0
        unit_list = tuple(units) if units is not None else ("dimensionless",) * k
        # Per-row units by array indexing, not a loop over rows.
        own = np.array(unit_list, dtype=object)[arrays.ind] if n else np.zeros(0, dtype=object)
        percent = np.asarray(arrays.percent, dtype=bool)
        gap = np.where(percent, PP, own).astype(object)
        basis = np.where(percent, PERCENT, own).astype(object)
        return cls(
            arrays,
            tuple(ids) if ids is not None else tuple(map(str, range(n))),
            tuple(map(str, range(k))),
            unit_list,
            gap,
            basis,
        )


@attrs.frozen(eq=False)
class ObservationColumns:
    """Observations as engine columns, sorted by indicator code, period and release.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import ObservationArrays
        >>> cols = ObservationColumns(ObservationArrays(np.array([0]), np.array([2023.0]),
        ...     np.array([2024.0]), np.array([2024.1]), np.array([53.0]),
        ...     np.zeros(1, np.int8), np.zeros(1, bool)))
        >>> len(cols)
        1

    Attributes:
        arrays: The columns the kernels read.
        observations: The model objects in the same order, when built from them
            (or made on access, for columns built from arrays).
        one_per_period: The rows are strictly ascending by ``(ind, start,
            end)``: no period has a second release, and a selection of
            vintages without ``as_of`` keeps every row in order.
    """

    arrays: ObservationArrays
    observations: Sequence[Observation] | None = None
    one_per_period: bool = False

    def __len__(self) -> int:
        return int(self.arrays.value.shape[0])


def _tolerance_columns(
    target: Target,
    default: Tolerance | None,
    i: int,
    tol_abs: _Batch,
    tol_rel: npt.NDArray[np.float64],
) -> None:
    tol = target.tolerance or default
    if tol is None:
        return
    if tol.relative is not None:
        tol_rel[i] = tol.relative
    elif tol.absolute is not None:
        tol_abs.add(
            i, tol.absolute, _basis_unit(target), f"target {target.id!r} tolerance", points=True
        )


def build_targets(
    targets: Sequence[Target],
    *,
    indicator_codes: dict[str, int] | None = None,
    tolerance: Tolerance | None = None,
) -> TargetColumns:
    """Targets to columns.

    Args:
        targets: The targets, in the order the results will have.
        indicator_codes: Indicator id to code; filled in as new indicators appear.
        tolerance: ABOUT tolerance for targets that carry none.

    Raises:
        UnitMismatchError: A value, milestone, tolerance or baseline does not fit.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> share = Indicator("digital_share", "digital economy core share",
        ...                   unit="percent", measure=Measure.SHARE)
        >>> t12 = Target("T12", share, Comparator.ABOUT, Q_(11, "percent"), "2023-12-31")
        >>> build_targets([t12]).gap_units
        ('percentage_point',)
    """
    codes = {} if indicator_codes is None else indicator_codes
    n = len(targets)
    value, upper, base = _Batch(n), _Batch(n), _Batch(n)
    tol_abs = _Batch(n)
    tol_rel = np.full(n, np.nan)
    ind = np.empty(n, dtype=np.int64)
    units: dict[int, str] = {}
    ordinals = np.empty((n, 3), dtype=np.int64)
    base_ord = np.zeros(n, dtype=np.int64)
    has_base = np.zeros(n, dtype=bool)
    ms_counts = np.zeros(n, dtype=np.int64)
    ms_items: list[tuple[Target, Any]] = []
    for i, t in enumerate(targets):
        where = f"target {t.id!r}"
        code = codes.setdefault(t.indicator.id, len(codes))
        ind[i] = code
        units.setdefault(code, engine_unit(t.indicator))
        dest = _basis_unit(t)
        value.add(i, t.value, dest, where, points=True)
        if t.upper is not None:
            upper.add(i, t.upper, dest, where, points=True)
        if t.baseline is not None:
            base.add(i, t.baseline.value, engine_unit(t.indicator), f"{where} baseline")
            base_ord[i] = (t.baseline.period.end + dt.timedelta(days=1)).toordinal()
            has_base[i] = True
        _tolerance_columns(t, tolerance, i, tol_abs, tol_rel)
        window = t.period_start
        after = t.deadline + dt.timedelta(days=1)
        # The deadline's period: at most the year that ends on the deadline, from
        # the target's own start or 1 January (a plan's start does not cut a
        # flow's year short).
        own = t.start or dt.date(t.deadline.year, 1, 1)
        ordinals[i] = (
            max(own, _year_before(after)).toordinal(),
            after.toordinal(),
            window.toordinal(),
        )
        ms_counts[i] = len(t.milestones)
        ms_items.extend((t, m) for m in t.milestones)
    ms_value = _Batch(len(ms_items))
    ms_ord = np.empty(len(ms_items), dtype=np.int64)
    for j, (t, m) in enumerate(ms_items):
        ms_value.add(
            j, m.value, _basis_unit(t), f"target {t.id!r} milestone {m.deadline}", points=True
        )
        ms_ord[j] = (m.deadline + dt.timedelta(days=1)).toordinal()
    ms_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(ms_counts, out=ms_indptr[1:])
    base_time = np.where(has_base, frac_years(np.where(has_base, base_ord, _EPOCH)), np.nan)
    percent = np.fromiter((_percent_valued(t) for t in targets), dtype=bool, count=n)
    arrays = TargetArrays(
        ind=ind,
        comparator=c.codes(t.comparator for t in targets),
        direction=c.codes(t.indicator.direction for t in targets),
        measure=c.codes(t.indicator.measure for t in targets),
        basis=c.codes(t.basis for t in targets),
        value=value.convert(),
        upper=upper.convert(),
        start=frac_years(ordinals[:, 0]) if n else np.zeros(0),
        end=frac_years(ordinals[:, 1]) if n else np.zeros(0),
        tol_abs=tol_abs.convert(),
        tol_rel=tol_rel,
        percent=percent,
        base_value=base.convert(),
        base_time=base_time if n else np.zeros(0),
        ms_indptr=ms_indptr,
        ms_end=frac_years(ms_ord) if ms_items else np.zeros(0),
        ms_value=ms_value.convert(),
        window=frac_years(ordinals[:, 2]) if n else np.zeros(0),
        only_grows=np.fromiter((t.indicator.only_grows for t in targets), dtype=bool, count=n),
    )
    unit_list = tuple(units.get(k, "dimensionless") for k in range(len(codes)))
    return TargetColumns(
        arrays=arrays,
        ids=tuple(t.id for t in targets),
        indicators=tuple(sorted(codes, key=codes.__getitem__)),
        units=unit_list,
        gap_units=tuple(
            PP if p else unit_list[k] for k, p in zip(ind.tolist(), percent.tolist(), strict=True)
        ),
        basis_units=tuple(_basis_unit(t) for t in targets),
        targets=tuple(targets),
    )


def unit_dest(
    unit: PlainUnit, indicator: Indicator, level_units: dict[str, str]
) -> tuple[str, bool]:
    """Where values in *unit* go, and whether they are levels for a GROWTH indicator.

    Levels of a GROWTH indicator (from which growth is computed) stay in the
    first unit seen for that indicator, kept in *level_units*.

    Example:
        >>> from innovplan.model import Indicator, Measure
        >>> from innovplan.units import registry
        >>> g = Indicator("gdp", "GDP growth", unit="percent", measure=Measure.GROWTH)
        >>> unit_dest(registry().Unit("yuan"), g, {})
        ('yuan', True)
    """
    if indicator.measure is Measure.GROWTH and not unit.dimensionless:
        if str(unit.dimensionality) == "[percentage_point]":
            return engine_unit(indicator), False  # refused by the conversion, with the target named
        return level_units.setdefault(indicator.id, str(unit)), True
    return engine_unit(indicator), False


def _observation_dest(
    o: Observation, indicator: Indicator, level_units: dict[str, str]
) -> tuple[str, bool]:
    """Where an observation's value goes, and whether it is a level for a GROWTH indicator."""
    return unit_dest(o.value.units, indicator, level_units)


def _figure(o: Observation) -> tuple[object, ...]:
    """Everything an observation says, with the unit as text: equal only for exact copies."""
    return (
        o.indicator,
        o.value.magnitude,
        str(o.value.units),
        o.period,
        o.released,
        o.bound,
        o.source,
        o.status,
        o.note,
    )


def _without_duplicates(  # noqa: PLR0917 (private, the columns of one batch)
    kept: Sequence[Observation],
    order: npt.NDArray[np.int64],
    ind: npt.NDArray[np.int64],
    ords: npt.NDArray[np.int64],
    level: npt.NDArray[np.bool_],
    figures: tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]],
    positions: Sequence[int],
) -> npt.NDArray[np.int64]:
    """Drop exact copies; refuse two different figures for one period and release.

    Vintage selection takes the latest release of each period. Two observations
    of the same indicator and period released on the same day (a missing
    release date counts as the period's last day) leave nothing to choose by
    but their order in the input, so they must say the same thing: exact
    copies are kept once, anything else is an error naming both. (A level and
    a rate of a GROWTH indicator for one period are two figures, not a clash.)

    Raises:
        EvaluationError: Two observations share indicator, period and release
            but differ in value, bound or any other field.
    """
    if order.shape[0] < 2:
        return order
    o_ind, o_ords, o_level = ind[order], ords[order], level[order]
    same = (o_ind[1:] == o_ind[:-1]) & (o_ords[1:] == o_ords[:-1]).all(axis=1)
    same &= o_level[1:] == o_level[:-1]
    if not same.any():
        return order
    drop = np.zeros(order.shape[0], dtype=bool)
    for j in np.flatnonzero(same).tolist():
        # Compare with the first of the run: a run of copies collapses to it.
        first = j
        while first > 0 and same[first - 1]:
            first -= 1
        a, b = int(order[first]), int(order[j + 1])
        if _figure(kept[a]) == _figure(kept[b]):
            drop[j + 1] = True
            continue
        raise _conflict(kept[a], kept[b], positions[a], positions[b], figures, a, b)
    out: npt.NDArray[np.int64] = order[~drop]
    return out


def _conflict(  # noqa: PLR0917 (private, one message)
    x: Observation,
    y: Observation,
    px: int,
    py: int,
    figures: tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]],
    a: int,
    b: int,
) -> EvaluationError:
    first, second = (x, y) if px < py else (y, x)
    pf, ps = min(px, py), max(px, py)

    def when(o: Observation) -> str:
        return f"released {o.released}" if o.released else "with no release date"

    released = when(first)
    if first.released != second.released:
        # Vintage selection reads a missing release date as the period's last day.
        released = f"{when(first)} and {when(second)} (the period's last day)"
    value, bound = figures
    if value[a] != value[b] or bound[a] != bound[b]:
        what = f"{_shown(first)} and {_shown(second)}"
    else:
        what = f"the same figure with different details ({_shown(first)} twice)"
    msg = (
        f"observations #{pf} and #{ps} of {x.indicator!r} for {x.period}, {released}, "
        f"disagree: {what}. Keep one, or give a revision a later release date "
        "(the latest release of a period wins)"
    )
    return EvaluationError(msg)


def _shown(o: Observation) -> str:
    mark = {"at_least": "≥ ", "at_most": "≤ "}.get(o.bound.value, "")
    text = f"{mark}{o.value.magnitude!r} {o.value.units!s}"
    if o.source is not None:
        text += f" from {o.source.title!r}"
    return text


def build_observations(
    observations: Iterable[Observation],
    indicators: Mapping[str, tuple[int, Indicator, str]],
    series: Mapping[tuple[str, Group], int] | None = None,
) -> ObservationColumns:
    """Observations to columns, keeping those of the given indicators.

    Args:
        observations: Observations in any order, every vintage.
        indicators: Indicator id to ``(code, indicator, first target id)``; the
            target id names the target in a unit mismatch error.
        series: With groups, (indicator id, group) to series code: only the
            observations of these series are kept, coded by series.

    Raises:
        UnitMismatchError: An observation's unit does not fit its indicator.

    Example:
        >>> from innovplan import parse_quantity
        >>> from innovplan.model import Indicator, Measure, Observation
        >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise",
        ...                 measure=Measure.LEVEL)
        >>> oc = build_observations([Observation("hte", parse_quantity("1.45万家"), "2023-12-31")],
        ...                         {"hte": (0, hte, "T8")})
        >>> oc.arrays.value.tolist()
        [14500.0]
    """
    if series is None:
        pairs = [(j, o) for j, o in enumerate(observations) if o.indicator in indicators]
    else:
        pairs = [
            (j, o) for j, o in enumerate(observations) if (o.indicator, o.dimensions) in series
        ]
    kept = [o for _, o in pairs]
    positions = [j for j, _ in pairs]
    n = len(kept)
    values = _Batch(n)
    level = np.zeros(n, dtype=bool)
    level_units: dict[str, str] = {}
    ind = np.empty(n, dtype=np.int64)
    ords = np.empty((n, 3), dtype=np.int64)
    bound = np.empty(n, dtype=np.int8)
    for i, o in enumerate(kept):
        code, indicator, target_id = indicators[o.indicator]
        dest, is_level = _observation_dest(o, indicator, level_units)
        values.add(
            i, o.value, dest, f"target {target_id!r} (observation of {o.indicator!r}, {o.period})"
        )
        level[i] = is_level
        ind[i] = code if series is None else series[o.indicator, o.dimensions]
        end = o.period.end
        ords[i] = (
            o.period.start.toordinal(),
            (end + dt.timedelta(days=1)).toordinal(),
            (o.released or end).toordinal(),
        )
        bound[i] = c.code(o.bound)
    value = values.convert()
    order = np.lexsort((level, ords[:, 2], ords[:, 1], ords[:, 0], ind))
    order = _without_duplicates(kept, order, ind, ords, level, (value, bound), positions)
    start = frac_years(ords[:, 0]) if n else np.zeros(0)
    stop = frac_years(ords[:, 1]) if n else np.zeros(0)
    known = frac_years(ords[:, 2]) if n else np.zeros(0)
    arrays = ObservationArrays(
        ind[order],
        start[order],
        stop[order],
        known[order],
        value[order],
        bound[order],
        level[order],
    )
    return ObservationColumns(arrays, tuple(kept[k] for k in order.tolist()))


def build(
    targets: Sequence[Target],
    observations: Iterable[Observation],
    *,
    tolerance: Tolerance | None = None,
) -> tuple[TargetColumns, ObservationColumns]:
    """Targets and the observations of their indicators, as columns sharing indicator codes.

    Raises:
        UnitMismatchError: A value does not fit its indicator; the target is named.
        ModelError: Two targets name the same indicator id with different definitions.

    Example:
        >>> tc, oc = build([], [])
        >>> len(tc), len(oc)
        (0, 0)
    """
    if not isinstance(observations, Sequence):
        observations = list(observations)
    if needs_groups(targets, observations):
        from innovplan.engine._grouped import build_grouped

        return build_grouped(targets, observations, tolerance=tolerance)
    codes: dict[str, int] = {}
    tc = build_targets(targets, indicator_codes=codes, tolerance=tolerance)
    return tc, build_observations(observations, indicator_table(targets, codes))


def indicator_table(
    targets: Sequence[Target], codes: dict[str, int]
) -> dict[str, tuple[int, Indicator, str]]:
    """Indicator id to ``(code, indicator, first target id)``, as observations are built with.

    Raises:
        ModelError: Two targets name the same indicator id with different definitions.

    Example:
        >>> indicator_table([], {})
        {}
    """
    known: dict[str, tuple[int, Indicator, str]] = {}
    for t in targets:
        if t.indicator.id not in known:
            known[t.indicator.id] = (codes[t.indicator.id], t.indicator, t.id)
        elif known[t.indicator.id][1] != t.indicator:
            from innovplan.errors import ModelError

            msg = f"indicator {t.indicator.id!r} is defined twice, differently (see {t.id!r})"
            raise ModelError("targets", "indicator", msg)
    return known
