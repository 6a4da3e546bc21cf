"""Lengths as written in templates ("350mm", "9pt", "2em", 12) → pt.

manifest.md §4: lengths take `mm`, `pt`, `em` (of the style's size) or a bare
number (pt). Kept free of YAML so layout code and tests can use it directly.
"""

from __future__ import annotations

import re

from xhprint.i18n import Message, msg
from xhprint.model.template import MM

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(mm|pt|em)?\s*$")


class LengthError(ValueError):
    """A length that cannot be read; the message says what is allowed."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


def parse_length(text: str | float | int, em: float | None = None) -> float:
    """A non-negative length in pt; `em` is the size one em stands for (None: em not allowed)."""
    if isinstance(text, bool):
        raise LengthError(msg("{value!r} is not a length", value=text))
    if isinstance(text, int | float):
        if text < 0:
            raise LengthError(msg("length {value} is negative", value=text))
        return float(text)
    m = _LENGTH.match(text)
    if not m:
        raise LengthError(msg("bad length {value!r}: use a number with mm, pt or em, or a bare "
                              "number (pt)", value=text))
    value = float(m.group(1))
    unit = m.group(2) or "pt"
    if unit == "mm":
        return value * MM
    if unit == "em":
        if em is None:
            raise LengthError(msg("length {value!r} is in em, but there is no size here for em "
                                  "to refer to", value=text))
        return value * em
    return value
