"""Every example runs, top to bottom, as a user would run it."""

import pathlib
import runpy
import sys

import pytest

pytest.importorskip("pandas")
mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


def run_example(name, monkeypatch, *argv):
    monkeypatch.setattr(sys, "argv", [name, *argv])
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")


def test_wuhan_2023_report(tmp_path, monkeypatch, capsys):
    run_example("wuhan_2023_report.py", monkeypatch, str(tmp_path))
    out = capsys.readouterr().out
    assert "attainment (as of 2023-08-06)" in out
    assert (tmp_path / "report.html").exists()
    assert (tmp_path / "plots" / "T10.png").exists()


def test_track_ytd_turnover(tmp_path, monkeypatch, capsys):
    png = tmp_path / "t10.png"
    run_example("track_ytd_turnover.py", monkeypatch, str(png))
    out = capsys.readouterr().out
    assert "2023-08-06: T10 at 2023-12-31" in out
    assert "method: ytd" in out
    assert "outcome:    T10 achieved: 2,198.43亿元" in out
    assert png.exists()


def test_write_your_own_plan(monkeypatch, capsys):
    pytest.importorskip("yaml")
    run_example("write_your_own_plan.py", monkeypatch)
    out = capsys.readouterr().out
    assert "Campus innovation plan 2024-2025" in out
    assert "likelihood" in out


def test_notebook_runs_top_to_bottom(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(EXAMPLES / "wuhan_2023.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("likely" in h for h in html)  # a likelihood word of the IPCC scale
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2
