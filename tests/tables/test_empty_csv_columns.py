"""An optional text column left empty in a CSV file reads as empty cells.

pandas' ``read_csv`` types a column whose every cell is empty as float64 NaN,
whichever type its cells would have had; NaN is an empty cell (docs/tables.md).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

import innovplan
from innovplan.errors import ModelError

_HEAD = "id,indicator,comparator,value,unit,deadline,measure"
_ROWS = [
    "T1,i,at_least,1,enterprise,2030-12-31,level",
    "T2,i,at_least,2,enterprise,2031-12-31,level",
]
_YEARS = list(range(2012, 2022))
_OBS = pd.DataFrame(
    {
        "indicator": ["i"] * 10,
        "period": _YEARS,
        "value": [5.0 + 0.5 * k for k in range(10)],
        "unit": ["enterprise"] * 10,
    }
)


def _targets(column: str, cells: list[str]) -> pd.DataFrame:
    lines = [
        f"{_HEAD},{column}",
        *(f"{row},{cell}" for row, cell in zip(_ROWS, cells, strict=True)),
    ]
    return pd.read_csv(io.StringIO("\n".join(lines) + "\n"))


def _same(got, want):
    assert got.columns["target"].tolist() == want.columns["target"].tolist()
    assert got.columns["unit"].tolist() == want.columns["unit"].tolist()
    for name in ("point", "lower", "upper", "probability"):
        values = np.asarray(got.columns[name], dtype=np.float64)
        assert not np.isnan(values).any(), name  # (a forecast was made)
        assert values.tobytes() == np.asarray(want.columns[name], dtype=np.float64).tobytes()


@pytest.mark.parametrize("column", ["indicator_unit", "indicator_name", "notes"])
def test_an_empty_optional_text_column_reads_as_the_column_left_out(column):
    targets = _targets(column, ["", ""])
    assert targets[column].dtype == "float64"  # (what read_csv makes of it)
    got = innovplan.forecast_many(targets, _OBS)
    want = innovplan.forecast_many(targets.drop(columns=column), _OBS)
    _same(got, want)
    assert got.columns["unit"].tolist() == ["enterprise", "enterprise"]  # indicator_unit's default


@pytest.mark.parametrize("column", ["status", "dim:region"])
def test_an_empty_optional_observation_text_column_reads_as_the_column_left_out(column):
    lines = [f"indicator,period,value,unit,{column}"]
    lines += [f"i,{year},{5.0 + 0.5 * k},enterprise," for k, year in enumerate(_YEARS)]
    observations = pd.read_csv(io.StringIO("\n".join(lines) + "\n"))
    assert observations[column].dtype == "float64"
    targets = _targets("notes", ["a", "b"])
    got = innovplan.forecast_many(targets, observations)
    want = innovplan.forecast_many(targets, _OBS)
    _same(got, want)


def test_a_number_in_an_optional_text_column_is_still_refused():
    # One cell a number, the other empty: a float column that is not all NaN.
    targets = _targets("indicator_unit", ["3", ""])
    assert targets["indicator_unit"].dtype == "float64"
    with pytest.raises(
        ModelError,
        match=r"^targets table row 0\.indicator_unit: expected a column of text, got float64 values$",
    ):
        innovplan.forecast_many(targets, _OBS)


def test_an_empty_required_text_column_is_named_as_empty():
    lines = [
        "id,indicator,comparator,value,unit,deadline,measure",
        "T1,,at_least,1,enterprise,2030-12-31,level",
    ]
    targets = pd.read_csv(io.StringIO("\n".join(lines) + "\n"))
    assert targets["indicator"].dtype == "float64"
    with pytest.raises(
        ModelError,
        match=r"^targets table row 0\.indicator: text is required here, got an empty cell$",
    ):
        innovplan.forecast_many(targets, _OBS)
