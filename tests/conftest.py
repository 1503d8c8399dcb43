"""Test configuration shared by the whole suite, and the made-up figures of groups."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from innovplan import Q_
from innovplan.model import Goal, Indicator, Measure, Observation, Plan, Target

# Deterministic runs: the same examples on every machine, no example database,
# no per-example deadline (CI machines are slower than laptops and the timing
# of one example is not what these tests are about).
settings.register_profile(
    "default",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# -- made-up figures of groups, shared by the evaluate and the faces tests -------------
# Round numbers whose arithmetic can be checked by eye: no real statistic.


def _gdp(value: float, year: int, region: str | None = None) -> Observation:
    return Observation(
        "gdp", Q_(value, "亿元"), year, dimensions={"region": region} if region else {}
    )


def _enrol(value: float, sex: str, released: str, region: str | None = None) -> Observation:
    dims = {"sex": sex, **({"region": region} if region else {})}
    return Observation("enrol", Q_(value, "percent"), 2022, released=released, dimensions=dims)


@pytest.fixture(scope="session")
def gdp() -> Indicator:
    """Gross regional product, a flow in 亿元, observed for a total and four provinces."""
    return Indicator(
        "gdp", "gross regional product", unit="hundred_million_yuan", measure=Measure.FLOW
    )


@pytest.fixture(scope="session")
def enrol() -> Indicator:
    """Net enrolment rate, a share observed by sex (and by region)."""
    return Indicator("enrol", "net enrolment rate", unit="percent", measure=Measure.SHARE)


@pytest.fixture(scope="session")
def provinces() -> tuple[Observation, ...]:
    """Four provinces A–D and the total, 2021–2023; in 2023 D has no figure yet.

    Without a release date a year's figure counts as known from 31 December.
    The parts sum to 365 against a total of 370 in 2021, to the total (395)
    in 2022, and to 360 without D in 2023.
    """
    return (
        _gdp(360, 2023), _gdp(120, 2023, "A"), _gdp(90, 2023, "B"), _gdp(150, 2023, "C"),
        _gdp(395, 2022), _gdp(110, 2022, "A"), _gdp(85, 2022, "B"), _gdp(140, 2022, "C"),
        _gdp(60, 2022, "D"),
        _gdp(370, 2021), _gdp(100, 2021, "A"), _gdp(80, 2021, "B"), _gdp(130, 2021, "C"),
        _gdp(55, 2021, "D"),
    )  # fmt: skip


@pytest.fixture(scope="session")
def every_region(gdp: Indicator) -> Target:
    """GDP of at least 100 亿元 in 2023 in every region."""
    return Target("E", gdp, "at_least", Q_(100, "亿元"), "2023-12-31", every="region")


@pytest.fixture(scope="session")
def by_sex() -> tuple[Observation, ...]:
    """2022's enrolment: girls 96.0 %, boys 98.0 % (released 31 January 2023); boys revised
    to 99.5 % on 30 June 2023."""
    return (
        _enrol(96.0, "F", "2023-01-31"),
        _enrol(98.0, "M", "2023-01-31"),
        _enrol(99.5, "M", "2023-06-30"),
    )


@pytest.fixture(scope="session")
def gender_parity(enrol: Indicator) -> Target:
    """Girls' enrolment over boys' between 0.97 and 1.03 in 2022 (a gender parity index)."""
    return Target(
        "GPI", enrol, "between", Q_(0.97, "dimensionless"), "2022-12-31",
        upper=Q_(1.03, "dimensionless"), group={"sex": "F"}, versus={"sex": "M"},
    )  # fmt: skip


@pytest.fixture(scope="session")
def parity_by_region(enrol: Indicator) -> Target:
    """Girls' enrolment over boys' at least 0.97 in 2022, in every region."""
    return Target(
        "GPI", enrol, "at_least", Q_(0.97, "dimensionless"), "2022-12-31",
        group={"sex": "F"}, versus={"sex": "M"}, every="region",
    )  # fmt: skip


@pytest.fixture(scope="session")
def by_region_and_sex() -> tuple[Observation, ...]:
    """2022's enrolment in regions X (girls 90, boys 92) and Y (girls 80, boys 90)."""
    return (
        _enrol(90.0, "F", "2023-01-31", "X"),
        _enrol(92.0, "M", "2023-01-31", "X"),
        _enrol(80.0, "F", "2023-01-31", "Y"),
        _enrol(90.0, "M", "2023-01-31", "Y"),
    )


@pytest.fixture(scope="session")
def provinces_plan(gdp: Indicator, every_region: Target) -> Plan:
    """A plan for 2023: GDP of at least 100 亿元 in every region, and of 300 亿元 in total."""
    total = Target("T", gdp, "at_least", Q_(300, "亿元"), "2023-12-31")
    return Plan(
        "p", "P", start="2023-01-01", end="2023-12-31",
        goals=[Goal("g", "G", [every_region, total])],
    )  # fmt: skip
