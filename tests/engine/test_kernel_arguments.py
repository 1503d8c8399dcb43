"""The public kernels refuse arguments that do not fit with an EvaluationError that says why."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from innovplan import engine
from innovplan.engine import _ragged
from innovplan.errors import EvaluationError

if TYPE_CHECKING:
    from collections.abc import Callable

T = np.arange(2000.0, 2010.0)
Y = np.arange(10.0) + 1.0
VALID_OFFSETS = "give offsets that start at 0, never decrease and end at len(y) = 10"

# Every kernel that reads ragged series, called on (t, y, indptr, h_t).
KERNELS: list[Callable[..., Any]] = [
    engine.auto,
    engine.drift,
    engine.linear,
    engine.loglinear,
    engine.theta,
    engine.damped,
    engine.average_change,
    engine.auto_members,
    engine.auto_parts,
]


def _refused(call: Callable[[], object], text: str) -> None:
    with pytest.raises(EvaluationError, match=f"^{re.escape(text)}$"):
        call()


@pytest.mark.parametrize("kernel", KERNELS, ids=lambda k: k.__name__)
@pytest.mark.parametrize(
    ("indptr", "text"),
    [
        ([0, 12], f"indptr[-1] is 12, not len(y) = 10: {VALID_OFFSETS}"),
        ([0, 4], f"indptr[-1] is 4, not len(y) = 10: {VALID_OFFSETS}"),
        ([2, 10], f"indptr[0] is 2: {VALID_OFFSETS}"),
        ([0, 6, 4, 10], f"indptr decreases at indptr[2] = 4 after 6: {VALID_OFFSETS}"),
        ([], f"indptr is empty: {VALID_OFFSETS} ([0] for no series)"),
        (["a", "b"], "indptr must be whole-number offsets, got ['a', 'b'] (list)"),
    ],
)
def test_offsets_that_do_not_fit_are_named(
    kernel: Callable[..., Any], indptr: list[Any], text: str
) -> None:
    series = max(len(indptr) - 1, 1)
    _refused(lambda: kernel(T, Y, indptr, np.full(series, 2012.0)), text)


@pytest.mark.parametrize("kernel", KERNELS, ids=lambda k: k.__name__)
def test_times_and_values_of_other_lengths_are_named(kernel: Callable[..., Any]) -> None:
    text = "t has 10 times and y 9 values: give one time per value"
    _refused(lambda: kernel(T, Y[:-1], [0, 9], [2012.0]), text)


def test_times_and_values_that_are_not_numbers_are_named() -> None:
    _refused(
        lambda: engine.auto(["x"], [1.0], [0, 1], [2012.0]),
        "t must be times (fractional years), got ['x'] (list)",
    )
    _refused(
        lambda: engine.auto([2000.0], ["one"], [0, 1], [2012.0]),
        "y must be values, got ['one'] (list)",
    )
    _refused(
        lambda: engine.auto(T, Y, [0, 10], "soon"),
        "h_t must be horizon times (fractional years), got 'soon'",
    )


@pytest.mark.parametrize("kernel", KERNELS, ids=lambda k: k.__name__)
def test_horizon_times_that_are_not_numbers_are_named(kernel: Callable[..., Any]) -> None:
    text = "h_t must be horizon times (fractional years), got 'soon'"
    _refused(lambda: kernel(T, Y, [0, 10], "soon"), text)


def test_tidy_names_the_offsets_too() -> None:
    _refused(
        lambda: _ragged.tidy(T, Y, [0, 11]), f"indptr[-1] is 11, not len(y) = 10: {VALID_OFFSETS}"
    )


@pytest.mark.parametrize(
    "kernel", [engine.auto, engine.drift, engine.linear, engine.theta], ids=lambda k: k.__name__
)
def test_a_level_that_is_not_a_number_is_named(kernel: Callable[..., Any]) -> None:
    text = "level must be a probability between 0 and 1 (one, or one per series), got 'x'"
    _refused(lambda: kernel(T, Y, [0, 10], [2012.0], "x"), text)


@pytest.mark.parametrize(
    "kernel", [engine.auto, engine.drift, engine.linear, engine.theta], ids=lambda k: k.__name__
)
def test_levels_of_the_wrong_count_are_named(kernel: Callable[..., Any]) -> None:
    text = "level has 3 values for 2 series: give one level, or one per series (2 values)"
    levels = np.array([0.8, 0.9, 0.7])
    _refused(lambda: kernel(T, Y, [0, 5, 10], [2012.0, 2012.0], levels), text)


def test_levels_one_or_one_per_series_still_fit() -> None:
    # The same level given once, as a one-element array and per series: the
    # same interval (the refusal above does not catch these).
    one = engine.auto(T, Y, [0, 5, 10], [2012.0, 2012.0], 0.9)
    for level in (np.array([0.9]), np.array([0.9, 0.9])):
        got = engine.auto(T, Y, [0, 5, 10], [2012.0, 2012.0], level)
        np.testing.assert_array_equal(got.upper, one.upper)


def test_keep_spread_of_the_wrong_count_is_named() -> None:
    text = "keep_spread has shape (2,) for 1 series: give one flag, or one per series, shape (1,)"
    _refused(lambda: engine.auto(T, Y, [0, 10], [2012.0], 0.8, np.array([True, False])), text)
    text = "keep_spread has shape (3,) for 2 series: give one flag, or one per series, shape (2,)"
    _refused(lambda: engine.auto(T, Y, [0, 5, 10], [2012.0] * 2, 0.8, [True] * 3), text)


def test_keep_spread_that_is_not_flags_is_named() -> None:
    text = (
        "keep_spread must be flags, True or False (or 1 or 0), one or one per series, "
        "got [[True], [True, False]] (list)"
    )
    ragged = [[True], [True, False]]
    _refused(lambda: engine.auto(T, Y, [0, 5, 10], [2012.0] * 2, 0.8, ragged), text)


def test_refusals_are_still_value_errors() -> None:
    # Callers that caught the ValueError numpy or the offsets check raised
    # still catch these.
    with pytest.raises(ValueError, match="indptr"):
        engine.auto(T, Y, [0, 12], [2012.0])
