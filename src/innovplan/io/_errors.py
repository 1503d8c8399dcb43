"""cattrs' exception trees turned into one :class:`DocumentError` with a path per problem.

cattrs (with ``detailed_validation``) raises a tree of exception groups whose
notes name the attribute or index at each level; ``cattrs.transform_error``
walks that tree and builds the ``$.goals[2].targets[0]`` path. Our formatter
adds what only the leaf knows: the model field a :class:`ModelError` names, or
the unknown key of a typo, and a hint. It keeps them aside and hands
transform_error a numbered token instead of a description; the token is
looked up again once the path is known. (Keys in a document may hold any
character, so nothing can be packed into the strings themselves.)
"""

from __future__ import annotations

import ast
import difflib
import re
import reprlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.v import transform_error

from innovplan.errors import DocumentError, InnovplanError, ModelError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "InvalidValueError",
    "ReportedElsewhereError",
    "document_error",
    "expected_words",
    "key_path",
    "problems_from",
    "show",
    "suggest",
]


class InvalidValueError(ValueError):
    """A value in a document is not what its place expects (raised by our hooks).

    Args:
        message: What is wrong.
        hint: How to fix it.
        at: A path suffix below the place the hook was called for (``"['en']"``).

    Example:
        >>> str(InvalidValueError("expected text, got a number", "quote it"))
        'expected text, got a number'
    """

    def __init__(self, message: str, hint: str = "", *, at: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.at = at


class ReportedElsewhereError(ValueError):
    """A place that fails only because of a problem reported where it is.

    A target that names an indicator with problems of its own cannot be
    built, but the problem is the indicator's: it is listed once, there.

    Example:
        >>> problems_from(ReportedElsewhereError("labs"))
        []
    """


_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlevel = 2


def show(value: object) -> str:
    """*value* as a message quotes it: its repr, shortened if long or deep.

    Example:
        >>> show("x" * 100)
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
        >>> show([[[1]]])
        '[[[...]]]'
    """
    if isinstance(value, int) and value.bit_length() > 1000:
        # repr() of an int over 4,300 digits raises; its size says enough.
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    return _REPR.repr(value)


def suggest(word: object, choices: Iterable[str]) -> str:
    """A "did you mean" hint for *word* among *choices*, or ``""``.

    A key that is not text (YAML reads ``1:`` as a number) gets no hint.

    Example:
        >>> suggest("comparatr", ["comparator", "value"])
        "did you mean 'comparator'?"
        >>> suggest(1, ["comparator"])
        ''
    """
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


_Record = tuple[str, str, str]  # path suffix, message, hint


def _field_names(cls: Any) -> list[str]:
    return [a.name for a in attrs.fields(cls)] if attrs.has(cls) else []


def _describe(exc: BaseException, kind: type | None) -> list[_Record]:  # noqa: PLR0911 (one return per kind of leaf)
    if isinstance(exc, ReportedElsewhereError):
        return []
    if isinstance(exc, InvalidValueError):
        return [(exc.at, exc.message, exc.hint)]
    if isinstance(exc, ModelError):
        suffix = f".{exc.field}" if exc.field and not exc.field.startswith("[") else exc.field
        return [(suffix, exc.message, "")]
    if isinstance(exc, ForbiddenExtraKeysError):
        known = _field_names(exc.cl)
        return [
            (
                key_path(key),
                "unknown key",
                suggest(key, known) or f"known keys: {', '.join(known)}",
            )
            for key in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, KeyError):
        return [("", "required key missing", "")]
    if isinstance(exc, InnovplanError):
        return [("", str(exc), "")]
    if isinstance(exc, AttributeError | TypeError) and kind is not None and attrs.has(kind):
        return [("", f"expected an object with keys ({', '.join(_field_names(kind))})", "")]
    # Anything else is the failure of a library beneath; its text means nothing
    # to the writer of the document, so the message says what was expected.
    return [("", f"cannot be read as {expected_words(kind)}", "")]


def expected_words(kind: object) -> str:
    """What a place of type *kind* expects, in the words of a document's writer.

    Example:
        >>> expected_words(float), expected_words(tuple[str, ...])
        ('a number', 'a list')
    """
    import datetime as dt
    import enum

    words = {float: "a number", int: "a whole number", str: "text", dt.date: "a date (YYYY-MM-DD)"}
    named = {
        "Quantity": 'a quantity ({"value": 1450, "unit": "亿元"} or "1450亿元")',
        "Period": "a period such as '2023', '2023-H1' or '2023-12-31'",
    }
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        found = "one of " + ", ".join(str(m.value) for m in kind)
    elif attrs.has(kind):  # type: ignore[arg-type]
        found = f"an object with keys ({', '.join(_field_names(kind))})"
    elif getattr(kind, "__origin__", None) is tuple:
        found = "a list"
    else:
        found = words.get(kind) or named.get(getattr(kind, "__name__", ""), "")  # type: ignore[call-overload]
    return found or "a value of another kind"


def key_path(key: object) -> str:
    """The path suffix of a key: ``.name`` for text, ``[1]`` for a key YAML read as a number.

    Example:
        >>> key_path("tasks"), key_path(1)
        ('.tasks', '[1]')
    """
    return f".{key}" if isinstance(key, str) else f"[{key!r}]"


def _join(path: str, suffix: str) -> str:
    full = path + suffix
    return full.removeprefix("$").removeprefix(".")


def problems_from(exc: BaseException, root: str = "$") -> list[Problem]:
    """The problems in a cattrs exception tree, each with its path in the document.

    Example:
        >>> problems_from(InvalidValueError("bad"), "$.goals[0]")
        [Problem(path='goals[0]', message='bad', hint='')]
    """
    kept: list[list[_Record]] = []

    def describe(leaf: BaseException, kind: type | None) -> str:
        kept.append(_describe(leaf, kind))
        return str(len(kept) - 1)

    problems: list[Problem] = []
    for line in transform_error(exc, root, describe):
        token, _, path = line.partition(" @ ")
        for suffix, message, hint in kept[int(token)]:
            problems.append(Problem(_join(path, suffix), message, hint))
    return problems


def document_error(
    problems: Iterable[Problem], source: str = "", document: object = None
) -> DocumentError:
    """One :class:`DocumentError` for *problems*, without repeats, in document order.

    With the parsed *document*, problems are listed in the order their places
    come in it (a problem at ``id`` before one at ``goals[0]``), whatever the
    order the checks ran in; problems at the same place keep their order.

    Example:
        >>> print(document_error([Problem("id", "missing")] * 2))
        1 problem in the document:
          id: missing
        >>> doc = {"id": "a b", "notes": 3, "goals": [{"id": "G1"}]}
        >>> print(document_error([Problem("goals[0].id", "late"), Problem("notes", "number"),
        ...                       Problem("id", "space")], document=doc))
        3 problems in the document:
          id: space
          notes: number
          goals[0].id: late
    """
    unique = list(dict.fromkeys(problems))
    if document is not None:
        unique.sort(key=lambda problem: _position(problem.path, document))
    return DocumentError(unique, source)


# A path step: ``.name`` (or a leading ``name``), ``[3]``, or a key YAML read as
# something else than text, written as its repr (``[1]``, ``['a.b']``).
_STEP = re.compile(r"\.?(?P<name>[^.\[\]]+)|\[(?P<key>[^\]]*)\]")


def _position(path: str, document: object) -> tuple[int, ...]:
    """Where *path* is in *document*: the index of each step among its siblings.

    A step the document does not hold (a missing key, a key that the path
    suffix of a hook names) sorts after the keys that are there.
    """
    position: list[int] = []
    node = document
    for match in _STEP.finditer(path):
        step: object = match.group("name")
        if step is None:
            try:
                step = ast.literal_eval(match.group("key"))
            except (ValueError, SyntaxError):
                step = match.group("key")
        if isinstance(node, Mapping):
            keys = list(node)
            if step not in keys:
                position.append(len(keys))
                break
            position.append(keys.index(step))
            node = node[step]
        elif isinstance(node, list | tuple) and isinstance(step, int) and 0 <= step < len(node):
            position.append(step)
            node = node[step]
        else:
            position.append(len(node) if isinstance(node, list | tuple) else 0)
            break
    return tuple(position)
