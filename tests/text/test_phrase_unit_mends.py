"""Target phrases with units glued to Chinese text, 千 units, temperatures and denominators.

Each phrase is one a plan writes; the value and comparator beside it are read
by hand from the words.
"""

from __future__ import annotations

import pytest

from innovplan.errors import AmbiguousUnitError, UnreadUnitError
from innovplan.model import Comparator
from innovplan.text import parse_targets
from innovplan.units import WRITTEN_UNITS, registry

AT_LEAST, AT_MOST, EQUAL, MORE_THAN = (
    Comparator.AT_LEAST,
    Comparator.AT_MOST,
    Comparator.EQUAL,
    Comparator.MORE_THAN,
)


def one(text: str) -> tuple[Comparator, float, str]:
    (target,) = parse_targets(text, year=2030)
    return target.comparator, target.value.magnitude, str(target.value.units)


# (phrase, comparator, magnitude, unit): 以上 is at least, 以下 and 以内 at
# most (Civil Code art. 1259: both include the number); 6000亿 = 6e11,
# 100万 = 1e6.
REVIEW = [
    ("PM2.5浓度降至35µg/m3以下", AT_MOST, 35, "microgram / meter ** 3"),
    ("用水总量控制在6000亿m3以内", AT_MOST, 600_000_000_000, "meter ** 3"),
    ("新增绿地100万m2以上", AT_LEAST, 1_000_000, "meter ** 2"),
    ("人均住房面积40m2以上", AT_LEAST, 40, "meter ** 2"),
    ("建成区面积达到5000km2以上", AT_LEAST, 5000, "kilometer ** 2"),
    ("到2025年，全省森林面积超过500km2，", MORE_THAN, 500, "kilometer ** 2"),
]


@pytest.mark.parametrize(("text", "comparator", "magnitude", "unit"), REVIEW)
def test_a_written_unit_glued_to_chinese_text_keeps_unit_and_comparator(
    text: str, comparator: Comparator, magnitude: int, unit: str
) -> None:
    assert one(text) == (comparator, magnitude, unit)


# 以上: at least; 以下, 以内: at most.
SUFFIXES = [("以上", AT_LEAST), ("以下", AT_MOST), ("以内", AT_MOST)]


@pytest.mark.parametrize(("after", "comparator"), SUFFIXES)
@pytest.mark.parametrize("key", sorted(k for k in WRITTEN_UNITS if k[-1].isascii()))
def test_every_written_unit_reads_before_a_comparator_word(
    key: str, after: str, comparator: Comparator
) -> None:
    unit = str(registry().Unit(WRITTEN_UNITS[key]))
    assert one(f"指标达到40{key}{after}") == (comparator, 40, unit)


@pytest.mark.parametrize("key", sorted(k for k in WRITTEN_UNITS if k[-1].isascii()))
def test_every_written_unit_reads_before_a_chinese_comma(key: str) -> None:
    unit = str(registry().Unit(WRITTEN_UNITS[key]))
    assert one(f"指标达到40{key}，质量提升") == (EQUAL, 40, unit)


# 12亿千瓦 = 1.2e9 kW (the 2030 wind and solar capacity target); 3千万 = 3e7;
# 2亿 = 2e8.
QIAN = [
    ("到2030年，风电、太阳能发电总装机容量达到12亿千瓦以上", AT_LEAST, 1_200_000_000, "kilowatt"),
    ("新增装机3千万千瓦", EQUAL, 30_000_000, "kilowatt"),
    ("肉类产量达到2亿千克", EQUAL, 200_000_000, "kilogram"),
    ("装机容量达到十二亿千瓦以上", AT_LEAST, 1_200_000_000, "kilowatt"),
    ("新增装机三千万千瓦", EQUAL, 30_000_000, "kilowatt"),
    # 1.3万亿斤 = 1.3e12 jin: 万亿 is one magnitude, as before.
    ("粮食产量稳定在1.3万亿斤以上", AT_LEAST, 1_300_000_000_000, "jin"),
]


@pytest.mark.parametrize(("text", "comparator", "magnitude", "unit"), QIAN)
def test_a_magnitude_word_before_a_qian_unit(
    text: str, comparator: Comparator, magnitude: int, unit: str
) -> None:
    assert one(text) == (comparator, magnitude, unit)


TEMPERATURES = [
    "全球平均气温升幅控制在1.5摄氏度以内",
    "室内温度不低于18摄氏度",
    "室内温度不低于64华氏度",
    "indoor temperature at least 18 ºC",
    "indoor temperature at least 18˚C",
    "indoor temperature at least 18 ° C",
    "indoor temperature at least 18 °c",
    "indoor temperature at least 18 oC",
    "indoor temperature at least 64 華氏度",
    "indoor temperature at least 20 degrees Celsius",
    "indoor temperature at least 20 Celsius",
    "indoor temperature at least 64 Fahrenheit",
    "indoor temperature at least 20 degrees C",
    "indoor temperature at least 20 deg c",
    "indoor temperature at least 20 degrees centigrade",
]


@pytest.mark.parametrize("text", TEMPERATURES)
def test_a_temperature_in_a_phrase_is_refused_with_the_advice(text: str) -> None:
    with pytest.raises(UnreadUnitError) as err:
        parse_targets(text, year=2030)
    assert "delta_degC" in str(err.value)


def test_a_bare_degree_sign_refuses_the_target_as_ambiguous() -> None:
    with pytest.raises(UnreadUnitError) as err:
        parse_targets("室内温度不低于18°", year=2030)
    assert err.value.word == "°"
    assert "'degree' or 'delta_degC' or 'kelvin'" in str(err.value)


def test_centigrade_in_a_phrase_gets_the_temperature_advice() -> None:
    with pytest.raises(UnreadUnitError, match="delta_degC"):
        parse_targets("indoor temperature at least 20 centigrade", year=2030)


def test_a_word_starting_like_a_spelling_is_no_temperature() -> None:
    # "oCaml" is no "oC": the target of 5 is read, not refused as a temperature.
    (target,) = parse_targets("train 5 oCaml developers by 2030")
    assert target.value.magnitude == 5


@pytest.mark.parametrize(
    ("text", "written", "denominator"),
    [
        ("forest area at most 5 m3/s", "/s", "'s'"),
        ("yield at least 5 kg/mu", "/mu", "'mu'"),
        ("yield at least 5 kg/10 mu", "/10 mu", "'10 mu'"),
        ("water use at most 5 m3 per capitas", "per capitas", "'capitas'"),
        ("人均用水量不超过200立方米每户", "每户", "'户'"),
    ],
)
def test_a_denominator_not_read_refuses_the_target(
    text: str, written: str, denominator: str
) -> None:
    with pytest.raises(UnreadUnitError) as err:
        parse_targets(text, year=2030)
    assert err.value.word == written
    assert denominator in str(err.value)


@pytest.mark.parametrize(
    ("text", "comparator", "magnitude", "unit"),
    [
        # A denominator that reads is kept; a year's flow keeps its old reading.
        ("粮食单产达到500公斤/亩以上", AT_LEAST, 500, "kilogram / Chinese_mu"),
        ("reach 30 patents per 10,000 people by 2025", EQUAL, 30, "patent / ten_thousand_person"),
    ],
)
def test_a_denominator_that_reads_is_kept(
    text: str, comparator: Comparator, magnitude: int, unit: str
) -> None:
    assert one(text) == (comparator, magnitude, unit)


@pytest.mark.parametrize(
    ("text", "comparator", "magnitude", "unit"),
    [
        # What the temperature refusal advises reads in a phrase.
        ("warming at most 1.5 delta_degC", AT_MOST, 1.5, "delta_degree_Celsius"),
        ("indoor temperature at least 293.15 kelvin", AT_LEAST, 293.15, "kelvin"),
        # mg/m3 as µg/m3: GB 3095-2012 gives CO in mg/m³.
        ("PM10 at most 0.07 mg/m3", AT_MOST, 0.07, "milligram / meter ** 3"),
        ("CO浓度控制在4mg/m3以下", AT_MOST, 4, "milligram / meter ** 3"),
        ("PM2.5浓度降至35微克/立方米以下", AT_MOST, 35, "microgram / meter ** 3"),
    ],
)
def test_the_phrase_door_reads_what_it_advises(
    text: str, comparator: Comparator, magnitude: float, unit: str
) -> None:
    assert one(text) == (comparator, magnitude, unit)


# 120万 = 1.2e6; ㎡ ㎢ ㎥ ㎍ are m2, km2, m3, μg (NFKC).
COMPATIBLE = [
    ("新增绿地120万㎡以上", AT_LEAST, 1_200_000, "meter ** 2"),
    ("人均住房面积达到40㎡以上", AT_LEAST, 40, "meter ** 2"),
    ("建成区面积达到500㎢以上", AT_LEAST, 500, "kilometer ** 2"),
    ("PM2.5浓度降至35㎍/㎥以下", AT_MOST, 35, "microgram / meter ** 3"),
    ("用水量控制在6000万㎥以内", AT_MOST, 60_000_000, "meter ** 3"),
]


@pytest.mark.parametrize(("text", "comparator", "magnitude", "unit"), COMPATIBLE)
def test_compatibility_unit_characters_read_in_phrases(
    text: str, comparator: Comparator, magnitude: int, unit: str
) -> None:
    assert one(text) == (comparator, magnitude, unit)


def test_an_ambiguous_compatibility_character_is_refused_in_a_phrase() -> None:
    with pytest.raises(AmbiguousUnitError):
        parse_targets("排放不超过5㏏", year=2030)
