"""A date and time with its UTC offset, in a document or given to the model, is its local date.

Hand-checked moments, on both sides of local midnight:

    written                        UTC                 local day    UTC day
    2024-01-01T07:00+08:00         2023-12-31 23:00    2024-01-01   2023-12-31
    2024-01-01T00:30+08:00         2023-12-31 16:30    2024-01-01   2023-12-31
    2023-12-31T20:00-05:00         2024-01-01 01:00    2023-12-31   2024-01-01
    2023-12-31T23:59:59-05:00      2024-01-01 04:59    2023-12-31   2024-01-01

The local day is the date the text writes. A date and time without an offset
is refused in documents, as before: its clock could be UTC's or the
publisher's, whose dates differ near midnight.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import innovplan
import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError, ModelError
from innovplan.faces import observations_from_frame
from innovplan.model import Observation, Period, to_date, zoned_day

DEC31, JAN1 = dt.date(2023, 12, 31), dt.date(2024, 1, 1)
BEIJING = dt.timezone(dt.timedelta(hours=8))
NEW_YORK_WINTER = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-01-01T07:00+08:00", JAN1),
        ("2024-01-01T00:30+08:00", JAN1),
        ("2023-12-31T20:00-05:00", DEC31),
        ("2023-12-31T23:59:59-05:00", DEC31),
        ("2023-12-31 23:59:59.999999999 -0500", DEC31),
        ("2023-12-31T23:30Z", DEC31),
    ],
)
def test_zoned_text_is_its_written_date(text, day):
    assert zoned_day(text) == day
    assert to_date(text) == day


def test_text_without_an_offset_is_not_zoned():
    assert zoned_day("2023-12-31T20:00") is None
    assert zoned_day("2023-12-31") is None
    with pytest.raises(ModelError, match="with its UTC offset, got '2023-12-31T20:00'"):
        to_date("2023-12-31T20:00")


def test_the_model_reads_zoned_datetimes_and_text_as_local_dates():
    by_object = Observation(
        "x",
        Q_(5, "yuan"),
        dt.datetime(2023, 12, 31, 20, tzinfo=NEW_YORK_WINTER),
        released=dt.datetime(2024, 1, 1, 7, tzinfo=BEIJING),
    )
    by_text = Observation(
        "x", Q_(5, "yuan"), "2023-12-31T20:00-05:00", released="2024-01-01T07:00+08:00"
    )
    for obs in (by_object, by_text):
        assert (obs.period, obs.released) == (Period.at(DEC31), JAN1)


# -- observation documents ----------------------------------------------------------

_JSON = """{"format_version": "1.0", "observations": [{"indicator": "x",
  "value": {"value": 5, "unit": "yuan"}, "period": "PERIOD", "released": "RELEASED"}]}"""
_YAML = """format_version: '1.0'
observations:
- indicator: x
  value: {value: 5, unit: yuan}
  period: PERIOD
  released: RELEASED
"""
_TOML = """format_version = "1.0"
[[observations]]
indicator = "x"
value = {value = 5, unit = "yuan"}
period = PERIOD
released = RELEASED
"""
_CSV = "indicator,period,value,unit,released\nx,PERIOD,5,yuan,RELEASED\n"


def _document(fmt: str, period: str, released: str) -> str:
    text = {"json": _JSON, "yaml": _YAML, "toml": _TOML, "csv": _CSV}[fmt]
    return text.replace("PERIOD", period).replace("RELEASED", released)


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml", "csv"])
@pytest.mark.parametrize(
    ("period", "released"),
    [
        # A year-end stock stamped in New York, released in Beijing the next morning.
        ("2023-12-31T20:00:00-05:00", "2024-01-01T07:00:00+08:00"),
        ("2023-12-31T23:59:59-05:00", "2024-01-01T00:30:00+08:00"),
    ],
)
def test_observation_documents_read_zoned_stamps_as_local_dates(fmt, period, released):
    (obs,) = ipio.load_observations(_document(fmt, period, released), fmt=fmt)
    assert (obs.period, obs.released) == (Period.at(DEC31), JAN1)


def test_yaml_stamps_with_a_space_before_the_offset_are_zoned():
    # YAML 1.1 timestamps: "2023-12-31 20:00:00 -05:00" is a moment in New York.
    text = _document("yaml", "2023-12-31 20:00:00 -05:00", "2024-01-01 07:00:00 +08:00")
    (obs,) = ipio.load_observations(text, fmt="yaml")
    assert (obs.period, obs.released) == (Period.at(DEC31), JAN1)


@pytest.mark.parametrize(
    ("fmt", "released"),
    [
        ("json", "2024-01-01T07:00:00"),
        ("csv", "2024-01-01T07:00:00"),
        ("yaml", "2024-01-01 07:00:00"),
        ("toml", "2024-01-01T07:00:00"),
    ],
)
def test_a_date_and_time_without_an_offset_is_refused_with_what_to_write(fmt, released):
    with pytest.raises(DocumentError) as info:
        ipio.load_observations(_document(fmt, "2023", released), fmt=fmt)
    (problem,) = info.value.problems
    assert problem.path.endswith("released")
    assert problem.message.startswith("expected a date, got")
    assert "2024-01-01T07:00+08:00" in problem.hint


def test_zoned_text_that_does_not_exist_is_refused():
    text = _document("json", "2023", "2023-12-31T25:00+08:00")
    with pytest.raises(DocumentError) as info:
        ipio.load_observations(text, fmt="json")
    (problem,) = info.value.problems
    assert problem.path == "observations[0].released"
    assert "no such time of day" in problem.message


def test_sdmx_time_periods_with_offsets_measure_their_local_day():
    text = (
        "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        "A:B(1.0),X,2023-12-31T20:00-05:00,5,CNY\n"
        "A:B(1.0),X,2024-01-01T07:00+08:00,6,CNY\n"
    )
    first, second = ipio.load_observations(text, fmt="sdmx-csv")
    assert (first.period, second.period) == (Period.at(DEC31), Period.at(JAN1))


# -- plan documents -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (
            "json",
            (
                '{"format_version": "1.0", "id": "p", "title": "P", '
                '"start": "2023-01-01T00:30+08:00", "end": "2023-12-31T20:00-05:00"}'
            ),
        ),
        (
            "yaml",
            (
                "format_version: '1.0'\nid: p\ntitle: P\n"
                "start: 2023-01-01T00:30:00+08:00\nend: 2023-12-31 20:00:00 -05:00\n"
            ),
        ),
        (
            "toml",
            (
                'format_version = "1.0"\nid = "p"\ntitle = "P"\n'
                "start = 2023-01-01T00:30:00+08:00\nend = 2023-12-31T20:00:00-05:00\n"
            ),
        ),
    ],
)
def test_plan_dates_with_offsets_are_local_dates(fmt, text):
    # 2023-01-01T00:30+08:00 is 2022-12-31 in UTC; 2023-12-31T20:00-05:00 is 2024-01-01.
    plan = innovplan.load(text, fmt=fmt)
    assert (plan.start, plan.end) == (dt.date(2023, 1, 1), DEC31)


# -- pandas frames of observations ------------------------------------------------


def test_observations_from_a_frame_read_zoned_stamps_as_local_dates():
    frame = pd.DataFrame(
        {
            "indicator": ["x", "x"],
            # 2024-01-01 01:00 UTC in New York; 2023-12-31 16:30 UTC in Beijing.
            "period_start": [
                pd.Timestamp("2023-12-31 20:00", tz="America/New_York"),
                "2024-01-01T00:30+08:00",
            ],
            "value": [5, 6],
            "unit": ["yuan", "yuan"],
            "released": pd.to_datetime(["2023-12-31T23:00", "2023-12-31T23:00"])
            .tz_localize("UTC")
            .tz_convert("Asia/Shanghai"),  # 2024-01-01 07:00 in Beijing
        }
    )
    first, second = observations_from_frame(frame)
    assert (first.period, second.period) == (Period.at(DEC31), Period.at(JAN1))
    assert first.released == second.released == JAN1


def test_a_naive_frame_stamp_with_a_time_of_day_is_still_refused():
    frame = pd.DataFrame(
        {
            "indicator": ["x"],
            "period": ["2023"],
            "value": [5],
            "unit": ["yuan"],
            "released": pd.to_datetime(["2024-01-01 07:00"]),
        }
    )
    with pytest.raises(DocumentError, match=r"row 0\.released: .*time of day and no zone"):
        observations_from_frame(frame)
