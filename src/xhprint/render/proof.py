"""Proofs: PNG previews, the `--grid` overlay, and the 校樣 sign-off PDF.

PNGs are rendered with pdfium and written by Pillow with no metadata chunks
(no tIME/tEXt), so the same PDF gives the same PNG bytes. The overlays are an
extra ReportLab layer drawn over each trimmed page: columns, rows numbered in
the margin as the manifest counts them (row 1 = first row of the type area),
item boxes labelled with their ids (green: a box the engine chose), overset in red;
the sign-off PDF adds a watermark and marks each finding on the area it is about.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

import pypdfium2 as pdfium

from xhprint.i18n import Translations, msg, nmsg, tr
from xhprint.model.findings import SEVERITY_WORDS, Finding
from xhprint.model.frame import GridGeometry, ItemArea, LaidOutPage, TextLine
from xhprint.model.template import Template
from xhprint.render import pdfpost
from xhprint.render.digital_pdf import render_trimmed
from xhprint.render.geometry import PageGeometry
from xhprint.render.marks import marks_font_name
from xhprint.render.resources import Resources

GRID_CYAN = (0.0, 0.55, 0.85)
BOX_BLUE = (0.1, 0.2, 0.8)
AUTO_GREEN = (0.0, 0.55, 0.25)  # a box the engine chose (automatic placement, rows: auto)
RED = (0.85, 0.0, 0.0)
ORANGE = (0.9, 0.5, 0.0)  # a warning
HIGHLIGHT = (1.0, 0.85, 0.0)  # a loose line, as a highlighter pen marks it on paper
LOOSE_LABEL_SIZE = 4.5  # pt: fits the gap between two body lines (14 pt pitch, 9 pt type)
LABEL_SIZE = 5.0
WATERMARK = "校樣"


def proof_pngs(pdf_bytes: bytes, dpi: float) -> list[bytes]:
    """One PNG per page at `dpi`; deterministic bytes."""
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            image = page.render(scale=dpi / 72.0).to_pil().convert("RGB")
            buf = io.BytesIO()
            image.save(buf, "PNG", optimize=False, compress_level=6)
            out.append(buf.getvalue())
            page.close()
        return out
    finally:
        doc.close()


def row_label_positions(grid: GridGeometry) -> list[tuple[int, float]]:
    """(row number, y of its label baseline): centred in each row, from row 1 at the type top."""
    return [
        (r, grid.row_top(r) + (grid.leading + LABEL_SIZE * 0.7) / 2)
        for r in range(1, grid.rows + 1)
    ]


def _rgb(canvas: Any, colour: tuple[float, float, float], stroke: bool = True) -> None:
    if stroke:
        canvas.setStrokeColorRGB(*colour)
    canvas.setFillColorRGB(*colour)


def _draw_grid(canvas: Any, grid: GridGeometry, geom: PageGeometry, font: str) -> None:
    top = grid.row_top(1)
    bottom = grid.row_top(grid.rows + 1)
    left = grid.column_x[0]
    right = grid.column_x[-1] + grid.column_width
    canvas.saveState()
    _rgb(canvas, GRID_CYAN)
    canvas.setLineWidth(0.25)
    for x in grid.column_x:
        canvas.rect(geom.x(x), geom.y(bottom), grid.column_width, bottom - top, stroke=1, fill=0)
    canvas.setLineWidth(0.1)
    for r in range(1, grid.rows + 2):
        y = geom.y(grid.row_top(r))
        canvas.line(geom.x(left), y, geom.x(right), y)
    canvas.setFont(font, LABEL_SIZE)
    for r, baseline in row_label_positions(grid):
        canvas.drawRightString(geom.x(left) - 2, geom.y(baseline), str(r))
    canvas.restoreState()


def _draw_area(canvas: Any, area: ItemArea, geom: PageGeometry, font: str,
               translations: Translations) -> None:
    x0, y0, x1, y1 = geom.rect(area.x, area.y, area.w, area.h)
    overset = area.overset_lines > 0
    canvas.saveState()
    _rgb(canvas, RED if overset else AUTO_GREEN if area.automatic else BOX_BLUE)
    canvas.setLineWidth(1.5 if overset else 0.6)
    canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
    canvas.setFont(font, LABEL_SIZE + 1)
    canvas.drawString(x0 + 2, y1 - LABEL_SIZE - 2, area.id)
    if overset:
        # On a white patch: the marker sits over the box's last lines of text.
        label = tr(nmsg("OVERSET {n} line ▼", "OVERSET {n} lines ▼", area.overset_lines,
                        n=area.overset_lines), translations)
        size = LABEL_SIZE + 3
        width = canvas.stringWidth(label, font, size)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(x1 - width - 4, y0 + 1, width + 4, size + 2, stroke=0, fill=1)
        _rgb(canvas, RED)
        canvas.setFont(font, size)
        canvas.drawRightString(x1 - 2, y0 + 3, label)
    canvas.restoreState()


def grid_proof_pdf(
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    grids: Mapping[int, GridGeometry],
    date: _dt.date | None = None,
    translations: Translations = None,
) -> bytes:
    """Trimmed pages with the grid overlay (`xhprint proof --grid`); `grids` by page number."""
    font = marks_font_name(resources.marks_font, resources.marks_font_index)

    def decorate(canvas: Any, page: LaidOutPage, geom: PageGeometry) -> None:
        grid = grids.get(page.number)
        if grid is not None:
            _draw_grid(canvas, grid, geom, font)
        for area in page.areas:
            _draw_area(canvas, area, geom, font, translations)

    writer = render_trimmed(pages, template, resources, title=tr(msg("grid proof"), translations),
                            decorate=decorate)
    return _finish(writer, pages, "grid", date)


def signoff_pdf(
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    findings: Sequence[Finding],
    date: _dt.date | None = None,
    translations: Translations = None,
) -> bytes:
    """proof/proof.pdf: the pages with a 校樣 watermark and every finding marked where it is."""
    font = marks_font_name(resources.marks_font, resources.marks_font_index)

    def decorate(canvas: Any, page: LaidOutPage, geom: PageGeometry) -> None:
        _watermark(canvas, geom, font)
        on_page = [f for f in findings if f.page == page.number]
        loose: list[Finding] = []
        for f in on_page:
            if f.check == "loose-line":  # marked on its lines, not around the whole story
                _mark_loose_lines(canvas, page, f, geom, font, translations)
                continue
            areas = [a for a in page.areas if f.item is not None and a.id == f.item]
            if not areas:
                loose.append(f)
            for a in areas:
                _mark_finding(canvas, a, f, geom, font, translations)
        for i, f in enumerate(loose):  # findings about the page as a whole: listed at the top
            _note(canvas, geom.x(4), geom.y(10 + i * 9), f, font, translations)

    writer = render_trimmed(pages, template, resources, title="校樣", decorate=decorate)
    return _finish(writer, pages, "signoff", date)


def _watermark(canvas: Any, geom: PageGeometry, font: str) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0.85, 0.1, 0.1, alpha=0.15)
    size = min(geom.trim_w, geom.trim_h) * 0.35
    canvas.translate(geom.media_w / 2, geom.media_h / 2)
    canvas.rotate(35)
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size / 3, WATERMARK)
    canvas.restoreState()


def _mark_finding(canvas: Any, area: ItemArea, f: Finding, geom: PageGeometry, font: str,
                  translations: Translations) -> None:
    x0, y0, x1, y1 = geom.rect(area.x, area.y, area.w, area.h)
    canvas.saveState()
    red = RED if f.severity == "error" else ORANGE
    _rgb(canvas, red)
    canvas.setLineWidth(2)
    canvas.setDash(4, 2)
    canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
    canvas.restoreState()
    _note(canvas, x0 + 2, y0 + 3, f, font, translations)


def _mark_loose_lines(canvas: Any, page: LaidOutPage, f: Finding, geom: PageGeometry,
                      font: str, translations: Translations) -> None:
    """The finding's lines (marked `loose` by the layout) under a yellow highlight, its
    check id above the first of them."""
    boxes = [b for el in page.elements
             if isinstance(el, TextLine) and el.loose and el.item == f.item
             and (b := el.inked()) is not None]
    canvas.saveState()
    canvas.setFillColorRGB(*HIGHLIGHT, alpha=0.45)
    for x, top, w, h in boxes:
        x0, y0, x1, y1 = geom.rect(x, top, w, h)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    canvas.restoreState()
    if boxes:  # a small label in the gap above the first line: the message is in the report
        x, top, _w, _h = boxes[0]
        canvas.saveState()
        _rgb(canvas, ORANGE)
        canvas.setFont(font, LOOSE_LABEL_SIZE)
        severity = tr(SEVERITY_WORDS[f.severity], translations)
        canvas.drawString(geom.x(x), geom.y(top) + 0.6, f"{severity}[{f.check}]")
        canvas.restoreState()


def _note(canvas: Any, x: float, y: float, f: Finding, font: str,
          translations: Translations) -> None:
    canvas.saveState()
    _rgb(canvas, RED if f.severity == "error" else ORANGE)
    canvas.setFont(font, 7)
    severity = tr(SEVERITY_WORDS[f.severity], translations)
    canvas.drawString(x, y, f"{severity}[{f.check}] {tr(f.message, translations)}")
    canvas.restoreState()


def _finish(
    writer: pdfpost.PdfWriter, pages: Sequence[LaidOutPage], salt: str, date: _dt.date | None
) -> bytes:
    # a proof has no issue date of its own unless given one: a fixed date keeps bytes stable
    pdfpost.set_info(writer, date or _dt.date(2000, 1, 1), Title=salt)
    return pdfpost.finish(writer, f"{salt}-{len(pages)}")
