"""The notes of results as codes with their figures, so that a face can say them in any language.

A forecast's warnings, the reason it is unclear and the line on why a report's
headline status differs from the progress method's grade are sentences. Each
is also kept as a :class:`Note`: a code from a small closed set
(:class:`WarningCode`, :class:`ReasonCode`, :class:`DisagreementCode`) and
its parameters as typed values (counts, periods as text, quantities,
statuses). :meth:`Note.text` writes the English sentence the result stores;
``innovplan.faces.note_text`` writes it in another language.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from innovplan.engine import AUTO_RULE
from innovplan.evaluate._assessments import _unit_name
from innovplan.units import format_magnitude, format_quantity, split_quantity

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from innovplan.units import Quantity

__all__ = ["DisagreementCode", "Note", "ReasonCode", "WarningCode", "WhyCode", "interval_text"]

# The members of auto's combination, in the order of WhyCode.MEMBERS' values.
MEMBER_NAMES = ("latest value", "least-squares line", "constant growth", "average change")


class WarningCode(enum.StrEnum):
    """What to keep in mind about a forecast (``Forecast.notes``), and the parameters of each.

    - ``FEW_POINTS``: *n*, the points of a history shorter than five.
    - ``GAP``: *spans*, pairs of periods with nothing between them.
    - ``BREAK``: *periods* flagged as a break in series.
    - ``BOUNDS``: *bounds*, triples of period, ``"≥"`` or ``"≤"`` and the
      quantity of each bound used as a point.
    - ``NO_THRESHOLD``: none (a change target without a baseline).
    - ``WINDOW_GAP``: none (a year of a cumulative or chained window missing).
    - ``PRO_RATA``: *spread*, True when the interval spreads the rest of the
      year by the yearly trend's spread.
    - ``NO_INTERVAL``, ``ZERO_SPREAD``, ``SHORT_CALIBRATION``,
      ``DROPPED_POINTS``, ``DUPLICATE_TIMES``: none.

    Example:
        >>> WarningCode.GAP.value
        'gap'
    """

    FEW_POINTS = "few_points"
    GAP = "gap"
    BREAK = "break"
    BOUNDS = "bounds"
    NO_THRESHOLD = "no_threshold"
    WINDOW_GAP = "window_gap"
    PRO_RATA = "pro_rata"
    NO_INTERVAL = "no_interval"
    ZERO_SPREAD = "zero_spread"
    SHORT_CALIBRATION = "short_calibration"
    DROPPED_POINTS = "dropped_points"
    DUPLICATE_TIMES = "duplicate_times"


class ReasonCode(enum.StrEnum):
    """Why a forecast is unclear (``Forecast.reason_note``), and the parameters of each.

    - ``NO_DATA``: none.
    - ``NOT_AFTER_LAST``: *deadline* (a date) and *last*, the latest period.
    - ``NONPOSITIVE``, ``OVERFLOW``: *method*, the method's name.
    - ``TOO_FEW_POINTS``: *n*, the points there are.
    - ``BAD_HORIZON``, ``UNSUPPORTED``: none.

    Example:
        >>> ReasonCode.TOO_FEW_POINTS.value
        'too_few_points'
    """

    NO_DATA = "no_data"
    NOT_AFTER_LAST = "not_after_last"
    NONPOSITIVE = "nonpositive"
    OVERFLOW = "overflow"
    TOO_FEW_POINTS = "too_few_points"
    BAD_HORIZON = "bad_horizon"
    UNSUPPORTED = "unsupported"


class DisagreementCode(enum.StrEnum):
    """Why a report's headline status is not the progress method's grade.

    Every code has *headline* and *grade* (statuses), *method* (the progress
    method) and *ratio* (its ratio, or None); all but ``NO_PROBABILITY`` have
    *probability*; ``RATE_ENOUGH`` and ``RATE_SHORT`` have the forecast's
    interval as *lower* and *upper* quantities.

    - ``NO_PROBABILITY``: no probability; the rule's other reading stands.
    - ``NEVER_ON_TRACK``: the progress rule never shows on track beside a
      probability under 0.5.
    - ``RATE_ENOUGH``: the recent rate is enough, the probability is low.
    - ``RATE_SHORT``: the recent rate falls short, the probability is high.

    Example:
        >>> DisagreementCode.RATE_ENOUGH.value
        'rate_enough'
    """

    NO_PROBABILITY = "no_probability"
    NEVER_ON_TRACK = "never_on_track"
    RATE_ENOUGH = "rate_enough"
    RATE_SHORT = "rate_short"


class WhyCode(enum.StrEnum):
    """The parts of a forecast's ``why`` (``Forecast.why_notes``), and the parameters of each.

    The method's part comes first:

    - ``YTD``: *period*, *elapsed* (the share of the period gone, 0 to 1),
      *years* (past years of within-year shares), *borrowed* (True when the
      shares are other flows').
    - ``PRO_RATA``: *period*, *elapsed*.
    - ``ASKED``, ``CHOSEN``: *method*, *n* (points).
    - ``COMBINED``: *window* (intervals of the average change), *n*,
      *smoothed* (True from 13 points on: the growth member is Holt's).

    Then, for ``auto``'s combination, its members and how they combine (a
    pro-rata total repeats them for the yearly trend, its first part with
    *yearly* True). Figures are in *unit*:

    - ``MEMBERS``: *year*, *values* (latest value, least-squares line,
      constant growth or drift, average change), *unit*, *window*, *drift*
      (True when a value is 0 or less), *smoothed* (True from 13 points on,
      where the growth member is Holt's smoothed growth), *damped* (True when
      the growth member's trend is damped after a slowdown, with *slowed*, the
      share of the change since the first point the recent change fell
      below, and *damping*, the trend's factor a year ahead; read as
      ``AUTO_RULE.damped`` when not given), *yearly*.
    - ``STEADY_GROWTH``: *window*, and *recent* (the intervals of the rise)
      for the steady rise of a series with a zero.
    - ``MEDIAN``: *low*, *high*, *middle*, *unit*, and *kept* (the share of
      each member's step beyond the latest value that a weak trend keeps,
      below 1) when the members were drawn toward the latest value.
    - ``LEVEL``: *factor*, *median*, *latest*, *unit*, for a series with a
      zero, no negative value and a latest value above 0, whose spread (on
      the values) is multiplied by ``factor = max(1, median / latest)``.
    - ``SPREAD``: *calibration* (the factor), *gap*, *break* (what keeps it
      at least 1).
    - ``FLOOR``: *floor*, *point*, *lower*, *upper*, *unit*.

    Example:
        >>> WhyCode.MEDIAN.value
        'median'
    """

    YTD = "ytd"
    PRO_RATA = "pro_rata_method"
    ASKED = "asked"
    CHOSEN = "chosen"
    COMBINED = "combined"
    MEMBERS = "members"
    STEADY_GROWTH = "steady_growth"
    MEDIAN = "median"
    LEVEL = "level"
    SPREAD = "spread"
    FLOOR = "floor"


NoteCode = WarningCode | ReasonCode | DisagreementCode | WhyCode


def _params(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return {} if value is None else dict(value)


@attrs.frozen
class Note:
    """One note of a result: a code and its parameters, in no language yet.

    Attributes:
        code: What the note says (a :class:`WarningCode`,
            :class:`ReasonCode`, :class:`DisagreementCode` or :class:`WhyCode`).
        params: Its figures by name, as typed values: ints, floats, text
            (periods are written as ``str(period)``), dates, quantities,
            statuses, and tuples of them. The code's documentation lists them.

    Example:
        >>> note = Note(WarningCode.FEW_POINTS, {"n": 3})
        >>> note.text(), note.code.value, note.params["n"]
        ('only 3 points', 'few_points', 3)
    """

    code: NoteCode = attrs.field(
        validator=attrs.validators.instance_of((WarningCode, ReasonCode, DisagreementCode, WhyCode))
    )
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_params, hash=False)

    def text(self) -> str:
        """The note as the English sentence the result stores.

        Example:
            >>> Note(WarningCode.BREAK, {"periods": ("2020",)}).text()
            'break in series at 2020'
        """
        return _ENGLISH[self.code](self.params)


def interval_text(lower: Quantity | None, upper: Quantity | None) -> str:
    """``"9,579–17,926 enterprise"``, or ``"—"`` without both ends.

    Example:
        >>> from innovplan import Q_
        >>> interval_text(Q_(1.5, "percent"), Q_(2.25, "percent"))
        '1.5–2.25%'
    """
    if lower is None or upper is None:
        return "—"
    lo, _ = split_quantity(lower, _unit_name(lower.units))
    hi, unit = split_quantity(upper, _unit_name(upper.units))
    return f"{lo}–{hi}{unit}"


def _head(p: Mapping[str, Any]) -> str:
    return head_text(p["headline"].name, p["method"], p["grade"].name, p["ratio"])


def head_text(headline: str, method: str, grade: str, ratio: float | None) -> str:
    """A disagreement's first words: ``MODERATE, not eurostat's ON_TRACK (ratio 1.07)``.

    Example:
        >>> head_text("MODERATE", "eurostat", "ON_TRACK", None)
        "MODERATE, not eurostat's ON_TRACK"
    """
    said = "" if ratio is None else f" (ratio {ratio:.2f})"
    return f"{headline}, not {method}'s {grade}{said}"


def disagreement_text(code: DisagreementCode, head: str, probability: str, interval: str) -> str:
    """A disagreement's line from its parts written out: the one template per code.

    Args:
        code: The disagreement.
        head: :func:`head_text`.
        probability: The probability as written (``"0.60"``; unused by
            ``NO_PROBABILITY``).
        interval: The forecast's interval as written (used by ``RATE_ENOUGH``
            and ``RATE_SHORT``).

    Example:
        >>> disagreement_text(DisagreementCode.NEVER_ON_TRACK, "H", "0.40", "")
        'H: ON_TRACK is never shown beside P = 0.40 < 0.5'
    """
    if code is DisagreementCode.NO_PROBABILITY:
        return f"{head}: no probability, the grade of the rule's other reading stands"
    if code is DisagreementCode.NEVER_ON_TRACK:
        return f"{head}: ON_TRACK is never shown beside P = {probability} < 0.5"
    rate = "is enough, but" if code is DisagreementCode.RATE_ENOUGH else "falls short, yet"
    return (
        f"{head}: the recent rate of change {rate} the forecast's interval "
        f"{interval} gives P = {probability} of meeting the target"
    )


def _bounds(p: Mapping[str, Any]) -> str:
    shown = ", ".join(f"{period} ({sym} {format_quantity(q)})" for period, sym, q in p["bounds"])
    return f"bounds used as points: {shown}"


def _pro_rata(p: Mapping[str, Any]) -> str:
    spread = "; the interval spreads the rest of the year by the yearly trend's spread"
    return "no past within-year figures: the full year is estimated pro rata temporis" + (
        spread if p["spread"] else ""
    )


def _not_after(p: Mapping[str, Any]) -> str:
    deadline: dt.date = p["deadline"]
    return (
        f"the deadline {deadline} is not after the latest observation ({p['last']}): "
        "nothing to forecast; assess it instead"
    )


def _interval(p: Mapping[str, Any]) -> str:
    return interval_text(p["lower"], p["upper"])


def _ytd(p: Mapping[str, Any]) -> str:
    k = p["years"]
    whose = (
        f"{k} past years of the other flows in the observations (the indicator has "
        "no past within-year figures of its own)"
        if p["borrowed"]
        else f"{k} past years"
    )
    return (
        f"year-to-date figure for {p['period']} ({p['elapsed']:.1%} of the period) over the "
        f"mean share of the annual total reached by the same day in {whose}"
    )


def _growth_name(p: Mapping[str, Any]) -> str:
    return "Holt's smoothed growth" if p.get("smoothed") else "constant growth"


def _members(p: Mapping[str, Any]) -> str:
    names = (*MEMBER_NAMES[:3], f"{MEMBER_NAMES[3]} over the last {p['window']} intervals")
    if p.get("smoothed") and not p["drift"]:
        names = (names[0], names[1], "Holt's smoothed growth", names[3])
    if p["drift"]:
        growth = "Holt's trend" if p.get("smoothed") else "drift"
        names = (names[0], names[1], f"{growth} (a value is 0 or less: no growth rate)", names[3])
    if p.get("damped"):
        slowed = (
            f"{names[2]} damped after a slowdown (the average change over the last "
            f"{p['window']} intervals is below {p['slowed']:g} of the change since the first "
            "point, or of the other sign: the trend is multiplied by "
            f"{p.get('damping', AUTO_RULE.damped):g} each year ahead)"
        )
        names = (names[0], names[1], slowed, names[3])
    unit = p["unit"]
    said = ", ".join(
        f"{n} {format_magnitude(v, unit)}" for n, v in zip(names, p["values"], strict=True)
    )
    head = "the yearly trend behind its spread: " if p["yearly"] else ""
    return f"{head}members for {p['year']}: {said}"


def _median(p: Mapping[str, Any]) -> str:
    low, high, mid = (format_magnitude(p[x], p["unit"]) for x in ("low", "high", "middle"))
    kept = p.get("kept")
    drawn = (
        f"a trend weak against the noise: each member keeps {100 * kept:.0f}% of its step "
        "beyond the latest value; "
        if kept is not None
        else ""
    )
    return f"{drawn}median: the middle two, {low} and {high}, give {mid}"


def _level(p: Mapping[str, Any]) -> str:
    median, latest = (format_magnitude(p[x], p["unit"]) for x in ("median", "latest"))
    return (
        "a series with a zero and no negative value has no logs: its spread is on the values "
        "but grows with the level, the scale multiplied by max(1, median / latest value) = "
        f"max(1, {median} / {latest}) = {p['factor']:.2f}"
    )


def _spread(p: Mapping[str, Any]) -> str:
    kept = [why for why, yes in (("a gap", p["gap"]), ("a break in series", p["break"])) if yes]
    return (
        "the spread averages the trend's noise models, weighted by how well each explains "
        "the increments, widened by the members' disagreement, "
        f"then scaled by {p['calibration']:.2f} after the series' own past errors and its length"
        + (f" (at least 1: the history has {' and '.join(kept)})" if kept else "")
    )


def _floor(p: Mapping[str, Any]) -> str:
    floor, point, low, high = (
        format_magnitude(p[x], p["unit"]) for x in ("floor", "point", "lower", "upper")
    )
    return (
        f"a published lower bound {floor} of a stock that has never fallen is a floor: "
        f"conditioned on reaching it, the point is {point} and the interval {low}–{high}"
    )


_W, _R, _D, _Y = WarningCode, ReasonCode, DisagreementCode, WhyCode
_ENGLISH: dict[NoteCode, Callable[[Mapping[str, Any]], str]] = {
    _W.FEW_POINTS: lambda p: f"only {p['n']} points",
    _W.GAP: lambda p: "gap: nothing between " + ", ".join(f"{a}…{b}" for a, b in p["spans"]),
    _W.BREAK: lambda p: f"break in series at {', '.join(p['periods'])}",
    _W.BOUNDS: _bounds,
    _W.NO_THRESHOLD: lambda _: (
        "no probability: the target's change needs a baseline to become a level"
    ),
    _W.WINDOW_GAP: lambda _: (
        "a year of the target's window before the latest observation is missing"
    ),
    _W.PRO_RATA: _pro_rata,
    _W.NO_INTERVAL: lambda _: "point only: the data say nothing about the spread",
    _W.ZERO_SPREAD: lambda _: "the fitted spread is zero: the interval is a point",
    _W.SHORT_CALIBRATION: lambda _: "fewer than three past errors to calibrate the interval",
    _W.DROPPED_POINTS: lambda _: "non-finite values ignored",
    _W.DUPLICATE_TIMES: lambda _: "two observations at the same time",
    _R.NO_DATA: lambda _: "no observation of the indicator applies",
    _R.NOT_AFTER_LAST: _not_after,
    _R.NONPOSITIVE: lambda p: f"{p['method']} works on logarithms and a value is 0 or less",
    _R.OVERFLOW: lambda p: (
        f"{p['method']}: a value of the history, the target or the forecast is beyond "
        "float64's range (about 1.8e308); no number can be given"
    ),
    _R.TOO_FEW_POINTS: lambda p: (
        f"only {p['n']} point{'s' if p['n'] != 1 else ''}; the method needs more"
    ),
    _R.BAD_HORIZON: lambda _: "the deadline or the level cannot be used",
    _R.UNSUPPORTED: lambda _: "the evidence does not support a forecast",
    _D.NO_PROBABILITY: lambda p: disagreement_text(_D.NO_PROBABILITY, _head(p), "", ""),
    _D.NEVER_ON_TRACK: lambda p: disagreement_text(
        _D.NEVER_ON_TRACK, _head(p), f"{p['probability']:.2f}", ""
    ),
    _D.RATE_ENOUGH: lambda p: disagreement_text(
        _D.RATE_ENOUGH, _head(p), f"{p['probability']:.2f}", _interval(p)
    ),
    _D.RATE_SHORT: lambda p: disagreement_text(
        _D.RATE_SHORT, _head(p), f"{p['probability']:.2f}", _interval(p)
    ),
    _Y.YTD: _ytd,
    _Y.PRO_RATA: lambda p: (
        f"year-to-date figure for {p['period']} with no past within-year figures: pro rata "
        f"temporis, {p['elapsed']:.1%} of the period elapsed"
    ),
    _Y.ASKED: lambda p: f"{p['method']}, as asked, on {p['n']} points",
    _Y.COMBINED: lambda p: (
        f"auto: median of the latest value, the least-squares line, {_growth_name(p)} "
        f"and the average change over the last {p['window']} intervals, on {p['n']} points"
    ),
    _Y.CHOSEN: lambda p: f"auto chose {p['method']} on {p['n']} points",
    _Y.MEMBERS: _members,
    _Y.STEADY_GROWTH: lambda p: (
        (
            f"steady rise (a rise in each of the last {p['recent']} intervals, and no "
            f"slowdown over the last {p['window']}): the average change stands in for the "
            "latest value"
        )
        if p.get("recent")
        else (
            "steady growth (a rise in every interval, and no slowdown over the last "
            f"{p['window']} intervals): the average change stands in for the latest value"
        )
    ),
    _Y.MEDIAN: _median,
    _Y.LEVEL: _level,
    _Y.SPREAD: _spread,
    _Y.FLOOR: _floor,
}
