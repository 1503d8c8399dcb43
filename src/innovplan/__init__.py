"""innovplan: public plans with quantified targets, their attainment and their trajectory.

Example:
    >>> import innovplan
    >>> print(innovplan.parse_quantity("1450亿元").to("yuan"))
    145000000000.0 yuan
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from innovplan import errors
from innovplan._version import __version__

if TYPE_CHECKING:
    import pint

    from innovplan import datasets
    from innovplan import engine as engine
    from innovplan import io as io
    from innovplan import model as model
    from innovplan import text as text
    from innovplan import units as units
    from innovplan.evaluate import (
        assess,
        assess_many,
        evaluate,
        forecast,
        forecast_many,
        progress,
    )
    from innovplan.io import dump, dump_observations, json_schema, load, load_observations
    from innovplan.model import (
        Area,
        Comparator,
        Direction,
        Goal,
        Indicator,
        Measure,
        Nature,
        Observation,
        Plan,
        Series,
        Status,
        Target,
        Task,
    )
    from innovplan.text import parse_target, parse_targets
    from innovplan.units import Quantity, parse_quantity

    ureg: pint.UnitRegistry[Any]
    Q_: type[Quantity]

__all__ = [
    "Q_",
    "Area",
    "Comparator",
    "Direction",
    "Goal",
    "Indicator",
    "Measure",
    "Nature",
    "Observation",
    "Plan",
    "Series",
    "Status",
    "Target",
    "Task",
    "__version__",
    "assess",
    "assess_many",
    "datasets",
    "dump",
    "dump_observations",
    "errors",
    "evaluate",
    "forecast",
    "forecast_many",
    "json_schema",
    "load",
    "load_observations",
    "parse_quantity",
    "parse_target",
    "parse_targets",
    "progress",
    "ureg",
]

# Where each public name lives. ``import innovplan`` loads none of these:
# together they import pint, numpy, attrs and cattrs and define some three
# hundred classes and functions, about twice what ``import pint`` costs. A name
# loads its own layer (and the layers below it) the first time it is used.
_HOMES = {
    "parse_quantity": "innovplan.units",
    **dict.fromkeys(
        (
            "Area",
            "Comparator",
            "Direction",
            "Goal",
            "Indicator",
            "Measure",
            "Nature",
            "Observation",
            "Plan",
            "Series",
            "Status",
            "Target",
            "Task",
        ),
        "innovplan.model",
    ),
    **dict.fromkeys(("parse_target", "parse_targets"), "innovplan.text"),
    **dict.fromkeys(
        ("assess", "assess_many", "evaluate", "forecast", "forecast_many", "progress"),
        "innovplan.evaluate",
    ),
    **dict.fromkeys(
        ("dump", "dump_observations", "json_schema", "load", "load_observations"),
        "innovplan.io",
    ),
}
# Subpackages that ``import innovplan`` used to load and so made attributes of
# the package: they stay reachable as ``innovplan.model`` and so on.
_SUBPACKAGES = frozenset({"datasets", "engine", "io", "model", "text", "units"})


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f"innovplan.{name}")
    elif name in {"ureg", "Q_"}:
        # The registry costs a third of a second to build; it is built once,
        # under a lock, by whichever thread asks first.
        from innovplan.units import registry

        return registry() if name == "ureg" else registry().Quantity
    else:
        msg = f"module 'innovplan' has no attribute {name!r}"
        raise AttributeError(msg)
    # Later look-ups find the name without calling this function. Threads that
    # race here store the same object: the import system runs a module once.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBPACKAGES)


class _Package(types.ModuleType):
    # The function innovplan.evaluate shares its name with the subpackage that
    # defines it. Whenever that subpackage is first imported (by this module's
    # __getattr__, by ``from innovplan.evaluate import ...`` or by another layer),
    # the import system sets it as the package's attribute ``evaluate``; keep the
    # public function there instead, so ``innovplan.evaluate(plan, obs)`` works
    # in every order of first use and in every thread.
    def __setattr__(self, name: str, value: object) -> None:
        if name == "evaluate" and isinstance(value, types.ModuleType):
            value = value.evaluate
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
