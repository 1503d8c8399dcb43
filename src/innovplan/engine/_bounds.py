"""Published lower bounds of a stock as floors of its forecast.

An observation such as "more than 12,000 enterprises" says the stock was at
least 12,000 at that date. For a stock (``Measure.LEVEL``) whose history has
never fallen, every later value is at least the largest such bound: the
forecast is conditioned on it (:func:`innovplan.engine._forecast.at_least`)
rather than treating the bound as the value itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from innovplan.engine import _codes as c
from innovplan.engine._ragged import segment_ids

if TYPE_CHECKING:
    from innovplan.engine._history import Histories
    from innovplan.engine._types import FloatArray

__all__ = ["floors"]


def floors(h: Histories) -> FloatArray:
    """The floor of each target's forecast: NaN unless a non-falling stock has a lower bound.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine._history import histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T8"), plan.target("T10")], obs, as_of="2023-01-29")
        >>> floors(h).tolist()  # T8: 2022 "more than 12,000"; T10: no bound
        [12000.0, nan]
    """
    n = len(h)
    out = np.full(n, np.nan)
    d = h.distinct()
    # Targets sharing a history share its floor: found once per history.
    y, bound, indptr = (d.y, d.bound, d.indptr) if d is not None else (h.y, h.bound, h.indptr)
    if n == 0 or y.size == 0:
        return out
    lower = bound == c.LOWER
    if not lower.any():
        return out
    seg = segment_ids(indptr)
    k = indptr.size - 1
    # A fall anywhere in the history (consecutive points of one target,
    # bounds included) rules the floor out: the stock can go down.
    same = seg[1:] == seg[:-1]
    fell = np.zeros(k, dtype=bool)
    fell[seg[1:][same & (np.diff(y) < 0)]] = True
    best = np.full(k, -np.inf)
    np.maximum.at(best, seg[lower], y[lower])
    if d is not None:
        fell, best = fell[d.of], best[d.of]
    stock = h.targets.arrays.measure == c.LEVEL
    ok = np.isfinite(best) & ~fell & stock
    out[ok] = best[ok]
    return out
