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
from typing import TYPE_CHECKING, Any

import attrs

from innovplan.errors import EvaluationError, UnknownIdError
from innovplan.evaluate._notes import DisagreementCode, Note
from innovplan.model import Status

if TYPE_CHECKING:
    from innovplan.evaluate._forecasts import Forecast
    from innovplan.evaluate._progress import Progress

__all__ = ["RULES", "StatusRule", "disagreement", "disagreement_note"]

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


def _check_method(instance: StatusRule, attribute: attrs.Attribute[str], method: str) -> None:
    del instance
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


def _as_grade(grade: Status) -> Status | None:
    # A progress method's ACHIEVED before the deadline is "maintaining": on track.
    if grade is Status.ACHIEVED:
        return Status.ON_TRACK
    return grade if grade in _ORDER else None


def disagreement(
    rule: StatusRule, headline: Status, forecast: Forecast, progress: Progress
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
    rule: StatusRule, headline: Status, forecast: Forecast, progress: Progress
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
    if p is None:
        return Note(DisagreementCode.NO_PROBABILITY, head)
    if rule.method == "progress":
        return Note(DisagreementCode.NEVER_ON_TRACK, {**head, "probability": p})
    code = (
        DisagreementCode.RATE_ENOUGH
        if _ORDER[grade] < _ORDER.get(headline, len(_ORDER))
        else DisagreementCode.RATE_SHORT
    )
    interval = {"lower": forecast.lower, "upper": forecast.upper}
    return Note(code, {**head, "probability": p, **interval})
