"""checked_target and checked_wording build what the classes build, and refuse what they refuse."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from innovplan import Q_
from innovplan.errors import InnovplanError
from innovplan.model import (
    Basis,
    Comparator,
    Group,
    Indicator,
    Measure,
    Milestone,
    Nature,
    Observation,
    Target,
    Tolerance,
    Wording,
    checked_target,
    checked_wording,
)
from innovplan.model._target import VALIDATED_FIELDS
from innovplan.testing import targets

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
SHARE = Indicator("share", "digital share", unit="percent", measure=Measure.SHARE)
ARGS = ("T8", HTE, Comparator.MORE_THAN, Q_(13000, "enterprise"), dt.date(2023, 12, 31))


def _outcome(build: Any, *args: object, **kwargs: object) -> object:
    try:
        return build(*args, **kwargs)
    except InnovplanError as exc:
        return f"{type(exc).__name__}: {exc}"


def _fields(target: Target) -> list[tuple[str, type, object]]:
    return [
        (a.name, type(getattr(target, a.name)), getattr(target, a.name))
        for a in attrs.fields(Target)
    ]


def test_it_checks_every_field_target_validates() -> None:
    # checked_target runs these validators itself: a new one must be added there.
    assert (
        tuple(a.name for a in attrs.fields(Target) if a.validator is not None) == VALIDATED_FIELDS
    )


@settings(max_examples=300, deadline=None)
@given(targets())
def test_generated_targets_build_the_same(target: Target) -> None:
    kwargs = {a.name: getattr(target, a.name) for a in attrs.fields(Target) if a.kw_only}
    built = checked_target(*(getattr(target, n) for n in ARG_NAMES), **kwargs)
    assert built == target
    assert type(built) is Target
    assert _fields(built) == _fields(target)


ARG_NAMES = ("id", "indicator", "comparator", "value", "deadline")

VALID: list[dict[str, object]] = [
    {},
    {"weight": 2},  # an int stays an int, as Target keeps it
    {"wording": Wording({"en": "more than 13,000"})},
    {"wording": "突破13000家"},  # converted by Target itself
    {"comparator": "more_than", "deadline": "2023-12-31"},
    {"value": "1.3万家"},
    {"start": dt.date(2023, 1, 1), "plan_start": dt.date(2021, 1, 1)},
    {"group": {"sex": "F"}},
    {"every": ("region",)},
    {"basis": Basis.CHANGE, "nature": Nature.BINDING},
    {"comparator": Comparator.ABOUT, "tolerance": Tolerance(relative=0.05)},
    {"milestones": (Milestone("2023-06-30", Q_(12000, "enterprise")),)},
    {"baseline": Observation("hte", Q_(12000, "enterprise"), 2022)},
]


@pytest.mark.parametrize("kwargs", VALID, ids=repr)
def test_it_builds_what_target_builds(kwargs: dict[str, Any]) -> None:
    args = dict(zip(ARG_NAMES, ARGS, strict=True))
    args |= {k: v for k, v in kwargs.items() if k in ARG_NAMES}
    rest = {k: v for k, v in kwargs.items() if k not in ARG_NAMES}
    built = checked_target(*args.values(), **rest)
    expected = Target(*args.values(), **rest)
    assert built == expected
    assert _fields(built) == _fields(expected)


INVALID: list[dict[str, object]] = [
    {"id": "T 8"},
    {"id": 8},
    {"indicator": "hte"},
    {"indicator": SHARE},  # enterprises do not fit a percent
    {"comparator": "more"},
    {"value": Q_(-5, "enterprise")},
    {"value": Q_(float("nan"), "enterprise")},
    {"value": 13000},
    {"deadline": "2023-02-30"},
    {"upper": Q_(14000, "enterprise")},
    {"comparator": Comparator.BETWEEN, "upper": Q_(10, "enterprise")},
    {"basis": Basis.CUMULATIVE},
    {"start": dt.date(2024, 1, 1)},
    {"nature": "strict"},
    {"tolerance": 0.05},
    {"baseline": Observation("other", Q_(1, "enterprise"), 2022)},
    {"baseline": 5},
    {"wording": 5},
    {"weight": -1.0},
    {"weight": float("nan")},
    {"weight": float("inf")},
    {"weight": True},
    {"weight": "1"},
    {"notes": None},
    {"group": 5},
    {"every": ("sex", "sex")},
    {"versus": {"sex": "M"}},
    {"milestones": (Milestone("2024-06-30", Q_(1, "enterprise")),)},
]


@pytest.mark.parametrize("kwargs", INVALID, ids=repr)
def test_it_refuses_what_target_refuses_with_the_same_words(kwargs: dict[str, Any]) -> None:
    args = dict(zip(ARG_NAMES, ARGS, strict=True))
    args |= {k: v for k, v in kwargs.items() if k in ARG_NAMES}
    rest = {k: v for k, v in kwargs.items() if k not in ARG_NAMES}
    expected = _outcome(Target, *args.values(), **rest)
    assert isinstance(expected, str), expected
    assert _outcome(checked_target, *args.values(), **rest) == expected


@pytest.mark.parametrize(
    "texts",
    [
        "突破13000家",
        "more than 13,000",
        "",
        {"en": "a", "zh": "甲"},
        {"en": ""},
        {},
        Wording({"en": "a"}),
        [("en", "a")],
    ],
    ids=repr,
)
def test_checked_wording_builds_what_wording_builds(texts: object) -> None:
    built = checked_wording(texts)
    expected = Wording(texts)
    assert built == expected
    assert type(built) is Wording
    assert built.texts == expected.texts


@pytest.mark.parametrize("texts", [{"": "a"}, {"en": "a", "": "b"}, 5, None], ids=repr)
def test_checked_wording_refuses_what_wording_refuses(texts: object) -> None:
    expected = _outcome(Wording, texts)
    assert isinstance(expected, str)
    assert _outcome(checked_wording, texts) == expected


def test_a_group_is_kept_as_given() -> None:
    group = Group({"sex": "F"})
    assert checked_target(*ARGS, group=group).group is group
