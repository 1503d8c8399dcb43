"""Observations as long-format CSV: one row per published figure.

Columns: ``indicator, period_start, period_end, value, unit, released, bound,
source, source_url, source_quote, status, note``. The first five are required
(``period`` may replace ``period_start`` and ``period_end``); the others may be
left out or empty. Values are written exactly (``repr`` of floats).
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from innovplan.errors import DocumentError, Problem
from innovplan.io._converter import converter
from innovplan.io._errors import problems_from, suggest
from innovplan.model import Observation

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["COLUMNS", "parse_number", "read", "write"]

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
_REQUIRED = ("indicator", "value", "unit")
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def parse_number(text: str) -> int | float | None:
    """Read a number exactly as written: digits only give an int; ``None`` if not a number.

    Example:
        >>> parse_number("1450"), parse_number("1450.0000000001"), parse_number("NaN")
        (1450, 1450.0000000001, None)
    """
    s = text.strip()
    if _INT.fullmatch(s):
        return int(s)
    if _FLOAT.fullmatch(s):
        return float(s)
    return None


def _row_document(row: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    issues: list[tuple[str, str]] = []
    number = parse_number(row.get("value", ""))
    if number is None:
        issues.append(("value", f"{row.get('value', '')!r} is not a number"))
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
    if row.get("source") or row.get("source_url") or row.get("source_quote"):
        doc["source"] = {
            "title": row.get("source", ""),
            "url": row.get("source_url", ""),
            "quote": row.get("source_quote", ""),
        }
    return doc, issues


def read(text: str, name: str = "") -> tuple[Observation, ...]:
    r"""Read observations from long-format CSV *text*.

    Raises:
        DocumentError: Every problem found, as ``line N.column: ...``.

    Example:
        >>> text = "indicator,period_start,period_end,value,unit\n"
        >>> text += "hte,2023-12-31,2023-12-31,14500,enterprise\n"
        >>> read(text)[0].value
        <Quantity(14500, 'enterprise')>
    """
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise DocumentError([Problem("line 1", f"not valid CSV: {exc}")], name) from None
    problems = _check_header(list(header))
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
            doc, issues = _row_document(row)
            problems.extend(Problem(f"line {line}.{col}", msg) for col, msg in issues)
            try:
                obs = conv.structure(doc, Observation)
            except Exception as exc:  # noqa: BLE001 (reported as a problem of the row)
                # The document paths of a quantity are columns of their own here.
                for p in problems_from(exc, f"line {line}"):
                    path = p.path.replace(".value.unit", ".unit").replace(".value.value", ".value")
                    problems.append(Problem(path, p.message, p.hint))
                continue
            if not issues:
                out.append(obs)
    except csv.Error as exc:
        problems.append(Problem(f"line {reader.line_num}", f"not valid CSV: {exc}"))
    if problems:
        raise DocumentError(problems, name)
    return tuple(out)


def _check_header(header: list[str]) -> list[Problem]:
    known = (*COLUMNS, "period")
    problems = [
        Problem(f"line 1.{col}", "unknown column", suggest(col, known))
        for col in header
        if col not in known
    ]
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


def write(observations: Iterable[Observation]) -> str:
    """Write *observations* as long-format CSV (RFC 4180, with a header row).

    Example:
        >>> from innovplan import Q_
        >>> print(write([Observation("hte", Q_(14500, "enterprise"), "2023-12-31")]), end="")
        indicator,period_start,period_end,value,unit,released,bound,source,source_url,source_quote,status,note
        hte,2023-12-31,2023-12-31,14500,enterprise,,exact,,,,,
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for o in observations:
        src = o.source
        writer.writerow(
            [
                o.indicator,
                o.period.start.isoformat(),
                o.period.end.isoformat(),
                _number_text(o.value.magnitude),
                format(o.value.units, "D"),
                o.released.isoformat() if o.released else "",
                o.bound.value,
                src.title if src else "",
                src.url if src else "",
                src.quote if src else "",
                o.status,
                o.note,
            ]
        )
    return out.getvalue()
