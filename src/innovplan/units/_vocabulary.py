"""The words :func:`innovplan.units.parse_quantity` reads as units, and the units they mean.

Units are given as pint unit expressions of :func:`innovplan.units.registry`.
"""

from __future__ import annotations

import functools
from importlib import resources
from types import MappingProxyType
from typing import Final

import pint

from innovplan.units._registry import THINGS, Unit, registry

__all__ = [
    "CHINESE_NOUNS",
    "COUNT_WORDS",
    "ENGLISH_PHRASES",
    "PERSON_SCALES",
    "SYMBOLS",
    "THINGS",
    "canonical_name",
    "unit",
]

# Chinese count words (量词) and the thing each counts unless the caller says
# otherwise with ``thing=``: 家 counts enterprises, but also laboratories.
COUNT_WORDS: Final = MappingProxyType(
    {
        "家": "enterprise",
        "个": "item",
        "件": "patent",
        "项": "project",
        "支": "team",
        "名": "person",
        "人": "person",
        "位": "person",
        "所": "facility",
        "座": "facility",
    }
)

# Nouns that may follow a count word and say what is counted ("1.3万家企业").
CHINESE_NOUNS: Final = MappingProxyType(
    {
        "企业": "enterprise",
        "实验室": "laboratory",
        "专利": "patent",
        "项目": "project",
        "团队": "team",
        "中心": "centre",
    }
)

# Units written with Chinese characters or symbols, matched exactly, longest
# first: "个百分点" is a percentage point before "个" is a count word.
SYMBOLS: Final = MappingProxyType(
    {
        "万亿元": "trillion_yuan",
        "亿元": "hundred_million_yuan",
        "万元": "ten_thousand_yuan",
        "元": "yuan",
        "美元": "USD",
        "欧元": "EUR",
        "日元": "JPY",
        "英镑": "GBP",
        "港元": "HKD",
        "万平方米": "ten_thousand_square_meter",
        "平方米": "meter ** 2",
        "平方公里": "kilometer ** 2",
        "立方米": "meter ** 3",
        "亿吨标准煤": "hundred_million_tonne_of_standard_coal",
        "万吨标准煤": "ten_thousand_tonne_of_standard_coal",
        "吨标准煤": "tonne_of_standard_coal",
        "亿吨": "hundred_million_tonne",
        "万吨": "ten_thousand_tonne",
        "吨": "tonne",
        "亿斤": "hundred_million_jin",
        "斤": "jin",
        # Years of age ("人均预期寿命78.3岁"): a span of time, as "提高1岁" is.
        "岁": "year",
        "十万人": "hundred_thousand_person",
        "百万人": "million_person",
        "万人": "ten_thousand_person",
        "千人": "thousand_person",
        "个百分点": "percentage_point",
        "百分点": "percentage_point",
        "%": "percent",
        "‰": "permille",
    }
)

# English units of more than one word, or words pint does not define; matched
# without regard to case, longest first.
ENGLISH_PHRASES: Final = MappingProxyType(
    {
        "square meters": "meter ** 2",
        "square meter": "meter ** 2",
        "square metres": "meter ** 2",
        "square metre": "meter ** 2",
        "square kilometers": "kilometer ** 2",
        "square kilometer": "kilometer ** 2",
        "square kilometres": "kilometer ** 2",
        "square kilometre": "kilometer ** 2",
        "metric tons": "tonne",
        "metric ton": "tonne",
        "tonnes of standard coal": "tonne_of_standard_coal",
        "tons of standard coal": "tonne_of_standard_coal",
        "cubic meters": "meter ** 3",
        "cubic meter": "meter ** 3",
        "cubic metres": "meter ** 3",
        "cubic metre": "meter ** 3",
        "percentage points": "percentage_point",
        "percentage point": "percentage_point",
        "per cent": "percent",
        "percent": "percent",
        "capita": "person",
    }
)

# "per 10,000 people": how many people each per-capita unit stands for.
PERSON_SCALES: Final = MappingProxyType(
    {
        "person": 1,
        "thousand_person": 10**3,
        "ten_thousand_person": 10**4,
        "hundred_thousand_person": 10**5,
        "million_person": 10**6,
    }
)

# pint's own units a plan may use besides those of plan_units.txt. Every other
# pint unit (furlongs, printer's points) is not read as text: a plan that
# needs one builds it with ``registry().Quantity``.
_PINT_UNITS = (
    "meter",
    "kilometer",
    "hectare",
    "percent",
    "permille",
    "count",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "kilogram",
    "metric_ton",
    "kilowatt_hour",
)

_MAX_NAME = 64


@functools.cache
def _readable_names() -> frozenset[str]:
    """Return the canonical names of the units text may name."""
    ureg = registry()
    names = set(_PINT_UNITS)
    with resources.as_file(resources.files(__package__) / "plan_units.txt") as path:
        lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        # Definition lines start in column 0 with a name; comments, `[dim]`
        # lines, `@` directives and context bodies (indented) are skipped.
        if line[:1].isalpha() and "=" in line:
            names.add(line.split("=", 1)[0].strip())
    return frozenset(ureg.get_name(name) for name in names)


@functools.lru_cache(maxsize=4096)
def canonical_name(word: str) -> str | None:
    """Return the registry's name for *word* if it names a readable unit, else ``None``.

    Plurals and aliases resolve ("patents", "CNY"); words are tried as written
    and then in lower case ("Enterprises").

    Example:
        >>> canonical_name("labs"), canonical_name("furlongs")
        ('laboratory', None)
    """
    if word == "dimensionless":
        return word
    if not word or len(word) > _MAX_NAME:
        return None
    for candidate in dict.fromkeys((word, word.lower())):
        try:
            name = registry().get_name(candidate)
        except pint.PintError:
            continue
        if name in _readable_names():
            return name
    return None


@functools.cache
def unit(expression: str) -> Unit:
    """Return the unit of the pint *expression*, built once.

    Example:
        >>> unit("patent / ten_thousand_person")
        <Unit('patent / ten_thousand_person')>
    """
    return registry().Unit(expression)
