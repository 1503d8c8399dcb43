"""Shared pieces of the unit tests."""

from __future__ import annotations

import json
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


@pytest.fixture(scope="session")  # a pure builder: hypothesis tests may take it
def one_target_plan() -> Callable[..., str]:
    """JSON text of a plan with one indicator in *unit* and one target "at most 5 <unit> by 2025"."""

    def build(unit: str, *, indicator: str = "x") -> str:
        target = {
            "id": "T1",
            "indicator": indicator,
            "comparator": "at_most",
            "value": {"value": 5, "unit": unit},
            "deadline": "2025-12-31",
        }
        return json.dumps(
            {
                "format_version": "1.0",
                "id": "p",
                "title": "P",
                "start": "2023-01-01",
                "end": "2025-12-31",
                "indicators": [
                    {"id": indicator, "name": indicator.upper(), "unit": unit, "measure": "level"}
                ],
                "goals": [{"id": "G1", "title": "G", "targets": [target]}],
            }
        )

    return build
