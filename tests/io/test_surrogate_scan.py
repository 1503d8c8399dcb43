"""A lone surrogate is found wherever it is in a long text, and named by its offset.

Text is checked a megabyte of characters at a time by the UTF-8 encoder,
which refuses surrogates alone; these cases put one on each side of a
chunk's edge and far into a long text of Chinese and English.
"""

from __future__ import annotations

import pytest

import innovplan.io as ipio
from innovplan.errors import DocumentError
from innovplan.io._safety import first_surrogate

CHUNK = 1 << 20
TEXT = "目标7超过1007 target " * (3 * CHUNK // 17)  # 17 characters, over three chunks


@pytest.mark.parametrize("offset", [0, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 5, len(TEXT)])
@pytest.mark.parametrize("lone", [chr(0xD800), chr(0xDC00), chr(0xDFFF)])
def test_a_lone_surrogate_is_found_at_its_offset(offset: int, lone: str) -> None:
    text = TEXT[:offset] + lone + TEXT[offset:]
    assert first_surrogate(text) == offset


def test_a_long_text_without_one_has_none() -> None:
    assert first_surrogate(TEXT) == -1
    assert first_surrogate("😀 an emoji is one character") == -1
    assert first_surrogate("") == -1


def test_a_surrogate_pair_given_as_two_code_points_is_refused() -> None:
    # Python keeps "\ud83d\ude00" as two code points; no UTF-8 file holds either.
    assert first_surrogate("ab\ud83d\ude00") == 2


def test_a_plan_text_with_one_past_the_first_chunk_is_refused_with_its_line() -> None:
    notes = "说明 " * CHUNK
    doc = (
        '{"format_version": "1.0", "id": "p", "title": "P", "start": "2023-01-01",\n'
        f'"end": "2023-12-31", "notes": "{notes}\ud800"}}'
    )
    with pytest.raises(DocumentError, match="line 2, column") as err:
        ipio.load(doc, max_bytes=1 << 26)
    assert "lone surrogate" in str(err.value)
