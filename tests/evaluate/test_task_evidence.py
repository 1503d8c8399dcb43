"""Tasks in the roll-up and the reports: their targets' summary and their evidence notes."""

from __future__ import annotations

from innovplan import Q_
from innovplan.evaluate import evaluate
from innovplan.faces import report_html
from innovplan.model import (
    Area,
    Comparator,
    EvidenceNote,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Source,
    Status,
    Target,
    Task,
)

LABS = Indicator("labs", "labs approved", unit="laboratory", measure=Measure.FLOW)
PLANNED = EvidenceNote("2023-03-01", "site chosen", source=Source("city news"), score=0.1)
HALF = EvidenceNote(
    "2023-08-06",
    {"en": "main road <half> built", "zh": "主干道建成一半"},
    source=Source("half-year review", url="https://example.org/review?a=1&b=2"),
    score=0.5,
)
INSPECTED = EvidenceNote("2023-09-15", "inspected")  # no score
OPENED = EvidenceNote("2024-01-10", "road open", score=1.0)


def _plan() -> Plan:
    t1 = Target("T1", LABS, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
    tasks = [
        # Notes in no particular order: the roll-up sorts them by date.
        Task("K1", "build the main road", evidence=[OPENED, HALF, PLANNED, INSPECTED]),
        Task("K2", "win laboratories", targets=["T1"]),
        Task("K3", "talk about it"),
    ]
    return Plan(
        "p",
        "A plan",
        start="2023-01-01",
        end="2023-12-31",
        goals=[Goal("G1", "science", [t1])],
        areas=[Area("A1", "science city", tasks=tasks), Area("A2", "nothing modelled")],
    )


OBS = [Observation("labs", Q_(11, "laboratory"), 2023, released="2024-01-20")]


def test_a_tasks_row_carries_its_notes_oldest_first() -> None:
    r = evaluate(_plan(), OBS).rollup
    k1 = r.get("task", "K1")
    assert k1.evidence == (PLANNED, HALF, INSPECTED, OPENED)
    # The latest note with a score grades the task: OPENED, 1.0.
    assert k1.evidence_score == 1.0
    assert (k1.n, k1.share_achieved, k1.coverage) == (0, None, 0.0)
    # K2 rolls up its target: 11 labs ≥ 10 → 1 achieved of 1.
    k2 = r.get("task", "K2")
    assert (k2.targets, k2.count(Status.ACHIEVED), k2.evidence, k2.evidence_score) == (
        ("T1",),
        1,
        (),
        None,
    )
    # Goals, areas and the plan carry no notes.
    assert [row.evidence for row in r if row.kind != "task"] == [(), (), (), ()]


def test_as_of_leaves_out_notes_published_later() -> None:
    r = evaluate(_plan(), OBS, as_of="2023-09-01").rollup
    k1 = r.get("task", "K1")
    # Known on 2023-09-01: the notes of 03-01 and 08-06; the latest score is 0.5.
    assert k1.evidence == (PLANNED, HALF)
    assert k1.evidence_score == 0.5
    # A note of the report's own day counts as known.
    assert evaluate(_plan(), OBS, as_of="2023-08-06").rollup.get("task", "K1").evidence == (
        PLANNED,
        HALF,
    )
    assert evaluate(_plan(), OBS, as_of="2023-02-28").rollup.get("task", "K1").evidence == ()


def test_the_text_report_lists_every_task_with_its_notes() -> None:
    text = str(evaluate(_plan(), OBS, as_of="2023-09-30"))
    tasks = text.split("\nTasks\n")[1].split("\n\n", maxsplit=1)[0].splitlines()
    assert tasks[0].startswith("K1  build the main road")
    assert tasks[0].endswith("no quantified target; 3 evidence notes")
    assert tasks[1:4] == [
        "    2023-03-01  score 0.10  site chosen (city news)",
        "    2023-08-06  score 0.50  main road <half> built (half-year review)",
        "    2023-09-15  inspected",
    ]
    assert tasks[4].startswith("K2  win laboratories")
    # The outcome of T1 was released on 2024-01-20, after the report's date.
    assert tasks[4].endswith("1 target: 1 with no data")
    assert tasks[5].endswith("no quantified target; no evidence notes")
    assert len(tasks) == 6
    # An area with tasks is listed; one without a modelled task is not.
    areas = text.split("\nAreas\n")[1].split("\n\n", maxsplit=1)[0].splitlines()
    assert [line.split()[0] for line in areas] == ["A1"]


def test_the_html_report_has_the_tasks_and_escapes_their_notes() -> None:
    page = report_html(evaluate(_plan(), OBS), lang="zh")
    section = page[page.index("<summary>任务") :]
    assert section.count("<tr><td><code>") == 3
    assert "主干道建成一半" in section
    assert "<half>" not in page
    assert 'href="https://example.org/review?a=1&amp;b=2"' in section
    assert "评分 0.50" in section
    assert section.count("无量化目标") == 2
