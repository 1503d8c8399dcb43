"""China's 14th Five-Year Plan (2021–2025): its main-indicator table, read cell by cell and as quoted.

The cells are those of Box 1 (专栏1) of the plan's outline, as the research
notes in ``shared/data/china-14th-fyp-facts.md`` (section 1.2) rebuild them
from news reports; the quotes are the plan's wording as Xinhua, CCTV, the 2021
Government Work Report and the NDRC quote it (section 1.3). Each expectation
is read by hand from the words: the comparator word, the number, its unit, and
the table's note "〔〕内为5年累计数" (brackets are totals or changes over
2021–2025, 2025 against 2020).
"""

from __future__ import annotations

import datetime as dt

import pytest

from innovplan.errors import TargetParseError
from innovplan.model import Basis, Comparator
from innovplan.text import parse_cell, parse_targets

C, B = Comparator, Basis
TARGET = "2025年"
KIND = "年均/〔累计〕"
Y2025 = dt.date(2025, 12, 31)

# row label, unit column, column, cell -> comparator, magnitude, unit, basis.
# Rows 19 (粮食综合生产能力, 亿吨) and 20 (能源综合生产能力, 亿吨标准煤) are left
# out: their units are not in the unit vocabulary, and parse_cell refuses a
# unit it cannot read (see test_cell.py).
CELLS = [
    ("常住人口城镇化率", "%", TARGET, "65", C.EQUAL, 65, "percent", B.VALUE),
    # ">7" under 年均: more than 7 % a year (NBS: "年均增长不低于7%（不变价）").
    (
        "全社会研发经费投入增长",
        "%",
        KIND,
        '>7、力争投入强度高于"十三五"时期实际',
        C.MORE_THAN,
        7,
        "percent",
        B.AVERAGE_ANNUAL,
    ),
    (
        "每万人口高价值发明专利拥有量",
        "件",
        TARGET,
        "12",
        C.EQUAL,
        12,
        "patent / ten_thousand_person",
        B.VALUE,
    ),
    ("数字经济核心产业增加值占GDP比重", "%", TARGET, "10", C.EQUAL, 10, "percent", B.VALUE),
    ("城镇调查失业率", "%", TARGET, "<5.5", C.LESS_THAN, 5.5, "percent", B.VALUE),
    ("劳动年龄人口平均受教育年限", "年", TARGET, "11.3", C.EQUAL, 11.3, "year", B.VALUE),
    (
        "每千人口拥有执业（助理）医师数",
        "人",
        TARGET,
        "3.2",
        C.EQUAL,
        3.2,
        "person / thousand_person",
        B.VALUE,
    ),
    ("基本养老保险参保率", "%", TARGET, "95", C.EQUAL, 95, "percent", B.VALUE),
    # 4.5 places per 1,000 people; "3岁以下" (under 3 years old) is who is counted.
    (
        "每千人口拥有3岁以下婴幼儿托位数",
        "个",
        TARGET,
        "4.5",
        C.EQUAL,
        4.5,
        "item / thousand_person",
        B.VALUE,
    ),
    # 〔1〕: one year more than the baseline (77.3 → 78.3).
    ("人均预期寿命", "岁", KIND, "〔1〕", C.AT_LEAST, 1, "year", B.CHANGE),
    # 〔13.5〕: 2025 at most 1 − 0.135 = 0.865 of 2020, a relative change.
    ("单位GDP能源消耗降低", "%", KIND, "〔13.5〕", C.AT_MOST, -13.5, "percent", B.PERCENT_CHANGE),
    ("单位GDP二氧化碳排放降低", "%", KIND, "〔18〕", C.AT_MOST, -18, "percent", B.PERCENT_CHANGE),
    ("地级及以上城市空气质量优良天数比率", "%", TARGET, "87.5", C.EQUAL, 87.5, "percent", B.VALUE),
    ("地表水达到或好于Ⅲ类水体比例", "%", TARGET, "85", C.EQUAL, 85, "percent", B.VALUE),
    ("森林覆盖率", "%", TARGET, "24.1", C.EQUAL, 24.1, "percent", B.VALUE),
]


@pytest.mark.parametrize(
    ("row", "unit", "column", "cell", "comparator", "magnitude", "expected_unit", "basis"), CELLS
)
def test_cell(row, unit, column, cell, comparator, magnitude, expected_unit, basis):  # noqa: PLR0917 (parametrised)
    t = parse_cell(cell, row=row, unit=unit, column=column, year=2025)
    got = (t.comparator, t.value.magnitude, str(t.value.units), t.basis, t.deadline)
    assert got == (comparator, magnitude, expected_unit, basis, Y2025), row


@pytest.mark.parametrize(
    ("row", "cell"),
    [
        ("国内生产总值（GDP）增长", "保持在合理区间、各年度视情提出"),
        ("全员劳动生产率增长", "高于GDP增长"),
        ("居民人均可支配收入增长", "与GDP增长基本同步"),
    ],
)
def test_rows_without_a_number_are_not_targets(row, cell):
    with pytest.raises(TargetParseError, match="no number") as info:
        parse_cell(cell, row=row, unit="%", column=KIND, year=2025)
    assert info.value.found == 0


def test_the_bracketed_rows_span_the_five_years():
    for row, unit, cell in (
        ("人均预期寿命", "岁", "〔1〕"),
        ("单位GDP能源消耗降低", "%", "〔13.5〕"),
    ):
        t = parse_cell(cell, row=row, unit=unit, column=KIND, year=2025)
        assert (t.start, t.deadline) == (dt.date(2021, 1, 1), Y2025)


def test_the_table_has_its_binding_rows_as_words_not_columns():
    # Binding (约束性) is a column of its own: it reaches the target as nature=.
    t = parse_cell(
        "〔13.5〕", row="单位GDP能源消耗降低", unit="%", column=KIND, year=2025, nature="binding"
    )
    assert t.nature.value == "binding"


# The plan's wording as quoted (section 1.3): text -> one (comparator,
# magnitude, unit, basis) per quantified target, in order.
QUOTES = [
    # Xinhua 2021-03-07: the economic indicators. Productivity "高于GDP增长"
    # compares two rates and has no number; urbanisation reaches 65 % in 2025.
    (
        "全员劳动生产率增长高于GDP增长、2025年常住人口城镇化率提高到65%",
        [(C.EQUAL, 65, "percent", B.VALUE)],
    ),
    # Xinhua 2021-03-07: the innovation indicators.
    (
        (
            "2025年数字经济核心产业增加值占GDP比重提高到10%；全社会研发经费投入年均增长7%以上、"
            "力争投入强度高于'十三五'时期实际；每万人口高价值发明专利拥有量达12件"
        ),
        [
            (C.EQUAL, 10, "percent", B.VALUE),
            (C.AT_LEAST, 7, "percent", B.AVERAGE_ANNUAL),
            (C.EQUAL, 12, "patent / ten_thousand_person", B.VALUE),
        ],
    ),
    # CCTV 2021-03-16: from 6.3 to 12 per 10,000 people; 6.3 is the baseline.
    ("并提出从每万人6.3件上升到12件", [(C.EQUAL, 12, "patent / ten_thousand_person", B.VALUE)]),
    # 2021 Government Work Report's summary of the plan.
    (
        (
            "居民人均可支配收入增长与国内生产总值增长基本同步，劳动年龄人口平均受教育年限提高到11.3年，"
            "人均预期寿命再提高1岁，基本养老保险参保率提高到95%"
        ),
        [
            (C.EQUAL, 11.3, "year", B.VALUE),
            (C.AT_LEAST, 1, "year", B.CHANGE),
            (C.EQUAL, 95, "percent", B.VALUE),
        ],
    ),
    # 新民晚报 2021-03-05; CGTN 2021-03-13 in English.
    ("城镇调查失业率控制在5.5%以内", [(C.AT_MOST, 5.5, "percent", B.VALUE)]),
    (
        "Surveyed urban unemployment rates of within 5.5 percent",
        [(C.AT_MOST, 5.5, "percent", B.VALUE)],
    ),
    # 《"十四五"公共服务规划》 (Xinhua 2022-01-10), traditional characters.
    ("每千人口擁有執業（助理）醫師3.2人", [(C.EQUAL, 3.2, "person / thousand_person", B.VALUE)]),
    # NDRC 欧晓理 2021-10-20 words the childcare target "由2020年1.8个提升到2025年4.5个"
    # after naming the indicator in an earlier clause; the reader does not carry a
    # per-capita scale across clauses, so the plan's own wording stands here.
    (
        "每千人口拥有3岁以下婴幼儿托位数由2020年1.8个提升到2025年4.5个",
        [(C.EQUAL, 4.5, "item / thousand_person", B.VALUE)],
    ),
    # 2021 Government Work Report (CCTV via sznews.com 2021-03-05).
    (
        "森林覆盖率达到24.1%，单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%",
        [
            (C.EQUAL, 24.1, "percent", B.VALUE),
            (C.AT_MOST, -13.5, "percent", B.PERCENT_CHANGE),
            (C.AT_MOST, -18, "percent", B.PERCENT_CHANGE),
        ],
    ),
    # iGDP / 中国环境报 2025-03-07.
    (
        "'十四五'时期单位国内生产总值能耗累计下降13.5%",
        [(C.AT_MOST, -13.5, "percent", B.PERCENT_CHANGE)],
    ),
    # Xinhua 2021-03-07: GDP growth has no five-year number.
    (
        "'经济发展'指标中没有设定五年GDP年均增速预期性指标，而是强调'保持在合理区间、各年度视情提出'",
        [],
    ),
    # Chinanews 2023-12-26: the table's size describes the plan.
    ("《纲要》从经济发展、创新驱动等五个方面提出20项主要指标", []),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quote(text, expected):
    got = [
        (t.comparator, t.value.magnitude, str(t.value.units), t.basis)
        for t in parse_targets(text, year=2025)
    ]
    assert got == expected


def test_the_two_green_targets_name_both_intensities():
    _, energy, co2 = parse_targets(
        "森林覆盖率达到24.1%，单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%", year=2025
    )
    assert energy.indicator.name["zh"] == "单位国内生产总值能耗"
    assert co2.indicator.name["zh"] == "单位国内生产总值二氧化碳排放"
