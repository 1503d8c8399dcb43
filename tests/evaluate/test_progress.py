"""progress: base and latest selection, direction, targets already met, published examples."""

from __future__ import annotations

import math

import pytest

from innovplan import Q_, datasets
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import PROGRESS_METHODS, progress, progress_many
from innovplan.model import Comparator, Direction, Indicator, Measure, Observation, Status, Target


def _ind(direction: Direction = Direction.INCREASE, measure: Measure = Measure.LEVEL) -> Indicator:
    return Indicator("x", "x", unit="item", measure=measure, direction=direction)


def _at(year: int, v: float) -> Observation:
    return Observation("x", Q_(v, "item"), f"{year}-12-31")


def _t(comp: Comparator, v: float, deadline: str, ind: Indicator | None = None) -> Target:
    return Target("T", ind or _ind(), comp, Q_(v, "item"), deadline)


T8_OBS = datasets.wuhan_2023_observations()


def test_eurostat_on_wuhan_t8_by_hand() -> None:
    t8 = datasets.wuhan_2023().target("T8")
    p = progress(t8, T8_OBS, as_of="2023-01-29")
    # Base 2012 (960), latest 2022 (">12,000" read as 12,000), target 13,000 by 2023:
    # CAGR observed (12000/960)**(1/10) - 1 = 0.28733, required (13000/960)**(1/11) - 1
    # = 0.26730, R = 1.0749 >= 0.95: on track; score 5 * (R - 0.6) / 0.7 = 3.39.
    assert p.base is not None
    assert p.base.value == Q_(960, "enterprise")
    assert p.latest is not None
    assert p.latest.value == Q_(12000, "enterprise")
    assert p.ratio == pytest.approx(((12000 / 960) ** 0.1 - 1) / ((13000 / 960) ** (1 / 11) - 1))
    assert p.status is Status.ON_TRACK
    assert p.score == pytest.approx(5 * (p.ratio - 0.6) / 0.7)
    assert p.goal == Q_(13000, "enterprise")
    # Short-term: the earliest observation in the last five years, 2017 (2,827).
    short = progress(t8, T8_OBS, as_of="2023-01-29", window=5)
    assert short.base is not None
    assert short.base.value == Q_(2827, "enterprise")
    # A base year: the latest observation at or before it.
    b = progress(t8, T8_OBS, as_of="2023-01-29", base=2019)
    assert b.base is not None
    assert str(b.base.period) == "2018-12-31"


def test_sdsn_linear_and_compound_disagree_and_say_which() -> None:
    t8 = datasets.wuhan_2023().target("T8")
    lin = progress(t8, T8_OBS, method="sdsn", as_of="2023-01-29")
    # Linear: (12000 - 960) / 10 = 1104 a year against (13000 - 960) / 11 = 1094.5.
    assert lin.ratio == pytest.approx(1104 / ((13000 - 960) / 11))
    assert lin.growth == "linear"
    comp = progress(t8, T8_OBS, method="sdsn", growth="compound", as_of="2023-01-29")
    assert comp.growth == "compound"
    assert comp.ratio == pytest.approx(1.0749, abs=1e-4)
    assert lin.status is comp.status is Status.ON_TRACK


def test_unsd_lower_is_better() -> None:
    ind = _ind(Direction.DECREASE)
    obs = [_at(2015, 100.0), _at(2020, 90.0)]
    p = progress(_t(Comparator.AT_MOST, 50.0, "2030-12-31", ind), obs, method="unsd")
    # CR = (0.9**(1/5) - 1) / (0.5**(1/15) - 1) = -0.02085 / -0.04516 = 0.462: limited.
    assert p.ratio == pytest.approx((0.9**0.2 - 1) / (0.5 ** (1 / 15) - 1))
    assert p.status is Status.LIMITED
    # Moving the wrong way: deterioration.
    worse = progress(_t(Comparator.AT_MOST, 50.0, "2030-12-31", ind), [*obs[:1], _at(2020, 110.0)])
    assert worse.status is Status.DETERIORATING


def test_unsd_expected_projects_at_the_observed_rate() -> None:
    obs = [_at(2015, 100.0), _at(2020, 110.0)]
    p = progress(_t(Comparator.AT_LEAST, 130.0, "2030-12-31"), obs, method="unsd-expected")
    # 110 * 1.1**(10/5) = 133.1: (133.1 - 100) / 30 = 1.103.
    assert p.projected is not None
    assert p.projected.magnitude == pytest.approx(133.1)
    assert p.ratio == pytest.approx(33.1 / 30)
    assert p.status is Status.ON_TRACK


def test_escap_anticipated_from_the_regression_line() -> None:
    obs = [_at(2015, 20.0), _at(2016, 25.0), _at(2017, 30.0)]
    p = progress(_t(Comparator.AT_LEAST, 80.0, "2020-12-31"), obs, method="escap")
    # Line 5 a year: 30 + 3 * 5 = 45 at the deadline; (45 - 20) / (80 - 20) = 0.417: accelerate.
    assert p.projected is not None
    assert p.projected.magnitude == pytest.approx(45.0)
    assert p.ratio == pytest.approx(25 / 60)
    assert p.status is Status.MODERATE
    assert p.current_status == pytest.approx(10 / 60)


def test_aarr_child_mortality() -> None:
    ind = _ind(Direction.DECREASE)
    # MDG 4: reduce under-five mortality by two thirds 1990-2015 (90 -> 30). With 48
    # in 2012 the required rate is -ln(30/48)/3 = 0.1567 a year; the actual rate
    # -ln(48/90)/22 = 0.02857: ratio 0.182, limited.
    obs = [_at(1990, 90.0), _at(2012, 48.0)]
    p = progress(_t(Comparator.AT_MOST, 30.0, "2015-12-31", ind), obs, method="aarr")
    assert p.ratio == pytest.approx((-math.log(48 / 90) / 22) / (-math.log(30 / 48) / 3))
    assert p.status is Status.LIMITED
    # Both rates, as UNICEF's report cards print them.
    assert p.actual_rate == pytest.approx(-math.log(48 / 90) / 22)
    assert p.required_rate == pytest.approx(-math.log(30 / 48) / 3)
    assert "2.9% a year against 15.7% required" in p.explain()
    # The 4.4 % a year the goal implied: -ln(1/3) / 25.
    whole = progress(
        _t(Comparator.AT_MOST, 30.0, "2015-12-31", ind),
        [_at(1990, 90.0), _at(2015, 30.0)],
        method="aarr",
    )
    assert whole.status is Status.ACHIEVED
    assert math.log(3) / 25 == pytest.approx(0.0439, abs=1e-4)


def test_already_met_stock_and_flow() -> None:
    obs = [_at(2019, 10.0), _at(2022, 25.0)]
    for method in PROGRESS_METHODS:
        if method == "eurostat-no-target":  # reads no target: see its own test
            continue
        p = progress(_t(Comparator.AT_LEAST, 20.0, "2023-12-31"), obs, method=method)
        assert p.status is Status.ACHIEVED, method
    flow = Indicator("x", "x", unit="item", measure=Measure.FLOW)
    yearly = [Observation("x", Q_(v, "item"), y) for y, v in ((2020, 10.0), (2022, 25.0))]
    f = progress(_t(Comparator.AT_LEAST, 20.0, "2023-12-31", flow), yearly)
    # A flow is measured anew each year: last year's total at the level is on track.
    assert f.status is Status.ON_TRACK
    assert "latest period" in (f.reason or "")


def test_not_assessable_says_why() -> None:
    one = progress(_t(Comparator.AT_LEAST, 20.0, "2023-12-31"), [_at(2022, 10.0)])
    assert one.status is Status.NO_DATA
    assert "two observations" in (one.reason or "")
    none = progress(_t(Comparator.AT_LEAST, 20.0, "2023-12-31"), [])
    assert none.status is Status.NO_DATA
    after = progress(_t(Comparator.AT_LEAST, 20.0, "2020-12-31"), [_at(2019, 1.0), _at(2022, 10.0)])
    assert after.status is Status.NO_DATA
    assert "after the deadline" in (after.reason or "")
    # Compound rates across a change of sign mean nothing (Open SDG).
    bal = Indicator("b", "balance", unit="percent", measure=Measure.SHARE)
    signs = progress(
        Target("B", bal, Comparator.AT_LEAST, Q_(20, "percent"), "2023-12-31"),
        [Observation("b", Q_(v, "percent"), f"{y}-12-31") for y, v in ((2019, -5), (2022, 10))],
    )
    assert signs.status is Status.NO_DATA
    assert "one sign" in (signs.reason or "")


def test_thresholds_and_bad_arguments() -> None:
    t8 = datasets.wuhan_2023().target("T8")
    strict = progress(t8, T8_OBS, as_of="2023-01-29", thresholds=(1.2, 0.6, 0.0))
    assert strict.status is Status.MODERATE  # R = 1.07 < 1.2
    assert strict.thresholds == (1.2, 0.6, 0.0)
    with pytest.raises(UnknownIdError):
        progress(t8, T8_OBS, method="oecd")
    with pytest.raises(EvaluationError):
        progress(t8, T8_OBS, method="sdsn", growth="quadratic")
    with pytest.raises(EvaluationError):
        progress(t8, T8_OBS, base=2015, window=5)
    with pytest.raises(EvaluationError):
        progress(t8, T8_OBS, thresholds=(0.1, 0.5, 0.9))


def test_progress_many_equals_progress() -> None:
    plan = datasets.wuhan_2023()
    many = progress_many(plan, T8_OBS, as_of="2023-08-06")
    for t, p in zip(plan.targets, many, strict=True):
        assert p == progress(t, T8_OBS, as_of="2023-08-06")


def test_eurostat_all_negative_values_flip_the_direction() -> None:
    # Open SDG "Minimum data requirements": all values negative -> direction flipped.
    # -10 (2015) -> -8 (2017), target at least -4 by the end of 2030 (15 years after 2015):
    # R = -1 * (0.8**0.5 - 1) / |0.4**(1/15) - 1| = 0.1055728 / 0.0592519 = 1.78176: on track.
    bal = Indicator("b", "balance", unit="percent", measure=Measure.SHARE)
    obs = [Observation("b", Q_(v, "percent"), f"{y}-12-31") for y, v in ((2015, -10), (2017, -8))]
    p = progress(Target("B", bal, Comparator.AT_LEAST, Q_(-4, "percent"), "2030-12-31"), obs)
    assert p.ratio == pytest.approx((1 - 0.8**0.5) / (1 - 0.4 ** (1 / 15)))
    assert p.status is Status.ON_TRACK


def test_escap_on_two_points_uses_the_line_through_them() -> None:
    # Observed 20 (2015) and 35 (2020): the line rises 3 a year, so it reaches
    # 35 + 3 * 10 = 65 by the end of 2030. Anticipated share (65 - 20) / (80 - 20)
    # = 0.75: accelerate (MODERATE); current status (35 - 20) / 60 = 0.25.
    obs = [_at(2015, 20.0), _at(2020, 35.0)]
    p = progress(_t(Comparator.AT_LEAST, 80.0, "2030-12-31"), obs, method="escap")
    assert p.projected is not None
    assert p.projected.magnitude == pytest.approx(65.0)
    assert p.ratio == pytest.approx(0.75)
    assert p.status is Status.MODERATE
    assert p.current_status == pytest.approx(0.25)


def test_escap_gives_the_current_status_index_when_no_line_can_be_drawn() -> None:
    # One observation (35 in 2020) against the target's baseline of 20 (2015):
    # no line through observations, but the current status index is (35 - 20) / 60.
    base = Observation("x", Q_(20.0, "item"), "2015-12-31")
    t = Target("T", _ind(), Comparator.AT_LEAST, Q_(80.0, "item"), "2030-12-31", baseline=base)
    p = progress(t, [_at(2020, 35.0)], method="escap")
    assert p.status is Status.NO_DATA
    assert p.current_status == pytest.approx(0.25)
    assert "only the current status index could be computed" in (p.reason or "")


def test_eurostat_no_target_is_a_named_method() -> None:
    # Open SDG's worked figure: 100 (2015) to 102.01 (2017) is 1 % a year, between
    # 0.5 % and 1.5 %: progress made, acceleration needed (MODERATE). The target's
    # own value (far above) plays no part.
    obs = [_at(2015, 100.0), _at(2017, 102.01)]
    p = progress(_t(Comparator.AT_LEAST, 500.0, "2030-12-31"), obs, method="eurostat-no-target")
    assert p.ratio == pytest.approx(0.01)
    assert p.actual_rate == pytest.approx(0.01)
    assert p.status is Status.MODERATE
    assert "+1.0% a year" in p.explain()
    # With a natural limit of 100 items and a base of 90, the thresholds shrink by
    # C = 1 - 0.9**4.44 = 0.3736: 1 % a year then clears 1.5 % * 0.3736 = 0.56 %.
    near = [_at(2015, 90.0), _at(2017, 90.0 * 1.01**2)]
    limited = progress(
        _t(Comparator.AT_LEAST, 500.0, "2030-12-31"),
        near,
        method="eurostat-no-target",
        limit=Q_(100, "item"),
    )
    assert limited.status is Status.ON_TRACK
    unlimited = progress(
        _t(Comparator.AT_LEAST, 500.0, "2030-12-31"), near, method="eurostat-no-target"
    )
    assert unlimited.status is Status.MODERATE


def test_limit_belongs_to_the_no_target_method_and_fits_the_unit() -> None:
    obs = [_at(2015, 100.0), _at(2017, 102.01)]
    t = _t(Comparator.AT_LEAST, 500.0, "2030-12-31")
    with pytest.raises(EvaluationError, match="eurostat-no-target"):
        progress(t, obs, limit=Q_(100, "item"))
    with pytest.raises(EvaluationError, match="does not fit"):
        progress(t, obs, method="eurostat-no-target", limit=Q_(100, "yuan"))
