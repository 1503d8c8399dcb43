"""The import graph of innovplan follows the layers of the design.

The packages are layered errors → units → model → text → engine → evaluate → io →
faces → datasets; ``innovplan.testing`` may import anything, and nothing imports it.
Walking the syntax tree of every module, this checks that

(a) no module-level import goes up the layers,
(b) module-level imports make no circle across packages,
(c) no import, at module level or inside a function, names a private module or a
    private name of another package, and
(d) the only function-level upward imports are of public names in hooks: a face
    (``innovplan.faces``) from the results' and the plan's ``to_frame`` /
    ``_repr_html_``, the io functions that write results from their
    ``to_dict`` / ``to_json``, and the shipped plans from the command line.

Lazy imports of optional extras (pandas, matplotlib...) are not innovplan imports
and are not checked here.
"""

from __future__ import annotations

import ast
import pathlib

import attrs
import pytest

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "innovplan"

LAYERS = (
    "errors",
    "units",
    "model",
    "text",
    "engine",
    "evaluate",
    "io",
    "faces",
    "datasets",
)
# The top-level face re-exports every layer, the version module is a leaf, and the
# testing helpers sit above everything.
RANK = {name: rank for rank, name in enumerate(LAYERS)} | {
    "_version": -1,
    "_errstate": -1,  # the numpy error state of every public entry point
    "dask": len(LAYERS),  # partition-wise runs of the public calls; nothing imports it
    "testing": len(LAYERS),
    "__main__": len(LAYERS),
    "": len(LAYERS),
}
# A package's own modules, ``innovplan.errors`` and the two private leaves
# below every layer may be used by anything.
SHARED = {"errors", "_version", "_errstate"}


@attrs.frozen
class Edge:
    """One imported name: where it is imported and what it names."""

    module: str  # dotted name of the importing module
    line: int
    target: str  # dotted module imported from
    name: str  # the name imported from it ("" for ``import x``)
    kind: str  # "module" (runs on import), "function" (runs when called) or "typing"
    function: str = ""  # the function it runs in, for a function-level import


def module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def package_of(dotted: str) -> str:
    """``innovplan.engine._attain`` -> ``engine``; ``innovplan.__main__`` -> ``""``."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[1] != "__main__" else ""


def resolve(module: str, node: ast.ImportFrom, *, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def edges_of(path: pathlib.Path) -> list[Edge]:
    text = path.read_text(encoding="utf-8")
    return edges_in(module_name(path), text, is_package=path.name == "__init__.py")


def edges_in(module: str, text: str, *, is_package: bool) -> list[Edge]:
    tree = ast.parse(text)
    found: list[Edge] = []

    def visit(node: ast.AST, kind: str, function: str = "") -> None:
        for child in ast.iter_child_nodes(node):
            inner, name = kind, function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = "function" if kind == "module" else kind
                name = child.name
            if isinstance(child, ast.Import):
                found.extend(
                    Edge(module, child.lineno, alias.name, "", kind, function)
                    for alias in child.names
                    if alias.name.split(".")[0] == "innovplan"
                )
            elif isinstance(child, ast.ImportFrom):
                target = resolve(module, child, is_package=is_package)
                if target.split(".")[0] == "innovplan":
                    found.extend(
                        Edge(
                            module,
                            child.lineno,
                            *split_submodule(target, alias.name),
                            kind,
                            function,
                        )
                        for alias in child.names
                    )
            elif isinstance(child, ast.If) and is_type_checking(child.test):
                # Imports only the type checker reads do not execute.
                visit(child, "typing", function)
                continue
            visit(child, inner, name)

    visit(tree, "module")
    return found


def split_submodule(target: str, name: str) -> tuple[str, str]:
    """``from innovplan import model`` imports the module ``innovplan.model``."""
    folder = SRC.parent.joinpath(*target.split("."))
    if (folder / name).is_dir() or (folder / f"{name}.py").is_file():
        return f"{target}.{name}", ""
    return target, name


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


EDGES = [edge for path in sorted(SRC.rglob("*.py")) for edge in edges_of(path)]


def crosses(edge: Edge) -> bool:
    """The import leaves the importing module's own package (errors is shared)."""
    source, target = package_of(edge.module), package_of(edge.target)
    return source != target and target not in SHARED and source != ""


def private_parts(edge: Edge) -> list[str]:
    """The private modules and names an import takes from another package."""
    bad = [part for part in edge.target.split(".")[2:] if part.startswith("_")]
    if edge.name.startswith("_") and edge.name not in {"__version__", "__all__"}:
        bad.append(edge.name)
    return bad


def where(edge: Edge) -> str:
    return f"{edge.module}:{edge.line} imports {edge.target} {edge.name}".rstrip()


def test_the_walk_sees_the_packages():
    # A walk that found nothing would pass every check below.
    seen = {package_of(edge.module) for edge in EDGES}
    assert {"units", "model", "text", "engine", "evaluate", "io", "faces"} <= seen


def test_module_level_imports_flow_down_the_layers():
    upward = [
        where(edge)
        for edge in EDGES
        if edge.kind == "module"
        and crosses(edge)
        and RANK[package_of(edge.target)] > RANK[package_of(edge.module)]
    ]
    assert upward == []


def test_no_import_circle_across_packages():
    graph: dict[str, set[str]] = {}
    for edge in EDGES:
        if edge.kind == "module" and crosses(edge):
            graph.setdefault(package_of(edge.module), set()).add(package_of(edge.target))

    def reaches(start: str, goal: str) -> bool:
        todo, seen = [start], set()
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return False

    circles = sorted(
        f"{source} -> {target} -> ... -> {source}"
        for source, targets in graph.items()
        for target in targets
        if reaches(target, source)
    )
    assert circles == []


def test_no_private_name_of_another_package():
    private = [
        f"{where(edge)}: {private_parts(edge)}"
        for edge in EDGES
        if crosses(edge) and private_parts(edge)
    ]
    assert private == []


# The lazy upward imports the design allows: a result's or a plan's display hooks
# call a public face; a result's serialisation hooks call the public io
# functions that write results; the command line offers the shipped plans.
HOOKS = {
    "innovplan.faces": None,  # any function (to_frame, _repr_html_, __str__...)
    "innovplan.io": {"to_dict", "to_json"},
    "innovplan.datasets": {"_load_plan"},
}


def allowed_upward(edge: Edge) -> bool:
    if private_parts(edge) or edge.target not in HOOKS:
        return False
    functions = HOOKS[edge.target]
    if edge.target == "innovplan.datasets" and edge.module != "innovplan.faces._cli":
        return False
    return functions is None or edge.function in functions


def test_function_level_upward_imports_are_public_hooks():
    upward = [
        f"{where(edge)} in {edge.function}()"
        for edge in EDGES
        if edge.kind == "function"
        and crosses(edge)
        and RANK[package_of(edge.target)] > RANK[package_of(edge.module)]
        and not allowed_upward(edge)
    ]
    assert upward == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("from innovplan.engine._attain import run", ("module", "innovplan.engine._attain", "run")),
        ("def f():\n    from ..faces import to_frame", ("function", "innovplan.faces", "to_frame")),
        (
            "class A:\n    def to_json(self):\n        from innovplan.io import x",
            ("function", "innovplan.io", "x"),
        ),
        (
            "if TYPE_CHECKING:\n    from innovplan.io import load",
            ("typing", "innovplan.io", "load"),
        ),
        ("from innovplan import model", ("module", "innovplan.model", "")),
        ("from . import _status", ("module", "innovplan.evaluate._status", "")),
        ("import numpy", None),
    ],
)
def test_the_walk_reads_imports(code, expected):
    # As if the code were the module innovplan/evaluate/x.py.
    got = [
        (edge.kind, edge.target, edge.name)
        for edge in edges_in("innovplan.evaluate.x", code, is_package=False)
    ]
    assert got == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("module", "target", "name", "function", "allowed"),
    [
        ("innovplan.evaluate._report", "innovplan.faces", "to_frame", "to_frame", True),
        ("innovplan.evaluate._report", "innovplan.faces._frame", "to_frame", "to_frame", False),
        ("innovplan.evaluate._report", "innovplan.io", "results_to_dict", "to_dict", True),
        ("innovplan.evaluate._report", "innovplan.io", "load", "evaluate", False),
        ("innovplan.faces._cli", "innovplan.datasets", "", "_load_plan", True),
        ("innovplan.evaluate._report", "innovplan.datasets", "", "_load_plan", False),
    ],
)
def test_only_public_hooks_may_import_upward(module, target, name, function, allowed):
    edge = Edge(module, 1, target, name, "function", function)
    assert allowed_upward(edge) is allowed
