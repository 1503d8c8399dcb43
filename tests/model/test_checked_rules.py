"""checked_target decides the rules of Target.__attrs_post_init__ as the method does.

For the common target (no upper, baseline, tolerance, milestones or groups)
checked_target decides the rules from its arguments and the memo of unit
fits, and runs the method only when a rule is in doubt. Each case here sits
on one edge of that decision: the target built must equal ``Target(...)``
field by field, and a target refused must be refused with the same words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from innovplan import Q_
from innovplan.errors import InnovplanError
from innovplan.model import Basis, Comparator, Indicator, Measure, Target, checked_target
from innovplan.model import _target as target_module

HTE = Indicator("hte", "high-tech enterprises", unit="enterprise", measure=Measure.LEVEL)
GROWTH = Indicator("gdp_growth", "GDP growth", unit="percent", measure=Measure.GROWTH)
JOBS = Indicator("jobs", "urban new jobs", unit="person", measure=Measure.FLOW)
DEADLINE = dt.date(2025, 12, 31)


def _outcome(build: Any, *args: object, **kwargs: object) -> object:
    try:
        built = build(*args, **kwargs)
    except InnovplanError as exc:
        return f"{type(exc).__name__}: {exc}"
    return [
        (a.name, type(getattr(built, a.name)), getattr(built, a.name)) for a in attrs.fields(Target)
    ]


CASES: list[tuple[str, Indicator, Any, dict[str, object]]] = [
    # A count of zero is no negative count; -0.0 is not below zero either.
    ("zero count", HTE, Q_(0, "enterprise"), {}),
    ("minus zero count", HTE, Q_(-0.0, "enterprise"), {}),
    # A negative count is refused: "a count cannot be negative".
    ("negative count", HTE, Q_(-5, "enterprise"), {}),
    # A negative value that is no count (a growth rate of -2 %) is kept.
    ("negative rate", GROWTH, Q_(-2.0, "percent"), {}),
    # A change of a count may be negative: the rule is for amounts only.
    ("negative change", HTE, Q_(-5, "enterprise"), {"basis": Basis.CHANGE}),
    # A cumulative flow passes the cumulative rule; a cumulative level does not.
    ("cumulative flow", JOBS, Q_(5.5e7, "person"), {"basis": Basis.CUMULATIVE}),
    ("cumulative level", HTE, Q_(5, "enterprise"), {"basis": Basis.CUMULATIVE}),
    # A window may start on its deadline, not after it.
    ("start on deadline", HTE, Q_(5, "enterprise"), {"start": DEADLINE}),
    ("start after deadline", HTE, Q_(5, "enterprise"), {"start": dt.date(2026, 1, 1)}),
    # Units that do not fit the indicator: persons for enterprises, and an
    # enterprise count for a rate.
    ("unit misfit", HTE, Q_(5, "person"), {}),
    ("count for a rate", GROWTH, Q_(5, "enterprise"), {}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("memo", ["warm", "empty"])
def test_checked_target_decides_as_target_does(
    case: tuple[str, Indicator, Any, dict[str, Any]], memo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, indicator, value, kwargs = case
    args = (name.replace(" ", "_"), indicator, Comparator.AT_LEAST, value, DEADLINE)
    expected = _outcome(Target, *args, **kwargs)
    if memo == "empty":
        # No fit decided yet for these units: the method itself must run.
        monkeypatch.setattr(target_module, "_FITS", {})
    assert _outcome(checked_target, *args, **kwargs) == expected


def test_the_cases_cover_both_outcomes() -> None:
    # The edges above must include targets refused and targets built, or a
    # checked_target that accepted (or refused) everything would pass them.
    outcomes = [
        _outcome(Target, n, i, Comparator.AT_LEAST, v, DEADLINE, **k)
        for n, i, v, k in ((c[0].replace(" ", "_"), c[1], c[2], c[3]) for c in CASES)
    ]
    refused = [o for o in outcomes if isinstance(o, str)]
    assert len(refused) == 5  # negative count, cumulative level, late start, two misfits
    assert any("a count cannot be negative" in o for o in refused)
    assert any("does not fit indicator" in o for o in refused)
