"""The Wuhan 2023 aspects and tasks against the seed report, and their roll-up.

The seed is the English news report of the plan's release (2023-01-31), kept
verbatim in tests/data. It names the nine aspects and, of the 22 tasks, four:
three under "accelerating the construction of a science and technology
innovation center" and one on talents. Every count below is made by hand from
the report and shared/data/wuhan-2023-facts.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from innovplan import datasets, evaluate
from innovplan.model import Status

SEED = Path(__file__).parents[1] / "data" / "wuhan-2023-sti-key-points.txt"


@pytest.fixture(scope="module")
def plan():
    return datasets.wuhan_2023()


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(plan):
    return evaluate(plan, datasets.wuhan_2023_observations())


def _seed_aspects(seed: str) -> list[str]:
    # The list runs from "The nine major tasks are:" to the full stop before "Among them".
    listed = re.search(r"The nine major tasks are: (.*?)\. Among them", seed, re.DOTALL)
    assert listed is not None
    return [re.sub(r"^(and )?(to )?", "", item) for item in listed.group(1).split(", ")]


# The report breaks the seventh aspect with a stray full stop ("high-level
# technology. Talent team"); the dataset joins it and adds the article.
REPAIRED = {
    "accelerate the cultivation of high-level technology. Talent team": (
        "accelerate the cultivation of a high-level technology talent team"
    )
}


def test_the_nine_aspects_are_the_seeds(plan, seed):
    aspects = _seed_aspects(seed)
    assert len(aspects) == 9
    expected = [REPAIRED.get(a, a) for a in aspects]
    assert [a.title["en"] for a in plan.areas] == expected
    assert [a.id for a in plan.areas] == [f"A{i}" for i in range(1, 10)]
    # Chinese names of the aspects are public for the first two only.
    assert [a.title.get("zh") for a in plan.areas[:3]] == [
        "加快推进科创中心建设",
        "加快培育战略科技力量",
        None,
    ]


def _passage(seed: str, start: str, end: str) -> str:
    i = seed.index(start)
    return seed[i : seed.index(end, i)]


# Where each aspect's tasks are named in the seed: the passage that introduces them.
PASSAGES = {
    "A1": ("focusing on “accelerating the construction of a science", "At the same time"),
    "A7": ("In terms of cultivating scientific and technological talents", "of young"),
}


def test_the_tasks_are_the_seeds_words_in_their_aspects(plan, seed):
    found = {a.id: [k.id for k in a.tasks] for a in plan.areas if a.tasks}
    assert found == {"A1": ["east_lake", "new_city", "highlights"], "A7": ["talents"]}
    for area_id, (start, end) in PASSAGES.items():
        passage = _passage(seed, start, end).casefold()
        for task in plan.area(area_id).tasks:
            # Titles keep the report's words; only a sentence's capital is lowered.
            assert task.title["en"].casefold() in passage, task.id
            assert set(task.title) == {"en"}  # no Chinese wording is public


def test_the_industrial_clusters_statement_is_left_out_and_said_so(plan, seed):
    # "At the same time, … vigorously cultivate innovative industrial clusters …" is
    # given no aspect in the report, so no task holds it.
    assert "vigorously cultivate innovative industrial clusters" in seed
    assert not [k for k in plan.tasks if "industrial clusters" in k.title["en"]]
    assert "industrial clusters" in plan.notes


def test_tasks_link_the_targets_whose_numbers_they_repeat(plan):
    linked = {k.id: k.targets for k in plan.tasks}
    assert linked == {
        "east_lake": (),
        "new_city": (),
        "highlights": ("T22",),
        "talents": ("T16", "T7", "T14"),
    }
    # Each link by its number in the task's words: ten highlight projects; 10
    # strategic talents, 10 teams, about 100 leading talents.
    words = {
        "T22": ("ten highlight projects", 10),
        "T16": ("10 strategic", 10),
        "T7": ("10 high-end innovation teams", 10),
        "T14": ("about 100 leading", 100),
    }
    for task in plan.tasks:
        for tid in task.targets:
            phrase, number = words[tid]
            assert phrase in task.title["en"]
            assert plan.target(tid).value.magnitude == number


def test_t22_is_the_highlight_projects_promise_without_an_outcome(plan, seed):
    t22 = plan.target("T22")
    assert t22.wording["en"] in seed
    assert plan.goal_of("T22").id == "G1"
    assert plan.tasks_of("T22")[0].id == "highlights"
    # The facts file has no outcome for the highlight projects: none is shipped.
    assert not [o for o in datasets.wuhan_2023_observations() if o.indicator == t22.indicator.id]


def test_no_evidence_note_is_shipped(plan):
    # The facts file gives no sourced statement on any of the four tasks.
    assert [k.evidence for k in plan.tasks] == [(), (), (), ()]


def test_areas_and_tasks_roll_up_their_targets(report):
    r = report.rollup
    # A1 holds one linked target, T22, without an outcome: 1 target, 1 no data.
    a1 = r.get("area", "A1")
    assert (a1.targets, a1.n, a1.count(Status.NO_DATA)) == (("T22",), 1, 1)
    assert (a1.share_achieved, a1.coverage) == (0.0, 0.0)
    # A7: T16, T7, T14 (the talents task's order), none observed: 3 no data.
    a7 = r.get("area", "A7")
    assert (a7.targets, a7.count(Status.NO_DATA), a7.share_achieved) == (
        ("T16", "T7", "T14"),
        3,
        0.0,
    )
    # The other seven aspects have no modelled task, hence no target.
    assert [a.n for a in r.of("area")] == [1, 0, 0, 0, 0, 0, 3, 0, 0]
    assert [k.n for k in r.of("task")] == [0, 0, 1, 3]
    assert r.get("task", "east_lake").share_achieved is None
    # G1 = T1, T2, T3, T22; only T3 is observed (11 labs ≥ 10): 1 achieved of 4.
    g1 = r.get("goal", "G1")
    assert (g1.n, g1.count(Status.ACHIEVED), g1.share_achieved) == (4, 1, 0.25)
    # The plan: 22 targets; the six published outcomes (T3, T8, T9, T10, T17, T21)
    # are achieved and the other 16 have no data: 6 / 22 achieved.
    assert (r.plan.n, r.plan.count(Status.ACHIEVED), r.plan.count(Status.NO_DATA)) == (22, 6, 16)
    assert r.plan.share_achieved == pytest.approx(6 / 22)


def test_the_six_published_outcomes_stay_right(report):
    achieved = {"T3", "T8", "T9", "T10", "T17", "T21"}
    assert {a.target_id for a in report.assessments if a.status is Status.ACHIEVED} == achieved
    # 14,500 / 13,000; 12,500 / 9,000; 2,198.43 / 1,450; 34.56 / 30; 11 / 10; 11.56 / 10.
    expected = {
        "T8": 14500 / 13000,
        "T9": 12500 / 9000,
        "T10": 2198.43 / 1450,
        "T21": 34.56 / 30,
        "T3": 11 / 10,
        "T17": 11.56 / 10,
    }
    for tid, ratio in expected.items():
        assert report[tid].attainment == pytest.approx(ratio)
    assert report["T22"].status is Status.NO_DATA


def test_the_text_report_lists_every_task(report):
    text = str(report)
    tasks = text.split("\nTasks\n")[1].split("\n\n", maxsplit=1)[0].splitlines()
    assert [line.split()[0] for line in tasks] == ["east_lake", "new_city", "highlights", "talents"]
    assert tasks[0].endswith("no quantified target; no evidence notes")
    assert tasks[2].endswith("1 target: 1 with no data")
    assert tasks[3].endswith("3 targets: 3 with no data")
    areas = text.split("\nAreas\n")[1].split("\n\n", maxsplit=1)[0].splitlines()
    assert [line.split()[0] for line in areas] == ["A1", "A7"]


def test_the_html_report_has_a_table_of_tasks(report):
    from innovplan.faces import report_html

    page = report_html(report)
    section = page[page.index("<summary>tasks") :]
    assert section.count("<tr><td><code>") == 4
    assert "<code>T22</code>" in section
    assert section.count("no quantified target") == 2
