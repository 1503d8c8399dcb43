"""Every problem in a document is a DocumentError naming its path; nothing else escapes."""

from __future__ import annotations

import contextlib
import copy
import json
import pathlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innovplan.io as ipio
from innovplan.errors import DocumentError, Problem
from innovplan.io import _converter

DATA = pathlib.Path(__file__).parent.parent / "data"
BAD = DATA / "bad"
MANIFEST = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))
BASE = ipio.to_dict(ipio.load(DATA / "plan_wuhan_like.yaml"))


def test_the_corpus_has_at_least_30_documents() -> None:
    assert len(MANIFEST) >= 30
    listed = {case["file"] for case in MANIFEST}
    on_disk = {p.name for p in BAD.iterdir()} - {"manifest.json"}
    assert listed == on_disk


@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_each_bad_document_names_its_path(case: dict[str, str]) -> None:
    with pytest.raises(DocumentError) as info:
        ipio.load(BAD / case["file"])
    problems = info.value.problems
    assert problems, "a DocumentError lists its problems"
    assert info.value.source.endswith(case["file"])
    matching = [p for p in problems if p.path == case["path"]]
    assert matching, f"no problem at {case['path']!r}: {problems}"
    assert any(case["message"] in str(p) for p in matching), matching


def test_all_problems_are_listed_at_once() -> None:
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["targets"][0]["comparator"] = "morethan"
    doc["goals"][0]["targets"][1]["value"] = {"value": 120, "unit": "m**2"}
    doc["notes"] = 3
    doc["areas"][0]["tsks"] = []
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    paths = {p.path for p in info.value.problems}
    assert paths == {
        "goals[0].targets[0].comparator",
        "goals[0].targets[1].value",
        "notes",
        "areas[0].tsks",
    }
    text = str(info.value)
    assert text.startswith("4 problems in the document:")
    assert "did you mean 'tasks'?" in text
    assert "goals[0].targets[1].value: unit 'meter ** 2'" in text


def test_structure_values_the_id_and_the_deadline_in_one_pass() -> None:
    # Four kinds of problem that each used to hide the next: an unknown key
    # (structure), a value that is not a number, an id that is not a slug
    # (checked once the plan is built), a deadline before the plan's start
    # (checked against the whole plan).
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["colour"] = "red"
    doc["goals"][0]["targets"][0]["value"] = {"value": "many", "unit": "enterprise"}
    doc["id"] = "wuhan 2023!"
    doc["goals"][0]["targets"][3]["deadline"] = "2022-12-31"  # the plan starts 2023-01-01
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    by_path = {p.path: p.message for p in info.value.problems}
    assert set(by_path) == {
        "goals[0].colour",
        "goals[0].targets[0].value.value",
        "id",
        "goals[0].targets[3].deadline",
    }
    assert by_path["goals[0].colour"] == "unknown key"
    assert by_path["goals[0].targets[0].value.value"] == "expected a number, got text 'many'"
    assert by_path["id"].endswith("got 'wuhan 2023!'")
    assert by_path["goals[0].targets[3].deadline"] == (
        "deadline 2022-12-31 of target 'T12' precedes the plan's start"
    )
    assert str(info.value).startswith("4 problems in the document:")


def test_the_deadline_problem_reads_the_same_alone() -> None:
    # Alone, the plan is built and its own check finds the deadline: same path, same words.
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["targets"][3]["deadline"] = "2022-12-31"
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    assert [(p.path, p.message) for p in info.value.problems] == [
        (
            "goals[0].targets[3].deadline",
            "deadline 2022-12-31 of target 'T12' precedes the plan's start",
        )
    ]


def test_a_target_that_does_not_build_still_has_its_deadline_checked() -> None:
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["targets"][3]["comparator"] = "roughly"
    doc["goals"][0]["targets"][3]["deadline"] = "2022-12-31"  # the plan starts 2023-01-01
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    assert sorted(p.path for p in info.value.problems) == [
        "goals[0].targets[3].comparator",
        "goals[0].targets[3].deadline",
    ]


def test_a_wrong_indicator_is_reported_once_where_it_is() -> None:
    doc = copy.deepcopy(BASE)
    doc["indicators"][0]["unit"] = "enterprize"  # T8's indicator
    doc["goals"][0]["targets"][2]["value"] = "many"  # T11, whose indicator is sound
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    paths = [p.path for p in info.value.problems]
    # One problem at the indicator, none at the targets that name it or at
    # the other targets; T11's own value is still checked.
    assert paths == ["indicators[0].unit", "goals[0].targets[2].value"]
    assert "problems of its own" not in str(info.value)


def test_a_problem_carries_a_hint() -> None:
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["targets"][0]["comparator"] = "morethan"
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    (problem,) = info.value.problems
    assert problem == Problem(
        "goals[0].targets[0].comparator",
        "'morethan' is not one of at_least, more_than, at_most, less_than, about, equal, between",
        "did you mean 'more_than'?",
    )


def test_document_errors_pickle() -> None:
    import pickle

    with pytest.raises(DocumentError) as info:
        ipio.load(BAD / "comparator_typo.json")
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems


def test_an_older_version_is_upgraded(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(doc: dict[str, Any]) -> dict[str, Any]:
        doc["title"] = doc.pop("name")
        return doc

    monkeypatch.setitem(_converter.UPGRADES, "0.9", ("1.0", rename))
    doc = copy.deepcopy(BASE)
    doc["format_version"] = "0.9"
    doc["name"] = doc.pop("title")
    assert ipio.to_dict(ipio.from_dict(doc)) == BASE


def test_an_unknown_older_version_is_refused() -> None:
    doc = copy.deepcopy(BASE)
    doc["format_version"] = "0.3"
    with pytest.raises(DocumentError, match=r"0\.3 is not a known version"):
        ipio.from_dict(doc)


@pytest.mark.parametrize("version", ["1.0", "1", 1.0, 1])
def test_the_current_version_may_be_written_as_a_number(version: object) -> None:
    doc = copy.deepcopy(BASE)
    doc["format_version"] = version
    assert ipio.to_dict(ipio.from_dict(doc)) == BASE


def test_a_document_over_the_size_limit_is_refused_before_parsing(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "huge.json"
    path.write_bytes(b'{"notes": "' + b"x" * (16 * 1024 * 1024) + b'"}')
    with pytest.raises(DocumentError, match="more than the limit of 16777216"):
        ipio.load(path)
    with pytest.raises(DocumentError, match="more than the limit of 100"):
        ipio.load("x" * 101, max_bytes=100)


def test_the_depth_limit_can_be_changed() -> None:
    text = json.dumps(BASE)
    with pytest.raises(DocumentError, match="deeper than 3 levels"):
        ipio.load(text, max_depth=3)


def test_loading_yaml_evaluates_nothing(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "pwned"
    text = f"id: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(DocumentError):
        ipio.load(text, fmt="yaml")
    assert not marker.exists()


def test_a_target_written_as_text_is_read_through_the_phrase_reader() -> None:
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["targets"][0] = {
        "id": "T8",
        "indicator": "high_tech_enterprises",
        "text": "高新技术企业突破13000家",
        "deadline": "2023-12-31",
    }
    t8 = ipio.from_dict(doc).target("T8")
    # 突破 reads as "more than"; 13000家 is 13,000 enterprises.
    assert (t8.comparator.value, t8.value.magnitude, str(t8.value.units)) == (
        "more_than",
        13000,
        "enterprise",
    )
    assert t8.wording["zh"] == "高新技术企业突破13000家"
    assert t8.indicator.id == "high_tech_enterprises"


def test_a_target_text_that_holds_no_target_names_its_path() -> None:
    doc = copy.deepcopy(BASE)
    doc["goals"][0]["targets"][0] = {
        "id": "T8",
        "indicator": "high_tech_enterprises",
        "text": "accelerate the construction of the innovation centre",
        "deadline": "2023-12-31",
    }
    with pytest.raises(DocumentError) as info:
        ipio.from_dict(doc)
    assert info.value.problems[0].path == "goals[0].targets[0].text"


# -- no other exception type escapes ------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=6),
    st.sampled_from(["", "1.0", "2023", "2023-12-31", "1450亿元", "enterprise", "more_than", "T8"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


_ALL_PATHS = _paths(BASE)[1:]


@settings(max_examples=400)
@given(st.sampled_from(_ALL_PATHS), _values, st.booleans())
def test_a_mutated_document_raises_only_document_error(
    path: tuple[Any, ...], value: Any, delete: bool
) -> None:
    doc = copy.deepcopy(BASE)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    try:
        plan = ipio.from_dict(doc)
    except DocumentError as exc:
        problems = exc.problems
        assert problems
        return
    # Whatever loads must dump and load back to the same plan.
    assert ipio.from_dict(ipio.to_dict(plan)) == plan


@settings(max_examples=200)
@given(_values)
def test_any_json_value_raises_only_document_error(value: Any) -> None:
    for fmt in ("json", "yaml"):
        text = json.dumps(value)
        with pytest.raises(DocumentError):
            ipio.load(text, fmt=fmt)  # type: ignore[arg-type]
        with pytest.raises(DocumentError):
            ipio.load_observations(text, fmt=fmt)  # type: ignore[arg-type]


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_any_text_raises_only_document_error(text: str) -> None:
    for fmt in ("json", "yaml", "toml", "csv", "sdmx-csv"):
        with contextlib.suppress(DocumentError):
            ipio.load_observations(text, fmt=fmt)  # type: ignore[arg-type]
    for fmt in ("json", "yaml", "toml"):
        with pytest.raises(DocumentError):
            ipio.load(text, fmt=fmt)  # type: ignore[arg-type]
