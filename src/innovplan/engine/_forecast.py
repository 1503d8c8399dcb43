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
series' own last ``_CAL_ORIGINS`` (6) past origins (rolling origin, or
time-series cross-validation: Tashman 2000, "Out-of-sample tests of
forecasting accuracy", Int. J. Forecasting 16; Hyndman and Athanasopoulos,
"Forecasting: principles and practice", 3rd ed. 2021, section 5.10), for
every horizon up to the one asked for, and standardises each out-of-sample
error by the textbook scale at that origin. Only the states at those origins
are used, so the work is (series x 6 origins x horizons). Each standardised
error becomes a normal score (Wallace 1959, see ``_normal_score``), and the
rule is:

* ``cov`` = share of past errors inside the nominal interval, an error ``k``
  steps ahead weighted ``(k / h) ** 2`` for a forecast ``h`` steps ahead
  (errors further ahead than ``h`` are not used; ``h`` is capped at the
  series' own ``n - 1`` steps, never at the batch's), shrunk towards the nominal
  level with ``prior_count`` pseudo-errors (4; 2 for ``auto``);
* the scale is multiplied by ``z* / z_cov``, the factor for which a normal
  error of that scale covers ``cov`` (``z*`` and ``z_cov`` are the normal
  quantiles of the nominal level and of ``cov``). The interval widens when the
  past errors fell outside too often and narrows when they fell inside too
  often.

Only data before each series' own forecast origin enter (its training part),
and only that series' data: a forecast does not depend on which other series
are in the batch, so batched and single forecasts agree element by element.
The number of origins, the prior and ``auto``'s spread model were chosen on
the simulated families of ``tests/engine/test_calibration.py`` and on the
held-out ends of the M1 and Tourism yearly training parts, never on the
competitions' test windows (``docs/methods.md``, "How auto and the
calibration were chosen"). Parameters chosen on a whole series (Theta's
alpha and drift share, damped's grid) make its earlier-origin errors look
smaller than they are, so those methods stay under-covered after
calibration; ``docs/methods.md`` has the measured coverage of every method.
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

from collections.abc import Callable
from enum import IntEnum, IntFlag
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine import _ragged
from innovplan.engine._stats import norm_ppf, t_ppf, t_sf

__all__ = [
    "UNCLEAR_REASONS",
    "Forecasts",
    "Method",
    "Outcome",
    "Reason",
    "auto",
    "average_change",
    "damped",
    "drift",
    "linear",
    "loglinear",
    "prob_above",
    "theta",
    "ytd",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Method(IntEnum):
    """Codes of the forecast methods, as stored in :attr:`Forecasts.method`."""

    LINEAR = 1
    LOGLINEAR = 2
    DRIFT = 3
    DAMPED = 4
    THETA = 5
    AVERAGE_CHANGE = 6
    AVERAGE_CHANGE_RELATIVE = 7
    YTD = 8
    YTD_PRO_RATA = 9
    COMBINED = 10


class Outcome(IntEnum):
    """Overall status of one forecast."""

    OK = 0
    WARN = 1
    UNCLEAR = 2


class Reason(IntFlag):
    """Why a forecast is unclear (low byte) or carries a warning (high bits).

    Unclear reasons: ``NO_DATA`` (no finite point), ``TOO_FEW_POINTS`` (fewer
    than the method needs), ``NONPOSITIVE`` (a log model met a value <= 0),
    ``HORIZON_NOT_AFTER_LAST`` (the horizon is at or before the latest
    observation), ``BAD_HORIZON`` (non-finite horizon), ``BAD_LEVEL`` (level
    not in (0, 1)). Warnings: ``DROPPED_POINTS`` (non-finite points ignored),
    ``DUPLICATE_TIMES`` (two points share a time), ``SHORT_CALIBRATION``
    (fewer than three past errors to calibrate the interval), ``PRO_RATA``
    (year-to-date without past within-year shares), ``NO_INTERVAL`` (point
    only: the data say nothing about the spread), ``ZERO_SPREAD`` (the fitted
    spread is zero, e.g. a constant or perfectly straight series).
    """

    NONE = 0
    NO_DATA = 1
    TOO_FEW_POINTS = 2
    NONPOSITIVE = 4
    HORIZON_NOT_AFTER_LAST = 8
    BAD_HORIZON = 16
    BAD_LEVEL = 32
    DROPPED_POINTS = 256
    DUPLICATE_TIMES = 512
    SHORT_CALIBRATION = 1024
    PRO_RATA = 2048
    NO_INTERVAL = 4096
    ZERO_SPREAD = 8192


UNCLEAR_REASONS = 0xFF
"""Bits of :class:`Reason` that make a forecast unclear."""

# Plain-int copies of the codes for array arithmetic in the driver: numpy
# converts a plain int far faster than an enum member.
_TOO_FEW_POINTS = int(Reason.TOO_FEW_POINTS)
_HORIZON_NOT_AFTER_LAST = int(Reason.HORIZON_NOT_AFTER_LAST)
_BAD_HORIZON = int(Reason.BAD_HORIZON)
_BAD_LEVEL = int(Reason.BAD_LEVEL)
_SHORT_CALIBRATION = int(Reason.SHORT_CALIBRATION)
_NO_INTERVAL = int(Reason.NO_INTERVAL)
_ZERO_SPREAD = int(Reason.ZERO_SPREAD)
_OK, _WARN, _UNCLEAR = int(Outcome.OK), int(Outcome.WARN), int(Outcome.UNCLEAR)


class Forecasts(NamedTuple):
    """Forecasts of many series; every array has the shape of ``h_t``.

    Attributes:
        point: Point forecast (median; for log-space methods ``exp(loc)``).
        lower: Lower end of the central interval at ``level``.
        upper: Upper end.
        loc: Location of the predictive t (log scale where ``log_space``).
        scale: Scale of the predictive t, calibrated unless ``calibrate=False``.
        df: Degrees of freedom of the predictive t (``inf`` for normal).
        log_space: True where the distribution is of ``log Y``.
        method: :class:`Method` code used for each forecast.
        status: :class:`Outcome` code.
        reason: :class:`Reason` bits.
        n_used: Points used.
        calib: Calibration factor ``k`` applied to the textbook scale.
    """

    point: FloatArray
    lower: FloatArray
    upper: FloatArray
    loc: FloatArray
    scale: FloatArray
    df: FloatArray
    log_space: BoolArray
    method: npt.NDArray[np.int8]
    status: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int32]
    n_used: IntArray
    calib: FloatArray


# --------------------------------------------------------------------------
# Padded panel and per-origin states
# --------------------------------------------------------------------------


class _Panel(NamedTuple):
    T: FloatArray  # (S, L) times, right aligned, NaN padding
    Y: FloatArray  # (S, L) values (log values for log-space methods)
    M: BoolArray  # (S, L) data mask
    n: IntArray  # (S,) points
    nj: IntArray  # (S, L) points up to and including each column
    step: FloatArray  # (S,) median spacing in years
    reason: npt.NDArray[np.int32]  # (S,) series-level reasons
    J: FloatArray  # (S, L) observation steps since the series' first point, 0 on padding


class _Pred(NamedTuple):
    loc: FloatArray
    scale: FloatArray
    df: FloatArray


def _panel(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    *,
    log: bool,
    time_major: bool = False,
) -> _Panel:
    # With time_major the (S, L) arrays are transposed views of C-contiguous
    # (L, S) arrays: the same values, laid out for kernels that step through
    # the columns with all series side by side (``p.T.T`` is contiguous).
    r = _ragged.tidy(t, y, indptr)
    n = _ragged.counts(r.indptr)
    reason = np.zeros(n.size, dtype=np.int32)
    reason[r.dropped] |= Reason.DROPPED_POINTS
    reason[r.duplicate] |= Reason.DUPLICATE_TIMES
    reason[n == 0] |= Reason.NO_DATA
    yv = r.y
    if log:
        bad = np.bincount(_ragged.segment_ids(r.indptr)[yv <= 0], minlength=n.size) > 0
        reason[bad] |= Reason.NONPOSITIVE
        with np.errstate(divide="ignore", invalid="ignore"):
            yv = np.log(np.where(yv > 0, yv, np.nan))
    width = max(int(n.max(initial=0)), 1)
    (big_t, big_y), m = _ragged.pad_right_many(
        (r.t, yv), r.indptr, width=width, time_major=time_major
    )
    # Points up to each column: the data of a row are its last n columns.
    if time_major:
        big_t, big_y, m = big_t.T, big_y.T, m.T
        nj = np.maximum(np.arange(1 - width, 1)[:, None] + n[None, :], 0).T
    else:
        nj = np.maximum(np.arange(1 - width, 1)[None, :] + n[:, None], 0)
    # Median spacing: sort each row's spacings (padding sorts last as +inf)
    # and take the middle one or two. Right alignment makes column j and
    # j + 1 both data exactly where column j is.
    with np.errstate(invalid="ignore"):
        dt = big_t[:, 1:] - big_t[:, :-1]
        dt[~m[:, :-1]] = np.inf
        dt.sort(axis=1)
    k = np.maximum(n - 1, 1)
    if dt.shape[1]:
        lo = np.take_along_axis(dt, ((k - 1) // 2)[:, None], axis=1)[:, 0]
        hi = np.take_along_axis(dt, (k // 2)[:, None], axis=1)[:, 0]
        step = 0.5 * (lo + hi)
    else:
        step = np.ones(n.size)
    step = np.where((n >= 2) & np.isfinite(step) & (step > 0), step, 1.0)
    steps_since = np.maximum(nj - 1, 0).astype(np.float64)
    return _Panel(big_t, big_y, m, n, nj, step, reason, steps_since)


def _cums(x: FloatArray, m: BoolArray) -> FloatArray:
    out: FloatArray = np.cumsum(np.where(m, x, 0.0), axis=1)
    return out


def _seq_sum(x: FloatArray) -> FloatArray:
    # Sum over the last axis in index order, one term after the other. A
    # series padded with zeros (on the left, or beyond its own last step)
    # then sums to exactly the same float as the series alone: einsum and
    # sum group the terms by position in the row, so a batch's padding would
    # change the rounding and batched forecasts would differ from single ones
    # in the last bits.
    if x.shape[-1] == 0:
        return np.zeros(x.shape[:-1])
    out: FloatArray = np.cumsum(x, axis=-1)[..., -1]
    return out


def _first(a: FloatArray, n: IntArray) -> FloatArray:
    cols = np.clip(a.shape[1] - n, 0, a.shape[1] - 1)
    out: FloatArray = a[np.arange(a.shape[0]), cols]
    return out


# Each method below returns (states, predict, min_points). ``states`` holds one
# (S, L) array per parameter, computed for every origin column from the data
# up to that column; ``predict(states, h)`` broadcasts the states against
# horizons ``h`` in years and returns the textbook predictive t.

_States = tuple[FloatArray, ...]


def _drift_states(p: _Panel) -> _States:
    # Random walk with drift for possibly unequal spacing: increments over dt
    # are N(c dt, sigma2 dt). c is the mean slope between the first point and
    # the origin; sigma2 = sum((d - c dt)^2 / dt) / (n - 2) = (Q - c^2 span)/(n - 2)
    # with Q = sum(d^2 / dt). The h-year forecast variance is
    # sigma2 * (h + h^2 / span), the unequal-spacing form of the textbook
    # sigma^2 h (1 + h / (n - 1)) (Hyndman and Athanasopoulos, "Forecasting:
    # principles and practice", 3rd ed. 2021, section 5.5, Table 5.2).
    y0 = _first(p.Y, p.n)[:, None]
    t0 = _first(p.T, p.n)[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        dy = np.diff(p.Y, axis=1)
        dt = np.diff(p.T, axis=1)
        ok = p.M[:, 1:] & p.M[:, :-1]
        q = np.zeros_like(p.Y)
        q[:, 1:] = _cums(dy * dy / dt, ok)
        span = p.T - t0
        c = (p.Y - y0) / span
        sig2 = np.maximum(q - c * c * span, 0.0) / (p.nj - 2)
    return (p.Y, c, sig2, span, p.nj.astype(np.float64))


def _drift_predict(s: _States, h: FloatArray) -> _Pred:
    y, c, sig2, span, nj = s
    with np.errstate(invalid="ignore", divide="ignore"):
        var = sig2 * (h + h * h / span)
    # The formula holds for h > 0 only: between the origin and one span before
    # it, h + h^2 / span is negative. Such a horizon is not after the last
    # point, so the driver marks it unclear (HORIZON_NOT_AFTER_LAST); its
    # spread is undefined (NaN), not the square root of a negative number.
    return _Pred(y + c * h, np.sqrt(np.where(h > 0, var, np.nan)), nj - 2.0)


def _window_states(p: _Panel, w: int) -> _States:
    # Destatis "average annual change" over the last w intervals: the drift
    # estimator on the window [j - w, j] (Statistisches Bundesamt,
    # "Nachhaltige Entwicklung in Deutschland - Indikatorenbericht 2021",
    # section "Bewertung der Indikatoren": mean annual change of the last five
    # years, extrapolated to the target year).
    s = p.Y.shape[1]
    lag_y = np.full_like(p.Y, np.nan)
    lag_t = np.full_like(p.T, np.nan)
    if s > w:
        lag_y[:, w:] = p.Y[:, :-w]
        lag_t[:, w:] = p.T[:, :-w]
    with np.errstate(invalid="ignore", divide="ignore"):
        dy = np.diff(p.Y, axis=1)
        dt = np.diff(p.T, axis=1)
        ok = p.M[:, 1:] & p.M[:, :-1]
        q = np.zeros_like(p.Y)
        q[:, 1:] = _cums(dy * dy / dt, ok)
        q_lag = np.full_like(q, np.nan)
        if s > w:
            q_lag[:, w:] = q[:, :-w]
        span = p.T - lag_t
        c = (p.Y - lag_y) / span
        sig2 = np.maximum((q - q_lag) - c * c * span, 0.0) / (w - 1)
    nwin = np.where(p.nj > w, float(w + 1), np.nan)
    return (p.Y, c, sig2, span, nwin)


def _linear_states(p: _Panel) -> _States:
    # Ordinary least squares on time with the Student-t prediction interval
    # var = s^2 (1 + 1/n + (t_h - tbar)^2 / Sxx), df = n - 2 (e.g. Draper and
    # Smith, "Applied Regression Analysis", 3rd ed. 1998, section 3.1).
    # Times and values are centred on the series' last point so the
    # running sums do not cancel catastrophically.
    tl = p.T[:, -1:]
    yl = p.Y[:, -1:]
    tau = p.T - tl
    v = p.Y - yl
    nj = p.nj.astype(np.float64)
    st, sy = _cums(tau, p.M), _cums(v, p.M)
    stt, sty, syy = _cums(tau * tau, p.M), _cums(tau * v, p.M), _cums(v * v, p.M)
    with np.errstate(invalid="ignore", divide="ignore"):
        tbar, ybar = st / nj, sy / nj
        sxx = stt - nj * tbar * tbar
        slope = (sty - nj * tbar * ybar) / sxx
        sse = np.maximum(syy - nj * ybar * ybar - slope * slope * sxx, 0.0)
        s2 = sse / (nj - 2.0)
    return (tau, tbar, ybar + yl, slope, sxx, s2, nj)


def _linear_predict(s: _States, h: FloatArray) -> _Pred:
    tau, tbar, ybar, slope, sxx, s2, nj = s
    th = tau + h - tbar
    with np.errstate(invalid="ignore", divide="ignore"):
        var = s2 * (1.0 + 1.0 / nj + th * th / sxx)
    return _Pred(ybar + slope * th, np.sqrt(var), nj - 2.0)


_THETA_ALPHAS = np.linspace(0.05, 1.0, 20)


def _ses_filter(p: _Panel, alphas: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    # Simple exponential smoothing of every series for every alpha of a grid,
    # as a linear filter. Before a series' first point its row is back-filled
    # with that first value, so the recursion can start in column 0 for all
    # rows at once and still equal SES started at the series' own first
    # point (level = first value). Returns the drift-free levels A (G, S, L)
    # and the one-step "drift regressor" C (G, S, L): with a drift d per step
    # in the recursion level_t = alpha y_t + (1 - alpha)(level_{t-1} + d), the
    # level is A_t + d R_t with R_t = (1 - alpha)/alpha (1 - (1 - alpha)^J_t)
    # (J_t steps since the first point), and the one-step forecast of y_t is
    # A_{t-1} + d C_t with C_t = R_{t-1} + 1 = (1 - (1 - alpha)^J_t) / alpha.
    # Linearity in d is what lets the Theta drift be chosen in closed form.
    s, big_l = p.Y.shape
    first = _first(p.Y, p.n)
    yb = np.where(p.M, p.Y, first[:, None])
    yb = np.where(np.isfinite(yb), yb, 0.0)
    a = alphas[:, None]
    lev = np.empty((big_l, alphas.size, s))
    cur = np.broadcast_to(yb[:, 0], (alphas.size, s)).copy()
    lev[0] = cur
    yt = yb.T
    for j in range(1, big_l):
        cur += a * (yt[j] - cur)
        lev[j] = cur
    levels = lev.transpose(1, 2, 0)  # (G, S, L)
    om = (1.0 - alphas)[:, None, None]
    pw = om ** p.J[None, :, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        reg = np.where(a[:, :, None] > 0, (1.0 - pw) / a[:, :, None], p.J[None])
    return levels, reg, yb


def _theta_states(p: _Panel, *, optimized: bool) -> _States:
    # Theta method (Assimakopoulos and Nikolopoulos 2000, "The theta model: a
    # decomposition approach to forecasting", Int. J. Forecasting 16, 521-530)
    # in the state-space form of Hyndman and Billah (2003, "Unmasking the
    # Theta method", Int. J. Forecasting 19, 287-290, section 3): simple
    # exponential smoothing with drift d per step, forecast level_n + d h,
    # variance sigma^2 (1 + alpha^2 (h - 1)). Standard Theta (theta = 2) uses
    # half the least-squares trend slope b: d = b / 2. The optimised Theta
    # model (Fiorucci, Pellegrini, Louzada, Petropoulos and Koehler 2016,
    # "Models for optimising the theta method and their relationship to state
    # space models", Int. J. Forecasting 32, 1151-1161) frees theta >= 1, that
    # is d = (1 - 1/theta) b anywhere between 0 and b; here d is the least
    # squares value of the in-sample one-step errors for each alpha (they are
    # linear in d, see _ses_filter), clipped to that range. alpha is the grid
    # value with the smallest in-sample one-step squared error. Time runs in
    # observation steps of the series' median spacing. At an earlier origin
    # the drift keeps the chosen ratio d / b but uses the slope of the data up
    # to that origin, so rolling-origin forecasts do not see later slopes.
    s, big_l = p.Y.shape
    lin = _linear_states(p)
    b_all = lin[3] * p.step[:, None]  # least-squares slope per step at every origin
    b = np.nan_to_num(b_all[:, -1])
    lev, reg, yb = _ses_filter(p, _THETA_ALPHAS)
    a = np.zeros_like(lev)
    a[:, :, 1:] = yb[None, :, 1:] - lev[:, :, :-1]  # zero before and at the first point
    saa = _seq_sum(a * a)
    sac = _seq_sum(a * reg)
    live = (p.J >= 1)[None]
    scc = _seq_sum(reg * live * reg)
    if optimized:
        with np.errstate(divide="ignore", invalid="ignore"):
            d = sac / scc
        d = np.clip(np.nan_to_num(d), np.minimum(b, 0.0), np.maximum(b, 0.0))
    else:
        d = np.broadcast_to(b / 2.0, saa.shape)
    sse = saa - 2.0 * d * sac + d * d * scc
    best = np.argmin(sse, axis=0)
    rows = np.arange(s)
    dd = d[best, rows]
    alpha = _THETA_ALPHAS[best]
    lev_b, reg_b, a_b = lev[best, rows], reg[best, rows], a[best, rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(b != 0, dd / b, 0.5 if not optimized else 0.0)
    d_j = ratio[:, None] * b_all  # drift at every origin from the slope up to it
    # Level at origin j with drift d_j: A_j + d_j R_j, R_j = C_j - ... = C_{j+1} - 1
    # expressed directly: R_j = (1 - alpha)/alpha (1 - (1 - alpha)^J_j).
    om = 1.0 - alpha[:, None]
    r_j = om / alpha[:, None] * (1.0 - om**p.J)
    level = lev_b + d_j * r_j
    e = np.where(p.J >= 1, a_b - dd[:, None] * reg_b, np.nan)
    cnt = np.cumsum(np.isfinite(e), axis=1).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        sig2 = np.cumsum(np.nan_to_num(e * e), axis=1) / (cnt - 1.0)
    alpha_b = np.broadcast_to(alpha[:, None], (s, big_l))
    step = np.broadcast_to(p.step[:, None], (s, big_l))
    return (np.where(p.M, level, np.nan), d_j, sig2, alpha_b, step, cnt)


def _theta_predict(s: _States, h: FloatArray) -> _Pred:
    lev, d, sig2, alpha, step, cnt = s
    hs = h / step
    var = sig2 * (1.0 + alpha * alpha * np.maximum(hs - 1.0, 0.0))
    return _Pred(lev + d * hs, np.sqrt(var), cnt - 1.0)


_DAMPED_GRID = np.array(
    [
        (a, b, f)
        for a in (0.2, 0.4, 0.6, 0.8, 0.95)
        for b in (0.02, 0.1, 0.3)
        for f in (0.8, 0.9, 0.98)
        if b <= a
    ]
)


def _damped_states(p: _Panel) -> _States:
    # Additive damped trend, ETS(A,Ad,N) (Gardner and McKenzie 1985; state
    # space form and variance in Hyndman, Koehler, Ord and Snyder,
    # "Forecasting with Exponential Smoothing" 2008, Table 6.1, class 1).
    # Smoothing parameters (alpha, beta = alpha * beta*, phi) come from a grid,
    # chosen by in-sample one-step squared error for every series at once.
    s, big_l = p.Y.shape
    a = _DAMPED_GRID[None, :, 0]
    b = _DAMPED_GRID[None, :, 1]
    f = _DAMPED_GRID[None, :, 2]
    g = _DAMPED_GRID.shape[0]
    lev = np.full((s, g), np.nan)
    tr = np.zeros((s, g))
    levels = np.full((s, g, big_l), np.nan)
    trends = np.full((s, g, big_l), np.nan)
    err2 = np.full((s, g, big_l), np.nan)
    # In-sample squared error, summed column by column (padding adds exact
    # zeros, so a series sums to the same float alone and in a batch).
    sse = np.zeros((s, g))
    for j in range(big_l):
        yj = p.Y[:, j : j + 1]
        mj = p.M[:, j : j + 1]
        nj = p.nj[:, j : j + 1]
        start = mj & (nj == 1)
        second = mj & (nj == 2)
        rest = mj & (nj > 2)
        fc = lev + f * tr
        e = yj - fc
        sq = np.where(rest, e * e, 0.0)
        sse += sq
        err2[:, :, j] = np.where(rest, sq, np.nan)
        new_lev = fc + a * e
        new_tr = f * tr + b * e
        # Initial state from the first two points: level y1, trend y2 - y1.
        tr = np.where(second, yj - lev, np.where(rest, new_tr, tr))
        lev = np.where(start | second, yj, np.where(rest, new_lev, lev))
        levels[:, :, j] = np.where(mj, lev, np.nan)
        trends[:, :, j] = np.where(mj, tr, np.nan)
    best = np.argmin(sse, axis=1)
    rows = np.arange(s)
    e2 = err2[rows, best, :]
    cnt = np.cumsum(np.isfinite(e2), axis=1).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        sig2 = np.cumsum(np.nan_to_num(e2), axis=1) / (cnt - 1.0)
    shape = (s, big_l)
    pars = [np.broadcast_to(_DAMPED_GRID[best, k][:, None], shape) for k in range(3)]
    step = np.broadcast_to(p.step[:, None], shape)
    return (levels[rows, best, :], trends[rows, best, :], sig2, *pars, step, cnt)


def _damped_predict(s: _States, h: FloatArray) -> _Pred:
    lev, tr, sig2, a, b, f, step, cnt = s
    hs = np.maximum(h / step, 0.0)
    fh = f**hs
    damp = f * (1.0 - fh) / (1.0 - f)
    one_f = 1.0 - f
    # Hyndman et al. (2008) Table 6.1, ETS(A,Ad,N) forecast variance.
    var = sig2 * (
        1.0
        + a * a * np.maximum(hs - 1.0, 0.0)
        + b * f * hs / (one_f * one_f) * (2.0 * a * one_f + b * f)
        - b
        * f
        * (1.0 - fh)
        / (one_f * one_f * (1.0 - f * f))
        * (2.0 * a * (1.0 - f * f) + b * f * (1.0 + 2.0 * f - fh))
    )
    return _Pred(lev + damp * tr, np.sqrt(np.maximum(var, sig2)), cnt - 1.0)


# --------------------------------------------------------------------------
# Shared driver: final forecast, rolling-origin calibration, statuses
# --------------------------------------------------------------------------

_Predict = Callable[[_States, FloatArray], _Pred]

# Weight of a past error k steps ahead when calibrating a forecast h steps
# ahead: (k / h)^_CAL_GAMMA for k <= h; errors further ahead are not used.
_CAL_GAMMA = 2.0

# Rolling origins used for calibration: the last _CAL_ORIGINS columns before
# each series' latest point (chosen on the simulated families and the held-out
# ends of the M1 and Tourism training parts, see docs/methods.md).
_CAL_ORIGINS = 6


def _as_h(h_t: npt.ArrayLike, n_series: int) -> tuple[FloatArray, bool]:
    h = np.asarray(h_t, dtype=np.float64)
    one_d = h.ndim <= 1
    if not one_d:
        h2 = h
    elif n_series == 0:
        if h.size:
            raise ValueError(f"h_t has {h.size} values for 0 series")
        h2 = h.reshape(0, 1)  # no series: one (empty) horizon column, not reshape(0, -1)
    else:
        h2 = h.reshape(n_series, -1)
    if h2.shape[0] != n_series:
        raise ValueError(f"h_t has {h2.shape[0]} rows for {n_series} series")
    return h2, one_d


def _normal_score(z: FloatArray, df: FloatArray) -> FloatArray:
    # Student-t deviate to an approximately standard normal one, Wallace
    # (1959), "Bounds on normal approximations to Student's and the
    # chi-square distributions", Ann. Math. Statist. 30, 1121-1130:
    # u = (8 df + 1) / (8 df + 3) * sqrt(df log(1 + z^2 / df)); absolute error
    # below 0.09 for df >= 1 and below 0.025 for |z| < 3 (checked against
    # the exact probability integral transform in tests/engine/test_stats.py).
    nu = np.maximum(df, 1.0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        mag = (8.0 * nu + 1.0) / (8.0 * nu + 3.0) * np.sqrt(nu * np.log1p(z * z / nu))
    out: FloatArray = np.where(np.isinf(nu), np.abs(z), mag)
    return out


def _rolling_sums(  # noqa: PLR0917 - private, called once by _calibration
    p: _Panel, s: _States, predict: _Predict, min_pts: int, k_max: int, z_star: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Per series and horizon k (steps): past errors inside the interval, and all.

    The last ``_CAL_ORIGINS`` columns before the latest point are the origins
    (those with at least *min_pts* points count); each one's forecast of the
    point k observations later is compared with that point, after
    standardising by the method's own textbook scale at that origin. Only
    the states at those columns are used, so the work is (series x origins x
    horizons) with origins and horizons a handful each. Both arrays are
    ``(k_max, n_series)``.
    """
    big_l, s_count = p.Y.shape[1], p.n.size
    k_max = int(min(max(k_max, 1), max(big_l - 1, 1)))
    n_o = max(min(_CAL_ORIGINS, big_l - 1), 1)
    o_lo = max(big_l - 1 - n_o, 0)
    hits: FloatArray = np.zeros((k_max, s_count))  # (K, S)
    cnt: FloatArray = np.zeros((k_max, s_count))
    # Only the (k, origin) pairs whose target column exists, k-major. Layout
    # (pair, S): series run along the last axis, so the per-origin states
    # and the errors are whole rows of all series at once.
    kk, oo = np.nonzero(np.arange(1, k_max + 1)[:, None] + np.arange(o_lo, o_lo + n_o) < big_l)
    if not kk.size:
        return hits, cnt
    o_col = oo + o_lo
    t_col = o_col + kk + 1
    tt = p.T.T
    h = tt[t_col] - tt[o_col]
    pred = predict(tuple(np.asarray(x).T[o_col] for x in s), h)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (p.Y.T[t_col] - pred.loc) / pred.scale
    df = np.broadcast_to(pred.df, z.shape)
    valid = p.M.T[t_col] & (p.nj.T[o_col] >= min_pts) & np.isfinite(z) & (df >= 1)
    u = _normal_score(np.where(valid, z, 0.0), np.where(valid, df, 1.0))
    inside_int = valid & (u <= z_star)
    # Counts per k (exact integers): sum the rows of each k's pairs.
    starts = np.flatnonzero(np.concatenate(([True], kk[1:] != kk[:-1])))
    k_rows = kk[starts]
    hits[k_rows] = np.add.reduceat(inside_int, starts, axis=0, dtype=np.int64)
    cnt[k_rows] = np.add.reduceat(valid, starts, axis=0, dtype=np.int64)
    return hits, cnt


def _calibration(  # noqa: PLR0917 - private, called once by the driver
    p: _Panel,
    states: _States,
    predict: _Predict,
    min_pts: int,
    hy: FloatArray,
    prior_count: float,
    lev: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Scale factor per forecast, and the number of past errors behind it."""
    lev0 = np.where((lev[:, 0] > 0) & (lev[:, 0] < 1), lev[:, 0], 0.8)
    if lev0.size and np.all(lev0 == lev0[0]):
        # One level for every series (the usual case): one quantile.
        z_star = np.broadcast_to(norm_ppf(0.5 + 0.5 * lev0[:1]), lev0.shape)
    else:
        z_star = norm_ppf(0.5 + 0.5 * lev0)
    hs = np.where(hy > 0, hy / p.step[:, None], np.nan)  # requested horizons in steps
    k_need = np.ceil(np.nan_to_num(hs, nan=1.0) - 1e-9).astype(np.int64)
    k_max = int(np.max(k_need, initial=1))
    su, cnt = _rolling_sums(p, states, predict, min_pts, k_max, z_star)
    kk = np.arange(1, su.shape[0] + 1, dtype=np.float64)[:, None, None]
    # The weights are capped at the series' own longest possible past error,
    # n - 1 steps (its first point to its last), never at the width of the
    # padded batch: a series alone and inside any batch gets the same
    # weights, so the same factor.
    own = np.maximum(p.n - 1, 1)[:, None]
    top = np.maximum(np.minimum(k_need, own), 1).astype(np.float64)
    w = np.where(kk <= top, (kk / top) ** _CAL_GAMMA, 0.0)  # (K, S, H)
    # Sums over k in index order (as _seq_sum), here along the first axis.
    m = np.cumsum(w * cnt[:, :, None], axis=0)[-1]
    ssum = np.cumsum(w * su[:, :, None], axis=0)[-1]
    # Shrink the observed coverage towards the nominal level with
    # prior_count pseudo-errors, then find the factor k for which a normal
    # error of scale k covers that share: cov = 2 Phi(z* / k) - 1.
    cov = (ssum + prior_count * lev0[:, None]) / (m + prior_count)
    cov = np.clip(cov, 0.05, 0.995)
    k: FloatArray = z_star[:, None] / norm_ppf(0.5 + 0.5 * cov)
    return k, m


def _forecast(  # noqa: PLR0917 - private driver shared by every method
    name: Method | npt.NDArray[np.int8],
    p: _Panel,
    states: _States,
    predict: _Predict,
    min_pts: int,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike,
    *,
    calibrate: bool,
    prior_count: float,
    log_space: bool | BoolArray,
) -> Forecasts:
    s_count = p.n.size
    h2, one_d = _as_h(h_t, s_count)
    t_last = p.T[:, -1:]
    hy = h2 - t_last
    # Predicted in layout (H, S), series along the last axis, so that the
    # per-series states broadcast over long rows; then back to (S, H).
    hy_t = np.ascontiguousarray(hy.T)
    pred = predict(tuple(np.asarray(x)[:, -1] for x in states), hy_t)
    loc = np.ascontiguousarray(np.broadcast_to(pred.loc, hy_t.shape).T)
    scale = np.ascontiguousarray(np.broadcast_to(pred.scale, hy_t.shape).T)
    df = np.ascontiguousarray(np.broadcast_to(pred.df, hy_t.shape).T, dtype=np.float64)
    reason = np.broadcast_to(p.reason[:, None], h2.shape).astype(np.int32)
    reason = np.where(
        (p.n < min_pts)[:, None] & (p.n > 0)[:, None], reason | _TOO_FEW_POINTS, reason
    )
    finite_h = np.isfinite(h2)
    reason = np.where(~finite_h, reason | _BAD_HORIZON, reason)
    reason = np.where(finite_h & (hy <= 0), reason | _HORIZON_NOT_AFTER_LAST, reason)
    lev_arr = np.asarray(level, dtype=np.float64)
    lev = np.broadcast_to(
        lev_arr.reshape(-1, 1) if lev_arr.ndim else lev_arr,
        h2.shape,
    )
    reason = np.where(~((lev > 0) & (lev < 1)), reason | _BAD_LEVEL, reason)
    calib = np.ones(h2.shape)
    if calibrate:
        calib, m = _calibration(p, states, predict, min_pts, hy, prior_count, lev)
        reason = np.where(m < 3, reason | _SHORT_CALIBRATION, reason)
        scale = scale * calib
    bad = (reason & UNCLEAR_REASONS) != 0
    bad |= ~np.isfinite(loc) | ~np.isfinite(scale) | ~(df > 0)
    reason = np.where(bad & ((reason & UNCLEAR_REASONS) == 0), reason | _TOO_FEW_POINTS, reason)
    reason = np.where(~bad & (scale == 0), reason | _ZERO_SPREAD, reason)
    return _finish(
        name, loc, scale, df, lev, reason, bad, p.n, calib, log_space=log_space, one_d=one_d
    )


# Student-t quantiles already solved, keyed by (probability, df). They are
# constants (a t table filled on demand): df are point counts and levels are
# few, so a batch rarely needs a new one, and each costs a Hill (1970) start
# plus polishing. Bounded so odd inputs cannot grow it without limit.
_T_TABLE: dict[tuple[float, float], float] = {}
_T_TABLE_MAX = 4096


def _t_quantile(prob: FloatArray, df: FloatArray) -> FloatArray:
    # Quantiles depend on (prob, df) only, and df takes few distinct values:
    # look each distinct pair up once and solve the missing ones together.
    if prob.size and np.all(prob == prob.flat[0]):
        p0 = float(prob.flat[0])
        uniq, inv = np.unique(df, return_inverse=True)
        keys = [(p0, float(d)) for d in uniq]
    else:
        pairs = np.stack([prob.ravel(), df.ravel()], axis=1)
        upairs, inv = np.unique(pairs, axis=0, return_inverse=True)
        keys = [(float(a), float(b)) for a, b in upairs]
    missing = [k for k in keys if k not in _T_TABLE]
    if missing:
        if len(_T_TABLE) + len(missing) > _T_TABLE_MAX:
            _T_TABLE.clear()
        arr = np.array(missing)
        _T_TABLE.update(zip(missing, t_ppf(arr[:, 0], arr[:, 1]).tolist(), strict=True))
    q = np.array([_T_TABLE[k] for k in keys])
    out: FloatArray = q[inv.ravel()].reshape(prob.shape)
    return out


def _finish(  # noqa: PLR0917 - private, positional arrays of one shape
    name: Method | npt.NDArray[np.int8],
    loc: FloatArray,
    scale: FloatArray,
    df: FloatArray,
    lev: FloatArray,
    reason: npt.NDArray[np.int32],
    bad: BoolArray,
    n: IntArray,
    calib: FloatArray,
    *,
    log_space: bool | BoolArray,
    one_d: bool,
) -> Forecasts:
    shape = loc.shape
    loc = np.where(bad, np.nan, loc)
    scale = np.where(bad, np.nan, scale)
    df = np.where(bad, np.nan, df)
    q = np.full(shape, np.nan)
    ok = ~bad & (lev > 0) & (lev < 1)
    if ok.any():
        q[ok] = _t_quantile(0.5 + 0.5 * lev[ok], np.maximum(df[ok], 1.0))
    with np.errstate(invalid="ignore"):
        lo = loc - q * scale
        hi = loc + q * scale
    no_int = ~bad & ~np.isfinite(scale)
    reason = np.where(no_int, reason | _NO_INTERVAL, reason)
    logs = np.broadcast_to(
        np.asarray(log_space, dtype=bool).reshape(-1, 1) if np.ndim(log_space) else log_space, shape
    )
    with np.errstate(over="ignore", invalid="ignore"):
        point = np.where(logs, np.exp(loc), loc)
        lower = np.where(logs, np.exp(lo), lo)
        upper = np.where(logs, np.exp(hi), hi)
    status = np.where(bad, _UNCLEAR, np.where(reason != 0, _WARN, _OK)).astype(np.int8)
    method = np.broadcast_to(
        np.asarray(name, dtype=np.int8).reshape(-1, 1) if np.ndim(name) else np.int8(name), shape
    )
    out = Forecasts(
        point=point,
        lower=lower,
        upper=upper,
        loc=loc,
        scale=scale,
        df=df,
        log_space=np.array(logs),
        method=np.array(method, dtype=np.int8),
        status=status,
        reason=reason.astype(np.int32),
        n_used=np.broadcast_to(n[:, None], shape).astype(np.int64),
        calib=np.array(calib, dtype=np.float64),
    )
    if one_d:
        return Forecasts(*(np.asarray(a).reshape(-1) for a in out))  # type: ignore[arg-type]
    return out


# --------------------------------------------------------------------------
# Public methods
# --------------------------------------------------------------------------


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
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.LINEAR, p, _linear_states(p), _linear_predict, 3, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


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
        The forecasts, ``log_space`` True.

    Example:
        >>> fc = loglinear([0.0, 1.0, 2.0], [100.0, 110.0, 121.0], [0, 3], [3.0], calibrate=False)
        >>> round(float(fc.point[0]), 6)  # 10 % a year: 121 * 1.1
        133.1
    """
    p = _panel(t, y, indptr, log=True)
    return _forecast(
        Method.LOGLINEAR, p, _linear_states(p), _linear_predict, 3, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=True,
    )  # fmt: skip


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
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.DRIFT, p, _drift_states(p), _drift_predict, 3, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


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
    if window < 2:
        raise ValueError("window must be at least 2 intervals")
    p = _panel(t, y, indptr, log=relative)
    name = Method.AVERAGE_CHANGE_RELATIVE if relative else Method.AVERAGE_CHANGE
    return _forecast(
        name, p, _window_states(p, window), _drift_predict, window + 1, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=relative,
    )  # fmt: skip


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
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.THETA, p, _theta_states(p, optimized=optimized), _theta_predict, 4, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


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
    p = _panel(t, y, indptr, log=False)
    return _forecast(
        Method.DAMPED, p, _damped_states(p), _damped_predict, 4, h_t, level,
        calibrate=calibrate, prior_count=prior_count, log_space=False,
    )  # fmt: skip


def _median3(a: FloatArray, b: FloatArray, c: FloatArray) -> FloatArray:
    # Middle value of three, exactly one of them (no arithmetic on the values).
    out: FloatArray = np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))
    return out


_AUTO_WINDOW = 5


def _auto_states(p: _Panel, width: int) -> _States:
    # The three members of auto at every origin column: the random walk with
    # drift on the values and on their logs (slopes since the first point)
    # and the Destatis average change over the last min(5, points - 1)
    # intervals. Each is O(1) per origin from the padded arrays and running
    # sums: the drift slope is (y_j - y_0) / (t_j - t_0), the window slope
    # (y_j - y_{j-w}) / (t_j - t_{j-w}). The spread is modelled on z = log y
    # for positive series and z = y otherwise (see _auto_predict): the drift
    # variance sigma2 = (Q - c^2 span) / (n - 2) of _drift_states and the
    # lag-one autocorrelation r of the standardised increments
    # e_t = (d_t - c dt_t) / sqrt(dt_t), both from running sums, r
    # bias-corrected to first order, r + (1 + 3 r) / m for m increments
    # (Kendall 1954, "Note on bias in the estimation of autocorrelation",
    # Biometrika 41; Marriott and Pope 1954, Biometrika 41), then clipped to
    # [-1/2, 0], the range of the trend-plus-AR(1) family of _auto_predict.
    # Only the last *width* columns are returned, the origins the driver
    # uses (the latest point and the _CAL_ORIGINS before it); the running
    # sums still run over every column, so each value is the same float as
    # at any width.
    # The work runs on time-major (L, S) views (contiguous for a time-major
    # panel): differences between columns and running sums along time are
    # then operations on whole rows of all series at once.
    s_count, big_l = p.Y.shape
    c0 = big_l - width
    tt, yt, mt = p.T.T, p.Y.T, p.M.T
    positive = ~np.any(mt & ~(yt > 0), axis=0)
    every = np.arange(s_count)
    first = np.clip(big_l - p.n, 0, big_l - 1)
    nj = p.nj.T[c0:]
    lag = np.maximum(
        np.arange(c0, big_l)[:, None] - np.minimum(_AUTO_WINDOW, np.maximum(nj - 1, 1)), first
    )
    y, t = yt[c0:], tt[c0:]
    z_all = np.array(yt, order="C")
    with np.errstate(divide="ignore", invalid="ignore"):
        np.log(z_all, out=z_all, where=positive)
        z = z_all[c0:]
        span = t - tt[first, every]
        c = (y - yt[first, every]) / span
        cw = (y - yt[lag, every]) / (t - tt[lag, every])
        cz = (z - z_all[first, every]) / span
        d = z_all[1:] - z_all[:-1]
        dt = tt[1:] - tt[:-1]
        ok = mt[1:] & mt[:-1]
        pair = ok[1:] & ok[:-1]
        sq = np.sqrt(dt[1:] * dt[:-1])
        terms = np.zeros((4, big_l, s_count))
        np.copyto(terms[0, 1:], d * d / dt, where=ok)
        d1, d0 = d[1:], d[:-1]
        np.copyto(terms[1, 2:], d1 * d0 / sq, where=pair)
        np.copyto(terms[2, 2:], (d1 * dt[:-1] + d0 * dt[1:]) / sq, where=pair)
        np.copyto(terms[3, 2:], sq, where=pair)
        np.cumsum(terms, axis=1, out=terms)
        q, a1, a2, a3 = terms[:, c0:]
        ssr = q - cz * cz * span
        sig2 = np.maximum(ssr, 0.0) / (nj - 2)
        r = (a1 - cz * a2 + cz * cz * a3) / ssr
        r += (1.0 + 3.0 * r) / (nj - 1.0)
        rho = np.clip(np.where(np.isfinite(r), r, 0.0), -0.5, 0.0)
        # Per-origin parts of the spread (see _auto_predict): phi, the
        # effective span in steps and 1 - phi^S.
        phi = 1.0 + 2.0 * rho
        sp = span / p.step
        sp = 2.0 / (1.0 / sp + 1.0 / np.minimum(sp, _AUTO_WINDOW))
        oms = 1.0 - phi**sp
    shape = z.shape
    pos = np.broadcast_to(positive, shape)
    step = np.broadcast_to(p.step, shape)
    out = (y, c, cw, z, cz, sig2, sp, nj.astype(np.float64), phi, oms, step, pos)
    return tuple(x.T for x in out)


def _auto_predict(s: _States, h: FloatArray) -> _Pred:
    y, c, cw, z, cz, sig2, sp, nj, phi, oms, step, pos = s
    d = y + c * h
    w = y + cw * h
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        g = np.exp(z + cz * h)
        med = _median3(d, g, w)
        # A positive series whose median runs to zero or below keeps its
        # constant-growth member (logs need a positive location).
        loc = np.where(pos, np.log(np.where(med > 0, med, g)), 0.5 * (d + w))
        # Spread: drift errors under a linear trend plus AR(1) noise with
        # coefficient phi, in steps: with v the variance of one increment,
        # var = v / (1 - phi) [(1 - phi^h) + (h/S)^2 (1 - phi^S)
        #                      + (h/S)(1 - phi^h)(1 - phi^S)],
        # S the span of the slope. phi = 1 + 2 r matches the increments'
        # lag-one autocorrelation r = -(1 - phi) / 2; phi = 1 (r = 0) is the
        # random walk with drift and gives the textbook sigma^2 (h + h^2 / S)
        # (Hyndman and Athanasopoulos 2021, section 5.5), phi = 0 a trend
        # with white noise, whose errors do not grow with h. S is the
        # harmonic mean of the drift's span and the window's, as the median
        # mixes the two slopes.
        hs = h / step
        x = hs / sp
        om = 1.0 - phi
        near = om < 1e-6
        omh = 1.0 - phi**hs
        ar = (omh + x * (x * oms + omh * oms)) / np.where(near, 1.0, om)
        var = sig2 * step * np.where(near, hs + hs * x, ar)
    # As for the drift: a spread only for horizons after the origin (others
    # are unclear in the driver), never the square root of a negative number.
    return _Pred(loc, np.sqrt(np.where(h > 0, var, np.nan)), nj - 2.0)


def auto(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    h_t: npt.ArrayLike,
    level: npt.ArrayLike = 0.8,
    *,
    prior_count: float = 2.0,
) -> Forecasts:
    """The default: median of three trend extrapolations, with a calibrated interval.

    The point is the median of the random walk with drift, the random walk
    with drift on logs (a constant growth rate) and the Destatis average
    change over the last ``min(5, n - 1)`` intervals. For a series with a
    value ``<= 0`` the growth member is undefined and the point is the mean
    of the other two, in levels. The predictive distribution is the drift
    model's, on logs for positive series (lognormal-t) and on the values
    otherwise, rescaled by the combination's own rolling-origin errors (see
    the module docstring and ``docs/methods.md``). With ``n <= 6`` points the
    window covers the whole series, the average change equals the drift and
    so does the median: ``method`` is then ``DRIFT``. Fewer than 3 points are
    unclear.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series.
        h_t: Horizon times.
        level: Central interval probability.
        prior_count: Pseudo-errors at factor 1 in the calibration.

    Returns:
        The forecasts; ``method`` is ``COMBINED`` (``DRIFT`` with 6 points or fewer).

    Example:
        >>> t = np.arange(8.0)
        >>> y = np.array([10.0, 11.0, 12.0, 14.0, 15.0, 17.0, 18.0, 20.0])
        >>> fc = auto(t, y, [0, 8], [8.0])
        >>> # drift 20 + 10/7 = 21.43; growth 20 * 2 ** (1/7) = 22.08; last 5: 20 + 8/5 = 21.6
        >>> round(float(fc.point[0]), 2)
        21.6
    """
    p = _panel(t, y, indptr, log=False, time_major=True)
    # The driver reads the states at the last _CAL_ORIGINS + 1 columns only.
    width = min(p.Y.shape[1], _CAL_ORIGINS + 1)
    states = _auto_states(p, width)
    positive = np.asarray(states[-1][:, -1], dtype=bool)
    # Past errors are measured where the distribution lives: on logs for
    # positive series. Only the columns the states cover are passed on; past
    # errors further ahead than those columns reach do not exist in them.
    cols = slice(p.Y.shape[1] - width, None)
    target = p._replace(
        T=p.T[:, cols], Y=states[3], M=p.M[:, cols], nj=p.nj[:, cols], J=p.J[:, cols]
    )
    method = np.where(p.n <= _AUTO_WINDOW + 1, np.int8(Method.DRIFT), np.int8(Method.COMBINED))
    return _forecast(
        method, target, states, _auto_predict, 3, h_t, level,
        calibrate=True, prior_count=prior_count, log_space=positive,
    )  # fmt: skip


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
    given without an interval (``NO_INTERVAL``).

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
    # The pro-rata interval: the annual spread on the rest of the year.
    rest = pro & ok_e & np.isfinite(a_sc) & (a_sc >= 0) & (a_df >= 1)
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


def prob_above(fc: Forecasts, threshold: npt.ArrayLike, *, strict: bool = True) -> FloatArray:
    """Probability that the forecast value exceeds *threshold*, vectorised.

    For a continuous predictive distribution ``P(Y > x) == P(Y >= x)``;
    *strict* matters only for a zero-spread forecast, a point mass. Unclear
    forecasts and forecasts without an interval give NaN.

    Args:
        fc: Forecasts.
        threshold: Thresholds broadcastable to ``fc.point``.
        strict: ``>`` (True) or ``>=`` for point masses.

    Returns:
        Probabilities.

    Example:
        >>> fc = drift([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.5, 3.0], [0, 4], [4.0], calibrate=False)
        >>> float(prob_above(fc, fc.point)[0])
        0.5
    """
    thr = np.broadcast_to(np.asarray(threshold, dtype=np.float64), fc.loc.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(fc.log_space, np.log(np.where(thr > 0, thr, np.nan)), thr)
        g = np.where(fc.log_space & (thr <= 0), -np.inf, g)
        z = (g - fc.loc) / fc.scale
    p = t_sf(np.where(np.isfinite(z), z, 0.0), np.maximum(np.nan_to_num(fc.df, nan=1.0), 1.0))
    p = np.where(z == np.inf, 0.0, np.where(z == -np.inf, 1.0, p))
    mass = fc.scale == 0
    with np.errstate(over="ignore"):
        at = np.where(fc.log_space, np.exp(fc.loc), fc.loc)
    p = np.where(mass, (at > thr) if strict else (at >= thr), p)
    return np.where(np.isfinite(fc.loc) & np.isfinite(fc.scale), p, np.nan)
