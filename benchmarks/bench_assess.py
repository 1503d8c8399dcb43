"""assess_many on 1,000,000 targets vs raw numpy and vs a scalar pint loop.

Run by hand: ``python benchmarks/bench_assess.py`` (or ``make bench``).
Goals: within 3x of the same formulas written directly in numpy, and at least
300x faster per target than a loop of scalar pint operations.
"""

from __future__ import annotations

import time

import numpy as np

from innovplan.engine import _codes as c
from innovplan.engine._attain import ObservationArrays, simple_targets
from innovplan.engine._columns import ObservationColumns, TargetColumns
from innovplan.evaluate import assess_many
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


def main() -> None:
    res = assess_many(targets, obs)
    met_raw = raw_numpy()[0]
    agree = np.mean((res.outcome.met == c.MET) == met_raw)
    t_engine = best_of(lambda: assess_many(targets, obs))
    t_numpy = best_of(raw_numpy)
    registry()
    t_pint = best_of(lambda: pint_loop(SAMPLE), repeat=1) / SAMPLE
    per_engine = t_engine / N
    print(f"targets: {N:,}")
    print(f"assess_many:      {t_engine * 1e3:8.1f} ms  ({per_engine * 1e9:6.1f} ns per target)")
    print(f"raw numpy:        {t_numpy * 1e3:8.1f} ms  ({t_numpy / N * 1e9:6.1f} ns per target)")
    print(f"scalar pint loop: {t_pint * 1e6:8.1f} us per target (timed on {SAMPLE:,})")
    print(f"assess_many / raw numpy: {t_engine / t_numpy:5.2f}x   (goal <= 3x)")
    print(f"pint loop / assess_many: {t_pint / per_engine:8.0f}x  (goal >= 300x)")
    print(f"met agrees with raw numpy on {agree:.4%} of targets (ABOUT bands and slack differ)")


if __name__ == "__main__":
    main()
