"""The shared driver of the forecast kernels: final forecast, calibration, statuses.

See :mod:`innovplan.engine._forecast` for the calibration rule.
"""

from __future__ import annotations

import functools
import itertools
import operator
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine._forecast_codes import (
    _BAD_HORIZON,
    _BAD_LEVEL,
    _HORIZON_NOT_AFTER_LAST,
    _NO_INTERVAL,
    _SHORT_CALIBRATION,
    _TOO_FEW_POINTS,
    _UNCLEAR,
    _ZERO_SPREAD,
    UNCLEAR_REASONS,
    Forecasts,
)
from innovplan.engine._panel import _Pred, _spacings
from innovplan.engine._stats import norm_ppf, t_ppf
from innovplan.errors import EvaluationError
from innovplan.model import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from innovplan.engine._codes import Method
    from innovplan.engine._panel import _Panel, _Predict, _States
    from innovplan.engine._types import BoolArray, FloatArray, IntArray

# Weight of a past error k steps ahead when calibrating a forecast h steps
# ahead: (k / h)^_CAL_GAMMA for k <= h; errors further ahead are not used.
_CAL_GAMMA = 2.0

# Rolling origins used for calibration: the last _CAL_ORIGINS columns before
# each series' latest point (6 chosen on the simulated families and the
# held-out ends of the M1 and Tourism training parts; 7 since, on simulations
# with other seeds than the tests' and half A of the design set: more past
# errors four and five steps ahead, see docs/methods-record.md, "Seven rolling
# origins").
_CAL_ORIGINS = 7


# Widest calibration, relative to the factor at which the largest weighted
# past error would have fallen on the interval's edge (chosen on design data,
# see docs/methods.md, "Interval calibration rule").
_CAL_CAP_SLACK = 1.25


def _horizon_times(h_t: npt.ArrayLike) -> FloatArray:
    # The horizon times as floats, or an EvaluationError naming them.
    try:
        return np.asarray(h_t, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond float
        msg = f"h_t must be horizon times (fractional years), got {shown(h_t)}"
        raise EvaluationError(msg) from None


def _as_h(h_t: npt.ArrayLike, n_series: int) -> tuple[FloatArray, bool]:
    h = _horizon_times(h_t)
    one_d = h.ndim <= 1
    if not one_d:
        h2 = h
    elif n_series == 0:
        if h.size:
            msg = f"h_t has {h.size} values for 0 series: give an empty h_t for no series"
            raise EvaluationError(msg)
        h2 = h.reshape(0, 1)  # no series: one (empty) horizon column, not reshape(0, -1)
    elif h.size % n_series:
        msg = (
            f"h_t has {h.size} values for {n_series} series: give one row of horizons a series, "
            f"shape ({n_series}, H), or {n_series} x H values"
        )
        raise EvaluationError(msg)
    else:
        h2 = h.reshape(n_series, -1)
    if h2.ndim != 2 or h2.shape[0] != n_series or (n_series and h2.shape[1] == 0):
        msg = (
            f"h_t has shape {h.shape} for {n_series} series: give one row of at least one "
            f"horizon a series, shape ({n_series}, H) with H >= 1"
        )
        raise EvaluationError(msg)
    return h2, one_d


def _normal_score(z: FloatArray, df: FloatArray) -> FloatArray:
    # Student-t deviate to an approximately standard normal one, Wallace
    # (1959), "Bounds on normal approximations to Student's and the
    # chi-square distributions", Ann. Math. Statist. 30, 1121-1130:
    # u = (8 df + 1) / (8 df + 3) * sqrt(df log(1 + z^2 / df)); absolute error
    # below 0.09 for df >= 1 and below 0.025 for |z| < 3 (checked against
    # the exact probability integral transform in tests/engine/test_stats.py).
    return _score_of(z, _ScoreParts.of(df))


class _ScoreParts(NamedTuple):
    # What _normal_score's formula takes from df alone: nu = max(df, 1), the
    # factor (8 nu + 1) / (8 nu + 3), and where nu is infinite (None: nowhere).
    nu: FloatArray
    factor: FloatArray
    inf: BoolArray | None

    @classmethod
    def of(cls, df: FloatArray) -> _ScoreParts:
        nu = np.maximum(df, 1.0)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            nu8 = 8.0 * nu
            factor = (nu8 + 1.0) / (nu8 + 3.0)
        inf = np.isinf(nu)
        return cls(nu, factor, inf if inf.any() else None)

    def rows(self, cols: slice) -> _ScoreParts:
        # The parts of the origins *cols* (rows of time-major parts).
        return _ScoreParts(
            self.nu[cols], self.factor[cols], None if self.inf is None else self.inf[cols]
        )


def _score_of(z: FloatArray, parts: _ScoreParts, loose_below: float | None = None) -> FloatArray:
    # _normal_score from its df parts: the same operations on the same floats.
    # In place on one fresh array (a product in either order is the same
    # float): factor * sqrt(nu * log1p(z * z / nu)).
    # With *loose_below* (a bound B > 0), a score below B is not needed as
    # such, only as some value below B: the errors whose z * z is below
    # (B (1 - 1e-9))^2 skip the log1p (three in five of auto's past errors,
    # log1p the costliest step) and score factor * sqrt(nu * (z * z / nu)),
    # also below B. Why both are below B: log1p(x) <= x for x >= 0 and
    # factor < 1, so the exact score is at most |z|, and each of the
    # rounded steps (square, quotient, log1p, product, square root, product)
    # adds a relative error of at most 2^-52: both values are at most
    # |z| (1 + 2^-52)^6 < B when z * z < (B (1 - 1e-9))^2. An infinite nu
    # scores |z|, also below B. Every other score (z * z at or above the
    # limit, NaN) is the exact one, bit for bit.
    nu = parts.nu
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        mag: FloatArray = np.multiply(z, z)
        need = None if loose_below is None else mag >= (loose_below * (1.0 - 1e-9)) ** 2
        mag /= nu
        if need is None:
            np.log1p(mag, out=mag)
        else:
            # The errors that need it, gathered (a masked log1p steps
            # through the mask run by run, dearer than the gather). NaN
            # compares False: left as it is, log1p(NaN) being NaN too.
            flat = mag.reshape(-1)
            at = np.flatnonzero(need)
            flat[at] = np.log1p(flat.take(at))
        mag *= nu
        np.sqrt(mag, out=mag)
        mag *= parts.factor
    if parts.inf is None:  # point counts: no infinite df (nothing to replace)
        return mag
    out: FloatArray = np.where(parts.inf, np.abs(z), mag)
    return out


class _Pairs(NamedTuple):
    o_col: IntArray  # (P,) origin column of each (k, origin) pair, k-major
    k_rows: IntArray  # (n_k,) the k (minus one) present
    starts: IntArray  # (n_k,) first pair of each k (pairs are k-major)


@functools.lru_cache(maxsize=64)
def _pairs(k_max: int, big_l: int, n_o: int, o_lo: int) -> _Pairs:
    # The (k, origin) pairs of _rolling_sums. They depend on the batch's
    # shape only, so a batch of the same width reuses them (read-only, as
    # they are shared between calls).
    kk, oo = np.nonzero(np.arange(1, k_max + 1)[:, None] + np.arange(o_lo, o_lo + n_o) < big_l)
    k_rows, starts = np.unique(kk, return_index=True)
    out = _Pairs(oo + o_lo, k_rows, starts)
    for arr in out:
        arr.flags.writeable = False
    return out


def _rolling_sums(  # noqa: PLR0917 - private, called once by _calibration
    p: _Panel,
    s: _States,
    predict: _Predict,
    min_pts: int,
    k_max: int,
    z_star: float | FloatArray,
    hy_t: FloatArray,
    origin_df: int | None = None,
    *,
    loose: bool = False,
) -> tuple[FloatArray, FloatArray, _Pred]:
    """Per series and horizon k (steps): past errors inside the interval, all, the largest.

    The last ``_CAL_ORIGINS`` columns before the latest point are the origins
    (those with at least *min_pts* points count); each one's forecast of the
    point k observations later is compared with that point, after
    standardising by the method's own textbook scale at that origin. Only
    the states at those columns are used, so the work is (series x origins x
    horizons) with origins and horizons a handful each. The sums are
    ``(2, k_max, n_series)``: the errors inside, then all errors; the
    largest normal score of the valid errors is ``(k_max, n_series)``.

    The origins of one k are consecutive columns, each with its own target
    column k later: one block of rows per k, every state read as a view of
    whole rows (no copy of every state per pair), and its errors counted
    before the next block is predicted (the blocks' forecasts are never
    held together). The forecasts themselves come from the latest column at
    horizons *hy_t* ``(H, S)``. Every row is computed as in a call of its own,
    the formulas being elementwise. *origin_df*, when given, is the index of
    the state that *predict* returns as its df at every horizon. With
    *loose* (for _calibration, which reads the largest scores only through
    its cap), a largest score below 0.75 z* may come out as another value
    below it (see _loose_score); the counts are the same.
    """
    big_l, s_count = p.Y.shape[1], p.n.size
    k_max = int(min(max(k_max, 1), max(big_l - 1, 1)))
    n_o = max(min(_CAL_ORIGINS, big_l - 1), 1)
    o_lo = max(big_l - 1 - n_o, 0)
    sums: FloatArray = np.zeros((2, k_max, s_count))  # (inside / all, K, S)
    largest: FloatArray = np.zeros((k_max, s_count))
    # Only the (k, origin) pairs whose target column exists, k-major. Layout
    # (origin, S): series run along the last axis, so the per-origin states
    # and the errors are whole rows of all series at once.
    pairs = _pairs(k_max, big_l, n_o, o_lo)
    states = tuple(np.asarray(x).T for x in s)  # (L, S), time-major
    tt, yt, mt = p.T.T, p.Y.T, p.M.T
    # The origins with enough points, the same for every k: once for all.
    njt = p.nj.T
    enough = njt >= min_pts
    # A df that is a state (*origin_df*) depends on the origin alone: its
    # part of the validity and of the normal score, once for all origins.
    of_origin = None
    if origin_df is not None:
        df_all = states[origin_df]
        enough &= df_all >= 1
        of_origin = _ScoreParts.of(df_all)
    loose_below = _loose_score(z_star) if loose else None
    bounds = [*pairs.starts.tolist(), pairs.o_col.size]
    for kk, (a, b) in zip(pairs.k_rows.tolist(), itertools.pairwise(bounds), strict=True):
        lo, hi = int(pairs.o_col[a]), int(pairs.o_col[b - 1]) + 1
        cols, ahead = slice(lo, hi), slice(lo + kk + 1, hi + kk + 1)
        steps = tt[ahead] - tt[cols]
        if of_origin is not None:
            # An origin before a series' first point (padding, NaN) is never
            # counted (fewer than min_pts points there), and auto's forecast
            # from it is NaN at any horizon (its states are NaN): it takes the
            # block's horizon, so that a block of one horizon stays one.
            pad = ~mt[cols]
            if pad.any():
                np.copyto(steps, np.fmax.reduce(steps, axis=None), where=pad)
        # Each state's rows of these origins (map with itemgetter: the same
        # views as a generator, with less per-state overhead).
        loc, scale, df = predict(tuple(map(operator.itemgetter(cols), states)), steps)
        with np.errstate(invalid="ignore", divide="ignore"):
            z = np.subtract(yt[ahead], loc)
            np.divide(z, scale, out=z)
        valid = mt[ahead] & enough[cols]
        valid &= np.isfinite(z)
        if of_origin is None:
            valid &= df >= 1
        # Scores of invalid errors are computed but never counted (masked by
        # valid), so they need no placeholder values. With *loose* and one
        # level for all, a score below _loose_score(z_star) is inside the
        # interval and changes no factor (see _loose_score): it need not be
        # exact.
        if of_origin is None:
            u = _normal_score(z, df)
        else:
            u = _score_of(z, of_origin.rows(cols), loose_below)
        # u is a new array of this block's: its invalid scores become 0 in
        # place, the values of np.where(valid, u, 0.0) (the count below
        # masks them anyway).
        _fill_unless(u, valid, 0.0)
        largest[kk] = u.max(axis=0)
        # Counts are whole numbers: exact in any order.
        _count_rows(valid & (u <= z_star), out=sums[0, kk])
        _count_rows(valid, out=sums[1, kk])
    final = predict(tuple(map(operator.itemgetter(slice(big_l - 1, None)), states)), hy_t)
    return sums, largest, _Pred(*final)


def _loose_score(z_star: float | FloatArray) -> float | None:
    # A bound B below which a past error's normal score u need not be exact
    # (see _score_of), for one quantile z* for all; None for several. A
    # score u < B = 0.75 z* is inside the interval (u <= z*), as any value
    # in [0, B) is; and the largest scores reach the factor only through
    # max(_CAL_CAP_SLACK * max(u) / z*, 1) in _calibration (max(u) over
    # errors with a weight, at least 0): where that largest score is B or
    # more it is an exact score (every score below B is below it), and
    # where it is below B, any value in [0, B) in its place gives
    # 1.25 * (u / z*) <= 1.25 * 0.75 (rounding is monotone) < 1, so the
    # cap is 1 either way. The counts and the factors are the same.
    if isinstance(z_star, float) and z_star > 0.0:
        return _LOOSE_SHARE * z_star
    return None


# Share of z* below which a past error's score need not be exact: any share
# with _CAL_CAP_SLACK * share < 1 and share <= 1 would do (see _loose_score).
_LOOSE_SHARE = 0.75


def _fill_unless(x: FloatArray, keep: BoolArray, value: float) -> None:
    # np.where(keep, x, value) written into x itself (a new array of the
    # caller's): nothing is written where every value is kept, the usual
    # case, and a boolean assignment elsewhere is cheaper than np.where's
    # choice element by element.
    drop = ~keep
    if drop.any():
        x[drop] = value


def _count_rows(mask: BoolArray, *, out: FloatArray) -> None:
    # The True values of each column of an (R, S) mask, written into *out*:
    # summed as int8 where R is below 128 (whole numbers, exact), which is
    # faster than count_nonzero along the first axis.
    if mask.shape[0] < _INT8_ROWS:
        out[...] = np.add.reduce(mask.view(np.int8), axis=0, dtype=np.int8)
    else:
        out[...] = np.count_nonzero(mask, axis=0)


# Rows whose True values an int8 sum counts without overflowing.
_INT8_ROWS = 128


@functools.lru_cache(maxsize=256)
def _z_star(level: float) -> float:
    # Normal quantile of a central interval probability; levels are few, so
    # each is solved once (the same float as from an array of that level).
    return float(norm_ppf(np.array([0.5 + 0.5 * level]))[0])


def _calibration(  # noqa: PLR0917 - private, called once by the driver
    p: _Panel,
    states: _States,
    predict: _Predict,
    min_pts: int,
    hy_t: FloatArray,
    prior_count: float,
    lev: float | FloatArray,
    origin_df: int | None = None,
) -> tuple[FloatArray, FloatArray, _Pred]:
    """Scale factor per forecast, the number of past errors behind it, the forecasts.

    Everything is in layout ``(H, S)``, series along the last axis (a
    per-series array then broadcasts over long rows): the horizons *hy_t*
    after each series' latest point, *lev* (one level for every series, a
    float, or ``(H, S)`` with one level per series), the factors and counts
    returned. The forecasts, from the latest column at horizons *hy_t*,
    come from the same call of *predict* as the past errors (see
    _rolling_sums).
    """
    z_star: float | FloatArray
    if isinstance(lev, float):
        # One level for every series (the usual case): one quantile.
        lev_all = lev if 0.0 < lev < 1.0 else 0.8
        z_star = _z_star(lev_all)
        lev0: float | FloatArray = lev_all
    else:
        lev0 = np.where((lev[0] > 0) & (lev[0] < 1), lev[0], 0.8)
        if lev0.size and np.all(lev0 == lev0[0]):
            z_star = _z_star(float(lev0[0]))
        else:
            z_star = norm_ppf(0.5 + 0.5 * lev0)
    # Requested horizons in steps; horizons not after the last point count
    # as one step (their forecasts are unclear anyway).
    hs = hy_t / p.step
    _fill_unless(hs, hy_t > 0, 1.0)
    k_need = np.ceil(hs - 1e-9).astype(np.int64)
    k_max = int(k_need.max(initial=1))
    sums, largest, pred = _rolling_sums(
        p, states, predict, min_pts, k_max, z_star, hy_t, origin_df, loose=True
    )
    kk = np.arange(1, sums.shape[1] + 1, dtype=np.float64)[:, None, None]
    # The weights are capped at the series' own longest possible past error,
    # n - 1 steps (its first point to its last), never at the width of the
    # padded batch: a series alone and inside any batch gets the same
    # weights, so the same factor.
    own = np.maximum(p.n - 1, 1)
    top_k = np.maximum(np.minimum(k_need, own), 1)
    top = top_k.astype(np.float64)
    w = _cal_weights(kk, top, top_k)  # (K, H, S)
    # Sums over k in index order (as _seq_sum), one row after the other:
    # the same additions as a cumulative sum along k, without its strided
    # pass over the whole (2, K, H, S) array, and each row's products made
    # as they are added (no (2, K, H, S) array of them).
    ssum, m = _weighted_sums(w, sums)
    # Shrink the observed coverage towards the nominal level with
    # prior_count pseudo-errors, then find the factor k for which a normal
    # error of scale k covers that share: cov = 2 Phi(z* / k) - 1.
    cov = (ssum + prior_count * lev0) / (m + prior_count)
    np.minimum(np.maximum(cov, 0.05, out=cov), 0.995, out=cov)  # np.clip, without its overhead
    k: FloatArray = z_star / norm_ppf(0.5 + 0.5 * cov)
    # The count says how often past errors fell outside, not how far. Past
    # the factor at which every weighted past error would have been inside,
    # a wider interval rests on the prior alone (with every past error
    # outside, up to 20 times the textbook scale): widen at most
    # _CAL_CAP_SLACK times that factor.
    reach = _largest_weighted(largest, top_k) / z_star  # (H, S)
    np.minimum(k, np.maximum(_CAL_CAP_SLACK * reach, 1.0), out=k)
    return k, m, pred


def _weighted_sums(w: FloatArray, sums: FloatArray) -> FloatArray:
    # sum over k of w[k] (H, S) times sums[:, k] (2, S), in index order, as
    # a (2, H, S) array. Each row of sums broadcasts over the H rows of a
    # weight: numpy's iterator then copies the operands into buffers, unless
    # the buffer is no longer than a row (rounded up to numpy's multiple of
    # 16), when it runs row by row on the arrays themselves. Products and
    # sums of two elements are the same floats at any buffer size (but for
    # the sign bit of a NaN met by a NaN of the other sign); nothing here is
    # a reduction (whose pairwise sums would depend on it).
    row = -(-w.shape[-1] // 16) * 16
    old = np.setbufsize(row) if 0 < row < np.getbufsize() else None
    try:
        acc: FloatArray = w[0] * sums[:, 0, None, :]
        for k in range(1, w.shape[0]):
            acc += w[k] * sums[:, k, None, :]
    finally:
        if old is not None:
            np.setbufsize(old)
    return acc


# Largest cap (in steps) whose weights _cal_weights reads from a table.
_TOP_TABLE = 64


def _cal_weights(kk: FloatArray, top: FloatArray, top_k: IntArray) -> FloatArray:
    # The weights (k / top)^_CAL_GAMMA for k <= top, else 0, (K, S, H). The
    # caps are whole numbers, mostly a few steps: each (k, cap) weight is
    # worked out once, by the same formula, and read back by cap.
    if top_k.size and top_k.min() >= 1 and top_k.max() < _TOP_TABLE:
        caps = np.arange(int(top_k.max()) + 1, dtype=np.float64)
        caps[0] = 1.0  # no cap is 0 (at least 1): a placeholder column
        table = np.where(kk[:, :, 0] <= caps, (kk[:, :, 0] / caps) ** _CAL_GAMMA, 0.0)
        by_cap: FloatArray = table.take(top_k, axis=1)
        return by_cap
    out: FloatArray = np.where(kk <= top, (kk / top) ** _CAL_GAMMA, 0.0)
    return out


def _largest_weighted(largest: FloatArray, top_k: IntArray) -> FloatArray:
    # The largest normal score of the past errors with a weight (k <= top),
    # at least 0, in the layout of the caps *top_k* (H, S), series along the
    # last axis: the running maximum over k (scores are >= 0, so the zeros
    # of the errors without a weight change nothing), read at each cap.
    # The running maximum row after row: np.maximum.accumulate along the
    # first axis steps through each column's few values one column at a
    # time, ten times slower for K a handful; a maximum is exact either way.
    k_max = largest.shape[0]
    run = largest.copy()
    for row in range(1, k_max):
        np.maximum(run[row - 1], run[row], out=run[row])
    at = np.minimum(top_k, k_max) - 1
    at *= largest.shape[1]
    at += np.arange(largest.shape[1])
    out: FloatArray = run.reshape(-1).take(at)
    return out


# A spacing longer than this many times the series' median spacing is a gap
# (yearly data: a missing year or more).
_GAP_RATIO = 1.5


def _has_gap(p: _Panel) -> BoolArray:
    """Series with a gap: a spacing longer than 1.5 times their median spacing.

    Past errors at the rolling origins span unequal steps across a gap, and
    the points on either side of it say nothing about the years between: the
    model's own spread (calibration factor 1) is then the least the data
    support, and the driver lets no past run of small errors narrow the
    interval below it (``auto``'s rule, applied through ``_forecast``'s
    *adjust*).
    """
    limit = _GAP_RATIO * p.step
    # One median spacing for every series (yearly data): one limit, compared
    # as a scalar. A limit per series broadcast over the spacings makes numpy
    # copy it into a buffer for every row; the same comparisons either way.
    one = limit.size and limit.min() == limit.max()
    with np.errstate(invalid="ignore"):
        dt = _spacings(p.T)
        out: BoolArray = np.any(dt > (limit[0] if one else limit[:, None]), axis=1)
    return out


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
    adjust: Callable[[FloatArray, FloatArray], FloatArray] | None = None,
    origin_df: int | None = None,
) -> Forecasts:
    s_count = p.n.size
    h2, one_d = _as_h(h_t, s_count)
    # The work runs in layout (H, S), series along the last axis: the
    # per-series states and arrays broadcast over long rows (over rows of H
    # values, each operation would step through S short ones), and the
    # forecasts are predicted in it. The results are (S, H) views of it.
    # Every step is elementwise: the same floats in either layout. Horizons
    # given as an (S, H) view of an (H, S) array (as _pairs_run gives them)
    # get their results so too; others get C-ordered copies.
    views = not h2.flags.c_contiguous and h2.T.flags.c_contiguous
    shape_hs = h2.shape[::-1]
    h2_t = np.ascontiguousarray(h2.T)
    hy_t = np.subtract(h2_t, p.T[:, -1])
    # Reason bits: the series' own, then each further bit set in place where
    # it applies (the masks are rarely all False, and an in-place masked OR
    # is one pass where np.where(mask, reason | bit, reason) is two).
    few = (p.n < min_pts) & (p.n > 0)
    reason = np.empty(shape_hs, dtype=np.int32)
    reason[...] = p.reason | np.where(few, _TOO_FEW_POINTS, 0)
    finite_h = np.isfinite(h2_t)
    not_after = hy_t <= 0
    if not finite_h.all():
        np.bitwise_or(reason, _BAD_HORIZON, out=reason, where=~finite_h)
        not_after &= finite_h
    np.bitwise_or(reason, _HORIZON_NOT_AFTER_LAST, out=reason, where=not_after)
    lev_arr = _level_array(level)
    lev: float | FloatArray
    if lev_arr.ndim:
        lev = _level_rows(lev_arr, shape_hs)
        np.bitwise_or(reason, _BAD_LEVEL, out=reason, where=~((lev > 0) & (lev < 1)))
    else:
        # One level for all (the usual case): checked once, passed on as a float.
        lev = float(lev_arr)
        if not 0.0 < lev < 1.0:
            reason |= _BAD_LEVEL
    if calibrate:
        calib, m, pred = _calibration(
            p, states, predict, min_pts, hy_t, prior_count, lev, origin_df
        )
        np.bitwise_or(reason, _SHORT_CALIBRATION, out=reason, where=m < 3)
    else:
        calib = np.ones(shape_hs)
        pred = predict(tuple(np.asarray(x)[:, -1] for x in states), hy_t)
    # Neither loc nor df is written to below (each result is a new array):
    # they are read as predicted, where they have the whole shape.
    loc = _whole(pred.loc, shape_hs)
    # df stays as predicted (auto's is one row of the series' own df): it
    # broadcasts in every use below, and _finish reads its quantiles from
    # it (one per series, not one per forecast).
    df = np.asarray(pred.df, dtype=np.float64)
    if calibrate:
        if adjust is not None:
            # adjust takes and gives (S, H): views of the (H, S) arrays.
            calib = adjust(calib.T, (hy_t / p.step).T).T
        scale = np.multiply(pred.scale, calib)
    else:
        scale = _whole(pred.scale, shape_hs)
    unclear = (reason & UNCLEAR_REASONS) != 0
    bad = unclear | ~(np.isfinite(loc) & np.isfinite(scale) & (df > 0))
    # Unclear without an unclear reason yet (unclear is a subset of bad).
    np.bitwise_or(reason, _TOO_FEW_POINTS, out=reason, where=bad != unclear)
    np.bitwise_or(reason, _ZERO_SPREAD, out=reason, where=~bad & (scale == 0))
    return _finish(
        name, loc, scale, df, lev, reason, bad, p.n, calib, log_space=log_space, one_d=one_d,
        series_last=True, views=views,
    )  # fmt: skip


def _level_array(level: npt.ArrayLike) -> FloatArray:
    # The central interval probability as floats, or an EvaluationError.
    try:
        return np.asarray(level, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond float
        msg = (
            f"level must be a probability between 0 and 1 (one, or one per series), "
            f"got {shown(level)}"
        )
        raise EvaluationError(msg) from None


def _level_rows(lev_arr: FloatArray, shape_hs: tuple[int, ...]) -> FloatArray:
    # Levels given per series as rows of the (H, S) work, or an
    # EvaluationError naming how many there are and how many would fit.
    try:
        return np.broadcast_to(lev_arr.reshape(1, -1), shape_hs)
    except ValueError:
        msg = (
            f"level has {lev_arr.size} values for {shape_hs[1]} series: give one level, "
            f"or one per series ({shape_hs[1]} values)"
        )
        raise EvaluationError(msg) from None


def _whole(x: npt.ArrayLike, shape: tuple[int, ...]) -> FloatArray:
    # A predicted array as float64 of the whole *shape*: itself when it is
    # one, else broadcast into a new array.
    if isinstance(x, np.ndarray) and x.shape == shape and x.dtype == np.float64:
        return x
    out: FloatArray = np.empty(shape)
    out[...] = x
    return out


# Student-t quantiles already solved, keyed by (probability, df). They are
# constants (a t table filled on demand): df are point counts and levels are
# few, so a batch rarely needs a new one, and each costs a Hill (1970) start
# plus polishing. Bounded so odd inputs cannot grow it without limit.
_T_TABLE: dict[tuple[float, float], float] = {}
_T_TABLE_MAX = 4096

# Largest whole df whose distinct values _t_quantile finds by counting
# (np.bincount) rather than by sorting (np.unique).
_T_WHOLE_MAX = 4096


def _t_lookup(keys: list[tuple[float, float]]) -> FloatArray:
    # The quantiles of the distinct (probability, df) keys, in their order;
    # the missing ones are solved together, in that order.
    # The table is shared by every thread and read once per key: another
    # thread may clear it at any moment (when it would pass _T_TABLE_MAX), so
    # a key found or solved here is answered from that value, never read back
    # from the table afterwards.
    found = [_T_TABLE.get(k) for k in keys]
    missing = [k for k, q in zip(keys, found, strict=True) if q is None]
    if not missing:
        return np.array(found)
    arr = np.array(missing)
    solved = dict(zip(missing, t_ppf(arr[:, 0], arr[:, 1]).tolist(), strict=True))
    if len(_T_TABLE) + len(solved) > _T_TABLE_MAX:
        _T_TABLE.clear()
    _T_TABLE.update(solved)
    return np.array([solved[k] if q is None else q for k, q in zip(keys, found, strict=True)])


def _t_quantile(prob: float | FloatArray, df: FloatArray) -> FloatArray:
    """Student-t quantiles for probabilities *prob* (one, or one per df) and df >= 1.

    Quantiles depend on (prob, df) only, and df takes few distinct values:
    each distinct pair is looked up once and the missing ones are solved
    together.
    """
    p_arr = np.asarray(prob, dtype=np.float64)
    if p_arr.ndim and not (p_arr.size and np.all(p_arr == p_arr.flat[0])):
        pairs = np.stack([p_arr.ravel(), df.ravel()], axis=1)
        upairs, inv = np.unique(pairs, axis=0, return_inverse=True)
        q = _t_lookup([(float(a), float(b)) for a, b in upairs])
        out: FloatArray = q[inv.ravel()].reshape(df.shape)
        return out
    p0 = float(p_arr.flat[0])
    d_lo, d_hi = (df.min(), df.max()) if df.size else (0.0, 0.0)
    whole = df.astype(np.intp) if d_lo >= 0 and d_hi <= _T_WHOLE_MAX else None
    if whole is not None and np.array_equal(whole, df):
        # Whole df (point counts, the usual case): the distinct values in
        # increasing order by counting, the same keys in the same order as
        # np.unique gives, without its sort.
        uniq = np.flatnonzero(np.bincount(whole.ravel()))
        table = np.empty(int(uniq[-1]) + 1 if uniq.size else 0)
        table[uniq] = _t_lookup([(p0, float(d)) for d in uniq.tolist()])
        out = table.take(whole)
    else:
        uniq_df, inv = np.unique(df, return_inverse=True)
        q = _t_lookup([(p0, float(d)) for d in uniq_df])
        out = q[inv.ravel()].reshape(df.shape)
    return out


def _fill(x: npt.ArrayLike, shape: tuple[int, ...], dtype: npt.DTypeLike) -> npt.NDArray[Any]:
    # x broadcast to shape as a new array of its own, in one copy.
    out = np.empty(shape, dtype=dtype)
    out[...] = x
    return out


def _blanked(x: FloatArray, bad: BoolArray, shape: tuple[int, ...], *, any_bad: bool) -> FloatArray:
    # np.where(bad, np.nan, x) as float64 of *shape*: a copy of x (broadcast
    # to *shape*), NaN written where bad.
    out: FloatArray = np.empty(shape)
    out[...] = x
    if any_bad:
        out[bad] = np.nan
    return out


def _finish(  # noqa: PLR0917 - private, positional arrays of one shape
    name: Method | npt.NDArray[np.int8],
    loc: FloatArray,
    scale: FloatArray,
    df: FloatArray,
    lev: float | FloatArray,
    reason: npt.NDArray[np.int32],
    bad: BoolArray,
    n: IntArray,
    calib: FloatArray,
    *,
    log_space: bool | BoolArray,
    one_d: bool,
    series_last: bool = False,
    views: bool = False,
) -> Forecasts:
    # The arrays are (S, H), or (H, S) with *series_last* (the results are
    # then (S, H): views of them with *views*, else C-ordered copies);
    # per-series ones, *n* and an array *log_space* or *name*, broadcast
    # along the series' axis.
    shape = loc.shape
    along = (1, -1) if series_last else (-1, 1)
    # np.where(bad, np.nan, x) as a copy with NaN written where bad (most
    # often nowhere): the same values.
    any_bad = bool(bad.any())
    loc = _blanked(loc, bad, shape, any_bad=any_bad)
    scale = _blanked(scale, bad, shape, any_bad=any_bad)
    # *df* may be any shape that broadcasts to *shape* (a row per series):
    # the quantiles of the forecasts that all have an interval are read
    # from it as given, so once per distinct value rather than per forecast.
    df_given = df
    df = _blanked(df, bad, shape, any_bad=any_bad)
    reason = np.array(reason, dtype=np.int32)  # a copy of its own: bits are added in place
    if isinstance(lev, float):
        ok = ~bad if 0.0 < lev < 1.0 else np.zeros(shape, dtype=bool)
        prob: float | FloatArray = 0.5 + 0.5 * lev
    else:
        ok = ~bad & (lev > 0) & (lev < 1)
        prob = 0.5 + 0.5 * lev
    if ok.all():
        # Every forecast has an interval (the usual case): no gather and
        # scatter, the same quantiles.
        row = isinstance(prob, float) and 0 < df_given.size < df.size
        q = _t_quantile(prob, np.maximum(df_given if row else df, 1.0))
    else:
        q = np.full(shape, np.nan)
        if ok.any():
            prob_ok = prob if isinstance(prob, float) else prob[ok]
            q[ok] = _t_quantile(prob_ok, np.maximum(df[ok], 1.0))
    with np.errstate(invalid="ignore"):
        qs = q * scale
        lo = loc - qs
        hi = loc + qs
    np.bitwise_or(reason, _NO_INTERVAL, out=reason, where=~(bad | np.isfinite(scale)))
    logs = np.asarray(log_space, dtype=bool)
    if logs.ndim:
        logs = logs.reshape(along)
    with np.errstate(over="ignore", invalid="ignore"):
        # All in logs or none (the usual cases): no np.where, the same values.
        if logs.all():
            point, lower, upper = np.exp(loc), np.exp(lo), np.exp(hi)
        elif not logs.any():
            point, lower, upper = loc.copy(), lo, hi
        else:
            point = np.where(logs, np.exp(loc), loc)
            lower = np.where(logs, np.exp(lo), lo)
            upper = np.where(logs, np.exp(hi), hi)
    # reason != 0 as int8 is 1 or 0, Outcome.WARN or Outcome.OK; unclear
    # where bad.
    status = np.not_equal(reason, 0, out=np.empty(shape, dtype=np.int8))
    if any_bad:
        status[bad] = _UNCLEAR
    method = np.asarray(name, dtype=np.int8)
    out = Forecasts(
        point=point,
        lower=lower,
        upper=upper,
        loc=loc,
        scale=scale,
        df=df,
        log_space=_fill(logs, shape, bool),
        method=_fill(method.reshape(along) if method.ndim else method, shape, np.int8),
        status=status,
        reason=reason,
        n_used=_fill(n.reshape(along), shape, np.int64),
        calib=np.asarray(calib, dtype=np.float64),
        floor=np.full(shape, np.nan),
    )
    if series_last:
        flip = (lambda a: a.T) if views or one_d else (lambda a: np.ascontiguousarray(a.T))
        out = Forecasts(*(flip(a) for a in out))
    if one_d:
        return Forecasts(*(np.asarray(a).reshape(-1) for a in out))  # type: ignore[arg-type]
    return out
