"""Results as JSON documents for front ends, and the JSON Schema (2020-12) they follow.

One function writes every result kind: an assessment, a forecast, a progress
assessment, their column-wise collections and a plan's report. The documents
hold what the result objects hold, written the way plan files write it:
quantities as ``{"value": ..., "unit": ...}``, dates as ISO text, periods as
``"2023-H1"``, enums by value, observations as the observation document
writes them. A number that is not finite (an undefined ratio, a forecast
without one) is written ``null``; the result's ``reason`` or ``notes`` say why
where the result has them.

The per-target results are written field by field from their attrs fields,
and the schema is derived from the same fields' types, so a field added to a
result appears in both at once (the published ``docs/results-schema.json``
is checked against :func:`results_schema` by the tests).
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import json
import math
import typing
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pint

from innovplan import model
from innovplan.errors import InnovplanError
from innovplan.io._converter import FORMAT_VERSION, converter, unstructure_quantity
from innovplan.io._schema import json_schema
from innovplan.model import (
    EvidenceNote,
    Group,
    Milestone,
    Observation,
    Period,
    Status,
    Target,
    Wording,
)
from innovplan.units import Quantity

if TYPE_CHECKING:
    from innovplan.evaluate import (
        Assessment,
        Assessments,
        Forecast,
        Forecasts,
        PlanReport,
        Progress,
        RollupRow,
    )

__all__ = ["results_schema", "results_to_dict", "results_to_json"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Fields that repeat what the document says elsewhere: a result names its
# target by ``target_id``; the target itself is the plan's.
_SKIP = frozenset({"target"})
_KINDS = ("assessment", "assessments", "forecast", "forecasts", "progress", "report")


class ResultTypeError(InnovplanError, TypeError):
    """An object given to :func:`results_to_dict` is not a result innovplan writes.

    Example:
        >>> results_to_dict(42)
        Traceback (most recent call last):
        ...
        innovplan.io._results.ResultTypeError: results_to_dict() takes an Assessment, ...
    """

    def __init__(self, given: object, field: str = "") -> None:
        self.given = given
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        name = type(self.given).__name__
        if self.field:
            return (
                f"results_to_dict(): field {self.field!r} holds a value of type {name}, "
                "which has no JSON form; quantities, dates, periods, enums, "
                "observations, numbers and text have"
            )
        return (
            "results_to_dict() takes an Assessment, Assessments, Forecast, Forecasts, "
            f"Progress or PlanReport; got {name}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.given, self.field))


# -- values ------------------------------------------------------------------------


def _number(x: float) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def _value(x: object, field: str = "") -> Any:  # noqa: PLR0911 (one branch per kind of value)
    if x is None or isinstance(x, bool | str):
        return x
    if isinstance(x, int | np.integer):
        return int(x)
    if isinstance(x, float | np.floating):
        return _number(float(x))
    if isinstance(x, enum.Enum):
        return x.value
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, pint.Quantity):
        return _quantity(x)
    if isinstance(x, Period | Observation | Milestone | EvidenceNote | Wording | Group):
        return converter().unstructure(x, type(x))
    if isinstance(x, tuple | list):
        return [_value(v, field) for v in x]
    if isinstance(x, _note_class()):
        return {"code": x.code.value, "params": {k: _value(v, k) for k, v in x.params.items()}}
    raise ResultTypeError(x, field or "value")


@functools.cache
def _note_class() -> type[Any]:
    # Results are made by evaluate, which sits above io's import of the model.
    from innovplan.evaluate import Note

    return Note


def _quantity(q: Quantity) -> dict[str, Any] | None:
    """A quantity as plan files write it, or None when its number is not finite."""
    if not math.isfinite(float(q.magnitude)):
        return None
    return unstructure_quantity(q)


def _fields(result: attrs.AttrsInstance, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind}
    for field in attrs.fields(type(result)):
        if field.name not in _SKIP:
            out[field.name] = _value(getattr(result, field.name), field.name)
    return out


def _assessment(a: Assessment) -> dict[str, Any]:
    return {**_fields(a, "assessment"), "explanation": a.explain()}


def _forecast(f: Forecast) -> dict[str, Any]:
    return {**_fields(f, "forecast"), "explanation": f.explain()}


def _progress(p: Progress) -> dict[str, Any]:
    return {**_fields(p, "progress"), "explanation": p.explain()}


def _assessments(res: Assessments) -> dict[str, Any]:
    return {
        "kind": "assessments",
        "as_of": _value(res.as_of),
        "results": [_assessment(a) for a in res],
    }


def _forecasts(fcs: Forecasts) -> dict[str, Any]:
    return {
        "kind": "forecasts",
        "requested": fcs.requested,
        "level": _number(fcs.level),
        "results": [_forecast(f) for f in fcs],
    }


def _rollup_row(r: RollupRow) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "id": r.id,
        "title": r.title,
        "targets": list(r.targets),
        "n": r.n,
        "counts": {s.value: r.count(s) for s in Status},
        "share_achieved": _value(r.share_achieved),
        "mean_score": _value(r.mean_score),
        "coverage": _value(r.coverage),
        "binding_met": r.binding_met,
        "evidence": [_value(note) for note in r.evidence],
        "evidence_score": _value(r.evidence_score),
    }


def _target(t: Target, goal: str, tasks: list[str], lang: str) -> dict[str, Any]:
    return {
        "target": t.id,
        "goal": goal,
        "tasks": tasks,
        "indicator": t.indicator.id,
        "indicator_name": t.indicator.name.in_language(lang),
        "wording": t.wording.in_language(lang),
        "measure": t.measure.value,
        "direction": t.indicator.direction.value,
        "comparator": t.comparator.value,
        "value": _quantity(t.value),
        "upper": None if t.upper is None else _quantity(t.upper),
        "basis": t.basis.value,
        "deadline": t.deadline.isoformat(),
        "nature": t.nature.value,
        "weight": _number(t.weight),
    }


def _report(report: PlanReport, lang: str) -> dict[str, Any]:
    plan = report.plan
    goals = {t.id: g.id for g in plan.goals for t in g.targets}
    tasks = {t.id: [k.id for k in plan.tasks if t.id in k.targets] for t in plan.targets}
    open_rows = set(report.open_rows())
    rule = report.status_rule
    rows: list[dict[str, Any]] = []
    by_id = {t.id: t for t in plan.targets}
    # One row per assessment row: a target that holds for every group has one per group.
    for i, a in enumerate(report.assessments):
        t = by_id[a.target_id]
        row = _target(t, goals[t.id], tasks[t.id], lang)
        shown = report.forecasts is not None and i in open_rows
        why = report.disagreements[i] if report.disagreements is not None else None
        why_note = report.disagreement_note(i)
        row.update({
            "status": a.status.value,
            "attainment_status": (
                report.attainment[i] if report.attainment is not None else a.status
            ).value,
            "status_rule": rule.method if rule is not None and shown else None,
            "status_why": why,
            "status_why_note": _value(why_note),
            "assessment": _assessment(a),
            "forecast": _forecast(report.forecasts[i]) if report.forecasts and shown else None,
            "progress": _progress(report.progress[i]) if report.progress is not None else None,
        })  # fmt: skip
        rows.append(row)
    return {
        "kind": "report",
        "format_version": FORMAT_VERSION,
        "plan": plan.id,
        "title": plan.title.in_language(lang),
        "lang": lang,
        "as_of": _value(report.as_of),
        "status_rule": (
            None if rule is None else {"method": rule.method, "bands": _value(rule.bands)}
        ),
        "targets": rows,
        "rollup": [_rollup_row(r) for r in report.rollup],
    }


def results_to_dict(result: object, *, lang: str = "en") -> dict[str, Any]:
    """A result as a JSON-ready document: dicts, lists, strings, finite numbers, null.

    Args:
        result: An :class:`~innovplan.evaluate.Assessment`,
            :class:`~innovplan.evaluate.Assessments`,
            :class:`~innovplan.evaluate.Forecast`,
            :class:`~innovplan.evaluate.Forecasts`,
            :class:`~innovplan.evaluate.Progress` or
            :class:`~innovplan.evaluate.PlanReport`.
        lang: The language of a report's texts (titles, wordings, names).

    Returns:
        A new dict whose ``"kind"`` names the result kind; it validates against
        :func:`results_schema`.

    Raises:
        ResultTypeError: *result* is none of those.

    Example:
        >>> from innovplan import Q_, assess
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise",
        ...                 measure=Measure.LEVEL)
        >>> t8 = Target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
        >>> doc = results_to_dict(assess(t8, Q_(14500, "enterprise")))
        >>> doc["kind"], doc["status"], doc["observed"]
        ('assessment', 'achieved', {'value': 14500.0, 'unit': 'enterprise'})
        >>> doc["gap"]
        {'value': 1500.0, 'unit': 'enterprise'}

    .. versionadded:: 0.2.0
    """
    # Imported here: io sits below nothing in evaluate, yet evaluate's results
    # call this function lazily, so a module-level import would be circular.
    from innovplan.evaluate import (
        Assessment,
        Assessments,
        Forecast,
        Forecasts,
        PlanReport,
        Progress,
    )

    if isinstance(result, PlanReport):
        return _report(result, lang)
    if isinstance(result, Assessments):
        return _assessments(result)
    if isinstance(result, Forecasts):
        return _forecasts(result)
    if isinstance(result, Assessment):
        return _assessment(result)
    if isinstance(result, Forecast):
        return _forecast(result)
    if isinstance(result, Progress):
        return _progress(result)
    raise ResultTypeError(result)


def results_to_json(result: object, *, lang: str = "en", indent: int | None = 2) -> str:
    """A result as JSON text: :func:`results_to_dict` written with ``json``.

    Non-ASCII text (Chinese wordings, units such as ``m²``) is written as is.

    Example:
        >>> from innovplan import Q_, assess
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise",
        ...                 measure=Measure.LEVEL)
        >>> t8 = Target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
        >>> results_to_json(assess(t8, Q_(14500, "enterprise")), indent=None)[:40]
        '{"kind": "assessment", "target_id": "T8"'

    .. versionadded:: 0.2.0
    """
    doc = results_to_dict(result, lang=lang)
    return json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)


# -- schema ------------------------------------------------------------------------


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _null_or(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_NUMBER = {
    "description": "a finite number, or null where none is defined",
    "type": ["number", "null"],
}


def _type_schema(kind: Any) -> dict[str, Any]:  # noqa: PLR0911 (one branch per kind)
    args = typing.get_args(kind)
    simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"}}
    if kind in simple:
        return simple[kind]
    if kind is float:
        return _NUMBER
    if kind is dt.date:
        return _ref("Date")
    if isinstance(kind, type) and issubclass(kind, pint.Quantity):
        return _null_or(_ref("ResultQuantity"))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [m.value for m in kind]}
    if isinstance(kind, type) and kind.__name__ == "Note":
        return _ref("Note")
    if isinstance(kind, type) and kind.__name__ in json_schema()["$defs"]:
        return _ref(kind.__name__)
    if typing.get_origin(kind) is tuple:
        items = [a for a in args if a is not Ellipsis]
        return {"type": "array", "items": _type_schema(items[0])}
    if args and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        inner_schema = _type_schema(inner)
        return inner_schema if inner_schema == _NUMBER else _null_or(inner_schema)
    msg = f"no results schema for {kind!r}"
    raise TypeError(msg)


def _result_schema(cls: type[Any], kind: str, extra: dict[str, Any]) -> dict[str, Any]:
    namespace = {"Quantity": Quantity, "dt": dt, **{n: getattr(model, n) for n in model.__all__}}
    namespace["Note"] = _note_class()
    hints = typing.get_type_hints(cls, localns=namespace)
    props: dict[str, Any] = {"kind": {"const": kind}}
    for field in attrs.fields(cls):
        if field.name not in _SKIP:
            props[field.name] = _type_schema(hints[field.name])
    props.update(extra)
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _collection(kind: str, item: str, extra: dict[str, Any]) -> dict[str, Any]:
    props = {"kind": {"const": kind}, **extra, "results": {"type": "array", "items": _ref(item)}}
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _closed(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _report_schemas() -> dict[str, Any]:
    text = {"type": "string"}
    status = {"enum": [s.value for s in Status]}
    target_row = _closed({
        "target": text,
        "goal": text,
        "tasks": {"type": "array", "items": text},
        "indicator": text,
        "indicator_name": text,
        "wording": text,
        "measure": {"enum": [m.value for m in model.Measure]},
        "direction": {"enum": [m.value for m in model.Direction]},
        "comparator": {"enum": [m.value for m in model.Comparator]},
        "value": _null_or(_ref("ResultQuantity")),
        "upper": _null_or(_ref("ResultQuantity")),
        "basis": {"enum": [m.value for m in model.Basis]},
        "deadline": _ref("Date"),
        "nature": {"enum": [m.value for m in model.Nature]},
        "weight": _NUMBER,
        "status": {**status, "description": "the headline status"},
        "attainment_status": {**status, "description": "the status from attainment alone"},
        "status_rule": _null_or({**text, "description": "the rule of an open target's status"}),
        "status_why": _null_or(text),
        "status_why_note": _null_or(_ref("Note")),
        "assessment": _ref("Assessment"),
        "forecast": _null_or(_ref("Forecast")),
        "progress": _null_or(_ref("Progress")),
    })  # fmt: skip
    rollup_row = _closed({
        "kind": {"enum": ["plan", "goal", "area", "task"]},
        "id": text,
        "title": text,
        "targets": {"type": "array", "items": text},
        "n": {"type": "integer", "minimum": 0},
        "counts": _closed({s.value: {"type": "integer", "minimum": 0} for s in Status}),
        "share_achieved": _NUMBER,
        "mean_score": _NUMBER,
        "coverage": _NUMBER,
        "binding_met": {"type": ["boolean", "null"]},
        "evidence": {"type": "array", "items": _ref("EvidenceNote")},
        "evidence_score": _NUMBER,
    })  # fmt: skip
    report = _closed({
        "kind": {"const": "report"},
        "format_version": text,
        "plan": text,
        "title": text,
        "lang": text,
        "as_of": _null_or(_ref("Date")),
        "status_rule": _null_or(_closed({
            "method": text,
            "bands": {"type": "array", "items": _NUMBER, "minItems": 3, "maxItems": 3},
        })),
        "targets": {"type": "array", "items": _ref("ReportTarget")},
        "rollup": {"type": "array", "items": _ref("RollupRow")},
    })  # fmt: skip
    return {"PlanReport": report, "ReportTarget": target_row, "RollupRow": rollup_row}


@functools.cache
def _schema() -> dict[str, Any]:
    from innovplan.evaluate import (
        Assessment,
        DisagreementCode,
        Forecast,
        Progress,
        ReasonCode,
        WarningCode,
        WhyCode,
    )

    explanation = {"explanation": {"type": "string", "description": "the result in words"}}
    defs: dict[str, Any] = dict(json_schema()["$defs"])
    defs["ResultQuantity"] = {
        "description": 'a finite number with its unit: {"value": 2198.43, "unit": '
        '"hundred_million_yuan"}',
        **_closed({"value": {"type": "number"}, "unit": {"type": "string"}}),
    }
    codes = [c.value for kind in (WarningCode, ReasonCode, DisagreementCode, WhyCode) for c in kind]
    defs["Note"] = {
        "description": "a note of a result as a code and its figures, for a face to say "
        "in its language: the codes and their parameters are those of "
        "innovplan.evaluate.WarningCode, ReasonCode, DisagreementCode and WhyCode",
        **_closed({"code": {"enum": codes}, "params": {"type": "object"}}),
    }
    defs["Assessment"] = _result_schema(Assessment, "assessment", explanation)
    defs["Forecast"] = _result_schema(Forecast, "forecast", explanation)
    defs["Progress"] = _result_schema(Progress, "progress", explanation)
    defs["Assessments"] = _collection(
        "assessments", "Assessment", {"as_of": _null_or(_ref("Date"))}
    )
    defs["Forecasts"] = _collection(
        "forecasts", "Forecast", {"requested": {"type": "string"}, "level": _NUMBER}
    )
    defs.update(_report_schemas())
    names = {"assessment": "Assessment", "assessments": "Assessments", "forecast": "Forecast"}
    names |= {"forecasts": "Forecasts", "progress": "Progress", "report": "PlanReport"}
    return {
        "$schema": _DIALECT,
        "title": f"innovplan results document, format {FORMAT_VERSION}",
        "description": "an assessment, a forecast, a progress assessment, their "
        "collections, or a plan's report; its kind says which",
        "oneOf": [_ref(names[k]) for k in _KINDS],
        "$defs": dict(sorted(defs.items())),
    }


def results_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of result documents: what :func:`results_to_dict` writes.

    Each result kind is a definition (``Assessment``, ``Assessments``,
    ``Forecast``, ``Forecasts``, ``Progress``, ``PlanReport``); the document
    is one of them, told apart by its ``"kind"``. Observations, periods and
    dates use the definitions of :func:`~innovplan.io.json_schema`.

    Returns:
        A fresh copy, safe to change.

    Example:
        >>> schema = results_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema["$defs"]["Forecast"]["properties"]["probability"]["type"]
        ['number', 'null']

    .. versionadded:: 0.2.0
    """
    return copy.deepcopy(_schema())
