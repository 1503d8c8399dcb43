"""Special functions against published tables.

Student t: the two-sided critical values of the NIST/SEMATECH e-Handbook of
Statistical Methods (2012), section 1.3.6.7.2 "Critical values of the
Student's t distribution" (three decimals). Normal: Abramowitz and Stegun
(1964), Table 26.1 (Phi) and the familiar quantiles 1.281552, 1.644854,
1.959964, 2.326348, 3.090232 (Table 26.5 / NIST 1.3.6.7.1).
"""

import math

import numpy as np
import pytest

from innovplan.engine._stats import (
    betainc,
    gammaln,
    norm_cdf,
    norm_ppf,
    norm_sf,
    t_cdf,
    t_pdf,
    t_ppf,
)

# (df, upper-tail probability) -> t, NIST e-Handbook 1.3.6.7.2
NIST_T = [
    (1, 0.10, 3.078), (1, 0.025, 12.706), (1, 0.005, 63.657),
    (2, 0.10, 1.886), (2, 0.025, 4.303), (2, 0.005, 9.925),
    (3, 0.10, 1.638), (3, 0.025, 3.182), (3, 0.005, 5.841),
    (5, 0.10, 1.476), (5, 0.025, 2.571), (5, 0.005, 4.032),
    (10, 0.10, 1.372), (10, 0.025, 2.228), (10, 0.005, 3.169),
    (30, 0.10, 1.310), (30, 0.025, 2.042), (30, 0.005, 2.750),
    (100, 0.10, 1.290), (100, 0.025, 1.984), (100, 0.005, 2.626),
]  # fmt: skip


@pytest.mark.parametrize(("df", "tail", "expected"), NIST_T)
def test_t_ppf_matches_nist_table(df, tail, expected):
    assert round(float(t_ppf(1 - tail, df)), 3) == expected
    assert round(float(t_ppf(tail, df)), 3) == -expected


def test_t_ppf_vectorised_and_consistent_with_cdf():
    p = np.array([0.01, 0.1, 0.5, 0.8, 0.9, 0.999])
    df = np.array([1.5, 2.5, 4.0, 7.3, 20.0, 1000.0])
    q = t_ppf(p[:, None], df[None, :])
    assert q.shape == (6, 6)
    np.testing.assert_allclose(
        t_cdf(q, df[None, :]), np.broadcast_to(p[:, None], q.shape), rtol=1e-9, atol=1e-12
    )


def test_t_infinite_df_is_normal():
    assert float(t_ppf(0.975, np.inf)) == pytest.approx(1.959964, abs=1e-6)
    assert float(t_cdf(1.0, np.inf)) == pytest.approx(0.8413447, abs=1e-7)


def test_t_cdf_closed_forms():
    # Cauchy (df = 1): F(x) = 1/2 + atan(x)/pi; df = 2: F(x) = 1/2 + x / (2 sqrt(2 + x^2)).
    x = np.array([-3.0, -0.5, 0.0, 0.7, 4.0])
    np.testing.assert_allclose(t_cdf(x, 1.0), 0.5 + np.arctan(x) / np.pi, atol=1e-12)
    np.testing.assert_allclose(t_cdf(x, 2.0), 0.5 + x / (2 * np.sqrt(2 + x * x)), atol=1e-12)
    assert float(t_pdf(0.0, 1.0)) == pytest.approx(1 / math.pi)


def test_t_ppf_refuses_bad_arguments():
    assert np.isnan(t_ppf(0.9, 0.5))
    assert np.isnan(t_ppf(1.5, 3.0))
    assert t_ppf(1.0, 3.0) == np.inf


@pytest.mark.parametrize(
    ("p", "z"),
    [
        (0.9, 1.281552),
        (0.95, 1.644854),
        (0.975, 1.959964),
        (0.99, 2.326348),
        (0.999, 3.090232),
        (0.5, 0.0),
    ],
)
def test_norm_ppf_table(p, z):
    assert float(norm_ppf(p)) == pytest.approx(z, abs=1e-6)
    assert float(norm_ppf(1 - p)) == pytest.approx(-z, abs=1e-6)


@pytest.mark.parametrize(
    ("x", "phi"),
    [(0.0, 0.5), (1.0, 0.8413447), (1.96, 0.9750021), (-3.0, 0.0013499), (2.5, 0.9937903)],
)
def test_norm_cdf_table(x, phi):
    # Abramowitz and Stegun (1964) Table 26.1.
    assert float(norm_cdf(x)) == pytest.approx(phi, abs=2e-7)
    assert float(norm_sf(-x)) == pytest.approx(phi, abs=2e-7)


def test_gammaln_and_betainc():
    # Gamma(n) = (n-1)!; Gamma(1/2) = sqrt(pi); I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
    np.testing.assert_allclose(np.exp(gammaln([1.0, 5.0, 10.0])), [1.0, 24.0, 362880.0], rtol=1e-9)
    assert float(gammaln(0.5)) == pytest.approx(0.5 * math.log(math.pi), abs=1e-10)
    x = np.linspace(0.05, 0.95, 7)
    np.testing.assert_allclose(betainc(3.0, 1.0, x), x**3, rtol=1e-10)
    np.testing.assert_allclose(betainc(1.0, 4.0, x), 1 - (1 - x) ** 4, rtol=1e-10)
    assert np.isnan(betainc(-1.0, 1.0, 0.5))


def test_betainc_of_a_batch_is_each_element_alone():
    # The continued fraction stops early for elements that converged; each
    # element's value is the float it gets alone, in a 2-D batch too, and
    # I_{1/2}(a, a) = 1/2 by symmetry (to the fraction's accuracy, about 1e-12).
    rng = np.random.default_rng(3)
    a = np.concatenate([rng.uniform(0.05, 300.0, 400), [7.0, 0.5]])
    b = np.concatenate([rng.uniform(0.05, 300.0, 400), [7.0, 0.5]])
    x = np.concatenate([rng.uniform(0.0, 1.0, 400), [0.5, 0.5]])
    many = betainc(a, b, x)
    alone = [float(betainc(a[i], b[i], x[i])) for i in range(a.size)]
    assert many.tolist() == alone
    assert betainc(a.reshape(2, -1), b.reshape(2, -1), x.reshape(2, -1)).ravel().tolist() == alone
    assert many[-2:] == pytest.approx([0.5, 0.5], abs=1e-11)


def test_whole_df_finite_sums_match_the_continued_fraction():
    # Abramowitz and Stegun 26.7.3 / 26.7.4 (used to polish t_ppf) against betainc.
    from innovplan.engine._stats import _t_sf_whole, t_sf

    x = np.linspace(-6.0, 6.0, 25)[:, None]
    df = np.arange(1.0, 61.0)[None, :]
    xx, dd = np.broadcast_arrays(x, df)
    np.testing.assert_allclose(_t_sf_whole(xx, dd), t_sf(xx, dd), rtol=1e-9, atol=1e-13)


def test_finite_sum_tail_by_hand_for_one_two_and_four_df():
    # Closed forms of the t tail (Abramowitz and Stegun 1964, 26.7.3 / 26.7.4
    # written out): df 1 (Cauchy) 1/2 - atan(x)/pi; df 2 1/2 - x / (2 sqrt(2 + x^2));
    # df 4 1/2 - (x / (2 sqrt(4 + x^2))) (1 + 2 / (4 + x^2)).
    from innovplan.engine._stats import _t_sf_sums

    x = np.concatenate([np.linspace(-30.0, 30.0, 601), [-1e-9, 1e-9, 0.0]])
    want = {
        1.0: 0.5 - np.arctan(x) / np.pi,
        2.0: 0.5 - x / (2.0 * np.sqrt(2.0 + x * x)),
        4.0: 0.5 - x / (2.0 * np.sqrt(4.0 + x * x)) * (1.0 + 2.0 / (4.0 + x * x)),
    }
    for df, w in want.items():
        got = _t_sf_sums(x, np.full(x.size, df))
        np.testing.assert_allclose(got, w, rtol=0, atol=1e-15)


def test_finite_sum_tail_near_zero_follows_the_density():
    # Near 0, P(T > x) = 1/2 - f(0) (x - (df + 1) x^3 / (6 df)) + O(x^5), with
    # f(0) = Gamma((df + 1) / 2) / (sqrt(df pi) Gamma(df / 2)) (the t density
    # at 0 and its second derivative). For |x| <= 1e-3 the x^5 term is below
    # 1e-15. There the continued fraction is off by up to about 1e-8 for
    # df <= 12 and 4.7e-8 at df 200 (x = 1.17e-7), measured against a 40-digit
    # incomplete beta: it reads 1 - z for z = df / (df + x^2), which rounds.
    # The finite sums are not.
    from innovplan.engine._stats import _t_sf_sums

    x = np.linspace(-1e-3, 1e-3, 41)
    for df in range(1, 201):
        f0 = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
        want = 0.5 - f0 * (x - (df + 1) * x**3 / (6 * df))
        got = _t_sf_sums(x, np.full(x.size, float(df)))
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)


def test_finite_sum_tail_against_the_continued_fraction():
    # Point counts up to 12 (the short yearly series of the design set): the
    # two agree to 1e-13 wherever |x| >= 0.01 (measured: 2.2e-14); a
    # fractional or large df is the continued fraction itself, byte for byte.
    from innovplan.engine._stats import _t_sf_sums, t_sf

    x = np.concatenate([np.linspace(-40.0, 40.0, 1601), np.logspace(-2, 1.6, 200)])
    x = np.concatenate([x[np.abs(x) >= 0.01], -np.logspace(-2, 1.6, 200)])
    xx, dd = np.broadcast_arrays(x[:, None], np.arange(1.0, 13.0)[None, :])
    xx, dd = xx.ravel(), dd.ravel()
    np.testing.assert_allclose(_t_sf_sums(xx, dd), t_sf(xx, dd), rtol=0, atol=1e-13)
    other = np.array([1.5, 7.5, 201.0, 1e4, np.inf])
    xo, do = np.broadcast_arrays(x[:, None], other[None, :])
    xo, do = xo.ravel(), do.ravel()
    assert _t_sf_sums(xo, do).tobytes() == t_sf(xo, do).tobytes()
    # A batch mixing the two is each element alone.
    mixed = np.concatenate([dd, do])
    xm = np.concatenate([xx, xo])
    alone = np.concatenate([_t_sf_sums(xx, dd), _t_sf_sums(xo, do)])
    assert _t_sf_sums(xm, mixed).tobytes() == alone.tobytes()
