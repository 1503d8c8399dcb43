"""The founding example, sentence by sentence, with counts derived by hand from the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from innovplan.model import Comparator, Measure
from innovplan.text import parse_targets

# The English news report of the plan's release (2023-01-31), kept verbatim.
SEED = Path(__file__).parents[1] / "data" / "wuhan-2023-sti-key-points.txt"


def _sentences():
    return re.split(r"(?<=[.!?])\s+", SEED.read_text(encoding="utf-8").strip())


# Per sentence, by hand. 0-4: dates, "22 specific tasks", "nine aspects", "four
# major goals" describe the plan. 5: 4 promoted, 4 pre-researched, more than 10
# laboratories. 6: four "10 major …". 7: >13,000 enterprises, 9,000 SMEs.
# 8: turnover, value-added growth, digital-economy share. 9: 1.2 million m².
# 10: 100 leading and 1,000 local talents. 11: loans, insurance, venture capital.
# 12: 10 patent centres, 30 patents per 10,000 people ("10,000" is the unit).
# 13-16, 18, 20, 21: no number. 17: "ten highlight projects" is a quantified
# promise, though the facts table leaves it out. 19: 10 strategic talents,
# 10 teams (again), about 100 leading talents (again).
EXPECTED = [0, 0, 0, 0, 0, 3, 4, 2, 3, 1, 2, 3, 2, 0, 0, 0, 0, 1, 0, 3, 0, 0]


def test_sentence_split_is_what_the_counts_were_made_for():
    assert len(_sentences()) == len(EXPECTED)


@pytest.mark.parametrize(("index", "expected"), list(enumerate(EXPECTED)))
def test_targets_per_sentence(index, expected):
    assert len(parse_targets(_sentences()[index], year=2023)) == expected


def test_whole_document_in_one_call():
    # The year comes from "in 2023" in the first sentences.
    targets = parse_targets(SEED.read_text(encoding="utf-8"))
    assert len(targets) == sum(EXPECTED) == 24
    assert {t.deadline.isoformat() for t in targets} == {"2023-12-31"}
    assert len({t.id for t in targets}) == len(targets)


def _by_id(sentence):
    return {t.indicator.id: t for t in parse_targets(_sentences()[sentence], year=2023)}


def test_the_quantified_targets_have_the_right_fields():
    s7, s8, s11, s12 = _by_id(7), _by_id(8), _by_id(11), _by_id(12)
    hte = s7["high_tech_enterprises"]
    assert (hte.comparator, hte.value.magnitude, str(hte.value.units), hte.measure) == (
        Comparator.MORE_THAN,
        13000,
        "enterprise",
        Measure.LEVEL,
    )
    assert s7["tech_based_smes"].value.magnitude == 9000
    turnover = s8["tech_contract_turnover"]
    assert (turnover.comparator, turnover.value.magnitude, str(turnover.value.units)) == (
        Comparator.MORE_THAN,
        1450,
        "hundred_million_yuan",
    )
    growth = s8["high_tech_industry_value_added_growth"]
    assert (growth.measure, growth.value.magnitude, growth.comparator) == (
        Measure.GROWTH,
        11.5,
        Comparator.MORE_THAN,
    )
    share = s8["digital_economy_core_share"]
    assert (share.measure, share.comparator, share.value.magnitude) == (
        Measure.SHARE,
        Comparator.ABOUT,
        11,
    )
    assert sorted(s11) == [
        "technology_insurance_growth",
        "technology_loans_growth",
        "venture_capital_growth",
    ]
    assert all(
        t.measure is Measure.GROWTH and t.comparator is Comparator.MORE_THAN for t in s11.values()
    )
    patents = s12["high_value_invention_patents_per_10k"]
    assert (patents.value.magnitude, str(patents.value.units)) == (
        30,
        "patent / ten_thousand_person",
    )


def test_two_and_two_and_three_in_one_phrase():
    s5 = parse_targets(_sentences()[5], year=2023)
    assert [t.value.magnitude for t in s5] == [4, 4, 10]
    assert [str(t.value.units) for t in s5] == ["facility", "facility", "laboratory"]
    assert s5[0].indicator.id != s5[1].indicator.id  # promoted versus pre-researched
    s10 = parse_targets(_sentences()[10], year=2023)
    assert [(t.value.magnitude, str(t.value.units)) for t in s10] == [
        (100, "person"),
        (1000, "person"),
    ]


def test_chinese_wording_gives_the_same_targets_as_english():
    pairs = [
        (7, "high_tech_enterprises", "高新技术企业突破13000家"),
        (7, "tech_based_smes", "科技型中小企业评价入库9000家"),
        (8, "tech_contract_turnover", "技术合同成交额突破1450亿元"),
        (8, "digital_economy_core_share", "数字经济核心产业增加值占比提升到11%左右"),
        (9, "innovation_blocks_built", "建设创新街区(园区、楼宇)120万平方米"),
        (12, "high_value_invention_patents_per_10k", "每万人口高价值发明专利拥有量达到30件"),
    ]
    for sentence, ident, chinese in pairs:
        en = _by_id(sentence)[ident]
        (zh,) = parse_targets(chinese, year=2023)
        assert zh.indicator == en.indicator
        assert (zh.comparator, zh.value, zh.measure, zh.basis) == (
            en.comparator,
            en.value,
            en.measure,
            en.basis,
        )
