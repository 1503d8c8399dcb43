"""Results of attainment: one :class:`Assessment`, or many as :class:`Assessments` columns."""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.engine import EPS_TIME as _EPS_TIME
from innovplan.engine import AttainmentOutcome as Outcome
from innovplan.engine import ObservationColumns, TargetColumns, from_frac_year
from innovplan.engine import codes as c
from innovplan.errors import UnknownIdError
from innovplan.evaluate._groups import (
    GroupSummary,
    dimension_codes,
    dimension_names,
    row_groups,
    summaries,
    with_dimensions,
)
from innovplan.evaluate._rows import Coded, LazyColumns, _Rows
from innovplan.model import Basis, Group, Measure, Milestone, Observation, Period, Status, Target
from innovplan.units import (
    Quantity,
    Unit,
    format_change,
    format_quantity,
    format_rate,
    make_quantity,
    registry,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["Assessment", "Assessments"]

_STATUSES = np.array(tuple(Status), dtype=object)
_VERDICT = np.array([None, False, True], dtype=object)  # indexed by met + 1
_STATUS_VALUES = np.array([s.value for s in Status], dtype=object)
PERCENT = "percent"
PP = "percentage_point"
_MET_VALUES = np.array([False, True], dtype=object)  # met codes: -1 none, 0 False, 1 True


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _q(magnitude: float, unit: str) -> Quantity | None:
    if math.isnan(magnitude):
        return None
    return make_quantity(magnitude, _unit(unit))


@functools.lru_cache(maxsize=1024)
def _unit(unit: str) -> Unit:
    """*unit* parsed once: a row's quantities then cost no parsing."""
    return registry().Unit(unit)


@functools.lru_cache(maxsize=1024)
def _unit_name(unit: Unit) -> str:
    """``str(unit)``, which pint writes in tens of µs, written once per unit."""
    return str(unit)


# Bases whose values are the indicator's own (a level, a sum, a year's value).
_OWN_BASES = frozenset({Basis.VALUE, Basis.CUMULATIVE, Basis.EVERY_YEAR})


def own_unit(target: Target | None, engine_unit: str) -> tuple[str, float]:
    """The unit results are shown in, and the factor from engine magnitudes to it.

    The engine holds every dimensionless indicator in percent. Results come
    back in the indicator's own unit: physicians per 1,000 people
    (``person / thousand_person``) read "3.15", not "0.315%"; a plain
    ``dimensionless`` index reads 196, not 19600 percent. Assessments and
    forecasts both call this, so they speak the same unit.

    Example:
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> from innovplan import Q_
        >>> ind = Indicator("d", "doctors", unit="person / thousand_person", measure=Measure.LEVEL)
        >>> t = Target("T", ind, Comparator.AT_LEAST, Q_(3.2, ind.unit), "2025-12-31")
        >>> own_unit(t, "percent")
        ('person / thousand_person', 10.0)
    """
    if target is not None and target.versus is not None and engine_unit == "percent":
        # A parity ratio reads in the unit its target was written in: 0.98 against 0.97.
        own = str(target.value.units)
    elif target is None or engine_unit != "percent" or not target.indicator.pint_unit.dimensionless:
        return engine_unit, 1.0
    else:
        own = target.indicator.unit
    return _in_own(own, engine_unit)


@functools.lru_cache(maxsize=1024)
def _in_own(own: str, engine_unit: str) -> tuple[str, float]:
    """*own* and the factor from *engine_unit* to it (*engine_unit* itself when they are one)."""
    # Compared as the registry writes it: "%", "per cent" and "‰" are percent and
    # permille, so they show as a row shows them (percentage points, not "%").
    own = _unit_name(_unit(own))
    if own == engine_unit:
        return engine_unit, 1.0
    factor = _q(1.0, engine_unit)
    assert factor is not None  # noqa: S101 (1.0 is not NaN)
    return own, float(factor.to(own).magnitude)


@functools.lru_cache(maxsize=1024)
def _indicator_in_own(unit: str) -> tuple[str, float]:
    """:func:`own_unit` of a target compared in percent, without ``versus``, by indicator unit."""
    if not _unit(unit).dimensionless:
        return PERCENT, 1.0
    return _in_own(unit, PERCENT)


def _period(start: float, end: float) -> Period | None:
    """The dates of a half-open span of fractional years (None for NaN)."""
    if math.isnan(start) or math.isnan(end):
        return None
    first = from_frac_year(start)
    last = from_frac_year(end) - dt.timedelta(days=1)
    return Period(first, max(first, last))


@attrs.frozen
class Assessment:
    """Where one target stands against the evidence.

    Attributes:
        target_id: The target's id.
        status: ``ACHIEVED`` / ``NOT_ACHIEVED`` once decided, ``PENDING`` while the
            deadline's period is not observed, ``NO_DATA`` when nothing applies.
        met: True, False, or None when the evidence cannot decide (a bound, or a
            period not over).
        attainment: Direction-aware ratio of observed to target, uncapped.
        score: Attainment capped to [0, 1] (OKR grading).
        gap: Observed minus target, in the indicator's unit (percentage points
            for percent-valued targets).
        progress: Share of the way from baseline to target (ESCAP current status).
        observed: The evidence on the target's basis (a flow's total, a growth rate).
        compared_with: The value compared with: the target, or its milestone.
        observation: The observation used (the last one summed, for a flow).
        exceeded: EQUAL or ABOUT met beyond the number in the better direction.
        early: Decided before the deadline's period was over.
        achieved_late: For a missed target, the period a later observation
            shows it reached.
        milestone: The interim milestone compared with, if any.
        computed_growth: The growth was computed from two nominal levels.
        bound: The evidence is a bound (">12,000"), not a point value.
        met_so_far: Met by evidence from before the deadline that can still
            fall back (a stock, a share, a rate, an average, a change): pending,
            never achieved; the trajectory speaks.
        required_rate: The average annual rate still needed from the latest
            evidence to the deadline, in percent a year (average-annual and
            percent-change targets before their deadline).
        remaining: What a cumulative sum still needs to reach the target.
        baseline: The baseline counted from: the target's, else the observed
            value of the year before its window.
        failed_years: Every-year targets: the years that failed the comparator.
        chained: Yearly rates were chained over the window.
        evidence: The period the evidence covers (a running sum's or a
            chain's from the window's start).
        notes: Readable names of every flag set.
        group: The group assessed: the target's group, or one of every group
            it holds for (the total for most targets).
        versus: The group compared with, for a parity target.
        target: The target itself, when assessed from model objects.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.evaluate import assess
        >>> from innovplan.model import Comparator, Indicator, Measure, Target
        >>> launches = Indicator("launches", "features launched", unit="item", measure=Measure.FLOW)
        >>> okr = Target("KR1", launches, Comparator.EQUAL, Q_(6, "item"), "2023-12-31")
        >>> a = assess(okr, Q_(3, "item"))
        >>> a.status, a.score
        (<Status.NOT_ACHIEVED: 'not_achieved'>, 0.5)
    """

    target_id: str
    status: Status
    met: bool | None
    attainment: float | None = None
    score: float | None = None
    gap: Quantity | None = None
    progress: float | None = None
    observed: Quantity | None = None
    compared_with: Quantity | None = None
    observation: Observation | None = None
    exceeded: bool = False
    early: bool = False
    achieved_late: Period | None = None
    milestone: Milestone | None = None
    computed_growth: bool = False
    bound: bool = False
    met_so_far: bool = False
    required_rate: Quantity | None = None
    remaining: Quantity | None = None
    baseline: Observation | None = None
    failed_years: tuple[int, ...] = ()
    chained: bool = False
    evidence: Period | None = None
    notes: tuple[str, ...] = ()
    group: Group = attrs.field(factory=Group)
    versus: Group | None = None
    target: Target | None = attrs.field(default=None, repr=False)

    def _repr_html_(self) -> str:
        from innovplan.faces import assessment_html

        return assessment_html(self)

    def to_dict(self) -> dict[str, Any]:
        """This Assessment as a JSON-ready dict (``innovplan.io.results_to_dict``).

        Quantities are ``{"value": ..., "unit": ...}``, dates ISO text, enums
        their values; a number that is not finite is None. The dict validates
        against ``innovplan.io.results_schema()``.

        Example:
            >>> from innovplan import Q_, assess
            >>> from innovplan.model import Comparator, Indicator, Measure, Target
            >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise",
            ...                 measure=Measure.LEVEL)
            >>> t8 = Target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
            >>> doc = assess(t8, Q_(14500, "enterprise")).to_dict()
            >>> doc["status"], doc["observed"]
            ('achieved', {'value': 14500.0, 'unit': 'enterprise'})
        """
        from innovplan.io import results_to_dict

        return results_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (``innovplan.io.results_to_json``).

        Example:
            >>> from innovplan import Q_, assess
            >>> from innovplan.model import Comparator, Indicator, Measure, Target
            >>> hte = Indicator("hte", "high-tech enterprises", unit="enterprise",
            ...                 measure=Measure.LEVEL)
            >>> t8 = Target("T8", hte, Comparator.MORE_THAN, Q_(13000, "enterprise"), "2023-12-31")
            >>> import json
            >>> doc = json.loads(assess(t8, Q_(14500, "enterprise")).to_json())
            >>> doc["status"], doc["observed"]
            ('achieved', {'value': 14500.0, 'unit': 'enterprise'})
        """
        from innovplan.io import results_to_json

        return results_to_json(self, indent=indent)

    def explain(self) -> str:
        """One line saying what was compared with what, and what follows.

        Example:
            >>> from innovplan import Q_, assess
            >>> from innovplan.evaluate import assess
            >>> from innovplan.model import Comparator, Indicator, Measure, Target
            >>> ind = Indicator("x", "results", unit="item", measure=Measure.LEVEL)
            >>> t = Target("R1", ind, Comparator.AT_LEAST, Q_(50, "item"), "2023-12-31")
            >>> assess(t, Q_(53, "item")).explain()
            'R1 achieved: 53 item ≥ 50 item (attainment 1.06, gap +3 item)'
        """
        head = f"{self.target_id} {self.status.value.replace('_', ' ')}"
        if self.observed is None:
            return f"{head}: {self._missing()}"
        sym = self.target.comparator.symbol if self.target is not None else "vs"
        basis = self.target.basis if self.target is not None else Basis.VALUE
        parts = [f"{head}: {self._seen(basis)} {sym} {self._against(basis)}{self._still(basis)}"]
        detail = []
        if self.attainment is not None:
            detail.append(f"attainment {self.attainment:.2f}")
        if self.gap is not None:
            g = format_quantity(self.gap)
            detail.append(f"gap {'+' if float(self.gap.magnitude) >= 0 else ''}{g}")
        if self.progress is not None:
            detail.append(f"progress {self.progress:.0%}")
        detail.extend(n for n in self.notes if n != "evidence is a bound")
        if self.milestone is not None:
            detail.append(f"milestone {self.milestone.deadline}")
        if self.achieved_late is not None:
            detail.append(f"reached in {self.achieved_late}")
        line = f"{parts[0]} ({', '.join(detail)})"
        if self.observation is not None and self.observation.source is not None:
            released = (
                f", released {self.observation.released}" if self.observation.released else ""
            )
            line += f"; source: {self.observation.source.title}{released}"
        return line

    # -- the kind's language -------------------------------------------------------

    def _missing(self) -> str:
        if "no baseline" in self.notes:
            return "no baseline"
        if self.chained and "covered periods incomplete" in self.notes:
            return "a year's rate is missing from the chain"
        t = self.target
        if (
            t is not None
            and t.basis is Basis.VALUE
            and t.measure is Measure.FLOW
            and t.period_start.year < t.deadline.year
        ):
            # A flow's value is its deadline year's total; earlier years are history.
            return f"no figure for {t.deadline.year} yet (earlier years feed the trajectory)"
        return "no observation applies"

    def _years(self) -> tuple[int, int] | None:
        """The first and last year the evidence covers."""
        if self.evidence is None:
            return None
        return self.evidence.start.year, self.evidence.end.year

    def _seen(self, basis: Basis) -> str:
        so_far = " so far" if "period not over" in self.notes else ""
        years = self._years()
        span = "" if years is None else _span(*years)
        if basis is Basis.AVERAGE_ANNUAL:
            first = self.baseline.period.end.year if self.baseline is not None else None
            if self.chained and years is not None:
                first = years[0] - 1
            since = f" ({first}→{years[1]})" if first is not None and years is not None else ""
            return f"{format_rate(self.observed)} a year{so_far}{since}"
        if basis in {Basis.CHANGE, Basis.PERCENT_CHANGE} or (
            basis is Basis.CUMULATIVE and self.chained
        ):
            change = format_change(self.observed)
            how = ", chained yearly rates" if self.chained else ""
            if self.chained or self.baseline is None:
                return f"{change}{so_far} ({span}{how})" if span else f"{change}{so_far}"
            first = self.baseline.period.end.year
            last = years[1] if years is not None else first
            return f"{change}{so_far} ({first}→{last})"
        if basis is Basis.CUMULATIVE:
            return (
                f"{format_quantity(self.observed)} in {span}{so_far}"
                if span
                else format_quantity(self.observed)
            )
        if basis is Basis.EVERY_YEAR:
            return f"worst year {format_quantity(self.observed)}" + (
                f" ({span}{so_far})" if span else ""
            )
        return ("≥ " if self.bound else "") + format_quantity(self.observed)

    def _against(self, basis: Basis) -> str:
        q = self.compared_with
        chained_change = basis is Basis.CUMULATIVE and self.chained
        if q is not None and str(q.units) == "percent" and basis in _RATE_BASES:
            m = float(q.magnitude)
            text = f"{'−' if m < 0 else ''}{abs(m):g} %"
            return f"{text} a year" if basis is Basis.AVERAGE_ANNUAL else text
        if basis in {Basis.CHANGE, Basis.PERCENT_CHANGE} or chained_change:
            return format_change(q)
        return format_quantity(q)

    def _still(self, basis: Basis) -> str:
        """What the rest of the window must bring, or which years failed."""
        if basis is Basis.EVERY_YEAR:
            if self.failed_years:
                return f"; failed in {', '.join(str(y) for y in self.failed_years)}"
            return ""
        years = self._years()
        if self.target is None or years is None or years[1] >= self.target.deadline.year:
            return ""
        left = _span(years[1] + 1, self.target.deadline.year)
        if self.required_rate is not None:
            return f"; {format_rate(self.required_rate)} a year needed in {left}"
        if self.remaining is not None:
            m = float(self.remaining.magnitude)
            word = "still needed" if m >= 0 else "over"
            return f"; {format_quantity(_q(abs(m), str(self.remaining.units)))} {word} in {left}"
        return ""


_RATE_BASES = frozenset(
    {Basis.AVERAGE_ANNUAL, Basis.CHANGE, Basis.PERCENT_CHANGE, Basis.CUMULATIVE}
)


def _unit_column(tc: TargetColumns, percent_unit: str) -> Coded:
    """Each row's unit, *percent_unit* for percent-valued rows and else its indicator's.

    The rule :class:`~innovplan.engine.TargetColumns` builds ``gap_units``
    (``percentage_point``) and ``basis_units`` (``percent``) by, held as codes
    into the indicators' units: a frame gathers a few names instead of reading
    a million.
    """
    arrays, units = tc.arrays, tc.units
    values = np.array([*units, percent_unit], dtype=object)
    return Coded(lambda: np.where(arrays.percent, len(units), arrays.ind), values)


@attrs.frozen
class _OwnUnits:
    """The rows whose results are shown in their indicator's own unit.

    Attributes:
        rows: The rows, ascending.
        codes: Each row's unit, as a position in *names*.
        factors: Each row's factor from engine magnitudes to its own unit.
        names: The own units' texts.
    """

    rows: npt.NDArray[np.intp]
    codes: npt.NDArray[np.intp]
    factors: npt.NDArray[np.float64]
    names: tuple[str, ...]

    def row_of(self, i: int) -> int:
        """Where row *i* stands in :attr:`rows`, or -1.

        Example:
            >>> own = _OwnUnits(np.array([2, 5]), np.array([0, 0]), np.array([0.01, 0.01]), ("x",))
            >>> own.row_of(5), own.row_of(3)
            (1, -1)
        """
        at = int(np.searchsorted(self.rows, i))
        return at if at < len(self.rows) and self.rows[at] == i else -1


# The engine's codes of _OWN_BASES.
_OWN_CODES = (c.VALUE, c.CUMULATIVE_SUM, c.EVERY_YEAR)


def _own_units(tc: TargetColumns) -> _OwnUnits | None:
    """Which rows :func:`own_unit` shows in another unit than the engine's, and how.

    Only rows compared in percent can be (the engine holds a dimensionless
    indicator in percent), and only when the columns know their targets. A
    row's own unit is its indicator's, worked out from one target per
    indicator, so a table of a million rows builds a target per indicator; a
    parity row (``versus``) reads its own target's unit.
    """
    targets = tc.targets
    versus = tc.versus
    # Without a percent indicator or a parity row no row is compared in percent:
    # a table of a million amounts pays no look at its rows.
    if targets is None or len(tc) == 0 or (PERCENT not in tc.units and versus is None):
        return None
    rows = np.flatnonzero(np.isin(tc.arrays.basis, _OWN_CODES))
    rows = rows[tc.texts("basis_units")[rows] == PERCENT]
    if rows.size == 0:
        return None
    row_code, row_factor, names = _own_units_of_rows(tc, rows)
    keep = row_code >= 0
    if not keep.any():
        return None
    return _OwnUnits(rows[keep], row_code[keep], row_factor[keep], names)


def _own_units_of_rows(
    tc: TargetColumns, rows: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64], tuple[str, ...]]:
    """The own unit of each of *rows* (compared in percent) as :func:`own_unit` gives it.

    Returns each row's unit as a position in the returned names (-1 where it
    stays percent) and its factor from percent. A row's own unit is its
    indicator's, worked out once per indicator (a table's rows make no
    Target); a parity row (``versus``) reads its own target's unit, once per
    indicator and value unit. Assessments and progress read their own rows
    through it.
    """
    targets = tc.targets
    assert targets is not None  # noqa: S101 (the callers check)
    versus = tc.versus
    parity = (
        np.zeros(rows.size, dtype=bool)
        if versus is None
        else np.fromiter(
            (v is not None for v in versus[rows].tolist()), dtype=bool, count=rows.size
        )
    )
    names: dict[str, int] = {}
    row_code = np.full(rows.size, -1, dtype=np.intp)
    row_factor = np.ones(rows.size, dtype=np.float64)

    def coded(shown: str, factor: float) -> tuple[int, float]:
        return (-1, 1.0) if shown == PERCENT else (names.setdefault(shown, len(names)), factor)

    plain = rows[~parity]
    if plain.size:
        # Rows of a table know their indicators' units without making their targets.
        from innovplan.evaluate._tables import TableTargets

        if isinstance(targets, TableTargets):
            # Every indicator's unit, gathered by the rows' indicators.
            units, row_indicator = targets.indicator_units()
            back = row_indicator[plain]
        else:
            _, first, back = np.unique(tc.arrays.ind[plain], return_index=True, return_inverse=True)
            units = [targets[int(plain[k])].indicator.unit for k in first.tolist()]
        # Indicators share a few unit texts: each is worked out once.
        texts_of = np.array(units, dtype=object)
        ind_code = np.full(len(units), -1, dtype=np.intp)
        ind_factor = np.ones(len(units), dtype=np.float64)
        for unit in dict.fromkeys(units):
            ind_code[texts_of == unit], ind_factor[texts_of == unit] = coded(
                *_indicator_in_own(unit)
            )
        row_code[~parity] = ind_code[back]
        row_factor[~parity] = ind_factor[back]
    known: dict[tuple[int, str], tuple[int, float]] = {}
    for k in np.flatnonzero(parity).tolist():
        i = int(rows[k])
        key = (int(tc.arrays.ind[i]), str(targets[i].value.units))
        if key not in known:
            known[key] = coded(*own_unit(targets[i], PERCENT))
        row_code[k], row_factor[k] = known[key]
    return row_code, row_factor, tuple(names)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


@attrs.frozen(eq=False)
class Assessments(_Rows[Assessment]):
    """Assessments of many targets as numpy columns, one row per target.

    Index by position or target id to get one :class:`Assessment`; iterate to
    get them all. The columns are read-only views.

    Example:
        >>> from innovplan import Q_
        >>> from innovplan.evaluate import assess_many
        >>> from innovplan.model import Comparator, Indicator, Measure, Observation, Target
        >>> ind = Indicator("labs", "labs approved", unit="laboratory", measure=Measure.FLOW)
        >>> t = Target("T3", ind, Comparator.AT_LEAST, Q_(10, "laboratory"), "2023-12-31")
        >>> res = assess_many([t], [Observation("labs", Q_(11, "laboratory"), 2023)])
        >>> res.status.tolist(), res["T3"].met
        ([<Status.ACHIEVED: 'achieved'>], True)
    """

    targets: TargetColumns
    observations: ObservationColumns
    outcome: Outcome
    as_of: dt.date | None = None
    _index: dict[str, int] = attrs.field(init=False, factory=dict, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """This Assessments as a JSON-ready dict (``innovplan.io.results_to_dict``).

        Quantities are ``{"value": ..., "unit": ...}``, dates ISO text, enums
        their values; a number that is not finite is None. The dict validates
        against ``innovplan.io.results_schema()``.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import assess_many
            >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> doc = res.to_dict()
            >>> t10 = next(a for a in doc["results"] if a["target_id"] == "T10")
            >>> doc["kind"], t10["observed"]["value"]
            ('assessments', 2198.43)
        """
        from innovplan.io import results_to_dict

        return results_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (``innovplan.io.results_to_json``).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import assess_many
            >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> import json
            >>> doc = json.loads(res.to_json())
            >>> t10 = next(a for a in doc["results"] if a["target_id"] == "T10")
            >>> doc["kind"], t10["observed"]["value"]
            ('assessments', 2198.43)
        """
        from innovplan.io import results_to_json

        return results_to_json(self, indent=indent)

    def to_frame(self, backend: str = "pandas") -> Any:
        """:attr:`columns` as a data frame: pandas (indexed by target id), polars or pyarrow.

        Needs the backend's extra (``innovplan[pandas]``, ``[polars]``,
        ``[arrow]``); column names and types: ``docs/reference/results.md``.

        Example:
            >>> from innovplan import assess_many, datasets
            >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> res.to_frame().loc["T10", "status"]
            'achieved'
            >>> res.to_frame("polars")["status"][10]
            'achieved'
        """
        from innovplan.faces import to_frame

        return to_frame(self, backend=backend)

    @property
    def columns(self) -> Mapping[str, npt.NDArray[Any]]:
        """Every column by name, each built on first use: plain numbers, text and flags.

        ``target``, ``status`` (the status's value), ``met`` (True, False or
        None), ``attainment``, ``score``, ``gap`` and ``gap_unit``,
        ``progress``, ``observed`` and ``observed_unit``, ``exceeded``,
        ``early``, ``met_so_far``, ``required_rate``; types in
        ``docs/reference/results.md``.

        Example:
            >>> from innovplan import assess_many, datasets
            >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> cols = res.columns
            >>> cols["target"][10], cols["status"][10], float(cols["observed"][10])
            ('T10', 'achieved', 2198.43)
        """
        return self._memo("columns", self._columns)

    def _columns(self) -> LazyColumns:
        return LazyColumns(with_dimensions({
            "target": lambda: self.targets.texts("ids"),
            "status": Coded(lambda: self.outcome.status, _STATUS_VALUES, ""),
            "met": Coded(lambda: self.outcome.met, _MET_VALUES),
            "attainment": lambda: self.attainment,
            "score": lambda: self.score,
            "gap": lambda: self._shown_values(self.gap),
            "gap_unit": self._shown_unit_column(PP),
            "progress": lambda: self.progress,
            "observed": lambda: self._shown_values(self.observed),
            "observed_unit": self._shown_unit_column(PERCENT),
            "exceeded": lambda: self.exceeded,
            "early": lambda: self.early,
            "met_so_far": lambda: self.met_so_far,
            "required_rate": lambda: self.required_rate,
        }, self.targets))  # fmt: skip

    def _own_units(self) -> _OwnUnits | None:
        """The rows shown in their indicator's own unit (see :func:`own_unit`), or None."""
        return self._memo("own_units", lambda: _own_units(self.targets))

    def _shown_values(self, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """*values* (observed or gap) as the rows show them: own rows in their own unit."""
        own = self._own_units()
        if own is None:
            return values
        out = values.copy()
        # The same product as a row's quantity (magnitude * factor), so frame and row agree.
        out[own.rows] = values[own.rows] * own.factors
        return out

    def _shown_unit_column(self, percent_unit: str) -> Coded:
        """The unit column of :func:`_unit_column`, with own rows in their own unit."""
        base = _unit_column(self.targets, percent_unit)
        own = self._own_units()
        if own is None:
            return base

        def codes() -> npt.NDArray[np.intp]:
            out = np.array(base.codes(), dtype=np.intp)
            out[own.rows] = len(base.values) + own.codes
            return out

        return Coded(codes, np.array([*base.values, *own.names], dtype=object))

    def observation_of(self, i: int) -> Observation | None:
        """The observation row *i* was judged on (the last one summed, for a flow), if any.

        Example:
            >>> from innovplan import assess_many, datasets
            >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> res.observation_of(res.index("T10")).value
            <Quantity(2198.43, 'hundred_million_yuan')>
        """
        o = self.outcome
        observation = self._observation(int(o.row[i]))
        if observation is None and o.basis_row[i] >= 0:
            observation = self._observation(int(o.basis_row[i]))
        return observation

    def __len__(self) -> int:
        return len(self.targets)

    @property
    def ids(self) -> tuple[str, ...]:
        """Target ids, row by row (a target with ``every`` has a row per group)."""
        return self.targets.ids

    @property
    def groups(self) -> npt.NDArray[np.object_]:
        """The :class:`~innovplan.model.Group` of each row (object array)."""
        return row_groups(self.targets)

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The dimensions of the rows' groups, sorted: the dimension columns of frames."""
        return dimension_names(self.groups)

    def dimension(self, name: str) -> npt.NDArray[np.object_]:
        """Per row, the code of dimension *name*, ``""`` where the row's group has none.

        Example:
            >>> from innovplan import Q_, assess_many
            >>> from innovplan.model import Indicator, Observation, Target
            >>> e = Indicator("enrol", "enrolment", unit="percent", measure="share")
            >>> t = Target("G", e, "at_least", Q_(95, "percent"), "2022-12-31", every="sex")
            >>> obs = [Observation("enrol", Q_(v, "percent"), 2022, dimensions={"sex": s})
            ...        for s, v in [("F", 96), ("M", 94)]]
            >>> res = assess_many([t], obs)
            >>> res.dimension("sex").tolist(), res.met.tolist()
            (['F', 'M'], [True, False])
        """
        return dimension_codes(self.groups, name)

    def group_summaries(self) -> tuple[GroupSummary, ...]:
        """For each target that holds for every group of some dimensions: how many met it.

        Example:
            >>> from innovplan import Q_, assess_many
            >>> from innovplan.model import Indicator, Observation, Target
            >>> e = Indicator("enrol", "enrolment", unit="percent", measure="share")
            >>> t = Target("G", e, "at_least", Q_(95, "percent"), "2022-12-31", every="sex")
            >>> obs = [Observation("enrol", Q_(v, "percent"), 2022, dimensions={"sex": s})
            ...        for s, v in [("F", 96), ("M", 94)]]
            >>> [str(s) for s in assess_many([t], obs).group_summaries()]
            ['G: 1 of 2 groups met; not met: sex=M']
        """
        targets = self.targets.targets
        if targets is None or self.targets.groups is None:
            return ()
        every = np.fromiter((bool(t.every) for t in targets), dtype=bool, count=len(targets))
        return summaries(self.ids, every, self.groups, self.met)

    @property
    def status(self) -> npt.NDArray[np.object_]:
        """``Status`` members (object array)."""
        out: npt.NDArray[np.object_] = _STATUSES[self.outcome.status]
        return out

    @property
    def status_codes(self) -> npt.NDArray[np.int8]:
        """Status codes (position in ``Status``)."""
        return self.outcome.status

    @property
    def met(self) -> npt.NDArray[np.object_]:
        """True / False / None (object array)."""
        out: npt.NDArray[np.object_] = _VERDICT[self.outcome.met + 1]
        return out

    @property
    def attainment(self) -> npt.NDArray[np.float64]:
        """Direction-aware ratios, NaN without data."""
        return self.outcome.attainment

    @property
    def score(self) -> npt.NDArray[np.float64]:
        """Ratios capped to [0, 1], NaN without data."""
        return self.outcome.score

    @property
    def gap(self) -> npt.NDArray[np.float64]:
        """Gap magnitudes, each in its target's :attr:`gap_units`."""
        return self.outcome.gap

    @property
    def gap_units(self) -> tuple[str, ...]:
        """Unit of each gap."""
        return self.targets.gap_units

    @property
    def progress(self) -> npt.NDArray[np.float64]:
        """Progress from baseline, NaN without a baseline."""
        return self.outcome.progress

    @property
    def observed(self) -> npt.NDArray[np.float64]:
        """Evidence on each target's basis, in each target's basis unit."""
        return self.outcome.observed

    @property
    def exceeded(self) -> npt.NDArray[np.bool_]:
        """EQUAL / ABOUT met beyond the number."""
        out: npt.NDArray[np.bool_] = (self.outcome.flags & c.EXCEEDED) != 0
        return out

    @property
    def early(self) -> npt.NDArray[np.bool_]:
        """Decided before the deadline's period was over."""
        out: npt.NDArray[np.bool_] = (self.outcome.flags & c.EARLY) != 0
        return out

    @property
    def flags(self) -> npt.NDArray[np.int32]:
        """Flag bits (see ``innovplan.engine._codes``)."""
        return self.outcome.flags

    def __repr__(self) -> str:
        counts = self.counts()
        shown = ", ".join(f"{s.name}={n}" for s, n in counts.items() if n)
        return f"<Assessments of {len(self)} targets: {shown}>"

    def counts(self) -> dict[Status, int]:
        """Number of targets per status, in ``Status`` order.

        Example:
            >>> from innovplan.evaluate import assess_many
            >>> assess_many([], []).counts()[Status.NO_DATA]
            0
        """
        n = np.bincount(self.outcome.status.astype(np.int64), minlength=len(_STATUSES))
        return {s: int(k) for s, k in zip(_STATUSES.tolist(), n.tolist(), strict=True)}

    def _observation(self, row: int) -> Observation | None:
        objs = self.observations.observations
        return objs[row] if objs is not None and row >= 0 else None

    def _one(self, i: int) -> Assessment:
        o = self.outcome
        tc = self.targets
        target = tc.targets[i] if tc.targets is not None else None
        flags = int(o.flags[i])
        basis_unit = tc.basis_units[i]
        # Levels, sums and yearly values in the indicator's own unit (see own_unit);
        # percent changes and average rates stay in percent. The frame's columns
        # read the same rows and factors.
        shown, factor = basis_unit, 1.0
        own_units = self._own_units()
        if own_units is not None and (at := own_units.row_of(i)) >= 0:
            shown, factor = own_units.names[own_units.codes[at]], float(own_units.factors[at])
        own = shown != basis_unit

        def q(magnitude: float, unit: str) -> Quantity | None:
            return _q(magnitude * factor, shown) if own else _q(magnitude, unit)

        milestone = None
        if o.milestone[i] >= 0 and target is not None:
            milestone = target.milestones[int(o.milestone[i]) - int(tc.arrays.ms_indptr[i])]
        observation = self.observation_of(i)
        baseline = self._observation(int(o.base_row[i]))
        if baseline is None and target is not None and target.baseline is not None:
            baseline = target.baseline
        late = None
        if o.late_row[i] >= 0 and (late_obs := self._observation(int(o.late_row[i]))) is not None:
            late = late_obs.period
        elif not math.isnan(o.late_end[i]):
            day = from_frac_year(float(o.late_end[i]))
            late = Period(day, day)
        return Assessment(
            target_id=tc.ids[i],
            status=_STATUSES[o.status[i]],
            met=_VERDICT[o.met[i] + 1],
            attainment=_opt(o.attainment[i]),
            score=_opt(o.score[i]),
            gap=q(o.gap[i], tc.gap_units[i]),
            progress=_opt(o.progress[i]),
            observed=q(o.observed[i], basis_unit),
            compared_with=q(o.reference[i], basis_unit),
            observation=observation,
            exceeded=bool(flags & c.EXCEEDED),
            early=bool(flags & c.EARLY),
            achieved_late=late,
            milestone=milestone,
            computed_growth=bool(flags & c.GROWTH_COMPUTED),
            bound=bool(flags & c.BOUND),
            met_so_far=bool(flags & c.MET_SO_FAR),
            required_rate=_q(o.required[i], "percent"),
            remaining=self._remaining(i, q),
            baseline=baseline,
            failed_years=self._failed_years(i),
            chained=bool(flags & c.CHAINED),
            evidence=_period(float(o.ev_start[i]), float(o.ev_end[i])),
            notes=c.flag_names(flags),
            group=row_groups(tc)[i] if tc.groups is not None else Group(),
            versus=tc.versus[i] if tc.versus is not None else None,
            target=target,
        )

    def _remaining(self, i: int, q: Callable[[float, str], Quantity | None]) -> Quantity | None:
        """A cumulative sum's distance to its target while it is pending (made by *q*)."""
        o, ta = self.outcome, self.targets.arrays
        if ta.basis[i] != c.CUMULATIVE_SUM or ta.measure[i] != c.FLOW:
            return None
        if o.status[i] != c.PENDING:
            return None
        return q(float(o.reference[i] - o.observed[i]), self.targets.basis_units[i])

    def _failed_years(self, i: int) -> tuple[int, ...]:
        bits = int(self.outcome.failed_years[i])
        if not bits:
            return ()
        first = math.floor(float(self.targets.arrays.window[i]) + _EPS_TIME)
        return tuple(first + k for k in range(bits.bit_length()) if bits >> k & 1)

    @property
    def met_so_far(self) -> npt.NDArray[np.bool_]:
        """Met by evidence from before the deadline that can still fall back (pending)."""
        out: npt.NDArray[np.bool_] = (self.outcome.flags & c.MET_SO_FAR) != 0
        return out

    @property
    def required_rate(self) -> npt.NDArray[np.float64]:
        """Average annual rate still needed to the deadline, in percent a year (NaN: none)."""
        return self.outcome.required

    def column(self, name: str) -> npt.NDArray[Any]:
        """A column by name (``"status"``, ``"attainment"``, ...), for frames and exports.

        Example:
            >>> from innovplan.evaluate import assess_many
            >>> assess_many([], []).column("score").shape
            (0,)
        """
        if name not in _COLUMNS:
            raise UnknownIdError("column", name, _COLUMNS)
        return np.asarray(getattr(self, name))


_COLUMNS = (
    "attainment",
    "early",
    "exceeded",
    "gap",
    "met",
    "met_so_far",
    "observed",
    "progress",
    "required_rate",
    "score",
    "status",
)
