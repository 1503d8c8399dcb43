"""What importing the faces costs, and what a missing extra says."""

import subprocess
import sys
import textwrap

import pytest

from innovplan.errors import MissingDependencyError


def run(code: str) -> str:
    out = subprocess.run(  # noqa: S603 (our own fixed snippet)
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_importing_faces_loads_no_optional_package():
    out = run(
        """
        import sys
        # pint imports dask (and dask imports yaml) whenever dask is installed (pint.compat);
        # hide it, as in an install without the [dask] extra, so that what is judged is innovplan.
        sys.modules["dask"] = None
        import innovplan, innovplan.faces, innovplan.faces._cli
        optional = ("pandas", "matplotlib", "yaml", "click", "typer", "rich", "IPython",
                    "narwhals", "polars", "pyarrow", "distributed")
        print([m for m in optional if sys.modules.get(m) is not None])
        """
    )
    assert out == "[]"


def test_cli_table_report_loads_neither_pandas_nor_matplotlib():
    out = run(
        """
        import io, sys
        from innovplan.faces._cli import main
        main(["report", "--format", "csv"], stdout=io.StringIO())
        print([m for m in ("pandas", "matplotlib") if m in sys.modules])
        """
    )
    assert out == "[]"


@pytest.mark.parametrize(("module", "extra"), [("pandas", "pandas"), ("matplotlib.pyplot", "plot")])
def test_missing_extra_names_it(monkeypatch, plan, module, extra):
    import innovplan.faces._deps as deps

    real = deps.importlib.import_module

    def fake(name, *a):
        if name == module:
            raise ImportError(name)
        return real(name, *a)

    monkeypatch.setattr(deps.importlib, "import_module", fake)
    from innovplan.faces import plot_trajectory, to_frame

    def use():
        if extra == "pandas":
            return to_frame(plan)
        return plot_trajectory(plan.target("T8"), [])

    with pytest.raises(MissingDependencyError, match=rf"pip install 'innovplan\[{extra}\]'"):
        use()


def test_cli_reports_a_missing_extra_as_bad_input(monkeypatch, tmp_path):
    import io

    import innovplan.faces._deps as deps
    from innovplan.faces._cli import main

    real = deps.importlib.import_module

    def fake(name, *a):
        if name == "matplotlib.pyplot":
            raise ImportError(name)
        return real(name, *a)

    monkeypatch.setattr(deps.importlib, "import_module", fake)
    err = io.StringIO()
    assert main(["report", "--format", "html", "--out", str(tmp_path)], stderr=err) == 2
    assert "pip install 'innovplan[plot]'" in err.getvalue()
