"""The one cattrs converter between model objects and documents (JSON-shaped data).

Every format reads and writes the same tree of dicts, lists, strings and
numbers; this module (with the hooks it assembles) is the only place that
knows how model objects map onto it. The converter is cattrs' JSON preconf
converter plus hooks for the value types of the model (quantities, dates,
periods, enums, wordings), strict scalar hooks (a number is not silently a
string), and per-class overrides (a target names its indicator by id).
Classes are (un)structured by cattrs-generated functions: nothing here walks
the model by hand.

The hooks of the value types are in :mod:`innovplan.io._values`, those of the
model classes in :mod:`innovplan.io._classes`, the format version and its
upgrades in :mod:`innovplan.io._version`; the converter is assembled here.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, get_args

import pint
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.preconf.json import make_converter

from innovplan.errors import InnovplanError, Problem
from innovplan.io._classes import (
    _INDICATORS,
    _PLAN_START,
    _class_hooks,
    _target_hooks,
    resolve_indicator,
)
from innovplan.io._errors import InvalidValueError, expected_words, key_path, problems_from, suggest
from innovplan.io._values import (
    _is_tuple_of,
    _kind,
    _list_unstructurer,
    _structure_date,
    _structure_enum,
    _structure_float,
    _structure_group,
    _structure_period,
    _structure_quantity,
    _structure_str,
    _structure_wording,
    _tuple_hook,
    _unstructure_group,
    _unstructure_wording,
    quantity,
    unstructure_quantity,
)
from innovplan.io._version import FORMAT_VERSION, UPGRADES, check_version
from innovplan.model import Group, Indicator, Observation, Period, Plan, Wording

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cattrs import Converter

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
    conv.register_structure_hook(Group, _structure_group)
    conv.register_unstructure_hook(Group, _unstructure_group)
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


# -- documents -------------------------------------------------------------------


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
    except Exception:  # noqa: BLE001 (a document must fail with a DocumentError only)
        where = root.removeprefix("$").lstrip(".")
        problems.append(Problem(where, f"cannot be read as {expected_words(kind)}"))
    return None


def _duplicate_ids(data: Mapping[str, Any], problems: list[Problem]) -> None:  # noqa: C901 (one walk for the four kinds of id)
    # The model refuses duplicates too, but only the document knows where they are.
    # A place is kept as the indices that lead to it, and written out only
    # for a message: a plan of many targets has no duplicates to report.
    seen: dict[tuple[str, str], tuple[str, int, int]] = {}

    def place(where: tuple[str, int, int]) -> str:
        outer, i, j = where
        inner = {"goals": "targets", "areas": "tasks"}.get(outer, "")
        return f"{outer}[{i}].{inner}[{j}].id" if j >= 0 else f"{outer}[{i}].id"

    def note(kind: str, item: object, where: tuple[str, int, int]) -> None:
        if type(item) is dict or isinstance(item, Mapping):
            ident = item.get("id")
            if type(ident) is str or isinstance(ident, str):
                key = (kind, ident)
                first = seen.setdefault(key, where)
                if first is not where:
                    msg = f"duplicate {kind} id {ident!r} (first at {place(first)})"
                    problems.append(Problem(place(where), msg))

    def items(value: object) -> list[Any] | tuple[Any, ...]:
        return value if isinstance(value, list | tuple) else []

    def children(item: object, key: str) -> list[Any] | tuple[Any, ...]:
        return items(item.get(key) if isinstance(item, Mapping) else None)

    for i, ind in enumerate(items(data.get("indicators"))):
        note("indicator", ind, ("indicators", i, -1))
    for gi, goal in enumerate(items(data.get("goals"))):
        note("goal", goal, ("goals", gi, -1))
        for ti, target in enumerate(children(goal, "targets")):
            note("target", target, ("goals", gi, ti))
    for ai, area in enumerate(items(data.get("areas"))):
        note("area", area, ("areas", ai, -1))
        for ki, task in enumerate(children(area, "tasks")):
            note("task", task, ("areas", ai, ki))


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
    # A plan that builds has no two goals, targets, areas or tasks of one id
    # (Plan refuses them): the document is walked for their places only when
    # it does not build, and its problems then come first, as they are found
    # first. The indicators' ids, which the plan keeps once, are walked always.
    whole = dict(doc)
    raw_indicators = doc.pop("indicators", [])
    if isinstance(raw_indicators, list | tuple):
        # One by one: an indicator with a problem leaves the others usable, so
        # the targets that name them are checked, and the problem shows once.
        read = [
            _structure(conv, item, Indicator, f"$.indicators[{i}]", problems)
            for i, item in enumerate(raw_indicators)
        ]
        indicators = tuple(i for i in read if i is not None)
    else:
        indicators = _structure(
            conv, raw_indicators, tuple[Indicator, ...], "$.indicators", problems
        )
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
    # The plan's start, if it reads, for the targets' deadlines; its own
    # problem, if any, is reported when the plan is structured.
    start = _structure(conv, doc.get("start"), dt.date, "$.start", []) if "start" in doc else None
    token = _INDICATORS.set(table)
    start_token = _PLAN_START.set(start)
    try:
        plan = _structure(conv, doc, Plan, "$", problems)
    finally:
        _PLAN_START.reset(start_token)
        _INDICATORS.reset(token)
    found: list[Problem] = []
    _duplicate_ids(whole if problems else {"indicators": raw_indicators}, found)
    if found or problems:
        return None, [*found, *problems]
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
        Problem(key_path(key).removeprefix("."), "unknown key", suggest(key, ["observations"]))
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
