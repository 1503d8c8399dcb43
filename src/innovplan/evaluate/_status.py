"""The report's one headline status for a target whose result is still open.

A target whose deadline has not been decided has two readings: the forecast's
probability of meeting it, and a published progress method's grade (the recent
rate of change against the required one). They can disagree — a rate that is
fast enough from a value that may fall back, a wide interval — so the report
takes one of them by one documented rule, :class:`StatusRule`, and shows the
other beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, overload

import attrs
import numpy as np

from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate._notes import DisagreementCode, Note, disagreement_text, head_text
from innovplan.model import Status, shown

if TYPE_CHECKING:
    import numpy.typing as npt

    from innovplan.evaluate._forecasts import Forecasts
    from innovplan.evaluate._progress import Progresses
    from innovplan.units import Quantity

__all__ = ["RULES", "Disagreements", "StatusRule", "disagreement", "disagreement_note", "headlines"]

RULES: tuple[str, ...] = ("probability", "progress")
"""Names accepted by ``StatusRule(method=...)``."""

_GRADES = (Status.ON_TRACK, Status.MODERATE, Status.LIMITED, Status.DETERIORATING)
_ORDER = {s: i for i, s in enumerate(_GRADES)}


def _to_bands(bands: object) -> tuple[float, float, float]:
    """Three probabilities: the lower bounds of ON_TRACK, MODERATE and LIMITED."""
    try:
        vals = tuple(float(b) for b in bands)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        vals = ()
    if len(vals) != 3 or not all(math.isfinite(v) for v in vals):
        msg = f"bands are three probabilities, got {bands!r}"
        raise EvaluationError(msg)
    on, moderate, limited = vals
    if not (1.0 >= on >= 0.5 and on >= moderate >= limited >= 0.0):
        msg = (
            "bands are decreasing lower bounds of the probability for on track, "
            "moderate and limited, with on track at 0.5 or above (never on track while "
            f"failing is more likely); got {bands!r}"
        )
        raise EvaluationError(msg)
    return (on, moderate, limited)


def _check_method(instance: StatusRule, attribute: attrs.Attribute[str], method: object) -> None:
    del instance
    if not isinstance(method, str):  # an array's "in" would ask for its truth value
        msg = f"status rule {attribute.name} must be one of {', '.join(RULES)}, got {shown(method)}"
        raise EvaluationError(msg)
    if method not in RULES:
        raise UnknownIdError(f"status rule {attribute.name}", method, RULES)


@attrs.frozen
class StatusRule:
    """How the report gives a target whose result is still open its one headline status.

    ``method="probability"`` (the default) grades the forecast's probability of
    meeting the target ``P`` by *bands*, the lower bounds of ``P`` for
    ON_TRACK, MODERATE and LIMITED (below the last: DETERIORATING). The
    default bands follow the likelihood words of the IPCC AR5 guidance
    (Mastrandrea et al. 2010, Table 1): ON_TRACK when meeting it is at least
    "likely" (``P >= 0.66``), MODERATE when "about as likely as not"
    (``0.33 <= P < 0.66``), LIMITED when "unlikely" (``P < 0.33``). A target
    without a probability (the forecast is unclear or has no interval) takes
    the progress method's grade; one with neither stays PENDING or NO_DATA.

    ``method="progress"`` takes the progress method's grade (``eurostat`` by
    default, see ``evaluate(progress_method=...)``), and the probability
    where the method cannot grade.

    Under either rule a target is never ON_TRACK with ``P < 0.5``: a grade
    of ON_TRACK is lowered to MODERATE there, and ``PlanReport.explain()``
    says so. ACHIEVED and NOT_ACHIEVED come from attainment only, once the
    result cannot change.

    Args:
        method: ``"probability"`` or ``"progress"``.
        bands: Lower bounds of ``P`` for ON_TRACK (0.5 or above), MODERATE
            and LIMITED, decreasing.

    Raises:
        UnknownIdError: *method* is not one of :data:`RULES`.
        EvaluationError: *bands* are not three decreasing probabilities with
            the first at 0.5 or above.

    Example:
        >>> rule = StatusRule()
        >>> rule.grade(0.47).name, rule.grade(0.7).name, rule.grade(0.2).name
        ('MODERATE', 'ON_TRACK', 'LIMITED')
    """

    method: str = attrs.field(default="probability", validator=_check_method)
    bands: tuple[float, float, float] = attrs.field(default=(0.66, 0.33, 0.0), converter=_to_bands)

    def grade(self, probability: float) -> Status:
        """The band of *probability*.

        Example:
            >>> StatusRule(bands=(0.9, 0.5, 0.1)).grade(0.05).name
            'DETERIORATING'
        """
        on, moderate, limited = self.bands
        if probability >= on:
            return Status.ON_TRACK
        if probability >= moderate:
            return Status.MODERATE
        if probability >= limited:
            return Status.LIMITED
        return Status.DETERIORATING

    def headline(
        self, open_status: Status, probability: float | None, grade: Status | None
    ) -> Status:
        """The headline status of an open target.

        Args:
            open_status: Its status from attainment (PENDING or NO_DATA).
            probability: The forecast's probability of meeting it, or None.
            grade: The progress method's grade, or None (not assessable).

        Returns:
            ON_TRACK, MODERATE, LIMITED or DETERIORATING, else *open_status*.

        Example:
            >>> StatusRule().headline(Status.PENDING, 0.47, Status.ON_TRACK).name
            'MODERATE'
            >>> StatusRule("progress").headline(Status.PENDING, 0.47, Status.ON_TRACK).name
            'MODERATE'
            >>> StatusRule("progress").headline(Status.PENDING, 0.6, Status.ON_TRACK).name
            'ON_TRACK'
        """
        graded = None if grade is None else _as_grade(grade)
        by_p = None if probability is None else self.grade(probability)
        first, second = (by_p, graded) if self.method == "probability" else (graded, by_p)
        out = first if first is not None else second
        if out is None:
            return open_status
        if out is Status.ON_TRACK and probability is not None and probability < 0.5:
            return Status.MODERATE
        return out


class _ForecastReading(Protocol):
    """What :func:`disagreement` reads of a forecast (a ``Forecast`` has it)."""

    @property
    def probability(self) -> float | None: ...

    @property
    def lower(self) -> Quantity | None: ...

    @property
    def upper(self) -> Quantity | None: ...

    def interval_text(self) -> str: ...


class _GradeReading(Protocol):
    """What :func:`disagreement` reads of a progress assessment (a ``Progress`` has it)."""

    @property
    def status(self) -> Status: ...

    @property
    def ratio(self) -> float | None: ...

    @property
    def method(self) -> str: ...


@attrs.frozen
class _Grade:
    status: Status
    ratio: float | None
    method: str


def headlines(
    rule: StatusRule,
    status: npt.NDArray[np.int8],
    probability: npt.NDArray[np.float64],
    grade: npt.NDArray[np.object_],
) -> npt.NDArray[np.int8]:
    """:meth:`StatusRule.headline` of every row at once, as ``Status`` codes.

    Args:
        rule: The rule.
        status: Each row's status code from attainment (position in ``Status``);
            rows neither PENDING nor NO_DATA are returned unchanged.
        probability: The forecast's probability of meeting each target (NaN: none).
        grade: The progress method's ``Status`` per row (NO_DATA: not assessable).

    Example:
        >>> pending = list(Status).index(Status.PENDING)
        >>> codes = headlines(StatusRule(), np.array([pending, pending], dtype=np.int8),
        ...                   np.array([0.47, np.nan]), np.array([Status.ON_TRACK] * 2))
        >>> [list(Status)[c].name for c in codes]
        ['MODERATE', 'ON_TRACK']
    """
    order = list(Status)
    code = {s: i for i, s in enumerate(order)}
    none = -1
    # The grade as a code: ACHIEVED before the deadline reads ON_TRACK (see _as_grade).
    lut = {s: code[g] if (g := _as_grade(s)) is not None else none for s in order}
    graded = np.array([lut.get(g, none) for g in grade.tolist()], dtype=np.int64)
    on, moderate, limited = rule.bands
    has_p = ~np.isnan(probability)
    with np.errstate(invalid="ignore"):
        by_p = np.select(
            [probability >= on, probability >= moderate, probability >= limited],
            [code[Status.ON_TRACK], code[Status.MODERATE], code[Status.LIMITED]],
            code[Status.DETERIORATING],
        )
        low = probability < 0.5
    by_p = np.where(has_p, by_p, none)
    first, second = (by_p, graded) if rule.method == "probability" else (graded, by_p)
    out = np.where(first != none, first, second)
    out = np.where(out == none, status, out)
    out = np.where((out == code[Status.ON_TRACK]) & has_p & low, code[Status.MODERATE], out)
    is_open = (status == code[Status.PENDING]) | (status == code[Status.NO_DATA])
    return np.where(is_open, out, status).astype(np.int8)


class Disagreements(Sequence[str | None]):
    """:func:`disagreement` per row, each line written when it is first read.

    Which rows disagree is known from the columns. The lines are written by
    :meth:`texts`' builder: for every row at once, or for one row (a batch
    of one) when it is first read.
    """

    __slots__ = ("_fcs", "_head", "_lines", "_notes", "_prog", "_rows", "_rule")

    def __init__(
        self,
        rule: StatusRule,
        headline: npt.NDArray[np.int8],
        rows: npt.NDArray[np.bool_],
        forecasts: Forecasts,
        progress: Progresses,
    ) -> None:
        self._rule = rule
        self._head = headline
        self._rows = rows
        self._fcs = forecasts
        self._prog = progress
        self._lines: dict[int, str | None] = {}
        self._notes: dict[int, Note | None] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> str | None: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[str | None, ...]: ...

    def __getitem__(self, i: int | slice) -> str | tuple[str | None, ...] | None:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        j = range(len(self))[i]  # IndexError as a tuple's, negative rows counted from the end
        if not self._rows[j]:
            return None
        if j not in self._lines:
            self._lines[j] = self._write(np.array([j], dtype=np.intp))[0]
        return self._lines[j]

    def texts(self) -> npt.NDArray[np.object_]:
        """Every row's line, ``""`` where there is none: the report's ``status_why`` column.

        The same lines as the rows', written by column: the figures of the
        disagreeing rows are formatted together, the interval's unit label
        once per unit, and each line by its code's one template.
        """
        n = len(self)
        out = np.empty(n, dtype=object)
        out[:] = ""
        rows = np.flatnonzero(self._rows)
        if rows.size:
            out[rows] = self._write(rows)
        return out

    def _write(self, rows: npt.NDArray[np.intp]) -> list[str]:
        """The lines of *rows* (rows that disagree), written by column."""
        from innovplan.units import split_magnitudes, unit_text

        fcs, prog = self._fcs, self._prog
        order = list(Status)
        heads = [order[k] for k in self._head[rows].tolist()]
        grades = [_as_grade(g) for g in prog.status[rows].tolist()]
        ratios = [None if math.isnan(r) else r for r in prog.ratio[rows].tolist()]
        unclear = fcs.unclear[rows]
        prob = np.where(unclear, np.nan, fcs.probability[rows])
        # The interval as Forecasts._reading gives it: in the unit shown, NaN ends are none.
        _, _, shown, factor = fcs._shown_columns()  # noqa: SLF001 (the results' own package)
        lower = fcs.lower[rows] * factor[rows]
        upper = fcs.upper[rows] * factor[rows]
        interval = np.empty(rows.size, dtype=object)
        interval[:] = "—"
        whole = ~unclear & ~np.isnan(lower) & ~np.isnan(upper)
        units = shown[rows]
        for unit in dict.fromkeys(units[whole].tolist()):
            at = whole & (units == unit)
            written = unit_text(unit)
            low, _ = split_magnitudes(lower[at], written)
            high, suffix = split_magnitudes(upper[at], written)
            interval[at] = low + "–" + high + suffix
        lines = []
        for k, (head, grade, ratio, p) in enumerate(
            zip(heads, grades, ratios, prob.tolist(), strict=True)
        ):
            assert grade is not None  # noqa: S101 (a disagreeing row has a grade)
            said = head_text(head.name, prog.method, grade.name, ratio)
            code = _code(self._rule, head, grade, has_probability=not math.isnan(p))
            lines.append(disagreement_text(code, said, f"{p:.2f}", str(interval[k])))
        return lines

    def note(self, i: int) -> Note | None:
        """Row *i*'s line as a code with its figures (:func:`disagreement_note`), or None."""
        j = range(len(self))[i]
        if not self._rows[j]:
            return None
        if j not in self._notes:
            head = list(Status)[int(self._head[j])]
            # The row's readings from the columns: no Forecast or Progress is made.
            ratio = float(self._prog.ratio[j])
            grade = _Grade(self._prog.status[j], None if math.isnan(ratio) else ratio,
                           self._prog.method)  # fmt: skip
            forecast = self._fcs._reading(j)  # noqa: SLF001 (the results' own package)
            self._notes[j] = disagreement_note(self._rule, head, forecast, grade)
        return self._notes[j]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(tuple(self))


def _as_grade(grade: Status) -> Status | None:
    # A progress method's ACHIEVED before the deadline is "maintaining": on track.
    if grade is Status.ACHIEVED:
        return Status.ON_TRACK
    return grade if grade in _ORDER else None


def disagreement(
    rule: StatusRule, headline: Status, forecast: _ForecastReading, progress: _GradeReading
) -> str | None:
    """One line on why the headline and the published grade differ, or None.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import evaluate
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> report = evaluate(plan, obs, as_of="2023-01-29")
        >>> i = report.assessments.index("T10")
        >>> print(disagreement(StatusRule(), report.status("T10"), report.forecasts[i],
        ...                    report.progress[i]))  # doctest: +ELLIPSIS
        MODERATE, not eurostat's ON_TRACK (ratio 1.07): the recent rate of change is enough, ...
    """
    note = disagreement_note(rule, headline, forecast, progress)
    return None if note is None else note.text()


def disagreement_note(
    rule: StatusRule, headline: Status, forecast: _ForecastReading, progress: _GradeReading
) -> Note | None:
    """:func:`disagreement` as a code with its figures, or None.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import evaluate
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> report = evaluate(plan, obs, as_of="2023-01-29")
        >>> i = report.assessments.index("T10")
        >>> note = disagreement_note(StatusRule(), report.status("T10"), report.forecasts[i],
        ...                          report.progress[i])
        >>> note.code.value, note.params["method"], round(note.params["probability"], 2)
        ('rate_enough', 'eurostat', 0.6)
    """
    grade = _as_grade(progress.status)
    if grade is None or grade is headline:
        return None
    p = forecast.probability
    head: dict[str, Any] = {"headline": headline, "method": progress.method, "grade": grade}
    head["ratio"] = progress.ratio
    code = _code(rule, headline, grade, has_probability=p is not None)
    if code is DisagreementCode.NO_PROBABILITY:
        return Note(code, head)
    if code is DisagreementCode.NEVER_ON_TRACK:
        return Note(code, {**head, "probability": p})
    interval = {"lower": forecast.lower, "upper": forecast.upper}
    return Note(code, {**head, "probability": p, **interval})


def _code(
    rule: StatusRule, headline: Status, grade: Status, *, has_probability: bool
) -> DisagreementCode:
    """Why *headline* is not the published *grade* (a grade of :data:`_GRADES`)."""
    if not has_probability:
        return DisagreementCode.NO_PROBABILITY
    if rule.method == "progress":
        return DisagreementCode.NEVER_ON_TRACK
    if _ORDER[grade] < _ORDER.get(headline, len(_ORDER)):
        return DisagreementCode.RATE_ENOUGH
    return DisagreementCode.RATE_SHORT
