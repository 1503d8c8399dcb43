"""Segments: targets joined to the observation rows of their indicator, and reductions per target.

Observation rows are sorted by indicator, so the rows of one target's indicator
form a contiguous run; a target's pairs are ``indptr[i]:indptr[i + 1]`` and every
per-target figure is one ``ufunc.reduceat`` over the pairs (the ragged layout of
statsforecast's ``GroupedArray``), never a loop over targets.

Example:
    >>> import numpy as np
    >>> j = _pairs(np.array([0, 0, 1]), np.array([0, 1]))
    >>> j.indptr.tolist(), _seg_reduce(np.add, np.array([1.0, 2.0, 5.0]), j.indptr, 0.0).tolist()
    ([0, 2, 3], [3.0, 5.0])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from innovplan.engine._types import BoolArray, FloatArray, IntArray

__all__ = ["EPS_TIME", "SAME_LENGTH"]


# Half a day, in years: two period boundaries closer than this are the same date.
EPS_TIME = 0.5 / 366.0
# Periods whose lengths differ by less than this count as equally long (a leap
# year is one day longer).
SAME_LENGTH = 3.0 / 365.0
# Segment offsets: fractional years stay below this, so ``year + i * OFFSET``
# keeps segments apart in one sorted float column.
_OFFSET = 1.0e4


def _seg_reduce(
    ufunc: np.ufunc, x: npt.NDArray[np.generic], indptr: IntArray, empty: float
) -> FloatArray:
    """``ufunc.reduceat`` over segments, with *empty* for empty segments."""
    n = indptr.shape[0] - 1
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


class _Join(NamedTuple):
    """Targets joined to the observation rows of their indicator.

    Attributes:
        pt: Target of each pair.
        po: Observation row of each pair.
        indptr: Pairs of target ``i`` are ``indptr[i]:indptr[i + 1]``.
        one: Every target has exactly one pair (pair ``i`` is target ``i``).
        aligned: Moreover pair ``i`` is observation row ``i``: no gathers needed.
    """

    pt: IntArray
    po: IntArray
    indptr: IntArray
    one: bool
    aligned: bool

    def obs(self, a: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """An observation column, per pair."""
        return a if self.aligned else a[self.po]

    def target(self, a: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A target column, per pair."""
        return a if self.one else a[self.pt]


def _pairs(obs_ind: IntArray, t_ind: IntArray) -> _Join:
    """Join targets to the observation rows of their indicator (rows sorted by indicator)."""
    n = t_ind.shape[0]
    if obs_ind.shape[0] == n and np.array_equal(obs_ind, t_ind) and np.all(t_ind[1:] > t_ind[:-1]):
        # Observations already aligned with the targets, one each (bulk callers).
        ar = np.arange(n, dtype=np.int64)
        return _Join(ar, ar, np.arange(n + 1, dtype=np.int64), one=True, aligned=True)
    lo = np.searchsorted(obs_ind, t_ind, side="left")
    hi = np.searchsorted(obs_ind, t_ind, side="right")
    cnt = hi - lo
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(cnt, out=indptr[1:])
    total = int(indptr[-1])
    if total == n and np.all(cnt == 1):
        return _Join(np.arange(n, dtype=np.int64), lo.astype(np.int64), indptr, True, False)  # noqa: FBT003
    pt = np.repeat(np.arange(n, dtype=np.int64), cnt)
    po = np.arange(total, dtype=np.int64) - indptr[pt] + lo[pt]
    return _Join(pt, po, indptr, False, False)  # noqa: FBT003


def _seg_any(mask: BoolArray, indptr: IntArray) -> BoolArray:
    """Per segment, whether *mask* holds anywhere."""
    return _seg_reduce(np.add, mask, indptr, 0.0) > 0


def _first_where(mask: BoolArray, indptr: IntArray) -> IntArray:
    """Per segment, the first position where *mask* holds, or -1."""
    pos = np.where(mask, np.arange(mask.shape[0], dtype=np.float64), np.inf)
    first = _seg_reduce(np.minimum, pos, indptr, np.inf)
    return np.where(np.isfinite(first), first, -1).astype(np.int64)


def _seg_or(bits: IntArray, indptr: IntArray) -> IntArray:
    """Per segment, the bitwise or of *bits* (0 for empty segments)."""
    n = indptr.shape[0] - 1
    out = np.zeros(n, dtype=np.int64)
    if bits.shape[0] == 0 or n == 0:
        return out
    starts = indptr[:-1]
    nonempty = indptr[1:] > starts
    ext = np.concatenate([bits.astype(np.int64), np.zeros(1, dtype=np.int64)])
    red = np.bitwise_or.reduceat(ext, starts)
    out[nonempty] = red[nonempty]
    return out
