"""auto's prediction: shorter paths to the same floats.

Each fast path of the prediction (one horizon for a block, divisions by a
power of two as products, the level factor written at flat positions) is
held against the path it replaces, bit for bit, NaN and the sign of zero
included.
"""

import numpy as np
import pytest

from innovplan.engine import _auto as auto_mod
from innovplan.engine._auto import (
    _AT,
    _N_STATES,
    _auto_predict,
    _auto_states,
    _level_factor,
    _row_horizons,
    _spread_steps,
    _times_at,
)
from innovplan.engine._panel import _panel


def _same_bits(a: np.ndarray, b: np.ndarray) -> None:
    # Equal floats, NaN where NaN (with its sign), and the same sign of
    # every zero.
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    np.testing.assert_array_equal(a.view(np.int64), b.view(np.int64))


def _states(seed: int, width: int = 4) -> tuple[np.ndarray, ...]:
    # auto's states of a random batch (growing, falling, with a zero, flat)
    # at the last *width* columns, origin-major as the driver reads them.
    rng = np.random.default_rng(seed)
    ts, ys = [], []
    for _ in range(30):
        n = int(rng.integers(2, 18))
        ts.append(2000.0 + np.arange(n))
        level = rng.choice([1.0, 40.0, 2e5])
        ys.append(level * np.exp(np.cumsum(rng.normal(0.03, 0.2, n))) - rng.choice([0.0, level]))
    ts.append(2000.0 + np.arange(7))
    ys.append(np.array([0.0, 0.0, 1.0, 3.0, 3.0, 6.0, 9.0]))
    ts.append(2000.0 + np.arange(5))
    ys.append(np.full(5, 4.0))
    indptr = np.cumsum([0, *(len(t) for t in ts)])
    p = _panel(np.concatenate(ts), np.concatenate(ys), indptr, log=False, time_major=True)
    return tuple(np.asarray(x).T for x in _auto_states(p, width))


def test_one_horizon_is_every_element_equal_to_the_first():
    # One comparison with h[0, 0] decides a block of one horizon: a 0-d
    # array of that horizon. Rows of their own horizons are a column; a NaN
    # anywhere (never equal to itself), even the first, keeps h whole.
    h = np.full((3, 5), 2.0)
    one = _row_horizons(h)
    assert one.shape == ()
    assert float(one) == 2.0
    rows = np.repeat(np.array([[1.0], [4.0], [1.0]]), 5, axis=1)
    np.testing.assert_array_equal(_row_horizons(rows), [[1.0], [4.0], [1.0]])
    for at in ((0, 0), (2, 4)):
        nan = h.copy()
        nan[at] = np.nan
        assert _row_horizons(nan) is nan
    # All equal but the first row's last: neither one horizon nor one a row.
    odd = h.copy()
    odd[0, 4] = 3.0
    assert _row_horizons(odd) is odd


@pytest.mark.parametrize("seed", [0, 1])
def test_division_by_a_power_of_two_is_the_product_by_its_inverse(seed, monkeypatch):
    # The AR(1) models with phi = 0.5 and 0.75 divide by 1 - phi = 2^-1 and
    # 2^-2: a scaling by a power of two, exact, so the product by 2 and by
    # 4 is the same float for every value (huge, tiny, infinite, NaN).
    # 1 - 0.25 = 0.75 is no power of two: it stays a division.
    assert auto_mod._EXACT_INVERSE == {0.5: 2.0, 0.25: 4.0}
    s = _states(seed)
    sp, parts = s[_AT["sp"]], list(s[_N_STATES + 5 :])
    horizons = [
        np.asarray(1.0),
        np.asarray(3.0),
        np.array([[0.5], [2.0], [1e-310], [7.0]]),
        np.broadcast_to(np.array([[1e154], [1e300], [np.nan], [-2.0]]), sp.shape).copy(),
    ]
    # As the prediction calls it: padding (NaN), overflow and a zero span
    # are not errors there.
    with np.errstate(all="ignore"):
        fast = [_spread_steps(hs, sp, parts) for hs in horizons]
        monkeypatch.setattr(auto_mod, "_EXACT_INVERSE", {})
        for hs, got in zip(horizons, fast, strict=True):
            _same_bits(got, _spread_steps(hs, sp, parts))


def test_level_factor_at_flat_positions_equals_the_fancy_index():
    # var[..., cols] *= factor: by flat positions for a C-contiguous (R, S)
    # array, by the fancy index otherwise; the same products.
    rng = np.random.default_rng(5)
    var = rng.uniform(0.5, 2.0, (4, 9))
    var[1, 3] = np.nan
    var[2, 6] = -0.0
    cols = np.array([0, 3, 6, 8])
    for factor in (rng.uniform(1.0, 3.0, (4, 4)), rng.uniform(1.0, 3.0, (1, 4))):
        want = var.copy()
        want[..., cols] *= factor
        got = var.copy()
        _times_at(got, cols, factor)
        _same_bits(got, want)
        # Columns not in cols are untouched.
        np.testing.assert_array_equal(np.delete(got, cols, axis=1), np.delete(var, cols, axis=1))
    # By hand: 2 * 1.5 = 3 at (0, 0) and (1, 0), 0.5 * 4 = 2 at (0, 8).
    small = np.array([[2.0, 1.0, 0.5], [2.0, 1.0, 1.0]])
    _times_at(small, np.array([0, 2]), np.array([[1.5, 4.0]]))
    np.testing.assert_array_equal(small, [[3.0, 1.0, 2.0], [3.0, 1.0, 4.0]])
    # A Fortran-ordered var takes the fancy index: written in place all the same.
    fortran = np.asfortranarray(np.array([[2.0, 1.0], [2.0, 1.0]]))
    _times_at(fortran, np.array([1]), np.array([[3.0], [5.0]]))
    np.testing.assert_array_equal(fortran, [[2.0, 3.0], [2.0, 5.0]])


@pytest.mark.parametrize("seed", [2, 3])
def test_series_on_values_by_position_equal_the_selects(seed):
    # Where the flags "on logs" are one row broadcast (the driver's
    # origins), the series on the values take their line, median and 1 at
    # flat positions; flags of their own in every row take the selects of
    # every element (and the level factor's flags are read in every row). Both give the same floats: at one horizon, one a row
    # for a single origin (the driver's final block), per element, and for
    # states in Fortran order (written through put).
    s = _states(seed)
    at_pos = _AT["pos"]
    assert s[at_pos].strides[0] == 0
    assert (~s[at_pos][0]).sum() > 3
    # The flags of the series with a zero (the level factor) too: a row of
    # their own in every row as well.
    at_zero = _N_STATES + 4
    assert s[at_zero].strides[0] == 0
    assert s[at_zero][0].any()
    own = tuple(np.ascontiguousarray(x) if i in {at_pos, at_zero} else x for i, x in enumerate(s))
    last = tuple(x[-1:] for x in s)
    last_own = tuple(x[-1:] for x in own)
    fortran = tuple(np.asfortranarray(x) if x.strides[0] else x for x in s)
    cases = [
        (s, own, np.asarray(2.0)),
        (last, last_own, np.array([[1.0], [2.0], [4.0]])),
        (s, own, np.random.default_rng(seed).uniform(0.5, 4.0, s[0].shape)),
        (fortran, own, np.asarray(3.0)),
    ]
    for fast, general, h in cases:
        assert auto_mod._values_at(fast[at_pos], h) is not None
        assert auto_mod._values_at(general[at_pos], h) is None
        for a, b in zip(_auto_predict(fast, h), _auto_predict(general, h), strict=True):
            _same_bits(a, b)
    # By hand: the series on the values of a (2, 5) block are columns 1 and
    # 4, at flat positions 1, 4 and 6, 9.
    flags = np.broadcast_to(np.array([True, False, True, True, False]), (2, 5))
    np.testing.assert_array_equal(auto_mod._values_at(flags, np.asarray(1.0)), [[1, 4], [6, 9]])


@pytest.mark.parametrize(
    "h", [np.array([[1.0, 2.0, 3.0]]), np.array([1.0, 2.0, 3.0])], ids=["row", "flat"]
)
def test_one_series_with_horizons_along_the_last_axis_equals_the_column(h):
    # One series on its values (it has a negative value: no logs), y = -1,
    # 2, 1, 4, 3, 6 yearly from 2000, at its last origin: its flags are one
    # row broadcast, as the driver's are. Horizons 1, 2, 3 along the last
    # axis, (1, 3) or (3,), broadcast against its one column to (1, 3):
    # every element is that one series, so each is the float of the same
    # horizon given as the column (3, 1). Were the 3 columns taken for 3
    # series (the flat positions of the series on the values counted as one
    # column a series), only the first element would be on the values and
    # the others would take the log of their location.
    ts = 2000.0 + np.arange(6.0)
    p = _panel(ts, np.array([-1.0, 2.0, 1.0, 4.0, 3.0, 6.0]), [0, 6], log=False, time_major=True)
    s = tuple(np.asarray(x).T for x in _auto_states(p, 3))
    last = tuple(x[-1:] for x in s)
    pos = last[_AT["pos"]]
    assert pos.shape == (1, 1)
    assert pos.strides[0] == 0
    assert not pos.any()
    column = _auto_predict(last, np.array([[1.0], [2.0], [3.0]]))
    got = _auto_predict(last, h)
    for a, b in zip(got[:2], column[:2], strict=True):
        assert np.shape(a) == (1, 3)
        assert np.shape(b) == (3, 1)
        _same_bits(np.ravel(a), np.ravel(b))


@pytest.mark.parametrize(
    "h", [np.array([[1.0, 2.0, 3.0]]), np.array([1.0, 2.0, 3.0])], ids=["row", "flat"]
)
def test_level_factor_with_horizons_along_the_last_axis_equals_the_column(h):
    # One series with a zero and no negative value, y = 0, 1, 2, 4, 5, 8
    # yearly from 2000: its spread has the level factor max(1, med / y)
    # (docs/methods-record.md, "Calibration per horizon and history length"), y =
    # 8 its latest value and med the point at each horizon. Given as a row
    # (1, 3) or (3,), the horizons are not series: were each column taken
    # for a series, the factor of column 0 alone would be read, and the
    # scale at 2 and 3 years would lack theirs (0.921 and 1.085 instead of
    # 1.289 and 1.736). Every element must be the float of the same horizon
    # given as the column (3, 1), where the factor is found by series.
    ts = 2000.0 + np.arange(6.0)
    p = _panel(ts, np.array([0.0, 1.0, 2.0, 4.0, 5.0, 8.0]), [0, 6], log=False, time_major=True)
    s = tuple(np.asarray(x).T for x in _auto_states(p, 3))
    last = tuple(x[-1:] for x in s)
    column = _auto_predict(last, np.array([[1.0], [2.0], [3.0]]))
    got = _auto_predict(last, h)
    # The points rise past the latest value 8 (9.6, 11.2, 12.8), so the
    # factor is above 1 at every horizon: med / y = 1.2, 1.4, 1.6.
    np.testing.assert_allclose(np.ravel(column[0]), [9.6, 11.2, 12.8])
    for a, b in zip(got[:2], column[:2], strict=True):
        _same_bits(np.ravel(a), np.ravel(b))


def _spread_by_formula(hs, sp, parts):
    # _spread_steps written out model by model as its docstring reads, in
    # its order of operations (so the same floats): the weighted mean of
    # the line's variance and the drift-plus-AR(1) variances.
    inv_n, nn, n3, *rest = parts
    n_oms = len(rest) - len(auto_mod._NOISE_MODELS) - 1
    oms_all, weights, den = rest[:n_oms], rest[n_oms:-1], rest[-1]
    x = hs / sp
    terms, ar = [], 0
    for (kind, phi, _), w in zip(auto_mod._NOISE_MODELS, weights, strict=True):
        if kind == "l":
            v = ((2.0 * hs + nn - 1.0) ** 2 * 3.0 / n3 + inv_n) * 0.5
        elif phi == 0.0:
            v = (x + 1.0) * x + 1.0
        elif phi == 1.0:
            v = (x + 1.0) * hs
        else:
            omh, oms = -np.expm1(hs * np.log(phi)), oms_all[ar]
            ar += 1
            v = ((x * oms + omh * oms) * x + omh) / (1.0 - phi)
        terms.append(v * w)
    total = terms[0]
    for v in terms[1:]:
        total = total + v
    return total / den


@pytest.mark.parametrize("seed", [4, 5])
def test_spread_steps_as_the_formula_reads(seed):
    # The spread's noise models in place, x + 1 shared by the white-noise
    # trend and the random walk, and the exact inverses: the same floats as
    # the formulas written out.
    s = _states(seed)
    sp, parts = s[_AT["sp"]], list(s[_N_STATES + 5 :])
    with np.errstate(all="ignore"):
        for hs in (np.asarray(1.0), np.asarray(4.0), np.array([[0.5], [2.0], [3.0], [7.0]])):
            _same_bits(_spread_steps(hs, sp, parts), _spread_by_formula(hs, sp, parts))
    # By hand, one series of 4 equally spaced points (n = 4, n^2 - 1 = 15)
    # one step ahead, with only the line model weighted: 0.5 (1 + 1/4 +
    # 3 (2 + 4 - 1)^2 / (4 * 15)) = 0.5 (1.25 + 1.25) = 1.25.
    one = [np.array([1.25]), np.array([4.0]), np.array([60.0])]
    oms = [np.array([0.5])] * 3
    w = [np.array([1.0]), *[np.array([0.0])] * 5]
    got = _spread_steps(np.asarray(1.0), np.array([2.0]), [*one, *oms, *w, np.array([1.0])])
    np.testing.assert_array_equal(got, [1.25])


def test_a_column_of_horizons_runs_with_a_row_sized_buffer(monkeypatch):
    # One origin's states at a column of horizons (the driver's final
    # block): the prediction runs with numpy's buffer no longer than a row
    # (30 series: 32, the multiple of 16 above), which changes no float,
    # and puts the buffer size back, also when the prediction fails. The
    # test's own buffer size (4096) is put back in finally: numpy 1.x's
    # errstate restores only the error mask, not the buffer size.
    s = tuple(x[-1:, :30] for x in _states(6))
    h = np.array([[1.0], [2.5], [6.0]])
    seen = []
    original = auto_mod._predict_block

    def block(states, horizons):
        seen.append(np.getbufsize())
        return original(states, horizons)

    def fails(states, horizons):
        raise ZeroDivisionError

    old = np.setbufsize(4096)
    try:
        monkeypatch.setattr(auto_mod, "_predict_block", block)
        got = _auto_predict(s, h)
        assert seen == [32]
        assert np.getbufsize() == 4096
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            want = block(s, h)
        assert seen[-1] == 4096
        for a, b in zip(got, want, strict=True):
            _same_bits(a, b)
        # One horizon for the block (0-d): no change of buffer.
        _auto_predict(s, np.full((3, 30), 2.0))
        assert seen[-1] == 4096
        monkeypatch.setattr(auto_mod, "_predict_block", fails)
        with pytest.raises(ZeroDivisionError):
            _auto_predict(s, h)
        assert np.getbufsize() == 4096
    finally:
        np.setbufsize(old)


def test_level_factor_of_series_that_all_have_a_zero():
    # zero None (every element's series has a zero and no negative value):
    # max(1, med / y) where y > 0, else 1. By hand: 3 / 2 = 1.5; y = 0 and
    # y = -1 are not above 0 (1); 2 / 4 = 0.5 is below 1 (1); 9 / 3 = 3.
    # The same floats as with a True flag per element, NaN y included.
    y = np.array([[2.0, 0.0, -1.0], [4.0, 3.0, np.nan]])
    med = np.array([[3.0, 5.0, 1.0], [2.0, 9.0, 7.0]])
    with np.errstate(divide="ignore", invalid="ignore"):
        got = _level_factor(None, y, med)
        flagged = _level_factor(np.ones(y.shape, dtype=bool), y, med)
    _same_bits(got, np.array([[1.5, 1.0, 1.0], [1.0, 3.0, 1.0]]))
    _same_bits(got, flagged)


@pytest.mark.parametrize("time_major", [False, True])
def test_largest_count_is_the_series_own(time_major):
    # auto's states size their tables by count with the largest series
    # count: the counts up to each column end at the series' own count and
    # never fall along time, so at any kept columns their largest is it.
    # By hand: series of 3, 1 and 0 points give counts [1 2 3], [0 0 1],
    # [0 0 0].
    p = _panel(
        [2000.0, 2001.0, 2002.0, 2010.0],
        [1.0, 2.0, 3.0, 5.0],
        [0, 3, 4, 4],
        log=False,
        time_major=time_major,
    )
    np.testing.assert_array_equal(p.nj, [[1, 2, 3], [0, 0, 1], [0, 0, 0]])
    np.testing.assert_array_equal(p.n, [3, 1, 0])
    for width in (1, 2, 3):
        assert int(p.nj[:, -width:].max(initial=0)) == int(p.n.max(initial=0)) == 3
