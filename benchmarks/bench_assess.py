"""assess_many on 1,000,000 targets vs raw numpy and vs a scalar pint loop.

Run by hand: ``python benchmarks/bench_assess.py`` (or ``make bench``).
Goals: within 3x of the same formulas written directly in numpy, and at least
300x faster per target than a loop of scalar pint operations.

Timing: ``assess_many`` and the raw numpy formulas are each timed as the best of
3 repetitions (the same for both, so the ratio is less sensitive to other jobs
on the machine); the scalar pint loop is timed once on a sample of targets and
reported per target. The load average is printed with the figures.

Before timing, the results are checked equal: met and status on every target,
attainment and score wherever the raw formulas define them the same way (all
but NEAR ranges, whose attainment the engine measures to the range, not its
middle) and the gap on every target but ranges (the engine's gap of a range is
the distance outside it).
"""

from __future__ import annotations

import os
import time

import numpy as np

from innovplan.engine import ObservationArrays, ObservationColumns, TargetColumns, simple_targets
from innovplan.engine import codes as c
from innovplan.evaluate import Assessments, assess_many
from innovplan.units import registry

N = 1_000_000
SAMPLE = 2_000
rng = np.random.default_rng(0)

comparator = rng.integers(0, 7, N).astype(np.int8)
direction = rng.integers(0, 3, N).astype(np.int8)
value = rng.uniform(1, 1000, N)
upper = np.where(comparator == c.BETWEEN, value * 1.2, np.nan)
observed = value * rng.uniform(0.5, 1.5, N)
targets = TargetColumns.from_arrays(
    simple_targets(value=value, comparator=comparator, direction=direction, upper=upper),
    units=["yuan"] * N,
)
obs = ObservationColumns(
    ObservationArrays(
        ind=np.arange(N, dtype=np.int64),
        start=np.full(N, 2023.0),
        end=np.full(N, 2024.0),
        known=np.full(N, 2024.3),
        value=observed,
        bound=np.zeros(N, np.int8),
        level=np.zeros(N, bool),
    )
)


def raw_numpy() -> tuple[np.ndarray, ...]:
    """The same formulas on aligned arrays: met, attainment, score, gap, status."""
    band = 0.05 * value
    inc, dec = direction == c.INCREASE, direction == c.DECREASE
    x, t = observed, value
    met = np.select(
        [
            comparator == c.AT_LEAST,
            comparator == c.MORE_THAN,
            comparator == c.AT_MOST,
            comparator == c.LESS_THAN,
            comparator == c.BETWEEN,
            comparator == c.EQUAL,
        ],
        [
            x >= t,
            x > t,
            x <= t,
            x < t,
            (x >= t) & (x <= upper),
            np.where(inc, x >= t, np.where(dec, x <= t, x == t)),
        ],
        np.where(inc, x >= t - band, np.where(dec, x <= t + band, np.abs(x - t) <= band)),
    )
    ref = np.where(
        comparator == c.BETWEEN, np.where(inc, t, np.where(dec, upper, (t + upper) / 2)), t
    )
    att = np.where(inc, x / ref, np.where(dec, ref / x, 1 - np.abs(x - ref) / ref))
    score = np.clip(att, 0, 1)
    gap = x - ref
    status = np.where(met, c.ACHIEVED, c.NOT_ACHIEVED).astype(np.int8)
    return met, att, score, gap, status


def best_of(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def pint_loop(k: int) -> None:
    q = registry().Quantity
    for i in range(k):
        x, t = q(observed[i], "yuan"), q(value[i], "hundred_million_yuan").to("yuan")
        comp = int(comparator[i])
        if comp in {c.AT_LEAST, c.EQUAL, c.ABOUT, c.BETWEEN}:
            _met = x >= t
        elif comp == c.MORE_THAN:
            _met = x > t
        else:
            _met = x <= t
        _ratio = (x / t).to("dimensionless").magnitude
        _gap = (x - t).to("hundred_million_yuan")


def check_equal(res: Assessments) -> tuple[int, int]:
    """Raise unless the engine and the raw formulas agree; rows compared for (attainment, gap)."""
    met, att, score, gap, status = raw_numpy()
    between = comparator == c.BETWEEN
    same_att = ~(between & (direction == c.NEAR))
    checks = {
        "met": np.array_equal(res.outcome.met == c.MET, met),
        "status": np.array_equal(res.status_codes, status),
        "attainment": np.array_equal(res.attainment[same_att], att[same_att]),
        "score": np.array_equal(res.score[same_att], score[same_att]),
        "gap": np.array_equal(res.gap[~between], gap[~between]),
    }
    differ = [k for k, ok in checks.items() if not ok]
    if differ:
        msg = f"assess_many and raw numpy differ on: {', '.join(differ)}"
        raise SystemExit(msg)
    return int(same_att.sum()), int((~between).sum())


def main() -> None:
    n_att, n_gap = check_equal(assess_many(targets, obs))
    t_engine = best_of(lambda: assess_many(targets, obs))
    t_numpy = best_of(raw_numpy)
    registry()
    t_pint = best_of(lambda: pint_loop(SAMPLE), repeat=1) / SAMPLE
    per_engine = t_engine / N
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"targets: {N:,}   (load average {load}; best of 3 for both timings)")
    print(f"assess_many:      {t_engine * 1e3:8.1f} ms  ({per_engine * 1e9:6.1f} ns per target)")
    print(f"raw numpy:        {t_numpy * 1e3:8.1f} ms  ({t_numpy / N * 1e9:6.1f} ns per target)")
    print(f"scalar pint loop: {t_pint * 1e6:8.1f} us per target (timed on {SAMPLE:,})")
    print(f"assess_many / raw numpy: {t_engine / t_numpy:5.2f}x   (goal <= 3x)")
    print(f"pint loop / assess_many: {t_pint / per_engine:8.0f}x  (goal >= 300x)")
    print(
        f"results equal: met, status on all {N:,}; attainment, score on {n_att:,} "
        f"(not NEAR ranges); gap on {n_gap:,} (not ranges)"
    )


if __name__ == "__main__":
    main()
