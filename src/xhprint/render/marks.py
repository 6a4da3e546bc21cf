"""Printer's marks outside the bleed: crop marks and the slug line.

Crop marks show the trim; they start beyond the bleed so a trimmed page shows
none (PDF 32000-1 §14.11.2: marks live between BleedBox and MediaBox). They are
in registration colour (100 % of all four inks) so each plate carries them.
The slug line names paper, issue, date and page; when the build has errors it
says NOT FOR PRESS (in the build's message language) so a failed page cannot pass for a
good one (outputs.md).

The slug line's face (Resources.marks_font, AR PL UKai by default) goes the text's way:
a TrueType subset prepared by fonts/prepare.py and cached by its characters, embedded
as a Type 0 font (render/cidfont.py) and shown with our own operators. Parsing the
whole 17 MB collection with ReportLab's TTFont cost ~0.1–0.2 s of every build; a
cached subset is read in milliseconds. The subset holds every digit and the slug line
as it reads on each day of a week, with and without the NOT FOR PRESS note (singular
and plural), in the build's words: one subset serves every issue, date, page and
error count of a paper in a language.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from xhprint.fonts.discover import FaceRecord
from xhprint.i18n import nmsg, tr
from xhprint.model.template import MM
from xhprint.render.cidfont import CIDFont
from xhprint.render.compat import append_operators
from xhprint.render.geometry import PageGeometry
from xhprint.render.glyphs import pdf_number
from xhprint.render.ink import set_fill, set_stroke
from xhprint.render.resources import Resources, SlugInfo

REGISTRATION = (1.0, 1.0, 1.0, 1.0)
MARK_WIDTH = 0.3  # pt; ≥ 0.1 mm hairline limit (preflight `hairline`)
MARK_GAP = 1 * MM  # between bleed edge and mark
MARK_LENGTH = 8 * MM
SLUG_SIZE = 7.0
WEEKDAYS = "一二三四五六日"
#: a week, Monday to Sunday: the slug line's weekday names (module docstring)
_A_WEEK = tuple(_dt.date(2024, 1, day) for day in range(1, 8))
SLUG_RESOURCE = "XS1"  # the slug face's resource name (text faces are XF1, XF2, …)


def marks_font_name(path: Path, index: int = 0) -> str:
    """Register the marks face with ReportLab once; the name is derived from the file.

    The proofs' labels and watermark (render/proof.py) use it; print pages do not.
    ReportLab keeps fonts in a process-wide registry; registering the same name
    for the same file again is harmless, so no state of ours is kept.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"XHMarks-{path.stem}-{index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    return name


def slug_chars(slug: SlugInfo, lines: Iterable[str]) -> set[str]:
    """The characters `lines` (the document's slug lines) use, and those any other issue,
    date, page or error count of this paper would: digits, the week's day names, the
    NOT FOR PRESS note in its singular and plural."""
    chars = set("0123456789").union(*lines)
    for errors in (0, 1, 2):
        for day in _A_WEEK:
            chars.update(slug_text(replace(slug, errors=errors, date=day), 1, 1))
    return chars


def slug_font(resources: Resources, slug: SlugInfo, lines: Iterable[str]) -> CIDFont:
    """The marks face for `lines` (every slug line of the document), prepared as text is.

    With `resources.font_cache` (a store) the subset comes from (and goes to) its
    prepared faces; without one it is built for this document only.
    """
    from xhprint.fonts.prepare import build_ttf, prepare_face

    path, index = resources.marks_font, resources.marks_font_index
    face = FaceRecord(f"marks-{path.stem}-{index}", path, index, "", "", ())
    chars = slug_chars(slug, lines)
    if resources.font_cache is not None:
        from xhprint.render.cidfont import FACTS_VERSION
        from xhprint.store import open_store

        store = open_store(resources.font_cache)
        prepared = prepare_face(face, chars, store)
        return CIDFont(prepared.data, chars, SLUG_RESOURCE, stem=prepared.stem,
                       facts=store.space("cidfacts", FACTS_VERSION))
    return CIDFont(build_ttf(face, chars, {}), chars, SLUG_RESOURCE, stem=face.key)


def show_line(font: CIDFont, text: str, x: float, y: float, size: float) -> str:
    """Operators showing `text` from (x, y): characters the face lacks are left out."""
    codes = "".join(font.glyphs[ch][0] for ch in text if ch in font.glyphs)
    return (f"BT /{font.resource} {pdf_number(size)} Tf "
            f"1 0 0 1 {pdf_number(x)} {pdf_number(y)} Tm <{codes}> Tj ET")


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


def draw_slug(canvas: Any, geom: PageGeometry, text: str, font: CIDFont) -> None:
    """The slug line below the bottom bleed, clear of the crop marks, 100 % K."""
    x0, y0, _, _ = geom.trim_box
    baseline = y0 - geom.bleed - MARK_GAP - SLUG_SIZE - 2 * MM
    canvas.saveState()
    set_fill(canvas, (0.0, 0.0, 0.0, 1.0), digital=False)
    append_operators(canvas, show_line(font, text, x0 + MARK_GAP + MARK_LENGTH + geom.bleed,
                                       baseline, SLUG_SIZE))
    canvas.restoreState()
