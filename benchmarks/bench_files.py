"""Plan files: innovplan.io.load and dump against each format's own parser.

Run by hand: ``python benchmarks/bench_files.py`` (1,000 and 50,000 targets),
``python benchmarks/bench_files.py 200000`` for the largest plan (minutes).

For each size and format (JSON, YAML, TOML) the same plan is written once with
``innovplan.io.dump``; then, on that text:

- ``parser``: the format's parser alone (``json.loads``, ``yaml.load`` with
  libyaml's ``CSafeLoader``, ``tomllib.loads``);
- ``load``: ``innovplan.io.load`` (parse, limits, structure, validation);
- ``dump``: ``innovplan.io.dump`` of the loaded plan.

Time is process CPU time (the machine may be shared, and wall time then
measures the neighbours), the best of ``REPEAT`` runs; peak memory is the
peak traced by ``tracemalloc`` during one more run, above what was allocated
before it (the text itself is not counted). Ratios are against the parser.
Goals: ``load`` of JSON within 3x of ``json.loads`` in time and memory, and no
document of a megabyte loading in over a second in any format.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tomllib
import tracemalloc
from typing import TYPE_CHECKING, Any, Literal

import yaml

from innovplan import Q_
from innovplan.io import dump, load
from innovplan.model import Comparator, Goal, Indicator, Measure, Plan, Target

if TYPE_CHECKING:
    from collections.abc import Callable

Format = Literal["json", "yaml", "toml"]
FORMATS: tuple[Format, ...] = ("json", "yaml", "toml")

REPEAT = 3
PER_GOAL = 100
UNITS = (
    ("hundred_million_yuan", Measure.FLOW),
    ("enterprise", Measure.LEVEL),
    ("percent", Measure.GROWTH),
    ("patent / ten_thousand_person", Measure.LEVEL),
)
PARSERS: dict[str, Callable[[str], Any]] = {
    "json": json.loads,
    "yaml": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
    "toml": tomllib.loads,
}


def make_plan(n: int) -> Plan:
    """A plan of *n* targets over 100 indicators, 100 targets to a goal."""
    indicators = [
        Indicator(
            f"ind{i}",
            {"en": f"indicator {i}", "zh": f"指标{i}"},
            unit=UNITS[i % 4][0],
            measure=UNITS[i % 4][1],
        )
        for i in range(100)
    ]
    goals = []
    for g in range(max(1, n // PER_GOAL)):
        targets = [
            Target(
                f"T{g}_{k}",
                indicators[(g * PER_GOAL + k) % 100],
                Comparator.MORE_THAN,
                Q_(1000 + k, indicators[(g * PER_GOAL + k) % 100].unit),
                "2025-12-31",
                wording={
                    "en": f"target {k} of goal {g} above {1000 + k}",
                    "zh": f"目标{k}超过{1000 + k}",
                },
                weight=0.5,
            )
            for k in range(PER_GOAL)
        ]
        goals.append(Goal(f"G{g}", f"goal {g}", targets=targets))
    return Plan("bench", "Benchmark plan", start="2021-01-01", end="2025-12-31", goals=goals)


def cpu_seconds(call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        gc.collect()
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
        del result
    return best


def peak_bytes(call: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    result = call()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del result
    return peak


def main(sizes: list[int]) -> None:
    print(f"CPU seconds (best of {REPEAT}) and peak traced MB; ratio = innovplan / parser")
    header = (
        f"{'targets':>8} {'fmt':>4} {'MB':>6} | {'parser s':>8} {'load s':>7} {'ratio':>6}"
        f" | {'parser MB':>9} {'load MB':>8} {'ratio':>6} | {'dump s':>7} {'dump MB':>8}"
        f" | {'load s/MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        plan = make_plan(n)
        for fmt in FORMATS:
            text = dump(plan, fmt=fmt)
            if not isinstance(text, str):
                raise SystemExit("dump() without a path returns the text")
            size_mb = len(text.encode()) / 1e6
            parse = PARSERS[fmt]

            def read(text: str = text, fmt: Format = fmt) -> Plan:
                return load(text, fmt=fmt, max_bytes=1 << 31)

            def write(plan: Plan = plan, fmt: Format = fmt) -> str | None:
                return dump(plan, fmt=fmt)

            def bare(text: str = text, parse: Callable[[str], Any] = parse) -> Any:
                return parse(text)

            if read() != plan:
                raise SystemExit(f"{fmt}: the plan did not load back equal")
            parser_s = cpu_seconds(bare)
            load_s = cpu_seconds(read)
            parser_mb = peak_bytes(bare) / 1e6
            load_mb = peak_bytes(read) / 1e6
            dump_s = cpu_seconds(write)
            dump_mb = peak_bytes(write) / 1e6
            print(
                f"{n:>8} {fmt:>4} {size_mb:>6.1f} | {parser_s:>8.2f} {load_s:>7.2f}"
                f" {load_s / parser_s:>5.1f}x | {parser_mb:>9.1f} {load_mb:>8.1f}"
                f" {load_mb / parser_mb:>5.1f}x | {dump_s:>7.2f} {dump_mb:>8.1f}"
                f" | {load_s / size_mb:>9.2f}",
                flush=True,
            )
            del text
        del plan


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 50_000])
