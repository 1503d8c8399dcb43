"""The shared table of Student-t quantiles: cleared by another thread at any moment, same answers."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np

from innovplan import engine
from innovplan.engine import _driver
from innovplan.engine._stats import t_ppf

if TYPE_CHECKING:
    import pytest


def _same_bits(a: object, b: object) -> None:
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    assert x.shape == y.shape
    np.testing.assert_array_equal(x.view(np.uint64), y.view(np.uint64))


class _ClearedAfterUpdate(dict[tuple[float, float], float]):
    # Another thread's clear (run when its keys would overfill the table)
    # falling right after this thread's update, before it reads its keys.
    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self.clear()


class _ClearedAfterEachRead(dict[tuple[float, float], float]):
    # Another thread's clear falling after every single read.
    def get(self, key: Any, default: Any = None) -> Any:
        out = super().get(key, default)
        self.clear()
        return out


def test_keys_solved_then_cleared_are_answered_from_the_solved_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = [(0.9, 1.0), (0.9, 2.0), (0.975, 7.0), (0.6, 30.0)]
    # The quantiles as t_ppf solves them, the four in one call.
    want = t_ppf(np.array([0.9, 0.9, 0.975, 0.6]), np.array([1.0, 2.0, 7.0, 30.0]))
    monkeypatch.setattr(_driver, "_T_TABLE", _ClearedAfterUpdate())
    _same_bits(_driver._t_lookup(keys), want)
    # Half of them already in the table, half solved, then all cleared.
    table = _ClearedAfterUpdate()
    dict.update(table, {keys[0]: float(want[0]), keys[2]: float(want[2])})
    monkeypatch.setattr(_driver, "_T_TABLE", table)
    _same_bits(_driver._t_lookup(keys), want)


def test_keys_found_then_cleared_are_answered_from_the_found_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = [(0.8, 3.0), (0.8, 4.0)]
    want = t_ppf(np.array([0.8, 0.8]), np.array([3.0, 4.0]))
    table = _ClearedAfterEachRead()
    dict.update(table, dict(zip(keys, want.tolist(), strict=True)))
    monkeypatch.setattr(_driver, "_T_TABLE", table)
    # The first read clears the table: the second key is solved again, the
    # same float as before.
    _same_bits(_driver._t_lookup(keys), want)


def _batch(s_count: int) -> tuple[Any, ...]:
    t = np.tile(np.arange(2000.0, 2012.0), s_count)
    y = np.tile(1.05 ** np.arange(12.0), s_count)
    indptr = np.arange(0, 12 * s_count + 1, 12)
    return t, y, indptr, np.full(s_count, 2014.0)


def test_auto_is_the_same_when_the_table_is_cleared_under_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    t, y, indptr, h = _batch(40)
    levels = np.random.default_rng(3).uniform(0.6, 0.99, 40)
    monkeypatch.setattr(_driver, "_T_TABLE", {})
    want = engine.auto(t, y, indptr, h, levels)
    monkeypatch.setattr(_driver, "_T_TABLE", _ClearedAfterUpdate())
    got = engine.auto(t, y, indptr, h, levels)
    for name in ("point", "lower", "upper", "scale", "df"):
        _same_bits(getattr(got, name), getattr(want, name))


def test_auto_on_threads_that_overfill_the_table_gives_the_serial_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 1,500 series with a level each: 1,500 new keys a call, so the 4,096-key
    # table is cleared every third call while other threads read it. A short
    # switch interval makes threads change between the update and the reads.
    s_count, calls, seeds = 1500, 96, 8
    t, y, indptr, h = _batch(s_count)
    levels = [np.random.default_rng(i).uniform(0.6, 0.99, s_count) for i in range(seeds)]
    monkeypatch.setattr(_driver, "_T_TABLE", {})
    serial = [engine.auto(t, y, indptr, h, lev).upper for lev in levels]

    def call(i: int) -> Any:
        return engine.auto(t, y, indptr, h, levels[i % seeds]).upper

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(8) as pool:
            upper = list(pool.map(call, range(calls)))
    finally:
        sys.setswitchinterval(old)
    for i, got in enumerate(upper):
        _same_bits(got, serial[i % seeds])


def test_keys_found_before_the_table_is_cleared_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # One thread alone: 100 keys in the table, then a call with those and
    # 4,000 new ones (100 + 4,000 > 4,096) clears the table before it adds
    # the new ones. The 100 found before the clear are answered as found.
    monkeypatch.setattr(_driver, "_T_TABLE", {})
    found = [(0.9, float(d)) for d in range(1, 101)]
    new = [(0.95, float(d)) for d in range(1, 4001)]
    _driver._t_lookup(found)
    keys = found + new
    want = t_ppf(np.array([p for p, _ in keys]), np.array([d for _, d in keys]))
    _same_bits(_driver._t_lookup(keys), want)
    assert len(_driver._T_TABLE) == 4000  # the new ones, after the clear


def test_auto_with_levels_per_series_twice_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # 3,000 series of 12 points with a level each: 3,000 keys. The second
    # call keeps half of the levels and brings 1,500 new ones: 3,000 + 1,500
    # keys would pass 4,096, so the table is cleared within the call.
    t, y, indptr, h = _batch(3000)
    rng = np.random.default_rng(5)
    first = rng.uniform(0.6, 0.99, 3000)
    second = np.concatenate([first[:1500], rng.uniform(0.6, 0.99, 1500)])
    monkeypatch.setattr(_driver, "_T_TABLE", {})
    want = engine.auto(t, y, indptr, h, second).upper
    engine.auto(t, y, indptr, h, first)
    _same_bits(engine.auto(t, y, indptr, h, second).upper, want)
