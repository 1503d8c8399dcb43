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

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AS_OF", "KINDS", "ORDER", "Job", "as_of_dates", "tag_order"]

AS_OF: Final = "as_of"
"""Name of the column that says which replay a row belongs to (with several dates)."""

ORDER: Final = ("_innovplan_partition", "_innovplan_row")
"""Columns that carry each observation's place in the input through a shuffle."""

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


def _date(func: str, value: object, position: int | None) -> dt.date | str:
    where = _ARGUMENT if position is None else f"{_ARGUMENT}[{position}]"
    if isinstance(value, str):
        return value  # read, and refused if need be, by the in-process call
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise EvaluationError(f"{func}: {where} is NaT; give a date such as '2023-06-30'")
        return value.astype("datetime64[D]").item()  # type: ignore[no-any-return]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    msg = f"{func}: {where} must be a date or 'YYYY-MM-DD', got {type(value).__name__} {value!r}"
    raise EvaluationError(msg)


def as_of_dates(func: str, as_of: object) -> tuple[dt.date | str | None, ...] | None:
    """Normalise *as_of*: None or one date give None, a sequence gives its dates.

    Returns:
        ``None`` for a single replay (the in-process call's own *as_of*
        argument is then ``single``), or the dates of one replay each.

    Example:
        >>> as_of_dates("assess_frame", ["2023-06-30", dt.date(2024, 6, 30)])
        ('2023-06-30', datetime.date(2024, 6, 30))
        >>> as_of_dates("assess_frame", "2023-06-30") is None
        True
    """
    if as_of is None or isinstance(as_of, (str, dt.date, np.datetime64)):
        return None
    try:
        items = list(as_of)  # type: ignore[call-overload]
    except TypeError:
        _date(func, as_of, None)  # raises with the argument's name
        raise  # pragma: no cover - _date raised already
    if not items:
        msg = f"{func}: {_ARGUMENT} is an empty sequence; give at least one date or None"
        raise EvaluationError(msg)
    return tuple(_date(func, v, i) for i, v in enumerate(_as_numpy_scalars(items)))


def _as_numpy_scalars(items: list[Any]) -> list[Any]:
    # pandas Timestamps are datetimes; anything else numpy-like becomes datetime64.
    out: list[Any] = []
    for v in items:
        to_datetime64 = getattr(v, "to_datetime64", None)
        out.append(to_datetime64() if callable(to_datetime64) else v)
    return out


def tag_order(frame: pd.DataFrame, partition_info: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Add the partition number and row number of each observation (see :data:`ORDER`).

    A shuffle may deliver rows in any order; sorting by these columns restores
    the input order, which decides between two figures of the same period and
    release as it does in process.

    Example:
        >>> import pandas as pd
        >>> tag_order(pd.DataFrame({"v": [1.0, 2.0]}), {"number": 3})[list(ORDER)].values.tolist()
        [[3, 0], [3, 1]]
    """
    number = 0 if partition_info is None else int(partition_info["number"])
    n = len(frame)
    return frame.assign(
        **{ORDER[0]: np.full(n, number, dtype=np.int64), ORDER[1]: np.arange(n, dtype=np.int64)}
    )


def _restore_order(frame: pd.DataFrame) -> pd.DataFrame:
    if ORDER[0] not in frame.columns:
        return frame
    part = frame[ORDER[0]].to_numpy()
    row = frame[ORDER[1]].to_numpy()
    order = np.lexsort((row, part))
    return frame.iloc[order].drop(columns=list(ORDER)).reset_index(drop=True)


@attrs.frozen
class Job:
    """The in-process call to run on each partition, with its options.

    Args:
        kind: ``"assess"``, ``"forecast"``, ``"progress"`` or ``"evaluate"``.
        options: Keyword arguments of the in-process call, except *as_of*.
        as_of: One date (or None) for a single replay.
        dates: Several dates: one replay each, marked in an :data:`AS_OF` column.

    Example:
        >>> import pandas as pd
        >>> job = Job("assess")
        >>> job.kind
        'assess'
    """

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    options: Mapping[str, Any] = attrs.field(factory=dict)
    as_of: object = None
    dates: tuple[dt.date | str | None, ...] | None = None

    def __call__(self, targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
        """Run the call on one partition's targets and observations.

        Returns:
            The result frame: one row per target (per target and date with
            several dates), the target id as a column.
        """
        import pandas as pd

        call = _call(self.kind)
        observations = _restore_order(observations)
        if self.dates is None:
            return _frame(call(targets, observations, as_of=self.as_of, **self.options))
        parts = []
        for day in self.dates:
            frame = _frame(call(targets, observations, as_of=day, **self.options))
            stamp = pd.Timestamp(day) if day is not None else pd.NaT
            frame.insert(0, AS_OF, pd.Series(stamp, index=frame.index, dtype="datetime64[ns]"))
            parts.append(frame)
        return pd.concat(parts, ignore_index=True)
