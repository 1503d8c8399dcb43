"""Every kind of target × measure × direction, before and at the deadline, by hand.

One plan for 2021-2023 (deadline 2023-12-31); the year before the window, 2020,
is the baseline. "Before" has the evidence up to 2022, "at" up to 2023.

Series (made up for the arithmetic, not published figures):

- LEVEL (year-end stock, enterprise): 2020 100, 2021 110, 2022 121, 2023 133.1
- SHARE (annual, percent):            2020 10,  2021 11,  2022 12,  2023 13
- FLOW (annual total, yuan):          2020 100, 2021 110, 2022 121, 2023 133.1
- GROWTH (yearly rate, percent):      2020 5,   2021 10,  2022 20,  2023 10

Per direction the comparator is: INCREASE "at least T", DECREASE "at most T",
NEAR "about T" with an absolute tolerance. A result reads (status at the
deadline, status before it, "met so far" before it).
"""

from __future__ import annotations

from typing import Any

import pytest

from innovplan import Q_
from innovplan.evaluate import assess
from innovplan.model import (
    Comparator,
    Direction,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Status,
    Target,
    Tolerance,
)

A, N, P, X = Status.ACHIEVED, Status.NOT_ACHIEVED, Status.PENDING, Status.NO_DATA
INC, DEC, NEAR = Direction.INCREASE, Direction.DECREASE, Direction.NEAR
COMPARATOR = {INC: Comparator.AT_LEAST, DEC: Comparator.AT_MOST, NEAR: Comparator.ABOUT}

UNIT = {Measure.LEVEL: "enterprise", Measure.SHARE: "percent", Measure.FLOW: "yuan",
        Measure.GROWTH: "percent"}  # fmt: skip
SERIES = {
    Measure.LEVEL: {2020: 100, 2021: 110, 2022: 121, 2023: 133.1},
    Measure.SHARE: {2020: 10, 2021: 11, 2022: 12, 2023: 13},
    Measure.FLOW: {2020: 100, 2021: 110, 2022: 121, 2023: 133.1},
    Measure.GROWTH: {2020: 5, 2021: 10, 2022: 20, 2023: 10},
}
# The usual pattern when the value is below T before and above it at the deadline:
# at least T is achieved at the end and not met so far; at most T is missed at the
# end and met so far; about T (within the tolerance before, outside at the end).
RISING = {INC: (A, P, False), DEC: (N, P, True), NEAR: (N, P, True)}
# Above T before, below it at the deadline.
FALLING = {INC: (N, P, True), DEC: (A, P, False)}

# (basis, measure, T, tolerance, before, at, outcomes by direction)
CASES: list[tuple[str, Measure, float, float, Any, Any, dict[Direction, Any]]] = [
    # LEVEL. value: 121 then 133.1 against 125 ± 5.
    ("value", Measure.LEVEL, 125, 5, 121, 133.1, RISING),
    # change: 121 - 100 = 21, then 133.1 - 100 = 33.1, against 25 ± 5.
    ("change", Measure.LEVEL, 25, 5, 21, 33.1, RISING),
    # percent change: 121 / 100 - 1 = 21 %, 133.1 / 100 - 1 = 33.1 %, against 25 % ± 5 pp.
    ("percent_change", Measure.LEVEL, 25, 5, 21, 33.1, RISING),
    # average annual: 1.21 ** (1/2) - 1 = 10 %, 1.331 ** (1/3) - 1 = 10 %, against
    # 10.5 % ± 1 pp: below the floor, under the ceiling, inside the band.
    (
        "average_annual",
        Measure.LEVEL,
        10.5,
        1,
        10,
        10,
        {INC: (N, P, False), DEC: (A, P, True), NEAR: (A, P, True)},
    ),
    # SHARE. value: 12 then 13 against 12.4 ± 0.5 (|12 - 12.4| = 0.4, |13 - 12.4| = 0.6).
    ("value", Measure.SHARE, 12.4, 0.5, 12, 13, RISING),
    # change: 12 - 10 = 2 pp, 13 - 10 = 3 pp, against 2.4 ± 0.5 pp.
    ("change", Measure.SHARE, 2.4, 0.5, 2, 3, RISING),
    # percent change: 12 / 10 - 1 = 20 %, 13 / 10 - 1 = 30 %, against 24 % ± 5 pp.
    ("percent_change", Measure.SHARE, 24, 5, 20, 30, RISING),
    # average annual: 1.2 ** (1/2) - 1 = 9.5445 %, 1.3 ** (1/3) - 1 = 9.1393 %, against
    # 9.3 % ± 0.2 pp: |9.5445 - 9.3| = 0.2445 outside, |9.1393 - 9.3| = 0.1607 inside.
    ("average_annual", Measure.SHARE, 9.3, 0.2, 9.5445, 9.1393, {**FALLING, NEAR: (A, P, False)}),
    # FLOW. value: the deadline year alone: nothing before 2023, then 133.1 against 125 ± 5.
    (
        "value",
        Measure.FLOW,
        125,
        5,
        None,
        133.1,
        {INC: (A, X, False), DEC: (N, X, False), NEAR: (N, X, False)},
    ),
    # change, percent change, average annual: whole years, as for the level.
    ("change", Measure.FLOW, 25, 5, 21, 33.1, RISING),
    ("percent_change", Measure.FLOW, 25, 5, 21, 33.1, RISING),
    (
        "average_annual",
        Measure.FLOW,
        10.5,
        1,
        10,
        10,
        {INC: (N, P, False), DEC: (A, P, True), NEAR: (A, P, True)},
    ),
    # cumulative: 110 + 121 = 231 so far, then 231 + 133.1 = 364.1, against 300 ± 40.
    # A running sum is a lower bound: under a ceiling it decides nothing yet; 231 is
    # outside the band [260, 340] so far, and 364.1 ends outside it.
    (
        "cumulative",
        Measure.FLOW,
        300,
        40,
        231,
        364.1,
        {INC: (A, P, False), DEC: (N, P, True), NEAR: (N, P, False)},
    ),
    # GROWTH. value: the latest rate, 20 % (2022) then 10 % (2023), against 15 % ± 3 pp.
    ("value", Measure.GROWTH, 15, 3, 20, 10, {**FALLING, NEAR: (N, P, False)}),
    # change: from 2020's 5 %: 20 - 5 = 15 pp, 10 - 5 = 5 pp, against 10 pp ± 3.
    ("change", Measure.GROWTH, 10, 3, 15, 5, {**FALLING, NEAR: (N, P, False)}),
    # percent change, chained: 1.1 * 1.2 - 1 = 32 %, 1.1 * 1.2 * 1.1 - 1 = 45.2 %,
    # against 40 % ± 3 pp.
    (
        "percent_change",
        Measure.GROWTH,
        40,
        3,
        32,
        45.2,
        {INC: (A, P, False), DEC: (N, P, True), NEAR: (N, P, False)},
    ),
    # cumulative on yearly rates: the same chain.
    (
        "cumulative",
        Measure.GROWTH,
        40,
        3,
        32,
        45.2,
        {INC: (A, P, False), DEC: (N, P, True), NEAR: (N, P, False)},
    ),
    # average annual, geometric mean: 1.32 ** (1/2) - 1 = 14.891 %,
    # 1.452 ** (1/3) - 1 = 13.237 %, against 14 % ± 1 pp.
    ("average_annual", Measure.GROWTH, 14, 1, 14.891, 13.237, {**FALLING, NEAR: (A, P, True)}),
]


def _indicator(measure: Measure, direction: Direction) -> Indicator:
    return Indicator("x", "x", unit=UNIT[measure], measure=measure, direction=direction)


def _observations(measure: Measure, last: int) -> list[Observation]:
    unit = UNIT[measure]
    when = (lambda y: f"{y}-12-31") if measure is Measure.LEVEL else (lambda y: y)
    return [Observation("x", Q_(v, unit), when(y)) for y, v in SERIES[measure].items() if y <= last]


def _target(basis: str, measure: Measure, direction: Direction, value: float, tol: float) -> Target:
    ind = _indicator(measure, direction)
    percent = basis in {"percent_change", "average_annual"} or UNIT[measure] == "percent"
    unit = "percent" if percent else UNIT[measure]
    if basis == "change" and percent:
        unit = "percentage_point"
    tolerance = Tolerance(absolute=Q_(tol, "percentage_point" if percent else unit))
    t = Target("T", ind, COMPARATOR[direction], Q_(value, unit), "2023-12-31", basis=basis,
               tolerance=tolerance if direction is NEAR else None)  # fmt: skip
    plan = Plan("p", "p", start="2021-01-01", end="2023-12-31", goals=[Goal("G", "g", targets=[t])])
    return plan.target("T")


PARAMS = [
    pytest.param(basis, measure, d, value, tol, before, at, out[d],
                 id=f"{basis}-{measure.value}-{d.value}")
    for basis, measure, value, tol, before, at, out in CASES
    for d in (INC, DEC, NEAR)
]  # fmt: skip


@pytest.mark.parametrize(
    ("basis", "measure", "direction", "value", "tol", "before", "at", "expected"), PARAMS
)
def test_kind_measure_direction(  # noqa: PLR0917 (one row of the table)
    basis: str,
    measure: Measure,
    direction: Direction,
    value: float,
    tol: float,
    before: float | None,
    at: float,
    expected: tuple[Status, Status, bool],
) -> None:
    t = _target(basis, measure, direction, value, tol)
    at_status, before_status, so_far = expected
    done = assess(t, _observations(measure, 2023))
    assert done.observed is not None
    assert float(done.observed.magnitude) == pytest.approx(at, abs=1e-3)
    assert done.status is at_status
    assert done.met is (at_status is A)
    assert not done.met_so_far
    early = assess(t, _observations(measure, 2022))
    assert early.status is before_status
    if before is None:
        assert early.observed is None
        assert "no figure for 2023 yet (earlier years feed the trajectory)" in early.explain()
    else:
        assert early.observed is not None
        assert float(early.observed.magnitude) == pytest.approx(before, abs=1e-3)
    assert early.met_so_far is so_far
    assert early.met is None
    assert not early.early


# Every year: the worst year stands for them; a failing year decides at once.
# LEVEL and FLOW: 110, 121, 133.1 against 115 (about: 115 ± 10, [105, 125]).
#   at least 115: 110 (2021) fails.
#   at most 115: 121 (2022) and 133.1 (2023) fail; the worst, 115 / 133.1 = 0.864.
#   about 115: 110 and 121 are inside; 133.1 (2023) is not.
# SHARE: 11, 12, 13 against 11.5 (± 1, [10.5, 12.5]): the same pattern.
# GROWTH: 10, 20, 10 against 15 (± 6, [9, 21]).
#   at least 15: 2021 and 2023 fail; at most 15: 2022 fails; about 15: none fails.
EVERY = [
    # (measure, T, tol, direction, before: (status, worst, failed), at: (status, worst, failed))
    (Measure.LEVEL, 115, 10, INC, (N, 110, (2021,)), (N, 110, (2021,))),
    (Measure.LEVEL, 115, 10, DEC, (N, 121, (2022,)), (N, 133.1, (2022, 2023))),
    (Measure.LEVEL, 115, 10, NEAR, (P, 121, ()), (N, 133.1, (2023,))),
    (Measure.FLOW, 115, 10, INC, (N, 110, (2021,)), (N, 110, (2021,))),
    (Measure.FLOW, 115, 10, DEC, (N, 121, (2022,)), (N, 133.1, (2022, 2023))),
    (Measure.FLOW, 115, 10, NEAR, (P, 121, ()), (N, 133.1, (2023,))),
    (Measure.SHARE, 11.5, 1, INC, (N, 11, (2021,)), (N, 11, (2021,))),
    (Measure.SHARE, 11.5, 1, DEC, (N, 12, (2022,)), (N, 13, (2022, 2023))),
    # About 11.5: 11 and 12 are both 0.5 away; the earlier year is shown.
    (Measure.SHARE, 11.5, 1, NEAR, (P, 11, ()), (N, 13, (2023,))),
    (Measure.GROWTH, 15, 6, INC, (N, 10, (2021,)), (N, 10, (2021, 2023))),
    (Measure.GROWTH, 15, 6, DEC, (N, 20, (2022,)), (N, 20, (2022,))),
    (Measure.GROWTH, 15, 6, NEAR, (P, 10, ()), (A, 10, ())),
]


@pytest.mark.parametrize(("measure", "value", "tol", "direction", "before", "at"), EVERY)
def test_every_year(  # noqa: PLR0917 (one row of the table)
    measure: Measure,
    value: float,
    tol: float,
    direction: Direction,
    before: tuple[Status, float, tuple[int, ...]],
    at: tuple[Status, float, tuple[int, ...]],
) -> None:
    t = _target("every_year", measure, direction, value, tol)
    for last, (status, worst, failed) in ((2022, before), (2023, at)):
        a = assess(t, _observations(measure, last))
        assert a.status is status
        assert a.observed is not None
        assert float(a.observed.magnitude) == pytest.approx(worst)
        assert a.failed_years == failed
        # Broken before the deadline: decided for good, and flagged as early.
        assert a.early is (last == 2022 and status is N)
        assert a.met_so_far is (status is P)
