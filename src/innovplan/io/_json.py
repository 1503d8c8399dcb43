"""JSON documents: the standard library's parser with NaN and duplicate keys refused."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, Problem
from innovplan.io._safety import check_depth, scan_bracket_depth

if TYPE_CHECKING:
    from innovplan.io._safety import Limits

__all__ = ["parse", "render"]


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys; in a hand-edited file the first is
    # usually the one meant, so neither is taken silently.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


def _constant(name: str) -> float:
    # NaN and Infinity are not JSON; Python's parser reads them unless told not to.
    raise ValueError(name)


def parse(text: str, limits: Limits, name: str) -> Any:
    """Parse JSON *text* within *limits*.

    Raises:
        DocumentError: The text is not JSON, has NaN or a duplicate key, or nests too deep.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> parse('{"a": [1, 2.5]}', Limits(), "")
        {'a': [1, 2.5]}
    """
    scan_bracket_depth(text, limits, name)
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise DocumentError([Problem("", msg, "the file is not valid JSON")], name) from None
    except _DuplicateKeyError as exc:
        msg = f"the key {exc.key!r} appears twice in one object"
        raise DocumentError([Problem("", msg, "keep one of them")], name) from None
    except ValueError as exc:
        msg = f"{exc} is not a number JSON allows"
        raise DocumentError(
            [Problem("", msg, "NaN and infinity have no place in a plan")], name
        ) from None
    except RecursionError:
        msg = "the document nests too deep to read"
        raise DocumentError([Problem("", msg)], name) from None
    check_depth(data, limits, name)
    return data


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
