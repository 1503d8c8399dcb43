"""Results of trajectory forecasts: one :class:`Forecast`, or many as :class:`Forecasts` columns."""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

import innovplan.engine as k
from innovplan.engine import (
    BOUND,
    BREAK,
    CHAIN,
    GAP,
    LEVEL,
    NO_THRESHOLD,
    OTHER_FLOWS,
    SUM,
    FloatArray,
    Histories,
    Measured,
    from_frac_year,
)
from innovplan.engine import codes as c
from innovplan.evaluate._assessments import _q, _unit, own_unit
from innovplan.evaluate._groups import _TOTAL, with_dimensions
from innovplan.evaluate._likelihood import LikelihoodScale
from innovplan.evaluate._members import Members, all_members, member_notes, yearly_notes
from innovplan.evaluate._notes import (
    Note,
    ReasonCode,
    WarningCode,
    WhyCode,
    interval_text,
)
from innovplan.evaluate._pace import BASIS_CODES, PaceColumns, pace_column, pace_text
from innovplan.evaluate._rows import LazyColumns, _HistoryRows, texts
from innovplan.model import Group, Observation, Target
from innovplan.units import (
    Quantity,
    format_per_year,
    format_quantity,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Forecast", "Forecasts"]


_NAMES = {
    k.Method.LINEAR: "linear",
    k.Method.LOGLINEAR: "loglinear",
    k.Method.DRIFT: "drift",
    k.Method.DAMPED: "damped",
    k.Method.THETA: "theta",
    k.Method.AVERAGE_CHANGE: "average-change",
    k.Method.AVERAGE_CHANGE_RELATIVE: "average-change-relative",
    k.Method.YTD: "ytd",
    k.Method.YTD_PRO_RATA: "ytd-pro-rata",
    k.Method.COMBINED: "combined",
}

# Few points: the interval rests on little; said so below this many.
_FEW = 5
# Recent actual rate: mean annual change over the last five intervals, the
# Destatis rule (Statistisches Bundesamt, "Nachhaltige Entwicklung in
# Deutschland - Indikatorenbericht 2021", "Bewertung der Indikatoren").
_RECENT = 5


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _rate_unit(unit: str) -> str:
    return ("percentage_point" if unit == "percent" else unit) + " / year"


@attrs.frozen
class Forecast:
    """Where one target is heading: the value at its deadline and the chance of meeting it.

    Attributes:
        target_id: The target's id.
        unclear: True when the evidence is too thin to forecast; then *reason*
            says why and every number is None.
        reason: Why the forecast is unclear (None otherwise).
        point: Point forecast at the deadline, in the indicator's unit
            (percent for rates and shares).
        lower: Lower end of the central interval at *level*.
        upper: Upper end.
        level: Probability of the interval.
        probability: Probability that the target's comparator holds at the
            deadline; None without an interval.
        likelihood: The word for *probability* (IPCC AR5 by default).
        method: The method used (``"combined"``, ``"drift"``, ``"ytd"``, ...).
        requested: The method asked for (``"auto"`` by default).
        why: Why this method was used.
        required_rate: Change per year needed from the latest value to the
            target's level by the deadline; for a CUMULATIVE target, the
            amount a year needed over the remaining years.
        actual_rate: Mean change per year over the last five intervals (fewer
            when the history is shorter); for a CUMULATIVE target, the mean
            yearly amount so far in the window.
        required_growth: The required change as a compound rate per year
            (0.05 is 5 %), where both values are positive; for AVERAGE_ANNUAL,
            PERCENT_CHANGE and chained targets, the rate a year still needed
            over the remaining years.
        actual_growth: The recent change as a compound rate per year; for
            AVERAGE_ANNUAL, PERCENT_CHANGE and chained targets, the average
            annual rate so far from the baseline.
        n_points: Points of the history used.
        points: The observations of that history, in time order.
        latest: The latest of them.
        year_to_date: The year-to-date figure a FLOW forecast used, if any.
        warnings: What to keep in mind (too few points, gaps, breaks, bounds
            used as points, a pro-rata estimate, ...).
        deadline: The target's deadline.
        as_of: The date the evidence was replayed at.
        target: The target, when forecast from model objects.
        basis: What the target measures (``Basis`` value): *point*, *lower*,
            *upper* and *probability* are of that quantity — the average annual
            rate at the deadline, the window's sum, the change, the deadline
            value (for ``every_year``, the deadline year's value, and
            *probability* that every remaining year meets the limit).
        at_deadline: The indicator's own value forecast for the deadline period.
        so_far: The measured quantity so far: the latest value, the change or
            average annual rate from the baseline, the window's running sum,
            the chained change.
        needed: What each remaining year still needs: a change per year, a
            rate in percent a year, or an amount a year.
        needed_in: The remaining years, as ``"2024–2025"``.
        notes: The *warnings* as codes with their figures, one per warning,
            in the same order (``note.text()`` is the warning).
        reason_note: The *reason* as a code with its figures (None when
            the forecast is clear).
        why_notes: The parts of *why* as codes with their figures: the
            method's, then how ``auto``'s members combine (*why* is their
            sentences joined by ``"; "``).
        group: The group forecast (the total for most targets).
        versus: The group compared with, for a parity target.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> f = forecast(plan.target("T8"), obs, as_of="2023-01-29")
        >>> f.unclear, f.n_points, f.latest.period.end.year
        (False, 9, 2022)
    """

    target_id: str
    unclear: bool
    reason: str | None
    point: Quantity | None
    lower: Quantity | None
    upper: Quantity | None
    level: float
    probability: float | None
    likelihood: str | None
    method: str
    requested: str
    why: str
    required_rate: Quantity | None
    actual_rate: Quantity | None
    required_growth: float | None
    actual_growth: float | None
    n_points: int
    points: tuple[Observation, ...] = attrs.field(repr=False)
    latest: Observation | None
    year_to_date: Observation | None
    warnings: tuple[str, ...]
    deadline: dt.date
    as_of: dt.date | None = None
    target: Target | None = attrs.field(default=None, repr=False)
    basis: str = "value"
    at_deadline: Quantity | None = None
    so_far: Quantity | None = None
    needed: Quantity | None = None
    needed_in: str = ""
    notes: tuple[Note, ...] = ()
    reason_note: Note | None = None
    why_notes: tuple[Note, ...] = ()
    group: Group = attrs.field(factory=Group)
    versus: Group | None = None

    def pace(self) -> str:
        """What the target's kind has reached so far and what it still needs, in words.

        An average annual target reads ``"11.0 % a year so far; 1.27 % a year
        needed in 2024–2025"``, a cumulative one ``"1,000 so far over
        2021–2023; 500 a year needed in 2024–2025"``; an every-year limit
        names the years that must still meet it. Empty without evidence.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> forecast(plan.target("T10"), obs, method="drift", as_of="2023-01-29").pace()
            '1,357.41亿元 in 2022; +92.59亿元 a year needed in 2023'
        """
        return pace_text(self)

    def interval_text(self) -> str:
        """``"9,579–17,926 enterprise"``, or ``"—"`` without an interval."""
        return interval_text(self.lower, self.upper)

    def _repr_html_(self) -> str:
        from innovplan.faces import forecast_html

        return forecast_html(self)

    def to_dict(self) -> dict[str, Any]:
        """This Forecast as a JSON-ready dict (``innovplan.io.results_to_dict``).

        Quantities are ``{"value": ..., "unit": ...}``, dates ISO text, enums
        their values; a number that is not finite is None. The dict validates
        against ``innovplan.io.results_schema()``.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> doc = forecast(plan.target("T10"), obs, as_of="2023-01-29").to_dict()
            >>> doc["kind"], doc["deadline"], doc["point"]["unit"]
            ('forecast', '2023-12-31', 'hundred_million_yuan')
        """
        from innovplan.io import results_to_dict

        return results_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (``innovplan.io.results_to_json``).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> import json
            >>> doc = json.loads(forecast(plan.target("T10"), obs, as_of="2023-01-29").to_json())
            >>> doc["kind"], doc["deadline"], doc["point"]["unit"]
            ('forecast', '2023-12-31', 'hundred_million_yuan')
        """
        from innovplan.io import results_to_json

        return results_to_json(self, indent=indent)

    def explain(self) -> str:
        """One line: the forecast, its interval, the probability, the rates.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast
            >>> plan = datasets.wuhan_2023()
            >>> print(forecast(plan.target("T13"), datasets.wuhan_2023_observations()).explain())
            T13 unclear: only 1 point; the method needs more
        """
        if self.unclear:
            return f"{self.target_id} unclear: {self.reason}"
        what = _WHAT.get(self.basis, "")
        head = f"{self.target_id}{what} at {self.deadline}: {format_quantity(self.point)}"
        if self.lower is not None:
            head += f" ({self.level:.0%} interval {self.interval_text()})"
        parts = [head]
        if self.probability is not None and self.target is not None:
            sym = self.target.comparator.symbol
            every = " every year" if self.basis == "every_year" else ""
            parts.append(
                f"P({sym} {format_quantity(self.target.value)}{every}) = {self.probability:.2f}, "
                f"{self.likelihood}"
            )
        parts.append(f"method {self.method}")
        pace = self.pace() if self.basis != "value" else ""
        if pace:
            parts.append(pace)
        elif self.required_rate is not None:
            own = self.target.indicator.unit if self.target is not None else None
            need = format_per_year(self.required_rate, own)
            parts.append(f"needs {need}, recent {format_per_year(self.actual_rate, own)}")
        line = "; ".join(parts)
        if self.warnings:
            line += "; " + "; ".join(self.warnings)
        return line


@attrs.frozen
class _Reading:
    """What a disagreement line reads of one forecast, without making its row."""

    probability: float | None
    lower: Quantity | None
    upper: Quantity | None

    def interval_text(self) -> str:
        return interval_text(self.lower, self.upper)


@attrs.frozen(eq=False)
class Forecasts(_HistoryRows[Forecast]):
    """Forecasts of many targets as numpy columns, one row per target.

    Index by position or target id to get one :class:`Forecast`; iterate to
    get them all.

    Attributes:
        histories: The evidence, as ragged arrays.
        kernel: The kernels' output (loc, scale, df, status and reason bits, ...).
        probability: Probability of meeting each target (NaN: none).
        measured: Each target's measured quantity (point, interval, so far,
            still needed), in the terms of its kind.
        within_year: Rows forecast from a year-to-date figure.
        requested: The method asked for.
        level: Interval probability.
        scale: The likelihood words.

    Example:
        >>> from innovplan import datasets
        >>> from innovplan.evaluate import forecast_many
        >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
        >>> fcs = forecast_many([plan.target("T8"), plan.target("T13")], obs, as_of="2023-01-29")
        >>> fcs.unclear.tolist(), fcs.likelihood.tolist()
        ([False, True], ['likely', None])
    """

    histories: Histories
    kernel: k.Forecasts
    probability: FloatArray
    within_year: npt.NDArray[np.bool_]
    requested: str
    level: float
    scale: LikelihoodScale
    measured: Measured = attrs.field(kw_only=True)
    _index: dict[str, int] = attrs.field(init=False, factory=dict, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """This Forecasts as a JSON-ready dict (``innovplan.io.results_to_dict``).

        Quantities are ``{"value": ..., "unit": ...}``, dates ISO text, enums
        their values; a number that is not finite is None. The dict validates
        against ``innovplan.io.results_schema()``.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> doc = forecast_many([plan.target("T10")], obs, as_of="2023-01-29").to_dict()
            >>> doc["kind"], doc["level"], doc["results"][0]["target_id"]
            ('forecasts', 0.8, 'T10')
        """
        from innovplan.io import results_to_dict

        return results_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (``innovplan.io.results_to_json``).

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> import json
            >>> batch = forecast_many([plan.target("T10")], obs, as_of="2023-01-29")
            >>> doc = json.loads(batch.to_json())
            >>> doc["kind"], doc["level"], doc["results"][0]["target_id"]
            ('forecasts', 0.8, 'T10')
        """
        from innovplan.io import results_to_json

        return results_to_json(self, indent=indent)

    def to_frame(self, backend: str = "pandas") -> Any:
        """:attr:`columns` as a data frame: pandas (indexed by target id), polars or pyarrow.

        Needs the backend's extra (``innovplan[pandas]``, ``[polars]``,
        ``[arrow]``); column names and types: ``docs/reference/results.md``.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast_many
            >>> fcs = forecast_many(datasets.wuhan_2023(), datasets.wuhan_2023_observations(),
            ...                     as_of="2023-01-29")
            >>> fcs.to_frame().loc["T8", "method"]
            'combined'
            >>> fcs.to_frame("pyarrow").column("method")[8].as_py()
            'combined'
        """
        from innovplan.faces import to_frame

        return to_frame(self, backend=backend)

    @property
    def columns(self) -> Mapping[str, npt.NDArray[Any]]:
        """Every column by name, each built on first use: plain numbers, text and flags.

        ``target``, ``unclear``, ``method``, ``point``, ``lower``, ``upper``,
        ``unit``, ``level``, ``probability``, ``likelihood``, the rates
        (``required_rate``, ``actual_rate`` in ``rate_unit``,
        ``required_growth``, ``actual_growth``), ``basis``, ``so_far``,
        ``needed`` (in ``needed_unit``), ``needed_in`` and ``pace``; types in
        ``docs/reference/results.md``.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> cols = forecast_many([plan.target("T10")], obs, as_of="2023-01-29").columns
            >>> cols["method"][0], round(float(cols["required_rate"][0]), 2)
            ('combined', 92.59)
        """
        return self._memo("columns", self._columns)

    def _columns(self) -> LazyColumns:
        n = len(self)
        unclear = self.unclear
        need, recent, need_g, recent_g = self.rates
        m = self.measured
        basis = self.histories.targets.arrays.basis
        return LazyColumns(with_dimensions({
            "target": lambda: self.histories.targets.texts("ids"),
            "unclear": lambda: unclear,
            "method": lambda: texts(self.methods),
            # Values in the unit each row shows them in (see _shown_columns):
            # the same products as the rows' quantities, so frame and rows agree.
            "point": lambda: self.point * self._shown_columns()[3],
            "lower": lambda: self.lower * self._shown_columns()[3],
            "upper": lambda: self.upper * self._shown_columns()[3],
            "unit": lambda: self._shown_columns()[2],
            "level": lambda: np.full(n, float(self.level)),
            "probability": lambda: _blank(self.probability, unclear, np.nan),
            "likelihood": lambda: _blank(self.likelihood, unclear, None),
            "required_rate": lambda: need * self._shown_columns()[1],
            "actual_rate": lambda: recent * self._shown_columns()[1],
            "rate_unit": self._rate_unit_column,
            "required_growth": lambda: need_g,
            "actual_growth": lambda: recent_g,
            "basis": lambda: texts(_BASIS_NAMES[b] for b in basis.tolist()),
            "so_far": lambda: m.so_far * self._shown_columns()[3],
            "needed": lambda: self._needed_columns()[0],
            "needed_unit": self._needed_unit_column,
            "needed_in": self._needed_in_column,
            "pace": self._pace_column,
        }, self.histories.targets))  # fmt: skip

    def __len__(self) -> int:
        return len(self.histories)

    def __repr__(self) -> str:
        n = len(self)
        unclear = int(self.unclear.sum())
        return (
            f"<Forecasts of {n} targets ({self.requested}): {n - unclear} clear, {unclear} unclear>"
        )

    @property
    def units(self) -> tuple[str, ...]:
        """Unit of each row's values: the unit of what the target measures."""
        return self._memo("units", self._units)

    def _units(self) -> tuple[str, ...]:
        tc = self.histories.targets
        change = (tc.arrays.basis == c.CHANGE).tolist()
        return tuple(
            tc.gap_units[i] if change[i] else tc.basis_units[i] for i in range(len(tc.ids))
        )

    @property
    def indicator_units(self) -> tuple[str, ...]:
        """Unit of each row's indicator (the unit of the deadline value)."""
        tc = self.histories.targets
        return self._memo("iunits", lambda: tuple(tc.units[i] for i in tc.arrays.ind.tolist()))

    @property
    def point(self) -> FloatArray:
        """Point forecasts of what each target measures (NaN where unclear)."""
        return self.measured.point

    @property
    def lower(self) -> FloatArray:
        """Lower ends of the intervals."""
        return self.measured.lower

    @property
    def upper(self) -> FloatArray:
        """Upper ends of the intervals."""
        return self.measured.upper

    @property
    def unclear(self) -> npt.NDArray[np.bool_]:
        """Rows without a forecast."""
        return self._memo("unclear", self._unclear)

    def _unclear(self) -> npt.NDArray[np.bool_]:
        m = self.measured
        out: npt.NDArray[np.bool_] = (self.kernel.status == k.ForecastOutcome.UNCLEAR) | (
            (m.form != LEVEL) & ~np.isfinite(m.point)
        )
        return out

    @property
    def likelihood(self) -> npt.NDArray[np.object_]:
        """The probabilities' words (None where there is no probability)."""
        return self._memo("likelihood", lambda: self.scale.words_of(self.probability))

    @property
    def methods(self) -> tuple[str, ...]:
        """Name of the method used per row."""
        return self._memo(
            "methods",
            lambda: tuple(
                _NAMES.get(k.Method(m), f"method {m}") for m in self.kernel.method.tolist()
            ),
        )

    def _latest(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        h = self.histories
        n = np.diff(h.indptr)
        has = n > 0
        last = np.maximum(h.indptr[1:] - 1, 0)
        base = np.maximum(last - np.minimum(n - 1, _RECENT), 0)
        nan = np.full(len(h), np.nan)
        if h.t.size == 0:
            return nan, nan, nan, nan
        t1 = np.where(has, h.t[np.minimum(last, h.t.size - 1)], np.nan)
        y1 = np.where(has, h.y[np.minimum(last, h.y.size - 1)], np.nan)
        t0 = np.where(n > 1, h.t[np.minimum(base, h.t.size - 1)], np.nan)
        y0 = np.where(n > 1, h.y[np.minimum(base, h.y.size - 1)], np.nan)
        return t0, y0, t1, y1

    @property
    def rates(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Required and recent change per year, then the same as compound rates.

        Example:
            >>> from innovplan import datasets
            >>> from innovplan.evaluate import forecast_many
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> req, act, _, _ = forecast_many([plan.target("T10")], obs, as_of="2023-01-29").rates
            >>> round(float(req[0]), 2), round(float(act[0]), 2)  # (1357.41 - 342.89) / 8
            (92.59, 126.82)
        """
        return self._memo("rates", self._rates)

    def _rates(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        h = self.histories
        m = self.measured
        t0, y0, t1, y1 = self._latest()
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            left = np.where(h.horizon > t1 + 1e-9, h.horizon - t1, np.nan)
            need = (m.goal - y1) / left
            recent = (y1 - y0) / (t1 - t0)
            pos = (y1 > 0) & (m.goal > 0)
            need_g = np.where(pos, np.power(m.goal / y1, 1.0 / left) - 1.0, np.nan)
            pos0 = (y1 > 0) & (y0 > 0)
            recent_g = np.where(pos0, np.power(y1 / y0, 1.0 / (t1 - t0)) - 1.0, np.nan)
            per_year = m.so_far / np.where(m.observed > 0, m.observed, np.nan)
        # In the kind's terms: a cumulative target needs an amount a year;
        # rates and changes from a baseline compare the average annual rate
        # so far with the rate a year still needed; chained rates have no
        # level to change.
        rated = np.isfinite(m.rate_so_far) | m.needed_pct
        need = np.select([m.form == SUM, m.form == CHAIN], [m.needed, np.nan], need)
        recent = np.select([m.form == SUM, m.form == CHAIN], [per_year, np.nan], recent)
        need_g = np.where(m.needed_pct, m.needed / 100.0, np.where(m.form == SUM, np.nan, need_g))
        recent_g = np.where(rated, m.rate_so_far / 100.0, np.where(m.form == SUM, np.nan, recent_g))
        # A rate beyond float64's range is no rate: NaN, as where there is none.
        return tuple(np.where(np.isinf(a), np.nan, a) for a in (need, recent, need_g, recent_g))  # type: ignore[return-value]

    def _one(self, i: int) -> Forecast:
        h = self.histories
        fc = self.kernel
        m = self.measured
        tc = h.targets
        target = tc.targets[i] if tc.targets is not None else None
        deadline = target.deadline if target is not None else _deadline(h.horizon[i])
        unclear = bool(self.unclear[i])
        form = int(m.form[i])
        basis = _BASIS_NAMES[int(tc.arrays.basis[i])]
        points = self._points(i)
        ytd = self._observation(int(h.ytd_row[i])) if self.within_year[i] else None
        method = self.methods[i]
        n_pts = len(points)
        need, recent, need_g, recent_g = (float(a[i]) for a in self.rates)
        prob = _opt(float(self.probability[i]))

        ishown, ifactor, shown, factor = self._shown(i)
        why_not = _reason(int(fc.reason[i]), n_pts, deadline, points, method) if unclear else None
        notes = () if unclear else _warnings(int(fc.reason[i]), self._flags(i), points, h, i)
        why_notes = (
            _why(
                self.requested,
                method,
                n_pts,
                ytd,
                float(h.ytd_elapsed[i]),
                int(fc.n_used[i]),
                borrowed=bool(h.flags[i] & OTHER_FLOWS),
            ),
            *member_notes(h, fc, i, ishown, ifactor, members=self._members().get(i)),
            *(
                yearly_notes(h, i, ishown, ifactor)
                if method == "ytd-pro-rata" and self.requested == "auto"
                else ()
            ),
        )

        def q(x: float, u: str = shown, f: float = factor) -> Quantity | None:
            return None if unclear else _q(x * f, u)

        return Forecast(
            target_id=tc.ids[i],
            unclear=unclear,
            reason=None if why_not is None else why_not.text(),
            point=q(float(self.point[i])),
            lower=q(float(self.lower[i])),
            upper=q(float(self.upper[i])),
            level=self.level,
            probability=None if unclear else prob,
            likelihood=None if unclear else _word(self.likelihood[i]),
            method=method,
            requested=self.requested,
            why="; ".join(n.text() for n in why_notes),
            required_rate=_q(need * ifactor, _rate_unit(ishown)),
            actual_rate=_q(recent * ifactor, _rate_unit(ishown)),
            required_growth=_opt(need_g),
            actual_growth=_opt(recent_g),
            n_points=n_pts,
            points=points,
            latest=points[-1] if points else None,
            year_to_date=ytd,
            warnings=tuple(n.text() for n in notes),
            deadline=deadline,
            as_of=h.as_of,
            target=target,
            basis=basis,
            at_deadline=None if form in {SUM, CHAIN} else q(float(fc.point[i]), ishown, ifactor),
            so_far=_q(float(m.so_far[i]) * factor, shown),
            needed=self._needed_q(i),
            needed_in=self._needed_in(i),
            notes=notes,
            reason_note=why_not,
            why_notes=why_notes,
            group=tc.groups[i] if tc.groups is not None else _TOTAL,
            versus=tc.versus[i] if tc.versus is not None else None,
        )

    def _shown(self, i: int) -> tuple[str, float, str, float]:
        """Row *i*'s indicator unit and factor as shown, then those of what it measures.

        The engine holds a dimensionless indicator in percent; results come
        back in the indicator's own unit (196, not 19600 percent). Rates and
        changes in percent (average annual, percent change) stay in percent.
        Read from :meth:`_shown_columns`, so that rows and columns show one unit.
        """
        ishown, ifactor, shown, factor = self._shown_columns()
        return str(ishown[i]), float(ifactor[i]), str(shown[i]), float(factor[i])

    def _shown_columns(
        self,
    ) -> tuple[npt.NDArray[np.object_], FloatArray, npt.NDArray[np.object_], FloatArray]:
        """:meth:`_shown` of every row, as four columns; the same units and factors."""
        return self._memo("shown_columns", self._make_shown_columns)

    def _make_shown_columns(
        self,
    ) -> tuple[npt.NDArray[np.object_], FloatArray, npt.NDArray[np.object_], FloatArray]:
        tc = self.histories.targets
        n = len(tc)
        units = texts(self.units)
        iunits = texts(self.indicator_units)
        codes = tc.arrays.ind.astype(np.intp)
        known: dict[int, tuple[str, float]] = self._memo("own", dict)
        lookup_unit = np.empty(int(codes.max()) + 1 if n else 0, dtype=object)
        lookup_factor = np.ones(lookup_unit.size, dtype=np.float64)
        if n:
            # Each indicator's from its first row, as reading the rows in turn would.
            found, first = np.unique(codes, return_index=True)
            for code, i in zip(found.tolist(), first.tolist(), strict=True):
                if code in known:
                    own = known[code]
                elif iunits[i] != "percent":
                    # own_unit reads the target only for indicators held in percent.
                    own = (str(iunits[i]), 1.0)
                else:
                    target = tc.targets[i] if tc.targets is not None else None
                    own = self._own(code, target, str(iunits[i]))
                lookup_unit[code], lookup_factor[code] = own
        ishown = lookup_unit[codes] if n else texts([])
        ifactor = lookup_factor[codes] if n else np.zeros(0)
        basis = tc.arrays.basis
        own_basis = np.isin(basis, (c.VALUE, c.EVERY_YEAR, c.CUMULATIVE_SUM))
        in_own = own_basis & (units == iunits).astype(bool)
        shown = np.where(in_own, ishown, units).astype(object)
        factor = np.where(in_own, ifactor, 1.0)
        return ishown, ifactor, shown, factor

    def _rate_unit_column(self) -> npt.NDArray[np.object_]:
        """Each row's unit of required and actual rates: a year's change of its shown unit.

        Written as before for an indicator shown in its engine unit; one shown in
        its own unit reads as its rows' rates do (``1 / year``, ``permille / year``).
        """
        pairs = list(zip(self._shown_columns()[0].tolist(), self.indicator_units, strict=True))
        rates = {
            (shown, engine): _rate_unit(shown) if shown == engine else _unit_text(_rate_unit(shown))
            for shown, engine in dict.fromkeys(pairs)
        }
        return texts(rates[pair] for pair in pairs)

    def _needed_in_column(self) -> npt.NDArray[np.object_]:
        """:meth:`_needed_in` of every row; rows of one deadline and kind share the text."""
        h = self.histories
        ta = h.targets.arrays
        step = (ta.end - ta.start).astype(np.float64)
        said: dict[tuple[float, int, float], str] = {}
        out = []
        for key in zip(h.horizon.tolist(), self.measured.remaining.astype(int).tolist(),
                       step.tolist(), strict=True):  # fmt: skip
            text = said.get(key)
            if text is None:
                text = said[key] = _years_text(*key)
            out.append(text)
        return texts(out)

    def _needed_columns(self) -> tuple[FloatArray, npt.NDArray[np.object_]]:
        """What each remaining year needs as each row shows it: magnitudes, then unit names.

        A compound rate in percent a year, or an amount or change per year in
        the unit the indicator is shown in (NaN: nothing needed).
        """
        return self._memo("needed", self._make_needed_columns)

    def _make_needed_columns(self) -> tuple[FloatArray, npt.NDArray[np.object_]]:
        m = self.measured
        ishown, ifactor, _, _ = self._shown_columns()
        pct = m.needed_pct.astype(bool)
        rates = {u: _rate_unit(u) for u in dict.fromkeys(ishown.tolist())}
        units = texts(["percent" if p else rates[u] for p, u in zip(pct.tolist(), ishown.tolist(),
                                                                     strict=True)])  # fmt: skip
        return np.where(pct, m.needed, m.needed * ifactor), units

    def _needed_unit_column(self) -> npt.NDArray[np.object_]:
        """Each row's ``Forecast.needed`` unit as pint writes it (``""``: nothing needed)."""
        needed, units = self._needed_columns()
        out = texts([""] * len(self))
        has = ~np.isnan(needed)
        for unit in dict.fromkeys(units[has].tolist()):
            out[has & (units == unit)] = _unit_text(unit)
        return out

    def _pace_column(self) -> npt.NDArray[np.object_]:
        """:meth:`Forecast.pace` of every row, written by column without making the rows."""
        _, _, shown, factor = self._shown_columns()
        needed, needed_unit = self._needed_columns()
        tc = self.histories.targets
        return pace_column(
            PaceColumns(
                basis=tc.arrays.basis,
                so_far=self.measured.so_far * factor,
                shown=shown,
                needed=needed,
                needed_unit=needed_unit,
                needed_in=self.columns["needed_in"],
                latest=self._latest_rows(),
                observation=self._observation,
                target=lambda i: tc.targets[i] if tc.targets is not None else None,
            )
        )

    def _latest_rows(self) -> npt.NDArray[np.intp]:
        """Each row's latest observation (``Forecast.latest``): its row, -1 for none."""
        h = self.histories
        n = len(self)
        out = np.full(n, -1, dtype=np.intp)
        if h.observations.observations is None or n == 0:
            return out
        ptr = h.indptr.astype(np.intp)
        rows = h.row[: ptr[-1]]
        at = np.where(rows >= 0, np.arange(rows.size), -1)
        full = np.flatnonzero(ptr[1:] > ptr[:-1])
        if full.size:
            # Segments are contiguous: each non-empty one's maximum ends at the next's start.
            last = np.maximum.reduceat(at, ptr[full])
            out[full] = np.where(last >= 0, rows[np.maximum(last, 0)], -1)
        return out

    def _reading(self, i: int) -> _Reading:
        """Row *i*'s probability and interval as its :class:`Forecast` has them."""
        if self.unclear[i]:
            return _Reading(None, None, None)
        _, _, shown, factor = self._shown(i)
        return _Reading(
            _opt(float(self.probability[i])),
            _q(float(self.lower[i]) * factor, shown),
            _q(float(self.upper[i]) * factor, shown),
        )

    def _needed_q(self, i: int) -> Quantity | None:
        needed, units = self._needed_columns()
        return _q(float(needed[i]), str(units[i]))

    def _needed_in(self, i: int) -> str:
        h = self.histories
        return _years_text(h.horizon[i], int(self.measured.remaining[i]), float(self._step(i)))

    def _members(self) -> dict[int, Members]:
        """``auto``'s members at each combined row's deadline, from one kernel call."""
        return self._memo("members", lambda: all_members(self.histories, self.kernel))

    def _own(self, code: int, target: Target | None, unit: str) -> tuple[str, float]:
        """:func:`own_unit` of indicator *code*, worked out once per indicator."""
        if target is None:
            return unit, 1.0
        known: dict[int, tuple[str, float]] = self._memo("own", dict)
        if code not in known:
            known[code] = own_unit(target, unit)
        return known[code]

    def _step(self, i: int) -> float:
        ta = self.histories.targets.arrays
        return float(ta.end[i] - ta.start[i])

    def _flags(self, i: int) -> int:
        """Warning bits, with the measured quantity's own: a probability that needs a baseline."""
        m = self.measured
        bits = int(self.histories.flags[i]) & ~NO_THRESHOLD
        if np.isnan(m.probability[i]) and not np.isfinite(m.goal[i]):
            bits |= NO_THRESHOLD
        if m.form[i] in {SUM, CHAIN}:
            ta = self.histories.targets.arrays
            n_years = round(float((ta.end[i] - ta.window[i]) / self._step(i)))
            if int(m.observed[i]) < n_years - int(m.remaining[i]):
                bits |= _WINDOW_GAP
        return bits


def _word(word: object) -> str | None:
    """A likelihood word of the column as ``LikelihoodScale.__call__`` gives it."""
    return None if word is None else str(word)


def _blank(col: npt.NDArray[Any], where: npt.NDArray[np.bool_], blank: object) -> npt.NDArray[Any]:
    """A copy of *col* with *blank* in the rows *where* is True."""
    out = col.copy()
    out[where] = blank
    return out


# What the point is, for kinds other than the deadline value.
_WHAT = {
    "change": " change",
    "percent_change": " change",
    "average_annual": " average annual rate",
    "cumulative": " sum over the window",
    "every_year": " deadline year",
}

_BASIS_NAMES = {code: name for name, code in BASIS_CODES.items()}
# A year of a CUMULATIVE or chained target's window before the latest
# observation is missing (the public layer's warning bits go up to 8).
_WINDOW_GAP = 16


@functools.lru_cache(maxsize=1024)
def _unit_text(unit: str) -> str:
    """*unit* as pint writes it (``str`` of a quantity's units), worked out once."""
    return str(_unit(unit))


def _years_text(horizon: float, remaining: int, step: float) -> str:
    """The remaining periods as ``"2024–2025"`` (whole years) or ``"2023"``."""
    if remaining <= 0 or not np.isfinite(horizon):
        return ""
    last = _deadline(horizon)
    first = _deadline(horizon - (remaining - 1) * step) if remaining > 1 else last
    if abs(step - 1.0) > 0.01:
        return f"{first}" if remaining == 1 else f"the {remaining} periods to {last}"
    y0 = first.year if remaining > 1 else last.year
    return f"{y0}" if y0 == last.year else f"{y0}–{last.year}"


def _deadline(horizon: float) -> dt.date:
    return from_frac_year(horizon) - dt.timedelta(days=1)


def _reason(  # noqa: PLR0911 (one note per reason)
    bits: int, n: int, deadline: dt.date, points: tuple[Observation, ...], method: str
) -> Note:
    r = k.Reason
    if bits & r.NO_DATA or n == 0:
        return Note(ReasonCode.NO_DATA)
    if bits & r.HORIZON_NOT_AFTER_LAST:
        last = str(points[-1].period) if points else "?"
        return Note(ReasonCode.NOT_AFTER_LAST, {"deadline": deadline, "last": last})
    if bits & r.NONPOSITIVE:
        return Note(ReasonCode.NONPOSITIVE, {"method": method})
    if bits & r.OVERFLOW:
        return Note(ReasonCode.OVERFLOW, {"method": method})
    if bits & r.TOO_FEW_POINTS:
        return Note(ReasonCode.TOO_FEW_POINTS, {"n": n})
    if bits & (r.BAD_HORIZON | r.BAD_LEVEL):
        return Note(ReasonCode.BAD_HORIZON)
    return Note(ReasonCode.UNSUPPORTED)


def _why(  # noqa: PLR0917 - private, one value per part of the sentence
    requested: str,
    method: str,
    n: int,
    ytd: Observation | None,
    elapsed: float,
    k_shares: int,
    *,
    borrowed: bool = False,
) -> Note:
    if method == "ytd" and ytd is not None:
        shares = {"years": k_shares, "borrowed": borrowed}
        return Note(WhyCode.YTD, {"period": str(ytd.period), "elapsed": elapsed, **shares})
    if method == "ytd-pro-rata" and ytd is not None:
        return Note(WhyCode.PRO_RATA, {"period": str(ytd.period), "elapsed": elapsed})
    if requested != "auto":
        return Note(WhyCode.ASKED, {"method": method, "n": n})
    if method == "combined":
        return Note(
            WhyCode.COMBINED,
            {
                "window": min(k.AUTO_RULE.window, n - 1),
                "n": n,
                "smoothed": n >= k.AUTO_RULE.smoothed_from,
            },
        )
    return Note(WhyCode.CHOSEN, {"method": method, "n": n})


def _warnings(
    bits: int, flags: int, points: tuple[Observation, ...], h: Histories, i: int
) -> tuple[Note, ...]:
    r, w = k.Reason, WarningCode
    out: list[Note] = []
    n = len(points)
    if n < _FEW and not bits & (r.PRO_RATA | r.NO_INTERVAL) and h.ytd_row[i] < 0:
        out.append(Note(w.FEW_POINTS, {"n": n}))
    if flags & GAP:
        t = h.t[h.indptr[i] : h.indptr[i + 1]]
        d = np.diff(t)
        med = float(np.median(d)) if d.size else 1.0
        spans = tuple(
            (str(points[j].period), str(points[j + 1].period))
            for j in np.flatnonzero(d > 1.5 * med + 1e-3).tolist()
        )
        out.append(Note(w.GAP, {"spans": spans}))
    if flags & BREAK:
        brk = tuple(str(o.period) for o in points if o.status.strip().upper() == "B")
        out.append(Note(w.BREAK, {"periods": brk}))
    if flags & BOUND:
        bounds = tuple(
            (str(o.period), "≥" if o.bound.name == "AT_LEAST" else "≤", o.value)
            for o in points
            if o.bound.name != "EXACT"
        )
        out.append(Note(w.BOUNDS, {"bounds": bounds}))
    if flags & NO_THRESHOLD:
        out.append(Note(w.NO_THRESHOLD))
    if flags & _WINDOW_GAP:
        out.append(Note(w.WINDOW_GAP))
    if bits & r.PRO_RATA:
        out.append(Note(w.PRO_RATA, {"spread": not bits & r.NO_INTERVAL}))
    for bit, code in (
        (r.NO_INTERVAL, w.NO_INTERVAL),
        (r.ZERO_SPREAD, w.ZERO_SPREAD),
        (r.SHORT_CALIBRATION, w.SHORT_CALIBRATION),
        (r.DROPPED_POINTS, w.DROPPED_POINTS),
        (r.DUPLICATE_TIMES, w.DUPLICATE_TIMES),
    ):
        if bits & bit:
            out.append(Note(code))
    return tuple(out)
