"""Which parts of ``auto``'s rule apply to each series, and the constants its explanations name.

The rule itself lives in :mod:`innovplan.engine._auto`; this reads its states
and constants, so that an explanation of a forecast says what the kernel did
rather than working it out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import attrs
import numpy as np

from innovplan._errstate import default_errstate
from innovplan.engine._auto import (
    _AT,
    _AUTO_WINDOW,
    _DAMPED,
    _HOLT_FROM,
    _NO_SLOWDOWN,
    _RECENT,
    _SLOWED,
    _auto_predict,
    _auto_states,
    _level_factor,
    _levelled,
)
from innovplan.engine._driver import _has_gap, _horizon_times
from innovplan.engine._panel import _panel
from innovplan.errors import EvaluationError

if TYPE_CHECKING:
    import numpy.typing as npt

    from innovplan.engine._types import BoolArray, FloatArray, IntArray

__all__ = ["AUTO_RULE", "AutoParts", "AutoRule", "auto_parts"]


@attrs.frozen
class AutoRule:
    """The constants of :func:`~innovplan.engine.auto`'s rule that its explanations name.

    :data:`AUTO_RULE` holds the values the kernel reads; ``docs/methods.md``
    states each rule and ``docs/methods-record.md`` says how it was chosen.

    Attributes:
        window: The most intervals of the average change member: a series of
            *n* points has ``min(window, n - 1)``.
        no_slowdown: Steady growth, or a steady rise of a series with a zero,
            needs the average change over the window to be at least this share
            of the change since the first point.
        recent: A series with a zero rises steadily when it rose in each of
            its last *recent* intervals (and passes *no_slowdown*).
        smoothed_from: From this many points on, the growth member is Holt's
            smoothed growth instead of the growth since the first point.
        slowed: The growth member's trend is damped where the average change
            over the window (on the values) is below this share of the change
            since the first point, or of the other sign.
        damped: The damping of that trend a year: ``h`` years ahead it steps
            ``damped (1 - damped^h) / (1 - damped)`` years of it.

    Example:
        >>> from innovplan.engine import AUTO_RULE
        >>> AUTO_RULE.smoothed_from, AUTO_RULE.slowed, AUTO_RULE.window
        (13, 0.4, 5)
    """

    window: int
    no_slowdown: float
    recent: int
    smoothed_from: int
    slowed: float
    damped: float


AUTO_RULE = AutoRule(
    window=_AUTO_WINDOW,
    no_slowdown=_NO_SLOWDOWN,
    recent=_RECENT,
    smoothed_from=_HOLT_FROM,
    slowed=_SLOWED,
    damped=_DAMPED,
)


class AutoParts(NamedTuple):
    """Which parts of :func:`~innovplan.engine.auto`'s rule apply to each series.

    Every array has one element per series (:func:`auto_parts`).

    Attributes:
        window: The intervals of the average change member,
            ``min(AUTO_RULE.window, n - 1)`` (at least 1).
        positive: Every value is above 0: the growth member is on logs, and
            so is the spread (a constant history, whose forecast is a point
            mass at its value, is forecast on the values).
        smoothed: The series has ``AUTO_RULE.smoothed_from`` points or more:
            the growth member is Holt's smoothed growth.
        slowed: The growth member's trend is damped after a slowdown
            (``AUTO_RULE.slowed``); False for a series with no trend to damp
            (no change since its first point).
        steady: Steady growth, or a steady rise of a series with a zero: the
            average change stands in for the latest value.
        gap: A spacing longer than 1.5 times the series' median spacing: the
            calibration never narrows the interval below the model's own
            spread.
        level: The spread's level factor, ``max(1, point / latest value)``
            with the point before any floor, for a series with a zero, no
            negative value and a latest value above 0; NaN for any other.

    Example:
        >>> from innovplan.engine import auto_parts
        >>> parts = auto_parts([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0], [0, 4], [4.0])
        >>> # A straight rise from 0: every member says 4, and 4 / 3 = 1.333.
        >>> bool(parts.steady[0]), round(float(parts.level[0]), 3)
        (True, 1.333)
    """

    window: IntArray
    positive: BoolArray
    smoothed: BoolArray
    slowed: BoolArray
    steady: BoolArray
    gap: BoolArray
    level: FloatArray


@default_errstate
def auto_parts(
    t: npt.ArrayLike, y: npt.ArrayLike, indptr: npt.ArrayLike, h_t: npt.ArrayLike
) -> AutoParts:
    """Which parts of :func:`~innovplan.engine.auto`'s rule apply to each series at its horizon.

    The flags are the kernel's own states at each series' latest point, and
    the level factor the one its spread is multiplied by at the horizon, so
    an explanation of a forecast reads what the kernel did.

    Args:
        t: Times, fractional years.
        y: Values.
        indptr: Offsets of the ragged series (every series non-empty).
        h_t: Horizon times, one per series.

    Returns:
        The parts, each of shape ``(n_series,)``.

    Raises:
        EvaluationError: *h_t* is not one horizon time per series.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import auto_parts
        >>> t = np.arange(14.0)
        >>> # 14 points that rose 10 % a year, then 1 % over the last 5 years.
        >>> y = np.concatenate([1.1 ** t[:9], 1.1**8 * 1.002 ** t[1:6]])
        >>> parts = auto_parts(t, y, [0, 14], [15.0])
        >>> bool(parts.smoothed[0]), bool(parts.slowed[0]), bool(parts.steady[0])
        (True, True, False)
        >>> int(parts.window[0]), float(parts.level[0])  # positive: no level factor
        (5, nan)
    """
    p = _panel(t, y, indptr, log=False, time_major=True)
    states = tuple(np.asarray(x)[:, -1] for x in _auto_states(p, 1))
    h_arr = _horizon_times(h_t)
    if h_arr.shape != (p.n.size,):
        msg = (
            f"auto_parts needs one horizon time per series: {p.n.size} series, "
            f"horizon times of shape {h_arr.shape}"
        )
        raise EvaluationError(msg)
    h = h_arr - p.T[:, -1]
    y_last, nj, steady, slowed, growth, zero = (
        states[_AT[k]] for k in ("y", "nj", "steady", "slowed", "growth", "zero")
    )
    # Every value above 0; a constant history is forecast on its values
    # (on_logs False), but its growth member is still a growth rate of 0.
    with np.errstate(invalid="ignore"):
        positive = ~np.any((p.Y <= 0) & p.M, axis=1)
    # Damping changes the number only where the growth member has a trend to
    # damp (the growth state: Holt's trend from _HOLT_FROM points on, else the
    # growth since the first point): a flat series (no change since its first
    # point) reads "slowed" in the kernel's test but is not explained as damped.
    slowed = np.logical_and(slowed, growth != 0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # The location of a series that is not positive is the median
        # itself, the point before any floor (_auto_predict).
        med = _auto_predict(states, h).loc
        level = np.where(_levelled(zero, y_last), _level_factor(zero, y_last, med), np.nan)
    return AutoParts(
        window=np.minimum(_AUTO_WINDOW, np.maximum(p.n - 1, 1)),
        positive=np.asarray(positive, dtype=bool),
        smoothed=nj >= _HOLT_FROM,
        slowed=np.asarray(slowed, dtype=bool),
        steady=np.asarray(steady, dtype=bool),
        gap=_has_gap(p),
        level=level,
    )
