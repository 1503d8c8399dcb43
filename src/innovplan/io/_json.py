r"""JSON documents: the standard library's parser, with what it would take silently refused.

Refused, each with its line and column: ``NaN`` and ``Infinity`` (not JSON),
a key twice in one object, nesting deeper than the limit, a number with more
digits than the limit or beyond a float's range (``1e-400`` would read as 0),
and a ``\\ud800`` escape that leaves a lone surrogate.

The C parser reads the document in one pass; the hooks it calls only notice
that something is wrong. The place is found afterwards, on the way to the
error, by one scan of the tokens (:func:`_locate`).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, Problem
from innovplan.io._safety import (
    NumberRefusedError,
    depth_error,
    first_surrogate,
    position,
    read_float,
    read_int,
    too_deep,
)

if TYPE_CHECKING:
    from innovplan.io._safety import Limits

__all__ = ["check_depth", "parse", "render"]


class _RefusedError(ValueError):
    """Raised by a parser hook; the scan of :func:`_locate` says where and why."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys; in a hand-edited file the first is
    # usually the one meant, so neither is taken silently.
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _RefusedError
    return out


def _constant(_: str) -> float:
    # NaN and Infinity are not JSON; Python's parser reads them unless told not to.
    raise _RefusedError


# Strings whole (possessive: the regex engine keeps no state inside a long
# string), brackets, colons, the non-JSON constants and numbers.
_TOKENS = re.compile(
    r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[\[\]{}:]|NaN|-?Infinity|-?\d[\d.eE+-]*+', re.DOTALL
)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _problem(text: str, offset: int, message: str, hint: str = "") -> Problem:
    return Problem("", f"{position(text, offset)}: {message}", hint)


def _locate(text: str, limits: Limits) -> Problem | None:  # noqa: C901, PLR0912 (one branch per kind of token)
    """The first refused thing in *text* with its line and column, or ``None``."""
    # One entry per open container: the keys seen so far of an object, None for an array.
    stack: list[set[str] | None] = []
    last_string: re.Match[str] | None = None
    for match in _TOKENS.finditer(text):
        tok = match[0]
        first = tok[0]
        if first == '"':
            last_string = match
            if _SURROGATE_ESCAPE.search(tok) and first_surrogate(json.loads(tok)) >= 0:
                msg = f"the text {tok[:40]!r} holds a lone surrogate, which is not a character"
                return _problem(text, match.start(), msg, "write the character itself")
        elif first in "[{":
            stack.append(set() if first == "{" else None)
            if len(stack) > limits.max_depth:
                return depth_error(limits, "", position(text, match.start())).problems[0]
        elif first in "]}":
            if stack:
                stack.pop()
        elif first == ":":
            keys = stack[-1] if stack else None
            if keys is not None and last_string is not None:
                key = json.loads(last_string[0])
                if key in keys:
                    msg = f"the key {key!r} appears twice in one object"
                    return _problem(text, last_string.start(), msg, "keep one of them")
                keys.add(key)
        elif tok in {"NaN", "Infinity", "-Infinity"}:
            msg = f"{tok} is not a number JSON allows"
            return _problem(text, match.start(), msg, "NaN and infinity have no place in a plan")
        else:
            try:
                if any(c in tok for c in ".eE"):
                    read_float(tok, limits)
                else:
                    read_int(tok, limits)
            except NumberRefusedError as exc:
                return _problem(text, match.start(), str(exc))
            except ValueError:
                continue  # not a number after all: the parser's own error says more
    return None


def parse(text: str, limits: Limits, name: str, *, depth: bool = True) -> Any:
    """Parse JSON *text* within *limits*.

    With ``depth=False`` the depth of the parsed tree is left to the caller
    (:func:`check_depth`), which knows when a document it could read cannot
    be too deep; a document with a surrogate escape is checked here all the
    same, since the first refused thing of the text is reported.

    Raises:
        DocumentError: The text is not JSON, has NaN, a duplicate key, a number
            out of range, a lone surrogate, or nests too deep; with line and column.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> parse('{"a": [1, 2.5]}', Limits(), "")
        {'a': [1, 2.5]}
    """
    longest = limits.max_digits

    def parse_int(token: str) -> int:
        # JSON's grammar gives digits only: a token no longer than the limit
        # has no more digits than it, and int() reads it exactly.
        return int(token) if len(token) <= longest else read_int(token, limits)

    def parse_float(token: str) -> float:
        # A finite, non-zero float is what read_float returns for a short
        # token too; zero and infinity are where it refuses something.
        if len(token) <= longest:
            value = float(token)
            if value != 0.0 and value - value == 0.0:
                return value
        return read_float(token, limits)

    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_int=parse_int,
            parse_float=parse_float,
        )
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise DocumentError([Problem("", msg, "the file is not valid JSON")], name) from None
    except (ValueError, RecursionError):
        # A hook refused something, or the nesting outran the parser's stack.
        found = _locate(text, limits)
        problem = found or Problem("", "the document nests too deep or holds a refused value")
        raise DocumentError([problem], name) from None
    # A surrogate escape starts with a backslash: a text without one (what
    # dump writes, unless a string holds a quote or a control character) is
    # passed over at memchr speed instead of by the regex.
    escaped = "\\" in text and _SURROGATE_ESCAPE.search(text) is not None
    if depth or escaped:
        _refuse(text, data, limits, name, escaped=escaped)
    return data


def check_depth(text: str, data: Any, limits: Limits, name: str) -> None:
    """Refuse *data*, parsed from *text* by ``parse(..., depth=False)``, if it nests too deep.

    Raises:
        DocumentError: With the line and column where the limit is passed.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> text = '{"a": [[1]]}'
        >>> check_depth(text, parse(text, Limits(), "", depth=False), Limits(max_depth=2), "")
        Traceback (most recent call last):
        ...
        innovplan.errors.DocumentError: 1 problem in the document:
          line 1, column 8: the document nests deeper than 2 levels (max_depth) (...)
    """
    _refuse(text, data, limits, name, escaped=False)


def _refuse(text: str, data: Any, limits: Limits, name: str, *, escaped: bool) -> None:
    deep = too_deep(data, limits.max_depth)
    if deep or escaped:
        found = _locate(text, limits)
        if found is None and deep:
            found = depth_error(limits, "").problems[0]
        if found is not None:
            raise DocumentError([found], name)


def render(doc: Any) -> str:
    """Write *doc* as JSON: UTF-8 text as is, two-space indents, numbers exactly.

    Example:
        >>> print(render({"value": 0.1, "unit": "亿元"}))
        {
          "value": 0.1,
          "unit": "亿元"
        }
    """
    # repr() of a float is the shortest text that reads back as the same float,
    # and json writes floats with repr(): 0.1, 1e-30 and 1450.0000000001 survive.
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
