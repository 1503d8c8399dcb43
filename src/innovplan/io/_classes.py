"""Per-class hooks: model classes by cattrs-generated functions, targets by indicator id.

Every attrs class of the model is (un)structured by a generated function that
refuses unknown keys and reports every problem; a plain mapping is required
first. A target names its indicator by id: the indicators of the document
being read are in :data:`_INDICATORS` while the plan is structured.

A document is checked in one pass: the checks a model class runs once it is
built (an id's form, a deadline against the plan's start) also run on the
parts that read well when another part of the object does not.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import types
from collections.abc import Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any, cast

import attrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from innovplan.errors import InnovplanError, ModelError
from innovplan.io._errors import InvalidValueError, ReportedElsewhereError, suggest
from innovplan.io._values import (
    _DATES,
    _FLOAT_MAX,
    _FLOAT_MIN,
    _UNITS,
    _kind,
    _structure_date,
    _structure_dimensions,
    _structure_float,
    _structure_quantity,
    _structure_str,
    _structure_wording,
)
from innovplan.model import (
    Basis,
    Comparator,
    Group,
    Indicator,
    Nature,
    Period,
    Source,
    Target,
    Wording,
    checked_target,
    plain_wording,
)
from innovplan.units import make_quantity, quantity_maker

if TYPE_CHECKING:
    from collections.abc import Callable

    from cattrs import Converter

    from innovplan.units import Quantity, Unit

    # What a reader of common targets is handed: a target's dict, the maker of its
    # quantity, the document's indicators and the plan's start.
    _Reader = Callable[
        [
            dict[Any, Any],
            Callable[[float, Unit], Quantity],
            Mapping[str, Indicator | None],
            dt.date | None,
        ],
        Target | None,
    ]

__all__ = ["resolve_indicator"]

# The start of the plan being read (None: not readable), so that a target's
# deadline is checked against it even when another part of the plan fails,
# and so that targets take it as their plan_start when they are built.
_PLAN_START: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "innovplan_io_plan_start", default=None
)

# The indicators of the document being read, for targets that name theirs by id.
# A context variable keeps concurrent loads in different threads apart.
# An id whose indicator has problems of its own maps to None.
_INDICATORS: contextvars.ContextVar[Mapping[str, Indicator | None]] = contextvars.ContextVar(
    "innovplan_io_indicators"
)


# -- classes ---------------------------------------------------------------------


def _mapping_guard(
    cls: type[Any], inner: Callable[[Any, Any], Any]
) -> Callable[[object, object], Any]:
    names = ", ".join(a.name for a in attrs.fields(cls))

    def structure(value: object, kind: object) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise InvalidValueError(f"expected an object with keys ({names}), got {_kind(value)}")
        return inner(value, kind)

    return structure


def resolve_indicator(conv: Converter, value: object) -> Indicator:
    """The indicator a target's ``indicator`` key gives: an id of the table, or an object.

    Raises:
        InvalidValueError: Neither, or an id the document's indicators lack.
    """
    if type(value) is not str:
        if isinstance(value, Indicator):
            return value
        if isinstance(value, Mapping):
            result: Indicator = conv.structure(value, Indicator)
            return result
    if not isinstance(value, str):
        msg = f"expected an indicator id or an indicator object, got {_kind(value)}"
        raise InvalidValueError(msg)
    known = _INDICATORS.get({})
    if value not in known:
        hint = suggest(value, known) or f"known: {', '.join(known) or '(none)'}"
        raise InvalidValueError(f"no indicator {value!r} in the document's indicators", hint)
    found = known[value]
    if found is None:
        raise ReportedElsewhereError(value)
    return found


def _in_plan(target: Target) -> Target:
    start = _PLAN_START.get()
    if start is not None and type(target) is Target:
        # Just built here and seen by no one else: set what the plan would set
        # (no check of a target reads it) instead of having the plan copy it.
        object.__setattr__(target, "plan_start", start)
    return target


def _own_checks(
    cls: type[Any], value: Mapping[Any, Any], exc: ClassValidationError
) -> ClassValidationError:
    """*exc* with the problems of the text fields that did read.

    attrs runs a field's validator only when the whole object is built, and it
    is not when another field fails: run the validators of the text fields
    here, so that one pass lists their problems too.
    """
    failed = {note.name for _, note in exc.group_exceptions()[0]}
    # What the validators read of the instance: its class and its id, for messages.
    unbuilt = types.SimpleNamespace(id=value.get("id"))
    found: list[Exception] = []
    for a in attrs.fields(cls):
        raw = value.get(a.name)
        if a.validator is None or a.name in failed or a.type not in {str, "str"}:
            continue
        if not isinstance(raw, str):
            continue
        try:
            a.validator(unbuilt, a, raw)
        except ModelError as problem:
            found.append(problem)
    if not found:
        return exc
    return ClassValidationError(exc.message, [*exc.exceptions, *found], cls)


def _early(deadline: dt.date, target_id: object) -> InvalidValueError | None:
    """The problem of a deadline before the plan's start, if it is one."""
    start = _PLAN_START.get()
    if start is None or deadline >= start:
        return None
    # The same words as the plan's own check (innovplan.model.Plan).
    msg = f"deadline {deadline} of target {target_id!r} precedes the plan's start"
    return InvalidValueError(msg, at=".deadline")


def _deadline_check(target: Target) -> Target:
    problem = _early(target.deadline, target.id)
    if problem is not None:
        raise problem
    return target


def _unbuilt_target(
    conv: Converter, data: Mapping[Any, Any], exc: ClassValidationError
) -> ClassValidationError:
    """*exc* of a target that did not build, with its id's and its deadline's problems."""
    exc = _own_checks(Target, data, exc)
    if any(note.name == "deadline" for _, note in exc.group_exceptions()[0]):
        return exc
    try:
        deadline = conv.structure(data.get("deadline"), dt.date)
    except (InvalidValueError, InnovplanError):
        return exc  # reported by the target itself
    problem = _early(deadline, data.get("id"))
    if problem is None:
        return exc
    return ClassValidationError(exc.message, [*exc.exceptions, problem], Target)


# The keys of the targets most documents hold; a target with others (a
# baseline, a tolerance, milestones, groups, a phrase) takes the general path.
_PLAIN_KEYS = frozenset(
    {
        "id",
        "indicator",
        "comparator",
        "value",
        "deadline",
        "upper",
        "basis",
        "start",
        "nature",
        "wording",
        "weight",
        "notes",
    }
)
_REQUIRED_KEYS = frozenset({"id", "indicator", "comparator", "value", "deadline"})
_MISSING = object()
_NO_INDICATORS: Mapping[str, Indicator | None] = {}
_NO_WORDING = Wording()


def _plain_target_reader(conv: Converter) -> _Reader:  # noqa: C901 (a test per key, inline: no call per key and target)
    """A reader of the common target: the hooks of its keys, then :func:`checked_target`.

    It reads a target the way the generated function does (each key by the
    hook registered for its field's type, defaults as the class has them)
    without that function's bookkeeping for errors, and builds it with
    :func:`~innovplan.model.checked_target`, which runs every check of the
    class. On the first thing that fails it returns ``None``: the general
    path then reads the target again and reports every problem, with its path.
    Quantities are made by *make* (:func:`~innovplan.units.quantity_maker`);
    the indicators and the plan's start are those of :data:`_INDICATORS` and
    :data:`_PLAN_START`, read once by the caller for many targets.
    """
    comparators = conv.get_structure_hook(Comparator)
    bases = conv.get_structure_hook(Basis)
    natures = conv.get_structure_hook(Nature)
    # The members by their text, as the enum hook finds them; any other value
    # goes to that hook, which refuses it.
    by_value = {m.value: m for m in Comparator}.get
    required = len(_REQUIRED_KEYS)

    def read(  # noqa: C901, PLR0912 (as above)
        data: dict[Any, Any],
        make: Callable[[float, Unit], Quantity],
        indicators: Mapping[str, Indicator | None],
        plan_start: dt.date | None,
    ) -> Target | None:
        if not data.keys() <= _PLAIN_KEYS:
            return None
        get = data.get
        try:
            # A required key that is missing raises here: the general path names it.
            ident = data["id"]
            ref = data["indicator"]
            if type(ident) is not str or type(ref) is not str:
                return None
            indicator = indicators.get(ref)
            if indicator is None:
                return None
            # The common value first: an exact number and a unit read before
            # (_known_unit_quantity's test, inline).
            raw = data["value"]
            if (
                type(raw) is dict
                and len(raw) == 2
                and type(unit := raw.get("unit")) is str
                and (known := _UNITS.get(unit)) is not None
                and (
                    ((kind := type(number := raw["value"])) is float and number - number == 0.0)
                    or (kind is int and _FLOAT_MIN <= number <= _FLOAT_MAX)
                )
            ):
                value = make(number, known)
            else:
                value = _structure_quantity(raw, None)
            deadline = _DATES.get(raw := data["deadline"])
            if deadline is None:
                deadline = _structure_date(raw, None)
            comparator = by_value(raw := data["comparator"]) if type(raw) is str else None
            if comparator is None:
                comparator = comparators(raw, Comparator)
            wording = get("wording", _MISSING)
            weight = get("weight", _MISSING)
            # The keys past the required ones that are neither of these two:
            # most targets have none, and the other five are then not looked up.
            rare = len(data) - required - (wording is not _MISSING) - (weight is not _MISSING)
            upper = get("upper") if rare else None
            start = get("start") if rare else None
            basis = get("basis", _MISSING) if rare else _MISSING
            nature = get("nature", _MISSING) if rare else _MISSING
            notes = get("notes", "") if rare else ""
            if wording is _MISSING:
                wording = _NO_WORDING
            elif type(wording) is not dict or (plain_text := plain_wording(wording)) is None:
                wording = _structure_wording(wording, None)
            else:
                wording = plain_text
            if weight is _MISSING:
                weight = 1.0
            elif type(weight) is not float:
                weight = _structure_float(weight, None)
            target = checked_target(
                ident,
                indicator,
                comparator,
                value,
                deadline,
                upper=None if upper is None else _structure_quantity(upper, None),
                basis=Basis.VALUE if basis is _MISSING else bases(basis, Basis),
                start=None if start is None else _structure_date(start, None),
                nature=Nature.ANTICIPATORY if nature is _MISSING else natures(nature, Nature),
                wording=wording,
                weight=weight,
                notes=notes if type(notes) is str else _structure_str(notes, str),
                # What _in_plan sets on a target the general path builds.
                plan_start=plan_start,
            )
        except Exception:  # noqa: BLE001 (any problem: the general path reports it)
            return None
        # A deadline before the plan's start (_early's test): the general path reports it.
        if plan_start is not None and deadline < plan_start:
            return None
        return target

    return read


def _target_hooks(conv: Converter) -> None:
    plain = _plain_target_reader(conv)
    generated = make_dict_structure_fn(
        Target,
        conv,
        indicator=override(struct_hook=lambda v, _: resolve_indicator(conv, v)),
        plan_start=override(omit=True),  # the plan's own start: never a key of the file
        every=override(struct_hook=_structure_dimensions),
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
    )

    def structure(value: object, kind: object) -> Target:
        if (
            type(value) is dict
            and (
                common := plain(
                    value, make_quantity, _INDICATORS.get(_NO_INDICATORS), _PLAN_START.get()
                )
            )
            is not None
        ):
            return common
        if type(value) is not dict and not isinstance(value, Mapping):
            raise InvalidValueError(f"expected a target object, got {_kind(value)}")
        data = dict(value)
        if "text" in data:
            from innovplan.io._text import target_from_text

            return _in_plan(_deadline_check(target_from_text(conv, data, generated)))
        # A baseline inside a target observes the target's indicator: the
        # document may leave it out, and dump leaves it out.
        baseline = data.get("baseline")
        indicator = data.get("indicator")
        if isinstance(baseline, Mapping) and "indicator" not in baseline:
            if isinstance(indicator, Mapping):
                indicator = indicator.get("id")
            data["baseline"] = {"indicator": indicator, **baseline}
        try:
            result: Target = generated(data, kind)
        except ClassValidationError as exc:
            raise _unbuilt_target(conv, data, exc) from None
        return _in_plan(_deadline_check(result))

    written = make_dict_unstructure_fn(
        Target,
        conv,
        _cattrs_omit_if_default=True,
        indicator=override(unstruct_hook=lambda ind: ind.id),
        plan_start=override(omit=True),
    )

    def unstructure(target: Target) -> dict[str, Any]:
        doc: dict[str, Any] = written(target)
        baseline = doc.get("baseline")
        if baseline is not None and baseline.get("indicator") == target.indicator.id:
            del baseline["indicator"]
        return doc

    conv.register_structure_hook(Target, structure)
    conv.register_unstructure_hook(Target, unstructure)
    _target_list_hook(conv, plain)


def _target_list_hook(conv: Converter, plain: _Reader) -> None:
    """Read a goal's list of common targets with *plain* alone, in one pass.

    A list with any other target, or anything but a list of objects, takes
    the tuple hook, which reads each item with the target hook (common ones
    by *plain* again) and reports every problem with its index.
    """
    general = conv.get_structure_hook(tuple[Target, ...])

    def structure(value: object, kind: object) -> tuple[Target, ...]:
        if type(value) is list and set(map(type, value)) <= {dict}:
            n = len(value)
            indicators = _INDICATORS.get(_NO_INDICATORS)
            start = _PLAN_START.get()
            built = list(
                map(
                    plain,
                    value,
                    repeat(quantity_maker(), n),
                    repeat(indicators, n),
                    repeat(start, n),
                )
            )
            if set(map(type, built)) <= {Target}:
                return tuple(cast("list[Target]", built))
        result: tuple[Target, ...] = general(value, kind)
        return result

    conv.register_structure_hook_func(lambda kind: kind == tuple[Target, ...], structure)


def _class_hooks(conv: Converter) -> None:
    def structure_factory(cls: type[Any]) -> Callable[[object, object], Any]:
        generated = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

        def inner(value: Mapping[Any, Any], kind: object) -> Any:
            try:
                return generated(value, kind)
            except ClassValidationError as exc:
                raise _own_checks(cls, value, exc) from None

        return _mapping_guard(cls, inner)

    def unstructure_factory(cls: type[Any]) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)

    is_model = functools.partial(_is_model_class)
    conv.register_structure_hook_factory(is_model, structure_factory)
    conv.register_unstructure_hook_factory(is_model, unstructure_factory)
    # A source has a required title and optional url and quote: as a plain
    # string it is just the title.
    source_inner = structure_factory(Source)

    def structure_source(value: object, kind: object) -> Source:
        result: Source = Source(value) if isinstance(value, str) else source_inner(value, kind)
        return result

    conv.register_structure_hook(Source, structure_source)


def _is_model_class(cls: Any) -> bool:
    return (
        isinstance(cls, type)
        and attrs.has(cls)
        and cls.__module__.startswith("innovplan.model")
        and cls not in {Wording, Period, Group}
    )
