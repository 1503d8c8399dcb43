"""Faces of innovplan: data frames, notebook HTML, plots and the command line.

Each face needs an optional extra, imported only when used: pandas for
frames (``pip install 'innovplan[pandas]'``), matplotlib for plots
(``innovplan[plot]``). Importing :mod:`innovplan.faces` imports neither.

Example:
    >>> from innovplan import datasets, evaluate
    >>> from innovplan.faces import report_html, to_frame
    >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
    >>> to_frame(report).loc["T8", "status"]
    'achieved'
    >>> "achieved" in report_html(report)
    True
"""

from innovplan.faces._cli import main
from innovplan.faces._frame import (
    observations_from_frame,
    observations_to_frame,
    rollup_frame,
    to_frame,
)
from innovplan.faces._html import (
    assessment_html,
    forecast_html,
    plan_html,
    report_document,
    report_html,
)
from innovplan.faces._labels import STATUS_COLOURS, display_unit, status_label
from innovplan.faces._notes import note_text
from innovplan.faces._plot import (
    plot_groups,
    plot_images,
    plot_report,
    plot_trajectory,
    write_plots,
)
from innovplan.faces._table import ex_ante_text, report_text

__all__ = [
    "STATUS_COLOURS",
    "assessment_html",
    "display_unit",
    "ex_ante_text",
    "forecast_html",
    "main",
    "note_text",
    "observations_from_frame",
    "observations_to_frame",
    "plan_html",
    "plot_groups",
    "plot_images",
    "plot_report",
    "plot_trajectory",
    "report_document",
    "report_html",
    "report_text",
    "rollup_frame",
    "status_label",
    "to_frame",
    "write_plots",
]
