"""Indicators the phrase reader knows by name, and slugs for the ones it does not.

A known indicator has the same id, unit, measure and direction whether the
phrase names it in English or in Chinese, so that "the turnover of technology
contracts exceeded 145 billion yuan" and "技术合同成交额突破1450亿元" give equal
targets. Every other subject becomes an indicator named after the phrase, with
a slug id: the English words in lower case joined by ``_``, or for Chinese
names ``zh_`` and eight hex digits of a BLAKE2 hash of the name (stable across
runs and machines).
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Final, NamedTuple

from innovplan.model import Direction, Indicator, Measure
from innovplan.text._scan import is_cjk

__all__ = ["KNOWN", "Known", "find_known", "slug"]

_MAX_SLUG = 64


class Known(NamedTuple):
    """A known indicator and the names that call it."""

    id: str
    en: str
    zh: str
    unit: str
    measure: Measure
    direction: Direction
    aliases: tuple[str, ...]

    def indicator(self) -> Indicator:
        """The indicator, built once per process."""
        return _build(self)


@functools.cache
def _build(known: Known) -> Indicator:
    return Indicator(
        known.id,
        {"en": known.en, "zh": known.zh},
        unit=known.unit,
        measure=known.measure,
        direction=known.direction,
    )


_UP = Direction.INCREASE

KNOWN: Final = (
    Known(
        "high_tech_enterprises",
        "high-tech enterprises",
        "高新技术企业",
        "enterprise",
        Measure.LEVEL,
        _UP,
        ("high-tech enterprises", "high-tech companies", "高新技术企业", "高企"),
    ),
    Known(
        "tech_based_smes",
        "technology-based small and medium-sized enterprises",
        "科技型中小企业",
        "enterprise",
        Measure.LEVEL,
        _UP,
        (
            "technology-based small and medium-sized enterprises",
            "technology-based smes",
            "tech-based smes",
            "科技型中小企业",
        ),
    ),
    Known(
        "tech_contract_turnover",
        "technology contract turnover",
        "技术合同成交额",
        "hundred_million_yuan",
        Measure.FLOW,
        _UP,
        (
            "turnover of technology contracts",
            "technology contract turnover",
            "technology contract transactions",
            "技术合同成交额",
            "技术合同交易额",
            "技术市场交易成交额",
        ),
    ),
    Known(
        "high_tech_industry_value_added_growth",
        "growth of high-tech industries' value added",
        "高新技术产业增加值增长",
        "percent",
        Measure.GROWTH,
        _UP,
        (
            "added value of high-tech industries",
            "value added of high-tech industries",
            "high-tech industry value added",
            "高新技术产业增加值",
        ),
    ),
    Known(
        "digital_economy_core_share",
        "share of the digital economy's core industries in GDP",
        "数字经济核心产业增加值占比",
        "percent",
        Measure.SHARE,
        _UP,
        (
            "added value of core industries in the digital economy",
            "digital economy's core industries",
            "digital economy core industries",
            "数字经济核心产业增加值占",
            "数字经济核心产业占",
        ),
    ),
    Known(
        "innovation_blocks_built",
        "innovation blocks built",
        "建设创新街区",
        "meter ** 2",
        Measure.FLOW,
        _UP,
        ("innovative blocks", "innovation blocks", "创新街区"),
    ),
    Known(
        "high_value_invention_patents_per_10k",
        "high-value invention patents per 10,000 people",
        "每万人口高价值发明专利拥有量",
        "patent / ten_thousand_person",
        Measure.LEVEL,
        _UP,
        (
            "high-value invention patents per 10,000 people",
            "high-value invention patents per 10,000 population",
            "每万人口高价值发明专利拥有量",
            "每万人高价值发明专利拥有量",
        ),
    ),
    Known(
        "life_expectancy",
        "life expectancy",
        "人均预期寿命",
        "year",
        Measure.LEVEL,
        _UP,
        ("life expectancy", "人均预期寿命", "预期寿命"),
    ),
)

_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.lower().replace("’", "'"))


@functools.lru_cache(maxsize=1024)
def find_known(subject: str) -> Known | None:
    """Return the known indicator whose longest alias the *subject* contains.

    Example:
        >>> find_known("the turnover of technology contracts").id
        'tech_contract_turnover'
        >>> find_known("高技术制造业增加值") is None
        True
    """
    folded = _fold(subject)
    best: tuple[int, Known] | None = None
    for known in KNOWN:
        for alias in known.aliases:
            if alias in folded and (best is None or len(alias) > best[0]):
                best = (len(alias), known)
    return None if best is None else best[1]


_BRACKETS = re.compile(r"[(（\[【][^)）\]】]{0,200}[)）\]】]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Return a stable id for an indicator called *name*.

    Bracketed asides are left out; Chinese names hash, since an id is ASCII.

    Example:
        >>> slug("major technology (industry, manufacturing) innovation centers built")
        'major_technology_innovation_centers_built'
        >>> slug("推进建设重大科技基础设施")
        'zh_...'
    """
    if any(map(is_cjk, name)):
        digest = hashlib.blake2s(name.encode("utf-8"), digest_size=4).hexdigest()
        return f"zh_{digest}"
    text = _NON_SLUG.sub("_", _BRACKETS.sub(" ", name).lower()).strip("_")
    if len(text) > _MAX_SLUG:
        text = text[:_MAX_SLUG].rsplit("_", 1)[0]
    return text or "indicator"
