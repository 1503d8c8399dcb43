"""innovplan.dask on the synchronous scheduler: the rows of the in-process call, for any partitioning."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import dask
import innovplan
from innovplan.dask import assess_frame, forecast_frame
from innovplan.errors import EvaluationError, InnovplanError, MissingDependencyError

KINDS = ["assess", "forecast", "progress", "evaluate"]
AS_OF = ["2019-06-30", "2022-06-30", "2025-06-30"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_rows_equal_the_in_process_call(  # noqa: PLR0917 (fixtures)
    tables, on_dask, in_process, by_key, lazy, kind, npartitions
):
    expected = by_key(in_process(kind, *tables))
    result = on_dask[kind](*lazy(tables), npartitions=npartitions)
    assert result.npartitions == npartitions
    got = by_key(result.compute(scheduler="sync"))
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("kind", KINDS)
def test_meta_is_the_in_process_result_on_empty_tables(tables, on_dask, in_process, lazy, kind):
    targets, observations = tables
    result = on_dask[kind](*lazy(tables), npartitions=7)
    empty = in_process(kind, targets.iloc[:0], observations.iloc[:0])
    pd.testing.assert_frame_equal(result._meta, empty)
    # Every partition, empty or not, has the meta's columns and dtypes.
    for part in result.to_delayed():
        frame = part.compute(scheduler="sync")
        assert frame.dtypes.to_dict() == empty.dtypes.to_dict()


@pytest.mark.parametrize("kind", KINDS)
def test_a_sequence_of_dates_replays_each(  # noqa: PLR0917 (fixtures)
    tables, on_dask, in_process, by_key, lazy, kind
):
    expected = by_key(in_process(kind, *tables, dates=AS_OF))
    dates = pd.Series(pd.to_datetime(AS_OF))
    result = on_dask[kind](*lazy(tables), as_of=dates, npartitions=3)
    got = by_key(result.compute(scheduler="sync"))
    assert list(got.columns[:2]) == ["as_of", "target"]
    # Three dates, ninety targets: 270 rows.
    assert len(got) == 3 * 90 == 3 * len(tables[0])
    pd.testing.assert_frame_equal(got, expected)


def test_dates_may_be_dates_numpy_or_text(tables, in_process, by_key, lazy):
    expected = by_key(in_process("assess", *tables, dates=AS_OF))
    for dates in (
        [dt.date(2019, 6, 30), dt.datetime(2022, 6, 30, 12, tzinfo=dt.UTC), "2025-06-30"],
        np.array(AS_OF, dtype="datetime64[D]"),
        pd.DatetimeIndex(AS_OF),
        # A Dask column, with a date twice: one replay per distinct date.
        dd.from_pandas(pd.Series(pd.to_datetime([*AS_OF, AS_OF[0]])), npartitions=2),
    ):
        got = assess_frame(*lazy(tables), as_of=dates).compute(scheduler="sync")
        pd.testing.assert_frame_equal(by_key(got), expected)


def test_a_single_date_is_not_a_sequence(tables, in_process, by_key, lazy):
    expected = by_key(in_process("assess", *tables, as_of="2022-06-30"))
    got = assess_frame(*lazy(tables), as_of=dt.date(2022, 6, 30)).compute(scheduler="sync")
    assert "as_of" not in got.columns
    pd.testing.assert_frame_equal(by_key(got), expected)


def test_a_tie_is_refused_as_in_process(tables, lazy):
    # Two different figures of the same period released the same day: the
    # in-process call refuses them, and so does the partition that holds them.
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
    with pytest.raises(InnovplanError, match="same indicator, period and release") as local:
        innovplan.assess_many(targets, observations)
    result = assess_frame(*lazy((targets, observations), 3, 6), npartitions=3)
    with pytest.raises(type(local.value), match="same indicator, period and release"):
        result.compute(scheduler="sync")


def copartitioned(tables, n):
    """Both tables split by the same blocks of indicators, partition i with partition i."""
    targets, observations = tables
    names = sorted(targets["indicator"].unique())
    block = {name: i % n for i, name in enumerate(names)}

    def pieces(df):
        key = df["indicator"].map(block).fillna(0).astype(int)
        return [df[key == i] for i in range(n)]

    return dd.from_map(lambda p: p, pieces(targets)), dd.from_map(lambda p: p, pieces(observations))


def test_copartitioned_frames_run_without_a_shuffle(tables, in_process, by_key):
    expected = by_key(in_process("assess", *tables))
    t, o = copartitioned(tables, 4)
    result = assess_frame(t, o, copartitioned=True)
    assert result.npartitions == 4
    assert "shuffle" not in result.expr.tree_repr().lower()
    assert "shuffle" in assess_frame(t, o).expr.tree_repr().lower()
    pd.testing.assert_frame_equal(by_key(result.compute(scheduler="sync")), expected)


def test_copartitioned_is_checked(tables):
    t, _ = copartitioned(tables, 4)
    o = dd.from_pandas(tables[1], npartitions=4)
    with pytest.raises(
        EvaluationError, match=r"indicator 'ind\d+' has targets in partition \d and observations"
    ):
        assess_frame(t, o, copartitioned=True)
    with pytest.raises(EvaluationError, match="as many target partitions as observation"):
        assess_frame(t, dd.from_pandas(tables[1], npartitions=3), copartitioned=True)


def bad_unit(tables):
    targets, observations = tables
    observations = observations.copy()
    # A length where ind000 counts enterprises (ind000 has targets).
    row = observations.index[observations["indicator"] == "ind000"][3]
    observations.loc[row, "unit"] = "furlong"
    return targets, observations


def test_a_bad_row_raises_the_in_process_error_at_compute(tables, lazy):
    targets, observations = bad_unit(tables)
    with pytest.raises(InnovplanError) as local:
        innovplan.assess_many(targets, observations)
    result = assess_frame(*lazy((targets, observations)), npartitions=3)  # lazy: no error yet
    with pytest.raises(InnovplanError) as remote:
        result.compute(scheduler="sync")
    assert type(remote.value) is type(local.value)
    # The row number counts the partition's rows; column, unit and indicator
    # unit are those of the in-process message.
    for part in ("column 'unit'", "unit 'furlong' does not fit 'enterprise"):
        assert part in str(local.value)
        assert part in str(remote.value)


def test_bad_options_fail_before_any_work(tables, lazy):
    # The meta is the in-process call on empty tables: it checks the options.
    with pytest.raises(InnovplanError, match="level"):
        forecast_frame(*lazy(tables), level=1.5)
    with pytest.raises(InnovplanError, match="method"):
        forecast_frame(*lazy(tables), method="crystal-ball")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda t, o: assess_frame(t.compute(), o), "targets must be a dask.dataframe.DataFrame"),
        (lambda t, o: assess_frame(t, o.compute()), "observations must be a dask.dataframe"),
        (lambda t, o: assess_frame(t.drop(columns="indicator"), o), "no 'indicator' column"),
        (lambda t, o: assess_frame(t, o, npartitions=0), "npartitions must be a positive int"),
        (lambda t, o: assess_frame(t, o, npartitions=2.0), "npartitions must be a positive int"),
        (lambda t, o: assess_frame(t, o, as_of=[]), "as_of is an empty sequence"),
        (lambda t, o: assess_frame(t, o, as_of=[np.datetime64("NaT")]), r"as_of\[0\] is NaT"),
        (lambda t, o: assess_frame(t, o, as_of=[1.5]), r"as_of\[0\] must be a date"),
        (lambda t, o: assess_frame(t, o, as_of=1.5), r"as_of must be a date"),
        (lambda t, o: assess_frame(t, o, as_of=["2023-13-01"]), r"as_of\[0\] must be a date"),
        (
            lambda t, o: assess_frame(t, o, npartitions=3, copartitioned=True),
            "with copartitioned=True there is none",
        ),
    ],
)
def test_bad_arguments_name_what_was_wrong(tables, lazy, call, match):
    with pytest.raises(EvaluationError, match=match):
        call(*lazy(tables))


def test_importing_innovplan_does_not_import_dask():
    # pint itself imports dask.base when dask is installed (pint.compat); what
    # innovplan must not load is Dask's data frames, distributed or its own module.
    code = (
        "import sys, innovplan; "
        "print([m for m in ('dask.dataframe', 'distributed', 'innovplan.dask') if m in sys.modules])"
    )
    out = subprocess.run(  # noqa: S603 (our own fixed snippet)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_default_partitions_and_threads(tables, in_process, by_key, lazy):
    # By default as many partitions as the larger input; any local scheduler.
    result = assess_frame(*lazy(tables, 2, 5))
    assert result.npartitions == 5
    with dask.config.set(scheduler="threads"):
        got = by_key(result.compute())
    pd.testing.assert_frame_equal(got, by_key(in_process("assess", *tables)))


def test_a_missing_extra_is_named(monkeypatch, tables, lazy):
    import innovplan.dask._frames as frames

    real = frames.importlib.import_module

    def fake(name, *a):
        if name == "dask.dataframe":
            raise ImportError(name)
        return real(name, *a)

    monkeypatch.setattr(frames.importlib, "import_module", fake)
    with pytest.raises(MissingDependencyError, match=r"pip install 'innovplan\[dask\]'"):
        assess_frame(*lazy(tables))
