"""Periods that observations measure: a year, a half, a quarter, a month, a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

import attrs

from innovplan.errors import ModelError
from innovplan.model._checks import date_converter, shown
from innovplan.model._fields import named_converter, to_date

__all__ = ["Period", "period_converter", "to_period"]

# The forms SDMX uses for TIME_PERIOD (SDMX 2.1 Technical Notes, section 4.2.8,
# "Time period"), plus "H" for halves as Chinese statistics write "上半年".
# ASCII digits only: ``\d`` alone also matches "٢٠٢٣", which int() reads as 2023.
_YEAR = re.compile(r"(\d{4})", re.ASCII)
_PART = re.compile(r"(\d{4})-?([SHQM])(\d{1,2})", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", re.ASCII)
_MONTHS_PER_PART = {"S": 6, "H": 6, "Q": 3, "M": 1}
# The years a datetime.date holds.
_FIRST_YEAR, _LAST_YEAR = dt.MINYEAR, dt.MAXYEAR


def _month_span(year: int, first: int, months: int) -> tuple[dt.date, dt.date]:
    last = first + months - 1
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


@attrs.frozen(order=True)
class Period:
    """The stretch of time a figure measures, inclusive at both ends.

    A stock measured at a date has ``start == end``; a yearly flow runs from
    1 January to 31 December. Periods are ordered by start, then end.

    Example:
        >>> Period.parse("2023-H1")
        Period(start=datetime.date(2023, 1, 1), end=datetime.date(2023, 6, 30))
        >>> Period.parse("2023").is_instant, Period.parse("2023-12-31").is_instant
        (False, True)
        >>> str(Period("2023-01-01", "2023-06-30")), str(Period("2023-04-01", "2023-06-30"))
        ('2023-H1', '2023-Q2')
    """

    start: dt.date = attrs.field(converter=date_converter)  # type: ignore[misc]
    end: dt.date = attrs.field(converter=date_converter)  # type: ignore[misc]

    @end.validator
    def _end_not_before_start(self, attribute: attrs.Attribute[Any], value: dt.date) -> None:
        if value < self.start:
            msg = f"the period ends ({value}) before it starts ({self.start})"
            raise ModelError("Period", attribute.name, msg)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year *year*.

        Example:
            >>> str(Period.year(2023))
            '2023'
        """
        given: object = year  # typed int, but it comes from users and files
        if (
            isinstance(given, bool)
            or not isinstance(given, int)
            or not _FIRST_YEAR <= given <= _LAST_YEAR
        ):
            msg = f"a year is a whole number from {_FIRST_YEAR} to {_LAST_YEAR}, got {shown(year)}"
            raise ModelError("Period", "year", msg)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def at(cls, date: dt.date | str) -> Period:
        """An instant: the period of a stock measured on *date*.

        Example:
            >>> str(Period.at("2023-12-31"))
            '2023-12-31'
        """
        try:
            day = to_date(date)
        except ModelError as exc:
            raise ModelError("Period", "at", exc.message) from None
        return cls(day, day)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from its SDMX ``TIME_PERIOD`` text.

        Accepted: ``2023``, ``2023-S1``/``2023-H1``, ``2023-Q2``, ``2023-M06``,
        ``2023-06``, ``2023-01-15`` and ``2023-01-01/2023-06-30``.

        Raises:
            ModelError: *text* is none of these forms.

        Example:
            >>> Period.parse("2023-Q2").end
            datetime.date(2023, 6, 30)
        """
        given: object = text  # typed str, but it comes from users and files
        if not isinstance(given, str):
            msg = f"expected a period's text such as '2023-H1', got {shown(text)}"
            raise ModelError("Period", "", msg)
        s = text.strip()
        try:
            if m := _YEAR.fullmatch(s):
                return cls.year(int(m[1]))
            if m := _PART.fullmatch(s):
                months = _MONTHS_PER_PART[m[2]]
                index = int(m[3])
                if not 1 <= index <= 12 // months:
                    raise ValueError(s)  # noqa: TRY301 (one message for every bad form)
                return cls(*_month_span(int(m[1]), (index - 1) * months + 1, months))
            if m := _MONTH.fullmatch(s):
                return cls(*_month_span(int(m[1]), int(m[2]), 1))
            if m := _RANGE.fullmatch(s):
                return cls(m[1], m[2])
            return cls.at(s)
        except (ValueError, ModelError):
            pass
        msg = (
            f"cannot read a period from {shown(text)}; expected 2023, 2023-S1, 2023-H1, 2023-Q2, "
            "2023-M06, 2023-06, 2023-01-15, 2023-01-01/2023-06-30 or a date and time with "
            "its UTC offset such as '2024-01-01T07:00+08:00'"
        )
        raise ModelError("Period", "", msg)

    @property
    def is_instant(self) -> bool:
        """True for a stock's date (start equals end)."""
        return self.start == self.end

    @property
    def is_calendar_year(self) -> bool:
        """True when the period is exactly one calendar year."""
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    def __str__(self) -> str:
        if self.is_calendar_year:
            # Four digits at least: "0999", which parse() reads back.
            return f"{self.start.year:04d}"
        if self.is_instant:
            return self.start.isoformat()
        if part := self._calendar_part():
            return part
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def _calendar_part(self) -> str:
        # A whole half, quarter or month prints as statistics name it ("2023-H1").
        s, e = self.start, self.end
        if s.year != e.year or s.day != 1 or e != _month_span(e.year, e.month, 1)[1]:
            return ""
        months = e.month - s.month + 1
        if months == 1:
            return f"{s.year:04d}-{s.month:02d}"
        if months in {3, 6} and (s.month - 1) % months == 0:
            letter = "Q" if months == 3 else "H"
            return f"{s.year:04d}-{letter}{(s.month - 1) // months + 1}"
        return ""


def to_period(value: object) -> Period:
    """Read a :class:`Period` from a period, a year number, a string or a (start, end) pair.

    Example:
        >>> to_period(2023) == Period.parse("2023")
        True
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value)
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, dt.date):
        return Period.at(value)
    if isinstance(value, tuple | list) and len(value) == 2:
        return Period(value[0], value[1])
    msg = f"expected a period such as 2023, '2023-H1' or '2023-12-31', got {shown(value)}"
    raise ModelError("Period", "", msg)


period_converter = named_converter(to_period)
"""An attrs converter to :class:`Period` whose errors name the object and field."""
