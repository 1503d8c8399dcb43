"""HTML for notebooks and reports: plans, plan reports, assessments and forecasts.

Every string from a plan or its evidence is escaped; links are made only of
``http`` and ``https`` addresses. The HTML carries a plain-text ``<pre>``
copy that shows where the style sheet is not applied (an untrusted notebook,
a mail reader), as xarray's representations do; if building the HTML fails,
the text alone is returned. The style sheet is package data, read once.
"""

from __future__ import annotations

import functools
import html
import math
from importlib import resources
from typing import TYPE_CHECKING, Any

from innovplan.faces._labels import (
    STATUS_COLOURS,
    check_lang,
    fmt_quantity,
    status_label,
    word,
)
from innovplan.faces._notes import interval_label, method_label, note_text
from innovplan.faces._rows import shown_forecasts
from innovplan.faces._table import _LIKELIHOOD_ZH, _zh_years
from innovplan.model import Status
from innovplan.units import format_per_year

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from innovplan.evaluate import Assessment, Forecast, PlanReport, RollupRow
    from innovplan.model import Goal, Observation, Plan, Target

__all__ = [
    "assessment_html",
    "forecast_html",
    "plan_html",
    "report_document",
    "report_html",
    "stylesheet",
]

_DARK_TEXT = {Status.MODERATE, Status.NO_DATA, Status.ON_TRACK}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


@functools.cache
def stylesheet() -> str:
    """The CSS of innovplan's HTML, read once from the package.

    Example:
        >>> ".ip-wrap" in stylesheet()
        True
    """
    return (resources.files("innovplan.faces") / "static" / "innovplan.css").read_text("utf-8")


def _wrap(body: str, text: str) -> str:
    # The HTML is hidden until the style sheet shows it; the <pre> is shown
    # until the style sheet hides it.
    return (
        f"<style>{stylesheet()}</style>"
        f'<pre class="ip-text">{_e(text)}</pre>'
        f'<div class="ip-wrap" style="display:none">{body}</div>'
    )


def _safe(build: Callable[[], str], text: Callable[[], str]) -> str:
    try:
        return build()
    except Exception:  # noqa: BLE001 (a display must never raise; the text says it all)
        return f"<pre>{_e(text())}</pre>"


def _badge(status: Status, lang: str, title: str = "") -> str:
    colour = STATUS_COLOURS[status]
    fg = "#1f2328" if status in _DARK_TEXT else "#ffffff"
    tip = f' title="{_e(title)}"' if title else ""
    return (
        f'<span class="ip-status ip-{_e(status.value)}" style="background:{colour};color:{fg}"'
        f"{tip}>{_e(status_label(status, lang))}</span>"
    )


def _legend(lang: str) -> str:
    badges = "".join(_badge(s, lang) for s in STATUS_COLOURS)
    head = f'<span class="ip-muted">{_e(word("legend", lang))}:</span>'
    return f'<div class="ip-legend">{head} {badges}</div>'


def _bar(counts: Mapping[Status, int], lang: str = "en") -> str:
    total = sum(counts.values())
    if not total:
        return '<span class="ip-bar"></span>'
    parts = "".join(
        f'<span style="width:{100 * n / total:.2f}%;background:{STATUS_COLOURS[s]}" '
        f'title="{_e(s.value if check_lang(lang) == 0 else status_label(s, lang))}: {n}"></span>'
        for s, n in ((s, counts.get(s, 0)) for s in STATUS_COLOURS)
        if n
    )
    return f'<span class="ip-bar">{parts}</span>'


def _link(title: str, url: str) -> str:
    if url.startswith(("https://", "http://")):
        return (
            f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(title or url)}</a>'
        )
    return _e(title)


def _source(obs: Observation | None) -> str:
    if obs is None or obs.source is None:
        return ""
    cell = _link(obs.source.title, obs.source.url)
    if obs.released:
        cell += f' <span class="ip-muted">({_e(obs.released)})</span>'
    return cell


# What a target measures other than its deadline value, as Chinese plans say it.
_BASIS_ZH = {
    "change": "变化量",
    "percent_change": "变化率",
    "average_annual": "年均",
    "cumulative": "累计",
    "every_year": "每年",
}


def _promise(target: Target, lang: str = "en") -> str:
    value = fmt_quantity(target.value, lang)
    if target.upper is not None:
        value = f"[{value}, {fmt_quantity(target.upper, lang)}]"
    basis = ""
    if target.basis.value != "value" and check_lang(lang) == 1:
        basis = f"（{_BASIS_ZH.get(target.basis.value, target.basis.value)}）"
    elif target.basis.value != "value":
        basis = f" ({target.basis.value.replace('_', ' ')})"
    text = f"{target.comparator.symbol} {value}{basis}"
    return _zh_years([text], target)[0] if check_lang(lang) == 1 else text


def _target_cell(target: Target | None, target_id: str, lang: str) -> str:
    if target is None:
        return _e(target_id)
    words = target.wording.in_language(lang) or target.indicator.name.in_language(lang)
    return (
        f"{_e(words)}<br>"
        f'<span class="ip-muted">{_e(_promise(target, lang))} · {_e(target.deadline)}</span>'
    )


# -- plans ----------------------------------------------------------------------------


def _plan_text(plan: Plan, lang: str = "en") -> str:
    lines = [f"Plan {plan.id!r}: {plan.title.in_language(lang)} ({plan.start} – {plan.end})"]
    for g in plan.goals:
        lines.append(f"  {g.id}  {g.title.in_language(lang)}")
        lines.extend(f"    {t.id}  {_promise(t)} by {t.deadline}" for t in g.targets)
    if plan.areas:
        lines.append(f"  {len(plan.areas)} areas, {len(plan.tasks)} tasks")
    return "\n".join(lines)


def _goal_targets(goal: Goal, lang: str) -> str:
    items = []
    for t in goal.targets:
        nature = (
            f' <span class="ip-tag">{_e(word(t.nature.value, lang))}</span>'
            if t.nature.value == "binding"
            else ""
        )
        items.append(
            f"<li><code>{_e(t.id)}</code> {_e(t.wording.in_language(lang))} "
            f'<span class="ip-muted">— {_e(t.indicator.name.in_language(lang))} '
            f"{_e(_promise(t, lang))} · {_e(t.deadline)}</span>{nature}</li>"
        )
    return f'<ul class="ip-list">{"".join(items)}</ul>'


def plan_html(plan: Plan, *, lang: str = "en") -> str:
    """A plan as compact HTML: its title, then each goal with its targets.

    Args:
        plan: The plan.
        lang: ``"en"`` or ``"zh"``: the language of titles and wording, where
            the plan has it.

    Returns:
        An HTML fragment for a notebook (``Plan._repr_html_``) or a page.

    Example:
        >>> from innovplan import datasets
        >>> out = plan_html(datasets.wuhan_2023(), lang="zh")
        >>> "技术合同成交额突破1450亿元" in out, "&gt; 1,450亿元" in out
        (True, True)
    """
    check_lang(lang)

    def build() -> str:
        src = ""
        if plan.source is not None:
            src = f" · {_link(plan.source.title, plan.source.url)}"
        head = (
            f'<div class="ip-title">{_e(plan.title.in_language(lang))}</div>'
            f'<div class="ip-sub"><code>{_e(plan.id)}</code> · {_e(plan.start)} – '
            f"{_e(plan.end)} · {len(plan.goals)} goals, {len(plan.targets)} "
            f"{_e(word('targets', lang))}, {len(plan.areas)} areas{src}</div>"
        )
        goals = "".join(
            f"<details open><summary><code>{_e(g.id)}</code> {_e(g.title.in_language(lang))} "
            f'<span class="ip-count ip-muted">({len(g.targets)})</span></summary>'
            f"{_goal_targets(g, lang)}</details>"
            for g in plan.goals
        )
        areas = ""
        if plan.areas:
            items = "".join(
                f"<li><code>{_e(a.id)}</code> {_e(a.title.in_language(lang))}"
                f' <span class="ip-muted">({len(a.tasks)} tasks)</span></li>'
                for a in plan.areas
            )
            areas = (
                f'<details><summary>Areas <span class="ip-count ip-muted">'
                f'({len(plan.areas)})</span></summary><ul class="ip-list">{items}</ul></details>'
            )
        return _wrap(head + goals + areas, _plan_text(plan, lang))

    return _safe(build, lambda: _plan_text(plan, lang))


# -- forecasts ------------------------------------------------------------------------


def _probability(f: Forecast | Any, lang: str = "en") -> str:
    if f.probability is None or f.likelihood is None:
        return ""
    zh = check_lang(lang) == 1
    likely = _LIKELIHOOD_ZH.get(f.likelihood, f.likelihood) if zh else f.likelihood
    return (
        f'<span class="ip-word">{_e(likely)}</span> '
        f'<span class="ip-muted">({"达标概率" if zh else "P"} = {f.probability:.2f})</span>'
    )


def _trajectory_cell(f: Forecast | Any, lang: str = "en") -> str:
    if f.unclear:
        said = f.reason if f.reason_note is None else note_text(f.reason_note, lang)
        unclear = "不确定" if check_lang(lang) == 1 else "unclear"
        return f'<span class="ip-muted">{unclear}: {_e(said or "")}</span>'
    zh = check_lang(lang) == 1
    point = fmt_quantity(f.point, lang)
    cell = _e(_zh_years([point], f.target)[0] if zh else point)
    if f.lower is not None and f.upper is not None:
        shown = interval_label(f.lower, f.upper, lang)
        shown = _zh_years([shown], f.target)[0] if zh else shown
        cell += f' <span class="ip-muted">({f.level:.0%}: {_e(shown)})</span>'
    prob = _probability(f, lang)
    return f"{cell}<br>{prob}" if prob else cell


def _why(f: Forecast, lang: str) -> str:
    if not f.why_notes or check_lang(lang) == 0:
        return f.why
    return "；".join(note_text(n, lang) for n in f.why_notes)


def forecast_html(forecast: Forecast, *, lang: str = "en") -> str:
    """One forecast as HTML: the value at the deadline, its interval, the probability and word.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> out = forecast_html(forecast(plan.target("T8"), obs, as_of="2023-01-29"))
        >>> "T8" in out, "likely" in out
        (True, True)
    """
    check_lang(lang)
    f = forecast

    def build() -> str:
        rows = [
            (word("forecast", lang), _trajectory_cell(f, lang)),
            (word("method", lang), _e(f"{method_label(f.method, lang)} — {_why(f, lang)}")),
        ]
        if f.required_rate is not None:
            rows.append(
                (
                    "needs / recent",
                    _e(f"{format_per_year(f.required_rate)} / {format_per_year(f.actual_rate)}"),
                )
            )
        if f.notes:
            rows.append((word("notes", lang), "<br>".join(_e(note_text(n, lang)) for n in f.notes)))
        body = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
        head = (
            f'<div class="ip-title"><code>{_e(f.target_id)}</code> '
            f"{_e(word('deadline', lang))} {_e(f.deadline)}</div>"
        )
        card = f'<div class="ip-card">{head}<table class="ip-table">{body}</table></div>'
        return _wrap(card, f.explain())

    return _safe(build, f.explain)


# -- assessments ----------------------------------------------------------------------


def assessment_html(assessment: Assessment, *, lang: str = "en") -> str:
    """One assessment as HTML: the status badge, what was compared, and the source.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> out = assessment_html(report["T10"])
        >>> "2,198.43亿元" in out, "achieved" in out
        (True, True)
    """
    check_lang(lang)
    a = assessment

    def build() -> str:
        rows = [
            (word("target", lang), _target_cell(a.target, a.target_id, lang)),
            (word("observed", lang), _e(_observed(a, lang))),
            (word("attainment", lang), _e(_ratio(a.attainment))),
            (word("gap", lang), _e(_gap(a, lang))),
        ]
        if a.progress is not None:
            rows.append(("progress", _e(f"{a.progress:.0%}")))
        if a.notes:
            rows.append(("notes", _e(", ".join(a.notes))))
        if src := _source(a.observation):
            rows.append((word("source", lang), src))
        body = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
        head = (
            f'<div class="ip-title"><code>{_e(a.target_id)}</code> {_badge(a.status, lang)}</div>'
        )
        card = f'<div class="ip-card">{head}<table class="ip-table">{body}</table></div>'
        return _wrap(card, a.explain())

    return _safe(build, a.explain)


def _observed(a: Assessment, lang: str = "en") -> str:
    """The evidence: "≥" before a bound (">12,000" published), a dash when there is none."""
    if a.observed is None:
        return "—"
    text = ("≥ " if a.bound else "") + fmt_quantity(a.observed, lang)
    return _zh_years([text], a.target)[0] if check_lang(lang) == 1 else text


def _ratio(x: float | None) -> str:
    return "—" if x is None or math.isnan(x) else f"{x:.2f}"


def _gap(a: Assessment, lang: str = "en") -> str:
    if a.gap is None:
        return "—"
    text = ("+" if float(a.gap.magnitude) >= 0 else "") + fmt_quantity(a.gap, lang)
    return _zh_years([text], a.target)[0] if check_lang(lang) == 1 else text


# -- reports --------------------------------------------------------------------------


def _report_rows(report: PlanReport, lang: str) -> dict[str, list[str]]:
    """The table rows of each goal, keyed by goal id."""
    by_target: dict[str, str] = {}
    # The report's own lines: an open target's headline, its rule and why the
    # published grade beside it differs.
    lines = report.explain()
    zh = check_lang(lang) == 1
    progress = getattr(report, "progress", None)
    for i, (a, fc) in enumerate(zip(report.assessments, shown_forecasts(report), strict=True)):
        trajectory = "" if fc is None else _trajectory_cell(fc, lang)
        status = _badge(a.status, lang, lines[i] if not zh else _zh_line(report, i))
        if a.early:
            status += f' <span class="ip-muted">{"（提前）" if zh else "(early)"}</span>'
        grade = progress[i] if progress is not None and fc is not None else None
        if grade is not None and grade.status is not Status.NO_DATA:
            status += (
                f' <span class="ip-muted">{_e(method_label(grade.method, lang))}: '
                f"{_e(status_label(grade.status, lang))}</span>"
            )
        by_target[a.target_id] = (
            f"<tr><td><code>{_e(a.target_id)}</code></td>"
            f"<td>{_target_cell(a.target, a.target_id, lang)}</td>"
            f'<td class="ip-num">{_e(_observed(a, lang))}</td><td>{status}</td>'
            f'<td class="ip-num">{_e(_ratio(a.attainment))}</td>'
            f'<td class="ip-num">{_e(_gap(a, lang))}</td><td>{trajectory}</td>'
            f"<td>{_source(a.observation)}</td></tr>"
        )
    return {g.id: [by_target[t.id] for t in g.targets] for g in report.plan.goals}


def _zh_line(report: PlanReport, i: int) -> str:
    """The Chinese tooltip of row *i*: why the headline differs from the grade, if it does."""
    said = report.disagreement_note(i)
    return (
        "" if said is None else _zh_years([note_text(said, "zh")], report.assessments[i].target)[0]
    )


def _counts(report: PlanReport, kind: str, row_id: str) -> dict[Status, int]:
    row = report.rollup.get(kind, row_id) if kind != "plan" else report.rollup.plan
    return {s: row.count(s) for s in Status}


def _summary(counts: Mapping[Status, int], lang: str) -> str:
    shown = ", ".join(f"{n} {status_label(s, lang)}" for s, n in counts.items() if n)
    return f'{_bar(counts, lang)}<span class="ip-count ip-muted">{_e(shown)}</span>'


def _evidence_cell(row: RollupRow, lang: str) -> str:
    items = []
    for e in row.evidence:
        score = "" if e.score is None else f" · {_e(word('score', lang))} {e.score:.2f}"
        src = "" if e.source is None else f" · {_link(e.source.title, e.source.url)}"
        items.append(
            f'<li><span class="ip-muted">{_e(e.date)}{score}</span> '
            f"{_e(e.text.in_language(lang))}{src}</li>"
        )
    return f'<ul class="ip-list">{"".join(items)}</ul>' if items else ""


def _tasks(report: PlanReport, lang: str) -> str:
    """One table of every task: its area, its targets' statuses and its evidence notes."""
    plan = report.plan
    if not plan.tasks:
        return ""
    rows = []
    for a in plan.areas:
        for k in a.tasks:
            r = report.rollup.get("task", k.id)
            targets = (
                " ".join(f"<code>{_e(t)}</code>" for t in r.targets)
                + " "
                + _summary({s: r.count(s) for s in Status}, lang)
                if r.n
                else f'<span class="ip-muted">{_e(word("no quantified target", lang))}</span>'
            )
            rows.append(
                f"<tr><td><code>{_e(k.id)}</code></td>"
                f"<td>{_e(k.title.in_language(lang))} "
                f'<span class="ip-muted">({_e(a.id)})</span></td>'
                f"<td>{targets}</td><td>{_evidence_cell(r, lang)}</td></tr>"
            )
    cols = ("", "task", "targets", "evidence")
    thead = "".join(f"<th>{_e(word(c, lang))}</th>" for c in cols)
    return (
        f"<details open><summary>{_e(word('tasks', lang))} "
        f'<span class="ip-muted">({len(plan.tasks)})</span></summary>'
        f'<table class="ip-table"><thead><tr>{thead}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _report_body(report: PlanReport, lang: str, images: Mapping[str, str]) -> str:
    plan = report.plan
    when = f"{word('as of', lang)} {report.as_of}" if report.as_of else word("every release", lang)
    head = (
        f'<div class="ip-title">{_e(plan.title.in_language(lang))}</div>'
        f'<div class="ip-sub">{_e(when)} · {len(plan.targets)} {_e(word("targets", lang))} '
        f"{_summary(_counts(report, 'plan', plan.id), lang)}</div>"
    )
    cols = ("", "target", "observed", "status", "attainment", "gap", "trajectory", "source")
    thead = "".join(f"<th>{_e(word(c, lang))}</th>" for c in cols)
    rows = _report_rows(report, lang)
    goals = []
    for g in plan.goals:
        counts = _counts(report, "goal", g.id)
        body = "".join(rows[g.id])
        table = (
            f'<table class="ip-table"><thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table>'
        )
        goals.append(
            f"<details open><summary><code>{_e(g.id)}</code> {_e(g.title.in_language(lang))} "
            f"{_summary(counts, lang)}</summary>{table}</details>"
        )
    plots = ""
    if images:
        figures = "".join(
            f'<figure><img class="ip-plot" src="{_e(src)}" alt="{_e(key)}">'
            f"<figcaption>{_e(key)}</figcaption></figure>"
            for key, src in images.items()
        )
        plots = f'<div class="ip-plots">{figures}</div>'
    return head + _legend(lang) + "".join(goals) + _tasks(report, lang) + plots


def report_html(report: PlanReport, *, lang: str = "en") -> str:
    """A plan report as HTML: status colours with a legend, trajectories and sources.

    One table per goal: each target's wording and promise, the evidence, the
    status as a coloured badge (hover for the full explanation), attainment
    and gap, and for targets whose deadline period is not observed the
    forecast with its interval, likelihood word and probability. Then one
    table of the tasks: each with its area, its targets' statuses and its
    dated evidence notes. Sources with an address are links.

    Args:
        report: The report of :func:`innovplan.evaluate`.
        lang: ``"en"`` or ``"zh"``.

    Returns:
        An HTML fragment (``PlanReport._repr_html_``).

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
        ...                   as_of="2023-08-06")
        >>> out = report_html(report)
        >>> "on track" in out, "likely" in out, "<script" in out
        (True, True, False)
    """
    check_lang(lang)
    return _safe(lambda: _wrap(_report_body(report, lang, {}), str(report)), lambda: str(report))


def report_document(
    report: PlanReport,
    *,
    lang: str = "en",
    images: Mapping[str, str] | None = None,
    title: str | None = None,
) -> str:
    """A stand-alone HTML page of a report, with its plots.

    Args:
        report: The report.
        lang: ``"en"`` or ``"zh"``.
        images: Captions to image addresses (``data:`` URIs for a page that
            carries its plots, as ``innovplan report --format html`` writes it,
            or paths next to the page), shown after the tables in the given order.
        title: The page title; the plan's title by default.

    Returns:
        The page, ``<!DOCTYPE html>`` first.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> page = report_document(report, images={"T10": "plots/T10.png"})
        >>> page.startswith("<!DOCTYPE html>"), 'src="plots/T10.png"' in page
        (True, True)
    """
    zh = check_lang(lang) == 1
    heading = title or report.plan.title.in_language(lang)
    body = _report_body(report, lang, images or {})
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if zh else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="innovplan">\n'
        f"<title>{_e(heading)}</title>\n<style>{stylesheet()}</style>\n</head>\n"
        f'<body class="ip-doc">\n<div class="ip-wrap">{body}</div>\n</body>\n</html>\n'
    )
