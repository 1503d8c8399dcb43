"""The numpy error state the evaluation functions compute in, whatever the caller's.

The same guard as the engine's (``innovplan.engine``'s entry points carry
their own): numpy's default state, except that a category the caller ignores
stays ignored. It is a copy with its own flag, not an import, so that it
stays private to the library: a user who could wrap their own function in it
would mark their context as guarded and switch the library's guard off for
every call inside. Under this guard the engine's reads the state set here,
which its rule leaves as it is, so the two together set the same state.
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

# Whether this thread (or task) is inside a guarded evaluation call already.
_INSIDE: ContextVar[bool] = ContextVar("innovplan_evaluate_errstate_set", default=False)


def default_errstate(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """*func* run under numpy's default error state, keeping what the caller ignores.

    Only the outermost guarded call sets the state; ``raise``, ``call``,
    ``print`` and ``log`` become ``warn`` (``ignore`` for under).

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
