"""Unit symbols with two readings are refused alike at every door that reads unit text.

`kt` is the kilotonne in development statistics (World Bank WDI, "CO2
emissions (kt)") and the knot to pint; innovplan reads neither guess. Every
door (parse_unit, the registry's Quantity and Unit, parse_quantity, an
indicator, a plan file, an observations file, the command line, a table)
reads a word through the same lookup, so that the doors agree on every text.
"""

from __future__ import annotations

import io
import pickle
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innovplan
from innovplan.errors import AmbiguousUnitError, InnovplanError
from innovplan.faces._cli import main
from innovplan.model import Indicator, Observation, Target
from innovplan.units import parse_quantity, parse_unit, registry
from innovplan.units._vocabulary import AMBIGUOUS

if TYPE_CHECKING:
    from collections.abc import Callable

KT = (
    "unit 'kt' is ambiguous: development statistics write it for the kilotonne "
    "(World Bank WDI: 'CO2 emissions (kt)'), pint reads the knot, a speed; "
    "write 'kilotonne' or 'knot'"
)


def _cli(unit: str, tmp_path) -> str:
    path = tmp_path / "obs.csv"
    path.write_text(f"indicator,period,value,unit\nco2,2023,5,{unit}\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["validate", str(path)], stderr=err) == 2
    return err.getvalue()


# Each door and where its message says the text stood.
def test_parse_unit_refuses_kt() -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        parse_unit("kt")
    assert str(info.value) == KT


def test_the_registry_refuses_kt_in_quantity_unit_and_conversion() -> None:
    ureg = registry()
    with pytest.raises(AmbiguousUnitError, match="'kt' at position 0 of 'kt / year'"):
        ureg.Quantity(5, "kt / year")
    with pytest.raises(AmbiguousUnitError, match="write 'kilotonne' or 'knot'"):
        ureg.Unit("kt")
    with pytest.raises(AmbiguousUnitError, match="write 'kilotonne' or 'knot'"):
        ureg.Quantity(5, "kilotonne").to("kt")
    with pytest.raises(AmbiguousUnitError, match="at position 2 of '5 kt'"):
        ureg.Quantity("5 kt")


def test_parse_quantity_refuses_kt_where_it_stands() -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        parse_quantity("5 kt")
    assert str(info.value) == KT.replace("'kt' is", "'kt' at position 2 of '5 kt' is")
    assert (info.value.text, info.value.position) == ("5 kt", 2)
    # Written in capitals it folds to kt and is named as written.
    with pytest.raises(AmbiguousUnitError, match="unit 'KT' at position 2 of '5 KT'"):
        parse_quantity("5 KT")


def test_a_target_phrase_names_the_phrase() -> None:
    phrase = "reduce emissions to 500 kt by 2025"
    with pytest.raises(AmbiguousUnitError) as info:
        innovplan.parse_targets(phrase)
    # "500" starts at 20, "kt" at 24.
    assert (info.value.text, info.value.position) == (phrase, 24)
    assert "write 'kilotonne' or 'knot'" in str(info.value)


def test_an_indicator_refuses_kt() -> None:
    with pytest.raises(InnovplanError) as info:
        Indicator("co2", "CO2", unit="kt", measure="flow")
    assert str(info.value) == f"Indicator 'co2'.unit: {KT}"


def test_targets_and_observations_written_as_text_refuse_kt() -> None:
    ind = Indicator("co2", "CO2", unit="kilotonne", measure="flow")
    where = KT.replace("'kt' is", "'kt' at position 2 of '5 kt' is")
    with pytest.raises(InnovplanError) as info:
        Target("T", ind, "at_most", "5 kt", "2025-12-31")
    assert str(info.value) == f"Target 'T'.value: {where}"
    with pytest.raises(InnovplanError) as info:
        Observation("co2", "5 kt", 2023)
    assert str(info.value) == f"Observation 'co2'.value: {where}"
    # Written out, the kilotonne reads in both.
    target = Target("T", ind, "at_most", "5 kilotonne", "2025-12-31")
    assert str(target.value.units) == "kilotonne"
    assert str(Observation("co2", "5 kilotonne", 2023).value.units) == "kilotonne"


def test_a_yaml_plan_refuses_kt_with_its_path(one_target_plan) -> None:
    text = one_target_plan("kt", indicator="co2")  # JSON text is YAML too
    with pytest.raises(InnovplanError) as info:
        innovplan.load(text, fmt="yaml")
    assert f"indicators[0].unit: {KT}" in str(info.value)


def test_a_plan_file_refuses_kt_with_its_path(one_target_plan) -> None:
    with pytest.raises(InnovplanError) as info:
        innovplan.load(one_target_plan("kt", indicator="co2"), fmt="json")
    assert f"indicators[0].unit: {KT}" in str(info.value)


def test_an_observations_file_refuses_kt_with_its_line() -> None:
    csv = "indicator,period,value,unit\nco2,2023,5,kt\n"
    with pytest.raises(InnovplanError) as info:
        innovplan.load_observations(csv, fmt="csv")
    assert f"line 2.unit: {KT}" in str(info.value)


def test_the_command_line_refuses_kt_with_its_line(tmp_path) -> None:
    assert f"line 2.unit: {KT}" in _cli("kt", tmp_path)


def test_a_table_refuses_kt_with_its_row_and_column(one_target_tables) -> None:
    targets, observations = one_target_tables(
        "kt", target_unit="kilotonne", measure="flow", values=[4.0, 4.5]
    )
    with pytest.raises(InnovplanError) as info:
        innovplan.assess_many(targets, observations)
    assert str(info.value) == f"observations table row 1.unit: {KT}"


def test_the_error_pickles_whole() -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        parse_quantity("5 kt")
    back = pickle.loads(pickle.dumps(info.value))
    assert str(back) == str(info.value)
    assert isinstance(back, ValueError)


@pytest.mark.parametrize("word", sorted(AMBIGUOUS))
def test_every_ambiguous_symbol_is_refused_and_its_spellings_read(word: str) -> None:
    spellings, _ = AMBIGUOUS[word]
    with pytest.raises(AmbiguousUnitError) as info:
        parse_unit(word)
    assert info.value.spellings == spellings
    with pytest.raises(AmbiguousUnitError):
        parse_quantity(f"3 {word}")
    for spelling in spellings:
        assert parse_quantity(f"3 {spelling}").units == parse_unit(spelling)


def test_the_spellings_mean_what_the_message_says() -> None:
    ureg = registry()
    # kilotonne: 1,000 t = 1e6 kg; knot: 1,852 m / 3,600 s (international nautical mile).
    assert ureg.Quantity(1, parse_unit("kilotonne")).to("kilogram").magnitude == pytest.approx(1e6)
    assert ureg.Quantity(1, parse_unit("knot")).to("meter / second").magnitude == pytest.approx(
        1852 / 3600
    )
    # Oil barrel 42 US gal, pint's barrel 31.5 US gal; US gal = 231 in³ = 3.785411784 L.
    assert ureg.Quantity(1, "oil_barrel").to("liter").magnitude == pytest.approx(42 * 3.785411784)
    assert ureg.Quantity(1, "US_liquid_barrel").to("liter").magnitude == pytest.approx(
        31.5 * 3.785411784
    )
    # Imperial gallon 4.54609 L (Weights and Measures Act 1985); pint an eighth of it.
    assert ureg.Quantity(1, "imperial_gallon").to("liter").magnitude == pytest.approx(4.54609)
    assert ureg.Quantity(1, "imperial_pint").to("liter").magnitude == pytest.approx(4.54609 / 8)
    assert ureg.Quantity(1, "US_pint").to("liter").magnitude == pytest.approx(3.785411784 / 8)


def test_kilotonne_still_reads_at_every_door(tmp_path, one_target_tables, one_target_plan) -> None:
    assert str(parse_unit("kilotonne")) == "kilotonne"
    assert str(parse_quantity("5 kilotonne").units) == "kilotonne"
    plan = innovplan.load(one_target_plan("kilotonne", indicator="co2"), fmt="json")
    assert str(plan.indicators[0].pint_unit) == "kilotonne"
    assert str(plan.targets[0].value.units) == "kilotonne"
    obs = innovplan.load_observations(
        "indicator,period,value,unit\nco2,2023,5,kilotonne\n", fmt="csv"
    )
    assert str(obs[0].value.units) == "kilotonne"
    targets, observations = one_target_tables(
        "kilotonne", target_unit="kilotonne", measure="flow", values=[4.0, 4.5]
    )
    # 4.5 kt observed against "at most 5 kt": met.
    assert bool(innovplan.assess_many(targets, observations).met[0])
    path = tmp_path / "obs.csv"
    path.write_text("indicator,period,value,unit\nco2,2023,5,kilotonne\n", encoding="utf-8")
    assert main(["validate", str(path)], stdout=io.StringIO(), stderr=io.StringIO()) == 0


# -- every door reads the same texts alike ------------------------------------------

TEXTS = [
    *sorted(AMBIGUOUS),
    "kilotonne",
    "knot",
    "t",
    "Mt",
    "Gt",
    "ha",
    "ct",
    "a",
    "t / a",
    "kt / year",
    "Mt / kt",
    "tonne",
    "metric tons",
    "tons of standard coal",
    "ten_thousand_tonne",
    "万吨",
    "亿吨",
    "percent",
    "%",
    "permille",
    "percentage_point",
    "百分点",
    "dimensionless",
    "yuan",
    "亿元",
    "件/万人",
    "patent / ten_thousand_person",
    "enterprise",
    "meter ** 2",
    "kilowatt_hour",
    "kWh",
    "furlong",
    "furlongz",
    "kts",
    "bbls",
    "Mbbl",
    "kbbl",
    "gals",
    "Mgal",
    "pts",
    "pps",
    "Mkt",
    "kT",
    "PP",
    "KT",
    "Kt",
]


_SHAPE = re.compile(r"unit '([^']+)'(?: at position \d+ of '[^']*')? is ambiguous: .+; write (.+)$")


def _reading(read) -> str:
    try:
        return str(read())
    except InnovplanError as exc:
        # A door that wraps the error (an indicator, a file) keeps its message.
        shape = _SHAPE.search(str(exc))
        return f"ambiguous {shape[1].lower()}: {shape[2]}" if shape else "refused"


def _doors(text: str, one_target_plan: Callable[..., str]) -> dict[str, str]:
    ureg = registry()
    return {
        "parse_unit": _reading(lambda: parse_unit(text)),
        "Unit": _reading(lambda: ureg.Unit(text)),
        "Quantity": _reading(lambda: ureg.Quantity(1, text).units),
        "parse_quantity": _reading(lambda: parse_quantity(f"1 {text}").units),
        "Indicator": _reading(lambda: Indicator("i", "I", unit=text, measure="level").pint_unit),
        "plan file": _reading(
            lambda: (
                innovplan.load(one_target_plan(text, indicator="co2"), fmt="json")
                .targets[0]
                .value.units
            )
        ),
        "Observation text": _reading(lambda: Observation("i", f"1 {text}", 2023).value.units),
    }


def _alike(text: str, one_target_plan: Callable[..., str]) -> None:
    doors = _doors(text, one_target_plan)
    # A refusal is the same at every door, in any case of the text ("KT").
    assert len(set(doors.values())) == 1, doors


@pytest.mark.parametrize("text", TEXTS)
def test_every_door_reads_a_unit_text_alike(text: str, one_target_plan) -> None:
    _alike(text, one_target_plan)


@given(
    words=st.lists(st.sampled_from(TEXTS[:-2]), min_size=1, max_size=3),
    op=st.sampled_from([" / ", " * "]),
)
@settings(max_examples=60, deadline=None)
def test_every_door_reads_products_and_quotients_alike(
    words: list[str], op: str, one_target_plan
) -> None:
    _alike(op.join(words), one_target_plan)
