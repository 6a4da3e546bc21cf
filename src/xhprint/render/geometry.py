"""Page geometry: the layout's trim-relative y-down points → PDF user space.

Layout works from the trim box's top-left corner with y growing downwards;
PDF user space has its origin bottom-left of the MediaBox with y up (PDF 32000-1
§8.3.2.3). On a print page the MediaBox is trim + 2 × bleed + room for the
crop marks and slug (§14.11.2 page boundaries); on a digital page MediaBox = trim.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhprint.model.template import MM

#: room outside the bleed for crop marks and the slug line, each side.
MARKS_ROOM = 12 * MM

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space


@dataclass(frozen=True)
class PageGeometry:
    """Where the trim box sits in the MediaBox; `margin` is bleed + marks room (0 for digital)."""

    trim_w: float
    trim_h: float
    bleed: float = 0.0
    margin: float = 0.0

    @classmethod
    def for_print(cls, trim_w: float, trim_h: float, bleed: float) -> PageGeometry:
        return cls(trim_w, trim_h, bleed, bleed + MARKS_ROOM)

    @classmethod
    def for_digital(cls, trim_w: float, trim_h: float) -> PageGeometry:
        return cls(trim_w, trim_h, 0.0, 0.0)

    @property
    def media_w(self) -> float:
        return self.trim_w + 2 * self.margin

    @property
    def media_h(self) -> float:
        return self.trim_h + 2 * self.margin

    @property
    def media_box(self) -> Rect:
        return (0.0, 0.0, self.media_w, self.media_h)

    @property
    def trim_box(self) -> Rect:
        m = self.margin
        return (m, m, m + self.trim_w, m + self.trim_h)

    @property
    def bleed_box(self) -> Rect:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)

    def x(self, x: float) -> float:
        """PDF x of a trim-relative x."""
        return self.margin + x

    def y(self, y: float) -> float:
        """PDF y of a trim-relative, y-down y."""
        return self.margin + self.trim_h - y

    def rect(self, x: float, y: float, w: float, h: float) -> Rect:
        """PDF (x0, y0, x1, y1) of a trim-relative box given by its top-left corner."""
        return (self.x(x), self.y(y + h), self.x(x + w), self.y(y))

    def bleed_extended(self, x: float, y: float, w: float, h: float, eps: float = 0.01) -> Rect:
        """The box in PDF space, pushed out by the bleed on every side that touches the trim edge.

        A photo or tint that reaches the trim must print past it so that trimming
        tolerance leaves no white sliver (hence the bleed, PDF 32000-1 §14.11.2).
        """
        x0, y0, x1, y1 = self.rect(x, y, w, h)
        b = self.bleed
        if x <= eps:
            x0 -= b
        if y <= eps:
            y1 += b
        if x + w >= self.trim_w - eps:
            x1 += b
        if y + h >= self.trim_h - eps:
            y0 -= b
        return (x0, y0, x1, y1)
