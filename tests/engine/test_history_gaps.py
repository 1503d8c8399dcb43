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


def _uneven(t: np.ndarray, seg: np.ndarray, n: int) -> bool:
    # By definition: some target holds two spacings that differ.
    return any(np.unique(np.diff(t[seg == k])).size > 1 for k in range(n))


def test_even_reading_declines_exactly_the_uneven_targets():
    # Each case changes one spacing: the last of the last target, the first of
    # the first, one next to a between-target difference, or none. A
    # between-target difference (2001 -> 2002 or 2001 -> 1990) is never a
    # spacing: equal to the targets' spacings or not, it changes nothing.
    cases = {
        "even, between equal": ([2000.0, 2001, 2002, 2003], [0, 0, 1, 1], False),
        "even, between back": ([2000.0, 2001, 1990, 1991, 1992], [0, 0, 1, 1, 1], False),
        "last spacing differs": ([2000.0, 2001, 2002, 2010, 2011, 2013], [0, 0, 0, 1, 1, 1], True),
        "first spacing differs": ([2000.0, 2002, 2003, 2010, 2011], [0, 0, 0, 1, 1], True),
        "after a one-point target": ([2000.0, 2005, 2006, 2008], [0, 2, 2, 2], True),
        "two-point targets only": (
            [2000.0, 2001, 2005, 2008, 2000, 2010],
            [0, 0, 1, 1, 3, 3],
            False,
        ),
    }
    for name, (t_list, seg_list, uneven) in cases.items():
        t, seg = np.array(t_list), np.array(seg_list)
        n = int(seg.max()) + 2  # and an empty target at the end
        assert _uneven(t, seg, n) is uneven, name
        got = _even_gaps(t, _indptr(seg, n), n)
        assert (got is None) is uneven, name
        assert _gaps(t, seg, n, _indptr(seg, n)).tolist() == _gaps(t, seg, n).tolist(), name
    # "two-point targets only": targets 1 (2005, 2008) and 3 (2000, 2010) have
    # one spacing each, its own median: no gap anywhere.
    t = np.array([2000.0, 2001, 2005, 2008, 2000, 2010])
    seg = np.array([0, 0, 1, 1, 3, 3])
    assert _even_gaps(t, _indptr(seg, 5), 5).tolist() == [False] * 5


def test_even_reading_declines_as_the_definition_on_random_targets():
    rng = np.random.default_rng(23)
    declined = 0
    for _ in range(300):
        n = int(rng.integers(1, 12))
        counts = rng.integers(0, 6, n)
        parts = []
        for c in counts:
            steps = np.full(c, rng.choice([1.0, 0.25, 2.0]))
            if c > 2 and rng.random() < 0.2:  # one spacing off: the last, or another
                steps[int(rng.integers(1, c))] *= 2.0
            parts.append(rng.choice([1990.0, 2000.0]) + np.cumsum(steps))
        t = np.concatenate(parts) if counts.sum() else np.zeros(0)
        seg = np.repeat(np.arange(n), counts)
        if t.size < 2:
            continue
        got = _even_gaps(t, _indptr(seg, n), n)
        assert (got is None) is _uneven(t, seg, n)
        declined += got is None
        if got is not None:
            assert got.tolist() == _gaps(t, seg, n).tolist()
    assert 20 < declined < 200
