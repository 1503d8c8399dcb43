"""Shared pieces of the unit tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

Tables = tuple[dict[str, list[object]], dict[str, list[object]]]


@pytest.fixture
def one_target_tables() -> Callable[..., Tables]:
    """Tables of one target "at most 5 <unit> by 2023" and its 2022 and 2023 figures.

    The 2023 figure is written in *unit*, the target and 2022's in *target_unit*:
    a table door reads the unit column of the observations' second row.
    """

    def build(unit: str, *, target_unit: str, measure: str, values: list[float]) -> Tables:
        targets: dict[str, list[object]] = {
            "id": ["T1"],
            "indicator": ["x"],
            "comparator": ["at_most"],
            "value": [5.0],
            "unit": [target_unit],
            "deadline": ["2023-12-31"],
            "measure": [measure],
        }
        observations: dict[str, list[object]] = {
            "indicator": ["x", "x"],
            "period": [2022, 2023],
            "value": values,
            "unit": [target_unit, unit],
        }
        return targets, observations

    return build
