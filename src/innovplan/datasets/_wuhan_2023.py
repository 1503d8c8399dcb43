"""Wuhan's 2023 key points of S&T innovation work, built from the published record.

Every figure here was read in a published source named next to it. Figures that
could only be derived from two others (2022 patents per 10,000 people) are not
shipped; targets with no published outcome have no observation.
"""

from __future__ import annotations

from typing import Any

from innovplan.model import (
    Area,
    Bound,
    Comparator,
    Direction,
    Goal,
    Indicator,
    Measure,
    Observation,
    Plan,
    Source,
    Target,
)
from innovplan.units import registry

__all__ = ["build_observations", "build_plan"]

DEADLINE = "2023-12-31"

SEED = Source(
    "Wuhan Science and Technology Innovation Conference: Key Points of Science and "
    "Technology Innovation Work in Wuhan in 2023 (English news report, 2023-01-31)",
)
MID_YEAR = Source("Half-year review of Wuhan's innovation work, 2023")
GWR_2024 = Source("2024 Wuhan government work report")
IP_2023 = Source("《2023年武汉知识产权发展与保护状况》 press release")
BUREAU_TABLE = Source("Wuhan Science and Technology Bureau statistics table 2013–2018")


def _ind(ident: str, en: str, zh: str | None, unit: str, measure: Measure) -> Indicator:
    name = {"en": en} if zh is None else {"en": en, "zh": zh}
    return Indicator(ident, name, unit=unit, measure=measure, direction=Direction.INCREASE)


INDICATORS = {
    i.id: i
    for i in (
        _ind(
            "major_sti_infrastructure_promoted",
            "major S&T infrastructures under construction",
            "推进建设的重大科技基础设施",
            "facility",
            Measure.FLOW,
        ),
        _ind(
            "major_sti_infrastructure_preresearched",
            "major S&T infrastructures pre-researched",
            "预研预制的重大科技基础设施",
            "facility",
            Measure.FLOW,
        ),
        _ind(
            "national_key_labs_approved",
            "national key laboratories approved",
            "获批建设的全国重点实验室",
            "laboratory",
            Measure.FLOW,
        ),
        _ind(
            "national_key_labs_total",
            "national key laboratories in Wuhan (stock)",
            "全国重点实验室总数",
            "laboratory",
            Measure.LEVEL,
        ),
        _ind(
            "tech_innovation_centres_built",
            "major technology (industry, manufacturing) innovation centres built",
            "技术(产业、制造业)创新中心",
            "centre",
            Measure.FLOW,
        ),
        _ind(
            "sti_special_projects_promoted",
            "major S&T special projects promoted",
            "科技重大专项",
            "project",
            Measure.FLOW,
        ),
        _ind(
            "achievement_transformation_centres_built",
            "major achievement transformation centres built",
            "成果转化中心",
            "centre",
            Measure.FLOW,
        ),
        _ind(
            "high_end_innovation_teams",
            "high-end innovation teams introduced and cultivated",
            "高端创新团队",
            "team",
            Measure.FLOW,
        ),
        _ind(
            "high_tech_enterprises",
            "high-tech enterprises",
            "高新技术企业",
            "enterprise",
            Measure.LEVEL,
        ),
        _ind(
            "tech_smes_evaluated",
            "technology-based SMEs evaluated and registered",
            "科技型中小企业评价入库",
            "enterprise",
            Measure.LEVEL,
        ),
        _ind(
            "tech_contract_turnover",
            "technology contract turnover",
            "技术合同成交额",
            "hundred_million_yuan",
            Measure.FLOW,
        ),
        _ind(
            "high_tech_value_added_growth",
            "value added of high-tech industries, growth",
            "高新技术产业增加值增长",
            "percent",
            Measure.GROWTH,
        ),
        _ind(
            "digital_core_share",
            "digital economy core industries' value added, share of GDP",
            "数字经济核心产业增加值占比",
            "percent",
            Measure.SHARE,
        ),
        _ind(
            "innovation_blocks_built",
            "innovation blocks (parks, buildings) built",
            "创新街区(园区、楼宇)建设面积",
            "ten_thousand_square_meter",
            Measure.FLOW,
        ),
        _ind(
            "leading_talents_supported",
            "leading S&T talents cultivated and supported",
            None,
            "person",
            Measure.FLOW,
        ),
        _ind(
            "local_outstanding_talents",
            "local outstanding talents cultivated and supported",
            None,
            "person",
            Measure.FLOW,
        ),
        _ind(
            "strategic_talents_gathered",
            "strategic S&T talents attracted and gathered",
            None,
            "person",
            Measure.FLOW,
        ),
        _ind("tech_loans_growth", "technology loans, growth", None, "percent", Measure.GROWTH),
        _ind(
            "tech_insurance_growth", "technology insurance, growth", None, "percent", Measure.GROWTH
        ),
        _ind("venture_capital_growth", "venture capital, growth", None, "percent", Measure.GROWTH),
        _ind(
            "tech_enterprise_loan_balance",
            "loan balance of technology-based enterprises",
            "科技型企业贷款余额",
            "hundred_million_yuan",
            Measure.LEVEL,
        ),
        _ind(
            "patent_cultivation_centres_built",
            "high-value patent cultivation centres built",
            None,
            "centre",
            Measure.FLOW,
        ),
        _ind(
            "high_value_patents_per_10k",
            "high-value invention patents per 10,000 people",
            "每万人口高价值发明专利拥有量",
            "patent / ten_thousand_person",
            Measure.LEVEL,
        ),
        _ind("gdp", "gross domestic product", "地区生产总值", "hundred_million_yuan", Measure.FLOW),
        _ind("gdp_real_growth", "GDP, real growth", "地区生产总值增长", "percent", Measure.GROWTH),
        _ind(
            "resident_population",
            "year-end resident population",
            "常住人口",
            "ten_thousand_person",
            Measure.LEVEL,
        ),
    )
}


def _target(  # noqa: PLR0917 (a table of rows reads best positionally)
    ident: str,
    indicator: str,
    comparator: Comparator,
    value: float,
    unit: str,
    en: str,
    zh: str | None = None,
    **kw: Any,
) -> Target:
    wording = {"en": en} if zh is None else {"en": en, "zh": zh}
    return Target(
        ident,
        INDICATORS[indicator],
        comparator,
        registry().Quantity(value, unit),
        DEADLINE,
        wording=wording,
        **kw,
    )


def _targets() -> dict[str, tuple[Target, ...]]:
    eq, ge, gt, about = (
        Comparator.EQUAL,
        Comparator.AT_LEAST,
        Comparator.MORE_THAN,
        Comparator.ABOUT,
    )
    fin = "technology loans, technology insurance, and venture capital all maintaining a growth rate of more than 10%"  # noqa: E501 (one sentence of the seed)
    return {
        "G1": (
            _target("T1", "major_sti_infrastructure_promoted", eq, 4, "facility",
                    "the construction of 4 major scientific and technological infrastructures will be promoted",  # noqa: E501
                    "推进建设4个重大科技基础设施"),
            _target("T2", "major_sti_infrastructure_preresearched", eq, 4, "facility",
                    "4 major scientific and technological infrastructures will be pre-researched and prefabricated",  # noqa: E501
                    "预研预制4个重大科技基础设施"),
            _target("T3", "national_key_labs_approved", ge, 10, "laboratory",
                    "more than 10 national key laboratories will be approved to build",
                    "获批建设10家以上全国重点实验室",
                    notes="以上 includes the number (Civil Code art. 1259): at least 10; "
                    "the English report renders it 'more than'."),
        ),
        "G2": (
            _target("T4", "tech_innovation_centres_built", eq, 10, "centre",
                    "building 10 major technology (industry, manufacturing) innovation centers",
                    "打造10大…创新中心"),
            _target("T5", "sti_special_projects_promoted", eq, 10, "project",
                    "promoting 10 major scientific and technological special projects",
                    "推进10大科技重大专项"),
            _target("T6", "achievement_transformation_centres_built", eq, 10, "centre",
                    "building 10 major achievement transformation centers",
                    "建设10大成果转化中心"),
            _target("T7", "high_end_innovation_teams", eq, 10, "team",
                    "introducing and cultivating 10 high-end innovation teams",
                    "引进和培育10大高端创新团队"),
        ),
        "G3": (
            _target("T8", "high_tech_enterprises", gt, 13000, "enterprise",
                    "the number of high-tech enterprises exceeded 13,000",
                    "高新技术企业突破13000家"),
            _target("T9", "tech_smes_evaluated", eq, 9000, "enterprise",
                    "9,000 technology-based small and medium-sized enterprises were included in the evaluation",  # noqa: E501
                    "科技型中小企业评价入库9000家"),
            _target("T10", "tech_contract_turnover", gt, 1450, "hundred_million_yuan",
                    "The turnover of technology contracts exceeded 145 billion yuan",
                    "技术合同成交额突破1450亿元"),
            _target("T11", "high_tech_value_added_growth", ge, 11.5, "percent",
                    "the added value of high-tech industries increased by more than 11.5%",
                    "高新技术产业增加值增长11.5%以上",
                    notes="以上 includes the number (Civil Code art. 1259): at least 11.5 %; "
                    "the English report renders it 'more than'."),
            _target("T12", "digital_core_share", about, 11, "percent",
                    "the proportion of the added value of core industries in the digital economy increased to about 11%",  # noqa: E501
                    "数字经济核心产业增加值占比提升到11%左右"),
        ),
        "G4": (
            _target("T13", "innovation_blocks_built", eq, 120, "ten_thousand_square_meter",
                    "1.2 million square meters of innovative blocks (parks and buildings) are built",  # noqa: E501
                    "建设创新街区(园区、楼宇)120万平方米"),
            _target("T14", "leading_talents_supported", eq, 100, "person",
                    "cultivate and support 100 leading scientific and technological talents"),
            _target("T15", "local_outstanding_talents", eq, 1000, "person",
                    "1,000 local outstanding talents"),
            _target("T16", "strategic_talents_gathered", eq, 10, "person",
                    "attract and gather 10 strategic scientific and technological talents"),
            _target("T17", "tech_loans_growth", gt, 10, "percent", fin),
            _target("T18", "tech_insurance_growth", gt, 10, "percent", fin),
            _target("T19", "venture_capital_growth", gt, 10, "percent", fin),
            _target("T20", "patent_cultivation_centres_built", eq, 10, "centre",
                    "10 high-value patent cultivation centers have been built"),
            _target("T21", "high_value_patents_per_10k", eq, 30, "patent / ten_thousand_person",
                    "the number of high-value invention patents per 10,000 people has reached 30"),
        ),
    }  # fmt: skip


GOAL_TITLES = {
    "G1": ("the construction of the S&T innovation centre gains momentum", "科创中心建设成势收效"),
    "G2": ("S&T innovation projects are implemented in depth", "科技创新工程深入实施"),
    "G3": ("industrial innovation capability keeps strengthening", "产业创新能力连续增强"),
    "G4": ("the S&T innovation ecosystem is optimised faster", "科技创新生态加快优化"),
}

# The nine aspects as the English report lists them; only the first two are
# named in Chinese in public reports.
AREA_TITLES = (
    ("accelerate the construction of a science and technology innovation center", "加快推进科创中心建设"),  # noqa: E501
    ("accelerate the cultivation of strategic scientific and technological forces", "加快培育战略科技力量"),  # noqa: E501
    ("accelerate the breakthrough of key core technologies", None),
    ("accelerate the enhancement of enterprise innovation capabilities", None),
    ("accelerate the transformation of scientific and technological innovation achievements", None),
    ("accelerate the establishment of a new system of open innovation", None),
    ("accelerate the cultivation of a high-level technology talent team", None),
    ("accelerate the deepening of the reform of the scientific and technological system and mechanism", None),  # noqa: E501
    ("accelerate the creation of a tropical rainforest-style innovation ecology", None),
)  # fmt: skip

NOTES = (
    "The key points list 4 goals, 9 aspects and 22 tasks. The 9 aspects are named in the "
    "English report (two also in Chinese); the 22 tasks are not public and are not modelled. "
    "Targets T14-T21 have no published Chinese wording. T3 and T11 read 以上 as 'at least' "
    "(Civil Code art. 1259) where the English report says 'more than'."
)


def build_plan() -> Plan:
    """Build the plan object (see :func:`innovplan.datasets.wuhan_2023`)."""
    targets = _targets()
    goals = [
        Goal(gid, {"en": en, "zh": zh}, targets=targets[gid])
        for gid, (en, zh) in GOAL_TITLES.items()
    ]
    areas = [
        Area(f"A{i}", {"en": en} if zh is None else {"en": en, "zh": zh})
        for i, (en, zh) in enumerate(AREA_TITLES, start=1)
    ]
    return Plan(
        "wuhan-2023-sti",
        {
            "en": "Key Points of Science and Technology Innovation Work in Wuhan in 2023",
            "zh": "2023年武汉市科技创新工作要点",
        },
        start="2023-01-01",
        end=DEADLINE,
        goals=goals,
        areas=areas,
        released="2023-01-29",
        source=SEED,
        notes=NOTES,
    )


def _obs(
    indicator: str,
    value: float,
    period: str | int,
    source: Source,
    *,
    quote: str = "",
    released: str | None = None,
    bound: Bound = Bound.EXACT,
    **kw: Any,
) -> Observation:
    src = Source(source.title, source.url, quote) if quote else source
    q = registry().Quantity(value, INDICATORS[indicator].unit)
    return Observation(indicator, q, period, released=released, bound=bound, source=src, **kw)


def build_observations() -> tuple[Observation, ...]:
    """Build the published outcomes and history (see :func:`innovplan.datasets`)."""
    ge = Bound.AT_LEAST
    hte_src = Source("Wuhan high-tech enterprise count as published (source table not named)")
    gwr = {y: Source(f"{y} Wuhan government work report") for y in (2022, 2023, 2025)}
    unnamed = Source("published figure; the release is not named in the compiled record")
    outcomes = [
        _obs(
            "national_key_labs_approved",
            11,
            "2023-01-01/2023-08-06",
            MID_YEAR,
            quote="2023年,11家全国重点实验室获批建设",
            released="2023-08-06",
            note="approvals so far in 2023, as of the half-year review",
        ),
        _obs("national_key_labs_total", 34, "2023-08-06", MID_YEAR, released="2023-08-06"),
        _obs(
            "high_tech_enterprises",
            14500,
            "2023-12-31",
            GWR_2024,
            quote="净增高新技术企业超2000家,总量达1.45万家",
            released="2024-01-18",
        ),
        _obs(
            "tech_smes_evaluated",
            12500,
            "2023-12-31",
            GWR_2024,
            quote="科技型中小企业评价入库1.25万家,实现两年翻番",
            released="2024-01-18",
        ),
        _obs(
            "tech_contract_turnover",
            2198.43,
            2023,
            IP_2023,
            quote="2023年,武汉市技术合同成交额达2198.43亿元,同比增长62.23%",
            released="2024-04-26",
        ),
        _obs(
            "tech_contract_turnover",
            1004.06,
            "2023-H1",
            MID_YEAR,
            quote="上半年技术合同成交额1004.06亿元,同比增长35.36%",
            released="2023-08-06",
        ),
        _obs(
            "tech_loans_growth",
            11.56,
            2023,
            IP_2023,
            quote="武汉市科技型企业贷款余额4496.97亿元,同比增长11.56%",
            released="2024-04-26",
            note="growth of the loan balance of technology-based enterprises",
        ),
        _obs(
            "tech_enterprise_loan_balance",
            4496.97,
            "2023-12-31",
            IP_2023,
            quote="武汉市科技型企业贷款余额4496.97亿元,同比增长11.56%",
            released="2024-04-26",
        ),
        _obs(
            "high_value_patents_per_10k",
            34.56,
            "2023-12-31",
            IP_2023,
            quote="每万人口高价值发明专利拥有量上升至34.56件,同比增长23.03%",
            released="2024-04-26",
        ),
    ]
    history = [
        _obs("high_tech_enterprises", 960, "2012-12-31", hte_src),
        *(
            _obs("high_tech_enterprises", v, f"{y}-12-31", BUREAU_TABLE, released="2019-09-05")
            for y, v in ((2013, 1113), (2014, 1321), (2015, 1656), (2016, 2177), (2017, 2827),
                         (2018, 3536))
        ),
        _obs("high_tech_enterprises", 9145, "2021-12-31", gwr[2022],
             note="another report gives 9,151"),
        _obs("high_tech_enterprises", 12000, "2022-12-31", gwr[2023], bound=ge,
             note="published as '>12,000'"),
        _obs("high_tech_enterprises", 16000, "2024-12-31", gwr[2025], bound=ge,
             note="published as '>16,000'"),
        *(
            _obs("tech_contract_turnover", v, y, BUREAU_TABLE, released="2019-09-05")
            for y, v in ((2013, 273.07), (2014, 342.89), (2015, 471.09), (2016, 566.72),
                         (2017, 625.81), (2018, 722.56))
        ),
        _obs("tech_contract_turnover", 1357.41, 2022, unnamed, status="B",
             note="reported as 技术市场交易成交额 (+20.36 %); 2013-2018 and 2022 on may "
             "come from different registries, so a break in series is marked"),
        _obs("tech_contract_turnover", 2600, 2024, unnamed, bound=ge,
             note="published as '>2,600'"),
        _obs("tech_smes_evaluated", 8680, "2022-12-31", unnamed),
        _obs("tech_smes_evaluated", 16000, "2024-12-31", gwr[2025], bound=ge,
             note="published as '>16,000'"),
        _obs("high_value_patents_per_10k", 40.57, "2024-12-31", unnamed, note="+17.4 % on 2023"),
        _obs("digital_core_share", 8.7, 2020, unnamed),
        _obs("digital_core_share", 14.6, 2024, unnamed),
        _obs("innovation_blocks_built", 110, 2022, unnamed),
        _obs("gdp", 18866.43, 2022, unnamed),
        _obs("gdp", 20011.65, 2023, unnamed),
        _obs("gdp", 21106.23, 2024, unnamed),
        _obs("gdp_real_growth", 4.0, 2022, unnamed, note="January estimate 'about 4.5 %'"),
        _obs("gdp_real_growth", 5.7, 2023, unnamed, note="January estimate 'about 6 %'"),
        _obs("gdp_real_growth", 5.2, 2024, unnamed),
        _obs("resident_population", 1373.90, "2022-12-31", unnamed),
    ]  # fmt: skip
    return (*outcomes, *history)
