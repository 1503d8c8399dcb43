"""The examples of docs/files.md load, and docs/schema.json is json_schema()."""

from __future__ import annotations

import json
import pathlib
import re

import innovplan.io as ipio

DOCS = pathlib.Path(__file__).parent.parent.parent / "docs"
DATA = pathlib.Path(__file__).parent.parent / "data"


def test_the_annotated_example_is_the_tested_file() -> None:
    page = (DOCS / "files.md").read_text(encoding="utf-8")
    (yaml_block,) = re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
    assert ipio.load(yaml_block, fmt="yaml") == ipio.load(DATA / "plan_wuhan_like.yaml")
    (json_block,) = re.findall(r"```json\n(.*?)```", page, re.DOTALL)
    assert ipio.load_observations(json_block)


def test_the_published_schema_is_current() -> None:
    assert json.loads((DOCS / "schema.json").read_text(encoding="utf-8")) == ipio.json_schema()


def test_the_published_results_schema_is_current() -> None:
    published = json.loads((DOCS / "results-schema.json").read_text(encoding="utf-8"))
    assert published == ipio.results_schema()
