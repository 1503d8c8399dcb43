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


@pytest.mark.parametrize("as_of", ["2023-01-29", "2023-08-06", None])
def test_histories_of_a_batch_equal_each_target_alone(as_of):
    # Wuhan's 22 targets (flows with year-to-date figures, rates, levels, a
    # share), each also at deadlines one and two years
    # later and once more as it is: targets of one indicator share the join of
    # their history, and every array of each target's history is the one it
    # gets alone.
    batch, obs = _wuhan_batch()
    many = _same_as_alone(batch, obs, as_of)
    if as_of == "2023-08-06":  # half-year figures released: year-to-date figures
        assert (many.ytd_row >= 0).sum() >= 4


def test_past_shares_of_a_batch_equal_each_target_alone():
    # A made-up flow (no published figures): yearly totals 2015-2022 and
    # first halves 2016-2023, and targets at the end of 2023 (a year-to-date
    # figure and seven past shares) and 2024, twice each, beside a level.
    from innovplan import Q_, Comparator, Indicator, Measure, Observation, Target
    from innovplan.model import Period

    sales = Indicator("sales", "sales", unit="yuan", measure=Measure.FLOW)
    stock = Indicator("stock", "stock", unit="yuan", measure=Measure.LEVEL)
    obs = [Observation("sales", Q_(100.0 + 7 * k, "yuan"), str(2015 + k)) for k in range(8)]
    obs += [Observation("sales", Q_(45.0 + 3 * k, "yuan"), Period(f"{y}-01-01", f"{y}-06-30"))
            for k, y in enumerate(range(2016, 2024))]  # fmt: skip
    obs += [Observation("stock", Q_(10.0 + k, "yuan"), f"{2015 + k}-12-31") for k in range(8)]
    batch = [
        Target(f"{ind.id}{k}", ind, Comparator.AT_LEAST, Q_(150.0, "yuan"), f"{year}-12-31")
        for k, (ind, year) in enumerate(
            [(sales, 2023), (sales, 2024), (stock, 2023), (sales, 2023), (sales, 2024)]
        )
    ]
    many = _same_as_alone(batch, obs, "2023-08-06")
    assert np.diff(many.share_indptr).tolist() == [7, 0, 0, 7, 0]


def _same_as_alone(batch, obs, as_of):
    from innovplan.engine import histories

    many = histories(batch, obs, as_of=as_of)
    # Rows of the observations differ (the batch keeps every indicator's):
    # the observations they point to are compared instead.
    ragged = ("t", "y", "bound")
    for i, t in enumerate(batch):
        one = histories([t], obs, as_of=as_of)
        lo, hi = many.indptr[i], many.indptr[i + 1]
        for name in ragged:
            assert np.array_equal(getattr(many, name)[lo:hi], getattr(one, name)), (t.id, name)
        assert many.points(i) == one.points(0), t.id
        assert many.observation(int(many.ytd_row[i])) == one.observation(int(one.ytd_row[0]))
        s_lo, s_hi = many.share_indptr[i], many.share_indptr[i + 1]
        assert np.array_equal(many.share[s_lo:s_hi], one.share), t.id
        for name in ("horizon", "lo", "hi", "goal", "sign", "ytd_value", "ytd_elapsed",
                     "flags", "lo_closed", "hi_closed"):  # fmt: skip
            a, b = getattr(many, name)[i : i + 1], getattr(one, name)
            assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), (t.id, name)
    return many


@pytest.mark.parametrize("kernel", [k.auto, k.drift, k.theta])
def test_shared_run_equals_the_batch_run_with_empty_and_short_histories(kernel):
    # The batch of the test above with empty histories, one-point histories
    # and their copies mixed in: the shared run gives every target the
    # float its row gets when the kernel runs over all rows as they are.
    rng = np.random.default_rng(11)
    t, y, ip, h = _batch(rng)
    # Targets 0 and 3 lose their history, 1 and 7 keep its first point.
    keep = [np.arange(ip[i], ip[i + 1])[: (0 if i in (0, 3) else 1 if i in (1, 7) else None)]
            for i in range(h.size)]  # fmt: skip
    rows = np.concatenate(keep)
    ip2 = np.concatenate([[0], np.cumsum([r.size for r in keep])]).astype(np.int64)
    t2, y2 = t[rows], y[rows]
    rest = (h, 0.8, np.zeros(h.size, bool)) if kernel is k.auto else (h, 0.8)
    fc, over = run_forecast_kernel(kernel, t2, y2, ip2, *rest)
    whole = kernel(t2, y2, ip2, *rest)
    assert not over.any()
    for name, a, b in zip(fc._fields, fc, whole, strict=True):
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), name


def _wuhan_batch():
    # Wuhan's targets, each also at deadlines one and two years later and once
    # more as it is.
    import attrs

    from innovplan import datasets

    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    batch = list(plan.targets)
    for years in (1, 2, 0):
        for t in plan.targets:
            later = t.deadline.replace(year=t.deadline.year + years)
            batch.append(attrs.evolve(t, id=f"{t.id}x{years}", deadline=later))
    return batch, obs


@pytest.mark.parametrize("method", ["auto", "drift", "theta"])
def test_known_distinct_histories_give_each_target_its_own_forecast(method):
    # The histories carry their distinct histories; the kernel reads those
    # instead of finding them again, and every target's forecast is still the
    # float it gets alone.
    from innovplan.engine import histories, trajectories

    batch, obs = _wuhan_batch()
    many = histories(batch, obs, as_of="2023-01-29")
    shared = many.distinct()
    assert shared is not None
    # Each target and its copy of the same deadline read one history (a
    # flow's history depends on its deadline year, a stock's does not).
    assert np.array_equal(shared.of[:22], shared.of[66:])
    assert shared.reps.size < len(batch) - 22
    assert np.array_equal(np.diff(shared.indptr)[shared.of], np.diff(many.indptr))
    fc = trajectories(many, method, 0.8, within_year=True)[0]
    for i, t in enumerate(batch):
        one = trajectories(histories([t], obs, as_of="2023-01-29"), method, 0.8,
                           within_year=True)[0]  # fmt: skip
        for name, a, b in zip(fc._fields, fc, one, strict=True):
            assert np.array_equal(a[i : i + 1], b, equal_nan=a.dtype.kind == "f"), (t.id, name)


def test_distinct_histories_are_dropped_when_the_arrays_change():
    import attrs

    from innovplan.engine import histories

    batch, obs = _wuhan_batch()
    h = histories(batch, obs, as_of="2023-01-29")
    assert h.distinct() is h.shared is not None
    # Reading the targets' copies changes nothing; giving new ones does.
    assert h.t.size > h.shared.t.size
    assert h.distinct() is h.shared
    assert attrs.evolve(h, y=h.y + 1.0).distinct() is None
    assert attrs.evolve(h, t=h.t.copy()).distinct() is None
    assert attrs.evolve(h, indptr=h.indptr.copy()).distinct() is None
    assert attrs.evolve(h, flags=h.flags | 1).distinct() is h.shared


def test_known_distinct_histories_with_a_per_series_argument_that_differs():
    # A per-series argument that differs between targets of one history
    # (auto's break flags) keeps them apart: the same forecasts as when the
    # histories are compared bit for bit.
    from innovplan.engine import histories
    from innovplan.engine._overflow import forecast_histories

    batch, obs = _wuhan_batch()
    h = histories(batch, obs, as_of="2023-01-29")
    breaks = np.zeros(len(h), dtype=bool)
    breaks[len(h) - 5 :] = True  # copies of targets whose originals have no break flag
    fc, _ = forecast_histories(k.auto, h, 0.8, breaks)
    plain, _ = run_forecast_kernel(k.auto, h.t, h.y, h.indptr, h.horizon, 0.8, breaks)
    for name, a, b in zip(fc._fields, fc, plain, strict=True):
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), name
    alone = k.auto(h.t[h.indptr[-2] : h.indptr[-1]], h.y[h.indptr[-2] : h.indptr[-1]],
                   [0, h.indptr[-1] - h.indptr[-2]], h.horizon[-1:], 0.8, breaks[-1:])  # fmt: skip
    assert np.array_equal(fc.scale[-1:], alone.scale, equal_nan=True)


def _plans():
    from innovplan import datasets

    yield "wuhan", datasets.wuhan_2023(), datasets.wuhan_2023_observations(), "2023-08-06"
    yield "china", datasets.china_14th_fyp(), datasets.china_14th_fyp_observations(), "2024-02-29"


@pytest.mark.parametrize("case", ["wuhan", "china"])
@pytest.mark.parametrize("method", ["auto", "drift"])
def test_trajectories_read_from_distinct_histories_equal_the_targets_copies(case, method):
    # Every target of a plan at its own deadline and at later ones (so that
    # histories are shared): the trajectories computed from the distinct
    # histories (forecasts, floors, baselines, latest points, overflow
    # checks) are the floats computed from each target's own copy, which
    # attrs.evolve hands over as new arrays.
    import attrs

    from innovplan.engine import histories, trajectories

    _, plan, obs, as_of = next(p for p in _plans() if p[0] == case)
    batch = list(plan.targets)
    for years in (1, 3):
        for t in plan.targets:
            later = t.deadline.replace(year=t.deadline.year + years)
            batch.append(attrs.evolve(t, id=f"{t.id}x{years}", deadline=later))
    h = histories(batch, obs, as_of=as_of)
    assert h.distinct() is not None
    own = attrs.evolve(h, t=h.t.copy(), y=h.y.copy(), indptr=h.indptr.copy(),
                       row=h.row.copy(), bound=h.bound.copy())  # fmt: skip
    assert own.distinct() is None
    a = trajectories(h, method, 0.8, within_year=True)
    b = trajectories(own, method, 0.8, within_year=True)
    assert np.array_equal(a[1], b[1])
    for part_a, part_b in ((a[0], b[0]), (a[2], b[2])):
        for name, x, y in zip(part_a._fields, part_a, part_b, strict=True):
            if not isinstance(x, np.ndarray):
                continue
            assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), name
    # The baselines read from the histories are there to compare.
    assert np.isfinite(a[2].base).sum() > 0


def test_the_targets_copies_and_latest_are_read_only():
    # The kernels read h.shared, not the copies made from it: a change made in
    # place to a copy would reach no forecast, so numpy refuses it.
    from innovplan.engine import histories

    batch, obs = _wuhan_batch()
    h = histories(batch, obs, as_of="2023-01-29")
    assert h.shared is not None
    arrays = [h.t, h.y, h.indptr, h.row, h.bound, *h.latest()]
    assert [a.flags.writeable for a in arrays] == [False] * 8
    with pytest.raises(ValueError, match="read-only"):
        h.y[0] = 0.0
    # The latest value of each target is still its history's last one.
    has, _, last_y = h.latest()
    ends = h.indptr[1:] - 1
    assert np.array_equal(last_y[has], h.y[ends[has]])


def test_histories_without_point_arrays_or_shared_ones_are_refused_when_built():
    import attrs

    from innovplan.engine import histories
    from innovplan.errors import EvaluationError

    batch, obs = _wuhan_batch()
    h = histories(batch, obs, as_of="2023-01-29")
    assert h.shared is not None
    # Built from h.shared, the five arrays are None: without it nothing can make them.
    with pytest.raises(EvaluationError, match=r"t, y, indptr, row, bound given as None"):
        attrs.evolve(h, shared=None)
    with pytest.raises(EvaluationError, match=r"Histories: bound given as None without shared="):
        attrs.evolve(h, t=h.t, y=h.y, indptr=h.indptr, row=h.row, shared=None)
    # With all five given, the shared histories are not needed.
    alone = attrs.evolve(h, t=h.t, y=h.y, indptr=h.indptr, row=h.row, bound=h.bound, shared=None)
    assert alone.distinct() is None
    assert np.array_equal(alone.latest()[2], h.latest()[2], equal_nan=True)
