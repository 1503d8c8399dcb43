"""Attainment kernels: pure numpy functions over target and observation columns.

Every figure of an assessment is computed here, for one target or a million, by
the same code: vintage selection, the evidence for each target's period (the
latest stock, a growth rate, a flow summed over the periods that cover the
target's), the basis transform (change, percent change, compound average annual
growth), milestones, the comparison with bounds, the attainment ratio, the
score, the gap, the progress from the baseline, the status and "achieved late".

Conventions: times are fractional years and periods are half-open
``[start, end)`` (the year 2023 is ``[2023.0, 2024.0)``, a stock on 2023-12-31
is ``[2023.9973, 2024.0)``); values are float64 in each indicator's engine unit;
NaN is missing. Enum members arrive as the codes of :mod:`._codes`.

Published methods behind the formulas:

- attainment ratio: IATI results guidance (actual against target, with the
  baseline: baseline 15, target 50, actual 53 is met) and the OKR grading of
  Google's *re:Work* guide (3 of 6 features launched grades 0.5); the score is
  the ratio capped to [0, 1] as OKR grades are.
- progress: ESCAP's "current status index" for the SDG progress report,
  ``(I_current - I_baseline) / (I_target - I_baseline)``.

Example:
    >>> import numpy as np
    >>> from innovplan.engine import _codes as c
    >>> met, exceeded = compare(np.array([53.0]), np.array([c.EXACT], np.int8),
    ...     np.array([50.0]), np.array([np.nan]), np.array([c.AT_LEAST], np.int8),
    ...     np.array([c.INCREASE], np.int8), np.array([0.0]))
    >>> met.tolist(), exceeded.tolist()
    ([1], [False])
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c

__all__ = [
    "EPS_TIME",
    "REL_EPS",
    "ObservationArrays",
    "Outcome",
    "TargetArrays",
    "attainment",
    "band",
    "compare",
    "gap",
    "interval",
    "on_basis",
    "progress",
    "run",
    "score",
    "select_vintages",
    "target_level",
    "yoy_growth",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]

# Half a day, in years: two period boundaries closer than this are the same date.
EPS_TIME = 0.5 / 366.0
# Relative slack for comparisons at the boundary: unit conversion may move a
# magnitude by a few ulps (1450亿元 and 1.45e11 yuan must compare alike).
REL_EPS = 1e-12
# Default ABOUT tolerances (docs/attainment.md): ±0.5 percentage point for
# percent-valued targets, ±5 % of the target otherwise.
DEFAULT_ABOUT_PP = 0.5
DEFAULT_ABOUT_REL = 0.05
# Segment offsets: fractional years stay below this, so ``year + i * OFFSET``
# keeps segments apart in one sorted float column.
_OFFSET = 1.0e4
_BIG = np.iinfo(np.int64).max


class TargetArrays(NamedTuple):
    """Targets as columns (length ``n``), in each indicator's engine unit.

    Attributes:
        ind: Indicator code, joined with :attr:`ObservationArrays.ind`.
        comparator: Comparator code.
        direction: Direction code.
        measure: Measure code.
        basis: Basis code.
        value: The target value on its basis (lower end for BETWEEN).
        upper: Upper end of BETWEEN, else NaN.
        start: Start of the target's period.
        end: End (exclusive) of the target's period: the day after the deadline.
        tol_abs: Absolute ABOUT tolerance on the basis, or NaN.
        tol_rel: Relative ABOUT tolerance, or NaN (NaN in both: the default).
        percent: Whether the compared values are percents (default tolerance in
            percentage points).
        base_value: Baseline value, or NaN.
        base_time: End (exclusive) of the baseline's period, or NaN.
        ms_indptr: Milestones of target ``i`` are ``ms_*[ms_indptr[i]:ms_indptr[i + 1]]``.
        ms_end: Milestone deadlines (exclusive ends), in time order per target.
        ms_value: Milestone values on the target's basis.
    """

    ind: IntArray
    comparator: Int8Array
    direction: Int8Array
    measure: Int8Array
    basis: Int8Array
    value: FloatArray
    upper: FloatArray
    start: FloatArray
    end: FloatArray
    tol_abs: FloatArray
    tol_rel: FloatArray
    percent: BoolArray
    base_value: FloatArray
    base_time: FloatArray
    ms_indptr: IntArray
    ms_end: FloatArray
    ms_value: FloatArray


class ObservationArrays(NamedTuple):
    """Observations as columns, best sorted by ``(ind, start, end, known)``.

    Attributes:
        ind: Indicator code (negative: no target uses it).
        start: Start of the period measured.
        end: End (exclusive) of the period measured.
        known: When it was released (its vintage); the end of its period if unknown.
        value: Magnitude in the indicator's engine unit.
        bound: Bound code (exact, lower, upper).
        level: True for a level or flow observed for a GROWTH indicator, from
            which growth is computed.
    """

    ind: IntArray
    start: FloatArray
    end: FloatArray
    known: FloatArray
    value: FloatArray
    bound: Int8Array
    level: BoolArray


class Outcome(NamedTuple):
    """Every figure of an assessment, one entry per target.

    Attributes:
        status: Status code.
        met: 1 met, 0 not met, -1 undecided (or pending).
        flags: Bits of :mod:`._codes` (exceeded, early, computed growth, ...).
        observed: The evidence on the target's basis (NaN: none).
        level: The evidence in the indicator's unit before the basis transform.
        reference: The value compared with: the target, its milestone, or the
            nearer end of a BETWEEN range.
        attainment: Direction-aware ratio, uncapped.
        score: Attainment capped to [0, 1].
        gap: ``observed - reference`` on the basis.
        progress: Share of the way from baseline to target (ESCAP current status).
        row: Observation row used (the last one summed for a flow), or -1.
        ev_start: Start of the evidence's period.
        ev_end: End (exclusive) of the evidence's period.
        n_parts: Observations summed (flows) or used.
        milestone: Index into the milestone arrays, or -1.
        late_end: End of the period a missed target was reached in, or NaN.
        late_row: Observation row of that period, or -1.
        basis_row: Level row a computed growth was taken from, or -1.
    """

    status: Int8Array
    met: Int8Array
    flags: npt.NDArray[np.int32]
    observed: FloatArray
    level: FloatArray
    reference: FloatArray
    attainment: FloatArray
    score: FloatArray
    gap: FloatArray
    progress: FloatArray
    row: IntArray
    ev_start: FloatArray
    ev_end: FloatArray
    n_parts: IntArray
    milestone: IntArray
    late_end: FloatArray
    late_row: IntArray
    basis_row: IntArray


# -- sorting and vintages ------------------------------------------------------


def _lex_sorted(*keys: npt.NDArray[Any]) -> bool:
    """Whether rows are already in lexicographic order of *keys* (most significant first)."""
    n = keys[0].shape[0]
    if n < 2:
        return True
    ok = np.zeros(n - 1, dtype=bool)
    tie = np.ones(n - 1, dtype=bool)
    for k in keys:
        a, b = k[:-1], k[1:]
        ok |= tie & (b > a)
        tie &= b == a
    return bool(np.all(ok | tie))


def _last_of_groups(*keys: npt.NDArray[Any]) -> BoolArray:
    """On sorted rows, True at the last row of each run of equal *keys*."""
    n = keys[0].shape[0]
    last = np.ones(n, dtype=bool)
    if n > 1:
        same = np.ones(n - 1, dtype=bool)
        for k in keys:
            same &= k[1:] == k[:-1]
        last[:-1] = ~same
    return last


def select_vintages(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    ind: IntArray,
    start: FloatArray,
    end: FloatArray,
    known: FloatArray,
    as_of: float = np.nan,
    priority: npt.NDArray[np.int8] | None = None,
) -> IntArray:
    """Rows to use: per indicator and period, the latest release known on *as_of*.

    Figures are revised: a later release of the same period replaces an earlier
    one. With *as_of* (a fractional year) only releases known by then count, so
    an assessment can be replayed as it stood on that date. *priority* breaks
    ties before the release date (a published growth rate beats one computed
    from levels).

    Returns:
        Row indices, in order of ``(ind, start, end)``.

    Example:
        >>> import numpy as np
        >>> ind = np.array([0, 0, 0]); start = np.array([2022.0, 2022.0, 2023.0])
        >>> end = start + 1; known = np.array([2023.1, 2023.5, 2024.1])
        >>> select_vintages(ind, start, end, known).tolist()
        [1, 2]
        >>> select_vintages(ind, start, end, known, as_of=2023.2).tolist()
        [0]
    """
    rows = np.flatnonzero(known <= as_of) if np.isfinite(as_of) else np.arange(ind.shape[0])
    rows = rows[ind[rows] >= 0]
    prio = np.zeros(ind.shape[0], np.int8) if priority is None else priority
    keys: tuple[npt.NDArray[Any], ...] = (
        ind[rows],
        start[rows],
        end[rows],
        prio[rows],
        known[rows],
    )
    if not _lex_sorted(*keys):
        order = np.lexsort(keys[::-1])
        rows = rows[order]
        keys = tuple(k[order] for k in keys)
    return rows[_last_of_groups(*keys[:3])]


def yoy_growth(
    ind: IntArray, start: FloatArray, end: FloatArray, value: FloatArray, bound: Int8Array
) -> tuple[FloatArray, Int8Array, IntArray]:
    """Year-on-year growth of each row against the same period one year earlier.

    Rows must be sorted by ``(ind, start, end)`` with one row per period. Growth
    is ``(value / previous - 1) * 100`` percent of nominal levels (no deflator).
    A bound on either level makes the growth a bound when the sides agree
    (``>12,000`` now over an exact figure then is a lower bound of growth) and
    undecidable (NaN) when they do not.

    Returns:
        Growth in percent (NaN without a previous period or a positive previous
        level), its bound code, and the previous row (-1 if none).

    Example:
        >>> import numpy as np
        >>> g, b, prev = yoy_growth(np.array([0, 0]), np.array([2022.0, 2023.0]),
        ...     np.array([2023.0, 2024.0]), np.array([100.0, 110.0]), np.zeros(2, np.int8))
        >>> np.round(g, 6).tolist(), prev.tolist()
        ([nan, 10.0], [-1, 0])
    """
    n = ind.shape[0]
    prev = np.full(n, -1, dtype=np.int64)
    if n:
        key = ind * _OFFSET + start
        j = np.searchsorted(key, key - 1.0 - 2.0 * EPS_TIME * 3, side="left")
        # A handful of candidates share nearly the same start (a year and its
        # first half); look at each of the next few rows.
        for step in range(4):
            k = np.minimum(j + step, n - 1)
            hit = (
                (prev < 0)
                & (ind[k] == ind)
                & (np.abs(start[k] - (start - 1.0)) < 3 * EPS_TIME)
                & (np.abs(end[k] - (end - 1.0)) < 3 * EPS_TIME)
            )
            prev[hit] = k[hit]
    has = prev >= 0
    p = np.where(has, value[np.maximum(prev, 0)], np.nan)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        growth = np.where(has & (p > 0), (value / p - 1.0) * 100.0, np.nan)
    pb = np.where(has, bound[np.maximum(prev, 0)], c.EXACT)
    out = np.full(n, c.EXACT, dtype=np.int8)
    lower = ((bound == c.LOWER) & (pb != c.LOWER)) | ((bound == c.EXACT) & (pb == c.UPPER))
    upper = ((bound == c.UPPER) & (pb != c.UPPER)) | ((bound == c.EXACT) & (pb == c.LOWER))
    out[lower] = c.LOWER
    out[upper] = c.UPPER
    clash = (bound != c.EXACT) & (pb == bound)
    growth[clash] = np.nan
    return growth, out, prev


# -- formulas ------------------------------------------------------------------


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
    inf = np.inf
    inc = direction == c.INCREASE
    dec = direction == c.DECREASE
    near = direction == c.NEAR
    about = comparator == c.ABOUT
    equal = comparator == c.EQUAL
    w = np.where(about, half_width, 0.0)
    lower_side = (comparator == c.AT_LEAST) | (comparator == c.MORE_THAN) | ((about | equal) & inc)
    upper_side = (comparator == c.AT_MOST) | (comparator == c.LESS_THAN) | ((about | equal) & dec)
    two_sided = (comparator == c.BETWEEN) | ((about | equal) & near)
    lo = np.where(lower_side | two_sided, value - w, -inf)
    hi = np.where(comparator == c.BETWEEN, upper, np.where(upper_side | two_sided, value + w, inf))
    lo = np.where(upper_side, -inf, lo)
    lo_closed = comparator != c.MORE_THAN
    hi_closed = comparator != c.LESS_THAN
    return lo, hi, lo_closed, hi_closed


def _above(x: FloatArray, lo: FloatArray, closed: BoolArray) -> BoolArray:
    slack = REL_EPS * np.abs(lo)
    with np.errstate(invalid="ignore"):
        return np.where(closed, x >= lo - slack, x > lo + slack)


def _below(x: FloatArray, hi: FloatArray, closed: BoolArray) -> BoolArray:
    slack = REL_EPS * np.abs(hi)
    with np.errstate(invalid="ignore"):
        return np.where(closed, x <= hi + slack, x < hi - slack)


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
    undecided otherwise; an upper bound mirrors it. NaN is undecided.

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
    lo, hi, lo_closed, hi_closed = interval(value, upper, comparator, direction, half_width)
    ok_lo = _above(x, lo, lo_closed)
    ok_hi = _below(x, hi, hi_closed)
    point = ok_lo & ok_hi
    up_closed = np.isinf(hi) & (hi > 0)
    down_closed = np.isinf(lo) & (lo < 0)
    lower = bound == c.LOWER
    upper_b = bound == c.UPPER
    yes = np.where(lower, point & up_closed, np.where(upper_b, point & down_closed, point))
    no = np.where(lower, ~ok_hi, np.where(upper_b, ~ok_lo, ~point))
    met = np.where(yes, c.MET, np.where(no, c.NOT_MET, c.UNDECIDED)).astype(np.int8)
    met[np.isnan(x)] = c.UNDECIDED
    w = np.where(comparator == c.ABOUT, half_width, 0.0)
    beyond_up = (direction == c.INCREASE) & (x > value + w + REL_EPS * np.abs(value))
    beyond_down = (direction == c.DECREASE) & (x < value - w - REL_EPS * np.abs(value))
    eq_or_about = (comparator == c.EQUAL) | (comparator == c.ABOUT)
    exceeded = (met == c.MET) & eq_or_about & (beyond_up | beyond_down)
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
    between = comparator == c.BETWEEN
    mid = np.where(
        direction == c.INCREASE,
        value,
        np.where(direction == c.DECREASE, upper, (value + upper) / 2),
    )
    return np.where(between, mid, value)


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
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        q = x / ref
        inc = np.where(ref > 0, q, 2.0 - q)
        dec = np.where(ref > 0, np.where(x > 0, ref / x, np.inf), q)
        dist = np.where(
            comparator == c.BETWEEN,
            np.maximum(0.0, np.maximum(value - x, x - upper)),
            np.abs(x - ref),
        )
        near = 1.0 - dist / np.abs(ref)
    out = np.where(direction == c.INCREASE, inc, np.where(direction == c.DECREASE, dec, near))
    out[(ref == 0) | np.isnan(x)] = np.nan
    return out


def score(att: FloatArray, met: Int8Array) -> FloatArray:
    """Attainment capped to [0, 1], as OKR grades are; a met target with no ratio scores 1.

    Example:
        >>> import numpy as np
        >>> score(np.array([0.5, 1.4, np.nan]), np.array([0, 1, 1], np.int8)).tolist()
        [0.5, 1.0, 1.0]
    """
    s = np.minimum(np.maximum(att, 0.0), 1.0)
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
    outside = np.where(x < value, x - value, np.where(x > upper, x - upper, 0.0))
    return np.where(comparator == c.BETWEEN, outside, x - ref)


def on_basis(
    level: FloatArray, time: FloatArray, base: FloatArray, base_time: FloatArray, basis: Int8Array
) -> FloatArray:
    """Turn observed levels into the target's basis.

    VALUE keeps the level; CHANGE is ``level - base``; PERCENT_CHANGE is
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
    return np.select(
        [basis == c.VALUE, basis == c.CHANGE, basis == c.PERCENT_CHANGE],
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
    return np.select(
        [basis == c.VALUE, basis == c.CHANGE, basis == c.PERCENT_CHANGE],
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


# -- segments --------------------------------------------------------------------


def _seg_reduce(
    ufunc: np.ufunc,
    x: npt.NDArray[np.generic],
    indptr: IntArray,
    empty: float,
    *,
    one_each: bool = False,
) -> FloatArray:
    """``ufunc.reduceat`` over segments, with *empty* for empty segments."""
    n = indptr.shape[0] - 1
    if one_each:
        return np.asarray(x, dtype=np.float64)  # one pair per target: the reduction is the identity
    out = np.full(n, empty, dtype=np.float64)
    if x.shape[0] == 0 or n == 0:
        return out
    starts = indptr[:-1]
    nonempty = indptr[1:] > starts
    # A sentinel after the last element keeps every start a valid index, so the
    # last non-empty segment still ends where the array does.
    ext = np.concatenate([np.asarray(x, dtype=np.float64), [empty]])
    red = ufunc.reduceat(ext, starts)
    out[nonempty] = red[nonempty]
    return out


def _pairs(obs_ind: IntArray, t_ind: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Join targets to the observation rows of their indicator (rows sorted by indicator)."""
    n = t_ind.shape[0]
    if obs_ind.shape[0] == n and np.array_equal(obs_ind, t_ind) and np.all(t_ind[1:] > t_ind[:-1]):
        # Observations already aligned with the targets, one each (bulk callers).
        ar = np.arange(n, dtype=np.int64)
        return ar, ar, np.arange(n + 1, dtype=np.int64)
    lo = np.searchsorted(obs_ind, t_ind, side="left")
    hi = np.searchsorted(obs_ind, t_ind, side="right")
    cnt = hi - lo
    indptr = np.zeros(t_ind.shape[0] + 1, dtype=np.int64)
    np.cumsum(cnt, out=indptr[1:])
    total = int(indptr[-1])
    if total == t_ind.shape[0] and np.all(cnt == 1):
        return np.arange(total, dtype=np.int64), lo.astype(np.int64), indptr
    pt = np.repeat(np.arange(t_ind.shape[0], dtype=np.int64), cnt)
    po = np.arange(total, dtype=np.int64) - indptr[pt] + lo[pt]
    return pt, po, indptr


def _seg_any(mask: BoolArray, indptr: IntArray, *, one_each: bool = False) -> BoolArray:
    """Per segment, whether *mask* holds anywhere."""
    if one_each:
        return mask
    return _seg_reduce(np.add, mask, indptr, 0.0) > 0


def _first_where(mask: BoolArray, indptr: IntArray, *, one_each: bool = False) -> IntArray:
    """Per segment, the first position where *mask* holds, or -1."""
    if one_each:
        return np.where(mask, np.arange(mask.shape[0], dtype=np.int64), -1)
    pos = np.where(mask, np.arange(mask.shape[0], dtype=np.float64), np.inf)
    first = _seg_reduce(np.minimum, pos, indptr, np.inf)
    return np.where(np.isfinite(first), first, -1).astype(np.int64)


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


# -- the driver --------------------------------------------------------------------


def _flag(flags: npt.NDArray[np.int32], mask: BoolArray, bit: int) -> None:
    """Set *bit* in *flags* where *mask* holds, in place."""
    np.bitwise_or(flags, np.int32(bit), out=flags, where=mask)


def _prepare(
    obs: ObservationArrays, as_of: float
) -> tuple[ObservationArrays, IntArray, IntArray, BoolArray]:
    """Vintage selection, then growth computed from levels where a GROWTH target needs it.

    Returns:
        Selected observations (sorted by indicator and period), their rows in
        the input, the level row a computed growth came from (-1 if none), and
        whether each row's growth was computed.
    """
    if not np.any(obs.level):
        rows = select_vintages(obs.ind, obs.start, obs.end, obs.known, as_of)
        if rows.shape[0] == obs.ind.shape[0] and np.all(rows[1:] > rows[:-1]):
            sel = obs  # every row kept, in order: no copy
        else:
            sel = ObservationArrays._make(a[rows] for a in obs)
        none = np.full(rows.shape[0], -1, dtype=np.int64)
        return sel, rows, none, np.zeros(rows.shape[0], dtype=bool)
    ind = np.where(obs.level, obs.ind, -1)
    lrows = select_vintages(ind, obs.start, obs.end, obs.known, as_of)
    growth, gbound, prev = yoy_growth(
        obs.ind[lrows], obs.start[lrows], obs.end[lrows], obs.value[lrows], obs.bound[lrows]
    )
    known_prev = np.where(prev >= 0, obs.known[lrows[np.maximum(prev, 0)]], -np.inf)
    usable = ~np.isnan(growth)
    lrows, growth, gbound = lrows[usable], growth[usable], gbound[usable]
    known = np.maximum(obs.known[lrows], known_prev[usable])
    prows = np.flatnonzero(~obs.level)
    ind2 = np.concatenate([obs.ind[prows], obs.ind[lrows]])
    start2 = np.concatenate([obs.start[prows], obs.start[lrows]])
    end2 = np.concatenate([obs.end[prows], obs.end[lrows]])
    known2 = np.concatenate([obs.known[prows], known])
    value2 = np.concatenate([obs.value[prows], growth])
    bound2 = np.concatenate([obs.bound[prows], gbound])
    computed = np.concatenate([np.zeros(prows.shape[0], bool), np.ones(lrows.shape[0], bool)])
    source = np.concatenate([prows, lrows])
    prio = (~computed).astype(np.int8)
    # Computed growth was already vintage-filtered; published rates are filtered here.
    pick = select_vintages(ind2, start2, end2, np.where(computed, -np.inf, known2), as_of, prio)
    sel = ObservationArrays(
        ind2[pick],
        start2[pick],
        end2[pick],
        known2[pick],
        value2[pick],
        bound2[pick],
        np.zeros(pick.shape[0], dtype=bool),
    )
    basis_row = np.where(computed[pick], source[pick], -1)
    rows = np.where(computed[pick], -1, source[pick])
    return sel, rows, basis_row, computed[pick]


def run(targets: TargetArrays, obs: ObservationArrays, as_of: float = np.nan) -> Outcome:  # noqa: PLR0915 (one pipeline, read top to bottom)
    """Assess every target against the observations of its indicator.

    Args:
        targets: Target columns.
        obs: Observation columns (all vintages).
        as_of: Use only releases known by this fractional year (NaN: all).

    Returns:
        One :class:`Outcome`, row ``i`` for target ``i``.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import _codes as c
        >>> t = simple_targets(value=[50.0], comparator=[c.AT_LEAST], base_value=[15.0],
        ...                    start=[2023.0], end=[2024.0], base_time=[2023.0])
        >>> o = ObservationArrays(np.array([0]), np.array([2023.0]), np.array([2024.0]),
        ...     np.array([2024.1]), np.array([53.0]), np.zeros(1, np.int8), np.zeros(1, bool))
        >>> out = run(t, o)
        >>> int(out.status[0]) == c.ACHIEVED, round(float(out.progress[0]), 4)
        (True, 1.0857)
    """
    n = targets.ind.shape[0]
    sel, rows, basis_rows, computed = _prepare(obs, as_of)
    pt, po, indptr = _pairs(sel.ind, targets.ind)
    one = po.shape[0] == n and bool(np.all(pt == np.arange(n)))
    ts, te = targets.start[pt], targets.end[pt]
    s, e = sel.start[po], sel.end[po]
    v = sel.value[po]
    flow_t = targets.measure == c.FLOW
    any_flow = bool(np.any(flow_t))
    any_state = not bool(np.all(flow_t))
    is_flow = flow_t[pt] if any_flow else np.zeros(pt.shape[0], dtype=bool)
    pos = np.arange(pt.shape[0], dtype=np.float64)
    level = np.full(n, np.nan)
    bound = np.zeros(n, dtype=np.int8)
    ev_start = np.full(n, np.nan)
    ev_end = np.full(n, np.nan)
    evidence_pos = np.full(n, -1, dtype=np.int64)
    f_n = np.zeros(n, dtype=np.int64)
    f_cov = f_start = f_end = np.full(n, np.nan)
    f_neg = f_low = f_up = f_ovl = np.zeros(n, dtype=bool)

    if any_state:
        # State measures (level, share) and growth rates: the latest period that
        # ends inside the target's period; the longest one if several end together.
        in_period = (e > ts + EPS_TIME) & (e <= te + EPS_TIME) & ~is_flow
        best_end = _seg_reduce(
            np.maximum, np.where(in_period, e, -np.inf), indptr, -np.inf, one_each=one
        )
        best = in_period & (e >= best_end[pt] - EPS_TIME) if not one else in_period
        first = _first_where(best, indptr, one_each=one)
        got = first >= 0
        fp = first[got]
        evidence_pos[got] = fp
        level[got] = v[fp]
        bound[got] = sel.bound[po[fp]]
        ev_start[got] = s[fp]
        ev_end[got] = e[fp]

    if any_flow:
        # Flows: the sum over the periods inside the target's period.
        contained = is_flow & (s >= ts - EPS_TIME) & (e <= te + EPS_TIME)
        keep, overlap = _flow_keep(pt, s, e, contained)
        b = sel.bound[po]
        f_sum = _seg_reduce(np.add, np.where(keep, v, 0.0), indptr, 0.0, one_each=one)
        f_cov = _seg_reduce(np.add, np.where(keep, e - s, 0.0), indptr, 0.0, one_each=one)
        f_n = _seg_reduce(np.add, keep, indptr, 0.0, one_each=one).astype(np.int64)
        f_end = _seg_reduce(np.maximum, np.where(keep, e, -np.inf), indptr, -np.inf, one_each=one)
        f_start = _seg_reduce(np.minimum, np.where(keep, s, np.inf), indptr, np.inf, one_each=one)
        f_neg = _seg_any(keep & (v < 0), indptr, one_each=one)
        f_low = _seg_any(keep & (b == c.LOWER), indptr, one_each=one)
        f_up = _seg_any(keep & (b == c.UPPER), indptr, one_each=one)
        f_ovl = _seg_any(overlap, indptr, one_each=one)
        last_kept = _seg_reduce(np.maximum, np.where(keep, pos, -1.0), indptr, -1.0, one_each=one)
        got = flow_t & (f_n > 0)
        evidence_pos[got] = last_kept[got].astype(np.int64)
        level[got] = f_sum[got]
        ev_start[got] = f_start[got]
        ev_end[got] = f_end[got]
    has = evidence_pos >= 0
    has_flow = flow_t & has
    fpos = np.maximum(evidence_pos, 0)
    row_sel = np.where(has, po[fpos], -1) if po.shape[0] else np.full(n, -1, dtype=np.int64)

    flags = np.zeros(n, dtype=np.int32)
    t_start, t_end = targets.start, targets.end
    gaps = has_flow.copy()
    if any_flow:
        gaps &= f_cov < (f_end - t_start) - EPS_TIME * np.maximum(f_n, 1)
    partial = has & (ev_end < t_end - EPS_TIME)
    complete = has & ~partial & ~gaps
    _flag(flags, gaps, c.GAPS)
    _flag(flags, partial, c.PARTIAL)
    _flag(flags, f_ovl & flow_t, c.OVERLAP)
    _flag(flags, has_flow & (f_n > 1), c.CUMULATIVE)
    comp_t = np.zeros(n, dtype=bool)
    if po.shape[0]:
        comp_t = has & ~flow_t & computed[po[fpos]]
    _flag(flags, comp_t, c.GROWTH_COMPUTED)
    basis_row = np.where(comp_t, basis_rows[po[fpos]] if po.shape[0] else -1, -1).astype(np.int64)
    row_out = np.where(row_sel >= 0, rows[np.maximum(row_sel, 0)] if rows.shape[0] else -1, -1)
    row_out = np.asarray(row_out, dtype=np.int64)

    # Milestones: the interim value for the observed period, while the deadline's
    # is not observed (a flow's milestone is its total from the target's start).
    milestone = np.full(n, -1, dtype=np.int64)
    value = targets.value.copy()
    if targets.ms_end.shape[0]:
        m_owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(targets.ms_indptr))
        m_key = m_owner * _OFFSET + targets.ms_end
        probe = np.arange(n, dtype=np.float64) * _OFFSET + np.nan_to_num(ev_end, nan=-_OFFSET / 2)
        j = np.minimum(np.searchsorted(m_key, probe - EPS_TIME), m_key.shape[0] - 1)
        hit = partial & ~gaps & (m_owner[j] == np.arange(n)) & (np.abs(m_key[j] - probe) < EPS_TIME)
        milestone[hit] = j[hit]
        value = np.where(hit, targets.ms_value[j], value)
        _flag(flags, hit, c.MILESTONE)
    at_ms = milestone >= 0

    # Bounds. An observation may itself be a bound (">12,000"). A flow summed
    # over non-negative amounts that does not yet cover the target's period is
    # a lower bound of the period's total: it can only grow.
    flow_bound = np.where(
        f_low & f_up, -1, np.where(f_low, c.LOWER, np.where(f_up, c.UPPER, c.EXACT))
    )
    bound = np.where(flow_t, flow_bound, bound)
    _flag(flags, has & (bound != c.EXACT), c.BOUND)
    running = has_flow & ~complete & ~at_ms & ~f_neg & ~f_up
    bound = np.where(running, c.LOWER, bound)
    level = np.where(bound < 0, np.nan, level)
    bound = np.maximum(bound, 0).astype(np.int8)

    # Basis (change, percent change, average annual growth from the baseline).
    needs_base = targets.basis != c.VALUE
    no_base = needs_base & (np.isnan(targets.base_value) | np.isnan(targets.base_time))
    _flag(flags, no_base & has, c.NO_BASELINE)
    if np.any(needs_base):
        x = on_basis(level, ev_end, targets.base_value, targets.base_time, targets.basis)
        x = np.where(no_base, np.nan, x)
    else:
        x = level

    half = band(value, targets.tol_abs, targets.tol_rel, targets.percent)
    met, exceeded = compare(
        x, bound, value, targets.upper, targets.comparator, targets.direction, half
    )
    ref = reference(value, targets.upper, targets.comparator, targets.direction)
    att = attainment(x, ref, value, targets.upper, targets.comparator, targets.direction)
    if np.all(np.isnan(targets.base_value)):
        prog = np.full(n, np.nan)
    else:
        goal_level = target_level(
            reference(targets.value, targets.upper, targets.comparator, targets.direction),
            targets.base_value,
            targets.base_time,
            targets.end,
            targets.basis,
        )
        prog = progress(level, targets.base_value, goal_level, targets.direction)
        prog = np.where(has, prog, np.nan)
    g = gap(x, ref, value, targets.upper, targets.comparator)
    _flag(flags, exceeded, c.EXCEEDED)

    # Status. A decided comparison of complete evidence is final. Before the
    # deadline's period is over, a LEVEL met already counts as achieved early
    # when more of it is still better (the met set is closed in the better
    # direction); a flow's running total decides early through its bound.
    comp, direc = targets.comparator, targets.direction
    loose = (comp == c.ABOUT) | (comp == c.EQUAL)
    inc, dec = direc == c.INCREASE, direc == c.DECREASE
    closed_better = (inc & ((comp == c.AT_LEAST) | (comp == c.MORE_THAN) | loose)) | (
        dec & ((comp == c.AT_MOST) | (comp == c.LESS_THAN) | loose)
    )
    evidence = has & ~np.isnan(x)
    early_level = (
        evidence & partial & ~at_ms & (met == c.MET) & (targets.measure == c.LEVEL) & closed_better
    )
    early_flow = evidence & running & (met != c.UNDECIDED)
    decided = evidence & complete & (met != c.UNDECIDED)
    status = np.full(n, c.NO_DATA, dtype=np.int8)
    status[evidence & ~complete] = c.PENDING
    final = decided | early_level | early_flow
    status[final & (met == c.MET)] = c.ACHIEVED
    status[final & (met == c.NOT_MET)] = c.NOT_ACHIEVED
    _flag(flags, (early_level | early_flow) & ~complete, c.EARLY)
    undecidable = evidence & complete & (met == c.UNDECIDED) & (bound != c.EXACT)
    _flag(flags, undecidable, c.UNDECIDABLE)
    # While pending, "met" speaks of the milestone, if any; otherwise it is undecided.
    met = np.where((status == c.PENDING) & ~at_ms, c.UNDECIDED, met).astype(np.int8)
    # Missed, then reached: a later stock (level or share) that meets the final target.
    late_end = np.full(n, np.nan)
    late_row = np.full(n, -1, dtype=np.int64)
    missed = (status == c.NOT_ACHIEVED) & ~flow_t & (targets.measure != c.GROWTH)
    if np.any(missed) and po.shape[0]:
        after = missed[pt] & (e > te + EPS_TIME)
        pts = pt[after]
        xl = on_basis(
            sel.value[po[after]],
            e[after],
            targets.base_value[pts],
            targets.base_time[pts],
            targets.basis[pts],
        )
        ml, _ = compare(
            xl,
            sel.bound[po[after]],
            targets.value[pts],
            targets.upper[pts],
            targets.comparator[pts],
            targets.direction[pts],
            band(
                targets.value[pts], targets.tol_abs[pts], targets.tol_rel[pts], targets.percent[pts]
            ),
        )
        ok = np.zeros(pt.shape[0], dtype=bool)
        ok[np.flatnonzero(after)[ml == c.MET]] = True
        first_late = _first_where(ok, indptr)
        got = first_late >= 0
        late_end[got] = e[first_late[got]]
        late_row[got] = rows[po[first_late[got]]]
        _flag(flags, got, c.LATE)

    return Outcome(
        status=status,
        met=met,
        flags=flags,
        observed=np.where(has, x, np.nan),
        level=level,
        reference=ref,
        attainment=np.where(has, att, np.nan),
        score=np.where(has, score(att, met), np.nan),
        gap=np.where(has, g, np.nan),
        progress=prog,
        row=row_out,
        ev_start=ev_start,
        ev_end=ev_end,
        n_parts=np.where(flow_t, f_n, has.astype(np.int64)),
        milestone=milestone,
        late_end=late_end,
        late_row=late_row,
        basis_row=basis_row,
    )


def simple_targets(
    *,
    value: npt.ArrayLike,
    comparator: npt.ArrayLike,
    ind: npt.ArrayLike | None = None,
    direction: npt.ArrayLike | None = None,
    measure: npt.ArrayLike | None = None,
    basis: npt.ArrayLike | None = None,
    upper: npt.ArrayLike | None = None,
    start: npt.ArrayLike | None = None,
    end: npt.ArrayLike | None = None,
    tol_abs: npt.ArrayLike | None = None,
    tol_rel: npt.ArrayLike | None = None,
    percent: npt.ArrayLike | None = None,
    base_value: npt.ArrayLike | None = None,
    base_time: npt.ArrayLike | None = None,
) -> TargetArrays:
    """Target columns from arrays, with defaults for what is not given.

    Defaults: indicator ``i`` for target ``i``, INCREASE, FLOW, VALUE basis, no
    upper end, the year 2023, default tolerances, no baseline, no milestones.

    Example:
        >>> simple_targets(value=[1.0, 2.0], comparator=[0, 1]).ind.tolist()
        [0, 1]
    """
    v = np.asarray(value, dtype=np.float64)
    n = v.shape[0]

    def col(
        a: npt.ArrayLike | None, fill: float, dtype: type[np.generic]
    ) -> npt.NDArray[np.generic]:
        return np.full(n, fill, dtype=dtype) if a is None else np.asarray(a, dtype=dtype)

    return TargetArrays(
        ind=np.arange(n, dtype=np.int64) if ind is None else np.asarray(ind, dtype=np.int64),
        comparator=np.asarray(comparator, dtype=np.int8),
        direction=col(direction, c.INCREASE, np.int8),  # type: ignore[arg-type]
        measure=col(measure, c.FLOW, np.int8),  # type: ignore[arg-type]
        basis=col(basis, c.VALUE, np.int8),  # type: ignore[arg-type]
        value=v,
        upper=col(upper, np.nan, np.float64),  # type: ignore[arg-type]
        start=col(start, 2023.0, np.float64),  # type: ignore[arg-type]
        end=col(end, 2024.0, np.float64),  # type: ignore[arg-type]
        tol_abs=col(tol_abs, np.nan, np.float64),  # type: ignore[arg-type]
        tol_rel=col(tol_rel, np.nan, np.float64),  # type: ignore[arg-type]
        percent=col(percent, 0, np.bool_),  # type: ignore[arg-type]
        base_value=col(base_value, np.nan, np.float64),  # type: ignore[arg-type]
        base_time=col(base_time, np.nan, np.float64),  # type: ignore[arg-type]
        ms_indptr=np.zeros(n + 1, dtype=np.int64),
        ms_end=np.zeros(0, dtype=np.float64),
        ms_value=np.zeros(0, dtype=np.float64),
    )
