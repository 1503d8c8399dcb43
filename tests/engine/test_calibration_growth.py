"""``auto``'s spread where the growth member lies beyond the noise.

The squared distance D^2 between the point and the growth member (drawn in by
the point's share), beyond ``_GROWTH_FAR`` times the spread's variance, is
added to the variance; up to ``_RANGE_UPTO`` points D^2 is at least
``_RANGE_WEIGHT`` times the squared half range of the four members
(``docs/methods.md``, "Growth beyond the noise").
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


def test_exact_compound_growth_is_spread_by_its_distance_from_the_point():
    # y = 100 * 1.2^t at t = 0..9. On logs the increments are all log 1.2,
    # so the drift variance sig2 is 0 and the noise models add nothing. It
    # rose in every interval and its window growth equals its growth since
    # the first point: a steady rise (share 1, the average change stands in
    # for the latest value). Members h years ahead: average change over the
    # last 5 intervals, cw = (y9 - y4) / 5 = (515.978 - 207.360) / 5
    # = 61.7236, twice (latest value and window), the point y9 + cw h; the
    # least-squares line, below it (its slope over the ten points is
    # smaller than the window's); growth 100 * 1.2^(9 + h), above it. The
    # two middle members are both y9 + cw h, so their split is 0 and the
    # variance on logs is the growth term alone: ((g - point) / point)^2,
    # since 0 - 3 * 0 is 0. The scale is that distance times the heavier
    # tails' ratio t_0.9(8) / t_0.9(4) = 1.3968153 / 1.5332063 = 0.9110420
    # (10 points, 8 df to ceil(0.5 * 8) = 4). One year ahead: point
    # 515.978 + 61.724 = 577.701, growth 619.174, (619.174 - 577.701)
    # / 577.701 = 0.071789, times 0.911042 = 0.065402. Ten points is a
    # short history, but half the members' range times sqrt(0.5) is less at
    # every horizon: the line (tbar 4.5, ybar 259.587, slope 44.8735) is
    # 506.391 a year ahead, sqrt(0.5) (619.174 - 506.391) / 2 / 577.701
    # = 0.069023 < 0.071789, and 0.256 < 0.557 five years ahead.
    t = np.arange(10.0)
    y = 100.0 * 1.2**t
    s = _states(y)
    assert s[_AT["sig2"]][0] == 0.0
    pred = _auto_predict(s, H)
    cw = (y[9] - y[4]) / 5.0
    point = y[9] + cw * H[:, 0]
    growth = 100.0 * 1.2 ** (9.0 + H[:, 0])
    ratio = 1.3968153097 / 1.5332062741
    np.testing.assert_allclose(pred.loc[:, 0], np.log(point), rtol=1e-12)
    np.testing.assert_allclose(pred.scale[:, 0], (growth - point) / point * ratio, rtol=1e-8)
    assert pred.scale[0, 0] == pytest.approx(0.065402, abs=5e-7)


def test_a_growth_member_within_the_noise_leaves_the_spread_as_it_was(monkeypatch):
    # A slow straight trend with alternating noise, 100 + t + 0.5 (-1)^t at
    # t = 0..11: compound growth of 1 % a year hardly bends away from the
    # line over five years, so its growth member (on logs) is close to the
    # point, within sqrt(3) of the spread's standard deviation at every
    # horizon, and the rule adds
    # nothing: the same floats as with the rule switched off (an infinite
    # threshold). With no threshold at all the spread would widen, so the
    # growth member is not at the point itself.
    t = np.arange(12.0)
    y = 100.0 + t + 0.5 * (-1.0) ** t
    s = _states(y)
    with_rule = _auto_predict(s, H).scale
    assert np.all(np.isfinite(with_rule))
    monkeypatch.setattr(auto_mod, "_GROWTH_FAR", np.inf)
    without = _auto_predict(s, H).scale
    np.testing.assert_array_equal(with_rule, without)
    monkeypatch.setattr(auto_mod, "_GROWTH_FAR", 0.0)
    assert np.all(_auto_predict(s, H).scale > without)


def test_a_short_history_counts_the_members_range():
    # y = 100 * 1.15^t at t = 0..11: 12 points, a short history (at most
    # _RANGE_UPTO). sig2 is 0 on logs and it is a steady rise (share 1), as
    # above. Window change cw = (y11 - y6) / 5 = (465.2391 - 231.3061) / 5
    # = 46.7866; point y11 + cw h (twice among the members). Least-squares
    # line: tbar 5.5, ybar 241.6806, slope sum (t - tbar)(y - ybar) /
    # sum (t - tbar)^2 = 32.2830; at t = 12: 241.6806 + 32.2830 * 6.5
    # = 451.5202. Growth at t = 12: 100 * 1.15^12 = 535.0250. A year ahead:
    # D = (535.0250 - 512.0258) / 512.0258 = 0.044918, half the range
    # (535.0250 - 451.5202) / 2 / 512.0258 = 0.081544, times sqrt(0.5)
    # = 0.057660: the range counts, the scale is 0.057660 times the heavier
    # tails' ratio t_0.9(10) / t_0.9(5) = 1.3721836 / 1.4758840 = 0.9297367,
    # 0.053609. Two years ahead and on, the growth member is further
    # (0.101047 against 0.083183), so D counts.
    t = np.arange(12.0)
    y = 100.0 * 1.15**t
    s = _states(y)
    assert s[_AT["sig2"]][0] == 0.0
    h = H[:, 0]
    point = y[11] + (y[11] - y[6]) / 5.0 * h
    growth = 100.0 * 1.15 ** (11.0 + h)
    tbar, ybar = t.mean(), y.mean()
    slope = np.sum((t - tbar) * (y - ybar)) / np.sum((t - tbar) ** 2)
    line = ybar + slope * (11.0 + h - tbar)
    far = (growth - point) / point
    half_range = (growth - line) / 2.0 / point
    ratio = 1.3721836411 / 1.4758840488
    expected = np.maximum(far, np.sqrt(0.5) * half_range) * ratio
    pred = _auto_predict(s, H)
    np.testing.assert_allclose(pred.scale[:, 0], expected, rtol=1e-8)
    assert pred.scale[0, 0] == pytest.approx(0.053609, abs=1e-6)
    assert np.sqrt(0.5) * half_range[0] > far[0]
    assert np.all(np.sqrt(0.5) * half_range[1:] < far[1:])


def test_a_long_history_ignores_the_members_range(monkeypatch):
    # From _RANGE_UPTO + 1 points on, the range does not count: 16 points
    # of 100 * 1.15^t have the same spread, to the bit, with the range's
    # weight at 0. Their last 12 points, the history of the test above
    # scaled by 1.15^4, do not: a year ahead the range counts there.
    y = 100.0 * 1.15 ** np.arange(16.0)
    long_states, short_states = _states(y), _states(y[4:])
    long_with, short_with = (
        _auto_predict(long_states, H).scale,
        _auto_predict(short_states, H).scale,
    )
    monkeypatch.setattr(auto_mod, "_RANGE_WEIGHT", 0.0)
    np.testing.assert_array_equal(_auto_predict(long_states, H).scale, long_with)
    assert np.any(_auto_predict(short_states, H).scale != short_with)
