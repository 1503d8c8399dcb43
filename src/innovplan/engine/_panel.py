"""The padded panel of many short series, and the shape of per-origin model states.

Each forecast model (:mod:`innovplan.engine._models`, :mod:`innovplan.engine._auto`)
returns ``(states, predict)``: ``states`` holds one ``(S, L)`` array per parameter,
computed for every origin column from the data up to that column;
``predict(states, h)`` broadcasts the states against horizons ``h`` in years and
returns the textbook predictive t.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine import _ragged
from innovplan.engine._codes import Reason
from innovplan.engine._scratch import _work
from innovplan.engine._types import BoolArray, FloatArray, IntArray


class _Panel(NamedTuple):
    T: FloatArray  # (S, L) times, right aligned, NaN padding
    Y: FloatArray  # (S, L) values (log values for log-space methods)
    M: BoolArray  # (S, L) data mask
    n: IntArray  # (S,) points
    nj: IntArray  # (S, L) points up to and including each column
    step: FloatArray  # (S,) median spacing in years
    reason: npt.NDArray[np.int32]  # (S,) series-level reasons

    @property
    def J(self) -> FloatArray:  # noqa: N802 - the panel's letter names
        # (S, L) observation steps since the series' first point, 0 on the
        # padding: max(nj - 1, 0) as floats (whole numbers, exact). Made only
        # for the models that read it, not held by every panel.
        out: FloatArray = np.maximum(self.nj - 1, 0).astype(np.float64)
        return out


class _Pred(NamedTuple):
    loc: FloatArray
    scale: FloatArray
    df: FloatArray


def _panel(
    t: npt.ArrayLike,
    y: npt.ArrayLike,
    indptr: npt.ArrayLike,
    *,
    log: bool,
    time_major: bool = False,
) -> _Panel:
    # With time_major the (S, L) arrays are transposed views of C-contiguous
    # (L, S) arrays: the same values, laid out for kernels that step through
    # the columns with all series side by side (``p.T.T`` is contiguous).
    r = _ragged.tidy(t, y, indptr)
    n = _ragged.counts(r.indptr)
    reason = np.zeros(n.size, dtype=np.int32)
    # Each bit only if some series has it (a check is cheaper than a masked update).
    for has, bit in (
        (r.dropped, Reason.DROPPED_POINTS),
        (r.duplicate, Reason.DUPLICATE_TIMES),
        (n == 0, Reason.NO_DATA),
    ):
        if has.any():
            reason[has] |= bit
    yv = r.y
    if log:
        bad = np.bincount(_ragged.segment_ids(r.indptr)[yv <= 0], minlength=n.size) > 0
        reason[bad] |= Reason.NONPOSITIVE
        with np.errstate(divide="ignore", invalid="ignore"):
            yv = np.log(np.where(yv > 0, yv, np.nan))
    width = max(int(n.max(initial=0)), 1)
    (big_t, big_y), m = _ragged.pad_right_many(
        (r.t, yv), r.indptr, width=width, time_major=time_major
    )
    # Points up to each column: the data of a row are its last n columns.
    # The floor at 0 is taken in place: one (S, L) array a call, not two.
    cols = np.arange(1 - width, 1)
    if time_major:
        big_t, big_y, m = big_t.T, big_y.T, m.T
        nj = np.add.outer(cols, n)
        nj = np.maximum(nj, 0, out=nj).T
    else:
        nj = np.add.outer(n, cols)
        np.maximum(nj, 0, out=nj)
    # Median spacing. The spacings of neighbouring columns are NaN unless
    # both are data (the padding is NaN; right alignment makes column j and
    # j + 1 both data exactly where column j is).
    dt = _spacings(big_t)
    if dt.size and np.fmin.reduce(dt, axis=None) == np.fmax.reduce(dt, axis=None):
        # Every series equally spaced, all by the same spacing c (yearly
        # data): each row's sorted spacings below would be n - 1 copies of c,
        # so its middle one or two are c and c, the same float 0.5 (c + c).
        c = np.fmin.reduce(dt, axis=None)
        mid = 0.5 * (c + c)
        step = np.where((n >= 2) & np.isfinite(mid) & (mid > 0), mid, 1.0)
    else:
        step = _median_spacing(dt, m, n)
    return _Panel(big_t, big_y, m, n, nj, step, reason)


def _spacings(big_t: FloatArray) -> FloatArray:
    # The spacings of neighbouring columns of the (S, L) times, big_t[:, 1:]
    # - big_t[:, :-1] (NaN where either is padding), in this thread's kept
    # work array (see _scratch), laid out as big_t is (a time-major panel's
    # transposed): valid until the next take of that array. A fresh array
    # freed at the end of a call would be taken from the heap's top again
    # by the next.
    s_count, big_l = big_t.shape
    shape = (s_count, max(big_l - 1, 0))
    out = _work("spacing", shape[::-1]).T if big_t.flags.f_contiguous else _work("spacing", shape)
    with np.errstate(invalid="ignore"):
        return np.subtract(big_t[:, 1:], big_t[:, :-1], out=out)


def _median_spacing(dt: FloatArray, m: BoolArray, n: IntArray) -> FloatArray:
    # Sort each row's spacings (padding sorts last as +inf) and take the
    # middle one or two.
    dt = np.where(m[:, :-1], dt, np.inf)
    dt.sort(axis=1)
    k = np.maximum(n - 1, 1)
    if dt.shape[1]:
        lo = np.take_along_axis(dt, ((k - 1) // 2)[:, None], axis=1)[:, 0]
        hi = np.take_along_axis(dt, (k // 2)[:, None], axis=1)[:, 0]
        step = 0.5 * (lo + hi)
    else:
        step = np.ones(n.size)
    out: FloatArray = np.where((n >= 2) & np.isfinite(step) & (step > 0), step, 1.0)
    return out


def _cums(x: FloatArray, m: BoolArray) -> FloatArray:
    out: FloatArray = np.cumsum(np.where(m, x, 0.0), axis=1)
    return out


def _seq_sum(x: FloatArray) -> FloatArray:
    # Sum over the last axis in index order, one term after the other. A
    # series padded with zeros (on the left, or beyond its own last step)
    # then sums to exactly the same float as the series alone: einsum and
    # sum group the terms by position in the row, so a batch's padding would
    # change the rounding and batched forecasts would differ from single ones
    # in the last bits.
    if x.shape[-1] == 0:
        return np.zeros(x.shape[:-1])
    out: FloatArray = np.cumsum(x, axis=-1)[..., -1]
    return out


def _first(a: FloatArray, n: IntArray) -> FloatArray:
    cols = np.clip(a.shape[1] - n, 0, a.shape[1] - 1)
    out: FloatArray = a[np.arange(a.shape[0]), cols]
    return out


# Each method below returns (states, predict, min_points). ``states`` holds one


_States = tuple[FloatArray, ...]
_Predict = Callable[[_States, FloatArray], _Pred]
