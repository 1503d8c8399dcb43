"""Properties of attainment: monotone, batch equals scalar, unit-free, thread-safe."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovplan import Q_, parse_quantity
from innovplan.errors import UnitMismatchError
from innovplan.evaluate import Assessment, assess, assess_many
from innovplan.model import (
    Basis,
    Bound,
    Comparator,
    Direction,
    Indicator,
    Measure,
    Observation,
    Period,
    Target,
)

UNITS = {
    Measure.LEVEL: "enterprise",
    Measure.FLOW: "yuan",
    Measure.GROWTH: "percent",
    Measure.SHARE: "percent",
}
UP = [Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.EQUAL, Comparator.ABOUT]
DOWN = [Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.EQUAL, Comparator.ABOUT]
values = st.floats(min_value=0.01, max_value=1e9, allow_nan=False)


def _one(
    measure: Measure, comparator: Comparator, direction: Direction, target: float, x: float
) -> Assessment:
    unit = UNITS[measure]
    ind = Indicator("x", "x", unit=unit, measure=measure, direction=direction)
    return assess(Target("T", ind, comparator, Q_(target, unit), "2023-12-31"), Q_(x, unit))


_RANK = {False: 0, None: 1, True: 2}


@given(st.sampled_from(list(Measure)), st.sampled_from(UP), values, values, values)
def test_increase_more_is_never_worse(
    measure: Measure, comparator: Comparator, target: float, a: float, b: float
) -> None:
    lo, hi = sorted((a, b))
    one, two = (_one(measure, comparator, Direction.INCREASE, target, x) for x in (lo, hi))
    assert two.attainment is not None
    assert one.attainment is not None
    assert two.attainment >= one.attainment
    assert _RANK[two.met] >= _RANK[one.met]
    assert not (one.met is True and two.met is False)


@given(st.sampled_from(list(Measure)), st.sampled_from(DOWN), values, values, values)
def test_decrease_less_is_never_worse(
    measure: Measure, comparator: Comparator, target: float, a: float, b: float
) -> None:
    lo, hi = sorted((a, b))
    low, high = (_one(measure, comparator, Direction.DECREASE, target, x) for x in (lo, hi))
    assert low.attainment is not None
    assert high.attainment is not None
    assert low.attainment >= high.attainment
    assert not (high.met is True and low.met is False)


def _same(x: object, y: object) -> bool:
    if isinstance(x, float) and isinstance(y, float):
        return (math.isnan(x) and math.isnan(y)) or math.isclose(
            x, y, rel_tol=1e-12, abs_tol=1e-300
        )
    return x == y


# Local strategies, not innovplan.testing's: these keep one unit per measure,
# a few shared periods and vintages (so that releases compete for the same
# period) and no duplicate (indicator, period, release), where assess and
# assess_many could pick different rows. Drawing 3 indicators, 6 targets and
# 10 observations from innovplan.testing took over 200 s for 50 examples.
PERIODS = [Period.year(y) for y in (2020, 2021, 2022, 2023, 2024)] + [
    Period.parse(p)
    for p in ("2023-H1", "2023-Q3", "2020-12-31", "2022-12-31", "2023-06-30", "2023-12-31")
]


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Target], list[Observation]]:
    inds = []
    for k in range(draw(st.integers(1, 3))):
        measure = draw(st.sampled_from(list(Measure)))
        inds.append(
            Indicator(
                f"i{k}",
                "x",
                unit=UNITS[measure],
                measure=measure,
                direction=draw(st.sampled_from(list(Direction))),
            )
        )
    tgts = []
    for j in range(draw(st.integers(0, 6))):
        ind = draw(st.sampled_from(inds))
        comp = draw(st.sampled_from(list(Comparator)))
        v = draw(st.floats(0, 100))
        basis = draw(st.sampled_from(list(Basis)))
        if basis is Basis.CUMULATIVE and ind.measure not in {Measure.FLOW, Measure.GROWTH}:
            basis = Basis.VALUE
        unit = ind.unit
        if basis in {Basis.PERCENT_CHANGE, Basis.AVERAGE_ANNUAL}:
            unit = "percent"
        elif basis is Basis.CHANGE and unit == "percent":
            unit = "percentage_point"
        upper = Q_(v + draw(st.floats(0, 50)), unit) if comp is Comparator.BETWEEN else None
        start = draw(st.sampled_from(["2023-01-01", "2021-01-01"]))
        base = draw(
            st.none()
            | st.floats(0, 100).map(lambda b, i=ind: Observation(i.id, Q_(b, i.unit), "2020-12-31"))
        )
        tgts.append(
            Target(
                f"T{j}",
                ind,
                comp,
                Q_(v, unit),
                "2023-12-31",
                upper=upper,
                start=start,
                baseline=base,
                basis=basis,
            )
        )
    obs = []
    seen = set()
    for _ in range(draw(st.integers(0, 10))):
        ind = draw(st.sampled_from(inds))
        period = draw(st.sampled_from(PERIODS))
        released = draw(st.sampled_from([None, "2024-01-18", "2024-04-26"]))
        if (ind.id, period, released) in seen:
            continue
        seen.add((ind.id, period, released))
        obs.append(
            Observation(
                ind.id,
                Q_(draw(st.floats(0, 200)), ind.unit),
                period,
                released=released,
                bound=draw(st.sampled_from(list(Bound))),
            )
        )
    return tgts, obs


@given(batches())
def test_assess_many_equals_assess_element_by_element(
    batch: tuple[list[Target], list[Observation]],
) -> None:
    tgts, obs = batch
    try:
        many = assess_many(tgts, obs)
    except UnitMismatchError:

        def every() -> None:
            for t in tgts:
                assess(t, [o for o in obs if o.indicator == t.indicator.id])

        with pytest.raises(UnitMismatchError):
            every()
        return
    assert len(many) == len(tgts)
    for t, row in zip(tgts, many, strict=True):
        one = assess(t, [o for o in obs if o.indicator == t.indicator.id])
        for field in (
            "status",
            "met",
            "attainment",
            "score",
            "progress",
            "exceeded",
            "early",
            "notes",
            "observation",
            "met_so_far",
            "failed_years",
            "baseline",
            "evidence",
        ):
            assert _same(getattr(one, field), getattr(row, field)), field
        for field in ("gap", "observed", "required_rate", "remaining"):
            q1, q2 = getattr(one, field), getattr(row, field)
            assert (q1 is None) == (q2 is None)
            if q1 is not None:
                assert q1.units == q2.units
                assert _same(float(q1.magnitude), float(q2.magnitude))


TURNOVER = Indicator(
    "turnover", "technology contract turnover", unit="hundred_million_yuan", measure=Measure.FLOW
)


@given(st.floats(min_value=1.0, max_value=1e6, allow_nan=False), st.sampled_from(list(Comparator)))
def test_results_do_not_depend_on_the_unit_written(v: float, comparator: Comparator) -> None:
    upper = parse_quantity("2000亿元") if comparator is Comparator.BETWEEN else None
    t = Target("T10", TURNOVER, comparator, parse_quantity("1450亿元"), "2023-12-31", upper=upper)
    forms = [Q_(v, "亿元"), Q_(v * 1e8, "yuan"), parse_quantity(f"{v / 10!r} billion yuan")]
    got = [assess(t, Observation("turnover", q, 2023)) for q in forms]
    for a in got[1:]:
        assert (a.status, a.met, a.exceeded) == (got[0].status, got[0].met, got[0].exceeded)
        assert _same(a.attainment, got[0].attainment)
        assert a.gap is not None
        assert got[0].gap is not None
        assert a.gap.magnitude == pytest.approx(got[0].gap.magnitude, rel=1e-12, abs=1e-9)


def test_the_three_spellings_of_145_billion_yuan() -> None:
    t = Target("T10", TURNOVER, Comparator.MORE_THAN, parse_quantity("1450亿元"), "2023-12-31")
    for text in ("1450亿元", "1.45e11 yuan", "145 billion yuan"):
        a = assess(t, Observation("turnover", parse_quantity(text), 2023))
        assert a.met is False  # exactly 145 billion is not "more than" it
        assert a.attainment == pytest.approx(1.0, rel=1e-15)


def _bulk() -> tuple[list[Target], list[Observation]]:
    rng = np.random.default_rng(7)
    tgts, obs = [], []
    comps = list(Comparator)
    for i in range(600):
        measure = list(Measure)[i % 4]
        unit = UNITS[measure]
        ind = Indicator(f"i{i}", "x", unit=unit, measure=measure, direction=list(Direction)[i % 3])
        comp = comps[i % len(comps)]
        upper = Q_(12.0, unit) if comp is Comparator.BETWEEN else None
        tgts.append(Target(f"T{i}", ind, comp, Q_(10.0, unit), "2023-12-31", upper=upper))
        obs.append(
            Observation(
                f"i{i}",
                Q_(float(rng.uniform(5, 15)), unit),
                "2023-12-31" if measure in {Measure.LEVEL, Measure.SHARE} else 2023,
            )
        )
    return tgts, obs


def test_eight_threads_give_identical_results() -> None:
    tgts, obs = _bulk()
    reference = assess_many(tgts, obs).outcome
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: assess_many(tgts, obs).outcome, range(8)))
    for out in results:
        for a, b in zip(reference, out, strict=True):
            np.testing.assert_array_equal(a, b)
