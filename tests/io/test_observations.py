"""Observations from long-format CSV, SDMX-CSV 1.0/2.0 and sdmx1 messages."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

import innovplan.io as ipio
from innovplan import Q_
from innovplan.errors import DocumentError
from innovplan.model import Bound, Observation, Source

SDMX = pathlib.Path(__file__).parent.parent / "data" / "sdmx"


def _units(obs: Observation) -> tuple[object, str]:
    return obs.value.magnitude, str(obs.value.units)


# -- long-format CSV ------------------------------------------------------------------


def test_csv_round_trips_every_field() -> None:
    obs = [
        Observation(
            "high_tech_enterprises",
            Q_(14500, "enterprise"),
            "2023-12-31",
            released="2024-01-18",
            bound=Bound.AT_LEAST,
            source=Source(
                "2024年武汉市政府工作报告", "https://www.wuhan.gov.cn/", '总量达1.45万家, "quoted"'
            ),
            status="P",
            note="line one\nline two",
        ),
        Observation("gdp_growth", Q_(0.1, "percent"), "2023-H1"),
    ]
    text = ipio.dump_observations(obs, fmt="csv")
    assert text is not None
    assert list(ipio.load_observations(text, fmt="csv")) == obs


def test_csv_with_only_the_required_columns_and_a_period_column() -> None:
    text = "indicator,period,value,unit\nturnover,2023,1450.5,亿元\n"
    (obs,) = ipio.load_observations(text, fmt="csv")
    assert _units(obs) == (1450.5, "hundred_million_yuan")
    assert obs.period.is_calendar_year


def test_csv_is_sniffed_and_read_from_a_path(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "obs.csv"
    obs = [Observation("hte", Q_(14500, "enterprise"), "2023-12-31")]
    ipio.dump_observations(obs, path)
    assert list(ipio.load_observations(path)) == obs
    assert list(ipio.load_observations(path.read_text())) == obs


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        (
            "indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,abc,yuan\n",
            "line 2.value",
            "'abc' is not a number",
        ),
        (
            "indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,NaN,yuan\n",
            "line 2.value",
            "'NaN' is not a number",
        ),
        (
            "indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,1,widgets\n",
            "line 2.unit",
            "not known",
        ),
        (
            "indicator,period_start,period_end,value,unit,bound\nx,2023-01-01,2023-12-31,1,yuan,above\n",
            "line 2.bound",
            "'above' is not one of",
        ),
        (
            "indicator,period_start,period_end,value,unit,colour\n",
            "line 1.colour",
            "unknown column",
        ),
        ("indicator,period_start,value\n", "line 1", "'unit' is missing"),
        (
            "indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,1\n",
            "line 2",
            "number of fields",
        ),
        (
            "indicator,period_start,period_end,value,unit\nx,2023-12-31,2023-01-01,1,yuan\n",
            "line 2.period",
            "cannot read a period",
        ),
        (
            # YYYY-MM-DD only, as for the dates of a plan: not 20231231, not a week date
            "indicator,period_start,period_end,value,unit\nx,20231231,20231231,1,yuan\n",
            "line 2.period",
            "cannot read a period",
        ),
        (
            "indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,-3,enterprise\n",
            "line 2.value",
            "a count cannot be negative",
        ),
    ],
)
def test_bad_csv_names_the_line_and_column(text: str, path: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        ipio.load_observations(text, fmt="csv")
    assert any(p.path == path and message in str(p) for p in info.value.problems), info.value


# -- SDMX-CSV -------------------------------------------------------------------------


def test_sdmx_csv_1_0_with_unit_mult_and_status() -> None:
    obs = ipio.load_observations(
        SDMX / "v1_annual.csv",
        indicators={"A.CN.RD_GDP": "rd_intensity", "A.CN.RD_EXP": "rd_expenditure"},
    )
    assert [o.indicator for o in obs] == ["rd_intensity"] * 3 + ["rd_expenditure"] * 2
    assert _units(obs[2]) == (2.65, "percent")
    assert obs[2].status == "P"
    assert str(obs[2].period) == "2023"
    # UNIT_MULT=8 with CNY is 亿元, kept as that unit and not multiplied out.
    assert _units(obs[3]) == (33278.2, "hundred_million_yuan")


def test_sdmx_csv_2_0_time_periods_status_and_missing_values() -> None:
    obs = ipio.load_observations(SDMX / "v2_periods_and_status.csv", fmt="sdmx-csv")
    periods = [(o.period.start, o.period.end) for o in obs]
    assert periods == [
        (dt.date(2023, 1, 1), dt.date(2023, 6, 30)),  # 2023-S1
        (dt.date(2023, 4, 1), dt.date(2023, 6, 30)),  # 2023-Q2
        (dt.date(2023, 6, 1), dt.date(2023, 6, 30)),  # 2023-M06
        (dt.date(2023, 5, 1), dt.date(2023, 5, 31)),  # 2023-05
        (dt.date(2023, 1, 15), dt.date(2023, 1, 15)),  # a day
    ]
    # Without indicators= the series key is the id; empty and NaN values and
    # deletions are not observations.
    assert obs[0].indicator == "S.420100.TECH_CONTRACT"
    assert obs[4].indicator == "D.420100.HTE"
    assert [o.status for o in obs] == ["P", "E", "", "", "B"]
    assert _units(obs[4]) == (12000, "person")


def test_sdmx_csv_2_0_semicolons_labels_decimal_commas_and_series_key() -> None:
    obs = ipio.load_observations(
        SDMX / "v2_semicolon_labels.csv",
        indicators={"A.420100.DIGITAL_SHARE": "digital_core_share"},
    )
    assert [(o.indicator, _units(o), str(o.period), o.status) for o in obs] == [
        ("digital_core_share", (11.2, "percent"), "2023", "P"),
        ("digital_core_share", (10.5, "percent"), "2022", "A"),
    ]


def test_sdmx_csv_units_by_indicator_and_key_columns() -> None:
    obs = ipio.load_observations(
        SDMX / "v2_no_unit_column.csv",
        key=["INDICATOR"],
        indicators={"PATENTS_10K": "patents"},
        units={"patents": "patent / ten_thousand_person"},
    )
    assert [_units(o) for o in obs] == [
        (25.6, "patent / ten_thousand_person"),
        (30.1, "patent / ten_thousand_person"),
    ]


def test_sdmx_unit_codes_can_be_mapped_by_the_caller() -> None:
    (obs,) = ipio.load_observations(SDMX / "bad_unmapped_unit.csv", units={"ZZZ": "USD"})
    assert _units(obs) == (1.5, "USD")


def test_unit_mult_without_a_named_unit_scales_the_digits_exactly() -> None:
    text = "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\nX:Y(1.0),GDP,2023,1.1,USD,1\nX:Y(1.0),GDP,2022,12,USD,3\n"
    obs = ipio.load_observations(text)
    assert [_units(o) for o in obs] == [(11.0, "USD"), (12000, "USD")]


@pytest.mark.parametrize(
    ("name", "path", "message"),
    [
        ("bad_unmapped_unit.csv", "line 2.UNIT_MEASURE", "the unit code 'ZZZ' is not mapped"),
        ("bad_time_period.csv", "line 3.TIME_PERIOD", "cannot read a period from '2023-Q5'"),
        ("bad_obs_value.csv", "line 2.OBS_VALUE", "'about 1.5' is not a number"),
        ("bad_no_obs_value.csv", "line 1", "no OBS_VALUE column"),
        ("bad_field_count.csv", "line 2", "5 fields, the header has 6"),
        ("bad_not_sdmx.csv", "line 1", "not SDMX-CSV"),
        ("bad_unit_mult.csv", "line 2.UNIT_MULT", "'lots' is not a power of ten"),
    ],
)
def test_malformed_sdmx_csv_names_the_row_and_column(name: str, path: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        ipio.load_observations(SDMX / name, fmt="sdmx-csv")
    assert any(p.path == path and message in str(p) for p in info.value.problems), info.value


def test_a_series_key_missing_from_indicators_is_a_problem() -> None:
    with pytest.raises(DocumentError, match=r"'A\.CN\.RD_EXP' is not in indicators="):
        ipio.load_observations(SDMX / "v1_annual.csv", indicators={"A.CN.RD_GDP": "rd"})


# -- sdmx1 data messages (the sdmx extra) ---------------------------------------------


def test_an_sdmx1_data_message_is_read() -> None:
    pytest.importorskip("sdmx")
    from sdmx.message import DataMessage
    from sdmx.model import v21
    from sdmx.model.common import AttributeValue, DataAttribute, Key

    def attribute(name: str, value: str) -> AttributeValue:
        return AttributeValue(value=value, value_for=DataAttribute(id=name))

    dataset = v21.DataSet()
    for period, value, status in [("2022", 2.56, "A"), ("2023", 2.65, "P")]:
        key = Key(FREQ="A", REF_AREA="CN", INDICATOR="RD_GDP", TIME_PERIOD=period)
        attached = {
            "UNIT_MEASURE": attribute("UNIT_MEASURE", "PC"),
            "OBS_STATUS": attribute("OBS_STATUS", status),
        }
        dataset.obs.append(v21.Observation(dimension=key, value=value, attached_attribute=attached))
    message = DataMessage(data=[dataset])
    obs = ipio.load_observations(message, indicators={"A.CN.RD_GDP": "rd_intensity"})
    assert [(o.indicator, _units(o), str(o.period), o.status) for o in obs] == [
        ("rd_intensity", (2.56, "percent"), "2022", "A"),
        ("rd_intensity", (2.65, "percent"), "2023", "P"),
    ]


def test_an_ambiguous_unit_in_units_is_reported_once_at_its_key() -> None:
    text = (
        "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        "X:Y(1.0),CO2,2022,5,KT\nX:Y(1.0),CO2,2023,6,KT\n"
    )
    with pytest.raises(DocumentError) as info:
        ipio.load_observations(text, units={"KT": "kt"})
    paths = [p.path for p in info.value.problems]
    assert paths == ["units['KT']"]
    assert "unit 'kt' is ambiguous" in info.value.problems[0].message
    assert "OBS_VALUE" not in str(info.value)


def test_a_plural_of_a_refused_symbol_in_units_is_refused_not_read_as_knots() -> None:
    text = "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nX:Y(1.0),CO2,2022,5,KT\n"
    with pytest.raises(DocumentError) as info:
        ipio.load_observations(text, units={"KT": "kts"})
    assert [p.path for p in info.value.problems] == ["units['KT']"]
    assert "unit 'kts' is ambiguous" in info.value.problems[0].message
