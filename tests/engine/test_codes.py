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


def test_unknown_code_raises() -> None:
    with pytest.raises(IndexError):
        c.member(Direction, 9)


def test_flags_are_distinct_bits_with_names() -> None:
    bits = [bit for bit, _ in c.FLAG_NAMES]
    assert len(set(bits)) == len(bits)
    assert all(b & (b - 1) == 0 for b in bits)
    assert c.flag_names(0) == ()
    assert c.flag_names(c.LATE | c.BOUND) == ("evidence is a bound", "achieved late")
