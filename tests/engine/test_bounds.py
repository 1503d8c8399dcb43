"""A published lower bound of a stock that never fell is a floor of its forecast."""

import numpy as np
import pytest

from innovplan import datasets
from innovplan.engine import _forecast as k
from innovplan.evaluate import forecast_many


def _one(loc: float, scale: float, df: float, *, log_space: bool = False) -> k.Forecasts:
    f = np.array([np.nan])
    # The point is the t's median: exp(loc) on logs, loc on values.
    point = np.array([np.exp(loc) if log_space else loc])
    return k.Forecasts(
        point, f, f, np.array([loc]), np.array([scale]), np.array([df]), np.array([log_space]),
        np.zeros(1, np.int8), np.zeros(1, np.int8), np.zeros(1, np.int32),
        np.array([5]), np.ones(1), f,
    )  # fmt: skip


def test_floor_at_the_median_by_hand():
    # Y = 100 + 10 T with T ~ t(4), floored at B = 100: F(B) = 0.5, so the
    # conditional p-quantile is the unconditional one at 0.5 + 0.5 p.
    # t(4) table quantiles (e.g. Abramowitz and Stegun 1964, table 26.10):
    # t_0.75 = 0.741, t_0.55 = 0.134, t_0.95 = 2.132.
    fc = k.at_least(_one(100.0, 10.0, 4.0), [100.0], 0.8)
    assert fc.point[0] == pytest.approx(100 + 10 * 0.741, abs=0.01)  # median: 0.75
    assert fc.lower[0] == pytest.approx(100 + 10 * 0.134, abs=0.01)  # 0.5 + 0.5 * 0.1 = 0.55
    assert fc.upper[0] == pytest.approx(100 + 10 * 2.132, abs=0.01)  # 0.5 + 0.5 * 0.9 = 0.95
    # P(Y > 110 | Y >= 100) = P(T > 1) / 0.5. For 4 df the t CDF is
    # 1/2 + (3/8) x (1 - t^2 / (12 (1 + t^2 / 4))) with x = t / sqrt(1 + t^2 / 4):
    # at t = 1, x = 0.894427, 1 - 1 / 15 = 0.933333, F = 0.5 + 0.375 * 0.834799
    # = 0.813050, P(T > 1) = 0.186950, so 0.373900.
    assert k.prob_above(fc, 110.0)[0] == pytest.approx(0.373900, abs=1e-5)
    # Anything below the floor is certain.
    assert k.prob_above(fc, 95.0)[0] == 1.0


def test_floor_far_below_changes_nothing_and_nan_is_no_floor():
    base = k.at_least(_one(100.0, 10.0, 4.0), [np.nan], 0.8)
    low = k.at_least(_one(100.0, 10.0, 4.0), [-1e9], 0.8)
    assert np.isnan(base.floor[0])
    assert low.point[0] == pytest.approx(100.0)
    assert k.prob_above(low, 110.0)[0] == pytest.approx(0.186950, abs=1e-5)


def test_floor_on_logs_by_hand():
    # log Y = log 100 + 0.1 T, floored at 100: the same quantiles on logs,
    # point 100 exp(0.1 * 0.741) = 107.69.
    fc = k.at_least(_one(np.log(100.0), 0.1, 4.0, log_space=True), [100.0], 0.8)
    assert fc.point[0] == pytest.approx(100 * np.exp(0.0741), abs=0.01)
    assert fc.lower[0] >= 100.0


def test_wuhan_t8_bound_is_a_floor_t10_has_none():
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    fs = forecast_many([plan.target("T8"), plan.target("T10")], obs, as_of="2023-01-29")
    t8, t10 = fs[0], fs[1]
    # T8: 2022 is "more than 12,000" and the stock rose every year since 2012.
    assert fs.kernel.floor[0] == 12000.0
    assert t8.lower is not None
    assert t8.point is not None
    assert t8.upper is not None
    assert t8.lower.magnitude >= 12000.0
    # The conditioned probability: P(Y > 13,000) / P(Y >= 12,000) of the
    # unconditioned t, which the kernel's loc and scale still describe.
    plain = fs.kernel._replace(floor=np.full(2, np.nan))
    p_13k = float(k.prob_above(plain, 13000.0)[0])
    p_12k = float(k.prob_above(plain, 12000.0, strict=False)[0])
    assert t8.probability == pytest.approx(p_13k / p_12k)
    # The point is the conditional median.
    assert float(k.prob_above(fs.kernel, t8.point.magnitude)[0]) == pytest.approx(0.5)
    # The published 2023 figure, 14,500, lies inside the interval.
    assert t8.lower.magnitude <= 14500 <= t8.upper.magnitude
    assert "a published lower bound 12,000 enterprise" in t8.why
    # T10 has no bound: no floor, and its why names the members and the median.
    assert np.isnan(fs.kernel.floor[1])
    assert "members for 2023: latest value 1,357.41亿元" in t10.why
    # Constant growth 1357.41 * (1357.41 / 273.07) ** (1 / 9) = 1,622.16 and the
    # average change over 2014-2022, 1357.41 + (1357.41 - 342.89) / 8 = 1,484.23.
    assert "constant growth 1,622.16亿元" in t10.why
    assert "average change over the last 5 intervals 1,484.23亿元" in t10.why


def test_infinite_df_is_the_normal_in_probabilities_and_floors():
    # df = inf is the normal (Forecasts.df). Normal tables (e.g. Abramowitz
    # and Stegun 1964, table 26.1): P(Z > 2) = 1 - 0.977250 = 0.022750,
    # P(Z > 1) = 1 - 0.841345 = 0.158655, P(Z < -1) = 0.158655.
    normal = _one(0.0, 1.0, np.inf)
    assert k.prob_above(normal, 2.0)[0] == pytest.approx(0.022750, abs=1e-6)
    assert k.prob_above(normal, -2.0)[0] == pytest.approx(1 - 0.022750, abs=1e-6)
    # Floored at 0: P(Z > 1 | Z >= 0) = 0.158655 / 0.5 = 0.317311.
    at0 = k.at_least(normal, [0.0], 0.8)
    assert k.prob_above(at0, 1.0)[0] == pytest.approx(0.317311, abs=1e-6)
    # Floored at -1: F_B = 0.158655, the median is the unconditional quantile
    # at 0.158655 + 0.5 * 0.841345 = 0.579328, z = 0.2 (Phi(0.2) = 0.579260;
    # the density there is 0.391043, so z = 0.2 + 0.000068 / 0.391043 = 0.20017).
    below = k.at_least(normal, [-1.0], 0.8)
    assert below.point[0] == pytest.approx(0.20017, abs=1e-4)


def test_a_floor_far_in_the_tail_keeps_the_ratio_of_tails():
    # T ~ t(4) floored at B = 1e4: P(T >= 1e4) is about 3e-16 (the t(4)
    # density is 12 / x^5 far out, so P(T > x) = 3 / x^4 + O(x^-6)), below
    # float64's resolution next to 1. The conditional probability is a ratio
    # of two such tails: P(T > 2e4 | T >= 1e4) = (1e4 / 2e4)^4 = 1/16, up to
    # relative terms of order 1/x^2 = 1e-8. Each tail is needed to relative
    # accuracy (the continued fraction), not to absolute accuracy.
    cut = k.at_least(_one(0.0, 1.0, 4.0), [1e4], 0.8)
    assert k.prob_above(cut, 2e4)[0] == pytest.approx(1 / 16, abs=1e-6)
    # A row without a floor in the same batch is the float it is alone.
    both = k.Forecasts(
        *(np.concatenate([a, b]) for a, b in zip(cut, _one(0.0, 1.0, 4.0), strict=True))
    )
    alone = k.prob_above(_one(0.0, 1.0, 4.0), 1.5)
    assert k.prob_above(both, np.array([2e4, 1.5]))[1] == alone[0]
