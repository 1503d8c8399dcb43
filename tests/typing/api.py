"""Calls of the public API as users write them; mypy --strict checks this file, pytest skips it.

A change that makes one of these lines a type error breaks users' type checks.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

import innovplan
from innovplan import datasets, errors
from innovplan.evaluate import (
    Assessment,
    Assessments,
    Forecast,
    Forecasts,
    Progress,
    Progresses,
    progress_many,
)
from innovplan.model import Bound, EvidenceNote, Group, Period, Wording
from innovplan.text import parse_cell
from innovplan.units import Quantity, as_count, percentage_points

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy.typing as npt

q: Quantity = innovplan.parse_quantity("1450亿元")
q2: Quantity = innovplan.Q_(13000, "enterprise")
magnitude: float = q.to("yuan").magnitude
points: Quantity = percentage_points(innovplan.Q_(11.5, "percent"), innovplan.Q_(10, "percent"))
counted: Quantity = as_count(q2)

plan: innovplan.Plan = datasets.wuhan_2023()
target: innovplan.Target = plan.target("T8")
deadline: dt.date = target.deadline
comparator: innovplan.Comparator = target.comparator
wording: Wording = target.wording
zh: str = wording["zh"]
heavier: innovplan.Plan = plan.with_target(attrs.evolve(target, weight=2.0))
goals: tuple[innovplan.Goal, ...] = plan.goals
indicators: tuple[innovplan.Indicator, ...] = plan.indicators
note = EvidenceNote("2023-08-06", {"en": "under way"}, score=0.5)
task: innovplan.Task = attrs.evolve(plan.task("talents"), evidence=(note,))
notes: tuple[EvidenceNote, ...] = task.evidence
note_score: float | None = notes[0].score

observations: tuple[innovplan.Observation, ...] = datasets.wuhan_2023_observations()
series: innovplan.Series = innovplan.Series.sorted(
    [o for o in observations if o.indicator == "high_tech_enterprises"]
)
latest: innovplan.Series = series.latest(as_of="2023-01-29")
first: innovplan.Observation = latest[0]
period: Period = first.period
bound: Bound = first.bound
maybe: innovplan.Observation | None = series.for_period("2023-12-31")

try:
    innovplan.parse_quantity("12 furlongs")
except errors.QuantityParseError as err:
    position: int = err.position
except errors.InnovplanError:
    pass

cell: innovplan.Target | None = parse_cell(
    "〔13.5〕", row="单位GDP能源消耗降低", unit="%", column="年均/〔累计〕", year=2025
)

# Multi-year plans: windows, kinds of target, only-growing levels.
window: tuple[dt.date, dt.date] = target.window
built = innovplan.Indicator("labs_built", "labs built", unit="laboratory", measure="level",
                            only_grows=True)  # fmt: skip
grows: bool = built.only_grows
jobs = innovplan.Target("J", built, innovplan.Comparator.AT_LEAST, innovplan.Q_(5, "laboratory"),
                        "2025-12-31", basis="change")  # fmt: skip
judged: Assessment = innovplan.assess(jobs, innovplan.Q_(6, "laboratory"))
so_far: bool = judged.met_so_far
needed: Quantity | None = judged.required_rate
left: Quantity | None = judged.remaining
base: innovplan.Observation | None = judged.baseline
failed: tuple[int, ...] = judged.failed_years
covered: Period | None = judged.evidence

# Results as JSON for front ends.
report: innovplan.PlanReport = innovplan.evaluate(plan, observations, as_of="2024-04-30")
report_doc: dict[str, Any] = report.to_dict(lang="zh")
report_text: str = report.to_json(indent=None)
judged_doc: dict[str, Any] = judged.to_dict()
fc_text: str = innovplan.forecast(target, observations).to_json()
pg_doc: dict[str, Any] = innovplan.progress(target, observations).to_dict()
results_schema: dict[str, Any] = innovplan.io.results_schema()
any_doc: dict[str, Any] = innovplan.io.results_to_dict(report.assessments)

# Results as columns, and frames of them.
cols: Mapping[str, npt.NDArray[Any]] = report.assessments.columns
status_col: npt.NDArray[Any] = cols["status"]
report_cols: Mapping[str, npt.NDArray[Any]] = report.columns_in("zh")
grades: Progresses = progress_many(plan, observations)
grade: Progress = grades["T8"]
grade_rows: list[Progress] = list(grades)
ratios: npt.NDArray[np.float64] = grades.ratio
fc_row: Forecast = innovplan.forecast_many(plan, observations)[0]
frame: Any = report.to_frame(backend="polars")
table: Any = grades.to_frame(backend="pyarrow")

# Tables in: a mapping of numpy arrays (or any dataframe narwhals reads).
target_table = {
    "id": np.array(["T1"]),
    "indicator": np.array(["labs"]),
    "comparator": np.array(["at_least"]),
    "value": np.array([10.0]),
    "unit": np.array(["laboratory"]),
    "deadline": np.array(["2023-12-31"], dtype="datetime64[D]"),
    "measure": np.array(["flow"]),
}
observation_table = {"indicator": ["labs"], "period": [2023], "value": [11.0],
                     "unit": ["laboratory"]}  # fmt: skip
from_tables: Assessments = innovplan.assess_many(target_table, observation_table)
fc_tables: Forecasts = innovplan.forecast_many(target_table, observation_table)
table_report: innovplan.PlanReport = innovplan.evaluate(target_table, observation_table)

# Disaggregated indicators: groups on observations and targets.
girls: innovplan.Observation = innovplan.Observation(
    "enrolment", innovplan.Q_(97.1, "percent"), 2022, dimensions={"sex": "F"}
)
group: Group = girls.dimensions
code: str = group["sex"]
label: str = group.label("sex")
every: tuple[str, ...] = target.every
versus: Group | None = target.versus
grouped = innovplan.load_observations("x.csv", dimensions=["region"])
