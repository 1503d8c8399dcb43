"""The domain model: plans, goals, areas, tasks, targets, indicators and observations.

Every class is a frozen, slotted attrs class: hashable, safe to share between
threads, changed only through ``attrs.evolve``. Construction checks the domain's
rules and raises :class:`innovplan.errors.ModelError` naming the field at fault.

Example:
    >>> from innovplan import Q_
    >>> from innovplan.model import Comparator, Indicator, Measure, Target
    >>> turnover = Indicator("tech_contract_turnover", "technology contract turnover",
    ...                      unit="hundred_million_yuan", measure=Measure.FLOW)
    >>> Target("T10", turnover, Comparator.MORE_THAN, Q_(1450, "亿元"), "2023-12-31").value
    <Quantity(1450, 'hundred_million_yuan')>
"""

from innovplan.model._checks import (
    date_or_none,
    flag_value,
    items_of,
    number_value,
    real_number,
)
from innovplan.model._enums import Basis, Bound, Comparator, Direction, Measure, Nature, Status
from innovplan.model._evidence import EvidenceNote
from innovplan.model._fields import _ID as ID_PATTERN
from innovplan.model._fields import not_a_time, to_date, to_optional_date, zoned_day
from innovplan.model._group import TOTAL, Group, check_dimension
from innovplan.model._indicator import Indicator
from innovplan.model._observation import Observation, Series, Source
from innovplan.model._period import Period
from innovplan.model._plan import Area, Goal, Plan, Task
from innovplan.model._shown import shown
from innovplan.model._target import Milestone, Target, Tolerance, checked_target
from innovplan.model._wording import Wording, checked_wording, detect_language, plain_wording

__all__ = [
    "ID_PATTERN",
    "TOTAL",
    "Area",
    "Basis",
    "Bound",
    "Comparator",
    "Direction",
    "EvidenceNote",
    "Goal",
    "Group",
    "Indicator",
    "Measure",
    "Milestone",
    "Nature",
    "Observation",
    "Period",
    "Plan",
    "Series",
    "Source",
    "Status",
    "Target",
    "Task",
    "Tolerance",
    "Wording",
    "check_dimension",
    "checked_target",
    "checked_wording",
    "date_or_none",
    "detect_language",
    "flag_value",
    "items_of",
    "not_a_time",
    "number_value",
    "plain_wording",
    "real_number",
    "shown",
    "to_date",
    "to_optional_date",
    "zoned_day",
]
