"""Forecasts come back in the indicator's own unit, and their rates print with it."""

from __future__ import annotations

import pytest

import innovplan as ip
from innovplan import Q_


def test_a_dimensionless_indicator_is_forecast_without_turning_into_percent() -> None:
    index = ip.Indicator("idx", "an index", unit="dimensionless", measure="level")
    target = ip.Target("T1", index, "at_least", Q_(250, "dimensionless"), "2025-12-31")
    values = [(2019, 170), (2020, 176), (2021, 182), (2022, 190), (2023, 196)]
    obs = [ip.Observation("idx", Q_(v, "dimensionless"), y) for y, v in values]
    f = ip.forecast(target, obs)
    assert f.point is not None
    assert f.lower is not None
    assert f.upper is not None
    assert str(f.point.units) == "dimensionless"
    # Two more years from 196: the point lies near it, not near 19600.
    assert 196 < f.point.magnitude < 250
    assert f.lower.magnitude <= f.point.magnitude <= f.upper.magnitude
    # required: (250 - 196) / (2025 - 2023) = 27 a year
    # recent:   (196 - 170) / (2023 - 2019) = 6.5 a year
    assert f.required_rate == Q_(27, "1 / year")
    assert f.actual_rate is not None
    assert f.actual_rate.to("1 / year").magnitude == pytest.approx(6.5)
    assert "needs +27/yr, recent +6.5/yr" in f.explain()


def test_a_rate_of_years_a_year_prints_with_the_indicator_unit() -> None:
    life = ip.Indicator("life", "life expectancy", unit="岁", measure="level")
    target = ip.Target("T2", life, "at_least", Q_(79, "year"), "2025-12-31")
    values = [(2019, 77.3), (2020, 77.9), (2021, 78.2), (2022, 77.9), (2023, 78.6)]
    obs = [ip.Observation("life", Q_(v, "year"), y) for y, v in values]
    f = ip.forecast(target, obs)
    # required: (79 - 78.6) / 2 = 0.2 years a year; recent: (78.6 - 77.3) / 4 = 0.325
    assert f.required_rate is not None
    assert f.required_rate.magnitude == pytest.approx(0.2)
    assert f.actual_rate is not None
    assert f.actual_rate.magnitude == pytest.approx(0.325)
    text = f.explain()
    # 岁 is read as year, as the point and interval print it.
    assert "needs +0.2 year/yr" in text
    assert "dimensionless" not in text
