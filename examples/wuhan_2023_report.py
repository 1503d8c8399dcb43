"""Wuhan's 2023 science and technology key points: the report, a frame and the plots.

Run it from the repository root:

    python examples/wuhan_2023_report.py [OUT_DIR]

It prints the plain-text report as it stood after the half-year review
(2023-08-06) and as it stands now, and writes ``report.html`` with its plots
into OUT_DIR (``out/examples`` by default).
"""

from __future__ import annotations

import pathlib
import sys

import matplotlib as mpl

from innovplan import datasets, evaluate
from innovplan.faces import report_document, to_frame, write_plots

mpl.use("Agg")


def main(out_dir: str = "out/examples") -> None:
    plan, observations = datasets.wuhan_2023(), datasets.wuhan_2023_observations()

    # What the trajectory said in August 2023, and what happened.
    midyear = evaluate(plan, observations, as_of="2023-08-06")
    final = evaluate(plan, observations)
    print(midyear)
    print()
    print(final)

    # The same as a data frame: one row per target.
    frame = to_frame(final)
    print()
    print(frame[["status", "observed", "observed_unit", "attainment"]].dropna())

    out = pathlib.Path(out_dir)
    images = write_plots(midyear, observations, out / "plots")
    page = report_document(midyear, images={k: f"plots/{v}" for k, v in images.items()})
    (out / "report.html").write_text(page, encoding="utf-8")
    print(f"\nwrote {out / 'report.html'}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
