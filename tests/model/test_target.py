import datetime as dt

import attrs
import pytest

from innovplan import Q_
from innovplan.errors import ModelError
from innovplan.model import (
    Basis,
    Comparator,
    Direction,
    Indicator,
    Measure,
    Milestone,
    Nature,
    Observation,
    Target,
    Tolerance,
)

HTE = Indicator(
    "high_tech_enterprises", "high-tech enterprises", unit="enterprise", measure="level"
)
TURNOVER = Indicator(
    "tech_contract_turnover",
    {"en": "technology contract turnover", "zh": "技术合同成交额"},
    unit="hundred_million_yuan",
    measure=Measure.FLOW,
)
SHARE = Indicator("digital_core_share", "digital core share", unit="percent", measure="share")


def target(**kw):
    base = {
        "id": "T8",
        "indicator": HTE,
        "comparator": Comparator.MORE_THAN,
        "value": Q_(13000, "enterprise"),
        "deadline": "2023-12-31",
    }
    base.update(kw)
    return Target(**base)


def test_defaults():
    t = target()
    assert t.basis is Basis.VALUE
    assert t.nature is Nature.ANTICIPATORY
    assert t.period_start == dt.date(2023, 1, 1)
    assert t.measure is Measure.LEVEL
    assert t.indicator.direction is Direction.INCREASE
    assert t.weight == 1.0


def test_unit_must_fit_the_indicator_and_the_message_says_how():
    with pytest.raises(ModelError) as err:
        target(value=Q_(1.2e6, "m**2"))
    msg = str(err.value)
    assert msg.startswith("Target 'T8'.value: unit 'meter ** 2'")
    assert "does not fit indicator 'high_tech_enterprises'" in msg
    assert "expects [enterprise]" in msg


def test_other_countable_thing_does_not_fit():
    with pytest.raises(ModelError, match="does not fit indicator"):
        target(value=Q_(13000, "laboratory"))


def test_money_in_another_scale_fits():
    t = target(id="T10", indicator=TURNOVER, value=Q_(1.45e11, "yuan"))
    assert t.value.to("hundred_million_yuan").magnitude == pytest.approx(1450)


def test_other_currency_does_not_fit():
    with pytest.raises(ModelError, match=r"currency_USD.*expects \[currency_CNY\]"):
        target(id="T10", indicator=TURNOVER, value=Q_(20, "USD"))


def test_negative_count_is_refused_for_values_but_not_for_changes():
    with pytest.raises(ModelError, match="a count cannot be negative"):
        target(value=Q_(-1, "enterprise"))
    t = target(basis=Basis.CHANGE, comparator="at_least", value=Q_(-100, "enterprise"))
    assert t.value.magnitude == -100


def test_between_needs_upper_and_order():
    with pytest.raises(ModelError, match="BETWEEN needs two values"):
        target(comparator="between")
    with pytest.raises(ModelError, match="upper 10 % is below value 12 %"):
        target(
            indicator=SHARE,
            comparator="between",
            value=Q_(12, "percent"),
            upper=Q_(10, "percent"),
        )
    t = target(
        indicator=SHARE, comparator="between", value=Q_(10, "percent"), upper=Q_(12, "percent")
    )
    assert t.upper == Q_(12, "percent")


def test_upper_without_between_is_refused():
    with pytest.raises(ModelError, match="only BETWEEN has an upper value"):
        target(upper=Q_(14000, "enterprise"))


def test_bad_comparator_lists_the_valid_ones():
    with pytest.raises(ModelError) as err:
        target(comparator="morethan")
    assert str(err.value) == (
        "Target 'T8'.comparator: 'morethan' is not one of "
        "at_least, more_than, at_most, less_than, about, equal, between"
    )


def test_percent_change_and_average_annual_take_percent_whatever_the_indicator():
    t = target(
        indicator=TURNOVER,
        basis=Basis.AVERAGE_ANNUAL,
        comparator="at_least",
        value=Q_(7, "percent"),
    )
    assert t.basis is Basis.AVERAGE_ANNUAL
    with pytest.raises(ModelError, match="expects dimensionless"):
        target(basis=Basis.PERCENT_CHANGE, value=Q_(5, "enterprise"))


def test_change_of_a_percent_indicator_may_be_in_percentage_points():
    t = target(
        indicator=SHARE,
        basis=Basis.CHANGE,
        comparator="at_least",
        value=Q_(2, "percentage_point"),
    )
    assert str(t.value.units) == "percentage_point"


def test_percentage_points_do_not_fit_a_level_of_percent():
    with pytest.raises(ModelError, match="does not fit"):
        target(indicator=SHARE, comparator="about", value=Q_(11, "percentage_point"))


def test_start_after_deadline_is_refused():
    with pytest.raises(ModelError, match="starts \\(2024-01-01\\) after its deadline"):
        target(start="2024-01-01")


def test_baseline_must_observe_the_same_indicator():
    other = Observation("x", Q_(1, "enterprise"), "2022-12-31")
    with pytest.raises(ModelError, match="baseline observes 'x'"):
        target(baseline=other)


def test_tolerance_rules():
    with pytest.raises(ModelError, match="exactly one of relative= and absolute="):
        Tolerance()
    with pytest.raises(ModelError, match="exactly one"):
        Tolerance(relative=0.1, absolute=Q_(1, "percentage_point"))
    with pytest.raises(ModelError, match="relative tolerance is a finite fraction"):
        Tolerance(relative=-0.1)
    ok = target(
        indicator=SHARE,
        comparator="about",
        value=Q_(11, "percent"),
        tolerance=Tolerance(absolute=Q_(0.5, "percentage_point")),
    )
    assert ok.tolerance.absolute.magnitude == 0.5
    with pytest.raises(ModelError, match="absolute tolerance in 'yuan' does not fit"):
        target(tolerance=Tolerance(absolute=Q_(5, "yuan")))


def test_milestones_in_period_and_order():
    five_year = {"start": "2021-01-01", "deadline": "2025-12-31", "indicator": TURNOVER}
    five_year["value"] = Q_(10000, "hundred_million_yuan")
    ok = target(
        **five_year,
        milestones=[Milestone("2023-12-31", Q_(6000, "亿元")), Milestone("2024-12-31", "8000亿元")],
    )
    assert len(ok.milestones) == 2
    with pytest.raises(ModelError, match=r"milestones\[0\]: milestone 2026-12-31 is outside"):
        target(**five_year, milestones=[Milestone("2026-12-31", Q_(1, "亿元"))])
    with pytest.raises(ModelError, match="not in time order"):
        target(
            **five_year,
            milestones=[
                Milestone("2024-12-31", Q_(1, "亿元")),
                Milestone("2023-12-31", Q_(1, "亿元")),
            ],
        )
    with pytest.raises(ModelError, match="does not fit"):
        target(**five_year, milestones=[Milestone("2024-12-31", Q_(1, "enterprise"))])


@pytest.mark.parametrize("w", [-1.0, float("nan"), float("inf"), True])
def test_weight_must_be_finite_and_not_negative(w):
    with pytest.raises(ModelError, match="weight"):
        target(weight=w)


def test_bad_id_is_refused():
    with pytest.raises(ModelError, match="an id is letters, digits"):
        target(id="T 8")


def test_frozen_hashable_and_evolve_equal():
    t = target(wording={"zh": "高新技术企业突破13000家"})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.id = "T9"
    same = attrs.evolve(t)
    assert same == t
    assert hash(same) == hash(t)
    changed = attrs.evolve(t, value=Q_(14000, "enterprise"))
    assert changed != t
    assert changed.value.magnitude == 14000


def test_evolve_still_validates():
    with pytest.raises(ModelError, match="does not fit"):
        attrs.evolve(target(), value=Q_(1, "yuan"))


def test_a_cumulative_target_needs_a_flow_or_yearly_rates():
    level = Indicator("pat", "patents per 10,000 people", unit="patent / ten_thousand_person",
                      measure="level")  # fmt: skip
    with pytest.raises(
        ModelError, match=r"basis: a cumulative target sums a flow.*'pat' is a level"
    ):
        Target("P", level, "at_least", Q_(12, "patent / ten_thousand_person"), "2025-12-31",
               basis="cumulative")  # fmt: skip
    rate = Indicator("energy", "energy per unit of GDP, change", unit="percent", measure="growth",
                     direction="decrease")  # fmt: skip
    t = Target("E", rate, "at_most", Q_(-13.5, "percent"), "2025-12-31", basis="cumulative")
    assert t.basis.value == "cumulative"


def test_only_grows_is_for_levels_and_is_a_boolean():
    assert Indicator("built", "labs built", unit="laboratory", measure="level",
                     only_grows=True).only_grows  # fmt: skip
    with pytest.raises(
        ModelError, match=r"only_grows: only a level .* can only grow; 'flow' is a flow"
    ):
        Indicator("flow", "labs approved", unit="laboratory", measure="flow", only_grows=True)
    with pytest.raises(ModelError, match=r"only_grows: expected true or false, got 'yes'"):
        Indicator("built", "labs built", unit="laboratory", measure="level", only_grows="yes")
