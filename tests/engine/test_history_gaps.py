"""The GAP bit of histories: a spacing over 1.5 times the history's median spacing."""

import numpy as np

from innovplan.engine._history import _even_gaps, _gaps


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


def _indptr(seg: np.ndarray, n: int) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(np.bincount(seg, minlength=n))])


def test_gaps_with_segment_bounds_by_hand():
    # The same five targets with their bounds (indptr) given: target 1's
    # uneven spacings take the general reading, and the answer is the same.
    t = np.array([2000.0, 2001, 2002, 2000, 2001, 2002, 2005, 2010, 2000, 2002, 2004, 2005])
    seg = np.array([0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 3])
    got = _gaps(t, seg, 5, _indptr(seg, 5))
    assert got.tolist() == [False, True, False, False, False]


def test_evenly_spaced_targets_read_in_place_have_no_gap():
    # Targets 0 and 2 yearly, target 1 every 2 years (spacings 2, 2: median
    # 2, none over 3), target 3 a single point, target 4 none: every spacing
    # a target has is its only one, so no target has a gap; the last
    # target's points end the arrays (its stop is one past the spacings).
    t = np.array([2000.0, 2001, 2002, 2010, 2012, 2014, 2020, 1990, 1991])
    seg = np.array([0, 0, 0, 1, 1, 1, 3, 5, 5])
    n = 6
    # Read in place (not handed to the general reading), and without gaps.
    assert _even_gaps(t, _indptr(seg, n), n) is not None
    assert _gaps(t, seg, n, _indptr(seg, n)).tolist() == [False] * n
    assert _gaps(t, seg, n).tolist() == [False] * n


def test_gaps_with_segment_bounds_equal_the_general_reading():
    rng = np.random.default_rng(11)
    for _ in range(50):
        n = int(rng.integers(1, 30))
        counts = rng.integers(0, 7, n)
        parts = []
        for c in counts:
            steps = np.ones(c) * rng.choice([1.0, 0.25, 2.0])
            if rng.random() < 0.3:  # some targets unevenly spaced
                steps = rng.choice([1.0, 2.0, 4.0], c)
            parts.append(2000.0 + np.cumsum(steps))
        t = np.concatenate(parts) if counts.sum() else np.zeros(0)
        if rng.random() < 0.1 and t.size:
            t[int(rng.integers(0, t.size))] = np.nan  # a spacing that is not finite
        seg = np.repeat(np.arange(n), counts)
        assert _gaps(t, seg, n, _indptr(seg, n)).tolist() == _gaps(t, seg, n).tolist()
