"""Values written in place where a mask holds: the floats np.where gives, in new arrays."""

from __future__ import annotations

import numpy as np
import pytest

from innovplan import datasets
from innovplan.engine import histories, trajectories
from innovplan.engine._codes import Method
from innovplan.engine._driver import _blanked, _fill_unless, _finish
from innovplan.engine._forecast_codes import _TOO_FEW_POINTS, _UNCLEAR
from innovplan.engine._measured import _fill_where


def _same_bits(a: object, b: object) -> None:
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    assert x.shape == y.shape
    np.testing.assert_array_equal(x.view(np.uint64), y.view(np.uint64))


def _masks(shape: tuple[int, ...]) -> list[np.ndarray]:
    rng = np.random.default_rng(5)
    return [np.zeros(shape, bool), rng.random(shape) < 0.2, np.ones(shape, bool)]


@pytest.mark.parametrize("value", [0.0, 1.0, np.nan])
def test_fill_unless_is_np_where_in_place(value):
    rng = np.random.default_rng(3)
    for keep in _masks((4, 9)):
        x = rng.normal(size=(4, 9))
        want = np.where(keep, x, value)
        before = x
        _fill_unless(x, keep, value)
        assert x is before
        _same_bits(x, want)


def test_fill_where_is_np_where_in_place():
    rng = np.random.default_rng(4)
    for mask in _masks((17,)):
        x = rng.normal(size=17)
        want = np.where(mask, np.nan, x)
        assert _fill_where(x, mask, np.nan) is x
        _same_bits(x, want)


def test_blanked_is_np_where_also_for_a_row():
    # A row per series (df as auto predicts it) broadcasts over the
    # horizons, as np.where broadcasts it; the result is a new array.
    rng = np.random.default_rng(6)
    row, whole = rng.normal(size=(1, 5)), rng.normal(size=(3, 5))
    for bad in _masks((3, 5)):
        for x in (row, whole):
            out = _blanked(x, bad, (3, 5), any_bad=bool(bad.any()))
            _same_bits(out, np.where(bad, np.nan, x))
            assert not np.shares_memory(out, x)


def _finish_hs(df: np.ndarray, bad: np.ndarray, reason: np.ndarray):
    # Two horizons (rows) of two series (columns), location 0, scale 1.
    shape = (2, 2)
    return _finish(
        Method.DRIFT, np.zeros(shape), np.ones(shape), df, 0.8, reason, bad,
        np.array([5, 14]), np.ones(shape), log_space=False, one_d=False, series_last=True,
    )  # fmt: skip


def test_finish_reads_the_quantiles_from_a_df_row():
    # Level 0.8: the upper end is the t quantile at 0.9 times the scale 1.
    # Student-t tables (Abramowitz and Stegun 1964, table 26.10; any t
    # table): t(0.90; 3) = 1.638 and t(0.90; 12) = 1.356, to 3 decimals.
    row = np.array([[3.0, 12.0]])
    none = np.zeros((2, 2), bool)
    reason = np.zeros((2, 2), np.int32)
    by_row = _finish_hs(row, none, reason)
    by_whole = _finish_hs(np.repeat(row, 2, axis=0), none, reason)
    for a, b in zip(by_row, by_whole, strict=True):
        _same_bits(a, b)
    # by_row.upper is (series, horizon): series 0 has df 3, series 1 df 12.
    np.testing.assert_allclose(by_row.upper, [[1.638, 1.638], [1.356, 1.356]], atol=5e-4)
    np.testing.assert_array_equal(by_row.lower, -by_row.upper)
    _same_bits(by_row.df, [[3.0, 3.0], [12.0, 12.0]])


def test_finish_blanks_and_marks_the_bad_forecasts():
    # One bad forecast (horizon 1 of series 0) and one with a warning
    # (horizon 0 of series 1): the bad one has no numbers and is unclear,
    # the warned one is a warning (1), the others are OK (0).
    bad = np.array([[False, False], [True, False]])
    reason = np.array([[0, _TOO_FEW_POINTS], [0, 0]], dtype=np.int32)
    out = _finish_hs(np.array([[3.0, 12.0]]), bad, reason)
    assert out.status.tolist() == [[0, _UNCLEAR], [1, 0]]
    for col in (out.loc, out.scale, out.df, out.point, out.lower, out.upper):
        assert np.isnan(col[0, 1])
        assert np.isfinite(np.delete(col.reshape(-1), 1)).all()


def test_measured_columns_are_arrays_of_their_own():
    # measure writes NaN into the arrays it returns: none of them may be
    # the deadline forecast's own column.
    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    h = histories(plan.targets, obs, as_of="2023-01-29")
    fc, _, measured = trajectories(h, "drift", 0.8, within_year=True)
    for col in (measured.point, measured.lower, measured.upper, measured.probability):
        for own in fc:
            assert not np.shares_memory(col, own)
    # Where the forecast has no finite location or scale, no interval and
    # no probability.
    ok = np.isfinite(fc.loc) & np.isfinite(fc.scale)
    assert np.isnan(measured.lower[~ok]).all()
    assert np.isnan(measured.probability[~ok]).all()
    assert ((measured.probability[ok] >= 0) & (measured.probability[ok] <= 1)).all()
