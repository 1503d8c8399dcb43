"""Wrong-typed arguments to assess, forecast, progress and evaluate: errors name the argument."""

from __future__ import annotations

import numpy as np
import pytest

import innovplan
from innovplan import Q_
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import assess, assess_many, forecast, forecast_many, progress
from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Plan, Target

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
T8 = Target("T8", HTE, Comparator.AT_LEAST, Q_(13000, "enterprise"), "2025-12-31")
OBS = [Observation("hte", Q_(v, "enterprise"), f"{y}-12-31") for y, v in
       [(2019, 9000), (2020, 10000), (2021, 11000), (2022, 12000)]]  # fmt: skip


def test_forecast_level_none_says_what_is_valid():
    with pytest.raises(
        EvaluationError,
        match=r"forecast\(\) argument level: expected a number strictly between 0 and 1 .*got None",
    ):
        forecast(T8, OBS, level=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", [True, "0.8", 0.0, 1.0, float("nan")])
def test_forecast_level_must_be_a_probability(level):
    with pytest.raises(EvaluationError, match="argument level"):
        forecast(T8, OBS, level=level)


def test_a_numpy_level_is_a_number():
    assert forecast(T8, OBS, level=np.float64(0.9)).level == pytest.approx(0.9)


def test_a_method_that_is_not_text_names_the_argument():
    with pytest.raises(
        EvaluationError,
        match=r"forecast_many\(\) argument method: expected one of auto, .*got \['auto'\]",
    ):
        forecast_many([T8], OBS, method=["auto"])  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError, match="no forecast method with id 'straight'"):
        forecast(T8, OBS, method="straight")


def test_within_year_and_scale_are_checked():
    with pytest.raises(
        EvaluationError,
        match=r"argument within_year: expected True or False \(or 1 or 0\), got 'yes'",
    ):
        forecast(T8, OBS, within_year="yes")  # type: ignore[arg-type]
    with pytest.raises(EvaluationError, match=r"argument scale: expected a LikelihoodScale"):
        forecast(T8, OBS, scale="ipcc")  # type: ignore[arg-type]


def test_as_of_and_tolerance_name_the_argument():
    with pytest.raises(
        EvaluationError, match=r"assess\(\) argument as_of: expected a date .*got '2023-13-01'"
    ):
        assess(T8, OBS, as_of="2023-13-01")
    with pytest.raises(
        EvaluationError, match=r"assess_many\(\) argument tolerance: expected a Tolerance"
    ):
        assess_many([T8], OBS, tolerance=0.05)  # type: ignore[arg-type]


def test_observations_holding_something_else_name_the_position():
    with pytest.raises(
        EvaluationError,
        match=r"forecast_many\(\) argument observations\[1\]: expected an Observation, got 12000",
    ):
        forecast_many([T8], [OBS[0], 12000])  # type: ignore[list-item]
    with pytest.raises(
        EvaluationError, match=r"assess_many\(\) argument targets\[0\]: expected a Target, got 'T8'"
    ):
        assess_many(["T8"], OBS)  # type: ignore[list-item]


def test_a_baseline_quantity_that_no_observation_can_hold_names_baseline():
    with pytest.raises(
        EvaluationError, match=r"assess\(\) argument baseline: a count cannot be negative"
    ):
        assess(T8, OBS, baseline=Q_(-5, "enterprise"))
    with pytest.raises(
        EvaluationError, match=r"assess\(\) argument baseline: expected an Observation, a Quantity"
    ):
        assess(T8, OBS, baseline=5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "base", ["²", "٢٠١٩", pytest.param(10**5000, id="10**5000"), 0, True, 2019.5]
)
def test_progress_base_takes_ascii_years_only(base):
    # "²".isdigit() is True and int("²") raised ValueError; "٢٠١٩" read as 2019.
    with pytest.raises(
        EvaluationError, match=r"progress\(\) argument base: expected a year \(2015\)"
    ):
        progress(T8, OBS, base=base)


def test_progress_base_as_text_of_a_year_still_works():
    assert progress(T8, OBS, base="2019").base == progress(T8, OBS, base=2019).base


@pytest.mark.parametrize(("arg", "value"), [("growth", ["linear"]), ("window", "5"),
                                             ("thresholds", Q_(1, "m")), ("thresholds", (1, 2))])  # fmt: skip
def test_progress_options_name_the_argument(arg, value):
    with pytest.raises(EvaluationError, match=rf"progress\(\) argument {arg}: expected"):
        progress(T8, OBS, **{arg: value})


def test_evaluate_checks_its_arguments_before_any_work():
    plan = Plan("p", "p", start="2023-01-01", end="2025-12-31", goals=[Goal("G", "g", [T8])])
    with pytest.raises(
        EvaluationError,
        match=r"evaluate\(\) argument plan: expected a Plan or a table of targets, got \[\]",
    ):
        innovplan.evaluate([], OBS)  # type: ignore[arg-type]
    with pytest.raises(
        EvaluationError, match=r"evaluate\(\) argument forecast_method: expected one of"
    ):
        innovplan.evaluate(plan, OBS, forecast_method=1)  # type: ignore[arg-type]
    with pytest.raises(EvaluationError, match=r"evaluate\(\) argument level"):
        innovplan.evaluate(plan, OBS, level=2)
