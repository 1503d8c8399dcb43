"""Assessments per group, parity targets and the consistency of parts, computed by hand.

The figures are made up for arithmetic that can be checked by eye (the
provinces, the enrolment by sex and by region are fixtures of tests/conftest.py,
shared with the plots of groups); the real figures of the user guide's
"Groups" page are in tests/evaluate/test_groups_real.py.
"""

from __future__ import annotations

import pytest

from innovplan import Q_, assess_many
from innovplan.errors import EvaluationError, ModelError
from innovplan.evaluate import check_parts
from innovplan.model import Group, Indicator, Measure, Observation, Plan, Status, Target

Provinces = tuple[Observation, ...]


def test_every_province_one_failing_one_missing(every_region: Target, provinces: Provinces) -> None:
    res = assess_many([every_region], provinces)
    # One row per province observed (A, B, C in 2023; D only in 2022 and 2021), in code order.
    assert res.ids == ("E", "E", "E", "E")
    assert res.dimension("region").tolist() == ["A", "B", "C", "D"]
    # A: 120 ≥ 100 met; B: 90 < 100 not met; C: 150 ≥ 100 met; D: no 2023 figure.
    assert res.met.tolist() == [True, False, True, None]
    assert res.status.tolist() == [
        Status.ACHIEVED,
        Status.NOT_ACHIEVED,
        Status.ACHIEVED,
        Status.NO_DATA,
    ]
    # Attainment of B: 90 / 100 = 0.9; gap −10 亿元.
    assert res.attainment[1] == pytest.approx(0.9)
    assert res.gap[1] == pytest.approx(-10)
    (summary,) = res.group_summaries()
    assert (summary.groups, summary.met, summary.not_met, summary.undecided) == (4, 2, 1, 1)
    assert summary.failing == (Group({"region": "B"}),)
    assert str(summary) == "E: 2 of 4 groups met; not met: region=B; 1 undecided"


def test_one_province_and_the_total_read_their_own_series(
    gdp: Indicator, provinces: Provinces
) -> None:
    c = Target("C", gdp, "at_least", Q_(145, "亿元"), "2023-12-31", group={"region": "C"})
    total = Target("T", gdp, "at_least", Q_(350, "亿元"), "2023-12-31")
    res = assess_many([c, total], provinces)
    # C: 150 against 145, attainment 150 / 145 = 1.03448; the total: 360, not a sum of parts.
    assert res.observed.tolist() == [150, 360]
    assert res.attainment[0] == pytest.approx(150 / 145)
    assert [str(g) for g in res.groups] == ["region=C", "total"]
    assert res[0].group == Group({"region": "C"})
    assert res.dimension("region").tolist() == ["C", ""]
    assert res.group_summaries() == ()


def test_an_every_target_with_nothing_observed_gives_one_row_without_data(
    gdp: Indicator, provinces: Provinces
) -> None:
    every = Target("E", gdp, "at_least", Q_(100, "亿元"), "2023-12-31", every="county")
    res = assess_many([every], provinces)
    assert res.ids == ("E",)
    assert res.status.tolist() == [Status.NO_DATA]


def test_the_parts_of_a_flow_sum_to_its_total(gdp: Indicator, provinces: Provinces) -> None:
    checks = check_parts(provinces, [gdp], dimension="region")
    assert [str(c.period) for c in checks] == ["2021", "2022", "2023"]
    y2021, y2022, y2023 = checks
    # 2021: 100 + 80 + 130 + 55 = 365 against 370: (365 − 370) / 370 = −1.351 %, beyond 0.5 %.
    assert y2021.parts_sum.magnitude == 365
    assert y2021.difference == pytest.approx(-5 / 370)
    assert y2021.consistent is False
    # 2022: 110 + 85 + 140 + 60 = 395, the total exactly.
    assert (y2022.parts_sum.magnitude, y2022.consistent) == (395, True)
    # 2023: D is missing, so 120 + 90 + 150 = 360 says nothing either way.
    assert (y2023.parts_sum.magnitude, y2023.missing, y2023.consistent) == (360, ("D",), None)
    assert str(y2021) == (
        "gdp 2021 (total): parts sum to 365 hundred_million_yuan, total 370 (−1.35 %)"
    )
    # A wider tolerance accepts 2021.
    assert check_parts(provinces, [gdp], dimension="region", rtol=0.02)[0].consistent is True


def test_shares_do_not_sum(gdp: Indicator, enrol: Indicator) -> None:
    with pytest.raises(EvaluationError, match=r"indicator 'enrol' is a share: the parts' shares"):
        check_parts([], [enrol], dimension="sex")
    with pytest.raises(EvaluationError, match=r"rtol is a finite number ≥ 0"):
        check_parts([], [gdp], dimension="sex", rtol=-1)
    with pytest.raises(ModelError, match=r"check_parts\.dimension: .*'Sex' would be 'sex'"):
        check_parts([], [gdp], dimension="Sex")


Enrolment = tuple[Observation, ...]


def test_gender_parity_index_within_the_band(
    enrol: Indicator, gender_parity: Target, by_sex: Enrolment
) -> None:
    # Girls 96.0 %, boys 98.0 % as of 1 March 2023 (boys revised to 99.5 % on 30 June).
    girls = Target("G", enrol, "at_least", Q_(97, "percent"), "2022-12-31", group={"sex": "F"})
    res = assess_many([gender_parity, girls], by_sex, as_of="2023-03-01")
    # GPI = 96.0 / 98.0 = 0.979592, inside 0.97–1.03: achieved. Held as a percentage.
    assert res.observed[0] == pytest.approx(96.0 / 98.0 * 100)
    assert res.status[0] is Status.ACHIEVED
    assert res[0].versus == Group({"sex": "M"})
    assert res[0].observation is not None
    assert res[0].observation.note == "ratio of sex=F to sex=M"
    # Girls' own target: 96.0 < 97: not achieved, 1 percentage point short.
    assert res.status[1] is Status.NOT_ACHIEVED
    assert res.gap[1] == pytest.approx(-1.0)


def test_a_revision_of_one_group_changes_the_parity(
    gender_parity: Target, by_sex: Enrolment
) -> None:
    res = assess_many([gender_parity], by_sex)
    # With the revision: 96.0 / 99.5 = 0.964824, below 0.97: not achieved,
    # (96.4824 − 97) = −0.5176 percentage points short.
    assert res.observed[0] == pytest.approx(96.0 / 99.5 * 100)
    assert res.status[0] is Status.NOT_ACHIEVED
    assert res.gap[0] == pytest.approx(96.0 / 99.5 * 100 - 97)
    # Released when the later of its two figures was: 30 June 2023.
    assert res[0].observation is not None
    assert str(res[0].observation.released) == "2023-06-30"


def test_parity_in_every_region(parity_by_region: Target, by_region_and_sex: Enrolment) -> None:
    res = assess_many([parity_by_region], by_region_and_sex)
    # X: 90 / 92 = 0.978261 ≥ 0.97 met; Y: 80 / 90 = 0.888889 < 0.97 not met.
    assert res.dimension("region").tolist() == ["X", "Y"]
    assert res.observed.tolist() == pytest.approx([90 / 92 * 100, 80 / 90 * 100])
    assert res.met.tolist() == [True, False]
    (summary,) = res.group_summaries()
    assert str(summary) == "GPI: 1 of 2 groups met; not met: region=Y, sex=F"


def test_a_parity_without_the_other_group_has_no_data(
    gender_parity: Target, by_sex: Enrolment
) -> None:
    res = assess_many([gender_parity], by_sex[:1])
    assert res.status.tolist() == [Status.NO_DATA]


def test_a_ceiling_on_a_ratio_is_better_lower() -> None:
    # Urban over rural income at most 2.5: 47,412 / 18,931 = 2.5045 > 2.5, not met;
    # attainment is direction-aware: 2.5 / 2.5045 = 0.99820.
    income = Indicator("income", "per capita disposable income", unit="yuan", measure="flow")
    gap = Target(
        "GAP", income, "at_most", Q_(2.5, "dimensionless"), "2021-12-31",
        group={"urbanisation": "U"}, versus={"urbanisation": "R"},
    )  # fmt: skip
    obs = [
        Observation("income", Q_(47412, "yuan"), 2021, dimensions={"urbanisation": "U"}),
        Observation("income", Q_(18931, "yuan"), 2021, dimensions={"urbanisation": "R"}),
    ]
    res = assess_many([gap], obs)
    assert res.observed[0] == pytest.approx(47412 / 18931 * 100)
    assert res.met.tolist() == [False]
    assert res.attainment[0] == pytest.approx(250 / (47412 / 18931 * 100))


def test_groups_and_ungrouped_targets_agree_on_the_same_figures(
    every_region: Target, provinces: Provinces
) -> None:
    # The same figures as an ungrouped indicator give the same verdicts and numbers.
    flat = [
        Observation(f"gdp_{o.dimensions['region']}", o.value, o.period)
        for o in provinces
        if "region" in o.dimensions
    ]
    regions = ["A", "B", "C", "D"]
    singles = [
        Target(r, Indicator(f"gdp_{r}", r, unit="hundred_million_yuan", measure="flow"),
               "at_least", Q_(100, "亿元"), "2023-12-31")
        for r in regions
    ]  # fmt: skip
    grouped = assess_many([every_region], provinces)
    plain = assess_many(singles, flat)
    assert grouped.status.tolist() == plain.status.tolist()
    assert grouped.attainment.tolist() == pytest.approx(plain.attainment.tolist(), nan_ok=True)
    assert grouped.gap.tolist() == pytest.approx(plain.gap.tolist(), nan_ok=True)


# -- forecasts, progress and the report over groups -----------------------------------

RATE = Indicator("rate", "completion rate", unit="percent", measure=Measure.SHARE)


def rate(value: float, year: int, sex: str) -> Observation:
    return Observation("rate", Q_(value, "percent"), f"{year}-12-31", dimensions={"sex": sex})


# Girls: 90, 91, …, 97 over 2015–2022 (one point a year); boys: 80, 82, …, 94.
TRENDS = [rate(90 + k, 2015 + k, "F") for k in range(8)] + [
    rate(80 + 2 * k, 2015 + k, "M") for k in range(8)
]
EVERY_SEX = Target("S", RATE, "at_least", Q_(99, "percent"), "2025-12-31", every="sex")


def test_linear_forecasts_per_group() -> None:
    from innovplan import forecast_many

    fcs = forecast_many([EVERY_SEX], TRENDS, method="linear")
    assert fcs.ids == ("S", "S")
    assert fcs.dimension("sex").tolist() == ["F", "M"]
    # Straight lines: girls 90 + (2025 − 2015) = 100; boys 80 + 2 × 10 = 100.
    points = [f.point.to("percent").magnitude for f in fcs]  # type: ignore[union-attr]
    assert points == pytest.approx([100.0, 100.0])
    assert [str(f.group) for f in fcs] == ["sex=F", "sex=M"]


def test_group_rows_equal_targets_on_their_own_series() -> None:
    from innovplan import forecast_many
    from innovplan.evaluate import progress_many

    own = {s: Indicator(f"rate_{s}", s, unit="percent", measure=Measure.SHARE) for s in "FM"}
    flat = [Observation(own[o.dimensions["sex"]].id, o.value, o.period) for o in TRENDS]
    singles = [Target(s, own[s], "at_least", Q_(99, "percent"), "2025-12-31") for s in "FM"]
    grouped_f = forecast_many([EVERY_SEX], TRENDS)
    plain_f = forecast_many(singles, flat)
    assert [f.point for f in grouped_f] == [f.point for f in plain_f]
    assert [f.probability for f in grouped_f] == [f.probability for f in plain_f]
    grouped_p = progress_many([EVERY_SEX], TRENDS)
    plain_p = progress_many(singles, flat)
    assert [(p.status, p.ratio) for p in grouped_p] == [(p.status, p.ratio) for p in plain_p]
    assert [p.group for p in grouped_p] == [Group({"sex": "F"}), Group({"sex": "M"})]


def test_the_report_names_groups_and_summarises_every_group_targets(
    provinces_plan: Plan, provinces: Provinces
) -> None:
    from innovplan import evaluate

    report = evaluate(provinces_plan, provinces)
    text = str(report)
    lines = text.splitlines()
    table = lines[: lines.index("  E: 2 of 4 groups met; not met: region=B; 1 undecided")]
    assert [line.split()[:2] for line in table if line.startswith("E ")] == [
        ["E", "region=A"], ["E", "region=B"], ["E", "region=C"], ["E", "region=D"]
    ]  # fmt: skip
    assert "  E: 2 of 4 groups met; not met: region=B; 1 undecided" in lines
    # The roll-up counts E once, as its worst group (B, not achieved): 1 of 2 achieved,
    # mean score (0.9 + 1) / 2 = 0.95.
    goal = report.rollup.get("goal", "g")
    assert goal.share_achieved == pytest.approx(0.5)
    assert goal.mean_score == pytest.approx(0.95)
    from innovplan.faces._table import report_text

    assert "  E：4个组中2个达标；未达标：region=B；1个尚无结论" in report_text(report, "zh")


def test_one_target_calls_take_the_group_and_refuse_every(gender_parity: Target) -> None:
    from innovplan import assess, forecast, progress

    girls = Target("G", RATE, "at_least", Q_(96, "percent"), "2022-12-31", group={"sex": "F"})
    # A bare quantity is the figure of the target's group: 97 ≥ 96.
    assert assess(girls, Q_(97, "percent")).met is True
    # From the observations, the girls' 2022 figure: 97 ≥ 96.
    assert assess(girls, TRENDS).observed == Q_(97, "percent")
    for func in (assess, forecast, progress):
        with pytest.raises(
            EvaluationError, match=rf"{func.__name__}\(\) argument target: 'S' holds"
        ):
            func(EVERY_SEX, TRENDS)  # type: ignore[operator]
    with pytest.raises(EvaluationError, match=r"give both groups' observations, not a quantity"):
        assess(gender_parity, Q_(1, "dimensionless"))


def test_array_series_hold_totals_only() -> None:
    import numpy as np

    from innovplan.evaluate import ArraySeries

    s = ArraySeries.padded(["rate"], np.array([[90.0, 91.0]]), [2021, 2022], unit="percent")
    with pytest.raises(EvaluationError, match=r"'S' is for group\(s\) of its indicator"):
        assess_many([EVERY_SEX], s)


def test_report_documents_have_a_row_per_group_and_follow_the_schema(
    every_region: Target, provinces: Provinces
) -> None:
    import jsonschema

    import innovplan.io as ipio
    from innovplan import evaluate
    from innovplan.model import Goal, Plan

    plan = Plan(
        "p", "P", start="2023-01-01", end="2023-12-31", goals=[Goal("g", "G", [every_region])]
    )
    doc = ipio.results_to_dict(evaluate(plan, provinces))
    rows = doc["targets"]
    assert [r["assessment"]["group"] for r in rows] == [
        {"region": "A"}, {"region": "B"}, {"region": "C"}, {"region": "D"}
    ]  # fmt: skip
    assert [r["attainment_status"] for r in rows] == [
        "achieved", "not_achieved", "achieved", "no_data"
    ]  # fmt: skip
    jsonschema.validate(doc, ipio.results_schema())


def test_a_parity_row_reads_in_the_unit_of_its_target(
    gender_parity: Target, by_sex: Enrolment
) -> None:
    res = assess_many([gender_parity], by_sex, as_of="2023-03-01")
    (a,) = list(res)
    # 96.0 / 98.0 = 0.979592 against 0.97–1.03, both dimensionless; a parity range is
    # better near (as for an indicator whose direction is NEAR), so it is compared
    # with its middle, (0.97 + 1.03) / 2 = 1.0.
    assert a.observed is not None
    assert str(a.observed.units) == "dimensionless"
    assert a.observed.magnitude == pytest.approx(96.0 / 98.0)
    assert a.compared_with is not None
    assert a.compared_with.magnitude == pytest.approx(1.0)


def test_a_table_without_dimension_columns_holds_the_total(
    gdp: Indicator, every_region: Target
) -> None:
    table = {"indicator": ["gdp"], "period": [2023], "value": [360.0], "unit": ["亿元"]}
    # No region is observed: one row without data, as for the same Observation objects.
    res = assess_many([every_region], table)
    assert res.status.tolist() == [Status.NO_DATA]
    obs = [Observation("gdp", Q_(360.0, "亿元"), 2023)]
    assert assess_many([every_region], obs).status.tolist() == [Status.NO_DATA]
    # A total target reads the table as before: 360 ≥ 100.
    total = Target("T", gdp, "at_least", Q_(100, "亿元"), "2023-12-31")
    assert assess_many([total], table).met.tolist() == [True]


def test_result_columns_have_a_column_per_dimension_after_the_target() -> None:
    from innovplan import forecast_many
    from innovplan.evaluate import progress_many

    for res in (
        assess_many([EVERY_SEX], TRENDS),
        forecast_many([EVERY_SEX], TRENDS),
        progress_many([EVERY_SEX], TRENDS),
    ):
        cols = res.columns
        assert list(cols)[:2] == ["target", "sex"]
        assert cols["sex"].tolist() == ["F", "M"]
