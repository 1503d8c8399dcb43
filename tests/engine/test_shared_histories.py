"""Targets sharing a history: the kernel fits it once, every number as if alone."""

import numpy as np
import pytest

from innovplan.engine import _forecast as k
from innovplan.engine._overflow import run_forecast_kernel
from innovplan.engine._ragged import shared_segments


def test_shared_segments_by_hand():
    # Series 0 and 2 are the same points; 1 has the same ends as 0 but another
    # middle; 3 is 0 again; 4 is empty and 5 too; 6 is 0 with -0.0 for 0.0,
    # another float bit for bit (log(-0.0) and 1 / -0.0 differ from +0.0's).
    t = [1.0, 2.0, 3.0]
    segs = [
        (t, [0.0, 5.0, 9.0]),
        (t, [0.0, 6.0, 9.0]),
        (t, [0.0, 5.0, 9.0]),
        (t, [0.0, 5.0, 9.0]),
        ([], []),
        ([], []),
        (t, [-0.0, 5.0, 9.0]),
    ]
    tt = np.array([x for s in segs for x in s[0]], dtype=np.float64)
    yy = np.array([x for s in segs for x in s[1]], dtype=np.float64)
    ip = np.concatenate([[0], np.cumsum([len(s[0]) for s in segs])])
    assert shared_segments((tt, yy), ip).tolist() == [0, 1, 0, 0, 4, 4, 6]
    # A per-series key that differs keeps series apart.
    key = np.array([0, 0, 0, 1, 0, 0, 0])
    assert shared_segments((tt, yy), ip, (key,)).tolist() == [0, 1, 0, 3, 4, 4, 6]


def _batch(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    # 40 distinct yearly series (some with a value <= 0, some constant, some
    # with a gap), each repeated for 1 to 4 targets with deadlines 1 to 6
    # years after its last point, shuffled.
    segs = []
    for i in range(40):
        n = int(rng.integers(1, 15))
        t = 2000.0 + np.cumsum(rng.integers(1, 3 if i % 7 == 0 else 2, n))
        level = rng.uniform(-5, 50) if i % 5 == 0 else rng.uniform(1, 100)
        y = level + np.cumsum(rng.normal(1.0, 2.0, n)) if i % 9 else np.full(n, level)
        segs.extend((t, y, t[-1] + float(rng.integers(1, 7))) for _ in range(rng.integers(1, 5)))
    order = rng.permutation(len(segs))
    segs = [segs[i] for i in order]
    t = np.concatenate([s[0] for s in segs])
    y = np.concatenate([s[1] for s in segs])
    ip = np.concatenate([[0], np.cumsum([s[0].size for s in segs])]).astype(np.int64)
    h = np.array([s[2] for s in segs])
    return t, y, ip, h


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("kernel", [k.auto, k.drift, k.linear, k.theta, k.damped, k.average_change])
def test_shared_run_equals_each_target_alone(seed, kernel):
    # Each target's forecast from the batch (histories shared) is the same
    # float, bit for bit, as the kernel gives that target alone.
    rng = np.random.default_rng(seed)
    t, y, ip, h = _batch(rng)
    rest = (h, 0.8, rng.random(h.size) < 0.2) if kernel is k.auto else (h, 0.8)
    shared = shared_segments((t, y), ip, rest[2:])
    assert (shared != np.arange(h.size)).sum() > 10  # the batch does share histories
    fc, over = run_forecast_kernel(kernel, t, y, ip, *rest)
    assert not over.any()
    for i in range(h.size):
        one = kernel(t[ip[i] : ip[i + 1]], y[ip[i] : ip[i + 1]], [0, ip[i + 1] - ip[i]], h[i : i + 1],
                     *(r[i : i + 1] if isinstance(r, np.ndarray) else r for r in rest[1:]))  # fmt: skip
        for name, a, b in zip(fc._fields, fc, one, strict=True):
            assert np.array_equal(a[i : i + 1], b, equal_nan=a.dtype.kind == "f"), (i, name)
