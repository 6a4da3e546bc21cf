"""The finished layout: pages of positioned things, handed from layout to render.

Render makes no layout decisions (architecture.md practice 2): everything here is
already placed. Coordinates are pt from the *trim* box's top-left corner, y down;
render converts to PDF space and adds bleed and marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xhprint.model.issue import Box
from xhprint.model.source import SourceRef
from xhprint.model.template import BLACK, CMYK

# Ideographic em box: Noto CJK and the test font put the em box from −120 to 880
# units, so a body line's baseline sits 0.88 em below the em box top.
EM_BOX_ASCENT = 0.88


@dataclass(frozen=True)
class PlacedGlyph:
    """One character drawn with its origin `x` pt from the line start.

    `hscale` stretches the glyph horizontally (used to make —— one continuous 2 em
    dash). `text` is what copying returns: usually the character itself.
    """

    text: str
    x: float
    face: str  # font key understood by the font book / renderer
    advance: float  # natural advance in pt at the line's size (before hscale)
    hscale: float = 1.0
    #: the stretch of the line the glyph occupies, from `x`: a compressed punctuation
    #: mark keeps only the inked half of its em (None: its whole advance)
    span: tuple[float, float] | None = None

    @property
    def occupied(self) -> tuple[float, float]:
        """(left, right) of what the glyph occupies on its line, pt from the line start."""
        if self.span is None:
            return self.x, self.x + self.advance * self.hscale
        return self.x + self.span[0], self.x + self.span[1]


@dataclass(frozen=True)
class TextLine:
    """A set line: glyphs placed from (x, baseline), with the item and source it came from."""

    x: float
    baseline: float
    size: float
    glyphs: tuple[PlacedGlyph, ...]
    color: CMYK = BLACK
    role: str = "body"
    item: str | None = None
    ref: SourceRef | None = None
    #: letter-spaced past the template's `loose_line_em` (layout/line_quality.py, the
    #: `loose-line` finding): the sign-off proof highlights it
    loose: bool = False

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    def inked(self) -> tuple[float, float, float, float] | None:
        """(x, top, width, height) of the line's glyphs' em boxes, spaces left out (None:
        it prints nothing): what the layout keeps inside its box."""
        lo = hi = None  # one pass: every line of every page is measured on every build
        for g in self.glyphs:
            if g.text.isspace():  # a space prints nothing
                continue
            span = g.span  # PlacedGlyph.occupied, inline: ~50,000 glyphs on 8 pages
            if span is None:
                a = g.x
                b = a + g.advance * g.hscale
            else:
                a = g.x + span[0]
                b = g.x + span[1]
            if lo is None or a < lo:
                lo = a
            if hi is None or b > hi:
                hi = b
        if lo is None or hi is None:
            return None
        return (self.x + lo, self.baseline - EM_BOX_ASCENT * self.size, hi - lo, self.size)


@dataclass(frozen=True)
class RuleLine:
    """A straight rule (100 % K by default), e.g. between two stories."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: CMYK = BLACK


@dataclass(frozen=True)
class FillRect:
    """A filled rectangle, e.g. a tint behind a label."""

    x: float
    y: float
    w: float
    h: float
    color: CMYK = BLACK


@dataclass(frozen=True)
class ImageBox:
    """A photo in a frame. `crop` is the visible part of the (orientation-corrected)
    source in pixels: (left, top, right, bottom). With fit=fit the image box is the
    letterboxed area itself, so crop is the whole image."""

    x: float
    y: float
    w: float
    h: float
    source: Path
    crop: tuple[int, int, int, int]
    item: str | None = None
    ref: SourceRef | None = None


@dataclass(frozen=True)
class QRSymbol:
    """A QR code encoding `data`, `size` pt square including its quiet zone."""

    x: float
    y: float
    size: float
    data: str


@dataclass(frozen=True)
class PdfPlacement:
    """A supplied advert: the first page of a PDF, scaled (never distorted) into x,y,w,h."""

    x: float
    y: float
    w: float
    h: float
    source: Path
    item: str | None = None


@dataclass(frozen=True)
class LinkArea:
    """A clickable area (digital edition) jumping to `target_page` at `target_y`."""

    x: float
    y: float
    w: float
    h: float
    target_page: int
    target_y: float = 0.0


Element = TextLine | RuleLine | FillRect | ImageBox | QRSymbol | PdfPlacement | LinkArea


@dataclass(frozen=True)
class ItemArea:
    """Where one item (or one part of a continued story) lies on the page."""

    id: str
    kind: str  # story | ad | masthead | header
    x: float
    y: float
    w: float
    h: float
    box: Box | None = None
    title: str = ""
    part: int = 1
    continued_from: int | None = None
    continues_to: int | None = None
    text: str = ""
    lines_set: int = 0
    overset_lines: int = 0
    ref: SourceRef | None = None
    #: the box was chosen by the engine (`rows: auto`, automatic placement), not written
    automatic: bool = False


@dataclass(frozen=True)
class LaidOutPage:
    """One finished page: everything placed, ready to render."""

    number: int
    width: float  # trim width, pt
    height: float  # trim height, pt
    section: str
    elements: tuple[Element, ...]
    areas: tuple[ItemArea, ...]


@dataclass(frozen=True)
class GridGeometry:
    """A page's grid for proof overlays: column left edges and width, row 1's top, the leading.

    Rows count from the top of the type area (manifest.md §2): row r spans
    [top + (r−1)·leading, top + r·leading). Pt from the trim top-left, y down.
    """

    column_x: tuple[float, ...]
    column_width: float
    top: float
    leading: float
    rows: int

    def row_top(self, row: int) -> float:
        """Top edge of 1-based `row`."""
        return self.top + (row - 1) * self.leading
