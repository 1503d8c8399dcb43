"""pandas data frames of plans, results and observations (extra ``[pandas]``).

pandas is imported when a frame is first built, never with :mod:`innovplan`.
Target frames are indexed by target id; observation frames are in the long
format statistics arrive in, one row per published figure.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, Problem, UnknownIdError
from innovplan.faces import _rows
from innovplan.faces._deps import require
from innovplan.model import Observation, Plan, Status

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import pandas as pd

    from innovplan.model import Series

__all__ = ["BACKENDS", "observations_from_frame", "observations_to_frame", "to_frame"]

_DATE_COLUMNS = ("deadline", "released", "period_start", "period_end")
_STATUS_COLUMNS = ("status", "attainment_status", "trajectory_status")
_MET = "met"


def _pandas() -> Any:
    return require("pandas", package="pandas", extra="pandas", purpose="data frames")


def _frame(
    rows: list[dict[str, Any]], columns: Iterable[str], index: str | None, *, targets: bool = True
) -> pd.DataFrame:
    pd = _pandas()
    df = pd.DataFrame.from_records(rows, columns=list(columns))
    for col in _DATE_COLUMNS:
        if col in df.columns:
            df[col] = pd.to_datetime(df[col])
    for col in _STATUS_COLUMNS if targets else ():
        if col in df.columns:
            cats = [s.value for s in Status]
            df[col] = pd.Categorical(df[col].replace("", None), categories=cats)
    if _MET in df.columns:
        df[_MET] = df[_MET].astype("boolean")
    if index is not None:
        df = df.set_index(index)
    return df  # type: ignore[no-any-return]


def _columns(rows: list[dict[str, Any]], fallback: Iterable[str]) -> list[str]:
    return list(rows[0]) if rows else list(fallback)


_PLAN_COLUMNS = (
    "target", "goal", "goal_title", "tasks", "indicator", "indicator_name", "measure",
    "direction", "comparator", "value", "upper", "unit", "basis", "deadline", "nature",
    "weight", "wording",
)  # fmt: skip


BACKENDS = ("pandas", "polars", "pyarrow")
"""The frame libraries :func:`to_frame` builds for."""

_NULLABLE_BOOL = ("met",)


def to_frame(obj: object, *, lang: str = "en", backend: str = "pandas") -> Any:
    """A data frame of a plan or a result, built straight from its columns.

    - :class:`~innovplan.model.Plan`: one row per target (goal, tasks,
      indicator, comparator, value, upper, unit, deadline, nature, wording).
    - :class:`~innovplan.evaluate.Assessments`, :class:`~innovplan.evaluate.Forecasts`,
      :class:`~innovplan.evaluate.Progresses`: their ``columns``.
    - :class:`~innovplan.evaluate.PlanReport`: its ``columns_in(lang)``: the
      plan's columns, the assessment's, the source of the evidence, and for
      targets whose deadline period is not observed the forecast, its
      probability and word.

    The columns, their names and their types per backend are listed once, in
    ``docs/reference/results.md``. pandas frames are indexed by target id,
    statuses are categorical in :class:`~innovplan.model.Status` order and
    ``met`` is the nullable boolean; polars gets an ``Enum`` and pyarrow a
    dictionary column for statuses, and both keep ``target`` as a column.

    Args:
        obj: The plan or result.
        lang: Language of titles and wording (``"en"`` or ``"zh"``); the
            first text there is when a title lacks it.
        backend: ``"pandas"``, ``"polars"`` or ``"pyarrow"``.

    Returns:
        A ``pandas.DataFrame``, ``polars.DataFrame`` or ``pyarrow.Table``.

    Raises:
        TypeError: *obj* is none of these.
        UnknownIdError: An unknown *backend*.
        MissingDependencyError: The backend is not installed.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> df = to_frame(report)
        >>> print(df.loc[["T8", "T10"], ["comparator", "value", "unit", "status", "observed"]])
               comparator   value                  unit    status  observed
        target
        T8      more_than 13000.0            enterprise  achieved  14500.00
        T10     more_than  1450.0  hundred_million_yuan  achieved   2198.43
        >>> df["status"].value_counts()[["achieved", "no_data"]].tolist()
        [6, 16]
        >>> to_frame(report, backend="polars").shape == df.reset_index().shape
        True
    """
    from innovplan.evaluate import Assessments, Forecasts, PlanReport, Progresses

    if backend not in BACKENDS:
        raise UnknownIdError("frame backend", backend, BACKENDS)
    columns: Mapping[str, Any]
    if isinstance(obj, Plan):
        columns = _rows.columns_of(_rows.plan_rows(obj, lang), _PLAN_COLUMNS)
    elif isinstance(obj, PlanReport):
        columns = obj.columns_in(lang)
    elif isinstance(obj, Assessments | Forecasts | Progresses):
        columns = obj.columns
    else:
        msg = (
            "to_frame() takes a Plan, Assessments, Forecasts, Progresses or a PlanReport, "
            f"not {type(obj).__name__}"
        )
        raise TypeError(msg)
    if backend == "polars":
        return _polars_frame(columns)
    if backend == "pyarrow":
        return _arrow_table(columns)
    return _pandas_frame(columns)


def _statuses(values: Any) -> list[str | None]:
    return [v or None for v in values.tolist()]


def _pandas_frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    import numpy as np

    pd = _pandas()
    cats = [s.value for s in Status]
    data: dict[str, Any] = {}
    for name, col in columns.items():
        if name in _STATUS_COLUMNS:
            # A blank status is no category: pandas makes it missing, in one hashing pass.
            data[name] = pd.Categorical(col, categories=cats)
        elif name in _NULLABLE_BOOL:
            # None is missing; a True/False array has none (== None is elementwise here).
            missing = np.asarray(col == None, dtype=bool)  # noqa: E711
            values = np.where(missing, np.False_, col).astype(bool)
            data[name] = pd.arrays.BooleanArray(values, missing)
        elif col.dtype.kind == "M":
            data[name] = pd.to_datetime(col)
        elif col.dtype.kind == "O":
            # Stated, not inferred: pandas infers `str` only when a cell holds
            # text, so an empty column, or one with none, would be `object`.
            data[name] = pd.array(col, dtype="str")
        else:
            data[name] = col
    return pd.DataFrame(data, columns=list(columns)).set_index("target")  # type: ignore[no-any-return]


def _polars_frame(columns: Mapping[str, Any]) -> Any:
    pl = require("polars", package="polars", extra="polars", purpose="polars frames")
    status = pl.Enum([s.value for s in Status])
    series = []
    for name, col in columns.items():
        if name in _STATUS_COLUMNS:
            series.append(_polars_text(pl, name, col).replace("", None).cast(status))
        elif name in _NULLABLE_BOOL:
            series.append(pl.Series(name, col.tolist(), dtype=pl.Boolean))
        elif col.dtype.kind == "O":
            series.append(_polars_text(pl, name, col))
        else:
            series.append(pl.Series(name, col))
    return pl.DataFrame(series)


def _polars_text(pl: Any, name: str, col: Any) -> Any:
    """A text column from an object array, read by polars without a Python list.

    polars cannot type an object array holding no text (empty, or all None):
    that one goes through a list.
    """
    try:
        return pl.Series(name, col, dtype=pl.String)
    except pl.exceptions.PolarsError:
        return pl.Series(name, col.tolist(), dtype=pl.String)


def _arrow_table(columns: Mapping[str, Any]) -> Any:
    pa = require("pyarrow", package="pyarrow", extra="arrow", purpose="Arrow tables")
    cats = pa.array([s.value for s in Status], type=pa.string())
    codes = {s.value: k for k, s in enumerate(Status)}
    arrays = []
    for name, col in columns.items():
        if name in _STATUS_COLUMNS:
            index = pa.array([codes.get(v) for v in col.tolist()], type=pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(index, cats))
        elif name in _NULLABLE_BOOL:
            arrays.append(pa.array(col.tolist(), type=pa.bool_()))
        elif col.dtype.kind == "O":
            arrays.append(pa.array(col.tolist(), type=pa.string()))
        elif col.dtype.kind == "M":
            arrays.append(pa.array(col.astype("datetime64[D]"), type=pa.date32()))
        else:
            arrays.append(pa.array(col))
    return pa.table(arrays, names=list(columns))


def rollup_frame(report: object) -> pd.DataFrame:
    """The roll-up of a report (or a :class:`~innovplan.evaluate.Rollup`), one row per group.

    Example:
        >>> from innovplan import datasets, evaluate
        >>> report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
        >>> print(rollup_frame(report).loc["goal", ["n", "achieved", "share_achieved"]])
            n  achieved  share_achieved
        id
        G1  4         1        0.250000
        G2  4         0        0.000000
        G3  5         3        0.600000
        G4  9         2        0.222222
    """
    roll = getattr(report, "rollup", report)
    rows = _rows.rollup_rows(roll)  # type: ignore[arg-type]
    df = _frame(rows, _columns(rows, ("kind", "id")), None, targets=False)
    if "binding_met" in df.columns:
        df["binding_met"] = df["binding_met"].astype("boolean")
    return df.set_index(["kind", "id"])


def observations_to_frame(observations: Iterable[Observation] | Series) -> pd.DataFrame:
    """Observations as a long-format frame: one row per published figure.

    The columns are those of ``load_observations(fmt="csv")``: ``indicator,
    period_start, period_end, value, unit, released, bound, source,
    source_url, source_quote, status, note``; dates are ``datetime64``.
    :func:`observations_from_frame` reads it back.

    Example:
        >>> from innovplan import datasets
        >>> df = observations_to_frame(datasets.wuhan_2023_observations())
        >>> list(df.columns[:6])
        ['indicator', 'period_start', 'period_end', 'value', 'unit', 'released']
        >>> h1 = df[(df.indicator == "tech_contract_turnover") & (df.period_end == "2023-06-30")]
        >>> print(h1[["period_start", "period_end", "value", "unit"]].to_string(index=False))
        period_start period_end   value                 unit
          2023-01-01 2023-06-30 1004.06 hundred_million_yuan
    """
    from innovplan.io import OBSERVATION_COLUMNS as COLUMNS

    return _frame(_rows.observation_rows(observations), COLUMNS, None, targets=False)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in {"NaTType", "NAType"}


def _text(value: object) -> str:
    return "" if _missing(value) else str(value).strip()


def _date_text(value: object, column: str, issues: list[tuple[str, str]]) -> str:
    if _missing(value):
        return ""
    if isinstance(value, dt.datetime):  # pandas Timestamps are datetimes
        if value.time() != dt.time(0):
            issues.append((column, f"{value} has a time of day; give a date"))
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    issues.append((column, f"expected a date, got {value!r}"))
    return ""


def _number(value: object, issues: list[tuple[str, str]]) -> float | int:
    if isinstance(value, bool) or _missing(value):
        issues.append(("value", "the value is missing"))
        return 0
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if not math.isfinite(float(value)):
            issues.append(("value", f"{value!r} is not a finite number"))
            return 0
        return float(value)
    if isinstance(value, str):
        from innovplan.io import parse_number

        parsed = parse_number(value)
        if parsed is not None:
            return parsed
    issues.append(("value", f"{value!r} is not a number"))
    return 0


def _document(row: dict[str, object]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    issues: list[tuple[str, str]] = []
    number = _number(row.get("value"), issues)
    if "period" in row and not _missing(row["period"]):
        period = _text(row["period"])
    else:
        start = _date_text(row.get("period_start"), "period_start", issues)
        end = _date_text(row.get("period_end"), "period_end", issues) or start
        if not start:
            issues.append(("period_start", "the period is missing"))
        period = start if start == end else f"{start}/{end}"
    unit = _text(row.get("unit"))
    if not unit:
        issues.append(("unit", "the unit is missing"))
    doc: dict[str, Any] = {
        "indicator": _text(row.get("indicator")),
        "value": {"value": number, "unit": unit or "dimensionless"},
        "period": period,
    }
    released = _date_text(row.get("released"), "released", issues)
    if released:
        doc["released"] = released
    for key in ("bound", "status", "note"):
        if text := _text(row.get(key)):
            doc[key] = text
    source = {k: _text(row.get(c)) for k, c in _SOURCE.items()}
    if any(source.values()):
        doc["source"] = source
    return doc, issues


_SOURCE = {"title": "source", "url": "source_url", "quote": "source_quote"}
_REQUIRED = ("indicator", "value", "unit")


def _check_columns(columns: list[str]) -> list[Problem]:
    from innovplan.io import OBSERVATION_COLUMNS as COLUMNS
    from innovplan.io import suggest

    known = (*COLUMNS, "period")
    problems = [
        Problem(f"column {col!r}", "unknown column", suggest(col, known))
        for col in columns
        if col not in known
    ]
    problems.extend(
        Problem(f"column {col!r}", "the column is missing")
        for col in _REQUIRED
        if col not in columns
    )
    if "period" not in columns and "period_start" not in columns:
        problems.append(Problem("column 'period_start'", "give 'period', or 'period_start'"))
    return problems


def observations_from_frame(frame: pd.DataFrame) -> tuple[Observation, ...]:
    """Observations from a long-format frame, as :func:`observations_to_frame` writes it.

    Required columns: ``indicator``, ``value``, ``unit``, and ``period`` (text
    such as ``"2023"``, ``"2023-H1"``) or ``period_start`` (with
    ``period_end``; one date is a stock at that date). Optional: ``released``,
    ``bound``, ``source``, ``source_url``, ``source_quote``, ``status``,
    ``note``. Dates may be ``datetime64``, ``datetime.date`` or ISO text;
    missing values (NaN, NaT, None) leave optional fields empty.

    Args:
        frame: The data frame; its index labels name the rows in errors.

    Returns:
        The observations in the order of the rows.

    Raises:
        DocumentError: Every problem found, each naming its row and column
            (``row 3.unit: 'yuan per furlong' is not a known unit``).

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"indicator": ["tech_contract_turnover"], "period": ["2023-H1"],
        ...                    "value": [1004.06], "unit": ["亿元"]})
        >>> obs = observations_from_frame(df)
        >>> obs[0].value, obs[0].period.end
        (<Quantity(1004.06, 'hundred_million_yuan')>, datetime.date(2023, 6, 30))
        >>> observations_from_frame(df.assign(unit=["zorkmid"]))
        Traceback (most recent call last):
        ...
        innovplan.errors.DocumentError: 1 problem in the data frame:
          row 0.unit: ...
    """
    from innovplan.io import converter, problems_from

    columns = [str(c) for c in frame.columns]
    problems = _check_columns(columns)
    if problems:
        raise DocumentError(problems, "the data frame")
    conv = converter()
    out: list[Observation] = []
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        where = f"row {label}"
        doc, issues = _document(dict(zip(columns, values, strict=True)))
        problems.extend(Problem(f"{where}.{col}", msg) for col, msg in issues)
        try:
            obs = conv.structure(doc, Observation)
        except Exception as exc:  # noqa: BLE001 (reported as a problem of the row)
            for p in problems_from(exc, where):
                path = p.path.replace(".value.unit", ".unit").replace(".value.value", ".value")
                problems.append(Problem(path, p.message, p.hint))
            continue
        if not issues:
            out.append(obs)
    if problems:
        raise DocumentError(problems, "the data frame")
    return tuple(out)
