"""States and predictive distributions of the textbook forecast models, at every origin.

Random walk with drift, the Destatis average change, least squares on time,
Theta (standard and optimised) and damped-trend exponential smoothing. Each
``*_states(panel)`` computes the model at every origin column from the data up
to that column, for all series at once; ``*_predict(states, h)`` gives the
textbook predictive Student t ``h`` years ahead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from innovplan.engine._panel import _cums, _first, _Panel, _Pred, _seq_sum, _States

if TYPE_CHECKING:
    from innovplan.engine._forecast_codes import FloatArray


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
