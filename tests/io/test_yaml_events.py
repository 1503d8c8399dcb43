"""YAML read from the parser's events and written as events, as PyYAML's safe loader and dumper do.

libyaml's C parser is used when it is installed, PyYAML's own parser where it
is not; both feed the same reader, and must read every document alike. Where
the reader accepts a document, its values are those of PyYAML's own
``yaml.load(text, Loader=yaml.SafeLoader)``; it only refuses more (what YAML
1.1 reads unlike it looks, repeated keys, aliases expanding too far). The
writer's text is ``yaml.dump``'s, byte for byte, with libyaml's emitter and
with PyYAML's own.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovplan.io as ipio
from innovplan.errors import DocumentError
from innovplan.io import _yaml
from innovplan.io._safety import Limits
from innovplan.testing import observations, plans

if TYPE_CHECKING:
    from innovplan.model import Plan

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEAD = "format_version: '1.0'\nid: p\ntitle: P\nstart: 2023-01-01\nend: 2023-12-31\n"


def _outcome(text: str, parser: Any) -> tuple[str, str]:
    """What the reader makes of *text* with *parser*: its values, or its problems."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_yaml, "_parser", lambda: parser)
        try:
            value = _yaml.parse(text, Limits(), "")
        except DocumentError as exc:
            return "refused", "\n".join(str(p) for p in exc.problems)
    # repr: NaN is equal to itself as text, and 1 and 1.0 and True stay apart.
    return "read", repr(value)


def _is_yaml(text: str) -> bool:
    """Whether both parsers parse *text* (libyaml refuses a few texts PyYAML's parser takes)."""
    try:
        for loader in (yaml.CSafeLoader, yaml.SafeLoader):
            for _ in yaml.parse(text, Loader=loader):
                pass
    except yaml.YAMLError:
        return False
    return True


def _same_with_both_parsers(text: str) -> tuple[str, str]:
    fast = _outcome(text, yaml.CSafeLoader)
    pure = _outcome(text, yaml.SafeLoader)
    if fast != pure:
        # The two parsers word their syntax errors differently; everything the
        # reader itself refuses is said in the same words at the same place.
        assert fast[0] == pure[0] == "refused", (fast, pure)
        assert not _is_yaml(text), (fast, pure)
    if fast[0] == "read":
        assert fast[1] == repr(yaml.load(text, Loader=yaml.SafeLoader))
    return fast


# -- generated documents ----------------------------------------------------------------

# Scalars YAML 1.1 reads as something other than text, or nearly so: read...
_READ = [
    "1450", "-3", "+12", "0", "-0", "08", "09.5", "0x1F", "-0b101", "0o17", "1_000", "1__0",
    "1_", "1:60", "1.5", ".5", "1.", "1e3", "1.0e+3", "1.0E-3", "6.8523015e+5", ".inf", "-.Inf",
    "+.INF", ".nan", ".NaN", "-.nan", "yes", "No", "ON", "off", "y", "n", "True", "FALSE", "tRUE",
    "~", "null", "Null", "NULL", "nUll", "2023-01-01", "2023-1-1 10:00:00",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 Z", "2023-01-01 00:00:00.123456789",
    "10000-01-01", "T8", "more_than", "亿元", "a b", "'010'", '"1:30"', "!!str 010", "!!int '12'",
    "!!bool yes", "!!null x", "!!timestamp 2023-01-01", "! x", "!!seq [1]", "!!map {a: 1}", "[]",
    "{}", "*a", "*b",
]  # fmt: skip
# ... and refused.
_REFUSED = [
    "00", "010", "0b_", "0x_", "1:30", "-1:30:00", "1:30.5", "190:20:30.15", "1e400", "1.0e400",
    "1.0e-400", "2.5e-330", "9" * 450, "0x" + "f" * 420, "2023-02-30", "0000-01-01",
    "2023-01-01 25:00:00", "2023-01-01T10:00:00+25:00", "<<", "=", "!!int abc", "!!float x",
    "!!bool maybe", "!!timestamp x", "!!binary aGVsbG8=", "!!python/object:os.system x",
    "!custom x", "!!str [1]", "!!map [1]", '"a\\ud800"', '"\\udfff b"',
]  # fmt: skip

_KEYS = ["a", "b", "c", "1", "2.5", "false", "~", "2023-01-01", "'1'"]  # all different values
_HOSTILE_KEYS = ["<<", "=", "[1]", "{a: 1}", "1.0", "true"]  # unhashable, or equal to 1


def _flow(scalars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
            | st.lists(
                st.tuples(st.sampled_from(_KEYS), inner), max_size=3, unique_by=lambda kv: kv[0]
            ).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}")
        ),
        max_leaves=8,
    )


@st.composite
def _documents(draw: st.DrawFn, *, hostile: bool) -> str:
    """A block mapping of flow values and a sequence: tricky scalars, tags, anchors, aliases.

    A hostile document has one value, or one key, the reader refuses.
    """
    keys = draw(st.lists(st.sampled_from(_KEYS), min_size=1, max_size=6, unique=True))
    lines = ["anchors: [&a 1, &b [1, 2]]"]
    lines += [f"{key}: {draw(_flow(st.sampled_from(_READ)))}" for key in keys]
    lines.append("seq:")
    lines += [f"  - {draw(_flow(st.sampled_from(_READ)))}" for _ in range(3)]
    if hostile:
        at = draw(st.integers(1, len(lines) - 1))
        if draw(st.booleans()):
            lines.insert(at, f"{draw(st.sampled_from(_HOSTILE_KEYS))}: 1")
        elif lines[at] != "seq:":  # the whole value of an entry
            head = "  -" if lines[at].startswith("  - ") else lines[at].partition(":")[0] + ":"
            lines[at] = f"{head} {draw(st.sampled_from(_REFUSED))}"
    return "\n".join(lines) + "\n"


@SETTINGS
@given(text=_documents(hostile=False))
def test_both_parsers_read_generated_documents_alike(text: str) -> None:
    assert _same_with_both_parsers(text)[0] == "read"


@SETTINGS
@given(text=_documents(hostile=True))
def test_both_parsers_refuse_generated_documents_alike(text: str) -> None:
    _same_with_both_parsers(text)


@SETTINGS
@given(plan=plans())
def test_a_dumped_plan_reads_alike_with_both_parsers(plan: Plan) -> None:
    text = ipio.dump(plan, fmt="yaml")
    assert text is not None
    assert _same_with_both_parsers(text)[0] == "read"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_yaml, "_parser", lambda: yaml.SafeLoader)
        assert ipio.load(text, fmt="yaml") == plan
    assert ipio.load(text, fmt="yaml") == plan


@SETTINGS
@given(obs=st.lists(observations(), max_size=4))
def test_dumped_observations_read_alike_with_both_parsers(obs: list[Any]) -> None:
    text = ipio.dump_observations(obs, fmt="yaml")
    assert text is not None
    assert _same_with_both_parsers(text)[0] == "read"


# -- writing -------------------------------------------------------------------------------

_texts = st.sampled_from(_READ + _REFUSED + _KEYS + _HOSTILE_KEYS) | st.text(max_size=8)
_plain_values = st.recursive(
    _texts
    | st.integers()
    | st.floats()
    | st.sampled_from([1e17, -0.0, 1e-30, 5e-324, float("inf"), float("-inf")])
    | st.booleans()
    | st.none()
    | st.dates()
    | st.datetimes(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4),
    max_leaves=12,
)


def _dumped(doc: object, dumper: Any) -> str:
    # As render's docstring says: block style, keys in document order, long lines kept.
    return str(
        yaml.dump(
            doc,
            Dumper=dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=10_000,
        )
    )


class _PureDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@SETTINGS
@given(doc=_plain_values)
def test_the_writer_writes_what_pyyaml_writes(doc: object) -> None:
    assert _yaml.render(doc) == _dumped(doc, _yaml._dumper())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_yaml, "_dumper", lambda: _PureDumper)
        assert _yaml.render(doc) == _dumped(doc, _PureDumper)


@SETTINGS
@given(plan=plans())
def test_a_plan_is_written_as_pyyaml_writes_it(plan: Plan) -> None:
    doc = ipio.to_dict(plan)
    assert ipio.dump(plan, fmt="yaml") == _dumped(doc, _yaml._dumper())


def test_the_pure_python_writer_refuses_a_lone_surrogate() -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_yaml, "_dumper", lambda: _PureDumper)
        with pytest.raises(DocumentError, match=r"lone surrogate '\\udc00'"):
            _yaml.render({"notes": "a\udc00"})


# -- what the reader refuses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "line 6, column 8: 'abc' is not an integer"),
        ("!!float x", "line 6, column 8: 'x' is not a number"),
        ("!!bool maybe", "line 6, column 8: 'maybe' is not a boolean"),
        ("!!timestamp x", "line 6, column 8: 'x' is not a date"),
        ("!!map [1]", "line 6, column 8: expected a mapping node, but found sequence"),
        ("0b_", "line 6, column 8: '0b_' is not an integer"),
        ("<<", "line 6, column 8: '<<' is a merge key in YAML 1.1, which is not read"),
        ("!!binary aGVsbG8=", "the tag 'tag:yaml.org,2002:binary'"),
        ("!!set {a, b}", "the tag 'tag:yaml.org,2002:set'"),
    ],
)
def test_a_scalar_not_of_its_tag_is_refused_with_its_place(value: str, message: str) -> None:
    # These escaped as ValueError, KeyError, TypeError or AttributeError from
    # PyYAML's constructor, or loaded bytes and sets no plan holds.
    with pytest.raises(DocumentError) as info:
        ipio.load(f"{HEAD}notes: {value}\n", fmt="yaml")
    assert message in str(info.value)


def test_an_alias_nesting_too_deep_names_the_alias() -> None:
    # The anchor is 40 levels deep under the root mapping (level 1); the alias
    # sits at level 31 (the root and 30 brackets), so it reaches 31 + 40 = 71 > 64.
    deep = "[" * 40 + "]" * 40
    text = f"{HEAD}notes: &d {deep}\ngoals: {'[' * 30}*d{']' * 30}\n"
    with pytest.raises(DocumentError) as info:
        ipio.load(text, fmt="yaml")
    # Line 7 is "goals: [[[...*d": the alias starts at column 8 + 30 = 38.
    assert "line 7, column 38: the document nests deeper than 64 levels" in str(info.value)


def test_an_anchor_defined_twice_names_both_places() -> None:
    with pytest.raises(DocumentError) as info:
        ipio.load(f"{HEAD}notes: &a x\nid2: &a y\n", fmt="yaml")
    assert "line 7, column 6: the anchor 'a' is defined twice (first at line 6, column 8)" in str(
        info.value
    )


def test_a_second_document_is_refused() -> None:
    # HEAD is five lines: the second document starts on line 6.
    with pytest.raises(DocumentError, match="line 6, column 1: but found another document"):
        ipio.load(f"{HEAD}---\nid: q\n", fmt="yaml")


# -- speed ------------------------------------------------------------------------------------


def test_a_megabyte_of_yaml_plan_loads_within_a_second() -> None:
    # 4,500 targets, 45 goals of 100, written by dump: about 230 bytes each, 1 MB.
    written = ipio.from_dict(
        {
            "format_version": "1.0",
            "id": "p",
            "title": "P",
            "start": "2023-01-01",
            "end": "2023-12-31",
            "indicators": [
                {
                    "id": "hte",
                    "name": "high-tech enterprises",
                    "unit": "enterprise",
                    "measure": "level",
                },
            ],
            "goals": [
                {
                    "id": f"G{g}",
                    "title": f"goal {g}",
                    "targets": [
                        {
                            "id": f"T{g}_{k}",
                            "indicator": "hte",
                            "comparator": "more_than",
                            "value": {"value": 1000 + k, "unit": "enterprise"},
                            "deadline": "2023-12-31",
                            "wording": {
                                "en": f"target {k} of goal {g} above {1000 + k}",
                                "zh": f"目标{k}超过{1000 + k}家企业",
                            },
                        }
                        for k in range(100)
                    ],
                }
                for g in range(45)
            ],
        }
    )
    text = ipio.dump(written, fmt="yaml")
    assert text is not None
    assert 0.8e6 < len(text.encode()) < 1.2e6
    ipio.load(text, fmt="yaml")  # warm: the unit registry is built on first use
    start = time.process_time()
    plan = ipio.load(text, fmt="yaml")
    assert time.process_time() - start < 1.0
    assert len(plan.targets) == 4500
