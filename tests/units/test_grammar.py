"""The unit grammar: every unit string from outside is read by one linear reader."""

from __future__ import annotations

import contextlib
import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innovplan
from innovplan.errors import DocumentError, ModelError, UnitError
from innovplan.evaluate import ArraySeries
from innovplan.model import Indicator, Observation
from innovplan.units import (
    MAX_DEPTH,
    MAX_POWER,
    MAX_UNIT_LENGTH,
    parse_quantity,
    parse_unit,
    registry,
)

Q_ = registry().Quantity
U = registry().Unit

# Strings that hung the process (pint's evaluator computing 9**(9**9)), that
# raised something other than an InnovplanError (TokenError, AssertionError,
# ZeroDivisionError), or that were silently accepted with a numeric factor.
HOSTILE = [
    "9**9**9",
    "9**9**9 yuan",
    "10**10**10 yuan",
    "(",
    "yuan^^",
    "yuan/0",
    "percent**1e400",
    "-1 hundred_million_yuan",
    "0 yuan",
    "1e8 yuan",
    "patent / (10000 * person)",
    ")",
    "()",
    "yuan**2**2",
    "m**4",
    "m**3 * m",
    "((((( m )))))",
    "yuan * ",
    "/ yuan",
    "\ud800",
    "yuan\ud800",
    "furlongz",
    "",
]

# Generous: a regression to pint's evaluator takes minutes, a read microseconds.
# CPU time of this process, not wall time: other load on a shared machine must
# not fail the bound, and a runaway evaluation is CPU-bound.
BOUND = 1.0


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_unit_text_is_refused_quickly_with_the_text_named(text: str) -> None:
    start = time.process_time()
    with pytest.raises(UnitError) as caught:
        parse_unit(text)
    assert time.process_time() - start < BOUND
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_unit_text_is_refused_by_the_registry_itself(text: str) -> None:
    start = time.process_time()
    with pytest.raises(UnitError):
        Q_(1, text)
    with pytest.raises(UnitError):
        Q_(1, "yuan").to(text)
    assert time.process_time() - start < BOUND


@pytest.mark.parametrize("text", ["9**9**9", "10**10**10 yuan", "(", "yuan/0"])
def test_comparing_a_unit_with_hostile_text_is_false_and_quick(text: str) -> None:
    # pint compares a unit with text by evaluating the text as an expression.
    unit = parse_unit("件/万人")
    start = time.process_time()
    assert unit != text
    assert not unit.is_compatible_with("yuan")
    assert time.process_time() - start < BOUND
    assert unit == "patent / ten_thousand_person"
    assert hash(unit) == hash(parse_unit("patent / ten_thousand_person"))


@pytest.mark.parametrize("text", ["9**9**9", "10**10**10 yuan", "9**9**9 yuan"])
def test_quantity_text_with_powers_of_numbers_is_refused(text: str) -> None:
    start = time.process_time()
    with pytest.raises(UnitError):
        Q_(text)
    with pytest.raises(UnitError):
        registry()(text)
    assert time.process_time() - start < BOUND


@pytest.mark.parametrize("text", ["9**9**9", "yuan^^", "-1 hundred_million_yuan"])
def test_an_indicator_with_a_hostile_unit_is_refused(text: str) -> None:
    start = time.process_time()
    with pytest.raises(ModelError, match=r"Indicator 'i'\.unit: unit"):
        Indicator("i", "x", unit=text, measure="level")
    assert time.process_time() - start < BOUND


def _plan(unit: str, value_unit: str) -> str:
    return json.dumps(
        {
            "format_version": "1.0",
            "id": "p",
            "title": "P",
            "start": "2023-01-01",
            "end": "2023-12-31",
            "indicators": [{"id": "i", "name": "x", "unit": unit, "measure": "level"}],
            "goals": [
                {
                    "id": "G1",
                    "title": "G",
                    "targets": [
                        {
                            "id": "T1",
                            "indicator": "i",
                            "comparator": "at_least",
                            "value": {"value": 30, "unit": value_unit},
                            "deadline": "2023-12-31",
                        }
                    ],
                }
            ],
        },
        ensure_ascii=False,
    )


@pytest.mark.parametrize("text", ["9**9**9", "(", "yuan/0", "percent**1e400"])
def test_a_plan_file_with_a_hostile_unit_names_the_path(text: str) -> None:
    start = time.process_time()
    with pytest.raises(DocumentError, match=r"indicators\[0\]\.unit: unit"):
        innovplan.load(_plan(text, "yuan"))
    with pytest.raises(DocumentError, match=r"goals\[0\]\.targets\[0\]\.value\.unit: unit"):
        innovplan.load(_plan("yuan", text))
    assert time.process_time() - start < BOUND


@pytest.mark.parametrize("text", ["9**9**9 yuan", "0 yuan", "-1 hundred_million_yuan"])
def test_a_csv_unit_column_with_a_hostile_unit_is_refused(text: str) -> None:
    csv = f"indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,1,{text}\n"
    start = time.process_time()
    with pytest.raises(DocumentError, match=r"line 2\.unit: unit"):
        innovplan.load_observations(csv, fmt="csv")
    assert time.process_time() - start < BOUND


def test_array_series_with_a_hostile_unit_is_refused() -> None:
    start = time.process_time()
    with pytest.raises(UnitError, match=r"ArraySeries: unit '9\*\*9\*\*9'"):
        ArraySeries.ragged(["a"], [1.0], [0, 1], [2023], unit="9**9**9")
    assert time.process_time() - start < BOUND


def test_a_scaled_unit_written_with_a_number_is_refused_with_its_name() -> None:
    with pytest.raises(UnitError, match="write 'patent / ten_thousand_person'"):
        parse_unit("patent / (10000 * person)")
    with pytest.raises(UnitError, match="write 'hundred_million_yuan'"):
        parse_unit("1e8 yuan")
    with pytest.raises(UnitError, match="write 'ten_thousand_square_meter'"):
        parse_unit("10000 meter ** 2")


def test_a_sign_or_zero_factor_is_refused_with_what_to_do() -> None:
    # These flipped or zeroed every value before: refused, never multiplied in.
    for text in ("-1 hundred_million_yuan", "0 yuan"):
        with pytest.raises(UnitError, match="a unit holds no numbers") as caught:
            parse_unit(text)
        assert "put a number into the value" in str(caught.value)


def test_the_length_limit_is_a_parameter() -> None:
    long = " * ".join(["yuan / yuan"] * 20)  # 279 characters, dimensionless
    assert len(long) > MAX_UNIT_LENGTH
    with pytest.raises(UnitError, match=f"the limit is {MAX_UNIT_LENGTH}"):
        parse_unit(long)
    assert parse_unit(long, max_length=300) == U("dimensionless")


def test_powers_and_parentheses_up_to_the_limits() -> None:
    assert MAX_POWER == 3
    assert MAX_DEPTH == 4
    assert parse_unit("m**3") == U("meter") ** 3
    assert parse_unit("m^-3") == U("meter") ** -3
    assert parse_unit("(((( m ))))") == U("meter")
    with pytest.raises(UnitError, match="parentheses nest deeper than 4"):
        parse_unit("((((( m )))))")
    with pytest.raises(UnitError, match="power"):
        parse_unit("m**4")


def test_text_that_is_not_a_string_is_a_unit_error() -> None:
    for value in (None, 3, b"yuan", ["yuan"]):
        with pytest.raises(UnitError, match="a unit is text"):
            parse_unit(value)  # type: ignore[arg-type]
    with pytest.raises(UnitError, match="parse_quantity reads text"):
        parse_quantity(None)  # type: ignore[arg-type]
    with pytest.raises(UnitError, match="thing must be"):
        parse_quantity("3家", thing=3)  # type: ignore[arg-type]


def test_a_lone_surrogate_is_a_unit_error() -> None:
    with pytest.raises(UnitError, match="lone surrogate at position 4"):
        parse_unit("yuan\ud800")
    with pytest.raises(ModelError, match="lone surrogate"):
        Indicator("i", "x", unit="\udfff", measure="level")


def test_an_integer_beyond_a_float_is_refused_by_the_model_and_files() -> None:
    with pytest.raises(ModelError, match="must fit a float"):
        Observation("x", Q_(10**400, "yuan"), 2023)
    doc = _plan("yuan", "yuan").replace('"value": 30', '"value": 1' + "0" * 400)
    # 401 digits: past the default digit limit of a document, and, with a
    # higher limit, past a float's range.
    with pytest.raises(DocumentError, match=r"401 characters\) has more than 400 digits"):
        innovplan.load(doc)
    with pytest.raises(DocumentError, match=r"value\.value: the integer value is about 1e400"):
        innovplan.load(doc, max_digits=500)


# -- one vocabulary: what parse_quantity reads is a unit everywhere ------------------

VOCABULARY = [
    ("件/万人", "patent / ten_thousand_person"),
    ("件每万人", "patent / ten_thousand_person"),
    ("立方米", "meter ** 3"),
    ("岁", "year"),
    ("亿元", "hundred_million_yuan"),
    ("万平方米", "ten_thousand_square_meter"),
    ("家", "enterprise"),
    ("%", "percent"),
    ("个百分点", "percentage_point"),
    ("cubic meters", "meter ** 3"),
    ("patents per ten_thousand_person", "patent / ten_thousand_person"),
    ("m²", "meter ** 2"),
    ("1 / year", "1 / year"),
    ("yuan / person / year", "yuan / person / year"),
    ("(patent / person) ** 2", "patent ** 2 / person ** 2"),
    ("kilowatt hour", "hour * kilowatt"),
]


@pytest.mark.parametrize(("text", "expected"), VOCABULARY)
def test_vocabulary_words_are_units_everywhere(text: str, expected: str) -> None:
    unit = parse_unit(text)
    assert str(unit) == expected
    assert Q_(2, text) == Q_(2, unit)
    assert Indicator("i", "x", unit=text, measure="level").pint_unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("77.3岁", 77.3, "year"),
        ("30件/万人", 30, "patent / ten_thousand_person"),
        ("30件每万人", 30, "patent / ten_thousand_person"),
        ("1200立方米", 1200, "meter ** 3"),
    ],
)
def test_parse_quantity_reads_the_same_words(text: str, value: float, unit: str) -> None:
    q = parse_quantity(text)
    assert q.magnitude == value
    assert q.units == parse_unit(unit)


def test_vocabulary_units_in_plan_files_and_csv() -> None:
    plan = innovplan.load(_plan("件/万人", "件每万人"))
    assert plan.indicators[0].pint_unit == U("patent / ten_thousand_person")
    assert plan.target("T1").value == Q_(30, "patent / ten_thousand_person")
    csv = "indicator,period_start,period_end,value,unit\nlife,2023-01-01,2023-12-31,78.3,岁\n"
    (obs,) = innovplan.load_observations(csv, fmt="csv")
    assert obs.value == Q_(78.3, "year")


# -- properties ------------------------------------------------------------------------

_TOKENS = [
    "yuan", "patent", "person", "ten_thousand_person", "meter", "m", "percent", "year",
    "件", "万人", "元", "亿元", "立方米", "岁", "%", "家", "per", "每",
    "*", "/", "·", " ", "(", ")", "**", "^", "²", "-", "+", "1", "2", "3", "0", "9", ".", "e",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(_TOKENS), max_size=12).map("".join),
        st.text(alphabet="yuanmetrpsoc件万人元亿%*/^()·²123-+.0e \ud800", max_size=40),
    )
)
def test_only_unit_errors_escape_and_accepted_units_read_back(text: str) -> None:
    start = time.process_time()
    try:
        unit = parse_unit(text)
    except UnitError:
        return
    finally:
        assert time.process_time() - start < BOUND
    # pint's writer gives text the grammar reads back as the same unit.
    assert parse_unit(str(unit)) == unit
    assert parse_unit(format(unit, "D")) == unit


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_a_unit_or_a_unit_error(text: str) -> None:
    # Any other exception escapes the suppress and fails the test.
    with contextlib.suppress(UnitError):
        assert parse_unit(text) == parse_unit(str(parse_unit(text)))


@pytest.mark.parametrize(
    "text",
    [
        "1450亿元",
        "145 billion yuan",
        "1.2 million square meters",
        "1.3万家",
        "11.5%",
        "2个百分点",
        "30 patents per 10,000 people",
        "30 per 10,000 people",
        "3 per capita",
        "百分之十一点五",
        "5 km^2",
    ],
)
def test_every_unit_parse_quantity_gives_is_unit_text_that_reads_back(text: str) -> None:
    q = parse_quantity(text)
    assert parse_unit(str(q.units)) == q.units
    assert parse_unit(format(q.units, "D")) == q.units
