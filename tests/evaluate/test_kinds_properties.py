"""Properties of the multi-year kinds: sums only grow, broken limits stay broken, one average."""

from __future__ import annotations

import itertools

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan import Q_
from innovplan.evaluate import assess, assess_many
from innovplan.model import (
    Basis,
    Comparator,
    Direction,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Status,
    Target,
)
from innovplan.testing import plans

FLOW = Indicator("f", "f", unit="yuan", measure=Measure.FLOW)
amounts = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=6)


def _in_plan(t: Target) -> Target:
    plan = Plan("p", "p", start="2021-01-01", end=t.deadline, goals=[Goal("G", "g", targets=[t])])
    return plan.target(t.id)


@given(amounts, st.sampled_from(list(Comparator)), st.floats(0, 3e6, allow_nan=False))
def test_a_cumulative_sum_never_falls_as_amounts_are_added(
    xs: list[float], comparator: Comparator, value: float
) -> None:
    upper = Q_(value * 1.5, "yuan") if comparator is Comparator.BETWEEN else None
    t = _in_plan(Target("C", FLOW, comparator, Q_(value, "yuan"), "2026-12-31",
                        basis="cumulative", upper=upper))  # fmt: skip
    obs = [Observation("f", Q_(x, "yuan"), 2021 + k) for k, x in enumerate(xs)]
    sums = []
    decided = None
    for k in range(1, len(obs) + 1):
        a = assess(t, obs[:k])
        assert a.observed is not None
        sums.append(float(a.observed.magnitude))
        # Once decided early, a result never changes as amounts are added.
        if decided is not None:
            assert a.status is decided
        elif a.status in {Status.ACHIEVED, Status.NOT_ACHIEVED}:
            decided = a.status
    assert all(b >= a * (1 - 1e-12) for a, b in itertools.pairwise(sums))


SHARE = Indicator("u", "u", unit="percent", measure=Measure.SHARE, direction="decrease")


@given(st.lists(st.floats(0, 20, allow_nan=False), min_size=1, max_size=8),
       st.sampled_from(list(Comparator)), st.floats(0, 20, allow_nan=False))  # fmt: skip
def test_every_year_never_turns_from_failed_to_met(
    rates: list[float], comparator: Comparator, value: float
) -> None:
    upper = Q_(value + 2, "percent") if comparator is Comparator.BETWEEN else None
    t = _in_plan(Target("U", SHARE, comparator, Q_(value, "percent"), "2028-12-31",
                        basis="every_year", upper=upper))  # fmt: skip
    obs = [Observation("u", Q_(r, "percent"), 2021 + k) for k, r in enumerate(rates)]
    failed = False
    for k in range(1, len(obs) + 1):
        a = assess(t, obs[:k])
        if failed:
            assert a.status is Status.NOT_ACHIEVED
            assert a.met is False
        failed = a.status is Status.NOT_ACHIEVED
        assert a.status in {Status.NOT_ACHIEVED, Status.PENDING, Status.ACHIEVED}


LEVELS = Indicator("v", "v", unit="yuan", measure=Measure.FLOW)
RATES = Indicator("v", "v", unit="percent", measure=Measure.GROWTH)


@given(st.lists(st.floats(1.0, 1e6, allow_nan=False), min_size=2, max_size=6), st.data())
def test_average_annual_from_values_equals_the_chain_of_their_rates(
    values: list[float], data: st.DataObject
) -> None:
    # Values for 2020 (the year before the window) to 2020 + k; rates r_i = v_i / v_{i-1} - 1.
    end = 2020 + len(values) - 1 + data.draw(st.integers(0, 2))  # the deadline may be later
    deadline = f"{end}-12-31"
    from_values = _in_plan(Target("A", LEVELS, "at_least", Q_(5, "percent"), deadline,
                                  basis="average_annual"))  # fmt: skip
    from_rates = _in_plan(Target("A", RATES, "at_least", Q_(5, "percent"), deadline,
                                 basis="average_annual"))  # fmt: skip
    levels = [Observation("v", Q_(v, "yuan"), 2020 + k) for k, v in enumerate(values)]
    rates = [
        Observation("v", Q_((b / a - 1) * 100, "percent"), 2021 + k)
        for k, (a, b) in enumerate(itertools.pairwise(values))
    ]
    a, b = assess(from_values, levels), assess(from_rates, rates)
    assert a.observed is not None
    assert b.observed is not None
    assert b.chained
    assert float(a.observed.magnitude) == pytest.approx(float(b.observed.magnitude), rel=1e-7,
                                                        abs=1e-7)  # fmt: skip
    assert a.status is b.status
    if a.required_rate is None:
        assert b.required_rate is None
    else:
        assert b.required_rate is not None
        # Through log1p and exp: a few ulps of a ratio of 6e5 reach the 9th digit.
        assert float(a.required_rate.magnitude) == pytest.approx(
            float(b.required_rate.magnitude), rel=1e-7, abs=1e-7
        )
    # Levels of a GROWTH indicator: the rates are computed from them, and say so.
    c = assess(from_rates, levels)
    assert c.observed is not None
    assert c.computed_growth
    assert float(c.observed.magnitude) == pytest.approx(float(b.observed.magnitude), rel=1e-7,
                                                        abs=1e-7)  # fmt: skip


def _observations_for(plan: Plan) -> list[Observation]:
    obs = []
    for ind in plan.indicators:
        unit = ind.unit
        rng = np.random.default_rng(abs(hash(ind.id)) % 2**32)
        for y in range(plan.start.year - 1, plan.end.year + 1):
            value = float(rng.uniform(1, 100))
            if ind.measure in {Measure.LEVEL, Measure.SHARE}:
                obs.append(Observation(ind.id, Q_(value, unit), f"{y}-12-31"))
            else:
                obs.append(Observation(ind.id, Q_(value, unit), y))
    return obs


@settings(max_examples=30, deadline=None)
@given(plans(max_goals=2, max_targets=2, max_areas=0))
def test_inheriting_the_plan_period_equals_writing_it_on_every_target(plan: Plan) -> None:
    written = Plan(
        plan.id, plan.title, start=plan.start, end=plan.end,
        goals=[
            attrs.evolve(g, targets=[
                t if t.start is not None else attrs.evolve(t, start=plan.start)
                for t in g.targets
            ])
            for g in plan.goals
        ],
    )  # fmt: skip
    obs = _observations_for(plan)
    one, two = assess_many(plan, obs), assess_many(written, obs)
    for a, b in zip(one, two, strict=True):
        assert (a.status, a.met, a.met_so_far, a.failed_years) == (
            b.status, b.met, b.met_so_far, b.failed_years,
        )  # fmt: skip
        assert (a.observed is None) == (b.observed is None)
        if a.observed is not None and b.observed is not None:
            assert float(a.observed.magnitude) == pytest.approx(float(b.observed.magnitude),
                                                                nan_ok=True)  # fmt: skip
    # Every target of the plan covers its period.
    assert all(t.period_start == (t.start or plan.start) for t in plan.targets)


def test_a_report_never_decides_what_can_still_change() -> None:
    # Stocks, shares, rates, averages and changes met before the deadline stay pending.
    for measure, unit in ((Measure.LEVEL, "enterprise"), (Measure.SHARE, "percent"),
                          (Measure.GROWTH, "percent")):  # fmt: skip
        ind = Indicator("x", "x", unit=unit, measure=measure, direction=Direction.INCREASE)
        for basis in (Basis.VALUE, Basis.CHANGE):
            u = "percentage_point" if basis is Basis.CHANGE and unit == "percent" else unit
            t = _in_plan(Target("T", ind, "at_least", Q_(1, u), "2025-12-31", basis=basis))
            when = "2022-12-31" if measure is not Measure.GROWTH else 2022
            obs = [Observation("x", Q_(1, unit), "2020-12-31" if measure is not Measure.GROWTH
                               else 2020), Observation("x", Q_(50, unit), when)]  # fmt: skip
            a = assess(t, obs)
            assert (a.status, a.met_so_far) == (Status.PENDING, True), (measure, basis)
