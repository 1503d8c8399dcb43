"""One cell of a plan's indicator table, read with its row label and column header.

A five-year plan prints its targets in a table: the row names the indicator
("单位GDP能源消耗降低"), a column holds the unit ("%"), and the cell holds only
the number and its mark ("〔13.5〕", ">7", "65"). The column says what kind of
number it is: "2025年" is the value in 2025, "年均/〔累计〕" an average annual
rate, or in brackets a total or change over the five years. The cell is read
as the phrase the three make together, by the same rules as any other phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from innovplan.errors import TargetParseError
from innovplan.text import _lexicon as lex
from innovplan.text._api import parse_target
from innovplan.text._indicators import find_known, slug
from innovplan.text._reading import _match_at, _match_end
from innovplan.text._scan import is_cjk

if TYPE_CHECKING:
    import datetime as dt

    from innovplan.model import Indicator, Target

__all__ = ["parse_cell"]

# Cells that say "no number here".
_EMPTY = frozenset({"", "—", "——", "-", "–", "－", "/", "…", "n/a", "N/A"})
_OPEN = "（("
_CLOSE = "）)"
_MAX_UNIT = 12


def _row_unit(row: str) -> tuple[str, str | None]:
    """Split a unit written at the end of a row label: "人均预期寿命（岁）"."""
    row = row.strip()
    if row and row[-1] in _CLOSE:
        at = max(row.rfind(c) for c in _OPEN)
        inner = row[at + 1 : -1].strip()
        if at > 0 and 0 < len(inner) <= _MAX_UNIT and not any(c in inner for c in "、,，"):
            return row[:at].rstrip(), inner
    return row, None


def _column_year(column: str) -> int | None:
    """The year a column header names: "2025年", "2025", "target 2025"."""
    digits = ""
    for ch in [*column, " "]:
        if ch.isdigit():
            digits += ch
            continue
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            return int(digits)
        digits = ""
    return None


def _with_unit(cell: str, unit: str, *, space: str) -> str:
    """Write *unit* after the cell's first number, unless the cell writes one.

    ">7、力争…" becomes ">7%、力争…", "〔13.5〕" becomes "〔13.5〕%"; "65%" and
    "〔1〕岁" stay as they are.
    """
    i = next((k for k, c in enumerate(cell) if c.isdigit()), -1)
    if i == -1 or not unit:
        return cell
    while i < len(cell) and (cell[i].isdigit() or cell[i] in ".,"):
        i += 1
    while i < len(cell) and cell[i] in "〕]":
        i += 1
    rest = cell[i:].lstrip()
    if (rest[:1].isalpha() and not is_cjk(rest[0])) or rest[:1] in {"%", "‰"}:
        return cell
    if rest[:1] and is_cjk(rest[0]) and _match_at(rest, 0, _CELL_WORDS) == "":
        return cell
    return f"{cell[:i]}{space}{unit}{cell[i:]}"


# Words that may follow a cell's number without being its unit.
_CELL_WORDS = ("力争", "以上", "以下", "以内", "左右", "及以上")


def _compose(row: str, cell: str, unit: str, *, average: bool, cumulative: bool) -> str:
    """The phrase the row, the column's kind, the cell and the unit make."""
    zh = any(is_cjk(c) for c in row)
    bracket = cell[:1] in "〔[" or "〔" in cell
    space = "" if unit in {"%", "‰", ""} or zh else " "
    cell = _with_unit(cell, unit, space=space)
    if zh:
        mark = "年均" if average and not bracket else ""
        mark = mark or ("累计" if cumulative and not bracket else "")
        # "全社会研发经费投入增长" with 年均 reads "全社会研发经费投入年均增长".
        verb = _match_end(row, len(row), (*lex.GROWTH_ZH, *lex.DECREASE_ZH))
        head = row[: len(row) - len(verb)] if mark and verb else row
        return f"{head}{mark}{verb if mark else ''}{cell}"
    # "growth of R&D expenditure >7% a year", "new urban jobs 55 million cumulative".
    mark = "a year" if average and not bracket else ""
    mark = mark or ("cumulative" if cumulative and not bracket else "")
    return " ".join(p for p in (row, cell, mark) if p)


def parse_cell(
    cell: str,
    *,
    row: str,
    unit: str | None = None,
    column: str | None = None,
    indicator: Indicator | None = None,
    deadline: dt.date | str | None = None,
    lang: str | None = None,
    **context: Any,
) -> Target | None:
    """Read one cell of a plan's indicator table, with its row label and column header.

    The cell holds the number and its mark: "65", ">7", "<5.5", "〔13.5〕". The
    row names the indicator and may end with its unit in brackets
    ("人均预期寿命（岁）"); *unit* gives the unit column's word instead ("%",
    "岁", "件", "万人"). The column header gives the deadline ("2025年") and
    the kind of number: under "年均/〔累计〕" (or "average annual /
    [cumulative]") a plain number is an average annual rate and a bracketed
    one a total or a change over the plan's five years, as the tables' note
    "〔〕内为5年累计数" says. The cell is then read as the phrase these make
    ("全社会研发经费投入年均增长>7%"), which is the target's wording.

    Args:
        cell: The cell's text.
        row: The row label: the indicator's name as the table prints it.
        unit: The unit of the row, when the table prints it in its own column.
        column: The column header.
        indicator: The indicator the target is for, instead of the one named
            by the row.
        deadline: The target's deadline; by default 31 December of the
            column's year, else of ``year=``.
        lang: The language tag of the wording; detected when not given.
        **context: As for :func:`parse_target`.

    Returns:
        The target, or ``None`` for an empty cell ("", "—", "-").

    Raises:
        TargetParseError: The cell holds no number ("高于GDP增长" compares two
            indicators), more than one, or no deadline is known.
        QuantityParseError: A number is malformed.

    Example:
        >>> t = parse_cell("〔13.5〕", row="单位GDP能源消耗降低", unit="%",
        ...                column="年均/〔累计〕", year=2025)
        >>> t.basis.name, t.comparator.name, t.value, t.start
        ('PERCENT_CHANGE', 'AT_MOST', <Quantity(-13.5, 'percent')>, datetime.date(2021, 1, 1))
        >>> t = parse_cell(">7", row="全社会研发经费投入增长", unit="%",
        ...                column="年均/〔累计〕", year=2025)
        >>> t.basis.name, t.comparator.name, t.value
        ('AVERAGE_ANNUAL', 'MORE_THAN', <Quantity(7, 'percent')>)
    """
    text = cell.strip().rstrip("*").strip()
    if text in _EMPTY:
        return None
    label, row_unit = _row_unit(row)
    if not label:
        raise TargetParseError(cell, "a table cell needs its row label (row=)", found=0)
    word = (unit if unit is not None else row_unit or "").strip()
    header = (column or "").lower()
    average = "年均" in header or "average" in header or "annual" in header
    cumulative = "累计" in header or "cumulative" in header or "total" in header
    if deadline is None and context.get("year") is None and column:
        year = _column_year(column)
        if year is not None:
            context["year"] = year
    phrase = _compose(label, text, word, average=average, cumulative=cumulative)
    if not any(c.isdigit() for c in text):
        raise TargetParseError(
            cell,
            f"the cell of row {label!r} holds no number; a target needs one "
            "(a relative wording such as 高于GDP增长 is not quantified)",
            found=0,
        )
    target = parse_target(phrase, indicator=indicator, deadline=deadline, lang=lang, **context)
    if word and str(target.value.units) == "dimensionless":
        raise TargetParseError(
            phrase,
            f"the unit {word!r} is not one innovplan.units reads; pass indicator= with its unit",
            found=1,
        )
    if indicator is None:
        target = _named_after_row(target, label)
    return target


def _named_after_row(target: Target, label: str) -> Target:
    """Name a new indicator after the whole row label, less a closing change word.

    The label is the indicator's name even where it holds a word the phrase
    reader would take for a predicate ("地表水达到或好于Ⅲ类水体比例").
    """
    ind = target.indicator
    if find_known(label) is not None or not any(is_cjk(c) for c in label):
        return target
    verb = _match_end(label, len(label), (*lex.GROWTH_ZH, *lex.DECREASE_ZH))
    name = label[: len(label) - len(verb)] if verb else label
    current = ind.name.in_language("zh")
    if not name or current == name or not name.startswith(current):
        return target
    ident = slug(name) + ind.id[len(slug(current)) :]
    ind = attrs.evolve(ind, id=ident, name={"zh": name})
    return attrs.evolve(
        target, id=ident if target.id == target.indicator.id else target.id, indicator=ind
    )
