"""Groups of a disaggregated indicator: a code per dimension (``{"sex": "F"}``).

Statistics publish an indicator by region, sex, age group, urban or rural; SDMX
calls these the dimensions of a series key and gives each group a code. A
:class:`Group` holds those codes. The empty group is the total, and so is any
dimension given SDMX's total code ``_T`` (``{"sex": "_T"}`` is ``{}``): the
total has one spelling.

Names and codes follow SDMX's identifiers, so that a file read from SDMX keeps
its codes as they are: a dimension name is lower-case letters, digits and
``_`` (SDMX's ``SEX`` is ``sex`` here); a code is letters, digits and
``_ @ $ - .``. A code may carry its label as SDMX-CSV writes them with
``labels=both``: ``"F: Female"``. Labels travel with the codes but are not part
of a group's identity: ``{"sex": "F: Female"}`` and ``{"sex": "F"}`` are the
same group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from innovplan.errors import ModelError
from innovplan.model._shown import shown

__all__ = ["RESERVED_DIMENSIONS", "TOTAL", "Group", "check_dimension", "to_group"]

TOTAL = "_T"
"""SDMX's code for the total of a dimension (``SEX=_T``: both sexes)."""

# Names that tables of observations, targets and results use for their own
# columns: a dimension of that name would be mistaken for one of them.
RESERVED_DIMENSIONS = frozenset(
    {
        "indicator",
        "period",
        "period_start",
        "period_end",
        "value",
        "unit",
        "released",
        "bound",
        "source",
        "source_url",
        "source_quote",
        "status",
        "note",
        "id",
        "target",
        "group",
        "every",
        "versus",
    }
)

_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}", re.ASCII)
_CODE = re.compile(r"[\w@$.\-]{1,100}")
_LABEL_SEP = ": "


def _name_problem(name: object) -> str | None:
    if not isinstance(name, str):
        return f"a dimension name is text, got {shown(name)}"
    if not _NAME.fullmatch(name):
        lower = name.strip().lower()
        hint = f" ({name!r} would be {lower!r})" if _NAME.fullmatch(lower) else ""
        return (
            "a dimension name is lower-case letters, digits and '_', starting with a "
            f"letter, at most 64 characters; got {shown(name)}{hint}"
        )
    if name in RESERVED_DIMENSIONS:
        return (
            f"{name!r} names a column of observation and result tables and cannot be a "
            f"dimension; reserved: {', '.join(sorted(RESERVED_DIMENSIONS))}"
        )
    return None


def check_dimension(name: object, owner: str = "Group", field: str = "") -> str:
    """*name* if it is a valid dimension name, else a :class:`ModelError` saying what is.

    Example:
        >>> check_dimension("region")
        'region'
        >>> check_dimension("SEX")
        Traceback (most recent call last):
        ...
        innovplan.errors.ModelError: Group: a dimension name is ... ('SEX' would be 'sex')
    """
    problem = _name_problem(name)
    if problem is not None:
        raise ModelError(owner, field, problem)
    return name  # type: ignore[return-value]  # checked to be text above


def _split(name: str, raw: object) -> tuple[str, str]:
    """The code and label of a cell ``"F"`` or ``"F: Female"``."""
    if not isinstance(raw, str):
        msg = (
            f"the code of dimension {name!r} is text (such as 'F' or 'F: Female'), got {shown(raw)}"
        )
        raise ModelError("Group", name, msg)
    code, sep, label = raw.partition(_LABEL_SEP)
    code = code.strip()
    label = label.strip()
    if not _CODE.fullmatch(code):
        msg = (
            "a code is letters, digits and '_@$-.' (SDMX's identifiers), at most 100 "
            f"characters, optionally followed by ': label'; got {shown(raw)}"
        )
        raise ModelError("Group", name, msg)
    if sep and (not label or not label.isprintable()):
        msg = f"the label after {code + _LABEL_SEP!r} is empty or holds control characters"
        raise ModelError("Group", name, msg)
    return code, label


def _pairs(value: object) -> list[tuple[object, object]]:
    if isinstance(value, Group):
        return [(k, value.coded(k)) for k in value]
    if isinstance(value, Mapping):
        return list(value.items())
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        msg = f"expected a mapping of dimension to code such as {{'sex': 'F'}}, got {shown(value)}"
        raise ModelError("Group", "", msg)
    out: list[tuple[object, object]] = []
    for item in value:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            msg = f"expected (dimension, code) pairs, got {shown(item)}"
            raise ModelError("Group", "", msg)
        out.append((item[0], item[1]))
    return out


@attrs.frozen(init=False, repr=False)
class Group(Mapping[str, str]):
    """One group of a disaggregated indicator: a code per dimension; empty is the total.

    A read-only mapping of dimension name to code, hashable and ordered by
    dimension name. SDMX's total code ``_T`` is left out: the total of every
    dimension is the empty group.

    Args:
        codes: A mapping of dimension to code (``{"sex": "F"}``), or pairs; a
            code may carry its label (``"F: Female"``).
        labels: Labels of the codes by dimension, as mapping or pairs, for
            codes given without them.

    Raises:
        ModelError: A dimension name or a code is not valid; the message says what is.

    Example:
        >>> g = Group({"sex": "F: Female", "region": "420100"})
        >>> g["sex"], g.label("sex"), list(g), str(g)
        ('F', 'Female', ['region', 'sex'], 'region=420100, sex=F')
        >>> Group({"sex": "_T"}) == Group(), Group().is_total
        (True, True)
    """

    codes: tuple[tuple[str, str], ...]
    labels: tuple[tuple[str, str], ...] = attrs.field(eq=False)

    def __init__(self, codes: object = (), labels: object = ()) -> None:
        found: dict[str, tuple[str, str]] = {}
        for name, raw in _pairs(codes):
            problem = _name_problem(name)
            if problem is not None:
                raise ModelError("Group", "", problem)
            key = str(name)
            if key in found:
                raise ModelError("Group", key, "the dimension is given twice")
            code, label = _split(key, raw)
            if code != TOTAL:
                found[key] = (code, label)
        for name, raw in _pairs(labels):
            if name not in found or not isinstance(raw, str) or not raw.strip().isprintable():
                msg = f"a label is text for a dimension of the group, got {shown((name, raw))}"
                raise ModelError("Group", "labels", msg)
            if raw.strip():
                found[str(name)] = (found[str(name)][0], raw.strip())
        ordered = sorted(found.items())
        self.__attrs_init__(
            tuple((k, c) for k, (c, _) in ordered),
            tuple((k, lab) for k, (_, lab) in ordered if lab),
        )

    def __getitem__(self, dimension: str) -> str:
        for name, code in self.codes:
            if name == dimension:
                return code
        known = ", ".join(n for n, _ in self.codes) or "(none: the total)"
        msg = f"no dimension {dimension!r} in this group; its dimensions: {known}"
        raise ModelError("Group", "", msg)

    def get(self, dimension: str, default: Any = None) -> Any:
        return dict(self.codes).get(dimension, default)

    def __contains__(self, dimension: object) -> bool:
        return any(name == dimension for name, _ in self.codes)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __repr__(self) -> str:
        return f"Group({self.to_dict()!r})"

    def __str__(self) -> str:
        return ", ".join(f"{k}={c}" for k, c in self.codes) or "total"

    @property
    def is_total(self) -> bool:
        """Whether this is the total: no dimension with a code other than ``_T``."""
        return not self.codes

    def label(self, dimension: str) -> str:
        """The label of *dimension*'s code, or ``""`` when none was given.

        Example:
            >>> Group({"sex": "F: Female"}).label("sex"), Group({"sex": "F"}).label("sex")
            ('Female', '')
        """
        return dict(self.labels).get(dimension, "")

    def coded(self, dimension: str) -> str:
        """*dimension*'s code with its label as files write them: ``"F: Female"`` or ``"F"``.

        Example:
            >>> Group({"sex": "F: Female"}).coded("sex")
            'F: Female'
        """
        code = self[dimension]
        label = self.label(dimension)
        return f"{code}{_LABEL_SEP}{label}" if label else code

    def to_dict(self) -> dict[str, str]:
        """The codes with their labels, as files write them.

        Example:
            >>> Group({"sex": "F: Female", "age": "Y15T24"}).to_dict()
            {'age': 'Y15T24', 'sex': 'F: Female'}
        """
        return {k: self.coded(k) for k in self}

    def within(self, other: Group) -> bool:
        """Whether every code of *other* is also this group's.

        ``sex=F, region=42`` is within ``sex=F``, and every group is within the total.

        Example:
            >>> Group({"sex": "F", "region": "42"}).within(Group({"sex": "F"}))
            True
        """
        mine = dict(self.codes)
        return all(mine.get(k) == c for k, c in other.codes)


_EMPTY = Group()


def to_group(value: object) -> Group:
    """*value* as a :class:`Group`: a group, a mapping of dimension to code, pairs, or ``None``.

    Raises:
        ModelError: *value* is none of these, or holds a name or code that is not valid.

    Example:
        >>> to_group(None).is_total, to_group({"region": "420100"})["region"]
        (True, '420100')
    """
    if value is None:
        return _EMPTY
    if isinstance(value, Group):
        return value
    if isinstance(value, Mapping) and not value:
        return _EMPTY
    return Group(value)
