"""Columns and lazy rows shared by the result collections.

A result collection holds numpy columns, one row per target. ``columns`` is a
read-only mapping from column name to array, each column built on first use
and kept; ``result[i]`` builds the one row asked for from the columns, at a
cost that does not grow with the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, overload

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.errors import UnknownIdError
from innovplan.evaluate._groups import dimension_codes, dimension_names, row_groups

if TYPE_CHECKING:
    from innovplan.engine import Histories
    from innovplan.model import Observation

R = TypeVar("R")
T = TypeVar("T")


@attrs.frozen
class Coded:
    """A column held as small integer codes into a table of its distinct values.

    Code ``-1`` is "none": the numpy column reads *blank* there (``None`` for
    text and verdicts, ``""`` for statuses) and a frame marks the cell missing.
    Frames are built from the codes (a categorical from its codes, a text
    column by one gather) instead of hashing a million strings again.

    Example:
        >>> import numpy as np
        >>> col = Coded(lambda: np.array([1, -1, 0]), np.array([False, True], dtype=object))
        >>> LazyColumns({"met": col})["met"].tolist()
        [True, None, False]
    """

    codes: Callable[[], npt.NDArray[np.integer[Any]]]
    values: npt.NDArray[Any]
    blank: object = None

    def column(self, codes: npt.NDArray[np.integer[Any]]) -> npt.NDArray[Any]:
        """The values the codes stand for, *blank* for ``-1``, in one gather."""
        table = np.empty(len(self.values) + 1, dtype=self.values.dtype)
        table[:-1] = self.values
        table[-1] = self.blank  # code -1 reads the last entry
        out: npt.NDArray[Any] = table[codes]
        return out


if TYPE_CHECKING:
    Maker: TypeAlias = "Callable[[], npt.NDArray[Any]] | Coded"


class LazyColumns(Mapping[str, "npt.NDArray[Any]"]):
    """Named numpy columns, each built by its function on first access and then kept.

    The arrays are read-only; ``dict(columns)`` builds them all. A column made
    by a :class:`Coded` also gives its codes (:meth:`codes`).
    """

    __slots__ = ("_built", "_codes", "_makers")

    def __init__(self, makers: Mapping[str, Maker]) -> None:
        self._makers = dict(makers)
        self._built: dict[str, npt.NDArray[Any]] = {}
        self._codes: dict[str, npt.NDArray[np.integer[Any]]] = {}

    def maker(self, name: str) -> Maker:
        """What builds column *name* (to hand it on to another set of columns)."""
        try:
            return self._makers[name]
        except KeyError:
            raise UnknownIdError("column", name, tuple(self._makers)) from None

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        got = self._built.get(name)
        if got is None:
            make = self.maker(name)
            if isinstance(make, Coded):
                got = make.column(self._coded(name, make))
            else:
                got = np.asarray(make())
            got.flags.writeable = False
            self._built[name] = got
        return got

    def _coded(self, name: str, make: Coded) -> npt.NDArray[np.integer[Any]]:
        got = self._codes.get(name)
        if got is None:
            got = np.asarray(make.codes())
            if got.flags.writeable:
                got = got.view()  # the result's own array stays writeable for it
                got.flags.writeable = False
            self._codes[name] = got
        return got

    def codes(self, name: str) -> tuple[npt.NDArray[np.integer[Any]], npt.NDArray[Any]] | None:
        """Column *name* as codes and the values they index (``-1``: none), if held so.

        None for a column held as plain values. ``columns[name]`` is
        ``values[codes]``, with the column's blank where a code is ``-1``.

        Example:
            >>> from innovplan import assess_many, datasets
            >>> plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
            >>> cols = assess_many(plan, obs).columns
            >>> codes, values = cols.codes("status")
            >>> values[codes[10]], cols["status"][10], cols.codes("attainment")
            ('achieved', 'achieved', None)
        """
        make = self.maker(name)
        if not isinstance(make, Coded):
            return None
        return self._coded(name, make), make.values

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __contains__(self, name: object) -> bool:
        return name in self._makers

    def __repr__(self) -> str:
        return f"<columns {', '.join(self._makers)}>"


def texts(values: object) -> npt.NDArray[np.object_]:
    """An object array of Python values (str, None, bool) from a sequence, element by element."""
    seq = list(values)  # type: ignore[call-overload]
    out = np.empty(len(seq), dtype=object)
    out[:] = seq
    return out


class _Rows(Generic[R]):
    """One result object per target row, by position, target id or slice.

    Subclasses hold their results as columns and provide ``ids`` (target ids,
    row by row), ``__len__``, ``_index`` and ``_cache`` dict fields (filled on
    first use) and ``_one(i)``, the result of row ``i``, which reads only
    row ``i`` of columns built once (see :meth:`_memo`).
    """

    __slots__ = ()

    _index: dict[str, int]
    _cache: dict[str, Any]

    @property
    def ids(self) -> tuple[str, ...]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def _one(self, i: int) -> R:
        raise NotImplementedError

    def _memo(self, name: str, build: Callable[[], T]) -> T:
        """*build()*'s value, computed on the first call for *name* and kept."""
        cache = self._cache
        if name not in cache:
            cache[name] = build()
        return cache[name]  # type: ignore[no-any-return]

    def index(self, target_id: str) -> int:
        """Row of *target_id*.

        Raises:
            UnknownIdError: No such target.
        """
        if not self._index:
            self._index.update((t, i) for i, t in enumerate(self.ids))
        try:
            return self._index[target_id]
        except KeyError:
            raise UnknownIdError("target", target_id, self.ids) from None

    @overload
    def __getitem__(self, key: int | str) -> R: ...
    @overload
    def __getitem__(self, key: slice) -> list[R]: ...
    def __getitem__(self, key: int | str | slice) -> R | list[R]:
        if isinstance(key, slice):
            return [self._one(i) for i in range(len(self))[key]]
        i = self.index(key) if isinstance(key, str) else range(len(self))[key]
        return self._one(i)

    def __iter__(self) -> Iterator[R]:
        return (self._one(i) for i in range(len(self)))


class _HistoryRows(_Rows[R]):
    """Rows that read the evidence of their targets from ragged histories.

    Subclasses hold ``histories`` (:class:`~innovplan.engine.Histories`): the
    observations behind each row are made once however many rows share them.
    """

    __slots__ = ()

    histories: Histories

    @property
    def ids(self) -> tuple[str, ...]:
        """Target ids, row by row (a target with ``every`` has a row per group)."""
        return self.histories.targets.ids

    @property
    def groups(self) -> npt.NDArray[np.object_]:
        """The :class:`~innovplan.model.Group` of each row (object array)."""
        return row_groups(self.histories.targets)

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The dimensions of the rows' groups, sorted."""
        return dimension_names(self.groups)

    def dimension(self, name: str) -> npt.NDArray[np.object_]:
        """Per row, the code of dimension *name*, ``""`` where the row's group has none.

        Example:
            >>> from innovplan import Q_, forecast_many
            >>> from innovplan.model import Indicator, Observation, Target
            >>> e = Indicator("enrol", "enrolment", unit="percent", measure="share")
            >>> t = Target("G", e, "at_least", Q_(95, "percent"), "2025-12-31", every="sex")
            >>> obs = [Observation("enrol", Q_(90 + y, "percent"), 2015 + y, dimensions={"sex": s})
            ...        for s in "FM" for y in range(8)]
            >>> forecast_many([t], obs).dimension("sex").tolist()
            ['F', 'M']
        """
        return dimension_codes(self.groups, name)

    def _observation(self, row: int) -> Observation | None:
        """The observation at *row*, made once however many targets share it."""
        made: dict[int, Observation | None] = self._memo("observations", dict)
        if row not in made:
            made[row] = self.histories.observation(row)
        return made[row]

    def _points(self, i: int) -> tuple[Observation, ...]:
        """Row *i*'s history as observations (see :meth:`Histories.points`)."""
        h = self.histories
        if h.observations.observations is None:
            return ()
        rows = h.row[h.indptr[i] : h.indptr[i + 1]].tolist()
        return tuple(o for r in rows if r >= 0 and (o := self._observation(r)) is not None)
