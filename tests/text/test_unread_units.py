"""A unit word after a number in a target phrase is read or refused, never dropped."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovplan as ip
from innovplan.errors import (
    AmbiguousUnitError,
    RefusedUnitError,
    TargetParseError,
    UnreadUnitError,
)
from innovplan.units import registry_name

# (phrase, the word refused, its span, the registry's reading named in the message)
REFUSED = [
    ("3 Mt by 2025", "Mt", (2, 4), "megametric_ton"),
    ("5 kilotonne by 2025", "kilotonne", (2, 11), "kilometric_ton"),
    ("emissions below 3 Mt by 2025", "Mt", (18, 20), "megametric_ton"),
    ("above 5 kilotonne by 2025", "kilotonne", (8, 17), "kilometric_ton"),
    ("five Mt by 2025", "Mt", (5, 7), "megametric_ton"),
    ("emissions between 3 and 5 Mt by 2025", "Mt", (26, 28), "megametric_ton"),
]


def _refused(text, word, span):
    # The phrase is refused at the word, whose span and text the error holds.
    with pytest.raises(UnreadUnitError) as info:
        ip.parse_target(text)
    err = info.value
    assert (err.word, err.span, err.text) == (word, span, text)
    assert text[span[0] : span[1]] == word
    return str(err)


@pytest.mark.parametrize(("text", "word", "span", "reading"), REFUSED)
def test_unit_word_outside_the_vocabulary_is_refused(text, word, span, reading):
    msg = _refused(text, word, span)
    assert f"reads it as {reading}" in msg
    assert "plan vocabulary" in msg
    assert "parse_quantity" in msg


# (phrase, the word refused, its span, pint's reading, what to write instead)
REFUSED_BY_THE_RULE = [
    # Before, the advice was "write the prefix as a word: 'megatesla'": trade
    # tables' MT is the metric ton, and the advice named pint's reading.
    ("capacity of 3 MT by 2025", "MT", (14, 16), "megatesla", "write 't' or 'tonne'"),
    # pint's printer's point, where a score rises by points (percentage or index).
    ("raise the score 5 points by 2025", "points", (18, 24), "point", "'percentage_point'"),
    ("reach 5 pc by 2025", "pc", (8, 10), "parsec", "'percent' for per cent"),
    ("output of 5 k by 2025", "k", (12, 13), "boltzmann_constant", "a thousand"),
    ("a farm of 30 mu by 2025", "mu", (13, 15), "milliunified_atomic_mass_unit", "hectare"),
]


@pytest.mark.parametrize(("text", "word", "span", "reading", "advice"), REFUSED_BY_THE_RULE)
def test_a_word_the_unit_rule_refuses_is_refused_with_its_advice(text, word, span, reading, advice):
    # The rule of every door (registry_name): pint's reading and what to write instead.
    msg = _refused(text, word, span)
    assert f"reads it as {reading} and refuses it" in msg
    assert advice in msg
    assert "plan vocabulary" in msg


@pytest.mark.parametrize(
    "text",
    [
        "emissions below 3 Mt by 2025",
        "above 5 kilotonne by 2025",
        "emissions between 3 and 5 Mt by 2025",
    ],
)
def test_parse_targets_refuses_where_a_target_would_be_a_plain_number(text):
    # Before, each gave a target of plain 3 or 5: the unit word was dropped.
    with pytest.raises(UnreadUnitError):
        ip.parse_targets(text)


@pytest.mark.parametrize(
    ("text", "same_with_tonnes"),
    [("3 Mt by 2025", "3 tonnes by 2025"), ("five Mt by 2025", "five tonnes by 2025")],
)
def test_a_number_that_is_no_target_gives_none_either_way(text, same_with_tonnes):
    # "3 tonnes by 2025" names nothing measured, so it is no target; the same
    # words with "Mt" are none either, rather than an error for the whole text.
    assert ip.parse_targets(same_with_tonnes) == []
    assert ip.parse_targets(text) == []


def test_a_note_with_a_unit_word_does_not_stop_a_document():
    text = (
        "Energy is counted in tonnes of standard coal (29.3076 GJ a tonne). "
        "The number of high-tech enterprises will exceed 13,000 by 2025."
    )
    (t,) = ip.parse_targets(text)
    assert t.value == ip.Q_(13000, "enterprise")


def test_the_refusal_suggests_the_quantity_with_its_number():
    # "3 million Mt": the number read is 3 × 10**6, so the suggestion is 3000000 Mt.
    with pytest.raises(UnreadUnitError, match=r"parse_quantity\('3000000 Mt'\)"):
        ip.parse_targets("cut emissions below 3 million Mt by 2025")


@pytest.mark.parametrize(
    ("text", "words", "span"),
    [
        ("5 a year by 2025", "a year", (2, 8)),
        ("patents growing 5 a year by 2025", "a year", (18, 24)),
        ("5 per year by 2025", "per year", (2, 10)),
        ("grow 5 per year by 2025", "per year", (7, 15)),
        ("output of 5 per annum by 2025", "per annum", (12, 21)),
    ],
)
def test_a_plain_number_a_year_is_refused(text, words, span):
    # The model holds levels, totals, changes and percent growth, not an amount a year.
    with pytest.raises(UnreadUnitError) as info:
        ip.parse_targets(text)
    err = info.value
    assert (err.word, err.span) == (words, span)
    assert text[span[0] : span[1]] == words
    assert "% a year" in str(err)
    assert "patents a year" in str(err)


def test_words_of_the_phrase_are_not_units():
    # "a" is pint's annum, "in" the inch, "units" the micro-nit: here they are words.
    (t,) = ip.parse_targets("reach 5 units by 2025")
    assert t.value == ip.Q_(5, "dimensionless")
    (t,) = ip.parse_targets("5 patents a year by 2025")
    assert t.value == ip.Q_(5, "patent")
    (t,) = ip.parse_targets("patents growing 5 % a year by 2025")
    assert t.value == ip.Q_(5, "percent")
    assert t.basis is ip.model.Basis.AVERAGE_ANNUAL


def test_the_vocabulary_still_reads_its_units():
    (t,) = ip.parse_targets("output of 5 t by 2025")
    assert t.value == ip.Q_(5, "metric_ton")
    (t,) = ip.parse_targets("technology contract turnover above 145 billion yuan in 2023")
    assert t.value.to("yuan").magnitude == pytest.approx(145e9)


def test_an_ambiguous_symbol_is_still_named_as_ambiguous():
    with pytest.raises(AmbiguousUnitError, match="position 24"):
        ip.parse_targets("reduce emissions to 500 kt by 2025")


def test_the_error_is_a_target_parse_error_and_pickles():
    with pytest.raises(UnreadUnitError) as info:
        ip.parse_target("3 Mt by 2025")
    err = info.value
    assert isinstance(err, TargetParseError)
    back = pickle.loads(pickle.dumps(err))
    assert (str(back), back.word, back.span) == (str(err), err.word, err.span)


_GRAMMAR = {"a", "an", "are", "as", "at", "by", "in", "is", "of", "on", "or", "the", "to"}
_GRAMMAR |= {"and", "for", "from", "per", "than", "unit", "units"}
_WORDS = sorted(
    w
    for w in dir(ip.units.registry())
    if w.isascii() and w.isalpha() and w.lower() not in _GRAMMAR and len(w) < 20
)


def _unit_word(word: str) -> bool:
    try:
        return registry_name(word) is not None
    except RefusedUnitError:  # an ambiguous symbol too
        return True


@given(
    number=st.integers(min_value=1, max_value=10**6),
    word=st.sampled_from(_WORDS).filter(_unit_word),
    lead=st.sampled_from(["reach", "more than", "the output exceeded", "keep below"]),
)
def test_a_number_before_a_unit_word_is_never_a_plain_number(number, word, lead):
    text = f"{lead} {number} {word} by 2025"
    try:
        targets = ip.parse_targets(text)
    except ip.errors.InnovplanError:
        return
    for t in targets:
        assert str(t.value.units) != "dimensionless", (text, t.value)


def test_bn_and_mn_are_magnitudes_not_dropped_words():
    # "145 bn yuan" stopped reading at "bn" and gave a plain 145; it is
    # 145 x 10^9 yuan = 1450 x 10^8 yuan, the same target as "145 billion yuan".
    by_bn = ip.parse_targets("technology contract turnover above 145 bn yuan by 2025", year=2023)
    by_word = ip.parse_targets(
        "technology contract turnover above 145 billion yuan by 2025", year=2023
    )
    assert [t.value for t in by_bn] == [t.value for t in by_word]
    assert by_bn[0].value.to("yuan").magnitude == 145_000_000_000


@pytest.mark.parametrize(
    ("phrase", "span"),
    [
        # "more than 5 " is 12 characters: "m people" spans 12..20.
        ("more than 5 m people by 2025", (12, 20)),
        # "turnover above 3 " is 17 characters: "m yuan" spans 17..23.
        ("turnover above 3 m yuan by 2025", (17, 23)),
    ],
)
def test_m_before_a_unit_is_refused_not_read_as_metres(phrase, span):
    # Financial writing's "m" for million was read as the metre and the unit
    # after it dropped: "5 m people" gave a target of 5 metres.
    with pytest.raises(UnreadUnitError, match="reads as the metre") as info:
        ip.parse_target(phrase, year=2023)
    assert info.value.span == span


@pytest.mark.parametrize(
    "phrase", ["a wall 5 m high by 2025", "build 500 m of road by 2025", "a bridge of 5 m by 2025"]
)
def test_m_of_length_stays_metres(phrase):
    target = ip.parse_target(phrase, year=2023)
    assert str(target.value.units) == "meter"
