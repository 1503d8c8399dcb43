import time

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan.errors import QuantityParseError, RefusedUnitError, UnitError, UnitMismatchError
from innovplan.testing import quantities
from innovplan.units import Quantity, parse_quantity, parse_unit, registry
from innovplan.units._parse import read_quantity, read_unit
from innovplan.units._vocabulary import THINGS

Q_ = registry().Quantity

# Units as pint writes them, covering every kind of unit text parse_quantity
# must read back: plain, magnitude-fused, compound, pure denominators, powers,
# and a count of every thing.
UNIT_EXPRESSIONS = (
    "dimensionless",
    "yuan",
    "ten_thousand_yuan",
    "hundred_million_yuan",
    "trillion_yuan",
    "USD",
    "EUR",
    "meter ** 2",
    "ten_thousand_square_meter",
    "kilometer ** 2",
    "percent",
    "permille",
    "percentage_point",
    "count",
    *THINGS,
    "ten_thousand_person",
    "patent / ten_thousand_person",
    "patent / thousand_person",
    "count / ten_thousand_person",
    "1 / person",
    "yuan / person",
    "yuan / person / year",
    "enterprise / year",
    "1 / meter ** 2",
)


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        # the unit is kept as written when the registry has it
        ("1450亿元", 1450, "hundred_million_yuan"),
        ("1,450亿元", 1450, "hundred_million_yuan"),
        ("120万平方米", 120, "ten_thousand_square_meter"),
        ("500万元", 500, "ten_thousand_yuan"),
        ("1.5万亿元", 1.5, "trillion_yuan"),
        ("145 billion yuan", 145_000_000_000, "yuan"),
        ("145 billion RMB", 145_000_000_000, "yuan"),
        ("145 billion CNY", 145_000_000_000, "yuan"),
        ("3千万元", 30_000_000, "yuan"),  # 千万 is 10^7, then 元
        ("20亿美元", 2_000_000_000, "USD"),  # 亿 is a magnitude, 美元 the unit
        ("1.2 million square meters", 1_200_000, "meter ** 2"),
        ("1.2 million square metres", 1_200_000, "meter ** 2"),
        ("300 m²", 300, "meter ** 2"),
        ("300 m**2", 300, "meter ** 2"),
        ("5000平方米", 5000, "meter ** 2"),
        ("2平方公里", 2, "kilometer ** 2"),
        ("1.3万家", 13000, "enterprise"),
        ("13,000家", 13000, "enterprise"),
        ("1.3万家企业", 13000, "enterprise"),
        ("两万家", 20000, "enterprise"),
        ("5个", 5, "item"),
        ("120件", 120, "patent"),
        ("30项", 30, "project"),
        ("12支", 12, "team"),
        ("800名", 800, "person"),
        ("3000人", 3000, "person"),
        ("10位", 10, "person"),
        ("6所", 6, "facility"),
        ("2座", 2, "facility"),
        ("11.5%", 11.5, "percent"),
        ("11.5％", 11.5, "percent"),
        ("11.5 %", 11.5, "percent"),
        ("11.5 percent", 11.5, "percent"),
        ("11.5 per cent", 11.5, "percent"),
        ("百分之十一点五", 11.5, "percent"),
        ("百分之11.5", 11.5, "percent"),
        ("千分之三", 3, "permille"),
        ("2个百分点", 2, "percentage_point"),
        ("0.5个百分点", 0.5, "percentage_point"),
        ("2 percentage points", 2, "percentage_point"),
        ("1 percentage point", 1, "percentage_point"),
        ("30件/万人", 30, "patent / ten_thousand_person"),
        ("30件每万人", 30, "patent / ten_thousand_person"),
        ("30件/10万人", 30, "patent / hundred_thousand_person"),
        ("30 per 10,000 people", 30, "item / ten_thousand_person"),
        ("30 patents per 10,000 people", 30, "patent / ten_thousand_person"),
        ("30 patents per 10 thousand people", 30, "patent / ten_thousand_person"),
        ("4 laboratories per 1,000 people", 4, "laboratory / thousand_person"),
        ("2 items per 1,000 persons", 2, "item / thousand_person"),
        ("20000 yuan per capita", 20000, "yuan / person"),
        ("一千三百", 1300, "dimensionless"),
        ("1.3万", 13000, "dimensionless"),
        ("13,000 enterprises", 13000, "enterprise"),
        ("13,000 Enterprises", 13000, "enterprise"),
        ("20 labs", 20, "laboratory"),
        ("5 centres", 5, "centre"),
        ("5 centers", 5, "centre"),
        ("3 teams", 3, "team"),
        ("7 projects", 7, "project"),
        ("9 facilities", 9, "facility"),
        ("1000 people", 1000, "person"),
        ("1000 persons", 1000, "person"),
        ("  42 yuan  ", 42, "yuan"),
        ("-3 yuan", -3, "yuan"),
        ("１２３万元", 123, "ten_thousand_yuan"),
        # pint's own output
        ("145000000000.0 yuan", 145_000_000_000, "yuan"),
        ("30 patent / ten_thousand_person", 30, "patent / ten_thousand_person"),
        ("1.2e6 meter ** 2", 1_200_000, "meter ** 2"),
        ("1450 hundred_million_yuan", 1450, "hundred_million_yuan"),
        ("30 / person", 30, "1 / person"),
        ("1300 dimensionless", 1300, "dimensionless"),
        ("2 person * yuan / year", 2, "yuan * person / year"),
        ("7 percentage_point", 7, "percentage_point"),
        ("3 count", 3, "count"),
    ],
)
def test_parse_quantity(text: str, magnitude: float, unit: str) -> None:
    q = parse_quantity(text)
    assert q.units == registry().Unit(unit)
    assert q.magnitude == magnitude
    assert type(q.magnitude) is type(magnitude)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1450亿元", Q_(1.45e11, "yuan")),  # 1450 * 10^8
        ("145 billion yuan", Q_(1.45e11, "yuan")),
        ("1.2 million square meters", Q_(1.2e6, "m**2")),
        ("120万平方米", Q_(1.2e6, "m**2")),  # 120 * 10^4
        ("30件/万人", Q_(0.003, "patent / person")),  # 30 / 10^4
        ("1.5万亿元", Q_(1.5e12, "yuan")),
    ],
)
def test_equal_to_the_plain_unit(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_thing_overrides_the_count_word() -> None:
    assert parse_quantity("1.3万家", thing="laboratory") == Q_(13000, "laboratory")
    assert parse_quantity("30 per 10,000 people", thing="patent") == Q_(
        30, "patent / ten_thousand_person"
    )
    assert parse_quantity("30件/万人", thing="enterprise").units == registry().Unit(
        "enterprise / ten_thousand_person"
    )
    # under the division 人 still means people
    assert parse_quantity("30件/10万人", thing="patent").units == registry().Unit(
        "patent / hundred_thousand_person"
    )


def test_thing_may_be_plural() -> None:
    assert parse_quantity("3家", thing="laboratories").units == registry().Unit("laboratory")


def test_thing_must_be_countable() -> None:
    with pytest.raises(UnitError, match="not a countable unit"):
        parse_quantity("3家", thing="yuan")


def test_named_thing_must_match_thing() -> None:
    with pytest.raises(UnitMismatchError):
        parse_quantity("13,000 enterprises", thing="laboratory")
    with pytest.raises(UnitMismatchError):
        parse_quantity("1.3万家企业", thing="laboratory")


def test_hyphenated_adjectives_are_the_phrase_layers_job() -> None:
    with pytest.raises(QuantityParseError) as info:
        parse_quantity("13,000 high-tech enterprises")
    assert info.value.position == 7


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("", 0, "empty"),
        ("   ", 3, "empty"),
        ("1.2.3万", 3, "two decimal points"),
        ("12 furlongz", 3, "furlongz"),
        ("about 12", 0, "expected a number"),
        ("12 yuan yuanz", 8, "yuanz"),
        ("12 yuan yuan", 8, "yuan"),  # two unit words side by side: pint's yuan²
        ("百分之", 3, "百分之"),
        ("1e99999", 1, "exponent"),
        ("3 kilopatentz", 2, "kilopatentz"),
        ("12 (yuan", 3, "'('"),
    ],
)
def test_unparseable(text: str, position: int, reason: str) -> None:
    with pytest.raises(QuantityParseError) as info:
        parse_quantity(text)
    assert info.value.text == text
    assert info.value.position == position
    assert reason in info.value.reason


def test_error_names_the_original_text() -> None:
    with pytest.raises(QuantityParseError) as info:
        parse_quantity("１２ furlongz")
    assert info.value.text == "１２ furlongz"


@given(quantities(units=UNIT_EXPRESSIONS))
@settings(max_examples=300)
def test_format_round_trip(q: Quantity) -> None:
    back = parse_quantity(format(q))
    assert back == q
    assert back.units == q.units


@given(st.text())
@settings(max_examples=500)
def test_any_text_parses_or_raises_quantity_parse_error(text: str) -> None:
    position = 0
    try:
        parse_quantity(text)
    except (QuantityParseError, RefusedUnitError) as err:  # an ambiguous symbol too
        position = err.position
    assert 0 <= position <= len(text)


cjk_digits_and_units = st.lists(
    st.sampled_from(
        [
            *"0123456789０１２３.,，%％ e-+/*万亿千百十零一二两三四五六七八九点个家件人元平方米百分之点",
            *("yuan", "per", "people", "billion", "**", "²", "patent", "m"),
        ]
    )
).map("".join)


@given(cjk_digits_and_units)
@settings(max_examples=1000)
def test_plan_like_text_parses_or_raises_quantity_parse_error(text: str) -> None:
    try:
        q = parse_quantity(text)
    except (QuantityParseError, RefusedUnitError):
        # A word the unit rule refuses ("1 e", the elementary charge) is one.
        return
    assert isinstance(q, registry().Quantity)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 10_000,
        "1," * 5_000,
        "1,000" * 2_000,
        "1" + "万" * 9_999,
        "1 " + "m*" * 4_999,
        "1 " + "yuan/" * 1_999,
        "一" * 10_000,
        "1 " + "a" * 9_998,
        "1" + " " * 9_999 + "x",
        "1.1" * 3_333,
        "1 per " * 1_666,
    ],
)
def test_adversarial_input_is_fast(text: str) -> None:
    # 50 ms of CPU time, best of three: other processes do not count, while a
    # backtracking reader would take seconds.
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with pytest.raises(QuantityParseError):
            parse_quantity(text)
        best = min(best, time.process_time() - start)
    assert best < 0.05


def test_read_unit_returns_scale() -> None:
    unit, scale, end = read_unit("145 billion yuan", 3)  # type: ignore[misc]
    assert (str(unit), scale, end) == ("yuan", 10**9, 16)
    assert read_unit("yuan") is not None
    assert read_unit("furlongs") is None
    unit, scale, _ = read_unit("20 yuan per 500 people", 2)  # type: ignore[misc]
    assert (str(unit), scale) == ("yuan / person", pytest.approx(1 / 500))


def test_read_quantity_stops_at_the_end_of_the_quantity() -> None:
    result = read_quantity("科技合同成交额达到1450亿元以上", 9)
    assert result is not None
    q, end = result
    assert q == Q_(1450, "hundred_million_yuan")
    assert end == 15


def test_foreign_registry_is_not_used() -> None:
    assert parse_quantity("3 yuan")._REGISTRY is registry()
    assert not isinstance(parse_quantity("3 yuan"), pint.UnitRegistry().Quantity)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        # 1亿斤 is 1e8 * 0.5 kg = 0.5亿吨: the 2021 grain crop 13,657亿斤 is 6.8285亿吨.
        ("13657亿斤", "hundred_million_tonne", 6.8285),
        ("6.5亿吨", "tonne", 6.5e8),
        ("120万吨", "tonne", 1.2e6),
        # 1 kg of standard coal is 29,307.6 kJ (GB/T 2589-2020): 46亿吨 is 1.3481496e11 GJ.
        ("46亿吨标准煤", "gigajoule", 46e8 * 29.3076),
        ("4.6 billion tons of standard coal", "hundred_million_tonne_of_standard_coal", 46.0),
        ("650 million metric tons", "hundred_million_tonne", 6.5),
    ],
)
def test_mass_and_energy_as_chinese_statistics_write_them(text, unit, expected):
    assert parse_quantity(text).to(unit).magnitude == pytest.approx(expected)


def test_grain_and_energy_units_are_accepted_where_units_are_written():
    from innovplan.model import Indicator, Measure

    grain = Indicator("grain", "grain output", unit="亿吨", measure=Measure.FLOW)
    energy = Indicator("energy", "energy output", unit="亿吨标准煤", measure=Measure.FLOW)
    assert grain.pint_unit == parse_quantity("1亿吨").units
    assert energy.pint_unit.dimensionality == registry().Unit("joule").dimensionality


def test_units_of_time_read_under_a_division_at_the_unit_door() -> None:
    # Capacities a day as a plan file's unit column writes them; alone, 日 is a date.
    assert str(parse_unit("吨/日")) == "metric_ton / day"
    assert str(parse_unit("m3/天")) == "meter ** 3 / day"
    assert str(parse_unit("立方米每日")) == "meter ** 3 / day"
    assert str(parse_unit("元/月")) == "yuan / month"
    with pytest.raises(UnitError, match="'日' starts no unit word"):
        parse_unit("日")
    with pytest.raises(UnitError, match="'日' starts no unit word"):
        parse_unit("吨*日")
