"""Small multiples of a target of every group, and of a parity target: read back from matplotlib.

The made-up provinces and enrolment figures are fixtures of tests/conftest.py,
shared with the assessments of groups.
"""

from __future__ import annotations

import base64

import matplotlib.colors as mc
import numpy as np
import pytest
from matplotlib.patches import Polygon

from innovplan import Q_, assess_many, evaluate
from innovplan.errors import EvaluationError
from innovplan.faces import STATUS_COLOURS, plot_groups, plot_images, report_document
from innovplan.model import Goal, Plan, Status, Target


def lines(ax, gid):
    return [a for a in ax.lines if a.get_gid() == gid]


def ys(ax, gid):
    (line,) = lines(ax, gid)
    return np.asarray(line.get_ydata(), dtype=float).tolist()


def test_one_panel_per_province_with_its_history_the_total_and_the_target(every_region, provinces):
    fig = plot_groups(every_region, provinces, assess_many([every_region], provinces))
    axes = fig.axes
    # A 120 ≥ 100 achieved; B 90 < 100 not achieved; C 150 achieved; D no 2023 figure.
    assert [ax.get_title(loc="left") for ax in axes] == [
        "region=A · achieved",
        "region=B · not achieved",
        "region=C · achieved",
        "region=D · no data",
    ]
    # Axes in billion yuan: 亿元 / 10. History = 2021 and 2022; 2023 is the outcome.
    assert ys(axes[0], "history") == pytest.approx([10.0, 11.0])  # A: 100, 110 亿元
    assert ys(axes[1], "history") == pytest.approx([8.0, 8.5])  # B: 80, 85 亿元
    assert ys(axes[3], "history") == pytest.approx([5.5, 6.0])  # D: 55, 60 亿元
    assert ys(axes[0], "outcome") == pytest.approx([12.0])  # A 2023: 120 亿元
    assert ys(axes[1], "outcome") == pytest.approx([9.0])  # B 2023: 90 亿元
    assert not lines(axes[3], "outcome")  # D has no 2023 figure
    for ax in axes:
        # The target line at 100 亿元 = 10 billion yuan; the total as a grey line:
        # 370, 395, 360 亿元 in 2021-2023.
        assert ys(ax, "target")[0] == pytest.approx(10.0)
        assert ys(ax, "total") == pytest.approx([37.0, 39.5, 36.0])
        assert ax.get_ylim() == axes[0].get_ylim()  # shared axes
        assert ax.get_xlim() == axes[0].get_xlim()
    # The failing group is marked in red: its title and frame.
    red = STATUS_COLOURS[Status.NOT_ACHIEVED]
    assert mc.same_color(axes[1]._left_title.get_color(), red)
    assert mc.same_color(axes[1].spines["left"].get_edgecolor(), red)
    assert not mc.same_color(axes[0].spines["left"].get_edgecolor(), red)
    fig.canvas.draw()


def test_nothing_released_after_as_of_is_drawn(every_region, provinces):
    fig = plot_groups(every_region, provinces, as_of="2023-06-30")
    assert len(fig.axes) == 4
    for ax in fig.axes:
        # 2023's figures count as known from 31 December 2023: not by 30 June.
        assert not lines(ax, "outcome")
        assert ys(ax, "total") == pytest.approx([37.0, 39.5])  # 370, 395 亿元
    # Without assessments the titles are the groups alone.
    assert fig.axes[2].get_title(loc="left") == "region=C"


def test_a_parity_target_plots_the_ratio_against_its_band(gender_parity, by_sex):
    # Girls 96.0 %, boys 98.0 % (released 31 January 2023); boys revised to 99.5 % on 30 June.
    (ax,) = plot_groups(gender_parity, by_sex, as_of="2023-03-01").axes
    assert ys(ax, "ratio") == pytest.approx([96.0 / 98.0])  # 0.979592, before the revision
    (band,) = [p for p in ax.patches if p.get_gid() == "target"]
    # The band of 0.97 to 1.03 (matplotlib draws it as a Rectangle or a Polygon).
    if isinstance(band, Polygon):
        bottom, top = min(band.get_xy()[:, 1]), max(band.get_xy()[:, 1])
    else:
        bottom, top = band.get_y(), band.get_y() + band.get_height()
    assert (bottom, top) == pytest.approx((0.97, 1.03))
    (after,) = plot_groups(gender_parity, by_sex).axes
    assert ys(after, "ratio") == pytest.approx([96.0 / 99.5])  # 0.964824 after the revision


def test_parity_in_every_region_has_a_panel_per_region(parity_by_region, by_region_and_sex):
    fig = plot_groups(
        parity_by_region, by_region_and_sex, assess_many([parity_by_region], by_region_and_sex)
    )
    # X: 90 / 92 = 0.978261 ≥ 0.97 met; Y: 80 / 90 = 0.888889 < 0.97 not met.
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "region=X, sex=F · achieved",
        "region=Y, sex=F · not achieved",
    ]
    assert ys(fig.axes[0], "ratio") == pytest.approx([90 / 92])
    assert ys(fig.axes[1], "ratio") == pytest.approx([80 / 90])
    assert ys(fig.axes[1], "target")[0] == pytest.approx(0.97)


def test_a_target_of_one_group_is_refused(gdp, provinces):
    one = Target("A", gdp, "at_least", Q_(100, "亿元"), "2023-12-31", group={"region": "A"})
    with pytest.raises(EvaluationError, match=r"'every' or 'versus'.*plot_trajectory"):
        plot_groups(one, provinces)


def test_the_html_report_embeds_one_image_for_the_every_target(provinces_plan, provinces):
    report = evaluate(provinces_plan, provinces)
    images = plot_images(report, provinces)
    assert list(images) == ["overview", "E", "T"]
    uris = {k: "data:image/png;base64," + base64.b64encode(v).decode() for k, v in images.items()}
    page = report_document(report, images=uris)
    assert page.count('alt="E"') == 1
    assert 'alt="E region=' not in page


def test_an_every_target_with_no_group_observed_has_no_image(every_region, provinces):
    # Only the total is observed: no panel to draw, so no image (the report says "no data").
    plan = Plan(
        "p", "P", start="2023-01-01", end="2023-12-31", goals=[Goal("g", "G", [every_region])]
    )
    totals = [o for o in provinces if not o.dimensions]
    assert list(plot_images(evaluate(plan, totals), totals)) == ["overview"]
