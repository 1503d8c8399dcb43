"""Limits checked before a document is fully parsed, and atomic writes.

Parsers build the whole tree before anyone can look at it, so the limits are
checked on the way in: the size before reading, the nesting depth by a linear
scan of the text (JSON, TOML) or of the parser's event stream (YAML).
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import re
import tempfile
from typing import IO, TYPE_CHECKING, Any

from innovplan.errors import DocumentError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Limits",
    "atomic_write",
    "check_depth",
    "read_source",
    "scan_bracket_depth",
]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
_SUFFIXES = (".json", ".yaml", ".yml", ".toml", ".csv")


class Limits:
    """The size and depth a document may have.

    Example:
        >>> Limits().max_bytes, Limits(max_depth=8).max_depth
        (16777216, 8)
    """

    __slots__ = ("max_bytes", "max_depth")

    def __init__(self, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> None:
        self.max_bytes = max_bytes
        self.max_depth = max_depth


def _too_big(size: int, limits: Limits, name: str) -> DocumentError:
    msg = f"the document has {size} bytes, more than the limit of {limits.max_bytes}"
    hint = "pass max_bytes= to load a larger document on purpose"
    return DocumentError([Problem("", msg, hint)], name)


def _looks_like_path(text: str) -> bool:
    # A document always has a newline or a brace or an equals sign long before
    # it could be mistaken for a file name; a file name has a known suffix.
    return "\n" not in text and text.strip().lower().endswith(_SUFFIXES)


def read_source(source: object, limits: Limits) -> tuple[str, str]:
    """Read *source* (a path, text, bytes or an open file) as text, within the size limit.

    Returns:
        The text and a name for error messages (the path, or ``""``).

    Raises:
        DocumentError: The source is too large or is not UTF-8.
        TypeError: *source* is none of the accepted kinds.

    Example:
        >>> read_source('{"a": 1}', Limits())
        ('{"a": 1}', '')
    """
    name = ""
    data: str | bytes
    if isinstance(source, str) and _looks_like_path(source):
        source = pathlib.Path(source.strip())
    if isinstance(source, os.PathLike):
        path = pathlib.Path(os.fspath(source))
        name = str(path)
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise _too_big(size, limits, name)
        with path.open("rb") as fh:
            # Read one byte past the limit: a file may grow after stat().
            data = fh.read(limits.max_bytes + 1)
    elif isinstance(source, str | bytes | bytearray):
        data = bytes(source) if isinstance(source, bytearray) else source
    elif hasattr(source, "read"):
        stream: IO[Any] = source  # type: ignore[assignment]
        name = str(getattr(stream, "name", ""))
        data = stream.read(limits.max_bytes + 1)
    else:
        msg = f"expected a path, text, bytes or an open file, got {type(source).__name__}"
        raise TypeError(msg)
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limits.max_bytes:
        raise _too_big(size, limits, name)
    if isinstance(data, bytes):
        try:
            # utf-8-sig: spreadsheet programs put a byte-order mark in front.
            return data.decode("utf-8-sig"), name
        except UnicodeDecodeError as exc:
            msg = f"byte {exc.start} is not UTF-8 ({exc.reason})"
            raise DocumentError([Problem("", msg, "save the file as UTF-8")], name) from None
    return data.removeprefix("\ufeff"), name


def _depth_error(depth: int, limits: Limits, name: str, where: str = "") -> DocumentError:
    msg = f"{where}the document nests deeper than {limits.max_depth} levels (at least {depth})"
    return DocumentError([Problem("", msg, "a plan needs fewer than ten levels")], name)


# Tokens that matter to nesting; strings and comments are matched whole so
# that brackets inside them are skipped (one C-level regex pass, linear time).
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|$)|\'\'\'[\s\S]*?(?:\'\'\'|$)'
    r'|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?|#[^\n]*|[\[\]{}]'
)


def scan_bracket_depth(text: str, limits: Limits, name: str, *, toml: bool = False) -> None:
    """Refuse text whose ``[``/``{`` nesting exceeds the depth limit, before parsing it.

    Brackets inside strings do not count. JSON strings are ``"..."`` with
    backslash escapes; TOML adds ``'...'`` literal strings, triple-quoted forms
    and ``#`` comments.

    Raises:
        DocumentError: The nesting is too deep.

    Example:
        >>> scan_bracket_depth('{"a": [[1]], "b": "[[[["}', Limits(max_depth=3), "")
    """
    depth = 0
    for match in (_TOML_TOKENS if toml else _JSON_TOKENS).finditer(text):
        tok = match[0]
        if tok in "[{":
            depth += 1
            if depth > limits.max_depth:
                raise _depth_error(depth, limits, name)
        elif tok in "]}":
            depth = max(depth - 1, 0)


def check_depth(value: object, limits: Limits, name: str) -> None:
    """Refuse a parsed tree deeper than the limit (an iterative walk, no recursion).

    Example:
        >>> check_depth({"a": [1, {"b": 2}]}, Limits(max_depth=3), "")
    """
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limits.max_depth:
                raise _depth_error(depth, limits, name)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


@contextlib.contextmanager
def atomic_write(path: pathlib.Path) -> Iterator[IO[str]]:
    """Open a temporary file next to *path*; on success rename it over *path*.

    A failure while writing leaves *path* as it was and removes the temporary file.

    Example:
        >>> import pathlib, tempfile
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "plan.json"
        >>> with atomic_write(target) as fh:
        ...     _ = fh.write("{}")
        >>> target.read_text()
        '{}'
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = pathlib.Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file private (0600); a written document should
        # keep the mode of the file it replaces, else be readable as usual.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        tmp.chmod(mode)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
