"""Unit texts whose written forms are easy to get wrong, for tests of writers.

Example:
    >>> from innovplan.testing import READ_BACK_UNITS
    >>> from innovplan.units import parse_unit, registry, short_form
    >>> units = [registry().Unit(u) for u in READ_BACK_UNITS]
    >>> all(parse_unit(short_form(u, "~")) == u for u in units)
    True
"""

from __future__ import annotations

from typing import Final

__all__ = ["READ_BACK_UNITS"]

#: Units a writer of labels (a report, a plot, a table, a one-line explanation)
#: must write so that :func:`innovplan.units.parse_unit` reads the text back as
#: the same unit. pint's short forms of the first eight are symbols the unit
#: rule refuses as ambiguous (``kt``, ``bbl``, ``gal``, ``pt``, ``pp``), and
#: pint's name of the short ton, ``ton``, is refused too (China's yearbooks
#: write "tons" for the metric tonne), as is its name of the 31.5-gallon
#: barrel, ``barrel`` (oil's is 42); the tonne and the megatonne keep their
#: symbols ``t`` and ``Mt``, which read back.
READ_BACK_UNITS: Final = (
    "kilotonne",
    "kilotonne / year",
    "oil_barrel",
    "percentage_point",
    "US_liquid_barrel",
    "US_liquid_gallon",
    "US_pint",
    "printers_point",
    "short_ton",
    "short_ton / year",
    "metric_ton",
    "megatonne",
)
