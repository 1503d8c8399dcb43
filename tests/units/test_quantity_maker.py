"""``quantity_maker`` makes what ``make_quantity`` makes, for the registry in use when asked."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pint
import pytest

import innovplan.units._registry as registry_module
from innovplan.units import make_quantity, quantity_maker, registry

UNITS = ["enterprise", "hundred_million_yuan", "percent", "patent / ten_thousand_person",
         "dimensionless", "m**2", "enterprise / year"]  # fmt: skip


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("x", [0.0, -0.0, 1.5, -2198.43, 13000, 10**20, 1e300])
def test_maker_gives_make_quantitys_quantity(unit: str, x: float) -> None:
    u = registry().Unit(unit)
    want = make_quantity(x, u)
    got = quantity_maker()(x, u)
    assert type(got) is type(want) is registry().Quantity
    assert str(got.units) == str(want.units) == str(registry().Quantity(x, u).units)
    # A Python int stays an int (plan files keep whole numbers exact).
    assert type(got.magnitude) is type(x)
    assert got.magnitude == x
    assert repr(got) == repr(want)
    assert pickle.loads(pickle.dumps(got)) == want


def test_maker_turns_a_numpy_scalar_into_a_float() -> None:
    got = quantity_maker()(np.float64(2.5), registry().Unit("yuan"))
    assert type(got.magnitude) is float
    assert got.magnitude == 2.5


def test_maker_is_kept_for_the_same_registry() -> None:
    assert quantity_maker() is quantity_maker()


def test_array_flags_are_read_when_the_maker_is_asked_for(monkeypatch) -> None:
    # pint's constructor makes an array of every magnitude under force_ndarray:
    # the maker is then make_quantity itself, which defers to that constructor.
    monkeypatch.setattr(registry(), "force_ndarray", True)
    make = quantity_maker()
    assert make is make_quantity
    q = make(3.0, registry().Unit("enterprise"))
    assert isinstance(q.magnitude, np.ndarray)
    assert float(q.magnitude) == 3.0
    monkeypatch.undo()
    assert type(quantity_maker()(3.0, registry().Unit("enterprise")).magnitude) is float


def test_a_replaced_registry_gets_a_maker_of_its_own(monkeypatch) -> None:
    ours = quantity_maker()
    other = pint.UnitRegistry()
    monkeypatch.setattr(registry_module, "registry", lambda: other)
    theirs = quantity_maker()
    assert theirs is not ours
    q = theirs(2.0, other.Unit("meter"))
    assert type(q) is other.Quantity
    # 2 m = 200 cm, by the definition of the centimetre.
    assert math.isclose(q.to("centimeter").magnitude, 200.0)
    monkeypatch.undo()
    made = quantity_maker()(1.0, registry().Unit("yuan"))
    assert type(made) is registry().Quantity
