"""Conflicting duplicate observations and figures beyond float64: refused or "cannot say", never order or inf."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest

import innovplan
from innovplan import Q_
from innovplan.errors import EvaluationError
from innovplan.evaluate import METHODS, ArraySeries, assess, assess_many, forecast, progress
from innovplan.model import (
    Comparator,
    Direction,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Source,
    Status,
    Target,
)

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
T8 = Target("T8", HTE, Comparator.AT_LEAST, Q_(100, "enterprise"), "2023-12-31")
LOW = Observation("hte", Q_(90, "enterprise"), "2023-12-31", released="2024-01-10")
HIGH = Observation("hte", Q_(110, "enterprise"), "2023-12-31", released="2024-01-10")
YUAN = Indicator("money", "money", unit="yuan", measure=Measure.LEVEL)


# -- conflicting duplicates -----------------------------------------------------


@pytest.mark.parametrize("order", [(LOW, HIGH), (HIGH, LOW)])
def test_assess_refuses_two_figures_for_one_period_and_release_in_either_order(order):
    # 90 against 100 is NOT_ACHIEVED, 110 is ACHIEVED: list order used to decide.
    with pytest.raises(EvaluationError) as info:
        assess(T8, list(order))
    text = str(info.value)
    assert "90 enterprise" in text
    assert "110 enterprise" in text
    assert "#0 and #1" in text
    assert "2023-12-31" in text
    assert "released 2024-01-10" in text


@pytest.mark.parametrize(
    "call",
    [
        lambda obs: assess_many([T8], obs),
        lambda obs: forecast(T8, [Observation("hte", Q_(80, "enterprise"), "2022-12-31"), *obs]),
        lambda obs: progress(T8, [Observation("hte", Q_(80, "enterprise"), "2022-12-31"), *obs]),
        lambda obs: innovplan.evaluate(
            Plan("p", "p", start="2023-01-01", end="2023-12-31", goals=[Goal("G", "g", [T8])]),
            obs,
        ),
    ],
    ids=["assess_many", "forecast", "progress", "evaluate"],
)
def test_every_evaluation_refuses_the_same_conflict(call):
    with pytest.raises(EvaluationError, match="disagree: 110 enterprise and 90 enterprise"):
        call([HIGH, LOW])


def test_forecast_names_the_conflict_among_earlier_years():
    # The clash is in the history, not at the deadline: the forecast's trend would
    # otherwise go through 90 or 110 by list order.
    early_a = Observation("hte", Q_(90, "enterprise"), "2021-12-31")
    early_b = Observation("hte", Q_(95, "enterprise"), "2021-12-31")
    later = Observation("hte", Q_(99, "enterprise"), "2022-12-31")
    with pytest.raises(
        EvaluationError, match=r"#0 and #2 of 'hte' for 2021-12-31, with no release"
    ):
        forecast(T8, [early_a, later, early_b])


def test_a_missing_release_date_is_the_periods_last_day():
    # Vintage selection reads a missing release as the period's end: the two
    # are released "on the same day" and nothing else could order them.
    undated = Observation("hte", Q_(90, "enterprise"), "2023-12-31")
    dated = Observation("hte", Q_(110, "enterprise"), "2023-12-31", released="2023-12-31")
    with pytest.raises(
        EvaluationError,
        match=r"released 2023-12-31 and with no release date \(the period.s last day\)",
    ):
        assess(T8, [dated, undated])


def test_exact_copies_are_one_figure():
    once = assess(T8, [HIGH])
    twice = assess(T8, [HIGH, HIGH, HIGH])
    assert twice == once
    assert twice.status is Status.ACHIEVED


def test_the_same_figure_with_different_sources_is_refused():
    # Which source the assessment cites would depend on the order.
    a = Observation("hte", Q_(110, "enterprise"), "2023-12-31", source=Source("bulletin"))
    b = Observation("hte", Q_(110, "enterprise"), "2023-12-31", source=Source("work report"))
    with pytest.raises(EvaluationError, match="same figure with different details"):
        assess(T8, [a, b])


def test_a_later_release_is_a_revision_not_a_conflict():
    revised = Observation("hte", Q_(110, "enterprise"), "2023-12-31", released="2024-03-01")
    assert assess(T8, [revised, LOW]).status is Status.ACHIEVED  # 110 ≥ 100, released later
    assert assess(T8, [revised, LOW], as_of="2024-02-01").status is Status.NOT_ACHIEVED


def test_observations_of_other_indicators_are_not_checked():
    other = Indicator("labs", "labs", unit="laboratory", measure=Measure.LEVEL)
    a = Observation("labs", Q_(1, "laboratory"), "2023-12-31")
    b = Observation("labs", Q_(2, "laboratory"), "2023-12-31")
    assert other.id != T8.indicator.id
    assert assess_many([T8], [HIGH, a, b]).status.tolist() == [Status.ACHIEVED]


def test_loaded_duplicates_are_refused_when_evaluated():
    doc = {
        "format_version": "1.0",
        "observations": [
            {"indicator": "hte", "value": {"value": v, "unit": "enterprise"},
             "period": "2023-12-31", "released": "2024-01-10"}
            for v in (90, 110)
        ],
    }  # fmt: skip
    loaded = innovplan.load_observations(json.dumps(doc), fmt="json")
    assert len(loaded) == 2  # a document may hold both; evaluating it may not
    with pytest.raises(EvaluationError, match="disagree"):
        assess_many([T8], loaded)


def test_array_series_refuses_two_values_for_one_year():
    rd = Indicator("rd", "R&D", unit="yuan", measure=Measure.FLOW)
    t = Target("R1", rd, Comparator.AT_LEAST, Q_(5, "yuan"), "2025-12-31")
    s = ArraySeries.ragged(["rd", "rd"], [1.0, 2.0, 3.0, 9.0], [0, 3, 4], [2021, 2022, 2023, 2022],
                           unit="yuan")  # fmt: skip
    with pytest.raises(EvaluationError, match=r"position 1 and series 'rd' position 0 both give"):
        innovplan.forecast_many([t], s)
    same = ArraySeries.ragged(["rd", "rd"], [1.0, 2.0, 3.0, 2.0], [0, 3, 4], [2021, 2022, 2023, 2022],
                              unit="yuan")  # fmt: skip
    alone = ArraySeries.ragged(["rd"], [1.0, 2.0, 3.0], [0, 3], [2021, 2022, 2023], unit="yuan")
    assert (
        innovplan.forecast_many([t], same)[0].point == innovplan.forecast_many([t], alone)[0].point
    )


# -- overflow ---------------------------------------------------------------------


def _no_warning(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = call()
    assert [str(w.message) for w in caught] == []
    return out


def test_a_ratio_beyond_float64_gives_no_verdict():
    # 1e20 / 1e-308 = 1e328, beyond float64's largest 1.797e308: the ratio is inf,
    # and an assessment that cannot state its ratio states no verdict either.
    t = Target("T", YUAN, Comparator.AT_LEAST, Q_(1e-308, "yuan"), "2023-12-31")
    a = _no_warning(lambda: assess(t, Q_(1e20, "yuan")))
    assert a.status is Status.NO_DATA
    assert a.met is None
    assert a.attainment is None
    assert a.score is None
    assert any("overflows float64" in n for n in a.notes)
    assert "1e+20 yuan" in a.explain()


def test_a_target_beyond_float64_after_conversion_gives_no_verdict():
    # 1e301 hundred_million_yuan is 1e309 yuan: no float64 holds it.
    t = Target("T", YUAN, Comparator.AT_LEAST, Q_(1e301, "hundred_million_yuan"), "2023-12-31")
    a = _no_warning(lambda: assess(t, Q_(5, "yuan")))
    assert (a.status, a.met, a.compared_with) == (Status.NO_DATA, None, None)


def test_large_figures_that_fit_still_get_a_verdict():
    # 1e300 / 1e299 = 10: nothing overflows.
    t = Target("T", YUAN, Comparator.AT_LEAST, Q_(1e299, "yuan"), "2023-12-31")
    a = _no_warning(lambda: assess(t, Q_(1e300, "yuan")))
    assert a.status is Status.ACHIEVED
    assert a.attainment == pytest.approx(10.0)


def test_a_decrease_met_at_zero_keeps_its_infinite_attainment():
    # By design (docs/attainment.md): ref / x with x = 0 is an infinite ratio, not an overflow.
    down = Indicator("co2", "emissions", unit="yuan", measure=Measure.LEVEL,
                     direction=Direction.DECREASE)  # fmt: skip
    t = Target("T", down, Comparator.AT_MOST, Q_(10, "yuan"), "2023-12-31")
    a = assess(t, Q_(0, "yuan"))
    assert a.status is Status.ACHIEVED
    assert a.attainment == math.inf


def test_loglinear_past_float64_is_unclear_not_virtually_certain():
    # 1, 1e40, ..., 1e240 in 2015..2021: log-linear growth of 40 decades a year
    # reaches 1e240 * 1e(40 * 5) = 1e440 by the end of 2025, past 1.797e308.
    t = Target("T", YUAN, Comparator.AT_LEAST, Q_(1e240, "yuan"), "2025-12-31")
    obs = [
        Observation("money", Q_(10.0 ** (40 * i), "yuan"), f"{2015 + i}-12-31") for i in range(7)
    ]
    f = _no_warning(lambda: forecast(t, obs, method="loglinear"))
    assert f.unclear
    assert (f.point, f.probability, f.likelihood) == (None, None, None)
    assert "float64" in f.reason


@pytest.mark.parametrize(
    "method", [m for m in METHODS if m not in {"loglinear", "average-change-relative"}]
)
def test_every_method_says_unclear_when_its_arithmetic_overflows(method):
    # 1e300, 1e307, 1.7e308: any trend extrapolated seven years passes 1.797e308,
    # and the variance of these values (squares near 1e616) overflows first.
    t = Target("T", YUAN, Comparator.AT_LEAST, Q_(1e300, "yuan"), "2030-12-31")
    obs = [Observation("money", Q_(v, "yuan"), f"{2021 + i}-12-31")
           for i, v in enumerate([1e300, 1e307, 1.7e308])]  # fmt: skip
    f = _no_warning(lambda: forecast(t, obs, method=method))
    assert f.unclear
    assert "float64" in f.reason
    assert f.probability is None


def test_an_overflowing_row_leaves_the_rest_of_the_batch_alone():
    t_big = Target("TB", YUAN, Comparator.AT_LEAST, Q_(1e300, "yuan"), "2030-12-31")
    labs = Indicator("labs", "labs", unit="laboratory", measure=Measure.LEVEL)
    t_ok = Target("TL", labs, Comparator.AT_LEAST, Q_(10, "laboratory"), "2030-12-31")
    obs = [Observation("money", Q_(v, "yuan"), f"{2021 + i}-12-31")
           for i, v in enumerate([1e300, 1e307, 1.7e308])]  # fmt: skip
    obs += [Observation("labs", Q_(v, "laboratory"), f"{2021 + i}-12-31")
            for i, v in enumerate([1.0, 2.0, 3.0])]  # fmt: skip
    fcs = _no_warning(lambda: innovplan.forecast_many([t_big, t_ok], obs, method="drift"))
    assert fcs.unclear.tolist() == [True, False]
    # drift: 3 + (3 - 1) / 2 per year * 7 years = 10
    assert float(fcs.point[1]) == pytest.approx(10.0)
    assert np.isnan(fcs.probability[0])


def test_evaluate_and_progress_on_extremes_raise_no_warning():
    t = Target("T", YUAN, Comparator.AT_LEAST, Q_(1e-300, "yuan"), "2030-12-31")
    obs = [Observation("money", Q_(v, "yuan"), f"{2021 + i}-12-31")
           for i, v in enumerate([1e-300, 1e300, 1.7e308])]  # fmt: skip
    plan = Plan("p", "p", start="2021-01-01", end="2030-12-31", goals=[Goal("G", "g", [t])])
    report = _no_warning(lambda: innovplan.evaluate(plan, obs))
    assert report["T"].status in set(Status)
    for method in ("eurostat", "sdsn", "unsd", "escap", "aarr"):
        p = _no_warning(lambda m=method: progress(t, obs, method=m))
        assert p.ratio is None or math.isfinite(p.ratio)


def test_a_cumulative_sum_beyond_float64_gives_no_verdict():
    # 1e308 + 1e308 = 2e308 > 1.797e308: the window's total has no float64.
    flow = Indicator("spend", "spending", unit="yuan", measure=Measure.FLOW)
    t = Target("C", flow, Comparator.AT_LEAST, Q_(1, "yuan"), "2022-12-31",
               start="2021-01-01", basis="cumulative")  # fmt: skip
    obs = [Observation("spend", Q_(1e308, "yuan"), year) for year in (2021, 2022)]
    a = _no_warning(lambda: assess(t, obs))
    assert (a.status, a.met, a.observed) == (Status.NO_DATA, None, None)
    assert any("overflows float64" in n for n in a.notes)
