"""``auto``'s spread when its four members disagree more than its growth does.

The floor's distance is at least ``_RANGE_SHARE`` (sqrt(0.5) / 2) times the
range of the four members before the cap by the bend, drawn in by the point's
share and relative to the location on logs (``docs/methods-record.md``, "The
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
    # = 1.3721836 / 1.4758840 = 0.9297368 (12 points, 10 df to
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
    # 0.07178792 * 0.9297368 = 0.0667439; the other horizons are unchanged.
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


def _range_floor(y: np.ndarray, share: float, *, on_logs: bool) -> dict[str, np.ndarray]:
    # The four members of a 10-point history h = 1..5 years ahead, worked
    # from their definitions: the latest value; the least-squares line; the
    # growth since the first point (compound on logs, the drift's straight
    # line on the values); the average change over the last 5 intervals.
    # The floor's distance is share * min(max(|g - mid|, c * range), bend)
    # with c = sqrt(0.5) / 2, over the point on logs (over 1 on the values).
    t = np.arange(10.0)
    h = H[:, 0]
    tbar, ybar = t.mean(), y.mean()
    slope = np.sum((t - tbar) * (y - ybar)) / np.sum((t - tbar) ** 2)
    growth = y[9] * (y[9] / y[0]) ** (h / 9.0) if on_logs else y[9] + (y[9] - y[0]) / 9.0 * h
    members = np.stack(
        (
            y[9] + 0.0 * h,
            ybar + slope * (9.0 + h - tbar),
            growth,
            y[9] + (y[9] - y[4]) / 5.0 * h,
        )
    )
    ordered = np.sort(members, axis=0)
    mid = 0.5 * (ordered[1] + ordered[2])
    point = y[9] + share * (mid - y[9])
    away = np.abs(members[2] - mid)
    spread = np.sqrt(0.5) / 2.0 * (ordered[3] - ordered[0])
    bend = np.abs(members[3] - members[1])
    rel = point if on_logs else 1.0
    far = share * np.minimum(np.maximum(away, spread), bend) / rel
    return {"point": point, "away": away, "spread": spread, "bend": bend, "far": far}


def _noise(monkeypatch: pytest.MonkeyPatch, s: tuple[np.ndarray, ...]) -> np.ndarray:
    # The scale from the noise models and the split alone, without the floor.
    monkeypatch.setattr(auto_mod, "_form_floor", lambda var, far: var)
    out = _auto_predict(s, H).scale[:, 0]
    monkeypatch.undo()
    return out


# The heavier tails' ratio for 10 points: t_0.9(8) / t_0.9(4) = 1.3968153
# / 1.5332063 = 0.9110420 (8 df to ceil(0.5 * 8) = 4; Student's t table).
RATIO_10 = 1.3968153097 / 1.5332062741


def test_the_members_range_is_drawn_in_by_the_points_share(monkeypatch):
    # y below at t = 0..9: positive, falling, and up again at the end, so no
    # steady fall and a trend's strength that keeps a share s < 1 of the
    # median's step beyond the latest value (read from the states,
    # t^2 / (t^2 + 3.5) from the drift's t-ratio; 0.7851964). Not slowed:
    # the window's change cw = (80 - 87) / 5 = -1.4 and the change since
    # the first point (80 - 101) / 9 = -2.3333 agree in sign and
    # |cw| >= 0.4 * 2.3333. As combined every member is drawn in by s, so
    # the range's part of the distance is drawn in too: D = s * min(max(
    # |g - mid|, c * range), |w - ols|) / point.
    # Two years ahead: latest 80; line ybar + slope * (11 - tbar) = 87.8
    # - 2.7151515 * 6.5 = 70.1515 (ybar 878 / 10, slope Sxy / Sxx
    # = -224 / 82.5); growth 80 * (80 / 101)^(2 / 9) = 75.9616; window
    # 80 - 2 * 1.4 = 77.2. Middle two 75.9616 and 77.2, mid 76.5808; point
    # 80 + s * (76.5808 - 80) = 77.3153. Growth's distance 0.6192; the range
    # 80 - 70.1515 = 9.8485 times c = 3.4820, the larger; the bend
    # 77.2 - 70.1515 = 7.0485 does not cap it: D = s * 3.4820 / 77.3153
    # = 0.0353621, scale 0.0353621 * 0.9110420 = 0.0322163.
    # Five years ahead: line 62.0061, growth 70.2830, window 73.0, mid
    # 71.6415, point 73.4369; growth's distance 1.3585 against c * 17.9939
    # = 6.3618, under the bend 10.9939: D = s * 6.3618 / 73.4369 = 0.0680213,
    # scale 0.0619703. The range not drawn in would give 1 / s = 1.274 times
    # as much (0.0410296 and 0.0789233).
    y = np.array([101, 100, 96, 90, 87, 84, 81, 81, 78, 80.0])
    s = _states(y)
    share = s[_AT["share"]][0]
    assert s[_AT["pos"]][0]
    assert not s[_AT["steady"]][0]
    assert not s[_AT["slowed"]][0]
    assert 0.75 < share < 0.8
    assert s[_AT["ratio"]][0] == pytest.approx(RATIO_10, rel=1e-8)
    worked = _range_floor(y, share, on_logs=True)
    # The range binds from two years on: above growth's distance, under the
    # bend, and the floor above the noise's spread.
    assert np.all(worked["spread"][1:] > worked["away"][1:])
    assert np.all(worked["spread"][1:] < worked["bend"][1:])
    floor = worked["far"] * RATIO_10
    noise = _noise(monkeypatch, s)
    assert np.all(floor[1:] > noise[1:])
    pred = _auto_predict(s, H)
    np.testing.assert_allclose(pred.loc[:, 0], np.log(worked["point"]), rtol=1e-12)
    np.testing.assert_allclose(pred.scale[:, 0], np.maximum(noise, floor), rtol=1e-8)
    assert pred.scale[1, 0] == pytest.approx(0.0322163, abs=1e-7)
    assert pred.scale[4, 0] == pytest.approx(0.0619703, abs=1e-7)


def test_the_members_range_on_the_values_is_drawn_in_by_the_share(monkeypatch):
    # y below at t = 0..9: negative, so no logs: the spread is on the
    # values (relative to 1, not to the point) and the growth member is the
    # drift's line y9 + (y9 - y0) / 9 * h = -82 - 32 / 9 * h. Falling, up
    # at the end (no steady fall); not slowed: cw = (-82 + 70) / 5 = -2.4
    # and -32 / 9 = -3.5556 agree in sign and |cw| >= 0.4 * 3.5556. The
    # share s is read from the states (0.8662672).
    # A year ahead: latest -82; line ybar + slope * (10 - tbar) = -69.9
    # - 4.0181818 * 5.5 = -92 (ybar -699 / 10, slope Sxy / Sxx
    # = -331.5 / 82.5); growth -85.5556; window -84.4. Middle two -85.5556
    # and -84.4, mid -84.9778; point -82 + s * (-2.9778) = -84.5796.
    # Growth's distance 0.5778; the range -82 + 92 = 10 times c = 3.5355,
    # the larger; the bend -84.4 + 92 = 7.6 does not cap it: D = s * 3.5355
    # = 3.0627171, scale 3.0627171 * 0.9110420 = 2.7902638.
    # Three years ahead: line -100.0364, growth -92.6667, window -89.2, mid
    # -90.9333; growth's distance 1.7333 against c * 18.0364 = 6.3768, under
    # the bend 10.8364: D = s * 6.3768 = 5.5240278, scale 5.0326213. The
    # range not drawn in would give 1 / s = 1.154 times as much.
    y = np.array([-50, -53, -60, -64, -70, -75, -80, -81, -84, -82.0])
    s = _states(y)
    share = s[_AT["share"]][0]
    assert not s[_AT["pos"]][0]
    assert not s[_AT["steady"]][0]
    assert not s[_AT["slowed"]][0]
    assert 0.85 < share < 0.9
    worked = _range_floor(y, share, on_logs=False)
    # The range binds at every horizon.
    assert np.all(worked["spread"] > worked["away"])
    assert np.all(worked["spread"] < worked["bend"])
    floor = worked["far"] * RATIO_10
    noise = _noise(monkeypatch, s)
    assert np.all(floor > noise)
    pred = _auto_predict(s, H)
    np.testing.assert_allclose(pred.loc[:, 0], worked["point"], rtol=1e-12)
    np.testing.assert_allclose(pred.scale[:, 0], floor, rtol=1e-8)
    assert pred.scale[0, 0] == pytest.approx(2.7902638, abs=1e-6)
    assert pred.scale[2, 0] == pytest.approx(5.0326213, abs=1e-6)
