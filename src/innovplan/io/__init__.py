"""Plan and observation documents: JSON, YAML and TOML, CSV and SDMX-CSV.

Anything :func:`dump` writes, :func:`load` reads back equal; a document with
problems raises one :class:`innovplan.errors.DocumentError` listing each
problem with its path (``goals[0].targets[1].value: ...``). YAML needs the
``yaml`` extra, writing TOML the ``toml`` extra, sdmx1 messages the ``sdmx``
extra; each is imported only when used. The format is described in
``docs/files.md``, and the limits every document is read within
(:data:`MAX_BYTES`, :data:`MAX_DEPTH`, :data:`MAX_DIGITS`,
:data:`MAX_EXPANSION`) in its "Limits" section.

Example:
    >>> from innovplan import Q_
    >>> from innovplan.io import dump, load
    >>> from innovplan.model import Comparator, Goal, Indicator, Measure, Plan, Target
    >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
    >>> t8 = Target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
    >>> plan = Plan("p", "P", start="2023-01-01", end="2023-12-31",
    ...             goals=[Goal("G1", "enterprises", targets=[t8])])
    >>> load(dump(plan, fmt="yaml")) == plan
    True
"""

from innovplan.io._api import (
    dump,
    dump_observations,
    from_dict,
    load,
    load_observations,
    to_dict,
)
from innovplan.io._converter import FORMAT_VERSION, converter
from innovplan.io._csv import COLUMNS as OBSERVATION_COLUMNS
from innovplan.io._csv import parse_number
from innovplan.io._errors import problems_from, suggest
from innovplan.io._results import results_schema, results_to_dict, results_to_json
from innovplan.io._safety import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, MAX_EXPANSION
from innovplan.io._schema import json_schema
from innovplan.io._sdmx import BREAKDOWNS as SDMX_BREAKDOWNS
from innovplan.io._sdmx import UNIT_CODES as SDMX_UNIT_CODES

__all__ = [
    "FORMAT_VERSION",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPANSION",
    "OBSERVATION_COLUMNS",
    "SDMX_BREAKDOWNS",
    "SDMX_UNIT_CODES",
    "converter",
    "dump",
    "dump_observations",
    "from_dict",
    "json_schema",
    "load",
    "load_observations",
    "parse_number",
    "problems_from",
    "results_schema",
    "results_to_dict",
    "results_to_json",
    "suggest",
    "to_dict",
]
