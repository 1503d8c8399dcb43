"""The ``innovplan`` command: reports, phrases, validation, the schema and forecasts.

Exit status: 0 on success; 2 on bad input (a file that does not load, an
unknown target, a phrase without a target, a missing optional package), with
a one-paragraph message on standard error and no traceback; 1 on an internal
error, which is a bug worth reporting.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import pathlib
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

from innovplan.errors import InnovplanError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from innovplan.evaluate import Forecast, PlanReport
    from innovplan.model import Observation, Plan, Target

__all__ = ["main"]

PROG = "innovplan"
_BAD_INPUT = 2
_INTERNAL = 1


class _UsageError(Exception):
    """Bad command-line input found after parsing (a file, a date, an id)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    """The plan, its observations and --as-of: what ``_inputs`` reads."""
    parser.add_argument(
        "plan",
        nargs="?",
        metavar="PLAN_FILE",
        help="plan file (default: a shipped plan, see --dataset)",
    )
    parser.add_argument(
        "--dataset",
        choices=tuple(DATASETS),
        default=DEFAULT_DATASET,
        help=f"the shipped plan and its observations when no PLAN_FILE is given "
        f"(default: {DEFAULT_DATASET})",
    )
    parser.add_argument(
        "--observations", metavar="FILE", help="observations (JSON, YAML, TOML, CSV, SDMX-CSV)"
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="replay what had been released by this date (YYYY-MM-DD, or with a time "
        "and UTC offset: 2024-01-01T07:00+08:00)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Public plans with quantified targets: attainment, trajectories, reports.",
    )
    from innovplan._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    report = sub.add_parser("report", help="evaluate a plan and write its report")
    _add_inputs(report)
    report.add_argument("--format", choices=("table", "json", "csv", "html"), default="table")
    report.add_argument("--lang", choices=("en", "zh"), default="en")
    report.add_argument(
        "--out",
        metavar="DIR",
        help="write into DIR (html: report.html with its plots inside; default for html: out)",
    )
    report.add_argument(
        "--no-ex-ante",
        action="store_true",
        help="leave out the ex-ante view of the shipped Wuhan plan's T8 and T10",
    )

    parse = sub.add_parser("parse", help="read the targets of a phrase")
    parse.add_argument("phrase", metavar="PHRASE")
    parse.add_argument("--year", type=int, help="the targets' year, when the phrase names none")
    parse.add_argument("--deadline", metavar="DATE", help="the targets' deadline (YYYY-MM-DD)")
    parse.add_argument("--format", choices=("text", "json"), default="text")

    validate = sub.add_parser(
        "validate", help="check a plan or observations file and list every problem"
    )
    validate.add_argument("file", metavar="FILE")
    validate.add_argument(
        "--kind",
        choices=("auto", "plan", "observations"),
        default="auto",
        help="what FILE holds (default: recognised from its contents; CSV is observations)",
    )

    sub.add_parser("schema", help="print the JSON Schema of plan documents")

    forecast = sub.add_parser("forecast", help="forecast one target at its deadline")
    _add_inputs(forecast)
    forecast.add_argument("--target", required=True, metavar="ID")
    forecast.add_argument("--method", default="auto", help="forecast method (default: auto)")
    forecast.add_argument(
        "--level", type=float, default=0.8, help="interval probability (default: 0.8)"
    )
    forecast.add_argument("--format", choices=("text", "json"), default="text")
    forecast.add_argument("--plot", metavar="PNG", help="also draw the trajectory into this file")
    forecast.add_argument("--lang", choices=("en", "zh"), default="en")
    return parser


# -- inputs ------------------------------------------------------------------------


# The shipped plans --dataset names: (plan, observations) loaders of innovplan.datasets.
DATASETS = {
    "wuhan-2023": ("wuhan_2023", "wuhan_2023_observations"),
    "china-14th-fyp": ("china_14th_fyp", "china_14th_fyp_observations"),
}
DEFAULT_DATASET = "wuhan-2023"


def _load_plan(path: str | None, dataset: str) -> tuple[Plan, tuple[Observation, ...]]:
    from innovplan import datasets
    from innovplan.io import load

    if path is None:
        plan_name, observations_name = DATASETS[dataset]
        return getattr(datasets, plan_name)(), getattr(datasets, observations_name)()
    return load(pathlib.Path(path)), ()


def _inputs(args: argparse.Namespace) -> tuple[Plan, tuple[Observation, ...]]:
    plan, observations = _load_plan(args.plan, args.dataset)
    if args.observations is not None:
        from innovplan.io import load_observations

        observations = load_observations(pathlib.Path(args.observations))
    if args.as_of is not None:
        from innovplan.model import to_date

        try:
            to_date(args.as_of)
        except InnovplanError:
            raise _UsageError(
                f"--as-of {args.as_of!r} is not a date; write it as YYYY-MM-DD, or as a "
                "date and time with its UTC offset (2024-01-01T07:00+08:00)"
            ) from None
    return plan, observations


# -- commands ----------------------------------------------------------------------


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from innovplan.evaluate import evaluate

    plan, observations = _inputs(args)
    report = evaluate(plan, observations, as_of=args.as_of)
    if args.format == "html":
        return _report_html(report, observations, args, out)
    text = _render(report, args.format, args.lang)
    shipped_wuhan = args.plan is None and args.dataset == DEFAULT_DATASET
    if args.format == "table" and shipped_wuhan and not args.no_ex_ante:
        text += "\n" + _ex_ante_text(plan, observations, args.lang)
    if args.out is None:
        out.write(text)
        return 0
    directory = pathlib.Path(args.out)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"report.{'txt' if args.format == 'table' else args.format}"
    path.write_text(text, encoding="utf-8")
    out.write(f"wrote {path}\n")
    return 0


# For the shipped Wuhan plan: the day it was released, and the half-year review
# that brought the first 2023 figures.
EX_ANTE_DATES = ("2023-01-29", "2023-08-06")
EX_ANTE_TARGETS = ("T8", "T10")


def _ex_ante_text(plan: Plan, observations: Sequence[Observation], lang: str) -> str:
    from innovplan.evaluate import ex_ante
    from innovplan.faces import ex_ante_text

    view = ex_ante(plan, observations, EX_ANTE_DATES, targets=EX_ANTE_TARGETS)
    return f"{ex_ante_text(view, lang)}\n"


def _render(report: PlanReport, fmt: str, lang: str) -> str:
    from innovplan.faces._rows import jsonable, report_rows

    if fmt == "table":
        from innovplan.faces._table import report_text

        return report_text(report, lang) + "\n"
    if fmt == "json":
        # The document a Python caller gets from the report: one format for both.
        return report.to_json(lang=lang) + "\n"
    rows = report_rows(report, lang)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(rows[0]) if rows else ["target"], lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        cells = {k: jsonable(v) for k, v in row.items()}
        writer.writerow({k: "" if v is None else v for k, v in cells.items()})
    return buffer.getvalue()


def _report_html(
    report: PlanReport, observations: Sequence[Observation], args: argparse.Namespace, out: TextIO
) -> int:
    import base64

    from innovplan.faces._html import report_document
    from innovplan.faces._plot import _pyplot, plot_images

    # matplotlib first: a missing extra must fail before anything is written.
    _pyplot().switch_backend("Agg")  # files only: no window, no display needed
    pngs = plot_images(report, observations, locale=args.lang)
    # One file that can be mailed or attached: the plots travel inside it.
    images = {
        key: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        for key, png in pngs.items()
    }
    page = report_document(report, lang=args.lang, images=images)
    directory = pathlib.Path(args.out or "out")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "report.html"
    path.write_text(page, encoding="utf-8")
    when = f"as of {report.as_of}" if report.as_of else "every release"
    out.write(f"wrote {path} ({when}; {len(images)} plots embedded)\n")
    return 0


def _parse(args: argparse.Namespace, out: TextIO) -> int:
    from innovplan.text import explain, parse_targets

    context: dict[str, Any] = {}
    if args.year is not None:
        context["year"] = args.year
    try:
        targets = parse_targets(args.phrase, deadline=args.deadline, **context)
    except InnovplanError as exc:
        hint = (
            " On the command line: --year YEAR or --deadline YYYY-MM-DD."
            if "deadline" in str(exc)
            else ""
        )
        raise _UsageError(f"{exc}.{hint}") from None
    if not targets:
        raise _UsageError(f"no quantified target found in {args.phrase!r}")
    if args.format == "json":
        from innovplan.io import converter

        conv = converter()
        docs = [
            {"target": conv.unstructure(t), "indicator": conv.unstructure(t.indicator)}
            for t in targets
        ]
        out.write(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.writelines(f"{t.id}: {explain(t)}\n" for t in targets)
    return 0


# An observation document's top-level key, and a plan's; CSV is always observations.
# (TOML writes them as [[observations]] tables.)
_OBSERVATIONS_KEY = re.compile(r"""["']?observations["']?\s*[:=]|\[\[\s*observations\s*\]\]""")
_PLAN_KEY = re.compile(r"""["']?goals["']?\s*[:=]|\[\[\s*goals\s*\]\]""")


def _is_observations(path: pathlib.Path, kind: str) -> bool:
    """Whether ``validate`` reads *path* as observations (*kind* ``auto``: by its contents)."""
    if kind != "auto":
        return kind == "observations"
    if path.suffix.lower() == ".csv":
        return True
    with path.open(encoding="utf-8", errors="replace") as f:
        head = f.read(1 << 16)  # enough to see the top-level keys of either document
    if head.lstrip().startswith(("indicator,", "DATAFLOW,", "STRUCTURE,")):
        return True
    return bool(_OBSERVATIONS_KEY.search(head)) and not _PLAN_KEY.search(head)


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from innovplan.io import load, load_observations

    path = pathlib.Path(args.file)
    if _is_observations(path, args.kind):
        observations = load_observations(path)
        n, k = len(observations), len({o.indicator for o in observations})
        years = sorted({o.period.end.year for o in observations})
        span = f", periods ending {years[0]}–{years[-1]}" if years else ""
        out.write(
            f"{args.file}: valid observations — {n} observation{'s' * (n != 1)} of "
            f"{k} indicator{'s' * (k != 1)}{span}\n"
        )
        return 0
    plan = load(path)
    out.write(
        f"{args.file}: valid plan {plan.id!r} — {len(plan.goals)} goals, "
        f"{len(plan.targets)} targets, {len(plan.areas)} areas, {len(plan.tasks)} tasks\n"
    )
    return 0


def _schema(_: argparse.Namespace, out: TextIO) -> int:
    from innovplan.io import json_schema

    out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _forecast(args: argparse.Namespace, out: TextIO) -> int:
    from innovplan.evaluate import forecast_many

    plan, observations = _inputs(args)
    target = plan.target(args.target)
    batch = forecast_many(
        [target], observations, method=args.method, level=args.level, as_of=args.as_of
    )
    result = batch[0]
    if args.plot is not None:
        _forecast_plot(target, observations, result, args)
    if args.format == "json":
        # The document a Python caller gets from the forecast: one format for both.
        out.write(result.to_json() + "\n")
        return 0
    out.write(result.explain() + "\n")
    return 0


def _forecast_plot(
    target: Target, observations: Sequence[Observation], result: Forecast, args: argparse.Namespace
) -> None:
    from innovplan.faces._plot import TRAJECTORY_SIZE, _fonts, _pyplot, plot_trajectory

    plt = _pyplot()
    plt.switch_backend("Agg")  # a file only: no window, no display needed
    # Text finds its font when the file is written: keep the CJK fonts until then.
    with _fonts(args.lang):
        fig, ax = plt.subplots(figsize=TRAJECTORY_SIZE, layout="constrained")
        plot_trajectory(target, observations, result, ax=ax, locale=args.lang, as_of=args.as_of)
        fig.savefig(args.plot, dpi=110)
    plt.close(fig)


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "report": _report,
    "parse": _parse,
    "validate": _validate,
    "schema": _schema,
    "forecast": _forecast,
}


def _paragraph(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the ``innovplan`` command; return its exit status.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` by default.
        stdout: Where results go (standard output by default).
        stderr: Where messages go (standard error by default).

    Returns:
        0 on success, 2 on bad input, 1 on an internal error.

    Example:
        >>> import io
        >>> buf = io.StringIO()
        >>> main(["parse", "高新技术企业突破13000家", "--year", "2023"], stdout=buf)
        0
        >>> print(buf.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
        high_tech_enterprises: high-tech enterprises > 13000 enterprises by 2023-12-31
        (LEVEL, higher is better)
        >>> main(["validate", "no/such/file.json"], stderr=io.StringIO())
        2
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        args = _parser().parse_args(list(argv) if argv is not None else None)
        return _COMMANDS[args.command](args, out)
    except SystemExit as exc:  # --help and --version print, then exit 0
        return int(exc.code or 0) if isinstance(exc.code, int | None) else _BAD_INPUT
    except _UsageError as exc:
        text = _paragraph(str(exc))
        err.write(f"{text if text.startswith(PROG) else f'{PROG}: {text}'}\n")
        return _BAD_INPUT
    except InnovplanError as exc:
        # A document's problems stay one per line: they are one paragraph of a list.
        err.write(f"{PROG}: {exc}\n")
        return _BAD_INPUT
    except OSError as exc:
        name = f" {exc.filename!r}" if exc.filename else ""
        err.write(f"{PROG}: cannot open{name}: {exc.strerror or exc}\n")
        return _BAD_INPUT
    except Exception as exc:  # noqa: BLE001 (the last resort: say it is ours, not the user's)
        err.write(
            f"{PROG}: internal error ({type(exc).__name__}: {exc}). This is a bug in innovplan; "
            "please report it with the command you ran.\n"
        )
        return _INTERNAL


if __name__ == "__main__":
    sys.exit(main())
