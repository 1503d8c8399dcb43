"""Row access shared by the column-wise result collections (assessments, forecasts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, overload

from innovplan.errors import UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Iterator

R = TypeVar("R")


class _Rows(Generic[R]):
    """One result object per target row, by position, target id or slice.

    Subclasses hold their results as columns and provide ``ids`` (target ids,
    row by row), ``__len__``, an ``_index`` dict field (filled on first lookup)
    and ``_one(i)``, the result of row ``i``.
    """

    __slots__ = ()

    _index: dict[str, int]

    @property
    def ids(self) -> tuple[str, ...]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def _one(self, i: int) -> R:
        raise NotImplementedError

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
