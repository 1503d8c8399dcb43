"""Every error innovplan raises on purpose: its family, its message, its pickling."""

import pickle

import pytest

from innovplan import errors

CASES = [
    (
        errors.QuantityParseError("1.2.3万", 3, "a number has two decimal points"),
        "cannot read a quantity from '1.2.3万' at position 3: a number has two decimal points",
        ValueError,
    ),
    (
        errors.UnitMismatchError("meter ** 2", "[currency_CNY]", "target 'T10'"),
        "target 'T10': unit 'meter ** 2' does not fit '[currency_CNY]'",
        ValueError,
    ),
    (
        errors.AmbiguousUnitError("kt", ("kilotonne", "knot"), "a mass or a speed", "5 kt", 2),
        (
            "unit 'kt' at position 2 of '5 kt' is ambiguous: a mass or a speed; "
            "write 'kilotonne' or 'knot'"
        ),
        ValueError,
    ),
    (
        errors.ModelError("Target 'T3'", "value", "a count cannot be negative, got -1"),
        "Target 'T3'.value: a count cannot be negative, got -1",
        ValueError,
    ),
    (
        errors.UnknownIdError("target", "T99", ["T1", "T2"]),
        "no target with id 'T99'; known: T1, T2",
        LookupError,
    ),
    (
        errors.TargetParseError("x" * 100, "no target found", span=(0, 3), found=0),
        "no target found in '" + "x" * 77 + "...' at 0..3 (found 0 targets)",
        ValueError,
    ),
    (
        errors.DocumentError(
            [errors.Problem("goals[0].id", "missing", "add an id"), errors.Problem("", "bad")],
            source="plan.yaml",
        ),
        "2 problems in plan.yaml:\n  goals[0].id: missing (add an id)\n  bad",
        ValueError,
    ),
    (
        errors.MissingDependencyError("pandas", "pandas", "data frames"),
        "data frames need the optional package 'pandas': pip install 'innovplan[pandas]'",
        ImportError,
    ),
]


@pytest.mark.parametrize(("err", "text", "builtin"), CASES, ids=lambda c: type(c).__name__)
def test_message_family_and_pickle(err, text, builtin):
    assert str(err) == text
    assert isinstance(err, errors.InnovplanError)
    assert isinstance(err, builtin)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert str(back) == text


def test_every_public_error_derives_from_innovplan_error():
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            assert issubclass(obj, errors.InnovplanError), name


def test_unknown_id_lists_at_most_twenty():
    err = errors.UnknownIdError("target", "X", [f"T{i}" for i in range(30)])
    assert str(err).endswith("T19 …")
