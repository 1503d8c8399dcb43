"""Helpers for testing code that uses innovplan: Hypothesis strategies and assertions.

Needs ``hypothesis`` (a test dependency, not a dependency of innovplan).

Example:
    >>> from hypothesis import given
    >>> from innovplan.testing import plans
    >>> @given(plans(max_goals=1))
    ... def test_targets_are_found(plan):
    ...     assert all(plan.target(t.id) is t for t in plan.targets)
    >>> test_targets_are_found()
"""

from innovplan.testing._assertions import assert_quantity_close
from innovplan.testing._strategies import (
    evidence,
    groups,
    indicators,
    observations,
    plans,
    quantities,
    targets,
)
from innovplan.testing._units import READ_BACK_UNITS

__all__ = [
    "READ_BACK_UNITS",
    "assert_quantity_close",
    "evidence",
    "groups",
    "indicators",
    "observations",
    "plans",
    "quantities",
    "targets",
]
