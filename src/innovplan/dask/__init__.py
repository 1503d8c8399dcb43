"""Assess, forecast and grade targets partition-wise on Dask (extra ``[dask]``).

Importing :mod:`innovplan` never imports Dask's data frames; these functions
import them when called (without the extra, a
:class:`~innovplan.errors.MissingDependencyError` names it). Each function
takes a Dask DataFrame of targets and one of observations, with the columns
of the in-process tables (``docs/tables.md``), and returns a lazy Dask
DataFrame whose rows are those of the in-process call on the same tables.
Targets and observations are shuffled by ``indicator`` to the same number of
partitions, so each partition holds every observation of its targets'
indicators; each partition then runs the in-process columnar call.
How-to: ``docs/howto/dask.md``.
"""

from innovplan.dask._api import assess_frame, evaluate_frame, forecast_frame, progress_frame

__all__ = ["assess_frame", "evaluate_frame", "forecast_frame", "progress_frame"]
