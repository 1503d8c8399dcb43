"""The published schema's Date and Period patterns admit every date form load reads, and no other.

The schema said ``^\\d{4}-\\d{2}-\\d{2}$`` (with ``"format": "date"``) while
load also reads a date and time with its UTC offset as the date it writes: a
front end validating with the schema refused documents that load reads.
JSON Schema reads patterns as ECMA-262 regular expressions, whose ``\\d`` is
``[0-9]``; Python's ``re`` with ``re.ASCII`` reads them the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovplan
from innovplan import datasets
from innovplan.errors import DocumentError

SCHEMA = innovplan.json_schema()
DATE = re.compile(SCHEMA["$defs"]["Date"]["pattern"], re.ASCII)
PERIOD = re.compile(SCHEMA["$defs"]["Period"]["anyOf"][0]["pattern"], re.ASCII)
DOC: dict[str, Any] = json.loads(innovplan.dump(datasets.wuhan_2023(), fmt="json"))

# The date forms of the tests' tables that load reads (tests/io/test_zoned_dates.py,
# tests/io/test_hour_offsets.py), with the date each writes.
READ = [
    ("2023-01-29", dt.date(2023, 1, 29)),
    ("2024-01-01T07:00+08:00", dt.date(2024, 1, 1)),
    ("2024-01-01T00:30+08:00", dt.date(2024, 1, 1)),
    ("2023-12-31T20:00-05:00", dt.date(2023, 12, 31)),
    ("2023-12-31T23:59:59-05:00", dt.date(2023, 12, 31)),
    ("2023-12-31 23:59:59.999999999 -0500", dt.date(2023, 12, 31)),
    ("2023-12-31T23:30Z", dt.date(2023, 12, 31)),
    ("2024-01-01T07:00+08", dt.date(2024, 1, 1)),
    ("2023-12-31T20:00-05", dt.date(2023, 12, 31)),
    ("2023-12-31 23:59:59-05", dt.date(2023, 12, 31)),
    ("2024-01-01T07:00+0800", dt.date(2024, 1, 1)),
    ("2023-01-29t23:00:00,5z", dt.date(2023, 1, 29)),
]
# Forms load refuses that a looser pattern could let through.
REFUSED = [
    "2023-12-31T20:00",  # no offset: UTC's clock or the publisher's?
    "2023-12-31 20:00:00",
    "2023-1-31",
    "20231231",
    "2023-W01",
    "2023-12-31T20:00+8",
    "2023-12-31T20+08:00",
    "2023-12-31T20:00:00+08:00:00",
    " 2023-12-31",
    "2023-12-31 ",
    "٢٠٢٣-١٢-٣١",  # Arabic-Indic digits: \d in Python's re, not in ECMA-262
    "2023-12-31T20:00 +08:00 ",
    "2023/12/31",
]


def _load_released(text: str) -> dt.date | None:
    # The plan's release date: a Date field no other field constrains.
    doc = copy.deepcopy(DOC)
    doc["released"] = text
    return innovplan.load(json.dumps(doc), fmt="json").released


def _load_period(text: str) -> innovplan.model.Period:
    doc = {"format_version": "1.0", "observations": [
        {"indicator": "x", "value": {"value": 5, "unit": "yuan"}, "period": text}]}  # fmt: skip
    (obs,) = innovplan.load_observations(json.dumps(doc), fmt="json")
    return obs.period


@pytest.mark.parametrize(("text", "day"), READ)
def test_every_form_load_reads_matches_the_schema(text: str, day: dt.date) -> None:
    assert _load_released(text) == day
    assert DATE.fullmatch(text)
    assert _load_period(text).start == day
    assert PERIOD.fullmatch(text)


@pytest.mark.parametrize("text", REFUSED)
def test_a_form_load_refuses_does_not_match(text: str) -> None:
    with pytest.raises(DocumentError):
        _load_released(text)
    assert not DATE.fullmatch(text)
    assert not PERIOD.fullmatch(text)


def test_dump_still_writes_plain_dates() -> None:
    # A plan read from zoned stamps is written back with its dates only.
    doc = copy.deepcopy(DOC)
    doc["start"], doc["released"] = "2023-01-01T08:00+08:00", "2023-01-29T23:00:00+08"
    written = json.loads(innovplan.dump(innovplan.load(json.dumps(doc), fmt="json"), fmt="json"))
    assert (written["start"], written["released"]) == ("2023-01-01", "2023-01-29")
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", written["start"])


def test_the_periods_of_before_still_match() -> None:
    for text in ["2023", "2023-S1", "2023-H1", "2023-Q2", "2023-M06", "2023-06", "2023-12-31",
                 "2023-01-01/2023-06-30"]:  # fmt: skip
        assert PERIOD.fullmatch(text), text
        _load_period(text)


_digits = st.text("0123456789", min_size=2, max_size=2)
_time = st.tuples(
    st.sampled_from(["T", "t", " ", "x", ""]),
    _digits,
    st.sampled_from([":", ""]),
    _digits,
    st.sampled_from(["", ":00", ":59.5", ":60", ",5"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["Z", "z", "+08:00", "-0500", "+08", "+8", "08:00", ""]),
).map("".join)
_forms = st.builds(
    lambda y, m, d, rest: f"{y}-{m}-{d}{rest}",
    st.sampled_from(["2023", "1999", "023"]),
    st.sampled_from(["01", "12", "13", "1"]),
    st.sampled_from(["29", "31", "00"]),
    st.one_of(st.just(""), _time),
)


@given(_forms)
def test_what_load_reads_the_schema_admits(text: str) -> None:
    # One direction only: load also refuses some dates the pattern admits
    # (2023-13-31, 25:00), which no regular expression should try to know.
    try:
        _load_released(text)
    except DocumentError:
        return
    assert DATE.fullmatch(text), text
