"""The registry is built once when many threads use innovplan at once in a fresh process."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import textwrap

import innovplan

PLAN = pathlib.Path(innovplan.__file__).parent / "datasets" / "wuhan_2023.json"

# Eight threads wait at a barrier, then each reads a quantity, loads and
# evaluates the shipped Wuhan plan with its observations and parses targets:
# the first of them builds the registry while the others ask for it.
# ``import innovplan`` loads none of the layers, so the threads also race to
# load them through the package's attributes: each thread starts with a
# different one of the four steps.
RACE = textwrap.dedent(
    """
    import json, sys, threading
    import innovplan

    barrier = threading.Barrier(8)
    out = [None] * 8
    errors = []

    def work(i):
        try:
            barrier.wait()
            got = {}
            def quantity():
                got["q"] = innovplan.parse_quantity("2000亿元")
            def report():
                plan = innovplan.load(sys.argv[1])
                obs = innovplan.datasets.wuhan_2023_observations()
                got["report"] = str(innovplan.evaluate(plan, obs))
            def targets():
                got["targets"] = [
                    (t.comparator.value, str(t.value))
                    for t in innovplan.parse_targets(
                        "2023年技术合同成交额突破1450亿元，高新技术企业超过13000家"
                    )
                ]
            def names():
                got["names"] = [id(getattr(innovplan, n)) for n in innovplan.__all__]
            steps = [quantity, report, targets, names]
            for step in steps[i % 4:] + steps[:i % 4]:
                step()
            q = got["q"]
            out[i] = (id(innovplan.units.registry()), id(q._REGISTRY), q, got["report"],
                      got["targets"], got["names"])
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = None
    if not errors:
        # Quantities made in different threads must add: one registry.
        total = str(sum((o[2] for o in out[1:]), out[0][2]))
    print(json.dumps({
        "errors": errors,
        "registries": sorted({o[0] for o in out if o} | {o[1] for o in out if o}),
        "reports": sorted({o[3] for o in out if o}),
        "targets": sorted({json.dumps(o[4]) for o in out if o}),
        "names": len({json.dumps(o[5]) for o in out if o}),
        "evaluate": callable(innovplan.evaluate),
        "total": total,
    }))
    """
)


def test_first_use_from_eight_threads_builds_one_registry() -> None:
    # Five fresh processes at once; each holds the race of its first use.
    procs = [
        subprocess.Popen(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "-c", RACE, str(PLAN)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    for result in results:
        assert result["errors"] == []
        assert len(result["registries"]) == 1
        assert len(result["reports"]) == 1
        assert len(result["targets"]) == 1
        # Every thread found the same object behind every public name.
        assert result["names"] == 1
        assert result["evaluate"] is True
        # 8 threads x 2000亿元 = 16000亿元
        assert result["total"] == "16000 hundred_million_yuan"
    # The same results in every process.
    assert len({r["reports"][0] for r in results}) == 1
    assert len({r["targets"][0] for r in results}) == 1
    targets = json.loads(results[0]["targets"][0])
    assert targets == [
        ["more_than", "1450 hundred_million_yuan"],
        ["more_than", "13000 enterprise"],
    ]
