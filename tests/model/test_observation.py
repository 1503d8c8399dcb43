import datetime as dt

import pytest

from innovplan import Q_
from innovplan.errors import ModelError
from innovplan.model import Bound, Observation, Period, Series, Source


def obs(value, period, released=None, indicator="hte", unit="enterprise", **kw):
    return Observation(indicator, Q_(value, unit), period, released=released, **kw)


def test_observation_reads_periods_and_dates():
    o = obs(14500, "2023-12-31", "2024-01-18", source=Source("GWR 2024", quote="总量达1.45万家"))
    assert o.period == Period.at("2023-12-31")
    assert o.released == dt.date(2024, 1, 18)
    assert o.bound is Bound.EXACT
    assert o.source.quote == "总量达1.45万家"


def test_bound_from_its_value():
    assert obs(12000, "2022-12-31", bound="at_least").bound is Bound.AT_LEAST


def test_bad_bound_names_the_field_and_valid_values():
    with pytest.raises(ModelError, match=r"Observation 'hte'\.bound: 'over' is not one of exact"):
        obs(1, 2023, bound="over")


def test_negative_count_is_refused():
    with pytest.raises(ModelError, match=r"Observation 'hte'\.value: a count cannot be negative"):
        obs(-1, 2023)


def test_negative_money_is_allowed():
    # A loss or a net outflow is a real observation; only counts of things cannot be negative.
    assert obs(-5, 2023, unit="yuan").value.magnitude == -5


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_magnitude_is_refused(bad):
    with pytest.raises(ModelError, match="must be finite"):
        obs(bad, 2023, unit="yuan")


def test_value_must_carry_a_unit():
    with pytest.raises(ModelError, match="expected a quantity with a unit"):
        Observation("hte", 14500, "2023-12-31")


def test_string_value_is_read_as_a_quantity():
    o = Observation("turnover", "2198.43 hundred_million_yuan", 2023)
    assert str(o.value.units) == "hundred_million_yuan"
    # 2198.43 × 1e8 in binary floating point is within one ulp of 2.19843e11.
    assert o.value.to("yuan").magnitude == pytest.approx(2.19843e11, rel=1e-15)


def test_observation_from_foreign_registry_is_adopted():
    import pint

    theirs = pint.UnitRegistry().Quantity(3, "km")
    o = Observation("road", theirs, 2023)
    assert o.value.to("m").magnitude == 3000
    assert isinstance(o.value, type(Q_(1, "m")))


class TestSeries:
    def test_sorted_orders_by_period_then_release(self):
        a = obs(4.5, 2022, "2023-01-05", indicator="g", unit="percent")
        b = obs(4.0, 2022, "2023-06-30", indicator="g", unit="percent")
        c = obs(5.7, 2023, "2024-03-01", indicator="g", unit="percent")
        s = Series.sorted([c, b, a])
        assert list(s) == [a, b, c]
        assert s[0] is a
        assert len(s) == 3

    def test_unsorted_input_is_refused_and_points_to_sorted(self):
        with pytest.raises(ModelError, match=r"not in time order .* use Series\.sorted"):
            Series("hte", [obs(2, "2023-12-31"), obs(1, "2022-12-31")])

    def test_mixed_dimensions_are_refused(self):
        with pytest.raises(ModelError, match=r"observations\[1\]: unit yuan has dimension"):
            Series.sorted([obs(1, 2022), obs(2, 2023, unit="yuan")])

    def test_other_indicator_is_refused(self):
        with pytest.raises(ModelError, match="belongs to indicator 'x', not 'hte'"):
            Series("hte", [obs(1, 2022, indicator="x")])

    def test_same_period_same_release_twice_is_refused(self):
        with pytest.raises(ModelError, match="released 2024-01-18 appears twice"):
            Series.sorted([obs(1, 2023, "2024-01-18"), obs(2, 2023, "2024-01-18")])

    def test_same_period_different_unit_same_dimension_is_fine(self):
        s = Series.sorted(
            [
                obs(1450, 2022, unit="hundred_million_yuan", indicator="t"),
                obs(2.2e11, 2023, unit="yuan", indicator="t"),
            ]
        )
        assert len(s) == 2

    def test_latest_keeps_the_last_release_known_on_a_date(self):
        # Wuhan's 2022 GDP growth: estimated about 4.5 % in January, 4.0 % final.
        early = obs(4.5, 2022, "2023-01-05", indicator="g", unit="percent")
        final = obs(4.0, 2022, "2023-06-30", indicator="g", unit="percent")
        s = Series.sorted([early, final])
        assert [o.value.magnitude for o in s.latest()] == [4.0]
        assert [o.value.magnitude for o in s.latest(as_of="2023-03-01")] == [4.5]
        assert len(s.latest(as_of="2022-12-01")) == 0

    def test_undated_release_counts_from_period_end(self):
        s = Series("hte", [obs(9145, "2021-12-31")])
        assert len(s.latest(as_of="2021-12-31")) == 1
        assert len(s.latest(as_of="2021-12-30")) == 0

    def test_for_period(self):
        s = Series.sorted([obs(1, "2022-12-31"), obs(2, "2023-12-31")])
        assert s.for_period("2023-12-31").value.magnitude == 2
        assert s.for_period(2023) is None

    def test_empty_series_needs_an_indicator(self):
        assert len(Series.sorted([], indicator="hte")) == 0
        with pytest.raises(ModelError, match="no observations and no indicator"):
            Series.sorted([])
