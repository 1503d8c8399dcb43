"""Plans: goals holding targets, areas holding tasks, and the lookups users expect."""

from __future__ import annotations

import datetime as dt
import operator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from innovplan.errors import ModelError, UnknownIdError
from innovplan.model._checks import (
    date_converter,
    optional_date_converter,
    optional_instance_of,
    shown,
    text,
    tuple_converter,
)
from innovplan.model._evidence import EvidenceNote
from innovplan.model._fields import check_id
from innovplan.model._observation import Source
from innovplan.model._target import Target, with_plan_start
from innovplan.model._wording import Wording, wording_converter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from innovplan.model._indicator import Indicator

__all__ = ["Area", "Goal", "Plan", "Task"]

_GET_ID = operator.attrgetter("id")
_GET_DEADLINE = operator.attrgetter("deadline")
_GET_INDICATOR = operator.attrgetter("indicator")
_GET_PLAN_START = operator.attrgetter("plan_start")


def _items_of(kind: type[Any]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], items: tuple[Any, ...]) -> None:
        # Items of the class itself (all of them, in a plan read from a file)
        # pass in one pass in C; a subclass or a stray item takes the loop.
        if type(items) is tuple and set(map(type, items)) <= {kind}:
            return
        for i, item in enumerate(items):
            if not isinstance(item, kind):
                owner = f"{type(instance).__name__} {getattr(instance, 'id', '')!r}"
                msg = f"expected a {kind.__name__}, got {shown(item)}"
                raise ModelError(owner, f"{attribute.name}[{i}]", msg)

    return check


@attrs.frozen
class Goal:
    """A major goal of a plan and the targets that measure it.

    Example:
        >>> Goal("G3", {"en": "industrial innovation keeps strengthening",
        ...             "zh": "产业创新能力连续增强"}).title["zh"]
        '产业创新能力连续增强'
    """

    id: str = attrs.field(validator=check_id)
    title: Wording = attrs.field(converter=wording_converter)  # type: ignore[misc]
    targets: tuple[Target, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_items_of(Target),
    )
    notes: str = attrs.field(default="", validator=text, kw_only=True)


@attrs.frozen
class Task:
    """A task of a plan: the targets it serves by id, and dated evidence of how it goes.

    A task without a number is still part of the plan: its evidence notes
    (:class:`EvidenceNote`) say, with their date and source, what was done.

    Args:
        id: A short id.
        title: The task as the plan words it, per language.
        targets: Ids of the plan's targets that measure it (often none).
        evidence: Dated, sourced statements about it, in any order.
        notes: How the task was read.

    Example:
        >>> Task("K1", "promote East Lake Science City", targets=["T1"]).targets
        ('T1',)
        >>> task = Task("K2", "build the science forum",
        ...             evidence=[EvidenceNote("2023-08-06", "under way", score=0.5)])
        >>> task.evidence[0].score
        0.5
    """

    id: str = attrs.field(validator=check_id)
    title: Wording = attrs.field(converter=wording_converter)  # type: ignore[misc]
    targets: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_items_of(str),
    )
    evidence: tuple[EvidenceNote, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_items_of(EvidenceNote),
        kw_only=True,
    )
    notes: str = attrs.field(default="", validator=text, kw_only=True)


@attrs.frozen
class Area:
    """An aspect or pillar of a plan that groups tasks ("strategic S&T forces").

    Example:
        >>> Area("A1", "accelerate the construction of the innovation centre").tasks
        ()
    """

    id: str = attrs.field(validator=check_id)
    title: Wording = attrs.field(converter=wording_converter)  # type: ignore[misc]
    tasks: tuple[Task, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_items_of(Task),
    )
    notes: str = attrs.field(default="", validator=text, kw_only=True)


def _duplicates(ids: list[str]) -> list[str]:
    if len(set(ids)) == len(ids):
        return []  # the common case, decided in C
    seen: set[str] = set()
    dup: list[str] = []
    for i in ids:
        if i in seen and i not in dup:
            dup.append(i)
        seen.add(i)
    return dup


@attrs.frozen
class Plan:
    """A published plan: goals with their targets, areas with their tasks.

    Plans are immutable: the ``with_*`` methods return changed copies.

    Args:
        id: A short id (``"wuhan-2023-sti"``).
        title: The plan's title, per language.
        start: The first day the plan covers.
        end: The last day the plan covers.
        goals: The goals, each holding its targets.
        areas: The aspects or pillars, each holding its tasks.
        released: When the plan was published.
        source: Where it was published.
        notes: What is known to be missing or how the plan was read.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> labs = Indicator("labs_approved", "national key laboratories approved",
        ...                  unit="laboratory", measure=Measure.FLOW)
        >>> t3 = Target("T3", labs, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
        >>> plan = Plan("demo", "A plan", start="2023-01-01", end="2023-12-31",
        ...             goals=[Goal("G1", "science centre", targets=[t3])])
        >>> plan.target("T3").value
        <Quantity(10, 'laboratory')>
        >>> [t.id for t in plan.targets]
        ['T3']

    Targets without a ``start`` of their own take the plan's: a five-year
    plan's targets cover its five years.

        >>> plan.target("T3").period_start
        datetime.date(2023, 1, 1)
    """

    id: str = attrs.field(validator=check_id)
    title: Wording = attrs.field(converter=wording_converter)  # type: ignore[misc]
    start: dt.date = attrs.field(converter=date_converter, kw_only=True)  # type: ignore[misc]
    end: dt.date = attrs.field(converter=date_converter, kw_only=True)  # type: ignore[misc]
    goals: tuple[Goal, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_items_of(Goal),
        kw_only=True,
    )
    areas: tuple[Area, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_items_of(Area),
        kw_only=True,
    )
    released: dt.date | None = attrs.field(
        default=None,
        converter=optional_date_converter,  # type: ignore[misc]
        kw_only=True,
    )
    source: Source | None = attrs.field(
        default=None, validator=optional_instance_of(Source, "Source('title')"), kw_only=True
    )
    notes: str = attrs.field(default="", validator=text, kw_only=True)

    def __attrs_post_init__(self) -> None:  # noqa: C901 (each rule one branch, read together)
        owner = f"Plan {self.id!r}"
        if self.end < self.start:
            raise ModelError(owner, "end", f"the plan ends ({self.end}) before it starts")
        # A plan may hold tens of thousands of targets: their fields are read
        # by map() in C, and a loop in Python runs only to name a problem.
        targets = self.targets
        target_ids = list(map(_GET_ID, targets))
        for kind, ids in (
            ("goal", list(map(_GET_ID, self.goals))),
            ("area", list(map(_GET_ID, self.areas))),
            ("task", list(map(_GET_ID, self.tasks))),
            ("target", target_ids),
        ):
            if dup := _duplicates(ids):
                raise ModelError(owner, f"{kind}s", f"duplicate {kind} ids: {', '.join(dup)}")
        if targets and min(map(_GET_DEADLINE, targets)) < self.start:
            for gi, goal in enumerate(self.goals):
                for ti, t in enumerate(goal.targets):
                    if t.deadline < self.start:
                        msg = f"deadline {t.deadline} of target {t.id!r} precedes the plan's start"
                        raise ModelError(owner, f"goals[{gi}].targets[{ti}].deadline", msg)
        self._inherit_period(targets)
        known_ids = set(target_ids)
        for ai, area in enumerate(self.areas):
            for ki, task in enumerate(area.tasks):
                for ref in task.targets:
                    if ref not in known_ids:
                        msg = f"task {task.id!r} names target {ref!r}, which the plan lacks"
                        raise ModelError(owner, f"areas[{ai}].tasks[{ki}].targets", msg)
        self._check_indicators(owner, targets)

    @staticmethod
    def _check_indicators(owner: str, targets: tuple[Target, ...]) -> None:
        """Refuse two different indicators of one id among *targets*."""
        # Targets read from one document share a few indicator objects: when
        # the distinct objects (found by identity, in C) have distinct ids,
        # no two differ; else the loop finds the first target that differs.
        used = list(map(_GET_INDICATOR, targets))
        distinct = dict(zip(map(id, used), used, strict=True))
        if len(distinct) == len({ind.id for ind in distinct.values()}):
            return
        indicators: dict[str, Indicator] = {}
        for t in targets:
            known = indicators.setdefault(t.indicator.id, t.indicator)
            if known is not t.indicator and known != t.indicator:
                msg = f"indicator {t.indicator.id!r} is defined twice, differently (see {t.id!r})"
                raise ModelError(owner, "targets", msg)

    def _inherit_period(self, targets: tuple[Target, ...]) -> None:
        """Give every target without its own start the plan's start as its window's start.

        Only the private ``plan_start`` of the targets changes, so a file
        written from the plan holds what its author wrote (round trips stay
        lossless); the goals are replaced once, while the plan is being built.
        """
        # Dates and None hash as they compare: the set holds only the plan's
        # start exactly when every target has it already (a loader sets it).
        if set(map(_GET_PLAN_START, targets)) <= {self.start}:
            return
        goals = tuple(
            attrs.evolve(
                g,
                targets=tuple(
                    t if t.plan_start == self.start else with_plan_start(t, self.start)
                    for t in g.targets
                ),
            )
            for g in self.goals
        )
        object.__setattr__(self, "goals", goals)  # still inside __init__: frozen after

    # -- lookups --------------------------------------------------------------

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target, goal by goal, in document order."""
        return tuple(t for g in self.goals for t in g.targets)

    @property
    def tasks(self) -> tuple[Task, ...]:
        """Every task, area by area."""
        return tuple(k for a in self.areas for k in a.tasks)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The distinct indicators the targets measure, in first-use order."""
        return tuple({t.indicator.id: t.indicator for t in self.targets}.values())

    def target(self, target_id: str) -> Target:
        """The target with id *target_id*.

        Raises:
            UnknownIdError: No such target; the message lists those there are.
        """
        return _find("target", target_id, self.targets)

    def goal(self, goal_id: str) -> Goal:
        """The goal with id *goal_id* (raises :class:`UnknownIdError` if none)."""
        return _find("goal", goal_id, self.goals)

    def area(self, area_id: str) -> Area:
        """The area with id *area_id* (raises :class:`UnknownIdError` if none)."""
        return _find("area", area_id, self.areas)

    def task(self, task_id: str) -> Task:
        """The task with id *task_id* (raises :class:`UnknownIdError` if none)."""
        return _find("task", task_id, self.tasks)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with id *indicator_id* (raises :class:`UnknownIdError` if none)."""
        return _find("indicator", indicator_id, self.indicators)

    def goal_of(self, target_id: str) -> Goal:
        """The goal that holds target *target_id*."""
        for g in self.goals:
            if any(t.id == target_id for t in g.targets):
                return g
        raise UnknownIdError("target", target_id, [t.id for t in self.targets])

    def tasks_of(self, target_id: str) -> tuple[Task, ...]:
        """The tasks that name target *target_id* (often none)."""
        self.target(target_id)
        return tuple(k for k in self.tasks if target_id in k.targets)

    # -- display (the faces layer renders; imported only when asked) ------------

    def _repr_html_(self) -> str:
        from innovplan.faces import plan_html

        return plan_html(self)

    def to_frame(self, *, lang: str = "en", backend: str = "pandas") -> Any:
        """One row per target: pandas (indexed by target id), polars or pyarrow.

        Needs the backend's extra (``innovplan[pandas]``, ``[polars]``, ``[arrow]``).

        Example:
            >>> from innovplan import datasets
            >>> datasets.wuhan_2023().to_frame().loc["T10", "unit"]
            'hundred_million_yuan'
        """
        from innovplan.faces import to_frame

        return to_frame(self, lang=lang, backend=backend)

    # -- functional updates ---------------------------------------------------

    def with_target(self, target: Target, *, goal: str | None = None) -> Plan:
        """Return a plan with *target* replacing the one of the same id, or added to *goal*.

        Example:
            >>> import attrs
            >>> from innovplan import datasets
            >>> plan = datasets.wuhan_2023()
            >>> t8 = attrs.evolve(plan.target("T8"), weight=2.0)
            >>> plan.with_target(t8).target("T8").weight
            2.0
        """
        owner = self.goal_of(target.id).id if goal is None else goal
        self.goal(owner)
        goals = []
        for g in self.goals:
            kept = tuple(target if t.id == target.id else t for t in g.targets)
            if g.id == owner and all(t.id != target.id for t in g.targets):
                kept = (*kept, target)
            elif g.id != owner:
                kept = tuple(t for t in kept if t.id != target.id)
            goals.append(attrs.evolve(g, targets=kept))
        return attrs.evolve(self, goals=tuple(goals))

    def without_target(self, target_id: str) -> Plan:
        """Return a plan without target *target_id* (and without task references to it)."""
        self.target(target_id)
        goals = tuple(
            attrs.evolve(g, targets=tuple(t for t in g.targets if t.id != target_id))
            for g in self.goals
        )
        areas = tuple(
            attrs.evolve(
                a,
                tasks=tuple(
                    attrs.evolve(k, targets=tuple(r for r in k.targets if r != target_id))
                    for k in a.tasks
                ),
            )
            for a in self.areas
        )
        return attrs.evolve(self, goals=goals, areas=areas)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _find(kind: str, key: str, items: Iterable[_T]) -> _T:
    pool = tuple(items)
    for item in pool:
        if item.id == key:
            return item
    raise UnknownIdError(kind, key, [i.id for i in pool])
