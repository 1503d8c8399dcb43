"""innovplan.dask on a distributed.LocalCluster of two worker processes."""

from __future__ import annotations

import dask.config
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import innovplan
from innovplan.dask import assess_frame, forecast_frame
from innovplan.errors import InnovplanError

KINDS = ["assess", "forecast", "progress", "evaluate"]


# Seconds a worker process may take to start, connect and register. On a
# loaded machine a fresh process importing pandas and innovplan can take
# longer than distributed's 30 s defaults for connecting and for an answer
# (the "comm.timeouts.connect" and "comm.timeouts.tcp" settings of its
# configuration reference); the cluster then closes without starting up.
STARTUP = 180


@pytest.fixture(scope="module")
def client():
    # One cluster for the module, started and closed here. While a client is
    # up, Dask builds its shuffles for the cluster (p2p), so the tests of the
    # synchronous scheduler live in another module. The worker processes take
    # the configuration as it is when their nannies are made; death_timeout
    # bounds each nanny's and worker's start (distributed's Nanny and Worker
    # parameter), so a cluster that cannot start fails the setup, not hangs.
    # No dashboard: two runs at once would both want its default port 8787.
    timeouts = {f"distributed.comm.timeouts.{k}": f"{STARTUP}s" for k in ("connect", "tcp")}
    with (
        dask.config.set(timeouts),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            death_timeout=STARTUP,
        ) as cluster,
        Client(cluster, timeout=STARTUP) as c,
    ):  # fmt: skip
        c.wait_for_workers(2, timeout=STARTUP)
        assert len(c.scheduler_info()["workers"]) == 2
        yield c


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_rows_equal_the_in_process_call(  # noqa: PLR0917 (fixtures)
    client, tables, on_dask, in_process, by_key, lazy, kind, npartitions
):
    expected = by_key(in_process(kind, *tables))
    result = on_dask[kind](*lazy(tables), npartitions=npartitions)
    got = by_key(client.compute(result).result())
    pd.testing.assert_frame_equal(got, expected)


def test_dates_replay_on_the_cluster(client, tables, in_process, by_key, lazy):
    dates = ["2019-06-30", "2022-06-30", "2025-06-30"]
    expected = by_key(in_process("forecast", *tables, dates=dates))
    got = client.compute(forecast_frame(*lazy(tables), as_of=dates, npartitions=7)).result()
    pd.testing.assert_frame_equal(by_key(got), expected)


def test_a_worker_error_reaches_the_caller_with_its_type_and_message(client, tables, lazy):
    targets, observations = tables
    observations = observations.copy()
    row = observations.index[observations["indicator"] == "ind000"][3]
    observations.loc[row, "unit"] = "furlong"  # a length where ind000 counts enterprises
    with pytest.raises(InnovplanError) as local:
        innovplan.assess_many(targets, observations)
    result = assess_frame(*lazy((targets, observations)), npartitions=3)
    with pytest.raises(InnovplanError) as remote:
        client.compute(result).result()
    assert type(remote.value) is type(local.value)
    for part in ("column 'unit'", "unit 'furlong' does not fit 'enterprise"):
        assert part in str(local.value)
        assert part in str(remote.value)
