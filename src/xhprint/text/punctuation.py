"""Punctuation classes and width adjustment (clreq §3.1.6, GB/T 15834—2011 §5.1.10).

Takes a character, its natural advance, the placement and the punctuation style;
returns how much blank space each side of the glyph carries and how much of it the
style already removes. The composer trims further at pairs, line start and line end.

- GB placement (mainland papers in either script): pause/stop marks and closing
  brackets sit in the left half of their em (blank on the right); opening brackets
  sit in the right half.
- centred placement (Taiwan, Hong Kong): ，。、：；！？ are centred; brackets as in GB.
  The glyphs themselves come from the font's regional face (fonts/book.py).
- punct_style: quanjiao (full width, default), kaiming (sentence-final 。？！ full,
  the rest half), banjiao (all half).
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = frozenset("“‘（〔［｛〈《「『【〖〘")
CLOSING = frozenset("”’）〕］｝〉》」』】〗〙")
PAUSE = frozenset("，、；：")  # clreq 点号 within a sentence
STOP = frozenset("。．？！")  # sentence-final 点号
STYLES = ("quanjiao", "kaiming", "banjiao")

# Punctuation kinds (ints kept in plain lists by the composer).
K_NONE, K_OPEN, K_CLOSE, K_PAUSE, K_STOP = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class PunctBox:
    """Blank space (em) on each side of a full-width mark and the style's own trim."""

    kind: int
    blank_left: float
    blank_right: float
    trim_left: float  # removed by the punctuation style before any line is set
    trim_right: float


NO_BOX = PunctBox(K_NONE, 0.0, 0.0, 0.0, 0.0)


def punct_kind(c: str) -> int:
    """K_OPEN / K_CLOSE / K_PAUSE / K_STOP for CJK punctuation, K_NONE otherwise."""
    if c in OPENING:
        return K_OPEN
    if c in CLOSING:
        return K_CLOSE
    if c in PAUSE:
        return K_PAUSE
    if c in STOP:
        return K_STOP
    return K_NONE


def punct_box(c: str, advance_em: float, position: str, style: str) -> PunctBox:
    """The adjustable blank of `c` (only full-width glyphs have any).

    Quotes share code points with Latin quotes; only a full-width glyph (the CJK
    fonts' “” ‘’) is treated as a CJK bracket, as Typst does.
    """
    if style not in STYLES:
        raise ValueError(f"punct_style must be one of {STYLES}, not {style!r}")
    kind = punct_kind(c)
    if kind == K_NONE or advance_em < 0.9:
        return NO_BOX
    bl, br = _blanks(c, kind, position, style)
    if _half_width(kind, style):
        return PunctBox(kind, bl, br, bl, br)
    return PunctBox(kind, bl, br, 0.0, 0.0)


# Blank (em) left and right of a full-width bracket, in either placement.
BRACKET_BLANKS = {K_OPEN: (0.5, 0.0), K_CLOSE: (0.0, 0.5)}
GB_MARK_BLANKS = (0.0, 0.5)  # GB: pause and stop marks in the lower left of the em
CENTRED_MARK_BLANKS = (0.25, 0.25)  # CNS: centred in the em


def _blanks(c: str, kind: int, position: str, style: str) -> tuple[float, float]:
    """Blank (em) on the left and right of a full-width mark of `kind`."""
    if kind in BRACKET_BLANKS:
        return BRACKET_BLANKS[kind]
    if position != "centred":
        return GB_MARK_BLANKS
    if c in "？！" and style == "quanjiao":
        return (0.0, 0.0)  # CNS: ？！ stay one em
    return CENTRED_MARK_BLANKS


def _half_width(kind: int, style: str) -> bool:
    """Whether the style sets the mark half width: banjiao all, kaiming all but 。？！."""
    return style == "banjiao" or (style == "kaiming" and kind != K_STOP)
