"""Consistency of published parts and totals: do a flow's regions add up to the whole?

Where statistics publish an indicator both for the total and for every group
of a dimension (provinces and the country, urban and rural and all
residents), the parts of a flow or a stock must sum to the total, up to
rounding. Shares and growth rates do not sum (the share of each province is
not a part of the national share), so they are refused.

The tolerance is relative: published figures are rounded, and a sum of
rounded parts differs from the rounded total by up to half a unit of the last
digit per part. The default of 0.5 % covers that for tables of a few dozen
parts published to three or more significant digits; regional accounts that
are compiled apart from the national ones (China's provincial GDP, for one)
differ by more, and the check then says so.

Example:
    >>> from innovplan import Q_
    >>> from innovplan.model import Indicator, Observation
    >>> gdp = Indicator("gdp", "GDP", unit="hundred_million_yuan", measure="flow")
    >>> obs = [Observation("gdp", Q_(v, "亿元"), 2023, dimensions=d) for v, d in
    ...        [(360, {}), (120, {"region": "A"}), (240, {"region": "B"})]]
    >>> (c,) = check_parts(obs, [gdp], dimension="region")
    >>> c.consistent, c.parts_sum
    (True, <Quantity(360.0, 'hundred_million_yuan')>)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs
import pint

from innovplan.errors import EvaluationError
from innovplan.model import Group, Indicator, Measure, Observation, Period, check_dimension
from innovplan.units import Quantity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["PartsCheck", "check_parts"]

_SUMMABLE = frozenset({Measure.FLOW, Measure.LEVEL})


@attrs.frozen
class PartsCheck:
    """Whether the parts of one total add up, for one indicator, group and period.

    Attributes:
        indicator: The indicator id.
        group: The group whose parts are summed (the total, unless other
            dimensions are fixed: the parts of ``sex=F`` by region).
        period: The period.
        total: The published total, or None when only parts are published.
        parts_sum: The sum of the parts published for the period.
        parts: How many parts were published for the period.
        missing: Codes of the dimension published for another period but not
            for this one: the sum is then incomplete.
        consistent: True when the parts are complete and sum to the total
            within the tolerance, False when complete and off, None when
            incomplete or without a total.
        difference: (sum − total) / total, or None.

    Example:
        >>> from innovplan import Q_
        >>> c = PartsCheck("gdp", Group(), Period.parse("2023"), Q_(360, "亿元"),
        ...                Q_(350, "亿元"), 3, (), False, -10 / 360)
        >>> print(c)
        gdp 2023 (total): parts sum to 350 hundred_million_yuan, total 360 (−2.78 %)
    """

    indicator: str
    group: Group
    period: Period
    total: Quantity | None
    parts_sum: Quantity
    parts: int
    missing: tuple[str, ...]
    consistent: bool | None
    difference: float | None

    def __str__(self) -> str:
        head = f"{self.indicator} {self.period} ({self.group})"
        body = f"parts sum to {self.parts_sum.magnitude:g} {self.parts_sum.units}"
        if self.total is not None:
            body += f", total {self.total.magnitude:g}"
        if self.difference is not None:
            body += f" ({self.difference * 100:+.2f} %)".replace("+-", "−").replace("-", "−")
        if self.missing:
            body += f"; missing: {', '.join(self.missing)}"
        return f"{head}: {body}"


def _latest(
    observations: Iterable[Observation], wanted: dict[str, Indicator]
) -> dict[tuple[str, Group, Period], Observation]:
    best: dict[tuple[str, Group, Period], Observation] = {}
    for o in observations:
        if o.indicator not in wanted:
            continue
        key = (o.indicator, o.dimensions, o.period)
        old = best.get(key)
        if old is None or (o.released or o.period.end) >= (old.released or old.period.end):
            best[key] = o
    return best


def _check_rtol(rtol: float) -> None:
    try:
        valid = math.isfinite(rtol) and rtol >= 0
    except TypeError:
        valid = False
    if not valid:
        msg = f"check_parts: rtol is a finite number ≥ 0 (0.005 is 0.5 %), got {rtol!r}"
        raise EvaluationError(msg)


def _summable(indicators: Sequence[Indicator]) -> dict[str, Indicator]:
    wanted: dict[str, Indicator] = {}
    for ind in indicators:
        if ind.measure not in _SUMMABLE:
            msg = (
                f"check_parts: indicator {ind.id!r} is a {ind.measure.value}: the parts' "
                f"{ind.measure.value}s do not add up to the total's; check the amounts "
                "they are computed from (a flow or a stock) instead"
            )
            raise EvaluationError(msg)
        wanted[ind.id] = ind
    return wanted


def check_parts(
    observations: Iterable[Observation],
    indicators: Sequence[Indicator],
    *,
    dimension: str,
    rtol: float = 0.005,
) -> tuple[PartsCheck, ...]:
    """Check that the groups of *dimension* add up to their total, period by period.

    The latest release of each figure counts. Parts are the groups that have
    *dimension*; their total is the group without it (with the same codes
    of any other dimension).

    Args:
        observations: Observations, every vintage.
        indicators: The indicators to check: flows or stocks (levels).
        dimension: The dimension whose groups are the parts (``"region"``).
        rtol: The relative tolerance of the sum against the total.

    Returns:
        One check per indicator, total group and period with parts, in that order.

    Raises:
        EvaluationError: An indicator is a share or a growth rate (they do not
            sum), *rtol* is not a finite number ≥ 0, or a part has no
            value in the indicator's unit.
        ModelError: *dimension* is not a dimension name.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Indicator
        >>> share = Indicator("s", "share", unit="percent", measure="share")
        >>> check_parts([], [share], dimension="region")
        Traceback (most recent call last):
        ...
        innovplan.errors.EvaluationError: check_parts: indicator 's' is a share: ...
    """
    check_dimension(dimension, "check_parts", "dimension")
    _check_rtol(rtol)
    wanted = _summable(indicators)
    best = _latest(observations, wanted)
    # (indicator, total group, period) -> parts; codes of the dimension per (indicator, group).
    parts: dict[tuple[str, Group, Period], list[Observation]] = {}
    codes: dict[tuple[str, Group], set[str]] = {}
    for (ind_id, group, period), o in best.items():
        if dimension not in group:
            continue
        rest = Group({k: group.coded(k) for k in group if k != dimension})
        parts.setdefault((ind_id, rest, period), []).append(o)
        codes.setdefault((ind_id, rest), set()).add(group[dimension])
    out: list[PartsCheck] = []
    order = sorted(parts, key=lambda k: (k[0], k[1].codes, k[2].start, k[2].end))
    for key in order:
        ind_id, rest, period = key
        unit = wanted[ind_id].unit
        found = parts[key]
        total_obs = best.get(key)
        try:
            amount = math.fsum(float(o.value.to(unit).magnitude) for o in found)
            total = total_obs.value.to(unit) if total_obs is not None else None
        except pint.DimensionalityError as exc:
            msg = f"check_parts: a figure of {ind_id!r} for {period} is not in '{unit}': {exc}"
            raise EvaluationError(msg) from None
        present = {o.dimensions[dimension] for o in found}
        missing = tuple(sorted(codes[ind_id, rest] - present))
        diff = None
        consistent = None
        if total is not None and total.magnitude != 0:
            diff = (amount - float(total.magnitude)) / float(total.magnitude)
            if not missing:
                consistent = abs(diff) <= rtol
        q = found[0].value.to(unit)
        out.append(
            PartsCheck(
                ind_id,
                rest,
                period,
                total,
                type(q)(amount, unit),
                len(found),
                missing,
                consistent,
                diff,
            )
        )
    return tuple(out)
