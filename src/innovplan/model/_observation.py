"""Evidence: observed figures with their period, vintage, bound and source."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, overload

import attrs

from innovplan.errors import ModelError
from innovplan.model._checks import (
    optional_date_converter,
    optional_instance_of,
    quantity_field,
    text,
    tuple_converter,
)
from innovplan.model._enums import Bound
from innovplan.model._fields import (
    check_id,
    enum_converter,
    named_converter,
    to_optional_date,
)
from innovplan.model._group import Group, to_group
from innovplan.model._period import Period, period_converter, to_period
from innovplan.units import Quantity

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


__all__ = ["Observation", "Series", "Source"]


@attrs.frozen
class Source:
    """Where a figure was published: a title, and optionally a URL and the quoted words.

    Example:
        >>> Source("2024 Wuhan government work report", quote="总量达1.45万家").title
        '2024 Wuhan government work report'
    """

    title: str = attrs.field(validator=text)
    url: str = attrs.field(default="", validator=text)
    quote: str = attrs.field(default="", validator=text)


def _check_count_sign(instance: Observation, attribute: attrs.Attribute[Any], q: Quantity) -> None:
    from innovplan.units import is_countable

    if is_countable(q) and q.magnitude < 0:
        msg = f"a count cannot be negative, got {q:~}"
        raise ModelError(f"Observation {instance.indicator!r}", attribute.name, msg)


def _release_key(obs: Observation) -> dt.date:
    return obs.released or dt.date.min


@attrs.frozen
class Observation:
    """One published figure of an indicator.

    Args:
        indicator: The id of the indicator measured.
        value: The figure, with its unit.
        period: What it measures: ``2023`` (a year's flow or growth), ``"2023-H1"``,
            ``"2023-12-31"`` (a stock at a date), or a :class:`Period`.
        released: The date it was published (its vintage). Later releases of
            the same period revise earlier ones.
        bound: ``EXACT``, or a bound: ">12,000" is ``AT_LEAST`` 12,000.
        source: Where it was published.
        status: The SDMX ``OBS_STATUS`` code when the figure came from SDMX
            (``"P"`` provisional, ``"E"`` estimated, ``"B"`` break in series).
        note: Free text.
        dimensions: The group the figure is for, as a code per dimension
            (``{"region": "420100", "sex": "F"}``, see :class:`Group`); empty
            (or SDMX's total code ``_T``) for the total.

    Example:
        >>> from innovplan import Q_
        >>> obs = Observation("high_tech_enterprises", Q_(14500, "enterprise"),
        ...                   period="2023-12-31", released="2024-01-18")
        >>> str(obs.period), obs.bound, obs.dimensions.is_total
        ('2023-12-31', <Bound.EXACT: 'exact'>, True)
        >>> girls = Observation("enrolment_rate", Q_(97.1, "percent"), 2022,
        ...                     dimensions={"sex": "F: Female"})
        >>> girls.dimensions["sex"], girls.dimensions.label("sex")
        ('F', 'Female')
    """

    indicator: str = attrs.field(validator=check_id)
    value: Quantity = attrs.field(converter=quantity_field, validator=_check_count_sign)  # type: ignore[misc]
    period: Period = attrs.field(converter=period_converter)  # type: ignore[misc]
    released: dt.date | None = attrs.field(
        default=None,
        converter=optional_date_converter,  # type: ignore[misc]
        kw_only=True,
    )
    bound: Bound = attrs.field(default=Bound.EXACT, converter=enum_converter(Bound), kw_only=True)  # type: ignore[misc]
    source: Source | None = attrs.field(
        default=None, validator=optional_instance_of(Source, "Source('title')"), kw_only=True
    )
    status: str = attrs.field(default="", validator=text, kw_only=True)
    note: str = attrs.field(default="", validator=text, kw_only=True)
    dimensions: Group = attrs.field(
        factory=Group,
        converter=named_converter(to_group),  # type: ignore[misc]
        kw_only=True,
    )

    def sort_key(self) -> tuple[dt.date, dt.date, dt.date]:
        """Time order: by period end, then period start, then release date."""
        return (self.period.end, self.period.start, _release_key(self))


def _check_series(instance: Series, attribute: attrs.Attribute[Any], obs: tuple[Any, ...]) -> None:
    owner = f"Series {instance.indicator!r}"
    dims = None
    group = obs[0].dimensions if obs and isinstance(obs[0], Observation) else None
    seen: set[tuple[Period, dt.date | None]] = set()
    for i, o in enumerate(obs):
        if not isinstance(o, Observation):
            raise ModelError(owner, f"{attribute.name}[{i}]", f"not an Observation: {o!r}")
        if o.indicator != instance.indicator:
            msg = f"belongs to indicator {o.indicator!r}, not {instance.indicator!r}"
            raise ModelError(owner, f"{attribute.name}[{i}]", msg)
        if o.dimensions != group:
            msg = (
                f"is for group {o.dimensions}, the series for {group}: a series holds one "
                "group of an indicator (split observations by their dimensions first)"
            )
            raise ModelError(owner, f"{attribute.name}[{i}]", msg)
        if dims is None:
            dims = o.value.dimensionality
        elif o.value.dimensionality != dims:
            msg = (
                f"unit {o.value.units!s} has dimension {o.value.dimensionality}, the series {dims}"
            )
            raise ModelError(owner, f"{attribute.name}[{i}]", msg)
        key = (o.period, o.released)
        if key in seen:
            msg = f"period {o.period} released {o.released} appears twice"
            raise ModelError(owner, f"{attribute.name}[{i}]", msg)
        seen.add(key)
        if i and o.sort_key() < obs[i - 1].sort_key():
            msg = (
                f"observations are not in time order ({o.period} after {obs[i - 1].period}); "
                "use Series.sorted() to sort them"
            )
            raise ModelError(owner, f"{attribute.name}[{i}]", msg)


@attrs.frozen
class Series:
    """An indicator's observations in time order (by period end, start, then release).

    A series refuses mixed dimensions, the same period released twice on the
    same date, and unsorted input: sorting is explicit, with :meth:`sorted`.

    Example:
        >>> from innovplan import Q_
        >>> s = Series.sorted([
        ...     Observation("hte", Q_(14500, "enterprise"), "2023-12-31", released="2024-01-18"),
        ...     Observation("hte", Q_(9145, "enterprise"), "2021-12-31"),
        ... ])
        >>> [str(o.period) for o in s]
        ['2021-12-31', '2023-12-31']
    """

    indicator: str = attrs.field(validator=check_id)
    observations: tuple[Observation, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        validator=_check_series,
    )

    @classmethod
    def sorted(cls, observations: Iterable[Observation], indicator: str | None = None) -> Series:
        """Build a series from observations in any order.

        *indicator* defaults to that of the first observation.

        Raises:
            ModelError: There are no observations and no *indicator*, or the
                observations break a rule of :class:`Series`.
        """
        obs = sorted(observations, key=Observation.sort_key)
        if indicator is None:
            if not obs:
                raise ModelError("Series", "indicator", "no observations and no indicator given")
            indicator = obs[0].indicator
        return cls(indicator, tuple(obs))

    def __len__(self) -> int:
        return len(self.observations)

    @property
    def dimensions(self) -> Group:
        """The group all observations of the series are for (the total when empty).

        Example:
            >>> from innovplan import Q_
            >>> s = Series("gpi", [Observation("gpi", Q_(1, "dimensionless"), 2022,
            ...                                dimensions={"sex": "F"})])
            >>> str(s.dimensions)
            'sex=F'
        """
        return self.observations[0].dimensions if self.observations else Group()

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.observations)

    @overload
    def __getitem__(self, index: int) -> Observation: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Observation, ...]: ...
    def __getitem__(self, index: int | slice) -> Observation | tuple[Observation, ...]:
        return self.observations[index]

    def latest(self, as_of: dt.date | str | None = None) -> Series:
        """One observation per period: the latest release known on *as_of*.

        With *as_of* ``None`` every release counts. An observation without a
        release date counts as known from the end of its period.

        Example:
            >>> from innovplan import Q_
            >>> early = Observation("gdp_growth", Q_(4.5, "percent"), 2022, released="2023-01-05")
            >>> final = Observation("gdp_growth", Q_(4.0, "percent"), 2022, released="2023-06-30")
            >>> s = Series.sorted([early, final])
            >>> s.latest()[0].value, s.latest(as_of="2023-03-01")[0].value
            (<Quantity(4.0, 'percent')>, <Quantity(4.5, 'percent')>)
        """
        cutoff = to_optional_date(as_of)
        best: dict[Period, Observation] = {}
        for o in self.observations:
            known = o.released or o.period.end
            if cutoff is not None and known > cutoff:
                continue
            best[o.period] = o  # observations are sorted by release within a period
        kept = tuple(sorted(best.values(), key=Observation.sort_key))
        return Series(self.indicator, kept)

    def for_period(self, period: Period | str | int) -> Observation | None:
        """The latest release for exactly *period*, or ``None``.

        Example:
            >>> from innovplan import Q_
            >>> s = Series("hte", [Observation("hte", Q_(14500, "enterprise"), "2023-12-31")])
            >>> s.for_period("2023-12-31").value
            <Quantity(14500, 'enterprise')>
        """
        wanted = to_period(period)
        found = [o for o in self.observations if o.period == wanted]
        return found[-1] if found else None
