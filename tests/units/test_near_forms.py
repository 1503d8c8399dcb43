"""Prefixed, plural and case forms of the refused symbols are refused with them.

pint reads "kts" as knots, "Mbbl" as a megabarrel of 31.5 US gallons (oil
statistics' Mbbl is a thousand barrels of 42, US EIA Glossary) and "kT" as the
kilotesla: each is refused at every door, the message naming the text as written.
"""

from __future__ import annotations

import pytest

from innovplan.errors import AmbiguousUnitError, RefusedUnitError, UnitError
from innovplan.units import parse_quantity, parse_unit, registry
from innovplan.units._vocabulary import AMBIGUOUS, registry_name

# (near-form, the symbol it is a form of, the spellings the message offers):
# a prefix stays in the spellings, as pint reads it, so that the advice
# followed gives the magnitude written (before, "Mbbl" was offered 'oil_barrel',
# a millionth of what it says).
NEAR_FORMS = [
    ("kts", "kt", ("kilotonne", "knot")),
    ("bbls", "bbl", ("oil_barrel", "US_liquid_barrel")),
    ("Mbbl", "bbl", ("megaoil_barrel", "megaUS_liquid_barrel")),
    ("kbbl", "bbl", ("kilooil_barrel", "kiloUS_liquid_barrel")),
    ("megabbl", "bbl", ("megaoil_barrel", "megaUS_liquid_barrel")),
    ("gals", "gal", ("US_liquid_gallon", "imperial_gallon")),
    ("Mgal", "gal", ("megaUS_liquid_gallon", "megaimperial_gallon")),
    # pint's galileo: refused with gal (see _vocabulary._ambiguous)
    ("Gal", "gal", ("US_liquid_gallon", "imperial_gallon")),
    ("pts", "pt", ("US_pint", "imperial_pint")),
    ("pps", "pp", ("percentage_point", "printers_point")),
    # A prefix on the kilo of kilotonne has no name: the message says to put
    # it into the number.
    ("Mkt", "kt", ("kilotonne", "knot")),
    ("kkt", "kt", ("kilotonne", "knot")),
    ("kT", "kt", ("kilotonne", "knot")),
    ("KT", "kt", ("kilotonne", "knot")),
    ("Kt", "kt", ("kilotonne", "knot")),
    ("KTS", "kt", ("kilotonne", "knot")),
    ("PP", "pp", ("percentage_point", "printers_point")),
    ("BBL", "bbl", ("oil_barrel", "US_liquid_barrel")),
    ("kilotons", "ton", ("kilotonne", "kiloshort_ton")),
    ("ktons", "ton", ("kilotonne", "kiloshort_ton")),
    ("Mtons", "ton", ("megatonne", "megashort_ton")),
    ("GTons", "ton", ("gigatonne", "gigashort_ton")),
    ("kgal", "gal", ("kiloUS_liquid_gallon", "kiloimperial_gallon")),
    ("Kbbl", "bbl", ("kilooil_barrel", "kiloUS_liquid_barrel")),
    ("barrels", "barrel", ("oil_barrel", "US_liquid_barrel")),
    ("megabarrels", "barrel", ("megaoil_barrel", "megaUS_liquid_barrel")),
    ("gallons", "gallon", ("US_liquid_gallon", "imperial_gallon")),
    ("pints", "pint", ("US_pint", "imperial_pint")),
    ("quarts", "quart", ("US_liquid_quart", "imperial_quart")),
    ("ounces", "ounce", ("troy_ounce", "avoirdupois_ounce")),
    # Before, "ozs" and "qts" read as pint's avoirdupois ounce and US quart.
    ("ozs", "oz", ("troy_ounce", "avoirdupois_ounce")),
    ("koz", "oz", ("kilotroy_ounce", "kiloavoirdupois_ounce")),
    ("Moz", "oz", ("megatroy_ounce", "megaavoirdupois_ounce")),
    ("qts", "qt", ("US_liquid_quart", "imperial_quart")),
]


@pytest.mark.parametrize(("word", "symbol", "spellings"), NEAR_FORMS)
def test_a_near_form_is_refused_as_the_symbol(word: str, symbol: str, spellings) -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        registry_name(word)
    assert info.value.word == word
    assert info.value.spellings == spellings
    assert info.value.reason.startswith(AMBIGUOUS[symbol][1])
    assert str(info.value).startswith(f"unit '{word}' is ambiguous: ")


@pytest.mark.parametrize(("word", "symbol", "spellings"), NEAR_FORMS)
def test_parse_unit_and_parse_quantity_name_the_text_as_written(
    word: str, symbol: str, spellings
) -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        parse_unit(f"{word} / year")
    assert (info.value.word, info.value.position) == (word, 0)
    with pytest.raises(AmbiguousUnitError) as info:
        parse_quantity(f"105 {word}")
    assert (info.value.word, info.value.position) == (word, 4)
    assert info.value.spellings == spellings


@pytest.mark.parametrize(("word", "symbol", "spellings"), NEAR_FORMS)
def test_each_spelling_offered_reads_as_its_prefix_says(word: str, symbol: str, spellings) -> None:
    ureg = registry()
    for spelling, plain in zip(spellings, AMBIGUOUS[symbol][0], strict=True):
        # The ratio to the unprefixed spelling is the prefix: 1e3 for kilo,
        # 1e6 for mega, 1e9 for giga (SI Brochure Table 7), 1 for none.
        prefix = spelling[: len(spelling) - len(plain)]
        expected = {"": 1.0, "kilo": 1e3, "mega": 1e6, "giga": 1e9}[prefix]
        ratio = ureg.Quantity(1, parse_unit(spelling)).to(parse_unit(plain)).magnitude
        assert ratio == pytest.approx(expected), (word, spelling)


def test_the_mega_of_mbbl_is_named_with_oils_thousand() -> None:
    # US EIA Glossary: "Mbbl" is a thousand barrels; pint reads mega.
    with pytest.raises(AmbiguousUnitError) as info:
        registry_name("Mbbl")
    assert "write Mbbl for a thousand barrels ('kilooil_barrel')" in str(info.value)


@pytest.mark.parametrize(
    ("word", "reading"),
    [("app", "attopoint"), ("Eton", "exaton"), ("ppt", "picopint")],
)
def test_a_word_with_another_letter_before_a_symbol_is_no_near_form(
    word: str, reading: str
) -> None:
    # Only k, M, G (any case) or a prefix's name make a near-form; "app" is
    # atto + pp to pint, refused as a symbol with pint's reading named, not
    # recommended, and not as the percentage point's "pp".
    with pytest.raises(RefusedUnitError) as info:
        registry_name(word)
    assert not isinstance(info.value, AmbiguousUnitError)
    assert info.value.reading == reading
    assert "hardly what a table means" in info.value.advice


def test_ppp_is_no_percentage_point() -> None:
    # Before, "PPP" (purchasing power parity) was refused with the text about
    # percentage points, read as peta + pp in lower case.
    with pytest.raises(UnitError) as info:
        parse_unit("USD PPP")
    assert not isinstance(info.value, AmbiguousUnitError)
    assert "'PPP'" in str(info.value)


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("knots", "knot"),
        ("US_liquid_gallons", "gallon"),
        ("kilotonnes", "kilometric_ton"),
        ("oil_barrels", "oil_barrel"),
        ("galileo", "galileo"),
        ("tonne", "metric_ton"),
        ("patents", "patent"),
    ],
)
def test_full_names_still_read(word: str, name: str) -> None:
    assert registry_name(word) == name
