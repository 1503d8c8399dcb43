"""The numeric core: targets and observations as float64 columns, and pure kernels over them.

Nothing here holds pint objects inside a loop: magnitudes arrive converted to each
indicator's canonical unit, enum members as small integer codes, dates as
fractional years, and missing values as NaN. The public functions of
:mod:`innovplan.evaluate` convert once per column and call these kernels, so a
single target and a million targets run the same code.
"""

from innovplan.engine import _codes as codes
from innovplan.engine._attain import ObservationArrays, TargetArrays, simple_targets
from innovplan.engine._attain import Outcome as AttainmentOutcome
from innovplan.engine._attain import run as assess_arrays
from innovplan.engine._columns import ObservationColumns, TargetColumns
from innovplan.engine._forecast import (
    Forecasts,
    Method,
    Reason,
    at_least,
    auto,
    average_change,
    damped,
    drift,
    linear,
    loglinear,
    prob_above,
    theta,
)

__all__ = [
    "AttainmentOutcome",
    "Forecasts",
    "Method",
    "ObservationArrays",
    "ObservationColumns",
    "Reason",
    "TargetArrays",
    "TargetColumns",
    "assess_arrays",
    "at_least",
    "auto",
    "average_change",
    "codes",
    "damped",
    "drift",
    "linear",
    "loglinear",
    "prob_above",
    "simple_targets",
    "theta",
]
