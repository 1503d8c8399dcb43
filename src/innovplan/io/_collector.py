"""The cyclic garbage collector held off while a document's objects are built.

Building a plan of many targets makes a few new objects per target that all
live on; the collector, counting them, runs full collections that traverse
every object of the process and free none of these. Mercurial pauses it
around its bulk builds the same way (``mercurial.util.nogc``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["collector_paused"]

_LOCK = threading.Lock()
# How many builds are inside collector_paused now, and whether the first of
# them turned the collector off (it was on): only then does the last one
# turn it on again. Reference counting frees everything else as usual.
_depth = 0
_paused_here = False
# How many of them are this thread's: after a fork only the forking thread
# goes on in the child, and the others' pauses never end there.
_own = threading.local()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector for the block, then restore it.

    Safe when several threads build at once: the collector is off while any
    of them is inside, and is turned on again by the last to leave only if
    it was on when the first came in: a collector that was off stays off.
    In a child process forked meanwhile only the forking thread's pauses
    go on, and the collector is on again when they end.

    Example:
        >>> import gc
        >>> with collector_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    global _depth, _paused_here  # noqa: PLW0603 (one process-wide state, under the lock)
    with _LOCK:
        if _depth == 0:
            _paused_here = gc.isenabled()
            gc.disable()
        _depth += 1
        _own.depth = getattr(_own, "depth", 0) + 1
    try:
        yield
    finally:
        with _LOCK:
            _depth -= 1
            _own.depth -= 1
            if _depth == 0 and _paused_here:
                _paused_here = False
                gc.enable()


def _after_fork_in_child() -> None:
    # The child of a fork has the forking thread alone: the pauses of the
    # threads left behind would hold the collector off for good, and the
    # lock may have been copied held. The forking thread's own pauses go on.
    global _LOCK, _depth, _paused_here  # noqa: PLW0603 (the child's fresh state)
    _LOCK = threading.Lock()
    _depth = getattr(_own, "depth", 0)
    if _depth == 0 and _paused_here:
        _paused_here = False
        gc.enable()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)
