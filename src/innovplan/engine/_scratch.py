"""Work arrays kept between kernel calls, one set per thread.

A call of ``auto`` on a few thousand series makes a few large float work
arrays (the terms of the running sums, the logs of the panel, its states) and
frees them before it returns. Freed memory at the top of the heap goes back to the
operating system at the end of the call, and the next call takes fresh pages
for the same arrays again, each page faulted in on first write. Keeping these
arrays between calls lets the next call of the same or a smaller shape write
into pages it already holds.

Only work arrays that no result reads live here: a caller takes one with
:func:`_work`, fills it and reads it before it returns, and copies whatever it
keeps. An array is valid until the next :func:`_work` of the same slot in the
same thread, so a caller never holds one across a call that takes the same
slot. Each thread has its own arrays (``threading.local``): threads forecasting
at the same time (Dask's threaded workers) never share one, and a thread's
arrays are freed when it ends.

The memory kept is bounded: a thread keeps at most ``_LIMIT`` bytes in all
its slots. A request that would take it above gets a fresh array that is not
kept, and the slot lets go of the smaller array it held, so that the other
slots of a larger batch can keep theirs. The slots in use: ``"terms"`` (the
running sums' terms, up to five (L, S) arrays), ``"logs"`` (one (L, S)),
``"spacing"`` (the spacings of the panel's times, one (L - 1, S)),
``"sums0"``, ``"sums1"`` and ``"line"`` (the running sums at auto's origins,
four (width, S) arrays each), ``"states"`` (auto's 31 float states and
spread parts and the 8 rows of its intermediates, one (39, width, S) block,
see ``_auto._state_rows``): 8.2 MiB after ``auto`` on 2,023 series of 25
years (4.8 MiB of it the states block), all of it. The states are read by the
driver and the explanations, which return new arrays: they end with the call
as the other slots do.

Kept in these arrays, auto's large intermediates take no fresh heap memory
in a call. Fresh arrays freed at the end of a call would leave a large free
block at the top of the heap, which glibc's allocator hands back to the
operating system once it exceeds its trim threshold (twice the largest
mapped block freed so far in the process); the next call would then take
and fault in the same pages again (about 440 a call on 2,023 series, some
10 % of its time).
"""

from __future__ import annotations

import contextlib
import math
import threading
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterator

    from innovplan.engine._types import FloatArray

# The most bytes one thread keeps in all its slots: all of auto's work
# arrays and states for about 3,900 series of 25 years (4.3 kB a series).
_LIMIT = 16 * 2**20
_local = threading.local()


def _work(slot: str, shape: tuple[int, ...]) -> FloatArray:
    # An uninitialised C-contiguous float64 array of *shape*, as np.empty
    # makes it, kept in *slot* for the next call of this thread; the caller
    # writes every element it reads.
    buf = _kept(slot, math.prod(shape))
    if buf is None:
        return np.empty(shape)
    out: FloatArray = buf.reshape(shape)
    return out


def _work_rows(slot: str, count: int, shape: tuple[int, ...]) -> list[FloatArray]:
    # *count* uninitialised arrays of *shape*: the rows of one (count, *shape)
    # array kept in *slot*, as _work gives it, or, where that array would take
    # the thread above _LIMIT, *count* arrays of their own. One fresh array
    # of all the rows would be a single large allocation that the allocator
    # maps and unmaps on every call, each of its pages faulted in again;
    # separate rows come from the heap as any array of their size does.
    buf = _kept(slot, count * math.prod(shape))
    if buf is None:
        return [np.empty(shape) for _ in range(count)]
    return list(buf.reshape(count, *shape))


def _kept(slot: str, need: int) -> FloatArray | None:
    # The first *need* floats of the array kept in *slot* (made or enlarged
    # if it holds fewer), or None where that would take the thread's arrays
    # above _LIMIT. The slot then lets go of what it held, too small for
    # this batch: the other slots can keep their arrays in its place.
    kept: dict[str, FloatArray] | None = getattr(_local, "kept", None)
    if kept is None:
        kept = _local.kept = {}
    buf = kept.get(slot)
    if buf is None or buf.size < need:
        others = sum(b.nbytes for name, b in kept.items() if name != slot)
        if others + need * 8 > _LIMIT:
            kept.pop(slot, None)
            return None
        buf = kept[slot] = np.empty(need)
    return buf[:need]


@contextlib.contextmanager
def _row_buffers(row: int) -> Iterator[None]:
    # numpy's buffers no longer than a row of *row* elements (rounded up to
    # its multiple of 16) while the block runs. An operation between a
    # (rows, S) array and one row of S values broadcast over it (a value per
    # series), or a column broadcast along the rows, makes numpy's iterator
    # copy the operands into its buffers to run loops longer than a row;
    # with a buffer no longer than a row it runs row by row on the arrays
    # themselves, with no copy. The buffer size changes no elementwise
    # value, and the reductions of the kernels are exact (maxima, counts)
    # or along an outer axis, each element's terms added in order whatever
    # the buffer: the same floats (but for the sign bit of a NaN met by a
    # NaN of the other sign, which numpy's loops pick either way; the public
    # paths drop NaN data first). A larger row leaves the size as it is.
    # That holds for reductions of aligned float64 operands only, as all of
    # those in the block are (the panel and the states are float64 arrays of
    # their own): a reduction that needs a cast (another dtype, as in
    # np.sum(x, dtype=np.float64) of float32 or int data, or another byte
    # order) or reads unaligned data runs through the buffers in chunks of
    # their size, and its pairwise sums then depend on that size, so on the
    # batch's series count (numpy 2.4: np.sum of a big-endian or an
    # unaligned float64 array of 20,000 values changes after
    # np.setbufsize(16)). Cast such data to float64 arrays first.
    size = -(-row // 16) * 16
    old = np.setbufsize(size) if 0 < size < np.getbufsize() else None
    try:
        yield
    finally:
        if old is not None:
            np.setbufsize(old)
