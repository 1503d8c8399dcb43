"""``evaluate``: a whole plan assessed and rolled up, printable as a plain-text table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from innovplan._errstate import default_errstate
from innovplan.evaluate._assessments import Assessments, _unit_name
from innovplan.evaluate._forecasts import Forecasts, _blank
from innovplan.evaluate._likelihood import IPCC_AR5, LikelihoodScale
from innovplan.evaluate._progress import Progresses
from innovplan.evaluate._rollup import Rollup, rollup
from innovplan.evaluate._rows import LazyColumns, texts
from innovplan.evaluate._status import Disagreements, StatusRule, _as_grade, headlines
from innovplan.model import Plan, Status
from innovplan.units import format_quantity

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from innovplan.evaluate._assess import ObservationsLike
    from innovplan.evaluate._assessments import Assessment
    from innovplan.evaluate._cells import TableLike
    from innovplan.evaluate._notes import Note
    from innovplan.evaluate._rows import Maker
    from innovplan.model import Observation, Source, Target, Tolerance

# Statuses a trajectory may replace: the result is not decided.
_OPEN = (Status.PENDING, Status.NO_DATA)

__all__ = ["PlanReport", "evaluate"]


@attrs.frozen(eq=False)
class PlanReport:
    """A plan's targets assessed, rolled up, and ready to print.

    ``str(report)`` is a plain-text table: one line per target (status, what
    was observed against what was promised, attainment, gap, source), then
    the trajectory of every target whose deadline period is not observed
    (forecast, interval, probability and its word, progress), then one line
    per goal, area (those with tasks) and task, each task followed by its
    evidence notes, and one for the whole plan.

    Attributes:
        plan: The plan.
        assessments: One row per target, in document order. A target whose
            deadline period is not observed (PENDING or NO_DATA) carries the
            status of its progress assessment when that could be made.
        rollup: Per plan, goal, area and task.
        as_of: The date the evidence was replayed at (None: every release).
        forecasts: Trajectory forecasts per target, in document order (None
            when *forecast_method* was None).
        progress: Progress assessments per target, in document order.
        attainment: Each target's status from attainment alone, before the
            trajectory replaced PENDING and NO_DATA.
        status_rule: The rule that gave open targets their headline status.
        disagreements: Per target, one line on why the headline status and
            the progress method's grade differ (None where they agree or the
            target is decided); a sequence whose lines are written when read.

    Example:
        >>> plan = Plan("p", "empty plan", start="2023-01-01", end="2023-12-31")
        >>> print(str(evaluate(plan, [])).splitlines()[0])
        empty plan — attainment (every release)
    """

    plan: Plan
    assessments: Assessments
    rollup: Rollup
    as_of: dt.date | None = None
    forecasts: Forecasts | None = None
    progress: Progresses | None = None
    attainment: tuple[Status, ...] | None = None
    status_rule: StatusRule | None = None
    disagreements: Sequence[str | None] | None = None
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False)

    @property
    def disagreement_notes(self) -> tuple[Note | None, ...] | None:
        """:attr:`disagreements` as codes with their figures, for a face to say in its language.

        ``note.text()`` is the line; None where there is no line, or for
        disagreements given as plain text.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
            ...                   as_of="2023-01-29")
            >>> report.disagreement_notes[report.assessments.index("T10")].code.value
            'rate_enough'
        """
        d = self.disagreements
        if d is None:
            return None
        if isinstance(d, Disagreements):
            return tuple(d.note(i) for i in range(len(d)))
        return tuple(None for _ in d)

    def disagreement_note(self, i: int) -> Note | None:
        """Row *i* of :attr:`disagreement_notes`, without the other rows.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> report.disagreement_note(0) is None
            True
        """
        d = self.disagreements
        return d.note(i) if isinstance(d, Disagreements) else None

    def _with_goal(self) -> PlanReport:
        """For a table of targets, the report with its rows as the one goal of its plan.

        The faces walk a plan's goals; a table is a flat plan, so they see its
        targets as one goal, ``"targets"`` (the model objects are made here,
        for printing, not when the table was read).
        """
        rows = self.assessments.targets.targets
        if self.plan.goals or rows is None or len(rows) == 0:
            return self
        made: PlanReport | None = self._cache.get("with_goal")
        if made is None:
            # Made once: its columns, kept in its own cache, then serve every frame.
            from innovplan.model import Goal

            goal = Goal("targets", self.plan.title, list(rows))
            made = attrs.evolve(self, plan=attrs.evolve(self.plan, goals=(goal,)))
            self._cache["with_goal"] = made
        return made

    def __getitem__(self, target_id: str) -> Assessment:
        """The assessment of *target_id*."""
        return self.assessments[target_id]

    def _repr_html_(self) -> str:
        from innovplan.faces import report_html

        return report_html(self._with_goal())

    def to_dict(self, *, lang: str = "en") -> dict[str, Any]:
        """This PlanReport as a JSON-ready dict (``innovplan.io.results_to_dict``).

        Quantities are ``{"value": ..., "unit": ...}``, dates ISO text, enums
        their values; a number that is not finite is None. The dict validates
        against ``innovplan.io.results_schema()``.

        Args:
            lang: The language of titles, wordings and indicator names.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
            ...                   as_of="2024-04-30")
            >>> doc = report.to_dict()
            >>> t10 = next(row for row in doc["targets"] if row["target"] == "T10")
            >>> t10["target"], t10["status"], t10["assessment"]["observed"]["value"]
            ('T10', 'achieved', 2198.43)
        """
        from innovplan.io import results_to_dict

        return results_to_dict(self._with_goal(), lang=lang)

    def to_json(self, *, lang: str = "en", indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (``innovplan.io.results_to_json``).

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
            ...                   as_of="2024-04-30")
            >>> import json
            >>> doc = json.loads(report.to_json())
            >>> t10 = next(row for row in doc["targets"] if row["target"] == "T10")
            >>> t10["target"], t10["status"], t10["assessment"]["observed"]["value"]
            ('T10', 'achieved', 2198.43)
        """
        from innovplan.io import results_to_json

        return results_to_json(self._with_goal(), lang=lang, indent=indent)

    def to_frame(self, *, lang: str = "en", backend: str = "pandas") -> Any:
        """:meth:`columns_in` as a data frame: pandas (indexed by target id), polars or pyarrow.

        Needs the backend's extra (``innovplan[pandas]``, ``[polars]``,
        ``[arrow]``); column names and types: ``docs/reference/results.md``.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> report.to_frame().loc["T8", "status"]
            'achieved'
        """
        from innovplan.faces import to_frame

        # The frame is made of columns_in(lang): a table's plan columns come from its arrays.
        return to_frame(self, lang=lang, backend=backend)

    @property
    def columns(self) -> Mapping[str, npt.NDArray[Any]]:
        """:meth:`columns_in` English.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> report.columns["status"][8], str(report.columns["deadline"][8])
            ('achieved', '2023-12-31')
        """
        return self.columns_in("en")

    def columns_in(self, lang: str) -> Mapping[str, npt.NDArray[Any]]:
        """Every column by name, one row per target in document order; texts in *lang*.

        The plan's columns (goal, tasks, indicator, comparator, value, unit,
        deadline, wording, ...), the assessment's (the headline ``status``),
        ``attainment_status``, the evidence's source and release, and for
        targets whose result is open the forecast, its probability and word,
        the published progress grade (``trajectory_*``), the ``pace`` and the
        ``status_rule`` with ``status_why``; names and types in
        ``docs/reference/results.md``.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
            ...                   as_of="2023-08-06")
            >>> cols = report.columns_in("zh")
            >>> cols["status"][8], cols["attainment_status"][8], cols["likelihood"][8]
            ('on_track', 'no_data', 'likely')
        """
        cache: dict[str, Mapping[str, npt.NDArray[Any]]] = self._cache
        if lang not in cache:
            cache[lang] = _report_columns(self, lang)
        return cache[lang]

    def explain(self) -> list[str]:
        """One line per target: :meth:`Assessment.explain`, or for an open target its headline.

        A target whose result is still open reads its headline status, the
        probability and the rule behind it, and, where the progress method's
        grade differs, why.

        Example:
            >>> from innovplan import datasets
            >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
            ...                   as_of="2023-01-29")
            >>> print(report.explain()[report.assessments.index("T10")])  # doctest: +ELLIPSIS
            T10 MODERATE: P = 0.60 of > 1,450亿元 by 2023-12-31 (probability rule: ...
        """
        lines = [a.explain() for a in self.assessments]
        if self.forecasts is None or self.progress is None or self.status_rule is None:
            return lines

        on, moderate, limited = self.status_rule.bands
        bands = f"on track from {on:g}, moderate from {moderate:g}"
        if limited > 0:
            bands += f", limited from {limited:g}"
        # The pace of every row written at once, as the report's pace column.
        paces = self.forecasts.columns["pace"]
        for i in self.open_rows():
            a, f, p = self.assessments[i], self.forecasts[i], self.progress[i]
            t = f.target
            what = (
                f"{t.comparator.symbol} {format_quantity(t.value)} by {t.deadline}"
                if t
                else "the target"
            )
            prob = "no probability" if f.probability is None else f"P = {f.probability:.2f}"
            line = f"{a.target_id} {a.status.name}: {prob} of {what} ({self.status_rule.method}"
            line += f" rule: {bands})" if self.status_rule.method == "probability" else " rule)"
            if paces[i]:
                line += f"; {paces[i]}"
            why = None if self.disagreements is None else self.disagreements[i]
            if why:
                line += f"; {why}"
            elif p.status is not Status.NO_DATA and f.probability is None:
                line += f"; {p.method}'s grade, as there is no probability"
            elif p.status is not Status.NO_DATA:
                line += f"; {p.method} agrees"
            lines[i] = line
        return lines

    def __str__(self) -> str:
        from innovplan.faces import report_text

        return report_text(self._with_goal())

    def open_rows(self) -> list[int]:
        """Rows whose deadline period is not observed and that have a trajectory."""
        if self.forecasts is None or self.progress is None or self.attainment is None:
            return []
        unclear = self.forecasts.unclear.tolist()
        # The grades' column, not a Progress row per unclear target.
        grades = self.progress.status
        return [
            i
            for i, s in enumerate(self.attainment)
            if s in _OPEN and (not unclear[i] or grades[i] is not Status.NO_DATA)
        ]

    def status(self, target_id: str) -> Status:
        """The target's status: attainment, or its trajectory while not observed.

        Example:
            >>> plan = Plan("p", "empty plan", start="2023-01-01", end="2023-12-31")
            >>> evaluate(plan, []).forecasts is not None
            True
        """
        return self.assessments[target_id].status


def _plan_columns(plan: Plan, lang: str) -> dict[str, Callable[[], npt.NDArray[Any]]]:
    """The plan's columns of each target, in document order."""
    pairs = [(goal, t) for goal in plan.goals for t in goal.targets]
    ts = [t for _, t in pairs]
    tasks = {t.id: [k.id for k in plan.tasks if t.id in k.targets] for t in ts}

    def upper(t: Target) -> float:
        return np.nan if t.upper is None else float(t.upper.to(t.value.units).magnitude)

    return {
        "target": lambda: texts(t.id for t in ts),
        "goal": lambda: texts(g.id for g, _ in pairs),
        "goal_title": lambda: texts(g.title.in_language(lang) for g, _ in pairs),
        "tasks": lambda: texts(",".join(tasks[t.id]) for t in ts),
        "indicator": lambda: texts(t.indicator.id for t in ts),
        "indicator_name": lambda: texts(t.indicator.name.in_language(lang) for t in ts),
        "measure": lambda: texts(t.measure.value for t in ts),
        "direction": lambda: texts(t.indicator.direction.value for t in ts),
        "comparator": lambda: texts(t.comparator.value for t in ts),
        "value": lambda: np.array([float(t.value.magnitude) for t in ts], dtype=np.float64),
        "upper": lambda: np.array([upper(t) for t in ts], dtype=np.float64),
        "unit": lambda: texts(_unit_name(t.value.units) for t in ts),
        "basis": lambda: texts(t.basis.value for t in ts),
        "deadline": lambda: np.array([t.deadline for t in ts], dtype="datetime64[D]"),
        "nature": lambda: texts(t.nature.value for t in ts),
        "weight": lambda: np.array([float(t.weight) for t in ts], dtype=np.float64),
        "wording": lambda: texts(t.wording.in_language(lang) for t in ts),
    }


def _plan_makers(report: PlanReport, lang: str) -> dict[str, Callable[[], npt.NDArray[Any]]]:
    """The plan's columns of a report: a table's straight from its arrays."""
    from innovplan.evaluate._tables import TableTargets

    rows = report.assessments.targets.targets
    if not report.plan.goals and isinstance(rows, TableTargets):
        return rows.plan_columns(report.plan.title, lang)
    return _plan_columns(report._with_goal().plan, lang)  # noqa: SLF001 (its own class)


def _taken(
    make: Callable[[], npt.NDArray[Any]], rows: npt.NDArray[np.int64]
) -> Callable[[], npt.NDArray[Any]]:
    return lambda: np.asarray(make())[rows]


def _plan_columns_by_row(
    report: PlanReport, lang: str
) -> dict[str, Callable[[], npt.NDArray[Any]]]:
    """The plan's columns, one row per result row.

    A target that holds for every group has a row per group: the plan's
    columns repeat for each of its rows.
    """
    makers = _plan_makers(report, lang)
    res = report.assessments
    if res.targets.groups is None:
        return makers
    at = {t.id: k for k, t in enumerate(t for g in report.plan.goals for t in g.targets)}
    rows = np.fromiter((at[i] for i in res.ids), dtype=np.int64, count=len(res))
    return {name: _taken(make, rows) for name, make in makers.items()}


def _evidence(res: Assessments) -> Callable[[], list[Observation | None]]:
    """Each row's evidence as ``res.observation_of(i)`` reads it, made when first asked for.

    One object per observation, however many targets were judged on it.
    """
    evidence: list[Observation | None] = []

    def observed() -> list[Observation | None]:
        if not evidence and len(res):
            made: dict[int, Observation | None] = {}

            def at(row: int) -> Observation | None:
                if row not in made:
                    made[row] = res._observation(row)  # noqa: SLF001 (the results' own package)
                return made[row]

            o = res.outcome
            for row, basis in zip(o.row.tolist(), o.basis_row.tolist(), strict=True):
                got = at(row)
                evidence.append(at(basis) if got is None and basis >= 0 else got)
        return evidence

    return observed


def _report_columns(report: PlanReport, lang: str) -> LazyColumns:
    """See :meth:`PlanReport.columns_in`."""
    res = report.assessments
    n = len(res)
    makers: dict[str, Maker] = {**_plan_columns_by_row(report, lang)}
    # Assessments' columns are always LazyColumns (typed as a Mapping publicly).
    own = cast("LazyColumns", res.columns)

    # The assessments' own makers, so coded columns (status, met, units) stay
    # coded and the frame builders take their codes.
    makers.update({name: own.maker(name) for name in own if name != "target"})
    observed = _evidence(res)

    def sources() -> list[Source | None]:
        return [o.source if o is not None else None for o in observed()]

    attainment = report.attainment
    fcs, prog, rule, why = (
        report.forecasts,
        report.progress,
        report.status_rule,
        report.disagreements,
    )
    shown = np.zeros(n, dtype=bool)
    shown[report.open_rows()] = True
    text_none = texts([""] * n)

    def empty(blank: object) -> npt.NDArray[Any]:
        return np.full(n, np.nan) if isinstance(blank, float) else texts([blank] * n)

    def forecast(name: str, blank: object) -> Callable[[], npt.NDArray[Any]]:
        if fcs is None:
            return lambda: empty(blank)
        return lambda: _blank(fcs.columns[name], ~shown, blank)

    def grade(name: str, blank: object) -> Callable[[], npt.NDArray[Any]]:
        if prog is None:
            return lambda: empty(blank)
        return lambda: prog.columns[name]

    makers.update({
        "attainment_status": lambda: (
            own["status"] if attainment is None else texts(s.value for s in attainment)
        ),
        "source": lambda: texts(s.title if s is not None else "" for s in sources()),
        "source_url": lambda: texts(s.url if s is not None else "" for s in sources()),
        "released": lambda: np.array(
            [o.released if o is not None else None for o in observed()], dtype="datetime64[D]"
        ),
        "forecast": forecast("point", np.nan),
        "forecast_lower": forecast("lower", np.nan),
        "forecast_upper": forecast("upper", np.nan),
        "forecast_unit": forecast("unit", ""),
        "forecast_level": forecast("level", np.nan),
        "probability": forecast("probability", np.nan),
        "likelihood": forecast("likelihood", None),
        "forecast_method": forecast("method", ""),
        "trajectory_method": grade("method", ""),
        "trajectory_status": grade("status", ""),
        "trajectory_ratio": grade("ratio", np.nan),
        "pace": forecast("pace", ""),
        "status_rule": lambda: (
            text_none if rule is None else np.where(shown, rule.method, "").astype(object)
        ),
        "status_why": lambda: (
            text_none if why is None
            else why.texts() if isinstance(why, Disagreements)
            else texts(w or "" for w in why)
        ),
    })  # fmt: skip
    return LazyColumns(makers)


def _with_trajectory(
    res: Assessments, progress: Progresses, fcs: Forecasts, rule: StatusRule
) -> tuple[Assessments, Disagreements]:
    """Give every open target its headline status by *rule*; the disagreements.

    Column by column (:func:`headlines`); the line on a disagreement is
    written when it is read.
    """
    status = res.outcome.status
    prob = np.where(fcs.unclear, np.nan, fcs.probability).astype(np.float64)
    grades = progress.status
    codes = headlines(rule, status, prob, grades)
    # A line where the headline changed and the published grade is another one.
    order = list(Status)
    graded = np.array(
        [-1 if (g := _as_grade(s)) is None else order.index(g) for s in order], dtype=np.int64
    )
    grade_codes = graded[np.array([order.index(s) for s in grades.tolist()], dtype=np.int64)]
    rows = (codes != status) & (grade_codes >= 0) & (grade_codes != codes)
    out = attrs.evolve(res, outcome=res.outcome._replace(status=codes))
    return out, Disagreements(rule, codes, rows, fcs, progress)


@default_errstate
def evaluate(
    plan: Plan | TableLike,
    observations: ObservationsLike | TableLike,
    *,
    as_of: dt.date | str | None = None,
    tolerance: Tolerance | None = None,
    forecast_method: str | None = "auto",
    level: float = 0.8,
    progress_method: str = "eurostat",
    scale: LikelihoodScale = IPCC_AR5,
    status_rule: StatusRule | str = "probability",
) -> PlanReport:
    """Assess every target of *plan*, add its trajectory, and roll the results up.

    For every target whose result is still open (PENDING or NO_DATA), the
    report adds the forecast at the deadline with its probability and
    likelihood word, and the progress assessment, and gives it one headline
    status by *status_rule*: by default the band of the probability of
    meeting the target (ON_TRACK from 0.66, MODERATE from 0.33, else
    LIMITED), the progress method's grade where there is no probability.
    The grade stays beside it (``report.progress``), and never is a target
    ON_TRACK with a probability under one half.

    Args:
        plan: The plan, or a table of targets (``docs/tables.md``): a flat
            plan, whose roll-up is one row, ``"plan"``, over every target,
            and which the faces show as one goal, ``"targets"``.
        observations: Its evidence, every vintage, in any order: model
            objects as for :func:`assess_many`, or a table of observations.
        as_of: Replay what had been released by this date.
        tolerance: ABOUT tolerance for targets that carry none.
        forecast_method: Forecast method (see ``innovplan.evaluate.METHODS``);
            None for attainment alone.
        level: Probability of the forecast intervals.
        progress_method: Progress method (see
            ``innovplan.evaluate.PROGRESS_METHODS``).
        scale: Words for the probabilities.
        status_rule: A :class:`StatusRule`, or its method's name
            (``"probability"`` or ``"progress"``).

    Returns:
        The report; ``str()`` of it is a plain-text table.

    Raises:
        UnknownIdError: An unknown method or status rule.

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
    from innovplan.engine import (
        assess_columns,
        column_histories,
        frac_year,
        select_observations,
        with_other_flows,
    )
    from innovplan.evaluate import _args as args
    from innovplan.evaluate._cells import as_table
    from innovplan.evaluate._forecast import _check_args as _check_forecast
    from innovplan.evaluate._forecast import _check_options, _forecast_histories
    from innovplan.evaluate._progress import _check_args as _check_progress
    from innovplan.evaluate._progress import _progress_histories
    from innovplan.evaluate._tables import (
        TARGETS,
        columns,
        flat_plan,
        flat_rollup,
        raw_observations,
        unique_ids,
    )

    func = "evaluate"
    # Errors in a table given as the plan name the argument, as other arguments' do.
    table = None if isinstance(plan, Plan) else as_table(plan, f"{TARGETS} (argument plan)")
    if table is None and not isinstance(plan, Plan):
        raise args.fail(func, "plan", "a Plan or a table of targets", plan)
    if forecast_method is not None:
        level = _check_forecast(forecast_method, level, func)
        _check_options(func, True, scale)  # noqa: FBT003 (within_year is not an argument here)
    thr = _check_progress(progress_method, None, None, None, "linear", func)
    as_of = args.date(func, "as_of", as_of)
    tolerance = args.tolerance(func, tolerance)
    rule = status_rule if isinstance(status_rule, StatusRule) else StatusRule(status_rule)
    # Columns and the vintage selection are made once, for attainment and trajectories.
    tc, oc = columns(func, plan if table is None else table, observations, tolerance)
    when = np.nan if as_of is None else frac_year(as_of)
    prepared = select_observations(oc, when)
    with np.errstate(over="ignore", invalid="ignore"):
        # Overflow is expected on extreme inputs; assess_columns turns it into no verdict.
        res = Assessments(tc, oc, assess_columns(tc, oc, when, prepared=prepared), as_of)
    if table is not None:
        unique_ids(table, tc)
        plan = flat_plan(tc)
    assert isinstance(plan, Plan)  # noqa: S101 (checked or made above)

    def roll(res: Assessments) -> Rollup:
        return rollup(res, plan) if table is None else flat_rollup(res, plan)

    if forecast_method is None:
        return PlanReport(plan, res, roll(res), res.as_of)
    # forecast_many and progress_many, with the histories built once for both
    # from the columns the assessment built.
    h = column_histories(tc, oc, as_of=as_of, prepared=prepared)
    # A year-to-date figure without past shares of its own borrows other flows'.
    h = with_other_flows(h, raw_observations(func, observations))
    fcs = _forecast_histories(h, forecast_method, level, scale=scale)
    prog = _progress_histories(h, progress_method, thr)
    attainment = tuple(res.status.tolist())
    res, why = _with_trajectory(res, prog, fcs, rule)
    return PlanReport(plan, res, roll(res), res.as_of, fcs, prog, attainment, rule, why)
