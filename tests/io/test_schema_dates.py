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
import itertools
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovplan
from innovplan import datasets
from innovplan.errors import DocumentError, InnovplanError

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
    # One direction only: load also refuses days the pattern admits
    # (2023-02-30), which no regular expression should try to know.
    try:
        _load_released(text)
    except DocumentError:
        return
    assert DATE.fullmatch(text), text


# Forms of the parts load reads and refuses, in every combination below: the
# patterns (as ECMA-262 reads them) must admit exactly what load reads, but
# for days their month does not have, which only load knows.
_YEARS = ["2023", "0000", "0001", "9999", "023"]
_MONTH_DAYS = ["01-29", "12-31", "13-01", "00-10", "01-00", "01-32", "1-29"]
_CALENDAR = ["02-30", "04-31"]  # months without such a day: the pattern admits them
_TIMES = ["", "T23:00", "T00:00", "T23:59:60", "T23:59:61", "T23:00:00.5", "t23:00",
          " 23:00", "T24:00", "T23:60", "T19:00", "T2300"]  # fmt: skip
_OFFSETS = ["", "Z", "+08", "+08:00", "+0800", "-05:30", " +08:00", "+8", "+24:00", "+23:59",
            "+19:00", "+20:00", "+08:60", "+08:59", "+080", "UTC"]  # fmt: skip
_PARTS = [f"{sep}{letter}{num}" for sep in ["", "-"] for letter in "SHQMX"
          for num in ["0", "1", "2", "3", "4", "5", "01", "04", "05", "09", "10", "12", "13", "00"]]  # fmt: skip


def _ecma(pattern: str) -> re.Pattern[str]:
    # ECMA-262's $ is the end of the text; Python's also matches before a final newline.
    return re.compile(pattern.replace("$", r"\Z"), re.ASCII)


def _reads(text: str, load: Any) -> bool:
    try:
        load(text)
    except (InnovplanError, ValueError):  # the converter's own, before load names the path
        return False
    return True


def test_the_patterns_admit_exactly_what_load_reads_by_brute_force() -> None:
    # 5 x 7 x 12 x 16 = 6,720 dates and times, plus 700 periods. Before, the
    # patterns admitted hour 24, minute 60, offsets +24:00 and +08:60, month 13,
    # year 0000, 2023-Q5 and 2023-M13, all of which load refuses.
    from innovplan.io._converter import converter
    from innovplan.model import Period

    conv = converter()
    date, period = _ecma(DATE.pattern), _ecma(PERIOD.pattern)
    wrong = []
    for y, md, t, o in itertools.product(_YEARS, _MONTH_DAYS, _TIMES, _OFFSETS):
        text = f"{y}-{md}{t}{o}"
        day = _reads(text, lambda s: conv.structure(s, dt.date))
        per = _reads(text, lambda s: conv.structure(s, Period))
        if bool(date.search(text)) != day or bool(period.search(text)) != per:
            wrong.append(text)
    for y in _YEARS:
        for rest in ["", *_PARTS, "-01", "-12", "-13", "-00", "-1", "-01-01/9999-06-30",
                     "-01-01/0000-06-30", "-01-01/2023-13-30", "-W05", "-01-01/"]:  # fmt: skip
            text = y + rest
            if bool(period.search(text)) != _reads(text, lambda s: conv.structure(s, Period)):
                wrong.append(text)
    assert wrong == []


@pytest.mark.parametrize("md", _CALENDAR)
def test_a_day_the_month_does_not_have_is_for_load_to_refuse(md: str) -> None:
    text = f"2023-{md}"
    assert DATE.fullmatch(text)
    with pytest.raises(DocumentError):
        _load_released(text)


def test_a_range_that_ends_before_it_starts_is_for_load_to_refuse() -> None:
    assert PERIOD.fullmatch("2023-06-30/2023-01-01")
    with pytest.raises(DocumentError):
        _load_period("2023-06-30/2023-01-01")


@pytest.mark.parametrize("text", [" 2023", "2023-S1\n", "\t2023-12-31 "], ids=repr)
def test_load_strips_the_space_around_a_period_the_pattern_refuses(text: str) -> None:
    # docs/files.md says so: the one form load reads that the pattern does not.
    assert _load_period(text) == _load_period(text.strip())
    assert not _ecma(PERIOD.pattern).search(text)
