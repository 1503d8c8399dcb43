"""Attainment: was each target met, by how much, and what does that say about each goal?

:func:`assess` takes one target, :func:`assess_many` many (columnar), and
:func:`evaluate` a whole plan with its roll-ups. All three run the same numpy
kernels of :mod:`innovplan.engine`. Semantics and defaults: ``docs/attainment.md``.

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

from innovplan.evaluate._assess import assess, assess_many
from innovplan.evaluate._assessments import Assessment, Assessments
from innovplan.evaluate._report import PlanReport, evaluate
from innovplan.evaluate._rollup import Rollup, RollupRow, rollup

__all__ = [
    "Assessment",
    "Assessments",
    "PlanReport",
    "Rollup",
    "RollupRow",
    "assess",
    "assess_many",
    "evaluate",
    "rollup",
]
