"""What each member of ``auto`` says for one target, and how they combine, in words."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

import innovplan.engine as k
from innovplan.evaluate._notes import Note, WhyCode

if TYPE_CHECKING:
    from innovplan.engine import Histories

__all__ = ["Members", "all_members", "member_notes", "members_note", "yearly_note", "yearly_notes"]


class Members(NamedTuple):
    """What ``auto``'s members say for one series, and which parts of its rule apply.

    Attributes:
        said: The members as each says (:func:`innovplan.engine.auto_members`).
        used: The members as the median combines them (``combined=True``).
        parts: :func:`innovplan.engine.auto_parts` of a batch of series.
        at: The series' row in *parts*.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import auto, histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-01-29")
        >>> m = all_members(h, auto(h.t, h.y, h.indptr, h.horizon))[0]
        >>> m.said[0], bool(m.parts.steady[m.at])
        (1357.41, True)
    """

    said: tuple[float, ...]
    used: tuple[float, ...]
    parts: k.AutoParts
    at: int


def all_members(h: Histories, fc: k.Forecasts) -> dict[int, Members]:
    """:class:`Members` of every row forecast by ``auto``'s combination from 3 points or more.

    One call of each engine function for all those rows.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import auto, histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T8"), plan.target("T10")], obs, as_of="2023-01-29")
        >>> sorted(all_members(h, auto(h.t, h.y, h.indptr, h.horizon)))
        [0, 1]
    """
    n = np.diff(h.indptr)
    rows = np.flatnonzero(
        (n >= 3) & (fc.method == k.Method.COMBINED) & (fc.status != k.ForecastOutcome.UNCLEAR)
    )
    if rows.size == 0:
        return {}
    take = np.concatenate([np.arange(h.indptr[r], h.indptr[r + 1]) for r in rows.tolist()])
    ptr = np.concatenate([[0], np.cumsum(n[rows])])
    t, y, horizon = h.t[take], h.y[take], h.horizon[rows]
    said = [m.tolist() for m in k.auto_members(t, y, ptr, horizon)]
    used = [m.tolist() for m in k.auto_members(t, y, ptr, horizon, combined=True)]
    parts = k.auto_parts(t, y, ptr, horizon)
    return {
        r: Members(tuple(c[j] for c in said), tuple(c[j] for c in used), parts, j)
        for j, r in enumerate(rows.tolist())
    }


def members_note(
    h: Histories,
    fc: k.Forecasts,
    i: int,
    unit: str,
    factor: float = 1.0,
    *,
    members: Members | None = None,
) -> str:
    """:func:`member_notes` as one line, their English sentences joined by ``"; "``.

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
    return "; ".join(n.text() for n in member_notes(h, fc, i, unit, factor, members=members))


def member_notes(
    h: Histories,
    fc: k.Forecasts,
    i: int,
    unit: str,
    factor: float = 1.0,
    *,
    members: Members | None = None,
) -> tuple[Note, ...]:
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
        >>> notes = member_notes(h, fc, 0, "hundred_million_yuan")
        >>> [n.code.value for n in notes], notes[0].params["values"][0]
        (['members', 'steady_growth', 'median', 'spread'], 1357.41)
    """
    lo_i, hi_i = int(h.indptr[i]), int(h.indptr[i + 1])
    if (
        hi_i - lo_i < 3
        or fc.method[i] != k.Method.COMBINED
        or fc.status[i] == k.ForecastOutcome.UNCLEAR
    ):
        return ()
    t, y = h.t[lo_i:hi_i], h.y[lo_i:hi_i]
    if members is None:
        one = (t, y, [0, t.size], [h.horizon[i]])
        members = Members(
            tuple(float(m[0]) for m in k.auto_members(*one)),
            tuple(float(m[0]) for m in k.auto_members(*one, combined=True)),
            k.auto_parts(*one),
            0,
        )
    vals, used = list(members.said), list(members.used)
    rule, j = members.parts, members.at
    w = int(rule.window[j])
    positive = bool(rule.positive[j])
    year = math.floor(float(h.horizon[i]) - 1e-9)
    slowed = {"slowed": k.AUTO_RULE.slowed, "damping": k.AUTO_RULE.damped} if rule.slowed[j] else {}
    notes = [
        Note(
            WhyCode.MEMBERS,
            {
                "year": year,
                "values": tuple(v * factor for v in vals),
                "unit": unit,
                "window": w,
                "drift": not positive,
                "smoothed": bool(rule.smoothed[j]),
                "yearly": False,
                "damped": bool(slowed),
                **slowed,
            },
        )
    ]
    if rule.steady[j]:
        # A series with a value <= 0 has no growth rate: its stand-in is a
        # steady rise over its last intervals (see auto_members).
        rise = {} if positive else {"recent": k.AUTO_RULE.recent}
        notes.append(Note(WhyCode.STEADY_GROWTH, {"window": w, **rise}))
    if any(math.isnan(v) for v in used):
        order = np.argsort(used)  # NaN last, as numpy sorts it
        a, b = used[int(order[1])], used[int(order[2])]
    else:
        a, b = sorted(used)[1:3]
    mid = 0.5 * (a + b) * factor
    middle: dict[str, object] = {"low": a * factor, "high": b * factor, "middle": mid, "unit": unit}
    kept = _kept(vals, used)
    if kept is not None:
        middle["kept"] = kept
    notes.append(Note(WhyCode.MEDIAN, middle))
    level = float(rule.level[j])
    if math.isfinite(level):
        # A series with a zero and no negative value: the spread on the
        # values grows with the level (see innovplan.engine.auto_parts).
        latest = float(y[-1]) * factor
        said = {"factor": level, "median": mid, "latest": latest, "unit": unit}
        notes.append(Note(WhyCode.LEVEL, said))
    calib = float(np.asarray(fc.calib)[i]) if np.ndim(fc.calib) else float(fc.calib)
    if math.isfinite(calib) and calib != 1.0:
        gap = bool(rule.gap[j])
        brk = bool(h.flags[i] & k.BREAK)
        notes.append(Note(WhyCode.SPREAD, {"calibration": calib, "gap": gap, "break": brk}))
    floor = float(np.asarray(fc.floor)[i])
    if np.isfinite(floor):
        ends = {"point": float(fc.point[i]), "lower": float(fc.lower[i])}
        ends["upper"] = float(fc.upper[i])
        figures = {name: x * factor for name, x in {"floor": floor, **ends}.items()}
        notes.append(Note(WhyCode.FLOOR, {**figures, "unit": unit}))
    return tuple(notes)


def _kept(said: list[float], used: list[float]) -> float | None:
    # The share of its step beyond the latest value that each member keeps
    # when a weak trend draws them in (the same share for all: the engine's
    # trend weight), read off the member with the largest step; None when
    # they keep all of it. The latest value itself, or the average change
    # standing in for it, is left out: it is no step of its own.
    steps = [(u - said[0], v - said[0]) for u, v in zip(used[1:], said[1:], strict=True)]
    drawn, step = max(steps, key=lambda s: abs(s[1]))
    if step == 0.0 or not math.isfinite(step):
        return None
    kept = drawn / step
    return kept if kept < 1.0 - 1e-9 else None


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
    return "; ".join(n.text() for n in yearly_notes(h, i, unit, factor))


def yearly_notes(h: Histories, i: int, unit: str, factor: float = 1.0) -> tuple[Note, ...]:
    """:func:`yearly_note` as notes: :func:`member_notes`, the first marked *yearly*.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.engine import histories
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> h = histories([plan.target("T10")], obs, as_of="2023-08-06")
        >>> first = yearly_notes(h, 0, "hundred_million_yuan")[0]
        >>> first.code.value, first.params["yearly"]
        ('members', True)
    """
    lo_i, hi_i = int(h.indptr[i]), int(h.indptr[i + 1])
    if hi_i - lo_i < 3:
        return ()
    one = k.auto(h.t[lo_i:hi_i], h.y[lo_i:hi_i], [0, hi_i - lo_i], [h.horizon[i]])
    # Row i of a batch whose every row is that one forecast: member_notes
    # reads row i of both the histories and the forecasts (stride-0 views).
    rows = k.Forecasts._make(np.broadcast_to(np.asarray(a).reshape(-1)[:1], (i + 1,)) for a in one)
    notes = member_notes(h, rows, i, unit, factor)
    if not notes:
        return ()
    first = notes[0]
    return (Note(first.code, {**first.params, "yearly": True}), *notes[1:])
