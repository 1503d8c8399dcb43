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
import numpy.typing as npt

from innovplan.errors import EvaluationError
from innovplan.model import flag_value, number_value, shown

__all__ = ["flag", "flags", "pseudo_errors", "window"]


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
    x = number_value(value)
    if x is None or not (math.isfinite(x) and x > 0):
        msg = (
            f"{func}: prior_count must be a finite number > 0 (pseudo-errors at factor 1 "
            f"in the calibration), got {shown(value)}"
        )
        raise EvaluationError(msg)
    return x


def flag(func: str, name: str, value: object) -> bool:
    """*value* as True or False: a bool, numpy's too, or the ints 1 and 0.

    Example:
        >>> flag("drift", "calibrate", np.True_), flag("drift", "calibrate", 0)
        (True, False)
        >>> flag("drift", "calibrate", "no")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: drift: calibrate must be True or False (or 1 or 0), ...
    """
    x = flag_value(value)
    if x is None:
        raise EvaluationError(
            f"{func}: {name} must be True or False (or 1 or 0), got {shown(value)}"
        )
    return x


def flags(name: str, value: object) -> npt.NDArray[np.bool_]:
    """*value* as an array of flags: bools, the ints 1 and 0, or objects that are either.

    A list ``[1, 0]``, a boolean column and an object array of bools (a
    pandas column of object dtype) are all read; text, other numbers and
    missing values are not.

    Example:
        >>> flags("keep_spread", [1, 0]), flags("keep_spread", np.array([True]))
        (array([ True, False]), array([ True]))
        >>> flags("keep_spread", [1, 2])
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: keep_spread must be flags, True or False (or 1 or 0), ...
    """
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):  # ragged lists
        arr = None
    out: npt.NDArray[np.bool_] | None = None
    if arr is None:
        pass
    elif arr.dtype == np.bool_:
        out = arr
    elif arr.dtype.kind in "iu":
        # Numbers read as flags would be True for any but 0: only 0 and 1 are flags.
        if ((arr == 0) | (arr == 1)).all():
            out = arr == 1
    elif arr.dtype == object:
        read = [flag_value(x) for x in arr.ravel().tolist()]
        if None not in read:
            out = np.array(read, dtype=np.bool_).reshape(arr.shape)
    if out is None:
        msg = (
            f"{name} must be flags, True or False (or 1 or 0), one or one per series, "
            f"got {shown(value)}"
        )
        raise EvaluationError(msg)
    return out


def window(func: str, value: object, least: int) -> int:
    """*value* as a whole number of intervals (an int), at least *least*.

    Example:
        >>> window("average_change", 2.5, 2)
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: average_change: window must be an int of at least 2 ...
    """
    try:
        n = operator.index(value)  # type: ignore[arg-type]  # refused below when not an integer
    except TypeError:
        n = None
    if n is None or isinstance(value, bool | np.bool_) or n < least:
        hint = ""
        if isinstance(value, float) and value.is_integer() and value >= least:
            hint = f": give {int(value)}, an int"
        msg = (
            f"{func}: window must be an int of at least {least} intervals, got {shown(value)}{hint}"
        )
        raise EvaluationError(msg)
    return n
