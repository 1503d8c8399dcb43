"""Target phrases never lose a quantity, a unit or a denominator without a word.

Each phrase is one a plan writes, or its nearest hard case; the value beside it
is read by hand from the words (万 = 1e4, 千 = 1e3).
"""

from __future__ import annotations

import re

import pytest

from innovplan.errors import AmbiguousUnitError, TargetParseError, UnreadUnitError
from innovplan.model import Comparator
from innovplan.text import parse_targets
from innovplan.units import parse_quantity

AT_LEAST, EQUAL = Comparator.AT_LEAST, Comparator.EQUAL


def read(text: str) -> list[tuple[Comparator, float, str]]:
    return [
        (t.comparator, t.value.magnitude, str(t.value.units))
        for t in parse_targets(text, year=2025)
    ]


# A voltage class names which lines are built; the length after it is the
# value. 3万千米 = 30,000 km; 500万千伏安 = 5e6 kVA.
VOLTAGE_CLASSES = [
    ("新建10千伏线路3万千米", [(EQUAL, 30_000, "kilometer")]),
    ("新建10千伏线路3万公里", [(EQUAL, 30_000, "kilometer")]),
    ("新建10千伏线路3万千米以上", [(AT_LEAST, 30_000, "kilometer")]),
    ("新建110千伏线路3000公里", [(EQUAL, 3000, "kilometer")]),
    ("新建110千伏及以上线路3000公里", [(EQUAL, 3000, "kilometer")]),
    (
        "改造10千伏线路3万千米，新增变电容量500万千伏安",
        [(EQUAL, 30_000, "kilometer"), (EQUAL, 5_000_000, "kilovolt_ampere")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), VOLTAGE_CLASSES)
def test_a_voltage_class_does_not_take_the_length(
    text: str, expected: list[tuple[Comparator, float, str]]
) -> None:
    assert read(text) == expected


def test_voltages_are_units_not_magnitudes() -> None:
    # 10千伏 is 10 kV, not 10 × 千 = 10000 of nothing.
    assert str(parse_quantity("10千伏")) == "10 kilovolt"
    assert str(parse_quantity("220伏")) == "220 volt"
    assert str(parse_quantity("500万千伏安")) == "5000000 kilovolt_ampere"
    assert read("电压等级达到220千伏") == [(EQUAL, 220, "kilovolt")]


@pytest.mark.parametrize(
    "text", ["新建10千瓦线路3万千米", "新建10个线路3万千米", "新建10兆伏线路3万千米"]
)
def test_a_quantity_lost_to_the_noun_before_it_is_refused(text: str) -> None:
    # The words between the numbers are the first one's noun, so the 3万千米
    # would have nothing it measures: refused, naming both numbers.
    with pytest.raises(TargetParseError, match="two quantities in one clause") as info:
        parse_targets(text, year=2025)
    assert "'3万千米'" in str(info.value)
    assert "'10" in str(info.value)


GLUED = [
    ("室内温度不低于18oC", "oC", "arbitrary zero"),
    ("室内温度不低于18degC", "degC", "arbitrary zero"),
    ("indoor temperature at least 18oC", "oC", "arbitrary zero"),
    ("indoor temperature at least 18degC", "degC", "arbitrary zero"),
    ("indoor temperature at least 18Celsius", "Celsius", "arbitrary zero"),
    ("indoor temperature at least 18Fahrenheit", "Fahrenheit", "arbitrary zero"),
    ("室内温度不低于18degrees Celsius", "degrees Celsius", "arbitrary zero"),
    ("室内温度不低于18deg F", "deg F", "arbitrary zero"),
    ("耗水不超过18Mt", "Mt", "megametric_ton"),
    ("capacity at least 18GW", "GW", "gigawatt"),
]


@pytest.mark.parametrize(("text", "word", "why"), GLUED)
def test_a_unit_glued_to_the_number_is_refused_as_after_a_space(
    text: str, word: str, why: str
) -> None:
    with pytest.raises(UnreadUnitError, match=why) as glued:
        parse_targets(text, year=2025)
    assert glued.value.word == word
    spaced = text.replace("18", "18 ")
    with pytest.raises(UnreadUnitError) as with_space:
        parse_targets(spaced, year=2025)
    assert with_space.value.why == glued.value.why


def test_an_ambiguous_symbol_glued_is_ambiguous_as_after_a_space() -> None:
    with pytest.raises(AmbiguousUnitError, match="'kt'"):
        parse_targets("exports at least 18kt", year=2025)


@pytest.mark.parametrize(
    "text",
    [
        "建成5G基站60万个",
        "in the 1990s output grew",
        "覆盖4K超高清频道10个",
        "the 2nd phase adds 30 parks",
    ],
)
def test_letters_glued_to_a_number_that_name_a_thing_stay_names(text: str) -> None:
    # "5G", "1990s", "4K", "2nd" are names: no refusal, no value of their own.
    got = read(text)
    assert all(value not in {5, 1990, 4, 2} for _, value, _ in got)


# "a/b unit" is (a/b) unit: 1/2 = 0.5, 1/15 = 0.0667 (1 亩 = 1/15 公顷).
FRACTIONS = [
    ("面积达到1/2公顷", 0.5, "hectare"),
    ("每亩等于1/15公顷", 1 / 15, "hectare"),
    ("面积达到1/2亩", 0.5, "Chinese_mu"),
    ("area at least 1/2 ha", 0.5, "hectare"),
]


@pytest.mark.parametrize(("text", "magnitude", "unit"), FRACTIONS)
def test_a_fraction_before_a_unit_scales_the_unit(text: str, magnitude: float, unit: str) -> None:
    ((_, got, got_unit),) = read(text)
    assert got == pytest.approx(magnitude, rel=1e-9)
    assert got_unit == unit


def test_a_fraction_before_a_unit_at_the_quantity_door() -> None:
    assert parse_quantity("1/2公顷").magnitude == pytest.approx(0.5)
    assert str(parse_quantity("2/3 km2").units) == "kilometer ** 2"
    # A rate stays a rate: 5 per 100,000 people, 0.5 kg per hectare.
    assert str(parse_quantity("5/10万人")) == "5 item / hundred_thousand_person"
    assert str(parse_quantity("5 kg/10 ha")) == "0.5 kilogram / hectare"


@pytest.mark.parametrize(
    ("text", "fraction", "value"),
    [("share at least 1/3", "'1/3'", "0.3333"), ("覆盖率达到2/3", "'2/3'", "0.6667")],
)
def test_a_bare_fraction_is_refused_naming_it(text: str, fraction: str, value: str) -> None:
    # It read as its numerator (AT_LEAST 1), the "/3" dropped.
    with pytest.raises(UnreadUnitError, match=fraction) as info:
        parse_targets(text, year=2025)
    assert value in str(info.value)


# Capacities a day, as treatment and supply plans write them: 500万 = 5e6,
# 2万吨 = 2 ten_thousand_tonne.
PER_TIME = [
    ("污水处理能力达到500万立方米/日", EQUAL, 5_000_000, "meter ** 3 / day"),
    ("污水处理能力达到500万立方米/日以上", AT_LEAST, 5_000_000, "meter ** 3 / day"),
    ("污水处理能力达到500万立方米/天", EQUAL, 5_000_000, "meter ** 3 / day"),
    ("污水处理能力达到500万立方米每天", EQUAL, 5_000_000, "meter ** 3 / day"),
    ("垃圾处理能力达到2万吨/日", EQUAL, 2, "ten_thousand_tonne / day"),
    ("人均用水量不超过200立方米每日", Comparator.AT_MOST, 200, "meter ** 3 / day"),
    ("最低工资标准达到2000元/月", EQUAL, 2000, "yuan / month"),
    ("处理能力达到5吨/小时", EQUAL, 5, "metric_ton / hour"),
    ("capacity at least 100 tonnes a day", AT_LEAST, 100, "metric_ton / day"),
    ("capacity at least 2.5 tonnes an hour", AT_LEAST, 2.5, "metric_ton / hour"),
    ("sewage capacity at least 5 million m3 per day", AT_LEAST, 5_000_000, "meter ** 3 / day"),
]


@pytest.mark.parametrize(("text", "comparator", "magnitude", "unit"), PER_TIME)
def test_a_rate_a_day_keeps_its_denominator(
    text: str, comparator: Comparator, magnitude: float, unit: str
) -> None:
    assert read(text) == [(comparator, magnitude, unit)]


def test_the_units_of_time_read_only_under_a_division() -> None:
    # "5日" is a date, "100万吨/年" the deadline year's total, as before.
    assert str(parse_quantity("500万立方米/日")) == "5000000 meter ** 3 / day"
    assert read("产能达到100万吨/年") == [(EQUAL, 100, "ten_thousand_tonne")]
    assert read("output reaches 5 tonnes a year") == [(EQUAL, 5, "metric_ton")]


@pytest.mark.parametrize(
    ("text", "written"),
    [("床位数达到7张/千人", "张/千人"), ("通勤时间不超过40分钟/次", "分钟/次")],
)
def test_an_unread_word_before_a_division_is_refused(text: str, written: str) -> None:
    # They read as a plain 7 and 40, the unit and the rate both dropped.
    with pytest.raises(UnreadUnitError, match="would be lost") as info:
        parse_targets(text, year=2025)
    assert info.value.word == written


REFUSED = [
    "forest area at most 5 m3/s",
    "flow at least 5 m3/10 s",
    "output at least 5 kg/min",
    "yield at least 5 kg/mu",
    "yield at least 5 kg/10 mu",
    "at least 30 km2 per district",
    "water use at most 5 m3 per capitas",
    "人均用水量不超过200立方米每户",
    "capacity at least 18 Mt",
    "耗水不超过18Mt",
    "床位数达到7张/千人",
    "share at least 1/3",
]
# The calls that refusals advise, and what each reads (5 m3 / 10 s = 0.5 m³/s).
ADVISED = {
    "forest area at most 5 m3/s": "5 meter ** 3 / second",
    "flow at least 5 m3/10 s": "0.5 meter ** 3 / second",
    "output at least 5 kg/min": "5 kilogram / minute",
    "capacity at least 18 Mt": "18 megatonne",
    "耗水不超过18Mt": "18 megatonne",
}


@pytest.mark.parametrize("text", REFUSED)
def test_every_call_a_refusal_advises_reads(text: str) -> None:
    with pytest.raises(UnreadUnitError) as info:
        parse_targets(text, year=2025)
    calls = re.findall(r"parse_quantity\('([^']*)'\)", str(info.value))
    assert [str(parse_quantity(call)) for call in calls] == (
        [ADVISED[text]] if text in ADVISED else []
    )


def test_a_refused_denominator_says_why() -> None:
    # mu is pint's milli-atomic mass unit: the advice names 亩.
    with pytest.raises(UnreadUnitError, match="'亩' or 'Chinese_mu'"):
        parse_targets("yield at least 5 kg/10 mu", year=2025)


# Two targets joined by "and" read as with ", and": both values, each with its
# own subject and comparator.
AND_PAIRS = [
    (
        "housing area per person at least 40 m2 and green space at least 10 m2 by 2025",
        [(AT_LEAST, 40, "meter ** 2"), (AT_LEAST, 10, "meter ** 2")],
    ),
    (
        "housing area per person at least 40 sq m and green space at least 10 sq m by 2025",
        [(AT_LEAST, 40, "meter ** 2"), (AT_LEAST, 10, "meter ** 2")],
    ),
    (
        "exports at least 40 tonnes and imports at least 10 tonnes by 2025",
        [(AT_LEAST, 40, "metric_ton"), (AT_LEAST, 10, "metric_ton")],
    ),
    (
        "exports at least 40% and imports at least 10% by 2025",
        [(AT_LEAST, 40, "percent"), (AT_LEAST, 10, "percent")],
    ),
    (
        "exports reach 40 tonnes and imports reach 10 tonnes by 2025",
        [(EQUAL, 40, "metric_ton"), (EQUAL, 10, "metric_ton")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), AND_PAIRS)
def test_two_targets_joined_by_and_are_both_read(
    text: str, expected: list[tuple[Comparator, float, str]]
) -> None:
    assert read(text) == expected
    assert [t.indicator.id for t in parse_targets(text, year=2025)][1] in {
        "green_space",
        "imports",
    }


def test_and_inside_a_range_or_a_comparator_does_not_split() -> None:
    # "between 10 and 12 %" is one range; "13,000 and more" is at least 13,000.
    ((between,),) = [parse_targets("the share is between 10 and 12 % by 2025")]
    assert (between.value.magnitude, between.upper.magnitude if between.upper else None) == (
        10,
        12,
    )
    assert read("enterprises reach 13,000 and more by 2025")[0][:2] == (AT_LEAST, 13_000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 以上 is the comparator of the percent or the number, not a unit word.
        ("研发投入增长10%以上/年", [(AT_LEAST, 10, "percent")]),
        ("达到5以上/年", [(AT_LEAST, 5, "dimensionless")]),
    ],
)
def test_a_comparator_before_a_division_is_no_unread_word(
    text: str, expected: list[tuple[Comparator, float, str]]
) -> None:
    assert read(text) == expected
