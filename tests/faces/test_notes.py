"""Results' notes as codes: English from the codes is the stored sentence; Chinese says it all."""

from __future__ import annotations

import contextlib
import html
import io
import re

import pytest

from innovplan import Q_, datasets, evaluate
from innovplan.engine import AUTO_RULE
from innovplan.evaluate import (
    DisagreementCode,
    Note,
    ReasonCode,
    WarningCode,
    WhyCode,
    ex_ante,
    forecast_many,
)
from innovplan.faces import ex_ante_text, main, note_text, report_document, report_text
from innovplan.faces._notes import method_label, period_label
from innovplan.model import Status

# Replays of both shipped plans: before, during and after their releases.
WUHAN_DATES = (None, "2023-01-29", "2023-08-06", "2024-01-18")
FYP_DATES = (None, "2023-02-28", "2024-06-30", "2025-09-28")
CASES = [("wuhan", d) for d in WUHAN_DATES] + [("fyp", d) for d in FYP_DATES]


def _data(name: str):
    if name == "wuhan":
        return datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    return datasets.china_14th_fyp(), datasets.china_14th_fyp_observations()


@pytest.fixture(scope="module")
def reports():
    return {(name, d): evaluate(*_data(name), as_of=d) for name, d in CASES}


@pytest.mark.parametrize(("name", "as_of"), CASES)
def test_english_from_the_codes_is_the_stored_sentence(reports, name, as_of) -> None:
    report = reports[name, as_of]
    seen: set[object] = set()
    assert report.forecasts is not None
    assert report.disagreements is not None
    assert report.disagreement_notes is not None
    for i, f in enumerate(report.forecasts):
        assert tuple(note_text(n) for n in f.notes) == f.warnings
        assert tuple(n.text() for n in f.notes) == f.warnings
        assert "; ".join(note_text(n) for n in f.why_notes) == f.why
        if f.unclear:
            assert f.reason_note is not None
            assert note_text(f.reason_note) == f.reason
        else:
            assert f.reason_note is None
        said = report.disagreement_notes[i]
        assert (None if said is None else note_text(said)) == report.disagreements[i]
        seen |= {n.code for n in (*f.notes, *f.why_notes)}
    # Every replay has something to say: the comparison is not over empty tuples.
    assert WhyCode.COMBINED in seen or WhyCode.PRO_RATA in seen


@pytest.mark.parametrize("method", ["drift", "linear", "theta"])
def test_english_from_the_codes_of_asked_methods_is_the_stored_sentence(method) -> None:
    plan, obs = _data("wuhan")
    for as_of in ("2023-01-29", "2023-08-06"):
        for f in forecast_many(plan, obs, method=method, as_of=as_of):
            assert "; ".join(n.text() for n in f.why_notes) == f.why
            assert tuple(n.text() for n in f.notes) == f.warnings
            if f.unclear:
                assert f.reason_note is not None
                assert f.reason_note.text() == f.reason


def test_the_ex_ante_lines_come_from_the_codes() -> None:
    plan, obs = _data("wuhan")
    view = ex_ante(plan, obs, ["2023-01-29", "2023-08-06"], targets=["T8", "T10"])
    for row in view.rows:
        f = row.forecast
        assert "; ".join(n.text() for n in f.why_notes) == f.why
    # T10 on 2023-08-06 has the first half-year's figure and no past
    # within-year figures: pro rata, then the yearly trend's members.
    last = view.rows[-1].forecast
    assert [n.code for n in last.why_notes][:2] == [WhyCode.PRO_RATA, WhyCode.MEMBERS]
    assert last.why_notes[1].params["yearly"] is True
    assert last.why_notes[0].params["period"] == "2023-H1"


def test_a_gap_and_a_disagreement_as_codes_and_in_chinese(reports) -> None:
    report = reports["fyp", None]
    i = report.assessments.index("T9")
    f = report.forecasts[i]
    # T9's shipped series (years of schooling) has 2020, 2021, 2022 and 2024:
    # four points, nothing for 2023.
    gap = next(n for n in f.notes if n.code is WarningCode.GAP)
    assert gap.params["spans"] == (("2022", "2024"),)
    assert note_text(gap, "zh") == "数据缺口：2022年与2024年之间无数据"
    few = next(n for n in f.notes if n.code is WarningCode.FEW_POINTS)
    assert few.params["n"] == 4
    assert note_text(few, "zh") == "仅有4个数据点"
    why = report.disagreement_notes[i]
    assert why is not None
    assert why.code is DisagreementCode.RATE_ENOUGH
    assert why.params["headline"] is Status.MODERATE
    assert why.params["grade"] is Status.ON_TRACK
    assert why.params["method"] == "eurostat"
    zh = note_text(why, "zh")
    assert zh.startswith("进展一般，而非欧盟统计局方法评级的进展顺利（比值")
    assert f"达标概率仅为{f.probability:.2f}" in zh


def test_chinese_wording_of_each_kind_of_note() -> None:
    assert (
        note_text(Note(WarningCode.BREAK, {"periods": ("2020",)}), "zh") == "统计口径变化：2020年"
    )
    bound = Note(WarningCode.BOUNDS, {"bounds": (("2022", "≥", Q_(12000, "enterprise")),)})
    assert bound.text() == "bounds used as points: 2022 (≥ 12,000 enterprise)"
    assert note_text(bound, "zh") == "以下限或上限值代替数据点：2022年（≥ 12,000家）"
    pro = Note(WarningCode.PRO_RATA, {"spread": False})
    assert note_text(pro, "zh") == "无往年年内数据：全年数值按时间进度推算"
    few = Note(ReasonCode.TOO_FEW_POINTS, {"n": 1})
    assert few.text() == "only 1 point; the method needs more"
    assert note_text(few, "zh") == "仅有1个数据点，该方法需要更多数据"
    # 49.6 % of 2023-H1 gone: the share as the English line writes it, one decimal.
    ytd = Note(WhyCode.PRO_RATA, {"period": "2023-H1", "elapsed": 0.496})
    assert (
        note_text(ytd, "zh")
        == "2023年上半年年内累计数，无往年年内数据：按时间进度推算，时期已过49.6%"
    )
    # The median of 1,402.22 and 1,484.24 (亿元) is (1,402.22 + 1,484.24) / 2 = 1,443.23.
    median = Note(
        WhyCode.MEDIAN,
        {"low": 1402.22, "high": 1484.24, "middle": 1443.23, "unit": "hundred_million_yuan"},
    )
    assert (
        median.text() == "median: the middle two, 1,402.22亿元 and 1,484.24亿元, give 1,443.23亿元"
    )
    assert (
        note_text(median, "zh")
        == "中位数：居中两个值1,402.22亿元和1,484.24亿元的平均数为1,443.23亿元"
    )
    # The steady rise of a series with a zero: over its last 3 intervals, window of 5.
    rise = Note(WhyCode.STEADY_GROWTH, {"window": 5, "recent": 3})
    assert rise.text() == (
        "steady rise (a rise in each of the last 3 intervals, and no slowdown over the "
        "last 5): the average change stands in for the latest value"
    )
    assert note_text(rise, "zh") == (
        "稳定上升（最近3个间隔均上升，且最近5个间隔未放缓）：以平均变化量代替最新值"
    )
    # Members drawn toward the latest value by a weak trend, each keeping 0.2069 of its
    # step (printed as a whole percent, 21%), then their median.
    drawn = Note(WhyCode.MEDIAN, {**median.params, "kept": 0.2069})
    assert drawn.text() == (
        "a trend weak against the noise: each member keeps 21% of its step beyond the "
        "latest value; median: the middle two, 1,402.22亿元 and 1,484.24亿元, give 1,443.23亿元"
    )
    assert note_text(drawn, "zh") == (
        "趋势相对波动较弱：各成员预测只保留其相对最新值变化的21%；"
        "中位数：居中两个值1,402.22亿元和1,484.24亿元的平均数为1,443.23亿元"
    )


def test_every_code_has_an_english_and_a_chinese_sentence() -> None:
    params = {
        "n": 2, "spans": (("2020", "2022"),), "periods": ("2020",), "spread": True,
        "bounds": (("2022", "≤", Q_(5, "percent")),), "deadline": "2023-12-31", "last": "2024",
        "method": "drift", "headline": Status.MODERATE, "grade": Status.ON_TRACK, "ratio": None,
        "probability": 0.4, "lower": Q_(1, "percent"), "upper": Q_(2, "percent"),
        "period": "2023-Q1", "elapsed": 0.25, "years": 3, "borrowed": True, "window": 4,
        "year": 2023, "values": (1.0, 2.0, 3.0, 4.0), "unit": "enterprise", "drift": True,
        "yearly": False, "low": 1.0, "high": 2.0, "middle": 1.5, "calibration": 1.5,
        "gap": True, "break": True, "floor": 1.0, "point": 2.0, "factor": 1.5, "median": 3.0,
        "latest": 2.0,
    }  # fmt: skip
    for kind in (WarningCode, ReasonCode, DisagreementCode, WhyCode):
        for code in kind:
            note = Note(code, params)
            english, chinese = note.text(), note_text(note, "zh")
            assert english
            assert chinese
            assert not re.search(r"[A-Za-z]{3,}", chinese.replace("enterprise", "")), chinese


def test_method_and_period_names() -> None:
    assert method_label("ytd-pro-rata", "zh") == "按时间进度推算"
    assert method_label("aarr", "zh") == "年均变化率法"
    assert method_label("aarr") == "aarr"
    assert period_label("2023-H2", "zh") == "2023年下半年"
    assert period_label("2023-01-01/2023-02-15", "zh") == "2023年1月1日至2023年2月15日"


def test_notes_are_in_the_results_documents(reports) -> None:
    report = reports["fyp", None]
    doc = report.to_dict()
    row = next(r for r in doc["targets"] if r["target"] == "T9")
    assert row["status_why_note"]["code"] == "rate_enough"
    assert row["status_why_note"]["params"]["grade"] == Status.ON_TRACK.value
    codes = [n["code"] for n in row["forecast"]["notes"]]
    assert codes == ["few_points", "gap", "short_calibration"]
    assert row["forecast"]["notes"][1]["params"]["spans"] == [["2022", "2024"]]


# Latin-letter words a Chinese report may hold, and why:
# - ids of the plan, its goals, areas, tasks and targets (T8, G1, east_lake);
# - source titles and plan texts that the data hold in English only (the
#   shipped Wuhan plan's areas A3-A9 and its tasks have no published Chinese
#   wording), taken from the data below and removed before the scan.
def _data_texts(plan, observations) -> list[str]:
    texts = [o.source.title for o in observations if o.source is not None]
    items = (plan, *plan.goals, *plan.areas, *plan.tasks)
    texts += [item.title.in_language("en") for item in items if not item.title.get("zh")]
    for task in plan.tasks:
        texts += [e.text.in_language("zh") for e in task.evidence]
    # Targets and indicators whose wording the data give in English only.
    for t in plan.targets:
        texts += [w.in_language("en") for w in (t.wording, t.indicator.name) if not w.get("zh")]
    # Chinese wording of the data may itself hold Latin letters (占GDP比重).
    texts += [t.wording["zh"] for t in plan.targets if t.wording.get("zh")]
    # Longest first, so that a title is removed before a part of it.
    return sorted(set(texts), key=len, reverse=True)


def _ids(plan) -> list[str]:
    items = (plan, *plan.goals, *plan.areas, *plan.tasks, *plan.targets)
    return sorted({item.id for item in items}, key=len, reverse=True)


def _latin_words(text: str, plan, observations) -> set[str]:
    for data in _data_texts(plan, observations):
        text = text.replace(data, " ")
    # A cell cuts a long title short with "…": remove what is shown of it.
    for data in _data_texts(plan, observations):
        text = re.sub(re.escape(data[:12]) + r"[^…\n]*…", " ", text)
    for item_id in _ids(plan):
        text = re.sub(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", " ", text)
    return set(re.findall(r"[A-Za-z][A-Za-z_-]*", text))


@pytest.mark.parametrize(("name", "as_of"), CASES)
def test_the_chinese_report_has_no_english_sentence(reports, name, as_of) -> None:
    plan, obs = _data(name)
    text = report_text(reports[name, as_of], "zh")
    assert _latin_words(text, plan, obs) == set()


def test_the_chinese_command_line_report_with_its_ex_ante_view_has_no_english_sentence() -> None:
    plan, obs = _data("wuhan")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["report", "--lang", "zh"])
    text = out.getvalue()
    assert "事前视角" in text
    assert _latin_words(text, plan, obs) == set()
    view = ex_ante(plan, obs, ["2023-01-29", "2023-08-06"], targets=["T8", "T10"])
    assert _latin_words(ex_ante_text(view, "zh"), plan, obs) == set()


def _html_text(page: str) -> str:
    """What a reader of an HTML page sees: its text and its tooltips, without the style sheet."""
    page = re.sub(r"<style.*?</style>", "", page, flags=re.DOTALL)
    tips = "\n".join(re.findall(r'title="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", "\n", page) + "\n" + tips)


@pytest.mark.parametrize(("name", "as_of"), CASES)
def test_the_chinese_html_report_has_no_english_sentence(reports, name, as_of) -> None:
    plan, obs = _data(name)
    page = _html_text(report_document(reports[name, as_of], lang="zh"))
    assert "进展" in page or "暂无数据" in page
    assert _latin_words(page, plan, obs) == set()


def test_years_take_their_chinese_name_from_the_target() -> None:
    text = report_text(evaluate(*_data("fyp")), "zh")
    t9 = next(line for line in text.splitlines() if line.startswith("T9 "))
    t13 = next(line for line in text.splitlines() if line.startswith("T13 "))
    # 平均受教育年限11.3年 counts years of schooling; 人均预期寿命提高1岁 an age.
    assert "= 11.3年" in t9
    assert "= 1岁" in t13


def test_smoothed_growth_named_in_both_languages() -> None:
    # From 13 points on auto's growth member is Holt's smoothed growth: the notes
    # carry *smoothed*, and both languages name the member by it.
    combined = Note(WhyCode.COMBINED, {"window": 5, "n": 13, "smoothed": True})
    assert "Holt's smoothed growth and the average change" in note_text(combined)
    assert "Holt平滑增长率和最近5个间隔" in note_text(combined, "zh")
    plain = Note(WhyCode.COMBINED, {"window": 5, "n": 12, "smoothed": False})
    assert "constant growth and the average change" in note_text(plain)
    assert "不变增长率和最近5个间隔" in note_text(plain, "zh")
    members = {
        "year": 2023, "values": (2.0, 1.5, 2.5, 3.0), "unit": "item", "window": 5,
        "drift": False, "smoothed": True, "yearly": False,
    }  # fmt: skip
    assert "Holt's smoothed growth 2.5" in note_text(Note(WhyCode.MEMBERS, members))
    assert "Holt平滑增长率2.5" in note_text(Note(WhyCode.MEMBERS, members), "zh")
    drift = Note(WhyCode.MEMBERS, {**members, "drift": True})
    assert "Holt's trend (a value is 0 or less: no growth rate) 2.5" in note_text(drift)
    assert "Holt线性趋势（数据中有0或负值，无法计算增长率）2.5" in note_text(drift, "zh")
    # After a slowdown the growth member's trend is damped: both languages say so.
    # The damping is the note's own figure, not a fixed word: 0.3 here.
    damped = Note(WhyCode.MEMBERS, {**members, "damped": True, "slowed": 0.4, "damping": 0.3})
    assert (
        "Holt's smoothed growth damped after a slowdown (the average change over the last 5 "
        "intervals is below 0.4 of the change since the first point, or of the other sign: "
        "the trend is multiplied by 0.3 each year ahead) 2.5"
    ) in note_text(damped)
    assert (
        "Holt平滑增长率（近期放缓：最近5个间隔的平均变化量不到自首个数据点以来平均变化的0.4倍"
        "或方向相反，趋势逐年乘以0.3）2.5"
    ) in note_text(damped, "zh")
    assert "damped" not in note_text(Note(WhyCode.MEMBERS, {**members, "damped": False}))
    # A note made without *damping* (it is optional) reads the rule's own factor,
    # AUTO_RULE.damped (0.5), in both languages, rather than failing.
    plain = Note(WhyCode.MEMBERS, {**members, "damped": True, "slowed": 0.4})
    assert f"multiplied by {AUTO_RULE.damped:g} each year ahead" in note_text(plain)
    assert f"趋势逐年乘以{AUTO_RULE.damped:g}）" in note_text(plain, "zh")


def test_level_factor_named_in_both_languages() -> None:
    # A series with a zero and no negative value: its spread, on the values,
    # grows with the level, max(1, 20.89 / 16) = 1.31 (20.885714 / 16 = 1.305357,
    # tests/engine/test_auto_rule.py); below the latest value the factor is 1.
    level = {"factor": 20.885714 / 16.0, "median": 20.885714, "latest": 16.0, "unit": "item"}
    assert note_text(Note(WhyCode.LEVEL, level)) == (
        "a series with a zero and no negative value has no logs: its spread is on the values "
        "but grows with the level, the scale multiplied by max(1, median / latest value) = "
        "max(1, 20.89 item / 16 item) = 1.31"
    )
    assert note_text(Note(WhyCode.LEVEL, {**level, "unit": "enterprise"}), "zh") == (
        "数据中有0且无负值，无法取对数：区间在原值上计算，但其离散程度随水平上升，"
        "尺度乘以1与“中位数÷最新值”中的较大者：20.89家÷16家，取1.31"
    )
    below = Note(WhyCode.LEVEL, {"factor": 1.0, "median": 0.6, "latest": 1.0, "unit": "item"})
    assert note_text(below).endswith("max(1, 0.6 item / 1 item) = 1.00")
