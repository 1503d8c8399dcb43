"""Unit spellings of statistical yearbooks, read alike at every door, and their refusals.

"km2", "µg/m³", 公顷, 亿千瓦时 and 亩 read as the unit meant; "°C" and 度 are
refused with what to write; a symbol's refusal holds for its plural and case
forms; an unknown word is offered the nearest spelling that reads.
"""

from __future__ import annotations

import pytest

import innovplan
from innovplan import Q_
from innovplan.errors import (
    AmbiguousUnitError,
    InnovplanError,
    QuantityParseError,
    RefusedUnitError,
    UnitError,
    UnreadUnitError,
)
from innovplan.model import Indicator, Observation, Target
from innovplan.units import parse_quantity, parse_unit, registry, registry_name

# (written, the unit it reads as)
READ = [
    ("km2", "kilometer ** 2"),
    ("m2", "meter ** 2"),
    ("m3", "meter ** 3"),
    ("km3", "kilometer ** 3"),
    ("cm3", "centimeter ** 3"),
    ("ha", "hectare"),
    ("sq km", "kilometer ** 2"),
    ("sq m", "meter ** 2"),
    ("square kilometres", "kilometer ** 2"),
    ("square kilometer", "kilometer ** 2"),
    ("cubic metres", "meter ** 3"),
    ("km²", "kilometer ** 2"),
    ("m³", "meter ** 3"),
    ("µg/m³", "microgram / meter ** 3"),  # the micro sign, U+00B5
    ("μg/m³", "microgram / meter ** 3"),  # the Greek mu, U+03BC
    ("ug/m3", "microgram / meter ** 3"),
    ("micrograms per cubic meter", "microgram / meter ** 3"),
    ("公顷", "hectare"),
    ("平方公里", "kilometer ** 2"),
    ("平方米", "meter ** 2"),
    ("立方米", "meter ** 3"),
    ("公里", "kilometer"),
    ("千米", "kilometer"),
    ("米", "meter"),
    ("千瓦时", "kilowatt_hour"),
    ("万千瓦", "ten_thousand_kilowatt"),
    ("亿千瓦时", "hundred_million_kilowatt_hour"),
    ("吨", "tonne"),
    ("万吨", "ten_thousand_tonne"),
    ("公斤", "kilogram"),
    ("千克", "kilogram"),
    ("亩", "Chinese_mu"),
    ("微克/立方米", "microgram / meter ** 3"),
    ("delta_degC", "delta_degree_Celsius"),
    ("lb", "pound"),
    ("lbs", "pound"),
]


@pytest.mark.parametrize(("text", "unit"), READ)
def test_a_statistics_spelling_reads_alike_at_every_door(
    text, unit, one_target_tables, one_target_plan
):
    expected = registry().Unit(unit)
    assert parse_unit(text) == expected
    assert Q_(5, text) == Q_(5, expected)
    assert parse_quantity(f"5 {text}") == Q_(5, expected)
    assert parse_quantity(f"5{text}") == Q_(5, expected)
    plan = innovplan.load(one_target_plan(text), fmt="json")
    assert plan.indicators[0].pint_unit == expected
    assert plan.targets[0].value == Q_(5, expected)
    csv = f"indicator,period,value,unit\nx,2023,5,{text}\n"
    (obs,) = innovplan.load_observations(csv, fmt="csv")
    assert obs.value == Q_(5, expected)
    # 4 observed in 2023 against "at most 5" of the same unit: met.
    targets, observations = one_target_tables(
        text, target_unit=text, measure="level", values=[4.5, 4.0]
    )
    assert bool(innovplan.assess_many(targets, observations).met[0])


@pytest.mark.parametrize(("text", "unit"), READ)
def test_what_a_spelling_reads_as_is_written_back_and_read_again(text, unit, one_target_plan):
    q = parse_quantity(f"12.5 {text}")
    assert parse_unit(str(q.units)) == q.units
    assert parse_quantity(str(q)) == q
    plan = innovplan.load(one_target_plan(text), fmt="json")
    again = innovplan.load(innovplan.dump(plan, fmt="json"), fmt="json")
    assert again.indicators[0].pint_unit == registry().Unit(unit)
    assert again.targets[0].value == plan.targets[0].value


def test_the_spellings_mean_the_published_sizes():
    # 1 km2 = 1e6 m2 = 100 hectare; 1 cm3 = 1e-6 m3.
    assert Q_(1, "km2").to("m2").magnitude == pytest.approx(1e6)
    assert Q_(1, "km2").to("hectare").magnitude == pytest.approx(100)
    assert Q_(1, "cm3").to("m3").magnitude == pytest.approx(1e-6)
    # 1 公顷 = 15 亩, so 1 亩 = 10000 / 15 = 666.67 m2 (the PRC's statutory units, 1984).
    assert Q_(15, "亩").to("公顷").magnitude == pytest.approx(1)
    assert Q_(1, "亩").to("m2").magnitude == pytest.approx(10000 / 15)
    assert Q_(1, "万亩").to("亩").magnitude == pytest.approx(1e4)
    # 1 亿千瓦时 = 1e8 kWh = 1e4 万千瓦时; 1 万千瓦 = 10 MW.
    assert Q_(1, "亿千瓦时").to("kWh").magnitude == pytest.approx(1e8)
    assert Q_(1, "亿千瓦时").to("万千瓦时").magnitude == pytest.approx(1e4)
    assert Q_(1, "万千瓦").to("MW").magnitude == pytest.approx(10)
    # 35 µg/m³ (China's PM2.5 Grade II limit, GB 3095-2012) is 0.035 mg/m3.
    assert Q_(35, "µg/m³").to("mg/m3").magnitude == pytest.approx(0.035)


def test_m2_is_no_metre_times_two():
    # pint reads none of the ASCII powers as a word of its own.
    for word in ("m2", "m3", "km2", "km3", "cm3"):
        assert registry_name(word) is None
    assert parse_quantity("3 m2") != Q_(6, "meter")
    assert parse_quantity("3 m2").units == registry().Unit("meter ** 2")
    # A digit after the power is no power: "m23" is refused, not m² times 3.
    with pytest.raises(UnitError):
        parse_unit("m23")


def test_the_latin_mu_stays_refused():
    with pytest.raises(RefusedUnitError, match="'亩' or 'Chinese_mu'"):
        parse_unit("mu")
    with pytest.raises(RefusedUnitError):
        parse_quantity("5 mu")


def test_chinese_yearbook_figures_read_in_phrases():
    (t,) = innovplan.parse_targets("耕地保有量不少于18.65亿亩", year=2023)
    assert t.value == Q_(18.65e8, "亩")
    (t,) = innovplan.parse_targets("新增光伏装机200万千瓦", year=2023)
    assert t.value == Q_(200, "ten_thousand_kilowatt")
    (t,) = innovplan.parse_targets("PM2.5浓度下降到35微克/立方米", year=2023)
    assert t.value == Q_(35, "microgram / meter ** 3")
    (t,) = innovplan.parse_targets("forest area of 5 km2 by 2025", year=2023)
    assert t.value == Q_(5, "kilometer ** 2")


# -- temperature on an offset scale ------------------------------------------------

TEMPERATURES = ["°C", "℃", "degC", "deg C", "degree_Celsius", "celsius", "°F", "℉", "degF"]


@pytest.mark.parametrize("word", TEMPERATURES)
def test_a_temperature_on_an_offset_scale_is_refused_at_every_door(word, one_target_plan):
    with pytest.raises(RefusedUnitError, match=r"'delta_degC'.*'kelvin'") as info:
        parse_unit(word)
    assert isinstance(info.value, InnovplanError)
    with pytest.raises(RefusedUnitError, match="delta_degC"):
        Q_(20, word)
    with pytest.raises(RefusedUnitError, match="delta_degC") as info:
        parse_quantity(f"20 {word}")
    assert info.value.position == 3
    with pytest.raises(InnovplanError, match=r"indicators\[0\]\.unit: unit .* refused"):
        innovplan.load(one_target_plan(word), fmt="json")
    csv = f"indicator,period,value,unit\nx,2023,20,{word}\n"
    with pytest.raises(InnovplanError, match=r"line 2\.unit: unit .* refused"):
        innovplan.load_observations(csv, fmt="csv")
    with pytest.raises(InnovplanError, match="delta_degC"):
        Indicator("x", "X", unit=word, measure="level")


def test_a_warming_is_forecast_and_progressed_in_its_own_unit():
    # Warming 1.0, 1.1, 1.2, 1.3 delta_degC in 2020-2023 against at most 1.5 by 2030:
    # required (1.5 - 1.3) / 7 = 0.0286 a year, recent (1.3 - 1.0) / 3 = 0.1 a year.
    warming = Indicator("w", "warming", unit="delta_degC", measure="level", direction="decrease")
    target = Target("T1", warming, "at_most", Q_(1.5, "delta_degC"), "2030-12-31")
    history = [
        Observation("w", Q_(v, "delta_degC"), y) for y, v in enumerate([1.0, 1.1, 1.2, 1.3], 2020)
    ]
    f = innovplan.forecast(target, history)
    assert f.point is not None
    assert f.point.units == registry().Unit("delta_degC")
    assert f.point.magnitude > 1.3  # the trend goes on upwards
    assert f.required_rate is not None
    assert f.required_rate.to("delta_degC / year").magnitude == pytest.approx(0.2 / 7, rel=1e-3)
    p = innovplan.progress(target, history)
    assert p.goal == Q_(1.5, "delta_degC")


def test_a_temperature_from_another_registry_is_refused_when_adopted():
    import pint

    theirs = pint.UnitRegistry().Quantity(20, "degC")
    with pytest.raises(
        InnovplanError, match=r"Observation 'r'\.value: unit .* refused.*delta_degC"
    ):
        Observation("r", theirs, 2030)
    # A difference of temperatures from there is adopted as it is.
    warming = pint.UnitRegistry().Quantity(1.5, "delta_degC")
    assert Observation("w", warming, 2030).value == Q_(1.5, "delta_degC")


@pytest.mark.parametrize("phrase", ["室内温度不低于18℃", "keep warming below 1.5 °C by 2030"])
def test_a_temperature_in_a_phrase_is_refused_not_dropped(phrase):
    # Before, "18℃" was read as the plain number 18.
    with pytest.raises(UnreadUnitError, match="delta_degC"):
        innovplan.parse_targets(phrase, year=2023)


def test_a_temperature_change_and_an_absolute_temperature_are_assessed_right():
    # Warming held to at most 1.5 delta_degC; 1.2 observed: met, gap 0.3 delta_degC.
    warming = Indicator("w", "warming", unit="delta_degC", measure="level", direction="decrease")
    target = Target("T1", warming, "at_most", Q_(1.5, "delta_degC"), "2030-12-31")
    a = innovplan.assess(target, Observation("w", Q_(1.2, "delta_degC"), 2030))
    assert a.met is True
    assert a.gap is not None
    assert a.gap.units == registry().Unit("delta_degC")
    assert abs(a.gap.magnitude) == pytest.approx(0.3)
    # A change in Fahrenheit degrees converts by 5/9 alone: 2.7 delta_degF = 1.5 delta_degC.
    b = innovplan.assess(target, Observation("w", Q_(2.7, "delta_degF"), 2030))
    assert b.observed is not None
    assert b.observed.units == registry().Unit("delta_degC")
    assert b.observed.magnitude == pytest.approx(1.5)
    # An absolute temperature in kelvin: at least 291.15 K (18 °C); 293.15 K
    # observed (20 °C) gives the ratio 293.15 / 291.15 on the thermodynamic scale.
    room = Indicator("r", "room temperature", unit="kelvin", measure="level")
    heat = Target("T2", room, "at_least", Q_(291.15, "kelvin"), "2030-12-31")
    c = innovplan.assess(heat, Observation("r", Q_(293.15, "kelvin"), 2030))
    assert c.met is True
    assert c.attainment == pytest.approx(293.15 / 291.15)


# -- refusals hold for a symbol's family ---------------------------------------------

FAMILIES = [
    # (spellings, the error, what the message names)
    (("dgal", "dgals"), RefusedUnitError, "dry_gallon"),
    (("kph", "KPH", "kphs"), RefusedUnitError, "kilometer_per_hour"),
    (("mph", "MPH"), RefusedUnitError, "mile_per_hour"),
    (("PPI", "ppi", "DPI", "dpi"), RefusedUnitError, "producer price index"),
    (("ct", "cts"), RefusedUnitError, "cents"),
    (("度",), AmbiguousUnitError, "'kilowatt_hour' or 'degree'"),
]


@pytest.mark.parametrize(("spellings", "kind", "named"), FAMILIES)
def test_a_refusal_holds_for_every_spelling_of_the_family(spellings, kind, named):
    for word in spellings:
        with pytest.raises(kind, match=named):
            parse_unit(word)
        with pytest.raises(kind, match=named):
            parse_quantity(f"5 {word}")
        with pytest.raises(kind, match=named):
            Q_(5, word)


def test_cents_per_kilowatt_hour_names_both_readings():
    with pytest.raises(RefusedUnitError) as info:
        parse_unit("ct/kWh")
    assert "carat" in str(info.value)
    assert "cents" in str(info.value)
    assert info.value.position == 0


def test_the_pound_reads_in_every_spelling_of_its_family():
    # 1 lb = 0.45359237 kg exactly (NIST Handbook 44, Appendix C).
    for word in ("lb", "lbs"):
        assert Q_(1, word).to("kg").magnitude == pytest.approx(0.45359237)


def test_a_family_binds_only_the_same_unit():
    # "YR" is pint's yottamolar gas constant, refused; "yr" is the year and reads.
    assert registry_name("yr") == "year"
    assert registry_name("yrs") == "year"
    with pytest.raises(RefusedUnitError):
        registry_name("YR")


# -- the nearest spelling ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "offered"),
    [
        ("kilometre2", "(did you mean 'km2' or 'square_kilometre'?)"),
        ("metre2", "(did you mean 'm2' or 'square_metre'?)"),
        ("enterprize", "did you mean 'enterprise'"),
        ("hectars", "did you mean 'hectare'?"),
    ],
)
def test_an_unknown_word_is_offered_the_nearest_spelling(word, offered):
    with pytest.raises(UnitError) as info:
        parse_unit(word)
    assert offered in str(info.value)
    with pytest.raises(QuantityParseError) as info:
        parse_quantity(f"5 {word}")
    assert offered in str(info.value)


def test_nothing_is_offered_when_nothing_is_near():
    with pytest.raises(UnitError) as info:
        parse_unit("zzqx")
    assert "did you mean" not in str(info.value)
