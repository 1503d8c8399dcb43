"""Overflow guards: a figure beyond float64's range is no evidence and gives no verdict.

Every magnitude of the model is finite, so an infinity in the engine's columns
or results comes from arithmetic that left float64's range (about 1.8e308):
a unit conversion (``1e300 hundred_million_yuan`` in yuan), a ratio
(``1e20 / 1e-308``), a compound rate, an exponential trend. Such a row is
turned into an explicit "cannot say": an assessment gets no verdict
(status ``NO_DATA``, met undecided, the overflow flag and its note) and a
forecast is unclear with :attr:`Reason.OVERFLOW
<innovplan.engine._forecast_codes.Reason.OVERFLOW>`. The only infinities that
are results by design are kept: a DECREASE target met at zero or below is
infinitely attained (:func:`~innovplan.engine._attain.attainment`).

Example:
    >>> import numpy as np
    >>> from innovplan.engine._coltypes import ObservationArrays, simple_targets
    >>> from innovplan.engine._attain import run
    >>> t = simple_targets(value=[1e-308], comparator=[0], start=[2023.0], end=[2024.0])
    >>> o = ObservationArrays(np.array([0]), np.array([2023.0]), np.array([2024.0]),
    ...     np.array([2024.0]), np.array([1e20]), np.zeros(1, np.int8), np.zeros(1, bool))
    >>> out = guard_outcome(t, run(t, o))
    >>> int(out.met[0]), float(out.attainment[0]), bool(out.flags[0] & OVERFLOW)
    (-1, nan, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np

from innovplan._errstate import default_errstate
from innovplan.engine import _codes as c
from innovplan.engine._attain import run
from innovplan.engine._codes import Reason
from innovplan.engine._forecast_codes import _UNCLEAR, Forecasts
from innovplan.engine._ragged import shared_segments

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy.typing as npt

    from innovplan.engine._attain import Prepared
    from innovplan.engine._coltypes import Outcome, TargetArrays
    from innovplan.engine._columns import ObservationColumns, TargetColumns
    from innovplan.engine._history import Histories, SharedHistories

__all__ = [
    "OVERFLOW",
    "assess_columns",
    "forecast_histories",
    "guard_forecasts",
    "guard_outcome",
    "overflowed_inputs",
    "run_forecast_kernel",
]

OVERFLOW: Final = c.OVERFLOW


def overflowed_inputs(targets: TargetArrays) -> npt.NDArray[np.bool_]:
    """Targets whose own numbers overflowed on conversion to the engine's unit.

    Example:
        >>> from innovplan.engine._coltypes import simple_targets
        >>> overflowed_inputs(simple_targets(value=[np.inf, 1.0], comparator=[0, 0])).tolist()
        [True, False]
    """
    bad = np.isinf(targets.value) | np.isinf(targets.upper)
    bad |= np.isinf(targets.base_value) | np.isinf(targets.tol_abs)
    if targets.ms_value.size:
        ms_bad = np.isinf(targets.ms_value).astype(np.int64)
        counts = np.add.reduceat(
            np.concatenate([ms_bad, [0]]), np.minimum(targets.ms_indptr[:-1], ms_bad.size)
        )
        has_ms = np.diff(targets.ms_indptr) > 0
        bad |= has_ms & (counts > 0)
    out: npt.NDArray[np.bool_] = bad
    return out


def guard_outcome(targets: TargetArrays, outcome: Outcome) -> Outcome:
    """Withhold the verdict and the figures of every assessment a number overflowed in.

    Returns:
        *outcome* itself when nothing overflowed; otherwise a copy whose
        overflowed rows have status ``NO_DATA``, met undecided, the
        :data:`OVERFLOW` flag, and NaN for every figure that is not finite.
    """
    att = outcome.attainment
    # A DECREASE target met at zero or below is infinitely attained by design.
    designed = (targets.direction == c.DECREASE) & (outcome.observed <= 0) & (outcome.reference > 0)
    bad = overflowed_inputs(targets)
    for col in (outcome.observed, outcome.level, outcome.reference, outcome.gap, outcome.progress):
        bad |= np.isinf(col)
    bad |= np.isinf(att) & ~designed
    if not bad.any():
        return outcome

    def blank(col: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.where(bad, np.nan, col)

    def finite_or_nan(col: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.where(bad & ~np.isfinite(col), np.nan, col)

    return outcome._replace(
        status=np.where(bad, np.int8(c.NO_DATA), outcome.status).astype(np.int8),
        met=np.where(bad, np.int8(c.UNDECIDED), outcome.met).astype(np.int8),
        flags=np.where(bad, outcome.flags | OVERFLOW, outcome.flags).astype(np.int32),
        observed=finite_or_nan(outcome.observed),
        level=finite_or_nan(outcome.level),
        reference=finite_or_nan(outcome.reference),
        attainment=blank(att),
        score=blank(outcome.score),
        gap=blank(outcome.gap),
        progress=blank(outcome.progress),
        late_end=blank(outcome.late_end),
        late_row=np.where(bad, -1, outcome.late_row),
    )


class _Overflowed:
    """An ``np.errstate(call=...)`` handler that remembers whether float64 overflowed."""

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, kind: str, flag: int) -> None:
        del kind, flag  # only the fact matters
        self.seen = True


@default_errstate  # its own errstate(over='call') must reach the kernel
def run_forecast_kernel(
    kernel: Callable[..., Forecasts],
    t: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    indptr: npt.NDArray[np.int64],
    *rest: object,
) -> tuple[Forecasts, npt.NDArray[np.bool_]]:
    """Run a forecast kernel over a batch and find the rows whose arithmetic overflowed.

    Overflow is trapped, not warned about. Only when it happened somewhere in
    the batch are the rows the kernel called unclear run again one by one, so
    that an overflow reads as one (not as "too few points"); the common case
    costs one errstate.

    Returns:
        The forecasts and, per row, whether it overflowed and came out unclear.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._forecast import drift
        >>> y = np.array([1e300, 1e307, 1.7e308, 1.0, 2.0, 3.0])
        >>> fc, over = run_forecast_kernel(drift, np.array([2021.0, 2022, 2023] * 2), y,
        ...                                np.array([0, 3, 6]), np.array([2030.0, 2030.0]), 0.8)
        >>> over.tolist(), round(float(fc.point[1]), 6)
        ([True, False], 10.0)
    """
    once = _shared_run(kernel, t, y, indptr, rest)
    if once is not None:
        return once, np.zeros(once.point.shape[0], dtype=bool)
    seen = _Overflowed()
    with np.errstate(over="call", invalid="ignore", call=seen):
        fc = kernel(t, y, indptr, *rest)
    n = fc.point.shape[0]
    over = np.zeros(n, dtype=bool)
    if not seen.seen:
        return fc, over
    for i in np.flatnonzero(fc.status == _UNCLEAR).tolist():
        lo, hi = int(indptr[i]), int(indptr[i + 1])
        if hi == lo:
            continue
        one = _Overflowed()
        sub = tuple(r[i : i + 1] if isinstance(r, np.ndarray) and r.shape[:1] == (n,) else r
                    for r in rest)  # fmt: skip
        with np.errstate(over="call", invalid="ignore", call=one):
            kernel(t[lo:hi], y[lo:hi], np.array([0, hi - lo]), *sub)
        over[i] = one.seen
    return fc, over


@default_errstate  # its own errstate(over='call') must reach the kernel
def forecast_histories(
    kernel: Callable[..., Forecasts], h: Histories, *rest: object
) -> tuple[Forecasts, npt.NDArray[np.bool_]]:
    """:func:`run_forecast_kernel` over the histories of *h*, at their horizons.

    Where the targets share histories (:meth:`Histories.distinct
    <innovplan.engine.Histories.distinct>`), the kernel reads the distinct
    ones as they are: nothing is compared, gathered or copied per target.
    With an overflow anywhere, or a per-series argument that differs within
    a shared history, the targets' own histories run as
    :func:`run_forecast_kernel` runs them.

    Example:
        >>> import attrs
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories
        >>> from innovplan.engine._forecast import drift
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> t8 = plan.target("T8")
        >>> h = histories([t8, attrs.evolve(t8, id="T8b")], obs, as_of="2023-01-29")
        >>> fc, over = forecast_histories(drift, h, 0.8)
        >>> bool(fc.point[0] == fc.point[1]), over.tolist()
        (True, [False, False])
    """
    d = h.distinct()
    if d is not None:
        once = _known_run(kernel, d, (h.horizon, *rest))
        if once is not None:
            return once, np.zeros(once.point.shape[0], dtype=bool)
    return run_forecast_kernel(kernel, h.t, h.y, h.indptr, h.horizon, *rest)


def _known_run(
    kernel: Callable[..., Forecasts], known: SharedHistories, rest: tuple[object, ...]
) -> Forecasts | None:
    """:func:`_shared_run` on distinct histories already known; None if they do not fit *rest*."""
    n = known.of.shape[0]
    h_t = rest[0]
    if not isinstance(h_t, np.ndarray) or h_t.shape != (n,) or n < 2:
        return None
    per_series = tuple(r for r in rest[1:] if isinstance(r, np.ndarray) and r.shape[:1] == (n,))
    if not all(np.array_equal(r, r[known.reps][known.of]) for r in per_series):
        return None
    return _pairs_run(kernel, (known.t, known.y, known.indptr), known.reps, known.of, rest)


def _shared_run(
    kernel: Callable[..., Forecasts],
    t: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    indptr: npt.NDArray[np.int64],
    rest: tuple[object, ...],
) -> Forecasts | None:
    """The kernel run once per distinct history, with all its horizons; None if not worth it.

    Targets of one indicator at several deadlines hold the same history: the
    kernel fits it once and forecasts every deadline as one row of a 2-D
    horizon array. Each forecast is a function of its own series and horizon
    only (the kernels' rows are independent, and padding a row with
    repeated horizons adds columns nobody reads), so every number is the
    one the target's own row would give. With an overflow anywhere, None:
    the caller's row-by-row rerun then tells which target it was.
    """
    n = indptr.shape[0] - 1
    h_t = rest[0] if rest else None
    if not isinstance(h_t, np.ndarray) or h_t.shape != (n,) or n < 2:
        return None
    per_series = tuple(r for r in rest[1:] if isinstance(r, np.ndarray) and r.shape[:1] == (n,))
    first = shared_segments((t, y), indptr, per_series)
    own = first == np.arange(n)
    if own.all():
        return None
    reps = np.flatnonzero(own)
    lengths = np.diff(indptr)[reps]
    sub_ip = np.zeros(reps.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=sub_ip[1:])
    seg = np.repeat(np.arange(reps.size), lengths)
    gather = indptr[reps][seg] + (np.arange(seg.size) - sub_ip[:-1][seg])
    row = np.searchsorted(reps, first)
    return _pairs_run(kernel, (t[gather], y[gather], sub_ip), reps, row, rest)


def _pairs_run(
    kernel: Callable[..., Forecasts],
    distinct: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.int64]],
    reps: npt.NDArray[np.int64],
    row: npt.NDArray[np.int64],
    rest: tuple[object, ...],
) -> Forecasts | None:
    # The kernel over the distinct histories (reps[k] a target reading
    # history k, row[i] the history of target i), every target's horizon a
    # column of its history's row; None on an overflow.
    h_t = np.asarray(rest[0])
    n = row.shape[0]
    # One column per distinct horizon of a history: targets of one history
    # and one deadline share a forecast too.
    h_bits = np.ascontiguousarray(h_t, dtype=np.float64).view(np.int64)
    order, r_s, b_s = _by_row_then_bits(row, h_bits)
    new = np.ones(n, dtype=bool)
    new[1:] = (r_s[1:] != r_s[:-1]) | (b_s[1:] != b_s[:-1])
    pair_row = r_s[new]
    size = np.bincount(pair_row, minlength=reps.size)
    pair_col = np.arange(pair_row.size) - (np.cumsum(size) - size)[pair_row]
    width = int(size.max())
    # The horizons as (column, history) rows, passed on as a (history,
    # column) view: the driver then works in that layout and gives its
    # results so (no transposed copies).
    horizons = np.repeat(h_t[reps][None, :], width, axis=0)
    # Each pair's (column, row) as one index into the flattened rows.
    pair_flat = pair_col * reps.size + pair_row
    if h_t.dtype == np.float64:
        horizons.reshape(-1)[pair_flat] = b_s[new].view(np.float64)  # h_t[order][new]
    else:
        horizons.reshape(-1)[pair_flat] = h_t[order[new]]
    pair = np.empty(n, dtype=np.int64)
    pair[order] = np.cumsum(new) - 1
    sub = tuple(
        r[reps] if isinstance(r, np.ndarray) and r.shape[:1] == (n,) else r for r in rest[1:]
    )
    seen = _Overflowed()
    with np.errstate(over="call", invalid="ignore", call=seen):
        fc = kernel(*distinct, horizons.T, *sub)
    if seen.seen:
        return None
    flat = pair_flat[pair]
    # The driver's results are (history, column) views of (column, history)
    # arrays: read in their own order (no copy into rows first), at each
    # pair's (column, row). A result in another layout is read by row.
    flat_rows = None
    # Targets listed deadline after deadline, each block in the order of
    # the histories (one target per history and deadline, as a table of
    # series and horizons gives them): each pair's position is its own
    # index, and the results are read whole, as flat views of the driver's
    # arrays, each a new array of this call (no copy by index).
    in_order = flat.size == width * reps.size and bool(np.array_equal(flat, np.arange(flat.size)))
    cols: list[npt.NDArray[Any]] = []
    for a in fc:
        arr = np.asarray(a)
        if arr.ndim == 2 and arr.T.flags.c_contiguous:
            whole = arr.T.reshape(-1)
            cols.append(whole if in_order else whole.take(flat))
        else:
            if flat_rows is None:
                flat_rows = (pair_row * width + pair_col)[pair]
            cols.append(arr.reshape(-1).take(flat_rows))
    # The columns keep their dtypes (take, as before, is typed as floats).
    return Forecasts(*cols)


def _by_row_then_bits(
    row: npt.NDArray[np.int64], bits: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    # np.lexsort((bits, row)), with row and bits in that order. A stable sort
    # by row alone is that order when each row's bits already rise in it
    # (targets listed by deadline, say): ties keep their places in both.
    order = np.argsort(row, kind="stable")
    r_s, b_s = row[order], bits[order]
    if not np.all((r_s[1:] != r_s[:-1]) | (b_s[1:] >= b_s[:-1])):
        order = np.lexsort((bits, row))
        r_s, b_s = row[order], bits[order]
    return order, r_s, b_s


def guard_forecasts(
    fc: Forecasts,
    y: npt.NDArray[np.float64],
    indptr: npt.NDArray[np.int64],
    inputs: npt.NDArray[np.bool_],
    *,
    of: npt.NDArray[np.int64] | None = None,
) -> Forecasts:
    """Make every forecast unclear whose history, target or result left float64's range.

    Args:
        fc: The kernels' forecasts.
        y: History values, target after target.
        indptr: Target ``i``'s history is ``y[indptr[i]:indptr[i + 1]]``.
        inputs: Targets whose own numbers overflowed (:func:`overflowed_inputs`).
        of: With distinct histories (:class:`~innovplan.engine.SharedHistories`),
            the history of each target: *y* and *indptr* are then theirs.

    Returns:
        *fc* itself when nothing overflowed; otherwise a copy whose overflowed
        rows are unclear with :attr:`Reason.OVERFLOW` and carry no numbers.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine._forecast import drift
        >>> y = np.array([1.0, np.inf, 3.0, 4.0])  # 1e300 hundred_million_yuan in yuan
        >>> fc = drift(np.array([2020.0, 2021.0, 2022.0, 2023.0]), y, np.array([0, 4]),
        ...            np.array([2030.0]), 0.8)
        >>> out = guard_forecasts(fc, y, np.array([0, 4]), np.zeros(1, bool))
        >>> bool(out.reason[0] & Reason.OVERFLOW), float(out.point[0])
        (True, nan)
    """
    n = fc.point.shape[0]
    bad = inputs.copy()
    is_inf = np.isinf(y)
    if is_inf.size and is_inf.any():
        inf_y = is_inf.astype(np.int64)
        counts = np.add.reduceat(np.concatenate([inf_y, [0]]), np.minimum(indptr[:-1], y.size))
        inf_hist = (np.diff(indptr) > 0) & (counts > 0)
        bad |= inf_hist[of] if of is not None else inf_hist
    clear = fc.status != _UNCLEAR
    # A clear forecast always has a point: NaN there is inf - inf or 0 * inf.
    bad_col = np.isnan(fc.point)
    for col in (fc.point, fc.lower, fc.upper, fc.loc, fc.scale):
        bad_col |= np.isinf(col)
    bad_col &= clear
    bad |= bad_col
    if not bad.any():
        return fc
    nan = np.full(n, np.nan)

    def blank(col: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.where(bad, nan, col)

    return fc._replace(
        point=blank(fc.point),
        lower=blank(fc.lower),
        upper=blank(fc.upper),
        loc=blank(fc.loc),
        scale=blank(fc.scale),
        status=np.where(bad, np.int8(_UNCLEAR), fc.status).astype(np.int8),
        reason=np.where(bad, fc.reason | int(Reason.OVERFLOW), fc.reason).astype(np.int32),
    )


@default_errstate
def assess_columns(
    targets: TargetColumns,
    observations: ObservationColumns,
    as_of: float,
    *,
    prepared: Prepared | None = None,
) -> Outcome:
    """Attainment of every target column against the observation columns.

    The attainment kernel (:func:`innovplan.engine.assess_arrays`) with its
    overflow guard: a row whose numbers overflowed gets no verdict.

    Args:
        targets: The target columns.
        observations: The observation columns of the targets' indicators.
        as_of: The evaluation date as a fractional year (NaN: every release).
        prepared: The observations' vintage selection at *as_of*
            (:func:`select_observations`), when the caller made it already.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import assess_columns, build_columns, codes
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> tc, oc = build_columns(plan.targets, obs)
        >>> out = assess_columns(tc, oc, float("nan"))
        >>> int(out.status[tc.ids.index("T10")]) == codes.ACHIEVED
        True
    """
    outcome = run(targets.arrays, observations.arrays, as_of, prepared=prepared)
    return guard_outcome(targets.arrays, outcome)
