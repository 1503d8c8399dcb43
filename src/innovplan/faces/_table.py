"""The plan report as a plain-text table, in English or Chinese.

Results know no screen: :class:`~innovplan.evaluate.PlanReport` prints
through :func:`report_text`, and ``innovplan report --lang`` picks the
language. Statuses are never cut short; the other cells are, at their caps.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from innovplan.faces._labels import (
    check_lang,
    fmt_quantity,
    status_label,
    word,
    zh_unit,
)
from innovplan.faces._notes import interval_label, method_label, note_text, period_label
from innovplan.model import Status
from innovplan.units import format_figure, short_form
from innovplan.units import format_per_year as _signed
from innovplan.units import format_percent as _pct

if TYPE_CHECKING:
    from innovplan.evaluate import Assessment, ExAnte, Forecast, PlanReport, RollupRow
    from innovplan.model import Target
    from innovplan.units import Quantity

__all__ = ["ex_ante_text", "report_text", "rollup_summary"]

# A status cell is as wide as its widest status: it is never cut short.
_WHOLE = 1000

# The IPCC AR5 likelihood words as the IPCC's Chinese reports give them.
_LIKELIHOOD_ZH = {
    "virtually certain": "几乎确定",
    "very likely": "很可能",
    "likely": "可能",
    "about as likely as not": "或许可能",
    "unlikely": "不可能",
    "very unlikely": "很不可能",
    "exceptionally unlikely": "几乎不可能",
}


# A figure in years, as the units' formatting writes it ("11.3 year").
_IN_YEARS = re.compile(r"(?<=\d) year(?![A-Za-z])")


def _zh_years(cells: list[str], target: Target | None) -> list[str]:
    """Chinese cells of a target counted in years, with the year's Chinese name.

    The unit ``year`` has two Chinese names, 岁 for an age (人均预期寿命提高1岁)
    and 年 for a duration (平均受教育年限11.3年): the target's own wording
    says which.
    """
    if target is None or str(target.indicator.unit) != "year":
        return cells
    said = target.wording.in_language("zh") + target.indicator.name.in_language("zh")
    name = "岁" if "岁" in said or "寿命" in said else "年"
    return [_IN_YEARS.sub(name, c) for c in cells]


def _status(status: Status, zh: bool) -> str:  # noqa: FBT001 (a private helper)
    return status_label(status, "zh") if zh else status.name


def _target_text(a: Assessment, lang: str) -> str:
    t = a.target
    if t is None:
        return "" if a.compared_with is None else short_form(a.compared_with, "~")
    value = fmt_quantity(t.value, lang)
    if t.upper is not None:
        value = f"[{value}, {fmt_quantity(t.upper, lang)}]"
    return f"{t.comparator.symbol} {value}"


def _rates_cells(f: Forecast, zh: bool) -> tuple[str, str]:  # noqa: FBT001
    """The needs and recent cells: per year for a value, in the kind's terms otherwise."""
    own = f.target.indicator.unit if f.target is not None else None
    lang = "zh" if zh else "en"

    def signed(q: Quantity | None) -> str:
        return _signed_zh(q, own) if zh else _signed(q, own)

    # A kind's pace (so far, needed a year) stands without a forecast: two
    # yearly rates give an average so far and the rate still required.
    if f.basis == "value" or (f.unclear and f.so_far is None and f.needed is None):
        return signed(f.required_rate), signed(f.actual_rate)
    when = ""
    if f.needed_in:
        when = f"（{f.needed_in}）" if zh else f" in {f.needed_in}"
    needs = "—"
    if f.needed is not None:
        if str(f.needed.units) == "percent":
            needs = f"{_pct(float(f.needed.magnitude))}{'/年' if zh else '/yr'}{when}"
        else:
            needs = signed(f.needed) + when
    elif f.basis == "every_year" and f.target is not None:
        each = "每年" if zh else " each year"
        needs = f"{f.target.comparator.symbol} {fmt_quantity(f.target.value, lang)}{each}{when}"
    so_far = "—"
    if f.so_far is not None and f.basis == "average_annual":
        rate = _pct(float(f.so_far.magnitude))
        so_far = f"迄今年均{rate}" if zh else f"{rate} a year so far"
    elif f.so_far is not None and str(f.so_far.units) == "percent":
        change = _pct(float(f.so_far.magnitude), sign=True)
        so_far = f"迄今{change}" if zh else f"{change} so far"
    elif f.so_far is not None:
        so_far = f"迄今{fmt_quantity(f.so_far, lang)}" if zh else fmt_quantity(f.so_far) + " so far"
    return needs, so_far


def _signed_zh(q: Quantity | None, own: object) -> str:
    """A rate a year in Chinese: ``+92.59亿元/年``, ``+1,000家/年``."""
    if q is not None:
        # The unit a year, as _signed finds it: pint cancels years per year,
        # and the indicator's own unit stands in.
        per = str(q.units).removesuffix(" / year")
        if per in {"1", "1 / year", "dimensionless"} and own is not None:
            per = str(own)
        name = zh_unit(per)
        if name is not None:
            sign = "+" if float(q.magnitude) >= 0 else ""
            return f"{sign}{format_figure(float(q.magnitude))}{name}/年"
    text = _signed(q, None if own is None else str(own))
    return text.removesuffix("/yr") + "/年" if text.endswith("/yr") else text


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def rollup_summary(row: RollupRow, lang: str = "en") -> str:
    """What a roll-up row counts, in words: targets by status, achieved, score, binding.

    Zero counts are left out; so are the score and the binding targets when
    there is nothing to say about them.

    Example:
        >>> from innovplan.evaluate import RollupRow
        >>> counts = tuple((s, {Status.ACHIEVED: 1, Status.NO_DATA: 3}.get(s, 0))
        ...                for s in Status)
        >>> row = RollupRow("goal", "G1", "centre", ("T1", "T2", "T3", "T4"), counts,
        ...                 0.25, 1.0, 0.25, None)
        >>> print(rollup_summary(row))
        4 targets: 1 achieved, 3 with no data; 25% of them achieved; average attainment 1.00 (each capped at 1)
        >>> print(rollup_summary(row, "zh"))
        4个目标：已完成1个，暂无数据3个；完成比例25%；平均完成率1.00（单项封顶为1）
    """  # noqa: E501 (a doctest's output is one line)
    zh = check_lang(lang) == 1
    if not row.n:
        n = len(row.evidence)
        if zh:
            notes = f"进展依据{n}条" if n else "无进展依据"
            return f"无量化目标；{notes}"
        notes = _plural(n, "evidence note", "evidence notes") if n else "no evidence notes"
        return "no quantified target" + (f"; {notes}" if row.kind == "task" else "")
    counted = [(s, row.count(s)) for s in Status if row.count(s)]
    achieved = row.count(Status.ACHIEVED)
    if zh:
        parts = [f"{status_label(s, 'zh')}{k}个" for s, k in counted]
        text = f"{row.n}个目标：{'，'.join(parts)}"
        if achieved and row.share_achieved is not None:
            text += f"；完成比例{row.share_achieved:.0%}"
        if row.mean_score is not None:
            text += f"；平均完成率{row.mean_score:.2f}（单项封顶为1）"
        if row.binding_met is not None:
            text += "；约束性目标全部完成" if row.binding_met else "；约束性目标未全部完成"
        return text
    parts = [
        f"{k} {'with no data' if s is Status.NO_DATA else status_label(s)}" for s, k in counted
    ]
    text = f"{_plural(row.n, 'target', 'targets')}: {', '.join(parts)}"
    if achieved and row.share_achieved is not None:
        text += f"; {row.share_achieved:.0%} of {'it' if row.n == 1 else 'them'} achieved"
    if row.mean_score is not None:
        text += f"; average attainment {row.mean_score:.2f} (each capped at 1)"
    if row.binding_met is not None:
        text += "; every binding target met" if row.binding_met else "; a binding target not met"
    return text


def _evidence_lines(r: RollupRow, lang: str) -> list[str]:
    """A task's evidence notes, one indented line each: date, score, text, source."""
    zh = lang == "zh"
    lines = []
    for e in r.evidence:
        score = "" if e.score is None else f"{word('score', lang)} {e.score:.2f}  "
        src = (
            "" if e.source is None else (f"（{e.source.title}）" if zh else f" ({e.source.title})")
        )
        lines.append(f"    {e.date}  {score}{e.text.in_language(lang)}{src}")
    return lines


def _titles(report: PlanReport, lang: str) -> dict[tuple[str, str], str]:
    plan = report.plan
    out = {("plan", plan.id): plan.title.in_language(lang)}
    for kind, items in (("goal", plan.goals), ("area", plan.areas), ("task", plan.tasks)):
        for item in items:
            out[kind, item.id] = item.title.in_language(lang)
    return out


def _row_id(a: Assessment) -> str:
    """A row's target id, with the group it is for unless it is the total."""
    if a.versus is not None:
        return f"{a.target_id} {a.group} / {a.versus}"
    return a.target_id if a.group.is_total else f"{a.target_id} {a.group}"


def _group_lines(report: PlanReport, zh: bool) -> list[str]:  # noqa: FBT001 (a private helper)
    """A summary line per target that holds for every group: how many met, which did not."""
    out = []
    for s in report.assessments.group_summaries():
        if zh:
            line = f"  {s.target_id}：{s.groups}个组中{s.met}个达标"
            if s.failing:
                line += "；未达标：" + "；".join(str(g) for g in s.failing)
            if s.undecided:
                line += f"；{s.undecided}个尚无结论"
        else:
            line = f"  {s}"
        out.append(line)
    return out


def _target_rows(report: PlanReport, zh: bool) -> list[str]:  # noqa: FBT001
    lang = "zh" if zh else "en"
    head = ["编号", "目标", "实际值", "状态", "完成率", "差距", "来源"] if zh else [
        "id", "target", "observed", "status", "attain.", "gap", "source",
    ]  # fmt: skip
    rows = [head]
    for a in report.assessments:
        observed = fmt_quantity(a.observed, lang) if a.observed is not None else "—"
        if a.bound and a.observed is not None:
            observed = "≥ " + observed
        att = "—" if a.attainment is None else f"{a.attainment:.2f}"
        gap = "—"
        if a.gap is not None:
            gap = ("+" if float(a.gap.magnitude) >= 0 else "") + fmt_quantity(a.gap, lang)
        status = _status(a.status, zh)
        if a.early:
            status += "（提前）" if zh else " (early)"
        src = ""
        if a.observation is not None and a.observation.source is not None:
            src = a.observation.source.title
            if a.observation.released:
                src += f"（{a.observation.released}）" if zh else f" ({a.observation.released})"
        row = [_row_id(a), _target_text(a, lang), observed, status, att, gap]
        rows.append([*(_zh_years(row, a.target) if zh else row), src])
    table = _table(rows, [40, 24, 24, _WHOLE, 8, 22, 200])
    rule = "-" * max(_width(line) for line in table)
    return [table[0], rule, *table[1:], *_group_lines(report, zh)]


def _trajectory_lines(report: PlanReport, lang: str) -> list[str]:
    rows = report.open_rows()
    if not rows or report.forecasts is None or report.progress is None:
        return []
    zh = lang == "zh"
    fcs = report.forecasts
    method = report.progress[rows[0]].method
    if zh:
        head = ["编号", "状态", "预测值", f"{fcs.level:.0%}区间", "达标概率", "可能性", "方法"]
        head += [f"{method_label(method, lang)}评级", "所需变化", "近期/迄今"]
    else:
        head = ["id", "status", "forecast", f"{fcs.level:.0%} interval", "P(met)", "likelihood"]
        head += ["method", method, "needs", "recent / so far"]
    table = [head]
    notes: list[str] = []
    for i in rows:
        f, p = fcs[i], report.progress[i]
        prob = "—" if f.probability is None else f"{f.probability:.2f}"
        grade = _status(p.status, zh) + ("" if p.ratio is None else f" {p.ratio:.2f}")
        needs, recent = _rates_cells(f, zh)
        likely = f.likelihood or "—"
        row = [
            _row_id(report.assessments[i]),
            _status(report.assessments[i].status, zh),
            ("不确定" if zh else "unclear") if f.unclear else fmt_quantity(f.point, lang),
            _interval(f, lang),
            prob,
            _LIKELIHOOD_ZH.get(likely, likely) if zh else likely,
            "—" if f.unclear else method_label(f.method, lang),
            grade,
            needs,
            recent,
        ]  # fmt: skip
        table.append(_zh_years(row, f.target) if zh else row)
        said = (f.reason_note,) if f.unclear and f.reason_note is not None else f.notes
        why = ("；" if zh else "; ").join(note_text(n, lang) for n in said)
        if zh:
            why = _zh_years([why], f.target)[0]
        if zh and why:
            notes.append(f"  {f.target_id}：{why}")
        elif why:
            notes.append(f"  {f.target_id}: {why}")
        said_too = report.disagreement_note(i)
        if said_too is not None:
            (too,) = _zh_years([note_text(said_too, lang)], f.target) if zh else [said_too.text()]
            notes.append(f"  {f.target_id}{'：' if zh else ': '}{too}")
    title = (
        "截止日期的趋势预测（结果尚未确定的目标）"
        if zh
        else "Trajectory at the deadline (targets whose result is still open)"
    )
    caps = [40, _WHOLE, 22, 34, 8, 24, 14, _WHOLE, 30, 30]
    out = ["", title, *_table(table, caps)]
    return [*out, *notes, *_rule_lines(report, method, zh)]


def _interval(f: Forecast, lang: str) -> str:
    """The forecast's interval, ``12,571.05–22,224.01 enterprise`` or ``…家``."""
    return interval_label(f.lower, f.upper, lang)


def _rule_lines(report: PlanReport, method: str, zh: bool) -> list[str]:  # noqa: FBT001
    rule = report.status_rule
    if rule is None:
        return []
    if rule.method == "probability":
        on, moderate, limited = rule.bands
        if zh:
            rest = f"不低于{limited:g}为进展有限，否则趋于恶化" if limited > 0 else "否则进展有限"
            text = (
                f"状态：按达标概率分档——不低于{on:g}为进展顺利，不低于{moderate:g}为进展一般，"
                f"{rest}；无概率时采用{method_label(method, 'zh')}评级"
            )
            return [f"  （{text}）"]
        text = (
            f"status: band of P(met) — on track from {on:g}, moderate from {moderate:g}, "
            + (f"limited from {limited:g}, else deteriorating" if limited > 0 else "else limited")
            + f"; without a probability, {method}'s grade"
        )
    elif zh:
        named = method_label(method, "zh")
        return [f"  （状态：采用{named}评级；达标概率低于0.5时不评为进展顺利）"]
    else:
        text = f"status: {method}'s grade, never on track beside P(met) < 0.5"
    return [f"  ({text})"]


def report_text(report: PlanReport, lang: str = "en") -> str:
    """The report as a plain-text table: targets, trajectories, roll-ups, the plan.

    Labels, statuses, roll-up wording, titles and units with a Chinese name
    (家, 亿元, 万平方米) follow *lang*; a status is never cut short. The notes
    under the trajectory table are said from their codes (:func:`note_text`),
    so they follow *lang* too; only data (source titles, plan texts published
    in English only) and ids stay as they are.

    Args:
        report: A report from ``innovplan.evaluate``.
        lang: ``"en"`` or ``"zh"``.

    Returns:
        The text, lines without trailing spaces, no final newline.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> text = report_text(report, "zh")
        >>> print(text.splitlines()[2].split()[:5])
        ['编号', '目标', '实际值', '状态', '完成率']
        >>> t8 = next(line for line in text.splitlines() if line.startswith("T8 "))
        >>> t8.split()[1:4]
        ['>', '13,000家', '14,500家']
        >>> "已完成" in t8
        True
    """
    zh = check_lang(lang) == 1
    if report.as_of:
        when = f"截至{report.as_of}" if zh else f"as of {report.as_of}"
    else:
        when = word("every release", lang)
    title = report.plan.title.in_language(lang)
    head = f"{title}——完成情况（{when}）" if zh else f"{title} — attainment ({when})"
    lines = [head, "", *_target_rows(report, zh), *_trajectory_lines(report, lang)]
    titles = _titles(report, lang)
    # An area without a modelled task says nothing; a task without a
    # target is still part of the plan and shows its evidence notes.
    with_tasks = {a.id for a in report.plan.areas if a.tasks}
    sections = (("goal", "Goals", "总体目标"), ("area", "Areas", "方面"), ("task", "Tasks", "任务"))
    for kind, en_label, zh_label in sections:
        found = tuple(r for r in report.rollup.of(kind) if kind != "area" or r.id in with_tasks)
        if found:
            cells = [
                [r.id, titles.get((kind, r.id), r.title), rollup_summary(r, lang)] for r in found
            ]
            lines += ["", zh_label if zh else en_label]
            for r, line in zip(found, _table(cells, [12, 48, 400]), strict=True):
                lines += [line, *_evidence_lines(r, lang)]
    plan_row = report.rollup.plan
    cells = [[plan_row.id, titles["plan", plan_row.id], rollup_summary(plan_row, lang)]]
    lines += ["", "规划" if zh else "Plan", *_table(cells, [24, 72, 400])]
    return "\n".join(lines)


def _width(text: str) -> int:
    # East Asian characters take two columns in a terminal.
    return sum(
        2 if "\u1100" <= ch <= "\uffdc" and not ("\u2000" <= ch <= "\u2bff") else 1 for ch in text
    )


def _cell(text: str, width: int) -> str:
    shown = 0
    out: list[str] = []
    for ch in text:
        w = _width(ch)
        if shown + w > width:
            while out and shown + 1 > width:
                shown -= _width(out.pop())
            out.append("…")
            shown += 1
            break
        out.append(ch)
        shown += w
    return "".join(out) + " " * max(0, width - shown)


def _table(rows: list[list[str]], caps: list[int]) -> list[str]:
    """Left-aligned columns two spaces apart, each as wide as its widest cell up to its cap."""
    widths = [min(cap, max((_width(r[i]) for r in rows), default=0)) for i, cap in enumerate(caps)]
    return ["  ".join(_cell(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def ex_ante_text(view: ExAnte, lang: str = "en") -> str:
    """The ex-ante view as text: per target and date, what the trajectory said.

    In English it is ``str(view)`` (which calls this). In Chinese the titles, column labels,
    statuses, likelihood words, method names and units follow, and so does the
    line under each date that explains the forecast (said from its codes).

    Args:
        view: A view from ``innovplan.evaluate.ex_ante``.
        lang: ``"en"`` or ``"zh"``.

    Returns:
        The text, no final newline.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import ex_ante
        >>> view = ex_ante(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
        ...                ["2023-01-29"], targets=["T8"])
        >>> print(ex_ante_text(view, "zh").splitlines()[2])
        T8  高新技术企业突破13000家  （> 13,000家，截止2023-12-31）
        >>> ex_ante_text(view) == str(view)
        True
    """
    if check_lang(lang) == 0:
        return _ex_ante_english(view)
    named = method_label(view.method, "zh")
    lines = [f"事前视角：结果公布前的趋势预测（{named}，{view.level:.0%}区间）", ""]
    for a in view.outcomes:
        t = view.plan.target(a.target_id)
        wording = t.wording.in_language("zh")
        lines.append(
            f"{t.id}  {wording or t.id}  （{t.comparator.symbol} "
            f"{fmt_quantity(t.value, 'zh')}，截止{t.deadline}）"
        )
        table = [["截至", "依据", "预测值", "区间", "达标概率", "可能性", "状态", "评级"]]
        notes = []
        for r in (r for r in view.rows if r.target_id == a.target_id):
            f, p = r.forecast, r.progress
            evidence = f.year_to_date or f.latest
            seen = "—"
            if evidence is not None:
                bound = "≥ " if evidence.bound.name == "AT_LEAST" else ""
                when = period_label(str(evidence.period), "zh")
                seen = f"{when}：{bound}{fmt_quantity(evidence.value, 'zh')}"
            grade = _status(p.status, zh=True)
            if p.ratio is not None:
                grade += f"（{method_label(p.method, 'zh')} {p.ratio:.2f}）"
            likely = f.likelihood or "—"
            point = "不确定"
            if not f.unclear:
                point = f"{fmt_quantity(f.point, 'zh')}（{method_label(f.method, 'zh')}）"
            table.append([
                str(r.as_of),
                seen,
                point,
                _interval(f, "zh"),
                "—" if f.probability is None else f"{f.probability:.2f}",
                _LIKELIHOOD_ZH.get(likely, likely),
                "—" if r.status is None else _status(r.status, zh=True),
                grade,
            ])  # fmt: skip
            said = (f.reason_note,) if f.unclear and f.reason_note is not None else f.why_notes
            notes.append(f"    {r.as_of}：{'；'.join(note_text(n, 'zh') for n in said)}")
        lines += ["  " + x for x in _table(table, [10, 36, 34, 34, 8, 24, _WHOLE, _WHOLE])]
        lines += notes
        outcome = "尚未公布" if a.observed is None else fmt_quantity(a.observed, "zh")
        released = ""
        if a.observation is not None:
            released = f"，发布于{a.observation.released or a.observation.period.end}"
            if a.observation.source is not None:
                released += f"（{a.observation.source.title}）"
        lines += [f"  结果：{outcome}——{_status(a.status, zh=True)}{released}", ""]
    return "\n".join(lines).rstrip()


def _ex_ante_english(view: ExAnte) -> str:
    head = (
        f"Ex-ante view: what the trajectory said before the outcome was known "
        f"({view.method}, {view.level:.0%} intervals)"
    )
    lines = [head, ""]
    for a in view.outcomes:
        t = view.plan.target(a.target_id)
        lines.append(f"{t.id}  {t.wording.get('zh', '') or t.id}  ({t.comparator.symbol} "
                     f"{fmt_quantity(t.value)} by {t.deadline})")  # fmt: skip
        table = [
            ["as of", "evidence", "forecast", "interval", "P(met)", "likelihood", "status",
             "grade"]
        ]  # fmt: skip
        notes = []
        for r in (r for r in view.rows if r.target_id == a.target_id):
            f, p = r.forecast, r.progress
            evidence = f.year_to_date or f.latest
            ev = "—"
            if evidence is not None:
                bound = "≥ " if evidence.bound.name == "AT_LEAST" else ""
                ev = f"{evidence.period}: {bound}{fmt_quantity(evidence.value)}"
            grade = p.status.name + ("" if p.ratio is None else f" ({p.method} {p.ratio:.2f})")
            table.append([
                str(r.as_of),
                ev,
                "unclear" if f.unclear else f"{fmt_quantity(f.point)} ({f.method})",
                f.interval_text(),
                "—" if f.probability is None else f"{f.probability:.2f}",
                f.likelihood or "—",
                "—" if r.status is None else r.status.name,
                grade,
            ])  # fmt: skip
            notes.append(f"    {r.as_of}: {f.reason if f.unclear else f.why}")
        lines += ["  " + x for x in _table(table, [10, 36, 34, 34, 6, 24, 14, 28])]
        lines += notes
        released = ""
        if a.observation is not None:
            released = f", released {a.observation.released or a.observation.period.end}"
            if a.observation.source is not None:
                released += f" ({a.observation.source.title})"
        seen = "no outcome published" if a.observed is None else fmt_quantity(a.observed)
        lines += [f"  outcome: {seen} — {a.status.name}{released}", ""]
    return "\n".join(lines).rstrip()
