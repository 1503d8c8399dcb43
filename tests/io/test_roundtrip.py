"""Anything innovplan writes loads back equal, in every format, numbers exactly."""

from __future__ import annotations

import io as stdio
import json
import math
import pathlib

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Plan, Target
from innovplan.testing import observations, plans

DATA = pathlib.Path(__file__).parent.parent / "data"
FORMATS = ("json", "yaml", "toml")


def _same_units(a: Plan, b: Plan) -> None:
    # pint's == converts units; a lossless round trip keeps the unit as written.
    for x, y in zip(a.targets, b.targets, strict=True):
        assert (x.value.magnitude, str(x.value.units)) == (y.value.magnitude, str(y.value.units))
        assert type(x.value.magnitude) is type(y.value.magnitude)


# One example goes through all three formats: 2,000 plans give 2,000
# round trips per format for the cost of generating them once.
@settings(max_examples=2000)
@given(plans(max_goals=2, max_targets=2, max_areas=1, max_tasks=1))
def test_plans_round_trip_in_every_format(plan: Plan) -> None:
    for fmt in FORMATS:
        text = ipio.dump(plan, fmt=fmt)
        assert text is not None
        back = ipio.load(text, fmt=fmt)
        assert back == plan, fmt
        _same_units(back, plan)


@settings(max_examples=2000)
@given(st.lists(observations(), max_size=2))
def test_observations_round_trip_in_every_format(obs: list[Observation]) -> None:
    for fmt in (*FORMATS, "csv"):
        text = ipio.dump_observations(obs, fmt=fmt)
        assert text is not None
        back = ipio.load_observations(text, fmt=fmt)
        assert list(back) == obs, fmt
        assert [type(o.value.magnitude) for o in back] == [type(o.value.magnitude) for o in obs]


@settings(max_examples=25)
@given(plans(max_goals=2, max_targets=2))
def test_the_schema_accepts_every_dumped_document(plan: Plan) -> None:
    jsonschema.validate(ipio.to_dict(plan), SCHEMA)


SCHEMA = ipio.json_schema()


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.fixture
def wuhan() -> Plan:
    return ipio.load(DATA / "plan_wuhan_like.yaml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_realistic_plan_round_trips(wuhan: Plan, fmt: str) -> None:
    text = ipio.dump(wuhan, fmt=fmt)
    assert text is not None
    back = ipio.load(text, fmt=fmt)
    assert back == wuhan
    _same_units(back, wuhan)
    assert ipio.dump(back, fmt=fmt) == text
    assert "高新技术企业突破13000家" in text
    assert back.target("T8").baseline.source.quote == "高新技术企业超过9100家"  # type: ignore[union-attr]


def test_a_realistic_plan_validates_against_the_schema(wuhan: Plan) -> None:
    jsonschema.validate(ipio.to_dict(wuhan), SCHEMA, format_checker=jsonschema.FormatChecker())


def test_units_are_kept_as_the_quantity_has_them(wuhan: Plan) -> None:
    doc = ipio.to_dict(wuhan)
    values = {t["id"]: t["value"] for g in doc["goals"] for t in g["targets"]}
    assert values["T10"] == {"value": 1450, "unit": "hundred_million_yuan"}
    assert values["T13"] == {"value": 30, "unit": "patent / ten_thousand_person"}
    assert values["T8"] == {"value": 13000, "unit": "enterprise"}


def _plan_with(value: float, unit: str = "yuan") -> Plan:
    ind = Indicator("x", "x", unit=unit, measure=Measure.FLOW)
    target = Target("T1", ind, Comparator.AT_LEAST, Q_(value, unit), "2023-12-31")
    return Plan("p", "P", start="2023-01-01", end="2023-12-31", goals=[Goal("G1", "g", [target])])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "number", [0.1, 1e-30, 1450.0000000001, 5e-324, 1.7976931348623157e308, 1e16, 2**62, 13000, 0]
)
def test_numbers_are_exact(fmt: str, number: float) -> None:
    text = ipio.dump(_plan_with(number), fmt=fmt)
    assert text is not None
    value = ipio.load(text, fmt=fmt).target("T1").value.magnitude
    assert value == number
    assert type(value) is type(number)


def test_ints_stay_ints_and_floats_stay_floats() -> None:
    doc = ipio.to_dict(_plan_with(1450))
    assert json.dumps(doc["goals"][0]["targets"][0]["value"]) == '{"value": 1450, "unit": "yuan"}'
    doc = ipio.to_dict(_plan_with(1450.0))
    assert json.dumps(doc["goals"][0]["targets"][0]["value"]) == '{"value": 1450.0, "unit": "yuan"}'


@pytest.mark.parametrize(
    ("fmt", "written", "literal"),
    [
        ("json", '"value": 1,', '"value": NaN,'),
        ("json", '"value": 1,', '"value": -Infinity,'),
        ("yaml", "value: 1\n", "value: .nan\n"),
        ("yaml", "value: 1\n", "value: -.inf\n"),
        ("toml", "value = 1\n", "value = nan\n"),
        ("toml", "value = 1\n", "value = inf\n"),
    ],
)
def test_nan_and_infinity_are_refused(fmt: str, written: str, literal: str) -> None:
    doc = ipio.dump(_plan_with(1), fmt=fmt)  # type: ignore[arg-type]
    assert doc is not None
    assert written in doc
    with pytest.raises(DocumentError, match=r"(?i)nan|inf") as info:
        ipio.load(doc.replace(written, literal), fmt=fmt)  # type: ignore[arg-type]
    assert "finite" in str(info.value) or "JSON allows" in str(info.value)


def test_shorthand_quantities_and_plain_wording_load() -> None:
    plan = ipio.from_dict(
        {
            "format_version": "1.0",
            "id": "p",
            "title": "技术合同",
            "start": "2023-01-01",
            "end": "2023-12-31",
            "indicators": [
                {"id": "x", "name": "x", "unit": "hundred_million_yuan", "measure": "flow"}
            ],
            "goals": [
                {
                    "id": "G",
                    "title": "g",
                    "targets": [
                        {
                            "id": "T",
                            "indicator": "x",
                            "comparator": "more_than",
                            "value": "1450亿元",
                            "deadline": "2023-12-31",
                        }
                    ],
                }
            ],
        }
    )
    assert dict(plan.title) == {"zh": "技术合同"}
    assert plan.target("T").value.magnitude == 1450
    assert str(plan.target("T").value.units) == "hundred_million_yuan"


def test_an_inline_indicator_is_accepted() -> None:
    doc = ipio.to_dict(_plan_with(3))
    target = doc["goals"][0]["targets"][0]
    target["indicator"] = doc.pop("indicators")[0]
    assert ipio.from_dict(doc) == _plan_with(3)


def test_a_unit_with_a_numeric_factor_is_refused_with_the_scaled_unit_to_write() -> None:
    # A number inside a unit could flip ("-1 yuan") or zero ("0 yuan") the value
    # unseen; 1e8 yuan has a name of its own, and the error says it.
    doc = ipio.to_dict(_plan_with(3))
    doc["goals"][0]["targets"][0]["value"] = {"value": 1450, "unit": "1e8 yuan"}
    with pytest.raises(DocumentError) as caught:
        ipio.from_dict(doc)
    assert "goals[0].targets[0].value.unit" in str(caught.value)
    assert "write 'hundred_million_yuan'" in str(caught.value)


def test_load_reads_paths_bytes_and_open_files(tmp_path: pathlib.Path, wuhan: Plan) -> None:
    for fmt, suffix in [("json", ".json"), ("yaml", ".yml"), ("toml", ".toml")]:
        path = tmp_path / f"plan{suffix}"
        assert ipio.dump(wuhan, path) is None  # the format comes from the suffix
        assert ipio.load(path) == wuhan
        assert ipio.load(str(path)) == wuhan
        assert ipio.load(path.read_bytes(), fmt=fmt) == wuhan  # type: ignore[arg-type]
        assert ipio.load(path.read_bytes()) == wuhan  # sniffed
        with path.open("rb") as fh:
            assert ipio.load(fh) == wuhan
    assert ipio.load(stdio.StringIO(ipio.dump(wuhan) or "")) == wuhan


def test_dump_to_a_path_keeps_the_mode_and_leaves_no_temporary_file(
    tmp_path: pathlib.Path, wuhan: Plan
) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old")
    path.chmod(0o640)
    ipio.dump(wuhan, path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    assert ipio.load(path) == wuhan


def test_a_failed_dump_leaves_the_old_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, wuhan: Plan
) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old")

    def broken(doc: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("innovplan.io._json.render", broken)
    with pytest.raises(RuntimeError):
        ipio.dump(wuhan, path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_failed_write_removes_the_temporary_file(tmp_path: pathlib.Path) -> None:
    from innovplan.io._safety import atomic_write

    path = tmp_path / "plan.json"

    def write_half() -> None:
        with atomic_write(path) as fh:
            fh.write("half")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        write_half()
    assert list(tmp_path.iterdir()) == []


def test_unknown_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="fmt='xml'"):
        ipio.dump(_plan_with(1), fmt="xml")  # type: ignore[arg-type]


def test_an_observation_set_document_has_its_own_shape() -> None:
    obs = [Observation("hte", Q_(14500, "enterprise"), "2023-12-31", released="2024-01-18")]
    text = ipio.dump_observations(obs)
    assert text is not None
    assert json.loads(text)["format_version"] == "1.0"
    assert list(ipio.load_observations(text)) == obs


def test_floats_are_written_with_repr() -> None:
    text = ipio.dump(_plan_with(0.1 + 0.2), fmt="json")
    assert text is not None
    assert "0.30000000000000004" in text
    assert math.isclose(ipio.load(text).target("T1").value.magnitude, 0.30000000000000004)


def test_a_window_taken_from_the_plan_is_not_written_and_comes_back() -> None:
    jobs = Indicator("jobs", "urban new jobs", unit="person", measure=Measure.FLOW)
    built = Indicator("built", "labs built", unit="laboratory", measure=Measure.LEVEL,
                      only_grows=True)  # fmt: skip
    targets = [
        Target("J", jobs, Comparator.MORE_THAN, Q_(5.5e7, "person"), "2025-12-31",
               basis="cumulative"),
        Target("B", built, Comparator.AT_LEAST, Q_(20, "laboratory"), "2025-12-31"),
    ]  # fmt: skip
    plan = Plan("fyp", "plan", start="2021-01-01", end="2025-12-31",
                goals=[Goal("G", "g", targets=targets)])  # fmt: skip
    for fmt in ("json", "yaml", "toml"):
        text = ipio.dump(plan, fmt=fmt)
        assert "plan_start" not in text
        assert "only_grows" in text
        back = ipio.load(text, fmt=fmt)
        assert back == plan
        assert back.target("J").period_start.isoformat() == "2021-01-01"
        assert back.target("J").start is None
        jsonschema.validate(json.loads(ipio.dump(back, fmt="json")), ipio.json_schema())
    # A file may not set the inherited start itself.
    doc = json.loads(ipio.dump(plan, fmt="json"))
    doc["goals"][0]["targets"][0]["plan_start"] = "2020-01-01"
    with pytest.raises(DocumentError, match="plan_start"):
        ipio.load(json.dumps(doc), fmt="json")


def _labels(items: object) -> list[object]:
    # Labels are not part of a group's identity (== ignores them): compare them apart.
    out: list[object] = []
    for x in items:  # type: ignore[attr-defined]
        if isinstance(x, Observation):
            out.append(x.dimensions.to_dict())
        else:
            versus = x.versus.to_dict() if x.versus is not None else None
            out.append((x.group.to_dict(), x.every, versus))
    return out


@settings(max_examples=500)
@given(plans(max_goals=2, max_targets=3, max_areas=0, dimensions=("sex", "region", "age")))
def test_plans_with_group_targets_round_trip_in_every_format(plan: Plan) -> None:
    for fmt in FORMATS:
        text = ipio.dump(plan, fmt=fmt)
        assert text is not None
        back = ipio.load(text, fmt=fmt)
        assert back == plan, fmt
        assert _labels(back.targets) == _labels(plan.targets), fmt
    jsonschema.validate(ipio.to_dict(plan), SCHEMA)


@settings(max_examples=500)
@given(st.lists(observations(dimensions=("sex", "region")), max_size=3))
def test_observations_with_dimensions_round_trip_in_every_format(obs: list[Observation]) -> None:
    for fmt in (*FORMATS, "csv"):
        text = ipio.dump_observations(obs, fmt=fmt)
        assert text is not None
        back = ipio.load_observations(text, fmt=fmt)
        assert list(back) == obs, fmt
        assert _labels(back) == _labels(obs), fmt
