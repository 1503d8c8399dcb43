"""Write a plan by hand in YAML, load it, and evaluate it against your own figures.

python examples/write_your_own_plan.py
"""

from __future__ import annotations

import innovplan
from innovplan.faces import to_frame

PLAN = """
format_version: "1.0"
id: campus-2025
title:
  en: Campus innovation plan 2024-2025
  zh: 校园创新计划（2024—2025年）
start: 2024-01-01
end: 2025-12-31
goals:
  - id: G1
    title: more start-ups and more patents
    targets:
      - id: T1
        indicator:
          id: startups
          name: {en: start-ups founded, zh: 新创企业}
          unit: enterprise
          measure: flow
        comparator: at_least
        value: {value: 40, unit: enterprise}
        deadline: 2025-12-31
        start: 2024-01-01
        wording: {en: found at least 40 start-ups in two years}
      - id: T2
        indicator:
          id: patents_granted
          name: invention patents granted
          unit: patent
          measure: level
        comparator: more_than
        value: "1.2万件"
        deadline: 2025-12-31
        wording: {zh: 发明专利授权量超过1.2万件}
"""

OBSERVATIONS = """\
indicator,period_start,period_end,value,unit,released,source
startups,2024-01-01,2024-12-31,23,enterprise,2025-01-15,annual report 2024
patents_granted,2022-12-31,2022-12-31,9100,patent,2023-01-20,annual report 2022
patents_granted,2023-12-31,2023-12-31,10200,patent,2024-01-20,annual report 2023
patents_granted,2024-12-31,2024-12-31,11050,patent,2025-01-15,annual report 2024
"""


def main() -> None:
    plan = innovplan.load(PLAN, fmt="yaml")
    observations = innovplan.load_observations(OBSERVATIONS, fmt="csv")
    report = innovplan.evaluate(plan, observations, as_of="2025-02-01")
    print(report)
    print()
    print(to_frame(report)[["status", "forecast", "probability", "likelihood"]])


if __name__ == "__main__":
    main()
