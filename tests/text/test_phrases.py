"""One phrase, one target: comparator, value, unit, measure, direction and basis."""

from __future__ import annotations

import pytest

from innovplan.model import Basis, Comparator, Direction, Measure
from innovplan.text import parse_target

C, M, D, B = Comparator, Measure, Direction, Basis
UP, DOWN = D.INCREASE, D.DECREASE

# text, comparator, magnitude, unit, measure, direction, basis
ENGLISH = [
    (
        "the number of high-tech enterprises exceeded 13,000",
        C.MORE_THAN,
        13000,
        "enterprise",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    (
        "high-tech enterprises 13,000 and more",
        C.AT_LEAST,
        13000,
        "enterprise",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    (
        "high-tech enterprises reach 13,000 or more",
        C.AT_LEAST,
        13000,
        "enterprise",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    (
        "the number of high-tech enterprises is more than 13,000",
        C.MORE_THAN,
        13000,
        "enterprise",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    (
        "the number of high-tech enterprises will be over 13,000",
        C.MORE_THAN,
        13000,
        "enterprise",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    ("high-tech enterprises above 13,000", C.MORE_THAN, 13000, "enterprise", M.LEVEL, UP, B.VALUE),
    (
        "at least 500 enterprises are newly certified",
        C.AT_LEAST,
        500,
        "enterprise",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    (
        "no less than 20 national key laboratories will be approved",
        C.AT_LEAST,
        20,
        "laboratory",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    (
        "not less than 50 innovation teams will be introduced",
        C.AT_LEAST,
        50,
        "team",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    (
        "the number of high-value invention patents per 10,000 people has reached 30",
        C.EQUAL,
        30,
        "patent / ten_thousand_person",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    (
        "technology contract turnover will achieve 150 billion yuan",
        C.EQUAL,
        1500,
        "hundred_million_yuan",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    (
        "the turnover of technology contracts exceeded 145 billion yuan",
        C.MORE_THAN,
        1450,
        "hundred_million_yuan",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    (
        "the share of renewable energy increased to about 20 percent",
        C.ABOUT,
        20,
        "percent",
        M.SHARE,
        UP,
        B.VALUE,
    ),
    (
        "the proportion of R&D spending in GDP around 3%",
        C.ABOUT,
        3,
        "percent",
        M.SHARE,
        UP,
        B.VALUE,
    ),
    (
        "approximately 30 patents per 10,000 people",
        C.ABOUT,
        30,
        "patent / ten_thousand_person",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    ("nearly 50 laboratories will be built", C.ABOUT, 50, "laboratory", M.FLOW, UP, B.VALUE),
    ("build up to 12 teams", C.AT_MOST, 12, "team", M.FLOW, DOWN, B.VALUE),
    ("no more than 3 major accidents", C.AT_MOST, 3, "dimensionless", M.FLOW, DOWN, B.VALUE),
    ("the debt ratio at most 60%", C.AT_MOST, 60, "percent", M.SHARE, DOWN, B.VALUE),
    ("the unemployment rate within 5.5%", C.AT_MOST, 5.5, "percent", M.SHARE, DOWN, B.VALUE),
    (
        "the unemployment rate will be kept below 5.5%",
        C.LESS_THAN,
        5.5,
        "percent",
        M.SHARE,
        DOWN,
        B.VALUE,
    ),
    ("the poverty rate under 2 percent", C.LESS_THAN, 2, "percent", M.SHARE, DOWN, B.VALUE),
    (
        "the added value of high-tech industries increased by more than 11.5%",
        C.MORE_THAN,
        11.5,
        "percent",
        M.GROWTH,
        UP,
        B.VALUE,
    ),
    (
        "technology loans maintaining a growth rate of more than 10%",
        C.MORE_THAN,
        10,
        "percent",
        M.GROWTH,
        UP,
        B.VALUE,
    ),
    ("GDP growth between 6% and 6.5%", C.BETWEEN, 6, "percent", M.GROWTH, UP, B.VALUE),
    ("GDP growth of 6–6.5%", C.BETWEEN, 6, "percent", M.GROWTH, UP, B.VALUE),
    (
        "R&D spending with average annual growth of at least 7%",
        C.AT_LEAST,
        7,
        "percent",
        M.GROWTH,
        UP,
        B.AVERAGE_ANNUAL,
    ),
    (
        "reduce energy consumption per unit of GDP by 13.5%",
        C.AT_MOST,
        -13.5,
        "percent",
        M.LEVEL,
        DOWN,
        B.PERCENT_CHANGE,
    ),
    (
        "carbon intensity reduced by more than 18%",
        C.LESS_THAN,
        -18,
        "percent",
        M.LEVEL,
        DOWN,
        B.PERCENT_CHANGE,
    ),
    ("raise life expectancy by one year", C.AT_LEAST, 1, "year", M.LEVEL, UP, B.CHANGE),
    (
        "the R&D intensity increased by 0.5 percentage points",
        C.AT_LEAST,
        0.5,
        "percentage_point",
        M.SHARE,
        UP,
        B.CHANGE,
    ),
    (
        "build 10 major achievement transformation centers",
        C.EQUAL,
        10,
        "centre",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    (
        "1.2 million square meters of innovation blocks are built",
        C.EQUAL,
        1200000,
        "meter ** 2",
        M.FLOW,
        UP,
        B.VALUE,
    ),
    ("identify and support about 100 leading talents", C.ABOUT, 100, "person", M.FLOW, UP, B.VALUE),
]

CHINESE = [
    ("高新技术企业突破13000家", C.MORE_THAN, 13000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("高新技术企业超过1.3万家", C.MORE_THAN, 13000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("高新技术企业超2000家", C.MORE_THAN, 2000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("高新技术企业达到2万家", C.EQUAL, 20000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("高新技术企业力争达到1.5万家", C.EQUAL, 15000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("高新技术企业力争突破1.5万家", C.MORE_THAN, 15000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("科技型中小企业不少于1万家", C.AT_LEAST, 10000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("科技型中小企业评价入库9000家", C.EQUAL, 9000, "enterprise", M.LEVEL, UP, B.VALUE),
    ("技术合同成交额突破1450亿元", C.MORE_THAN, 1450, "hundred_million_yuan", M.FLOW, UP, B.VALUE),
    ("技术合同成交额不低于1500亿元", C.AT_LEAST, 1500, "hundred_million_yuan", M.FLOW, UP, B.VALUE),
    ("技术合同成交额约1600亿元", C.ABOUT, 1600, "hundred_million_yuan", M.FLOW, UP, B.VALUE),
    ("获批建设10家以上全国重点实验室", C.AT_LEAST, 10, "laboratory", M.FLOW, UP, B.VALUE),
    ("推进建设4个重大科技基础设施", C.EQUAL, 4, "facility", M.FLOW, UP, B.VALUE),
    ("预研预制4个重大科技基础设施", C.EQUAL, 4, "facility", M.FLOW, UP, B.VALUE),
    ("打造10大技术创新中心", C.EQUAL, 10, "centre", M.FLOW, UP, B.VALUE),
    ("约100名领军人才", C.ABOUT, 100, "person", M.FLOW, UP, B.VALUE),
    ("新增国家级孵化器10家", C.EQUAL, 10, "facility", M.FLOW, UP, B.VALUE),
    ("净增高新技术企业2000家", C.EQUAL, 2000, "enterprise", M.FLOW, UP, B.VALUE),
    ("建设创新街区(园区、楼宇)120万平方米", C.EQUAL, 1200000, "meter ** 2", M.FLOW, UP, B.VALUE),
    (
        "每万人口高价值发明专利拥有量达到30件",
        C.EQUAL,
        30,
        "patent / ten_thousand_person",
        M.LEVEL,
        UP,
        B.VALUE,
    ),
    ("高新技术产业增加值增长11.5%以上", C.AT_LEAST, 11.5, "percent", M.GROWTH, UP, B.VALUE),
    ("规模以上工业增加值增长6%左右", C.ABOUT, 6, "percent", M.GROWTH, UP, B.VALUE),
    ("全社会研发经费投入年均增长7%以上", C.AT_LEAST, 7, "percent", M.GROWTH, UP, B.AVERAGE_ANNUAL),
    ("GDP增长6%—6.5%", C.BETWEEN, 6, "percent", M.GROWTH, UP, B.VALUE),
    ("GDP增长6%至6.5%", C.BETWEEN, 6, "percent", M.GROWTH, UP, B.VALUE),
    ("数字经济核心产业增加值占比提升到11%左右", C.ABOUT, 11, "percent", M.SHARE, UP, B.VALUE),
    ("研发经费投入强度达到3%", C.EQUAL, 3, "percent", M.SHARE, UP, B.VALUE),
    ("数字经济规模占GDP比重达到48%", C.EQUAL, 48, "percent", M.SHARE, UP, B.VALUE),
    ("城镇调查失业率控制在5.5%以内", C.AT_MOST, 5.5, "percent", M.SHARE, DOWN, B.VALUE),
    ("城镇调查失业率控制在5.5%左右", C.ABOUT, 5.5, "percent", M.SHARE, DOWN, B.VALUE),
    ("城镇调查失业率低于5.5%", C.LESS_THAN, 5.5, "percent", M.SHARE, DOWN, B.VALUE),
    ("居民消费价格涨幅不超过3%", C.AT_MOST, 3, "percent", M.GROWTH, DOWN, B.VALUE),
    ("资产负债率在60%以下", C.AT_MOST, 60, "percent", M.SHARE, DOWN, B.VALUE),
    ("单位GDP能耗降低13.5%", C.AT_MOST, -13.5, "percent", M.LEVEL, DOWN, B.PERCENT_CHANGE),
    (
        "单位国内生产总值二氧化碳排放降低18%以上",
        C.AT_MOST,
        -18,
        "percent",
        M.LEVEL,
        DOWN,
        B.PERCENT_CHANGE,
    ),
    ("人均预期寿命提高1岁", C.AT_LEAST, 1, "year", M.LEVEL, UP, B.CHANGE),
    # 〔13.5〕 is the five-year change of a ratio, relative to 2020: 0.865 of the
    # baseline or less, not 13.5 percentage points.
    ("单位GDP能耗降低〔13.5〕%", C.AT_MOST, -13.5, "percent", M.LEVEL, DOWN, B.PERCENT_CHANGE),
    (
        "研发经费投入强度提高〔0.5〕个百分点",
        C.AT_LEAST,
        0.5,
        "percentage_point",
        M.SHARE,
        UP,
        B.CHANGE,
    ),
    ("高新技术企业一千三百家以上", C.AT_LEAST, 1300, "enterprise", M.LEVEL, UP, B.VALUE),
]


def _check(text, comparator, magnitude, unit, measure, direction, basis):  # noqa: PLR0917 (one column per field)
    t = parse_target(text, year=2023)
    got = (
        t.comparator,
        t.value.magnitude,
        str(t.value.units),
        t.measure,
        t.indicator.direction,
        t.basis,
    )
    assert got == (
        comparator,
        magnitude,
        str(t.value.units if unit is None else _unit(unit)),
        measure,
        direction,
        basis,
    ), text
    assert (
        text.find(next(iter(t.wording.values()))) != -1
    )  # the wording is an exact span of the text


def _unit(expr):
    from innovplan.units import registry

    return registry().Unit(expr)


@pytest.mark.parametrize(
    ("text", "comparator", "magnitude", "unit", "measure", "direction", "basis"), ENGLISH
)
def test_english_phrase(text, comparator, magnitude, unit, measure, direction, basis):  # noqa: PLR0917 (parametrised)
    _check(text, comparator, magnitude, unit, measure, direction, basis)


@pytest.mark.parametrize(
    ("text", "comparator", "magnitude", "unit", "measure", "direction", "basis"), CHINESE
)
def test_chinese_phrase(text, comparator, magnitude, unit, measure, direction, basis):  # noqa: PLR0917 (parametrised)
    _check(text, comparator, magnitude, unit, measure, direction, basis)


def test_there_are_enough_phrases_in_both_languages():
    assert len(ENGLISH) + len(CHINESE) >= 60
    assert len(CHINESE) >= (len(ENGLISH) + len(CHINESE)) // 2


def test_between_keeps_both_ends():
    t = parse_target("GDP增长6%—6.5%", year=2023)
    assert (t.value.magnitude, t.upper.magnitude) == (6, 6.5)
    assert str(t.upper.units) == "percent"
