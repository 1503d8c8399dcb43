"""Every public name has a docstring with an example (run by pytest's doctests)."""

import importlib
import inspect

import pytest

PACKAGES = [
    "innovplan",
    "innovplan.dask",
    "innovplan.datasets",
    "innovplan.engine",
    "innovplan.errors",
    "innovplan.evaluate",
    "innovplan.faces",
    "innovplan.io",
    "innovplan.model",
    "innovplan.testing",
    "innovplan.text",
    "innovplan.units",
]
# pint's own objects, re-exported: their documentation is pint's, and
# innovplan.units' module docstring shows them in use.
PINT_OBJECTS = {
    "innovplan.Q_",
    "innovplan.ureg",
    "innovplan.units.Quantity",
    "innovplan.units.Unit",
}


def public_callables():
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            obj = getattr(module, name)
            if (inspect.isclass(obj) or callable(obj)) and f"{package}.{name}" not in PINT_OBJECTS:
                yield f"{package}.{name}", obj


@pytest.mark.parametrize(
    ("name", "obj"), list(public_callables()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_public_name_has_a_docstring_with_an_example(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"
