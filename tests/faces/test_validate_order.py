"""``innovplan validate`` lists a file's problems in the order of the file."""

from __future__ import annotations

import io

from innovplan.faces import main

# Problems at the plan's id, a target's comparator and an area's misspelt key;
# the plan's own fields are checked after its goals.
PLAN = """\
format_version: "1.0"
id: demo 2023
title: Demo
start: 2023-01-01
end: 2023-12-31
indicators:
  - {id: turnover, name: technology contract turnover, unit: hundred_million_yuan, measure: flow}
goals:
  - id: G1
    title: transfer of research results
    targets:
      - {id: T1, indicator: turnover, comparator: morethan, value: 1450亿元, deadline: 2023-12-31}
areas:
  - {id: A1, title: an area, tsks: []}
"""
PATHS = ["id", "goals[0].targets[0].comparator", "areas[0].tsks"]


def test_validate_prints_the_problems_in_document_order(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(path)], stdout=out, stderr=err)
    assert code != 0
    lines = [line.strip() for line in (out.getvalue() + err.getvalue()).splitlines()]
    paths = [line.split(":")[0] for line in lines if line.split(":")[0] in PATHS]
    assert paths == PATHS
