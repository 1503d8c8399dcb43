"""Per-row columns of an observation table made without a gather, against the gather.

Fractional years of whole-year periods, each row's level flag, destination
and indicator code: where the per-pair or per-year values allow it, the
rows' values are made from the row's position directly; each must be the
same numbers, bit for bit, as picking them row by row.
"""

from __future__ import annotations

import numpy as np
import pytest

from innovplan.evaluate._cells import Table
from innovplan.evaluate._tables import (
    _by_pair,
    _fracs_of,
    _observation_years,
    _one_value,
    _row_codes,
    observation_columns,
)
from innovplan.model import Indicator, Measure


@pytest.mark.parametrize("seed", range(6))
def test_whole_year_periods_give_the_fractional_years_of_their_days(seed):
    rng = np.random.default_rng(seed)
    # 200 rows over a span with gaps and leap years (1996, 2000, 2024).
    years = rng.choice(np.array([1996, 1999, 2000, 2003, 2024, 2030]), size=200)
    table = Table({"period": years}, "observations table")
    first, last = table.periods("period")
    assert table.year_spans("period") is not None  # (the shortcut's input)
    days = (first, last + 1, last)
    got = _observation_years(table, days, np.ones(200, dtype=bool))
    want = _fracs_of(days)
    for g, w in zip(got, want, strict=True):
        assert g.dtype == w.dtype == np.float64
        assert g.tobytes() == w.tobytes()
    # By hand: a year starts at itself and ends at the next; 31 December
    # 2000 is day 365 of 366 (2000 + 365 / 366), of 1999 day 364 of 365.
    row = int(np.flatnonzero(years == 2000)[0])
    assert (got[0][row], got[1][row], got[2][row]) == (2000.0, 2001.0, 2000 + 365 / 366)
    row = int(np.flatnonzero(years == 1999)[0])
    assert got[2][row] == 1999 + 364 / 365


def test_pairs_without_levels_and_one_destination_read_as_gathered():
    pair = np.array([2, 0, 1, 1, 2])
    level, dest = _by_pair(np.zeros(3, dtype=bool), np.array([4, 4, 4]), pair)
    assert level.tolist() == [False] * 5
    assert dest.tolist() == [4] * 5
    assert _one_value(dest)
    level, dest = _by_pair(np.array([False, True, False]), np.array([0, 1, 0]), pair)
    assert level.tolist() == [False, False, True, True, False]
    assert dest.tolist() == [0, 0, 1, 1, 0]


def test_codes_in_order_are_the_rows_own_positions():
    k_of = np.array([0, 0, 1, 2, 2])
    mine = _row_codes(np.arange(3), k_of)
    # The positions themselves, no copy, read-only: they may be a table's
    # cached factors, which a write into the result must not change.
    assert mine.base is k_of
    assert not mine.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        mine[0] = 7
    assert k_of.tolist() == [0, 0, 1, 2, 2]
    assert k_of.flags.writeable  # the caller's own array is left as it was
    assert _row_codes(np.array([1, 0, 2]), k_of).tolist() == [1, 1, 0, 2, 2]
    assert _row_codes(np.array([0, -1, 2]), k_of).tolist() == [0, 0, -1, 2, 2]
    one = np.broadcast_to(np.zeros(1, np.int64), (5,))  # one cell for every row
    codes = _row_codes(np.arange(1), one)
    assert codes.tolist() == [0] * 5
    assert codes.flags.writeable


def test_observation_codes_cannot_change_the_tables_cached_indicators():
    # Every row kept, codes in order: the observations' indicator codes are
    # the table's cached factors (each row's distinct indicator), read-only.
    table = Table(
        {
            "indicator": np.array(["a", "a", "b"], dtype=object),
            "period": np.array([2021, 2022, 2021]),
            "value": np.array([1.0, 2.0, 3.0]),
            "unit": np.array(["enterprise"] * 3, dtype=object),
        },
        "observations table",
    )
    a = Indicator("a", "a", unit="enterprise", measure=Measure.LEVEL)
    b = Indicator("b", "b", unit="enterprise", measure=Measure.LEVEL)
    got = observation_columns(table, {"a": (0, a, "T1"), "b": (1, b, "T2")})
    ind = got.arrays.ind
    assert ind.tolist() == [0, 0, 1]
    assert not ind.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        ind[0] = 1
    assert table.text_distinct("indicator")[2].tolist() == [0, 0, 1]
