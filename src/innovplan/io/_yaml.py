"""YAML documents through PyYAML's safe loader only (the ``yaml`` extra), imported on use.

Before the tree is built, the event stream is scanned: nesting depth, and the
size the document would have once its aliases are expanded ("billion laughs").
Duplicate keys, which PyYAML would take silently, are refused with their line.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, MissingDependencyError, Problem
from innovplan.io._safety import check_depth

if TYPE_CHECKING:
    from types import ModuleType

    from innovplan.io._safety import Limits

__all__ = ["parse", "render"]

# Expanded through aliases, a document may have at most this many nodes per
# byte of text; a plan has fewer than one. Aliases beyond that are an attack.
_NODES_PER_BYTE = 4
_MIN_NODES = 100_000


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
    max_nodes = max(_MIN_NODES, _NODES_PER_BYTE * len(text))
    sizes: dict[str, int] = {}
    # One frame per open collection: [anchor, nodes inside so far].
    stack: list[list[Any]] = [[None, 0]]
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 0])
            if len(stack) - 1 > limits.max_depth:
                deeper = f"the document nests deeper than {limits.max_depth} levels"
                msg = f"{_where(event.start_mark)}{deeper}"
                raise DocumentError([Problem("", msg)], name)
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, count = stack.pop()
            count += 1
            if anchor is not None:
                sizes[anchor] = count
            stack[-1][1] += count
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            stack[-1][1] += 1
        elif isinstance(event, yaml.AliasEvent):
            stack[-1][1] += sizes.get(event.anchor, 1)
        else:
            continue
        if stack[-1][1] > max_nodes:
            msg = f"{_where(event.start_mark)}aliases expand the document beyond {max_nodes} nodes"
            raise DocumentError([Problem("", msg, "write the repeated parts out")], name)


@functools.cache
def _loader() -> Any:
    """The loader class, built once, on the first YAML document read."""
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc,valid-type]
        """The safe loader, refusing a key that appears twice in one mapping."""

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
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"the key {key!r} appears twice in one mapping",
                        key_node.start_mark,
                    )
            return super().construct_mapping(node, deep=deep)

    return _Loader


def parse(text: str, limits: Limits, name: str) -> Any:
    r"""Parse YAML *text* with the safe loader, within *limits*.

    Raises:
        DocumentError: The text is not YAML, uses a tag the safe loader refuses
            (``!!python/object``), repeats a key, or is too deep or too large.
        MissingDependencyError: PyYAML is not installed.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> parse("id: p\nstart: 2023-01-01\n", Limits(), "")
        {'id': 'p', 'start': datetime.date(2023, 1, 1)}
    """
    yaml = _yaml()
    try:
        _scan(yaml, text, limits, name)
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = f"{_where(mark)}{exc.problem or exc.context}"
        hint = "only plain YAML is read: no tags such as !!python/object" if "tag" in msg else ""
        raise DocumentError([Problem("", msg, hint)], name) from None
    except yaml.YAMLError as exc:
        raise DocumentError([Problem("", f"not valid YAML: {exc}")], name) from None
    except RecursionError:
        raise DocumentError([Problem("", "the document nests too deep to read")], name) from None
    check_depth(data, limits, name)
    return data


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
    yaml = _yaml()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    # PyYAML writes floats from repr(), adding ".0" where YAML 1.1 needs it to
    # read them back as floats, so numbers survive exactly; width keeps long
    # wording on one line.
    text: str = yaml.dump(
        doc,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return text
