"""assess_many over groups: 100,000 targets x 30 groups against the same without groups.

Run by hand: ``python benchmarks/bench_groups.py``. Goal: the time per
(target, group) row within 1.5x of the time per row of ungrouped targets.

Two comparisons, each the best of 3 repetitions:

1. From model objects, as users call it: 100,000 targets that each hold for
   every one of 30 regions (3,000,000 rows), against the same 100,000
   targets for the total (100,000 rows), over the same 100 indicators.
   Building the targets' columns is paid per target, expanding them per row.
2. The kernels alone, from pre-built columns: the 3,000,000 grouped rows
   (30 rows share each region's series) against the same 3,000,000 rows
   ungrouped (each row its own series, with its own copy of the series'
   observations), built with the engine's public column types.

Before timing, the grouped rows are checked against the ungrouped rows of
targets on each region's series as its own indicator, for a sample.
"""

from __future__ import annotations

import os
import time

import numpy as np

from innovplan import Q_, assess_many
from innovplan.engine import ObservationArrays, ObservationColumns, TargetColumns
from innovplan.model import Indicator, Observation, Target

N_TARGETS = 100_000
N_GROUPS = 30
N_INDICATORS = 100
YEARS = (2021, 2022, 2023)
REPEAT = 3
rng = np.random.default_rng(0)

indicators = [
    Indicator(f"gdp{k}", f"GDP {k}", unit="hundred_million_yuan", measure="flow")
    for k in range(N_INDICATORS)
]
regions = [f"R{r:02d}" for r in range(N_GROUPS)]
levels = rng.uniform(50, 150, (N_INDICATORS, N_GROUPS, len(YEARS)))
observations = [
    Observation(ind.id, Q_(float(levels[k, r, y]), "亿元"), year, dimensions={"region": region})
    for k, ind in enumerate(indicators)
    for r, region in enumerate(regions)
    for y, year in enumerate(YEARS)
] + [
    Observation(ind.id, Q_(float(levels[k, :, y].sum()), "亿元"), year)
    for k, ind in enumerate(indicators)
    for y, year in enumerate(YEARS)
]
values = rng.uniform(60, 140, N_TARGETS)
which = rng.integers(0, N_INDICATORS, N_TARGETS)
deadline = rng.integers(0, len(YEARS), N_TARGETS)


def targets(*, every: bool) -> list[Target]:
    scale = N_GROUPS if not every else 1  # the total is about 30 regions' worth
    return [
        Target(
            f"T{i}",
            indicators[int(which[i])],
            "at_least",
            Q_(float(values[i]) * scale, "亿元"),
            f"{YEARS[int(deadline[i])]}-12-31",
            every="region" if every else (),
        )
        for i in range(N_TARGETS)
    ]


def best(func: object) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def check(grouped: object) -> None:
    """A sample of grouped rows equals targets on each region's series as its own indicator."""
    res = grouped
    sample = rng.choice(N_TARGETS * N_GROUPS, 300, replace=False)
    own = {
        (ind.id, region): Indicator(f"{ind.id}_{region}", "x", unit=ind.unit, measure="flow")
        for ind in indicators
        for region in regions
    }
    flat = [
        Observation(own[o.indicator, o.dimensions["region"]].id, o.value, o.period)
        for o in observations
        if "region" in o.dimensions
    ]
    singles = []
    for row in sample.tolist():
        t = res.targets.targets[row]  # type: ignore[attr-defined]
        region = res.groups[row]["region"]  # type: ignore[attr-defined]
        singles.append(
            Target(f"S{row}", own[t.indicator.id, region], t.comparator, t.value, t.deadline)
        )
    plain = assess_many(singles, flat)
    same = plain.status.tolist() == res.status[sample].tolist()  # type: ignore[attr-defined]
    same &= bool(np.allclose(plain.attainment, res.attainment[sample]))  # type: ignore[attr-defined]
    if not same:
        msg = "grouped rows differ from the same targets on their own series"
        raise SystemExit(msg)


def ungrouped_columns(
    tc: TargetColumns, oc: ObservationColumns
) -> tuple[TargetColumns, ObservationColumns]:
    """The same rows, each on a series of its own with its own copy of the observations.

    What 3,000,000 ungrouped targets on as many indicators would give: the
    same target columns, with every row's series code its own, and each
    series' observations repeated for each row that reads it.
    """
    a, o = tc.arrays, oc.arrays
    rows = a.ind.shape[0]
    lo = np.searchsorted(o.ind, a.ind, side="left")
    hi = np.searchsorted(o.ind, a.ind, side="right")
    counts = hi - lo
    first = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    take = np.repeat(lo - first[:-1], counts) + np.arange(int(first[-1]))
    own = np.repeat(np.arange(rows, dtype=np.int64), counts)
    arrays = ObservationArrays(
        ind=own,
        start=o.start[take],
        end=o.end[take],
        known=o.known[take],
        value=o.value[take],
        bound=o.bound[take],
        level=o.level[take],
    )
    units = [tc.units[int(k)] for k in a.ind[:1]] * rows
    plain = TargetColumns.from_arrays(a._replace(ind=np.arange(rows, dtype=np.int64)), units=units)
    return plain, ObservationColumns(arrays)


def main() -> None:
    grouped_targets = targets(every=True)
    total_targets = targets(every=False)
    grouped = assess_many(grouped_targets, observations)
    rows = len(grouped)
    if rows != N_TARGETS * N_GROUPS:
        msg = f"expected {N_TARGETS * N_GROUPS:,} rows, got {rows:,}"
        raise SystemExit(msg)
    check(grouped)
    t_grouped = best(lambda: assess_many(grouped_targets, observations))
    t_total = best(lambda: assess_many(total_targets, observations))
    tc, oc = grouped.targets, grouped.observations
    t_kernel_grouped = best(lambda: assess_many(tc, oc))
    utc, uoc = ungrouped_columns(tc, oc)
    t_kernel_plain = best(lambda: assess_many(utc, uoc))
    per = 1e6 / rows
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{N_TARGETS:,} targets x {N_GROUPS} groups = {rows:,} rows; "
        f"{len(observations):,} observations"
    )
    print("from model objects:")
    print(f"  grouped   {t_grouped:8.2f} s   {t_grouped * per:6.3f} µs per (target, group) row")
    print(
        f"  ungrouped {t_total:8.2f} s   {t_total * 1e6 / N_TARGETS:6.3f} µs per row "
        f"({N_TARGETS:,} rows)"
    )
    ratio = t_grouped * per / (t_total * 1e6 / N_TARGETS)
    print(f"  ratio per row: {ratio:.3f} (goal ≤ 1.5)")
    print("kernels on pre-built columns, the same number of rows:")
    print(f"  grouped   {t_kernel_grouped:8.2f} s   {t_kernel_grouped * per:6.3f} µs per row")
    print(f"  ungrouped {t_kernel_plain:8.2f} s   {t_kernel_plain * per:6.3f} µs per row")
    print(f"  ratio per row: {t_kernel_grouped / t_kernel_plain:.3f} (goal ≤ 1.5)")


if __name__ == "__main__":
    main()
