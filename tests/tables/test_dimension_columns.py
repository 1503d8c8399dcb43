"""Observation tables with ``dim:NAME`` columns: group targets read them as they read objects."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import innovplan
from innovplan import Q_
from innovplan.errors import InnovplanError, ModelError
from innovplan.model import Indicator, Observation, Period, Status, Target
from innovplan.testing import indicators, observations, targets

from ._convert import observations_table
from .test_same_results import (
    AS_OF,
    ASSESSMENT_COLUMNS,
    EXAMPLES,
    _backends,
    _cell_exact,
    _float_exact,
    _plain,
    _same,
    _tableable,
    _tableable_obs,
)

RATE = Indicator("rate", "enrolment rate", unit="percent", measure="share")


def _provinces():
    # Four provinces and the total, 2023; province B below the 60 % floor.
    return {
        "indicator": ["rate"] * 5,
        "period": [2023] * 5,
        "value": [70.0, 55.0, 65.0, 80.0, 67.5],
        "unit": ["percent"] * 5,
        "dim:region": ["A", "B", "C", "D", ""],
    }


def test_every_province_from_a_table_with_one_failing():
    every = Target("E", RATE, "at_least", Q_(60, "percent"), "2023-12-31", every="region")
    res = innovplan.assess_many([every], _provinces())
    # One row per province; the empty cell is the total, which is no province's row.
    assert res.dimension("region").tolist() == ["A", "B", "C", "D"]
    # Hand check against the 60 % floor: A 70 met, B 55 not, C 65 met, D 80 met.
    assert res.status.tolist() == [
        Status.ACHIEVED,
        Status.NOT_ACHIEVED,
        Status.ACHIEVED,
        Status.ACHIEVED,
    ]
    # Attainment of "at least 60": observed / target = 70/60, 55/60, 65/60, 80/60.
    assert np.allclose(res.attainment, [70 / 60, 55 / 60, 65 / 60, 80 / 60], rtol=1e-12)
    (summary,) = res.group_summaries()
    assert "3 of 4 groups met" in str(summary)
    assert "region=B" in str(summary)


def test_total_and_one_province_read_their_own_rows():
    total = Target("T", RATE, "at_least", Q_(68, "percent"), "2023-12-31")
    prov_c = Target("C", RATE, "at_least", Q_(60, "percent"), "2023-12-31", group={"region": "C"})
    res = innovplan.assess_many([total, prov_c], _provinces())
    # The total row (67.5) misses 68; province C (65) meets 60.
    assert res.observed.tolist() == [67.5, 65.0]
    assert res.status.tolist() == [Status.NOT_ACHIEVED, Status.ACHIEVED]


def test_a_table_of_targets_reads_the_total_rows_only():
    targets = {
        "id": ["T"],
        "indicator": ["rate"],
        "comparator": ["at_least"],
        "value": [68.0],
        "unit": ["percent"],
        "deadline": [2023],
        "measure": ["share"],
    }
    res = innovplan.assess_many(targets, _provinces())
    # Only the total, 67.5, is the indicator's series; the provinces are series of their own.
    assert res.observed.tolist() == [67.5]
    assert res.status.tolist() == [Status.NOT_ACHIEVED]


@pytest.mark.parametrize(("column", "cell"), [("group", "sex=F"), ("every", "region"),
                                             ("versus", "sex=M")])  # fmt: skip
def test_a_table_of_targets_refuses_groups(column, cell):
    targets = {
        "id": ["T", "U"],
        "indicator": ["rate"] * 2,
        "comparator": ["at_least"] * 2,
        "value": [68.0] * 2,
        "unit": ["percent"] * 2,
        "deadline": [2023] * 2,
        "measure": ["share"] * 2,
        column: [None, cell],
    }
    with pytest.raises(ModelError, match=rf"targets table row 1\.{column}: a table of targets"):
        innovplan.assess_many(targets, _provinces())


def test_sdmx_total_code_is_the_total():
    table = {**_provinces(), "dim:region": ["A", "B", "C", "D", "_T"]}
    total = Target("T", RATE, "at_least", Q_(60, "percent"), "2023-12-31")
    assert innovplan.assess_many([total], table).observed.tolist() == [67.5]


def test_parity_from_a_table():
    gpi = Target(
        "P", RATE, "at_least", Q_(0.97, "dimensionless"), "2023-12-31",
        group={"sex": "F"}, versus={"sex": "M"},
    )  # fmt: skip
    table = {
        "indicator": ["rate"] * 2,
        "period": [2023] * 2,
        "value": [96.0, 98.0],
        "unit": ["percent"] * 2,
        "dim:sex": ["F: Female", "M: Male"],
    }
    res = innovplan.assess_many([gpi], table)
    # GPI = 96 / 98 = 0.97959 >= 0.97, held as a percentage: 97.959 %.
    assert res.observed[0] == pytest.approx(9600 / 98, rel=1e-12)
    assert res.status.tolist() == [Status.ACHIEVED]


def test_bad_code_names_column_and_row():
    table = {**_provinces(), "dim:region": ["A", "B", "C d", "D", ""]}
    every = Target("E", RATE, "at_least", Q_(60, "percent"), "2023-12-31", every="region")
    with pytest.raises(ModelError, match=r"observations table row 2\.dim:region: a code is"):
        innovplan.assess_many([every], table)


def test_unknown_dimension_name_names_the_column():
    table = {**_provinces(), "dim:Region": ["A", "B", "C", "D", ""]}
    del table["dim:region"]
    every = Target("E", RATE, "at_least", Q_(60, "percent"), "2023-12-31", every="region")
    with pytest.raises(ModelError, match=r"column 'dim:Region'.*'Region' would be 'region'"):
        innovplan.assess_many([every], table)


def test_reserved_dimension_name_is_refused():
    table = {**_provinces(), "dim:unit": ["A", "B", "C", "D", ""]}
    with pytest.raises(ModelError, match=r"column 'dim:unit'.*reserved"):
        innovplan.assess_many(
            [Target("T", RATE, "at_least", Q_(1, "percent"), "2023-12-31")], table
        )


DIMS = ("sex", "region")


@st.composite
def grouped_batches(draw):
    pool = draw(st.lists(indicators(), min_size=1, max_size=2, unique_by=lambda i: i.id))
    pool = [_plain(i) for i in pool]
    ts = draw(st.lists(targets(indicators=pool, dimensions=DIMS), max_size=4))
    ts = [_tableable(t) for t in ts]
    assume(all(_float_exact(t) for t in ts))
    obs = draw(st.lists(observations(indicators=pool, dimensions=DIMS), max_size=10))
    assume(all(_cell_exact(o.value) for o in obs))
    return ts, [_tableable_obs(o) for o in obs]


def _years_before(day, years):
    # 29 February has no twin in most years: the 28th stands in.
    return dt.date(day.year - years, day.month, min(day.day, 28) if day.month == 2 else day.day)


def _series_of(draw, t):
    """Groups a target reads: its own, and for every / versus some groups under them."""
    out = [dict(t.group)]
    if t.versus is not None:
        out.append(dict(t.versus))
    for base in list(out):
        for _ in range(draw(st.integers(0, 3)) if t.every else 0):
            codes = {d: draw(st.sampled_from(["A", "B", "C: Cee"])) for d in t.every}
            out.append({**base, **codes})
    return out


@st.composite
def joined_batches(draw):
    """Targets of groups with observations of the very series they read, and some others."""
    ts, others = draw(grouped_batches())
    obs = list(others)
    for t in ts:
        unit = str(t.indicator.pint_unit)
        for group in _series_of(draw, t):
            for back in draw(st.sets(st.integers(0, 2), min_size=1, max_size=3)):
                # The year up to the deadline, or one or two before it; or the deadline's day.
                end = _years_before(t.deadline, back)
                begin = _years_before(end, 1) + dt.timedelta(days=1)
                period = draw(st.sampled_from([Period(begin, end), Period(end, end)]))
                value = draw(st.floats(0.5, 1000, allow_nan=False))
                obs.append(Observation(t.indicator.id, Q_(value, unit), period, dimensions=group))
    return ts, obs


def _run(ts, obs, as_of):
    try:
        return innovplan.assess_many(ts, obs, as_of=as_of)
    except InnovplanError as exc:
        return type(exc)


@EXAMPLES
@given(st.one_of(grouped_batches(), joined_batches()), AS_OF)
def test_group_targets_over_a_table_equal_objects(batch, as_of):
    ts, obs = batch
    want = _run(ts, obs, as_of)
    for name, table in _backends(observations_table(obs)).items():
        got = _run(ts, table, as_of)
        if isinstance(want, type):
            assert got is want, name
            continue
        assert not isinstance(got, type), (name, got)
        assert [str(g) for g in got.groups] == [str(g) for g in want.groups], name
        for col in ASSESSMENT_COLUMNS:
            assert _same(getattr(got, col), getattr(want, col)), (name, col)
        for a, b in zip(got, want, strict=True):
            assert a.observation == b.observation, name
            if a.observation is not None:
                assert a.observation.dimensions == b.observation.dimensions, name


def test_rows_made_from_the_table_keep_their_dimensions():
    obs = [
        Observation("rate", Q_(v, "percent"), 2023, dimensions={"region": r} if r else None)
        for v, r in zip(_provinces()["value"], _provinces()["dim:region"], strict=True)
    ]
    every = Target("E", RATE, "at_least", Q_(60, "percent"), "2023-12-31", every="region")
    a = innovplan.assess_many([every], obs)
    b = innovplan.assess_many([every], _provinces())
    # The observation behind each province's row is the same object either way.
    assert [x.observation for x in a] == [x.observation for x in b]
    assert [x.observation.dimensions["region"] for x in b] == ["A", "B", "C", "D"]


def test_forecasts_and_progress_from_a_table_equal_objects():
    from innovplan.evaluate import progress_many

    every = Target("E", RATE, "at_least", Q_(60, "percent"), "2025-12-31", every="region")
    table = {
        "indicator": ["rate"] * 10,
        "period": [2022] * 5 + [2023] * 5,
        "value": [70.0, 55.0, 65.0, 80.0, 68.0, 72.0, 57.0, 66.0, 82.0, 69.0],
        "unit": ["percent"] * 10,
        "dim:region": ["A", "B", "C", "D", ""] * 2,
    }
    obs = [
        Observation("rate", Q_(v, "percent"), p, dimensions={"region": g} if g else None)
        for v, p, g in zip(table["value"], table["period"], table["dim:region"], strict=True)
    ]
    for func in (innovplan.forecast_many, progress_many):
        got = func([every], table, as_of="2024-06-30").columns
        want = func([every], obs, as_of="2024-06-30").columns
        assert list(got) == list(want)
        assert got["region"].tolist() == ["A", "B", "C", "D"]
        for name in want:
            assert _same(got[name], want[name]), (func.__name__, name)
