"""``auto``'s members and spread: the median of four trend extrapolations."""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from innovplan.engine._driver import _t_quantile
from innovplan.engine._models import (
    _all_one,
    _increment_sums_of,
    _lag_one_r,
    _line_fit,
    _line_sums,
    _whole_years,
)
from innovplan.engine._panel import _Panel, _Pred, _States
from innovplan.engine._scratch import _work, _work_rows

if TYPE_CHECKING:
    from innovplan.engine._types import FloatArray


def _middle_two(
    a: FloatArray, b: FloatArray, c: FloatArray, d: FloatArray, spare: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    # The two middle values of four, without sorting, and the range of the
    # four: of the pairs (a, b) and (c, d), the smallest value is the smaller
    # of the two minima and the largest the larger of the two maxima, so the
    # middle two are the larger minimum and the smaller maximum, in either
    # order (the larger minimum can exceed the smaller maximum: 1, 2 and
    # 3, 4 give 3 and 2). The caller needs no order: it takes their sum and
    # the square of their difference, the same floats in either order.
    # Where any of the four is NaN both are the same NaN: minimum and
    # maximum of a pair return its first NaN alike, so the larger minimum
    # and the smaller maximum take the same one (an ordered pair would hold
    # that NaN twice: the same sum and difference).
    # In place where an array is no longer read: the same operations. The
    # largest value goes into *spare*, an array of their shape whose values
    # are not read (the caller's a, after its last use here), not a fresh one.
    lo, pair = np.minimum(a, b), np.minimum(c, d)
    width = np.minimum(lo, pair)
    np.maximum(lo, pair, out=lo)
    hi = np.maximum(a, b)
    np.maximum(c, d, out=pair)
    width = np.subtract(np.maximum(hi, pair, out=spare), width, out=width)
    np.minimum(hi, pair, out=hi)
    return lo, hi, width


_AUTO_WINDOW = 5

# Lower clip of the increments' lag-one autocorrelation (phi >= 0.3) in the
# trend strength of the point, and the weight of the middle members' distance
# in the spread; both chosen on design data only (docs/methods-record.md, "How auto
# and the calibration were chosen").
_RHO_MIN = -0.35
_SPLIT_WEIGHT = 2.0

# The spread's models of the noise around the trend, averaged by how well
# each explains the increments' lag-one autocorrelation (see _spread_steps):
# (kind, phi, prior weight), kind "d" the drift errors under a linear trend
# plus AR(1) noise with coefficient phi, "l" the errors of the least-squares
# line under white noise (phi = 0). _LIKELIHOOD_SCALE widens the sampling
# variance 1 / m of the autocorrelation of m increments, below _BARTLETT_FROM
# increments: the estimate from a few increments is less regular than
# Bartlett's variance says, and from that many on it is read with Bartlett's
# 1 / m itself (_LIKELIHOOD_LONG), which separates a long random walk from
# noise around a trend. Chosen on half A of the design set and on the
# simulated families with other seeds than the tests' (docs/methods-record.md,
# "Calibration per horizon and history length" and "A variance ratio, and
# Bartlett's variance for long histories").
_NOISE_MODELS: tuple[tuple[str, float, float], ...] = (
    ("l", 0.0, 8.0),
    ("d", 0.0, 1.0),
    ("d", 0.25, 1.0),
    ("d", 0.5, 1.0),
    ("d", 0.75, 1.0),
    ("d", 1.0, 1.0),
)
_LIKELIHOOD_SCALE = 2.0
_LIKELIHOOD_LONG = 1.0
_BARTLETT_FROM = 16
# log(phi) of each "d" model with 0 < phi < 1, in their order (_spread_steps).
_AR_LOGS = np.array(
    [np.log(phi) for kind, phi, _ in _NOISE_MODELS if kind == "d" and 0.0 < phi < 1.0]
)
# 1 - phi of the "d" models that is a power of two, with its inverse (a
# division by it is the product by its inverse, exactly).
_EXACT_INVERSE = {
    1.0 - phi: 1.0 / (1.0 - phi)
    for kind, phi, _ in _NOISE_MODELS
    if kind == "d" and 0.0 < phi < 1.0 and math.frexp(1.0 - phi)[0] == 0.5
}

# Tails: the predictive t takes ceil(_DF_SHARE (n - 2)) degrees of freedom
# instead of n - 2, its scale rescaled so that its central 80 % interval is
# the same: errors of real annual series are heavier-tailed than a t on n - 2
# degrees of freedom, whose middle is then too wide and whose tails too thin
# for the probability of a target (design set: targets given P 0.46 were met
# 0.38 of the time, P 0.54 0.63, P 0.02 0.05). Chosen with the constants
# above.
_DF_SHARE = 0.5
_DF_LEVEL = 0.9

# Steady growth: a positive series that rose in every interval up to the
# origin, and whose growth over the last window is at least this share of its
# growth since the first point (no sign of a slowdown). Its latest value is
# then no member of the median: the average change over the window stands in
# for it. Chosen on the design set and the simulated families only
# (docs/methods.md, "Steady growth").
_NO_SLOWDOWN = 0.8

# Steady rise of a series with a zero and no negative value (no logs, so no
# growth rate): it rose in each of its last _RECENT intervals, and its average
# change over the window is at least _NO_SLOWDOWN of its mean change since the
# first point. The average change then stands in for the latest value, as for
# steady growth. Chosen on the design set and the simulated families only
# (docs/methods.md, "Trend strength and steady rises").
_RECENT = 3

# Trend strength: the median's step beyond the latest value is multiplied by
# t^2 / (t^2 + k), with t the drift slope over its standard error under the
# trend-plus-AR(1) model of the spread: a slope that is small against the
# noise says little about the years ahead. k is _SHRINK from _SHRINK_FULL
# points on and falls linearly to 0 at _SHRINK_FROM points: in a short history
# the slope's standard error, from n - 2 degrees of freedom and an
# autocorrelation of a few increments, is itself too uncertain to draw a trend
# in. Chosen on the design set and the simulated families only
# (docs/methods.md, "Trend strength and steady rises"); k = 3.5 from 6
# points (1 from 4 before) on half A of the design set and the simulated
# families with other seeds than the tests' (docs/methods.md, "A stronger
# pull toward the latest value").
_SHRINK = 3.5
_SHRINK_FROM = 6.0
_SHRINK_FULL = 12.0

# Smoothed growth: from _HOLT_FROM points on, the growth member is Holt's
# linear trend on z (logs of a positive series, else the values) with fixed
# smoothing weights rather than the growth since the first point: a long
# history's slope since its first point lags a growth that has changed, while
# the smoothed slope follows it. Chosen on the design set and the simulated
# families only (docs/methods.md, "Smoothed growth for long histories").
_HOLT_ALPHA = 0.9
_HOLT_BETA = 0.12
_HOLT_FROM = 13

# Slowed trends: where the average change over the window (on the values)
# has turned against the change since the first point, or kept less than
# _SLOWED of it, the growth member's trend is damped by _DAMPED a year
# (Gardner and McKenzie 1985, "Forecasting trends in time series",
# Management Science 31): its step h years ahead is the trend times
# _DAMPED (1 - _DAMPED^h) / (1 - _DAMPED) instead of h, at most one year's
# trend at _DAMPED = 0.5. A growth that has slowed is then not carried on at
# its past rate; a steady trend, whose recent change is close to its
# long-run one, keeps it. Chosen on half A of the design set and on the
# simulated families with other seeds than the tests' (docs/methods.md,
# "Damped growth after a slowdown").
_SLOWED = 0.4
_DAMPED = 0.5

# Short histories: after calibration, the scale of a series of n points h
# steps ahead is multiplied by 1 + _SHORT h / (max(n, 6) - 2)^2 (h at least
# 1): 1.12 a step ahead and 1.6 five steps ahead for 7 points, 1.05 and 1.23
# for 10. Below 6 points there was nothing to choose it on (the design set's
# training parts have 7 or more, the simulations 6 or more): those series get
# the factor of 6 points. Chosen on half A of the design set and on the
# simulated families with other seeds than the tests' (docs/methods-record.md,
# "Calibration per horizon and history length").
_SHORT = 3.0
_SHORT_FROM = 6

# The members' range in the trend's form (see _form_floor): the floor's
# distance is at least _RANGE_SHARE times the range of the four members
# (D^2 at least half their squared half range) before the cap by the bend.
# Chosen on the simulated families with other seeds than the tests' and
# half A of the design set (docs/methods-record.md, "The members' range").
_RANGE_SHARE = 0.5 * np.sqrt(0.5)


# The states of _auto_states, in order, before the parts of _spread_parts;
# readers outside this module (the explanations, the driver's glue) find a
# state by its name here, so that a new state cannot shift what they read.
_STATE_NAMES = (
    "y", "c", "cw", "z", "cz", "line", "slope", "sig2", "sp", "nj", "rs", "step",
    "steady", "keep", "base", "growth", "slowed", "pos",
)  # fmt: skip
_N_STATES = len(_STATE_NAMES)
_PART_NAMES = ("share", "sig2_step", "ratio", "df", "zero")
_AT = {name: i for i, name in enumerate(_STATE_NAMES + _PART_NAMES)}
# The float states and parts, each written into its row of one (rows, width,
# S) block of this thread's kept memory (see _scratch), so that a call makes
# its states in pages the previous call already took. The boolean and the
# broadcast states are fresh arrays, as are the temporaries outside the work
# rows below (those of a single expression, and the spread's parts' own).
# No public function
# returns a row or a view of one: the driver and the explanations read the
# states and return new arrays.
_KEPT_STATES = (
    "y", "c", "cw", "z", "cz", "line", "slope", "sig2", "sp", "nj", "rs", "keep",
    "base", "growth",
)  # fmt: skip
_KEPT_PARTS = (
    "share", "sig2_step", "ratio", "df", "inv_n", "nn", "n3",
    *(f"oms{i}" for i in range(_AR_LOGS.size)),
    *(f"w{i}" for i in range(len(_NOISE_MODELS))),
    "den",
)  # fmt: skip
# Rows of the same block for the intermediates of _auto_states that no state
# holds (the span, the window's span, both autocorrelations, phi, and three
# of scratch): each is written before it is read and let go before the
# states return. Kept, they take no fresh heap memory in a call, whose
# freeing at the end would let the allocator hand the top of the heap back
# to the operating system, for the next call to fault in again (see
# _scratch).
_WORK_ROWS = ("span", "t_lag", "r", "r_val", "phi", "tmp0", "tmp1", "tmp2")


def _auto_states(p: _Panel, width: int) -> _States:
    # The four members of auto at every origin column: the latest value
    # (naive), the least-squares line on time, constant growth (the random
    # walk with drift on logs; on the values for a series with a value <= 0;
    # Holt's trend on the same scale from _HOLT_FROM points on, see _holt;
    # its trend damped after a slowdown, see _SLOWED) and the Destatis
    # average change over the last min(5, points - 1)
    # intervals. Each is O(1) per origin from the padded arrays and running
    # sums: the growth slope is (z_j - z_0) / (t_j - t_0), the window slope
    # (y_j - y_{j-w}) / (t_j - t_{j-w}), the line from running sums of t, y,
    # t^2 and t y. The spread is modelled on z = log y
    # for positive series and z = y otherwise (see _auto_predict): the drift
    # variance sigma2 = (Q - c^2 span) / (n - 2) of _drift_states and the
    # lag-one autocorrelation r of the standardised increments
    # e_t = (d_t - c dt_t) / sqrt(dt_t), both from running sums, r
    # bias-corrected to first order, r + (1 + 3 r) / m for m increments
    # (Kendall 1954, "Note on bias in the estimation of autocorrelation",
    # Biometrika 41; Marriott and Pope 1954, Biometrika 41): clipped to
    # [_RHO_MIN, 0] for the trend strength, as it is for the spread's
    # weights of _spread_steps (there from logs and values, see below).
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
    positive, nonneg, on_logs = _signs(yt, p.n)
    every = np.arange(s_count)
    first = np.minimum(np.maximum(big_l - p.n, 0), big_l - 1)  # np.clip, without its overhead
    # The counts at the kept columns, and their largest (the last column's,
    # the series' own counts: a count never falls along time), which sizes
    # each table by count below. Every count lies in 0..top: _panel makes
    # nj as max(n + column offset, 0) with offsets <= 0, so 0 <= nj <= n <=
    # top. The tables of top + 1 entries are read at the counts with
    # mode="clip" (see _by_index), which would read a count past top as the
    # last entry, without an error: this invariant is what keeps each read
    # in range (tests/engine/test_count_tables.py checks it).
    nj, top = p.nj.T[c0:], int(p.n.max(initial=0))
    lag = np.maximum(
        np.arange(c0, big_l)[:, None] - np.minimum(_AUTO_WINDOW, np.maximum(nj - 1, 1)), first
    )
    # Each series' first point and its window's start as flat positions in
    # the time-major arrays: one take per array, not a 2-D fancy index.
    at_first, at_lag = first * s_count + every, _flat(lag, every)
    row, work = _state_rows(width, s_count)
    # The kept values in an array of their own (a state): the panel is not
    # held alive by it once its caller lets it go.
    y, t = _put(row["y"], yt[c0:]), tt[c0:]
    with np.errstate(divide="ignore", invalid="ignore"):
        # Logs of every column, then the values back in the columns of the
        # series with a value <= 0 or a constant history (see on_logs): the
        # same floats as a log masked by series, whose short runs along each
        # row take far longer. Into this thread's kept work array (see
        # _scratch): every state below is a copy or a new array, and z_all is
        # let go after Holt.
        z_all = np.log(yt, out=_work("logs", yt.shape))
        other = np.flatnonzero(~on_logs)
        if other.size:
            z_all[:, other] = yt[:, other]
        # The kept columns in an array of their own: all the columns are
        # freed once Holt's recursion has read them.
        z = _put(row["z"], z_all[c0:])
        # Each difference and quotient below runs in a row of the block (a
        # state's, or one of the work rows, see _WORK_ROWS), operation by
        # operation as the formula reads: the same floats as new arrays.
        t_first = _at(tt, at_first)
        span = np.subtract(t, t_first, out=row["span"])
        c = _quotient(y, _at(yt, at_first), span, out=row["c"])
        t_lag = np.subtract(t, _at(tt, at_lag, out=row["t_lag"]), out=row["t_lag"])
        cw = _quotient(y, _at(yt, at_lag, out=row["cw"]), t_lag, out=row["cw"])
        cz = _quotient(z, _at(z_all, at_first), span, out=row["cz"])
        nf = _put(row["nj"], nj)
        # On logs (or the values) and on the values: the spacings once, for
        # the running sums and Holt's recursion, in a kept work array.
        dt = np.subtract(tt[1:], tt[:-1], out=_work("spacing", (big_l - 1, s_count)))
        spacing = (dt, _all_one(dt))
        # Yearly data with exact differences (see _whole_years): the sums of
        # times and spans are whole numbers of the counts, from tables.
        whole = _whole_years(spacing, t_first, p.step)
        sums, sums_y = _increment_sums_of(
            tt, (z_all, yt), mt, c0, kept=True, counts=nf, spacing=spacing
        )
        # The least-squares line on the values, as _linear_states fits it.
        fit = _line_fit(
            _line_sums(tt, yt, mt, c0, squares=False, kept=True, counts=nj if whole else None),
            nf,
            slope_out=row["slope"],
            work=work,
        )
        slope, line = fit[3], _line_values(fit, t, (tt[-1], yt[-1]), out=row["line"])
        # The drift's variance: its sum of squared errors (from the
        # autocorrelation's denominator) over nj - 2 (the same float as the
        # integer nj - 2 converts to).
        r = _lag_one_r(sums, cz, span, nf, spread=row["sig2"], out=(row["r"], *work[:2]))
        sig2 = np.divide(row["sig2"], np.subtract(nf, 2.0, out=work[0]), out=row["sig2"])
        # phi of the trend strength (the point, _trend_weight): 1 + 2 r, r
        # clipped.
        phi = _phi_of(r, out=row["phi"])
        # The autocorrelation that weighs the spread's noise models: for a
        # positive series the smaller of those on logs and on the values. A
        # straight trend has increments that shrink on logs, and exponential
        # growth increments that grow on the values; either drift in the
        # increments reads as positive autocorrelation, so the smaller one is
        # the less distorted. A series not on logs has z = y and cz = c,
        # so r_val is r there, the same floats, and the smaller of the two
        # is r itself (NaN where r is NaN): no selection by series.
        r_val = _lag_one_r(sums_y, c, span, nf, out=(row["r_val"], *work[:2]))
        del sums, sums_y  # the running sums' last reader: freed before the parts are made
        rs = np.minimum(r, r_val, out=row["rs"])
        # The effective span of the slope in steps (see _auto_predict).
        sp, spans = _spans_in_steps(span, p.step, nj, whole=whole, out=row["sp"], top=top)
        czw = _quotient(z, _at(z_all, at_lag, out=work[2]), t_lag, out=work[2])
        since_first, recent = _rises(yt, first, every, c0)
        steady = since_first & (czw >= np.multiply(cz, _NO_SLOWDOWN, out=work[0]))
        steady &= positive & (nj >= 3)
        # A steady rise of a series with a zero (none negative), on the values.
        steady |= (
            nonneg
            & ~positive
            & recent
            & (nj > _RECENT)
            & (cw >= np.multiply(c, _NO_SLOWDOWN, out=work[0]))
        )
        keep = _trend_weight(
            cz, sig2, phi, step=p.step, span=span, n=nf, counts=nj, out=row["keep"], top=top,
            work=work[:2],
        )  # fmt: skip
        base, growth = _holt(
            tt, z_all, c0, out=(row["base"], row["growth"]), spacing=spacing, first=first
        )
        del z_all, dt, spacing
        # The growth member's line, base + growth * years ahead (on logs for a
        # positive series, see _auto_members): Holt's level and trend from
        # _HOLT_FROM points on, else the latest value (log) and the growth
        # since the first point.
        _growth_line((base, growth), nj < _HOLT_FROM, (z, cz))
        # A slowed trend (see _SLOWED); NaN slopes compare False.
        slowed = _slowed(c, cw, work[:2])
    # The intermediates no state holds: freed before the spread's parts are
    # made, which lowers the peak memory of a call.
    del span, t_lag, czw, r, r_val, phi, lag, at_first, at_lag, fit, since_first, recent, work
    pos, step = np.broadcast_to(on_logs, z.shape), np.broadcast_to(p.step, z.shape)
    out = (
        y, c, cw, z, cz, line, slope, sig2, sp, nf, rs, step, steady, keep,
        base, growth, slowed, pos,
        *_spread_parts(
            sig2, sp, rs, nf, step, steady, keep, nonneg & ~positive,
            counts=nj, out=[row[k] for k in _KEPT_PARTS], spans=spans, top=top,
        ),
    )  # fmt: skip
    return tuple(x.T for x in out)


def _flat(cols: npt.NDArray[np.intp], every: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    # The flat positions cols * S + every in a C-contiguous (L, S) array of
    # the column *cols* of each series *every* (0 to S - 1), made in place.
    cols *= every.size
    cols += every
    return cols


def _quotient(a: FloatArray, b: FloatArray, by: FloatArray, *, out: FloatArray) -> FloatArray:
    # (a - b) / by into *out* (which may be b), the same floats.
    np.subtract(a, b, out=out)
    out /= by
    return out


def _line_values(
    fit: tuple[FloatArray, ...],
    t: FloatArray,
    latest: tuple[FloatArray, FloatArray],
    *,
    out: FloatArray,
) -> FloatArray:
    # The least-squares line at times t from _line_fit's centred means and
    # slope (*fit*), ybar + slope (t - t_L - tbar) + y_L for the latest
    # time and value *latest* (t_L, y_L), into *out*: each operation in the
    # formula's order, the same floats.
    tbar, ybar, _, slope = fit
    np.subtract(t, latest[0], out=out)
    out -= tbar
    out *= slope
    np.add(ybar, out, out=out)
    out += latest[1]
    return out


def _phi_of(r: FloatArray, *, out: FloatArray) -> FloatArray:
    # phi = 1 + 2 r of the trend strength, r clipped to [_RHO_MIN, 0], into
    # *out* (the same floats as 1.0 + 2.0 * np.clip(r, _RHO_MIN, 0.0)).
    np.clip(r, _RHO_MIN, 0.0, out=out)
    out *= 2.0
    out += 1.0
    return out


def _slowed(c: FloatArray, cw: FloatArray, work: tuple[FloatArray, ...]) -> npt.NDArray[np.bool_]:
    # A slowed trend (see _SLOWED): the window's slope cw of the other sign
    # than c's (or 0), or under _SLOWED times its size; NaN slopes compare
    # False. The products and sizes go into the two arrays of *work*.
    a, b = work
    slowed = np.multiply(c, cw, out=a) <= 0.0
    slowed |= np.abs(cw, out=a) < np.multiply(np.abs(c, out=b), _SLOWED, out=b)
    return slowed


def _spans_in_steps(
    span: FloatArray,
    step: FloatArray,
    counts: npt.NDArray[np.int64],
    *,
    whole: bool,
    out: FloatArray,
    top: int | None = None,
) -> tuple[FloatArray, FloatArray | None]:
    # The effective span of the slope in steps, 2 / (1 / S + 1 / min(S,
    # _AUTO_WINDOW)) for S = span / step, into *out*; with *whole* (see
    # _whole_years) S is the count less 1, and the effective span of every
    # count (see _effective_spans) is returned too, else None. *top*, when
    # given, is the largest count.
    if not whole:
        sp = span / step
        return np.divide(2.0, 1.0 / sp + 1.0 / np.minimum(sp, _AUTO_WINDOW), out=out), None
    spans = _effective_spans(_largest(counts, top))
    return _by_index(spans, counts, out=out), spans


def _largest(counts: npt.NDArray[np.int64], top: int | None) -> int:
    # The largest of the point counts *counts*: *top* when the caller has it
    # (auto's states take it once, from the series' own counts), else their
    # maximum (0 for none). It sizes the tables by count.
    return int(counts.max(initial=0)) if top is None else top


def _effective_spans(top: int) -> FloatArray:
    # The effective span in steps of _auto_states for whole-year spans
    # (see _whole_years): the span is the count less 1 (NaN for no point),
    # worked out for every count from 0 to *top* with the same operations,
    # each count's float the same.
    with np.errstate(divide="ignore", invalid="ignore"):
        sp = np.arange(-1.0, top)
        sp[0] = np.nan
        out: FloatArray = 2.0 / (1.0 / sp + 1.0 / np.minimum(sp, _AUTO_WINDOW))
    return out


def _signs(
    yt: FloatArray, n: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    # Per series of the time-major values: every value above 0, none below
    # 0, and forecast on logs (positive and not constant). Data are finite
    # and the padding is NaN, which fmin and fmax pass over: each series'
    # smallest and largest value (NaN: no data, which compares False), no
    # mask.
    low, high = np.fmin.reduce(yt, axis=0), np.fmax.reduce(yt, axis=0)
    with np.errstate(invalid="ignore"):
        positive = ~(low <= 0)
        nonneg = ~(low < 0)
        # A constant history is forecast on its values, not on logs: its
        # forecast is a point mass at the constant, and exp(log y) can miss
        # y in the last bit, so that a target of holding the constant would
        # read as certain to fail (or to be exceeded).
        on_logs = positive & (low != high) & (n > 0)
    return positive, nonneg, on_logs


def _growth_line(
    line: tuple[FloatArray, FloatArray],
    short: npt.NDArray[np.bool_],
    latest: tuple[FloatArray, FloatArray],
) -> None:
    # The growth member's line (base, growth) in place: Holt's level and
    # trend, replaced where the history is short by the latest value and the
    # growth since the first point on z, *latest* (z, cz). That is on logs
    # for a series forecast on logs; for the others z is y and cz is c, the
    # same floats, so the values need no selection by series.
    for out, value in zip(line, latest, strict=True):
        np.copyto(out, value, where=short)


def _state_rows(
    width: int, s_count: int
) -> tuple[dict[str, FloatArray], tuple[FloatArray, FloatArray, FloatArray]]:
    # The (width, S) rows of this thread's kept block, by name (_KEPT_STATES,
    # _KEPT_PARTS, then _WORK_ROWS), and its three rows of scratch; arrays
    # of their own for a batch too large to keep.
    names = _KEPT_STATES + _KEPT_PARTS + _WORK_ROWS
    row = dict(zip(names, _work_rows("states", len(names), (width, s_count)), strict=True))
    return row, (row["tmp0"], row["tmp1"], row["tmp2"])


def _put(row: FloatArray, value: npt.ArrayLike) -> FloatArray:
    # *value* written into the kept *row* (the same floats; an integer
    # count converted as astype(float64) converts it), returned.
    row[...] = value
    return row


def _by_index(table: FloatArray, at: npt.NDArray[np.intp], *, out: FloatArray) -> FloatArray:
    # table[at] written into *out*, for positions *at* known to lie in the
    # table (point counts, which size the tables by count). numpy's take
    # with mode "raise" (the default) and an *out* first copies *out* into
    # a buffer of its own and copies the buffer back after (so that an
    # error leaves *out* as it was): two extra passes over it. "clip"
    # writes into *out* directly and takes the same elements of positions
    # in range; a position past the end would read the last entry and a
    # negative one the first, without an error. The callers' positions are
    # counts in 0..top for a table of top + 1 entries: top is the largest
    # count, taken from the counts themselves (_largest) or from the
    # series' own counts in _auto_states, where that bound is shown.
    return np.take(table, at, out=out, mode="clip")


def _at(a: FloatArray, flat: npt.NDArray[np.intp], *, out: FloatArray | None = None) -> FloatArray:
    # The elements of *a* at flat positions (a[flat // S, flat % S] for a
    # C-contiguous (L, S) array), into *out* when given. The positions are
    # in range: "clip" then takes the same elements, and numpy writes them
    # into *out* directly (with "raise" it takes them into a buffer first).
    if out is None:
        got: FloatArray = a.reshape(-1).take(flat)
        return got
    return a.reshape(-1).take(flat, out=out, mode="clip")


def _spread_parts(  # noqa: PLR0917 - private, the states in their order
    sig2: FloatArray,
    sp: FloatArray,
    r: FloatArray,
    n: FloatArray,
    step: FloatArray,
    steady: npt.NDArray[np.bool_],
    keep: FloatArray,
    zero: npt.NDArray[np.bool_],
    *,
    counts: npt.NDArray[np.int64] | None = None,
    out: list[FloatArray] | None = None,
    spans: FloatArray | None = None,
    top: int | None = None,
) -> tuple[FloatArray, ...]:
    # The parts of _auto_predict that depend on the origin only, not on the
    # horizon, computed once per origin column instead of once per block of
    # (origin, horizon) pairs: the same operations on the same floats, so
    # each element is the same float as when _auto_predict computed it. In
    # the order of _PARTS: the point's share, sig2 * step, the heavier
    # tails' scale ratio and degrees of freedom, whether the series has a
    # zero and no negative value (*zero*), then for _spread_steps the
    # line model's 1 + 1/n and n (n^2 - 1), 1 - phi^S of each "d" model
    # with 0 < phi < 1, the weight of each model and their sum. Each is
    # written into its array of *out* (in the order of _KEPT_PARTS) when
    # given one, else into a new array. *counts*, when given, are the point
    # counts n as integers (see _by_count); *spans*, when given with them,
    # the effective span sp of each count (see _effective_spans), and *top*
    # their largest count.
    if counts is not None:
        top = _largest(counts, top)
    rows = iter(out or [np.empty(r.shape) for _ in _KEPT_PARTS])
    share = next(rows)
    share[...] = np.where(steady, 1.0, keep)
    sig2_step = np.multiply(sig2, step, out=next(rows))
    ratio, df = next(rows), next(rows)
    if counts is None:
        ratio[...], df[...] = _by_count(n)
    else:
        _by_count(n, counts, out=(ratio, df), top=top)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        inv_n, nn, n3 = next(rows), next(rows), next(rows)
        # Functions of the count alone, worked out on the counts themselves:
        # a few products and sums a count, each far cheaper than reading
        # a table by count (a take costs about 13 instructions an element,
        # these ufuncs under one). They are the same floats as a table by
        # count would give: n is the counts as floats (nf, which
        # _auto_states writes with _put, an exact conversion of whole
        # numbers), and each element's operations depend on its own count
        # alone, so equal counts give equal floats either way.
        half = _count_parts(n, out=(nn, inv_n, n3))
        ar = [phi for kind, phi, _ in _NOISE_MODELS if kind == "d" and 0.0 < phi < 1.0]
        if spans is None or counts is None:
            oms = [np.negative(np.expm1(sp * np.log(phi)), out=next(rows)) for phi in ar]
        else:
            # sp is spans[counts]: each count's float worked out once.
            oms = [_by_index(-np.expm1(spans * np.log(phi)), counts, out=next(rows)) for phi in ar]
        rho = [0.5 * (phi - 1.0) for _, phi, _ in _NOISE_MODELS]
        # Log-likelihoods relative to the best model, so that the weights
        # never all underflow to zero. Models with the same autocorrelation
        # (the line and the drift under white noise) have the same
        # likelihood: each distinct one is worked out once, the same floats,
        # and the smallest distance is the same among the distinct ones.
        dist = {g: (r - g) ** 2 for g in rho}
        best = functools.reduce(np.minimum, dist.values())
        weights = [next(rows) for _ in _NOISE_MODELS]
        den: FloatArray = next(rows)
        den[...] = 0.0
        likely: dict[float, FloatArray] = {}
        for i, (_, _, prior) in enumerate(_NOISE_MODELS):
            g = rho[i]
            if g not in likely:
                likely[g] = np.exp(half * (dist.pop(g) - best))
            w = np.multiply(prior, likely[g], out=weights[i])
            if g not in rho[i + 1 :]:
                # Its last reader: freed as its last weight is made.
                del likely[g]
            den += w
        return (
            share, sig2_step, ratio, df, np.broadcast_to(zero, r.shape),
            inv_n, nn, n3, *oms, *weights, den,
        )  # fmt: skip


def _count_parts(n: FloatArray, *, out: tuple[FloatArray, ...]) -> FloatArray:
    # The parts of _spread_parts that depend on the point count n alone:
    # the line model's n' = max(n, 3), 1 + 1/n' and n' (n'^2 - 1), written
    # into *out* in that order, and the likelihoods' factor -0.5 m / scale
    # for m = max(n - 1, 1) increments, returned: the scale _LIKELIHOOD_SCALE
    # below _BARTLETT_FROM increments, _LIKELIHOOD_LONG from there on.
    nn, inv_n, n3 = out
    np.maximum(n, 3.0, out=nn)
    np.add(1.0, 1.0 / nn, out=inv_n)
    np.multiply(nn, nn * nn - 1.0, out=n3)
    m = np.maximum(n - 1.0, 1.0)
    scale = np.where(m >= _BARTLETT_FROM, _LIKELIHOOD_LONG, _LIKELIHOOD_SCALE)
    half: FloatArray = -0.5 * m / scale
    return half


def _by_count(
    n: FloatArray,
    counts: npt.NDArray[np.int64] | None = None,
    *,
    out: tuple[FloatArray, FloatArray] | None = None,
    top: int | None = None,
) -> tuple[FloatArray, FloatArray]:
    # _heavier_tails(n - 2) of point counts n (whole numbers >= 0), worked
    # out once for each count and read back by count: the same floats, each
    # element's formula depending on its count alone. *counts* are n as
    # integers, known whole and >= 0 (the panel's counts): no check, and
    # every count from 0 to the largest worked out (a few more than those
    # present, each the same float as among those present; *top*, when
    # given, is the largest of them). Into *out* when given.
    if counts is None:
        counts = n.astype(np.intp)
        if not (counts.size and counts.min() >= 0 and np.array_equal(counts, n)):
            return _heavier_tails(n - 2.0)
        present = np.flatnonzero(np.bincount(counts.ravel()))
        ratio_of, df_of = np.empty((2, int(present[-1]) + 1))
        ratio_of[present], df_of[present] = _heavier_tails(present.astype(np.float64) - 2.0)
    else:
        ratio_of, df_of = _tails_by_count(_largest(counts, top), _DF_SHARE, _DF_LEVEL)
    if out is None:
        return ratio_of[counts], df_of[counts]
    _by_index(ratio_of, counts, out=out[0])
    _by_index(df_of, counts, out=out[1])
    return out


@functools.lru_cache(maxsize=8)
def _tails_by_count(top: int, share: float, level: float) -> tuple[FloatArray, FloatArray]:
    # _heavier_tails(n - 2) of every count n from 0 to *top*, read-only: a
    # batch's table depends on its largest count alone (and on the rule's
    # constants, *share* and *level*, which key it), so each is worked out
    # once per process, the same floats as on every call.
    del share, level  # keys only: _heavier_tails reads the constants
    ratio_of, df_of = _heavier_tails(np.arange(top + 1, dtype=np.float64) - 2.0)
    ratio_of.flags.writeable = df_of.flags.writeable = False
    return ratio_of, df_of


def _trend_weight(
    cz: FloatArray,
    sig2: FloatArray,
    phi: FloatArray,
    *,
    step: FloatArray,
    span: FloatArray,
    n: FloatArray,
    counts: npt.NDArray[np.int64] | None = None,
    out: FloatArray | None = None,
    top: int | None = None,
    work: tuple[FloatArray, ...] | None = None,
) -> FloatArray:
    # The share t^2 / (t^2 + k) of the median's step beyond the latest
    # value that the point keeps. t is the drift slope cz over its standard
    # error under the spread's trend plus AR(1) noise: the slope's variance is
    # v (1 - phi^S) / ((1 - phi) S^2) per step^2 (the x^2 term of
    # _trend_ar1_steps), v = sig2 * step and S = span / step, that is
    # sig2 step (1 - phi^S) / ((1 - phi) span^2) per year^2, and sig2 / span
    # at phi = 1, the random walk with drift (Hyndman and Athanasopoulos 2021,
    # section 5.5). The weight has the form tau^2 / (tau^2 + sigma^2) of the
    # posterior mean of a normal mean under a normal prior of variance tau^2
    # (the empirical Bayes reading of shrinkage in Efron and Morris 1973,
    # "Stein's estimation rule and its competitors: an empirical Bayes
    # approach", J. Am. Statist. Assoc. 68, 117-130), with tau^2 read off the
    # slope itself (cz^2) and the sampling variance sigma^2 taken k times;
    # k grows with the history's length (see _SHRINK). An exact line (t
    # infinite), too few points (t undefined) and k = 0 keep the whole step.
    # *counts*, when given, are n as integers: k is then read from a table
    # by count, the same floats (*top*, when given, their largest). Written
    # into *out* when given; the temporaries go into the two C-contiguous
    # arrays of cz's shape in *work* when given, else new ones.
    a, b = work or (np.empty(cz.shape), np.empty(cz.shape))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # S where phi is near 1 (most series: r clipped at 0), else
        # (1 - phi^S) / (1 - phi), worked out for those elements only: S is
        # read there before its elements are replaced.
        ratio = np.divide(span, step, out=a)
        om = np.subtract(1.0, phi, out=b)
        far = np.flatnonzero(~(om < 1e-6))
        at = (phi.reshape(-1).take(far), ratio.reshape(-1).take(far))
        ratio.reshape(-1)[far] = (1.0 - at[0] ** at[1]) / om.reshape(-1).take(far)
        # t^2 = cz cz span span / (sig2 step ratio), each product in its
        # order: the denominator first, then the numerator in place of S.
        den = np.multiply(sig2, step, out=b)
        den *= ratio
        t2 = np.multiply(cz, cz, out=a)
        t2 *= span
        t2 *= span
        t2 /= den
        if counts is None:
            k = _shrink_of(n)
        else:
            k = _by_index(_shrink_of(np.arange(_largest(counts, top) + 1.0)), counts, out=b)
        # 1 - k / (t2 + k).
        t2 += k
        keep = np.subtract(1.0, np.divide(k, t2, out=t2), out=out)
    np.copyto(keep, 1.0, where=np.isnan(keep))
    return keep


def _shrink_of(n: FloatArray) -> FloatArray:
    # k of _trend_weight for n points (see _SHRINK).
    ramp = (n - _SHRINK_FROM) / (_SHRINK_FULL - _SHRINK_FROM)
    out: FloatArray = _SHRINK * np.clip(ramp, 0.0, 1.0)
    return out


def _holt(
    tt: FloatArray,
    z_all: FloatArray,
    c0: int,
    *,
    out: tuple[FloatArray, FloatArray] | None = None,
    spacing: tuple[FloatArray, bool] | None = None,
    first: npt.NDArray[np.intp] | None = None,
) -> tuple[FloatArray, FloatArray]:
    # Holt's linear trend on z at the columns c0 on (time-major): level
    # l = a z + (1 - a)(l' + b' dt) and slope b = beta (l - l') / dt
    # + (1 - beta) b', dt the time since the previous point (Holt 1957,
    # "Forecasting seasonals and trends by exponentially weighted moving
    # averages", reprinted Int. J. Forecasting 20, 2004; Hyndman and
    # Athanasopoulos 2021, section 8.2). With a yearly spacing it is the
    # textbook recursion; across a gap the level is carried along the slope
    # and the slope is updated per year, the simplest reading of Wright 1986,
    # "Forecasting data published at irregular time intervals using an
    # extension of Holt's method", Management Science 32, with the weights
    # kept fixed. Started at the second point with the level z_1 and the slope
    # (z_1 - z_0) / (t_1 - t_0). The weights are fixed: a linear recursion
    # over the columns with all series side by side, no search per series.
    # The panel is right aligned with NaN padding and no gap in its mask
    # (column j + 1 is data wherever column j is): the time since the
    # previous point is the difference of neighbouring columns (NaN at a
    # series' first point, as from no previous time), and the recursion over
    # the padding keeps level and slope NaN (the level takes the padding's
    # NaN, the slope stays NaN), as masked updates would: no mask is needed.
    big_l, s_count = z_all.shape
    lev = np.full(s_count, np.nan)
    slope = np.full(s_count, np.nan)
    # Written into *out* when given (two (L - c0, S) arrays), else new ones.
    out_l, out_b = out or (np.empty((big_l - c0, s_count)), np.empty((big_l - c0, s_count)))
    a, beta = _HOLT_ALPHA, _HOLT_BETA
    keep_a, keep_b = 1.0 - a, 1.0 - beta
    none = np.full(s_count, np.nan)
    # Spacings all exactly 1 (yearly data): multiplying or dividing by dt is
    # exact, so it is left out. Where dt is NaN (a series' first point and
    # the padding before it) level and slope are NaN already, so any dt
    # gives the same NaN. *spacing*, when given, is (dt, whether all are 1),
    # worked out once by a caller that needs them too.
    dt_all, unit = spacing or (tt[1:] - tt[:-1], None)
    if unit is None:
        unit = _all_one(dt_all)
    # Two alternating (level, slope) rows for the columns before c0, and
    # two rows of scratch.
    early = np.empty((2, 2, s_count))
    tmp, inc = np.empty((2, s_count))
    # With each series' *first* column (its padding before it), the series
    # at their first or second point in a column are known in advance: the
    # fix-ups below then touch those series only, not a full row per column.
    by_first = None if first is None else _by_first(first, z_all, (dt_all, unit))
    for j in range(big_l):
        z = z_all[j]
        dt = dt_all[j - 1] if j else none
        # Level and slope of this column are written where they are kept
        # (the output rows from c0 on), each operation the same as in
        # new_l = a z + (1 - a)(l' + b' dt), new_b = beta (new_l - l') / dt + (1 - beta) b'.
        new_l, new_b = (out_l[j - c0], out_b[j - c0]) if j >= c0 else early[j % 2]
        if unit:
            np.add(lev, slope, out=tmp)
        else:
            np.multiply(slope, dt, out=tmp)
            np.add(lev, tmp, out=tmp)
        np.multiply(tmp, keep_a, out=tmp)
        np.multiply(z, a, out=new_l)
        np.add(new_l, tmp, out=new_l)
        np.subtract(new_l, lev, out=new_b)
        np.multiply(new_b, beta, out=new_b)
        if not unit:
            np.divide(new_b, dt, out=new_b)
        np.multiply(slope, keep_b, out=tmp)
        np.add(new_b, tmp, out=new_b)
        if by_first is not None:
            _start_points(by_first, j, (new_l, new_b))
            lev, slope = new_l, new_b
            continue
        no_slope = np.isnan(slope)
        # Past every series' second point (most columns) nothing lacks a
        # slope: nothing to replace.
        if no_slope.any():
            # The second point: the slope between the first two, (z - l') / dt
            # (a level equal to itself is not NaN).
            second = no_slope & np.equal(lev, lev)
            if second.any():
                np.subtract(z, lev, out=inc)
                if not unit:
                    np.divide(inc, dt, out=inc)
                np.copyto(new_b, inc, where=second)
            np.copyto(new_l, z, where=no_slope)
        lev, slope = new_l, new_b
    if by_first is not None and bool(np.isnan(slope)[first < big_l - 1].any()):
        # A slope lacking past a series' second point: the recursion
        # overflowed (inf - inf), and the steps above restart such a series
        # at its next point. The fix-ups by first column do not, and the NaN
        # stays to the last column: the series is worked out again as above.
        return _holt(tt, z_all, c0, out=(out_l, out_b), spacing=(dt_all, unit))
    return out_l, out_b


def _by_first(
    first: npt.NDArray[np.intp], z_all: FloatArray, spacing: tuple[FloatArray, bool]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray, FloatArray, FloatArray]:
    # The series by first column, order[bounds[j]:bounds[j + 1]] starting at
    # j, with Holt's start in that order: the level at the first point z_0,
    # and at the second the level z_1 and the slope (z_1 - z_0) / dt (see
    # _holt; the same floats, as the level there is z_0). They read the data
    # alone, not the recursion: each is one take, not one per column. A
    # series with fewer than 2 points reads its first column again for its
    # second (z_1 = z_0), never used.
    big_l, s_count = z_all.shape
    order = np.argsort(first, kind="stable")
    bounds = np.searchsorted(first[order], np.arange(big_l + 1))
    at = first[order] * s_count + order
    flat = z_all.reshape(-1)
    z0 = flat.take(at)
    later = np.minimum(at + s_count, flat.size - s_count + order)
    z1 = flat.take(later)
    slope = z1 - z0
    dt, unit = spacing
    if not unit and big_l > 1:
        np.divide(slope, dt.reshape(-1).take(later - s_count), out=slope)
    return order, bounds, z0, z1, slope


def _start_points(
    by_first: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray, FloatArray, FloatArray],
    j: int,
    new: tuple[FloatArray, FloatArray],
) -> None:
    # Holt's start in column j (see _holt), for the series whose first point
    # is column j (the level is the point) or column j - 1 (the slope is
    # (z - l') / dt, the level the point): the floats of the full-row
    # fix-ups, there. On a series' padding level and slope are NaN either way.
    order, bounds, z0, z1, slope = by_first
    new_l, new_b = new
    lo, hi = bounds[j], bounds[j + 1]
    if hi > lo:
        new_l[order[lo:hi]] = z0[lo:hi]
    if j:
        lo, hi = bounds[j - 1], lo
        if hi > lo:
            at = order[lo:hi]
            new_b[at] = slope[lo:hi]
            new_l[at] = z1[lo:hi]


def _rises(
    yt: FloatArray,
    first: npt.NDArray[np.intp],
    every: npt.NDArray[np.intp],
    c0: int,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    # Origins (columns c0 on, time-major) up to which the series never fell
    # or stood still since its first point, and over its last _RECENT
    # intervals: the running count of increments <= 0 is the same at the
    # origin as at the series' first point (at the column _RECENT before).
    # The padding is NaN (as _panel makes it) and a comparison with NaN is
    # False: an increment that touches the padding never fell, with no mask.
    with np.errstate(invalid="ignore"):
        fell = yt[1:] <= yt[:-1]
    # The running count row by row (whole numbers: the same counts as
    # np.cumsum along time, whose strided pass is slower), in bytes while
    # every count fits (at most one per column after the first), which the
    # adds and compares run through 8 times as many at a time.
    small = yt.shape[0] <= np.iinfo(np.int8).max
    count = np.empty(yt.shape, dtype=np.int8 if small else np.int64)
    count[:1] = 0
    steps = fell.view(np.int8) if small else fell
    for j in range(fell.shape[0]):
        np.add(count[j], steps[j], out=count[j + 1])
    at = count[c0:]
    back = np.maximum(np.arange(c0, yt.shape[0])[:, None] - _RECENT, first)
    s_count = yt.shape[1]
    # Flat positions, the column _RECENT back made into its own in place.
    back *= s_count
    back += every
    since: npt.NDArray[np.bool_] = at == count.reshape(-1).take(first * s_count + every)
    recent: npt.NDArray[np.bool_] = at == count.reshape(-1).take(back)
    return since, recent


def _auto_members(
    s: _States,
    h: FloatArray,
    *,
    as_combined: bool = True,
    on_values: npt.NDArray[np.intp] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    # The four members at horizon h: latest value, least-squares line,
    # constant growth (for a positive series; the random walk with drift on
    # the values otherwise: no growth rate without logs; Holt's smoothed
    # growth, or trend, from _HOLT_FROM points on) and the average change
    # over the window. As combined, a steadily growing series has the
    # average change in place of its latest value (see _NO_SLOWDOWN).
    # *on_values*, when given, are the flat positions of the series not on
    # logs in an array of the members' shape (see _values_at).
    y, _, cw, _, _, line, slope, *_, steady, keep, base, growth, slowed, pos = s[:_N_STATES]
    with np.errstate(over="ignore", invalid="ignore"):
        # A slowed trend's growth member steps the damped distance (see
        # _SLOWED); its other members are as they are.
        ahead = np.where(slowed, _DAMPED / (1.0 - _DAMPED) * -np.expm1(h * np.log(_DAMPED)), h)
        # The growth member's line (from _HOLT_FROM points on Holt's smoothed
        # growth, see _holt, else the growth since the first point; the
        # states base and growth), exponentiated for a positive series.
        # In place (ahead holds the line, then the member): each element is
        # the same float as base + growth * ahead, a sum or product in
        # either order being the same float.
        line_g = np.multiply(growth, ahead, out=ahead)
        line_g += base
        if on_values is None:
            g = np.where(pos, np.exp(line_g), line_g)
        else:
            # The line itself at the series on the values: whole columns,
            # kept and written back at their flat positions (faster than a
            # select of every element), the exponential taken in place with
            # 0 there (exp(0) takes libm's short path, where a value would
            # often overflow); the same floats.
            kept = line_g.take(on_values)
            _put_at(line_g, on_values, 0.0)
            g = np.exp(line_g, out=line_g)
            _put_at(g, on_values, kept)
    w = cw * h
    w += y
    latest = np.where(steady, w, y + 0.0 * h) if as_combined else y + 0.0 * h
    ols = slope * h
    ols += line
    out = (latest, ols, g, w)
    if not as_combined:
        return out
    # As combined, every member keeps the share of its step beyond the latest
    # value that the trend's strength supports (see _trend_weight); a steady
    # rise keeps all of it. The median of the members so drawn in is the
    # median drawn in by the same share: the point.
    share = np.where(steady, 1.0, keep)
    with np.errstate(over="ignore", invalid="ignore"):
        a, b, c_, d = (y + share * (m - y) for m in out)
    return a, b, c_, d


def _row_horizons(h: FloatArray) -> FloatArray:
    # h as an (R, 1) column where every row of the (R, S) h holds one
    # horizon (NaN never equals itself, so a row with one is kept whole),
    # a 0-d array where all of h is one horizon; else h itself. The column
    # is contiguous, as a fresh (R, S) array is: the same ufunc loops read
    # it.
    if h.ndim != 2 or h.shape[1] < 2:
        return h
    if (h == h[0, 0]).all():
        # One horizon for the whole block (the driver's rolling origins k
        # steps back on yearly data): a 0-d array, whose operations with the
        # states run as with a scalar, faster than a broadcast column. Every
        # element equal to the first is every row equal to its first and
        # those to the first row's: one comparison with a scalar decides it.
        one: FloatArray = np.asarray(h[0, 0])
        return one
    first = h[:, :1]
    if not (h == first).all():
        return h
    return np.ascontiguousarray(first)


def _in_steps(h: FloatArray, step: FloatArray) -> FloatArray:
    # Horizons in steps, h / step. A step of exactly 1 (yearly data) divides
    # exactly, so the horizons stay as they are (a column where they are one).
    # The steps are the series' own: where the rows are a broadcast of one
    # row (the driver's origins), that row holds them all.
    steps = step[:1] if step.ndim == 2 and step.strides[0] == 0 else step
    if (steps == 1.0).all():
        return h
    out: FloatArray = h / step
    return out


def _auto_predict(s: _States, h: FloatArray) -> _Pred:
    # One horizon per row (the driver's rolling origins k steps back on
    # yearly data, or one target date a row): that horizon as a column, so
    # that what depends on the horizon alone (the damped step, 1 - phi^h,
    # 2 h) is worked out once a row and broadcast. Each element is the same
    # float, the formulas being elementwise.
    h = _row_horizons(h)
    # A column of horizons broadcasts against the states' rows: numpy's
    # iterator then copies the operands into buffers to run loops longer
    # than a row. With a buffer no longer than a row (rounded up to numpy's
    # multiple of 16) it runs row by row on the arrays themselves. The
    # buffer size changes no elementwise value, and the prediction sums no
    # floats (pairwise sums are what it would change). Only where two NaNs
    # of opposite sign meet may the NaN's sign bit differ (numpy returns
    # either, by loop); the public paths drop NaN and infinite data first.
    row = -(-s[0].shape[-1] // 16) * 16
    if h.ndim == 2 and h.shape[0] > 1 and h.shape[1] == 1 and 0 < row < np.getbufsize():
        old = np.setbufsize(row)
        try:
            return _predict_block(s, h)
        finally:
            np.setbufsize(old)
    return _predict_block(s, h)


def _predict_block(s: _States, h: FloatArray) -> _Pred:
    # _auto_predict at horizons h as _row_horizons leaves them.
    y, sp, step, steady, pos = (s[_AT[k]] for k in ("y", "sp", "step", "steady", "pos"))
    share, sig2_step, ratio, df, zero, *parts = s[_N_STATES:]
    on_values = _values_at(pos, h)
    naive, ols, g, w = _auto_members(s, h, as_combined=False, on_values=on_values)
    np.copyto(naive, w, where=steady)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # naive's values are not read after this: it is the spare.
        lo, hi, width = _middle_two(naive, ols, g, w, naive)
        # The window's forecast less the line's: how far the history itself
        # bends (see _form_floor). Here and below, a result goes into an
        # array whose last reader has run (the same operations, a sum or
        # product in either order being the same float): fewer fresh arrays
        # a block, and a smaller working set.
        bend = np.subtract(w, ols, out=naive)
        # The point: the members' median, drawn toward the latest value by
        # the trend's strength (_trend_weight; the middle members' distance,
        # for the spread below, is that of the members as they say).
        mid = np.add(lo, hi, out=ols)
        mid *= 0.5
        med = np.subtract(mid, y, out=w)
        med *= share
        med += y
        # A positive series whose median runs to zero or below keeps its
        # constant-growth member (logs need a positive location).
        # The location: the log of that for a series on logs, else the
        # median; and rel, the location for a series on logs, else 1 (half
        # the distance between the two middle members is relative to it,
        # the spread being then on logs).
        loc, rel = _on_logs(np.where(med > 0, med, g), med, pos, on_values)
        # The middle two come in either order (see _middle_two): the split
        # may be negative, and only its square is read.
        split = np.subtract(hi, lo, out=hi)
        split *= 0.5
        split /= rel
        # The growth member's distance from the point, at most the bend,
        # drawn in by the point's share and relative as the split is (see
        # _form_floor).
        far = np.subtract(g, mid, out=g)
        np.abs(far, out=far)
        # At least _RANGE_SHARE times the members' range, then at most the
        # bend (see _form_floor).
        width *= _RANGE_SHARE
        np.maximum(far, width, out=far)
        np.minimum(far, np.abs(bend, out=bend), out=far)
        far *= share
        far /= rel
        del mid, rel, bend, width
        # Spread: the noise models of _spread_steps averaged by how well
        # each explains the increments' autocorrelation, in units of one
        # increment's variance sig2 * step. The median's own uncertainty
        # between its two middle members, _SPLIT_WEIGHT * split^2, is added:
        # it is large where the members disagree (a trend that bends, a
        # growth that the straight members miss) and the trend's noise alone
        # under-covers.
        var = _spread_steps(_in_steps(h, step), sp, parts)
        var *= sig2_step
        split_sq = np.multiply(split, _SPLIT_WEIGHT, out=lo)
        split_sq *= split
        var += split_sq
        del split, split_sq, lo
        var = _form_floor(var, far)
        del far
        # A series with a zero and no negative value (a quantity that
        # started from nothing: no logs) has its spread on the values, but
        # its noise grows with its level as a positive series' does on logs:
        # the scale grows in proportion to the point over the latest value
        # (errors proportional to the level, the multiplicative-error models
        # of Hyndman and Athanasopoulos 2021, section 8.5). Never narrower
        # than the increments say. Chosen on half A of the design set
        # (docs/methods-record.md, "Calibration per horizon and history length").
        # Most batches have no such series: nothing to do then. Elsewhere
        # the factor is 1 (x * 1 is x): only the series with a zero are read.
        # The flag is the series' own: where its rows are a broadcast of one
        # row (the driver's origins), that row says which series have it.
        # That row's flags at those series (a row of True, broadcast over
        # the rows) stand for the block's.
        one_row = zero.ndim == 2 and zero.strides[0] == 0 and zero.shape[0] > 0
        flags = zero[0] if one_row else np.any(zero, axis=tuple(range(zero.ndim - 1)))
        cols = np.flatnonzero(flags)
        if cols.size and var.shape[-1] != zero.shape[-1]:
            # Horizons along the series' axis (one series, a row of them):
            # the columns are not series; the factor element by element.
            grow = _level_factor(zero, y, med)
            grow *= grow
            var *= grow
        elif cols.size:
            # Those flags all True where they are one row: their logical
            # and with y > 0 is y > 0 itself, the same booleans (None).
            at_zero = None if one_row else zero.take(cols, axis=-1)
            grow = _level_factor(at_zero, y.take(cols, axis=-1), med.take(cols, axis=-1))
            grow *= grow
            _times_at(var, cols, grow)
    # As for the drift: a spread only for horizons after the origin (others
    # are unclear in the driver), never the square root of a negative number.
    after = h > 0
    scale = np.sqrt(var, out=var) if after.all() else np.sqrt(np.where(after, var, np.nan))
    # Heavier tails (see _heavier_tails): the scale times the origin's ratio.
    scale *= ratio
    return _Pred(loc, scale, df)


def _form_floor(var: FloatArray, far: FloatArray) -> FloatArray:
    # The spread's floor for the trend's form: var becomes max(var, far^2),
    # in place (far is squared in place too). far is the growth member's
    # distance from the point, or _RANGE_SHARE times the four members' range
    # where that is larger, at most the distance between the window's and
    # the line's forecasts, drawn in by the point's share and relative to the
    # location for a positive series (see _auto_predict). Under compound
    # growth the latest value, the line and the window all fall behind the
    # growth member, so the median does; the spread, from the noise around
    # the trend, does not see it. The growth member's distance is then
    # uncertainty about the trend's form: the between-model part of a model
    # average's variance, the squared distance of a member's mean from the
    # average's (Draper 1995, "Assessment and propagation of model
    # uncertainty", J. R. Statist. Soc. B 57; Hoeting, Madigan, Raftery and
    # Volinsky 1999, "Bayesian model averaging: a tutorial", Statist. Sci.
    # 14, section 1). It counts only as far as the history itself bends: a
    # straight line from a low base has a far growth member, but its window
    # and its line agree. Taken as a floor, not added: where the noise
    # already spreads the forecast that far, the form adds nothing. Chosen
    # on the simulated families with other seeds than the tests' and half A
    # of the design set (docs/methods-record.md, "Growth beyond the noise"; the
    # range, which widens where the members disagree among themselves more
    # than the growth member does, in "The members' range").
    np.square(far, out=far)
    out: FloatArray = np.maximum(var, far, out=var)
    return out


def _times_at(var: FloatArray, cols: npt.NDArray[np.intp], factor: FloatArray) -> None:
    # var[..., cols] *= factor, in place. For a C-contiguous (R, S) var the
    # elements are read and written at their flat positions, one take and
    # one assignment on a 1-d view, faster than a 2-d fancy index; the
    # same products.
    if var.ndim == 2 and var.flags.c_contiguous:
        flat = var.reshape(-1)
        at = _flat_at(cols, *var.shape)
        flat[at] = flat.take(at) * factor
    else:
        var[..., cols] *= factor


def _flat_at(cols: npt.NDArray[np.intp], rows: int, width: int) -> npt.NDArray[np.intp]:
    # The flat positions, in C order, of the columns *cols* in every row of
    # a (rows, width) array: a (rows, len(cols)) array.
    if not cols.size:
        return np.empty((rows, 0), dtype=np.intp)
    out: npt.NDArray[np.intp] = np.arange(0, rows * width, width)[:, None] + cols
    return out


def _put_at(dst: FloatArray, at: npt.NDArray[np.intp], values: FloatArray | float) -> None:
    # dst, of the 2-d shape the flat positions *at* were made for, takes
    # *values* (of at's shape, or one value) there. The positions count in
    # C order, as put and take count them for any memory layout; a
    # C-contiguous dst is written through a flat view (faster than put).
    if dst.flags.c_contiguous:
        dst.reshape(-1)[at] = values
    else:
        dst.put(at, values)


def _values_at(
    pos: FloatArray | npt.NDArray[np.bool_], h: FloatArray
) -> npt.NDArray[np.intp] | None:
    # The flat positions (see _flat_at) of the series on the values (not on
    # logs) in a block of the members' 2-d shape, where those series are
    # whole columns: their flags one row broadcast over the rows (the
    # driver's origins). None otherwise.
    if pos.ndim != 2 or pos.strides[0] != 0 or pos.shape[0] == 0 or h.ndim > 2:
        return None
    rows, width = pos.shape if h.ndim == 0 else np.broadcast_shapes(pos.shape, h.shape)
    if width != pos.shape[1]:  # horizons along the series' axis: not one column a series
        return None
    return _flat_at(np.flatnonzero(~pos[0]), rows, width)


def _on_logs(
    at: FloatArray,
    med: FloatArray,
    pos: FloatArray | npt.NDArray[np.bool_],
    on_values: npt.NDArray[np.intp] | None,
) -> tuple[FloatArray, FloatArray]:
    # log(at) where pos, else med; and at where pos, else 1 (see
    # _auto_predict). With *on_values* (see _values_at) the series on the
    # values take med and 1 at their flat positions, and at becomes the
    # second: the same floats as the selects of every element.
    if on_values is None:
        return np.where(pos, np.log(at), med), np.where(pos, at, 1.0)
    # at becomes the second before the log is taken: the log of 1 at the
    # series on the values (libm's short path, where a value <= 0 takes
    # its error path), written over by med.
    _put_at(at, on_values, 1.0)
    loc = np.log(at)
    _put_at(loc, on_values, med.take(on_values))
    return loc, at


def _level_factor(
    zero: FloatArray | npt.NDArray[np.bool_] | None, y: FloatArray, med: FloatArray
) -> FloatArray:
    # The spread's level factor (see _auto_predict): max(1, med / y) where
    # _levelled, else 1. *zero* None: every element's series has a zero
    # (y > 0 is then the test).
    at = y > 0 if zero is None else _levelled(zero, y)
    out: FloatArray = np.where(at, np.maximum(med / y, 1.0), 1.0)
    return out


def _levelled(zero: FloatArray | npt.NDArray[np.bool_], y: FloatArray) -> npt.NDArray[np.bool_]:
    # The series whose spread has the level factor: a zero and no negative
    # value (*zero*), and a latest value y above 0.
    out: npt.NDArray[np.bool_] = np.logical_and(zero, y > 0)
    return out


def _heavier_tails(df: FloatArray) -> tuple[FloatArray, FloatArray]:
    # The t on ceil(_DF_SHARE df) degrees of freedom (at least 1) with the
    # same _DF_LEVEL quantile: the scale is multiplied by t(df) / t(df') at
    # that level, returned with df' (see _DF_SHARE). Both df are whole
    # numbers (point counts), whose quantiles the driver's table holds.
    # Fewer than 1 df (too few points) stay as they are: those forecasts are
    # unclear.
    if _DF_SHARE == 1.0:
        return np.ones(df.shape), df
    ok = df >= 1.0
    d0 = np.where(ok, df, 1.0)
    d1 = np.maximum(np.ceil(_DF_SHARE * d0 - 1e-9), 1.0)
    ratio: FloatArray = _t_quantile(_DF_LEVEL, d0) / _t_quantile(_DF_LEVEL, d1)
    out_df: FloatArray = np.where(ok, d1, df)
    return ratio, out_df


def _spread_steps(hs: FloatArray, sp: FloatArray, parts: list[FloatArray]) -> FloatArray:
    """Forecast error variance *hs* steps ahead, in units of one increment's variance.

    A weighted mean over the noise models of ``_NOISE_MODELS`` (Bayesian
    model averaging: each model's variance weighted by its prior weight times
    the likelihood of the data under it; Hoeting, Madigan, Raftery and
    Volinsky 1999, "Bayesian model averaging: a tutorial", Statist. Sci. 14,
    382-417). The data are the increments' lag-one autocorrelation ``r``, read
    as normal around the model's own, ``rho = -(1 - phi) / 2``, with
    variance ``_LIKELIHOOD_SCALE / m`` for ``m = n - 1`` increments, and
    Bartlett's ``1 / m`` itself (``_LIKELIHOOD_LONG``) from
    ``_BARTLETT_FROM`` increments on (Bartlett 1946 under no
    autocorrelation). The models, with ``x = h / S`` and ``S``
    the slope's span *sp*:

    * ``"d"``: drift errors under a linear trend plus AR(1) noise with
      coefficient ``phi``, ``[(1 - phi^h) + x^2 (1 - phi^S) + x (1 - phi^h)
      (1 - phi^S)] / (1 - phi)`` (``_trend_ar1_steps``): ``phi = 1`` the
      random walk with drift, ``h (1 + h / S)`` (Hyndman and Athanasopoulos
      2021, section 5.5), ``phi = 0`` a trend with white noise;
    * ``"l"``: the least-squares line's prediction errors under white noise
      of variance 1/2 (an increment of white noise has twice its variance),
      ``(1 + 1/n + 3 (2h + n - 1)^2 / (n (n^2 - 1))) / 2`` for ``n`` equally
      spaced points (Draper and Smith 1998, "Applied Regression Analysis",
      3rd ed., section 3.1): the median's line member, whose errors around a
      steady trend grow far less than the drift's.

    A single plug-in ``phi`` from ``r`` put a random walk read as
    anti-persistent (a noisy ``r`` of a few increments) under a trend's
    narrow spread, and noise around a trend read as a random walk under the
    random walk's: the average keeps the uncertainty about ``phi`` in the
    spread.

    The parts that depend on the origin only (the weights, ``n`` and
    ``1 - phi^S``) come in *parts*, computed once per origin by
    ``_spread_parts``.
    """
    inv_n, nn, n3, *rest = parts
    n_oms = len(rest) - len(_NOISE_MODELS) - 1
    oms_all, weights, den = rest[:n_oms], rest[n_oms:-1], rest[-1]
    x = hs / sp
    shape = x.shape if x.shape == den.shape else np.broadcast_shapes(x.shape, den.shape)
    # 1 - phi^h of every "d" model with 0 < phi < 1 in one pass, stacked
    # (each the same float as -expm1(hs * log(phi)) alone).
    omh_all = np.negative(np.expm1(np.multiply.outer(_AR_LOGS, hs)))
    num: FloatArray | None = None
    mid = 0
    # Each variance is worked out in place, operation by operation as the
    # formula reads (products and sums in either order are the same floats):
    # the first in the array that becomes the sum, the others in one scratch
    # array.
    v = np.empty(shape)
    scratch = np.empty(shape)
    x1: FloatArray | None = None
    for (kind, phi, _), w in zip(_NOISE_MODELS, weights, strict=True):
        if kind == "l":
            # 0.5 (1 + 1/n + 3 (2 h + n - 1)^2 / (n (n^2 - 1)))
            np.add(2.0 * hs, nn, out=v)
            v -= 1.0
            np.square(v, out=v)
            v *= 3.0
            v /= n3
            v += inv_n
            v *= 0.5
        elif phi in {0.0, 1.0}:
            # x + 1, for both models, once.
            if x1 is None:
                x1 = x + 1.0
            if phi == 0.0:
                # A trend with white noise: 1 - phi^h = 1 - phi^S = 1, so
                # the formula below is 1 + x (x + 1) (its products by 1 and
                # its division by 1 are exact).
                np.multiply(x1, x, out=v)
                v += 1.0
            else:
                # The random walk with drift, the limit of the formula:
                # h (1 + h / S).
                np.multiply(x1, hs, out=v)
        else:
            # _trend_ar1_steps for one phi: (omh + x (x oms + omh oms)) / (1 - phi),
            # 1 - phi^S from _spread_parts.
            omh, oms = omh_all[mid], oms_all[mid]
            mid += 1
            np.multiply(x, oms, out=v)
            v += np.multiply(omh, oms, out=scratch)
            v *= x
            v += omh
            if 1.0 - phi in _EXACT_INVERSE:
                # 1 - phi a power of two: the product by its inverse is the
                # quotient, exactly (a scaling by a power of two), and faster.
                v *= _EXACT_INVERSE[1.0 - phi]
            else:
                v /= 1.0 - phi
        v *= w
        # The first weighted variance starts the sum: 0 + a is a for every a
        # but -0.0, which a weight (>= 0) times a variance gives only where
        # h <= 0, whose spread is NaN anyway.
        if num is None:
            num, v = v, np.empty(shape)
        else:
            num += v
    if num is None:  # no noise model: the empty sum
        num = np.zeros(shape)
    num /= den
    return num


def _auto_factor(
    calib: FloatArray,
    hs: FloatArray,
    n: npt.NDArray[np.int64],
    gaps: npt.NDArray[np.bool_],
) -> FloatArray:
    # The calibrated factor, at least 1 for a series with a gap (a past run
    # of small errors says little across years nobody observed: the model's
    # own spread is the least the data support), then widened for a short
    # history h steps ahead (see _SHORT; a horizon not after the last point,
    # or not finite, counts as one step).
    with np.errstate(divide="ignore", invalid="ignore"):
        sq = (np.maximum(n, _SHORT_FROM) - 2.0) ** 2
        short = 1.0 + _SHORT * np.fmax(hs, 1.0) / sq[:, None]
    out: FloatArray = np.where(gaps[:, None], np.maximum(calib, 1.0), calib) * short
    return out
