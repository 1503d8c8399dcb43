"""matplotlib plots of a target's trajectory and of a report (extra ``[plot]``).

matplotlib is imported when a plot is first drawn. Axes carry readable units
(亿元 in Chinese, billion yuan in English) and every artist has a label, so
that a legend, a test or a screen reader can name it.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import pathlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from innovplan.engine import DEFAULT_ABOUT_PP, DEFAULT_ABOUT_REL
from innovplan.errors import EvaluationError
from innovplan.faces._deps import require
from innovplan.faces._labels import (
    STATUS_COLOURS,
    check_lang,
    display_unit,
    status_label,
    word,
)
from innovplan.faces._rows import shown_forecasts
from innovplan.model import (
    Basis,
    Bound,
    Comparator,
    Group,
    Measure,
    Observation,
    Period,
    Series,
    Status,
)
from innovplan.units import format_number, short_form

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from innovplan.evaluate import Assessments, PlanReport
    from innovplan.model import Target
    from innovplan.units import Quantity

__all__ = ["plot_groups", "plot_report", "plot_trajectory", "write_plots"]

_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
)
_HISTORY = "#24292f"
_FORECAST = "#0969da"
_TARGET = "#cf222e"
TRAJECTORY_SIZE = (7.0, 4.0)
"""Figure size of a trajectory plot, in inches."""


def overview_size(n_goals: int) -> tuple[float, float]:
    """Figure size of the status overview: a bar of 0.6 inches per goal, and room for the legend."""
    return 7.0, 0.6 * n_goals + 1.4


def _pyplot() -> Any:
    return require("matplotlib.pyplot", package="matplotlib", extra="plot", purpose="plots")


@functools.cache
def _cjk_fonts() -> tuple[str, ...]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return tuple(name for name in _CJK_FONTS if name in installed)


@contextlib.contextmanager
def _fonts(lang: str) -> Iterator[None]:
    """Chinese text needs a CJK font: put the installed ones first while drawing."""
    import matplotlib as mpl

    cjk = _cjk_fonts() if lang == "zh" else ()
    if not cjk:
        yield
        return
    with mpl.rc_context({"font.sans-serif": [*cjk, *mpl.rcParams["font.sans-serif"]]}):
        yield


def _observations(target: Target, series: object) -> list[Observation]:
    if isinstance(series, Series):
        items: Iterable[Any] = series
    elif isinstance(series, Mapping):
        items = (o for s in series.values() for o in s)
    elif isinstance(series, Iterable) and not isinstance(series, str | bytes):
        items = series
    else:
        msg = f"expected a Series or observations, got {type(series).__name__}"
        raise TypeError(msg)
    return [o for o in items if isinstance(o, Observation) and o.indicator == target.indicator.id]


def _target_period(target: Target) -> Period:
    if target.measure in {Measure.LEVEL, Measure.SHARE}:
        return Period.at(target.deadline)
    return Period(target.period_start, target.deadline)


def _reference_period(target: Target) -> Period:
    """The kind of period one figure of the history measures: a stock's date, a year.

    A target over several years (a five-year plan's total or average rate) is
    read from yearly figures, so its last year is the reference, not the window.
    """
    period = _target_period(target)
    if not period.is_instant and (period.end - period.start).days > 370:
        return Period(type(target.deadline)(target.deadline.year, 1, 1), target.deadline)
    return period


def _same_kind(obs: Observation, period: Period) -> bool:
    """Whether *obs* measures a period like the target's (a year's total, a stock).

    For a stock or a share a yearly figure (an average over the year, as
    unemployment rates are published) counts as history too: it is no part of
    a year, so never "year to date".
    """
    if period.is_instant:
        days = (obs.period.end - obs.period.start).days
        return obs.period.is_instant or days >= 360
    want = (period.end - period.start).days
    got = (obs.period.end - obs.period.start).days
    return abs(got - want) <= max(3, 0.05 * want)


class _Scale:
    """Magnitudes in the indicator's unit to the numbers shown on the axis."""

    def __init__(self, unit: str, lang: str) -> None:
        self.unit = unit
        self.factor, self.label = display_unit(unit, lang)

    def __call__(self, q: Quantity) -> float:
        return float(q.to(self.unit).magnitude) * self.factor

    def text(self, x: float) -> str:
        joiner = "" if self.label in {"%", "亿元", "万平方米"} or "/" in self.label else " "
        shown = float(round(x)) if abs(x) >= 100 else x
        return f"{format_number(shown)}{joiner}{self.label}"


def _target_band(target: Target, scale: _Scale) -> tuple[float, float] | None:
    """The band ABOUT and BETWEEN targets are met within, on the axis scale."""
    value = scale(target.value)
    if target.comparator is Comparator.BETWEEN and target.upper is not None:
        return value, scale(target.upper)
    if target.comparator is not Comparator.ABOUT:
        return None
    tol = target.tolerance
    if tol is not None and tol.relative is not None:
        half = abs(value) * tol.relative
    elif tol is not None and tol.absolute is not None:
        unit = "percent" if str(tol.absolute.units) == "percentage_point" else scale.unit
        half = (
            float(tol.absolute.magnitude) * scale.factor
            if unit == "percent"
            else scale(tol.absolute)
        )
    elif scale.unit == "percent":
        half = DEFAULT_ABOUT_PP * scale.factor
    else:
        half = DEFAULT_ABOUT_REL * abs(value)
    return value - half, value + half


def _mdates() -> Any:
    from matplotlib import dates

    return dates  # untyped in matplotlib's stubs: used through Any


def _dates(days: Iterable[dt.date]) -> list[float]:
    date2num = _mdates().date2num
    return [float(date2num(d)) for d in days]


def _draw_target(ax: Axes, target: Target, scale: _Scale, lang: str) -> None:
    if target.basis is not Basis.VALUE:
        value = short_form(target.value)
        ax.text(
            0.01, 0.98, f"{word('target', lang)}: {target.comparator.symbol} {value} "
            f"({target.basis.value.replace('_', ' ')})",
            transform=ax.transAxes, va="top", fontsize=8, color=_TARGET,
        )  # fmt: skip
        return
    band = _target_band(target, scale)
    sym = target.comparator.symbol
    if band is not None:
        lo, hi = band
        label = f"{word('target', lang)} {sym} {scale.text(scale(target.value))}"
        if target.comparator is Comparator.BETWEEN:
            label = f"{word('target', lang)} [{scale.text(lo)}, {scale.text(hi)}]"
        ax.axhspan(lo, hi, color=_TARGET, alpha=0.12, label=label, gid="target")
        return
    label = f"{word('target', lang)} {sym} {scale.text(scale(target.value))}"
    ax.axhline(
        scale(target.value), color=_TARGET, linestyle="--", linewidth=1.2, label=label, gid="target"
    )


def _forecast_label(forecast: Any, value: str, lang: str) -> str:
    label = f"{word('forecast', lang)} {value}"
    if forecast.probability is not None:
        words = f", {forecast.likelihood}" if forecast.likelihood else ""
        label += f"\nP(met) = {forecast.probability:.2f}{words}"
    return label


def _draw_forecast(
    ax: Axes, forecast: Any, start: tuple[float, float] | None, scale: _Scale, lang: str
) -> None:
    if forecast is None or getattr(forecast, "unclear", False) or forecast.point is None:
        return
    x1 = _dates([forecast.deadline])[0]
    y1 = scale(forecast.point)
    x0, y0 = start if start is not None else (x1, y1)
    ax.plot([x0, x1], [y0, y1], color=_FORECAST, linestyle=":", linewidth=1.5, gid="forecast")
    ax.plot(
        [x1],
        [y1],
        marker="D",
        color=_FORECAST,
        linestyle="none",
        label=_forecast_label(forecast, scale.text(y1), lang),
        gid="forecast-point",
    )
    if forecast.lower is not None and forecast.upper is not None:
        lo, hi = scale(forecast.lower), scale(forecast.upper)
        ax.fill_between(
            [x0, x1], [y0, lo], [y0, hi], color=_FORECAST, alpha=0.2, linewidth=0,
            label=f"{forecast.level:.0%} {word('interval', lang)}", gid="fan",
        )  # fmt: skip


def _broken_at_gaps(xs: list[Any], ys: list[float]) -> tuple[list[Any], list[float]]:
    # A line drawn across missing years (turnover 2019-2021 is not published)
    # would show figures nobody published: break it where the step between two
    # points is more than one and a half times the usual one.
    if len(xs) < 3:
        return xs, ys
    steps = [b - a for a, b in itertools.pairwise(xs)]
    usual = sorted(steps)[len(steps) // 2]
    out_x, out_y = [xs[0]], [ys[0]]
    for x, y, step in zip(xs[1:], ys[1:], steps, strict=True):
        if step > usual * 1.5:
            out_x.append(x - step / 2)
            out_y.append(float("nan"))
        out_x.append(x)
        out_y.append(y)
    return out_x, out_y


def plot_trajectory(
    target: Target,
    series: Series | Iterable[Observation] | Mapping[str, Series],
    forecast: Any = None,
    *,
    ax: Axes | None = None,
    locale: str = "en",
    as_of: dt.date | str | None = None,
) -> Axes:
    """Plot a target's history, its forecast fan, the target and the deadline.

    - history: the indicator's figures for periods like the target's (yearly
      totals of a flow, year-end stocks), latest release first; bounds
      (">12,000") are drawn as triangles;
    - year to date: figures for part of the target's period (a half-year);
    - the target: a dashed line, or a band for ``ABOUT`` (its tolerance) and
      ``BETWEEN``;
    - the deadline: a dotted vertical line;
    - the forecast (a :class:`~innovplan.evaluate.Forecast`, optional): the
      point at the deadline and its interval as a fan from the last figure,
      with the probability of meeting the target and its word;
    - the baseline (the target's own, else the last figure before the
      target's period) and the straight path required from it to the target;
    - the outcome, if published (by *as_of*): a star at the deadline.

    Args:
        target: The target.
        series: Observations (of any indicators; the target's are picked), a
            series, or a mapping of indicator id to series.
        forecast: A forecast of *target*, or None.
        ax: Axes to draw on; a new figure by default.
        locale: ``"en"`` (billion yuan, million m²) or ``"zh"`` (亿元, 万平方米).
        as_of: Show only what had been released by this date: history,
            year-to-date figures and the outcome alike.

    Returns:
        The axes.

    Raises:
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> t10 = plan.target("T10")
        >>> ax = plot_trajectory(t10, obs, forecast(t10, obs, as_of="2023-01-29"),
        ...                      as_of="2023-01-29")
        >>> ax.get_ylabel(), sorted(ax.get_legend_handles_labels()[1])[-1]
        ('billion yuan', 'target > 145 billion yuan')
    """
    lang = locale
    check_lang(lang)
    plt = _pyplot()
    with _fonts(lang):
        if ax is None:
            _, ax = plt.subplots(figsize=TRAJECTORY_SIZE, layout="constrained")
        assert ax is not None  # noqa: S101 (narrowing for the type checker)
        _draw(ax, target, series, forecast, lang, as_of)
    return ax


def _draw(  # noqa: PLR0917 (private; the public signature is keyword-only)
    ax: Axes, target: Target, series: object, forecast: Any, lang: str, as_of: dt.date | str | None
) -> None:
    dates = _mdates()
    scale = _Scale(target.indicator.unit, lang)
    everything = _observations(target, series)
    period = _target_period(target)
    known = (
        Series.sorted(everything, target.indicator.id).latest(as_of)
        if everything
        else Series(target.indicator.id)
    )
    # An as-of view shows only what was released by then, the outcome included.
    outcome = known.for_period(period)
    ref = _reference_period(target)
    history = [o for o in known if _same_kind(o, ref) and o.period != period]
    partial = [o for o in known if not _same_kind(o, ref) and o.period.end <= target.deadline]
    if history:
        xs = _dates(o.period.end for o in history)
        ys = [scale(o.value) for o in history]
        line_x, line_y = _broken_at_gaps(xs, ys)
        ax.plot(
            line_x,
            line_y,
            color=_HISTORY,
            marker="o",
            markersize=4,
            linewidth=1.4,
            label=word("history", lang),
            gid="history",
        )
        bounds = [
            (x, y) for x, y, o in zip(xs, ys, history, strict=True) if o.bound is not Bound.EXACT
        ]
        if bounds:
            ax.plot(
                *zip(*bounds, strict=True),
                marker="^",
                markersize=8,
                color=_HISTORY,
                linestyle="none",
                label="≥ (bound)",
                gid="bounds",
            )
    if partial:
        ax.plot(
            _dates(o.period.end for o in partial), [scale(o.value) for o in partial],
            marker="s", color="#8250df", linestyle="none", label=word("year to date", lang),
            gid="year-to-date",
        )  # fmt: skip
    _draw_target(ax, target, scale, lang)
    _draw_required(ax, target, history, scale, lang)
    deadline = _dates([target.deadline])[0]
    ax.axvline(
        deadline,
        color="#59636e",
        linestyle=":",
        linewidth=1,
        label=f"{word('deadline', lang)} {target.deadline}",
        gid="deadline",
    )
    start = (_dates([history[-1].period.end])[0], scale(history[-1].value)) if history else None
    _draw_forecast(ax, forecast, start, scale, lang)
    if outcome is not None:
        y = scale(outcome.value)
        ax.plot(
            [deadline],
            [y],
            marker="*",
            markersize=13,
            color=STATUS_COLOURS[Status.ACHIEVED],
            linestyle="none",
            label=f"{word('outcome', lang)} {scale.text(y)}",
            gid="outcome",
        )
    # Figures are dated at the end of their period: 2022's total sits on
    # 31 December 2022, under the tick "2022".
    ax.xaxis.set_major_locator(dates.YearLocator(month=12, day=31))
    ax.xaxis.set_major_formatter(dates.DateFormatter("%Y"))
    ax.set_ylabel(scale.label)
    name = target.indicator.name.in_language(lang)
    ax.set_title(f"{target.id} · {name}", loc="left", fontsize=10)
    ax.grid(visible=True, axis="y", alpha=0.3)
    ax.legend(fontsize=7, loc="best", frameon=False)


_TOTAL = "#8c959f"
_PANEL_COLUMNS = 3


def _panel_groups(target: Target, obs: Sequence[Observation]) -> list[Group]:
    """The groups a target of every group of a dimension has a panel for, in code order."""
    if not target.every:
        # A parity target for one pair: one panel, named by the numerator.
        return [target.group]
    dims = set(target.group) | set(target.every)
    found = {o.dimensions for o in obs if o.dimensions.within(target.group)}
    found = {g for g in found if set(g) == dims}
    return sorted(found, key=lambda g: tuple(g[k] for k in sorted(g)))


def _known(target: Target, obs: Iterable[Observation], as_of: dt.date | str | None) -> Series:
    mine = [o for o in obs if o.indicator == target.indicator.id]
    return (
        Series.sorted(mine, target.indicator.id).latest(as_of)
        if mine
        else Series(target.indicator.id)
    )


def _ratio(
    target: Target, obs: Sequence[Observation], group: Group, as_of: dt.date | str | None
) -> tuple[list[float], list[float]]:
    """Dates and ratios group/versus of the same period, of exact figures released by *as_of*."""
    assert target.versus is not None  # noqa: S101 (narrowing for the type checker)
    versus = Group({**dict(group.codes), **dict(target.versus.codes)})
    num = _known(target, (o for o in obs if o.dimensions == group), as_of)
    den = {o.period: o for o in _known(target, (o for o in obs if o.dimensions == versus), as_of)}
    unit = target.indicator.unit
    points: list[tuple[dt.date, float]] = []
    for o in num:
        d = den.get(o.period)
        if d is None or o.bound is not Bound.EXACT or d.bound is not Bound.EXACT:
            continue
        bottom = float(d.value.to(unit).magnitude)
        if bottom != 0:
            points.append((o.period.end, float(o.value.to(unit).magnitude) / bottom))
    return _dates(p[0] for p in points), [p[1] for p in points]


def _draw_parity(  # noqa: PLR0917 (private)
    ax: Axes,
    target: Target,
    obs: Sequence[Observation],
    group: Group,
    lang: str,
    as_of: dt.date | str | None,
) -> None:
    xs, ys = _ratio(target, obs, group, as_of)
    ax.plot(
        xs, ys, color=_HISTORY, marker="o", markersize=4, linewidth=1.4,
        label=f"{word('ratio', lang)} {target.group} / {target.versus}", gid="ratio",
    )  # fmt: skip
    value = float(target.value.to("dimensionless").magnitude)
    sym = target.comparator.symbol
    if target.comparator is Comparator.BETWEEN and target.upper is not None:
        upper = float(target.upper.to("dimensionless").magnitude)
        ax.axhspan(
            value, upper, color=_TARGET, alpha=0.12, gid="target",
            label=f"{word('target', lang)} [{format_number(value)}, {format_number(upper)}]",
        )  # fmt: skip
    else:
        ax.axhline(
            value, color=_TARGET, linestyle="--", linewidth=1.2, gid="target",
            label=f"{word('target', lang)} {sym} {format_number(value)}",
        )  # fmt: skip
    ax.axvline(_dates([target.deadline])[0], color="#59636e", linestyle=":", linewidth=1,
               label=f"{word('deadline', lang)} {target.deadline}", gid="deadline")  # fmt: skip
    ax.xaxis.set_major_locator(_mdates().YearLocator(month=12, day=31))
    ax.xaxis.set_major_formatter(_mdates().DateFormatter("%Y"))
    ax.grid(visible=True, axis="y", alpha=0.3)


def _draw_total(
    ax: Axes, target: Target, obs: Sequence[Observation], lang: str, as_of: dt.date | str | None
) -> None:
    """The total (the target's own group) as a grey line under each group's history."""
    scale = _Scale(target.indicator.unit, lang)
    ref = _reference_period(target)
    period = _target_period(target)
    total = [
        o
        for o in _known(target, (o for o in obs if o.dimensions == target.group), as_of)
        if _same_kind(o, ref) and o.period.end <= period.end
    ]
    if not total:
        return
    xs, ys = _broken_at_gaps(_dates(o.period.end for o in total), [scale(o.value) for o in total])
    label = word("total", lang)
    if not target.group.is_total:
        label += f" ({target.group})"
    ax.plot(
        xs, ys, color=_TOTAL, marker="o", markersize=3, linewidth=1.2, zorder=1, gid="total",
        label=label,
    )  # fmt: skip


def _statuses(target: Target, assessments: Assessments | None) -> dict[Group, Status]:
    if assessments is None:
        return {}
    rows = zip(assessments.ids, assessments.groups, assessments.status, strict=True)
    return {group: Status(status) for tid, group, status in rows if tid == target.id}


def _panel_title(ax: Axes, group: Group, status: Status | None, lang: str) -> None:
    """Title a panel by its group; a group not met gets its status and frame in red."""
    title = str(group)
    colour = "black"
    if status is not None:
        title += f" · {status_label(status, lang)}"
        if status is Status.NOT_ACHIEVED:
            colour = STATUS_COLOURS[status]
            for spine in ax.spines.values():
                spine.set_edgecolor(colour)
                spine.set_linewidth(1.6)
    ax.set_title(title, loc="left", fontsize=9, color=colour)


# A panel's own figures (its baseline, its outcome) are in its legend label; the
# figure's one legend names the kind of mark only.
_GENERIC = ("history", "baseline", "outcome", "year to date")


def _shared_legend(axes: Sequence[Axes], lang: str) -> dict[str, Any]:
    """One legend entry per kind of mark drawn in any panel, in drawing order."""
    entries: dict[str, Any] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            gid = handle.get_gid()
            name = word(gid.replace("-", " "), lang) if gid in _GENERIC else label
            entries.setdefault(name, handle)
    return entries


def _tidy(axes: Sequence[Axes], n: int, ncols: int) -> None:
    """The unit once per row, and years under every column's lowest panel."""
    for i, ax in enumerate(axes[:n]):
        if i % ncols:
            ax.set_ylabel("")
        if i + ncols >= n:
            ax.xaxis.set_tick_params(labelbottom=True)


def plot_groups(
    target: Target,
    observations: Iterable[Observation],
    assessments: Assessments | None = None,
    *,
    locale: str = "en",
    as_of: dt.date | str | None = None,
) -> Figure:
    """Plot a target of every group of a dimension as small multiples: one panel per group.

    The panels share their axes, so the groups compare at a glance. Each shows
    its group's history, the target (a line, or a band), the deadline and, if
    released, the outcome, as :func:`plot_trajectory` draws them; the total
    (the target's own group, usually the whole country), when observed, is a
    grey line in every panel rather than a panel of its own, since the target
    does not apply to it. A group the *assessments* did not find met has its
    status in red in its title and a red frame.

    A parity target (``versus``) plots, per panel, the ratio of its group's
    figure to the compared group's figure of the same period (exact figures
    only) against the target's line or band; with ``every``, one panel per
    group of the dimension, else one panel.

    Args:
        target: A target with ``every`` or ``versus``.
        observations: Observations of any indicators and groups; the target's are picked.
        assessments: Results holding rows of *target* (``assess_many``, a
            report's ``assessments``): they mark the groups not met.
        locale: ``"en"`` or ``"zh"``.
        as_of: Show only what had been released by this date.

    Returns:
        The figure; its panels are ``figure.axes``, titled by group.

    Raises:
        EvaluationError: *target* applies to neither every group nor a pair of groups.
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from innovplan import Q_, Indicator, Observation, Target, assess_many
        >>> share = Indicator("forest", "forest cover", unit="percent", measure="share")
        >>> obs = [Observation("forest", Q_(v, "percent"), 2023, dimensions={"region": r})
        ...        for r, v in [("A", 65), ("B", 55)]]
        >>> t = Target("F", share, "at_least", Q_(60, "percent"), "2023-12-31", every="region")
        >>> fig = plot_groups(t, obs, assess_many([t], obs))
        >>> [ax.get_title(loc="left") for ax in fig.axes]
        ['region=A · achieved', 'region=B · not achieved']
    """
    lang = locale
    check_lang(lang)
    if not target.every and target.versus is None:
        msg = (
            f"plot_groups(): target {target.id!r} applies to one group ({target.group}); "
            "give a target with 'every' or 'versus', or plot it with plot_trajectory()"
        )
        raise EvaluationError(msg)
    plt = _pyplot()
    obs = [o for o in observations if o.indicator == target.indicator.id]
    groups = _panel_groups(target, obs)
    statuses = _statuses(target, assessments)
    n = max(len(groups), 1)
    ncols = min(n, _PANEL_COLUMNS)
    nrows = -(-n // ncols)
    with _fonts(lang):
        fig, axes = plt.subplots(
            nrows, ncols, sharex=True, sharey=True, squeeze=False, layout="constrained",
            figsize=(3.2 * ncols + 0.6, 2.6 * nrows + 0.9),
        )  # fmt: skip
        flat = list(axes.flat)
        for ax in flat[len(groups) :]:
            fig.delaxes(ax)
        for ax, group in zip(flat, groups, strict=False):
            if target.versus is not None:
                _draw_parity(ax, target, obs, group, lang, as_of)
            else:
                mine = [o for o in obs if o.dimensions == group]
                _draw(ax, target, mine, None, lang, as_of)
                _draw_total(ax, target, obs, lang, as_of)
                legend = ax.get_legend()
                if legend is not None:
                    legend.remove()
            _panel_title(ax, group, statuses.get(group), lang)
        name = target.indicator.name.in_language(lang)
        fig.suptitle(f"{target.id} · {name}", x=0.01, ha="left", fontsize=10)
        _tidy(flat, len(groups), ncols)
        legend = _shared_legend(flat[: len(groups)], lang)
        if legend:
            fig.legend(list(legend.values()), list(legend), loc="outside lower center", ncols=3,
                       fontsize=7, frameon=False)  # fmt: skip
    figure: Figure = fig
    return figure


def _draw_required(
    ax: Axes, target: Target, history: Sequence[Observation], scale: _Scale, lang: str
) -> None:
    """The baseline and the straight path from it to the target at the deadline.

    Only where the target's value is a level of the indicator (basis VALUE) and
    a baseline exists: the target's own, else the last figure that ends before
    the target's period starts.
    """
    if target.basis is not Basis.VALUE:
        return
    base = target.baseline
    if base is None:
        before = [o for o in history if o.period.end < target.period_start]
        base = before[-1] if before else None
    if base is None:
        return
    x = _dates([base.period.end, target.deadline])
    y0 = scale(base.value)
    ax.plot(
        x[:1], [y0], marker="D", markersize=6, color="#59636e", linestyle="none",
        label=f"{word('baseline', lang)} {scale.text(y0)}", gid="baseline",
    )  # fmt: skip
    ax.plot(
        x, [y0, scale(target.value)], color="#59636e", linestyle=(0, (4, 3)), linewidth=1,
        label=word("required path", lang), gid="required-path",
    )  # fmt: skip


def plot_report(report: PlanReport, *, ax: Axes | None = None, locale: str = "en") -> Axes:
    """Plot a status overview: one bar per goal, split by status, in the report's colours.

    Args:
        report: The report of :func:`innovplan.evaluate`.
        ax: Axes to draw on; a new figure by default.
        locale: ``"en"`` or ``"zh"``: the language of titles and status words.

    Returns:
        The axes.

    Raises:
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> ax = plot_report(report)
        >>> [t.get_text() for t in ax.get_yticklabels()][0][:2], ax.get_legend_handles_labels()[1]
        ('G1', ['achieved', 'no data'])
    """
    lang = locale
    check_lang(lang)
    plt = _pyplot()
    goals = report.plan.goals
    with _fonts(lang):
        if ax is None:
            _, ax = plt.subplots(figsize=overview_size(len(goals)), layout="constrained")
        assert ax is not None  # noqa: S101 (narrowing for the type checker)
        rows = [report.rollup.get("goal", g.id) for g in goals]
        ys = list(range(len(rows)))[::-1]
        left = [0.0] * len(rows)
        for status, colour in STATUS_COLOURS.items():
            n = [float(r.count(status)) for r in rows]
            if not any(n):
                continue
            ax.barh(
                ys, n, left=left, color=colour, label=status_label(status, lang), gid=status.value
            )
            left = [a + b for a, b in zip(left, n, strict=True)]
        labels = [_short(f"{g.id} {g.title.in_language(lang)}") for g in goals]
        ax.set_yticks(ys, labels)
        ax.set_xlabel(word("number of targets", lang))
        when = f" ({word('as of', lang)} {report.as_of})" if report.as_of else ""
        ax.set_title(f"{word('status by goal', lang)}{when}", loc="left", fontsize=10)
        ax.legend(
            fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=4, frameon=False
        )
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_plots(
    report: PlanReport,
    observations: Iterable[Observation],
    directory: str | pathlib.Path,
    *,
    locale: str = "en",
    dpi: int = 110,
) -> dict[str, str]:
    """Write the overview and one trajectory plot per target with evidence, as PNG files.

    Args:
        report: The report.
        observations: The evidence the report was made from.
        directory: Where to write (created if missing).
        locale: ``"en"`` or ``"zh"``.
        dpi: Resolution.

    Returns:
        Captions to file names, relative to *directory*: the overview first,
        then the targets in document order.

    Example:
        >>> import tempfile, matplotlib
        >>> matplotlib.use("Agg")
        >>> from innovplan import datasets, evaluate
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     files = write_plots(evaluate(plan, obs), obs, tmp)
        >>> files["overview"], files["T10"]
        ('overview.png', 'T10.png')
    """
    images = plot_images(report, observations, locale=locale, dpi=dpi)
    out = pathlib.Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    for key, png in images.items():
        name = f"{_slug(key)}.png"
        (out / name).write_bytes(png)
        written[key] = name
    return written


def plot_images(
    report: PlanReport,
    observations: Iterable[Observation],
    *,
    locale: str = "en",
    dpi: int = 110,
) -> dict[str, bytes]:
    r"""The overview and one trajectory plot per target with evidence, as PNG bytes.

    What :func:`write_plots` writes, kept in memory: for a page that embeds its
    plots, a web service, or an archive. Plots show what was released by the
    report's *as_of* date only. A target of every group of a dimension, or a
    parity target, has one figure of small multiples (:func:`plot_groups`)
    under its id.

    Args:
        report: The report.
        observations: The evidence the report was made from.
        locale: ``"en"`` or ``"zh"``.
        dpi: Resolution.

    Returns:
        Captions to PNG bytes: the overview first, then the targets in document order.

    Raises:
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from innovplan import datasets, evaluate
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> images = plot_images(evaluate(plan, obs), obs)
        >>> list(images)[:2], images["T10"][:4]
        (['overview', 'T3'], b'\x89PNG')
    """
    import io

    plt = _pyplot()
    obs = tuple(observations)
    images: dict[str, bytes] = {}

    def png(fig: Any) -> bytes:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi)
        plt.close(fig)
        return buffer.getvalue()

    with _fonts(locale):
        fig, ax = plt.subplots(figsize=overview_size(len(report.plan.goals)), layout="constrained")
        plot_report(report, ax=ax, locale=locale)
        images["overview"] = png(fig)
        with_data = {(o.indicator, o.dimensions) for o in obs}
        res = report.assessments
        row_targets = res.targets.targets or report.plan.targets
        rows = zip(row_targets, res.groups, shown_forecasts(report), strict=True)
        faceted: set[str] = set()
        for t, group, fc in rows:
            if t.every or t.versus is not None:
                # One figure of small multiples for all of the target's groups.
                mine = [o for o in obs if o.indicator == t.indicator.id]
                if t.id not in faceted and _panel_groups(t, mine):
                    faceted.add(t.id)
                    fig = plot_groups(t, mine, res, locale=locale, as_of=report.as_of)
                    images[t.id] = png(fig)
                continue
            if (t.indicator.id, group) not in with_data:
                continue
            mine = [o for o in obs if o.dimensions == group]
            fig, ax = plt.subplots(figsize=TRAJECTORY_SIZE, layout="constrained")
            plot_trajectory(t, mine, fc, ax=ax, locale=locale, as_of=report.as_of)
            images[t.id if group.is_total else f"{t.id} {group}"] = png(fig)
    return images


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)
