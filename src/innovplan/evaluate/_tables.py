"""Targets and observations as long tables, straight to the engine's columns.

:func:`target_columns` and :func:`observation_columns` read a table's columns
as numpy arrays (see ``docs/tables.md`` for names, types and defaults) and
build :class:`~innovplan.engine.TargetColumns` and
:class:`~innovplan.engine.ObservationColumns` with array operations: no model
object per row and no Python loop over rows. Texts (ids, unit names, enum
names, dates, periods) are read once per distinct value; values are converted
with one pint conversion per distinct pair of unit and engine unit. The model
objects a result row shows (:class:`~innovplan.model.Target`,
:class:`~innovplan.model.Observation`) are made when that row is read.

The rules are those of the model classes: a table row is refused where the
same :class:`~innovplan.model.Target` or :class:`~innovplan.model.Observation`
would be, and the error names the table, the row and the column.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.engine import (
    ObservationArrays,
    ObservationColumns,
    TargetArrays,
    TargetColumns,
    frac_years,
    unit_dest,
)
from innovplan.errors import (
    EvaluationError,
    ModelError,
    RefusedUnitError,
    UnitError,
    UnitMismatchError,
)
from innovplan.evaluate._cells import Table, shown
from innovplan.model import (
    Basis,
    Bound,
    Comparator,
    Direction,
    Group,
    Indicator,
    Measure,
    Nature,
    Observation,
    Period,
    Plan,
    Target,
    Tolerance,
    Wording,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from innovplan.evaluate._assessments import Assessments
    from innovplan.evaluate._rollup import Rollup
    from innovplan.units import Quantity

__all__ = [
    "OBSERVATIONS",
    "TARGETS",
    "TableObservations",
    "TableTargets",
    "columns",
    "flat_plan",
    "flat_rollup",
    "is_observation_table",
    "observation_columns",
    "observation_rows",
    "raw_observations",
    "table_rows",
    "target_columns",
    "unique_ids",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
# Below this many rows the calendar arithmetic runs row by row.
_SPAN_MIN = 64

TARGETS = "targets table"
OBSERVATIONS = "observations table"
_EPOCH = dt.date(1970, 1, 1).toordinal()
PERCENT = "percent"
PP = "percentage_point"
# The unit names as object cells: np.where with a str scalar makes a new str
# for every row it fills; one object cell is shared by all of them.
_PERCENT_CELL = np.array(PERCENT, dtype=object)
_PP_CELL = np.array(PP, dtype=object)
_BASES = tuple(Basis)
_PERCENT_BASES = (_BASES.index(Basis.PERCENT_CHANGE), _BASES.index(Basis.AVERAGE_ANNUAL))
_AMOUNT_BASES = tuple(_BASES.index(b) for b in (Basis.VALUE, Basis.CUMULATIVE, Basis.EVERY_YEAR))
_CHANGE = _BASES.index(Basis.CHANGE)
_CUMULATIVE = _BASES.index(Basis.CUMULATIVE)
_MEASURES = tuple(Measure)
_DIRECTIONS = tuple(Direction)
_SUMMABLE = (_MEASURES.index(Measure.FLOW), _MEASURES.index(Measure.GROWTH))
_BETWEEN = tuple(Comparator).index(Comparator.BETWEEN)
_BINDING = tuple(Nature).index(Nature.BINDING)
# Observation columns holding a dimension's codes, as CSV files name them.
DIMENSION_PREFIX = "dim:"


def _by_day(func: Callable[[IntArray], npt.NDArray[Any]], days: IntArray) -> npt.NDArray[Any]:
    """*func* of each day, worked out once per day of the column's span when that is shorter.

    A million targets hold a few deadlines: the calendar arithmetic runs over
    the days from the first to the last, and rows pick their day's answer.
    *func* works day by day, so every row gets the same value either way.
    """
    n = days.shape[0]
    if n < _SPAN_MIN:
        return func(days)
    lo, hi = int(days.min()), int(days.max())
    if hi - lo + 1 >= n:
        return func(days)
    return func(np.arange(lo, hi + 1, dtype=np.int64))[days - lo]


def _fracs(days: IntArray) -> FloatArray:
    if not days.shape[0]:
        return np.zeros(0)
    n = days.shape[0]
    if n >= _SPAN_MIN:
        lo, hi = int(days.min()), int(days.max())
        if hi - lo + 1 < n:
            return _span_fracs(lo, hi)[days - lo]
    return frac_years(days + _EPOCH)


def _span_fracs(lo: int, hi: int) -> FloatArray:
    """:func:`frac_years` of the days *lo* to *hi*, built year by year.

    The same sum and quotient per day as ``frac_years`` (so the same bits),
    with the calendar worked out once per year instead of once per day.
    """
    ends = np.array([lo, hi], dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]")
    first_year, last_year = ends.astype(np.int64).tolist()
    years = np.arange(first_year, last_year + 2, dtype=np.int64)
    jan1 = years.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    lengths = np.diff(jan1)
    year = np.repeat(years[:-1] + 1970, lengths)
    offset = np.arange(jan1[-1] - jan1[0], dtype=np.int64) - np.repeat(jan1[:-1] - jan1[0], lengths)
    frac: FloatArray = year + offset.astype(np.float64) / np.repeat(lengths, lengths).astype(
        np.float64
    )
    return frac[lo - jan1[0] : hi - jan1[0] + 1]


def _fracs_of(columns: tuple[IntArray, ...]) -> tuple[FloatArray, ...]:
    """:func:`_fracs` of several columns of days, over their common span when it is shorter."""
    n = columns[0].shape[0]
    if n < _SPAN_MIN:
        return tuple(_fracs(d) for d in columns)
    lo = min(int(d.min()) for d in columns)
    hi = max(int(d.max()) for d in columns)
    if hi - lo + 1 >= n:
        return tuple(_fracs(d) for d in columns)
    each = _span_fracs(lo, hi)
    return tuple(each[d - lo] for d in columns)


def _date(days: int) -> dt.date:
    return dt.date.fromordinal(int(days) + _EPOCH)


def _ymd(days: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    m = d.astype("datetime64[M]")
    year = y.astype(np.int64) + 1970
    month = (m - y.astype("datetime64[M]")).astype(np.int64) + 1
    day = (d - m.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def _from_ymd(year: IntArray, month: IntArray, day: IntArray) -> IntArray:
    m = (year - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    out: IntArray = (m.astype("datetime64[D]") + (day - 1)).astype(np.int64)
    return out


def _year_before(days: IntArray) -> IntArray:
    """The same day a year earlier (28 February for a 29th)."""
    out: IntArray = _by_day(_year_before_each, days)
    return out


def _year_before_each(days: IntArray) -> IntArray:
    year, month, day = _ymd(days)
    day = np.where((month == 2) & (day == 29), 28, day)
    return _from_ymd(year - 1, month, day)


def _january_first(days: IntArray) -> IntArray:
    out: IntArray = _by_day(_january_first_each, days)
    return out


def _january_first_each(days: IntArray) -> IntArray:
    year, _, _ = _ymd(days)
    ones = np.ones_like(year)
    return _from_ymd(year, ones, ones)


def _distinct_days(days: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct days, ascending, and each row's index into them (as ``np.unique``).

    Deadlines span a few decades: counting over the span finds them without a sort.
    """
    lo, hi = int(days.min()), int(days.max())
    if hi - lo + 1 > 64 * days.shape[0]:
        each, at = np.unique(days, return_inverse=True)
        return each, at.reshape(-1)
    offset = days - lo
    present = np.flatnonzero(np.bincount(offset))
    index = np.zeros(hi - lo + 1, dtype=np.int64)
    index[present] = np.arange(present.shape[0], dtype=np.int64)
    return present + lo, index[offset]


def _target_years(  # noqa: PLR0917 (private; the date columns of one table)
    deadline: IntArray,
    start: IntArray,
    no_start: BoolArray,
    plan: IntArray,
    no_plan: BoolArray,
    year_days: tuple[IntArray, IntArray] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Fractional years of each target's period start, end (the day after its deadline) and window.

    The period starts on 1 January of the deadline's year or the target's own
    start, and no earlier than a year before its end; the window starts at the
    target's own start, else its plan's, else its period's. A table without
    start columns holds few deadlines: each is worked out once and rows pick theirs,
    once per year of their span when *year_days* (:meth:`Table.year_days`) has them.
    """
    n = deadline.shape[0]
    if n >= _SPAN_MIN and no_start.all() and no_plan.all():
        # (Days absent from the column are worked out too, and never picked.)
        days, at = year_days if year_days is not None else _distinct_days(deadline)
        jan1 = _january_first_each(days)
        period_start = np.maximum(jan1, _year_before_each(days + 1))
        window = np.minimum(jan1, days)
        start_f, end_f, window_f = _fracs_of((period_start, days + 1, window))
        return start_f[at], end_f[at], window_f[at]
    after = deadline + 1
    jan1 = _january_first(deadline)
    own = np.where(no_start, jan1, start)
    period_start = np.maximum(own, _year_before(after)) if n else own
    window = np.where(no_start, np.minimum(np.where(no_plan, jan1, plan), deadline), start)
    return _fracs(period_start), _fracs(after), _fracs(window)


class _Units:
    """Unit texts of a column read through the unit grammar, once per distinct text."""

    def __init__(self, table: Table, column: str, texts: npt.NDArray[Any] | None = None) -> None:
        from innovplan.units import parse_unit

        if texts is None:  # the column itself, a unit in every row
            cells, first, inverse = table.text_distinct(column, required=True)
        else:
            # The column itself: its answer is kept.
            own = table.columns.loaded(column) and texts is table.columns[column]
            cells, first, inverse = table.distinct(texts, column if own else None)
        self.names: list[str] = []
        self.units: list[Any] = []
        for k, cell in enumerate(cells):  # once per distinct unit text
            try:
                unit = parse_unit(str(cell))
            except UnitError as exc:
                said = str(exc) if isinstance(exc, RefusedUnitError) else f"unit {cell!r}: {exc}"
                raise table.fail(int(first[k]), column, said) from None
            self.units.append(unit)
            self.names.append(str(unit))
        self.code = inverse
        self.first = first


@functools.lru_cache(maxsize=256)
def _unit(ureg: Any, text: str) -> Any:
    """The unit *text* of registry *ureg*, read once (the registry refuses redefinitions).

    Example:
        >>> from innovplan.units import registry
        >>> _unit(registry(), "percent") is _unit(registry(), "percent")
        True
    """
    return ureg.Unit(text)


def _converted(ureg: Any, mags: FloatArray, unit: str, dest: str) -> Any:
    """Magnitudes *mags* from *unit* to *dest*, as ``Quantity(mags, unit).to(dest)`` gives them.

    The registry's ``convert`` with the units read once: the same conversion
    (pint's own, offsets and contexts included) without making the
    quantities and reading the unit texts for every batch, about 15 µs each.

    Example:
        >>> from innovplan.units import registry
        >>> _converted(registry(), np.array([0.5, 2.0]), "dimensionless", "percent").tolist()
        [50.0, 200.0]
    """
    return ureg.convert(mags, _unit(ureg, unit), _unit(ureg, dest))


def _convert(  # noqa: PLR0917 (private; one column of one batch)
    table: Table,
    column: str,
    mags: FloatArray,
    units: list[str],
    unit_code: IntArray,
    dests: list[str],
    dest_code: IntArray,
    rows: IntArray,
    *,
    points: bool,
    copy: bool = True,
) -> FloatArray:
    """Magnitudes of *rows* converted to their destinations, once per (unit, destination).

    With *points*, percentage points go to a percent destination unchanged (a
    difference of percents on the percent scale), as a target's change does.
    Without *copy*, a whole column that no conversion changes is *mags* itself.
    """
    import pint

    from innovplan.units import registry

    ureg = registry()
    if rows.size == 0:
        return np.full(mags.shape[0], np.nan)
    if rows.shape[0] == mags.shape[0] and _one_value(unit_code) and _one_value(dest_code):
        # Every row, one unit and one destination: the whole column converted at once.
        unit, dest = units[int(unit_code[0])], dests[int(dest_code[0])]
        if unit == dest or (points and dest == PERCENT and unit == PP):
            return mags.copy() if copy else mags
        try:
            with np.errstate(over="ignore"):  # inf is caught by the overflow guards
                whole: FloatArray = np.asarray(_converted(ureg, mags, unit, dest), dtype=np.float64)
        except pint.DimensionalityError:
            expected = f"{dest} ({ureg.Unit(dest).dimensionality})"
            where = f"{table.what} row {int(rows[0])}, column {column!r}"
            raise UnitMismatchError(unit, expected, where) from None
        return whole
    out = np.full(mags.shape[0], np.nan)
    width = len(dests) + 1
    if rows.shape[0] == mags.shape[0]:  # every row, in order (rows are ascending)
        key = unit_code * width + dest_code
    else:
        key = unit_code[rows] * width + dest_code[rows]
    present = np.flatnonzero(np.bincount(key, minlength=len(units) * width))
    for pair in present.tolist():  # once per distinct (unit, destination)
        unit, dest = units[pair // width], dests[pair % width]
        sel = rows if present.shape[0] == 1 else rows[key == pair]
        if unit == dest or (points and dest == PERCENT and unit == PP):
            if sel.shape[0] == mags.shape[0]:  # every row, one unit: a copy
                out[:] = mags
            else:
                out[sel] = mags[sel]
            continue
        try:
            with np.errstate(over="ignore"):  # inf is caught by the overflow guards
                out[sel] = _converted(ureg, mags[sel], unit, dest)
        except pint.DimensionalityError:
            expected = f"{dest} ({ureg.Unit(dest).dimensionality})"
            where = f"{table.what} row {int(sel[0])}, column {column!r}"
            raise UnitMismatchError(unit, expected, where) from None
    return out


def _filled(n: int, text: str) -> npt.NDArray[np.object_]:
    """An object column of *n* rows of *text*, filled (``np.full`` of an object is slower)."""
    out = np.empty(n, dtype=object)
    out.fill(text)
    return out


def _among(codes: npt.NDArray[np.integer[Any]], values: tuple[int, ...]) -> BoolArray:
    """Whether each code is one of a few *values* (``np.isin``'s answer, one comparison each).

    Example:
        >>> _among(np.array([0, 2, 5]), (2, 5)).tolist()
        [False, True, True]
    """
    out: BoolArray = codes == values[0]
    for value in values[1:]:
        out |= codes == value
    return out


def _one_value(codes: IntArray) -> bool:
    """Whether every code is the same (an empty column holds one value too)."""
    if codes.shape[0] and codes.strides[0] == 0:  # one cell standing for every row
        return True
    return codes.shape[0] == 0 or int(codes.min()) == int(codes.max())


def _all_same(codes: IntArray, n: int) -> IntArray:
    """*n* rows of the one code of *codes* (its first), one read-only cell standing for them.

    Example:
        >>> _all_same(np.array([3, 3]), 4).tolist()
        [3, 3, 3, 3]
    """
    out: IntArray = np.broadcast_to(codes[:1], (n,)) if codes.shape[0] else np.zeros(n, np.int64)
    return out


def _numbers_in_order(codes: IntArray) -> bool:
    """Whether *codes* are 0, 1, 2, ...: each code its own position.

    Example:
        >>> _numbers_in_order(np.array([0, 1, 2])), _numbers_in_order(np.array([0, -1, 2]))
        (True, False)
    """
    n = codes.shape[0]
    return n == 0 or (int(codes[0]) == 0 and bool(np.all(codes[1:] - codes[:-1] == 1)))


class _Definitions(Sequence[Indicator]):
    """The distinct indicators of a target table as columns; an ``Indicator`` is made when read.

    Indicators sharing a definition (unit, measure, direction, only_grows)
    are checked once, through the first of them: the model's other rules (the
    id pattern, checked over the column) do not depend on the definition.
    """

    def __init__(  # noqa: PLR0917 (one column per field of Indicator)
        self,
        ids: list[str],
        names: list[str],
        units: list[str],
        measure: IntArray,
        direction: IntArray,
        only_grows: BoolArray,
        kind: IntArray,
        made: dict[int, Indicator],
    ) -> None:
        self.ids, self.names, self.units = ids, names, units
        self.measure, self.direction, self.only_grows = measure, direction, only_grows
        self.kind = kind  # per indicator: its definition's first indicator
        self._made = made

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, k: int) -> Indicator: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[Indicator]: ...
    def __getitem__(self, k: int | slice) -> Indicator | Sequence[Indicator]:
        if isinstance(k, slice):
            return tuple(self[j] for j in range(len(self))[k])
        k = range(len(self))[k]
        made = self._made.get(k)
        if made is None:
            made = self._made[k] = Indicator(
                self.ids[k],
                self.names[k],
                unit=self.units[k],
                measure=_MEASURES[int(self.measure[k])],
                direction=_DIRECTIONS[int(self.direction[k])],
                only_grows=bool(self.only_grows[k]),
            )
        return made

    def like(self, k: int) -> Indicator:
        """An indicator with the definition of indicator *k* (the first one so defined)."""
        return self[int(self.kind[k])]


@attrs.frozen(eq=False)
class _Indicators:
    """The distinct indicators of a target table."""

    objects: _Definitions  # in order of first appearance
    local: IntArray  # per row: its indicator's position in *objects*
    code: IntArray  # per row: the indicator's code, shared with observations
    first: IntArray  # per indicator: its first row


def _indicators(table: Table, codes: dict[str, int] | None) -> _Indicators:
    """The distinct indicators of a target table; *codes* None: coded by their positions."""
    cells, first, inverse = table.text_distinct("indicator", required=True)
    # Codes follow the first appearance of each indicator, as for objects.
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.shape[0])
    # Optional columns are read only when given (their defaults are never compared).
    unit_given = "indicator_unit" in table
    unit_text = table.texts("indicator_unit", "") if unit_given else np.zeros(0, object)
    unit_cells, _, unit_code = table.text_distinct("unit", required=True)
    names = table.texts("indicator_name", "") if "indicator_name" in table else unit_text[:0]
    measure = table.codes("measure", Measure)
    direction = table.codes("direction", Direction, Direction.INCREASE)
    only_grows = table.bools("only_grows")
    row_code = rank[inverse]
    first_sorted = first[order]
    # One definition per indicator id: every row agrees with the first of its id.
    for column, col in (
        ("indicator_unit", unit_text),
        ("indicator_name", names),
        ("measure", measure),
        ("direction", direction),
        ("only_grows", only_grows),
    ):
        if column not in table:  # every row has the default: nothing can differ
            continue
        differs = np.flatnonzero(col != col[first_sorted[row_code]])
        if differs.size:
            row = int(differs[0])
            head = int(first_sorted[row_code[row]])
            msg = (
                f"indicator {shown(table.cell('indicator', row))} is defined twice, differently: "
                f"{shown(table.cell(column, row))} here, {shown(table.cell(column, head))} "
                f"in row {head}; one indicator has one definition"
            )
            raise table.fail(row, column, msg)
    if first.shape[0] < 2 or bool(np.all(first[1:] > first[:-1])):  # in order of appearance
        read = table.arrow_cells("indicator")
        # Texts read from Arrow are str already (str() of one is itself).
        out_ids = list(cells) if read is not None and read[1] is cells else list(map(str, cells))
    else:
        out_ids = list(map(str, np.array(cells, dtype=object)[order].tolist()))
    _check_ids(table, "indicator", out_ids, rows=first_sorted)
    if unit_given:
        given = unit_text[first_sorted]
        own_units = [unit_cells[c] for c in unit_code[first_sorted].tolist()]
        units = [str(g) if g else str(v) for g, v in zip(given.tolist(), own_units, strict=True)]
    else:  # each distinct unit's text once, then one per indicator
        unit_texts = list(map(str, unit_cells))
        units = (
            unit_texts * first_sorted.shape[0]  # one unit throughout
            if len(unit_texts) == 1
            else [unit_texts[c] for c in unit_code[first_sorted].tolist()]
        )
    ind_measure = measure[first_sorted]
    ind_direction = direction[first_sorted]
    ind_grows = only_grows[first_sorted]
    # Indicators of one definition are checked once: the first of them is built.
    kind = _first_of_kind(
        None if unit_given else unit_code[first_sorted], units, ind_measure, ind_direction,
        ind_grows,
    )  # fmt: skip
    if "indicator_name" in table:
        titles = names[first_sorted].astype(str).tolist()
        titles = [t or i for t, i in zip(titles, out_ids, strict=True)]
    else:  # every title is blank: each indicator is titled by its id
        titles = list(out_ids)
    definitions = _Definitions(
        out_ids,
        titles,
        units,
        ind_measure,
        ind_direction,
        ind_grows,
        kind,
        {},
    )
    # Once per definition, in order of first appearance: the indicators that are their kind's first.
    for k in np.flatnonzero(kind == np.arange(kind.shape[0])).tolist():
        try:
            definitions[k]
        except (ModelError, UnitError) as exc:
            raise table.fail(int(first_sorted[k]), "indicator", str(exc)) from None
    # Without codes: the table's own, each indicator's position (no dict).
    shared = row_code if codes is None else _number(out_ids, codes)[row_code]
    return _Indicators(definitions, row_code, shared, first_sorted)


def _first_of_kind(
    unit_code: IntArray | None,
    units: list[str],
    measure: IntArray,
    direction: IntArray,
    grows: BoolArray,
) -> IntArray:
    """Per indicator, the position of the first indicator of its definition.

    A definition is (unit, measure, direction, only_grows). With *unit_code*
    (each indicator's unit as a code, one per distinct unit text) the
    definitions are numbers, found with one sort (none when every indicator
    has the same definition); else one dict per text.
    """
    if unit_code is not None:
        key = ((unit_code * len(Measure) + measure) * len(Direction) + direction) * 2 + grows
        if key.shape[0] and bool(np.all(key == key[0])):  # one definition: no sort
            return np.zeros(key.shape[0], dtype=np.int64)
        _, head, at = np.unique(key, return_index=True, return_inverse=True)
        out: IntArray = head[at.reshape(-1)].astype(np.int64)
        return out
    kinds: dict[tuple[str, int, int, bool], int] = {}
    keys = zip(units, measure.tolist(), direction.tolist(), grows.tolist(), strict=True)
    # map() with a bound method keeps these per-indicator passes in C.
    return np.fromiter(map(kinds.setdefault, keys, itertools.count()), dtype=np.int64,
                       count=len(units))  # fmt: skip


def _number(ids: list[str], codes: dict[str, int]) -> IntArray:
    """The codes of distinct *ids*, giving new ones the next free codes in order."""
    if not codes:  # no codes yet: the ids are numbered in order
        codes.update(zip(ids, itertools.count()))
        return np.arange(len(ids), dtype=np.int64)
    for ident in ids:
        codes.setdefault(ident, len(codes))
    return np.array([codes[i] for i in ids], dtype=np.int64)


def _check_counts(
    table: Table, column: str, mags: FloatArray, units: _Units, rows: BoolArray
) -> None:
    from innovplan.units import is_countable

    countable = np.array([is_countable(u) for u in units.units], dtype=bool)
    if not countable.any():  # no count among the units: nothing to look at
        return
    bad = np.flatnonzero(rows & countable[units.code] & (mags < 0))
    if bad.size:
        row = int(bad[0])
        msg = f"a count cannot be negative, got {shown(mags[row])} {units.names[units.code[row]]}"
        raise table.fail(row, column, msg)


def _check_fits(
    table: Table, units: _Units, basis: IntArray, percent: BoolArray, row_ind_dimless: BoolArray
) -> None:
    """Refuse a value unit that does not fit its indicator, as ``Target`` does.

    Other dimensions are refused by the conversion to the indicator's unit.
    """
    pp = np.array([str(u.dimensionality) == "[percentage_point]" for u in units.units], bool)
    dimless = np.array([bool(u.dimensionless) for u in units.units], bool)
    row_pp, row_dimless = pp[units.code], dimless[units.code]
    pct_basis = _among(basis, _PERCENT_BASES)
    rows = np.ones(basis.shape[0], dtype=bool)
    # Percentage points only for a change of a percent-valued indicator.
    bad = rows & row_pp & ~((basis == _CHANGE) & row_ind_dimless)
    bad |= rows & pct_basis & ~row_dimless
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        expect = "dimensionless (percent)" if pct_basis[row] else "the indicator's dimension"
        if percent[row] and not pct_basis[row]:
            expect += "; percentage points only with basis 'change'"
        msg = f"unit {units.names[units.code[row]]!r} does not fit: expected {expect}"
        raise table.fail(row, "unit", msg)


def target_columns(  # noqa: C901, PLR0912, PLR0915 (one table, read top to bottom)
    table: Table,
    *,
    tolerance: Tolerance | None = None,
    indicator_codes: dict[str, int] | None = None,
) -> TargetColumns:
    """A table of targets as engine columns, one array operation per column.

    Args:
        table: The targets' columns (``docs/tables.md``).
        tolerance: ABOUT tolerance for rows that carry none.
        indicator_codes: Indicator id to code; filled in as new indicators appear.
            Without, the table's indicators are coded by their positions (in
            order of first appearance), and no dict of them is made.

    Raises:
        ModelError: A cell is missing, unreadable or breaks a rule of
            :class:`~innovplan.model.Target`; the row and column are named.
        UnitMismatchError: A value's unit does not fit its indicator.

    Example:
        >>> t = Table({"id": ["T8"], "indicator": ["hte"], "comparator": ["more_than"],
        ...            "value": [1.3e4], "unit": ["家"], "deadline": ["2023-12-31"],
        ...            "measure": ["level"]}, "targets table")
        >>> tc = target_columns(t)
        >>> tc.arrays.value.tolist(), tc.units
        ([13000.0], ('家',))
    """
    table.require("id", "indicator", "comparator", "value", "unit", "deadline", "measure")
    _no_groups(table)
    n = len(table)
    # Without codes given the indicators are coded by position, as codes
    # filled from empty would number them (in order of first appearance).
    codes = indicator_codes
    fresh = not codes
    ids = table.texts("id", required=True)
    _check_ids(table, "id", ids)
    ind = _indicators(table, codes)
    comparator = table.codes("comparator", Comparator)
    basis = table.codes("basis", Basis, Basis.VALUE)
    nature = table.codes("nature", Nature, Nature.ANTICIPATORY)
    value = table.floats("value", required=True)
    upper = table.floats("upper")
    units = _Units(table, "unit")

    # Per-row indicator facts, through the indicator's position among the distinct ones.
    objs = ind.objects
    row_local = ind.local
    # Facts of each definition, read from the indicator built for it.
    dimless_of_kind = np.zeros(len(objs), dtype=bool)
    for k in np.unique(objs.kind).tolist():  # once per definition
        dimless_of_kind[k] = bool(objs[k].pint_unit.dimensionless)
    ind_dimless = dimless_of_kind[objs.kind]
    distinct_units = dict.fromkeys(objs.units)
    # One unit for every indicator, all of them dimensionless or none: each
    # column of units below holds one text, filled (picking objects row by
    # row costs about ten times a fill: 6,069 rows, 0.1 ms against 0.01).
    one_unit = len(distinct_units) == 1 and bool(ind_dimless.all() or not ind_dimless.any())
    if one_unit:
        own_unit = next(iter(distinct_units))
        all_dimless = bool(ind_dimless[0])
        eng_unit = PERCENT if all_dimless else own_unit
        eng_units: list[str] = [eng_unit] * len(objs)
        own_units = eng_array = np.zeros(0, object)  # (not read)
    else:
        own_units = np.array(objs.units, dtype=object)
        eng_array = np.where(ind_dimless, _PERCENT_CELL, own_units) if len(objs) else own_units
        eng_units = eng_array.tolist()
    ind_measure = objs.measure.astype(np.int8)
    ind_direction = objs.direction.astype(np.int8)
    ind_grows = objs.only_grows.astype(bool)
    measure = ind_measure[row_local] if n else np.zeros(0, np.int8)
    percent = _among(basis, _PERCENT_BASES) | (ind_dimless[row_local] if n else np.zeros(0, bool))

    # The destination of compared values: percent, or the indicator's own unit.
    dests = list(dict.fromkeys([PERCENT, *distinct_units]))
    dest_index = {u: i for i, u in enumerate(dests)}
    if len(distinct_units) == 1:  # one unit throughout: one destination
        own_dest = np.full(len(objs), dest_index[next(iter(distinct_units))], dtype=np.int64)
    else:
        own_dest = np.fromiter(map(dest_index.__getitem__, objs.units), dtype=np.int64,
                               count=len(objs))  # fmt: skip
    dest_code = np.where(percent, 0, own_dest[row_local] if n else 0).astype(np.int64)
    all_rows = np.arange(n, dtype=np.int64)
    _check_fits(table, units, basis, percent, ind_dimless[row_local] if n else percent)
    amounts = _among(basis, _AMOUNT_BASES)
    _check_counts(table, "value", value, units, amounts)
    between = comparator == _BETWEEN
    has_upper = ~np.isnan(upper)
    if (between & ~has_upper).any():
        row = int(np.flatnonzero(between & ~has_upper)[0])
        raise table.fail(row, "upper", "BETWEEN needs two values: value (lower) and upper")
    if (~between & has_upper).any():
        row = int(np.flatnonzero(~between & has_upper)[0])
        name = tuple(Comparator)[int(comparator[row])].name
        raise table.fail(row, "upper", f"only BETWEEN has an upper value, not {name}")
    _check_counts(table, "upper", upper, units, amounts & has_upper)
    v = _convert(table, "value", value, units.names, units.code, dests, dest_code, all_rows,
                 points=True)  # fmt: skip
    up = _convert(table, "upper", upper, units.names, units.code, dests, dest_code,
                  np.flatnonzero(has_upper), points=True)  # fmt: skip
    below = np.flatnonzero(has_upper & (up < v))
    if below.size:
        row = int(below[0])
        raise table.fail(
            row, "upper", f"upper {shown(upper[row])} is below value {shown(value[row])}"
        )
    bad_sum = (basis == _CUMULATIVE) & ~_among(measure, _SUMMABLE)
    if bad_sum.any():
        row = int(np.flatnonzero(bad_sum)[0])
        msg = (
            "a cumulative target sums a flow or chains yearly rates; use basis 'change' or "
            "'percent_change' for a level or a share"
        )
        raise table.fail(row, "basis", msg)

    # Dates: deadline, the target's own start, its plan's start.
    deadline, _ = table.days("deadline", required=True)
    start, no_start = table.days("start", year_day=(1, 1))
    plan_start, no_plan_start = table.days("plan_start", year_day=(1, 1))
    late = np.flatnonzero(~no_start & (start > deadline))
    if late.size:
        row = int(late[0])
        msg = (
            f"the target's period starts ({_date(start[row])}) after its deadline "
            f"({_date(deadline[row])})"
        )
        raise table.fail(row, "start", msg)
    start_f, end_f, window_f = _target_years(
        deadline, start, no_start, plan_start, no_plan_start, table.year_days("deadline")
    )

    # Baselines: a value, its unit (the indicator's by default) and its period.
    base = table.floats("baseline")
    has_base = ~np.isnan(base)
    base_value = np.full(n, np.nan)
    base_time = np.full(n, np.nan)
    base_units: _Units | None = None
    base_first = np.zeros(n, np.int64)
    base_last = np.zeros(n, np.int64)
    if has_base.any():
        if "baseline_period" not in table:
            table.require("baseline_period")
        given = table.texts("baseline_unit", "")
        text = np.where(given == "", np.array(objs.units, dtype=object)[row_local],
                        given)  # fmt: skip
        base_units = _Units(table, "baseline_unit", text)
        sub = Table({"baseline_period": table.columns["baseline_period"]}, table.what)
        first_b, last_b = sub.part(np.flatnonzero(has_base)).periods("baseline_period")
        base_first[has_base], base_last[has_base] = first_b, last_b
        _check_counts(table, "baseline", base, base_units, has_base)
        eng = np.array(eng_units, dtype=object)
        base_dests = list(dict.fromkeys(eng_units))
        base_dest_code = np.array([base_dests.index(u) for u in eng[row_local]], np.int64)
        base_value = _convert(table, "baseline", base, base_units.names, base_units.code,
                              base_dests, base_dest_code, np.flatnonzero(has_base),
                              points=False)  # fmt: skip
        base_time[has_base] = _fracs(base_last[has_base] + 1)

    # ABOUT tolerances: relative, or absolute in the row's unit; else the call's default.
    rel = table.floats("tolerance")
    absolute = table.floats("tolerance_abs")
    both = ~np.isnan(rel) & ~np.isnan(absolute)
    if both.any():
        raise table.fail(int(np.flatnonzero(both)[0]), "tolerance",
                         "give exactly one of tolerance (relative) and tolerance_abs")  # fmt: skip
    for column, col in (("tolerance", rel), ("tolerance_abs", absolute)):
        neg = np.flatnonzero(col < 0)
        if neg.size:
            row = int(neg[0])
            raise table.fail(row, column, f"a tolerance is ≥ 0, got {shown(col[row])}")
    tol_rel = rel.copy()
    has_abs = ~np.isnan(absolute)
    tol_abs = _convert(table, "tolerance_abs", absolute, units.names, units.code, dests,
                       dest_code, np.flatnonzero(has_abs), points=True)  # fmt: skip
    if tolerance is not None:
        none = np.isnan(rel) & ~has_abs
        if tolerance.relative is not None:
            tol_rel[none] = tolerance.relative
        elif tolerance.absolute is not None:
            q = tolerance.absolute
            mags = np.full(n, float(q.magnitude))
            tol_abs[none] = _convert(table, "tolerance_abs", mags, [str(q.units)],
                                     np.zeros(n, np.int64), dests, dest_code,
                                     np.flatnonzero(none), points=True)[none]  # fmt: skip

    weight = table.floats("weight", 1.0)
    if (weight < 0).any():
        row = int(np.flatnonzero(weight < 0)[0])
        raise table.fail(
            row, "weight", f"a weight is a finite number ≥ 0, got {shown(weight[row])}"
        )
    arrays = TargetArrays(
        ind=ind.code,
        comparator=comparator.astype(np.int8),
        direction=ind_direction[row_local] if n else np.zeros(0, np.int8),
        measure=measure.astype(np.int8),
        basis=basis.astype(np.int8),
        value=v,
        upper=up,
        start=start_f,
        end=end_f,
        tol_abs=tol_abs,
        tol_rel=tol_rel,
        percent=percent,
        base_value=base_value,
        base_time=base_time,
        ms_indptr=np.zeros(n + 1, dtype=np.int64),
        ms_end=np.zeros(0),
        ms_value=np.zeros(0),
        window=window_f,
        only_grows=ind_grows[row_local] if n else np.zeros(0, bool),
    )
    own_codes = ind.code[ind.first]
    if codes is None or (
        len(codes) == len(objs) and np.array_equal(own_codes, np.arange(len(objs)))
    ):
        # The codes number these indicators in order: code k is indicator k.
        unit_list = tuple(eng_units)
        indicator_names = tuple(objs.ids)
    else:
        unit_of_code = dict(zip(own_codes.tolist(), eng_units, strict=True))
        unit_list = tuple(unit_of_code.get(k, "dimensionless") for k in range(len(codes)))
        indicator_names = tuple(sorted(codes, key=codes.__getitem__))
    if n and one_unit:
        # Every row's indicator has the one unit: a row is in percent when
        # its basis is one of percent or its indicator is dimensionless.
        if "basis" not in table:  # every basis VALUE: each row's indicator decides
            gap = _filled(n, PP if all_dimless else own_unit)
            basis_units = _filled(n, PERCENT if all_dimless else own_unit)
        else:
            gap = np.where(percent, _PP_CELL, _filled(n, eng_unit))
            basis_units = np.where(percent, _PERCENT_CELL, _filled(n, own_unit))
    elif n and "basis" not in table:
        # Every basis is VALUE: a row is in percent when its indicator is, so
        # the units are chosen once per indicator.
        gap = np.where(ind_dimless, _PP_CELL, eng_array)[row_local]
        basis_units = np.where(ind_dimless, _PERCENT_CELL, own_units)[row_local]
    else:
        eng_row = eng_array[row_local] if n else np.zeros(0, object)
        gap = np.where(percent, _PP_CELL, eng_row)
        basis_units = np.where(percent, _PERCENT_CELL, own_units[row_local]
                               if n else np.zeros(0, object))  # fmt: skip
    rows = TableTargets(
        ids=ids,
        indicators=objs,
        row_indicator=row_local,
        indicator_first=ind.first,
        comparator=comparator,
        value=value,
        upper=upper,
        units=units.names,
        unit_code=units.code,
        deadline=deadline,
        basis=basis,
        start=np.where(no_start, -(10**9), start),
        plan_start=np.where(no_plan_start, -(10**9), plan_start),
        baseline=base,
        baseline_units=base_units.names if base_units else [],
        baseline_code=base_units.code if base_units else np.zeros(n, np.int64),
        baseline_period=(base_first, base_last),
        nature=nature,
        tolerance=(rel, absolute),
        weights=weight,
        notes=table.texts("notes", ""),
        own_codes=codes if fresh else None,
        numbered=codes is None,
    )
    return TargetColumns(
        arrays=arrays,
        ids=ids,
        indicators=indicator_names,
        units=unit_list,
        gap_units=gap,
        basis_units=basis_units,
        targets=rows,
    )


# The model's rule for ids (letters, digits and "_.:-", starting with a letter
# or digit), checked over a whole column with one search of the joined text.
_BAD_ID = re.compile(r"^(?![A-Za-z0-9][A-Za-z0-9_.:\-]*$).*$", re.MULTILINE)
# Every line a good id: one left-to-right match, cheaper than searching every line start.
_GOOD_IDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*(?:\n[A-Za-z0-9][A-Za-z0-9_.:\-]*)*")
# One good id (by fullmatch), for ids whose line breaks make lines of the joined text not rows.
_ONE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")


# The bytes an id may start with (letters and digits), the bytes it may hold,
# and a line break between ids.
_ID_LEAD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_ID_BODY = _ID_LEAD + b"_.:-"
_ID_BYTES = b"\n" + _ID_BODY
_ID_START = np.zeros(256, dtype=bool)
_ID_START[list(_ID_LEAD)] = True
_NEWLINE = ord("\n")


def _plain_ids(joined: str) -> bool:
    """Whether every line of *joined* is a good id, by byte deletion; False may still be good.

    The same answer as ``_GOOD_IDS.fullmatch`` for ASCII text, where every
    byte is one of ``_ID_BYTES`` and each line starts with a letter or digit,
    in a few passes of C over the bytes instead of the regex engine's steps.
    """
    if not joined.isascii() or joined.endswith("\n"):
        return False
    raw = joined.encode("ascii")
    if not raw or raw.translate(None, _ID_BYTES):
        return False
    code = np.frombuffer(raw, dtype=np.uint8)
    return bool(_ID_START[code[0]]) and bool(_ID_START[code[1:][code[:-1] == _NEWLINE]].all())


def _no_groups(table: Table) -> None:
    """Refuse a targets table that names groups: its rows are targets of the total."""
    for column in ("group", "every", "versus"):
        if column not in table:
            continue
        cells, first, _ = table.column_distinct(column)
        given = [int(r) for c, r in zip(cells, first.tolist(), strict=True) if not _empty(c)]
        if given:
            msg = (
                "a table of targets holds targets of the total; give targets of groups as "
                "Target objects (group=, every=, versus=) with a table of observations"
            )
            raise table.fail(min(given), column, msg)


def _empty(cell: object) -> bool:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return True
    try:
        return bool(cell != cell)  # noqa: PLR0124 (NaN and NaT differ from themselves)
    except TypeError:  # pandas.NA has no truth value: it is the missing value
        return True


def _plain_id_bytes(data: bytes, offsets: IntArray) -> bool:
    """Whether every id of an Arrow text column is good, from its bytes; False may still be good.

    :func:`_plain_ids`'s answer for the ids joined by line breaks: every byte
    an id's (a line break is not), every id non-empty and starting with a
    letter or digit.
    """
    if data.translate(None, _ID_BODY):
        return False
    starts = offsets[:-1]
    if not bool(np.all(offsets[1:] > starts)):
        return False
    code = np.frombuffer(data, dtype=np.uint8)
    return bool(_ID_START[code[starts]].all())


def _check_ids(
    table: Table, column: str, ids: npt.NDArray[Any] | list[str], *, rows: IntArray | None = None
) -> None:
    """Refuse a bad id of *ids*: the column's cells, or its distinct cells first seen at *rows*."""
    if len(ids) == 0:
        return
    # Every row's id good is every distinct one good: the column's bytes tell
    # (for distinct ids, those of its distinct texts when at hand).
    if rows is not None:
        raw = table.distinct_text_bytes(column)
    else:
        raw = table.text_bytes(column, ids) if isinstance(ids, np.ndarray) else None
    if raw is not None and _plain_id_bytes(*raw):
        return
    # Text only: Table.texts checked the column (joining it), and distinct ids are texts.
    joined = table.lines_of(column, ids) if isinstance(ids, np.ndarray) and rows is None else None
    if joined is None:
        joined = "\n".join(ids.tolist() if isinstance(ids, np.ndarray) else ids)
    lines_are_rows = joined.count("\n") == len(ids) - 1
    if lines_are_rows and (_plain_ids(joined) or _GOOD_IDS.fullmatch(joined)):
        return
    if not lines_are_rows:
        # An id holds a line break: lines are no longer rows, so the rows are
        # read one by one (the first bad one, as the search below finds).
        row: int | None = next(
            i for i, x in enumerate(ids) if "\n" in x or not _ONE_ID.fullmatch(x)
        )
    else:
        m = _BAD_ID.search(joined)
        row = joined.count("\n", 0, m.start()) if m else None
    if row is not None:
        msg = (
            "an id is letters, digits and '_.:-', starting with a letter or digit; "
            f"got {shown(ids[row])}"
        )
        # A distinct id is named at the table row where it first appears.
        raise table.fail(row if rows is None else int(rows[row]), column, msg)


class IndicatorTable(Mapping[str, tuple[int, Indicator, str]]):
    """Indicator id to ``(code, indicator, first target id)``; an indicator is made when read."""

    def __init__(
        self,
        indicators: Sequence[Indicator],
        codes: dict[str, int] | None,
        first_ids: npt.NDArray[Any],
        *,
        in_order: bool = False,
    ) -> None:
        """*in_order*: *codes* was filled with these indicators' ids in order, numbered from 0.

        *codes* None: each indicator's code is its position (in order).
        """
        self._indicators = indicators
        ids = indicators.ids if isinstance(indicators, _Definitions) else [i.id for i in indicators]
        # Codes numbering these indicators in order are their positions: code k
        # stays indicator k (codes are only ever added, never changed).
        self._in_order = codes is None or (in_order and len(codes) == len(ids))
        # A table's indicators have distinct ids: each id's position is made
        # only when an id is looked up (cells listing these ids in order are
        # told by a list comparison, see lookup). Codes numbering them in
        # order are these same positions.
        self._distinct_ids = ids if isinstance(indicators, _Definitions) else None
        self._positions: dict[str, int] | None = None
        if self._distinct_ids is None:
            if codes is not None and self._in_order:
                self._positions = codes.copy()
            else:
                self._positions = dict(zip(ids, itertools.count()))
        self._codes = codes
        self._first_ids = first_ids

    @property
    def _position(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = dict(zip(self._distinct_ids or (), itertools.count()))
        return self._positions

    def __getitem__(self, ident: str) -> tuple[int, Indicator, str]:
        k = self._position[ident]
        code = k if self._codes is None else self._codes[ident]
        return code, self._indicators[k], str(self._first_ids[k])

    def __contains__(self, ident: object) -> bool:
        return ident in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def code(self, ident: str) -> int:
        """The indicator's code, without making the indicator."""
        return self._position[ident] if self._codes is None else self._codes[ident]

    def __len__(self) -> int:
        return len(self._position)

    def like(self, ident: str) -> Indicator:
        """An indicator defined as *ident* is (unit, measure, direction): itself or a twin."""
        k = self._position[ident]
        if isinstance(self._indicators, _Definitions):
            return self._indicators.like(k)
        return self._indicators[k]

    def lookup(self, cells: Sequence[object]) -> tuple[IntArray, IntArray, IntArray]:
        """Per distinct cell: its indicator's code, and its definition (-1, -1 if unknown).

        A definition is the position of the first indicator defined the same
        way (unit, measure, direction, only_grows), whose :meth:`definition`
        tells where values go; one dict lookup per cell.
        """
        ids = self._distinct_ids
        if ids is not None and len(cells) == len(ids) and list(cells) == ids:
            # The cells are these indicators, in order (a table by indicator,
            # as targets): one list comparison, where a cell that is the id
            # itself (the targets' own texts) compares as equal at once.
            pos = np.arange(len(cells), dtype=np.int64)
        elif (
            ids is None
            and len(cells) == len(self._position)
            and all(map(operator.eq, cells, self._position))
        ):
            # The cells are these indicators, in order (a table by indicator, as targets).
            pos = np.arange(len(cells), dtype=np.int64)
        else:
            pos = np.fromiter(map(self._position.get, map(str, cells), itertools.repeat(-1)),
                              dtype=np.int64, count=len(cells))  # fmt: skip
        known = pos >= 0
        at = np.where(known, pos, 0)
        keys = self._position if ids is None else ids  # the ids in order of position
        if self._in_order or self._codes is None:
            code = np.arange(len(keys), dtype=np.int64)
        else:
            code = np.fromiter(map(self._codes.__getitem__, keys), dtype=np.int64,
                               count=len(keys))  # fmt: skip
        if isinstance(self._indicators, _Definitions):
            kind = self._indicators.kind
        else:
            kind = np.arange(len(keys), dtype=np.int64)
        if not len(keys):
            return np.full(pos.shape, -1), np.full(pos.shape, -1), pos
        return (np.where(known, code[at], -1), np.where(known, kind[at], -1), pos)

    def definition(self, kind: int) -> Indicator:
        """The indicator at position *kind*, the first of its definition."""
        return self._indicators[kind]


class TableTargets(Sequence[Target]):
    """The rows of a target table; a :class:`~innovplan.model.Target` is made when read.

    Attributes:
        weights: Every row's weight in roll-ups, as one array.
        binding: Whether each row is a binding target.
    """

    def __init__(
        self,
        *,
        ids: npt.NDArray[Any],
        indicators: Sequence[Indicator],
        row_indicator: IntArray,
        indicator_first: IntArray,
        comparator: IntArray,
        value: FloatArray,
        upper: FloatArray,
        units: list[str],
        unit_code: IntArray,
        deadline: IntArray,
        basis: IntArray,
        start: IntArray,
        plan_start: IntArray,
        baseline: FloatArray,
        baseline_units: list[str],
        baseline_code: IntArray,
        baseline_period: tuple[IntArray, IntArray],
        nature: IntArray,
        tolerance: tuple[FloatArray, FloatArray],
        weights: FloatArray,
        notes: npt.NDArray[Any],
        own_codes: dict[str, int] | None = None,
        numbered: bool = False,
    ) -> None:
        self._ids = ids
        # The indicator codes these rows numbered from empty (in order), if so.
        self._own_codes = own_codes
        # Whether the indicators are coded by their positions, without a dict.
        self._numbered = numbered
        self._indicators = indicators
        self._row_indicator = row_indicator
        self._indicator_first = indicator_first  # each indicator's first row
        self._comparator = comparator
        self._value, self._upper = value, upper
        self._units, self._unit_code = units, unit_code
        self._deadline, self._basis = deadline, basis
        self._start, self._plan_start = start, plan_start
        self._baseline = baseline
        self._baseline_units, self._baseline_code = baseline_units, baseline_code
        self._baseline_period = baseline_period
        self._nature = nature
        self._tolerance = tolerance
        self.weights = weights
        self.binding: BoolArray = nature == _BINDING
        # A row is read by the assessment, the forecast and the progress of one
        # target (and again by frames): each Target is made once.
        self._made: dict[int, Target] = {}
        self._unit_objects: dict[str, Any] = {}
        self._notes = notes

    def __len__(self) -> int:
        return int(self._ids.shape[0])

    def indicator_table(self, codes: dict[str, int] | None = None) -> IndicatorTable:
        """Indicator id to ``(code, indicator, first target id)``, as observations need.

        Without *codes*, the indicators' own codes: their positions (the rows
        must have been read without codes given).
        """
        if codes is None:
            assert self._numbered  # noqa: S101 (rows read with codes given pass their codes)
            return IndicatorTable(self._indicators, None, self._ids[self._indicator_first])
        # Codes that this table numbered from empty list its indicators in order.
        in_order = codes is self._own_codes
        return IndicatorTable(
            self._indicators, codes, self._ids[self._indicator_first], in_order=in_order
        )

    def indicator_units(self) -> tuple[Sequence[str], IntArray]:
        """The indicators' own unit texts, and each row's indicator in them: no Target is made."""
        inds = self._indicators
        units = inds.units if isinstance(inds, _Definitions) else [d.unit for d in inds]
        return units, self._row_indicator

    @overload
    def __getitem__(self, i: int) -> Target: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Target]: ...
    def __getitem__(self, i: int | slice) -> Target | Sequence[Target]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(len(self))[i])
        return self._row(range(len(self))[i])

    def __iter__(self) -> Iterator[Target]:
        return (self._row(i) for i in range(len(self)))

    def plan_columns(self, title: Wording, lang: str) -> dict[str, Callable[[], npt.NDArray[Any]]]:
        """The report's plan columns of these rows (one goal, ``"targets"``), from the arrays.

        The same values as the columns of the rows' Target objects in a goal
        titled *title*, without making the objects.
        """
        from innovplan.evaluate._assessments import _unit, _unit_name
        from innovplan.evaluate._rows import texts

        n = len(self)
        inds = self._indicators
        at = self._row_indicator

        def per_indicator(values: list[str]) -> npt.NDArray[Any]:
            return texts(np.array(values, dtype=object)[at]) if n else texts([])

        def coded(names: list[str], codes: IntArray) -> npt.NDArray[Any]:
            return texts(np.array(names, dtype=object)[codes]) if n else texts([])

        epoch = _EPOCH - dt.date(1970, 1, 1).toordinal()
        return {
            "target": lambda: texts(str(i) for i in self._ids),
            "goal": lambda: texts(["targets"] * n),
            "goal_title": lambda: texts([title.in_language(lang)] * n),
            "tasks": lambda: texts([""] * n),
            "indicator": lambda: per_indicator([d.id for d in inds]),
            "indicator_name": lambda: per_indicator([d.name.in_language(lang) for d in inds]),
            "measure": lambda: per_indicator([d.measure.value for d in inds]),
            "direction": lambda: per_indicator([d.direction.value for d in inds]),
            "comparator": lambda: coded([x.value for x in Comparator], self._comparator),
            "value": lambda: self._value.astype(np.float64),
            "upper": lambda: self._upper.astype(np.float64),
            "unit": lambda: coded([_unit_name(_unit(u)) for u in self._units], self._unit_code),
            "basis": lambda: coded([b.value for b in _BASES], self._basis),
            "deadline": lambda: (self._deadline + epoch).astype("datetime64[D]"),
            "nature": lambda: coded([x.value for x in Nature], self._nature),
            "weight": lambda: self.weights.astype(np.float64),
            "wording": lambda: texts([Wording().in_language(lang)] * n),
        }

    def _q(self, magnitude: float, unit: str) -> Quantity:
        from innovplan.units import registry

        # Parsing a unit's name costs pint tens of µs; rows share a few units.
        parsed = self._unit_objects.get(unit)
        if parsed is None:
            parsed = self._unit_objects[unit] = registry().Unit(unit)
        return registry().Quantity(float(magnitude), parsed)

    def _row(self, i: int) -> Target:
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = self._make(i)
        return made

    def _make(self, i: int) -> Target:
        unit = self._units[int(self._unit_code[i])]
        ind = self._indicators[int(self._row_indicator[i])]
        baseline = None
        if not np.isnan(self._baseline[i]):
            first, last = self._baseline_period
            baseline = Observation(
                ind.id,
                self._q(self._baseline[i], self._baseline_units[int(self._baseline_code[i])]),
                Period(_date(first[i]), _date(last[i])),
            )
        rel, absolute = self._tolerance
        tol = None
        if not np.isnan(rel[i]):
            tol = Tolerance(relative=float(rel[i]))
        elif not np.isnan(absolute[i]):
            tol = Tolerance(absolute=self._q(absolute[i], unit))
        start = int(self._start[i])
        plan_start = int(self._plan_start[i])
        return Target(
            str(self._ids[i]),
            ind,
            tuple(Comparator)[int(self._comparator[i])],
            self._q(self._value[i], unit),
            _date(self._deadline[i]),
            upper=None if np.isnan(self._upper[i]) else self._q(self._upper[i], unit),
            basis=_BASES[int(self._basis[i])],
            start=_date(start) if start > -(10**9) else None,
            baseline=baseline,
            nature=tuple(Nature)[int(self._nature[i])],
            tolerance=tol,
            weight=float(self.weights[i]),
            notes=str(self._notes[i]),
            plan_start=_date(plan_start) if plan_start > -(10**9) else None,
        )


def observation_columns(
    table: Table,
    indicators: Mapping[str, tuple[int, Indicator, str]],
    series: Mapping[tuple[str, Group], int] | None = None,
) -> ObservationColumns:
    """A table of observations as engine columns, keeping those of the given indicators.

    Args:
        table: The observations' columns (``docs/tables.md``).
        indicators: Indicator id to ``(code, indicator, first target id)``.
        series: With groups, (indicator id, group) to series code: only the
            rows of these series are kept, coded by series (the groups are
            the ``dim:`` columns). Without, the rows of the total are kept.

    Raises:
        ModelError: A cell is missing or unreadable; the row and column are named.
        UnitMismatchError: A value's unit does not fit its indicator.
        EvaluationError: Two rows give different figures for one period and release.

    Example:
        >>> from innovplan.model import Indicator, Measure
        >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise",
        ...                 measure=Measure.LEVEL)
        >>> t = Table({"indicator": ["hte"], "period": ["2023-12-31"], "value": [1.45e4],
        ...            "unit": ["家"]}, "observations table")
        >>> observation_columns(t, {"hte": (0, hte, "T8")}).arrays.value.tolist()
        [14500.0]
    """
    table.require("indicator", "period", "value", "unit")
    cells, ind_first, inverse = table.text_distinct("indicator", required=True)
    if len(cells) * 8 < len(table) and table.columns.loaded("unit"):
        # Each indicator is mostly given in one unit: the unit column's distinct
        # texts come from the indicators' first rows after one comparison pass.
        table.distinct_within("unit", table.columns["unit"], ind_first, inverse)
    if isinstance(indicators, IndicatorTable):
        code_k, kind_k, _ = indicators.lookup(cells)
        known_k = code_k >= 0
    else:
        known_k = np.array([str(c) in indicators for c in cells], dtype=bool)
        code_k = np.array([indicators[str(c)][0] if k else -1 for c, k in
                           zip(cells, known_k.tolist(), strict=True)], dtype=np.int64)  # fmt: skip
        kind_k = None
    keep = _rows_read(known_k, inverse)
    keep, series_of, groups = _series_rows(table, keep, (cells, inverse), series)
    sub = table.part(keep)
    rows = keep  # each kept row's row in the table, for messages and lazy rows
    # Every row kept (keep is 0..n-1): each row's indicator is the column's own.
    k_of = inverse if keep.shape[0] == len(table) else inverse[keep]
    value = sub.floats("value", required=True)
    units = _Units(sub, "unit")
    _check_counts(sub, "value", value, units, np.ones(len(sub), dtype=bool))
    first, last = sub.periods("period")
    released, no_release = sub.days("released")
    unreleased = bool(no_release.all())
    if "bound" in sub:
        bound = sub.codes("bound", Bound, Bound.EXACT)
    else:  # every row exact: the engine's small codes, no wide column
        bound = np.full(len(sub), tuple(Bound).index(Bound.EXACT), dtype=np.int8)
    status = sub.texts("status", "") if "status" in sub else None
    # Where values go: the indicator's engine unit; levels of a GROWTH indicator
    # stay in the first unit seen for it (in row order), as for objects.
    whole = keep.shape[0] == len(table)  # every row kept: each indicator is in k_of
    seen, first_row, pair = _pairs(k_of, units, len(cells), ind_first if whole else None)
    dests, dest_of_pair, level_of_pair = _destinations(
        seen, first_row, cells, units, indicators, kind_k
    )
    n = len(sub)
    level, dest_code = _by_pair(level_of_pair, dest_of_pair, pair)
    # The lazy rows read the values as given; the engine's may share them when
    # no conversion changes a value (neither side writes into them).
    # (Read, never written; every row kept, *keep* is these positions already.)
    all_rows = keep if whole else np.arange(n, dtype=np.int64)
    converted = _convert(sub, "unit", value, units.names, units.code, dests,
                         dest_code, all_rows, points=False, copy=False)  # fmt: skip
    ind = _row_codes(code_k, k_of) if series_of is None else series_of
    # Days since 1970 order and match rows as their ordinals do.
    after_day = last + 1
    known_day = last if unreleased else np.where(no_release, last, released)
    keys = (level, known_day, after_day, first, ind)
    # A table in order already (by indicator and period, as statistics are
    # published) keeps it: the stable sort would leave every row in place.
    in_order, used = _in_order(keys)
    order = all_rows if in_order is not False else np.lexsort(keys)
    # Without a status column every row's status is blank: nothing to compare.
    figures = (value, units.code, bound) if status is None else (value, units.code, bound, status)
    if in_order is not None:  # rows may share every key: keep one of exact copies
        days = (first, after_day, known_day)
        order = _without_duplicates(sub, order, (ind, days, level), figures, rows)
    start, stop, known = _observation_years(sub, (first, after_day, known_day), no_release)
    # Every row kept, in table order: the columns as they are, not gathered.
    whole = in_order is not False and order.shape[0] == n
    arrays = _observation_arrays((ind, start, stop, known, converted, bound, level),
                                 None if whole else order)  # fmt: skip
    lazy = TableObservations(
        # text: each row's str() when it is read (fromiter: no shape discovery per cell)
        ids=np.fromiter(cells, dtype=object, count=len(cells)),
        id_code=k_of,
        value=value,
        units=units.names,
        unit_code=units.code,
        period=(first, last),
        # No release dates: one read-only cell stands for every row's.
        released=np.broadcast_to(np.int64(-(10**9)), (n,))
        if unreleased
        else np.where(no_release, -(10**9), released),
        bound=bound,
        status=status,
        order=range(n) if whole else order,  # in table order: no column of positions
        groups=groups,
    )
    # Rows in order told apart by the last three keys (indicator, period start
    # and end) alone: each row is its period's one release.
    one_per_period = in_order is None and used <= len(keys) - 2
    return ObservationColumns(arrays, lazy, one_per_period=one_per_period)


def _by_pair(
    level_of_pair: BoolArray, dest_of_pair: IntArray, pair: IntArray
) -> tuple[BoolArray, IntArray]:
    """Each row's level flag and destination, from its (indicator, unit) *pair*'s.

    No level kept in its own unit (no GROWTH indicator) or one destination
    for every pair: each row's is known without a gather.
    """
    n = pair.shape[0]
    level = level_of_pair[pair] if level_of_pair.any() else np.zeros(n, dtype=bool)
    dest = _all_same(dest_of_pair, n) if _one_value(dest_of_pair) else dest_of_pair[pair]
    return level, dest


def _row_codes(code_k: IntArray, k_of: IntArray) -> IntArray:
    """Each row's indicator code: *code_k* of its distinct cell *k_of*.

    Codes numbering the cells in order (a table read for its own targets)
    are the cells' positions: the rows' positions are their codes (read,
    never written, as the lazy rows' ``id_code``), unless one cell stands
    for every row.
    """
    if _numbers_in_order(code_k) and k_of.flags.c_contiguous:
        # *k_of* may be the table's cached factors: a read-only view (no copy)
        # makes a later in-place write an error, not a change of the cache.
        view = k_of.view()
        view.flags.writeable = False
        return view
    out: IntArray = code_k[k_of]
    return out


def _rows_read(known_k: BoolArray, inverse: IntArray) -> IntArray:
    """The rows whose indicator (*inverse* into the distinct cells) is read (*known_k*).

    Example:
        >>> _rows_read(np.array([True, False]), np.array([0, 1, 0])).tolist()
        [0, 2]
    """
    if not known_k.shape[0]:
        return np.zeros(0, np.int64)
    if bool(known_k.all()):  # every row's indicator is read: every row
        return np.arange(inverse.shape[0], dtype=np.int64)
    return np.flatnonzero(known_k[inverse])


def _pairs(
    k_of: IntArray, units: _Units, n_cells: int, ind_first: IntArray | None
) -> tuple[IntArray, IntArray, IntArray]:
    """The distinct (indicator, unit) keys, ascending, the first row of each, and each row's pair.

    With one unit and *ind_first* (every indicator's first row, all rows
    kept), the pairs are the indicators in code order: no sort is needed.
    """
    width = len(units.names) + 1
    if width == 2 and ind_first is not None:
        return np.arange(ind_first.shape[0], dtype=np.int64) * 2, ind_first, k_of
    key = k_of * width + units.code
    seen, first_row = np.unique(key, return_index=True)
    # Each row's pair, by a table over the keys' range (a gather, not a search).
    pair_of_key = np.zeros(n_cells * width, dtype=np.int64)
    pair_of_key[seen] = np.arange(seen.shape[0])
    return seen, first_row, pair_of_key[key]


def _observation_years(
    table: Table, days: tuple[IntArray, IntArray, IntArray], no_release: BoolArray
) -> tuple[FloatArray, ...]:
    """Fractional years of each row's period start, end and release (*days*: as days).

    Yearly periods with no release dates are worked out once per year of the
    column's span and picked by each row: the same numbers, fewer of them.
    """
    spans = table.year_spans("period") if no_release.all() else None
    if spans is None:
        return _fracs_of(days)
    year_first, year_last, at = spans  # a row is known at its period's last day
    start_each, stop_each, known_each = _fracs_of((year_first, year_last + 1, year_last))
    # Years one after another start at whole numbers k apart and end one
    # later: a row's start is its year's position plus the first, its end
    # one more (checked on the years' own floats, so these are the same).
    k = np.arange(start_each.shape[0], dtype=np.float64)
    if np.array_equal(start_each, start_each[:1] + k) and np.array_equal(
        stop_each, start_each + 1.0
    ):
        start = at.astype(np.float64) + start_each[:1]
        # take: the same gather as col[at], about a third less time on 38,000 rows.
        return start, start + 1.0, np.take(known_each, at)
    return tuple(np.take(col, at) for col in (start_each, stop_each, known_each))


def _observation_arrays(
    columns: tuple[npt.NDArray[Any], ...], order: IntArray | None
) -> ObservationArrays:
    """The engine's observation arrays of *columns* (their rows in *order*, or as they are)."""
    ind, start, stop, known, value, bound, level = (
        columns if order is None else tuple(col[order] for col in columns)
    )
    return ObservationArrays(ind, start, stop, known, value, bound.astype(np.int8), level)


def _in_order(keys: tuple[npt.NDArray[Any], ...]) -> tuple[bool | None, int]:
    """Whether the rows are sorted by *keys* as ``np.lexsort`` sorts (the last key first).

    None: sorted, and every row differs from the next in some key, so no two
    rows share all their keys (no copies to look for). With it, how many keys
    (from the last) told every row from the next.

    Example:
        >>> _in_order((np.array([0, 1, 5]), np.array([0, 0, 1])))
        (None, 2)
    """
    n = keys[0].shape[0]
    if n < 2:  # one row is in order, and has no copy
        return None, 0
    after = None  # decided: a later key is larger (none decided before the first key)
    for used, key in enumerate(keys[::-1], start=1):
        a, b = key[:-1], key[1:]
        if np.any(a > b if after is None else ~after & (a > b)):
            return False, used
        if after is None:
            after = a < b
        else:
            after |= a < b
        if after.all():  # every neighbour told apart: the keys left cannot unsort them
            return None, used
    return True, len(keys)


def _series_rows(
    table: Table,
    keep: IntArray,
    factors: tuple[list[Any], IntArray],
    series: Mapping[tuple[str, Group], int] | None,
) -> tuple[IntArray, IntArray | None, npt.NDArray[np.object_] | None]:
    """The rows of *keep* that targets read, their series codes, and their groups.

    Without *series* the rows of the total are kept, coded by indicator (no
    codes returned); with it, the rows of its (indicator, group) pairs.
    """
    cells, inverse = factors
    coded = _group_codes(table)
    groups: npt.NDArray[np.object_] | None = None
    series_of: IntArray | None = None
    if coded is not None:
        distinct, group_of = coded
        if series is None:
            # Targets of the total read the total's rows; the groups' rows are other series.
            total = np.array([g.is_total for g in distinct], dtype=bool)
            keep = keep[total[group_of[keep]]]
        else:
            # One lookup per distinct (indicator, group) pair, not per row.
            pair_of = inverse[keep] * max(len(distinct), 1) + group_of[keep]
            pairs, pair_inverse = np.unique(pair_of, return_inverse=True)
            pair_code = np.array(
                [series.get((str(cells[p // len(distinct)]), distinct[p % len(distinct)]), -1)
                 for p in pairs.tolist()], dtype=np.int64,
            )  # fmt: skip
            row_code = pair_code[pair_inverse.reshape(-1)]
            kept = row_code >= 0
            keep, series_of = keep[kept], row_code[kept]
        groups = distinct[group_of[keep]]
    elif series is not None:
        # No dim: column: every row is of the total.
        total_code = np.array([series.get((str(c), Group()), -1) for c in cells], dtype=np.int64)
        row_code = total_code[inverse[keep]]
        kept = row_code >= 0
        keep, series_of = keep[kept], row_code[kept]
    return keep, series_of, groups


def _destinations(  # noqa: PLR0917 (private; the pairs of one table)
    seen: IntArray,
    first_row: IntArray,
    cells: list[Any],
    units: _Units,
    indicators: Mapping[str, tuple[int, Indicator, str]],
    kind_k: IntArray | None = None,
) -> tuple[list[str], IntArray, BoolArray]:
    """Per distinct (indicator, unit) pair *seen*: its destination unit and whether it is a level.

    Levels of a GROWTH indicator stay in the first unit seen for it (in row
    order, *first_row*), as for objects. With *kind_k* (each cell's
    definition, from :meth:`IndicatorTable.lookup`), the pairs of other
    indicators are worked out once per distinct (definition, unit): where
    their values go depends on nothing else.
    """
    width = len(units.names) + 1
    n_pairs = seen.shape[0]
    dests: list[str] = []
    dest_of_pair = np.empty(n_pairs, dtype=np.int64)
    level_of_pair = np.zeros(n_pairs, dtype=bool)
    by_order = np.argsort(first_row, kind="stable")
    if kind_k is not None and isinstance(indicators, IndicatorTable):
        k_of, u_of = np.divmod(seen, width)
        kinds = kind_k[k_of]
        key = kinds * width + u_of
        # Distinct (definition, unit) in order of first appearance.
        keys, first_at, inverse = np.unique(key[by_order], return_index=True, return_inverse=True)
        growth = np.zeros(keys.shape[0], dtype=bool)
        key_dest = np.zeros(keys.shape[0], dtype=np.int64)
        key_level = np.zeros(keys.shape[0], dtype=bool)
        for j in np.argsort(first_at, kind="stable").tolist():  # once per (definition, unit)
            kind, u = divmod(int(keys[j]), width)
            defined = indicators.definition(kind)
            if defined.measure is Measure.GROWTH:
                growth[j] = True
                continue
            dest, key_level[j] = unit_dest(units.units[u], defined, {})
            if dest not in dests:
                dests.append(dest)
            key_dest[j] = dests.index(dest)
        dest_of_pair[by_order] = key_dest[inverse]
        level_of_pair[by_order] = key_level[inverse]
        rest = by_order[growth[inverse]]
    else:
        rest = by_order
    level_units: dict[str, dict[str, str]] = {}
    # Where a (definition, unit) pair's values go, for indicators other than GROWTH.
    known: dict[tuple[int, int], tuple[int, bool]] = {}
    for p in rest.tolist():  # once per (indicator, unit)
        k, u = divmod(int(seen[p]), width)
        ident = str(cells[k])
        # An indicator of the same definition (unit, measure) tells where values go;
        # levels keep a unit per indicator, hence one dict each.
        like = indicators.like(ident) if isinstance(indicators, IndicatorTable) else None
        like = like or indicators[ident][1]
        key_p = (id(like), u)
        if key_p in known:
            dest_of_pair[p], level_of_pair[p] = known[key_p]
            continue
        dest, level_of_pair[p] = unit_dest(units.units[u], like, level_units.setdefault(ident, {}))
        if dest not in dests:
            dests.append(dest)
        dest_of_pair[p] = dests.index(dest)
        if like.measure is not Measure.GROWTH:  # a GROWTH level's unit is the indicator's own
            known[key_p] = (int(dest_of_pair[p]), bool(level_of_pair[p]))
    return dests, dest_of_pair, level_of_pair


def _without_duplicates(
    table: Table,
    order: IntArray,
    keys: tuple[IntArray, tuple[IntArray, IntArray, IntArray], BoolArray],
    figures: tuple[npt.NDArray[Any], ...],
    rows: IntArray,
) -> IntArray:
    """Keep one of exact copies; refuse two different figures for one period and release.

    *keys* are each row's indicator, its days (period start, the day after
    its end, release) and its level flag.
    """
    if order.shape[0] < 2:
        return order
    ind, days, level = keys
    # Neighbours in sorted order that agree on every key, narrowed key by key
    # (most neighbours already differ in their period).
    identity = (
        order[0] == 0 and order[-1] == order.shape[0] - 1 and bool(np.all(order[1:] > order[:-1]))
    )  # the rows in table order: no gathers
    o_ind = ind if identity else ind[order]
    cand = np.flatnonzero(o_ind[1:] == o_ind[:-1])
    for key in (*days, level):
        if not cand.size:
            return order
        at = cand if identity else order[cand]
        nxt = cand + 1 if identity else order[cand + 1]
        cand = cand[key[nxt] == key[at]]
    if not cand.size:
        return order
    same = np.zeros(order.shape[0] - 1, dtype=bool)
    same[cand] = True
    # A run of copies is compared with its first row.
    starts = np.flatnonzero(np.concatenate([[True], ~same]))
    run_first = starts[np.searchsorted(starts, np.arange(order.shape[0]), side="right") - 1]
    a, b = order[run_first[1:]][same], order[1:][same]
    equal = np.ones(a.shape[0], dtype=bool)
    for col in figures:
        equal &= col[a] == col[b]
    if not equal.all():
        j = int(np.flatnonzero(~equal)[0])
        x, y = sorted((int(rows[a[j]]), int(rows[b[j]])))
        msg = (
            f"{table.what} rows {x} and {y} give different figures for the same indicator, "
            "period and release; keep one, or give a revision a later release date "
            "(the latest release of a period wins)"
        )
        raise EvaluationError(msg)
    keep = np.ones(order.shape[0], dtype=bool)
    keep[1:] = ~same
    out: IntArray = order[keep]
    return out


class TableObservations(Sequence[Observation]):
    """Rows of observation columns built from a table; an Observation is made when read."""

    def __init__(
        self,
        *,
        ids: npt.NDArray[Any],
        value: FloatArray,
        units: list[str],
        unit_code: IntArray,
        period: tuple[IntArray, IntArray],
        released: IntArray,
        bound: IntArray,
        status: npt.NDArray[Any] | None,
        order: IntArray | range,
        groups: npt.NDArray[np.object_] | None = None,
        id_code: IntArray | None = None,
    ) -> None:
        # With *id_code*, *ids* are the distinct ids and id_code each row's among them.
        self._ids, self._id_code, self._value = ids, id_code, value
        self._groups = groups  # each row's Group, shared by the rows of one group
        self._units, self._unit_code = units, unit_code
        self._period, self._released = period, released
        self._bound, self._status = bound, status
        self._order = order
        # Many targets of one indicator read the same observations: each is made once.
        self._made: dict[int, Observation] = {}
        self._unit_objects: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, i: int) -> Observation: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Observation]: ...
    def __getitem__(self, i: int | slice) -> Observation | Sequence[Observation]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(len(self))[i])
        return self._row(int(self._order[range(len(self))[i]]))

    def __iter__(self) -> Iterator[Observation]:
        return (self[i] for i in range(len(self)))

    def _row(self, r: int) -> Observation:
        made = self._made.get(r)
        if made is not None:
            return made
        from innovplan.units import registry

        first, last = self._period
        released = int(self._released[r])
        code = int(self._unit_code[r])
        unit = self._unit_objects.get(code)
        if unit is None:
            unit = self._unit_objects[code] = registry().Unit(self._units[code])
        ident = self._ids[r] if self._id_code is None else self._ids[self._id_code[r]]
        made = self._made[r] = Observation(
            str(ident),
            registry().Quantity(float(self._value[r]), unit),
            Period(_date(first[r]), _date(last[r])),
            released=_date(released) if released > -(10**9) else None,
            bound=tuple(Bound)[int(self._bound[r])],
            status="" if self._status is None else str(self._status[r]),
            dimensions=None if self._groups is None else self._groups[r],
        )
        return made

    def breaks(self) -> BoolArray:
        """Break-in-series flags (SDMX ``OBS_STATUS`` ``"B"``) of every row, in order."""
        if self._status is None:  # a table without statuses
            return np.zeros(len(self._order), dtype=bool)
        status = self._status[np.asarray(self._order)]
        # Statuses are few distinct texts (mostly blank): each is read once.
        flagged = [v for v in set(status.tolist()) if str(v).strip().upper() == "B"]
        if not flagged:
            return np.zeros(status.shape[0], dtype=bool)
        out: BoolArray = np.isin(status, flagged)
        return out


def observation_rows(table: Table) -> TableObservations:
    """Every row of a table of observations, made on access, whatever its indicator.

    Example:
        >>> t = Table({"indicator": ["a"], "period": [2023], "value": [1.0],
        ...            "unit": ["yuan"]}, OBSERVATIONS)
        >>> observation_rows(t)[0].period.end
        datetime.date(2023, 12, 31)
    """
    table.require("indicator", "period", "value", "unit")
    ids = table.texts("indicator", required=True)
    _check_ids(table, "indicator", ids)
    value = table.floats("value", required=True)
    units = _Units(table, "unit", table.texts("unit", required=True))
    _check_counts(table, "value", value, units, np.ones(len(table), dtype=bool))
    first, last = table.periods("period")
    released, no_release = table.days("released")
    return TableObservations(
        ids=ids,
        value=value,
        units=units.names,
        unit_code=units.code,
        period=(first, last),
        released=np.where(no_release, -(10**9), released),
        bound=table.codes("bound", Bound, Bound.EXACT),
        status=table.texts("status", ""),
        order=np.arange(len(table), dtype=np.int64),
        groups=row_groups(table),
    )


def dimension_columns(table: Table) -> dict[str, str]:
    """Column to dimension name: the table's ``dim:NAME`` columns.

    Raises:
        ModelError: A ``dim:`` column's name is not a valid dimension name.

    Example:
        >>> dimension_columns(Table({"dim:sex": ["F"], "value": [1.0]}, OBSERVATIONS))
        {'dim:sex': 'sex'}
    """
    from innovplan.model import check_dimension

    out: dict[str, str] = {}
    for column in table.columns:
        if column.startswith(DIMENSION_PREFIX):
            name = column[len(DIMENSION_PREFIX) :]
            check_dimension(name, table.what, f"column {column!r}")
            out[column] = name
    return out


def row_groups(table: Table) -> npt.NDArray[np.object_] | None:
    """Each row's :class:`~innovplan.model.Group` from the ``dim:`` columns, or None without any.

    Each column is factorized and each distinct code checked once; a
    :class:`~innovplan.model.Group` is made once per distinct combination of
    codes and shared by its rows. An empty cell, or SDMX's ``_T``, is the
    total of that dimension.

    Raises:
        ModelError: A cell is not a valid code; the row and column are named.

    Example:
        >>> t = Table({"dim:region": ["A", "", "A"]}, OBSERVATIONS)
        >>> [str(g) for g in row_groups(t)]
        ['region=A', 'total', 'region=A']
    """
    coded = _group_codes(table)
    if coded is None:
        return None
    distinct, group_of = coded
    out: npt.NDArray[np.object_] = distinct[group_of]
    return out


def _group_codes(table: Table) -> tuple[npt.NDArray[np.object_], IntArray] | None:
    """The distinct groups of the ``dim:`` columns and each row's index into them."""
    dims = dimension_columns(table)
    if not dims:
        return None
    n = len(table)
    per_column: list[list[tuple[str, str] | None]] = []
    codes = np.zeros((n, len(dims)), dtype=np.int64)
    for j, (column, name) in enumerate(dims.items()):
        cells, first, inverse = table.distinct(table.texts(column), column)
        pairs: list[tuple[str, str] | None] = []
        for cell, row in zip(cells, first.tolist(), strict=True):
            text = str(cell).strip()
            if not text:
                pairs.append(None)
                continue
            try:
                Group({name: text})
            except ModelError as err:
                raise table.fail(row, column, err.message) from None
            pairs.append((name, text))
        per_column.append(pairs)
        codes[:, j] = inverse
    if n == 0:
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64)
    combos, inverse = np.unique(codes, axis=0, return_inverse=True)
    made = [
        Group([p for j, c in enumerate(combo.tolist()) if (p := per_column[j][c]) is not None])
        for combo in combos
    ]
    return np.fromiter(made, dtype=object, count=len(made)), inverse.reshape(-1).astype(np.int64)


class _RowsOnDemand(Sequence[Observation]):
    """A table's observations as objects, read only when first asked for."""

    def __init__(self, table: Table) -> None:
        self._table = table
        self._rows: TableObservations | None = None

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, i: int) -> Observation: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Observation]: ...
    def __getitem__(self, i: int | slice) -> Observation | Sequence[Observation]:
        if self._rows is None:
            self._rows = observation_rows(self._table)
        return self._rows[i]


def table_rows(value: object) -> Sequence[Observation]:
    """A table of observations as a sequence of objects, each made when read.

    Example:
        >>> rows = table_rows({"indicator": ["a"], "period": [2023], "value": [1.0],
        ...                    "unit": ["yuan"]})
        >>> len(rows), rows[0].value
        (1, <Quantity(1.0, 'yuan')>)
    """
    from innovplan.evaluate._cells import as_table

    table = as_table(value, OBSERVATIONS)
    if table is None:
        msg = f"expected a table of observations, got {type(value).__name__}"
        raise ModelError(OBSERVATIONS, "", msg)
    return _RowsOnDemand(table)


def raw_observations(func: str, observations: object) -> Sequence[Observation]:
    """A public function's observations as objects (every indicator), made when read.

    What :func:`innovplan.engine.with_other_flows` reads: a table's rows on
    demand, model objects as given, none for arrays of yearly series.

    Example:
        >>> len(raw_observations("forecast_many", {"indicator": ["a"], "period": [2023],
        ...                      "value": [1.0], "unit": ["yuan"]}))
        1
    """
    from innovplan.engine import ArraySeries
    from innovplan.evaluate import _args as args

    if is_observation_table(observations):
        return table_rows(observations)
    evidence = args.evidence(func, observations)
    return () if isinstance(evidence, ArraySeries) else evidence


def is_observation_table(value: object) -> bool:
    """Whether *value* is a table of observations rather than series or model objects.

    A mapping is a table when its values are columns (arrays or lists of
    cells), not :class:`~innovplan.model.Series` or lists of observations.

    Example:
        >>> is_observation_table({"indicator": ["hte"], "period": [2023]})
        True
        >>> is_observation_table({})
        False
    """
    from innovplan.evaluate._cells import is_dataframe
    from innovplan.model import Series

    if is_dataframe(value):
        return True
    if not isinstance(value, Mapping) or not value:
        return False
    for col in value.values():
        if isinstance(col, Series):
            return False
        if isinstance(col, list | tuple) and col and isinstance(col[0], Observation):
            return False
    return True


def columns(
    func: str, targets: object, observations: object, tolerance: Tolerance | None
) -> tuple[TargetColumns, ObservationColumns]:
    """Engine columns of a public function's targets and observations, tables or objects.

    Each side may be a table or model objects (a plan, a list of targets;
    observations as a list, a series, a mapping of series or an
    :class:`~innovplan.evaluate.ArraySeries`); indicator codes are shared.

    Example:
        >>> tc, oc = columns("assess_many", {"id": []}, (), None)
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: targets table: needs the column(s) indicator, ...
    """
    from innovplan.engine import (
        ArraySeries,
        array_columns,
        build_columns,
        build_observations,
        build_targets,
        indicator_table,
    )
    from innovplan.evaluate import _args as args
    from innovplan.evaluate._cells import as_table

    codes: dict[str, int] = {}
    indicators: Mapping[str, tuple[int, Indicator, str]]
    if isinstance(targets, Table):
        table: Table | None = targets
    else:
        table = None if isinstance(targets, Plan) else as_table(targets, TARGETS)
    if table is not None:
        # The table codes its indicators by position: no dict of them is made
        # unless an observation's indicator is looked up by its text.
        tc = target_columns(table, tolerance=tolerance)
        rows = tc.targets
        assert isinstance(rows, TableTargets)  # noqa: S101 (built just above)
        indicators = rows.indicator_table()
    else:
        items = args.targets(func, targets)
        if not is_observation_table(observations):
            # Objects on both sides: the engine's build, which joins by group
            # when a target or an observation has one.
            return build_columns(items, args.evidence(func, observations), tolerance=tolerance)
        if _for_groups(items):
            return _grouped(items, observations, tolerance)
        tc = build_targets(items, indicator_codes=codes, tolerance=tolerance)
        indicators = indicator_table(items, codes)
    if is_observation_table(observations):
        obs_table = as_table(observations, OBSERVATIONS)
        assert obs_table is not None  # noqa: S101 (a table, checked above)
        if table is not None:
            # Observations mostly list the targets' indicators in their order,
            # a series per run: then the targets' texts are the observations'.
            obs_table.expect("indicator", table.arrow_cells("indicator"))
        return tc, observation_columns(obs_table, indicators)
    evidence = args.evidence(func, observations)
    if isinstance(evidence, ArraySeries):
        return tc, array_columns(evidence, indicators)
    return tc, build_observations(evidence, indicators)


def _grouped(
    targets: Sequence[Target], observations: object, tolerance: Tolerance | None
) -> tuple[TargetColumns, ObservationColumns]:
    """Group targets over a table of observations, joined by series (indicator and group).

    The groups observed are the table's distinct (indicator, group) pairs,
    and its rows are coded by series with array operations.
    """
    from innovplan.engine import build_grouped
    from innovplan.evaluate._cells import as_table

    table = as_table(observations, OBSERVATIONS)
    assert table is not None  # noqa: S101 (a table, checked by the caller)
    table.require("indicator", "period", "value", "unit")
    ids = table.texts("indicator", required=True)
    cells, _, inverse = table.distinct(ids, "indicator")
    coded = _group_codes(table)
    if coded is None:
        seen: list[tuple[str, Group]] = [(str(c), Group()) for c in cells]
    else:
        distinct, group_of = coded
        size = max(len(distinct), 1)
        pairs = np.unique(inverse * size + group_of).tolist() if len(table) else []
        seen = [(str(cells[p // size]), distinct[p % size]) for p in pairs]

    def observe(
        indicators: Mapping[str, tuple[int, Indicator, str]],
        series: Mapping[tuple[str, Group], int],
    ) -> ObservationColumns:
        return observation_columns(table, indicators, series)

    return build_grouped(targets, (), tolerance=tolerance, seen=seen, observe=observe)


def _for_groups(targets: Sequence[Target]) -> bool:
    """Whether a target is for a group, every group of a dimension, or a parity."""
    return any(t.every or t.versus is not None or not t.group.is_total for t in targets)


def unique_ids(table: Table, tc: TargetColumns) -> None:
    """Refuse a table of targets that gives one id twice, as a plan does.

    Example:
        >>> t = Table({"id": ["T1", "T1"], "indicator": ["labs"] * 2,
        ...            "comparator": ["at_least"] * 2, "value": [10, 12],
        ...            "unit": ["laboratory"] * 2, "deadline": [2023] * 2,
        ...            "measure": ["flow"] * 2}, TARGETS)
        >>> unique_ids(t, target_columns(t))
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: targets table row 1.id: 'T1' is the id of row 0 too; ...
    """
    ids = tc.texts("ids")
    _, first, inverse = table.distinct(ids, "id")
    again = np.flatnonzero(first[inverse] != np.arange(ids.shape[0]))
    if again.size:
        row = int(again[0])
        head = int(first[inverse[row]])
        msg = f"{shown(ids[row])} is the id of row {head} too; a plan's ids are unique"
        raise table.fail(row, "id", msg)


def flat_plan(tc: TargetColumns) -> Plan:
    """The plan a table of targets stands for: no goals, from its first window to its last deadline.

    Example:
        >>> t = Table({"id": ["T1"], "indicator": ["labs"], "comparator": ["at_least"],
        ...            "value": [10], "unit": ["laboratory"], "deadline": [2023],
        ...            "measure": ["flow"]}, TARGETS)
        >>> p = flat_plan(target_columns(t))
        >>> p.id, p.start, p.end
        ('targets', datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    """
    from innovplan.engine import from_frac_year

    ta = tc.arrays
    if len(tc) == 0:
        today = dt.date(1970, 1, 1)
        return Plan("targets", "targets table", start=today, end=today)
    start = from_frac_year(float(ta.window.min()))
    end = from_frac_year(float(ta.end.max())) - dt.timedelta(days=1)
    return Plan("targets", "targets table", start=start, end=end)


def flat_rollup(res: Assessments, plan: Plan) -> Rollup:
    """One roll-up row, the plan's, over every target of a table.

    Example:
        >>> from innovplan import assess_many
        >>> res = assess_many({"id": ["T1"], "indicator": ["labs"], "comparator": ["at_least"],
        ...                    "value": [10], "unit": ["laboratory"], "deadline": [2023],
        ...                    "measure": ["flow"]})
        >>> flat_rollup(res, flat_plan(res.targets)).plan.targets
        ('T1',)
    """
    from innovplan.evaluate._rollup import Rollup, _row

    rows = res.targets.targets
    n = len(res)
    weights = rows.weights if isinstance(rows, TableTargets) else np.ones(n)
    binding = rows.binding if isinstance(rows, TableTargets) else np.zeros(n, dtype=bool)
    title = plan.title.in_language("en")
    row = _row("plan", plan.id, title, list(res.ids), res=res, weights=weights, binding=binding)
    return Rollup((row,))
