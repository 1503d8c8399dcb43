"""``auto``'s members and spread: the median of three trend extrapolations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from innovplan.engine._panel import _Panel, _Pred, _States

if TYPE_CHECKING:
    from innovplan.engine._forecast_codes import FloatArray


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
