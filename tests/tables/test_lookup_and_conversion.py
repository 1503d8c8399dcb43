"""The indicator lookup by list comparison and unit conversion through the registry's convert.

A table's indicator table tells cells listing its indicators in order by
one list comparison; any other cells take the dict lookup. Magnitudes are
converted by ``registry().convert`` with the units read once: each gives
what the general path (a lookup per cell, ``Quantity(m, unit).to(dest)``)
gives; offset units (degree_Celsius) are refused as text at every door.
"""

from __future__ import annotations

import numpy as np
import pint
import pytest

from innovplan.engine import column_histories
from innovplan.errors import ModelError, UnitMismatchError
from innovplan.evaluate._cells import as_table
from innovplan.evaluate._tables import (
    TARGETS,
    IndicatorTable,
    _converted,
    _unit,
    columns,
    target_columns,
)
from innovplan.units import registry

# -- the indicator lookup -----------------------------------------------------------


def _tables() -> tuple[IndicatorTable, IndicatorTable]:
    """A table's indicator table, and the same one made to look every cell up in its dict."""
    table = as_table(
        {
            "id": ["T0", "T1", "T2", "T3"],
            "indicator": ["a", "b", "a", "c"],
            "comparator": ["at_least"] * 4,
            "value": [10.0] * 4,
            "unit": ["yuan"] * 4,
            "deadline": [2026] * 4,
            "measure": ["level"] * 4,
        },
        TARGETS,
    )
    assert table is not None
    codes: dict[str, int] = {}
    rows = target_columns(table, indicator_codes=codes).targets
    general = rows.indicator_table(codes)
    # The general lookup: each id's position in a dict, every cell looked up.
    general._distinct_ids = None
    general._positions = {"a": 0, "b": 1, "c": 2}
    return rows.indicator_table(codes), general


def _copy(text: str) -> str:
    # An equal text that is another object (no identity to lean on).
    return "".join(list(text))


@pytest.mark.parametrize(
    "cells",
    [
        ["a", "b", "c"],  # the indicators in order
        [_copy("a"), _copy("b"), _copy("c")],  # equal texts, other objects
        ("a", "b", "c"),  # a tuple of them
        [np.str_("a"), np.str_("b"), np.str_("c")],  # numpy texts, equal to the ids
        ["c", "b", "a"],  # the same length, another order
        ["a", "b", "x"],  # the same length, one unknown
        ["a", "b"],  # fewer
        ["a", "b", "c", "d"],  # more
        [1, "b", "c"],  # a number where a text is
        [],
    ],
)
def test_lookup_of_a_tables_indicators_is_the_general_lookup(cells):
    fast, general = _tables()
    assert fast._distinct_ids == ["a", "b", "c"]
    assert general._distinct_ids is None
    for got, want in zip(fast.lookup(cells), general.lookup(cells), strict=True):
        assert got.tolist() == want.tolist()


def test_lookup_positions_by_hand():
    fast, _ = _tables()
    # a, b, c are codes 0, 1, 2 (numbered in order of first appearance);
    # "x" is no indicator: code, definition and position -1.
    code, _, pos = fast.lookup(["c", "x", "a"])
    assert code.tolist() == [2, -1, 0]
    assert pos.tolist() == [2, -1, 0]
    code, _, pos = fast.lookup([_copy("a"), _copy("b"), _copy("c")])
    assert code.tolist() == pos.tolist() == [0, 1, 2]


def test_the_mapping_of_a_tables_indicators_is_made_when_read():
    fast, general = _tables()
    assert fast._positions is None  # nothing read yet
    assert len(fast) == len(general) == 3
    assert list(fast) == list(general) == ["a", "b", "c"]
    assert "b" in fast
    assert "x" not in fast
    assert fast["c"][0] == general["c"][0] == 2
    assert fast["c"][2] == general["c"][2] == "T3"  # c's first target
    assert fast.like("a") is general.like("a")
    assert fast._positions == {"a": 0, "b": 1, "c": 2}


def test_indicator_objects_listed_keep_the_dict_lookup():
    table, _ = _tables()
    listed = [table["a"][1], table["b"][1], table["c"][1]]
    objects = IndicatorTable(listed, {"a": 0, "b": 1, "c": 2}, np.array(["T0", "T1", "T3"]))
    assert objects._distinct_ids is None
    code, _, pos = objects.lookup(["c", "a", "b"])
    assert code.tolist() == pos.tolist() == [2, 0, 1]


# -- conversion through the registry's convert ------------------------------------------

_PAIRS = [
    ("dimensionless", "percent"),
    ("percent", "dimensionless"),
    ("ten_thousand_yuan", "yuan"),
    ("hundred_million_yuan", "ten_thousand_yuan"),
    # Temperatures as the rule reads them: absolute, or differences.
    ("kelvin", "degree_Rankine"),
    ("delta_degree_Fahrenheit", "delta_degree_Celsius"),
    ("delta_degree_Celsius", "kelvin"),
]


@pytest.mark.parametrize(("unit", "dest"), _PAIRS)
def test_converted_is_the_quantitys_conversion_to_the_bit(unit, dest):
    ureg = registry()
    rng = np.random.default_rng(5)
    mags = np.concatenate(
        [rng.normal(0, 1e3, 500), [0.0, -0.0, 1.0, 1e-300, 1e300, np.inf, -np.inf, np.nan]]
    )
    want = np.asarray(ureg.Quantity(mags, unit).to(dest).magnitude)
    got = np.asarray(_converted(ureg, mags, unit, dest))
    assert got.dtype == want.dtype == np.float64
    assert got.tobytes() == want.tobytes()


def test_converted_temperatures_by_hand():
    ureg = registry()
    # A Fahrenheit degree is 5/9 of a Celsius one: 180 delta_degF = 100 delta_degC;
    # 1.8 degree_Rankine = 1 kelvin.
    got = _converted(
        ureg, np.array([180.0, 9.0]), "delta_degree_Fahrenheit", "delta_degree_Celsius"
    )
    assert np.allclose(got, [100.0, 5.0], rtol=0, atol=1e-12)
    assert np.allclose(_converted(ureg, np.array([540.0]), "degree_Rankine", "kelvin"), [300.0])
    # A plain factor: 0.25 of one is 25 percent.
    assert _converted(ureg, np.array([0.25]), "dimensionless", "percent").tolist() == [25.0]


def test_converted_refuses_another_dimension_as_pint_does():
    ureg = registry()
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(np.ones(2), "yuan").to("kelvin")
    with pytest.raises(pint.DimensionalityError):
        _converted(ureg, np.ones(2), "yuan", "kelvin")


def test_units_are_read_once_per_registry():
    ureg = registry()
    assert _unit(ureg, "degree_Rankine") is _unit(ureg, "degree_Rankine")
    assert _unit(ureg, "degree_Rankine") == ureg.Unit("degree_Rankine")


def _temperatures(unit: str, values: list[float]) -> dict[str, list]:
    return {
        "indicator": ["t"] * len(values),
        "period": list(range(2020, 2020 + len(values))),
        "value": values,
        "unit": [unit] * len(values),
    }


_TARGET = {
    "id": ["T0"],
    "indicator": ["t"],
    "comparator": ["at_most"],
    "value": [20.0],
    "unit": ["kelvin"],
    "deadline": [2030],
    "measure": ["level"],
}


def test_observations_in_another_temperature_unit_reach_the_history_converted():
    # Observations in degrees Rankine of an indicator in kelvin: 1 K = 1.8 °R,
    # so 540 °R = 300 K, 504 °R = 280 K, 549 °R = 305 K.
    tc, oc = columns(
        "forecast_many", _TARGET, _temperatures("degree_Rankine", [540.0, 504.0, 549.0]), None
    )
    hist = column_histories(tc, oc)
    assert np.allclose(hist.y, [300.0, 280.0, 305.0], rtol=0, atol=1e-12)
    # Two units in one column: each (unit, destination) pair is converted apart.
    obs = _temperatures("degree_Rankine", [540.0, 504.0, 549.0])
    obs["unit"][1] = "kelvin"
    obs["value"][1] = 5.0
    tc, oc = columns("forecast_many", _TARGET, obs, None)
    assert np.allclose(column_histories(tc, oc).y, [300.0, 5.0, 305.0], rtol=0, atol=1e-12)


@pytest.mark.parametrize("unit", ["degree_Celsius", "°C", "℃", "degF"])
def test_a_temperature_on_an_offset_scale_is_refused_by_the_unit_column(unit):
    # Ratios of 20 °C and 10 °C depend on the scale's zero: refused with advice.
    with pytest.raises(ModelError, match=r"row 0\.unit: unit .* refused.*delta_degC.*kelvin"):
        columns("forecast_many", _TARGET, _temperatures(unit, [20.0, 21.0]), None)


def test_observations_of_another_dimension_are_refused_by_row():
    with pytest.raises(UnitMismatchError, match="row 0"):
        columns("forecast_many", _TARGET, _temperatures("yuan", [1.0, 2.0]), None)


# -- a table's own codes: its indicators' positions, without a dict ---------------------


def _table(indicators: list[str]):
    table = as_table(
        {
            "id": [f"T{k}" for k in range(len(indicators))],
            "indicator": indicators,
            "comparator": ["at_least"] * len(indicators),
            "value": [10.0] * len(indicators),
            "unit": ["yuan"] * len(indicators),
            "deadline": [2026] * len(indicators),
            "measure": ["level"] * len(indicators),
        },
        TARGETS,
    )
    assert table is not None
    return table


@pytest.mark.parametrize("indicators", [["b", "a", "b", "c"], ["a"], ["c", "c", "a", "b", "a"]])
def test_own_codes_are_the_codes_numbered_from_empty(indicators):
    codes: dict[str, int] = {}
    dict_coded = target_columns(_table(indicators), indicator_codes=codes)
    own = target_columns(_table(indicators))
    # Codes filled from empty number the indicators in order of first
    # appearance: b, a, c are 0, 1, 2 in the first case, by hand.
    assert own.arrays.ind.tolist() == dict_coded.arrays.ind.tolist()
    assert own.indicators == dict_coded.indicators == tuple(codes)
    assert own.units == dict_coded.units
    positional = own.targets.indicator_table()
    filled = dict_coded.targets.indicator_table(codes)
    assert positional._codes is None
    for cells in (list(codes), list(codes)[::-1], ["x", *codes], []):
        for got, want in zip(positional.lookup(cells), filled.lookup(cells), strict=True):
            assert got.tolist() == want.tolist()
    for ident, code in codes.items():
        assert positional.code(ident) == filled.code(ident) == code
        assert positional[ident][0] == filled[ident][0]
        assert positional[ident][2] == filled[ident][2]
    assert list(positional) == list(filled)


def test_own_codes_by_hand():
    tc = target_columns(_table(["b", "a", "b", "c"]))
    # b first (row 0), then a (row 1), then c (row 3): codes 0, 1, 0, 2 by row.
    assert tc.arrays.ind.tolist() == [0, 1, 0, 2]
    assert tc.indicators == ("b", "a", "c")
    table = tc.targets.indicator_table()
    assert table.code("c") == 2
    code, _, pos = table.lookup(["c", "b", "z"])
    assert code.tolist() == [2, 0, -1]
    assert pos.tolist() == [2, 0, -1]


def test_forecast_tables_read_with_own_codes_join_their_observations():
    # Observations listed c, a, b (not the targets' order): each joins its
    # own target; the last value of each history is its own, by hand.
    targets = {
        "id": ["T0", "T1", "T2"],
        "indicator": ["a", "b", "c"],
        "comparator": ["at_least"] * 3,
        "value": [10.0] * 3,
        "unit": ["yuan"] * 3,
        "deadline": [2026] * 3,
        "measure": ["level"] * 3,
    }
    obs = {
        "indicator": ["c", "c", "a", "a", "b", "b", "z"],
        "period": [2020, 2021] * 3 + [2020],
        "value": [30.0, 31.0, 10.0, 11.0, 20.0, 21.0, 99.0],
        "unit": ["yuan"] * 7,
    }
    tc, oc = columns("forecast_many", targets, obs, None)
    hist = column_histories(tc, oc)
    ends = [hist.y[hist.indptr[k + 1] - 1] for k in range(3)]
    assert ends == [11.0, 21.0, 31.0]
