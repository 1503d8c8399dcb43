"""The columns the attainment kernels read and write: targets, observations, outcome.

Times are fractional years and periods half-open ``[start, end)``; values are
float64 in each indicator's engine unit; NaN is missing; enum members are the
codes of :mod:`innovplan.engine.codes`.

Example:
    >>> from innovplan.engine import simple_targets
    >>> simple_targets(value=[1.0, 2.0], comparator=[0, 1]).end.tolist()
    [2024.0, 2024.0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c

if TYPE_CHECKING:
    from innovplan.engine._types import BoolArray, FloatArray, Int8Array, IntArray

__all__ = [
    "ObservationArrays",
    "Outcome",
    "TargetArrays",
    "simple_targets",
]


class TargetArrays(NamedTuple):
    """Targets as columns (length ``n``), in each indicator's engine unit.

    Build them with :func:`simple_targets` (defaults for what is not given) or
    from model objects through :class:`TargetColumns`.

    Example:
        >>> simple_targets(value=[13000.0], comparator=[1]).value.tolist()
        [13000.0]

    Attributes:
        ind: Indicator code, joined with :attr:`ObservationArrays.ind`.
        comparator: Comparator code.
        direction: Direction code.
        measure: Measure code.
        basis: Basis code.
        value: The target value on its basis (lower end for BETWEEN).
        upper: Upper end of BETWEEN, else NaN.
        start: Start of the deadline's period: the year (at most) that ends on
            the deadline, within the window. A flow's value is its total.
        end: End (exclusive) of the target's period: the day after the deadline.
        tol_abs: Absolute ABOUT tolerance on the basis, or NaN.
        tol_rel: Relative ABOUT tolerance, or NaN (NaN in both: the default).
        percent: Whether the compared values are percents (default tolerance in
            percentage points).
        base_value: Baseline value, or NaN.
        base_time: End (exclusive) of the baseline's period, or NaN.
        ms_indptr: Milestones of target ``i`` are ``ms_*[ms_indptr[i]:ms_indptr[i + 1]]``.
        ms_end: Milestone deadlines (exclusive ends), in time order per target.
        ms_value: Milestone values on the target's basis.
        window: Start of the target's window (its own start, else its plan's):
            what a cumulative target sums, an every-year target checks and a
            baseline precedes.
        only_grows: The indicator's level never falls (decided early when met).
    """

    ind: IntArray
    comparator: Int8Array
    direction: Int8Array
    measure: Int8Array
    basis: Int8Array
    value: FloatArray
    upper: FloatArray
    start: FloatArray
    end: FloatArray
    tol_abs: FloatArray
    tol_rel: FloatArray
    percent: BoolArray
    base_value: FloatArray
    base_time: FloatArray
    ms_indptr: IntArray
    ms_end: FloatArray
    ms_value: FloatArray
    window: FloatArray
    only_grows: BoolArray


class ObservationArrays(NamedTuple):
    """Observations as columns, best sorted by ``(ind, start, end, known)``.

    Example:
        >>> import numpy as np
        >>> o = ObservationArrays(ind=np.array([0]), start=np.array([2023.0]),
        ...     end=np.array([2024.0]), known=np.array([2024.1]), value=np.array([53.0]),
        ...     bound=np.zeros(1, np.int8), level=np.zeros(1, bool))
        >>> o.value.tolist()
        [53.0]

    Attributes:
        ind: Indicator code (negative: no target uses it).
        start: Start of the period measured.
        end: End (exclusive) of the period measured.
        known: When it was released (its vintage); the end of its period if unknown.
        value: Magnitude in the indicator's engine unit.
        bound: Bound code (exact, lower, upper).
        level: True for a level or flow observed for a GROWTH indicator, from
            which growth is computed.
    """

    ind: IntArray
    start: FloatArray
    end: FloatArray
    known: FloatArray
    value: FloatArray
    bound: Int8Array
    level: BoolArray


class Outcome(NamedTuple):
    """Every figure of an assessment, one entry per target.

    Example:
        >>> import numpy as np
        >>> t = simple_targets(value=[50.0], comparator=[0])
        >>> o = ObservationArrays(np.array([0]), np.array([2023.0]), np.array([2024.0]),
        ...     np.array([2024.1]), np.array([53.0]), np.zeros(1, np.int8), np.zeros(1, bool))
        >>> from innovplan.engine import assess_arrays
        >>> assess_arrays(t, o).attainment.round(2).tolist()
        [1.06]

    Attributes:
        status: Status code.
        met: 1 met, 0 not met, -1 undecided (or pending).
        flags: Bits of :mod:`._codes` (exceeded, early, computed growth, ...).
        observed: The evidence on the target's basis (NaN: none).
        level: The evidence in the indicator's unit before the basis transform.
        reference: The value compared with: the target, its milestone, or the
            nearer end of a BETWEEN range.
        attainment: Direction-aware ratio, uncapped.
        score: Attainment capped to [0, 1].
        gap: ``observed - reference`` on the basis.
        progress: Share of the way from baseline to target (ESCAP current status).
        row: Observation row used (the last one summed for a flow), or -1.
        ev_start: Start of the evidence's period.
        ev_end: End (exclusive) of the evidence's period.
        n_parts: Observations summed (flows) or used.
        milestone: Index into the milestone arrays, or -1.
        late_end: End of the period a missed target was reached in, or NaN.
        late_row: Observation row of that period, or -1.
        basis_row: Level row a computed growth was taken from, or -1.
        required: The average annual rate (percent a year) still needed from
            the evidence's end to the deadline, for average-annual and
            percent-change targets before the deadline; NaN otherwise.
        base_value: The baseline used: the target's, else the observed value
            of the year before the window (NaN: none, and for sums, chains
            and every-year targets, which need none).
        base_end: End (exclusive) of the baseline's period.
        base_row: Observation row of an observed baseline, or -1.
        failed_years: Every-year targets: bit ``k`` set when the year
            ``floor(window) + k`` failed.
    """

    status: Int8Array
    met: Int8Array
    flags: npt.NDArray[np.int32]
    observed: FloatArray
    level: FloatArray
    reference: FloatArray
    attainment: FloatArray
    score: FloatArray
    gap: FloatArray
    progress: FloatArray
    row: IntArray
    ev_start: FloatArray
    ev_end: FloatArray
    n_parts: IntArray
    milestone: IntArray
    late_end: FloatArray
    late_row: IntArray
    basis_row: IntArray
    required: FloatArray
    base_value: FloatArray
    base_end: FloatArray
    base_row: IntArray
    failed_years: IntArray


def simple_targets(
    *,
    value: npt.ArrayLike,
    comparator: npt.ArrayLike,
    ind: npt.ArrayLike | None = None,
    direction: npt.ArrayLike | None = None,
    measure: npt.ArrayLike | None = None,
    basis: npt.ArrayLike | None = None,
    upper: npt.ArrayLike | None = None,
    start: npt.ArrayLike | None = None,
    end: npt.ArrayLike | None = None,
    tol_abs: npt.ArrayLike | None = None,
    tol_rel: npt.ArrayLike | None = None,
    percent: npt.ArrayLike | None = None,
    base_value: npt.ArrayLike | None = None,
    base_time: npt.ArrayLike | None = None,
    window: npt.ArrayLike | None = None,
    only_grows: npt.ArrayLike | None = None,
) -> TargetArrays:
    """Target columns from arrays, with defaults for what is not given.

    Defaults: indicator ``i`` for target ``i``, INCREASE, FLOW, VALUE basis, no
    upper end, the year 2023 (a window that starts with the deadline's
    period), default tolerances, no baseline, no milestones, levels that may fall.

    Example:
        >>> simple_targets(value=[1.0, 2.0], comparator=[0, 1]).ind.tolist()
        [0, 1]
    """
    v = np.asarray(value, dtype=np.float64)
    n = v.shape[0]

    def col(
        a: npt.ArrayLike | None, fill: float, dtype: type[np.generic]
    ) -> npt.NDArray[np.generic]:
        return np.full(n, fill, dtype=dtype) if a is None else np.asarray(a, dtype=dtype)

    starts: FloatArray = col(start, 2023.0, np.float64)  # type: ignore[assignment]
    return TargetArrays(
        ind=np.arange(n, dtype=np.int64) if ind is None else np.asarray(ind, dtype=np.int64),
        comparator=np.asarray(comparator, dtype=np.int8),
        direction=col(direction, c.INCREASE, np.int8),  # type: ignore[arg-type]
        measure=col(measure, c.FLOW, np.int8),  # type: ignore[arg-type]
        basis=col(basis, c.VALUE, np.int8),  # type: ignore[arg-type]
        value=v,
        upper=col(upper, np.nan, np.float64),  # type: ignore[arg-type]
        start=starts,
        end=col(end, 2024.0, np.float64),  # type: ignore[arg-type]
        tol_abs=col(tol_abs, np.nan, np.float64),  # type: ignore[arg-type]
        tol_rel=col(tol_rel, np.nan, np.float64),  # type: ignore[arg-type]
        percent=col(percent, 0, np.bool_),  # type: ignore[arg-type]
        base_value=col(base_value, np.nan, np.float64),  # type: ignore[arg-type]
        base_time=col(base_time, np.nan, np.float64),  # type: ignore[arg-type]
        ms_indptr=np.zeros(n + 1, dtype=np.int64),
        ms_end=np.zeros(0, dtype=np.float64),
        ms_value=np.zeros(0, dtype=np.float64),
        window=col(window, np.nan, np.float64) if window is not None else starts.copy(),  # type: ignore[arg-type]
        only_grows=col(only_grows, 0, np.bool_),  # type: ignore[arg-type]
    )
