"""Published progress grades of changes and average rates, worked by hand.

A five-year plan's change targets carry no level of their own: "R&D spending up
more than 7 % a year" is measured from the plan's 2020 column, and energy use
per unit of GDP "down 13.5 %" is published as yearly changes. Eurostat's method
compares the compound annual growth rate (CAGR) observed since the base with the
CAGR required to reach the target's level by the deadline (Eurostat,
"Sustainable development in the European Union", 2021 edition, introduction;
categories and score as in Open SDG's "Progress Measurement Methodology", 2023):
``R = CAGR_observed / |CAGR_required|``, on track from 0.95, moderate from 0.6,
limited from 0; the score runs linearly from 0 at R = 0.6 to 5 at R = 1.3 and to
-5 at R = -0.6. The figures are China's 14th Five-Year Plan's, as listed in
``shared/data/china-14th-fyp-facts.md``.
"""

from __future__ import annotations

import math

import pytest

from innovplan import Q_
from innovplan.evaluate import progress
from innovplan.model import (
    Basis,
    Comparator,
    Direction,
    Indicator,
    Measure,
    Observation,
    Status,
    Target,
)

YI = "hundred_million_yuan"


def _yearly(ind: str, unit: str, pairs: list[tuple[int, float]]) -> list[Observation]:
    return [Observation(ind, Q_(v, unit), y) for y, v in pairs]


RATE = Indicator("rdg", "R&D spending, real growth", unit="percent", measure=Measure.GROWTH)
ENERGY = Indicator(
    "en",
    "energy use per unit of GDP, change",
    unit="percent",
    measure=Measure.GROWTH,
    direction=Direction.DECREASE,
)
RD = Indicator("rd", "R&D spending", unit=YI, measure=Measure.FLOW)


def _target(ind: Indicator, comparator: Comparator, value: float, basis: Basis) -> Target:
    return Target(
        "T", ind, comparator, Q_(value, "percent"), "2025-12-31", basis=basis, start="2021-01-01"
    )


def test_average_annual_rate_chained_from_yearly_rates() -> None:
    t = _target(RATE, Comparator.AT_LEAST, 7, Basis.AVERAGE_ANNUAL)
    p = progress(t, _yearly("rdg", "percent", [(2021, 9.4), (2022, 7.7)]), as_of="2024-02-29")
    # Index 100 at the start of 2021, 109.4 after 2021, 109.4 * 1.077 = 117.8238
    # after 2022: observed CAGR sqrt(1.178238) - 1 = 8.5467 % over two years.
    # The target's level: 100 * 1.07 ** 5 = 140.2552, required CAGR 7 %.
    # R = 0.085467 / 0.07 = 1.22095: on track (>= 0.95).
    observed = math.sqrt(1.094 * 1.077) - 1
    assert p.ratio == pytest.approx(observed / 0.07)
    assert p.ratio == pytest.approx(1.22095, abs=1e-5)
    assert p.status is Status.ON_TRACK
    # Score: 5 * (1.22095 - 0.6) / (1.3 - 0.6) = 4.4354.
    assert p.score == pytest.approx(5 * (observed / 0.07 - 0.6) / 0.7)
    # The goal is told in the target's terms, not as the index's level.
    assert p.goal == Q_(7, "percent")


def test_percent_change_chained_from_yearly_changes() -> None:
    t = _target(ENERGY, Comparator.AT_MOST, -13.5, Basis.PERCENT_CHANGE)
    p = progress(t, _yearly("en", "percent", [(2021, -2.7), (2022, -0.1)]), as_of="2024-02-29")
    # Index 100 -> 97.3 -> 97.3 * 0.999 = 97.2027: CAGR sqrt(0.972027) - 1 = -1.40857 %.
    # Level at the deadline 100 * (1 - 0.135) = 86.5: CAGR 0.865 ** (1/5) - 1 = -2.85885 %.
    # Lower is better: R = -1 * -0.0140857 / 0.0285885 = 0.49270, limited (0 to 0.6).
    observed = math.sqrt(0.973 * 0.999) - 1
    required = 0.865**0.2 - 1
    assert p.ratio == pytest.approx(-observed / abs(required))
    assert p.ratio == pytest.approx(0.49270, abs=1e-5)
    assert p.status is Status.LIMITED
    # Score: 5 * (0.49270 - 0.6) / (0.6 - -0.6) = -0.4471.
    assert p.score == pytest.approx(5 * (-observed / abs(required) - 0.6) / 1.2)
    assert p.goal == Q_(-13.5, "percent")


def test_a_chain_stops_at_the_first_missing_year() -> None:
    t = _target(RATE, Comparator.AT_LEAST, 7, Basis.AVERAGE_ANNUAL)
    obs = _yearly("rdg", "percent", [(2021, 9.4), (2023, 8.1)])
    p = progress(t, obs, as_of="2024-12-31")
    # 2022 is missing, so 2023's rate cannot join the chain: the index reaches
    # 109.4 after one year, CAGR 9.4 %; R = 0.094 / 0.07 = 1.342857.
    assert p.ratio == pytest.approx(0.094 / 0.07)
    assert p.latest is not None
    assert p.latest.period.start.year == 2021


def test_chained_rates_need_the_window_s_first_year() -> None:
    t = _target(RATE, Comparator.AT_LEAST, 7, Basis.AVERAGE_ANNUAL)
    # Only 2022 is published: without 2021 the index has no level at all.
    p = progress(t, _yearly("rdg", "percent", [(2022, 7.7)]), as_of="2024-02-29")
    assert p.status is Status.NO_DATA
    assert p.ratio is None


def test_average_annual_level_target_takes_the_observed_baseline() -> None:
    t = _target(RD, Comparator.MORE_THAN, 7, Basis.AVERAGE_ANNUAL)
    obs = _yearly("rd", YI, [(2020, 24393.1), (2021, 27956.3), (2022, 30782.9), (2023, 33357.1)])
    p = progress(t, obs, as_of="2024-12-31")
    # The baseline is 2020's 24393.1 (the year before the window), reaching
    # 24393.1 * 1.07 ** 5 = 34212.58 by 2025. Observed CAGR over three years:
    # (33357.1 / 24393.1) ** (1/3) - 1 = 1.367481 ** (1/3) - 1 = 10.996 %;
    # R = 0.10996 / 0.07 = 1.5708.
    observed = (33357.1 / 24393.1) ** (1 / 3) - 1
    assert p.ratio == pytest.approx(observed / 0.07)
    assert p.ratio == pytest.approx(1.5708, abs=1e-4)
    assert p.status is Status.ON_TRACK
    assert p.goal is not None
    assert p.goal.to(YI).magnitude == pytest.approx(24393.1 * 1.07**5)


def test_percent_change_level_target_takes_the_observed_baseline() -> None:
    t = _target(RD, Comparator.AT_LEAST, 20, Basis.PERCENT_CHANGE)
    obs = _yearly("rd", YI, [(2020, 100.0), (2021, 103.0), (2022, 106.09)])
    p = progress(t, obs, as_of="2023-12-31")
    # Baseline 100 (2020), level 120 by 2025: required CAGR 1.2 ** 0.2 - 1 = 3.7137 %;
    # observed (106.09 / 100) ** (1/2) - 1 = 3 %; R = 0.03 / 0.037137 = 0.80782, moderate.
    assert p.ratio == pytest.approx(0.03 / (1.2**0.2 - 1))
    assert p.status is Status.MODERATE
