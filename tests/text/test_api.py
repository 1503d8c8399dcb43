"""The face of innovplan.text: arguments, ids, wording, explain, and the docs table."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import innovplan.text
from innovplan import Q_
from innovplan.model import Comparator, Indicator, Measure, Nature, Tolerance
from innovplan.text import _lexicon as lex
from innovplan.text import explain, parse_target, parse_targets

DOCS = Path(__file__).parents[2] / "docs" / "targets.md"


def test_all_is_sorted_and_complete():
    assert innovplan.text.__all__ == sorted(innovplan.text.__all__)
    assert {"explain", "parse_target", "parse_targets"} <= set(innovplan.text.__all__)


def test_explain_lines():
    assert explain(parse_target("技术合同成交额突破1450亿元", year=2023)) == (
        "technology contract turnover > 1450 亿元 by 2023-12-31 (FLOW, higher is better)"
    )
    assert explain(parse_target("单位GDP能耗降低13.5%", year=2025)) == (
        "change in 单位GDP能耗 since 2025-01-01 ≤ -13.5 % by 2025-12-31 (LEVEL, lower is better)"
    )
    assert explain(parse_target("人均预期寿命提高1岁", year=2025)).startswith(
        "change in life expectancy since 2025-01-01 ≥ +1 year by 2025-12-31"
    )
    assert "∈ [6 %, 6.5 %]" in explain(parse_target("GDP增长6%—6.5%", year=2023))


def test_deadline_argument_wins():
    t = parse_target("到2025年，高新技术企业达到2万家", deadline="2024-06-30")
    assert t.deadline == dt.date(2024, 6, 30)


def test_an_earlier_year_in_the_text_is_used():
    (t,) = parse_targets("2023年工作要点。高新技术企业突破13000家。")
    assert t.deadline == dt.date(2023, 12, 31)


def test_ids_are_stable_slugs_and_unique():
    text = "build 10 innovation centers, build 10 innovation centers"
    ids = [t.id for t in parse_targets(text, year=2023)]
    assert ids == ["innovation_centers_built", "innovation_centers_built.2"]
    assert (
        parse_target("推进建设4个重大科技基础设施", year=2023).id
        == parse_target("推进建设4个重大科技基础设施", year=2024).id
    )
    assert re.fullmatch(
        r"zh_[0-9a-f]{8}", parse_target("推进建设4个重大科技基础设施", year=2023).id
    )


def test_wording_is_the_exact_span_under_its_language():
    t = parse_target("会议提出，技术合同成交额突破1450亿元。", year=2023)
    assert dict(t.wording) == {"zh": "技术合同成交额突破1450亿元"}
    t = parse_target("high-tech enterprises exceeded 13,000", year=2023, lang="en-GB")
    assert dict(t.wording) == {"en-GB": "high-tech enterprises exceeded 13,000"}


def test_indicator_argument_replaces_the_phrase_subject():
    labs = Indicator(
        "national_key_labs", "national key laboratories", unit="laboratory", measure=Measure.FLOW
    )
    t = parse_target("获批建设10家以上全国重点实验室", indicator=labs, year=2023)
    assert t.indicator is labs
    assert t.value == Q_(10, "laboratory")


def test_context_id_nature_tolerance_start():
    t = parse_target(
        "研发经费投入强度达到3%左右",
        year=2025,
        id="T12",
        nature="binding",
        tolerance=Tolerance(relative=0.05),
        start="2021-01-01",
    )
    assert (t.id, t.nature, t.tolerance, t.start) == (
        "T12",
        Nature.BINDING,
        Tolerance(relative=0.05),
        dt.date(2021, 1, 1),
    )
    assert t.comparator is Comparator.ABOUT


def test_every_word_of_the_lexicon_is_in_the_docs():
    if not DOCS.exists():
        pytest.skip("docs/targets.md is not beside the tests")
    doc = DOCS.read_text(encoding="utf-8")
    tables = (lex.BEFORE_EN, lex.AFTER_EN, lex.BEFORE_ZH, lex.AFTER_ZH, lex.REACH_ZH, lex.REACH_EN)
    missing = [w for table in tables for w in table if f"`{w}`" not in doc]
    assert missing == []
