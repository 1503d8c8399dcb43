"""auto's work arrays kept between calls: no result reads them, and each thread has its own.

The running sums' terms, the panel's logs and auto's float states live in
arrays kept per thread (``engine/_scratch.py``). A later call, or another thread's call, writes into
them; a result of an earlier call must not change, and threads forecasting
at the same time must get what each would get alone.
"""

import threading

import numpy as np

from innovplan.engine import _scratch as scratch
from innovplan.engine import auto, auto_members, auto_parts, drift, linear
from innovplan.engine._auto import _auto_states
from innovplan.engine._panel import _panel


def _series(seed: int, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # Ragged yearly series (one with a gap, which takes the general path of
    # the running sums), positive and not, with a horizon 1 to 5 years
    # after each series' latest point.
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for i in range(count):
        n = int(rng.integers(3, 26))
        t = 1990.0 + np.arange(n)
        if i == 0:
            t[n // 2 :] += 1.0
        level = rng.choice([1.0, 80.0, 5e4])
        ys.append(level * np.exp(np.cumsum(rng.normal(0.03, 0.15, n))) - rng.choice([0.0, level]))
        ts.append(t)
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    h_t = np.array([t[-1] for t in ts]) + rng.integers(1, 6, count)
    return np.concatenate(ts), np.concatenate(ys), indptr, h_t


def _copies(result: tuple[np.ndarray, ...]) -> list[np.ndarray]:
    return [np.array(x, copy=True) for x in result]


def _kept() -> list[np.ndarray]:
    return list(getattr(scratch._local, "kept", {}).values())


def _assert_same(got: tuple[np.ndarray, ...], want: list[np.ndarray]) -> None:
    assert len(got) == len(want)
    for a, b in zip(got, want, strict=True):
        # Bit for bit, NaN where NaN.
        np.testing.assert_array_equal(np.asarray(a), b, strict=True)


def test_a_later_call_leaves_earlier_results_alone():
    first = _series(1, 300)
    fc, parts = auto(*first), auto_parts(*first)
    members = auto_members(*first, combined=False)
    combined = auto_members(*first, combined=True)
    fc_then, parts_then = _copies(fc), _copies(parts)
    members_then, combined_then = _copies(members), _copies(combined)
    # The work arrays and the states are kept, and no result shares memory
    # with them.
    assert "states" in scratch._local.kept
    kept = _kept()
    for x in (*fc, *parts, *members, *combined):
        assert not any(np.shares_memory(np.asarray(x), buf) for buf in kept)
    # Larger and smaller batches, and the other methods that use the same
    # running sums, write into the same arrays.
    for seed, count in ((2, 700), (3, 40), (4, 300)):
        other = _series(seed, count)
        auto(*other)
        auto_parts(*other)
        auto_members(*other, combined=False)
        linear(*other)
        drift(*other)
    _assert_same(fc, fc_then)
    _assert_same(parts, parts_then)
    _assert_same(members, members_then)
    _assert_same(combined, combined_then)
    # And the same batch again gives the same floats.
    _assert_same(auto(*first), fc_then)


def test_the_float_states_are_rows_of_one_kept_block():
    # Every float state of a call is a row of the "states" block (so the
    # next call writes them where this one did); the boolean states are
    # arrays of their own.
    t, y, indptr, _ = _series(5, 200)
    states = _auto_states(_panel(t, y, indptr, log=False, time_major=True), 7)
    block = scratch._local.kept["states"]
    floats = [x for x in states if x.dtype == np.float64]
    in_block = [x for x in floats if np.shares_memory(x, block)]
    # 14 states (y, c, cw, z, cz, line, slope, sig2, sp, nj, rs, keep,
    # base, growth) and 17 parts (share, sig2 * step, ratio, df, 1 + 1/n, n,
    # n (n^2 - 1), three 1 - phi^S, six weights, their sum); the step is a
    # broadcast of the panel's.
    assert len(in_block) == 14 + 17
    for x in states:
        if x.dtype == np.bool_:
            assert not np.shares_memory(x, block)
    # A second call of the same thread writes the same rows.
    again = _auto_states(_panel(t, y, indptr, log=False, time_major=True), 7)
    assert np.shares_memory(again[0], states[0])


def test_threads_forecasting_at_once_equal_serial():
    batches = [_series(10 + i, 150 + 250 * i) for i in range(2)]
    serial = [_copies(auto(*b)) for b in batches]
    got: list[list[tuple[np.ndarray, ...]]] = [[], []]
    kept: list[list[np.ndarray]] = [[], []]
    start = threading.Barrier(2)

    def run(i: int) -> None:
        start.wait()
        for _ in range(15):
            got[i].append(auto(*batches[i]))
            auto_parts(*batches[i])
        kept[i] = _kept()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for i in range(2):
        assert len(got[i]) == 15
        for fc in got[i]:
            _assert_same(fc, serial[i])
    # Each thread kept arrays of its own.
    assert kept[0]
    assert kept[1]
    assert not any(np.shares_memory(a, b) for a in kept[0] for b in kept[1])


def test_work_arrays_are_kept_per_slot_and_bounded():
    # In a thread of its own, which starts with no array kept.
    errors: list[BaseException] = []

    def run() -> None:
        try:
            _kept_per_slot_and_bounded()
        except BaseException as e:  # noqa: BLE001 - re-raised in the test's thread
            errors.append(e)

    th = threading.Thread(target=run)
    th.start()
    th.join()
    if errors:
        raise errors[0]


def _kept_per_slot_and_bounded() -> None:
    assert not _kept()
    a = scratch._work("terms", (4, 25, 100))
    b = scratch._work("terms", (3, 10, 100))
    # A smaller shape reuses the array kept for the slot; another slot has
    # its own.
    assert np.shares_memory(a, b)
    assert b.shape == (3, 10, 100)
    assert b.flags.c_contiguous
    assert not np.shares_memory(a, scratch._work("logs", (25, 100)))
    # A larger shape replaces it.
    c = scratch._work("terms", (4, 30, 100))
    assert not np.shares_memory(a, c)
    assert np.shares_memory(c, scratch._work("terms", (4, 25, 100)))
    # Above the limit of all slots together the array is fresh and not
    # kept: 16 MiB = 2,097,152 floats, of which "terms" keeps 4 x 30 x 100 =
    # 12,000 and "logs" 25 x 100 = 2,500, leaves 2,082,652 = 2 x 1,041,326.
    big = scratch._work("line", (2, 1_041_327))
    assert big.shape == (2, 1_041_327)
    assert "line" not in scratch._local.kept
    fits = scratch._work("line", (2, 1_041_326))
    assert np.shares_memory(fits, scratch._work("line", (10,)))
    assert np.shares_memory(c, scratch._work("terms", (4, 30, 100)))
    assert sum(buf.nbytes for buf in _kept()) <= scratch._LIMIT
    # A slot asked for more than fits lets go of what it held, so that the
    # other slots can take its place.
    scratch._work("line", (2, 1_041_327))
    assert "line" not in scratch._local.kept
    # Rows of one kept block, or, above the limit, arrays of their own:
    # 3 x 2 x 1,000,000 floats = 48 MB.
    rows = scratch._work_rows("states", 3, (2, 100))
    assert [r.shape for r in rows] == [(2, 100)] * 3
    assert all(np.shares_memory(r, scratch._local.kept["states"]) for r in rows)
    big_rows = scratch._work_rows("states", 3, (2, 1_000_000))
    assert [r.shape for r in big_rows] == [(2, 1_000_000)] * 3
    assert not np.shares_memory(big_rows[0], big_rows[1])
    assert "states" not in scratch._local.kept


def test_intermediates_have_rows_of_their_own():
    # auto's intermediates (span, the window's span, both autocorrelations,
    # phi and three of scratch) take the 8 rows after the 31 states and
    # parts: no state returned is one of them, so the next call's
    # intermediates cannot overwrite a state a caller still reads.
    t, y, indptr, _ = _series(6, 180)
    width = 8
    states = _auto_states(_panel(t, y, indptr, log=False, time_major=True), width)
    s_count = 180
    rows = scratch._local.kept["states"][: 39 * width * s_count].reshape(39, width, s_count)
    floats = [x for x in states if x.dtype == np.float64]
    for k in range(39):
        holders = [x for x in floats if np.shares_memory(x, rows[k])]
        # Rows 0-30 each hold exactly one state or part, rows 31-38 none.
        assert len(holders) == (1 if k < 31 else 0), k


def test_spacings_in_the_kept_array_as_the_difference_of_columns():
    from innovplan.engine._panel import _spacings

    t, y, indptr, _ = _series(7, 60)
    for time_major in (True, False):
        p = _panel(t, y, indptr, log=False, time_major=time_major)
        want = p.T[:, 1:] - p.T[:, :-1]
        got = _spacings(p.T)
        # Bit for bit, NaN where either column is padding, laid out as the
        # times are (a time-major panel's columns contiguous).
        np.testing.assert_array_equal(got, want, strict=True)
        assert got.flags.f_contiguous == time_major
        assert np.shares_memory(got, scratch._local.kept["spacing"])
        # The panel keeps no view of it: its step is an array of its own.
        assert not any(np.shares_memory(np.asarray(x), got) for x in p)
