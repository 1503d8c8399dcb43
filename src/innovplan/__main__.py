"""``python -m innovplan report``: evaluate the shipped Wuhan 2023 plan and print the report."""

from __future__ import annotations

import argparse
import sys

from innovplan import datasets
from innovplan.evaluate import evaluate


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m innovplan")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="evaluate the shipped Wuhan 2023 plan")
    report.add_argument("--as-of", help="replay what had been released by this date")
    args = parser.parse_args(argv)
    print(evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of=args.as_of))
    return 0


if __name__ == "__main__":
    sys.exit(main())
