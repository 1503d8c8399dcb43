"""The one cattrs converter between model objects and documents (JSON-shaped data).

Every format reads and writes the same tree of dicts, lists, strings and
numbers; this module is the only place that knows how model objects map onto
it. The converter is cattrs' JSON preconf converter plus hooks for the value
types of the model (quantities, dates, periods, enums, wordings), strict
scalar hooks (a number is not silently a string), and per-class overrides
(a target names its indicator by id). Classes are (un)structured by
cattrs-generated functions: nothing here walks the model by hand.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, get_args, get_origin

import attrs
import pint
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from innovplan.errors import InnovplanError, Problem
from innovplan.io._errors import InvalidValueError, problems_from, suggest
from innovplan.model import (
    Indicator,
    Observation,
    Period,
    Plan,
    Source,
    Target,
    Wording,
)
from innovplan.model._wording import detect_language

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from cattrs import Converter

    from innovplan.units import Quantity

__all__ = [
    "FORMAT_VERSION",
    "UPGRADES",
    "check_version",
    "converter",
    "observations_from_document",
    "observations_to_document",
    "plan_from_document",
    "plan_to_document",
    "quantity",
    "resolve_indicator",
    "unstructure_quantity",
]

FORMAT_VERSION = "1.0"
_MAJOR = 1
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The indicators of the document being read, for targets that name theirs by id.
# A context variable keeps concurrent loads in different threads apart.
# An id whose indicator has problems of its own maps to None.
_INDICATORS: contextvars.ContextVar[Mapping[str, Indicator | None]] = contextvars.ContextVar(
    "innovplan_io_indicators"
)

# Documents written by older format versions are upgraded step by step, each
# function taking the document of its version to the next one. 1.0 is the
# first published version, so there is nothing to upgrade yet.
UPGRADES: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "null"),
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "text"),
    (Mapping, "an object"),
    ((list, tuple), "a list"),
)


def _kind(value: object) -> str:
    """What a value of a document is, in words, for messages."""
    for kinds, name in _KINDS:
        if isinstance(value, kinds):
            return name
    return type(value).__name__


# -- scalar hooks --------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected text, got {_kind(value)} {value!r}", "put it in quotes")
    return value


def _structure_float(value: object, _: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number, got {_kind(value)} {value!r}")
    return float(value)


def _structure_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InvalidValueError(
            f"expected a date, got a date and time {value!r}", "write YYYY-MM-DD"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidValueError(f"{value!r} is not a date: {exc}") from None
    raise InvalidValueError(f"expected a date, got {_kind(value)} {value!r}", "write YYYY-MM-DD")


def _structure_enum(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    values = [str(m.value) for m in kind]

    def structure(value: object, _: object) -> enum.Enum:
        if isinstance(value, str):
            for member in kind:
                if member.value == value:
                    return member
        msg = f"{value!r} is not one of {', '.join(values)}"
        raise InvalidValueError(msg, suggest(value, values) if isinstance(value, str) else "")

    return structure


def _structure_wording(value: object, _: object) -> Wording:
    if isinstance(value, str):
        return Wording(value)
    if not isinstance(value, Mapping):
        msg = f"expected text or an object of language to text, got {_kind(value)}"
        raise InvalidValueError(msg, 'write "text" or {"en": "...", "zh": "..."}')
    for lang, text in value.items():
        if not isinstance(lang, str) or not lang:
            raise InvalidValueError(f"a language tag must be non-empty text, got {lang!r}")
        if not isinstance(text, str):
            raise InvalidValueError(f"expected text, got {_kind(text)} {text!r}", at=f"[{lang!r}]")
    return Wording(dict(value))


def _unstructure_wording(value: Wording) -> str | dict[str, str]:
    # One text in the language it would be guessed as: write the plain string
    # (not an empty one: "" reads back as no text at all).
    if not value:
        return ""
    text = str(value)
    if len(value) == 1 and text and detect_language(text) == next(iter(value)):
        return text
    return dict(value.texts)


def _structure_period(value: object, _: object) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value)
    if isinstance(value, dt.datetime):
        raise InvalidValueError(f"expected a period, got a date and time {value!r}")
    if isinstance(value, dt.date):
        return Period.at(value)
    if isinstance(value, str):
        try:
            return Period.parse(value)
        except InnovplanError as exc:
            raise InvalidValueError(str(exc).removeprefix("Period: ")) from None
    raise InvalidValueError(f"expected a period such as '2023' or '2023-H1', got {_kind(value)}")


# -- quantities ------------------------------------------------------------------


def quantity(value: object, unit: object) -> Quantity:
    """Build a quantity of innovplan's registry from a document's number and unit text.

    Raises:
        InvalidValueError: The number or the unit is not acceptable.

    Example:
        >>> quantity(1450, "hundred_million_yuan")
        <Quantity(1450, 'hundred_million_yuan')>
    """
    from innovplan.units import registry

    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number, got {_kind(value)} {value!r}", at=".value")
    if not math.isfinite(value):
        msg = f"a value must be a finite number, got {value!r}"
        raise InvalidValueError(msg, "NaN and infinity have no place in a plan", at=".value")
    if not isinstance(unit, str):
        raise InvalidValueError(f"expected a unit as text, got {_kind(unit)} {unit!r}", at=".unit")
    ureg = registry()
    try:
        return ureg.Quantity(value, ureg.Unit(unit))
    except (pint.PintError, ValueError, TypeError, AttributeError, SyntaxError):
        pass
    # "1e8 yuan": a unit with a numeric factor, which pint's Unit refuses; the
    # factor is multiplied into the value.
    scaled: Any
    try:
        scaled = ureg.Quantity(unit)
    except (pint.PintError, ValueError, TypeError, AttributeError, SyntaxError):
        scaled = None
    if isinstance(scaled, ureg.Quantity) and math.isfinite(scaled.magnitude):
        return ureg.Quantity(value * scaled.magnitude, scaled.units)
    raise InvalidValueError(f"unit {unit!r} is not known to innovplan's registry", at=".unit")


def _structure_quantity(value: object, _: object) -> Quantity:
    from innovplan.units import parse_quantity

    if isinstance(value, str):
        try:
            return parse_quantity(value)
        except InnovplanError as exc:
            raise InvalidValueError(str(exc), 'or write {"value": 1450, "unit": "亿元"}') from None
        except (pint.PintError, ValueError, TypeError, ArithmeticError) as exc:
            raise InvalidValueError(f"cannot read a quantity from {value!r}: {exc}") from None
    if not isinstance(value, Mapping):
        msg = f"expected a quantity, got {_kind(value)} {value!r}"
        raise InvalidValueError(msg, 'write {"value": 1450, "unit": "亿元"} or "1450亿元"')
    extra = sorted(set(value) - {"value", "unit"})
    if extra:
        raise InvalidValueError(
            "unknown key", suggest(str(extra[0]), ["value", "unit"]), at=f".{extra[0]}"
        )
    for key in ("value", "unit"):
        if key not in value:
            raise InvalidValueError("required key missing", at=f".{key}")
    return quantity(value["value"], value["unit"])


def unstructure_quantity(q: Quantity) -> dict[str, Any]:
    """A quantity as the document writes it: its number exactly and its unit as it has it.

    Example:
        >>> from innovplan import Q_
        >>> unstructure_quantity(Q_(1450, "亿元"))
        {'value': 1450, 'unit': 'hundred_million_yuan'}
    """
    mag = q.magnitude
    # numpy scalars are not JSON, YAML or TOML numbers; Python's are, exactly.
    number = int(mag) if isinstance(mag, int) else float(mag)
    return {"value": number, "unit": format(q.units, "D")}


# -- sequences -------------------------------------------------------------------


def _is_tuple_of(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(conv: Converter) -> Callable[[Any], Callable[[object, object], tuple[Any, ...]]]:
    def factory(kind: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = get_args(kind)[0]
        item = conv.get_structure_hook(item_type)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            # A string is iterable; as a list of ids it would fall apart into letters.
            if not isinstance(value, list | tuple):
                raise InvalidValueError(f"expected a list, got {_kind(value)} {value!r}")
            out: list[Any] = []
            errors: list[Exception] = []
            for i, element in enumerate(value):
                try:
                    out.append(item(element, item_type))
                except Exception as exc:  # noqa: BLE001 (collected: every problem is reported)
                    note = IterableValidationNote(f"Structuring {kind} @ index {i}", i, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {kind}", errors, kind)
            return tuple(out)

        return structure

    return factory


# -- classes ---------------------------------------------------------------------


def _mapping_guard(
    cls: type[Any], inner: Callable[[Any, Any], Any]
) -> Callable[[object, object], Any]:
    names = ", ".join(a.name for a in attrs.fields(cls))

    def structure(value: object, kind: object) -> Any:
        if not isinstance(value, Mapping):
            raise InvalidValueError(f"expected an object with keys ({names}), got {_kind(value)}")
        return inner(value, kind)

    return structure


def resolve_indicator(conv: Converter, value: object) -> Indicator:
    """The indicator a target's ``indicator`` key gives: an id of the table, or an object.

    Raises:
        InvalidValueError: Neither, or an id the document's indicators lack.
    """
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
        raise InvalidValueError(f"indicator {value!r} has problems of its own", "see indicators")
    return found


def _target_hooks(conv: Converter) -> None:
    generated = make_dict_structure_fn(
        Target,
        conv,
        indicator=override(struct_hook=lambda v, _: resolve_indicator(conv, v)),
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
    )

    def structure(value: object, kind: object) -> Target:
        if not isinstance(value, Mapping):
            raise InvalidValueError(f"expected a target object, got {_kind(value)}")
        data = dict(value)
        if "text" in data:
            from innovplan.io._text import target_from_text

            return target_from_text(conv, data, generated)
        # A baseline inside a target observes the target's indicator: the
        # document may leave it out, and dump leaves it out.
        baseline = data.get("baseline")
        indicator = data.get("indicator")
        if isinstance(baseline, Mapping) and "indicator" not in baseline:
            if isinstance(indicator, Mapping):
                indicator = indicator.get("id")
            data["baseline"] = {"indicator": indicator, **baseline}
        result: Target = generated(data, kind)
        return result

    written = make_dict_unstructure_fn(
        Target,
        conv,
        _cattrs_omit_if_default=True,
        indicator=override(unstruct_hook=lambda ind: ind.id),
    )

    def unstructure(target: Target) -> dict[str, Any]:
        doc: dict[str, Any] = written(target)
        baseline = doc.get("baseline")
        if baseline is not None and baseline.get("indicator") == target.indicator.id:
            del baseline["indicator"]
        return doc

    conv.register_structure_hook(Target, structure)
    conv.register_unstructure_hook(Target, unstructure)


def _class_hooks(conv: Converter) -> None:
    def structure_factory(cls: type[Any]) -> Callable[[object, object], Any]:
        inner = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )
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
        and cls not in {Wording, Period}
    )


@functools.cache
def converter() -> Converter:
    """The converter of innovplan documents, built on first use.

    Example:
        >>> from innovplan.model import Period
        >>> converter().unstructure(Period.parse("2023-S1"))
        '2023-H1'
    """
    conv = make_converter(omit_if_default=True, forbid_extra_keys=True)
    conv.detailed_validation = True
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_structure_hook(Wording, _structure_wording)
    conv.register_unstructure_hook(Wording, _unstructure_wording)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_unstructure_hook(Period, str)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, pint.Quantity), _structure_quantity
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, pint.Quantity), unstructure_quantity
    )
    conv.register_structure_hook_factory(_is_tuple_of, _tuple_hook(conv))
    conv.register_unstructure_hook_factory(
        _is_tuple_of, lambda t: _list_unstructurer(conv, get_args(t)[0])
    )
    _class_hooks(conv)
    _target_hooks(conv)
    return conv


def _list_unstructurer(conv: Converter, item_type: Any) -> Callable[[Iterable[Any]], list[Any]]:
    item = conv.get_unstructure_hook(item_type)
    return lambda values: [item(v) for v in values]


# -- documents -------------------------------------------------------------------


def check_version(data: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    """Check the document's ``format_version`` and upgrade an older document.

    Returns:
        The document in the current version without its version key, or
        ``None`` when the version cannot be read (a problem was added).

    Example:
        >>> check_version({"format_version": "1.0", "id": "x"}, [])
        {'id': 'x'}
    """
    doc = dict(data)
    if "format_version" not in doc:
        hint = f'add "format_version": "{FORMAT_VERSION}"'
        problems.append(Problem("format_version", "required key missing", hint))
        return None
    raw = doc.pop("format_version")
    # YAML and TOML read an unquoted 1.0 as a number.
    version = str(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else raw
    match = re.fullmatch(r"(\d+)(?:\.(\d+))?", version) if isinstance(version, str) else None
    if match is None:
        msg = f"expected a version such as {FORMAT_VERSION!r}, got {raw!r}"
        problems.append(Problem("format_version", msg))
        return None
    major, minor = int(match[1]), int(match[2] or 0)
    if (major, minor) > (_MAJOR, 0):
        msg = f"version {version} was written by a newer innovplan; this one reads {FORMAT_VERSION}"
        problems.append(Problem("format_version", msg, "upgrade innovplan"))
        return None
    version = f"{major}.{minor}"
    while version != FORMAT_VERSION:
        if version not in UPGRADES:
            msg = f"version {version} is not a known version of the format"
            problems.append(Problem("format_version", msg, f"write {FORMAT_VERSION!r}"))
            return None
        version, upgrade = UPGRADES[version]
        doc = upgrade(doc)
    return doc


def _structure(
    conv: Converter, value: object, kind: Any, root: str, problems: list[Problem]
) -> Any:
    try:
        return conv.structure(value, kind)
    except (
        ClassValidationError,
        IterableValidationError,
        InvalidValueError,
        InnovplanError,
    ) as exc:
        problems.extend(problems_from(exc, root))
    except Exception as exc:  # noqa: BLE001 (a document must fail with a DocumentError only)
        problems.append(Problem(root.removeprefix("$").lstrip("."), f"{type(exc).__name__}: {exc}"))
    return None


def _duplicate_ids(data: Mapping[str, Any], problems: list[Problem]) -> None:
    # The model refuses duplicates too, but only the document knows where they are.
    seen: dict[tuple[str, str], str] = {}

    def note(kind: str, item: object, path: str) -> None:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            key = (kind, item["id"])
            if key in seen:
                msg = f"duplicate {kind} id {item['id']!r} (first at {seen[key]})"
                problems.append(Problem(f"{path}.id", msg))
            else:
                seen[key] = f"{path}.id"

    def items(value: object) -> list[Any]:
        return list(value) if isinstance(value, list | tuple) else []

    for i, ind in enumerate(items(data.get("indicators"))):
        note("indicator", ind, f"indicators[{i}]")
    for gi, goal in enumerate(items(data.get("goals"))):
        note("goal", goal, f"goals[{gi}]")
        for ti, target in enumerate(
            items(goal.get("targets") if isinstance(goal, Mapping) else None)
        ):
            note("target", target, f"goals[{gi}].targets[{ti}]")
    for ai, area in enumerate(items(data.get("areas"))):
        note("area", area, f"areas[{ai}]")
        for ki, task in enumerate(items(area.get("tasks") if isinstance(area, Mapping) else None)):
            note("task", task, f"areas[{ai}].tasks[{ki}]")


def plan_from_document(data: object) -> tuple[Plan | None, list[Problem]]:
    """Build a plan from a document; return it, or ``None`` and the problems found.

    Example:
        >>> plan, problems = plan_from_document(
        ...     {"format_version": "1.0", "id": "p", "title": "P",
        ...      "start": "2023-01-01", "end": "2023-12-31"})
        >>> plan.id, problems
        ('p', [])
    """
    conv = converter()
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        problems.append(Problem("", f"a plan document is an object, got {_kind(data)}"))
        return None, problems
    doc = check_version(data, problems)
    if doc is None:
        return None, problems
    _duplicate_ids(doc, problems)
    raw_indicators = doc.pop("indicators", [])
    indicators = _structure(conv, raw_indicators, tuple[Indicator, ...], "$.indicators", problems)
    table: dict[str, Indicator | None] = (
        {
            item["id"]: None
            for item in raw_indicators
            if isinstance(item, Mapping) and isinstance(item.get("id"), str)
        }
        if isinstance(raw_indicators, list | tuple)
        else {}
    )
    table.update({i.id: i for i in indicators or ()})
    token = _INDICATORS.set(table)
    try:
        plan = _structure(conv, doc, Plan, "$", problems)
    finally:
        _INDICATORS.reset(token)
    if problems:
        return None, problems
    return plan, problems


def plan_to_document(plan: Plan) -> dict[str, Any]:
    """The document of *plan*: ``format_version``, the plan's fields and its indicators.

    Example:
        >>> from innovplan.model import Plan
        >>> plan_to_document(Plan("p", "P", start="2023-01-01", end="2023-12-31"))
        {'format_version': '1.0', 'id': 'p', 'title': 'P', 'start': '2023-01-01',
         'end': '2023-12-31'}
    """
    conv = converter()
    body: dict[str, Any] = conv.unstructure(plan)
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION}
    # Scalars first, then the lists: the order a reader wants, and TOML's.
    for key in ("id", "title", "start", "end", "released", "source", "notes"):
        if key in body:
            doc[key] = body.pop(key)
    if plan.indicators:
        doc["indicators"] = conv.unstructure(plan.indicators, tuple[Indicator, ...])
    doc.update(body)
    return doc


def observations_from_document(data: object) -> tuple[tuple[Observation, ...], list[Problem]]:
    """Read an observation document; return the observations and the problems found.

    Example:
        >>> obs, problems = observations_from_document({"format_version": "1.0",
        ...     "observations": [{"indicator": "hte", "value": "14500 enterprise",
        ...                       "period": "2023-12-31"}]})
        >>> obs[0].value, problems
        (<Quantity(14500, 'enterprise')>, [])
    """
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        problems.append(Problem("", f"an observation document is an object, got {_kind(data)}"))
        return (), problems
    doc = check_version(data, problems)
    if doc is None:
        return (), problems
    problems.extend(
        Problem(str(key), "unknown key", suggest(str(key), ["observations"]))
        for key in sorted(set(doc) - {"observations"}, key=str)
    )
    raw = doc.get("observations", [])
    result = _structure(converter(), raw, tuple[Observation, ...], "$.observations", problems)
    if problems:
        return (), problems
    return result, problems


def observations_to_document(observations: Iterable[Observation]) -> dict[str, Any]:
    """The document of *observations*.

    Example:
        >>> from innovplan import Q_
        >>> doc = observations_to_document([Observation("hte", Q_(14500, "enterprise"), 2023)])
        >>> doc["observations"][0]
        {'indicator': 'hte', 'value': {'value': 14500, 'unit': 'enterprise'}, 'period': '2023'}
    """
    obs = tuple(observations)
    return {
        "format_version": FORMAT_VERSION,
        "observations": converter().unstructure(obs, tuple[Observation, ...]),
    }
