"""The plain-text report in English and Chinese: labels, whole statuses, roll-ups in words."""

import io

from innovplan import Q_, datasets, evaluate
from innovplan.evaluate import RollupRow
from innovplan.faces._cli import main
from innovplan.faces._table import report_text, rollup_summary
from innovplan.model import (
    Comparator,
    EvidenceNote,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Status,
    Target,
)


def _row(n_by_status, *, n=None, share=None, score=None, binding=None, kind="goal", evidence=()):
    ids = tuple(f"T{i}" for i in range(n if n is not None else sum(n_by_status.values())))
    counts = tuple((s, n_by_status.get(s, 0)) for s in Status)
    return RollupRow(kind, "G1", "g", ids, counts, share, score, 0.0, binding, evidence=evidence)


def test_a_rollup_says_what_it_counts_with_plurals_and_no_zero_counts():
    one = _row({Status.ACHIEVED: 1}, share=1.0, score=1.0, binding=True)
    assert rollup_summary(one) == (
        "1 target: 1 achieved; 100% of it achieved; average attainment 1.00 (each capped at 1); "
        "every binding target met"
    )
    # 3 targets, none achieved: neither "0 achieved" nor "0% achieved", no score, no
    # binding clause (binding_met None: none binding or some undecided).
    three = _row({Status.PENDING: 1, Status.NO_DATA: 2}, share=0.0)
    assert rollup_summary(three) == "3 targets: 1 pending, 2 with no data"
    broken = _row({Status.NOT_ACHIEVED: 2}, share=0.0, score=0.5, binding=False)
    assert rollup_summary(broken).endswith("; a binding target not met")
    for cryptic in ("mean score", "binding met", "0 no data", "1 targets"):
        assert cryptic not in rollup_summary(one) + rollup_summary(three)


def test_a_rollup_in_chinese():
    row = _row({Status.ACHIEVED: 1, Status.ON_TRACK: 2}, share=1 / 3, score=0.9, binding=True)
    # 1 of 3 achieved: 33 %.
    assert rollup_summary(row, "zh") == (
        "3个目标：已完成1个，进展顺利2个；完成比例33%；平均完成率0.90（单项封顶为1）；约束性目标全部完成"
    )


def test_a_task_without_targets_counts_its_notes_in_words():
    note = EvidenceNote("2023-03-01", "started")
    assert rollup_summary(_row({}, kind="task", evidence=(note,))) == (
        "no quantified target; 1 evidence note"
    )
    assert rollup_summary(_row({}, kind="task", evidence=(note, note))).endswith("2 evidence notes")
    assert (
        rollup_summary(_row({}, kind="task", evidence=(note,)), "zh") == "无量化目标；进展依据1条"
    )


def _falling_plan():
    ind = Indicator("x", "x", unit="laboratory", measure=Measure.LEVEL)
    t = Target("T1", ind, Comparator.AT_LEAST, Q_(120, "laboratory"), "2025-12-31")
    plan = Plan("p", "p", start="2021-01-01", end="2025-12-31", goals=[Goal("G1", "g", [t])])
    # Moving away from a higher target: 100, 95, 90, 85 at the ends of 2019–2022.
    obs = [
        Observation("x", Q_(v, "laboratory"), y)
        for y, v in zip(range(2019, 2023), (100, 95, 90, 85), strict=True)
    ]
    return plan, obs


def test_a_status_is_never_cut_short():
    plan, obs = _falling_plan()
    report = evaluate(plan, obs, as_of="2023-06-30")
    p = report.progress[0]
    assert p.status is Status.DETERIORATING
    assert p.ratio is not None
    # "DETERIORATING -x.xx" is 19 characters or more: the old cap of 18 cut it to "…".
    grade = f"DETERIORATING {p.ratio:.2f}"
    assert len(grade) >= 19
    for lang, shown in (("en", grade), ("zh", f"趋于恶化 {p.ratio:.2f}")):
        text = report_text(report, lang)
        assert shown in text
        assert "…" not in text.split("\n\n")[2]  # the trajectory table


def test_report_table_follows_lang_on_the_command_line():
    en, zh = io.StringIO(), io.StringIO()
    assert main(["report", "--no-ex-ante"], stdout=en) == 0
    assert main(["report", "--no-ex-ante", "--lang", "zh"], stdout=zh) == 0
    en_text, zh_text = en.getvalue(), zh.getvalue()
    assert en_text != zh_text
    # Headers, statuses, roll-up words and titles in Chinese; T8's row still 14,500.
    assert zh_text.startswith("2023年武汉市科技创新工作要点——完成情况（全部发布数据）")
    assert "编号  目标" in zh_text
    t8 = next(line for line in zh_text.splitlines() if line.startswith("T8 "))
    assert "已完成" in t8
    assert "14,500" in t8
    assert "ACHIEVED" not in zh_text
    assert "targets" not in zh_text
    # The Wuhan plan: 22 targets, T3, T8, T9, T10, T17 and T21 achieved (6), 16 without data.
    assert "22个目标：已完成6个，暂无数据16个" in zh_text
    assert "22 targets: 6 achieved, 16 with no data; 27% of them achieved" in en_text
    assert (
        str(evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())) + "\n" == en_text
    )
