"""Reading results: every row of 1,000, 10,000 and 100,000 targets, and frames of them.

Run by hand: ``python benchmarks/bench_results.py`` (``--sizes 1000 10000`` for a
shorter run). For each size, one target per series and horizon (series of 12
yearly values, horizons 1 to 5) is assessed (``assess_many``), forecast
(``forecast_many``) and graded (``progress_many``); then every row of each
result is read once (``for row in result``) and the time per row is printed in
µs. The same targets as one plan go through ``evaluate`` (build time printed);
a report's rows are its ``Assessments``. Rows are made from the result's columns, so the time per row should not
grow with the number of rows: the last column of the table is the time per row
at this size over the time per row at the smallest size (1.0 is linear).

Then each result and the report become a frame with each backend (pandas,
polars, pyarrow):
the first call also builds the columns it reads (the text columns of a forecast,
its ``pace`` above all), the second reuses them; both are printed. The series
are synthetic (a trend with noise, seed 0): what is measured is reading the
results, not forecasting them. The load average is printed with the figures.

Timing: each figure is one run (reading 100,000 forecasts takes tens of
seconds); the smallest size is warmed up once first.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import TYPE_CHECKING, Any

import numpy as np

from innovplan import Q_, assess_many, evaluate, forecast_many
from innovplan.evaluate import ArraySeries, progress_many
from innovplan.model import Comparator, Goal, Indicator, Measure, Plan, Target

UNIT = "enterprise"
YEARS = 12
HORIZONS = 5
BACKENDS = ("pandas", "polars", "pyarrow")

if TYPE_CHECKING:
    from collections.abc import Callable


def inputs(n: int) -> tuple[list[Target], ArraySeries]:
    """*n* targets, one per series and horizon, on series of twelve yearly values."""
    m = -(-n // HORIZONS)
    rng = np.random.default_rng(0)
    steps = rng.normal(1.0, 0.5, (m, YEARS))
    values = (100.0 + np.cumsum(steps, axis=1)).ravel()
    offsets = np.arange(m + 1) * YEARS
    years = np.tile(2011 + np.arange(YEARS), m)
    inds = [Indicator(f"S{i}", f"series {i}", unit=UNIT, measure=Measure.LEVEL) for i in range(m)]
    series = ArraySeries.ragged([d.id for d in inds], values, offsets, years, unit=UNIT)
    goal = Q_(110.0, UNIT)
    targets = [
        Target(f"S{k // HORIZONS}h{k % HORIZONS + 1}", inds[k // HORIZONS],
               Comparator.AT_LEAST, goal, f"{2022 + k % HORIZONS + 1}-12-31")
        for k in range(n)
    ]  # fmt: skip
    return targets, series


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = call()
    return out, time.perf_counter() - t0


def read_rows(result: Any) -> int:
    count = 0
    for _ in result:
        count += 1
    return count


def frame_times(name: str, n: int, result: Any) -> list[str]:
    """One line per backend: the first ``to_frame`` (building the columns) and a second."""
    lines = []
    for backend in BACKENDS:
        _, cold = timed(lambda b=backend: result.to_frame(backend=b))
        _, warm = timed(lambda b=backend: result.to_frame(backend=b))
        lines.append(f"{name:12} {n:8,d} {backend:8} {cold * 1e3:10.1f} {warm * 1e3:10.1f}")
    return lines


def run(sizes: list[int]) -> None:
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    makers: dict[str, Callable[[list[Target], ArraySeries], Any]] = {
        "Assessments": assess_many,
        "Forecasts": forecast_many,
        "Progresses": progress_many,
    }
    warm_t, warm_s = inputs(min(sizes))
    for make in makers.values():
        warm = make(warm_t, warm_s)
        read_rows(warm)
    for backend in BACKENDS:  # imports the frame libraries before any timing
        warm.to_frame(backend=backend)
    per_row: dict[tuple[str, int], float] = {}
    frames: list[str] = []
    print(f"{'result':12} {'rows':>8} {'build s':>8} {'read s':>8} {'µs/row':>8} {'vs first':>8}")
    for n in sizes:
        targets, series = inputs(n)
        for name, make in makers.items():
            result, t_build = timed(lambda f=make, t=targets, s=series: f(t, s))
            count, t_read = timed(lambda result=result: read_rows(result))
            if count != n:
                raise RuntimeError(f"{name}: read {count} rows of {n}")
            us = t_read / n * 1e6
            per_row[name, n] = us
            ratio = us / per_row[name, sizes[0]]
            print(f"{name:12} {n:8,d} {t_build:8.2f} {t_read:8.2f} {us:8.1f} {ratio:8.2f}")
            frames += frame_times(name, n, result)
        # A plan report's rows are its Assessments; its frame joins the plan,
        # the assessments, the forecasts and the progress grades.
        plan = Plan("p", "plan", start="2020-01-01", end="2027-12-31",
                    goals=[Goal("G1", "all targets", targets)])  # fmt: skip
        report, t_build = timed(lambda p=plan, s=series: evaluate(p, s))
        print(f"{'PlanReport':12} {n:8,d} {t_build:8.2f}")
        frames += frame_times("PlanReport", n, report)
    print()
    print(f"{'result':12} {'rows':>8} {'backend':8} {'first ms':>10} {'again ms':>10}")
    print("\n".join(frames))
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    run(parser.parse_args().sizes)
