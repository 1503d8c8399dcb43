"""Text in one or more languages: titles, names and the wording of targets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from innovplan.model._fields import named_converter

__all__ = ["Wording", "checked_wording", "detect_language", "wording_converter"]


def detect_language(text: str) -> str:
    """Guess the language tag of *text*: ``"zh"`` if it has CJK ideographs, else ``"en"``.

    Example:
        >>> detect_language("技术合同成交额突破1450亿元"), detect_language("exceed 13,000")
        ('zh', 'en')
    """
    # CJK Unified Ideographs and Extension A, the range the phrase reader uses.
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"


def _to_pairs(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Wording):
        return value.texts
    if isinstance(value, str):
        return ((detect_language(value), value),) if value else ()
    if type(value) is dict or isinstance(value, Mapping):
        return tuple((str(k), str(v)) for k, v in value.items())
    if isinstance(value, Iterable) and not isinstance(value, bytes | bytearray):
        try:
            pairs = tuple(value)
            if all(isinstance(p, tuple | list) and len(p) == 2 for p in pairs):
                return tuple((str(k), str(v)) for k, v in pairs)
        except TypeError:
            pass
    from innovplan.errors import ModelError
    from innovplan.model._checks import shown

    msg = f"expected a str or a mapping of language to text, got {shown(value)}"
    raise ModelError("Wording", "", msg)


def _check_pairs(
    _: object,
    attribute: attrs.Attribute[tuple[tuple[str, str], ...]],
    pairs: tuple[tuple[str, str], ...],
) -> None:
    if "" not in (distinct := {lang for lang, _text in pairs}) and len(distinct) == len(pairs):
        return
    from innovplan.errors import ModelError

    langs = [lang for lang, _text in pairs]
    if len(set(langs)) != len(langs):
        raise ModelError("Wording", attribute.name, f"a language appears twice: {langs}")
    if any(not lang for lang in langs):
        raise ModelError("Wording", attribute.name, "a language tag is empty")


@attrs.frozen(repr=False, eq=False)
class Wording(Mapping[str, str]):
    """Text in one or more languages, keyed by language tag (``"en"``, ``"zh"``).

    A plain string is accepted wherever a ``Wording`` is expected; its language
    is guessed by :func:`detect_language`. ``str()`` gives the first text.

    Example:
        >>> w = Wording({"en": "high-tech enterprises", "zh": "高新技术企业"})
        >>> w["zh"], str(w)
        ('高新技术企业', 'high-tech enterprises')
        >>> Wording("技术合同成交额")
        Wording({'zh': '技术合同成交额'})
    """

    texts: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_to_pairs, validator=_check_pairs
    )

    def __getitem__(self, lang: str) -> str:
        for key, text in self.texts:
            if key == lang:
                return text
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return (lang for lang, _ in self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __str__(self) -> str:
        return self.texts[0][1] if self.texts else ""

    def __repr__(self) -> str:
        return f"Wording({dict(self.texts)!r})"

    def __bool__(self) -> bool:
        return bool(self.texts)

    # Equal as mappings are (a dict with the same texts is equal), whatever the
    # order the languages were given in; the order only decides str().
    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.texts) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self.texts))

    def in_language(self, lang: str, *, fallback: bool = True) -> str:
        """Return the text in *lang*, else (with *fallback*) the first text, else ``""``.

        Example:
            >>> Wording("高新技术企业").in_language("en")
            '高新技术企业'
        """
        if lang in self:
            return self[lang]
        return str(self) if fallback else ""

    def with_text(self, lang: str, text: str) -> Wording:
        """Return a copy with *text* set for *lang*.

        Example:
            >>> Wording("reach 30").with_text("zh", "达到30件")
            Wording({'en': 'reach 30', 'zh': '达到30件'})
        """
        if lang in self:
            return Wording(tuple((k, text if k == lang else v) for k, v in self.texts))
        return Wording((*self.texts, (lang, text)))


def checked_wording(texts: object) -> Wording:
    """``Wording(texts)``, built once when *texts* is a string or a dict of text to text.

    A reader of large documents builds a wording for every target: the pairs
    of such a dict are the wording's texts as they are (its keys are distinct),
    so only the check that no language tag is empty is left to make. Anything
    else goes through ``Wording(texts)`` and its messages.

    Example:
        >>> checked_wording({"en": "reach 30", "zh": "达到30件"}) == Wording(
        ...     {"en": "reach 30", "zh": "达到30件"})
        True
        >>> checked_wording("达到30件")
        Wording({'zh': '达到30件'})
    """
    if type(texts) is str:
        pairs: tuple[tuple[str, str], ...] = ((detect_language(texts), texts),) if texts else ()
    elif type(texts) is dict:
        pairs = tuple(texts.items())
        for lang, text in pairs:
            if type(lang) is not str or not lang or type(text) is not str:
                return Wording(texts)
    else:
        return Wording(texts)
    wording = object.__new__(Wording)
    _SET_TEXTS(wording, pairs)
    return wording


# The setter of Wording's one slot: what object.__setattr__ reaches, without its lookup.
_SET_TEXTS = Wording.__dict__["texts"].__set__


def _as_wording(value: object) -> Wording:
    # A Wording is immutable and was checked when it was built: kept as it is.
    return value if type(value) is Wording else Wording(value)


wording_converter = named_converter(_as_wording)
"""An attrs converter to :class:`Wording` whose errors name the object and field."""
