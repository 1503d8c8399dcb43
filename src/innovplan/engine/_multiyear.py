"""Multi-year kinds of target: chained yearly rates, every-year limits, observed baselines.

A five-year plan measures more than a value at its deadline (``docs/attainment.md``):

- yearly rates chained over the window, ``prod(1 + r) - 1`` for a change and
  their geometric mean ``prod(1 + r) ** (1 / k) - 1`` for an average annual
  rate (the compounding of the 14th Five-Year Plan's 〔累计〕 column: "energy use
  per unit of GDP down 13.5 %" is an index of 0.865 of 2020's by 2025);
- a limit that holds every year ("surveyed urban unemployment below 5.5 %"):
  each year in the window is compared, the failing years are kept as bits;
- the baseline a target leaves out: the value of the year before its window
  (the "2020" column of a plan for 2021–2025);
- the average annual rate still required from the latest evidence to the
  deadline, ``(goal / now) ** (1 / years left) - 1``.

Every function works on the joined pairs of :mod:`._segments`, one reduction
per figure, for any number of targets.

Example:
    >>> import numpy as np
    >>> rate = required_rate(np.array([34212.6]), np.array([33357.1]),
    ...                      np.array([2026.0]), np.array([2024.0]))
    >>> round(float(rate[0]), 2)   # R&D spending: 7 % a year over 2021-2025, 2023 known
    1.27
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from innovplan.engine import _codes as c
from innovplan.engine._segments import (
    EPS_TIME,
    SAME_LENGTH,
    _first_where,
    _Join,
    _seg_any,
    _seg_or,
    _seg_reduce,
)

if TYPE_CHECKING:
    from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = ["Chain", "EveryYear", "chains", "every_year", "every_year_pairs", "required_rate"]


# Years an every-year target can list as failed: bits of an int64.
MAX_YEARS = 62


class Chain(NamedTuple):
    """Yearly rates chained over each target's window.

    Attributes:
        factor: ``prod(1 + r / 100)``: the level at the evidence's end as a
            multiple of the level before the window (NaN: no rates, a rate of
            -100 % or less, or a year missing).
        end: End of the last year chained.
        pos: Pair position of the last year chained, or -1.
        n: Years chained.
        gaps: The years chained do not run without a hole from the window's start.
        bound: Bound code of the chain (-1 where bounds of both kinds meet).
        computed: Some rates were computed from levels.
        mixed: Published and computed rates were chained together.
    """

    factor: FloatArray
    end: FloatArray
    pos: IntArray
    n: IntArray
    gaps: BoolArray
    bound: Int8Array
    computed: BoolArray
    mixed: BoolArray


def _period_length(targets_start: FloatArray, targets_end: FloatArray) -> FloatArray:
    return targets_end - targets_start


def chains(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    window: FloatArray,
    start: FloatArray,
    end: FloatArray,
    mask: BoolArray,
    sel_start: FloatArray,
    sel_end: FloatArray,
    sel_value: FloatArray,
    sel_bound: Int8Array,
    computed: BoolArray,
    join: _Join,
) -> Chain:
    """Chain the yearly rates (percent) of each masked target over its window.

    A rate counts when its period lies inside the window and is as long as the
    deadline's period (a year). A published rate and one computed from levels
    never both reach here for the same year: vintage selection keeps the
    published one.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._segments import _pairs
        >>> j = _pairs(np.zeros(3, np.int64), np.zeros(1, np.int64))
        >>> ch = chains(np.array([2021.0]), np.array([2025.0]), np.array([2026.0]),
        ...     np.array([True]), np.array([2021.0, 2022.0, 2023.0]),
        ...     np.array([2022.0, 2023.0, 2024.0]), np.array([-2.7, -0.1, -0.5]),
        ...     np.zeros(3, np.int8), np.zeros(3, bool), j)
        >>> round((float(ch.factor[0]) - 1) * 100, 2), int(ch.n[0])
        (-3.28, 3)
    """
    n = window.shape[0]
    pt, po, indptr = join.pt, join.po, join.indptr
    s, e = sel_start[po], sel_end[po]
    v, b = sel_value[po], sel_bound[po]
    ws, te = window[pt], end[pt]
    length = _period_length(start, end)[pt]
    cand = (
        mask[pt]
        & (s >= ws - EPS_TIME)
        & (e <= te + EPS_TIME)
        & (np.abs((e - s) - length) < SAME_LENGTH)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        lg = np.log1p(v / 100.0)
    bad = cand & ~np.isfinite(lg)
    total = _seg_reduce(np.add, np.where(cand & ~bad, lg, 0.0), indptr, 0.0)
    k = _seg_reduce(np.add, cand, indptr, 0.0).astype(np.int64)
    cover = _seg_reduce(np.add, np.where(cand, e - s, 0.0), indptr, 0.0)
    last = _seg_reduce(np.maximum, np.where(cand, e, -np.inf), indptr, -np.inf)
    pos = _seg_reduce(
        np.maximum, np.where(cand, np.arange(pt.shape[0], dtype=np.float64), -1.0), indptr, -1.0
    ).astype(np.int64)
    got = k > 0
    gaps = got & (cover < (last - window) - EPS_TIME * np.maximum(k, 1))
    index = np.exp(total)
    index[~got | gaps | _seg_any(bad, indptr)] = np.nan
    low = _seg_any(cand & (b == c.LOWER), indptr)
    up = _seg_any(cand & (b == c.UPPER), indptr)
    # log1p is increasing: lower bounds on every rate bound the chain from below.
    bound = np.where(low & up, -1, np.where(low, c.LOWER, np.where(up, c.UPPER, c.EXACT)))
    comp = computed[po]
    any_comp = _seg_any(cand & comp, indptr)
    any_pub = _seg_any(cand & ~comp, indptr)
    return Chain(
        factor=index,
        end=np.where(got, last, np.nan),
        pos=np.where(got, pos, -1).astype(np.int64),
        n=k if n else np.zeros(0, dtype=np.int64),
        gaps=gaps,
        bound=bound.astype(np.int8),
        computed=any_comp,
        mixed=any_comp & any_pub,
    )


def every_year_pairs(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    window: FloatArray,
    start: FloatArray,
    end: FloatArray,
    flowish: BoolArray,
    mask: BoolArray,
    sel_start: FloatArray,
    sel_end: FloatArray,
    join: _Join,
) -> BoolArray:
    """The pairs an every-year target compares: each observed period in its window.

    Flows and rates count for full years only (a year-to-date figure is not the
    year's); stocks and shares count for every period that ends in the window.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._segments import _pairs
        >>> j = _pairs(np.zeros(3, np.int64), np.zeros(1, np.int64))
        >>> every_year_pairs(np.array([2021.0]), np.array([2025.0]), np.array([2026.0]),
        ...     np.array([True]), np.array([True]), np.array([2020.0, 2021.0, 2022.0]),
        ...     np.array([2021.0, 2022.0, 2022.5]), j).tolist()
        [False, True, False]
    """
    pt, po = join.pt, join.po
    s, e = sel_start[po], sel_end[po]
    ws, te = window[pt], end[pt]
    length = _period_length(start, end)[pt]
    full = (e - s) >= length - SAME_LENGTH
    return (
        mask[pt]
        & (s >= ws - EPS_TIME)
        & (e > ws + EPS_TIME)
        & (e <= te + EPS_TIME)
        & (~flowish[pt] | full)
    )


class EveryYear(NamedTuple):
    """Every-year targets, reduced over their years.

    Attributes:
        met: 0 as soon as one year fails; else -1 if a year cannot be decided
            (a bound); else 1 (for the years seen so far).
        worst: Pair position of the year farthest from meeting (a failing one
            first), or -1.
        end: End of the latest year seen.
        n: Years seen.
        covered: Every year from the window's start to the latest seen is there.
        failed: Bit ``k`` set when the year ``floor(window) + k`` failed.
    """

    met: Int8Array
    worst: IntArray
    end: FloatArray
    n: IntArray
    covered: BoolArray
    failed: IntArray


def every_year(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    window: FloatArray,
    cand: BoolArray,
    met_p: Int8Array,
    att_p: FloatArray,
    sel_end: FloatArray,
    join: _Join,
) -> EveryYear:
    """Reduce the per-year verdicts of every-year targets (*met_p*, *att_p* per pair).

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._segments import _pairs
        >>> j = _pairs(np.zeros(3, np.int64), np.zeros(1, np.int64))
        >>> ev = every_year(np.array([2021.0]), np.ones(3, bool), np.array([1, 0, 1], np.int8),
        ...     np.array([1.08, 0.98, 1.06]), np.array([2022.0, 2023.0, 2024.0]), j)
        >>> int(ev.met[0]), int(ev.worst[0]), int(ev.failed[0])   # 2022 failed: bit 1
        (0, 1, 2)
    """
    pt, po, indptr = join.pt, join.po, join.indptr
    e = sel_end[po]
    fail = cand & (met_p == c.NOT_MET)
    undecided = cand & (met_p == c.UNDECIDED)
    first_year = np.floor(window + EPS_TIME)
    year = np.floor(e - 2.0 * EPS_TIME) - first_year[pt]
    k = np.clip(np.nan_to_num(year, nan=0.0), 0, MAX_YEARS).astype(np.int64)
    bits = np.left_shift(np.int64(1), k)
    seen = _seg_or(np.where(cand, bits, 0), indptr)
    failed = _seg_or(np.where(fail, bits, 0), indptr)
    n = _seg_reduce(np.add, cand, indptr, 0.0).astype(np.int64)
    last = _seg_reduce(np.maximum, np.where(cand, e, -np.inf), indptr, -np.inf)
    got = n > 0
    years_so_far = np.clip(
        np.floor(np.where(got, last, window) - 2.0 * EPS_TIME) - first_year + 1, 0, MAX_YEARS
    ).astype(np.int64)
    full = np.left_shift(np.int64(1), years_so_far) - 1
    covered = got & ((seen & full) == full)
    any_fail = failed != 0
    any_undecided = _seg_any(undecided, indptr)
    met = np.where(any_fail, c.NOT_MET, np.where(any_undecided | ~got, c.UNDECIDED, c.MET))
    # The year farthest from meeting: a failing one first, then the lowest ratio.
    pool = cand & (fail | ~any_fail[pt])  # the failing years, if any
    key = np.where(pool, np.nan_to_num(att_p, nan=-np.inf), np.inf)
    best = _seg_reduce(np.minimum, key, indptr, np.inf)
    worst = _first_where(pool & (key <= best[pt]), indptr)
    return EveryYear(
        met=met.astype(np.int8),
        worst=worst,
        end=np.where(got, last, np.nan),
        n=n,
        covered=covered,
        failed=failed,
    )


def observed_baseline(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    window: FloatArray,
    start: FloatArray,
    end: FloatArray,
    flowish: BoolArray,
    mask: BoolArray,
    sel_start: FloatArray,
    sel_end: FloatArray,
    sel_bound: Int8Array,
    join: _Join,
) -> IntArray:
    """Per masked target, the pair holding the value of the period just before its window.

    A stock at the window's eve, or a flow or rate over a period as long as the
    deadline's that ends where the window starts (2020's total for 2021–2025).
    Of several, the one that starts last (a year-end stock before a yearly
    average). A bound (">12,000") is no baseline: progress from it would be
    a guess.

    Returns:
        Pair positions, -1 where none.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._segments import _pairs
        >>> j = _pairs(np.zeros(2, np.int64), np.zeros(1, np.int64))
        >>> observed_baseline(np.array([2021.0]), np.array([2025.0]), np.array([2026.0]),
        ...     np.array([True]), np.array([True]), np.array([2020.0, 2021.0]),
        ...     np.array([2021.0, 2022.0]), np.zeros(2, np.int8), j).tolist()
        [0]
    """
    pt, po, indptr = join.pt, join.po, join.indptr
    s, e = sel_start[po], sel_end[po]
    length = _period_length(start, end)[pt]
    cand = (
        mask[pt]
        & (np.abs(e - window[pt]) < EPS_TIME)
        & (~flowish[pt] | (np.abs((e - s) - length) < SAME_LENGTH))
        & (sel_bound[po] == c.EXACT)
    )
    latest = _seg_reduce(np.maximum, np.where(cand, s, -np.inf), indptr, -np.inf)
    return _first_where(cand & (s >= latest[pt] - EPS_TIME), indptr)


def required_rate(
    goal: FloatArray, level: FloatArray, end: FloatArray, ev_end: FloatArray
) -> FloatArray:
    """The compound rate a year, in percent, that takes *level* to *goal* by *end*.

    NaN where either is not positive or no time is left. The rate is counted
    forward from the latest observation along a constant-growth path, as the
    "required" average annual rate of UNICEF's progress report cards is (see
    :func:`innovplan.engine._progress.aarr_required`).

    Example:
        >>> import numpy as np
        >>> required_rate(np.array([0.865]), np.array([0.967167]), np.array([2026.0]),
        ...               np.array([2024.0])).round(2).tolist()
        [-5.43]
    """
    left = end - ev_end
    ok = (goal > 0) & (level > 0) & (left > EPS_TIME)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rate = (np.power(goal / level, 1.0 / np.where(ok, left, 1.0)) - 1.0) * 100.0
    return np.where(ok, rate, np.nan)
