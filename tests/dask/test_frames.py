"""innovplan.dask: the rows of the in-process call, for any partitioning, on any scheduler."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import dask
import innovplan
from innovplan.dask import assess_frame, evaluate_frame, forecast_frame, progress_frame
from innovplan.errors import EvaluationError, InnovplanError
from innovplan.evaluate import progress_many

FRAME = {
    "assess": assess_frame,
    "forecast": forecast_frame,
    "progress": progress_frame,
    "evaluate": evaluate_frame,
}
IN_PROCESS = {
    "assess": innovplan.assess_many,
    "forecast": innovplan.forecast_many,
    "progress": progress_many,
    "evaluate": innovplan.evaluate,
}
AS_OF = ["2019-06-30", "2022-06-30", "2025-06-30"]


@pytest.fixture(scope="module")
def client():
    # One cluster of two worker processes for the module, closed with it.
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def frame_of(result) -> pd.DataFrame:
    df = result.to_frame()
    if df.index.name is not None:
        df = df.reset_index()
    return df.reset_index(drop=True)


def in_process(kind, targets, observations, **kw) -> pd.DataFrame:
    return frame_of(IN_PROCESS[kind](targets, observations, **kw))


def in_process_dates(kind, targets, observations, dates) -> pd.DataFrame:
    # The documented meaning of a sequence of dates: one in-process replay per date.
    parts = []
    for day in dates:
        df = in_process(kind, targets, observations, as_of=day)
        df.insert(0, "as_of", pd.Series(pd.Timestamp(day), index=df.index, dtype="datetime64[ns]"))
        parts.append(df)
    return pd.concat(parts, ignore_index=True)


def by_key(df: pd.DataFrame) -> pd.DataFrame:
    key = ["as_of", "target"] if "as_of" in df.columns else ["target"]
    return df.sort_values(key, kind="stable").reset_index(drop=True)


def lazy(tables, t_parts=4, o_parts=5):
    targets, observations = tables
    return dd.from_pandas(targets, npartitions=t_parts), dd.from_pandas(
        observations, npartitions=o_parts
    )


@pytest.mark.parametrize("kind", list(FRAME))
@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_rows_equal_in_process_call_synchronous(tables, kind, npartitions):
    expected = by_key(in_process(kind, *tables))
    result = FRAME[kind](*lazy(tables), npartitions=npartitions)
    assert result.npartitions == npartitions
    got = by_key(result.compute(scheduler="sync"))
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("kind", list(FRAME))
@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_rows_equal_in_process_call_on_local_cluster(client, tables, kind, npartitions):
    expected = by_key(in_process(kind, *tables))
    got = by_key(client.compute(FRAME[kind](*lazy(tables), npartitions=npartitions)).result())
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("kind", list(FRAME))
def test_meta_is_the_empty_in_process_result(tables, kind):
    targets, observations = tables
    result = FRAME[kind](*lazy(tables), npartitions=3)
    empty = in_process(kind, targets.iloc[:0], observations.iloc[:0])
    pd.testing.assert_frame_equal(result._meta, empty)
    computed = result.compute(scheduler="sync")
    assert computed.dtypes.to_dict() == result.dtypes.to_dict()


@pytest.mark.parametrize("kind", list(FRAME))
def test_a_sequence_of_dates_replays_each(tables, kind):
    expected = by_key(in_process_dates(kind, *tables, AS_OF))
    result = FRAME[kind](*lazy(tables), as_of=pd.Series(pd.to_datetime(AS_OF)), npartitions=3)
    got = by_key(result.compute(scheduler="sync"))
    assert list(got.columns[:2]) == ["as_of", "target"] or got.columns[0] == "as_of"
    pd.testing.assert_frame_equal(got, expected)
    # Three dates, ninety targets: 270 rows.
    assert len(got) == 3 * len(tables[0])


def test_dates_replay_on_local_cluster(client, tables):
    expected = by_key(in_process_dates("forecast", *tables, AS_OF))
    got = client.compute(forecast_frame(*lazy(tables), as_of=AS_OF, npartitions=7)).result()
    pd.testing.assert_frame_equal(by_key(got), expected)


def test_a_single_date_is_not_a_sequence(tables):
    expected = by_key(in_process("assess", *tables, as_of="2022-06-30"))
    got = assess_frame(*lazy(tables), as_of=dt.date(2022, 6, 30)).compute(scheduler="sync")
    assert "as_of" not in got.columns
    pd.testing.assert_frame_equal(by_key(got), expected)


def test_a_tie_keeps_the_in_process_winner(tables):
    # Two figures of the same period released the same day: the later row wins
    # in process, and must win on any partitioning although a shuffle reorders rows.
    targets, observations = tables
    tie = pd.DataFrame(
        {
            "indicator": ["ind000", "ind000"],
            "period": [2023, 2023],
            "value": [99999.0, 11111.0],
            "unit": ["enterprise", "enterprise"],
            "released": ["2030-01-01", "2030-01-01"],
        }
    )
    observations = pd.concat([tie.iloc[:1], observations, tie.iloc[1:]], ignore_index=True)
    expected = by_key(in_process("assess", targets, observations))
    row = expected.set_index("target").loc["T0001"]
    assert row["observed"] == 11111.0
    for n in (1, 3, 7):
        got = assess_frame(*lazy((targets, observations), 3, 6), npartitions=n)
        pd.testing.assert_frame_equal(by_key(got.compute(scheduler="sync")), expected)


def copartitioned(tables, n):
    targets, observations = tables
    names = sorted(targets["indicator"].unique())
    part = {name: i % n for i, name in enumerate(names)}

    def pieces(df):
        key = df["indicator"].map(part).fillna(0).astype(int)
        return [df[key == i] for i in range(n)]

    return (
        dd.from_map(lambda p: p, pieces(targets)),
        dd.from_map(lambda p: p, pieces(observations)),
    )


def test_copartitioned_frames_run_without_a_shuffle(tables):
    expected = by_key(in_process("assess", *tables))
    t, o = copartitioned(tables, 4)
    result = assess_frame(t, o, copartitioned=True)
    assert result.npartitions == 4
    graph = result.__dask_graph__()
    assert not any("shuffle" in str(k) for k in graph)
    pd.testing.assert_frame_equal(by_key(result.compute(scheduler="sync")), expected)


def test_copartitioned_is_checked(tables):
    t, _ = copartitioned(tables, 4)
    o = dd.from_pandas(tables[1], npartitions=4)
    with pytest.raises(EvaluationError, match=r"indicator 'ind\d+' has targets in partition \d"):
        assess_frame(t, o, copartitioned=True)
    with pytest.raises(EvaluationError, match="as many target partitions as observation"):
        assess_frame(t, dd.from_pandas(tables[1], npartitions=3), copartitioned=True)


def bad_unit(tables):
    targets, observations = tables
    observations = observations.copy()
    observations.loc[17, "unit"] = "furlong"
    return targets, observations


def test_bad_row_raises_the_in_process_error_at_compute(tables):
    targets, observations = bad_unit(tables)
    with pytest.raises(InnovplanError) as local:
        innovplan.assess_many(targets, observations)
    result = assess_frame(*lazy((targets, observations)), npartitions=3)  # lazy: no error yet
    with pytest.raises(type(local.value)) as remote:
        result.compute(scheduler="sync")
    assert "furlong" in str(remote.value)


def test_worker_error_reaches_the_caller_with_type_and_message(client, tables):
    targets, observations = bad_unit(tables)
    with pytest.raises(InnovplanError) as local:
        innovplan.assess_many(targets, observations)
    result = assess_frame(*lazy((targets, observations)), npartitions=3)
    with pytest.raises(type(local.value)) as remote:
        client.compute(result).result()
    assert type(remote.value) is type(local.value)
    assert "furlong" in str(remote.value)


def test_bad_options_fail_before_any_work(tables):
    with pytest.raises(InnovplanError, match="level"):
        forecast_frame(*lazy(tables), level=1.5)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda t, o: assess_frame(t.compute(), o), "targets must be a dask.dataframe.DataFrame"),
        (lambda t, o: assess_frame(t.drop(columns="indicator"), o), "no 'indicator' column"),
        (lambda t, o: assess_frame(t, o, npartitions=0), "npartitions must be a positive int"),
        (lambda t, o: assess_frame(t, o, as_of=[]), "as_of is an empty sequence"),
        (lambda t, o: assess_frame(t, o, as_of=[np.datetime64("NaT")]), r"as_of\[0\] is NaT"),
        (lambda t, o: assess_frame(t, o, as_of=[1.5]), r"as_of\[0\] must be a date"),
    ],
)
def test_bad_arguments_name_what_was_wrong(tables, call, match):
    with pytest.raises(EvaluationError, match=match):
        call(*lazy(tables))


def test_importing_innovplan_does_not_import_dask():
    code = "import sys, innovplan; print('dask' in sys.modules, 'distributed' in sys.modules)"
    out = subprocess.run(  # noqa: S603 (our own fixed snippet)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_default_partitions_and_scheduler(tables):
    # Default: as many partitions as the larger input, on dask's default scheduler.
    result = assess_frame(*lazy(tables, 2, 5))
    assert result.npartitions == 5
    with dask.config.set(scheduler="threads"):
        got = by_key(result.compute())
    pd.testing.assert_frame_equal(got, by_key(in_process("assess", *tables)))
