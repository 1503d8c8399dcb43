"""``auto``'s 80 % interval at every horizon 1-5, on five simulated families.

Families (fixed seeds, 3,000 series each, 6 to 30 annual points, every series
forecast at horizons 1 to 5 from its last point): random walk with drift;
linear trend with AR(1) noise (phi = 0.5); exponential growth with lognormal
noise; Holt's damped trend (phi 0.8-0.95, alpha 0.5, beta 0.1; Gardner and
McKenzie 1985, "Forecasting trends in time series", Management Science 31);
a linear trend with one level shift at a random time. With 3,000 series a
coverage of 0.80 has a standard error of sqrt(0.8 * 0.2 / 3000) = 0.0073.

The goal is 0.75-0.85 in every cell, per horizon and per band of history
length (6-9, 10-15, 16-30 points, all horizons pooled). It is asserted in
every cell but those of ``OUTSIDE``, which are held to the range they are
measured in with these seeds (``docs/methods.md``, "Calibration per horizon
and history length"), rounded outward to the next hundredth past a margin of
0.005, so that a change that makes them worse fails too.
"""

import numpy as np
import pytest

from innovplan.engine import _forecast as fcm

S = 3000
H = 5
N_MAX = 30
SEEDS = {"rwd": 1601, "ar1": 1602, "exp": 1603, "damped": 1604, "shift": 1605}
BANDS = ((6, 9), (10, 15), (16, 30))
GOAL = (0.75, 0.85)
# Cells outside the goal with these seeds: measured coverage in the comment.
# With 7 rolling origins (6 before) rwd h4 (0.7423 -> 0.7503), rwd 16-30
# (0.7456 -> 0.7530) and exp 16-30 (0.7475 -> 0.7588) came inside: they are
# held to the goal like every other cell. exp 10-15 moved further out
# (0.7300 -> 0.7238). With the trend's form as a floor on auto's spread
# (engine/_auto.py, _form_floor) rwd h3 (0.7497 -> 0.7500), exp h5
# (0.7397 -> 0.7718) and exp 10-15 (0.7238 -> 0.7590) came inside too. With
# Bartlett's variance for the autocorrelation of 16 increments or more
# (engine/_auto.py, _BARTLETT_FROM) rwd h5 (0.7460 -> 0.7553) came inside;
# shift h5 moved in (0.8627 -> 0.8600), its bound by the margin rule the
# same: 0.8600 + 0.005 = 0.865, rounded outward to 0.87. All three are the
# short histories of trend-plus-noise families: at 6-9 points their data
# barely tell them from a random walk with drift, which needs an interval 1.5
# times as wide (docs/methods-record.md, "What a history of 6–9 points can
# tell", from benchmarks/design_short.py).
OUTSIDE = {
    ("ar1", "6-9"): (0.75, 0.87),  # 0.8649
    ("shift", "h5"): (0.75, 0.87),  # 0.8600
    ("shift", "6-9"): (0.75, 0.89),  # 0.8750
}


def simulated_paths(name: str, rng: np.random.Generator) -> np.ndarray:
    big_l = N_MAX + H
    tt = np.arange(big_l, dtype=float)
    noise = rng.standard_normal((S, big_l))
    if name == "rwd":
        c = rng.normal(1, 1, S)[:, None]
        sig = rng.uniform(0.5, 3, S)[:, None]
        return 100 + np.cumsum(c + sig * noise, axis=1)
    if name == "ar1":
        phi = 0.5
        eps = noise * rng.uniform(0.5, 3, S)[:, None]
        e = np.zeros((S, big_l))
        e[:, 0] = eps[:, 0] / np.sqrt(1 - phi**2)
        for j in range(1, big_l):
            e[:, j] = phi * e[:, j - 1] + eps[:, j]
        return 50 + rng.normal(2, 1, S)[:, None] * tt + e
    if name == "exp":
        g = rng.uniform(-0.05, 0.15, S)[:, None]
        s = rng.uniform(0.02, 0.1, S)[:, None]
        return 100 * np.exp(g * tt + s * noise)
    if name == "damped":
        # Damped trend in error-correction form: y = l + phi b + e,
        # l' = l + phi b + alpha e, b' = phi b + beta e.
        phi = rng.uniform(0.8, 0.95, S)
        sig = rng.uniform(0.5, 3, S)
        level, slope = np.full(S, 100.0), rng.normal(3, 1, S)
        y = np.zeros((S, big_l))
        for j in range(big_l):
            e = sig * noise[:, j]
            y[:, j] = level + phi * slope + e
            level, slope = level + phi * slope + 0.5 * e, phi * slope + 0.1 * e
        return y
    # Level shift: a trend plus noise that jumps once, by N(0, 5) noise sds.
    sig = rng.uniform(0.5, 3, S)[:, None]
    slope = rng.normal(1, 0.5, S)[:, None]
    at = rng.integers(0, N_MAX, S)[:, None]
    jump = rng.normal(0, 5, S)[:, None] * sig
    return 100 + slope * tt + sig * noise + jump * (tt[None, :] >= at)


def _coverage(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Inside-the-interval flags, shape (S, H), and each series' length."""
    rng = np.random.default_rng(SEEDS[name])
    n = rng.integers(6, N_MAX + 1, S)
    y = simulated_paths(name, rng)
    origin = N_MAX - 1  # every series ends at the same column, lengths differ
    first = origin + 1 - n
    keep = np.arange(N_MAX)[None, :] >= first[:, None]
    rows, cols = np.nonzero(keep)
    indptr = np.concatenate([[0], np.cumsum(n)])
    h_t = np.broadcast_to(2000.0 + origin + np.arange(1, H + 1), (S, H))
    fc = fcm.auto(2000.0 + cols, y[rows, cols], indptr, h_t, 0.8)
    truth = y[:, origin + 1 : origin + 1 + H]
    return (truth >= fc.lower) & (truth <= fc.upper), n


@pytest.fixture(scope="module")
def coverage() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {name: _coverage(name) for name in SEEDS}


def _check(name: str, cell: str, value: float) -> None:
    lo, hi = OUTSIDE.get((name, cell), GOAL)
    assert lo <= value <= hi, f"{name} {cell}: coverage {value:.3f} outside {lo}-{hi}"


@pytest.mark.parametrize("name", list(SEEDS))
def test_auto_covers_80_percent_per_horizon(coverage, name):
    inside, _ = coverage[name]
    for h, value in enumerate(inside.mean(axis=0), start=1):
        _check(name, f"h{h}", float(value))


@pytest.mark.parametrize("name", list(SEEDS))
def test_auto_covers_80_percent_per_history_length(coverage, name):
    inside, n = coverage[name]
    for lo, hi in BANDS:
        _check(name, f"{lo}-{hi}", float(inside[(n >= lo) & (n <= hi)].mean()))


def _cell(coverage, name: str, cell: str) -> float:
    inside, n = coverage[name]
    if cell.startswith("h"):
        return float(inside[:, int(cell[1:]) - 1].mean())
    lo, hi = (int(x) for x in cell.split("-"))
    return float(inside[(n >= lo) & (n <= hi)].mean())


def test_the_exceptions_are_cells_outside_the_goal(coverage):
    # An exception that came back inside the goal is no longer one: its cell
    # is then held to the goal (remove it from OUTSIDE).
    for name, cell in OUTSIDE:
        value = _cell(coverage, name, cell)
        assert not GOAL[0] <= value <= GOAL[1], f"{name} {cell}: {value:.3f} is inside the goal"


# Cells that 7 rolling origins brought inside the goal (coverage with 6 -> 7 origins).
CAME_INSIDE = (
    ("rwd", "h4"),  # 0.7423 -> 0.7503
    ("rwd", "16-30"),  # 0.7456 -> 0.7530
    ("exp", "16-30"),  # 0.7475 -> 0.7588
)


def test_the_cells_seven_origins_brought_inside_stay_inside(coverage):
    for name, cell in CAME_INSIDE:
        assert (name, cell) not in OUTSIDE
        value = _cell(coverage, name, cell)
        assert GOAL[0] <= value <= GOAL[1], f"{name} {cell}: {value:.4f} is outside the goal"


# Posed targets, as on the design set (benchmarks/bench_forecast.py --design): "at
# least f x R" five years after the last point, R the last value plus 5 times the mean
# yearly change, f = 0.8-1.2. Expected calibration error: the count-weighted mean gap
# between the mean probability and the share met over ten equal bins of probability.
# Measured with these seeds: rwd 0.018, ar1 0.022, exp 0.198, damped 0.018, shift 0.029.
# Exponential growth is the exception: auto's point trails it (misses at 5 years fall
# above the interval 0.193 of the time, below it 0.035, with these seeds), so its
# probabilities of beating a straight-line reference are too low; held to 0.20 until
# that is fixed.
FACTORS = np.array([0.8, 0.9, 1.0, 1.1, 1.2])
ECE_MAX = {"rwd": 0.05, "ar1": 0.05, "exp": 0.20, "damped": 0.05, "shift": 0.05}


def _ece(prob: np.ndarray, met: np.ndarray) -> float:
    p, y = prob.ravel(), met.ravel().astype(float)
    ok = np.isfinite(p)
    p, y = p[ok], y[ok]
    bins = np.minimum((p * 10).astype(int), 9)
    return float(
        sum(
            np.sum(bins == b) / p.size * abs(p[bins == b].mean() - y[bins == b].mean())
            for b in range(10)
            if np.any(bins == b)
        )
    )


@pytest.mark.parametrize("name", list(SEEDS))
def test_auto_probability_of_posed_targets_is_calibrated(name):
    rng = np.random.default_rng(SEEDS[name])
    n = rng.integers(6, N_MAX + 1, S)
    y = simulated_paths(name, rng)
    origin = N_MAX - 1
    first = origin + 1 - n
    rows, cols = np.nonzero(np.arange(N_MAX)[None, :] >= first[:, None])
    indptr = np.concatenate([[0], np.cumsum(n)])
    fc = fcm.auto(2000.0 + cols, y[rows, cols], indptr, np.full(S, 2000.0 + origin + H), 0.8)
    last = y[:, origin]
    ref = last + H * (last - y[np.arange(S), first]) / (n - 1)
    thr = ref[:, None] * FACTORS[None, :]
    wide = fcm.Forecasts(*(np.repeat(np.asarray(a)[:, None], FACTORS.size, axis=1) for a in fc))
    prob = fcm.prob_above(wide, thr, strict=False)
    met = y[:, origin + H][:, None] >= thr
    assert np.isfinite(prob).mean() > 0.99
    ece = _ece(prob, met)
    assert ece <= ECE_MAX[name], f"{name}: ECE {ece:.3f}"
    # Better than the base rate as a constant forecast (Brier score).
    ok = np.isfinite(prob)
    base = met[ok].mean()
    assert np.mean((prob[ok] - met[ok]) ** 2) < np.mean((base - met[ok]) ** 2)
