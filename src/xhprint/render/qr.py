"""Real QR codes (ISO/IEC 18004) drawn as vector modules in 100 % K.

The symbol's `size` includes the 4-module quiet zone the standard requires
(ISO/IEC 18004 §9.1); the quiet zone is painted white so that a tint under the
symbol cannot stop a phone reading it.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor, black

from xhprint.render.ink import set_fill

QUIET_ZONE_MODULES = 4


def draw_qr(canvas: Any, data: str, x0: float, y0: float, size: float, digital: bool) -> None:
    """Draw the symbol with its bottom-left corner at (x0, y0) in PDF space."""
    set_fill(canvas, (0.0, 0.0, 0.0, 0.0), digital)
    canvas.rect(x0, y0, size, size, stroke=0, fill=1)
    widget = QrCodeWidget(
        data,
        barWidth=size,
        barHeight=size,
        barBorder=QUIET_ZONE_MODULES,
        barLevel="M",
    )
    widget.barFillColor = black if digital else CMYKColor(0, 0, 0, 1)
    drawing = Drawing(size, size)
    drawing.add(widget)
    canvas.saveState()
    set_fill(canvas, (0.0, 0.0, 0.0, 1.0), digital)
    renderPDF.draw(drawing, canvas, x0, y0)
    canvas.restoreState()
