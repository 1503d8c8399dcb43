"""States and predictive distributions of the textbook forecast models, at every origin.

Random walk with drift, the Destatis average change, least squares on time,
Theta (standard and optimised) and damped-trend exponential smoothing. Each
``*_states(panel)`` computes the model at every origin column from the data up
to that column, for all series at once; ``*_predict(states, h)`` gives the
textbook predictive Student t ``h`` years ahead.

Parameters chosen in the sample (Theta's alpha and drift, damped's grid point)
are chosen again at every origin from the data up to it, so that the errors of
earlier origins, which the driver's rolling-origin calibration measures, are
out-of-sample errors as at the latest origin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from innovplan.engine._panel import _cums, _first, _Panel, _Pred, _States
from innovplan.engine._scratch import _work

if TYPE_CHECKING:
    import numpy.typing as npt

    from innovplan.engine._types import BoolArray, FloatArray, IntArray


def _tail_cumsum(terms: FloatArray, start: int, out: FloatArray | None = None) -> FloatArray:
    """``np.cumsum(terms, axis=1)[:, start:]``, without summing columns nobody reads.

    The columns before *start* are added one after the other into the first
    column kept, then each kept column gets the running sum before it: the
    same additions in the same order as ``np.cumsum``, so the same floats.
    Column by column, each addition is over whole rows of all series (a
    cumulative sum along the middle axis steps through short strided runs
    instead, several times slower), and only the kept columns are summed.
    Into *out* when given (every element is written).
    """
    k, big_l = terms.shape[:2]
    tail = np.empty((k, big_l - start, *terms.shape[2:])) if out is None else out
    if start:
        if start > 1 and terms.ndim == 3 and terms.shape[2] > 1 and terms.flags.c_contiguous:
            # A reduction over an outer axis adds its rows one after the
            # other, whole rows of all series at a time: the loop's additions
            # in the loop's order, in one call. It starts from -0.0, which
            # added to any x gives x (0.0 would turn an all -0.0 sum into
            # 0.0). With one series the axis would be the inner one, summed
            # pairwise, and so may be an axis of terms not in C order: the
            # loop below.
            head = np.add.reduce(terms[:, :start], axis=1, initial=-0.0)
        else:
            head = terms[:, 0].copy() if start == 1 else np.add(terms[:, 0], terms[:, 1])
            for j in range(2, start):
                head += terms[:, j]
        np.add(head, terms[:, start], out=tail[:, 0])
    elif big_l:
        tail[:, 0] = terms[:, 0]
    for j in range(1, tail.shape[1]):
        np.add(tail[:, j - 1], terms[:, start + j], out=tail[:, j])
    return tail


def _line_sums(
    tt: FloatArray,
    yt: FloatArray,
    mt: BoolArray,
    start: int = 0,
    *,
    squares: bool = True,
    kept: bool = False,
    counts: IntArray | None = None,
) -> FloatArray:
    """Running sums of a least-squares line on time, at every origin column from *start*.

    On time-major ``(L, S)`` arrays, with times and values centred on each
    series' last point (``tau = t - t_last``, ``v = y - y_last``) so the sums
    do not cancel catastrophically: the cumulative sums along time of
    ``tau``, ``v``, ``tau^2``, ``tau v`` and ``v^2``, shape
    ``(5, L - start, S)``; without *squares*, the first four only (all a
    line's fit needs). Padding adds exact zeros. With *kept*, the sums are
    this thread's kept work array (see _scratch), which the caller reads and
    lets go before it returns. *counts*, when given, are the points up to
    each column from *start* (integers), from a caller that knows every
    ``tau`` to be the whole number of columns before the last (yearly data
    whose differences are exact, see _whole_years): the sums of ``tau`` and
    ``tau^2`` are then worked out from the counts (see _whole_tau_sums).
    """
    if counts is not None and not squares:
        return _whole_line_sums(yt, mt, start, counts, kept=kept)
    # Padding is zero in tau and v, so in their products too (+0.0, as the
    # zeros it would otherwise be set to): one masked copy for each of the
    # two, plain products for the rest. Every element is written, so the
    # terms can live in this thread's kept work array (see _scratch): the
    # running sums are a new array, and nothing returned reads the terms.
    terms = _work("terms", (5 if squares else 4, *yt.shape))
    tau, v = terms[0], terms[1]
    pad = ~mt
    np.subtract(tt, tt[-1], out=tau)
    np.copyto(tau, 0.0, where=pad)
    np.subtract(yt, yt[-1], out=v)
    np.copyto(v, 0.0, where=pad)
    np.multiply(tau, tau, out=terms[2])
    np.multiply(tau, v, out=terms[3])
    if squares:
        np.multiply(v, v, out=terms[4])
    shape = (terms.shape[0], terms.shape[1] - start, terms.shape[2])
    return _tail_cumsum(terms, start, _work("line", shape) if kept else None)


def _whole_line_sums(
    yt: FloatArray, mt: BoolArray, start: int, counts: IntArray, *, kept: bool
) -> FloatArray:
    # _line_sums without squares for tau = i - (L - 1) in column i: v and
    # tau v summed as there, tau v as tau's column times v. On the padding
    # (v = +0.0) that product is -0.0, not the +0.0 of a masked tau; column
    # 0 is set to +0.0 there, so a padded series' running sum starts at
    # +0.0, and a zero term of either sign then leaves every sum the same
    # float (+0.0 + -0.0 is +0.0). A series without padding has the same
    # terms as there. (With NaN or infinite values, which the public paths
    # drop, a NaN's sign bit may differ.)
    big_l, s_count = yt.shape
    terms = _work("terms", (2, big_l, s_count))
    v, tv = terms
    pad = ~mt
    np.subtract(yt, yt[-1], out=v)
    np.copyto(v, 0.0, where=pad)
    np.multiply(np.arange(1.0 - big_l, 1.0)[:, None], v, out=tv)
    np.copyto(tv[0], 0.0, where=pad[0])
    shape = (4, big_l - start, s_count)
    sums = _work("line", shape) if kept else np.empty(shape)
    _tail_cumsum(terms, start, sums[1::2])
    _whole_tau_sums(counts, out=(sums[0], sums[2]))
    return sums


def _whole_tau_sums(counts: IntArray, *, out: tuple[FloatArray, FloatArray]) -> None:
    # The running sums of tau and tau^2 at the last counts.shape[0] columns,
    # for tau = i - (L - 1) in column i from each series' first point on:
    # with e = L - 1 - j columns after column j and k points up to it, the
    # sums -(e + ... + (e + k - 1)) = -(k e + k (k - 1) / 2) and
    # e^2 + ... + (e + k - 1)^2 = F(e + k - 1) - F(e - 1), F(m) = m (m + 1)
    # (2 m + 1) / 6. Whole numbers below 2^53, as every partial sum of the
    # whole-number terms is: the same floats as the running sums, +0.0 for
    # no point. Read from tables of each column and count.
    width = counts.shape[0]
    k = np.arange(int(counts.max(initial=0)) + 1)
    e = np.arange(width - 1, -1, -1)[:, None]
    last = e + k - 1
    by_tau = (-(k * e + k * (k - 1) // 2)).astype(np.float64)
    by_square = (last * (last + 1) * (2 * last + 1) // 6 - (e - 1) * e * (2 * e - 1) // 6).astype(
        np.float64
    )
    # Flat positions in the (width, top + 1) tables: row j, column k.
    at = counts + (np.arange(width) * k.size)[:, None]
    # Positions in range as built: k runs from 0 to the counts' own largest
    # (top), and point counts are >= 0 (the panel's nj, floored at 0), so
    # row j's positions stay in row j. "clip" takes the same elements, into
    # *out* directly (see _auto._by_index); a count below 0 would read the
    # end of the row before without an error, not raise.
    np.take(by_tau, at, out=out[0], mode="clip")
    np.take(by_square, at, out=out[1], mode="clip")


def _line_fit(
    sums: FloatArray,
    nj: FloatArray,
    *,
    slope_out: FloatArray | None = None,
    work: tuple[FloatArray, FloatArray, FloatArray] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Mean time, mean value (both centred), Sxx and slope from :func:`_line_sums`.

    The slope is written into *slope_out* when given one, else a new array;
    with *slope_out*, *work* (three arrays of the sums' shape) takes the
    mean time, mean value and Sxx, the same operations in their order.
    """
    st, sy, stt, sty = sums[:4]
    with np.errstate(invalid="ignore", divide="ignore"):
        if work is None or slope_out is None:
            tbar, ybar = st / nj, sy / nj
            sxx = stt - nj * tbar * tbar
            slope = np.divide(sty - nj * tbar * ybar, sxx, out=slope_out)
            return tbar, ybar, sxx, slope
        tbar, ybar, sxx = work
        np.divide(st, nj, out=tbar)
        np.divide(sy, nj, out=ybar)
        np.multiply(nj, tbar, out=sxx)
        sxx *= tbar
        np.subtract(stt, sxx, out=sxx)
        np.multiply(nj, tbar, out=slope_out)
        slope_out *= ybar
        np.subtract(sty, slope_out, out=slope_out)
        slope_out /= sxx
    return tbar, ybar, sxx, slope_out


def _increment_sums(tt: FloatArray, zt: FloatArray, mt: BoolArray, start: int = 0) -> FloatArray:
    """Running sums behind the increments' variance and lag-one autocorrelation.

    On time-major ``(L, S)`` arrays of times, values and the data mask: with
    increments ``d_t`` over spacings ``dt_t``, the cumulative sums along time
    of ``d^2 / dt``, ``d_t d_{t-1} / s``, ``(d_t dt_{t-1} + d_{t-1} dt_t) / s``
    and ``s``, ``s = sqrt(dt_t dt_{t-1})``; shape ``(4, L - start, S)``, the
    columns from *start* on. For a drift
    slope ``c`` they give the sum of squared standardised increments
    ``e_t = (d_t - c dt_t) / sqrt(dt_t)``, ``q - c^2 span``, and the sum of
    their lag-one products, ``a1 - c a2 + c^2 a3``. Padding adds exact zeros.
    """
    return _increment_sums_of(tt, (zt,), mt, start)[0]


def _all_one(dt: FloatArray) -> bool:
    # Every spacing exactly 1 year, NaN spacings (padding) aside: the yearly
    # data whose products and quotients by the spacing are exact and can be
    # left out (_increment_sums_of, and Holt's recursion in _auto).
    return bool(dt.size) and bool(
        np.fmin.reduce(dt, axis=None) == np.fmax.reduce(dt, axis=None) == 1.0
    )


def _whole_years(spacing: tuple[FloatArray, bool], t_first: FloatArray, step: FloatArray) -> bool:
    # Yearly data (every spacing computed as exactly 1, *spacing*'s flag as
    # _all_one gives it, and every
    # series' step 1) whose first times t_first (NaN: no point) are all at
    # least 2: a difference of two times that far from 0 and less than their
    # size apart is exact (Sterbenz 1974, "Floating-point computation",
    # section 4.2), so each spacing of exactly 1 is exactly one year, and the
    # time of a series' point k columns before its last is its last time
    # minus k, exactly. Times centred on the last point, spans since the
    # first and spans in steps are then whole numbers of the columns, the
    # same floats.
    return spacing[1] and bool(np.fmin.reduce(t_first) >= 2.0) and bool(np.all(step == 1.0))


def _increment_sums_of(
    tt: FloatArray,
    values: tuple[FloatArray, ...],
    mt: BoolArray,
    start: int = 0,
    *,
    kept: bool = False,
    counts: FloatArray | None = None,
    spacing: tuple[FloatArray, bool] | None = None,
) -> list[FloatArray]:
    """:func:`_increment_sums` of several value arrays on the same times and mask.

    The spacings, the mask of neighbouring pairs and the last sum (``s``,
    which reads the times only) are worked out once for all of them; each
    array's sums are the same floats as from a call of its own. With *kept*,
    the sums are this thread's kept work arrays (see _scratch), which the
    caller reads and lets go before it returns. *counts*, when given, are the
    points up to each column from *start* (the panel's counts, as floats):
    for yearly data the last sum is then the number of neighbouring pairs,
    ``max(counts - 2, 0)``, without summing. *spacing*, when given, is
    ``(tt[1:] - tt[:-1], _all_one(...) of it)``, worked out once by a caller
    that needs them too.
    """
    big_l, s_count = tt.shape
    out = []
    with np.errstate(invalid="ignore", divide="ignore"):
        dt, unit = spacing or (tt[1:] - tt[:-1], None)
        ok = mt[1:] & mt[:-1]
        pair = ok[1:] & ok[:-1]
        gap, no_pair = ~ok, ~pair
        # Spacings all exactly 1 (yearly data): s is 1, and dividing by 1 or
        # multiplying by it is exact, so the terms below are the same floats
        # without those operations (NaN spacings are padding, masked anyway).
        if unit is None:
            unit = _all_one(dt)
        sq = None if unit else np.sqrt(dt[1:] * dt[:-1])
        shared = None
        second = None
        if sq is None and counts is not None:
            # Each term of the last sum is 1.0 at a neighbouring pair and
            # +0.0 elsewhere, and the pairs of a right-aligned series with no
            # gap are its points but the first two: the running sum is that
            # count, a whole number, the same float.
            shared = np.maximum(counts - 2.0, 0.0)
            # The increments are zeroed where they are not between two
            # points, so that the pair terms need no mask of their own: a
            # pair term with one zeroed increment is a zero (of either
            # sign), except at each series' second point, where the one
            # increment before it is zeroed. Those terms are set to +0.0 by
            # flat position (row n' - 1 of the pair terms' columns 2 on, n'
            # the padding columns, for the series with 2 points or more
            # and padding before them; with none, it is column 1, zeroed
            # below). A running sum starts at +0.0 in column 0 and adds
            # the terms in order: a zero term of either sign leaves it the
            # same float (and +0.0 + -0.0 is +0.0), so the sums are the
            # floats of the masked terms.
            n = counts[-1].astype(np.intp)
            mid = np.flatnonzero((n >= 2) & (n < big_l))
            second = (big_l - 1 - n[mid]) * s_count + mid
        for i, zt in enumerate(values):
            sums = _work(f"sums{i}", (4, big_l - start, s_count)) if kept else None
            # Only the columns no term reaches are zeroed here (np.zeros
            # would clear the whole array first). Every element is written,
            # so the terms live in this thread's kept work array (see
            # _scratch): the sums below are new arrays.
            terms = _work("terms", (3 if shared is not None else 4, big_l, s_count))
            _increment_terms(zt, terms, (gap, no_pair), (dt, sq), second)
            if shared is None:
                terms[3, 2:] = pair if sq is None else np.where(pair, sq, 0.0)
                sums = _tail_cumsum(terms, start, sums)
                shared = sums[3]
            else:
                if sums is None:
                    sums = np.empty((4, big_l - start, s_count))
                _tail_cumsum(terms, start, sums[:3])
                sums[3] = shared
            out.append(sums)
            # Freed before the next array's terms are made: the largest
            # temporaries here are one array's, not two.
            del terms
    return out


def _increment_terms(
    zt: FloatArray,
    terms: FloatArray,
    masks: tuple[BoolArray, BoolArray],
    spacing: tuple[FloatArray, FloatArray | None],
    second: npt.NDArray[np.intp] | None,
) -> None:
    # The terms q, a1 and a2 of _increment_sums_of for the values zt, into
    # terms[:3]: masked by the points not in a neighbouring pair (gap) and
    # the pair terms not between two pairs (no_pair), or with *second* (the
    # yearly path, see there) the increments zeroed once and the pair terms
    # at the series' second points set by position. *spacing* is (dt, sq),
    # sq None for yearly data.
    gap, no_pair = masks
    dt, sq = spacing
    dt0, dt1 = dt[:-1], dt[1:]
    terms[:, :1] = 0.0
    terms[1:, 1:2] = 0.0
    q, a1, a2 = terms[0, 1:], terms[1, 2:], terms[2, 2:]
    # The increments d are written where q goes and read there by
    # the pair terms before q squares them in place: no array of
    # their own. Each term written in place, then zero where a point
    # is padding: the same floats as np.where(mask, term, 0.0).
    d = q
    np.subtract(zt[1:], zt[:-1], out=d)
    if second is not None:
        np.copyto(d, 0.0, where=gap)
    d1, d0 = d[1:], d[:-1]
    np.multiply(d1, d0, out=a1)
    if second is not None:
        np.add(d1, d0, out=a2)
        a1.reshape(-1)[second] = 0.0
        a2.reshape(-1)[second] = 0.0
    elif sq is None:
        np.add(d1, d0, out=a2)
    else:
        np.divide(a1, sq, out=a1)
        np.multiply(d1, dt0, out=a2)
        np.add(a2, d0 * dt1, out=a2)
        np.divide(a2, sq, out=a2)
    np.multiply(d, d, out=q)
    if second is None:
        if sq is not None:
            np.divide(q, dt, out=q)
        np.copyto(q, 0.0, where=gap)
        np.copyto(terms[1:3, 2:], 0.0, where=no_pair)


def _lag_one_r(
    sums: FloatArray,
    c: FloatArray,
    span: FloatArray,
    nj: FloatArray,
    *,
    spread: FloatArray | None = None,
    out: tuple[FloatArray, FloatArray, FloatArray] | None = None,
) -> FloatArray:
    # Lag-one autocorrelation of the drift-centred increments from the sums
    # of _increment_sums, bias-corrected to first order, r + (1 + 3 r) / m
    # for m increments (Kendall 1954, "Note on bias in the estimation of
    # autocorrelation", Biometrika 41, 403-404; Marriott and Pope 1954, "Bias
    # in the estimation of autocorrelations", Biometrika 41, 390-402). Not
    # finite (too few increments) reads as 0, the random walk.
    # The operations of (a1 - c a2 + c^2 a3) / (q - c^2 span), then
    # r + (1 + 3 r) / (nj - 1), in their order on two arrays of their own
    # (c^2 once): the same floats as the formula written out. The
    # denominator q - c^2 span is the drift's sum of squared errors: floored
    # at 0, it is written into *spread* when given (see _drift_states).
    # *out*, when given, holds three arrays of the result's shape: r (the
    # result), and two of scratch (the result, not they, may be kept).
    q, a1, a2, a3 = sums
    if out is None:
        shape = np.broadcast_shapes(q.shape, a1.shape, a2.shape, a3.shape, c.shape, span.shape)
        r, tmp = np.empty((2, *shape))
        cc: FloatArray | None = None
    else:
        r, tmp, cc = out
    with np.errstate(invalid="ignore", divide="ignore"):
        cc = np.multiply(c, c, out=cc)
        np.multiply(c, a2, out=r)
        np.subtract(a1, r, out=r)
        np.multiply(cc, a3, out=tmp)
        r += tmp
        np.multiply(cc, span, out=tmp)
        np.subtract(q, tmp, out=tmp)
        if spread is not None:
            np.maximum(tmp, 0.0, out=spread)
        r /= tmp
        np.multiply(r, 3.0, out=tmp)
        np.add(tmp, 1.0, out=tmp)
        tmp /= nj - 1.0 if out is None else np.subtract(nj, 1.0, out=cc)
        r += tmp
    # Not finite reads as 0 (+0.0, as np.where(finite, r, 0.0) gives).
    np.copyto(r, 0.0, where=~np.isfinite(r))
    got: FloatArray = r
    return got


def _increment_phi(p: _Panel, hi: float) -> FloatArray:
    # AR(1) coefficient phi of the noise around a linear trend, at every
    # origin, from the data up to it; the estimator of auto's spread
    # (_auto.py). The drift-centred increments of a trend plus AR(1) noise
    # have lag-one autocorrelation r = -(1 - phi) / 2: phi = 1 is the random
    # walk (r = 0), phi = 0 a trend with white noise (r = -1/2). phi = 1 + 2 r
    # is clipped to [0, hi].
    y0 = _first(p.Y, p.n)[:, None]
    t0 = _first(p.T, p.n)[:, None]
    sums = _increment_sums(p.T.T, p.Y.T, p.M.T).transpose(0, 2, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        span = p.T - t0
        c = (p.Y - y0) / span
    r = _lag_one_r(sums, c, span, p.nj.astype(np.float64))
    phi: FloatArray = np.clip(1.0 + 2.0 * r, 0.0, hi)
    return phi


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
    ones = np.ones_like(p.Y)  # phi = 1: the random walk, the textbook spread
    return (p.Y, c, sig2, span, p.nj.astype(np.float64), ones, ones)


def _trend_ar1_steps(hs: FloatArray, x: FloatArray, phi: FloatArray, oms: FloatArray) -> FloatArray:
    """Drift errors under a linear trend plus AR(1) noise, in units of one increment's variance.

    With ``hs`` the horizon in steps, ``x = hs / S`` (``S`` the span of the
    slope in steps), ``phi`` the AR(1) coefficient and ``oms = 1 - phi^S``:
    ``[(1 - phi^h) + x^2 (1 - phi^S) + x (1 - phi^h)(1 - phi^S)] / (1 - phi)``,
    and at ``phi = 1`` its limit ``h + h x``, the textbook random walk with
    drift ``h (1 + h / S)`` (Hyndman and Athanasopoulos 2021, section 5.5).
    ``phi = 0`` is a trend with white noise, whose errors do not grow with h.
    Shared by the drift, the average change and ``auto`` (docs/methods.md,
    "auto's spread").
    """
    om = 1.0 - phi
    near = om < 1e-6
    omh = 1.0 - phi**hs
    ar = (omh + x * (x * oms + omh * oms)) / np.where(near, 1.0, om)
    out: FloatArray = np.where(near, hs + hs * x, ar)
    return out


def _drift_predict(s: _States, h: FloatArray) -> _Pred:
    y, c, sig2, span, nj, phi, step = s
    # Drift errors under a linear trend plus AR(1) noise with coefficient phi,
    # in steps (the spread of auto, see _auto_predict and docs/methods.md):
    # with v = sig2 * step the variance of one increment and x = h / S,
    # var = v / (1 - phi) [(1 - phi^h) + x^2 (1 - phi^S) + x (1 - phi^h)(1 - phi^S)].
    # phi = 1 gives the textbook random walk with drift, sigma2 (h + h^2 / S);
    # the drift model itself always passes phi = 1 (and step = 1).
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        hs = h / step
        x = hs * step / span
        var = sig2 * step * _trend_ar1_steps(hs, x, phi, 1.0 - phi ** (span / step))
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
    # Spread: the window slope's errors under a linear trend plus AR(1) noise
    # (_drift_predict with the window's span S), as auto's spread; the random
    # walk's sqrt(h) growth overstates the errors around a trend, which level
    # off. phi and the increment variance come from all increments up to the
    # origin (the window's own five say little about either): the variance is
    # the drift's, (Q - c^2 span) / (n - 2) with c the slope since the first
    # point, and the degrees of freedom n - 2 with it.
    s = p.Y.shape[1]
    lag_y = np.full_like(p.Y, np.nan)
    lag_t = np.full_like(p.T, np.nan)
    if s > w:
        lag_y[:, w:] = p.Y[:, :-w]
        lag_t[:, w:] = p.T[:, :-w]
    phi = _increment_phi(p, 1.0)
    step = np.broadcast_to(p.step[:, None], p.Y.shape)
    sig2 = _drift_states(p)[2]
    with np.errstate(invalid="ignore", divide="ignore"):
        span = p.T - lag_t
        c = (p.Y - lag_y) / span
    nj = np.where(p.nj > w, p.nj.astype(np.float64), np.nan)
    return (p.Y, c, sig2, span, nj, phi, step)


def _linear_states(p: _Panel) -> _States:
    # Ordinary least squares on time with the Student-t prediction interval
    # var = s^2 (1 + 1/n + (t_h - tbar)^2 / Sxx), df = n - 2 (e.g. Draper and
    # Smith, "Applied Regression Analysis", 3rd ed. 1998, section 3.1).
    # That interval assumes independent errors. With AR(1) errors of
    # coefficient phi the line's estimation error has about (1 + phi) /
    # (1 - phi) times the variance, the sample holding only the "effective"
    # n (1 - phi) / (1 + phi) independent points (Wilks, "Statistical Methods
    # in the Atmospheric Sciences", 3rd ed. 2011, section 5.2.4; for a trend
    # line, Santer et al. 2000, "Statistical significance of trends and trend
    # differences in layer-average atmospheric temperature time series",
    # J. Geophys. Res. 105, 7337-7356, section 3), so
    # var = s^2 (1 + (1/n + (t_h - tbar)^2 / Sxx) (1 + phi) / (1 - phi)).
    # phi comes from the increments as for the window's spread
    # (_increment_phi), clipped to [0, 0.8]: phi <= 0 keeps the textbook
    # interval, and near 1 the noise is a random walk, for which no trend
    # line's interval holds.
    # Times and values are centred on the series' last point so the
    # running sums do not cancel catastrophically.
    nj = p.nj.astype(np.float64)
    phi = _increment_phi(p, 0.8)
    sums = _line_sums(p.T.T, p.Y.T, p.M.T).transpose(0, 2, 1)
    tbar, ybar, sxx, slope = _line_fit(sums, nj)
    with np.errstate(invalid="ignore", divide="ignore"):
        sse = np.maximum(sums[4] - nj * ybar * ybar - slope * slope * sxx, 0.0)
        s2 = sse / (nj - 2.0)
    vif = (1.0 + phi) / (1.0 - phi)
    return (p.T - p.T[:, -1:], tbar, ybar + p.Y[:, -1:], slope, sxx, s2, nj, vif)


def _linear_predict(s: _States, h: FloatArray) -> _Pred:
    tau, tbar, ybar, slope, sxx, s2, nj, vif = s
    th = tau + h - tbar
    with np.errstate(invalid="ignore", divide="ignore"):
        var = s2 * (1.0 + (1.0 / nj + th * th / sxx) * vif)
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
    big_j = p.J  # made on each reading
    pw = om ** big_j[None, :, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        reg = np.where(a[:, :, None] > 0, (1.0 - pw) / a[:, :, None], big_j[None])
    return levels, reg, yb


def _pick(x: FloatArray, best: IntArray) -> FloatArray:
    # x[best[s, j], s, j] of a (G, S, L) array: the grid value chosen per origin.
    out: FloatArray = np.take_along_axis(x, best[None], axis=0)[0]
    return out


def _honest_sq(p: _Panel, fc1: FloatArray) -> tuple[FloatArray, FloatArray]:
    # Running sum and count of the squared one-step errors y_t - fc1_{t-1}
    # made out of sample: fc1_{t-1} is the forecast from origin t - 1 with
    # the parameters chosen there (from origins with 3 points or more). These
    # are the prequential errors of Dawid (1984, "Present position and
    # potential developments: some personal views. Statistical theory: the
    # prequential approach", J. R. Statist. Soc. A 147, 278-292, section 5);
    # unlike the in-sample errors they carry the cost of choosing the
    # parameters from few points. Zero before a series' first origin, so a
    # batch's padding adds exact zeros.
    okh = np.zeros(p.M.shape, dtype=bool)
    okh[:, 1:] = p.M[:, 1:] & (p.nj[:, :-1] >= 3)
    err = np.zeros_like(p.Y)
    err[:, 1:] = p.Y[:, 1:] - fc1[:, :-1]
    ss: FloatArray = np.cumsum(np.where(okh, err * err, 0.0), axis=1)
    cnt: FloatArray = np.cumsum(okh, axis=1).astype(np.float64)
    return ss, cnt


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
    # observation steps of the series' median spacing.
    # Every origin column j has its own fit from the data up to j: the slope
    # b_j, the running sums of the one-step errors (cumulative along the
    # columns: sums in index order, to which padding adds exact zeros), and
    # d and alpha chosen at j.
    # Spread. sigma^2 is the in-sample mean square on n_e - k degrees of
    # freedom (n_e one-step errors, k = 1 fitted parameter, alpha, or 2 with
    # the optimised drift), or the mean square of the out-of-sample one-step
    # errors (_honest_sq) if that is larger. The textbook variance treats d as
    # known; the forecast is A_n + d (R_n + h), linear in d, so d's error adds
    # (R_n + h)^2 MSE(d) (the prediction variance of a regression forecast,
    # e.g. Draper and Smith 1998, section 3.1). MSE(d) is at least the
    # variance sigma^2 / sum C_t^2 of the least-squares drift d_ls of the
    # one-step errors, and at least the squared gap (d - d_ls)^2 when d is
    # not d_ls (standard Theta's b / 2, or a clipped optimised drift). With
    # alpha = 1 and d = d_ls this is the drift's textbook
    # sigma^2 (h + h^2 / (n - 1)) (Hyndman and Athanasopoulos 2021, section 5.5).
    lin = _linear_states(p)
    b = np.nan_to_num(lin[3] * p.step[:, None])[None]  # (1, S, L): slope per step up to j
    lev, reg, yb = _ses_filter(p, _THETA_ALPHAS)
    a = np.zeros_like(lev)
    a[:, :, 1:] = yb[None, :, 1:] - lev[:, :, :-1]  # zero before and at the first point
    saa = np.cumsum(a * a, axis=-1)
    sac = np.cumsum(a * reg, axis=-1)
    scc = np.cumsum(reg * reg, axis=-1)  # reg is zero before and at the first point
    if optimized:
        with np.errstate(divide="ignore", invalid="ignore"):
            d = sac / scc
        d = np.clip(np.nan_to_num(d), np.minimum(b, 0.0), np.maximum(b, 0.0))
    else:
        d = np.broadcast_to(b / 2.0, saa.shape)
    sse = np.maximum(saa - 2.0 * d * sac + d * d * scc, 0.0)
    best = np.argmin(sse, axis=0)  # (S, L)
    alpha = _THETA_ALPHAS[best]
    dd = _pick(d, best)
    # Level at origin j: A_j + d R_j, R_j = (1 - alpha)/alpha (1 - (1 - alpha)^J_j).
    om = 1.0 - alpha
    big_j = p.J  # made on each reading
    r_j = om / alpha * (1.0 - om**big_j)
    level = _pick(lev, best) + dd * r_j
    k = 2.0 if optimized else 1.0
    df = big_j - k  # J one-step errors up to each column
    hss, hcnt = _honest_sq(p, level + dd)
    scc_b = _pick(scc, best)
    with np.errstate(invalid="ignore", divide="ignore"):
        sig2 = _pick(sse, best) / df
        sig2 = np.where(hcnt >= 1, np.maximum(sig2, hss / np.maximum(hcnt, 1.0)), sig2)
        d_ls = _pick(sac, best) / scc_b
        mse_d = np.maximum(sig2 / scc_b, (dd - d_ls) ** 2)
    step = np.broadcast_to(p.step[:, None], alpha.shape)
    return (np.where(p.M, level, np.nan), dd, sig2, alpha, step, df, r_j, mse_d)


def _theta_predict(s: _States, h: FloatArray) -> _Pred:
    lev, d, sig2, alpha, step, df, r_j, mse_d = s
    hs = h / step
    with np.errstate(invalid="ignore"):
        rh = r_j + hs
        var = sig2 * (1.0 + alpha * alpha * np.maximum(hs - 1.0, 0.0)) + rh * rh * mse_d
        # (Negative only at origins with fewer errors than parameters, which
        # the driver does not use: NaN there.)
        scale = np.sqrt(var)
    return _Pred(lev + d * hs, scale, df)


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
    # In-sample squared error, summed column by column (padding adds exact
    # zeros, so a series sums to the same float alone and in a batch), kept at
    # every column: each origin chooses its grid point from the errors up to
    # it, so rolling-origin errors are out of sample as at the latest origin.
    sse = np.zeros((s, g))
    sse_j = np.zeros((s, g, big_l))
    for j in range(big_l):
        yj = p.Y[:, j : j + 1]
        mj = p.M[:, j : j + 1]
        nj = p.nj[:, j : j + 1]
        start = mj & (nj == 1)
        second = mj & (nj == 2)
        rest = mj & (nj > 2)
        fc = lev + f * tr
        e = yj - fc
        sse += np.where(rest, e * e, 0.0)
        sse_j[:, :, j] = sse
        new_lev = fc + a * e
        new_tr = f * tr + b * e
        # Initial state from the first two points: level y1, trend y2 - y1.
        tr = np.where(second, yj - lev, np.where(rest, new_tr, tr))
        lev = np.where(start | second, yj, np.where(rest, new_lev, lev))
        levels[:, :, j] = np.where(mj, lev, np.nan)
        trends[:, :, j] = np.where(mj, tr, np.nan)
    best = np.argmin(sse_j, axis=1)[:, None, :]  # (S, 1, L)

    def pick(x: FloatArray) -> FloatArray:
        out: FloatArray = np.take_along_axis(x, best, axis=1)[:, 0, :]
        return out

    # sigma^2: the in-sample mean square (n - 2 errors, one degree of freedom
    # less), or the out-of-sample one-step mean square if larger (see
    # _honest_sq and the Theta spread).
    cnt = np.maximum(p.nj - 2, 0).astype(np.float64)
    pars = [_DAMPED_GRID[best[:, 0, :], k] for k in range(3)]
    lv, tv = pick(levels), pick(trends)
    hss, hcnt = _honest_sq(p, lv + pars[2] * tv)
    with np.errstate(invalid="ignore", divide="ignore"):
        sig2 = pick(sse_j) / (cnt - 1.0)
        sig2 = np.where(hcnt >= 1, np.maximum(sig2, hss / np.maximum(hcnt, 1.0)), sig2)
    step = np.broadcast_to(p.step[:, None], lv.shape)
    return (lv, tv, sig2, *pars, step, cnt)


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
