"""innovplan.dask against the in-process call: overhead, memory per worker, scaling.

Run by hand (not in ``make test``)::

    python benchmarks/bench_dask.py                      # 10,000,000 targets, 1,000,000 series
    python benchmarks/bench_dask.py --targets 200000 --series 20000 --fit 100000

Data are generated (a fixed seed) and written to Parquet under ``--dir``: one
file per block of indicators, the same blocks for targets and observations,
so file *i* of both holds the same indicators (``copartitioned=True`` holds;
``--shuffle`` measures the shuffle by indicator instead). Each indicator has
five targets (levels of counts, flows of money, shares) and three yearly
figures; each forecast series has one target and fifteen yearly figures.

Every run reads Parquet, computes, and writes the result frame to Parquet,
in process (``innovplan.assess_many(...).to_frame()``) and on a
``distributed.LocalCluster`` of 1 and 2 single-threaded worker processes, a
fresh cluster per run. Reported: wall time, rows per second, the overhead
ratio (Dask with 1 worker against in-process, equal cores), the peak
resident memory of each worker process, and the load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import innovplan

# (measure, unit, comparator, level, yearly change): one kind per indicator, in turn.
KINDS = (
    ("level", "enterprise", "more_than", 12000.0, 600.0),
    ("flow", "hundred_million_yuan", "at_least", 1200.0, 80.0),
    ("share", "percent", "about", 10.0, 0.4),
)
PER_INDICATOR = 5
YEARS_ASSESS = (2021, 2022, 2023)
YEARS_FORECAST = tuple(range(2009, 2024))


def _names(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pa.array(numbers).cast(pa.string()), "")


def _kind_columns(ind: np.ndarray) -> tuple[pa.Array, pa.Array, pa.Array, np.ndarray, np.ndarray]:
    k = ind % len(KINDS)
    measure = pa.array(np.array([m for m, *_ in KINDS])[k])
    unit = pa.array(np.array([u for _, u, *_ in KINDS])[k])
    comp = pa.array(np.array([c for _, _, c, *_ in KINDS])[k])
    level = np.array([lv for *_, lv, _ in KINDS])[k]
    step = np.array([s for *_, s in KINDS])[k]
    return measure, unit, comp, level, step


def _targets(ind: np.ndarray, first_id: int, rng: np.random.Generator, per: int) -> pa.Table:
    ind = np.repeat(ind, per)
    measure, unit, comp, level, step = _kind_columns(ind)
    n = ind.shape[0]
    deadline = np.array(["2023-12-31", "2024-12-31", "2025-12-31", "2030-12-31", "2023-12-31"])
    return pa.table(
        {
            "id": _names("T", np.arange(first_id, first_id + n)),
            "indicator": _names("ind", ind),
            "comparator": comp,
            "value": level + step * rng.uniform(0, 12, n),
            "unit": unit,
            "deadline": pa.array(np.resize(deadline, n)),
            "measure": measure,
        }
    )


def _observations(ind: np.ndarray, years: tuple[int, ...], rng: np.random.Generator) -> pa.Table:
    m = len(years)
    _, unit, _, level, step = _kind_columns(np.repeat(ind, m))
    walk = np.cumsum(step.reshape(-1, m) * rng.uniform(0.2, 1.8, (ind.shape[0], m)), axis=1)
    return pa.table(
        {
            "indicator": _names("ind", np.repeat(ind, m)),
            "period": np.tile(np.array(years, dtype=np.int64), ind.shape[0]),
            "value": level + walk.ravel(),
            "unit": unit,
        }
    )


def generate(root: Path, n_targets: int, per: int, years: tuple[int, ...], files: int) -> Path:
    """Targets and observations as Parquet, file i of both holding the same indicators."""
    n_ind = n_targets // per
    out = root / f"{n_targets}-{per}-{len(years)}-{files}"
    if (out / "done").exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    (out / "targets").mkdir(parents=True)
    (out / "observations").mkdir(parents=True)
    rng = np.random.default_rng(20261204)
    bounds = np.linspace(0, n_ind, files + 1).astype(np.int64)
    for i in range(files):
        ind = np.arange(bounds[i], bounds[i + 1])
        pq.write_table(
            _targets(ind, bounds[i] * per, rng, per), out / "targets" / f"{i:04d}.parquet"
        )
        obs = _observations(ind, years, rng)
        pq.write_table(obs, out / "observations" / f"{i:04d}.parquet")
    (out / "done").touch()
    return out


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def in_process(kind: str, data: Path, out: Path) -> tuple[float, int, float]:
    """Read, compute, write in a fresh process; returns seconds, rows and its peak RSS (MiB)."""
    import subprocess
    import sys

    # A fresh interpreter, so its peak memory is this run's alone.
    code = f"""
import time, resource, pandas as pd, innovplan
from innovplan.evaluate import progress_many
t0 = time.perf_counter()
t = pd.read_parquet({str(data / "targets")!r}); o = pd.read_parquet({str(data / "observations")!r})
call = {{"assess": innovplan.assess_many, "forecast": innovplan.forecast_many}}[{kind!r}]
df = call(t, o).to_frame()
df.to_parquet({str(out)!r})
print(time.perf_counter() - t0, len(df), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
    res = subprocess.run(  # noqa: S603 (our own fixed snippet)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    secs, rows, rss = res.stdout.split()
    return float(secs), int(rows), float(rss)


def on_dask(
    kind: str, data: Path, out: Path, workers: int, *, shuffle: bool
) -> tuple[float, int, list[float]]:
    """Read, compute, write on a fresh LocalCluster; seconds, rows, peak RSS per worker."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import innovplan.dask as idk

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        t0 = time.perf_counter()
        targets = dd.read_parquet(str(data / "targets"))
        observations = dd.read_parquet(str(data / "observations"))
        call = {"assess": idk.assess_frame, "forecast": idk.forecast_frame}[kind]
        result = call(targets, observations, copartitioned=not shuffle)
        result.to_parquet(str(out), write_index=False)
        secs = time.perf_counter() - t0
        rows = len(dd.read_parquet(str(out)))
        rss = client.run(_peak_rss_mib)
    return secs, rows, sorted(rss.values())


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--targets", type=int, default=10_000_000, help="targets of the big run")
    ap.add_argument("--fit", type=int, default=1_000_000, help="targets of the in-memory runs")
    ap.add_argument("--series", type=int, default=1_000_000, help="annual series to forecast")
    ap.add_argument("--partition", type=int, default=500_000, help="targets per partition")
    ap.add_argument("--series-partition", type=int, default=100_000, help="series per partition")
    ap.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "innovplan-bench-dask"
    )
    ap.add_argument("--shuffle", action="store_true", help="shuffle by indicator, not files")
    ap.add_argument("--only", default="assess-fit,assess-big,forecast", help="runs to make")
    ap.add_argument("--generate-only", action="store_true", help="write the data and stop")
    args = ap.parse_args()
    only = set(args.only.split(","))

    cores = os.cpu_count()
    print(f"innovplan {innovplan.__version__}; {cores} cores; load {os.getloadavg()[0]:.2f}")
    runs: list[Run] = []
    # (name, kind, rows, targets per indicator, years, rows per partition, in process too,
    #  worker counts)
    plan = [
        (
            "assess-fit",
            "assess",
            args.fit,
            PER_INDICATOR,
            YEARS_ASSESS,
            args.partition,
            True,
            (1, 2),
        ),
        (
            "assess-big",
            "assess",
            args.targets,
            PER_INDICATOR,
            YEARS_ASSESS,
            args.partition,
            False,
            (2,),
        ),
        (
            "forecast",
            "forecast",
            args.series,
            1,
            YEARS_FORECAST,
            args.series_partition,
            True,
            (1, 2),
        ),
    ]
    for name, kind, n, per, years, part, local, workers in plan:
        if name not in only:
            continue
        files = max(1, n // part)
        data = generate(args.dir, n, per, years, files)
        if args.generate_only:
            print(f"{name}: {data}")
            continue
        out = args.dir / "out"
        if local:
            shutil.rmtree(out, ignore_errors=True)
            secs, rows, rss = in_process(kind, data, out.with_suffix(".parquet"))
            runs.append(Run("in process", kind, n, 1, secs, rows, f"{rss:.0f}"))
        for w in workers:
            shutil.rmtree(out, ignore_errors=True)
            secs, rows, rss_w = on_dask(kind, data, out, w, shuffle=args.shuffle)
            how = "shuffled" if args.shuffle else "copartitioned"
            rss = "/".join(f"{r:.0f}" for r in rss_w)
            runs.append(Run(f"dask, {files} partitions, {how}", kind, n, w, secs, rows, rss))
    summary(runs)


@dataclass
class Run:
    label: str
    kind: str
    n: int
    workers: int
    secs: float
    rows: int
    rss: str

    def __post_init__(self) -> None:
        load = os.getloadavg()[0]
        print(
            f"{self.label:<32} {self.kind:<8} {self.n:>11,} rows {self.workers} worker(s) "
            f"{self.secs:8.2f} s {self.rows / self.secs:>10,.0f} rows/s  "
            f"peak RSS {self.rss} MiB  load {load:.2f}",
            flush=True,
        )


def summary(runs: list[Run]) -> None:
    print()
    for kind in ("assess", "forecast"):
        local = {r.n: r.secs for r in runs if r.kind == kind and r.label == "in process"}
        dask = {
            (r.n, r.workers): r.secs for r in runs if r.kind == kind and r.label != "in process"
        }
        for (n, w), secs in sorted(dask.items()):
            if w == 1 and n in local:
                ratio = secs / local[n]
                print(f"{kind} {n:,}: dask on 1 worker / in process (equal cores): {ratio:.2f}x")
            if w == 2 and (n, 1) in dask:
                print(f"{kind} {n:,}: 1 -> 2 workers: {dask[(n, 1)] / secs:.2f}x faster")
        sizes = sorted(n for n, w in dask if w == 2)
        if len(sizes) > 1:
            lo, hi = sizes[0], sizes[-1]
            grow = dask[(hi, 2)] / dask[(lo, 2)]
            print(
                f"{kind} {lo:,} -> {hi:,} rows on 2 workers: time x{grow:.2f}, rows x{hi / lo:.0f}"
            )


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    main()
