"""SDMX-CSV 1.0 and 2.0 (and, with the ``sdmx`` extra, sdmx1 data messages) to observations.

Read after the SDMX-CSV field guides (github.com/sdmx-twg/sdmx-csv, v1.0 and
v2.0). What this reader takes from them:

- 1.0: the first column is ``DATAFLOW`` (``AGENCY:ID(VERSION)``); 2.0: the
  first columns are ``STRUCTURE`` (optionally ``STRUCTURE[;]``, whose next
  character is the field separator), ``STRUCTURE_ID``, optionally
  ``STRUCTURE_NAME``, ``ACTION``, ``SERIES_KEY`` and ``OBS_KEY``.
- Then dimensions, measures and attributes, by id, or ``ID: Name`` with
  ``labels=both`` (codes then read ``A: Annual``); ``labels=name`` is not read.
- ``OBS_VALUE`` is the measure; an empty value or ``NaN`` is a missing
  observation and is skipped; rows with action ``D`` (delete) are skipped.
- ``TIME_PERIOD`` in its SDMX forms; ``UNIT_MEASURE`` and ``UNIT_MULT`` (a
  power of ten) give the unit; ``OBS_STATUS`` (or Eurostat's ``OBS_FLAG``) is
  kept on the observation.

The key columns are every column that is not a structure column,
``TIME_PERIOD``, a measure or a known attribute (``key=`` names them instead).
Those that are breakdowns of a disaggregated indicator (by default the
breakdown dimensions of the SDMX Global DSD for the SDG indicators,
:data:`BREAKDOWNS`: ``SEX``, ``AGE``, ``URBANISATION`` …; ``dimensions=``
names them instead) become the observation's dimensions, named in lower case
(``SEX`` is ``sex``), with the codes' labels when the file gives them
(``F: Female``); the code ``_T`` is the total. The other key columns' codes,
joined by ``.``, are the series key (the ``SERIES_KEY`` column, if there is one
and no column is a dimension), which is the indicator id unless
``indicators=`` maps it.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import re
import sys
from typing import TYPE_CHECKING, Any

from innovplan.errors import (
    DocumentError,
    MissingDependencyError,
    Problem,
    RefusedUnitError,
    UnitError,
)
from innovplan.io._converter import converter
from innovplan.io._csv import parse_number
from innovplan.io._errors import problems_from
from innovplan.io._safety import Limits, NumberRefusedError
from innovplan.model import Observation
from innovplan.units import parse_unit

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["BREAKDOWNS", "UNIT_CODES", "from_message", "read"]

# The breakdown dimensions of the SDMX Global DSD for the SDG indicators
# (SDG DSD, sdmx.org/?page_id=11004): the groups an indicator is published
# for. FREQ, REPORTING_TYPE, SERIES and REF_AREA say which series it is.
BREAKDOWNS: frozenset[str] = frozenset(
    {
        "SEX",
        "AGE",
        "URBANISATION",
        "INCOME_WEALTH_QUANTILE",
        "EDUCATION_LEV",
        "OCCUPATION",
        "CUST_BREAKDOWN",
        "COMPOSITE_BREAKDOWN",
        "DISABILITY_STATUS",
        "ACTIVITY",
        "PRODUCT",
    }
)

# SDMX code lists (CL_UNIT, ISO 4217) mapped to innovplan's registry. Codes such
# as "PC" and "PS" are also pint units (parsec, petasecond): they are never
# looked up in the registry directly, only through this table and the caller's.
UNIT_CODES: Mapping[str, str] = {
    "CNY": "yuan",
    "USD": "USD",
    "EUR": "EUR",
    "JPY": "JPY",
    "GBP": "GBP",
    "HKD": "HKD",
    "PC": "percent",
    "PCT": "percent",
    "PS": "person",
    "PERS": "person",
}

# A unit with a power of ten that has a name of its own keeps that name:
# UNIT_MULT=8 with yuan is 亿元, as Chinese statistics write it.
_SCALED = {
    ("yuan", 4): "ten_thousand_yuan",
    ("yuan", 8): "hundred_million_yuan",
    ("yuan", 12): "trillion_yuan",
    ("person", 3): "thousand_person",
    ("person", 4): "ten_thousand_person",
    ("person", 5): "hundred_thousand_person",
    ("person", 6): "million_person",
    ("square_meter", 4): "ten_thousand_square_meter",
}

_STRUCTURE_COLUMNS = frozenset(
    {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "SERIES_KEY", "OBS_KEY"}
)
_ATTRIBUTES = frozenset(
    {
        "OBS_STATUS",
        "OBS_FLAG",
        "OBS_CONF",
        "OBS_PRE_BREAK",
        "OBS_COMMENT",
        "COMMENT_OBS",
        "COMMENT_TS",
        "UNIT_MEASURE",
        "UNIT_MULT",
        "DECIMALS",
        "TITLE",
        "TITLE_COMPL",
        "TIME_FORMAT",
        "COMPILING_ORG",
        "DATA_COMP",
        "SOURCE_AGENCY",
        "CONF_STATUS",
        "EMBARGO_TIME",
        "BASE_PER",
        "UNIT_INDEX_BASE",
        "UPDATED",
        "LAST UPDATE",
    }
)
_FIRST = re.compile(r"(DATAFLOW|STRUCTURE(?:\[.\])?)(.)")
_ANNUAL = re.compile(r"(\d{4})-A1")


def _code(value: str, *, labelled: bool) -> str:
    # labels=both writes "A: Annual"; the code is what comes before ": ".
    return value.split(": ", 1)[0].strip() if labelled else value.strip()


def _column_id(header: str) -> str:
    name = header.split(": ", 1)[0].strip()
    # "ATTR_1[]" (multi-valued) and "ATTR_2[en;fr]" (multi-lingual) are ATTR_1, ATTR_2.
    return re.sub(r"\[[^\]]*\]$", "", name).upper()


def _period(text: str) -> str:
    """The period of a ``TIME_PERIOD``; a date and time measures its day.

    Raises:
        ValueError: A date and time that is not one (``2023-01-01T25:00``).
    """
    text = text.strip()
    if m := _ANNUAL.fullmatch(text):
        return m[1]
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T.*", text):
        # Checked whole: the day of a time that does not exist is not taken.
        dt.datetime.fromisoformat(text)
        return text.split("T", 1)[0]
    return text


_FLOAT_MAX = decimal.Decimal(sys.float_info.max)


def _scaled(number: float, raw: str, unit: str, mult: int) -> tuple[int | float, str]:
    """The value and unit of *number* times ten to the *mult*.

    Raises:
        ValueError: The scaled value is beyond a float's range, or would read as 0.
    """
    if mult == 0:
        return number, unit
    if (unit, mult) in _SCALED:
        return number, _SCALED[(unit, mult)]
    # Scale the written digits, not the float: "1.1" with UNIT_MULT=1 is 11, exactly.
    exact = decimal.Decimal(raw.strip()).scaleb(mult)
    if abs(exact) > _FLOAT_MAX or (exact and not float(exact)):
        msg = f"{raw.strip()} times 10**{mult} is out of a 64-bit float's range"
        raise ValueError(msg)
    if isinstance(number, int) and exact == exact.to_integral_value():
        return int(exact), unit
    return float(exact), unit


class _Reader:
    def __init__(
        self,
        *,
        indicators: Mapping[str, str] | None,
        units: Mapping[str, str] | None,
        decimal_comma: bool,
        limits: Limits,
    ) -> None:
        self.limits = limits
        self.indicators = indicators
        self.units = {**UNIT_CODES, **(units or {})}
        self.decimal_comma = decimal_comma
        self.problems: list[Problem] = []
        # The caller's mapping is read once, before the rows: an ambiguous
        # unit there is the mapping's fault, reported at its key, not at every
        # row's OBS_VALUE; its rows are left out.
        self.refused: set[str] = set()
        for code, text in (units or {}).items():
            try:
                parse_unit(text)
            except RefusedUnitError as exc:  # an ambiguous symbol too
                self.problem(f"units[{code!r}]", str(exc))
                self.refused.add(code)
            except UnitError:
                continue  # reported at the rows, as before
        self.observations: list[Observation] = []

    def problem(self, where: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(where, message, hint))

    def row(  # noqa: C901, PLR0911, PLR0912 (one check per column, in column order)
        self,
        where: str,
        key: str,
        cells: Mapping[str, str],
        dimensions: Mapping[str, str] | None = None,
    ) -> None:
        raw = cells.get("OBS_VALUE", "").strip()
        if raw in {"", "NaN", "NA", "-"}:
            return  # a missing observation (SDMX writes NaN or nothing)
        if self.decimal_comma and "," in raw and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            number = parse_number(raw, self.limits)
        except NumberRefusedError as exc:
            self.problem(f"{where}.OBS_VALUE", str(exc))
            return
        if number is None:
            shown = repr(raw) if len(raw) <= 40 else f"{raw[:30]!r}… ({len(raw)} characters)"
            self.problem(f"{where}.OBS_VALUE", f"{shown} is not a number")
            return
        indicator = key
        if self.indicators is not None:
            if key not in self.indicators:
                hint = f"map it in indicators=; mapped: {', '.join(self.indicators) or '(none)'}"
                self.problem(where, f"the series key {key!r} is not in indicators=", hint)
                return
            indicator = self.indicators[key]
        code = cells.get("UNIT_MEASURE", "").strip()
        lookup = code or indicator
        if lookup not in self.units:
            hint = f"pass units={{{lookup!r}: 'percent'}} (any unit of innovplan's registry)"
            what = f"the unit code {code!r}" if code else f"no UNIT_MEASURE for {indicator!r}, and"
            self.problem(f"{where}.UNIT_MEASURE", f"{what} is not mapped to a unit", hint)
            return
        if lookup in self.refused:
            return
        mult_text = cells.get("UNIT_MULT", "").strip() or "0"
        if not re.fullmatch(r"-?[0-9]{1,3}", mult_text):
            self.problem(f"{where}.UNIT_MULT", f"{mult_text[:40]!r} is not a power of ten")
            return
        try:
            value, unit = _scaled(number, raw, self.units[lookup], int(mult_text))
        except ValueError as exc:
            self.problem(f"{where}.UNIT_MULT", str(exc))
            return
        time = cells.get("TIME_PERIOD", "")
        try:
            period = _period(time)
        except ValueError as exc:
            self.problem(f"{where}.TIME_PERIOD", f"{time[:40]!r} is not a date and time: {exc}")
            return
        doc: dict[str, Any] = {
            "indicator": indicator,
            "value": {"value": value, "unit": unit},
            "period": period,
        }
        status = cells.get("OBS_STATUS", "").strip() or cells.get("OBS_FLAG", "").strip()
        if status:
            doc["status"] = status
        if dimensions:
            doc["dimensions"] = {k.lower(): v for k, v in dimensions.items()}
        try:
            self.observations.append(converter().structure(doc, Observation))
        except Exception as exc:  # noqa: BLE001 (reported as a problem of the row)
            self.problems.extend(_row_problems(exc, where))


def _row_problems(exc: Exception, where: str) -> list[Problem]:
    # Document paths are the file's columns here: value is OBS_VALUE, dimensions.sex is SEX.
    out = []
    for p in problems_from(exc, where):
        column = {"period": "TIME_PERIOD", "value": "OBS_VALUE"}
        head, _, rest = p.path.partition(".")
        field, _, below = rest.partition(".")
        if field == "dimensions":
            field = below.upper() or "dimensions"
        path = f"{head}.{column.get(field, field)}" if rest else p.path
        out.append(Problem(path, p.message, p.hint))
    return out


def read(
    text: str,
    name: str = "",
    *,
    indicators: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    key: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    limits: Limits | None = None,
) -> tuple[Observation, ...]:
    r"""Read observations from SDMX-CSV (1.0 or 2.0) *text*.

    *dimensions* names the key columns kept as dimensions (by default those
    of :data:`BREAKDOWNS` in the file; ``()`` keeps none, as before 0.2).

    Raises:
        DocumentError: Every problem found, as ``line N.COLUMN: ...``.

    Example:
        >>> text = "DATAFLOW,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        >>> text += "CN:RD(1.0),A,CN,RD_GDP,2023,2.65,PC\n"
        >>> obs = read(text, indicators={"A.CN.RD_GDP": "rd_intensity"})
        >>> obs[0].indicator, obs[0].value, str(obs[0].period)
        ('rd_intensity', <Quantity(2.65, 'percent')>, '2023')
        >>> text = "DATAFLOW,FREQ,SERIES,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        >>> text += "UN:SDG(1.0),A,SE_GPI,F,2022,98.9,PC\n"
        >>> obs = read(text)
        >>> obs[0].indicator, obs[0].dimensions
        ('A.SE_GPI', Group({'sex': 'F'}))
    """
    first = _FIRST.match(text)
    if first is None:
        msg = "not SDMX-CSV: the first column is DATAFLOW (1.0) or STRUCTURE (2.0)"
        raise DocumentError([Problem("line 1", msg)], name)
    delimiter = first[2]
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    reader = _Reader(
        indicators=indicators,
        units=units,
        decimal_comma=delimiter == ";",
        limits=limits or Limits(),
    )
    try:
        header = next(rows)
        labelled = any(": " in h for h in header)
        columns = [_column_id(h) for h in header]
        missing = [c for c in ("TIME_PERIOD", "OBS_VALUE") if c not in columns]
        if missing:
            raise DocumentError([Problem("line 1", f"no {' or '.join(missing)} column")], name)
        key_columns = _key_columns(columns, key, reader)
        dim_columns = _dimension_columns(columns, key_columns, dimensions, reader)
        key_columns = [c for c in key_columns if c not in dim_columns]
        for cells_list in rows:
            where = f"line {rows.line_num}"
            if len(cells_list) != len(columns):
                reader.problem(where, f"{len(cells_list)} fields, the header has {len(columns)}")
                continue
            cells = dict(zip(columns, cells_list, strict=True))
            if cells.get("ACTION", "").strip().upper() == "D":
                continue
            coded = {c: _code(v, labelled=labelled) for c, v in cells.items() if c != "OBS_VALUE"}
            coded["OBS_VALUE"] = cells["OBS_VALUE"]
            if "SERIES_KEY" in columns and key is None and not dim_columns:
                series = coded["SERIES_KEY"]
            else:
                series = ".".join(coded[c] for c in key_columns)
            # The cell as written: "F: Female" keeps its label.
            dims = {c: cells[c].strip() for c in dim_columns if cells[c].strip()}
            reader.row(where, series, coded, dims)
    except csv.Error as exc:
        reader.problem(f"line {rows.line_num}", f"not valid CSV: {exc}")
    if reader.problems:
        raise DocumentError(reader.problems, name)
    return tuple(reader.observations)


def _key_columns(columns: list[str], key: Sequence[str] | None, reader: _Reader) -> list[str]:
    if key is not None:
        wanted = [k.upper() for k in key]
        for k in wanted:
            if k not in columns:
                reader.problem("line 1", f"the key column {k!r} given in key= is not in the file")
        return [k for k in wanted if k in columns]
    return [
        c
        for c in columns
        if c not in _STRUCTURE_COLUMNS
        and c not in _ATTRIBUTES
        and c not in {"TIME_PERIOD", "OBS_VALUE"}
    ]


def _dimension_columns(
    columns: list[str],
    key_columns: list[str],
    dimensions: Sequence[str] | None,
    reader: _Reader,
) -> list[str]:
    if dimensions is None:
        return [c for c in key_columns if c in BREAKDOWNS]
    wanted = [d.upper() for d in dimensions]
    for d in wanted:
        if d not in columns:
            msg = f"the dimension column {d!r} given in dimensions= is not in the file"
            reader.problem("line 1", msg, f"columns: {', '.join(columns)}")
    return [d for d in wanted if d in columns]


def from_message(
    message: Any,
    *,
    indicators: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    dimensions: Sequence[str] | None = None,
) -> tuple[Observation, ...]:
    """Read the observations of an ``sdmx1`` data message (the ``sdmx`` extra).

    Each observation's key (without ``TIME_PERIOD`` and the dimensions kept,
    as in :func:`read`) is its series key; attributes at any level
    (``UNIT_MEASURE``, ``UNIT_MULT``, ``OBS_STATUS``) are read as in SDMX-CSV.

    Raises:
        MissingDependencyError: sdmx1 is not installed.
        DocumentError: Every problem found, as ``data[i].obs[j]: ...``.
    """
    try:
        import sdmx  # noqa: F401 (imported to tell a missing extra from a wrong argument)
    except ImportError:
        raise MissingDependencyError("sdmx1", "sdmx", "SDMX data messages") from None
    reader = _Reader(indicators=indicators, units=units, decimal_comma=False, limits=Limits())
    wanted = BREAKDOWNS if dimensions is None else frozenset(x.upper() for x in dimensions)
    for d, dataset in enumerate(getattr(message, "data", None) or ()):
        for j, obs in enumerate(dataset.obs):
            keys = {str(k): _text(v.value) for k, v in obs.key.values.items()}
            time = keys.pop("TIME_PERIOD", "")
            kept = {k: v for k, v in keys.items() if k.upper() in wanted}
            cells = {str(k): _text(v.value) for k, v in obs.attrib.items()}
            value = obs.value
            cells.update({"TIME_PERIOD": time, "OBS_VALUE": "" if value is None else _text(value)})
            series = ".".join(v for k, v in keys.items() if k not in kept)
            reader.row(f"data[{d}].obs[{j}]", series, cells, kept)
    if reader.problems:
        raise DocumentError(reader.problems)
    return tuple(reader.observations)


def _text(value: object) -> str:
    # sdmx1 gives codes as Code objects (with an id) or plain values.
    ident = getattr(value, "id", None)
    if isinstance(ident, str):
        return ident
    if isinstance(value, float):
        return repr(value)
    return str(value)
