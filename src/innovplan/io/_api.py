"""The public functions of :mod:`innovplan.io`: load and dump plans and observations."""

from __future__ import annotations

import os
import pathlib
import re
from typing import IO, TYPE_CHECKING, Any, Literal

from innovplan.io import _csv, _json, _sdmx
from innovplan.io._collector import collector_paused
from innovplan.io._converter import (
    observations_from_document,
    observations_to_document,
    plan_from_document,
    plan_to_document,
)
from innovplan.io._errors import document_error
from innovplan.io._safety import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_EXPANSION,
    PLAN_DEPTH,
    Limits,
    atomic_write,
    check_depth,
    read_source,
    refuse_surrogates,
)
from innovplan.model import Observation, Plan, Series

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

__all__ = [
    "dump",
    "dump_observations",
    "from_dict",
    "load",
    "load_observations",
    "to_dict",
]

Source = str | bytes | os.PathLike[str] | IO[str] | IO[bytes]
PlanFormat = Literal["json", "yaml", "toml"]
ObservationFormat = Literal["json", "yaml", "toml", "csv", "sdmx-csv", "sdmx"]

_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".csv": "csv"}
_TOML_LINE = re.compile(r"""(\[\[?[A-Za-z0-9_."' -]+\]\]?|[A-Za-z0-9_"'.-]+\s*=)""")


def _parser(fmt: str) -> Callable[[str, Limits, str], Any]:
    if fmt == "json":
        return _json.parse
    if fmt == "yaml":
        from innovplan.io import _yaml

        return _yaml.parse
    from innovplan.io import _toml

    return _toml.parse


def _toml_parse(text: str, limits: Limits, name: str) -> Any:
    from innovplan.io import _toml

    return _toml.parse(text, limits, name, depth=False)


def _renderer(fmt: str) -> Callable[[Any], str]:
    if fmt == "json":
        return _json.render
    if fmt == "yaml":
        from innovplan.io import _yaml

        return _yaml.render
    from innovplan.io import _toml

    return _toml.render


def _lines(text: str) -> Iterator[str]:
    r"""The lines of *text* as ``str.splitlines()`` gives them, one at a time.

    A format is told by the first lines: a long document is not split whole.

    Example:
        >>> list(_lines("a\r\nb\x85c\n")) == "a\r\nb\x85c\n".splitlines()
        True
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield from text[start:end].splitlines()
        start = end


def _sniff(text: str) -> str:
    """Guess the format of document *text* from its first meaningful line."""
    for raw in _lines(text):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            return "json"
        if line.startswith(("DATAFLOW", "STRUCTURE")):
            return "sdmx-csv"
        if line.startswith("indicator,"):
            return "csv"
        return "toml" if _TOML_LINE.match(line) else "yaml"
    return "json"


def _format_of(name: str, text: str, fmt: str | None, allowed: Sequence[str]) -> str:
    if fmt is None:
        # name is the file's path when the document came from a file.
        suffix = pathlib.PurePath(name).suffix.lower() if name else ""
        fmt = _SUFFIXES.get(suffix) or _sniff(text)
        if fmt == "csv" and _sniff(text) == "sdmx-csv":
            fmt = "sdmx-csv"
    if fmt not in allowed:
        msg = f"fmt={fmt!r} is not one of {', '.join(allowed)}"
        raise ValueError(msg)
    return fmt


def load(
    source: Source,
    fmt: PlanFormat | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
    max_expansion: float = MAX_EXPANSION,
) -> Plan:
    """Load a plan from a JSON, YAML or TOML document.

    Args:
        source: A path (``str`` ending in ``.json``/``.yaml``/``.yml``/``.toml``,
            or a ``PathLike``), the document's text or bytes, or an open file.
        fmt: ``"json"``, ``"yaml"`` or ``"toml"``; by default taken from the
            file's suffix, else guessed from the text.
        max_bytes: Larger documents are refused before they are read.
        max_depth: Documents nested deeper are refused before they are built
            (a TOML dotted key counts one level per part).
        max_digits: Numbers with more digits are refused.
        max_expansion: YAML aliases may expand a document to at most this
            many times its size.

    Returns:
        The plan.

    Raises:
        DocumentError: Every problem found in the document, each with its path.
        MissingDependencyError: YAML needs the ``yaml`` extra.
        OSError: The file cannot be read.

    Example:
        >>> plan = load('{"format_version": "1.0", "id": "p", "title": "P",'
        ...             ' "start": "2023-01-01", "end": "2023-12-31"}')
        >>> plan.id, plan.end
        ('p', datetime.date(2023, 12, 31))

    .. versionadded:: 0.1.0
    """
    limits = Limits(
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_digits=max_digits,
        max_expansion=max_expansion,
    )
    text, name = read_source(source, limits)
    chosen = _format_of(name, text, fmt, ("json", "yaml", "toml"))
    # A plan that reads is no deeper than PLAN_DEPTH (every key of every
    # object is known, and none holds free-form data): within a limit at
    # least that deep, the depth is walked only when the plan does not read.
    later = chosen in {"json", "toml"} and limits.max_depth >= PLAN_DEPTH
    # The document and the plan are many objects that all live on: the cyclic
    # collector, which would traverse them again and again, is held off.
    with collector_paused():
        if later:
            data = (
                _json.parse(text, limits, name, depth=False)
                if chosen == "json"
                else _toml_parse(text, limits, name)
            )
        else:
            data = _parser(chosen)(text, limits, name)
        plan, problems = plan_from_document(data)
        if plan is not None and not problems:
            # The document is freed here, before the collector is on again:
            # its first collection then looks at the plan's objects alone.
            del data
            return plan
    if later:
        # Too deep is what such a document is refused for, as before it was read.
        if chosen == "json":
            _json.check_depth(text, data, limits, name)
        else:
            check_depth(data, limits, name)
    raise document_error(problems, name, data)


def from_dict(data: Mapping[str, Any]) -> Plan:
    """Build a plan from an already parsed document (a front end's JSON, say).

    Raises:
        DocumentError: Every problem found in the document, each with its path.

    Example:
        >>> from_dict({"format_version": "1.0", "id": "p", "title": {"en": "P"},
        ...            "start": "2023-01-01", "end": "2023-12-31"}).title["en"]
        'P'

    .. versionadded:: 0.1.0
    """
    with collector_paused():
        plan, problems = plan_from_document(data)
    if plan is None or problems:
        raise document_error(problems, document=data)
    return plan


def to_dict(plan: Plan) -> dict[str, Any]:
    """The document of *plan* as JSON-ready data (dicts, lists, strings, numbers).

    Example:
        >>> plan = Plan("p", "P", start="2023-01-01", end="2023-12-31")
        >>> to_dict(plan)["format_version"]
        '1.0'

    .. versionadded:: 0.1.0
    """
    return plan_to_document(plan)


def _write(text: str, path: str | os.PathLike[str] | None) -> str | None:
    # Text built in Python may hold a lone surrogate, which no UTF-8 file can:
    # refused here as on load, before anything is written.
    refuse_surrogates(text, "", "the text to write")
    if path is None:
        return text
    with atomic_write(pathlib.Path(path)) as fh:
        fh.write(text)
    return None


def _dump_format(
    path: str | os.PathLike[str] | None, fmt: str | None, allowed: Sequence[str]
) -> str:
    if fmt is None:
        suffix = pathlib.Path(os.fspath(path)).suffix.lower() if path is not None else ""
        fmt = _SUFFIXES.get(suffix, "json")
    if fmt not in allowed:
        msg = f"fmt={fmt!r} is not one of {', '.join(allowed)}"
        raise ValueError(msg)
    return fmt


def dump(
    plan: Plan, path: str | os.PathLike[str] | None = None, *, fmt: PlanFormat | None = None
) -> str | None:
    """Write *plan* as a JSON, YAML or TOML document.

    Args:
        plan: The plan.
        path: Where to write; the file is replaced atomically (a temporary
            file, then a rename). Without a path the text is returned.
        fmt: ``"json"``, ``"yaml"`` or ``"toml"``; by default from the path's
            suffix, else JSON.

    Returns:
        The document's text when no *path* is given, else ``None``.

    Raises:
        DocumentError: The plan holds text no UTF-8 file can hold (a lone surrogate).
        MissingDependencyError: YAML and TOML need the ``yaml`` and ``toml`` extras.

    Example:
        >>> plan = Plan("p", {"en": "P", "zh": "计划"}, start="2023-01-01", end="2023-12-31")
        >>> print(dump(plan), end="")
        {
          "format_version": "1.0",
          "id": "p",
          "title": {
            "en": "P",
            "zh": "计划"
          },
          "start": "2023-01-01",
          "end": "2023-12-31"
        }

    .. versionadded:: 0.1.0
    """
    chosen = _dump_format(path, fmt, ("json", "yaml", "toml"))
    return _write(_renderer(chosen)(plan_to_document(plan)), path)


def load_observations(
    source: Source | Any,
    fmt: ObservationFormat | None = None,
    *,
    indicators: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    key: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
    max_expansion: float = MAX_EXPANSION,
) -> tuple[Observation, ...]:
    """Load observations: an observation document, long-format CSV, SDMX-CSV or an sdmx1 message.

    Args:
        source: As for :func:`load`; or, with ``fmt="sdmx"``, a data message
            read by the ``sdmx1`` package.
        fmt: ``"json"``, ``"yaml"``, ``"toml"``, ``"csv"`` (long format),
            ``"sdmx-csv"`` (1.0 or 2.0) or ``"sdmx"``; by default from the
            suffix, else guessed from the text.
        indicators: SDMX only: series keys (``"A.CN.RD_GDP"``) to indicator ids;
            a key not in it is a problem. Without it the key is the id.
        units: SDMX only: unit codes (``UNIT_MEASURE``) to units of innovplan's
            registry, on top of :data:`innovplan.io.SDMX_UNIT_CODES`; a file
            without ``UNIT_MEASURE`` is looked up by indicator id.
        key: SDMX-CSV only: the dimension columns of the series key, in order.
        dimensions: CSV: further columns to read as dimensions, besides the
            header's ``dim:NAME`` columns. SDMX-CSV: the key columns kept as
            the observations' dimensions rather than joined into the series
            key (by default the breakdowns listed in
            :data:`innovplan.io.SDMX_BREAKDOWNS`; ``()`` keeps none).
        max_bytes: Larger sources are refused before they are read.
        max_depth: Documents nested deeper are refused before they are built.
        max_digits: Numbers with more digits are refused.
        max_expansion: YAML aliases may expand a document to at most this
            many times its size.

    Returns:
        The observations in the order of the source.

    Raises:
        DocumentError: Every problem found, each with its path (or line).
        MissingDependencyError: YAML, TOML writing and sdmx1 messages need extras.

    Example:
        >>> text = '''indicator,period_start,period_end,value,unit,bound
        ... high_tech_enterprises,2023-12-31,2023-12-31,14500,enterprise,at_least
        ... '''
        >>> obs = load_observations(text, fmt="csv")
        >>> obs[0].value, obs[0].bound.value
        (<Quantity(14500, 'enterprise')>, 'at_least')

    .. versionadded:: 0.1.0
    """
    if fmt == "sdmx" or type(source).__module__.startswith("sdmx."):
        return _sdmx.from_message(source, indicators=indicators, units=units, dimensions=dimensions)
    limits = Limits(
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_digits=max_digits,
        max_expansion=max_expansion,
    )
    text, name = read_source(source, limits)
    chosen = _format_of(name, text, fmt, ("json", "yaml", "toml", "csv", "sdmx-csv"))
    if chosen == "csv":
        return _csv.read(text, name, limits=limits, dimensions=dimensions or ())
    if chosen == "sdmx-csv":
        return _sdmx.read(
            text,
            name,
            indicators=indicators,
            units=units,
            key=key,
            dimensions=dimensions,
            limits=limits,
        )
    data = _parser(chosen)(text, limits, name)
    observations, problems = observations_from_document(data)
    if problems:
        raise document_error(problems, name, data)
    return observations


def dump_observations(
    observations: Iterable[Observation] | Series,
    path: str | os.PathLike[str] | None = None,
    *,
    fmt: Literal["json", "yaml", "toml", "csv"] | None = None,
) -> str | None:
    """Write observations as an observation document or as long-format CSV.

    Args:
        observations: Observations, or a :class:`~innovplan.model.Series`.
        path: Where to write (atomically); without it the text is returned.
        fmt: ``"json"``, ``"yaml"``, ``"toml"`` or ``"csv"``; by default from
            the path's suffix, else JSON.

    Returns:
        The text when no *path* is given, else ``None``.

    Raises:
        DocumentError: An observation holds text no UTF-8 file can hold (a lone surrogate).

    Example:
        >>> from innovplan import Q_
        >>> obs = Observation("gdp_growth", Q_(5.7, "percent"), 2023, released="2024-01-20")
        >>> print(dump_observations([obs], fmt="csv"), end="")
        indicator,period_start,period_end,value,unit,released,bound,source,source_url,source_quote,status,note
        gdp_growth,2023-01-01,2023-12-31,5.7,percent,2024-01-20,exact,,,,,

    .. versionadded:: 0.1.0
    """
    chosen = _dump_format(path, fmt, ("json", "yaml", "toml", "csv"))
    # Checked at run time: an untyped caller may pass anything iterable.
    given: tuple[object, ...] = tuple(observations)
    items = tuple(o for o in given if isinstance(o, Observation))
    if len(items) != len(given):
        strays = {type(o).__name__ for o in given if not isinstance(o, Observation)}
        msg = f"dump_observations() takes Observations, got {', '.join(sorted(strays))}"
        raise TypeError(msg)
    if chosen == "csv":
        return _write(_csv.write(items), path)
    return _write(_renderer(chosen)(observations_to_document(items)), path)
