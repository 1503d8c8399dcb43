"""Which parts of auto's rule apply to a series (``auto_parts``), and the constants named."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovplan.engine import AUTO_RULE, auto, auto_members, auto_parts
from innovplan.errors import EvaluationError


def _parts(y: list[float], ahead: float = 1.0) -> tuple[bool, bool, bool, bool, int, float]:
    t = np.arange(float(len(y)))
    p = auto_parts(t, np.array(y), [0, len(y)], [len(y) - 1 + ahead])
    return (
        bool(p.positive[0]),
        bool(p.smoothed[0]),
        bool(p.slowed[0]),
        bool(p.steady[0]),
        int(p.window[0]),
        float(p.level[0]),
    )


def test_smoothed_from_13_points_is_the_member_the_kernel_uses() -> None:
    # 1 in 12 years, then e (13 points): Holt's growth on logs, level 0.9 * 1 =
    # 0.9 and slope 0.12 * 0.9 = 0.108 at the last point, says exp(1.008) = 2.74 a
    # year ahead. Without the first point (12 points) the member is the growth
    # since the first point, e * exp(1 / 11) = exp(1 + 1 / 11) = 2.98.
    assert AUTO_RULE.smoothed_from == 13
    y = [1.0] * 12 + [math.e]
    assert _parts(y)[1]
    growth = float(auto_members(np.arange(13.0), np.array(y), [0, 13], [13.0])[2][0])
    assert growth == pytest.approx(math.exp(1.008), rel=1e-12)
    assert not _parts(y[1:])[1]
    growth = float(auto_members(np.arange(12.0), np.array(y[1:]), [0, 12], [12.0])[2][0])
    assert growth == pytest.approx(math.exp(1.0 + 1.0 / 11.0), rel=1e-12)


def test_slowed_and_steady_by_hand() -> None:
    # 10, 14, 18, 20, 20, 21, 20, 21: 11 / 7 = 1.571 a year since the first
    # point, (21 - 18) / 5 = 0.6 over the last 5 intervals, below 0.4 * 1.571
    # = 0.629: slowed; it fell once, so no steady growth.
    assert AUTO_RULE.slowed == 0.4
    slowed = _parts([10.0, 14, 18, 20, 20, 21, 20, 21])
    assert slowed[:5] == (True, False, True, False, 5)
    assert math.isnan(slowed[5])  # positive: no level factor
    # 10, 14, 18, 20, 21, 22, 23, 24: 14 / 7 = 2 a year, (24 - 18) / 5 = 1.2
    # over the window, 0.6 of it (at least 0.4): not slowed. It rose every
    # year, but its growth over the window, ln(24 / 18) / 5 = 0.0575, is below
    # 0.8 of its growth since the first point, 0.8 ln(2.4) / 7 = 0.1001: not
    # steady.
    assert _parts([10.0, 14, 18, 20, 21, 22, 23, 24])[:5] == (True, False, False, False, 5)
    # 4 points: the window is min(5, 4 - 1) = 3 intervals.
    assert _parts([1.0, 2.0, 3.0, 4.0])[4] == 3


def test_slowed_is_the_growth_member_the_kernel_damps() -> None:
    # The slowed series above: its growth member a year ahead steps
    # 0.5 / (1 - 0.5) (1 - 0.5) = 0.5 years of its trend on logs,
    # 21 exp(0.5 ln(21 / 10) / 7) = 22.14, not 21 exp(ln(2.1) / 7) = 23.33.
    t = np.arange(8.0)
    y = np.array([10.0, 14, 18, 20, 20, 21, 20, 21])
    growth = float(auto_members(t, y, [0, 8], [8.0])[2][0])
    assert growth == pytest.approx(21.0 * math.exp(0.5 * math.log(2.1) / 7.0), rel=1e-12)
    assert round(growth, 2) == 22.14


def test_level_factor_by_hand() -> None:
    # y = 0, 2, 3, 5, 8, 10, 13, 16 at t = 0..7, two years ahead (t = 9): a
    # zero and none negative, so no logs. It rose in each of its last 3
    # intervals and its average change over the last 5, (16 - 3) / 5 = 2.6, is
    # at least 0.8 of its mean change since the first point, 0.8 * 16 / 7 =
    # 1.829: a steady rise, the average change stands in for the latest value
    # and every member keeps its whole step. Members at t = 9: average change
    # 16 + 2 * 2.6 = 21.2 (twice), drift 16 + 2 * 16 / 7 = 20.571429, the
    # least-squares line (tbar 3.5, ybar 57 / 8 = 7.125, Sxy 95.5, Sxx 42,
    # slope 2.273810) 7.125 + 2.273810 * 5.5 = 19.630952. Middle two 20.571429
    # and 21.2: median 20.885714, level factor 20.885714 / 16 = 1.305357.
    t = np.arange(8.0)
    y = np.array([0.0, 2, 3, 5, 8, 10, 13, 16])
    p = auto_parts(t, y, [0, 8], [9.0])
    assert not p.positive[0]
    assert p.steady[0]
    assert not p.slowed[0]
    assert float(p.level[0]) == pytest.approx(20.885714 / 16.0, abs=1e-6)
    assert float(auto(t, y, [0, 8], [9.0]).point[0]) == pytest.approx(20.885714, abs=1e-6)


def test_level_factor_is_one_below_the_latest_value() -> None:
    # y = 5, 0, 4, 3, 2, 1: a zero, none negative, latest 1. Drift and the
    # average change over 5 intervals both say 1 - 0.8 = 0.2 a year ahead; the
    # least-squares line (tbar 2.5, ybar 2.5, Sxy -7.5, Sxx 17.5) says
    # 2.5 - 7.5 / 17.5 * 3.5 = 1.0. Middle two 0.2 and 1.0: 0.6, and drawn
    # toward the latest value 1 by any share it is still at most 1: the factor
    # is max(1, point / 1) = 1.
    assert _parts([5.0, 0, 4, 3, 2, 1])[5] == 1.0


@pytest.mark.parametrize(
    "y",
    [
        [1.0, 2.0, 3.0, 4.0],  # positive: on logs
        [-1.0, 0.0, 2.0, 3.0],  # a negative value
        [0.0, 1.0, 2.0, 0.0],  # latest value 0: no ratio to it
    ],
)
def test_no_level_factor_outside_its_series(y: list[float]) -> None:
    assert math.isnan(_parts(y)[5])


def test_parts_of_a_batch_are_each_series_own() -> None:
    # Three series in one call give what each gives alone.
    ys = [[10.0, 14, 18, 20, 20, 21, 20, 21], [0.0, 2, 3, 5, 8, 10, 13, 16], [5.0, 0, 4, 3, 2, 1]]
    t = np.concatenate([np.arange(float(len(y))) for y in ys])
    ptr = np.cumsum([0] + [len(y) for y in ys])
    horizons = [len(y) for y in ys]
    both = auto_parts(t, np.concatenate(ys), ptr, horizons)
    for j, y in enumerate(ys):
        alone = _parts(y)
        got = (
            bool(both.positive[j]),
            bool(both.smoothed[j]),
            bool(both.slowed[j]),
            bool(both.steady[j]),
            int(both.window[j]),
        )
        assert got == alone[:5]
        level = float(both.level[j])
        if j == 0:  # positive: no level factor
            assert math.isnan(level)
            assert math.isnan(alone[5])
        else:
            assert level == alone[5]


def _gap(t: list[float]) -> bool:
    y = np.arange(1.0, len(t) + 1.0)
    return bool(auto_parts(np.array(t), y, [0, len(t)], [t[-1] + 1.0]).gap[0])


def test_gap_on_a_yearly_series_with_a_hole() -> None:
    # Steps 1, 1, 3, 1: median 1, and 3 > 1.5 x 1 is a gap; steps 1, 1, 1 are none.
    assert _gap([2015.0, 2016.0, 2017.0, 2020.0, 2021.0])
    assert not _gap([2015.0, 2016.0, 2017.0, 2018.0])
    # Steps 1 and 2: the median of two is their mean, 1.5; 2 > 2.25 is false.
    assert not _gap([2015.0, 2016.0, 2018.0])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=1990, max_value=2040, allow_nan=False), min_size=2,
                max_size=12, unique=True))  # fmt: skip
def test_gap_reads_the_median_as_numpy(t: list[float]) -> None:
    # A spacing over 1.5 times the median spacing, as numpy's median reads it.
    t = sorted(t)
    d = np.diff(np.array(t))
    assert _gap(t) is bool(np.any(d > 1.5 * np.median(d)))


@pytest.mark.parametrize("y", [[5.0] * 5, [0.0] * 4, [3.0, 4.0, 2.0, 3.0], [5.0] * 14])
def test_a_series_with_no_change_since_its_first_point_is_not_explained_as_damped(
    y: list[float],
) -> None:
    # The kernel's slowdown test reads c * cw <= 0 as "the other sign", which
    # holds for c = 0 (the last value equals the first): the growth member is
    # then flat, 0.5 x 0 is 0, and the damping changes nothing to explain.
    # 14 equal values: Holt's trend is 0 too.
    t = np.arange(float(len(y)))
    p = auto_parts(t, np.array(y), [0, len(y)], [len(y) + 1.0])
    assert not bool(p.slowed[0])


def test_a_slowed_growth_with_a_trend_is_still_explained_as_damped() -> None:
    # 1, 2, 4, 8, 8, 8, 8, 8, 8: change since the first point 7/8 a year on the
    # values, over the last 5 intervals 0 < 0.4 x 7/8: slowed, and the growth
    # on logs (log 8 / 8 a year) is there to damp.
    t = np.arange(9.0)
    y = np.array([1.0, 2, 4, 8, 8, 8, 8, 8, 8])
    assert bool(auto_parts(t, y, [0, 9], [10.0]).slowed[0])


@pytest.mark.parametrize("h_t", [[3.0, 4.0], [[3.0]], []])
def test_one_horizon_time_per_series(h_t: list[object]) -> None:
    with pytest.raises(EvaluationError, match=r"one horizon time per series: 1 series"):
        auto_parts(np.arange(4.0), np.arange(1.0, 5.0), [0, 4], h_t)
