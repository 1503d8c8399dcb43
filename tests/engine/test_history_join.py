"""The histories' join: its shortcut for targets that are the indicators in code order.

When target k reads indicator k and the rows' indicators are ascending codes
of targets, ``_join`` pairs each row with its indicator's target without the
engine's search (``_pairs``); every answer must be the search's, bit for bit.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from innovplan.engine import ObservationArrays
from innovplan.engine import _codes as c
from innovplan.engine import _history as h


def _observations(ind: np.ndarray, rng: np.random.Generator) -> ObservationArrays:
    """Rows of *ind* (ascending) with yearly periods, some of them parts of a year."""
    n = ind.shape[0]
    start = 2000.0 + rng.integers(0, 21, n).astype(np.float64)  # 2020: the targets' own year
    part = rng.random(n) < 0.2
    end = np.where(part, start + 0.5, start + 1.0)
    order = np.lexsort((end, start, ind))
    ind, start, end = ind[order], start[order], end[order]
    bound = np.where(rng.random(n) < 0.1, c.LOWER, c.EXACT).astype(np.int8)
    return ObservationArrays(
        ind, start, end, end + 0.1, rng.normal(50.0, 10.0, n), bound, np.zeros(n, bool)
    )


def _joined(obs: ObservationArrays, targets: int, measure: np.ndarray, *, shortcut: bool):
    t_ind = np.arange(targets, dtype=np.int64)
    start = np.full(targets, 2020.0)
    end = np.full(targets, 2021.0)
    src_row = np.arange(obs.ind.shape[0], dtype=np.int64)
    if not shortcut:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(h, "_joins_every_row", lambda _o, _t: False)
            return h._join(obs, src_row, None, t_ind, start, end, measure)
    return h._join(obs, src_row, None, t_ind, start, end, measure)


def _same(a: object, b: object) -> bool:
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(map(_same, a, b))
    x, y = np.asarray(a), np.asarray(b)
    return x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_shortcut_gives_the_search_answer(seed):
    rng = np.random.default_rng(seed)
    targets = int(rng.integers(1, 30))
    # Some indicators have no row; some have many.
    ind = np.sort(rng.integers(0, targets, int(rng.integers(1, 200)))).astype(np.int64)
    obs = _observations(ind, rng)
    kinds = [c.LEVEL, c.FLOW, c.GROWTH] if seed % 2 else [c.LEVEL]
    measure = rng.choice(kinds, targets).astype(np.int8)
    assert h._joins_every_row(obs.ind, np.arange(targets, dtype=np.int64))
    fast = _joined(obs, targets, measure, shortcut=True)
    slow = _joined(obs, targets, measure, shortcut=False)
    assert _same(fast, slow)


def test_shortcut_by_hand():
    # Indicators 0, 0, 2 for targets 0..2: target 0 has both rows of indicator
    # 0 (2000, 2001), target 1 none, target 2 one row (2005).
    ind = np.array([0, 0, 2], dtype=np.int64)
    start = np.array([2000.0, 2001.0, 2005.0])
    obs = ObservationArrays(
        ind, start, start + 1, start + 1, np.array([1.0, 2.0, 3.0]),
        np.zeros(3, np.int8), np.zeros(3, bool),
    )  # fmt: skip
    t_h, y_h, indptr = _joined(obs, 3, np.zeros(3, np.int8), shortcut=True)[:3]
    assert t_h.tolist() == [2001.0, 2002.0, 2006.0]  # points at each period's end
    assert y_h.tolist() == [1.0, 2.0, 3.0]
    assert indptr.tolist() == [0, 2, 2, 3]


@pytest.mark.parametrize(
    ("obs_ind", "t_ind"),
    [
        ([0, 1, 1], [0, 1, 2]),  # every condition holds
        ([-1, 0, 1], [0, 1]),  # a row no target reads
        ([0, 1, 2], [0, 1]),  # a row of an indicator past the targets'
        ([1, 0, 1], [0, 1]),  # rows not ascending
        ([0, 1], [0, 2]),  # target 1 is not of indicator 1
        ([0, 1], [1, 2]),
        ([], [0, 1]),
        ([0], []),
    ],
)
def test_when_the_shortcut_applies(obs_ind, t_ind):
    applies = obs_ind == [0, 1, 1]
    got = h._joins_every_row(np.array(obs_ind, dtype=np.int64), np.array(t_ind, dtype=np.int64))
    assert got is applies


def test_shortcut_needs_int64_codes():
    # pt would be the rows' own column: it must have the search's dtype.
    assert not h._joins_every_row(np.array([0, 1], dtype=np.int32), np.arange(2))


@pytest.mark.parametrize("seed", range(20))
def test_target_offsets_count_each_targets_points(seed):
    # indptr[k] is the number of history points of targets before k: targets
    # without a row (some in the middle, the last ones) have empty spans.
    rng = np.random.default_rng(100 + seed)
    targets = int(rng.integers(2, 30))
    ind = np.sort(rng.integers(0, targets - 1, int(rng.integers(1, 200)))).astype(np.int64)
    obs = _observations(ind, rng)
    measure = rng.choice([c.LEVEL, c.FLOW], targets).astype(np.int8)
    for shortcut in (True, False):
        t_h, _, indptr, *_ = _joined(obs, targets, measure, shortcut=shortcut)
        # Each target's points, counted from the observations it reads.
        counts = np.zeros(targets, dtype=np.int64)
        for k in range(targets):
            rows = obs.ind == k
            flow = measure[k] == c.FLOW
            # A flow reads whole years only (its own period is one year long).
            counts[k] = (
                int((rows & (obs.end - obs.start == 1.0)).sum()) if flow else int(rows.sum())
            )
        assert indptr.dtype == np.int64
        assert indptr.tolist() == [0, *np.cumsum(counts).tolist()]
        assert indptr[-1] == t_h.shape[0]


def test_expand_of_empty_segments_by_hand():
    # Three segments, all empty, named as 0, 2, 2, 1: no rows, offsets 0 x 5.
    gather, offsets = h._expand(np.zeros(4, dtype=np.int64), np.array([0, 2, 2, 1]))
    assert gather.dtype == offsets.dtype == np.int64
    assert gather.tolist() == []
    assert offsets.tolist() == [0, 0, 0, 0, 0]
    # Segments [0, 2) and [2, 3) named as 1, 0, 1: rows 2, 0, 1, 2, offsets 0, 1, 3, 4.
    gather, offsets = h._expand(np.array([0, 2, 3]), np.array([1, 0, 1]))
    assert gather.tolist() == [2, 0, 1, 2]
    assert offsets.tolist() == [0, 1, 3, 4]


def _selected(ind: list[int], start: list[float], end: list[float]) -> bool:
    m = len(ind)
    obs = ObservationArrays(
        np.array(ind, dtype=np.int64), np.array(start), np.array(end), np.array(end),
        np.ones(m), np.full(m, c.EXACT, dtype=np.int8), np.zeros(m, bool),
    )  # fmt: skip
    # (Only the arrays and the flag are read.)
    return h._every_row_selected(type("Cols", (), {"arrays": obs, "one_per_period": True})())


@pytest.mark.parametrize(
    ("name", "ind", "start", "end", "want"),
    [
        # Strictly ascending (indicator, start, end): every row its period's one release.
        ("yearly", [0, 0, 1, 1], [2000.0, 2001, 2000, 2001], [2001.0, 2002, 2001, 2002], True),
        # The same start, a later end (a half year, then the year): ascending still.
        ("same start", [0, 0, 0], [2000.0, 2000, 2001], [2000.5, 2001, 2002], True),
        # The same start and end twice: two releases of a period.
        ("a period twice", [0, 0, 1], [2000.0, 2000, 2000], [2001.0, 2001, 2001], False),
        # An end that goes back with the same start.
        ("end back", [0, 0], [2000.0, 2000], [2001.0, 2000.5], False),
        # A start that goes back within an indicator, or an indicator that goes back.
        ("start back", [0, 0, 1], [2001.0, 2000, 2000], [2002.0, 2001, 2001], False),
        ("indicator back", [1, 0], [2000.0, 2001], [2001.0, 2002], False),
        # The next indicator may start earlier.
        ("next earlier", [0, 1], [2005.0, 1990], [2006.0, 1991], True),
    ],
)
def test_every_row_selected_is_strictly_ascending_periods(name, ind, start, end, want):
    # By definition: each row's (indicator, start, end) is above the one before.
    keys = list(zip(ind, start, end, strict=True))
    assert all(a < b for a, b in itertools.pairwise(keys)) is want, name
    assert _selected(ind, start, end) is want, name


@pytest.mark.parametrize(
    ("name", "break_rows", "want"),
    [
        # Rows 0-1 are indicator 0's (target 0), row 2 indicator 2's (target 2).
        ("no break", [], [False, False, False]),
        ("no break array", None, [False, False, False]),
        ("the last row", [2], [False, False, True]),
        ("a middle row", [1], [True, False, False]),
        ("every row", [0, 1, 2], [True, False, True]),
    ],
)
def test_break_flags_are_the_targets_with_a_break_point(name, break_rows, want):
    # A target is flagged BREAK when one of its history points is a break row;
    # no break row at all flags none (and gathers nothing).
    obs = ObservationArrays(
        np.array([0, 0, 2]), np.array([2000.0, 2001.0, 2005.0]),
        np.array([2001.0, 2002.0, 2006.0]), np.array([2001.0, 2002.0, 2006.0]),
        np.array([1.0, 2.0, 3.0]), np.full(3, c.EXACT, dtype=np.int8), np.zeros(3, bool),
    )  # fmt: skip
    breaks = None
    if break_rows is not None:
        breaks = np.zeros(3, dtype=bool)
        breaks[break_rows] = True
    t_ind = np.arange(3, dtype=np.int64)
    span = np.full(3, 2020.0), np.full(3, 2021.0)
    measure = np.full(3, c.LEVEL, dtype=np.int8)
    flags = h._join(obs, np.arange(3, dtype=np.int64), breaks, t_ind, *span, measure)[5]
    assert ((flags & h.BREAK) != 0).tolist() == want, name
