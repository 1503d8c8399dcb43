"""Hostile arguments to every public entry point: only InnovplanError escapes, naming the argument.

Each case starts from a call that works and replaces one argument with a value
of the wrong type or out of range (None, a bool, a 5,000-digit integer, NaN,
bytes, a string of Arabic-Indic digits, an object whose repr raises, ...). The
call may accept the value (many arguments take several types) or refuse it;
when it refuses, the error is an :class:`InnovplanError` whose message names
the argument (or the model field it lands in).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovplan
from innovplan import Q_, errors
from innovplan.evaluate import IPCC_AR5
from innovplan.model import (
    Area,
    Goal,
    Indicator,
    Milestone,
    Observation,
    Period,
    Plan,
    Series,
    Source,
    Target,
    Task,
    Tolerance,
    Wording,
)

if TYPE_CHECKING:
    from collections.abc import Callable


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr refused")


_HOSTILE: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    10**5000,
    1e400,
    math.nan,
    -math.inf,
    0.05,
    "",
    " ",
    "x",
    "١.٠",
    "٢٠٢٣",
    "²",
    "2023-13-01",
    "strict",
    "1",
    b"2023",
    bytearray(b"x"),
    [],
    [None],
    [1.0],
    ["auto"],
    {},
    {"a": 1},
    (1, 2, 3),
    {1, 2},
    1 + 2j,
    object(),
    _BadRepr(),
    dt.date(2023, 12, 31),
    dt.datetime(2023, 12, 31, 23, 59),  # noqa: DTZ001 (a naive datetime is what arrives)
    Q_(1, "meter"),
    Q_(-5, "enterprise"),
    Q_(math.nan, "yuan"),
    Period.year(2023),
    Tolerance(relative=0.05),
    Source("s"),
    IPCC_AR5,
]
hostile = st.one_of(
    st.sampled_from(_HOSTILE),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=6),
    st.dates(),
    st.lists(st.one_of(st.integers(), st.text(max_size=4), st.none()), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _ind(**kw: Any) -> Indicator:
    return Indicator(
        **(
            {"id": "hte", "name": "high-tech enterprises", "unit": "enterprise", "measure": "level"}
            | kw
        )
    )


def _target(**kw: Any) -> Target:
    base: dict[str, Any] = {
        "id": "T8",
        "indicator": _ind(),
        "comparator": "more_than",
        "value": Q_(13000, "enterprise"),
        "deadline": "2025-12-31",
    }
    return Target(**(base | kw))


def _obs(year: int, value: float) -> Observation:
    return Observation("hte", Q_(value, "enterprise"), f"{year}-12-31")


_OBS = [_obs(2019, 9000), _obs(2020, 10000), _obs(2021, 11000), _obs(2022, 12000)]


def _plan(**kw: Any) -> Plan:
    base: dict[str, Any] = {
        "id": "p",
        "title": "plan",
        "start": "2023-01-01",
        "end": "2025-12-31",
        "goals": [Goal("G1", "goal", [_target()])],
        "areas": [Area("A1", "area", [Task("K1", "task", targets=["T8"])])],
    }
    return Plan(**(base | kw))


# Each entry point: a call taking keyword arguments, the arguments of a call
# that works, and for each argument the words one of which its error must hold.
_Call = tuple["Callable[..., object]", dict[str, Any]]


_CASES: dict[str, _Call] = {
    "Indicator": (
        Indicator,
        {"id": "hte", "name": "x", "unit": "enterprise", "measure": "level",
         "direction": "increase", "description": ""},
    ),
    "Target": (
        Target,
        {"id": "T8", "indicator": _ind(), "comparator": "more_than",
         "value": Q_(13000, "enterprise"), "deadline": "2025-12-31", "upper": None,
         "basis": "value", "start": None, "baseline": None, "nature": "binding",
         "tolerance": None, "wording": "exceed 13,000", "milestones": (), "weight": 1.0,
         "notes": ""},
    ),
    "Observation": (
        Observation,
        {"indicator": "hte", "value": Q_(1, "enterprise"), "period": 2023,
         "released": None, "bound": "exact", "source": None, "status": "", "note": ""},
    ),
    "Series": (Series, {"indicator": "hte", "observations": _OBS}),
    "Plan": (
        Plan,
        {"id": "p", "title": "plan", "start": "2023-01-01", "end": "2025-12-31",
         "goals": [Goal("G1", "goal", [_target()])], "areas": (), "released": None,
         "source": None, "notes": ""},
    ),
    "Goal": (Goal, {"id": "G1", "title": "g", "targets": (), "notes": ""}),
    "Task": (Task, {"id": "K1", "title": "k", "targets": (), "notes": ""}),
    "Area": (Area, {"id": "A1", "title": "a", "tasks": (), "notes": ""}),
    "Tolerance": (Tolerance, {"relative": 0.05}),
    "Milestone": (
        Milestone,
        {"deadline": "2024-12-31", "value": Q_(12500, "enterprise")},
    ),
    "Source": (Source, {"title": "t", "url": "", "quote": ""}),
    "Period": (Period, {"start": "2023-01-01", "end": "2023-12-31"}),
    "Wording": (Wording, {"texts": "x"}),
    "assess": (
        innovplan.assess,
        {"target": _target(), "observed": _OBS, "baseline": None, "as_of": None,
         "tolerance": None},
    ),
    "assess_many": (
        innovplan.assess_many,
        {"targets": [_target()], "observations": _OBS, "as_of": None, "tolerance": None},
    ),
    "forecast": (
        innovplan.forecast,
        {"target": _target(), "series": _OBS, "method": "auto", "level": 0.8, "as_of": None,
         "tolerance": None, "within_year": True, "scale": IPCC_AR5},
    ),
    "forecast_many": (
        innovplan.forecast_many,
        {"targets": [_target()], "observations": _OBS, "method": "auto", "level": 0.8,
         "as_of": None, "tolerance": None, "within_year": True, "scale": IPCC_AR5},
    ),
    "progress": (
        innovplan.progress,
        {"target": _target(), "series": _OBS, "method": "eurostat", "base": None,
         "window": None, "thresholds": None, "growth": "linear", "as_of": None,
         "tolerance": None, "limit": None},
    ),
    "evaluate": (
        innovplan.evaluate,
        {"plan": _plan(), "observations": _OBS, "as_of": None, "tolerance": None,
         "forecast_method": "auto", "level": 0.8, "progress_method": "eurostat",
         "scale": IPCC_AR5},
    ),
    "parse_target": (
        innovplan.parse_target,
        {"text": "high-tech enterprises exceed 13,000", "deadline": "2023-12-31", "lang": None},
    ),
    "parse_targets": (
        innovplan.parse_targets,
        {"text": "high-tech enterprises exceed 13,000", "deadline": "2023-12-31", "lang": None},
    ),
    "parse_quantity": (
        innovplan.parse_quantity,
        {"text": "1450亿元", "thing": None},
    ),
}  # fmt: skip

# Words the message may use for an argument, besides its own name: the model
# field it lands in, or what the argument is made of.
_ALSO: dict[str, tuple[str, ...]] = {
    "observed": ("observation",),
    "series": ("observation", "series"),
    "observations": ("observation",),
    "targets": ("target",),
    "texts": ("wording", "language"),
    "text": ("quantity", "phrase", "target", "text"),
    "thing": ("count", "unit"),
    "comparator": ("comparator",),
    "value": ("value", "unit", "quantity", "magnitude", "count"),
    "upper": ("upper", "unit", "quantity", "magnitude", "between"),
    "milestones": ("milestone",),
    "deadline": ("deadline", "date"),
    "start": ("start", "date", "period"),
    "end": ("end", "date", "period"),
    "baseline": ("baseline",),
    "goals": ("goal", "target", "deadline"),
    "areas": ("area", "task"),
    "tasks": ("task",),
    "unit": ("unit",),
    "lang": ("lang", "language"),
    "id": ("id",),
    "indicator": ("indicator", "id"),
    "forecast_method": ("forecast method", "forecast_method"),
    "progress_method": ("progress method", "progress_method"),
    "method": ("method",),
}


def _case_and_argument() -> st.SearchStrategy[tuple[str, str]]:
    return st.sampled_from([(name, arg) for name, (_, good) in _CASES.items() for arg in good])


def test_every_good_call_works() -> None:
    # The starting points must themselves be accepted, or the property says nothing.
    for name, (call, good) in _CASES.items():
        call(**good)
        assert name


def _refusal(name: str, arg: str, value: object) -> str | None:
    """Call *name* with *arg* replaced by *value*; what is wrong with the outcome, if anything."""
    call, good = _CASES[name]
    try:
        call(**(good | {arg: value}))
    except errors.InnovplanError as exc:
        words = (arg, *_ALSO.get(arg, ()))
        if not any(w.lower() in str(exc).lower() for w in words):
            return f"{name}({arg}=...): the message does not name {arg}: {exc}"
    # Anything but an InnovplanError escapes and fails the caller with its own traceback.
    return None


def test_every_listed_value_in_every_argument() -> None:
    wrong = [
        msg
        for name, (_, good) in _CASES.items()
        for arg in good
        for value in _HOSTILE
        if (msg := _refusal(name, arg, value)) is not None
    ]
    assert wrong == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_case_and_argument(), value=hostile)
def test_generated_values_in_every_argument(case: tuple[str, str], value: object) -> None:
    assert _refusal(*case, value) is None


@pytest.mark.parametrize(("name", "arg", "value", "said"), [
    ("Target", "weight", "1", "weight"),
    ("Target", "tolerance", 0.05, "Tolerance(relative=0.05)"),
    ("Target", "nature", "strict", "binding, anticipatory"),
    ("Observation", "period", 0, "from 1 to 9999"),
    ("forecast", "level", None, "strictly between 0 and 1"),
    ("forecast", "method", None, "one of auto"),
    ("assess", "as_of", "2023-13-01", "YYYY-MM-DD"),
    ("progress", "base", "²", "a year (2015)"),
])  # fmt: skip
def test_listed_cases_say_what_is_valid(name: str, arg: str, value: object, said: str) -> None:
    call, good = _CASES[name]
    with pytest.raises(errors.InnovplanError) as info:
        call(**(good | {arg: value}))
    assert arg in str(info.value)
    assert said in str(info.value)
    assert repr(value) in str(info.value)  # what arrived
