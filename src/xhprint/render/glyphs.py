"""Draw laid-out text lines (model.frame.TextLine) onto a ReportLab canvas.

Takes lines whose glyphs are already placed (render makes no layout decisions,
architecture.md practice 2) and writes PDF text operators that put every glyph
exactly at its x: one BT…ET per line, Tf on face changes, TJ arrays whose numbers
correct each glyph's position against the previous glyph's natural advance, Tz
for `hscale`. Fonts are the prepared TrueType subsets of fonts/prepare.py, embedded
as Type 0 fonts with 2-byte codes (render/cidfont.py) and a ToUnicode map that
handles characters outside the BMP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xhprint.fonts.book import FontBook
from xhprint.fonts.prepare import PreparedFont, prepare_face
from xhprint.model.frame import TextLine
from xhprint.model.template import BLACK, CMYK
from xhprint.render.cidfont import CIDFont, StoredFlate, unicode_cmap
from xhprint.render.compat import GlyphCanvas as GlyphCanvas  # the canvas it draws on
from xhprint.render.compat import append_operators, canvas_document
from xhprint.store import Space, Store


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap for a 256-code simple font: code i shows `subset[i]` (UTF-16BE)."""
    return unicode_cmap(fontname, list(enumerate(subset)), 1)


def needed_chars(lines: Iterable[TextLine]) -> dict[str, set[str]]:
    """Characters per face key that a set of lines draws (faces "" are missing glyphs)."""
    needs: dict[str, set[str]] = {}
    for line in lines:
        for g in line.glyphs:
            if g.face:
                needs.setdefault(g.face, set()).update(g.text)
    return needs


def pdf_number(v: float) -> str:
    """Short deterministic numbers: 0.1 thousandth of an em in TJ, 0.001 pt elsewhere."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass
class EmitterMemo:
    """What the emitters of one build share (resources.font_text makes one per build).

    The print and digital editions embed the same prepared subsets and draw the same
    lines, only placed differently on the sheet: a face is read once (`fonts`, by
    prepared subset, resource name and characters; `CIDFont.embed` does not change it),
    and each line's operators after its Tm once (`segments`, by font signature, then
    by the line, which is kept with them so that an id is never mistaken).
    """

    fonts: dict[tuple[str, str, str], CIDFont] = field(default_factory=dict)
    segments: dict[Any, dict[int, tuple[TextLine, list[tuple[float, str]]]]] = field(
        default_factory=dict)
    flate: StoredFlate | None = None  # font streams compressed once, kept in the store
    facts: Space | None = None  # each subset's names, metrics and codes (CIDFont), kept


class GlyphEmitter:
    """Draws TextLines with the prepared fonts of one document.

    `needs` (face key → characters, e.g. from `needed_chars` over all pages) decides
    which TrueType subsets are prepared; they are loaded once, in sorted key order,
    so font numbering in the PDF is deterministic. ReportLab's global font registry
    is not used: the emitter writes the text operators itself.
    """

    def __init__(self, canvas: Any, book: FontBook, needs: dict[str, set[str]],
                 store: Store | Path | None, memo: EmitterMemo | None = None):
        self.canvas = canvas
        self.prepared: dict[str, PreparedFont] = {}
        self.fonts: dict[str, CIDFont] = {}
        for n, key in enumerate(sorted(needs), start=1):
            face = book.face(key)
            prepared = prepare_face(face, needs[key], store, book.metrics(key).overrides)
            self.prepared[key] = prepared
            chars = "".join(sorted(needs[key]))
            font_key = (prepared.digest, f"XF{n}", chars)
            font = memo.fonts.get(font_key) if memo is not None else None
            if font is None:
                font = CIDFont(prepared.data, needs[key], f"XF{n}", stem=prepared.stem,
                               facts=memo.facts if memo is not None else None)
                if memo is not None:
                    memo.fonts[font_key] = font
            font.embed(canvas_document(canvas), memo.flate if memo is not None else None)
            self.fonts[key] = font
        # Segments are shared only between emitters with the same fonts: same faces,
        # resource names and character sets (hence the same codes).
        signature = tuple((key, self.fonts[key].resource, self.fonts[key].name,
                           "".join(sorted(needs[key]))) for key in sorted(self.fonts))
        self._memo = None if memo is None else memo.segments.setdefault(signature, {})

    def draw(self, lines: Iterable[TextLine], left: float, top: float) -> None:
        """Draw `lines`; (left, top) is the PDF position of the trim box's top-left corner."""
        color: CMYK | None = None
        for line in lines:
            if not any(g.face for g in line.glyphs):
                continue
            if line.color != color:
                if color is not None:
                    self.canvas.restoreState()
                self._set_color(line.color)
                color = line.color
            self._draw_line(line, left, top)
        if color is not None:
            self.canvas.restoreState()

    def _set_color(self, color: CMYK) -> None:
        c = self.canvas
        c.saveState()
        c.setFillColorCMYK(*color)
        if color == BLACK:
            # Black text is 100 % K and overprints (manifest.md "Print colour"); OPM 1 keeps
            # the inks under it (PDF 1.7 §8.6.7, §11.7.4.5).
            c.setFillOverprint(True)
            c.setStrokeOverprint(True)
            c.setOverprintMask(True)

    def _draw_line(self, line: TextLine, left: float, top: float) -> None:
        """One BT…ET: each segment's Tm (the only operator that depends on where the page
        sits on the sheet) followed by its memoised Tf/Tz/TJ operators."""
        segments = self._segments(line)
        y = pdf_number(top - line.baseline)
        base = left + line.x
        parts = ["BT"]
        for x, rest in segments:
            parts.append(f"1 0 0 1 {pdf_number(base + x)} {y} Tm\n{rest}")
        parts.append("ET")
        append_operators(self.canvas, "\n".join(parts))

    def _segments(self, line: TextLine) -> list[tuple[float, str]]:
        """The line's text segments: (x within the line, operators after its Tm).

        They depend on the line and this document's fonts only, so the print and digital
        editions of a build (same subsets, placed differently on the sheet) compute them
        once: `memo` is the build's, and holds the line itself to be sure of identity.
        """
        if self._memo is not None:
            hit = self._memo.get(id(line))
            if hit is not None and hit[0] is line:
                return hit[1]
        segments = self._compute_segments(line)
        if self._memo is not None:
            self._memo[id(line)] = (line, segments)
        return segments

    def _compute_segments(self, line: TextLine) -> list[tuple[float, str]]:
        size = line.size
        segments: list[tuple[float, str]] = []
        ops: list[str] = []
        seg_x = 0.0
        cur_font: str | None = None
        cur_scale = 1.0
        tj: list[str] = []
        run: list[str] = []  # hex codes shown with no adjustment between them
        pen: float | None = None  # where the next glyph would land in the current TJ (pt)

        def flush() -> None:
            if run:
                tj.append("<" + "".join(run) + ">")
                run.clear()
            if tj:
                ops.append("[" + " ".join(tj) + "] TJ")
                tj.clear()
            if ops:
                segments.append((seg_x, "\n".join(ops)))
                ops.clear()

        faces: dict[str, tuple[dict[str, tuple[str, float, int]], str]] = {}
        denom = size * cur_scale
        for g in line.glyphs:
            if not g.face:
                continue  # a missing glyph: reported by preflight, never drawn as a box
            found = faces.get(g.face)
            if found is None:
                font = self.fonts[g.face]
                found = faces[g.face] = (font.glyphs, "/" + font.resource)
            table, name = found
            x = g.x
            hscale = g.hscale
            for ch in g.text:
                code, units, _gid = table[ch]
                width = units * size / 1000 * hscale
                if name != cur_font or hscale != cur_scale or pen is None:
                    flush()
                    seg_x = x  # the segment's Tm: 1 0 0 1 (left + line.x + x) (top - baseline)
                    cur_font, cur_scale = _segment_start(ops, name, hscale, size, cur_font,
                                                         cur_scale)
                    denom = size * cur_scale
                    pen = x
                # TJ numbers are thousandths of text space, subtracted from the position
                # and scaled by Tz (PDF 1.7 §9.4.3); rounded to 0.1 for small, stable output.
                adj = round(-(x - pen) * 1000 / denom, 1)
                if adj:
                    if run:
                        tj.append("<" + "".join(run) + ">")
                        run.clear()
                    tj.append(_tenths(adj))
                # consecutive glyphs with no adjustment share one string (fewer objects
                # for every reader, preflight's content parser included)
                run.append(code)
                # Track where the viewer really puts the pen (with the rounded adjustment),
                # so rounding errors never accumulate along the line.
                pen = pen - adj * size * cur_scale / 1000 + width
                x += width
        flush()
        return segments


def _tenths(v: float) -> str:
    """`pdf_number` of a value already rounded to 0.1 (a TJ adjustment), without its
    three-decimal detour: the same string, for the most frequent number of a page."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _segment_start(ops: list[str], name: str, hscale: float, size: float,
                   cur_font: str | None, cur_scale: float) -> tuple[str, float]:
    """A new segment's state operators: Tf when the face changes, Tz when the scale does;
    the face and scale now in force."""
    if name != cur_font:
        ops.append(f"{name} {pdf_number(size)} Tf")
    if hscale != cur_scale:
        ops.append(f"{pdf_number(hscale * 100)} Tz")
    return name, hscale
