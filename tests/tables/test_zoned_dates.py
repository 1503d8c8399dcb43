"""A zoned timestamp in a table is read as its local calendar date, at every door.

The stamps sit on both sides of local midnight, east and west of Greenwich, so
that the local date and the UTC date differ for some of them:

Beijing (Asia/Shanghai, UTC+08:00, no daylight saving since 1991):

    local              UTC                 local day    UTC day
    2023-12-31 23:59   2023-12-31 15:59    2023-12-31   2023-12-31
    2024-01-01 00:01   2023-12-31 16:01    2024-01-01   2023-12-31
    2024-01-01 07:00   2023-12-31 23:00    2024-01-01   2023-12-31

New York (America/New_York, UTC-05:00 in winter):

    2023-12-31 20:00   2024-01-01 01:00    2023-12-31   2024-01-01
    2023-12-31 23:59   2024-01-01 04:59    2023-12-31   2024-01-01
    2024-01-01 00:01   2024-01-01 05:01    2024-01-01   2024-01-01

2023-12-31 is day 19722 after 1970-01-01 (2022-12-31 is 19357, see
``Table.year_days``, and 2023 has 365 days); 2024-01-01 is 19723.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import innovplan
from innovplan.errors import ModelError
from innovplan.evaluate._cells import Table, as_table

DEC31, JAN1 = 19722, 19723

# (zone, the instants in UTC, the local days, the UTC days)
_ZONES = [
    (
        "Asia/Shanghai",
        ["2023-12-31T15:59", "2023-12-31T16:01", "2023-12-31T23:00"],
        [DEC31, JAN1, JAN1],
        [DEC31, DEC31, DEC31],
    ),
    (
        "America/New_York",
        ["2024-01-01T01:00", "2024-01-01T04:59", "2024-01-01T05:01"],
        [DEC31, DEC31, JAN1],
        [JAN1, JAN1, JAN1],
    ),
]
_IDS = ["beijing", "new_york"]


def _utc(instants: list[str]) -> list[dt.datetime]:
    return [dt.datetime.fromisoformat(t) for t in instants]  # naive: UTC's wall clock


def _pandas(zone: str, instants: list[str]) -> pd.DataFrame:
    stamps = pd.to_datetime(instants).tz_localize("UTC").tz_convert(zone)
    return pd.DataFrame({"d": stamps})


def _polars(zone: str, instants: list[str]) -> pl.DataFrame:
    utc = pl.Series("d", _utc(instants)).dt.replace_time_zone("UTC")
    return pl.DataFrame({"d": utc.dt.convert_time_zone(zone)})


def _pyarrow(zone: str, instants: list[str], unit: str = "us") -> pa.Table:
    # pyarrow takes naive datetimes of a zoned type as UTC instants.
    return pa.table({"d": pa.array(_utc(instants), type=pa.timestamp(unit, tz=zone))})


def _read(frame: object) -> tuple[list[int], list[int]]:
    table = as_table(frame, "observations table")
    assert table is not None
    days, missing = table.days("d")
    assert not missing.any()
    first, last = table.periods("d")
    assert first.tolist() == last.tolist()  # a date is a stock's day
    return days.tolist(), first.tolist()


@pytest.mark.parametrize(("zone", "instants", "local", "utc"), _ZONES, ids=_IDS)
@pytest.mark.parametrize("build", [_pandas, _polars, _pyarrow], ids=["pandas", "polars", "pyarrow"])
def test_a_zoned_column_reads_as_local_dates(build, zone, instants, local, utc):
    assert local != utc  # the stamps tell the two readings apart
    assert _read(build(zone, instants)) == (local, local)


@pytest.mark.parametrize(("zone", "instants", "local", "utc"), _ZONES, ids=_IDS)
def test_pandas_arrow_backed_zoned_timestamps_read_as_local_dates(zone, instants, local, utc):
    frame = _pandas(zone, instants)
    frame = frame.astype({"d": pd.ArrowDtype(pa.timestamp("us", tz=zone))})
    assert _read(frame) == (local, local)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_pyarrow_zoned_timestamps_of_every_unit_chunks_and_nulls(unit):
    zone, instants, local, _ = _ZONES[1]
    col = pa.array([*_utc(instants), None], type=pa.timestamp(unit, tz=zone))
    table = as_table(pa.table({"d": pa.chunked_array([col.slice(0, 1), col.slice(1)])}), "t")
    assert table is not None
    days, missing = table.days("d")
    assert missing.tolist() == [False, False, False, True]
    assert days[:3].tolist() == local


def test_an_arrow_zone_that_does_not_exist_is_refused_naming_the_column():
    # Arrow takes any text as a zone; its local dates cannot be worked out.
    ticks = pa.py_buffer(np.array([0], dtype=np.int64))
    col = pa.Array.from_buffers(pa.timestamp("us", tz="Mars/Olympus"), 1, [None, ticks])
    with pytest.raises(ModelError, match=r"column 'd': its time zone 'Mars/Olympus' is not"):
        as_table(pa.table({"d": col}), "t")
    with pytest.raises(ModelError, match=r"column 'd': .*such as 'Asia/Shanghai'"):
        as_table({"d": col}, "t")


def test_a_mixed_zone_pandas_column_reads_each_stamp_in_its_own_zone():
    # pandas keeps stamps of several zones as objects: each is its own local day.
    cells = [
        pd.Timestamp("2024-01-01 07:00", tz="Asia/Shanghai"),  # 2023-12-31 23:00 UTC
        pd.Timestamp("2023-12-31 20:00", tz="America/New_York"),  # 2024-01-01 01:00 UTC
    ]
    frame = pd.DataFrame({"d": pd.Series(cells, dtype=object)})
    assert _read(frame) == ([JAN1, DEC31], [JAN1, DEC31])


@pytest.mark.parametrize(("zone", "instants", "local", "utc"), _ZONES, ids=_IDS)
def test_a_mapping_of_zoned_columns_reads_as_local_dates(zone, instants, local, utc):
    # numpy has no zones; the columns of a mapping may be polars, Arrow or pandas ones.
    columns = [
        _polars(zone, instants)["d"],
        _pyarrow(zone, instants)["d"],  # a ChunkedArray
        _pyarrow(zone, instants)["d"].chunk(0),  # an Array
        _pandas(zone, instants)["d"],
        [t.to_pydatetime() for t in _pandas(zone, instants)["d"]],  # Python datetimes
    ]
    for column in columns:
        assert _read({"d": column}) == (local, local), type(column)


def _texts() -> list[str]:
    # The same moments as ISO text with their offsets (the local day is the date written).
    return [
        "2023-12-31T23:59+08:00",
        "2024-01-01T00:01+08:00",
        "2024-01-01T07:00:00+08:00",
        "2023-12-31T20:00-05:00",
        "2023-12-31 23:59:30.25-05:00",
        "2024-01-01T00:01-0500",
    ]


_TEXT_DAYS = [DEC31, JAN1, JAN1, DEC31, DEC31, JAN1]


@pytest.mark.parametrize("backend", ["numpy", "pandas", "polars", "pyarrow"])
def test_iso_text_with_an_offset_reads_as_its_local_date(backend):
    texts = _texts()
    frame: object = {
        "numpy": {"d": np.array(texts, dtype=object)},
        "pandas": pd.DataFrame({"d": texts}),
        "polars": pl.DataFrame({"d": texts}),
        "pyarrow": pa.table({"d": texts}),
    }[backend]
    assert _read(frame) == (_TEXT_DAYS, _TEXT_DAYS)


def test_utc_text_reads_as_the_utc_date():
    # "Z" is UTC's own clock: 2023-12-31T23:30Z is 2023-12-31.
    assert _read({"d": ["2023-12-31T23:30Z", "2024-01-01T00:30z"]}) == (
        [DEC31, JAN1],
        [DEC31, JAN1],
    )


def test_naive_timestamps_keep_their_own_date():
    # No zone: the date written, as before (not shifted to UTC or to this machine's zone).
    naive = np.array(["2023-12-31T23:00", "2024-01-01T01:00"], dtype="datetime64[us]")
    assert _read({"d": naive}) == ([DEC31, JAN1], [DEC31, JAN1])
    assert _read(pd.DataFrame({"d": naive})) == ([DEC31, JAN1], [DEC31, JAN1])
    assert _read(pl.DataFrame({"d": naive})) == ([DEC31, JAN1], [DEC31, JAN1])


def test_naive_date_and_time_text_is_refused_with_the_form_to_write():
    table = Table({"d": np.array(["2023-12-31", "2023-12-31T20:00"], dtype=object)}, "t")
    with pytest.raises(ModelError, match=r"^t row 1\.d: '2023-12-31T20:00': .*UTC offset"):
        table.days("d")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2023-12-31T25:00+08:00", "no such time of day"),
        ("2023-12-31T20:00+24:00", "no such UTC offset"),
        ("2023-02-30T20:00+08:00", "is not a date"),
    ],
)
def test_zoned_text_that_does_not_exist_is_refused(text, why):
    table = Table({"d": np.array(["2023-12-31", text], dtype=object)}, "t")
    with pytest.raises(ModelError, match=rf"^t row 1\.d: .*{why}"):
        table.days("d")
    with pytest.raises(ModelError, match=rf"^t row 1\.d: .*{why}"):
        table.periods("d")


def _replay(backend: str, as_of: str) -> tuple[list[str], list[float]]:
    """A year-end stock, stamped in New York, released in Beijing, replayed *as_of*."""
    targets = {
        "id": ["T8"],
        "indicator": ["high_tech_enterprises"],
        "comparator": ["more_than"],
        "value": [13000],
        "unit": ["enterprise"],
        "deadline": ["2023-12-31"],
        "measure": ["level"],
    }
    # 2023-12-31T20:00-05:00 (2024-01-01 in UTC) and 2024-01-01T07:00+08:00
    # (2023-12-31 in UTC): a stock of 31 December, out on 1 January.
    period = pd.to_datetime(["2024-01-01T01:00"]).tz_localize("UTC").tz_convert("America/New_York")
    released = pd.to_datetime(["2023-12-31T23:00"]).tz_localize("UTC").tz_convert("Asia/Shanghai")
    obs = pd.DataFrame(
        {
            "indicator": ["high_tech_enterprises"],
            "period": period,
            "value": [14500],
            "unit": ["enterprise"],
            "released": released,
        }
    )
    if backend == "dask":  # partition-wise: each partition read as a pandas table
        import dask.dataframe as dd

        from innovplan.dask import assess_frame

        parts = (dd.from_pandas(pd.DataFrame(targets), npartitions=1), dd.from_pandas(obs, 1))
        out = assess_frame(*parts, as_of=as_of).compute()
        return [s.upper() for s in out["status"]], out["observed"].tolist()
    frames: dict[str, tuple[object, object]] = {
        "pandas": (pd.DataFrame(targets), obs),
        "polars": (pl.DataFrame(targets), pl.from_pandas(obs)),
        "pyarrow": (pa.table(targets), pa.Table.from_pandas(obs)),
    }
    res = innovplan.assess_many(*frames[backend], as_of=as_of)
    return [s.name for s in res.status], res.observed.tolist()


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow", "dask"])
def test_an_as_of_replay_sees_a_figure_from_its_local_release_day(backend):
    # On 2023-12-31 the figure was not out in Beijing: nothing is known yet.
    status, observed = _replay(backend, "2023-12-31")
    assert status == ["NO_DATA"]
    assert np.isnan(observed).all()
    # On 2024-01-01 it is, and the stock is 31 December's: 14,500 > 13,000.
    assert _replay(backend, "2024-01-01") == (["ACHIEVED"], [14500.0])
    # as_of with its offset is its local date too: 00:30 in Beijing is 2024-01-01
    # (16:30 on 31 December in UTC); 20:00 in New York on 31 December is 2023-12-31.
    assert _replay(backend, "2024-01-01T00:30+08:00") == (["ACHIEVED"], [14500.0])
    assert _replay(backend, "2023-12-31T20:00-05:00")[0] == ["NO_DATA"]


def test_dask_replay_dates_with_offsets_are_local_dates():
    from innovplan.dask._partition import as_of_dates

    got = as_of_dates("assess_frame", ["2024-01-01T00:30+08:00", "2023-12-31T20:00-05:00"])
    assert got == (dt.date(2024, 1, 1), dt.date(2023, 12, 31))


def test_a_zoned_pyarrow_table_is_read_without_pandas():
    child = """
import sys
import numpy as np
import pyarrow as pa
from innovplan.evaluate._cells import as_table
# From its buffer: pa.array of datetimes would import pandas itself.
utc = np.array(["2023-12-31T16:01"], dtype="datetime64[us]").view(np.int64)  # 00:01 in Beijing
kind = pa.timestamp("us", tz="Asia/Shanghai")
col = pa.Array.from_buffers(kind, 1, [None, pa.py_buffer(utc)])
t = as_table(pa.table({"d": col}), "t")
print(t.days("d")[0].tolist(), "pandas" in sys.modules)
"""
    out = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", child], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [f"[{JAN1}]", "False"]
