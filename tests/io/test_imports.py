"""Optional packages load only when a feature needs them."""

from __future__ import annotations

import subprocess
import sys

import innovplan.io as ipio


def test_importing_io_loads_no_optional_package() -> None:
    code = (
        # pint imports dask (which imports yaml) whenever dask is installed: hide it, as in an
        # install without the [dask] extra, so that what is judged is innovplan.
        "import sys; sys.modules['dask'] = None; import innovplan, innovplan.io; "
        "print(sorted(m for m in ('yaml', 'tomli_w', 'sdmx', 'jsonschema', 'hypothesis', 'narwhals')"
        " if sys.modules.get(m) is not None))"
    )
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 (our code)
    assert out.stdout.strip() == "[]"


def test_exports_are_sorted_and_complete() -> None:
    assert ipio.__all__ == sorted(ipio.__all__)
    assert all(hasattr(ipio, name) for name in ipio.__all__)


def test_a_missing_extra_names_the_package(monkeypatch: object) -> None:
    import pytest

    from innovplan.errors import MissingDependencyError

    mp = pytest.MonkeyPatch()
    mp.setitem(sys.modules, "yaml", None)
    try:
        with pytest.raises(MissingDependencyError, match=r"innovplan\[yaml\]"):
            ipio.load("a: 1\n", fmt="yaml")
    finally:
        mp.undo()
