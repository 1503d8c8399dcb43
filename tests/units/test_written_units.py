"""A quantity's unit text reads only as a figure can mean it, or is refused.

pint reads many texts after a number as something no statistics office
writes: a prefix on a currency ("500 myuan", a milliyuan), two words side by
side as a product ("12 yuan yuan", yuan²), a symbol of physics ("5 k", the
Boltzmann constant) or the US short ton for the yearbooks' "tons". These are
refused, with the text and the position of the unit that stopped the reading:
juxtaposed words as a ``QuantityParseError``, a word the unit rule refuses as a
``RefusedUnitError`` (``AmbiguousUnitError`` where it has two readings).
"""

from __future__ import annotations

import pytest

from innovplan.errors import (
    AmbiguousUnitError,
    ModelError,
    QuantityParseError,
    RefusedUnitError,
    UnitError,
)
from innovplan.model import Indicator, Observation
from innovplan.units import parse_quantity, registry


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("500 myuan", 4),  # milliyuan to pint; "m" means million in money writing
        ("3 kilopatent", 2),  # no SI prefix on a count
        ("5 mpatents", 2),
        ("12 yuan yuan", 8),  # yuan² to pint
        ("5 RMB yuan", 6),
        ("5 yuan a year", 7),  # yuan·year² to pint ("a" is the annum)
        ("5 % a year", 4),
        ("1.2 m people", 6),  # metre·person to pint
        # molar·patent to pint; before, the phrase reader read M as the metre
        # "m" and stopped at "patents" (4): M is refused where it stands.
        ("5 M patents", 2),
        ("5 k", 2),  # the Boltzmann constant
        ("5 units", 2),  # micro-nit
        ("5 pct", 2),  # picocarat
        ("5 mu", 2),  # milli-atomic mass unit, where 亩 is meant
        ("5 pc", 2),  # parsec
        ("105 tons", 4),  # pint's US short ton, where yearbooks mean tonnes
        ("5 ton", 2),
    ],
)
def test_pints_guesses_are_refused(text: str, position: int) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text)
    err = info.value
    assert isinstance(err, QuantityParseError | RefusedUnitError)
    assert err.text == text
    assert err.position == position


def test_a_prefixed_pint_is_refused_not_a_picopint() -> None:
    # Refused as a symbol (pico + pt), not as a near-form of pt: a pico is no
    # prefix statistics write before a pint (the near-forms are k, M, G).
    with pytest.raises(RefusedUnitError) as info:
        parse_quantity("5 ppt")
    assert not isinstance(info.value, AmbiguousUnitError)
    assert (info.value.word, info.value.reading, info.value.position) == ("ppt", "picopint", 2)


def test_an_observation_in_tons_is_refused_not_read_as_short_tons() -> None:
    # 105 short tons = 105 x 907.18474 kg = 95.254 t (NIST HB44 App. C): read
    # so, a yearbook's 105 tonnes would miss a goal of at least 100 t.
    with pytest.raises(ModelError) as info:
        Observation("coal", "105 tons", 2023)
    assert str(info.value) == (
        "Observation 'coal'.value: unit 'tons' at position 4 of '105 tons' is ambiguous: "
        "China's statistical yearbooks write it for the metric tonne (1,000 kg), pint reads "
        "the US short ton (907.18 kg); write 'tonne' or 'short_ton'"
    )


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        ("5 Mt", 5, "megametric_ton"),
        ("5 kilotonne", 5, "kilometric_ton"),
        ("5 kilotonnes", 5, "kilometric_ton"),
        ("12 furlongs", 12, "furlong"),
        ("12 (yuan)", 12, "yuan"),
        ("5 kilotonne / year", 5, "kilometric_ton / year"),
        ("5 t / a", 5, "metric_ton / year"),
        ("5 short_ton", 5, "short_ton"),
        ("5 GWh", 5, "gigawatt_hour"),
        ("5 Mtoe", 5, "megatonne_of_oil_equivalent"),
        ("5 megawatt_hours", 5, "megawatt_hour"),
        ("5 meter ** 2", 5, "meter ** 2"),
        ("5 yuan / (person * year)", 5, "yuan / person / year"),
    ],
)
def test_full_names_and_statistics_symbols_read(text: str, magnitude: int, unit: str) -> None:
    q = parse_quantity(text)
    assert q.magnitude == magnitude
    assert q.units == registry().Unit(unit)


def test_a_refused_unit_text_stays_refused_after_pint_has_seen_it() -> None:
    # pint caches a prefixed unit once parsed (here through a product it
    # builds itself); the refusal must not depend on that.
    registry().Unit("patent") * registry().Unit("kilometer")
    for _ in range(2):
        with pytest.raises(RefusedUnitError):
            registry().Unit("kilopatent")
        with pytest.raises(RefusedUnitError):
            parse_quantity("3 kilopatent")


def test_a_target_value_in_megatonnes_keeps_its_size() -> None:
    ind = Indicator("co2", "CO2 emissions", unit="kilotonne", measure="flow")
    obs = Observation("co2", "5 Mt", 2023)
    # 5 Mt = 5 x 1,000 kt = 5,000 kt (SI Brochure, 9th ed., Table 7: mega = 10^6, kilo = 10^3).
    assert obs.value.to(ind.pint_unit).magnitude == pytest.approx(5000)
