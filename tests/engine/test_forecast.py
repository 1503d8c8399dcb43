"""Forecast kernels on small series computed by hand, and bad input."""

import numpy as np
import pytest

from innovplan.engine import _forecast
from innovplan.engine._forecast import (
    Method,
    Outcome,
    Reason,
    auto,
    auto_members,
    average_change,
    damped,
    drift,
    linear,
    loglinear,
    prob_above,
    theta,
    ytd,
)
from innovplan.errors import EvaluationError


def test_drift_by_hand():
    # y = 10, 12, 13, 15 in 2019-2022: c = (15 - 10) / 3 = 5/3; point 2023 = 16.6667.
    # Increments 2, 1, 2: sigma2 = ((1/3)^2 + (2/3)^2 + (1/3)^2) / (4 - 2) = 1/3;
    # var(h=1) = 1/3 * (1 + 1/3) = 4/9, scale 2/3, df 2; t(0.9, 2) = 1.885618.
    fc = drift([2019.0, 2020, 2021, 2022], [10.0, 12, 13, 15], [0, 4], [2023.0], calibrate=False)
    assert fc.point[0] == pytest.approx(50 / 3)
    assert fc.scale[0] == pytest.approx(2 / 3)
    assert fc.df[0] == 2
    assert fc.upper[0] == pytest.approx(50 / 3 + 1.885618 * 2 / 3, abs=1e-6)
    assert fc.status[0] == Outcome.OK
    assert prob_above(fc, fc.point)[0] == pytest.approx(0.5)


def test_linear_by_hand():
    # t = 0..3, y = 1, 3, 4, 6: tbar 1.5, Sxx 5, Sxy 8, slope 1.6, intercept 1.1; at t = 4: 7.5.
    # Residuals -0.1, 0.3, -0.3, 0.1: SSE 0.2, s2 0.1; var = 0.1 (1 + 1/4 + 2.5^2/5) = 0.25.
    fc = linear([0.0, 1, 2, 3], [1.0, 3, 4, 6], [0, 4], [4.0], calibrate=False)
    assert fc.point[0] == pytest.approx(7.5)
    assert fc.scale[0] == pytest.approx(0.5)
    assert fc.df[0] == 2


def test_linear_handles_gaps():
    # Unequal spacing: points at 0, 1, 4 on y = 2 + 3 t exactly -> 2 + 3 * 6 = 20 at t = 6.
    fc = linear([0.0, 1, 4], [2.0, 5, 14], [0, 3], [6.0], calibrate=False)
    assert fc.point[0] == pytest.approx(20.0)


def test_loglinear_by_hand():
    # 100, 110, 121: exactly 10 % a year -> 121 * 1.1^2 = 146.41 at t = 4, zero spread flagged.
    fc = loglinear([0.0, 1, 2], [100.0, 110, 121], [0, 3], [4.0], calibrate=False)
    assert fc.point[0] == pytest.approx(146.41)
    assert fc.log_space[0]
    assert fc.reason[0] & Reason.ZERO_SPREAD


def test_average_change_by_hand():
    # Destatis: last five intervals 2016-2021: (20 - 10) / 5 = 2 a year; 2023: 20 + 2 * 2 = 24.
    t = np.arange(2015.0, 2022.0)
    y = np.array([9.0, 10, 12, 13, 15, 16, 20])
    fc = average_change(t, y, [0, 7], [2023.0], calibrate=False)
    assert fc.point[0] == pytest.approx(24.0)
    # Relative: (20 / 10)^(1/5) a year -> 20 * 2^(2/5) = 26.3902.
    fc = average_change(t, y, [0, 7], [2023.0], relative=True, calibrate=False)
    assert fc.point[0] == pytest.approx(20 * 2**0.4)
    assert fc.method[0] == Method.AVERAGE_CHANGE_RELATIVE


def test_theta_by_hand():
    # y = 0, 2, 4, 6: OLS slope 2 a step, drift 1; SES errors vanish at alpha = 1 -> 6 + 1 = 7.
    fc2 = theta([0.0, 1, 2, 3], [0.0, 2, 4, 6], [0, 4], [[4.0, 5.0]], calibrate=False)
    np.testing.assert_allclose(fc2.point, [[7.0, 8.0]])


def test_damped_by_hand():
    # On y = 0, 1, 2, 3 (initial level 1, trend 1 from the first two points) every damped
    # forecast lies between the fully damped 3 + phi_min = 3.8 and the straight line 4, and
    # the second step adds less than the first (phi < 1).
    fc = damped([0.0, 1, 2, 3], [0.0, 1, 2, 3], [0, 4], [[4.0, 5.0]], calibrate=False)
    p1, p2 = fc.point[0]
    assert 3.8 <= p1 < 4.0
    assert 0 < p2 - p1 < p1 - 3.0


def test_ytd_by_hand():
    # H1 2023 technology contract turnover 1004.06; past H1 shares 0.40, 0.42, 0.44:
    # geometric mean share (0.40 * 0.42 * 0.44)^(1/3) = 0.419683 -> full year 1004.06 / 0.419683 = 2392.43.
    shares = np.array([0.40, 0.42, 0.44])
    fc = ytd([1004.06, 50.0], [0.5, 0.5], shares, [0, 3, 3])
    assert fc.point[0] == pytest.approx(1004.06 / np.exp(np.log(shares).mean()))
    assert fc.df[0] == 2
    assert fc.lower[0] < fc.point[0] < fc.upper[0]
    # No past shares: pro rata (50 / 0.5 = 100), said so, no interval.
    assert fc.point[1] == pytest.approx(100.0)
    assert fc.reason[1] & Reason.PRO_RATA
    assert fc.reason[1] & Reason.NO_INTERVAL
    assert np.isnan(fc.upper[1])


def test_bad_input_is_unclear_per_series():
    # Series: one point; all NaN; negative (for loglinear); horizon before the last point; good.
    t = [2020.0, 2020, 2021, 2022, 2018, 2019, 2020, 2018, 2019, 2020, 2018, 2019, 2020, 2021]
    y = [1.0, np.nan, np.nan, np.nan, -1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.5, 4.0]
    indptr = [0, 1, 4, 7, 10, 14]
    h = [2025.0, 2025, 2025, 2019, 2025]
    fc = loglinear(t, y, indptr, h)
    assert list(fc.status) == [Outcome.UNCLEAR] * 4 + [fc.status[4]]
    assert fc.status[4] != Outcome.UNCLEAR
    assert fc.reason[0] & Reason.TOO_FEW_POINTS
    assert fc.reason[1] & Reason.NO_DATA
    assert fc.reason[2] & Reason.NONPOSITIVE
    assert fc.reason[3] & Reason.HORIZON_NOT_AFTER_LAST
    assert np.all(np.isnan(fc.point[:4]))
    assert np.isfinite(fc.point[4])
    assert np.all(np.isnan(prob_above(fc, 1.0)[:4]))


def test_every_method_marks_unclear_and_never_returns_nan_as_ok():
    rng = np.random.default_rng(0)
    n = rng.integers(0, 9, 300)
    indptr = np.concatenate([[0], np.cumsum(n)])
    t = np.concatenate([np.arange(k, dtype=float) for k in n])
    y = rng.normal(10, 2, t.size)
    y[rng.random(t.size) < 0.1] = np.nan
    h = np.where(rng.random(300) < 0.1, -1.0, 10.0)
    for fn in (linear, loglinear, drift, theta, damped, average_change, auto):
        fc = fn(t, y, indptr, h)
        ok = fc.status != Outcome.UNCLEAR
        assert np.all(np.isfinite(fc.point[ok])), fn.__name__
        assert np.all(np.isnan(fc.point[~ok])), fn.__name__
        assert np.all((fc.reason[~ok] & 0xFF) != 0), fn.__name__


def test_auto_on_three_points_by_hand():
    # y = 1, 2, 4 at t = 0, 1, 2, forecast t = 3 (one step). Members: latest 4; the
    # least-squares line (tbar 1, ybar 7/3, Sxx 2, Sxy 3, slope 1.5) at t = 3:
    # 7/3 + 1.5 * 2 = 5.3333; growth 4 * (4 / 1) ** (1/2) = 8; average change over
    # min(5, 2) = 2 intervals 4 + 3/2 = 5.5. The series rose in both intervals and its
    # growth over the window is its growth since the first point (no slowdown): steady
    # growth, so the average change 5.5 stands in for the latest value. Members 5.5,
    # 5.3333, 8, 5.5: middle two 5.5 and 5.5.
    fc = auto([0.0, 1, 2], [1.0, 2, 4], [0, 3], [3.0])
    assert fc.point[0] == pytest.approx(5.5)
    assert fc.method[0] == Method.COMBINED
    assert fc.status[0] != Outcome.UNCLEAR
    # Two points are too few.
    two = auto([0.0, 1], [1.0, 2], [0, 2], [2.0])
    assert two.status[0] == Outcome.UNCLEAR
    assert two.reason[0] & Reason.TOO_FEW_POINTS


def test_auto_by_hand():
    # y = 10, 11, 12, 14, 15, 17, 18, 20 at t = 0..7, forecast t = 8 (h = 1):
    # latest 20; line: tbar 3.5, ybar 117/8 = 14.625, Sxx 42, sum(t y) = 470 so
    # Sxy = 470 - 8 * 3.5 * 14.625 = 60.5, at t = 8: 14.625 + 60.5 / 42 * 4.5 = 21.1071;
    # growth 20 * 2^(1/7) = 22.0817; average change over the last 5 intervals
    # 20 + (20 - 12) / 5 = 21.6. The series rose in every interval, by ln(20 / 12) / 5
    # = 0.1022 a year over the window against ln(20 / 10) / 7 = 0.0990 since the first
    # point (at least 0.8 of it: no slowdown), so the average change stands in for the
    # latest value: members 21.6, 21.1071, 22.0817, 21.6, middle two 21.6 and 21.6.
    t = np.arange(8.0)
    y = np.array([10.0, 11, 12, 14, 15, 17, 18, 20])
    fc = auto(t, y, [0, 8], [8.0])
    assert fc.point[0] == pytest.approx(21.6)
    assert fc.log_space[0]
    # One fall (14 -> 13): no steady growth, the median of the four members. Line:
    # ybar 115 / 8 = 14.375, sum(t y) = 462, Sxy = 462 - 8 * 3.5 * 14.375 = 59.5, at t = 8
    # 14.375 + 59.5 / 42 * 4.5 = 20.75; latest 20; growth 22.0817; window 21.6. Middle
    # two 20.75 and 21.6, median 21.175. Trend strength on logs: the 7 increments
    # ln(11/10), ..., ln(20/18) around cz = ln(2) / 7 = 0.099021 have sum of squares
    # q = 0.063607, so sig2 = q / 6 = 0.010601; their lag-one autocorrelation -0.73598,
    # bias-corrected -0.73598 + (1 - 3 * 0.73598) / 7 = -0.90854, clipped to -0.35:
    # phi = 0.3, (1 - 0.3^7) / 0.7 = 1.428259. t^2 = 0.099021^2 * 7^2 / (0.010601 *
    # 1.428259) = 31.7316. With 8 points k = 3.5 * (8 - 6) / (12 - 6) = 1.166667: the
    # point keeps 31.7316 / 32.898267 = 0.964537 of the step beyond the latest value,
    # 20 + 0.964537 * 1.175 = 21.1333.
    y3 = np.array([10.0, 11, 12, 14, 13, 17, 18, 20])
    fc3 = auto(t, y3, [0, 8], [8.0])
    assert fc3.point[0] == pytest.approx(20 + 31.7316 / 32.898267 * 1.175, rel=1e-5)
    # A series with a value <= 0 (y - 11 = -1, 0, 1, 3, 4, 6, 7, 9): no growth rate, so
    # the growth member is the drift 9 + (9 + 1) / 7 = 10.4286; latest 9; line
    # 3.625 + 60.5 / 42 * 4.5 = 10.1071; window 9 + (9 - 1) / 5 = 10.6. In levels.
    # Median 0.5 * (10.1071 + 10.4286) = 10.2679. Trend strength on the values: the
    # increments 1, 1, 2, 1, 2, 1, 2 around c = 10 / 7 have sum of squares 12/7, so
    # sig2 = (12/7) / 6 = 0.285714; lag-one autocorrelation -0.607143, corrected
    # -0.607143 + (1 - 3 * 0.607143) / 7 = -0.724490, clipped to -0.35: phi = 0.3.
    # t^2 = (10/7)^2 * 49 / (0.285714 * 1.428259) = 245.054, k = 1.166667 for 8 points,
    # share 245.054 / 246.220667 = 0.995262: 9 + 0.995262 * 1.2679 = 10.2619.
    y2 = y - 11.0
    fc2 = auto(t, y2, [0, 8], [8.0])
    median = 0.5 * ((3.625 + 60.5 / 42 * 4.5) + (9 + 10 / 7))
    assert fc2.point[0] == pytest.approx(9 + 245.054 / 246.220667 * (median - 9), rel=1e-6)
    assert not fc2.log_space[0]


def test_auto_weak_trend_drawn_toward_latest():
    # y = 10, 12, 9, 11, 13, 10, 12, 11 at t = 0..7, forecast t = 8: members latest 11;
    # line ybar 11, Sxy 6, 11 + 6 / 42 * 4.5 = 11.6429; growth 11 * (11/10)^(1/7) =
    # 11.1508; window 11 + (11 - 9) / 5 = 11.4; median (11.1508 + 11.4) / 2 = 11.2754.
    # Trend strength on logs: cz = ln(1.1) / 7 = 0.013616; the increments' sum of
    # squares around it q = 0.292527, sig2 = q / 6 = 0.048755; lag-one autocorrelation
    # -0.630267, corrected -0.630267 + (1 - 3 * 0.630267) / 7 = -0.757524, clipped
    # to -0.35: phi = 0.3, (1 - 0.3^7) / 0.7 = 1.428259. t^2 = 0.013616^2 * 49 /
    # (0.048755 * 1.428259) = 0.130454. With 8 points k = 3.5 * (8 - 6) / (12 - 6) =
    # 1.166667: the point keeps 0.130454 / 1.297121 = 0.100572 of the median's step
    # beyond 11, 11 + 0.100572 * 0.2754 = 11.0277.
    t = np.arange(8.0)
    y = np.array([10.0, 12, 9, 11, 13, 10, 12, 11])
    fc = auto(t, y, [0, 8], [8.0])
    assert fc.point[0] == pytest.approx(11 + 0.130454 / 1.297121 * 0.275399, rel=1e-5)
    said = auto_members(t, y, [0, 8], [8.0])
    drawn = auto_members(t, y, [0, 8], [8.0], combined=True)
    assert [float(m[0]) for m in said] == pytest.approx([11, 11.642857, 11.150797, 11.4])
    # As combined, each member keeps the same share of its step: their median is the point.
    assert float(np.median([m[0] for m in drawn])) == pytest.approx(fc.point[0])


def test_auto_steady_rise_through_zero():
    # y = 0, 0, 0, 1, 3, 6, 10, 15 at t = 0..7 (zeros: no logs): it rose in each of
    # its last 3 intervals and its average change over the last 5, (15 - 0) / 5 = 3,
    # is above its mean change since the first point, 15 / 7 = 2.1429: a steady
    # rise. The average change, 15 + 3 = 18, stands in for the latest value 15;
    # line ybar 35 / 8 = 4.375, Sxy = 210 - 8 * 3.5 * 4.375 = 87.5, at t = 8
    # 4.375 + 87.5 / 42 * 4.5 = 13.75; drift 15 + 15 / 7 = 17.1429; window 18.
    # Middle two 17.1429 and 18, and a steady rise keeps the whole step: 17.5714.
    # (Without the rule: middle two 15 and 17.1429, 16.07.)
    t = np.arange(8.0)
    y = np.array([0.0, 0, 0, 1, 3, 6, 10, 15])
    fc = auto(t, y, [0, 8], [8.0])
    assert fc.point[0] == pytest.approx(0.5 * (15 + 15 / 7 + 18))
    assert not fc.log_space[0]
    # One fall among the last 3 intervals (10 -> 9): no steady rise, the latest
    # value stays a member (drawn toward itself, it stays 15).
    y2 = np.array([0.0, 0, 0, 1, 3, 10, 9, 15])
    members = [float(m[0]) for m in auto_members(t, y2, [0, 8], [8.0], combined=True)]
    assert members[0] == pytest.approx(15.0)


def test_auto_smoothed_growth_from_13_points():
    # Holt's linear trend on logs with weights 0.9 and 0.12 (Holt 1957), from 13
    # points on. y = 1 at t = 0..11 (logs 0), then e at t = 12 (log 1): started at
    # the second point with level 0 and slope 0, both stay 0 up to t = 11; at t = 12
    # the level is 0.9 * 1 + 0.1 * (0 + 0) = 0.9 and the slope 0.12 * (0.9 - 0) / 1
    # + 0.88 * 0 = 0.108: the growth member for t = 13 is exp(0.9 + 0.108) = 2.740115.
    # (Constant growth since the first point would say exp(1 + 1 / 12) = 2.954423.)
    t = np.arange(13.0)
    y = np.concatenate([np.ones(12), [np.e]])
    said = auto_members(t, y, [0, 13], [13.0])
    assert float(said[2][0]) == pytest.approx(np.exp(1.008))
    # Across a gap (the last point at t = 13, two years after t = 11) the level is
    # carried along the slope, 0.9 * 1 + 0.1 * (0 + 0 * 2) = 0.9, and the slope is
    # per year, 0.12 * (0.9 - 0) / 2 = 0.054: for t = 14, exp(0.954) = 2.596040.
    t_gap = np.concatenate([np.arange(12.0), [13.0]])
    gap = auto_members(t_gap, y, [0, 13], [14.0])
    assert float(gap[2][0]) == pytest.approx(np.exp(0.954))
    # A series with a zero has no logs: the same recursion on the values, y = 0 at
    # t = 0..11 and 1 at t = 12: level 0.9, slope 0.108, at t = 13 1.008 (the drift
    # would say 1 + 1 / 12 = 1.083333).
    zero = auto_members(t, y - 1.0 - (np.e - 2.0) * (t == 12), [0, 13], [13.0])
    assert float(zero[2][0]) == pytest.approx(1.008)
    # With 12 points the growth member is still constant growth: y = 1 at t = 0..10
    # and e at t = 11, exp(1 + 1 / 11) = 2.976605 for t = 12.
    short = auto_members(t[:12], y[1:], [0, 12], [12.0])
    assert float(short[2][0]) == pytest.approx(np.exp(1 + 1 / 11))


def test_auto_growth_damped_after_a_slowdown():
    # y = 10, 14, 18, 20, 20, 21, 20, 21 at t = 0..7: the change since the first
    # point is 11 / 7 = 1.5714 a year, over the last 5 intervals (21 - 18) / 5 =
    # 0.6, less than 0.4 * 1.5714 = 0.6286: slowed. The growth member's trend on
    # logs, cz = ln(2.1) / 7 = 0.105991, is damped by 0.5 a year (Gardner and
    # McKenzie 1985): h years ahead it steps 0.5 (1 - 0.5^h) / (1 - 0.5) = 1 - 0.5^h
    # years of it, 0.5 at h = 1 and 0.875 at h = 3: 21 exp(0.5 * 0.105991) =
    # 22.142923 for t = 8 and 21 exp(0.875 * 0.105991) = 23.040755 for t = 10 (undamped
    # 21 * 2.1^(1/7) = 23.348050 for t = 8). The other members are as they were:
    # latest 21, window 21 + 0.6 h.
    t = np.arange(8.0)
    y = np.array([10.0, 14, 18, 20, 20, 21, 20, 21])
    said = [np.asarray(m) for m in auto_members(t, y, [0, 8], [[8.0, 10.0]])]
    cz = np.log(2.1) / 7
    assert said[2] == pytest.approx([21 * np.exp(0.5 * cz), 21 * np.exp(0.875 * cz)])
    assert said[0] == pytest.approx([21.0, 21.0])
    assert said[3] == pytest.approx([21.6, 22.8])
    # A trend that turned: y = 10, 12, 14, 16, 18, 17, 16, 13, rising 3 / 7 a year
    # since the first point but falling (13 - 14) / 5 = -0.2 a year over the window:
    # 13 exp(0.5 * ln(1.3) / 7) = 13.245921 for t = 8 (undamped 13 * 1.3^(1/7)).
    y2 = np.array([10.0, 12, 14, 16, 18, 17, 16, 13])
    turned = auto_members(t, y2, [0, 8], [8.0])
    assert float(turned[2][0]) == pytest.approx(13 * np.exp(0.5 * np.log(1.3) / 7))
    # The same ratio above 0.4 is no slowdown: y = 10, 14, 18, 20, 21, 22, 23, 24
    # changes 2 a year since the first point and (24 - 18) / 5 = 1.2 over the window,
    # 0.6 of it: the growth member is 24 (24 / 10)^(1/7) = 27.196 for t = 8.
    y3 = np.array([10.0, 14, 18, 20, 21, 22, 23, 24])
    steady = auto_members(t, y3, [0, 8], [8.0])
    assert float(steady[2][0]) == pytest.approx(24 * 2.4 ** (1 / 7))


def test_auto_smoothed_growth_damped_after_a_slowdown():
    # 14 points: y = 100 e^(0.1 t) for t = 0..9, then falling 1 % a year to t = 13
    # (y_13 = 100 e^0.86 = 236.31). The change since the first point (236.31 - 100)
    # / 13 = 10.49 a year, over the last 5 intervals (236.31 - y_8) / 5 = (236.31 -
    # 222.55) / 5 = 2.75, less than 0.4 * 10.49 = 4.19: slowed. The growth member is
    # Holt's trend on logs (weights 0.9 and 0.12, started at the second point with
    # the first difference: the textbook recursion below), damped by 0.5 a year:
    # exp(level + slope (1 - 0.5^h)).
    t = np.arange(14.0)
    z = np.where(t <= 9, 0.1 * t, 0.9 - 0.01 * (t - 9)) + np.log(100.0)
    level, slope = z[1], z[1] - z[0]
    for v in z[2:]:
        new = 0.9 * v + 0.1 * (level + slope)
        level, slope = new, 0.12 * (new - level) + 0.88 * slope
    said = auto_members(t, np.exp(z), [0, 14], [[14.0, 16.0]])
    expected = [np.exp(level + slope * 0.5), np.exp(level + slope * 0.875)]
    assert np.asarray(said[2]) == pytest.approx(expected)
    assert slope > 0  # the smoothed slope still rises: undamped, a whole year of it


def test_auto_batch_equals_single_exactly():
    rng = np.random.default_rng(7)
    n = rng.integers(3, 30, 40)
    indptr = np.concatenate([[0], np.cumsum(n)])
    t = np.concatenate([np.arange(k, dtype=float) + 1990 for k in n])
    y = np.concatenate([50 + np.cumsum(rng.normal(1, 2, k)) for k in n])
    h = np.stack([1990.0 + n, 1992.0 + n], axis=1)
    batch = auto(t, y, indptr, h)
    for i in range(n.size):
        one = auto(
            t[indptr[i] : indptr[i + 1]], y[indptr[i] : indptr[i + 1]], [0, n[i]], h[i : i + 1]
        )
        for a, b in zip(batch, one, strict=True):
            np.testing.assert_array_equal(a[i : i + 1], b)


def test_bad_level_and_shapes():
    fc = drift([0.0, 1, 2], [1.0, 2, 4], [0, 3], [3.0], level=1.5)
    assert fc.reason[0] & Reason.BAD_LEVEL
    # Two rows of horizons for one series: an EvaluationError (a ValueError
    # too) naming the shape and what would be valid.
    with pytest.raises(EvaluationError, match=r"shape \(2, 1\) for 1 series.*\(1, H\)"):
        drift([0.0, 1, 2], [1.0, 2, 4], [0, 3], [[3.0], [4.0]])


def _one_of(batch: object, i: int) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a)[i : i + 1] for a in batch)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fn",
    [
        linear,
        loglinear,
        drift,
        theta,
        damped,
        average_change,
        auto,
        lambda *a, **kw: theta(*a, optimized=True, **kw),
        lambda *a, **kw: average_change(*a, relative=True, **kw),
    ],
)
def test_a_series_gets_the_same_forecast_alone_and_in_any_batch(fn) -> None:  # type: ignore[no-untyped-def]
    # One series of 7 points (2016-2022) forecast 3 to 12 years ahead, horizons longer than
    # its history; alone, then between a longer (20 points) and a shorter (4 points)
    # neighbour, then with only shorter ones. The calibration weights must be capped at the
    # series' own n - 1 = 6 steps, not at the batch width, so every array is exactly equal.
    rng = np.random.default_rng(3)
    mid_t = np.arange(2016.0, 2023.0)
    mid_y = 40 + np.cumsum(rng.normal(2, 3, 7))
    long_t, long_y = np.arange(2003.0, 2023.0), 30 + np.cumsum(rng.normal(1, 2, 20))
    short_t, short_y = np.arange(2019.0, 2023.0), np.array([5.0, 7.0, 6.0, 9.0])
    h = np.array([[2025.0, 2028.0, 2030.0, 2034.0]])
    alone = fn(mid_t, mid_y, [0, 7], h)
    batches = [
        ((long_t, mid_t, short_t), (long_y, mid_y, short_y), 1),
        ((short_t, mid_t, long_t), (short_y, mid_y, long_y), 1),
        ((short_t, short_t, mid_t), (short_y, short_y + 1, mid_y), 2),
    ]
    for ts, ys, i in batches:
        n = [len(x) for x in ts]
        indptr = np.concatenate([[0], np.cumsum(n)])
        fc = fn(np.concatenate(ts), np.concatenate(ys), indptr, np.repeat(h, len(ts), axis=0))
        for a, b in zip(_one_of(fc, i), alone, strict=True):
            np.testing.assert_array_equal(a, b)
    assert np.all(np.isfinite(alone.upper))


@pytest.mark.parametrize(
    "fn",
    [linear, loglinear, drift, theta, damped, average_change, auto],
    ids=lambda f: f.__name__,
)
def test_zero_series_give_empty_forecasts(fn) -> None:  # type: ignore[no-untyped-def]
    none = np.zeros(0)
    fc = fn(none, none, [0], none)
    assert all(np.asarray(a).shape == (0,) for a in fc)
    assert prob_above(fc, 1.0).shape == (0,)
    fc2 = fn(none, none, [0], np.zeros((0, 3)))
    assert all(np.asarray(a).shape == (0, 3) for a in fc2)
    with pytest.raises(ValueError, match="0 series"):
        fn(none, none, [0], [2030.0])


def test_ytd_with_zero_series_is_empty() -> None:
    fc = ytd([], [], [], [0])
    assert all(np.asarray(a).shape == (0,) for a in fc)


@pytest.mark.parametrize("fn", [drift, average_change, auto], ids=lambda f: f.__name__)
def test_a_horizon_inside_the_history_is_unclear_without_a_warning(fn) -> None:  # type: ignore[no-untyped-def]
    # 2015-2022, asked for mid-2021: h = -1.5 years, and the drift variance factor
    # h + h^2 / span = -1.5 + 2.25 / 7 < 0. No square root of it is taken (pytest turns
    # numpy's RuntimeWarning into an error); the forecast is unclear with its reason.
    t = np.arange(2015.0, 2023.0)
    y = np.array([3.0, 4, 6, 7, 9, 10, 12, 13])
    fc = fn(t, y, [0, 8], [2021.5])
    assert fc.status[0] == Outcome.UNCLEAR
    assert fc.reason[0] & Reason.HORIZON_NOT_AFTER_LAST
    assert np.isnan(fc.point[0])
    assert np.isnan(fc.scale[0])


def test_ytd_pro_rata_interval_from_the_annual_spread():
    # 50 by mid-year (e = 0.5), no past shares: point 50 / 0.5 = 100. The annual model's
    # log-scale spread 0.1 (df 5) applies to the half year still to come: scale
    # (1 - 0.5) * 0.1 = 0.05, df 5; t(0.9, 5) = 1.475884 -> 100 exp(-+0.0737942) =
    # 92.8863 ... 107.6585. After three quarters (150 of an expected 200): 0.25 * 0.1.
    fc = ytd([50.0, 150.0, 50.0], [0.5, 0.75, 0.5], [], [0, 0, 0, 0],
             annual_scale=[0.1, 0.1, np.nan], annual_df=[5.0, 5.0, 5.0])  # fmt: skip
    np.testing.assert_allclose(fc.point, [100.0, 200.0, 100.0])
    np.testing.assert_allclose(fc.scale[:2], [0.05, 0.025])
    assert fc.df[0] == 5
    assert fc.lower[0] == pytest.approx(92.8863, abs=1e-4)
    assert fc.upper[0] == pytest.approx(107.6585, abs=1e-4)
    assert fc.reason[0] & Reason.PRO_RATA
    assert not fc.reason[0] & Reason.NO_INTERVAL
    assert fc.status[0] == Outcome.WARN
    assert prob_above(fc, 100.0)[0] == pytest.approx(0.5)
    # No annual spread: the point alone, as before.
    assert fc.reason[2] & Reason.NO_INTERVAL
    assert np.isnan(prob_above(fc, 100.0)[2])


def test_time_major_panel_holds_the_same_values() -> None:
    # auto builds its padded panel time-major (rows of the memory are columns
    # of the panel); every array must equal the default layout's, bit for bit.
    rng = np.random.default_rng(3)
    n = np.array([0, 1, 2, 7, 5, 12])
    ip = np.concatenate([[0], np.cumsum(n)])
    t = np.concatenate([np.sort(rng.choice(30, k, replace=False)).astype(float) for k in n])
    y = rng.normal(10.0, 3.0, t.size)
    y[4] = np.nan  # a dropped point
    t[9], t[10] = t[10], t[9]  # an unsorted series
    a = _forecast._panel(t, y, ip, log=False)
    b = _forecast._panel(t, y, ip, log=False, time_major=True)
    assert b.T.T.flags.c_contiguous
    for x, z in zip(a, b, strict=True):
        assert x.shape == z.shape
        assert x.dtype == z.dtype
        assert np.ascontiguousarray(x).tobytes() == np.ascontiguousarray(z).tobytes()


def test_linear_interval_widens_for_autocorrelated_noise():
    # t = 0..5, y = 0, 1, 2, 4, 6, 8: OLS slope 28.5 / 17.5, SSE 47.5 - 28.5^2 / 17.5 = 1.085714,
    # s2 = SSE / 4. Increments 1, 1, 2, 2, 2 around their mean 1.6: lag-one r = 0.44 / 1.2,
    # bias-corrected r + (1 + 3 r) / 5 = 0.7867 -> phi = 1 + 2 r = 2.57, clipped to 0.8, so
    # (1 + phi) / (1 - phi) = 9. At t = 6: 1/n + 3.5^2 / 17.5 = 0.866667;
    # var = s2 (1 + 0.866667 * 9) = s2 * 8.8 (textbook: s2 * 1.866667).
    fc = linear(np.arange(6.0), [0.0, 1, 2, 4, 6, 8], [0, 6], [6.0], calibrate=False)
    s2 = (47.5 - 28.5**2 / 17.5) / 4
    assert fc.point[0] == pytest.approx(3.5 + 28.5 / 17.5 * 3.5)
    assert fc.scale[0] == pytest.approx(np.sqrt(s2 * (1 + (1 / 6 + 12.25 / 17.5) * 9)))


@pytest.mark.parametrize("optimized", [False, True])
def test_theta_parameters_at_an_origin_use_only_data_up_to_it(optimized: bool) -> None:
    # The states at an earlier origin equal those of the series cut at that origin: alpha,
    # drift and spread are chosen from the data up to each origin, not from the whole series.
    from innovplan.engine._models import _damped_states, _theta_states
    from innovplan.engine._panel import _panel

    rng = np.random.default_rng(7)
    y = 50 + 2 * np.arange(12.0) + rng.normal(0, 2, 12)
    full = _panel(np.arange(12.0), y, [0, 12], log=False)
    cut = _panel(np.arange(8.0), y[:8], [0, 8], log=False)
    for states in (lambda p: _theta_states(p, optimized=optimized), _damped_states):
        a, b = states(full), states(cut)
        for x, z in zip(a, b, strict=True):
            np.testing.assert_allclose(np.asarray(x)[:, 7], np.asarray(z)[:, -1], rtol=1e-9)


def test_window_spread_levels_off_around_a_trend():
    # Increments alternating around 2 (a trend with white noise: lag-one r of the increments
    # near -1/2, phi 0): the average change's errors do not grow like a random walk's. With a
    # window of S = 5 steps the variance is v (1 + x + x^2), x = h / S: 1.24 v at h = 1 and 3 v
    # at h = 5, a ratio of scales sqrt(3 / 1.24) = 1.56; the random walk's is
    # sqrt((5 + 25 / 5) / (1 + 1 / 5)) = 2.89.
    t = np.arange(2010.0, 2022.0)
    y = 10 + 2 * (t - 2010) + np.where(np.arange(12) % 2 == 0, 1.0, -1.0)
    fc = average_change(t, y, [0, 12], [[2022.0, 2026.0]], calibrate=False)
    assert fc.scale[0, 1] / fc.scale[0, 0] == pytest.approx(np.sqrt(3 / 1.24))


def test_calibration_widens_no_further_than_the_largest_past_error_needs(monkeypatch):
    # y = t^2, t = 0..9, drift one step ahead. The calibration's past errors are the
    # one-step forecasts from origins t = 2..8 (the last 7 before the latest point),
    # each recomputed here from the series cut at its origin, standardised by its own
    # textbook scale and turned into a normal score. From origin j the drift steps
    # the mean increment j: forecast j^2 + j against (j + 1)^2, an error of j + 1.
    # The increments 2i - 1 (i = 1..j) have variance j (j + 1) / 3 about j, so the
    # scale is sqrt(j (j + 1) / 3 * (1 + 1 / j)) = (j + 1) / sqrt(3) and every
    # standardised error is sqrt(3), on j - 1 df. Wallace's score
    # (8 df + 1) / (8 df + 3) * sqrt(df log(1 + 3 / df)) is 9 / 11 * sqrt(log 4)
    # = 0.963 at 1 df (origin 2) and 17 / 19 * sqrt(2 log 2.5) = 1.211 at 2 df, both
    # inside the nominal 80 % interval (z* = 1.2816); the other five are outside, up
    # to 57 / 59 * sqrt(7 log(10 / 7)) = 1.527 at 7 df. Five of seven outside: the
    # count rule alone gives cov = (2 + 4 * 0.8) / (7 + 4) = 5.2 / 11 = 0.4727 and
    # the factor z* / z(0.5 + 0.5 * 0.4727) = 1.2816 / z(0.7364) = 1.2816 / 0.6322
    # = 2.027. The largest score, 1.527, needs only 1.527 / z* = 1.191; the cap
    # allows 1.25 times that, 1.489.
    from innovplan.engine import _driver
    from innovplan.engine._driver import _normal_score
    from innovplan.engine._stats import norm_ppf

    t = np.arange(10.0)
    y = t**2
    scores = []
    for j in range(2, 9):
        past = drift(t[: j + 1], y[: j + 1], [0, j + 1], [t[j + 1]], calibrate=False)
        z = (y[j + 1] - past.loc[0]) / past.scale[0]
        assert z == pytest.approx(np.sqrt(3.0), rel=1e-12)
        scores.append(float(_normal_score(np.array([z]), past.df[:1])[0]))
    z_star = float(norm_ppf(np.array([0.9]))[0])
    assert len(scores) == 7
    assert scores[0] == pytest.approx(9 / 11 * np.sqrt(np.log(4.0)), rel=1e-12)
    assert sum(u > z_star for u in scores) == 5
    uncapped = z_star / float(norm_ppf(np.array([0.5 + 0.5 * 5.2 / 11]))[0])
    assert uncapped == pytest.approx(2.027, abs=1e-3)
    fc = drift(t, y, [0, 10], [10.0])
    assert fc.calib[0] == pytest.approx(1.25 * max(scores) / z_star, rel=1e-12)
    assert fc.calib[0] == pytest.approx(1.489, abs=1e-3)
    assert fc.calib[0] < uncapped
    # Without the cap the factor is the count rule's over the same seven origins.
    monkeypatch.setattr(_driver, "_CAL_CAP_SLACK", np.inf)
    assert drift(t, y, [0, 10], [10.0]).calib[0] == pytest.approx(uncapped, rel=1e-12)


def test_auto_keeps_the_model_spread_across_a_gap():
    # A straight line 100 + 10 t with noise of +-3 alternating: every past error lies
    # well inside the model's interval, so the calibration narrows it (factor < 1).
    t = np.arange(10.0)
    y = 100 + 10 * t + np.array([0, 3, -3, 3, -3, 3, -3, 3, -3, 0.0])
    assert auto(t, y, [0, 10], [10.0]).calib[0] < 1
    # The same values with the last one three years after the one before (a gap of
    # two missing years, more than 1.5 times the median spacing of 1): the factor
    # may not fall below 1, and the short-history widening one step ahead,
    # 1 + 3 * 1 / (10 - 2)^2 = 1.046875, still applies.
    tg = t.copy()
    tg[-1] = 12.0
    assert auto(tg, y, [0, 10], [13.0]).calib[0] == pytest.approx(1.046875)
    # Asked to keep it (a break in series, say), the same without a gap.
    assert auto(t, y, [0, 10], [10.0], 0.8, [True]).calib[0] == pytest.approx(1.046875)
    assert auto(t, y, [0, 10], [10.0], 0.8, [False]).calib[0] < 1


def test_auto_widens_short_histories():
    # The same 7 values with consecutive times (no gap): the calibrated factor of
    # 7 points h steps ahead is multiplied by 1 + 3 h / (7 - 2)^2 at the end:
    # 1 + 3 / 25 = 1.12 one step ahead and 1 + 9 / 25 = 1.36 three steps ahead;
    # compared through prior_count = 1e12, which pins the calibrated part at 1.
    t = np.arange(7.0)
    y = np.array([10.0, 12, 11, 14, 13, 16, 15])
    fc = auto(t, y, [0, 7], [7.0, 9.0], prior_count=1e12)
    assert fc.calib == pytest.approx([1.12, 1.36])
    # A horizon not after the last point counts as one step (it is unclear anyway).
    assert auto(t, y, [0, 7], [6.0], prior_count=1e12).calib[0] == pytest.approx(1.12)


def test_auto_spread_grows_with_the_horizon_as_the_noise_says():
    # Before calibration (prior_count = 1e12 pins the factor at 1, and the same
    # length gives the same short-history factor per step), the spread is the
    # noise models' average weighted by the increments' autocorrelation.
    # Increments alternating around the trend (r near -1/2: white noise around a
    # line) give a spread that grows far less with the horizon than the random
    # walk's h (1 + h / S); persistent increments (runs of three above and three
    # below the trend, r > 0, where the random walk is the likeliest model) grow
    # nearly as it does.
    t = np.arange(16.0)
    noise = np.array([0, 3, -3, 3, -3, 3, -3, 3, -3, 3, -3, 3, -3, 3, -3, 0.0])
    wn = auto(t, 100 + 10 * t + noise, [0, 16], [16.0, 20.0], prior_count=1e12)
    runs = np.cumsum([0, 3, 3, 3, -3, -3, -3, 3, 3, 3, -3, -3, -3, 3, 3, 3.0])
    rw = auto(t, 100 + 10 * t + runs, [0, 16], [16.0, 20.0], prior_count=1e12)
    # The random walk's ratio of scales 5 steps and 1 step ahead, sqrt(5 (1 + 5 / S)
    # / (1 + 1 / S)), with S the harmonic mean of the span 15 and the window 5,
    # 2 / (1/15 + 1/5) = 7.5: sqrt(5 * 1.6667 / 1.1333) = 2.712. The short-history
    # factor of 16 points multiplies it by (1 + 15 / 196) / (1 + 3 / 196) = 1.0603.
    rw_ratio = np.sqrt(5 * (1 + 5 / 7.5) / (1 + 1 / 7.5)) * (1 + 15 / 196) / (1 + 3 / 196)
    assert wn.scale[1] / wn.scale[0] < 0.6 * rw_ratio
    assert rw.scale[1] / rw.scale[0] > 0.8 * rw_ratio


def test_ytd_with_one_past_share_spreads_the_rest_of_the_year():
    # One past H1 share 0.4: the point is 50 / 0.4 = 125; the spread of shares between
    # years is unknown, so the rest of the year (half of it) is spread by the yearly
    # trend's relative spread, 0.5 * 0.1 = 0.05, with its df 5, as the pro-rata rule does.
    fc = ytd([50.0], [0.5], [0.4], [0, 1], annual_scale=[0.1], annual_df=[5.0])
    assert fc.point[0] == pytest.approx(125.0)
    assert fc.scale[0] == pytest.approx(0.05)
    assert fc.df[0] == 5.0
    assert fc.method[0] == Method.YTD
    # Without a yearly spread: the point alone.
    alone = ytd([50.0], [0.5], [0.4], [0, 1])
    assert alone.point[0] == pytest.approx(125.0)
    assert alone.reason[0] & Reason.NO_INTERVAL
