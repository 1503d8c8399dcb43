"""The GAP bit of histories: a spacing over 1.5 times the history's median spacing."""

import numpy as np

from innovplan.engine._history import _gaps


def test_gaps_by_hand():
    # Target 0: yearly, no gap. Target 1: 2000, 2001, 2002, 2005 - spacings
    # 1, 1, 3, median 1, 3 > 1.5 + half a day: a gap. Target 2: one point.
    # Target 3: 2000, 2002, 2004, 2005 - spacings 2, 2, 1, median 2, none
    # over 3. Target 4: none.
    t = np.array([2000.0, 2001, 2002, 2000, 2001, 2002, 2005, 2010, 2000, 2002, 2004, 2005])
    seg = np.array([0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 3])
    assert _gaps(t, seg, 5).tolist() == [False, True, False, False, False]


def test_gaps_equal_each_target_with_numpy_median():
    rng = np.random.default_rng(5)
    ts, segs, want = [], [], []
    for i in range(300):
        n = int(rng.integers(1, 12))
        steps = rng.choice([1.0, 1.0, 1.0, 2.0, 0.5, 3.0], n) if i % 3 else np.ones(n)
        t = 1990.0 + np.cumsum(steps)
        ts.append(t)
        segs.append(np.full(n, i))
        d = np.diff(t)
        want.append(bool(d.size and np.any(d > 1.5 * np.median(d) + 0.5 / 366.0)))
    got = _gaps(np.concatenate(ts), np.concatenate(segs), 300)
    assert got.tolist() == want
    assert 20 < sum(want) < 280
