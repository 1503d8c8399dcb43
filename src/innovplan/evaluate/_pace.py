"""The ``pace`` sentences of forecasts: what each target has reached so far and still needs.

This is the one place they are written. A column of 100,000 rows is written
from the arrays: each number is formatted by the shared formatting of
:mod:`innovplan.units` (a unit's label looked up once per unit, not per row),
each part of the sentence by one template per kind of target, and the parts
joined as arrays. :meth:`Forecast.pace` reads the same builder on a batch of
one row (:func:`pace_text`), so a row and its column cannot drift apart.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np

from innovplan.engine import codes as c
from innovplan.evaluate._assessments import _unit_name
from innovplan.units import (
    format_magnitudes,
    format_percents,
    format_quantity,
    registry,
    split_magnitudes,
    unit_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy.typing as npt

    from innovplan.model import Observation, Target
    from innovplan.units import Quantity

    ObjectArray = npt.NDArray[np.object_]

__all__ = ["BASIS_CODES", "PaceColumns", "PaceReading", "pace_column", "pace_text"]

BASIS_CODES: dict[str, int] = {
    "value": c.VALUE,
    "change": c.CHANGE,
    "percent_change": c.PERCENT_CHANGE,
    "average_annual": c.AVERAGE_ANNUAL,
    "cumulative": c.CUMULATIVE_SUM,
    "every_year": c.EVERY_YEAR,
}
"""``Forecast.basis`` names and their codes (``innovplan.engine.codes``)."""

# pint writes a rate of a dimensionless indicator as one of these (years per
# year cancel): the indicator's own unit stands in (as format_per_year does).
_UNITLESS = frozenset({"1", "1 / year", "dimensionless"})


class PaceColumns(NamedTuple):
    """What the ``pace`` column reads, one entry per row.

    Attributes:
        basis: The basis codes (``innovplan.engine.codes``).
        so_far: The quantity so far, in *shown* (NaN: none).
        shown: The unit of *so_far*, per row.
        needed: What each remaining year needs (NaN: nothing), in
            *needed_unit*.
        needed_unit: ``"percent"`` for a rate a year, else the indicator's
            unit a year.
        needed_in: The remaining years as text (``""``: none).
        latest: The row of each row's latest observation (-1: none).
        observation: The observation at a row of observations, or None.
        target: Row *i*'s target, or None.
    """

    basis: npt.NDArray[np.int8]
    so_far: npt.NDArray[np.float64]
    shown: ObjectArray
    needed: npt.NDArray[np.float64]
    needed_unit: ObjectArray
    needed_in: ObjectArray
    latest: npt.NDArray[np.intp]
    observation: Callable[[int], Observation | None]
    target: Callable[[int], Target | None]


def _texts(values: list[str] | ObjectArray, n: int) -> ObjectArray:
    out = np.empty(n, dtype=object)
    out[:] = values
    return out


@functools.lru_cache(maxsize=1024)
def _is_percent(unit: str) -> bool:
    ureg = registry()
    return bool(ureg.Unit(unit) == ureg.Unit("percent"))


def _by_unit(
    rows: npt.NDArray[np.intp], units: ObjectArray
) -> list[tuple[str, npt.NDArray[np.intp]]]:
    """*rows* grouped by their unit: one formatting call per unit."""
    groups: dict[str, list[int]] = {}
    for i, unit in zip(rows.tolist(), units[rows].tolist(), strict=True):
        groups.setdefault(str(unit), []).append(i)
    return [(unit, np.array(at, dtype=np.intp)) for unit, at in groups.items()]


def _so_far(p: PaceColumns, has: npt.NDArray[np.bool_]) -> ObjectArray:
    """The part on what was reached so far (``""`` where none), in the kind's words."""
    n = has.size
    out = _texts([""] * n, n)
    groups = _by_unit(np.flatnonzero(has), p.shown)
    if not groups:
        return out
    basis, mag = p.basis, p.so_far
    pct = np.zeros(n, dtype=bool)
    for unit, sub in groups:
        pct[sub] = _is_percent(unit)
    rate = has & (basis == c.AVERAGE_ANNUAL)
    if rate.any():
        out[rate] = [f"{t} a year so far" for t in format_percents(mag[rate]).tolist()]
    change = has & ~rate & pct & ((basis == c.PERCENT_CHANGE) | (basis == c.CUMULATIVE_SUM))
    if change.any():
        out[change] = [f"{t} so far" for t in format_percents(mag[change], sign=True).tolist()]
    rest = has & ~rate & ~change
    if not rest.any():
        return out
    written = _texts([""] * n, n)
    for unit, sub in groups:
        # format_quantity of each quantity, one call per unit.
        at = sub[rest[sub]]
        if at.size:
            written[at] = format_magnitudes(mag[at], unit)
    signed = rest & ((basis == c.CHANGE) | (basis == c.PERCENT_CHANGE))
    if signed.any():
        out[signed] = [
            f"{'+' if m >= 0 else ''}{t} so far"
            for m, t in zip(mag[signed].tolist(), written[signed].tolist(), strict=True)
        ]
    total = rest & (basis == c.CUMULATIVE_SUM)
    if total.any():
        out[total] = [f"{t} so far" for t in written[total].tolist()]
    _levels(p, np.flatnonzero(rest & ~signed & ~total & (p.latest >= 0)), written, out)
    return out


def _levels(p: PaceColumns, level: npt.NDArray[np.intp], written: ObjectArray,
            out: ObjectArray) -> None:  # fmt: skip
    """A level so far: its quantity *written* with the latest observation's bound and period."""
    # Rows of one indicator share their latest observation: its words are written once.
    words: dict[int, tuple[str, str] | None] = {}
    for i, row, t in zip(level.tolist(), p.latest[level].tolist(), written[level].tolist(),
                         strict=True):  # fmt: skip
        if row not in words:
            words[row] = _observed(p.observation(row))
        said = words[row]
        if said is not None:
            out[i] = said[0] + t + said[1]


def _observed(o: Observation | None) -> tuple[str, str] | None:
    """The words around a level so far: its bound before, its period after."""
    if o is None:
        return None
    period = str(o.period)
    bound = {"AT_LEAST": "≥ ", "AT_MOST": "≤ "}.get(o.bound.name, "")
    return bound, f" {'in' if len(period) == 4 else 'on'} {period}"


def _per_year(mags: npt.NDArray[np.float64], per: str) -> list[str]:
    """``format_per_year`` of *mags* in *per* a year, without its ``/yr``."""
    numbers, suffixes = split_magnitudes(mags, per)
    signs = ["+" if m >= 0 else "" for m in mags.tolist()]
    if per == "dimensionless":
        return [s + x for s, x in zip(signs, numbers.tolist(), strict=True)]
    return [
        s + x + u.replace("percentage_point", "pp")
        for s, x, u in zip(signs, numbers.tolist(), suffixes.tolist(), strict=True)
    ]


def _needed(p: PaceColumns, has: npt.NDArray[np.bool_], when: ObjectArray) -> ObjectArray:
    """The part on what each remaining year needs (``""`` where nothing is needed)."""
    n = has.size
    out = _texts([""] * n, n)
    for unit, sub in _by_unit(np.flatnonzero(has), p.needed_unit):
        mags = p.needed[sub]
        if _is_percent(unit):
            said = format_percents(mags).tolist()
        else:
            per = unit_text(unit).removesuffix(" / year")
            if per in _UNITLESS:
                # The indicator's own unit, row by row: the rows share a few.
                owns = [_own(p.target(i)) for i in sub.tolist()]
                said = [""] * sub.size
                for own in dict.fromkeys(owns):
                    at = np.array([k for k, o in enumerate(owns) if o == own], dtype=np.intp)
                    shown = own if own is not None else "dimensionless"
                    for k, text in zip(at.tolist(), _per_year(mags[at], shown), strict=True):
                        said[k] = text
            else:
                said = _per_year(mags, per)
        out[sub] = [f"{t} a year needed{w}" for t, w in zip(said, when[sub].tolist(), strict=True)]
    return out


def _own(target: Target | None) -> str | None:
    return target.indicator.unit if target is not None else None


def _every_year(p: PaceColumns, rows: npt.NDArray[np.intp], when: ObjectArray) -> ObjectArray:
    """For every-year limits with nothing needed: the years that must still meet the limit."""
    out = _texts([""] * rows.size, rows.size)
    for k, i in enumerate(rows.tolist()):
        t = p.target(i)
        if t is not None:
            value = format_quantity(t.value)
            out[k] = f"every year{when[i]} must be {t.comparator.symbol} {value}"
    return out


def pace_column(p: PaceColumns) -> ObjectArray:
    """:meth:`Forecast.pace` of every row, written by column.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast_many
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> fcs = forecast_many([plan.target("T10")], obs, method="drift", as_of="2023-01-29")
        >>> fcs.columns["pace"].tolist()
        ['1,357.41亿元 in 2022; +92.59亿元 a year needed in 2023']
    """
    n = p.basis.size
    has_so_far = ~np.isnan(p.so_far)
    has_need = ~np.isnan(p.needed)
    if not (has_so_far.any() or has_need.any()):
        return _texts([""] * n, n)
    when = _texts([f" in {t}" if t else "" for t in p.needed_in.tolist()], n)
    first = _so_far(p, has_so_far)
    second = _needed(p, has_need, when)
    limit = np.flatnonzero(has_so_far & ~has_need & (p.basis == c.EVERY_YEAR) & (p.needed_in != ""))
    if limit.size:
        second[limit] = _every_year(p, limit, when)
    both = (first != "") & (second != "")
    joined = _texts([""] * n, n)
    joined[both] = first[both] + "; " + second[both]
    joined[~both] = np.where(first[~both] != "", first[~both], second[~both])
    return joined


def _one(values: list[str]) -> ObjectArray:
    return _texts(values, 1)


class PaceReading(Protocol):
    """What :func:`pace_text` reads of one forecast (a ``Forecast`` has it)."""

    @property
    def basis(self) -> str: ...

    @property
    def so_far(self) -> Quantity | None: ...

    @property
    def needed(self) -> Quantity | None: ...

    @property
    def needed_in(self) -> str: ...

    @property
    def target(self) -> Target | None: ...

    @property
    def latest(self) -> Observation | None: ...


def pace_text(f: PaceReading) -> str:
    """:meth:`Forecast.pace` of one forecast: :func:`pace_column` on a batch of one.

    A *basis* other than a ``Forecast.basis`` name reads as ``"value"``.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> pace_text(forecast(plan.target("T10"), obs, method="drift", as_of="2023-01-29"))
        '1,357.41亿元 in 2022; +92.59亿元 a year needed in 2023'
    """
    nan = float("nan")
    so_far, needed, latest, target = f.so_far, f.needed, f.latest, f.target
    return str(
        pace_column(
            PaceColumns(
                basis=np.array([BASIS_CODES.get(f.basis, c.VALUE)], dtype=np.int8),
                so_far=np.array([nan if so_far is None else float(so_far.magnitude)]),
                shown=_one(["" if so_far is None else _unit_name(so_far.units)]),
                needed=np.array([nan if needed is None else float(needed.magnitude)]),
                needed_unit=_one(["" if needed is None else _unit_name(needed.units)]),
                needed_in=_one([f.needed_in]),
                latest=np.array([-1 if latest is None else 0], dtype=np.intp),
                observation=lambda _: latest,
                target=lambda _: target,
            )
        )[0]
    )
