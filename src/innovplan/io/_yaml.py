"""YAML documents read from libyaml's event stream (the ``yaml`` extra), imported on use.

PyYAML parses (with libyaml's C parser when it is installed, else its own);
the values are built here, from the parser's events, in one pass with one
stack and no recursion, instead of by PyYAML's composer and constructor,
whose graph of node objects and per-node dispatch cost several times the
parse itself. While the values are built, each limit is checked as the
events arrive, and the document is refused at the first event beyond one,
with its line and column: nesting depth, and the size the document would
have once its aliases are expanded ("billion laughs": the characters of
every scalar, counted again at each alias of it, an alias costing the size of
what it stands for without walking it again). Scalars are read by
:mod:`innovplan.io._yaml_scalars`: YAML 1.1 as PyYAML's safe loader reads
it, refusing what it would read silently unlike it looks (``1:30`` is 90,
``010`` is 8), a key twice in one mapping and any tag but the standard ones
of plain values (``!!python/object``).
"""

from __future__ import annotations

import functools
import io
import json
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, MissingDependencyError, Problem
from innovplan.io._safety import depth_error, first_surrogate
from innovplan.io._yaml_scalars import (
    MAP,
    SEQ,
    ScalarRefusedError,
    plain,
    resolvable,
    tagged,
    unknown_tag,
)
from innovplan.io._yaml_write import NotPlainError, events

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

    from innovplan.io._safety import Limits

__all__ = ["parse", "render"]

_TAG_HINT = "only plain YAML is read: no tags such as !!python/object"
_ALIAS_HINT = "write the repeated parts out"


def _yaml() -> ModuleType:
    try:
        import yaml
    except ImportError:
        raise MissingDependencyError("pyyaml", "yaml", "YAML documents") from None
    return yaml


def _at(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _where(mark: Any) -> str:
    return f"{_at(mark)}: " if mark is not None else ""


@functools.cache
def _parser() -> Any:
    """The class whose instances parse a text into events: libyaml's, else PyYAML's own."""
    yaml = _yaml()
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


class _Refused(Exception):  # noqa: N818 (a signal inside this module, turned into DocumentError)
    def __init__(self, mark: Any, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


# What an anchor stands for: its value, the size it expands to, its height
# (levels of collections), and where it starts. An anchor on an open
# collection has no size yet.
_Anchor = tuple[Any, int, int, Any]
_OPEN = -1


def _collection_tag(tag: str | None, kind: str, mark: Any) -> None:
    if tag is None or tag in ("!", MAP if kind == "mapping" else SEQ):
        return
    if tag in (MAP, SEQ):
        wanted = "mapping" if tag == MAP else "sequence"
        raise _Refused(mark, f"expected a {wanted} node, but found {kind}")
    if tag.startswith("tag:yaml.org,2002:") and tag[18:] in _SCALAR_TAGS:
        raise _Refused(mark, f"expected a scalar node, but found {kind}")
    raise _Refused(mark, str(unknown_tag(tag)), _TAG_HINT)


_SCALAR_TAGS = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
_NO_KEY = object()  # a mapping waiting for its next key


def _build(events: Any, limits: Limits, size: int, name: str) -> Any:  # noqa: C901, PLR0912, PLR0915 (one loop over the events, kept flat for speed)
    """The value of the single document of *events*, every limit checked on the way.

    The open collections are a stack of frames; the innermost one's state is
    kept in local variables, as most events are scalars added to it.
    """
    yaml = _yaml()
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    allowed = limits.expanded_bytes(size)
    max_depth = limits.max_depth
    firsts = resolvable()
    anchors: dict[str, _Anchor] = {}
    stack: list[tuple[Any, ...]] = []
    # The innermost open collection: the document's root is held in a list.
    top: Any = []
    is_map = False
    key: Any = _NO_KEY
    key_mark: Any = None
    total = 0  # the expanded size of what the collection holds so far
    height = 0  # levels of collections beneath it
    mark: Any = None
    anchor: str | None = None
    documents = 0
    get = events.get_event
    while True:
        event = get()
        cls = event.__class__
        at = event.start_mark
        if cls is scalar_event:
            raw = event.value
            tag = event.tag
            try:
                if tag is None:
                    resolve = event.implicit[0] and raw[:1] in firsts
                    value = plain(raw, limits) if resolve else raw
                elif tag == "!":  # the non-specific tag: text
                    value = raw
                else:
                    value = tagged(tag, raw, limits)
            except ScalarRefusedError as exc:
                raise _Refused(at, str(exc), _TAG_HINT if "tag" in str(exc) else "") from None
            # The text was checked for lone surrogates before parsing: only an
            # escape of a double-quoted scalar can make one, and libyaml
            # refuses those, PyYAML's own parser does not.
            if event.style == '"' and (lone_at := first_surrogate(raw)) >= 0:
                lone = raw[lone_at]
                msg = f"text holds a lone surrogate {lone!r}, which is not a character"
                raise _Refused(at, msg, "every file innovplan reads is UTF-8")
            total += len(raw) + 1
            if event.anchor is not None:
                _define(anchors, event.anchor, (value, len(raw) + 1, 0, at))
        elif cls is mapping_start or cls is sequence_start:
            kind = "mapping" if cls is mapping_start else "sequence"
            _collection_tag(event.tag, kind, at)
            if len(stack) >= max_depth:
                raise depth_error(limits, name, _at(at))
            stack.append((top, is_map, key, key_mark, total, height, mark, anchor))
            top = {} if cls is mapping_start else []
            is_map, key, total, height = cls is mapping_start, _NO_KEY, 2, 0
            mark, anchor = at, event.anchor
            if anchor is not None:
                _define(anchors, anchor, (top, _OPEN, 0, mark))
            continue
        elif cls in ends:
            if total > allowed:
                msg = (
                    f"{_where(mark)}aliases expand the document beyond {allowed} "
                    f"characters ({limits.max_expansion} times its size, max_expansion)"
                )
                raise _Refused(None, msg, _ALIAS_HINT)
            value, own_total, own_height, own_anchor, at = top, total, height + 1, anchor, mark
            top, is_map, key, key_mark, total, height, mark, anchor = stack.pop()
            total += own_total
            height = max(height, own_height)
            if own_anchor is not None:
                anchors[own_anchor] = (value, own_total, own_height, at)
        elif cls is alias_event:
            found = anchors.get(event.anchor)
            if found is None:
                raise _Refused(at, f"found undefined alias {event.anchor!r}")
            value, its_total, its_height, its_mark = found
            if its_total == _OPEN:
                raise _Refused(its_mark, "an alias refers to a node that holds it", _ALIAS_HINT)
            if len(stack) + its_height > max_depth:
                raise depth_error(limits, name, _at(at))
            total += its_total
            height = max(height, its_height)
        else:  # the stream's and documents' starts and ends
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(at, "but found another document")
            elif cls is yaml.StreamEndEvent:
                return top[0] if top else None
            continue
        # A value (a scalar, an alias, or a collection just closed) goes into
        # the innermost open collection.
        if not is_map:
            top.append(value)
        elif key is _NO_KEY:
            if type(value) is dict or type(value) is list:
                raise _Refused(at, "found unhashable key")
            key, key_mark = value, at
        else:
            if key in top:
                raise _Refused(key_mark, f"the key {key!r} appears twice in one mapping")
            top[key] = value
            key = _NO_KEY


def _define(anchors: dict[str, _Anchor], name: str, entry: _Anchor) -> None:
    first = anchors.get(name)
    if first is not None:
        msg = f"the anchor {name!r} is defined twice (first at {_at(first[3])})"
        raise _Refused(entry[3], msg, "give each anchor its own name")
    anchors[name] = entry


def parse(text: str, limits: Limits, name: str) -> Any:
    r"""Parse YAML *text* within *limits*: plain values only.

    Raises:
        DocumentError: The text is not YAML, tags anything but a plain value
            (``!!python/object``), repeats a key, holds a number YAML 1.1 reads
            unlike it looks, or is too deep or too large.
        MissingDependencyError: PyYAML is not installed.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> parse("id: p\nstart: 2023-01-01\n", Limits(), "")
        {'id': 'p', 'start': datetime.date(2023, 1, 1)}
    """
    yaml = _yaml()
    try:
        events = _parser()(text)  # PyYAML's own reader refuses control characters here
        try:
            return _build(events, limits, len(text), name)
        finally:
            events.dispose()
    except _Refused as exc:
        msg = f"{_where(exc.mark)}{exc.message}"
        raise DocumentError([Problem("", msg, exc.hint)], name) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = f"{_where(mark)}{exc.problem or exc.context}"
        raise DocumentError([Problem("", msg, _TAG_HINT if "tag" in msg else "")], name) from None
    except yaml.YAMLError as exc:
        raise DocumentError([Problem("", f"not valid YAML: {exc}")], name) from None


@functools.cache
def _dumper() -> Any:
    yaml = _yaml()
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class _Dumper(base):  # type: ignore[misc,valid-type]
        """The safe dumper, writing every value out: no anchors, no aliases."""

        def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 (PyYAML's signature)
            return True

    return _Dumper


def render(doc: Any) -> str:
    """Write *doc* as block-style YAML, keys in document order, text as is.

    Raises:
        MissingDependencyError: PyYAML is not installed.
        DocumentError: A text holds a lone surrogate.

    Example:
        >>> print(render({"id": "p", "start": "2023-01-01", "value": 1e-30}), end="")
        id: p
        start: '2023-01-01'
        value: 1.0e-30
    """
    yaml = _yaml()
    # width keeps long wording on one line; floats are written from repr(),
    # with ".0" added where YAML 1.1 needs it to read them back as floats, so
    # numbers survive exactly.
    options = {"allow_unicode": True, "default_flow_style": False, "width": 10_000}
    stream = io.StringIO()
    try:
        try:
            _emit(events(doc, yaml), _dumper()(stream, sort_keys=False, **options))
        except NotPlainError:
            # Values of other types (not written by innovplan): PyYAML represents them.
            stream = io.StringIO()
            yaml.dump(doc, stream, Dumper=_dumper(), sort_keys=False, **options)
    except UnicodeEncodeError as exc:
        raise _surrogate(exc.object[exc.start]) from None
    if not _libyaml_dumper():
        # libyaml refuses a lone surrogate (it writes UTF-8); PyYAML's own
        # emitter writes it as an escape. Every text of the document, at once:
        every_text = json.dumps(doc, ensure_ascii=False, default=str)
        at = first_surrogate(every_text)
        if at >= 0:
            raise _surrogate(every_text[at])
    return stream.getvalue()


def _libyaml_dumper() -> bool:
    return issubclass(_dumper(), getattr(_yaml(), "CEmitter", ()))


def _emit(stream_events: Iterator[Any], dumper: Any) -> None:
    try:
        dumper.open()
        for event in stream_events:
            dumper.emit(event)
        dumper.close()
    finally:
        dumper.dispose()


def _surrogate(char: str) -> DocumentError:
    msg = f"text holds a lone surrogate {char!r}, which is not a character"
    return DocumentError([Problem("", msg, "every file innovplan writes is UTF-8")])
