"""Bad input raises our errors, with the span; nothing else escapes, and nothing is slow."""

from __future__ import annotations

import contextlib
import random
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovplan.errors import QuantityParseError, TargetParseError
from innovplan.text import parse_cell, parse_target, parse_targets


def test_empty_text():
    assert parse_targets("", year=2023) == []
    with pytest.raises(TargetParseError, match="no target found") as info:
        parse_target("", year=2023)
    assert info.value.found == 0


def test_noise():
    rng = random.Random(20230129)  # noqa: S311 (noise, not secrets)
    noise = "".join(rng.choice("abcxyz 的了是，。!?()-—%") for _ in range(10_000))
    assert parse_targets(noise, year=2023) == []
    with pytest.raises(TargetParseError):
        parse_target(noise, year=2023)


@pytest.mark.parametrize(
    ("text", "position"),
    [("1.2.3万", 3), ("高新技术企业突破1.2.3万家", 11), ("reach 10.5.6 centres", 10)],
)
def test_mixed_up_numbers(text, position):
    with pytest.raises(QuantityParseError) as info:
        parse_targets(text, year=2023)
    assert info.value.position == position


def test_an_absurdly_long_number():
    with pytest.raises(QuantityParseError, match="digits"):
        parse_targets("reach " + "9" * 400 + " enterprises", year=2023)


def test_a_value_with_nothing_measured_names_its_span():
    with pytest.raises(TargetParseError, match="without anything it measures") as info:
        parse_target("within 5 percent", year=2023)
    assert info.value.span == (7, 16)


def test_several_targets_where_one_is_asked_for():
    with pytest.raises(TargetParseError, match="more than one") as info:
        parse_target("高新技术企业突破13000家，技术合同成交额突破1450亿元", year=2023)
    assert info.value.found == 2


def test_no_deadline_is_a_clear_error():
    with pytest.raises(TargetParseError, match="deadline"):
        parse_target("高新技术企业突破13000家")


def test_unknown_context_is_a_programming_error():
    with pytest.raises(TypeError, match="unknown context"):
        parse_targets("x", colour="red")


_ALPHABET = st.sampled_from(
    [
        *list(
            "0123456789.,%-—~ 万亿千百十一二三家个件元岁〔〕()（）以上下内左右约超过突破达到增长降低占比年月日"
            "<>≤≥＞、分别累计每年均由从"
        ),
        "more than",
        "at least",
        "about",
        " per ",
        "10,000 people",
        "between",
        " and ",
        "2023",
        "亿元",
        "billion yuan",
        "respectively",
        "every year",
        "in total over",
        "a year",
        "children under ",
    ]
)


@given(
    st.text(max_size=40),
    st.text(max_size=40),
    st.sampled_from(["", "%", "岁", "万人", "件", "years", "亿吨"]),
    st.sampled_from(["", "2025年", "年均/〔累计〕", "累计", "average annual"]),
)
def test_random_cells_raise_only_our_errors(cell, row, unit, column):
    with contextlib.suppress(TargetParseError, QuantityParseError):
        parse_cell(cell, row=row, unit=unit, column=column, year=2025)


@given(st.text(max_size=200) | st.lists(_ALPHABET, max_size=60).map("".join))
def test_random_text_raises_only_our_errors(text):
    with contextlib.suppress(TargetParseError, QuantityParseError):
        parse_targets(text, year=2023)
    with contextlib.suppress(TargetParseError, QuantityParseError):
        parse_target(text, year=2023)


ADVERSARIAL = [
    "1 " * 5_000,
    "1家 " * 3_300,
    "1" * 10_000,
    "1," * 5_000,
    "1." * 5_000,
    "more than " * 1_000 + "13,000",
    "(" * 10_000,
    "高新技术企业" * 1_600 + "突破13000家",
    "增长" * 5_000 + "11.5%以上",
    "a" * 10_000 + " 5",
    "technology loans, " * 600 + "all growing more than 10%",
    "科技贷款、" * 2_000 + "均保持10%以上增长",
    "10%—" * 2_500,
    "per 10,000 people " * 550,
    "从1到" * 3_000,
    "the number of " * 700 + "enterprises exceeded 13,000",
    "单位GDP能耗和" * 1_000 + "分别降低" + "1%、" * 20,
    "3岁以下" * 2_000,
    "〔1〕岁" * 2_000,
    "每年" * 5_000 + "5%",
    "> " * 5_000 + "7%",
    "and " * 2_500 + "13.5% and 18% respectively",
    "由2020年" * 1_000 + "1.8个提升到2025年4.5个",
    "children under " * 600 + "3",
    "累计" * 5_000 + "13.5%",
    "'十四五'" * 2_000 + "时期能耗累计下降13.5%",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_are_fast(text):
    # The bound: no input takes more than 50 ms (a hostile text must not hang a loader). CPU time, best
    # of three, so that another process on the machine does not count; a
    # backtracking regex would take seconds, not a few milliseconds more.
    parse_targets("高新技术企业突破13000家", year=2023)  # warm the registry and caches
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with contextlib.suppress(TargetParseError, QuantityParseError):
            parse_targets(text, year=2023)
        best = min(best, time.process_time() - start)
    assert best < 0.05
