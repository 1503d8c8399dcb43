import datetime as dt

import pytest

from innovplan.errors import ModelError
from innovplan.model import Period
from innovplan.model._period import to_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023", "2023-01-01", "2023-12-31"),
        ("2023-S1", "2023-01-01", "2023-06-30"),
        ("2023-S2", "2023-07-01", "2023-12-31"),
        ("2023-H1", "2023-01-01", "2023-06-30"),
        ("2023-Q2", "2023-04-01", "2023-06-30"),
        ("2023-Q4", "2023-10-01", "2023-12-31"),
        ("2023-M02", "2023-02-01", "2023-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),  # leap year
        ("2023-01-15", "2023-01-15", "2023-01-15"),
        ("2023-01-01/2023-08-06", "2023-01-01", "2023-08-06"),
    ],
)
def test_parse_sdmx_forms(text, start, end):
    p = Period.parse(text)
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)


# date.fromisoformat reads the last three as days (a week date is its Monday):
# a week is not an instant, and plans write days as YYYY-MM-DD.
@pytest.mark.parametrize(
    "text",
    [
        "2023-Q5",
        "2023-S3",
        "2023-M13",
        "23",
        "2023-13-01",
        "",
        "x",
        "2023-W01",
        "2023W011",
        "20231231",
    ],
)
def test_parse_rejects_with_the_forms_it_accepts(text):
    with pytest.raises(ModelError, match="expected 2023, 2023-S1"):
        Period.parse(text)


def test_end_before_start_is_refused():
    with pytest.raises(ModelError, match=r"Period\.end: the period ends \(2023-01-01\) before"):
        Period("2023-06-30", "2023-01-01")


@pytest.mark.parametrize(
    "text",
    ["2023", "2023-12-31", "2023-H1", "2023-H2", "2023-Q3", "2023-02", "2023-01-01/2023-08-06"],
)
def test_str_round_trips_through_parse(text):
    assert str(Period.parse(text)) == text
    assert Period.parse(str(Period.parse(text))) == Period.parse(text)


def test_to_period_accepts_years_dates_and_pairs():
    assert to_period(2023) == Period.year(2023)
    assert to_period(dt.date(2023, 12, 31)).is_instant
    assert to_period(("2023-01-01", "2023-06-30")) == Period.parse("2023-H1")
    with pytest.raises(ModelError):
        to_period(2023.5)


def test_periods_order_by_start_then_end():
    assert sorted([Period.year(2023), Period.parse("2023-H1"), Period.year(2022)]) == [
        Period.year(2022),
        Period.parse("2023-H1"),
        Period.year(2023),
    ]


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2023-01-01", "2023-06-30", "2023-H1"),
        ("2023-07-01", "2023-12-31", "2023-H2"),
        ("2023-10-01", "2023-12-31", "2023-Q4"),
        ("2024-02-01", "2024-02-29", "2024-02"),
        ("2023-02-01", "2023-04-30", "2023-02-01/2023-04-30"),  # three months, not a quarter
        ("2023-04-01", "2023-09-30", "2023-04-01/2023-09-30"),  # six months, not a half
        ("2023-01-01", "2023-06-29", "2023-01-01/2023-06-29"),
    ],
)
def test_whole_halves_quarters_and_months_print_as_statistics_name_them(start, end, text):
    assert str(Period(start, end)) == text
