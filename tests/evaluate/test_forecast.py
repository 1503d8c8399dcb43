"""forecast and forecast_many: comparator semantics, thin evidence, bad input, batching."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan import Q_, datasets
from innovplan.engine import _forecast as k
from innovplan.errors import EvaluationError, UnitMismatchError, UnknownIdError
from innovplan.evaluate import (
    IPCC_AR5,
    LikelihoodScale,
    evaluate,
    forecast,
    forecast_many,
    likelihood,
)
from innovplan.model import (
    Bound,
    Comparator,
    Direction,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Series,
    Status,
    Target,
)


def _ind(direction: Direction = Direction.INCREASE, measure: Measure = Measure.LEVEL) -> Indicator:
    return Indicator("x", "x", unit="item", measure=measure, direction=direction)


def _obs(values: list[float], first: int = 2019, **kw: object) -> list[Observation]:
    return [
        Observation("x", Q_(v, "item"), f"{first + i}-12-31", **kw)  # type: ignore[arg-type]
        for i, v in enumerate(values)
    ]


def _target(comp: Comparator, value: float, ind: Indicator | None = None, **kw: object) -> Target:
    return Target("T", ind or _ind(), comp, Q_(value, "item"), "2023-12-31", **kw)  # type: ignore[arg-type]


# A straight line 10, 12, 14, 16 (2019-2022): the random walk with drift puts
# all its mass on 16 + 2 = 18 for 2023 (zero spread), so every comparator's
# probability is 0 or 1 and strictness decides the boundary.
LINE = _obs([10.0, 12.0, 14.0, 16.0])


@pytest.mark.parametrize(
    ("comp", "value", "upper", "direction", "expected"),
    [
        (Comparator.MORE_THAN, 18.0, None, Direction.INCREASE, 0.0),  # 18 > 18 is false
        (Comparator.AT_LEAST, 18.0, None, Direction.INCREASE, 1.0),  # 18 >= 18
        (Comparator.LESS_THAN, 18.0, None, Direction.DECREASE, 0.0),  # 18 < 18 is false
        (Comparator.AT_MOST, 18.0, None, Direction.DECREASE, 1.0),
        (Comparator.BETWEEN, 17.0, 18.0, Direction.INCREASE, 1.0),  # closed range
        (Comparator.BETWEEN, 18.5, 20.0, Direction.INCREASE, 0.0),
        # EQUAL is met at or beyond the number in the better direction.
        (Comparator.EQUAL, 18.0, None, Direction.INCREASE, 1.0),
        (Comparator.EQUAL, 17.0, None, Direction.INCREASE, 1.0),
        (Comparator.EQUAL, 18.5, None, Direction.INCREASE, 0.0),
        (Comparator.EQUAL, 18.5, None, Direction.DECREASE, 1.0),
        # ABOUT: default band 5 % of the target; 19 - 0.95 = 18.05 > 18, 18.5 - 0.925 < 18.
        (Comparator.ABOUT, 19.0, None, Direction.INCREASE, 0.0),
        (Comparator.ABOUT, 18.5, None, Direction.INCREASE, 1.0),
        # NEAR: both sides, 18.5 +- 0.925 holds 18; 20 +- 1 does not.
        (Comparator.ABOUT, 18.5, None, Direction.NEAR, 1.0),
        (Comparator.ABOUT, 20.0, None, Direction.NEAR, 0.0),
    ],
)
def test_comparators_on_a_point_mass(
    comp: Comparator, value: float, upper: float | None, direction: Direction, expected: float
) -> None:
    kw = {} if upper is None else {"upper": Q_(upper, "item")}
    t = _target(comp, value, _ind(direction), **kw)
    f = forecast(t, LINE, method="drift")
    assert f.point == Q_(18.0, "item")
    assert f.probability == expected
    assert any("spread is zero" in w for w in f.warnings)


def test_about_tolerance_of_the_target_is_used() -> None:
    from innovplan.model import Tolerance

    # 19 with +-1.5 holds 18 (band [17.5, ...) for an increasing indicator).
    t = _target(Comparator.ABOUT, 19.0, tolerance=Tolerance(absolute=Q_(1.5, "item")))
    assert forecast(t, LINE, method="drift").probability == 1.0


NOISY = _obs([10.0, 13.0, 13.5, 17.0, 18.0, 21.5], first=2017)


def test_probabilities_from_the_predictive_distribution() -> None:
    base = forecast(_target(Comparator.AT_LEAST, 1.0), NOISY, method="drift")
    assert base.point is not None
    p = float(base.point.magnitude)
    # The predictive t is symmetric around the point: P(Y > point) = 0.5.
    half = forecast(_target(Comparator.MORE_THAN, p), NOISY, method="drift")
    assert half.probability == pytest.approx(0.5)
    assert half.likelihood == "about as likely as not"
    # P(a <= Y <= b) = P(Y > a) - P(Y > b); with a, b symmetric: 1 - 2 P(Y > b).
    above = forecast(_target(Comparator.MORE_THAN, p + 2.0), NOISY, method="drift").probability
    inside = forecast(
        _target(Comparator.BETWEEN, p - 2.0, upper=Q_(p + 2.0, "item")), NOISY, method="drift"
    ).probability
    assert above is not None
    assert inside == pytest.approx(1.0 - 2.0 * above)
    # Lower is better, AT_MOST: the complement of MORE_THAN.
    dec = _target(Comparator.AT_MOST, p + 2.0, _ind(Direction.DECREASE))
    assert forecast(dec, NOISY, method="drift").probability == pytest.approx(1.0 - above)
    # The interval holds the point and has the asked probability.
    f80 = forecast(_target(Comparator.AT_LEAST, 1.0), NOISY, method="drift", level=0.8)
    f95 = forecast(_target(Comparator.AT_LEAST, 1.0), NOISY, method="drift", level=0.95)
    assert f80.lower is not None
    assert f80.upper is not None
    assert f95.lower is not None
    assert f95.upper is not None
    assert f95.lower < f80.lower < f80.point < f80.upper < f95.upper
    # Required rate: from the latest value (21.5, end of 2022) to 30 by the end of 2023.
    r = forecast(_target(Comparator.AT_LEAST, 30.0), NOISY, method="drift")
    assert r.required_rate == Q_(8.5, "item / year")
    # Recent actual rate: the last five intervals, (21.5 - 10) / 5 years.
    assert r.actual_rate == Q_(2.3, "item / year")


def test_likelihood_scale_ipcc_ar5_boundaries() -> None:
    cases = {
        0.995: "virtually certain",
        0.99: "very likely",
        0.95: "very likely",
        0.90: "likely",
        0.7: "likely",
        0.66: "about as likely as not",
        0.33: "about as likely as not",
        0.2: "unlikely",
        0.10: "unlikely",
        0.05: "very unlikely",
        0.01: "very unlikely",
        0.001: "exceptionally unlikely",
    }
    for p, word in cases.items():
        assert likelihood(p) == word, p
    assert IPCC_AR5(None) is None
    assert IPCC_AR5(math.nan) is None
    plain = LikelihoodScale((0.5,), ("no", "yes"))
    assert plain(0.6) == "yes"
    with pytest.raises(EvaluationError):
        LikelihoodScale((0.5, 0.4), ("a", "b", "c"))
    with pytest.raises(EvaluationError):
        LikelihoodScale((0.5,), ("a",))
    t = _target(Comparator.MORE_THAN, 1.0)
    f = forecast(t, NOISY, method="drift", scale=plain)
    assert f.likelihood == "yes"


# -- thin evidence and bad input ------------------------------------------------


def test_one_point_and_no_data_are_explicitly_unclear() -> None:
    t = _target(Comparator.AT_LEAST, 20.0)
    one = forecast(t, _obs([10.0]))
    assert one.unclear
    assert one.point is None
    assert one.probability is None
    assert one.likelihood is None
    assert one.reason is not None
    assert "1 point" in one.reason
    none = forecast(t, [])
    assert none.unclear
    assert "no observation" in (none.reason or "")
    assert "unclear" in none.explain()


def test_deadline_before_the_last_observation_is_unclear() -> None:
    t = _target(Comparator.AT_LEAST, 20.0)
    f = forecast(t, _obs([10.0, 12.0, 14.0, 16.0, 18.0, 20.0]))  # runs to 2024-12-31
    assert f.unclear
    assert "not after the latest observation" in (f.reason or "")


def test_loglinear_refuses_values_of_zero_or_less() -> None:
    t = _target(Comparator.AT_LEAST, 20.0)
    pts = [Observation("x", Q_(v, "item"), f"{2019 + i}-12-31") for i, v in enumerate([3, 0, 5])]
    with pytest.raises(EvaluationError, match="positive"):
        forecast(t, pts, method="loglinear")
    # auto copes with the same series.
    assert not forecast(t, pts).unclear


def test_mixed_units_and_wrong_series_are_errors() -> None:
    t = _target(Comparator.AT_LEAST, 20.0)
    bad = [*_obs([10.0, 12.0]), Observation("x", Q_(3, "m**2"), "2021-12-31")]
    with pytest.raises(UnitMismatchError):
        forecast(t, bad)
    other = Series("y", [Observation("y", Q_(1, "item"), "2020-12-31")])
    with pytest.raises(EvaluationError, match="measures"):
        forecast(t, other)
    with pytest.raises(UnknownIdError):
        forecast(t, LINE, method="prophet")
    with pytest.raises(EvaluationError, match="level"):
        forecast(t, LINE, level=1.5)


def test_warnings_name_gaps_breaks_and_bounds() -> None:
    pts = [
        *_obs([10.0, 11.0, 12.5], first=2015),
        Observation("x", Q_(16.0, "item"), "2020-12-31", status="B"),
        Observation("x", Q_(17.0, "item"), "2021-12-31", bound=Bound.AT_LEAST),
    ]
    f = forecast(_target(Comparator.AT_LEAST, 20.0), pts, method="drift")
    text = " | ".join(f.warnings)
    assert "gap: nothing between 2017-12-31…2020-12-31" in text
    assert "break in series at 2020-12-31" in text
    assert "bounds used as points: 2021-12-31 (≥ 17 item)" in text


def test_as_of_replays_the_vintages() -> None:
    t = _target(Comparator.AT_LEAST, 30.0)
    early = Observation("x", Q_(15.0, "item"), "2022-12-31", released="2023-01-10")
    revised = Observation("x", Q_(21.0, "item"), "2022-12-31", released="2023-06-30")
    s = Series.sorted([*_obs([10.0, 12.0, 14.0]), early, revised])
    then = forecast(t, s, method="drift", as_of="2023-02-01")
    assert then == forecast(t, s.latest("2023-02-01"), method="drift", as_of="2023-02-01")
    assert then.latest == early
    assert forecast(t, s, method="drift").latest == revised


# -- flows within the year ---------------------------------------------------------


def _flow(values: dict[str, float]) -> list[Observation]:
    return [Observation("x", Q_(v, "item"), p) for p, v in values.items()]


def test_year_to_date_with_past_shares_and_pro_rata() -> None:
    ind = _ind(measure=Measure.FLOW)
    t = Target("T", ind, Comparator.MORE_THAN, Q_(100, "item"), "2023-12-31")
    # Past H1 shares 0.4 and 0.5: log total = log 60 - mean(log 0.4, log 0.5).
    obs = _flow({"2021": 100.0, "2021-H1": 40.0, "2022": 100.0, "2022-H1": 50.0, "2023-H1": 60.0})
    f = forecast(t, obs)
    assert f.method == "ytd"
    assert f.point is not None
    assert f.point.magnitude == pytest.approx(60.0 / math.sqrt(0.4 * 0.5))
    assert f.year_to_date is not None
    assert str(f.year_to_date.period) == "2023-H1"
    assert f.probability is not None
    assert "2 past years" in f.why
    # Without past within-year figures: pro rata temporis, said so, no probability.
    g = forecast(t, _flow({"2021": 100.0, "2022": 100.0, "2023-H1": 60.0}))
    assert g.method == "ytd-pro-rata"
    assert g.point is not None
    assert g.point.magnitude == pytest.approx(60.0 * 365 / 181)  # January-June 2023: 181 days
    assert g.probability is None
    assert any("pro rata" in w for w in g.warnings)
    # within_year=False keeps the yearly trend.
    assert forecast(t, obs, within_year=False).method != "ytd"


def test_year_to_date_borrows_the_shares_of_other_flows() -> None:
    ind = _ind(measure=Measure.FLOW)
    t = Target("T", ind, Comparator.MORE_THAN, Q_(100, "item"), "2023-12-31")
    own = _flow({"2020": 90.0, "2021": 100.0, "2022": 110.0, "2023-H1": 60.0})
    other = [
        Observation(i, Q_(v, "item"), p, released=r)
        for i, p, v, r in (
            ("a", "2021", 100.0, "2022-02-01"),
            ("a", "2021-H1", 40.0, "2021-08-01"),
            ("a", "2022", 200.0, "2023-02-01"),
            ("a", "2022-H1", 90.0, "2022-08-01"),
            ("b", "2022", 50.0, "2023-09-01"),
            ("b", "2022-H1", 21.0, "2022-08-01"),
        )
    ]
    f = forecast(t, own + other)
    # No past H1 figure of its own: the other flows' H1 shares 40/100, 90/200, 21/50 =
    # 0.40, 0.45, 0.42. Mean log share -0.860766, so the point is 60 / exp(-0.860766)
    # = 141.898; sd of the log shares 0.059180 (2 df), scale 0.059180 * sqrt(1 + 1/3) =
    # 0.068335, t(0.9, 2) = 1.885618: 141.898 * exp(-+0.128855) = 124.743 ... 161.413.
    assert f.method == "ytd"
    assert f.point is not None
    assert f.lower is not None
    assert f.upper is not None
    assert f.point.magnitude == pytest.approx(60.0 / (0.40 * 0.45 * 0.42) ** (1 / 3))
    assert f.lower.magnitude == pytest.approx(124.743, abs=1e-3)
    assert f.upper.magnitude == pytest.approx(161.413, abs=1e-3)
    assert f.probability is not None
    assert "3 past years of the other flows in the observations" in f.why
    # As of 2023-08-06, b's 2022 total was not out yet: a's two shares, 0.40 and 0.45.
    g = forecast(t, own + other, as_of="2023-08-06")
    assert g.point is not None
    assert g.point.magnitude == pytest.approx(60.0 / math.sqrt(0.40 * 0.45))
    # One share is too few to say how shares vary: pro rata, as without any.
    h = forecast(t, own + other[:2])
    assert h.method == "ytd-pro-rata"
    # The plan report reads the same prior.
    plan = Plan("p", "p", start="2023-01-01", end="2023-12-31", goals=[Goal("G1", "g", [t])])
    report = evaluate(plan, own + other)
    assert report.forecasts["T"].point is not None
    assert report.forecasts["T"].point.magnitude == pytest.approx(f.point.magnitude)
    assert "other flows" in report.forecasts["T"].why


def test_a_break_in_series_keeps_the_model_spread() -> None:
    # 100 + 10 t with noise of +-3 alternating, 2013-2022: every past error lies well
    # inside the model's interval, so the calibration narrows it (factor 0.60 after the
    # short-history widening; 0.61 before the trend's form floored the spread at the
    # shorter past origins, where the window and the line part more). With 2022 marked as a break in series, the factor may
    # not fall below 1: 1 + 3 / (10 - 2)^2 = 1.046875 a year ahead after the widening.
    noise = [0, 3, -3, 3, -3, 3, -3, 3, -3, 0]
    values = [100.0 + 10 * i + e for i, e in enumerate(noise)]
    t = _target(Comparator.AT_LEAST, 200.0)
    plain = forecast(t, _obs(values, first=2013))
    marked = _obs(values, first=2013)
    marked[-1] = Observation("x", Q_(values[-1], "item"), "2022-12-31", status="B")
    broken = forecast(t, marked)
    assert "scaled by 0.60" in plain.why
    assert "scaled by 1.05 after the series' own past errors and its length" in broken.why
    assert "(at least 1: the history has a break in series)" in broken.why
    assert plain.lower is not None
    assert broken.lower is not None
    assert broken.lower.magnitude < plain.lower.magnitude


def test_auto_names_smoothed_growth_from_13_points() -> None:
    # 1 in 2010-2021 and e in 2022 (13 points): Holt's growth on logs, level
    # 0.9 * 1 = 0.9 and slope 0.12 * 0.9 = 0.108 at 2022, says exp(1.008) = 2.74 for
    # 2023 (tests/engine/test_forecast.py); with 12 points (2011-2022) the member is
    # constant growth, exp(1 + 1 / 11) = 2.98.
    values = [1.0] * 12 + [math.e]
    t = _target(Comparator.AT_LEAST, 2.0)
    long = forecast(t, _obs(values, first=2010))
    assert "the least-squares line, Holt's smoothed growth and the average change" in long.why
    assert "Holt's smoothed growth 2.74 item" in long.why
    short = forecast(t, _obs(values[1:], first=2011))
    assert "the least-squares line, constant growth and the average change" in short.why
    assert "constant growth 2.98 item" in short.why


def test_auto_names_damped_growth_after_a_slowdown() -> None:
    # 10, 14, 18, 20, 20, 21, 20, 21 in 2015-2022: 11 / 7 = 1.57 a year since 2015,
    # (21 - 18) / 5 = 0.6 over the last 5 intervals, below 0.4 * 1.57 = 0.63: the
    # growth member's trend is damped, 21 exp(0.5 ln(2.1) / 7) = 22.14 for 2023
    # (tests/engine/test_forecast.py). 10, 14, 18, 20, 21, 22, 23, 24 changes 1.2 a
    # year over the window, 0.6 of its 2 a year: constant growth, 24 * 2.4^(1/7) = 27.20.
    t = _target(Comparator.AT_LEAST, 25.0)
    slowed = forecast(t, _obs([10.0, 14, 18, 20, 20, 21, 20, 21], first=2015))
    assert (
        "constant growth damped after a slowdown (the average change over the last 5 "
        "intervals is below 0.4 of the change since the first point, or of the other "
        "sign: the trend is multiplied by 0.5 each year ahead) 22.14 item"
    ) in slowed.why
    steady = forecast(t, _obs([10.0, 14, 18, 20, 21, 22, 23, 24], first=2015))
    assert "constant growth 27.2 item" in steady.why
    assert "damped" not in steady.why


def test_auto_names_the_level_factor_of_a_series_with_a_zero() -> None:
    # 0, 2, 3, 5, 8, 10, 13, 16 in 2015-2022, deadline 2024: a steady rise from
    # zero; the average change 16 + 2 * 2.6 = 21.2 (twice), drift 16 + 2 * 16 / 7
    # = 20.571429 and the line 19.630952 give the median (20.571429 + 21.2) / 2 =
    # 20.885714, and the spread on the values is scaled by 20.885714 / 16 = 1.305357
    # (tests/engine/test_auto_rule.py).
    t = Target("T", _ind(), Comparator.AT_LEAST, Q_(25.0, "item"), "2024-12-31")
    f = forecast(t, _obs([0.0, 2, 3, 5, 8, 10, 13, 16], first=2015))
    assert f.point is not None
    assert f.point.magnitude == pytest.approx(20.885714, abs=1e-6)
    codes = [n.code.value for n in f.why_notes]
    assert codes == ["combined", "members", "steady_growth", "median", "level", "spread"]
    level = f.why_notes[4].params
    assert level["factor"] == pytest.approx(1.305357, abs=1e-6)
    assert level["median"] == pytest.approx(20.885714, abs=1e-6)
    assert level["latest"] == 16.0
    assert (
        "give 20.89 item; a series with a zero and no negative value has no logs: its spread "
        "is on the values but grows with the level, the scale multiplied by max(1, median / "
        "latest value) = max(1, 20.89 item / 16 item) = 1.31; the spread averages"
    ) in f.why
    # 5, 0, 4, 3, 2, 1 in 2017-2022: the median is at most the latest value 1
    # (tests/engine/test_auto_rule.py), so the factor is 1, and said.
    low = forecast(
        Target("T", _ind(), Comparator.AT_LEAST, Q_(1.0, "item"), "2023-12-31"),
        _obs([5.0, 0, 4, 3, 2, 1], first=2017),
    )
    assert "= max(1, " in low.why
    assert "item / 1 item) = 1.00" in low.why
    # A positive series has no such sentence (nor one with a negative value:
    # tests/engine/test_auto_rule.py).
    other = forecast(t, _obs([1.0, 2, 3, 5, 8, 10, 13, 16], first=2015))
    assert "level" not in [n.code.value for n in other.why_notes]
    assert "grows with the level" not in other.why


# -- the Wuhan history, by hand --------------------------------------------------------


def test_wuhan_t10_on_the_release_day() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    f = forecast(plan.target("T10"), obs, method="drift", as_of="2023-01-29")
    # Known then: 2013-2018 (released 2019-09-05) and 2022. Drift: the mean
    # slope since the first point, (1357.41 - 273.07) / 9 years = 120.482.
    assert f.n_points == 7
    assert f.point is not None
    assert f.point.magnitude == pytest.approx(1357.41 + (1357.41 - 273.07) / 9)
    assert f.required_rate is not None
    assert f.required_rate.magnitude == pytest.approx(1450 - 1357.41)
    assert f.actual_rate is not None
    assert f.actual_rate.magnitude == pytest.approx((1357.41 - 342.89) / 8)
    assert f.required_growth == pytest.approx(1450 / 1357.41 - 1)
    assert any("break in series at 2022" in w for w in f.warnings)
    assert any("gap" in w for w in f.warnings)
    auto = forecast(plan.target("T10"), obs, as_of="2023-01-29")
    assert auto.requested == "auto"
    # 7 points: the window of the average change is min(5, 7 - 1) = 5 intervals.
    assert auto.why.startswith(
        "auto: median of the latest value, the least-squares line, constant growth and "
        "the average change over the last 5 intervals, on 7 points; members for 2023: "
    )
    assert auto.probability is not None
    assert 0.0 < auto.probability < 1.0
    assert auto.likelihood == likelihood(auto.probability)


def test_wuhan_t10_after_the_half_year_review() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    f = forecast(plan.target("T10"), obs, as_of="2023-08-06")
    # H1 2023 1004.06亿元 and no earlier half-year figure: 1004.06 * 365 / 181.
    assert f.method == "ytd-pro-rata"
    assert f.point is not None
    assert f.point.magnitude == pytest.approx(1004.06 * 365 / 181)
    # The interval spreads the 184 days still to come by the yearly trend's spread of the
    # log total for 2023 (2013-2018 and 2022 only): scale (184 / 365) * s_yearly, its df.
    yearly = forecast(plan.target("T10"), obs, as_of="2023-08-06", within_year=False)
    kf = forecast_many([plan.target("T10")], obs, as_of="2023-08-06")
    kf_yearly = forecast_many([plan.target("T10")], obs, as_of="2023-08-06", within_year=False)
    assert yearly.method == "combined"
    assert kf.kernel.scale[0] == pytest.approx(184 / 365 * kf_yearly.kernel.scale[0])
    assert kf.kernel.df[0] == kf_yearly.kernel.df[0]
    assert f.lower is not None
    assert f.upper is not None
    assert f.lower.magnitude < f.point.magnitude < f.upper.magnitude
    assert f.probability is not None
    assert f.probability > 0.99
    assert any("pro rata" in w and "spread" in w for w in f.warnings)


def test_wuhan_t8_on_the_release_day() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    fs = forecast_many([plan.target("T8")], obs, method="drift", as_of="2023-01-29")
    f = fs[0]
    # 2012-2018, 2021 and ">12,000" for 2022: the drift's location is
    # 12000 + (12000 - 960) / 10; the stock never fell, so the forecast is
    # that t conditioned on at least 12,000 and the point is its median.
    assert f.n_points == 9
    assert fs.kernel.loc[0] == pytest.approx(13104.0)
    assert fs.kernel.floor[0] == 12000.0
    assert f.point is not None
    assert float(k.prob_above(fs.kernel, f.point.magnitude)[0]) == pytest.approx(0.5)
    assert any("bounds used as points: 2022-12-31" in w for w in f.warnings)
    assert any("2018-12-31…2021-12-31" in w for w in f.warnings)


def test_evaluate_turns_open_targets_into_trajectories() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    report = evaluate(plan, obs, as_of="2023-01-29")
    assert report.forecasts is not None
    assert report.progress is not None
    assert report.attainment is not None
    i = report.assessments.index("T8")
    assert report.attainment[i] is Status.NO_DATA
    # The headline is the band of P(met): T8's P, with its ">12,000" for 2022
    # as a floor, is above 0.66: ON_TRACK, as eurostat (ratio 1.07) grades it.
    assert report["T8"].status is Status.ON_TRACK
    assert report.progress[i].status is Status.ON_TRACK
    assert report["T9"].status is Status.NO_DATA  # one point: not assessable
    assert report.rollup.plan.count(Status.MODERATE) == 1
    assert report.rollup.plan.count(Status.ON_TRACK) == 1
    text = str(report)
    assert "Trajectory at the deadline" in text
    assert "about as likely as not" in text
    plain = evaluate(plan, obs, as_of="2023-01-29", forecast_method=None)
    assert plain.forecasts is None
    assert plain["T8"].status is Status.NO_DATA


# -- batching ---------------------------------------------------------------------


@st.composite
def _cases(draw: st.DrawFn) -> tuple[list[Target], list[Observation]]:
    # Ragged histories of 0 to 12 points (with holes) ending by 2022, targets
    # due at the end of 2023 to 2035: one to thirteen years ahead, often
    # further ahead than a history is long (where the calibration of a series
    # must not depend on its neighbours in the batch).
    n = draw(st.integers(1, 4))
    targets: list[Target] = []
    obs: list[Observation] = []
    comps = [Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.AT_MOST, Comparator.ABOUT]
    for i in range(n):
        ind = Indicator(
            f"i{i}",
            f"i{i}",
            unit="item",
            measure=draw(st.sampled_from([Measure.LEVEL, Measure.FLOW])),
            direction=draw(st.sampled_from(list(Direction))),
        )
        values = draw(st.lists(st.floats(1.0, 1000.0), min_size=0, max_size=12))
        skip = draw(st.sets(st.integers(0, 11), max_size=2))
        for j, v in enumerate(values):
            year = 2022 - len(values) + 1 + j
            if j in skip and j != len(values) - 1:
                continue
            period = f"{year}-12-31" if ind.measure is Measure.LEVEL else str(year)
            obs.append(Observation(ind.id, Q_(v, "item"), period))
        comp = draw(st.sampled_from(comps))
        value = Q_(draw(st.floats(1, 1000)), "item")
        due = draw(st.integers(2023, 2035))
        targets.append(Target(f"T{i}", ind, comp, value, f"{due}-12-31"))
    return targets, obs


@settings(max_examples=40, deadline=None)
@given(
    _cases(),
    st.sampled_from(
        ["auto", "drift", "linear", "theta", "theta-optimized", "damped", "average-change"]
    ),
)
def test_forecast_many_equals_forecast(
    case: tuple[list[Target], list[Observation]], method: str
) -> None:
    targets, obs = case
    many = forecast_many(targets, obs, method=method)
    assert len(many) == len(targets)
    for i, t in enumerate(targets):
        one = forecast(t, obs, method=method)
        assert many[i] == one
        assert not (one.point is not None and math.isnan(one.point.magnitude))
    # The columns agree with the objects; NaN only where unclear.
    assert np.all(np.isnan(many.point) == many.unclear)
    assert np.all((many.kernel.status == k.Outcome.UNCLEAR) == many.unclear)


def test_batch_does_not_change_a_long_horizon_interval() -> None:
    def ind(i: str) -> Indicator:
        return Indicator(i, i, unit="item", measure=Measure.LEVEL)

    short = Target("S", ind("s"), Comparator.AT_LEAST, Q_(1, "item"), "2024-12-31")
    long = Target("L", ind("l"), Comparator.AT_LEAST, Q_(1, "item"), "2024-12-31")
    obs = [
        *(Observation("s", Q_(v, "item"), f"{2005 + j}-12-31") for j, v in enumerate([1, 1, 2, 1])),
        *(Observation("l", Q_(1 + j % 3, "item"), f"{2005 + j}-12-31") for j in range(9)),
    ]
    assert forecast_many([short, long], obs)[0] == forecast(short, obs)
