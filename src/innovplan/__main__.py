"""``python -m innovplan``: the same as the ``innovplan`` command.

With no plan file, ``report`` evaluates the shipped Wuhan 2023 plan and, after
the attainment report, prints the ex-ante view: what the trajectory said for
high-tech enterprises (T8) and technology contract turnover (T10) on the day
the plan was released and after the half-year figures, beside the outcomes.
"""

from __future__ import annotations

import sys

from innovplan.faces._cli import main

if __name__ == "__main__":
    sys.exit(main())
