import attrs
import pytest

from innovplan import Q_
from innovplan.errors import ModelError, UnknownIdError
from innovplan.model import Area, Comparator, Goal, Indicator, Plan, Target, Task

LABS = Indicator("labs_approved", "national key laboratories approved", unit="laboratory",
                 measure="flow")  # fmt: skip
HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure="level")


def t(ident, indicator=LABS, value=10, deadline="2023-12-31"):
    unit = indicator.unit
    return Target(ident, indicator, Comparator.AT_LEAST, Q_(value, unit), deadline)


def plan(**kw):
    base = {
        "start": "2023-01-01",
        "end": "2023-12-31",
        "goals": [
            Goal("G1", "centre", targets=[t("T1"), t("T2")]),
            Goal("G2", "industry", targets=[t("T3", HTE, 13000)]),
        ],
        "areas": [Area("A1", "aspect one", tasks=[Task("K1", "task one", targets=["T1", "T3"])])],
    }
    base.update(kw)
    return Plan("p", {"en": "Plan", "zh": "计划"}, **base)


def test_lookups():
    p = plan()
    assert [x.id for x in p.targets] == ["T1", "T2", "T3"]
    assert p.target("T3").indicator is HTE
    assert p.goal("G2").title["en"] == "industry"
    assert p.goal_of("T2").id == "G1"
    assert [k.id for k in p.tasks_of("T3")] == ["K1"]
    assert p.tasks_of("T2") == ()
    assert p.area("A1").tasks[0].id == "K1"
    assert p.task("K1").targets == ("T1", "T3")
    assert [i.id for i in p.indicators] == ["labs_approved", "hte"]
    assert p.indicator("hte") is HTE


def test_unknown_id_lists_the_known_ones_and_is_a_lookup_error():
    with pytest.raises(UnknownIdError) as err:
        plan().target("T9")
    assert str(err.value) == "no target with id 'T9'; known: T1, T2, T3"
    assert isinstance(err.value, LookupError)


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        (
            {"goals": [Goal("G1", "a", targets=[t("T1")]), Goal("G1", "b")]},
            "duplicate goal ids: G1",
        ),
        (
            {"goals": [Goal("G1", "a", targets=[t("T1")]), Goal("G2", "b", targets=[t("T1")])]},
            "duplicate target ids: T1",
        ),
        ({"areas": [Area("A1", "a"), Area("A1", "b")]}, "duplicate area ids: A1"),
        (
            {"areas": [Area("A1", "a", tasks=[Task("K1", "x", targets=["T9"])])]},
            "names target 'T9'",
        ),
        ({"end": "2022-12-31"}, "the plan ends"),
    ],
)
def test_plan_rules(kw, match):
    with pytest.raises(ModelError, match=match):
        plan(**kw)


def test_deadline_before_plan_start_is_refused_with_its_path():
    early = Goal("G1", "a", targets=[t("T1", deadline="2022-12-31")])
    with pytest.raises(
        ModelError, match=r"goals\[0\]\.targets\[0\]\.deadline: deadline 2022-12-31"
    ):
        plan(goals=[early], areas=[])


def test_same_indicator_id_defined_twice_differently_is_refused():
    other = Indicator("labs_approved", "labs", unit="laboratory", measure="level")
    goals = [Goal("G1", "a", targets=[t("T1"), t("T2", other)])]
    with pytest.raises(ModelError, match="indicator 'labs_approved' is defined twice"):
        plan(goals=goals, areas=[])


def test_goal_refuses_non_targets():
    with pytest.raises(ModelError, match=r"targets\[0\]: expected a Target, got 'T1'"):
        Goal("G1", "a", targets=["T1"])


def test_with_target_replaces_in_place():
    p = plan()
    heavier = attrs.evolve(p.target("T2"), weight=3.0)
    q = p.with_target(heavier)
    assert q.target("T2").weight == 3.0
    assert [x.id for x in q.targets] == ["T1", "T2", "T3"]
    assert p.target("T2").weight == 1.0  # the original is untouched


def test_with_target_adds_to_a_goal_and_moves_between_goals():
    p = plan()
    q = p.with_target(t("T4"), goal="G2")
    assert [x.id for x in q.goal("G2").targets] == ["T3", "T4"]
    moved = q.with_target(q.target("T1"), goal="G2")
    assert [x.id for x in moved.goal("G1").targets] == ["T2"]
    assert [x.id for x in moved.goal("G2").targets] == ["T3", "T4", "T1"]
    with pytest.raises(UnknownIdError):
        p.with_target(t("T5"))  # no goal holds T5 and none was named


def test_without_target_drops_task_references():
    q = plan().without_target("T1")
    assert [x.id for x in q.targets] == ["T2", "T3"]
    assert q.task("K1").targets == ("T3",)


def test_plans_are_hashable_and_equal_after_empty_evolve():
    p = plan()
    assert attrs.evolve(p) == p
    assert hash(attrs.evolve(p)) == hash(p)
    assert {p: 1}[attrs.evolve(p)] == 1


def test_targets_take_the_plan_start_as_their_window_unless_they_have_their_own():
    jobs = Indicator("jobs", "urban new jobs", unit="person", measure="flow")
    own = Target("J1", jobs, Comparator.AT_LEAST, Q_(1, "person"), "2025-12-31",
                 start="2023-01-01", basis="cumulative")  # fmt: skip
    bare = Target("J2", jobs, Comparator.AT_LEAST, Q_(1, "person"), "2025-12-31",
                  basis="cumulative")  # fmt: skip
    # Alone, a target's window is its deadline's year.
    assert bare.period_start.isoformat() == "2025-01-01"
    p = Plan("fyp", "five-year plan", start="2021-01-01", end="2025-12-31",
             goals=[Goal("G", "jobs", targets=[own, bare])])  # fmt: skip
    assert p.target("J2").period_start.isoformat() == "2021-01-01"
    assert p.target("J2").window[1].isoformat() == "2025-12-31"
    assert p.target("J1").period_start.isoformat() == "2023-01-01"
    # The inherited start is not written as the target's own.
    assert p.target("J2").start is None
    # A target moved into another plan takes that plan's start.
    q = Plan("later", "later plan", start="2024-01-01", end="2025-12-31",
             goals=[Goal("G", "jobs", targets=[p.target("J2")])])  # fmt: skip
    assert q.target("J2").period_start.isoformat() == "2024-01-01"
    # Adding a target through with_target gives it the plan's window too.
    assert p.with_target(bare, goal="G").target("J2").period_start.isoformat() == "2021-01-01"
