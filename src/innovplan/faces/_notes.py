"""Results' notes, method names and periods in the reader's language.

The evaluate layer keeps each warning, reason and disagreement as a
:class:`~innovplan.evaluate.Note` (a code and its figures) beside its English
sentence. :func:`note_text` says a note in English (the stored sentence) or in
Chinese, worded as a Chinese statistics bulletin words it ("数据缺口",
"统计口径变化"), with figures and units through the Chinese unit names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from innovplan.engine import AUTO_RULE
from innovplan.evaluate import DisagreementCode, ReasonCode, WarningCode, WhyCode
from innovplan.faces._labels import check_lang, fmt_quantity, status_label, zh_unit
from innovplan.units import format_figure, format_magnitude, registry, split_quantity

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from innovplan.evaluate import Note
    from innovplan.units import Quantity

__all__ = ["method_label", "note_text", "period_label"]

# Forecast methods (innovplan.evaluate.METHODS) and progress methods
# (PROGRESS_METHODS) by the names Chinese statistical writing gives them; a
# progress method is named after the body that publishes it.
_METHODS_ZH = {
    "auto": "自动选择",
    "linear": "线性趋势",
    "loglinear": "对数线性趋势",
    "drift": "漂移模型",
    "damped": "阻尼趋势",
    "theta": "θ法",
    "theta-optimized": "θ法（参数优化）",
    "average-change": "平均变化量",
    "average-change-relative": "平均增长率",
    "ytd": "年内累计推算",
    "ytd-pro-rata": "按时间进度推算",
    "combined": "组合预测",
    "eurostat": "欧盟统计局方法",
    "eurostat-no-target": "欧盟统计局方法（无量化目标）",
    "sdsn": "可持续发展解决方案网络方法",
    "unsd": "联合国统计司方法",
    "unsd-expected": "联合国统计司方法（预期值）",
    "escap": "亚太经社会方法",
    "aarr": "年均变化率法",
}

_HALVES = {"1": "上半年", "2": "下半年"}
_QUARTERS = {"1": "第一季度", "2": "第二季度", "3": "第三季度", "4": "第四季度"}


def method_label(name: str, lang: str = "en") -> str:
    """A forecast or progress method's name in *lang* (the name itself in English).

    Example:
        >>> method_label("combined", "zh"), method_label("eurostat", "zh")
        ('组合预测', '欧盟统计局方法')
        >>> method_label("combined")
        'combined'
    """
    if check_lang(lang) == 0:
        return name
    return _METHODS_ZH.get(name, name)


def period_label(period: str, lang: str = "en") -> str:  # noqa: PLR0911 (one return per form)
    """A period's text (``str(period)``) as *lang* writes it.

    Example:
        >>> period_label("2022", "zh"), period_label("2023-H1", "zh")
        ('2022年', '2023年上半年')
        >>> period_label("2023-08-06", "zh")
        '2023年8月6日'
        >>> period_label("2023-Q2", "zh"), period_label("2023-06", "zh")
        ('2023年第二季度', '2023年6月')
    """
    if check_lang(lang) == 0:
        return period
    if "/" in period:
        start, _, end = period.partition("/")
        return f"{period_label(start, lang)}至{period_label(end, lang)}"
    if re.fullmatch(r"\d{4}", period):
        return f"{period}年"
    if m := re.fullmatch(r"(\d{4})-([HQ])(\d)", period):
        part = (_HALVES if m[2] == "H" else _QUARTERS).get(m[3])
        return period if part is None else f"{m[1]}年{part}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return f"{m[1]}年{int(m[2])}月"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period):
        return f"{m[1]}年{int(m[2])}月{int(m[3])}日"
    return period


def interval_label(lower: Quantity | None, upper: Quantity | None, lang: str = "en") -> str:
    """An interval as *lang* writes it: ``12,571.05–22,224.01家`` in Chinese."""
    if check_lang(lang) == 1 and lower is not None and upper is not None:
        name = zh_unit(str(upper.units))
        if name is not None and lower.units == upper.units:
            low, high = float(lower.magnitude), float(upper.magnitude)
            return f"{format_figure(low)}–{format_figure(high)}{name}"
    if lower is None or upper is None:
        return "—"
    lo, _ = split_quantity(lower, str(lower.units))
    hi, unit = split_quantity(upper, str(upper.units))
    return f"{lo}–{hi}{unit}"


def note_text(note: Note, lang: str = "en") -> str:
    """A result's note in *lang*: in English the sentence the result stores.

    Args:
        note: A note of a forecast (``Forecast.notes``, ``Forecast.reason_note``)
            or of a report (``PlanReport.disagreement_notes``).
        lang: ``"en"`` or ``"zh"``.

    Returns:
        One sentence, without a final stop.

    Example:
        >>> from innovplan.evaluate import Note, WarningCode
        >>> gap = Note(WarningCode.GAP, {"spans": (("2022", "2024"),)})
        >>> note_text(gap), note_text(gap, "zh")
        ('gap: nothing between 2022…2024', '数据缺口：2022年与2024年之间无数据')
    """
    if check_lang(lang) == 0:
        return note.text()
    return _CHINESE[note.code](note.params)


def _years(periods: tuple[str, ...]) -> str:
    return "、".join(period_label(p, "zh") for p in periods)


def _gap(p: Mapping[str, Any]) -> str:
    spans = "；".join(
        f"{period_label(a, 'zh')}与{period_label(b, 'zh')}之间无数据" for a, b in p["spans"]
    )
    return f"数据缺口：{spans}"


def _bounds(p: Mapping[str, Any]) -> str:
    shown = "、".join(
        f"{period_label(period, 'zh')}（{sym} {fmt_quantity(q, 'zh')}）"
        for period, sym, q in p["bounds"]
    )
    return f"以下限或上限值代替数据点：{shown}"


def _pro_rata(p: Mapping[str, Any]) -> str:
    text = "无往年年内数据：全年数值按时间进度推算"
    return text + ("；全年其余时间的区间按年度趋势的离散程度推算" if p["spread"] else "")


def _head(p: Mapping[str, Any]) -> str:
    ratio = "" if p["ratio"] is None else f"（比值{p['ratio']:.2f}）"
    return (
        f"{status_label(p['headline'], 'zh')}，而非{method_label(p['method'], 'zh')}评级的"
        f"{status_label(p['grade'], 'zh')}{ratio}"
    )


def _interval(p: Mapping[str, Any]) -> str:
    return interval_label(p["lower"], p["upper"], "zh")


def _figure(x: float, unit: str) -> str:
    """*x* in *unit* with the unit's Chinese name (``1,357.41亿元``), else as in English."""
    name = zh_unit(str(registry().Unit(unit)))
    return format_figure(x) + name if name is not None else format_magnitude(x, unit)


def _ytd(p: Mapping[str, Any]) -> str:
    period = period_label(p["period"], "zh")
    whose = (
        f"观测数据中其他流量指标以往{p['years']}年（本指标无往年年内数据）"
        if p["borrowed"]
        else f"以往{p['years']}年"
    )
    return (
        f"由{period}年内累计数（时期已过{p['elapsed']:.1%}）除以{whose}同期累计数占全年总量的"
        "平均比重推算全年"
    )


# auto's growth member from 13 points on (the notes' *smoothed*).
_SMOOTHED = "Holt平滑增长率"


def _growth_zh(p: Mapping[str, Any]) -> str:
    return _SMOOTHED if p.get("smoothed") else "不变增长率"


def _members(p: Mapping[str, Any]) -> str:
    last = f"最近{p['window']}个间隔的平均变化量"
    growth = "漂移模型（数据中有0或负值，无法计算增长率）" if p["drift"] else "不变增长率"
    if p.get("smoothed"):
        growth = "Holt线性趋势（数据中有0或负值，无法计算增长率）" if p["drift"] else _SMOOTHED
    if p.get("damped"):
        growth += (
            f"（近期放缓：最近{p['window']}个间隔的平均变化量不到自首个数据点以来平均变化的"
            f"{p['slowed']:g}倍或方向相反，趋势逐年乘以{p.get('damping', AUTO_RULE.damped):g}）"
        )
    names = ("最新值", "最小二乘直线", growth, last)
    said = "，".join(f"{n}{_figure(v, p['unit'])}" for n, v in zip(names, p["values"], strict=True))
    head = "区间所依据的年度趋势：" if p["yearly"] else ""
    return f"{head}{p['year']}年各成员预测：{said}"


def _median(p: Mapping[str, Any]) -> str:
    low, high, mid = (_figure(p[x], p["unit"]) for x in ("low", "high", "middle"))
    kept = p.get("kept")
    drawn = (
        f"趋势相对波动较弱：各成员预测只保留其相对最新值变化的{100 * kept:.0f}%；"
        if kept is not None
        else ""
    )
    return f"{drawn}中位数：居中两个值{low}和{high}的平均数为{mid}"


def _level(p: Mapping[str, Any]) -> str:
    median, latest = (_figure(p[x], p["unit"]) for x in ("median", "latest"))
    return (
        "数据中有0且无负值，无法取对数：区间在原值上计算，但其离散程度随水平上升，"
        f"尺度乘以1与“中位数÷最新值”中的较大者：{median}÷{latest}，取{p['factor']:.2f}"
    )


def _spread(p: Mapping[str, Any]) -> str:
    kept = [why for why, yes in (("数据缺口", p["gap"]), ("统计口径变化", p["break"])) if yes]
    return (
        "区间为趋势各噪声模型离散程度的加权平均（权重依各模型对增量的解释程度），"
        "按各成员预测的分歧放宽，再按该序列自身的历史预测误差"
        f"和长度乘以{p['calibration']:.2f}"
        + (f"（不小于1：历史数据存在{'和'.join(kept)}）" if kept else "")
    )


def _floor(p: Mapping[str, Any]) -> str:
    floor, point, low, high = (
        _figure(p[x], p["unit"]) for x in ("floor", "point", "lower", "upper")
    )
    return (
        f"已公布的下限{floor}是从未下降的存量指标的下界：以达到该下限为条件，"
        f"点预测为{point}，区间为{low}–{high}"
    )


_W, _R, _D, _Y = WarningCode, ReasonCode, DisagreementCode, WhyCode
_CHINESE: dict[Any, Callable[[Mapping[str, Any]], str]] = {
    _W.FEW_POINTS: lambda p: f"仅有{p['n']}个数据点",
    _W.GAP: _gap,
    _W.BREAK: lambda p: f"统计口径变化：{_years(p['periods'])}",
    _W.BOUNDS: _bounds,
    _W.NO_THRESHOLD: lambda _: "无达标概率：目标为变化量，须有基期值才能换算为水平值",
    _W.WINDOW_GAP: lambda _: "目标期内最新数据之前缺少某一年的数据",
    _W.PRO_RATA: _pro_rata,
    _W.NO_INTERVAL: lambda _: "仅有点预测：数据不足以估计离散程度",
    _W.ZERO_SPREAD: lambda _: "拟合的离散程度为零：区间退化为一点",
    _W.SHORT_CALIBRATION: lambda _: "可用于校准区间的历史预测误差不足三个",
    _W.DROPPED_POINTS: lambda _: "已剔除无效数值",
    _W.DUPLICATE_TIMES: lambda _: "同一时间有两个观测值",
    _R.NO_DATA: lambda _: "无适用的指标观测值",
    _R.NOT_AFTER_LAST: lambda p: (
        f"截止日期{p['deadline']}不晚于最新观测期（{period_label(p['last'], 'zh')}）："
        "无需预测，应直接评估完成情况"
    ),
    _R.NONPOSITIVE: lambda p: f"{method_label(p['method'], 'zh')}须取对数，而数据中有0或负值",
    _R.OVERFLOW: lambda p: (
        f"{method_label(p['method'], 'zh')}：历史数据、目标值或预测值超出双精度浮点数的范围"
        "（约1.8×10³⁰⁸），无法给出数值"
    ),
    _R.TOO_FEW_POINTS: lambda p: f"仅有{p['n']}个数据点，该方法需要更多数据",
    _R.BAD_HORIZON: lambda _: "截止日期或区间概率无法使用",
    _R.UNSUPPORTED: lambda _: "现有数据不足以支持预测",
    _D.NO_PROBABILITY: lambda p: f"{_head(p)}：无达标概率，采用另一种判断的评级",
    _D.NEVER_ON_TRACK: lambda p: (
        f"{_head(p)}：达标概率为{p['probability']:.2f}，低于0.5时不评为进展顺利"
    ),
    _D.RATE_ENOUGH: lambda p: (
        f"{_head(p)}：近期变化速度已足够，但预测区间{_interval(p)}对应的达标概率仅为"
        f"{p['probability']:.2f}"
    ),
    _D.RATE_SHORT: lambda p: (
        f"{_head(p)}：近期变化速度不足，但预测区间{_interval(p)}对应的达标概率为"
        f"{p['probability']:.2f}"
    ),
    _Y.YTD: _ytd,
    _Y.PRO_RATA: lambda p: (
        f"{period_label(p['period'], 'zh')}年内累计数，无往年年内数据：按时间进度推算，"
        f"时期已过{p['elapsed']:.1%}"
    ),
    _Y.ASKED: lambda p: f"按要求采用{method_label(p['method'], 'zh')}，基于{p['n']}个数据点",
    _Y.COMBINED: lambda p: (
        f"自动选择：取最新值、最小二乘直线、{_growth_zh(p)}"
        f"和最近{p['window']}个间隔的平均变化量"
        f"四种预测的中位数，基于{p['n']}个数据点"
    ),
    _Y.CHOSEN: lambda p: f"自动选择了{method_label(p['method'], 'zh')}，基于{p['n']}个数据点",
    _Y.MEMBERS: _members,
    _Y.STEADY_GROWTH: lambda p: (
        f"稳定上升（最近{p['recent']}个间隔均上升，且最近{p['window']}个间隔未放缓）：以平均变化量代替最新值"
        if p.get("recent")
        else f"稳定增长（每个间隔均上升，且最近{p['window']}个间隔未放缓）：以平均变化量代替最新值"
    ),
    _Y.MEDIAN: _median,
    _Y.LEVEL: _level,
    _Y.SPREAD: _spread,
    _Y.FLOOR: _floor,
}
