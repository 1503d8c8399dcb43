"""What a history of 6–9 points can tell: how far any rule could take the 6–9 band.

Run by hand in the bench venv (see ``bench_forecast.py``)::

    .venv-bench/bin/python benchmarks/design_short.py

Every figure of ``docs/methods-record.md``, "What a history of 6–9 points can
tell", comes from here. Design data only: the five families of
``tests/engine/test_calibration_horizons.py`` (the tests' seeds and eight
others) and the design set of ``design-series.md`` (2,023 World Development
Indicators series, last 5 values held out, full training parts; half A by
indicator with ``default_rng(16)``, as ``design_trend.py``). Nothing is chosen
here: the script measures how far any rule of a given form could go.

1. **How well the noise models can be told apart.** For each history of ``n``
   points, the posterior mean of ``phi`` over ``auto``'s noise models (a line
   with white noise, prior 8; trend + AR(1) noise with ``phi`` = 0, 0.25, 0.5,
   0.75, 1, prior 1 each), from two likelihoods of the increments:
   ``auto``'s (their lag-one autocorrelation ``r``, bias-corrected, read as
   normal around ``-(1 - phi) / 2`` with variance ``2 / m``) and the exact
   restricted likelihood of the increments under each model (the likelihood
   of the error contrasts, Harville 1974, "Bayesian inference for variance
   components using only error contrasts", Biometrika 61; for time series
   Tunnicliffe Wilson 1989, "On the use of marginal likelihood in time series
   model estimation", J. R. Statist. Soc. B 51): the increments of a linear
   trend plus stationary AR(1) noise have mean ``b`` and covariance
   ``2 / (1 + phi)`` at lag 0, ``-phi^(k-1) (1 - phi) / (1 + phi)`` at lag
   ``k`` (innovation variance 1), the random walk's (``phi = 1``) the
   identity, so the likelihood is continuous at the unit root. For the
   positive series the smaller of the two means on logs and on the values is
   kept, as ``auto`` keeps the smaller ``r``. The table gives the area under
   the ROC curve of that mean between the random walk with drift and each
   other family (0.5: no information).
2. **What each family needs.** ``q`` is a forecast's error over its 80 %
   interval's half width (on logs where the forecast is), so the interval
   covers where ``q <= 1`` and the factor an interval would need for 80 %
   coverage is the 80th percentile of ``q``. By quintile of the restricted
   likelihood's mean ``phi`` (bins of the five families pooled), 6-9 points,
   horizons 1-5 pooled.
3. **The best rule of each form.** A factor on ``auto``'s interval for each
   point count 6, 7, 8, 9, each horizon 1-5 and (in the second form) each
   quintile: 20 or 100 free factors, each from a grid of 121 between 0.4 and
   2.5, chosen by coordinate search to make the least margin inside
   0.75-0.85 of the five families' 6-9 bands (and of half A's, with the
   design set) as large as possible on seed sets 1-4. Then measured on seed
   sets 5-8, on the tests' seeds and on half B. A rule that puts the families
   inside on fresh seeds at all would show here; the search is free to find
   rules no one would ship (factors of 0.4 for some cells).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from simulated import N_MAX, SEEDS, simulated_paths

from innovplan.engine import auto

H = 5
FAMILIES = tuple(SEEDS)
PHIS = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
# auto's priors: the line (8) and the drift under white noise (1) have the
# same autocorrelation, -1/2, so the same likelihood: phi = 0 carries both.
PRIOR = np.array([9.0, 1.0, 1.0, 1.0, 1.0])
FIT = (7000, 14000, 21000, 28000)
CHECK = (35000, 42000, 49000, 56000)
GOAL = (0.75, 0.85)
GRID = np.exp(np.linspace(np.log(0.4), np.log(2.5), 121))
SHORT = (6, 7, 8, 9)


def _contrast_terms(phi: float, m: int) -> tuple[np.ndarray, float, float, np.ndarray]:
    lag = np.abs(np.subtract.outer(np.arange(m), np.arange(m)))
    if phi == 1.0:
        cov = np.eye(m)
    elif phi == 0.0:
        cov = np.where(lag == 0, 2.0, np.where(lag == 1, -1.0, 0.0))
    else:
        cov = np.where(
            lag == 0, 2 / (1 + phi), -(phi ** np.maximum(lag - 1, 0)) * (1 - phi) / (1 + phi)
        )
    inv = np.linalg.inv(cov)
    one = np.ones(m)
    return inv, float(one @ inv @ one), float(np.linalg.slogdet(cov)[1]), inv @ one


_TERMS: dict[tuple[float, int], tuple[np.ndarray, float, float, np.ndarray]] = {}


def restricted_loglik(d: np.ndarray) -> np.ndarray | None:
    """Restricted log-likelihood of the increments *d* under each ``phi`` of PHIS."""
    m = d.size
    if m < 3 or np.all(d == d[0]):
        return None
    out = []
    for phi in PHIS:
        key = (float(phi), m)
        if key not in _TERMS:
            _TERMS[key] = _contrast_terms(float(phi), m)
        inv, ones, logdet, inv_one = _TERMS[key]
        e = d - (inv_one @ d) / ones
        rss = float(e @ inv @ e)
        if rss <= 0:
            return None
        out.append(-0.5 * (logdet + np.log(ones) + (m - 1) * np.log(rss / (m - 1))))
    return np.array(out)


def autocorrelation_loglik(d: np.ndarray) -> np.ndarray | None:
    """auto's likelihood of the increments' lag-one autocorrelation under each ``phi``."""
    m = d.size
    e = d - d.mean()
    ss = float(e @ e)
    if m < 3 or ss <= 0:
        return None
    r = float(e[1:] @ e[:-1]) / ss
    r += (1 + 3 * r) / m  # first-order bias correction (Kendall 1954)
    return -0.25 * m * (r + (1 - PHIS) / 2) ** 2


def mean_phi(x: np.ndarray, loglik) -> float:
    best = np.nan
    for v in (x, np.log(x)) if np.all(x > 0) else (x,):
        ll = loglik(np.diff(v))
        if ll is None:
            continue
        w = PRIOR * np.exp(ll - ll.max())
        best = np.fmin(best, float(w @ PHIS / w.sum()))
    return best


def _q(lower, upper, loc, log_space, truth) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(log_space, np.log(np.abs(truth)), truth)
        lo = np.where(log_space, np.log(lower), lower)
        hi = np.where(log_space, np.log(upper), upper)
        half = (hi - lo) / 2
        q = np.abs(f - loc) / half
    q = np.where(half == 0, np.where(f == loc, 0.0, np.inf), q)
    # A log-space forecast of a value <= 0 is a miss, whatever the factor.
    q = np.where(log_space & (truth <= 0), np.inf, q)
    return np.where(np.isnan(q), np.inf, q)


def family(name: str, offset: int, *, stats: bool = True) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(SEEDS[name] + offset)
    s = 3000
    n = rng.integers(6, N_MAX + 1, s)
    y = simulated_paths(name, rng)
    origin = N_MAX - 1
    first = origin + 1 - n
    rows, cols = np.nonzero(np.arange(N_MAX)[None, :] >= first[:, None])
    indptr = np.concatenate([[0], np.cumsum(n)])
    h_t = np.broadcast_to(2000.0 + origin + np.arange(1, H + 1), (s, H))
    fc = auto(2000.0 + cols, y[rows, cols], indptr, h_t, 0.8)
    truth = y[:, origin + 1 : origin + 1 + H]
    out = {"q": _q(fc.lower, fc.upper, fc.loc, fc.log_space, truth), "n": n}
    if stats:
        hist = [y[i, first[i] : origin + 1] for i in range(s)]
        out["s"] = np.array(
            [mean_phi(x, restricted_loglik) if x.size <= 9 else np.nan for x in hist]
        )
        out["r"] = np.array(
            [mean_phi(x, autocorrelation_loglik) if x.size <= 9 else np.nan for x in hist]
        )
    return out


def design_set() -> dict[str, np.ndarray]:
    env = os.environ.get("INNOVPLAN_DESIGN_SERIES")
    path = (
        Path(env)
        if env
        else Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "design-series.csv.gz"
    )
    df = pd.read_csv(path)
    xs, years, kinds = [], [], []
    for _, g in df.groupby("series_id", sort=True):
        xs.append(g["value"].to_numpy(float))
        years.append(g["year"].to_numpy(float))
        kinds.append(str(g["indicator_code"].iloc[0]))
    codes = sorted(set(kinds))
    half_a = {codes[i] for i in np.random.default_rng(16).permutation(len(codes))[:13]}
    trains = [x[:-H] for x in xs]
    tyears = [y[:-H] for y in years]
    n = np.array([t.size for t in trains])
    indptr = np.concatenate([[0], np.cumsum(n)])
    h_t = np.array([ty[-1] + np.arange(1, H + 1) for ty in tyears])
    fc = auto(np.concatenate(tyears), np.concatenate(trains), indptr, h_t, 0.8)
    truth = np.array([x[-H:] for x in xs])
    return {
        "q": _q(fc.lower, fc.upper, fc.loc, fc.log_space, truth),
        "n": n,
        "s": np.array([mean_phi(t, restricted_loglik) if t.size <= 9 else np.nan for t in trains]),
        "a": np.array([k in half_a for k in kinds]),
    }


def auc(a: np.ndarray, b: np.ndarray) -> float:
    """P(a draw of *a* > a draw of *b*), ties counted half (NaN left out)."""
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    both = np.concatenate([a, b])
    ranks = pd.Series(both).rank().to_numpy()
    return float((ranks[: a.size].sum() - a.size * (a.size + 1) / 2) / (a.size * b.size))


def _cells(nb: int) -> list[tuple[int, int, int]]:
    return [(n, h, b) for n in SHORT for h in range(H) for b in range(nb)]


def _curves(d: dict[str, np.ndarray], edges: np.ndarray, nb: int, sel=None):
    """Forecasts covered in each cell at each factor of GRID, and the 6-9 count."""
    q, n, s = d["q"], d["n"], d["s"]
    if sel is not None:
        q, n, s = q[sel], n[sel], s[sel]
    b = np.where(np.isnan(s), 0, np.digitize(s, edges)) if nb > 1 else np.zeros(n.size, int)
    cells = _cells(nb)
    c = np.zeros((len(cells), GRID.size))
    for i, (nn, h, k) in enumerate(cells):
        c[i] = np.searchsorted(np.sort(q[(n == nn) & (b == k), h]), GRID, side="right")
    return c, H * int(np.sum(n <= SHORT[-1]))


def _coverage(curves, at: np.ndarray) -> dict[str, float]:
    return {k: float(c[np.arange(at.size), at].sum() / total) for k, (c, total) in curves.items()}


def _margin(cov: dict[str, float]) -> float:
    return min(min(v - GOAL[0], GOAL[1] - v) for v in cov.values())


def best_rule(curves) -> np.ndarray:
    """Grid positions of the factors that make the least margin largest (coordinate search)."""
    cells = next(iter(curves.values()))[0].shape[0]
    at = np.full(cells, int(np.searchsorted(GRID, 1.0)))
    tot = {k: c[np.arange(cells), at].sum() for k, (c, _) in curves.items()}
    for _ in range(30):
        moved = False
        for i in range(cells):
            base = {k: tot[k] - c[i, at[i]] for k, (c, _) in curves.items()}
            cov = {k: (base[k] + c[i][None, :]) / t for k, (c, t) in curves.items()}
            low = np.min([v - GOAL[0] for v in cov.values()], axis=0)
            high = np.min([GOAL[1] - v for v in cov.values()], axis=0)
            margin = np.round(np.minimum(low, high)[0], 6)
            # Ties: the factor nearest 1.
            j = int(np.lexsort((np.abs(np.log(GRID)), -margin))[0])
            if j != at[i]:
                moved = True
                at[i] = j
                for k, (c, _) in curves.items():
                    tot[k] = base[k] + c[i, j]
        if not moved:
            break
    return at


def main() -> None:
    sets = {off: {f: family(f, off) for f in FAMILIES} for off in (0, *FIT, *CHECK)}
    design = design_set()

    print("1. Area under the ROC curve of the mean phi, rwd against each family")
    print(
        f"{'points':>6s} " + " ".join(f"{f + ' r':>11s} {f + ' restr.':>12s}" for f in FAMILIES[1:])
    )
    for n in SHORT:
        row = []
        for f in FAMILIES[1:]:
            for key in ("r", "s"):
                a = np.concatenate([sets[o]["rwd"][key][sets[o]["rwd"]["n"] == n] for o in FIT])
                b = np.concatenate([sets[o][f][key][sets[o][f]["n"] == n] for o in FIT])
                row.append(auc(a, b))
        print(
            f"{n:6d} "
            + " ".join(f"{x:11.3f} {y:12.3f}" for x, y in zip(row[::2], row[1::2], strict=True))
        )

    pooled = np.concatenate(
        [sets[o][f]["s"][sets[o][f]["n"] <= SHORT[-1]] for o in FIT for f in FAMILIES]
    )
    edges5 = np.nanquantile(pooled, [0.2, 0.4, 0.6, 0.8])
    print("\n2. Factor for 80 % coverage (80th percentile of q), 6-9 points, h 1-5,")
    print("   by quintile of the restricted likelihood's mean phi (share of series)")
    print(f"   quintile edges {np.round(edges5, 3).tolist()}")
    groups = {f: [sets[o][f] for o in FIT] for f in FAMILIES}
    groups["design"] = [design]
    for f, ds in groups.items():
        q = np.concatenate([d["q"][d["n"] <= SHORT[-1]] for d in ds])
        s = np.concatenate([d["s"][d["n"] <= SHORT[-1]] for d in ds])
        # No statistic (a constant history): a bin of its own.
        b = np.where(np.isnan(s), -1, np.digitize(s, edges5))
        cells = [
            f"{np.quantile(q[b == k], 0.8, method='inverted_cdf'):.2f} ({np.mean(b == k):.2f})"
            for k in range(5)
        ]
        print(
            f"   {f:7s} "
            + "  ".join(cells)
            + f"   all {np.quantile(q, 0.8, method='inverted_cdf'):.2f}"
            + (f"   (no statistic: {np.mean(b == -1):.2f})" if np.any(b == -1) else "")
        )

    print("\n3. The best rule of each form: 6-9 band per family (least margin inside 0.75-0.85)")
    for nb in (1, 5):
        edges = edges5 if nb == 5 else np.array([])
        for with_design in (False, True):
            fit = {
                f: tuple(map(sum, zip(*(_curves(sets[o][f], edges, nb) for o in FIT), strict=True)))
                for f in FAMILIES
            }
            if with_design:
                fit["design"] = _curves(design, edges, nb, design["a"])
            at = best_rule(fit)
            one = np.full(at.size, int(np.searchsorted(GRID, 1.0)))
            label = f"{len(SHORT) * H * nb} factors ({'n, h' if nb == 1 else 'n, h, quintile'})"
            label += ", design half A too" if with_design else ""
            now_fit = _margin(_coverage(fit, np.full(at.size, int(np.searchsorted(GRID, 1.0)))))
            print(
                f"   {label}: margin on seed sets 1-4 {_margin(_coverage(fit, at)):+.4f}"
                f" (auto as it is {now_fit:+.4f})"
            )
            inside = 0
            for o in (0, *CHECK):
                cur = {f: _curves(sets[o][f], edges, nb) for f in FAMILIES}
                if with_design and o == 0:
                    cur["design"] = _curves(design, edges, nb, ~design["a"])
                now, best = _coverage(cur, one), _coverage(cur, at)
                inside += _margin(best) >= 0
                name = "tests' seeds" if o == 0 else f"seeds +{o}"
                print(
                    f"     {name:13s} now "
                    + " ".join(f"{k} {v:.3f}" for k, v in now.items())
                    + f" ({_margin(now):+.4f})\n"
                    + f"     {'':13s} best "
                    + " ".join(f"{k} {v:.3f}" for k, v in best.items())
                    + f" ({_margin(best):+.4f})"
                )
            print(f"     every family inside on {inside} of {1 + len(CHECK)} fresh seed sets")


if __name__ == "__main__":
    sys.exit(main())
