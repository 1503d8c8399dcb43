"""The public face of innovplan: its names, and what importing it costs."""

import importlib
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


OPTIONAL = ("pandas", "matplotlib", "yaml", "tomli_w", "scipy", "click", "typer", "rich",
            "jsonschema", "sdmx", "narwhals", "polars", "pyarrow", "distributed")  # fmt: skip


def test_import_loads_no_layer_and_no_optional_dependency():
    # The layers, pint and numpy load when a public name is first used.
    out = run(
        f"""
        import sys
        import innovplan
        print(sorted(m for m in sys.modules if m.startswith("innovplan")),
              [m for m in ("pint", "numpy", "attrs", "cattrs", "dask") + {OPTIONAL!r}
               if m in sys.modules])
        """
    )
    assert out == "['innovplan', 'innovplan._version', 'innovplan.errors'] []"


def test_using_every_name_loads_no_optional_dependency_and_builds_no_registry():
    out = run(
        f"""
        import sys
        # pint imports dask (and dask imports yaml) whenever dask is installed (pint.compat);
        # hide it, as in an install without the [dask] extra, so that what is judged is innovplan.
        sys.modules["dask"] = None
        import innovplan
        from innovplan.units import registry
        for name in sorted(set(innovplan.__all__) - {{"ureg", "Q_"}}):
            getattr(innovplan, name)
        print([m for m in {OPTIONAL!r} if sys.modules.get(m) is not None],
              registry.cache_info().currsize)
        """
    )
    assert out == "[] 0"


def test_every_name_is_its_home_modules_object_and_listed_by_dir():
    # ``import innovplan.evaluate as ev`` would bind the function: ask for the subpackage.
    ev = importlib.import_module("innovplan.evaluate")

    homes = {
        "assess": ev.assess,
        "evaluate": ev.evaluate,
        "Plan": innovplan.model.Plan,
        "load": innovplan.io.load,
        "parse_targets": innovplan.text.parse_targets,
        "parse_quantity": innovplan.units.parse_quantity,
    }
    for name, obj in homes.items():
        assert getattr(innovplan, name) is obj
    assert set(innovplan.__all__) <= set(dir(innovplan))
    assert {"engine", "io", "model", "text", "units"} <= set(dir(innovplan))


@pytest.mark.parametrize(
    "first",
    [
        "import innovplan.evaluate",
        "from innovplan.evaluate import Assessments",
        "import innovplan.faces",
        "innovplan.assess",
        "innovplan.evaluate",
        "from innovplan import *",
    ],
)
def test_evaluate_is_the_function_whichever_import_comes_first(first):
    # The subpackage innovplan.evaluate defines the function of the same name;
    # importing the subpackage must not replace the function on the package.
    out = run(
        f"""
        import innovplan
        {first}
        from innovplan import evaluate
        print(callable(innovplan.evaluate), innovplan.evaluate is evaluate,
              evaluate.__module__)
        """
    )
    assert out == "True True innovplan.evaluate._report"


def test_star_import_binds_every_name():
    out = run(
        """
        from innovplan import *
        import innovplan
        print(all(globals()[n] is getattr(innovplan, n) for n in innovplan.__all__))
        """
    )
    assert out == "True"


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
