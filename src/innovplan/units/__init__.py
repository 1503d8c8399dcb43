"""Units of plans: currencies, counts of things, shares and per-capita scales.

Everything here uses one pint registry, :func:`registry`, built on first use.
Text is read into quantities by :func:`parse_quantity` and unit text by
:func:`parse_unit`, the one reader of units (also behind the registry's own
``Quantity(1, text)``); ``docs/units.md`` lists the vocabulary and the grammar.

Example:
    >>> from innovplan.units import parse_quantity, registry
    >>> q = registry().Quantity(120, "万平方米")
    >>> q.to("m**2")
    <Quantity(1200000.0, 'meter ** 2')>
    >>> parse_quantity("120万平方米") == q
    True
"""

from innovplan.units._counting import as_count
from innovplan.units._format import (
    format_change,
    format_figure,
    format_magnitude,
    format_magnitudes,
    format_number,
    format_per_year,
    format_percent,
    format_percents,
    format_quantity,
    format_rate,
    split_magnitudes,
    split_quantity,
    unit_text,
)
from innovplan.units._grammar import MAX_DEPTH, MAX_POWER, MAX_UNIT_LENGTH, parse_unit
from innovplan.units._numbers import normalise, read_exact_number, to_python_number
from innovplan.units._parse import parse_quantity, read_quantity
from innovplan.units._percent import percentage_points, to_percent
from innovplan.units._registry import (
    COUNTABLE_DIMENSIONS,
    Quantity,
    Unit,
    adopt,
    is_countable,
    is_percent_like,
    make_quantity,
    quantity_maker,
    registry,
)
from innovplan.units._vocabulary import (
    COUNT_WORDS,
    PERSON_SCALES,
    REFUSED_SPELLINGS,
    SYMBOLS,
    WRITTEN_UNITS,
    registry_name,
)
from innovplan.units._written import short_form

__all__ = [
    "COUNTABLE_DIMENSIONS",
    "COUNT_WORDS",
    "MAX_DEPTH",
    "MAX_POWER",
    "MAX_UNIT_LENGTH",
    "PERSON_SCALES",
    "REFUSED_SPELLINGS",
    "SYMBOLS",
    "WRITTEN_UNITS",
    "Quantity",
    "Unit",
    "adopt",
    "as_count",
    "format_change",
    "format_figure",
    "format_magnitude",
    "format_magnitudes",
    "format_number",
    "format_per_year",
    "format_percent",
    "format_percents",
    "format_quantity",
    "format_rate",
    "is_countable",
    "is_percent_like",
    "make_quantity",
    "normalise",
    "parse_quantity",
    "parse_unit",
    "percentage_points",
    "quantity_maker",
    "read_exact_number",
    "read_quantity",
    "registry",
    "registry_name",
    "short_form",
    "split_magnitudes",
    "split_quantity",
    "to_percent",
    "to_python_number",
    "unit_text",
]
