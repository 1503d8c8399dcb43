"""What a target measures, from its words: average annual, over the window, every year.

Five-year plans mark their targets' kinds in words (年均, 累计, 每年) and in the
brackets of their tables (〔〕内为5年累计数). Each kind is read here in Chinese
and in English, with the value's sign and unit: a change of a rate over the
window is relative (−13.5 % of the baseline), never percentage points.
"""

from __future__ import annotations

import datetime as dt

import pytest

from innovplan.errors import TargetParseError
from innovplan.model import Basis, Comparator, Direction, Measure
from innovplan.text import explain, parse_target, parse_targets

C, M, D, B = Comparator, Measure, Direction, Basis
UP, DOWN = D.INCREASE, D.DECREASE

# text, comparator, magnitude, unit, basis, measure, direction
KINDS = [
    # 年均 / "a year" / "annual average" / "average annual": compound average rate.
    ("全社会研发经费投入年均增长>7%", C.MORE_THAN, 7, "percent", B.AVERAGE_ANNUAL, M.GROWTH, UP),
    ("全社会研发经费投入年均增长7%以上", C.AT_LEAST, 7, "percent", B.AVERAGE_ANNUAL, M.GROWTH, UP),
    (
        "R&D spending up more than 7% a year",
        C.MORE_THAN,
        7,
        "percent",
        B.AVERAGE_ANNUAL,
        M.GROWTH,
        UP,
    ),
    (
        "R&D spending with an annual average growth of at least 7%",
        C.AT_LEAST,
        7,
        "percent",
        B.AVERAGE_ANNUAL,
        M.GROWTH,
        UP,
    ),
    (
        "R&D spending with average annual growth above 7 percent",
        C.MORE_THAN,
        7,
        "percent",
        B.AVERAGE_ANNUAL,
        M.GROWTH,
        UP,
    ),
    (
        "R&D spending will grow by more than 7 percent annually",
        C.MORE_THAN,
        7,
        "percent",
        B.AVERAGE_ANNUAL,
        M.GROWTH,
        UP,
    ),
    # A decrease a year is a negative average rate: at most −3 % a year.
    ("单位GDP能耗年均下降3%", C.AT_MOST, -3, "percent", B.AVERAGE_ANNUAL, M.GROWTH, DOWN),
    (
        "cut energy use per unit of GDP by 3% a year",
        C.AT_MOST,
        -3,
        "percent",
        B.AVERAGE_ANNUAL,
        M.GROWTH,
        DOWN,
    ),
    # A ceiling on a rate a year stays positive.
    ("能源消费总量年均增长控制在3%以内", C.AT_MOST, 3, "percent", B.AVERAGE_ANNUAL, M.GROWTH, DOWN),
    ("居民消费价格涨幅每年不超过3%", C.AT_MOST, 3, "percent", B.EVERY_YEAR, M.GROWTH, DOWN),
    # 〔N〕 / 累计 / "cumulative" / "in total over" of an amount: a sum over the window.
    ("城镇新增就业〔5500〕万人", C.AT_LEAST, 5500, "ten_thousand_person", B.CUMULATIVE, M.FLOW, UP),
    (
        "累计新增城镇就业5500万人以上",
        C.AT_LEAST,
        5500,
        "ten_thousand_person",
        B.CUMULATIVE,
        M.FLOW,
        UP,
    ),
    (
        "urban new jobs over 55 million in total over 2021–2025",
        C.MORE_THAN,
        55_000_000,
        "person",
        B.CUMULATIVE,
        M.FLOW,
        UP,
    ),
    (
        "a cumulative 55 million new urban jobs",
        C.AT_LEAST,
        55_000_000,
        "person",
        B.CUMULATIVE,
        M.FLOW,
        UP,
    ),
    # The same marks on the change of a rate or ratio: a relative change, in percent.
    ("单位GDP能源消耗降低〔13.5〕", C.AT_MOST, -13.5, "percent", B.PERCENT_CHANGE, M.LEVEL, DOWN),
    ("单位GDP能源消耗降低〔13.5〕%", C.AT_MOST, -13.5, "percent", B.PERCENT_CHANGE, M.LEVEL, DOWN),
    ("单位GDP能耗累计下降13.5%", C.AT_MOST, -13.5, "percent", B.PERCENT_CHANGE, M.LEVEL, DOWN),
    (
        "energy use per unit of GDP reduced by a cumulative 13.5%",
        C.AT_MOST,
        -13.5,
        "percent",
        B.PERCENT_CHANGE,
        M.LEVEL,
        DOWN,
    ),
    (
        "reduce energy use per unit of GDP by 13.5% in total over 2021-2025",
        C.AT_MOST,
        -13.5,
        "percent",
        B.PERCENT_CHANGE,
        M.LEVEL,
        DOWN,
    ),
    # ... and on the change of a level: the change, in the level's unit.
    ("人均预期寿命〔1〕岁", C.AT_LEAST, 1, "year", B.CHANGE, M.LEVEL, UP),
    ("人均预期寿命〔1〕", C.AT_LEAST, 1, "year", B.CHANGE, M.LEVEL, UP),
    ("人均预期寿命再提高1岁", C.AT_LEAST, 1, "year", B.CHANGE, M.LEVEL, UP),
    ("人均预期寿命提高1岁", C.AT_LEAST, 1, "year", B.CHANGE, M.LEVEL, UP),
    (
        "raise life expectancy by one year in total over 2021-2025",
        C.AT_LEAST,
        1,
        "year",
        B.CHANGE,
        M.LEVEL,
        UP,
    ),
    # 降低 X% / "reduce by X %" without a mark: still a relative change.
    ("单位GDP二氧化碳排放降低18%", C.AT_MOST, -18, "percent", B.PERCENT_CHANGE, M.LEVEL, DOWN),
    (
        "reduce carbon dioxide emissions per unit of GDP by 18%",
        C.AT_MOST,
        -18,
        "percent",
        B.PERCENT_CHANGE,
        M.LEVEL,
        DOWN,
    ),
    # 各年度 / 每年 / "every year" / "each year": each year of the window.
    ("城镇调查失业率每年控制在5.5%以内", C.AT_MOST, 5.5, "percent", B.EVERY_YEAR, M.SHARE, DOWN),
    ("城镇调查失业率各年度均低于5.5%", C.LESS_THAN, 5.5, "percent", B.EVERY_YEAR, M.SHARE, DOWN),
    (
        "surveyed urban unemployment below 5.5% every year",
        C.LESS_THAN,
        5.5,
        "percent",
        B.EVERY_YEAR,
        M.SHARE,
        DOWN,
    ),
    (
        "the surveyed urban unemployment rate within 5.5% in each year",
        C.AT_MOST,
        5.5,
        "percent",
        B.EVERY_YEAR,
        M.SHARE,
        DOWN,
    ),
    ("国内生产总值每年增长6%以上", C.AT_LEAST, 6, "percent", B.EVERY_YEAR, M.GROWTH, UP),
    ("GDP growth of at least 6% every year", C.AT_LEAST, 6, "percent", B.EVERY_YEAR, M.GROWTH, UP),
    # Signs as plan tables print them.
    ("全社会研发经费投入增长>7%", C.MORE_THAN, 7, "percent", B.VALUE, M.GROWTH, UP),
    ("全社会研发经费投入增长＞7%", C.MORE_THAN, 7, "percent", B.VALUE, M.GROWTH, UP),
    ("城镇调查失业率<5.5%", C.LESS_THAN, 5.5, "percent", B.VALUE, M.SHARE, DOWN),
    ("城镇调查失业率≤5.5%", C.AT_MOST, 5.5, "percent", B.VALUE, M.SHARE, DOWN),
    ("森林覆盖率≥24.1%", C.AT_LEAST, 24.1, "percent", B.VALUE, M.SHARE, UP),
    ("R&D spending growth > 7%", C.MORE_THAN, 7, "percent", B.VALUE, M.GROWTH, UP),
    (
        "surveyed urban unemployment rate < 5.5%",
        C.LESS_THAN,
        5.5,
        "percent",
        B.VALUE,
        M.SHARE,
        DOWN,
    ),
]


@pytest.mark.parametrize(
    ("text", "comparator", "magnitude", "unit", "basis", "measure", "direction"), KINDS
)
def test_kind(text, comparator, magnitude, unit, basis, measure, direction):  # noqa: PLR0917 (parametrised)
    t = parse_target(text, year=2025)
    got = (t.comparator, t.value.magnitude, str(t.value.units), t.basis, t.measure)
    assert got == (comparator, magnitude, unit, basis, measure), text
    assert t.indicator.direction is direction, text
    assert text.find(next(iter(t.wording.values()))) != -1  # an exact span of the text


def test_a_change_of_a_rate_is_never_percentage_points():
    for text in (
        "单位GDP能源消耗降低〔13.5〕",
        "单位GDP能耗累计下降13.5%",
        "reduce energy use by 13.5%",
    ):
        assert str(parse_target(text, year=2025).value.units) == "percent", text
    # Percentage points only when the words say so.
    t = parse_target("研发经费投入强度提高〔0.5〕个百分点", year=2025)
    assert (t.basis, str(t.value.units)) == (B.CHANGE, "percentage_point")


def test_the_window_of_a_bracket_is_the_five_years_to_the_deadline():
    # 〔〕内为5年累计数: 2021, 2022, 2023, 2024, 2025 for a 2025 deadline.
    for text in ("城镇新增就业〔5500〕万人", "单位GDP能源消耗降低〔13.5〕", "人均预期寿命〔1〕岁"):
        t = parse_target(text, year=2025)
        assert (t.start, t.deadline) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31)), text


def test_a_named_window_is_the_targets_window():
    t = parse_target("urban new jobs over 55 million in total over 2021–2025")
    assert (t.start, t.deadline) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))


def test_cumulative_amounts_agree_across_languages():
    zh = parse_target("城镇新增就业〔5500〕万人", year=2025)
    en = parse_target("urban new jobs over 55 million in total over 2021–2025")
    # 5500万人 = 5500 × 10,000 people = 55,000,000 people.
    assert zh.value.to("person").magnitude == en.value.to("person").magnitude == 55_000_000


def test_subjects_leave_the_kind_words_out():
    assert parse_target("单位GDP能耗累计下降13.5%", year=2025).indicator.name["zh"] == "单位GDP能耗"
    assert (
        parse_target("城镇调查失业率每年控制在5.5%以内", year=2025).indicator.name["zh"]
        == "城镇调查失业率"
    )
    assert (
        parse_target("'十四五'时期单位国内生产总值能耗累计下降13.5%", year=2025).indicator.name[
            "zh"
        ]
        == "单位国内生产总值能耗"
    )


def test_explain_says_the_kind():
    assert explain(parse_target("城镇新增就业〔5500〕万人", year=2025)).startswith(
        "total of 城镇新增就业 since 2021-01-01 ≥ 5500"
    )
    assert explain(
        parse_target("surveyed urban unemployment below 5.5% every year", year=2025)
    ) == (
        "surveyed urban unemployment in every year since 2025-01-01 < 5.5 % by 2025-12-31 "
        "(SHARE, lower is better)"
    )


def test_a_sign_without_a_subject_is_not_a_target():
    with pytest.raises(TargetParseError, match="without anything it measures"):
        parse_target("增长>7%", year=2025)


class TestRespectively:
    """分别 / "respectively": the n-th value goes with the n-th subject."""

    def test_chinese(self):
        energy, co2 = parse_targets(
            "单位国内生产总值能源消耗和二氧化碳排放分别降低13.5%、18%", year=2025
        )
        assert (energy.indicator.name["zh"], energy.value.magnitude) == (
            "单位国内生产总值能源消耗",
            -13.5,
        )
        # "per unit of GDP" opens the first item and belongs to the second too.
        assert (co2.indicator.name["zh"], co2.value.magnitude) == (
            "单位国内生产总值二氧化碳排放",
            -18,
        )
        for t in (energy, co2):
            assert (t.basis, t.comparator, str(t.value.units)) == (
                B.PERCENT_CHANGE,
                C.AT_MOST,
                "percent",
            )
        assert energy.indicator.id != co2.indicator.id

    def test_english(self):
        energy, co2 = parse_targets(
            "energy consumption and carbon dioxide emissions per unit of GDP will be reduced "
            "by 13.5 percent and 18 percent, respectively",
            year=2025,
        )
        assert (energy.indicator.name["en"], energy.value.magnitude) == (
            "energy consumption per unit of GDP",
            -13.5,
        )
        assert (co2.indicator.name["en"], co2.value.magnitude) == (
            "carbon dioxide emissions per unit of GDP",
            -18,
        )
        assert {energy.basis, co2.basis} == {B.PERCENT_CHANGE}

    def test_each_value_keeps_its_own_postposed_comparator(self):
        first, second = parse_targets("科技贷款、科技保险分别增长10%、12%以上", year=2025)
        assert (first.comparator, first.value.magnitude) == (C.EQUAL, 10)
        assert (second.comparator, second.value.magnitude) == (C.AT_LEAST, 12)

    def test_one_value_for_all_is_still_shared(self):
        # 均 (all): one value for every subject, as before.
        ts = parse_targets("科技贷款、科技保险、创业投资均保持10%以上增长", year=2025)
        assert [t.value.magnitude for t in ts] == [10, 10, 10]

    def test_fewer_values_than_subjects_share_the_value(self):
        ts = parse_targets("A和B分别增长10%", year=2025)
        assert [t.value.magnitude for t in ts] == [10, 10]


class TestAgeGroups:
    """An age group names who is counted; it is not the target's value."""

    def test_childcare_places_chinese(self):
        t = parse_target("每千人口拥有3岁以下婴幼儿托位数达到4.5个", year=2025)
        assert (t.comparator, t.value.magnitude, str(t.value.units)) == (
            C.EQUAL,
            4.5,
            "item / thousand_person",
        )
        assert t.indicator.name["zh"] == "每千人口拥有3岁以下婴幼儿托位数"
        assert (t.basis, t.measure) == (B.VALUE, M.LEVEL)

    def test_childcare_places_english(self):
        t = parse_target(
            "childcare places for children under 3 per 1,000 people will reach 4.5", year=2025
        )
        assert (t.comparator, t.value.magnitude, str(t.value.units)) == (
            C.EQUAL,
            4.5,
            "item / thousand_person",
        )

    @pytest.mark.parametrize(
        "text",
        ["60岁以上老年人口", "3岁以下婴幼儿", "children aged 3", "people over 60", "5 years old"],
    )
    def test_an_age_alone_is_no_target(self, text):
        assert parse_targets(text, year=2025) == []

    def test_an_age_at_the_end_is_a_value(self):
        t = parse_target("人均预期寿命达到78.3岁以上", year=2025)
        assert (t.comparator, t.value.magnitude, str(t.value.units)) == (C.AT_LEAST, 78.3, "year")
        t = parse_target("60岁及以上人口占比达到20%", year=2025)
        assert (t.value.magnitude, str(t.value.units)) == (20, "percent")


def test_a_fraction_of_years_is_a_duration_a_whole_number_a_span():
    t = parse_target("劳动年龄人口平均受教育年限提高到11.3年", year=2025)
    assert (t.comparator, t.value.magnitude, str(t.value.units), t.basis) == (
        C.EQUAL,
        11.3,
        "year",
        B.VALUE,
    )
    assert parse_targets("用5年时间", year=2025) == []
    assert parse_targets("1.5年内完成", year=2025) == []


def test_from_one_level_to_another_the_target_is_the_second():
    t = parse_target("每千人口拥有3岁以下婴幼儿托位数由2020年1.8个提升到2025年4.5个")
    assert (t.value.magnitude, str(t.value.units), t.deadline) == (
        4.5,
        "item / thousand_person",
        dt.date(2025, 12, 31),
    )
    t = parse_target("每万人口高价值发明专利拥有量从6.3件上升到12件", year=2025)
    assert (t.value.magnitude, t.indicator.id) == (12, "high_value_invention_patents_per_10k")


def test_what_is_kept_within_a_limit_is_the_subject():
    # CGTN / Xinhua English wording of the unemployment target.
    t = parse_target(
        "China aims to keep its surveyed urban unemployment rate within 5.5 percent", year=2025
    )
    assert t.indicator.name["en"] == "surveyed urban unemployment rate"
    assert (t.comparator, t.value.magnitude, t.indicator.direction) == (C.AT_MOST, 5.5, DOWN)


def test_the_plan_period_in_english_is_no_number():
    energy, co2 = parse_targets(
        "energy consumption per unit of GDP and carbon dioxide emissions per unit of GDP will be "
        "reduced by 13.5 percent and 18 percent, respectively, during the 14th Five-Year Plan "
        "period",
        year=2025,
    )
    assert (energy.value.magnitude, co2.value.magnitude) == (-13.5, -18)
    assert co2.indicator.name["en"] == "carbon dioxide emissions per unit of GDP"
