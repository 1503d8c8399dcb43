"""Small integer codes for the model's enums, and the bit flags of an assessment.

The kernels compare ``int8`` codes instead of enum members. A member's code is
its position in the enum's definition, so the tables below never need editing
when the model's enums stay in order; :func:`check_codes` (run by the tests)
catches a reordering.

Example:
    >>> from innovplan.model import Comparator, Status
    >>> code(Comparator.MORE_THAN), member(Status, 0)
    (1, <Status.ACHIEVED: 'achieved'>)
    >>> codes([Comparator.AT_LEAST, Comparator.BETWEEN])
    array([0, 6], dtype=int8)
"""

from __future__ import annotations

import enum
from enum import IntEnum, IntFlag
from typing import TYPE_CHECKING, Final, TypeVar

import numpy as np
import numpy.typing as npt

from innovplan.model import Basis, Bound, Comparator, Direction, Measure, Nature, Status

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "FLAG_NAMES",
    "Category",
    "Method",
    "Outcome",
    "Reason",
    "check_codes",
    "code",
    "codes",
    "flag_names",
    "member",
]

_E = TypeVar("_E", bound=enum.Enum)

# Comparator codes.
AT_LEAST: Final = 0
MORE_THAN: Final = 1
AT_MOST: Final = 2
LESS_THAN: Final = 3
ABOUT: Final = 4
EQUAL: Final = 5
BETWEEN: Final = 6

# Direction codes.
INCREASE: Final = 0
DECREASE: Final = 1
NEAR: Final = 2

# Measure codes.
LEVEL: Final = 0
FLOW: Final = 1
GROWTH: Final = 2
SHARE: Final = 3

# Basis codes.
VALUE: Final = 0
CHANGE: Final = 1
PERCENT_CHANGE: Final = 2
AVERAGE_ANNUAL: Final = 3
CUMULATIVE_SUM: Final = 4  # Basis.CUMULATIVE (CUMULATIVE is the flag bit of a summed flow)
EVERY_YEAR: Final = 5

# Bound codes.
EXACT: Final = 0
LOWER: Final = 1  # Bound.AT_LEAST: the true value is this or more
UPPER: Final = 2  # Bound.AT_MOST: the true value is this or less

# Status codes.
ACHIEVED: Final = 0
NOT_ACHIEVED: Final = 1
PENDING: Final = 2
ON_TRACK: Final = 3
MODERATE: Final = 4
LIMITED: Final = 5
DETERIORATING: Final = 6
NO_DATA: Final = 7

# Nature codes.
BINDING: Final = 0

# Verdicts in an int8 column: met, not met, undecided.
MET: Final = 1
NOT_MET: Final = 0
UNDECIDED: Final = -1

# Assessment flags, one bit each, in an int32 column.
EXCEEDED: Final = 1 << 0  # EQUAL / ABOUT met beyond the number in the better direction
EARLY: Final = 1 << 1  # decided before the deadline's period was over
GROWTH_COMPUTED: Final = 1 << 2  # growth computed from two nominal levels
GAPS: Final = 1 << 3  # the periods summed for a flow leave holes
PARTIAL: Final = 1 << 4  # the evidence ends before the deadline's period does
BOUND: Final = 1 << 5  # the evidence is a bound (">12,000"), not a point value
MILESTONE: Final = 1 << 6  # compared with an interim milestone, not the final value
UNDECIDABLE: Final = 1 << 7  # a bound that cannot decide the comparison
NO_BASELINE: Final = 1 << 8  # the basis needs a baseline and there is none
OVERLAP: Final = 1 << 9  # overlapping, non-nested flow periods were left out
LATE: Final = 1 << 10  # missed at the deadline, reached by a later observation
CUMULATIVE: Final = 1 << 11  # a flow summed over several observed periods
MET_SO_FAR: Final = 1 << 12  # met by evidence before the deadline; the result can still change
CHAINED: Final = 1 << 13  # yearly rates chained: prod(1 + r) - 1, or their geometric mean
RATES_MIXED: Final = 1 << 14  # the chain mixes published rates with rates computed from levels
BASE_OBSERVED: Final = 1 << 15  # the baseline is the observed value of the year before the window
YEAR_FAILED: Final = 1 << 16  # an every-year target failed in at least one year
OVERFLOW: Final = 1 << 17  # a figure left float64's range: no verdict

FLAG_NAMES: Final = (
    (EXCEEDED, "exceeded"),
    (EARLY, "early"),
    (GROWTH_COMPUTED, "growth computed from nominal levels"),
    (GAPS, "covered periods incomplete"),
    (PARTIAL, "period not over"),
    (BOUND, "evidence is a bound"),
    (MILESTONE, "assessed against a milestone"),
    (UNDECIDABLE, "bound cannot decide"),
    (NO_BASELINE, "no baseline"),
    (OVERLAP, "overlapping periods left out"),
    (LATE, "achieved late"),
    (CUMULATIVE, "cumulative over several periods"),
    (MET_SO_FAR, "met so far"),
    (CHAINED, "chained from yearly rates"),
    (RATES_MIXED, "published and computed rates mixed"),
    (BASE_OBSERVED, "baseline observed before the window"),
    (YEAR_FAILED, "failed in a year"),
    (OVERFLOW, "a figure overflows float64 (beyond about 1.8e308): no verdict"),
)

# -- the forecast kernels' codes ---------------------------------------------------


class Method(IntEnum):
    """Codes of the forecast methods, as stored in :attr:`Forecasts.method`.

    Example:
        >>> Method(3).name
        'DRIFT'
    """

    LINEAR = 1
    LOGLINEAR = 2
    DRIFT = 3
    DAMPED = 4
    THETA = 5
    AVERAGE_CHANGE = 6
    AVERAGE_CHANGE_RELATIVE = 7
    YTD = 8
    YTD_PRO_RATA = 9
    COMBINED = 10


class Outcome(IntEnum):
    """Overall status of one forecast, as stored in :attr:`Forecasts.status`.

    Example:
        >>> from innovplan.engine import ForecastOutcome
        >>> ForecastOutcome(2).name
        'UNCLEAR'
    """

    OK = 0
    WARN = 1
    UNCLEAR = 2


class Reason(IntFlag):
    """Why a forecast is unclear (low byte) or carries a warning (high bits).

    Unclear reasons: ``NO_DATA`` (no finite point), ``TOO_FEW_POINTS`` (fewer
    than the method needs), ``NONPOSITIVE`` (a log model met a value <= 0),
    ``HORIZON_NOT_AFTER_LAST`` (the horizon is at or before the latest
    observation), ``BAD_HORIZON`` (non-finite horizon), ``BAD_LEVEL`` (level
    not in (0, 1)), ``OVERFLOW`` (a value of the history, the target or the
    forecast left float64's range). Warnings: ``DROPPED_POINTS`` (non-finite points ignored),
    ``DUPLICATE_TIMES`` (two points share a time), ``SHORT_CALIBRATION``
    (fewer than three past errors to calibrate the interval), ``PRO_RATA``
    (year-to-date without past within-year shares), ``NO_INTERVAL`` (point
    only: the data say nothing about the spread), ``ZERO_SPREAD`` (the fitted
    spread is zero, e.g. a constant or perfectly straight series).

    Example:
        >>> int(Reason.TOO_FEW_POINTS), Reason(2).name
        (2, 'TOO_FEW_POINTS')
    """

    NONE = 0
    NO_DATA = 1
    TOO_FEW_POINTS = 2
    NONPOSITIVE = 4
    HORIZON_NOT_AFTER_LAST = 8
    BAD_HORIZON = 16
    BAD_LEVEL = 32
    OVERFLOW = 64
    DROPPED_POINTS = 256
    DUPLICATE_TIMES = 512
    SHORT_CALIBRATION = 1024
    PRO_RATA = 2048
    NO_INTERVAL = 4096
    ZERO_SPREAD = 8192


# -- progress categories: the Status codes a published progress method gives ------


class Category(IntEnum):
    """A published progress method's category, coded as its :class:`~innovplan.model.Status`.

    ``NOT_ASSESSABLE`` is ``Status.NO_DATA``'s code; the others are the codes
    of the Status members of the same name.

    Example:
        >>> from innovplan.engine import codes
        >>> from innovplan.model import Status
        >>> codes.member(Status, codes.Category.ON_TRACK)
        <Status.ON_TRACK: 'on_track'>
        >>> codes.member(Status, codes.Category.NOT_ASSESSABLE)
        <Status.NO_DATA: 'no_data'>
    """

    ACHIEVED = ACHIEVED
    ON_TRACK = ON_TRACK
    MODERATE = MODERATE
    LIMITED = LIMITED
    DETERIORATING = DETERIORATING
    NOT_ASSESSABLE = NO_DATA


_KINDS: Final = (Basis, Bound, Comparator, Direction, Measure, Nature, Status)
_MEMBERS: Final[dict[type[enum.Enum], tuple[enum.Enum, ...]]] = {k: tuple(k) for k in _KINDS}
_CODES: Final[dict[enum.Enum, int]] = {
    m: i for members in _MEMBERS.values() for i, m in enumerate(members)
}


def code(value: enum.Enum) -> int:
    """The small integer code of an enum member.

    Args:
        value: A member of one of the model's enums.

    Returns:
        Its position in the enum's definition.

    Example:
        >>> from innovplan.model import Direction
        >>> code(Direction.NEAR)
        2
    """
    return _CODES[value]


def codes(values: Iterable[enum.Enum]) -> npt.NDArray[np.int8]:
    """Codes of many members as an ``int8`` array.

    Example:
        >>> from innovplan.model import Measure
        >>> codes([Measure.FLOW, Measure.SHARE]).tolist()
        [1, 3]
    """
    return np.fromiter((_CODES[v] for v in values), dtype=np.int8)


def member(kind: type[_E], value: int) -> _E:
    """The member of *kind* whose code is *value*.

    Raises:
        IndexError: No member has that code.

    Example:
        >>> from innovplan.model import Bound
        >>> member(Bound, 1)
        <Bound.AT_LEAST: 'at_least'>
    """
    found = _MEMBERS[kind][int(value)]
    assert isinstance(found, kind)  # noqa: S101 (narrows the type for mypy)
    return found


def flag_names(flags: int) -> tuple[str, ...]:
    """Readable names of the bits set in *flags*.

    Example:
        >>> flag_names(EXCEEDED | EARLY)
        ('exceeded', 'early')
    """
    return tuple(name for bit, name in FLAG_NAMES if flags & bit)


def check_codes() -> None:
    """Check that the constants above match the enums' definition order.

    Raises:
        AssertionError: An enum was reordered or renamed.

    Example:
        >>> check_codes()
    """
    expected = {
        Comparator.AT_LEAST: AT_LEAST,
        Comparator.MORE_THAN: MORE_THAN,
        Comparator.AT_MOST: AT_MOST,
        Comparator.LESS_THAN: LESS_THAN,
        Comparator.ABOUT: ABOUT,
        Comparator.EQUAL: EQUAL,
        Comparator.BETWEEN: BETWEEN,
        Direction.INCREASE: INCREASE,
        Direction.DECREASE: DECREASE,
        Direction.NEAR: NEAR,
        Measure.LEVEL: LEVEL,
        Measure.FLOW: FLOW,
        Measure.GROWTH: GROWTH,
        Measure.SHARE: SHARE,
        Basis.VALUE: VALUE,
        Basis.CHANGE: CHANGE,
        Basis.PERCENT_CHANGE: PERCENT_CHANGE,
        Basis.AVERAGE_ANNUAL: AVERAGE_ANNUAL,
        Basis.CUMULATIVE: CUMULATIVE_SUM,
        Basis.EVERY_YEAR: EVERY_YEAR,
        Bound.EXACT: EXACT,
        Bound.AT_LEAST: LOWER,
        Bound.AT_MOST: UPPER,
        Status.ACHIEVED: ACHIEVED,
        Status.NOT_ACHIEVED: NOT_ACHIEVED,
        Status.PENDING: PENDING,
        Status.ON_TRACK: ON_TRACK,
        Status.MODERATE: MODERATE,
        Status.LIMITED: LIMITED,
        Status.DETERIORATING: DETERIORATING,
        Status.NO_DATA: NO_DATA,
        Nature.BINDING: BINDING,
    }
    for m, c in expected.items():
        if _CODES[m] != c:
            msg = f"{m!r} has code {_CODES[m]}, the engine expects {c}"
            raise AssertionError(msg)
