"""Codes and the result type of the forecast kernels (see :mod:`innovplan.engine._forecast`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from innovplan.engine._codes import Outcome, Reason

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from innovplan.engine._types import BoolArray, FloatArray, IntArray


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
