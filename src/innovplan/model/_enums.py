"""The small closed vocabularies of the model."""

from __future__ import annotations

import enum

__all__ = ["Basis", "Bound", "Comparator", "Direction", "Measure", "Nature", "Status"]


class Comparator(enum.Enum):
    """How a target's value is to be compared with what is observed.

    Chinese wording follows the Civil Code (art. 1259): 以上, 以下 and 以内 include
    the number, 超过 and 不满 exclude it; 突破 ("break through") reads as more than.

    Example:
        >>> Comparator("more_than")
        <Comparator.MORE_THAN: 'more_than'>
        >>> Comparator.MORE_THAN.symbol
        '>'
    """

    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    ABOUT = "about"
    EQUAL = "equal"
    BETWEEN = "between"

    @property
    def symbol(self) -> str:
        """The mathematical sign, as used by ``explain()`` lines."""
        return _SYMBOLS[self]


_SYMBOLS = {
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
    Comparator.ABOUT: "≈",
    Comparator.EQUAL: "=",
    Comparator.BETWEEN: "∈",
}


class Direction(enum.Enum):
    """Which way an indicator is better.

    ``NEAR`` is for indicators that should stay close to the target (a price index).

    Example:
        >>> Direction.DECREASE.value
        'decrease'
    """

    INCREASE = "increase"
    DECREASE = "decrease"
    NEAR = "near"


class Measure(enum.Enum):
    """What one number of an indicator means.

    - ``LEVEL``: a stock at a date (high-tech enterprises at year end).
    - ``FLOW``: a total over a period (technology contract turnover in 2023).
    - ``GROWTH``: a rate against the previous period (value added up 11.5 %).
    - ``SHARE``: a part of a whole (the digital economy's share of GDP).

    Example:
        >>> Measure("flow")
        <Measure.FLOW: 'flow'>
    """

    LEVEL = "level"
    FLOW = "flow"
    GROWTH = "growth"
    SHARE = "share"


class Nature(enum.Enum):
    """Whether a target binds, as Chinese five-year plans mark them.

    约束性 (binding) targets are obligations; 预期性 (anticipatory) targets are
    expectations. Plans that do not say are anticipatory.

    Example:
        >>> Nature.BINDING.value
        'binding'
    """

    BINDING = "binding"
    ANTICIPATORY = "anticipatory"


class Basis(enum.Enum):
    """What a target's value is measured against.

    - ``VALUE``: the indicator's own value for the deadline period ("reach 13,000").
    - ``CHANGE``: the deadline value minus the baseline, in the indicator's unit,
      or in percentage points for percent-valued indicators ("raise by one year").
    - ``PERCENT_CHANGE``: the deadline value against the baseline, in percent,
      signed ("reduce by 13.5 %" is −13.5 % with ``AT_MOST``).
    - ``AVERAGE_ANNUAL``: the compound average annual growth from the baseline to
      the deadline, in percent ("年均增长7%以上").
    - ``CUMULATIVE``: the sum over the target's window, in the indicator's unit
      ("urban new jobs over 55 million in 2021–2025", 〔累计〕).
    - ``EVERY_YEAR``: each year in the target's window meets the comparator
      ("surveyed urban unemployment below 5.5 % every year").

    Example:
        >>> Basis("percent_change")
        <Basis.PERCENT_CHANGE: 'percent_change'>
    """

    VALUE = "value"
    CHANGE = "change"
    PERCENT_CHANGE = "percent_change"
    AVERAGE_ANNUAL = "average_annual"
    CUMULATIVE = "cumulative"
    EVERY_YEAR = "every_year"


class Bound(enum.Enum):
    """Whether an observation is a point value or a bound.

    A figure published as ">12,000" is ``AT_LEAST`` 12,000: it says the true value
    is 12,000 or more, not that it is 12,000.

    Example:
        >>> Bound("at_least")
        <Bound.AT_LEAST: 'at_least'>
    """

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Status(enum.Enum):
    """Where a target stands, named after published practice.

    ``ACHIEVED`` and ``NOT_ACHIEVED`` once the deadline's period is observed;
    ``PENDING`` while it is not and the target is not met yet. With a trajectory,
    ``ON_TRACK`` / ``MODERATE`` / ``LIMITED`` / ``DETERIORATING`` grade the actual
    rate of change as a share of the required one, as Eurostat's SDG monitoring
    does. ``NO_DATA`` when nothing observed applies.

    Example:
        >>> Status.ON_TRACK.value
        'on_track'
    """

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    PENDING = "pending"
    ON_TRACK = "on_track"
    MODERATE = "moderate"
    LIMITED = "limited"
    DETERIORATING = "deteriorating"
    NO_DATA = "no_data"
