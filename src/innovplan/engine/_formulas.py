"""The attainment formulas: the met set of a comparator, comparison, ratio, score, gap.

Published methods behind the formulas:

- attainment ratio: IATI results guidance (actual against target, with the
  baseline: baseline 15, target 50, actual 53 is met) and the OKR grading of
  Google's *re:Work* guide (3 of 6 features launched grades 0.5); the score is
  the ratio capped to [0, 1] as OKR grades are.
- progress: ESCAP's "current status index" for the SDG progress report,
  ``(I_current - I_baseline) / (I_target - I_baseline)``.

Example:
    >>> import numpy as np
    >>> from innovplan.engine import codes as c
    >>> met, exceeded = compare(np.array([53.0]), np.array([c.EXACT], np.int8),
    ...     np.array([50.0]), np.array([np.nan]), np.array([c.AT_LEAST], np.int8),
    ...     np.array([c.INCREASE], np.int8), np.array([0.0]))
    >>> met.tolist(), exceeded.tolist()
    ([1], [False])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from innovplan.engine import _codes as c
from innovplan.engine._segments import (
    _OFFSET,
    EPS_TIME,
)

if TYPE_CHECKING:
    from innovplan.engine._coltypes import TargetArrays
    from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = [
    "DEFAULT_ABOUT_PP",
    "DEFAULT_ABOUT_REL",
    "REL_EPS",
    "attainment",
    "band",
    "compare",
    "gap",
    "interval",
    "on_basis",
    "progress",
    "reference",
    "score",
    "target_level",
]


# Relative slack for comparisons at the boundary: unit conversion may move a
# magnitude by a few ulps (1450亿元 and 1.45e11 yuan must compare alike).
REL_EPS = 1e-12
# Default ABOUT tolerances (docs/attainment.md): ±0.5 percentage point for
# percent-valued targets, ±5 % of the target otherwise.
DEFAULT_ABOUT_PP = 0.5
DEFAULT_ABOUT_REL = 0.05


# -- formulas ------------------------------------------------------------------
#
# The comparator and direction columns are random-access codes, so a per-element
# choice between formulas (``np.where``, ``np.select``) mispredicts a branch on
# most elements and costs several times an arithmetic pass. The kernels below
# therefore (1) turn codes into boolean masks with cheap int8 comparisons or a
# small lookup table, (2) combine masks with bitwise operations instead of
# selecting, (3) compute a formula that only some rows need on those rows alone
# (through their indices) and skip it when there are none, and (4) compute the
# shared parts (the slack, the finite ends of the met interval) once.

# Which ends of the met interval are finite, by ``(comparator, direction)``, and
# what the early status and the "exceeded" flag need to know: bits of an int8
# table indexed by ``comparator * 3 + direction``.
_LO = 1  # the met set has a lower end ("at least", "more than", a range)
_HI = 2  # the met set has an upper end
_CLOSED_BETTER = 4  # the met set is closed in the better direction: more of it stays met
_EXCEED_UP = 8  # EQUAL / ABOUT of an INCREASE indicator: beyond the number is "exceeded"
_EXCEED_DOWN = 16  # EQUAL / ABOUT of a DECREASE indicator


def _kind_table() -> Int8Array:
    """The bits above for every comparator and direction code (docs/attainment.md)."""
    table = np.zeros(7 * 3, dtype=np.int8)
    for comp in range(7):
        loose = comp in {c.ABOUT, c.EQUAL}
        for direc in range(3):
            inc, dec, near = direc == c.INCREASE, direc == c.DECREASE, direc == c.NEAR
            lower_side = comp in {c.AT_LEAST, c.MORE_THAN} or (loose and inc)
            upper_side = comp in {c.AT_MOST, c.LESS_THAN} or (loose and dec)
            two_sided = comp == c.BETWEEN or (loose and near)
            better = (inc and (comp in {c.AT_LEAST, c.MORE_THAN} or loose)) or (
                dec and (comp in {c.AT_MOST, c.LESS_THAN} or loose)
            )
            bits = (
                (_LO if lower_side or two_sided else 0)
                | (_HI if upper_side or two_sided else 0)
                | (_CLOSED_BETTER if better else 0)
                | (_EXCEED_UP if loose and inc else 0)
                | (_EXCEED_DOWN if loose and dec else 0)
            )
            table[comp * 3 + direc] = bits
    table.flags.writeable = False  # shared by every call, from any thread
    return table


_KINDS = _kind_table()


def _kinds(comparator: Int8Array, direction: Int8Array) -> Int8Array:
    """Per target, the bits of :data:`_KINDS` (codes outside the tables get none)."""
    key = comparator * np.int8(3) + direction  # int8: at most 20 for valid codes
    ok = (comparator >= 0) & (comparator < 7) & (direction >= 0) & (direction < 3)
    if not ok.all():
        key = np.where(ok, key, _KINDS.shape[0])
        return np.append(_KINDS, np.int8(0)).take(key)
    return _KINDS.take(key)


def _has(kinds: Int8Array, bit: int) -> BoolArray:
    out: BoolArray = (kinds & np.int8(bit)).astype(bool)
    return out


def band(
    value: FloatArray, tol_abs: FloatArray, tol_rel: FloatArray, percent: BoolArray
) -> FloatArray:
    """Half-width of the ABOUT tolerance band around *value*.

    An absolute tolerance wins, then a relative one; with neither, the defaults:
    0.5 percentage point for percent-valued targets, 5 % of the target otherwise.

    Example:
        >>> import numpy as np
        >>> nan = np.nan
        >>> band(np.array([11.0, 1450.0]), np.array([nan, nan]), np.array([nan, nan]),
        ...      np.array([True, False])).tolist()
        [0.5, 72.5]
    """
    default = np.where(percent, DEFAULT_ABOUT_PP, DEFAULT_ABOUT_REL * np.abs(value))
    rel = np.where(np.isnan(tol_rel), default, tol_rel * np.abs(value))
    return np.where(np.isnan(tol_abs), rel, tol_abs)


def _about_band(targets: TargetArrays, value: FloatArray) -> FloatArray:
    """:func:`band` around *value* for the ABOUT targets, 0 for the others (which ignore it)."""
    half = np.zeros(value.shape[0])
    idx = np.flatnonzero(targets.comparator == c.ABOUT)
    if idx.shape[0]:
        half[idx] = band(
            value[idx], targets.tol_abs[idx], targets.tol_rel[idx], targets.percent[idx]
        )
    return half


def _ends(
    value: FloatArray, upper: FloatArray, comparator: Int8Array, half_width: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The met interval's ends as if both were finite.

    With ``w`` the ABOUT half-width (0 for other comparators), the lower end is
    ``value - w`` and the upper end ``value + w``, or the upper value for
    BETWEEN. Which of them apply comes from :data:`_KINDS`.
    """
    about = np.flatnonzero(comparator == c.ABOUT)
    if about.shape[0]:
        w = np.zeros(value.shape[0])
        w[about] = half_width[about]
        lo, hi = value - w, value + w
    else:
        lo, hi = value.copy(), value.copy()
    between = np.flatnonzero(comparator == c.BETWEEN)
    if between.shape[0]:
        hi[between] = upper[between]
    return lo, hi


def interval(
    value: FloatArray,
    upper: FloatArray,
    comparator: Int8Array,
    direction: Int8Array,
    half_width: FloatArray,
) -> tuple[FloatArray, FloatArray, BoolArray, BoolArray]:
    """The set of values that meet each target, as an interval with open or closed ends.

    MORE_THAN is strict and AT_LEAST is not (超过/突破 exclude the number, 以上
    includes it: Civil Code art. 1259). EQUAL ("reach 9,000") and ABOUT are met
    at or beyond the number in the indicator's better direction; for NEAR
    indicators both sides count.

    Returns:
        ``lo, hi, lo_closed, hi_closed`` (infinite ends for one-sided targets).

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> lo, hi, lc, hc = interval(np.array([10.0]), np.array([np.nan]),
        ...     np.array([c.MORE_THAN], np.int8), np.array([c.INCREASE], np.int8), np.zeros(1))
        >>> lo.tolist(), hi.tolist(), lc.tolist()
        ([10.0], [inf], [False])
    """
    kinds = _kinds(comparator, direction)
    lo, hi = _ends(value, upper, comparator, half_width)
    lo = np.where(_has(kinds, _LO), lo, -np.inf)
    hi = np.where(_has(kinds, _HI), hi, np.inf)
    return lo, hi, comparator != c.MORE_THAN, comparator != c.LESS_THAN


def _beyond(x: FloatArray, end: FloatArray, strict: BoolArray, *, above: bool) -> BoolArray:
    """``x`` at or beyond *end* (strictly where *strict*), with the conversion slack.

    Unit conversion may move a magnitude by a few ulps, so a closed end is
    widened and a strict one narrowed by ``REL_EPS * |end|``. Both comparisons
    are full passes combined bitwise: cheaper than selecting per element.
    """
    slack = np.abs(end)
    slack *= REL_EPS
    with np.errstate(invalid="ignore"):
        if above:
            out = x >= end - slack
            if strict.any():
                out &= ~strict
                out |= strict & (x > end + slack)
        else:
            out = x <= end + slack
            if strict.any():
                out &= ~strict
                out |= strict & (x < end - slack)
    return out


def compare(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    x: FloatArray,
    bound: Int8Array,
    value: FloatArray,
    upper: FloatArray,
    comparator: Int8Array,
    direction: Int8Array,
    half_width: FloatArray,
) -> tuple[Int8Array, BoolArray]:
    """Whether each observation meets its target, honouring bounds.

    A point value is met or not. A lower bound (">12,000": the truth is *x* or
    more) is met when every value from *x* up is met, not met when none is, and
    undecided otherwise; an upper bound mirrors it. NaN is undecided. The met
    set is the :func:`interval`, whose infinite ends are not materialised here:
    a missing end is simply passed.

    Returns:
        ``met`` (1, 0 or -1 for undecided) and ``exceeded`` (EQUAL or ABOUT met
        beyond the number, or beyond the band, in the better direction).

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> met, _ = compare(np.array([12000.0, 14500.0]),
        ...     np.array([c.LOWER, c.LOWER], np.int8), np.array([13000.0, 13000.0]),
        ...     np.full(2, np.nan), np.array([c.MORE_THAN] * 2, np.int8),
        ...     np.array([c.INCREASE] * 2, np.int8), np.zeros(2))
        >>> met.tolist()
        [-1, 1]
    """
    kinds = _kinds(comparator, direction)
    no_lo = ~_has(kinds, _LO)
    no_hi = ~_has(kinds, _HI)
    lo, hi = _ends(value, upper, comparator, half_width)
    # A missing end passes every value (NaN included; NaN is undecided below anyway).
    ok_lo = _beyond(x, lo, comparator == c.MORE_THAN, above=True) | no_lo
    ok_hi = _beyond(x, hi, comparator == c.LESS_THAN, above=False) | no_hi
    point = ok_lo & ok_hi
    if not bound.any():
        # Point values only (the common case): met or not met, nothing undecided.
        met = point.astype(np.int8)
    else:
        lower, upper_b = bound == c.LOWER, bound == c.UPPER
        exact = ~(lower | upper_b)
        # A lower bound decides "met" only when the met set is unbounded above.
        with np.errstate(invalid="ignore"):
            up_open = no_hi | (hi == np.inf)
            down_open = no_lo | (lo == -np.inf)
        yes = point & (exact | (lower & up_open) | (upper_b & down_open))
        no = (exact & ~point) | (lower & ~ok_hi) | (upper_b & ~ok_lo)
        # 1 for yes, 0 for no, -1 for neither (yes and no exclude each other).
        met = yes.astype(np.int8) - (~(yes | no)).astype(np.int8)
    nan_x = np.isnan(x)
    if nan_x.any():
        met[nan_x] = c.UNDECIDED
    up, down = _has(kinds, _EXCEED_UP), _has(kinds, _EXCEED_DOWN)
    exceeded = np.zeros(x.shape[0], dtype=bool)
    if up.any() or down.any():
        # These rows are EQUAL / ABOUT, never BETWEEN: ``hi`` is ``value + w`` and
        # ``lo`` is ``value - w`` there.
        eps = REL_EPS * np.abs(value)
        with np.errstate(invalid="ignore"):
            beyond = (up & (x > hi + eps)) | (down & (x < lo - eps))
        exceeded = beyond & (met == c.MET)
    return met, exceeded


def reference(
    value: FloatArray, upper: FloatArray, comparator: Int8Array, direction: Int8Array
) -> FloatArray:
    """The number an observation is measured against.

    The target; for BETWEEN the lower end (INCREASE), the upper end (DECREASE)
    or the middle (NEAR).

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> reference(np.array([2.0]), np.array([3.0]), np.array([c.BETWEEN], np.int8),
        ...           np.array([c.NEAR], np.int8)).tolist()
        [2.5]
    """
    ref = value.copy()
    idx = np.flatnonzero(comparator == c.BETWEEN)
    if idx.shape[0]:
        v, u, d = value[idx], upper[idx], direction[idx]
        ref[idx] = np.where(d == c.INCREASE, v, np.where(d == c.DECREASE, u, (v + u) / 2))
    return ref


def attainment(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    x: FloatArray,
    ref: FloatArray,
    value: FloatArray,
    upper: FloatArray,
    comparator: Int8Array,
    direction: Int8Array,
) -> FloatArray:
    """Direction-aware ratio of observed to target, uncapped.

    INCREASE: ``x / ref``; DECREASE: ``ref / x``; NEAR: ``1 - |x - ref| / |ref|``
    (for a NEAR BETWEEN range the distance is to the range, so inside it the
    ratio is 1). Ratios of numbers of different signs mean nothing, so a
    negative reference (a growth target of -2 %) is mirrored to stay
    monotone: INCREASE gives ``2 - x / ref`` and DECREASE gives ``x / ref``.
    A DECREASE target met at zero or below is infinitely attained. A zero
    reference gives NaN.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> x = np.array([3.0, 8.0]); ref = np.array([6.0, 10.0])
        >>> attainment(x, ref, ref, np.full(2, np.nan), np.zeros(2, np.int8),
        ...            np.array([c.INCREASE, c.DECREASE], np.int8)).tolist()
        [0.5, 1.25]
    """
    inc, dec = direction == c.INCREASE, direction == c.DECREASE
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = x / ref  # INCREASE with a positive reference, the common case
        mirrored = np.flatnonzero(inc & ~(ref > 0))
        if mirrored.shape[0]:
            out[mirrored] = 2.0 - out[mirrored]
        idx = np.flatnonzero(dec)
        if idx.shape[0]:
            xi, ri = x[idx], ref[idx]
            out[idx] = np.where(ri > 0, np.where(xi > 0, ri / xi, np.inf), out[idx])
        idx = np.flatnonzero(~(inc | dec))
        if idx.shape[0]:
            xi, ri = x[idx], ref[idx]
            dist = np.where(
                comparator[idx] == c.BETWEEN,
                np.maximum(0.0, np.maximum(value[idx] - xi, xi - upper[idx])),
                np.abs(xi - ri),
            )
            out[idx] = 1.0 - dist / np.abs(ri)
    bad = (ref == 0) | np.isnan(x)
    if bad.any():
        out[bad] = np.nan
    return out


def score(att: FloatArray, met: Int8Array) -> FloatArray:
    """Attainment capped to [0, 1], as OKR grades are; a met target with no ratio scores 1.

    Example:
        >>> import numpy as np
        >>> score(np.array([0.5, 1.4, np.nan]), np.array([0, 1, 1], np.int8)).tolist()
        [0.5, 1.0, 1.0]
    """
    s = np.maximum(att, 0.0)
    np.minimum(s, 1.0, out=s)
    missing = np.isnan(s)
    if np.any(missing):
        fill = np.where(met == c.MET, 1.0, np.where(met == c.NOT_MET, 0.0, np.nan))
        s[missing] = fill[missing]
    return s


def gap(
    x: FloatArray, ref: FloatArray, value: FloatArray, upper: FloatArray, comparator: Int8Array
) -> FloatArray:
    """Observed minus target on the target's basis; for BETWEEN the distance outside the range.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> gap(np.array([14.6]), np.array([11.0]), np.array([11.0]), np.array([np.nan]),
        ...     np.array([c.ABOUT], np.int8)).round(6).tolist()
        [3.6]
    """
    g = x - ref
    idx = np.flatnonzero(comparator == c.BETWEEN)
    if idx.shape[0]:
        xi, v, u = x[idx], value[idx], upper[idx]
        g[idx] = np.where(xi < v, xi - v, np.where(xi > u, xi - u, 0.0))
    return g


def on_basis(
    level: FloatArray, time: FloatArray, base: FloatArray, base_time: FloatArray, basis: Int8Array
) -> FloatArray:
    """Turn observed levels into the target's basis.

    VALUE (and a cumulative sum, an every-year value) keeps the level; CHANGE is
    ``level - base``; PERCENT_CHANGE is
    ``(level / base - 1) * 100``; AVERAGE_ANNUAL is the compound rate
    ``((level / base) ** (1 / years) - 1) * 100`` with ``years`` from the end of
    the baseline's period to the end of the observed one.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> r = on_basis(np.array([121.0]), np.array([2025.0]), np.array([100.0]),
        ...              np.array([2023.0]), np.array([c.AVERAGE_ANNUAL], np.int8))
        >>> r.round(9).tolist()
        [10.0]
    """
    years = time - base_time
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = np.where(base > 0, level / base, np.nan)
        pct = (ratio - 1.0) * 100.0
        aa = (np.power(ratio, 1.0 / np.where(years > EPS_TIME, years, np.nan)) - 1.0) * 100.0
    # A cumulative sum and an every-year value are compared as they are.
    as_is = (basis == c.VALUE) | (basis == c.CUMULATIVE_SUM) | (basis == c.EVERY_YEAR)
    return np.select(
        [as_is, basis == c.CHANGE, basis == c.PERCENT_CHANGE],
        [level, level - base, pct],
        aa,
    )


def target_level(
    ref: FloatArray, base: FloatArray, base_time: FloatArray, end: FloatArray, basis: Int8Array
) -> FloatArray:
    """The level the target implies at its deadline (for progress from the baseline).

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> lvl = target_level(np.array([10.0]), np.array([100.0]), np.array([2023.0]),
        ...                    np.array([2025.0]), np.array([c.AVERAGE_ANNUAL], np.int8))
        >>> lvl.round(9).tolist()
        [121.0]
    """
    with np.errstate(invalid="ignore", over="ignore"):
        grown = base * np.power(1.0 + ref / 100.0, end - base_time)
    as_is = (basis == c.VALUE) | (basis == c.CUMULATIVE_SUM) | (basis == c.EVERY_YEAR)
    return np.select(
        [as_is, basis == c.CHANGE, basis == c.PERCENT_CHANGE],
        [ref, base + ref, base * (1.0 + ref / 100.0)],
        grown,
    )


def progress(
    level: FloatArray, base: FloatArray, goal: FloatArray, direction: Int8Array
) -> FloatArray:
    """Share of the distance from baseline to target covered (ESCAP current status).

    ``(level - base) / (goal - base)``; for NEAR indicators
    ``1 - |level - goal| / |base - goal|``. NaN without a baseline or when the
    baseline already equals the target.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> progress(np.array([53.0]), np.array([15.0]), np.array([50.0]),
        ...          np.array([c.INCREASE], np.int8)).round(6).tolist()
        [1.085714]
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        span = goal - base
        p = (level - base) / span
        near = 1.0 - np.abs(level - goal) / np.abs(span)
    out = np.where(direction == c.NEAR, near, p)
    out[span == 0] = np.nan
    return out


def _flow_keep(
    pt: IntArray, s: FloatArray, e: FloatArray, cand: BoolArray
) -> tuple[BoolArray, BoolArray]:
    """Among each target's flow candidates, drop periods nested in a longer one.

    Periods that overlap without nesting cannot be summed; the later one is
    left out and the target flagged.

    Returns:
        ``keep`` per pair and ``overlap`` per pair (left out for overlap).
    """
    keep = cand.copy()
    overlap = np.zeros(cand.shape[0], dtype=bool)
    idx = np.flatnonzero(cand)
    if idx.shape[0] < 2:
        return keep, overlap
    seg = pt[idx]
    multi = np.zeros(idx.shape[0], dtype=bool)
    multi[1:] |= seg[1:] == seg[:-1]
    multi[:-1] |= seg[1:] == seg[:-1]
    idx = idx[multi]
    if idx.shape[0] == 0:
        return keep, overlap
    off = pt[idx].astype(np.float64) * _OFFSET
    order = np.lexsort((-e[idx], s[idx], pt[idx]))
    idx, off = idx[order], off[order]
    so, eo = s[idx] + off, e[idx] + off
    run = np.maximum.accumulate(eo)
    prev = np.empty_like(run)
    prev[0] = -np.inf
    prev[1:] = run[:-1]
    first = np.ones(idx.shape[0], dtype=bool)
    first[1:] = pt[idx][1:] != pt[idx][:-1]
    prev[first] = -np.inf
    nested = eo <= prev + EPS_TIME
    crossing = ~nested & (so < prev - EPS_TIME)
    keep[idx[nested | crossing]] = False
    overlap[idx[crossing]] = True
    return keep, overlap
