"""A numpy datetime64 is read as the day its instant falls on, for every unit from a day to ``as``.

numpy's own cast to ``datetime64[D]`` wraps around int64 for the first day
above NaT, so ``pd.Timestamp.min.to_datetime64()`` (1677-09-21, a common
"beginning of time") was read as 2262-04-10, and it cannot convert
picoseconds, femtoseconds or attoseconds to days at all (a bare
``OverflowError``). The reader floors the exact instant to its day instead.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import innovplan
from innovplan import datasets
from innovplan.errors import EvaluationError, ModelError
from innovplan.model import Observation, date_or_none, not_a_time, to_date

I64_MIN = -(2**63)  # NaT's own value; every value above it is a time


def test_pandas_beginning_of_time_is_1677() -> None:
    # pd.Timestamp.min is 1677-09-21T00:12:43.145224193: numpy's cast read it as 2262-04-10.
    assert to_date(pd.Timestamp.min.to_datetime64()) == dt.date(1677, 9, 21)
    assert to_date(pd.Timestamp.min.to_datetime64()) == to_date(pd.Timestamp.min)


def test_just_above_nat_in_nanoseconds() -> None:
    # int64 min + 1 ns is pd.Timestamp.min itself, one tick above NaT.
    assert to_date(np.datetime64(I64_MIN + 1, "ns")) == dt.date(1677, 9, 21)
    # 86,400 s later it is still within the wrapped range of numpy's cast.
    day_later = np.datetime64(I64_MIN + 1 + 86_400 * 10**9, "ns")
    assert to_date(day_later) == dt.date(1677, 9, 22)


def test_as_of_just_above_nat_replays_nothing_known() -> None:
    # Nothing of Wuhan's 2023 figures was released in 1677: all 22 targets have no data,
    # as with the same instant as a Timestamp (it was read as 2262: 6 achieved).
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    as_numpy = innovplan.assess_many(plan, obs, as_of=pd.Timestamp.min.to_datetime64())
    as_pandas = innovplan.assess_many(plan, obs, as_of=pd.Timestamp.min)
    assert as_numpy.to_json() == as_pandas.to_json()
    assert list(as_numpy.to_frame()["status"]) == ["no_data"] * 22


@pytest.mark.parametrize(
    ("value", "day"),
    [
        # 1 day = 86,400 * 10**12 ps; 10**15 fs; 10**18 as (int64 holds about 9.2 s of as).
        (np.datetime64("1970-01-02", "ps"), dt.date(1970, 1, 2)),
        (np.datetime64(-1, "ps"), dt.date(1969, 12, 31)),
        (np.datetime64("1970-03-01T12:00", "ps"), dt.date(1970, 3, 1)),
        (np.datetime64("1970-01-01T02:00", "fs"), dt.date(1970, 1, 1)),
        (np.datetime64(-1, "fs"), dt.date(1969, 12, 31)),
        (np.datetime64("1970-01-01T00:00:01", "as"), dt.date(1970, 1, 1)),
        (np.datetime64(-1, "as"), dt.date(1969, 12, 31)),
        (np.array(np.datetime64(2**63 - 1, "as")), dt.date(1970, 1, 1)),  # +9.2 s
        (np.datetime64(3, "10D"), dt.date(1970, 1, 31)),  # a unit of 10 days: 30 days in
    ],
    ids=repr,
)
def test_units_finer_than_nanoseconds(value: object, day: dt.date) -> None:
    assert to_date(value) == day
    assert date_or_none(value) == day


@pytest.mark.parametrize("unit", ["ps", "fs", "as"])
def test_fine_units_reach_every_door(unit: str) -> None:
    # assess_many read them with a bare OverflowError; now as the same day in ns.
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    fine = np.datetime64("1970-01-01T00:00:01", unit)
    got = innovplan.assess_many(plan, obs, as_of=fine).to_json()
    assert got == innovplan.assess_many(plan, obs, as_of=dt.date(1970, 1, 1)).to_json()


@pytest.mark.parametrize(
    "value",
    [
        np.datetime64(I64_MIN + 1, "s"),  # year -292277022657
        np.datetime64(2**62, "h"),
        np.datetime64(I64_MIN + 1, "D"),
        np.datetime64("10000-01-01T00:00", "s"),
        np.datetime64("0000-12-31T23:59", "m"),  # the day before 0001-01-01
    ],
    ids=repr,
)
def test_outside_years_1_to_9999_is_a_model_error(value: object) -> None:
    with pytest.raises(ModelError, match="in the years 1 to 9999"):
        to_date(value)
    with pytest.raises(EvaluationError, match="argument as_of"):
        innovplan.assess_many(
            datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of=value
        )


def test_the_first_and_last_days_are_read() -> None:
    assert to_date(np.datetime64("0001-01-01T00:00", "s")) == dt.date(1, 1, 1)
    assert to_date(np.datetime64("9999-12-31T23:59:59", "s")) == dt.date(9999, 12, 31)


@pytest.mark.parametrize("unit", ["D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"])
def test_nat_of_every_unit(unit: str) -> None:
    nat = np.datetime64("NaT", unit)
    assert not_a_time(nat)
    assert not_a_time(np.array(nat))
    assert not not_a_time(np.datetime64(I64_MIN + 1, unit))
    with pytest.raises(ModelError, match="NaT"):
        to_date(nat)


def test_a_big_endian_array_is_read_by_value() -> None:
    x = np.array(np.datetime64("2023-01-29T10:00", "ns")).astype(">M8[ns]")
    assert to_date(x) == dt.date(2023, 1, 29)


# Ticks of a unit in a day; the lowest and highest int64 of each unit inside years 1-9999.
PER_DAY = {"D": 1, "h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}
FIRST = (dt.date(1, 1, 1) - dt.date(1970, 1, 1)).days
LAST = (dt.date(9999, 12, 31) - dt.date(1970, 1, 1)).days


@pytest.mark.parametrize("unit", [*PER_DAY, "ns"])
def test_random_instants_agree_with_pandas(unit: str) -> None:
    # pandas converts each instant to a Timestamp itself; its date is the reference.
    rng = np.random.default_rng(20231231)
    if unit == "ns":
        lo, hi = I64_MIN + 1, 2**63 - 1  # every ns value but NaT is inside pandas' range
    else:
        lo, hi = FIRST * PER_DAY[unit], (LAST + 1) * PER_DAY[unit] - 1
    ticks = [*rng.integers(lo, hi, 3000, endpoint=True).tolist(), lo, hi, -1, 0, 1]
    for tick in ticks:
        value = np.datetime64(tick, unit)
        assert to_date(value) == pd.Timestamp(value).date(), value


@pytest.mark.parametrize(("unit", "per_ns"), [("ps", 10**3), ("fs", 10**6), ("as", 10**9)])
def test_random_fine_instants_agree_with_pandas_in_ns(unit: str, per_ns: int) -> None:
    # Flooring to whole ns first keeps the day: floor(floor(x / a) / b) = floor(x / (a b)).
    rng = np.random.default_rng(7)
    ticks = [*rng.integers(I64_MIN + 1, 2**63 - 1, 3000, endpoint=True).tolist(), -1, 0, 1]
    for tick in ticks:
        reference = pd.Timestamp(np.datetime64(tick // per_ns, "ns")).date()
        assert to_date(np.datetime64(tick, unit)) == reference, tick


@pytest.mark.parametrize("nat", [pd.NaT, np.datetime64("NaT"), np.datetime64("NaT", "ns")],
                         ids=repr)  # fmt: skip
def test_nat_as_an_optional_date_says_give_none(nat: object) -> None:
    # Refused rather than read as None, as for as_of: a NaT given to a
    # constructor is most often a missing value that slipped through.
    o = datasets.wuhan_2023_observations()[0]
    with pytest.raises(ModelError) as info:
        Observation(o.indicator, o.value, o.period, released=nat)
    said = str(info.value)
    assert said.startswith("Observation ")
    assert ".released: expected a date or None, got " in said
    assert said.endswith("a missing time: give None for no date")
    assert Observation(o.indicator, o.value, o.period, released=None).released is None
