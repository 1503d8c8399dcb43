"""A target's baseline read from its history: the latest point within half a day."""

from __future__ import annotations

import numpy as np

from innovplan.engine._history import SharedHistories
from innovplan.engine._measured import _value_at
from innovplan.engine._segments import EPS_TIME


def _shared(times: list[np.ndarray], of: np.ndarray) -> SharedHistories:
    t = np.concatenate(times) if times else np.zeros(0)
    indptr = np.concatenate([[0], np.cumsum([x.size for x in times])]).astype(np.int64)
    y = np.arange(t.size, dtype=np.float64) + 0.5  # each point's value names it
    none = np.zeros(t.size, dtype=np.int64)
    return SharedHistories(t, y, indptr, none, none.astype(np.int8), np.zeros(0, np.int64), of)


def _latest(d: SharedHistories) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Each target's history, its latest time (-inf: none) and value (NaN),
    # as Histories.latest gives them, by definition.
    ends = [(int(d.indptr[k]), int(d.indptr[k + 1])) for k in d.of.tolist()]
    has = np.array([hi > lo for lo, hi in ends], dtype=bool)
    last_t = np.array([d.t[hi - 1] if hi > lo else -np.inf for lo, hi in ends])
    last_y = np.array([d.y[hi - 1] if hi > lo else np.nan for lo, hi in ends])
    return has, last_t, last_y


def _by_definition(d: SharedHistories, when: np.ndarray) -> np.ndarray:
    # The latest point of the target's history within EPS_TIME of its time.
    out = np.full(when.size, np.nan)
    for i, k in enumerate(d.of.tolist()):
        lo, hi = int(d.indptr[k]), int(d.indptr[k + 1])
        near = [j for j in range(lo, hi) if abs(d.t[j] - when[i]) < EPS_TIME]
        if near:
            out[i] = d.y[max(near)]
    return out


def test_by_hand():
    # History 0: 2020, 2021, 2022; history 1: 2021.5 twice (a revision at the
    # same time: the later point wins); history 2: empty.
    d = _shared([np.array([2020.0, 2021.0, 2022.0]), np.array([2021.5, 2021.5]), np.zeros(0)],
                np.array([0, 0, 0, 0, 0, 1, 1, 2]))  # fmt: skip
    when = np.array([2022.0, 2022.0 + EPS_TIME / 2, 2021.0, 2023.0, 2019.0, 2021.5, np.nan, 2021.0])
    got = _value_at(d, when, _latest(d))
    # values: point i is i + 0.5
    want = [2.5, 2.5, 1.5, np.nan, np.nan, 4.5, np.nan, np.nan]
    np.testing.assert_array_equal(got, want)


def test_equal_to_the_definition_on_random_histories():
    rng = np.random.default_rng(20261205)
    for _ in range(20):
        times = []
        for _ in range(int(rng.integers(1, 40))):
            n = int(rng.integers(0, 12))
            steps = rng.choice([1.0, 0.5, 0.25, EPS_TIME / 3, 0.0, 2.0], n)
            times.append(2000.0 + np.cumsum(steps))
        of = rng.integers(0, len(times), 300)
        d = _shared(times, of)
        if d.t.size == 0:
            continue
        # Times at points, next to them (inside and outside half a day), at
        # and past either end, between points, and NaN.
        pick = d.t[rng.integers(0, d.t.size, of.size)]
        jitter = rng.choice(
            [0.0, EPS_TIME * 0.99, -EPS_TIME * 0.99, EPS_TIME * 1.01, 0.3, -7.0, 40.0], of.size
        )
        when = pick + jitter
        when[rng.random(of.size) < 0.03] = np.nan
        got = _value_at(d, when, _latest(d))
        want = _by_definition(d, when)
        np.testing.assert_array_equal(got, want)
