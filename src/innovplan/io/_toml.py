"""TOML documents: tomllib to read, tomli-w (the ``toml`` extra) to write, both imported on use.

tomllib's cost for one dotted key (``a.b.c = 1``) or table header grows with
the square of its number of parts, so before parsing one scan of the text
refuses a key of more parts than the depth limit, nesting deeper than it and
a number longer than the digit limit, each with its line and column.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, MissingDependencyError, Problem
from innovplan.io._safety import (
    NumberRefusedError,
    check_depth,
    depth_error,
    position,
    read_float,
    read_int,
)

if TYPE_CHECKING:
    from innovplan.io._safety import Limits

__all__ = ["parse", "render"]

_BASIC = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"?'
_LITERAL = r"'[^'\n]*+'?"
_PART = rf"(?:[A-Za-z0-9_+-]++|{_BASIC}|{_LITERAL})"
# Multi-line strings and comments are skipped whole; a run of key parts joined
# by dots is one token (a quoted part may hold dots of its own); brackets nest.
_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|$)|\'\'\'[\s\S]*?(?:\'\'\'|$)|#[^\n]*+'
    rf"|{_PART}(?:[ \t]*+\.[ \t]*+{_PART})*+|[\[\]{{}}]"
)
_PARTS = re.compile(rf"{_PART}")
# A table header's brackets are counted as levels by the scan but not by the
# parser: the scan allows for them.
_HEADER_SLACK = 2


def _scan(text: str, limits: Limits, name: str) -> None:  # noqa: C901 (one branch per kind of token)
    depth = 0
    for match in _TOKENS.finditer(text):
        tok = match[0]
        first = tok[0]
        if first in "[{":
            depth += 1
        elif first in "]}":
            depth = max(depth - 1, 0)
        elif first == "#" or tok.startswith(('"""', "'''")):
            continue
        elif "." in tok:
            parts = len(_PARTS.findall(tok))
            if depth + parts > limits.max_depth + _HEADER_SLACK:
                raise depth_error(limits, name, position(text, match.start()))
        elif len(tok) > limits.max_digits and first not in "\"'":
            try:
                read_int(tok, limits)
            except NumberRefusedError as exc:
                problem = Problem("", f"{position(text, match.start())}: {exc}")
                raise DocumentError([problem], name) from None
            except ValueError:
                continue  # a long bare key, not a number
        if depth > limits.max_depth + _HEADER_SLACK:
            raise depth_error(limits, name, position(text, match.start()))


def parse(text: str, limits: Limits, name: str, *, depth: bool = True) -> Any:
    r"""Parse TOML *text* within *limits*.

    With ``depth=False`` the depth of the parsed tree is left to the caller
    (:func:`innovplan.io._safety.check_depth`), which knows when a document it
    could read cannot be too deep. Dotted keys are counted before parsing in
    any case: they are what makes the parser slow.

    Raises:
        DocumentError: The text is not TOML, nests too deep, or holds a number
            out of range.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> parse('id = "p"\nstart = 2023-01-01', Limits(), "")
        {'id': 'p', 'start': datetime.date(2023, 1, 1)}
    """
    import tomllib

    _scan(text, limits, name)
    try:
        data = tomllib.loads(text, parse_float=lambda s: read_float(s, limits))
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError([Problem("", str(exc), "the file is not valid TOML")], name) from None
    except NumberRefusedError as exc:
        offset = text.find(exc.text)
        where = f"{position(text, offset)}: " if offset >= 0 else ""
        raise DocumentError([Problem("", f"{where}{exc}")], name) from None
    except ValueError as exc:  # an integer longer than Python converts
        raise DocumentError([Problem("", f"a number is too long: {exc}")], name) from None
    except RecursionError:
        raise depth_error(limits, name) from None
    if depth:
        check_depth(data, limits, name)
    return data


def render(doc: Any) -> str:
    """Write *doc* as TOML.

    Raises:
        MissingDependencyError: tomli-w is not installed.
        DocumentError: The document holds something TOML cannot write.

    Example:
        >>> print(render({"id": "p", "value": {"value": 1e-30, "unit": "yuan"}}), end="")
        id = "p"
        <BLANKLINE>
        [value]
        value = 1e-30
        unit = "yuan"
    """
    try:
        import tomli_w
    except ImportError:
        raise MissingDependencyError("tomli-w", "toml", "TOML documents") from None
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError) as exc:
        raise DocumentError([Problem("", f"cannot be written as TOML: {exc}")]) from None
