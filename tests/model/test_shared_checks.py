"""Checks decided once per unit, and values the model keeps as they are, still refuse what they must.

A plan of many targets decides whether a unit fits an indicator once per
combination, and keeps quantities, dates and wordings already of the model's
types without converting them again; these tests make sure a decision made
for one target is never carried over to a target it does not hold for.
"""

import datetime as dt

import attrs
import pytest

from innovplan import Q_
from innovplan.errors import ModelError
from innovplan.model import Basis, Comparator, Goal, Indicator, Measure, Plan, Target, Wording

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure="level")
TURNOVER = Indicator("turnover", "turnover", unit="hundred_million_yuan", measure=Measure.FLOW)
LABS = Indicator("labs", "laboratories", unit="laboratory", measure=Measure.LEVEL)
JOBS = Indicator("jobs", "new jobs", unit="person", measure=Measure.FLOW)


def make(indicator: Indicator, value: object, **kw: object) -> Target:
    return Target("T1", indicator, Comparator.MORE_THAN, value, "2023-12-31", **kw)


def test_a_unit_that_fits_one_indicator_is_refused_for_another() -> None:
    make(TURNOVER, Q_(1450, "hundred_million_yuan"))  # fits: decided and remembered
    with pytest.raises(ModelError, match=r"unit 'hundred_million_yuan' .* does not fit"):
        make(HTE, Q_(1450, "hundred_million_yuan"))


def test_a_unit_that_fits_one_basis_is_refused_for_another() -> None:
    make(TURNOVER, Q_(1450, "hundred_million_yuan"), basis=Basis.VALUE)
    with pytest.raises(ModelError, match=r"expects dimensionless"):
        make(TURNOVER, Q_(1450, "hundred_million_yuan"), basis=Basis.PERCENT_CHANGE)


def test_a_negative_count_is_refused_after_positive_ones_in_the_same_unit() -> None:
    make(LABS, Q_(10, "laboratory"))
    make(LABS, Q_(0, "laboratory"))
    with pytest.raises(ModelError, match=r"a count cannot be negative, got -1 laborator"):
        make(LABS, Q_(-1, "laboratory"))
    # A change may fall: the same negative value is fine against basis 'change'.
    assert make(LABS, Q_(-1, "laboratory"), basis=Basis.CHANGE).value.magnitude == -1


def test_quantities_kept_as_they_are_only_when_nothing_needs_converting() -> None:
    q = Q_(5.5e7, "person")
    assert make(JOBS, q).value is q
    # A non-finite or bool magnitude is still refused by the full conversion.
    with pytest.raises(ModelError, match=r"finite"):
        make(JOBS, Q_(float("inf"), "person"))
    with pytest.raises(ModelError, match=r"one real number"):
        make(JOBS, Q_("1.5 person").__class__(1j, "person"))


def test_a_wording_is_kept_and_a_bad_one_still_refused() -> None:
    w = Wording({"en": "above 13,000", "zh": "突破13000家"})
    assert make(HTE, Q_(13000, "enterprise"), wording=w).wording is w
    with pytest.raises(ModelError, match=r"a language appears twice: \['en', 'en'\]"):
        Wording((("en", "a"), ("en", "b")))
    with pytest.raises(ModelError, match=r"a language tag is empty"):
        Wording({"": "a"})


def test_a_plan_gives_its_start_to_copies_and_leaves_the_targets_given_alone() -> None:
    t = make(HTE, Q_(13000, "enterprise"), weight=0.5)
    plan = Plan(
        "p", "P", start="2021-03-01", end="2025-12-31", goals=[Goal("G1", "g", targets=[t])]
    )
    inside = plan.target("T1")
    assert inside == attrs.evolve(t, plan_start=dt.date(2021, 3, 1))
    assert inside.period_start == dt.date(2021, 3, 1)
    assert t.plan_start is None  # the target given is not changed
    assert t.period_start == dt.date(2023, 1, 1)  # its own: 1 January of the deadline year
    assert attrs.asdict(inside, recurse=False) == {
        **attrs.asdict(t, recurse=False),
        "plan_start": dt.date(2021, 3, 1),
    }


def test_a_plan_still_refuses_a_target_that_fails_its_checks() -> None:
    early = make(HTE, Q_(13000, "enterprise"))
    with pytest.raises(ModelError, match=r"deadline 2023-12-31 of target 'T1' precedes"):
        Plan("p", "P", start="2024-01-01", end="2025-12-31", goals=[Goal("G", "g", [early])])
