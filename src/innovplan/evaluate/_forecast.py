"""``forecast`` and ``forecast_many``: will each target be met by its deadline?

Both run the forecasting kernels of :mod:`innovplan.engine._forecast` once over
every target's history (ragged arrays built once by
:func:`innovplan.engine._history.histories`); :func:`forecast` is
:func:`forecast_many` on a batch of one. Semantics: ``docs/trajectory.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innovplan._errstate import default_errstate
from innovplan.engine import METHODS, Histories, ObservationsLike, trajectories
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import _args as args
from innovplan.evaluate._forecasts import Forecasts
from innovplan.evaluate._likelihood import IPCC_AR5, LikelihoodScale
from innovplan.model import Observation, Series, Target

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping, Sequence

    from innovplan.evaluate._cells import TableLike
    from innovplan.evaluate._forecasts import Forecast
    from innovplan.model import Plan, Tolerance

__all__ = ["METHODS", "forecast", "forecast_many"]


def _check_args(method: object, level: object, func: str = "forecast_many") -> float:
    """Refuse a method that is not one of :data:`METHODS` and a level not in (0, 1)."""
    name = "forecast_method" if func == "evaluate" else "method"
    if args.choice(func, name, method, METHODS) not in METHODS:
        raise UnknownIdError("forecast method", method, METHODS)  # type: ignore[arg-type]
    return args.level(func, level)


def _check_options(func: str, within_year: object, scale: object) -> bool:
    """*within_year* as a bool, after refusing it or a *scale* of the wrong type."""
    flag = args.flag(func, "within_year", within_year)
    if not isinstance(scale, LikelihoodScale):
        expected = "a LikelihoodScale such as innovplan.evaluate.IPCC_AR5"
        raise args.fail(func, "scale", expected, scale)
    return flag


@default_errstate
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
    within_year = _check_options(func, within_year, scale)
    h = args.checked_histories(func, targets, observations, as_of, tolerance)
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
    fc, use, measured = trajectories(h, method, float(level), within_year=within_year)
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


@default_errstate
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
    within_year = _check_options(func, within_year, scale)
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
