"""Numbers of any size written readably, and the same by the row and the array writers."""

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovplan.units import (
    format_change,
    format_figure,
    format_magnitude,
    format_magnitudes,
    format_number,
    format_per_year,
    format_percent,
    format_percents,
    format_quantity,
    format_rate,
    normalise,
    read_exact_number,
    registry,
    split_magnitudes,
    split_quantity,
)

Q_ = registry().Quantity
NAN = float("nan")
INF = float("inf")

# Units whose label sits against the number (亿元, %) and apart from it (yuan, a count).
UNITS = ["hundred_million_yuan", "yuan", "percent", "enterprise"]
SUFFIX = {
    "hundred_million_yuan": "亿元",
    "yuan": " yuan",
    "percent": "%",
    "enterprise": " enterprise",
}


# Expected numbers by hand. Inside 0.005..1e15: thousands separators, two decimals
# at most. Outside: six significant figures in Python's exponent form.
#   123456789012345678901234567890 = 1.23456|789...e29 -> the seventh digit 7 rounds
#   the sixth up: 1.23457e+29.
#   0.004 < 0.005: two decimals would write 0, so 0.004 is written as it is.
#   1e15 is the first magnitude in exponent form; 999,999,999,999,999 the last in full.
@pytest.mark.parametrize(
    ("magnitude", "number"),
    [
        (1e-40, "1e-40"),
        (-3.3e-42, "-3.3e-42"),
        (1e300, "1e+300"),
        (1e21, "1e+21"),
        (123456789012345678901234567890, "1.23457e+29"),
        (0, "0"),
        (0.0, "0"),
        (-0.0, "0"),
        (0.004, "0.004"),
        (-0.004, "-0.004"),
        (0.005, "0.01"),  # the float 0.005 is 0.005000000000000000104..., rounds up
        (1e15, "1e+15"),
        (999_999_999_999_999, "999,999,999,999,999"),
        (1450, "1,450"),
        (2198.4321, "2,198.43"),
        (INF, "inf"),
        (-INF, "-inf"),
    ],
)
@pytest.mark.parametrize("unit", UNITS)
def test_every_quantity_writer_writes_the_number_readably(
    magnitude: float, number: str, unit: str
) -> None:
    suffix = SUFFIX[unit]
    q = Q_(magnitude, unit)
    assert format_quantity(q) == number + suffix
    assert format_magnitude(magnitude, unit) == number + suffix
    assert format_figure(magnitude) == number
    assert split_quantity(q, unit) == (number, suffix)
    numbers, suffixes = split_magnitudes([magnitude], unit)
    assert (numbers.tolist(), suffixes.tolist()) == ([number], [suffix])
    assert format_magnitudes([magnitude], unit).tolist() == [number + suffix]


def test_a_tiny_rate_needed_is_not_a_prefix_glued_to_an_exponent() -> None:
    # The pace sentence's writer: the number was written in fixed point ("-0") and
    # the exponent text cut after it, "-0" + ".3e-42亿元".
    q = Q_(-3.3e-42, "hundred_million_yuan / year")
    assert format_per_year(q) == "-3.3e-42亿元/yr"
    assert format_per_year(Q_(1e-40, "hundred_million_yuan / year")) == "+1e-40亿元/yr"
    assert format_per_year(Q_(1e21, "enterprise / year")) == "+1e+21 enterprise/yr"
    # A negative zero is neither "+-0" nor "-0": no change is "+0".
    assert format_per_year(Q_(-0.0, "hundred_million_yuan / year")) == "+0亿元/yr"
    assert format_change(Q_(-0.0, "enterprise")) == "+0 enterprise"


def test_a_huge_number_is_not_hundreds_of_digits() -> None:
    for text in (format_number(1e300), split_quantity(Q_(1e300, "yuan"), "yuan")[0]):
        assert text == "1e+300"
    assert format_percent(1e300) == "1e+300 %"


def test_nan_is_a_dash_in_every_writer() -> None:
    q = Q_(NAN, "hundred_million_yuan")
    assert format_quantity(q) == "—"
    assert format_magnitude(NAN, "hundred_million_yuan") == "—"
    assert format_figure(NAN) == "—"
    assert format_number(NAN) == "—"
    assert split_quantity(q, "hundred_million_yuan") == ("—", "")
    assert format_change(q) == "—"
    assert format_per_year(Q_(NAN, "hundred_million_yuan / year")) == "—"
    assert format_percent(NAN, sign=True) == "—"
    assert format_rate(Q_(NAN, "percent")) == "—"
    assert format_percents([NAN]).tolist() == ["—"]


# Rates: three significant figures, one decimal from 10 % up, two below; under
# 0.005 % (0.00 in two decimals) and from 1e15 % up, exponent form with three.
#   0.0012345 % -> 0.00123 %; 123456789012345678901234567890 % -> 1.23e+29 %.
@pytest.mark.parametrize(
    ("magnitude", "plain", "signed", "rate"),
    [
        (11.0027, "11.0 %", "+11.0 %", "11.0 %"),
        (-2.7973, "-2.80 %", "-2.80 %", "−2.80 %"),
        (1e-40, "1e-40 %", "+1e-40 %", "1e-40 %"),
        (-3.3e-42, "-3.3e-42 %", "-3.3e-42 %", "−3.3e-42 %"),
        (0.0012345, "0.00123 %", "+0.00123 %", "0.00123 %"),
        (1e21, "1e+21 %", "+1e+21 %", "1e+21 %"),
        (123456789012345678901234567890, "1.23e+29 %", "+1.23e+29 %", "1.23e+29 %"),
        (0.0, "0.00 %", "+0.00 %", "0.00 %"),
        (-0.0, "0.00 %", "+0.00 %", "0.00 %"),
        (INF, "inf %", "+inf %", "inf %"),
    ],
)
def test_percent_writers(magnitude: float, plain: str, signed: str, rate: str) -> None:
    assert format_percent(magnitude) == plain
    assert format_percent(magnitude, sign=True) == signed
    assert format_percents([magnitude]).tolist() == [plain]
    assert format_percents([magnitude], sign=True).tolist() == [signed]
    assert format_rate(Q_(magnitude, "percent")) == rate
    assert format_rate(Q_(magnitude / 100, "dimensionless")) == rate


def _exact(text: str) -> Fraction:
    """The number *text* writes, read back exactly by the package's own number reader."""
    norm = normalise(text)
    read = read_exact_number(norm, 0, magnitudes=False)
    assert read is not None, text
    assert read.end == len(norm), text
    return read.value


def _assert_shown_within_precision(text: str, x: float, *, fixed: Fraction, digits: int) -> None:
    """*text* reads back as *x* to within half its last shown place.

    In full, at most two decimals: off by 0.005 at most. In exponent form with
    *digits* significant figures: off by half a unit in the last, at most
    0.5 * 10**(1 - digits) * |x|.
    """
    err = abs(_exact(text) - Fraction(x))
    size = abs(x)
    if 0.005 <= size < 1e15:
        assert "e" not in text
        assert err <= fixed, (text, x)
    else:
        assert len(text.lstrip("-").replace(".", "").split("e")[0].lstrip("0")) <= digits
        assert err <= Fraction(1, 2) * Fraction(10) ** (1 - digits) * Fraction(size), (text, x)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_figure_reads_back_within_its_precision(x: float) -> None:
    text = format_figure(x)
    # "-1.23457e+300" is the longest exponent form; "-999,999,999,999,999.99" the longest in full.
    assert len(text) <= len("-999,999,999,999,999.99")
    _assert_shown_within_precision(text, x, fixed=Fraction(1, 200), digits=6)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_percent_reads_back_within_its_precision(x: float) -> None:
    text = format_percent(x)
    assert text.endswith(" %")
    number = text.removesuffix(" %")
    # One decimal from 10 up (off by 0.05 at most), two below (0.005).
    fixed = Fraction(1, 20) if abs(x) >= 10 else Fraction(1, 200)
    _assert_shown_within_precision(number, x, fixed=fixed, digits=3)


@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=8),
    st.sampled_from(UNITS),
)
def test_row_and_array_writers_agree(xs: list[float], unit: str) -> None:
    numbers, suffixes = split_magnitudes(xs, unit)
    written = format_magnitudes(xs, unit).tolist()
    for x, number, suffix, whole in zip(
        xs, numbers.tolist(), suffixes.tolist(), written, strict=True
    ):
        q = Q_(x, unit)
        assert split_quantity(q, unit) == (number, suffix)
        assert format_quantity(q) == whole == format_magnitude(x, unit)
        assert number + suffix == whole
        if math.isfinite(x):
            assert format_number(x) == number == format_figure(x)
    percents = format_percents(xs, sign=True).tolist()
    assert percents == [format_percent(x, sign=True) for x in xs]
