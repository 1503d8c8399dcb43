import pint
import pytest

from innovplan.errors import UnitError
from innovplan.units import as_count, parse_quantity, registry

Q_ = registry().Quantity


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (Q_(13000, "enterprise"), Q_(13000, "count")),
        (Q_(30, "patent / ten_thousand_person"), Q_(30, "count / ten_thousand_person")),
        (Q_(3, "ten_thousand_person"), Q_(30000, "count")),  # 3 * 10^4
        (Q_(2, "enterprise * laboratory"), Q_(2, "count ** 2")),
        (Q_(4, "enterprise / year"), Q_(4, "count / year")),
    ],
)
def test_as_count(q: pint.Quantity, expected: pint.Quantity) -> None:
    result = as_count(q)
    assert result.units == expected.units
    assert result.magnitude == expected.magnitude


def test_as_count_lets_kinds_add_up() -> None:
    total = as_count(parse_quantity("1.3万家")) + as_count(parse_quantity("200 labs"))
    assert total == Q_(13200, "count")


def test_as_count_of_foreign_quantity() -> None:
    foreign = pint.UnitRegistry()
    foreign.define("patent = [patent]")
    assert as_count(foreign.Quantity(5, "patent")) == Q_(5, "count")


@pytest.mark.parametrize("q", [Q_(3, "yuan"), Q_(3, "1 / person"), Q_(3, "count"), 3])
def test_as_count_needs_things(q: object) -> None:
    with pytest.raises(UnitError):
        as_count(q)  # type: ignore[arg-type]
