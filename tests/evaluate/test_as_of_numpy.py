"""as_of as numpy writes dates: a datetime64 is read as the calendar date it writes, NaT is refused.

Before, ``as_of=np.datetime64("2023-01-29")`` was refused where a
``datetime.date``, a ``datetime`` and a ``pandas.Timestamp`` were read; a
pandas ``NaT`` (a datetime) reached ``date.toordinal`` and raised a bare
``ValueError``. Every function that takes *as_of* reads it with the model's
one date reader, :func:`innovplan.model.to_date`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pytest

import innovplan
from innovplan import datasets
from innovplan.engine import build_columns, column_histories, histories
from innovplan.errors import EvaluationError, ModelError
from innovplan.evaluate import ex_ante, progress_many
from innovplan.model import Series, not_a_time, to_date

if TYPE_CHECKING:
    from collections.abc import Callable

PLAN = datasets.wuhan_2023()
OBS = datasets.wuhan_2023_observations()
T10 = PLAN.target("T10")
T10_OBS = [o for o in OBS if o.indicator == T10.indicator.id]
COLUMNS = build_columns(PLAN.targets, OBS)
DAY = dt.date(2023, 1, 29)  # the day Wuhan's 2023 key points were published

# The same day as numpy and pandas write it: a day, a time of day in
# nanoseconds (its date is the day), a 0-d array, a Timestamp in a zone.
SAME_DAY: list[object] = [
    np.datetime64("2023-01-29"),
    np.datetime64("2023-01-29T23:59:59.999999999", "ns"),
    np.datetime64("2023-01-29T00:00", "s"),
    np.array(np.datetime64("2023-01-29")),
    np.array("2023-01-29T12:00", dtype="datetime64[ns]"),
    pd.Timestamp("2023-01-29T08:00", tz="Asia/Shanghai"),
]

# Every public function that takes as_of, as the text of its JSON result.
CALLS: dict[str, Callable[[Any], str]] = {
    "evaluate": lambda day: innovplan.evaluate(PLAN, OBS, as_of=day).to_json(),
    "assess": lambda day: innovplan.assess(T10, T10_OBS, as_of=day).to_json(),
    "assess_many": lambda day: innovplan.assess_many(PLAN, OBS, as_of=day).to_json(),
    "forecast": lambda day: innovplan.forecast(T10, T10_OBS, as_of=day).to_json(),
    "forecast_many": lambda day: innovplan.forecast_many(PLAN, OBS, as_of=day).to_json(),
    "progress": lambda day: innovplan.progress(T10, T10_OBS, as_of=day).to_json(),
    "progress_many": lambda day: str(progress_many(PLAN, OBS, as_of=day).columns["ratio"]),
    "histories": lambda day: str(histories(PLAN.targets, OBS, as_of=day).y.tolist()),
    "column_histories": lambda day: str(column_histories(*COLUMNS, as_of=day).y.tolist()),
    "Series.latest": lambda day: str(Series.sorted(T10_OBS).latest(day)),
    "ex_ante": lambda day: str(ex_ante(PLAN, OBS, [day], targets=["T10"]).rows),
}


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("day", SAME_DAY, ids=repr)
def test_a_numpy_date_is_read_as_its_calendar_date(name: str, day: object) -> None:
    assert CALLS[name](day) == CALLS[name](DAY)


def test_the_date_matters_so_the_comparison_says_something() -> None:
    # On 2023-01-29 the 2023 turnover was not released yet; a year later it was.
    assert CALLS["forecast"](DAY) != CALLS["forecast"](np.datetime64("2024-04-30"))


@pytest.mark.parametrize("name", ["evaluate", "assess", "assess_many", "forecast", "forecast_many"])
@pytest.mark.parametrize("nat", [np.datetime64("NaT"), np.datetime64("NaT", "ns"), pd.NaT],
                         ids=["numpy", "numpy-ns", "pandas"])  # fmt: skip
def test_not_a_time_is_refused_by_name(name: str, nat: object) -> None:
    func = name.removesuffix("_many") if name.endswith("_many") else name
    with pytest.raises(EvaluationError, match=rf"{func}(_many)?\(\) argument as_of: .*NaT is not"):
        CALLS[name](nat)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (np.datetime64("2023-01"), "of unit 'M', coarser than a day"),
        (np.datetime64("2023"), "of unit 'Y', coarser than a day"),
        (np.datetime64("10000-01-01"), "in the years 1 to 9999"),
        (np.array(["2023-01-29", "2023-01-30"], dtype="datetime64[D]"), "expected a date"),
        (np.datetime64("NaT"), "NaT (a missing time)"),
        (pd.NaT, "NaT (a missing time)"),
    ],
)
def test_the_model_reader_says_why(value: object, said: str) -> None:
    with pytest.raises(ModelError) as info:
        to_date(value)
    assert said in str(info.value)


def test_not_a_time() -> None:
    assert not_a_time(np.datetime64("NaT"))
    assert not_a_time(np.array(np.datetime64("NaT", "ns")))
    assert not_a_time(pd.NaT)
    assert not not_a_time(np.datetime64("2023-01-29"))
    assert not not_a_time(dt.date(2023, 1, 29))
    assert not not_a_time("NaT")  # text is read (and refused) as text
    assert not not_a_time(float("nan"))


def test_a_time_before_1970_floors_to_its_own_day() -> None:
    # datetime64 counts from 1970: a time of day before it must still be read
    # as the day it writes, not the day after (a cast that truncated toward 0).
    assert to_date(np.datetime64("1969-12-31T18:00", "ns")) == dt.date(1969, 12, 31)
    assert to_date(np.datetime64("1900-03-01T00:00:01", "s")) == dt.date(1900, 3, 1)


def test_observation_dates_take_the_same_reader() -> None:
    # One reader for all: an Observation's release date may be a datetime64 too.
    o = OBS[0]
    same = type(o)(o.indicator, o.value, o.period, released=np.datetime64("2023-01-29T10:00"))
    assert same.released == DAY
