"""Forecasts in the target's terms: what each kind of target measures at its deadline.

The kernels forecast the indicator's own values. A target measures something
made of them (:class:`~innovplan.model.Basis`): the value at the deadline, the
change or the compound average annual rate from a baseline, the sum over the
target's window, the change chained from yearly rates, or whether every year
meets a limit. The years each kind needs are forecast in one kernel call
(horizons of shape ``(targets, years)``, beside the deadline's own call in
:mod:`innovplan.evaluate._forecast`); this module combines them
(:mod:`innovplan.engine._combine`) into one variable ``X`` per target with a
predictive t, and maps ``X`` to the measured quantity ``Q = g(X)`` with an
increasing ``g``:

==================  ===========================  =======================================
kind                ``X``                        ``Q = g(X)``
==================  ===========================  =======================================
VALUE, EVERY_YEAR   the deadline period's value  ``X``
CHANGE              the deadline period's value  ``X - B``
PERCENT_CHANGE      the deadline period's value  ``(X / B - 1) 100``
AVERAGE_ANNUAL      the deadline period's value  ``((X / B) ** (1 / (T - t_B)) - 1) 100``
CUMULATIVE          the remaining years' sum     ``S + X`` (``S``: the observed years' sum)
chained rates       ``sum log(1 + r / 100)``     ``(P e^X - 1) 100``; average annual:
                    over the remaining years     ``((P e^X) ** (1 / N) - 1) 100``
==================  ===========================  =======================================

``B`` is the baseline (the target's, else the value of the period just before
the window, at time ``t_B``), ``P`` the product of ``1 + r / 100`` over the
observed years of the window and ``N`` the window's years. A GROWTH indicator
(published yearly rates) chains its rates for PERCENT_CHANGE, AVERAGE_ANNUAL
and CUMULATIVE targets. Since ``g`` is increasing, the quantiles of ``Q`` are
``g`` of those of ``X`` (point = median, interval ends) and the probability of
meeting the target is that of ``X`` between ``g^-1`` of the met set's ends.
EVERY_YEAR multiplies nothing: the probability is that of every remaining year
inside the limit, joined as :func:`innovplan.engine._combine.all_within` says,
and 0 once an observed year of the window failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c
from innovplan.engine import _combine as kc
from innovplan.engine import _forecast as k
from innovplan.engine._forecast import _plain_above
from innovplan.engine._formulas import band, interval, reference
from innovplan.engine._segments import EPS_TIME

if TYPE_CHECKING:
    from collections.abc import Callable

    from innovplan.engine._history import Histories, SharedHistories
    from innovplan.engine._types import BoolArray, FloatArray, IntArray

__all__ = ["CHAIN", "EVERY", "LEVEL", "SUM", "Measured", "Years", "measure", "take", "years"]


# How a target's measured quantity is made from its indicator's values.
LEVEL = 0  # from the deadline period's value (VALUE, CHANGE, PERCENT_CHANGE, AVERAGE_ANNUAL)
SUM = 1  # the window's sum (CUMULATIVE)
CHAIN = 2  # yearly rates chained (GROWTH with PERCENT_CHANGE, AVERAGE_ANNUAL, CUMULATIVE)
EVERY = 3  # every year of the window (EVERY_YEAR)


class Years(NamedTuple):
    """The years each target needs forecast, right-aligned: the last column is the deadline.

    Attributes:
        form: :data:`LEVEL`, :data:`SUM`, :data:`CHAIN` or :data:`EVERY` per target.
        horizons: ``(targets, K)`` ends of the years to forecast.
        use: ``(targets, K)`` which of them count (the others repeat the deadline).
        steps: ``(targets, K)`` steps ahead of the latest observation.
        window_start: Start of each target's window.
        step: Length of one period of the target's indicator (a year, mostly).
        last: Time of each target's latest observation (``-inf``: none).
        remaining: Periods of the window after the latest observation.
    """

    form: npt.NDArray[np.int8]
    horizons: FloatArray
    use: BoolArray
    steps: FloatArray
    window_start: FloatArray
    step: FloatArray
    last: FloatArray
    remaining: IntArray


def _form(h: Histories) -> npt.NDArray[np.int8]:
    ta = h.targets.arrays
    b = ta.basis
    form = np.full(b.shape, LEVEL, dtype=np.int8)
    # Later assignments win: a GROWTH indicator's cumulative target is a chain.
    form[b == c.EVERY_YEAR] = EVERY
    form[b == c.CUMULATIVE_SUM] = SUM
    chained = (b == c.PERCENT_CHANGE) | (b == c.AVERAGE_ANNUAL) | (b == c.CUMULATIVE_SUM)
    form[chained & (ta.measure == c.GROWTH)] = CHAIN
    return form


def years(h: Histories) -> Years:
    """Which years to forecast for each target.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine._history import histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> y = years(histories([plan.target("T8")], obs, as_of="2023-01-29"))
        >>> y.horizons.tolist(), int(y.form[0])
        ([[2024.0]], 0)
    """
    ta = h.targets.arrays
    form = _form(h)
    # ta.start is the start of the deadline's period (a year at most), ta.window
    # the start of the target's window.
    step = np.maximum(ta.end - ta.start, EPS_TIME)
    has, last, _ = h.latest()
    # Years of the window still to come: ends after the latest observation.
    # The same operations in place: fewer fresh arrays, the same floats.
    after = np.maximum(last, ta.window)
    np.subtract(ta.end, after, out=after)
    after -= EPS_TIME
    after /= step
    np.floor(after, out=after)
    after += 1.0
    inside = ta.end - ta.window
    inside += EPS_TIME
    inside /= step
    np.floor(inside, out=inside)
    left = np.minimum(after, inside)
    np.maximum(left, 0.0, out=left)
    np.copyto(left, 0.0, where=~np.isfinite(after))
    rest = left.astype(np.int64)
    m = np.where(form == LEVEL, 1, np.maximum(rest, 1))
    big_k = int(m.max(initial=1))
    with np.errstate(invalid="ignore"):
        if big_k == 1:
            # One year each (every level target): the deadline alone, as the
            # general steps below give it with j = 0 (0 * step is kept: NaN
            # for a NaN step, as there).
            end = ta.end - 0.0 * step
            hz = end.reshape(-1, 1)
            use = np.ones(hz.shape, dtype=bool)
            steps = np.where(has, (end - last) / step, 1.0).reshape(-1, 1)
        else:
            # Periods before the deadline.
            j = np.arange(big_k - 1, -1, -1, dtype=np.float64)[None, :]
            use = j < m[:, None]
            hz = np.where(use, ta.end[:, None] - j * step[:, None], ta.end[:, None])
            steps = np.where(has[:, None], (hz - last[:, None]) / step[:, None], 1.0)
    return Years(form, hz, use, steps, ta.window.copy(), step, last.copy(), rest)


class Measured(NamedTuple):
    """The measured quantity of each target's kind, as columns.

    Attributes:
        form: How it is made (:data:`LEVEL`, :data:`SUM`, :data:`CHAIN`, :data:`EVERY`).
        point: Its median at the deadline, in the target's unit.
        lower: Lower end of the interval.
        upper: Upper end.
        probability: Probability of meeting the target.
        at_deadline: The indicator's own value forecast at the deadline.
        so_far: The quantity so far: the latest value, the change or average
            rate from the baseline, the running sum, the chained change.
        needed: What is still needed per remaining year: a change per year, a
            compound rate in percent a year (average annual, percent change,
            chained), an amount a year (cumulative); NaN for EVERY_YEAR.
        needed_pct: Whether *needed* is a compound rate in percent a year.
        rate_so_far: The compound average annual rate so far in percent: from
            the baseline to the latest value, or the chained rates' geometric
            mean (NaN for other kinds).
        goal: The value of ``X`` that just reaches the target (a level for
            kinds read at the deadline).
        remaining: Years of the window still to come.
        observed: Years of the window observed.
        failed: Observed years of the window that broke an EVERY_YEAR limit.
        base: The baseline value used (NaN: none).

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import LEVEL, histories, trajectories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-01-29")
        >>> measured = trajectories(h, "drift", 0.8, within_year=True)[2]
        >>> int(measured.form[0]) == LEVEL, bool(0 <= measured.probability[0] <= 1)
        (True, True)
    """

    form: npt.NDArray[np.int8]
    point: FloatArray
    lower: FloatArray
    upper: FloatArray
    probability: FloatArray
    at_deadline: k.Forecasts
    so_far: FloatArray
    needed: FloatArray
    needed_pct: BoolArray
    rate_so_far: FloatArray
    goal: FloatArray
    remaining: IntArray
    observed: IntArray
    failed: IntArray
    base: FloatArray


def _baseline(h: Histories) -> tuple[FloatArray, FloatArray]:
    """The target's baseline, else the value of the period ending where its window starts."""
    ta = h.targets.arrays
    n = len(h)
    has = np.isfinite(ta.base_value) & np.isfinite(ta.base_time)
    window = ta.window
    d = h.distinct()
    if d is not None and np.all(np.isfinite(d.t)):
        b = _value_at(d, window, h.latest())
    else:
        seg = np.repeat(np.arange(n), np.diff(h.indptr))
        at = np.abs(h.t - window[seg]) < EPS_TIME
        b = np.full(n, np.nan)
        b[seg[at]] = h.y[at]
    # b is a new array: the targets' own baselines are written into it (the
    # values of np.where(has, ta.base_value, b)); most targets have none.
    base_t = ta.window.copy()
    if has.any():
        b[has] = ta.base_value[has]
        base_t[has] = ta.base_time[has]
    return b, base_t


def _value_at(
    d: SharedHistories,
    when: FloatArray,
    latest: tuple[BoolArray, FloatArray, FloatArray],
) -> FloatArray:
    """Per target, the value of its distinct history's latest point within EPS_TIME of *when*.

    A history's times are sorted. A time at the history's latest point
    (within EPS_TIME) reads that point, and a time EPS_TIME or more past
    either end reads nothing; only a time inside a history is searched:
    one search in those histories laid end to end (each history's times
    shifted past the previous one's), then the exact test on the point
    found and its neighbours. *latest* is :meth:`Histories.latest
    <innovplan.engine.Histories.latest>` of the histories *d* belongs to
    (each target's history, its latest time and value), already known.
    """
    n = d.of.size
    out = np.full(n, np.nan)
    if d.t.size == 0 or n == 0:
        return out
    ip = d.indptr
    has_d = ip[1:] > ip[:-1]
    has, last, last_y = latest
    # Each history's first time, then each target's (from its history's).
    first = d.t[np.where(has_d, ip[:-1], 0)][d.of]
    # Subtraction is monotone in each argument, so |t - when| >= EPS_TIME for
    # every point once it holds at the end nearer to *when*.
    with np.errstate(invalid="ignore"):
        at_end = has & (np.abs(last - when) < EPS_TIME)
        inside = has & ~at_end & (when - last < EPS_TIME) & (first - when < EPS_TIME)
    np.copyto(out, last_y, where=at_end)
    rows = np.flatnonzero(inside)
    if rows.size:
        of = d.of[rows]
        out[rows] = _search_at(d, when[rows], of, ip[of], ip[of + 1])
    return out


def _search_at(
    d: SharedHistories, when: FloatArray, of: IntArray, lo: IntArray, hi: IntArray
) -> FloatArray:
    # _value_at by one search over every history (the latest point within
    # EPS_TIME of *when* in history *of*, its points lo:hi; NaN if none).
    n = of.size
    out = np.full(n, np.nan)
    counts = np.diff(d.indptr)
    t0 = float(d.t.min())
    gap = float(d.t.max()) - t0 + 1.0
    key = np.repeat(np.arange(counts.size) * gap, counts) + (d.t - t0)
    with np.errstate(invalid="ignore"):
        p = np.searchsorted(key, of * gap + (when - t0) + EPS_TIME) - 1
    found = np.full(n, -1, dtype=np.int64)
    for shift in (-1, 0, 1):  # later candidates win
        c = p + shift
        inside = (c >= lo) & (c < hi)
        ok = np.zeros(n, dtype=bool)
        ok[inside] = np.abs(d.t[c[inside]] - when[inside]) < EPS_TIME
        found[ok] = c[ok]
    hit = found >= 0
    out[hit] = d.y[found[hit]]
    return out


def _window_sums(
    h: Histories, lo: FloatArray, hi: FloatArray, latest: tuple[BoolArray, FloatArray]
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """Per target: sum of the window's observed values, of ``log(1 + r/100)``, count, failures."""
    ta = h.targets.arrays
    n = len(h)
    # Histories sorted in time end where their latest point is: when none
    # reaches into its target's window (forecasts of later deadlines), the
    # window holds nothing.
    # A target without a history has its latest time at -inf.
    _, last = latest
    if not np.any(last > ta.window + EPS_TIME):
        zeros = np.zeros(n)
        none = np.zeros(n, dtype=np.int64)
        return zeros, zeros.copy(), none, none.copy()
    seg = np.repeat(np.arange(n), np.diff(h.indptr))  # each history point's target
    inw = (h.t > ta.window[seg] + EPS_TIME) & (h.t < ta.end[seg] + EPS_TIME)
    s: FloatArray = np.bincount(seg[inw], weights=h.y[inw], minlength=n).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        lg = np.log1p(h.y[inw] / 100.0)
    logp: FloatArray = np.bincount(seg[inw], weights=lg, minlength=n).astype(np.float64)
    cnt = np.bincount(seg[inw], minlength=n).astype(np.int64)
    bad = inw & ((h.y < lo[seg]) | (h.y > hi[seg]))
    failed = np.bincount(seg[bad], minlength=n).astype(np.int64)
    return s, logp, cnt, failed


def _ends_q(h: Histories) -> tuple[FloatArray, FloatArray, BoolArray, BoolArray, FloatArray]:
    """The met set on the target's own basis, and the value to reach (the nearer end)."""
    ta = h.targets.arrays
    half = band(ta.value, ta.tol_abs, ta.tol_rel, ta.percent)
    lo, hi, lc, hc = interval(ta.value, ta.upper, ta.comparator, ta.direction, half)
    return lo, hi, lc, hc, reference(ta.value, ta.upper, ta.comparator, ta.direction)


def _mapped_rows(basis: npt.NDArray[np.int8], form: npt.NDArray[np.int8]) -> IntArray:
    # The rows whose Q is not X itself: all but a value (or every year's) on
    # no baseline.
    plain = ~((form == SUM) | (form == CHAIN)) & ~(
        (basis == c.CHANGE) | (basis == c.PERCENT_CHANGE) | (basis == c.AVERAGE_ANNUAL)
    )
    return np.flatnonzero(~plain)


class _Map(NamedTuple):
    # Q = g(X) and its inverse, per target, as arrays of parameters.
    basis: npt.NDArray[np.int8]
    form: npt.NDArray[np.int8]
    base: FloatArray
    years: FloatArray  # T - t_B (levels) or N (chained average)
    offset: FloatArray  # S (sums) or log P (chains)

    def mapped(self) -> IntArray:
        """The rows whose ``Q`` is not ``X`` itself."""
        return _mapped_rows(self.basis, self.form)

    def _part(self, rows: IntArray) -> _Map:
        return _Map(
            self.basis[rows], self.form[rows], self.base[rows], self.years[rows], self.offset[rows]
        )

    def q(self, x: FloatArray, mapped: IntArray | None = None, *, copy: bool = True) -> FloatArray:
        """``Q = g(X)``; rows of a plain value are copied, the others (*mapped*) mapped.

        With ``copy=False`` and no row mapped, *x* itself (for a caller that only reads it).
        """
        return self._apply(x, "_q", self.mapped() if mapped is None else mapped, copy=copy)

    def x(self, q: FloatArray, mapped: IntArray | None = None, *, copy: bool = True) -> FloatArray:
        """``X = g^-1(Q)``, the inverse of :meth:`q`."""
        return self._apply(q, "_x", self.mapped() if mapped is None else mapped, copy=copy)

    def _apply(self, v: FloatArray, how: str, mapped: IntArray, *, copy: bool) -> FloatArray:
        # The formulas are elementwise: the rows that need them get the same
        # floats from a call on those rows alone, the others are X itself.
        if not (copy or mapped.size):
            return np.asarray(v, dtype=np.float64)
        out: FloatArray = np.array(v, dtype=np.float64, copy=True)
        if mapped.size:
            out[mapped] = getattr(self._part(mapped), how)(out[mapped])
        return out

    def _q(self, x: FloatArray) -> FloatArray:
        b, yrs = self.base, self.years
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            ratio = x / np.where(b > 0, b, np.nan)
            aa_lv = (np.power(ratio, 1.0 / yrs) - 1.0) * 100.0
            g = np.exp(self.offset + x)
            aa_ch = (np.power(g, 1.0 / yrs) - 1.0) * 100.0
            pc_ch = (g - 1.0) * 100.0
        lv = np.select(
            [
                self.basis == c.CHANGE,
                self.basis == c.PERCENT_CHANGE,
                self.basis == c.AVERAGE_ANNUAL,
            ],
            [x - b, (ratio - 1.0) * 100.0, aa_lv],
            x,
        )
        ch = np.where(self.basis == c.AVERAGE_ANNUAL, aa_ch, pc_ch)
        out: FloatArray = np.select(
            [self.form == SUM, self.form == CHAIN], [self.offset + x, ch], lv
        )
        return out

    def _x(self, q: FloatArray) -> FloatArray:
        b, yrs = self.base, self.years
        fin = np.isfinite(q)
        qq = np.where(fin, q, 0.0)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            f = 1.0 + qq / 100.0
            pos = f > 0
            fp = np.where(pos, f, 1.0)
            pct_lv = np.where(pos, b * fp, -np.inf)
            aa_lv = np.where(pos, b * np.power(fp, yrs), -np.inf)
            pct_ch = np.where(pos, np.log(fp) - self.offset, -np.inf)
            aa_ch = np.where(pos, yrs * np.log(fp) - self.offset, -np.inf)
        lv = np.select(
            [
                self.basis == c.CHANGE,
                self.basis == c.PERCENT_CHANGE,
                self.basis == c.AVERAGE_ANNUAL,
            ],
            [qq + b, pct_lv, aa_lv],
            qq,
        )
        ch = np.where(self.basis == c.AVERAGE_ANNUAL, aa_ch, pct_ch)
        out = np.select([self.form == SUM, self.form == CHAIN], [qq - self.offset, ch], lv)
        # Infinite ends stay infinite; a ratio needs a positive baseline.
        needs_base = (self.form == LEVEL) & np.isin(
            self.basis, (c.CHANGE, c.PERCENT_CHANGE, c.AVERAGE_ANNUAL)
        )
        out = np.where(
            needs_base & ~(np.isfinite(b) & ((b > 0) | (self.basis == c.CHANGE))), np.nan, out
        )
        result: FloatArray = np.where(fin, out, q)
        return result


def _prob(
    fc: k.Forecasts, lo: FloatArray, hi: FloatArray, lc: BoolArray, hc: BoolArray
) -> FloatArray:
    # P(lo <(=) X <(=) hi) = P(X >(=) lo) - P(X >(=) hi); strictness matters
    # only for a point mass (Civil Code art. 1259, as attainment reads it).
    # Every step is elementwise: each row gets the float prob_above gives it,
    # whichever other rows share the call.
    loc, scale = np.asarray(fc.loc), np.asarray(fc.scale)
    finite = np.isfinite(loc) & np.isfinite(scale)
    no_floor = ~np.isfinite(fc.floor)
    # An infinite end of a forecast with spread is certain: a t (or
    # lognormal-t) is above -inf and below +inf, with or without a floor.
    spread = finite & (scale > 0)
    mass = scale == 0
    point_mass = finite & mass & no_floor
    # The plain t (no floor) is its tail alone; a floor, or a loc or scale
    # that is not finite, goes through prob_above.
    plain = spread & no_floor
    general = ~(plain | point_mass)
    logs = np.asarray(fc.log_space)
    tails: list[tuple[FloatArray, IntArray, FloatArray]] = []
    # A point mass without a floor is above the threshold or not: where it
    # sits is the same for both ends.
    pm = np.flatnonzero(point_mass)
    with np.errstate(over="ignore"):
        at = np.where(logs[pm], np.exp(loc[pm]), loc[pm])
    some_general = bool(general.any())

    def above(x: FloatArray, strict: BoolArray) -> FloatArray:
        thr = np.array(x, dtype=np.float64)
        _fill_where(thr, np.isnan(x), 0.0)
        infinite = np.isinf(x)
        # The sure rows (1.0 below 0, else 0.0); the others are set below.
        p = (x < 0).astype(np.float64)
        if pm.size:
            t_pm = thr[pm]
            p[pm] = np.where(strict[pm], at > t_pm, at >= t_pm)
        # A lognormal-t is above every threshold at or below 0 (the tail's
        # z is -inf there): only the other rows need the tail. A plain row
        # has spread, so an infinite end of it is sure.
        tail = plain & ~infinite
        certain = logs & (thr <= 0)
        np.copyto(p, 1.0, where=tail & certain)
        t_rows = np.flatnonzero(tail & ~certain)
        if t_rows.size:
            tails.append((p, t_rows, thr[t_rows]))
        # The sure rows (an infinite end of a forecast with spread) are set.
        gen = np.flatnonzero(general & ~(infinite & spread)) if some_general else pm[:0]
        if gen.size:
            sub = take(fc, gen)
            t_gen = thr[gen]
            pg = k.prob_above(sub, t_gen, strict=True)
            # Strictness changes a point mass and a forecast conditioned on
            # a floor: those rows alone are worked out again.
            loose = np.flatnonzero(~strict[gen] & (mass[gen] | ~no_floor[gen]))
            if loose.size:
                pg[loose] = k.prob_above(take(sub, loose), t_gen[loose], strict=False)
            p[gen] = pg
        return p

    p_lo, p_hi = above(lo, ~lc), above(hi, hc)
    if tails:
        # Both ends' t tails in one call.
        rows = np.concatenate([r for _, r, _ in tails])
        thr = np.concatenate([t for _, _, t in tails])
        pt = _plain_above(loc[rows], scale[rows], fc.df[rows], logs[rows], thr)
        start = 0
        for p, r, _ in tails:
            p[r] = pt[start : start + r.size]
            start += r.size
    # p_lo and p_hi are new arrays of above's: NaN written where an end is NaN.
    _fill_where(p_lo, np.isnan(lo), np.nan)
    _fill_where(p_hi, np.isnan(hi), np.nan)
    d = np.subtract(p_lo, p_hi, out=p_lo)
    return np.clip(d, 0.0, 1.0, out=d)


def _fill_where(x: FloatArray, mask: BoolArray, value: float) -> FloatArray:
    # np.where(mask, value, x) written into x itself (a new array of the
    # caller's): nothing is written where the mask is all False (the usual
    # case), and a boolean assignment elsewhere is cheaper than np.where's
    # choice element by element.
    if mask.any():
        x[mask] = value
    return x


def take(fc: k.Forecasts, index: Any) -> k.Forecasts:
    """The same part (``a[index]``, or a reshape by a tuple of ints) of every column."""
    if isinstance(index, tuple) and all(isinstance(x, int) for x in index):
        return k.Forecasts(*(np.asarray(a).reshape(index) for a in fc))  # type: ignore[arg-type]
    return k.Forecasts(*(np.asarray(a)[index] for a in fc))


def _pick(
    form: npt.NDArray[np.int8], parts: dict[int, k.Forecasts], base: k.Forecasts
) -> k.Forecasts:
    out = []
    for i, col in enumerate(base):
        a = np.array(col, copy=True)
        for f, part in parts.items():
            sel = form == f
            a[sel] = np.asarray(part[i])[sel]
        out.append(a)
    return k.Forecasts(*out)


def _on(
    rows: BoolArray,
    formula: Callable[..., FloatArray],
    *cols: npt.NDArray[Any],
    none: FloatArray | None = None,
) -> FloatArray:
    # formula(*cols) on the rows picked, NaN on the others; *none* (an
    # all-NaN column the caller only reads) when no row is picked.
    at = np.flatnonzero(rows)
    if not at.size and none is not None:
        return none
    out = np.full(rows.shape, np.nan)
    if at.size:
        out[at] = formula(*(col[at] for col in cols))
    return out


def _ratio(last_y: FloatArray, base: FloatArray) -> FloatArray:
    # The latest value over a positive baseline.
    out: FloatArray = np.where(base > 0, last_y / base, np.nan)
    return out


def _compound_rate(ratio: FloatArray, since: FloatArray) -> FloatArray:
    # The compound average annual rate, in percent, of a ratio over *since* years.
    out: FloatArray = (
        np.power(ratio, 1.0 / np.where(since > EPS_TIME, since, np.nan)) - 1.0
    ) * 100.0
    return out


def _chained_rate(logp: FloatArray, n_obs: IntArray) -> FloatArray:
    # The geometric mean of the chained yearly rates, in percent.
    out: FloatArray = (np.exp(logp / np.where(n_obs > 0, n_obs, np.nan)) - 1.0) * 100.0
    return out


def _chained_so_far(basis: npt.NDArray[np.int8], rate: FloatArray, logp: FloatArray) -> FloatArray:
    # A chain so far: its average rate, or its change in percent.
    out: FloatArray = np.where(basis == c.AVERAGE_ANNUAL, rate, (np.exp(logp) - 1.0) * 100.0)
    return out


def _level_need_rate(goal: FloatArray, last_y: FloatArray, left: FloatArray) -> FloatArray:
    out: FloatArray = (np.power(goal / last_y, 1.0 / left) - 1.0) * 100.0
    return out


def _chain_need_rate(goal: FloatArray, remaining: IntArray) -> FloatArray:
    out: FloatArray = (np.exp(goal / np.where(remaining > 0, remaining, np.nan)) - 1.0) * 100.0
    return out


def _per_year(goal: FloatArray, remaining: IntArray) -> FloatArray:
    out: FloatArray = goal / np.where(remaining > 0, remaining, np.nan)
    return out


def _select(
    conds: list[BoolArray],
    choices: list[FloatArray | float | Callable[[], FloatArray]],
    default: FloatArray | float,
) -> FloatArray:
    # np.select: the first condition that holds picks its choice, else the
    # default; a condition that holds nowhere costs one test. A callable
    # choice is an elementwise formula over all rows, worked out only when
    # its condition holds somewhere.
    # The default written into a new array (a fill for one value, a copy of
    # an array): np.array of a broadcast view takes numpy's slower strided
    # copy. The same floats.
    out = np.empty(conds[0].shape)
    out[...] = default
    for cond, choice in reversed(list(zip(conds, choices, strict=True))):
        if cond.any():
            made = choice() if callable(choice) else choice
            out[cond] = made[cond] if isinstance(made, np.ndarray) else made
    return out


def _mapping(
    h: Histories,
    y: Years,
    baseline: tuple[FloatArray, FloatArray],
    s_obs: FloatArray,
    logp: FloatArray,
) -> tuple[_Map, IntArray]:
    # Q = g(X) per target, and the rows whose Q is not X itself.
    ta = h.targets.arrays
    form = y.form
    base, base_t = baseline
    rows = _mapped_rows(ta.basis, form)
    if not rows.size:
        # _Map reads its years and offset on the mapped rows only: none here.
        return _Map(ta.basis, form, base, base, base), rows
    n_years = np.rint((ta.end - ta.window) / y.step)
    yrs = np.where(form == CHAIN, n_years, ta.end - base_t)
    offset = np.where(form == SUM, s_obs, np.where(form == CHAIN, logp, 0.0))
    return _Map(ta.basis, form, base, yrs, offset), rows


def measure(
    h: Histories, y: Years, years_fc: k.Forecasts, deadline: k.Forecasts, level: float
) -> Measured:
    """Combine the years' forecasts into each target's measured quantity.

    Args:
        h: The targets' histories.
        y: The years forecast (:func:`years`).
        years_fc: The kernel's forecasts at ``y.horizons``, ``(targets, K)``.
        deadline: The forecast of the deadline period itself, ``(targets,)``
            (the last column, or the year-to-date forecast that replaced it).
        level: Interval probability.

    Returns:
        The measured quantities.
    """
    ta = h.targets.arrays
    form = y.form
    has, last_t, last_y = h.latest()
    base, base_t = _baseline(h)
    lo_q, hi_q, lc, hc, goal_q = _ends_q(h)
    s_obs, logp, n_obs, failed = _window_sums(h, lo_q, hi_q, (has, last_t))
    remaining = y.remaining
    is_sum, chain, is_every = form == SUM, form == CHAIN, form == EVERY
    g, rows = _mapping(h, y, (base, base_t), s_obs, logp)

    parts: dict[int, k.Forecasts] = {}
    if is_sum.any():
        parts[SUM] = kc.sum_years(years_fc, y.use & is_sum[:, None], y.steps, level)
    if chain.any():
        parts[CHAIN] = kc.chain_years(years_fc, y.use & chain[:, None], y.steps, level)
    x = _pick(form, parts, deadline) if parts else deadline

    with np.errstate(invalid="ignore"):
        prob = _prob(x, g.x(lo_q, rows, copy=False), g.x(hi_q, rows, copy=False), lc, hc)
    every = np.flatnonzero(is_every)
    if every.size:
        sub = take(years_fc, every)
        p_all = kc.all_within(sub, y.use[every], y.steps[every], lo_q[every], hi_q[every])
        prob[every] = np.where(failed[every] > 0, 0.0, p_all)
    ok = np.isfinite(x.loc) & np.isfinite(x.scale)
    not_ok = ~ok
    _fill_where(prob, not_ok, np.nan)  # prob is _prob's new array

    # What it is so far and what is still needed, in the kind's terms. Each
    # kind's formula runs on its own rows only (NaN elsewhere, never read):
    # every formula is elementwise, so each row gets the same float.
    left = _fill_where(
        ta.end - np.maximum(y.last, ta.window), ~(y.last < ta.end - EPS_TIME), np.nan
    )
    b_pct, b_aa = ta.basis == c.PERCENT_CHANGE, ta.basis == c.AVERAGE_ANNUAL
    level_rate = (form == LEVEL) & (b_pct | b_aa)
    pct = chain | level_rate
    # NaN for the kinds no target has (read, never written).
    none = np.full(form.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        ratio = _on(level_rate, _ratio, last_y, base, none=none)
        aa_so_far = _on(level_rate, _compound_rate, ratio, y.last - base_t, none=none)
        lv_so_far = _select(
            [ta.basis == c.CHANGE, b_pct, b_aa],
            [lambda: last_y - base, lambda: (ratio - 1.0) * 100.0, aa_so_far],
            last_y,
        )
        ch_rate = _on(chain, _chained_rate, logp, n_obs, none=none)
        ch_so_far = _on(chain, _chained_so_far, ta.basis, ch_rate, logp, none=none)
        so_far = _select([is_sum, chain, is_every], [s_obs, ch_so_far, last_y], lv_so_far)
        _fill_where(so_far, ~(has | is_sum | chain), np.nan)  # _select's new array
        goal_x = g.x(goal_q, rows)
        # A compound rate for the rest: the level still needed over the latest
        # one; for chains, the factor still needed over the remaining years.
        lv_need_pct = _on(level_rate, _level_need_rate, goal_x, last_y, left, none=none)
        ch_need_pct = _on(chain, _chain_need_rate, goal_x, remaining, none=none)
        need_abs = (goal_x - last_y) / left
        sum_need = _on(is_sum, _per_year, goal_x, remaining, none=none)
        needed = _select(
            [is_sum, chain, is_every, pct],
            [sum_need, ch_need_pct, np.nan, lv_need_pct],
            need_abs,
        )
        _fill_where(needed, ~np.isfinite(left), np.nan)  # _select's new array
    return Measured(
        form=form,
        point=_fill_where(g.q(x.point, rows), ~np.isfinite(x.point), np.nan),
        lower=_fill_where(g.q(x.lower, rows), not_ok, np.nan),
        upper=_fill_where(g.q(x.upper, rows), not_ok, np.nan),
        probability=prob,
        at_deadline=deadline,
        so_far=so_far,
        needed=needed,
        needed_pct=pct,
        rate_so_far=_select([chain, pct], [ch_rate, aa_so_far], np.nan),
        goal=goal_x,
        remaining=remaining,
        observed=n_obs,
        failed=failed,
        base=base,
    )
