"""Tables in: targets and observations as pandas, polars and numpy tables, timed.

Run by hand: ``PYTHONPATH=src python benchmarks/bench_tables.py [part ...]``
(parts ``assess``, ``forecast``, ``evaluate``; all three by default). The
forecast part needs statsforecast (``/work/main/.venv-bench``-style
environments); it is skipped with a note when statsforecast is missing.

1. ``assess``: 1,000,000 targets (1,000 indicators) and one observation per
   indicator, from a pandas and from a polars table, through
   :func:`innovplan.assess_many` to a result table (``Assessments.to_frame`` in
   the input's library: pandas, polars; pandas for the mapping),
   against the same formulas in raw numpy on aligned arrays, with the result
   put into a pandas frame too. Building the columns is included on both
   sides' clocks (the raw side's join is a ``searchsorted``). Goal: within 3x.
2. ``forecast``: :func:`innovplan.forecast_many` from tables of the real annual
   series of ``design-series.csv.gz`` (World Bank, World Development
   Indicators, December 2013; see its ``.md``): one target per series and
   horizon (1, 3 and 5 years after the last training year), the last 5 values
   held out; against statsforecast's ``AutoETS`` with 80 % intervals fitted per
   series on the same series (all of them: a subset would time the peer on
   series of another length). Building the tables' columns is included. Goal:
   >= 300x per series, for each table library.
3. ``evaluate``: :func:`innovplan.evaluate` on a flat plan of 10,000 targets
   (1,000 indicators) with 20 years of observations per indicator, against
   :func:`innovplan.assess_many` plus :func:`innovplan.forecast_many` on the
   same tables.

Timings are CPU time of the process (``time.process_time``, every thread
counted: the machine may be shared, and wall time then measures the
neighbours). Parts 1 and 2 take the best of 3 runs (part 2's own calls the best
of 7 after one warm-up call, AutoETS the best of 3), part 3 (after one warm-up call
of each side) the best of 3 up to 20,000 targets and of one above; the load
average is printed with them, and part 2 prints the fresh pages each call faulted
in (allocator churn that the machine's malloc settings decide; no setting is
imposed here, since users run with their own). ``evaluate=2000`` runs part 3 on a smaller plan.
``--before SRC [part ...]`` times parts 1 and 2 with the innovplan source tree
SRC as well, each side in its own processes, and prints the two side by side.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import resource
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

import numpy as np

import innovplan
from innovplan.engine import codes as c

if TYPE_CHECKING:
    from collections.abc import Callable

N = 1_000_000
K = 1_000
DATA = pathlib.Path("/work/shared/data/design-series.csv.gz")
COMPARATORS = ("at_least", "more_than", "at_most", "less_than")
CODES = {"at_least": c.AT_LEAST, "more_than": c.MORE_THAN, "at_most": c.AT_MOST,
         "less_than": c.LESS_THAN}  # fmt: skip


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- 1. a million targets -------------------------------------------------------


def million() -> dict[str, dict[str, Any]]:
    rng = np.random.default_rng(0)
    ind = rng.integers(0, K, N)
    names = np.array([f"ind{k}" for k in range(K)], dtype=object)
    comp = rng.integers(0, len(COMPARATORS), N)
    targets = {
        "id": np.array([f"T{i}" for i in range(N)], dtype=object),
        "indicator": names[ind],
        "comparator": np.array(COMPARATORS, dtype=object)[comp],
        "value": rng.uniform(1, 1000, N).round(2),
        "unit": np.full(N, "hundred_million_yuan", dtype=object),
        "deadline": np.full(N, "2023-12-31", dtype=object),
        "measure": np.full(N, "flow", dtype=object),
    }
    observations = {
        "indicator": names,
        "period": np.full(K, 2023),
        "value": rng.uniform(0.5e11, 1.5e11, K).round(0),
        "unit": np.full(K, "yuan", dtype=object),
        "released": np.full(K, "2024-03-01", dtype=object),
    }
    return {"targets": targets, "observations": observations}


def raw_numpy(t: dict[str, Any], o: dict[str, Any]) -> Any:
    """The same formulas on plain arrays: join, unit factor, met, attainment, gap; a frame."""
    import pandas as pd

    order = np.argsort(o["indicator"])
    keys = o["indicator"][order]
    pos = order[np.searchsorted(keys, t["indicator"])]
    x = o["value"][pos] / 1e8  # yuan to hundred million yuan
    v = t["value"]
    names = sorted(COMPARATORS)
    code = np.array([CODES[name] for name in names])
    cmp = code[np.searchsorted(np.array(names, dtype=object), t["comparator"])]
    met = np.select(
        [cmp == c.AT_LEAST, cmp == c.MORE_THAN, cmp == c.AT_MOST], [x >= v, x > v, x <= v], x < v
    )
    higher = (cmp == c.AT_LEAST) | (cmp == c.MORE_THAN)
    att = np.where(higher, x / v, v / x)
    return pd.DataFrame({"met": met, "attainment": att, "gap": x - v, "observed": x}, index=t["id"])


def part_assess() -> dict[str, float]:
    import pandas as pd
    import polars as pl

    data = million()
    t, o = data["targets"], data["observations"]
    frames = {
        "pandas": (pd.DataFrame(t), pd.DataFrame(o)),
        "polars": (pl.DataFrame(t), pl.DataFrame(o)),
        "numpy mapping": (t, o),
    }
    ref = raw_numpy(t, o)
    res = innovplan.assess_many(*frames["pandas"])
    # The two agree before anything is timed.
    # Unit factors differ in the last bits (x / 1e8 against pint's 1e-8 * x).
    same_gap = np.allclose(res.gap, ref["gap"].to_numpy(), rtol=1e-12, atol=1e-9)
    if not (np.array_equal(res.met.astype(bool), ref["met"].to_numpy()) and same_gap):
        raise SystemExit("assess_many and the raw formulas differ")
    t_raw = best_of(lambda: raw_numpy(t, o))
    print(f"\n1. {N:,} targets, {K:,} indicators, to a result frame (load {load()})")
    print(f"   raw numpy formulas + frame:          {t_raw * 1e3:8.1f} ms")
    figures = {"raw numpy formulas + frame, ms": t_raw * 1e3}
    for name, (ft, fo) in frames.items():
        t_cols = best_of(lambda ft=ft, fo=fo: innovplan.assess_many(ft, fo))
        res = innovplan.assess_many(ft, fo)
        # The result table in the input's own library (pandas for the numpy mapping).
        backend = "polars" if name == "polars" else "pandas"
        t_frame = best_of(lambda res=res, backend=backend: res.to_frame(backend=backend), repeat=1)
        total = t_cols + t_frame
        print(
            f"   {name:14s} assess_many {t_cols * 1e3:8.1f} ms + to_frame {t_frame * 1e3:8.1f} ms"
            f" = {total / t_raw:5.1f}x raw   (assess_many alone {t_cols / t_raw:4.1f}x; goal <= 3x)"
        )
        figures[f"{name}: assess_many, ms"] = t_cols * 1e3
        figures[f"{name}: to_frame, ms"] = t_frame * 1e3
        figures[f"{name}: total / raw"] = total / t_raw
    return figures


# --- 2. forecasts of real series -------------------------------------------------

HOLD = 5
HORIZONS = (1, 3, 5)


def design_series() -> tuple[Any, Any]:
    import pandas as pd

    with gzip.open(DATA, "rt") as fh:
        df = pd.read_csv(fh)
    df = df.sort_values(["series_id", "year"])
    last = df.groupby("series_id")["year"].transform("max")
    train = df[df["year"] <= last - HOLD]
    end = train.groupby("series_id")["year"].max()
    rows = [
        pd.DataFrame(
            {
                "id": [f"{s}-h{h}" for s in end.index],
                "indicator": end.index,
                "deadline": end.to_numpy() + h,
            }
        )
        for h in HORIZONS
    ]
    targets = pd.concat(rows, ignore_index=True)
    targets["comparator"] = "at_least"
    targets["value"] = 0.0
    targets["unit"] = "dimensionless"
    targets["measure"] = "level"
    obs = pd.DataFrame(
        {
            "indicator": train["series_id"].to_numpy(),
            "period": train["year"].to_numpy(),
            "value": train["value"].to_numpy(),
            "unit": "dimensionless",
        }
    )
    return targets, obs


def part_forecast() -> dict[str, float]:
    import pandas as pd
    import polars as pl

    targets, obs = design_series()
    n_series = obs["indicator"].nunique()
    print(f"\n2. forecast_many on {n_series:,} real annual series x {len(HORIZONS)} horizons "
          f"({len(targets):,} targets; load {load()})")  # fmt: skip
    figures = {}
    per_ours: dict[str, float] = {}
    for name, (ft, fo) in {
        "pandas": (targets, obs),
        "polars": (pl.from_pandas(targets), pl.from_pandas(obs)),
    }.items():
        # One call first: the process's first call faults its working set in
        # (about 4,000 pages, whichever library goes first), which is not a
        # cost of every call.
        innovplan.forecast_many(ft, fo, level=0.8)
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t = best_of(lambda ft=ft, fo=fo: innovplan.forecast_many(ft, fo, level=0.8), repeat=7)
        # Fresh pages the timed calls faulted in (glibc may give the heap's top
        # back after a call and the next call take it again).
        faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults) / 7
        print(
            f"   {name:7s} forecast_many: {t * 1e3:8.1f} ms  ({t / n_series * 1e6:7.1f} us/series; "
            f"{faults:,.0f} page faults a call)"
        )
        figures[f"{name}: forecast_many, us/series"] = t / n_series * 1e6
        per_ours[name] = t / n_series
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import AutoETS
    except ImportError:
        print("   statsforecast is not installed here: AutoETS not timed")
        return figures
    frame = pd.DataFrame(
        {
            "unique_id": obs["indicator"].to_numpy(),
            "ds": pd.to_datetime(obs["period"].astype(str) + "-12-31"),
            "y": obs["value"].to_numpy(),
        }
    )
    sf = StatsForecast(models=[AutoETS(season_length=1)], freq="YE", n_jobs=1)
    sf.forecast(df=frame.head(200), h=max(HORIZONS), level=[80])  # compile once
    t_ets = best_of(lambda: sf.forecast(df=frame, h=max(HORIZONS), level=[80]))
    per_ets = t_ets / n_series
    print(f"   statsforecast AutoETS, 80% intervals: {per_ets * 1e6:9.1f} us/series "
          f"(timed on the same {n_series:,} series)")  # fmt: skip
    for name, per in per_ours.items():
        print(
            f"   AutoETS / forecast_many ({name}) per series: {per_ets / per:7.0f}x  (goal >= 300x)"
        )
        figures[f"AutoETS / forecast_many ({name})"] = per_ets / per
    figures["AutoETS, us/series"] = per_ets * 1e6
    return figures


# --- 3. evaluate on a 10,000-target plan -----------------------------------------


def ten_thousand(n: int = 10_000) -> tuple[dict[str, Any], dict[str, Any]]:
    rng = np.random.default_rng(1)
    k, years = n // 10, 20
    names = np.array([f"ind{i}" for i in range(k)], dtype=object)
    ind = rng.integers(0, k, n)
    level = rng.uniform(100, 1000, k)
    growth = rng.normal(0.03, 0.02, k)
    yr = np.arange(2004, 2004 + years)
    values = level[:, None] * np.cumprod(1 + growth[:, None] + rng.normal(0, 0.02, (k, years)),
                                         axis=1)  # fmt: skip
    observations = {
        "indicator": np.repeat(names, years),
        "period": np.tile(yr, k),
        "value": values.reshape(-1).round(3),
        "unit": np.full(k * years, "enterprise", dtype=object),
    }
    targets = {
        "id": np.array([f"T{i}" for i in range(n)], dtype=object),
        "indicator": names[ind],
        "comparator": np.full(n, "at_least", dtype=object),
        "value": (values[ind, -1] * rng.uniform(1.0, 1.3, n)).round(0),
        "unit": np.full(n, "enterprise", dtype=object),
        "deadline": np.full(n, 2026),
        "measure": np.full(n, "level", dtype=object),
    }
    return targets, observations


def part_evaluate(n: int = 10_000) -> dict[str, float]:
    t, o = ten_thousand(n)
    as_of = "2024-06-30"

    def separate() -> None:
        innovplan.assess_many(t, o, as_of=as_of)
        innovplan.forecast_many(t, o, as_of=as_of)

    # One call of each first: whichever ran first would otherwise pay the
    # process's one-time costs (unit registry, quantile tables, lazy imports).
    innovplan.evaluate(t, o, as_of=as_of)
    separate()
    repeat = 3 if n <= 20_000 else 1
    t_eval = best_of(lambda: innovplan.evaluate(t, o, as_of=as_of), repeat=repeat)
    t_sep = best_of(separate, repeat=repeat)
    print(f"\n3. evaluate, {n:,} targets, {n // 10:,} indicators x 20 years (load {load()})")
    print(f"   evaluate (assess + forecast + progress + roll-up): {t_eval * 1e3:8.1f} ms")
    print(f"   assess_many + forecast_many:                        {t_sep * 1e3:8.1f} ms")
    print(f"   evaluate / (assess_many + forecast_many): {t_eval / t_sep:5.2f}x")
    return {"evaluate, ms": t_eval * 1e3, "assess_many + forecast_many, ms": t_sep * 1e3}


PARTS = {"assess": part_assess, "forecast": part_forecast, "evaluate": part_evaluate}


def side_by_side(before: str, parts: list[str], rounds: int = 2) -> None:
    """Parts 1 and 2 timed with the innovplan of *before* and with this one, side by side.

    Each side runs in its own process, alternately, *rounds* times (the best
    figure of each side is kept: a shared machine's load moves in between).
    """
    here = str(pathlib.Path(__file__).resolve().parent.parent / "src")
    sides = {"before": before, "now": here}
    best: dict[str, dict[str, dict[str, float]]] = {p: {} for p in parts}
    for _ in range(rounds):
        for side, src in sides.items():
            for part in parts:
                env = {**os.environ, "PYTHONPATH": src}
                out = subprocess.run(  # noqa: S603 (this script, another source tree)
                    [sys.executable, __file__, "--json", part],
                    env=env, capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                figures = json.loads(out.strip().splitlines()[-1])
                mine = best[part].setdefault(side, figures)
                for key, value in figures.items():
                    # Times: the least is best; ratios against AutoETS: the most.
                    pick = max if key.startswith("AutoETS /") else min
                    mine[key] = pick(mine.get(key, value), value)
    print(f"\nBefore ({before}) and now ({here}); load {load()}")
    for part in parts:
        print(f"\n{part}:{'before':>48s} {'now':>10s}")
        for key, value in best[part]["before"].items():
            now = best[part]["now"].get(key, float("nan"))
            print(f"   {key:42s} {value:10.1f} {now:10.1f}")


if __name__ == "__main__":
    # "evaluate=2000" runs part 3 on 2,000 targets (and 200 indicators).
    # "--before SRC" times parts 1 and 2 with the innovplan in SRC too, side by side.
    # "--json" prints a part's figures as one line of JSON, last.
    args = sys.argv[1:]
    if args[:1] == ["--before"]:
        side_by_side(args[1], args[2:] or ["assess", "forecast"])
        raise SystemExit(0)
    as_json = args[:1] == ["--json"]
    for arg in args[1:] if as_json else args or list(PARTS):
        part, _, size = arg.partition("=")
        if part not in PARTS:
            raise SystemExit(f"unknown part {part!r}: choose from {', '.join(PARTS)}")
        if size:
            part_evaluate(int(size))
        else:
            figures = PARTS[part]()
            if as_json:
                print(json.dumps(figures))
