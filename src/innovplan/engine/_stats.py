"""Normal and Student-t distribution functions, vectorised, in plain numpy.

innovplan depends on numpy only, so the few special functions the forecast
kernels need are written here from published algorithms:

* log-gamma: Lanczos (1964) as given in Press et al., *Numerical Recipes in C*,
  2nd ed. (1992), section 6.1 (``gammln``), relative error below 2e-10;
* complementary error function: W. J. Cody (1969), "Rational Chebyshev
  approximations for the error function", *Mathematics of Computation* 23,
  631-638, as in his CALERF; within 1e-15 of the value (relative) wherever
  it is above the smallest float64;
* normal quantile: P. J. Acklam's rational approximation (2003, "An algorithm
  for computing the inverse normal cumulative distribution function"),
  relative error below 1.15e-9;
* regularized incomplete beta: Press et al. (1992), section 6.4 (``betai`` and
  the continued fraction ``betacf`` evaluated with the modified Lentz method);
* Student-t quantile: G. W. Hill (1970), "Algorithm 396: Student's
  t-quantiles", *Communications of the ACM* 13(10), 619-620, polished by the
  two-term Taylor (Newton-like) step of Hill (1981) on the t CDF, as in R's
  ``qt``; for whole degrees of freedom the polishing uses the finite sums of
  Abramowitz and Stegun (1964), 26.7.3 and 26.7.4, instead of the continued
  fraction (the engine's degrees of freedom are point counts);
* Student-t tail for whole degrees of freedom: the same finite sums, which
  the forecasts' probabilities use (``_t_sf_sums``), with the continued
  fraction for tails below 1e-6.

Every function broadcasts its arguments and returns float64 arrays; ``df``
may be ``inf`` (then the normal distribution is used, as for any ``df``
above ten million).

Example:
    >>> import numpy as np
    >>> from innovplan.engine._stats import t_ppf
    >>> np.round(t_ppf(np.array([0.9, 0.975]), 10.0), 3)
    array([1.372, 2.228])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from innovplan.engine._types import FloatArray

__all__ = [
    "betainc",
    "gammaln",
    "norm_cdf",
    "norm_ppf",
    "norm_sf",
    "t_cdf",
    "t_pdf",
    "t_ppf",
    "t_sf",
]

ArrayLike = npt.ArrayLike

# Lanczos coefficients, Numerical Recipes (1992) section 6.1, gammln.
_LANCZOS = (
    76.18009172947146,
    -86.50532032941677,
    24.01409824083091,
    -1.231739572450155,
    0.1208650973866179e-2,
    -0.5395239384953e-5,
)

# Acklam (2003) coefficients for the inverse normal CDF.
_A = (
    -3.969683028665376e01,
    2.209460984245205e02,
    -2.759285104469687e02,
    1.383577518672690e02,
    -3.066479806614716e01,
    2.506628277459239e00,
)
_B = (
    -5.447609879822406e01,
    1.615858368580409e02,
    -1.556989798598866e02,
    6.680131188771972e01,
    -1.328068155288572e01,
)
_C = (
    -7.784894002430293e-03,
    -3.223964580411365e-01,
    -2.400758277161838e00,
    -2.549732539343734e00,
    4.374664141464968e00,
    2.938163982698783e00,
)
_D = (
    7.784695709041462e-03,
    3.224671290700398e-01,
    2.445134137142996e00,
    3.754408661907416e00,
)
_P_LOW = 0.02425

# W. J. Cody (1969), Math. Comp. 23, 631-638: the coefficients of CALERF
# (netlib specfun). A, B: erf on |x| <= 0.46875; C, D: erfc on (0.46875, 4];
# P, Q: erfc beyond 4, in 1/x^2.
_CODY_A = (
    3.16112374387056560e00,
    1.13864154151050156e02,
    3.77485237685302021e02,
    3.20937758913846947e03,
    1.85777706184603153e-1,
)
_CODY_B = (
    2.36012909523441209e01,
    2.44024637934444173e02,
    1.28261652607737228e03,
    2.84423683343917062e03,
)
_CODY_C = (
    5.64188496988670089e-1,
    8.88314979438837594e00,
    6.61191906371416295e01,
    2.98635138197400131e02,
    8.81952221241769090e02,
    1.71204761263407058e03,
    2.05107837782607147e03,
    1.23033935479799725e03,
    2.15311535474403846e-8,
)
_CODY_D = (
    1.57449261107098347e01,
    1.17693950891312499e02,
    5.37181101862009858e02,
    1.62138957456669019e03,
    3.29079923573345963e03,
    4.36261909014324716e03,
    3.43936767414372164e03,
    1.23033935480374942e03,
)
_CODY_P = (
    3.05326634961232344e-1,
    3.60344899949804439e-1,
    1.25781726111229246e-1,
    1.60837851487422766e-2,
    6.58749161529837803e-4,
    1.63153871373020978e-2,
)
_CODY_Q = (
    2.56852019228982242e00,
    1.87295284992346047e00,
    5.27905102951428412e-1,
    6.05183413124413191e-2,
    2.33520497626869185e-3,
)
_ERF_THRESH = 0.46875
_ERF_XSMALL = 1.11e-16
# erfc(x) is below the smallest float64 from here on (Cody's XBIG for IEEE double).
_ERFC_XBIG = 26.543
_SQRT_1_PI = 0.56418958354775628695

_BETACF_MAX_ITER = 300
_BETACF_EPS = 3e-15
_TINY = 1e-300


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def gammaln(x: ArrayLike) -> FloatArray:
    """Natural log of the gamma function for positive arguments.

    Lanczos approximation, Numerical Recipes (1992) section 6.1.

    Args:
        x: Positive values.

    Returns:
        ``log(Gamma(x))``, NaN where ``x <= 0``.

    Example:
        >>> float(np.round(np.exp(gammaln(5.0)), 8))  # 4! = 24
        24.0
    """
    xx = _f(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        tmp = xx + 5.5
        tmp = tmp - (xx + 0.5) * np.log(tmp)
        ser = np.full_like(xx, 1.000000000190015)
        y = xx.copy()
        for coef in _LANCZOS:
            y = y + 1.0
            ser = ser + coef / y
        out = -tmp + np.log(2.5066282746310005 * ser / xx)
    return np.where(xx > 0, out, np.nan)


def _erfc(x: FloatArray) -> FloatArray:
    # W. J. Cody (1969), "Rational Chebyshev approximations for the error
    # function", Math. Comp. 23, 631-638, as in his CALERF (netlib specfun,
    # 1990): erf on |x| <= 0.46875, erfc on (0.46875, 4] and beyond 4 (there in
    # 1/x^2), each near-minimax to about 18 digits, so float64 rounding sets
    # the error. exp(-x^2) is split as exp(-u^2) exp(-(x - u)(x + u)) with u
    # x cut to 1/16, as Cody does, so the large x^2 is not rounded first.
    xx = _f(x)
    y = np.abs(xx)
    out = np.zeros(xx.shape)
    small = y <= _ERF_THRESH
    if small.any():
        ys = y[small]
        ysq = np.where(ys > _ERF_XSMALL, ys * ys, 0.0)
        num, den = _CODY_A[4] * ysq, ysq
        for a, b in zip(_CODY_A[:3], _CODY_B[:3], strict=True):
            num = (num + a) * ysq
            den = (den + b) * ysq
        out[small] = 1.0 - xx[small] * (num + _CODY_A[3]) / (den + _CODY_B[3])
    mid = (y > _ERF_THRESH) & (y <= 4.0)
    if mid.any():
        ym = y[mid]
        num, den = _CODY_C[8] * ym, ym
        for c, d in zip(_CODY_C[:7], _CODY_D[:7], strict=True):
            num = (num + c) * ym
            den = (den + d) * ym
        out[mid] = _exp_minus_square(ym) * (num + _CODY_C[7]) / (den + _CODY_D[7])
    big = (y > 4.0) & (y < _ERFC_XBIG)
    if big.any():
        yb = y[big]
        ysq = 1.0 / (yb * yb)
        num, den = _CODY_P[5] * ysq, ysq
        for p, q in zip(_CODY_P[:4], _CODY_Q[:4], strict=True):
            num = (num + p) * ysq
            den = (den + q) * ysq
        r = ysq * (num + _CODY_P[4]) / (den + _CODY_Q[4])
        out[big] = _exp_minus_square(yb) * (_SQRT_1_PI - r) / yb
    neg = (xx < 0) & ~small
    out[neg] = 2.0 - out[neg]
    out[np.isnan(xx)] = np.nan
    return out


def _exp_minus_square(y: FloatArray) -> FloatArray:
    # exp(-y^2) without rounding y^2 first (Cody's CALERF): u is y cut to a
    # multiple of 1/16, so u^2 is exact and (y - u)(y + u) small.
    u = np.trunc(y * 16.0) / 16.0
    out: FloatArray = np.exp(-u * u) * np.exp(-(y - u) * (y + u))
    return out


def norm_cdf(x: ArrayLike) -> FloatArray:
    """Standard normal cumulative distribution function.

    Args:
        x: Standard normal deviates.

    Returns:
        ``P(Z <= x)``.

    Example:
        >>> float(np.round(norm_cdf(1.96), 6))
        0.975002
    """
    return 0.5 * _erfc(-_f(x) / np.sqrt(2.0))


def norm_sf(x: ArrayLike) -> FloatArray:
    """Standard normal survival function ``P(Z > x)``, accurate in the upper tail.

    Args:
        x: Standard normal deviates.

    Returns:
        ``P(Z > x)``.

    Example:
        >>> float(np.round(norm_sf(3.0), 7))
        0.0013499
    """
    return 0.5 * _erfc(_f(x) / np.sqrt(2.0))


def norm_ppf(p: ArrayLike) -> FloatArray:
    """Standard normal quantile (inverse CDF), Acklam (2003).

    Args:
        p: Probabilities; 0 and 1 give -inf and +inf, values outside [0, 1] NaN.

    Returns:
        ``z`` with ``P(Z <= z) = p``.

    Example:
        >>> float(np.round(norm_ppf(0.975), 6))
        1.959964
    """
    pp = _f(p)
    mid = (pp >= _P_LOW) & (pp <= 1 - _P_LOW)
    if pp.ndim and mid.all():
        # Central region only (the common case): no masks needed.
        return _ppf_central(pp)
    low = (pp > 0) & (pp < _P_LOW)
    high = (pp > 1 - _P_LOW) & (pp < 1)
    # The central formula on every element (each is its own float, and a
    # gather and a scatter of the central ones cost more than the tails'
    # elements do), then the tails and the ends over it.
    with np.errstate(all="ignore"):
        out = _ppf_central(pp)
    for sel, sign in ((low, 1.0), (high, -1.0)):
        if np.any(sel):
            tail = pp[sel] if sign > 0 else 1.0 - pp[sel]
            out[sel] = _ppf_tail(tail, sign)
    inside = mid | low | high
    if not inside.all():
        out[~inside] = np.nan
        out[pp == 0] = -np.inf
        out[pp == 1] = np.inf
    return out


def _horner(x: FloatArray, coef: FloatArray) -> FloatArray:
    # A numerator and a denominator polynomial at once: row j of *coef* holds
    # both j-th coefficients (highest power first), and row 0 of the result
    # is (...((c0 x + c1) x + c2) ... ) x + c_last of the first, row 1 of the
    # second. In place on one fresh array: the same products and sums, in
    # the same order, as each expression written out (a product in either
    # order is the same float).
    acc: FloatArray = np.multiply(x, coef[0])
    for c in coef[1:-1]:
        acc += c
        acc *= x
    acc += coef[-1]
    return acc


def _ratio(x: FloatArray, coef: FloatArray, times: FloatArray | float) -> FloatArray:
    # The numerator polynomial of *coef* at x, times *times*, over the
    # denominator, for x of any shape (worked out on it flat).
    acc = _horner(x.reshape(-1), coef)
    num = acc[0]
    num *= times
    num /= acc[1]
    out: FloatArray = num.reshape(x.shape)
    return out


# Acklam's coefficients by power, numerator beside denominator, as columns
# for _horner. The tail's denominator has one power less: its leading 0
# gives 0 q + d0 = d0 exactly (q is finite there).
_CENTRAL = np.array([_A, (*_B, 1.0)]).T[:, :, None].copy()
_TAIL = np.array([_C, (0.0, *_D, 1.0)]).T[:, :, None].copy()


def _ppf_central(pp: FloatArray) -> FloatArray:
    # Acklam's rational function on [_P_LOW, 1 - _P_LOW]:
    # (((((a0 r + a1) r + a2) r + a3) r + a4) r + a5) q over
    # ((((b0 r + b1) r + b2) r + b3) r + b4) r + 1, q = p - 1/2, r = q^2.
    q = pp - 0.5
    return _ratio(q * q, _CENTRAL, q.reshape(-1))


def _ppf_tail(tail: FloatArray, sign: float) -> FloatArray:
    # Acklam's tails: q = sqrt(-2 log(tail)), sign times
    # ((((c0 q + c1) q + c2) q + c3) q + c4) q + c5 over
    # (((d0 q + d1) q + d2) q + d3) q + 1.
    q = np.log(tail)
    q *= -2.0
    np.sqrt(q, out=q)
    return _ratio(q, _TAIL, sign)


def _betacf(a: FloatArray, b: FloatArray, x: FloatArray) -> FloatArray:
    # Continued fraction for the incomplete beta, modified Lentz method,
    # Numerical Recipes (1992) section 6.4 (betacf). The loop runs over
    # iterations, each one vectorised over the elements not converged yet:
    # a converged element's value is final, so it leaves the working arrays
    # (every element's arithmetic is its own, whatever the others do).
    # The working arrays are the rows of one block, ordered so that one call
    # serves neighbouring rows (qam and a take m2 together, a and qab take m,
    # c and d their guard), and an element leaves with one gather: the same
    # operations on the same floats as the textbook's expressions.
    shape = x.shape
    w = np.empty((9, x.size))
    qam, wa, qab, qap, wb, wx, c, d, h = w
    wa[:], wb[:], wx[:] = a.ravel(), b.ravel(), x.ravel()
    np.add(wa, wb, out=qab)
    np.add(wa, 1.0, out=qap)
    np.subtract(wa, 1.0, out=qam)
    c.fill(1.0)
    d[:] = 1.0 - qab * wx / qap
    _not_tiny(d)
    np.divide(1.0, d, out=d)
    h[:] = d
    out = h.copy()
    idx = np.arange(wx.size)
    for m in range(1, _BETACF_MAX_ITER + 1):
        m2 = 2 * m
        _, wa, qab, qap, wb, wx, c, d, h = w
        cd = w[6:8]
        # aa = m (b - m) x / ((qam + m2)(a + m2))
        shifted = w[0:2] + m2  # qam + m2, a + m2
        a_m2 = shifted[1]
        den = shifted[0] * a_m2
        aa = wb - m
        aa *= m
        aa *= wx
        aa /= den
        _lentz(aa, cd)
        h *= d
        h *= c
        # aa = -(a + m)(qab + m) x / ((a + m2)(qap + m2))
        pair = w[1:3] + m  # a + m, qab + m
        aa = np.negative(pair[0], out=pair[0])
        aa *= pair[1]
        aa *= wx
        den = qap + m2
        np.multiply(a_m2, den, out=den)
        aa /= den
        _lentz(aa, cd)
        delta = d * c
        h *= delta
        delta -= 1.0
        going = np.abs(delta, out=delta) >= _BETACF_EPS  # NaN is done too
        if not going.all():
            done = ~going
            out[idx[done]] = h[done]
            if not going.any():
                return out.reshape(shape)
            idx = idx[going]
            w = w.compress(going, axis=1)  # C order: each row contiguous
    out[idx] = w[8]
    return out.reshape(shape)


def _lentz(aa: FloatArray, cd: FloatArray) -> None:
    # One step of Lentz's method in place on the rows cd = (c, d):
    # d = 1 / (1 + aa d) and c = 1 + aa / c, each kept away from zero first.
    c, d = cd
    d *= aa
    np.divide(aa, c, out=c)
    cd += 1.0
    _not_tiny(cd)
    np.divide(1.0, d, out=d)


def _not_tiny(v: FloatArray) -> None:
    # A value closer to zero than _TINY becomes _TINY (Lentz's guard).
    tiny = np.abs(v) < _TINY
    if tiny.any():
        v[tiny] = _TINY


def betainc(a: ArrayLike, b: ArrayLike, x: ArrayLike) -> FloatArray:
    """Regularized incomplete beta function ``I_x(a, b)``.

    Numerical Recipes (1992) section 6.4 (``betai``), with the symmetry
    ``I_x(a, b) = 1 - I_{1-x}(b, a)`` so the continued fraction always
    converges fast.

    Args:
        a: First shape, positive.
        b: Second shape, positive.
        x: Values in [0, 1].

    Returns:
        ``I_x(a, b)``; NaN outside the domain.

    Example:
        >>> float(np.round(betainc(2.0, 3.0, 0.5), 6))  # 11/16
        0.6875
    """
    aa, bb, xx = np.broadcast_arrays(_f(a), _f(b), _f(x))
    aa, bb, xx = aa.astype(np.float64), bb.astype(np.float64), xx.astype(np.float64)
    out = np.full(xx.shape, np.nan)
    ok = (aa > 0) & (bb > 0) & (xx >= 0) & (xx <= 1)
    out[ok & (xx == 0)] = 0.0
    out[ok & (xx == 1)] = 1.0
    inner = ok & (xx > 0) & (xx < 1)
    if not inner.any():
        return out
    a1, b1, x1 = aa[inner], bb[inner], xx[inner]
    lbt = gammaln(a1 + b1) - gammaln(a1) - gammaln(b1) + a1 * np.log(x1) + b1 * np.log1p(-x1)
    bt = np.exp(lbt)
    direct = x1 < (a1 + 1.0) / (a1 + b1 + 2.0)
    # Evaluate the continued fraction on the side where it converges.
    ca = np.where(direct, a1, b1)
    cb = np.where(direct, b1, a1)
    cx = np.where(direct, x1, 1.0 - x1)
    cf = _betacf(ca, cb, cx)
    val = np.where(direct, bt * cf / a1, 1.0 - bt * cf / b1)
    out[inner] = val
    return out


# Degrees of freedom above this are read as the normal (df = inf). There
# the t's distribution function differs from the normal's by
# phi(x) (x^3 + x) / (4 df) + O(df^-2) (R. A. Fisher 1925, "Expansion of
# 'Student's' integral in powers of n^-1", Metron 5, 109-120), at most
# 0.158 / df (at x = 1.55): 1.6e-8 at the cut, measured 1.55e-8 against a
# 40-digit incomplete beta. Below the cut the continued fraction is the
# better of the two (6e-9 at df = 1e7, 3.6e-11 at 1e5); above it, it is
# the worse and degrades further as gammaln(df/2 + 1/2) - gammaln(df/2)
# cancels (2.7e-7 at 1e10; 0.069 instead of 0.0228 for P(T > 2) at 1e15;
# exactly 1/2 everywhere from 1e17).
_NORMAL_DF = 1e7


def t_sf(x: ArrayLike, df: ArrayLike) -> FloatArray:
    """Student-t survival function ``P(T > x)`` with *df* degrees of freedom.

    ``P(|T| > |x|) = I_{df/(df+x^2)}(df/2, 1/2)`` (Abramowitz and Stegun 1964,
    26.7.1 with 26.5.27); ``df = inf``, and any ``df`` above ten million,
    gives the normal.

    Args:
        x: Points.
        df: Degrees of freedom, positive (may be ``inf``).

    Returns:
        ``P(T > x)``.

    Example:
        >>> float(np.round(t_sf(2.228, 10.0), 4))
        0.025
    """
    xx, nu = np.broadcast_arrays(_f(x), _f(df))
    xx, nu = xx.astype(np.float64), nu.astype(np.float64)
    out = _t_sf_cf(xx, nu)
    # Near 0 (x^2 < df) z = df / (df + x^2) rounds towards 1 and 1 - z loses
    # digits (up to 4.7e-8 at df 200, 7e-8 at df 1000): there
    # P(|T| <= |x|) = I_{x^2/(df+x^2)}(1/2, df/2), the same identity on the
    # complement (I_x(a, b) = 1 - I_{1-x}(b, a), A&S 26.5.2), whose argument
    # keeps them (within 3.4e-13 near 1/2, measured against a 40-digit
    # incomplete beta over df up to 4096). Only for x^2 < min(df, 16): further
    # out the tail is small and 1/2 - 1/2 I would cancel to 0 (t_sf(10, 200)
    # is 1.19e-19, not 0), where the direct fraction keeps it to the relative
    # digit.
    near = (xx * xx < np.minimum(nu, 16.0)) & (nu <= _NORMAL_DF)
    if near.any():
        xn, nn = xx[near], nu[near]
        inner = betainc(0.5, 0.5 * nn, xn * xn / (nn + xn * xn))
        out[near] = 0.5 - 0.5 * np.sign(xn) * inner
    return out


def _t_sf_cf(xx: FloatArray, nu: FloatArray) -> FloatArray:
    # P(T > x) by I_{df/(df+x^2)}(df/2, 1/2) alone, for arrays of one shape.
    # t_ppf polishes with it and at_least's share below a floor reads it:
    # the forecasts' quantiles keep their bits (t_sf is better near 0).
    out = np.full(xx.shape, np.nan)
    inf = nu > _NORMAL_DF
    if inf.any():
        out[inf] = norm_sf(xx[inf])
    fin = (nu <= _NORMAL_DF) & (nu > 0) & ~np.isnan(xx)
    if fin.any():
        xf, nf = xx[fin], nu[fin]
        with np.errstate(over="ignore", invalid="ignore"):
            z = nf / (nf + xf * xf)
        z = np.where(np.isinf(xf), 0.0, z)
        two_tail = betainc(0.5 * nf, 0.5, z)
        out[fin] = np.where(xf > 0, 0.5 * two_tail, 1.0 - 0.5 * two_tail)
    return out


def t_cdf(x: ArrayLike, df: ArrayLike) -> FloatArray:
    """Student-t cumulative distribution function ``P(T <= x)``.

    Args:
        x: Points.
        df: Degrees of freedom, positive (may be ``inf``).

    Returns:
        ``P(T <= x)``.

    Example:
        >>> float(np.round(t_cdf(1.0, 1.0), 6))  # Cauchy: 1/2 + atan(1)/pi
        0.75
    """
    return t_sf(-_f(x), df)


def t_pdf(x: ArrayLike, df: ArrayLike) -> FloatArray:
    """Student-t density (the normal density for ``df`` above ten million).

    Args:
        x: Points.
        df: Degrees of freedom, positive (may be ``inf``).

    Returns:
        The density at *x*.

    Example:
        >>> float(np.round(t_pdf(0.0, 1.0), 6))  # 1/pi
        0.31831
    """
    xx, nu = np.broadcast_arrays(_f(x), _f(df))
    xx, nu = xx.astype(np.float64), nu.astype(np.float64)
    out = np.asarray(np.exp(-0.5 * xx * xx) / np.sqrt(2.0 * np.pi), dtype=np.float64).reshape(
        xx.shape
    )
    fin = nu <= _NORMAL_DF  # above it (and NaN) the normal density, as in t_sf
    if fin.any():
        xf, nf = xx[fin], nu[fin]
        lg = gammaln(0.5 * (nf + 1.0)) - gammaln(0.5 * nf) - 0.5 * np.log(nf * np.pi)
        out[fin] = np.exp(lg - 0.5 * (nf + 1.0) * np.log1p(xf * xf / nf))
    return out


def _hill_upper(p2: FloatArray, n: FloatArray) -> FloatArray:
    # Hill (1970) Algorithm 396: the positive t with two-tail probability p2,
    # for n >= 1 degrees of freedom (R's qt uses the same steps).
    a = 1.0 / (n - 0.5)
    b = 48.0 / (a * a)
    c = ((20700.0 * a / b - 98.0) * a - 16.0) * a + 96.36
    d = ((94.5 / (b + c) - 3.0) / b + 1.0) * np.sqrt(a * np.pi / 2.0) * n
    y = np.power(d * p2, 2.0 / n)
    asym = ((n < 2.1) & (p2 > 0.5)) | (y > 0.05 + a)
    # Asymptotic inverse expansion about the normal.
    x = norm_ppf(0.5 * p2)
    yy = x * x
    c2 = np.where(n < 5, c + 0.3 * (n - 4.5) * (x + 0.6), c)
    c2 = (((0.05 * d * x - 5.0) * x - 7.0) * x - 2.0) * x + b + c2
    ya = (((((0.4 * yy + 6.3) * yy + 36.0) * yy + 94.5) / c2 - yy - 3.0) / b + 1.0) * x
    ya = np.expm1(a * ya * ya)
    with np.errstate(divide="ignore", invalid="ignore"):
        yb = (
            (1.0 / (((n + 6.0) / (n * y) - 0.089 * d - 0.822) * (n + 2.0) * 3.0) + 0.5 / (n + 4.0))
            * y
            - 1.0
        ) * (n + 1.0) / (n + 2.0) + 1.0 / y
    yfin = np.where(asym, ya, yb)
    return np.sqrt(n * yfin)


# Whole degrees of freedom up to this use the finite sums of _t_sf_whole;
# beyond it (and for fractional df) the continued fraction of betainc.
_WHOLE_DF_MAX = 200.0


def _t_sf_whole(x: FloatArray, nu: FloatArray) -> FloatArray:
    # P(T > x) for whole nu >= 1 from Abramowitz and Stegun (1964), 26.7.3
    # (odd nu) and 26.7.4 (even nu): with theta = atan(x / sqrt(nu)),
    # c = cos(theta)^2, A = P(|T| <= |x|) is
    #   odd:  (2/pi) (theta + sin(theta) cos(theta) (1 + 2/3 c + 2*4/(3*5) c^2 + ...)),
    #   even: sin(theta) (1 + 1/2 c + 1*3/(2*4) c^2 + ...),
    # each with floor((nu - 1) / 2) (odd) or nu / 2 (even) terms. One loop step
    # per term, vectorised over every element; nu <= _WHOLE_DF_MAX keeps it short.
    theta = np.arctan(np.abs(x) / np.sqrt(nu))
    sn, cs = np.sin(theta), np.cos(theta)
    c = cs * cs
    odd = np.mod(nu, 2.0) == 1.0
    n_terms = np.where(odd, (nu - 1.0) / 2.0, nu / 2.0)
    term = np.ones_like(x)
    total = np.where(n_terms >= 1, 1.0, 0.0)
    # In place, and a term added only where it counts: the total is +0.0 or
    # more and every term is (c >= 0), so adding +0.0 elsewhere changed nothing.
    for k in range(1, int(np.max(n_terms, initial=0.0))):
        # Ratio of consecutive coefficients: 2k / (2k + 1) (odd), (2k - 1) / (2k) (even).
        term *= c
        term *= np.where(odd, 2.0 * k / (2.0 * k + 1.0), (2.0 * k - 1.0) / (2.0 * k))
        np.add(total, term, out=total, where=k < n_terms)
    a = np.where(odd, 2.0 / np.pi * (theta + sn * cs * total), sn * total)
    return np.where(x > 0, 0.5 * (1.0 - a), 0.5 * (1.0 + a))


def _t_sf_sums(x: FloatArray, nu: FloatArray) -> FloatArray:
    # P(T > x) for finite x and nu >= 1 (or inf): whole nu up to
    # _WHOLE_DF_MAX by the finite sums of _t_sf_whole, other nu by t_sf.
    # Measured against a 40-digit incomplete beta (A&S 26.5.2 on the side
    # without cancellation) over nu 1..200 and |x| 1e-12..1e8, the sums are
    # within 2e-15 in absolute terms, also near x = 0, where t_sf's continued
    # fraction reads 1 - nu / (nu + x^2) and is off by up to 1.2e-8 (nu <= 12)
    # and 4.7e-8 (nu = 200). But an upper tail formed as 1/2 (1 - A) keeps
    # only that absolute accuracy: a relative error of 1e-6 near P = 1e-9,
    # noise below 1e-16, and A rounding above 1 gives -1.1e-16. So a sum
    # below _SUMS_TINY is replaced by t_sf, accurate relative to the tail
    # (the continued fraction converges on that side; gammaln's 2e-10 sets
    # its error), and the result is clipped to [0, 1].
    whole = (nu == np.round(nu)) & (nu <= _WHOLE_DF_MAX)
    if whole.all():
        out = _t_sf_whole(x, nu)
    else:
        out = np.empty_like(x)
        if whole.any():
            out[whole] = _t_sf_whole(x[whole], nu[whole])
        out[~whole] = t_sf(x[~whole], nu[~whole])
    tiny = whole & (out < _SUMS_TINY)
    if tiny.any():
        out[tiny] = t_sf(x[tiny], nu[tiny])
    clipped: FloatArray = np.clip(out, 0.0, 1.0)
    return clipped


# A finite sum's tail below this is taken from t_sf instead: there the sum's
# absolute error (2e-15) would be above 2e-9 of the value, t_sf's relative
# error about 2e-10 (gammaln).
_SUMS_TINY = 1e-6


def _least_one(df: FloatArray) -> FloatArray:
    # Degrees of freedom as the t functions read them: NaN or below 1 is 1;
    # inf stays inf, the normal (np.nan_to_num would make it 1.8e308, a t
    # whose tail rounds to 1/2 everywhere).
    out: FloatArray = np.maximum(np.where(np.isnan(df), 1.0, df), 1.0)
    return out


def t_ppf(p: ArrayLike, df: ArrayLike) -> FloatArray:
    """Student-t quantile: Hill (1970) Algorithm 396 plus Hill (1981) polishing.

    Exact closed forms are used for ``df = 1`` (Cauchy) and ``df = 2``; other
    degrees of freedom (any real ``df >= 1``) start from Hill's approximation
    and take up to ten two-term Taylor steps on the t CDF, as R's ``qt`` does.
    ``df = inf``, and any ``df`` above ten million, gives the normal quantile;
    ``0 < df < 1`` is refused (NaN).

    Args:
        p: Probabilities in (0, 1).
        df: Degrees of freedom, ``>= 1`` or ``inf``.

    Returns:
        ``q`` with ``P(T <= q) = p``.

    Example:
        >>> float(np.round(t_ppf(0.975, 1.0), 3))
        12.706
    """
    pp, nu = np.broadcast_arrays(_f(p), _f(df))
    pp, nu = pp.astype(np.float64), nu.astype(np.float64)
    out = np.full(pp.shape, np.nan)
    valid = (pp > 0) & (pp < 1) & (nu >= 1)
    out[(pp == 0) & (nu >= 1)] = -np.inf
    out[(pp == 1) & (nu >= 1)] = np.inf
    inf = valid & (nu > _NORMAL_DF)
    if inf.any():
        out[inf] = norm_ppf(pp[inf])
    fin = valid & (nu <= _NORMAL_DF)
    if not fin.any():
        return out
    pf, nf = pp[fin], nu[fin]
    upper = pf > 0.5
    p2 = 2.0 * np.where(upper, 1.0 - pf, pf)  # two-tail probability
    q = _hill_upper(p2, nf)
    one = nf == 1
    two = nf == 2
    q = np.where(one, 1.0 / np.tan(p2 * np.pi / 2.0), q)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(two, np.sqrt(2.0 / (p2 * (2.0 - p2)) - 2.0), q)
    polish = ~(one | two) & np.isfinite(q)
    whole = (nf == np.round(nf)) & (nf <= _WHOLE_DF_MAX)
    for _ in range(10):
        if not polish.any():
            break
        qp, np_ = q[polish], nf[polish]
        wp = whole[polish]
        sf = np.empty_like(qp)
        sf[wp] = _t_sf_whole(qp[wp], np_[wp])
        if not wp.all():
            sf[~wp] = _t_sf_cf(qp[~wp], np_[~wp])
        dens = t_pdf(qp, np_)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = (sf - 0.5 * p2[polish]) / dens
        ok = (dens > 0) & np.isfinite(step)
        step = np.where(ok, step, 0.0)
        q[polish] = qp + step * (1.0 + step * qp * (np_ + 1.0) / (2.0 * (qp * qp + np_)))
        # The step is a second-order Taylor step of the inverse, so the error
        # after it is of the order of step^3: with the exact finite sums, once
        # the step is below 1e-6 of q the next one would be below 1e-16 and is
        # not taken; the continued fraction keeps R's 1e-14 criterion.
        tol = np.where(wp, 1e-6, 1e-14)
        still = ok & (np.abs(step) > tol * np.abs(qp))
        polish[polish] = still
    out[fin] = np.where(upper, q, -q)
    return out
