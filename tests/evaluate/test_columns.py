"""Results as columns: rows read from them equal the objects, element by element."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innovplan import Q_, datasets
from innovplan.errors import UnknownIdError
from innovplan.evaluate import (
    Assessment,
    Assessments,
    Forecasts,
    PlanReport,
    Progresses,
    assess_many,
    evaluate,
    forecast,
    forecast_many,
    progress,
    progress_many,
)
from innovplan.model import (
    Comparator,
    Indicator,
    Measure,
    Observation,
    Period,
    Plan,
    Status,
    Target,
)
from innovplan.testing import evidence, plans

LABS = Indicator("labs", "labs approved", unit="laboratory", measure=Measure.FLOW)
FIRMS = Indicator("firms", "firms", unit="enterprise", measure=Measure.LEVEL)


def _series(values: dict[int, float]) -> list[Observation]:
    return [Observation("firms", Q_(v, "enterprise"), y) for y, v in values.items()]


def _same(column_value: Any, row_value: Any) -> bool:
    """A column's element and a row's field agree (NaN in a column is None in a row)."""
    if row_value is None:
        return column_value is None or (
            isinstance(column_value, float) and math.isnan(column_value)
        )
    if isinstance(row_value, float):
        return float(column_value) == pytest.approx(row_value, rel=1e-12, nan_ok=True)
    return bool(column_value == row_value)


def _magnitude(q: Any, unit: str) -> float | None:
    return None if q is None else float(q.to(unit).magnitude)


def check_assessments(res: Assessments) -> None:
    cols = {name: col.tolist() for name, col in res.columns.items()}
    assert all(len(col) == len(res) for col in cols.values())
    for i, a in enumerate(res):
        assert cols["target"][i] == a.target_id
        assert cols["status"][i] == a.status.value
        assert cols["met"][i] is a.met
        for name in ("attainment", "score", "progress"):
            assert _same(cols[name][i], getattr(a, name)), (name, i)
        for name in ("exceeded", "early", "met_so_far"):
            assert cols[name][i] is getattr(a, name), (name, i)
        assert _same(cols["observed"][i], _magnitude(a.observed, cols["observed_unit"][i]))
        assert _same(cols["gap"][i], _magnitude(a.gap, cols["gap_unit"][i]))
        assert _same(cols["required_rate"][i], _magnitude(a.required_rate, "percent"))


def check_forecasts(fcs: Forecasts) -> None:
    cols = {name: col.tolist() for name, col in fcs.columns.items()}
    for i, f in enumerate(fcs):
        assert cols["target"][i] == f.target_id
        assert cols["unclear"][i] is f.unclear
        assert cols["method"][i] == f.method
        assert cols["level"][i] == f.level
        assert _same(cols["probability"][i], f.probability)
        assert cols["likelihood"][i] == f.likelihood
        assert cols["basis"][i] == f.basis
        assert cols["needed_in"][i] == f.needed_in
        assert cols["pace"][i] == f.pace()
        assert cols["needed_unit"][i] == ("" if f.needed is None else str(f.needed.units))
        assert _same(cols["needed"][i], None if f.needed is None else float(f.needed.magnitude))
        if not f.unclear:
            for name in ("point", "lower", "upper"):
                assert _same(cols[name][i], _magnitude(getattr(f, name), cols["unit"][i]))
        assert _same(cols["required_growth"][i], f.required_growth)
        assert _same(cols["actual_growth"][i], f.actual_growth)


def check_progresses(grades: Progresses) -> None:
    cols = {name: col.tolist() for name, col in grades.columns.items()}
    for i, p in enumerate(grades):
        assert cols["target"][i] == p.target_id
        assert cols["method"][i] == p.method
        assert cols["status"][i] == p.status.value
        assert cols["reason"][i] == p.reason
        for name in ("ratio", "current_status", "actual_rate", "required_rate"):
            assert _same(cols[name][i], getattr(p, name)), (name, i)
        if p.status is not Status.NO_DATA:
            assert _same(cols["score"][i], p.score)
        assert _same(cols["goal"][i], _magnitude(p.goal, cols["unit"][i]))
        assert _same(cols["projected"][i], _magnitude(p.projected, cols["unit"][i]))


def check_report(report: PlanReport) -> None:
    check_assessments(report.assessments)
    cols = report.columns
    assert cols["target"].tolist() == [t.id for t in report.plan.targets]
    assert cols["status"].tolist() == [a.status.value for a in report.assessments]
    if report.forecasts is None or report.progress is None:
        return
    check_forecasts(report.forecasts)
    check_progresses(report.progress)
    open_rows = set(report.open_rows())
    for i in range(len(report.assessments)):
        f, p = report.forecasts[i], report.progress[i]
        assert cols["trajectory_status"][i] == p.status.value
        if i in open_rows:
            assert _same(cols["probability"][i], f.probability)
            assert cols["forecast_method"][i] == f.method
            assert cols["pace"][i] == f.pace()
        else:
            assert math.isnan(cols["probability"][i])
            assert cols["forecast_method"][i] == ""


# -- rows built from columns are the objects the batch used to build eagerly -----------


def test_assessment_row_is_the_hand_checked_object() -> None:
    t3 = Target("T3", LABS, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
    seen = Observation("labs", Q_(11, "laboratory"), 2023)
    res = assess_many([t3], [seen])
    # 11 labs against at least 10: attainment 11 / 10 = 1.1, score min(1, 1.1) = 1,
    # gap 11 - 10 = +1 laboratory; the 2023 total is the whole evidence.
    expected = Assessment(
        target_id="T3",
        status=Status.ACHIEVED,
        met=True,
        attainment=pytest.approx(1.1),  # type: ignore[arg-type]
        score=1.0,
        gap=Q_(1.0, "laboratory"),
        observed=Q_(11.0, "laboratory"),
        compared_with=Q_(10.0, "laboratory"),
        observation=seen,
        evidence=Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        target=t3,
    )
    assert res[0] == expected
    assert res["T3"] == expected
    assert list(res) == [expected]


def test_forecast_row_is_the_hand_checked_drift() -> None:
    # 100, 110, ..., 140 in 2018-2022: the drift is +10 a year, so 2024 reads
    # 140 + 2 * 10 = 160; to reach 150 needs (150 - 140) / 2 = 5 a year, and the
    # mean change of the last four intervals is (140 - 100) / 4 = 10 a year.
    obs = _series({2018: 100, 2019: 110, 2020: 120, 2021: 130, 2022: 140})
    t = Target("X", FIRMS, Comparator.AT_LEAST, Q_(150, "enterprise"), "2024-12-31")
    f = forecast_many([t], obs, method="drift")[0]
    assert f.point == Q_(160.0, "enterprise")
    assert f.required_rate == Q_(5.0, "enterprise / year")
    assert f.actual_rate == Q_(10.0, "enterprise / year")
    assert f.required_growth == pytest.approx((150 / 140) ** 0.5 - 1)
    assert f.actual_growth == pytest.approx((140 / 100) ** 0.25 - 1)
    assert f.latest == obs[-1]
    assert f == forecast(t, obs, method="drift")


def test_needed_column_is_in_the_unit_it_names() -> None:
    # Physicians per 1,000 people: 3.0 in 2022 against at least 3.2 at the end
    # of 2025, window from 2021: 2023-2025 remain, each needs
    # (3.2 - 3.0) / 3 = 0.0667 per 1,000 people. The engine holds the ratio in
    # percent (0.3 %); the column is in the unit needed_unit names, as the row.
    doctors = Indicator("doctors", "physicians per 1,000 people", unit="person / thousand_person",
                        measure=Measure.LEVEL)  # fmt: skip
    t = Target("D", doctors, Comparator.AT_LEAST, Q_(3.2, doctors.unit), "2025-12-31",
               start="2021-01-01")  # fmt: skip
    obs = [Observation("doctors", Q_(v, doctors.unit), y) for y, v in [(2021, 2.95), (2022, 3.0)]]
    fcs = forecast_many([t], obs, method="drift")
    cols = fcs.columns
    assert cols["needed_unit"].tolist() == ["person / thousand_person / year"]
    assert cols["needed"][0] == pytest.approx(0.2 / 3)
    assert fcs[0].needed == Q_(cols["needed"][0], "person / thousand_person / year")
    assert (
        cols["pace"][0]
        == fcs[0].pace()
        == (
            "3 person / thousand_person in 2022; +0.07 person / thousand_person a year needed in "
            "2023–2025"
        )
    )


def test_progress_row_is_the_hand_checked_eurostat_grade() -> None:
    # Eurostat: observed CAGR (121 / 100) ** (1 / 4) - 1 = 4.881 % over
    # 2018-2022, required (150 / 100) ** (1 / 7) - 1 = 5.963 % from 2018 to 2025;
    # ratio 0.8185 lies between 0.6 and 0.95: moderate progress.
    obs = _series({2018: 100, 2020: 110, 2022: 121})
    t = Target("Y", FIRMS, Comparator.AT_LEAST, Q_(150, "enterprise"), "2025-12-31")
    grades = progress_many([t], obs)
    p = grades[0]
    assert p.status is Status.MODERATE
    assert p.ratio == pytest.approx((1.21**0.25 - 1) / (1.5 ** (1 / 7) - 1))
    assert (p.base, p.latest) == (obs[0], obs[-1])
    assert p.goal == Q_(150.0, "enterprise")
    assert p == progress(t, obs)
    assert grades.columns["status"].tolist() == ["moderate"]


def test_rows_of_a_batch_equal_the_objects_of_one_target_each() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    fcs = forecast_many(plan, obs, as_of="2023-08-06")
    grades = progress_many(plan, obs, as_of="2023-08-06")
    for i, t in enumerate(plan.targets):
        assert fcs[i] == forecast(t, obs, as_of="2023-08-06")
        assert grades[i] == progress(t, obs, as_of="2023-08-06")


# -- columns -------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["2023-01-29", "2023-08-06", None])
def test_columns_of_the_wuhan_report_equal_its_rows(as_of: str | None) -> None:
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of=as_of)
    check_report(report)


def test_columns_are_read_only_and_unknown_names_are_named() -> None:
    res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
    with pytest.raises(ValueError, match="read-only"):
        res.columns["score"][0] = 2.0
    with pytest.raises(UnknownIdError, match=r"scor'.*score"):
        res.columns["scor"]


def test_report_columns_in_chinese_differ_only_in_texts() -> None:
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
    en, zh = report.columns_in("en"), report.columns_in("zh")
    assert list(en) == list(zh)
    assert zh["wording"][10] == "技术合同成交额突破1450亿元"
    assert np.array_equal(en["value"], zh["value"])


def test_empty_results_have_empty_columns() -> None:
    assert all(len(col) == 0 for col in assess_many([], []).columns.values())
    assert all(len(col) == 0 for col in progress_many([], []).columns.values())
    assert list(progress_many([], [])) == []


@st.composite
def _plans_with_evidence(draw: st.DrawFn) -> tuple[Plan, list[Observation], dt.date | None]:
    plan = draw(plans(max_goals=2, max_targets=3, max_areas=0))
    inds = list({t.indicator.id: t.indicator for t in plan.targets}.values())
    obs: list[Observation] = draw(evidence(indicators=inds, max_size=12)) if inds else []
    as_of = draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2060, 1, 1)))
    return plan, obs, as_of


# Generated values reach 1e307; the kernels' overflow on them is not what this
# property is about (their results are NaN, in the columns and the rows alike).
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plans_with_evidence())
def test_every_column_equals_its_rows_for_generated_plans(
    case: tuple[Plan, list[Observation], dt.date | None],
) -> None:
    plan, obs, as_of = case
    check_report(evaluate(plan, obs, as_of=as_of))
