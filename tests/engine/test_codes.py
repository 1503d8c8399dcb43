"""Enum codes and flags of the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

from innovplan.engine import _codes as c
from innovplan.model import Basis, Bound, Comparator, Direction, Measure, Nature, Status

if TYPE_CHECKING:
    import enum


def test_constants_match_the_enums() -> None:
    c.check_codes()


@pytest.mark.parametrize("kind", [Basis, Bound, Comparator, Direction, Measure, Nature, Status])
def test_every_member_round_trips(kind: type[enum.Enum]) -> None:
    for m in kind:
        assert c.member(kind, c.code(m)) is m
    arr = c.codes(list(kind))
    assert arr.dtype == np.int8
    assert arr.tolist() == list(range(len(kind)))


@pytest.mark.parametrize("kind", [Basis, Bound, Comparator, Direction, Measure, Nature, Status])
def test_each_model_enum_has_one_code_enum_member_for_member(kind: type[enum.Enum]) -> None:
    coded = c.CODE_ENUMS[kind]
    for m in kind:
        assert coded(c.code(m)).name == m.name


def test_progress_categories_are_status_codes() -> None:
    for category in c.Category:
        name = "NO_DATA" if category.name == "NOT_ASSESSABLE" else category.name
        assert c.member(Status, category) is Status[name]


def test_a_code_enum_out_of_step_with_its_model_enum_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from enum import IntEnum

    # Direction reordered in the code enum only: NEAR and DECREASE swapped.
    swapped = IntEnum("DirectionCode", [("INCREASE", 0), ("NEAR", 1), ("DECREASE", 2)])
    monkeypatch.setitem(c.CODE_ENUMS, Direction, swapped)
    with pytest.raises(AssertionError, match="DirectionCode does not mirror Direction"):
        c.check_codes()


def test_unknown_code_raises() -> None:
    with pytest.raises(IndexError):
        c.member(Direction, 9)


def test_flags_are_distinct_bits_with_names() -> None:
    bits = [bit for bit, _ in c.FLAG_NAMES]
    assert len(set(bits)) == len(bits)
    assert all(b & (b - 1) == 0 for b in bits)
    assert c.flag_names(0) == ()
    assert c.flag_names(c.LATE | c.BOUND) == ("evidence is a bound", "achieved late")
