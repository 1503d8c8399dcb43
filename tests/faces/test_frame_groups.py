"""Frames of assessments over groups carry a column per dimension."""

from __future__ import annotations

from innovplan import Q_, assess_many
from innovplan.model import Indicator, Observation, Target


def test_assessment_frames_have_the_dimension_columns() -> None:
    enrol = Indicator("enrol", "enrolment", unit="percent", measure="share")
    t = Target("G", enrol, "at_least", Q_(95, "percent"), "2022-12-31", every=["sex", "region"])
    total = Target("T", enrol, "at_least", Q_(95, "percent"), "2022-12-31")
    obs = [
        Observation("enrol", Q_(v, "percent"), 2022, dimensions={"sex": s, "region": r})
        for s, r, v in [("F", "X", 96), ("M", "X", 94), ("F", "Y", 97)]
    ] + [Observation("enrol", Q_(95.5, "percent"), 2022)]
    df = assess_many([t, total], obs).to_frame()
    assert list(df.columns[:2]) == ["region", "sex"]
    assert df.index.tolist() == ["G", "G", "G", "T"]
    # Rows in code order of (region, sex): X/F 96, X/M 94, Y/F 97; then the total, 95.5.
    assert df["region"].tolist() == ["X", "X", "Y", ""]
    assert df["sex"].tolist() == ["F", "M", "F", ""]
    assert df["met"].tolist() == [True, False, True, True]


def test_report_and_forecast_frames_have_a_row_per_group() -> None:
    from innovplan import evaluate, forecast_many
    from innovplan.model import Goal, Plan

    rate = Indicator("rate", "completion rate", unit="percent", measure="share")
    t = Target("S", rate, "at_least", Q_(99, "percent"), "2025-12-31", every="sex")
    obs = [
        Observation("rate", Q_(90 + k, "percent"), f"{2015 + k}-12-31", dimensions={"sex": s})
        for s in "FM"
        for k in range(8)
    ]
    fc = forecast_many([t], obs).to_frame()
    assert fc["sex"].tolist() == ["F", "M"]
    plan = Plan("p", "P", start="2021-01-01", end="2025-12-31", goals=[Goal("g", "G", [t])])
    df = evaluate(plan, obs).to_frame()
    assert df.index.tolist() == ["S", "S"]
    assert df["sex"].tolist() == ["F", "M"]
    assert df["comparator"].tolist() == ["at_least", "at_least"]
