"""The kernels' keyword options of the wrong type or range: an EvaluationError naming the option.

Before, ``drift(..., prior_count="x")`` raised numpy's bare ``TypeError``
(``can't multiply sequence by non-int of type 'float'``), ``window=2.5`` a
``TypeError`` about slice indices, ``prior_count=0`` a 0/0 in the calibration,
and ``calibrate="no"`` calibrated (any non-empty text is true).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from innovplan import engine
from innovplan.errors import EvaluationError

if TYPE_CHECKING:
    from collections.abc import Callable

T = np.arange(2000.0, 2010.0)
Y = np.array([3.0, 4.0, 4.5, 6.0, 7.0, 7.5, 9.0, 10.0, 10.5, 12.0])
H = [2012.0]

KERNELS: dict[str, Callable[..., Any]] = {
    "auto": engine.auto,
    "drift": engine.drift,
    "linear": engine.linear,
    "loglinear": engine.loglinear,
    "theta": engine.theta,
    "damped": engine.damped,
    "average_change": engine.average_change,
}
WITH_CALIBRATE = [k for k in KERNELS if k != "auto"]
PSEUDO = "prior_count must be a finite number > 0 (pseudo-errors at factor 1 in the calibration)"


def _call(name: str, **options: object) -> Any:
    return KERNELS[name](T, Y, [0, 10], H, **options)


@pytest.mark.parametrize("name", list(KERNELS))
@pytest.mark.parametrize(
    ("value", "shown"),
    [("x", "'x'"), (None, "None"), ([1.0, 2.0], "[1.0, 2.0] (list)"), (True, "True"),
     (0, "0"), (-1.0, "-1.0"), (float("inf"), "inf"), (float("nan"), "nan"),
     (1 + 2j, "(1+2j) (complex)"), (10**5000, "an int of 16610 bits")],
    ids=["text", "None", "list", "bool", "zero", "negative", "inf", "nan", "complex", "huge-int"],
)  # fmt: skip
def test_prior_count_must_be_a_positive_number(name: str, value: object, shown: str) -> None:
    with pytest.raises(
        EvaluationError, match=f"^{name}: {re.escape(PSEUDO)}, got {re.escape(shown)}$"
    ):
        _call(name, prior_count=value)


@pytest.mark.parametrize("name", list(KERNELS))
def test_a_prior_count_of_any_real_type_is_the_same_number(name: str) -> None:
    # An int, a numpy float and a numpy int are the float they stand for:
    # the same interval, bit for bit.
    expected = _call(name, prior_count=2.0).upper.tobytes()
    for same in (2, np.float64(2.0), np.int64(2), np.float32(2.0)):
        assert _call(name, prior_count=same).upper.tobytes() == expected


def test_the_prior_count_is_used_so_the_check_above_says_something() -> None:
    assert _call("drift", prior_count=0.5).upper[0] != _call("drift", prior_count=50.0).upper[0]


@pytest.mark.parametrize("name", WITH_CALIBRATE)
@pytest.mark.parametrize(
    "value",
    ["no", "", 2, -1, 1.0, 0.0, 1.5, None, np.array([True, False]), np.float64(1.0)],
    ids=repr,
)
def test_calibrate_must_be_a_flag(name: str, value: object) -> None:
    said = f"{name}: calibrate must be True or False (or 1 or 0), got "
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        _call(name, calibrate=value)


@pytest.mark.parametrize("name", WITH_CALIBRATE)
def test_numpy_flags_are_flags(name: str) -> None:
    plain = _call(name, calibrate=False).upper.tobytes()
    assert _call(name, calibrate=np.False_).upper.tobytes() == plain
    assert _call(name, calibrate=np.True_).upper.tobytes() != plain


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda: _call("theta", optimized="yes"), "theta: optimized must be True or False (or 1 or 0), got 'yes'"),
        (lambda: _call("average_change", relative=2),
         "average_change: relative must be True or False (or 1 or 0), got 2"),
        (lambda: engine.auto_members(T, Y, [0, 10], H, combined="no"),
         "auto_members: combined must be True or False (or 1 or 0), got 'no'"),
    ],
)  # fmt: skip
def test_other_flags_name_the_kernel_and_option(call: Callable[[], object], said: str) -> None:
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}$"):
        call()


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2.5, "2.5"), (5.0, "5.0"), ("5", "'5'"), (None, "None"), (True, "True"), (1, "1"),
     (-3, "-3"), (np.array([5, 6]), "array([5, 6]) (ndarray)")],
)  # fmt: skip
def test_window_must_be_a_whole_number_of_intervals(value: object, shown: str) -> None:
    said = f"average_change: window must be an int of at least 2 intervals, got {shown}"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        _call("average_change", window=value)


@pytest.mark.parametrize(("value", "said"), [
    (3.0, "got 3.0: give 3, an int"),
    (np.float64(4.0), "got np.float64(4.0) (float64): give 4, an int"),
    (2.5, "got 2.5"),
    (1.0, "got 1.0"),
], ids=repr)  # fmt: skip
def test_a_whole_float_window_is_told_to_give_the_int(value: object, said: str) -> None:
    # It said "window must be at least 2 intervals, got 3.0": 3 is at least 2.
    with pytest.raises(EvaluationError, match=f"{re.escape(said)}$"):
        _call("average_change", window=value)


def test_a_numpy_window_is_the_int() -> None:
    expected = _call("average_change", window=3).point.tobytes()
    assert _call("average_change", window=np.int64(3)).point.tobytes() == expected
    # and the window matters: over 3 intervals 12 + 3 * (12 - 9) / 3 = 15, over
    # 4 intervals 12 + 3 * (12 - 7.5) / 4 = 15.375.
    assert _call("average_change", window=3).point.tolist() == [15.0]
    assert _call("average_change", window=4).point.tolist() == [15.375]


@pytest.mark.parametrize("name", list(KERNELS))
def test_a_level_beyond_any_float_is_named(name: str) -> None:
    said = "level must be a probability between 0 and 1 (one, or one per series), got an int of"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        _call(name, level=10**5000)


def test_keep_spread_text_is_not_a_flag() -> None:
    said = "keep_spread must be flags, True or False (or 1 or 0), one or one per series, got 'x'"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}$"):
        engine.auto(T, Y, [0, 10], H, 0.8, "x")


def test_prob_above_and_at_least_name_their_arguments() -> None:
    fc = engine.auto(T, Y, [0, 10], H)
    with pytest.raises(
        EvaluationError, match=r"^prob_above: strict must be True or False \(or 1 or 0\), got "
    ):
        engine.prob_above(fc, [12.0], strict=np.array([True, False]))  # type: ignore[arg-type]
    said = "prob_above: threshold must be numbers (a float or an array of floats), got an int of"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        engine.prob_above(fc, 10**5000)
    said = "at_least: floor must be numbers (a float or an array of floats), got an int of"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}"):
        engine.at_least(fc, 10**5000)


def test_trajectories_names_the_method_and_within_year() -> None:
    from innovplan import datasets
    from innovplan.errors import UnknownIdError

    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    h = engine.histories(plan.targets, obs)
    for method in (None, ["auto"], "straight"):
        with pytest.raises(UnknownIdError, match=r"no forecast method with id .*; known: auto"):
            engine.trajectories(h, method, 0.8, within_year=True)  # type: ignore[arg-type]
    said = "trajectories: within_year must be True or False (or 1 or 0), got 'yes'"
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}$"):
        engine.trajectories(h, "auto", 0.8, within_year="yes")  # type: ignore[arg-type]
