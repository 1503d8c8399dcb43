"""TOML documents: tomllib to read, tomli-w (the ``toml`` extra) to write, both imported on use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, MissingDependencyError, Problem
from innovplan.io._safety import check_depth, scan_bracket_depth

if TYPE_CHECKING:
    from innovplan.io._safety import Limits

__all__ = ["parse", "render"]


def parse(text: str, limits: Limits, name: str) -> Any:
    r"""Parse TOML *text* within *limits*.

    Raises:
        DocumentError: The text is not TOML or nests too deep.

    Example:
        >>> from innovplan.io._safety import Limits
        >>> parse('id = "p"\nstart = 2023-01-01', Limits(), "")
        {'id': 'p', 'start': datetime.date(2023, 1, 1)}
    """
    import tomllib

    scan_bracket_depth(text, limits, name, toml=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError([Problem("", str(exc), "the file is not valid TOML")], name) from None
    except RecursionError:
        raise DocumentError([Problem("", "the document nests too deep to read")], name) from None
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
