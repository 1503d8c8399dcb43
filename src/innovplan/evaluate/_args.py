"""Checks of the evaluation functions' arguments: each error names the function and argument.

``forecast(t, obs, level=None)`` says ``forecast() argument level: expected a
number strictly between 0 and 1, got None`` instead of a ``TypeError`` from
``float()``; a list of observations holding something else names its position.

Example:
    >>> level("forecast", None)
    Traceback (most recent call last):
    ...
    innovplan.errors.EvaluationError: forecast() argument level: expected a number ... got None
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from innovplan.engine import ArraySeries, Histories, column_histories, with_other_flows
from innovplan.errors import EvaluationError
from innovplan.model import (
    Observation,
    Plan,
    Series,
    Target,
    Tolerance,
    date_or_none,
    flag_value,
    items_of,
    not_a_time,
    number_value,
    real_number,
    shown,
)

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "checked_histories",
    "choice",
    "date",
    "evidence",
    "fail",
    "flag",
    "level",
    "observations",
    "target",
    "targets",
    "tolerance",
]


def fail(func: str, name: str, expected: str, value: object) -> EvaluationError:
    """The error for argument *name* of *func*: what was expected, what arrived.

    Example:
        >>> print(fail("assess", "target", "a Target", 5))
        assess() argument target: expected a Target, got 5
    """
    return EvaluationError(f"{func}() argument {name}: expected {expected}, got {shown(value)}")


def target(func: str, value: object) -> Target:
    """*value* when it is a :class:`Target`.

    Example:
        >>> target("assess", "T1")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: assess() argument target: expected a Target, got 'T1'
    """
    if not isinstance(value, Target):
        raise fail(func, "target", "a Target", value)
    if value.every:
        msg = (
            f"{func}() argument target: {value.id!r} holds for every group of "
            f"{', '.join(value.every)} and has a result per group: use {func}_many()"
        )
        raise EvaluationError(msg)
    return value


def targets(func: str, value: object) -> tuple[Target, ...]:
    """Targets from a plan or a sequence of targets, each checked.

    Example:
        >>> targets("assess_many", [None])
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: assess_many() argument targets[0]: expected a Target, ...
    """
    if isinstance(value, Plan):
        return value.targets
    items = items_of(value)
    if items is None:
        raise fail(func, "targets", "a Plan or a list of Targets", value)
    for i, t in enumerate(items):
        if not isinstance(t, Target):
            raise fail(func, f"targets[{i}]", "a Target", t)
    return items


def observations(func: str, value: object, name: str = "observations") -> tuple[Observation, ...]:
    """Observations from a series, a mapping of id to series, or an iterable, each checked.

    Example:
        >>> observations("forecast_many", [1.0])
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: forecast_many() argument observations[0]: expected ...
    """
    if isinstance(value, Series):
        return value.observations
    if isinstance(value, Mapping):
        out: list[Observation] = []
        for key, series in value.items():
            where = f"{name}[{shown(key)}]"
            items = series.observations if isinstance(series, Series) else items_of(series)
            if items is None:
                raise fail(func, where, "a Series or a list of Observations", series)
            out.extend(_checked(func, where, items))
        return tuple(out)
    items = items_of(value)
    if items is None:
        expected = "observations (a list, a Series or a mapping of indicator id to Series)"
        raise fail(func, name, expected, value)
    return _checked(func, name, items)


def evidence(func: str, value: object) -> tuple[Observation, ...] | ArraySeries:
    """*value* as it is when it is an :class:`ArraySeries`, else :func:`observations`.

    Example:
        >>> evidence("assess_many", 3)
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: assess_many() argument observations: expected ...
    """
    return value if isinstance(value, ArraySeries) else observations(func, value)


def _checked(func: str, name: str, out: tuple[object, ...]) -> tuple[Observation, ...]:
    for i, o in enumerate(out):
        if not isinstance(o, Observation):
            raise fail(func, f"{name}[{i}]", "an Observation", o)
    return out  # type: ignore[return-value]  # every item checked above


_DATE_EXPECTED = (
    "a date (a datetime.date, 'YYYY-MM-DD', or a date and time with its UTC offset "
    "such as '2024-01-01T07:00+08:00') or None"
)


def date(func: str, name: str, value: object) -> dt.date | None:
    """A date (or None) as :func:`innovplan.model.to_date` reads it.

    A ``date``, a ``datetime`` or ``pandas.Timestamp`` (its own calendar
    date), ``'YYYY-MM-DD'``, ISO text with a UTC offset, or a numpy
    ``datetime64`` of a day or finer. ``NaT`` is refused by name.

    Example:
        >>> import numpy as np
        >>> date("assess", "as_of", np.datetime64("2023-01-29T12:00", "ns"))
        datetime.date(2023, 1, 29)
        >>> date("assess", "as_of", "2023-13-01")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: assess() argument as_of: expected a date ...
    """
    if value is None:
        return None
    if not_a_time(value):
        # NaT is how a table says "no date": name it, None is the way to say so here.
        expected = f"{_DATE_EXPECTED} (NaT is not a date; None uses every release)"
        raise fail(func, name, expected, value)
    day = date_or_none(value)
    if day is None:
        raise fail(func, name, _DATE_EXPECTED, value)
    return day


def tolerance(func: str, value: object) -> Tolerance | None:
    """*value* when it is a :class:`Tolerance` or None.

    Example:
        >>> tolerance("assess", 0.05)
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: assess() argument tolerance: expected a Tolerance ...
    """
    if value is not None and not isinstance(value, Tolerance):
        expected = "a Tolerance such as Tolerance(relative=0.05), or None"
        raise fail(func, "tolerance", expected, value)
    return value


def choice(func: str, name: str, value: object, valid: Iterable[str]) -> str:
    """*value* when it is a string; whether it is one of *valid* is the caller's to say.

    Example:
        >>> choice("forecast", "method", ["auto"], ("auto", "linear"))
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: forecast() argument method: expected one of ...
    """
    if not isinstance(value, str):
        raise fail(func, name, f"one of {', '.join(valid)}", value)
    return value


def level(func: str, value: object) -> float:
    """The interval's probability: a real number strictly between 0 and 1.

    Example:
        >>> level("forecast", 0.8)
        0.8
    """
    x = number_value(value)
    if x is None or not 0.0 < x < 1.0:
        expected = "a number strictly between 0 and 1 (the interval's probability)"
        raise fail(func, "level", expected, value)
    return x


def flag(func: str, name: str, value: object) -> bool:
    """*value* as True or False: a bool, numpy's too, or the ints 1 and 0.

    Example:
        >>> flag("forecast", "within_year", "yes")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: forecast() argument within_year: expected True or ...
    """
    x = flag_value(value)
    if x is None:
        raise fail(func, name, "True or False (or 1 or 0)", value)
    return x


def positive(func: str, name: str, value: object) -> float | None:
    """A finite real number > 0, or None.

    Example:
        >>> positive("progress", "window", 5)
        5.0
    """
    if value is None:
        return None
    x = real_number(value)
    if x is None or not (math.isfinite(x) and x > 0):
        raise fail(func, name, "a finite number of years > 0, or None", value)
    return x


def checked_histories(
    func: str, given_targets: object, given_observations: object, as_of: object, given_tol: object
) -> Histories:
    """:func:`histories` from a public function's arguments, each checked in *func*'s name.

    Example:
        >>> checked_histories("forecast_many", [], [], "2023-13-01", None)
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: forecast_many() argument as_of: expected a date ...
    """
    from innovplan.evaluate._tables import columns, raw_observations  # tables or objects

    day = date(func, "as_of", as_of)
    tol = tolerance(func, given_tol)
    tc, oc = columns(func, given_targets, given_observations, tol)
    h = column_histories(tc, oc, as_of=day)
    if not (h.ytd_row >= 0).any():
        # No year-to-date figure: no target borrows other flows' shares, and
        # the observations are not read again as rows.
        return h
    # Without any past share of their own, the other flows' in the observations.
    return with_other_flows(h, raw_observations(func, given_observations))
