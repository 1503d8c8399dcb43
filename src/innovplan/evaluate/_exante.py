"""The ex-ante view: what the trajectory said on given dates, beside what happened.

Each date replays the releases known then (``as_of``), forecasts the targets
and grades their progress; the outcome is the attainment with every release.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from innovplan._errstate import default_errstate
from innovplan.engine import ArraySeries, flatten, histories
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import _args as args
from innovplan.evaluate._assess import assess_many
from innovplan.evaluate._assessments import Assessment
from innovplan.evaluate._forecast import _check_args as _check_forecast
from innovplan.evaluate._forecast import _check_options, _forecast_histories
from innovplan.evaluate._forecasts import Forecast
from innovplan.evaluate._likelihood import IPCC_AR5, LikelihoodScale
from innovplan.evaluate._progress import Progress, _progress_histories
from innovplan.evaluate._progress import _check_args as _check_progress
from innovplan.evaluate._report import _with_trajectory
from innovplan.evaluate._status import StatusRule
from innovplan.model import Plan, Status, items_of, to_date

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from innovplan.engine import ObservationsLike

__all__ = ["ExAnte", "ExAnteRow", "ex_ante"]


@attrs.frozen
class ExAnteRow:
    """One target as seen on one date.

    Attributes:
        target_id: The target's id.
        as_of: The date replayed.
        forecast: The forecast made with the releases known then.
        progress: The progress assessment made then.
        status: The report's headline status then (attainment once decided,
            else by the status rule; see ``StatusRule``).

    Example:
        >>> from innovplan import datasets
        >>> view = ex_ante(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
        ...                ["2023-01-29"], targets=["T10"])
        >>> row = view.rows[0]
        >>> row.target_id, str(row.as_of), row.forecast.n_points
        ('T10', '2023-01-29', 7)
    """

    target_id: str
    as_of: dt.date
    forecast: Forecast
    progress: Progress
    status: Status | None = None


@attrs.frozen
class ExAnte:
    """Forecasts made on several dates and the outcomes published later; ``str()`` prints them.

    Attributes:
        plan: The plan.
        rows: One row per target and date, targets first.
        outcomes: Each target's attainment with every release.
        method: The forecast method asked for.
        level: The intervals' probability.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import ex_ante
        >>> view = ex_ante(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
        ...                ["2023-01-29"], targets=["T8"])
        >>> view["T8", "2023-01-29"].forecast.likelihood, view.outcome("T8").status
        ('likely', <Status.ACHIEVED: 'achieved'>)
    """

    plan: Plan
    rows: tuple[ExAnteRow, ...]
    outcomes: tuple[Assessment, ...]
    method: str
    level: float

    def __iter__(self) -> Iterator[ExAnteRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, key: tuple[str, dt.date | str]) -> ExAnteRow:
        target_id, day = key[0], to_date(key[1])
        for r in self.rows:
            if r.target_id == target_id and r.as_of == day:
                return r
        known = tuple(f"{r.target_id} as of {r.as_of}" for r in self.rows)
        raise UnknownIdError("row", f"{target_id} as of {day}", known)

    def outcome(self, target_id: str) -> Assessment:
        """The target's attainment with every release.

        Raises:
            UnknownIdError: The target is not in this view.
        """
        for a in self.outcomes:
            if a.target_id == target_id:
                return a
        raise UnknownIdError("target", target_id, tuple(a.target_id for a in self.outcomes))

    def __str__(self) -> str:
        from innovplan.faces import ex_ante_text

        return ex_ante_text(self)


_FUNC = "ex_ante"


def _days(dates: object) -> tuple[dt.date, ...]:
    # The dates to replay, each read as as_of is, or an error naming its position.
    items = items_of(dates)
    if items is None:
        raise args.fail(_FUNC, "dates", "a list of dates such as ['2023-01-29']", dates)
    if not items:
        raise EvaluationError("ex_ante needs at least one date")
    days = tuple(args.date(_FUNC, f"dates[{i}]", d) for i, d in enumerate(items))
    for i, day in enumerate(days):
        if day is None:
            raise args.fail(_FUNC, f"dates[{i}]", "a date such as '2023-01-29'", None)
    return days  # type: ignore[return-value]  # None refused above


def _ids(targets: object) -> tuple[str, ...]:
    # The target ids to show, each text (an unknown id is the plan's to name).
    items = items_of(targets)
    if items is None:
        raise args.fail(_FUNC, "targets", "a list of target ids such as ['T10'], or None", targets)
    for i, t in enumerate(items):
        if not isinstance(t, str):
            raise args.fail(_FUNC, f"targets[{i}]", "a target id (text)", t)
    return items


@default_errstate
def ex_ante(
    plan: Plan,
    observations: ObservationsLike,
    dates: Iterable[dt.date | str],
    *,
    targets: Iterable[str] | None = None,
    method: str = "auto",
    level: float = 0.8,
    progress_method: str = "eurostat",
    scale: LikelihoodScale = IPCC_AR5,
    status_rule: StatusRule | str = "probability",
) -> ExAnte:
    """What the trajectory said on each of *dates*, with the outcome published later.

    Args:
        plan: The plan.
        observations: Every vintage of its evidence.
        dates: The dates to replay (each as ``as_of``).
        targets: Ids of the targets to show; all by default.
        method: Forecast method.
        level: Probability of the intervals.
        progress_method: Progress method.
        scale: Words for the probabilities.
        status_rule: How the headline status of an open target is chosen
            (:class:`StatusRule` or its method's name), as in ``evaluate``.

    Returns:
        A printable :class:`ExAnte`.

    Raises:
        EvaluationError: No dates were given.
        UnknownIdError: A target id is not in the plan.

    Example:
        >>> from innovplan import datasets
        >>> view = ex_ante(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
        ...                ["2023-01-29", "2023-08-06"], targets=["T10"], method="drift")
        >>> [round(r.forecast.point.magnitude, 2) for r in view]  # drift; then H1 pro rata
        [1477.89, 2024.76]
    """
    days = _days(dates)
    chosen = plan.targets if targets is None else tuple(plan.target(t) for t in _ids(targets))
    flat = flatten(observations)
    obs = flat if isinstance(flat, ArraySeries) else tuple(flat)  # read once per date
    level = _check_forecast(method, level, _FUNC)
    _check_options(_FUNC, True, scale)  # noqa: FBT003 (within_year is not an argument here)
    thr = _check_progress(progress_method, None, None, None, "linear")
    rule = status_rule if isinstance(status_rule, StatusRule) else StatusRule(status_rule)
    per_day = []
    for day in days:
        # forecast_many and progress_many, with the histories built once for both.
        h = histories(chosen, obs, as_of=day)
        fcs = _forecast_histories(h, method, level, scale=scale)
        prog = _progress_histories(h, progress_method, thr)
        then, _ = _with_trajectory(assess_many(chosen, obs, as_of=day), prog, fcs, rule)
        per_day.append((day, fcs, prog, then.status.tolist()))
    rows = tuple(
        ExAnteRow(t.id, day, fcs[i], prog[i], status[i])
        for i, t in enumerate(chosen)
        for day, fcs, prog, status in per_day
    )
    outcomes = tuple(assess_many(chosen, obs))
    return ExAnte(plan, rows, outcomes, method, float(level))
