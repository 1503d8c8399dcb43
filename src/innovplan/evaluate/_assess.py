"""``assess`` and ``assess_many``: one entry each into the same numpy kernels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs
import numpy as np

from innovplan._errstate import default_errstate
from innovplan.engine import (
    ArraySeries,
    ObservationColumns,
    TargetColumns,
    assess_columns,
    frac_year,
)
from innovplan.errors import EvaluationError, ModelError
from innovplan.evaluate import _args as args
from innovplan.evaluate._assessments import Assessments
from innovplan.evaluate._tables import columns
from innovplan.model import (
    Basis,
    Measure,
    Observation,
    Period,
    Plan,
    Series,
    Target,
    to_optional_date,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from innovplan.evaluate._assessments import Assessment
    from innovplan.evaluate._cells import TableLike
    from innovplan.model import Tolerance
    from innovplan.units import Quantity

__all__ = ["assess", "assess_many"]

ObservationsLike = (
    Iterable[Observation] | Series | Mapping[str, Series] | ObservationColumns | ArraySeries
)


def _as_of(as_of: dt.date | str | None) -> float:
    day = to_optional_date(as_of)
    return np.nan if day is None else frac_year(day)


def _year_to(day: dt.date) -> dt.date:
    """The first day of the year that ends on *day*."""
    after = day + dt.timedelta(days=1)
    try:
        return after.replace(year=after.year - 1)
    except ValueError:  # 29 February
        return after.replace(year=after.year - 1, day=28)


def _deadline_period(target: Target) -> Period:
    """The deadline's period: the year ending on the deadline, from the target's own start."""
    own = target.start or dt.date(target.deadline.year, 1, 1)
    return Period(max(own, _year_to(target.deadline)), target.deadline)


def _target_period(target: Target) -> Period:
    if target.measure in {Measure.LEVEL, Measure.SHARE}:
        return Period.at(target.deadline)
    if target.basis is Basis.CUMULATIVE and target.measure is Measure.FLOW:
        return Period(target.period_start, target.deadline)  # the window's sum
    return _deadline_period(target)


def _baseline_period(target: Target) -> Period:
    before = target.period_start - dt.timedelta(days=1)
    if target.measure in {Measure.LEVEL, Measure.SHARE}:
        return Period.at(before)
    span = _deadline_period(target)
    if span.start == _year_to(target.deadline):
        return Period(_year_to(before), before)  # the year before the window
    return Period(max(before - (span.end - span.start), dt.date.min), before)


def _observation_of(
    target: Target, value: Quantity, period: Period, argument: str = "observed"
) -> Observation:
    if target.versus is not None:
        msg = (
            f"assess() argument {argument}: target {target.id!r} compares groups "
            f"{target.group} and {target.versus}: give both groups' observations, not a quantity"
        )
        raise EvaluationError(msg)
    try:
        # A bare quantity is the figure of the group the target is for.
        return Observation(target.indicator.id, value, period, dimensions=target.group)
    except ModelError as exc:
        raise EvaluationError(f"assess() argument {argument}: {exc.message}") from None


def _evidence(target: Target, observed: object) -> tuple[Observation, ...]:
    import pint

    if observed is None:
        return ()
    if isinstance(observed, pint.Quantity):
        return (_observation_of(target, observed, _target_period(target)),)
    if isinstance(observed, Observation):
        items: tuple[Observation, ...] = (observed,)
    elif isinstance(observed, Series | Iterable) and not isinstance(observed, str):
        items = tuple(observed)
    else:
        expected = "an Observation, a Series, a list of Observations, a Quantity or None"
        raise args.fail("assess", "observed", expected, observed)
    for o in items:
        if not isinstance(o, Observation):  # type: ignore[redundant-expr,unused-ignore]
            raise args.fail("assess", "observed", "Observations", o)  # type: ignore[unreachable,unused-ignore]
        if o.indicator != target.indicator.id:
            msg = (
                f"target {target.id!r} measures {target.indicator.id!r}, "
                f"the observation given measures {o.indicator!r}"
            )
            raise EvaluationError(msg)
    return items


@default_errstate
def assess(
    target: Target,
    observed: Observation | Series | Quantity | Iterable[Observation] | None,
    *,
    baseline: Observation | Quantity | None = None,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
) -> Assessment:
    """Assess one target: was it met, by how much, and where does it stand?

    This is :func:`assess_many` on a batch of one: the same kernels compute it.

    Args:
        target: The target.
        observed: An observation, a series (the observations for the target's
            window are picked, latest release first) or a bare quantity (read as
            the value for the deadline's period: a stock at the deadline, the
            deadline year's flow or rate; a cumulative flow's sum over the window).
        baseline: Progress is counted from here; replaces ``target.baseline``.
            A quantity is read as the value just before the target's window.
        as_of: Use only releases known on this date.
        tolerance: ABOUT tolerance if the target carries none.

    Returns:
        The assessment.

    Raises:
        UnitMismatchError: The observation's unit does not fit the target's indicator.
        EvaluationError: The observation measures another indicator.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> ind = Indicator("results", "results", unit="item", measure=Measure.LEVEL)
        >>> t = Target("R1", ind, Comparator.AT_LEAST, Q_(50, "item"), "2023-12-31")
        >>> a = assess(t, Q_(53, "item"), baseline=Q_(15, "item"))
        >>> a.met, round(a.progress, 4)   # IATI: (53 - 15) / (50 - 15)
        (True, 1.0857)
    """
    import pint  # pint loads with the first quantity, not with the package

    func = "assess"
    target = args.target(func, target)
    day = args.date(func, "as_of", as_of)
    tolerance = args.tolerance(func, tolerance)
    if baseline is not None:
        if not isinstance(baseline, Observation | pint.Quantity):
            raise args.fail(func, "baseline", "an Observation, a Quantity or None", baseline)
        base = (
            baseline
            if isinstance(baseline, Observation)
            else _observation_of(target, baseline, _baseline_period(target), "baseline")
        )
        target = attrs.evolve(target, baseline=base)
    result = assess_many([target], _evidence(target, observed), as_of=day, tolerance=tolerance)
    return result[0]


@default_errstate
def assess_many(
    targets: Sequence[Target] | Plan | TargetColumns | TableLike,
    observations: ObservationsLike | TableLike = (),
    *,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
) -> Assessments:
    """Assess many targets at once; the result is columnar.

    Args:
        targets: Targets, a plan (its targets in document order), a table
            of targets (a pandas, polars or pyarrow table, or a mapping of
            column name to numpy array; ``docs/tables.md``), or pre-built
            :class:`~innovplan.engine.TargetColumns`.
        observations: Observations in any order and of every vintage (an
            iterable, a series, a mapping of indicator id to series, a table
            of observations), or pre-built columns sharing the targets'
            indicator codes.
        as_of: Use only releases known on this date.
        tolerance: ABOUT tolerance for targets that carry none.

    Returns:
        One row per target, in order.

    Raises:
        UnitMismatchError: An observation does not fit its target's indicator.
        EvaluationError: Columns were given for one side and model objects for the other.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Comparator, Indicator, Measure, Observation, Target
        >>> ind = Indicator("hte", "high-tech enterprises", unit="enterprise",
        ...                 measure=Measure.LEVEL)
        >>> t8 = Target("T8", ind, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
        >>> res = assess_many([t8], [Observation("hte", Q_(14500, "enterprise"), "2023-12-31")])
        >>> res.attainment.round(4).tolist()
        [1.1154]
    """
    func = "assess_many"
    day = args.date(func, "as_of", as_of)
    tolerance = args.tolerance(func, tolerance)
    if isinstance(targets, TargetColumns):
        if not isinstance(observations, ObservationColumns):
            msg = "pre-built target columns need pre-built observation columns"
            raise EvaluationError(msg)
        tc, oc = targets, observations
    else:
        if isinstance(observations, ObservationColumns):
            msg = "pre-built observation columns need pre-built target columns"
            raise EvaluationError(msg)
        tc, oc = columns(func, targets, observations, tolerance)
    with np.errstate(over="ignore", invalid="ignore"):
        # Overflow is expected on extreme inputs; assess_columns turns it into no verdict.
        outcome = assess_columns(tc, oc, _as_of(day))
    return Assessments(tc, oc, outcome, day)
