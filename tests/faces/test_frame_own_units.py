"""Frames show each value in the unit its row shows: a dimensionless 6.0 is 6.0, not 600 percent.

The engine holds every dimensionless indicator in percent; rows give results
back in the indicator's own unit, and so do the frames of assessments and
forecasts. Each case is a (indicator unit, target value, observed value)
triple with the numbers worked out by hand in the unit the indicator is in.
"""

from __future__ import annotations

import pytest

from innovplan import Q_
from innovplan.evaluate import assess_many, forecast_many
from innovplan.model import Indicator, Observation, Target

# (indicator unit, target, observation in 2023, shown unit, observed, gap, gap unit)
ASSESS_CASES = [
    # A ratio that is not a share: 6.0 against at least 5.0, gap 6 - 5 = 1.
    ("dimensionless", (5.0, "dimensionless"), (6.0, "dimensionless"),
     "dimensionless", 6.0, 1.0, "dimensionless"),
    # The target written in percent: 500 % = 5.0; the gap is still 6 - 5 = 1.
    ("dimensionless", (500.0, "percent"), (6.0, "dimensionless"),
     "dimensionless", 6.0, 1.0, "dimensionless"),
    # A percent indicator stays in percent: 6.0 = 600 %, gap 600 - 500 = 100 points.
    ("percent", (500.0, "percent"), (6.0, "dimensionless"),
     "percent", 600.0, 100.0, "percentage_point"),
    ("percent", (5.0, "dimensionless"), (600.0, "percent"),
     "percent", 600.0, 100.0, "percentage_point"),
    # Permille: 0.6 % = 6 ‰ against 5 ‰, gap 1 ‰.
    ("permille", (5.0, "permille"), (0.6, "percent"),
     "permille", 6.0, 1.0, "permille"),
    # Physicians per 1,000 people: 3.5 against 3.2, gap 0.3.
    ("person / thousand_person", (3.2, "person / thousand_person"),
     (3.5, "person / thousand_person"),
     "person / thousand_person", 3.5, 0.3, "person / thousand_person"),
    # A plain count is never in percent: 12 against 10, gap 2.
    ("laboratory", (10.0, "laboratory"), (12.0, "laboratory"),
     "laboratory", 12.0, 2.0, "laboratory"),
    # Percent written "%" or "per cent" is percent: 45 % against 40 %, a gap of
    # 45 - 40 = 5 percentage points, shown as the registry names them.
    ("%", (40.0, "%"), (45.0, "%"),
     "percent", 45.0, 5.0, "percentage_point"),
    ("per cent", (40.0, "percent"), (45.0, "per cent"),
     "percent", 45.0, 5.0, "percentage_point"),
    # Permille written "‰": 6 ‰ against 5 ‰, gap 1 ‰, as for "permille".
    ("‰", (5.0, "‰"), (6.0, "‰"),
     "permille", 6.0, 1.0, "permille"),
    # 人/千人 is person per thousand persons: 3.5 against 3.2, gap 0.3.
    ("人/千人", (3.2, "人/千人"), (3.5, "人/千人"),
     "person / thousand_person", 3.5, 0.3, "person / thousand_person"),
]  # fmt: skip


def _assessed(unit, target, observed):
    ind = Indicator("r", "ratio", unit=unit, measure="level")
    t = Target("T", ind, "at_least", Q_(*target), "2023-12-31")
    return assess_many([t], [Observation("r", Q_(*observed), 2023)])


@pytest.mark.parametrize(
    ("unit", "target", "observed", "shown", "value", "gap", "gap_unit"), ASSESS_CASES
)
@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_assessments_frame_shows_the_rows_unit(  # noqa: PLR0917 (one row of the table)
    unit, target, observed, shown, value, gap, gap_unit, backend
):
    res = _assessed(unit, target, observed)
    frame = res.to_frame(backend)
    cell = (lambda c: frame.loc["T", c]) if backend == "pandas" else (lambda c: frame[c][0])
    assert cell("observed_unit") == shown
    assert cell("observed") == pytest.approx(value)
    assert cell("gap_unit") == gap_unit
    assert cell("gap") == pytest.approx(gap)
    # The row view says the same, to the bit.
    row = res[0]
    assert (row.observed.magnitude, str(row.observed.units)) == (cell("observed"), shown)
    assert (row.gap.magnitude, str(row.gap.units)) == (cell("gap"), gap_unit)
    assert res.columns["observed_unit"].tolist() == [shown]


def test_rows_of_other_units_keep_theirs_beside_a_dimensionless_row():
    ratio = Indicator("r", "ratio", unit="dimensionless", measure="level")
    share = Indicator("s", "share", unit="percent", measure="share")
    targets = [
        Target("A", share, "at_least", Q_(40.0, "percent"), "2023-12-31"),
        Target("B", ratio, "at_least", Q_(5.0, "dimensionless"), "2023-12-31"),
    ]
    obs = [
        Observation("s", Q_(45.0, "percent"), 2023),
        Observation("r", Q_(6.0, "dimensionless"), 2023),
    ]
    frame = assess_many(targets, obs).to_frame()
    # A: 45 % against 40 %, 5 points; B: 6.0 against 5.0, 1.
    assert frame["observed_unit"].tolist() == ["percent", "dimensionless"]
    assert frame["observed"].tolist() == pytest.approx([45.0, 6.0])
    assert frame["gap_unit"].tolist() == ["percentage_point", "dimensionless"]
    assert frame["gap"].tolist() == pytest.approx([5.0, 1.0])


# (indicator unit, observation unit, factor from the written value to that unit, shown unit)
FORECAST_CASES = [
    ("dimensionless", "dimensionless", 1.0, "dimensionless", "1 / year"),
    ("dimensionless", "percent", 100.0, "dimensionless", "1 / year"),
    ("percent", "dimensionless", 1.0, "percent", "percentage_point / year"),
    ("permille", "permille", 1.0, "permille", "permille / year"),
    # "%" and "‰" are percent and permille: the same columns as those names.
    ("%", "%", 1.0, "percent", "percentage_point / year"),
    ("‰", "‰", 1.0, "permille", "permille / year"),
]


@pytest.mark.parametrize(("unit", "obs_unit", "scale", "shown", "rate_unit"), FORECAST_CASES)
def test_forecasts_frame_shows_the_rows_unit(unit, obs_unit, scale, shown, rate_unit):
    ind = Indicator("r", "ratio", unit=unit, measure="level")
    # A straight line 5.0, 5.5, ..., 9.0 over 2015-2023, in the indicator's unit
    # (for a percent indicator the dimensionless 5.0 is 500 %).
    in_unit = 100.0 if (unit, obs_unit) == ("percent", "dimensionless") else 1.0
    goal = 12.0 * in_unit
    t = Target("T", ind, "at_least", Q_(goal, unit), "2027-12-31")
    obs = [Observation("r", Q_((5.0 + 0.5 * k) * scale, obs_unit), 2015 + k) for k in range(9)]
    res = forecast_many([t], obs, method="drift")
    frame = res.to_frame()
    # Drift: slope (9.0 - 5.0) / 8 = 0.5 a year; 2027 is 4 years on: 9.0 + 4 * 0.5 = 11.0.
    assert frame.loc["T", "unit"] == shown
    assert frame.loc["T", "point"] == pytest.approx(11.0 * in_unit)
    # Required: (12.0 - 9.0) / 4 = 0.75 a year; actual: the line's 0.5 a year.
    assert frame.loc["T", "rate_unit"] == rate_unit
    assert frame.loc["T", "required_rate"] == pytest.approx(0.75 * in_unit)
    assert frame.loc["T", "actual_rate"] == pytest.approx(0.5 * in_unit)
    row = res[0]
    assert (row.point.magnitude, str(row.point.units)) == (frame.loc["T", "point"], shown)
    assert row.lower.magnitude == frame.loc["T", "lower"]
    assert row.upper.magnitude == frame.loc["T", "upper"]
    assert row.required_rate.magnitude == frame.loc["T", "required_rate"]
    assert str(row.required_rate.units) == rate_unit
    assert row.actual_rate.magnitude == frame.loc["T", "actual_rate"]


def test_a_tables_rows_and_frame_agree_on_a_dimensionless_ratio():
    targets = {
        "id": ["A", "B"],
        "indicator": ["s", "r"],
        "comparator": ["at_least", "at_least"],
        "value": [40.0, 5.0],
        "unit": ["percent", "dimensionless"],
        "deadline": ["2023-12-31", "2023-12-31"],
        "measure": ["share", "level"],
    }
    observations = {
        "indicator": ["s", "r"],
        "period": [2023, 2023],
        "value": [45.0, 6.0],
        "unit": ["percent", "dimensionless"],
    }
    res = assess_many(targets, observations)
    frame = res.to_frame()
    # A: 45 % against 40 %, 5 points; B: 6.0 against 5.0, 1 (not 600 % and 100 points).
    assert frame["observed_unit"].tolist() == ["percent", "dimensionless"]
    assert frame["observed"].tolist() == pytest.approx([45.0, 6.0])
    assert frame["gap_unit"].tolist() == ["percentage_point", "dimensionless"]
    assert frame["gap"].tolist() == pytest.approx([5.0, 1.0])
    for i in range(2):
        assert res[i].observed.magnitude == frame["observed"].iloc[i]
        assert res[i].gap.magnitude == frame["gap"].iloc[i]


@pytest.mark.parametrize(
    ("written", "name"), [("%", "percent"), ("per cent", "percent"), ("‰", "permille")]
)
def test_a_symbol_gives_the_frame_and_rows_of_its_name(written, name):
    def frame_and_rows(unit):
        ind = Indicator("r", "ratio", unit=unit, measure="level")
        t = Target("T", ind, "at_least", Q_(40.0, unit), "2023-12-31")
        res = assess_many([t], [Observation("r", Q_(45.0, unit), 2023)])
        frame = res.to_frame()
        cols = ["observed", "observed_unit", "gap", "gap_unit"]
        return frame[cols].to_dict("records"), (str(res[0].observed), str(res[0].gap))

    # 45 against 40 in either spelling: observed 45, gap 45 - 40 = 5 in the same units.
    assert frame_and_rows(written) == frame_and_rows(name)
