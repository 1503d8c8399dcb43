"""Roll-ups, the plan report, and the Wuhan 2023 report."""

from __future__ import annotations

import attrs
import pytest

from innovplan import Q_, datasets
from innovplan.evaluate import PlanReport, evaluate, rollup
from innovplan.model import (
    Area,
    Comparator,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Status,
    Target,
    Task,
)

LABS = Indicator("labs", "labs approved", unit="laboratory", measure=Measure.FLOW)
HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)


def _plan() -> Plan:
    t1 = Target(
        "T1",
        LABS,
        Comparator.AT_LEAST,
        Q_(10, "laboratory"),
        "2023-12-31",
        nature="binding",
        weight=3.0,
    )
    t2 = Target("T2", HTE, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
    t3 = Target(
        "T3", HTE, Comparator.MORE_THAN, Q_(20000, "enterprise"), "2023-12-31", nature="binding"
    )
    goals = [Goal("G1", "science", [t1]), Goal("G2", "industry", [t2, t3])]
    areas = [
        Area("A1", "forces", tasks=[Task("K1", "labs", targets=["T1", "T2"]), Task("K2", "none")])
    ]
    return Plan("p", "A plan", start="2023-01-01", end="2023-12-31", goals=goals, areas=areas)


OBS = [
    Observation("labs", Q_(11, "laboratory"), 2023),
    Observation("hte", Q_(14500, "enterprise"), "2023-12-31"),
]


def test_rollup_counts_shares_scores_and_binding() -> None:
    plan = _plan()
    report = evaluate(plan, OBS)
    r = report.rollup
    assert r.plan.n == 3
    assert r.plan.count(Status.ACHIEVED) == 2
    assert r.plan.count(Status.NOT_ACHIEVED) == 1
    assert r.plan.share_achieved == pytest.approx(2 / 3)
    # Weighted mean of scores: T1 1.0 (weight 3), T2 1.0, T3 14500/20000.
    assert r.plan.mean_score == pytest.approx((3 * 1 + 1 + 0.725) / 5)
    assert r.plan.binding_met is False
    assert r.get("goal", "G1").binding_met is True
    assert r.get("area", "A1").targets == ("T1", "T2")
    assert r.get("task", "K2").n == 0
    assert r.get("task", "K2").share_achieved is None


def test_targets_without_data_are_counted() -> None:
    plan = _plan()
    report = evaluate(plan, OBS[:1])
    g2 = report.rollup.get("goal", "G2")
    assert g2.count(Status.NO_DATA) == 2
    assert g2.share_achieved == 0.0
    assert g2.mean_score is None
    assert g2.coverage == 0.0
    assert report.rollup.plan.binding_met is None  # T3 undecided, T1 met


def test_report_is_frozen_with_room_for_forecasts_and_prints() -> None:
    report = evaluate(_plan(), OBS, as_of="2024-06-30", forecast_method=None)
    assert report.forecasts is None
    assert report.progress is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.as_of = None  # type: ignore[misc]
    assert isinstance(attrs.evolve(report, forecasts=()), PlanReport)
    text = str(report)
    assert text.splitlines()[0] == "A plan — attainment (as of 2024-06-30)"
    assert "ACHIEVED" in text
    assert "Goals" in text
    assert len(report.explain()) == 3
    assert report["T2"].status is Status.ACHIEVED


def test_rollup_needs_every_target_assessed() -> None:
    from innovplan.errors import UnknownIdError
    from innovplan.evaluate import assess_many

    plan = _plan()
    partial = assess_many(list(plan.targets[:1]), OBS)
    with pytest.raises(UnknownIdError):
        rollup(partial, plan)


def test_wuhan_2023_report() -> None:
    plan = datasets.wuhan_2023()
    report = evaluate(plan, datasets.wuhan_2023_observations())
    achieved = {"T3", "T8", "T9", "T10", "T17", "T21"}
    for a in report.assessments:
        if a.target_id in achieved:
            assert a.status is Status.ACHIEVED, a.explain()
            assert a.attainment is not None
            assert a.attainment > 1
            assert a.observation is not None
            assert a.observation.source is not None
        else:
            assert a.status is Status.NO_DATA, a.explain()
    assert report["T3"].early  # 11 labs by August: a flow of approvals can only grow
    assert report["T8"].attainment == pytest.approx(14500 / 13000)
    assert report["T10"].attainment == pytest.approx(2198.43 / 1450)
    gap = report["T17"].gap
    assert gap is not None
    assert str(gap.units) == "percentage_point"
    assert gap.magnitude == pytest.approx(1.56)
    assert report["T21"].exceeded
    assert report.rollup.plan.count(Status.ACHIEVED) == 6
    text = str(report)
    for tid in sorted(achieved):
        assert tid in text
    # Replayed on 2023-09-01 only the mid-year review was out.
    early = evaluate(plan, datasets.wuhan_2023_observations(), as_of="2023-09-01")
    assert early["T3"].status is Status.ACHIEVED
    # T8 has no 2023 figure yet; its trajectory grades it. Eurostat's ratio of the
    # observed CAGR 2012-2022, (12000/960)^(1/10) - 1 = 0.2873, to the required
    # CAGR 2012-2023, (13000/960)^(1/11) - 1 = 0.2673, is 1.075 >= 0.95: on track,
    # shown beside the headline; the headline is the band of the forecast's
    # P(met) = 0.47, in [0.33, 0.66): MODERATE.
    i = early.assessments.index("T8")
    assert early.progress is not None
    assert early.progress[i].status is Status.ON_TRACK
    assert early["T8"].status is Status.MODERATE
