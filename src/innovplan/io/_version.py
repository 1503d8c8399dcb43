"""The version of the document format, and the upgrade of documents of older versions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from innovplan.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["FORMAT_VERSION", "UPGRADES", "check_version"]

FORMAT_VERSION = "1.0"
_MAJOR = 1

# Documents written by older format versions are upgraded step by step, each
# function taking the document of its version to the next one. 1.0 is the
# first published version, so there is nothing to upgrade yet.
UPGRADES: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


def check_version(data: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    """Check the document's ``format_version`` and upgrade an older document.

    Returns:
        The document in the current version without its version key, or
        ``None`` when the version cannot be read (a problem was added).

    Example:
        >>> check_version({"format_version": "1.0", "id": "x"}, [])
        {'id': 'x'}
    """
    doc = dict(data)
    if "format_version" not in doc:
        hint = f'add "format_version": "{FORMAT_VERSION}"'
        problems.append(Problem("format_version", "required key missing", hint))
        return None
    raw = doc.pop("format_version")
    # YAML and TOML read an unquoted 1.0 as a number.
    version = str(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else raw
    match = re.fullmatch(r"(\d+)(?:\.(\d+))?", version) if isinstance(version, str) else None
    if match is None:
        msg = f"expected a version such as {FORMAT_VERSION!r}, got {raw!r}"
        problems.append(Problem("format_version", msg))
        return None
    major, minor = int(match[1]), int(match[2] or 0)
    if (major, minor) > (_MAJOR, 0):
        msg = f"version {version} was written by a newer innovplan; this one reads {FORMAT_VERSION}"
        problems.append(Problem("format_version", msg, "upgrade innovplan"))
        return None
    version = f"{major}.{minor}"
    while version != FORMAT_VERSION:
        if version not in UPGRADES:
            msg = f"version {version} is not a known version of the format"
            problems.append(Problem("format_version", msg, f"write {FORMAT_VERSION!r}"))
            return None
        version, upgrade = UPGRADES[version]
        doc = upgrade(doc)
    return doc
