from fractions import Fraction

import pytest

from innovplan.errors import QuantityParseError
from innovplan.units._numbers import (
    normalise,
    read_exact_number,
    read_magnitude,
    read_number,
    to_python_number,
)


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("13,000", 13000, 6),
        ("13，000", 13000, 6),  # full-width comma
        ("1,234,567.5", 1234567.5, 11),
        ("1.3万", 13000, 4),  # 1.3 x 10^4
        ("1450亿", 145_000_000_000, 5),  # 1450 x 10^8
        ("1.5万亿", 1_500_000_000_000, 5),  # 1.5 x 10^12
        ("3千万", 30_000_000, 3),  # 3 x 10^7
        ("2百万", 2_000_000, 3),
        ("4千", 4000, 2),
        ("5百", 500, 2),
        ("6十", 60, 2),
        ("145 billion", 145_000_000_000, 11),
        ("1.2 million", 1_200_000, 11),
        ("2 thousand", 2000, 10),
        ("3 trillion", 3_000_000_000_000, 10),
        ("1.2 Million", 1_200_000, 11),
        ("145 bn", 145_000_000_000, 6),  # 145 x 10^9, financial writing's "bn"
        ("3.2 mn", 3_200_000, 6),  # 3.2 x 10^6
        ("145 bnx", 145, 3),  # no word boundary after "bn": not a magnitude
        ("一千三百", 1300, 4),
        ("两万", 20000, 2),
        ("十一点五", 11.5, 4),
        ("十", 10, 1),
        ("一百零五", 105, 4),
        ("〇点五", 0.5, 3),
        ("零点二五", 0.25, 4),
        ("两万三千", 23000, 4),
        ("三亿五千万", 350_000_000, 5),  # 3 x 10^8 + 5000 x 10^4
        ("一万亿", 10**12, 3),
        ("二〇二三", 2023, 4),
        ("壹仟贰佰", 1200, 4),
        ("１２３", 123, 3),  # full-width digits
        ("１．５万", 15000, 4),
        ("-3.5", -3.5, 4),
        ("1.2e6", 1_200_000, 5),
        ("1e-07", 1e-07, 5),
        ("0.1", 0.1, 3),
    ],
)
def test_read_number(text: str, value: float, end: int) -> None:
    result = read_number(text)
    assert result == (value, end)
    assert type(result[0]) is type(value)  # ints stay ints: 13000, not 13000.0


def test_one_point_three_wan_is_exactly_13000() -> None:
    number = read_exact_number("1.3万", 0)
    assert number is not None
    assert number.value == Fraction(13000)  # 1.3 * 10**4 in floats is 13000.000000000002


@pytest.mark.parametrize("text", ["", "abc", "万", "百分之十", ".5", "e5", "about 5"])
def test_no_number(text: str) -> None:
    assert read_number(text) is None


def test_magnitudes_can_be_left_to_the_caller() -> None:
    assert read_number("1.3万", magnitudes=False) == (1.3, 3)


def test_group_separator_needs_three_digits() -> None:
    assert read_number("1,2") == (1, 1)
    assert read_number("1,2345") == (1, 1)


def test_second_decimal_point_stops_the_number() -> None:
    assert read_number("1.2.3") == (1.2, 3)


def test_reading_from_the_middle() -> None:
    assert read_number("超过1450亿元", 2) == (145_000_000_000, 7)


def test_hyphenated_word_is_not_a_magnitude() -> None:
    assert read_number("3 hundred_million_yuan") == (3, 1)


def test_too_many_digits() -> None:
    with pytest.raises(QuantityParseError) as info:
        read_number("9" * 301)
    assert info.value.position == 0


def test_too_large_for_a_float() -> None:
    with pytest.raises(QuantityParseError):
        read_number("9" * 300 + ".5e300")


def test_magnitude_words_multiply() -> None:
    assert read_magnitude("万亿", 0) == (10**12, 2)
    assert read_magnitude(" thousand million", 0) == (10**9, 17)
    assert read_magnitude("百分之", 0) is None


def test_to_python_number() -> None:
    assert to_python_number(Fraction(10**300), integral_text=True) == 10**300
    assert to_python_number(Fraction(10**300)) == 1e300  # a float, as "1e300" means
    assert isinstance(to_python_number(Fraction(10**300)), float)
    assert to_python_number(Fraction(3, 2)) == 1.5


def test_normalise_keeps_length() -> None:
    text = "１２，３４５．６％　／"
    assert normalise(text) == "12,345.6% /"
    assert len(normalise(text)) == len(text)
