"""Plans and results as rows of plain values: the common ground of frames, CSV and JSON.

Each function returns a list of dicts with the same keys in the same order,
holding only ``str``, ``float`` (NaN for "none"), ``bool``, ``None``, ``int``
and ``datetime.date``: pandas, the ``csv`` module and ``json`` all take them.
Objects are read by their attributes, so results built by later versions of
:mod:`innovplan.evaluate` work as long as those attributes stay.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from innovplan.model import Status

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from innovplan.evaluate import Assessments, Forecasts, PlanReport, Rollup
    from innovplan.model import Observation, Plan
    from innovplan.units import Quantity

__all__ = [
    "assessment_rows",
    "columns_of",
    "forecast_rows",
    "jsonable",
    "observation_rows",
    "plan_rows",
    "report_rows",
    "rollup_rows",
    "rows_of",
    "shown_forecasts",
]

Row = dict[str, Any]
NAN = float("nan")


def _mag(q: Quantity | None, unit: object = None) -> float:
    if q is None:
        return NAN
    if unit is not None and q.units != unit:
        q = q.to(unit)  # type: ignore[arg-type]
    return float(q.magnitude)


def _f(x: object) -> float:
    return NAN if x is None else float(x)  # type: ignore[arg-type]


def plan_rows(plan: Plan, lang: str = "en") -> list[Row]:
    """One row per target: where it sits in the plan and what it promises.

    Example:
        >>> from innovplan import datasets
        >>> row = plan_rows(datasets.wuhan_2023())[10]
        >>> row["target"], row["goal"], row["comparator"], row["value"], row["unit"]
        ('T10', 'G3', 'more_than', 1450.0, 'hundred_million_yuan')
    """
    rows: list[Row] = []
    tasks = {t.id: [k.id for k in plan.tasks if t.id in k.targets] for t in plan.targets}
    for goal in plan.goals:
        for t in goal.targets:
            unit = t.value.units
            rows.append({
                "target": t.id,
                "goal": goal.id,
                "goal_title": goal.title.in_language(lang),
                "tasks": ",".join(tasks[t.id]),
                "indicator": t.indicator.id,
                "indicator_name": t.indicator.name.in_language(lang),
                "measure": t.measure.value,
                "direction": t.indicator.direction.value,
                "comparator": t.comparator.value,
                "value": _mag(t.value),
                "upper": _mag(t.upper, unit),
                "unit": str(unit),
                "basis": t.basis.value,
                "deadline": t.deadline,
                "nature": t.nature.value,
                "weight": float(t.weight),
                "wording": t.wording.in_language(lang),
            })  # fmt: skip
    return rows


def rows_of(columns: Mapping[str, Any]) -> list[Row]:
    """Columns as rows of plain Python values (dates for ``datetime64``, None for NaT).

    Example:
        >>> import numpy as np
        >>> rows_of({"target": np.array(["T1"], dtype=object), "score": np.array([0.5])})
        [{'target': 'T1', 'score': 0.5}]
    """
    names = list(columns)
    values = [columns[name].tolist() for name in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


_DATES = frozenset({"deadline", "released", "period_start", "period_end"})
_FLOATS = frozenset({"value", "upper", "weight"})


def columns_of(rows: list[Row], names: Iterable[str]) -> dict[str, Any]:
    """Rows of plain values as numpy columns: dates as ``datetime64[D]``, numbers as floats.

    Example:
        >>> import datetime as dt
        >>> cols = columns_of([{"target": "T1", "deadline": dt.date(2025, 12, 31)}],
        ...                   ["target", "deadline"])
        >>> cols["deadline"].dtype, cols["target"].tolist()
        (dtype('<M8[D]'), ['T1'])
    """
    import numpy as np

    out: dict[str, Any] = {}
    for name in names:
        values = [r[name] for r in rows]
        if name in _DATES:
            out[name] = np.array(values, dtype="datetime64[D]")
        elif name in _FLOATS:
            out[name] = np.array(values, dtype=np.float64)
        else:
            col = np.empty(len(values), dtype=object)
            col[:] = values
            out[name] = col
    return out


def assessment_rows(assessments: Assessments) -> list[Row]:
    """One row per assessed target: ``assessments.columns`` row by row.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import assess_many
        >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> row = assessment_rows(res)[8]
        >>> row["target"], row["status"], row["met"], round(row["attainment"], 2)
        ('T8', 'achieved', True, 1.12)
    """
    return rows_of(assessments.columns)


def forecast_rows(forecasts: Forecasts) -> list[Row]:
    """One row per forecast target: ``forecasts.columns`` row by row.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast_many
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> row = forecast_rows(forecast_many([plan.target("T8")], obs, as_of="2023-01-29"))[0]
        >>> row["method"], row["unit"], row["unclear"]
        ('combined', 'enterprise', False)
    """
    return rows_of(forecasts.columns)


def shown_forecasts(report: PlanReport) -> list[Any]:
    """Per result row (per target in document order, per group), the forecast shown, or None.

    A forecast is shown where the deadline's period is not observed
    (``PlanReport.open_rows``); the tables, the HTML and the plots all use this.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> [f is not None for f in shown_forecasts(evaluate(plan, obs, as_of="2023-08-06"))][8]
        True
        >>> any(shown_forecasts(evaluate(plan, obs)))
        False
    """
    forecasts = getattr(report, "forecasts", None)
    open_rows = set(report.open_rows()) if hasattr(report, "open_rows") else set()
    return [
        forecasts[i] if forecasts is not None and i in open_rows else None
        for i in range(len(report.assessments))
    ]


def report_rows(report: PlanReport, lang: str = "en") -> list[Row]:
    """One row per target of a report: ``report.columns_in(lang)`` row by row.

    ``status`` is the report's headline status (for a target whose result is
    still open, by the report's status rule: ``status_rule``, with
    ``status_why`` saying why the published grade differs),
    ``attainment_status`` the status from attainment alone. The ``forecast_*``,
    ``likelihood`` and ``pace`` columns are filled for targets whose result is
    open; ``trajectory_*`` holds the published progress grade (``eurostat`` by
    default).

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
        ...                   as_of="2023-08-06")
        >>> row = report_rows(report)[8]
        >>> row["target"], row["status"], row["attainment_status"], row["likelihood"]
        ('T8', 'on_track', 'no_data', 'likely')
        >>> row["trajectory_status"], row["status_rule"]  # the published grade beside it
        ('on_track', 'probability')
    """
    return rows_of(report.columns_in(lang))


def rollup_rows(rollup: Rollup) -> list[Row]:
    """One row per plan, goal, area and task: counts per status, the shares, evidence notes.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> row = rollup_rows(report.rollup)[0]
        >>> row["kind"], row["n"], row["achieved"], row["no_data"]
        ('plan', 22, 6, 16)
    """
    out: list[Row] = []
    for r in rollup:
        row: Row = {"kind": r.kind, "id": r.id, "title": r.title, "n": r.n}
        row.update({s.value: r.count(s) for s in Status})
        row["share_achieved"] = _f(r.share_achieved)
        row["mean_score"] = _f(r.mean_score)
        row["coverage"] = float(r.coverage)
        row["binding_met"] = r.binding_met
        row["evidence_notes"] = len(r.evidence)
        row["evidence_score"] = _f(r.evidence_score)
        out.append(row)
    return out


def observation_rows(observations: Iterable[Observation]) -> list[Row]:
    """One row per observation, in the long format of ``load_observations(fmt="csv")``.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Observation
        >>> row = observation_rows([Observation("hte", Q_(14500, "enterprise"), "2023-12-31")])[0]
        >>> row["period_start"], row["value"], row["unit"], row["bound"]
        (datetime.date(2023, 12, 31), 14500.0, 'enterprise', 'exact')
    """
    return [
        {
            "indicator": o.indicator,
            "period_start": o.period.start,
            "period_end": o.period.end,
            "value": float(o.value.magnitude),
            "unit": str(o.value.units),
            "released": o.released,
            "bound": o.bound.value,
            "source": o.source.title if o.source is not None else "",
            "source_url": o.source.url if o.source is not None else "",
            "source_quote": o.source.quote if o.source is not None else "",
            "status": o.status,
            "note": o.note,
        }
        for o in observations
    ]


def jsonable(value: object) -> object:
    """*value* with NaN as ``None`` and dates as ISO text, recursively.

    Example:
        >>> import datetime as dt
        >>> jsonable({"a": float("nan"), "b": [dt.date(2023, 12, 31), 1.5]})
        {'a': None, 'b': ['2023-12-31', 1.5]}
    """
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
