import subprocess
import sys

import pint
import pytest

from innovplan.errors import UnitError
from innovplan.units import (
    COUNTABLE_DIMENSIONS,
    adopt,
    is_countable,
    is_percent_like,
    parse_quantity,
    registry,
)

Q_ = registry().Quantity


def test_importing_innovplan_does_not_build_the_registry() -> None:
    code = (
        "import innovplan, innovplan.units._registry as r;"
        "assert r.registry.cache_info().currsize == 0, 'built'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 (our own interpreter and code)


def test_one_registry() -> None:
    assert registry() is registry()
    assert pint.get_application_registry().get() is not registry()


@pytest.mark.parametrize("name", ["yuan", "CNY", "RMB", "元"])
def test_yuan_names(name: str) -> None:
    assert Q_(3, name) == Q_(3, "yuan")


@pytest.mark.parametrize("other", ["USD", "EUR", "JPY", "GBP", "HKD"])
def test_no_silent_exchange_rate(other: str) -> None:
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "yuan").to(other)
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "yuan") + Q_(1, other)


def test_yuan_plus_square_meters_raises() -> None:
    with pytest.raises(pint.DimensionalityError):
        parse_quantity("1450亿元") + parse_quantity("120万平方米")


def test_percent_plus_percentage_point_raises() -> None:
    with pytest.raises(pint.DimensionalityError):
        parse_quantity("11.5%") + parse_quantity("2个百分点")


def test_percent_is_a_hundredth() -> None:
    assert Q_(11.5, "percent").to("dimensionless").magnitude == pytest.approx(0.115)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("enterprise", "laboratory"),
        ("patent", "person"),
        ("team", "project"),
        ("centre", "facility"),
    ],
)
def test_things_do_not_mix(a: str, b: str) -> None:
    with pytest.raises(pint.DimensionalityError):
        Q_(1, a) + Q_(1, b)
    with pytest.raises(pint.DimensionalityError):
        Q_(1, a).to(b, "counting")  # not even when counting


# The kinds of things plan_units.txt defines, written out again on purpose: a
# thing dropped from the package's table must fail here.
THINGS = (
    "enterprise",
    "laboratory",
    "project",
    "team",
    "centre",
    "patent",
    "person",
    "facility",
    "item",
)


@pytest.mark.parametrize("name", THINGS)
def test_counting_context(name: str) -> None:
    assert Q_(3, name).to("count", "counting") == Q_(3, "count")
    with pytest.raises(pint.DimensionalityError):
        Q_(3, name).to("count")  # only when asked for
    with pytest.raises(pint.DimensionalityError):
        Q_(3, "count").to(name, "counting")  # one way only


def test_counting_a_scaled_unit() -> None:
    # 3 * 10^4 people
    assert Q_(3, "ten_thousand_person").to("count", "counting").magnitude == pytest.approx(30000)


@pytest.mark.parametrize(
    ("value", "unit", "target", "expected"),
    [
        (30, "patent / ten_thousand_person", "patent / person", 0.003),  # 30 / 10^4
        (30, "patent / ten_thousand_person", "patent / thousand_person", 3),  # 30 / 10
        (4, "laboratory / thousand_person", "laboratory / million_person", 4000),  # 4 * 10^3
        (2, "item / hundred_thousand_person", "item / ten_thousand_person", 0.2),
        (1, "ten_thousand_person", "person", 10_000),
    ],
)
def test_per_capita_conversions(value: float, unit: str, target: str, expected: float) -> None:
    assert Q_(value, unit).to(target).magnitude == pytest.approx(expected)


@pytest.mark.parametrize(
    ("name", "in_yuan"),
    [("万元", 1e4), ("亿元", 1e8), ("万亿元", 1e12), ("ten_thousand_yuan", 1e4)],
)
def test_fused_magnitudes(name: str, in_yuan: float) -> None:
    assert Q_(1, name).to("yuan").magnitude == pytest.approx(in_yuan)


@pytest.mark.parametrize("name", ["square_meter", "square_metre", "平方米", "m²", "square meters"])
def test_square_meter_names(name: str) -> None:
    assert Q_(5, name).to("m**2").magnitude == pytest.approx(5)


def test_ten_thousand_square_meters() -> None:
    assert Q_(120, "万平方米").to("m**2").magnitude == pytest.approx(1.2e6)


def test_adopt_foreign_quantity() -> None:
    theirs = pint.UnitRegistry().Quantity(3, "km")
    ours = adopt(theirs)
    assert isinstance(ours, registry().Quantity)
    assert ours.to("m").magnitude == pytest.approx(3000)


def test_adopt_foreign_quantity_with_plan_unit() -> None:
    foreign = pint.UnitRegistry()
    foreign.define("yuan = [money]")
    assert adopt(foreign.Quantity(5, "yuan")) == Q_(5, "yuan")


def test_adopt_own_quantity_is_identity() -> None:
    q = Q_(1, "yuan")
    assert adopt(q) is q


def test_adopt_unknown_unit_raises() -> None:
    foreign = pint.UnitRegistry()
    foreign.define("zorkmid = [zork]")
    with pytest.raises(UnitError, match="zorkmid"):
        adopt(foreign.Quantity(1, "zorkmid"), where="target 'T1'")


def test_adopt_non_quantity_raises() -> None:
    with pytest.raises(UnitError, match="got int 3"):
        adopt(3)


def test_is_countable() -> None:
    assert is_countable(Q_(3, "patent / ten_thousand_person"))
    assert not is_countable(Q_(3, "1 / person"))
    assert not is_countable(Q_(3, "count"))  # pint's count is dimensionless
    assert {f"[{name}]" for name in THINGS} == COUNTABLE_DIMENSIONS


def test_is_percent_like() -> None:
    assert is_percent_like(Q_(1, "permille"))
    assert not is_percent_like(Q_(1, "yuan"))


def test_quantities_and_units_pickle_into_innovplan_registry() -> None:
    import pickle

    q = registry().Quantity(30, "patent / ten_thousand_person")
    back = pickle.loads(pickle.dumps(q))
    assert back == q
    assert str(back.units) == "patent / ten_thousand_person"
    assert back._REGISTRY is registry()
    assert pickle.loads(pickle.dumps(registry().Unit("亿元"))) == registry().Unit("亿元")
