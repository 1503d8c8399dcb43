"""The format of a document given as text is told from its first lines, read one at a time."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

import innovplan.io as ipio
from innovplan.io._api import _lines

# Every line boundary str.splitlines() knows, and a few ordinary characters.
BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@settings(max_examples=500)
@given(st.text(alphabet=BREAKS + "ab #{", max_size=40))
def test_the_lines_are_those_of_splitlines(text: str) -> None:
    assert list(_lines(text)) == text.splitlines()


def test_a_long_document_is_told_by_its_first_line_without_splitting_it() -> None:
    # 1 + 400,000 lines: splitting all of them would take far longer than the first.
    text = '{"format_version": "1.0", "id": "p", "title": "P",\n' + (" \n" * 400_000)
    text += '"start": "2023-01-01", "end": "2023-12-31"}\n'
    start = time.process_time()
    assert list(_lines(text))[:1] == ['{"format_version": "1.0", "id": "p", "title": "P",']
    assert ipio.load(text).id == "p"
    assert time.process_time() - start < 2
