"""Many yearly series as arrays: :class:`ArraySeries`.

A batch of thousands of series need not become one :class:`~innovplan.model.Observation`
per value: :class:`ArraySeries` holds the magnitudes, years and series offsets
as numpy arrays with one unit, and :func:`array_columns` turns them into the
engine's observation columns with a few array operations (one pint conversion
per distinct engine unit, a loop over distinct indicators, none over values or
series). Model objects are made only for the rows a caller looks at (one
:class:`~innovplan.evaluate.Forecast`'s ``points``), by :class:`LazyObservations`.

Each value is the annual figure of indicator ``indicator_ids[i]`` for the
calendar year given, exact, with its release date unknown: the same as
``Observation(indicator_ids[i], Q_(value, unit), year)``. NaN marks a missing value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c
from innovplan.engine._coltypes import ObservationArrays
from innovplan.engine._columns import (
    _EPOCH,
    ObservationColumns,
    TargetColumns,
    build,
    build_targets,
    frac_years,
    indicator_table,
    unit_dest,
)
from innovplan.engine._ragged import segment_ids, whole_offsets
from innovplan.engine._types import FloatArray, IntArray
from innovplan.errors import EvaluationError, ModelError, UnitError, UnitMismatchError
from innovplan.model import ID_PATTERN as _ID  # the one id pattern of the model
from innovplan.model import Observation

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from innovplan.model import Indicator, Target, Tolerance
    from innovplan.units import Unit

__all__ = ["ArraySeries", "LazyObservations", "array_columns", "build_columns"]


_OWNER = "ArraySeries"


def _fail(field: str, message: str) -> ModelError:
    return ModelError(_OWNER, field, message)


def _unit_and_magnitudes(values: object, unit: str | None) -> tuple[FloatArray, str]:
    """Magnitudes as float64 and the unit's canonical name; never a guessed unit."""
    import pint

    from innovplan.units import adopt

    if isinstance(values, pint.Quantity):
        q = adopt(values, where=_OWNER)
        if unit is not None:
            target = _unit_name(unit)
            try:
                q = q.to(target)
            except pint.DimensionalityError:
                raise UnitMismatchError(str(q.units), target, f"{_OWNER} values") from None
        return np.asarray(q.magnitude, dtype=np.float64), str(q.units)
    if unit is None:
        msg = (
            f"{_OWNER}: the values are plain numbers and no unit was given; pass a pint "
            "Quantity of innovplan.ureg, or unit='...' (innovplan never assumes a unit)"
        )
        raise UnitError(msg)
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise _fail("values", f"expected numbers, got {values!r}") from None
    return arr, _unit_name(unit)


def _unit_name(unit: str) -> str:
    from innovplan.units import parse_unit

    if not isinstance(unit, str):
        raise UnitError(f"{_OWNER}: unit must be a unit's name, got {unit!r}")
    try:
        return str(parse_unit(unit))
    except UnitError as exc:
        raise UnitError(f"{_OWNER}: {exc}") from None


def _position(ids: tuple[str, ...], seg: IntArray, first: IntArray, j: int) -> str:
    # Where value j sits, as an error message names it.
    return f"series {ids[seg[j]]!r} position {j - int(first[seg[j]])}"


def _whole_years(  # noqa: PLR0917 - private
    years: object, n: int, field: str, ids: tuple[str, ...], seg: IntArray, first: IntArray
) -> IntArray:
    try:
        arr = np.asarray(years, dtype=np.float64)
    except (TypeError, ValueError):
        raise _fail(field, f"expected whole-number years, got {years!r}") from None
    if arr.ndim != 1 or arr.shape[0] != n:
        raise _fail(field, f"expected {n} years (one per value), got shape {arr.shape}")
    bad = np.flatnonzero(~np.isfinite(arr) | (arr != np.floor(arr)) | (arr < 1) | (arr > 9998))
    if bad.size:
        j = int(bad[0])
        where = _position(ids, seg, first, j) if seg.size else f"column {j}"
        msg = f"{where}: year {float(arr[j])!r} is not a whole-number year in 1..9998"
        raise _fail(field, msg)
    return arr.astype(np.int64)


def _check_ids(indicator_ids: object) -> tuple[str, ...]:
    if isinstance(indicator_ids, str):
        raise _fail(
            "indicator_ids", f"expected one id per series, got the string {indicator_ids!r}"
        )
    ids: tuple[object, ...] = tuple(indicator_ids)  # type: ignore[arg-type]
    for distinct in dict.fromkeys(ids):
        if not isinstance(distinct, str) or not _ID.fullmatch(distinct):
            pos = ids.index(distinct)
            msg = (
                f"series {pos}: an id is letters, digits and '_.:-', starting with a letter "
                f"or digit; got {distinct!r}"
            )
            raise _fail("indicator_ids", msg)
    return ids  # type: ignore[return-value]  # every one checked to be a str


def _check_offsets(offsets: object, ids: tuple[str, ...], n: int) -> IntArray:
    try:
        off = whole_offsets(offsets, "offsets")  # the kernels' reader: 3.0 is 3, 3.5 refused
    except EvaluationError as exc:
        raise _fail("offsets", str(exc)) from None
    if np.ndim(offsets) != 1:  # type: ignore[arg-type]  # read as an array just above
        msg = f"expected a 1-D array of whole numbers, got {off.size} in more axes"
        raise _fail("offsets", msg)
    if off.shape[0] != len(ids) + 1:
        msg = f"{len(ids)} series need {len(ids) + 1} offsets (one more), got {off.shape[0]}"
        raise _fail("offsets", msg)
    if off[0] != 0:
        raise _fail("offsets", f"must start at 0, got {int(off[0])}")
    down = np.flatnonzero(np.diff(off) < 0)
    if down.size:
        i = int(down[0])
        msg = (
            f"must not decrease: series {i} ({ids[i]!r}) ends at offsets[{i + 1}] = "
            f"{int(off[i + 1])}, before it starts at offsets[{i}] = {int(off[i])}"
        )
        raise _fail("offsets", msg)
    if off[-1] != n:
        raise _fail("offsets", f"must end at len(values) = {n}, got {int(off[-1])}")
    return off


@attrs.frozen(eq=False)
class ArraySeries:
    """Many yearly series of indicators as flat arrays with one unit.

    Build it with :meth:`ragged` or :meth:`padded`; pass it wherever
    observations are taken (:func:`~innovplan.evaluate.forecast_many`,
    :func:`~innovplan.evaluate.progress_many`, :func:`~innovplan.evaluate.evaluate`,
    :func:`~innovplan.evaluate.assess_many`). Value ``j`` of series ``i`` is the
    exact annual figure of indicator ``indicator_ids[i]`` for calendar year
    ``years[j]``, release date unknown; NaN is a missing value. Series of the
    same indicator are pooled, as observations are.

    Attributes:
        indicator_ids: The indicator of each series.
        values: Magnitudes of every series, one after another (NaN: missing).
        offsets: Series ``i`` is ``values[offsets[i]:offsets[i + 1]]``.
        years: The calendar year of each value.
        unit: The unit of every value (a name in innovplan's registry).

    Example:
        >>> from innovplan.evaluate import ArraySeries
        >>> s = ArraySeries.ragged(["hte", "labs"], [9.1, 10.4, 12.0, 3, 5],
        ...                        [0, 3, 5], [2021, 2022, 2023, 2022, 2023], unit="enterprise")
        >>> len(s), s.unit, s.series(1).tolist()
        (2, 'enterprise', [3.0, 5.0])
    """

    indicator_ids: tuple[str, ...]
    values: FloatArray = attrs.field(repr=False)
    offsets: IntArray = attrs.field(repr=False)
    years: IntArray = attrs.field(repr=False)
    unit: str

    def __attrs_post_init__(self) -> None:
        ids = _check_ids(self.indicator_ids)
        if self.values.ndim != 1:
            raise _fail("values", f"expected a 1-D array, got shape {self.values.shape}")
        n = self.values.shape[0]
        off = _check_offsets(self.offsets, ids, n)
        seg = segment_ids(off)
        years = _whole_years(self.years, n, "years", ids, seg, off)
        bad = np.flatnonzero(np.isinf(self.values))
        if bad.size:
            j = int(bad[0])
            msg = (
                f"{_position(ids, seg, off, j)}: "
                f"{float(self.values[j])!r} is not finite (NaN marks a missing value)"
            )
            raise _fail("values", msg)
        from innovplan.units import is_countable, registry

        if is_countable(registry().Unit(self.unit)):
            neg = np.flatnonzero(self.values < 0)
            if neg.size:
                j = int(neg[0])
                msg = (
                    f"{_position(ids, seg, off, j)}: a count "
                    f"cannot be negative, got {float(self.values[j])!r} {self.unit}"
                )
                raise _fail("values", msg)
        object.__setattr__(self, "indicator_ids", ids)
        object.__setattr__(self, "offsets", off)
        object.__setattr__(self, "years", years)

    def __len__(self) -> int:
        return len(self.indicator_ids)

    @classmethod
    def ragged(
        cls,
        indicator_ids: Sequence[str],
        values: npt.ArrayLike | Any,
        offsets: npt.ArrayLike,
        years: npt.ArrayLike,
        *,
        unit: str | None = None,
    ) -> ArraySeries:
        """Series laid end to end in one array, with offsets and one year per value.

        Args:
            indicator_ids: The indicator of each series.
            values: Every series' values, one after another: a pint Quantity
                array, or plain numbers with *unit*.
            offsets: ``len(indicator_ids) + 1`` offsets from 0 to ``len(values)``.
            years: The calendar year of each value.
            unit: The unit of plain *values* (converted to, for a Quantity).

        Raises:
            UnitError: Plain numbers without *unit*, or an unknown unit.
            ModelError: A shape, offset, year or id is wrong; the message
                names the series and position.

        Example:
            >>> from innovplan import Q_
            >>> s = ArraySeries.ragged(["rd"], Q_([2.1, 2.3], "percent"), [0, 2], [2022, 2023])
            >>> s.years.tolist(), s.unit
            ([2022, 2023], 'percent')
        """
        mags, name = _unit_and_magnitudes(values, unit)
        return cls(_check_ids(indicator_ids), mags, offsets, years, name)  # type: ignore[arg-type]

    @classmethod
    def padded(
        cls,
        indicator_ids: Sequence[str],
        values: npt.ArrayLike | Any,
        years: npt.ArrayLike,
        *,
        unit: str | None = None,
    ) -> ArraySeries:
        """Series as the rows of a 2-D array sharing one row of years; NaN is missing.

        Args:
            indicator_ids: The indicator of each row.
            values: Shape ``(len(indicator_ids), len(years))``: a pint Quantity
                array, or plain numbers with *unit*.
            years: The calendar year of each column.
            unit: The unit of plain *values* (converted to, for a Quantity).

        Raises:
            UnitError: Plain numbers without *unit*, or an unknown unit.
            ModelError: A shape or year is wrong.

        Example:
            >>> import numpy as np
            >>> s = ArraySeries.padded(["a", "b"], [[1.0, 2.0, np.nan], [4.0, 5.0, 6.0]],
            ...                        [2021, 2022, 2023], unit="enterprise")
            >>> s.offsets.tolist(), s.years.tolist()
            ([0, 3, 6], [2021, 2022, 2023, 2021, 2022, 2023])
        """
        ids = _check_ids(indicator_ids)
        mags, name = _unit_and_magnitudes(values, unit)
        if mags.ndim != 2 or mags.shape[0] != len(ids):
            msg = f"expected shape ({len(ids)}, number of years), one row per id; got {mags.shape}"
            raise _fail("values", msg)
        m = mags.shape[1]
        none = np.zeros(0, dtype=np.int64)
        row = _whole_years(years, m, "years", ("",), none, none)
        off = np.arange(len(ids) + 1, dtype=np.int64) * m
        return cls(ids, mags.reshape(-1), off, np.tile(row, len(ids)), name)

    def series(self, i: int) -> FloatArray:
        """The values of series *i* (NaN: missing).

        Example:
            >>> ArraySeries.padded(["a"], [[1.0, 2.0]], [2022, 2023], unit="m").series(0).tolist()
            [1.0, 2.0]
        """
        out: FloatArray = self.values[self.offsets[i] : self.offsets[i + 1]]
        return out

    def observations(self) -> tuple[Observation, ...]:
        """The same data as model objects, one per non-missing value (for small batches).

        Example:
            >>> ArraySeries.padded(["a"], [[1.0, float("nan")]], [2022, 2023],
            ...                    unit="m").observations()[0].period.end
            datetime.date(2022, 12, 31)
        """
        seg = segment_ids(self.offsets)
        keep = np.flatnonzero(~np.isnan(self.values))
        return tuple(_observation(self, seg, j) for j in keep.tolist())


def _observation(s: ArraySeries, seg: IntArray, j: int) -> Observation:
    from innovplan.units import make_quantity

    # Rows are read one by one, thousands of them: the unit is parsed once.
    q = make_quantity(float(s.values[j]), _parsed(s.unit))
    return Observation(s.indicator_ids[int(seg[j])], q, int(s.years[j]))


@functools.lru_cache(maxsize=256)
def _parsed(unit: str) -> Unit:
    from innovplan.units import registry

    parsed: Unit = registry().Unit(unit)
    return parsed


class LazyObservations(Sequence[Observation]):
    """Rows of observation columns built from arrays; an :class:`Observation` is made when read.

    Example:
        >>> s = ArraySeries.padded(["a"], [[1.0, 2.0]], [2022, 2023], unit="m")
        >>> rows = LazyObservations(s, np.array([1, 0]))
        >>> len(rows), rows[0].period.start.year
        (2, 2023)
    """

    def __init__(self, source: ArraySeries, flat: IntArray) -> None:
        self._source = source
        self._flat = flat
        self._seg = segment_ids(source.offsets)

    def __len__(self) -> int:
        return int(self._flat.shape[0])

    @overload
    def __getitem__(self, i: int) -> Observation: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Observation]: ...
    def __getitem__(self, i: int | slice) -> Observation | Sequence[Observation]:
        if isinstance(i, slice):
            return LazyObservations(self._source, self._flat[i])
        return _observation(self._source, self._seg, int(self._flat[i]))

    def __iter__(self) -> Iterator[Observation]:
        return (self[i] for i in range(len(self)))

    def breaks(self) -> npt.NDArray[np.bool_]:
        """Break-in-series flags of every row: none (arrays carry no status)."""
        return np.zeros(len(self), dtype=bool)


def array_columns(
    source: ArraySeries, indicators: Mapping[str, tuple[int, Indicator, str]]
) -> ObservationColumns:
    """:func:`~innovplan.engine._columns.build_observations` for arrays, without model objects.

    Args:
        source: The series.
        indicators: Indicator id to ``(code, indicator, first target id)``.

    Raises:
        UnitMismatchError: The unit does not fit an indicator; its first
            target and observation are named.

    Example:
        >>> from innovplan.model import Indicator, Measure
        >>> turnover = Indicator("turnover", "technology contract turnover",
        ...                      unit="hundred_million_yuan", measure=Measure.FLOW)
        >>> s = ArraySeries.padded(["turnover"], [[2.19843e11]], [2023], unit="yuan")
        >>> array_columns(s, {"turnover": (0, turnover, "T10")}).arrays.value.round(2).tolist()
        [2198.43]
    """
    import pint

    from innovplan.units import registry

    ids = source.indicator_ids
    uniq, inverse = np.unique(np.array(ids, dtype=str), return_inverse=True)
    distinct: list[str] = uniq.tolist()
    series_k = inverse.astype(np.int64).reshape(-1)  # no Python loop per series
    code_of = np.full(len(distinct), -1, dtype=np.int64)
    level_of = np.zeros(len(distinct), dtype=bool)
    dest_of: dict[str, list[int]] = {}
    unit = registry().Unit(source.unit)
    for k, name in enumerate(distinct):  # one pass over distinct indicators
        if name not in indicators:
            continue
        code, indicator, _ = indicators[name]
        # One unit for the whole batch: levels of a GROWTH indicator stay in it.
        dest, level_of[k] = unit_dest(unit, indicator, {})
        code_of[k] = code
        dest_of.setdefault(dest, []).append(k)
    val_k = series_k[segment_ids(source.offsets)]
    flat = np.flatnonzero((code_of[val_k] >= 0) & ~np.isnan(source.values))
    k_flat = val_k[flat]
    value = np.array(source.values[flat], dtype=np.float64)
    ureg = registry()
    for dest, ks in dest_of.items():  # one conversion per engine unit
        if dest == str(unit):
            continue
        rows = np.flatnonzero(np.isin(k_flat, ks))
        try:
            with np.errstate(over="ignore"):  # inf is caught by the overflow guards
                value[rows] = ureg.Quantity(value[rows], source.unit).to(dest).magnitude
        except pint.DimensionalityError:
            first = ks[0]
            j = np.flatnonzero(val_k == first)
            _, _, target_id = indicators[distinct[first]]
            where = (
                f"target {target_id!r} (observation of {distinct[first]!r}, "
                f"{int(source.years[j[0]])})"
            )
            expected = f"{dest} ({ureg.Unit(dest).dimensionality})"
            raise UnitMismatchError(source.unit, expected, where) from None
    yr = source.years[flat]
    days = (yr - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    days_next = (yr - 1969).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    ind = code_of[k_flat]
    start = frac_years(days + _EPOCH)
    stop = frac_years(days_next + _EPOCH)
    known = frac_years(days_next + _EPOCH - 1)  # the period's last day: release unknown
    bound = np.full(flat.shape[0], c.EXACT, dtype=np.int8)
    level = level_of[k_flat]
    order = np.lexsort((known, stop, start, ind))
    order = _without_duplicates(source, order, ind, yr, value, flat)
    arrays = ObservationArrays(
        ind[order], start[order], stop[order], known[order], value[order], bound[order],
        level[order],
    )  # fmt: skip
    return ObservationColumns(arrays, LazyObservations(source, flat[order]))


def _without_duplicates(  # noqa: PLR0917 (private, the columns of one batch)
    source: ArraySeries,
    order: IntArray,
    ind: IntArray,
    yr: IntArray,
    value: FloatArray,
    flat: IntArray,
) -> IntArray:
    """Keep one of equal values for an indicator's year; refuse different ones.

    Series of the same indicator are pooled, so two of them may give the same
    year: equal values are one figure, different values leave nothing to choose
    by but their order, and are an error naming both (as for observations).

    Raises:
        EvaluationError: Two values for the same indicator and year differ.
    """
    if order.shape[0] < 2:
        return order
    o_ind, o_yr, o_val = ind[order], yr[order], value[order]
    same = (o_ind[1:] == o_ind[:-1]) & (o_yr[1:] == o_yr[:-1])
    if not same.any():
        return order
    clash = same & (o_val[1:] != o_val[:-1])
    if clash.any():
        j = int(np.flatnonzero(clash)[0])
        a, b = sorted((int(flat[order[j]]), int(flat[order[j + 1]])))
        seg = segment_ids(source.offsets)
        first = source.offsets
        msg = (
            f"{_OWNER}: {_position(source.indicator_ids, seg, first, a)} and "
            f"{_position(source.indicator_ids, seg, first, b)} both give "
            f"{source.indicator_ids[int(seg[a])]!r} for {int(source.years[a])}, with different "
            f"values ({float(source.values[a])!r} and {float(source.values[b])!r} "
            f"{source.unit}); keep one"
        )
        raise EvaluationError(msg)
    keep = np.ones(order.shape[0], dtype=bool)
    keep[1:] = ~same
    out: IntArray = order[keep]
    return out


def build_columns(
    targets: Sequence[Target],
    observations: Iterable[Observation] | ArraySeries,
    *,
    tolerance: Tolerance | None = None,
) -> tuple[TargetColumns, ObservationColumns]:
    """:func:`~innovplan.engine._columns.build` that also takes an :class:`ArraySeries`.

    Example:
        >>> tc, oc = build_columns([], ArraySeries.padded([], np.zeros((0, 1)), [2023], unit="m"))
        >>> len(tc), len(oc)
        (0, 0)
    """
    if not isinstance(observations, ArraySeries):
        return build(targets, observations, tolerance=tolerance)
    grouped = next((t for t in targets if t.every or t.versus or not t.group.is_total), None)
    if grouped is not None:
        msg = (
            f"target {grouped.id!r} is for group(s) of its indicator, and an ArraySeries "
            "holds totals only: give the observations as Observation objects with dimensions"
        )
        raise EvaluationError(msg)
    codes: dict[str, int] = {}
    tc = build_targets(targets, indicator_codes=codes, tolerance=tolerance)
    return tc, array_columns(observations, indicator_table(targets, codes))
