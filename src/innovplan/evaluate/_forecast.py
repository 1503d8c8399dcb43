"""``forecast`` and ``forecast_many``: will each target be met by its deadline?

Both run the forecasting kernels of :mod:`innovplan.engine._forecast` once over
every target's history (ragged arrays built once by
:func:`innovplan.evaluate._history.histories`); :func:`forecast` is
:func:`forecast_many` on a batch of one. Semantics: ``docs/trajectory.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from innovplan.engine import _forecast as k
from innovplan.engine._attain import EPS_TIME
from innovplan.engine._overflow import (
    guard_forecasts,
    overflowed_inputs,
    run_forecast_kernel,
)
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import _args as args
from innovplan.evaluate._bounds import floors
from innovplan.evaluate._forecasts import Forecasts
from innovplan.evaluate._history import Histories, ObservationsLike, checked_histories
from innovplan.evaluate._likelihood import IPCC_AR5, LikelihoodScale
from innovplan.evaluate._measured import LEVEL, Measured, measure, take, years
from innovplan.model import Observation, Series, Target

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from innovplan.evaluate._cells import TableLike
    from innovplan.evaluate._forecasts import Forecast
    from innovplan.model import Plan, Tolerance

__all__ = ["METHODS", "forecast", "forecast_many"]

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
"""Names accepted by ``method=``."""

_LOG_METHODS = frozenset({"loglinear", "average-change-relative"})


def _check_args(method: object, level: object, func: str = "forecast_many") -> float:
    """Refuse a method that is not one of :data:`METHODS` and a level not in (0, 1)."""
    name = "forecast_method" if func == "evaluate" else "method"
    if args.choice(func, name, method, METHODS) not in _KERNELS:
        raise UnknownIdError("forecast method", method, METHODS)  # type: ignore[arg-type]
    return args.level(func, level)


def _check_options(func: str, within_year: object, scale: object) -> None:
    args.flag(func, "within_year", within_year)
    if not isinstance(scale, LikelihoodScale):
        expected = "a LikelihoodScale such as innovplan.evaluate.IPCC_AR5"
        raise args.fail(func, "scale", expected, scale)


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


def _merge(base: k.Forecasts, part: k.Forecasts, use: npt.NDArray[np.bool_]) -> k.Forecasts:
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


def _run(
    h: Histories, method: str, level: float, *, within_year: bool
) -> tuple[k.Forecasts, npt.NDArray[np.bool_], Measured]:
    y = years(h)
    if len(h) == 0:
        fc = _empty()
        none = take(fc, (0, 1))
        return fc, np.zeros(0, dtype=bool), measure(h, y, none, fc, level)
    # The deadline's forecast, as for a one-year target. Extreme values
    # overflow in the models' arithmetic: those rows become unclear
    # (Reason.OVERFLOW) instead of reporting inf or a probability.
    kernel = _KERNELS[method]
    fc, over = run_forecast_kernel(kernel, h.t, h.y, h.indptr, h.horizon, level)
    if y.horizons.shape[1] == 1:
        years_fc = take(fc, (len(h), 1))
    else:
        # Kinds made of several years: every year each target needs, in one
        # call; the last column is the deadline, the same forecast as above.
        # Their overflow shows as a combination that is not finite (unclear).
        with np.errstate(over="ignore", invalid="ignore"):
            years_fc = kernel(h.t, h.y, h.indptr, y.horizons, level)
    if method in _LOG_METHODS:
        _refuse_nonpositive(h, fc, method)
    # A published lower bound of a stock that never fell is a floor of every
    # later year (docs/methods.md, "Published lower bounds").
    floor = floors(h)
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
    fc = guard_forecasts(fc, h.y, h.indptr, overflowed_inputs(h.targets.arrays) | (over & ~use))
    return fc, use, measure(h, y, years_fc, fc, level)


def forecast_many(
    targets: Sequence[Target] | Plan | TableLike,
    observations: ObservationsLike | TableLike = (),
    *,
    method: str = "auto",
    level: float = 0.8,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
    within_year: bool = True,
    scale: LikelihoodScale = IPCC_AR5,
) -> Forecasts:
    """Forecast many targets at once, through one call of each kernel.

    Every target's history is built as ragged arrays once and the forecasting
    kernel runs over all of them together; element ``i`` equals
    ``forecast(targets[i], observations, ...)``.

    Args:
        targets: Targets, a plan (its targets in document order), or a table
            of targets (a pandas, polars or pyarrow table, or a mapping of
            column name to numpy array; ``docs/tables.md``).
        observations: Observations of any indicators, every vintage, in any
            order (an iterable, a series, or a mapping of indicator id to series),
            many yearly series as arrays (:class:`ArraySeries`), or a table
            of observations.
        method: One of :data:`METHODS`; ``"auto"`` is the engine's default rule.
        level: Probability of the central prediction interval.
        as_of: Replay what had been released by this date.
        tolerance: ABOUT tolerance for targets that carry none.
        within_year: For FLOW targets, use a year-to-date figure of the
            target's own period when there is one.
        scale: Words for the probabilities.

    Returns:
        One row per target, in order.

    Raises:
        UnknownIdError: *method* is not one of :data:`METHODS`.
        EvaluationError: *level* is not strictly between 0 and 1, or a log
            method met a value of 0 or less.
        UnitMismatchError: An observation's unit does not fit its indicator.

    Example:
        >>> from innovplan import datasets
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> fcs = forecast_many(plan, obs, as_of="2023-01-29")
        >>> fcs["T8"].method, fcs["T8"].n_points
        ('combined', 9)
    """
    func = "forecast_many"
    level = _check_args(method, level, func)
    _check_options(func, within_year, scale)
    h = checked_histories(func, targets, observations, as_of, tolerance)
    return _forecast_histories(h, method, level, within_year=within_year, scale=scale)


def _forecast_histories(
    h: Histories,
    method: str,
    level: float,
    *,
    within_year: bool = True,
    scale: LikelihoodScale = IPCC_AR5,
) -> Forecasts:
    """:func:`forecast_many` on histories already built (arguments already checked)."""
    fc, use, measured = _run(h, method, float(level), within_year=within_year)
    return Forecasts(
        h, fc, measured.probability, use, method, float(level), scale, measured=measured
    )


def _series_of(target: Target, series: object, func: str = "forecast") -> ObservationsLike:
    args.target(func, target)
    out = args.observations(func, series, "series")
    if isinstance(series, Series) and series.indicator != target.indicator.id:
        msg = (
            f"target {target.id!r} measures {target.indicator.id!r}, "
            f"the series given measures {series.indicator!r}"
        )
        raise EvaluationError(msg)
    return out


def forecast(
    target: Target,
    series: Series | Iterable[Observation] | Mapping[str, Series],
    *,
    method: str = "auto",
    level: float = 0.8,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
    within_year: bool = True,
    scale: LikelihoodScale = IPCC_AR5,
) -> Forecast:
    """Forecast one target at its deadline: value, interval, probability of meeting it.

    This is :func:`forecast_many` on a batch of one. Thin evidence gives an
    explicit unclear result (``unclear`` True, ``reason`` saying why, no
    point), never an error and never a made-up number.

    Args:
        target: The target.
        series: Its indicator's observations, every vintage (other
            indicators' observations are ignored).
        method: One of :data:`METHODS`.
        level: Probability of the central prediction interval.
        as_of: Replay what had been released by this date
            (``Series.latest(as_of)``).
        tolerance: ABOUT tolerance if the target carries none.
        within_year: For a FLOW target, use a year-to-date figure of its own
            period when there is one.
        scale: Words for the probability.

    Returns:
        The forecast.

    Raises:
        UnknownIdError: *method* is not one of :data:`METHODS`.
        EvaluationError: *level* is not strictly between 0 and 1, the series
            measures another indicator, or a log method met a value of 0 or less.
        UnitMismatchError: An observation's unit does not fit the indicator.

    Example:
        >>> from innovplan import datasets
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> f = forecast(plan.target("T10"), obs, method="drift", as_of="2023-01-29")
        >>> round(f.point.magnitude, 2), str(f.point.units)  # 1357.41 + (1357.41 - 273.07) / 9
        (1477.89, 'hundred_million_yuan')
        >>> f.required_rate  # 1450 - 1357.41 in one year
        <Quantity(92.59, 'hundred_million_yuan / year')>
    """
    func = "forecast"
    obs = _series_of(target, series, func)
    _check_args(method, level, func)
    _check_options(func, within_year, scale)
    args.date(func, "as_of", as_of)
    args.tolerance(func, tolerance)
    return forecast_many(
        [target],
        obs,
        method=method,
        level=level,
        as_of=as_of,
        tolerance=tolerance,
        within_year=within_year,
        scale=scale,
    )[0]
