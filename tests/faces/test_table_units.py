"""The Chinese report writes units by their Chinese names where the vocabulary has one."""

from __future__ import annotations

import io

import pytest

from innovplan import datasets, evaluate, parse_quantity
from innovplan.faces import main
from innovplan.faces._labels import _ZH_COUNTS, _zh_units, fmt_quantity, zh_unit
from innovplan.faces._table import report_text
from innovplan.units import COUNT_WORDS


@pytest.mark.parametrize(("unit", "name"), sorted(_zh_units().items()))
def test_every_chinese_name_reads_back_as_its_unit(unit, name) -> None:
    assert str(parse_quantity(f"1{name}").units) == unit


@pytest.mark.parametrize(("thing", "word"), sorted(_ZH_COUNTS.items()))
def test_every_thing_is_counted_by_a_count_word_of_the_vocabulary(thing, word) -> None:
    assert word in COUNT_WORDS
    # 家 counts enterprises, and laboratories too; 个 counts items, and centres.
    if thing in COUNT_WORDS.values() and thing not in {"facility", "person"}:
        assert COUNT_WORDS[word] == thing


def test_a_ratio_takes_both_names_and_an_unknown_unit_keeps_its_own() -> None:
    assert zh_unit("patent / ten_thousand_person") == "件/万人"
    assert zh_unit("item / thousand_person") == "个/千人"
    assert zh_unit("year") is None
    # Every unit the vocabulary reads from Chinese is written back in Chinese,
    # the metre and the grid's volts too (the names were once kept by hand,
    # and those were missing).
    assert (zh_unit("meter"), zh_unit("kilovolt"), zh_unit("kilovolt_ampere")) == (
        "米",
        "千伏",
        "千伏安",
    )
    assert fmt_quantity(parse_quantity("11.3 year"), "zh") == "11.3 year"


def rows(text: str) -> dict[str, str]:
    return {line.split()[0]: line for line in text.splitlines() if line[:1] == "T"}


def test_the_chinese_report_of_wuhan_writes_units_in_chinese() -> None:
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
    zh, en = rows(report_text(report, "zh")), rows(report_text(report, "en"))
    # Figures of datasets/wuhan_2023*.json: 13,000 enterprises targeted and
    # 14,500 reported (2024 work report), gap 14,500 - 13,000 = +1,500.
    assert zh["T8"].split()[1:4] == [">", "13,000家", "14,500家"]
    assert "+1,500家" in zh["T8"]
    assert "+1,500 enterprise" in en["T8"]
    # 120万平方米 of innovation blocks; 30 patents per 10,000 people targeted,
    # 34.56 reported: gap 34.56 - 30 = +4.56.
    assert "= 120万平方米" in zh["T13"]
    assert zh["T21"].split()[1:4] == ["=", "30件/万人", "34.56件/万人"]
    assert "+4.56件/万人" in zh["T21"]
    # Growth 11.56 % against more than 10 %: 11.56 - 10 = +1.56 percentage points.
    assert "+1.56个百分点" in zh["T17"]
    assert "+1.56 pp" in en["T17"]
    assert "enterprise" not in zh["T8"]


def test_the_chinese_trajectory_table_writes_rates_a_year_in_chinese() -> None:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    text = report_text(evaluate(plan, obs, as_of="2023-08-06"), "zh")
    trajectory = text.split("截止日期的趋势预测")[1]
    t10 = next(line for line in trajectory.splitlines() if line.startswith("T10"))
    t8 = next(line for line in trajectory.splitlines() if line.startswith("T8"))
    # Needed in 2023 from 2022's 1,357.41亿元 to 1,450亿元: +92.59亿元 a year;
    # from 2022's lower bound of 12,000 enterprises to 13,000: +1,000家 a year.
    assert "+92.59亿元/年" in t10
    assert "+1,000家/年" in t8
    low, high = next(cell for cell in t8.split() if "–" in cell).split("–")
    assert high.endswith("家")
    assert float(low.replace(",", "")) < float(high.removesuffix("家").replace(",", ""))


def test_the_chinese_report_prints_the_ex_ante_view_in_chinese() -> None:
    out = io.StringIO()
    assert main(["report", "--lang", "zh"], stdout=out, stderr=io.StringIO()) == 0
    text = out.getvalue()
    assert "Ex-ante view" not in text
    view = text.split("事前视角：结果公布前的趋势预测（自动选择，80%区间）")[1]
    # T8's outcome: 14,500 enterprises, in the 2024 work report of 2024-01-18.
    assert "  结果：14,500家——已完成，发布于2024-01-18" in view
    # T10 on 2023-01-29: the 2022 figure, 1,357.41亿元, was the evidence.
    assert "2022年：1,357.41亿元" in view
    english = io.StringIO()
    assert main(["report"], stdout=english, stderr=io.StringIO()) == 0
    assert "Ex-ante view: what the trajectory said" in english.getvalue()
    assert "outcome: 14,500 enterprise — ACHIEVED, released 2024-01-18" in english.getvalue()


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        # 耕地保有量不少于18.65亿亩: 1.865e9 亩 written as the report writes figures.
        (1_865_000_000, "Chinese_mu", "1,865,000,000亩"),
        (1100, "ten_thousand_kilowatt", "1,100万千瓦"),
        (12, "hundred_million_kilowatt_hour", "12亿千瓦时"),
        (35, "microgram / meter ** 3", "35微克/立方米"),
        (500, "kilogram / Chinese_mu", "500公斤/亩"),
        (3, "hectare", "3公顷"),
        (40, "kilometer", "40公里"),
    ],
)
def test_the_chinese_report_names_the_yearbook_units(value, unit, written) -> None:
    assert fmt_quantity(parse_quantity(f"{value} {unit}"), "zh") == written
