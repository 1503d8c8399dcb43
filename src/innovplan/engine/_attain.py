"""Attainment kernels: pure numpy functions over target and observation columns.

Every figure of an assessment is computed here, for one target or a million, by
the same code: vintage selection, the evidence for each target's period (the
latest stock, a growth rate, a flow summed over the periods that cover the
target's), the basis transform (change, percent change, compound average annual
growth), milestones, the comparison with bounds, the attainment ratio, the
score, the gap, the progress from the baseline, the status and "achieved late".

Conventions: times are fractional years and periods are half-open
``[start, end)`` (the year 2023 is ``[2023.0, 2024.0)``, a stock on 2023-12-31
is ``[2023.9973, 2024.0)``); values are float64 in each indicator's engine unit;
NaN is missing. Enum members arrive as the codes of :mod:`._codes`.

The driver, :func:`run`, reads the columns of :mod:`._coltypes`, selects
vintages (:mod:`._vintages`), gathers each target's evidence (:mod:`._evidence`)
and applies the formulas (:mod:`._formulas`).

Example:
    >>> import numpy as np
    >>> from innovplan.engine import _codes as c
    >>> met, exceeded = compare(np.array([53.0]), np.array([c.EXACT], np.int8),
    ...     np.array([50.0]), np.array([np.nan]), np.array([c.AT_LEAST], np.int8),
    ...     np.array([c.INCREASE], np.int8), np.array([0.0]))
    >>> met.tolist(), exceeded.tolist()
    ([1], [False])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan._errstate import default_errstate
from innovplan.engine import _codes as c
from innovplan.engine._coltypes import ObservationArrays, Outcome, TargetArrays
from innovplan.engine._evidence import _Evidence, _evidence_many, _evidence_one, _flag, _prepare
from innovplan.engine._formulas import (
    _about_band,
    attainment,
    band,
    compare,
    gap,
    on_basis,
    progress,
    reference,
    score,
    target_level,
)
from innovplan.engine._multiyear import (
    chains,
    every_year,
    every_year_pairs,
    observed_baseline,
    required_rate,
)
from innovplan.engine._segments import (
    _OFFSET,
    EPS_TIME,
    _first_where,
    _Join,
    _pairs,
)

if TYPE_CHECKING:
    from innovplan.engine._columns import ObservationColumns
    from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = [
    "Prepared",
    "run",
    "select_observations",
]


# -- the driver --------------------------------------------------------------------


_STATUS_OF = np.array(
    # Indexed by final * 4 + met * 2 + pending: a final decision says achieved or
    # not; otherwise evidence for an unfinished period is pending; else no data.
    [
        c.NO_DATA,
        c.PENDING,
        c.NO_DATA,
        c.PENDING,
        c.NOT_ACHIEVED,
        c.NOT_ACHIEVED,
        c.ACHIEVED,
        c.ACHIEVED,
    ],
    dtype=np.int8,
)
_STATUS_OF.flags.writeable = False


def _milestones(
    targets: TargetArrays, ev_end: FloatArray, open_: BoolArray
) -> tuple[IntArray, FloatArray]:
    """Milestones: the interim value for the observed period, while the deadline's is not observed.

    A flow's milestone is its total from the target's start. Only targets in
    *open_* (evidence that ends before the deadline, without holes) look one up.

    Returns:
        Index into the milestone arrays (-1: none) and the value each target is
        compared with (the target's own value where no milestone applies).
    """
    n = targets.ind.shape[0]
    milestone = np.full(n, -1, dtype=np.int64)
    if targets.ms_end.shape[0] == 0 or not open_.any():
        return milestone, targets.value
    m_owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(targets.ms_indptr))
    m_key = m_owner * _OFFSET + targets.ms_end
    probe = np.arange(n, dtype=np.float64) * _OFFSET + np.nan_to_num(ev_end, nan=-_OFFSET / 2)
    j = np.minimum(np.searchsorted(m_key, probe - EPS_TIME), m_key.shape[0] - 1)
    hit = open_ & (m_owner[j] == np.arange(n)) & (np.abs(m_key[j] - probe) < EPS_TIME)
    milestone[hit] = j[hit]
    return milestone, np.where(hit, targets.ms_value[j], targets.value)


def _progress_of(targets: TargetArrays, level: FloatArray, has: BoolArray) -> FloatArray:
    """:func:`progress` from each target's baseline (NaN without one or without evidence)."""
    if np.all(np.isnan(targets.base_value)):
        return np.full(targets.ind.shape[0], np.nan)
    goal_level = target_level(
        reference(targets.value, targets.upper, targets.comparator, targets.direction),
        targets.base_value,
        targets.base_time,
        targets.end,
        targets.basis,
    )
    prog = progress(level, targets.base_value, goal_level, targets.direction)
    return np.where(has, prog, np.nan)


def _late(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    targets: TargetArrays,
    sel: ObservationArrays,
    rows: IntArray,
    join: _Join,
    missed: BoolArray,
    flags: npt.NDArray[np.int32],
) -> tuple[FloatArray, IntArray]:
    """Missed, then reached: the first later stock (level or share) that meets the final target.

    Returns:
        End of that period (NaN if none) and its observation row (-1), per target;
        *flags* gets ``LATE`` where one was found.
    """
    n = targets.ind.shape[0]
    late_end = np.full(n, np.nan)
    late_row = np.full(n, -1, dtype=np.int64)
    if not missed.any() or join.po.shape[0] == 0:
        return late_end, late_row
    pt, po = join.pt, join.po
    e = join.obs(sel.end)
    after = join.target(missed) & (e > join.target(targets.end) + EPS_TIME)
    pts = pt[after]
    xl = on_basis(
        sel.value[po[after]],
        e[after],
        targets.base_value[pts],
        targets.base_time[pts],
        targets.basis[pts],
    )
    ml, _ = compare(
        xl,
        sel.bound[po[after]],
        targets.value[pts],
        targets.upper[pts],
        targets.comparator[pts],
        targets.direction[pts],
        band(targets.value[pts], targets.tol_abs[pts], targets.tol_rel[pts], targets.percent[pts]),
    )
    ok = np.zeros(pt.shape[0], dtype=bool)
    ok[np.flatnonzero(after)[ml == c.MET]] = True
    first_late = _first_where(ok, join.indptr)
    got = first_late >= 0
    late_end[got] = e[first_late[got]]
    late_row[got] = rows[po[first_late[got]]]
    _flag(flags, got, c.LATE)
    return late_end, late_row


class _Kinds(NamedTuple):
    """Which path each target's evidence takes (see docs/attainment.md, "Kinds of target").

    Attributes:
        summed: Flows summed: over the deadline's period (VALUE) or the window
            (CUMULATIVE).
        chained: Yearly rates chained over the window (a GROWTH indicator with
            an average-annual, percent-change or cumulative target).
        every: Every year in the window compared.
        flowish: Flows and rates: whole periods count, not a part of one.
    """

    summed: BoolArray
    chained: BoolArray
    every: BoolArray
    flowish: BoolArray

    @classmethod
    def of(cls, targets: TargetArrays) -> _Kinds:
        """The paths of *targets*."""
        m, b = targets.measure, targets.basis
        flow, growth = m == c.FLOW, m == c.GROWTH
        summed = flow & ((b == c.VALUE) | (b == c.CUMULATIVE_SUM))
        chained = growth & (
            (b == c.AVERAGE_ANNUAL) | (b == c.PERCENT_CHANGE) | (b == c.CUMULATIVE_SUM)
        )
        return cls(summed, chained, b == c.EVERY_YEAR, flow | growth)


def _with_chains(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    targets: TargetArrays,
    sel: ObservationArrays,
    join: _Join,
    computed: BoolArray,
    mask: BoolArray,
    ev: _Evidence,
    flags: npt.NDArray[np.int32],
) -> _Evidence:
    """The evidence of chained targets: the index ``prod(1 + r)`` over their window."""
    ch = chains(
        targets.window,
        targets.start,
        targets.end,
        mask,
        sel.start,
        sel.end,
        sel.value,
        sel.bound,
        computed,
        join,
    )
    got = mask & (ch.pos >= 0)
    _flag(flags, got, c.CHAINED)
    _flag(flags, mask & ch.computed, c.GROWTH_COMPUTED)
    _flag(flags, mask & ch.mixed, c.RATES_MIXED)
    return ev._replace(
        pos=np.where(mask, ch.pos, ev.pos),
        level=np.where(mask, ch.factor, ev.level),
        bound=np.where(mask, ch.bound, ev.bound).astype(np.int8),
        start=np.where(got, targets.window, np.where(mask, np.nan, ev.start)),
        end=np.where(mask, ch.end, ev.end),
        n_parts=np.where(mask, ch.n, ev.n_parts),
        gaps=np.where(mask, ch.gaps, ev.gaps),
    )


def _with_every_year(
    targets: TargetArrays, sel: ObservationArrays, join: _Join, kinds: _Kinds, ev: _Evidence
) -> tuple[_Evidence, Int8Array, IntArray]:
    """The evidence of every-year targets: their worst year, the verdict over all, failed years."""
    mask = kinds.every
    cand = every_year_pairs(
        targets.window, targets.start, targets.end, kinds.flowish, mask, sel.start, sel.end, join
    )
    met_p = np.full(cand.shape[0], c.UNDECIDED, dtype=np.int8)
    att_p = np.full(cand.shape[0], np.nan)
    idx = np.flatnonzero(cand)
    if idx.shape[0]:
        pts, rows = join.pt[idx], join.po[idx]
        x = sel.value[rows]
        value, upper = targets.value[pts], targets.upper[pts]
        comp, direc = targets.comparator[pts], targets.direction[pts]
        half = band(value, targets.tol_abs[pts], targets.tol_rel[pts], targets.percent[pts])
        met_p[idx], _ = compare(x, sel.bound[rows], value, upper, comp, direc, half)
        ref = reference(value, upper, comp, direc)
        att_p[idx] = attainment(x, ref, value, upper, comp, direc)
    ey = every_year(targets.window, cand, met_p, att_p, sel.end, join)
    got = mask & (ey.worst >= 0)
    if sel.value.shape[0]:
        row = join.po[np.maximum(ey.worst, 0)] if join.po.shape[0] else np.zeros_like(ey.worst)
        worst_value, worst_bound = sel.value[row], sel.bound[row]
    else:
        worst_value = np.full(mask.shape[0], np.nan)
        worst_bound = np.zeros(mask.shape[0], dtype=np.int8)
    ev = ev._replace(
        pos=np.where(mask, ey.worst, ev.pos),
        level=np.where(got, worst_value, np.where(mask, np.nan, ev.level)),
        bound=np.where(got, worst_bound, np.where(mask, c.EXACT, ev.bound)).astype(np.int8),
        start=np.where(got, targets.window, np.where(mask, np.nan, ev.start)),
        end=np.where(mask, ey.end, ev.end),
        n_parts=np.where(mask, ey.n, ev.n_parts),
        gaps=np.where(mask, got & ~ey.covered, ev.gaps),
    )
    return ev, ey.met, np.where(mask, ey.failed, 0).astype(np.int64)


class _Baselines(NamedTuple):
    """Targets ready for the basis transform, and the baseline each one reports.

    Attributes:
        calc: The targets with the basis they are compared on (a cumulative
            sum as its value, a cumulative chain as a percent change) and the
            baseline the formulas read (1 for a chain's index, 0 for a sum).
        value: The baseline reported: the target's own, else the observed one.
        end: End of its period.
        row: Observation row of an observed baseline, or -1.
        observed: The baseline was observed, not given by the target.
    """

    calc: TargetArrays
    value: FloatArray
    end: FloatArray
    row: IntArray
    observed: BoolArray


def _baselines(
    targets: TargetArrays, sel: ObservationArrays, rows: IntArray, join: _Join, kinds: _Kinds
) -> _Baselines:
    """Each target's baseline: its own, else the value of the period just before its window.

    Stocks and shares take it for progress too; flows and rates compared as
    values do not (last year's total says little about this year's running one).
    """
    n = targets.ind.shape[0]
    cumulative = targets.basis == c.CUMULATIVE_SUM
    basis = targets.basis.copy()
    basis[cumulative & kinds.summed] = c.VALUE
    basis[cumulative & kinds.chained] = c.PERCENT_CHANGE
    basis[kinds.every] = c.VALUE
    plain = ~(kinds.chained | kinds.every | cumulative)
    own = plain & ~np.isnan(targets.base_value) & ~np.isnan(targets.base_time)
    value = np.where(own, targets.base_value, np.nan)
    end = np.where(own, targets.base_time, np.nan)
    row = np.full(n, -1, dtype=np.int64)
    stock = (targets.measure == c.LEVEL) | (targets.measure == c.SHARE)
    need = plain & ~own & ((basis != c.VALUE) | stock)
    observed = np.zeros(n, dtype=bool)
    if need.any() and join.po.shape[0]:
        pos = observed_baseline(
            targets.window,
            targets.start,
            targets.end,
            kinds.flowish,
            need,
            sel.start,
            sel.end,
            sel.bound,
            join,
        )
        observed = pos >= 0
        p = join.po[pos[observed]]
        value[observed] = sel.value[p]
        end[observed] = sel.end[p]
        if rows.shape[0]:
            row[observed] = rows[p]
    calc_value, calc_time = value.copy(), end.copy()
    # A chain is an index of the level before the window; a sum starts from 0.
    calc_value[kinds.chained] = 1.0
    sums = cumulative & kinds.summed
    calc_value[sums] = 0.0
    fixed = kinds.chained | sums
    calc_time[fixed] = targets.window[fixed]
    calc = targets._replace(basis=basis, base_value=calc_value, base_time=calc_time)
    return _Baselines(calc, value, end, row, observed)


def _evidence(  # noqa: PLR0917 (kernels take columns positionally, as numpy does)
    targets: TargetArrays,
    sel: ObservationArrays,
    join: _Join,
    computed: BoolArray,
    kinds: _Kinds,
    flags: npt.NDArray[np.int32],
) -> tuple[_Evidence, Int8Array | None, IntArray]:
    """Every target's evidence; for every-year targets also their verdict and failed years."""
    special = kinds.chained | kinds.every | ((targets.measure == c.FLOW) & ~kinds.summed)
    if join.one and not special.any():
        ev = _evidence_one(targets, sel, join, kinds.summed)
    else:
        ev = _evidence_many(targets, sel, join, kinds.summed)
    every_met: Int8Array | None = None
    failed_years = np.zeros(targets.ind.shape[0], dtype=np.int64)
    if kinds.chained.any():
        ev = _with_chains(targets, sel, join, computed, kinds.chained, ev, flags)
    if kinds.every.any():
        ev, every_met, failed_years = _with_every_year(targets, sel, join, kinds, ev)
    return ev, every_met, failed_years


def _every_verdict(
    every: BoolArray, every_met: Int8Array, met: Int8Array, exceeded: BoolArray
) -> tuple[Int8Array, BoolArray]:
    """Every year is compared; the worst one stands for them in the figures."""
    return np.where(every, every_met, met).astype(np.int8), exceeded & ~every


def _grows(targets: TargetArrays, calc: TargetArrays, open_: BoolArray) -> BoolArray:
    """Open evidence of a level that only grows, on a basis that grows with it: a lower bound."""
    increasing = (calc.basis == c.VALUE) | (calc.basis == c.CHANGE)
    increasing |= calc.basis == c.PERCENT_CHANGE
    out: BoolArray = open_ & targets.only_grows & (targets.measure == c.LEVEL) & increasing
    return out


def _required(
    calc: TargetArrays, level: FloatArray, ev_end: FloatArray, open_: BoolArray
) -> FloatArray:
    """The average annual rate still needed, for rate and change targets with time left."""
    rate_t = open_ & ((calc.basis == c.AVERAGE_ANNUAL) | (calc.basis == c.PERCENT_CHANGE))
    out = np.full(calc.ind.shape[0], np.nan)
    if not rate_t.any():
        return out
    idx = np.flatnonzero(rate_t)
    goal = target_level(
        reference(calc.value[idx], calc.upper[idx], calc.comparator[idx], calc.direction[idx]),
        calc.base_value[idx],
        calc.base_time[idx],
        calc.end[idx],
        calc.basis[idx],
    )
    out[idx] = required_rate(goal, level[idx], calc.end[idx], ev_end[idx])
    return out


Prepared = tuple[ObservationArrays, "IntArray", "IntArray", "BoolArray"]
"""What :func:`_prepare` returns: selected rows, their input rows, level rows, computed flags."""


def select_observations(observations: ObservationColumns, as_of: float) -> Prepared:
    """The vintage selection of observation columns at *as_of*, to share between kernels.

    :func:`innovplan.engine.assess_columns` and
    :func:`innovplan.engine.column_histories` make it themselves when not given
    it; a caller running both on the same columns selects once.

    Args:
        observations: Observation columns, every vintage.
        as_of: Fractional year of the evaluation date (NaN: every release).

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import build_columns
        >>> tc, oc = build_columns([datasets.wuhan_2023().target("T10")],
        ...                        datasets.wuhan_2023_observations())
        >>> sel, rows, _, _ = select_observations(oc, float("nan"))
        >>> len(rows) <= len(oc)
        True
    """
    return _prepare(observations.arrays, as_of)


@default_errstate
def run(  # noqa: C901, PLR0915 (one pipeline, read top to bottom)
    targets: TargetArrays,
    obs: ObservationArrays,
    as_of: float = np.nan,
    *,
    prepared: Prepared | None = None,
) -> Outcome:
    """Assess every target against the observations of its indicator.

    Each step skips what no target needs (flows, chains, every-year limits,
    milestones, bounds, baselines, a basis other than VALUE), and one
    observation per target takes a short path to its evidence, so the common
    case costs little more than the formulas themselves
    (``benchmarks/bench_assess.py``).

    A result is decided before the deadline only where it can no longer
    change: a running sum of non-negative amounts (met, or a ceiling broken),
    a level that only grows, an every-year limit broken in one year. Other
    evidence met before the deadline is "met so far" (:data:`._codes.MET_SO_FAR`)
    and pending.

    Args:
        targets: Target columns.
        obs: Observation columns (all vintages).
        as_of: Use only releases known by this fractional year (NaN: all).
        prepared: The vintage selection of *obs* at *as_of*, when the caller
            made it already (``evaluate`` shares it with the forecasts).

    Returns:
        One :class:`Outcome`, row ``i`` for target ``i``.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import ObservationArrays, simple_targets
        >>> from innovplan.engine import codes as c
        >>> t = simple_targets(value=[50.0], comparator=[c.AT_LEAST], base_value=[15.0],
        ...                    start=[2023.0], end=[2024.0], base_time=[2023.0])
        >>> o = ObservationArrays(np.array([0]), np.array([2023.0]), np.array([2024.0]),
        ...     np.array([2024.1]), np.array([53.0]), np.zeros(1, np.int8), np.zeros(1, bool))
        >>> out = run(t, o)
        >>> int(out.status[0]) == c.ACHIEVED, round(float(out.progress[0]), 4)
        (True, 1.0857)
    """
    n = targets.ind.shape[0]
    sel, rows, basis_rows, computed = _prepare(obs, as_of) if prepared is None else prepared
    join = _pairs(sel.ind, targets.ind)
    kinds = _Kinds.of(targets)
    flags = np.zeros(n, dtype=np.int32)
    ev, every_met, failed_years = _evidence(targets, sel, join, computed, kinds, flags)
    level, bound = ev.level, ev.bound
    summed = kinds.summed
    has = ev.pos >= 0
    every = bool(has.all())
    has_flow = summed & has
    # Observation rows: the pair's row in the selection, then in the caller's input.
    fpos = ev.pos if every else np.maximum(ev.pos, 0)
    src = fpos if join.aligned or join.po.shape[0] == 0 else join.po[fpos]
    if rows.shape[0]:
        row_out = rows[src] if every else np.where(has, rows[src], -1)
    else:
        row_out = np.full(n, -1, dtype=np.int64)

    partial = has & (ev.end < targets.end - EPS_TIME)
    complete = has & ~partial & ~ev.gaps
    _flag(flags, ev.gaps, c.GAPS)
    _flag(flags, partial, c.PARTIAL)
    _flag(flags, ev.overlap, c.OVERLAP)
    _flag(flags, ev.cumulative, c.CUMULATIVE)
    basis_row = np.full(n, -1, dtype=np.int64)
    if computed.shape[0] and computed.any():
        comp_t = has & ~summed & computed[src]
        _flag(flags, comp_t, c.GROWTH_COMPUTED)
        basis_row = np.where(comp_t, basis_rows[src], -1).astype(np.int64)

    milestone, value = _milestones(targets, ev.end, partial & ~ev.gaps & ~kinds.every)
    at_ms = milestone >= 0
    _flag(flags, at_ms, c.MILESTONE)

    bases = _baselines(targets, sel, rows, join, kinds)
    calc = bases.calc
    _flag(flags, bases.observed & has, c.BASE_OBSERVED)

    # Bounds. An observation may itself be a bound (">12,000"). A flow summed
    # over non-negative amounts that does not yet cover the target's period is
    # a lower bound of the period's total: it can only grow; so is a level
    # that only grows, and every increasing transform of it.
    _flag(flags, has & (bound != c.EXACT), c.BOUND)
    running = has_flow & ~complete & ~at_ms & ev.may_grow
    if targets.only_grows.any():
        running |= _grows(targets, calc, has & partial & ~at_ms & (bound != c.UPPER) & ~kinds.every)
    if running.any():
        bound[running] = c.LOWER
    clash = bound < 0
    if clash.any():
        level = np.where(clash, np.nan, level)
        bound[clash] = c.EXACT

    # Basis (change, percent change, average annual growth from the baseline).
    needs_base = calc.basis != c.VALUE
    x = level
    if needs_base.any():
        no_base = needs_base & (np.isnan(calc.base_value) | np.isnan(calc.base_time))
        _flag(flags, no_base & has, c.NO_BASELINE)
        x = on_basis(level, ev.end, calc.base_value, calc.base_time, calc.basis)
        x[no_base] = np.nan

    half = _about_band(targets, value)
    met, exceeded = compare(
        x, bound, value, targets.upper, targets.comparator, targets.direction, half
    )
    if every_met is not None:
        met, exceeded = _every_verdict(kinds.every, every_met, met, exceeded)
    ref = reference(value, targets.upper, targets.comparator, targets.direction)
    att = attainment(x, ref, value, targets.upper, targets.comparator, targets.direction)
    prog = _progress_of(calc, level, has)
    g = gap(x, ref, value, targets.upper, targets.comparator)
    _flag(flags, exceeded, c.EXCEEDED)

    # Status. A decided comparison of complete evidence is final; so is one
    # that can no longer change: a running lower bound that decides, or a year
    # that broke an every-year limit. Other evidence is pending.
    evidence = has & ~np.isnan(x)
    early = running & (met != c.UNDECIDED)
    if every_met is not None:
        early |= kinds.every & (met == c.NOT_MET)
    early &= evidence
    final = (evidence & complete & (met != c.UNDECIDED)) | early
    pending = evidence & ~complete
    is_met = met == c.MET
    # Status by final * 4 + met * 2 + pending (see _STATUS_OF).
    key = final.astype(np.int8) * np.int8(4)
    key += is_met.astype(np.int8) * np.int8(2)
    key += pending.astype(np.int8)
    status = _STATUS_OF.take(key)
    _flag(flags, early & (partial | (~complete & ~kinds.every)), c.EARLY)
    _flag(flags, failed_years != 0, c.YEAR_FAILED)
    if bound.any():
        _flag(flags, evidence & complete & (met == c.UNDECIDED) & (bound != c.EXACT), c.UNDECIDABLE)
    # Met before the deadline, and still able to change: "met so far". A running
    # lower bound under a ceiling is undecided, yet its value meets it so far.
    so_far = pending & ~final & ~at_ms
    point = is_met.copy()
    idx = np.flatnonzero(so_far & running)
    if idx.shape[0]:
        t = targets
        pm, _ = compare(
            x[idx], np.zeros(idx.shape[0], np.int8), value[idx], t.upper[idx],
            t.comparator[idx], t.direction[idx], half[idx],
        )  # fmt: skip
        point[idx] = pm == c.MET
    _flag(flags, so_far & point, c.MET_SO_FAR)
    # While pending, "met" speaks of the milestone, if any; otherwise it is undecided.
    hold = pending & ~final & ~at_ms
    if hold.any():
        met[hold] = c.UNDECIDED
    missed = final & ~is_met & ~summed & (targets.measure != c.GROWTH) & ~kinds.every
    late_end, late_row = _late(calc, sel, rows, join, missed, flags)
    required = _required(calc, level, ev.end, evidence & partial & ~ev.gaps)

    sc = score(att, met)
    # NaN without evidence; where every target has some, the arrays as they are
    # (``x`` is copied: it may be ``level``, another field).
    return Outcome(
        status=status,
        met=met,
        flags=flags,
        observed=x.copy() if every else np.where(has, x, np.nan),
        level=level,
        reference=ref,
        attainment=att if every else np.where(has, att, np.nan),
        score=sc if every else np.where(has, sc, np.nan),
        gap=g if every else np.where(has, g, np.nan),
        progress=prog,
        row=row_out,
        ev_start=ev.start,
        ev_end=ev.end,
        n_parts=ev.n_parts,
        milestone=milestone,
        late_end=late_end,
        late_row=late_row,
        basis_row=basis_row,
        required=required,
        base_value=bases.value,
        base_end=bases.end,
        base_row=bases.row,
        failed_years=failed_years,
    )
