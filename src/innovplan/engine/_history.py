"""The evidence behind a trajectory: every target's history as one set of ragged arrays.

Forecasts and progress assessments read the same thing: for each target, the
values of its indicator known on ``as_of`` (one per period, the latest release
winning), on the target's basis, in time order, plus the numbers a value must
reach to meet the target. This module builds that once for many targets, with
array joins instead of a loop per target, on top of the attainment engine's
columns (:mod:`innovplan.engine._columns`) and vintage selection.

Times are the *ends* of the periods measured, as fractional years (exclusive:
a stock on 2022-12-31 and the flow of the year 2022 both sit at 2023.0), and a
target's horizon is the end of its deadline's period, so a year-end stock and
a yearly total are one year apart from the next.

Which observations form the history:

- LEVEL and SHARE: every observation (stocks at any date, shares of any period).
- FLOW and GROWTH: periods as long as the target's (yearly totals, yearly
  rates); a shorter period that starts with the target's own is a
  year-to-date figure, and shorter periods of past years starting on the same
  day of the year give the past within-year shares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

import attrs
import numpy as np
import numpy.typing as npt

from innovplan._errstate import default_errstate
from innovplan.engine import _codes as c
from innovplan.engine._arrays import ArraySeries, LazyObservations, build_columns
from innovplan.engine._columns import ObservationColumns, TargetColumns, frac_year

# Vintage selection and growth from levels, exactly as attainment does it.
from innovplan.engine._evidence import _prepare
from innovplan.engine._formulas import band, interval, reference, target_level
from innovplan.engine._segments import EPS_TIME, _pairs, _seg_any
from innovplan.engine._types import BoolArray, FloatArray, IntArray
from innovplan.errors import EvaluationError
from innovplan.model import Observation, Plan, Series, Target, to_optional_date

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.engine._attain import Prepared
    from innovplan.engine._coltypes import ObservationArrays, TargetArrays
    from innovplan.model import Tolerance

__all__ = [
    "BOUND",
    "BREAK",
    "GAP",
    "NO_THRESHOLD",
    "OTHER_FLOWS",
    "Histories",
    "ObservationsLike",
    "SharedHistories",
    "column_histories",
    "flatten",
    "histories",
    "in_target_terms",
    "materialised",
    "with_other_flows",
]


ObservationsLike = Iterable[Observation] | Series | Mapping[str, Series] | ArraySeries

# Per-target warning bits of the public layer (the kernels have their own).
BOUND = 1  # a bound (">12,000") was used as a point value
BREAK = 2  # an observation is marked as a break in series (SDMX OBS_STATUS "B")
GAP = 4  # a spacing longer than 1.5 times the series' median spacing
NO_THRESHOLD = 8  # the target's value cannot be turned into a level (no baseline)
# No past within-year share of its own: the shares are other flows' (see _other_flow_shares)
OTHER_FLOWS = 32

# Periods whose lengths differ by less than this count as equally long (a
# leap year is one day longer).
_SAME_LENGTH = 3.0 / 365.0
_OFFSET = 1.0e4  # keeps targets apart in one sorted float key, as the engine does


class SharedHistories(NamedTuple):
    """The distinct histories of a batch, and which one each target reads.

    Targets of one indicator read the same observations the same way (one
    join per kind): their histories are the same points. They are kept once;
    a :class:`Histories` built from them gives every target its copy only
    when ``t``, ``y``, ``indptr``, ``row`` or ``bound`` is read, and the
    forecasting kernels fit each distinct history once, at all its targets'
    deadlines.

    Attributes:
        t: Times of the distinct histories, one after the other.
        y: Their values.
        indptr: Distinct history ``k`` is ``[indptr[k], indptr[k + 1])``.
        row: Each point's row in the observations.
        bound: Each point's bound code.
        reps: A target reading each distinct history (the first of its kind).
        of: The distinct history of each target.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> t8 = plan.target("T8")
        >>> h = histories([t8, attrs.evolve(t8, id="T8b")], obs, as_of="2023-01-29")
        >>> h.shared.of.tolist(), h.shared.t.tolist() == h.t[: h.indptr[1]].tolist()
        ([0, 0], True)
    """

    t: FloatArray
    y: FloatArray
    indptr: IntArray
    row: IntArray
    bound: npt.NDArray[np.int8]
    reps: IntArray
    of: IntArray


_Points = tuple[FloatArray, FloatArray, IntArray, IntArray, npt.NDArray[np.int8]]
_POINT_NAMES = ("t", "y", "indptr", "row", "bound")


def _read_only(*arrays: npt.NDArray[np.generic]) -> None:
    for a in arrays:
        a.flags.writeable = False


@attrs.frozen(eq=False)
class Histories:
    """Targets with their histories, thresholds and year-to-date figures, as columns.

    Attributes:
        targets: The targets' engine columns.
        observations: The observations' engine columns (every vintage).
        as_of: The date the evidence was replayed at.
        t: History times, sorted within each target.
        y: History values, in the indicator's engine unit (percent for rates).
        indptr: Target ``i``'s history is ``[indptr[i], indptr[i + 1])``.
        row: For each history point, its row in ``observations.observations``.
        bound: Bound code of each history point.
        horizon: End of each target's deadline period.
        lo: Lowest level that meets the target (``-inf`` for none).
        hi: Highest level that meets it (``inf`` for none).
        lo_closed: Whether ``lo`` itself meets it.
        hi_closed: Whether ``hi`` itself meets it.
        goal: The level to reach: the target, or the nearer end of a range.
        sign: +1 where higher is better, -1 where lower is, 0 for NEAR.
        ytd_value: Year-to-date figure of the target's own period, or NaN.
        ytd_elapsed: Share of the target's period it covers, or NaN.
        ytd_row: Its row in ``observations.observations``, or -1.
        share: Past years' year-to-date shares of their annual totals.
        share_indptr: Offsets of *share* per target.
        flags: Warning bits (:data:`BOUND`, :data:`BREAK`, :data:`GAP`, ...).
        shared: The distinct histories when targets share them
            (:class:`SharedHistories`), else None. Built with *shared*, the
            five point arrays ``t``, ``y``, ``indptr``, ``row`` and
            ``bound`` may be given as None: each target's copy is then made
            from *shared* on first reading.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories(plan.targets, obs, as_of="2023-01-29")
        >>> len(h) == len(plan.targets), h.indptr.size == len(h) + 1
        (True, True)
    """

    targets: TargetColumns
    observations: ObservationColumns
    as_of: dt.date | None
    _t: FloatArray | None = attrs.field(alias="t")
    _y: FloatArray | None = attrs.field(alias="y")
    _indptr: IntArray | None = attrs.field(alias="indptr")
    _row: IntArray | None = attrs.field(alias="row")
    _bound: npt.NDArray[np.int8] | None = attrs.field(alias="bound")
    horizon: FloatArray
    lo: FloatArray
    hi: FloatArray
    lo_closed: BoolArray
    hi_closed: BoolArray
    goal: FloatArray
    sign: FloatArray
    ytd_value: FloatArray
    ytd_elapsed: FloatArray
    ytd_row: IntArray
    share: FloatArray
    share_indptr: IntArray
    flags: npt.NDArray[np.int32]
    shared: SharedHistories | None = attrs.field(default=None, kw_only=True)
    _expanded: list[_Points] = attrs.field(init=False, factory=list, repr=False)
    _latest: list[tuple[BoolArray, FloatArray, FloatArray]] = attrs.field(
        init=False, factory=list, repr=False
    )

    def __attrs_post_init__(self) -> None:
        if self.shared is None:
            given = (self._t, self._y, self._indptr, self._row, self._bound)
            missing = [n for n, a in zip(_POINT_NAMES, given, strict=True) if a is None]
            if missing:
                msg = (
                    f"Histories: {', '.join(missing)} given as None without shared=: the point "
                    "arrays are given in full, or made from a SharedHistories passed as shared="
                )
                raise EvaluationError(msg)

    def __len__(self) -> int:
        return len(self.targets)

    def _points(self) -> _Points:
        # Each target's copy of its distinct history, made once on first use.
        if not self._expanded:
            s = self.shared
            if s is None:  # refused when built: narrows the type
                msg = "Histories without point arrays need the shared histories they come from"
                raise EvaluationError(msg)
            gather, indptr = _expand(s.indptr, s.of)
            made = (s.t[gather], s.y[gather], indptr, s.row[gather], s.bound[gather])
            # Read-only: the kernels read the shared histories, not these
            # copies, so a change made in place would reach neither.
            _read_only(*made)
            self._expanded.append(made)
        return self._expanded[0]

    @property
    def t(self) -> FloatArray:
        """History times, sorted within each target."""
        return self._t if self._t is not None else self._points()[0]

    @property
    def y(self) -> FloatArray:
        """History values, in the indicator's engine unit (percent for rates)."""
        return self._y if self._y is not None else self._points()[1]

    @property
    def indptr(self) -> IntArray:
        """Target ``i``'s history is ``[indptr[i], indptr[i + 1])``."""
        return self._indptr if self._indptr is not None else self._points()[2]

    @property
    def row(self) -> IntArray:
        """For each history point, its row in ``observations.observations`` (-1: none)."""
        return self._row if self._row is not None else self._points()[3]

    @property
    def bound(self) -> npt.NDArray[np.int8]:
        """Bound code of each history point."""
        return self._bound if self._bound is not None else self._points()[4]

    def distinct(self) -> SharedHistories | None:
        """:attr:`shared` if every target's points are still its distinct history's.

        After ``attrs.evolve`` with new point arrays the histories are the
        ones given, and this is None.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.engine import histories
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> t8 = plan.target("T8")
            >>> h = histories([t8, attrs.evolve(t8, id="T8b")], obs, as_of="2023-01-29")
            >>> h.distinct() is h.shared, attrs.evolve(h, y=h.y * 2).distinct()
            (True, None)
        """
        given = (self._t, self._y, self._indptr, self._row, self._bound)
        return self.shared if all(a is None for a in given) else None

    def latest(self) -> tuple[BoolArray, FloatArray, FloatArray]:
        """Per target: whether it has a history, its latest time (-inf: none) and value (NaN).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.engine import histories
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> has, t, y = histories([plan.target("T8")], obs, as_of="2023-01-29").latest()
            >>> has.tolist(), t.tolist(), y.tolist()
            ([True], [2023.0], [12000.0])
        """
        if not self._latest:  # the arrays never change: found once
            d = self.distinct()
            t, y, ip = (d.t, d.y, d.indptr) if d is not None else (self.t, self.y, self.indptr)
            has = ip[1:] > ip[:-1]
            last_t = np.full(has.size, -np.inf)
            last_y = np.full(has.size, np.nan)
            ends = ip[1:][has] - 1
            last_t[has], last_y[has] = t[ends], y[ends]
            if d is not None:
                has, last_t, last_y = has[d.of], last_t[d.of], last_y[d.of]
            _read_only(has, last_t, last_y)  # every call returns these arrays
            self._latest.append((has, last_t, last_y))
        return self._latest[0]

    def points(self, i: int) -> tuple[Observation, ...]:
        """The observations behind target *i*'s history, in time order."""
        objs = self.observations.observations or ()
        rows = self.row[self.indptr[i] : self.indptr[i + 1]]
        return tuple(objs[r] for r in rows.tolist() if r >= 0)

    def observation(self, row: int) -> Observation | None:
        """The observation at *row*, or None for -1."""
        objs = self.observations.observations
        return objs[row] if objs is not None and row >= 0 else None


def flatten(observations: ObservationsLike) -> Iterable[Observation] | ArraySeries:
    """The observations of a mapping of series as one iterable; anything else as it is.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import flatten
        >>> obs = datasets.wuhan_2023_observations()
        >>> len(list(flatten({"first two": obs[:2], "next three": obs[2:5]})))
        5
        >>> flatten(obs) is obs
        True
    """
    if isinstance(observations, Mapping):
        return (o for s in observations.values() for o in s)
    return observations


def materialised(
    observations: ObservationsLike,
) -> tuple[Iterable[Observation] | ArraySeries, tuple[Observation, ...]]:
    """The observations for the columns, and as objects for :func:`with_other_flows`.

    Arrays of yearly series have no within-year figures: no objects for them.

    Example:
        >>> from innovplan import datasets
        >>> flat, raw = materialised(iter(datasets.wuhan_2023_observations()))
        >>> flat is raw, len(raw) > 0
        (True, True)
    """
    flat = flatten(observations)
    if isinstance(flat, ArraySeries):
        return flat, ()
    raw = tuple(flat)
    return raw, raw


def _breaks(objs: Sequence[Observation]) -> BoolArray:
    breaks = getattr(objs, "breaks", None)
    if isinstance(objs, LazyObservations) or callable(breaks):
        # Rows made on access (arrays, tables) say it without a model object per row.
        return objs.breaks() if isinstance(objs, LazyObservations) else breaks()  # type: ignore[misc]
    return np.fromiter((o.status.strip().upper() == "B" for o in objs), bool, len(objs))


def _month_day(frac: FloatArray) -> IntArray:
    """``month * 100 + day`` of the dates at fractional years *frac* (exact for whole days)."""
    year = np.floor(frac + 1e-9).astype(np.int64)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    doy = np.rint((frac - year) * np.where(leap, 366.0, 365.0)).astype(np.int64)
    days = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + doy
    month_start = days.astype("datetime64[M]")
    month = (month_start - days.astype("datetime64[Y]")).astype(np.int64) + 1
    day = (days - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    out: IntArray = month * 100 + day
    return out


def _gaps(t: FloatArray, seg: IntArray, n: int, indptr: IntArray | None = None) -> BoolArray:
    """Per target, whether one spacing exceeds 1.5 times the median spacing.

    With *indptr* (target ``i``'s points are ``[indptr[i], indptr[i + 1])``)
    and every target equally spaced, the spacings are read in place.
    """
    if indptr is not None:
        found = _even_gaps(t, indptr, n)
        if found is not None:
            return found
    same = seg[1:] == seg[:-1]
    d = np.diff(t)[same]
    ds = seg[1:][same]
    if d.size == 0:
        return np.zeros(n, dtype=bool)
    cnt = np.bincount(ds, minlength=n)
    has = np.flatnonzero(cnt > 0)
    if not np.all(np.isfinite(d)):
        return _gaps_sorted(d, ds, cnt, n)
    # One spacing exceeds the bound when the largest does; where every
    # spacing is the same (yearly data without a gap) that one is the median,
    # and only the targets with unequal spacings are sorted for theirs.
    starts = (np.cumsum(cnt) - cnt)[has]
    d_min = np.minimum.reduceat(d, starts)
    d_max = np.maximum.reduceat(d, starts)
    med = d_min.copy()  # overwritten below where the spacings differ
    varying = d_min != d_max
    if varying.any():
        pick = np.zeros(n, dtype=bool)
        pick[has[varying]] = True
        part = pick[ds]
        med[varying] = _medians(d[part], ds[part], cnt[has[varying]])
    out = np.zeros(n, dtype=bool)
    out[has] = d_max > 1.5 * med + EPS_TIME
    return out


def _even_gaps(t: FloatArray, indptr: IntArray, n: int) -> BoolArray | None:
    """:func:`_gaps` where every target's spacings are one value and finite, else None.

    The spacings of all targets laid end to end hold one between-target
    difference after each target. A target's spacings are one value when
    each equals the next of the same target: one comparison of neighbours
    over all of them, leaving out the pairs that touch a between-target
    difference. Equal spacings make the median that value, the largest
    spacing, which is never beyond 1.5 times itself: no gap (the same floats
    the general reading compares).
    """
    if t.size < 2:
        return None
    d = t[1:] - t[:-1]  # (np.diff's subtraction)
    if not np.all(np.isfinite(d)):
        return None
    has = np.flatnonzero(indptr[1:] - indptr[:-1] > 1)  # targets with a spacing
    if has.size == 0:
        return np.zeros(n, dtype=bool)
    differs = d[1:] != d[:-1]  # spacing i against spacing i + 1
    # Between-target differences: after each target's last point but the last one's.
    between = indptr[1:-1] - 1
    between = between[(between >= 0) & (between < d.size)]
    # Neither a between-target difference nor the spacing before it is compared with the next.
    differs[between[between < differs.size]] = False
    before = between - 1
    differs[before[before >= 0]] = False
    if differs.any():
        return None
    first = d[indptr[has]]  # each target's spacing (all of them equal)
    out = np.zeros(n, dtype=bool)
    out[has] = first > 1.5 * first + EPS_TIME
    return out


def _medians(d: FloatArray, ds: IntArray, cnt: IntArray) -> FloatArray:
    # Per segment (ds non-decreasing, cnt values each), the median of d.
    order = np.lexsort((d, ds))
    d = d[order]
    off = np.cumsum(cnt) - cnt
    out: FloatArray = 0.5 * (d[off + (cnt - 1) // 2] + d[off + cnt // 2])
    return out


def _gaps_sorted(d: FloatArray, ds: IntArray, cnt: IntArray, n: int) -> BoolArray:
    # _gaps for spacings that are not all finite: every spacing compared.
    has = cnt > 0
    med = np.full(n, np.nan)
    med[has] = _medians(d, ds, cnt[has])
    indptr = np.concatenate([[0], np.cumsum(cnt)]).astype(np.int64)
    order = np.lexsort((d, ds))
    return _seg_any(d[order] > 1.5 * med[ds[order]] + EPS_TIME, indptr)


def _thresholds(
    tc: TargetColumns,
) -> tuple[FloatArray, FloatArray, BoolArray, BoolArray, FloatArray]:
    """The interval of levels meeting each target, and the level to reach."""
    ta = tc.arrays
    half = band(ta.value, ta.tol_abs, ta.tol_rel, ta.percent)
    lo_b, hi_b, lo_c, hi_c = interval(ta.value, ta.upper, ta.comparator, ta.direction, half)
    ref_b = reference(ta.value, ta.upper, ta.comparator, ta.direction)

    # A value or an every-year limit is a level itself (each year's, for the
    # limit); a window's sum is no level at the deadline (its forecast
    # combines the years). The other kinds are transformed, row by row.
    summed = ta.basis == c.CUMULATIVE_SUM
    any_summed = bool(summed.any())
    other = np.flatnonzero((ta.basis != c.VALUE) & ~summed & (ta.basis != c.EVERY_YEAR))

    def level(x: FloatArray) -> FloatArray:
        out = np.where(summed, np.nan, x) if any_summed else x.copy()
        if other.size:
            # The basis transforms are increasing in the target's value (for a
            # positive baseline), so the interval's ends map to the level's.
            xo = x[other]
            fin = np.isfinite(xo)
            with np.errstate(invalid="ignore", over="ignore"):
                lv = target_level(
                    np.where(fin, xo, 0.0), ta.base_value[other], ta.base_time[other],
                    ta.end[other], ta.basis[other],
                )  # fmt: skip
            out[other] = np.where(fin, lv, xo)
        return out

    return level(lo_b), level(hi_b), lo_c, hi_c, level(ref_b)


@default_errstate
def histories(
    targets: Sequence[Target] | Plan,
    observations: ObservationsLike,
    *,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
) -> Histories:
    """Build every target's history, thresholds and year-to-date figure at once.

    Raises:
        UnitMismatchError: An observation does not fit its indicator.
        EvaluationError: *targets* holds something other than targets.

    Example:
        >>> from innovplan import datasets
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-08-06")
        >>> h.t.tolist(), round(float(h.ytd_value[0]), 2)
        ([2014.0, 2015.0, 2016.0, 2017.0, 2018.0, 2019.0, 2023.0], 1004.06)
    """
    items = targets.targets if isinstance(targets, Plan) else tuple(targets)
    for x in items:
        if not isinstance(x, Target):
            raise EvaluationError(f"expected targets, got {x!r}")
    flat, raw = materialised(observations)
    tc, oc = build_columns(items, flat, tolerance=tolerance)
    # Without any past share of their own, the other flows' in the observations.
    return with_other_flows(column_histories(tc, oc, as_of=to_optional_date(as_of)), raw)


@default_errstate
def column_histories(
    tc: TargetColumns,
    oc: ObservationColumns,
    *,
    as_of: dt.date | str | None = None,
    prepared: Prepared | None = None,
) -> Histories:
    """:func:`histories` from columns already built (by :func:`build_columns`).

    A caller that has assessed the targets already holds their columns; this
    builds the histories without converting the targets and observations again.
    *prepared* is the observations' vintage selection at *as_of*
    (:func:`select_observations`), when the caller made it already. *as_of*
    is read as :func:`innovplan.model.to_date` reads it (a numpy datetime64 too).

    Example:
        >>> from innovplan import datasets
        >>> import datetime
        >>> from innovplan.engine import build_columns, column_histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> tc, oc = build_columns([plan.target("T10")], obs)
        >>> h = column_histories(tc, oc, as_of=datetime.date(2023, 8, 6))
        >>> h.t.tolist()[-1], round(float(h.ytd_value[0]), 2)
        (2023.0, 1004.06)
    """
    day = to_optional_date(as_of)
    if prepared is None and day is None and _every_row_selected(oc):
        # What _prepare gives when the vintage selection keeps every row in
        # order: the rows as they are, each its own source (no growth row
        # computed, so no basis rows to read).
        sel, src_row = oc.arrays, np.arange(len(oc), dtype=np.int64)
    else:
        if prepared is None:
            prepared = _prepare(oc.arrays, np.nan if day is None else frac_year(day))
        sel, rows, basis_rows, _ = prepared
        # A published row is its own source; a computed growth's is its level row.
        src_row = rows if bool((rows >= 0).all()) else np.where(rows >= 0, rows, basis_rows)
    ta = tc.arrays
    n = len(tc)
    objs = oc.observations or ()
    breaks = _breaks(objs) if len(objs) else None
    # Targets that read the same observations the same way share one join.
    reps, of = _history_keys(ta)
    j = _join(sel, src_row, breaks, ta.ind[reps], ta.start[reps], ta.end[reps], ta.measure[reps])
    t_h, y_h, indptr, row_h, bound_h, flags, ytd_value, ytd_end, ytd_row, share, share_ip = j
    shared = None
    if reps.size < n:
        # One copy of each distinct history; the targets' copies are made
        # only if someone reads them (Histories.t, ...).
        shared = SharedHistories(t_h, y_h, indptr, row_h, bound_h, reps, of)
        share_gather, share_ip = _expand(share_ip, of)
        share = share[share_gather]
        flags, ytd_value, ytd_end, ytd_row = flags[of], ytd_value[of], ytd_end[of], ytd_row[of]
    with np.errstate(invalid="ignore"):
        ytd_elapsed = (ytd_end - ta.start) / (ta.end - ta.start)

    lo, hi, lo_c, hi_c, goal = _thresholds(tc)
    flags[~np.isfinite(goal)] |= NO_THRESHOLD
    sign = np.where(
        ta.direction == c.INCREASE, 1.0, np.where(ta.direction == c.DECREASE, -1.0, 0.0)
    )
    if shared is not None:
        return Histories(
            tc, oc, day, None, None, None, None, None, ta.end.copy(), lo, hi, lo_c, hi_c, goal,
            sign, ytd_value, ytd_elapsed, ytd_row, share, share_ip, flags, shared=shared,
        )  # fmt: skip
    return Histories(
        tc, oc, day, t_h, y_h, indptr, row_h, bound_h, ta.end.copy(), lo, hi, lo_c, hi_c, goal,
        sign, ytd_value, ytd_elapsed, ytd_row, share, share_ip, flags,
    )  # fmt: skip


def _every_row_selected(oc: ObservationColumns) -> bool:
    """Whether the latest release of each period, with no ``as_of``, is every row in order.

    So it is when each period has one row (in order), every row's indicator
    is read by a target (codes ≥ 0) and no growth is computed from levels.
    The *one_per_period* flag is a public field (a caller or ``attrs.evolve``
    may set it on rows it does not hold for), so the order is confirmed here:
    strictly ascending ``(ind, start, end)`` by neighbour comparisons, about
    0.05 ms for 40,000 rows against the vintage selection it saves.
    """
    arrays = oc.arrays
    if not oc.one_per_period or bool(np.any(arrays.level)):
        return False
    if arrays.ind.shape[0] == 0:
        return True
    if int(arrays.ind[0]) < 0:
        return False
    ind, start, end = arrays.ind, arrays.start, arrays.end
    # Mostly each period of an indicator starts after the one before: two
    # comparisons tell, and only a table with another order looks at the ends.
    if bool(np.all(ind[1:] >= ind[:-1])) and bool(
        np.all((ind[1:] > ind[:-1]) | (start[1:] > start[:-1]))
    ):
        return True
    same_ind = ind[1:] == ind[:-1]
    same_start = start[1:] == start[:-1]
    later = (start[1:] > start[:-1]) | (same_start & (end[1:] > end[:-1]))
    return bool(np.all((ind[1:] > ind[:-1]) | (same_ind & later)))


def _history_keys(ta: TargetArrays) -> tuple[IntArray, IntArray]:
    """Targets whose histories are the same, as ``(reps, of)``: ``reps[of[i]]`` stands for ``i``.

    A history depends on the target's indicator and measure only, and for a
    flow or a rate on its period's length; a flow's year-to-date figure and
    past shares on its period itself. Targets agreeing on these (bit for bit)
    join the observations once; *reps* are the first of each kind.
    """
    n = ta.ind.shape[0]
    if n < 2:  # one target (or none) is its own kind
        return np.arange(n, dtype=np.int64), np.arange(n, dtype=np.int64)
    flow = ta.measure == c.FLOW
    growth = ta.measure == c.GROWTH
    zero = np.zeros(n)
    # A key that is the same for every target neither orders nor tells
    # targets apart (the sort is stable): only the others are used.
    keys: list[npt.NDArray[np.generic]] = [ta.ind]
    if ta.measure.min() != ta.measure.max():
        keys.append(ta.measure)
    if flow.any():
        keys += [np.where(flow, ta.start, zero).view(np.int64),
                 np.where(flow, ta.end, zero).view(np.int64)]  # fmt: skip
    if growth.any():
        keys.append(np.where(growth, ta.end - ta.start, zero).view(np.int64))
    # Stable: the first target of a kind comes first.
    order = np.argsort(ta.ind, kind="stable") if len(keys) == 1 else np.lexsort(keys[::-1])
    new = np.zeros(n, dtype=bool)
    new[0] = True
    for key in keys:
        k = key[order]
        new[1:] |= k[1:] != k[:-1]
    reps = order[new]
    of = np.empty(n, dtype=np.int64)
    of[order] = np.cumsum(new) - 1
    return reps, of


def _expand(indptr: IntArray, of: IntArray) -> tuple[IntArray, IntArray]:
    """Rows and offsets of the ragged segments ``of[0], of[1], ...`` (each as often as named)."""
    if int(indptr[-1]) == 0:  # every segment empty: no rows
        return np.zeros(0, dtype=np.int64), np.zeros(of.size + 1, dtype=np.int64)
    counts = np.diff(indptr)[of]
    out = np.zeros(of.size + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    seg = np.repeat(np.arange(of.size), counts)
    gather = indptr[of][seg] + (np.arange(seg.size, dtype=np.int64) - out[:-1][seg])
    return gather, out


_Joined = tuple[
    FloatArray, FloatArray, IntArray, IntArray, npt.NDArray[np.int8], npt.NDArray[np.int32],
    FloatArray, FloatArray, IntArray, FloatArray, IntArray,
]  # fmt: skip


def _in_time_order(
    pairs: tuple[IntArray, IntArray, FloatArray, FloatArray],
    hist: IntArray | None,
    src_row: IntArray,
    bound: npt.NDArray[np.int8],
    *,
    whole: bool,
) -> tuple[IntArray | None, IntArray, FloatArray, FloatArray, IntArray, npt.NDArray[np.int8]]:
    """The history pairs *hist* (None: all) in time order within each target, and their points.

    *pairs* are the join's target, observation row, end and value of each
    pair; with *whole* the observation rows are the rows themselves. The
    join's order is kept when it is time order already (a sort would keep
    every row in place); taking every pair in it gathers nothing.

    Returns:
        The pairs in order (None: all, as they are), each one's target, and
        the points' times, values, rows and bounds.
    """
    pt, po, e, v = pairs
    hp, he = (pt, e) if hist is None else (pt[hist], e[hist])
    if not np.all((hp[1:] > hp[:-1]) | ((hp[1:] == hp[:-1]) & (he[1:] >= he[:-1]))):
        hist = (np.arange(pt.size) if hist is None else hist)[np.lexsort((he, hp))]
        hp, he = pt[hist], e[hist]
    if hist is None:  # the pairs themselves
        rows = src_row if whole else src_row[po]
        return None, hp, he, v, rows, bound if whole else bound[po]
    return hist, hp, he, v[hist], src_row[po[hist]], bound[po[hist]]


def _joins_every_row(obs_ind: IntArray, t_ind: IntArray) -> bool:
    """Whether target ``k`` is of indicator ``k`` and the rows' indicators, ascending, are theirs.

    Then the engine's join (``_pairs``) pairs row ``r`` with target
    ``obs_ind[r]``, every row once and in order; a table read for its own
    targets (one target per indicator, codes in order) is so.
    """
    n, m = t_ind.shape[0], obs_ind.shape[0]
    if m == 0 or n == 0 or obs_ind.dtype != np.int64:
        return False
    if int(obs_ind[0]) < 0 or int(obs_ind[-1]) >= n:
        return False
    if int(t_ind[0]) != 0 or int(t_ind[-1]) != n - 1:
        return False
    return bool(np.all(t_ind[1:] - t_ind[:-1] == 1)) and bool(np.all(obs_ind[1:] >= obs_ind[:-1]))


def _join(  # noqa: PLR0917 - private, the columns of one join
    sel: ObservationArrays,
    src_row: IntArray,
    breaks: BoolArray | None,
    ind: IntArray,
    big_start: FloatArray,
    big_end: FloatArray,
    target_measure: npt.NDArray[np.int8],
) -> _Joined:
    """Histories, warning bits, year-to-date figures and past shares of targets given as columns."""
    n = ind.shape[0]
    if _joins_every_row(sel.ind, ind):
        # Target k reads indicator k, and every row's indicator is one of them:
        # the join pairs each row with the target of its indicator, in row order.
        pt, po, whole = sel.ind, np.arange(sel.ind.shape[0], dtype=np.int64), True
    else:
        # The one target-observation join of the engine, as attainment uses it.
        pt, po = _pairs(sel.ind, ind)[:2]
        # Every selected row read once, in order (the targets take the
        # indicators in the observations' order): the join is the rows as they are.
        whole = po.shape[0] == sel.ind.shape[0] and np.array_equal(po, np.arange(po.shape[0]))
    e, v = (sel.end, sel.value) if whole else (sel.end[po], sel.value[po])
    any_flow = bool(np.any(target_measure == c.FLOW))
    hist: IntArray | None = None  # None: every pair, in the join's order
    if any_flow or np.any(target_measure == c.GROWTH):
        s = sel.start[po]
        big_s, big_e = big_start[pt], big_end[pt]
        measure = target_measure[pt]
        flowish = (measure == c.FLOW) | (measure == c.GROWTH)
        full = np.abs((e - s) - (big_e - big_s)) < _SAME_LENGTH
        hist = np.flatnonzero(~flowish | full)
    # (Stocks and shares only: every observation of the indicator counts.)
    hist, seg, t_h, y_h, row_h, bound_h = _in_time_order(
        (pt, po, e, v), hist, src_row, sel.bound, whole=whole
    )
    # The pairs are in target order: target i's start is the count of pairs before it.
    indptr = np.searchsorted(seg, np.arange(n + 1, dtype=np.int64)).astype(np.int64, copy=False)
    flags = np.zeros(n, dtype=np.int32)
    # Each bit only if some point has it (a check is cheaper than a segment sum).
    inexact = bound_h != c.EXACT
    if inexact.any():
        flags[_seg_any(inexact, indptr)] |= BOUND
    # No row a break (a table without statuses): no point is, and none is gathered.
    if breaks is not None and breaks.any():
        broken = breaks[row_h]
        if broken.any():
            flags[_seg_any(broken, indptr)] |= BREAK
    flags[_gaps(t_h, seg, n, indptr)] |= GAP
    if not any_flow:  # no flow: no year-to-date figure, no past shares
        none = np.full(n, np.nan)
        return (t_h, y_h, indptr, row_h, bound_h, flags, none, none.copy(),
                np.full(n, -1, dtype=np.int64), np.zeros(0),
                np.zeros(n + 1, dtype=np.int64))  # fmt: skip

    # Year-to-date: the latest part of the target's own period that starts with it.
    own = (measure == c.FLOW) & (np.abs(s - big_s) < EPS_TIME) & (e < big_e - EPS_TIME)
    own_idx = np.flatnonzero(own)
    own_idx = own_idx[np.lexsort((e[own_idx], pt[own_idx]))]
    last = np.ones(own_idx.size, dtype=bool)
    last[:-1] = pt[own_idx][1:] != pt[own_idx][:-1]
    ytd_pairs = own_idx[last]
    ytd_pair = np.full(n, -1, dtype=np.int64)
    ytd_pair[pt[ytd_pairs]] = ytd_pairs
    has_ytd = ytd_pair >= 0
    yp = ytd_pair[has_ytd]
    ytd_value = np.full(n, np.nan)
    ytd_end = np.full(n, np.nan)
    ytd_row = np.full(n, -1, dtype=np.int64)
    ytd_value[has_ytd], ytd_end[has_ytd], ytd_row[has_ytd] = v[yp], e[yp], src_row[po[yp]]

    # Past within-year shares: a part of an earlier year with the same start and
    # end days as this year's figure, over that year's total (Destatis and
    # national statistical offices' "share of the annual total reached by").
    share, share_indptr = _past_shares(
        (big_start, big_end, target_measure), pt, s, e, v,
        np.arange(pt.size) if hist is None else hist, has_ytd, ytd_end, n,
    )  # fmt: skip
    return (t_h, y_h, indptr, row_h, bound_h, flags, ytd_value, ytd_end, ytd_row, share,
            share_indptr)  # fmt: skip


def _past_shares(  # noqa: PLR0917 - private, the join's columns
    ta: tuple[FloatArray, FloatArray, npt.NDArray[np.int8]],
    pt: IntArray,
    s: FloatArray,
    e: FloatArray,
    v: FloatArray,
    hist: IntArray,
    has_ytd: BoolArray,
    ytd_end: FloatArray,
    n: int,
) -> tuple[FloatArray, IntArray]:
    big_s, big_e, measure = ta
    empty = (np.zeros(0), np.zeros(n + 1, dtype=np.int64))
    if not has_ytd.any():
        return empty
    start_md = _month_day(big_s)
    end_md = _month_day(np.where(has_ytd, ytd_end, big_s))
    part = (
        has_ytd[pt]
        & (measure[pt] == c.FLOW)
        & (s < big_s[pt] - EPS_TIME)
        & ((e - s) < (big_e[pt] - big_s[pt]) - _SAME_LENGTH)
    )
    cand = np.flatnonzero(part)
    if cand.size:
        cand = cand[
            (_month_day(s[cand]) == start_md[pt[cand]]) & (_month_day(e[cand]) == end_md[pt[cand]])
        ]
    if cand.size == 0:
        return empty
    # Annual totals of the same targets, keyed by (target, start).
    hk = pt[hist] * _OFFSET + s[hist]
    order = np.argsort(hk, kind="stable")
    hk_sorted = hk[order]
    qk = pt[cand] * _OFFSET + s[cand]
    j = np.clip(np.searchsorted(hk_sorted, qk - EPS_TIME), 0, max(hk_sorted.size - 1, 0))
    if hk_sorted.size == 0:
        return empty
    hit = np.abs(hk_sorted[j] - qk) < EPS_TIME
    total = v[hist[order[j]]]
    ok = hit & (total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        sh = v[cand] / total
    seg = pt[cand][ok]
    sh = sh[ok]
    o2 = np.argsort(seg, kind="stable")
    ip = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(seg, minlength=n), out=ip[1:])
    return sh[o2], ip


# Fewest shares of other flows worth a prior: with one, the spread of a share
# between flows and years would be unknown.
_MIN_OTHER = 2
_SAME_DAYS = 3  # periods whose lengths differ by fewer days count as equally long


_Known = dict[tuple[str, dt.date, dt.date], tuple[dt.date, Observation]]


def _latest_known(raw: Sequence[Observation], day: dt.date | None) -> _Known:
    # The latest release known by `day` of each (indicator, start, end); an
    # observation without a release date is known from its period's end, as
    # in the columns. Periods end exclusively here (the day after the last).
    latest: _Known = {}
    for o in raw:
        known = o.released or o.period.end
        if day is not None and known > day:
            continue
        key = (o.indicator, o.period.start, o.period.end + dt.timedelta(days=1))
        if key not in latest or known >= latest[key][0]:
            latest[key] = (known, o)
    return latest


def _borrowed(latest: _Known, md: tuple[int, int], start: float, span: float) -> list[float]:
    # Shares part / total of every indicator's parts starting and ending on
    # the month-days *md*, before *start*, with a total of *span* days.
    totals = {
        (ind, st): o.value
        for (ind, st, en), (_, o) in latest.items()
        if abs((en - st).days - span) < _SAME_DAYS
    }
    pool = []
    for (ind, st, en), (_, part) in latest.items():
        total = totals.get((ind, st))
        if (
            total is None
            or (st.month * 100 + st.day, en.month * 100 + en.day) != md
            or frac_year(st) >= start - EPS_TIME
            or (en - st).days >= span - _SAME_DAYS
        ):
            continue
        try:
            ratio = float(part.value.to(total.units).magnitude / total.magnitude)
        except (ArithmeticError, ValueError, TypeError):  # units that do not convert, a zero
            continue
        if 0.0 < ratio <= 1.0:
            pool.append(ratio)
    return pool


def with_other_flows(h: Histories, raw: Sequence[Observation]) -> Histories:
    """*h* with other flows' past within-year shares where a target has none of its own.

    See :func:`_other_flow_shares`; targets that borrow carry the
    :data:`OTHER_FLOWS` flag. *raw* are the observations as objects (all
    indicators, every vintage).

    Example:
        >>> from innovplan import datasets
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-08-06")
        >>> with_other_flows(h, tuple(obs)).share.size  # no other flow has a half-year
        0
    """
    ta = h.targets.arrays
    has_ytd = h.ytd_row >= 0
    ytd_end = ta.start + h.ytd_elapsed * (ta.end - ta.start)
    share, share_indptr, other = _other_flow_shares(
        raw, ta, has_ytd, ytd_end, h.share, h.share_indptr, h.as_of
    )
    if not other.any():
        return h
    flags = h.flags | np.where(other, OTHER_FLOWS, 0).astype(h.flags.dtype)
    return attrs.evolve(h, share=share, share_indptr=share_indptr, flags=flags)


def _other_flow_shares(  # noqa: PLR0917 - private, the join's columns
    raw: Sequence[Observation],
    ta: TargetArrays,
    has_ytd: BoolArray,
    ytd_end: FloatArray,
    share: FloatArray,
    share_indptr: IntArray,
    day: dt.date | None,
) -> tuple[FloatArray, IntArray, BoolArray]:
    """Other flows' past within-year shares, for targets without shares of their own.

    A flow's year-to-date figure with no past share of its own indicator
    borrows those of every other indicator in the observations that has a
    part of an earlier year with the same start and end days (month and day)
    as this year's figure, and that year's total over a period as long as the
    target's: the prior of how flows split over the year, from the same
    statistics (the pooled log shares then give the point and a prediction
    interval, as the target's own would). Each figure is its latest release
    known by *day*, and the part is read in its total's unit. Used only with
    at least ``_MIN_OTHER`` such shares. Returns the shares, their offsets
    and which targets use them.
    """
    n = has_ytd.size
    other = np.zeros(n, dtype=bool)
    need = has_ytd & (np.diff(share_indptr) == 0) & (ta.measure == c.FLOW)
    if not need.any() or not raw:
        return share, share_indptr, other
    latest = _latest_known(raw, day)
    idx = np.flatnonzero(need)
    start_md, end_md = _month_day(ta.start[idx]), _month_day(ytd_end[idx])
    span_days = np.rint((ta.end[idx] - ta.start[idx]) * 365.25)
    add: dict[int, FloatArray] = {}
    for i, smd, emd, span in zip(idx.tolist(), start_md, end_md, span_days, strict=True):
        pool = _borrowed(latest, (int(smd), int(emd)), float(ta.start[i]), float(span))
        if len(pool) >= _MIN_OTHER:
            add[i] = np.array(pool)
            other[i] = True
    if not add:
        return share, share_indptr, other
    # The borrowing targets had no share of their own: their blocks are
    # inserted, every other target's shares move along unchanged.
    own = np.diff(share_indptr)
    counts = own.copy()
    for i, sh in add.items():
        counts[i] = sh.size
    ip = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=ip[1:])
    out = np.empty(int(ip[-1]))
    out[np.repeat(ip[:-1] - share_indptr[:-1], own) + np.arange(share.size)] = share
    for i, sh in add.items():
        out[ip[i] : ip[i + 1]] = sh
    return out, ip, other


_CHAINED = (c.PERCENT_CHANGE, c.AVERAGE_ANNUAL, c.CUMULATIVE_SUM)
_FROM_BASELINE = (c.CHANGE, c.PERCENT_CHANGE, c.AVERAGE_ANNUAL)
_INDEX = 100.0  # the chained index's value at the window's start


def in_target_terms(h: Histories) -> Histories:
    """*h* with every target's change made a level that a progress method can grade.

    Published progress methods compare the rate of change since a base value
    with the rate required to reach the target's level by its deadline
    (Eurostat, "Sustainable development in the European Union", 2021 edition,
    introduction, "assessing progress towards quantified targets"). Two kinds
    of target carry no such level of their own:

    - A change or an average annual rate without a baseline of its own (a
      five-year plan's targets, measured from the plan's "2020" column): its
      baseline is the observed value of the period ending where its window
      starts, the baseline attainment and forecasts read.
    - A change or an average annual rate of yearly rates (a GROWTH indicator
      published as "up 9.4 % on the year"): the rates of the window's years
      are chained into an index, 100 at the window's start and
      ``100 * prod(1 + r / 100)`` at the end of each observed year, and the
      target becomes the index's level at the deadline,
      ``100 * (1 + v / 100)`` for a change and ``100 * (1 + v / 100) ** N``
      for an average over the window's ``N`` years. The chain needs every
      year of the window from its start; with a year missing the history
      keeps only the years before the gap.

    Example:
        >>> from innovplan import datasets
        >>> plan = datasets.china_14th_fyp()
        >>> obs = datasets.china_14th_fyp_observations()
        >>> h = in_target_terms(histories([plan.target("T4")], obs, as_of="2024-02-29"))
        >>> [round(v, 4) for v in h.y.tolist()], round(float(h.goal[0]), 4)
        ([109.4, 117.8238], 140.2552)
    """
    ta = h.targets.arrays
    n = len(h)
    seg = np.repeat(np.arange(n, dtype=np.int64), np.diff(h.indptr))
    chained = (ta.measure == c.GROWTH) & np.isin(ta.basis, _CHAINED)
    own = np.isfinite(ta.base_value) & np.isfinite(ta.base_time)
    fill = ~chained & ~own & np.isin(ta.basis, _FROM_BASELINE) & (ta.measure != c.GROWTH)
    if not (chained.any() or fill.any()):
        return h
    base_value, base_time = ta.base_value.copy(), ta.base_time.copy()
    # Observed baseline: the value of the period ending where the window starts.
    at = fill[seg] & (np.abs(h.t - ta.window[seg]) < EPS_TIME)
    base_value[seg[at]], base_time[seg[at]] = h.y[at], ta.window[seg[at]]
    # Chains: the window's consecutive years from its start, as an index.
    keep = ~chained[seg]
    y = h.y.copy()
    if chained.any():
        step = 1.0
        inw = chained[seg] & (h.t > ta.window[seg] + EPS_TIME) & (h.t < ta.end[seg] + EPS_TIME)
        idx = np.flatnonzero(inw)
        # Position of each year in its target's window; consecutive from 1.
        first = np.searchsorted(idx, h.indptr[:-1])[seg[idx]]
        rank = np.arange(idx.size) - first + 1
        years = np.rint((h.t[idx] - ta.window[seg[idx]]) / step)
        ok = years == rank
        # Drop everything from the first gap of each target on.
        gap_seen = np.zeros(idx.size, dtype=bool)
        if (~ok).any():
            cum = np.cumsum(~ok)
            start_cum = np.concatenate([[0], cum])[first]
            gap_seen = (cum - start_cum) > 0
        idx = idx[~gap_seen]
        keep[idx] = True
        with np.errstate(invalid="ignore", divide="ignore"):
            logs = np.log1p(h.y[idx] / 100.0)
        csum = np.cumsum(logs)
        first_k = np.searchsorted(idx, h.indptr[:-1])[seg[idx]]
        before = np.concatenate([[0.0], csum])[first_k]
        y[idx] = _INDEX * np.exp(csum - before)
        base_value = np.where(chained, _INDEX, base_value)
        base_time = np.where(chained, ta.window, base_time)
    arrays = ta._replace(base_value=base_value, base_time=base_time)
    # A chained change over the window is a percent change of the index.
    basis = np.where(chained & (ta.basis == c.CUMULATIVE_SUM), c.PERCENT_CHANGE, ta.basis)
    tc = attrs.evolve(h.targets, arrays=arrays._replace(basis=basis.astype(ta.basis.dtype)))
    lo, hi, _, _, goal = _thresholds(tc)
    sel = np.flatnonzero(keep)
    counts = np.bincount(seg[sel], minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    flags = h.flags.copy()
    flags[np.isfinite(goal)] &= ~NO_THRESHOLD
    changed = chained | fill
    return attrs.evolve(
        h,
        targets=attrs.evolve(h.targets, arrays=arrays),
        t=h.t[sel],
        y=y[sel],
        indptr=indptr,
        row=h.row[sel],
        bound=h.bound[sel],
        lo=np.where(changed, lo, h.lo),
        hi=np.where(changed, hi, h.hi),
        goal=np.where(changed, goal, h.goal),
        flags=flags,
    )
