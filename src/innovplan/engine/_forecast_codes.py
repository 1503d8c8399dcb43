"""Codes and the result type of the forecast kernels (see :mod:`innovplan.engine._forecast`)."""

from __future__ import annotations

from enum import IntEnum, IntFlag
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from innovplan.engine._types import BoolArray, FloatArray, IntArray


class Method(IntEnum):
    """Codes of the forecast methods, as stored in :attr:`Forecasts.method`.

    Example:
        >>> Method(3).name
        'DRIFT'
    """

    LINEAR = 1
    LOGLINEAR = 2
    DRIFT = 3
    DAMPED = 4
    THETA = 5
    AVERAGE_CHANGE = 6
    AVERAGE_CHANGE_RELATIVE = 7
    YTD = 8
    YTD_PRO_RATA = 9
    COMBINED = 10


class Outcome(IntEnum):
    """Overall status of one forecast, as stored in :attr:`Forecasts.status`.

    Example:
        >>> from innovplan.engine import ForecastOutcome
        >>> ForecastOutcome(2).name
        'UNCLEAR'
    """

    OK = 0
    WARN = 1
    UNCLEAR = 2


class Reason(IntFlag):
    """Why a forecast is unclear (low byte) or carries a warning (high bits).

    Unclear reasons: ``NO_DATA`` (no finite point), ``TOO_FEW_POINTS`` (fewer
    than the method needs), ``NONPOSITIVE`` (a log model met a value <= 0),
    ``HORIZON_NOT_AFTER_LAST`` (the horizon is at or before the latest
    observation), ``BAD_HORIZON`` (non-finite horizon), ``BAD_LEVEL`` (level
    not in (0, 1)), ``OVERFLOW`` (a value of the history, the target or the
    forecast left float64's range). Warnings: ``DROPPED_POINTS`` (non-finite points ignored),
    ``DUPLICATE_TIMES`` (two points share a time), ``SHORT_CALIBRATION``
    (fewer than three past errors to calibrate the interval), ``PRO_RATA``
    (year-to-date without past within-year shares), ``NO_INTERVAL`` (point
    only: the data say nothing about the spread), ``ZERO_SPREAD`` (the fitted
    spread is zero, e.g. a constant or perfectly straight series).

    Example:
        >>> int(Reason.TOO_FEW_POINTS), Reason(2).name
        (2, 'TOO_FEW_POINTS')
    """

    NONE = 0
    NO_DATA = 1
    TOO_FEW_POINTS = 2
    NONPOSITIVE = 4
    HORIZON_NOT_AFTER_LAST = 8
    BAD_HORIZON = 16
    BAD_LEVEL = 32
    OVERFLOW = 64
    DROPPED_POINTS = 256
    DUPLICATE_TIMES = 512
    SHORT_CALIBRATION = 1024
    PRO_RATA = 2048
    NO_INTERVAL = 4096
    ZERO_SPREAD = 8192


UNCLEAR_REASONS = 0xFF
"""Bits of :class:`Reason` that make a forecast unclear."""

# Plain-int copies of the codes for array arithmetic in the driver: numpy
# converts a plain int far faster than an enum member.
_TOO_FEW_POINTS = int(Reason.TOO_FEW_POINTS)
_HORIZON_NOT_AFTER_LAST = int(Reason.HORIZON_NOT_AFTER_LAST)
_BAD_HORIZON = int(Reason.BAD_HORIZON)
_BAD_LEVEL = int(Reason.BAD_LEVEL)
_SHORT_CALIBRATION = int(Reason.SHORT_CALIBRATION)
_NO_INTERVAL = int(Reason.NO_INTERVAL)
_ZERO_SPREAD = int(Reason.ZERO_SPREAD)
_OK, _WARN, _UNCLEAR = int(Outcome.OK), int(Outcome.WARN), int(Outcome.UNCLEAR)


class Forecasts(NamedTuple):
    """Forecasts of many series; every array has the shape of ``h_t``.

    Example:
        >>> from innovplan.engine import drift
        >>> fc = drift([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0], [0, 4], [4.0])
        >>> round(float(fc.point[0]), 6)
        5.0

    Attributes:
        point: Point forecast (median; for log-space methods ``exp(loc)``).
        lower: Lower end of the central interval at ``level``.
        upper: Upper end.
        loc: Location of the predictive t (log scale where ``log_space``).
        scale: Scale of the predictive t, calibrated unless ``calibrate=False``.
        df: Degrees of freedom of the predictive t (``inf`` for normal).
        log_space: True where the distribution is of ``log Y``.
        method: :class:`Method` code used for each forecast.
        status: :class:`Outcome` code.
        reason: :class:`Reason` bits.
        n_used: Points used.
        calib: Calibration factor ``k`` applied to the textbook scale.
        floor: A lower bound the value is known to reach (NaN: none); where
            set, the distribution is the t above conditioned on ``Y >= floor``
            (see :func:`~innovplan.engine._forecast.at_least`).
    """

    point: FloatArray
    lower: FloatArray
    upper: FloatArray
    loc: FloatArray
    scale: FloatArray
    df: FloatArray
    log_space: BoolArray
    method: npt.NDArray[np.int8]
    status: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int32]
    n_used: IntArray
    calib: FloatArray
    floor: FloatArray
