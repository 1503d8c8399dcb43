"""Prefixed, plural and case forms of the refused symbols are refused with them.

pint reads "kts" as knots, "Mbbl" as a megabarrel of 31.5 US gallons (oil
statistics' Mbbl is a thousand barrels of 42, US EIA Glossary) and "kT" as the
kilotesla: each is refused at every door, the message naming the text as written.
"""

from __future__ import annotations

import pytest

from innovplan.errors import AmbiguousUnitError
from innovplan.units import parse_quantity, parse_unit
from innovplan.units._vocabulary import AMBIGUOUS, registry_name

NEAR_FORMS = [
    ("kts", "kt"),
    ("bbls", "bbl"),
    ("Mbbl", "bbl"),
    ("kbbl", "bbl"),
    ("megabbl", "bbl"),
    ("gals", "gal"),
    ("Mgal", "gal"),
    ("Gal", "gal"),  # pint's galileo: refused with gal (see _vocabulary._ambiguous)
    ("pts", "pt"),
    ("pps", "pp"),
    ("Mkt", "kt"),
    ("kkt", "kt"),
    ("kT", "kt"),
    ("KT", "kt"),
    ("Kt", "kt"),
    ("KTS", "kt"),
    ("PP", "pp"),
    ("BBL", "bbl"),
]


@pytest.mark.parametrize(("word", "symbol"), NEAR_FORMS)
def test_a_near_form_is_refused_as_the_symbol(word: str, symbol: str) -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        registry_name(word)
    assert info.value.word == word
    assert info.value.spellings == AMBIGUOUS[symbol][0]
    assert str(info.value).startswith(f"unit '{word}' is ambiguous: ")


@pytest.mark.parametrize(("word", "symbol"), NEAR_FORMS)
def test_parse_unit_and_parse_quantity_name_the_text_as_written(word: str, symbol: str) -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        parse_unit(f"{word} / year")
    assert (info.value.word, info.value.position) == (word, 0)
    with pytest.raises(AmbiguousUnitError) as info:
        parse_quantity(f"105 {word}")
    assert (info.value.word, info.value.position) == (word, 4)
    assert info.value.spellings == AMBIGUOUS[symbol][0]


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("knots", "knot"),
        ("gallons", "gallon"),
        ("kilotonnes", "kilometric_ton"),
        ("oil_barrels", "oil_barrel"),
        ("galileo", "galileo"),
        ("tonne", "metric_ton"),
        ("patents", "patent"),
    ],
)
def test_full_names_still_read(word: str, name: str) -> None:
    assert registry_name(word) == name
