"""Hypothesis strategies for quantities of innovplan's registry (kept here until innovplan.testing has them)."""

from __future__ import annotations

from hypothesis import strategies as st

from innovplan.units import Quantity, registry

# Units as pint writes them, covering every kind of unit text parse_quantity
# must read back: plain, magnitude-fused, compound, pure denominators, powers.
UNIT_EXPRESSIONS = (
    "dimensionless",
    "yuan",
    "ten_thousand_yuan",
    "hundred_million_yuan",
    "trillion_yuan",
    "USD",
    "EUR",
    "meter ** 2",
    "ten_thousand_square_meter",
    "kilometer ** 2",
    "percent",
    "permille",
    "percentage_point",
    "count",
    "enterprise",
    "laboratory",
    "project",
    "team",
    "centre",
    "patent",
    "person",
    "facility",
    "item",
    "ten_thousand_person",
    "patent / ten_thousand_person",
    "patent / thousand_person",
    "count / ten_thousand_person",
    "1 / person",
    "yuan / person",
    "yuan / person / year",
    "enterprise / year",
    "1 / meter ** 2",
)

magnitudes = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    """Draw a quantity of innovplan's registry with a plan unit and any finite magnitude."""
    unit = draw(st.sampled_from(UNIT_EXPRESSIONS))
    return registry().Quantity(draw(magnitudes), unit)
