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
