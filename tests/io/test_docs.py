"""The examples of docs/files.md load, and docs/schema.json is json_schema()."""

from __future__ import annotations

import json
import pathlib
import re

import innovplan.io as ipio
from innovplan import Q_

DOCS = pathlib.Path(__file__).parent.parent.parent / "docs"
DATA = pathlib.Path(__file__).parent.parent / "data"


def test_the_annotated_example_is_the_tested_file() -> None:
    page = (DOCS / "files.md").read_text(encoding="utf-8")
    (yaml_block,) = re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
    assert ipio.load(yaml_block, fmt="yaml") == ipio.load(DATA / "plan_wuhan_like.yaml")
    (json_block,) = re.findall(r"```json\n(.*?)```", page, re.DOTALL)
    assert ipio.load_observations(json_block)


def test_the_plan_of_the_how_to_loads_as_written() -> None:
    page = (DOCS / "howto" / "write-a-plan-file.md").read_text(encoding="utf-8")
    (yaml_block,) = re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
    plan = ipio.load(yaml_block, fmt="yaml")
    assert plan.id == "campus-2025"
    # "1.2万件": 1.2 x 10,000 = 12,000 patents
    assert plan.target("T2").value == Q_(12000, "patent")
    assert plan.target("T2").wording["zh"] == "发明专利授权量超过1.2万件"


def test_the_published_schema_is_current() -> None:
    assert json.loads((DOCS / "schema.json").read_text(encoding="utf-8")) == ipio.json_schema()


def test_the_published_results_schema_is_current() -> None:
    published = json.loads((DOCS / "results-schema.json").read_text(encoding="utf-8"))
    assert published == ipio.results_schema()
