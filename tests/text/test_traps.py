"""Look-alikes: words and numbers that resemble targets and are not, or not the same."""

from __future__ import annotations

import datetime as dt

import pytest

from innovplan.errors import TargetParseError
from innovplan.model import Basis, Comparator, Direction, Measure, Nature
from innovplan.text import explain, parse_target, parse_targets


@pytest.mark.parametrize(
    "text",
    [
        "22 specific tasks were listed around nine aspects",
        "the four major goals of the plan",
        "围绕9个方面部署22项具体任务",
        "九大任务",
        "accelerate the construction of a science and technology innovation center",
        "加快推进科创中心建设",
        "date 2023-01-31 On the afternoon of January 29, the conference was held",
        "2023年1月29日下午召开大会",
        "the plan for 2023",
        "推动5G基站建设",
        "COVID-19 measures were lifted",
        "see page 5 of the report",
        "(1) strengthen basic research",
        "第3条 规定",
        "进一步加强统一领导",
        "用5年时间",
        "一是加快建设",
        "'十四五'时期",
        "“十三五”规划",
        "二〇二五年",
    ],
)
def test_no_target(text):
    assert parse_targets(text, year=2023) == []
    with pytest.raises(TargetParseError) as info:
        parse_target(text, year=2023)
    assert info.value.found == 0


def test_more_than_is_not_and_more():
    assert (
        parse_target("high-tech enterprises exceed more than 13,000", year=2023).comparator
        is Comparator.MORE_THAN
    )
    assert (
        parse_target("high-tech enterprises 13,000 and more", year=2023).comparator
        is Comparator.AT_LEAST
    )


def test_and_more_than_starts_a_new_target():
    first, second = parse_targets(
        "high-tech enterprises reach 13,000 and more than 500 laboratories are built", year=2023
    )
    assert first.comparator is Comparator.EQUAL  # reach, not "and more"
    assert (second.comparator, second.value.magnitude, str(second.value.units)) == (
        Comparator.MORE_THAN,
        500,
        "laboratory",
    )


def test_yishang_includes_tupo_and_chaoguo_exclude():
    # Civil Code art. 1259: 以上 includes the number, 超过 excludes it.
    assert (
        parse_target("获批建设10家以上全国重点实验室", year=2023).comparator is Comparator.AT_LEAST
    )
    assert parse_target("高新技术企业突破13000家", year=2023).comparator is Comparator.MORE_THAN
    assert parse_target("高新技术企业超过13000家", year=2023).comparator is Comparator.MORE_THAN
    assert "1259" in parse_target("获批建设10家以上全国重点实验室", year=2023).notes


def test_a_year_is_not_a_value_but_a_deadline():
    t = parse_target("到2025年，高新技术企业达到2万家")
    assert t.value.magnitude == 20000
    assert t.deadline == dt.date(2025, 12, 31)
    t = parse_target("By 2025, the number of high-tech enterprises will reach 20,000", year=2023)
    assert t.deadline == dt.date(2025, 12, 31)  # the sentence's year wins over year=


def test_a_year_range_is_the_period():
    t = parse_target("2021—2025年，高新技术企业突破2万家")
    assert (t.start, t.deadline) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))


def test_per_10000_people_is_a_unit():
    t = parse_target(
        "the number of high-value invention patents per 10,000 people has reached 30", year=2023
    )
    assert t.value.magnitude == 30
    assert str(t.value.units) == "patent / ten_thousand_person"


def test_look_alike_indicators_stay_apart():
    hi_tech = parse_target("高新技术产业增加值增长11.5%以上", year=2023)
    manufacturing = parse_target("高技术制造业增加值增长6.8%", year=2023)
    assert hi_tech.indicator.id == "high_tech_industry_value_added_growth"
    assert manufacturing.indicator.id != hi_tech.indicator.id
    core = parse_target("数字经济核心产业增加值占比提升到11%左右", year=2023)
    scale = parse_target("数字经济规模占GDP比重达到48%", year=2023)
    assert core.indicator.id == "digital_economy_core_share" != scale.indicator.id
    all_patents = parse_target("每万人口发明专利拥有量达到20件", year=2023)
    assert all_patents.indicator.id != "high_value_invention_patents_per_10k"


def test_new_ones_are_a_flow_not_the_stock():
    t = parse_target("净增高新技术企业2000家", year=2023)
    assert t.indicator.id != "high_tech_enterprises"
    assert t.measure is Measure.FLOW


def test_increase_to_is_a_level_increase_by_is_growth():
    to = parse_target("the share of renewable energy increased to about 20 percent", year=2023)
    by = parse_target("renewable energy output increased by about 20 percent", year=2023)
    assert (to.measure, by.measure) == (Measure.SHARE, Measure.GROWTH)


def test_reduce_to_is_a_level_to_reach_downwards_reduce_by_is_a_change():
    # EQUAL with DECREASE: met at or below 5 % (the better direction is down).
    level = parse_target("城镇调查失业率降低到5%", year=2023)
    assert (level.basis, level.comparator, level.indicator.direction) == (
        Basis.VALUE,
        Comparator.EQUAL,
        Direction.DECREASE,
    )
    change = parse_target("单位GDP能耗降低13.5%", year=2023)
    assert (change.basis, change.value.magnitude) == (Basis.PERCENT_CHANGE, -13.5)


def test_a_chinese_numeral_in_a_word_is_not_a_number():
    assert parse_targets("建设一流大学，统一部署", year=2023) == []
    assert parse_target("打造十大创新中心", year=2023).value.magnitude == 10


def test_binding_targets_are_marked():
    t = parse_target("单位GDP能耗降低13.5%（约束性）", year=2023)
    assert t.nature is Nature.BINDING


def test_the_direction_is_assumed_only_when_not_said():
    said = parse_target("城镇调查失业率控制在5.5%以内", year=2023)
    unsaid = parse_target("研发经费投入强度达到3%", year=2023)
    assert "assumed" not in explain(said)
    assert explain(unsaid).endswith("(SHARE, higher is better, assumed)")
