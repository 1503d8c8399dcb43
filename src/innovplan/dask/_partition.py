"""One partition's work: the in-process columnar call on pandas frames.

A partition holds targets and the observations of the same indicators. The
work on it is the in-process call (:func:`innovplan.assess_many` and its
siblings) on those two frames, once per as-of date, with the result as a
pandas frame. The same function run on empty frames gives the result's
``meta``, so the Dask schema and the rows cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np

from innovplan.errors import EvaluationError
from innovplan.model import date_or_none, not_a_time, shown

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AS_OF", "KINDS", "Job", "as_of_dates"]

AS_OF: Final = "as_of"
"""Name of the column that says which replay a row belongs to (with several dates)."""

KINDS: Final = ("assess", "forecast", "progress", "evaluate")

_ARGUMENT = "as_of"


def _call(kind: str) -> Callable[..., Any]:
    import innovplan
    from innovplan.evaluate import progress_many

    calls: dict[str, Callable[..., Any]] = {
        "assess": innovplan.assess_many,
        "forecast": innovplan.forecast_many,
        "progress": progress_many,
        "evaluate": innovplan.evaluate,
    }
    return calls[kind]


def _frame(result: Any) -> pd.DataFrame:
    """The result's pandas frame with the target id as a column, not the index."""
    frame: pd.DataFrame = result.to_frame()
    if frame.index.name is not None:
        frame = frame.reset_index()
    return frame.reset_index(drop=True)


_ZONED_TEXT = "a date and time with its UTC offset ('2024-01-01T07:00+08:00')"


def _date(func: str, value: object, position: int | None) -> dt.date:
    # The in-process calls' reader (innovplan.model.to_date), so that a date
    # means the same in a list of dates as alone.
    where = _ARGUMENT if position is None else f"{_ARGUMENT}[{position}]"
    if not_a_time(value):
        raise EvaluationError(f"{func}: {where} is NaT; give a date such as '2023-06-30'")
    day = date_or_none(value)
    if day is None:
        msg = (
            f"{func}: {where} must be a date, 'YYYY-MM-DD', a datetime64 of a day or finer "
            f"or {_ZONED_TEXT}, got {shown(value)}"
        )
        raise EvaluationError(msg)
    return day


def as_of_dates(func: str, as_of: object) -> tuple[dt.date, ...] | None:
    """Normalise *as_of*: None or one date give None, a sequence its distinct dates.

    A sequence is anything iterable (a list, a numpy array, a pandas Series
    or Index) or a Dask Series, computed once here.

    Returns:
        ``None`` for a single replay (*as_of* then goes to the in-process
        call as it is), or the dates of one replay each.

    Raises:
        EvaluationError: An element is not a date, or the sequence is empty.

    Example:
        >>> as_of_dates("assess_frame", ["2023-06-30", dt.date(2024, 6, 30)])
        (datetime.date(2023, 6, 30), datetime.date(2024, 6, 30))
        >>> as_of_dates("assess_frame", ["2023-06-30", "2023-06-30"])
        (datetime.date(2023, 6, 30),)
        >>> as_of_dates("assess_frame", "2023-06-30") is None
        True
    """
    if as_of is None or isinstance(as_of, (str, dt.date, np.datetime64)):
        return None
    compute = getattr(as_of, "compute", None)
    if callable(compute):
        as_of = compute()  # a Dask column of dates: its values, once
    try:
        items = list(as_of)  # type: ignore[call-overload]
    except TypeError:
        _date(func, as_of, None)  # raises with the argument's name, unless one date (a 0-d array)
        return None
    if not items:
        msg = f"{func}: {_ARGUMENT} is an empty sequence; give at least one date or None"
        raise EvaluationError(msg)
    # One replay per distinct date, in the order the dates first appear.
    return tuple(dict.fromkeys(_date(func, v, i) for i, v in enumerate(items)))


@attrs.frozen
class Job:
    """The in-process call to run on each partition, with its options.

    Args:
        kind: ``"assess"``, ``"forecast"``, ``"progress"`` or ``"evaluate"``.
        options: Keyword arguments of the in-process call, except *as_of*.
        as_of: One date (or None) for a single replay.
        dates: Several dates: one replay each, marked in an :data:`AS_OF` column.

    Example:
        >>> Job("forecast", {"level": 0.9}).options["level"]
        0.9
    """

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    options: Mapping[str, Any] = attrs.field(factory=dict)
    as_of: object = None
    dates: tuple[dt.date, ...] | None = None

    def __call__(self, targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
        """Run the call on one partition's targets and observations.

        Returns:
            The result frame: one row per target (per target and date with
            several dates), the target id as a column.
        """
        import pandas as pd

        call = _call(self.kind)
        if self.dates is None:
            return _frame(call(targets, observations, as_of=self.as_of, **self.options))
        parts = []
        for day in self.dates:
            frame = _frame(call(targets, observations, as_of=day, **self.options))
            stamp = pd.Series(pd.Timestamp(day), index=frame.index, dtype="datetime64[ns]")
            frame.insert(0, AS_OF, stamp)
            parts.append(frame)
        return pd.concat(parts, ignore_index=True)
