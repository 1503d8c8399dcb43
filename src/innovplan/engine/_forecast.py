"""Forecast kernels: many short series at once, each with a predictive distribution.

Every method takes ragged series (times ``t`` in fractional years, values
``y``, offsets ``indptr``; see :mod:`innovplan.engine._ragged`), the horizon
times ``h_t`` (shape ``(n_series,)`` or ``(n_series, k)``) and an interval
``level``, and returns a :class:`Forecasts` whose arrays have the shape of
``h_t``. The series are padded into right-aligned 2-D arrays (row = series,
last column = latest point) and every step is a numpy operation over all rows;
the only Python loops run over time steps or over a small parameter grid,
never over series.

Predictive distribution. Each forecast is a shifted, scaled Student t:
``Y = loc + scale * T_df`` or, where ``log_space`` is True, ``log Y`` is.
:func:`prob_above` turns that into ``P(Y > threshold)`` for any thresholds.

Calibration ("honest intervals"). Textbook intervals assume the model is
true; on real yearly series they under-cover (statsforecast's drift, Theta and
ETS cover 0.42-0.74 of outcomes with a nominal 80 % interval on the M1 and
Tourism yearly series). Every method therefore also forecasts from the
series' own last ``_CAL_ORIGINS`` (7) past origins (rolling origin, or
time-series cross-validation: Tashman 2000, "Out-of-sample tests of
forecasting accuracy", Int. J. Forecasting 16; Hyndman and Athanasopoulos,
"Forecasting: principles and practice", 3rd ed. 2021, section 5.10), for
every horizon up to the one asked for, and standardises each out-of-sample
error by the textbook scale at that origin. Only the states at those origins
are used, so the work is (series x 7 origins x horizons). Each standardised
error becomes a normal score (Wallace 1959, see ``_normal_score``), and the
rule is:

* ``cov`` = share of past errors inside the nominal interval, an error ``k``
  steps ahead weighted ``(k / h) ** 2`` for a forecast ``h`` steps ahead
  (errors further ahead than ``h`` are not used; ``h`` is capped at the
  series' own ``n - 1`` steps, never at the batch's), shrunk towards the nominal
  level with ``prior_count`` pseudo-errors (4; 1 for ``auto``);
* the scale is multiplied by ``z* / z_cov``, the factor for which a normal
  error of that scale covers ``cov`` (``z*`` and ``z_cov`` are the normal
  quantiles of the nominal level and of ``cov``). The interval widens when the
  past errors fell outside too often and narrows when they fell inside too
  often.

Only data before each series' own forecast origin enter (its training part),
and only that series' data: a forecast does not depend on which other series
are in the batch, so batched and single forecasts agree element by element.
``auto``'s point rule, its prior and its spread model were chosen on design
data only: the M3 yearly competition, the held-out ends of the M1 and Tourism
yearly training parts and the simulated families of
``tests/engine/test_calibration.py``, never on the M1 or Tourism test windows
(``benchmarks/design_auto.py``; ``docs/methods-record.md``, "How auto and the
calibration were chosen"). Methods with fitted parameters (Theta's alpha and
drift share, damped's grid) choose them again at every origin from the data up
to it, so their past errors are as large as a real forecast's would have been;
``docs/methods.md`` has the measured coverage of every method.
``calibrate=False`` gives the textbook interval.

Status. ``status`` is :class:`Outcome` per forecast (0 ok, 1 ok with warnings,
2 unclear) and ``reason`` a :class:`Reason` bit set. An unclear forecast has
NaN point and interval; its reason says why (no data, too few points,
non-positive values for a log model, a horizon not after the last
observation, a bad level). NaN is never returned with ``status == OK``.

Example:
    >>> import numpy as np
    >>> from innovplan.engine._forecast import drift
    >>> t = np.array([2019.0, 2020.0, 2021.0, 2022.0])
    >>> y = np.array([10.0, 12.0, 13.0, 15.0])
    >>> fc = drift(t, y, np.array([0, 4]), np.array([2023.0]), calibrate=False)
    >>> float(fc.point[0])  # 15 + (15 - 10) / 3
    16.666666666666668
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from innovplan._errstate import default_errstate
from innovplan.engine import _options as options
from innovplan.engine import _ragged
from innovplan.engine._auto import (
    _AT,
    _auto_factor,
    _auto_members,
    _auto_predict,
    _auto_states,
)
from innovplan.engine._codes import Method, Outcome, Reason
from innovplan.engine._driver import _CAL_ORIGINS, _finish, _forecast, _has_gap, _horizon_times
from innovplan.engine._forecast_codes import UNCLEAR_REASONS, Forecasts
from innovplan.engine._models import (
    _damped_predict,
    _damped_states,
    _drift_predict,
    _drift_states,
    _linear_predict,
    _linear_states,
    _theta_predict,
    _theta_states,
    _window_states,
)
from innovplan.engine._panel import _panel
from innovplan.engine._scratch import _row_buffers
from innovplan.engine._stats import _least_one, _t_sf_cf, _t_sf_sums, t_ppf, t_sf
from innovplan.errors import EvaluationError
from innovplan.model import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from innovplan.engine._panel import _Panel
    from innovplan.engine._types import BoolArray, FloatArray

__all__ = [
    "UNCLEAR_REASONS",
    "Forecasts",
    "Method",
    "Outcome",
    "Reason",
    "at_least",
    "auto",
    "auto_members",
    "average_change",
    "damped",
    "drift",
    "linear",
    "loglinear",
    "prob_above",
    "theta",
    "ytd",
]


@default_errstate
def linear(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    calibrate: bool = True,
    prior_count: float = 4.0,
) -> Forecasts:
    """Least-squares line on time with a Student-t prediction interval.

    Unequal spacing and gaps are fine. Needs 3 points.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series.
        h_t: Horizon times, ``(n_series,)`` or ``(n_series, k)``.
        level: Central interval probability.
        calibrate: Widen or narrow by the series' rolling-origin errors.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts.

    Example:
        >>> fc = linear([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], [0, 3], [3.0], calibrate=False)
        >>> float(fc.point[0]), int(fc.reason[0])  # exact line: 1 + 2 * 3
        (7.0, 8192)
    """
    calibrate, prior_count = _calibration_options("linear", calibrate, prior_count)
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.LINEAR, p, _linear_states(p), _linear_predict, 3, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


@default_errstate
def loglinear(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    calibrate: bool = True,
    prior_count: float = 4.0,
) -> Forecasts:
    """Constant growth rate: a line fitted to ``log y``, lognormal-t interval.

    Series with a value ``<= 0`` are unclear (``Reason.NONPOSITIVE``).

    Args:
        t: Times, fractional years.
        y: Values, positive.
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        calibrate: Use the series' rolling-origin errors.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts, ``log_space`` True but for a constant history (a
        point mass at its value, on the values).

    Example:
        >>> fc = loglinear([0.0, 1.0, 2.0], [100.0, 110.0, 121.0], [0, 3], [3.0], calibrate=False)
        >>> round(float(fc.point[0]), 6)  # 10 % a year: 121 * 1.1
        133.1
    """
    calibrate, prior_count = _calibration_options("loglinear", calibrate, prior_count)
    p, logs = _log_panel(t, y, indptr)
    return _forecast(
        Method.LOGLINEAR, p, _linear_states(p), _linear_predict, 3, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=logs,
    )  # fmt: skip


def _calibration_options(func: str, calibrate: object, prior_count: object) -> tuple[bool, float]:
    # The options every kernel but auto takes, checked in its name.
    return options.flag(func, "calibrate", calibrate), options.pseudo_errors(func, prior_count)


def _log_panel(
    t: npt.ArrayLike, y: npt.ArrayLike, indptr: npt.ArrayLike
) -> tuple[_Panel, bool | BoolArray]:
    # The panel on logs, and which series are forecast on logs: a constant
    # history stays on its values. Its forecast is a point mass at the
    # constant, and exp(log y) can miss y in the last bit, so that a target
    # of holding the constant would read as certain to fail (as in auto).
    p = _panel(t, y, indptr, log=True)
    with np.errstate(invalid="ignore"):
        # NaN (padding, or the log of a value <= 0) equals nothing: a series
        # with a value <= 0 is never constant here.
        flat = ~np.any((p.Y[:, -1:] != p.Y) & p.M, axis=1) & (p.n > 0)
    if not flat.any():
        return p, True
    on_values = _panel(t, y, indptr, log=False).Y
    return p._replace(Y=np.where(flat[:, None], on_values, p.Y)), ~flat


@default_errstate
def drift(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    calibrate: bool = True,
    prior_count: float = 4.0,
) -> Forecasts:
    """Random walk with drift: the latest value plus the mean slope since the first.

    Needs 3 points (two increments, so the spread can be estimated).

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        calibrate: Use the series' rolling-origin errors.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts.

    Example:
        >>> fc = drift([0.0, 1.0, 2.0], [1.0, 2.0, 4.0], [0, 3], [4.0], calibrate=False)
        >>> float(fc.point[0])  # 4 + 1.5 * 2
        7.0
    """
    calibrate, prior_count = _calibration_options("drift", calibrate, prior_count)
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.DRIFT, p, _drift_states(p), _drift_predict, 3, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


@default_errstate
def average_change(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    relative: bool = False,
    window: int = 5,
    calibrate: bool = True,
    prior_count: float = 4.0,
) -> Forecasts:
    """Destatis rule: mean annual change over the last *window* intervals, carried forward.

    The absolute variant extrapolates ``(y_n - y_{n-w}) / (t_n - t_{n-w})``
    per year; the relative one does so on ``log y`` (a constant growth rate).
    The interval treats the window as a random walk with drift. Needs
    ``window + 1`` points.

    Args:
        t: Times, fractional years.
        y: Values (positive for ``relative``).
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        relative: Growth-rate variant.
        window: Intervals averaged (5 in the Destatis indicator report).
        calibrate: Use the series' rolling-origin errors.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts.

    Example:
        >>> t = np.arange(2015.0, 2022.0)
        >>> y = np.array([9.0, 10.0, 12.0, 13.0, 15.0, 16.0, 20.0])
        >>> fc = average_change(t, y, [0, 7], [2023.0], calibrate=False)
        >>> float(fc.point[0])  # 20 + 2 * (20 - 10) / 5
        24.0
    """
    window = options.window("average_change", window, 2)
    relative = options.flag("average_change", "relative", relative)
    calibrate, prior_count = _calibration_options("average_change", calibrate, prior_count)
    logs: bool | BoolArray = False
    if relative:
        p, logs = _log_panel(t, y, indptr)
    else:
        p = _panel(t, y, indptr, log=False)
    name = Method.AVERAGE_CHANGE_RELATIVE if relative else Method.AVERAGE_CHANGE
    return _forecast(
        name, p, _window_states(p, window), _drift_predict, window + 1, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=logs,
    )  # fmt: skip


@default_errstate
def theta(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    optimized: bool = False,
    calibrate: bool = True,
    prior_count: float = 4.0,
) -> Forecasts:
    """The Theta method: exponential smoothing with a share of the trend slope as drift.

    Standard Theta (Assimakopoulos and Nikolopoulos 2000) takes half the
    least-squares slope; ``optimized=True`` gives the optimised Theta model
    of Fiorucci et al. (2016), whose drift share is fitted in the sample.
    Needs 4 points.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        optimized: Fit the share of the slope (theta >= 1) instead of 1/2.
        calibrate: Use the series' rolling-origin errors.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts.

    Example:
        >>> fc = theta([0.0, 1.0, 2.0, 3.0], [0.0, 2.0, 4.0, 6.0], [0, 4], [4.0], calibrate=False)
        >>> float(fc.point[0])  # alpha = 1: 6 + slope 2 / 2
        7.0
    """
    calibrate, prior_count = _calibration_options("theta", calibrate, prior_count)
    optimized = options.flag("theta", "optimized", optimized)
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.THETA, p, _theta_states(p, optimized=optimized), _theta_predict, 4, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


@default_errstate
def damped(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    calibrate: bool = True,
    prior_count: float = 4.0,
) -> Forecasts:
    """Additive damped-trend exponential smoothing, ETS(A,Ad,N).

    Needs 4 points.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        calibrate: Use the series' rolling-origin errors.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts.

    Example:
        >>> fc = damped([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0], [0, 4], [4.0], calibrate=False)
        >>> 3.7 < float(fc.point[0]) < 4.0  # a damped trend: less than 1 a step
        True
    """
    calibrate, prior_count = _calibration_options("damped", calibrate, prior_count)
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.DAMPED, p, _damped_states(p), _damped_predict, 4, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


@default_errstate
def auto(  # noqa: PLR0917 - per-series arrays stay positional, as the overflow guard slices them
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    keep_spread: npt.ArrayLike | None = None,
    *,
    prior_count: float = 1.0,
) -> Forecasts:
    """The default: median of four trend extrapolations, with a calibrated interval.

    The point is the median (the mean of the middle two) of the latest value,
    the least-squares line on time, constant growth (the random walk with
    drift on logs) and the Destatis average change over the last
    ``min(5, n - 1)`` intervals. For a series with a value ``<= 0`` the growth
    member is the random walk with drift on the values. From 13 points on it is
    Holt's linear trend instead (on logs, or on the values; weights 0.9 for
    the level and 0.12 for the slope): a long history's growth since its first
    point lags a growth that has changed. After a slowdown (the average change
    over the window on the values below 0.4 of the change since the first
    point, or of the other sign) the growth member's trend is damped by 0.5 a
    year: ``h`` years ahead it steps ``1 - 0.5^h`` years of it. For steady growth
    (a positive series that rose in every interval, with no slowdown; or a
    series with a zero that rose in each of its last 3 intervals: see
    :func:`auto_members`) the average change stands in for the latest value.
    Otherwise the members are drawn toward the latest value by the trend's
    strength: each keeps the share ``t^2 / (t^2 + k)`` of its step beyond it,
    ``t`` the drift slope over its standard error, ``k`` rising from 0 at 6
    points to 3.5 from 12 points on. The predictive
    variance averages the drift errors under a trend with AR(1) noise (over a
    grid of AR coefficients) and the least-squares line's errors under white
    noise, each weighted by how well it explains the increments' lag-one
    autocorrelation; it is widened by the distance between the two middle
    members, on logs for positive series (lognormal-t) and on the values
    otherwise (growing with the point over the latest value for a series with
    a zero and none negative; a constant history is a point mass at its
    value, exactly), then rescaled by the combination's own
    rolling-origin errors and, for a short history, by a factor that grows
    with the horizon (see the module docstring and ``docs/methods.md``, which
    also says how the rule was chosen). Fewer than 3 points are unclear.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        keep_spread: Per series, whether the calibration may not narrow the
            interval below the model's own spread (a break in series, say:
            past errors from before it say little about after). A series
            with a gap (a spacing over 1.5 times its median spacing) always
            keeps it.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts; ``method`` is ``COMBINED``.

    Raises:
        EvaluationError: *t*, *y* and *indptr* do not fit together, or *h_t*,
            *level* or *keep_spread* is not numbers or not one (row) per series.

    Example:
        >>> t = np.arange(8.0)
        >>> y = np.array([10.0, 11.0, 12.0, 14.0, 15.0, 17.0, 18.0, 20.0])
        >>> fc = auto(t, y, [0, 8], [8.0])
        >>> # latest 20; line 14.625 + (60.5 / 42) * 4.5 = 21.107; growth 20 * 2 ** (1/7)
        >>> # = 22.08; last 5 intervals 20 + 8/5 = 21.6. It rose every year, with no
        >>> # slowdown: the average change stands in for the latest value, and the
        >>> # middle two are 21.6 and 21.6.
        >>> round(float(fc.point[0]), 4)
        21.6
    """
    # The work runs on (rows, series) arrays with per-series rows broadcast
    # over them: numpy's buffers no longer than a row (see _row_buffers).
    prior_count = options.pseudo_errors("auto", prior_count)
    with _row_buffers(np.size(indptr) - 1):
        return _auto(t, y, indptr, h_t, level, keep_spread, prior_count)


def _auto(  # noqa: PLR0917 - auto's arguments, in its order
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike,
    keep_spread: npt.ArrayLike | None,
    prior_count: float,
) -> Forecasts:
    p = _panel(t, y, indptr, log=False, time_major=True)
    # The driver reads the states at the last _CAL_ORIGINS + 1 columns only.
    width = min(p.Y.shape[1], _CAL_ORIGINS + 1)
    states = _auto_states(p, width)
    positive = np.asarray(states[_AT["pos"]][:, -1], dtype=bool)
    # Past errors are measured where the distribution lives: on logs for
    # positive series. Only the columns the states cover are passed on; past
    # errors further ahead than those columns reach do not exist in them.
    # The columns are copied (in the same layout) so that the whole panel is
    # freed before the driver runs: its peak memory, and the fresh pages each
    # call takes, are lower.
    cols = slice(p.Y.shape[1] - width, None)
    target = p._replace(
        T=p.T[:, cols].copy(order="K"),
        Y=states[3],
        M=p.M[:, cols].copy(order="K"),
        nj=p.nj[:, cols].copy(order="K"),
    )
    adjust = functools.partial(_auto_factor, n=p.n, gaps=_kept(p, keep_spread))
    del p
    return _forecast(
        Method.COMBINED, target, states, _auto_predict, 3, h_t, level,
        calibrate=True, prior_count=prior_count, log_space=positive, adjust=adjust,
        origin_df=_AT["df"],
    )  # fmt: skip


def _kept(p: _Panel, keep_spread: npt.ArrayLike | None) -> BoolArray:
    # Series whose interval keeps the model's own spread: a gap, or asked.
    gaps = _has_gap(p)
    if keep_spread is None:
        return gaps
    keep = options.flags("keep_spread", keep_spread)
    try:
        out: BoolArray = gaps | np.broadcast_to(keep, gaps.shape)
    except ValueError:
        msg = (
            f"keep_spread has shape {keep.shape} for {gaps.size} series: give one flag, "
            f"or one per series, shape ({gaps.size},)"
        )
        raise EvaluationError(msg) from None
    return out


def ytd(
    ytd_value: npt.ArrayLike,
    elapsed: npt.ArrayLike,
    past_share: npt.ArrayLike,
    share_indptr: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    annual_scale: npt.ArrayLike | None = None,
    annual_df: npt.ArrayLike | None = None,
) -> Forecasts:
    """Full-year total of a flow from its year-to-date figure.

    With past years' shares ``s`` of the annual total reached by the same
    point in the year, ``log(total) = log(ytd) - log(s)``: the location is
    ``log(ytd) - mean(log s)`` and the scale ``sd(log s) * sqrt(1 + 1/k)``
    with ``k - 1`` degrees of freedom (the prediction interval of a new
    observation from a normal sample). With one past share the point is
    ``ytd / s`` and its interval spreads the rest of the year as the pro-rata
    rule below does (the spread of shares between years is unknown); without
    an annual spread it comes without an interval (``NO_INTERVAL``).

    With no past share the pro-rata rule ``total = ytd / elapsed`` gives the
    point and says so (``PRO_RATA``): the part of the year still to come,
    ``R = total - ytd``, is assumed to run at the pace so far. Its interval
    spreads that rest only, the figures so far being known (the annual total
    is the observed part plus a forecast of the unobserved part: Hyndman,
    "Forecasting annual totals from monthly data", Hyndsight, 15 May 2013).
    The relative error of the rest's pace is taken to be that of the annual
    model forecasting the whole year, *annual_scale* (the spread of the log
    annual total, calibrated on the annual series' own rolling-origin
    errors; see the module docstring), so ``total = ytd / e * (1 + (1 - e)
    eps)`` and, to first order, ``log total`` is Student t with location
    ``log(ytd / e)``, scale ``(1 - e) * annual_scale`` and the annual
    model's *annual_df*. The interval shrinks to the point as the year
    fills. It knows nothing of a seasonal pattern (no within-year figures
    are available): a flow booked mostly in December is under-estimated by
    the point and the interval does not widen for it. Without an annual
    spread (NaN, or none passed) the pro-rata point comes without an
    interval (``NO_INTERVAL``).

    Args:
        ytd_value: Cumulative figure so far this year, one per series.
        elapsed: Share of the year elapsed (for example 0.5 after June).
        past_share: Past years' ytd / annual total at the same point, ragged.
        share_indptr: Offsets of *past_share*.
        level: Central interval probability.
        annual_scale: Per series, the annual model's scale of the log total
            for the same year (for a model on levels, its scale over its
            location); used by the pro-rata rule only.
        annual_df: Per series, that model's degrees of freedom (``inf`` for
            normal).

    Returns:
        The forecasts (``log_space`` True).

    Example:
        >>> fc = ytd([50.0], [0.5], [], [0, 0])
        >>> round(float(fc.point[0]), 9), int(fc.method[0]) == Method.YTD_PRO_RATA
        (100.0, True)
        >>> fc = ytd([50.0], [0.5], [], [0, 0], annual_scale=[0.1], annual_df=[5.0])
        >>> round(float(fc.scale[0]), 9)  # half the year to come: 0.5 * 0.1
        0.05
    """
    v = np.asarray(ytd_value, dtype=np.float64).ravel()
    e = np.broadcast_to(np.asarray(elapsed, dtype=np.float64).ravel(), v.shape)
    sh = np.asarray(past_share, dtype=np.float64).ravel()
    ip = np.asarray(share_indptr, dtype=np.int64)
    a_sc = np.broadcast_to(
        np.asarray(np.nan if annual_scale is None else annual_scale, dtype=np.float64).ravel(),
        v.shape,
    )
    a_df = np.broadcast_to(
        np.asarray(np.nan if annual_df is None else annual_df, dtype=np.float64).ravel(), v.shape
    )
    good = np.isfinite(sh) & (sh > 0) & (sh <= 1)
    seg = _ragged.segment_ids(ip)
    k = np.bincount(seg[good], minlength=v.size).astype(np.float64)
    pro = k == 0
    ok_e = (e > 0) & (e <= 1)
    ok_v = np.isfinite(v) & (v > 0)
    # The pro-rata interval: the annual spread on the rest of the year; with
    # one past share (no spread of shares) the same.
    rest = (k <= 1) & ok_e & np.isfinite(a_sc) & (a_sc >= 0) & (a_df >= 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ls = np.where(good, np.log(np.where(good, sh, 1.0)), 0.0)
        s1 = np.bincount(seg, weights=ls, minlength=v.size)
        s2 = np.bincount(seg, weights=ls * ls, minlength=v.size)
        mean = s1 / k
        var = (s2 - k * mean * mean) / (k - 1.0)
    log_share = np.where(pro, np.log(np.where(ok_e, e, 1.0)), np.where(pro, 0.0, mean))
    loc = np.where(ok_v, np.log(np.where(ok_v, v, 1.0)), np.nan) - log_share
    scale = np.where(
        k >= 2,
        np.sqrt(np.maximum(np.where(k >= 2, var, 0.0), 0.0) * (1.0 + 1.0 / np.maximum(k, 1.0))),
        np.where(rest, (1.0 - e) * np.where(rest, a_sc, 0.0), np.nan),
    )
    df = np.where(k >= 2, k - 1.0, np.where(rest, a_df, np.nan))
    reason = np.zeros(v.size, dtype=np.int32)
    reason[pro] |= Reason.PRO_RATA
    reason[~ok_v] |= Reason.NONPOSITIVE
    reason[pro & ~ok_e] |= Reason.BAD_HORIZON
    lev = np.broadcast_to(np.asarray(level, dtype=np.float64), v.shape)
    reason[~((lev > 0) & (lev < 1))] |= Reason.BAD_LEVEL
    bad = (reason & UNCLEAR_REASONS) != 0
    reason[~bad & (scale == 0)] |= Reason.ZERO_SPREAD
    method = np.where(pro, Method.YTD_PRO_RATA, Method.YTD).astype(np.int8)
    fc = _finish(
        method, loc[:, None], scale[:, None], df[:, None], lev[:, None], reason[:, None],
        bad[:, None], k.astype(np.int64), np.ones((v.size, 1)), log_space=True, one_d=True,
    )  # fmt: skip
    # A point without an interval keeps its point: the location is known.
    return fc._replace(point=np.where(bad, np.nan, np.exp(loc)))


def _sf(fc: Forecasts, thr: FloatArray, *, strict: bool, sums: npt.ArrayLike) -> FloatArray:
    return _sf_parts(fc.loc, fc.scale, fc.df, fc.log_space, thr, strict=strict, sums=sums)


def _sf_parts(
    loc: FloatArray,
    scale: FloatArray,
    df: FloatArray,
    log_space: npt.ArrayLike,
    thr: FloatArray,
    *,
    strict: bool,
    sums: npt.ArrayLike = False,
    other: Callable[[FloatArray, FloatArray], FloatArray] = t_sf,
) -> FloatArray:
    # P(Y > thr) under the unconditioned t (or lognormal-t); the t tail by
    # the finite sums where *sums*, by *other* elsewhere (see _tail_above).
    # A NaN threshold gives NaN, a point mass's too.
    p = _tail_above(_standard(loc, scale, log_space, thr), df, sums, other)
    mass = scale == 0
    with np.errstate(over="ignore"):
        at = np.where(log_space, np.exp(loc), loc)
    p = np.where(mass, (at > thr) if strict else (at >= thr), p)
    known = np.isfinite(loc) & np.isfinite(scale) & ~np.isnan(thr)
    out: FloatArray = np.where(known, p, np.nan)
    return out


def _plain_above(
    loc: FloatArray, scale: FloatArray, df: FloatArray, log_space: npt.ArrayLike, thr: FloatArray
) -> FloatArray:
    # P(Y > thr) for forecasts with a finite loc, a finite scale above 0 and
    # no floor: the float prob_above gives them, without its tests for what
    # they cannot be (a point mass, a floor, no forecast).
    return _tail_above(_standard(loc, scale, log_space, thr), df, sums=True)


def _standard(
    loc: FloatArray, scale: FloatArray, log_space: npt.ArrayLike, thr: FloatArray
) -> FloatArray:
    # The threshold in standard units of the t: (thr - loc) / scale, on logs
    # where log_space (a threshold at or below 0 is -inf there).
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(log_space, np.log(np.where(thr > 0, thr, np.nan)), thr)
        g = np.where(np.asarray(log_space) & (thr <= 0), -np.inf, g)
        z: FloatArray = (g - loc) / scale
    return z


def _tail_above(
    z: FloatArray,
    df: FloatArray,
    sums: npt.ArrayLike,
    other: Callable[[FloatArray, FloatArray], FloatArray] = t_sf,
) -> FloatArray:
    # P(T_df > z), NaN for a NaN z; df NaN or below 1 reads as 1, df inf is
    # the normal. Where *sums*, a whole df's tail is a finite sum (Abramowitz
    # and Stegun 1964, 26.7.3 and 26.7.4: _stats._t_sf_sums, the continued
    # fraction below 1e-6); elsewhere *other*: t_sf, the incomplete beta,
    # which keeps a tiny tail's relative accuracy (a floor divides by it), or
    # _t_sf_cf, its plain form, which at_least's quantiles read.
    nu = _least_one(df)
    if np.ndim(z) and np.shape(z) == nu.shape and np.ndim(sums) == 0:
        # One tail for every row, and nothing to broadcast (prob_above's
        # rows, measure's plain ones): the same steps without the masks.
        return _one_tail(z, nu, _t_sf_sums if sums else other)
    zz, nu, use = np.broadcast_arrays(z, nu, np.asarray(sums, dtype=bool))
    # An infinite z is certain (0 or 1): the t tail runs on the others only,
    # elementwise, so each is the float it is in a call on all of them.
    p = np.where(zz == np.inf, 0.0, np.where(np.isnan(zz), np.nan, 1.0))
    rest = np.isfinite(zz)
    for how, tail in ((use, _t_sf_sums), (~use, other)):
        part = rest & how
        if part.all():
            p = tail(zz, nu)
        elif part.any():
            p[part] = tail(zz[part], nu[part])
    return p


def _one_tail(
    z: FloatArray, nu: FloatArray, tail: Callable[[FloatArray, FloatArray], FloatArray]
) -> FloatArray:
    # _tail_above's steps for z and nu of one shape with one tail for all.
    rest = np.isfinite(z)
    if rest.all():
        return tail(z, nu)
    p = np.where(z == np.inf, 0.0, np.where(np.isnan(z), np.nan, 1.0))
    if rest.any():
        p[rest] = tail(z[rest], nu[rest])
    return p


def _shaped(value: npt.ArrayLike, shape: tuple[int, ...] | None, what: str) -> FloatArray:
    # *value* as floats broadcast to *shape* (as given when None), or an
    # EvaluationError naming the argument, its shape and the shape it needs.
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond float
        msg = f"{what} must be numbers (a float or an array of floats), got {shown(value)}"
        raise EvaluationError(msg) from None
    if shape is None:
        return arr
    try:
        out: FloatArray = np.broadcast_to(arr, shape)
    except ValueError:
        msg = (
            f"{what} has shape {arr.shape}, which does not broadcast to the forecasts' "
            f"shape {shape}: give one value, or an array of shape {shape} or one that "
            "broadcasts to it"
        )
        raise EvaluationError(msg) from None
    return out


@default_errstate
def prob_above(fc: Forecasts, threshold: npt.ArrayLike, *, strict: bool = True) -> FloatArray:
    """Probability that the forecast value exceeds *threshold*, vectorised.

    For a continuous predictive distribution ``P(Y > x) == P(Y >= x)``;
    *strict* matters only for a zero-spread forecast, a point mass. Unclear
    forecasts and forecasts without an interval give NaN.

    Args:
        fc: Forecasts.
        threshold: Thresholds broadcastable to ``fc.point``; a NaN (or
            None) threshold gives NaN.
        strict: ``>`` (True) or ``>=`` for point masses.

    Returns:
        Probabilities.

    Raises:
        EvaluationError: *threshold* is not a number or does not broadcast
            to the shape of ``fc.point``.

    Example:
        >>> fc = drift([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.5, 3.0], [0, 4], [4.0], calibrate=False)
        >>> float(prob_above(fc, fc.point)[0])
        0.5
    """
    strict = options.flag("prob_above", "strict", strict)
    thr = _shaped(threshold, fc.loc.shape, "prob_above: threshold")
    floor = np.broadcast_to(fc.floor, fc.loc.shape)
    has = np.isfinite(floor)
    if not has.any():
        return _sf(fc, thr, strict=strict, sums=True)
    # Conditioned on Y >= floor: P(Y > x | Y >= B) = P(Y > max(x, B)) / P(Y >= B),
    # 1 for any x below B. A ratio of tails needs each to relative accuracy:
    # the continued fraction there, the finite sums on the rows without a floor.
    b = np.where(has, floor, -np.inf)
    num = _sf(fc, np.maximum(thr, b), strict=strict, sums=~has)
    den = _sf(fc, b, strict=False, sums=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        cond = np.where(den > 0, num / den, (thr < b) | ((thr == b) & ~strict))
    return np.where(has, np.where(thr < b, 1.0, np.clip(cond, 0.0, 1.0)), num)


@default_errstate
def at_least(fc: Forecasts, floor: npt.ArrayLike, level: npt.ArrayLike = 0.8) -> Forecasts:
    """Condition forecasts on a lower bound the value is known to reach.

    A published lower bound (">12,000") of a stock that has never fallen
    means every later value is at least that bound. The predictive t of each
    forecast (on logs where ``log_space``) is conditioned on ``Y >= floor``:
    with ``F_B = P(Y < floor)``, the conditional ``p``-quantile is the
    unconditional quantile at ``F_B + p (1 - F_B)`` (a truncated
    distribution; Johnson, Kotz and Balakrishnan, "Continuous Univariate
    Distributions", vol. 1, 2nd ed. 1994, section 1.B.10). The point is the
    conditional median and the interval the conditional central ``level``
    interval; :func:`prob_above` reads ``floor`` and conditions the same way.
    Forecasts with a NaN floor, unclear ones and those without an interval
    keep their values (a point below the floor is raised to it).

    Args:
        fc: Forecasts.
        floor: One bound per series (shape ``(n_series,)``) or per forecast;
            NaN for none.
        level: The interval probability *fc* was made with.

    Returns:
        The conditioned forecasts, with ``floor`` set.

    Raises:
        EvaluationError: *floor* or *level* is not a number or does not fit
            the shape of ``fc.point``.

    Example:
        >>> fc = drift([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.5, 3.0], [0, 4], [4.0], calibrate=False)
        >>> cut = at_least(fc, [float(fc.point[0])])
        >>> # F_B = 0.5: the median moves to the unconditional 0.75 quantile
        >>> bool(cut.point[0] > fc.point[0]), float(prob_above(cut, fc.point[0] - 1)[0])
        (True, 1.0)
    """
    shape = fc.point.shape
    b = _shaped(floor, None, "at_least: floor")
    if b.ndim == 1 and len(shape) == 2:
        b = b[:, None]
    b = np.array(_shaped(b, shape, "at_least: floor"))
    lev = _shaped(level, shape, "at_least: level")
    has = np.isfinite(b) & np.isfinite(fc.point)
    if not has.any():
        return fc._replace(floor=np.where(has, b, np.nan))
    point, lower, upper = (np.array(a, dtype=np.float64, copy=True) for a in fc[:3])
    spread = has & np.isfinite(fc.scale) & (fc.scale > 0)
    idx = np.flatnonzero(spread.ravel())
    if idx.size:
        loc = fc.loc.ravel()[idx]
        sc = fc.scale.ravel()[idx]
        df = _least_one(fc.df.ravel()[idx])
        logs = np.asarray(np.broadcast_to(fc.log_space, shape)).ravel()[idx]
        bb = b.ravel()[idx]
        # The share below the floor by the plain continued fraction, as t_ppf
        # polishes: the conditioned quantiles keep their bits.
        above = _sf_parts(loc, sc, df, logs, bb, strict=False, sums=False, other=_t_sf_cf)
        below = 1.0 - above
        lv = lev.ravel()[idx]
        out = []
        for p in (np.full(idx.size, 0.5), 0.5 - 0.5 * lv, 0.5 + 0.5 * lv):
            q = np.clip(below + p * (1.0 - below), 0.0, 1.0)
            with np.errstate(over="ignore", invalid="ignore"):
                x = loc + sc * t_ppf(np.where(q < 1.0, q, 0.5), df)
                x = np.where(logs, np.exp(x), x)
            # Where the bound sits beyond all the mass (q rounds to 1) or
            # rounding puts x under it, the bound itself is the best answer.
            out.append(np.where((q < 1.0) & (x >= bb), x, bb))
        for arr, new in zip((point, lower, upper), out, strict=True):
            np.put(arr, idx, new)  # by C-order index, in any layout
    mass = has & ~spread
    for arr in (point, lower, upper):
        np.copyto(arr, np.maximum(arr, b), where=mass & np.isfinite(arr))
    return fc._replace(point=point, lower=lower, upper=upper, floor=np.where(has, b, np.nan))


@default_errstate
def auto_members(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    *,
    combined: bool = False,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """What each member of :func:`auto` says at each horizon: its point is their median.

    A positive series that rose in every interval, with no sign of a
    slowdown (its growth over the last ``min(5, n - 1)`` intervals is at
    least 0.8 of its growth since the first point), is steady growth: its
    latest value is then no member of the median, and the average change
    stands in for it (``docs/methods.md``, "Steady growth"). So is a series
    with a zero and no negative value that rose in each of its last 3
    intervals, with an average change over the window at least 0.8 of its
    mean change since the first point. Any other series has its members
    drawn toward the latest value, each keeping the share ``t^2 / (t^2 + k)``
    of its step beyond it, where ``t`` is the drift slope over its standard
    error and ``k`` rises from 0 at 6 points to 3.5 from 12 points on
    (``docs/methods.md``, "Trend strength and steady rises" and "A stronger
    pull toward the latest value").

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series (every series non-empty).
        h_t: Horizon times, one per series (or any number for a single
            series: its members at each).
        combined: Return the members as the median combines them (with the
            average change in place of the latest value of a steadily
            growing series, and drawn toward the latest value by a weak
            trend) rather than as each member says.

    Returns:
        The latest value, the least-squares line, constant growth (the random
        walk with drift on the values for a series with a value ``<= 0``; from
        13 points on, Holt's smoothed growth, or trend on the values; its trend
        damped by 0.5 a year after a slowdown, see :func:`auto`) and
        the average change over the last ``min(5, n - 1)`` intervals, each of
        shape ``(n_series,)``.

    Raises:
        EvaluationError: *h_t* is not one horizon time per series (for more
            than one series).

    Example:
        >>> t = np.arange(8.0)
        >>> y = np.array([10.0, 11.0, 12.0, 14.0, 15.0, 17.0, 18.0, 20.0])
        >>> [round(float(m[0]), 3) for m in auto_members(t, y, [0, 8], [8.0])]
        [20.0, 21.107, 22.082, 21.6]
        >>> # Rose every year, 10 % a year since the first point and over the
        >>> # last 5 intervals: the average change, y7 + (y7 - y2) / 5 = 19.487
        >>> # + (19.487 - 12.1) / 5 = 20.96, stands in for the latest value
        >>> # 19.49; constant growth 19.487 * 1.1 = 21.44.
        >>> y = 10.0 * 1.1**t
        >>> [round(float(m[0]), 2) for m in auto_members(t, y, [0, 8], [8.0], combined=True)]
        [20.96, 20.37, 21.44, 20.96]
    """
    combined = options.flag("auto_members", "combined", combined)
    p = _panel(t, y, indptr, log=False, time_major=True)
    h_arr = _horizon_times(h_t)
    if h_arr.shape != (p.n.size,) and not (p.n.size == 1 and h_arr.size):
        # One horizon for many series would broadcast into members at that
        # horizon for every series without a word; a single series may be
        # asked at several horizons at once.
        msg = (
            f"auto_members needs one horizon time per series (or any number for one "
            f"series): {p.n.size} series, horizon times of shape {h_arr.shape}"
        )
        raise EvaluationError(msg)
    states = _auto_states(p, 1)
    h = h_arr.reshape(-1) - p.T[:, -1]
    return _auto_members(tuple(np.asarray(x)[:, -1] for x in states), h, as_combined=combined)
