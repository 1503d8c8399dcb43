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

import numpy as np

from innovplan.errors import DocumentError, Problem, UnknownIdError
from innovplan.faces import _rows
from innovplan.faces._deps import require
from innovplan.model import Observation, Plan, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    import numpy.typing as npt
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


_STATUS_POSITION = {s.value: k for k, s in enumerate(Status)}


def _coded(columns: Mapping[str, Any], name: str) -> tuple[Any, Any] | None:
    """Column *name* as codes into its values (``-1``: none), when the result holds it so.

    Results' columns give their codes (``columns.codes(name)``); a frame is
    then built from them without reading, or hashing, a million values.
    """
    codes_of = getattr(columns, "codes", None)
    return None if codes_of is None else codes_of(name)


def _status_positions(coded: tuple[Any, Any]) -> npt.NDArray[np.int8]:
    """The codes of a status column as positions in ``Status`` (``-1``: none, as ``""``)."""
    codes, values = coded
    where = [_STATUS_POSITION.get(v, -1) for v in values.tolist()]
    position = np.array([*where, -1], dtype=np.int8)  # code -1 reads the last entry
    out: npt.NDArray[np.int8] = position[codes]
    return out


def _verdicts(
    col: Any, coded: tuple[Any, Any] | None
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """A verdict column (True, False, None) as its truth and its missing cells."""
    if coded is not None:
        codes, values = coded
        truth = np.array([*(bool(v) for v in values.tolist()), False])
        return truth[codes], np.asarray(codes < 0)
    # None is missing; a True/False array has none (== None is elementwise here).
    missing = np.asarray(col == None, dtype=bool)  # noqa: E711
    return np.where(missing, np.False_, col).astype(bool), missing


def _pandas_frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    pd = _pandas()
    status = pd.CategoricalDtype([s.value for s in Status])
    text = _pandas_text(pd)
    data: dict[str, Any] = {}
    for name in columns:
        coded = _coded(columns, name)
        if name in _STATUS_COLUMNS:
            if coded is not None:
                data[name] = pd.Categorical.from_codes(_status_positions(coded), dtype=status)
            else:
                # A blank status is no category: pandas makes it missing, in one hashing pass.
                data[name] = pd.Categorical(columns[name], dtype=status)
        elif name in _NULLABLE_BOOL:
            data[name] = pd.arrays.BooleanArray(*_verdicts(columns[name], coded))
        elif coded is not None:
            data[name] = text(None, coded)
        elif (col := columns[name]).dtype.kind == "M":
            data[name] = pd.to_datetime(col)
        elif col.dtype.kind == "O":
            data[name] = text(col, None)
        else:
            # A copy: the frame is the caller's to change, the result's columns are not.
            data[name] = np.array(col)
    index = None
    if "target" in data:
        index = pd.Index(data.pop("target"), name="target", copy=False)
    # One array per column and no copy: pandas would otherwise stack the
    # columns of each dtype into one block, copying them all once more.
    return pd.DataFrame(data, index=index, copy=False)  # type: ignore[no-any-return]


def _pandas_text(pd: Any) -> Callable[[Any, tuple[Any, Any] | None], Any]:
    """The builder of text columns for this pandas: its ``str`` dtype, missing where None.

    pandas 3 (and pandas 2 with ``future.infer_string``) has a ``str`` dtype;
    earlier ones hold text as ``object``, where None stays None (their
    ``"str"`` alias would write it as the text ``"None"``).
    """
    if isinstance(pd.api.types.pandas_dtype("str"), np.dtype):

        def objects(col: Any, coded: tuple[Any, Any] | None) -> Any:
            if coded is None:
                return np.array(col, dtype=object)
            codes, values = coded
            table = np.empty(len(values) + 1, dtype=object)
            table[:-1] = values  # code -1 reads the last entry, None
            return table[codes]

        return objects

    if getattr(pd.api.types.pandas_dtype("str"), "storage", None) == "pyarrow":
        pa = require("pyarrow", package="pyarrow", extra="arrow", purpose="Arrow tables")

        def arrow_strings(col: Any, coded: tuple[Any, Any] | None) -> Any:
            # pandas holds this `str` in an Arrow array: made here by Arrow in
            # one pass (a gather, for coded text), and taken over as it is.
            if coded is None:
                try:
                    cells = pa.array(col, type=pa.large_string())
                except (pa.ArrowInvalid, pa.ArrowTypeError):
                    return pd.array(col, dtype="str")  # not all text: pandas writes each as text
            else:
                codes, values = coded
                cells = pa.array(values, type=pa.large_string()).take(_arrow_index(pa, codes))
            return pd.array(pa.chunked_array([cells]), dtype="str")

        return arrow_strings

    def strings(col: Any, coded: tuple[Any, Any] | None) -> Any:
        # Stated, not inferred: pandas infers `str` only when a cell holds
        # text, so an empty column, or one with none, would be `object`.
        if coded is None:
            return pd.array(col, dtype="str")
        codes, values = coded
        return pd.array(values, dtype="str").take(codes, allow_fill=True)

    return strings


def _polars_frame(columns: Mapping[str, Any]) -> Any:
    pl = require("polars", package="polars", extra="polars", purpose="polars frames")
    cats = [s.value for s in Status]
    status = pl.Enum(cats)
    series = []
    for name in columns:
        coded = _coded(columns, name)
        if name in _STATUS_COLUMNS:
            if coded is not None:
                cells = pl.Series(name, cats, dtype=status)
                series.append(_polars_gather(pl, cells, _status_positions(coded)))
            else:
                cells = _polars_text(pl, name, columns[name])
                series.append(cells.replace("", None).cast(status))
        elif name in _NULLABLE_BOOL:
            truth, missing = _verdicts(columns[name], coded)
            cells = pl.Series(name, truth)
            series.append(cells.scatter(np.flatnonzero(missing), None) if missing.any() else cells)
        elif coded is not None:
            codes, values = coded
            cells = pl.Series(name, values.tolist(), dtype=pl.String)
            series.append(_polars_gather(pl, cells, codes))
        elif (col := columns[name]).dtype.kind == "O":
            series.append(_polars_text(pl, name, col))
        else:
            series.append(pl.Series(name, col))
    return pl.DataFrame(series)


def _polars_gather(pl: Any, cells: Any, codes: Any) -> Any:
    """*cells* read at *codes*, null where a code is -1."""
    index = pl.Series(np.asarray(codes, dtype=np.int64))
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        index = index.scatter(missing, None)
    return cells.gather(index)


def _polars_text(pl: Any, name: str, col: Any) -> Any:
    """A text column from an object array, read by polars without a Python list.

    polars cannot type an object array holding no text (empty, or all None):
    that one goes through a list.
    """
    try:
        return pl.Series(name, col, dtype=pl.String)
    except pl.exceptions.PolarsError:
        return pl.Series(name, col.tolist(), dtype=pl.String)


def _arrow_index(pa: Any, codes: Any) -> Any:
    """Codes as Arrow indices, null where a code is -1 (a gather there gives null)."""
    missing = np.asarray(codes) < 0
    return pa.array(codes, mask=missing) if missing.any() else pa.array(codes)


def _arrow_table(columns: Mapping[str, Any]) -> Any:
    pa = require("pyarrow", package="pyarrow", extra="arrow", purpose="Arrow tables")
    cats = pa.array([s.value for s in Status], type=pa.string())
    arrays = []
    for name in columns:
        coded = _coded(columns, name)
        if name in _STATUS_COLUMNS:
            if coded is not None:
                position = _status_positions(coded)
            else:
                where = [_STATUS_POSITION.get(v, -1) for v in columns[name].tolist()]
                position = np.array(where, dtype=np.int8)
            index = pa.array(position, mask=position < 0, type=pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(index, cats))
        elif name in _NULLABLE_BOOL:
            truth, missing = _verdicts(columns[name], coded)
            arrays.append(pa.array(truth, mask=missing, type=pa.bool_()))
        elif coded is not None:
            codes, values = coded
            cells = pa.array(values.tolist(), type=pa.string())
            arrays.append(cells.take(_arrow_index(pa, codes)))
        elif (col := columns[name]).dtype.kind == "O":
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
        # A zoned one is read on its own clock: its local date, the publisher's day.
        if value.time() != dt.time(0) and value.utcoffset() is None:
            issues.append((column, f"{value} has a time of day and no zone; give a date"))
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
