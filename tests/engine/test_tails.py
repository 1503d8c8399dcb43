"""Tails of the t and the normal: in [0, 1], accurate relative to small tails.

References: closed forms of the t distribution for 1, 2 and 4 degrees of
freedom (Abramowitz and Stegun 1964, 26.7.3 and 26.7.4 written out); the
normal's table (Abramowitz and Stegun 1964, table 26.1); the expansion of
the t distribution in powers of 1/df (R. A. Fisher 1925, "Expansion of
'Student's' integral in powers of n^-1", Metron 5, 109-120).
"""

import math

import numpy as np
import pytest

from innovplan.engine import _combine as kc
from innovplan.engine import _forecast as k
from innovplan.engine._stats import _t_sf_cf, norm_cdf, norm_sf, t_cdf, t_pdf, t_ppf, t_sf
from innovplan.errors import EvaluationError, InnovplanError

# Abramowitz and Stegun (1964), table 26.1: Phi(1) and Phi(2) to 15 decimals.
PHI_1 = 0.841344746068543
PHI_2 = 0.977249868051821


def _fc(loc, scale, df, *, floor=None) -> k.Forecasts:
    # Forecasts of loc's shape (one row per series, or (S, H)), every other
    # field filled as a plain forecast from 5 points.
    loc = np.asarray(loc, dtype=np.float64)
    n = loc.shape
    f = np.full(n, np.nan)
    return k.Forecasts(
        loc.copy(), f, f, loc, np.broadcast_to(np.asarray(scale, float), n).copy(),
        np.broadcast_to(np.asarray(df, float), n).copy(), np.zeros(n, bool),
        np.zeros(n, np.int8), np.zeros(n, np.int8), np.zeros(n, np.int32),
        np.full(n, 5), np.ones(n), f if floor is None else np.asarray(floor, float),
    )  # fmt: skip


def test_probabilities_stay_in_the_unit_interval():
    # Every whole df 1..200 and |x| from 1e-12 to 1e8, both signs: a
    # probability is never below 0 or above 1. Two cases that the finite
    # sums alone, 1/2 (1 - A), rounded outside: A rounds above 1.
    x = np.concatenate([np.logspace(-12, 8, 161), -np.logspace(-12, 8, 161)])
    xx, dd = np.broadcast_arrays(x[:, None], np.arange(1.0, 201.0)[None, :])
    p = k.prob_above(_fc(np.zeros(xx.size), 1.0, dd.ravel()), xx.ravel())
    assert not np.isnan(p).any()
    assert p.min() >= 0.0
    assert p.max() <= 1.0
    assert k.prob_above(_fc([0.0], 1.0, 6.0), 1202.26)[0] >= 0.0
    assert k.prob_above(_fc([0.0], 1.0, 12.0), -89.125)[0] <= 1.0


def test_small_upper_tails_keep_their_relative_accuracy():
    # Upper tails written without cancellation (x > 0):
    #   df 1: 1/2 - atan(x)/pi = atan(1/x)/pi;
    #   df 2: 1/2 - x / (2 s) with s = sqrt(2 + x^2) is (s - x) / (2 s), and
    #         s - x = 2 / (s + x), so 1 / (s (s + x));
    #   df 4: 1/2 - x (6 + x^2) / (2 s^3) with s = sqrt(4 + x^2): s^3 - x^3 - 6x
    #         = 4 (s^2 + s x + x^2) / (s + x) - 6 x = 8 (2 s + x) / (s + x)^2
    #         (s - x = 4 / (s + x) twice), so 4 (2 s + x) / (s^3 (s + x)^2)
    #         (1/2 at x = 0; 3 / x^4 far out, the integral of 12 / x^5).
    # From x = 1 to 1e8 these reach 3e-9 (df 1), 5e-17 (df 2) and 3e-32 (df 4).
    # Relative error below 1e-9 (measured: 5.3e-11; gammaln's Lanczos error,
    # 2e-10, bounds it). As 1/2 (1 - A) alone it was 1e-6 near 1e-9, 1e-3 near
    # 1e-12 and noise below 1e-16.
    x = np.logspace(0.0, 8.0, 81)
    s2, s4 = np.sqrt(2.0 + x * x), np.sqrt(4.0 + x * x)
    want = {
        1.0: np.arctan(1.0 / x) / np.pi,
        2.0: 1.0 / (s2 * (s2 + x)),
        4.0: 4.0 * (2.0 * s4 + x) / (s4**3 * (s4 + x) ** 2),
    }
    for df, w in want.items():
        got = k.prob_above(_fc(np.zeros(x.size), 1.0, df), x)
        np.testing.assert_allclose(got, w, rtol=1e-9, atol=0)
        # The lower tail by symmetry: P(T > -x) = 1 - P(T > x), to rounding.
        np.testing.assert_allclose(
            k.prob_above(_fc(np.zeros(x.size), 1.0, df), -x), 1.0 - w, rtol=0, atol=2e-16
        )


def test_the_normal_tail_is_exact_to_rounding():
    # Cody's rational erfc: the median is exactly 1/2 (erfc(0) = 1), the table
    # to its 15 decimals, and far tails relative to the value, against
    # math.erfc (the C library's): P(Z > x) = erfc(x / sqrt 2) / 2.
    assert float(norm_sf(0.0)) == 0.5
    assert float(norm_cdf(0.0)) == 0.5
    assert float(norm_cdf(1.0)) == pytest.approx(PHI_1, abs=1e-15)
    assert float(norm_sf(2.0)) == pytest.approx(1.0 - PHI_2, abs=1e-15)
    x = np.concatenate([np.linspace(-8.0, 37.0, 4501), [-1e-9, 1e-9, 0.6629, 5.657]])
    want = np.array([0.5 * math.erfc(v / math.sqrt(2.0)) for v in x])
    np.testing.assert_allclose(norm_sf(x), want, rtol=2e-15, atol=0)
    assert float(norm_sf(40.0)) == 0.0  # P(Z > 40) = 3.7e-350, below float64
    assert norm_sf(np.array([np.inf, -np.inf])).tolist() == [0.0, 1.0]
    assert np.isnan(norm_sf(np.nan))


def test_very_large_df_is_the_normal():
    # Above df = 1e7 the t is read as the normal: the difference
    # phi(x) (x^3 + x) / (4 df) is at most 0.158 / df (Fisher 1925's first
    # term; phi(x)(x^3 + x)/4 peaks at x = 1.55), 1.6e-8 at the cut. The
    # continued fraction there lost to gammaln's cancellation: P(T > 2) was
    # 0.069 at df 1e15 and 1/2 for every x from 1e17 on.
    tail_2 = 1.0 - PHI_2  # P(Z > 2) = 0.022750131948179
    for df in (1.0000001e7, 1e12, 1e15, 1e17, 1e300):
        assert float(t_sf(2.0, df)) == pytest.approx(tail_2, abs=1e-15)
        assert float(t_cdf(-2.0, df)) == pytest.approx(tail_2, abs=1e-15)
        # Acklam's normal quantile, relative error below 1.15e-9: z_0.9 = 1.2815515655.
        assert float(t_ppf(0.9, df)) == pytest.approx(1.2815515655446004, abs=2e-9)
        # The normal density at 0: 1 / sqrt(2 pi) = 0.3989422804014327.
        assert float(t_pdf(0.0, df)) == pytest.approx(0.3989422804014327, abs=1e-16)
    # Below the cut the t itself: at df 1e5, P(T > 2) = P(Z > 2) + phi(2) (8 + 2) / (4e5)
    # with phi(2) = exp(-2) / sqrt(2 pi) = 0.0539909665, i.e. + 1.34977e-6; the next
    # term of the expansion is 6.4e-12 there (measured with a 40-digit incomplete beta).
    phi2 = math.exp(-2.0) / math.sqrt(2.0 * math.pi)
    assert float(t_sf(2.0, 1e5)) == pytest.approx(tail_2 + phi2 * 10.0 / 4e5, abs=2e-11)
    # At a forecast: a t with df 1e300 floored at -1 has the normal's median (test_bounds).
    below = k.at_least(_fc([0.0], 1.0, 1e300), [-1.0], 0.8)
    assert below.point[0] == pytest.approx(0.20017, abs=1e-4)
    assert k.prob_above(below, 1.0)[0] < 1.0


def test_every_year_within_reads_infinite_df_as_the_normal():
    # One year in [-1, 1] under N(0, 1): Phi(1) - Phi(-1) = 2 Phi(1) - 1
    # = 0.682689492137086. df = inf was read as a t with 1.8e308 df, whose CDF
    # rounds to 1/2 everywhere: 0.
    fc = _fc(np.zeros((1, 2)), 1.0, np.inf)
    steps = np.array([[1.0, 2.0]])
    one = kc.all_within(fc, np.array([[True, False]]), steps, [-1.0], [1.0])
    assert one[0] == pytest.approx(2.0 * PHI_1 - 1.0, abs=1e-15)
    # Both years: the same as a df read as the normal by its size, and below
    # the single year (the second year must hold too).
    both = kc.all_within(fc, np.ones((1, 2), bool), steps, [-1.0], [1.0])
    huge = kc.all_within(fc._replace(df=np.full((1, 2), 1e300)), np.ones((1, 2), bool), steps, [-1.0], [1.0])  # fmt: skip
    assert both[0] == huge[0]
    assert 0.3 < both[0] < 2.0 * PHI_1 - 1.0


def test_a_nan_threshold_gives_nan():
    # No threshold, no probability: NaN (not the 1/2 of a threshold read as 0),
    # on a t, a point mass, a floored t, and with None; other rows keep theirs.
    fc = _fc([0.0, 0.0, 3.0, 0.0], [1.0, 1.0, 0.0, 1.0], np.inf, floor=[np.nan] * 3 + [-1.0])
    p = k.prob_above(fc, np.array([np.nan, 0.0, np.nan, np.nan]))
    assert np.isnan(p[[0, 2, 3]]).all()
    assert p[1] == 0.5
    assert np.isnan(k.prob_above(fc, None)).all()


def test_a_threshold_of_the_wrong_shape_is_named():
    fc = _fc([0.0, 1.0, 2.0], 1.0, 4.0)
    with pytest.raises(EvaluationError, match=r"threshold has shape \(2,\).*shape \(3,\)") as err:
        k.prob_above(fc, [1.0, 2.0])
    assert isinstance(err.value, InnovplanError)
    with pytest.raises(EvaluationError, match="threshold must be numbers"):
        k.prob_above(fc, "high")
    with pytest.raises(EvaluationError, match=r"floor has shape \(2,\).*shape \(3,\)"):
        k.at_least(fc, [1.0, 2.0])
    with pytest.raises(EvaluationError, match=r"level has shape \(2,\)"):
        k.at_least(fc, [0.0, 0.0, 0.0], [0.8, 0.9])


def test_tail_near_zero_for_large_and_fractional_df():
    # Near 0, P(T > x) = 1/2 - f(0) (x - (df + 1) x^3 / (6 df)) + O(x^5), with
    # f(0) = Gamma((df + 1) / 2) / (sqrt(df pi) Gamma(df / 2)), the density at 0;
    # for |x| <= 1e-3 the x^5 term is below 1e-15. The continued fraction
    # reading 1 - df / (df + x^2) was off by up to 4.7e-8 at df 200 and 7e-8
    # at df 1000; its complement I_{x^2/(df+x^2)}(1/2, df/2) keeps the digits
    # (measured: 4e-16 up to df 4096). For larger df gammaln's rounding grows
    # with its argument (2.4e-14 at df 1e5, 4.4e-13 at 1e6 here).
    x = np.concatenate([np.linspace(-1e-3, 1e-3, 41), [1e-7, -3e-9]])
    for df, tol in ((2.5, 1e-15), (7.3, 1e-15), (201.0, 1e-15), (1000.0, 1e-15), (4096.0, 1e-15), (1e6, 1e-12)):  # fmt: skip
        f0 = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
        want = 0.5 - f0 * (x - (df + 1) * x**3 / (6 * df))
        np.testing.assert_allclose(t_sf(x, df), want, rtol=0, atol=tol)
    # No step where the finite sums (df <= 200) hand over to the incomplete
    # beta: 1/2 - P(T > 1e-7) is f(0) 1e-7 = 3.98e-8 on both sides.
    for df in (200.0, 201.0):
        f0 = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
        p = k.prob_above(_fc([0.0], 1.0, df), 1e-7)[0]
        assert 0.5 - p == pytest.approx(f0 * 1e-7, rel=1e-8)


def test_moderate_tails_of_large_df_keep_their_relative_accuracy():
    # For x^2 below df but x well past 1 the tail is small (t_sf(10, 200) is
    # about 1.2e-19): 1/2 - 1/2 I_{x^2/(df+x^2)}(1/2, df/2) would cancel to 0
    # there, so such points read the direct fraction I_{df/(df+x^2)}(df/2, 1/2)
    # / 2, which keeps relative digits. Held against that fraction alone.
    for df in (60.0, 100.0, 200.0, 1000.0, 4096.0):
        x = np.linspace(4.0, min(math.sqrt(df), 30.0), 40)  # tails above 1e-200
        got = t_sf(x, df)
        assert (got > 0.0).all()
        np.testing.assert_allclose(got, _t_sf_cf(x, np.full(x.size, df)), rtol=1e-9, atol=0)


def test_a_floored_forecast_far_in_the_tail_keeps_its_probability():
    # Y = t on 200 df, floored at 10 (a published "more than 10"): P(Y > 10.05)
    # is P(T > 10.05) / P(T > 10). The tail's log falls at -(df + 1) x /
    # (df + x^2) = -201 * 10 / 300 = -6.7 per unit near x = 10, so the ratio is
    # about exp(-6.7 * 0.05) = 0.715 (0.71403 exactly, 40-digit incomplete
    # beta). Both tails near 1e-19: with the cancelling form the denominator
    # was 0 and the probability 0.
    p = k.prob_above(_fc([0.0], 1.0, 200.0, floor=[10.0]), 10.05)[0]
    assert p == pytest.approx(0.715, abs=0.005)
