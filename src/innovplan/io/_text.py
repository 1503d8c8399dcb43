"""Targets written as their wording only (``"text": "高新技术企业突破13000家"``).

The phrase is read by :func:`innovplan.text.parse_target`; the keys written
next to ``text`` (``id``, ``indicator``, ``deadline``, ...) win over what the
phrase gives. Without the phrase layer the document gets a clear problem.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from innovplan.errors import InnovplanError
from innovplan.io._errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

    from cattrs import Converter

    from innovplan.model import Target

__all__ = ["target_from_text"]

# What the document says next to the text that helps reading the phrase.
_CONTEXT_KEYS = ("id", "indicator", "deadline")


def target_from_text(
    conv: Converter, data: dict[str, Any], structure: Callable[[Any, Any], Target]
) -> Target:
    """Read the target of *data*, whose ``text`` holds its wording.

    Raises:
        InvalidValueError: The phrase layer is missing, or the phrase yields no target.
    """
    from innovplan.io._classes import resolve_indicator
    from innovplan.model import Target

    text = data.pop("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidValueError(f"expected the target's wording as text, got {text!r}", at=".text")
    try:
        # Imported by name: the phrase layer is a sibling that may not be installed.
        parse_target = importlib.import_module("innovplan.text").parse_target
    except (ImportError, AttributeError):
        msg = "reading a target from its wording needs innovplan.text, which is not available"
        hint = "write comparator, value and deadline instead"
        raise InvalidValueError(msg, hint, at=".text") from None
    context: dict[str, Any] = {k: data[k] for k in _CONTEXT_KEYS if k in data}
    if "indicator" in context:
        context["indicator"] = resolve_indicator(conv, context["indicator"])
    try:
        parsed = parse_target(text, **context)
    except (InnovplanError, TypeError, ValueError) as exc:
        raise InvalidValueError(f"cannot read a target from {text!r}: {exc}", at=".text") from None
    if not isinstance(parsed, Target):
        raise InvalidValueError(
            f"the wording gave {type(parsed).__name__}, not a target", at=".text"
        )
    # The phrase gives comparator, value, wording...; the document's own keys win.
    merged: dict[str, Any] = conv.unstructure(parsed)
    merged.update(data)
    merged["indicator"] = indicator = context.get("indicator", parsed.indicator)
    baseline = merged.get("baseline")
    if isinstance(baseline, dict):
        baseline.setdefault("indicator", indicator.id)
    return structure(merged, Target)
