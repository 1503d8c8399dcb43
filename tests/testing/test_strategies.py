"""The public strategies and assertions of innovplan.testing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis.errors import InvalidArgument

import innovplan.testing as ipt
from innovplan import Q_
from innovplan.model import Indicator, Measure, Observation, Plan, Target


def test_exports_are_sorted_and_complete() -> None:
    assert ipt.__all__ == sorted(ipt.__all__)
    assert all(hasattr(ipt, name) for name in ipt.__all__)


@settings(max_examples=100)
@given(ipt.plans())
def test_plans_are_valid(plan: Plan) -> None:
    ids = [t.id for t in plan.targets]
    assert len(ids) == len(set(ids))
    assert all(t.deadline >= plan.start for t in plan.targets)


@settings(max_examples=100)
@given(ipt.targets(indicators=[Indicator("hte", "hte", unit="enterprise", measure=Measure.LEVEL)]))
def test_targets_use_the_indicators_given(target: Target) -> None:
    assert target.indicator.id == "hte"


@settings(max_examples=100)
@given(ipt.observations(indicators=["a", "b"]))
def test_observations_use_the_ids_given(obs: Observation) -> None:
    assert obs.indicator in {"a", "b"}


@settings(max_examples=100)
@given(ipt.observations(indicators=["a"], dimensions=["sex"]))
def test_observations_draw_codes_of_the_dimensions_given(obs: Observation) -> None:
    assert set(obs.dimensions) <= {"sex"}


@settings(max_examples=200)
@given(ipt.targets(dimensions=["sex", "region"]))
def test_group_targets_are_valid(target: Target) -> None:
    dims = {"sex", "region"}
    assert set(target.group) <= dims
    assert set(target.every) <= dims - set(target.group)
    if target.versus is not None:
        assert set(target.versus) == set(target.group)
        assert target.value.dimensionless


def test_groups_without_dimensions_are_the_total() -> None:
    from hypothesis import find

    assert find(ipt.groups(dimensions=[]), lambda g: True).is_total


@settings(max_examples=100)
@given(ipt.quantities(units=["enterprise"], min_value=0, max_value=10))
def test_quantities_respect_bounds(q: object) -> None:
    assert 0 <= q.magnitude <= 10  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "make",
    [
        lambda: ipt.quantities(units=[]),
        lambda: ipt.quantities(units=["furlongs_of_nothing"]),
        lambda: ipt.quantities(min_value=2, max_value=1),
        lambda: ipt.indicators(units=["widgets"]),
        lambda: ipt.targets(indicators=[]),
        lambda: ipt.observations(indicators=[]),
        lambda: ipt.plans(max_goals=-1),
        lambda: ipt.groups(dimensions=["Sex"]),
        lambda: ipt.groups(dimensions=["sex", "sex"]),
        lambda: ipt.observations(dimensions=["value"]),
        lambda: ipt.targets(dimensions=["1x"]),
        lambda: ipt.plans(dimensions=["a b"]),
    ],
)
def test_bad_arguments_raise_invalid_argument(make: object) -> None:
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


def test_assert_quantity_close_converts_units() -> None:
    ipt.assert_quantity_close(Q_(1450, "亿元"), Q_(1.45e11, "yuan"))
    ipt.assert_quantity_close(Q_(100.5, "yuan"), Q_(100, "yuan"), atol=Q_(1, "yuan"))
    ipt.assert_quantity_close(Q_(100.5, "yuan"), Q_(100, "yuan"), rtol=0.01)
    with pytest.raises(AssertionError, match="is not close"):
        ipt.assert_quantity_close(Q_(101, "yuan"), Q_(100, "yuan"))
    with pytest.raises(AssertionError, match="does not convert"):
        ipt.assert_quantity_close(Q_(1, "enterprise"), Q_(1, "laboratory"))


def test_between_targets_stay_ordered_for_large_integers(monkeypatch):
    # 2**56 + 1 plus a span of 0.5 is 72057594037927936.5 in integers but rounds
    # to the float 2**56, below the value: the range must stay ordered anyway.
    from hypothesis import find
    from hypothesis import strategies as st

    from innovplan import Q_
    from innovplan.model import Comparator
    from innovplan.testing import _strategies, targets

    big = 2**56 + 1
    assert float(big + 0.5) < big  # the rounding this guards against
    monkeypatch.setattr(_strategies, "_COMPARATORS", st.just(Comparator.BETWEEN))
    monkeypatch.setattr(_strategies, "_SPANS", st.just(0.5))
    monkeypatch.setattr(
        _strategies, "_quantities", lambda units, *_a, **_k: st.just(Q_(big, units[0]))
    )
    t = find(targets(), lambda t: True)
    assert t.upper >= t.value
