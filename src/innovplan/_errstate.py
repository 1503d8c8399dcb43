"""The numpy error state the library computes in, whatever the caller's.

A notebook hunting NaNs often runs ``np.seterr(all="raise")`` or inside
``np.errstate(all="raise")``; numpy's state is the caller's thread's, so the
kernels would raise ``FloatingPointError`` where they rely on numpy's defaults
(an ``exp`` that underflows to 0 on purpose, say). Each public entry point runs
under numpy's default state instead, set once per call, except where the
caller ignores a category: that stays ignored, so a caller who silenced
numpy around a call (``np.errstate(all="ignore")``) hears nothing from it.
``raise``, ``call``, ``print`` and ``log`` become the default (``warn`` for
divide, over and invalid; ``ignore`` for under), and ``warn`` stays ``warn``.
The results are the same floats under any state of the caller's. Calls from
inside the library (a kernel run by ``forecast_many``) keep the state they
are called in: the outermost call has set it, and some internal callers
trap overflow with their own ``np.errstate(over="call")`` around a kernel.

It is private, one module below every layer (as ``_version``), so that the
engine's kernels and the evaluation functions share one guard and one flag: a
user's function wrapped in it would mark the context as guarded and switch the
guard off for every library call inside.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["default_errstate"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

# Whether this thread (or task) is inside a guarded call already: numpy's
# error state is per context too, so a flag per context says when it is set.
_INSIDE: ContextVar[bool] = ContextVar("innovplan_errstate_set", default=False)


def default_errstate(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """*func* run under numpy's default error state, keeping what the caller ignores.

    Only the outermost guarded call sets the state (one ``np.errstate`` a
    public call); a guarded function called inside another runs as it is.

    Example:
        >>> @default_errstate
        ... def tiny(x):
        ...     return np.exp(x)
        >>> with np.errstate(all="raise"):  # an underflow to 0 would raise here
        ...     float(tiny(np.float64(-800.0)))
        0.0
    """

    @functools.wraps(func)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if _INSIDE.get():
            return func(*args, **kwargs)
        caller = np.geterr()
        token = _INSIDE.set(True)
        try:
            with np.errstate(
                divide="ignore" if caller["divide"] == "ignore" else "warn",
                over="ignore" if caller["over"] == "ignore" else "warn",
                under="ignore",
                invalid="ignore" if caller["invalid"] == "ignore" else "warn",
            ):
                return func(*args, **kwargs)
        finally:
            _INSIDE.reset(token)

    return guarded
