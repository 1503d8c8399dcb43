"""The evidence for each target's period: the latest stock, a growth rate, a summed flow.

One join of targets and observations (:mod:`innovplan.engine._segments`) and a
selection per target, for one target or a million.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c
from innovplan.engine._coltypes import ObservationArrays
from innovplan.engine._formulas import _flow_keep
from innovplan.engine._segments import (
    EPS_TIME,
    SAME_LENGTH,
    _first_where,
    _Join,
    _seg_any,
    _seg_reduce,
)
from innovplan.engine._vintages import select_vintages, yoy_growth

if TYPE_CHECKING:
    from innovplan.engine._coltypes import TargetArrays
    from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = []


# -- evidence --------------------------------------------------------------------


class _Evidence(NamedTuple):
    """What each target is compared with, before bounds, milestones and basis.

    Attributes:
        pos: Pair position used (the last one summed for a flow), or -1.
        level: The evidence in the indicator's unit (a flow's total).
        bound: Bound code of the evidence; -1 where a flow sums bounds of both kinds.
        start: Start of the evidence's period.
        end: End (exclusive) of the evidence's period.
        n_parts: Observations summed (flows) or used.
        gaps: A flow's summed periods leave holes.
        overlap: Overlapping, non-nested flow periods were left out.
        cumulative: A flow summed over several periods.
        may_grow: A flow's total has no negative part and no upper bound: while
            its period is not over it can only grow (read only for flows with
            evidence).
    """

    pos: IntArray
    level: FloatArray
    bound: Int8Array
    start: FloatArray
    end: FloatArray
    n_parts: IntArray
    gaps: BoolArray
    overlap: BoolArray
    cumulative: BoolArray
    may_grow: BoolArray


def _sum_from(targets: TargetArrays) -> FloatArray:
    """Where a flow's sum starts: the deadline's period, or the window for a cumulative target."""
    cumulative = targets.basis == c.CUMULATIVE_SUM
    if not cumulative.any():
        return targets.start
    return np.where(cumulative, targets.window, targets.start)


def _evidence_one(
    targets: TargetArrays, sel: ObservationArrays, join: _Join, summed: BoolArray
) -> _Evidence:
    """:func:`_evidence_many` when each target has exactly one observation row.

    Pairs are then targets, every segment reduction is the identity and no
    nesting or overlap can occur, so the same rules reduce to a few
    comparisons: a flow's period must lie inside the target's, a state's must
    end inside it.
    """
    n = targets.ind.shape[0]
    s, e = join.obs(sel.start), join.obs(sel.end)
    v, b = join.obs(sel.value), join.obs(sel.bound)
    ts, te = _sum_from(targets), targets.end
    flow_t = summed
    any_flow = bool(flow_t.any())
    got = e <= te + EPS_TIME
    if not any_flow:
        got &= e > targets.window + EPS_TIME
    elif flow_t.all():
        got &= s >= ts - EPS_TIME
    else:
        got &= np.where(flow_t, s >= ts - EPS_TIME, e > targets.window + EPS_TIME)
    every = bool(got.all())

    def pick(a: npt.NDArray[Any], fill: float) -> npt.NDArray[Any]:
        return a.copy() if every else np.where(got, a, fill)  # never the caller's array

    gaps = np.zeros(n, dtype=bool)
    may_grow = gaps
    if any_flow:
        # The one period summed covers less than the target's period up to its end.
        gaps = got & flow_t & ((e - s) < (e - ts) - EPS_TIME)
        may_grow = ~(v < 0) & (b != c.UPPER)
    return _Evidence(
        pos=np.arange(n, dtype=np.int64) if every else np.where(got, np.arange(n), -1),
        level=pick(v, np.nan),
        bound=pick(b, c.EXACT).astype(np.int8, copy=False),
        start=pick(s, np.nan),
        end=pick(e, np.nan),
        n_parts=got.astype(np.int64),
        gaps=gaps,
        overlap=np.zeros(n, dtype=bool),
        cumulative=np.zeros(n, dtype=bool),
        may_grow=may_grow,
    )


def _evidence_many(  # noqa: PLR0915 (one selection, read top to bottom)
    targets: TargetArrays, sel: ObservationArrays, join: _Join, summed: BoolArray
) -> _Evidence:
    """Per target, the evidence among the observation rows of its indicator.

    Summed flows (*summed*: a flow's deadline year, or its window for a
    cumulative target): the sum over the periods inside, nested periods left
    out and overlapping ones flagged. Everything else: the latest period that
    ends inside the window, the longest one if several end together; a flow
    compared with a baseline (its average annual growth) counts whole
    deadline-length periods only, not a year to date.
    """
    n = targets.ind.shape[0]
    pt, po, indptr = join.pt, join.po, join.indptr
    sum_from = _sum_from(targets)
    ts, te = sum_from[pt], targets.end[pt]
    ws = targets.window[pt]
    s, e = sel.start[po], sel.end[po]
    v = sel.value[po]
    flow_t = summed
    any_flow = bool(np.any(flow_t))
    any_state = not bool(np.all(flow_t))
    is_flow = flow_t[pt] if any_flow else np.zeros(pt.shape[0], dtype=bool)
    flow_state = (targets.measure == c.FLOW) & ~summed
    level = np.full(n, np.nan)
    bound = np.zeros(n, dtype=np.int8)
    ev_start = np.full(n, np.nan)
    ev_end = np.full(n, np.nan)
    evidence_pos = np.full(n, -1, dtype=np.int64)
    f_n = np.zeros(n, dtype=np.int64)
    f_cov = f_start = f_end = np.full(n, np.nan)
    f_neg = f_low = f_up = f_ovl = np.zeros(n, dtype=bool)

    if any_state:
        in_period = (e > ws + EPS_TIME) & (e <= te + EPS_TIME) & ~is_flow
        if flow_state.any():
            length = (targets.end - targets.start)[pt]
            in_period &= ~flow_state[pt] | ((e - s) >= length - SAME_LENGTH)
        best_end = _seg_reduce(np.maximum, np.where(in_period, e, -np.inf), indptr, -np.inf)
        best = in_period & (e >= best_end[pt] - EPS_TIME)
        first = _first_where(best, indptr)
        got = first >= 0
        fp = first[got]
        evidence_pos[got] = fp
        level[got] = v[fp]
        bound[got] = sel.bound[po[fp]]
        ev_start[got] = s[fp]
        ev_end[got] = e[fp]

    if any_flow:
        contained = is_flow & (s >= ts - EPS_TIME) & (e <= te + EPS_TIME)
        keep, overlap = _flow_keep(pt, s, e, contained)
        b = sel.bound[po]
        pos = np.arange(pt.shape[0], dtype=np.float64)
        f_sum = _seg_reduce(np.add, np.where(keep, v, 0.0), indptr, 0.0)
        f_cov = _seg_reduce(np.add, np.where(keep, e - s, 0.0), indptr, 0.0)
        f_n = _seg_reduce(np.add, keep, indptr, 0.0).astype(np.int64)
        f_end = _seg_reduce(np.maximum, np.where(keep, e, -np.inf), indptr, -np.inf)
        f_start = _seg_reduce(np.minimum, np.where(keep, s, np.inf), indptr, np.inf)
        f_neg = _seg_any(keep & (v < 0), indptr)
        f_low = _seg_any(keep & (b == c.LOWER), indptr)
        f_up = _seg_any(keep & (b == c.UPPER), indptr)
        f_ovl = _seg_any(overlap, indptr)
        last_kept = _seg_reduce(np.maximum, np.where(keep, pos, -1.0), indptr, -1.0)
        got = flow_t & (f_n > 0)
        evidence_pos[got] = last_kept[got].astype(np.int64)
        level[got] = f_sum[got]
        ev_start[got] = f_start[got]
        ev_end[got] = f_end[got]
        # A flow summed over bounds of both kinds is no bound at all (-1).
        flow_bound = np.where(
            f_low & f_up, -1, np.where(f_low, c.LOWER, np.where(f_up, c.UPPER, c.EXACT))
        )
        bound = np.where(flow_t, flow_bound, bound).astype(np.int8)
    has_flow = flow_t & (evidence_pos >= 0)
    gaps = has_flow.copy()
    if any_flow:
        gaps &= f_cov < (f_end - sum_from) - EPS_TIME * np.maximum(f_n, 1)
    return _Evidence(
        pos=evidence_pos,
        level=level,
        bound=bound,
        start=ev_start,
        end=ev_end,
        n_parts=np.where(flow_t, f_n, (evidence_pos >= 0).astype(np.int64)),
        gaps=gaps,
        overlap=f_ovl & flow_t,
        cumulative=has_flow & (f_n > 1),
        may_grow=~f_neg & ~f_up,
    )


def _flag(flags: npt.NDArray[np.int32], mask: BoolArray, bit: int) -> None:
    """Set *bit* in *flags* where *mask* holds, in place (nothing to do for an empty mask)."""
    if mask.any():
        np.bitwise_or(flags, np.int32(bit), out=flags, where=mask)


def _prepare(
    obs: ObservationArrays, as_of: float
) -> tuple[ObservationArrays, IntArray, IntArray, BoolArray]:
    """Vintage selection, then growth computed from levels where a GROWTH target needs it.

    Returns:
        Selected observations (sorted by indicator and period), their rows in
        the input, the level row a computed growth came from (-1 if none), and
        whether each row's growth was computed.
    """
    if not np.any(obs.level):
        rows = select_vintages(obs.ind, obs.start, obs.end, obs.known, as_of)
        if rows.shape[0] == obs.ind.shape[0] and np.all(rows[1:] > rows[:-1]):
            sel = obs  # every row kept, in order: no copy
        else:
            sel = ObservationArrays._make(a[rows] for a in obs)
        none = np.full(rows.shape[0], -1, dtype=np.int64)
        return sel, rows, none, np.zeros(rows.shape[0], dtype=bool)
    ind = np.where(obs.level, obs.ind, -1)
    lrows = select_vintages(ind, obs.start, obs.end, obs.known, as_of)
    growth, gbound, prev = yoy_growth(
        obs.ind[lrows], obs.start[lrows], obs.end[lrows], obs.value[lrows], obs.bound[lrows]
    )
    known_prev = np.where(prev >= 0, obs.known[lrows[np.maximum(prev, 0)]], -np.inf)
    usable = ~np.isnan(growth)
    lrows, growth, gbound = lrows[usable], growth[usable], gbound[usable]
    known = np.maximum(obs.known[lrows], known_prev[usable])
    prows = np.flatnonzero(~obs.level)
    ind2 = np.concatenate([obs.ind[prows], obs.ind[lrows]])
    start2 = np.concatenate([obs.start[prows], obs.start[lrows]])
    end2 = np.concatenate([obs.end[prows], obs.end[lrows]])
    known2 = np.concatenate([obs.known[prows], known])
    value2 = np.concatenate([obs.value[prows], growth])
    bound2 = np.concatenate([obs.bound[prows], gbound])
    computed = np.concatenate([np.zeros(prows.shape[0], bool), np.ones(lrows.shape[0], bool)])
    source = np.concatenate([prows, lrows])
    prio = (~computed).astype(np.int8)
    # Computed growth was already vintage-filtered; published rates are filtered here.
    pick = select_vintages(ind2, start2, end2, np.where(computed, -np.inf, known2), as_of, prio)
    sel = ObservationArrays(
        ind2[pick],
        start2[pick],
        end2[pick],
        known2[pick],
        value2[pick],
        bound2[pick],
        np.zeros(pick.shape[0], dtype=bool),
    )
    basis_row = np.where(computed[pick], source[pick], -1)
    rows = np.where(computed[pick], -1, source[pick])
    return sel, rows, basis_row, computed[pick]
