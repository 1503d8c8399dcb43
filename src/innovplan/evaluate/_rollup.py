"""Roll-ups: from target assessments to tasks, goals, areas and the whole plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.engine import codes as c
from innovplan.errors import UnknownIdError
from innovplan.model import EvidenceNote, Nature, Plan, Status

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Sequence

    from innovplan.evaluate._assessments import Assessments

__all__ = ["Rollup", "RollupRow", "rollup"]

_ORDER = tuple(Status)


@attrs.frozen
class RollupRow:
    """A group of targets (a task, goal, area or the plan) summed up.

    Attributes:
        kind: ``"plan"``, ``"goal"``, ``"area"`` or ``"task"``.
        id: The group's id.
        title: Its title (English when there is one).
        targets: Ids of its targets; none are dropped, with data or without.
        counts: Targets per status, in ``Status`` order, zeros included.
        share_achieved: ACHIEVED targets over all targets of the group (targets
            without data count in the denominator); None for an empty group.
        mean_score: Weighted mean of the scores of targets that have one (OKR
            roll-up; weights from ``Target.weight``); None if none has.
        coverage: Share of targets with any evidence (status other than NO_DATA).
        binding_met: False if a binding target was not met, True if all were
            met, None if there are none or some are undecided.
        evidence: A task's evidence notes known on the report's date (all of
            them without one), oldest first; empty for other kinds of row.

    Example:
        >>> RollupRow("goal", "G1", "science centre", ("T1",),
        ...           tuple((s, int(s is Status.NO_DATA)) for s in Status),
        ...           0.0, None, 0.0, None).count(Status.NO_DATA)
        1
    """

    kind: str
    id: str
    title: str
    targets: tuple[str, ...]
    counts: tuple[tuple[Status, int], ...]
    share_achieved: float | None
    mean_score: float | None
    coverage: float
    binding_met: bool | None
    evidence: tuple[EvidenceNote, ...] = ()

    @property
    def n(self) -> int:
        """Number of targets."""
        return len(self.targets)

    @property
    def evidence_score(self) -> float | None:
        """The score of the latest evidence note that has one; None if none has.

        A later grade replaces an earlier one, as repeated ratings of a
        qualitative indicator do; grades are not averaged over time.

        Example:
            >>> notes = (EvidenceNote("2023-03-01", "planned", score=0.1),
            ...          EvidenceNote("2023-08-06", "half built", score=0.5),
            ...          EvidenceNote("2023-09-01", "inspected"))
            >>> row = RollupRow("task", "K1", "build it", (), (), None, None, 0.0, None,
            ...                 evidence=notes)
            >>> row.evidence_score
            0.5
        """
        scored = [e.score for e in self.evidence if e.score is not None]
        return scored[-1] if scored else None

    def count(self, status: Status) -> int:
        """Targets with *status*."""
        return dict(self.counts)[status]


@attrs.frozen
class Rollup:
    """Every roll-up row: the plan first, then goals, areas and tasks in document order.

    Example:
        >>> from innovplan.evaluate import assess_many, rollup
        >>> plan = Plan("p", "empty plan", start="2023-01-01", end="2023-12-31")
        >>> rollup(assess_many(plan), plan).plan.n
        0
    """

    rows: tuple[RollupRow, ...]

    def __iter__(self) -> Iterator[RollupRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def plan(self) -> RollupRow:
        """The row of the whole plan."""
        return self.rows[0]

    def of(self, kind: str) -> tuple[RollupRow, ...]:
        """Rows of one kind (``"goal"``, ``"area"``, ``"task"``)."""
        return tuple(r for r in self.rows if r.kind == kind)

    def get(self, kind: str, row_id: str) -> RollupRow:
        """The row of *kind* with id *row_id*.

        Raises:
            UnknownIdError: No such row.
        """
        for r in self.rows:
            if r.kind == kind and r.id == row_id:
                return r
        raise UnknownIdError(kind, row_id, [r.id for r in self.of(kind)])


def _target_rows(res: Assessments) -> dict[str, int]:
    """The row that stands for each target with one row per group: its worst group.

    A target that holds for every group is met when every group meets it, so
    a roll-up counts it once, as its worst group: one that did not meet it,
    else the lowest score, else one without data.
    """
    if res.targets.groups is None:
        return {}
    ids = np.asarray(res.ids, dtype=object)
    _, first, which = np.unique(ids, return_index=True, return_inverse=True)
    if first.shape[0] == ids.shape[0]:
        return {}
    o = res.outcome
    score = np.where(np.isnan(o.score), np.inf, o.score)
    order = np.lexsort((score, o.met != c.NOT_MET, which))
    worst = order[np.r_[True, which[order][1:] != which[order][:-1]]]
    return {str(ids[i]): int(i) for i in worst.tolist()}


def _row(
    kind: str,
    row_id: str,
    title: str,
    ids: Sequence[str],
    *,
    res: Assessments,
    weights: npt.NDArray[np.float64],
    binding: npt.NDArray[np.bool_],
) -> RollupRow:
    rows = _target_rows(res)
    idx = np.fromiter(
        (rows[t] if t in rows else res.index(t) for t in ids), dtype=np.int64, count=len(ids)
    )
    o = res.outcome
    status = o.status[idx].astype(np.int64)
    counts = np.bincount(status, minlength=len(_ORDER))
    n = idx.shape[0]
    sc = o.score[idx]
    w = weights[idx]
    scored = ~np.isnan(sc)
    wsum = float(w[scored].sum())
    mean = float((sc[scored] * w[scored]).sum() / wsum) if wsum > 0 else None
    met = o.met[idx][binding[idx]]
    if met.size == 0:
        binding_met: bool | None = None
    elif np.any(met == c.NOT_MET):
        binding_met = False
    elif np.all(met == c.MET):
        binding_met = True
    else:
        binding_met = None
    return RollupRow(
        kind=kind,
        id=row_id,
        title=title,
        targets=tuple(ids),
        counts=tuple((s, int(k)) for s, k in zip(_ORDER, counts.tolist(), strict=True)),
        share_achieved=float(counts[c.ACHIEVED] / n) if n else None,
        mean_score=mean,
        coverage=float((status != c.NO_DATA).sum() / n) if n else 0.0,
        binding_met=binding_met,
    )


def _known(notes: Sequence[EvidenceNote], as_of: dt.date | None) -> tuple[EvidenceNote, ...]:
    # Oldest first; a note dated after the report's date was not known then.
    kept = (e for e in notes if as_of is None or e.date <= as_of)
    return tuple(sorted(kept, key=lambda e: e.date))


def rollup(assessments: Assessments, plan: Plan) -> Rollup:
    """Sum up assessments per plan, goal, area and task.

    A task's row also carries its evidence notes dated on or before the
    assessments' ``as_of`` (every note when that is None), oldest first.

    Args:
        assessments: Assessments of (at least) every target of *plan*.
        plan: The plan whose structure groups the targets.

    Returns:
        The plan row, then one row per goal, area and task.

    Raises:
        UnknownIdError: A target of the plan was not assessed.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.evaluate import assess_many
        >>> from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Target
        >>> ind = Indicator("labs", "labs approved", unit="laboratory", measure=Measure.FLOW)
        >>> t = Target("T3", ind, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
        >>> plan = Plan("p", "p", start="2023-01-01", end="2023-12-31",
        ...             goals=[Goal("G1", "g", [t])])
        >>> r = rollup(assess_many(plan, [Observation("labs", Q_(11, "laboratory"), 2023)]), plan)
        >>> r.get("goal", "G1").share_achieved
        1.0
    """
    tc = assessments.targets
    n = len(tc)
    weights = np.ones(n)
    binding = np.zeros(n, dtype=bool)
    if tc.targets is not None:
        weights = np.fromiter((t.weight for t in tc.targets), dtype=np.float64, count=n)
        binding = np.fromiter((t.nature is Nature.BINDING for t in tc.targets), dtype=bool, count=n)

    def title(w: object) -> str:
        return str(getattr(w, "in_language", lambda _lang: str(w))("en"))

    rows = [
        _row(
            "plan",
            plan.id,
            title(plan.title),
            [t.id for t in plan.targets],
            res=assessments,
            weights=weights,
            binding=binding,
        )
    ]
    rows.extend(
        _row(
            "goal",
            g.id,
            title(g.title),
            [t.id for t in g.targets],
            res=assessments,
            weights=weights,
            binding=binding,
        )
        for g in plan.goals
    )
    for a in plan.areas:
        ids = list(dict.fromkeys(r for k in a.tasks for r in k.targets))
        rows.append(
            _row(
                "area", a.id, title(a.title), ids, res=assessments, weights=weights, binding=binding
            )
        )
    rows.extend(
        attrs.evolve(
            _row(
                "task",
                k.id,
                title(k.title),
                list(k.targets),
                res=assessments,
                weights=weights,
                binding=binding,
            ),
            evidence=_known(k.evidence, assessments.as_of),
        )
        for k in plan.tasks
    )
    return Rollup(tuple(rows))
