"""``auto``'s spread when its four members disagree more than its growth does.

The floor's distance is at least ``_RANGE_SHARE`` (sqrt(0.5) / 2) times the
range of the four members before the cap by the bend, drawn in by the point's
share and relative to the location on logs (``docs/methods.md``, "The
members' range").
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


def test_the_members_range_binds_a_year_ahead(monkeypatch):
    # y = 100 * 1.2^t at t = 0..11 (12 points, fewer than the 13 from which
    # the growth member is Holt's): on logs every increment is log 1.2, so
    # sig2 = 0 and the noise models add nothing. A steady rise (share 1, the
    # average change stands in for the latest value), so the members h years
    # ahead are: the window y11 + cw h twice, cw = (y11 - y6) / 5
    # = (743.0084 - 298.5984) / 5 = 88.8820; the least-squares line (tbar
    # 5.5, ybar 329.8375, slope 55.7974); growth 100 * 1.2^(11 + h). The two
    # middle members are both the window: split 0, point = window, and the
    # variance on logs is D^2 alone: D is the larger of growth's distance
    # from the point and c times the range (growth less line), at most the
    # bend (point less line), over the point; c is sqrt(0.5) / 2, 0.3535534.
    # A year ahead: point 831.8904, growth 891.6100, line 692.5205. Growth's
    # distance 59.7197; the range 199.0896 times c is 70.3888, the larger;
    # the bend 139.3699 does not cap it: D = 70.3888 / 831.8904 = 0.0846131
    # (the growth distance alone gave 0.0717879).
    # Two years ahead: point 920.7724, growth 1069.9321, line 748.3179:
    # growth's distance 149.1597 against c * 321.6142 = 113.7078, capped by
    # the bend 172.4545: D = 149.1597 / 920.7724 = 0.1619941, as before.
    # The scale is D times the heavier tails' ratio t_0.9(10) / t_0.9(5)
    # = 1.3721836 / 1.4758840 = 0.9297376 (12 points, 10 df to
    # ceil(0.5 * 10) = 5; Student's t table): 0.0786679 and 0.1506119.
    t = np.arange(12.0)
    y = 100.0 * 1.2**t
    s = _states(y)
    assert s[_AT["sig2"]][0] == 0.0
    h = H[:, 0]
    point = y[11] + (y[11] - y[6]) / 5.0 * h
    growth = 100.0 * 1.2 ** (11.0 + h)
    tbar, ybar = t.mean(), y.mean()
    slope = np.sum((t - tbar) * (y - ybar)) / np.sum((t - tbar) ** 2)
    line = ybar + slope * (11.0 + h - tbar)
    c = np.sqrt(0.5) / 2.0
    far = np.minimum(np.maximum(growth - point, c * (growth - line)), point - line) / point
    ratio = 1.3721836411 / 1.4758840488
    pred = _auto_predict(s, H)
    np.testing.assert_allclose(pred.loc[:, 0], np.log(point), rtol=1e-12)
    np.testing.assert_allclose(pred.scale[:, 0], far * ratio, rtol=1e-7)
    assert pred.scale[0, 0] == pytest.approx(0.0786679, abs=1e-7)
    assert pred.scale[1, 0] == pytest.approx(0.1506119, abs=1e-7)
    # Without the range the year ahead has the growth distance alone,
    # 0.0717879 * 0.9297376 = 0.0667439; the other horizons are unchanged.
    monkeypatch.setattr(auto_mod, "_RANGE_SHARE", 0.0)
    without = _auto_predict(s, H).scale[:, 0]
    assert without[0] == pytest.approx(0.0667439, abs=1e-7)
    np.testing.assert_array_equal(without[1:], pred.scale[1:, 0])


def test_the_range_only_widens(monkeypatch):
    # A floor on the distance: for any history the scale with the range is
    # at least the scale without it.
    rng = np.random.default_rng(16)
    for y in (
        100.0 * 1.2 ** np.arange(12.0),
        50.0 + np.cumsum(rng.normal(1.0, 2.0, 9)),
        100.0 * np.exp(0.08 * np.arange(7.0) + rng.normal(0.0, 0.05, 7)),
        200.0 - 3.0 * np.arange(8.0) + rng.normal(0.0, 4.0, 8),
    ):
        s = _states(y)
        with_range = _auto_predict(s, H).scale
        monkeypatch.setattr(auto_mod, "_RANGE_SHARE", 0.0)
        without = _auto_predict(s, H).scale
        monkeypatch.undo()
        assert np.all(np.isfinite(with_range))
        assert np.all(with_range >= without)
