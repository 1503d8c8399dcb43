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
from innovplan.engine._multiyear import (
    chains,
    every_year,
    every_year_pairs,
    observed_baseline,
    required_rate,
)
from innovplan.engine._segments import (
    _OFFSET,
    EPS_TIME,
    SAME_LENGTH,
    _first_where,
    _Join,
    _pairs,
    _seg_any,
    _seg_reduce,
)

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

# Relative slack for comparisons at the boundary: unit conversion may move a
# magnitude by a few ulps (1450亿元 and 1.45e11 yuan must compare alike).
REL_EPS = 1e-12
# Default ABOUT tolerances (docs/attainment.md): ±0.5 percentage point for
# percent-valued targets, ±5 % of the target otherwise.
DEFAULT_ABOUT_PP = 0.5
DEFAULT_ABOUT_REL = 0.05
_BIG = np.iinfo(np.int64).max


class TargetArrays(NamedTuple):
    """Targets as columns (length ``n``), in each indicator's engine unit.

    Build them with :func:`simple_targets` (defaults for what is not given) or
    from model objects through :class:`TargetColumns`.

    Example:
        >>> simple_targets(value=[13000.0], comparator=[1]).value.tolist()
        [13000.0]

    Attributes:
        ind: Indicator code, joined with :attr:`ObservationArrays.ind`.
        comparator: Comparator code.
        direction: Direction code.
        measure: Measure code.
        basis: Basis code.
        value: The target value on its basis (lower end for BETWEEN).
        upper: Upper end of BETWEEN, else NaN.
        start: Start of the deadline's period: the year (at most) that ends on
            the deadline, within the window. A flow's value is its total.
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
        window: Start of the target's window (its own start, else its plan's):
            what a cumulative target sums, an every-year target checks and a
            baseline precedes.
        only_grows: The indicator's level never falls (decided early when met).
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
    window: FloatArray
    only_grows: BoolArray


class ObservationArrays(NamedTuple):
    """Observations as columns, best sorted by ``(ind, start, end, known)``.

    Example:
        >>> import numpy as np
        >>> o = ObservationArrays(ind=np.array([0]), start=np.array([2023.0]),
        ...     end=np.array([2024.0]), known=np.array([2024.1]), value=np.array([53.0]),
        ...     bound=np.zeros(1, np.int8), level=np.zeros(1, bool))
        >>> o.value.tolist()
        [53.0]

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

    Example:
        >>> import numpy as np
        >>> t = simple_targets(value=[50.0], comparator=[0])
        >>> o = ObservationArrays(np.array([0]), np.array([2023.0]), np.array([2024.0]),
        ...     np.array([2024.1]), np.array([53.0]), np.zeros(1, np.int8), np.zeros(1, bool))
        >>> run(t, o).attainment.round(2).tolist()
        [1.06]

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
        required: The average annual rate (percent a year) still needed from
            the evidence's end to the deadline, for average-annual and
            percent-change targets before the deadline; NaN otherwise.
        base_value: The baseline used: the target's, else the observed value
            of the year before the window (NaN: none, and for sums, chains
            and every-year targets, which need none).
        base_end: End (exclusive) of the baseline's period.
        base_row: Observation row of an observed baseline, or -1.
        failed_years: Every-year targets: bit ``k`` set when the year
            ``floor(window) + k`` failed.
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
    required: FloatArray
    base_value: FloatArray
    base_end: FloatArray
    base_row: IntArray
    failed_years: IntArray


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
        if not tie.any():
            break  # every pair is decided: later keys cannot change the answer
    return bool(np.all(ok | tie))


def _last_of_groups(*keys: npt.NDArray[Any]) -> BoolArray:
    """On sorted rows, True at the last row of each run of equal *keys*."""
    n = keys[0].shape[0]
    last = np.ones(n, dtype=bool)
    if n > 1:
        same = np.ones(n - 1, dtype=bool)
        for k in keys:
            same &= k[1:] == k[:-1]
            if not same.any():
                break  # every row is already alone in its group
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
    n = ind.shape[0]
    cols: tuple[npt.NDArray[Any], ...] = (ind, start, end)
    if priority is not None:
        cols = (*cols, priority)  # no priority: a constant key, which orders nothing
    cols = (*cols, known)
    rows: IntArray | None = None  # None: every row, in input order (no gathers needed)
    if np.isfinite(as_of):
        rows = np.flatnonzero(known <= as_of)
        rows = rows[ind[rows] >= 0]
    elif n and ind.min() < 0:
        rows = np.flatnonzero(ind >= 0)
    keys = cols if rows is None else tuple(k[rows] for k in cols)
    if not _lex_sorted(*keys):
        order = np.lexsort(keys[::-1])
        rows = order if rows is None else rows[order]
        keys = tuple(k[order] for k in keys)
    if rows is None:
        rows = np.arange(n, dtype=np.int64)
    last = _last_of_groups(*keys[:3])
    return rows if last.all() else rows[last]


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


# -- evidence --------------------------------------------------------------------


class _Evidence(NamedTuple):
    """What each target is compared with, before bounds, milestones and basis.

    Attributes:
        pos: Pair position used (the last one summed for a flow), or -1.
        level: The evidence in the indicator's unit (a flow's total).
        bound: Bound code of the evidence; -1 where a flow sums bounds of both kinds.
        start: Start of the evidence's period.
        end: End (exclusive) of the evidence's period.
        n_parts: Observations summed (flows) or used.
        gaps: A flow's summed periods leave holes.
        overlap: Overlapping, non-nested flow periods were left out.
        cumulative: A flow summed over several periods.
        may_grow: A flow's total has no negative part and no upper bound: while
            its period is not over it can only grow (read only for flows with
            evidence).
    """

    pos: IntArray
    level: FloatArray
    bound: Int8Array
    start: FloatArray
    end: FloatArray
    n_parts: IntArray
    gaps: BoolArray
    overlap: BoolArray
    cumulative: BoolArray
    may_grow: BoolArray


def _sum_from(targets: TargetArrays) -> FloatArray:
    """Where a flow's sum starts: the deadline's period, or the window for a cumulative target."""
    cumulative = targets.basis == c.CUMULATIVE_SUM
    if not cumulative.any():
        return targets.start
    return np.where(cumulative, targets.window, targets.start)


def _evidence_one(
    targets: TargetArrays, sel: ObservationArrays, join: _Join, summed: BoolArray
) -> _Evidence:
    """:func:`_evidence_many` when each target has exactly one observation row.

    Pairs are then targets, every segment reduction is the identity and no
    nesting or overlap can occur, so the same rules reduce to a few
    comparisons: a flow's period must lie inside the target's, a state's must
    end inside it.
    """
    n = targets.ind.shape[0]
    s, e = join.obs(sel.start), join.obs(sel.end)
    v, b = join.obs(sel.value), join.obs(sel.bound)
    ts, te = _sum_from(targets), targets.end
    flow_t = summed
    any_flow = bool(flow_t.any())
    got = e <= te + EPS_TIME
    if not any_flow:
        got &= e > targets.window + EPS_TIME
    elif flow_t.all():
        got &= s >= ts - EPS_TIME
    else:
        got &= np.where(flow_t, s >= ts - EPS_TIME, e > targets.window + EPS_TIME)
    every = bool(got.all())

    def pick(a: npt.NDArray[Any], fill: float) -> npt.NDArray[Any]:
        return a.copy() if every else np.where(got, a, fill)  # never the caller's array

    gaps = np.zeros(n, dtype=bool)
    may_grow = gaps
    if any_flow:
        # The one period summed covers less than the target's period up to its end.
        gaps = got & flow_t & ((e - s) < (e - ts) - EPS_TIME)
        may_grow = ~(v < 0) & (b != c.UPPER)
    return _Evidence(
        pos=np.arange(n, dtype=np.int64) if every else np.where(got, np.arange(n), -1),
        level=pick(v, np.nan),
        bound=pick(b, c.EXACT).astype(np.int8, copy=False),
        start=pick(s, np.nan),
        end=pick(e, np.nan),
        n_parts=got.astype(np.int64),
        gaps=gaps,
        overlap=np.zeros(n, dtype=bool),
        cumulative=np.zeros(n, dtype=bool),
        may_grow=may_grow,
    )


def _evidence_many(  # noqa: PLR0915 (one selection, read top to bottom)
    targets: TargetArrays, sel: ObservationArrays, join: _Join, summed: BoolArray
) -> _Evidence:
    """Per target, the evidence among the observation rows of its indicator.

    Summed flows (*summed*: a flow's deadline year, or its window for a
    cumulative target): the sum over the periods inside, nested periods left
    out and overlapping ones flagged. Everything else: the latest period that
    ends inside the window, the longest one if several end together; a flow
    compared with a baseline (its average annual growth) counts whole
    deadline-length periods only, not a year to date.
    """
    n = targets.ind.shape[0]
    pt, po, indptr = join.pt, join.po, join.indptr
    sum_from = _sum_from(targets)
    ts, te = sum_from[pt], targets.end[pt]
    ws = targets.window[pt]
    s, e = sel.start[po], sel.end[po]
    v = sel.value[po]
    flow_t = summed
    any_flow = bool(np.any(flow_t))
    any_state = not bool(np.all(flow_t))
    is_flow = flow_t[pt] if any_flow else np.zeros(pt.shape[0], dtype=bool)
    flow_state = (targets.measure == c.FLOW) & ~summed
    level = np.full(n, np.nan)
    bound = np.zeros(n, dtype=np.int8)
    ev_start = np.full(n, np.nan)
    ev_end = np.full(n, np.nan)
    evidence_pos = np.full(n, -1, dtype=np.int64)
    f_n = np.zeros(n, dtype=np.int64)
    f_cov = f_start = f_end = np.full(n, np.nan)
    f_neg = f_low = f_up = f_ovl = np.zeros(n, dtype=bool)

    if any_state:
        in_period = (e > ws + EPS_TIME) & (e <= te + EPS_TIME) & ~is_flow
        if flow_state.any():
            length = (targets.end - targets.start)[pt]
            in_period &= ~flow_state[pt] | ((e - s) >= length - SAME_LENGTH)
        best_end = _seg_reduce(np.maximum, np.where(in_period, e, -np.inf), indptr, -np.inf)
        best = in_period & (e >= best_end[pt] - EPS_TIME)
        first = _first_where(best, indptr)
        got = first >= 0
        fp = first[got]
        evidence_pos[got] = fp
        level[got] = v[fp]
        bound[got] = sel.bound[po[fp]]
        ev_start[got] = s[fp]
        ev_end[got] = e[fp]

    if any_flow:
        contained = is_flow & (s >= ts - EPS_TIME) & (e <= te + EPS_TIME)
        keep, overlap = _flow_keep(pt, s, e, contained)
        b = sel.bound[po]
        pos = np.arange(pt.shape[0], dtype=np.float64)
        f_sum = _seg_reduce(np.add, np.where(keep, v, 0.0), indptr, 0.0)
        f_cov = _seg_reduce(np.add, np.where(keep, e - s, 0.0), indptr, 0.0)
        f_n = _seg_reduce(np.add, keep, indptr, 0.0).astype(np.int64)
        f_end = _seg_reduce(np.maximum, np.where(keep, e, -np.inf), indptr, -np.inf)
        f_start = _seg_reduce(np.minimum, np.where(keep, s, np.inf), indptr, np.inf)
        f_neg = _seg_any(keep & (v < 0), indptr)
        f_low = _seg_any(keep & (b == c.LOWER), indptr)
        f_up = _seg_any(keep & (b == c.UPPER), indptr)
        f_ovl = _seg_any(overlap, indptr)
        last_kept = _seg_reduce(np.maximum, np.where(keep, pos, -1.0), indptr, -1.0)
        got = flow_t & (f_n > 0)
        evidence_pos[got] = last_kept[got].astype(np.int64)
        level[got] = f_sum[got]
        ev_start[got] = f_start[got]
        ev_end[got] = f_end[got]
        # A flow summed over bounds of both kinds is no bound at all (-1).
        flow_bound = np.where(
            f_low & f_up, -1, np.where(f_low, c.LOWER, np.where(f_up, c.UPPER, c.EXACT))
        )
        bound = np.where(flow_t, flow_bound, bound).astype(np.int8)
    has_flow = flow_t & (evidence_pos >= 0)
    gaps = has_flow.copy()
    if any_flow:
        gaps &= f_cov < (f_end - sum_from) - EPS_TIME * np.maximum(f_n, 1)
    return _Evidence(
        pos=evidence_pos,
        level=level,
        bound=bound,
        start=ev_start,
        end=ev_end,
        n_parts=np.where(flow_t, f_n, (evidence_pos >= 0).astype(np.int64)),
        gaps=gaps,
        overlap=f_ovl & flow_t,
        cumulative=has_flow & (f_n > 1),
        may_grow=~f_neg & ~f_up,
    )


# -- the driver --------------------------------------------------------------------


def _flag(flags: npt.NDArray[np.int32], mask: BoolArray, bit: int) -> None:
    """Set *bit* in *flags* where *mask* holds, in place (nothing to do for an empty mask)."""
    if mask.any():
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


_STATUS_OF = np.array(
    # Indexed by final * 4 + met * 2 + pending: a final decision says achieved or
    # not; otherwise evidence for an unfinished period is pending; else no data.
    [
        c.NO_DATA,
        c.PENDING,
        c.NO_DATA,
        c.PENDING,
        c.NOT_ACHIEVED,
        c.NOT_ACHIEVED,
        c.ACHIEVED,
        c.ACHIEVED,
    ],
    dtype=np.int8,
)
_STATUS_OF.flags.writeable = False


def _milestones(
    targets: TargetArrays, ev_end: FloatArray, open_: BoolArray
) -> tuple[IntArray, FloatArray]:
    """Milestones: the interim value for the observed period, while the deadline's is not observed.

    A flow's milestone is its total from the target's start. Only targets in
    *open_* (evidence that ends before the deadline, without holes) look one up.

    Returns:
        Index into the milestone arrays (-1: none) and the value each target is
        compared with (the target's own value where no milestone applies).
    """
    n = targets.ind.shape[0]
    milestone = np.full(n, -1, dtype=np.int64)
    if targets.ms_end.shape[0] == 0 or not open_.any():
        return milestone, targets.value
    m_owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(targets.ms_indptr))
    m_key = m_owner * _OFFSET + targets.ms_end
    probe = np.arange(n, dtype=np.float64) * _OFFSET + np.nan_to_num(ev_end, nan=-_OFFSET / 2)
    j = np.minimum(np.searchsorted(m_key, probe - EPS_TIME), m_key.shape[0] - 1)
    hit = open_ & (m_owner[j] == np.arange(n)) & (np.abs(m_key[j] - probe) < EPS_TIME)
    milestone[hit] = j[hit]
    return milestone, np.where(hit, targets.ms_value[j], targets.value)


def _progress_of(targets: TargetArrays, level: FloatArray, has: BoolArray) -> FloatArray:
    """:func:`progress` from each target's baseline (NaN without one or without evidence)."""
    if np.all(np.isnan(targets.base_value)):
        return np.full(targets.ind.shape[0], np.nan)
    goal_level = target_level(
        reference(targets.value, targets.upper, targets.comparator, targets.direction),
        targets.base_value,
        targets.base_time,
        targets.end,
        targets.basis,
    )
    prog = progress(level, targets.base_value, goal_level, targets.direction)
    return np.where(has, prog, np.nan)


def _late(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    targets: TargetArrays,
    sel: ObservationArrays,
    rows: IntArray,
    join: _Join,
    missed: BoolArray,
    flags: npt.NDArray[np.int32],
) -> tuple[FloatArray, IntArray]:
    """Missed, then reached: the first later stock (level or share) that meets the final target.

    Returns:
        End of that period (NaN if none) and its observation row (-1), per target;
        *flags* gets ``LATE`` where one was found.
    """
    n = targets.ind.shape[0]
    late_end = np.full(n, np.nan)
    late_row = np.full(n, -1, dtype=np.int64)
    if not missed.any() or join.po.shape[0] == 0:
        return late_end, late_row
    pt, po = join.pt, join.po
    e = join.obs(sel.end)
    after = join.target(missed) & (e > join.target(targets.end) + EPS_TIME)
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
        band(targets.value[pts], targets.tol_abs[pts], targets.tol_rel[pts], targets.percent[pts]),
    )
    ok = np.zeros(pt.shape[0], dtype=bool)
    ok[np.flatnonzero(after)[ml == c.MET]] = True
    first_late = _first_where(ok, join.indptr)
    got = first_late >= 0
    late_end[got] = e[first_late[got]]
    late_row[got] = rows[po[first_late[got]]]
    _flag(flags, got, c.LATE)
    return late_end, late_row


class _Kinds(NamedTuple):
    """Which path each target's evidence takes (see docs/attainment.md, "Kinds of target").

    Attributes:
        summed: Flows summed: over the deadline's period (VALUE) or the window
            (CUMULATIVE).
        chained: Yearly rates chained over the window (a GROWTH indicator with
            an average-annual, percent-change or cumulative target).
        every: Every year in the window compared.
        flowish: Flows and rates: whole periods count, not a part of one.
    """

    summed: BoolArray
    chained: BoolArray
    every: BoolArray
    flowish: BoolArray

    @classmethod
    def of(cls, targets: TargetArrays) -> _Kinds:
        """The paths of *targets*."""
        m, b = targets.measure, targets.basis
        flow, growth = m == c.FLOW, m == c.GROWTH
        summed = flow & ((b == c.VALUE) | (b == c.CUMULATIVE_SUM))
        chained = growth & (
            (b == c.AVERAGE_ANNUAL) | (b == c.PERCENT_CHANGE) | (b == c.CUMULATIVE_SUM)
        )
        return cls(summed, chained, b == c.EVERY_YEAR, flow | growth)


def _with_chains(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    targets: TargetArrays,
    sel: ObservationArrays,
    join: _Join,
    computed: BoolArray,
    mask: BoolArray,
    ev: _Evidence,
    flags: npt.NDArray[np.int32],
) -> _Evidence:
    """The evidence of chained targets: the index ``prod(1 + r)`` over their window."""
    ch = chains(
        targets.window,
        targets.start,
        targets.end,
        mask,
        sel.start,
        sel.end,
        sel.value,
        sel.bound,
        computed,
        join,
    )
    got = mask & (ch.pos >= 0)
    _flag(flags, got, c.CHAINED)
    _flag(flags, mask & ch.computed, c.GROWTH_COMPUTED)
    _flag(flags, mask & ch.mixed, c.RATES_MIXED)
    return ev._replace(
        pos=np.where(mask, ch.pos, ev.pos),
        level=np.where(mask, ch.factor, ev.level),
        bound=np.where(mask, ch.bound, ev.bound).astype(np.int8),
        start=np.where(got, targets.window, np.where(mask, np.nan, ev.start)),
        end=np.where(mask, ch.end, ev.end),
        n_parts=np.where(mask, ch.n, ev.n_parts),
        gaps=np.where(mask, ch.gaps, ev.gaps),
    )


def _with_every_year(
    targets: TargetArrays, sel: ObservationArrays, join: _Join, kinds: _Kinds, ev: _Evidence
) -> tuple[_Evidence, Int8Array, IntArray]:
    """The evidence of every-year targets: their worst year, the verdict over all, failed years."""
    mask = kinds.every
    cand = every_year_pairs(
        targets.window, targets.start, targets.end, kinds.flowish, mask, sel.start, sel.end, join
    )
    met_p = np.full(cand.shape[0], c.UNDECIDED, dtype=np.int8)
    att_p = np.full(cand.shape[0], np.nan)
    idx = np.flatnonzero(cand)
    if idx.shape[0]:
        pts, rows = join.pt[idx], join.po[idx]
        x = sel.value[rows]
        value, upper = targets.value[pts], targets.upper[pts]
        comp, direc = targets.comparator[pts], targets.direction[pts]
        half = band(value, targets.tol_abs[pts], targets.tol_rel[pts], targets.percent[pts])
        met_p[idx], _ = compare(x, sel.bound[rows], value, upper, comp, direc, half)
        ref = reference(value, upper, comp, direc)
        att_p[idx] = attainment(x, ref, value, upper, comp, direc)
    ey = every_year(targets.window, cand, met_p, att_p, sel.end, join)
    got = mask & (ey.worst >= 0)
    if sel.value.shape[0]:
        row = join.po[np.maximum(ey.worst, 0)] if join.po.shape[0] else np.zeros_like(ey.worst)
        worst_value, worst_bound = sel.value[row], sel.bound[row]
    else:
        worst_value = np.full(mask.shape[0], np.nan)
        worst_bound = np.zeros(mask.shape[0], dtype=np.int8)
    ev = ev._replace(
        pos=np.where(mask, ey.worst, ev.pos),
        level=np.where(got, worst_value, np.where(mask, np.nan, ev.level)),
        bound=np.where(got, worst_bound, np.where(mask, c.EXACT, ev.bound)).astype(np.int8),
        start=np.where(got, targets.window, np.where(mask, np.nan, ev.start)),
        end=np.where(mask, ey.end, ev.end),
        n_parts=np.where(mask, ey.n, ev.n_parts),
        gaps=np.where(mask, got & ~ey.covered, ev.gaps),
    )
    return ev, ey.met, np.where(mask, ey.failed, 0).astype(np.int64)


class _Baselines(NamedTuple):
    """Targets ready for the basis transform, and the baseline each one reports.

    Attributes:
        calc: The targets with the basis they are compared on (a cumulative
            sum as its value, a cumulative chain as a percent change) and the
            baseline the formulas read (1 for a chain's index, 0 for a sum).
        value: The baseline reported: the target's own, else the observed one.
        end: End of its period.
        row: Observation row of an observed baseline, or -1.
        observed: The baseline was observed, not given by the target.
    """

    calc: TargetArrays
    value: FloatArray
    end: FloatArray
    row: IntArray
    observed: BoolArray


def _baselines(
    targets: TargetArrays, sel: ObservationArrays, rows: IntArray, join: _Join, kinds: _Kinds
) -> _Baselines:
    """Each target's baseline: its own, else the value of the period just before its window.

    Stocks and shares take it for progress too; flows and rates compared as
    values do not (last year's total says little about this year's running one).
    """
    n = targets.ind.shape[0]
    cumulative = targets.basis == c.CUMULATIVE_SUM
    basis = targets.basis.copy()
    basis[cumulative & kinds.summed] = c.VALUE
    basis[cumulative & kinds.chained] = c.PERCENT_CHANGE
    basis[kinds.every] = c.VALUE
    plain = ~(kinds.chained | kinds.every | cumulative)
    own = plain & ~np.isnan(targets.base_value) & ~np.isnan(targets.base_time)
    value = np.where(own, targets.base_value, np.nan)
    end = np.where(own, targets.base_time, np.nan)
    row = np.full(n, -1, dtype=np.int64)
    stock = (targets.measure == c.LEVEL) | (targets.measure == c.SHARE)
    need = plain & ~own & ((basis != c.VALUE) | stock)
    observed = np.zeros(n, dtype=bool)
    if need.any() and join.po.shape[0]:
        pos = observed_baseline(
            targets.window,
            targets.start,
            targets.end,
            kinds.flowish,
            need,
            sel.start,
            sel.end,
            sel.bound,
            join,
        )
        observed = pos >= 0
        p = join.po[pos[observed]]
        value[observed] = sel.value[p]
        end[observed] = sel.end[p]
        if rows.shape[0]:
            row[observed] = rows[p]
    calc_value, calc_time = value.copy(), end.copy()
    # A chain is an index of the level before the window; a sum starts from 0.
    calc_value[kinds.chained] = 1.0
    sums = cumulative & kinds.summed
    calc_value[sums] = 0.0
    fixed = kinds.chained | sums
    calc_time[fixed] = targets.window[fixed]
    calc = targets._replace(basis=basis, base_value=calc_value, base_time=calc_time)
    return _Baselines(calc, value, end, row, observed)


def _evidence(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    targets: TargetArrays,
    sel: ObservationArrays,
    join: _Join,
    computed: BoolArray,
    kinds: _Kinds,
    flags: npt.NDArray[np.int32],
) -> tuple[_Evidence, Int8Array | None, IntArray]:
    """Every target's evidence; for every-year targets also their verdict and failed years."""
    special = kinds.chained | kinds.every | ((targets.measure == c.FLOW) & ~kinds.summed)
    if join.one and not special.any():
        ev = _evidence_one(targets, sel, join, kinds.summed)
    else:
        ev = _evidence_many(targets, sel, join, kinds.summed)
    every_met: Int8Array | None = None
    failed_years = np.zeros(targets.ind.shape[0], dtype=np.int64)
    if kinds.chained.any():
        ev = _with_chains(targets, sel, join, computed, kinds.chained, ev, flags)
    if kinds.every.any():
        ev, every_met, failed_years = _with_every_year(targets, sel, join, kinds, ev)
    return ev, every_met, failed_years


def _every_verdict(
    every: BoolArray, every_met: Int8Array, met: Int8Array, exceeded: BoolArray
) -> tuple[Int8Array, BoolArray]:
    """Every year is compared; the worst one stands for them in the figures."""
    return np.where(every, every_met, met).astype(np.int8), exceeded & ~every


def _grows(targets: TargetArrays, calc: TargetArrays, open_: BoolArray) -> BoolArray:
    """Open evidence of a level that only grows, on a basis that grows with it: a lower bound."""
    increasing = (calc.basis == c.VALUE) | (calc.basis == c.CHANGE)
    increasing |= calc.basis == c.PERCENT_CHANGE
    out: BoolArray = open_ & targets.only_grows & (targets.measure == c.LEVEL) & increasing
    return out


def _required(
    calc: TargetArrays, level: FloatArray, ev_end: FloatArray, open_: BoolArray
) -> FloatArray:
    """The average annual rate still needed, for rate and change targets with time left."""
    rate_t = open_ & ((calc.basis == c.AVERAGE_ANNUAL) | (calc.basis == c.PERCENT_CHANGE))
    out = np.full(calc.ind.shape[0], np.nan)
    if not rate_t.any():
        return out
    idx = np.flatnonzero(rate_t)
    goal = target_level(
        reference(calc.value[idx], calc.upper[idx], calc.comparator[idx], calc.direction[idx]),
        calc.base_value[idx],
        calc.base_time[idx],
        calc.end[idx],
        calc.basis[idx],
    )
    out[idx] = required_rate(goal, level[idx], calc.end[idx], ev_end[idx])
    return out


Prepared = tuple[ObservationArrays, IntArray, IntArray, BoolArray]
"""What :func:`_prepare` returns: selected rows, their input rows, level rows, computed flags."""


def run(  # noqa: C901, PLR0915 (one pipeline, read top to bottom)
    targets: TargetArrays,
    obs: ObservationArrays,
    as_of: float = np.nan,
    *,
    prepared: Prepared | None = None,
) -> Outcome:
    """Assess every target against the observations of its indicator.

    Each step skips what no target needs (flows, chains, every-year limits,
    milestones, bounds, baselines, a basis other than VALUE), and one
    observation per target takes a short path to its evidence, so the common
    case costs little more than the formulas themselves
    (``benchmarks/bench_assess.py``).

    A result is decided before the deadline only where it can no longer
    change: a running sum of non-negative amounts (met, or a ceiling broken),
    a level that only grows, an every-year limit broken in one year. Other
    evidence met before the deadline is "met so far" (:data:`._codes.MET_SO_FAR`)
    and pending.

    Args:
        targets: Target columns.
        obs: Observation columns (all vintages).
        as_of: Use only releases known by this fractional year (NaN: all).
        prepared: The vintage selection of *obs* at *as_of*, when the caller
            made it already (``evaluate`` shares it with the forecasts).

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
    sel, rows, basis_rows, computed = _prepare(obs, as_of) if prepared is None else prepared
    join = _pairs(sel.ind, targets.ind)
    kinds = _Kinds.of(targets)
    flags = np.zeros(n, dtype=np.int32)
    ev, every_met, failed_years = _evidence(targets, sel, join, computed, kinds, flags)
    level, bound = ev.level, ev.bound
    summed = kinds.summed
    has = ev.pos >= 0
    every = bool(has.all())
    has_flow = summed & has
    # Observation rows: the pair's row in the selection, then in the caller's input.
    fpos = ev.pos if every else np.maximum(ev.pos, 0)
    src = fpos if join.aligned or join.po.shape[0] == 0 else join.po[fpos]
    if rows.shape[0]:
        row_out = rows[src] if every else np.where(has, rows[src], -1)
    else:
        row_out = np.full(n, -1, dtype=np.int64)

    partial = has & (ev.end < targets.end - EPS_TIME)
    complete = has & ~partial & ~ev.gaps
    _flag(flags, ev.gaps, c.GAPS)
    _flag(flags, partial, c.PARTIAL)
    _flag(flags, ev.overlap, c.OVERLAP)
    _flag(flags, ev.cumulative, c.CUMULATIVE)
    basis_row = np.full(n, -1, dtype=np.int64)
    if computed.shape[0] and computed.any():
        comp_t = has & ~summed & computed[src]
        _flag(flags, comp_t, c.GROWTH_COMPUTED)
        basis_row = np.where(comp_t, basis_rows[src], -1).astype(np.int64)

    milestone, value = _milestones(targets, ev.end, partial & ~ev.gaps & ~kinds.every)
    at_ms = milestone >= 0
    _flag(flags, at_ms, c.MILESTONE)

    bases = _baselines(targets, sel, rows, join, kinds)
    calc = bases.calc
    _flag(flags, bases.observed & has, c.BASE_OBSERVED)

    # Bounds. An observation may itself be a bound (">12,000"). A flow summed
    # over non-negative amounts that does not yet cover the target's period is
    # a lower bound of the period's total: it can only grow; so is a level
    # that only grows, and every increasing transform of it.
    _flag(flags, has & (bound != c.EXACT), c.BOUND)
    running = has_flow & ~complete & ~at_ms & ev.may_grow
    if targets.only_grows.any():
        running |= _grows(targets, calc, has & partial & ~at_ms & (bound != c.UPPER) & ~kinds.every)
    if running.any():
        bound[running] = c.LOWER
    clash = bound < 0
    if clash.any():
        level = np.where(clash, np.nan, level)
        bound[clash] = c.EXACT

    # Basis (change, percent change, average annual growth from the baseline).
    needs_base = calc.basis != c.VALUE
    x = level
    if needs_base.any():
        no_base = needs_base & (np.isnan(calc.base_value) | np.isnan(calc.base_time))
        _flag(flags, no_base & has, c.NO_BASELINE)
        x = on_basis(level, ev.end, calc.base_value, calc.base_time, calc.basis)
        x[no_base] = np.nan

    half = _about_band(targets, value)
    met, exceeded = compare(
        x, bound, value, targets.upper, targets.comparator, targets.direction, half
    )
    if every_met is not None:
        met, exceeded = _every_verdict(kinds.every, every_met, met, exceeded)
    ref = reference(value, targets.upper, targets.comparator, targets.direction)
    att = attainment(x, ref, value, targets.upper, targets.comparator, targets.direction)
    prog = _progress_of(calc, level, has)
    g = gap(x, ref, value, targets.upper, targets.comparator)
    _flag(flags, exceeded, c.EXCEEDED)

    # Status. A decided comparison of complete evidence is final; so is one
    # that can no longer change: a running lower bound that decides, or a year
    # that broke an every-year limit. Other evidence is pending.
    evidence = has & ~np.isnan(x)
    early = running & (met != c.UNDECIDED)
    if every_met is not None:
        early |= kinds.every & (met == c.NOT_MET)
    early &= evidence
    final = (evidence & complete & (met != c.UNDECIDED)) | early
    pending = evidence & ~complete
    is_met = met == c.MET
    # Status by final * 4 + met * 2 + pending (see _STATUS_OF).
    key = final.astype(np.int8) * np.int8(4)
    key += is_met.astype(np.int8) * np.int8(2)
    key += pending.astype(np.int8)
    status = _STATUS_OF.take(key)
    _flag(flags, early & (partial | (~complete & ~kinds.every)), c.EARLY)
    _flag(flags, failed_years != 0, c.YEAR_FAILED)
    if bound.any():
        _flag(flags, evidence & complete & (met == c.UNDECIDED) & (bound != c.EXACT), c.UNDECIDABLE)
    # Met before the deadline, and still able to change: "met so far". A running
    # lower bound under a ceiling is undecided, yet its value meets it so far.
    so_far = pending & ~final & ~at_ms
    point = is_met.copy()
    idx = np.flatnonzero(so_far & running)
    if idx.shape[0]:
        t = targets
        pm, _ = compare(
            x[idx], np.zeros(idx.shape[0], np.int8), value[idx], t.upper[idx],
            t.comparator[idx], t.direction[idx], half[idx],
        )  # fmt: skip
        point[idx] = pm == c.MET
    _flag(flags, so_far & point, c.MET_SO_FAR)
    # While pending, "met" speaks of the milestone, if any; otherwise it is undecided.
    hold = pending & ~final & ~at_ms
    if hold.any():
        met[hold] = c.UNDECIDED
    missed = final & ~is_met & ~summed & (targets.measure != c.GROWTH) & ~kinds.every
    late_end, late_row = _late(calc, sel, rows, join, missed, flags)
    required = _required(calc, level, ev.end, evidence & partial & ~ev.gaps)

    sc = score(att, met)
    # NaN without evidence; where every target has some, the arrays as they are
    # (``x`` is copied: it may be ``level``, another field).
    return Outcome(
        status=status,
        met=met,
        flags=flags,
        observed=x.copy() if every else np.where(has, x, np.nan),
        level=level,
        reference=ref,
        attainment=att if every else np.where(has, att, np.nan),
        score=sc if every else np.where(has, sc, np.nan),
        gap=g if every else np.where(has, g, np.nan),
        progress=prog,
        row=row_out,
        ev_start=ev.start,
        ev_end=ev.end,
        n_parts=ev.n_parts,
        milestone=milestone,
        late_end=late_end,
        late_row=late_row,
        basis_row=basis_row,
        required=required,
        base_value=bases.value,
        base_end=bases.end,
        base_row=bases.row,
        failed_years=failed_years,
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
    window: npt.ArrayLike | None = None,
    only_grows: npt.ArrayLike | None = None,
) -> TargetArrays:
    """Target columns from arrays, with defaults for what is not given.

    Defaults: indicator ``i`` for target ``i``, INCREASE, FLOW, VALUE basis, no
    upper end, the year 2023 (a window that starts with the deadline's
    period), default tolerances, no baseline, no milestones, levels that may fall.

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

    starts: FloatArray = col(start, 2023.0, np.float64)  # type: ignore[assignment]
    return TargetArrays(
        ind=np.arange(n, dtype=np.int64) if ind is None else np.asarray(ind, dtype=np.int64),
        comparator=np.asarray(comparator, dtype=np.int8),
        direction=col(direction, c.INCREASE, np.int8),  # type: ignore[arg-type]
        measure=col(measure, c.FLOW, np.int8),  # type: ignore[arg-type]
        basis=col(basis, c.VALUE, np.int8),  # type: ignore[arg-type]
        value=v,
        upper=col(upper, np.nan, np.float64),  # type: ignore[arg-type]
        start=starts,
        end=col(end, 2024.0, np.float64),  # type: ignore[arg-type]
        tol_abs=col(tol_abs, np.nan, np.float64),  # type: ignore[arg-type]
        tol_rel=col(tol_rel, np.nan, np.float64),  # type: ignore[arg-type]
        percent=col(percent, 0, np.bool_),  # type: ignore[arg-type]
        base_value=col(base_value, np.nan, np.float64),  # type: ignore[arg-type]
        base_time=col(base_time, np.nan, np.float64),  # type: ignore[arg-type]
        ms_indptr=np.zeros(n + 1, dtype=np.int64),
        ms_end=np.zeros(0, dtype=np.float64),
        ms_value=np.zeros(0, dtype=np.float64),
        window=col(window, np.nan, np.float64) if window is not None else starts.copy(),  # type: ignore[arg-type]
        only_grows=col(only_grows, 0, np.bool_),  # type: ignore[arg-type]
    )
