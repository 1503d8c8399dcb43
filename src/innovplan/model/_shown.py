"""Values as error messages show them: short, typed, and safe for any object."""

from __future__ import annotations

__all__ = ["shown"]

_LONGEST_SHOWN = 80
_PLAIN = (str, int, float, bool)


def shown(value: object) -> str:
    """A short ``repr`` of *value* with its type, safe for any object (a 5,000-digit int too).

    Example:
        >>> shown("1"), shown(10**5000), shown(b"1")
        ("'1'", 'an int of 16610 bits', "b'1' (bytes)")
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an int of {value.bit_length()} bits"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 (a hostile __repr__ must not hide the real error)
        text = f"<{type(value).__name__} object>"
    if len(text) > _LONGEST_SHOWN:
        text = text[: _LONGEST_SHOWN - 3] + "..."
    if value is None or type(value) in _PLAIN:
        return text  # the repr says the type: '1' is text, 1 a number
    return f"{text} ({type(value).__name__})"
