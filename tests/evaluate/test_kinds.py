"""Multi-year kinds of target, by hand: the 14th Five-Year Plan's (2021-2025) examples.

Figures: shared/data/china-14th-fyp-facts.md §2 (R&D spending from the NBS
communiqués; energy intensity from the 2021 and 2022 communiqués; urban new jobs;
the surveyed urban unemployment rate; high-value invention patents per 10,000
people). Every expected number is worked out in the comment beside it.
"""

from __future__ import annotations

import pytest

from innovplan import Q_
from innovplan.evaluate import assess, assess_many
from innovplan.model import (
    Comparator,
    Goal,
    Indicator,
    Measure,
    Observation,
    Period,
    Plan,
    Status,
    Target,
)

C = Comparator


def _plan(*targets: Target) -> Plan:
    return Plan("fyp14", "14th Five-Year Plan", start="2021-01-01", end="2025-12-31",
                goals=[Goal("G", "main indicators", targets=list(targets))])  # fmt: skip


RND = Indicator("rnd", "society-wide R&D spending", unit="hundred_million_yuan",
                measure=Measure.FLOW)  # fmt: skip
RND_SPENDING = [
    Observation("rnd", Q_(v, "hundred_million_yuan"), year)
    for year, v in ((2020, 24393.1), (2021, 27956.3), (2022, 30782.9), (2023, 33357.1))
]


def test_rnd_average_annual_growth_so_far_and_still_required() -> None:
    t = _plan(Target("RND", RND, C.MORE_THAN, Q_(7, "percent"), "2025-12-31",
                     basis="average_annual")).target("RND")  # fmt: skip
    a = assess(t, RND_SPENDING)
    # Baseline: 2020's total, the year before the window. So far, 2020 -> 2023:
    # (33357.1 / 24393.1) ** (1 / 3) - 1 = 1.367480 ** (1/3) - 1 = 0.11000 -> 11.0 % a year.
    so_far = ((33357.1 / 24393.1) ** (1 / 3) - 1) * 100
    assert a.observed is not None
    assert a.observed.magnitude == pytest.approx(so_far)
    assert a.observed.magnitude == pytest.approx(11.0, abs=0.01)
    # Not decided before 2025: met so far, pending, never achieved.
    assert (a.status, a.met, a.met_so_far, a.early) == (Status.PENDING, None, True, False)
    # Still required in 2024-2025: the 2025 level of 7 % a year is
    # 24393.1 * 1.07 ** 5 = 34212.6; from 33357.1 in two years:
    # (34212.6 / 33357.1) ** (1 / 2) - 1 = 1.025647 ** 0.5 - 1 = 0.0127 -> 1.27 % a year.
    need = ((24393.1 * 1.07**5 / 33357.1) ** 0.5 - 1) * 100
    assert a.required_rate is not None
    assert a.required_rate.magnitude == pytest.approx(need)
    assert a.required_rate.magnitude == pytest.approx(1.27, abs=0.005)
    assert a.baseline is not None
    assert a.baseline.period == Period.parse("2020")
    assert "baseline observed before the window" in a.notes
    line = a.explain()
    assert "11.0 % a year so far (2020→2023) > 7 % a year" in line
    assert "1.27 % a year needed in 2024–2025" in line
    # Three years of spending are not summed (24393 + ... would be 55.71 % "growth").
    assert "cumulative" not in line


ENERGY = Indicator("energy_intensity", "energy use per unit of GDP, change on the year",
                   unit="percent", measure=Measure.GROWTH, direction="decrease")  # fmt: skip
ENERGY_RATES = [
    Observation("energy_intensity", Q_(r, "percent"), year)
    for year, r in ((2021, -2.7), (2022, -0.1), (2023, -0.5))
]


@pytest.mark.parametrize("basis", ["percent_change", "cumulative"])
def test_energy_intensity_chains_yearly_rates(basis: str) -> None:
    t = _plan(Target("E", ENERGY, C.AT_MOST, Q_(-13.5, "percent"), "2025-12-31",
                     basis=basis)).target("E")  # fmt: skip
    a = assess(t, ENERGY_RATES)
    # 0.973 * 0.999 * 0.995 = 0.967167 -> -3.28 % since 2020.
    index = 0.973 * 0.999 * 0.995
    assert a.observed is not None
    assert a.observed.magnitude == pytest.approx((index - 1) * 100)
    assert a.observed.magnitude == pytest.approx(-3.28, abs=0.005)
    assert a.chained
    assert (a.status, a.met, a.met_so_far) == (Status.PENDING, None, False)
    # The 2025 index is 0.865; from 0.967167 in two years:
    # (0.865 / 0.967167) ** 0.5 - 1 = 0.894365 ** 0.5 - 1 = -0.05429 -> -5.43 % a year.
    assert a.required_rate is not None
    assert a.required_rate.magnitude == pytest.approx(((0.865 / index) ** 0.5 - 1) * 100)
    # Progress from index 1 toward 0.865: (1 - 0.967167) / (1 - 0.865) = 0.2432.
    assert a.progress == pytest.approx((1 - index) / 0.135)
    line = a.explain()
    assert "−3.28 % so far (2021–2023, chained yearly rates) ≤ −13.5 %" in line
    assert "−5.43 % a year needed in 2024–2025" in line
    # A missing year breaks the chain: no number is made up.
    holes = assess(t, [ENERGY_RATES[0], ENERGY_RATES[2]])
    assert holes.observed is None
    assert holes.status is Status.NO_DATA
    assert "a year's rate is missing" in holes.explain()


JOBS = Indicator("urban_new_jobs", "urban new jobs", unit="ten_thousand_person",
                 measure=Measure.FLOW)  # fmt: skip
JOBS_YEARS = [
    Observation("urban_new_jobs", Q_(v, "ten_thousand_person"), year)
    for year, v in ((2021, 1269), (2022, 1206), (2023, 1244))
]


def test_urban_new_jobs_running_sum_and_what_remains() -> None:
    t = _plan(Target("J", JOBS, C.MORE_THAN, Q_(5500, "ten_thousand_person"), "2025-12-31",
                     basis="cumulative")).target("J")  # fmt: skip
    a = assess(t, JOBS_YEARS)
    # 1269 + 1206 + 1244 = 3719 万 so far; 5500 - 3719 = 1781 万 still needed.
    assert a.observed == Q_(3719, "ten_thousand_person")
    assert (a.status, a.met, a.early) == (Status.PENDING, None, False)
    assert a.remaining == Q_(1781, "ten_thousand_person")
    assert a.progress == pytest.approx(3719 / 5500)
    assert "3,719万人 in 2021–2023 so far > 5,500万人; 1,781万人 still needed in 2024–2025" in (
        a.explain()
    )
    # Two more years of 1256 and 1100: 3719 + 1256 + 1100 = 6075 > 5500, decided
    # early once the running sum of non-negative amounts clears it (2025 not over).
    more = [*JOBS_YEARS, Observation("urban_new_jobs", Q_(1256, "ten_thousand_person"), 2024),
            Observation("urban_new_jobs", Q_(1100, "ten_thousand_person"),
                        Period("2025-01-01", "2025-09-30"))]  # fmt: skip
    b = assess(t, more)
    assert b.observed == Q_(6075, "ten_thousand_person")
    assert (b.status, b.met, b.early) == (Status.ACHIEVED, True, True)


UNEMPLOYMENT = Indicator("unemployment", "surveyed urban unemployment rate, annual average",
                         unit="percent", measure=Measure.SHARE, direction="decrease")  # fmt: skip
UNEMPLOYMENT_YEARS = [
    Observation("unemployment", Q_(r, "percent"), year)
    for year, r in ((2021, 5.1), (2022, 5.6), (2023, 5.2))
]


def test_unemployment_limit_every_year_fails_early_in_2022() -> None:
    t = _plan(Target("U", UNEMPLOYMENT, C.LESS_THAN, Q_(5.5, "percent"), "2025-12-31",
                     basis="every_year")).target("U")  # fmt: skip
    a = assess(t, UNEMPLOYMENT_YEARS)
    # 5.6 % in 2022 is not below 5.5 %: not achieved, before 2025, for good.
    assert (a.status, a.met, a.early) == (Status.NOT_ACHIEVED, False, True)
    assert a.failed_years == (2022,)
    assert a.observed == Q_(5.6, "percent")  # the worst year
    assert "failed in 2022" in a.explain()
    # 2021 alone (5.1 < 5.5): met so far, pending.
    b = assess(t, UNEMPLOYMENT_YEARS[:1])
    assert (b.status, b.met_so_far, b.failed_years) == (Status.PENDING, True, ())


PATENTS = Indicator("patents", "high-value invention patents per 10,000 people",
                    unit="patent / ten_thousand_person", measure=Measure.LEVEL)  # fmt: skip


def test_patents_progress_from_the_2020_column_and_not_achieved_early() -> None:
    t = _plan(Target("P", PATENTS, C.AT_LEAST, Q_(12, "patent / ten_thousand_person"),
                     "2025-12-31")).target("P")  # fmt: skip
    obs = [
        Observation("patents", Q_(6.3, "patent / ten_thousand_person"), "2020-12-31"),
        Observation("patents", Q_(9.4, "patent / ten_thousand_person"), "2022-12-31"),
        Observation("patents", Q_(11.8, "patent / ten_thousand_person"), "2023-12-31"),
    ]
    a = assess(t, obs)
    # (11.8 - 6.3) / (12 - 6.3) = 5.5 / 5.7 = 0.965.
    assert a.progress == pytest.approx(5.5 / 5.7)
    assert a.progress == pytest.approx(0.965, abs=0.0005)
    assert (a.status, a.met, a.early, a.met_so_far) == (Status.PENDING, None, False, False)
    # 16 at the end of 2025 (中新网, 2026-01-23): achieved at the deadline.
    done = assess(t, [*obs, Observation("patents", Q_(16, "patent / ten_thousand_person"),
                                        "2025-12-31")])  # fmt: skip
    assert (done.status, done.met) == (Status.ACHIEVED, True)
    # 15.3 by June 2025 (SCIO, 2025-07-17): met so far, not achieved (a stock can fall).
    mid = assess(t, [*obs, Observation("patents", Q_(15.3, "patent / ten_thousand_person"),
                                       "2025-06-30")])  # fmt: skip
    assert (mid.status, mid.met, mid.met_so_far, mid.early) == (Status.PENDING, None, True, False)
    assert "met so far" in mid.explain()


def test_many_at_once_agree_with_one_by_one() -> None:
    plan = _plan(
        Target("RND", RND, C.MORE_THAN, Q_(7, "percent"), "2025-12-31", basis="average_annual"),
        Target("E", ENERGY, C.AT_MOST, Q_(-13.5, "percent"), "2025-12-31",
               basis="percent_change"),
        Target("J", JOBS, C.MORE_THAN, Q_(5500, "ten_thousand_person"), "2025-12-31",
               basis="cumulative"),
        Target("U", UNEMPLOYMENT, C.LESS_THAN, Q_(5.5, "percent"), "2025-12-31",
               basis="every_year"),
    )  # fmt: skip
    obs = [*RND_SPENDING, *ENERGY_RATES, *JOBS_YEARS, *UNEMPLOYMENT_YEARS]
    many = assess_many(plan, obs)
    for t in plan.targets:
        one = assess(t, [o for o in obs if o.indicator == t.indicator.id])
        assert many[t.id].status is one.status
        assert many[t.id].observed == one.observed
        assert many[t.id].required_rate == one.required_rate


RND_GROWTH = Indicator("rnd_growth", "society-wide R&D spending, growth", unit="percent",
                       measure=Measure.GROWTH)  # fmt: skip


def test_mixed_evidence_a_published_rate_wins_and_the_result_says_so() -> None:
    t = _plan(Target("RND", RND_GROWTH, C.MORE_THAN, Q_(7, "percent"), "2025-12-31",
                     basis="average_annual")).target("RND")  # fmt: skip
    levels = [
        Observation("rnd_growth", Q_(v, "hundred_million_yuan"), year)
        for year, v in ((2020, 24393.1), (2021, 27956.3), (2022, 30782.9), (2023, 33357.1))
    ]
    # Rates from levels only: 27956.3 / 24393.1, 30782.9 / 27956.3, 33357.1 / 30782.9
    # chain to 33357.1 / 24393.1: the same 11.0 % a year as from the levels.
    a = assess(t, levels)
    assert a.observed is not None
    assert a.observed.magnitude == pytest.approx(((33357.1 / 24393.1) ** (1 / 3) - 1) * 100)
    assert a.computed_growth
    assert "published and computed rates mixed" not in a.notes
    # 2022's published rate, 10.4 % (nominal, the 2022 communiqué), replaces the one
    # computed from levels (30782.9 / 27956.3 - 1 = 10.11 %):
    # 1.146074 * 1.104 * 1.083625 = 1.371074; ln 1.371074 = 0.315595, / 3 = 0.105198,
    # exp(0.105198) - 1 = 11.09 % a year.
    b = assess(t, [*levels, Observation("rnd_growth", Q_(10.4, "percent"), 2022)])
    chain = (27956.3 / 24393.1) * 1.104 * (33357.1 / 30782.9)
    assert b.observed is not None
    assert b.observed.magnitude == pytest.approx((chain ** (1 / 3) - 1) * 100)
    assert b.observed.magnitude == pytest.approx(11.09, abs=0.005)
    assert b.computed_growth
    assert "published and computed rates mixed" in b.notes
    assert "chained from yearly rates" in b.notes
    # Published rates only: nothing computed.
    rates = [Observation("rnd_growth", Q_(r, "percent"), y)
             for y, r in ((2021, 14.6), (2022, 10.4), (2023, 8.4))]  # fmt: skip
    c = assess(t, rates)
    assert not c.computed_growth
    assert "published and computed rates mixed" not in c.notes
    # 1.146 * 1.104 * 1.084 = 1.371459; ln 1.371459 = 0.315876, / 3 = 0.105292,
    # exp(0.105292) - 1 = 11.10 % a year.
    assert c.observed is not None
    assert c.observed.magnitude == pytest.approx(((1.146 * 1.104 * 1.084) ** (1 / 3) - 1) * 100)


def test_a_bare_quantity_is_the_deadline_period_or_the_window_sum() -> None:
    turnover = Indicator("turnover", "technology contract turnover", unit="hundred_million_yuan",
                         measure=Measure.FLOW)  # fmt: skip
    year = _plan(Target("T", turnover, C.MORE_THAN, Q_(1450, "hundred_million_yuan"),
                        "2025-12-31")).target("T")  # fmt: skip
    # The 2025 total, not 2021-2025: 1500 > 1450 achieved.
    a = assess(year, Q_(1500, "hundred_million_yuan"))
    assert (a.status, a.evidence) == (Status.ACHIEVED, Period.year(2025))
    jobs = _plan(Target("J", JOBS, C.MORE_THAN, Q_(5500, "ten_thousand_person"), "2025-12-31",
                        basis="cumulative")).target("J")  # fmt: skip
    # The window's sum: 6000 > 5500 over 2021-2025.
    b = assess(jobs, Q_(6000, "ten_thousand_person"))
    assert (b.status, b.evidence) == (Status.ACHIEVED, Period("2021-01-01", "2025-12-31"))
    # A baseline given as a quantity is the year before the window: 2020's total.
    rnd = _plan(Target("RND", RND, C.MORE_THAN, Q_(7, "percent"), "2025-12-31",
                       basis="average_annual")).target("RND")  # fmt: skip
    c = assess(rnd, RND_SPENDING[1:], baseline=Q_(24393.1, "hundred_million_yuan"))
    assert c.baseline is not None
    assert c.baseline.period == Period.year(2020)
    assert c.observed is not None
    assert c.observed.magnitude == pytest.approx(((33357.1 / 24393.1) ** (1 / 3) - 1) * 100)
