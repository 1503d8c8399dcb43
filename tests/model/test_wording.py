import pytest

from innovplan.errors import ModelError
from innovplan.model import Wording
from innovplan.model._wording import detect_language


def test_plain_string_gets_its_language_guessed():
    assert dict(Wording("技术合同成交额突破1450亿元")) == {"zh": "技术合同成交额突破1450亿元"}
    assert dict(Wording("exceed 145 billion yuan")) == {"en": "exceed 145 billion yuan"}
    assert detect_language("13,000 家") == "zh"


def test_mapping_behaviour_and_str_is_first_text():
    w = Wording({"en": "high-tech enterprises", "zh": "高新技术企业"})
    assert w["zh"] == "高新技术企业"
    assert list(w) == ["en", "zh"]
    assert len(w) == 2
    assert str(w) == "high-tech enterprises"
    assert w.in_language("fr") == "high-tech enterprises"
    assert w.in_language("fr", fallback=False) == ""
    with pytest.raises(KeyError):
        w["fr"]


def test_empty_wording_is_falsy_and_prints_empty():
    assert not Wording()
    assert not Wording("")
    assert str(Wording()) == ""


def test_with_text_replaces_or_adds():
    w = Wording("reach 30").with_text("zh", "达到30件")
    assert dict(w) == {"en": "reach 30", "zh": "达到30件"}
    assert w.with_text("en", "reached 30")["en"] == "reached 30"


def test_duplicate_language_is_refused():
    with pytest.raises(ModelError, match="a language appears twice"):
        Wording([("en", "a"), ("en", "b")])


def test_hashable_and_equal_by_content():
    a = Wording({"en": "x", "zh": "乙"})
    b = Wording([("en", "x"), ("zh", "乙")])
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_equal_to_a_mapping_with_the_same_texts_in_any_order():
    w = Wording({"en": "x", "zh": "乙"})
    assert w == {"zh": "乙", "en": "x"}
    assert w == Wording({"zh": "乙", "en": "x"})
    assert hash(w) == hash(Wording({"zh": "乙", "en": "x"}))
    assert w != {"en": "x"}
    assert w != "x"
