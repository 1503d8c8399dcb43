"""The numeric core: targets and observations as float64 columns, and pure kernels over them.

Nothing here holds pint objects inside a loop: magnitudes arrive converted to each
indicator's canonical unit, enum members as small integer codes, dates as
fractional years, and missing values as NaN. The public functions of
:mod:`innovplan.evaluate` check their arguments, build these columns once per
call and call the entry points below, so a single target and a million targets
run the same code.

The door has four rooms:

- columns: :class:`TargetColumns`, :class:`ObservationColumns` (and the bare
  :class:`TargetArrays`, :class:`ObservationArrays` the kernels read),
  :class:`ArraySeries` for many yearly series, :func:`build_columns` from model
  objects, the date conversions :func:`frac_year` / :func:`from_frac_year`;
- codes: :mod:`codes` (the model's enums as small integers), the forecast
  kernels' :class:`Method`, :class:`Reason`, :class:`ForecastOutcome`;
- attainment: :func:`assess_columns` (:func:`assess_arrays` plus its overflow
  guard) and :func:`simple_targets` for one-year targets from plain arrays;
- trajectories: :func:`histories` (every target's evidence as ragged arrays;
  :func:`with_other_flows` lends other flows' within-year shares),
  :func:`trajectories` (the deadline forecast of every target, in its own
  terms), the kernels themselves (:func:`auto`, :func:`linear`, ...), what
  ``auto``'s members say and which parts of its rule apply to a series
  (:func:`auto_members`, :func:`auto_parts`, :data:`AUTO_RULE`) and the
  published progress methods (:mod:`progress_methods`).

Each entry point computes under numpy's default error state, not the
caller's, except that what the caller ignores stays ignored: under
``np.errstate(all="raise")`` the results are the same floats, and nothing
raises or warns that would not by default; under ``np.errstate(all="ignore")``
nothing warns.

Example:
    >>> from innovplan import datasets
    >>> from innovplan.engine import assess_columns, build_columns, codes
    >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    >>> targets, observations = build_columns(plan.targets, obs)
    >>> outcome = assess_columns(targets, observations, float("nan"))
    >>> int(outcome.status[targets.ids.index("T10")]) == codes.ACHIEVED
    True
"""

from innovplan.engine import _codes as codes
from innovplan.engine import _progress as progress_methods
from innovplan.engine._arrays import ArraySeries, array_columns, build_columns
from innovplan.engine._attain import run as assess_arrays
from innovplan.engine._attain import select_observations
from innovplan.engine._auto_rule import AUTO_RULE, AutoParts, AutoRule, auto_parts
from innovplan.engine._codes import Outcome as ForecastOutcome
from innovplan.engine._coltypes import ObservationArrays, TargetArrays, simple_targets
from innovplan.engine._coltypes import Outcome as AttainmentOutcome
from innovplan.engine._columns import (
    ObservationColumns,
    TargetColumns,
    build_observations,
    build_targets,
    engine_unit,
    frac_year,
    frac_years,
    from_frac_year,
    indicator_table,
    unit_dest,
)
from innovplan.engine._forecast import (
    Forecasts,
    Method,
    Reason,
    at_least,
    auto,
    auto_members,
    average_change,
    damped,
    drift,
    linear,
    loglinear,
    prob_above,
    theta,
)
from innovplan.engine._formulas import DEFAULT_ABOUT_PP, DEFAULT_ABOUT_REL
from innovplan.engine._grouped import build_grouped
from innovplan.engine._history import (
    BOUND,
    BREAK,
    GAP,
    NO_THRESHOLD,
    OTHER_FLOWS,
    Histories,
    ObservationsLike,
    SharedHistories,
    column_histories,
    flatten,
    histories,
    in_target_terms,
    with_other_flows,
)
from innovplan.engine._measured import CHAIN, EVERY, LEVEL, SUM, Measured
from innovplan.engine._overflow import assess_columns
from innovplan.engine._segments import EPS_TIME
from innovplan.engine._trajectory import METHODS, trajectories
from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = [
    "AUTO_RULE",
    "BOUND",
    "BREAK",
    "CHAIN",
    "DEFAULT_ABOUT_PP",
    "DEFAULT_ABOUT_REL",
    "EPS_TIME",
    "EVERY",
    "GAP",
    "LEVEL",
    "METHODS",
    "NO_THRESHOLD",
    "OTHER_FLOWS",
    "SUM",
    "ArraySeries",
    "AttainmentOutcome",
    "AutoParts",
    "AutoRule",
    "BoolArray",
    "FloatArray",
    "ForecastOutcome",
    "Forecasts",
    "Histories",
    "Int8Array",
    "IntArray",
    "Measured",
    "Method",
    "ObservationArrays",
    "ObservationColumns",
    "ObservationsLike",
    "Reason",
    "SharedHistories",
    "TargetArrays",
    "TargetColumns",
    "array_columns",
    "assess_arrays",
    "assess_columns",
    "at_least",
    "auto",
    "auto_members",
    "auto_parts",
    "average_change",
    "build_columns",
    "build_grouped",
    "build_observations",
    "build_targets",
    "codes",
    "column_histories",
    "damped",
    "drift",
    "engine_unit",
    "flatten",
    "frac_year",
    "frac_years",
    "from_frac_year",
    "histories",
    "in_target_terms",
    "indicator_table",
    "linear",
    "loglinear",
    "prob_above",
    "progress_methods",
    "select_observations",
    "simple_targets",
    "theta",
    "trajectories",
    "unit_dest",
    "with_other_flows",
]
