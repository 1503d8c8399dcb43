"""Published progress assessments as vectorised kernels.

Every function takes arrays (one element per assessed series) of the base
value and time, the latest value and time, and where relevant the target
value, target time and the desired direction (+1: higher is better, -1:
lower is better), and returns numpy arrays. Thresholds are parameters; their
defaults are the published ones, cited next to each formula.

Categories are :class:`innovplan.engine.codes.Category` codes, which are the
codes of the :class:`~innovplan.model.Status` members of the same name
(``NOT_ASSESSABLE`` is ``NO_DATA``).

Example:
    >>> import numpy as np
    >>> from innovplan.engine._progress import aarr
    >>> round(float(aarr(1.0, 1990.0, 1 / 3, 2015.0)), 4)  # MDG 4: two thirds in 25 years
    0.0439
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from innovplan._errstate import default_errstate
from innovplan.engine._codes import Category
from innovplan.engine._ragged import whole_offsets
from innovplan.errors import EvaluationError

if TYPE_CHECKING:
    from innovplan.engine._types import FloatArray

__all__ = [
    "Progress",
    "aarr",
    "aarr_required",
    "cagr",
    "categorise",
    "escap_anticipated",
    "escap_current_status",
    "eurostat",
    "eurostat_no_target",
    "limit_factor",
    "line_projection",
    "sdsn",
    "unsd",
    "unsd_expected",
]

A = npt.ArrayLike


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


@default_errstate
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


@default_errstate
def categorise(ratio: FloatArray, thresholds: tuple[float, float, float]) -> npt.NDArray[np.int8]:
    """Category codes of progress ratios, for thresholds ``(on track, moderate, limited)``.

    Example:
        >>> import numpy as np
        >>> from innovplan.engine import codes
        >>> cats = categorise(np.array([1.0, 0.7, 0.2, -0.1, np.nan]), (0.95, 0.6, 0.0))
        >>> [codes.Category(int(x)).name for x in cats]
        ['ON_TRACK', 'MODERATE', 'LIMITED', 'DETERIORATING', 'NOT_ASSESSABLE']
    """
    hi, mid, lo = thresholds
    cat = np.full(ratio.shape, Category.NOT_ASSESSABLE, dtype=np.int8)
    cat[ratio >= hi] = Category.ON_TRACK
    cat[(ratio >= mid) & (ratio < hi)] = Category.MODERATE
    cat[(ratio >= lo) & (ratio < mid)] = Category.LIMITED
    cat[ratio < lo] = Category.DETERIORATING
    return cat


def _achieved(xt: FloatArray, target: FloatArray, d: FloatArray) -> npt.NDArray[np.bool_]:
    return np.asarray(d * (xt - target) >= 0)


@default_errstate
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
    report on progress towards the SDGs in an EU context" (2021 edition, the
    edition Open SDG cites), introduction, "assessing progress towards
    quantified targets": the observed CAGR since the base year divided by the
    CAGR required to reach the target from the base year by the target year.
    Categories, edge cases and score follow Statistics Canada's implementation
    in Open SDG, "Progress Measurement Methodology for the Sustainable
    Development Goals" (open-sdg docs ``progress-methodology.md``, 2023) and
    its code (``sdg-build``, ``sdg/ProgressMeasure.py``):
    ``R = s * d * CAGR_observed / |CAGR_required|`` ("Indicators with
    quantitative targets"; ``s`` is -1 when the base value is negative: "If
    all values are negative, the desired direction of progress is flipped");
    "Target achieved" first, then R >= 95 % on track, 60-95 % "progress made
    but acceleration needed", 0-60 % limited progress, < 0 deterioration; a
    zero base or target is replaced by 0.001 ("Special considerations for
    the base value and the target value"); base and latest values of
    opposite signs, or fewer than two years, cannot be assessed ("Minimum
    data requirements"). A latest value of zero is not of the opposite sign:
    its CAGR is -100 %, as in Open SDG's code. A target of the other sign
    than the base has no real CAGR and is not assessable here. The score
    maps R linearly from -5 (R <= -0.6) through 0 (R = 0.6) to +5
    (R >= 1.3), a met target scoring 5 ("Aggregated progress status",
    Figure 2).

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
        >>> round(float(r.ratio), 3), Category(int(r.category)).name
        (1.825, 'ON_TRACK')
    """
    b, lt, tg = _f(x0), _f(xt), _f(target)
    d = np.broadcast_to(_f(direction), np.broadcast(b, lt, tg).shape).astype(np.float64)
    b = np.where(b == 0, zero, b)
    tg = np.where(tg == 0, zero, tg)
    sb = np.sign(b)
    # Opposite signs cannot be assessed; a latest value of zero can (Open SDG).
    same_sign = np.isfinite(lt) & (np.sign(lt) != -sb) & (np.sign(tg) == sb)
    neg = same_sign & (b < 0)
    # All-negative series: the growth of |x| runs the other way (Open SDG).
    d_eff = np.where(neg, -d, d)
    ga = cagr(np.abs(b), t0, np.abs(lt), t)
    gr = cagr(np.abs(b), t0, np.abs(tg), t_target)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = d_eff * ga / np.abs(gr)
    ok = same_sign & (_f(t) > _f(t0)) & np.isfinite(ratio)
    ratio = np.where(ok, ratio, np.nan)
    cat = categorise(ratio, thresholds)
    score = np.interp(ratio, [-0.6, 0.6, 1.3], [-5.0, 0.0, 5.0])
    met = _achieved(_f(xt), _f(target), d) & np.isfinite(_f(xt))
    cat = np.where(met, Category.ACHIEVED, cat).astype(np.int8)
    score = np.where(met, 5.0, np.where(ok, score, np.nan))
    return Progress(np.asarray(ratio), cat, np.asarray(score))


@default_errstate
def limit_factor(x0: A, limit: A, *, exponent: float = 4.44) -> FloatArray:
    """Open SDG's scaling factor ``C`` for indicators with a natural limit.

    Open SDG, "Progress Measurement Methodology" (2023), "Indicators without
    quantitative targets", and ``sdg/ProgressMeasure.py``
    (``get_progress_thresholds``): with ``y0 = |x0|`` and ``L = |limit|``,
    ``C = 1 - (y0 / L) ** 4.44`` when ``y0 <= L``,
    ``C = 1 - ((2 L - y0) / L) ** 4.44`` when ``L < y0 < 2 L`` and ``C = 1``
    when ``y0 >= 2 L``; NaN *limit* means no limit (``C = 1``).

    Args:
        x0: Base values.
        limit: Natural limits (NaN for none).
        exponent: The exponent, 4.44 in Open SDG.

    Returns:
        C, between 0 and 1.

    Example:
        >>> round(float(limit_factor(90.0, 100.0)), 4)  # 1 - 0.9 ** 4.44
        0.3736
    """
    y0, lim = np.abs(_f(x0)), np.abs(_f(limit))
    with np.errstate(divide="ignore", invalid="ignore"):
        below = 1.0 - np.power(y0 / lim, exponent)
        above = 1.0 - np.power((2.0 * lim - y0) / lim, exponent)
    c = np.where(y0 >= 2.0 * lim, 1.0, np.where(y0 <= lim, below, above))
    return np.asarray(np.where(np.isfinite(lim), c, 1.0))


@default_errstate
def eurostat_no_target(
    x0: A,
    t0: A,
    xt: A,
    t: A,
    direction: A,
    *,
    thresholds: tuple[float, float, float] = (0.015, 0.005, 0.0),
    limit: A | None = None,
    zero: float = 0.001,
) -> Progress:
    """Indicators without a numeric target: the CAGR in the desired direction.

    Open SDG, "Progress Measurement Methodology" (2023), section "Indicators
    without quantitative targets", and ``sdg/ProgressMeasure.py``
    (``methodology_1``, ``get_progress_thresholds``, ``get_score``):
    ``s * d * CAGR`` >= 1.5 % on track, 0.5-1.5 % progress made but
    acceleration needed, 0-0.5 % limited progress, < 0 deterioration. With a
    natural *limit* the thresholds above 0 are multiplied by
    :func:`limit_factor` ``C``; with ``C = 0`` (base at the limit) any
    ``CAGR >= 0`` is on track. The score runs from -5 at -2 % through -2.5
    at 0, 0 at 0.5 %, 2.5 at 1.5 % to 5 at 2 %, the positive part read on
    ``CAGR / C`` (Figure 1). Zero base values become *zero*, as for
    :func:`eurostat`. Eurostat's own monitoring report is said to use a
    single 1 % cut-off per side instead (significant progress above +1 %,
    moderate 0 to 1 %, moderate movement away 0 to -1 %, significant
    movement away below -1 %); that text could not be read for this
    revision, so it is not a default: pass ``thresholds=(0.01, 0.0, -0.01)``
    for that reading.

    Args:
        x0: Base values.
        t0: Base times.
        xt: Latest values.
        t: Latest times.
        direction: +1 if higher is better, -1 if lower is better.
        thresholds: On-track, moderate and limited lower bounds of ``d * CAGR``
            (before scaling by ``C``).
        limit: Natural limits of the indicator (NaN or None: none).
        zero: Replacement for zero base values.

    Returns:
        ``d * CAGR``, category and score.

    Example:
        >>> r = eurostat_no_target(100.0, 2015, 102.01, 2017, 1)
        >>> round(float(r.ratio), 4), Category(int(r.category)).name
        (0.01, 'MODERATE')
    """
    b, lt = _f(x0), _f(xt)
    b = np.where(b == 0, zero, b)
    d = _f(direction)
    same = np.isfinite(lt) & (np.sign(lt) != -np.sign(b)) & (_f(t) > _f(t0))
    d_eff = np.where(b < 0, -d, d)
    g = np.asarray(np.where(same, d_eff * cagr(np.abs(b), t0, np.abs(lt), t), np.nan))
    c = np.ones(np.shape(b)) if limit is None else limit_factor(b, limit)
    c = np.broadcast_to(c, g.shape)
    hi, mid, lo = (np.where(np.asarray(x) > 0, x * c, x) for x in thresholds)
    cat = np.full(g.shape, Category.NOT_ASSESSABLE, dtype=np.int8)
    cat[g >= hi] = Category.ON_TRACK
    cat[(g >= mid) & (g < hi)] = Category.MODERATE
    cat[(g >= lo) & (g < mid)] = Category.LIMITED
    cat[g < lo] = Category.DETERIORATING
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.interp(g / c, [0.0, 0.005, 0.015, 0.02], [-2.5, 0.0, 2.5, 5.0])
    down = np.interp(g, [-0.02, 0.0], [-5.0, -2.5])
    score = np.where(g < 0, down, np.where(c == 0, 5.0, up))
    return Progress(g, cat, np.where(np.isfinite(g), score, np.nan))


@default_errstate
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
    by its year (SDSN computes both on the 0-100 normalised score, a linear
    rescaling that leaves the ratio unchanged while values stay between the
    bounds); on track (at least the required pace, or maintaining an
    achieved target), moderately improving (at least half of it), stagnating
    (between 0 and half), decreasing (negative). Whether exactly half is
    "moderately improving" could not be checked against the annex text.
    ``growth="compound"`` uses the CAGR ratio instead; the two readings
    disagree whenever the path is curved, so the choice is explicit.

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
        EvaluationError: for an unknown *growth* (a ``ValueError``).

    Example:
        >>> r = sdsn(40.0, 2015, 46.0, 2018, 70.0, 2030, 1)  # 2/yr against 2/yr
        >>> float(r.ratio), Category(int(r.category)).name
        (1.0, 'ON_TRACK')
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
            raise EvaluationError(f"growth must be 'linear' or 'compound', not {growth!r}")
        ratio = d * actual / np.abs(needed)
    ratio = np.where(np.isfinite(ratio), ratio, np.nan)
    cat = categorise(ratio, thresholds)
    met = _achieved(lt, tg, d)
    cat = np.where(met, Category.ACHIEVED, cat).astype(np.int8)
    return Progress(np.asarray(ratio), cat, np.full(cat.shape, np.nan))


@default_errstate
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
    ACHIEVED first. The thresholds are those of the technical note as
    summarised by its readers; the note itself could not be read for this
    revision, so which side of 0.5 and -0.1 is inclusive is not verified.

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
        >>> round(float(r.ratio), 3), Category(int(r.category)).name
        (0.462, 'LIMITED')
    """
    lt, tg, d = _f(xt), _f(target), _f(direction)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = cagr(x0, t0, lt, t) / cagr(x0, t0, tg, t_target)
    ratio = np.where(np.isfinite(ratio), ratio, np.nan)
    cat = np.where(_achieved(lt, tg, d), Category.ACHIEVED, categorise(ratio, thresholds))
    return Progress(np.asarray(ratio), cat.astype(np.int8), np.full(cat.shape, np.nan))


@default_errstate
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
    with the same thresholds as :func:`unsd`. Not verified against the note's
    text in this revision (it could not be read); the formula is the one the
    library was built with.

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
    cat = np.where(_achieved(lt, tg, d), Category.ACHIEVED, categorise(ratio, thresholds))
    return Progress(np.asarray(ratio), cat.astype(np.int8), np.full(cat.shape, np.nan))


@default_errstate
def escap_current_status(x0: A, xt: A, target: A) -> FloatArray:
    """ESCAP current status: share of the required change already made.

    ESCAP, "Progress Assessment Methodology - Technical notes"
    (data.unescap.org, the annex 1 of the Asia and the Pacific SDG Progress
    Report), "Current Status Index", step 1: "the values for the current year
    and the [base year] can be used to measure the progress made since [the
    base year], in relation to the progress needed to reach the SDG target",
    read as ``(x_t - x_0) / (target - x_0)``; negative values mean
    regression. The base year is 2015 in the current reports, 2000 in the
    older notes. The cap at 1 (target reached) and step 2 (combining the
    indicators into a goal index) are not given precisely in the text that
    could be read: the cap is innovplan's, and no aggregation is done.

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


@default_errstate
def line_projection(t: A, y: A, indptr: A, t_target: A) -> FloatArray:
    """The unweighted least-squares line of each ragged series, read at *t_target*.

    Two observations at different times define the line through them; fewer,
    or all at one time, give NaN. Times are centred on each series' mean
    before the sums, so that years near 2000 do not cancel digits.

    Args:
        t: Times of every series, concatenated.
        y: Values, likewise.
        indptr: Series ``i`` is ``[indptr[i], indptr[i + 1])``.
        t_target: The time to read each line at.

    Returns:
        The line's value at ``t_target`` per series.

    Example:
        >>> float(line_projection([2015.0, 2020.0], [20.0, 35.0], [0, 2], [2030.0])[0])
        65.0
    """
    tt, yy = _f(t), _f(y)
    ptr = whole_offsets(indptr, "indptr")  # 3.0 is 3; 3.5 is refused, not truncated
    n = np.diff(ptr).astype(np.float64)
    seg = np.repeat(np.arange(n.shape[0]), np.diff(ptr))
    out = np.full(n.shape[0], np.nan)
    if tt.shape[0] == 0:
        return out
    with np.errstate(divide="ignore", invalid="ignore"):
        t_mean = np.bincount(seg, tt, minlength=n.shape[0]) / n
        y_mean = np.bincount(seg, yy, minlength=n.shape[0]) / n
        dt = tt - t_mean[seg]
        sxx = np.bincount(seg, dt * dt, minlength=n.shape[0])
        sxy = np.bincount(seg, dt * (yy - y_mean[seg]), minlength=n.shape[0])
        slope = sxy / sxx
        point = y_mean + slope * (_f(t_target) - t_mean)
    ok = (n >= 2) & (sxx > 0) & np.isfinite(point)
    out[ok] = point[ok]
    return out


@default_errstate
def escap_anticipated(
    x0: A,
    projected: A,
    target: A,
    *,
    thresholds: tuple[float, float, float] = (1.0, 0.0, 0.0),
) -> Progress:
    """ESCAP anticipated progress: where the projection lands against the target.

    ESCAP, "Progress Assessment Methodology - Technical notes"
    (data.unescap.org), "Anticipated Progress Index": "the gap between
    predicted value of the indicator and the specified target value"; UNECE's
    account of the same index (w3.unece.org/sdg2023, "Technical notes")
    reports "the anticipated gap between the target value and the projected
    value for 2030 relative to the progress required between 2015 and
    2030", i.e. ``1 - share`` with ``share = (projected - x_0) / (target -
    x_0)``. Groups (ECA's presentation of the method): maintain progress
    (share >= 1), accelerate progress (0-1), reverse trend (< 0). With the
    default thresholds the LIMITED band ``[0, 0)`` is empty: three groups,
    not four. ESCAP projects with a "time-weighted linear regression [that]
    gives more importance to more recent data" (UNECE); the weights are not
    defined in any text that could be read, so that regression is not
    implemented: pass any projection (:mod:`innovplan.evaluate` uses the
    unweighted least-squares line).

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
        >>> float(r.ratio), Category(int(r.category)).name  # gap 0.25: accelerate
        (0.75, 'MODERATE')
        >>> r = escap_anticipated(20.0, 65.0, 80.0, thresholds=(0.95, 0.8, 0.0))
        >>> Category(int(r.category)).name
        'LIMITED'
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (_f(projected) - _f(x0)) / (_f(target) - _f(x0))
    share = np.where(np.isfinite(share), share, np.nan)
    cat = categorise(share, thresholds)
    return Progress(np.asarray(share), cat, np.full(cat.shape, np.nan))


@default_errstate
def aarr(x1: A, t1: A, x2: A, t2: A) -> FloatArray:
    """UNICEF average annual rate of reduction, exponential form.

    ``AARR = -ln(x2 / x1) / (t2 - t1)``: the form whose two-thirds
    reduction over 1990-2015 gives the 4.4 % a year of UNICEF/IGME, "Levels
    and Trends in Child Mortality, Report 2013" ("an average annual rate of
    reduction of 4.4 percent or more"), and whose halving over 25 years
    gives the 2.8 % of UNICEF's worked example (the compound form
    ``1 - (x2 / x1) ** (1 / (t2 - t1))`` would give 4.3 % and 2.7 %).

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


@default_errstate
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
