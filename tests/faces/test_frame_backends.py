"""to_frame for pandas, polars and pyarrow: the same values as the rows, typed as documented."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from innovplan import datasets, evaluate
from innovplan.errors import UnknownIdError
from innovplan.evaluate import assess_many, forecast_many, progress_many
from innovplan.faces import to_frame
from innovplan.model import Status

BACKENDS = ("pandas", "polars", "pyarrow")
AS_OF = "2023-08-06"


def records(frame: Any) -> list[dict[str, Any]]:
    """One dict per row, with None wherever a frame library marks a value missing."""
    if isinstance(frame, pd.DataFrame):
        rows = frame.reset_index().to_dict("records")
    elif isinstance(frame, pl.DataFrame):
        rows = frame.to_dicts()
    else:
        rows = frame.to_pylist()

    def plain(v: Any) -> Any:
        if v is None or v is pd.NA or v is pd.NaT:
            return None
        if isinstance(v, float) and math.isnan(v):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date()
        return v

    return [{k: plain(v) for k, v in row.items()} for row in rows]


def same(a: Any, b: Any) -> bool:
    if isinstance(b, float) and a is not None:
        return float(a) == pytest.approx(b, rel=1e-12)
    return bool(a == b)


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    return {
        "assessments": assess_many(plan, obs),
        "forecasts": forecast_many(plan, obs, as_of=AS_OF),
        "progresses": progress_many(plan, obs, as_of=AS_OF),
        "report": evaluate(plan, obs, as_of=AS_OF),
    }


def row_values(kind: str, result: Any, i: int) -> dict[str, Any]:
    """What the row object *result[i]* says, under the frame's column names."""
    if kind == "assessments":
        a = result[i]
        return {
            "target": a.target_id,
            "status": a.status.value,
            "met": a.met,
            "attainment": a.attainment,
            "score": a.score,
            "exceeded": a.exceeded,
        }
    if kind == "forecasts":
        f = result[i]
        point = None if f.point is None else float(f.point.to(f.point.units).magnitude)
        return {
            "target": f.target_id,
            "unclear": f.unclear,
            "method": f.method,
            "probability": f.probability,
            "likelihood": f.likelihood,
            "pace": f.pace(),
            "point": point,
        }
    if kind == "progresses":
        p = result[i]
        return {
            "target": p.target_id,
            "status": p.status.value,
            "ratio": p.ratio,
            "reason": p.reason,
        }
    a, t = result.assessments[i], result.plan.targets[i]
    return {
        "target": t.id,
        "status": a.status.value,
        "deadline": t.deadline,
        "wording": t.wording.in_language("en"),
        "met": a.met,
        "trajectory_status": result.progress[i].status.value,
    }


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kind", ["assessments", "forecasts", "progresses", "report"])
def test_each_backend_gives_the_rows_values(results: dict[str, Any], kind: str, backend: str):
    result = results[kind]
    frame = result.to_frame(backend=backend)
    rows = records(frame)
    n = len(result.assessments) if kind == "report" else len(result)
    assert len(rows) == n
    for i, row in enumerate(rows):
        for name, want in row_values(kind, result, i).items():
            assert same(row[name], want), (kind, backend, i, name, row[name], want)


@pytest.mark.parametrize("kind", ["assessments", "forecasts", "progresses", "report"])
def test_backends_agree_with_each_other(results: dict[str, Any], kind: str):
    frames = [records(results[kind].to_frame(backend=b)) for b in BACKENDS]
    names = list(frames[1][0])
    for row_pd, row_pl, row_pa in zip(*frames, strict=True):
        for name in names:
            assert same(row_pd[name], row_pl[name]), name
            assert same(row_pa[name], row_pl[name]), name


def test_types_are_the_documented_ones(results: dict[str, Any]):
    report = results["report"]
    cats = [s.value for s in Status]
    df = report.to_frame()
    assert list(df["status"].cat.categories) == cats
    assert df["met"].dtype == "boolean"
    assert str(df["deadline"].dtype).startswith("datetime64")
    plf = report.to_frame(backend="polars")
    assert plf.schema["status"] == pl.Enum(cats)
    assert plf.schema["deadline"] == pl.Date
    assert plf.schema["met"] == pl.Boolean
    assert plf.schema["probability"] == pl.Float64
    table = report.to_frame(backend="pyarrow")
    assert table.schema.field("status").type == pa.dictionary(pa.int8(), pa.string())
    assert table.schema.field("deadline").type == pa.date32()
    assert table.schema.field("wording").type == pa.string()
    assert table.column("status").chunk(0).dictionary.to_pylist() == cats


def test_plan_frames_per_backend(results: dict[str, Any]):
    plan = results["report"].plan
    pdf = plan.to_frame()
    plf = to_frame(plan, backend="polars")
    tab = to_frame(plan, backend="pyarrow")
    assert plf["target"].to_list() == list(pdf.index) == tab.column("target").to_pylist()
    assert plf["value"].to_list() == pdf["value"].tolist()


def test_unknown_backend_is_named():
    res = assess_many([], [])
    with pytest.raises(UnknownIdError, match=r"'duckdb'.*pandas, polars, pyarrow"):
        res.to_frame(backend="duckdb")
