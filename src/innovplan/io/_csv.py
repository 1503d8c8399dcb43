"""Observations as long-format CSV: one row per published figure.

Columns: ``indicator, period_start, period_end, value, unit, released, bound,
source, source_url, source_quote, status, note``. The first five are required
(``period`` may replace ``period_start`` and ``period_end``); the others may be
left out or empty. Values are written exactly (``repr`` of floats).

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

from innovplan.errors import DocumentError, Problem
from innovplan.io._converter import converter
from innovplan.io._errors import problems_from, suggest
from innovplan.io._safety import Limits, NumberRefusedError, read_float, read_int
from innovplan.model import Observation

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "COLUMNS",
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
    row: dict[str, str], limits: Limits
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    issues: list[tuple[str, str]] = []
    row = {k: unguard_formula(v) if k in TEXT_COLUMNS else v for k, v in row.items()}
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
    if row.get("source") or row.get("source_url") or row.get("source_quote"):
        doc["source"] = {
            "title": row.get("source", ""),
            "url": row.get("source_url", ""),
            "quote": row.get("source_quote", ""),
        }
    return doc, issues


def _short(text: str) -> str:
    return repr(text) if len(text) <= 40 else f"{text[:30]!r}… ({len(text)} characters)"


def read(text: str, name: str = "", *, limits: Limits = _DEFAULT_LIMITS) -> tuple[Observation, ...]:
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
            doc, issues = _row_document(row, limits)
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
    lines = [",".join(COLUMNS)]
    for o in observations:
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
        )
        lines.append(",".join(_cell(c) for c in cells))
    return "\n".join(lines) + "\n"
