"""Optional packages, imported on first use with an error that names the extra."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from innovplan.errors import MissingDependencyError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["require"]


def require(module: str, *, package: str, extra: str, purpose: str) -> ModuleType:
    """Import *module*, or raise :class:`MissingDependencyError` naming the extra.

    Args:
        module: The module to import (``"matplotlib.pyplot"``).
        package: The distribution that provides it (``"matplotlib"``).
        extra: innovplan's extra that installs it (``"plot"``).
        purpose: What needs it, as the subject of "need" (``"plots"``).

    Returns:
        The module.

    Raises:
        MissingDependencyError: The package is not installed.

    Example:
        >>> require("json", package="json", extra="none", purpose="examples").__name__
        'json'
        >>> require("no_such_module_here", package="nope", extra="nope", purpose="dreams")
        Traceback (most recent call last):
        ...
        innovplan.errors.MissingDependencyError: dreams need ... pip install 'innovplan[nope]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(package, extra, purpose) from None
