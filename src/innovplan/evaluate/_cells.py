"""Reading the columns of a table: numbers, texts, enum names, dates and periods.

A table is any eager dataframe narwhals knows (pandas, polars, a pyarrow
``Table``) or a mapping of column name to a numpy array (or a sequence).
narwhals is imported only when a dataframe arrives. Every column is read as a
whole: numbers with one ``astype``, texts, enum names, dates and periods once
per *distinct* value (a million rows of ten deadlines parse ten dates). A bad
cell raises :class:`~innovplan.errors.ModelError` naming the table, the row,
the column and what would be valid.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib.util
import itertools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

from innovplan.errors import ModelError
from innovplan.model import Period, zoned_day

__all__ = ["Columns", "Table", "TableLike", "as_table", "is_dataframe", "shown"]

TableLike: TypeAlias = Mapping[str, Any] | Any
"""A table: an eager pandas, polars or pyarrow table, or a mapping of column to array."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_E = TypeVar("_E", bound=enum.Enum)
# Below this many rows dates are worked out row by row.
_SPAN_MIN = 64
# Below this many rows an Arrow text column is hashed without looking for a single text first.
_ONE_TEXT_MIN = 1024
_MISSING_TEXT = frozenset({"", "none", "nan", "nat", "<na>", "null"})
# The extended calendar form only: date.fromisoformat also reads "20231231".
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Dataframe libraries narwhals reads; anything exposing these protocols also counts.
_FRAME_MODULES = frozenset({"pandas", "polars", "pyarrow", "modin", "cudf"})


def is_dataframe(value: object) -> bool:
    """Whether *value* is a dataframe for narwhals (checked without importing it).

    Example:
        >>> is_dataframe({"id": [1]}), is_dataframe([1, 2])
        (False, False)
    """
    if isinstance(value, Mapping | str | bytes):
        return False
    module = type(value).__module__.split(".", 1)[0]
    return module in _FRAME_MODULES or hasattr(value, "__narwhals_dataframe__")


def _dataframe_columns(
    value: object, what: str
) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
    _refuse_repeated_names(value, what)
    direct = _native_columns(value)
    if direct is not None:
        return direct
    try:
        import narwhals.stable.v1 as nw
    except ImportError:
        from innovplan.errors import MissingDependencyError

        raise MissingDependencyError("narwhals", "pandas", "tables of targets") from None
    try:
        frame = nw.from_native(value, eager_only=True)
    except nw.exceptions.DuplicateError:
        # A backend whose names were not at hand above: narwhals found the repeat.
        msg = "has a column name more than once; give each column a distinct name"
        raise ModelError(what, "", msg) from None
    except TypeError:
        msg = (
            f"cannot read a {type(value).__name__} as a table; pass an eager pandas, "
            "polars or pyarrow table, or a mapping of column name to numpy array"
        )
        raise ModelError(what, "", msg) from None
    direct = None
    if frame.implementation.is_pandas():
        direct = _pandas_columns(frame.to_native())
    elif frame.implementation.is_polars() and _have_pyarrow():
        direct = _polars_columns(frame.to_native())
    elif frame.implementation.is_pyarrow():
        direct = _pyarrow_columns(frame.to_native())
    if direct is not None:
        return direct
    arrow = _arrow_texts(frame)
    # Arrow text columns are kept as they are: their cells become Python
    # objects only if a row's text is needed (see Columns).
    return {
        str(name): arrow[name] if name in arrow else _local_numpy(frame.get_column(name))
        for name in frame.columns
    }, arrow


def _local_times(col: Any, arr: npt.NDArray[Any], name: str) -> npt.NDArray[Any]:
    """A polars or Arrow column of zoned times as their wall clock (``arr`` is UTC's), else *arr*.

    numpy has no zones; a pandas column of them is read as ``Timestamp``
    objects, each its own local date already.
    """
    if getattr(getattr(col, "dtype", None), "time_zone", None) is not None:  # polars
        return np.asarray(col.dt.replace_time_zone(None).to_numpy())
    if getattr(getattr(col, "type", None), "tz", None) is not None:  # pyarrow
        pa = importlib.import_module("pyarrow")
        chunked = col if hasattr(col, "chunks") else pa.chunked_array([col])
        return _chunked_numbers(_arrow_local(chunked, name))
    return arr


def _local_numpy(series: Any) -> npt.NDArray[Any]:
    """A narwhals column as numpy; zoned times as their wall clock, so a day is the local date."""
    if getattr(series.dtype, "time_zone", None) is not None:
        series = series.dt.replace_time_zone(None)  # (to_numpy would give UTC)
    return np.asarray(series.to_numpy())


def _refuse_repeated_names(value: object, what: str) -> None:
    """Refuse a pandas frame or pyarrow table that names a column twice.

    Cells are read by column name, so a repeated name has no single column;
    names that are the same as text (``0`` and ``"0"``) would read as one.
    A polars frame cannot repeat a name.
    """
    pd, pa = sys.modules.get("pandas"), sys.modules.get("pyarrow")
    if pd is not None and isinstance(value, pd.DataFrame):
        index = value.columns
        # Names of pandas' text dtype, none missing, are their own texts: the
        # index's uniqueness (kept by the index) answers without listing them.
        if isinstance(index.dtype, pd.StringDtype) and not index.hasnans and index.is_unique:
            return
        names = [str(n) for n in index.tolist()]  # (not the Index's own iteration)
    elif pa is not None and isinstance(value, pa.Table):
        names = [str(n) for n in value.column_names]
    else:
        return
    if len(set(names)) == len(names):
        return
    repeated = [n for n, count in Counter(names).items() if count > 1]
    msg = (
        f"the column name(s) {', '.join(map(repr, repeated))} appear more than once; "
        "give each column a distinct name"
    )
    raise ModelError(what, "", msg)


def _native_columns(value: object) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The columns of a pandas or polars frame or a pyarrow table read in one pass, else None.

    Only these exact types, whose column names are distinct (what narwhals
    checks of them first), skip its wrapping; anything else, or a frame the
    one pass declines, goes through narwhals with its checks and errors.
    """
    kind = type(value)
    pd, pl, pa = (sys.modules.get(m) for m in ("pandas", "polars", "pyarrow"))
    if pd is not None and kind is pd.DataFrame:
        return _pandas_columns(value)
    if pl is not None and kind is pl.DataFrame and pa is not None:
        return _polars_columns(value)  # a polars frame's names are distinct
    if pa is not None and kind is pa.Table:
        names = value.column_names  # type: ignore[attr-defined]
        if len(set(names)) == len(names):
            return _pyarrow_columns(value)
    return None


def _pandas_columns(native: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A pandas frame's columns in one pass, or None when one needs narwhals' reading.

    Columns of a numpy dtype are read as narwhals reads them (``to_numpy()``,
    no copy) and Arrow-backed text columns are kept as Arrow arrays, without
    narwhals' per-column wrappers: a small table costs its columns, not the
    wrapping. Other extension dtypes (nullable integers, time zones, ...) and
    repeated column names go the general way.
    """
    if native.columns.has_duplicates:
        return None
    arrow_loaded = "pyarrow" in sys.modules  # pandas holds no Arrow column without it
    columns: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    for name, series in native.items():
        key = str(name)
        if isinstance(series.dtype, np.dtype):
            columns[key] = series.to_numpy()
            continue
        arr = _pandas_arrow_text(series) if arrow_loaded else None
        if arr is None:
            return None
        columns[key] = texts[key] = arr
    return columns, texts


def _have_pyarrow() -> bool:
    return "pyarrow" in sys.modules or importlib.util.find_spec("pyarrow") is not None


# Arrow's text types, as narwhals reads them as String.
_ARROW_TEXT = frozenset({"string", "large_string", "string_view"})
# Those whose arrays pyarrow can `take` from (string_view has no take kernel in
# pyarrow 26): the run-by-run reading needs it; string_view is dictionary-encoded.
_ARROW_TAKE_TEXT = frozenset({"string", "large_string"})


def _polars_columns(native: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A polars frame's columns in one pass, as narwhals reads them, without its wrappers.

    Text columns as Arrow arrays (one chunk each), the others through
    ``__array__`` as narwhals calls it.
    """
    pl = sys.modules["polars"]
    text = pl.String
    # polars holds text as Arrow string views: handed over as they are, with
    # no copy into a large_string array (about 0.1 ms per 38,000 rows), when
    # this pyarrow reads views. Only the readers that need offsets convert.
    views = hasattr(pl, "CompatLevel") and _arrow_reads_views()
    level = pl.CompatLevel.newest() if views else None
    columns: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    for series in native.get_columns():
        key = str(series.name)
        if series.dtype == text:
            arr = series.to_arrow() if level is None else series.to_arrow(compat_level=level)
            # A chunked column becomes one array (chunks would encode separately).
            arr = _one_chunk(arr)
            columns[key] = texts[key] = arr
        else:
            # Zoned times as their wall clock: a day is the local date, not UTC's.
            zoned = getattr(series.dtype, "time_zone", None) is not None
            col = series.dt.replace_time_zone(None) if zoned else series
            columns[key] = col.__array__(dtype=None, copy=None)  # as narwhals reads it
    return columns, texts


@functools.cache
def _arrow_reads_views() -> bool:
    """Whether pyarrow compares, encodes and converts string view arrays (newer ones do)."""
    pa = importlib.import_module("pyarrow")
    pc = importlib.import_module("pyarrow.compute")
    try:
        # Built from its buffers: pa.array and to_numpy import pandas (pyarrow
        # 26), which a polars or pyarrow table does not otherwise need.
        offsets = pa.py_buffer(np.array([0, 1, 2, 3], dtype=np.int64))
        texts = pa.Array.from_buffers(pa.large_string(), 3, [None, offsets, pa.py_buffer(b"abb")])
        views = texts.cast(pa.string_view())
        same = pc.not_equal(views.slice(1), views.slice(0, 2)).to_pylist() == [True, False]
        return bool(
            same
            and pc.all(pc.equal(views, views[0])).as_py() is False
            and views.dictionary_encode().dictionary.to_pylist() == ["a", "b"]
            and views.to_pylist() == ["a", "b", "b"]
            and views.cast(pa.large_string()).to_pylist() == ["a", "b", "b"]
            and _cells_at(views.slice(1))(np.array([1, 0])) == ["b", "b"]
        )
    except (AttributeError, TypeError, ValueError, NotImplementedError, pa.ArrowException):
        return False


def _text_objects(arr: Any) -> npt.NDArray[Any]:
    """An Arrow text array as an object array of Python texts (None for a null).

    ``to_numpy`` imports pandas (pyarrow 26), about half a second the first
    time: it is used only once pandas is loaded. Otherwise the cells come from
    ``to_pylist``, the same texts (about 30 ns a row slower).
    """
    if "pandas" in sys.modules:
        return np.asarray(arr.to_numpy(zero_copy_only=False))
    out = np.empty(len(arr), dtype=object)
    out[:] = arr.to_pylist()
    return out


def _indices(arr: Any) -> IntArray:
    """A dictionary's indices (an Arrow integer array without nulls) as int64, read from its buffer.

    The same numbers as ``to_numpy``, which imports pandas (pyarrow 26).
    """
    dtype = _ARROW_NUMBERS[str(arr.type)]
    if len(arr) == 0:
        return np.zeros(0, dtype=np.int64)
    data = np.frombuffer(
        arr.buffers()[1], dtype=dtype, count=len(arr), offset=arr.offset * dtype.itemsize
    )
    return data.astype(np.int64)


def _as_offsets(arr: Any) -> Any:
    """An Arrow text array with offsets: a string view array as large_string, others as they are."""
    if str(arr.type) != "string_view":
        return arr
    return arr.cast(importlib.import_module("pyarrow").large_string())


def _pyarrow_columns(native: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A pyarrow table's columns in one pass, as narwhals reads them, without its wrappers."""
    columns: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    for name, given in zip(native.column_names, native.columns, strict=True):
        key = str(name)
        col = _decoded(given)
        if str(col.type) in _ARROW_TEXT:
            arr = _one_chunk(col)  # one array: chunks would encode separately
            columns[key] = texts[key] = arr
        else:
            columns[key] = _chunked_numbers(_arrow_local(col, key))
    return columns, texts


def _decoded(col: Any) -> Any:
    """A dictionary-encoded Arrow column as its values, nulls kept; anything else as it is.

    pyarrow's ``to_numpy`` of a chunked dictionary column reads a null as one
    of the dictionary's entries (pyarrow 26: a column ``["a", None]`` gives
    ``['a', 'a']``): decoded, a null stays a null, an empty cell.

    Example:
        >>> import pyarrow as pa
        >>> _decoded(pa.chunked_array([pa.array(["a", None]).dictionary_encode()])).to_pylist()
        ['a', None]
    """
    pa = sys.modules.get("pyarrow")
    if pa is None or not isinstance(col, pa.Array | pa.ChunkedArray):
        return col
    if not pa.types.is_dictionary(col.type):
        return col
    return col.cast(col.type.value_type)


def _arrow_local(col: Any, name: str) -> Any:
    """An Arrow column of zoned timestamps as their wall clock in their zone, else *col*.

    Arrow holds UTC; the wall clock's day is the local date, the publisher's
    own. (Arrow's ``local_timestamp`` kernel, without pandas.)
    """
    zone = getattr(col.type, "tz", None)
    if zone is None:
        return col
    pa = importlib.import_module("pyarrow")
    try:
        return importlib.import_module("pyarrow.compute").local_timestamp(col)
    except pa.ArrowException as exc:  # a zone Arrow does not know: no local dates
        msg = (
            f"its time zone {zone!r} is not one Arrow knows ({exc}); give a zone of the "
            "IANA database such as 'Asia/Shanghai', or a UTC offset such as '+08:00'"
        )
        raise ModelError("pyarrow table", f"column {name!r}", msg) from None


# Arrow's fixed-width number types as numpy reads their data buffers (Arrow
# columnar format, "Fixed-size Primitive Layout": native order, no padding).
_ARROW_NUMBERS = {
    f"{kind}{bits}": np.dtype(f"{code}{bits // 8}")
    for kind, code in (("int", "i"), ("uint", "u"))
    for bits in (8, 16, 32, 64)
} | {"float": np.dtype(np.float32), "double": np.dtype(np.float64)}


def _chunked_numbers(col: Any) -> npt.NDArray[Any]:
    """A pyarrow column as ``ChunkedArray.to_numpy`` gives it, read from its buffers.

    ``to_numpy`` imports pandas (pyarrow 26), about half a second the first
    time, for a table that does not otherwise need it. Numbers, booleans,
    dates and timestamps are read from their buffers (Arrow columnar format,
    "Fixed-size Primitive Layout" and "Validity bitmaps") into what
    ``to_numpy`` returns: integers and floats without nulls are the data as
    they are (one chunk a read-only view, several joined into a copy); a null
    makes integers float64 and is NaN; booleans are unpacked from their bits,
    and with a null are Python objects, None at the null; date32 is
    ``datetime64[D]``, date64 ``datetime64[ms]``, a timestamp ``datetime64`` of
    its unit (UTC when zoned, a view when it can be), NaT at a null. Other
    types go to ``to_numpy``.
    """
    kind = str(col.type)
    dtype = _ARROW_NUMBERS.get(kind)
    if dtype is not None:
        return _arrow_numbers(col, dtype)
    if kind == "bool":
        return _arrow_booleans(col)
    if kind == "null":  # no buffer at all: every cell None
        out = np.empty(len(col), dtype=object)
        out.fill(None)
        return out
    stored = _arrow_moments(col.type)
    if stored is not None:
        return _arrow_times(col, stored[0], stored[1], view=stored[2])
    return np.asarray(col.to_numpy())


def _arrow_moments(kind: Any) -> tuple[np.dtype[Any], np.dtype[Any], bool] | None:
    """How an Arrow date or timestamp type is stored and what ``to_numpy`` makes of it, else None.

    The integer of its data buffer, the ``datetime64`` unit, and whether a
    chunk without nulls is handed over as a view (timestamps) or copied
    (dates, as ``to_numpy`` does).
    """
    types: Any = importlib.import_module("pyarrow.types")  # untyped: no stubs
    if types.is_date32(kind):
        return np.dtype(np.int32), np.dtype("datetime64[D]"), False
    if types.is_date64(kind):
        return np.dtype(np.int64), np.dtype("datetime64[ms]"), False
    if types.is_timestamp(kind):
        return np.dtype(np.int64), np.dtype(f"datetime64[{kind.unit}]"), True
    return None


def _chunk_data(chunk: Any, dtype: np.dtype[Any]) -> npt.NDArray[Any]:
    """One Arrow chunk's data buffer as numbers of *dtype*, at its offset (a view)."""
    if not len(chunk):
        return np.empty(0, dtype=dtype)
    return np.frombuffer(
        chunk.buffers()[1], dtype=dtype, count=len(chunk), offset=chunk.offset * dtype.itemsize
    )


def _chunk_bits(chunk: Any, buffer: int) -> BoolArray:
    """One Arrow chunk's bitmap *buffer* (0 validity, 1 boolean data) as bools, at its offset."""
    start, n = chunk.offset % 8, len(chunk)
    if not n:
        return np.zeros(0, dtype=np.bool_)
    # Eight to a byte, least significant bit first ("Validity bitmaps"):
    # only the bytes the slice covers, so a slice deep in a large buffer
    # costs its own length, not its offset.
    bits = np.frombuffer(
        chunk.buffers()[buffer],
        dtype=np.uint8,
        count=(start + n + 7) // 8,
        offset=chunk.offset // 8,
    )
    unpacked = np.unpackbits(bits, count=start + n, bitorder="little")[start:]
    out: BoolArray = unpacked.view(np.bool_)
    return out


def _joined(parts: list[npt.NDArray[Any]], dtype: np.dtype[Any]) -> npt.NDArray[Any]:
    """The chunks' arrays as one: the only one as it is, several joined."""
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


def _arrow_nulls(col: Any) -> BoolArray:
    """Where a chunked Arrow column with nulls has them, from each chunk's validity bitmap."""
    parts = [
        ~_chunk_bits(chunk, 0) if chunk.null_count else np.zeros(len(chunk), dtype=bool)
        for chunk in col.chunks
    ]
    return _joined(parts, np.dtype(np.bool_))


def _arrow_numbers(col: Any, dtype: np.dtype[Any]) -> npt.NDArray[Any]:
    """:func:`_chunked_numbers` of integers or floats stored as *dtype*."""
    parts = [_chunk_data(chunk, dtype) for chunk in col.chunks]
    if not col.null_count:
        if len(parts) == 1:
            view = parts[0]
            view.flags.writeable = False  # the table's own memory, read-only as to_numpy's
            return view
        return _joined(parts, dtype)
    # A null: floats (float32 stays float32, integers become float64), NaN there.
    out = _joined(parts, dtype).astype(dtype if dtype.kind == "f" else np.float64)
    out[_arrow_nulls(col)] = np.nan
    return out


def _arrow_booleans(col: Any) -> npt.NDArray[Any]:
    """:func:`_chunked_numbers` of booleans: bools, or objects with None at a null."""
    values = _joined([_chunk_bits(chunk, 1) for chunk in col.chunks], np.dtype(np.bool_))
    if not col.null_count:
        return values
    out = values.astype(object)  # Python's True and False
    out[_arrow_nulls(col)] = None
    return out


def _arrow_times(
    col: Any, stored: np.dtype[Any], unit: np.dtype[Any], *, view: bool
) -> npt.NDArray[Any]:
    """:func:`_chunked_numbers` of dates or times stored as *stored*: ``datetime64`` of *unit*."""
    parts = [_chunk_data(chunk, stored) for chunk in col.chunks]
    if view and len(parts) == 1 and not col.null_count:
        out = parts[0].view(unit)
        out.flags.writeable = False  # the table's own memory, read-only as to_numpy's
        return out
    ticks = _joined(parts, stored).astype(np.int64)  # a copy, even of one chunk
    if col.null_count:
        ticks[_arrow_nulls(col)] = np.iinfo(np.int64).min  # numpy's NaT
    return ticks.view(unit)


def _arrow_texts(frame: Any) -> dict[str, Any]:
    """The text columns of a polars or pyarrow table as Arrow arrays (one chunk each).

    Arrow makes an object array of them several times faster than polars'
    ``to_numpy``, and encodes them as a dictionary (distinct texts, each row's
    index) in one hashing pass, without pandas. pandas' own Arrow-backed text
    columns (its default ``str`` dtype) are read the same way, without a copy.
    """
    if frame.implementation.is_pandas():
        return _pandas_arrow_texts(frame.to_native())
    if not (frame.implementation.is_polars() or frame.implementation.is_pyarrow()):
        return {}
    if importlib.util.find_spec("pyarrow") is None:  # polars without pyarrow: its to_numpy
        return {}
    import narwhals.stable.v1 as nw

    out = {}
    for name in frame.columns:
        series = frame.get_column(name)
        if series.dtype == nw.String:
            arr = series.to_arrow()
            # A chunked column becomes one array (chunks would encode separately).
            out[str(name)] = _one_chunk(arr)
    return out


def _pandas_arrow_texts(native: Any) -> dict[str, Any]:
    """The Arrow-backed text columns of a pandas frame, as Arrow arrays (one chunk each)."""
    if "pyarrow" not in sys.modules:  # pandas holds no Arrow column without it
        return {}
    out = {}
    for name in native.columns:
        # (A name given twice reads as a frame, which has no array.)
        arr = _pandas_arrow_text(native[name])
        if arr is not None:
            out[str(name)] = arr
    return out


def _pandas_arrow_text(series: Any) -> Any:
    """A pandas column's Arrow text data (one chunk), or None when it is not Arrow text."""
    return _arrow_text_of(getattr(series, "array", None))


def _arrow_text_of(array: Any) -> Any:
    """A pandas extension array's Arrow text data (one chunk), or None when it is not Arrow text."""
    to_arrow = getattr(array, "__arrow_array__", None)
    if to_arrow is None:
        return None
    arr = to_arrow()  # the column's own Arrow data, no copy
    if str(arr.type) not in _ARROW_TEXT:
        return None
    # A chunked column becomes one array (chunks would encode separately).
    return _one_chunk(arr)


def _one_chunk(arr: Any) -> Any:
    """An Arrow column as one array: its only chunk as it is, else the chunks joined.

    ``combine_chunks`` copies even a single chunk; Arrow's allocator then
    hands the copy's pages back and a next call faults them in again.
    """
    if not hasattr(arr, "combine_chunks"):  # an Array already
        return arr
    if arr.num_chunks == 1:
        return arr.chunk(0)
    return arr.combine_chunks()


class Columns(Mapping[str, npt.NDArray[Any]]):
    """A table's columns by name as numpy arrays; Arrow text columns are converted when first read.

    Converting a text column makes a Python object per row; most columns are
    only ever encoded (distinct texts and each row's index), which Arrow does
    without them.

    Example:
        >>> cols = Columns({"value": np.array([1.5])}, {})
        >>> list(cols), cols["value"].tolist(), cols.loaded("value")
        (['value'], [1.5], True)
    """

    def __init__(self, ready: dict[str, npt.NDArray[Any]], arrow: Mapping[str, Any]) -> None:
        self._ready = ready
        self._arrow = arrow
        self._names = list(ready)

    def add(self, name: str, arr: npt.NDArray[Any] | None) -> None:
        """Column *name*: *arr*, or (None) the Arrow array of that name, converted when read."""
        if arr is not None:
            self._ready[name] = arr
        self._names.append(name)

    def loaded(self, name: str) -> bool:
        """Whether column *name* is held as a numpy array already."""
        return name in self._ready

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        arr = self._ready.get(name)
        if arr is None:
            arr = _text_objects(self._arrow[name])
            self._ready[name] = arr
        return arr

    def __contains__(self, name: object) -> bool:
        return name in self._ready or name in self._arrow

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class Table:
    """The columns of one table as numpy arrays, with readers that name bad cells.

    Example:
        >>> t = Table({"value": [1.5, 2.0]}, "targets table")
        >>> len(t), t.floats("value").tolist()
        (2, [1.5, 2.0])
    """

    def __init__(
        self,
        columns: Mapping[str, Any],
        what: str,
        rows: IntArray | None = None,
        arrow: Mapping[str, Any] | None = None,
    ) -> None:
        self.what = what
        self._arrow = arrow or {}  # text columns as Arrow arrays, as read from the table
        self.rows = rows  # for a part of a table: each row's row in the whole
        self.columns = Columns({}, self._arrow)
        n: int | None = None
        for name, col in columns.items():
            if not isinstance(name, str):
                raise ModelError(what, "", f"column names are text, got {name!r}")
            if name in self._arrow and col is self._arrow[name]:  # read when first needed
                if n is not None and len(col) != n:
                    msg = f"has {len(col)} rows, the columns before it {n}"
                    raise ModelError(what, f"column {name!r}", msg)
                n = len(col)
                self.columns.add(name, None)
                continue
            # (An Arrow dictionary column given in a mapping: as its values.)
            given = col if isinstance(col, np.ndarray) else _decoded(col)
            arr = np.asarray(given)
            if arr.dtype.kind == "M" and not isinstance(given, np.ndarray):
                arr = _local_times(given, arr, name)
            if arr.dtype.kind in "US" and isinstance(given, list | tuple):
                # numpy makes text of [10.0, "12"]: keep each cell as it came.
                arr = np.array(given, dtype=object)
            if arr.ndim != 1:
                msg = f"a column is one-dimensional, got shape {arr.shape}"
                raise ModelError(what, f"column {name!r}", msg)
            if n is not None and arr.shape[0] != n:
                msg = f"has {arr.shape[0]} rows, the columns before it {n}"
                raise ModelError(what, f"column {name!r}", msg)
            n = arr.shape[0]
            self.columns.add(name, arr)
        self.n = n or 0
        self._factors: dict[str, tuple[list[Any], IntArray, IntArray]] = {}
        # Per Arrow column without nulls: its distinct texts as Arrow, with the cells.
        self._arrow_cells: dict[str, tuple[Any, list[Any]]] = {}
        # Per column: distinct texts another table read, likely this column's too.
        self._expected: dict[str, tuple[Any, list[Any]]] = {}
        # Per column of whole years read by periods(): each year's first and
        # last day over the column's span of years, and each row's year.
        self._year_spans: dict[str, tuple[IntArray, IntArray, IntArray]] = {}
        # Per object column of text only read by texts(): its cells joined by line breaks.
        self._lines: dict[str, str] = {}
        # Per (column, day of the year) of whole years read by days(): each year's day, row's year.
        self._year_days: dict[tuple[str, tuple[int, int]], tuple[IntArray, IntArray]] = {}

    def __len__(self) -> int:
        return self.n

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def fail(self, row: int, column: str, message: str) -> ModelError:
        """An error naming the table, *row* and *column*."""
        if self.rows is not None:
            row = int(self.rows[row])
        return ModelError(f"{self.what} row {row}", column, message)

    def part(self, rows: IntArray) -> Table:
        """The rows *rows* of this table, naming the whole table's rows in errors.

        Example:
            >>> t = Table({"value": [1.0, None]}, "targets table")
            >>> t.part(np.array([1])).floats("value", required=True)
            Traceback (most recent call last):
            ...
            innovplan.errors.ModelError: targets table row 1.value: a number is required here, ...
        """
        if rows.shape[0] == self.n:
            return self
        whole = rows if self.rows is None else self.rows[rows]
        return Table({k: v[rows] for k, v in self.columns.items()}, self.what, whole)

    def cell(self, column: str, row: int) -> object:
        """The cell as a Python object (for messages)."""
        value = self.columns[column][row]
        return value.item() if isinstance(value, np.generic) else value

    def require(self, *names: str) -> None:
        """Refuse a table without one of *names*."""
        missing = [n for n in names if n not in self.columns]
        if missing:
            have = ", ".join(sorted(self.columns)) or "none"
            msg = f"needs the column(s) {', '.join(missing)}; it has {have} (see docs/tables.md)"
            raise ModelError(self.what, "", msg)

    def _missing(self, arr: npt.NDArray[Any]) -> BoolArray:
        miss: BoolArray
        if arr.dtype.kind == "f":
            miss = np.isnan(arr)
        elif arr.dtype.kind == "M":
            miss = np.isnat(arr)
        elif arr.dtype.kind == "O":
            miss = np.frompyfunc(_is_missing, 1, 1)(arr).astype(bool)
        else:
            miss = np.zeros(arr.shape[0], dtype=bool)
        return miss

    def floats(self, name: str, default: float = np.nan, *, required: bool = False) -> FloatArray:
        """A column of numbers; missing cells are *default* (refused when *required*)."""
        arr = self.columns.get(name)
        if arr is None:
            return np.full(self.n, default)
        if arr.dtype.kind in "fiu":
            out = arr.astype(np.float64)
        elif arr.dtype.kind == "O":
            miss = self._missing(arr)
            numbers = np.frompyfunc(_is_number, 1, 1)(arr).astype(bool)
            if not (numbers | miss).all():
                row = int(np.flatnonzero(~(numbers | miss))[0])
                msg = f"expected a number (int or float), got {self.cell(name, row)!r}"
                raise self.fail(row, name, msg)
            out = np.where(miss, np.nan, arr).astype(np.float64)
        else:
            got = f"{arr.dtype} values such as {self.cell(name, 0)!r}"
            msg = f"expected a column of numbers, got {got}"
            raise self.fail(0, name, msg)
        if bool(np.isfinite(out).all()):  # no empty cell and no infinity: nothing to look for
            return out
        missing = np.isnan(out)
        if required and missing.any():
            row = int(np.flatnonzero(missing)[0])
            raise self.fail(row, name, "a number is required here, got an empty cell")
        inf = np.flatnonzero(np.isinf(out))
        if inf.size:
            row = int(inf[0])
            raise self.fail(row, name, f"expected a finite number, got {shown(out[row])}")
        if not missing.any():  # out is a copy already: no second one
            return out
        return np.where(missing, default, out)

    def texts(self, name: str, default: str = "", *, required: bool = False) -> npt.NDArray[Any]:
        """A column of text (an object or str array); missing cells are *default*.

        Types are checked once per distinct cell, not per row.
        """
        arr = self.columns.get(name)
        if arr is None or _all_nan(arr):
            if required:
                self.require(name)  # (a column left out)
                raise self.fail(0, name, "text is required here, got an empty cell")
            out = np.empty(self.n, dtype=object)
            out.fill(default)  # (np.full's copy from a 0-d array costs four times this)
            return out
        if arr.shape[0] == 0:
            return np.zeros(0, dtype=object)
        if arr.dtype.kind in "US":
            return arr
        if arr.dtype.kind != "O":
            raise self.fail(0, name, f"expected a column of text, got {arr.dtype} values")
        if self._text_only(name, arr):
            return arr
        cells, first, inverse = self.distinct(arr, name)
        cell_miss = np.array([_is_missing(x) for x in cells], dtype=bool)
        cell_bad = np.array([not isinstance(x, str) for x in cells], dtype=bool) & ~cell_miss
        if cell_bad.any():
            row = int(first[cell_bad].min())
            raise self.fail(row, name, f"expected text, got {self.cell(name, row)!r}")
        if not cell_miss.any():
            return arr
        miss = cell_miss[inverse]
        if required:
            row = int(np.flatnonzero(miss)[0])
            raise self.fail(row, name, "text is required here, got an empty cell")
        out = arr.copy()
        out[miss] = default
        return out

    def _text_only(self, name: str, arr: npt.NDArray[Any]) -> bool:
        """Whether object column *name* (*arr*) holds text only; its joined lines kept if so."""
        arrow = self._arrow.get(name)
        if arrow is not None and arrow.null_count == 0:
            return True  # an Arrow text column with no null holds text only
        if arr is not self.columns.get(name):
            return _all_text(arr)
        joined = _joined_lines(arr)
        if joined is None:
            return False
        self._lines[name] = joined  # for lines_of()
        return True

    def text_distinct(
        self, name: str, default: str = "", *, required: bool = False
    ) -> tuple[list[Any], IntArray, IntArray]:
        """:meth:`distinct` of :meth:`texts` of column *name*, without reading every row's cell.

        An Arrow text column without nulls is encoded as it is, and an object
        column's types are checked over its distinct cells: no Python object
        per row is made or inspected.

        Example:
            >>> t = Table({"unit": np.array(["t", "t", "t"], dtype=object)}, "table")
            >>> cells, first, inverse = t.text_distinct("unit")
            >>> cells, first.tolist(), inverse.tolist()
            (['t'], [0], [0, 0, 0])
        """
        arrow = self._arrow.get(name)
        if arrow is not None and arrow.null_count == 0 and len(arrow):
            return self.column_distinct(name)
        if name in self.columns:
            arr = self.columns[name]
            if arr.dtype.kind == "O" and arr.shape[0]:
                found = self.distinct(arr, name)
                # Every distinct cell is text: :meth:`texts` would give the column
                # itself (one str.join in C, not an isinstance call per cell).
                if _all_text(found[0]):
                    return found
        values = self.texts(name, default, required=required)
        own = self.columns.loaded(name) and values is self.columns[name]
        return self.distinct(values, name if own else None)

    def column_distinct(self, name: str) -> tuple[list[Any], IntArray, IntArray]:
        """:meth:`distinct` of column *name* as it is, through Arrow when it is an Arrow column.

        Example:
            >>> Table({"g": ["a", "b", "a"]}, "table").column_distinct("g")[0]
            ['a', 'b']
        """
        found = self._factors.get(name)
        if found is not None:
            return found
        arrow = self._arrow.get(name)
        if arrow is not None and len(arrow):
            return self._arrow_factor(name, arrow)
        return self.distinct(self.columns[name], name)

    def _arrow_factor(self, name: str, arrow: Any) -> tuple[list[Any], IntArray, IntArray]:
        cells, first, inverse, texts = _arrow_factor(arrow, self._expected.get(name))
        found = self._factors[name] = (cells, first, inverse)
        if texts is not None and arrow.null_count == 0:
            self._arrow_cells[name] = (texts, cells)
        return found

    def arrow_cells(self, name: str) -> tuple[Any, list[Any]] | None:
        """Column *name*'s distinct texts as an Arrow array and as its cells, if read through Arrow.

        Only for an Arrow text column without nulls whose distinct cells were
        found already; for :meth:`expect` of another table.

        Example:
            >>> import pyarrow as pa
            >>> ids = pa.array(["a", "b"] * 40)
            >>> t = Table({"g": ids}, "t", arrow={"g": ids})
            >>> _ = t.column_distinct("g")
            >>> texts, cells = t.arrow_cells("g")
            >>> texts.to_pylist(), cells
            (['a', 'b'], ['a', 'b'])
        """
        return self._arrow_cells.get(name)

    def expect(self, name: str, cells: tuple[Any, list[Any]] | None) -> None:
        """Say column *name* likely holds the distinct texts *cells* (:meth:`arrow_cells`), in runs.

        When column *name* is an Arrow column whose runs begin with exactly
        these texts in this order, its distinct cells are these objects: the
        cells are compared as one Arrow array, not read one by one.

        Example:
            >>> import pyarrow as pa
            >>> ids = pa.array(["a"] * 40 + ["b"] * 40)
            >>> t = Table({"g": ids}, "t", arrow={"g": ids})
            >>> known = ["a", "b"]
            >>> t.expect("g", (pa.array(known), known))
            >>> cells, first, _ = t.column_distinct("g")
            >>> cells, first.tolist()
            (['a', 'b'], [0, 40])
        """
        if cells is not None and name not in self._factors:
            self._expected[name] = cells

    def text_bytes(
        self, name: str, values: npt.NDArray[Any] | None = None
    ) -> tuple[bytes, IntArray] | None:
        """Column *name*'s UTF-8 text and each row's start in it (and the end), else None.

        Only for an Arrow text column without nulls (and *values*, if given,
        read from it): its data as one ``bytes`` and ``n + 1`` offsets from
        0, without a Python text per row.

        Example:
            >>> import pyarrow as pa
            >>> ids = pa.array(["T1", "T22"])
            >>> t = Table({"id": ids}, "t", arrow={"id": ids})
            >>> data, offsets = t.text_bytes("id", t.columns["id"])
            >>> data, offsets.tolist()
            (b'T1T22', [0, 2, 5])
        """
        arrow = self._arrow.get(name)
        if arrow is None or arrow.null_count:
            return None
        if values is not None and not (self.columns.loaded(name) and values is self.columns[name]):
            return None
        return _text_bytes(arrow)

    def lines_of(self, name: str, values: npt.NDArray[Any]) -> str | None:
        """Column *name*'s cells joined by line breaks, when :meth:`texts` joined them for *values*.

        :meth:`texts` tells an object column holds text only by joining its
        cells; a check of every text reads the joined text again, not the cells.

        Example:
            >>> t = Table({"id": np.array(["T1", "T2"], dtype=object)}, "t")
            >>> print(t.lines_of("id", t.texts("id")))
            T1
            T2
        """
        if values is not self.columns.get(name):
            return None
        return self._lines.get(name)

    def distinct_text_bytes(self, name: str) -> tuple[bytes, IntArray] | None:
        """:meth:`text_bytes` of column *name*'s distinct texts (:meth:`arrow_cells`), else all.

        Every distinct text is a row's and every row's text a distinct one:
        a check of every text reads the fewer bytes.

        Example:
            >>> import pyarrow as pa
            >>> ids = pa.array(["a", "bc"] * 40)
            >>> t = Table({"g": ids}, "t", arrow={"g": ids})
            >>> _ = t.column_distinct("g")
            >>> data, offsets = t.distinct_text_bytes("g")
            >>> data, offsets.tolist()
            (b'abc', [0, 1, 3])
        """
        known = self._arrow_cells.get(name)
        if known is None:
            return self.text_bytes(name)
        return _text_bytes(known[0])

    def bools(self, name: str, *, default: bool = False) -> BoolArray:
        """A column of True/False; missing cells are *default*."""
        arr = self.columns.get(name)
        if arr is None:
            return np.full(self.n, default)
        if arr.dtype.kind == "b":
            return arr.astype(bool)
        miss = self._missing(arr)
        ok = np.isin(arr, [True, False]) | miss
        if not ok.all():
            row = int(np.flatnonzero(~ok)[0])
            raise self.fail(row, name, f"expected True or False, got {self.cell(name, row)!r}")
        return np.where(miss, default, arr).astype(bool)

    def distinct(
        self, values: npt.NDArray[Any], name: str | None = None
    ) -> tuple[list[Any], IntArray, IntArray]:
        """Distinct cells, the first row of each, and each row's index into them.

        With pandas loaded (a pandas table was passed) its hash table does the
        work; otherwise the cells are sorted as text. A column's answer (by
        *name*) is kept for the next question about it.
        """
        if name is not None and name in self._factors:
            return self._factors[name]
        n = values.shape[0]
        if n == 0:
            return [], np.zeros(0, np.int64), np.zeros(0, np.int64)
        pandas = sys.modules.get("pandas")
        arrow = self._arrow.get(name) if name is not None else None
        if (
            name is not None
            and arrow is not None
            and self.columns.loaded(name)
            and values is self.columns[name]
        ):
            return self._arrow_factor(name, arrow)
        one = _one_text(values)
        if one is None and n >= _ONE_TEXT_MIN and values.dtype.kind in "OU":
            one = _text_runs(values)
        if one is not None:
            out = one
        elif pandas is not None and values.dtype.kind in "OU":
            # Missing cells get -1 here, with no pass looking for them first;
            # only a column holding some is factorized again, keeping them as cells.
            codes, _ = pandas.factorize(values)
            if (codes < 0).any():
                codes, _ = pandas.factorize(values, use_na_sentinel=False)
            inverse = np.asarray(codes, dtype=np.int64)
            # Codes are numbered in order of appearance: a row is the first of
            # its code when the code exceeds every code before it.
            seen = np.maximum.accumulate(inverse)
            new = np.ones(n, dtype=bool)
            new[1:] = inverse[1:] > seen[:-1]
            first = np.flatnonzero(new)
            out = (values[first].tolist(), first, inverse)
        else:
            keys = values.astype(str) if values.dtype.kind != "U" else values
            _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
            inverse = inverse.reshape(-1).astype(np.int64)
            out = (values[first].tolist(), first, inverse)
        if name is not None:
            self._factors[name] = out
        return out

    def distinct_within(
        self, name: str, values: npt.NDArray[Any], group_first: IntArray, group_of: IntArray
    ) -> bool:
        """Find the distinct cells of column *name* group by group, if it holds one per group.

        *group_first* is each group's first row and *group_of* each row's group
        (as :meth:`distinct` gives them). When every row holds its group's cell,
        the answer of :meth:`distinct` is worked out over the groups' cells and
        kept for the column: one comparison pass instead of hashing every row.
        The distinct cells come in order of their first row either way.

        Example:
            >>> t = Table({"g": ["a", "a", "b"], "u": ["kg", "kg", "t"]}, "table")
            >>> _, first, inverse = t.distinct(t.columns["g"], "g")
            >>> t.distinct_within("u", t.columns["u"], first, inverse)
            True
            >>> t.distinct(t.columns["u"], "u")[0]
            ['kg', 't']
        """
        if (
            name in self._factors
            or name in self._arrow
            or not self.columns.loaded(name)
            or values is not self.columns[name]
            or group_first.shape[0] == 0
            or values.dtype.kind != "O"
        ):
            return False
        addresses = _addresses(values)
        if isinstance(values[0], str) and not bool((addresses != addresses[0]).any()):
            # One object in every row (a column filled from one value): one
            # text throughout, first seen in the first group's first row.
            first = np.array([group_first.min()], dtype=np.int64)
            self._factors[name] = (values[:1].tolist(), first, _all_first(values.shape[0]))
            return True
        cell = values[group_first]
        try:
            if _all_text(cell):
                # A row holding its group's own object holds its text: only
                # rows of other objects are compared.
                others = np.flatnonzero(addresses != addresses[group_first][group_of])
                same = bool((values[others] == cell[group_of[others]]).all())
            else:
                same = bool((values == cell[group_of]).all())
        except (TypeError, ValueError):  # a cell without plain equality: hash every row
            return False
        if not same:
            return False
        order = np.argsort(group_first, kind="stable")
        _, first_g, inverse_g = self.distinct(cell[order])
        first = group_first[order][first_g]
        if first.shape[0] == 1:  # one text throughout
            inverse = _all_first(values.shape[0])
        else:
            code_of_group = np.empty(order.shape[0], dtype=np.int64)
            code_of_group[order] = inverse_g
            inverse = code_of_group[group_of]
        self._factors[name] = (values[first].tolist(), first, inverse)
        return True

    def codes(self, name: str, kind: type[_E], default: _E | None = None) -> IntArray:
        """Enum names (any case) or values to codes: each member's position in *kind*."""
        members = list(kind)
        if name not in self.columns:
            if default is None:
                self.require(name)
            assert default is not None  # noqa: S101 (require raised otherwise)
            return np.full(self.n, members.index(default), dtype=np.int64)
        cells, first, inverse = self.column_distinct(name)
        lookup = np.empty(len(cells), dtype=np.int64)
        by_name = {m.name.lower(): i for i, m in enumerate(members)}
        by_name |= {str(m.value).lower(): i for i, m in enumerate(members)}
        for k in np.argsort(first).tolist():  # once per distinct cell, in row order
            cell = cells[k]
            if isinstance(cell, kind):
                lookup[k] = members.index(cell)
                continue
            key = str(cell).strip().lower() if isinstance(cell, str) else None
            if key is None and default is not None and self._missing(np.array([cell], object))[0]:
                key = ""
            if key in _MISSING_TEXT and default is not None:
                lookup[k] = members.index(default)
            elif key in by_name:
                lookup[k] = by_name[key]
            else:
                valid = ", ".join(m.value for m in members)
                msg = f"{cell!r} is not a {kind.__name__}; expected one of {valid} (any case)"
                raise self.fail(int(first[k]), name, msg)
        return lookup[inverse]

    def days(
        self, name: str, *, year_day: tuple[int, int] = (12, 31), required: bool = False
    ) -> tuple[IntArray, BoolArray]:
        """Dates as days since 1970-01-01, and which cells are missing.

        Accepts dates and datetimes (numpy, pandas, polars, Arrow or Python),
        ``'YYYY-MM-DD'`` text, and whole years (a year is its *year_day*,
        ``(month, day)``).
        """
        arr = self.columns.get(name)
        if arr is None:
            if required:
                self.require(name)
            return np.zeros(self.n, np.int64), np.ones(self.n, dtype=bool)
        if arr.dtype.kind == "M":
            d = arr.astype("datetime64[D]")
            miss = np.isnat(d)
            out = np.where(miss, np.datetime64(0, "D"), d).astype(np.int64)
        elif arr.dtype.kind in "iuf":
            out, miss = self._years(name, arr, year_day)
        else:
            out, miss = self._parsed(name, arr, lambda cell: _day(cell, year_day))
        if required and miss.any():
            row = int(np.flatnonzero(miss)[0])
            raise self.fail(row, name, "a date is required here, got an empty cell")
        return out, miss

    def _years(
        self, name: str, years: npt.NDArray[Any], year_day: tuple[int, int]
    ) -> tuple[IntArray, BoolArray]:
        (out,), miss = self._years_at(name, years, (year_day,), keep_days=True)
        return out, miss

    def _years_at(
        self,
        name: str,
        years: npt.NDArray[Any],
        year_days: tuple[tuple[int, int], ...],
        *,
        keep: bool = False,
        keep_days: bool = False,
    ) -> tuple[list[IntArray], BoolArray]:
        """Days of each whole year at each (month, day) of *year_days*, and the missing cells.

        *years* are numbers: integers are whole and never missing, so a
        column of them in 1..9998 is read without a float copy. *keep* and
        *keep_days* keep the column's days per year for :meth:`year_spans`
        and :meth:`year_days`.
        """
        whole_years = years.dtype.kind in "iu"
        if whole_years and years.size:
            # The range from the extremes: two passes instead of four.
            lo, hi = int(years.min()), int(years.max())
            whole_years = lo >= 1 and hi <= 9998
        if whole_years:
            miss = np.zeros(years.shape[0], dtype=bool)
            # (int64 already: no copy; nothing writes into y.)
            y = years.astype(np.int64, copy=False)
        else:
            years = years.astype(np.float64)  # the message shows a year as a float
            miss = np.isnan(years)
            whole = years == np.floor(years)
            bad = np.flatnonzero(~miss & (~whole | (years < 1) | (years > 9998)))
            if bad.size:
                row = int(bad[0])
                msg = f"expected a date or a whole-number year in 1..9998, got {shown(years[row])}"
                raise self.fail(row, name, msg)
            y = np.where(miss, 1970, years).astype(np.int64)
        # A long column holds few distinct years: each year's day is worked
        # out once over the column's span of years, and rows pick theirs.
        if not (whole_years and y.size):  # (else the extremes are known)
            lo, hi = (int(y.min()), int(y.max())) if y.size else (0, -1)
        span = y.size >= _SPAN_MIN and hi - lo + 1 < y.size
        each = np.arange(lo, hi + 1, dtype=np.int64) if span else y
        at = y - lo if span else None
        outs = []
        per_year = []
        for month, day in year_days:
            d = (each - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
            out = (d.astype("datetime64[D]") + (day - 1)).astype(np.int64)
            per_year.append(out)
            outs.append(out if at is None else out[at])
        if keep and at is not None:  # the column's own years: kept for year_spans()
            self._year_spans[name] = (per_year[0], per_year[-1], at)
        if keep_days:  # (the column's own years, or none kept: another reading)
            key = (name, year_days[0])
            if at is not None and whole_years:
                self._year_days[key] = (per_year[0], at)
            else:
                self._year_days.pop(key, None)
        return outs, miss

    def year_days(
        self, name: str, year_day: tuple[int, int] = (12, 31)
    ) -> tuple[IntArray, IntArray] | None:
        """Per year of a long column of whole years read by :meth:`days`: its day; each row's year.

        The years run from the column's first to its last, so their days
        ascend; ``days[at]`` is the column's reading. None for any other
        column.

        Example:
            >>> t = Table({"deadline": np.repeat([2022, 2024], 40)}, "table")
            >>> _ = t.days("deadline")
            >>> days, at = t.year_days("deadline")
            >>> # 2022-12-31: 2022-01-01 is day 18993 (see year_spans), + 364 = 19357;
            >>> # 2023 and 2024 one year each.
            >>> days.tolist(), at[[0, -1]].tolist()
            ([19357, 19722, 20088], [0, 2])
        """
        return self._year_days.get((name, year_day))

    def year_spans(self, name: str) -> tuple[IntArray, IntArray, IntArray] | None:
        """Per year of a long column of whole years read by :meth:`periods`: its first and last day.

        The years run from the column's first to its last; the third array is
        each row's year among them. None for any other column: rows of a few
        years then share the calendar work done once per year.

        Example:
            >>> t = Table({"period": np.repeat([2022, 2023], 40)}, "table")
            >>> _ = t.periods("period")
            >>> first, last, at = t.year_spans("period")
            >>> # 2022-01-01 is 52 * 365 + 13 leap days = 18993 days after 1970-01-01.
            >>> first.tolist(), last.tolist(), at[[0, -1]].tolist()
            ([18993, 19358], [19357, 19722], [0, 1])
        """
        return self._year_spans.get(name)

    def _parsed(
        self, name: str, arr: npt.NDArray[Any], parse: Callable[[Any], tuple[int, int]]
    ) -> tuple[IntArray, BoolArray]:
        values = self.periods_raw(name, arr, parse)
        return values[:, 0], values[:, 1].astype(bool)

    def periods_raw(
        self, name: str, arr: npt.NDArray[Any], parse: Callable[[Any], Any]
    ) -> npt.NDArray[np.int64]:
        """*parse* (to two ints) applied once per distinct cell, as an ``(n, 2)`` array."""
        own = arr is self.columns.get(name)
        values = arr if arr.dtype.kind in "OU" else arr.astype(object)
        cells, first, inverse = self.distinct(values, name if own else None)
        parsed = []
        for k, cell in enumerate(cells):  # once per distinct cell
            try:
                parsed.append(parse(cell))
            except (ValueError, TypeError, ModelError) as exc:
                detail = exc.message if isinstance(exc, ModelError) else str(exc)
                raise self.fail(int(first[k]), name, f"{cell!r}: {detail}") from None
        return _spread(parsed, inverse)

    def periods(self, name: str) -> tuple[IntArray, IntArray]:
        """Periods as (first day, last day), days since 1970-01-01; every cell required.

        Accepts whole years, ``'2023'``, ``'2023-H1'``, ``'2023-Q2'``,
        ``'2023-06'``, ``'2023-01-01/2023-06-30'``, and dates (a stock's day).
        """
        self.require(name)
        arr = self.columns[name]
        if arr.dtype.kind == "M":
            d, miss = self.days(name)
            if miss.any():
                raise self.fail(int(np.flatnonzero(miss)[0]), name, _PERIOD_HELP)
            return d, d
        if arr.dtype.kind in "iuf":
            (first, last), miss = self._years_at(name, arr, ((1, 1), (12, 31)), keep=True)
            if miss.any():
                raise self.fail(int(np.flatnonzero(miss)[0]), name, _PERIOD_HELP)
            return first, last
        spans = np.asarray(self.periods_raw(name, arr, _period_days), dtype=np.int64)
        if spans.shape[0] == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return spans[:, 0], spans[:, 1]


_PERIOD_HELP = (
    "expected a period: a year (2023), '2023-H1', '2023-Q2', '2023-06', "
    "'2023-01-01/2023-06-30', a date such as '2023-12-31' or a date and time with "
    "its UTC offset such as '2024-01-01T07:00+08:00'"
)


def shown(value: object) -> str:
    """*value* for a message: numpy scalars as the Python values they hold.

    Example:
        >>> shown(np.float64(1.5)), shown(np.str_("x"))
        ('1.5', "'x'")
    """
    return repr(value.item() if isinstance(value, np.generic) else value)


def _all_nan(arr: npt.NDArray[Any]) -> bool:
    """Whether *arr* is a float column of rows that are all NaN, every cell empty.

    pandas' ``read_csv`` types a column of empty cells as float64 NaN,
    whichever type its cells would have had: such a column is a column of
    empty cells, of text as of anything else.

    Example:
        >>> _all_nan(np.array([np.nan, np.nan])), _all_nan(np.array([np.nan, 3.0]))
        (True, False)
    """
    return arr.dtype.kind == "f" and arr.shape[0] > 0 and bool(np.isnan(arr).all())


def _joined_lines(arr: npt.NDArray[Any]) -> str | None:
    """The cells joined by line breaks when every one is text, else None (one pass in C)."""
    try:
        return "\n".join(arr.tolist())
    except TypeError:  # str.join refuses anything that is not text
        return None


def _all_text(arr: npt.NDArray[Any] | list[Any]) -> bool:
    try:
        # One pass in C: str.join refuses anything that is not text.
        "".join(arr if isinstance(arr, list) else arr.tolist())
    except TypeError:
        return False
    return True


class _Addresses:
    """An object column's cells as their objects' addresses: numpy reads it as integers.

    numpy refuses an integer view of an array of references; the array
    interface describes the same memory (the pointers) as unsigned integers,
    read-only, and the view holds this object, so the column and its cells
    stay alive while it is read.
    """

    __slots__ = ("__array_interface__", "_column")

    def __init__(self, column: npt.NDArray[np.object_]) -> None:
        face = column.__array_interface__
        self._column = column
        self.__array_interface__ = {
            "version": 3,
            "shape": face["shape"],
            "strides": face["strides"],
            "typestr": _POINTER,
            "data": (face["data"][0], True),  # read-only
        }


# An object array's cell is a pointer: a machine word, as numpy's uintp.
_POINTER = np.dtype(np.uintp).str


def _addresses(column: npt.NDArray[np.object_]) -> npt.NDArray[np.uintp]:
    """The address of each cell's object in an object column (a read-only view, no copy).

    Rows holding the same object hold equal texts (a text is equal to
    itself) and need no comparison: pandas' CSV reader gives each distinct
    text of a column one object, and a column filled from one value holds
    that object in every row. Only rows of other objects are compared as text.

    Example:
        >>> text = "kg"
        >>> at = _addresses(np.array([text, text, None], dtype=object))
        >>> bool(at[0] == at[1]), bool(at[1] == at[2])
        (True, False)
    """
    out: npt.NDArray[np.uintp] = np.asarray(_Addresses(column))
    return out


def _one_text(values: npt.NDArray[Any]) -> tuple[list[Any], IntArray, IntArray] | None:
    """:meth:`Table.distinct` of a column holding one text in every row, else None.

    Units, comparators and measures are often one text throughout: a
    comparison pass is several times cheaper than hashing every row. A few
    rows spread over the column are compared first, so a column of many texts
    is mostly told apart at once. In an object column, the rows holding the
    first row's own object are that text: only the others are compared.
    """
    n = values.shape[0]
    if values.dtype.kind not in "OU" or not isinstance(values[0], str):
        return None
    try:
        with np.errstate(all="ignore"):
            sample = values[:: max(n // 32, 1)] == values[0]
            if not (isinstance(sample, np.ndarray) and sample.dtype == bool and sample.all()):
                return None
            rest = values
            if values.dtype.kind == "O":
                at = _addresses(values)
                others = at != at[0]
                rest = values[others] if others.any() else values[:0]
            same = rest == values[0]
            if not (isinstance(same, np.ndarray) and same.dtype == bool and same.all()):
                return None
    except (TypeError, ValueError):  # a cell without plain equality (pandas.NA): hash every row
        return None
    return values[:1].tolist(), np.zeros(1, np.int64), _all_first(n)


def _all_first(n: int) -> IntArray:
    """Every row's index into the distinct cells of a column of one text: 0.

    One read-only cell stands for the *n* rows: a wide column of zeros kept
    with the table's answers would only take memory.
    """
    out: IntArray = np.broadcast_to(np.zeros(1, np.int64), (n,))
    return out


def _runs(
    changes: BoolArray,
    heads_at: Callable[[IntArray], list[Any]],
    known: Callable[[IntArray], list[Any] | None] | None = None,
) -> tuple[list[Any], IntArray, IntArray] | None:
    """:meth:`Table.distinct` of a column whose texts each fill one run of rows, else None.

    *changes* says where a row differs from the one before; *heads_at* gives
    the cells at some rows. Statistics are mostly listed series by series:
    when the first cells of the runs are distinct texts, each run is one
    distinct cell, in order of first appearance, found without hashing every row.
    *known*, given the runs' first rows, returns distinct texts already read
    when they are the cells there (else None): those need no check.
    """
    n = changes.shape[0] + 1
    starts = np.flatnonzero(changes) + 1
    if starts.shape[0] + 1 > n // 4:  # short runs: hashing every row costs less
        return None
    first = np.concatenate([np.zeros(1, np.int64), starts.astype(np.int64)])
    heads = known(first) if known is not None else None
    if heads is None:
        heads = heads_at(first)
        if not _all_text(heads) or len(set(heads)) != len(heads):
            return None  # a missing cell, or a text in two runs
    # Each row's run: run k repeated over its rows (first[k + 1] - first[k] of them).
    lengths = np.diff(first, append=n)
    return heads, first, np.repeat(np.arange(first.shape[0], dtype=np.int64), lengths)


def _text_runs(values: npt.NDArray[Any]) -> tuple[list[Any], IntArray, IntArray] | None:
    """:func:`_runs` of a numpy column of text."""
    n = values.shape[0]
    try:
        # Neighbours at a few places: a column of short runs differs at most of them.
        at = range(0, n - 1, max((n - 1) // 8, 1))
        if sum(bool(values[i] != values[i + 1]) for i in at) * 2 > len(at):
            return None
        if values.dtype.kind == "O":
            # Neighbours holding one object hold one text: only those holding
            # two objects are compared (a run read from CSV is one object).
            addresses = _addresses(values)
            changes = addresses[1:] != addresses[:-1]
            moved = np.flatnonzero(changes)
            told = values[moved + 1] != values[moved]
            if not (isinstance(told, np.ndarray) and told.dtype == bool):
                return None
            changes[moved] = told
        else:
            changes = values[1:] != values[:-1]
    except (TypeError, ValueError):  # a cell without plain equality (pandas.NA): hash every row
        return None
    if not (isinstance(changes, np.ndarray) and changes.dtype == bool):
        return None
    return _runs(changes, lambda first: values[first].tolist())


def _arrow_distinct(arrow: Any) -> tuple[list[Any], IntArray, IntArray]:
    """:meth:`Table.distinct` of an Arrow text column: its dictionary encoding."""
    cells, first, inverse, _ = _arrow_factor(arrow)
    return cells, first, inverse


def _arrow_factor(
    arrow: Any, known: tuple[Any, list[Any]] | None = None
) -> tuple[list[Any], IntArray, IntArray, Any]:
    """:func:`_arrow_distinct`, and the distinct texts as an Arrow array (None: not at hand).

    *known* is an Arrow array of distinct texts without nulls and those texts
    as Python objects (another table's answer): when the column's runs begin
    with exactly these texts, in this order, the objects are reused.
    """
    n = len(arrow)
    if n < _SPAN_MIN:  # a few rows: one dict in Python costs less than Arrow's calls
        return (*_small_distinct(arrow.to_pylist()), None)
    kind = str(arrow.type)
    views = kind == "string_view" and _arrow_reads_views()
    if n >= _ONE_TEXT_MIN and arrow.null_count == 0 and (kind in _ARROW_TAKE_TEXT or views):
        found = _one_text_or_runs(arrow, known)
        if found is not None:
            return found
    if kind == "string_view" and not views:
        # A pyarrow that cannot cast views (16 and 17 refuse string_view to
        # large_string) nor encode them faithfully (a null becomes ""): the
        # cells as Python texts, nulls kept.
        return (*_small_distinct(arrow.to_pylist()), None)
    pandas = sys.modules.get("pandas")
    fixed = _fixed_keys(arrow) if pandas is not None else None
    if pandas is not None and fixed is not None:  # pandas numbers the keys: no text is hashed
        return _key_factor(arrow, *fixed, pandas.factorize)
    # Views are encoded through large_string: pyarrow 26 encodes a null view as
    # "" (large_string keeps it None), and hashes views and lists their
    # dictionary slower than the cast and the offsets' encoding together.
    encoded = _as_offsets(arrow).dictionary_encode(null_encoding="encode")
    inverse = _indices(encoded.indices)
    # The dictionary lists texts in order of first appearance (as pandas' codes).
    first = _first_rows(inverse)
    # The dictionary's texts are the cells at these rows, in this order.
    dictionary = encoded.dictionary
    return dictionary.to_pylist(), first, inverse, dictionary


def _one_text_or_runs(
    arrow: Any, known: tuple[Any, list[Any]] | None
) -> tuple[list[Any], IntArray, IntArray, Any] | None:
    """:func:`_arrow_factor` of a long column without nulls: one text or runs, else None."""
    pc: Any = importlib.import_module("pyarrow.compute")  # untyped: no stubs
    n = len(arrow)
    first_text = arrow[0]
    # A few rows spread over the column tell most columns of many texts apart at once.
    probe = {arrow[i].as_py() for i in (n // 3, n // 2, n - 1)}
    if probe == {first_text.as_py()} and _one_text_arrow(arrow, first_text):
        return [first_text.as_py()], np.zeros(1, np.int64), _all_first(n), arrow.slice(0, 1)
    # Neighbours at a few places: a column of short runs differs at most of them.
    at = range(0, n - 1, max((n - 1) // 8, 1))
    if sum(arrow[i].as_py() != arrow[i + 1].as_py() for i in at) * 2 > len(at):
        return None
    # (A view column's changes come from its views, at less cost than its keys.)
    fixed = _fixed_keys(arrow) if str(arrow.type) != "string_view" else None
    if fixed is not None:
        changes = fixed[0][1:] != fixed[0][:-1]
    else:
        changes = _inline_changes(arrow)
        if changes is None:
            changes = _bools(pc.not_equal(arrow.slice(1), arrow.slice(0, n - 1)))
    heads = _Heads(arrow, known, fixed)
    runs = _runs(changes, heads.cells, None if known is None else heads.known)
    return None if runs is None else (*runs, heads.gathered)


def _text_bytes(arrow: Any) -> tuple[bytes, IntArray] | None:
    """An Arrow text array without nulls as its UTF-8 bytes and offsets from 0 (None: not text)."""
    if str(arrow.type) == "string_view" and _arrow_reads_views():
        arrow = _as_offsets(arrow)
    if str(arrow.type) not in _ARROW_TAKE_TEXT:
        return None
    n = len(arrow)
    _, offset_buf, data_buf = arrow.buffers()
    wide = str(arrow.type) == "large_string"
    dtype = np.dtype(np.int64 if wide else np.int32)
    at = np.frombuffer(offset_buf, dtype=dtype, count=n + 1, offset=arrow.offset * dtype.itemsize)
    start, stop = int(at[0]), int(at[-1])
    data = bytes(memoryview(data_buf)[start:stop]) if data_buf is not None else b""
    return data, at.astype(np.int64) - start


def _one_text_arrow(arrow: Any, first_text: Any) -> bool:
    """Whether every row of an Arrow text column without nulls holds *first_text* (its first row's).

    A string or large_string column is read from its buffers (Arrow columnar
    format, "Variable-size Binary Layout"): every row is its first row's text
    of *w* bytes when each offset is *w* past the one before and the rows'
    bytes repeat every *w* bytes (one numpy pass over the offsets, one
    memcmp). String views are read from their views (:func:`_one_text_views`,
    :func:`_one_text_in_one_buffer`) when they tell; other arrays are
    compared row by row.
    """
    kind = str(arrow.type)
    if kind == "string_view":
        words = _view_words(arrow)  # read once for both
        if _one_text_views(words):
            return True
        in_one = _one_text_in_one_buffer(arrow, words)
        if in_one is not None:
            return in_one
    if kind not in _ARROW_TAKE_TEXT:
        pc: Any = importlib.import_module("pyarrow.compute")  # untyped: no stubs
        return bool(pc.all(pc.equal(arrow, first_text)).as_py())
    n = len(arrow)
    dtype = np.dtype(np.int64 if kind == "large_string" else np.int32)
    _, offset_buf, data_buf = arrow.buffers()
    at = np.frombuffer(offset_buf, dtype=dtype, count=n + 1, offset=arrow.offset * dtype.itemsize)
    start = int(at[0])
    width = int(at[1]) - start
    if int(at[-1]) - start != n * width or not bool(np.all(at[1:] - at[:-1] == width)):
        return False
    if width == 0:  # every row the empty text
        return True
    # The rows' bytes after the first row against the bytes before the last:
    # one memcmp of two zero-copy slices, with no array of comparisons.
    length = (n - 1) * width
    return bool(data_buf.slice(start + width, length).equals(data_buf.slice(start, length)))


def _fixed_keys(arrow: Any) -> tuple[npt.NDArray[np.uint64], int] | None:
    """An Arrow text array's rows as numbers, when every text is *w* bytes, 1 <= w <= 8; and *w*.

    Row *i*'s number is its *w* bytes read little-endian, the bytes past the
    text zero: equal numbers are equal texts of *w* bytes. A string or
    large_string row is the *w* bytes at ``start + i * w`` of the data
    buffer when every offset is *w* past the one before (Arrow columnar
    format, "Variable-size Binary Layout"): the eight bytes at each row's
    start, masked, through one strided view; the last rows, whose eight bytes
    would pass the buffer's end, from a padded copy. A string view of *w*
    bytes holds them itself: its first word's high half and its second
    word's low half ("Variable-size Binary View Layout"). None for any other
    array (nulls, other or differing widths, other types).
    """
    kind = str(arrow.type)
    n = len(arrow)
    if arrow.null_count or n < 2:  # (no neighbours)
        return None
    if kind == "string_view":
        return _view_keys(_view_words(arrow))
    if kind in _ARROW_TAKE_TEXT:
        dtype = np.dtype(np.int64 if kind == "large_string" else np.int32)
        _, offset_buf, data_buf = arrow.buffers()
        at = np.frombuffer(
            offset_buf, dtype=dtype, count=n + 1, offset=arrow.offset * dtype.itemsize
        )
        start = int(at[0])
        width = int(at[1]) - start
        if not 0 < width <= _KEY_BYTES or int(at[-1]) - start != n * width:
            return None
        if not bool(np.all(at[1:] - at[:-1] == width)):
            return None
        # Rows whose eight bytes lie inside the buffer are read in place.
        room = data_buf.size - start - _KEY_BYTES
        inside = min(n, room // width + 1) if room >= 0 else 0
        keys = np.empty(n, dtype="<u8")
        if inside:
            rows = np.ndarray(
                (inside,), dtype=_KEY, buffer=data_buf, offset=start, strides=(width,)
            )
            keys[:inside] = rows.view("<u8")
        if inside < n:
            tail = data_buf[start + inside * width : start + n * width].to_pybytes()
            rows = np.ndarray((n - inside,), dtype=_KEY, buffer=tail + bytes(_KEY_BYTES),
                              strides=(width,))  # fmt: skip
            keys[inside:] = rows.view("<u8")
        return _masked(keys, width), width
    return None


def _view_keys(words: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.uint64], int] | None:
    """:func:`_fixed_keys` of a string view array given as its :func:`_view_words`."""
    unsigned = words.view("<u8")
    lengths = _view_lengths(words)
    width = int(lengths[0])
    if not 0 < width <= _KEY_BYTES or not bool(np.all(lengths == width)):
        return None
    keys = (unsigned[:, 0] >> np.uint64(32)) | (unsigned[:, 1] << np.uint64(32))
    return _masked(keys, width), width


def _masked(keys: npt.NDArray[np.uint64], width: int) -> npt.NDArray[np.uint64]:
    """*keys* with the bytes past a text of *width* bytes zeroed (in place)."""
    if width < _KEY_BYTES:
        keys &= np.uint64((1 << (8 * width)) - 1)
    return keys


def _key_factor(
    arrow: Any, keys: npt.NDArray[np.uint64], width: int, factorize: Callable[..., Any]
) -> tuple[list[Any], IntArray, IntArray, Any]:
    """:func:`_arrow_factor` of a column of texts of *width* bytes from their :func:`_fixed_keys`.

    *factorize* (pandas') numbers the keys in order of first appearance, as
    Arrow's dictionary encoding numbers the texts; the distinct texts are
    the distinct keys' bytes, as an array of the type that encoding lists
    (large_string for views).
    """
    pa = importlib.import_module("pyarrow")
    codes, distinct = factorize(keys)
    inverse = np.asarray(codes, dtype=np.int64)
    m = len(distinct)
    wide = str(arrow.type) != "string"
    kind = pa.large_string() if wide else pa.string()
    offsets = np.arange(0, (m + 1) * width, width, dtype=np.int64 if wide else np.int32)
    data = np.asarray(distinct, dtype="<u8").view(np.uint8).reshape(m, _KEY_BYTES)[:, :width]
    texts = pa.Array.from_buffers(
        kind, m, [None, pa.py_buffer(offsets), pa.py_buffer(data.tobytes())]
    )
    return texts.to_pylist(), _first_rows(inverse), inverse, texts


def _first_rows(inverse: IntArray) -> IntArray:
    """Each code's first row, for codes numbered in order of first appearance.

    A row is the first of its code when the code exceeds every code before it.
    """
    n = inverse.shape[0]
    seen = np.maximum.accumulate(inverse)
    new = np.ones(n, dtype=bool)
    new[1:] = inverse[1:] > seen[:-1]
    return np.flatnonzero(new)


def _view_words(arrow: Any) -> npt.NDArray[np.int64]:
    """A string view array's rows as two little-endian 64-bit words each.

    The first word holds the text's length (its low 32 bits) and its first
    four bytes; the second, for a text over 12 bytes, the data buffer (low 32
    bits) and the text's offset in it (high 32 bits), else the text's last
    eight inline bytes (Arrow columnar format, "Variable-size Binary View Layout").
    """
    start = arrow.offset
    words = np.frombuffer(arrow.buffers()[1], dtype="<i8", count=2 * (start + len(arrow)))
    out: npt.NDArray[np.int64] = words.reshape(-1, 2)[start:]
    return out


def _one_text_views(words: npt.NDArray[np.int64]) -> bool:
    """Whether string views without nulls (their :func:`_view_words`) show one text in every row.

    A text of 12 bytes or less is inside its view: True when every view is
    the first one. A longer text lies in a data buffer: True when every view
    is the first one too (the same length, buffer and offset: the same bytes),
    as in a column of one repeated value; its first and last rows are looked
    at first. False says nothing: the texts are compared (a view may carry
    other bytes after a short text, and equal long texts may lie apart).
    """
    if words.shape[0] < 2:  # one row is one text
        return True
    first, second = int(words[0, 0]), int(words[0, 1])
    if (first & 0xFFFFFFFF) > _VIEW_INLINE and not (
        int(words[-1, 1]) == second
        and int(words[-1, 0]) == first
        and int(words[1, 1]) == second
        and int(words[1, 0]) == first
    ):
        return False
    # Every row the first one: each row its neighbour (both words, contiguous).
    return bool(np.array_equal(words[1:], words[:-1]))


def _one_text_in_one_buffer(arrow: Any, words: npt.NDArray[np.int64] | None = None) -> bool | None:
    """Whether a string view array without nulls of texts over 12 bytes holds one, if back to back.

    Such a text lies in a data buffer; its view holds its length and first
    four bytes in its first word, the buffer and the offset in it in its
    second ("Variable-size Binary View Layout"). When each view is the one
    before but for an offset *w* further (the rows back to back in one
    buffer, as a writer appends them), every row is the first row's text
    exactly when the buffer's bytes there repeat every *w* bytes: one memcmp.
    Rows over several buffers are read by :func:`_one_text_in_stretches`.
    None for any other layout: the texts are then compared. *words* are the
    array's :func:`_view_words`, if read.
    """
    words = (_view_words(arrow) if words is None else words).view("<u8")
    n = words.shape[0]
    length_prefix, where = int(words[0, 0]), int(words[0, 1])
    width = length_prefix & 0xFFFFFFFF
    if width <= _VIEW_INLINE:
        return None
    buffers = arrow.buffers()
    at, buffer = where >> 32, 2 + (where & 0xFFFFFFFF)
    step = width << 32
    if int(words[-1, 0]) != length_prefix:
        return None
    # (Offsets stay under the buffer's size, under 2**31: an offset's step
    # never carries past its word, and a buffer's number never changes it.)
    if (
        buffer >= len(buffers)
        or at + n * width > buffers[buffer].size
        or int(words[-1, 1]) != where + (n - 1) * step
    ):
        return _one_text_in_stretches(words, width, buffers)
    # Each view minus the one before: (0, the step).
    diffs = words[1:] - words[:-1]
    if diffs[:, 0].any() or not bool((diffs[:, 1] == step).all()):
        return None
    data = buffers[buffer]
    length = (n - 1) * width
    return bool(data.slice(at + width, length).equals(data.slice(at, length)))


# More stretches than this: not a writer's layout; the texts are compared.
_STRETCHES_MAX = 16


def _one_text_in_stretches(words: npt.NDArray[Any], width: int, buffers: list[Any]) -> bool | None:
    """:func:`_one_text_in_one_buffer` of views back to back in a few stretches (several buffers).

    A writer starts a new data buffer when one is full (pyarrow every 32 KiB):
    the views then step by *w* within each buffer and jump between them. Every
    row is the first row's text exactly when each stretch's bytes repeat every
    *w* bytes (one memcmp) and begin with the first row's text. None for any
    other layout.
    """
    n = words.shape[0]
    diffs = words[1:] - words[:-1]
    if diffs[:, 0].any():  # another length or first four bytes
        return None
    starts = [0, *(np.flatnonzero(diffs[:, 1] != width << 32) + 1).tolist(), n]
    if len(starts) > _STRETCHES_MAX + 1:
        return None
    first = None
    for begin, end in itertools.pairwise(starts):
        where = int(words[begin, 1])
        at, buffer = where >> 32, 2 + (where & 0xFFFFFFFF)
        if buffer >= len(buffers) or at + (end - begin) * width > buffers[buffer].size:
            return None
        data = buffers[buffer]
        text = data.slice(at, width)
        if first is None:
            first = text
        elif not text.equals(first):
            return False
        length = (end - begin - 1) * width
        if not data.slice(at + width, length).equals(data.slice(at, length)):
            return False
    return True


def _inline_changes(arrow: Any) -> BoolArray | None:
    """Where a row of a string view column differs from the one before, from the views.

    Only when every text is inside its view (12 bytes or less): rows whose
    views differ are then different texts or the same text with other bytes
    after it, which no writer leaves (they are zeros) and which reads as a
    text in two runs at worst, so the runs are not taken. None otherwise.
    """
    if str(arrow.type) != "string_view":
        return None
    words = _view_words(arrow)
    if words.shape[0] and int(_view_lengths(words).max()) > _VIEW_INLINE:
        return None
    # Both words of each row compared at once; a row's two answers read as one
    # 16-bit number, nonzero when either word differs.
    differs = words[1:] != words[:-1]
    changes: BoolArray = differs.view(np.uint16).reshape(-1) != 0
    return changes


def _view_lengths(words: npt.NDArray[np.int64]) -> npt.NDArray[np.uint32]:
    """The lengths of string views given as their :func:`_view_words`: first words' low halves."""
    out: npt.NDArray[np.uint32] = words.view("<u4")[:, 0]
    return out


def _bools(arr: Any) -> BoolArray:
    """An Arrow boolean array without nulls as numpy bools, unpacked from its bits.

    Arrow packs booleans eight to a byte, least significant bit first
    (Arrow columnar format, "Validity bitmaps" and "Fixed-size Primitive
    Layout"): unpacking them costs a tenth of ``to_numpy``.
    """
    if arr.null_count:
        return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=bool)
    start = arr.offset
    bits = np.frombuffer(arr.buffers()[1], dtype=np.uint8)
    out: BoolArray = np.unpackbits(bits, count=start + len(arr), bitorder="little")[start:].view(
        np.bool_
    )
    return out


class _Heads:
    """For :func:`_runs` of an Arrow column without nulls: the cells at the runs' first rows.

    They are gathered once, as Arrow. With *known* (an Arrow array of
    distinct texts without nulls, and those texts as Python objects), the
    gathered cells are compared as one array with the known texts, and the
    known objects stand for them when equal. With *fixed* (the column's
    :func:`_fixed_keys`), the heads' keys are compared with the known
    texts' instead, when those are as wide: nothing is gathered.
    """

    def __init__(
        self,
        arrow: Any,
        known: tuple[Any, list[Any]] | None,
        fixed: tuple[npt.NDArray[np.uint64], int] | None = None,
    ) -> None:
        self._arrow = arrow
        self._known = known
        self._fixed = fixed
        self.gathered: Any = None  # the cells gathered, as Arrow
        self._rows: IntArray | None = None  # the rows they were gathered at

    def _at(self, rows: IntArray) -> Any:
        if self._rows is not rows:
            self.gathered = _arrow_at(self._arrow)(rows)
            self._rows = rows
        return self.gathered

    def cells(self, rows: IntArray) -> list[Any]:
        """The cells at *rows* as Python objects."""
        out: list[Any] = self._at(rows).to_pylist()
        return out

    def known(self, rows: IntArray) -> list[Any] | None:
        """The known texts when they are the cells at *rows*, in order, else None."""
        assert self._known is not None  # noqa: S101 (given only with known texts)
        expected, texts = self._known
        if rows.shape[0] != len(expected):
            return None
        if self._fixed is not None:
            want = _fixed_keys(expected)
            # Keys of texts of one width are equal exactly when the texts are.
            if want is not None and want[1] == self._fixed[1]:
                if not np.array_equal(self._fixed[0][rows], want[0]):
                    return None
                self.gathered = expected  # the same texts, as Arrow
                return list(texts)
        got = self._at(rows)
        if got.type != expected.type:
            pa = importlib.import_module("pyarrow")
            try:
                got = _as_offsets(got).cast(expected.type)
            except (pa.ArrowException, NotImplementedError):
                return None
        return list(texts) if got.equals(expected) else None


# The widest text read as one number (:func:`_fixed_keys`), and eight bytes as one item.
_KEY_BYTES = 8
_KEY = np.dtype((np.void, _KEY_BYTES))
# One row of a string view array: 16 bytes (Arrow columnar format, "Variable-size
# Binary View Layout": the length, then the text inline or its prefix, data
# buffer and offset in it).
_VIEW = np.dtype((np.void, 16))
# The longest text a view holds inside itself.
_VIEW_INLINE = 12


def _cells_at(arrow: Any) -> Callable[[IntArray], list[Any]]:
    """The cells of an Arrow text column without nulls at some rows, as a function of the rows."""
    at = _arrow_at(arrow)
    return lambda rows: at(rows).to_pylist()


def _arrow_at(arrow: Any) -> Callable[[IntArray], Any]:
    """An Arrow text column without nulls at some rows, as Arrow, as a function of the rows.

    A string view array has no ``take`` kernel: the rows' views, gathered,
    over the same data buffers are the cells at those rows, with no copy of
    the column's text.
    """
    pa = importlib.import_module("pyarrow")
    if str(arrow.type) != "string_view":
        # The rows handed over as an Arrow array made from their buffer: given
        # a numpy array, take converts it through pa.array, which imports
        # pandas (pyarrow 26).
        int64 = pa.int64()
        return lambda rows: arrow.take(
            pa.Array.from_buffers(
                int64,
                rows.shape[0],
                [None, pa.py_buffer(np.ascontiguousarray(rows, dtype=np.int64))],
            )
        )
    buffers = arrow.buffers()
    start = arrow.offset
    views = np.frombuffer(buffers[1], dtype=_VIEW, count=start + len(arrow))[start:]
    return lambda rows: pa.Array.from_buffers(
        pa.string_view(), rows.shape[0], [None, pa.py_buffer(views[rows]), *buffers[2:]]
    )


def _small_distinct(values: list[Any]) -> tuple[list[Any], IntArray, IntArray]:
    """Distinct cells in order of first appearance (None one of them), first rows, indices."""
    index: dict[Any, int] = {}
    first: list[int] = []
    codes: list[int] = []
    for row, cell in enumerate(values):
        code = index.get(cell)
        if code is None:
            code = index[cell] = len(index)
            first.append(row)
        codes.append(code)
    return list(index), np.array(first, dtype=np.int64), np.array(codes, dtype=np.int64)


def _is_missing(cell: object) -> bool:
    # None, and NaN or NaT (pandas' missing values), which differ from themselves.
    if cell is None:
        return True
    try:
        return bool(cell != cell)  # noqa: PLR0124 (the NaN test: NaN differs from itself)
    except TypeError:  # pandas.NA has no truth value: it is the missing value
        return True


def _is_number(cell: object) -> bool:
    return isinstance(cell, int | float | np.integer | np.floating) and not isinstance(cell, bool)


def _spread(parsed: list[Any], inverse: IntArray) -> IntArray:
    if not parsed:
        return np.zeros((0, 2), dtype=np.int64)
    table = np.asarray(parsed, dtype=np.int64)
    out: IntArray = table[inverse]
    return out


def _epoch_days(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def _day(cell: object, year_day: tuple[int, int]) -> tuple[int, int]:  # noqa: C901, PLR0911 (one return per kind of cell)
    """(days since 1970, missing) of one distinct cell of a date column."""
    if _is_missing(cell):  # None, NaN, NaT, and pandas.NA of Arrow-backed text columns
        return 0, 1
    if isinstance(cell, dt.datetime):
        return _epoch_days(cell.date()), 0
    if isinstance(cell, dt.date):
        return _epoch_days(cell), 0
    if isinstance(cell, np.datetime64):
        if np.isnat(cell):
            return 0, 1
        return int(cell.astype("datetime64[D]").astype(np.int64)), 0
    if isinstance(cell, int) and not isinstance(cell, bool):
        return _epoch_days(dt.date(cell, *year_day)), 0
    if isinstance(cell, str):
        text = cell.strip()
        if text.lower() in _MISSING_TEXT:
            return 0, 1
        if len(text) == 4 and text.isdigit():
            return _epoch_days(dt.date(int(text), *year_day)), 0
        if _ISO_DAY.fullmatch(text):
            return _epoch_days(dt.date.fromisoformat(text)), 0
        if (zoned := zoned_day(text)) is not None:  # the publisher's own day
            return _epoch_days(zoned), 0
    msg = (
        "expected a date ('2023-12-31', a date object), a date and time with its "
        "UTC offset ('2024-01-01T07:00+08:00') or a year"
    )
    raise ValueError(msg)


def _period_days(cell: object) -> tuple[int, int]:
    if isinstance(cell, int | np.integer) and not isinstance(cell, bool):
        p = Period.year(int(cell))
    elif isinstance(cell, str):
        zoned = zoned_day(cell.strip())  # a stock at its publisher's day
        p = Period.parse(cell) if zoned is None else Period.at(zoned)
    elif isinstance(cell, dt.datetime):
        p = Period.at(cell.date())
    elif isinstance(cell, dt.date):
        p = Period.at(cell)
    elif isinstance(cell, Period):
        p = cell
    else:
        raise TypeError(_PERIOD_HELP)
    return _epoch_days(p.start), _epoch_days(p.end)


def as_table(value: object, what: str) -> Table | None:
    """*value* as a :class:`Table` when it is a dataframe or a mapping of columns, else None.

    Example:
        >>> as_table([1, 2], "targets table") is None
        True
        >>> len(as_table({"id": ["T1"]}, "targets table"))
        1
    """
    if isinstance(value, Mapping):
        return Table(value, what)
    if is_dataframe(value):
        columns, arrow = _dataframe_columns(value, what)
        return Table(columns, what, arrow=arrow)
    return None


def from_days(days: IntArray) -> npt.NDArray[np.datetime64]:
    """Days since 1970 as ``datetime64[D]``.

    Example:
        >>> str(from_days(np.array([0]))[0])
        '1970-01-01'
    """
    return days.astype("datetime64[D]")
