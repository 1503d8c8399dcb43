"""Hand-computed assessments for every comparator, measure and direction, and published examples."""

from __future__ import annotations

import math

import pytest

from innovplan import Q_, parse_quantity
from innovplan.errors import EvaluationError, UnitMismatchError
from innovplan.evaluate import assess
from innovplan.model import (
    Comparator,
    Direction,
    Indicator,
    Measure,
    Milestone,
    Observation,
    Period,
    Source,
    Status,
    Target,
    Tolerance,
)

C, D = Comparator, Direction
UNITS = {
    Measure.LEVEL: "enterprise",
    Measure.FLOW: "yuan",
    Measure.GROWTH: "percent",
    Measure.SHARE: "percent",
}

# (comparator, direction, observed, met, attainment, exceeded) against a target of 10
# (BETWEEN: [10, 12]). The default ABOUT band is ±0.5 either way here: 0.5
# percentage point for percent-valued measures, 5 % of 10 for the others.
CASES = [
    (C.AT_LEAST, D.INCREASE, 10, True, 1.0, False),
    (C.AT_LEAST, D.INCREASE, 9, False, 0.9, False),
    (C.MORE_THAN, D.INCREASE, 10, False, 1.0, False),  # strict: 突破/超过 exclude the number
    (C.MORE_THAN, D.INCREASE, 11, True, 1.1, False),
    (C.AT_MOST, D.DECREASE, 10, True, 1.0, False),
    (C.AT_MOST, D.DECREASE, 12.5, False, 0.8, False),
    (C.LESS_THAN, D.DECREASE, 10, False, 1.0, False),
    (C.LESS_THAN, D.DECREASE, 8, True, 1.25, False),
    (C.EQUAL, D.INCREASE, 12, True, 1.2, True),  # "reach 10": met at or beyond, says exceeded
    (C.EQUAL, D.INCREASE, 10, True, 1.0, False),
    (C.EQUAL, D.INCREASE, 9, False, 0.9, False),
    (C.EQUAL, D.DECREASE, 8, True, 1.25, True),
    (C.EQUAL, D.DECREASE, 12.5, False, 0.8, False),
    (C.EQUAL, D.NEAR, 10, True, 1.0, False),
    (C.EQUAL, D.NEAR, 11, False, 0.9, False),
    (C.ABOUT, D.INCREASE, 9.6, True, 0.96, False),
    (C.ABOUT, D.INCREASE, 9.4, False, 0.94, False),
    (C.ABOUT, D.INCREASE, 14, True, 1.4, True),  # "about 11 %" met by 14.6 %: beyond, flagged
    (C.ABOUT, D.DECREASE, 10.4, True, 10 / 10.4, False),
    (C.ABOUT, D.DECREASE, 10.6, False, 10 / 10.6, False),
    (C.ABOUT, D.DECREASE, 8, True, 1.25, True),
    (C.ABOUT, D.NEAR, 10.4, True, 0.96, False),
    (C.ABOUT, D.NEAR, 9.6, True, 0.96, False),
    (C.ABOUT, D.NEAR, 10.6, False, 0.94, False),  # near-target: both sides within tolerance
    (C.ABOUT, D.NEAR, 9.4, False, 0.94, False),
    (C.BETWEEN, D.INCREASE, 11, True, 1.1, False),  # closed range, ratio to the lower end
    (C.BETWEEN, D.INCREASE, 12, True, 1.2, False),
    (C.BETWEEN, D.INCREASE, 13, False, 1.3, False),
    (C.BETWEEN, D.DECREASE, 10, True, 1.2, False),  # ratio to the upper end
    (C.BETWEEN, D.DECREASE, 9, False, 12 / 9, False),
    (C.BETWEEN, D.NEAR, 11, True, 1.0, False),  # inside the range: no distance
    (C.BETWEEN, D.NEAR, 13, False, 1 - 1 / 11, False),
    (C.AT_LEAST, D.DECREASE, 12, True, 10 / 12, False),
    (C.AT_MOST, D.INCREASE, 8, True, 0.8, False),
]


def _target(measure: Measure, comparator: Comparator, direction: Direction, **kw: object) -> Target:
    unit = UNITS[measure]
    ind = Indicator("x", "x", unit=unit, measure=measure, direction=direction)
    upper = Q_(12, unit) if comparator is C.BETWEEN else None
    return Target("T", ind, comparator, Q_(10, unit), "2023-12-31", upper=upper, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("measure", list(Measure))
@pytest.mark.parametrize(("comparator", "direction", "x", "met", "ratio", "exceeded"), CASES)
def test_comparator_measure_direction(  # noqa: PLR0917 (parametrized)
    measure: Measure,
    comparator: Comparator,
    direction: Direction,
    x: float,
    met: bool,
    ratio: float,
    exceeded: bool,
) -> None:
    t = _target(measure, comparator, direction)
    a = assess(t, Q_(x, UNITS[measure]))
    assert a.met is met
    assert a.status is (Status.ACHIEVED if met else Status.NOT_ACHIEVED)
    assert a.attainment == pytest.approx(ratio)
    assert a.score == pytest.approx(min(max(ratio, 0.0), 1.0))
    assert a.exceeded is exceeded
    assert a.gap is not None
    pp = measure in {Measure.GROWTH, Measure.SHARE}
    assert str(a.gap.units) == ("percentage_point" if pp else UNITS[measure])
    if comparator is not C.BETWEEN:
        assert a.gap.magnitude == pytest.approx(x - 10)
    assert a.explain().startswith("T ")


def test_iati_worked_example() -> None:
    # IATI results guidance: baseline 15, target 50, actual 53 -> met; progress (53-15)/(50-15).
    ind = Indicator("r", "result", unit="item", measure=Measure.LEVEL)
    t = Target("R", ind, C.AT_LEAST, Q_(50, "item"), "2023-12-31")
    a = assess(t, Q_(53, "item"), baseline=Q_(15, "item"))
    assert a.met is True
    assert a.status is Status.ACHIEVED
    assert a.progress == pytest.approx((53 - 15) / (50 - 15))
    assert a.attainment == pytest.approx(53 / 50)


def test_google_okr_grading() -> None:
    # Google re:Work OKR guide: 6 features planned, 3 launched -> 0.5.
    ind = Indicator("f", "features launched", unit="item", measure=Measure.FLOW)
    t = Target("KR", ind, C.EQUAL, Q_(6, "item"), "2023-12-31")
    a = assess(t, Q_(3, "item"))
    assert a.score == 0.5
    assert a.met is False


def test_about_tolerance_per_target_and_per_call() -> None:
    t = _target(Measure.SHARE, C.ABOUT, D.NEAR)
    assert assess(t, Q_(10.8, "percent")).met is False
    wide = Tolerance(absolute=Q_(1, "percentage_point"))
    assert assess(t, Q_(10.8, "percent"), tolerance=wide).met is True
    own = _target(Measure.SHARE, C.ABOUT, D.NEAR, tolerance=Tolerance(relative=0.01))
    assert assess(own, Q_(10.2, "percent"), tolerance=wide).met is False  # the target's own wins
    lvl = _target(Measure.LEVEL, C.ABOUT, D.NEAR)
    assert assess(lvl, Q_(10.6, "enterprise"), tolerance=Tolerance(relative=0.1)).met is True


def test_about_11_percent_met_by_14_6() -> None:
    ind = Indicator("digital", "digital core share", unit="percent", measure=Measure.SHARE)
    t12 = Target("T12", ind, C.ABOUT, Q_(11, "percent"), "2023-12-31")
    a = assess(t12, Observation("digital", Q_(14.6, "percent"), 2023))
    assert (a.met, a.exceeded) == (True, True)
    assert a.gap == Q_(3.6, "percentage_point") or a.gap.magnitude == pytest.approx(3.6)


def test_growth_from_two_levels_is_noted() -> None:
    ind = Indicator("loans", "tech loans", unit="percent", measure=Measure.GROWTH)
    t17 = Target("T17", ind, C.MORE_THAN, Q_(10, "percent"), "2023-12-31")
    levels = [
        Observation("loans", parse_quantity("4030.62亿元"), "2022-12-31"),
        Observation("loans", parse_quantity("4496.97亿元"), "2023-12-31"),
    ]
    a = assess(t17, levels)
    assert a.computed_growth
    assert a.observed is not None
    assert a.observed.magnitude == pytest.approx((4496.97 / 4030.62 - 1) * 100)
    assert a.status is Status.ACHIEVED
    assert "nominal" in a.explain()
    # A published rate for the same period wins over the computed one.
    b = assess(t17, [*levels, Observation("loans", Q_(11.56, "percent"), "2023-12-31")])
    assert not b.computed_growth
    assert b.observed == Q_(11.56, "percent")


def test_average_annual_growth_compound_from_baseline() -> None:
    ind = Indicator("gdp", "gdp", unit="hundred_million_yuan", measure=Measure.LEVEL)
    base = Observation("gdp", Q_(100, "亿元"), "2020-12-31")
    t = Target(
        "G",
        ind,
        C.AT_LEAST,
        Q_(7, "percent"),
        "2025-12-31",
        start="2021-01-01",
        basis="average_annual",
        baseline=base,
    )
    a = assess(t, Observation("gdp", Q_(140, "亿元"), "2025-12-31"))
    rate = ((140 / 100) ** (1 / 5) - 1) * 100
    assert a.observed is not None
    assert a.observed.magnitude == pytest.approx(rate)
    assert a.met is False  # 6.96 % a year < 7 %
    assert str(a.gap.units) == "percentage_point"  # type: ignore[union-attr]
    assert a.progress == pytest.approx(40 / (100 * 1.07**5 - 100))
    no_base = Target("G", ind, C.AT_LEAST, Q_(7, "percent"), "2025-12-31", basis="average_annual")
    b = assess(no_base, Observation("gdp", Q_(140, "亿元"), "2025-12-31"))
    assert b.status is Status.NO_DATA
    assert "no baseline" in b.explain()


def test_change_and_percent_change_bases() -> None:
    ind = Indicator("share", "share", unit="percent", measure=Measure.SHARE)
    base = Observation("share", Q_(8.7, "percent"), "2022-12-31")
    up = Target(
        "C", ind, C.AT_LEAST, Q_(2, "percentage_point"), "2023-12-31", basis="change", baseline=base
    )
    assert assess(up, Q_(11, "percent")).met is True
    energy = Indicator(
        "energy",
        "energy per GDP",
        unit="dimensionless",
        measure=Measure.LEVEL,
        direction="decrease",
    )
    b2 = Observation("energy", Q_(1, "dimensionless"), "2020-12-31")
    cut = Target(
        "E",
        energy,
        C.AT_MOST,
        Q_(-13.5, "percent"),
        "2025-12-31",
        basis="percent_change",
        baseline=b2,
    )
    a = assess(cut, Q_(0.85, "dimensionless"))
    assert a.met is True  # -15 % <= -13.5 %
    assert a.attainment == pytest.approx(15 / 13.5)


def test_bound_observation() -> None:
    ind = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
    t8 = Target("T8", ind, C.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
    low = assess(t8, Observation("hte", Q_(12000, "enterprise"), "2023-12-31", bound="at_least"))
    assert low.met is None
    assert low.bound
    assert low.status is Status.NO_DATA
    high = assess(t8, Observation("hte", Q_(14000, "enterprise"), "2023-12-31", bound="at_least"))
    assert (high.met, high.status) == (True, Status.ACHIEVED)


def test_vintages_latest_release_and_as_of() -> None:
    ind = Indicator("gdp_growth", "GDP growth", unit="percent", measure=Measure.GROWTH)
    t = Target("G", ind, C.AT_LEAST, Q_(4.2, "percent"), "2022-12-31")
    early = Observation("gdp_growth", Q_(4.5, "percent"), 2022, released="2023-01-05")
    final = Observation("gdp_growth", Q_(4.0, "percent"), 2022, released="2023-06-30")
    assert assess(t, [final, early]).met is False
    assert assess(t, [final, early], as_of="2023-03-01").met is True
    assert assess(t, [final, early], as_of="2022-12-01").status is Status.NO_DATA


def test_flow_met_before_its_period_ends_is_achieved_early() -> None:
    ind = Indicator("labs", "national key labs approved", unit="laboratory", measure=Measure.FLOW)
    t3 = Target("T3", ind, C.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
    mid = Observation(
        "labs", Q_(11, "laboratory"), Period("2023-01-01", "2023-08-06"), released="2023-08-06"
    )
    a = assess(t3, mid)
    assert (a.status, a.met, a.early) == (Status.ACHIEVED, True, True)
    # Not yet there: pending, no verdict.
    b = assess(t3, Observation("labs", Q_(6, "laboratory"), "2023-H1"))
    assert (b.status, b.met) == (Status.PENDING, None)
    # A ceiling (AT_MOST) is not met early: more may come.
    cap = Target("K", ind, C.AT_MOST, Q_(10, "laboratory"), "2023-12-31")
    assert assess(cap, Observation("labs", Q_(6, "laboratory"), "2023-H1")).status is Status.PENDING


def test_level_met_before_deadline_is_met_so_far_not_achieved() -> None:
    # High-tech enterprises lose their certification: the stock can fall back
    # before the year ends, so a mid-year count over the target decides nothing.
    ind = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
    t8 = Target("T8", ind, C.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
    a = assess(t8, Observation("hte", Q_(13500, "enterprise"), "2023-06-30"))
    assert (a.status, a.met, a.early, a.met_so_far) == (Status.PENDING, None, False, True)
    assert "met so far" in a.explain()
    b = assess(t8, Observation("hte", Q_(12500, "enterprise"), "2023-06-30"))
    assert (b.status, b.met_so_far) == (Status.PENDING, False)


def test_a_level_that_only_grows_is_decided_early() -> None:
    # Labs built can only add up: 21 by mid-year of a "at least 20" target is
    # achieved for good; "at most 20" is broken for good.
    built = Indicator("labs_built", "laboratories built", unit="laboratory",
                      measure=Measure.LEVEL, only_grows=True)  # fmt: skip
    mid = Observation("labs_built", Q_(21, "laboratory"), "2023-06-30")
    floor = Target("F", built, C.AT_LEAST, Q_(20, "laboratory"), "2023-12-31")
    a = assess(floor, mid)
    assert (a.status, a.met, a.early, a.met_so_far) == (Status.ACHIEVED, True, True, False)
    ceiling = Target("K", built, C.AT_MOST, Q_(20, "laboratory"), "2023-12-31")
    b = assess(ceiling, mid)
    assert (b.status, b.met, b.early) == (Status.NOT_ACHIEVED, False, True)
    # Below a floor, or under a ceiling, it can still change: pending.
    low = assess(floor, Observation("labs_built", Q_(15, "laboratory"), "2023-06-30"))
    assert (low.status, low.met) == (Status.PENDING, None)
    room = assess(ceiling, Observation("labs_built", Q_(15, "laboratory"), "2023-06-30"))
    assert (room.status, room.met_so_far) == (Status.PENDING, True)


CENTRES = Indicator("centres", "centres built", unit="centre", measure=Measure.FLOW)
# Centres built each year of a 2021-2025 window (made up for the arithmetic).
CENTRES_BUILT = [
    Observation("centres", Q_(v, "centre"), y)
    for y, v in {2021: 2, 2022: 3, 2023: 1, 2024: 2, 2025: 1}.items()
]


def _centres(value: float, **kw: object) -> Target:
    """At least *value* centres by 2025-12-31, over a window from 2021."""
    return Target(
        "C",
        CENTRES,
        C.AT_LEAST,
        Q_(value, "centre"),
        "2025-12-31",
        start="2021-01-01",
        **kw,  # type: ignore[arg-type]
    )


def test_multi_year_flow_value_is_the_deadline_year() -> None:
    # A VALUE target on a flow measures the deadline year's total, whatever
    # the window: 2025 alone here, 1 centre.
    a = assess(_centres(1), CENTRES_BUILT)
    assert a.observed == Q_(1, "centre")
    assert a.status is Status.ACHIEVED
    assert "cumulative over several periods" not in a.notes


def test_cumulative_flow_sums_the_window_and_says_when_incomplete() -> None:
    t = _centres(10, basis="cumulative")
    obs = CENTRES_BUILT
    a = assess(t, obs)
    # 2 + 3 + 1 + 2 + 1 = 9 centres over 2021-2025, short of 10.
    assert a.observed == Q_(9, "centre")
    assert a.status is Status.NOT_ACHIEVED
    assert "cumulative over several periods" in a.notes
    holes = assess(t, [o for o in obs if o.period.start.year != 2023])
    assert "covered periods incomplete" in holes.notes
    assert holes.status is Status.PENDING


def test_milestones() -> None:
    t = _centres(
        10,
        basis="cumulative",
        milestones=[
            Milestone("2022-12-31", Q_(4, "centre")),
            Milestone("2023-12-31", Q_(6, "centre")),
        ],
    )
    obs = [
        Observation("centres", Q_(2, "centre"), 2021),
        Observation("centres", Q_(1, "centre"), 2022),
    ]
    a = assess(t, obs)
    assert a.milestone is not None
    assert str(a.milestone.deadline) == "2022-12-31"
    assert (a.status, a.met) == (Status.PENDING, False)
    assert a.attainment == pytest.approx(3 / 4)
    assert a.compared_with == Q_(4, "centre")


def test_met_late() -> None:
    ind = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
    t = Target("T8", ind, C.MORE_THAN, Q_(13000, "enterprise"), "2022-12-31")
    obs = [
        Observation("hte", Q_(12000, "enterprise"), "2022-12-31"),
        Observation("hte", Q_(14500, "enterprise"), "2023-12-31"),
        Observation("hte", Q_(16000, "enterprise"), "2024-12-31"),
    ]
    a = assess(t, obs)
    assert a.status is Status.NOT_ACHIEVED
    assert a.achieved_late == Period.at("2023-12-31")
    assert "achieved late" in a.notes


def test_unit_mismatch_and_wrong_indicator() -> None:
    ind = Indicator("turnover", "turnover", unit="hundred_million_yuan", measure=Measure.FLOW)
    t = Target("T10", ind, C.MORE_THAN, Q_(1450, "亿元"), "2023-12-31")
    with pytest.raises(UnitMismatchError, match="T10"):
        assess(t, Q_(5, "enterprise"))
    with pytest.raises(EvaluationError, match="measures"):
        assess(t, Observation("other", Q_(1, "亿元"), 2023))


def test_no_observation_is_no_data() -> None:
    t = _target(Measure.LEVEL, C.AT_LEAST, D.INCREASE)
    a = assess(t, None)
    assert (a.status, a.met, a.attainment, a.gap) == (Status.NO_DATA, None, None, None)
    assert a.explain() == "T no data: no observation applies"


def test_explain_names_the_source() -> None:
    ind = Indicator(
        "pat",
        "patents per 10,000 people",
        unit="patent / ten_thousand_person",
        measure=Measure.LEVEL,
    )
    t21 = Target("T21", ind, C.EQUAL, Q_(30, "patent / ten_thousand_person"), "2023-12-31")
    src = Source("《2023年武汉知识产权发展与保护状况》")
    o = Observation(
        "pat",
        Q_(34.56, "patent / ten_thousand_person"),
        "2023-12-31",
        released="2024-04-26",
        source=src,
    )
    line = assess(t21, o).explain()
    assert "achieved" in line
    assert "exceeded" in line
    assert "released 2024-04-26" in line
    assert math.isclose(assess(t21, o).attainment or 0, 34.56 / 30)


def test_a_ratio_in_its_own_unit_is_reported_in_that_unit():
    # Physicians per 1,000 people: 3.15 in 2022 against 3.2 by 2025. The engine holds
    # the dimensionless ratio in percent (0.315 %); the result speaks the indicator's
    # unit: observed 3.15, compared with 3.2, gap 3.15 - 3.2 = -0.05 person / thousand_person.
    from innovplan import Q_
    from innovplan.evaluate import assess
    from innovplan.model import Comparator, Indicator, Measure, Observation, Target

    unit = "person / thousand_person"
    ind = Indicator("docs", "physicians per 1,000 people", unit=unit, measure=Measure.LEVEL)
    t = Target("T10", ind, Comparator.AT_LEAST, Q_(3.2, unit), "2025-12-31", start="2021-01-01")
    a = assess(t, [Observation("docs", Q_(3.15, unit), "2022-12-31")])
    assert a.observed is not None
    assert str(a.observed.units) == "person / thousand_person"
    assert a.observed.magnitude == pytest.approx(3.15)
    assert a.compared_with is not None
    assert a.compared_with.magnitude == pytest.approx(3.2)
    assert a.gap is not None
    assert str(a.gap.units) == "person / thousand_person"
    assert a.gap.magnitude == pytest.approx(-0.05)


def test_assessment_and_forecast_speak_the_same_unit_for_a_plain_index():
    # A dimensionless index at 190, 193, 196 (2020-2022) against 200 by 2025: the
    # engine holds it as 19,600 percent; both results give 196 and 200 in its own unit.
    from innovplan import Q_
    from innovplan.evaluate import assess, forecast
    from innovplan.model import Comparator, Indicator, Measure, Observation, Target

    ind = Indicator("idx", "an index", unit="dimensionless", measure=Measure.LEVEL)
    t = Target(
        "T", ind, Comparator.AT_LEAST, Q_(200, "dimensionless"), "2025-12-31", start="2021-01-01"
    )
    obs = [
        Observation("idx", Q_(v, "dimensionless"), f"{y}-12-31")
        for y, v in ((2020, 190), (2021, 193), (2022, 196))
    ]
    a = assess(t, obs)
    f = forecast(t, obs, method="linear")
    assert a.observed is not None
    assert f.point is not None
    assert str(a.observed.units) == str(f.point.units) == "dimensionless"
    assert a.observed.magnitude == pytest.approx(196.0)
    assert a.compared_with is not None
    assert a.compared_with.magnitude == pytest.approx(200.0)
    # Line through (2020, 190), (2021, 193), (2022, 196): 196 + 3 * 3 = 205 at end-2025.
    assert f.point.magnitude == pytest.approx(205.0)
