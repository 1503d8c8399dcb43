"""The events of a plain document, for PyYAML's emitter (libyaml's where it is installed).

PyYAML's dumper first represents a document as a graph of node objects, then
serializes the graph as events; for a plan of a few megabytes that graph costs
more than the writing. The events are made here straight from the values,
walking them with one stack, exactly as PyYAML's safe representer and
serializer would make them for ``yaml.dump(..., sort_keys=False,
default_flow_style=False)`` with aliases ignored: the same text, byte for
byte.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from innovplan.io._yaml_scalars import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    NULL,
    SEQ,
    STR,
    TIMESTAMP,
    implicit_tag,
    resolvable,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["NotPlainError", "events"]

_INF = float("inf")


class NotPlainError(Exception):
    """A value that is not a plain value of a document (dict, list, text, number, date).

    Example:
        >>> str(NotPlainError(object))
        "<class 'object'>"
    """


def _float_text(value: float) -> str:
    if value != value:  # noqa: PLR0124 (NaN is the one float unequal to itself)
        return ".nan"
    if value in (_INF, -_INF):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    # repr(1e17) is '1e+17', which YAML 1.1 does not read as a float.
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


# The tag and text PyYAML's safe representer gives a scalar, by its exact type.
_SCALARS: dict[type, tuple[str, Callable[[Any], str]]] = {
    int: (INT, str),
    float: (FLOAT, _float_text),
    bool: (BOOL, lambda value: "true" if value else "false"),
    type(None): (NULL, lambda _: "null"),
    dt.date: (TIMESTAMP, dt.date.isoformat),
    dt.datetime: (TIMESTAMP, lambda value: value.isoformat(" ")),
}


def events(doc: Any, yaml: Any) -> Iterator[Any]:
    """The events of *doc* between the stream's start and end, made by *yaml*'s event classes.

    Raises:
        NotPlainError: *doc* holds a value of another type (the caller then
            lets PyYAML's representer write it).

    Example:
        >>> import yaml
        >>> [type(e).__name__ for e in events({"id": "p"}, yaml)][1:-1]
        ['MappingStartEvent', 'ScalarEvent', 'ScalarEvent', 'MappingEndEvent']
    """
    scalar_event = yaml.ScalarEvent
    firsts = resolvable()
    yield yaml.DocumentStartEvent(explicit=False)
    # The collections being written: the rest of their items, and whether a mapping.
    stack: list[tuple[Iterator[Any], bool]] = []
    items: Iterator[Any] = iter((doc,))
    in_map = False
    while True:
        for value in items:
            kind = type(value)
            if kind is str:
                # Text that would read back as another value is written quoted.
                plain = value[:1] not in firsts or implicit_tag(value) == STR
                yield scalar_event(None, STR, (plain, True), value)
            elif kind is dict:
                yield yaml.MappingStartEvent(None, MAP, implicit=True, flow_style=False)
                stack.append((items, in_map))
                items, in_map = (part for pair in value.items() for part in pair), True
                break
            elif kind is list:
                yield yaml.SequenceStartEvent(None, SEQ, implicit=True, flow_style=False)
                stack.append((items, in_map))
                items, in_map = iter(value), False
                break
            else:
                found = _SCALARS.get(kind)
                if found is None:
                    raise NotPlainError(kind)
                tag, text = found[0], found[1](value)
                yield scalar_event(None, tag, (implicit_tag(text) == tag, False), text)
        else:
            if not stack:
                break
            yield yaml.MappingEndEvent() if in_map else yaml.SequenceEndEvent()
            items, in_map = stack.pop()
    yield yaml.DocumentEndEvent(explicit=False)
