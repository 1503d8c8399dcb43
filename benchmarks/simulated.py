"""The simulated families of the calibration tests, for the design scripts.

``tests/engine/test_calibration.py`` (three families, 5 to 15 points) and
``tests/engine/test_calibration_horizons.py`` (five families, 6 to 30 points)
draw their series with fixed seeds; the design scripts draw the same
families with other seeds. The test modules decorate with pytest, which the
bench environment does not have: without it, the decorators do nothing here.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path


def _identity(*args, **_kwargs):
    # A decorator that does nothing, used bare or with arguments.
    return args[0] if args and callable(args[0]) else (lambda f: f)


try:
    import pytest  # noqa: F401 - the test modules below decorate with it
except ImportError:
    sys.modules["pytest"] = types.SimpleNamespace(
        fixture=_identity, mark=types.SimpleNamespace(parametrize=_identity)
    )
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "engine"))
from test_calibration import simulated_family  # noqa: E402 - after the stand-in for pytest
from test_calibration_horizons import N_MAX, SEEDS, simulated_paths  # noqa: E402

__all__ = ["N_MAX", "SEEDS", "simulated_family", "simulated_paths"]
