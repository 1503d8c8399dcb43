"""Citations of a docs section name a heading that exists on the page cited.

Code and tests cite the page and the section that holds a rule's source or the
figures it was chosen on, as ``docs/methods.md``, "Interval calibration rule".
A section renamed or moved to another page would leave the citation pointing
at nothing; so would a link ``page.md#anchor`` between docs pages.
"""

from __future__ import annotations

import pathlib
import re
import unicodedata

import pytest

ROOT = pathlib.Path(__file__).parent.parent
# This file is left out: its own docstring and comments show the pattern.
SOURCES = sorted(
    path
    for folder in ("src", "tests", "benchmarks", "examples")
    for path in (ROOT / folder).rglob("*.py")
    if path != pathlib.Path(__file__)
)
PAGES = sorted((ROOT / "docs").rglob("*.md"))
# A page, then one or more quoted section names: `docs/methods.md``, "A" and "B"`.
CITATION = re.compile(
    r"docs/(?P<page>[\w/.-]+\.md)`{0,2},\s*(?P<names>\"[^\"]+\"(?:\s*(?:,|and)\s*\"[^\"]+\")*)"
)
NAME = re.compile(r"\"([^\"]+)\"")
LINK = re.compile(r"\]\((?P<page>[\w/.-]+\.md)#(?P<anchor>[\w-]+)\)")


def prose(text: str) -> str:
    """*text* with comment marks and line breaks folded to single spaces."""
    return " ".join(line.strip().lstrip("#").strip() for line in text.splitlines())


def plain(name: str) -> str:
    """A heading or a quoted name without Markdown marks and with single spaces."""
    return " ".join(re.sub(r"[`*]", "", name).split())


def headings(page: pathlib.Path) -> list[str]:
    """The headings of a docs page, outside fenced blocks."""
    found = []
    fenced = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            found.append(plain(line.lstrip("#")))
    return found


def slug(heading: str) -> str:
    """The anchor Python-Markdown's ``toc`` extension gives a heading (its default slugify)."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def citations() -> list[tuple[str, str, str]]:
    """Every (source file, page, section name) cited in the code, tests and benchmarks."""
    found = []
    for path in SOURCES:
        text = prose(path.read_text(encoding="utf-8"))
        source = str(path.relative_to(ROOT))
        for match in CITATION.finditer(text):
            page = match.group("page")
            found.extend((source, page, plain(name)) for name in NAME.findall(match.group("names")))
    return found


CITED = citations()


def test_the_scan_finds_the_citations_of_both_forecast_pages():
    # Guards the scan itself: were the pattern to match nothing, every check
    # below would pass. Both pages of the forecast methods are cited today.
    pages = {page for _, page, _ in CITED}
    assert {"methods.md", "methods-record.md"} <= pages


@pytest.mark.parametrize(("source", "page", "name"), CITED)
def test_a_cited_section_is_a_heading_of_its_page(source, page, name):
    path = ROOT / "docs" / page
    assert path.is_file(), f"{source} cites docs/{page}, which does not exist"
    # A citation may shorten a heading to its start: "Steady growth" for
    # "Steady growth, gaps and short histories".
    assert any(heading.startswith(name) for heading in headings(path)), (
        f'{source} cites "{name}" in docs/{page}, which has no heading starting so; '
        f"its headings: {headings(path)}"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT / "docs")))
def test_links_between_docs_pages_name_an_existing_anchor(page):
    for match in LINK.finditer(page.read_text(encoding="utf-8")):
        target = (page.parent / match.group("page")).resolve()
        assert target.is_file(), f"{page.name} links to {match.group('page')}, which is missing"
        anchors = {slug(heading) for heading in headings(target)}
        assert match.group("anchor") in anchors, (
            f"{page.name} links to {match.group(0)}: no heading of {target.name} has that "
            f"anchor; its anchors: {sorted(anchors)}"
        )
