"""Every LocalCluster the how-to and the tests start runs without a dashboard.

A LocalCluster serves its dashboard on port 8787 by default; a second one
started on the machine at the same time (another test run, a notebook
following the how-to) finds the port taken. ``dashboard_address=None`` starts
none.
"""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTS = sorted(
    p for p in (ROOT / "tests" / "dask").glob("*.py") if p.name != pathlib.Path(__file__).name
)
STARTS = [ROOT / "docs" / "howto" / "dask.md", *TESTS]


def _calls(text: str) -> list[str]:
    # The argument text of each LocalCluster(...) call, to its closing parenthesis.
    out = []
    for match in re.finditer(r"\bLocalCluster\(", text):
        depth, i = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        out.append(text[match.end() : i - 1])
    return out


@pytest.mark.parametrize("path", STARTS, ids=lambda p: p.name)
def test_each_local_cluster_starts_without_a_dashboard(path: pathlib.Path) -> None:
    text = path.read_text(encoding="utf-8")
    for args in _calls(text):
        assert re.search(r"\bdashboard_address\s*=\s*None\b", args), f"{path.name}: {args}"


def test_the_how_to_does_start_one() -> None:
    # The check above says something only where a cluster is started.
    assert len(_calls(STARTS[0].read_text(encoding="utf-8"))) == 1
    assert _calls("LocalCluster(n_workers=2, threads_per_worker=f(1))") == [
        "n_workers=2, threads_per_worker=f(1)"
    ]
