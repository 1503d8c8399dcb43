"""Published progress assessments as vectorised kernels.

Every function takes arrays (one element per assessed series) of the base
value and time, the latest value and time, and where relevant the target
value, target time and the desired direction (+1: higher is better, -1:
lower is better), and returns numpy arrays. Thresholds are parameters; their
defaults are the published ones, cited next to each formula.

Category codes (:class:`Category`): ``ACHIEVED`` 0, ``ON_TRACK`` 1,
``MODERATE`` 2, ``LIMITED`` 3, ``DETERIORATING`` 4, ``NOT_ASSESSABLE`` 5.

Example:
    >>> import numpy as np
    >>> from innovplan.engine._progress import aarr
    >>> round(float(aarr(1.0, 1990.0, 1 / 3, 2015.0)), 4)  # MDG 4: two thirds in 25 years
    0.0439
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = [
    "Category",
    "Progress",
    "aarr",
    "aarr_required",
    "cagr",
    "escap_anticipated",
    "escap_current_status",
    "eurostat",
    "eurostat_no_target",
    "sdsn",
    "unsd",
    "unsd_expected",
]

FloatArray = npt.NDArray[np.float64]
A = npt.ArrayLike


class Category(IntEnum):
    """Progress categories shared by the published methods."""

    ACHIEVED = 0
    ON_TRACK = 1
    MODERATE = 2
    LIMITED = 3
    DETERIORATING = 4
    NOT_ASSESSABLE = 5


class Progress(NamedTuple):
    """Result of a progress kernel.

    Attributes:
        ratio: The method's progress value (ratio, growth rate or share).
        category: :class:`Category` codes (int8).
        score: Open SDG's -5...+5 score where the method defines one, else NaN.
    """

    ratio: FloatArray
    category: npt.NDArray[np.int8]
    score: FloatArray


def _f(x: A) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def cagr(x0: A, t0: A, x1: A, t1: A) -> FloatArray:
    """Compound annual growth rate ``(x1 / x0) ** (1 / (t1 - t0)) - 1``.

    Args:
        x0: Base values.
        t0: Base times (years).
        x1: Later values.
        t1: Later times.

    Returns:
        Growth per year; NaN where undefined.

    Example:
        >>> round(float(cagr(100.0, 2015.0, 121.0, 2017.0)), 10)
        0.1
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.power(_f(x1) / _f(x0), 1.0 / (_f(t1) - _f(t0))) - 1.0)


def _categorise(ratio: FloatArray, thresholds: tuple[float, float, float]) -> npt.NDArray[np.int8]:
    hi, mid, lo = thresholds
    cat = np.full(ratio.shape, Category.NOT_ASSESSABLE, dtype=np.int8)
    cat[ratio >= hi] = Category.ON_TRACK
    cat[(ratio >= mid) & (ratio < hi)] = Category.MODERATE
    cat[(ratio >= lo) & (ratio < mid)] = Category.LIMITED
    cat[ratio < lo] = Category.DETERIORATING
    return cat


def _achieved(xt: FloatArray, target: FloatArray, d: FloatArray) -> npt.NDArray[np.bool_]:
    return np.asarray(d * (xt - target) >= 0)


def eurostat(  # noqa: PLR0917 - one array per column, as the published formulas name them
    x0: A,
    t0: A,
    xt: A,
    t: A,
    target: A,
    t_target: A,
    direction: A,
    *,
    thresholds: tuple[float, float, float] = (0.95, 0.6, 0.0),
    zero: float = 0.001,
) -> Progress:
    """Ratio of the observed to the required compound annual growth rate.

    Eurostat, "Sustainable development in the European Union - Monitoring
    report on progress towards the SDGs in an EU context" (2023 edition),
    introduction, "assessing progress towards quantified targets": the
    observed CAGR since the base year divided by the CAGR required to reach
    the target from the base year by the target year; >= 95 % significant
    progress, 60-95 % moderate, 0-60 % insufficient, < 0 movement away.
    Edge cases follow Statistics Canada's implementation in Open SDG,
    "Progress measurement methodology" (open-sdg.readthedocs.io, 2023),
    sections "Indicators with quantitative targets", "Special considerations"
    and "Minimum data requirements": a met target is ACHIEVED before any
    ratio; zeros in the base value or target become *zero* (0.001); values of
    opposite signs cannot be assessed; all-negative values flip the
    direction; ``R = d * CAGR_observed / |CAGR_required|`` so a target on the
    wrong side of the base still reads in the desired direction; the score
    maps R linearly from -5 (R <= -0.6) through 0 (R = 0.6) to +5 (R >= 1.3),
    ACHIEVED scoring 5.

    Args:
        x0: Base values.
        t0: Base times.
        xt: Latest values.
        t: Latest times.
        target: Target values.
        t_target: Target times.
        direction: +1 if higher is better, -1 if lower is better.
        thresholds: On-track, moderate and limited lower bounds of R.
        zero: Replacement for zero base or target values.

    Returns:
        Ratio R, category and score.

    Example:
        >>> r = eurostat(100.0, 2015, 110.25, 2017, 150.0, 2030, 1)
        >>> round(float(r.ratio), 3), int(r.category)
        (1.825, 1)
    """
    b, lt, tg = _f(x0), _f(xt), _f(target)
    d = np.broadcast_to(_f(direction), np.broadcast(b, lt, tg).shape).astype(np.float64)
    b = np.where(b == 0, zero, b)
    tg = np.where(tg == 0, zero, tg)
    same_sign = (np.sign(b) == np.sign(lt)) & (np.sign(b) == np.sign(tg)) & (lt != 0)
    neg = same_sign & (b < 0)
    # All-negative series: the growth of |x| runs the other way (Open SDG).
    d_eff = np.where(neg, -d, d)
    ga = cagr(np.abs(b), t0, np.abs(lt), t)
    gr = cagr(np.abs(b), t0, np.abs(tg), t_target)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = d_eff * ga / np.abs(gr)
    ok = same_sign & (_f(t) > _f(t0)) & np.isfinite(ratio)
    ratio = np.where(ok, ratio, np.nan)
    cat = _categorise(ratio, thresholds)
    score = np.interp(ratio, [-0.6, 0.6, 1.3], [-5.0, 0.0, 5.0])
    met = _achieved(_f(xt), _f(target), d) & np.isfinite(_f(xt))
    cat = np.where(met, Category.ACHIEVED, cat).astype(np.int8)
    score = np.where(met, 5.0, np.where(ok, score, np.nan))
    return Progress(np.asarray(ratio), cat, np.asarray(score))


def eurostat_no_target(
    x0: A,
    t0: A,
    xt: A,
    t: A,
    direction: A,
    *,
    thresholds: tuple[float, float, float] = (0.015, 0.005, 0.0),
) -> Progress:
    """Indicators without a numeric target: the CAGR in the desired direction.

    Open SDG "Progress measurement methodology" (2023), section "Indicators
    without quantitative targets": ``d * CAGR`` >= 1.5 % on track, 0.5-1.5 %
    moderate, 0-0.5 % limited, < 0 deterioration; the score runs from -5 at
    -2 % through -2.5 at 0, 0 at 0.5 %, 2.5 at 1.5 % to 5 at 2 %. Eurostat's
    own monitoring report (2023, introduction) uses a single 1 % cut-off per
    side instead (significant progress above +1 %, moderate 0 to 1 %, moderate
    movement away 0 to -1 %, significant movement away below -1 %): pass
    ``thresholds=(0.01, 0.0, -0.01)`` for that reading.

    Args:
        x0: Base values.
        t0: Base times.
        xt: Latest values.
        t: Latest times.
        direction: +1 if higher is better, -1 if lower is better.
        thresholds: On-track, moderate and limited lower bounds of ``d * CAGR``.

    Returns:
        ``d * CAGR``, category and score.

    Example:
        >>> r = eurostat_no_target(100.0, 2015, 102.01, 2017, 1)
        >>> round(float(r.ratio), 4), int(r.category)
        (0.01, 2)
    """
    b, lt = _f(x0), _f(xt)
    d = _f(direction)
    same = (np.sign(b) == np.sign(lt)) & (b != 0) & (_f(t) > _f(t0))
    d_eff = np.where(b < 0, -d, d)
    g = np.where(same, d_eff * cagr(np.abs(b), t0, np.abs(lt), t), np.nan)
    cat = _categorise(g, thresholds)
    score = np.interp(g, [-0.02, 0.0, 0.005, 0.015, 0.02], [-5.0, -2.5, 0.0, 2.5, 5.0])
    return Progress(np.asarray(g), cat, np.where(np.isfinite(g), score, np.nan))


def sdsn(  # noqa: PLR0917 - one array per column, as the published formulas name them
    x0: A,
    t0: A,
    xt: A,
    t: A,
    target: A,
    t_target: A,
    direction: A,
    *,
    growth: str = "linear",
    thresholds: tuple[float, float, float] = (1.0, 0.5, 0.0),
) -> Progress:
    """Gap-closure ratio: the actual annual change against the change needed.

    Sachs et al., "Sustainable Development Report" (SDSN, 2023), Annex
    "Methods summary", "SDG trend dashboards": the linear annual change since
    the base year compared with the linear change needed to reach the target
    by its year; on track (at least the required pace, or maintaining an
    achieved target), moderately improving (at least half of it), stagnating
    (between 0 and half), decreasing (negative). ``growth="compound"`` uses
    the CAGR ratio instead; the two readings disagree whenever the path is
    curved, so the choice is explicit.

    Args:
        x0: Base values.
        t0: Base times.
        xt: Latest values.
        t: Latest times.
        target: Target values.
        t_target: Target times.
        direction: +1 if higher is better, -1 if lower is better.
        growth: ``"linear"`` (SDSN) or ``"compound"``.
        thresholds: On-track, moderate and limited lower bounds.

    Returns:
        Ratio, category (``LIMITED`` means stagnating) and NaN score.

    Raises:
        ValueError: for an unknown *growth*.

    Example:
        >>> r = sdsn(40.0, 2015, 46.0, 2018, 70.0, 2030, 1)  # 2/yr against 2/yr
        >>> float(r.ratio), int(r.category)
        (1.0, 1)
    """
    b, lt, tg, d = _f(x0), _f(xt), _f(target), _f(direction)
    with np.errstate(divide="ignore", invalid="ignore"):
        if growth == "linear":
            actual = (lt - b) / (_f(t) - _f(t0))
            needed = (tg - b) / (_f(t_target) - _f(t0))
        elif growth == "compound":
            actual = cagr(b, t0, lt, t)
            needed = cagr(b, t0, tg, t_target)
        else:
            raise ValueError(f"growth must be 'linear' or 'compound', not {growth!r}")
        ratio = d * actual / np.abs(needed)
    ratio = np.where(np.isfinite(ratio), ratio, np.nan)
    cat = _categorise(ratio, thresholds)
    met = _achieved(lt, tg, d)
    cat = np.where(met, Category.ACHIEVED, cat).astype(np.int8)
    return Progress(np.asarray(ratio), cat, np.full(cat.shape, np.nan))


def unsd(  # noqa: PLR0917 - one array per column, as the published formulas name them
    x0: A,
    t0: A,
    xt: A,
    t: A,
    target: A,
    t_target: A,
    direction: A,
    *,
    thresholds: tuple[float, float, float] = (0.95, 0.5, -0.1),
) -> Progress:
    """UN SDG Progress Chart: current ratio ``CR = CAGR_actual / CAGR_required``.

    United Nations Statistics Division, "Sustainable Development Goals
    Progress Chart 2022 - Technical note", section II(b) "Measuring the trend
    for indicators with an explicit numerical target": CR >= 0.95 substantial
    progress / on track, 0.5-0.95 fair progress but acceleration needed,
    -0.1-0.5 limited or no progress, < -0.1 deterioration. A met target is
    ACHIEVED first.

    Args:
        x0: Base values.
        t0: Base times.
        xt: Latest values.
        t: Latest times.
        target: Target values.
        t_target: Target times.
        direction: +1 if higher is better, -1 if lower is better.
        thresholds: On-track, moderate and limited lower bounds of CR.

    Returns:
        CR, category and NaN score.

    Example:
        >>> r = unsd(100.0, 2015, 90.0, 2020, 50.0, 2030, -1)
        >>> round(float(r.ratio), 3), int(r.category)
        (0.462, 3)
    """
    lt, tg, d = _f(xt), _f(target), _f(direction)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = cagr(x0, t0, lt, t) / cagr(x0, t0, tg, t_target)
    ratio = np.where(np.isfinite(ratio), ratio, np.nan)
    cat = np.where(_achieved(lt, tg, d), Category.ACHIEVED, _categorise(ratio, thresholds))
    return Progress(np.asarray(ratio), cat.astype(np.int8), np.full(cat.shape, np.nan))


def unsd_expected(  # noqa: PLR0917 - one array per column, as the published formulas name them
    x0: A,
    t0: A,
    xt: A,
    t: A,
    target: A,
    t_target: A,
    direction: A,
    *,
    thresholds: tuple[float, float, float] = (0.95, 0.5, -0.1),
) -> Progress:
    """Expected progress: ``(projected - base) / (target - base)``.

    UNSD, "Sustainable Development Goals Report 2023 - Progress Chart
    Technical note" (2023): the latest value is carried to the target year
    at the observed CAGR, ``projected = x_t (1 + CAGR_a) ** (T - t)``, and
    the share of the required change that projection achieves is compared
    with the same thresholds as :func:`unsd` (EUSTAT's implementation of that
    note uses 0.95 and 0.10 instead).

    Args:
        x0: Base values.
        t0: Base times.
        xt: Latest values.
        t: Latest times.
        target: Target values.
        t_target: Target times.
        direction: +1 if higher is better, -1 if lower is better.
        thresholds: On-track, moderate and limited lower bounds.

    Returns:
        Expected-progress ratio, category and NaN score.

    Example:
        >>> r = unsd_expected(100.0, 2015, 110.0, 2020, 130.0, 2030, 1)
        >>> round(float(r.ratio), 3)  # 110 * 1.1**2 = 133.1; 33.1 / 30
        1.103
    """
    b, lt, tg, d = _f(x0), _f(xt), _f(target), _f(direction)
    g = cagr(b, t0, lt, t)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        proj = lt * np.power(1.0 + g, _f(t_target) - _f(t))
        ratio = (proj - b) / (tg - b)
    ratio = np.where(np.isfinite(ratio), ratio, np.nan)
    cat = np.where(_achieved(lt, tg, d), Category.ACHIEVED, _categorise(ratio, thresholds))
    return Progress(np.asarray(ratio), cat.astype(np.int8), np.full(cat.shape, np.nan))


def escap_current_status(x0: A, xt: A, target: A) -> FloatArray:
    """ESCAP current status: share of the required change already made.

    ESCAP, "Asia and the Pacific SDG Progress Report 2023", Annex 1
    "Technical notes", "Current Status Index", step 1: progress made since
    the base year relative to the progress needed from the base year to the
    target, ``(x_t - x_0) / (target - x_0)``, capped at 1 (target reached);
    negative values mean regression.

    Args:
        x0: Base values.
        xt: Latest values.
        target: Target values.

    Returns:
        The share; NaN where the target equals the base.

    Example:
        >>> float(escap_current_status(20.0, 35.0, 80.0))  # 15 of 60
        0.25
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (_f(xt) - _f(x0)) / (_f(target) - _f(x0))
    return np.asarray(np.where(np.isfinite(share), np.minimum(share, 1.0), np.nan))


def escap_anticipated(
    x0: A,
    projected: A,
    target: A,
    *,
    thresholds: tuple[float, float, float] = (1.0, 0.0, 0.0),
) -> Progress:
    """ESCAP anticipated progress: where the projection lands against the target.

    ESCAP (2023), Annex 1, "Anticipated Progress Index": the value predicted
    for the target year (ESCAP projects with a time-weighted regression; any
    projection may be passed) against the target, as the share of the
    required change ``(projected - x_0) / (target - x_0)``: >= 1 on track
    ("maintain progress"), 0-1 needs acceleration (the gap is ``1 - share``),
    < 0 the trend must be reversed. With the default thresholds the LIMITED
    band ``[0, 0)`` is empty: ESCAP has three groups, not four.

    Args:
        x0: Base values.
        projected: Projected values at the target year.
        target: Target values.
        thresholds: On-track, moderate and limited lower bounds of the share.

    Returns:
        Share, category (ON_TRACK, MODERATE = accelerate, DETERIORATING =
        reverse; LIMITED only with a third threshold below the second) and
        NaN score.

    Example:
        >>> r = escap_anticipated(20.0, 65.0, 80.0)
        >>> float(r.ratio), int(r.category)  # gap 0.25: accelerate
        (0.75, 2)
        >>> int(escap_anticipated(20.0, 65.0, 80.0, thresholds=(0.95, 0.8, 0.0)).category)
        3
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (_f(projected) - _f(x0)) / (_f(target) - _f(x0))
    share = np.where(np.isfinite(share), share, np.nan)
    cat = _categorise(share, thresholds)
    return Progress(np.asarray(share), cat, np.full(cat.shape, np.nan))


def aarr(x1: A, t1: A, x2: A, t2: A) -> FloatArray:
    """UNICEF average annual rate of reduction, exponential form.

    ``AARR = -ln(x2 / x1) / (t2 - t1)`` (UNICEF, "Progress for Children: A
    child survival report card", No. 1, 2004, technical note; the form whose
    two-thirds reduction over 1990-2015 gives the 4.4 % a year quoted for
    MDG 4).

    Args:
        x1: Earlier values (positive).
        t1: Earlier times.
        x2: Later values (positive).
        t2: Later times.

    Returns:
        Rate of reduction per year (0.044 = 4.4 %); negative for a rise.

    Example:
        >>> round(float(aarr(100.0, 1990, 90.0, 2015)), 4)  # 10 % over 25 years
        0.0042
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(-np.log(_f(x2) / _f(x1)) / (_f(t2) - _f(t1)))


def aarr_required(x_base: A, reduction: A, x_latest: A, t_latest: A, t_target: A) -> FloatArray:
    """AARR still needed from the latest year for a "reduce by" target.

    The target is ``x_base * (1 - reduction)``; the required rate is counted
    forward from the latest observation, as UNICEF's report cards do.

    Args:
        x_base: Base-year values.
        reduction: Fractional reduction promised (2/3 for MDG 4).
        x_latest: Latest values.
        t_latest: Latest times.
        t_target: Target times.

    Returns:
        Required reduction per year.

    Example:
        >>> round(float(aarr_required(90.0, 2 / 3, 48.0, 2012, 2015)), 3)
        0.157
    """
    target = _f(x_base) * (1.0 - _f(reduction))
    return aarr(x_latest, t_latest, target, t_target)
