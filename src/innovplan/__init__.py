"""innovplan: public plans with quantified targets, their attainment and their trajectory.

Example:
    >>> import innovplan
    >>> print(innovplan.parse_quantity("1450亿元").to("yuan"))
    145000000000.0 yuan
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from innovplan import errors
from innovplan._version import __version__
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
from innovplan.units import parse_quantity

if TYPE_CHECKING:
    import pint

    from innovplan import datasets
    from innovplan.units import Quantity

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


def __getattr__(name: str) -> Any:
    # The registry costs a third of a second to build and the datasets read
    # package files: both wait until someone asks for them.
    if name == "ureg":
        from innovplan.units import registry

        return registry()
    if name == "Q_":
        from innovplan.units import registry

        return registry().Quantity
    if name == "datasets":
        import importlib

        return importlib.import_module("innovplan.datasets")
    msg = f"module 'innovplan' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
