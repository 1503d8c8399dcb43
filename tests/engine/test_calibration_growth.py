"""``auto``'s spread where the growth member lies beyond the noise.

The squared distance between the point and the growth member (drawn in by the
point's share), beyond ``_GROWTH_FAR`` times the spread's variance, is added
to the variance (``docs/methods.md``, "Growth beyond the noise").
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
    return tuple(np.asarray(x)[:, -1] for x in _auto_states(p, 1))


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
    # / 577.701 = 0.071789, times 0.911042 = 0.065402.
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
