"""The exception hierarchy: every error innovplan raises on purpose is an `InnovplanError`.

Each error mixes in the builtin it refines (``ValueError``, ``LookupError``,
``ImportError``), keeps its facts as attributes, builds its message from them in
``__str__`` and pickles through ``__reduce__``, so an error crossing a process
boundary arrives whole.

Example:
    >>> from innovplan import errors
    >>> err = errors.QuantityParseError("12 furlongs", 3, "unknown unit 'furlongs'")
    >>> isinstance(err, errors.InnovplanError), isinstance(err, ValueError)
    (True, True)
    >>> print(err)
    cannot read a quantity from '12 furlongs' at position 3: unknown unit 'furlongs'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "AmbiguousUnitError",
    "DocumentError",
    "EvaluationError",
    "InnovplanError",
    "MissingDependencyError",
    "ModelError",
    "Problem",
    "QuantityParseError",
    "RefusedUnitError",
    "TargetParseError",
    "UnitError",
    "UnitMismatchError",
    "UnknownIdError",
    "UnreadUnitError",
]


class InnovplanError(Exception):
    """Base class of every error innovplan raises on purpose.

    Example:
        >>> from innovplan.errors import InnovplanError, ModelError
        >>> issubclass(ModelError, InnovplanError)
        True
    """


class UnitError(InnovplanError, ValueError):
    """A unit is unknown, or does not fit where it is used.

    Example:
        >>> print(UnitError("unit 'furlong' is not known to innovplan's registry"))
        unit 'furlong' is not known to innovplan's registry
    """


class QuantityParseError(UnitError):
    """Text could not be read as a quantity.

    Args:
        text: The whole text given.
        position: Index in *text* where reading stopped.
        reason: What was wrong there.

    Example:
        >>> err = QuantityParseError("1.2.3万", 3, "a number has two decimal points")
        >>> err.position
        3
    """

    def __init__(self, text: str, position: int, reason: str) -> None:
        super().__init__(text, position, reason)
        self.text = text
        self.position = position
        self.reason = reason

    def __str__(self) -> str:
        return (
            f"cannot read a quantity from {self.text!r} at position {self.position}: {self.reason}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.position, self.reason))


class RefusedUnitError(UnitError):
    """A unit word pint reads, but not as a plan's figures mean it: read at no door.

    pint reads "k" as the Boltzmann constant, "pc" as the parsec and
    "myuan" as a milliyuan; tables mean a thousand, per cent and a million
    yuan. Such a word is refused wherever unit text is read; the message
    names the word, where it stood, pint's reading and what to write instead.

    Args:
        word: The word as written (``"k"``).
        reading: pint's reading of it (``"boltzmann_constant"``).
        advice: What to write instead.
        text: The whole text the word stood in, if more than the word.
        position: Where the word starts in *text*.

    Example:
        >>> err = RefusedUnitError("pc", "parsec", "write 'parsec' for the parsec", "5 pc", 2)
        >>> print(err)
        unit 'pc' at position 2 of '5 pc' is refused: pint reads it as parsec; write 'parsec' for the parsec
    """  # noqa: E501 (a doctest's output is one line)

    def __init__(
        self,
        word: str,
        reading: str,
        advice: str,
        text: str | None = None,
        position: int = 0,
    ) -> None:
        super().__init__(word, reading, advice, text, position)
        self.word = word
        self.reading = reading
        self.advice = advice
        self.text = text
        self.position = position

    def _where(self) -> str:
        if self.text is not None and self.text != self.word:
            return f" at position {self.position} of {self.text!r}"
        return ""

    def __str__(self) -> str:
        read = f"pint reads it as {self.reading}"
        return f"unit {self.word!r}{self._where()} is refused: {read}; {self.advice}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.word, self.reading, self.advice, self.text, self.position))

    def located(self, text: str, position: int) -> RefusedUnitError:
        """The same error, standing at *position* of *text*.

        Example:
            >>> err = RefusedUnitError("k", "boltzmann_constant", "write 'thousand'")
            >>> err.located("5 k", 2).position
            2
        """
        return RefusedUnitError(self.word, self.reading, self.advice, text, position)


class AmbiguousUnitError(RefusedUnitError):
    """A unit symbol means one unit to pint and another to statistics offices.

    Such a symbol is read nowhere: the message names the symbol, where it
    stood, what each reading means and the spellings that say which is meant.

    Args:
        word: The symbol as written (``"kt"``).
        spellings: The unambiguous spellings to write instead.
        reason: What the symbol means to whom.
        text: The whole text the symbol stood in, if more than the symbol.
        position: Where the symbol starts in *text*.

    Example:
        >>> print(AmbiguousUnitError("kt", ("kilotonne", "knot"), "a mass or a speed"))
        unit 'kt' is ambiguous: a mass or a speed; write 'kilotonne' or 'knot'
        >>> print(AmbiguousUnitError("kt", ("kilotonne", "knot"), "a mass or a speed", "5 kt", 2))
        unit 'kt' at position 2 of '5 kt' is ambiguous: a mass or a speed; write 'kilotonne' or 'knot'
    """  # noqa: E501 (a doctest's output is one line)

    def __init__(
        self,
        word: str,
        spellings: Sequence[str],
        reason: str,
        text: str | None = None,
        position: int = 0,
    ) -> None:
        UnitError.__init__(self, word, tuple(spellings), reason, text, position)
        self.word = word
        self.spellings = tuple(spellings)
        # As a refusal: what the symbol means to whom, and what to write.
        self.reading = reason
        self.advice = f"write {self._choice()}"
        self.reason = reason
        self.text = text
        self.position = position

    def _choice(self) -> str:
        quoted = [repr(s) for s in self.spellings]
        return f"{', '.join(quoted[:-1])} or {quoted[-1]}" if len(quoted) > 1 else quoted[0]

    def __str__(self) -> str:
        return (
            f"unit {self.word!r}{self._where()} is ambiguous: {self.reason}; write {self._choice()}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.word, self.spellings, self.reason, self.text, self.position))

    def located(self, text: str, position: int) -> AmbiguousUnitError:
        """The same error, standing at *position* of *text*.

        Example:
            >>> err = AmbiguousUnitError("kt", ("kilotonne", "knot"), "a mass or a speed")
            >>> err.located("kt / year", 0).text
            'kt / year'
        """
        return AmbiguousUnitError(self.word, self.spellings, self.reason, text, position)


class UnitMismatchError(UnitError):
    """Two quantities, or a quantity and an indicator, have units that do not fit.

    Args:
        got: The unit that arrived.
        expected: The unit (or dimension) that was expected.
        where: What was being checked (a target id, a field path).

    Example:
        >>> print(UnitMismatchError("meter ** 2", "[currency_CNY]", "target 'T10'"))
        target 'T10': unit 'meter ** 2' does not fit '[currency_CNY]'
    """

    def __init__(self, got: str, expected: str, where: str = "") -> None:
        super().__init__(got, expected, where)
        self.got = got
        self.expected = expected
        self.where = where

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}unit {self.got!r} does not fit {self.expected!r}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.got, self.expected, self.where))


class ModelError(InnovplanError, ValueError):
    """A model object would break one of the domain's rules.

    Args:
        owner: The object being built (``"Target 'T8'"``).
        field: The field at fault.
        message: What is wrong and what would be valid.

    Example:
        >>> print(ModelError("Target 'T3'", "value", "a count cannot be negative, got -1"))
        Target 'T3'.value: a count cannot be negative, got -1
    """

    def __init__(self, owner: str, field: str, message: str) -> None:
        super().__init__(owner, field, message)
        self.owner = owner
        self.field = field
        self.message = message

    def __str__(self) -> str:
        where = ".".join(p for p in (self.owner, self.field) if p)
        return f"{where}: {self.message}" if where else self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.owner, self.field, self.message))


class UnknownIdError(InnovplanError, LookupError):
    """An id was looked up that does not exist; the message lists what does.

    Example:
        >>> print(UnknownIdError("target", "T99", ["T1", "T2"]))
        no target with id 'T99'; known: T1, T2
    """

    def __init__(self, kind: str, key: str, known: Sequence[str] = ()) -> None:
        super().__init__(kind, key, tuple(known))
        self.kind = kind
        self.key = key
        self.known = tuple(known)

    def __str__(self) -> str:
        shown = ", ".join(self.known[:20]) + (" …" if len(self.known) > 20 else "")
        return f"no {self.kind} with id {self.key!r}; known: {shown or '(none)'}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.key, self.known))


class TargetParseError(InnovplanError, ValueError):
    """A phrase did not yield exactly the targets asked for.

    Args:
        text: The phrase given.
        reason: What was wrong.
        span: ``(start, end)`` in *text* of the part at fault, when known.
        found: How many targets were found.

    Example:
        >>> print(TargetParseError("accelerate the construction", "no target found", found=0))
        no target found in 'accelerate the construction' (found 0 targets)
    """

    def __init__(
        self,
        text: str,
        reason: str,
        span: tuple[int, int] | None = None,
        found: int | None = None,
    ) -> None:
        super().__init__(text, reason, span, found)
        self.text = text
        self.reason = reason
        self.span = span
        self.found = found

    def __str__(self) -> str:
        shown = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        msg = f"{self.reason} in {shown!r}"
        if self.span is not None:
            msg += f" at {self.span[0]}..{self.span[1]}"
        if self.found is not None:
            msg += f" (found {self.found} target{'s' if self.found != 1 else ''})"
        return msg

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.reason, self.span, self.found))


class UnreadUnitError(TargetParseError):
    """A word after a number in a target phrase is a unit the phrase does not read.

    Target phrases read units from the plan vocabulary only, so that "5 in
    2025" is never five inches; a unit word outside it ("3 Mt", "5 a year")
    is refused rather than dropped, which would leave a plain number.

    Args:
        text: The phrase.
        word: The words after the number, as written (``"Mt"``).
        reason: What the words are and what to write instead.
        span: ``(start, end)`` of the words in *text*.

    Example:
        >>> err = UnreadUnitError("3 Mt by 2025", "Mt", "not in the vocabulary", (2, 4))
        >>> print(err)
        unit 'Mt' after a number is not read: not in the vocabulary in '3 Mt by 2025' at 2..4
        >>> err.word, err.span
        ('Mt', (2, 4))
    """

    def __init__(self, text: str, word: str, reason: str, span: tuple[int, int]) -> None:
        super().__init__(text, f"unit {word!r} after a number is not read: {reason}", span)
        self.args = (text, word, reason, span)
        self.word = word
        self.why = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.word, self.why, self.span))


class Problem:
    """One problem found in a document: where it is, what is wrong, how to fix it.

    Example:
        >>> print(Problem("goals[0].targets[1].comparator", "'morethan' is not a comparator"))
        goals[0].targets[1].comparator: 'morethan' is not a comparator
    """

    __slots__ = ("hint", "message", "path")

    def __init__(self, path: str, message: str, hint: str = "") -> None:
        self.path = path
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        return f"{text} ({self.hint})" if self.hint else text

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, message={self.message!r}, hint={self.hint!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message, self.hint) == (other.path, other.message, other.hint)

    def __hash__(self) -> int:
        return hash((self.path, self.message, self.hint))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.message, self.hint))


class DocumentError(InnovplanError, ValueError):
    """A plan or observation document has problems; all of them are listed.

    Args:
        problems: Every problem found, each with its path in the document.
        source: The file the document came from, when known.

    Example:
        >>> err = DocumentError([Problem("targets[3].comparator", "'morethan' is not valid")])
        >>> print(err)
        1 problem in the document:
          targets[3].comparator: 'morethan' is not valid
    """

    def __init__(self, problems: Sequence[Problem], source: str = "") -> None:
        super().__init__(tuple(problems), source)
        self.problems = tuple(problems)
        self.source = source

    def __str__(self) -> str:
        n = len(self.problems)
        where = f" in {self.source}" if self.source else " in the document"
        head = f"{n} problem{'s' if n != 1 else ''}{where}:"
        return "\n  ".join([head, *(str(p) for p in self.problems)])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.source))


class EvaluationError(InnovplanError, ValueError):
    """An assessment or a forecast was asked for with inputs that cannot give one.

    Example:
        >>> print(EvaluationError("loglinear needs positive values; T8 has -3 in 2020"))
        loglinear needs positive values; T8 has -3 in 2020
    """


class MissingDependencyError(InnovplanError, ImportError):
    """An optional extra is needed for this feature and is not installed.

    Example:
        >>> print(MissingDependencyError("pandas", "pandas", "data frames"))
        data frames need the optional package 'pandas': pip install 'innovplan[pandas]'
    """

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(package, extra, purpose)
        self.package = package
        self.extra = extra
        self.purpose = purpose

    def __str__(self) -> str:
        return (
            f"{self.purpose} need the optional package {self.package!r}: "
            f"pip install 'innovplan[{self.extra}]'"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.package, self.extra, self.purpose))
