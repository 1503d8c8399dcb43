"""Ragged series: many series in one float64 array plus ``indptr`` offsets.

Series ``i`` is ``values[indptr[i]:indptr[i + 1]]`` with its times (fractional
years) in the same slice of ``times``; ``indptr`` has ``n_series + 1``
non-decreasing entries starting at 0 (the layout of statsforecast's
``GroupedArray`` and of SciPy's CSR matrices). The helpers here turn that
layout into segment reductions (``np.add.reduceat``) and into padded 2-D arrays
whose rows are series, so that kernels vectorise across series instead of
looping over them.

Example:
    >>> import numpy as np
    >>> from innovplan.engine._ragged import segment_sum
    >>> segment_sum(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 3, 3, 4]))
    array([6., 0., 4.])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.errors import EvaluationError
from innovplan.model import shown

if TYPE_CHECKING:
    from innovplan.engine._types import BoolArray, FloatArray, IntArray

__all__ = [
    "Ragged",
    "counts",
    "from_padded",
    "last_k",
    "pad_right",
    "pad_right_many",
    "prefixes",
    "segment_ids",
    "segment_last",
    "segment_sum",
    "shared_segments",
    "tidy",
    "whole_offsets",
]


class Ragged(NamedTuple):
    """Cleaned ragged series.

    Attributes:
        t: Times (fractional years), sorted within each series.
        y: Values, all finite.
        indptr: Offsets, ``len(indptr) == n_series + 1``.
        dropped: Per series, whether non-finite points were removed.
        duplicate: Per series, whether two points share a time.
    """

    t: FloatArray
    y: FloatArray
    indptr: IntArray
    dropped: BoolArray
    duplicate: BoolArray


def counts(indptr: npt.ArrayLike) -> IntArray:
    """Number of points per series.

    Args:
        indptr: Offsets.

    Returns:
        ``np.diff(indptr)``.

    Example:
        >>> counts([0, 2, 2, 5])
        array([2, 0, 3])
    """
    out: IntArray = np.diff(np.asarray(indptr, dtype=np.int64)).astype(np.int64)
    return out


def segment_ids(indptr: npt.ArrayLike) -> IntArray:
    """Series index of every point.

    Args:
        indptr: Offsets.

    Returns:
        An int array of length ``indptr[-1]``.

    Example:
        >>> segment_ids([0, 2, 2, 5])
        array([0, 0, 2, 2, 2])
    """
    n = counts(indptr)
    return np.repeat(np.arange(n.size, dtype=np.int64), n)


def segment_sum(x: npt.ArrayLike, indptr: npt.ArrayLike) -> FloatArray:
    """Sum of each series' values; empty series sum to 0.

    ``np.add.reduceat`` returns the element at the offset for an empty
    segment, so those are zeroed explicitly.

    Args:
        x: Values, length ``indptr[-1]``.
        indptr: Offsets.

    Returns:
        One sum per series.

    Example:
        >>> segment_sum([1.0, 1.0, 5.0], [0, 0, 2, 3])
        array([0., 2., 5.])
    """
    xx = np.asarray(x, dtype=np.float64)
    ip = np.asarray(indptr, dtype=np.int64)
    n = np.diff(ip)
    out = np.zeros(n.size)
    nz = n > 0
    if xx.size and nz.any():
        out[nz] = np.add.reduceat(xx, ip[:-1][nz])
    return out


def segment_last(x: npt.ArrayLike, indptr: npt.ArrayLike) -> FloatArray:
    """Last value of each series, NaN for an empty one.

    Args:
        x: Values.
        indptr: Offsets.

    Returns:
        One value per series.

    Example:
        >>> segment_last([1.0, 2.0, 3.0], [0, 2, 2, 3])
        array([ 2., nan,  3.])
    """
    xx = np.asarray(x, dtype=np.float64)
    ip = np.asarray(indptr, dtype=np.int64)
    n = np.diff(ip)
    out = np.full(n.size, np.nan)
    nz = n > 0
    out[nz] = xx[ip[1:][nz] - 1]
    return out


def _numbers(x: npt.ArrayLike, dtype: type[Any], name: str, what: str) -> npt.NDArray[Any]:
    # *x* as a flat array of *dtype*, or an EvaluationError naming it.
    try:
        return np.asarray(x, dtype=dtype).ravel()
    except (TypeError, ValueError, OverflowError):
        msg = f"{name} must be {what}, got {shown(x)}"
        raise EvaluationError(msg) from None


# Whole floats at or beyond 2**63 have no int64: numpy's cast gives garbage.
_INT64_END = 2.0**63


def whole_offsets(x: object, name: str) -> IntArray:
    """*x* as flat int64 offsets: integers as they are, whole floats exactly.

    numpy's cast to int64 truncates 3.5 to 3 without a word (and makes
    garbage of NaN), so floats are read only when every one is a finite
    whole number an int64 holds.

    Raises:
        EvaluationError: *x* is not numbers, or holds a fraction, a NaN, an
            infinity or a number beyond int64 (the message names the first,
            by its position in *name*).

    Example:
        >>> whole_offsets(np.array([0.0, 3.0, 7.0]), "indptr").tolist()
        [0, 3, 7]
        >>> whole_offsets([0, 3.5, 7], "indptr")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: indptr[1] is 3.5, not a whole number: ...
    """
    # The message is built on the error paths only: an array's repr costs
    # more than reading the offsets (17 us for two int64s).
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError):
        raise _not_offsets(x, name) from None
    kind = raw.dtype.kind
    if isinstance(x, list | tuple) or kind == "O":
        # numpy reads [0, True, 11] as the ints [0, 1, 11]: a flag among the
        # offsets is found in the items themselves.
        items = x if isinstance(x, list | tuple) else raw.ravel().tolist()
        for i, item in enumerate(items):
            if isinstance(item, bool | np.bool_):
                msg = (
                    f"{name}[{i}] is {item!r}, a flag, not an offset: give whole-number "
                    "offsets such as [0, 3, 7]"
                )
                raise EvaluationError(msg)
    if kind == "i" or (kind == "u" and raw.dtype.itemsize < 8):  # every value an int64
        return raw.astype(np.int64, copy=False).ravel()
    if kind in "bcmMV":  # flags, complex numbers, times: no offsets
        raise _not_offsets(x, name)
    try:
        flat = raw.astype(np.float64).ravel()  # text of numbers and objects, as before
    except (TypeError, ValueError, OverflowError):
        raise _not_offsets(x, name) from None
    finite = np.isfinite(flat)
    kept = np.where(finite, flat, 0.0)
    bad = ~finite | (kept != np.floor(kept)) | (np.abs(kept) >= _INT64_END)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        what = "too large for an offset" if finite[i] and kept[i] == np.floor(kept[i]) else ""
        msg = (
            f"{name}[{i}] is {float(flat[i])!r}, {what or 'not a whole number'}: give "
            "whole-number offsets such as [0, 3, 7] (3.0 reads as 3)"
        )
        raise EvaluationError(msg)
    return flat.astype(np.int64)


def _not_offsets(x: object, name: str) -> EvaluationError:
    return EvaluationError(f"{name} must be whole-number offsets, got {shown(x)}")


def _bad_indptr(ip: IntArray, size: int) -> EvaluationError:
    # What is wrong with offsets that do not fit len(y) = *size*.
    valid = f"give offsets that start at 0, never decrease and end at len(y) = {size}"
    if ip.size < 1:
        return EvaluationError(f"indptr is empty: {valid} ([0] for no series)")
    if ip[0] != 0:
        return EvaluationError(f"indptr[0] is {int(ip[0])}: {valid}")
    if ip[-1] != size:
        return EvaluationError(f"indptr[-1] is {int(ip[-1])}, not len(y) = {size}: {valid}")
    i = int(np.flatnonzero(np.diff(ip) < 0)[0]) + 1
    msg = f"indptr decreases at indptr[{i}] = {int(ip[i])} after {int(ip[i - 1])}: {valid}"
    return EvaluationError(msg)


def tidy(t: npt.ArrayLike, y: npt.ArrayLike, indptr: npt.ArrayLike) -> Ragged:
    """Drop non-finite points and sort each series by time.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets.

    Returns:
        The cleaned series with per-series flags.

    Raises:
        EvaluationError: *t*, *y* or *indptr* is not numbers, or they do not
            fit together (the message names the argument and what would fit).

    Example:
        >>> r = tidy([2021.0, 2020.0, 2022.0], [2.0, 1.0, np.nan], [0, 3])
        >>> r.t, r.y, r.indptr, r.dropped
        (array([2020., 2021.]), array([1., 2.]), array([0, 2]), array([ True]))
    """
    tt = _numbers(t, np.float64, "t", "times (fractional years)")
    yy = _numbers(y, np.float64, "y", "values")
    ip = whole_offsets(indptr, "indptr")
    if tt.shape != yy.shape:
        msg = f"t has {tt.size} times and y {yy.size} values: give one time per value"
        raise EvaluationError(msg)
    n = np.diff(ip)
    if ip.size < 1 or ip[0] != 0 or ip[-1] != yy.size or np.any(n < 0):
        raise _bad_indptr(ip, yy.size)
    n_series = ip.size - 1
    seg = np.repeat(np.arange(n_series, dtype=np.int64), n)  # segment_ids(ip)
    good = np.isfinite(tt) & np.isfinite(yy)
    # Series usually arrive clean (all finite, sorted, no repeated time):
    # each fix-up and its per-series flags only when something needs it.
    all_good = bool(good.all())
    dropped = np.zeros(n_series, dtype=bool)
    if not all_good:
        dropped = np.bincount(seg[~good], minlength=n_series) > 0
        seg, tt, yy = seg[good], tt[good], yy[good]
    same_seg = seg[1:] == seg[:-1]
    duplicate = np.zeros(n_series, dtype=bool)
    # Strictly increasing times within every series: nothing to sort, no
    # repeated time (one check for both).
    if np.any((tt[1:] <= tt[:-1]) & same_seg):
        if np.any((tt[1:] < tt[:-1]) & same_seg):
            order = np.lexsort((tt, seg))
            seg, tt, yy = seg[order], tt[order], yy[order]
        same = same_seg & (tt[1:] == tt[:-1])
        if same.any():
            duplicate = np.bincount(seg[1:][same], minlength=n_series) > 0
    if all_good:
        new_ip = ip.copy()  # no point dropped: the offsets stay
    else:
        new_ip = np.zeros(n_series + 1, dtype=np.int64)
        np.cumsum(np.bincount(seg, minlength=n_series), out=new_ip[1:])
    return Ragged(tt, yy, new_ip, dropped, duplicate)


def pad_right(
    x: npt.ArrayLike,
    indptr: npt.ArrayLike,
    width: int | None = None,
    fill: float = np.nan,
) -> tuple[FloatArray, BoolArray]:
    """Right-aligned 2-D array: row i ends with series i's last point.

    Right alignment puts every series' latest point in the last column, which
    is where forecasts start; a series longer than *width* keeps its last
    *width* points.

    Args:
        x: Values.
        indptr: Offsets.
        width: Columns; default the longest series.
        fill: Value of the padding.

    Returns:
        ``(array, mask)`` of shape ``(n_series, width)``; mask is True on data.

    Example:
        >>> a, m = pad_right([1.0, 2.0, 3.0], [0, 1, 3])
        >>> a
        array([[nan,  1.],
               [ 2.,  3.]])
    """
    xx = np.asarray(x, dtype=np.float64)
    ip = np.asarray(indptr, dtype=np.int64)
    n = np.diff(ip)
    w = int(n.max(initial=0)) if width is None else int(width)
    out = np.full((n.size, w), fill)
    mask = np.zeros((n.size, w), dtype=bool)
    if w == 0 or xx.size == 0:
        return out, mask
    seg = segment_ids(ip)
    pos_from_end = ip[1:][seg] - 1 - np.arange(xx.size)
    keep = pos_from_end < w
    rows = seg[keep]
    cols = w - 1 - pos_from_end[keep]
    out[rows, cols] = xx[keep]
    mask[rows, cols] = True
    return out, mask


def pad_right_many(
    xs: tuple[npt.ArrayLike, ...],
    indptr: npt.ArrayLike,
    width: int | None = None,
    fill: float = np.nan,
    *,
    time_major: bool = False,
) -> tuple[tuple[FloatArray, ...], BoolArray]:
    """:func:`pad_right` for several arrays of one layout, indexing once.

    Args:
        xs: Value arrays, each of length ``indptr[-1]``.
        indptr: Offsets.
        width: Columns; default the longest series.
        fill: Value of the padding.
        time_major: Return the transposes, ``(width, n_series)`` C-contiguous
            arrays (row = column of the padded array), for kernels that step
            through time with all series side by side.

    Returns:
        ``(arrays, mask)``: one padded array per input and the shared mask.

    Example:
        >>> (a, b), m = pad_right_many(([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), [0, 1, 3])
        >>> b
        array([[nan,  4.],
               [ 5.,  6.]])
    """
    ip = np.asarray(indptr, dtype=np.int64)
    n = np.diff(ip)
    n_max = int(n.max(initial=0))
    w = n_max if width is None else int(width)
    size = int(ip[-1]) if ip.size else 0
    shape = (w, n.size) if time_major else (n.size, w)
    if w == 0 or size == 0:
        return tuple(np.full(shape, fill) for _ in xs), np.zeros(shape, dtype=bool)
    if n_max <= w:
        # Every point is kept: point g of series i goes to column
        # (w - n_i) + (g - indptr[i]) = g + w - indptr[i + 1], and the data of
        # row i are its last n_i columns.
        col = np.arange(size) + np.repeat(w - ip[1:], n)
        if time_major:
            flat = col * n.size + np.repeat(np.arange(n.size), n)
            mask = np.arange(w)[:, None] >= (w - n)[None, :]
        else:
            flat = col + np.repeat(np.arange(0, w * n.size, w), n)
            mask = np.arange(w)[None, :] >= (w - n)[:, None]
        padded = []
        for x in xs:
            flat_out = np.full(n.size * w, fill)
            flat_out[flat] = np.asarray(x, dtype=np.float64)
            padded.append(flat_out.reshape(shape))
        return tuple(padded), mask
    mask = np.zeros((n.size, w), dtype=bool)
    outs = [np.full((n.size, w), fill) for _ in xs]
    seg = segment_ids(ip)
    pos_from_end = ip[1:][seg] - 1 - np.arange(size)
    keep = pos_from_end < w
    rows = seg[keep]
    cols = w - 1 - pos_from_end[keep]
    mask[rows, cols] = True
    for out, x in zip(outs, xs, strict=True):
        out[rows, cols] = np.asarray(x, dtype=np.float64)[keep]
    if time_major:
        return tuple(np.ascontiguousarray(out.T) for out in outs), np.ascontiguousarray(mask.T)
    return tuple(outs), mask


def last_k(x: npt.ArrayLike, indptr: npt.ArrayLike, k: int) -> tuple[FloatArray, BoolArray]:
    """The last *k* points of every series as a right-aligned ``(n, k)`` array.

    Args:
        x: Values.
        indptr: Offsets.
        k: Window length.

    Returns:
        ``(array, mask)`` as :func:`pad_right` with ``width=k``.

    Example:
        >>> last_k([1.0, 2.0, 3.0], [0, 3], 2)[0]
        array([[2., 3.]])
    """
    return pad_right(x, indptr, width=k)


def from_padded(a: npt.ArrayLike, mask: npt.ArrayLike) -> tuple[FloatArray, IntArray]:
    """Ragged values and offsets from a 2-D array and its mask (row order kept).

    Args:
        a: 2-D values.
        mask: True where a value belongs to its row's series.

    Returns:
        ``(values, indptr)``.

    Example:
        >>> from_padded([[np.nan, 1.0], [2.0, 3.0]], [[False, True], [True, True]])
        (array([1., 2., 3.]), array([0, 1, 3]))
    """
    aa = np.asarray(a, dtype=np.float64)
    mm = np.asarray(mask, dtype=bool)
    ip = np.zeros(aa.shape[0] + 1, dtype=np.int64)
    np.cumsum(mm.sum(axis=1), out=ip[1:])
    return aa[mm], ip


def prefixes(
    indptr: npt.ArrayLike, min_len: int, max_origins: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Rolling origins: every series' prefixes as new ragged series.

    For series ``i`` with ``n`` points the prefixes have lengths
    ``max(min_len, n - max_origins) ... n - 1`` (the most recent
    *max_origins* origins that leave at least one point to forecast).

    Args:
        indptr: Offsets.
        min_len: Shortest prefix.
        max_origins: Most prefixes per series.

    Returns:
        ``(gather, new_indptr, owner)``: ``x[gather]`` are the prefixes'
        values, ``new_indptr`` their offsets, ``owner`` the source series of
        each prefix.

    Example:
        >>> g, ip, owner = prefixes([0, 4], min_len=2, max_origins=5)
        >>> g, ip, owner
        (array([0, 1, 0, 1, 2]), array([0, 2, 5]), array([0, 0]))
    """
    ip = np.asarray(indptr, dtype=np.int64)
    n = np.diff(ip)
    lo = np.maximum(min_len, n - max_origins)
    n_pref = np.maximum(n - lo, 0)
    owner = np.repeat(np.arange(n.size, dtype=np.int64), n_pref)
    first = np.repeat(np.cumsum(n_pref) - n_pref, n_pref)
    lengths = np.repeat(lo, n_pref) + (np.arange(owner.size) - first)
    new_ip = np.zeros(owner.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_ip[1:])
    pref = np.repeat(np.arange(owner.size), lengths)
    within = np.arange(int(new_ip[-1])) - new_ip[:-1][pref]
    gather = ip[:-1][owner][pref] + within
    return gather.astype(np.int64), new_ip, owner


def shared_segments(
    xs: tuple[FloatArray, ...], indptr: npt.ArrayLike, keys: tuple[npt.NDArray[Any], ...] = ()
) -> IntArray:
    """For every series, the first series holding the same values bit for bit.

    Series ``i`` and ``j`` are the same when they have as many points, every
    array of *xs* holds the same float64 bits in both segments, and every
    per-series array of *keys* the same value. Candidates are found by
    sorting on the lengths, the first and last points and the keys; each is
    then compared point by point with the first of its candidates. A series
    that differs from it keeps its own index, even if it equals another
    candidate: a series is never paired with one that differs.

    Args:
        xs: Ragged arrays of the same offsets (times, values).
        indptr: Offsets.
        keys: Per-series arrays that must agree too.

    Returns:
        ``first`` with ``first[i] <= i``; ``first[i] == i`` for the first of
        its kind.

    Example:
        >>> t = np.array([1.0, 2.0, 1.0, 2.0, 1.0, 3.0])
        >>> shared_segments((t, t * 10), [0, 2, 4, 6]).tolist()
        [0, 0, 2]
    """
    ip = np.asarray(indptr, dtype=np.int64)
    n = np.diff(ip)
    s_count = n.size
    own = np.arange(s_count, dtype=np.int64)
    if s_count < 2:  # one series shares with none
        return own
    bits = [np.ascontiguousarray(x, dtype=np.float64).view(np.int64) for x in xs]
    has = n > 0
    head = np.where(has, ip[:-1], 0)
    tail = np.where(has, ip[1:] - 1, 0)
    summary: list[npt.NDArray[Any]] = [n]
    for b in bits:
        if b.size == 0:
            continue
        summary += [np.where(has, b[head], 0), np.where(has, b[tail], 0)]
    summary += [np.asarray(k) for k in keys]
    # Stable: within equal summaries the earliest series comes first.
    order = np.lexsort(summary[::-1])
    same = np.ones(s_count - 1, dtype=bool)
    for col in summary:
        c = col[order]
        same &= c[1:] == c[:-1]
    if not same.any():
        return own
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    run = np.cumsum(np.concatenate(([True], ~same))) - 1
    cand = own.copy()
    cand[order] = order[starts[run]]
    # Point by point against the candidate: the segments have equal lengths.
    check = np.flatnonzero(cand != own)
    m = n[check]
    seg = np.repeat(np.arange(check.size), m)
    within = np.arange(seg.size) - np.repeat(np.cumsum(m) - m, m)
    a = ip[check][seg] + within
    b = ip[cand[check]][seg] + within
    differs = np.zeros(seg.size, dtype=bool)
    for x in bits:
        differs |= x[a] != x[b]
    bad = np.bincount(seg[differs], minlength=check.size) > 0
    cand[check[bad]] = check[bad]
    return cand
