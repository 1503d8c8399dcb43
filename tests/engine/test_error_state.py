"""The public entry points compute the same floats whatever numpy error state the caller is in.

A notebook hunting NaNs runs under ``np.errstate(all="raise")``; the kernels
rely on numpy's default state (a tiny value's square underflowing to 0, an
``exp`` of a large negative log), so without their own state they raised
``FloatingPointError`` (or, under ``all="warn"``, warned: an error here, as
pytest turns warnings into errors). Each case below raised under
``all="raise"`` before the entry points set numpy's default state themselves.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

import innovplan
from innovplan import Q_, engine
from innovplan._errstate import default_errstate
from innovplan.engine import ArraySeries
from innovplan.engine import progress_methods as pm
from innovplan.evaluate import progress_many
from innovplan.model import Goal, Indicator, Plan, Target

if TYPE_CHECKING:
    from collections.abc import Callable

# Short yearly series of the kinds that reach numpy's edge cases: a steep fall
# (an exp of a large negative log, the square of a tiny step underflows), a
# constant, zeros, changing signs, two points, a gap, values near the
# smallest normal float, a last-bit wobble and a long straight line.
SERIES: dict[str, list[float]] = {
    "fall": [100.0, 1.0, 1e-2, 1e-4, 1e-8, 1e-16],
    "flat": [5.0, 5.0, 5.0, 5.0],
    "zero": [0.0, 0.0, 0.0, 1.0],
    "sign": [-1.0, 2.0, -3.0, 4.0, -5.0],
    "short": [1.0, 2.0],
    "gap": [1.0, np.nan, 3.0, 4.0],
    "tiny": [1e-300, 1e-301, 1e-303, 1e-306, 1e-310],
    "wobble": [3.0, 3.0, 3.0 + 1e-15, 3.0],
    "long": [10.0 + 20.0 * i / 14 for i in range(15)],
}
IDS = list(SERIES)
Y = np.concatenate([SERIES[k] for k in IDS])
T = np.concatenate([2010.0 + np.arange(len(SERIES[k])) for k in IDS])
INDPTR = np.r_[0, np.cumsum([len(SERIES[k]) for k in IDS])]
H = np.array([2010.0 + len(SERIES[k]) + 3 for k in IDS])

STATES = ["raise", "warn", "ignore"]


def _digest(result: object) -> str:
    # md5 over every array of a result (a NamedTuple of arrays, a tuple of
    # them, or one array), with its dtype and shape: equal digests are equal
    # bits, NaN payloads and signed zeros included.
    parts = result if isinstance(result, tuple) else (result,)
    h = hashlib.md5()  # noqa: S324 (a fingerprint, not security)
    for part in parts:
        if isinstance(part, tuple):
            h.update(_digest(part).encode())
            continue
        a = np.asarray(part)
        h.update(f"{a.dtype}{a.shape}".encode())
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def _x(*values: float) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array(values)


KERNELS: dict[str, Callable[[], object]] = {
    "auto": lambda: engine.auto(T, Y, INDPTR, H),
    "drift": lambda: engine.drift(T, Y, INDPTR, H),
    "linear": lambda: engine.linear(T, Y, INDPTR, H),
    "loglinear": lambda: engine.loglinear(T, Y, INDPTR, H),
    "theta": lambda: engine.theta(T, Y, INDPTR, H),
    "theta-optimized": lambda: engine.theta(T, Y, INDPTR, H, optimized=True),
    "damped": lambda: engine.damped(T, Y, INDPTR, H),
    "average_change": lambda: engine.average_change(T, Y, INDPTR, H),
    "auto_members": lambda: engine.auto_members(T, Y, INDPTR, H),
    "auto_parts": lambda: engine.auto_parts(T, Y, INDPTR, H),
    "prob_above": lambda: engine.prob_above(engine.auto(T, Y, INDPTR, H), np.full(H.size, 1e-9)),
    "line_projection": lambda: pm.line_projection(T, Y, INDPTR, H),
    "cagr": lambda: pm.cagr(_x(0.0, 1e-3, 1.0, -1.0), 2000.0, _x(1.0, 1e3, 0.0, 1.0), 2005.0),
    "aarr": lambda: pm.aarr(_x(0.0, 1e-3, 1.0, -1.0), 2000.0, _x(1.0, 1e3, 0.0, 1.0), 2005.0),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", list(KERNELS))
def test_kernels_give_the_same_bits_in_any_error_state(name: str, state: str) -> None:
    call = KERNELS[name]
    expected = _digest(call())  # numpy's default state, as pytest runs
    with np.errstate(all=state):
        assert _digest(call()) == expected


@pytest.mark.parametrize("kernel", [engine.auto, engine.drift, engine.loglinear, engine.damped],
                         ids=lambda k: k.__name__)  # fmt: skip
def test_without_its_own_state_the_kernel_raises_on_these_series(
    kernel: Callable[..., object],
) -> None:
    # Without this the tests above would prove nothing: the same kernel,
    # unwrapped from its guard, raises in the caller's state.
    with np.errstate(all="raise"), pytest.raises(FloatingPointError):
        inspect.unwrap(kernel)(T, Y, INDPTR, H)


def _tables() -> tuple[list[Target], ArraySeries, Plan]:
    ids = [k for k in IDS if k not in {"sign", "gap"}]  # no negative yuan
    values = np.concatenate([SERIES[k] for k in ids])
    offsets = np.r_[0, np.cumsum([len(SERIES[k]) for k in ids])]
    years = np.concatenate([2010 + np.arange(len(SERIES[k])) for k in ids])
    obs = ArraySeries.ragged(ids, values, offsets, years, unit="yuan")
    targets = [
        Target(f"T{i}", Indicator(k, k, unit="yuan", measure="level"), "at_least",
               Q_(50.0, "yuan"), "2030-12-31")
        for i, k in enumerate(ids)
    ]  # fmt: skip
    plan = Plan("p", "plan", start="2025-01-01", end="2030-12-31", goals=[Goal("G", "g", targets)])
    return targets, obs, plan


def _columns(result: Any) -> str:
    cols = result.columns
    return _digest(tuple(np.asarray(cols[k]) for k in sorted(cols) if cols[k].dtype != object))


CALLS: dict[str, Callable[[list[Target], ArraySeries, Plan], str]] = {
    "forecast_many": lambda t, o, p: _columns(innovplan.forecast_many(t, o)),
    "assess_many": lambda t, o, p: _columns(innovplan.assess_many(t, o)),
    "progress_many": lambda t, o, p: _columns(progress_many(t, o)),
    "evaluate": lambda t, o, p: _columns(innovplan.evaluate(p, o).forecasts),
    # One target at a time, every field as its JSON writes it (repr of floats: exact).
    "forecast": lambda t, o, p: "|".join(
        innovplan.forecast(x, o.observations()).to_json() for x in t
    ),
    "assess": lambda t, o, p: "|".join(
        innovplan.assess(
            x, [v for v in o.observations() if v.indicator == x.indicator.id]
        ).to_json()
        for x in t
    ),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", list(CALLS))
def test_the_evaluation_functions_give_the_same_bits_in_any_error_state(
    name: str, state: str
) -> None:
    tables = _tables()
    expected = CALLS[name](*tables)
    with np.errstate(all=state):
        assert CALLS[name](*tables) == expected


def test_the_callers_state_is_back_after_the_call() -> None:
    with np.errstate(all="raise", under="warn"):
        before = np.geterr()
        engine.auto(T, Y, INDPTR, H)
        assert np.geterr() == before
    with np.errstate(all="raise"), pytest.raises(innovplan.errors.EvaluationError):
        engine.drift(T, Y, [0, 3.5], H)  # refused inside the guard
    assert np.geterr() == {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


def test_overflow_is_still_trapped_inside_forecast_many() -> None:
    # forecast_many traps overflow with its own np.errstate(over="call")
    # around the kernel: a huge history comes out unclear, not inf, and that
    # trap still reaches the kernel when the caller raises on everything.
    huge = [1e300, 1e302, 1e304, 1e306, 1.7e308]  # a hundredfold a year, to the largest float
    obs = ArraySeries.ragged(["big"], huge, [0, 5], range(2019, 2024), unit="yuan")
    target = Target("T", Indicator("big", "big", unit="yuan", measure="level"), "at_least",
                    Q_(1.0, "yuan"), "2030-12-31")  # fmt: skip
    plain = innovplan.forecast_many([target], obs)
    with np.errstate(all="raise"):
        strict = innovplan.forecast_many([target], obs)
    assert strict.unclear.tolist() == plain.unclear.tolist() == [True]
    assert _columns(strict) == _columns(plain)


def test_default_errstate_sets_the_state_once_and_keeps_the_wrapped_function() -> None:
    seen: list[dict[str, str]] = []

    @default_errstate
    def inner() -> None:
        seen.append(np.geterr())

    @default_errstate
    def outer() -> None:
        with np.errstate(over="raise"):  # a library call setting its own state inside
            inner()

    with np.errstate(all="raise"):
        outer()
    # The inner call keeps the state its library caller set: one errstate a public call.
    assert seen == [{"divide": "warn", "over": "raise", "under": "ignore", "invalid": "warn"}]
    assert outer.__wrapped__.__name__ == "outer"  # type: ignore[attr-defined]


# Values whose arithmetic overflows in the default state: auto, drift and
# auto_members warn "overflow encountered in multiply" on them.
HUGE_T = np.arange(2019.0, 2024.0)
HUGE = np.array([1e300, 1e301, 1e302, 1e303, 1e304])
LOUD: dict[str, Callable[[], object]] = {
    "auto": lambda: engine.auto(HUGE_T, HUGE, [0, 5], [2030.0]),
    "drift": lambda: engine.drift(HUGE_T, HUGE, [0, 5], [2030.0]),
    "auto_members": lambda: engine.auto_members(HUGE_T, HUGE, [0, 5], [2030.0]),
}


@pytest.mark.parametrize("name", list(LOUD))
def test_these_calls_warn_in_the_default_state(name: str) -> None:
    # Without this the test below would prove nothing.
    with pytest.warns(RuntimeWarning, match="overflow"):
        LOUD[name]()


@pytest.mark.parametrize("name", list(LOUD))
@pytest.mark.parametrize("state", [{"all": "ignore"}, {"all": "raise", "over": "ignore"}],
                         ids=["all-ignore", "over-ignore"])  # fmt: skip
def test_a_caller_who_ignores_numpy_hears_nothing(name: str, state: dict[str, str]) -> None:
    # A caller who silenced numpy around a call (the usual way) must not get
    # the warnings back from the library, and the numbers are the same bits.
    with pytest.warns(RuntimeWarning):
        expected = _digest(LOUD[name]())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(**state):  # type: ignore[arg-type]  # errstate's keys
            assert _digest(LOUD[name]()) == expected


@pytest.mark.parametrize(
    ("caller", "inside"),
    [
        # ignore stays ignore; raise/call/print/log become the default; warn stays warn.
        ({"all": "ignore"}, {"divide": "ignore", "over": "ignore", "under": "ignore",
                             "invalid": "ignore"}),
        ({"all": "raise"}, {"divide": "warn", "over": "warn", "under": "ignore",
                            "invalid": "warn"}),
        ({"all": "warn"}, {"divide": "warn", "over": "warn", "under": "ignore",
                           "invalid": "warn"}),
        ({"divide": "ignore", "over": "call", "under": "print", "invalid": "log"},
         {"divide": "ignore", "over": "warn", "under": "ignore", "invalid": "warn"}),
        ({"divide": "raise", "over": "ignore", "under": "raise", "invalid": "ignore"},
         {"divide": "warn", "over": "ignore", "under": "ignore", "invalid": "ignore"}),
    ],
    ids=["ignore", "raise", "warn", "call-print-log", "mixed"],
)  # fmt: skip
def test_the_state_inside_keeps_only_what_the_caller_ignores(
    caller: dict[str, str], inside: dict[str, str]
) -> None:
    seen: list[object] = []

    @default_errstate
    def look() -> None:
        seen.append(np.geterr())

    with np.errstate(**caller, call=lambda *_: None):  # type: ignore[arg-type]  # errstate's keys
        before = np.geterr()
        look()
        assert np.geterr() == before
    assert seen == [inside]


def test_the_guard_is_not_a_public_tool() -> None:
    # A user's function wrapped in the guard would mark the context as guarded,
    # so that library calls inside the user's own np.errstate(all="raise")
    # ran unguarded: users get the guarantee, not the tool.
    assert "default_errstate" not in engine.__all__
    assert not hasattr(engine, "default_errstate")
    assert not hasattr(importlib.import_module("innovplan.evaluate"), "default_errstate")


def test_a_strict_callback_inside_a_user_function_does_not_reach_the_library() -> None:
    # The user checks their own arithmetic strictly and calls the library inside.
    def mine() -> str:
        with np.errstate(all="raise"):
            return _digest(engine.auto(T, Y, INDPTR, H))

    assert mine() == _digest(engine.auto(T, Y, INDPTR, H))
