"""Groups of disaggregated indicators on observations and targets."""

from __future__ import annotations

import pickle

import attrs
import pytest

from innovplan import Q_
from innovplan.errors import InnovplanError, ModelError
from innovplan.model import (
    TOTAL,
    Comparator,
    Group,
    Indicator,
    Measure,
    Milestone,
    Observation,
    Series,
    Target,
    check_dimension,
)

ENROL = Indicator("enrolment", "gross enrolment ratio", unit="percent", measure=Measure.SHARE)
GDP = Indicator("gdp", "gross regional product", unit="hundred_million_yuan", measure=Measure.FLOW)


def ratio(x: float) -> object:
    return Q_(x, "dimensionless")


# -- Group -------------------------------------------------------------------------


def test_a_group_is_a_sorted_read_only_mapping() -> None:
    g = Group({"sex": "F", "region": "420100"})
    assert list(g) == ["region", "sex"]
    assert dict(g) == {"region": "420100", "sex": "F"}
    assert g["sex"] == "F"
    assert "sex" in g
    assert "age" not in g
    assert len(g) == 2
    assert g.get("age", "-") == "-"
    assert str(g) == "region=420100, sex=F"


def test_the_total_code_and_the_empty_group_are_the_total() -> None:
    assert TOTAL == "_T"
    assert Group({"sex": "_T"}) == Group() == Group(None or {})
    assert Group({"sex": "_T", "region": "42"}) == Group({"region": "42"})
    assert Group().is_total
    assert str(Group()) == "total"


def test_labels_travel_with_codes_but_are_not_identity() -> None:
    labelled = Group({"sex": "F: Female"})
    plain = Group({"sex": "F"})
    assert labelled == plain
    assert hash(labelled) == hash(plain)
    assert labelled.label("sex") == "Female"
    assert plain.label("sex") == ""
    assert labelled.to_dict() == {"sex": "F: Female"}
    # A label may itself hold ": " (the first one separates it from the code).
    assert Group({"x": "A: B: C"}).label("x") == "B: C"


def test_labels_can_be_given_apart_and_survive_evolve_and_pickle() -> None:
    g = Group({"sex": "F"}, labels={"sex": "Female"})
    assert g.coded("sex") == "F: Female"
    assert attrs.evolve(g).to_dict() == {"sex": "F: Female"}
    back = pickle.loads(pickle.dumps(g))
    assert back == g
    assert back.label("sex") == "Female"


def test_pairs_are_accepted_and_a_dimension_twice_is_refused() -> None:
    assert Group([("sex", "M")]) == Group({"sex": "M"})
    with pytest.raises(ModelError, match=r"Group\.sex: the dimension is given twice"):
        Group([("sex", "M"), ("sex", "F")])


def test_within_tells_a_subgroup() -> None:
    assert Group({"sex": "F", "region": "42"}).within(Group({"sex": "F"}))
    assert Group({"sex": "F"}).within(Group())
    assert not Group({"sex": "M"}).within(Group({"sex": "F"}))


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ({"SEX": "F"}, r"lower-case letters.*got 'SEX' \('SEX' would be 'sex'\)"),
        ({"1sex": "F"}, r"starting with a letter"),
        ({"status": "F"}, r"'status' names a column of observation and result tables"),
        ({"sex": "F M"}, r"Group\.sex: a code is letters, digits and '_@\$-\.'.*got 'F M'"),
        ({"sex": ""}, r"Group\.sex: a code is letters"),
        ({"sex": 1}, r"Group\.sex: the code of dimension 'sex' is text .*got 1"),
        ({"sex": "F: "}, r"Group\.sex: the label after 'F: ' is empty"),
        ({"sex": "F: a\nb"}, r"the label after 'F: ' is empty or holds control characters"),
        ("sex", r"expected a mapping of dimension to code such as \{'sex': 'F'\}, got 'sex'"),
        ([("sex",)], r"expected \(dimension, code\) pairs, got \('sex',\)"),
    ],
)
def test_bad_groups_say_what_is_valid(codes: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Group(codes)


def test_a_missing_dimension_is_an_innovplan_error_naming_those_there() -> None:
    with pytest.raises(
        InnovplanError, match=r"no dimension 'age' in this group; its dimensions: sex"
    ):
        Group({"sex": "F"})["age"]


def test_check_dimension() -> None:
    assert check_dimension("urbanisation") == "urbanisation"
    with pytest.raises(ModelError, match=r"'Region' would be 'region'"):
        check_dimension("Region")


# -- observations and series ---------------------------------------------------------


def test_an_observation_carries_its_group_and_stays_hashable() -> None:
    girls = Observation("enrolment", Q_(97.1, "percent"), 2022, dimensions={"sex": "F: Female"})
    boys = Observation("enrolment", Q_(97.1, "percent"), 2022, dimensions={"sex": "M"})
    total = Observation("enrolment", Q_(97.1, "percent"), 2022)
    assert girls.dimensions == Group({"sex": "F"})
    assert total.dimensions.is_total
    assert len({girls, boys, total}) == 3
    assert Observation("enrolment", Q_(97.1, "percent"), 2022, dimensions={"sex": "_T"}) == total


def test_an_observation_names_a_bad_dimension() -> None:
    with pytest.raises(ModelError, match=r"Observation 'enrolment'\.dimensions: .*'Sex' would be"):
        Observation("enrolment", Q_(1, "percent"), 2022, dimensions={"Sex": "F"})


def test_a_series_holds_one_group() -> None:
    a = Observation("gdp", Q_(1, "亿元"), 2022, dimensions={"region": "42"})
    b = Observation("gdp", Q_(2, "亿元"), 2023, dimensions={"region": "42"})
    assert str(Series("gdp", [a, b]).dimensions) == "region=42"
    assert Series("gdp").dimensions.is_total
    c = attrs.evolve(b, dimensions={"region": "43"})
    with pytest.raises(ModelError, match=r"observations\[1\]: is for group region=43, the series"):
        Series("gdp", [a, c])


# -- targets -------------------------------------------------------------------------


def test_targets_apply_to_the_total_by_default() -> None:
    t = Target("T", GDP, Comparator.AT_LEAST, Q_(100, "亿元"), "2025-12-31")
    assert t.group.is_total
    assert t.every == ()
    assert t.versus is None


def test_one_group_every_group_and_parity() -> None:
    girls = Target("G", ENROL, "at_least", Q_(95, "percent"), "2030-12-31", group={"sex": "F"})
    assert girls.group["sex"] == "F"
    every = Target("P", GDP, "at_least", Q_(100, "亿元"), "2025-12-31", every="region")
    assert every.every == ("region",)
    both = Target(
        "GR",
        ENROL,
        "at_least",
        Q_(95, "percent"),
        "2030-12-31",
        group={"sex": "F"},
        every=["region"],
    )
    assert (both.group["sex"], both.every) == ("F", ("region",))
    gpi = Target(
        "GPI",
        ENROL,
        Comparator.BETWEEN,
        ratio(0.97),
        "2030-12-31",
        upper=ratio(1.03),
        group={"sex": "F"},
        versus={"sex": "M"},
        every="region",
    )
    assert (str(gpi.group), str(gpi.versus), gpi.every) == ("sex=F", "sex=M", ("region",))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"every": "REGION"}, r"Target 'X'\.every: .*'REGION' would be 'region'"),
        ({"every": ["region", "region"]}, r"Target 'X'\.every: a dimension appears twice"),
        ({"every": 3}, r"Target 'X'\.every: expected a dimension name or a list of them"),
        ({"group": {"sex": "F"}, "every": "sex"}, r"'every' names 'sex', which the target's group"),
        ({"group": "F"}, r"Target 'X'\.group: expected a mapping of dimension to code"),
        ({"versus": {"sex": "M"}}, r"Target 'X'\.versus: a parity target compares its group"),
        (
            {"group": {"sex": "F"}, "versus": {"region": "42"}},
            r"versus: a parity target compares its group with another group of the same",
        ),
        ({"group": {"sex": "F"}, "versus": {"sex": "F"}}, r"versus: a parity target compares"),
    ],
)
def test_bad_group_fields_say_what_is_valid(extra: dict[str, object], message: str) -> None:
    value = ratio(1) if "versus" in extra else Q_(95, "percent")
    with pytest.raises(ModelError, match=message):
        Target("X", ENROL, "at_least", value, "2030-12-31", **extra)  # type: ignore[arg-type]


def test_a_parity_value_is_a_ratio() -> None:
    # 97 percent is the ratio 0.97 and fits; a value in the indicator's own unit does not.
    ok = Target(
        "X",
        GDP,
        "at_least",
        Q_(97, "percent"),
        "2030-12-31",
        group={"sex": "F"},
        versus={"sex": "M"},
    )
    assert ok.value.to("dimensionless").magnitude == pytest.approx(0.97)
    with pytest.raises(ModelError, match=r"Target 'X'\.value: a parity target's value is a ratio"):
        Target(
            "X",
            GDP,
            "at_least",
            Q_(100, "亿元"),
            "2030-12-31",
            group={"sex": "F"},
            versus={"sex": "M"},
        )


def test_a_parity_target_compares_deadline_values_only() -> None:
    parity = {"group": {"sex": "F"}, "versus": {"sex": "M"}}
    with pytest.raises(
        ModelError, match=r"versus: a parity target compares the two groups' values"
    ):
        Target("X", GDP, "at_least", ratio(1), "2030-12-31", basis="cumulative", **parity)  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"no baseline, no milestones"):
        Target(
            "X",
            GDP,
            "at_least",
            ratio(1),
            "2030-12-31",
            milestones=[Milestone("2029-12-31", ratio(1))],
            **parity,
        )  # type: ignore[arg-type]


def test_a_baseline_is_for_the_target_group() -> None:
    base = Observation("enrolment", Q_(90, "percent"), 2020, dimensions={"sex": "F"})
    ok = Target(
        "X", ENROL, "at_least", Q_(95, "percent"), "2030-12-31", group={"sex": "F"}, baseline=base
    )
    assert ok.baseline is base
    with pytest.raises(ModelError, match=r"baseline: the baseline is for group sex=F, the target"):
        Target("X", ENROL, "at_least", Q_(95, "percent"), "2030-12-31", baseline=base)
