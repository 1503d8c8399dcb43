"""Limits checked while a document is read, numbers read exactly, and atomic writes.

Every limit is checked in time linear in the document's size and with memory
that does not grow with it: the size before reading; the nesting depth by a
walk of the parsed tree that holds one iterator per open level (JSON), a scan
of the text (TOML, whose dotted keys count as levels) or of the parser's event
stream (YAML, which also adds up the size its aliases expand to); the number
of digits of a number as the parser hands it over. The limits are described
in ``docs/files.md`` ("Limits").
"""

from __future__ import annotations

import contextlib
import math
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
    "MAX_DIGITS",
    "MAX_EXPANSION",
    "PLAN_DEPTH",
    "Limits",
    "NumberRefusedError",
    "atomic_write",
    "check_depth",
    "depth_error",
    "first_surrogate",
    "position",
    "read_float",
    "read_int",
    "read_source",
    "refuse_surrogates",
    "too_deep",
]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
# Enough for every float64 written out in full: the largest has 309 digits
# before the point, the smallest subnormal 340 after it.
MAX_DIGITS = 400
MAX_EXPANSION = 10
# The deepest a plan document that reads can be: plan, areas, area, tasks,
# task, evidence, note, source (or goals, goal, targets, target, milestones,
# milestone, value). No key of a plan holds free-form data, so a document any
# deeper has something its reader refuses.
PLAN_DEPTH = 8
# Aliases may always expand a small document this far, whatever its size.
MIN_EXPANDED = 64 * 1024
_SUFFIXES = (".json", ".yaml", ".yml", ".toml", ".csv")


class Limits:
    """The size, depth, number length and alias expansion a document may have.

    Example:
        >>> Limits().max_bytes, Limits(max_depth=8).max_depth, Limits().max_digits
        (16777216, 8, 400)
    """

    __slots__ = ("max_bytes", "max_depth", "max_digits", "max_expansion")

    def __init__(
        self,
        *,
        max_bytes: int = MAX_BYTES,
        max_depth: int = MAX_DEPTH,
        max_digits: int = MAX_DIGITS,
        max_expansion: float = MAX_EXPANSION,
    ) -> None:
        given: tuple[tuple[str, object], ...] = (
            ("max_bytes", max_bytes),
            ("max_depth", max_depth),
            ("max_digits", max_digits),
            ("max_expansion", max_expansion),
        )
        for key, value in given:
            # Checked at run time: an untyped caller may pass anything.
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                msg = f"{key} must be a positive number, got {value!r}"
                raise ValueError(msg)
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.max_digits = max_digits
        self.max_expansion = max_expansion

    def expanded_bytes(self, size: int) -> int:
        """The most a document of *size* characters may expand to through YAML aliases.

        Example:
            >>> Limits().expanded_bytes(1_000_000)
            10000000
        """
        allowed = max(self.max_expansion * size, MIN_EXPANDED)
        return int(min(allowed, max(self.max_bytes, size)))


def position(text: str, offset: int) -> str:
    r"""``line L, column C`` of the character at *offset* of *text* (both counted from 1).

    Example:
        >>> position("a\nbc", 3)
        'line 2, column 2'
    """
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


# -- numbers ---------------------------------------------------------------------


class NumberRefusedError(ValueError):
    """A number a document writes cannot be held exactly (raised while parsing).

    Example:
        >>> str(NumberRefusedError("1e-400", "is too small"))
        'the number 1e-400 is too small'
    """

    def __init__(self, text: str, reason: str) -> None:
        shown = text if len(text) <= 24 else f"{text[:12]}…{text[-6:]} ({len(text)} characters)"
        super().__init__(f"the number {shown} {reason}")
        self.text = text


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def read_int(text: str, limits: Limits) -> int:
    """An integer from its digits, refusing more than ``limits.max_digits`` of them.

    Raises:
        NumberRefusedError: Too many digits.

    Example:
        >>> read_int("-1450", Limits())
        -1450
    """
    if len(text) > limits.max_digits and _digits(text) > limits.max_digits:
        reason = f"has more than {limits.max_digits} digits (max_digits)"
        raise NumberRefusedError(text, reason)
    return int(text.replace("_", ""))


def read_float(text: str, limits: Limits) -> float:
    """A float from its text, refusing one too long, too large or too small for a float64.

    A number too small for a float would silently become 0, one too large
    infinity; both are refused instead.

    Raises:
        NumberRefusedError: The number has too many digits, or is out of range.

    Example:
        >>> read_float("1.5e3", Limits()), read_float("5e-324", Limits())
        (1500.0, 5e-324)
    """
    if len(text) > limits.max_digits and _digits(text) > limits.max_digits:
        reason = f"has more than {limits.max_digits} digits (max_digits)"
        raise NumberRefusedError(text, reason)
    value = float(text.replace("_", ""))
    if math.isinf(value) and "inf" not in text.lower():
        raise NumberRefusedError(text, "is too large for a 64-bit float")
    if value == 0 and re.search(r"[1-9]", text.lower().partition("e")[0]):
        raise NumberRefusedError(text, "is too small for a 64-bit float (it would read as 0)")
    return value


# -- text ------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
# Code points encoded at a time: a slice and its UTF-8 take a few MB at most.
_CHUNK = 1 << 20


def _encodable(text: str) -> bool:
    """Whether *text* is all characters: UTF-8's strict encoder refuses surrogates alone."""
    try:
        for start in range(0, len(text), _CHUNK):
            text[start : start + _CHUNK].encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def first_surrogate(text: str) -> int:
    r"""The offset of the first lone surrogate in *text*, or -1.

    Example:
        >>> first_surrogate("ab\ud800"), first_surrogate("ab")
        (2, -1)
    """
    # A str knows whether it is ASCII; the encoder in C passes text that has
    # no surrogate three times as fast as the regex, which then says where.
    if text.isascii() or _encodable(text):
        return -1
    found = _SURROGATE.search(text)
    return found.start() if found else -1


def refuse_surrogates(text: str, name: str, where: str = "") -> None:
    """Refuse *text* holding a lone surrogate: no UTF-8 file can hold one.

    Raises:
        DocumentError: Naming the line and column (or *where*, for a value).

    Example:
        >>> refuse_surrogates("fine", "")
    """
    offset = first_surrogate(text)
    if offset < 0:
        return
    at = where or position(text, offset)
    msg = f"{at}: text holds a lone surrogate {text[offset]!r}, which is not a character"
    hint = "every file innovplan reads and writes is UTF-8"
    raise DocumentError([Problem("", msg, hint)], name)


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
    size = len(data)
    # A character is one to four bytes of UTF-8: encode (a copy) only when that decides.
    if isinstance(data, str) and limits.max_bytes // 4 < size <= limits.max_bytes:
        size = len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise _too_big(size, limits, name)
    if isinstance(data, bytes):
        try:
            # utf-8-sig: spreadsheet programs put a byte-order mark in front.
            return data.decode("utf-8-sig"), name
        except UnicodeDecodeError as exc:
            msg = f"byte {exc.start} is not UTF-8 ({exc.reason})"
            raise DocumentError([Problem("", msg, "save the file as UTF-8")], name) from None
    # Text from bytes is valid UTF-8 already; text given as a str may not be.
    refuse_surrogates(data, name)
    return data.removeprefix("\ufeff"), name


def depth_error(limits: Limits, name: str, at: str = "", *, path: str = "") -> DocumentError:
    """The error of a document nested deeper than ``limits.max_depth``.

    Args:
        limits: The limits the document broke.
        name: The document's file, if any.
        at: Where in the text (``line 2, column 5``), if known.
        path: Where in the document (``goals[0].notes``), if known.

    Example:
        >>> print(depth_error(Limits(max_depth=3), "", "line 2, column 5").problems[0].message)
        line 2, column 5: the document nests deeper than 3 levels (max_depth)
    """
    msg = f"the document nests deeper than {limits.max_depth} levels (max_depth)"
    if at:
        msg = f"{at}: {msg}"
    return DocumentError([Problem(path, msg, "a plan needs fewer than ten levels")], name)


def _deep_path(value: object, limit: int) -> str:
    # Only on the way to an error: the path of the first value nested too deep.
    path: list[str] = []
    item = value
    while isinstance(item, dict | list) and len(path) < limit:
        children = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
        deepest = next(
            ((k, v) for k, v in children if too_deep(v, limit - len(path) - 1)), children[0]
        )
        key, item = deepest
        path.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "".join(path).lstrip(".")


def too_deep(value: object, limit: int) -> bool:
    """Whether *value* nests more than *limit* levels of dicts and lists.

    Example:
        >>> too_deep([[1]], 2), too_deep([[[1]]], 2)
        (False, True)
    """
    # One iterator per open level: memory grows with the depth (bounded), not the size.
    if limit < 0:
        return isinstance(value, dict | list)
    stack: list[Iterator[object]] = [iter((value,))]
    while stack:
        for item in stack[-1]:
            if type(item) is dict or type(item) is list:
                if len(stack) > limit:
                    return True
                stack.append(iter(item.values() if type(item) is dict else item))
                break
        else:
            stack.pop()
    return False


def check_depth(value: object, limits: Limits, name: str) -> None:
    """Refuse a parsed tree deeper than the limit, naming the path to the deep part.

    Example:
        >>> check_depth({"a": [1, {"b": 2}]}, Limits(max_depth=3), "")
        >>> check_depth({"a": [[{"b": 2}]]}, Limits(max_depth=3), "")
        Traceback (most recent call last):
        ...
        innovplan.errors.DocumentError: 1 problem in the document:
          a[0][0]: the document nests deeper than 3 levels (max_depth) (...)
    """
    if too_deep(value, limits.max_depth):
        raise depth_error(limits, name, path=_deep_path(value, limits.max_depth))


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
