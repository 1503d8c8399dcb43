"""auto runs with numpy's buffers no longer than a row of series: the same floats as without.

Operations between (rows, series) arrays and a per-series row broadcast over
them copy the operands into numpy's buffers unless a buffer is no longer than
a row. The buffer size changes no elementwise value and no reduction the
kernel makes (maxima, counts, sums along an outer axis), so auto's forecasts
must be the same bits with numpy's default buffers.
"""

import contextlib

import numpy as np
import pytest

from innovplan.engine import _forecast, auto
from innovplan.engine._scratch import _row_buffers
from innovplan.errors import EvaluationError


def _same_bits(a: np.ndarray, b: np.ndarray) -> None:
    a, b = np.broadcast_arrays(np.asarray(a), np.asarray(b))
    if a.dtype == np.float64:
        a, b = a.view(np.int64), b.view(np.int64)
    np.testing.assert_array_equal(a, b)


def _batch(seed: int, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # Series of 1 to 40 points, yearly or with gaps, growing, noisy, with a
    # zero, negative or constant; three horizons each.
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for i in range(count):
        n = int(rng.integers(1, 41))
        gaps = rng.choice([1.0, 1.0, 2.0], n) if i % 3 == 0 else np.ones(n)
        t = 1990.0 + np.cumsum(gaps)
        y = rng.choice([0.0, 50.0, -20.0]) + np.cumsum(rng.normal(rng.normal(), 2.0, n))
        if i % 7 == 0:
            y = np.full(n, 2.0)
        elif i % 5 == 0:
            y = 5.0 * 1.05 ** np.arange(n)
        ts.append(t)
        ys.append(y)
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    last = np.array([t[-1] for t in ts])
    return np.concatenate(ts), np.concatenate(ys), indptr, last[:, None] + [1.0, 2.5, 7.0]


@pytest.mark.parametrize(("seed", "count"), [(1, 1), (2, 17), (3, 300), (4, 2049)])
def test_auto_same_bits_with_default_buffers(monkeypatch, seed, count):
    t, y, indptr, h = _batch(seed, count)
    rows = auto(t, y, indptr, h, 0.8)
    monkeypatch.setattr(_forecast, "_row_buffers", lambda _: contextlib.nullcontext())
    default = auto(t, y, indptr, h, 0.8)
    for a, b in zip(rows, default, strict=True):
        _same_bits(a, b)


def test_row_buffers_sets_and_restores_the_size():
    before = np.getbufsize()
    with _row_buffers(2023):
        # 2023 rounded up to numpy's multiple of 16.
        assert np.getbufsize() == 2032
    assert np.getbufsize() == before
    with _row_buffers(before + 1):
        assert np.getbufsize() == before  # a longer row keeps the size
    with pytest.raises(EvaluationError), _row_buffers(100):
        raise EvaluationError("raised inside")
    assert np.getbufsize() == before
    # auto leaves the size as it found it, also when it refuses its input.
    with pytest.raises(EvaluationError):
        auto([2020.0, 2021.0, 2022.0], [1.0, 2.0, 3.0], [0, 3], [[2023.0], [2024.0]])
    assert np.getbufsize() == before
