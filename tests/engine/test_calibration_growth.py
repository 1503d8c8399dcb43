"""``auto``'s spread under a trend whose form is uncertain.

The variance is at least D^2: D is the growth member's distance from the
point, at most the distance between the window's and the line's forecasts,
drawn in by the point's share and relative to the location on logs
(``docs/methods-record.md``, "Growth beyond the noise").
"""

import numpy as np
import pytest

import innovplan.engine._auto as auto_mod
from innovplan.engine._auto import _AT, _auto_predict, _auto_states
from innovplan.engine._panel import _panel

H = np.arange(1.0, 6.0)[:, None]


def _states(y: np.ndarray) -> tuple[np.ndarray, ...]:
    t = np.arange(y.size, dtype=float)
    p = _panel(t, y, [0, y.size], log=False, time_major=True)
    # Copies: the states sit in this thread's kept memory, which the next
    # call of _auto_states writes over.
    return tuple(np.array(x)[:, -1] for x in _auto_states(p, 1))


def _without_rule(var: np.ndarray, far: np.ndarray) -> np.ndarray:
    return var


def test_exact_compound_growth_is_spread_by_its_form():
    # y = 100 * 1.2^t at t = 0..9. On logs the increments are all log 1.2,
    # so the drift variance sig2 is 0 and the noise models add nothing. It
    # rose in every interval and its window growth equals its growth since
    # the first point: a steady rise (share 1, the average change stands in
    # for the latest value). Members h years ahead: the average change over
    # the last 5 intervals, cw = (y9 - y4) / 5 = (515.978 - 207.360) / 5
    # = 61.7236, twice (latest value and window): the point y9 + cw h; the
    # least-squares line (tbar 4.5, ybar 259.587, slope 44.8735), below it;
    # growth 100 * 1.2^(9 + h), above it. The two middle members are both
    # y9 + cw h, so their split is 0 and the variance on logs is D^2 alone,
    # D = min(growth - point, point - line) / point (the members' range does
    # not bind here: c times growth less line is under growth's distance at
    # every horizon, 39.875 against 41.472 a year ahead, 211.437 against
    # 459.322 five years ahead; c = sqrt(0.5) / 2). A year ahead: point
    # 577.702, growth 619.174, line 506.391: min(41.472, 71.310) / 577.702
    # = 0.071788; five years ahead: point 824.596, growth 1283.918, line
    # 685.885: min(459.322, 138.711) / 824.596 = 0.168217 (the bend caps
    # it). The scale is D times the heavier tails' ratio t_0.9(8) / t_0.9(4)
    # = 1.3968153 / 1.5332063 = 0.9110420 (10 points, 8 df to
    # ceil(0.5 * 8) = 4): 0.065402 and 0.153253.
    t = np.arange(10.0)
    y = 100.0 * 1.2**t
    s = _states(y)
    assert s[_AT["sig2"]][0] == 0.0
    pred = _auto_predict(s, H)
    h = H[:, 0]
    point = y[9] + (y[9] - y[4]) / 5.0 * h
    growth = 100.0 * 1.2 ** (9.0 + h)
    tbar, ybar = t.mean(), y.mean()
    slope = np.sum((t - tbar) * (y - ybar)) / np.sum((t - tbar) ** 2)
    line = ybar + slope * (9.0 + h - tbar)
    ratio = 1.3968153097 / 1.5332062741
    np.testing.assert_allclose(pred.loc[:, 0], np.log(point), rtol=1e-12)
    far = np.minimum(growth - point, point - line) / point
    np.testing.assert_allclose(pred.scale[:, 0], far * ratio, rtol=1e-8)
    assert pred.scale[0, 0] == pytest.approx(0.065402, abs=1e-6)
    assert pred.scale[4, 0] == pytest.approx(0.153253, abs=1e-6)


def test_the_form_distance_is_drawn_in_by_the_points_share(monkeypatch):
    # y below at t = 0..11: positive and growing, but it fell from 293 to 250
    # at t = 5, so no steady rise, and its trend's strength keeps a share
    # s < 1 of the median's step beyond the latest value (read from the
    # states: an input of the floor, t^2 / (t^2 + 3.5) from the drift's
    # t-ratio). Not slowed: the window's change cw = (1713 - 307) / 5 = 281.2
    # and the change since the first point (1713 - 100) / 11 = 146.64 agree
    # in sign and |cw| >= 0.4 * 146.64. As combined every member is drawn in
    # by s, y + s (m - y), so the combined growth member's distance from the
    # point y + s (mid - y) is s |g - mid|: D = s * min(|g - mid|, |w - ols|)
    # / point (the members' range does not bind here: from two years on c
    # times the range is under growth's distance, 573.277 against 877.089
    # and 835.543 against 1582.577, c = sqrt(0.5) / 2; a year ahead it is
    # the larger, 379.095 against 364.173, but its floor, 0.168 after the
    # tails' ratio, is under the noise's spread 0.201), and where D exceeds
    # the noise's spread the scale is D times the tails' ratio t_0.9(10) /
    # t_0.9(5) = 1.3721836 / 1.4758840 = 0.9297368 (12 points, 10 df to
    # ceil(0.5 * 10) = 5).
    # Two years ahead: latest 1713; line 467.667 + 104.2867 * (13 - 5.5)
    # = 1249.817 (least squares, tbar 5.5, ybar 5612 / 12, slope
    # Sxy / Sxx = 14913 / 143); growth 1713 * (1713 / 100)^(2 / 11)
    # = 2871.289; window 1713 + 2 * 281.2 = 2275.4. Middle two 1713 and
    # 2275.4, mid 1994.2; s = 0.8750216: point 1713 + s * 281.2 = 1959.056,
    # D = s * min(877.089, 1025.583) / 1959.056 = 0.391756, scale 0.364230.
    # Three years ahead the bend caps it: window 2556.6, line 1354.104,
    # growth 3717.377, mid 2134.8, point 2082.084, D = s * min(1582.577,
    # 1202.496) / 2082.084 = 0.505364, scale 0.469855. Without the share
    # both would be 1 / s = 1.143 times as large.
    y = np.array([100, 128, 179, 200, 293, 250, 307, 392, 505, 648, 897, 1713.0])
    t = np.arange(12.0)
    s = _states(y)
    share = s[_AT["share"]][0]
    assert not s[_AT["steady"]][0]
    assert not s[_AT["slowed"]][0]
    assert 0.8 < share < 0.9
    h = H[:, 0]
    tbar, ybar = t.mean(), y.mean()
    slope = np.sum((t - tbar) * (y - ybar)) / np.sum((t - tbar) ** 2)
    members = np.stack(
        (
            y[11] + 0.0 * h,
            ybar + slope * (11.0 + h - tbar),
            y[11] * (y[11] / y[0]) ** (h / 11.0),
            y[11] + (y[11] - y[6]) / 5.0 * h,
        )
    )
    lo, hi = np.sort(members, axis=0)[1:3]
    mid = 0.5 * (lo + hi)
    point = y[11] + share * (mid - y[11])
    bend = members[3] - members[1]
    far = share * np.minimum(np.abs(members[2] - mid), np.abs(bend)) / point
    floor = far * (1.3721836411 / 1.4758840488)
    pred = _auto_predict(s, H)
    np.testing.assert_allclose(pred.loc[:, 0], np.log(point), rtol=1e-12)
    monkeypatch.setattr(auto_mod, "_form_floor", _without_rule)
    noise = _auto_predict(s, H).scale[:, 0]
    # The floor binds from two years on (the noise's spread is smaller).
    assert np.all(floor[1:] > noise[1:])
    np.testing.assert_allclose(pred.scale[:, 0], np.maximum(noise, floor), rtol=1e-8)
    assert pred.scale[1, 0] == pytest.approx(0.364230, abs=1e-6)
    assert pred.scale[2, 0] == pytest.approx(0.469855, abs=1e-6)


def test_a_straight_line_from_a_low_base_keeps_its_spread(monkeypatch):
    # y = 100 + 10 t + 3 (-1)^t (0 at both ends) at t = 0..15: a straight
    # line from a low base. Compound growth from 100 to 250 runs far above
    # it (about 340 at t = 20 against 300), but the window's and the line's
    # forecasts agree (both trends are 10 a year), so the form's floor stays
    # below the noise's spread: the same floats as without the rule.
    t = np.arange(16.0)
    noise = np.array([0, 3, -3, 3, -3, 3, -3, 3, -3, 3, -3, 3, -3, 3, -3, 0.0])
    s = _states(100.0 + 10.0 * t + noise)
    with_rule = _auto_predict(s, H).scale
    assert np.all(np.isfinite(with_rule))
    monkeypatch.setattr(auto_mod, "_form_floor", _without_rule)
    np.testing.assert_array_equal(_auto_predict(s, H).scale, with_rule)


def test_the_floor_only_widens(monkeypatch):
    # The rule is a floor: for any history the scale with it is at least the
    # scale without it. For the exact compound growth above it is strictly
    # larger: without the rule that series' scale is 0 at every horizon (no
    # noise on logs, no split between the middle members), with it the
    # form's distance D > 0 of the first test.
    rng = np.random.default_rng(16)
    for y, exact in (
        (100.0 * 1.2 ** np.arange(10.0), True),
        (50.0 + np.cumsum(rng.normal(1.0, 2.0, 14)), False),
        (100.0 * np.exp(0.08 * np.arange(12.0) + rng.normal(0.0, 0.03, 12)), False),
    ):
        s = _states(y)
        with_rule = _auto_predict(s, H).scale
        monkeypatch.setattr(auto_mod, "_form_floor", _without_rule)
        without = _auto_predict(s, H).scale
        monkeypatch.undo()
        assert np.all(np.isfinite(with_rule))
        assert np.all(with_rule >= without)
        if exact:
            assert np.all(without == 0.0)
            assert np.all(with_rule > without)
