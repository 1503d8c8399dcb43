"""The JSON Schema (2020-12) of plan documents, derived from the model's attrs fields.

Deriving it from ``attrs.fields`` keeps it in step with the model: a new field
appears in the schema without anyone remembering to add it. What the fields'
types cannot say (a target may be written as its wording only, a baseline
inside a target may leave out its indicator) is added here by hand.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import typing
from typing import Any

import attrs
import pint

from innovplan.io._converter import FORMAT_VERSION
from innovplan.model import Group, Period, Plan, Wording

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A time of day with its UTC offset after a date, as load reads it
# (innovplan.model.zoned_day): "T23:00:00+08:00", "T23:00+08", " 23:00:00.5 -0500",
# "T23:30Z". The date is the one written, the publisher's own day. No "format":
# a validator asserting "date" or "date-time" would refuse "+08" and "T23:00".
# \d is [0-9] in ECMA-262 regular expressions, as JSON Schema reads them.
_ZONED_TIME = (
    r"[Tt ]([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)([.,]\d+)?)?"  # 60: a leap second
    r" ?([Zz]|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)"
)
# Years 0001 to 9999 (a date has no year 0), months 01-12, days 01-31: load
# refuses the rest. Days a month does not have (02-30) are load's to refuse.
_YEAR = r"(000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})"
_MONTH = r"(0[1-9]|1[0-2])"
_DOM = r"(0[1-9]|[12]\d|3[01])"
_DAY = rf"{_YEAR}-{_MONTH}-{_DOM}"
_DATE = {
    "description": "a date, YYYY-MM-DD (as dump writes it), or a date and time with its UTC "
    "offset (2023-01-29T23:00:00+08:00, 2023-01-29T23:00+08, 2023-01-29T15:00Z), read as "
    "the date it writes",
    "type": "string",
    "pattern": rf"^{_DAY}({_ZONED_TIME})?$",
}
# Halves (S, H), quarters and months, with or without a leading 0 and a dash.
_PART = r"-?([SH]0?[12]|Q0?[1-4]|M(0?[1-9]|1[0-2]))"
_PERIOD_PATTERN = rf"^{_YEAR}({_PART}|-{_MONTH}|-{_MONTH}-{_DOM}(/{_DAY}|{_ZONED_TIME})?)?$"
_PERIOD = {
    "description": "2023, 2023-S1, 2023-H1, 2023-Q2, 2023-M06, 2023-06, 2023-12-31 "
    "or 2023-01-01/2023-06-30; a date and time with its UTC offset is the day it writes",
    "anyOf": [
        {
            "type": "string",
            "pattern": _PERIOD_PATTERN,
        },
        {"type": "integer"},
    ],
}
_WORDING = {
    "description": "text, or an object of language tag to text",
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "propertyNames": {"minLength": 1},
            "additionalProperties": {"type": "string"},
        },
    ],
}
_GROUP = {
    "description": "a group of a disaggregated indicator: a code per dimension, "
    'optionally with its label ({"sex": "F: Female", "region": "420100"}); '
    "SDMX's total code _T, or no key, is the total",
    "type": "object",
    "propertyNames": {"pattern": r"^[a-z][a-z0-9_]{0,63}$"},
    "additionalProperties": {"type": "string", "pattern": r"^[\w@$.\-]{1,100}(: .+)?$"},
}
_DIMENSIONS = {
    "description": "dimension names the target holds for in every group of (every: region)",
    "anyOf": [
        {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,63}$"},
        {"type": "array", "items": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,63}$"}},
    ],
}
_QUANTITY = {
    "description": 'a number with its unit: {"value": 1450, "unit": "亿元"}, or "1450亿元"',
    "anyOf": [
        {
            "type": "object",
            "properties": {"value": {"type": "number"}, "unit": {"type": "string"}},
            "required": ["value", "unit"],
            "additionalProperties": False,
        },
        {"type": "string"},
    ],
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "Date": _DATE,
            "Period": _PERIOD,
            "Wording": _WORDING,
            "Quantity": _QUANTITY,
            "Group": _GROUP,
        }

    def type_schema(self, kind: Any) -> dict[str, Any]:  # noqa: C901, PLR0911 (one branch per kind)
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        if kind is str:
            return {"type": "string"}
        if kind is float:
            return {"type": "number"}
        if kind is bool:
            return {"type": "boolean"}
        if kind is dt.date:
            return _ref("Date")
        if kind is Wording:
            return _ref("Wording")
        if kind is Period:
            return _ref("Period")
        if kind is Group:
            return _ref("Group")
        if isinstance(kind, type) and issubclass(kind, pint.Quantity):
            return _ref("Quantity")
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"enum": [m.value for m in kind]}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if args and type(None) in args:
            (inner,) = (a for a in args if a is not type(None))
            return {"anyOf": [self.type_schema(inner), {"type": "null"}]}
        if attrs.has(kind):
            self.add_class(kind)
            return _ref(kind.__name__)
        msg = f"no schema for {kind!r}"
        raise TypeError(msg)

    def add_class(self, cls: type[Any]) -> None:
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # reserve the name: classes refer to each other
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.metadata.get("innovplan.in_files", True):
                continue  # derived from the document (a target's plan start)
            props[field.name] = self.type_schema(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
        self.defs[cls.__name__] = {
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }


@functools.cache
def _schema() -> dict[str, Any]:
    b = _Builder()
    b.add_class(Plan)
    defs = b.defs
    target = defs["Target"]
    target["properties"]["indicator"] = {
        "description": "the id of an indicator of the document's indicators, or an indicator",
        "anyOf": [{"type": "string"}, _ref("Indicator")],
    }
    target["properties"]["baseline"] = {"anyOf": [_ref("Baseline"), {"type": "null"}]}
    target["properties"]["every"] = _DIMENSIONS
    target["properties"]["text"] = {
        "type": "string",
        "description": "the target's wording, read by innovplan.text.parse_target",
    }
    target["anyOf"] = [
        {"required": ["text"]},
        {"required": [f for f in target["required"] if f != "id"]},
    ]
    target["required"] = ["id"]
    baseline = copy.deepcopy(defs["Observation"])
    baseline["required"] = [f for f in baseline["required"] if f != "indicator"]
    baseline["description"] = "an observation; its indicator is the target's unless given"
    defs["Baseline"] = baseline
    defs["Source"] = {"anyOf": [{"type": "string"}, defs["Source"]]}
    note = defs["EvidenceNote"]
    note["description"] = "a dated statement of how a task goes, with its source"
    note["properties"]["score"] = {
        "description": "progress from 0 (not started) to 1 (done)",
        "anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}],
    }
    plan = copy.deepcopy(defs.pop("Plan"))
    plan["properties"] = {
        "format_version": {"type": "string", "pattern": r"^1(\.0)?$"},
        **plan["properties"],
        "indicators": {"type": "array", "items": _ref("Indicator")},
    }
    plan["required"] = ["format_version", *plan["required"]]
    return {
        "$schema": _DIALECT,
        "title": f"innovplan plan document, format {FORMAT_VERSION}",
        **plan,
        "$defs": dict(sorted(defs.items())),
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of plan documents: what :func:`innovplan.io.dump` writes.

    Documents written by hand may use the shorthands the schema also allows:
    a quantity as ``"1450亿元"``, a wording as a plain string, a target as its
    wording only (``"text"``), an indicator inline in a target.

    Returns:
        A fresh copy, safe to change.

    Example:
        >>> schema = json_schema()
        >>> schema["$schema"], schema["required"][:2]
        ('https://json-schema.org/draft/2020-12/schema', ['format_version', 'id'])
        >>> sorted(schema["$defs"]["Quantity"]["anyOf"][0]["required"])
        ['unit', 'value']

    .. versionadded:: 0.1.0
    """
    return copy.deepcopy(_schema())
