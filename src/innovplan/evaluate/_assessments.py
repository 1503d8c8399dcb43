"""Results of attainment: one :class:`Assessment`, or many as :class:`Assessments` columns."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.engine import _codes as c
from innovplan.engine._attain import Outcome
from innovplan.engine._columns import ObservationColumns, TargetColumns, from_frac_year
from innovplan.errors import UnknownIdError
from innovplan.evaluate._rows import _Rows
from innovplan.model import Milestone, Observation, Period, Status, Target
from innovplan.units import Quantity

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Assessment", "Assessments"]

_STATUSES = np.array(tuple(Status), dtype=object)
_VERDICT = np.array([None, False, True], dtype=object)  # indexed by met + 1


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _q(magnitude: float, unit: str) -> Quantity | None:
    if math.isnan(magnitude):
        return None
    from innovplan.units import registry

    return registry().Quantity(float(magnitude), unit)


_SHORT = {
    "percent": "%",
    "percentage_point": "pp",
    "hundred_million_yuan": "亿元",
    "ten_thousand_square_meter": "万m²",
    "patent / ten_thousand_person": "patent/万人",
}


# Magnitudes outside these print in exponent form: float64 holds 15-16
# digits, and two decimals would round a tiny figure to 0.
_LONGEST = 1e15
_SHORTEST = 0.005


def _fmt(q: Quantity | None) -> str:
    if q is None:
        return "—"
    mag = float(q.magnitude)
    if mag and not _SHORTEST <= abs(mag) < _LONGEST:
        text = f"{mag:.6g}"  # 1e+20, not twenty-one digits of float noise; 1e-308, not 0
    else:
        text = f"{mag:,.2f}".rstrip("0").rstrip(".") if mag % 1 else f"{mag:,.0f}"
    unit = str(q.units)
    unit = _SHORT.get(unit, unit)
    return f"{text}{unit}" if unit in {"%", "亿元"} else f"{text} {unit}"


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
        notes: Readable names of every flag set.
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
    notes: tuple[str, ...] = ()
    target: Target | None = attrs.field(default=None, repr=False)

    def _repr_html_(self) -> str:
        from innovplan.faces._html import assessment_html

        return assessment_html(self)

    def explain(self) -> str:
        """One line saying what was compared with what, and what follows.

        Example:
            >>> from innovplan import Q_
            >>> from innovplan.evaluate import assess
            >>> from innovplan.model import Comparator, Indicator, Measure, Target
            >>> ind = Indicator("x", "results", unit="item", measure=Measure.LEVEL)
            >>> t = Target("R1", ind, Comparator.AT_LEAST, Q_(50, "item"), "2023-12-31")
            >>> assess(t, Q_(53, "item")).explain()
            'R1 achieved: 53 item ≥ 50 item (attainment 1.06, gap +3 item)'
        """
        head = f"{self.target_id} {self.status.value.replace('_', ' ')}"
        if self.observed is None:
            why = "no baseline" if "no baseline" in self.notes else "no observation applies"
            return f"{head}: {why}"
        sym = self.target.comparator.symbol if self.target is not None else "vs"
        seen = ("≥ " if self.bound else "") + _fmt(self.observed)
        parts = [f"{head}: {seen} {sym} {_fmt(self.compared_with)}"]
        detail = []
        if self.attainment is not None:
            detail.append(f"attainment {self.attainment:.2f}")
        if self.gap is not None:
            g = _fmt(self.gap)
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

    def to_frame(self) -> pd.DataFrame:
        """One row per target, indexed by target id (needs ``innovplan[pandas]``).

        Example:
            >>> from innovplan import assess_many, datasets
            >>> res = assess_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations())
            >>> res.to_frame().loc["T10", "status"]
            'achieved'
        """
        from innovplan.faces._frame import to_frame

        return to_frame(self)

    def __len__(self) -> int:
        return len(self.targets.ids)

    @property
    def ids(self) -> tuple[str, ...]:
        """Target ids, row by row."""
        return self.targets.ids

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
        milestone = None
        if o.milestone[i] >= 0 and target is not None:
            milestone = target.milestones[int(o.milestone[i]) - int(tc.arrays.ms_indptr[i])]
        observation = self._observation(int(o.row[i]))
        if observation is None and o.basis_row[i] >= 0:
            observation = self._observation(int(o.basis_row[i]))
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
            gap=_q(o.gap[i], tc.gap_units[i]),
            progress=_opt(o.progress[i]),
            observed=_q(o.observed[i], basis_unit),
            compared_with=_q(o.reference[i], basis_unit),
            observation=observation,
            exceeded=bool(flags & c.EXCEEDED),
            early=bool(flags & c.EARLY),
            achieved_late=late,
            milestone=milestone,
            computed_growth=bool(flags & c.GROWTH_COMPUTED),
            bound=bool(flags & c.BOUND),
            notes=c.flag_names(flags),
            target=target,
        )

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
    "observed",
    "progress",
    "score",
    "status",
)
