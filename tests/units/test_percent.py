import pint
import pytest

from innovplan.errors import UnitError
from innovplan.units import parse_quantity, percentage_points, registry, to_percent

Q_ = registry().Quantity


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Q_(11.5, "percent"), Q_(10, "percent"), 1.5),
        (Q_(11.6, "percent"), Q_(10.1, "percent"), 1.5),  # no float drift: not 1.4999999999999982
        (Q_(10, "percent"), Q_(12, "percent"), -2),
        (Q_(0.115, "dimensionless"), Q_(10, "percent"), 1.5),  # 11.5 % - 10 %
        (Q_(5, "permille"), Q_(0.1, "percent"), 0.4),  # 0.5 % - 0.1 %
    ],
)
def test_percentage_points(a: pint.Quantity, b: pint.Quantity, expected: float) -> None:
    result = percentage_points(a, b)
    assert result.units == registry().Unit("percentage_point")
    assert result.magnitude == pytest.approx(expected, abs=1e-12)


def test_percentage_points_exact() -> None:
    assert percentage_points(Q_(11.6, "percent"), Q_(10.1, "percent")).magnitude == 1.5
    assert percentage_points(Q_(12, "percent"), Q_(10, "percent")).magnitude == 2
    assert isinstance(percentage_points(Q_(12, "percent"), Q_(10, "percent")).magnitude, int)


def test_percentage_points_from_foreign_registry() -> None:
    theirs = pint.UnitRegistry().Quantity
    assert percentage_points(theirs(12, "percent"), theirs(10, "percent")) == Q_(
        2, "percentage_point"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Q_(1, "yuan"), Q_(1, "percent")),
        (Q_(1, "percent"), Q_(1, "percentage_point")),
        (Q_(1, "percent"), 3),
    ],
)
def test_percentage_points_needs_shares(a: object, b: object) -> None:
    with pytest.raises(UnitError):
        percentage_points(a, b)  # type: ignore[arg-type]


def test_to_percent() -> None:
    assert to_percent(parse_quantity("2个百分点")) == Q_(2, "percent")
    assert to_percent(Q_(2, "percentage_point")).units == registry().Unit("percent")


def test_to_percent_inverts_percentage_points() -> None:
    a, b = Q_(11.5, "percent"), Q_(10, "percent")
    assert b + to_percent(percentage_points(a, b)) == a


@pytest.mark.parametrize("q", [Q_(2, "percent"), Q_(2, "yuan"), 2])
def test_to_percent_needs_points(q: object) -> None:
    with pytest.raises(UnitError):
        to_percent(q)  # type: ignore[arg-type]
