"""A table that names a column twice is refused, naming the table and the column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import innovplan
from innovplan.errors import ModelError

TARGETS = pd.DataFrame(
    {
        "id": ["T1"],
        "indicator": ["labs"],
        "comparator": ["at_least"],
        "value": [10.0],
        "unit": ["laboratory"],
        "deadline": ["2023-12-31"],
        "measure": ["flow"],
    }
)
OBSERVATIONS = pd.DataFrame(
    {"indicator": ["labs"], "period": [2023], "value": [11.0], "unit": ["laboratory"]}
)
# The same tables with "value" (targets) and "unit" and "value" (observations) twice.
REPEATED_TARGETS = pd.concat([TARGETS, TARGETS[["value"]]], axis=1)
REPEATED_OBSERVATIONS = pd.concat(
    [OBSERVATIONS, OBSERVATIONS[["unit"]], OBSERVATIONS[["value"]]], axis=1
)


def _arrow(frame: pd.DataFrame) -> pa.Table:
    # pyarrow.Table.from_pandas refuses repeated names itself; a table built
    # column by column keeps them.
    columns = [pa.array(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return pa.table(columns, names=[str(c) for c in frame.columns])


FUNCTIONS = [innovplan.assess_many, innovplan.forecast_many, innovplan.evaluate]
BACKENDS = [lambda f: f, _arrow]


@pytest.mark.parametrize("func", FUNCTIONS)
@pytest.mark.parametrize("backend", BACKENDS, ids=["pandas", "pyarrow"])
def test_targets_table_with_a_repeated_column(func, backend):
    with pytest.raises(
        ModelError,
        match=r"^targets table.*: the column name\(s\) 'value' appear more than once; give each column a distinct name$",
    ):
        func(backend(REPEATED_TARGETS), OBSERVATIONS)


@pytest.mark.parametrize("func", FUNCTIONS)
@pytest.mark.parametrize("backend", BACKENDS, ids=["pandas", "pyarrow"])
def test_observations_table_with_repeated_columns(func, backend):
    with pytest.raises(
        ModelError,
        match=r"^observations table: the column name\(s\) 'value', 'unit' appear more than once",
    ):
        func(TARGETS, backend(REPEATED_OBSERVATIONS))


def test_names_that_are_the_same_as_text_are_repeated():
    # 2023 and "2023" would both be read as the column "2023".
    observations = OBSERVATIONS.copy()
    observations[2023] = [1.0]
    observations["2023"] = [2.0]
    with pytest.raises(
        ModelError, match=r"^observations table: the column name\(s\) '2023' appear"
    ):
        innovplan.assess_many(TARGETS, observations)


def test_the_tables_without_repeats_still_read():
    # 11 laboratories against at least 10: met.
    result = innovplan.assess_many(TARGETS, OBSERVATIONS)
    assert result.columns["met"].tolist() == [True]


def test_a_repeat_found_by_narwhals_is_refused_too(monkeypatch):
    # Frames whose names are not read up front (other narwhals backends) reach
    # narwhals, whose DuplicateError becomes the same kind of error.
    from innovplan.evaluate import _cells

    monkeypatch.setattr(_cells, "_refuse_repeated_names", lambda value, what: None)
    with pytest.raises(ModelError, match=r"^targets table: has a column name more than once"):
        innovplan.assess_many(REPEATED_TARGETS, OBSERVATIONS)


@pytest.mark.parametrize(
    ("names", "repeated"),
    [
        # pandas' text dtype: distinct texts read without listing them.
        (pd.Index(["a", "b"], dtype="str"), None),
        (pd.Index(["a", "a"], dtype="str"), "'a'"),
        # A missing name in a text index is listed: it reads as the text "nan".
        (pd.Index(["nan", np.nan], dtype="str"), "'nan'"),
        # Text names in an object index: listed, the same answers.
        (pd.Index(["a", "b"], dtype=object), None),
        (pd.Index(["a", "a"], dtype=object), "'a'"),
    ],
)
def test_text_column_names_are_refused_only_when_repeated(names, repeated):
    from innovplan.evaluate._cells import _refuse_repeated_names

    frame = pd.DataFrame([[1.0, 2.0]], columns=names)
    if repeated is None:
        _refuse_repeated_names(frame, "observations table")  # no error
        return
    with pytest.raises(ModelError, match=rf"the column name\(s\) {repeated} appear more than once"):
        _refuse_repeated_names(frame, "observations table")
