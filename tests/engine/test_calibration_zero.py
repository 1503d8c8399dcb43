"""``auto``'s spread for a series with a zero and no negative value.

Such a series has no logs, so its spread is on the values; its scale grows in
proportion to the point over the latest value (``docs/methods-record.md``,
"Calibration per horizon and history length").
"""

import numpy as np

from innovplan.engine._auto import _AT, _auto_predict, _auto_states
from innovplan.engine._panel import _panel

# Index of the zero flag among the states (see _spread_parts).
ZERO = _AT["zero"]


def _states(y: np.ndarray) -> tuple[np.ndarray, ...]:
    t = np.arange(y.size, dtype=float)
    p = _panel(t, y, [0, y.size], log=False, time_major=True)
    return tuple(np.asarray(x)[:, -1] for x in _auto_states(p, 1))


def _without_flag(s: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    return tuple(np.zeros(1, bool) if i == ZERO else x for i, x in enumerate(s))


def test_scale_grows_with_the_point_over_the_latest_value():
    # y = 0, 1, 3, 4, 6, 8, 9 at t = 0..6: a zero, none negative, so no logs.
    # It rose in each of its last 3 intervals and its average change over the
    # last 5, (9 - 1) / 5 = 1.6, is at least 0.8 of its mean change since the
    # first point, 9 / 6 = 1.5: a steady rise, the average change stands in
    # for the latest value. Members h years ahead: average change 9 + 1.6 h
    # (twice), constant change 9 + 1.5 h, least-squares line (tbar 3, ybar
    # 31 / 7, slope 44 / 28 = 1.571429) 31 / 7 + 1.571429 (3 + h) = 9.142857
    # + 1.571429 h, at least 9 + 1.6 h up to h = 5. Middle two: 9 + 1.6 h
    # both, so the point is 9 + 1.6 h and the scale is (9 + 1.6 h) / 9 times
    # the one without the rule: 10.6 / 9 = 1.177778 a year ahead, 17 / 9 =
    # 1.888889 five years ahead.
    y = np.array([0.0, 1, 3, 4, 6, 8, 9])
    s = _states(y)
    assert bool(s[ZERO][0])
    h = np.arange(1.0, 6.0)[:, None]
    with_rule = _auto_predict(s, h)
    without = _auto_predict(
        tuple(np.zeros(1, bool) if i == ZERO else x for i, x in enumerate(s)), h
    )
    np.testing.assert_allclose(with_rule.loc[:, 0], 9.0 + 1.6 * h[:, 0], rtol=1e-12)
    np.testing.assert_allclose(
        with_rule.scale[:, 0] / without.scale[:, 0], (9.0 + 1.6 * h[:, 0]) / 9.0, rtol=1e-12
    )
    np.testing.assert_allclose(
        with_rule.scale[[0, 4], 0] / without.scale[[0, 4], 0], [1.177778, 1.888889], rtol=1e-6
    )


def test_positive_series_and_points_below_the_latest_value_keep_their_spread():
    # A positive series is on logs (no zero flag). A series with a zero whose
    # point falls below its latest value keeps the increments' spread (the
    # factor is at least 1): y = 0, 9, 8, 6, 4, 3, 1 ends at 1, and its point
    # five years ahead falls below 1 (asserted below), where the factor is 1.
    h = np.arange(1.0, 6.0)[:, None]
    s = _states(np.array([1.0, 2, 4, 5, 7, 9, 10]))
    assert not bool(s[ZERO][0])
    s = _states(np.array([0.0, 9, 8, 6, 4, 3, 1]))
    assert bool(s[ZERO][0])
    with_rule = _auto_predict(s, h)
    without = _auto_predict(_without_flag(s), h)
    factor = with_rule.scale[:, 0] / without.scale[:, 0]
    np.testing.assert_allclose(factor, np.maximum(with_rule.loc[:, 0], 1.0), rtol=1e-12)
    assert with_rule.loc[4, 0] < 1.0
    assert factor[4] == 1.0
