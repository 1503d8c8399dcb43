"""Every name pint writes for a unit the rule refuses as a word is written so it reads back.

pint names the US short ton ``ton``, with a prefix ``kiloton``; its US gallon
``gallon``, its 31.5-gallon barrel ``barrel``, its avoirdupois ounce ``ounce``,
its printer's point ``point``, its 28-pound quarter ``quarter`` and its angular
mil ``mil``. The unit rule refuses each of those words (statistics write them
for other units), so the registry's writer writes another name of the same
unit, keeping any prefix ("kiloshort_ton"): str, the P, D and C formats,
short_form, pickles and observation documents read back.
"""

from __future__ import annotations

import pickle

import pytest

import innovplan
from innovplan import Q_
from innovplan.errors import RefusedUnitError
from innovplan.model import Observation
from innovplan.units import parse_quantity, parse_unit, short_form
from innovplan.units._vocabulary import canonical_name

# Before, the first four were written "kiloton", "megaton", "gigaton" and
# "milliton", which the rule refuses as near-forms of the ambiguous "ton".
WRITTEN = [
    ("kiloshort_ton", "kiloshort_ton"),
    ("megashort_ton", "megashort_ton"),
    ("gigashort_ton", "gigashort_ton"),
    ("millishort_ton", "millishort_ton"),
    ("kiloshort_ton / year", "kiloshort_ton / year"),
    ("short_ton", "short_ton"),
    ("US_liquid_gallon", "US_liquid_gallon"),
    ("kiloUS_liquid_gallon", "kiloUS_liquid_gallon"),
    ("US_pint", "US_pint"),
    ("US_liquid_quart", "US_liquid_quart"),
    ("US_liquid_barrel", "US_liquid_barrel"),
    ("megaUS_liquid_barrel", "megaUS_liquid_barrel"),
    ("avoirdupois_ounce", "avoirdupois_ounce"),
    ("printers_point", "printers_point"),
    ("avoirdupois_quarter", "avoirdupois_quarter"),
    ("angular_mil", "angular_mil"),
    ("USD / oil_barrel", "USD / oil_barrel"),
    ("kilotonne", "kilotonne"),
]


@pytest.mark.parametrize(("unit", "written"), WRITTEN)
def test_every_writer_writes_a_name_that_reads_back(unit: str, written: str) -> None:
    q = Q_(5, unit)
    assert str(q.units) == written
    for text in (str(q), f"{q:P}", f"{q:D}", f"{q:C}", short_form(q), short_form(q, "~")):
        assert parse_quantity(text) == q, text
    assert pickle.loads(pickle.dumps(q)) == q
    assert pickle.loads(pickle.dumps(q.units)) == q.units


@pytest.mark.parametrize(("unit", "written"), WRITTEN)
def test_observation_documents_read_back(unit: str, written: str) -> None:
    observations = [Observation("x", Q_(5, unit), "2023-12-31")]
    for fmt in ("csv", "json"):
        text = innovplan.dump_observations(observations, fmt=fmt)
        assert text is not None
        assert written in text
        assert list(innovplan.load_observations(text, fmt=fmt)) == observations


def test_the_written_names_mean_the_units_pint_named() -> None:
    # NIST Handbook 44, App. C: short ton 2,000 lb = 907.18474 kg; US gallon
    # 231 in³ = 3.785411784 L; pint's barrel 31.5 US gal; avoirdupois ounce
    # 28.349523125 g; quarter 28 lb = 12.70058636 kg. Angular mil: pi/32000 rad.
    assert Q_(1, "kiloshort_ton").to("kilogram").magnitude == pytest.approx(907184.74)
    assert Q_(1, "US_liquid_barrel").to("liter").magnitude == pytest.approx(31.5 * 3.785411784)
    assert Q_(1, "avoirdupois_ounce").to("gram").magnitude == pytest.approx(28.349523125)
    assert Q_(1, "avoirdupois_quarter").to("kilogram").magnitude == pytest.approx(12.70058636)
    assert Q_(1, "angular_mil").to("radian").magnitude == pytest.approx(3.141592653589793 / 32000)


# -- a word refused as written is not read in another case ------------------------


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        # Before: 5 meter, 5 metric_ton, 5 year, 5 day, 5 hour.
        ("5 M", "M", "molar"),
        ("5 T", "T", "tesla"),
        ("5 A", "A", "ampere"),
        ("5 D", "D", "debye"),
        ("5 H", "H", "henry"),
        ("5 M patents", "M", "molar"),
    ],
)
def test_parse_quantity_refuses_a_capital_as_parse_unit_does(text, word, reading) -> None:
    with pytest.raises(RefusedUnitError) as info:
        parse_quantity(text)
    assert (info.value.word, info.value.reading, info.value.position) == (word, reading, 2)
    with pytest.raises(RefusedUnitError):
        parse_unit(word)
    assert canonical_name(word) is None


def test_the_million_goes_into_the_number() -> None:
    with pytest.raises(RefusedUnitError) as info:
        parse_quantity("5 M")
    assert "put it into the number ('5 million', 5000000)" in str(info.value)
    # 5 million people, as the advice says to write it: 5,000,000 person.
    assert parse_quantity("5 million people") == Q_(5_000_000, "person")


@pytest.mark.parametrize(
    ("text", "unit"),
    [("5 KG", "kilogram"), ("5 KM", "kilometer"), ("5 Yuan", "yuan"), ("5 Patents", "patent")],
)
def test_a_word_unknown_as_written_is_still_tried_in_lower_case(text: str, unit: str) -> None:
    assert parse_quantity(text) == Q_(5, unit)


def test_the_command_line_refuses_a_capital_m(capsys: pytest.CaptureFixture[str]) -> None:
    from innovplan.faces._cli import main

    # Before: "emissions < 5 m by 2025-12-31", five metres.
    assert main(["parse", "emissions below 5 M by 2025"]) != 0
    err = capsys.readouterr().err
    assert "unit 'M'" in err
    assert "tables write M for a million" in err
