"""Printer's marks outside the bleed: crop marks and the slug line.

Crop marks show the trim; they start beyond the bleed so a trimmed page shows
none (PDF 32000-1 §14.11.2: marks live between BleedBox and MediaBox). They are
in registration colour (100 % of all four inks) so each plate carries them.
The slug line names paper, issue, date and page; when the build has errors it
says NOT FOR PRESS (in the build's message language) so a failed page cannot pass for a
good one (outputs.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from xhprint.i18n import nmsg, tr
from xhprint.model.template import MM
from xhprint.render.geometry import PageGeometry
from xhprint.render.ink import set_fill, set_stroke
from xhprint.render.resources import SlugInfo

REGISTRATION = (1.0, 1.0, 1.0, 1.0)
MARK_WIDTH = 0.3  # pt; ≥ 0.1 mm hairline limit (preflight `hairline`)
MARK_GAP = 1 * MM  # between bleed edge and mark
MARK_LENGTH = 8 * MM
SLUG_SIZE = 7.0
WEEKDAYS = "一二三四五六日"


def marks_font_name(path: Path, index: int = 0) -> str:
    """Register the marks face with ReportLab once; the name is derived from the file.

    ReportLab keeps fonts in a process-wide registry; registering the same name
    for the same file again is harmless, so no state of ours is kept.
    """
    name = f"XHMarks-{path.stem}-{index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    return name


def draw_crop_marks(canvas: Any, geom: PageGeometry) -> None:
    x0, y0, x1, y1 = geom.trim_box
    start = geom.bleed + MARK_GAP
    end = start + MARK_LENGTH
    canvas.saveState()
    set_stroke(canvas, REGISTRATION, digital=False)
    canvas.setLineWidth(MARK_WIDTH)
    for cx, sx in ((x0, -1), (x1, 1)):
        for cy, sy in ((y0, -1), (y1, 1)):
            canvas.line(cx + sx * start, cy, cx + sx * end, cy)  # horizontal mark
            canvas.line(cx, cy + sy * start, cx, cy + sy * end)  # vertical mark
    canvas.restoreState()


def slug_text(slug: SlugInfo, page: int, pages: int) -> str:
    d = slug.date
    word = "总" if slug.lang == "zh-Hans" else "總"
    total = f"（{word}第{slug.issue_total}期）" if slug.issue_total else ""
    text = (
        f"{slug.paper}　第{slug.issue_number}期{total}　"
        f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}　"
        f"第{page}版 / 共{pages}版"
    )
    if slug.errors:
        note = nmsg("NOT FOR PRESS — {n} error, see report.json",
                    "NOT FOR PRESS — {n} errors, see report.json", slug.errors, n=slug.errors)
        text += "　" + tr(note, slug.translations)
    return text


def draw_slug(canvas: Any, geom: PageGeometry, text: str, font: str) -> None:
    """The slug line below the bottom bleed, clear of the crop marks, 100 % K."""
    x0, y0, _, _ = geom.trim_box
    baseline = y0 - geom.bleed - MARK_GAP - SLUG_SIZE - 2 * MM
    canvas.saveState()
    set_fill(canvas, (0.0, 0.0, 0.0, 1.0), digital=False)
    canvas.setFont(font, SLUG_SIZE)
    canvas.drawString(x0 + MARK_GAP + MARK_LENGTH + geom.bleed, baseline, text)
    canvas.restoreState()
