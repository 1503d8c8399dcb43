"""Targets: a comparator, a value with its unit, a deadline, and the words they came from."""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Any

import attrs

from innovplan.errors import ModelError
from innovplan.model._checks import (
    date_converter,
    instance_of,
    optional_date_converter,
    optional_instance_of,
    optional_quantity_field,
    quantity_field,
    real_number,
    shown,
    text,
    tuple_converter,
)
from innovplan.model._enums import Basis, Comparator, Measure, Nature
from innovplan.model._fields import (
    _ID,
    check_id,
    enum_converter,
    is_plain_quantity,
    named_converter,
)
from innovplan.model._group import Group, check_dimension, to_group
from innovplan.model._indicator import Indicator, _pint_unit
from innovplan.model._observation import Observation
from innovplan.model._wording import Wording, wording_converter
from innovplan.units import Quantity

__all__ = ["Milestone", "Target", "Tolerance", "checked_target", "expected_dimension"]


def _check_relative(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    x = real_number(value)
    if x is None or not (math.isfinite(x) and x >= 0):
        msg = f"a relative tolerance is a finite fraction ≥ 0 (0.05 is ±5 %), got {shown(value)}"
        raise ModelError("Tolerance", attribute.name, msg)


@attrs.frozen
class Tolerance:
    """How far from an ``ABOUT`` target still counts as met: relative or absolute.

    Give exactly one of *relative* (a fraction of the target: ``0.05`` is ±5 %)
    and *absolute* (a quantity: ``Q_(0.5, "percentage_point")`` for a
    percent-valued target).

    Example:
        >>> Tolerance(relative=0.05)
        Tolerance(relative=0.05, absolute=None)
    """

    relative: float | None = attrs.field(default=None, validator=_check_relative, kw_only=True)
    absolute: Quantity | None = attrs.field(
        default=None,
        converter=optional_quantity_field,  # type: ignore[misc]
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        if (self.relative is None) == (self.absolute is None):
            msg = "give exactly one of relative= and absolute="
            raise ModelError("Tolerance", "", msg)
        if self.absolute is not None and self.absolute.magnitude < 0:
            msg = f"an absolute tolerance cannot be negative, got {self.absolute:~}"
            raise ModelError("Tolerance", "absolute", msg)


@attrs.frozen
class Milestone:
    """An interim value on the way to a target ("annual values toward a five-year goal").

    Example:
        >>> from innovplan import Q_
        >>> Milestone("2023-12-31", Q_(5, "centre")).deadline
        datetime.date(2023, 12, 31)
    """

    deadline: dt.date = attrs.field(converter=date_converter)  # type: ignore[misc]
    value: Quantity = attrs.field(converter=quantity_field)  # type: ignore[misc]


def expected_dimension(indicator: Indicator, basis: Basis) -> str:
    """The dimension a target's value must have, as text, for error messages and checks.

    Example:
        >>> from innovplan.model import Indicator, Measure
        >>> ind = Indicator("x", "x", unit="yuan", measure=Measure.FLOW)
        >>> expected_dimension(ind, Basis.PERCENT_CHANGE)
        'dimensionless'
    """
    if basis in {Basis.PERCENT_CHANGE, Basis.AVERAGE_ANNUAL}:
        return "dimensionless"
    return str(indicator.pint_unit.dimensionality)


# Whether a unit fits depends on the indicator's unit text, the basis and the
# value's unit terms only: a plan of many targets over a few units decides
# each combination once. The key is the quantity's container of unit terms,
# which pint shares among the quantities of one unit (and which is immutable),
# so a repeated key is found by identity without comparing units.
@functools.lru_cache(maxsize=4096)
def _unit_fits(indicator_unit: str, basis: Basis, terms: Any) -> bool:
    from innovplan.units import registry

    unit = registry().Unit(terms)
    if basis in {Basis.PERCENT_CHANGE, Basis.AVERAGE_ANNUAL}:
        return bool(unit.dimensionless)
    expected = _pint_unit(indicator_unit)
    if basis is Basis.CHANGE and expected.dimensionless:
        # A change of a percent-valued indicator is a difference of percents.
        return bool(unit.dimensionless) or str(unit.dimensionality) == "[percentage_point]"
    return bool(unit.dimensionality == expected.dimensionality)


@functools.lru_cache(maxsize=4096)
def _countable(terms: Any) -> bool:
    from innovplan.units import is_countable, registry

    return is_countable(registry().Unit(terms))


_AMOUNTS = frozenset({Basis.VALUE, Basis.CUMULATIVE, Basis.EVERY_YEAR})
# Members read once per target: bound here, not looked up on their class.
_BETWEEN = Comparator.BETWEEN
_CUMULATIVE = Basis.CUMULATIVE

# _unit_fits by identity: (id of the unit terms, id of the basis, the
# indicator's unit) to the terms and the answer. Hashing an enum member or a
# container of unit terms runs Python code; hashing their ids does not. The
# entry holds the terms, so their id cannot be reused while it is there. A
# document's quantities of one unit share their terms (io reads a unit once).
# Targets built one by one each have terms of their own: the memo is emptied
# when full, so entries of objects long gone do not keep a later document's
# few units out of it for good.
_FITS: dict[tuple[int, int, str], tuple[Any, bool]] = {}
_FITS_SIZE = 4096
# id() where a parameter named id hides it (checked_target).
_identity = id


def _fits(indicator_unit: str, basis: Basis, terms: Any) -> bool:
    key = (id(terms), id(basis), indicator_unit)
    known = _FITS.get(key)
    if known is not None and known[0] is terms:
        return known[1]
    fits = _unit_fits(indicator_unit, basis, terms)
    if len(_FITS) >= _FITS_SIZE:
        _FITS.clear()
    _FITS[key] = (terms, fits)
    return fits


def _check_value(instance: Target, attribute: attrs.Attribute[Any], q: Quantity | None) -> None:
    if q is None:
        return
    ind = instance.indicator
    terms = q._units  # noqa: SLF001 (pint's immutable unit terms, the cache key above)
    if instance.versus is not None:
        if not q.dimensionless:
            msg = (
                f"a parity target's value is a ratio of two groups (0.97, or 97 percent), "
                f"not '{q.units!s}'"
            )
            raise ModelError(f"Target {instance.id!r}", attribute.name, msg)
        return
    # The memo of _fits looked up here: this runs once per value of a plan.
    basis = instance.basis
    known = _FITS.get((id(terms), id(basis), ind.unit))
    fits = known[1] if known is not None and known[0] is terms else _fits(ind.unit, basis, terms)
    if not fits:
        msg = (
            f"unit '{q.units!s}' ({q.dimensionality}) does not fit indicator {ind.id!r} "
            f"(expects {expected_dimension(ind, instance.basis)}, as '{ind.unit}')"
        )
        raise ModelError(f"Target {instance.id!r}", attribute.name, msg)
    if q._magnitude < 0 and basis in _AMOUNTS and _countable(terms):  # noqa: SLF001 (as terms)
        msg = f"a count cannot be negative, got {q:~}"
        raise ModelError(f"Target {instance.id!r}", attribute.name, msg)


def _check_weight(instance: Target, attribute: attrs.Attribute[Any], w: object) -> None:
    x = real_number(w)
    if x is None or not (math.isfinite(x) and x >= 0):
        msg = f"a weight is a finite number ≥ 0 (an int or a float), got {shown(w)}"
        raise ModelError(f"Target {instance.id!r}", attribute.name, msg)


def _to_dimensions(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if value is None or isinstance(value, bytes) or not hasattr(value, "__iter__"):
        msg = f"expected a dimension name or a list of them (such as 'region'), got {shown(value)}"
        raise ModelError("", "", msg)
    names = tuple(value)
    for name in names:
        check_dimension(name)
    if len(set(names)) != len(names):
        raise ModelError("", "", f"a dimension appears twice in {list(names)}")
    return names


def _optional_group(value: object) -> Group | None:
    return None if value is None else to_group(value)


def _check_groups(target: Target) -> None:
    if target.versus is None and target.baseline is None and not target.every:
        return  # nothing below applies: most targets are for the total alone
    owner = f"Target {target.id!r}"
    fixed = set(target.group)
    for name in target.every:
        if name in fixed:
            msg = (
                f"'every' names {name!r}, which the target's group fixes to "
                f"{target.group[name]!r}: give one or the other"
            )
            raise ModelError(owner, "every", msg)
    versus = target.versus
    if versus is None:
        if target.baseline is not None and target.baseline.dimensions != target.group:
            msg = (
                f"the baseline is for group {target.baseline.dimensions}, "
                f"the target for {target.group}"
            )
            raise ModelError(owner, "baseline", msg)
        return
    if target.group.is_total or set(versus) != fixed or versus == target.group:
        msg = (
            "a parity target compares its group with another group of the same dimensions "
            f"(group {{'sex': 'F'}} versus {{'sex': 'M'}}); got group {target.group} "
            f"versus {versus}"
        )
        raise ModelError(owner, "versus", msg)
    if target.basis is not Basis.VALUE or target.baseline is not None or target.milestones:
        msg = (
            "a parity target compares the two groups' values at the deadline: basis 'value', "
            "no baseline, no milestones"
        )
        raise ModelError(owner, "versus", msg)


@attrs.frozen
class Target:
    """A quantified promise: an indicator, a comparator, a value and a deadline.

    Args:
        id: Unique within its plan (``"T8"``).
        indicator: What is measured, with its canonical unit and direction.
        comparator: How the observed value is compared with *value*.
        value: The number promised, with its unit (the lower end for ``BETWEEN``).
        deadline: The last day of the period the target is for.
        upper: The upper end of a ``BETWEEN`` range; nothing otherwise.
        basis: What *value* is measured against (see :class:`Basis`).
        start: The first day of the target's window (the years a cumulative
            or every-year target covers, the years an average is taken over);
            by default the start of the plan holding the target, else
            1 January of the deadline's year.
        baseline: The observation progress is counted from.
        nature: Binding or anticipatory.
        tolerance: For ``ABOUT``: how close counts as met; ``None`` uses the
            documented default of the evaluation.
        wording: The words the target came from, per language.
        milestones: Interim values on the way, in time order.
        weight: Its weight in roll-ups.
        notes: Free text (caveats, how the target was read).
        plan_start: The start of the plan holding the target, which the
            window starts on when *start* is not given. A :class:`Plan` sets it
            on its targets; files never hold it (a plan writes its own start).
        group: The group of a disaggregated indicator the target is for
            (``{"sex": "F"}``, see :class:`Group`); by default the total.
        every: Dimensions the target holds for in every group of
            (``"region"``: every province; one verdict per group), within
            *group*.
        versus: For a parity target, the group that *group* is compared
            with: the target's *value* is then the ratio of *group*'s value to
            *versus*'s (the gender parity index is female over male, within
            0.97–1.03).

    The window runs from :attr:`period_start` to the deadline. What is measured
    over it depends on *basis*: the deadline's value (a flow's deadline year),
    the sum over the window, the change or average annual growth from the
    baseline, or every year's value.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Indicator, Measure
        >>> hte = Indicator("high_tech_enterprises", "high-tech enterprises",
        ...                 unit="enterprise", measure=Measure.LEVEL)
        >>> t8 = Target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"),
        ...             deadline="2023-12-31", wording="高新技术企业突破13000家")
        >>> t8.period_start, t8.wording["zh"]
        (datetime.date(2023, 1, 1), '高新技术企业突破13000家')

        A gender parity target for an enrolment rate published by sex:

        >>> enrol = Indicator("enrolment", "enrolment rate", unit="percent", measure="share")
        >>> gpi = Target("GPI", enrol, "between", Q_(0.97, "dimensionless"), "2030-12-31",
        ...              upper=Q_(1.03, "dimensionless"), group={"sex": "F"}, versus={"sex": "M"})
        >>> str(gpi.group), str(gpi.versus)
        ('sex=F', 'sex=M')
    """

    id: str = attrs.field(validator=check_id)
    indicator: Indicator = attrs.field(validator=instance_of(Indicator))
    comparator: Comparator = attrs.field(converter=enum_converter(Comparator))  # type: ignore[misc]
    value: Quantity = attrs.field(converter=quantity_field)  # type: ignore[misc]
    deadline: dt.date = attrs.field(converter=date_converter)  # type: ignore[misc]
    upper: Quantity | None = attrs.field(
        default=None,
        converter=optional_quantity_field,  # type: ignore[misc]
        kw_only=True,
    )
    basis: Basis = attrs.field(default=Basis.VALUE, converter=enum_converter(Basis), kw_only=True)  # type: ignore[misc]
    start: dt.date | None = attrs.field(
        default=None,
        converter=optional_date_converter,  # type: ignore[misc]
        kw_only=True,
    )
    baseline: Observation | None = attrs.field(
        default=None, validator=optional_instance_of(Observation), kw_only=True
    )
    nature: Nature = attrs.field(
        default=Nature.ANTICIPATORY,
        converter=enum_converter(Nature),  # type: ignore[misc]
        kw_only=True,
    )
    tolerance: Tolerance | None = attrs.field(
        default=None,
        validator=optional_instance_of(Tolerance, "Tolerance(relative=0.05)"),
        kw_only=True,
    )
    wording: Wording = attrs.field(factory=Wording, converter=wording_converter, kw_only=True)  # type: ignore[misc]
    milestones: tuple[Milestone, ...] = attrs.field(
        default=(),
        converter=tuple_converter,  # type: ignore[misc]
        kw_only=True,
    )
    weight: float = attrs.field(default=1.0, validator=_check_weight, kw_only=True)
    notes: str = attrs.field(default="", validator=text, kw_only=True)
    plan_start: dt.date | None = attrs.field(
        default=None,
        converter=optional_date_converter,  # type: ignore[misc]
        kw_only=True,
        repr=False,
        metadata={"innovplan.in_files": False},
    )
    group: Group = attrs.field(
        factory=Group,
        converter=named_converter(to_group),  # type: ignore[misc]
        kw_only=True,
    )
    every: tuple[str, ...] = attrs.field(
        default=(),
        converter=named_converter(_to_dimensions),  # type: ignore[misc]
        kw_only=True,
    )
    versus: Group | None = attrs.field(
        default=None,
        converter=named_converter(_optional_group),  # type: ignore[misc]
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:  # noqa: C901, PLR0912 (one rule per branch, kept together)
        fields = _FIELDS
        baseline = self.baseline
        if self.versus is not None or baseline is not None or self.every:
            _check_groups(self)
        _check_value(self, fields.value, self.value)
        upper = self.upper
        if upper is not None:
            _check_value(self, fields.upper, upper)
        if self.comparator is _BETWEEN:
            if upper is None:
                msg = "BETWEEN needs two values: value (lower) and upper"
                raise ModelError(f"Target {self.id!r}", "upper", msg)
            if upper < self.value:
                msg = f"upper {upper:~} is below value {self.value:~}"
                raise ModelError(f"Target {self.id!r}", "upper", msg)
        elif upper is not None:
            msg = f"only BETWEEN has an upper value, not {self.comparator.name}"
            raise ModelError(f"Target {self.id!r}", "upper", msg)
        if self.start is not None and self.start > self.deadline:
            msg = f"the target's period starts ({self.start}) after its deadline ({self.deadline})"
            raise ModelError(f"Target {self.id!r}", "start", msg)
        if self.basis is _CUMULATIVE and self.measure not in {Measure.FLOW, Measure.GROWTH}:
            msg = (
                f"a cumulative target sums a flow (new jobs a year) or chains yearly rates; "
                f"indicator {self.indicator.id!r} is a {self.measure.value}: "
                f"use basis 'change' or 'percent_change' for a change over the window"
            )
            raise ModelError(f"Target {self.id!r}", "basis", msg)
        if baseline is not None and baseline.indicator != self.indicator.id:
            msg = (
                f"baseline observes {baseline.indicator!r}, "
                f"the target's indicator is {self.indicator.id!r}"
            )
            raise ModelError(f"Target {self.id!r}", "baseline", msg)
        if self.tolerance is not None and self.tolerance.absolute is not None:
            tol = self.tolerance.absolute
            percent_target = bool(self.value.dimensionless)
            pp = str(tol.dimensionality) == "[percentage_point]"
            if not (tol.dimensionality == self.value.dimensionality or (percent_target and pp)):
                msg = f"an absolute tolerance in '{tol.units!s}' does not fit value {self.value:~}"
                raise ModelError(f"Target {self.id!r}", "tolerance", msg)
        for i, m in enumerate(self.milestones):
            if not isinstance(m, Milestone):
                raise ModelError(
                    f"Target {self.id!r}", f"milestones[{i}]", f"not a Milestone: {m!r}"
                )
            _check_value(self, fields.milestones, m.value)
            # Against the target's own start only: a plan may start after
            # 1 January and still hold a milestone for its first year's end.
            low = self.start or dt.date.min
            if not low <= m.deadline <= self.deadline:
                msg = (
                    f"milestone {m.deadline} is outside the target's period "
                    f"{self.start or '…'}..{self.deadline}"
                )
                raise ModelError(f"Target {self.id!r}", f"milestones[{i}]", msg)
            if i and m.deadline <= self.milestones[i - 1].deadline:
                raise ModelError(
                    f"Target {self.id!r}", f"milestones[{i}]", "milestones are not in time order"
                )

    @property
    def period_start(self) -> dt.date:
        """The first day of the target's window.

        *start*, else the start of the plan holding it (:attr:`plan_start`),
        else 1 January of the deadline year; never after the deadline.
        """
        if self.start is not None:
            return self.start
        first = self.plan_start or dt.date(self.deadline.year, 1, 1)
        return min(first, self.deadline)

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the target's window.

        Example:
            >>> from innovplan import Q_
            >>> from innovplan.model import Indicator, Measure
            >>> jobs = Indicator("urban_new_jobs", "urban new jobs", unit="person",
            ...                  measure=Measure.FLOW)
            >>> t = Target("J", jobs, "more_than", Q_(5.5e7, "person"), "2025-12-31",
            ...            basis="cumulative", start="2021-01-01")
            >>> [d.isoformat() for d in t.window]
            ['2021-01-01', '2025-12-31']
        """
        return self.period_start, self.deadline

    @property
    def measure(self) -> Measure:
        """The indicator's measure (level, flow, growth, share)."""
        return self.indicator.measure


_FIELDS = attrs.fields(Target)
_FIELD_NAMES = tuple(a.name for a in _FIELDS)


def with_plan_start(target: Target, start: dt.date) -> Target:
    """*target* with *start* as the start of the plan holding it.

    No check of a target reads ``plan_start``, so those the target passed hold
    for the copy: it is made without running them again (a plan of many
    targets would otherwise build each twice). Subclasses go through
    ``attrs.evolve``, whose checks they may extend.

    Example:
        >>> import datetime as dt
        >>> from innovplan import Q_
        >>> from innovplan.model import Indicator, Measure
        >>> labs = Indicator("labs", "labs", unit="laboratory", measure=Measure.FLOW)
        >>> t = Target("T3", labs, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
        >>> with_plan_start(t, dt.date(2021, 1, 1)).period_start
        datetime.date(2021, 1, 1)
    """
    if type(target) is not Target or not isinstance(start, dt.date):
        return attrs.evolve(target, plan_start=start)
    copy = object.__new__(Target)
    for name in _FIELD_NAMES:
        object.__setattr__(copy, name, getattr(target, name))
    object.__setattr__(copy, "plan_start", start)
    return copy


_NO_WORDING = Wording()
_TOTAL = to_group(None)
# The setters of Target's slots, in field order (checked_target names them in that order).
_SLOTS = tuple(Target.__dict__[name].__set__ for name in _FIELD_NAMES)
# The fields attrs validates, each checked by checked_target below (a test
# holds this to the fields of Target that have a validator).
VALIDATED_FIELDS = ("id", "indicator", "baseline", "tolerance", "weight", "notes")


def checked_target(
    id: str,  # noqa: A002 (Target's own field name)
    indicator: Indicator,
    comparator: Comparator,
    value: Quantity,
    deadline: dt.date,
    *,
    upper: Quantity | None = None,
    basis: Basis = Basis.VALUE,
    start: dt.date | None = None,
    baseline: Observation | None = None,
    nature: Nature = Nature.ANTICIPATORY,
    tolerance: Tolerance | None = None,
    wording: Wording = _NO_WORDING,
    milestones: tuple[Milestone, ...] = (),
    weight: float = 1.0,
    notes: str = "",
    plan_start: dt.date | None = None,
    group: Group = _TOTAL,
    every: tuple[str, ...] = (),
    versus: Group | None = None,
) -> Target:
    """``Target(...)`` for values that already have their fields' types, built once.

    A reader of large documents has every value in its final type already
    (an enum member, a plain quantity, a date, a :class:`Wording`): each of
    Target's converters would hand it back unchanged. Those values are set as
    they are; every validator of the class and every rule of
    ``__attrs_post_init__`` still runs, with the same messages. Any value not
    already of its field's type goes through ``Target(...)`` itself.

    Raises:
        ModelError: As ``Target(...)`` raises it.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Indicator, Measure
        >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise", measure="level")
        >>> t = checked_target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"),
        ...                    dt.date(2023, 12, 31))
        >>> t == Target("T8", hte, "more_than", Q_(13000, "enterprise"), "2023-12-31")
        True
    """
    if not (
        type(comparator) is Comparator
        and type(basis) is Basis
        and type(nature) is Nature
        and type(deadline) is dt.date
        and (start is None or type(start) is dt.date)
        and (plan_start is None or type(plan_start) is dt.date)
        and is_plain_quantity(value)
        and (upper is None or is_plain_quantity(upper))
        and type(wording) is Wording
        and type(milestones) is tuple
        and type(group) is Group
        and type(every) is tuple
        and not every  # names are checked by their converter: see below
        and (versus is None or type(versus) is Group)
    ):
        return Target(
            id,
            indicator,
            comparator,
            value,
            deadline,
            upper=upper,
            basis=basis,
            start=start,
            baseline=baseline,
            nature=nature,
            tolerance=tolerance,
            wording=wording,
            milestones=milestones,
            weight=weight,
            notes=notes,
            plan_start=plan_start,
            group=group,
            every=every,
            versus=versus,
        )
    # Each converter of these fields returns such a value as it is (an enum
    # member, a date, a plain quantity, a Wording, a tuple, a Group): only the
    # conversions are left out. The slots are set through their descriptors.
    (s_id, s_ind, s_cmp, s_val, s_dl, s_up, s_basis, s_start, s_base, s_nat, s_tol,
     s_word, s_mile, s_weight, s_notes, s_plan, s_group, s_every, s_vs) = _SLOTS  # fmt: skip
    target = object.__new__(Target)
    s_id(target, id)
    s_ind(target, indicator)
    s_cmp(target, comparator)
    s_val(target, value)
    s_dl(target, deadline)
    s_up(target, upper)
    s_basis(target, basis)
    s_start(target, start)
    s_base(target, baseline)
    s_nat(target, nature)
    s_tol(target, tolerance)
    s_word(target, wording)
    s_mile(target, milestones)
    s_weight(target, weight)
    s_notes(target, notes)
    s_plan(target, plan_start)
    s_group(target, group)
    s_every(target, every)
    s_vs(target, versus)
    # The validators, in attrs' order; a value of the one type a validator
    # lets through is not handed to it (the test of its type is the check).
    if type(id) is not str or not _ID.fullmatch(id):
        check_id(target, _FIELDS.id, id)
    if type(indicator) is not Indicator:
        _FIELDS.indicator.validator(target, _FIELDS.indicator, indicator)  # type: ignore[misc]
    if baseline is not None:
        _FIELDS.baseline.validator(target, _FIELDS.baseline, baseline)  # type: ignore[misc]
    if tolerance is not None:
        _FIELDS.tolerance.validator(target, _FIELDS.tolerance, tolerance)  # type: ignore[misc]
    if type(weight) is not float or not 0.0 <= weight < math.inf:
        _check_weight(target, _FIELDS.weight, weight)
    if type(notes) is not str:
        text(target, _FIELDS.notes, notes)
    # The rules of __attrs_post_init__, decided from the arguments for the
    # target most documents hold (nothing but a value to check, its unit's fit
    # already in the memo). Anything else, or a rule in doubt, runs the method
    # itself, which raises with its own message where a rule fails.
    terms = value._units  # noqa: SLF001 (pint's unit terms: _check_value's memo key)
    known = _FITS.get((_identity(terms), _identity(basis), indicator.unit))
    if not (
        upper is None
        and baseline is None
        and tolerance is None
        and not milestones
        and versus is None
        and comparator is not _BETWEEN
        and basis is not _CUMULATIVE
        and (start is None or start <= deadline)
        and known is not None
        and known[0] is terms
        and known[1]
        and value._magnitude >= 0  # noqa: SLF001 (as _check_value reads it)
    ):
        target.__attrs_post_init__()
    return target
