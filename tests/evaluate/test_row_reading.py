"""Rows read from columns are the objects the constructors would make.

Reading a row of ``Forecasts`` or ``Progresses`` makes its quantities with
``make_quantity`` (a unit parsed once per column), shares one empty group,
and reads the likelihood word from its column. Each shortcut must give what
the long way gives.
"""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

from innovplan import Q_, datasets
from innovplan.evaluate import ArraySeries, forecast_many, progress_many
from innovplan.model import Comparator, Group, Indicator, Measure, Target
from innovplan.units import is_countable, make_quantity, registry

UNITS = ["enterprise", "hundred_million_yuan", "percent", "patent / ten_thousand_person",
         "dimensionless", "m**2", "year", "enterprise / year"]  # fmt: skip


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("x", [0.0, -0.0, 1.5, -2198.43, 1e20, math.inf, math.nan])
def test_make_quantity_is_the_registrys_quantity(unit, x):
    u = registry().Unit(unit)
    want = registry().Quantity(x, u)
    got = make_quantity(x, u)
    assert type(got) is type(want)
    assert got.units == want.units
    assert str(got.units) == str(want.units)
    assert type(got.magnitude) is float
    assert got.magnitude == want.magnitude or (math.isnan(x) and math.isnan(got.magnitude))
    assert repr(got) == repr(want)
    # Arithmetic, conversion and pickling work as on the registry's own.
    assert (got + want).units == want.units
    assert str(pickle.loads(pickle.dumps(got))) == str(want)


def test_is_countable_answers_alike_for_units_and_quantities():
    # Counts of things are countable whatever their scale or per-capita form;
    # money, shares and years are not. Asked twice: the answer is kept per unit.
    for unit, countable in [("enterprise", True), ("patent / ten_thousand_person", True),
                            ("yuan", False), ("percent", False), ("year", False)]:  # fmt: skip
        for _ in range(2):
            assert is_countable(registry().Unit(unit)) is countable, unit
            assert is_countable(Q_(3, unit)) is countable, unit
            assert is_countable(make_quantity(-3.0, registry().Unit(unit))) is countable, unit


def _array_targets(n: int) -> tuple[list[Target], ArraySeries]:
    ind = Indicator("S0", "series", unit="enterprise", measure=Measure.LEVEL)
    values = 100.0 + np.arange(10.0) * 2.0
    series = ArraySeries.ragged(["S0"], values, [0, 10], np.arange(2011, 2021), unit="enterprise")
    targets = [
        Target(f"T{k}", ind, Comparator.AT_LEAST, Q_(130.0, "enterprise"), f"{2022 + k}-12-31")
        for k in range(n)
    ]
    return targets, series


def test_forecast_rows_from_arrays_carry_the_registrys_quantities():
    targets, series = _array_targets(3)
    fcs = forecast_many(targets, series)
    for i, f in enumerate(fcs):
        assert f.group == Group()
        assert f.likelihood == fcs.scale(f.probability)
        for q in (f.point, f.lower, f.upper, f.required_rate, f.actual_rate):
            assert isinstance(q, registry().Quantity)
        # The series rises by 2 a year from 100 in 2011 to 118 in 2020; the
        # recent rate is (118 - 108) / 5 = 2 enterprise a year, and the latest
        # point is the 2020 figure.
        assert f.actual_rate == Q_(2.0, "enterprise / year")
        assert f.latest is not None
        assert f.latest.value == Q_(118.0, "enterprise")
        assert f.points[0].value == Q_(100.0, "enterprise")
        # To 130 by the end of 2022 + i: (130 - 118) / (2 + i) a year.
        assert f.required_rate.magnitude == pytest.approx(12.0 / (2 + i))


def test_progress_rows_from_arrays_carry_the_registrys_quantities():
    targets, series = _array_targets(2)
    for p in progress_many(targets, series):
        assert p.group == Group()
        assert p.goal == Q_(130.0, "enterprise")
        assert isinstance(p.goal, registry().Quantity)
        assert p.latest is not None
        assert p.latest.value == Q_(118.0, "enterprise")


def test_shipped_forecast_rows_equal_single_forecasts():
    # The likelihood word read from the column is the scale's word for the row.
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    fcs = forecast_many(plan, obs, as_of="2023-01-29")
    for f in fcs:
        assert f.likelihood == (None if f.unclear else fcs.scale(f.probability))
