"""Ids are checked as a whole column; every kind of bad id is found at its row."""

from __future__ import annotations

import itertools

import pytest

import innovplan
from innovplan.errors import ModelError
from innovplan.evaluate._cells import Table
from innovplan.evaluate._tables import _GOOD_IDS, _plain_id_bytes, _plain_ids

OBS = {"indicator": ["labs"], "period": [2023], "value": [11.0], "unit": ["laboratory"]}


def _targets(ids):
    n = len(ids)
    return {
        "id": ids,
        "indicator": ["labs"] * n,
        "comparator": ["at_least"] * n,
        "value": [10.0] * n,
        "unit": ["laboratory"] * n,
        "deadline": ["2023-12-31"] * n,
        "measure": ["flow"] * n,
    }


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        ("_T3", "'_T3'"),  # starts with '_' after a line break
        ("-T3", "'-T3'"),
        (".T3", "'.T3'"),
        (":T3", "':T3'"),
        ("T 3", "'T 3'"),  # a byte outside the id's set
        ("T/3", "'T/3'"),
        ("T\t3", "'T\\\\t3'"),
        ("Tä3", "'Tä3'"),  # a letter outside ASCII
    ],
)
def test_a_bad_id_in_the_middle_is_named_at_its_row(bad, shown):
    # Row 2 of four; rows 0, 1 and 3 are good ids.
    with pytest.raises(ModelError, match=rf"^targets table row 2\.id: an id is .*; got {shown}$"):
        innovplan.assess_many(_targets(["T1", "T2", bad, "T4"]), OBS)


@pytest.mark.parametrize("bad_first", ["_T1", "-T1", "ä"])
def test_a_bad_first_id_is_named_at_row_0(bad_first):
    with pytest.raises(ModelError, match=r"^targets table row 0\.id: an id is"):
        innovplan.assess_many(_targets([bad_first, "T2"]), OBS)


def test_good_ids_of_every_allowed_byte_are_read():
    ids = ["a", "Z9", "0", "x_y.z:w-v", "T1-h1"]
    result = innovplan.assess_many(_targets(ids), OBS)
    assert result.columns["target"].tolist() == ids


def test_the_byte_check_agrees_with_the_regex_on_every_short_text():
    # Every text of up to 4 of these characters (a lower and an upper case
    # letter, a digit, each other id byte, a line break and two bytes no id
    # holds): the byte check says good exactly when the regex matches.
    alphabet = "aZ0_.:-\n /"
    for size in range(5):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            assert _plain_ids(text) == bool(_GOOD_IDS.fullmatch(text)), repr(text)


def _arrow_bytes(ids):
    """The ids as an Arrow text column's bytes and offsets, as Table.text_bytes reads them."""
    pa = pytest.importorskip("pyarrow")
    column = pa.array(["pad", *ids], type=pa.large_string()).slice(1)
    table = Table({"id": column}, "targets table", arrow={"id": column})
    got = table.text_bytes("id", table.columns["id"])
    assert got is not None
    return got


def test_the_arrow_byte_check_agrees_with_the_joined_check_on_short_id_lists():
    # Every list of one to three of these texts (the empty text, each kind
    # of byte alone, and texts of two with a bad byte second, a line break
    # inside or a good start): the Arrow check says good exactly when the
    # joined text passes the byte check with one line break between ids.
    texts = ["", "a", "Z", "0", "_", ".", ":", "-", "\n", " ", "ä", "a ", "a\n", "0-", "Zä"]
    for size in (1, 2, 3):
        for ids in itertools.product(texts, repeat=size):
            joined = "\n".join(ids)
            plain = _plain_ids(joined) and joined.count("\n") == len(ids) - 1
            assert _plain_id_bytes(*_arrow_bytes(list(ids))) == plain, repr(ids)


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize(("bad", "shown"), [("_T3", "'_T3'"), ("T 3", "'T 3'"), ("", "''")])
def test_a_bad_id_of_a_dataframe_is_named_at_its_row(backend, bad, shown):
    lib = pytest.importorskip(backend)
    cols = _targets(["T1", "T2", bad, "T4"])
    frame = lib.table(cols) if backend == "pyarrow" else lib.DataFrame(cols)
    with pytest.raises(ModelError, match=rf"^targets table row 2\.id: an id is .*; got {shown}$"):
        innovplan.assess_many(frame, OBS)


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_good_ids_of_a_dataframe_are_read(backend):
    lib = pytest.importorskip(backend)
    ids = ["a", "Z9", "0", "x_y.z:w-v", "T1-h1"]
    cols = _targets(ids)
    frame = lib.table(cols) if backend == "pyarrow" else lib.DataFrame(cols)
    assert innovplan.assess_many(frame, OBS).columns["target"].tolist() == ids


def _indicator_error(targets):
    with pytest.raises(ModelError) as err:
        innovplan.assess_many(targets, OBS)
    return str(err.value)


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize("bad", ["-labs", "la bs", "läbs", ""])
def test_a_bad_indicator_id_of_a_dataframe_is_refused_as_in_a_mapping(backend, bad):
    # The column's bytes are checked first; a bad id falls to the general
    # check of the distinct ids, which words the error as for a mapping.
    lib = pytest.importorskip(backend)
    cols = _targets(["T1", "T2", "T3"])
    cols["indicator"] = ["labs", "labs", bad]
    frame = lib.table(cols) if backend == "pyarrow" else lib.DataFrame(cols)
    message = _indicator_error(frame)
    assert message == _indicator_error(cols)
    assert message.endswith(f"got {bad!r}")


@pytest.mark.parametrize("backend", ["mapping", "pandas", "polars", "pyarrow"])
@pytest.mark.parametrize(
    ("indicators", "row"),
    [
        (["labs", "labs", "-x"], 2),  # after a repeated id: its table row, not its 2nd place
        (["-x", "labs", "labs"], 0),
        (["zz", "labs", "zz", "labs", "-x"], 4),  # ids first seen out of sorted order
        (["labs", "zz", "labs", "zz", "labs", "-x", "zz"], 5),
    ],
)
def test_a_bad_indicator_id_is_named_at_its_first_table_row(backend, indicators, row):
    # The indicator ids are checked once per distinct id; the error names the
    # table row where the bad one first appears (counted by hand above).
    cols = _targets([f"T{i}" for i in range(len(indicators))])
    cols["indicator"] = indicators
    if backend == "mapping":
        frame = cols
    else:
        lib = pytest.importorskip(backend)
        frame = lib.table(cols) if backend == "pyarrow" else lib.DataFrame(cols)
    assert _indicator_error(frame).startswith(f"targets table row {row}.indicator: an id is ")


@pytest.mark.parametrize(
    ("ids", "row", "shown"),
    [
        (["ab\n", "T2", "T3"], 0, r"'ab\\n'"),  # first row: the next row's id is good
        (["T1", "ab\n", "T3"], 1, r"'ab\\n'"),
        (["T1", "T2", "ab\n"], 2, r"'ab\\n'"),  # last row: no row after it
        (["T1", "ab\r\n", "T3"], 1, r"'ab\\r\\n'"),
        (["T1", "\n", "T3"], 1, r"'\\n'"),  # an id of a line break only
        (["T1", "T2", "\r\n"], 2, r"'\\r\\n'"),
        (["\n"], 0, r"'\\n'"),
        (["T1", "a\nb", "T 3"], 1, r"'a\\nb'"),  # the first bad row, before a later one
        (["T 1", "a\nb", "T3"], 0, r"'T 1'"),
    ],
)
def test_an_id_with_a_line_break_is_named_at_its_own_row(ids, row, shown):
    # The joined ids have a line more than rows: each row is read on its own,
    # and the first bad one is named with its break.
    with pytest.raises(
        ModelError, match=rf"^targets table row {row}\.id: an id is .*; got {shown}$"
    ):
        innovplan.assess_many(_targets(ids), OBS)
