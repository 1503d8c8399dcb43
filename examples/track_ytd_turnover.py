"""Track a year-to-date flow: Wuhan's technology contract turnover in 2023.

The plan promised a turnover above 1,450亿元 (145 billion yuan) for 2023. The
half-year review (released 2023-08-06) reported 1,004.06亿元 for January to
June. What did that say about the full year, and what happened?

    python examples/track_ytd_turnover.py [PLOT.png]
"""

from __future__ import annotations

import sys

import matplotlib as mpl

import innovplan
from innovplan import datasets
from innovplan.evaluate import forecast
from innovplan.faces import plot_trajectory

mpl.use("Agg")


def main(png: str | None = None) -> None:
    plan, observations = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    t10 = plan.target("T10")
    print(t10.wording["zh"], "→", t10.comparator.symbol, t10.value)

    # Before the half-year figure: the yearly trend alone.
    january = forecast(t10, observations, as_of="2023-01-29")
    print("2023-01-29:", january.explain())

    # After it: a FLOW target with a figure for part of its own period is
    # forecast from that figure (the "ytd" methods), not from the trend.
    august = forecast(t10, observations, as_of="2023-08-06")
    print("2023-08-06:", august.explain())
    print("   method:", august.method, "—", august.why)

    # The outcome, published on 2024-04-26.
    turnover = [o for o in observations if o.indicator == t10.indicator.id]
    outcome = innovplan.assess(t10, turnover)
    print("outcome:   ", outcome.explain())

    if png:
        ax = plot_trajectory(t10, observations, august, as_of="2023-08-06")
        ax.figure.savefig(png, dpi=110)
        print("wrote", png)


if __name__ == "__main__":
    main(*sys.argv[1:2])
