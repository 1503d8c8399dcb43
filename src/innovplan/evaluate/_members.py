"""What each member of ``auto`` says for one target, and how they combine, in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

import innovplan.engine as k
from innovplan.units import format_magnitude

if TYPE_CHECKING:
    from innovplan.engine import Histories

__all__ = ["members_note", "yearly_note"]

_NAMES = ("latest value", "least-squares line", "constant growth", "average change")


def members_note(
    h: Histories,
    fc: k.Forecasts,
    i: int,
    unit: str,
    factor: float = 1.0,
    *,
    members: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
) -> str:
    """The members of ``auto`` at target *i*'s deadline and why the result is what it is.

    Empty unless *i* was forecast by ``auto``'s combination from at least 3
    points. The point is the mean of the two middle members (the median of
    four); a floor from a published lower bound then moves the whole
    distribution above it (:func:`innovplan.engine._forecast.at_least`).

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories
        >>> from innovplan.engine import auto
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-01-29")
        >>> fc = auto(h.t, h.y, h.indptr, h.horizon)
        >>> members_note(h, fc, 0, "hundred_million_yuan").split(", ")[0]
        'members for 2023: latest value 1,357.41亿元'
    """
    lo_i, hi_i = int(h.indptr[i]), int(h.indptr[i + 1])
    if (
        hi_i - lo_i < 3
        or fc.method[i] != k.Method.COMBINED
        or fc.status[i] == k.ForecastOutcome.UNCLEAR
    ):
        return ""
    t, y = h.t[lo_i:hi_i], h.y[lo_i:hi_i]
    if members is None:
        members = (
            tuple(float(m[0]) for m in k.auto_members(t, y, [0, t.size], [h.horizon[i]])),
            tuple(
                float(m[0])
                for m in k.auto_members(t, y, [0, t.size], [h.horizon[i]], combined=True)
            ),
        )
    vals, used = list(members[0]), list(members[1])
    w = min(5, t.size - 1)
    names = (*_NAMES[:3], f"{_NAMES[3]} over the last {w} intervals")
    if not np.all(y > 0):
        names = (names[0], names[1], "drift (a value is 0 or less: no growth rate)", names[3])
    year = int(np.floor(h.horizon[i] - 1e-9))

    def f(x: float) -> str:
        return format_magnitude(x * factor, unit)

    parts = [
        f"members for {year}: " + ", ".join(f"{n} {f(v)}" for n, v in zip(names, vals, strict=True))
    ]
    if used[0] != vals[0]:
        parts.append(
            "steady growth (a rise in every interval, and no slowdown over the last "
            f"{w} intervals): the average change stands in for the latest value"
        )
    order = np.argsort(used)
    a, b = used[int(order[1])], used[int(order[2])]
    parts.append(f"median: the middle two, {f(a)} and {f(b)}, give {f(0.5 * (a + b))}")
    calib = float(np.asarray(fc.calib)[i]) if np.ndim(fc.calib) else float(fc.calib)
    if np.isfinite(calib) and calib != 1.0:
        kept = [
            why
            for why, yes in (
                ("a gap", bool(np.any(np.diff(t) > 1.5 * np.median(np.diff(t))))),
                ("a break in series", bool(h.flags[i] & k.BREAK)),
            )
            if yes
        ]
        parts.append(
            f"the spread is the drift model's widened by the members' disagreement, "
            f"then scaled by {calib:.2f} after the series' own past errors and its length"
            + (f" (at least 1: the history has {' and '.join(kept)})" if kept else "")
        )
    floor = float(np.asarray(fc.floor)[i])
    if np.isfinite(floor):
        parts.append(
            f"a published lower bound {f(floor)} of a stock that has never fallen is a floor: "
            f"conditioned on reaching it, the point is {f(float(fc.point[i]))} and the "
            f"interval {f(float(fc.lower[i]))}–{f(float(fc.upper[i]))}"
        )
    return "; ".join(parts)


def yearly_note(h: Histories, i: int, unit: str, factor: float = 1.0) -> str:
    """``auto``'s members for target *i*'s yearly totals, whose spread a pro-rata total takes.

    A year-to-date figure without past within-year shares is spread by the
    yearly trend's relative spread for the same year (``docs/methods.md``,
    "Pro rata without past within-year figures"): this says what that trend
    is, member by member. Empty with fewer than 3 yearly totals.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-08-06")
        >>> yearly_note(h, 0, "hundred_million_yuan").split(", ")[0]
        'the yearly trend behind its spread: members for 2023: latest value 1,357.41亿元'
    """
    lo_i, hi_i = int(h.indptr[i]), int(h.indptr[i + 1])
    if hi_i - lo_i < 3:
        return ""
    one = k.auto(h.t[lo_i:hi_i], h.y[lo_i:hi_i], [0, hi_i - lo_i], [h.horizon[i]])
    # Row i of a batch whose every row is that one forecast: members_note
    # reads row i of both the histories and the forecasts (stride-0 views).
    rows = k.Forecasts._make(np.broadcast_to(np.asarray(a).reshape(-1)[:1], (i + 1,)) for a in one)
    note = members_note(h, rows, i, unit, factor)
    return f"the yearly trend behind its spread: {note}" if note else ""
