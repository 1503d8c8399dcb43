"""Small integer codes for the model's enums, and the bit flags of an assessment.

The kernels compare ``int8`` codes instead of enum members. A member's code is
its position in the enum's definition; each model enum has one IntEnum of codes
(``ComparatorCode``, ``StatusCode``, ... in :data:`CODE_ENUMS`) with the same
members in the same order, the forecast kernels' codes are IntEnums here too, and
the progress categories are Status codes. :func:`check_codes` (run by the tests)
catches a model enum reordered or extended without its code enum.

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
    "CODE_ENUMS",
    "FLAG_NAMES",
    "BasisCode",
    "BoundCode",
    "Category",
    "ComparatorCode",
    "DirectionCode",
    "MeasureCode",
    "Method",
    "NatureCode",
    "Outcome",
    "Reason",
    "StatusCode",
    "check_codes",
    "code",
    "codes",
    "flag_names",
    "member",
]

_E = TypeVar("_E", bound=enum.Enum)


class ComparatorCode(IntEnum):
    """:class:`~innovplan.model.Comparator` as stored in a code column.

    Each of these IntEnums is the model enum of the same name, member for member in
    definition order (:func:`check_codes` holds them to it), so a column of codes
    reads back as members with :func:`member` or ``ComparatorCode(code)``.

    Example:
        >>> from innovplan.model import Comparator
        >>> ComparatorCode.BETWEEN == code(Comparator.BETWEEN), ComparatorCode(1).name
        (True, 'MORE_THAN')
    """

    AT_LEAST = 0
    MORE_THAN = 1
    AT_MOST = 2
    LESS_THAN = 3
    ABOUT = 4
    EQUAL = 5
    BETWEEN = 6


class DirectionCode(IntEnum):
    """:class:`~innovplan.model.Direction` as stored in a code column.

    Example:
        >>> DirectionCode(2).name
        'NEAR'
    """

    INCREASE = 0
    DECREASE = 1
    NEAR = 2


class MeasureCode(IntEnum):
    """:class:`~innovplan.model.Measure` as stored in a code column.

    Example:
        >>> MeasureCode.FLOW.value
        1
    """

    LEVEL = 0
    FLOW = 1
    GROWTH = 2
    SHARE = 3


class BasisCode(IntEnum):
    """:class:`~innovplan.model.Basis` as stored in a code column.

    Example:
        >>> BasisCode(4).name
        'CUMULATIVE'
    """

    VALUE = 0
    CHANGE = 1
    PERCENT_CHANGE = 2
    AVERAGE_ANNUAL = 3
    CUMULATIVE = 4
    EVERY_YEAR = 5


class BoundCode(IntEnum):
    """:class:`~innovplan.model.Bound` as stored in a code column.

    Example:
        >>> BoundCode(1).name
        'AT_LEAST'
    """

    EXACT = 0
    AT_LEAST = 1
    AT_MOST = 2


class StatusCode(IntEnum):
    """:class:`~innovplan.model.Status` as stored in a code column.

    Example:
        >>> StatusCode(7).name
        'NO_DATA'
    """

    ACHIEVED = 0
    NOT_ACHIEVED = 1
    PENDING = 2
    ON_TRACK = 3
    MODERATE = 4
    LIMITED = 5
    DETERIORATING = 6
    NO_DATA = 7


class NatureCode(IntEnum):
    """:class:`~innovplan.model.Nature` as stored in a code column.

    Example:
        >>> NatureCode(0).name
        'BINDING'
    """

    BINDING = 0
    ANTICIPATORY = 1


# Each model enum and its code enum: the one scheme every code column follows.
CODE_ENUMS: Final[dict[type[enum.Enum], type[IntEnum]]] = {
    Basis: BasisCode,
    Bound: BoundCode,
    Comparator: ComparatorCode,
    Direction: DirectionCode,
    Measure: MeasureCode,
    Nature: NatureCode,
    Status: StatusCode,
}

# The kernels compare plain ints: the same codes, named as the kernels read them.
AT_LEAST: Final = int(ComparatorCode.AT_LEAST)
MORE_THAN: Final = int(ComparatorCode.MORE_THAN)
AT_MOST: Final = int(ComparatorCode.AT_MOST)
LESS_THAN: Final = int(ComparatorCode.LESS_THAN)
ABOUT: Final = int(ComparatorCode.ABOUT)
EQUAL: Final = int(ComparatorCode.EQUAL)
BETWEEN: Final = int(ComparatorCode.BETWEEN)

INCREASE: Final = int(DirectionCode.INCREASE)
DECREASE: Final = int(DirectionCode.DECREASE)
NEAR: Final = int(DirectionCode.NEAR)

LEVEL: Final = int(MeasureCode.LEVEL)
FLOW: Final = int(MeasureCode.FLOW)
GROWTH: Final = int(MeasureCode.GROWTH)
SHARE: Final = int(MeasureCode.SHARE)

VALUE: Final = int(BasisCode.VALUE)
CHANGE: Final = int(BasisCode.CHANGE)
PERCENT_CHANGE: Final = int(BasisCode.PERCENT_CHANGE)
AVERAGE_ANNUAL: Final = int(BasisCode.AVERAGE_ANNUAL)
CUMULATIVE_SUM: Final = int(BasisCode.CUMULATIVE)  # CUMULATIVE is the flag bit of a summed flow
EVERY_YEAR: Final = int(BasisCode.EVERY_YEAR)

EXACT: Final = int(BoundCode.EXACT)
LOWER: Final = int(BoundCode.AT_LEAST)  # the true value is this or more
UPPER: Final = int(BoundCode.AT_MOST)  # the true value is this or less

ACHIEVED: Final = int(StatusCode.ACHIEVED)
NOT_ACHIEVED: Final = int(StatusCode.NOT_ACHIEVED)
PENDING: Final = int(StatusCode.PENDING)
ON_TRACK: Final = int(StatusCode.ON_TRACK)
MODERATE: Final = int(StatusCode.MODERATE)
LIMITED: Final = int(StatusCode.LIMITED)
DETERIORATING: Final = int(StatusCode.DETERIORATING)
NO_DATA: Final = int(StatusCode.NO_DATA)

BINDING: Final = int(NatureCode.BINDING)

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

    ACHIEVED = StatusCode.ACHIEVED
    ON_TRACK = StatusCode.ON_TRACK
    MODERATE = StatusCode.MODERATE
    LIMITED = StatusCode.LIMITED
    DETERIORATING = StatusCode.DETERIORATING
    NOT_ASSESSABLE = StatusCode.NO_DATA


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
    """Check that the code enums and constants match the model enums' definition order.

    Raises:
        AssertionError: A model enum was reordered, renamed or extended without its
            code enum.

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
    for kind, coded in CODE_ENUMS.items():
        names = [(m.name, i) for i, m in enumerate(kind)]
        if [(c.name, int(c)) for c in coded] != names:
            msg = f"{coded.__name__} does not mirror {kind.__name__}: expected {names}"
            raise AssertionError(msg)
    for m, c in expected.items():
        if _CODES[m] != c:
            msg = f"{m!r} has code {_CODES[m]}, the engine expects {c}"
            raise AssertionError(msg)
