"""The words :func:`innovplan.units.parse_quantity` reads as units, and the units they mean.

Units are given as pint unit expressions of :func:`innovplan.units.registry`.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from importlib import resources
from types import MappingProxyType
from typing import Final

import pint

from innovplan.errors import AmbiguousUnitError, RefusedUnitError
from innovplan.units._registry import THINGS, WRITTEN_NAMES, Registry, Unit, built, registry

__all__ = [
    "AMBIGUOUS",
    "CHINESE_NOUNS",
    "COMPATIBILITY_UNITS",
    "COUNT_WORDS",
    "ENGLISH_PHRASES",
    "PERSON_SCALES",
    "PER_TIME",
    "REFUSED_SPELLINGS",
    "SYMBOLS",
    "THINGS",
    "VOUCHED_SYMBOLS",
    "WRITTEN_UNITS",
    "canonical_name",
    "refused_spelling",
    "refused_spelling_at",
    "registry_name",
    "suggestions",
    "unit",
    "word_goes_on",
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
        # Lengths, areas, masses and electricity as China's statistical
        # yearbooks write them (the legal units of measurement of the PRC,
        # 中华人民共和国法定计量单位, 1984): 公里 and 千米 are the kilometre, 公斤
        # and 千克 the kilogram, 公顷 the hectare, 千瓦时 the kilowatt-hour.
        "公顷": "hectare",
        "公里": "kilometer",
        "千米": "kilometer",
        "米": "meter",
        "公斤": "kilogram",
        "千克": "kilogram",
        # Air quality: PM2.5 in 微克/立方米 (GB 3095-2012).
        "微克": "microgram",
        "毫克": "milligram",
        "万千瓦": "ten_thousand_kilowatt",
        "千瓦": "kilowatt",
        "亿千瓦时": "hundred_million_kilowatt_hour",
        "万千瓦时": "ten_thousand_kilowatt_hour",
        "千瓦时": "kilowatt_hour",
        # Grid statistics: a line's voltage class in 千伏 (kV), transformer
        # capacity in 千伏安 (kVA); 万千伏安 is 万 of them.
        "千伏安": "kilovolt_ampere",
        "千伏": "kilovolt",
        "伏": "volt",
        # 亩 (mu), 1/15 hectare: plan_units.txt's Chinese_mu, never pint's "mu".
        "万亩": "ten_thousand_mu",
        "亩": "Chinese_mu",
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

# Units of time that Chinese writes only under a division: "500万立方米/日" and
# "200立方米每日" are a capacity a day, "2000元/月" a wage a month. Alone they
# are dates and times of day ("5日", "3月"), never read. 年 is not here: "100万
# 吨/年" is the deadline year's total, as "5 patents a year" is.
PER_TIME: Final = MappingProxyType(
    {
        "日": "day",
        "天": "day",
        "小时": "hour",
        "时": "hour",
        "月": "month",
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
        "sq km": "kilometer ** 2",
        "sq m": "meter ** 2",
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

# Units statistics write with the power as a plain digit ("km2", "m3", as
# tables of land area and water resources do in ASCII) or with the micro sign
# ("µg/m³" of air quality: PM10 and PM2.5 in micrograms per cubic metre, WHO
# Air Quality Guidelines 2021); matched as written, as whole words. pint reads
# none of these words ("m2" is no metre times 2), and "ug" it reads as the
# microgram the table means.
WRITTEN_UNITS: Final = MappingProxyType(
    {
        "m2": "meter ** 2",
        "m3": "meter ** 3",
        "km2": "kilometer ** 2",
        "km3": "kilometer ** 3",
        "cm2": "centimeter ** 2",
        "cm3": "centimeter ** 3",
        "mm2": "millimeter ** 2",
        "mm3": "millimeter ** 3",
        "µg": "microgram",  # U+00B5, the micro sign
        "μg": "microgram",  # U+03BC, the Greek mu
        "ug": "microgram",
    }
)

# The CJK compatibility characters for units (U+3380 to U+33DF, and U+33FF),
# common in Chinese documents: ㎡, ㎢, ㎥, ㎍, ㎏, ㎾. Each is read as the text
# Unicode's compatibility decomposition (NFKC) writes for it ("m2", "km2",
# "μg/m3" for ㎍/㎥), at every door alike, and is read, refused or unknown as
# that text is. The ideographic telegraph symbols of days and hours (U+3358,
# U+33E0 …) decompose to a number and are left out.
COMPATIBILITY_UNITS: Final = MappingProxyType(
    {
        chr(cp): text
        for cp in (*range(0x3380, 0x33E0), 0x33FF)
        if (text := unicodedata.normalize("NFKC", chr(cp))) != chr(cp) and not text[0].isdigit()
    }
)

# A temperature in degrees Celsius or Fahrenheit sits on a scale whose zero is
# arbitrary: pint's degree_Celsius is an offset unit, and the ratio, the
# percent change and the compound growth of a level (attainment, GROWTH and
# PERCENT_CHANGE targets, forecasts on logs) would change with the scale. A
# difference of temperatures has a unit of its own, as an absolute one has.
_TEMPERATURE: Final = (
    "a temperature on the Celsius or Fahrenheit scale has an arbitrary zero, so its "
    "ratios and percent changes depend on the scale: write a temperature change as "
    "'delta_degC' (a warming of 1.5 delta_degC) and a temperature as 'kelvin' "
    "(20 °C is 293.15 kelvin)"
)

# pint's logarithmic units (decibel, neper, octave, decade) measure a ratio
# on a logarithmic scale: 3 dB plus 3 dB is no 6 dB of anything, and a target's
# attainment, gap or growth on such a figure means nothing.
_LOGARITHMIC: Final = (
    "it is a logarithmic ratio (pint's decibels, nepers, octaves and decades), whose "
    "figures neither add nor scale: write the ratio itself as 'dimensionless' or 'percent'"
)
_DECADE: Final = (
    "it is a logarithmic ratio to pint (a factor of ten), not ten years: write a span "
    "of time in 'year' (a decade is 10 year)"
)

# Spellings the unit rule refuses that are no words of pint: what each means
# to pint or to statistics, and what to write instead. 度 is the kilowatt-hour
# of electricity statistics ("用电量100亿度"), and also a degree of angle or of
# temperature ("气温25度"): it is ambiguous, as "kt" is.
REFUSED_SPELLINGS: Final[MappingProxyType[str, tuple[str | tuple[str, ...], str]]] = (
    MappingProxyType(
        {
            "°C": ("degree_Celsius", _TEMPERATURE),
            "℃": ("degree_Celsius", _TEMPERATURE),
            "deg C": ("degree_Celsius", _TEMPERATURE),
            "°F": ("degree_Fahrenheit", _TEMPERATURE),
            "℉": ("degree_Fahrenheit", _TEMPERATURE),
            "deg F": ("degree_Fahrenheit", _TEMPERATURE),
            # As typed: the masculine ordinal º (U+00BA) and the ring ˚ (U+02DA)
            # for the degree sign, a space or a small letter after it, and "oC".
            "ºC": ("degree_Celsius", _TEMPERATURE),
            "˚C": ("degree_Celsius", _TEMPERATURE),
            "° C": ("degree_Celsius", _TEMPERATURE),
            "°c": ("degree_Celsius", _TEMPERATURE),
            "oC": ("degree_Celsius", _TEMPERATURE),
            "ºF": ("degree_Fahrenheit", _TEMPERATURE),
            "˚F": ("degree_Fahrenheit", _TEMPERATURE),
            "° F": ("degree_Fahrenheit", _TEMPERATURE),
            "°f": ("degree_Fahrenheit", _TEMPERATURE),
            "oF": ("degree_Fahrenheit", _TEMPERATURE),
            # The words: 摄氏度 and 华氏度 (攝氏度, 華氏度 in traditional
            # characters), and the English names pint spells in lower case.
            "摄氏度": ("degree_Celsius", _TEMPERATURE),
            "攝氏度": ("degree_Celsius", _TEMPERATURE),
            "华氏度": ("degree_Fahrenheit", _TEMPERATURE),
            "華氏度": ("degree_Fahrenheit", _TEMPERATURE),
            "degrees Celsius": ("degree_Celsius", _TEMPERATURE),
            "degree Celsius": ("degree_Celsius", _TEMPERATURE),
            "degrees centigrade": ("degree_Celsius", _TEMPERATURE),
            "degree centigrade": ("degree_Celsius", _TEMPERATURE),
            "degrees Centigrade": ("degree_Celsius", _TEMPERATURE),
            "degree Centigrade": ("degree_Celsius", _TEMPERATURE),
            "degrees C": ("degree_Celsius", _TEMPERATURE),
            "degree C": ("degree_Celsius", _TEMPERATURE),
            "deg c": ("degree_Celsius", _TEMPERATURE),
            "Celsius": ("degree_Celsius", _TEMPERATURE),
            "Centigrade": ("degree_Celsius", _TEMPERATURE),
            "degrees Fahrenheit": ("degree_Fahrenheit", _TEMPERATURE),
            "degree Fahrenheit": ("degree_Fahrenheit", _TEMPERATURE),
            "degrees F": ("degree_Fahrenheit", _TEMPERATURE),
            "degree F": ("degree_Fahrenheit", _TEMPERATURE),
            "deg f": ("degree_Fahrenheit", _TEMPERATURE),
            "Fahrenheit": ("degree_Fahrenheit", _TEMPERATURE),
            # A bare ° is a degree of angle to pint and a temperature in most
            # text ("室内温度不低于18°"), as 度 is.
            "°": (
                ("degree", "delta_degC", "kelvin"),
                (
                    "it is a degree of angle or of temperature; a temperature change is "
                    "'delta_degC', a temperature 'kelvin' (20 °C is 293.15 kelvin)"
                ),
            ),
            "度": (
                ("kilowatt_hour", "degree"),
                (
                    "electricity statistics write it for the kilowatt-hour (1 度 = 1 千瓦时), "
                    "other text for a degree of angle or temperature"
                ),
            ),
        }
    )
)


def word_goes_on(text: str, pos: int) -> bool:
    """Whether an ASCII letter, digit or "_" stands at *pos*: a word written in ASCII goes on.

    Chinese text glues a unit to the next word ("40m2以上", "35µg/m3以下"), so a
    CJK character or punctuation after "m2" ends it, as a space does.

    Example:
        >>> word_goes_on("40m2以上", 4), word_goes_on("m23", 2)
        (False, True)
    """
    return pos < len(text) and text[pos].isascii() and (text[pos].isalnum() or text[pos] == "_")


def refused_spelling(word: str) -> RefusedUnitError:
    """The error for a spelling of :data:`REFUSED_SPELLINGS`.

    Example:
        >>> print(refused_spelling("度"))
        unit '度' is ambiguous: electricity statistics write it for the kilowatt-hour (1 度 = 1 千瓦时), other text for a degree of angle or temperature; write 'kilowatt_hour' or 'degree'
    """  # noqa: E501 (a doctest's output is one line)
    reading, advice = REFUSED_SPELLINGS[word]
    if isinstance(reading, str):
        return RefusedUnitError(word, reading, advice)
    return AmbiguousUnitError(word, reading, advice)


def refused_spelling_at(text: str, pos: int) -> str | None:
    """The spelling of :data:`REFUSED_SPELLINGS` that starts at *pos*, else ``None``.

    The longest is taken; one that ends in a letter must end the word ("deg C"
    is no start of "deg Celsius").

    Example:
        >>> refused_spelling_at("20 °C", 3), refused_spelling_at("20 degrees", 3)
        ('°C', None)
    """
    best: str | None = None
    for spelling in REFUSED_SPELLINGS:
        end = pos + len(spelling)
        if not text.startswith(spelling, pos) or (best is not None and len(best) >= len(spelling)):
            continue
        if spelling[-1].isascii() and spelling[-1].isalnum() and word_goes_on(text, end):
            continue
        best = spelling
    return best


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
    # Air quality in mg/m³ as in µg/m³ (GB 3095-2012 writes CO in mg/m³).
    "milligram",
    "microgram",
    # What the temperature refusal advises: a warming and a temperature.
    "delta_degree_Celsius",
    "delta_degree_Fahrenheit",
    "kelvin",
)

# Readings shared by a symbol and its word ("qt" and "quart", "oz" and "ounce").
_QUART: Final = (
    ("US_liquid_quart", "imperial_quart"),
    (
        "pint reads the US quart (0.946 litres), UK figures mean the imperial "
        "quart (1.137 litres, Weights and Measures Act 1985)"
    ),
)
_OUNCE: Final = (
    ("troy_ounce", "avoirdupois_ounce"),
    (
        "gold and silver statistics write it for the troy ounce (31.103 g, as the "
        "LBMA and USGS do), pint reads the avoirdupois ounce (28.350 g)"
    ),
)

# Symbols pint reads as one unit while statistics offices write them for
# another: no door reads them, and the error names a spelling for each reading.
# Symbols with one reading everywhere are read as pint reads them
# (VOUCHED_SYMBOLS below).
AMBIGUOUS: Final = MappingProxyType(
    {
        # A mass in development statistics (World Bank WDI, "CO2 emissions
        # (kt)", EN.ATM.CO2E.KT), a speed to pint and to navigators.
        "kt": (
            ("kilotonne", "knot"),
            (
                "development statistics write it for the kilotonne (World Bank WDI: "
                "'CO2 emissions (kt)'), pint reads the knot, a speed"
            ),
        ),
        # pint's pp is the printer's point; statistics write it for percentage
        # points (Eurostat's news releases: "+0.3 pp"), which this vocabulary
        # reads only as percentage_point, so that percent and points never mix.
        "pp": (
            ("percentage_point", "printers_point"),
            (
                "statistics write it for percentage points (as Eurostat's news releases do), "
                "pint reads the printer's point, a length"
            ),
        ),
        # pint's bbl is the US fluid barrel of 31.5 gallons; oil statistics
        # mean 42 US gallons (US EIA Glossary, "Barrel (petroleum)").
        "bbl": (
            ("oil_barrel", "US_liquid_barrel"),
            (
                "oil statistics write it for the barrel of 42 US gallons (US EIA Glossary: "
                "'Barrel (petroleum)'), pint reads a barrel of 31.5 US gallons"
            ),
        ),
        # The US gallon is 231 cubic inches (NIST Handbook 44, Appendix C);
        # the imperial gallon of UK figures 4.546 09 litres (Weights and
        # Measures Act 1985, Schedule 1, Part VI): a fifth more.
        "gal": (
            ("US_liquid_gallon", "imperial_gallon"),
            (
                "pint reads the US gallon (3.785 litres), UK figures mean the imperial "
                "gallon (4.546 litres, Weights and Measures Act 1985)"
            ),
        ),
        # The same two systems for the pint, an eighth of each gallon.
        "pt": (
            ("US_pint", "imperial_pint"),
            (
                "pint reads the US pint (0.473 litres), UK figures mean the imperial "
                "pint (0.568 litres, Weights and Measures Act 1985)"
            ),
        ),
        # Financial writing: "inflation rose 2 pct" is a share, "rates up 0.25 pct"
        # often a difference of shares; pint reads pico + carat.
        "pct": (
            ("percent", "percentage_point"),
            (
                "financial writing uses it for per cent and for percentage points, "
                "pint reads the picocarat"
            ),
        ),
        # China's statistical yearbooks write "tons" for 吨, the metric tonne of
        # 1,000 kg; pint's ton is the US short ton of 2,000 pounds, 907.18474 kg
        # (NIST Handbook 44, Appendix C): a figure read so is 9 % small.
        "ton": (
            ("tonne", "short_ton"),
            (
                "China's statistical yearbooks write it for the metric tonne (1,000 kg), "
                "pint reads the US short ton (907.18 kg)"
            ),
        ),
        # The names behind the symbols above carry the same two readings: pint's
        # barrel, gallon, pint and quart are the US ones (NIST Handbook 44,
        # Appendix C), its barrel the 31.5-gallon one. Spelt out, each reading
        # has a name of its own; US_liquid_barrel is plan_units.txt's alias.
        "barrel": (
            ("oil_barrel", "US_liquid_barrel"),
            (
                "oil statistics write it for the barrel of 42 US gallons (US EIA Glossary: "
                "'Barrel (petroleum)'), pint reads a barrel of 31.5 US gallons"
            ),
        ),
        "gallon": (
            ("US_liquid_gallon", "imperial_gallon"),
            (
                "pint reads the US gallon (3.785 litres), UK figures mean the imperial "
                "gallon (4.546 litres, Weights and Measures Act 1985)"
            ),
        ),
        "pint": (
            ("US_pint", "imperial_pint"),
            (
                "pint reads the US pint (0.473 litres), UK figures mean the imperial "
                "pint (0.568 litres, Weights and Measures Act 1985)"
            ),
        ),
        "quart": _QUART,
        "qt": _QUART,
        # Precious-metal statistics (LBMA, USGS Mineral Commodity Summaries)
        # weigh in troy ounces of 31.103 4768 g; pint's ounce is the
        # avoirdupois one of 28.349 523 125 g (NIST Handbook 44, Appendix C).
        "ounce": _OUNCE,
        # Mining reports write "koz" and "Moz" of gold: troy ounces too.
        "oz": _OUNCE,
    }
)

# Symbols read as pint reads them, at every door: each has one reading in
# statistics. The SI Brochure's (9th ed. 2019, Tables 2, 4 and 8) with the
# prefixes energy and emission statistics use ("Mt CO2", "GWh", "PJ", the IEA's
# "Mtoe"); `ha` the hectare and `d` the day (same Table 8); `a` the year, as
# ISO 80000-3 writes the annum; `lb` the avoirdupois pound of 0.453 592 37 kg
# (NIST Handbook 44, Appendix C), as USDA's tables weigh crops and meat. Any
# other pint symbol, bare or with a prefix, reads as something a figure hardly
# means ("k" the Boltzmann constant, "pc" the parsec, "mu" a milli-atomic mass
# unit) and is refused.
VOUCHED_SYMBOLS: Final = frozenset(
    (
        *("t", "Mt", "Gt", "ha", "lb", "a", "d", "g", "kg", "mg"),
        *("m", "cm", "mm", "km", "L", "mL", "s", "min", "h"),
        *("W", "kW", "MW", "GW", "TW", "Wh", "kWh", "MWh", "GWh", "TWh"),
        *("J", "kJ", "MJ", "GJ", "TJ", "PJ", "EJ", "toe", "ktoe", "Mtoe"),
        # The litre is l or L (SI Brochure, Table 8 and its note): Eurostat's
        # wine and beer tables write hl, Australia's water accounts ML and GL.
        *("l", "ml", "hL", "hl", "kL", "kl", "ML", "GL"),
        # FAO food balance sheets: kcal/capita/day; UNFCCC inventories: Gg and
        # Tg of gases; grid statistics: transformer capacity in kVA and MVA.
        *("kcal", "Gg", "Tg", "kVA", "MVA"),
    )
)

# What a table or a report means by a word pint reads otherwise, and what to
# write for it.
_MAGNITUDE: Final = (
    "tables write {word} for {what}: put it into the number ({number}) or use a "
    "scaled unit such as million_person or hundred_million_yuan"
)
_THOUSAND: Final = (
    "tables write {word} for a thousand: put it into the number ('5 thousand', 5000) "
    "or use a scaled unit such as thousand_person; {what}"
)
_COUNT: Final = (
    "a count of things names what it counts: write 'item' (or 'enterprise', "
    "'project'), or 'dimensionless' for a plain number"
)
_ADVICE: Final = MappingProxyType(
    {
        "k": _THOUSAND.format(word="k", what="the constant is 'boltzmann_constant'"),
        "K": _THOUSAND.format(word="K", what="the temperature is 'kelvin'"),
        "unit": _COUNT,
        "units": _COUNT,
        "pc": ("write 'percent' for per cent, 'item' for pieces, 'parsec' for the length"),
        "mu": (
            "for 亩 (mu), the Chinese unit of land of 1/15 hectare, write '亩' or "
            "'Chinese_mu'; the mass is 'milliunified_atomic_mass_unit'"
        ),
        "M": _MAGNITUDE.format(word="M", what="a million", number="'5 million', 5000000"),
        "MM": _MAGNITUDE.format(word="MM", what="a million", number="'5 million', 5000000"),
        "B": _MAGNITUDE.format(word="B", what="a billion", number="'5 billion', 5000000000"),
        "T": (
            _MAGNITUDE.format(word="T", what="a trillion", number="'5 trillion', 5e12")
            + " ('t' is the tonne)"
        ),
        "Mrd": _MAGNITUDE.format(
            word="Mrd", what="a billion (Milliarde)", number="'5 billion', 5000000000"
        ),
        # USDA and FAO trade tables write "mt" and "MT" for metric tons.
        "mt": "trade tables write it for metric tons: write 't' or 'tonne'",
        "MT": "trade tables write it for metric tons: write 't' or 'tonne' ('Mt' for megatonnes)",
        # Oil statistics' kb/d and mb/d: thousand and million 42-gallon barrels a day.
        "kb": "oil statistics write it for a thousand barrels: write 'kilooil_barrel'",
        "mb": "oil statistics write it for a million barrels: write 'megaoil_barrel'",
    }
)

# Words pint reads as a unit no figure of a plan means, refused at every door
# whatever pint's reading: "25 bp" and "25 bps" are basis points to finance
# (pint: the printer's point and the baud), "3 points" percentage or index
# points (pint: a length), "5 mil" a thousand in Spanish and Portuguese tables
# and a million in "USD mil" (pint: an angle), "2 quarters" quarter-years
# (pint: 28 pounds).
_BASIS_POINTS: Final = (
    "finance writes it for basis points, hundredths of a percentage point: write the "
    "number in percentage_point ('25 bp' is 0.25 percentage_point)"
)
_POINTS: Final = (
    "statistics write it for percentage points or index points: write "
    "'percentage_point', or 'dimensionless' for an index; the length is 'printers_point'"
)
_QUARTERS: Final = (
    "statistics write it for quarter-years: write the time in 'month' (a quarter is "
    "3 month); the mass of 28 pounds is 'avoirdupois_quarter'"
)
_CARAT_OR_CENT: Final = (
    "energy prices write it for cents ('ct/kWh'), gem statistics for the metric carat "
    "of 200 mg: write a price in its currency ('0.25 EUR / kWh' for 25 ct/kWh), "
    "the mass as 'carat'"
)
_PPI: Final = (
    "statistics write PPI for the producer price index and DPI for disposable personal "
    "income, no units: write an index as 'dimensionless'; the resolutions are "
    "'pixels_per_inch' and 'dots_per_inch'"
)
_CENTIGRADE: Final = (
    "centigrade is the old name of the degree Celsius, which pint reads as a "
    "hundredth of a gradian (an angle); " + _TEMPERATURE
)
_REFUSED: Final = MappingProxyType(
    {
        "centigrade": _CENTIGRADE,
        "centigrades": _CENTIGRADE,
        "ct": _CARAT_OR_CENT,
        "cts": _CARAT_OR_CENT,
        "ppi": _PPI,
        "dpi": _PPI,
        "bp": _BASIS_POINTS,
        "bps": _BASIS_POINTS,
        "point": _POINTS,
        "points": _POINTS,
        "mil": (
            "Spanish and Portuguese tables write it for a thousand, 'USD mil' for a "
            "million: put it into the number ('5 thousand', '5 million'); the angle is "
            "'angular_mil', the length 'mil_length'"
        ),
        "mils": (
            "Spanish and Portuguese tables write it for thousands: put it into the "
            "number ('5 thousand'); the angle is 'angular_mil', the length 'mil_length'"
        ),
        "quarter": _QUARTERS,
        "quarters": _QUARTERS,
    }
)
_NO_PREFIX: Final = (
    "innovplan's own units (plan_units.txt) take no prefix, and money writing's m "
    "and k mean million and thousand: put the magnitude into the number "
    "('500 million yuan') or use a scaled unit such as ten_thousand_yuan, "
    "hundred_million_yuan or ten_thousand_person"
)

_MAX_NAME = 64


def registry_name(word: str, ureg: Registry | None = None) -> str | None:
    """Return the registry's name of the unit *word*, as written, or ``None``.

    This is the one rule for unit words: every reader of unit text asks it
    (``parse_unit``, ``parse_quantity``, ``Q_``, indicators, files, tables and
    phrases), so that a word means the same unit at every door, or is refused
    at every door. Read are:

    - the vocabulary's words: the names and aliases of ``plan_units.txt``
      (``yuan``, ``CNY``, ``patents``), with no prefix;
    - the symbols of :data:`VOUCHED_SYMBOLS` (``t``, ``Mt``, ``kWh``, ``ha``);
    - pint's full names and aliases, with an optional prefix written as a
      name and a plural (``kilotonnes``, ``hectare``, ``delta_degC``, ``short_ton``).

    Refused, with an error naming pint's reading and what to write instead, are
    any other pint symbol, bare or prefixed (``k``, ``pc``, ``mu``, ``units``),
    a prefix on a unit of ``plan_units.txt`` (``myuan``, ``kilopatent``),
    the words of :data:`AMBIGUOUS` (``kt``, ``pct``, ``ton``, ``gallons``,
    ``barrels``), pint's names that statistics write for other things
    (``bp``, ``bps``, ``points``, ``mil``, ``quarters``, ``ct``, ``PPI``),
    the offset units of temperature (``degC``, ``degree_Fahrenheit``), and any
    word whose singular, plural or other case is refused as the same unit
    (``KPH`` with ``kph``, ``dgals`` with ``dgal``). The phrase reader of
    :func:`canonical_name` then narrows the names it accepts. The spellings of
    :data:`WRITTEN_UNITS`, :data:`SYMBOLS` and :data:`REFUSED_SPELLINGS`
    (``km2``, ``µg``, ``公顷``, ``°C``) are no words of pint: the readers match
    them before they ask this rule.

    Raises:
        AmbiguousUnitError: *word* is a word of :data:`AMBIGUOUS` in any
            case, with or without a plural ``s`` and a prefix written ``k``,
            ``M``, ``G`` or as a name ("kts", "Mbbl", "KT", "kilotons"); the
            spellings offered keep the prefix ("kilotonne", "kiloshort_ton").
        RefusedUnitError: *word* is a pint symbol outside
            :data:`VOUCHED_SYMBOLS`, a prefix on a unit of ``plan_units.txt``,
            a temperature on an offset scale, a word pint reads as a unit
            statistics do not mean by it, or a form of a refused word.

    Example:
        >>> registry_name("patents"), registry_name("furlongs"), registry_name("tsp_x")
        ('patent', 'furlong', None)
        >>> registry_name("kt")
        Traceback (most recent call last):
        ...
        innovplan.errors.AmbiguousUnitError: unit 'kt' is ambiguous: development statistics write it for the kilotonne (World Bank WDI: 'CO2 emissions (kt)'), pint reads the knot, a speed; write 'kilotonne' or 'knot'
        >>> registry_name("k")
        Traceback (most recent call last):
        ...
        innovplan.errors.RefusedUnitError: unit 'k' is refused: pint reads it as boltzmann_constant; tables write k for a thousand: put it into the number ('5 thousand', 5000) or use a scaled unit such as thousand_person; the constant is 'boltzmann_constant'
    """  # noqa: E501 (a doctest's traceback is one line)
    ureg = registry() if ureg is None else ureg
    if not built(ureg):
        # pint's own definition files, read while the registry is built, name
        # their units by pint's names and symbols: the rule is for text from
        # outside, and its answers are kept only for the registry built whole.
        return _name_of(word, ureg)
    return _ruled(word, ureg)


def _name_of(word: str, ureg: Registry) -> str | None:
    """Return pint's name of *word*, or ``None``; an ambiguous symbol raises."""
    ambiguous = _ambiguous(word)
    if ambiguous is not None:
        raise AmbiguousUnitError(word, *ambiguous)
    if word == "dimensionless":
        return word
    if not word or len(word) > _MAX_NAME or word.lower() == "per":
        return None
    try:
        name = ureg.get_name(word)
    except (pint.PintError, ValueError, AttributeError, KeyError):
        return None
    return name or None


# Asked once per distinct word and registry: a table's unit column repeats its
# texts, and pint's own lookup of a name is slow. Refusals are not cached
# (lru_cache keeps no exceptions); they stop the reading anyway.
@functools.lru_cache(maxsize=4096)
def _ruled(word: str, ureg: Registry) -> str | None:
    name = _single(word, ureg)
    if name is None or name == "dimensionless" or word in VOUCHED_SYMBOLS:
        return name
    if word in (name, f"{name}s", f"{name}es"):
        # pint's own name of the unit, or its plural: only a symbol or an
        # alias differs from a refused form by case or plural ("KPH", "dgals"),
        # and asking pint about five other forms doubled a cold lookup.
        return name
    # One rule for a family: a word is refused when its singular, plural or
    # other case is refused as the same unit, so that "lbs" does not read where
    # "lb" is refused, nor "KPH" (pint's alias) where "kph" (its symbol) is.
    # Another unit behind another case ("YR", a yottamolar gas constant) is
    # another word, and "yr" reads.
    for form in _family(word):
        try:
            _single(form, ureg)
        except AmbiguousUnitError:
            continue  # the near-forms of AMBIGUOUS are refused on their own
        except RefusedUnitError as exc:
            if exc.reading == name:
                raise RefusedUnitError(word, name, exc.advice) from None
    return name


def _family(word: str) -> tuple[str, ...]:
    """The singular, plural and case forms of *word* that share its refusal."""
    singular = word[:-1] if len(word) > 2 and word.endswith("s") else word
    forms = {singular, singular.lower(), singular.upper(), word.lower(), word.upper()}
    if word[-1:].islower() and word[-1:] != "s":
        forms.add(word + "s")
    forms.discard(word)
    return tuple(sorted(forms))


def _single(word: str, ureg: Registry) -> str | None:
    """The rule for *word* alone, without its other forms."""
    name = _name_of(word, ureg)
    if name is None or name == "dimensionless":
        return name
    definition = ureg._units[name]  # noqa: SLF001 (pint exposes no accessor)
    if definition.is_logarithmic:
        # decibel, neper, octave, decade: pint's logarithmic units, whose
        # figures are logarithms of ratios and neither add nor scale.
        raise RefusedUnitError(word, name, _DECADE if name == "decade" else _LOGARITHMIC)
    if not definition.is_multiplicative:
        # degC, degree_Fahrenheit: offset units, whose ratios mean nothing.
        raise RefusedUnitError(word, name, _TEMPERATURE)
    if word in VOUCHED_SYMBOLS or not any(c.isascii() and c.isalpha() for c in word):
        # 亿元, %, ‰: the vocabulary's own characters, which no pint symbol shares.
        return name
    refused = _REFUSED.get(word, _REFUSED.get(word.lower()))
    if refused is not None:
        raise RefusedUnitError(word, name, refused)
    advice = _refusal(word, name, ureg)
    if advice is not None:
        raise RefusedUnitError(word, name, advice)
    return name


def _refusal(word: str, name: str, ureg: Registry) -> str | None:
    """What to write instead of *word*, or ``None`` if the rule reads it."""
    plan = plan_names()
    advice: str | None = None
    splits = ureg.parse_unit_name(word)
    if not splits:
        return None  # pint's name of a unit of its own, with no split
    # pint's own split of the word: (prefix name, unit name, plural suffix).
    for prefix, unit, plural in splits:
        if prefix and unit in plan:
            advice = advice or _NO_PREFIX
            continue
        if prefix and not word.startswith(prefix):
            # A prefix written as a symbol ("kcal", "kpatent") before a name.
            advice = advice or _prefix_advice(prefix, unit)
            continue
        middle = word[len(prefix) : len(word) - len(plural)]
        symbol = ureg._units[unit].symbol  # noqa: SLF001 (pint exposes no accessor)
        if middle == symbol and middle != unit and unit not in plan:
            advice = advice or _its_name(name)
            continue
        return None
    return _ADVICE.get(word, advice or _its_name(name))


def _its_name(name: str) -> str:
    # pint's own name may be a word the rule refuses ("quart"): the writer's name reads.
    return f"write its name {WRITTEN_NAMES.get(name, name)!r} if that is meant"


# Units statistics write with an SI prefix (SI Brochure, 9th ed. 2019, Table 7),
# and the prefixes each takes: advice to write "kilo" as a word is given only
# for these, where it names what the table meant. pint's reading of "mt"
# (millimetric_ton), "MT" (megatesla) or "Mrd" (megarod) is named, never advised.
_SI_PREFIXES: Final = frozenset(
    ("milli", "micro", "nano", "centi", "deci", "hecto", "kilo", "mega", "giga", "tera", "peta")
)
_PREFIXED_IN_STATISTICS: Final = MappingProxyType(
    {
        **dict.fromkeys(
            (
                *("gram", "meter", "liter", "second", "watt", "watt_hour", "joule"),
                *("volt", "ampere", "volt_ampere", "hertz", "pascal", "byte", "bit"),
                *("calorie", "newton", "electron_volt"),
            ),
            _SI_PREFIXES,
        ),
        "metric_ton": frozenset(("kilo", "mega", "giga")),
        "tonne_of_oil_equivalent": frozenset(("kilo", "mega", "giga")),
    }
)


def _prefix_advice(prefix: str, unit: str) -> str:
    """Advice for pint's *prefix* written as a symbol before its *unit*."""
    whole = f"{prefix}{unit}"
    if prefix in _PREFIXED_IN_STATISTICS.get(unit, ()):
        return f"write the prefix as a word: {whole!r}"
    return (
        f"pint's reading, {whole!r}, is hardly what a table means: write the unit "
        "meant in full (docs/units.md lists the vocabulary)"
    )


# The prefix symbols statistics put before an ambiguous symbol ("kt", "Mbbl",
# "Gton") and the prefix each stands for, as pint reads it (K and g, which are
# no pint prefix, as the K and G of the lower-case lookup): any other letter
# before one is part of another word ("PPP", "app", "Eton"), not its near-form.
_NEAR_SYMBOLS: Final = MappingProxyType(
    {"k": "kilo", "K": "kilo", "M": "mega", "m": "milli", "G": "giga", "g": "giga"}
)


@functools.cache
def _prefix_names() -> MappingProxyType[str, str]:
    """Return pint's prefix names and their aliases of more than two letters, in lower case."""
    names: dict[str, str] = {}
    for prefix in registry()._prefixes.values():  # noqa: SLF001 (pint exposes no accessor)
        for text in (prefix.name, *prefix.aliases):
            if len(text) > 2:  # names and words, not symbols such as "da"
                names[text.lower()] = prefix.name
    return MappingProxyType(names)


def _prefixed(prefix: str, spellings: tuple[str, ...]) -> tuple[str, ...] | None:
    """*spellings* with *prefix*, written before an ambiguous symbol, as a name.

    ``None`` if *prefix* is none of the prefixes a near-form starts with.
    """
    if not prefix:
        return spellings
    name = _NEAR_SYMBOLS.get(prefix) or _prefix_names().get(prefix.lower())
    return None if name is None else tuple(f"{name}{spelling}" for spelling in spellings)


@functools.lru_cache(maxsize=4096)
def _ambiguous(word: str) -> tuple[tuple[str, ...], str] | None:
    """Return the :data:`AMBIGUOUS` entry *word* is a form of, else ``None``.

    pint reads a unit with a prefix and a plural ``s`` ("kts", "Mbbl" as a
    megabarrel of 31.5 gallons, where oil statistics mean a thousand barrels of
    42), so the near-forms of a refused symbol are refused with it. The lookup
    is in lower case, so that "KT" and "kT" (pint: kilotesla) mean at every
    door what "kt" means. pint's `Gal` (the galileo, an acceleration) and
    `dgal` (the US dry gallon) are refused with `gal` on that account: neither
    appears in development statistics, and both keep their full names
    (`galileo`, `dry_gallon`).

    The spellings offered keep the prefix as pint reads it, as a name
    ("kilotons": 'kilotonne' or 'kiloshort_ton'), so that the advice followed
    gives the magnitude written.
    """
    folded = word.lower()
    for symbol, (spellings, reason) in AMBIGUOUS.items():
        for tail in (symbol, symbol + "s"):
            if not folded.endswith(tail):
                continue
            prefix = word[: len(word) - len(tail)]
            prefixed = _prefixed(prefix, spellings)
            if prefixed is None:
                continue
            note = ""
            if prefix and symbol == "kt":
                # "Mkt", "kkt": a prefix on the kilo of kilotonne has no name.
                prefixed = spellings
                note = f"; put the magnitude of {prefix!r} into the number"
            if prefix[:1] == "M" and symbol in {"bbl", "barrel"}:
                # US oil statistics write M for a thousand barrels, MM a million
                # (US EIA Glossary, "Mbbl"): pint's mega is a thousand times that.
                note = "; US oil statistics write Mbbl for a thousand barrels ('kilooil_barrel')"
            return prefixed, reason + note
    return None


@functools.cache
def plan_names() -> frozenset[str]:
    """Return the registry's names of the units ``plan_units.txt`` defines.

    Example:
        >>> "yuan" in plan_names(), "metric_ton" in plan_names()
        (True, False)
    """
    names = set()
    with resources.as_file(resources.files(__package__) / "plan_units.txt") as path:
        lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        # Definition lines start in column 0 with a name, the unit's name in
        # the registry; comments, `[dim]` lines, `@` directives and context
        # bodies (indented) are skipped. Read from the file alone: the rule
        # asks while the registry is being built from it.
        if line[:1].isalpha() and "=" in line:
            names.add(line.split("=", 1)[0].strip())
    return frozenset(names)


@functools.cache
def _readable_names() -> frozenset[str]:
    """Return the canonical names of the units text may name."""
    ureg = registry()
    return frozenset({ureg.get_name(name) for name in _PINT_UNITS} | plan_names())


@functools.lru_cache(maxsize=4096)
def canonical_name(word: str) -> str | None:
    """Return the registry's name for *word* if it names a readable unit, else ``None``.

    Plurals and aliases resolve ("patents", "CNY"). A word unknown as written
    is tried in lower case ("Enterprises", "KG"); a word the rule refuses as
    written is no unit here, and is not tried in another case: "M" (pint: the
    molar) is a million in a table, never the metre "m".

    Example:
        >>> canonical_name("labs"), canonical_name("furlongs"), canonical_name("M")
        ('laboratory', None, None)
    """
    for candidate in dict.fromkeys((word, word.lower())):
        try:
            name = registry_name(candidate)
        except AmbiguousUnitError:
            raise
        except RefusedUnitError:
            # "in" (the inch), "units" (a micro-nit): words of a phrase, no units.
            return None
        if name is not None:
            return name if name == "dimensionless" or name in _readable_names() else None
    return None


@functools.cache
def unit(expression: str) -> Unit:
    """Return the unit of the pint *expression*, built once.

    Example:
        >>> unit("patent / ten_thousand_person")
        <Unit('patent / ten_thousand_person')>
    """
    return registry().Unit(expression)


# Names of powers that read, offered beside the symbol ("km2" and "square_kilometre").
_POWER_NAMES: Final = MappingProxyType(
    {"kilometer ** 2": "square_kilometre", "meter ** 2": "square_metre"}
)


@functools.lru_cache(maxsize=1024)
def suggestions(word: str) -> tuple[str, ...]:
    """Spellings that read near the unit *word*, nearest first; none when nothing is near.

    A word that ends in the digit of a power ("kilometre2") is offered the
    spellings of that power of its unit, and nothing when its unit is refused
    or unknown ("Mm3", "hm2": a guess would cross a prefix). Any other word is
    compared with the vocabulary's names without regard to case ("hectars")
    and with its symbols as written, since a symbol's case is its prefix
    ("mm" and "Mm"); a symbol that differs from the word only in case is
    offered when it is the only one ("kw": 'kW'). The word itself is never
    offered. Asked only on the error path, once per word: the candidates are
    gathered on first use.

    Example:
        >>> suggestions("kilometre2"), suggestions("hectars"), suggestions("Mm3")
        (('km2', 'square_kilometre'), ('hectare',), ())
    """
    if not word or len(word) > _MAX_NAME:
        return ()
    if len(word) > 1 and word[-1] in "23" and not word[-2].isdigit():
        try:
            name = registry_name(word[:-1])
        except RefusedUnitError:
            name = None
        if name is None or name == "dimensionless":
            return ()
        power = f"{name} ** {word[-1]}"
        found = [w for w, e in WRITTEN_UNITS.items() if e == power and w.isascii()]
        found.append(_POWER_NAMES.get(power, power))
        return tuple(dict.fromkeys(found))
    symbols, names = _suggestible()
    folded = [s for s in symbols if s.lower() == word.lower() and s != word]
    if len(folded) == 1:
        return tuple(folded)
    scored = [(difflib.SequenceMatcher(None, word, s).ratio(), s) for s in symbols if s != word] + [
        (difflib.SequenceMatcher(None, word.lower(), n.lower()).ratio(), n)
        for n in names
        if n != word
    ]
    close = sorted((c for c in scored if c[0] >= _CUTOFF), key=lambda c: -c[0])
    return tuple(dict.fromkeys(c[1] for c in close[:2]))


# How near a spelling must be to be offered: difflib's ratio, 2 * matches / length.
_CUTOFF: Final = 0.75


@functools.cache
def _suggestible() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words offered as suggestions: symbols (compared as written) and names."""
    symbols = {*(w for w in WRITTEN_UNITS if w.isascii()), *VOUCHED_SYMBOLS}
    names = {
        *(p for p in ENGLISH_PHRASES if " " not in p),
        *plan_names(),
        *_PINT_UNITS,
        *THINGS,
        *PERSON_SCALES,
        *_POWER_NAMES.values(),
        "dimensionless",
        "people",
        "kilotonne",
        "megatonne",
        "delta_degC",
        "kelvin",
    }
    return tuple(sorted(symbols)), tuple(sorted(names - symbols))
