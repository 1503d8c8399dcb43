"""Generated hostile documents through the public loaders, in every format.

Each document is a valid one with hostile values put in (deep nesting, huge
and tiny numbers, NaN, lone surrogates, formula text, integer keys...), then
written by the format's own writer and, often, damaged as text (a token
replaced, a key repeated, a character inserted, the text cut short, another
encoding). Whatever happens:

- only an ``InnovplanError`` escapes;
- every problem names where it is: a path in the document, or a line (and
  column) of the text;
- each load ends within the documented bound (``DEADLINE``; the documents here
  are small, so it is generous against a shared machine);
- what loads dumps back and loads again equal.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io as stdio
import json
import pathlib
import re
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import innovplan.io as ipio
from innovplan.errors import DocumentError, InnovplanError

DATA = pathlib.Path(__file__).parent.parent / "data"
BASE = ipio.to_dict(ipio.load(DATA / "plan_wuhan_like.yaml"))
OBS_BASE = {
    "format_version": "1.0",
    "observations": [
        {"indicator": "hte", "value": {"value": 14500, "unit": "enterprise"}, "period": "2023"},
        {"indicator": "gdp", "value": "5.2 percent", "period": "2023-H1", "note": "first half"},
    ],
}
# The bound docs/files.md gives for a document of this suite's size (a few kB).
DEADLINE = dt.timedelta(seconds=2)
SETTINGS = settings(
    max_examples=80,
    deadline=DEADLINE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_PLACE = re.compile(r"\b(line|byte|column) \d+|end of document")
# Problems of the document as a whole: the root is their place.
_WHOLE = (
    "a plan document is an object",
    "an observation document is an object",
    "the document has ",
    "not valid YAML",
    "not SDMX-CSV",
)


def _check(call: Any, dump: Any) -> None:
    """Load; on success, dump and load back equal; on failure, every problem is placed."""
    try:
        loaded = call()
    except InnovplanError as exc:
        error = exc
    else:
        dump(loaded)
        return
    if isinstance(error, DocumentError):
        assert error.problems
        for p in error.problems:
            assert p.path or _PLACE.search(p.message) or p.message.startswith(_WHOLE), p


# -- hostile values ------------------------------------------------------------------

_TRICKY = [
    "1:30",
    "010",
    "0x1F",
    "2023-02-30",
    "2023-01-01T25:00",
    '=HYPERLINK("http://x.example")',
    "+1+cmd",
    "@SUM(A1)",
    "a\rb",
    "a\r",
    "\r\n",
    "yuan^^",
    "(",
    "",
    " ",
    "null",
    "~",
    "yes",
    "1e-400",
    "NaN",
    "-Infinity",
    "\ufeff",
    "\x00",
    "\u0661\u0660",
    "x" * 300,
]
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=1, max_value=480).map(lambda n: 10**n - 1),  # up to 480 digits
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.text(st.characters(categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=3),
    st.sampled_from(_TRICKY),
)


def _nested(depth: int) -> Any:
    value: Any = 1
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


_values = st.one_of(
    st.recursive(
        _scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(max_size=4) | st.integers(0, 9), inner, max_size=3)
        ),
        max_leaves=6,
    ),
    st.integers(min_value=1, max_value=150).map(_nested),
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


@st.composite
def _documents(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 2))):
        path = draw(st.sampled_from(_paths(doc)[1:]))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = draw(_values)
    return doc


# -- writing, then damaging the text -----------------------------------------------------

_TOKENS = [
    "1e-400",
    "1e400",
    "9" * 5000,
    "NaN",
    "-Infinity",
    "1:30",
    "010",
    '"\\ud800"',
    "\ud800",
    "&a [*a]",
    "*a",
    "[" * 300,
    "{" * 100,
    "a." * 200 + "a = 1",
    "!!python/object/apply:os.system ['true']",
    "\x00",
    "\r",
    "\t",
    "'''",
    '"""',
    "#",
]


def _render(doc: Any, fmt: str, *, ascii_only: bool) -> str | None:
    try:
        if fmt == "json":
            return json.dumps(doc, ensure_ascii=ascii_only, indent=2 if ascii_only else None)
        if fmt == "yaml":
            return str(yaml.safe_dump(doc, allow_unicode=not ascii_only, sort_keys=False))
        return tomli_w.dumps(doc)
    except (TypeError, ValueError, yaml.YAMLError, UnicodeError, RecursionError):
        return None  # the document cannot be written in this format at all


@st.composite
def _damaged(draw: st.DrawFn, text: str) -> str | bytes:
    how = draw(st.sampled_from(["none", "token", "insert", "cut", "repeat", "encode"]))
    at = draw(st.integers(0, len(text)))
    if how == "token":
        # A number or word of the text replaced by a hostile token.
        found = list(re.finditer(r"-?\d[\d.eE+-]*|\b[a-z_]+\b", text))
        if found:
            m = draw(st.sampled_from(found))
            return text[: m.start()] + draw(st.sampled_from(_TOKENS)) + text[m.end() :]
    if how == "insert":
        return text[:at] + draw(st.sampled_from(_TOKENS) | st.text(max_size=3)) + text[at:]
    if how == "cut":
        return text[:at]
    if how == "repeat":
        # A line said twice: a repeated key in YAML and TOML, a broken object in JSON.
        lines = text.splitlines(keepends=True)
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        return "".join(lines[: i + 1] + lines[i:])
    if how == "encode":
        codec = draw(st.sampled_from(["utf-8-sig", "utf-16", "latin-1", "gb18030"]))
        return text.encode(codec, errors="replace")
    return text


def _source(draw: st.DrawFn, doc: Any, fmt: str) -> str | bytes:
    text = _render(doc, fmt, ascii_only=draw(st.booleans()))
    assume(text is not None)
    assert text is not None
    return draw(_damaged(text))


# -- plans -----------------------------------------------------------------------------------


def _plan_round_trip(fmt: str) -> Any:
    def dump(plan: Any) -> None:
        text = ipio.dump(plan, fmt=fmt)
        assert ipio.load(text, fmt=fmt) == plan

    return dump


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
@SETTINGS
@given(st.data())
def test_hostile_plans(fmt: str, data: st.DataObject) -> None:
    source = _source(data.draw, data.draw(_documents(BASE)), fmt)
    _check(lambda: ipio.load(source, fmt=fmt), _plan_round_trip(fmt))


# -- observations ----------------------------------------------------------------------------


def _observations_round_trip(fmt: str) -> Any:
    def dump(observations: Any) -> None:
        text = ipio.dump_observations(observations, fmt=fmt)
        assert ipio.load_observations(text, fmt=fmt) == observations

    return dump


@SETTINGS
@given(st.data())
def test_hostile_json_observations(data: st.DataObject) -> None:
    source = _source(data.draw, data.draw(_documents(OBS_BASE)), "json")
    _check(lambda: ipio.load_observations(source, fmt="json"), _observations_round_trip("json"))


_cells = st.one_of(
    st.sampled_from(_TRICKY),
    st.text(max_size=6),
    st.sampled_from(["2023", "2023-H1", "2023-12-31", "14500", "1.5e3", "-2", "9" * 500]),
    st.sampled_from(["enterprise", "yuan", "percent", "CNY", "PC", "-400", "8"]),
)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = stdio.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


@SETTINGS
@given(st.data())
def test_hostile_csv_observations(data: st.DataObject) -> None:
    header = ["indicator", "period", "value", "unit", "note"]
    good = ["hte", "2023", "14500", "enterprise", "n"]
    rows = [
        [data.draw(st.just(cell) | _cells) for cell in good]
        for _ in range(data.draw(st.integers(1, 3)))
    ]
    source = data.draw(_damaged(_csv_text(header, rows)))
    _check(lambda: ipio.load_observations(source, fmt="csv"), _observations_round_trip("csv"))


@SETTINGS
@given(st.data())
def test_hostile_sdmx_csv_observations(data: st.DataObject) -> None:
    header = [
        "DATAFLOW",
        "FREQ",
        "INDICATOR",
        "TIME_PERIOD",
        "OBS_VALUE",
        "UNIT_MEASURE",
        "UNIT_MULT",
    ]
    good = ["CN:RD(1.0)", "A", "RD", "2023", "2.65", "PC", "0"]
    rows = [
        [data.draw(st.just(cell) | _cells) for cell in good]
        for _ in range(data.draw(st.integers(1, 3)))
    ]
    source = data.draw(_damaged(_csv_text(header, rows)))
    # Read SDMX-CSV, written back as long-format CSV.
    _check(lambda: ipio.load_observations(source, fmt="sdmx-csv"), _observations_round_trip("csv"))


def test_the_numbers_of_the_suite_are_what_they_claim() -> None:
    # The generated integers reach past the digit limit (480 > 400 digits) and
    # the deep values past the depth limit (150 > 64 levels).
    assert len(str(10**480 - 1)) == 480 > ipio.MAX_DIGITS
    deepest = _nested(150)
    depth = 0
    while isinstance(deepest, dict | list):
        deepest = deepest["k"] if isinstance(deepest, dict) else deepest[0]
        depth += 1
    assert depth == 150 > ipio.MAX_DEPTH
