"""Checks of the forecast kernels' keyword options: each error names the kernel and option.

``drift(..., prior_count="x")`` says ``drift: prior_count must be a finite
number > 0 (...), got 'x'`` instead of numpy's ``TypeError`` from deep in the
calibration; ``calibrate="no"`` is refused rather than read as true.

Example:
    >>> pseudo_errors("drift", 4)
    4.0
    >>> pseudo_errors("drift", "x")
    Traceback (most recent call last):
    ...
    innovplan.errors.EvaluationError: drift: prior_count must be a finite number > 0 ...
"""

from __future__ import annotations

import math
import operator

import numpy as np

from innovplan.errors import EvaluationError
from innovplan.model import real_number, shown

__all__ = ["flag", "pseudo_errors", "window"]


def pseudo_errors(func: str, value: object) -> float:
    """*value* as a number of pseudo-errors: a finite real number > 0.

    The calibration's coverage is ``(inside + prior_count * level) / (past
    errors + prior_count)``: 0 gives 0/0 for a series without past errors,
    and a negative count or an infinity no share at all.

    Example:
        >>> pseudo_errors("auto", 0)
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: auto: prior_count must be a finite number > 0 ...
    """
    x = real_number(value)
    if x is None or not (math.isfinite(x) and x > 0):
        msg = (
            f"{func}: prior_count must be a finite number > 0 (pseudo-errors at factor 1 "
            f"in the calibration), got {shown(value)}"
        )
        raise EvaluationError(msg)
    return x


def flag(func: str, name: str, value: object) -> bool:
    """*value* when it is True or False (a numpy bool too).

    Example:
        >>> flag("drift", "calibrate", np.True_)
        True
        >>> flag("drift", "calibrate", "no")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: drift: calibrate must be True or False, got 'no'
    """
    if not isinstance(value, bool | np.bool_):
        raise EvaluationError(f"{func}: {name} must be True or False, got {shown(value)}")
    return bool(value)


def window(func: str, value: object, least: int) -> int:
    """*value* as a whole number of intervals, at least *least*.

    Example:
        >>> window("average_change", 2.5, 2)
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: average_change: window must be at least 2 intervals, ...
    """
    try:
        n = operator.index(value)  # type: ignore[arg-type]  # refused below when not an integer
    except TypeError:
        n = None
    if n is None or isinstance(value, bool | np.bool_) or n < least:
        msg = (
            f"{func}: window must be at least {least} intervals, got {shown(value)}: "
            "give a whole number such as 5"
        )
        raise EvaluationError(msg)
    return n
