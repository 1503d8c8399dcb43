"""The ``pace`` sentences of forecasts: what each target has reached so far and still needs.

This is the one place they are written. The rows are sorted into kinds in
one pass over plain lists; the numbers of each unit are formatted by one call
to the shared formatting of :mod:`innovplan.units` (a unit's label looked up
once per unit, not per row); each part of the sentence has one template per
kind of target. :meth:`Forecast.pace` reads the same builder on a batch of
one row (:func:`pace_text`), so a row and its column cannot drift apart.
"""

from __future__ import annotations

import functools
import math
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


def _texts(values: list[str], n: int) -> ObjectArray:
    out = np.empty(n, dtype=object)
    out[:] = values
    return out


@functools.lru_cache(maxsize=1024)
def _is_percent(unit: str) -> bool:
    ureg = registry()
    return bool(ureg.Unit(unit) == ureg.Unit("percent"))


def _by_unit(mags: list[float], units: list[str]) -> dict[str, list[int]]:
    """The rows with a magnitude (not NaN), grouped by their unit: one formatting call per unit."""
    groups: dict[str, list[int]] = {}
    for i, (m, unit) in enumerate(zip(mags, units, strict=True)):
        if m == m:  # noqa: PLR0124 (NaN test)
            groups.setdefault(unit, []).append(i)
    return groups


def _so_far(p: PaceColumns, basis: list[int], mags: list[float]) -> list[str]:
    """The part on what was reached so far (``""`` where none), in the kind's words."""
    out = [""] * len(basis)
    rates: list[int] = []
    changes: list[int] = []
    rest: dict[str, list[int]] = {}
    for unit, rows in _by_unit(mags, p.shown.tolist()).items():
        pct = _is_percent(unit)
        for i in rows:
            b = basis[i]
            if b == c.AVERAGE_ANNUAL:
                rates.append(i)
            elif pct and b in {c.PERCENT_CHANGE, c.CUMULATIVE_SUM}:
                changes.append(i)
            else:
                rest.setdefault(unit, []).append(i)
    for i, t in zip(rates, format_percents([mags[i] for i in rates]).tolist(), strict=True):
        out[i] = f"{t} a year so far"
    for i, t in zip(changes, format_percents([mags[i] for i in changes], sign=True).tolist(),
                    strict=True):  # fmt: skip
        out[i] = f"{t} so far"
    _quantities(p, rest, basis, mags, out)
    return out


def _quantities(p: PaceColumns, rest: dict[str, list[int]], basis: list[int], mags: list[float],
                out: list[str]) -> None:  # fmt: skip
    """Into *out*: the quantities so far of *rest* (rows by unit), with a sign, as a sum or a level.

    A level reads with the latest observation's bound and period.
    """
    latest = p.latest.tolist()
    # Rows of one indicator share their latest observation: its words are written once.
    words: dict[int, tuple[str, str] | None] = {}
    for unit, rows in rest.items():
        written = format_magnitudes([mags[i] for i in rows], unit).tolist()
        for i, t in zip(rows, written, strict=True):
            b = basis[i]
            if b in {c.CHANGE, c.PERCENT_CHANGE}:
                out[i] = f"{'+' if mags[i] >= 0 else ''}{t} so far"
            elif b == c.CUMULATIVE_SUM:
                out[i] = f"{t} so far"
            elif (row := latest[i]) >= 0:
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


def _per_year(mags: list[float], per: str) -> list[str]:
    """``format_per_year`` of *mags* in *per* a year, without its ``/yr``."""
    numbers, suffixes = split_magnitudes(mags, per)
    signs = ["+" if m >= 0 else "" for m in mags]
    if per == "dimensionless":
        return [s + x for s, x in zip(signs, numbers.tolist(), strict=True)]
    return [
        s + x + u.replace("percentage_point", "pp")
        for s, x, u in zip(signs, numbers.tolist(), suffixes.tolist(), strict=True)
    ]


def _needed(p: PaceColumns, mags: list[float], when: list[str]) -> list[str]:
    """The part on what each remaining year needs (``""`` where nothing is needed)."""
    out = [""] * len(mags)
    for unit, rows in _by_unit(mags, p.needed_unit.tolist()).items():
        said = _needed_in_unit(p, rows, [mags[i] for i in rows], unit)
        for i, t in zip(rows, said, strict=True):
            out[i] = f"{t} a year needed{when[i]}"
    return out


def _needed_in_unit(p: PaceColumns, rows: list[int], mags: list[float], unit: str) -> list[str]:
    """What *rows* need a year, all in *unit*, as ``format_per_year`` writes it."""
    if _is_percent(unit):
        out: list[str] = format_percents(mags).tolist()
        return out
    per = unit_text(unit).removesuffix(" / year")
    if per not in _UNITLESS:
        return _per_year(mags, per)
    # The indicator's own unit, row by row: the rows share a few.
    owns = [_own(p.target(i)) for i in rows]
    said = [""] * len(rows)
    for own in dict.fromkeys(owns):
        at = [k for k, o in enumerate(owns) if o == own]
        shown = own if own is not None else "dimensionless"
        for k, text in zip(at, _per_year([mags[k] for k in at], shown), strict=True):
            said[k] = text
    return said


def _own(target: Target | None) -> str | None:
    return target.indicator.unit if target is not None else None


def _every_year(p: PaceColumns, i: int, when: str) -> str:
    """For an every-year limit with nothing needed: the years that must still meet the limit."""
    t = p.target(i)
    if t is None:
        return ""
    return f"every year{when} must be {t.comparator.symbol} {format_quantity(t.value)}"


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
    basis = p.basis.tolist()
    so_far, needed = p.so_far.tolist(), p.needed.tolist()
    needed_in = p.needed_in.tolist()
    when = [f" in {t}" if t else "" for t in needed_in]
    first = _so_far(p, basis, so_far)
    second = _needed(p, needed, when)
    for i, b in enumerate(basis):
        # An every-year limit with a figure so far and no amount needed.
        limit = b == c.EVERY_YEAR and needed_in[i] and math.isnan(needed[i])
        if limit and not math.isnan(so_far[i]):
            second[i] = _every_year(p, i, when[i])
    joined = [f"{a}; {b}" if a and b else a or b for a, b in zip(first, second, strict=True)]
    return _texts(joined, len(joined))


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
