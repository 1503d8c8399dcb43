"""The ex-ante view of the Wuhan 2023 plan, checked by hand against the shipped history."""

from __future__ import annotations

import pytest

from innovplan import datasets
from innovplan.__main__ import main
from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate import ex_ante, likelihood
from innovplan.model import Status

DATES = ("2023-01-29", "2023-08-06")


@pytest.fixture(scope="module")
def view():  # type: ignore[no-untyped-def]
    return ex_ante(
        datasets.wuhan_2023(), datasets.wuhan_2023_observations(), DATES, targets=["T8", "T10"]
    )


def test_rows_and_outcomes(view) -> None:  # type: ignore[no-untyped-def]
    assert [(r.target_id, str(r.as_of)) for r in view] == [
        ("T8", "2023-01-29"),
        ("T8", "2023-08-06"),
        ("T10", "2023-01-29"),
        ("T10", "2023-08-06"),
    ]
    t8, t10 = view.outcome("T8"), view.outcome("T10")
    with pytest.raises(UnknownIdError, match="T9"):
        view.outcome("T9")  # in the plan, not in this view
    with pytest.raises(UnknownIdError, match="T8 as of 2023-03-01"):
        view["T8", "2023-03-01"]  # a date not replayed
    assert (t8.status, t8.observed.magnitude) == (Status.ACHIEVED, 14500)  # type: ignore[union-attr]
    assert t10.status is Status.ACHIEVED
    assert t10.observed.magnitude == pytest.approx(2198.43)  # type: ignore[union-attr]


def test_t8_as_of_the_release(view) -> None:  # type: ignore[no-untyped-def]
    f = view["T8", "2023-01-29"].forecast
    # Known on 2023-01-29: 2012 960, 2013-2018 (released 2019-09-05), 2021 9,145 and
    # 2022 ">12,000": 9 points, the last a bound. No 2023 figure by August either.
    assert f.n_points == 9
    assert f.latest.value.magnitude == 12000
    assert any("bounds used as points" in w for w in f.warnings)
    assert f.probability is not None
    assert f.likelihood == likelihood(f.probability)
    assert f.lower.magnitude < 13000 < f.upper.magnitude
    # Nothing new on high-tech enterprises by the half-year review.
    assert view["T8", "2023-08-06"].forecast.point == f.point
    p = view["T8", "2023-01-29"].progress
    # Eurostat: ((12000/960)**(1/10) - 1) / ((13000/960)**(1/11) - 1) = 1.0749.
    assert p.ratio == pytest.approx(1.0749, abs=1e-4)
    assert p.status is Status.ON_TRACK


def test_t10_trend_then_half_year(view) -> None:  # type: ignore[no-untyped-def]
    jan = view["T10", "2023-01-29"].forecast
    # Known on 2023-01-29: 2013-2018 and 2022 (a break in series); the point of
    # auto lies between the linear (1,402) and the log-linear (1,716) trends.
    assert jan.n_points == 7
    assert 1400 < jan.point.magnitude < 1720
    assert jan.probability is not None
    aug = view["T10", "2023-08-06"].forecast
    # H1 2023 1,004.06亿元, no earlier half-year figure: 1004.06 * 365 / 181 = 2,024.76.
    assert aug.method == "ytd-pro-rata"
    assert aug.point.magnitude == pytest.approx(2024.76, abs=0.01)
    # Interval: the rest of the year (184 of 365 days) spread by the yearly trend's scale of
    # the log total for 2023, 0.087608, df 3: auto on 2013-2018 and 2022 (7 points: its t
    # takes ceil(0.5 * 5) = 3 degrees of freedom), calibrated by 1.0907, which the gap
    # 2018-2022 would not let fall below 1, then widened by 1 + 3 / (7 - 2)^2 = 1.12 for 7
    # points a year ahead: factor 1.2216, scale 0.087608.
    # scale 184 / 365 * 0.087608 = 0.044164; t(0.9, 3) = 1.637744, half-width 0.072329;
    # 2024.76 * exp(-+0.072329) = 1,883.48 ... 2,176.64. P(total > 1,450):
    # z = (ln 1450 - ln 2024.76) / 0.044164 = -7.560, P(T3 > -7.560) = 0.99760.
    assert aug.lower.magnitude == pytest.approx(1883.48, abs=0.01)
    assert aug.upper.magnitude == pytest.approx(2176.64, abs=0.01)
    assert aug.probability == pytest.approx(0.99760, abs=1e-5)
    assert aug.likelihood == "virtually certain"
    # The pro-rata total says which yearly trend its spread comes from, member by member.
    assert "the yearly trend behind its spread: members for 2023: latest value 1,357.41" in aug.why
    # In January, T10 rose in every interval: ln(1357.41 / 342.89) / 8 = 0.172 a year
    # over the last 5 intervals against ln(1357.41 / 273.07) / 9 = 0.178 since 2013
    # (0.97 of it, at least 0.8: no slowdown), so the average change over the window,
    # 1357.41 + (1357.41 - 342.89) / 8 = 1,484.23, stands in for the latest value; with
    # the line 1,402.22 and constant growth 1,622.16 the middle two are 1,484.23 twice.
    assert "steady growth" in jan.why
    assert jan.point.magnitude == pytest.approx(1357.41 + (1357.41 - 342.89) / 8)
    assert aug.year_to_date is not None
    assert aug.year_to_date.released.isoformat() == "2023-08-06"


def test_printed(view) -> None:  # type: ignore[no-untyped-def]
    text = str(view)
    for part in ("T8", "T10", "2023-01-29", "2023-08-06", "outcome: 14,500", "2,198.43亿元"):
        assert part in text
    with pytest.raises(EvaluationError):
        ex_ante(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), [])


def test_command_line_prints_the_ex_ante_view(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Ex-ante view" in out
    assert main(["report", "--no-ex-ante"]) == 0
    assert "Ex-ante view" not in capsys.readouterr().out
