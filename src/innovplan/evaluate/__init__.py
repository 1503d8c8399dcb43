"""Attainment and trajectory: was each target met, and will it be met by its deadline?

:func:`assess` takes one target, :func:`assess_many` many (columnar), and
:func:`evaluate` a whole plan with its roll-ups. :func:`forecast` and
:func:`forecast_many` project targets to their deadlines with an interval and a
probability of meeting them; :func:`progress` grades them with the published
progress methods. All run the numpy kernels of :mod:`innovplan.engine`.
Semantics and defaults: ``docs/attainment.md`` and ``docs/trajectory.md``.

Example:
    >>> from innovplan import Q_
    >>> from innovplan.evaluate import assess
    >>> from innovplan.model import Comparator, Indicator, Measure, Target
    >>> share = Indicator("digital_share", "digital economy core share",
    ...                   unit="percent", measure=Measure.SHARE)
    >>> t12 = Target("T12", share, Comparator.ABOUT, Q_(11, "percent"), "2023-12-31")
    >>> a = assess(t12, Q_(14.6, "percent"))
    >>> a.met, a.exceeded, a.gap
    (True, True, <Quantity(3.6, 'percentage_point')>)
"""

from innovplan.engine import ArraySeries
from innovplan.evaluate._assess import assess, assess_many
from innovplan.evaluate._assessments import Assessment, Assessments
from innovplan.evaluate._exante import ExAnte, ExAnteRow, ex_ante
from innovplan.evaluate._forecast import METHODS, forecast, forecast_many
from innovplan.evaluate._forecasts import Forecast, Forecasts
from innovplan.evaluate._groups import GroupSummary
from innovplan.evaluate._likelihood import IPCC_AR5, LikelihoodScale, likelihood
from innovplan.evaluate._notes import DisagreementCode, Note, ReasonCode, WarningCode, WhyCode
from innovplan.evaluate._parts import PartsCheck, check_parts
from innovplan.evaluate._progress import (
    PROGRESS_METHODS,
    Progress,
    Progresses,
    progress,
    progress_many,
)
from innovplan.evaluate._report import PlanReport, evaluate
from innovplan.evaluate._rollup import Rollup, RollupRow, rollup
from innovplan.evaluate._status import RULES, StatusRule

__all__ = [
    "IPCC_AR5",
    "METHODS",
    "PROGRESS_METHODS",
    "RULES",
    "ArraySeries",
    "Assessment",
    "Assessments",
    "DisagreementCode",
    "ExAnte",
    "ExAnteRow",
    "Forecast",
    "Forecasts",
    "GroupSummary",
    "LikelihoodScale",
    "Note",
    "PartsCheck",
    "PlanReport",
    "Progress",
    "Progresses",
    "ReasonCode",
    "Rollup",
    "RollupRow",
    "StatusRule",
    "WarningCode",
    "WhyCode",
    "assess",
    "assess_many",
    "check_parts",
    "evaluate",
    "ex_ante",
    "forecast",
    "forecast_many",
    "likelihood",
    "progress",
    "progress_many",
    "rollup",
]
