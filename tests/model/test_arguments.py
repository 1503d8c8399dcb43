"""Wrong-typed arguments to the model classes: a ModelError naming the field, what arrived, what fits."""

from __future__ import annotations

import datetime as dt

import pytest

from innovplan import Q_
from innovplan.errors import ModelError
from innovplan.model import (
    Comparator,
    Indicator,
    Measure,
    Observation,
    Period,
    Source,
    Target,
    Task,
    Tolerance,
)

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)


def target(**kw: object) -> Target:
    return Target("T8", HTE, Comparator.AT_LEAST, Q_(13000, "enterprise"), "2023-12-31", **kw)  # type: ignore[arg-type]


def test_weight_as_text_is_refused():
    with pytest.raises(
        ModelError, match=r"Target 'T8'\.weight: a weight is a finite number ≥ 0 .*got '1'"
    ):
        target(weight="1")


@pytest.mark.parametrize(
    "weight", [True, -1, float("nan"), float("inf"), pytest.param(10**5000, id="10**5000")]
)
def test_weight_must_be_a_finite_non_negative_number(weight):
    with pytest.raises(ModelError, match=r"\.weight: "):
        target(weight=weight)


def test_an_integer_weight_is_a_number():
    assert target(weight=2).weight == 2


def test_a_bare_fraction_is_not_a_tolerance():
    with pytest.raises(
        ModelError,
        match=r"tolerance: expected a Tolerance such as Tolerance\(relative=0\.05\), got 0\.05",
    ):
        target(tolerance=0.05)


@pytest.mark.parametrize("relative", ["0.05", True, float("nan")])
def test_a_relative_tolerance_is_a_number(relative):
    with pytest.raises(
        ModelError, match=r"Tolerance\.relative: a relative tolerance is a finite fraction"
    ):
        Tolerance(relative=relative)


def test_an_unknown_nature_lists_the_valid_ones():
    with pytest.raises(ModelError, match=r"\.nature: 'strict' is not one of binding, anticipatory"):
        target(nature="strict")


@pytest.mark.parametrize("value", [["binding"], {"a": 1}, 1])
def test_an_enum_field_refuses_non_text(value):
    with pytest.raises(ModelError, match=r"\.comparator: .* is not one of at_least"):
        Target("T8", HTE, value, Q_(1, "enterprise"), "2023-12-31")  # type: ignore[arg-type]


def test_year_zero_is_refused_as_a_period():
    # datetime.date holds years 1 to 9999; year 0 used to raise a bare ValueError.
    with pytest.raises(
        ModelError,
        match=r"Observation 'hte'\.period: a year is a whole number from 1 to 9999, got 0",
    ):
        Observation("hte", Q_(1, "enterprise"), period=0)


@pytest.mark.parametrize("year", [0, -5, 10_000, pytest.param(10**5000, id="10**5000")])
def test_period_year_refuses_what_a_date_cannot_hold(year):
    with pytest.raises(ModelError, match="from 1 to 9999"):
        Period.year(year)


@pytest.mark.parametrize("text", ["٢٠٢٣", "٢٠٢٣-H١", "２０２３", "2023-Q١", "٢٠٢٣-١٢-٣١"])
def test_period_text_takes_ascii_digits_only(text):
    # "٢٠٢٣" (Arabic-Indic digits) matched \d and int() read it as 2023.
    with pytest.raises(ModelError, match="cannot read a period"):
        Period.parse(text)


def test_a_deadline_that_is_not_a_date_names_the_field():
    with pytest.raises(ModelError, match=r"Target 'T8'\.deadline: expected a date .*got None"):
        Target("T8", HTE, Comparator.AT_LEAST, Q_(1, "enterprise"), None)  # type: ignore[arg-type]


def test_a_released_date_of_the_wrong_type_names_the_field():
    with pytest.raises(ModelError, match=r"Observation 'hte'\.released: expected a date"):
        Observation("hte", Q_(1, "enterprise"), 2023, released=20240101)  # type: ignore[arg-type]


def test_the_indicator_must_be_an_indicator():
    with pytest.raises(ModelError, match=r"\.indicator: expected an Indicator, got 'hte'"):
        Target("T8", "hte", Comparator.AT_LEAST, Q_(1, "enterprise"), "2023-12-31")  # type: ignore[arg-type]


def test_a_source_must_be_a_source_and_its_title_text():
    with pytest.raises(
        ModelError, match=r"\.source: expected a Source such as Source\('title'\), got 'bulletin'"
    ):
        Observation("hte", Q_(1, "enterprise"), 2023, source="bulletin")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"Source\.title: expected text \(a str\), got None"):
        Source(None)  # type: ignore[arg-type]


def test_a_note_must_be_text():
    with pytest.raises(ModelError, match=r"\.note: expected text \(a str\), got 1"):
        Observation("hte", Q_(1, "enterprise"), 2023, note=1)  # type: ignore[arg-type]


def test_task_target_ids_are_text():
    with pytest.raises(ModelError, match=r"Task 'K1'\.targets\[0\]: expected a str, got 1"):
        Task("K1", "task", targets=[1])  # type: ignore[list-item]


def test_a_wording_from_bytes_names_the_field():
    with pytest.raises(ModelError, match=r"Indicator 'x'\.name: expected a str or a mapping"):
        Indicator("x", b"name", unit="item", measure="level")  # type: ignore[arg-type]


def test_a_scalar_quantity_is_not_a_list():
    # pint's scalar Quantity claims to be iterable and raises TypeError when iterated.
    with pytest.raises(ModelError, match=r"\.milestones: expected a list or tuple"):
        target(milestones=Q_(1, "enterprise"))


def test_a_huge_integer_id_is_shown_without_breaking_the_message():
    # repr() of an int over 4,300 digits raises ValueError; the message says its size.
    with pytest.raises(ModelError, match="an int of 16610 bits"):
        Indicator(10**5000, "x", unit="item", measure="level")  # type: ignore[arg-type]


def test_a_datetime_is_read_as_its_date():
    t = target(start=dt.datetime(2023, 1, 1, 8, 30))  # noqa: DTZ001
    assert t.start == dt.date(2023, 1, 1)
