"""A targets table's gap and basis units, row by row, with one unit and with several.

A target's values are compared in percent when its basis is a percent change
or an average annual rate, or when its indicator is dimensionless; its gap
is then in percentage points. Otherwise both are the indicator's own unit.
The expectations are written out from that rule, by hand, for each row;
an indicator's own values are in its unit, a dimensionless one's in percent.
"""

from __future__ import annotations

import pytest

from innovplan.evaluate._cells import Table
from innovplan.evaluate._tables import target_columns

P, PP = "percent", "percentage_point"


def _table(units: list[str], basis: list[str] | None) -> Table:
    n = len(units)
    # Indicator k has unit units[k]; one target each, with a second for indicator 0.
    columns = {
        "id": [f"T{i}" for i in range(n + 1)],
        "indicator": [f"i{k}" for k in range(n)] + ["i0"],
        "comparator": ["at_least"] * (n + 1),
        "value": [5.0] * (n + 1),
        "unit": [*units, units[0]],
        "deadline": [2025] * (n + 1),
        "measure": ["level"] * (n + 1),
    }
    if basis is not None:
        # A percent change or a rate is given in percent; the indicator's own
        # unit is then its indicator_unit.
        columns["basis"] = basis
        columns["indicator_unit"] = columns["unit"]
        rates = ("percent_change", "average_annual")
        columns["unit"] = [
            P if b in rates else u for b, u in zip(basis, columns["unit"], strict=True)
        ]
    return Table(columns, "targets table")


@pytest.mark.parametrize(
    ("units", "basis", "gap", "compared"),
    [
        # One unit throughout, no basis column: the indicator's unit...
        (["t"] * 3, None, ["t"] * 4, ["t"] * 4),
        # ...or, dimensionless, percent and percentage points.
        (["dimensionless"] * 3, None, [PP] * 4, [P] * 4),
        # One unit and a basis column: a percent change (row 1) and an average
        # annual rate (row 3) are in percent; a value and a change in tonnes.
        (["t"] * 3, ["value", "percent_change", "change", "average_annual"],
         ["t", PP, "t", PP], ["t", P, "t", P]),
        # Dimensionless: every basis in percent.
        (["dimensionless"] * 3, ["value", "change", "percent_change", "value"],
         [PP] * 4, [P] * 4),
        # Several units: each row its indicator's.
        (["t", "dimensionless", "kg"], None, ["t", PP, "kg", "t"], ["t", P, "kg", "t"]),
        (["t", "dimensionless", "kg"], ["change", "value", "percent_change", "value"],
         ["t", PP, PP, "t"], ["t", P, P, "t"]),
    ],
    ids=["one unit", "one dimensionless", "one unit, bases", "one dimensionless, bases",
         "several", "several, bases"],
)  # fmt: skip
def test_gap_and_basis_units_by_row(units, basis, gap, compared):
    tc = target_columns(_table(units, basis))
    # Each indicator's values are compared in its own unit, a dimensionless one's in percent.
    assert list(tc.units) == [P if u == "dimensionless" else u for u in units]
    assert list(tc.gap_units) == gap
    assert list(tc.basis_units) == compared
