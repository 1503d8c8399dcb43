"""A table report's plan columns, read from the table's arrays, equal its targets' own.

The report of a table shows its rows as one goal, ``"targets"``; its plan
columns are built from the table's arrays without making a Target per row.
They must equal the columns of the Target objects the rows stand for, in a
goal titled as the plan (the object route), column by column.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import innovplan
from innovplan.errors import InnovplanError
from innovplan.evaluate._report import _plan_columns

from .test_same_results import AS_OF, EXAMPLES, _tables, plans_with_evidence

PLAN_COLUMNS = ("target", "goal", "goal_title", "tasks", "indicator", "indicator_name",
                "measure", "direction", "comparator", "value", "upper", "unit", "basis",
                "deadline", "nature", "weight", "wording")  # fmt: skip


def _equal(got: np.ndarray, want: np.ndarray) -> bool:
    if got.dtype.kind == "f":
        return got.shape == want.shape and bool(np.array_equal(got, want, equal_nan=True))
    return got.dtype == want.dtype and got.tolist() == want.tolist()


def _check(report: innovplan.evaluate.PlanReport) -> None:
    by_rows = report._with_goal()  # the Target objects, in their one goal
    for lang in ("en", "zh"):
        want = _plan_columns(by_rows.plan, lang)
        got = report.columns_in(lang)
        for name in PLAN_COLUMNS:
            assert _equal(got[name], np.asarray(want[name]())), (lang, name)


# Generated values reach 1e307; the kernels' overflow on them is not what this
# property is about (the plan columns do not read them).
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@EXAMPLES
@given(plans_with_evidence(), AS_OF)
def test_table_report_plan_columns_equal_its_targets_columns(case, as_of):
    plan, obs = case
    target_tables, observation_tables = _tables(list(plan.targets), obs)
    targets, observations = target_tables["numpy"], observation_tables["numpy"]
    try:
        report = innovplan.evaluate(targets, observations, as_of=as_of)
    except InnovplanError:
        return  # the object route refuses the same inputs (test_same_results)
    _check(report)


def test_units_by_any_name_and_bounds_read_as_their_targets() -> None:
    # "enterprises" is written as pint writes the unit ("enterprise"); an
    # upper bound and a weight come through; the deadline year is its last day.
    targets = {
        "id": ["A", "B", "C"],
        "indicator": ["firms", "firms", "spend"],
        "comparator": ["at_least", "between", "at_most"],
        "value": [10.0, 5.0, 2.5],
        "upper": [np.nan, 8.0, np.nan],
        "unit": ["enterprises", "enterprise", "hundred_million_yuan"],
        "deadline": [2025, 2026, 2025],
        "measure": ["level", "level", "flow"],
        "weight": [1.0, 2.0, 0.5],
    }
    observations = {
        "indicator": ["firms", "spend"],
        "period": [2023, 2023],
        "value": [9.0, 2.0],
        "unit": ["enterprise", "hundred_million_yuan"],
    }
    report = innovplan.evaluate(targets, observations, as_of="2024-06-30")
    cols = report.columns
    assert cols["unit"].tolist() == ["enterprise", "enterprise", "hundred_million_yuan"]
    assert np.array_equal(cols["upper"], [np.nan, 8.0, np.nan], equal_nan=True)
    assert cols["weight"].tolist() == [1.0, 2.0, 0.5]
    assert [str(d) for d in cols["deadline"]] == ["2025-12-31", "2026-12-31", "2025-12-31"]
    assert cols["goal"].tolist() == ["targets"] * 3
    _check(report)
    assert report.to_frame().loc["B", "comparator"] == "between"


def test_an_empty_table_has_empty_plan_columns() -> None:
    empty = {k: np.array([], dtype=object) for k in ("id", "indicator", "comparator", "unit",
                                                    "measure")}  # fmt: skip
    empty |= {"value": np.array([], dtype=float), "deadline": np.array([], dtype=int)}
    obs = {"indicator": np.array([], dtype=object), "period": np.array([], dtype=int),
           "value": np.array([], dtype=float), "unit": np.array([], dtype=object)}  # fmt: skip
    report = innovplan.evaluate(empty, obs)
    assert all(len(report.columns[name]) == 0 for name in PLAN_COLUMNS)
