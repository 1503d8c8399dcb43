"""Offsets given as floats: whole ones are read exactly, others refused (never truncated).

numpy's cast of ``[0.0, 3.5, 7.0]`` to int64 is ``[0, 3, 7]``: the ragged
doors read 3.5 as 3 without a word, and NaN or an infinity as garbage with a
RuntimeWarning. Offsets from pandas or Arrow often arrive as floats.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from innovplan import engine
from innovplan.engine import ArraySeries
from innovplan.engine import progress_methods as pm
from innovplan.errors import EvaluationError, ModelError

if TYPE_CHECKING:
    from collections.abc import Callable

T = np.arange(2000.0, 2007.0)
Y = np.array([1.0, 2.0, 4.0, 10.0, 11.0, 13.0, 14.0])
H = np.array([2009.0, 2009.0])
WHOLE = "give whole-number offsets such as [0, 3, 7] (3.0 reads as 3)"


def _door(kernel: Callable[..., object]) -> Callable[[Any], object]:
    return lambda offsets: kernel(T, Y, offsets, H)


# Every public door that reads ragged offsets, called with (offsets).
DOORS: dict[str, Callable[[Any], object]] = {
    name: _door(kernel)
    for name, kernel in [
        ("auto", engine.auto),
        ("drift", engine.drift),
        ("linear", engine.linear),
        ("loglinear", engine.loglinear),
        ("theta", engine.theta),
        ("damped", engine.damped),
        ("average_change", engine.average_change),
        ("auto_members", engine.auto_members),
        ("auto_parts", engine.auto_parts),
        ("line_projection", pm.line_projection),
    ]
}


def _same(a: object, b: object) -> bool:
    # Results of any door, compared element by element, bit for bit.
    if isinstance(a, tuple):
        return all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return np.asarray(a).tobytes() == np.asarray(b).tobytes()


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize(
    "offsets",
    [np.array([0.0, 3.0, 7.0]), [0.0, 3.0, 7.0], np.array([0, 3, 7], dtype=np.float32),
     np.array([0, 3, 7], dtype=np.uint32), [0, 3.0, 7]],
    ids=["float64", "list-of-floats", "float32", "uint32", "mixed"],
)  # fmt: skip
def test_whole_float_offsets_read_as_the_integers(door: str, offsets: object) -> None:
    assert _same(DOORS[door](offsets), DOORS[door](np.array([0, 3, 7])))


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize(
    ("offsets", "said"),
    [
        (np.array([0.0, 3.5, 7.0]), "indptr[1] is 3.5, not a whole number"),
        ([0, 3, 6.999999], "indptr[2] is 6.999999, not a whole number"),
        (np.array([0.0, np.nan, 7.0]), "indptr[1] is nan, not a whole number"),
        (np.array([0.0, np.inf, 7.0]), "indptr[1] is inf, not a whole number"),
        (np.array([0.0, 3.0, 1e300]), "indptr[2] is 1e+300, too large for an offset"),
    ],
)
def test_other_float_offsets_are_refused_by_position(door: str, offsets: object, said: str) -> None:
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}: {re.escape(WHOLE)}$"):
        DOORS[door](offsets)


@pytest.mark.parametrize(
    "offsets",
    [np.array([False, True]), np.array([0, 3 + 1j]), np.array(["2000-01-01"], dtype="datetime64[D]")],
    ids=["flags", "complex", "dates"],
)  # fmt: skip
def test_offsets_that_are_not_numbers_are_refused(offsets: object) -> None:
    with pytest.raises(EvaluationError, match=r"^indptr must be whole-number offsets, got "):
        engine.drift(T, Y, offsets, H)


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize(
    ("offsets", "said"),
    [
        ([0, True, 7], "indptr[1] is True, a flag"),
        ((0, 3, np.True_), "indptr[2] is np.True_, a flag"),
        (np.array([0, False, 7], dtype=object), "indptr[1] is False, a flag"),
        ([False, 3, 7], "indptr[0] is False, a flag"),
    ],
    ids=repr,
)
def test_a_flag_among_the_offsets_is_refused(door: str, offsets: object, said: str) -> None:
    # numpy reads [0, True, 7] as [0, 1, 7]: a flag among numbers was read as 1 or 0.
    with pytest.raises(EvaluationError, match=f"^{re.escape(said)}, not an offset: "):
        DOORS[door](offsets)


def test_array_series_refuses_a_flag_among_its_offsets() -> None:
    with pytest.raises((EvaluationError, ModelError), match=r"\[1\] is True, a flag"):
        ArraySeries.ragged(["a", "b"], Y, [0, True, 7], np.arange(7), unit="yuan")


def test_truncation_would_have_changed_the_series() -> None:
    # What the refusal prevents: [0, 3.5, 7] truncated is [0, 3, 7], the
    # first series three points, a forecast made of the wrong data.
    assert np.asarray([0.0, 3.5, 7.0]).astype(np.int64).tolist() == [0, 3, 7]


def test_array_series_reads_offsets_as_the_kernels_do() -> None:
    ids, years = ["a", "b"], np.arange(2000, 2007)
    whole = ArraySeries.ragged(ids, Y, np.array([0.0, 3.0, 7.0]), years, unit="yuan")
    assert whole.offsets.tolist() == [0, 3, 7]
    assert whole.offsets.dtype == np.int64
    for offsets, said in [
        ([0.0, 3.5, 7.0], "offsets[1] is 3.5, not a whole number"),
        ([0.0, np.nan, 7.0], "offsets[1] is nan, not a whole number"),
        ([0.0, -np.inf, 7.0], "offsets[1] is -inf, not a whole number"),
    ]:
        with pytest.raises(ModelError, match=f"^ArraySeries.offsets: {re.escape(said)}: "):
            ArraySeries.ragged(ids, Y, offsets, years, unit="yuan")
    with pytest.raises(ModelError, match="expected a 1-D array of whole numbers"):
        ArraySeries.ragged(ids, Y, [[0, 3, 7]], years, unit="yuan")


@pytest.mark.parametrize(
    "offsets", [[0, 3, 7], np.array([0, 3, 7]), np.array([0.0, 3.0, 7.0]), (0, 3, 7)], ids=repr
)
def test_offsets_that_read_show_nothing(offsets: object, monkeypatch: pytest.MonkeyPatch) -> None:
    # The error message (a repr of the whole array) is built only when the
    # offsets are refused: every kernel call passes offsets that read.
    from innovplan.engine import _ragged

    shown: list[object] = []
    monkeypatch.setattr(_ragged, "shown", lambda x: shown.append(x) or "")
    assert _ragged.whole_offsets(offsets, "indptr").tolist() == [0, 3, 7]
    engine.drift(T, Y, offsets, H)
    assert shown == []
    with pytest.raises(EvaluationError):
        _ragged.whole_offsets([[0], [3, 7]], "indptr")
    assert shown == [[[0], [3, 7]]]  # and the refusal does show what was given
