"""The report's text columns, written by column, say what its rows say.

``PlanReport.columns_in`` writes ``pace`` (from ``Forecasts.columns``) and
``status_why`` for every row at once. The reference is what the rows say,
one row at a time: ``Forecast.pace`` of each row (the same sentences written
from the row's own quantities, a batch of one), its ``needed`` and
``needed_in``, ``report.disagreements[i]`` and the evidence of
``report.assessments.observation_of(i)``. Each
report is evaluated twice, so that the column and the reference share no
cache. The shipped plans are read at several dates, in English and Chinese,
with both status rules, from model objects and from tables; generated plans
cover the other kinds of targets. A few rows are also pinned to their text,
checked by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given

import innovplan
from innovplan import datasets, evaluate
from innovplan.errors import InnovplanError
from innovplan.units import (
    format_magnitude,
    format_magnitudes,
    format_percent,
    format_percents,
    registry,
    split_magnitudes,
    split_quantity,
)

from ._convert import observations_table, targets_table
from .test_same_results import AS_OF, EXAMPLES, plans_with_evidence

WUHAN_DATES = (None, "2023-01-29", "2023-08-06", "2024-04-30")
CHINA_DATES = (None, "2022-03-01", "2023-06-30", "2024-03-01", "2025-03-01")
CASES = [("wuhan", d) for d in WUHAN_DATES] + [("china", d) for d in CHINA_DATES]
SHIPPED = {
    "wuhan": (datasets.wuhan_2023, datasets.wuhan_2023_observations),
    "china": (datasets.china_14th_fyp, datasets.china_14th_fyp_observations),
}


def _row_by_row(report: innovplan.evaluate.PlanReport) -> dict[str, list[object]]:
    """The text columns as the rows write them, one row at a time."""
    fcs, prog = report.forecasts, report.progress
    assert fcs is not None
    assert prog is not None
    n = len(fcs)
    shown = set(report.open_rows())
    rows = list(fcs)
    pace = [f.pace() for f in rows]
    assert report.disagreements is not None
    evidence = [report.assessments.observation_of(i) for i in range(n)]
    sources = [o.source if o is not None else None for o in evidence]
    return {
        "source": [s.title if s is not None else "" for s in sources],
        "source_url": [s.url if s is not None else "" for s in sources],
        "released": [o.released if o is not None else None for o in evidence],
        "forecast_pace": pace,
        "pace": [pace[i] if i in shown else "" for i in range(n)],
        "status_why": [report.disagreements[i] or "" for i in range(n)],
        "needed": [np.nan if f.needed is None else float(f.needed.magnitude) for f in rows],
        "needed_unit": ["" if f.needed is None else str(f.needed.units) for f in rows],
        "needed_in": [f.needed_in for f in rows],
        "forecast_method": [rows[i].method if i in shown else "" for i in range(n)],
        "trajectory_method": [prog[i].method for i in range(n)],
        "trajectory_status": [prog[i].status.value for i in range(n)],
    }


def _check(make) -> None:
    """Columns of one report against the rows of a twin report."""
    try:
        reference = _row_by_row(make())
    except InnovplanError:
        return  # inputs the evaluation refuses have no columns either
    report = make()
    assert report.forecasts is not None
    own = report.forecasts.columns
    for name in ("needed_unit", "needed_in"):
        assert own[name].tolist() == reference[name], name
    assert np.array_equal(own["needed"], reference["needed"], equal_nan=True)
    assert own["pace"].tolist() == reference["forecast_pace"]
    for lang in ("en", "zh"):
        cols = report.columns_in(lang)
        for name in ("pace", "status_why", "forecast_method", "trajectory_method"):
            assert cols[name].dtype == object, (lang, name)
            assert cols[name].tolist() == reference[name], (lang, name)
        assert cols["trajectory_status"].tolist() == reference["trajectory_status"], lang
        for name in ("source", "source_url"):
            assert cols[name].tolist() == reference[name], (lang, name)
        released = np.array(reference["released"], dtype="datetime64[D]")
        assert np.array_equal(cols["released"], released, equal_nan=True), lang


@pytest.mark.parametrize("rule", ["probability", "progress"])
@pytest.mark.parametrize(("plan", "as_of"), CASES)
def test_shipped_plans_columns_equal_their_rows(plan, as_of, rule):
    make_plan, make_obs = SHIPPED[plan]
    p, obs = make_plan(), make_obs()
    _check(lambda: evaluate(p, obs, as_of=as_of, status_rule=rule))


@pytest.mark.parametrize(("plan", "as_of"), CASES)
def test_shipped_plans_as_tables_columns_equal_their_rows(plan, as_of):
    make_plan, make_obs = SHIPPED[plan]
    targets = targets_table(make_plan().targets)
    obs = observations_table(make_obs())
    _check(lambda: evaluate(targets, obs, as_of=as_of))


# Generated values reach 1e307; the kernels' overflow on them is not what this
# property is about.
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@EXAMPLES
@given(plans_with_evidence(), AS_OF)
def test_generated_plans_columns_equal_their_rows(case, as_of):
    plan, obs = case
    _check(lambda: evaluate(plan, obs, as_of=as_of))
    _check(lambda: evaluate(targets_table(plan.targets), observations_table(obs), as_of=as_of))


def test_pace_and_why_read_as_checked_by_hand():
    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of="2023-01-29")
    cols = report.columns_in("zh")
    at = report.assessments.index
    # T8: "more than 13,000 high-tech enterprises" in 2023; the latest figure
    # is the published lower bound ">12,000" at the end of 2022, so 2023 must
    # add 13,000 - 12,000 = 1,000.
    assert cols["pace"][at("T8")] == (
        "≥ 12,000 enterprise on 2022-12-31; +1,000 enterprise a year needed in 2023"
    )
    # T10: technology contract turnover above 1,450亿元 in 2023, 1,357.41亿元
    # in 2022: 1,450 - 1,357.41 = 92.59亿元 in the one year left.
    assert cols["pace"][at("T10")] == "1,357.41亿元 in 2022; +92.59亿元 a year needed in 2023"
    # T10's headline is MODERATE while Eurostat grades it ON_TRACK: the line
    # names both, the grade's ratio, and the forecast's probability.
    why = cols["status_why"][at("T10")]
    assert why.startswith("MODERATE, not eurostat's ON_TRACK (ratio ")
    assert "the recent rate of change is enough, but the forecast's interval " in why
    assert why.endswith("亿元 gives P = 0.60 of meeting the target")
    assert cols["status_why"][at("T8")] == ""
    # A decided target has no pace in the report.
    decided = evaluate(
        datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of="2024-04-30"
    ).columns_in("en")
    assert set(decided["pace"].tolist()) == {""}


AWKWARD = [0.0, -0.0, 0.004, 0.005, 1.0, -1.5, 2198.4321, 14500.0, 1e15, -1e20, math.inf,
           -math.inf, math.nan]  # fmt: skip


@pytest.mark.parametrize("unit", ["enterprise", "hundred_million_yuan", "percent", "m**2",
                                  "patent / ten_thousand_person", "dimensionless"])  # fmt: skip
def test_column_formatting_equals_one_value_at_a_time(unit):
    q = registry().Quantity
    assert format_magnitudes(np.array(AWKWARD), unit).tolist() == [
        format_magnitude(m, unit) for m in AWKWARD
    ]
    numbers, suffixes = split_magnitudes(AWKWARD, unit)
    assert list(zip(numbers.tolist(), suffixes.tolist(), strict=True)) == [
        split_quantity(q(m, unit), unit) for m in AWKWARD
    ]
    for sign in (False, True):
        assert format_percents(AWKWARD, sign=sign).tolist() == [
            format_percent(m, sign=sign) for m in AWKWARD
        ]
