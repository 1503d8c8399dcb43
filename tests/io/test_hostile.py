"""Hostile documents: refused cleanly, with their place, in bounded time; nothing lost.

One test (or a few) per way a document used to hang, crash with another
exception type, or lose data silently.
"""

from __future__ import annotations

import contextlib
import csv
import json
import time
import tracemalloc

import pytest

import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.model import Observation, Period, Plan, Source

HEAD = {
    "format_version": "1.0",
    "id": "p",
    "title": "P",
    "start": "2023-01-01",
    "end": "2023-12-31",
}
YAML_HEAD = "format_version: '1.0'\nid: p\ntitle: P\nstart: 2023-01-01\nend: 2023-12-31\n"
JSON_HEAD = json.dumps(HEAD)[:-1]  # without the closing brace, to add keys to


def _refused(call: object, *args: object, **kwargs: object) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return info.value


def _messages(err: DocumentError) -> str:
    return "\n".join(str(p) for p in err.problems)


def _cpu(call: object) -> float:
    start = time.process_time()
    with contextlib.suppress(DocumentError):
        call()  # type: ignore[operator]
    return time.process_time() - start


# -- TOML dotted keys ---------------------------------------------------------------


def test_a_toml_dotted_key_deeper_than_the_limit_is_refused_at_once() -> None:
    # 40,000 parts, 80 kB: tomllib's cost grows with the square of the parts.
    text = 'format_version = "1.0"\n' + ".".join(["a"] * 40_000) + " = 1\n"
    seconds = _cpu(lambda: ipio.load(text, fmt="toml"))
    err = _refused(ipio.load, text, fmt="toml")
    assert "line 2, column 1: the document nests deeper than 64 levels" in _messages(err)
    assert seconds < 1.0


def test_a_toml_table_header_counts_its_parts_as_levels() -> None:
    text = 'format_version = "1.0"\n[' + ".".join(["a"] * 200) + "]\nx = 1\n"
    err = _refused(ipio.load, text, fmt="toml")
    assert "line 2, column" in _messages(err)
    assert "nests deeper than 64" in _messages(err)


def test_a_toml_dotted_key_within_the_limit_is_read() -> None:
    text = (
        'format_version = "1.0"\nid = "p"\ntitle.en = "P"\nstart = 2023-01-01\nend = 2023-12-31\n'
    )
    assert ipio.load(text, fmt="toml").title["en"] == "P"


# -- memory of the depth check ---------------------------------------------------------


def test_the_json_depth_check_needs_no_more_memory_than_the_parser() -> None:
    # A 2 MB note of escapes: the old regex pre-scan kept state per character.
    doc = {**HEAD, "notes": "\\n" * 1_000_000}
    text = json.dumps(doc)
    tracemalloc.start()
    json.loads(text)
    bare = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    tracemalloc.start()
    ipio.load(text)
    ours = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ours < 3 * bare


# -- YAML aliases -----------------------------------------------------------------------


def test_yaml_aliases_are_limited_by_the_size_they_expand_to() -> None:
    # A 100 kB title referenced by 3,000 goals: 173 kB of text, 300 MB expanded.
    big = "x" * 100_000
    goals = "".join(f"- {{id: G{i}, title: *t}}\n" for i in range(3000))
    text = f"{YAML_HEAD}notes: &t {big}\ngoals:\n{goals}"
    seconds = _cpu(lambda: ipio.load(text, fmt="yaml"))
    err = _refused(ipio.load, text, fmt="yaml")
    assert "aliases expand the document beyond" in _messages(err)
    # The list of goals (line 8, after five head lines, notes and "goals:") grows too large.
    assert "line 8, column 1" in _messages(err)
    assert seconds < 1.0


def test_a_few_aliases_within_the_limit_are_read() -> None:
    # Ten goals sharing one short title: far below ten times the document's size.
    goals = "".join(f"- {{id: G{i}, title: *t}}\n" for i in range(10))
    text = f"{YAML_HEAD}notes: &t shared title\ngoals:\n{goals}"
    plan = ipio.load(text, fmt="yaml")
    assert [str(g.title) for g in plan.goals] == ["shared title"] * 10


def test_a_yaml_alias_to_its_own_node_is_refused() -> None:
    err = _refused(ipio.load, f"{YAML_HEAD}notes: &a [*a]\n", fmt="yaml")
    assert "line 6, column 8: an alias refers to a node that holds it" in _messages(err)


def test_the_expansion_limit_can_be_changed() -> None:
    goals = "".join(f"- {{id: G{i}, title: *t}}\n" for i in range(50))
    text = f"{YAML_HEAD}notes: &t {'y' * 10_000}\ngoals:\n{goals}"
    # 50 aliases of 10,000 characters: about 500 kB from a 11 kB document.
    with pytest.raises(DocumentError, match="beyond"):
        ipio.load(text, fmt="yaml", max_expansion=2)
    assert len(ipio.load(text, fmt="yaml", max_expansion=100).goals) == 50


def test_dump_writes_no_yaml_aliases() -> None:
    plan = ipio.load(f"{YAML_HEAD}notes: &t shared\ngoals:\n- {{id: G1, title: *t}}\n", fmt="yaml")
    text = ipio.dump(plan, fmt="yaml")
    assert text is not None
    assert "&" not in text
    assert "*" not in text


# -- CSV carriage returns -----------------------------------------------------------------


@pytest.mark.parametrize("note", ["a\rb", "a\r", "\r", "a\r\nb", "a\nb", 'say "hi",\r'])
def test_csv_text_with_a_carriage_return_round_trips(note: str) -> None:
    obs = [Observation("x", Q_(1, "yuan"), 2023, note=note)]
    text = ipio.dump_observations(obs, fmt="csv")
    assert text is not None
    assert ipio.load_observations(text, fmt="csv") == tuple(obs)


# -- numbers -----------------------------------------------------------------------------

BIG = "9" * 5000


@pytest.mark.parametrize(
    ("fmt", "text", "where"),
    [
        ("json", f'{JSON_HEAD}, "notes": {BIG}}}', "line 1, column 105"),
        ("yaml", f"{YAML_HEAD}notes: {BIG}\n", "line 6, column 8"),
        ("toml", f'format_version = "1.0"\nnotes = {BIG}\n', "line 2, column 9"),
    ],
)
def test_a_plan_number_longer_than_the_digit_limit_names_its_place(
    fmt: str, text: str, where: str
) -> None:
    err = _refused(ipio.load, text, fmt=fmt)
    assert f"{where}: the number 999999999999…999999 (5000 characters)" in _messages(err)
    assert "more than 400 digits (max_digits)" in _messages(err)


def test_csv_and_sdmx_numbers_longer_than_the_digit_limit_name_their_cell() -> None:
    csv_text = f"indicator,period,value,unit\nx,2023,{BIG},yuan\n"
    err = _refused(ipio.load_observations, csv_text, fmt="csv")
    assert err.problems[0].path == "line 2.value"
    sdmx = f"DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nA:B(1.0),X,2023,{BIG},CNY\n"
    err = _refused(ipio.load_observations, sdmx, fmt="sdmx-csv")
    assert err.problems[0].path == "line 2.OBS_VALUE"
    assert "more than 400 digits" in err.problems[0].message


def test_the_digit_limit_can_be_changed() -> None:
    text = f"indicator,period,value,unit\nx,2023,{'1' * 30},yuan\n"
    with pytest.raises(DocumentError, match="more than 20 digits"):
        ipio.load_observations(text, fmt="csv", max_digits=20)
    assert ipio.load_observations(text, fmt="csv")[0].value.magnitude == int("1" * 30)


def test_a_yaml_integer_key_is_named_not_a_type_error() -> None:
    err = _refused(ipio.load, f"{YAML_HEAD}1: x\n", fmt="yaml")
    (problem,) = err.problems
    assert (problem.path, problem.message) == ("[1]", "unknown key")


def test_an_integer_key_in_a_quantity_is_named() -> None:
    text = (
        "format_version: '1.0'\nobservations:\n"
        "- {indicator: x, value: {value: 1, unit: yuan, 2: z}, period: 2023}\n"
    )
    err = _refused(ipio.load_observations, text, fmt="yaml")
    assert [(p.path, p.message) for p in err.problems] == [
        ("observations[0].value[2]", "unknown key")
    ]


def test_a_failure_beneath_is_told_in_the_words_of_the_document() -> None:
    # A unit the unit reader fails on in its own way: the message says what was
    # expected, never the name of an exception.
    obs = {"indicator": "x", "value": {"value": 1, "unit": "yuan^^"}, "period": "2023"}
    text = json.dumps({"format_version": "1.0", "observations": [obs]})
    err = _refused(ipio.load_observations, text)
    (problem,) = err.problems
    assert problem.path.startswith("observations[0].value")
    assert "Error" not in problem.message


def test_a_year_out_of_range_is_a_problem_of_its_place() -> None:
    text = '{"format_version": "1.0", "observations": [{"indicator": "x", "value": "1 yuan", "period": 0}]}'
    (problem,) = _refused(ipio.load_observations, text).problems
    assert (problem.path, problem.message) == ("observations[0].period", "0 is not a year")


def test_an_integer_beyond_a_float_is_a_problem_of_its_place() -> None:
    doc = {
        "format_version": "1.0",
        "observations": [
            {"indicator": "x", "value": {"value": 10**400, "unit": "yuan"}, "period": "2023"}
        ],
    }
    (problem,) = _refused(ipio.load_observations, json.dumps(doc), max_digits=500).problems
    assert problem.path == "observations[0].value.value"
    assert "beyond a float's range" in problem.message


# -- silent acceptance ---------------------------------------------------------------------

SDMX_HEAD = "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n"


@pytest.mark.parametrize("mult", ["-400", "400", "309"])
def test_an_sdmx_unit_multiplier_out_of_a_floats_range_is_refused(mult: str) -> None:
    # 5 x 10**-400 would be 0.0 yuan; 5 x 10**400 infinity.
    text = f"{SDMX_HEAD}A:B(1.0),X,2023,5,CNY,{mult}\n"
    (problem,) = _refused(ipio.load_observations, text, fmt="sdmx-csv").problems
    assert problem.path == "line 2.UNIT_MULT"
    assert problem.message == f"5 times 10**{mult} is out of a 64-bit float's range"


def test_an_sdmx_unit_multiplier_in_range_scales_exactly() -> None:
    # 15 x 10**1 = 150, an integer as written; 1.1 x 10**1 = 11.0 from the digits,
    # where the float 1.1 * 10 would be 11.000000000000002.
    text = f"{SDMX_HEAD}A:B(1.0),X,2023,15,CNY,1\nA:B(1.0),X,2024,1.1,CNY,1\n"
    first, second = ipio.load_observations(text, fmt="sdmx-csv")
    assert (first.value.magnitude, type(first.value.magnitude)) == (150, int)
    assert second.value.magnitude == 11.0


def test_non_ascii_digits_are_not_a_unit_multiplier() -> None:
    text = f"{SDMX_HEAD}A:B(1.0),X,2023,5,CNY,\u0661\u0660\n"  # Arabic-Indic "10"
    (problem,) = _refused(ipio.load_observations, text, fmt="sdmx-csv").problems
    assert problem.path == "line 2.UNIT_MULT"


@pytest.mark.parametrize("time", ["2023-01-01T25:00", "2023-01-01T10:61", "2023-02-30T10:00"])
def test_an_sdmx_time_that_does_not_exist_is_refused(time: str) -> None:
    text = f"DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nA:B(1.0),X,{time},5,CNY\n"
    (problem,) = _refused(ipio.load_observations, text, fmt="sdmx-csv").problems
    assert problem.path == "line 2.TIME_PERIOD"
    assert problem.message.startswith(f"'{time}' is not a date and time")


def test_an_sdmx_date_and_time_measures_its_day() -> None:
    text = "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nA:B(1.0),X,2023-01-01T10:30Z,5,CNY\n"
    (obs,) = ipio.load_observations(text, fmt="sdmx-csv")
    assert obs.period == Period.parse("2023-01-01")


@pytest.mark.parametrize(
    ("scalar", "what"),
    [
        ("1:30", "a base-60"),
        ("-1:30:00", "a base-60"),
        ("1:30.5", "a base-60"),
        ("010", "an octal"),
    ],
)
def test_yaml_numbers_read_unlike_they_look_are_refused(scalar: str, what: str) -> None:
    # YAML 1.1 reads 1:30 as 90 and 010 as 8.
    text = f"format_version: '1.0'\nobservations:\n- {{indicator: x, value: {{value: {scalar}, unit: yuan}}, period: 2023}}\n"
    err = _refused(ipio.load_observations, text, fmt="yaml")
    assert f"line 3, column 33: {scalar!r} is {what} number in YAML 1.1" in _messages(err)


def test_yaml_numbers_written_on_purpose_still_read() -> None:
    text = (
        "format_version: '1.0'\nobservations:\n"
        "- {indicator: x, value: {value: 1_000, unit: yuan}, period: 2023}\n"
        "- {indicator: x, value: {value: 0x10, unit: yuan}, period: 2024}\n"
        "- {indicator: x, value: {value: 2.5e+3, unit: yuan}, period: 2025}\n"
    )
    values = [o.value.magnitude for o in ipio.load_observations(text, fmt="yaml")]
    assert values == [1000, 16, 2500.0]


def test_a_yaml_date_that_does_not_exist_names_its_line() -> None:
    err = _refused(ipio.load, YAML_HEAD.replace("end: 2023-12-31", "end: 2023-02-30"), fmt="yaml")
    assert "line 5, column 6: '2023-02-30' is not a date" in _messages(err)


@pytest.mark.parametrize(
    ("number", "why"), [("1e-400", "too small"), ("-2.5e-330", "too small"), ("1e400", "too large")]
)
def test_a_json_number_beyond_a_float_is_refused_not_rounded(number: str, why: str) -> None:
    obs = f'{{"indicator": "x", "value": {{"value": {number}, "unit": "yuan"}}, "period": "2023"}}'
    text = f'{{"format_version": "1.0", "observations": [{obs}]}}'
    err = _refused(ipio.load_observations, text)
    assert f"line 1, column 82: the number {number} is {why} for a 64-bit float" in _messages(err)


def test_the_smallest_float_is_not_refused() -> None:
    text = '{"format_version": "1.0", "observations": [{"indicator": "x", "value": {"value": 5e-324, "unit": "yuan"}, "period": "2023"}]}'
    assert ipio.load_observations(text)[0].value.magnitude == 5e-324


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x.example","click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "'=1",
    ],
)
def test_csv_cells_a_spreadsheet_would_run_are_written_guarded(text: str) -> None:
    obs = [
        Observation(
            "x", Q_(1, "yuan"), 2023, note=text, status=text, source=Source(text, text, text)
        )
    ]
    written = ipio.dump_observations(obs, fmt="csv")
    assert written is not None
    row = written.splitlines()[1]
    # No cell of the row starts with a formula character once its quotes are off.
    cells = next(csv.reader([row]))
    assert all(not c.startswith(("=", "+", "@", "\t")) for c in cells)
    assert all(not (c.startswith("-") and c != "-") for c in cells[7:])
    assert ipio.load_observations(written, fmt="csv") == tuple(obs)


def test_a_negative_value_is_not_guarded() -> None:
    written = ipio.dump_observations([Observation("x", Q_(-1.5, "yuan"), 2023)], fmt="csv")
    assert written is not None
    assert ",-1.5,yuan," in written


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["0999", "0999-H1", "0999-Q3", "0999-06", "0050-01-02", "0001"])
@pytest.mark.parametrize("fmt", ["json", "yaml", "toml", "csv"])
def test_a_period_before_the_year_1000_round_trips(period: str, fmt: str) -> None:
    obs = [Observation("x", Q_(1, "yuan"), Period.parse(period))]
    text = ipio.dump_observations(obs, fmt=fmt)  # type: ignore[arg-type]
    assert text is not None
    assert ipio.load_observations(text, fmt=fmt) == tuple(obs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", JSON_HEAD + ', "notes": "a\ud800"}'),
        ("yaml", YAML_HEAD + "notes: a\ud800\n"),
        ("toml", 'format_version = "1.0"\nnotes = "a\ud800"\n'),
    ],
)
def test_a_lone_surrogate_in_text_is_refused_on_load(fmt: str, text: str) -> None:
    err = _refused(ipio.load, text, fmt=fmt)
    assert "a lone surrogate '\\ud800', which is not a character" in _messages(err)
    assert "line " in _messages(err)


def test_a_lone_surrogate_in_csv_is_refused_on_load() -> None:
    err = _refused(
        ipio.load_observations, "indicator,period,value,unit\nx\ud800,2023,1,yuan\n", fmt="csv"
    )
    assert "line 2, column 2: text holds a lone surrogate" in _messages(err)


def test_a_lone_surrogate_escape_in_json_is_refused_with_its_place() -> None:
    err = _refused(ipio.load, JSON_HEAD + ', "notes": "\\ud800"}')
    assert "line 1, column 105: the text '\"\\\\ud800\"' holds a lone surrogate" in _messages(err)


def test_a_surrogate_pair_escape_in_json_is_one_character() -> None:
    plan = ipio.load(JSON_HEAD + ', "notes": "\\ud83d\\ude00"}')
    assert plan.notes == "\U0001f600"


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_dump_refuses_a_lone_surrogate(fmt: str) -> None:
    plan = Plan("p", "P", start="2023-01-01", end="2023-12-31", notes="a\ud800")
    with pytest.raises(DocumentError, match="lone surrogate"):
        ipio.dump(plan, fmt=fmt)  # type: ignore[arg-type]


def test_dump_observations_refuses_a_lone_surrogate() -> None:
    with pytest.raises(DocumentError, match="lone surrogate"):
        ipio.dump_observations([Observation("x", Q_(1, "yuan"), 2023, note="\udfff")], fmt="csv")


# -- errors with a place -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "where", "what"),
    [
        # JSON_HEAD is 93 characters; ', "notes": ' adds 11, so the value is at column 105,
        # and ', ' adds 2, so a second "id" is at column 96.
        (', "notes": NaN}', "line 1, column 105", "NaN is not a number JSON allows"),
        (', "notes": -Infinity}', "line 1, column 105", "-Infinity is not a number JSON allows"),
        (', "id": "q"}', "line 1, column 96", "the key 'id' appears twice in one object"),
    ],
)
def test_json_problems_name_their_line_and_column(tail: str, where: str, what: str) -> None:
    assert len(JSON_HEAD) == 93
    err = _refused(ipio.load, JSON_HEAD + tail)
    assert f"{where}: {what}" in _messages(err)


def test_a_json_duplicate_key_names_the_second_one_in_its_own_object() -> None:
    text = '{\n  "goals": [{"id": "G1"}, {"id": "G2",\n    "id": "G3"}]\n}'
    err = _refused(ipio.load, text)
    assert "line 3, column 5: the key 'id' appears twice in one object" in _messages(err)


@pytest.mark.parametrize("depth", [65, 2_000, 100_000])
def test_json_nested_too_deep_names_the_line_and_column(depth: int) -> None:
    text = "{\n" + '"notes": ' + "[" * depth + "]" * depth + "}"
    err = _refused(ipio.load, text)
    # Line 2 is '"notes": [[[...': the first bracket is at column 10 and level 2 (the
    # object is level 1), so level 65 is the 64th bracket, at column 10 + 63 = 73.
    assert "line 2, column 73: the document nests deeper than 64 levels" in _messages(err)


# -- speed ------------------------------------------------------------------------------------


def test_a_megabyte_of_json_plan_loads_within_a_second() -> None:
    # 2,500 targets written by dump: about 1 MB.
    goals = [
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
                    "wording": {"en": f"target {k} of goal {g}", "zh": f"目标{k}"},
                }
                for k in range(100)
            ],
        }
        for g in range(25)
    ]
    indicators = [
        {"id": "hte", "name": "high-tech enterprises", "unit": "enterprise", "measure": "level"}
    ]
    text = json.dumps({**HEAD, "indicators": indicators, "goals": goals}, indent=2)
    assert 0.8e6 < len(text) < 1.2e6
    ipio.load(text)  # warm: the unit registry is built on first use
    start = time.process_time()
    plan = ipio.load(text)
    assert time.process_time() - start < 1.0
    assert len(plan.targets) == 2500
