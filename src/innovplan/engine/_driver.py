"""The shared driver of the forecast kernels: final forecast, calibration, statuses.

See :mod:`innovplan.engine._forecast` for the calibration rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from innovplan.engine._forecast_codes import (
    _BAD_HORIZON,
    _BAD_LEVEL,
    _HORIZON_NOT_AFTER_LAST,
    _NO_INTERVAL,
    _OK,
    _SHORT_CALIBRATION,
    _TOO_FEW_POINTS,
    _UNCLEAR,
    _WARN,
    _ZERO_SPREAD,
    UNCLEAR_REASONS,
    BoolArray,
    FloatArray,
    Forecasts,
    IntArray,
    Method,
)
from innovplan.engine._stats import norm_ppf, t_ppf

if TYPE_CHECKING:
    from innovplan.engine._panel import _Panel, _Predict, _States

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
