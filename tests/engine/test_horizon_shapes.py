"""Horizons of a shape the kernels cannot read are refused with the shape named.

The public kernels of ``innovplan.engine`` take *h_t* as one row of horizons a
series, ``(S, H)``, or ``S x H`` values; anything else is an
:class:`~innovplan.errors.EvaluationError` (an ``InnovplanError``) that names
the shape and the series count, never numpy's own ``ValueError`` or
``IndexError``.
"""

import numpy as np
import pytest

from innovplan import engine
from innovplan.errors import EvaluationError, InnovplanError

# Two series: 2000-2007 (8 points) and 2000-2005 (6 points), rising by 1 a year.
T = np.r_[np.arange(2000.0, 2008.0), np.arange(2000.0, 2006.0)]
Y = np.r_[np.arange(1.0, 9.0), np.arange(1.0, 7.0)]
INDPTR = [0, 8, 14]


@pytest.mark.parametrize(
    ("h", "named"),
    [
        (np.zeros((2, 0)), r"shape \(2, 0\) for 2 series"),  # no horizon at all
        (np.ones((3, 2)), r"shape \(3, 2\) for 2 series"),  # three rows for two series
        (np.ones(5), r"5 values for 2 series"),  # 5 values do not split into 2 rows
        (np.ones((2, 1, 1)), r"shape \(2, 1, 1\) for 2 series"),
    ],
)
@pytest.mark.parametrize("kernel", [engine.auto, engine.drift, engine.linear])
def test_a_horizon_array_of_the_wrong_shape_is_named(kernel, h, named):
    with pytest.raises(EvaluationError, match=named) as err:
        kernel(T, Y, INDPTR, h)
    assert isinstance(err.value, InnovplanError)
    assert "(2, H)" in str(err.value)  # what would be valid


def test_values_for_no_series_are_named():
    with pytest.raises(EvaluationError, match="h_t has 2 values for 0 series"):
        engine.drift(np.zeros(0), np.zeros(0), [0], [2010.0, 2011.0])


def test_the_valid_shapes_give_the_same_forecasts():
    # (S, H) and the same S x H values flat (results flat too): the same
    # horizons, the same floats. Drift by hand for the second series: last value 6 in 2005,
    # slope (6 - 1) / 5 = 1 a year, so 2007 gives 6 + 2 * 1 = 8.
    h = np.array([[2009.0, 2010.0], [2006.0, 2007.0]])
    by_rows = engine.drift(T, Y, INDPTR, h, calibrate=False)
    flat = engine.drift(T, Y, INDPTR, h.ravel(), calibrate=False)
    np.testing.assert_array_equal(by_rows.point.ravel(), np.ravel(flat.point))
    assert by_rows.point[1, 1] == 8.0


def test_a_window_under_two_intervals_is_named():
    with pytest.raises(
        EvaluationError, match="window must be an int of at least 2 intervals, got 1"
    ):
        engine.average_change(T[:8], Y[:8], [0, 8], [2010.0], window=1)
