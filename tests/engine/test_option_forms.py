"""Options in the forms a config file, a CLI or a numpy computation gives them are read.

``calibrate=0`` (an int from a config file), ``strict=np.int64(1)``, a 0-d
``np.array(True)``, ``keep_spread=[1, 0]`` or an object column of bools, a
``prior_count`` of ``np.array(4)`` and ``likelihood(Decimal("0.93"))`` all
gave right answers before the options were checked, and were then refused.
They are read as the flag or number they stand for; text, other numbers
and missing values stay refused, with a message saying what would be valid.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pytest

import innovplan
from innovplan import datasets, engine
from innovplan.errors import EvaluationError
from innovplan.evaluate import likelihood
from innovplan.model import flag_value, number_value

if TYPE_CHECKING:
    from collections.abc import Callable

T = np.arange(2000.0, 2010.0)
Y = np.array([3.0, 4.0, 4.5, 6.0, 7.0, 7.5, 9.0, 10.0, 10.5, 12.0])
H = [2012.0]
# Two series for keep_spread: one flag per series.
T2 = np.r_[T, T]
Y2 = np.r_[Y, Y[::-1] * 1.1]
H2 = [2012.0, 2012.0]

TRUE_FORMS = [True, np.True_, 1, np.int64(1), np.uint8(1), np.array(True), np.array(1)]
FALSE_FORMS = [False, np.False_, 0, np.int32(0), np.array(False), np.array(0, dtype=np.uint16)]
NOT_FLAGS = ["x", "", 2, -1, 1.5, 1.0, np.float64(0.0), None, np.array([True]), np.array(2)]


def _bits(result: Any) -> bytes:
    return b"".join(np.asarray(part).tobytes() for part in result)


FLAT = engine.drift(T, np.full(10, 5.0), [0, 10], H)

# Each flag option with a call that reads it; True and False give different bits.
FLAGS: dict[str, Callable[[object], Any]] = {
    "calibrate": lambda v: engine.drift(T, Y, [0, 10], H, calibrate=v),
    "optimized": lambda v: engine.theta(T, Y, [0, 10], H, optimized=v),
    "relative": lambda v: engine.average_change(T, Y, [0, 10], H, relative=v),
    "combined": lambda v: engine.auto_members(T, Y, [0, 10], H, combined=v),
    # A flat history forecasts 5 with no spread: P(> 5) is 0, P(>= 5) is 1.
    "strict": lambda v: engine.prob_above(FLAT, [5.0], strict=v),
}


@pytest.mark.parametrize("name", list(FLAGS))
def test_true_and_false_differ_so_the_checks_below_say_something(name: str) -> None:
    assert _bits(FLAGS[name](True)) != _bits(FLAGS[name](False))


@pytest.mark.parametrize("name", list(FLAGS))
@pytest.mark.parametrize("value", TRUE_FORMS, ids=repr)
def test_forms_of_true(name: str, value: object) -> None:
    assert _bits(FLAGS[name](value)) == _bits(FLAGS[name](True))


@pytest.mark.parametrize("name", list(FLAGS))
@pytest.mark.parametrize("value", FALSE_FORMS, ids=repr)
def test_forms_of_false(name: str, value: object) -> None:
    assert _bits(FLAGS[name](value)) == _bits(FLAGS[name](False))


@pytest.mark.parametrize("name", list(FLAGS))
@pytest.mark.parametrize("value", NOT_FLAGS, ids=repr)
def test_other_values_are_not_flags(name: str, value: object) -> None:
    with pytest.raises(EvaluationError, match=r"must be True or False \(or 1 or 0\), got "):
        FLAGS[name](value)


def test_the_refusal_says_what_was_given_and_what_is_valid() -> None:
    said = "drift: calibrate must be True or False (or 1 or 0), got 2"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}$"):
        FLAGS["calibrate"](2)


PLAN = datasets.wuhan_2023()
OBS = datasets.wuhan_2023_observations()


@pytest.mark.parametrize(("value", "same"), [(np.True_, True), (1, True), (0, False),
                                             (np.array(False), False)], ids=repr)  # fmt: skip
def test_within_year_takes_the_same_forms(value: object, same: bool) -> None:
    # forecast_many refused np.True_ where the kernels took it.
    got = innovplan.forecast_many(PLAN, OBS, as_of="2023-08-31", within_year=value)
    want = innovplan.forecast_many(PLAN, OBS, as_of="2023-08-31", within_year=same)
    assert got.to_json() == want.to_json()


def test_within_year_matters_so_the_check_above_says_something() -> None:
    yes = innovplan.forecast_many(PLAN, OBS, as_of="2023-08-31", within_year=True)
    no = innovplan.forecast_many(PLAN, OBS, as_of="2023-08-31", within_year=False)
    assert yes.to_json() != no.to_json()


@pytest.mark.parametrize("value", ["yes", 2, 1.0], ids=repr)
def test_within_year_refuses_what_is_not_a_flag(value: object) -> None:
    with pytest.raises(EvaluationError, match=r"within_year: expected True or False \(or 1 or 0\)"):
        innovplan.forecast_many(PLAN, OBS, within_year=value)


def _auto_kept(keep: object) -> bytes:
    return _bits(engine.auto(T2, Y2, [0, 10, 20], H2, 0.8, keep))


@pytest.mark.parametrize(
    "keep",
    [
        [1, 0],
        np.array([1, 0]),
        np.array([1, 0], dtype=np.uint8),
        np.array([True, False], dtype=object),  # an object column's to_numpy()
        pd.DataFrame({"flag": [True, False]}, dtype=object)["flag"].to_numpy(),
        pd.Series([True, False], dtype="boolean"),
        [np.True_, 0],
    ],
    ids=repr,
)
def test_keep_spread_forms_of_flags(keep: object) -> None:
    assert _auto_kept(keep) == _auto_kept([True, False])


def test_keep_spread_matters_so_the_check_above_says_something() -> None:
    assert _auto_kept([True, False]) != _auto_kept([False, False])
    assert _auto_kept(1) == _auto_kept([True, True])


@pytest.mark.parametrize(
    ("keep", "shown"),
    [
        ([1, 2], "[1, 2]"),
        (["x", True], "['x', True]"),
        ([True, None], "[True, None]"),
        (np.array([1.0, 0.0]), "array([1., 0.])"),
        ([[True], [True, False]], "[[True], [True, False]]"),
    ],
    ids=repr,
)
def test_keep_spread_refuses_what_is_not_flags(keep: object, shown: str) -> None:
    said = "keep_spread must be flags, True or False (or 1 or 0), one or one per series, got "
    with pytest.raises(EvaluationError, match=f"^{re.escape(said + shown)}"):
        _auto_kept(keep)


@pytest.mark.parametrize("value", [np.array(4), np.array(4.0), Decimal(4), Decimal("4.0")],
                         ids=repr)  # fmt: skip
@pytest.mark.parametrize("name", ["auto", "drift"])
def test_prior_count_as_a_0d_array_or_a_decimal(name: str, value: object) -> None:
    kernel = getattr(engine, name)
    assert _bits(kernel(T, Y, [0, 10], H, prior_count=value)) == _bits(
        kernel(T, Y, [0, 10], H, prior_count=4.0)
    )


@pytest.mark.parametrize(
    "value", [np.array(True), np.array([4.0]), np.array("4"), Decimal("sNaN"), Decimal(-1)],
    ids=repr,
)  # fmt: skip
def test_prior_count_still_refuses_what_is_not_one_positive_number(value: object) -> None:
    with pytest.raises(EvaluationError, match=r"^drift: prior_count must be a finite number > 0"):
        engine.drift(T, Y, [0, 10], H, prior_count=value)


@pytest.mark.parametrize("value", [np.array(0.93), Decimal("0.93"), np.array(0.93, np.float32)],
                         ids=repr)  # fmt: skip
def test_likelihood_of_a_0d_array_or_a_decimal(value: object) -> None:
    # IPCC AR5: 0.90 < p <= 0.99 is "very likely" (likelihood(0.93) in its docstring).
    assert likelihood(value) == "very likely"  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [np.array([0.93]), np.array(True), Decimal("1.5")], ids=repr)
def test_likelihood_still_refuses_what_is_not_a_probability(value: object) -> None:
    with pytest.raises(EvaluationError, match="argument probability: expected a number from 0"):
        likelihood(value)  # type: ignore[arg-type]


def test_level_as_a_0d_array() -> None:
    got = innovplan.forecast_many(PLAN, OBS, level=np.array(0.9)).to_json()
    assert got == innovplan.forecast_many(PLAN, OBS, level=0.9).to_json()


def test_the_model_readers() -> None:
    assert [flag_value(v) for v in TRUE_FORMS] == [True] * len(TRUE_FORMS)
    assert [flag_value(v) for v in FALSE_FORMS] == [False] * len(FALSE_FORMS)
    assert [flag_value(v) for v in NOT_FLAGS] == [None] * len(NOT_FLAGS)
    assert number_value(Decimal("2.5")) == 2.5
    assert number_value(np.array(3, dtype=np.int8)) == 3.0
    assert number_value(Decimal("1e400")) == float("inf")  # refused by callers as not finite
    assert number_value(np.array(1 + 2j)) is None
    assert number_value(np.array(True)) is None
    assert number_value("2") is None
