"""Vintages: the release of each period known on a date, and growth from two levels.

Figures are revised: by default the latest release wins, and ``as_of`` replays
what was known on a date (docs/attainment.md, "Which evidence applies").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c
from innovplan.engine._segments import (
    _OFFSET,
    EPS_TIME,
)

if TYPE_CHECKING:
    from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = [
    "select_vintages",
    "yoy_growth",
]


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
