import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.patches import Polygon, Rectangle

from innovplan import Q_
from innovplan.evaluate import forecast
from innovplan.faces import plot_report, plot_trajectory, write_plots
from innovplan.model import Comparator, Indicator, Measure, Observation, Target


def by_gid(ax, gid):
    found = [a for a in (*ax.lines, *ax.patches, *ax.collections, *ax.texts) if a.get_gid() == gid]
    assert found, f"no artist {gid!r}"
    return found[0]


def band_ys(band):
    """The bottom and top of a target band, drawn as a Rectangle or a Polygon."""
    if isinstance(band, Polygon):
        return band.get_xy()[:, 1]
    return [band.get_y(), band.get_y() + band.get_height()]


def test_trajectory_of_a_flow_with_its_forecast_fan(plan, observations):
    t10 = plan.target("T10")
    f = forecast(t10, observations, as_of="2023-01-29")
    ax = plot_trajectory(t10, observations, f, as_of="2023-01-29")
    history = by_gid(ax, "history")
    ys = np.asarray(history.get_ydata(), dtype=float)
    assert np.isfinite(ys).sum() == 7  # the yearly totals known in January 2023
    # 2019-2021 are not published: the line breaks between 2018 and 2022.
    assert list(np.isnan(ys)) == [False] * 6 + [True, False]
    assert by_gid(ax, "target").get_ydata()[0] == pytest.approx(145.0)  # billion yuan
    fan = by_gid(ax, "fan")
    assert isinstance(fan, PolyCollection)
    v = fan.get_paths()[0].vertices
    ys = v[v[:, 0] == v[:, 0].max(), 1]  # the fan's edge at the deadline
    assert ys.min() == pytest.approx(f.lower.magnitude / 10)
    assert ys.max() == pytest.approx(f.upper.magnitude / 10)
    # The outcome (released 2024-04-26) was not known in January 2023: not drawn.
    assert not [a for a in ax.lines if a.get_gid() == "outcome"]
    labels = ax.get_legend_handles_labels()[1]
    assert any(lab.startswith("deadline 2023-12-31") for lab in labels)
    assert any(f"P(met) = {f.probability:.2f}" in lab for lab in labels)
    assert ax.get_ylabel() == "billion yuan"
    ax.figure.canvas.draw()


def test_the_outcome_is_drawn_once_released(plan, observations):
    t10 = plan.target("T10")
    ax = plot_trajectory(t10, observations, as_of="2024-04-26")
    assert by_gid(ax, "outcome").get_ydata()[0] == pytest.approx(219.843)  # 2,198.43亿元
    before = plot_trajectory(t10, observations, as_of="2024-04-25")
    assert not [a for a in before.lines if a.get_gid() == "outcome"]


def test_baseline_and_the_required_path_to_the_target():
    # Patents per 10,000 people: 6.3 at end-2020, 12 promised for end-2025.
    ind = Indicator("p", "patents", unit="patent / ten_thousand_person", measure=Measure.LEVEL)
    base = Observation("p", Q_(6.3, "patent / ten_thousand_person"), "2020-12-31")
    t = Target(
        "T", ind, Comparator.AT_LEAST, Q_(12, "patent / ten_thousand_person"), "2025-12-31",
        start="2021-01-01", baseline=base,
    )  # fmt: skip
    obs = [base, Observation("p", Q_(9.4, "patent / ten_thousand_person"), "2022-12-31")]
    ax = plot_trajectory(t, obs)
    assert by_gid(ax, "baseline").get_ydata()[0] == pytest.approx(6.3)
    path = by_gid(ax, "required-path")
    assert list(path.get_ydata()) == pytest.approx([6.3, 12.0])


def test_yearly_averages_of_a_rate_are_history_not_year_to_date():
    # Unemployment rates are published as yearly averages; the target is a stock-like
    # rate at year end. A year's average is no part of a year.
    ind = Indicator("u", "unemployment", unit="percent", measure=Measure.SHARE)
    t = Target("T", ind, Comparator.LESS_THAN, Q_(5.5, "percent"), "2025-12-31")
    obs = [
        Observation("u", Q_(v, "percent"), str(year))
        for year, v in ((2021, 5.1), (2022, 5.6), (2023, 5.2))
    ]
    ax = plot_trajectory(t, obs)
    assert list(by_gid(ax, "history").get_ydata()) == pytest.approx([5.1, 5.6, 5.2])
    assert not [a for a in ax.lines if a.get_gid() == "year-to-date"]
    assert "year to date" not in ax.get_legend_handles_labels()[1]


def test_year_to_date_figures_are_drawn_apart(plan, observations):
    t10 = plan.target("T10")
    ax = plot_trajectory(t10, observations, as_of="2023-08-06")
    ytd = by_gid(ax, "year-to-date")
    assert ytd.get_ydata()[0] == pytest.approx(100.406)


def test_bounds_are_marked(plan, observations):
    ax = plot_trajectory(plan.target("T8"), observations, as_of="2023-01-29")
    assert len(by_gid(ax, "bounds").get_xdata()) == 1
    assert ax.get_ylabel() == "enterprises"


def test_chinese_units(plan, observations):
    ax = plot_trajectory(plan.target("T10"), observations, locale="zh")
    assert ax.get_ylabel() == "亿元"
    assert by_gid(ax, "target").get_ydata()[0] == pytest.approx(1450.0)
    assert ax.get_title(loc="left") == "T10 · 技术合同成交额"


def test_about_target_is_a_band(plan, observations):
    ax = plot_trajectory(plan.target("T12"), observations)
    band = by_gid(ax, "target")
    assert isinstance(band, Rectangle | Polygon)
    ys = band_ys(band)
    # T12 is "about 11%" with no stated tolerance: the default ±0.5 pp (DEFAULT_ABOUT_PP).
    assert min(ys) == pytest.approx(10.5)
    assert max(ys) == pytest.approx(11.5)


def test_between_target_is_a_band():
    ind = Indicator("cpi", "consumer prices", unit="percent", measure=Measure.GROWTH)
    t = Target(
        "P1", ind, Comparator.BETWEEN, Q_(2, "percent"), "2023-12-31", upper=Q_(3, "percent")
    )
    obs = [
        Observation("cpi", Q_(v, "percent"), y) for y, v in ((2020, 2.5), (2021, 0.9), (2022, 2.0))
    ]
    ax = plot_trajectory(t, obs, ax=plt.subplots()[1])
    band = by_gid(ax, "target")
    ys = band_ys(band)
    assert min(ys) == pytest.approx(2.0)
    assert max(ys) == pytest.approx(3.0)
    assert "target [2%, 3%]" in ax.get_legend_handles_labels()[1]


def test_no_evidence_still_draws_target_and_deadline(plan):
    ax = plot_trajectory(plan.target("T1"), [])
    by_gid(ax, "target")
    by_gid(ax, "deadline")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.canvas.draw()


def test_unclear_forecast_draws_no_fan(plan, observations):
    t13 = plan.target("T13")
    ax = plot_trajectory(t13, observations, forecast(t13, observations))
    assert not [a for a in ax.collections if a.get_gid() == "fan"]


def test_report_overview_stacks_statuses_per_goal(report):
    ax = plot_report(report)
    assert [t.get_text()[:2] for t in ax.get_yticklabels()] == ["G1", "G2", "G3", "G4"]
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["achieved", "no data"]
    widths = sum(p.get_width() for p in ax.patches)
    assert widths == 22  # one bar segment per target: 21 + T22


def test_write_plots(tmp_path, midyear, observations):
    files = write_plots(midyear, observations, tmp_path / "plots")
    assert next(iter(files)) == "overview"
    assert {"T8", "T10"} <= set(files)
    for name in files.values():
        assert (tmp_path / "plots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
