"""The faces as methods of the model and result classes (``_repr_html_``, ``to_frame``)."""

from pandas.testing import assert_frame_equal

from innovplan.evaluate import assess_many, forecast, forecast_many
from innovplan.faces import (
    assessment_html,
    forecast_html,
    plan_html,
    report_html,
    to_frame,
)


def test_plan_repr_html(plan):
    assert plan._repr_html_() == plan_html(plan)


def test_report_repr_html(midyear):
    assert midyear._repr_html_() == report_html(midyear)


def test_assessment_repr_html(report):
    assert report["T10"]._repr_html_() == assessment_html(report["T10"])


def test_forecast_repr_html(plan, observations):
    f = forecast(plan.target("T8"), observations, as_of="2023-01-29")
    assert f._repr_html_() == forecast_html(f)


def test_plan_to_frame(plan):
    assert_frame_equal(plan.to_frame(), to_frame(plan))
    assert_frame_equal(plan.to_frame(lang="zh"), to_frame(plan, lang="zh"))


def test_assessments_to_frame(plan, observations):
    res = assess_many(plan, observations)
    assert_frame_equal(res.to_frame(), to_frame(res))


def test_forecasts_to_frame(plan, observations):
    fcs = forecast_many(plan, observations, as_of="2023-01-29")
    assert_frame_equal(fcs.to_frame(), to_frame(fcs))


def test_report_to_frame(midyear):
    assert_frame_equal(midyear.to_frame(), to_frame(midyear))


def test_plain_reprs_stay_short(plan, report, observations):
    assert len(repr(report.assessments)) < 200
    assert len(repr(forecast_many(plan, observations))) < 200
