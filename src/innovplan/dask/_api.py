"""The four partition-wise calls: assess, forecast, progress and evaluate on Dask frames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from innovplan.dask._frames import run
from innovplan.dask._partition import Job, as_of_dates

if TYPE_CHECKING:
    import dask.dataframe as dd

__all__ = ["assess_frame", "evaluate_frame", "forecast_frame", "progress_frame"]


def _frame(
    kind: str,
    func: str,
    targets: dd.DataFrame,
    observations: dd.DataFrame,
    *,
    as_of: object,
    npartitions: int | None,
    copartitioned: bool,
    options: dict[str, Any],
) -> dd.DataFrame:
    dates = as_of_dates(func, as_of)
    job = Job(kind, options, as_of=None if dates is not None else as_of, dates=dates)
    return run(
        func, job, targets, observations, npartitions=npartitions, copartitioned=copartitioned
    )


def assess_frame(
    targets: dd.DataFrame,
    observations: dd.DataFrame,
    *,
    as_of: object = None,
    npartitions: int | None = None,
    copartitioned: bool = False,
    **options: Any,
) -> dd.DataFrame:
    """Assess every target of a Dask frame, partition by partition.

    Each partition runs :func:`innovplan.assess_many` on its targets and the
    observations of their indicators; the rows are those of the in-process
    call on the whole tables, in another order (sort by ``target``, and by
    ``as_of`` first with several dates).

    Args:
        targets: Targets, one row each, with the columns of the in-process
            target table (``docs/tables.md``).
        observations: Observations, one row per figure, with the columns of
            the in-process observation table.
        as_of: Replay what was known on a date; a sequence of dates (a list,
            a numpy array, a pandas or Dask Series) replays each distinct
            date, and the result gains a leading ``as_of`` column
            (``datetime64[ns]``).
        npartitions: Partitions after the shuffle by indicator; the larger
            of the two frames' counts when None. Not with *copartitioned*.
        copartitioned: The caller's partitions already agree: partition *i*
            of *observations* holds every observation of the indicators of
            partition *i* of *targets*. Checked (one pass over the
            ``indicator`` columns) instead of shuffled.
        **options: Further keyword arguments of :func:`innovplan.assess_many`
            (*tolerance*).

    Returns:
        A lazy frame whose ``meta`` is the in-process result on empty tables.

    Raises:
        EvaluationError: An argument is not a Dask frame, lacks ``indicator``,
            or the partitions do not agree under *copartitioned*.
        InnovplanError: What the in-process call raises on bad input, on the
            caller's side when the options or columns are wrong and from
            :meth:`~dask.dataframe.DataFrame.compute` when a row is.

    Example:
        >>> from innovplan.dask import assess_frame
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> targets = dd.from_pandas(pd.DataFrame({
        ...     "id": ["T8", "T8b"], "indicator": ["hte", "hte"],
        ...     "comparator": ["more_than", "at_least"], "value": [13000.0, 16000.0],
        ...     "unit": ["enterprise", "enterprise"], "measure": ["level", "level"],
        ...     "deadline": ["2023-12-31", "2025-12-31"], "start": ["2021-01-01"] * 2,
        ... }), npartitions=2)
        >>> observations = dd.from_pandas(pd.DataFrame({
        ...     "indicator": ["hte"] * 3, "period": [2021, 2022, 2023],
        ...     "value": [11000.0, 12000.0, 14500.0], "unit": ["enterprise"] * 3,
        ... }), npartitions=1)
        >>> result = assess_frame(targets, observations)
        >>> df = result.compute(scheduler="sync").sort_values("target")
        >>> print(df[["target", "status", "attainment"]].round(4).to_string(index=False))
        target   status  attainment
            T8 achieved      1.1154
           T8b  pending      0.9062

        14500 / 13000 = 1.1154; 2025 is not observed yet and 14500 / 16000 = 0.9062.
    """
    return _frame(
        "assess",
        "assess_frame",
        targets,
        observations,
        as_of=as_of,
        npartitions=npartitions,
        copartitioned=copartitioned,
        options=options,
    )


def forecast_frame(
    targets: dd.DataFrame,
    observations: dd.DataFrame,
    *,
    as_of: object = None,
    npartitions: int | None = None,
    copartitioned: bool = False,
    **options: Any,
) -> dd.DataFrame:
    """Forecast every target of a Dask frame to its deadline, partition by partition.

    Each partition runs :func:`innovplan.forecast_many`; arguments and
    guarantees are those of :func:`assess_frame`.

    Args:
        targets: Targets, with the columns of the in-process target table.
        observations: Observations, with the columns of the in-process
            observation table.
        as_of: A date, or a sequence of dates to replay each.
        npartitions: Partitions after the shuffle by indicator.
        copartitioned: The caller's partitions already agree (checked).
        **options: Further keyword arguments of :func:`innovplan.forecast_many`
            (*method*, *level*, *tolerance*, *within_year*, *scale*).

    Returns:
        A lazy frame whose ``meta`` is the in-process result on empty tables.

    Raises:
        EvaluationError: As for :func:`assess_frame`.
        InnovplanError: What :func:`innovplan.forecast_many` raises.

    Example:
        >>> from innovplan.dask import forecast_frame
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> targets = dd.from_pandas(pd.DataFrame({
        ...     "id": ["T8", "T8b"], "indicator": ["hte", "hte"],
        ...     "comparator": ["more_than", "at_least"], "value": [13000.0, 16000.0],
        ...     "unit": ["enterprise", "enterprise"], "measure": ["level", "level"],
        ...     "deadline": ["2023-12-31", "2025-12-31"], "start": ["2021-01-01"] * 2,
        ... }), npartitions=2)
        >>> observations = dd.from_pandas(pd.DataFrame({
        ...     "indicator": ["hte"] * 3, "period": [2021, 2022, 2023],
        ...     "value": [11000.0, 12000.0, 14500.0], "unit": ["enterprise"] * 3,
        ... }), npartitions=1)
        >>> from innovplan import forecast_many
        >>> local = forecast_many(targets.compute(), observations.compute()).to_frame()
        >>> df = forecast_frame(targets, observations).compute(scheduler="sync")
        >>> df.sort_values("target", ignore_index=True).equals(
        ...     local.reset_index().sort_values("target", ignore_index=True))
        True
    """
    return _frame(
        "forecast",
        "forecast_frame",
        targets,
        observations,
        as_of=as_of,
        npartitions=npartitions,
        copartitioned=copartitioned,
        options=options,
    )


def progress_frame(
    targets: dd.DataFrame,
    observations: dd.DataFrame,
    *,
    as_of: object = None,
    npartitions: int | None = None,
    copartitioned: bool = False,
    **options: Any,
) -> dd.DataFrame:
    """Grade every target of a Dask frame by a published progress method.

    Each partition runs :func:`innovplan.evaluate.progress_many`; arguments
    and guarantees are those of :func:`assess_frame`.

    Args:
        targets: Targets, with the columns of the in-process target table.
        observations: Observations, with the columns of the in-process
            observation table.
        as_of: A date, or a sequence of dates to replay each.
        npartitions: Partitions after the shuffle by indicator.
        copartitioned: The caller's partitions already agree (checked).
        **options: Further keyword arguments of
            :func:`innovplan.evaluate.progress_many` (*method*, *base*,
            *window*, *thresholds*, *growth*, *tolerance*, *limit*).

    Returns:
        A lazy frame whose ``meta`` is the in-process result on empty tables.

    Raises:
        EvaluationError: As for :func:`assess_frame`.
        InnovplanError: What :func:`innovplan.evaluate.progress_many` raises.

    Example:
        >>> from innovplan.dask import progress_frame
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> targets = dd.from_pandas(pd.DataFrame({
        ...     "id": ["T8", "T8b"], "indicator": ["hte", "hte"],
        ...     "comparator": ["more_than", "at_least"], "value": [13000.0, 16000.0],
        ...     "unit": ["enterprise", "enterprise"], "measure": ["level", "level"],
        ...     "deadline": ["2023-12-31", "2025-12-31"], "start": ["2021-01-01"] * 2,
        ... }), npartitions=2)
        >>> observations = dd.from_pandas(pd.DataFrame({
        ...     "indicator": ["hte"] * 3, "period": [2021, 2022, 2023],
        ...     "value": [11000.0, 12000.0, 14500.0], "unit": ["enterprise"] * 3,
        ... }), npartitions=1)
        >>> from innovplan.evaluate import progress_many
        >>> local = progress_many(targets.compute(), observations.compute()).to_frame()
        >>> df = progress_frame(targets, observations).compute(scheduler="sync")
        >>> df.sort_values("target", ignore_index=True).equals(
        ...     local.reset_index().sort_values("target", ignore_index=True))
        True
    """
    return _frame(
        "progress",
        "progress_frame",
        targets,
        observations,
        as_of=as_of,
        npartitions=npartitions,
        copartitioned=copartitioned,
        options=options,
    )


def evaluate_frame(
    targets: dd.DataFrame,
    observations: dd.DataFrame,
    *,
    as_of: object = None,
    npartitions: int | None = None,
    copartitioned: bool = False,
    **options: Any,
) -> dd.DataFrame:
    """Every target assessed, and forecast where still open, as :func:`innovplan.evaluate` does.

    Each partition runs :func:`innovplan.evaluate` on its targets as a flat
    plan and keeps the report's per-target rows. Roll-ups span partitions,
    so they are not made here: group the result by your own columns.

    Args:
        targets: Targets, with the columns of the in-process target table.
        observations: Observations, with the columns of the in-process
            observation table.
        as_of: A date, or a sequence of dates to replay each.
        npartitions: Partitions after the shuffle by indicator.
        copartitioned: The caller's partitions already agree (checked).
        **options: Further keyword arguments of :func:`innovplan.evaluate`.

    Returns:
        A lazy frame whose ``meta`` is the in-process report frame on empty tables.

    Raises:
        EvaluationError: As for :func:`assess_frame`.
        InnovplanError: What :func:`innovplan.evaluate` raises.

    Example:
        >>> from innovplan.dask import evaluate_frame
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> targets = dd.from_pandas(pd.DataFrame({
        ...     "id": ["T8", "T8b"], "indicator": ["hte", "hte"],
        ...     "comparator": ["more_than", "at_least"], "value": [13000.0, 16000.0],
        ...     "unit": ["enterprise", "enterprise"], "measure": ["level", "level"],
        ...     "deadline": ["2023-12-31", "2025-12-31"], "start": ["2021-01-01"] * 2,
        ... }), npartitions=2)
        >>> observations = dd.from_pandas(pd.DataFrame({
        ...     "indicator": ["hte"] * 3, "period": [2021, 2022, 2023],
        ...     "value": [11000.0, 12000.0, 14500.0], "unit": ["enterprise"] * 3,
        ... }), npartitions=1)
        >>> df = evaluate_frame(targets, observations).compute(scheduler="sync")
        >>> df.set_index("target").loc[["T8", "T8b"], "status"].tolist()
        ['achieved', 'on_track']

        T8 is decided by its 2023 figure; T8b, open until 2025, takes the
        status of its trajectory, as in :func:`innovplan.evaluate`.
    """
    return _frame(
        "evaluate",
        "evaluate_frame",
        targets,
        observations,
        as_of=as_of,
        npartitions=npartitions,
        copartitioned=copartitioned,
        options=options,
    )
