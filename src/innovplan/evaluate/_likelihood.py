"""Calibrated likelihood language: a probability as the words a reader can weigh.

The default is the IPCC's, from the guidance note for lead authors of the Fifth
Assessment Report (Mastrandrea et al. 2010, "Guidance Note for Lead Authors of
the IPCC Fifth Assessment Report on Consistent Treatment of Uncertainties",
Table 1): virtually certain 99-100 %, very likely 90-100 %, likely 66-100 %,
about as likely as not 33-66 %, unlikely 0-33 %, very unlikely 0-10 %,
exceptionally unlikely 0-1 %. The ranges nest, so the most specific word is
used and a probability exactly on a cut-off takes the word nearer the middle
(0.66 is "about as likely as not", 0.90 is "likely").
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from innovplan.errors import EvaluationError
from innovplan.model import number_value, shown

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["IPCC_AR5", "LikelihoodScale", "likelihood"]


def _check(instance: LikelihoodScale, attribute: attrs.Attribute[Any], _: object) -> None:
    cuts, words = instance.cutoffs, instance.words
    if len(words) != len(cuts) + 1:
        msg = f"{len(cuts)} cut-offs need {len(cuts) + 1} words, got {len(words)}"
        raise EvaluationError(f"LikelihoodScale.{attribute.name}: {msg}")
    if any(not (0.0 < c < 1.0) for c in cuts) or any(a >= b for a, b in itertools.pairwise(cuts)):
        msg = f"cut-offs must increase strictly inside (0, 1), got {cuts!r}"
        raise EvaluationError(f"LikelihoodScale.cutoffs: {msg}")
    if not 0 <= instance.middle < len(words):
        msg = f"middle must index a word (0..{len(words) - 1}), got {instance.middle!r}"
        raise EvaluationError(f"LikelihoodScale.middle: {msg}")


def _floats(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _words(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@attrs.frozen
class LikelihoodScale:
    """Words for probabilities: ``len(cutoffs) + 1`` words, from least to most likely.

    A probability below ``cutoffs[0]`` gets ``words[0]``, one above
    ``cutoffs[-1]`` gets ``words[-1]``. A probability exactly on a cut-off
    takes the word nearer ``words[middle]``, so that the end words are kept for
    probabilities strictly beyond their cut-offs ("virtually certain" is
    *more than* 0.99).

    Attributes:
        cutoffs: Increasing probabilities strictly between 0 and 1.
        words: The words, least likely first.
        middle: Index of the neutral word; by default the middle one.

    Example:
        >>> scale = LikelihoodScale((0.5,), ("less likely than not", "more likely than not"))
        >>> scale(0.7), scale(0.3)
        ('more likely than not', 'less likely than not')
        >>> IPCC_AR5(0.995), IPCC_AR5(0.66), IPCC_AR5(0.2)
        ('virtually certain', 'about as likely as not', 'unlikely')
    """

    cutoffs: tuple[float, ...] = attrs.field(converter=_floats)
    words: tuple[str, ...] = attrs.field(converter=_words, validator=_check)
    middle: int = attrs.field(
        default=attrs.Factory(lambda self: len(self.words) // 2, takes_self=True)
    )

    def __call__(self, probability: float | None) -> str | None:
        """The word for *probability*; None for None or NaN."""
        if probability is None or math.isnan(probability):
            return None
        return str(self.words_of(np.array([probability]))[0])

    def words_of(self, probabilities: npt.ArrayLike) -> npt.NDArray[np.object_]:
        """The words for many probabilities at once (None where NaN).

        Example:
            >>> IPCC_AR5.words_of([0.05, 0.95, float("nan")]).tolist()
            ['very unlikely', 'very likely', None]
        """
        p = np.asarray(probabilities, dtype=np.float64)
        cuts = np.asarray(self.cutoffs)
        right = np.searchsorted(cuts, p, side="right")
        left = np.searchsorted(cuts, p, side="left")
        # On a cut-off below the middle word, side="right" moves up towards it;
        # above the middle, side="left" keeps the lower (nearer) word.
        idx = np.where(right <= self.middle, right, np.maximum(left, self.middle))
        words = np.array([*self.words, None], dtype=object)
        out: npt.NDArray[np.object_] = words[np.where(np.isnan(p), len(self.words), idx)]
        return out


IPCC_AR5 = LikelihoodScale(
    (0.01, 0.10, 0.33, 0.66, 0.90, 0.99),
    (
        "exceptionally unlikely",
        "very unlikely",
        "unlikely",
        "about as likely as not",
        "likely",
        "very likely",
        "virtually certain",
    ),
)
"""The IPCC AR5 calibrated language (Mastrandrea et al. 2010, Table 1)."""


def likelihood(probability: float | None, scale: LikelihoodScale = IPCC_AR5) -> str | None:
    """The calibrated word for *probability* on *scale*.

    Args:
        probability: A probability, or None.
        scale: The words and their cut-offs.

    Returns:
        The word, or None when there is no probability.

    Raises:
        EvaluationError: *probability* is not a number from 0 to 1 (nor
            None or NaN), or *scale* is not a :class:`LikelihoodScale`.

    Example:
        >>> likelihood(0.93), likelihood(0.90), likelihood(0.5), likelihood(None)
        ('very likely', 'likely', 'about as likely as not', None)
    """
    if not isinstance(scale, LikelihoodScale):  # type: ignore[redundant-expr,unused-ignore]
        msg = (  # type: ignore[unreachable,unused-ignore]  # any object may arrive
            "likelihood() argument scale: expected a LikelihoodScale such as IPCC_AR5, "
            f"got {shown(scale)}"
        )
        raise EvaluationError(msg)
    if probability is None:
        return None
    p = number_value(probability)
    if p is None or not (math.isnan(p) or 0.0 <= p <= 1.0):
        msg = (
            "likelihood() argument probability: expected a number from 0 to 1 (NaN or None: "
            f"no word), got {shown(probability)}"
        )
        raise EvaluationError(msg)
    return scale(p)
