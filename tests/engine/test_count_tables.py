"""Tables by point count are read only inside themselves.

auto reads tables of every count from 0 to the largest with numpy's take in
mode "clip", which would read a count past the end as the last entry without
an error: the counts must lie in 0..top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from innovplan import engine
from innovplan.engine import _auto
from innovplan.engine._models import _whole_tau_sums
from innovplan.engine._panel import _panel

if TYPE_CHECKING:
    from innovplan.engine._types import FloatArray


def _batch(seed: int) -> tuple[FloatArray, FloatArray, Any]:
    # Yearly series of 0 to 30 points (so auto reads its tables by count),
    # some with a NaN to drop, a repeated year or a gap.
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for i in range(60):
        n = int(rng.integers(0, 31))
        t = 2000.0 + np.arange(n)
        y = 50.0 * 1.04 ** np.arange(n) + rng.normal(0.0, 1.0, n)
        if n > 3 and i % 7 == 1:
            y[1] = np.nan
        if n > 3 and i % 11 == 2:
            t[2] = t[1]
        if n > 3 and i % 13 == 3:
            t[n // 2 :] += 2.0
        ts.append(t)
        ys.append(y)
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    return np.concatenate(ts), np.concatenate(ys), indptr


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("time_major", [False, True])
def test_panel_counts_lie_between_zero_and_the_series_count(seed: int, time_major: bool) -> None:
    t, y, indptr = _batch(seed)
    p = _panel(t, y, indptr, log=False, time_major=time_major)
    assert p.nj.min() >= 0
    assert (p.nj <= p.n[:, None]).all()
    # The last column holds each series' own count: the largest of each row.
    np.testing.assert_array_equal(p.nj[:, -1], p.n)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_auto_reads_every_table_by_count_inside_it(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[int, int, int]] = []
    by_index = _auto._by_index

    def checked(table: FloatArray, at: Any, *, out: FloatArray) -> FloatArray:
        reads.append((int(at.min(initial=0)), int(at.max(initial=0)), table.size))
        return by_index(table, at, out=out)

    monkeypatch.setattr(_auto, "_by_index", checked)
    t, y, indptr = _batch(seed)
    h = np.full(indptr.size - 1, 2035.0)
    engine.auto(t, y, indptr, h)
    assert reads  # yearly series: the spans and tails are read by count
    for low, high, size in reads:
        assert 0 <= low <= high < size


def test_whole_tau_sums_by_hand() -> None:
    # Three columns (tau = -2, -1, 0) and two series with 0..2 and 1..3
    # points up to each column. Column 0 (e = 2): no point -> 0 and 0; one
    # point -> -2 and 4. Column 1 (e = 1): one point -> -1 and 1; two
    # points -> -(1 + 2) = -3 and 1 + 4 = 5. Column 2 (e = 0): two points ->
    # -(0 + 1) = -1 and 0 + 1 = 1; three -> -(0 + 1 + 2) = -3 and 5.
    counts = np.array([[0, 1], [1, 2], [2, 3]])
    out = (np.empty((3, 2)), np.empty((3, 2)))
    _whole_tau_sums(counts, out=out)
    np.testing.assert_array_equal(out[0], [[0.0, -2.0], [-1.0, -3.0], [-1.0, -3.0]])
    np.testing.assert_array_equal(out[1], [[0.0, 4.0], [1.0, 5.0], [1.0, 5.0]])
