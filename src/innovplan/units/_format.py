"""Numbers and quantities as text: one way to write them, for every face.

The one-line explanations of the results, the plain-text report and the HTML
tables all write a figure the same way: thousands separators, two decimals
at most, short unit labels (``1,450亿元``, ``14,500 enterprise``), rates in
percent to three significant figures. Nothing here knows a screen: no HTML,
no terminal widths; the faces lay the text out.

Every finite float is written readably. Magnitudes from 0.005 up to 1e15
(percent rates likewise) are written in full as above; outside that range a
number would round to 0 or print float noise as digits, so it is written in
exponent form: six significant figures for a quantity (``1.23457e+29``,
``-3.3e-42``), three for a rate (``1e-40 %``). Zero is ``0`` whatever its
sign, NaN is ``—`` and an infinity ``inf``. A row writer and its array
writer give the same text for the same number.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    from innovplan.units._registry import Quantity

__all__ = [
    "format_change",
    "format_figure",
    "format_magnitude",
    "format_magnitudes",
    "format_number",
    "format_per_year",
    "format_percent",
    "format_percents",
    "format_quantity",
    "format_rate",
    "split_magnitudes",
    "split_quantity",
    "unit_text",
]

_SHORT = {
    "percent": "%",
    "percentage_point": "pp",
    "hundred_million_yuan": "亿元",
    "ten_thousand_square_meter": "万m²",
    "patent / ten_thousand_person": "patent/万人",
    "ten_thousand_person": "万人",
}
# Labels written against the number, as Chinese statistics print them.
_TIGHT = frozenset({"%", "亿元", "万人"})

# Magnitudes outside these print in exponent form: float64 holds 15-16
# digits, and two decimals would round a tiny figure to 0.
_LONGEST = 1e15
_SHORTEST = 0.005
_NONE = "—"


def _number(mag: float) -> str:
    """Thousands separators, two decimals at most, none for whole numbers."""
    return f"{mag:,.2f}".rstrip("0").rstrip(".") if mag % 1 else f"{mag:,.0f}"


def _figure(mag: float) -> str:
    """*mag* written in full inside the range, in exponent form outside it.

    The one writer of a number behind every quantity writer, so that the row
    and the array writers cannot disagree.
    """
    if mag != mag:  # noqa: PLR0124 (NaN test)
        return _NONE
    if not mag:
        return "0"  # -0.0 too: a sign on nothing reads as a garbled figure
    if _SHORTEST <= abs(mag) < _LONGEST:
        return _number(mag)
    # 1e+20, not twenty-one digits of float noise; 1e-308, not 0.
    return f"{mag:.6g}"


def format_number(x: float) -> str:
    """A number with thousands separators and at most two decimals (``—`` if not finite).

    From 1e15 up and under 0.005 the exponent form, as :func:`format_figure`.

    Example:
        >>> format_number(14500.0), format_number(2198.4321), format_number(float("nan"))
        ('14,500', '2,198.43', '—')
        >>> format_number(0.004), format_number(-3.3e-42), format_number(1e21)
        ('0.004', '-3.3e-42', '1e+21')
    """
    if not math.isfinite(x):
        return _NONE
    return _figure(float(x))


def format_quantity(q: Quantity | None) -> str:
    """A quantity as the reports write it (``1,450亿元``, ``14,500 enterprise``; ``—`` for None).

    Magnitudes of 1e15 and more, or under 0.005, print in exponent form with
    six significant figures; a NaN magnitude prints as ``—``.

    Example:
        >>> from innovplan.units import registry
        >>> Q = registry().Quantity
        >>> format_quantity(Q(1450, "hundred_million_yuan")), format_quantity(None)
        ('1,450亿元', '—')
        >>> format_quantity(Q(14500, "enterprise")), format_quantity(Q(1e20, "yuan"))
        ('14,500 enterprise', '1e+20 yuan')
        >>> format_quantity(Q(-3.3e-42, "hundred_million_yuan"))
        '-3.3e-42亿元'
    """
    if q is None:
        return _NONE
    return _written(float(q.magnitude), _label(q.units))


def format_magnitude(magnitude: float, unit: str) -> str:
    """:func:`format_quantity` of *magnitude* in *unit*, without making the quantity.

    Example:
        >>> format_magnitude(1357.41, "hundred_million_yuan"), format_magnitude(float("nan"), "m")
        ('1,357.41亿元', '—')
    """
    return _written(float(magnitude), _label_of_text(unit))


def format_figure(magnitude: float) -> str:
    """A magnitude as :func:`format_quantity` writes it, without a unit.

    Thousands separators and two decimals at most; from 1e15 up and under
    0.005 the exponent form with six significant figures. ``0`` for either
    zero, ``—`` for NaN.

    Example:
        >>> format_figure(2198.4321), format_figure(14500.0), format_figure(1e20)
        ('2,198.43', '14,500', '1e+20')
        >>> format_figure(0.004), format_figure(1e-40), format_figure(-0.0)
        ('0.004', '1e-40', '0')
    """
    return _figure(float(magnitude))


def _written(mag: float, label: str) -> str:
    text = _figure(mag)
    if mag != mag:  # noqa: PLR0124 (NaN test)
        return text
    return f"{text}{label}" if label in _TIGHT else f"{text} {label}"


@functools.lru_cache(maxsize=1024)
def _text(unit: object) -> str:
    """``str(unit)``, which pint writes slowly and a report writes many times."""
    return str(unit)


def _label(unit: object) -> str:
    """The short label of *unit*."""
    text = _text(unit)
    return _SHORT.get(text, text)


@functools.lru_cache(maxsize=1024)
def _label_of_text(unit: str) -> str:
    from innovplan.units._registry import registry

    return _label(registry().Unit(unit))


def split_quantity(q: Quantity, unit: str) -> tuple[str, str]:
    """*q*'s magnitude in *unit* as :func:`format_quantity` writes it: number, unit suffix.

    The number is written as :func:`format_figure` writes it; ``("—", "")``
    for a NaN magnitude.

    Example:
        >>> from innovplan.units import registry
        >>> split_quantity(registry().Quantity(9579.4, "enterprise"), "enterprise")
        ('9,579.4', ' enterprise')
        >>> split_quantity(registry().Quantity(-3.3e-42, "hundred_million_yuan"), "亿元")
        ('-3.3e-42', '亿元')
    """
    mag = float(q.magnitude)
    number = _figure(mag)
    if mag != mag:  # noqa: PLR0124 (NaN test)
        return number, ""
    label = _label_of_text(unit)
    return number, label if label in _TIGHT else f" {label}"


def _texts(values: list[str]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _floats(magnitudes: npt.ArrayLike) -> list[float]:
    out: list[float] = np.asarray(magnitudes, dtype=np.float64).ravel().tolist()
    return out


@functools.lru_cache(maxsize=1024)
def unit_text(unit: str) -> str:
    """*unit* as pint writes a quantity's units (``str(q.units)``), worked out once per name.

    Example:
        >>> unit_text("m**2"), unit_text("hundred_million_yuan / year")
        ('meter ** 2', 'hundred_million_yuan / year')
    """
    from innovplan.units._registry import registry

    return _text(registry().Unit(unit))


def format_magnitudes(magnitudes: npt.ArrayLike, unit: str) -> npt.NDArray[np.object_]:
    """:func:`format_magnitude` of every magnitude, all in one *unit*: an object array of text.

    The unit's label is looked up once; each number is written as
    :func:`format_quantity` writes it (``—`` for NaN).

    Example:
        >>> format_magnitudes([1357.41, float("nan")], "hundred_million_yuan").tolist()
        ['1,357.41亿元', '—']
    """
    label = _label_of_text(unit)
    sep = "" if label in _TIGHT else " "
    return _texts(
        [
            _NONE if m != m else f"{_figure(m)}{sep}{label}"  # noqa: PLR0124 (NaN test)
            for m in _floats(magnitudes)
        ]
    )


def split_magnitudes(
    magnitudes: npt.ArrayLike, unit: str
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """:func:`split_quantity` of every magnitude in *unit*: the numbers, then the unit suffixes.

    Example:
        >>> numbers, suffixes = split_magnitudes([9579.4, 17926.0], "enterprise")
        >>> numbers.tolist(), suffixes.tolist()
        (['9,579.4', '17,926'], [' enterprise', ' enterprise'])
    """
    mags = _floats(magnitudes)
    label = _label_of_text(unit)
    plain = label if label in _TIGHT else f" {label}"
    suffixes = ["" if m != m else plain for m in mags]  # noqa: PLR0124 (NaN test)
    return _texts([_figure(m) for m in mags]), _texts(suffixes)


def format_percents(magnitudes: npt.ArrayLike, *, sign: bool = False) -> npt.NDArray[np.object_]:
    """:func:`format_percent` of every magnitude: an object array of text.

    Example:
        >>> format_percents([11.0027, -2.7973], sign=True).tolist()
        ['+11.0 %', '-2.80 %']
    """
    plus = "+" if sign else ""
    return _texts(
        [
            _NONE
            if m != m  # noqa: PLR0124 (NaN test)
            else f"{plus if m >= 0 else ''}{_percent_figure(m)} %"
            for m in _floats(magnitudes)
        ]
    )


def format_percent(magnitude: float, *, sign: bool = False) -> str:
    """A rate in percent to three significant figures: ``11.0 %``, ``8.55 %``, ``1.27 %``.

    One decimal from 10 up, two below, so that an average so far and the rate
    still needed read alike. From 1e15 % up and under 0.005 % (which two
    decimals would show as 0.00) the exponent form, three significant figures.
    Zero is ``0.00 %`` whatever its sign; NaN is ``—``.

    Example:
        >>> format_percent(11.0027), format_percent(8.546672), format_percent(-2.7973, sign=True)
        ('11.0 %', '8.55 %', '-2.80 %')
        >>> format_percent(0.0012345), format_percent(-0.0, sign=True), format_percent(1e21)
        ('0.00123 %', '+0.00 %', '1e+21 %')
    """
    m = float(magnitude)
    if m != m:  # noqa: PLR0124 (NaN test)
        return _NONE
    return f"{'+' if sign and m >= 0 else ''}{_percent_figure(m)} %"


def _percent_figure(m: float) -> str:
    """A rate in percent, three significant figures: the number of :func:`format_percent`."""
    if not m:
        return "0.00"  # -0.0 too
    size = abs(m)
    if not _SHORTEST <= size < _LONGEST:
        return f"{m:.3g}"
    return f"{m:.1f}" if size >= 10 else f"{m:.2f}"


def format_rate(q: Quantity | None) -> str:
    """A rate in percent with three significant figures and a true minus: ``−5.43 %``.

    Example:
        >>> from innovplan.units import registry
        >>> format_rate(registry().Quantity(-0.054321, "dimensionless")), format_rate(None)
        ('−5.43 %', '—')
    """
    if q is None:
        return _NONE
    m = float(q.to("percent").magnitude)
    if m != m:  # noqa: PLR0124 (NaN test)
        return _NONE
    return f"{'−' if m < 0 else ''}{_percent_figure(abs(m))} %"


def format_change(q: Quantity | None) -> str:
    """A change with its sign: ``+1.3 year``, ``−3.28 %``.

    Example:
        >>> from innovplan.units import registry
        >>> Q = registry().Quantity
        >>> format_change(Q(1.3, "year")), format_change(Q(-3.28, "percent"))
        ('+1.3 year', '−3.28 %')
    """
    if q is None or q.magnitude != q.magnitude:
        return _NONE
    if _text(q.units) == "percent":
        text = format_rate(q)
        return text if text.startswith("−") else f"+{text}"
    text = format_quantity(q)
    return text.replace("-", "−", 1) if text.startswith("-") else f"+{text}"


def format_per_year(q: Quantity | None, unit: str | None = None) -> str:
    """A change per year as ``+92.59亿元/yr``.

    *unit* is the indicator's: pint cancels years per year, so a rate of life
    expectancy arrives without its unit and prints as ``+0.2 year/yr``.

    Example:
        >>> from innovplan.units import registry
        >>> format_per_year(registry().Quantity(92.59, "hundred_million_yuan / year"))
        '+92.59亿元/yr'
    """
    if q is None or q.magnitude != q.magnitude:
        return _NONE
    per = _text(q.units).removesuffix(" / year")
    if per in {"1", "1 / year", "dimensionless"}:
        per = unit if unit is not None else "dimensionless"
    sign = "+" if float(q.magnitude) >= 0 else ""
    if per == "dimensionless":
        number, _ = split_quantity(q, "dimensionless")
        return sign + number + "/yr"
    number, suffix = split_quantity(q, per)
    suffix = suffix.replace("percentage_point", "pp")
    return sign + number + suffix + "/yr"
