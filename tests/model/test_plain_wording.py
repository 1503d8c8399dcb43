"""``plain_wording`` builds the wording of a plain dict, and declines anything else."""

from __future__ import annotations

import pytest

from innovplan.errors import ModelError
from innovplan.model import Wording, checked_wording, plain_wording


class Tag(str):
    """A str subclass: not the exact type the fast path takes."""

    __slots__ = ()


def test_plain_dict_gives_the_wording_with_its_order() -> None:
    texts = {"zh": "达到30件", "en": "reach 30"}
    got = plain_wording(texts)
    assert type(got) is Wording
    assert got == Wording(texts)
    assert got.texts == (("zh", "达到30件"), ("en", "reach 30"))
    assert str(got) == "达到30件"


def test_empty_dict_gives_the_empty_wording() -> None:
    got = plain_wording({})
    assert got == Wording()
    assert not got


@pytest.mark.parametrize(
    "texts",
    [
        {"en": 30},
        {"": "reach 30"},
        {1: "reach 30"},
        {"en": None},
        {Tag("en"): "reach 30"},
        {"en": Tag("reach 30")},
    ],
)
def test_anything_else_is_declined(texts: dict[object, object]) -> None:
    assert plain_wording(texts) is None


def test_checked_wording_still_gives_wordings_messages() -> None:
    with pytest.raises(ModelError, match="a language tag is empty"):
        checked_wording({"": "reach 30"})
    # A str subclass is converted by Wording itself, as before.
    assert checked_wording({Tag("en"): "reach 30"}) == Wording({"en": "reach 30"})
