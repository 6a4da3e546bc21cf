"""Inputs and outputs of the line composer.

The composer takes styled runs, a measure and a style, and returns lines of
positioned glyphs. It knows fonts only through `Metrics` (font key + advance per
character), so it can be tested with a box-glyph font and never imports ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from xhprint.model.frame import PlacedGlyph


@dataclass(frozen=True)
class FaceGlyph:
    """How one character is drawn: the font key and its advance in em."""

    face: str
    advance: float


class Metrics(Protocol):
    """Resolves a character in a font role (with bold) along the role's fallback chain."""

    def glyph(self, char: str, role: str, bold: bool = False,
              position: str = "") -> FaceGlyph | None:
        """The face and advance for `char`, or None when no font of the chain has it.

        `position` ("gb" or "centred") asks for the regional form of a punctuation
        mark whose placement in the em differs by region (fonts/book.py).
        """
        ...


@dataclass(frozen=True)
class ComposeSpec:
    """How to set one paragraph."""

    size: float  # pt
    measure: float  # line width, pt
    role: str = "song"  # font role
    lang: str = "zh-Hant"  # zh-Hant | zh-Hans
    kinsoku: str = "basic"  # none | basic | gb | strict
    punct_style: str = "quanjiao"  # quanjiao | kaiming | banjiao
    punct_position: str = "gb"  # gb: ，。、：；！？ in the lower left | centred (TW/HK)
    indent_em: float = 2.0  # first-line indent
    align: str = "justify"  # justify | left | center | right
    first_line_indent: bool = True  # False for a paragraph continued after a split


@dataclass(frozen=True)
class ComposedLine:
    """One line: glyph x offsets from the line start; [start, end) indexes the paragraph text."""

    glyphs: tuple[PlacedGlyph, ...]
    width: float  # extent of the set line in pt (≤ measure)
    start: int
    end: int
    last: bool  # the paragraph's last line
    #: how spread it looks (text/looseness.py), em: the median letter-space between two
    #: CJK glyphs and the widest gap between two glyphs (`loose-line` compares them)
    letter_space: float = 0.0
    hole: float = 0.0


@dataclass(frozen=True)
class TextIssue:
    """A character the composer could not set (missing glyph) or dropped (control)."""

    kind: str  # "missing-glyph" | "dropped-control"
    char: str
    offset: int  # index in the paragraph text


@dataclass(frozen=True)
class ComposeResult:
    """The set lines of one paragraph or headline, with what could not be set."""

    lines: tuple[ComposedLine, ...]
    text: str  # the paragraph text the offsets refer to (runs joined)
    issues: tuple[TextIssue, ...] = ()
