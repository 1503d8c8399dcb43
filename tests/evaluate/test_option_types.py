"""Wrongly typed options of ex_ante, likelihood and the status rule: an EvaluationError naming them.

Before, ``ex_ante(plan, obs, None)`` raised ``TypeError: 'NoneType' object is
not iterable``, ``ex_ante(..., scale="ipcc")`` an ``AttributeError``,
``likelihood("x")`` a ``TypeError`` from ``math.isnan`` and
``evaluate(..., status_rule=np.array(...))`` numpy's ``ValueError`` about
the truth value of an array.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

import innovplan
from innovplan import datasets
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import IPCC_AR5, ex_ante, likelihood

PLAN = datasets.wuhan_2023()
OBS = datasets.wuhan_2023_observations()


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"dates": None}, ("ex_ante() argument dates: expected a list of dates such as "
                           "['2023-01-29'], got None")),
        ({"dates": "2023-01-29"}, "ex_ante() argument dates: expected a list of dates"),
        ({"dates": 2023}, "ex_ante() argument dates: expected a list of dates"),
        ({"dates": ["2023-01-29", None]}, ("ex_ante() argument dates[1]: expected a date "
                                           "such as '2023-01-29', got None")),
        ({"dates": ["2023-13-01"]}, "ex_ante() argument dates[0]: expected a date"),
        ({"dates": [np.datetime64("NaT")]}, "ex_ante() argument dates[0]: expected a date"),
        ({"targets": "T10"}, "ex_ante() argument targets: expected a list of target ids"),
        ({"targets": [10]}, "ex_ante() argument targets[0]: expected a target id (text), got 10"),
        ({"scale": "ipcc"}, "ex_ante() argument scale: expected a LikelihoodScale"),
        ({"level": "0.8"}, "ex_ante() argument level: expected a number strictly between 0 and 1"),
        ({"method": 3}, "ex_ante() argument method: expected one of auto"),
    ],
)  # fmt: skip
def test_ex_ante_names_the_argument(kwargs: dict[str, object], said: str) -> None:
    call = {"dates": ["2023-01-29"], "targets": ["T10"]} | kwargs
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        ex_ante(PLAN, OBS, **call)  # type: ignore[arg-type]


def test_ex_ante_reads_dates_as_as_of_does() -> None:
    # A numpy array of dates, a datetime and text: the same replays.
    text = ex_ante(PLAN, OBS, ["2023-01-29", "2023-08-06"], targets=["T10"])
    days = np.array(["2023-01-29", "2023-08-06"], dtype="datetime64[D]")
    for same in (days, [dt.datetime(2023, 1, 29, 9, tzinfo=dt.UTC), dt.date(2023, 8, 6)]):
        got = ex_ante(PLAN, OBS, same, targets=["T10"])
        assert [str(r) for r in got.rows] == [str(r) for r in text.rows]
    assert [r.as_of for r in text.rows] == [dt.date(2023, 1, 29), dt.date(2023, 8, 6)]
    with pytest.raises(EvaluationError, match="ex_ante needs at least one date"):
        ex_ante(PLAN, OBS, [])
    with pytest.raises(UnknownIdError, match="no target with id 'T99'"):
        ex_ante(PLAN, OBS, ["2023-01-29"], targets=["T99"])


@pytest.mark.parametrize(
    ("probability", "shown"),
    [("x", "'x'"), (1.5, "1.5"), (-0.1, "-0.1"), (True, "True"), ([0.5], "[0.5] (list)"),
     (10**5000, "an int of 16610 bits")],
    ids=["text", "above-1", "below-0", "bool", "list", "huge-int"],
)  # fmt: skip
def test_likelihood_takes_a_probability(probability: object, shown: str) -> None:
    said = "likelihood() argument probability: expected a number from 0 to 1 (NaN or None: no word)"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}, got {re.escape(shown)}$"):
        likelihood(probability)  # type: ignore[arg-type]


def test_likelihood_still_reads_numbers_of_any_real_type() -> None:
    assert likelihood(np.float64(0.93)) == likelihood(0.93) == "very likely"
    assert likelihood(1) == "virtually certain"
    assert likelihood(float("nan")) is None
    assert likelihood(None) is None
    with pytest.raises(EvaluationError, match="argument scale: expected a LikelihoodScale"):
        likelihood(0.5, scale="ipcc")  # type: ignore[arg-type]
    assert likelihood(0.5, scale=IPCC_AR5) == "about as likely as not"


def test_a_status_rule_that_is_not_text_is_named() -> None:
    said = "status rule method must be one of probability"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        innovplan.evaluate(PLAN, OBS, status_rule=np.array([1.0, 2.0]))  # type: ignore[arg-type]
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        ex_ante(PLAN, OBS, ["2023-01-29"], status_rule=None)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError, match="no status rule method with id 'best'"):
        innovplan.evaluate(PLAN, OBS, status_rule="best")
