"""The words of target phrases, English and Chinese, and what each one means.

Every table here is data: ``docs/targets.md`` lists the same words, and a test
checks that the two agree. Matching is exact (English in lower case); longer
phrases win over shorter ones ("no less than" over "less than").

The legal reading of the Chinese comparators follows the Civil Code of the
People's Republic of China, art. 1259: "以上", "以下", "以内" and "届满" include
the number; "不满", "超过", "以外" exclude it. "突破" ("break through") is read
as "more than", like 超过.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, NamedTuple

from innovplan.model import Comparator

__all__ = [
    "ACTION_EN",
    "ACTION_ZH",
    "AFTER_EN",
    "AFTER_ZH",
    "AGE_NOUNS_EN",
    "AVERAGE_EN",
    "AVERAGE_ZH",
    "BEFORE_EN",
    "BEFORE_ZH",
    "CONTROL_ZH",
    "CUMULATIVE_EN",
    "CUMULATIVE_ZH",
    "DECREASE_EN",
    "DECREASE_ZH",
    "EVERY_YEAR_EN",
    "EVERY_YEAR_ZH",
    "FILLERS_EN",
    "FLOW_EN",
    "FLOW_ZH",
    "GROWTH_EN",
    "GROWTH_ZH",
    "LEVEL_EN",
    "LEVEL_ZH",
    "LINKS_EN",
    "MONTHS",
    "NEW_EN",
    "NEW_ZH",
    "NUMBER_WORDS",
    "PER_CAPITA_ZH",
    "PREDICATE_EN",
    "PROTECTED_ZH",
    "QUANTIFIERS_EN",
    "QUANTIFIERS_ZH",
    "REACH_EN",
    "REACH_ZH",
    "READING",
    "SHARED_ZH",
    "SHARE_EN",
    "SHARE_ZH",
    "SIGNS",
    "STRUCTURE_EN",
    "STRUCTURE_ZH",
    "THINGS_EN",
    "THINGS_ZH",
    "TO_EN",
    "TO_ZH",
    "Reading",
]


class Reading(NamedTuple):
    """What a comparator word means: the comparator and how it reads in words."""

    comparator: Comparator
    meaning: str


_C = Comparator

# Comparators written before the number ("more than 13,000", "突破13000家").
BEFORE_EN: Final = MappingProxyType(
    {
        "exceed": _C.MORE_THAN,
        "exceeds": _C.MORE_THAN,
        "exceeded": _C.MORE_THAN,
        "exceeding": _C.MORE_THAN,
        "more than": _C.MORE_THAN,
        "over": _C.MORE_THAN,
        "above": _C.MORE_THAN,
        "greater than": _C.MORE_THAN,
        "higher than": _C.MORE_THAN,
        "at least": _C.AT_LEAST,
        "no less than": _C.AT_LEAST,
        "not less than": _C.AT_LEAST,
        "no fewer than": _C.AT_LEAST,
        "not fewer than": _C.AT_LEAST,
        "no lower than": _C.AT_LEAST,
        "not lower than": _C.AT_LEAST,
        "about": _C.ABOUT,
        "around": _C.ABOUT,
        "approximately": _C.ABOUT,
        "roughly": _C.ABOUT,
        "nearly": _C.ABOUT,
        "close to": _C.ABOUT,
        "up to": _C.AT_MOST,
        "no more than": _C.AT_MOST,
        "not more than": _C.AT_MOST,
        "no higher than": _C.AT_MOST,
        "not higher than": _C.AT_MOST,
        "not exceeding": _C.AT_MOST,
        "not exceed": _C.AT_MOST,
        "at most": _C.AT_MOST,
        "within": _C.AT_MOST,
        "below": _C.LESS_THAN,
        "under": _C.LESS_THAN,
        "less than": _C.LESS_THAN,
        "fewer than": _C.LESS_THAN,
        "lower than": _C.LESS_THAN,
    }
)

# Comparators written after the number ("13,000 and more").
AFTER_EN: Final = MappingProxyType(
    {
        "and more": _C.AT_LEAST,
        "or more": _C.AT_LEAST,
        "and above": _C.AT_LEAST,
        "or above": _C.AT_LEAST,
        "and over": _C.AT_LEAST,
        "or over": _C.AT_LEAST,
        "at least": _C.AT_LEAST,
        "or less": _C.AT_MOST,
        "or fewer": _C.AT_MOST,
        "and below": _C.AT_MOST,
        "or below": _C.AT_MOST,
        "and under": _C.AT_MOST,
        "or under": _C.AT_MOST,
        "at most": _C.AT_MOST,
        "or so": _C.ABOUT,
    }
)

# Chinese comparators before the number. Single characters (超, 约, 近, 逾) count
# only right before the number: 约 is also the first half of 约束性 ("binding").
BEFORE_ZH: Final = MappingProxyType(
    {
        "突破": _C.MORE_THAN,
        "超过": _C.MORE_THAN,
        "超": _C.MORE_THAN,
        "逾": _C.MORE_THAN,
        "高于": _C.MORE_THAN,
        "多于": _C.MORE_THAN,
        "大于": _C.MORE_THAN,
        "不低于": _C.AT_LEAST,
        "不少于": _C.AT_LEAST,
        "不小于": _C.AT_LEAST,
        "至少": _C.AT_LEAST,
        "约": _C.ABOUT,
        "大约": _C.ABOUT,
        "近": _C.ABOUT,
        "接近": _C.ABOUT,
        "不超过": _C.AT_MOST,
        "不高于": _C.AT_MOST,
        "不多于": _C.AT_MOST,
        "不大于": _C.AT_MOST,
        "最多": _C.AT_MOST,
        "控制在": _C.AT_MOST,
        "低于": _C.LESS_THAN,
        "少于": _C.LESS_THAN,
        "小于": _C.LESS_THAN,
        "不满": _C.LESS_THAN,
        "不足": _C.LESS_THAN,
    }
)

# Chinese comparators after the number ("11.5%以上", "11%左右").
AFTER_ZH: Final = MappingProxyType(
    {
        "以上": _C.AT_LEAST,
        "及以上": _C.AT_LEAST,
        "左右": _C.ABOUT,
        "上下": _C.ABOUT,
        "以内": _C.AT_MOST,
        "之内": _C.AT_MOST,
        "以下": _C.AT_MOST,
        "及以下": _C.AT_MOST,
    }
)

# "Reach" words: the value is to be met or bettered, which way depends on the
# direction (at least for higher-is-better, at most for lower-is-better).
REACH_EN: Final = frozenset(
    {"reach", "reaches", "reached", "reaching", "achieve", "achieves", "achieved", "hit", "attain"}
)
REACH_ZH: Final = ("力争达到", "力争", "达到", "达", "实现", "争取")

# Why each comparator word reads as it does; ``notes`` of a parsed target
# quote the entry. Civil Code art. 1259 for the inclusive and exclusive words.
READING: Final = MappingProxyType(
    {
        "以上": "以上 includes the number (Civil Code art. 1259)",
        "及以上": "及以上 includes the number (Civil Code art. 1259)",
        "以下": "以下 includes the number (Civil Code art. 1259)",
        "及以下": "及以下 includes the number (Civil Code art. 1259)",
        "以内": "以内 includes the number (Civil Code art. 1259)",
        "之内": "之内 includes the number, as 以内 (Civil Code art. 1259)",
        "超过": "超过 excludes the number (Civil Code art. 1259)",
        "不满": "不满 excludes the number (Civil Code art. 1259)",
        "突破": "突破 ('break through') is read as more than, like 超过",
        "左右": "左右 is 'about' with no legal tolerance; the tolerance is a parameter",
        "more than": "'more than' excludes the number; '… and more' includes it",
        "and more": "'and more' includes the number",
        "or more": "'or more' includes the number",
    }
)

# The value is the new level, not the change: "increase to 11 %", "提升到11%".
TO_EN: Final = frozenset({"to"})
TO_ZH: Final = ("到", "至")

GROWTH_EN: Final = frozenset(
    {
        "growth",
        "grow",
        "grows",
        "grew",
        "grown",
        "growing",
        "increase",
        "increases",
        "increased",
        "increasing",
        "rise",
        "rises",
        "rose",
        "risen",
        "rising",
        "raise",
        "raised",
        "up",
        "expand",
        "expanded",
    }
)
GROWTH_ZH: Final = (
    "年均增长",
    "增长率",
    "增长",
    "增速",
    "增幅",
    "涨幅",
    "提高",
    "提升",
    "增加",
    "上升",
)

DECREASE_EN: Final = frozenset(
    {
        "reduce",
        "reduces",
        "reduced",
        "reducing",
        "reduction",
        "lower",
        "lowered",
        "cut",
        "decrease",
        "decreased",
        "decline",
        "declined",
        "fall",
        "falls",
        "fell",
        "drop",
        "dropped",
        "down",
    }
)
DECREASE_ZH: Final = ("降低", "下降", "减少", "压减", "缩减", "缩小", "降幅", "降")

# Words of keeping a value down: their targets are lower-is-better.
CONTROL_ZH: Final = ("控制在", "控制", "压减", "不超过")

AVERAGE_EN: Final = (
    "average annual",
    "annual average",
    "annually on average",
    "a year on average",
    "a year",
    "per year",
    "per annum",
    "annually",
)
AVERAGE_ZH: Final = ("年均", "年平均")

# A total or a change over the whole window ("〔〕内为5年累计数", the note of
# five-year-plan tables): an amount is summed, a level or a rate is compared
# with its baseline.
CUMULATIVE_EN: Final = (
    "cumulative",
    "cumulatively",
    "in total over",
    "in total during",
    "in total between",
    "in total in",
)
CUMULATIVE_ZH: Final = ("累计",)

# A limit that each year of the window must meet ("控制在5.5%以内" every year).
EVERY_YEAR_EN: Final = ("every year", "each year", "in each year", "each and every year")
EVERY_YEAR_ZH: Final = ("各年度", "每年", "每一年")

# Comparison signs written before the number, as plan tables print them (">7",
# "<5.5"); full-width ＞ and ＜ are made ASCII before reading.
SIGNS: Final = MappingProxyType(
    {
        ">": _C.MORE_THAN,
        "<": _C.LESS_THAN,
        "≥": _C.AT_LEAST,
        ">=": _C.AT_LEAST,
        "⩾": _C.AT_LEAST,
        "≤": _C.AT_MOST,
        "<=": _C.AT_MOST,
        "⩽": _C.AT_MOST,
        "≈": _C.ABOUT,
    }
)

# Modifiers that the items of a list share: in "单位国内生产总值能耗和二氧化碳排放",
# "per unit of GDP" belongs to both.
SHARED_ZH: Final = (
    "单位国内生产总值",
    "单位GDP",
    "万元国内生产总值",
    "万元GDP",
    "每十万人口",
    "每万人口",
    "每千人口",
    "人均",
)

# Nouns after "under"/"over" that make the number an age ("children under 3").
AGE_NOUNS_EN: Final = frozenset(
    {"children", "child", "kids", "infants", "toddlers", "people", "persons", "population"}
    | {"adults", "elderly", "residents", "age", "aged", "ages", "those"}
)

SHARE_EN: Final = frozenset(
    {"proportion", "share", "ratio", "percentage", "rate", "intensity", "coverage"}
)
SHARE_ZH: Final = ("占比", "比重", "比例", "占", "率", "强度")

LEVEL_EN: Final = ("number of", "total", "stock", "balance", "amount of", "scale of")
LEVEL_ZH: Final = ("总量", "总数", "数量", "拥有量", "保有量", "存量", "余额", "规模", "入库")

# Nouns of money and output over a period: their indicators are flows.
FLOW_EN: Final = frozenset(
    {
        "turnover",
        "investment",
        "revenue",
        "revenues",
        "sales",
        "output",
        "exports",
        "expenditure",
        "spending",
        "financing",
        "added",
    }
)
FLOW_ZH: Final = (
    "成交额",
    "交易额",
    "投资",
    "投入",
    "收入",
    "销售额",
    "产值",
    "增加值",
    "出口",
    "融资",
)

# "New" counts are flows even of a stock indicator ("净增高新技术企业2000家").
NEW_EN: Final = frozenset({"new", "newly", "net", "additional"})
NEW_ZH: Final = ("新增", "净增", "新认定", "新建")

# Verbs of doing something in the period; the participle names the flow.
ACTION_EN: Final = MappingProxyType(
    {
        **dict.fromkeys(("build", "builds", "building", "built"), "built"),
        **dict.fromkeys(
            ("construct", "constructed", "constructing", "construction"), "constructed"
        ),
        **dict.fromkeys(("promote", "promotes", "promoted", "promoting"), "promoted"),
        **dict.fromkeys(("pre-research", "pre-researched"), "pre-researched"),
        **dict.fromkeys(("prefabricate", "prefabricated"), "prefabricated"),
        **dict.fromkeys(("approve", "approved", "approving", "approval"), "approved"),
        **dict.fromkeys(("cultivate", "cultivated", "cultivating"), "cultivated"),
        **dict.fromkeys(("support", "supported", "supporting"), "supported"),
        **dict.fromkeys(("introduce", "introduced", "introducing"), "introduced"),
        **dict.fromkeys(("attract", "attracted", "attracting"), "attracted"),
        **dict.fromkeys(("gather", "gathered", "gathering"), "gathered"),
        **dict.fromkeys(("identify", "identified", "identifying"), "identified"),
        **dict.fromkeys(
            ("establish", "established", "establishing", "establishment"), "established"
        ),
        **dict.fromkeys(("create", "created", "creating"), "created"),
        **dict.fromkeys(("launch", "launched", "launching"), "launched"),
        **dict.fromkeys(("initiate", "initiated", "initiating"), "initiated"),
        **dict.fromkeys(("implement", "implemented", "implementing"), "implemented"),
        **dict.fromkeys(("train", "trained", "training"), "trained"),
        **dict.fromkeys(("incubate", "incubated", "incubating"), "incubated"),
        **dict.fromkeys(("recruit", "recruited", "recruiting"), "recruited"),
        **dict.fromkeys(("add", "adds"), "added"),
        **dict.fromkeys(("complete", "completed", "completing"), "completed"),
        **dict.fromkeys(("plant", "planted", "planting"), "planted"),
    }
)
ACTION_ZH: Final = (
    "推进建设",
    "获批建设",
    "预研预制",
    "引进和培育",
    "建设",
    "新建",
    "建成",
    "推进",
    "打造",
    "培育",
    "引进",
    "引育",
    "支持",
    "集聚",
    "认定",
    "获批",
    "实施",
    "组建",
    "布局",
    "启动",
    "转化",
    "孵化",
    "培养",
    "吸引",
    "招引",
    "设立",
    "创建",
    "完成",
)

# Words that end an English subject and start the predicate.
PREDICATE_EN: Final = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "will",
        "shall",
        "should",
        "has",
        "have",
        "had",
        "be",
        "been",
        "being",
        "become",
        "becomes",
        "became",
        "remain",
        "remains",
        "stay",
        "stays",
        "keep",
        "keeps",
        "maintain",
        "maintains",
        "maintaining",
        "continue",
        "continued",
        "all",
        "both",
        "each",
        "respectively",
    }
)
QUANTIFIERS_EN: Final = frozenset({"all", "both", "each", "respectively"})
QUANTIFIERS_ZH: Final = ("均", "都", "分别")

# Words between a comparator and its number that change nothing ("reach a total of").
FILLERS_EN: Final = frozenset({"a", "an", "the", "of", "total", "to", "by", "level", "mark"})
# Words that start or end a noun phrase without belonging to it.
LINKS_EN: Final = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "with",
        "while",
        "also",
        "of",
        "in",
        "to",
        "by",
        "for",
        "at",
        "on",
        "from",
        "that",
        "which",
        "such",
        "as",
        "including",
        "major",
        "new",
        "than",
        "more",
        "its",
        "their",
        "this",
        "these",
        "cumulative",
        "cumulatively",
    }
)

# Nouns that describe the plan itself: "22 tasks", "nine aspects" are not targets.
STRUCTURE_EN: Final = frozenset(
    {
        "aspect",
        "aspects",
        "task",
        "tasks",
        "goal",
        "goals",
        "objective",
        "objectives",
        "area",
        "areas",
        "field",
        "fields",
        "point",
        "points",
        "measure",
        "measures",
        "pillar",
        "pillars",
        "priority",
        "priorities",
        "principle",
        "principles",
        "section",
        "sections",
        "article",
        "articles",
        "chapter",
        "chapters",
        "part",
        "parts",
        "step",
        "steps",
        "item",
        "items",
        "times",
    }
)
STRUCTURE_ZH: Final = (
    "指标",
    "方面",
    "任务",
    "目标",
    "领域",
    "举措",
    "措施",
    "要点",
    "重点",
    "部分",
    "章",
    "条",
    "方向",
    "原则",
    "倍",
)

# The head noun of a counted thing, and the countable unit it is.
THINGS_EN: Final = MappingProxyType(
    {
        **dict.fromkeys(("enterprise", "enterprises", "company", "companies"), "enterprise"),
        **dict.fromkeys(("firm", "firms", "sme", "smes"), "enterprise"),
        **dict.fromkeys(("laboratory", "laboratories", "lab", "labs"), "laboratory"),
        **dict.fromkeys(("project", "projects", "programme", "programmes"), "project"),
        **dict.fromkeys(("program", "programs"), "project"),
        **dict.fromkeys(("team", "teams"), "team"),
        **dict.fromkeys(("centre", "centres", "center", "centers"), "centre"),
        **dict.fromkeys(("patent", "patents"), "patent"),
        **dict.fromkeys(("talent", "talents", "person", "persons", "people"), "person"),
        **dict.fromkeys(("expert", "experts", "scientist", "scientists"), "person"),
        **dict.fromkeys(("researcher", "researchers", "graduate", "graduates"), "person"),
        **dict.fromkeys(("infrastructure", "infrastructures", "facility"), "facility"),
        **dict.fromkeys(("facilities", "platform", "platforms", "base", "bases"), "facility"),
        **dict.fromkeys(("park", "parks", "incubator", "incubators"), "facility"),
        # Jobs are counted as the people newly employed (城镇新增就业, 万人).
        **dict.fromkeys(("job", "jobs"), "person"),
    }
)
THINGS_ZH: Final = MappingProxyType(
    {
        "企业": "enterprise",
        "公司": "enterprise",
        "实验室": "laboratory",
        "中心": "centre",
        "专项": "project",
        "项目": "project",
        "工程": "project",
        "团队": "team",
        "人才": "person",
        "专家": "person",
        "人员": "person",
        "专利": "patent",
        "设施": "facility",
        "平台": "facility",
        "基地": "facility",
        "装置": "facility",
        "园区": "facility",
        "孵化器": "facility",
    }
)

# Chinese per-capita words and the scale of people they stand for.
PER_CAPITA_ZH: Final = MappingProxyType(
    {
        "每十万人口": "hundred_thousand_person",
        "每十万人": "hundred_thousand_person",
        "每万人口": "ten_thousand_person",
        "每万名": "ten_thousand_person",
        "每万人": "ten_thousand_person",
        "每千人口": "thousand_person",
        "每千人": "thousand_person",
        "每百万人": "million_person",
    }
)

# Nouns that contain a predicate word and must be read as nouns: 增加值 is
# "value added", not "增加" ("increase") followed by 值; 约束性 is "binding".
PROTECTED_ZH: Final = (
    "增加值",
    "约束性",
    "人均",
    "均衡",
    "平均",
    "超导",
    "超算",
    "超高",
    "近年",
    "近期",
    "达标",
    "效率",
    "率先",
    "占领",
    "提高到",
    "提升到",
    "增长到",
    "降低到",
    "下降到",
)

NUMBER_WORDS: Final = MappingProxyType(
    {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "fifteen": 15,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "hundred": 100,
    }
)

MONTHS: Final = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
