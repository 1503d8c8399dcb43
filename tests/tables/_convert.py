"""Model objects to the long tables of docs/tables.md, for comparing the two doors."""

from __future__ import annotations

import numpy as np


def targets_table(targets):
    """One row per target, every column docs/tables.md lists."""
    rows = list(targets)
    nan = float("nan")

    def base(t, f):
        return f(t.baseline) if t.baseline is not None else None

    def tol(t, kind):
        if t.tolerance is None:
            return nan
        if kind == "rel":
            return nan if t.tolerance.relative is None else t.tolerance.relative
        if t.tolerance.absolute is None:
            return nan
        return float(t.tolerance.absolute.to(t.value.units).magnitude)

    return {
        "id": np.array([t.id for t in rows], dtype=object),
        "indicator": np.array([t.indicator.id for t in rows], dtype=object),
        "indicator_unit": np.array([t.indicator.unit for t in rows], dtype=object),
        "indicator_name": np.array(
            [
                t.indicator.name["en"]
                if "en" in t.indicator.name
                else next(iter(t.indicator.name.values()), t.indicator.id)
                for t in rows
            ],
            dtype=object,
        ),
        "measure": np.array([t.indicator.measure.name for t in rows], dtype=object),
        "direction": np.array([t.indicator.direction.value for t in rows], dtype=object),
        "only_grows": np.array([t.indicator.only_grows for t in rows], dtype=bool),
        "comparator": np.array([t.comparator.value for t in rows], dtype=object),
        "value": np.array([float(t.value.magnitude) for t in rows], dtype=float),
        "unit": np.array([str(t.value.units) for t in rows], dtype=object),
        "upper": np.array(
            [nan if t.upper is None else float(t.upper.to(t.value.units).magnitude) for t in rows],
            dtype=float,
        ),
        "deadline": np.array([t.deadline for t in rows], dtype="datetime64[D]"),
        "basis": np.array([t.basis.value for t in rows], dtype=object),
        "start": np.array([t.start or None for t in rows], dtype="datetime64[D]"),
        "plan_start": np.array([t.plan_start or None for t in rows], dtype="datetime64[D]"),
        "baseline": np.array(
            [nan if t.baseline is None else float(t.baseline.value.magnitude) for t in rows],
            dtype=float,
        ),
        "baseline_unit": np.array(
            [base(t, lambda b: str(b.value.units)) for t in rows], dtype=object
        ),
        "baseline_period": np.array([base(t, lambda b: str(b.period)) for t in rows], dtype=object),
        "nature": np.array([t.nature.value for t in rows], dtype=object),
        "tolerance": np.array([tol(t, "rel") for t in rows], dtype=float),
        "tolerance_abs": np.array([tol(t, "abs") for t in rows], dtype=float),
        "weight": np.array([float(t.weight) for t in rows], dtype=float),
        "notes": np.array([t.notes for t in rows], dtype=object),
    }


def observations_table(observations):
    """One row per observation."""
    rows = list(observations)
    # A column per dimension found, as the CSV files write them; none without.
    dims = sorted({d for o in rows for d in o.dimensions})
    coded = {
        f"dim:{d}": np.array(
            [o.dimensions.coded(d) if d in o.dimensions else "" for o in rows], dtype=object
        )
        for d in dims
    }
    return {
        **coded,
        "indicator": np.array([o.indicator for o in rows], dtype=object),
        "period": np.array([str(o.period) for o in rows], dtype=object),
        "value": np.array([float(o.value.magnitude) for o in rows], dtype=float),
        "unit": np.array([str(o.value.units) for o in rows], dtype=object),
        "released": np.array([o.released for o in rows], dtype="datetime64[D]"),
        "bound": np.array([o.bound.value for o in rows], dtype=object),
        "status": np.array([o.status for o in rows], dtype=object),
    }
