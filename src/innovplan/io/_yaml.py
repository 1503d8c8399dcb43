"""YAML documents through PyYAML's safe loader only (the ``yaml`` extra), imported on use.

Before the tree is built, the event stream is scanned: nesting depth, and the
size the document would have once its aliases are expanded ("billion laughs":
the characters of every scalar, counted again at each alias of it). While the
tree is built, what YAML 1.1 would read silently is refused with its line: a
key twice in one mapping, base-60 numbers (``1:30`` is 90), octal numbers
written with a leading zero (``010`` is 8), numbers longer than the digit
limit or beyond a float's range, and dates that are not dates.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, MissingDependencyError, Problem
from innovplan.io._safety import NumberRefusedError, check_depth, depth_error, read_float, read_int

if TYPE_CHECKING:
    from types import ModuleType

    from innovplan.io._safety import Limits

__all__ = ["parse", "render"]

_OCTAL = re.compile(r"[-+]?0[0-7_]+")


def _yaml() -> ModuleType:
    try:
        import yaml
    except ImportError:
        raise MissingDependencyError("pyyaml", "yaml", "YAML documents") from None
    return yaml


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


def _scan(yaml: ModuleType, text: str, limits: Limits, name: str) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    allowed = limits.expanded_bytes(len(text))
    sizes: dict[str, int] = {}
    # One frame per open collection: [anchor, characters inside so far].
    stack: list[list[Any]] = [[None, 0]]
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 0])
            if len(stack) - 1 > limits.max_depth:
                raise depth_error(limits, name, _where(event.start_mark).removesuffix(": "))
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            size += 2  # the brackets, or the line breaks, of the collection
            if anchor is not None:
                sizes[anchor] = size
            stack[-1][1] += size
        elif isinstance(event, yaml.ScalarEvent):
            size = len(event.value) + 1
            if event.anchor is not None:
                sizes[event.anchor] = size
            stack[-1][1] += size
        elif isinstance(event, yaml.AliasEvent):
            stack[-1][1] += sizes.get(event.anchor, 1)
        else:
            continue
        if stack[-1][1] > allowed:
            msg = (
                f"{_where(event.start_mark)}aliases expand the document beyond {allowed} "
                f"characters ({limits.max_expansion} times its size, max_expansion)"
            )
            raise DocumentError([Problem("", msg, "write the repeated parts out")], name)


@functools.cache
def _loader() -> Any:
    """The loader class, built once, on the first YAML document read."""
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    refuse = yaml.constructor.ConstructorError

    class _Loader(base):  # type: ignore[misc,valid-type]
        """The safe loader, refusing what YAML 1.1 would read silently."""

        limits: Limits

        def construct_object(self, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002 (PyYAML's signature)
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, OverflowError) as exc:
                if isinstance(exc, NumberRefusedError):
                    raise refuse(None, None, str(exc), node.start_mark) from None
                what = "a date" if "timestamp" in str(node.tag) else "a value"
                msg = f"{node.value!r} is not {what}: {exc}"
                raise refuse(None, None, msg, node.start_mark) from None

        def construct_yaml_int(self, node: Any) -> int:
            text = str(node.value)
            if ":" in text:
                msg = f"{text!r} is a base-60 number in YAML 1.1; quote it, or write it in base 10"
                raise refuse(None, None, msg, node.start_mark)
            if _OCTAL.fullmatch(text):
                msg = f"{text!r} is an octal number in YAML 1.1; drop the leading zero, or quote it"
                raise refuse(None, None, msg, node.start_mark)
            if text.lstrip("+-").startswith(("0x", "0b")):  # written in base 16 or 2 on purpose
                if len(text) > self.limits.max_digits:
                    reason = f"has more than {self.limits.max_digits} digits (max_digits)"
                    raise NumberRefusedError(text, reason)
                result: int = super().construct_yaml_int(node)
                return result
            return read_int(text, self.limits)

        def construct_yaml_float(self, node: Any) -> float:
            text = str(node.value)
            if ":" in text:
                msg = f"{text!r} is a base-60 number in YAML 1.1; quote it, or write it in base 10"
                raise refuse(None, None, msg, node.start_mark)
            if text.lower().lstrip("+-") in {".inf", ".nan"}:
                result: float = super().construct_yaml_float(node)  # refused later, with its path
                return result
            return read_float(text, self.limits)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002 (PyYAML's signature)
            seen: set[Any] = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: PyYAML's own check reports it
                    duplicate = False
                if duplicate:
                    raise refuse(
                        None,
                        None,
                        f"the key {key!r} appears twice in one mapping",
                        key_node.start_mark,
                    )
            return super().construct_mapping(node, deep=deep)

    _Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
    _Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
    return _Loader


def parse(text: str, limits: Limits, name: str) -> Any:
    r"""Parse YAML *text* with the safe loader, within *limits*.

    Raises:
        DocumentError: The text is not YAML, uses a tag the safe loader refuses
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
        _scan(yaml, text, limits, name)
        loader = _loader()(text)
        loader.limits = limits
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = f"{_where(mark)}{exc.problem or exc.context}"
        hint = "only plain YAML is read: no tags such as !!python/object" if "tag" in msg else ""
        raise DocumentError([Problem("", msg, hint)], name) from None
    except yaml.YAMLError as exc:
        raise DocumentError([Problem("", f"not valid YAML: {exc}")], name) from None
    except RecursionError:
        raise depth_error(limits, name) from None
    check_depth(data, limits, name)
    return data


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

    Example:
        >>> print(render({"id": "p", "start": "2023-01-01", "value": 1e-30}), end="")
        id: p
        start: '2023-01-01'
        value: 1.0e-30
    """
    dumper = _dumper()
    # PyYAML writes floats from repr(), adding ".0" where YAML 1.1 needs it to
    # read them back as floats, so numbers survive exactly; width keeps long
    # wording on one line.
    text: str = _yaml().dump(
        doc,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return text
