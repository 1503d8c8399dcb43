"""``python -m innovplan report``: print the report of the shipped Wuhan 2023 plan."""

from __future__ import annotations

import argparse
import sys

from innovplan import datasets


def _skeleton() -> str:
    plan = datasets.wuhan_2023()
    lines = [f"{plan.title['en']} ({plan.title['zh']})", f"released {plan.released}", ""]
    for goal in plan.goals:
        lines.append(f"{goal.id}  {goal.title['en']} / {goal.title['zh']}")
        lines.extend(
            f"    {t.id:<4} {t.comparator.symbol} {t.value:~P}  [{t.measure.value}]  "
            f"{t.indicator.name['en']}"
            for t in goal.targets
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m innovplan")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("report", help="print the report of the shipped Wuhan 2023 plan")
    parser.parse_args(argv)
    print(_skeleton())
    return 0


if __name__ == "__main__":
    sys.exit(main())
