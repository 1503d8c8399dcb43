"""Interval calibration on simulated series whose truth is known (fixed seeds).

Three families, 2,000 series each, 5 to 15 annual points, horizon 1 to 5
years: random walk with drift; linear trend with AR(1) noise (phi = 0.5);
exponential growth with lognormal noise. For each method that fits a family,
the nominal 80 % interval must cover the truth in 75-85 % of series, and the
probability of exceeding a threshold near the last value must beat the
constant 0.5 on Brier score. Each method runs once per family on all 2,000
series (one vectorised call).
"""

import numpy as np
import pytest

from innovplan.engine import _forecast as fcm

S = 2000


def simulated_family(name: str):
    rng = np.random.default_rng({"rwd": 101, "ar1": 202, "exp": 303}[name])
    n = rng.integers(5, 16, S)
    h = rng.integers(1, 6, S)
    big_l = int(n.max() + h.max())
    tt = np.arange(big_l, dtype=float)
    if name == "rwd":
        c = rng.normal(1, 1, S)[:, None]
        sig = rng.uniform(0.5, 3, S)[:, None]
        y = 100 + np.cumsum(c + sig * rng.standard_normal((S, big_l)), axis=1)
    elif name == "ar1":
        phi = 0.5
        eps = rng.standard_normal((S, big_l)) * rng.uniform(0.5, 3, S)[:, None]
        e = np.zeros((S, big_l))
        e[:, 0] = eps[:, 0] / np.sqrt(1 - phi**2)
        for j in range(1, big_l):
            e[:, j] = phi * e[:, j - 1] + eps[:, j]
        y = 50 + rng.normal(2, 1, S)[:, None] * tt + e
    else:
        g = rng.uniform(-0.05, 0.15, S)[:, None]
        s = rng.uniform(0.02, 0.1, S)[:, None]
        y = 100 * np.exp(g * tt + s * rng.standard_normal((S, big_l)))
    m = np.arange(big_l)[None, :] < n[:, None]
    t_flat = np.broadcast_to(tt + 2000, y.shape)[m]
    indptr = np.concatenate([[0], np.cumsum(n)])
    rows = np.arange(S)
    truth = y[rows, n - 1 + h]
    threshold = y[rows, n - 1] * np.exp(rng.normal(0.0, 0.15, S))
    return t_flat, y[m], indptr, 2000.0 + n - 1 + h, truth, threshold


# Applicable methods per family, and why the others are left out:
# - rwd (random walk with drift): drift, average_change (both), auto; theta
#   and damped too (with alpha = 1 Theta is a random walk with drift, and
#   damped's grid has large alpha). Not linear and loglinear (a fixed line
#   has no random-walk spread), nor optimised Theta: on about half of these
#   series it picks a small alpha, a near-deterministic line through the
#   first point, whose spread cannot grow with the horizon as a random walk's
#   errors do (coverage 0.72-0.75).
# - ar1 (linear trend with AR(1) noise): every method on levels.
# - exp (exponential growth, lognormal noise): the methods on logs
#   (loglinear, relative average change) and auto. The additive ones (drift,
#   absolute average change, linear, Theta, damped) extrapolate additive
#   steps for multiplicative growth: their errors grow with the curvature,
#   which no spread of the model describes (coverage 0.63-0.74).
CASES = [
    ("rwd", "drift", {}),
    ("rwd", "average_change", {}),
    ("rwd", "average_change", {"relative": True}),
    ("rwd", "theta", {}),
    ("rwd", "damped", {}),
    ("rwd", "auto", {}),
    ("ar1", "linear", {}),
    ("ar1", "drift", {}),
    ("ar1", "average_change", {}),
    ("ar1", "average_change", {"relative": True}),
    ("ar1", "theta", {}),
    ("ar1", "theta", {"optimized": True}),
    ("ar1", "damped", {}),
    ("ar1", "auto", {}),
    ("exp", "loglinear", {}),
    ("exp", "average_change", {"relative": True}),
    ("exp", "auto", {}),
]


@pytest.mark.parametrize(("family", "method", "kw"), CASES)
def test_interval_covers_80_percent_and_probability_beats_coin(family, method, kw):
    t, y, indptr, h_t, truth, thr = simulated_family(family)
    fc = getattr(fcm, method)(t, y, indptr, h_t, 0.8, **kw)
    ok = fc.status != fcm.Outcome.UNCLEAR
    assert ok.sum() >= 0.85 * S  # average_change needs 6 points
    cover = np.mean((truth[ok] >= fc.lower[ok]) & (truth[ok] <= fc.upper[ok]))
    assert 0.75 <= cover <= 0.85, f"{family}/{method}: coverage {cover:.3f}"
    p = fcm.prob_above(fc, thr)[ok]
    hit = (truth[ok] > thr[ok]).astype(float)
    assert np.mean((p - hit) ** 2) < np.mean((0.5 - hit) ** 2)
