"""Groups of disaggregated indicators as segments of the columns.

The engine joins targets and observations by an integer code. Without groups
the code names an indicator; with groups it names a *series*: an indicator and
a group (``("enrolment", {"sex": "F"})``), or the parity of two groups of it.
The kernels do not change: a group is one more segment of the sorted
observation columns.

A target becomes one row per group it applies to:

- the total or one group: one row, on that group's series;
- every group of some dimensions (``every=("region",)``): one row per group
  observed with exactly the target's group's dimensions and those, within
  the target's group, in code order (one row without data if none is
  observed). Targets sharing an indicator, group and dimensions share the
  list, found once; the rows of all targets are then made by ``np.repeat``
  and one gather, with no Python loop per group;
- parity (``versus``): one row on the ratio series of the two groups, per
  group of *every* when given. The ratio series is computed from the two
  groups' observations of the same period (:func:`parity_columns`).

Example:
    >>> from innovplan import Q_
    >>> from innovplan.model import Indicator, Observation, Target
    >>> gdp = Indicator("gdp", "GDP", unit="hundred_million_yuan", measure="flow")
    >>> t = Target("P", gdp, "at_least", Q_(100, "亿元"), "2023-12-31", every="region")
    >>> obs = [Observation("gdp", Q_(v, "亿元"), 2023, dimensions={"region": r})
    ...        for r, v in [("42", 120), ("43", 90)]]
    >>> rows = plan_rows([t], obs)
    >>> rows.rows.tolist(), [str(g) for g in rows.groups]
    ([0, 0], ['region=42', 'region=43'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.model import Group, Observation, Target

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["SeriesRows", "needs_groups", "parity_columns", "plan_rows"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ObjectArray = npt.NDArray[np.object_]


def needs_groups(targets: Sequence[Target], observations: Sequence[Observation]) -> bool:
    """Whether any target or observation involves a group other than the total.

    Example:
        >>> needs_groups([], [])
        False
    """
    return any(t.every or t.versus is not None or not t.group.is_total for t in targets) or any(
        o.dimensions.codes for o in observations
    )


@attrs.frozen(eq=False)
class SeriesRows:
    """Which series each result row reads, and which target it comes from.

    Attributes:
        rows: Per result row, the position of its target.
        series: Per result row, its series code.
        groups: Per result row, the group it is for (a parity row: the group
            compared), as an object array of :class:`Group`.
        versus: Per result row, the group a parity row compares with, else None.
        keys: Observed series the rows read: (indicator id, group) to code.
        indicators: Per series code, the indicator id.
        parity: Per parity series: (code of the ratio, code of the
            numerator's series, code of the denominator's series).
    """

    rows: IntArray
    series: IntArray
    groups: ObjectArray
    versus: ObjectArray
    keys: dict[tuple[str, Group], int]
    indicators: list[str]
    parity: list[tuple[int, int, int]]

    @property
    def parity_codes(self) -> frozenset[int]:
        """The series codes of ratios."""
        return frozenset(p for p, _, _ in self.parity)


class _Builder:
    def __init__(self, observed: Iterable[tuple[str, Group]], wanted: set[str]) -> None:
        # Groups observed per indicator, in first-seen order; one pass over the pairs.
        seen: dict[str, dict[Group, None]] = {}
        for indicator, group in observed:
            if indicator in wanted:
                seen.setdefault(indicator, {})[group] = None
        self.seen = seen
        self.keys: dict[tuple[str, Group], int] = {}
        self.indicators: list[str] = []
        self.parity: list[tuple[int, int, int]] = []
        self.parity_keys: dict[tuple[str, Group, Group], int] = {}
        self.families: dict[tuple[str, Group, Group | None, tuple[str, ...]], int] = {}
        self.family_codes: list[list[int]] = []
        self.family_groups: list[list[Group]] = []
        self.family_versus: list[list[Group | None]] = []

    def _new(self, indicator: str) -> int:
        self.indicators.append(indicator)
        return len(self.indicators) - 1

    def series(self, indicator: str, group: Group) -> int:
        key = (indicator, group)
        code = self.keys.get(key)
        if code is None:
            code = self.keys[key] = self._new(indicator)
        return code

    def ratio(self, indicator: str, group: Group, versus: Group) -> int:
        key = (indicator, group, versus)
        code = self.parity_keys.get(key)
        if code is None:
            code = self.parity_keys[key] = self._new(indicator)
            self.parity.append(
                (code, self.series(indicator, group), self.series(indicator, versus))
            )
        return code

    def every_groups(self, indicator: str, group: Group, every: tuple[str, ...]) -> list[Group]:
        dims = set(group) | set(every)
        found = [g for g in self.seen.get(indicator, {}) if set(g) == dims and g.within(group)]
        return sorted(found, key=lambda g: g.codes)

    def family(self, t: Target) -> int:
        key = (t.indicator.id, t.group, t.versus, t.every)
        fam = self.families.get(key)
        if fam is not None:
            return fam
        ind = t.indicator.id
        codes: list[int] = []
        groups: list[Group] = []
        versus: list[Group | None] = []
        if not t.every:
            parts = [(t.group, t.versus)]
        elif t.versus is None:
            parts = [(g, None) for g in self.every_groups(ind, t.group, t.every)]
        else:
            # Per group of the every-dimensions: that part of both groups compared.
            mine = self.every_groups(ind, t.group, t.every)
            theirs = set(self.every_groups(ind, t.versus, t.every))
            parts = []
            for g in mine:
                rest = {k: g[k] for k in t.every}
                other = Group({**dict(t.versus), **rest})
                if other in theirs:
                    parts.append((g, other))
        if not parts:
            # No group observed: one row for the target's own group, on a
            # series of its own that no observation joins (no data).
            codes.append(self._new(ind))
            groups.append(t.group)
            versus.append(t.versus)
        for g, v in parts:
            codes.append(self.series(ind, g) if v is None else self.ratio(ind, g, v))
            groups.append(g)
            versus.append(v)
        fam = self.families[key] = len(self.family_codes)
        self.family_codes.append(codes)
        self.family_groups.append(groups)
        self.family_versus.append(versus)
        return fam


def _objects(items: list[object]) -> ObjectArray:
    # fromiter keeps each item whole: a Group is a mapping, which np.array would unpack.
    return np.fromiter(items, dtype=object, count=len(items))


def plan_rows(
    targets: Sequence[Target],
    observations: Iterable[Observation],
    *,
    seen: Iterable[tuple[str, Group]] | None = None,
) -> SeriesRows:
    """The result rows of *targets* over the groups the *observations* hold.

    *seen*, when given, names the (indicator id, group) pairs observed instead
    of *observations*: a table's distinct pairs, found without a model object
    per row.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.model import Indicator, Target
        >>> e = Indicator("enrol", "enrolment", unit="percent", measure="share")
        >>> gpi = Target("GPI", e, "at_least", Q_(0.97, "dimensionless"), "2022-12-31",
        ...              group={"sex": "F"}, versus={"sex": "M"})
        >>> rows = plan_rows([gpi], [])
        >>> rows.series.tolist(), rows.parity
        ([0], [(0, 1, 2)])
    """
    observed = ((o.indicator, o.dimensions) for o in observations) if seen is None else seen
    b = _Builder(observed, {t.indicator.id for t in targets})
    fam = np.fromiter((b.family(t) for t in targets), dtype=np.int64, count=len(targets))
    sizes = np.fromiter((len(c) for c in b.family_codes), dtype=np.int64)
    indptr = np.zeros(sizes.shape[0] + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    flat_codes = np.fromiter(
        (x for c in b.family_codes for x in c), dtype=np.int64, count=int(indptr[-1])
    )
    flat_groups = _objects([g for gs in b.family_groups for g in gs])
    flat_versus = _objects([v for vs in b.family_versus for v in vs])
    counts = sizes[fam] if fam.shape[0] else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(fam.shape[0], dtype=np.int64), counts)
    # Position of each row within its target's list: a ragged arange.
    first = np.zeros(counts.shape[0] + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    within = np.arange(rows.shape[0], dtype=np.int64) - first[:-1][rows]
    at = indptr[fam[rows]] + within if rows.shape[0] else np.zeros(0, dtype=np.int64)
    return SeriesRows(
        rows=rows,
        series=flat_codes[at],
        groups=flat_groups[at],
        versus=flat_versus[at],
        keys=b.keys,
        indicators=b.indicators,
        parity=b.parity,
    )


def _rows_of(
    ind: IntArray, codes: IntArray, keep: npt.NDArray[np.bool_]
) -> tuple[IntArray, IntArray]:
    """The rows of sorted *ind* in each segment of *codes* that *keep* keeps, and the segment."""
    lo = np.searchsorted(ind, codes, side="left")
    hi = np.searchsorted(ind, codes, side="right")
    counts = hi - lo
    first = np.zeros(counts.shape[0] + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    rows = np.repeat(lo - first[:-1], counts) + np.arange(int(first[-1]), dtype=np.int64)
    which = np.repeat(np.arange(codes.shape[0], dtype=np.int64), counts)
    ok = keep[rows]
    return rows[ok], which[ok]


def parity_columns(  # noqa: PLR0917 (the columns of one sorted batch)
    ind: IntArray,
    start: FloatArray,
    end: FloatArray,
    known: FloatArray,
    value: FloatArray,
    exact: npt.NDArray[np.bool_],
    parity: Sequence[tuple[int, int, int]],
) -> tuple[IntArray, IntArray, IntArray, FloatArray, FloatArray]:
    """Ratio observations of group pairs: numerator over denominator, period by period.

    Observations of a pair's two series for the same period are merged in
    release order; at each release the ratio is that of the latest release of
    each group known then, released on the later of the two. So replaying an
    earlier date (``as_of``) sees the ratio of what was known on it. Only
    exact figures give a ratio, and a zero denominator gives none.

    Returns:
        The ratios' series code, the rows of their numerator and denominator,
        their release, and their value (a ratio as a percentage: 0.97 is 97).

    Example:
        >>> import numpy as np
        >>> ind = np.array([1, 1, 2]); t0 = np.full(3, 2022.0); t1 = np.full(3, 2023.0)
        >>> known = np.array([2023.1, 2023.5, 2023.2]); value = np.array([90.0, 97.0, 100.0])
        >>> out = parity_columns(ind, t0, t1, known, value, np.ones(3, bool), [(0, 1, 2)])
        >>> out[1].tolist(), out[2].tolist(), out[3].tolist(), out[4].tolist()
        ([0, 1], [2, 2], [2023.2, 2023.5], [90.0, 97.0])
    """
    none = np.zeros(0, np.int64)
    empty = (none, none, none, np.zeros(0), np.zeros(0))
    if not parity or ind.shape[0] == 0:
        return empty
    table = np.asarray(parity, dtype=np.int64).reshape(-1, 3)
    # Each side's rows for every pair at once (a series may serve several pairs).
    num_rows, num_pair = _rows_of(ind, table[:, 1], exact)
    den_rows, den_pair = _rows_of(ind, table[:, 2], exact)
    pick = np.concatenate([num_rows, den_rows])
    pair = np.concatenate([num_pair, den_pair])
    is_den = np.concatenate([np.zeros(num_rows.shape[0], bool), np.ones(den_rows.shape[0], bool)])
    order = np.lexsort((known[pick], end[pick], start[pick], pair))
    pick, pair, is_den = pick[order], pair[order], is_den[order]
    n = pick.shape[0]
    pos = np.arange(n, dtype=np.int64)
    # Segments: one pair and one period.
    new = np.ones(n, dtype=bool)
    new[1:] = (
        (pair[1:] != pair[:-1])
        | (start[pick][1:] != start[pick][:-1])
        | (end[pick][1:] != end[pick][:-1])
    )
    seg_start = np.maximum.accumulate(np.where(new, pos, 0))
    last_num = np.maximum.accumulate(np.where(~is_den, pos, -1))
    last_den = np.maximum.accumulate(np.where(is_den, pos, -1))
    ok = (last_num >= seg_start) & (last_den >= seg_start)
    # One ratio per release time: the last event of a run of equal releases.
    k = known[pick]
    last_of_time = np.ones(n, dtype=bool)
    last_of_time[:-1] = new[1:] | (k[1:] != k[:-1])
    ok &= last_of_time
    num_row = pick[np.where(ok, last_num, 0)]
    den_row = pick[np.where(ok, last_den, 0)]
    ok &= value[den_row] != 0
    sel = np.flatnonzero(ok)
    with np.errstate(over="ignore"):
        ratio = value[num_row[sel]] / value[den_row[sel]] * 100.0
    finite = np.isfinite(ratio)
    sel, ratio = sel[finite], ratio[finite]
    return table[pair[sel], 0], num_row[sel], den_row[sel], k[sel], ratio
