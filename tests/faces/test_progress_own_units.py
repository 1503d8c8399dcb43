"""Progress rows and frames show a goal and projection in the indicator's own unit.

The engine holds a dimensionless indicator in percent; ``Progresses`` showed
its goal 5.0 as 500 percent in rows and frames alike, while assessments and
forecasts show 5.0. Each case uses one history, worked by hand with ESCAP's
anticipated progress (ESCAP, "Progress Assessment Methodology - Technical
notes", Anticipated Progress Index; the projection is the least-squares line,
exact here as the points lie on one): base x0 = 2.0 in 2020, latest 3.5 in
2023, so the yearly change is (3.5 - 2.0) / 3 = 0.5 and the projection to 2025
is 3.5 + 2 * 0.5 = 4.5; the share of the required change is
(4.5 - 2.0) / (5.0 - 2.0) = 2.5 / 3.
"""

from __future__ import annotations

import pytest

from innovplan import Q_
from innovplan.evaluate import progress_many
from innovplan.model import Indicator, Observation, Target

HISTORY = [(2020, 2.0), (2021, 2.5), (2022, 3.0), (2023, 3.5)]

# (indicator unit, unit the target and observations are written in, unit shown)
CASES = [
    # A ratio that is no share: goal 5.0 and projection 4.5, not 500 and 450 percent.
    ("dimensionless", "dimensionless", "dimensionless"),
    # Observations written in percent of a dimensionless ratio: 200 % = 2.0, …, the same.
    ("dimensionless", "percent", "dimensionless"),
    # A percent indicator stays in percent.
    ("percent", "percent", "percent"),
    # Permille: 2.0 ‰ … 3.5 ‰, goal 5 ‰, projection 4.5 ‰ (not 0.5 and 0.45 percent).
    ("permille", "permille", "permille"),
    # Physicians per 1,000 people: the same numbers in their own unit.
    ("person / thousand_person", "person / thousand_person", "person / thousand_person"),
    # A count is never in percent.
    ("laboratory", "laboratory", "laboratory"),
    # "%" and "‰" are percent and permille, shown by the registry's names.
    ("%", "%", "percent"),
    ("‰", "‰", "permille"),
]


def _progresses(unit, written, scale=1.0):
    ind = Indicator("r", "ratio", unit=unit, measure="level")
    t = Target("T", ind, "at_least", Q_(5.0 * scale, written), "2025-12-31")
    obs = [Observation("r", Q_(v * scale, written), y) for y, v in HISTORY]
    return progress_many([t], obs, method="escap")


@pytest.mark.parametrize(("unit", "written", "shown"), CASES)
@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_progress_frame_shows_the_rows_unit(unit, written, shown, backend):
    # Percent of a dimensionless ratio: 2.0 is written 200 percent.
    scale = 100.0 if (written, unit) == ("percent", "dimensionless") else 1.0
    res = _progresses(unit, written, scale)
    frame = res.to_frame(backend)
    cell = (lambda c: frame.loc["T", c]) if backend == "pandas" else (lambda c: frame[c][0])
    assert cell("unit") == shown
    assert cell("goal") == pytest.approx(5.0)
    assert cell("projected") == pytest.approx(4.5)
    assert cell("ratio") == pytest.approx(2.5 / 3)
    # The row says the same, to the bit.
    row = res[0]
    assert (row.goal.magnitude, str(row.goal.units)) == (cell("goal"), shown)
    assert (row.projected.magnitude, str(row.projected.units)) == (cell("projected"), shown)
    assert res.units == (shown,)
    assert res.goal.tolist() == [cell("goal")]


def test_rows_of_other_units_keep_theirs_beside_a_dimensionless_row():
    ratio = Indicator("r", "ratio", unit="dimensionless", measure="level")
    share = Indicator("s", "share", unit="percent", measure="share")
    targets = [
        Target("A", share, "at_least", Q_(50.0, "percent"), "2025-12-31"),
        Target("B", ratio, "at_least", Q_(5.0, "dimensionless"), "2025-12-31"),
    ]
    # A: 20, 25, 30, 35 % → projection 35 + 2 × 5 = 45 %; B as in the module's note.
    obs = [Observation("s", Q_(10 * v, "percent"), y) for y, v in HISTORY]
    obs += [Observation("r", Q_(v, "dimensionless"), y) for y, v in HISTORY]
    frame = progress_many(targets, obs, method="escap").to_frame()
    assert frame["unit"].tolist() == ["percent", "dimensionless"]
    assert frame["goal"].tolist() == pytest.approx([50.0, 5.0])
    assert frame["projected"].tolist() == pytest.approx([45.0, 4.5])


def test_a_tables_rows_and_frame_show_a_dimensionless_ratio_in_its_unit():
    targets = {
        "id": ["A", "B"],
        "indicator": ["s", "r"],
        "comparator": ["at_least", "at_least"],
        "value": [50.0, 5.0],
        "unit": ["percent", "dimensionless"],
        "deadline": ["2025-12-31", "2025-12-31"],
        "measure": ["share", "level"],
    }
    observations = {
        "indicator": ["s"] * 4 + ["r"] * 4,
        "period": [y for y, _ in HISTORY] * 2,
        "value": [10 * v for _, v in HISTORY] + [v for _, v in HISTORY],
        "unit": ["percent"] * 4 + ["dimensionless"] * 4,
    }
    res = progress_many(targets, observations, method="escap")
    frame = res.to_frame()
    assert frame["unit"].tolist() == ["percent", "dimensionless"]
    assert frame["goal"].tolist() == pytest.approx([50.0, 5.0])
    assert frame["projected"].tolist() == pytest.approx([45.0, 4.5])
    for i in range(2):
        assert res[i].goal.magnitude == frame["goal"].iloc[i]
        assert res[i].projected.magnitude == frame["projected"].iloc[i]


# A parity target: girls' completion rate over boys'. Girls 80, 85, 90, 95 % over
# 2020-2023, boys 100 % each year, so the ratio is 0.80, 0.85, 0.90, 0.95; its
# yearly change (0.95 - 0.80) / 3 = 0.05 projects 0.95 + 2 * 0.05 = 1.05 in 2025.
# The goal, parity 1.0, shows in the unit the target's value was written in.
PARITY_CASES = [
    # (value written, its unit, goal shown, projection shown)
    (1.0, "dimensionless", 1.0, 1.05),
    (100.0, "percent", 100.0, 105.0),
    (1000.0, "permille", 1000.0, 1050.0),
]


@pytest.mark.parametrize(("value", "unit", "goal", "projected"), PARITY_CASES)
@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_a_parity_row_shows_its_targets_unit(value, unit, goal, projected, backend):
    rate = Indicator("rate", "completion rate", unit="percent", measure="share")

    def obs(v, year, sex):
        return Observation("rate", Q_(v, "percent"), f"{year}-12-31", dimensions={"sex": sex})

    history = [obs(80 + 5 * k, 2020 + k, "F") for k in range(4)]
    history += [obs(100, 2020 + k, "M") for k in range(4)]
    t = Target(
        "GPI", rate, "at_least", Q_(value, unit), "2025-12-31",
        group={"sex": "F"}, versus={"sex": "M"},
    )  # fmt: skip
    res = progress_many([t], history, method="escap")
    frame = res.to_frame(backend)
    cell = (lambda c: frame.loc["GPI", c]) if backend == "pandas" else (lambda c: frame[c][0])
    assert cell("unit") == unit
    assert cell("goal") == pytest.approx(goal)
    assert cell("projected") == pytest.approx(projected)
    # (1.05 - 0.80) / (1.0 - 0.80) = 1.25 of the change needed, in any unit.
    assert cell("ratio") == pytest.approx(1.25)
    row = res[0]
    assert (row.goal.magnitude, str(row.goal.units)) == (cell("goal"), unit)
    assert (row.projected.magnitude, str(row.projected.units)) == (cell("projected"), unit)
