"""Every bad cell of a table is refused with the table, row, column and what is valid."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import innovplan
from innovplan.errors import EvaluationError, InnovplanError, ModelError, UnitMismatchError


def targets(**change):
    table = {
        "id": ["T1", "T2"],
        "indicator": ["labs", "labs"],
        "comparator": ["at_least", "AT_MOST"],
        "value": [10.0, 12.0],
        "unit": ["laboratory", "laboratory"],
        "deadline": ["2023-12-31", "2023-12-31"],
        "measure": ["flow", "flow"],
    }
    table.update(change)
    return table


OBS = {"indicator": ["labs"], "period": [2023], "value": [11.0], "unit": ["laboratory"]}


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"comparator": ["at_least", "at most"]},
         r"targets table row 1\.comparator: 'at most' is not a Comparator; expected one of at_least"),
        ({"measure": ["flow", "stock"]}, r"row 1\.measure: 'stock' is not a Measure"),
        ({"basis": ["value", "total"]}, r"row 1\.basis: 'total' is not a Basis"),
        ({"value": [10.0, None]}, r"row 1\.value: a number is required here"),
        ({"value": [10.0, "12"]}, r"row 1\.value: expected a number \(int or float\), got '12'"),
        ({"value": [10.0, np.inf]}, r"row 1\.value: expected a finite number, got inf"),
        ({"deadline": ["2023-12-31", "31/12/2023"]},
         r"row 1\.deadline: '31/12/2023': expected a date \('2023-12-31'"),
        ({"deadline": [2023, 2023.5]}, r"row 1\.deadline: expected a date or a whole-number year"),
        ({"id": ["T1", "T 2"]}, r"row 1\.id: an id is letters, digits"),
        ({"id": ["T1", None]}, r"row 1\.id: text is required here"),
        ({"indicator": ["labs", 7]}, r"row 1\.indicator: expected text, got 7"),
        ({"unit": ["laboratory", "laboratoryy"]}, r"row 1\.unit: unit 'laboratoryy'"),
        ({"unit": ["laboratory", "yuan"]}, r"row 1\.indicator: .*defined twice|row 1, column 'value'"),
        ({"value": [10.0, -1.0]}, r"row 1\.value: a count cannot be negative, got -1\.0 laboratory"),
        ({"upper": [np.nan, 14.0]}, r"row 1\.upper: only BETWEEN has an upper value, not AT_MOST"),
        ({"comparator": ["at_least", "between"]}, r"row 1\.upper: BETWEEN needs two values"),
        ({"comparator": ["at_least", "between"], "upper": [np.nan, 11.0]},
         r"row 1\.upper: upper 11\.0 is below value 12\.0"),
        ({"start": ["2023-01-01", "2024-01-01"]}, r"row 1\.start: the target's period starts"),
        ({"measure": ["level", "level"], "basis": ["value", "cumulative"]},
         r"row 1\.basis: a cumulative target sums a flow"),
        ({"direction": ["increase", "decrease"]},
         r"row 1\.direction: indicator 'labs' is defined twice, differently: 'decrease' here"),
        ({"tolerance": [np.nan, -0.1]}, r"row 1\.tolerance: a tolerance is ≥ 0, got -0\.1"),
        ({"tolerance": [np.nan, 0.1], "tolerance_abs": [np.nan, 1.0]},
         r"row 1\.tolerance: give exactly one of tolerance \(relative\) and tolerance_abs"),
        ({"weight": [1.0, -2.0]}, r"row 1\.weight: a weight is a finite number ≥ 0, got -2\.0"),
        ({"baseline": [np.nan, 3.0]}, r"targets table: needs the column\(s\) baseline_period"),
        ({"baseline": [np.nan, 3.0], "baseline_period": [None, "2022-X"]},
         r"row 1\.baseline_period: '2022-X': cannot read a period"),
        ({"only_grows": [False, "yes"]}, r"row 1\.only_grows: expected True or False, got 'yes'"),
    ],
)  # fmt: skip
def test_a_bad_target_cell_names_row_and_column(change, match):
    with pytest.raises(InnovplanError, match=match):
        innovplan.assess_many(targets(**change), OBS)


def test_a_missing_column_is_named_with_those_given():
    table = targets()
    del table["unit"]
    # No unit column: plain numbers are refused, never read in a guessed unit.
    with pytest.raises(ModelError, match=r"targets table: needs the column\(s\) unit; it has"):
        innovplan.assess_many(table, OBS)


def test_a_unit_of_another_dimension_is_refused_with_the_row():
    with pytest.raises(UnitMismatchError, match=r"targets table row 0, column 'value'"):
        innovplan.assess_many(targets(unit=["yuan", "yuan"], indicator_unit=["m**2"] * 2), OBS)
    obs = {**OBS, "unit": ["yuan"]}
    with pytest.raises(UnitMismatchError, match=r"observations table row 0, column 'unit'"):
        innovplan.assess_many(targets(), obs)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"period": ["2023-H3"]}, r"observations table row 0\.period: '2023-H3': cannot read"),
        ({"value": [None]}, r"observations table row 0\.value: a number is required"),
        ({"bound": ["above"]}, r"observations table row 0\.bound: 'above' is not a Bound"),
        ({"released": ["soon"]}, r"observations table row 0\.released: 'soon': expected a date"),
        ({"value": [-3.0]}, r"observations table row 0\.value: a count cannot be negative"),
    ],
)
def test_a_bad_observation_cell_names_row_and_column(change, match):
    with pytest.raises(InnovplanError, match=match):
        innovplan.assess_many(targets(), {**OBS, **change})


def test_two_figures_for_one_period_and_release_are_refused():
    obs = {"indicator": ["labs", "labs"], "period": [2023, 2023], "value": [11.0, 12.0],
           "unit": ["laboratory"] * 2}  # fmt: skip
    with pytest.raises(EvaluationError, match=r"observations table rows 0 and 1 give different"):
        innovplan.assess_many(targets(), obs)
    # Exact copies are one figure: 11 >= 10 is met, 11 <= 12 is met.
    copies = {**obs, "value": [11.0, 11.0]}
    assert innovplan.assess_many(targets(), copies).met.tolist() == [True, True]


def test_evaluate_refuses_one_id_twice():
    with pytest.raises(ModelError, match=r"row 1\.id: 'T1' is the id of row 0 too"):
        innovplan.evaluate(targets(id=["T1", "T1"]), OBS)


def test_enum_names_in_any_case_and_years_as_deadlines():
    table = targets(comparator=["At_Least", "AT_MOST"], deadline=[2023, 2023],
                    measure=["FLOW", "Flow"])  # fmt: skip
    res = innovplan.assess_many(table, OBS)
    # 11 laboratories in 2023: >= 10 met, <= 12 met.
    assert res.met.tolist() == [True, True]
    assert [t.deadline.isoformat() for t in res.targets.targets] == ["2023-12-31"] * 2


def test_a_mapping_of_arrays_imports_no_dataframe_library():
    code = (
        "import sys, innovplan\n"
        "innovplan.assess_many({'id': ['T1'], 'indicator': ['labs'], 'comparator': ['at_least'],"
        " 'value': [10.0], 'unit': ['laboratory'], 'deadline': ['2023-12-31'],"
        " 'measure': ['flow']}, {'indicator': ['labs'], 'period': [2023], 'value': [11.0],"
        " 'unit': ['laboratory']})\n"
        "print(sorted(m for m in ('narwhals', 'pandas', 'polars', 'pyarrow') if m in sys.modules))"
    )
    done = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_year_to_date_from_a_table_borrows_other_flows_shares():
    # Indicator "sales" has 2023-H1 = 60 and no past H1 of its own; flows "a" and "b" in
    # the same table have H1 shares 40/100, 90/200, 21/50 = 0.40, 0.45, 0.42 (their
    # indicators measure no target). The point is 60 / geometric mean of the shares.
    targets = {"id": ["T"], "indicator": ["sales"], "comparator": ["more_than"],
               "value": [100.0], "unit": ["item"], "deadline": ["2023-12-31"],
               "measure": ["flow"]}  # fmt: skip
    obs = {
        "indicator": ["sales"] * 4 + ["a"] * 4 + ["b"] * 2,
        "period": ["2020", "2021", "2022", "2023-H1", "2021", "2021-H1", "2022", "2022-H1",
                   "2022", "2022-H1"],
        "value": [90.0, 100.0, 110.0, 60.0, 100.0, 40.0, 200.0, 90.0, 50.0, 21.0],
        "unit": ["item"] * 10,
    }  # fmt: skip
    want = 60.0 / (0.40 * 0.45 * 0.42) ** (1 / 3)
    fc = innovplan.forecast_many(targets, obs)
    assert fc.methods == ("ytd",)
    assert float(fc.point[0]) == pytest.approx(want)
    report = innovplan.evaluate(targets, obs)
    assert float(report.forecasts.point[0]) == pytest.approx(want)
