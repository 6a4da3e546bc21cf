"""Draw laid-out text lines (model.frame.TextLine) onto a ReportLab canvas.

Takes lines whose glyphs are already placed (render makes no layout decisions,
architecture.md practice 2) and writes PDF text operators that put every glyph
exactly at its x: one BT…ET per line, Tf on face changes, TJ arrays whose numbers
correct each glyph's position against the previous glyph's natural advance, Tz
for `hscale`. Fonts are the prepared TrueType subsets of fonts/prepare.py, embedded
by ReportLab with a ToUnicode map that handles characters outside the BMP.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

from xhprint.fonts.book import FontBook
from xhprint.fonts.prepare import PreparedFont, prepare_face
from xhprint.model.frame import TextLine
from xhprint.model.template import BLACK, CMYK


def _utf16_hex(cp: int) -> str:
    """A code point as UTF-16BE hex: a surrogate pair outside the BMP (PDF 1.7 §9.10.3)."""
    return chr(cp).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap for a 256-code subset; like ReportLab's, but with UTF-16BE targets.

    ReportLab 5 writes `<%04X>`, which truncates U+25562 (𥕢) to U+2562 (╖) on
    extraction; the PDF spec wants UTF-16BE, i.e. `<D855DD62>` (§9.10.3).
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # At most 100 entries per beginbfchar block (PDF 1.7 §9.10.3 / Adobe TN 5411).
    for start in range(0, len(subset), 100):
        chunk = subset[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{start + i:02X}> <{_utf16_hex(cp)}>" for i, cp in enumerate(chunk))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class UnicodeTTFont(TTFont):
    """ReportLab TTFont whose ToUnicode maps are correct outside the BMP."""

    def addObjects(self, doc):  # noqa: N802 (ReportLab's name)
        """ReportLab's TTFont.addObjects with only the ToUnicode stream changed."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font = (
                b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            ).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = to_unicode_cmap(base_font, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


class GlyphCanvas(Canvas):
    """A ReportLab canvas whose pages declare no initial base-14 font.

    Canvas puts `BT /F1 12 Tf 14.4 TL ET` (Helvetica, never embedded) in every page's
    preamble; all our text goes through GlyphEmitter, so the print PDF would list an
    unembedded font it never uses (outputs.md: all fonts embedded and subset).
    """

    def _make_preamble(self):
        """ReportLab's Canvas._make_preamble without the initial font."""
        parts = [
            "1 0 0 1 0 0 cm" if self.bottomup else f"1 0 0 -1 0 {fp_str(self._pagesize[1])} cm"
        ]
        code = self._code
        n = len(code)
        if self._fillColorObj != (0, 0, 0):
            self.setFillColor(self._fillColorObj)
        if self._strokeColorObj != (0, 0, 0):
            self.setStrokeColor(self._strokeColorObj)
        parts.append(" ".join(code[n:]))
        del code[n:]
        self._preamble = " ".join(parts)


def needed_chars(lines: Iterable[TextLine]) -> dict[str, set[str]]:
    """Characters per face key that a set of lines draws (faces "" are missing glyphs)."""
    needs: dict[str, set[str]] = {}
    for line in lines:
        for g in line.glyphs:
            if g.face:
                needs.setdefault(g.face, set()).update(g.text)
    return needs


def _num(v: float) -> str:
    """Short deterministic numbers: 0.1 thousandth of an em in TJ, 0.001 pt elsewhere."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class GlyphEmitter:
    """Draws TextLines with the prepared fonts of one document.

    `needs` (face key → characters, e.g. from `needed_chars` over all pages) decides
    which TrueType subsets are prepared; they are loaded once, in sorted key order,
    so font numbering in the PDF is deterministic. ReportLab's global font registry
    is not used: the emitter writes the text operators itself.
    """

    def __init__(self, canvas: Canvas, book: FontBook, needs: dict[str, set[str]], cache_dir: Path):
        self.canvas = canvas
        self.prepared: dict[str, PreparedFont] = {}
        self.fonts: dict[str, UnicodeTTFont] = {}
        for key in sorted(needs):
            face = book.face(key)
            prepared = prepare_face(face, needs[key], cache_dir, book.metrics(key).overrides)
            self.prepared[key] = prepared
            self.fonts[key] = UnicodeTTFont(prepared.font_name, str(prepared.path), asciiReadable=0)
        # (face key, character) → (advance in 1/1000 em, subset font name, code as hex),
        # filled on first use: ReportLab numbers a face's codes in first-use order, which
        # keeps a line's glyphs in few 256-code subsets (sorted order would switch fonts
        # almost every glyph).
        self._glyphs: dict[str, dict[str, tuple[float, str, str]]] = {k: {} for k in needs}

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

    def _glyph(self, key: str, ch: str) -> tuple[float, str, str]:
        font, doc = self.fonts[key], self.canvas._doc
        ((sub, chunk),) = font.splitString(ch, doc)
        return font.face.getCharWidth(ord(ch)), font.getSubsetInternalName(sub, doc), chunk.hex().upper()

    def _draw_line(self, line: TextLine, left: float, top: float) -> None:
        size = line.size
        ops = ["BT"]
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

        for g in line.glyphs:
            if not g.face:
                continue  # a missing glyph: reported by preflight, never drawn as a box
            table = self._glyphs[g.face]
            x = g.x
            for ch in g.text:
                entry = table.get(ch)
                if entry is None:
                    entry = table[ch] = self._glyph(g.face, ch)
                units, name, code = entry
                width = units * size / 1000 * g.hscale
                if name != cur_font or g.hscale != cur_scale or pen is None:
                    flush()
                    ops.append(f"1 0 0 1 {_num(left + line.x + x)} {_num(top - line.baseline)} Tm")
                    if name != cur_font:
                        ops.append(f"{name} {_num(size)} Tf")
                        cur_font = name
                    if g.hscale != cur_scale:
                        ops.append(f"{_num(g.hscale * 100)} Tz")
                        cur_scale = g.hscale
                    pen = x
                # TJ numbers are thousandths of text space, subtracted from the position
                # and scaled by Tz (PDF 1.7 §9.4.3); rounded to 0.1 for small, stable output.
                adj = round(-(x - pen) * 1000 / (size * cur_scale), 1)
                if adj:
                    if run:
                        tj.append("<" + "".join(run) + ">")
                        run.clear()
                    tj.append(_num(adj))
                # consecutive glyphs with no adjustment share one string (fewer objects
                # for every reader, preflight's content parser included)
                run.append(code)
                # Track where the viewer really puts the pen (with the rounded adjustment),
                # so rounding errors never accumulate along the line.
                pen = pen - adj * size * cur_scale / 1000 + width
                x += width
        flush()
        ops.append("ET")
        self.canvas._code.append("\n".join(ops))
