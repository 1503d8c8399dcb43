"""Small target and observation tables with every kind of row the partitions must keep apart."""

from __future__ import annotations

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import innovplan
from innovplan.dask import assess_frame, evaluate_frame, forecast_frame, progress_frame
from innovplan.evaluate import progress_many

# Indicator kinds: (measure, target unit, observation unit, comparator, basis, direction,
# level in the observation unit, yearly change). The observation unit differs from the
# target's for the flows, so each partition converts units on its own.
KINDS = (
    ("level", "enterprise", "enterprise", "more_than", "value", "increase", 12000.0, 600.0),
    ("flow", "hundred_million_yuan", "yuan", "at_least", "value", "increase", 1.2e11, 8e9),
    ("share", "percent", "percent", "about", "value", "increase", 10.0, 0.4),
    ("growth", "percent", "percent", "more_than", "value", "increase", 9.0, -0.2),
    ("level", "enterprise", "enterprise", "at_most", "value", "decrease", 900.0, -15.0),
    ("flow", "hundred_million_yuan", "hundred_million_yuan", "at_least", "cumulative",
     "increase", 300.0, 10.0),
)  # fmt: skip
DEADLINES = ("2020-12-31", "2023-12-31", "2025-12-31")


def make_tables(n_indicators: int = 30, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets (three deadlines per indicator) and yearly observations with revisions.

    Every fifth indicator has no observations, every seventh stops in 2021; a
    third of the figures are revised a year after their first release.
    """
    rng = np.random.default_rng(seed)
    t_rows: list[dict[str, object]] = []
    o_rows: list[dict[str, object]] = []
    for i in range(n_indicators):
        measure, unit, obs_unit, comp, basis, direction, level, step = KINDS[i % len(KINDS)]
        ind = f"ind{i:03d}"
        scale = 1.0 if unit == obs_unit else 1e-8  # yuan to hundred million yuan
        for k, deadline in enumerate(DEADLINES):
            aim = (level + step * (6 + 4 * k) * rng.uniform(0.7, 1.3)) * scale
            if basis == "cumulative":
                aim *= 5  # five years of flows from the window's start
            t_rows.append(
                {
                    "id": f"T{i:03d}{k}",
                    "indicator": ind,
                    "comparator": comp,
                    "value": round(aim, 2),
                    "unit": unit,
                    "deadline": deadline,
                    "measure": measure,
                    "direction": direction,
                    "basis": basis,
                    # Shares leave the window's start empty: missing cells cross partitions.
                    "start": None if i % len(KINDS) == 2 else f"{int(deadline[:4]) - 4}-01-01",
                }
            )
        if i % 5 == 4:
            continue
        last = 2021 if i % 7 == 6 else 2024
        value = level
        for year in range(2013, last + 1):
            value += step * rng.uniform(0.2, 1.8)
            o_rows.append(
                {
                    "indicator": ind,
                    "period": year,
                    "value": round(value, 3),
                    "unit": obs_unit,
                    "released": f"{year + 1}-03-01",
                }
            )
            if rng.uniform() < 1 / 3:
                o_rows.append(
                    {
                        "indicator": ind,
                        "period": year,
                        "value": round(value * rng.uniform(0.97, 1.03), 3),
                        "unit": obs_unit,
                        "released": f"{year + 2}-03-01",
                    }
                )
    targets = pd.DataFrame(t_rows)
    observations = pd.DataFrame(o_rows)
    # Shuffle the rows so that no partitioning lines up with indicators by accident.
    targets = targets.iloc[rng.permutation(len(targets))].reset_index(drop=True)
    observations = observations.iloc[rng.permutation(len(observations))].reset_index(drop=True)
    return targets, observations


@pytest.fixture(scope="session")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return make_tables()


KINDS_OF_CALL = ("assess", "forecast", "progress", "evaluate")
FRAME = {
    "assess": assess_frame,
    "forecast": forecast_frame,
    "progress": progress_frame,
    "evaluate": evaluate_frame,
}
IN_PROCESS = {
    "assess": innovplan.assess_many,
    "forecast": innovplan.forecast_many,
    "progress": progress_many,
    "evaluate": innovplan.evaluate,
}


def frame_of(result) -> pd.DataFrame:
    df = result.to_frame()
    if df.index.name is not None:
        df = df.reset_index()
    return df.reset_index(drop=True)


def _in_process(kind, targets, observations, *, dates=None, **kw) -> pd.DataFrame:
    """The in-process call's frame; with *dates*, one replay per date, stacked."""
    if dates is None:
        return frame_of(IN_PROCESS[kind](targets, observations, **kw))
    parts = []
    for day in dates:
        df = frame_of(IN_PROCESS[kind](targets, observations, as_of=day, **kw))
        df.insert(0, "as_of", pd.Series(pd.Timestamp(day), index=df.index, dtype="datetime64[ns]"))
        parts.append(df)
    return pd.concat(parts, ignore_index=True)


def _by_key(df: pd.DataFrame) -> pd.DataFrame:
    # The documented key: target id, after the replay date when there are several.
    key = ["as_of", "target"] if "as_of" in df.columns else ["target"]
    return df.sort_values(key, kind="stable").reset_index(drop=True)


def _lazy(tables, t_parts=4, o_parts=5):
    targets, observations = tables
    return (
        dd.from_pandas(targets, npartitions=t_parts),
        dd.from_pandas(observations, npartitions=o_parts),
    )


@pytest.fixture(scope="session")
def in_process():
    return _in_process


@pytest.fixture(scope="session")
def by_key():
    return _by_key


@pytest.fixture(scope="session")
def lazy():
    return _lazy


@pytest.fixture(scope="session")
def on_dask():
    """The Dask function of each kind of call."""
    return FRAME
