"""Forecasts in the target's terms, worked by hand for each kind of target.

The five-year-plan figures are those of China's 14th Five-Year Plan as listed in
``shared/data/china-14th-fyp-facts.md`` (R&D spending 2020-2023, energy use per
unit of GDP 2021-2023, urban new jobs, surveyed urban unemployment); the earlier
years of the energy, jobs and unemployment series only feed the trend.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from innovplan import Q_
from innovplan.engine import _combine as kc
from innovplan.engine import _forecast as k
from innovplan.engine._stats import t_ppf, t_sf
from innovplan.evaluate import forecast
from innovplan.model import Basis, Comparator, Direction, Indicator, Measure, Observation, Target

YI = "hundred_million_yuan"


def _yearly(ind: str, unit: str, pairs: list[tuple[int, float]]) -> list[Observation]:
    return [Observation(ind, Q_(v, unit), y) for y, v in pairs]


# -- AVERAGE_ANNUAL: the rate from the baseline to the forecast deadline value -------

RD = Indicator("rd", "R&D spending", unit=YI, measure=Measure.FLOW)
RD_OBS = _yearly("rd", YI, [(2020, 24393.1), (2021, 27956.3), (2022, 30782.9), (2023, 33357.1)])


def _rd(basis: Basis = Basis.AVERAGE_ANNUAL, value: object = None) -> Target:
    return Target(
        "RD", RD, Comparator.MORE_THAN, value or Q_(7, "percent"), "2025-12-31",
        basis=basis, start="2021-01-01",
    )  # fmt: skip


def test_average_annual_is_the_rate_from_the_baseline_to_the_forecast_deadline_value() -> None:
    f = forecast(_rd(), RD_OBS, method="drift")
    # Drift: slope (33357.1 - 24393.1) / 3 = 2988 a year, so 2025 is
    # 33357.1 + 2 * 2988 = 39333.1; the baseline is 2020's 24393.1 (the year
    # before the window), five years before the deadline:
    # (39333.1 / 24393.1) ** (1 / 5) - 1 = 1.612466 ** 0.2 - 1 = 10.03 %.
    assert f.at_deadline is not None
    assert f.at_deadline.magnitude == pytest.approx(39333.1)
    assert f.point is not None
    assert str(f.point.units) == "percent"
    assert f.point.magnitude == pytest.approx(((39333.1 / 24393.1) ** 0.2 - 1) * 100)
    assert f.point.magnitude == pytest.approx(10.03, abs=0.005)
    # The interval is the same map of the deadline value's interval, and P is
    # that of the value exceeding the level a 7 % rate reaches,
    # 24393.1 * 1.07 ** 5 = 34212.58: both read off a VALUE target.
    level = 24393.1 * 1.07**5
    v = forecast(_rd(Basis.VALUE, Q_(level, YI)), RD_OBS, method="drift")
    assert v.lower is not None
    assert v.upper is not None
    assert f.lower is not None
    assert f.upper is not None
    assert f.lower.magnitude == pytest.approx(((v.lower.magnitude / 24393.1) ** 0.2 - 1) * 100)
    assert f.upper.magnitude == pytest.approx(((v.upper.magnitude / 24393.1) ** 0.2 - 1) * 100)
    assert f.probability == pytest.approx(v.probability)


def test_average_annual_so_far_and_still_needed() -> None:
    f = forecast(_rd(), RD_OBS, method="drift")
    # So far 2020 -> 2023: (33357.1 / 24393.1) ** (1/3) - 1 = 1.367477 ** (1/3) - 1
    # = 11.0 % a year. Still needed in 2024-2025: the 2025 level of 7 % a year,
    # 34212.58, over 2023's 33357.1: (34212.58 / 33357.1) ** (1/2) - 1 = 1.27 % a year.
    assert f.actual_growth == pytest.approx((33357.1 / 24393.1) ** (1 / 3) - 1)
    assert f.required_growth == pytest.approx((24393.1 * 1.07**5 / 33357.1) ** 0.5 - 1)
    assert f.pace() == "11.0 % a year so far; 1.27 % a year needed in 2024–2025"
    assert f.needed_in == "2024–2025"
    assert "average annual rate" in f.explain()


# -- CHANGE / PERCENT_CHANGE ---------------------------------------------------------


def test_change_is_the_forecast_value_minus_the_baseline() -> None:
    t = Target(
        "RD", RD, Comparator.AT_LEAST, Q_(10000, YI), "2025-12-31",
        basis=Basis.CHANGE, start="2021-01-01",
    )  # fmt: skip
    f = forecast(t, RD_OBS, method="drift")
    # 39333.1 - 24393.1 = 14940; so far 33357.1 - 24393.1 = 8964.
    assert f.point is not None
    assert f.point.magnitude == pytest.approx(14940.0)
    assert f.so_far is not None
    assert f.so_far.magnitude == pytest.approx(8964.0)
    # Still needed: (24393.1 + 10000 - 33357.1) / 2 years = 518 a year.
    assert f.needed is not None
    assert f.needed.magnitude == pytest.approx(518.0)


ENERGY = Indicator(
    "energy", "energy use per unit of GDP", unit="percent", measure=Measure.GROWTH,
    direction=Direction.DECREASE,
)  # fmt: skip
ENERGY_OBS = _yearly(
    "energy", "percent", [(2019, -2.6), (2020, -0.1), (2021, -2.7), (2022, -0.1), (2023, -0.5)]
)


def test_percent_change_from_yearly_rates_is_chained() -> None:
    t = Target(
        "EN", ENERGY, Comparator.AT_MOST, Q_(-13.5, "percent"), "2025-12-31",
        basis=Basis.PERCENT_CHANGE, start="2021-01-01",
    )  # fmt: skip
    f = forecast(t, ENERGY_OBS, method="drift")
    # So far: 0.973 * 0.999 * 0.995 - 1 = 0.967167 - 1 = -3.28 %.
    so_far = 0.973 * 0.999 * 0.995
    assert f.so_far is not None
    assert f.so_far.magnitude == pytest.approx((so_far - 1) * 100)
    assert f"{f.so_far.magnitude:.2f}" == "-3.28"
    # Drift on the rates: slope (-0.5 - -2.6) / 4 = 0.525 a year, so 2024 is
    # +0.025 % and 2025 +0.55 %; chained: 0.967167 * 1.00025 * 1.0055 - 1 = -2.73 %.
    assert f.point is not None
    assert f.point.magnitude == pytest.approx((so_far * 1.00025 * 1.0055 - 1) * 100)
    # Still needed in 2024-2025: (0.865 / 0.967167) ** (1/2) - 1 = -5.43 % a year.
    assert f.required_growth == pytest.approx((0.865 / so_far) ** 0.5 - 1)
    # Both read to three significant figures, as explain() prints rates.
    assert f.pace() == "-3.28 % so far; -5.43 % a year needed in 2024–2025"
    # The spread: L = log(1 + r24) + log(1 + r25) with each year's spread
    # s_j / (100 + m_j) and the random walk's correlation sqrt(1 / 2).
    fc = k.drift(
        np.array([2020.0, 2021, 2022, 2023, 2024]), np.array([-2.6, -0.1, -2.7, -0.1, -0.5]),
        np.array([0, 5]), np.array([[2025.0, 2026.0]]),
    )  # fmt: skip
    v1, v2 = fc.scale[0] / (100.0 + fc.loc[0])
    scale = math.sqrt(v1**2 + v2**2 + 2 * math.sqrt(0.5) * v1 * v2)
    df = float(fc.df[0, 0])
    q = float(t_ppf(0.9, df))
    loc = math.log(so_far * 1.00025 * 1.0055)
    assert f.lower is not None
    assert f.upper is not None
    assert f.lower.magnitude == pytest.approx((math.exp(loc - q * scale) - 1) * 100)
    assert f.upper.magnitude == pytest.approx((math.exp(loc + q * scale) - 1) * 100)
    # P(change <= -13.5 %) = P(L <= log(0.865 / 0.967167)).
    z = (math.log(0.865 / so_far) - (loc - math.log(so_far))) / scale
    assert f.probability == pytest.approx(1 - float(t_sf(z, df)))


# -- CUMULATIVE: the observed part plus the remaining years' forecasts ---------------

JOBS = Indicator("jobs", "urban new jobs", unit="person", measure=Measure.FLOW)
JOBS_OBS = _yearly(
    "jobs", "person",
    [(2018, 1361e4), (2019, 1352e4), (2020, 1186e4), (2021, 1269e4), (2022, 1206e4),
     (2023, 1244e4)],
)  # fmt: skip


def test_cumulative_is_the_observed_sum_plus_the_remaining_years() -> None:
    t = Target(
        "JOBS", JOBS, Comparator.MORE_THAN, Q_(5500e4, "person"), "2025-12-31",
        basis=Basis.CUMULATIVE, start="2021-01-01",
    )  # fmt: skip
    f = forecast(t, JOBS_OBS, method="drift")
    # Observed part 2021-2023: 1269 + 1206 + 1244 = 3719 (10^4 persons).
    # Drift: slope (1244 - 1361) / 5 = -23.4, so 2024 is 1220.6 and 2025
    # 1197.2; the sum is 3719 + 1220.6 + 1197.2 = 6136.8.
    assert f.so_far is not None
    assert f.so_far.magnitude == pytest.approx(3719e4)
    assert f.point is not None
    assert f.point.magnitude == pytest.approx(6136.8e4)
    # Still needed: (5500 - 3719) / 2 = 890.5 a year; so far 3719 / 3 a year.
    assert f.required_rate is not None
    assert f.required_rate.magnitude == pytest.approx(890.5e4)
    assert f.actual_rate is not None
    assert f.actual_rate.magnitude == pytest.approx(3719e4 / 3)
    # The variance of the sum: s24^2 + s25^2 + 2 rho s24 s25 with rho =
    # sqrt(min(1, 2) / max(1, 2)) = sqrt(1/2), the correlation of a random
    # walk's errors one and two steps ahead of the same origin.
    fc = k.drift(
        np.arange(2019.0, 2025.0), np.array([1361e4, 1352e4, 1186e4, 1269e4, 1206e4, 1244e4]),
        np.array([0, 6]), np.array([[2025.0, 2026.0]]),
    )  # fmt: skip
    s1, s2 = (float(x) for x in fc.scale[0])
    scale = math.sqrt(s1**2 + s2**2 + 2 * math.sqrt(0.5) * s1 * s2)
    df = float(fc.df[0, 0])
    half = float(t_ppf(0.9, df)) * scale
    assert f.upper is not None
    assert f.lower is not None
    assert f.upper.magnitude - f.point.magnitude == pytest.approx(half)
    assert f.point.magnitude - f.lower.magnitude == pytest.approx(half)
    # P(sum > 5500) = P(2024 + 2025 > 5500 - 3719 = 1781).
    z = (1781e4 - (1220.6e4 + 1197.2e4)) / scale
    assert f.probability == pytest.approx(float(t_sf(z, df)))
    assert f.pace() == "37,190,000 person so far; +8,905,000 person a year needed in 2024–2025"


def test_sum_of_years_variance_is_the_random_walks() -> None:
    # Two years one and two steps ahead, scales 1 and sqrt(2) (a random walk
    # with unit shocks: e1 = u1, e2 = u1 + u2): Var(e1 + e2) = Var(2 u1 + u2) = 5,
    # and 1 + 2 + 2 * sqrt(1/2) * 1 * sqrt(2) = 5.
    one = np.ones((1, 2))
    fc = k.Forecasts(
        point=np.array([[10.0, 20.0]]), lower=one, upper=one, loc=np.array([[10.0, 20.0]]),
        scale=np.array([[1.0, math.sqrt(2.0)]]), df=np.full((1, 2), np.inf),
        log_space=np.zeros((1, 2), bool), method=np.zeros((1, 2), np.int8),
        status=np.zeros((1, 2), np.int8), reason=np.zeros((1, 2), np.int32),
        n_used=np.full((1, 2), 5), calib=one, floor=np.full((1, 2), np.nan),
    )  # fmt: skip
    s = kc.sum_years(fc, np.ones((1, 2), bool), np.array([[1.0, 2.0]]))
    assert s.point[0] == pytest.approx(30.0)
    assert s.scale[0] ** 2 == pytest.approx(5.0)


# -- EVERY_YEAR: every remaining year meets the limit ---------------------------------

UNEMP = Indicator(
    "unemp", "surveyed urban unemployment", unit="percent", measure=Measure.SHARE,
    direction=Direction.DECREASE,
)  # fmt: skip
UNEMP_OBS = _yearly(
    "unemp",
    "percent",
    [(2018, 4.9), (2019, 5.2), (2020, 5.2), (2021, 5.1), (2022, 5.6), (2023, 5.2)],
)


def _every(deadline: str = "2025-12-31", basis: Basis = Basis.EVERY_YEAR) -> Target:
    return Target(
        "UN", UNEMP, Comparator.LESS_THAN, Q_(5.5, "percent"), deadline,
        basis=basis, start="2021-01-01",
    )  # fmt: skip


def test_every_year_fails_for_good_once_a_year_broke_the_limit() -> None:
    # 2022's 5.6 % is not below 5.5 %: no later year can mend it.
    f = forecast(_every(), UNEMP_OBS, method="drift")
    assert f.probability == 0.0
    assert f.pace() == "5.2% in 2023; every year in 2024–2025 must be < 5.5%"


def test_every_year_joins_the_years_between_their_product_and_their_minimum() -> None:
    # Without 2022, each remaining year has its own probability, P24 and P25
    # (read off VALUE targets due in 2024 and 2025). With positively correlated
    # errors the joint probability lies between the product (independence) and
    # the smaller one (Frechet's upper bound), Slepian's inequality.
    obs = [o for o in UNEMP_OBS if o.period.start.year != 2022]
    p = forecast(_every(), obs, method="drift").probability
    p24 = forecast(_every("2024-12-31", Basis.VALUE), obs, method="drift").probability
    p25 = forecast(_every("2025-12-31", Basis.VALUE), obs, method="drift").probability
    assert p is not None
    assert p24 is not None
    assert p25 is not None
    assert p24 * p25 - 0.01 <= p <= min(p24, p25) + 0.01
    assert p < min(p24, p25)  # the years are not the same draw


def test_every_year_two_medians_give_the_bivariate_orthant_probability() -> None:
    # Both years at their medians, correlation rho = sqrt(1/2): for a bivariate
    # normal P(X1 <= 0, X2 <= 0) = 1/4 + asin(rho) / (2 pi) = 1/4 + 1/8 = 0.375
    # (Sheppard's formula); the Monte Carlo error of 8192 draws is below 0.006.
    zeros = np.zeros((1, 2))
    fc = k.Forecasts(
        point=zeros, lower=zeros, upper=zeros, loc=zeros, scale=np.ones((1, 2)),
        df=np.full((1, 2), np.inf), log_space=np.zeros((1, 2), bool),
        method=np.zeros((1, 2), np.int8), status=np.zeros((1, 2), np.int8),
        reason=np.zeros((1, 2), np.int32), n_used=np.full((1, 2), 5), calib=np.ones((1, 2)),
        floor=np.full((1, 2), np.nan),
    )  # fmt: skip
    use = np.ones((1, 2), bool)
    p = kc.all_within(fc, use, np.array([[1.0, 2.0]]), [-np.inf], [0.0])
    assert p[0] == pytest.approx(0.375, abs=0.015)
    # One year alone is its own probability, exactly: 1/2 at the median.
    one = kc.all_within(fc, np.array([[False, True]]), np.array([[1.0, 2.0]]), [-np.inf], [0.0])
    assert one[0] == 0.5
