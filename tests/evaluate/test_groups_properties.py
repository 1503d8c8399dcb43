"""Over generated figures, a group's row is the row of the same target on that group alone."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan import Q_, assess_many
from innovplan.model import Comparator, Indicator, Measure, Observation, Target

_VALUES = st.floats(0.5, 1000, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(
    figures=st.lists(st.lists(_VALUES, min_size=2, max_size=2), min_size=1, max_size=6),
    comparator=st.sampled_from([c for c in Comparator if c is not Comparator.BETWEEN]),
    value=_VALUES,
    measure=st.sampled_from([Measure.LEVEL, Measure.FLOW]),
    deadline=st.sampled_from(["2022-12-31", "2023-12-31", "2024-12-31"]),
)
def test_every_group_row_equals_its_own_series(
    figures: list[list[float]],
    comparator: Comparator,
    value: float,
    measure: Measure,
    deadline: str,
) -> None:
    unit = "hundred_million_yuan"
    ind = Indicator("x", "x", unit=unit, measure=measure)
    codes = [f"g{k}" for k in range(len(figures))]

    def period(year: int) -> str | int:
        return f"{year}-12-31" if measure is Measure.LEVEL else year

    grouped_obs = [
        Observation("x", Q_(v, unit), period(2022 + y), dimensions={"region": code})
        for code, pair in zip(codes, figures, strict=True)
        for y, v in enumerate(pair)
    ]
    every = Target("E", ind, comparator, Q_(value, unit), deadline, every="region")
    own = {code: Indicator(f"x_{code}", code, unit=unit, measure=measure) for code in codes}
    flat_obs = [Observation(own[o.dimensions["region"]].id, o.value, o.period) for o in grouped_obs]
    singles = [Target(c, own[c], comparator, Q_(value, unit), deadline) for c in codes]
    grouped = assess_many([every], grouped_obs)
    plain = assess_many(singles, flat_obs)
    assert grouped.dimension("region").tolist() == codes
    assert grouped.status.tolist() == plain.status.tolist()
    for name in ("attainment", "score", "gap", "observed"):
        a, b = getattr(grouped, name), getattr(plain, name)
        assert np.array_equal(a, b, equal_nan=True), name
