"""``python -m innovplan report``: evaluate the shipped Wuhan 2023 plan and print the report.

After the attainment report comes the ex-ante view: what the trajectory said
for high-tech enterprises (T8) and technology contract turnover (T10) on the
day the plan was released (2023-01-29) and after the half-year figures
(2023-08-06), beside the outcomes published later.
"""

from __future__ import annotations

import argparse
import sys

from innovplan import datasets
from innovplan.evaluate import evaluate, ex_ante

# The plan's release, and the half-year review with the first 2023 figures.
EX_ANTE_DATES = ("2023-01-29", "2023-08-06")
EX_ANTE_TARGETS = ("T8", "T10")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m innovplan")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="evaluate the shipped Wuhan 2023 plan")
    report.add_argument("--as-of", help="replay what had been released by this date")
    report.add_argument(
        "--no-ex-ante", action="store_true", help="leave out the ex-ante view of T8 and T10"
    )
    args = parser.parse_args(argv)
    plan, observations = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    print(evaluate(plan, observations, as_of=args.as_of))
    if not args.no_ex_ante:
        print()
        print(ex_ante(plan, observations, EX_ANTE_DATES, targets=EX_ANTE_TARGETS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
