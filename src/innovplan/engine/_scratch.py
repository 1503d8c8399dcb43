"""Work arrays kept between kernel calls, one set per thread.

A call of ``auto`` on a few thousand series makes a few large float work
arrays (the terms of the running sums, the logs of the panel) and frees them
before it returns. Freed memory at the top of the heap goes back to the
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
kept (the slot keeps what it held). The slots in use: ``"terms"`` (the
running sums' terms, four (L, S) arrays), ``"logs"`` (one (L, S)),
``"sums0"``, ``"sums1"`` and ``"line"`` (the running sums at auto's origins,
four (width, S) arrays each): 3.4 MB after ``auto`` on 2,023 series of 25
years, all of it.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from innovplan.engine._types import FloatArray

# The most bytes one thread keeps in all its slots: all of auto's work
# arrays for about 9,000 series of 25 years.
_LIMIT = 16 * 2**20
_local = threading.local()


def _work(slot: str, shape: tuple[int, ...]) -> FloatArray:
    # An uninitialised C-contiguous float64 array of *shape*, as np.empty
    # makes it, kept in *slot* for the next call of this thread; the caller
    # writes every element it reads.
    need = math.prod(shape)
    kept: dict[str, FloatArray] | None = getattr(_local, "kept", None)
    if kept is None:
        kept = _local.kept = {}
    buf = kept.get(slot)
    if buf is None or buf.size < need:
        others = sum(b.nbytes for name, b in kept.items() if name != slot)
        if others + need * 8 > _LIMIT:
            return np.empty(shape)
        buf = kept[slot] = np.empty(need)
    out: FloatArray = buf[:need].reshape(shape)
    return out
