"""YAML documents through PyYAML's safe loader only (the ``yaml`` extra), imported on use.

Before the tree is built, the graph of nodes libyaml composes is measured:
nesting depth, and the size the document would have once its aliases are
expanded ("billion laughs": the characters of every scalar, counted again at
each alias of it), each node once. While the
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


_OPEN = (-1, -1)  # the entry of a collection whose children are being measured


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, str):
        return []
    return [n for pair in value for n in pair] if value and isinstance(value[0], tuple) else value


def _measure(root: Any, limits: Limits, size: int, name: str) -> None:
    """Refuse a node graph too deep, or whose aliases expand it too far, before building it.

    Each collection node is measured once, after its children (an alias is the
    same node object as its anchor), so the walk is linear in the number of
    nodes however often aliases repeat them: its expanded size (the characters
    of its scalars, counted at every alias) and its height.
    """
    allowed = limits.expanded_bytes(size)
    measured: dict[int, tuple[int, int]] = {}  # id of a collection: (expanded size, height)
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        kids = _children(node)
        if not done:
            state = measured.get(id(node))
            if state is _OPEN:
                msg = f"{_where(node.start_mark)}an alias refers to a node that holds it"
                raise DocumentError([Problem("", msg, "write the repeated parts out")], name)
            if state is not None or not isinstance(node.value, list):
                continue
            measured[id(node)] = _OPEN
            stack.append((node, True))
            stack.extend((kid, False) for kid in kids if isinstance(kid.value, list))
            continue
        total, height = 2, 0  # the brackets, or the line breaks, of the collection
        for kid in kids:
            if isinstance(kid.value, list):
                kid_size, kid_height = measured[id(kid)]
                total += kid_size
                height = max(height, kid_height)
            else:
                total += len(kid.value) + 1
        measured[id(node)] = (total, height + 1)
        if total > allowed:
            msg = (
                f"{_where(node.start_mark)}aliases expand the document beyond {allowed} "
                f"characters ({limits.max_expansion} times its size, max_expansion)"
            )
            raise DocumentError([Problem("", msg, "write the repeated parts out")], name)
    if isinstance(root.value, list) and measured[id(root)][1] > limits.max_depth:
        # Down the tallest branch to the first node nested too deep.
        node = root
        for _ in range(limits.max_depth):
            node = max(
                (k for k in _children(node) if isinstance(k.value, list)),
                key=lambda k: measured[id(k)][1],
            )
        raise depth_error(limits, name, _where(node.start_mark).removesuffix(": "))


@functools.cache
def _loader() -> Any:  # noqa: C901 (the loader class and its methods are defined on first use)
    """The loader class, built once, on the first YAML document read."""
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    refuse = yaml.constructor.ConstructorError

    class _Loader(base):  # type: ignore[misc,valid-type]
        """The safe loader, refusing what YAML 1.1 would read silently."""

        limits: Limits

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as exc:
                msg = f"{node.value!r} is not a date: {exc}"
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
                    raise refuse(None, None, str(NumberRefusedError(text, reason)), node.start_mark)
                result: int = super().construct_yaml_int(node)
                return result
            try:
                return read_int(text, self.limits)
            except NumberRefusedError as exc:
                raise refuse(None, None, str(exc), node.start_mark) from None

        def construct_yaml_float(self, node: Any) -> float:
            text = str(node.value)
            if ":" in text:
                msg = f"{text!r} is a base-60 number in YAML 1.1; quote it, or write it in base 10"
                raise refuse(None, None, msg, node.start_mark)
            if text.lower().lstrip("+-") in {".inf", ".nan"}:
                result: float = super().construct_yaml_float(node)  # refused later, with its path
                return result
            try:
                return read_float(text, self.limits)
            except NumberRefusedError as exc:
                raise refuse(None, None, str(exc), node.start_mark) from None

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
    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
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
        # libyaml stops at 1,000 levels while composing, so the node graph is
        # safe to build; it is measured before anything is constructed from it.
        loader = _loader()(text)
        loader.limits = limits
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _measure(node, limits, len(text), name)
            data = loader.construct_document(node)
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
        DocumentError: A text holds a lone surrogate.

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
    try:
        text: str = _yaml().dump(
            doc,
            Dumper=dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=10_000,
        )
    except UnicodeEncodeError as exc:
        msg = f"text holds a lone surrogate {exc.object[exc.start]!r}, which is not a character"
        raise DocumentError([Problem("", msg, "every file innovplan writes is UTF-8")]) from None
    return text
