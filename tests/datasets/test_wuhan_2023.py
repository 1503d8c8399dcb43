"""The shipped Wuhan 2023 plan against shared/data/wuhan-2023-facts.md, row by row."""

import datetime as dt

import pytest

from innovplan import Q_, datasets
from innovplan.model import Bound, Comparator, Measure, Series

GE, GT, EQ, ABOUT = Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.EQUAL, Comparator.ABOUT
FLOW, LEVEL, GROWTH, SHARE = Measure.FLOW, Measure.LEVEL, Measure.GROWTH, Measure.SHARE

# id: (goal, comparator, value, unit, measure) as the facts file's target table reads.
# 以上 includes the number (Civil Code art. 1259), so T3 and T11 are AT_LEAST; 突破 is
# read as "more than" (T8, T10); a bare number to reach is EQUAL.
EXPECTED = {
    "T1": ("G1", EQ, 4, "facility", FLOW),
    "T2": ("G1", EQ, 4, "facility", FLOW),
    "T3": ("G1", GE, 10, "laboratory", FLOW),
    "T4": ("G2", EQ, 10, "centre", FLOW),
    "T5": ("G2", EQ, 10, "project", FLOW),
    "T6": ("G2", EQ, 10, "centre", FLOW),
    "T7": ("G2", EQ, 10, "team", FLOW),
    "T8": ("G3", GT, 13000, "enterprise", LEVEL),
    "T9": ("G3", EQ, 9000, "enterprise", LEVEL),
    "T10": ("G3", GT, 1.45e11, "yuan", FLOW),
    "T11": ("G3", GE, 11.5, "percent", GROWTH),
    "T12": ("G3", ABOUT, 11, "percent", SHARE),
    "T13": ("G4", EQ, 1.2e6, "m**2", FLOW),
    "T14": ("G4", EQ, 100, "person", FLOW),
    "T15": ("G4", EQ, 1000, "person", FLOW),
    "T16": ("G4", EQ, 10, "person", FLOW),
    "T17": ("G4", GT, 10, "percent", GROWTH),
    "T18": ("G4", GT, 10, "percent", GROWTH),
    "T19": ("G4", GT, 10, "percent", GROWTH),
    "T20": ("G4", EQ, 10, "centre", FLOW),
    "T21": ("G4", EQ, 30, "patent / ten_thousand_person", LEVEL),
    # Not in the facts table: "Initiate ten highlight projects ... in the central area of
    # Wuhan New City", a task of the aspect named like G1.
    "T22": ("G1", EQ, 10, "project", FLOW),
}


@pytest.fixture(scope="module")
def plan():
    return datasets.wuhan_2023()


@pytest.fixture(scope="module")
def observations():
    return datasets.wuhan_2023_observations()


def test_shape(plan):
    assert (len(plan.goals), len(plan.areas), len(plan.targets)) == (4, 9, 22)
    assert plan.released == dt.date(2023, 1, 29)
    assert plan.title["zh"] == "2023年武汉市科技创新工作要点"
    assert [g.title["zh"] for g in plan.goals] == [
        "科创中心建设成势收效",
        "科技创新工程深入实施",
        "产业创新能力连续增强",
        "科技创新生态加快优化",
    ]
    # Four of the 22 tasks are named in the public report; the rest are not invented,
    # and the notes say so.
    assert len(plan.tasks) == 4
    assert "the other tasks are not public and are not invented" in plan.notes


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_target_matches_the_facts(plan, tid):
    goal, comparator, value, unit, measure = EXPECTED[tid]
    t = plan.target(tid)
    assert plan.goal_of(tid).id == goal
    assert t.comparator is comparator
    assert t.value.to(unit).magnitude == pytest.approx(value, rel=1e-12)
    assert t.measure is measure
    assert t.deadline == dt.date(2023, 12, 31)
    assert t.wording["en"]


def test_chinese_wording_where_published(plan):
    with_zh = {t.id for t in plan.targets if "zh" in t.wording}
    assert with_zh == {f"T{i}" for i in range(1, 14)}
    assert plan.target("T10").wording["zh"] == "技术合同成交额突破1450亿元"
    assert plan.target("T13").wording["zh"] == "建设创新街区(园区、楼宇)120万平方米"


def test_one_phrase_three_finance_targets(plan):
    texts = {plan.target(t).wording["en"] for t in ("T17", "T18", "T19")}
    assert len(texts) == 1
    assert len({plan.target(t).indicator.id for t in ("T17", "T18", "T19")}) == 3


def test_every_observation_has_a_source(observations):
    assert all(o.source is not None and o.source.title for o in observations)


def test_no_derived_figure_is_shipped(observations):
    # 2022 patents per 10,000 people ≈ 28.09 = 34.56 / 1.2303 is DERIVED in the facts.
    patents = [o for o in observations if o.indicator == "high_value_patents_per_10k"]
    assert sorted(str(o.period) for o in patents) == ["2023-12-31", "2024-12-31"]


@pytest.mark.parametrize(
    ("indicator", "period", "value", "released"),
    [
        ("national_key_labs_approved", "2023-01-01/2023-08-06", 11, "2023-08-06"),
        ("high_tech_enterprises", "2023-12-31", 14500, "2024-01-18"),
        ("tech_smes_evaluated", "2023-12-31", 12500, "2024-01-18"),
        ("tech_contract_turnover", "2023", 2198.43, "2024-04-26"),
        ("tech_contract_turnover", "2023-H1", 1004.06, "2023-08-06"),
        ("tech_loans_growth", "2023", 11.56, "2024-04-26"),
        ("high_value_patents_per_10k", "2023-12-31", 34.56, "2024-04-26"),
    ],
)
def test_published_outcomes(observations, indicator, period, value, released):
    found = [o for o in observations if o.indicator == indicator and str(o.period) == period]
    assert len(found) == 1
    o = found[0]
    assert o.value.magnitude == value
    assert o.released == dt.date.fromisoformat(released)
    assert o.bound is Bound.EXACT
    assert o.source.quote  # the published words are kept


def test_greater_than_figures_are_lower_bounds(observations):
    bounds = {(o.indicator, str(o.period)) for o in observations if o.bound is Bound.AT_LEAST}
    assert bounds == {
        ("high_tech_enterprises", "2022-12-31"),
        ("high_tech_enterprises", "2024-12-31"),
        ("tech_contract_turnover", "2024"),
        ("tech_smes_evaluated", "2024-12-31"),
    }


def test_turnover_units_and_break_in_series(observations):
    t2022 = next(
        o
        for o in observations
        if o.indicator == "tech_contract_turnover" and o.period.start.year == 2022
    )
    assert t2022.value == Q_(1357.41, "亿元")
    assert t2022.status == "B"


def test_observations_fit_their_indicators(plan, observations):
    known = {i.id: i for i in plan.indicators}
    for o in observations:
        if o.indicator in known:
            assert o.value.dimensionality == known[o.indicator].pint_unit.dimensionality
    # Indicators outside the plan (GDP, population, the laboratories in stock) still form
    # series of one dimension each: Series.sorted raises ModelError on mixed dimensions.
    for ident in {o.indicator for o in observations}:
        same = [o for o in observations if o.indicator == ident]
        assert len({o.value.dimensionality for o in same}) == 1
        assert len(Series.sorted(same)) == len(same)


def test_shipped_files_round_trip_through_dump_and_load(plan, observations):
    from innovplan import dump, dump_observations, load, load_observations

    assert load(dump(plan), fmt="json") == plan
    assert load_observations(dump_observations(observations), fmt="json") == observations


def test_datasets_are_cached_and_immutable():
    assert datasets.wuhan_2023() is datasets.wuhan_2023()
    assert isinstance(datasets.wuhan_2023_observations(), tuple)
