import datetime as dt

import numpy as np
import pandas as pd
import pytest

from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.evaluate import assess_many, forecast_many
from innovplan.faces import (
    observations_from_frame,
    observations_to_frame,
    rollup_frame,
    to_frame,
)
from innovplan.model import Bound, Observation, Source


def test_plan_frame_has_one_row_per_target(plan):
    df = to_frame(plan)
    assert list(df.index) == [t.id for t in plan.targets]
    assert df.index.name == "target"
    row = df.loc["T12"]
    assert (row["goal"], row["comparator"], row["value"], row["unit"]) == (
        "G3",
        "about",
        11.0,
        "percent",
    )
    assert row["measure"] == "share"
    assert row["deadline"] == pd.Timestamp("2023-12-31")
    assert np.isnan(row["upper"])


def test_plan_frame_in_chinese_uses_chinese_wording(plan):
    assert to_frame(plan, lang="zh").loc["T10", "wording"] == "技术合同成交额突破1450亿元"


def test_assessments_frame(plan, observations):
    df = to_frame(assess_many(plan, observations))
    assert df.loc["T10", "status"] == "achieved"
    assert df["met"].dtype == "boolean"
    assert df.loc["T10", "met"]
    assert pd.isna(df.loc["T1", "met"])
    assert df.loc["T17", "gap_unit"] == "percentage_point"
    assert df["status"].cat.categories[0] == "achieved"


def test_forecasts_frame(plan, observations):
    df = to_frame(forecast_many(plan, observations, as_of="2023-01-29"))
    t8 = df.loc["T8"]
    assert not t8["unclear"]
    assert t8["lower"] < t8["point"] < t8["upper"]
    assert 0 <= t8["probability"] <= 1
    assert isinstance(t8["likelihood"], str)
    assert df.loc["T13", "unclear"]
    assert pd.isna(df.loc["T13", "likelihood"])


def test_report_frame_joins_plan_status_sources_and_trajectory(midyear):
    df = to_frame(midyear)
    t8 = df.loc["T8"]
    assert t8["status"] == "on_track"  # P(met) above 0.66 with the 2022 bound as a floor
    assert t8["trajectory_status"] == "on_track"  # eurostat's grade, beside it
    assert t8["attainment_status"] == "no_data"
    assert isinstance(t8["likelihood"], str)
    assert t8["forecast_unit"] == "enterprise"
    t3 = df.loc["T3"]
    assert t3["source"].startswith("Half-year review")
    assert t3["released"] == pd.Timestamp("2023-08-06")
    assert pd.isna(t3["probability"])  # decided: no trajectory shown


def test_rollup_frame(report):
    df = rollup_frame(report)
    assert df.loc[("plan", "wuhan-2023-sti"), "n"] == 22
    assert df.loc[("goal", "G3"), "achieved"] == 3


def test_to_frame_refuses_other_objects():
    with pytest.raises(TypeError, match="Plan, Assessments, Forecasts, Progresses or a PlanReport"):
        to_frame(42)


def test_observations_round_trip(observations):
    df = observations_to_frame(observations)
    assert len(df) == len(observations)
    assert str(df["period_start"].dtype).startswith("datetime64")
    back = observations_from_frame(df)
    assert back == observations


def test_observations_round_trip_keeps_bounds_sources_and_missing_release():
    obs = (
        Observation("hte", Q_(12000, "enterprise"), "2022-12-31", bound=Bound.AT_LEAST,
                    source=Source("report", url="https://example.org/r", quote="超过1.2万家")),
        Observation("turnover", Q_(1004.06, "亿元"), "2023-H1", released="2023-08-06", note="H1"),
    )  # fmt: skip
    assert observations_from_frame(observations_to_frame(obs)) == obs


def test_observations_from_frame_takes_text_periods_and_dates():
    df = pd.DataFrame({
        "indicator": ["gdp_growth", "hte"],
        "period": ["2023", None],
        "period_start": [None, dt.date(2023, 12, 31)],
        "value": ["5.7", 14500],
        "unit": ["percent", "enterprise"],
    })  # fmt: skip
    a, b = observations_from_frame(df)
    assert str(a.period) == "2023"
    assert a.value == Q_(5.7, "percent")
    assert b.period.is_instant
    assert b.value == Q_(14500, "enterprise")


def test_bad_rows_are_named_with_their_column():
    df = pd.DataFrame(
        {"indicator": ["a", "b", "c"], "period": ["2023", "2023", "2023"],
         "value": [1.0, "many", float("nan")], "unit": ["yuan", "yuan", "zorkmid"]},
        index=["first", "second", "third"],
    )  # fmt: skip
    with pytest.raises(DocumentError) as info:
        observations_from_frame(df)
    paths = [p.path for p in info.value.problems]
    assert "row second.value" in paths
    assert "row third.value" in paths
    assert any(p.startswith("row third.unit") for p in paths)
    assert "data frame" in str(info.value)


def test_bad_columns_are_named():
    df = pd.DataFrame({"indicator": ["a"], "perod": ["2023"], "value": [1.0]})
    with pytest.raises(DocumentError) as info:
        observations_from_frame(df)
    text = str(info.value)
    assert "column 'perod': unknown column" in text
    assert "column 'unit': the column is missing" in text


def test_a_time_of_day_is_refused():
    df = pd.DataFrame({"indicator": ["a"], "period_start": [pd.Timestamp("2023-12-31 12:00")],
                       "value": [1.0], "unit": ["yuan"]})  # fmt: skip
    with pytest.raises(DocumentError, match=r"row 0\.period_start"):
        observations_from_frame(df)
