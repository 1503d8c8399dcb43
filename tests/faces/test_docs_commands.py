"""The command lines that the tutorial (docs/tutorial.md) shows run as written."""

from __future__ import annotations

import io
import pathlib
import re
import shlex

import pytest

from innovplan.faces import main

TUTORIAL = pathlib.Path(__file__).parent.parent.parent / "docs" / "tutorial.md"


def tutorial_commands() -> list[str]:
    page = TUTORIAL.read_text(encoding="utf-8")
    section = page.split("## 5. The same from the command line", 1)[1]
    (block,) = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)[:1]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_the_tutorial_shows_commands() -> None:
    assert len(tutorial_commands()) >= 5


@pytest.mark.parametrize("command", tutorial_commands())
def test_every_command_of_the_tutorial_runs(command, tmp_path, monkeypatch) -> None:
    argv = shlex.split(command)
    assert argv[0] == "innovplan"
    monkeypatch.chdir(tmp_path)  # --out out writes here
    out, err = io.StringIO(), io.StringIO()
    code = main(argv[1:], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    if "--out" in argv:
        folder = tmp_path / argv[argv.index("--out") + 1]
        assert (folder / "report.html").is_file()
    else:
        assert out.getvalue().strip()
