# ruff: noqa: INP001 (a file mkdocstrings loads by path, not a package)
"""A griffe extension for the docs site: read ``Example:`` sections as examples.

innovplan's docstrings head their doctests ``Example:``; griffe's Google parser
reads that title as an admonition (Markdown, where ``['T3']`` is a link) and only
``Examples:`` as doctests. This renames the title before parsing.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_TITLE = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Rename ``Example:`` to ``Examples:`` in every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: ARG002
        """Rewrite the docstring of *obj*, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = _TITLE.sub(r"\1Examples:", obj.docstring.value)
