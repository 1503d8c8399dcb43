"""Frames built from a result's codes: the same frames as from its values, and the caller's own."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

from innovplan import Q_, datasets
from innovplan.evaluate import assess_many, progress_many
from innovplan.faces import _frame
from innovplan.model import Indicator, Observation, Target
from innovplan.units import registry

GDP = Indicator("gdp", "GDP", unit="hundred_million_yuan", measure="flow")
SHARE = Indicator("rd", "R&D intensity", unit="percent", measure="share")


def already_met() -> Any:
    """Two targets met by 2022's value: a flow's (read on track) and a stock's (achieved)."""
    labs = Indicator("labs", "labs approved", unit="laboratory", measure="flow")
    firms = Indicator("firms", "enterprises", unit="enterprise", measure="level")
    targets = [
        Target("F", labs, "at_least", Q_(10, "laboratory"), "2025-12-31"),
        Target("S", firms, "at_least", Q_(100, "enterprise"), "2025-12-31"),
    ]
    obs = [Observation("labs", Q_(v, "laboratory"), y) for y, v in [(2021, 12), (2022, 13)]]
    obs += [Observation("firms", Q_(v, "enterprise"), y) for y, v in [(2021, 110), (2022, 120)]]
    return progress_many(targets, obs, as_of="2023-06-30")


def grouped() -> Any:
    """Every-region targets and a parity target of a yuan indicator (its ratio in percent)."""
    every = Target("P", GDP, "at_least", Q_(100, "亿元"), "2023-12-31", every="region")
    parity = Target("R", GDP, "at_least", Q_(97, "percent"), "2023-12-31",
                    group={"region": "42"}, versus={"region": "43"})  # fmt: skip
    obs = [
        Observation("gdp", Q_(v, "亿元"), 2023, dimensions={"region": r})
        for r, v in [("42", 120), ("43", 90)]
    ]
    return assess_many([every, parity], obs)


def table() -> Any:
    """A table of targets: a yuan flow, a percent share, a yuan flow's percent change."""
    targets = {
        "id": np.array(["A", "B", "C"], dtype=object),
        "indicator": np.array(["gdp", "rd", "gdp"], dtype=object),
        "comparator": np.array(["at_least"] * 3, dtype=object),
        "value": np.array([100.0, 2.5, 5.0]),
        "unit": np.array(["亿元", "percent", "percent"], dtype=object),
        "deadline": np.array(["2023-12-31"] * 3, dtype=object),
        "measure": np.array(["flow", "share", "flow"], dtype=object),
        "basis": np.array(["value", "value", "percent_change"], dtype=object),
        "baseline": np.array([np.nan, np.nan, 110.0]),
        "baseline_unit": np.array([None, None, "亿元"], dtype=object),
        "baseline_period": np.array([None, None, "2022"], dtype=object),
    }
    observations = {
        "indicator": np.array(["gdp", "rd"], dtype=object),
        "period": np.array([2023, 2023]),
        "value": np.array([120.0, 2.4]),
        "unit": np.array(["亿元", "percent"], dtype=object),
    }
    return assess_many(targets, observations)


def results() -> dict[str, Any]:
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    china, china_obs = datasets.china_14th_fyp(), datasets.china_14th_fyp_observations()
    return {
        "wuhan": assess_many(plan, obs),
        "china": assess_many(china, china_obs),
        "grouped": grouped(),
        "table": table(),
        "empty": assess_many([], []),
        "progress": progress_many(plan, obs, as_of="2023-08-06"),
        "progress china": progress_many(china, china_obs, as_of="2023-06-30"),
        "progress met": already_met(),
    }


RESULTS = results()


ASSESSMENTS = [name for name in RESULTS if not name.startswith("progress")]


@pytest.mark.parametrize("name", ASSESSMENTS)
def test_unit_columns_are_the_targets_units(name: str):
    # The unit columns are held as codes into the indicators' units; they must
    # read what TargetColumns says row by row, on every way columns are built.
    # A row the rows show in its indicator's own unit (a dimensionless indicator,
    # which the engine holds in percent) reads that unit in the columns too.
    res = RESULTS[name]
    ureg = registry()
    gap_units, observed_units = res.columns["gap_unit"], res.columns["observed_unit"]
    for i, (gap_unit, basis_unit) in enumerate(
        zip(res.gap_units, res.targets.basis_units, strict=True)
    ):
        row = res[i]
        if row.gap is not None:
            assert ureg.Unit(gap_units[i]) == row.gap.units
        if row.observed is not None:
            assert ureg.Unit(observed_units[i]) == row.observed.units
        if gap_units[i] != gap_unit or observed_units[i] != basis_unit:
            # Only such rows differ from TargetColumns: compared in percent, built from objects.
            assert basis_unit == "percent"
            assert res.targets.targets is not None


def test_unit_columns_by_hand():
    res = RESULTS["table"]
    # A: a flow in the unit the table gives its indicator (亿元); B: a share in
    # percent, its gap in percentage points; C: a flow's percent change, in percent.
    assert res.columns["gap_unit"].tolist() == ["亿元", "percentage_point", "percentage_point"]
    assert res.columns["observed_unit"].tolist() == ["亿元", "percent", "percent"]
    # C: (120 - 110) / 110 = 9.0909 % against 5 %: a gap of 4.0909 percentage points.
    assert res.gap[2] == pytest.approx(100 * 10 / 110 - 5)
    grouped_res = RESULTS["grouped"]
    # The parity row R compares 120 / 90 = 133.3 % with 97 %: percent, percentage points.
    row = grouped_res.index("R")
    assert grouped_res.columns["observed_unit"][row] == "percent"
    assert grouped_res.columns["gap_unit"][row] == "percentage_point"
    assert grouped_res.observed[row] == pytest.approx(100 * 120 / 90)


@pytest.mark.parametrize("name", ["progress", "progress china", "progress met"])
def test_progress_statuses_from_codes_are_the_rows_statuses(name: str):
    res = RESULTS[name]
    assert res.columns["status"].tolist() == [s.value for s in res.status.tolist()]


def test_a_flow_met_last_year_reads_on_track_in_frames():
    # 13 laboratories in 2022 meet "at least 10" but 2025's flow is still to come:
    # on track; 120 enterprises in 2022 already meet a stock's 100: achieved.
    df = RESULTS["progress met"].to_frame()
    assert df["status"].tolist() == ["on_track", "achieved"]


def test_codes_read_as_the_column():
    cols = RESULTS["wuhan"].columns
    for name in ("status", "met", "gap_unit", "observed_unit"):
        codes, values = cols.codes(name)
        blank = "" if name == "status" else None
        want = [blank if k < 0 else values[k] for k in codes.tolist()]
        assert cols[name].tolist() == want, name
    assert cols.codes("attainment") is None
    assert cols.codes("target") is None


BUILDERS = {
    "pandas": _frame._pandas_frame,
    "polars": _frame._polars_frame,
    "pyarrow": _frame._arrow_table,
}


@pytest.mark.parametrize("backend", list(BUILDERS))
@pytest.mark.parametrize("name", list(RESULTS))
def test_frames_from_codes_equal_frames_from_values(name: str, backend: str):
    # A plain dict has no codes: the frame is built from the values, cell by cell.
    res = RESULTS[name]
    fast = res.to_frame(backend=backend)
    slow = BUILDERS[backend](dict(res.columns))
    if backend == "pandas":
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    elif backend == "polars":
        assert fast.schema == slow.schema
        assert fast.equals(slow, null_equal=True)
    else:
        assert fast.schema == slow.schema
        assert pl.from_arrow(fast).equals(pl.from_arrow(slow), null_equal=True)


def test_a_pandas_frame_is_the_callers_to_change():
    res = RESULTS["wuhan"]
    before = res.attainment.copy()
    df = res.to_frame()
    df.loc["T10", "attainment"] = -1.0
    df["score"] += 1
    df.loc["T10", "status"] = "not_achieved"
    df.loc["T10", "met"] = False
    # The result's columns, and a second frame, are as they were.
    np.testing.assert_array_equal(res.attainment, before)
    again = res.to_frame()
    assert again.loc["T10", "status"] == "achieved"
    assert bool(again.loc["T10", "met"])
    assert again.loc["T10", "attainment"] == pytest.approx(before[res.index("T10")])
