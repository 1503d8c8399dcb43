"""Numbers and quantities as the text and HTML faces print them; no screen here.

The faces share these so a figure reads the same in a terminal table, a
notebook and ``explain()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innovplan.evaluate._assessments import _fmt
from innovplan.evaluate._forecasts import _pct, _signed
from innovplan.evaluate._report import _table, _width

if TYPE_CHECKING:
    from innovplan.units import Quantity

__all__ = ["format_percent", "format_quantity", "format_rate", "text_table", "text_width"]


def format_quantity(q: Quantity | None) -> str:
    """A quantity as results print it: thousands separators, short Chinese units, ``—`` for none.

    Example:
        >>> from innovplan import Q_
        >>> format_quantity(Q_(1450, "hundred_million_yuan")), format_quantity(None)
        ('1,450亿元', '—')
    """
    return _fmt(q)


def format_rate(q: Quantity | None, unit: str | None = None) -> str:
    """A rate per year with its sign, as ``+92.59亿元/yr``; *unit* is the indicator's.

    Example:
        >>> from innovplan import Q_
        >>> format_rate(Q_(92.59, "hundred_million_yuan / year"))
        '+92.59亿元/yr'
    """
    return _signed(q, unit)


def format_percent(magnitude: float, *, sign: bool = False) -> str:
    """A rate in percent to three significant figures: one decimal from 10 up, two below.

    Example:
        >>> format_percent(11.0027), format_percent(-2.7973, sign=True)
        ('11.0 %', '-2.80 %')
    """
    return _pct(magnitude, sign=sign)


def text_width(text: str) -> int:
    """Columns *text* takes in a terminal: East Asian characters take two.

    Example:
        >>> text_width("T10"), text_width("技术")
        (3, 4)
    """
    return _width(text)


def text_table(rows: list[list[str]], caps: list[int]) -> list[str]:
    """Left-aligned columns two spaces apart, each as wide as its widest cell up to its cap.

    Example:
        >>> text_table([["T1", "met"], ["T10", "not met"]], [10, 10])
        ['T1   met', 'T10  not met']
    """
    return _table(rows, caps)
