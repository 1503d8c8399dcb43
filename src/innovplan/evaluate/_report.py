"""``evaluate``: a whole plan assessed and rolled up, printable as a plain-text table."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from innovplan.evaluate._assess import ObservationsLike, assess_many
from innovplan.evaluate._assessments import Assessments
from innovplan.evaluate._rollup import Rollup, rollup
from innovplan.model import Plan, Status

if TYPE_CHECKING:
    from innovplan.evaluate._assessments import Assessment
    from innovplan.evaluate._rollup import RollupRow
    from innovplan.model import Tolerance

__all__ = ["PlanReport", "evaluate"]


def _width(text: str) -> int:
    # East Asian characters take two columns in a terminal.
    return sum(
        2 if "\u1100" <= ch <= "\uffdc" and not ("\u2000" <= ch <= "\u2bff") else 1 for ch in text
    )


def _cell(text: str, width: int) -> str:
    shown = 0
    out: list[str] = []
    for ch in text:
        w = _width(ch)
        if shown + w > width:
            while out and shown + 1 > width:
                shown -= _width(out.pop())
            out.append("…")
            shown += 1
            break
        out.append(ch)
        shown += w
    return "".join(out) + " " * max(0, width - shown)


def _table(rows: list[list[str]], caps: list[int]) -> list[str]:
    """Left-aligned columns two spaces apart, each as wide as its widest cell up to its cap."""
    widths = [min(cap, max((_width(r[i]) for r in rows), default=0)) for i, cap in enumerate(caps)]
    return ["  ".join(_cell(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def _target_text(a: Assessment) -> str:
    t = a.target
    if t is None:
        return "" if a.compared_with is None else f"{a.compared_with:~}"
    from innovplan.evaluate._assessments import _fmt

    value = _fmt(t.value)
    if t.upper is not None:
        value = f"[{value}, {_fmt(t.upper)}]"
    return f"{t.comparator.symbol} {value}"


def _row_cells(r: RollupRow) -> list[str]:
    parts = [
        f"{r.count(s)} {s.value.replace('_', ' ')}"
        for s in Status
        if r.count(s) or s is Status.NO_DATA
    ]
    share = "—" if r.share_achieved is None else f"{r.share_achieved:.0%}"
    score = "—" if r.mean_score is None else f"{r.mean_score:.2f}"
    binding = {True: "yes", False: "no", None: "—"}[r.binding_met]
    summary = (
        f"{r.n} targets: {', '.join(parts)}; achieved {share}, mean score {score}, "
        f"binding met {binding}"
    )
    return [r.id, r.title, summary]


@attrs.frozen(eq=False)
class PlanReport:
    """A plan's targets assessed, rolled up, and ready to print.

    ``str(report)`` is a plain-text table: one line per target (status, what
    was observed against what was promised, attainment, gap, source) then one
    line per goal, area and for the whole plan.

    Attributes:
        plan: The plan.
        assessments: One row per target, in document order.
        rollup: Per plan, goal, area and task.
        as_of: The date the evidence was replayed at (None: every release).
        forecasts: Trajectory forecasts per target, when computed (None here).
        progress: Published progress assessments per target, when computed.

    Example:
        >>> plan = Plan("p", "empty plan", start="2023-01-01", end="2023-12-31")
        >>> print(str(evaluate(plan, [])).splitlines()[0])
        empty plan — attainment (every release)
    """

    plan: Plan
    assessments: Assessments
    rollup: Rollup
    as_of: dt.date | None = None
    forecasts: Any | None = None
    progress: Any | None = None

    def __getitem__(self, target_id: str) -> Assessment:
        """The assessment of *target_id*."""
        return self.assessments[target_id]

    def explain(self) -> list[str]:
        """One line per target, as :meth:`Assessment.explain` gives it."""
        return [a.explain() for a in self.assessments]

    def __str__(self) -> str:
        when = f"as of {self.as_of}" if self.as_of else "every release"
        lines = [f"{self.plan.title.in_language('en')} — attainment ({when})", ""]
        from innovplan.evaluate._assessments import _fmt

        rows = [["id", "target", "observed", "status", "attain.", "gap", "source"]]
        for a in self.assessments:
            observed = _fmt(a.observed) if a.observed is not None else "—"
            if a.bound and a.observed is not None:
                observed = "≥ " + observed
            att = "—" if a.attainment is None else f"{a.attainment:.2f}"
            gap = "—"
            if a.gap is not None:
                gap = ("+" if float(a.gap.magnitude) >= 0 else "") + _fmt(a.gap)
            status = a.status.name + (" (early)" if a.early else "")
            src = ""
            if a.observation is not None and a.observation.source is not None:
                src = a.observation.source.title
                if a.observation.released:
                    src += f" ({a.observation.released})"
            rows.append([a.target_id, _target_text(a), observed, status, att, gap, src])
        table = _table(rows, [12, 24, 24, 18, 8, 22, 200])
        lines += [table[0], "-" * max(_width(line) for line in table), *table[1:]]
        for kind, label in (("goal", "Goals"), ("area", "Areas"), ("task", "Tasks")):
            # Areas and tasks that name no target say nothing about attainment.
            found = tuple(r for r in self.rollup.of(kind) if r.n or kind == "goal")
            if found:
                lines += ["", label, *_table([_row_cells(r) for r in found], [12, 48, 200])]
        lines += ["", "Plan", *_table([_row_cells(self.rollup.plan)], [24, 72, 200])]
        return "\n".join(lines)


def evaluate(
    plan: Plan,
    observations: ObservationsLike,
    *,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
) -> PlanReport:
    """Assess every target of *plan* and roll the results up.

    Args:
        plan: The plan.
        observations: Its evidence, every vintage, in any order.
        as_of: Replay what had been released by this date.
        tolerance: ABOUT tolerance for targets that carry none.

    Returns:
        The report; ``str()`` of it is a plain-text table.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Target
        >>> ind = Indicator("labs", "labs approved", unit="laboratory", measure=Measure.FLOW)
        >>> t = Target("T3", ind, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
        >>> plan = Plan("p", "p", start="2023-01-01", end="2023-12-31",
        ...             goals=[Goal("G1", "g", [t])])
        >>> evaluate(plan, [Observation("labs", Q_(11, "laboratory"), 2023)])["T3"].status
        <Status.ACHIEVED: 'achieved'>
    """
    res = assess_many(plan, observations, as_of=as_of, tolerance=tolerance)
    return PlanReport(plan, res, rollup(res, plan), res.as_of)
