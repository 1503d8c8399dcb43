"""Every code block of the docs runs in the doctest suite, or says why it does not.

pytest collects the ``>>>`` examples of every Markdown file under ``docs/`` and
of README.md (``--doctest-glob=*.md`` in pyproject.toml): a block holding one
runs. Any other block is preceded by a comment naming why it is not run, or
which test checks it instead (the path of a test file that names the page)::

    <!-- not run: a shell command; it changes the environment -->
    <!-- checked by tests/io/test_docs.py: the file the suite loads -->

Comments do not show on the site or on GitHub.
"""

from __future__ import annotations

import pathlib
import re
import textwrap
import tomllib

import attrs
import pytest

ROOT = pathlib.Path(__file__).parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)")
MARK = re.compile(r"^<!--\s*(?P<kind>not run|checked by)\s*(?P<rest>.*?)\s*-->$")
MIN_REASON = 3  # words: "a shell command" at the least


@attrs.frozen
class Block:
    """One fenced block of a page: where it starts and what is wrong with it."""

    line: int
    problem: str | None


def blocks(text: str, page: str) -> list[Block]:
    """Every fenced block of *text*, with the problem of each (None if none)."""
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence = match.group("fence")
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        body = lines[i + 1 : end]
        before = next((line.strip() for line in reversed(lines[:i]) if line.strip()), "")
        found.append(Block(i + 1, problem(body, before, page)))
        i = end + 1
    return found


def problem(body: list[str], before: str, page: str) -> str | None:
    """What is wrong with a block of *body* lines after the line *before*."""
    runs = any(line.strip().startswith(">>>") for line in body)
    mark = MARK.match(before)
    if runs:
        return "runs as a doctest but is marked as not run" if mark else None
    if mark is None:
        return "neither runs (no '>>>' line) nor says why: put '<!-- not run: why -->' before it"
    rest = mark.group("rest").removeprefix(":").strip()
    if mark.group("kind") == "checked by":
        return checked_by(rest, page)
    if len(rest.split()) < MIN_REASON:
        return f"the reason {rest!r} is too short to say why the block is not run"
    return None


def checked_by(rest: str, page: str) -> str | None:
    """What is wrong with ``checked by <test file>: <what it checks>`` for *page*."""
    test, _, why = (part.strip() for part in rest.partition(":"))
    path = ROOT / test
    if not test.startswith("tests/") or not path.is_file():
        return f"'checked by' names {test!r}, which is not a test file"
    if page not in path.read_text(encoding="utf-8"):
        return f"{test} does not name {page}"
    if len(why.split()) < MIN_REASON:
        return f"say what {test} checks after a colon"
    return None


def test_the_doctest_run_collects_every_page() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_options = options["tool"]["pytest"]["ini_options"]
    assert "--doctest-glob=*.md" in pytest_options["addopts"]
    assert {"docs", "README.md"} <= set(pytest_options["testpaths"])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_runs_or_says_why_not(page: pathlib.Path) -> None:
    name = page.name
    problems = [
        f"{page.relative_to(ROOT)}:{block.line}: {block.problem}"
        for block in blocks(page.read_text(encoding="utf-8"), name)
        if block.problem
    ]
    assert problems == []


def test_the_rule_catches_a_block_that_neither_runs_nor_says_why() -> None:
    page = textwrap.dedent(
        """\
        Runs:
        ```pycon
        >>> 1 + 1
        2
        ```
        Says why:
        <!-- not run: a shell command that installs packages -->
        ```bash
        pip install innovplan
        ```
        Neither:
        ```python
        print(1 + 1)
        ```
        <!-- not run: short -->
        ```text
        output
        ```
        <!-- not run: a shell command that installs packages -->
        ```pycon
        >>> 1
        1
        ```
        <!-- checked by tests/no_such_file.py: it loads the block -->
        ```yaml
        a: 1
        ```
        """
    )
    found = blocks(page, "page.md")
    assert [b.line for b in found] == [2, 8, 12, 16, 20, 25]
    assert [b.problem is None for b in found] == [True, True, False, False, False, False]
    assert "neither runs" in (found[2].problem or "")
    assert "too short" in (found[3].problem or "")
    assert "marked as not run" in (found[4].problem or "")
    assert "not a test file" in (found[5].problem or "")
