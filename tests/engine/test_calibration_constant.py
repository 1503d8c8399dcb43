"""``auto`` on a constant history: a point mass at the constant, to the bit.

Nothing in a constant history measures a spread, so the forecast is a point
mass (``ZERO_SPREAD``). A positive series is otherwise forecast on logs, and
``exp(log y)`` is not always ``y`` in floating point: a point mass one bit off
the constant made a target of holding it certain to fail, or certain to be
exceeded (``docs/methods-record.md``, "Calibration per horizon and history length").
"""

import numpy as np
import pytest

from innovplan.engine import _forecast as fcm
from innovplan.engine import auto_parts

# Constants whose round trip through logs is off by a bit: exp(log 0.1) is
# 0.10000000000000002, exp(log 3) is 3.0000000000000004 and exp(log
# 51.44855145) is 51.44855144999999 (checked below). 51.44855145 is the forest
# area of the Bahamas in per cent of land area, constant over 1990-2012 in the
# World Development Indicators (the design set, series D0007).
CONSTANTS = (0.1, 3.0, 51.44855145)


def _constant_forecast(c: float, n: int) -> fcm.Forecasts:
    t = 2000.0 + np.arange(n)
    return fcm.auto(t, np.full(n, c), [0, n], [2000.0 + n + 2], 0.8)


def test_the_round_trip_through_logs_misses_these_constants():
    # Without this, the tests below would not tell the rule from the old one.
    for c in CONSTANTS:
        assert float(np.exp(np.log(c))) != c


@pytest.mark.parametrize("c", CONSTANTS)
@pytest.mark.parametrize("n", [7, 9, 17])
def test_a_constant_history_forecasts_the_constant_exactly(c, n):
    # 7 and 9 points: the median of the four members; 17: Holt's smoothed
    # growth is the growth member. Every member says c, so the point is c
    # and the spread (no increment differs from 0) is zero.
    fc = _constant_forecast(c, n)
    assert float(fc.point[0]) == c
    assert float(fc.lower[0]) == c
    assert float(fc.upper[0]) == c
    assert float(fc.scale[0]) == 0.0
    assert not bool(fc.log_space[0])
    assert fc.status[0] == fcm.Outcome.WARN
    assert fc.reason[0] & fcm.Reason.ZERO_SPREAD


@pytest.mark.parametrize("c", CONSTANTS)
def test_holding_the_constant_is_certain_and_exceeding_it_impossible(c):
    # A point mass at c: P(Y >= c) = 1, P(Y > c) = 0, P(Y >= 1.1 c) = 0 and
    # P(Y >= 0.9 c) = 1. One bit off c, the first two read 0 or the second 1.
    fc = _constant_forecast(c, 9)
    thr = np.array([c])
    assert float(fcm.prob_above(fc, thr, strict=False)[0]) == 1.0
    assert float(fcm.prob_above(fc, thr, strict=True)[0]) == 0.0
    assert float(fcm.prob_above(fc, 1.1 * thr, strict=False)[0]) == 0.0
    assert float(fcm.prob_above(fc, 0.9 * thr, strict=False)[0]) == 1.0


def test_a_history_that_moved_once_stays_on_logs():
    # Only a history with every value equal leaves logs: one different value
    # (first, middle or last) and the series is positive and on logs again,
    # with a spread above 0.
    for at in (0, 4, 8):
        y = np.full(9, 3.0)
        y[at] = 3.5
        fc = fcm.auto(2000.0 + np.arange(9), y, [0, 9], [2011.0], 0.8)
        assert bool(fc.log_space[0]), at
        assert float(fc.scale[0]) > 0.0, at


def test_a_constant_positive_history_is_still_explained_as_positive():
    # auto_parts' positive (every value above 0) is what Forecast.why names:
    # the growth member is a growth rate (of 0 here), not a drift on values
    # that have a zero or a negative value.
    t = np.arange(9.0)
    parts = auto_parts(t, np.full(9, 3.0), [0, 9], [11.0])
    assert bool(parts.positive[0])
    assert not bool(parts.slowed[0])
    assert np.isnan(parts.level[0])
    zero = auto_parts(t, np.zeros(9), [0, 9], [11.0])
    assert not bool(zero.positive[0])


def test_constant_histories_beside_others_change_nothing_else():
    # A batch of a constant and a moving positive series: the moving one's
    # forecast is the same, element by element, as on its own, and the
    # constant's is c.
    rng = np.random.default_rng(1606)
    moving = 100.0 * np.exp(np.cumsum(rng.normal(0.03, 0.05, 12)))
    t = 2000.0 + np.arange(12)
    both = fcm.auto(
        np.concatenate([t, t]),
        np.concatenate([np.full(12, 0.1), moving]),
        [0, 12, 24],
        np.array([[2013.0, 2016.0], [2013.0, 2016.0]]),
        0.8,
    )
    alone = fcm.auto(t, moving, [0, 12], np.array([[2013.0, 2016.0]]), 0.8)
    for name in ("point", "lower", "upper", "loc", "scale", "df", "calib"):
        np.testing.assert_array_equal(
            np.asarray(getattr(both, name))[1], np.asarray(getattr(alone, name))[0]
        )
    assert np.all(np.asarray(both.point)[0] == 0.1)


def _on_logs(name: str, t, y, indptr, h_t):
    if name == "loglinear":
        return fcm.loglinear(t, y, indptr, h_t)
    return fcm.average_change(t, y, indptr, h_t, relative=True)


@pytest.mark.parametrize("name", ["loglinear", "average_change relative"])
@pytest.mark.parametrize("c", CONSTANTS)
def test_the_other_log_methods_forecast_the_constant_exactly(name, c):
    # loglinear (a line on log y) and the relative average change (the mean
    # change of log y over the last 5 intervals) on 9 equal points: the line
    # is flat and the window's change 0, so the point is c and the spread 0.
    # On logs the point mass was exp(log c), a bit off c (see above).
    t = 2000.0 + np.arange(9)
    fc = _on_logs(name, t, np.full(9, c), [0, 9], [2011.0])
    assert float(fc.point[0]) == c
    assert float(fc.lower[0]) == c
    assert float(fc.upper[0]) == c
    assert float(fc.scale[0]) == 0.0
    assert not bool(fc.log_space[0])
    assert float(fcm.prob_above(fc, np.array([c]), strict=False)[0]) == 1.0
    assert float(fcm.prob_above(fc, np.array([c]), strict=True)[0]) == 0.0


@pytest.mark.parametrize("name", ["loglinear", "average_change relative"])
def test_the_other_log_methods_keep_moving_series_on_logs(name):
    # Beside a constant history, a moving positive series is on logs and its
    # forecast is the same, element by element, as on its own.
    rng = np.random.default_rng(1607)
    moving = 100.0 * np.exp(np.cumsum(rng.normal(0.03, 0.05, 12)))
    t = 2000.0 + np.arange(12)
    h = np.array([[2013.0, 2016.0], [2013.0, 2016.0]])
    both = _on_logs(
        name, np.concatenate([t, t]), np.concatenate([np.full(12, 3.0), moving]), [0, 12, 24], h
    )
    alone = _on_logs(name, t, moving, [0, 12], h[1:])
    for field in ("point", "lower", "upper", "loc", "scale", "df", "calib", "log_space"):
        got, want = np.asarray(getattr(both, field))[1], np.asarray(getattr(alone, field))[0]
        np.testing.assert_array_equal(got, want)
    assert np.all(np.asarray(both.log_space)[1])
    assert np.all(np.asarray(both.point)[0] == 3.0)
