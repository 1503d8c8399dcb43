"""Unit spellings glued to Chinese text, 千 after a magnitude word, temperatures, logs, suggestions.

A written unit ("m2", "µg/m3") followed by 以上 or a Chinese comma is a whole
word; 12亿千瓦 is 12亿 kilowatts; every spelling of a Celsius or Fahrenheit
temperature is refused with the same advice, and a logarithmic unit with its
own; suggestions never cross a prefix or offer the word itself; the CJK
compatibility characters (㎡, ㎍) read as what they decompose to.
"""

from __future__ import annotations

import unicodedata

import pytest

from innovplan import Q_
from innovplan.errors import (
    AmbiguousUnitError,
    InnovplanError,
    QuantityParseError,
    RefusedUnitError,
)
from innovplan.units import (
    REFUSED_SPELLINGS,
    WRITTEN_UNITS,
    parse_quantity,
    parse_unit,
    read_quantity,
    registry_name,
)
from innovplan.units._vocabulary import COMPATIBILITY_UNITS, refused_spelling_at, suggestions

# What Chinese text puts right after a unit: a comparator word or punctuation.
AFTER = ["以上", "以下", "以内", "，", "。", "左右"]
ASCII_WRITTEN = sorted(k for k in WRITTEN_UNITS if k.isascii())


@pytest.mark.parametrize("after", AFTER)
@pytest.mark.parametrize("key", sorted(k for k in WRITTEN_UNITS if k[-1].isascii()))
def test_a_written_unit_before_chinese_text_is_a_whole_word(key: str, after: str) -> None:
    text = f"40{key}{after}"
    q, end = read_quantity(text, 0)
    assert str(q.units) == str(Q_(1, WRITTEN_UNITS[key]).units)
    assert q.magnitude == 40
    assert end == 2 + len(key)


@pytest.mark.parametrize("after", ["x", "_", "3", "a"])
def test_an_ascii_letter_digit_or_underscore_still_continues_the_word(after: str) -> None:
    # "km2x", "km2_", "km23": no km2 followed by something else.
    q, _ = read_quantity(f"5 km2{after}", 0)
    assert str(q.units) != "kilometer ** 2"
    with pytest.raises(InnovplanError):
        parse_unit(f"km2{after}")


def test_a_written_unit_before_chinese_text_reads_in_a_product() -> None:
    # 35 µg/m3 then 以下: the denominator m3 is read whole.
    q, end = read_quantity("35µg/m3以下", 0)
    assert str(q.units) == "microgram / meter ** 3"
    assert (q.magnitude, end) == (35, 7)


@pytest.mark.parametrize("after", AFTER)
@pytest.mark.parametrize(
    "spelling", sorted(s for s in REFUSED_SPELLINGS if s[-1].isascii() and s[-1].isalnum())
)
def test_a_refused_spelling_before_chinese_text_is_found(spelling: str, after: str) -> None:
    assert refused_spelling_at(f"18{spelling}{after}", 2) == spelling
    # ... and not when an ASCII letter goes on: "oCaml", "Celsiusx".
    assert refused_spelling_at(f"18{spelling}x", 2) != spelling


# (text, magnitude, unit): 12亿 = 1.2e9, so 12亿千瓦 = 1.2e9 kW (1.2 million MW);
# 3千万 = 3e7; 2亿 = 2e8; 2万 = 2e4; 5亿千米 = 5e8 km (the 千 is the kilo of 千米).
QIAN = [
    ("12亿千瓦", 1_200_000_000, "kilowatt"),
    ("1.2亿千瓦", 120_000_000, "kilowatt"),
    ("3千万千瓦", 30_000_000, "kilowatt"),
    ("3千万千瓦时", 30_000_000, "kilowatt_hour"),
    ("2亿千克", 200_000_000, "kilogram"),
    ("2万千克", 20_000, "kilogram"),
    ("5亿千米", 500_000_000, "kilometer"),
    ("12 亿千瓦", 1_200_000_000, "kilowatt"),
    ("十二亿千瓦", 1_200_000_000, "kilowatt"),
    ("三千万千瓦", 30_000_000, "kilowatt"),
    # Whole words of the vocabulary keep their scaled units.
    ("1200万千瓦", 1200, "ten_thousand_kilowatt"),
    ("12亿千瓦时", 12, "hundred_million_kilowatt_hour"),
    # 万亿 is one magnitude: 1.3万亿斤 = 1.3e12 jin.
    ("1.3万亿斤", 1_300_000_000_000, "jin"),
    ("3千万吨", 30_000_000, "metric_ton"),
]


@pytest.mark.parametrize(("text", "magnitude", "unit"), QIAN)
def test_a_magnitude_word_leaves_the_qian_of_the_unit(text: str, magnitude: int, unit: str) -> None:
    q = parse_quantity(text)
    assert (q.magnitude, str(q.units)) == (magnitude, unit)


def test_12_yi_kilowatt_is_1_2_million_megawatt() -> None:
    # 12亿 kW = 1.2e9 kW = 1.2e6 MW.
    assert parse_quantity("12亿千瓦").to("megawatt").magnitude == pytest.approx(1.2e6)


TEMPERATURES = [
    "摄氏度",
    "华氏度",
    "攝氏度",
    "華氏度",
    "ºC",
    "ºF",
    "˚C",
    "˚F",
    "° C",
    "°c",
    "oC",
    "degrees Celsius",
    "degree Celsius",
    "degrees centigrade",
    "degrees Centigrade",
    "degrees C",
    "degree F",
    "deg c",
    "Celsius",
    "Centigrade",
    "Fahrenheit",
    "degrees Fahrenheit",
]


@pytest.mark.parametrize("spelling", TEMPERATURES)
def test_every_temperature_spelling_is_refused_with_the_advice(spelling: str) -> None:
    for read in (parse_unit, lambda s: Q_(20, s), lambda s: parse_quantity(f"20 {s}")):
        with pytest.raises(RefusedUnitError) as err:
            read(spelling)
        assert "delta_degC" in str(err.value)
        assert "kelvin" in str(err.value)


@pytest.mark.parametrize("word", ["centigrade", "centigrades"])
def test_centigrade_is_a_temperature_not_an_angle(word: str) -> None:
    # pint reads it as centi- + grade, a hundredth of a gradian: 0.00314 rad.
    for read in (registry_name, parse_unit, lambda s: Q_(20, s)):
        with pytest.raises(RefusedUnitError, match="delta_degC"):
            read(word)


def test_a_bare_degree_sign_is_ambiguous() -> None:
    with pytest.raises(AmbiguousUnitError) as err:
        parse_quantity("18°")
    assert err.value.spellings == ("degree", "delta_degC", "kelvin")
    with pytest.raises(AmbiguousUnitError):
        parse_unit("°")


@pytest.mark.parametrize(
    "word", ["decibel", "dB", "neper", "Np", "octave", "oct", "dBm", "dBu", "decibels"]
)
def test_a_logarithmic_unit_gets_its_own_message(word: str) -> None:
    with pytest.raises(RefusedUnitError) as err:
        parse_unit(word)
    assert "logarithmic ratio" in str(err.value)
    assert "Celsius" not in str(err.value)


@pytest.mark.parametrize("word", ["decade", "decades"])
def test_a_decade_is_advised_as_ten_years(word: str) -> None:
    with pytest.raises(RefusedUnitError) as err:
        Q_(1, word)
    assert "10 year" in str(err.value)
    assert "Celsius" not in str(err.value)


@pytest.mark.parametrize(
    "word",
    # Mm3 is a million m³ in water statistics, hm2 a hectare: a guess at "mm3"
    # or "m2" crosses a prefix. mi2, dm3, mu2: their stems are refused.
    ["Mm3", "MM3", "hm2", "mi2", "dm3", "dm2", "mu2", "KM2", "M2"],
)
def test_a_power_of_an_unread_stem_gets_no_suggestion(word: str) -> None:
    assert suggestions(word) == ()
    with pytest.raises(InnovplanError) as err:
        parse_unit(word)
    assert "did you mean" not in str(err.value)


@pytest.mark.parametrize(
    ("word", "offered"),
    [
        ("kilometre2", ("km2", "square_kilometre")),
        ("metre2", ("m2", "square_metre")),
        ("hectars", ("hectare",)),
        ("kw", ("kW",)),
        ("kwh", ("kWh",)),
        ("mwh", ("MWh",)),
        ("kelvn", ("kelvin",)),
        ("tCO2e", ()),
        ("mgm3", ()),
        ("zzzz", ()),
    ],
)
def test_suggestions_keep_symbols_case_and_names_folded(
    word: str, offered: tuple[str, ...]
) -> None:
    assert suggestions(word) == offered


@pytest.mark.parametrize("word", ["a", "d", "h", "t", "m", "kg", "MW", "hectare", "yuan"])
def test_a_word_is_never_offered_itself(word: str) -> None:
    assert word not in suggestions(word)


@pytest.mark.parametrize(
    ("text", "word", "before"),
    [("5 m2 a", "a", "m2"), ("5 km h", "h", "km"), ("5 kg MW", "MW", "kg"), ("5 t a", "a", "t")],
)
def test_a_unit_beside_a_unit_is_told_to_join_them(text: str, word: str, before: str) -> None:
    with pytest.raises(QuantityParseError) as err:
        parse_quantity(text)
    message = str(err.value)
    assert f"unit {word!r} stands beside {before!r}" in message
    assert f"'{before} / {word}'" in message
    assert "did you mean" not in message


def test_suggestions_are_asked_once_per_word() -> None:
    suggestions.cache_clear()
    suggestions("zzqq")
    suggestions("zzqq")
    assert suggestions.cache_info().hits == 1


def test_compatibility_characters_are_the_nfkc_of_the_block() -> None:
    assert {"㎡", "㎢", "㎥", "㎍", "㎏", "㏊", "㎾"} <= set(COMPATIBILITY_UNITS)
    for char, text in COMPATIBILITY_UNITS.items():
        assert 0x3380 <= ord(char) <= 0x33FF
        assert unicodedata.normalize("NFKC", char) == text


@pytest.mark.parametrize("char", sorted(COMPATIBILITY_UNITS))
def test_a_compatibility_character_reads_as_its_decomposition(char: str) -> None:
    text = COMPATIBILITY_UNITS[char]
    try:
        expected: object = str(parse_unit(text))
    except InnovplanError as exc:
        expected = type(exc)
    try:
        got: object = str(parse_unit(char))
    except InnovplanError as exc:
        got = type(exc)
    # Read or refused alike; an unknown decomposition ("m∕s") is unknown here too.
    assert got == expected or (isinstance(expected, type) and isinstance(got, type))


# (text, magnitude, unit), by hand: 120万 = 1.2e6; ㎍/㎥ is µg/m³.
COMPATIBLE = [
    ("120万㎡", 1_200_000, "meter ** 2"),
    ("500㎢", 500, "kilometer ** 2"),
    ("6000万㎥", 60_000_000, "meter ** 3"),
    ("35㎍/㎥", 35, "microgram / meter ** 3"),
    ("5㎏", 5, "kilogram"),
    ("3㏊", 3, "hectare"),
]


@pytest.mark.parametrize(("text", "magnitude", "unit"), COMPATIBLE)
def test_compatibility_characters_read_at_parse_quantity_and_q(
    text: str, magnitude: int, unit: str
) -> None:
    q = parse_quantity(text)
    assert (q.magnitude, str(q.units)) == (magnitude, unit)


def test_an_ambiguous_compatibility_character_is_refused_where_it_stands() -> None:
    # ㏏ is "kt": a kilotonne or a knot.
    with pytest.raises(AmbiguousUnitError) as err:
        parse_quantity("5 ㏏")
    assert err.value.position == 2
    with pytest.raises(AmbiguousUnitError):
        parse_unit("㏏")
