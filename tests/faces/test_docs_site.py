"""The documentation site builds with no warning: broken links and references fail here."""

import os
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("material")
pytest.importorskip("mkdocstrings_handlers.python")

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_mkdocs_build_strict(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "reference" / "faces.html").exists()
    # Opened from disk, every local link must name a file: a link to a folder
    # shows a listing under file:// instead of the page.
    import re

    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served by a web server only, with site-absolute links
            continue
        for href in re.findall(r'href="([^"#?]*)[^"]*"', page.read_text(encoding="utf-8")):
            if not href or "://" in href or href.startswith(("mailto:", "data:")):
                continue
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to {href!r}"
