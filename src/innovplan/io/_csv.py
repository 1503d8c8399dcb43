"""Observations as long-format CSV: one row per published figure.

Columns: ``indicator, period_start, period_end, value, unit, released, bound,
source, source_url, source_quote, status, note``. The first five are required
(``period`` may replace ``period_start`` and ``period_end``); the others may be
left out or empty. Values are written exactly (``repr`` of floats).

Dimensions of disaggregated figures are columns too: a column whose header is
``dim:NAME`` holds the code of dimension NAME (``dim:sex``: ``F``, or with its
label ``F: Female``), and the reader's *dimensions* names further columns to
read as dimensions (a plain ``region`` column). An empty cell, or SDMX's total
code ``_T``, is the total of that dimension. Writing gives every dimension
found a ``dim:`` column after the others.

Writing follows RFC 4180: a cell holding a comma, a quote, a line feed or a
carriage return is quoted. A text cell that a spreadsheet would run as a
formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is written with an apostrophe in front, as the OWASP guidance on CSV
injection advises; reading takes that apostrophe off again, so the text
round-trips.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, ModelError, Problem
from innovplan.io._converter import converter
from innovplan.io._errors import problems_from, suggest
from innovplan.io._safety import Limits, NumberRefusedError, read_float, read_int
from innovplan.model import Observation, check_dimension

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "COLUMNS",
    "DIMENSION_PREFIX",
    "TEXT_COLUMNS",
    "guard_formula",
    "parse_number",
    "read",
    "unguard_formula",
    "write",
]

COLUMNS = (
    "indicator",
    "period_start",
    "period_end",
    "value",
    "unit",
    "released",
    "bound",
    "source",
    "source_url",
    "source_quote",
    "status",
    "note",
)
# The columns of free text: guarded against formulas when written.
TEXT_COLUMNS = frozenset(
    {"indicator", "unit", "source", "source_url", "source_quote", "status", "note"}
)
_REQUIRED = ("indicator", "value", "unit")
_INT = re.compile(r"[+-]?\d+", re.ASCII)
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile(r'[",\r\n]')
_DEFAULT_LIMITS = Limits()
DIMENSION_PREFIX = "dim:"


def _runs_as_formula(text: str) -> bool:
    # Apostrophes already in front are skipped: "'=1" must be guarded too, or
    # reading would take its apostrophe for ours.
    return text.lstrip("'").startswith(_FORMULA_START)


def guard_formula(text: str) -> str:
    """*text* as a CSV cell no spreadsheet runs as a formula: an apostrophe in front if needed.

    Example:
        >>> guard_formula("=SUM(A1:A9)"), guard_formula("about 11 %")
        ("'=SUM(A1:A9)", 'about 11 %')
    """
    return f"'{text}" if _runs_as_formula(text) else text


def unguard_formula(text: str) -> str:
    """The text of a cell written by :func:`guard_formula`.

    Example:
        >>> unguard_formula("'=1+2"), unguard_formula("'tis")
        ('=1+2', "'tis")
    """
    return text[1:] if text.startswith("'") and _runs_as_formula(text[1:]) else text


def parse_number(text: str, limits: Limits = _DEFAULT_LIMITS) -> int | float | None:
    """Read a number exactly as written: digits only give an int; ``None`` if not a number.

    Only ASCII digits are digits here.

    Raises:
        NumberRefusedError: The number has too many digits or is out of a float's range.

    Example:
        >>> parse_number("1450"), parse_number("1450.0000000001"), parse_number("NaN")
        (1450, 1450.0000000001, None)
    """
    s = text.strip()
    if _INT.fullmatch(s):
        return read_int(s, limits)
    if _FLOAT.fullmatch(s):
        return read_float(s, limits)
    return None


def _row_document(
    row: dict[str, str], limits: Limits, dimensions: Mapping[str, str]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    issues: list[tuple[str, str]] = []
    row = {
        k: unguard_formula(v) if k in TEXT_COLUMNS or k in dimensions else v for k, v in row.items()
    }
    number: int | float | None
    try:
        number = parse_number(row.get("value", ""), limits)
    except NumberRefusedError as exc:
        issues.append(("value", str(exc)))
        number = 0
    else:
        if number is None:
            issues.append(("value", f"{_short(row.get('value', ''))} is not a number"))
    if "period" in row:
        period: str = row["period"]
    else:
        start, end = row.get("period_start", ""), row.get("period_end", "")
        period = start if start == end else f"{start}/{end}"
    doc: dict[str, Any] = {
        "indicator": row["indicator"],
        "value": {"value": number if number is not None else 0, "unit": row["unit"]},
        "period": period,
    }
    for key in ("released", "bound", "status", "note"):
        if row.get(key):
            doc[key] = row[key]
    coded = {
        name: row[column].strip() for column, name in dimensions.items() if row[column].strip()
    }
    if coded:
        doc["dimensions"] = coded
    if row.get("source") or row.get("source_url") or row.get("source_quote"):
        doc["source"] = {
            "title": row.get("source", ""),
            "url": row.get("source_url", ""),
            "quote": row.get("source_quote", ""),
        }
    return doc, issues


def _short(text: str) -> str:
    return repr(text) if len(text) <= 40 else f"{text[:30]!r}… ({len(text)} characters)"


def read(
    text: str,
    name: str = "",
    *,
    limits: Limits = _DEFAULT_LIMITS,
    dimensions: Sequence[str] = (),
) -> tuple[Observation, ...]:
    r"""Read observations from long-format CSV *text*.

    *dimensions* names columns to read as dimensions, besides the ``dim:``
    columns of the header.

    Raises:
        DocumentError: Every problem found, as ``line N.column: ...``.

    Example:
        >>> text = "indicator,period_start,period_end,value,unit\n"
        >>> text += "hte,2023-12-31,2023-12-31,14500,enterprise\n"
        >>> read(text)[0].value
        <Quantity(14500, 'enterprise')>
        >>> text = "indicator,period,value,unit,region\ngdp,2023,55803.63,亿元,420000\n"
        >>> read(text, dimensions=["region"])[0].dimensions
        Group({'region': '420000'})
    """
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise DocumentError([Problem("line 1", f"not valid CSV: {exc}")], name) from None
    columns = _dimension_columns(list(header), dimensions)
    problems = _check_header(list(header), columns)
    if problems:
        raise DocumentError(problems, name)
    conv = converter()
    out: list[Observation] = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                problems.append(
                    Problem(
                        f"line {line}", "the row has a different number of fields than the header"
                    )
                )
                continue
            doc, issues = _row_document(row, limits, columns)
            problems.extend(Problem(f"line {line}.{col}", msg) for col, msg in issues)
            try:
                obs = conv.structure(doc, Observation)
            except Exception as exc:  # noqa: BLE001 (reported as a problem of the row)
                problems.extend(_row_problems(exc, f"line {line}", columns))
                continue
            if not issues:
                out.append(obs)
    except csv.Error as exc:
        problems.append(Problem(f"line {reader.line_num}", f"not valid CSV: {exc}"))
    if problems:
        raise DocumentError(problems, name)
    return tuple(out)


def _row_problems(exc: Exception, where: str, columns: Mapping[str, str]) -> list[Problem]:
    # The document paths of a quantity and of dimensions are columns of their own here.
    out = []
    for p in problems_from(exc, where):
        path = p.path.replace(".value.unit", ".unit").replace(".value.value", ".value")
        for column, dim in columns.items():
            path = path.replace(f".dimensions.{dim}", f".{column}")
        out.append(Problem(path, p.message, p.hint))
    return out


def _dimension_columns(header: list[str], named: Sequence[str]) -> dict[str, str]:
    """Column to dimension name: the header's ``dim:`` columns and those *named*."""
    columns = {
        c: c.removeprefix(DIMENSION_PREFIX) for c in header if c.startswith(DIMENSION_PREFIX)
    }
    columns.update({c: c for c in named})
    return columns


def _check_header(header: list[str], dimensions: Mapping[str, str]) -> list[Problem]:
    known = (*COLUMNS, "period")
    problems = [
        Problem(
            f"line 1.{col}",
            "unknown column",
            suggest(col, known)
            or f"a column of dimension codes is named dim:{col}, or given in dimensions=",
        )
        for col in header
        if col not in known and col not in dimensions
    ]
    for column, dim in dimensions.items():
        if column not in header:
            msg = f"the dimension column {column!r} given in dimensions= is not in the file"
            problems.append(Problem("line 1", msg))
            continue
        try:
            check_dimension(dim)
        except ModelError as exc:
            problems.append(Problem(f"line 1.{column}", exc.message))
    problems.extend(
        Problem("line 1", f"the column {col!r} is missing")
        for col in _REQUIRED
        if col not in header
    )
    if "period" not in header and not {"period_start", "period_end"} <= set(header):
        msg = "give the columns period_start and period_end (or period)"
        problems.append(Problem("line 1", msg))
    if len(set(header)) != len(header):
        problems.append(Problem("line 1", "a column name appears twice"))
    return problems


def _number_text(value: object) -> str:
    # float() first: numpy 2 scalars repr as "np.float64(1.5)".
    return repr(float(value)) if isinstance(value, float) else str(value)


def _cell(text: str) -> str:
    if _QUOTED.search(text):
        doubled = text.replace('"', '""')
        return f'"{doubled}"'
    return text


def write(observations: Iterable[Observation]) -> str:
    """Write *observations* as long-format CSV (RFC 4180, with a header row).

    Example:
        >>> from innovplan import Q_
        >>> print(write([Observation("hte", Q_(14500, "enterprise"), "2023-12-31")]), end="")
        indicator,period_start,period_end,value,unit,released,bound,source,source_url,source_quote,status,note
        hte,2023-12-31,2023-12-31,14500,enterprise,,exact,,,,,
    """
    # Written by hand, not by the csv module: it quotes a carriage return only
    # when it is part of the line terminator, and a cell "a\r" would lose it.
    items = tuple(observations)
    dims = sorted({d for o in items for d in o.dimensions})
    lines = [",".join((*COLUMNS, *(DIMENSION_PREFIX + d for d in dims)))]
    for o in items:
        src = o.source
        text = (
            o.indicator,
            format(o.value.units, "D"),
            src.title if src else "",
            src.url if src else "",
            src.quote if src else "",
            o.status,
            o.note,
        )
        indicator, unit, title, url, quote, status, note = (guard_formula(t) for t in text)
        cells = (
            indicator,
            o.period.start.isoformat(),
            o.period.end.isoformat(),
            _number_text(o.value.magnitude),
            unit,
            o.released.isoformat() if o.released else "",
            o.bound.value,
            title,
            url,
            quote,
            status,
            note,
            *(guard_formula(o.dimensions.coded(d)) if d in o.dimensions else "" for d in dims),
        )
        lines.append(",".join(_cell(c) for c in cells))
    return "\n".join(lines) + "\n"
