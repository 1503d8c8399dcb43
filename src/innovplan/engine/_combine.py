"""Several years' forecasts of one series combined: sums, chained rates, every-year limits.

A five-year plan's target is often measured over several years: a total over
the plan (〔累计〕), a change chained from yearly rates, a limit that must hold
in every year. The forecast kernels give, per series, the predictive t of each
remaining year (``loc``, ``scale``, ``df``, on logs where ``log_space``); this
module turns the years of one series into one distribution, through arrays of
shape ``(series, years)`` with a mask of the years that count.

How the years' errors are combined. Forecasts of several years from one
origin do not err independently: the error of the year after next contains
the error of next year. innovplan takes the correlation of a random walk's
forecast errors: ``k`` steps ahead the error is the sum of ``k`` independent
shocks, so its variance is ``k sigma^2`` and the errors ``k_i`` and ``k_j``
steps ahead have covariance ``min(k_i, k_j) sigma^2`` and correlation
``rho_ij = sqrt(min(k_i, k_j) / max(k_i, k_j))`` (Hyndman and
Athanasopoulos, "Forecasting: principles and practice", 3rd ed. 2021,
section 5.5, the random walk's h-step variance ``h sigma^2``). Each year keeps
its own calibrated scale ``s_i``; only the correlation comes from the random
walk, which is also the model behind ``auto``'s spread.

- Sum of the remaining years (:func:`sum_years`). On values, the years are
  jointly Student t with one ``df`` and ``Var(sum) = sum_ij rho_ij s_i s_j``:
  the sum is t with location ``sum loc_i`` and that scale. On logs (positive
  series), to first order ``log R = log M + sum_i w_i e_i`` with ``M = sum
  m_i`` the sum of the medians ``m_i = exp(loc_i)``, ``e_i`` the log errors
  and ``w_i = m_i / M`` (the delta method), so ``log R`` is t with location
  ``log M`` and scale ``sqrt(sum_ij rho_ij w_i w_j s_i s_j)``.
- Chained rates (:func:`chain_years`): the change over several years from
  yearly rates ``r_i`` in percent is ``prod (1 + r_i / 100) - 1``; its
  logarithm ``L = sum log(1 + r_i / 100)`` is, to first order, t with
  location ``sum log(1 + m_i / 100)`` and scale ``sqrt(sum_ij rho_ij v_i v_j)``
  where ``v_i = sigma_i / (100 + m_i)`` and ``sigma_i`` is the rate's spread
  in percent (``m_i s_i`` for a rate forecast on logs).
- Every year within a limit (:func:`all_within`): each year's probability is
  its own t's, exactly as for a single deadline; the years are joined by a
  Gaussian copula with the correlations ``rho_ij``, integrated by Monte Carlo
  over a fixed set of draws (:data:`N_DRAWS`, the same for every call, so the
  result is reproducible and does not depend on the other series of the
  batch; its standard error is at most ``0.5 / sqrt(N_DRAWS)``, 0.0055).

Example:
    >>> import numpy as np
    >>> rw_correlation(np.array([[1.0, 4.0]]))[0].round(6).tolist()
    [[1.0, 0.5], [0.5, 1.0]]
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from innovplan.engine._driver import _finish
from innovplan.engine._forecast_codes import UNCLEAR_REASONS, Forecasts
from innovplan.engine._stats import _least_one, norm_ppf, t_cdf

if TYPE_CHECKING:
    from innovplan.engine._types import BoolArray, FloatArray

__all__ = ["N_DRAWS", "all_within", "chain_years", "rw_correlation", "sum_years"]

N_DRAWS = 8192
"""Monte Carlo draws of :func:`all_within`."""

# Series per block of all_within: bounds the (block, N_DRAWS, years) arrays.
_BLOCK = 64
_SEED = 20230129


def rw_correlation(steps: npt.ArrayLike) -> FloatArray:
    """Correlation of a random walk's forecast errors ``k_i`` and ``k_j`` steps ahead.

    ``sqrt(min(k_i, k_j) / max(k_i, k_j))``, per row of *steps* ``(S, K)``.

    Args:
        steps: Steps ahead of the forecast origin, positive.

    Returns:
        ``(S, K, K)`` correlation matrices.

    Example:
        >>> import numpy as np
        >>> float(rw_correlation(np.array([[1.0, 2.0]]))[0, 0, 1]) ** 2  # 1 / 2
        0.5000000000000001
    """
    k = np.asarray(steps, dtype=np.float64)
    lo = np.minimum(k[:, :, None], k[:, None, :])
    hi = np.maximum(k[:, :, None], k[:, None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = np.sqrt(np.where(hi > 0, lo / hi, 1.0))
    return out


def _quad(v: FloatArray, corr: FloatArray) -> FloatArray:
    # v' C v per row.
    out: FloatArray = np.einsum("si,sij,sj->s", v, corr, v)
    return out


def _joint(fc: Forecasts, use: BoolArray) -> tuple[BoolArray, npt.NDArray[np.int32], FloatArray]:
    # A combination is unclear where a year it needs is; its reasons are theirs.
    reason = np.bitwise_or.reduce(np.where(use, fc.reason, 0), axis=1).astype(np.int32)
    bad = ((reason & UNCLEAR_REASONS) != 0) | ~use.any(axis=1)
    df = np.min(np.where(use, fc.df, np.inf), axis=1)
    return bad, reason, df


def _out(  # noqa: PLR0917 - private, columns of one batch
    fc: Forecasts,
    loc: FloatArray,
    scale: FloatArray,
    df: FloatArray,
    level: float,
    reason: npt.NDArray[np.int32],
    bad: BoolArray,
    *,
    log_space: BoolArray,
) -> Forecasts:
    bad = bad | ~(np.isfinite(loc) & np.isfinite(scale))
    return _finish(
        fc.method[:, -1], loc[:, None], scale[:, None], df[:, None], level, reason[:, None],
        bad[:, None], fc.n_used[:, -1], np.ones((loc.size, 1)), log_space=log_space, one_d=True,
    )  # fmt: skip


def sum_years(fc: Forecasts, use: BoolArray, steps: FloatArray, level: float = 0.8) -> Forecasts:
    """The predictive distribution of the sum of the years in *use*, per series.

    Args:
        fc: Forecasts of shape ``(S, K)``: the years of each series.
        use: ``(S, K)``, the years that are summed.
        steps: ``(S, K)``, steps ahead of the origin (for the correlations).
        level: Central interval probability.

    Returns:
        Forecasts of shape ``(S,)``; on logs where every year of the row is.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._forecast import drift
        >>> fc = drift([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 4.0, 5.0], [0, 4],
        ...            np.array([[4.0, 5.0]]), calibrate=False)
        >>> s = sum_years(fc, np.array([[True, True]]), np.array([[1.0, 2.0]]))
        >>> # points 5 + 4/3 and 5 + 8/3; scales s1, s2 with rho = sqrt(1/2)
        >>> s1, s2 = fc.scale[0]
        >>> bool(np.isclose(s.scale[0] ** 2, s1**2 + s2**2 + 2 * np.sqrt(0.5) * s1 * s2))
        True
        >>> round(float(s.point[0]), 9)
        14.0
    """
    use = np.asarray(use, dtype=bool)
    bad, reason, df = _joint(fc, use)
    logs = np.all(fc.log_space | ~use, axis=1) & use.any(axis=1)
    corr = rw_correlation(steps)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        med = np.where(use, np.where(fc.log_space, np.exp(fc.loc), fc.loc), 0.0)
        # Spread of each year on values: s_i, or m_i s_i for a year on logs.
        sd = np.where(use, np.where(fc.log_space, med * fc.scale, fc.scale), 0.0)
        total = med.sum(axis=1)
        var = _quad(sd, corr)
        loc = np.where(logs, np.log(np.where(total > 0, total, np.nan)), total)
        scale = np.where(logs, np.sqrt(var) / total, np.sqrt(var))
    return _out(fc, loc, scale, df, level, reason, bad, log_space=logs)


def chain_years(fc: Forecasts, use: BoolArray, steps: FloatArray, level: float = 0.8) -> Forecasts:
    """The distribution of ``L = sum log(1 + r_i / 100)`` over the years in *use*.

    Args:
        fc: Forecasts of yearly rates in percent, shape ``(S, K)``.
        use: ``(S, K)``, the years chained.
        steps: ``(S, K)``, steps ahead of the origin.
        level: Central interval probability.

    Returns:
        Forecasts of shape ``(S,)`` of ``L`` (not on logs: ``L`` is a log
        already); ``exp(L)`` is the factor of change over those years.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._forecast import drift
        >>> fc = drift([0.0, 1.0, 2.0], [10.0, 10.0, 10.0], [0, 3], np.array([[3.0, 4.0]]),
        ...            calibrate=False)
        >>> c = chain_years(fc, np.array([[True, True]]), np.array([[1.0, 2.0]]))
        >>> round(float(np.exp(c.point[0])), 9)  # 1.1 * 1.1
        1.21
    """
    use = np.asarray(use, dtype=bool)
    bad, reason, df = _joint(fc, use)
    corr = rw_correlation(steps)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        med = np.where(fc.log_space, np.exp(fc.loc), fc.loc)
        sd = np.where(fc.log_space, med * fc.scale, fc.scale)
        base = 100.0 + med
        ok = use & (base > 0)
        loc = np.where(ok, np.log(np.where(ok, base, 1.0) / 100.0), 0.0).sum(axis=1)
        v = np.where(ok, sd / np.where(ok, base, 1.0), 0.0)
        scale = np.sqrt(_quad(v, corr))
    # A rate of -100 % or below cannot be chained: the factor would be 0 or less.
    bad |= (use & ~ok).any(axis=1)
    return _out(fc, loc, scale, df, level, reason, bad, log_space=np.zeros(loc.size, bool))


@functools.lru_cache(maxsize=8)
def _draws(k: int) -> FloatArray:
    # Standard normal draws, one column per year, the same columns for any k:
    # column j comes from its own seeded generator.
    cols = [np.random.default_rng([_SEED, j]).standard_normal(N_DRAWS) for j in range(k)]
    out = np.stack(cols, axis=1) if cols else np.zeros((N_DRAWS, 0))
    out.flags.writeable = False
    return out


def _cdf(fc: Forecasts, x: FloatArray) -> FloatArray:
    # F_t(x): each year's probability of a value at or below x.
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(fc.log_space, np.log(np.where(x > 0, x, np.nan)), x)
        g = np.where(fc.log_space & (x <= 0), -np.inf, g)
        z = (g - fc.loc) / fc.scale
    # df NaN or below 1 reads as 1 and inf as the normal (_least_one), as in
    # prob_above.
    u = t_cdf(np.where(np.isfinite(z), z, 0.0), _least_one(fc.df))
    out: FloatArray = np.where(z == np.inf, 1.0, np.where(z == -np.inf, 0.0, u))
    return out


def all_within(
    fc: Forecasts,
    use: BoolArray,
    steps: FloatArray,
    lo: npt.ArrayLike,
    hi: npt.ArrayLike,
) -> FloatArray:
    """Probability that every year in *use* falls in ``[lo, hi]`` (NaN where unclear).

    Each year's margin is its own predictive t; the years are joined by a
    Gaussian copula with the random walk's correlations (module docstring).
    Open and closed ends give the same answer for a continuous distribution.

    Args:
        fc: Forecasts of shape ``(S, K)``.
        use: ``(S, K)``, the years that must meet the limit.
        steps: ``(S, K)``, steps ahead of the origin.
        lo: ``(S,)`` lowest value meeting the limit (``-inf`` for none).
        hi: ``(S,)`` highest value meeting it (``inf`` for none).

    Returns:
        ``(S,)`` probabilities.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._forecast import drift
        >>> fc = drift([0.0, 1.0, 2.0], [1.0, 2.0, 2.5], [0, 3], np.array([[3.0]]),
        ...            calibrate=False)
        >>> p = all_within(fc, np.array([[True]]), np.array([[1.0]]), [fc.point[0, 0]], [np.inf])
        >>> float(p[0])  # one year: its own probability of exceeding its median
        0.5
    """
    use = np.asarray(use, dtype=bool)
    s_count, k = use.shape
    lo_a = np.broadcast_to(np.asarray(lo, dtype=np.float64), (s_count,))[:, None]
    hi_a = np.broadcast_to(np.asarray(hi, dtype=np.float64), (s_count,))[:, None]
    shape = use.shape
    ua = np.where(use, _cdf(fc, np.broadcast_to(lo_a, shape)), 0.0)
    ub = np.where(use, _cdf(fc, np.broadcast_to(hi_a, shape)), 1.0)
    bad, _, _ = _joint(fc, use)
    bad |= ~(np.isfinite(fc.loc) & np.isfinite(fc.scale) | ~use).all(axis=1)
    out = np.full(s_count, np.nan)
    one = use.sum(axis=1) == 1
    # A single year needs no integration: its own probability, exactly.
    single = ~bad & one
    if single.any():
        p = np.where(use, ub - ua, 0.0).sum(axis=1)
        out[single] = np.clip(p, 0.0, 1.0)[single]
    many = np.flatnonzero(~bad & ~one)
    if many.size:
        # Each year's ends as normal scores: Phi^-1(F_t(x)).
        a, b = norm_ppf(ua), norm_ppf(ub)
        z = _draws(k)
        corr = rw_correlation(np.where(use, steps, 1.0))
        # Identity on the years that do not count, so they do not constrain.
        eye = np.eye(k)[None]
        corr = np.where(use[:, :, None] & use[:, None, :], corr, eye)
        for lo_i in range(0, many.size, _BLOCK):
            rows = many[lo_i : lo_i + _BLOCK]
            chol = np.linalg.cholesky(corr[rows] + 1e-12 * eye)
            x = np.matmul(z, chol.transpose(0, 2, 1))  # (rows, N, K)
            inside = (x >= a[rows][:, None, :]) & (x <= b[rows][:, None, :])
            out[rows] = inside.all(axis=2).mean(axis=1)
    return out
