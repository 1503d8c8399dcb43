"""``progress``: the published progress assessments of quantified targets, per target.

Each method is a kernel of :mod:`innovplan.engine._progress`, cited there; this
module picks the base and latest observations, turns the target into the level
to reach, reads the indicator's direction and maps the categories onto
:class:`~innovplan.model.Status`. Defaults and sources: ``docs/trajectory.md``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pint

from innovplan._errstate import default_errstate
from innovplan.engine import (
    EPS_TIME,
    FloatArray,
    Histories,
    ObservationsLike,
    engine_unit,
    frac_year,
    in_target_terms,
)
from innovplan.engine import codes as c
from innovplan.engine import progress_methods as kp
from innovplan.errors import EvaluationError, ModelError, UnknownIdError
from innovplan.evaluate import _args as args
from innovplan.evaluate._assessments import _own_units_of_rows, _q
from innovplan.evaluate._forecast import _series_of
from innovplan.evaluate._groups import _TOTAL, with_dimensions
from innovplan.evaluate._rows import Coded, LazyColumns, _HistoryRows, texts
from innovplan.model import (
    Group,
    Observation,
    Period,
    Series,
    Status,
    Target,
    items_of,
    real_number,
    to_date,
)
from innovplan.units import Quantity

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from innovplan.engine import TargetColumns
    from innovplan.evaluate._cells import TableLike
    from innovplan.model import Plan, Tolerance

__all__ = ["PROGRESS_METHODS", "Progress", "Progresses", "progress", "progress_many"]


_DEFAULTS: dict[str, tuple[float, float, float]] = {
    # Eurostat SDG monitoring report, introduction; Open SDG "Progress
    # Measurement Methodology" (2023), "Indicators with quantitative targets":
    # 95 % / 60 % / 0.
    "eurostat": (0.95, 0.6, 0.0),
    # SDSN Sustainable Development Report (2023), trend dashboards: the
    # required pace, half of it, no change.
    "sdsn": (1.0, 0.5, 0.0),
    # UNSD SDG Progress Chart technical note (2022), section II(b).
    "unsd": (0.95, 0.5, -0.1),
    "unsd-expected": (0.95, 0.5, -0.1),
    # ESCAP "Progress Assessment Methodology", anticipated progress: maintain
    # (>= 1), accelerate (0 to 1), reverse (below 0).
    "escap": (1.0, 0.0, 0.0),
    # UNICEF/IGME: on track when the actual AARR reaches the required one; the
    # split at one half is innovplan's, a parameter.
    "aarr": (1.0, 0.5, 0.0),
    # Open SDG "Progress Measurement Methodology" (2023), "Indicators without
    # quantitative targets": the growth rate in the desired direction against
    # 1.5 % / 0.5 % / 0 a year; the target's value is not used.
    "eurostat-no-target": (0.015, 0.005, 0.0),
}
_CHAINED = (c.PERCENT_CHANGE, c.AVERAGE_ANNUAL, c.CUMULATIVE_SUM)
PROGRESS_METHODS: tuple[str, ...] = tuple(_DEFAULTS)
"""Names accepted by ``method=``."""

_STATUS = {
    c.Category.ACHIEVED: Status.ACHIEVED,
    c.Category.ON_TRACK: Status.ON_TRACK,
    c.Category.MODERATE: Status.MODERATE,
    c.Category.LIMITED: Status.LIMITED,
    c.Category.DETERIORATING: Status.DETERIORATING,
    c.Category.NOT_ASSESSABLE: Status.NO_DATA,
}


_STATUS_VALUES = np.array([s.value for s in Status], dtype=object)


@attrs.frozen
class Progress:
    """A published progress assessment of one target.

    Attributes:
        target_id: The target's id.
        method: The method (``"eurostat"``, ``"sdsn"``, ...).
        status: ``ACHIEVED`` when the latest value already meets the target (a
            stock or share; a flow or rate that met it last period is
            ``ON_TRACK``), else ``ON_TRACK`` / ``MODERATE`` / ``LIMITED`` /
            ``DETERIORATING``, or ``NO_DATA`` with the *reason*.
        ratio: The method's value: actual over required rate (eurostat, sdsn,
            unsd, aarr), share of the required change (unsd-expected, escap),
            or the yearly growth rate in the desired direction
            (eurostat-no-target).
        score: Eurostat's -5...+5 score (Open SDG), None for other methods.
        base: The observation progress is counted from.
        latest: The latest observation.
        goal: The level to reach by the deadline; for yearly rates chained into an
            index, the target's own rate or change.
        projected: The value at the deadline the method projects
            (unsd-expected, escap), if any.
        current_status: ESCAP's current status index (escap only).
        thresholds: On-track, moderate and limited lower bounds of *ratio*.
        growth: ``"linear"`` or ``"compound"`` (sdsn only).
        reason: Why it is not assessable, or a note on how it was read.
        actual_rate: The observed yearly rate behind *ratio*, as a fraction
            (aarr: the rate of reduction from base to latest value;
            eurostat-no-target: the growth in the desired direction).
        required_rate: The yearly rate still needed from the latest value to
            the target (aarr), as a fraction.
        group: The group graded (the total for most targets).
        versus: The group compared with, for a parity target.
        target: The target, when assessed from model objects.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import progress
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> p = progress(plan.target("T8"), obs, as_of="2023-01-29", window=5)
        >>> p.status, p.base.period.end.year, p.latest.period.end.year
        (<Status.ON_TRACK: 'on_track'>, 2017, 2022)
    """

    target_id: str
    method: str
    status: Status
    ratio: float | None
    score: float | None
    base: Observation | None
    latest: Observation | None
    goal: Quantity | None
    projected: Quantity | None = None
    current_status: float | None = None
    thresholds: tuple[float, float, float] = (0.95, 0.6, 0.0)
    growth: str | None = None
    reason: str | None = None
    actual_rate: float | None = None
    required_rate: float | None = None
    group: Group = attrs.field(factory=Group)
    versus: Group | None = None
    target: Target | None = attrs.field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """This Progress as a JSON-ready dict (``innovplan.io.results_to_dict``).

        Quantities are ``{"value": ..., "unit": ...}``, dates ISO text, enums
        their values; a number that is not finite is None. The dict validates
        against ``innovplan.io.results_schema()``.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> doc = progress(plan.target("T10"), obs, as_of="2023-01-29").to_dict()
            >>> doc["kind"], doc["method"], doc["goal"]
            ('progress', 'eurostat', {'value': 1450.0, 'unit': 'hundred_million_yuan'})
        """
        from innovplan.io import results_to_dict

        return results_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (``innovplan.io.results_to_json``).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> import json
            >>> doc = json.loads(progress(plan.target("T10"), obs, as_of="2023-01-29").to_json())
            >>> doc["kind"], doc["method"], doc["goal"]
            ('progress', 'eurostat', {'value': 1450.0, 'unit': 'hundred_million_yuan'})
        """
        from innovplan.io import results_to_json

        return results_to_json(self, indent=indent)

    def explain(self) -> str:
        """One line: method, status, ratio, from which base to which latest value.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> progress(plan.target("T13"), obs).explain()
            'T13 eurostat: NO_DATA (needs two observations, a base and a later one; found 1)'
        """
        head = f"{self.target_id} {self.method}: {self.status.name}"
        if self.ratio is None:
            return f"{head} ({self.reason})"
        base = self.base.period if self.base is not None else "baseline"
        latest = self.latest.period if self.latest is not None else "?"
        if self.actual_rate is not None and self.required_rate is not None:
            rates = f"{self.actual_rate:.1%} a year against {self.required_rate:.1%} required"
            text = f"{head} ({rates}, {base} → {latest}"
        elif self.actual_rate is not None:
            text = f"{head} ({self.actual_rate:+.1%} a year, {base} → {latest}"
        else:
            text = f"{head} (ratio {self.ratio:.2f}, {base} → {latest}"
        if self.score is not None:
            text += f", score {self.score:+.1f}"
        return text + (f"; {self.reason})" if self.reason else ")")


def _base_time(base: object) -> float:
    """The history time (end of period, exclusive) a base year or date stands for."""
    if isinstance(base, str) and base.strip().isascii() and base.strip().isdecimal():
        base = int(base)  # ASCII digits only: "²".isdigit() is True and int("²") fails
    if isinstance(base, int) and not isinstance(base, bool):
        if not dt.MINYEAR <= base <= dt.MAXYEAR:
            raise ValueError(base)
        return float(base + 1)
    if isinstance(base, Period):
        return frac_year(base.end + dt.timedelta(days=1))
    day = to_date(base)
    return frac_year(day + dt.timedelta(days=1))


def _pick(  # noqa: PLR0917 - private, columns of one batch
    h: Histories,
    base: object,
    window: float | None,
    n: npt.NDArray[np.int64],
    last: npt.NDArray[np.int64],
    first: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray]:
    """Base point per target: its index in the history (-1: a baseline), value and time."""
    ta = h.targets.arrays
    idx = first.copy()
    key = np.repeat(np.arange(len(h), dtype=np.float64), n) * 1.0e4 + h.t
    if window is not None:
        # Eurostat's short-term assessment counts from the start of the last
        # five years: the earliest observation inside the window.
        t_last = np.full(len(h), np.nan)
        t_last[n > 0] = h.t[last[n > 0]]
        want = np.arange(len(h)) * 1.0e4 + t_last - window - EPS_TIME
        idx = np.maximum(np.searchsorted(key, want, side="left"), first)
    elif base is not None:
        # A base year or date: the latest observation at or before it.
        want = np.arange(len(h)) * 1.0e4 + _base_time(base) + EPS_TIME
        idx = np.searchsorted(key, want, side="right") - 1
        idx = np.where(idx >= first, idx, -2)
    # An index outside the target's own segment means no such observation.
    idx = np.where((n > 0) & (idx >= first) & (idx <= last), idx, -2)
    value = np.full(len(h), np.nan)
    time = np.full(len(h), np.nan)
    ok = idx >= 0
    value[ok], time[ok] = h.y[idx[ok]], h.t[idx[ok]]
    if window is None and base is None:
        # The target's own baseline, when it has one, else the first observation.
        has_b = np.isfinite(ta.base_value) & np.isfinite(ta.base_time)
        idx = np.where(has_b, -1, idx)
        value = np.where(has_b, ta.base_value, value)
        time = np.where(has_b, ta.base_time, time)
    return idx, value, time


@default_errstate
def progress_many(
    targets: Sequence[Target] | Plan | TableLike,
    observations: ObservationsLike | TableLike = (),
    *,
    method: str = "eurostat",
    base: int | str | dt.date | Period | Observation | None = None,
    window: float | None = None,
    thresholds: tuple[float, float, float] | None = None,
    growth: str = "linear",
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
    limit: Quantity | None = None,
) -> Progresses:
    """Assess the progress of many targets with one call of the method's kernel.

    Element ``i`` equals ``progress(targets[i], observations, ...)``; see
    :func:`progress` for the arguments. *targets* may also be a table of
    targets and *observations* a table of observations (``docs/tables.md``).
    The result holds columns; a :class:`Progress` is made when a row is read.

    Example:
        >>> from innovplan import datasets
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> [p.status.name for p in progress_many(plan, obs, as_of="2023-01-29")][8:11]
        ['ON_TRACK', 'NO_DATA', 'ON_TRACK']
    """
    func = "progress_many"
    thr3 = _check_args(method, base, window, thresholds, growth, func)
    if limit is not None and method != "eurostat-no-target":
        msg = f"limit= is a natural limit for method 'eurostat-no-target', not {method!r}"
        raise EvaluationError(msg)
    h = args.checked_histories(func, targets, observations, as_of, tolerance)
    if isinstance(base, Observation):
        h = _with_baseline(h, base)
        base = None
    return _progress_histories(
        h, method, thr3, base=base, window=window, growth=growth, limit=_limits(h, limit)
    )


def _limits(h: Histories, limit: Quantity | None) -> FloatArray | None:
    """*limit* in each target's engine unit (one conversion per indicator)."""
    if limit is None:
        return None
    given: object = limit  # callers outside the type checker may pass anything
    if not isinstance(given, pint.Quantity):
        expected = "a quantity in the indicator's unit, e.g. Q_(100, 'percent')"
        raise args.fail("progress_many", "limit", expected, limit)
    tc = h.targets
    per_unit: dict[int, float] = {}
    for code in np.unique(tc.arrays.ind).tolist():
        unit = tc.units[code]
        if not limit.is_compatible_with(unit):
            msg = f"limit {limit:~} does not fit the indicator's unit '{unit}'"
            raise EvaluationError(msg)
        per_unit[code] = float(limit.to(unit).magnitude)
    return np.array([per_unit[int(i)] for i in tc.arrays.ind.tolist()], dtype=np.float64)


def _check_args(  # noqa: PLR0917 (private; one argument per public one)
    method: object,
    base: object,
    window: object,
    thresholds: object,
    growth: object,
    func: str = "progress_many",
) -> tuple[float, float, float]:
    """Refuse bad arguments of :func:`progress_many`; the thresholds to use."""
    name = "progress_method" if func == "evaluate" else "method"
    if args.choice(func, name, method, PROGRESS_METHODS) not in _DEFAULTS:
        raise UnknownIdError("progress method", method, PROGRESS_METHODS)  # type: ignore[arg-type]
    if not isinstance(growth, str) or growth not in {"linear", "compound"}:
        raise args.fail(func, "growth", "'linear' or 'compound'", growth)
    args.positive(func, "window", window)
    thr = _DEFAULTS[method] if thresholds is None else _thresholds(func, thresholds)  # type: ignore[index]
    if not thr[0] >= thr[1] >= thr[2]:
        raise args.fail(func, "thresholds", "three decreasing numbers", thresholds)
    if window is not None and base is not None:
        raise EvaluationError(f"{func}(): give base= or window=, not both")
    if base is not None:
        _check_base(func, base)
    return (thr[0], thr[1], thr[2])


def _thresholds(func: str, value: object) -> tuple[float, float, float]:
    expected = "three decreasing finite numbers (on track, moderate, limited)"
    items = items_of(value)
    if items is None:
        raise args.fail(func, "thresholds", expected, value)
    nums = tuple(real_number(x) for x in items)
    if len(nums) != 3 or any(x is None or not math.isfinite(x) for x in nums):
        raise args.fail(func, "thresholds", expected, value)
    return (nums[0], nums[1], nums[2])  # type: ignore[return-value]  # checked above


def _check_base(func: str, base: object) -> None:
    expected = "a year (2015), a date, a Period, an Observation or None"
    if isinstance(base, Observation | Period):
        return
    if isinstance(base, bool) or not isinstance(base, int | str | dt.date):
        raise args.fail(func, "base", expected, base)
    try:
        _base_time(base)
    except (ModelError, ValueError, OverflowError):
        raise args.fail(func, "base", expected, base) from None


def _progress_histories(
    h: Histories,
    method: str,
    thr3: tuple[float, float, float],
    *,
    base: int | str | dt.date | Period | None = None,
    window: float | None = None,
    growth: str = "linear",
    limit: FloatArray | None = None,
) -> Progresses:
    """:func:`progress_many` on histories already built (arguments already checked)."""
    # Changes and average rates without a level of their own (a plan's
    # baseline column, chained yearly rates) become levels first.
    shown = h.goal
    h = in_target_terms(h)
    n = np.diff(h.indptr)
    last = h.indptr[1:] - 1
    first = h.indptr[:-1]
    b_idx, x0, t0 = _pick(h, base, window, n, last, first)
    has = n > 0
    xt = np.full(len(h), np.nan)
    t1 = np.full(len(h), np.nan)
    xt[has], t1[has] = h.y[last[has]], h.t[last[has]]
    goal, tt = h.goal, h.horizon
    # NEAR indicators: better is towards the target, whichever side the base is on.
    no_target = method == "eurostat-no-target"
    if no_target:
        # No target to move towards: a NEAR indicator has no better direction.
        d = np.where(h.sign != 0, h.sign, np.nan).astype(np.float64)
    else:
        d = np.where(h.sign != 0, h.sign, np.sign(goal - x0))
    res, projected, current, rates = _kernel(
        method, h, (x0, t0, xt, t1, goal, tt, d), thr3, growth, limit=limit
    )
    met = (d * (xt - goal) >= 0) & np.isfinite(xt) & np.isfinite(goal) & (not no_target)
    cat = np.where(met, c.Category.ACHIEVED, res.category).astype(np.int8)
    valid = has & (b_idx != -2) & np.isfinite(x0) & (t1 > t0 + EPS_TIME)
    if not no_target:
        valid &= np.isfinite(goal)
    cat = np.where(valid | met, cat, c.Category.NOT_ASSESSABLE).astype(np.int8)
    # Progress is towards a deadline: once later periods are observed, the
    # question is attainment's.
    late = t1 > tt + EPS_TIME
    cat = np.where(late, c.Category.NOT_ASSESSABLE, cat).astype(np.int8)
    # A chained index is no quantity of the indicator's: its goal and
    # projection are shown in the target's own terms, or not at all.
    ta = h.targets.arrays
    chained = (ta.measure == c.GROWTH) & np.isin(ta.basis, _CHAINED)
    if chained.any():
        own = np.where(np.isfinite(shown), shown, ta.value)
        h = attrs.evolve(h, goal=np.where(chained, own, h.goal))
        projected = np.where(chained, np.nan, projected)
    actual, needed = rates
    return Progresses(
        histories=h,
        method=method,
        category=cat,
        kernel=res,
        base_index=b_idx,
        thresholds=thr3,
        growth=growth,
        projected=projected,
        current=current,
        actual=actual,
        needed=needed,
        base_value=x0,
        base_time=t0,
        n_points=n,
    )


def _kernel(
    method: str,
    h: Histories,
    cols: tuple[FloatArray, ...],
    thr3: tuple[float, float, float],
    growth: str,
    *,
    limit: FloatArray | None,
) -> tuple[kp.Progress, FloatArray, FloatArray, tuple[FloatArray, FloatArray]]:
    """Run the method's kernel; also the projection, ESCAP's current status and the rates."""
    x0, t0, xt, t1, goal, tt, d = cols
    projected = np.full(len(h), np.nan)
    current = np.full(len(h), np.nan)
    actual = needed = np.full(len(h), np.nan)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if method == "eurostat":
            res = kp.eurostat(x0, t0, xt, t1, goal, tt, d, thresholds=thr3)
        elif method == "sdsn":
            res = kp.sdsn(x0, t0, xt, t1, goal, tt, d, growth=growth, thresholds=thr3)
        elif method == "unsd":
            res = kp.unsd(x0, t0, xt, t1, goal, tt, d, thresholds=thr3)
        elif method == "unsd-expected":
            res = kp.unsd_expected(x0, t0, xt, t1, goal, tt, d, thresholds=thr3)
            projected = xt * np.power(1.0 + kp.cagr(x0, t0, xt, t1), tt - t1)
        elif method == "escap":
            # ESCAP projects with a time-weighted regression whose weights no
            # published text that could be read defines: the unweighted
            # least-squares line stands in. Two observations define it.
            projected = kp.line_projection(h.t, h.y, h.indptr, tt)
            res = kp.escap_anticipated(x0, projected, goal, thresholds=thr3)
            current = kp.escap_current_status(x0, xt, goal)
        elif method == "eurostat-no-target":
            res = kp.eurostat_no_target(x0, t0, xt, t1, d, thresholds=thr3, limit=limit)
            actual = res.ratio
        else:  # aarr: UNICEF's rate of reduction, required rate counted from the latest year
            actual = kp.aarr(x0, t0, xt, t1)
            needed = kp.aarr(xt, t1, goal, tt)
            ratio = np.where(np.isfinite(actual / needed), actual / needed, np.nan)
            res = kp.Progress(ratio, kp.categorise(ratio, thr3), np.full(len(h), np.nan))
    return res, projected, current, (actual, needed)


def _with_baseline(h: Histories, base: Observation) -> Histories:
    """Use *base* (converted to each target's engine unit) as every target's baseline."""
    ta = h.targets.arrays
    tc = h.targets
    values = np.array(
        [
            float(base.value.to(engine_unit(t.indicator)).magnitude)
            if t.indicator.id == base.indicator
            else np.nan
            for t in (tc.targets or ())
        ]
    )
    arrays = ta._replace(
        base_value=values,
        base_time=np.full(values.shape, frac_year(base.period.end + dt.timedelta(days=1))),
    )
    return attrs.evolve(h, targets=attrs.evolve(tc, arrays=arrays))


def _reason(  # noqa: PLR0911, PLR0917 - private; one sentence per case
    h: Histories, i: int, b_idx: int, x0: float, t0: float, n: int, method: str
) -> str | None:
    if not math.isfinite(float(h.goal[i])):
        return "the target's change needs a baseline to become a level"
    if n == 0:
        return "no observation of the indicator applies"
    if float(h.t[h.indptr[i + 1] - 1]) > float(h.horizon[i]) + EPS_TIME:
        return "observations after the deadline exist: assess attainment instead"
    if b_idx == -2:
        return "no observation at or before the base asked for"
    if n < 2 and b_idx != -1:
        return f"needs two observations, a base and a later one; found {n}"
    t1 = float(h.t[h.indptr[i + 1] - 1])
    if not t1 > t0 + EPS_TIME:
        return "the base is the latest observation: no change to measure"
    xt = float(h.y[h.indptr[i + 1] - 1])
    if method == "eurostat" and (x0 * xt < 0 or x0 * float(h.goal[i]) < 0):
        return "compound rates need base, latest and target values of one sign"
    if method in {"unsd", "unsd-expected", "aarr"} and (x0 <= 0 or xt <= 0):
        return "compound rates need positive base and latest values"
    return "the method's ratio is undefined for these values"


_PERCENT = "percent"


def _own_units(tc: TargetColumns) -> tuple[tuple[str, ...], FloatArray | None]:
    """The unit each row's goal and projection are shown in, and the factor to it.

    The engine holds every dimensionless indicator in percent; a row shows its
    indicator's own unit, a ratio of 5.0 rather than 500 percent, as
    assessments and forecasts do (see ``own_unit``), and the frame reads the
    same units and factors. A parity row shows the unit its target's value was
    written in (a ratio 0.97, not 97 percent), as its assessment does. Chained
    yearly rates keep the target's own terms. The factors are None when no row
    changes.
    """
    ind = tc.arrays.ind
    shown = [tc.units[i] for i in ind.tolist()]
    if tc.targets is None or _PERCENT not in tc.units or len(tc) == 0:
        return tuple(shown), None
    ta = tc.arrays
    in_percent = np.array([u == _PERCENT for u in tc.units], dtype=bool)
    chained = (ta.measure == c.GROWTH) & np.isin(ta.basis, _CHAINED)
    rows = np.flatnonzero(in_percent[ind] & ~chained)
    codes, own_factors, names = _own_units_of_rows(tc, rows)
    own = codes >= 0
    if not own.any():
        return tuple(shown), None
    factors = np.ones(len(shown), dtype=np.float64)
    factors[rows[own]] = own_factors[own]
    for i, k in zip(rows[own].tolist(), codes[own].tolist(), strict=True):
        shown[i] = names[k]
    return tuple(shown), factors


@attrs.frozen(eq=False)
class Progresses(_HistoryRows[Progress]):
    """Progress assessments of many targets as numpy columns, one row per target.

    Index by position or target id to get one :class:`Progress` (made when
    read); iterate to get them all; :attr:`columns` holds every column.

    Attributes:
        histories: The evidence, as ragged arrays.
        method: The method (``"eurostat"``, ``"sdsn"``, ...).
        category: The kernel's category codes after the checks.
        kernel: The kernel's output (ratio, category, score).
        base_index: Row of each base point in the histories (-1: the target's
            baseline; -2: none).
        thresholds: On-track, moderate and limited lower bounds of the ratio.
        growth: ``"linear"`` or ``"compound"`` (sdsn only).
        projected: The projection at the deadline (unsd-expected, escap).
        current: ESCAP's current status index.
        actual: The observed yearly rate (aarr, eurostat-no-target).
        needed: The yearly rate still needed (aarr).
        base_value: Each base value.
        base_time: Each base time (fractional year).
        n_points: Points of each history.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import progress_many
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> grades = progress_many(plan, obs, as_of="2023-01-29")
        >>> grades.columns["status"][8], grades["T8"].status
        ('on_track', <Status.ON_TRACK: 'on_track'>)
    """

    histories: Histories
    method: str
    category: npt.NDArray[np.int8]
    kernel: kp.Progress
    base_index: npt.NDArray[np.int64]
    thresholds: tuple[float, float, float]
    growth: str
    projected: FloatArray
    current: FloatArray
    actual: FloatArray
    needed: FloatArray
    base_value: FloatArray
    base_time: FloatArray
    n_points: npt.NDArray[np.int64]
    _index: dict[str, int] = attrs.field(init=False, factory=dict, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.histories)

    def __repr__(self) -> str:
        shown = ", ".join(f"{s.name}={n}" for s, n in self.counts().items() if n)
        return f"<Progresses of {len(self)} targets ({self.method}): {shown}>"

    @property
    def status(self) -> npt.NDArray[np.object_]:
        """``Status`` members (object array).

        A target already met reads ACHIEVED, but a flow or a rate measured
        anew each period reads ON_TRACK: last period's value says the pace
        is enough, not that this period's target is met.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> progress_many(plan, obs, as_of="2023-01-29").status[9]
            <Status.NO_DATA: 'no_data'>
        """
        return self._memo("status", self._statuses)

    def _statuses(self) -> npt.NDArray[np.object_]:
        lut = {int(k): v for k, v in _STATUS.items()}
        out = texts(lut[v] for v in self.category.tolist())
        measure = self.histories.targets.arrays.measure
        anew = (self.category == c.Category.ACHIEVED) & np.isin(measure, (c.FLOW, c.GROWTH))
        out[anew] = Status.ON_TRACK
        return out

    def _status_codes(self) -> npt.NDArray[np.int8]:
        """:attr:`status` as positions in ``Status`` (each category is coded as its status)."""
        measure = self.histories.targets.arrays.measure
        anew = (self.category == c.Category.ACHIEVED) & np.isin(measure, (c.FLOW, c.GROWTH))
        return np.where(anew, c.Category.ON_TRACK, self.category).astype(np.int8)

    def _no_data(self) -> npt.NDArray[np.bool_]:
        return self._memo("no_data", lambda: self.status == Status.NO_DATA)

    def _finite(self, name: str) -> FloatArray:
        """A column of numbers with NaN wherever the row has none (no data, not finite)."""

        def build() -> FloatArray:
            none = self._no_data()
            escap_index = (self.method == "escap") & np.isfinite(self.current)
            if name == "ratio":
                x, blank = self.kernel.ratio, none | np.isinf(self.kernel.ratio)
            elif name == "score":
                x, blank = self.kernel.score, none
            elif name == "current_status":
                # The current status index needs only the base and the latest value.
                x, blank = self.current, (none & ~escap_index) | np.isinf(self.current)
            elif name == "projected":
                x, blank = self.projected, none
            else:
                x = self.actual if name == "actual_rate" else self.needed
                blank = none | np.isinf(x)
            out: FloatArray = np.where(blank, np.nan, x).astype(np.float64)
            return out

        return self._memo(name, build)

    @property
    def ratio(self) -> FloatArray:
        """The method's values (NaN: not assessable)."""
        return self._finite("ratio")

    @property
    def score(self) -> FloatArray:
        """Eurostat's -5...+5 scores (NaN: none)."""
        return self._finite("score")

    @property
    def goal(self) -> FloatArray:
        """The level to reach by each deadline, in each row's :attr:`units`."""
        return self._memo("goal", lambda: self._shown(self.histories.goal))

    @property
    def units(self) -> tuple[str, ...]:
        """Unit of each row's goal and projection: its indicator's own.

        A dimensionless indicator's goal reads in its own unit (a ratio of 5.0,
        not 500 percent), as assessments and forecasts show it.
        """
        return self._own()[0]

    def _own(self) -> tuple[tuple[str, ...], FloatArray | None]:
        return self._memo("own_units", lambda: _own_units(self.histories.targets))

    def _shown(self, values: FloatArray) -> FloatArray:
        """Engine magnitudes in each row's :attr:`units` (one product, shared by rows and frame)."""
        factors = self._own()[1]
        if factors is None:
            return values
        out: FloatArray = values * factors
        return out

    def _shown_projected(self) -> FloatArray:
        return self._memo("shown_projected", lambda: self._shown(self._finite("projected")))

    @property
    def columns(self) -> Mapping[str, npt.NDArray[Any]]:
        """Every column by name, built on first use (see ``docs/reference/results.md``).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> list(progress_many(plan, obs).columns)[:4]
            ['target', 'method', 'status', 'ratio']
        """
        return self._memo("columns", self._columns)

    def _columns(self) -> LazyColumns:
        n = len(self)
        return LazyColumns(with_dimensions({
            "target": lambda: self.histories.targets.texts("ids"),
            "method": lambda: texts([self.method] * n),
            "status": Coded(self._status_codes, _STATUS_VALUES, ""),
            "ratio": lambda: self.ratio,
            "score": lambda: self.score,
            "goal": lambda: self.goal,
            "projected": self._shown_projected,
            "unit": lambda: texts(self.units),
            "current_status": lambda: self._finite("current_status"),
            "actual_rate": lambda: self._finite("actual_rate"),
            "required_rate": lambda: self._finite("needed"),
            "reason": lambda: texts(self._reason(i) for i in range(n)),
        }, self.histories.targets))  # fmt: skip

    def to_frame(self, backend: str = "pandas") -> Any:
        """One row per target, from :attr:`columns` (``backend``: pandas, polars or pyarrow).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> progress_many(plan, obs, as_of="2023-01-29").to_frame().loc["T8", "status"]
            'on_track'
        """
        from innovplan.faces import to_frame

        return to_frame(self, backend=backend)

    def counts(self) -> dict[Status, int]:
        """Number of targets per status, in ``Status`` order.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import progress_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> progress_many(plan, obs, as_of="2023-01-29").counts()[Status.ON_TRACK] > 0
            True
        """
        statuses = self.status.tolist()
        return {s: statuses.count(s) for s in Status}

    def _reason(self, i: int) -> str | None:
        """Why row *i* is not assessable, or how it was read."""
        status = self.status[i]
        cat = int(self.category[i])
        reason = None
        if cat == c.Category.ACHIEVED and status is Status.ON_TRACK:
            reason = "the latest period already reached the target's level"
        elif cat == c.Category.ACHIEVED:
            reason = "the latest value already meets the target"
        if status is Status.NO_DATA:
            reason = _reason(
                self.histories,
                i,
                int(self.base_index[i]),
                float(self.base_value[i]),
                float(self.base_time[i]),
                int(self.n_points[i]),
                self.method,
            )
            if self.method == "escap" and math.isfinite(float(self.current[i])):
                reason = f"{reason}; only the current status index could be computed"
        return reason

    def _one(self, i: int) -> Progress:
        h = self.histories
        tc = h.targets
        target = tc.targets[i] if tc.targets is not None else None
        unit = self.units[i]
        points = self._points(i)
        bi = int(self.base_index[i])
        base = None
        if bi >= 0:
            base = points[bi - int(h.indptr[i])] if points else None
        elif bi == -1 and target is not None:
            base = target.baseline
        return Progress(
            target_id=tc.ids[i],
            method=self.method,
            status=self.status[i],
            ratio=_opt(self.ratio[i]),
            score=_opt(self.score[i]),
            base=base,
            latest=points[-1] if points else None,
            goal=_q(float(self.goal[i]), unit),
            projected=_q(float(self._shown_projected()[i]), unit),
            current_status=_opt(self._finite("current_status")[i]),
            thresholds=self.thresholds,
            growth=self.growth if self.method == "sdsn" else None,
            reason=self._reason(i),
            actual_rate=_opt(self._finite("actual_rate")[i]),
            required_rate=_opt(self._finite("needed")[i]),
            group=tc.groups[i] if tc.groups is not None else _TOTAL,
            versus=tc.versus[i] if tc.versus is not None else None,
            target=target,
        )


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


@default_errstate
def progress(
    target: Target,
    series: Series | Iterable[Observation] | Mapping[str, Series],
    *,
    method: str = "eurostat",
    base: int | str | dt.date | Period | Observation | None = None,
    window: float | None = None,
    thresholds: tuple[float, float, float] | None = None,
    growth: str = "linear",
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
    limit: Quantity | None = None,
) -> Progress:
    """Assess one target's progress with a published method.

    The latest observation (as of *as_of*) is compared with a base: *base*
    (a year, a date or an observation) if given; else with *window* the
    earliest observation in the last *window* years (Eurostat's short-term
    assessment uses 5); else the target's baseline, or the series' first
    observation. A target already met reads ``ACHIEVED`` first, as every
    method does.

    Args:
        target: The target.
        series: Its indicator's observations, every vintage.
        method: One of :data:`PROGRESS_METHODS`.
        base: Base year (``2015``), date, period or observation.
        window: Years back from the latest observation to the base.
        thresholds: On-track, moderate and limited lower bounds of the ratio;
            by default the method's published ones.
        growth: For ``"sdsn"``: ``"linear"`` annual change (SDSN) or
            ``"compound"`` growth rates.
        as_of: Replay what had been released by this date.
        tolerance: ABOUT tolerance if the target carries none.
        limit: For ``"eurostat-no-target"``: the indicator's natural limit
            (a share of 100 %), which scales the thresholds (Open SDG's
            factor ``C``).

    Returns:
        The assessment; ``NO_DATA`` with a reason when it cannot be made
        (ESCAP's current status index is still given when only it can be).

    Raises:
        UnknownIdError: *method* is not one of :data:`PROGRESS_METHODS`.
        EvaluationError: Bad *growth*, *window* or *thresholds*, or a series of
            another indicator.
        UnitMismatchError: An observation's unit does not fit the indicator.

    Example:
        >>> from innovplan import datasets
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> p = progress(plan.target("T10"), obs, as_of="2023-01-29", base=2018)
        >>> p.status, round(p.ratio, 2)  # CAGR 2018-2022 17.08 % / 2018-2023 needed 14.95 %
        (<Status.ON_TRACK: 'on_track'>, 1.14)
    """
    func = "progress"
    obs = _series_of(target, series, func)
    _check_args(method, base, window, thresholds, growth, func)
    args.date(func, "as_of", as_of)
    args.tolerance(func, tolerance)
    return progress_many(
        [target],
        obs,
        method=method,
        base=base,
        window=window,
        thresholds=thresholds,
        growth=growth,
        as_of=as_of,
        tolerance=tolerance,
        limit=limit,
    )[0]
