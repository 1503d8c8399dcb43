"""The plan's own checks name the same problem, in the same words, however many targets it has.

A plan checks its targets' ids, deadlines and indicators in passes over all
of them at once and runs a loop only to name a problem; these cases hold
the loop's answers where the fast passes hand over to it.
"""

import datetime as dt

import attrs
import pytest

from innovplan import Q_
from innovplan.errors import ModelError
from innovplan.model import Comparator, Goal, Indicator, Plan, Target

LABS = Indicator("labs", "national key laboratories", unit="laboratory", measure="flow")
HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure="level")


def target(ident: str, indicator: Indicator = LABS, deadline: str = "2023-12-31") -> Target:
    return Target(ident, indicator, Comparator.AT_LEAST, Q_(10, indicator.unit), deadline)


def plan(*goals: Goal) -> Plan:
    return Plan("p", "P", start="2023-01-01", end="2025-12-31", goals=goals)


def test_duplicate_target_ids_are_named_in_the_order_their_second_use_comes() -> None:
    # T1, T2, T2, T1: T2 is seen again first, then T1.
    goals = (
        Goal("G1", "a", targets=[target("T1"), target("T2")]),
        Goal("G2", "b", targets=[target("T2"), target("T1")]),
    )
    with pytest.raises(ModelError, match=r"targets: duplicate target ids: T2, T1$"):
        plan(*goals)


def test_the_first_target_before_the_start_is_named_by_its_place() -> None:
    goals = (
        Goal("G1", "a", targets=[target("T1"), target("T2")]),
        Goal("G2", "b", targets=[target("T3"), target("T4", deadline="2022-06-30")]),
    )
    with pytest.raises(
        ModelError, match=r"goals\[1\]\.targets\[1\]\.deadline: deadline 2022-06-30"
    ):
        plan(*goals)


def test_a_deadline_on_the_start_day_is_accepted() -> None:
    p = plan(Goal("G1", "a", targets=[target("T1", deadline="2023-01-01")]))
    assert p.target("T1").deadline == dt.date(2023, 1, 1)


def test_equal_indicators_of_one_id_are_one_indicator() -> None:
    twin = Indicator("labs", "national key laboratories", unit="laboratory", measure="flow")
    assert twin is not LABS
    assert twin == LABS
    p = plan(Goal("G1", "a", targets=[target("T1"), target("T2", HTE), target("T3", twin)]))
    assert [t.id for t in p.targets] == ["T1", "T2", "T3"]


def test_the_first_target_with_a_different_indicator_of_an_id_is_named() -> None:
    other = Indicator("labs", "laboratories", unit="laboratory", measure="level")
    twin = Indicator("labs", "national key laboratories", unit="laboratory", measure="flow")
    goals = (
        Goal("G1", "a", targets=[target("T1"), target("T2", HTE), target("T3", twin)]),
        Goal("G2", "b", targets=[target("T4", other), target("T5", other)]),
    )
    with pytest.raises(
        ModelError, match=r"indicator 'labs' is defined twice, differently \(see 'T4'\)"
    ):
        plan(*goals)


def test_a_goal_takes_a_subclass_of_target_and_names_a_stray_item_by_index() -> None:
    @attrs.frozen
    class Noted(Target):
        pass

    noted = Noted("T1", LABS, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
    assert Goal("G1", "a", targets=[target("T0"), noted]).targets[1] is noted
    with pytest.raises(ModelError, match=r"targets\[2\]: expected a Target, got 'T2'"):
        Goal("G1", "a", targets=[target("T0"), noted, "T2"])


def test_targets_take_the_start_of_the_plan_that_holds_them() -> None:
    own = attrs.evolve(target("T2", deadline="2024-12-31"), start="2024-01-01")
    p = plan(Goal("G1", "a", targets=[target("T1"), own]))
    assert [t.period_start for t in p.targets] == [dt.date(2023, 1, 1), dt.date(2024, 1, 1)]
    assert [t.plan_start for t in p.targets] == [dt.date(2023, 1, 1)] * 2
