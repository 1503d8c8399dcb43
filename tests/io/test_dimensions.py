"""Dimensions in files: CSV columns, SDMX-CSV key dimensions, JSON, plan files."""

from __future__ import annotations

import pathlib

import pytest

import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.model import Group, Observation

SDMX = pathlib.Path(__file__).parent.parent / "data" / "sdmx"

# The figures in these files are made up for the reader's mechanics: no test
# here checks a published number.


def test_csv_reads_dim_columns_and_named_columns() -> None:
    text = (
        "indicator,period,value,unit,region,dim:sex\n"
        "gdp,2023,100,亿元,420100,F: Female\n"
        "gdp,2023,300,亿元,,_T\n"
    )
    first, second = ipio.load_observations(text, fmt="csv", dimensions=["region"])
    assert first.dimensions == Group({"region": "420100", "sex": "F"})
    assert first.dimensions.label("sex") == "Female"
    # An empty cell and the total code both leave the dimension out: the total.
    assert second.dimensions.is_total


def test_csv_without_dimensions_refuses_an_unknown_column_and_says_how_to_name_one() -> None:
    text = "indicator,period,value,unit,region\ngdp,2023,100,亿元,42\n"
    with pytest.raises(DocumentError) as caught:
        ipio.load_observations(text, fmt="csv")
    (problem,) = caught.value.problems
    assert problem.path == "line 1.region"
    assert "dim:region" in problem.hint


def test_csv_problems_name_the_dimension_column() -> None:
    text = "indicator,period,value,unit,dim:sex\ngdp,2023,100,亿元,F M\n"
    with pytest.raises(DocumentError) as caught:
        ipio.load_observations(text, fmt="csv")
    (problem,) = caught.value.problems
    assert problem.path == "line 2.dim:sex"
    assert "a code is letters" in problem.message


@pytest.mark.parametrize(
    ("header", "named", "message"),
    [
        ("indicator,period,value,unit,dim:Sex", (), r"line 1\.dim:Sex: a dimension name is"),
        ("indicator,period,value,unit", ("region",), r"'region' given in dimensions= is not in"),
    ],
)
def test_csv_header_problems(header: str, named: tuple[str, ...], message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        ipio.load_observations(header + "\n", fmt="csv", dimensions=named)


def test_csv_writes_a_dim_column_per_dimension_found() -> None:
    obs = [
        Observation("gdp", Q_(1, "亿元"), 2023, dimensions={"region": "42: Wuhan, Hubei"}),
        Observation("gdp", Q_(3, "亿元"), 2023),
    ]
    text = ipio.dump_observations(obs, fmt="csv")
    assert text is not None
    header, first, second = text.splitlines()
    assert header.endswith(",note,dim:region")
    # The label holds a comma: the cell is quoted (RFC 4180).
    assert first.endswith(',"42: Wuhan, Hubei"')
    assert second.endswith(",")
    back = ipio.load_observations(text, fmt="csv")
    assert back[0].dimensions.to_dict() == {"region": "42: Wuhan, Hubei"}


def test_csv_guards_a_code_a_spreadsheet_would_run() -> None:
    obs = [Observation("gdp", Q_(1, "亿元"), 2023, dimensions={"region": "-1"})]
    text = ipio.dump_observations(obs, fmt="csv")
    assert text is not None
    assert text.splitlines()[1].endswith(",'-1")
    assert ipio.load_observations(text, fmt="csv")[0].dimensions["region"] == "-1"


def test_sdmx_keeps_breakdowns_as_dimensions() -> None:
    obs = ipio.load_observations(SDMX / "v1_by_sex.csv")
    assert [o.indicator for o in obs] == ["A.SE_TOT_CPLR.BD"] * 3
    assert [str(o.dimensions) for o in obs] == ["sex=F", "sex=M", "total"]


def test_sdmx_with_no_dimensions_joins_every_key_column_as_before() -> None:
    obs = ipio.load_observations(SDMX / "v1_by_sex.csv", dimensions=())
    assert [o.indicator for o in obs] == [
        "A.SE_TOT_CPLR.BD.F._T",
        "A.SE_TOT_CPLR.BD.M._T",
        "A.SE_TOT_CPLR.BD._T._T",
    ]
    assert all(o.dimensions.is_total for o in obs)


def test_sdmx_dimensions_named_in_the_call() -> None:
    obs = ipio.load_observations(
        SDMX / "v1_by_sex.csv",
        dimensions=["ref_area", "sex"],
        indicators={"A.SE_TOT_CPLR._T": "completion"},
    )
    assert {o.indicator for o in obs} == {"completion"}
    assert obs[0].dimensions == Group({"ref_area": "BD", "sex": "F"})


def test_sdmx_keeps_the_labels_of_dimension_codes() -> None:
    obs = ipio.load_observations(
        SDMX / "v2_semicolon_labels.csv",
        dimensions=["REF_AREA"],
        indicators={"A.DIGITAL_SHARE": "digital_share"},
    )
    assert obs[0].indicator == "digital_share"
    assert obs[0].dimensions["ref_area"] == "420100"
    assert obs[0].dimensions.label("ref_area") == "武汉市"


def test_sdmx_dimension_problems_name_the_column() -> None:
    text = (
        "DATAFLOW,FREQ,SERIES,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        "UN:DF(1.0),A,S,F M,2021,1,PC\n"
    )
    with pytest.raises(DocumentError) as caught:
        ipio.load_observations(text, fmt="sdmx-csv")
    (problem,) = caught.value.problems
    assert problem.path == "line 2.SEX"
    with pytest.raises(DocumentError, match=r"line 1: the dimension column 'AGE' given in"):
        ipio.load_observations(text, fmt="sdmx-csv", dimensions=["age"])


def test_json_documents_carry_dimensions_and_name_bad_ones() -> None:
    doc = (
        '{"format_version": "1.0", "observations": [{"indicator": "x", "value": "1 percent", '
        '"period": "2022", "dimensions": {"sex": "F: Female", "Age": "Y15T24"}}]}'
    )
    with pytest.raises(DocumentError) as caught:
        ipio.load_observations(doc, fmt="json")
    (problem,) = caught.value.problems
    assert problem.path == "observations[0].dimensions"
    assert "'Age' would be 'age'" in problem.message


PLAN = """\
format_version: "1.0"
id: p
title: P
start: 2021-01-01
end: 2030-12-31
indicators:
  - {id: enrol, name: enrolment, unit: percent, measure: share}
goals:
  - id: G
    title: G
    targets:
      - id: GPI
        indicator: enrol
        comparator: between
        value: 0.97 dimensionless
        upper: 1.03 dimensionless
        deadline: 2030-12-31
        group: {sex: "F: Female"}
        versus: {sex: M}
        every: region
"""


def test_plan_files_hold_group_targets() -> None:
    plan = ipio.load(PLAN, fmt="yaml")
    (t,) = plan.targets
    assert (t.group.to_dict(), t.versus, t.every) == (
        {"sex": "F: Female"},
        Group({"sex": "M"}),
        ("region",),
    )


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ("every: region", "every: Region", "goals[0].targets[0].every", "'Region' would be"),
        ("every: region", "every: [region, 3]", "goals[0].targets[0].every[1]", "dimension name"),
        ("versus: {sex: M}", "versus: {sex: [M]}", "goals[0].targets[0].versus.sex", "is text"),
        ("versus: {sex: M}", "versus: M", "goals[0].targets[0].versus", "dimension to code"),
        ("versus: {sex: M}", "versus: {age: M}", "goals[0].targets[0].versus", "same dimensions"),
    ],
)
def test_plan_file_problems_name_the_place(old: str, new: str, path: str, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        ipio.load(PLAN.replace(old, new), fmt="yaml")
    assert any(p.path == path and message in p.message for p in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]


def test_every_csv_column_is_a_reserved_dimension_name() -> None:
    # The model layer cannot import io, so it writes the CSV columns out again in
    # its reserved dimension names; this holds the two lists together: a column
    # added to the CSV layout must be reserved, or a dimension of that name would
    # collide with it when a CSV file is written.
    from innovplan.io._csv import COLUMNS
    from innovplan.model._group import RESERVED_DIMENSIONS

    assert set(COLUMNS) <= RESERVED_DIMENSIONS
