"""Plans shipped with innovplan, with their published outcomes and history.

Example:
    >>> from innovplan import datasets
    >>> plan = datasets.wuhan_2023()
    >>> len(plan.goals), len(plan.areas), len(plan.tasks), len(plan.targets)
    (4, 9, 4, 22)
    >>> plan.target("T10").wording["zh"]
    '技术合同成交额突破1450亿元'
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from innovplan.model import Observation, Plan

__all__ = [
    "china_14th_fyp",
    "china_14th_fyp_observations",
    "wuhan_2023",
    "wuhan_2023_observations",
]


@functools.cache
def wuhan_2023() -> Plan:
    """Wuhan's 2023 key points of science and technology innovation work.

    Released on 2023-01-29 (《2023年武汉市科技创新工作要点》): 4 goals, 9 aspects,
    22 tasks and 22 quantified targets, all due by 2023-12-31. Of the 22 tasks,
    the four the public report names are modelled in its words; the others are
    not public and are not invented. ``plan.notes`` says what else is missing.
    Plans are immutable, so every call returns the same object.

    Example:
        >>> t8 = wuhan_2023().target("T8")
        >>> t8.comparator.name, t8.value
        ('MORE_THAN', <Quantity(13000, 'enterprise')>)
    """
    from innovplan.io import load

    return load(_read("wuhan_2023.json"), fmt="json")


@functools.cache
def wuhan_2023_observations() -> tuple[Observation, ...]:
    """Published outcomes of Wuhan's 2023 targets and the history before them.

    Each observation carries its source (with the quoted words where they are
    known), its release date where known and its bound: a figure published as
    ">12,000" is ``Bound.AT_LEAST``. Figures that would have to be derived from
    two others are not included.

    Example:
        >>> obs = wuhan_2023_observations()
        >>> t10 = [o for o in obs if o.indicator == "tech_contract_turnover"
        ...        and str(o.period) == "2023"]
        >>> t10[0].value, t10[0].released
        (<Quantity(2198.43, 'hundred_million_yuan')>, datetime.date(2024, 4, 26))
    """
    from innovplan.io import load_observations

    return load_observations(_read("wuhan_2023_observations.json"), fmt="json")


@functools.cache
def china_14th_fyp() -> Plan:
    """China's 14th Five-Year Plan (2021–2025): the main-indicator table (专栏1).

    The table's 20 indicators in 5 categories (the goals), of which the 15 rows
    with a number are targets, numbered by their row (``T3``–``T20``); every
    target covers 2021-01-01..2025-12-31. Each target carries the kind of number
    it sets (a level in 2025, an average annual rate, a cumulative change, a
    limit every year) and its nature (binding or anticipatory). ``plan.notes``
    and each goal's notes say which rows are not targets and why.

    Example:
        >>> plan = china_14th_fyp()
        >>> len(plan.goals), len(plan.targets)
        (5, 15)
        >>> t14 = plan.target("T14")
        >>> t14.basis.name, t14.value, t14.nature.name
        ('PERCENT_CHANGE', <Quantity(-13.5, 'percent')>, 'BINDING')
    """
    from innovplan.io import load

    return load(_read("china_14th_fyp.json"), fmt="json")


@functools.cache
def china_14th_fyp_observations() -> tuple[Observation, ...]:
    """Published outcomes of the 14th Five-Year Plan's indicators, 2020 onwards.

    Each observation carries its source (title, the address as found, the
    quoted words where known), its release date and, where a figure was
    derived from two published ones, a note saying how. Rows without a target
    (GDP, labour productivity and income growth; air and water quality) have
    their outcomes here too.

    Example:
        >>> obs = china_14th_fyp_observations()
        >>> u = [o for o in obs if o.indicator == "cn_urban_unemployment_rate"
        ...      and str(o.period) == "2022"]
        >>> u[0].value, u[0].released
        (<Quantity(5.6, 'percent')>, datetime.date(2023, 2, 28))
    """
    from innovplan.io import load_observations

    return load_observations(_read("china_14th_fyp_observations.json"), fmt="json")


def _read(name: str) -> str:
    # Package data, read the same way from a wheel, a zip or a source tree.
    return (resources.files(__package__) / name).read_text(encoding="utf-8")
