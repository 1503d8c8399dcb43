"""innovplan.text.parse_cell: a table cell with its row label, unit and column header."""

from __future__ import annotations

import datetime as dt

import pytest

from innovplan.errors import TargetParseError
from innovplan.model import Basis, Comparator, Direction, Indicator, Measure
from innovplan.text import parse_cell, parse_target


@pytest.mark.parametrize("cell", ["", "—", "-", " — ", "/"])
def test_an_empty_cell_is_none(cell):
    assert parse_cell(cell, row="常住人口城镇化率", unit="%", column="2025年") is None


def test_the_column_year_is_the_deadline():
    t = parse_cell("65", row="常住人口城镇化率", unit="%", column="2025年")
    assert t.deadline == dt.date(2025, 12, 31)
    t = parse_cell("65", row="urbanisation rate", unit="%", column="target 2025")
    assert t.deadline == dt.date(2025, 12, 31)


def test_deadline_and_year_win_over_the_column():
    t = parse_cell("65", row="常住人口城镇化率", unit="%", column="2025年", year=2024)
    assert t.deadline == dt.date(2024, 12, 31)
    t = parse_cell("65", row="常住人口城镇化率", unit="%", column="2025年", deadline="2025-06-30")
    assert t.deadline == dt.date(2025, 6, 30)


def test_without_a_year_anywhere_the_error_says_so():
    with pytest.raises(TargetParseError, match="deadline"):
        parse_cell("〔13.5〕", row="单位GDP能源消耗降低", unit="%", column="年均/〔累计〕")


def test_a_cell_reads_as_the_phrase_it_stands_for():
    # The same target as the plan's own words, but for the wording.
    cell = parse_cell(
        ">7", row="全社会研发经费投入增长", unit="%", column="年均/〔累计〕", year=2025
    )
    phrase = parse_target("全社会研发经费投入年均增长>7%", year=2025)
    assert cell == phrase
    assert dict(cell.wording) == {"zh": "全社会研发经费投入年均增长>7%"}


def test_a_plain_number_under_a_cumulative_column_is_a_total():
    t = parse_cell("5500", row="城镇新增就业", unit="万人", column="累计", year=2025)
    assert (t.basis, t.value.magnitude, str(t.value.units)) == (
        Basis.CUMULATIVE,
        5500,
        "ten_thousand_person",
    )


def test_a_bracketed_amount_is_a_total_over_five_years():
    t = parse_cell("〔5500〕", row="城镇新增就业", unit="万人", column="年均/〔累计〕", year=2025)
    assert (t.basis, t.comparator, t.start) == (
        Basis.CUMULATIVE,
        Comparator.AT_LEAST,
        dt.date(2021, 1, 1),
    )


def test_the_unit_may_end_the_row_label():
    t = parse_cell("〔1〕", row="人均预期寿命（岁）", column="年均/〔累计〕", year=2025)
    assert (t.basis, t.value.magnitude, str(t.value.units)) == (Basis.CHANGE, 1, "year")
    assert t.indicator.id == "life_expectancy"


def test_a_unit_written_in_the_cell_wins():
    t = parse_cell("65%", row="常住人口城镇化率", unit="%", column="2025年")
    assert t.value.magnitude == 65


def test_english_rows():
    t = parse_cell(
        ">7",
        row="growth of society-wide R&D expenditure",
        unit="%",
        column="average annual",
        year=2025,
    )
    assert (t.basis, t.comparator, t.value.magnitude) == (
        Basis.AVERAGE_ANNUAL,
        Comparator.MORE_THAN,
        7,
    )
    assert t.indicator.name["en"] == "society-wide R&D expenditure"
    t = parse_cell(
        "[13.5]",
        row="reduction in energy use per unit of GDP",
        unit="%",
        column="average annual / [cumulative]",
        year=2025,
    )
    assert (t.basis, t.comparator, t.value.magnitude) == (
        Basis.PERCENT_CHANGE,
        Comparator.AT_MOST,
        -13.5,
    )
    t = parse_cell("[1]", row="life expectancy", unit="years", column="cumulative", year=2025)
    assert (t.basis, t.value.magnitude, str(t.value.units)) == (Basis.CHANGE, 1, "year")


def test_the_whole_row_label_names_a_new_indicator():
    t = parse_cell("85", row="地表水达到或好于Ⅲ类水体比例", unit="%", column="2025年")
    assert t.indicator.name["zh"] == "地表水达到或好于Ⅲ类水体比例"
    assert t.id == t.indicator.id


def test_a_change_word_closing_the_label_is_not_the_name():
    t = parse_cell(
        "〔13.5〕", row="单位GDP能源消耗降低", unit="%", column="年均/〔累计〕", year=2025
    )
    assert t.indicator.name["zh"] == "单位GDP能源消耗"


def test_an_indicator_argument_is_kept():
    ind = Indicator(
        "energy_intensity",
        "energy use per unit of GDP",
        unit="dimensionless",
        measure=Measure.LEVEL,
        direction=Direction.DECREASE,
    )
    t = parse_cell(
        "〔13.5〕",
        row="单位GDP能源消耗降低",
        unit="%",
        column="年均/〔累计〕",
        year=2025,
        indicator=ind,
    )
    assert t.indicator is ind


def test_a_unit_the_vocabulary_lacks_is_an_error_not_a_bare_number():
    with pytest.raises(TargetParseError, match="万标准箱") as info:
        parse_cell("3", row="港口集装箱吞吐量", unit="万标准箱", column="2025年")
    assert "indicator=" in str(info.value)


def test_a_row_label_is_needed():
    with pytest.raises(TargetParseError, match="row label"):
        parse_cell("65", row=" ", unit="%", column="2025年")
