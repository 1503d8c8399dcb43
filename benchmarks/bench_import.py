"""What ``import innovplan`` costs against ``import pint``, and what it loads.

Run by hand: ``python benchmarks/bench_import.py`` (15 runs of each case),
``python benchmarks/bench_import.py 31`` for more runs.

Every case runs in a fresh interpreter, the same one as this script, and
times its own statement with ``time.perf_counter`` (so interpreter start-up is
not counted); the cases take turns, run by run, so that a busy neighbour on a
shared machine slows all of them alike. The figure is the median over the
runs, and the ratio is against the median of ``import pint``, innovplan's
heaviest dependency. Goal: ``import innovplan`` at most 1.3x ``import pint``.

Modules load from cached bytecode, as they do after ``pip install`` (which
compiles every module it installs): the children write their bytecode to a
temporary folder, filled by one untimed run of each case. The last case
compiles innovplan from source every time, as a checkout does with
``PYTHONDONTWRITEBYTECODE`` set; pint and numpy keep the bytecode pip wrote.

``import innovplan`` loads the package face only; each public name loads its
layer, and the layers below it, the first time it is used. The cases after the
first two measure those first uses from a fresh interpreter, up to every name
of the public contract and then the unit registry (built on first use of
``innovplan.ureg`` or of any quantity).

Then ``python -X importtime`` shows what ``import innovplan`` and the use of
every public name load: the innovplan modules by layer, and each third-party
package whose modules took at least 3 ms, with the chain of packages that
brought it in and why innovplan needs it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict

RUNS = 15
GOAL = 1.3
HEAVY_MS = 3.0

EVERY_NAME = (
    "import innovplan\n"
    "for _n in sorted(set(innovplan.__all__) - {'ureg', 'Q_'}): getattr(innovplan, _n)"
)
# (label, code, whether modules may load from cached bytecode)
CASES = (
    ("import pint", "import pint", True),
    ("import innovplan", "import innovplan", True),
    ("+ innovplan.parse_quantity", "import innovplan; innovplan.parse_quantity", True),
    ("+ innovplan.Plan", "import innovplan; innovplan.Plan", True),
    ("+ innovplan.parse_targets", "import innovplan; innovplan.parse_targets", True),
    ("+ innovplan.load", "import innovplan; innovplan.load", True),
    ("+ innovplan.assess", "import innovplan; innovplan.assess", True),
    ("+ every public name", EVERY_NAME, True),
    ("+ every name and the registry", f"{EVERY_NAME}\ninnovplan.ureg", True),
    ("every name, compiled from source", EVERY_NAME, False),
)

# Why innovplan needs each third-party package it imports itself.
REASONS = {
    "pint": "units: quantities and the unit registry",
    "numpy": "engine: the kernels work on float64 columns",
    "attrs": "model: frozen, slotted classes with validators",
    "attr": "model: the implementation package of attrs",
    "cattrs": "io: the converter between documents and model classes",
}


def environment(*, cached: bool, cache: str, empty: str) -> dict[str, str]:
    """The children's environment: bytecode in *cache*, or never written."""
    env = dict(os.environ)
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = empty
    return env


def timed(code: str, env: dict[str, str]) -> float:
    """Seconds that *code* takes in a fresh interpreter."""
    script = f"import time\n_t = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t)"
    out = subprocess.run(  # noqa: S603 (this interpreter, our own code)
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    return float(out.stdout.strip().splitlines()[-1])


def import_tree(code: str, env: dict[str, str]) -> list[tuple[int, str, int]]:
    """(depth, module, own µs) of every module *code* imports, in import order."""
    out = subprocess.run(  # noqa: S603 (this interpreter, our own code)
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        own, _cumulative, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((depth, name.strip(), int(own)))
    return rows


def parents(rows: list[tuple[int, str, int]]) -> dict[str, str]:
    """The module that imported each module (importtime lists children first)."""
    parent: dict[str, str] = {}
    pending: list[tuple[int, str]] = []
    for depth, name, _own in rows:
        while pending and pending[-1][0] > depth:
            child_depth, child = pending.pop()
            if child_depth == depth + 1:
                parent[child] = name
        pending.append((depth, name))
    return parent


def chain(package: str, parent: dict[str, str]) -> list[str]:
    """The packages that brought *package* in, nearest first, up to innovplan."""
    found: list[str] = []
    node = parent.get(package)
    while node is not None:
        top = node.partition(".")[0]
        if top == "innovplan":
            found.append(node)
            break
        if top != package and (not found or found[-1] != top):
            found.append(top)
        node = parent.get(node)
    return found


def describe(title: str, code: str, env: dict[str, str], runs: int) -> None:
    """Print the innovplan modules and heavy packages that *code* loads."""
    trees = [import_tree(code, env) for _ in range(runs)]
    own: dict[str, list[int]] = defaultdict(list)
    for tree in trees:
        for _depth, name, us in tree:
            own[name].append(us)
    parent = parents(trees[0])
    ours: dict[str, list[str]] = defaultdict(list)
    theirs: dict[str, float] = defaultdict(float)
    stdlib = 0.0
    for name, values in own.items():
        ms = statistics.median(values) / 1000
        top = name.partition(".")[0]
        if top == "innovplan":
            parts = name.split(".")
            layer = (
                "innovplan" if len(parts) == 1 or parts[1] == "_version" else ".".join(parts[:2])
            )
            ours[layer].append(name)
        elif top in sys.stdlib_module_names or top.startswith("_"):
            stdlib += ms
        else:
            theirs[top] += ms
    median_ms = {name: statistics.median(values) / 1000 for name, values in own.items()}
    total = sum(median_ms.values())
    print(f"\n{title}: {total:.1f} ms of imports")
    count = sum(len(names) for names in ours.values())
    print(f"  {count} innovplan modules, own time by layer:")
    for layer, names in sorted(ours.items(), key=lambda item: -sum(median_ms[n] for n in item[1])):
        listed = f": {', '.join(sorted(names))}" if len(names) <= 3 else ""
        ms = sum(median_ms[n] for n in names)
        print(f"    {ms:7.1f} ms  {layer} ({len(names)} modules{listed})")
    print(f"  the standard library: {stdlib:.1f} ms")
    heavy = sorted(((ms, top) for top, ms in theirs.items() if ms >= HEAVY_MS), reverse=True)
    print(f"  third-party packages taking at least {HEAVY_MS:.0f} ms (all their modules):")
    if not heavy:
        print("    none")
    for ms, top in heavy:
        via = chain(top, parent)
        brought = " < ".join(via) if via else "the statement itself"
        why = REASONS.get(top, f"comes with {via[-2] if len(via) > 1 else brought}")
        print(f"    {ms:7.1f} ms  {top:<12} {why} (imported via {brought})")


def main(runs: int = RUNS) -> None:
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as empty:
        envs = {
            cached: environment(cached=cached, cache=cache, empty=empty) for cached in (True, False)
        }
        for _label, code, cached in CASES:
            timed(code, envs[cached])  # fills the bytecode cache
        times: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
        for _ in range(runs):
            for label, code, cached in CASES:
                times[label].append(timed(code, envs[cached]))
        medians = {label: statistics.median(values) for label, values in times.items()}
        pint = medians["import pint"]
        print(f"Python {sys.version.split()[0]}, median of {runs} fresh interpreters per case")
        print(f"{'case':<34} {'median':>10} {'vs pint':>8}")
        for label, _, _ in CASES:
            print(f"{label:<34} {medians[label] * 1000:7.1f} ms {medians[label] / pint:7.2f}x")
        ratio = medians["import innovplan"] / pint
        verdict = "met" if ratio <= GOAL else "NOT met"
        print(f"goal: import innovplan <= {GOAL}x import pint: {ratio:.2f}x, {verdict}")
        describe("import innovplan", "import innovplan", envs[True], runs=5)
        describe("every public name", EVERY_NAME, envs[True], runs=5)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
