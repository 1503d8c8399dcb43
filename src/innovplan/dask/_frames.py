"""Dask DataFrames of targets and observations in, a Dask DataFrame of results out."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from innovplan.errors import EvaluationError, MissingDependencyError

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

    from innovplan.dask._partition import Job

__all__ = ["run"]

INDICATOR: Final = "indicator"

# Dask's collection methods are untyped: frames are handled as Any in here, and
# the public functions state the Dask types.


def _dask() -> Any:
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError:
        raise MissingDependencyError("dask", "dask", "Dask data frames") from None


def _check_frame(func: str, name: str, frame: object, dd: Any) -> Any:
    if not isinstance(frame, dd.DataFrame):
        msg = (
            f"{func}: {name} must be a dask.dataframe.DataFrame, got {type(frame).__name__}; "
            "for a pandas, polars or Arrow table use the in-process call "
            "(innovplan.assess_many and its siblings)"
        )
        raise EvaluationError(msg)
    columns: Any = frame.columns
    if INDICATOR not in columns:
        have = ", ".join(map(str, columns)) or "none"
        msg = (
            f"{func}: the {name} frame has no {INDICATOR!r} column, which partitions the work; "
            f"its columns: {have}"
        )
        raise EvaluationError(msg)
    return frame


def _distinct(part: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    """A partition's distinct indicators, with the partition's number."""
    number = 0 if partition_info is None else int(partition_info["number"])
    return part[[INDICATOR]].drop_duplicates().assign(partition=number)


def _parts(frame: Any) -> Any:
    # Over the whole frame, not a projection of it: a reader that reads one
    # column may fuse partitions, and the check must see the partitions the
    # work will see.
    meta = frame._meta[[INDICATOR]].assign(partition=0)  # noqa: SLF001 (dask's public meta)
    return frame.map_partitions(_distinct, meta=meta)


def _check_copartitioned(func: str, targets: Any, observations: Any) -> None:
    """Refuse partitions that do not agree on where each indicator lives."""
    import dask

    if targets.npartitions != observations.npartitions:
        msg = (
            f"{func}: copartitioned=True needs as many target partitions as observation "
            f"partitions, got {targets.npartitions} and {observations.npartitions}; "
            "or pass copartitioned=False to shuffle both by indicator"
        )
        raise EvaluationError(msg)
    compute: Any = dask.compute  # type: ignore[attr-defined] # re-exported by dask, not declared
    t, o = compute(_parts(targets), _parts(observations))
    both = t.merge(o, on=INDICATOR, suffixes=("_targets", "_observations"))
    wrong = both[both["partition_targets"] != both["partition_observations"]]
    if len(wrong):
        row = wrong.iloc[0]
        msg = (
            f"{func}: copartitioned=True, but indicator {row[INDICATOR]!r} has targets in "
            f"partition {row['partition_targets']} and observations in partition "
            f"{row['partition_observations']} ({len(wrong)} such pairs); give each "
            "indicator's targets and observations the same partition, or pass "
            "copartitioned=False to shuffle both by indicator"
        )
        raise EvaluationError(msg)


def _npartitions(func: str, npartitions: object) -> int | None:
    if npartitions is None:
        return None
    if isinstance(npartitions, bool) or not isinstance(npartitions, int) or npartitions < 1:
        msg = f"{func}: npartitions must be a positive int or None, got {npartitions!r}"
        raise EvaluationError(msg)
    return npartitions


def run(
    func: str,
    job: Job,
    targets: object,
    observations: object,
    *,
    npartitions: int | None,
    copartitioned: bool,
) -> dd.DataFrame:
    """Map *job* over co-partitioned targets and observations.

    Returns:
        The lazy result frame, its ``meta`` the job's result on empty frames.
    """
    dask_dataframe = _dask()
    t = _check_frame(func, "targets", targets, dask_dataframe)
    o = _check_frame(func, "observations", observations, dask_dataframe)
    n = _npartitions(func, npartitions)
    # One source of truth for the schema: the in-process call on empty
    # partitions. It also checks the options and the columns before any work.
    meta = job(t._meta, o._meta)  # noqa: SLF001 (dask's public meta)
    if copartitioned:
        if n is not None:
            msg = (
                f"{func}: npartitions={n} sets the partitions of the shuffle; with "
                "copartitioned=True there is none and the partitions are the frames' own"
            )
            raise EvaluationError(msg)
        _check_copartitioned(func, t, o)
    else:
        if t[INDICATOR].dtype != o[INDICATOR].dtype:
            # Equal keys hash alike only within one dtype.
            t = t.astype({INDICATOR: "string"})
            o = o.astype({INDICATOR: "string"})
        n = n or max(t.npartitions, o.npartitions)
        t = t.shuffle(on=INDICATOR, npartitions=n)
        o = o.shuffle(on=INDICATOR, npartitions=n)
    result: dd.DataFrame = dask_dataframe.map_partitions(
        job, t, o, meta=meta, align_dataframes=False
    )
    return result
