"""Money writing's m beside a currency or a count is a million, not the metre.

"EUR m" and "USD m" are millions of euros and dollars in financial tables, and
"m people" a million people; pint's product of spaced words read them as
euro-metres and metre-people, which no table means. parse_quantity already
refused "1.2 m people"; every door that reads unit text now does too.
"""

from __future__ import annotations

import pytest

import innovplan
from innovplan import Q_
from innovplan.errors import InnovplanError, RefusedUnitError
from innovplan.units import parse_unit


@pytest.mark.parametrize(
    ("text", "position", "other"),
    [
        ("EUR m", 4, "EUR"),
        ("USD m", 4, "USD"),
        ("USD m / year", 4, "USD"),
        ("m people", 0, "people"),
        ("m yuan", 0, "yuan"),
        ("m patents", 0, "patents"),
    ],
)
def test_a_spaced_m_beside_money_or_a_count_is_refused(
    text: str, position: int, other: str
) -> None:
    with pytest.raises(RefusedUnitError) as info:
        parse_unit(text)
    err = info.value
    assert (err.word, err.reading, err.text, err.position) == ("m", "meter", text, position)
    assert f"money writing's m beside {other!r} means million" in str(err)
    with pytest.raises(RefusedUnitError):
        Q_(5, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("kilowatt hour", "kilowatt * hour"),
        ("m s", "meter * second"),
        ("m² yuan", "meter ** 2 * yuan"),
        # Written with an operator, a product is what the writer asked for.
        ("EUR * m", "EUR * meter"),
        ("yuan / m", "yuan / meter"),
    ],
)
def test_other_products_with_the_metre_still_read(text: str, unit: str) -> None:
    assert parse_unit(text) == parse_unit(unit)


def test_a_table_unit_column_refuses_eur_m() -> None:
    # Before, assess_many assessed it and reported gap_unit "EUR * meter".
    targets = {
        "id": ["T1"],
        "indicator": ["x"],
        "comparator": ["at_least"],
        "value": [5.0],
        "unit": ["EUR m"],
        "deadline": ["2023-12-31"],
        "measure": ["level"],
    }
    observations = {"indicator": ["x"], "period": [2023], "value": [6.0], "unit": ["EUR m"]}
    with pytest.raises(InnovplanError) as info:
        innovplan.assess_many(targets, observations)
    assert "unit 'm' at position 4 of 'EUR m' is refused" in str(info.value)
