"""Fixtures of the faces tests: the Wuhan plan, its evidence, reports, Agg plots."""

from __future__ import annotations

import pytest

from innovplan import datasets, evaluate

pytest.importorskip("pandas")
mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")


@pytest.fixture(scope="session")
def plan():
    return datasets.wuhan_2023()


@pytest.fixture(scope="session")
def observations():
    return datasets.wuhan_2023_observations()


@pytest.fixture(scope="session")
def report(plan, observations):
    return evaluate(plan, observations)


@pytest.fixture(scope="session")
def midyear(plan, observations):
    """The report as it stood after the half-year review: trajectories, no outcomes."""
    return evaluate(plan, observations, as_of="2023-08-06")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
