"""A single numpy date as as_of on Dask frames: the in-process call's reading of it.

A single ``np.datetime64`` went to the in-process call as it was, which
refused it; a 0-d datetime64 array raised ``TypeError`` while the dates were
sorted from a sequence. Both are now one date, read as the in-process calls
read it, and a list of dates reads each element the same way (text such as
``'20231231'``, refused in process, is refused in a list too).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from innovplan.dask import assess_frame
from innovplan.errors import EvaluationError


@pytest.mark.parametrize(
    "day",
    [np.datetime64("2022-06-30"), np.datetime64("2022-06-30T18:00", "ns"),
     np.array(np.datetime64("2022-06-30"))],
    ids=["day", "ns", "0-d array"],
)  # fmt: skip
def test_a_single_numpy_date_is_one_replay(tables, in_process, by_key, lazy, day) -> None:
    expected = by_key(in_process("assess", *tables, as_of=dt.date(2022, 6, 30)))
    got = assess_frame(*lazy(tables), as_of=day).compute(scheduler="sync")
    assert "as_of" not in got.columns
    pd.testing.assert_frame_equal(by_key(got), expected)


@pytest.mark.parametrize(
    ("dates", "match"),
    [(["20220630"], r"as_of\[0\] must be a date"), (["2022-W26"], r"as_of\[0\] must be a date"),
     ([np.datetime64("2022-06")], r"as_of\[0\] must be a date"),
     ([pd.NaT], r"as_of\[0\] is NaT")],
    ids=["basic-iso", "week", "month", "pandas-NaT"],
)  # fmt: skip
def test_a_list_refuses_what_a_single_date_refuses(tables, lazy, dates, match) -> None:
    with pytest.raises(EvaluationError, match=match):
        assess_frame(*lazy(tables), as_of=dates)
