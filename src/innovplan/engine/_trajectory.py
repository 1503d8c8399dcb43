"""The trajectory of every target at once: a kernel's forecast, floored and merged.

The forecasting kernels (:mod:`innovplan.engine._forecast`) run once over every
target's history; this module picks the kernel by name, floors the forecasts
by published lower bounds, merges a flow's year-to-date forecast into the
deadline's, and turns the indicator's forecast into the target's own terms.
Semantics: ``docs/trajectory.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from innovplan._errstate import default_errstate
from innovplan.engine import _forecast as k
from innovplan.engine import _options as options
from innovplan.engine._bounds import floors
from innovplan.engine._history import BREAK
from innovplan.engine._measured import LEVEL, Measured, measure, take, years
from innovplan.engine._overflow import forecast_histories, guard_forecasts, overflowed_inputs
from innovplan.engine._segments import EPS_TIME
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.model import shown

if TYPE_CHECKING:
    from innovplan.engine._history import Histories
    from innovplan.engine._types import BoolArray

__all__ = ["METHODS", "trajectories"]

_Kernel = Callable[..., k.Forecasts]


def _theta_optimized(*args: object, **kw: object) -> k.Forecasts:
    return k.theta(*args, optimized=True, **kw)  # type: ignore[arg-type]


def _relative(*args: object, **kw: object) -> k.Forecasts:
    return k.average_change(*args, relative=True, **kw)  # type: ignore[arg-type]


_KERNELS: dict[str, _Kernel] = {
    "auto": k.auto,
    "linear": k.linear,
    "loglinear": k.loglinear,
    "drift": k.drift,
    "damped": k.damped,
    "theta": k.theta,
    "theta-optimized": _theta_optimized,
    "average-change": k.average_change,
    "average-change-relative": _relative,
}
METHODS: tuple[str, ...] = tuple(_KERNELS)
"""Names of the forecast methods, in the order ``method=`` documents them."""

_LOG_METHODS = frozenset({"loglinear", "average-change-relative"})


def _refuse_nonpositive(h: Histories, fc: k.Forecasts, method: str) -> None:
    bad = np.flatnonzero((fc.reason & k.Reason.NONPOSITIVE) != 0)
    if bad.size == 0:
        return
    i = int(bad[0])
    seg = slice(int(h.indptr[i]), int(h.indptr[i + 1]))
    j = int(np.flatnonzero(h.y[seg] <= 0)[0])
    obs = h.points(i)[j] if h.row[seg][j] >= 0 else None
    where = f" ({obs.value:~} for {obs.period})" if obs is not None else ""
    msg = (
        f"method {method!r} works on logarithms and needs positive values; "
        f"target {h.targets.ids[i]!r} has {h.y[seg][j]:g}{where}. Use method='auto', "
        "'linear', 'drift', 'damped' or 'theta'"
    )
    raise EvaluationError(msg)


def _merge(base: k.Forecasts, part: k.Forecasts, use: BoolArray) -> k.Forecasts:
    out = []
    for a, b in zip(base, part, strict=True):
        col = np.array(a, copy=True)
        col[use] = b
        out.append(col)
    return k.Forecasts(*out)


def _empty() -> k.Forecasts:
    f, i = np.zeros(0), np.zeros(0, dtype=np.int64)
    return k.Forecasts(
        f, f, f, f, f, f, np.zeros(0, bool), np.zeros(0, np.int8), np.zeros(0, np.int8),
        np.zeros(0, np.int32), i, f, f,
    )  # fmt: skip


@default_errstate
def trajectories(
    h: Histories, method: str, level: float, *, within_year: bool
) -> tuple[k.Forecasts, BoolArray, Measured]:
    """Every target's deadline forecast, year-to-date merge and measured quantity.

    The kernel named *method* runs once over all histories; a published lower
    bound of a stock floors the forecast, and a flow's year-to-date figure
    replaces the deadline year's trend where *within_year* allows it.

    Returns:
        The deadline forecasts, which rows used a year-to-date figure, and the
        forecasts in the targets' own terms (with their probabilities).

    Raises:
        UnknownIdError: *method* is not one of :data:`METHODS`.
        EvaluationError: *within_year* is not True or False, or *level* is
            not a probability (as the kernels say).

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories, trajectories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories(plan.targets, obs)
        >>> fc, ytd, measured = trajectories(h, "drift", 0.8, within_year=True)
        >>> len(fc.loc) == len(plan.targets) == len(measured.probability)
        True
    """
    if not isinstance(method, str) or method not in _KERNELS:  # type: ignore[redundant-expr,unused-ignore]
        raise UnknownIdError("forecast method", shown(method), METHODS)
    within_year = options.flag("trajectories", "within_year", within_year)
    y = years(h)
    if len(h) == 0:
        fc = _empty()
        none = take(fc, (0, 1))
        return fc, np.zeros(0, dtype=bool), measure(h, y, none, fc, level)
    # The deadline's forecast, as for a one-year target. Extreme values
    # overflow in the models' arithmetic: those rows become unclear
    # (Reason.OVERFLOW) instead of reporting inf or a probability.
    kernel = _KERNELS[method]
    # auto keeps the model's own spread where the history warns of a break
    # in series (docs/methods.md, "Interval calibration rule").
    rest: tuple[object, ...] = (level, (h.flags & BREAK) != 0) if method == "auto" else (level,)
    fc, over = forecast_histories(kernel, h, *rest)
    if y.horizons.shape[1] == 1:
        years_fc = take(fc, (len(h), 1))
    else:
        # Kinds made of several years: every year each target needs, in one
        # call; the last column is the deadline, the same forecast as above.
        # Their overflow shows as a combination that is not finite (unclear).
        with np.errstate(over="ignore", invalid="ignore"):
            years_fc = kernel(h.t, h.y, h.indptr, y.horizons, *rest)
    if method in _LOG_METHODS:
        _refuse_nonpositive(h, fc, method)
    # A published lower bound of a stock that never fell is a floor of every
    # later year (docs/methods.md, "Published lower bounds").
    floor = floors(h)
    if np.isnan(floor).all():
        # No target has a floor (floors gives a finite bound or NaN):
        # at_least would keep every forecast and set its floor to NaN.
        fc = fc._replace(floor=np.full(fc.point.shape, np.nan))
        years_fc = years_fc._replace(floor=np.full(years_fc.point.shape, np.nan))
    else:
        fc = k.at_least(fc, floor, level)
        years_fc = k.at_least(years_fc, floor, level)
    # A flow's year-to-date figure replaces the yearly trend of the deadline
    # period, unless the whole period is already observed (then there is
    # nothing to forecast); kinds made of several years keep the trend.
    use = (h.ytd_row >= 0) & (y.last < h.horizon - EPS_TIME) & within_year & (y.form == LEVEL)
    if use.any():
        counts = np.diff(h.share_indptr)[use]
        ip = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        seg = np.repeat(use, np.diff(h.share_indptr))
        # The pro-rata rule spreads the rest of the year by the annual model's
        # relative spread for the same year (the scale of log Y, or of Y over
        # its location for a model on levels; NaN where it has none).
        with np.errstate(over="ignore", invalid="ignore"):  # guarded below
            rel = np.where(fc.log_space, fc.scale, fc.scale / np.where(fc.loc > 0, fc.loc, np.nan))
            sub = k.ytd(
                h.ytd_value[use], h.ytd_elapsed[use], h.share[seg], ip, level,
                annual_scale=rel[use], annual_df=fc.df[use],
            )  # fmt: skip
        fc = _merge(fc, sub, use)
    # A year-to-date forecast replaces the annual one, and its overflow with it.
    inputs = overflowed_inputs(h.targets.arrays) | (over & ~use)
    d = h.distinct()
    if d is not None:  # one check per distinct history
        fc = guard_forecasts(fc, d.y, d.indptr, inputs, of=d.of)
    else:
        fc = guard_forecasts(fc, h.y, h.indptr, inputs)
    return fc, use, measure(h, y, years_fc, fc, level)
