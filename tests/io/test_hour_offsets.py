"""A UTC offset in whole hours ("+08", ISO 8601-1:2019 4.3.13) reads at every date door.

SDMX TIME_PERIOD read "2024-01-01T07:00+08" while CSV, JSON, tables and
``to_date`` refused it; all read it now as its written (local) date.
Hand-checked: 2024-01-01T07:00+08 is 2023-12-31 23:00 UTC, local day 2024-01-01.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

import innovplan
from innovplan.errors import EvaluationError, InnovplanError, ModelError
from innovplan.faces._cli import main
from innovplan.model import to_date, zoned_day

JAN1 = dt.date(2024, 1, 1)
DEC31 = dt.date(2023, 12, 31)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-01-01T07:00+08", JAN1),
        ("2023-12-31T20:00-05", DEC31),
        ("2023-12-31 23:59:59-05", DEC31),
        ("2024-01-01T07:00+0800", JAN1),
    ],
)
def test_an_offset_in_whole_hours_reads_as_the_written_date(text: str, day: dt.date) -> None:
    assert zoned_day(text) == day
    assert to_date(text) == day


def test_a_csv_and_a_json_document_read_it() -> None:
    csv = "indicator,period,value,unit\nx,2024-01-01T07:00+08,5,yuan\n"
    (obs,) = innovplan.load_observations(csv, fmt="csv")
    assert obs.period.start == JAN1
    doc = {
        "format_version": "1.0",
        "observations": [
            {
                "indicator": "x",
                "period": "2024-01-01T07:00+08",
                "value": {"value": 5, "unit": "yuan"},
            }
        ],
    }
    (obs,) = innovplan.load_observations(json.dumps(doc), fmt="json")
    assert obs.period.start == JAN1


def test_the_same_stamp_reads_alike_in_csv_and_sdmx() -> None:
    sdmx = (
        "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        "X:Y(1.0),x,2024-01-01T07:00+08,5,U\n"
    )
    (by_sdmx,) = innovplan.load_observations(sdmx, units={"U": "yuan"})
    csv = "indicator,period,value,unit\nx,2024-01-01T07:00+08,5,yuan\n"
    (by_csv,) = innovplan.load_observations(csv, fmt="csv")
    assert by_sdmx.period == by_csv.period


def test_an_offset_beyond_23_hours_is_refused_with_its_reason() -> None:
    with pytest.raises(ModelError, match="no such UTC offset"):
        to_date("2024-01-01T07:00+24")


def test_to_date_keeps_zoned_days_reason() -> None:
    # Before, the generic message alone: the hour 24 was not named.
    with pytest.raises(ModelError) as info:
        to_date("2024-01-01T24:00+08:00")
    assert "has no such time of day; write hh:mm from 00:00 to 23:59" in str(info.value)


def test_as_of_messages_name_the_offset_form() -> None:
    with pytest.raises(EvaluationError) as info:
        innovplan.assess_many(
            {
                "id": ["T1"],
                "indicator": ["x"],
                "comparator": ["at_least"],
                "value": [5.0],
                "unit": ["yuan"],
                "deadline": ["2023-12-31"],
                "measure": ["level"],
            },
            {"indicator": ["x"], "period": [2023], "value": [6.0], "unit": ["yuan"]},
            as_of="soon",
        )
    assert "a date and time with its UTC offset such as '2024-01-01T07:00+08:00'" in str(info.value)


# One target, "at least 5 yuan by 2024-01-01", for the table doors below.
_TARGETS = {
    "id": ["T1"],
    "indicator": ["x"],
    "comparator": ["at_least"],
    "value": [5.0],
    "unit": ["yuan"],
    "deadline": ["2024-01-01"],
    "measure": ["level"],
}


def test_a_table_period_column_reads_it() -> None:
    observations = {
        "indicator": ["x"],
        "period": ["2024-01-01T07:00+08"],
        "value": [6.0],
        "unit": ["yuan"],
    }
    # 6 yuan observed on 2024-01-01 (local) against "at least 5 by 2024-01-01": met.
    assert bool(innovplan.assess_many(_TARGETS, observations).met[0])


def test_the_command_line_says_the_offset_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--as-of", "soon"]) != 0
    assert "date and time with its UTC offset (2024-01-01T07:00+08:00)" in capsys.readouterr().err


def test_a_period_column_error_names_the_offset_form() -> None:
    observations = {"indicator": ["x"], "period": ["soon"], "value": [6.0], "unit": ["yuan"]}
    with pytest.raises(InnovplanError) as info:
        innovplan.assess_many(_TARGETS, observations)
    assert "with its UTC offset such as '2024-01-01T07:00+08:00'" in str(info.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-12-31T25:00+08:00", "no such time of day"),
        ("2023-12-31T20:00+24:00", "no such UTC offset"),
        ("2023-02-30T20:00+08:00", "is not a date"),
    ],
)
def test_zoned_day_refuses_with_a_model_error(text: str, reason: str) -> None:
    # A library error (and still a ValueError, as datetime's own parsers raise).
    with pytest.raises(ModelError, match=reason) as caught:
        zoned_day(text)
    assert isinstance(caught.value, ValueError)
    assert repr(text) in str(caught.value)
