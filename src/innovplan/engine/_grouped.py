"""Targets and observations with groups, as columns joined by series code.

:func:`build_grouped` is :func:`innovplan.engine._columns.build` when a target
or an observation involves a group: the targets' columns are built once per
target, then gathered into one row per (target, group) by the plan of
:func:`innovplan.engine._groups.plan_rows`; observations are coded by series
(indicator and group), and parity targets read ratio series computed from the
two groups' observations.

Example:
    >>> from innovplan import Q_
    >>> from innovplan.model import Indicator, Observation, Target
    >>> gdp = Indicator("gdp", "GDP", unit="hundred_million_yuan", measure="flow")
    >>> t = Target("P", gdp, "at_least", Q_(100, "亿元"), "2023-12-31", every="region")
    >>> obs = [Observation("gdp", Q_(v, "亿元"), 2023, dimensions={"region": r})
    ...        for r, v in [("42", 120), ("43", 90)]]
    >>> tc, oc = build_grouped([t], obs)
    >>> tc.ids, tc.arrays.ind.tolist(), oc.arrays.ind.tolist()
    (('P', 'P'), [0, 1], [0, 1])
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from innovplan.engine import _codes as c
from innovplan.engine._columns import (
    PERCENT,
    ObservationColumns,
    TargetColumns,
    build_observations,
    build_targets,
    engine_unit,
    indicator_table,
)
from innovplan.engine._groups import parity_columns, plan_rows
from innovplan.model import Bound, Comparator, Direction

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from innovplan.model import Group, Indicator, Observation, Target, Tolerance

    Observe = Callable[
        [Mapping[str, tuple[int, Indicator, str]], Mapping[tuple[str, Group], int]],
        ObservationColumns,
    ]

__all__ = ["build_grouped"]

# A parity target's better direction follows its comparator: up for a floor,
# down for a ceiling, towards the range otherwise.
_PARITY_DIRECTION = {
    Comparator.AT_LEAST: Direction.INCREASE,
    Comparator.MORE_THAN: Direction.INCREASE,
    Comparator.AT_MOST: Direction.DECREASE,
    Comparator.LESS_THAN: Direction.DECREASE,
}


def _gather(items: tuple[Any, ...], rows: np.ndarray[Any, Any]) -> tuple[Any, ...]:
    if rows.shape[0] == 0:
        return ()
    if rows.shape[0] == 1:
        return (items[int(rows[0])],)
    return operator.itemgetter(*rows.tolist())(items)  # type: ignore[no-any-return]


def _take_arrays(
    tc: TargetColumns, rows: np.ndarray[Any, Any], series: np.ndarray[Any, Any]
) -> Any:
    a = tc.arrays
    # Milestones are ragged: gather each row's run, then rebuild the offsets.
    counts = np.diff(a.ms_indptr)[rows]
    indptr = np.zeros(rows.shape[0] + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    ms = np.repeat(a.ms_indptr[:-1][rows] - indptr[:-1], counts) + np.arange(int(indptr[-1]))
    fields = {
        name: getattr(a, name)[rows]
        for name in a._fields
        if name not in {"ind", "ms_indptr", "ms_end", "ms_value"}
    }
    return a._replace(
        ind=series,
        ms_indptr=indptr,
        ms_end=a.ms_end[ms],
        ms_value=a.ms_value[ms],
        **fields,
    )


def build_grouped(
    targets: Sequence[Target],
    observations: Sequence[Observation],
    *,
    tolerance: Tolerance | None = None,
    seen: Iterable[tuple[str, Group]] | None = None,
    observe: Observe | None = None,
) -> tuple[TargetColumns, ObservationColumns]:
    """Targets over groups and the observations of their series, joined by series code.

    Args:
        targets: The targets, each of the total, a group, every group or a parity.
        observations: The observations, when *observe* is not given.
        tolerance: ABOUT tolerance for targets that carry none.
        seen: The (indicator id, group) pairs observed, when *observations*
            are not model objects (see :func:`plan_rows`).
        observe: Builds the observation columns from the indicator table and
            the series codes, in place of :func:`build_observations` over
            *observations* (a table's columns, read without a model object per row).

    Raises:
        UnitMismatchError: A value does not fit its indicator; the target is named.
        ModelError: Two targets name the same indicator id with different definitions.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Indicator, Target
        >>> rate = Indicator("rate", "rate", unit="percent", measure="share")
        >>> t = Target("F", rate, "at_least", Q_(60, "percent"), "2023-12-31",
        ...            group={"sex": "F"})
        >>> tc, oc = build_grouped([t], [])
        >>> [str(g) for g in tc.groups], len(oc)
        (['sex=F'], 0)
    """
    plan = plan_rows(targets, observations, seen=seen)
    codes: dict[str, int] = {}
    base = build_targets(targets, indicator_codes=codes, tolerance=tolerance)
    table = indicator_table(targets, codes)
    rows = plan.rows
    arrays = _take_arrays(base, rows, plan.series)
    parity_codes = plan.parity_codes
    if parity_codes:
        # Parity rows compare ratios: a share-like value, better in the comparator's way.
        parity_targets = np.fromiter(
            (t.versus is not None for t in targets), dtype=bool, count=len(targets)
        )[rows]
        direction = np.fromiter(
            (c.code(_PARITY_DIRECTION.get(t.comparator, Direction.NEAR)) for t in targets),
            dtype=np.int8,
            count=len(targets),
        )[rows]
        arrays = arrays._replace(
            measure=np.where(parity_targets, np.int8(c.SHARE), arrays.measure),
            direction=np.where(parity_targets, direction, arrays.direction),
            only_grows=arrays.only_grows & ~parity_targets,
        )
    units = tuple(
        PERCENT if k in parity_codes else engine_unit(table[ind][1])
        for k, ind in enumerate(plan.indicators)
    )
    tc = TargetColumns(
        arrays=arrays,
        ids=_gather(base.ids, rows),
        indicators=tuple(plan.indicators),
        units=units,
        gap_units=_gather(base.gap_units, rows),
        basis_units=_gather(base.basis_units, rows),
        targets=_gather(tuple(targets), rows),
        groups=plan.groups,
        versus=plan.versus,
    )
    if observe is None:
        oc = build_observations(observations, table, series=plan.keys)
    else:
        oc = observe(table, plan.keys)
    if plan.parity:
        oc = _with_ratios(oc, plan.parity, plan.indicators)
    return tc, oc


def _with_ratios(
    oc: ObservationColumns, parity: list[tuple[int, int, int]], indicators: list[str]
) -> ObservationColumns:
    from innovplan.units import registry

    a = oc.arrays
    exact = a.bound == c.code(Bound.EXACT)
    code, num, den, known, ratio = parity_columns(
        a.ind, a.start, a.end, a.known, a.value, exact & ~a.level, parity
    )
    if code.shape[0] == 0:
        return oc
    kept = tuple(oc.observations or ())
    q = registry().Quantity
    made = [
        attrs.evolve(
            kept[n],
            indicator=indicators[k],
            value=q(r, PERCENT),
            released=max(
                (d for d in (kept[n].released, kept[m].released) if d is not None), default=None
            ),
            bound=kept[n].bound,
            source=None,
            status="",
            note=f"ratio of {kept[n].dimensions} to {kept[m].dimensions}",
        )
        for k, n, m, r in zip(
            code.tolist(), num.tolist(), den.tolist(), ratio.tolist(), strict=True
        )
    ]
    ind = np.concatenate([a.ind, code])
    start = np.concatenate([a.start, a.start[num]])
    end = np.concatenate([a.end, a.end[num]])
    when = np.concatenate([a.known, known])
    value = np.concatenate([a.value, ratio])
    bound = np.concatenate([a.bound, a.bound[num]])
    level = np.concatenate([a.level, np.zeros(code.shape[0], dtype=bool)])
    order = np.lexsort((level, when, end, start, ind))
    arrays = type(a)(
        ind[order], start[order], end[order], when[order], value[order], bound[order], level[order]
    )
    every = (*kept, *made)
    return ObservationColumns(arrays, tuple(every[i] for i in order.tolist()))
