"""The driver's calibration and quantiles: the same floats as the formulas written out."""

from __future__ import annotations

import numpy as np
import pytest

from innovplan.engine import _forecast as k
from innovplan.engine._driver import _weighted_sums
from innovplan.engine._overflow import _pairs_run
from innovplan.engine._stats import _A, _B, _C, _D, _P_LOW, norm_ppf


def _same_bits(a: object, b: object) -> None:
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    assert x.shape == y.shape
    np.testing.assert_array_equal(x.view(np.uint64), y.view(np.uint64))


def _acklam(p: float) -> float:
    # Acklam (2003), "An algorithm for computing the inverse normal
    # cumulative distribution function": the rational functions as he wrote
    # them, one probability at a time.
    a, b, c, d = _A, _B, _C, _D
    if not 0.0 <= p <= 1.0:  # NaN too
        return float("nan")
    if p == 0.0:
        return float("-inf")
    if p == 1.0:
        return float("inf")
    if p < _P_LOW or p > 1 - _P_LOW:
        sign = 1.0 if p < _P_LOW else -1.0
        q = float(np.sqrt(-2.0 * np.log(p if p < _P_LOW else 1.0 - p)))
        num = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
        den = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0
        return sign * num / den
    q = p - 0.5
    r = q * q
    num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
    den = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0
    return num / den


@pytest.mark.parametrize("tails", [False, True])
def test_norm_ppf_is_acklams_formula_written_out(tails):
    # Central probabilities alone take the path without masks; with tails,
    # 0, 1, values outside [0, 1] and NaN, the masked one. Each element is
    # the float of the formula evaluated on its own.
    rng = np.random.default_rng(11)
    p = rng.uniform(_P_LOW, 1 - _P_LOW, 500)
    if tails:
        p = np.concatenate([
            p, rng.uniform(0.0, _P_LOW, 200), 1.0 - rng.uniform(0.0, _P_LOW, 200),
            [0.0, 1.0, -0.5, 1.5, np.nan, 5e-324, 1e-300, _P_LOW, 1 - _P_LOW, 0.5],
        ])  # fmt: skip
    want = np.array([_acklam(float(x)) for x in p])
    with np.errstate(invalid="ignore", divide="ignore"):
        _same_bits(norm_ppf(p), want)
        _same_bits(norm_ppf(p.reshape(-1, 2)), want.reshape(-1, 2))
        for x in p[-10:] if tails else p[:3]:
            _same_bits(norm_ppf(x), _acklam(float(x)))


def test_norm_ppf_by_hand():
    # The 97.5 % normal quantile is 1.959964 (Abramowitz and Stegun 1964,
    # table 26.5); Acklam's relative error is below 1.15e-9. Probabilities
    # 0 and 1 are -inf and +inf, one outside [0, 1] is NaN.
    assert float(norm_ppf(0.975)) == pytest.approx(1.959964, abs=1e-6)
    assert float(norm_ppf(0.01)) == pytest.approx(-2.326348, abs=1e-6)
    got = norm_ppf(np.array([0.0, 1.0, 1.5, 0.5]))
    assert got[0] == -np.inf
    assert got[1] == np.inf
    assert np.isnan(got[2])
    assert got[3] == 0.0


def _series() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Three series: 6 rising points, 4 points with a fall, 1 point.
    t = np.array([2015.0, 2016.0, 2017.0, 2018.0, 2019.0, 2020.0, 2017.0, 2018.0, 2019.0, 2020.0])
    y = np.array([3.0, 3.5, 3.9, 4.6, 5.0, 5.9, 10.0, 11.5, 11.0, 12.4])
    t, y = np.append(t, 2020.0), np.append(y, 7.0)
    return t, y, np.array([0, 6, 10, 11])


def test_drift_by_hand_in_both_layouts():
    # Drift on 3.0 ... 5.9 over 5 steps: 5.9 + (5.9 - 3.0) / 5 * h, so
    # 6.48 one year on and 7.64 three years on (Hyndman and Athanasopoulos
    # 2021, section 5.2). Asked as (S, H) horizons, or as one row per series
    # and horizon, the floats are the same, whatever the arrays' layout.
    t, y, indptr = _series()
    last = np.array([2020.0, 2020.0, 2020.0])
    hz = last[:, None] + np.array([1.0, 3.0])
    wide = k.drift(t, y, indptr, hz, 0.8)
    assert wide.point.shape == (3, 2)
    assert wide.point[0].tolist() == pytest.approx([6.48, 7.64], abs=1e-12)
    assert np.isnan(wide.point[2]).all()  # one point: unclear
    for col in range(2):
        one = k.drift(t, y, indptr, hz[:, col].copy(), 0.8)
        for a, b in zip(wide, one, strict=True):
            _same_bits(np.asarray(a)[:, col], b)


@pytest.mark.parametrize("kernel", [k.auto, k.drift])
def test_pairs_run_reads_either_layout(kernel):
    # The kernels give (S, H) views of (H, S) arrays; _pairs_run reads them
    # in that order, and C-ordered copies at each pair's row and column:
    # the same floats and dtypes either way.
    t, y, indptr = _series()
    row = np.array([0, 1, 0, 2, 1, 0])
    horizon = np.array([2021.0, 2022.0, 2023.0, 2021.0, 2024.0, 2021.0])
    got = _pairs_run(kernel, (t, y, indptr), np.array([0, 1, 3]), row, (horizon, 0.8))
    assert got is not None

    def c_ordered(*args: object) -> k.Forecasts:
        fc = kernel(*args)
        assert not np.asarray(fc.point).flags.c_contiguous  # (S, H) view of (H, S)
        return k.Forecasts(*(np.ascontiguousarray(a) for a in fc))

    want = _pairs_run(c_ordered, (t, y, indptr), np.array([0, 1, 3]), row, (horizon, 0.8))
    assert want is not None
    for a, b in zip(got, want, strict=True):
        assert np.asarray(a).dtype == np.asarray(b).dtype
        if np.asarray(a).dtype.kind == "f":
            _same_bits(a, b)
        else:
            np.testing.assert_array_equal(a, b)
    # Target 0 (history 0, 2021) is the drift 6.48 above.
    if kernel is k.drift:
        assert float(got.point[0]) == pytest.approx(6.48, abs=1e-12)


@pytest.mark.parametrize("kernel", [k.auto, k.drift, k.linear])
def test_results_follow_the_horizons_memory_order(kernel):
    # C-ordered (S, H) horizons give C-ordered results (reductions along a
    # row then add as before); an (S, H) view of (H, S) horizons gives views
    # of (H, S) results. The floats are the same.
    t, y, indptr = _series()
    hz = np.array([2021.0, 2022.5, 2025.0])[None, :] + np.zeros((3, 1))
    c_fc = kernel(t, y, indptr, hz, 0.8)
    f_fc = kernel(t, y, indptr, np.ascontiguousarray(hz.T).T, 0.8)
    for a, b in zip(c_fc, f_fc, strict=True):
        assert np.asarray(a).flags.c_contiguous
        assert np.asarray(b).flags.f_contiguous
        assert not np.asarray(b).flags.c_contiguous
        if np.asarray(a).dtype.kind == "f":
            _same_bits(a, b)
        else:
            np.testing.assert_array_equal(a, b)


def test_floor_lifts_forecasts_in_either_layout():
    # Drift of 3.0 ... 5.9: medians 6.48 and 7.64 one and three years on
    # (see above). Conditioned on staying at or above a floor of 7.0, both
    # are at least 7.0, the one-year median (below the floor before) most
    # of all lifted; both layouts give the same floats.
    t, y, indptr = _series()
    hz = np.array([[2021.0, 2023.0]]) + np.zeros((3, 1))
    floor = np.array([7.0, np.nan, np.nan])[:, None]
    plain = k.drift(t, y, indptr, hz, 0.8)
    c_fc = k.at_least(plain, floor, 0.8)
    f_fc = k.at_least(k.drift(t, y, indptr, np.ascontiguousarray(hz.T).T, 0.8), floor, 0.8)
    assert plain.point[0].tolist() == pytest.approx([6.48, 7.64], abs=1e-12)
    assert (c_fc.point[0] >= 7.0).all()
    assert (c_fc.lower[0] >= 7.0).all()
    assert c_fc.point[0, 0] - 6.48 > c_fc.point[0, 1] - 7.64 > 0
    assert c_fc.floor[0].tolist() == [7.0, 7.0]
    for a, b in zip(c_fc, f_fc, strict=True):
        if np.asarray(a).dtype.kind == "f":
            _same_bits(a, b)
        else:
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("width", [1, 15, 16, 2023, 9000])
def test_weighted_sums_are_the_products_added_in_order(width):
    # sum over k of w[k] sums[:, k], one element at a time in Python floats
    # (IEEE doubles, the same rounding as numpy's): k = 0 first, then each
    # product added in index order. The buffer size is numpy's own again
    # after the call, and widths on either side of a multiple of 16 and of
    # the default buffer (8192) take both of its paths.
    rng = np.random.default_rng(width)
    w = rng.uniform(0.0, 1.0, (4, 3, width))
    sums = rng.integers(0, 9, (2, 4, width)).astype(np.float64)
    before = np.getbufsize()
    got = _weighted_sums(w, sums)
    assert np.getbufsize() == before
    assert got.shape == (2, 3, width)
    want = np.empty((2, 3, width))
    for i in range(2):
        for h in range(3):
            for s in range(width):
                acc = float(w[0, h, s]) * float(sums[i, 0, s])
                for j in range(1, 4):
                    acc += float(w[j, h, s]) * float(sums[i, j, s])
                want[i, h, s] = acc
    _same_bits(got, want)
