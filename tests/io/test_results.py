"""Results as JSON: every result kind follows results_schema(), and the figures are right."""

from __future__ import annotations

import datetime as dt
import json
import math
import pickle
from typing import TYPE_CHECKING, Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innovplan import datasets, evaluate
from innovplan.errors import InnovplanError
from innovplan.evaluate import assess, assess_many, forecast, forecast_many, progress
from innovplan.io import results_schema, results_to_dict, results_to_json
from innovplan.testing import evidence, plans

if TYPE_CHECKING:
    from innovplan.model import Observation, Plan

SCHEMA = results_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
AS_OF = ("2023-08-06", "2024-04-30")  # the half-year review; after the 2023 outcomes


def _valid(doc: dict[str, Any], definition: str) -> None:
    """*doc* follows the whole schema and, within it, the definition of its kind."""
    VALIDATOR.validate(doc)
    one = {"$schema": SCHEMA["$schema"], "$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}
    jsonschema.Draft202012Validator(one, format_checker=jsonschema.FormatChecker()).validate(doc)


def _strict_json(doc: dict[str, Any]) -> str:
    # allow_nan=False: NaN and infinity are not JSON; the documents never hold them.
    return json.dumps(doc, allow_nan=False, ensure_ascii=False)


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("as_of", AS_OF)
def test_every_result_kind_of_the_wuhan_plan_follows_the_schema(as_of: str) -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    report = evaluate(plan, obs, as_of=as_of)
    t10 = plan.target("T10")
    mine = [o for o in obs if o.indicator == t10.indicator.id]
    cases = [
        (report, "PlanReport"),
        (assess_many(plan, obs, as_of=as_of), "Assessments"),
        (assess(t10, mine, as_of=as_of), "Assessment"),
        (forecast_many(plan, obs, as_of=as_of), "Forecasts"),
        (forecast(t10, mine, as_of=as_of), "Forecast"),
        (progress(t10, mine, as_of=as_of), "Progress"),
    ]
    for result, definition in cases:
        doc = result.to_dict()
        _valid(doc, definition)
        assert json.loads(result.to_json()) == doc
        assert results_to_dict(result) == doc
        _strict_json(doc)
    # Every per-target result inside the report follows its own definition too.
    for row in report.to_dict()["targets"]:
        _valid(row["assessment"], "Assessment")
        if row["forecast"] is not None:
            _valid(row["forecast"], "Forecast")


def test_t10_after_the_2023_outcome_by_hand() -> None:
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of="2024-04-30")
    doc = report.to_dict()
    assert doc["kind"] == "report"
    assert doc["plan"] == "wuhan-2023-sti"
    assert doc["as_of"] == "2024-04-30"
    (row,) = (r for r in doc["targets"] if r["target"] == "T10")
    # 技术合同成交额突破1450亿元: more than 1,450亿元 in 2023.
    assert row["comparator"] == "more_than"
    assert row["value"] == {"value": 1450, "unit": "hundred_million_yuan"}
    assert row["deadline"] == "2023-12-31"
    a = row["assessment"]
    # 《2023年武汉知识产权发展与保护状况》, released 2024-04-26 (before the as-of
    # date): "2023年,武汉市技术合同成交额达2198.43亿元".
    assert a["observed"] == {"value": 2198.43, "unit": "hundred_million_yuan"}
    assert a["observation"]["period"] == "2023"
    assert a["observation"]["released"] == "2024-04-26"
    assert "2198.43亿元" in a["observation"]["source"]["quote"]
    # attainment = 2198.43 / 1450 = 1.516159 (to 6 places); gap = 2198.43 - 1450 = 748.43
    assert a["attainment"] == pytest.approx(1.516159, abs=5e-7)
    assert a["gap"]["unit"] == "hundred_million_yuan"
    assert a["gap"]["value"] == pytest.approx(748.43, abs=1e-9)
    assert a["status"] == row["status"] == row["attainment_status"] == "achieved"
    assert a["met"] is True
    # The deadline's year is observed: the report shows no forecast for it.
    assert row["forecast"] is None
    assert row["status_rule"] is None


def test_t10_at_the_half_year_review_by_hand() -> None:
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of="2023-08-06")
    (row,) = (r for r in report.to_dict()["targets"] if r["target"] == "T10")
    a, f = row["assessment"], row["forecast"]
    # Half-year review, released 2023-08-06: "上半年技术合同成交额1004.06亿元".
    assert a["observed"] == {"value": 1004.06, "unit": "hundred_million_yuan"}
    assert a["observation"]["period"] == "2023-H1"
    assert row["attainment_status"] == "pending"
    # Pro rata temporis: 1 Jan to 30 Jun is 181 of 365 days, so the year's
    # turnover is 1004.06 * 365 / 181 = 2024.7619 亿元.
    assert f["method"] == "ytd-pro-rata"
    assert f["point"]["unit"] == "hundred_million_yuan"
    assert f["point"]["value"] == pytest.approx(1004.06 * 365 / 181, rel=1e-9)
    assert f["point"]["value"] == pytest.approx(2024.7619, abs=5e-5)
    # From 2022's 1,357.41亿元 the target needs 1450 / 1357.41 - 1 = 6.821 % growth.
    assert f["required_growth"] == pytest.approx(0.06821, abs=5e-6)
    assert f["level"] == 0.8
    assert f["lower"]["value"] < f["point"]["value"] < f["upper"]["value"]
    # The headline is the band of P(met) under the probability rule.
    assert row["status_rule"] == "probability"
    assert f["probability"] > 0.66
    assert row["status"] == "on_track"


def test_an_undefined_number_is_null_with_its_reason() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    # As of 1990 none of the turnover figures (2013 on) was known: the forecast
    # of T10 has no point, no interval and no probability, and says why.
    fc = forecast(plan.target("T10"), obs, as_of="1990-01-01")
    doc = fc.to_dict()
    assert fc.unclear
    assert doc["point"] is None
    assert doc["probability"] is None
    assert fc.n_points == 0
    assert doc["reason"] == fc.reason == "no observation of the indicator applies"
    _valid(doc, "Forecast")
    assert "NaN" not in fc.to_json()


def test_report_texts_follow_the_language() -> None:
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
    zh = json.loads(report.to_json(lang="zh"))
    t10 = next(r for r in zh["targets"] if r["target"] == "T10")
    assert t10["wording"] == "技术合同成交额突破1450亿元"
    assert t10["indicator_name"] == "技术合同成交额"
    assert zh["lang"] == "zh"
    # Written as is, not as \\u escapes: a front end shows the file's own text.
    assert "技术合同成交额突破1450亿元" in report.to_json(lang="zh")


def test_report_rollup_counts_add_up() -> None:
    plan = datasets.wuhan_2023()
    report = evaluate(plan, datasets.wuhan_2023_observations())
    doc = report.to_dict()
    plan_row = doc["rollup"][0]
    assert plan_row["kind"] == "plan"
    assert plan_row["n"] == len(plan.targets) == sum(plan_row["counts"].values())
    # The plan's counts are its target rows' statuses, counted.
    for status, n in plan_row["counts"].items():
        assert n == sum(row["status"] == status for row in doc["targets"])
    assert plan_row["counts"]["achieved"] >= 6  # T3, T8, T9, T10, T17, T21 were published met


def test_anything_else_is_refused_by_name() -> None:
    with pytest.raises(InnovplanError, match="got Plan") as info:
        results_to_dict(datasets.wuhan_2023())
    assert isinstance(info.value, TypeError)
    with pytest.raises(InnovplanError, match="Assessment, Assessments, Forecast"):
        results_to_json(42)
    error = pickle.loads(pickle.dumps(info.value))
    assert str(error) == str(info.value)
    # A value inside a result that has no JSON form is named with its field.
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    fc = forecast(plan.target("T10"), obs, as_of="2023-08-06")
    with pytest.raises(InnovplanError, match="field 'points' holds a value of type object"):
        results_to_dict(attrs.evolve(fc, points=(object(),)))


@st.composite
def _plans_with_evidence(draw: st.DrawFn) -> tuple[Plan, list[Observation], dt.date | None]:
    plan = draw(plans(max_goals=2, max_targets=3, max_areas=1, max_tasks=2))
    inds = list({t.indicator.id: t.indicator for t in plan.targets}.values())
    obs = draw(evidence(indicators=inds, max_size=10)) if inds else []
    as_of = draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2060, 1, 1)))
    return plan, obs, as_of


# Generated values reach 1e307; the kernels overflow on them (their results are
# NaN or infinite), which is exactly what the documents must write as null.
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plans_with_evidence())
def test_every_report_of_a_generated_plan_follows_the_schema(
    case: tuple[Plan, list[Observation], dt.date | None],
) -> None:
    plan, obs, as_of = case
    report = evaluate(plan, obs, as_of=as_of)
    doc = report.to_dict()
    _valid(doc, "PlanReport")
    text = report.to_json()
    assert json.loads(text) == doc
    assert [r["target"] for r in doc["targets"]] == [t.id for t in plan.targets]
    for row, a in zip(doc["targets"], report.assessments, strict=True):
        assert row["assessment"]["status"] == a.status.value
        # A finite attainment is written as is; an undefined one as null.
        if a.attainment is None or not math.isfinite(a.attainment):
            assert row["assessment"]["attainment"] is None
        else:
            assert row["assessment"]["attainment"] == a.attainment
    _valid(report.assessments.to_dict(), "Assessments")
    if report.forecasts is not None:
        _valid(report.forecasts.to_dict(), "Forecasts")
    for p in report.progress or ():
        _valid(p.to_dict(), "Progress")
