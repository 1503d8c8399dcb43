"""Words, colours and unit labels shared by the HTML, the plots and the command line."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from innovplan.model import Status
from innovplan.units import SYMBOLS, format_figure, format_quantity, registry, short_form

if TYPE_CHECKING:
    from innovplan.units import Quantity

__all__ = [
    "LANGUAGES",
    "STATUS_COLOURS",
    "check_lang",
    "display_unit",
    "fmt_quantity",
    "status_label",
    "word",
    "zh_unit",
]

LANGUAGES = ("en", "zh")

# A diverging scale from dark green (met) through amber to red (moving away),
# with blue for "not decided yet" and grey for "nothing known". Colour-blind
# readers get the status word as well, never the colour alone.
STATUS_COLOURS: dict[Status, str] = {
    Status.ACHIEVED: "#1b7837",
    Status.ON_TRACK: "#5aae61",
    Status.MODERATE: "#e6ab02",
    Status.LIMITED: "#f46d43",
    Status.DETERIORATING: "#d73027",
    Status.NOT_ACHIEVED: "#a50026",
    Status.PENDING: "#4393c3",
    Status.NO_DATA: "#bababa",
}
"""The colour of each status, in the order of the legend."""

_STATUS_WORDS = {
    Status.ACHIEVED: ("achieved", "已完成"),
    Status.NOT_ACHIEVED: ("not achieved", "未完成"),
    Status.PENDING: ("pending", "待观察"),
    Status.ON_TRACK: ("on track", "进展顺利"),
    Status.MODERATE: ("moderate progress", "进展一般"),
    Status.LIMITED: ("limited progress", "进展有限"),
    Status.DETERIORATING: ("moving away", "趋于恶化"),
    Status.NO_DATA: ("no data", "暂无数据"),
}

_WORDS = {
    "target": ("target", "目标"),
    "targets": ("targets", "目标"),
    "goal": ("goal", "总体目标"),
    "observed": ("observed", "实际值"),
    "status": ("status", "状态"),
    "attainment": ("attainment", "完成率"),
    "gap": ("gap", "差距"),
    "trajectory": ("trajectory", "趋势预测"),
    "source": ("source", "来源"),
    "deadline": ("deadline", "截止日期"),
    "history": ("history", "历史数据"),
    "forecast": ("forecast", "预测"),
    "interval": ("interval", "区间"),
    "outcome": ("outcome", "结果"),
    "year to date": ("year to date", "年内累计"),
    "baseline": ("baseline", "基期值"),
    "required path": ("required path", "所需路径"),
    "ratio": ("ratio", "比值"),
    "total": ("total", "总体"),
    "legend": ("legend", "图例"),
    "every release": ("every release", "全部发布数据"),
    "as of": ("as of", "截至"),
    "nature": ("nature", "性质"),
    "binding": ("binding", "约束性"),
    "anticipatory": ("anticipatory", "预期性"),
    "plan": ("plan", "规划"),
    "released": ("released", "发布"),
    "likelihood": ("likelihood", "可能性"),
    "status by goal": ("status by goal", "各总体目标完成情况"),
    "number of targets": ("number of targets", "目标个数"),
    "task": ("task", "任务"),
    "tasks": ("tasks", "任务"),
    "evidence": ("evidence", "进展依据"),
    "score": ("score", "评分"),
    "no quantified target": ("no quantified target", "无量化目标"),
    "method": ("method", "方法"),
    "notes": ("notes", "说明"),
}


def check_lang(lang: str) -> int:
    """The index of *lang* in :data:`LANGUAGES`, or a ``ValueError`` naming the choices.

    Example:
        >>> check_lang("zh")
        1
    """
    try:
        return LANGUAGES.index(lang)
    except ValueError:
        msg = f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}"
        raise ValueError(msg) from None


def status_label(status: Status, lang: str = "en") -> str:
    """The status as a reader says it.

    Example:
        >>> status_label(Status.ON_TRACK), status_label(Status.ON_TRACK, "zh")
        ('on track', '进展顺利')
    """
    return _STATUS_WORDS[status][check_lang(lang)]


def word(key: str, lang: str = "en") -> str:
    """A fixed word of the faces in *lang* (the key itself when there is none).

    Example:
        >>> word("deadline", "zh")
        '截止日期'
    """
    pair = _WORDS.get(key)
    return key if pair is None else pair[check_lang(lang)]


def fmt_quantity(q: Quantity | None, lang: str = "en") -> str:
    """A quantity as the plain-text report writes it (``1,450亿元``, ``14,500 enterprise``).

    In Chinese a unit with a Chinese name in the plan vocabulary takes it,
    written after the number as Chinese writes it (``14,500家``,
    ``120万平方米``, ``1.56个百分点``); any other unit keeps its English name.

    Example:
        >>> from innovplan import Q_
        >>> fmt_quantity(Q_(1450, "hundred_million_yuan")), fmt_quantity(None)
        ('1,450亿元', '—')
        >>> fmt_quantity(Q_(14500, "enterprise")), fmt_quantity(Q_(14500, "enterprise"), "zh")
        ('14,500 enterprise', '14,500家')
        >>> fmt_quantity(Q_(34.56, "patent / ten_thousand_person"), "zh")
        '34.56件/万人'
    """
    if q is not None and check_lang(lang) == 1:
        name = zh_unit(str(q.units))
        if name is not None:
            return format_figure(float(q.magnitude)) + name
    return format_quantity(q)


def zh_unit(unit: str) -> str | None:
    """The Chinese name of *unit* (pint's text of it), or None if it has none.

    A unit of the plan vocabulary written in characters takes that name
    (亿元, 万平方米, 个百分点), a count its measure word (家, 件, 项), and a
    ratio of two such units both names (件/万人).

    Example:
        >>> zh_unit("ten_thousand_square_meter"), zh_unit("patent / ten_thousand_person")
        ('万平方米', '件/万人')
        >>> zh_unit("kilowatt_hour"), zh_unit("microgram / meter ** 3"), zh_unit("year") is None
        ('千瓦时', '微克/立方米', True)
    """
    name = _zh_units().get(unit) or _ZH_COUNTS.get(unit)
    if name is not None:
        return name
    top, slash, bottom = unit.partition(" / ")
    if not slash:
        return None
    above, below = zh_unit(top), _zh_units().get(bottom) or _ZH_COUNTS.get(bottom)
    return None if above is None or below is None else f"{above}/{below}"


# The units that innovplan.units reads from Chinese text, by the names it
# reads them from (the first, where several read as one unit: 公里 before 千米):
# the vocabulary's own table turned round, so that a unit it learns to read is
# written back in Chinese too. A year has two Chinese names (岁 of an age, 年 of
# schooling) and keeps its English one.
@functools.cache
def _zh_units() -> dict[str, str]:
    ureg = registry()
    names: dict[str, str] = {}
    for chinese, name in SYMBOLS.items():
        names.setdefault(str(ureg.Unit(name)), chinese)
    del names["year"]
    return names


# (base unit, scale in base units, English label, Chinese label) per dimension.
_SCALES: dict[str, tuple[str, float, str, str]] = {
    "[currency_CNY]": ("yuan", 1e9, "billion yuan", "亿元"),
    "[length] ** 2": ("meter ** 2", 1e6, "million m²", "万平方米"),
}
_ZH_SCALE = {"[currency_CNY]": 1e8, "[length] ** 2": 1e4}
_ZH_COUNTS = {
    "enterprise": "家",
    "laboratory": "家",
    "facility": "个",
    "project": "项",
    "centre": "个",
    "team": "支",
    "patent": "件",
    "person": "人",
    "item": "个",
}


@functools.cache
def display_unit(unit: str, lang: str = "en") -> tuple[float, str]:
    """How to show magnitudes in *unit*: a factor to multiply them by, and the label.

    Money reads as 亿元 in Chinese and as billion yuan in English; areas as
    万平方米 or million m²; counts by their measure word (家, 件) or plural.

    Args:
        unit: A unit expression of innovplan's registry.
        lang: ``"en"`` or ``"zh"``.

    Returns:
        ``(factor, label)``: show ``magnitude * factor`` followed by ``label``.

    Example:
        >>> display_unit("hundred_million_yuan", "en")
        (0.1, 'billion yuan')
        >>> display_unit("hundred_million_yuan", "zh")
        (1.0, '亿元')
        >>> display_unit("enterprise", "en"), display_unit("enterprise", "zh")
        ((1.0, 'enterprises'), (1.0, '家'))
        >>> display_unit("percent", "zh")
        (1.0, '%')
    """
    from innovplan.units import registry

    zh = check_lang(lang) == 1
    ureg = registry()
    u = ureg.Unit(unit)
    if unit == "percent":
        return 1.0, "%"
    if unit == "percentage_point":
        return 1.0, "个百分点" if zh else "percentage points"
    dim = str(u.dimensionality)
    if dim in _SCALES:
        base, scale, en_label, zh_label = _SCALES[dim]
        if zh:
            scale = _ZH_SCALE[dim]
        one = float(ureg.Quantity(1.0, u).to(base).magnitude)
        return one / scale, zh_label if zh else en_label
    if unit in _ZH_COUNTS:
        return 1.0, _ZH_COUNTS[unit] if zh else _plural(unit)
    if unit == "patent / ten_thousand_person":
        return 1.0, "件/万人" if zh else "patents per 10,000 people"
    return 1.0, short_form(u) or unit


def _plural(name: str) -> str:
    if name.endswith("y"):
        return name[:-1] + "ies"
    return name + "s"
