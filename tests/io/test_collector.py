"""Loading holds off the cyclic garbage collector and leaves it as it found it.

The collector is off while a document is parsed and its plan built, and is
on again afterwards only if it was on before: after a load, after a load
that fails, when eight threads load at once, and in a child process forked
while a load runs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import warnings
from typing import TYPE_CHECKING, Any

import pytest

import innovplan.io as ipio
from innovplan.errors import DocumentError
from innovplan.io import _api, _collector, _converter
from innovplan.io._collector import collector_paused

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PLAN = """{"format_version": "1.0", "id": "p", "title": "P",
"start": "2023-01-01", "end": "2025-12-31",
"indicators": [{"id": "hte", "name": "high-tech enterprises", "unit": "enterprise",
                "measure": "level"}],
"goals": [{"id": "G1", "title": "G", "targets": [
  {"id": "T1", "indicator": "hte", "comparator": "more_than",
   "value": {"value": 13000, "unit": "enterprise"}, "deadline": "2023-12-31"}]}]}"""
REFUSED = PLAN.replace('"value": 13000', '"value": "many"')
NOT_JSON = PLAN[:-3]


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector on, as a process has it, and on again after the test."""
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def _watch(mp: pytest.MonkeyPatch, seen: list[bool], wait: threading.Barrier | None = None) -> None:
    """Record whether the collector is on while each plan is built."""
    build = _converter.plan_from_document  # the function _api calls, before it is watched

    def watched(data: Any) -> Any:
        if wait is not None:
            wait.wait(timeout=30)  # every thread is inside before any records
        seen.append(gc.isenabled())
        return build(data)

    mp.setattr(_api, "plan_from_document", watched)


@pytest.mark.usefixtures("collector")
def test_the_collector_is_off_while_a_plan_is_built_and_on_after() -> None:
    seen: list[bool] = []
    with pytest.MonkeyPatch.context() as mp:
        _watch(mp, seen)
        assert ipio.load(PLAN).id == "p"
        assert ipio.from_dict(ipio.to_dict(ipio.load(PLAN))).id == "p"
    assert seen == [False, False, False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("text", [REFUSED, NOT_JSON], ids=["refused", "not-json"])
def test_the_collector_is_on_again_after_a_failing_load(text: str) -> None:
    with pytest.raises(DocumentError):
        ipio.load(text, fmt="json")
    assert gc.isenabled()
    assert _collector._depth == 0


@pytest.mark.usefixtures("collector")
def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    assert ipio.load(PLAN).id == "p"
    assert not gc.isenabled()
    with pytest.raises(DocumentError):
        ipio.load(REFUSED)
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_the_last_of_nested_pauses_turns_the_collector_on() -> None:
    with contextlib.ExitStack() as stack:
        stack.enter_context(collector_paused())
        inner = contextlib.ExitStack()
        inner.enter_context(collector_paused())
        assert not gc.isenabled()
        stack.close()  # the first pause ends while the second is still on
        assert not gc.isenabled()
        inner.close()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("before", [True, False], ids=["on", "off"])
def test_eight_threads_loading_at_once_leave_the_collector_as_it_was(before: bool) -> None:
    if not before:
        gc.disable()
    seen: list[bool] = []
    results: list[object] = []
    wait = threading.Barrier(8)

    def work(i: int) -> None:
        try:
            results.append(ipio.load(REFUSED if i % 2 else PLAN).id)
        except DocumentError:
            results.append("refused")

    with pytest.MonkeyPatch.context() as mp:
        _watch(mp, seen, wait)
        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(map(str, results)) == ["p"] * 4 + ["refused"] * 4
    assert seen == [False] * 8  # all eight were building at once, the collector off
    assert gc.isenabled() is before
    assert _collector._depth == 0


def _in_child(check: Callable[[], bool]) -> int:
    """Fork; the child exits 0 when *check* holds there. The child's exit code."""
    with warnings.catch_warnings():
        # Python 3.12 warns of fork() in a process with threads: the point here.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        os._exit(0 if check() else 1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.mark.usefixtures("collector")
def test_a_child_forked_while_another_thread_loads_has_the_collector_on() -> None:
    # The loading thread does not exist in the child: its pause never ends there.
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with collector_paused():
            inside.set()
            leave.wait(timeout=30)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert inside.wait(timeout=30)
        assert not gc.isenabled()
        code = _in_child(lambda: gc.isenabled() and _collector._depth == 0)
    finally:
        leave.set()
        thread.join(timeout=30)
    assert code == 0
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_a_child_forked_inside_a_pause_turns_the_collector_on_when_it_ends() -> None:
    # The forking thread goes on in the child: its pause ends there as in the parent.
    with collector_paused():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        off_inside = not gc.isenabled() and _collector._depth == 1
    if pid == 0:  # pragma: no cover (the child)
        os._exit(0 if off_inside and gc.isenabled() and _collector._depth == 0 else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert off_inside
    assert gc.isenabled()
