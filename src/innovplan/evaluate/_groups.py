"""Results over groups: the group of each row, dimension columns, and summaries.

A target with ``every`` gives one result row per group; :class:`GroupSummary`
says how many groups met it and which did not, for the report's summary line.

Example:
    >>> from innovplan import Q_, assess_many
    >>> from innovplan.model import Indicator, Observation, Target
    >>> gdp = Indicator("gdp", "GDP", unit="hundred_million_yuan", measure="flow")
    >>> t = Target("P", gdp, "at_least", Q_(100, "亿元"), "2023-12-31", every="region")
    >>> obs = [Observation("gdp", Q_(v, "亿元"), 2023, dimensions={"region": r})
    ...        for r, v in [("42", 120), ("43", 90)]]
    >>> (s,) = assess_many([t], obs).group_summaries()
    >>> print(s)
    P: 1 of 2 groups met; not met: region=43
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.model import Group

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from innovplan.engine import TargetColumns

__all__ = [
    "GroupSummary",
    "dimension_codes",
    "dimension_names",
    "row_groups",
    "summaries",
    "with_dimensions",
]

M = TypeVar("M")

ObjectArray = npt.NDArray[np.object_]
_TOTAL = Group()


def row_groups(tc: TargetColumns) -> ObjectArray:
    """The group of each row of *tc*: the total for columns built without groups.

    Example:
        >>> from innovplan import assess_many
        >>> row_groups(assess_many([], []).targets).tolist()
        []
    """
    if tc.groups is not None:
        return tc.groups
    n = len(tc)
    return np.fromiter((_TOTAL for _ in range(n)), dtype=object, count=n)


def dimension_names(groups: ObjectArray) -> tuple[str, ...]:
    """The dimensions any of *groups* has, sorted.

    Example:
        >>> import numpy as np
        >>> groups = np.fromiter([Group({"sex": "F"}), Group({"region": "42"})], dtype=object)
        >>> dimension_names(groups)
        ('region', 'sex')
    """
    return tuple(sorted({d for g in set(groups.tolist()) for d in g}))


def dimension_codes(groups: ObjectArray, name: str) -> ObjectArray:
    """Per row, the code of dimension *name*, or ``""`` where the group has none.

    Example:
        >>> import numpy as np
        >>> dimension_codes(np.fromiter([Group({"sex": "F"}), Group()], dtype=object), "sex")
        array(['F', ''], dtype=object)
    """
    distinct = {g: g.get(name, "") for g in set(groups.tolist())}
    return np.fromiter((distinct[g] for g in groups.tolist()), dtype=object, count=len(groups))


def with_dimensions(
    makers: Mapping[str, M], tc: TargetColumns
) -> Mapping[str, M | Callable[[], ObjectArray]]:
    """*makers* of result columns with a column per dimension of the rows' groups after ``target``.

    Without groups the columns are as they were.

    Example:
        >>> from innovplan import assess_many
        >>> list(with_dimensions({"target": lambda: None}, assess_many([], []).targets))
        ['target']
    """
    if tc.groups is None:
        return makers
    groups = tc.groups
    names = dimension_names(groups)

    def column(name: str) -> Callable[[], ObjectArray]:
        return lambda: dimension_codes(groups, name)

    out: dict[str, M | Callable[[], ObjectArray]] = {}
    if "target" in makers:
        out["target"] = makers["target"]
    out.update({name: column(name) for name in names})
    out.update(makers)
    return out


@attrs.frozen
class GroupSummary:
    """How a target that holds for every group of some dimensions fared, group by group.

    Attributes:
        target_id: The target's id.
        groups: How many groups it applies to (those observed).
        met: How many met it.
        not_met: How many did not.
        undecided: How many the evidence cannot decide yet (or has no data for).
        failing: The groups that did not meet it, in code order.

    Example:
        >>> s = GroupSummary("P", 4, 3, 1, 0, (Group({"region": "43"}),))
        >>> str(s)
        'P: 3 of 4 groups met; not met: region=43'
    """

    target_id: str
    groups: int
    met: int
    not_met: int
    undecided: int
    failing: tuple[Group, ...] = ()

    def __str__(self) -> str:
        text = f"{self.target_id}: {self.met} of {self.groups} groups met"
        if self.failing:
            text += "; not met: " + "; ".join(str(g) for g in self.failing)
        if self.undecided:
            text += f"; {self.undecided} undecided"
        return text


def summaries(
    ids: Sequence[str], every: npt.NDArray[np.bool_], groups: ObjectArray, met: ObjectArray
) -> tuple[GroupSummary, ...]:
    """One summary per target with ``every``, in order of first row.

    *met* holds True, False or None per row; rows of one target are contiguous.

    Example:
        >>> import numpy as np
        >>> g = np.fromiter([Group({"r": "1"}), Group({"r": "2"})], dtype=object)
        >>> met = np.array([True, False], dtype=object)
        >>> [str(s) for s in summaries(("P", "P"), np.array([True, True]), g, met)]
        ['P: 1 of 2 groups met; not met: r=2']
    """
    rows = np.flatnonzero(every)
    if rows.shape[0] == 0:
        return ()
    names = np.asarray([ids[i] for i in rows.tolist()], dtype=object)
    starts = np.flatnonzero(np.r_[True, names[1:] != names[:-1]])
    ends = np.r_[starts[1:], rows.shape[0]]
    verdict = met[rows]
    yes = np.fromiter((v is True for v in verdict.tolist()), dtype=bool, count=rows.shape[0])
    no = np.fromiter((v is False for v in verdict.tolist()), dtype=bool, count=rows.shape[0])
    n_yes = np.add.reduceat(yes.astype(np.int64), starts)
    n_no = np.add.reduceat(no.astype(np.int64), starts)
    out = []
    for k, (a, b) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        failing = tuple(groups[rows[a:b][no[a:b]]].tolist())
        size = b - a
        out.append(
            GroupSummary(
                str(names[a]),
                size,
                int(n_yes[k]),
                int(n_no[k]),
                size - int(n_yes[k] + n_no[k]),
                failing,
            )
        )
    return tuple(out)
