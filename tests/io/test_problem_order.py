"""Problems in a document are listed once each, in the order of their places in it."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml

import innovplan
from innovplan.errors import DocumentError

# Problems at six places: the plan's id, its notes, a target's comparator, a
# target's unit and deadline, and an area's misspelt key. The checks run in
# another order (the plan's own fields are checked after its goals).
YAML = textwrap.dedent(
    """\
    format_version: "1.0"
    id: demo 2023
    title: Demo
    start: 2023-01-01
    end: 2023-12-31
    notes: 3
    indicators:
      - {id: turnover, name: technology contract turnover,
         unit: hundred_million_yuan, measure: flow}
    goals:
      - id: G1
        title: transfer of research results
        targets:
          - {id: T1, indicator: turnover, comparator: morethan,
             value: 1450亿元, deadline: 2023-12-31}
          - {id: T2, indicator: turnover, comparator: more_than,
             value: 120 m**2, deadline: 2022-12-31}
    areas:
      - {id: A1, title: an area, tsks: []}
    """
)
IN_ORDER = [
    "id",
    "notes",
    "goals[0].targets[0].comparator",
    "goals[0].targets[1].value",
    "goals[0].targets[1].deadline",
    "areas[0].tsks",
]


def paths(source: str, fmt: str | None = None) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        innovplan.load(source, fmt=fmt)
    return [problem.path for problem in caught.value.problems]


def test_a_file_with_problems_in_several_places_lists_them_in_its_order(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(YAML, encoding="utf-8")
    assert paths(str(path)) == IN_ORDER


def test_the_order_follows_the_document_not_the_checks() -> None:
    # The same document with its keys in reverse, and those of the second
    # target too: the problems come in the reverse order.
    data = yaml.safe_load(YAML)
    reordered = {"format_version": "1.0", **dict(reversed(list(data.items())))}
    reordered["goals"][0]["targets"][1] = dict(
        reversed(list(reordered["goals"][0]["targets"][1].items()))
    )
    text = json.dumps(reordered, default=str, ensure_ascii=False)
    assert paths(text, "json") == [
        "areas[0].tsks",
        "goals[0].targets[0].comparator",
        "goals[0].targets[1].deadline",
        "goals[0].targets[1].value",
        "notes",
        "id",
    ]


def test_an_observation_document_lists_its_problems_in_order() -> None:
    doc = {
        "format_version": "1.0",
        "observations": [
            {"indicator": "a", "value": "12 apples", "period": "2023"},
            {"indicator": "b", "value": "1 yuan", "period": "2023", "bound": "over"},
            # The period comes before the indicator here, and so does its problem.
            {"period": "20x3", "value": "1 yuan", "indicator": ""},
        ],
    }
    with pytest.raises(DocumentError) as caught:
        innovplan.load_observations(json.dumps(doc))
    assert [problem.path for problem in caught.value.problems] == [
        "observations[0].value",
        "observations[1].bound",
        "observations[2].period",
        "observations[2].indicator",
    ]
