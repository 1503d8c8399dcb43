from html.parser import HTMLParser

import attrs
import pytest

from innovplan import Q_
from innovplan.evaluate import forecast
from innovplan.faces import (
    STATUS_COLOURS,
    assessment_html,
    forecast_html,
    plan_html,
    report_document,
    report_html,
)
from innovplan.faces._html import stylesheet
from innovplan.model import Comparator, Goal, Indicator, Measure, Observation, Plan, Source, Target


class Page(HTMLParser):
    """Collects the tags, links, text and status badges of an HTML fragment."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.badges: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._badge: str | None = None
        self.open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag not in {"br", "meta", "img"}:
            self.open.append(tag)
        if tag == "a":
            self.links.append(a["href"])
        classes = (a.get("class") or "").split()
        if tag == "span" and "ip-status" in classes:
            self._badge = a["style"]

    def handle_endtag(self, tag):
        assert self.open[-1:] == [tag], f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._badge is not None:
            self.badges.append((data, self._badge))
            self._badge = None

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def test_plan_html_lists_goals_and_targets(plan):
    page = Page(plan_html(plan))
    assert page.open == []
    assert page.tags.count("details") == len(plan.goals) + 1  # goals, then areas
    assert page.tags.count("li") == len(plan.targets) + len(plan.areas)
    text = page.all_text
    assert "the number of high-tech enterprises exceeded 13,000" in text
    assert "> 13,000 enterprise" in text


def test_plan_html_in_chinese(plan):
    assert "技术合同成交额突破1450亿元" in Page(plan_html(plan, lang="zh")).all_text


def test_report_html_has_coloured_statuses_and_a_legend(report):
    page = Page(report_html(report))
    assert page.open == []
    words = [w for w, _ in page.badges]
    # The legend names every status once, then each target has its badge.
    assert words[: len(STATUS_COLOURS)] == [
        "achieved", "on track", "moderate progress", "limited progress", "moving away",
        "not achieved", "pending", "no data",
    ]  # fmt: skip
    targets = words[len(STATUS_COLOURS) :]
    assert targets.count("achieved") == 6
    assert targets.count("no data") == 16
    achieved_style = dict(page.badges)["achieved"]
    assert STATUS_COLOURS[next(iter(STATUS_COLOURS))] in achieved_style


def test_report_html_shows_likelihood_and_probability_for_open_targets(midyear):
    page = Page(report_html(midyear))
    text = page.all_text
    f = midyear.forecasts["T8"]
    assert f.likelihood in text
    assert f"P = {f.probability:.2f}" in text
    assert "on track" in [w for w, _ in page.badges]


def test_report_html_has_the_text_fallback(report):
    out = report_html(report)
    assert '<pre class="ip-text">' in out
    assert 'class="ip-wrap" style="display:none"' in out
    assert "attainment (every release)" in out


def _evil_plan():
    ind = Indicator("x", "<script>alert(1)</script>", unit="item", measure=Measure.LEVEL)
    t = Target("X1", ind, Comparator.AT_LEAST, Q_(5, "item"), "2023-12-31",
               wording='<img src=x onerror="alert(2)">')  # fmt: skip
    return Plan("evil", "<b>bold</b> & co", start="2023-01-01", end="2023-12-31",
                goals=[Goal("G1", "<i>goal</i>", [t])])  # fmt: skip


def test_every_string_is_escaped():
    from innovplan import evaluate

    plan = _evil_plan()
    obs = [Observation("x", Q_(6, "item"), "2023-12-31",
                       source=Source('"><script>x</script>', url="javascript:alert(3)"))]  # fmt: skip
    for out in (
        plan_html(plan),
        report_html(evaluate(plan, obs)),
        report_document(evaluate(plan, obs)),
    ):
        page = Page(out)
        assert "script" not in page.tags
        assert "img" not in page.tags
        assert "b" not in page.tags
        assert "i" not in page.tags
        assert all(not link.startswith("javascript") for link in page.links)
        assert "<b>bold</b> & co" in page.all_text or "alert" in page.all_text


def test_sources_with_addresses_are_links(plan, observations):
    from innovplan import evaluate

    obs = tuple(
        attrs.evolve(o, source=attrs.evolve(o.source, url="https://example.org/wuhan?a=1&b=2"))
        if o.indicator == "tech_contract_turnover" and o.source is not None
        else o
        for o in observations
    )
    page = Page(report_html(evaluate(plan, obs)))
    assert "https://example.org/wuhan?a=1&b=2" in page.links


def test_assessment_and_forecast_html(report, plan, observations):
    page = Page(assessment_html(report["T10"]))
    assert page.open == []
    assert "2,198.43亿元" in page.all_text
    assert [w for w, _ in page.badges] == ["achieved"]
    f = forecast(plan.target("T8"), observations, as_of="2023-01-29")
    page = Page(forecast_html(f))
    assert page.open == []
    assert f.likelihood in page.all_text
    assert "80%" in page.all_text


def test_unclear_forecast_html_says_why(plan, observations):
    f = forecast(plan.target("T13"), observations)
    assert "unclear: only 1 point" in Page(forecast_html(f)).all_text


def test_a_failing_build_falls_back_to_pre(report, monkeypatch):
    import innovplan.faces._html as h

    def boom(*_a, **_k):
        raise RuntimeError

    monkeypatch.setattr(h, "_report_body", boom)
    out = report_html(report)
    assert out.startswith("<pre>")
    assert "attainment" in out


def test_document_is_a_whole_page(report):
    page_text = report_document(report, lang="zh", images={"overview": "plots/overview.png"})
    assert page_text.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page_text
    page = Page(page_text)
    assert page.open == []
    assert "img" in page.tags
    assert "已完成" in page.all_text


def test_stylesheet_is_read_once():
    assert stylesheet() is stylesheet()


def test_unknown_language_is_refused(plan):
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        plan_html(plan, lang="fr")
