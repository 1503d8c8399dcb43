"""explain() writes a target's unit so that it reads back as the same unit.

pint's short forms of the kilotonne (``kt``), the barrel (``bbl``), the US
gallon (``gal``), the US pint (``pt``) and the printer's point (``pp``) are
symbols every unit reader refuses as ambiguous; explain() writes those units
by their registry names instead.
"""

from __future__ import annotations

import re

import pytest

from innovplan import Q_
from innovplan.model import Indicator, Target
from innovplan.testing import READ_BACK_UNITS
from innovplan.text import explain
from innovplan.units import parse_unit, registry


# Units whose written forms are easy to get wrong, shared with the tests of the faces.
@pytest.mark.parametrize("unit", READ_BACK_UNITS)
def test_the_unit_explain_writes_reads_back(unit):
    ind = Indicator("co2", "CO2 emissions", unit=unit, measure="level")
    line = explain(Target("T", ind, "at_most", Q_(500, unit), "2027-12-31"))
    written = re.match(r"CO2 emissions ≤ 500 (.+) by 2027-12-31", line)
    assert written is not None, line
    assert parse_unit(written.group(1)) == registry().Unit(unit)


def test_a_refused_symbol_is_not_written():
    ind = Indicator("co2", "CO2 emissions", unit="kilotonne", measure="level")
    line = explain(Target("T", ind, "at_most", Q_(500, "kilotonne"), "2027-12-31"))
    # pint writes the kilotonne "kt", which the readers refuse; the metric
    # tonne a year keeps its symbol "t/a", which reads back.
    assert " kt " not in line
    assert line.startswith("CO2 emissions ≤ 500 kilotonne by 2027-12-31")
    ind = Indicator("co2", "CO2 emissions", unit="metric_ton / year", measure="flow")
    line = explain(Target("T", ind, "at_most", Q_(500, "metric_ton / year"), "2027-12-31"))
    assert line.startswith("CO2 emissions ≤ 500 t/a by 2027-12-31")
