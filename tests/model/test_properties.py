"""Properties every model object has, on generated plans and observations."""

import pickle

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan.model import Series
from innovplan.testing import observations, plans, targets


@settings(max_examples=150)
@given(plans())
def test_plan_is_hashable_and_equal_after_an_empty_evolve(plan):
    same = attrs.evolve(plan)
    assert same == plan
    assert hash(same) == hash(plan)
    assert len({plan, same}) == 1


@settings(max_examples=150)
@given(targets())
def test_target_is_hashable_equal_after_evolve_and_survives_pickle(target):
    assert attrs.evolve(target) == target
    assert hash(attrs.evolve(target)) == hash(target)
    assert pickle.loads(pickle.dumps(target)) == target


@settings(max_examples=150)
@given(st.lists(observations(indicators=["hte"]), max_size=6, unique_by=lambda o: o.sort_key()))
def test_sorted_series_is_in_time_order_and_latest_keeps_one_per_period(obs):
    s = Series.sorted(obs, indicator="hte")
    keys = [o.sort_key() for o in s]
    assert keys == sorted(keys)
    latest = s.latest()
    assert len({o.period for o in latest}) == len(latest) == len({o.period for o in obs})


@settings(max_examples=100)
@given(plans())
def test_every_target_is_found_by_id_and_belongs_to_one_goal(plan):
    for t in plan.targets:
        assert plan.target(t.id) is t
        assert t in plan.goal_of(t.id).targets
