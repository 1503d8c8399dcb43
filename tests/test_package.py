"""The public face of innovplan: its names, and what importing it costs."""

import pathlib
import subprocess
import sys
import textwrap

import pytest

import innovplan

# The public API contract of DESIGN.md.
CONTRACT = {
    "ureg", "Q_", "parse_quantity", "parse_target", "parse_targets",
    "Plan", "Goal", "Area", "Task", "Target", "Indicator", "Observation", "Series",
    "Comparator", "Direction", "Measure", "Nature", "Status",
    "assess", "assess_many", "forecast", "forecast_many", "progress", "evaluate",
    "load", "dump", "load_observations", "dump_observations", "json_schema",
    "datasets", "errors",
}  # fmt: skip


def test_all_has_no_duplicates_and_resolves():
    # Its order is ruff's (RUF022: constants, then classes, then functions).
    assert len(set(innovplan.__all__)) == len(innovplan.__all__)
    for name in innovplan.__all__:
        assert getattr(innovplan, name) is not None


def test_all_is_the_contract_and_the_version():
    assert set(innovplan.__all__) == CONTRACT | {"__version__"}


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        innovplan.no_such_name  # noqa: B018


def run(code: str) -> str:
    out = subprocess.run(  # noqa: S603 (our own fixed snippet)
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_import_loads_no_optional_dependency_and_builds_no_registry():
    out = run(
        """
        import sys
        # pint imports dask (and dask imports yaml) whenever dask is installed (pint.compat);
        # hide it, as in an install without the [dask] extra, so that what is judged is innovplan.
        sys.modules["dask"] = None
        import innovplan
        from innovplan.units import registry
        optional = ("pandas", "matplotlib", "yaml", "tomli_w", "scipy", "click", "typer", "rich",
                    "jsonschema", "sdmx", "narwhals", "polars", "pyarrow", "distributed")
        loaded = [m for m in optional if sys.modules.get(m) is not None]
        print(loaded, registry.cache_info().currsize)
        """
    )
    assert out == "[] 0"


def test_registry_is_built_once_on_first_use():
    out = run(
        """
        import innovplan
        from innovplan.units import registry
        a = innovplan.ureg
        b = innovplan.Q_(1, "yuan")._REGISTRY
        print(a is b, registry.cache_info().currsize)
        """
    )
    assert out == "True 1"


def test_the_licence_named_in_pyproject_ships_beside_it():
    import tomllib

    root = pathlib.Path(__file__).parent.parent
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    text = (root / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
