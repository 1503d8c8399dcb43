"""One rule for unit words, asked at every door that reads unit text.

pint guesses: "k" is the Boltzmann constant, "unit" a micro-nit, "pct" a
picocarat, "pc" a parsec, "mu" a milli-atomic mass unit, "myuan" a milliyuan,
"ton" the US short ton. ``registry_name`` reads the vocabulary's words, the
vouched symbols and pint's full names (with a prefix written as a word and a
plural), and refuses the rest; parse_unit, ``Q_``, parse_quantity, indicators,
plan documents, CSV files, table columns and phrases all ask it.
"""

from __future__ import annotations

import pickle

import pytest

import innovplan
from innovplan import Q_
from innovplan.datasets import (
    china_14th_fyp,
    china_14th_fyp_observations,
    wuhan_2023,
    wuhan_2023_observations,
)
from innovplan.errors import (
    AmbiguousUnitError,
    DocumentError,
    InnovplanError,
    RefusedUnitError,
    UnitError,
)
from innovplan.model import Indicator
from innovplan.testing import READ_BACK_UNITS
from innovplan.units import (
    as_count,
    format_quantity,
    parse_quantity,
    parse_unit,
    registry,
    registry_name,
    short_form,
)
from innovplan.units._vocabulary import (
    ENGLISH_PHRASES,
    SYMBOLS,
    VOUCHED_SYMBOLS,
    plan_names,
)

# (word, the error, pint's reading or a spelling named, what the message advises)
REFUSED = [
    ("k", RefusedUnitError, "boltzmann_constant", "thousand"),
    ("K", RefusedUnitError, "kelvin", "thousand"),
    ("unit", RefusedUnitError, "micronit", "'item'"),
    ("units", RefusedUnitError, "micronit", "'item'"),
    ("pct", AmbiguousUnitError, "picocarat", "'percent' or 'percentage_point'"),
    ("pc", RefusedUnitError, "parsec", "'percent'"),
    ("mu", RefusedUnitError, "milliunified_atomic_mass_unit", "hectare"),
    ("myuan", RefusedUnitError, "milliyuan", "hundred_million_yuan"),
    ("kilopatent", RefusedUnitError, "kilopatent", "take no prefix"),
    ("kpatent", RefusedUnitError, "kilopatent", "take no prefix"),
    ("kmeter", RefusedUnitError, "kilometer", "'kilometer'"),
    ("in", RefusedUnitError, "inch", "'inch'"),
    ("ton", AmbiguousUnitError, "short ton", "'tonne' or 'short_ton'"),
    ("tons", AmbiguousUnitError, "short ton", "'tonne' or 'short_ton'"),
    ("Tons", AmbiguousUnitError, "short ton", "'tonne' or 'short_ton'"),
    # The prefix stays in the spellings: 'tonne' for "kiloton" was 1,000 times off.
    ("kiloton", AmbiguousUnitError, "short ton", "'kilotonne' or 'kiloshort_ton'"),
    ("kilotons", AmbiguousUnitError, "short ton", "'kilotonne' or 'kiloshort_ton'"),
    # A capital letter is no lower-case one at any door: M is a million in a
    # table (pint: the molar), never the metre; T a trillion, never the tonne.
    ("M", RefusedUnitError, "molar", "tables write M for a million"),
    ("T", RefusedUnitError, "tesla", "tables write T for a trillion"),
    ("B", RefusedUnitError, "byte", "tables write B for a billion"),
    ("A", RefusedUnitError, "ampere", "'ampere'"),
    ("Mrd", RefusedUnitError, "megarod", "a billion (Milliarde)"),
    # pint's names that statistics write for another unit.
    ("barrels", AmbiguousUnitError, "31.5 US gallons", "'oil_barrel' or 'US_liquid_barrel'"),
    ("gallons", AmbiguousUnitError, "imperial", "'US_liquid_gallon' or 'imperial_gallon'"),
    ("pints", AmbiguousUnitError, "imperial", "'US_pint' or 'imperial_pint'"),
    ("quart", AmbiguousUnitError, "imperial", "'US_liquid_quart' or 'imperial_quart'"),
    ("ounces", AmbiguousUnitError, "troy ounce", "'troy_ounce' or 'avoirdupois_ounce'"),
    ("bp", RefusedUnitError, "point", "0.25 percentage_point"),
    ("bps", RefusedUnitError, "baud", "basis points"),
    ("points", RefusedUnitError, "point", "'percentage_point'"),
    ("mil", RefusedUnitError, "mil", "'5 thousand'"),
    ("quarters", RefusedUnitError, "quarter", "'month'"),
    # Advice that names what the table meant, not pint's reading.
    ("mt", RefusedUnitError, "millimetric_ton", "write 't' or 'tonne'"),
    ("MT", RefusedUnitError, "megatesla", "write 't' or 'tonne'"),
    ("kb", RefusedUnitError, "kilobarn", "'kilooil_barrel'"),
]
WORDS = [case[0] for case in REFUSED]

# Written forms that read, and the unit each is.
READ = [
    ("kilotonne", "kilometric_ton"),
    ("kilotonnes", "kilometric_ton"),
    ("megatonne", "megametric_ton"),
    ("Mt", "megametric_ton"),
    ("t", "metric_ton"),
    ("tonne", "metric_ton"),
    ("short_ton", "short_ton"),
    ("hectare", "hectare"),
    ("ha", "hectare"),
    ("kWh", "kilowatt_hour"),
    ("kilowatt_hours", "kilowatt_hour"),
    ("meter ** 2", "meter ** 2"),
    ("m²", "meter ** 2"),
    ("hundred_million_yuan", "hundred_million_yuan"),
    ("亿元", "hundred_million_yuan"),
    ("件/万人", "patent / ten_thousand_person"),
    ("delta_degC", "delta_degree_Celsius"),
    ("hour", "hour"),
    ("hr", "hour"),
    ("year", "year"),
    ("yr", "year"),
    ("d", "day"),
    ("CNY", "yuan"),
    ("tce", "tonne_of_standard_coal"),
    ("count", "count"),
    ("furlongs", "furlong"),
    ("dimensionless", "dimensionless"),
    # Vouched symbols of one reading (SI Brochure Table 8: l and L; FAO kcal,
    # UNFCCC Gg and Tg, grid kVA and MVA), read as before the rule.
    ("l", "liter"),
    ("mg/l", "milligram / liter"),
    ("ml", "milliliter"),
    ("hl", "hectoliter"),
    ("hL", "hectoliter"),
    ("kL", "kiloliter"),
    ("kl", "kiloliter"),
    ("ML", "megaliter"),
    ("GL", "gigaliter"),
    ("kcal", "kilocalorie"),
    ("Gg", "gigagram"),
    ("Tg", "teragram"),
    ("kVA", "kilovolt_ampere"),
    ("MVA", "megavolt_ampere"),
    # The spellings the refusals offer.
    ("kiloshort_ton", "kiloshort_ton"),
    ("US_liquid_barrel", "US_liquid_barrel"),
    ("megaoil_barrel", "megaoil_barrel"),
    ("troy_ounce", "troy_ounce"),
    ("imperial_gallon", "imperial_gallon"),
    ("angular_mil", "angular_mil"),
    ("avoirdupois_quarter", "avoirdupois_quarter"),
    ("printers_point", "printers_point"),
]


@pytest.mark.parametrize(("word", "kind", "reading", "advice"), REFUSED)
def test_the_rule_refuses_with_pints_reading_and_what_to_write(word, kind, reading, advice):
    with pytest.raises(kind) as info:
        registry_name(word)
    msg = str(info.value)
    assert msg.startswith(f"unit {word!r} is ")
    assert reading in msg
    assert advice in msg


@pytest.mark.parametrize(("word", "kind", "reading", "advice"), REFUSED)
def test_parse_unit_and_the_registry_refuse_where_the_word_stood(word, kind, reading, advice):
    with pytest.raises(kind) as info:
        parse_unit(f"yuan / {word}")
    # "yuan / " is 7 characters: the word starts at 7.
    assert (info.value.text, info.value.position) == (f"yuan / {word}", 7)
    assert f"unit {word!r} at position 7 of 'yuan / {word}'" in str(info.value)
    with pytest.raises(kind):
        Q_(5, word)
    with pytest.raises(kind):
        registry().Unit(word)
    with pytest.raises(kind):
        Q_(5, "hectare").to(word)


@pytest.mark.parametrize(("word", "kind", "reading", "advice"), REFUSED)
def test_parse_quantity_refuses_where_the_word_stood(word, kind, reading, advice):
    text = f"12 {word}"
    with pytest.raises(kind) as info:
        parse_quantity(text)
    assert (info.value.text, info.value.position) == (text, 3)
    assert advice in str(info.value)
    with pytest.raises(kind):
        Q_(text)


@pytest.mark.parametrize("word", WORDS)
def test_an_indicator_in_python_and_in_a_document_names_its_path(word, one_target_plan):
    with pytest.raises(InnovplanError) as info:
        Indicator("x", "X", unit=word, measure="level")
    assert str(info.value).startswith(f"Indicator 'x'.unit: unit {word!r} is ")
    with pytest.raises(InnovplanError) as info:
        innovplan.load(one_target_plan(word), fmt="json")
    assert f"indicators[0].unit: unit {word!r} is " in str(info.value)


@pytest.mark.parametrize("word", WORDS)
def test_a_csv_unit_column_names_its_line(word):
    csv = f"indicator,period,value,unit\nx,2023,5,{word}\n"
    with pytest.raises(InnovplanError) as info:
        innovplan.load_observations(csv, fmt="csv")
    assert f"line 2.unit: unit {word!r} is " in str(info.value)


@pytest.mark.parametrize("word", WORDS)
def test_a_table_unit_column_names_its_row(word, one_target_tables):
    targets, observations = one_target_tables(
        word, target_unit="hectare", measure="level", values=[4.5, 4.0]
    )
    with pytest.raises(InnovplanError) as info:
        innovplan.assess_many(targets, observations)
    assert str(info.value).startswith(f"observations table row 1.unit: unit {word!r} is ")


@pytest.mark.parametrize("word", WORDS)
def test_an_sdmx_unit_mapping_names_its_key(word):
    text = "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nX:Y(1.0),X,2022,5,U\n"
    with pytest.raises(DocumentError) as info:
        innovplan.load_observations(text, units={"U": word})
    assert [p.path for p in info.value.problems] == ["units['U']"]
    assert f"unit {word!r} is " in info.value.problems[0].message


def test_a_table_reads_an_accepted_unit_column(one_target_tables):
    # 4 hectare observed in 2023 against "at most 5 hectare" by 2023: met.
    targets, observations = one_target_tables(
        "hectare", target_unit="hectare", measure="level", values=[4.5, 4.0]
    )
    assert bool(innovplan.assess_many(targets, observations).met[0])


@pytest.mark.parametrize(
    ("phrase", "word", "error"),
    [
        ("output of 5 pc by 2025", "pc", innovplan.errors.UnreadUnitError),
        ("output of 5 k by 2025", "k", innovplan.errors.UnreadUnitError),
        ("output of 5 myuan by 2025", "myuan", innovplan.errors.UnreadUnitError),
        ("grain output of 5 tons by 2025", "tons", AmbiguousUnitError),
        ("inflation of 5 pct by 2025", "pct", AmbiguousUnitError),
        # Before, M and T were tried in lower case: 5 metre, 5 tonnes.
        ("reach 5 M yuan by 2025", "M", innovplan.errors.UnreadUnitError),
        ("emissions below 5 M by 2025", "M", innovplan.errors.UnreadUnitError),
        ("output of 5 T by 2025", "T", innovplan.errors.UnreadUnitError),
        ("output of 5 H by 2025", "H", innovplan.errors.UnreadUnitError),
        # Before, offered parse_quantity('25 bps'): 25 baud.
        ("cut the rate by 25 bps by 2025", "bps", innovplan.errors.UnreadUnitError),
        ("raise the score by 3 points by 2025", "points", innovplan.errors.UnreadUnitError),
        ("output of 5 mil by 2025", "mil", innovplan.errors.UnreadUnitError),
        ("output of 1000 barrels by 2025", "barrels", AmbiguousUnitError),
        ("sell 5 gallons by 2025", "gallons", AmbiguousUnitError),
    ],
)
def test_a_phrase_refuses_the_same_words(phrase, word, error):
    with pytest.raises(error) as info:
        innovplan.parse_target(phrase, year=2023)
    assert repr(word) in str(info.value)
    # No advice to build the target from parse_quantity's reading of a refused word.
    assert "parse_quantity" not in str(info.value)


@pytest.mark.parametrize(("text", "unit"), READ)
def test_accepted_forms_read_at_every_door(text, unit):
    expected = registry().Unit(unit)
    assert parse_unit(text) == expected
    assert Q_(5, text).units == expected
    assert parse_quantity(f"5 {text}") == Q_(5, expected)
    Indicator("x", "X", unit=text, measure="level")


def test_the_ton_words_mean_what_the_message_says():
    # US short ton: 2,000 lb x 0.45359237 kg = 907.18474 kg (NIST Handbook 44, App. C).
    assert Q_(1, "short_ton").to("kilogram").magnitude == pytest.approx(907.18474)
    assert Q_(1, "tonne").to("kilogram").magnitude == pytest.approx(1000)


def test_a_refusal_pickles_whole():
    with pytest.raises(RefusedUnitError) as info:
        parse_quantity("5 pc")
    back = pickle.loads(pickle.dumps(info.value))
    assert str(back) == str(info.value)
    assert (back.word, back.reading, back.position) == ("pc", "parsec", 2)
    assert isinstance(back, UnitError)


def test_vouched_symbols_and_the_vocabulary_read():
    for symbol in VOUCHED_SYMBOLS:
        assert registry_name(symbol) is not None, symbol
    for name in plan_names():
        assert registry_name(name) == name


# -- writers write what reads back ------------------------------------------------


def _vocabulary_units() -> list[str]:
    texts = {*SYMBOLS.values(), *ENGLISH_PHRASES.values(), *plan_names(), *READ_BACK_UNITS}
    return sorted(texts)


def _dataset_units() -> list[str]:
    units: set[str] = set()
    for plan in (wuhan_2023(), china_14th_fyp()):
        units |= {str(ind.pint_unit) for ind in plan.indicators}
        units |= {str(t.value.units) for t in plan.targets}
    for observations in (wuhan_2023_observations(), china_14th_fyp_observations()):
        units |= {str(o.value.units) for o in observations}
    return sorted(units)


def test_the_datasets_hold_units_to_check():
    # The two shipped plans write money, counts, shares and mass, at least.
    units = _dataset_units()
    assert {"hundred_million_yuan", "percent", "enterprise"} <= set(units)
    assert len(units) >= 10


@pytest.mark.parametrize("text", [*_vocabulary_units(), *_dataset_units()])
def test_every_written_unit_reads_back(text):
    unit = parse_unit(text)
    q = Q_(12.5, unit)
    for written in (str(unit), short_form(unit, "~"), short_form(unit, "~P")):
        assert parse_unit(written) == unit, written
    for written in (str(q), short_form(q)):
        assert parse_quantity(written) == q, written
    label = format_quantity(q).replace(",", "")
    if unit == registry().Unit("percentage_point"):
        # The reports' one label that is no unit text: "+0.3 pp", as Eurostat
        # writes a change of a share; the readers refuse pp as ambiguous.
        assert label == "12.5 pp"
    else:
        assert parse_quantity(label) == q, label
    assert pickle.loads(pickle.dumps(q)) == q


def test_a_count_per_short_ton_keeps_its_unit():
    # as_count rebuilds each unit from pint's name ("ton"), which as text is refused.
    assert as_count(Q_(3, "patent / short_ton")) == Q_(3, "count / short_ton")


def test_a_short_ton_from_another_registry_is_adopted_by_its_name():
    # pint's other registries write the short ton "ton", refused as text.
    import pint

    from innovplan.units import adopt

    theirs = pint.UnitRegistry().Quantity(3, "short_ton")
    assert adopt(theirs) == Q_(3, "short_ton")
    assert str(adopt(theirs)) == "3 short_ton"


def test_the_tonne_family_is_written_as_people_write_it():
    assert str(Q_(5, "short_ton")) == "5 short_ton"
    assert short_form(Q_(5, "short_ton")) == "5 short_ton"
    assert str(parse_quantity("5 kilotonne")) == "5 kilotonne"
    assert short_form(Q_(5, "kilotonne")) == "5 kilotonne"
    assert format_quantity(Q_(5, "kilotonne")) == "5 kilotonne"
    assert short_form(Q_(5, "metric_ton")) == "5 t"
    assert short_form(Q_(5, "megatonne")) == "5 Mt"
    assert short_form(Q_(5, "gigatonne")) == "5 Gt"
    assert str(Q_(5, "Mt")) == "5 megatonne"
