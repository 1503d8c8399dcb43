"""Every public kernel on a batch of no series: empty results of a series' dtypes.

A batch with no series (``indptr == [0]``) is what a filter that kept
nothing hands on; each result keeps its shape ``(0,)`` (or ``(0, k)`` for
``k`` horizons a series) and the dtype it has for one series, so the caller
can join it with other batches' results unchanged.
"""

import numpy as np
import pytest

from innovplan.engine import (
    auto,
    auto_members,
    auto_parts,
    average_change,
    damped,
    drift,
    linear,
    loglinear,
    theta,
)
from innovplan.errors import EvaluationError, InnovplanError

_NONE = np.zeros(0)
# One series for the dtypes: 2015-2022, rising by 1 or 2 a year.
_T = np.arange(2015.0, 2023.0)
_Y = np.array([3.0, 4, 6, 7, 9, 10, 12, 13])


def _arrays(result: tuple) -> list[np.ndarray]:  # type: ignore[type-arg]
    return [np.asarray(a) for a in result]


@pytest.mark.parametrize(
    "fn",
    [linear, loglinear, drift, theta, damped, average_change, auto],
    ids=lambda f: f.__name__,
)
def test_forecasts_of_no_series_are_empty_with_their_dtypes(fn) -> None:  # type: ignore[no-untyped-def]
    one = _arrays(fn(_T, _Y, [0, 8], [2030.0]))
    empty = _arrays(fn(_NONE, _NONE, [0], _NONE))
    assert [a.shape for a in empty] == [(0,)] * len(one)
    assert [a.dtype for a in empty] == [a.dtype for a in one]
    wide = _arrays(fn(_NONE, _NONE, [0], np.zeros((0, 3))))
    assert [a.shape for a in wide] == [(0, 3)] * len(one)
    assert [a.dtype for a in wide] == [a.dtype for a in one]


@pytest.mark.parametrize("combined", [False, True])
def test_auto_members_of_no_series_are_four_empty_floats(combined) -> None:  # type: ignore[no-untyped-def]
    one = _arrays(auto_members(_T, _Y, [0, 8], [2030.0], combined=combined))
    empty = _arrays(auto_members(_NONE, _NONE, [0], _NONE, combined=combined))
    assert len(one) == len(empty) == 4
    assert [a.shape for a in empty] == [(0,)] * 4
    assert [a.dtype for a in empty] == [a.dtype for a in one] == [np.dtype(np.float64)] * 4


def test_auto_parts_of_no_series_are_empty_with_their_dtypes() -> None:
    one = auto_parts(_T, _Y, [0, 8], [2030.0])
    empty = auto_parts(_NONE, _NONE, [0], _NONE)
    assert empty._fields == one._fields
    for name, a, b in zip(one._fields, empty, one, strict=True):
        assert a.shape == (0,), name
        assert a.dtype == b.dtype, name
    # The one series' own parts, so the dtypes above are of real answers:
    # 8 points (fewer than 13: not smoothed), all above 0, yearly (no gap),
    # a window of min(5, 8 - 1) = 5 intervals.
    assert one.window.tolist() == [5]
    assert one.positive.tolist() == [True]
    assert one.smoothed.tolist() == [False]
    assert one.gap.tolist() == [False]


def test_auto_parts_of_no_series_with_a_horizon_is_refused() -> None:
    with pytest.raises(InnovplanError, match="0 series, horizon times of shape"):
        auto_parts(_NONE, _NONE, [0], [2030.0])


@pytest.mark.parametrize(
    "horizons",
    [[7.0], [7.0, 8.0, 9.0], [[7.0, 8.0]]],
    ids=["one-for-two", "three-for-two", "row-for-two"],
)
def test_auto_members_refuses_horizons_that_are_not_one_per_series(horizons):
    # Two series (0..4 and 5..9) given one horizon used to broadcast it to both
    # without a word; three horizons or a (1, 2) row for two series do not
    # split into one per series either.
    t = np.concatenate([np.arange(5.0), np.arange(5.0)])
    y = np.concatenate([np.arange(1.0, 6.0), np.arange(2.0, 7.0)])
    with pytest.raises(EvaluationError, match=r"one horizon time per series.*2 series"):
        auto_members(t, y, [0, 5, 10], horizons)


def test_auto_members_reads_several_horizons_of_one_series():
    # One series 1, 2, ..., 5 at t = 0..4: the latest value member is 5 at any
    # horizon, and the average change over the last 4 intervals, (5 - 1) / 4 = 1
    # a year, says 5 + 1 * (t - 4): 6 at t = 5 and 8 at t = 7.
    t, y = np.arange(5.0), np.arange(1.0, 6.0)
    latest, _, _, window = auto_members(t, y, [0, 5], [[5.0, 7.0]])
    assert np.asarray(latest).tolist() == [5.0, 5.0]
    assert np.asarray(window) == pytest.approx([6.0, 8.0])
