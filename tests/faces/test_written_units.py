"""Units that innovplan writes for people read back as the same unit.

pint's short forms include symbols every unit reader refuses as ambiguous:
``kt`` (kilotonne or knot), ``pp`` (percentage point or printer's point),
``bbl``, ``gal`` and ``pt``. The labels of plots and tables write such a unit
by its registry name instead, so the text reads back with ``parse_unit``.
"""

from __future__ import annotations

import re

import attrs
import matplotlib.pyplot as plt
import pytest

from innovplan import Q_
from innovplan.evaluate import assess_many
from innovplan.faces import display_unit, plot_trajectory
from innovplan.faces._table import _target_text
from innovplan.model import Comparator, Indicator, Observation, Target
from innovplan.testing import READ_BACK_UNITS
from innovplan.units import parse_unit, registry

# Units whose written forms are easy to get wrong (kt, bbl, gal, pt, pp, ton),
# shared with the tests of explain().
UNITS = READ_BACK_UNITS


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("unit", UNITS)
def test_display_unit_reads_back(unit):
    scale, label = display_unit(unit)
    assert scale == 1.0
    if unit == "percentage_point":
        # The one label written in words, as the plots always wrote it.
        assert label == "percentage points"
        return
    assert parse_unit(label) == registry().Unit(unit)


@pytest.mark.parametrize("unit", UNITS)
def test_a_plotted_target_of_a_change_reads_back(unit):
    ind = Indicator("x", "emissions", unit=unit, measure="level")
    t = Target("T", ind, Comparator.AT_MOST, Q_(-500, unit), "2027-12-31", basis="change")
    ax = plot_trajectory(t, [Observation("x", Q_(9000, unit), 2020)])
    (label,) = [x.get_text() for x in ax.texts if x.get_text().startswith("target")]
    # The label: the comparator, the value -500 and its unit, then the basis.
    written = re.fullmatch(r"target: ≤ -500 (.+) \(change\)", label)
    assert written is not None, label
    assert parse_unit(written.group(1)) == registry().Unit(unit)


@pytest.mark.parametrize("unit", UNITS)
def test_a_table_value_without_its_target_reads_back(unit):
    ind = Indicator("x", "emissions", unit=unit, measure="level")
    t = Target("T", ind, Comparator.AT_MOST, Q_(500, unit), "2023-12-31")
    a = assess_many([t], [Observation("x", Q_(450, unit), 2023)])[0]
    text = _target_text(attrs.evolve(a, target=None), "en")
    # The value compared with, 500, then its unit.
    number, written = text.split(" ", 1)
    assert float(number) == 500.0
    assert parse_unit(written) == registry().Unit(unit)


def test_short_forms_that_read_back_are_kept():
    # The tonne a year and the kilowatt hour keep pint's symbols.
    assert display_unit("metric_ton / year") == (1.0, "t/a")
    ind = Indicator("x", "emissions", unit="metric_ton", measure="level")
    t = Target("T", ind, Comparator.AT_MOST, Q_(500, "metric_ton"), "2023-12-31")
    a = assess_many([t], [Observation("x", Q_(450, "metric_ton"), 2023)])[0]
    assert _target_text(attrs.evolve(a, target=None), "en") == "500.0 t"
