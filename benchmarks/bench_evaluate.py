"""``evaluate`` on large plans: 10,000 and 100,000 targets, and the report as frames.

Run by hand: ``PYTHONPATH=src python benchmarks/bench_evaluate.py`` (``--sizes 10000``
for a shorter run, ``--objects`` to add a plan of model objects).

For each size, a flat plan of *n* targets on *n* / 10 indicators with 20 years
of observations per indicator (synthetic growth paths, seed 1; the same
generator as ``bench_tables.py``'s part 3) is given as tables (mappings of
numpy arrays) to:

1. :func:`innovplan.evaluate` (attainment, trajectory forecasts, progress
   grades, headline statuses and the roll-up);
2. :func:`innovplan.assess_many` plus :func:`innovplan.forecast_many` on the
   same tables, the part of the work the two share;
3. ``PlanReport.to_frame`` with each backend (pandas, polars, pyarrow): the
   first call builds the columns it reads (the text columns, ``pace`` and
   ``status_why`` above all), the second reuses them.

With ``--objects`` the same targets also go in as a :class:`~innovplan.model.Plan`
of model objects (ten goals) with observations as model objects.

Timing: each figure is one run (the machine is shared; the load average is
printed with the figures); the smallest plan is evaluated once first to
import and warm up everything timed.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import TYPE_CHECKING, Any

import numpy as np

import innovplan
from innovplan import Q_
from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Plan, Target

if TYPE_CHECKING:
    from collections.abc import Callable

AS_OF = "2024-06-30"
YEARS = 20
UNIT = "enterprise"
BACKENDS = ("pandas", "polars", "pyarrow")


def tables(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """*n* targets on *n* / 10 indicators, and 20 years of each indicator."""
    rng = np.random.default_rng(1)
    k = max(n // 10, 1)
    names = np.array([f"ind{i}" for i in range(k)], dtype=object)
    ind = rng.integers(0, k, n)
    level = rng.uniform(100, 1000, k)
    growth = rng.normal(0.03, 0.02, k)
    yr = np.arange(2004, 2004 + YEARS)
    steps = 1 + growth[:, None] + rng.normal(0, 0.02, (k, YEARS))
    values = level[:, None] * np.cumprod(steps, axis=1)
    observations = {
        "indicator": np.repeat(names, YEARS),
        "period": np.tile(yr, k),
        "value": values.reshape(-1).round(3),
        "unit": np.full(k * YEARS, UNIT, dtype=object),
    }
    targets = {
        "id": np.array([f"T{i}" for i in range(n)], dtype=object),
        "indicator": names[ind],
        "comparator": np.full(n, "at_least", dtype=object),
        "value": (values[ind, -1] * rng.uniform(1.0, 1.3, n)).round(0),
        "unit": np.full(n, UNIT, dtype=object),
        "deadline": np.full(n, 2026),
        "measure": np.full(n, "level", dtype=object),
    }
    return targets, observations


def objects(t: dict[str, Any], o: dict[str, Any]) -> tuple[Plan, list[Observation]]:
    """The same targets as a plan of ten goals, the observations as model objects."""
    inds = {name: Indicator(name, name, unit=UNIT, measure=Measure.LEVEL)
            for name in dict.fromkeys(o["indicator"].tolist())}  # fmt: skip
    targets = [
        Target(tid, inds[ind], Comparator.AT_LEAST, Q_(float(v), UNIT), f"{int(d)}-12-31")
        for tid, ind, v, d in zip(t["id"], t["indicator"], t["value"], t["deadline"], strict=True)
    ]
    goals = [Goal(f"G{g}", f"goal {g}", targets[g::10]) for g in range(10)]
    plan = Plan("p", "plan", start="2021-01-01", end="2026-12-31", goals=goals)
    obs = [
        Observation(ind, Q_(float(v), UNIT), int(y))
        for ind, y, v in zip(o["indicator"], o["period"], o["value"], strict=True)
    ]
    return plan, obs


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = call()
    return out, time.perf_counter() - t0


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def run(sizes: list[int], *, with_objects: bool) -> None:
    warm_t, warm_o = tables(min(sizes) // 10)
    warm = innovplan.evaluate(warm_t, warm_o, as_of=AS_OF)
    for backend in BACKENDS:  # imports the frame libraries before any timing
        warm.to_frame(backend=backend)
    print(f"load average: {load()}")
    print(f"{'input':8} {'targets':>8} {'evaluate s':>11} {'assess+fc s':>12} {'ratio':>6}")
    frames: list[str] = []
    for n in sizes:
        t, o = tables(n)
        inputs: list[tuple[str, Any, Any]] = [("tables", t, o)]
        if with_objects:
            plan, obs = objects(t, o)
            inputs.append(("objects", plan, obs))
        for name, plan_in, obs_in in inputs:
            report, t_eval = timed(
                lambda p=plan_in, b=obs_in: innovplan.evaluate(p, b, as_of=AS_OF)
            )
            targets = t if name == "tables" else plan_in

            def separate(ts: Any = targets, b: Any = obs_in) -> None:
                innovplan.assess_many(ts, b, as_of=AS_OF)
                innovplan.forecast_many(ts, b, as_of=AS_OF)

            _, t_sep = timed(separate)
            print(f"{name:8} {n:8,d} {t_eval:11.2f} {t_sep:12.2f} {t_eval / t_sep:6.2f}")
            for backend in BACKENDS:
                _, cold = timed(lambda r=report, k=backend: r.to_frame(backend=k))
                _, warm_s = timed(lambda r=report, k=backend: r.to_frame(backend=k))
                frames.append(
                    f"{name:8} {n:8,d} {backend:8} {cold * 1e3:10.0f} {warm_s * 1e3:10.0f}"
                )
    print(f"\nPlanReport.to_frame (load average: {load()})")
    print(f"{'input':8} {'targets':>8} {'backend':8} {'first ms':>10} {'again ms':>10}")
    print("\n".join(frames))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--objects", action="store_true", help="also a plan of model objects")
    ns = parser.parse_args()
    run(ns.sizes, with_objects=ns.objects)
