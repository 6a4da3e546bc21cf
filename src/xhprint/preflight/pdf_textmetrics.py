"""How far a text-showing operator reaches: glyph widths of a PDF font, enough for extents.

The walker (pdf_content.py) needs where shown text lies, not only where it starts,
to tell text that runs past the BleedBox (preflight `outside-bleed`) and to advance
the text matrix after Tj/TJ as PDF 32000-1:2008 §9.4.4 does:
tx = ((w0 − Tj/1000) × Tfs + Tc + Tw) × Th per glyph. Widths come from /Widths
(simple fonts, §9.6.2), /W and /DW (CIDFonts, §9.7.4.3; Type 0 codes are taken as
2 bytes, as Identity-H and the UCS-2 CMaps have them) and Type 3's FontMatrix.
Ascent and descent come from the font descriptor. Anything unreadable falls back
to one em per CID glyph and half an em per byte, which is what CJK and Latin text
average.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

MAX_WIDTH_ENTRIES = 200_000  # a /W array longer than this is not read (a font has ≤ 65,536)
DEFAULT_ASCENT = 880.0
DEFAULT_DESCENT = -120.0


@dataclass(frozen=True)
class FontMetrics:
    """Widths in thousandths of an em (glyph space), and the font's vertical extent."""

    two_byte: bool = False
    widths: dict[int, float] = field(default_factory=dict)
    default_width: float = 500.0
    ascent: float = DEFAULT_ASCENT
    descent: float = DEFAULT_DESCENT

    def codes(self, string: bytes) -> list[int]:
        if self.two_byte:
            n = len(string) // 2
            codes = list(struct.unpack_from(f">{n}H", string))
            if len(string) % 2:
                codes.append(string[-1] << 8)  # a lone last byte: its low byte taken as 0
            return codes
        return list(string)

    def advance(self, items: list[Any], size: float, char_spacing: float, word_spacing: float,
                hscale: float) -> float:
        """Horizontal displacement in text space of a TJ array (or [string] for Tj).

        Per glyph (w0 × Tfs + Tc [+ Tw for the single-byte code 32]) × Th, adjustments
        −Tj/1000 × Tfs × Th, summed in the order shown (§9.4.4).
        """
        total = 0.0
        widths, default = self.widths, self.default_width
        plain = char_spacing + 0
        spaced = plain if self.two_byte else char_spacing + word_spacing
        for item in items:
            if isinstance(item, int | float):
                total -= float(item) / 1000.0 * size * hscale
                continue
            for code in self.codes(as_bytes(item)):
                spacing = spaced if code == 32 else plain
                total += (widths.get(code, default) / 1000.0 * size + spacing) * hscale
        return total


def as_bytes(item: Any) -> bytes:
    """A string operand as bytes, from the fast tokenizer (bytes) or pypdf (its objects)."""
    if isinstance(item, bytes):
        return item
    original = getattr(item, "get_original_bytes", None)
    if original is not None:
        return original()
    return str(item).encode("latin-1", "replace")


def _num(value: Any, default: float) -> float:
    try:
        v = float(value.get_object() if hasattr(value, "get_object") else value)
    except (TypeError, ValueError, AttributeError):
        return default
    return v if abs(v) < 1e6 else default


def _extent(descriptor: Any) -> tuple[float, float]:
    try:
        d = descriptor.get_object() if descriptor is not None else None
        asc = _num(d.get("/Ascent"), DEFAULT_ASCENT) if d is not None else DEFAULT_ASCENT
        desc = _num(d.get("/Descent"), DEFAULT_DESCENT) if d is not None else DEFAULT_DESCENT
    except (AttributeError, TypeError):
        return DEFAULT_ASCENT, DEFAULT_DESCENT
    if not 0 < asc <= 2000:
        asc = DEFAULT_ASCENT
    if not -2000 <= desc <= 0:
        desc = DEFAULT_DESCENT
    return asc, desc


def font_metrics(font: Any) -> FontMetrics:
    """The metrics of a font dictionary; never raises."""
    try:
        font = font.get_object()
        subtype = str(font.get("/Subtype", ""))
        if subtype == "/Type0":
            return _type0(font)
        return _simple(font, subtype)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError):
        return FontMetrics()


def _simple(font: Any, subtype: str) -> FontMetrics:
    scale = 1.0
    if subtype == "/Type3":
        matrix = font.get("/FontMatrix")
        scale = abs(_num(matrix[0], 0.001)) * 1000.0 if matrix is not None else 1.0
    first = int(_num(font.get("/FirstChar", 0), 0))
    widths: dict[int, float] = {}
    raw = font.get("/Widths")
    raw = raw.get_object() if raw is not None else None
    if isinstance(raw, list):
        for i, w in enumerate(raw[:256]):
            widths[first + i] = _num(w, 0.0) * scale
    descriptor = font.get("/FontDescriptor")
    missing = 500.0
    if descriptor is not None:
        missing = _num(descriptor.get_object().get("/MissingWidth", 500), 500.0) or 500.0
    asc, desc = _extent(descriptor)
    return FontMetrics(False, widths, missing * scale, asc, desc)


def _type0(font: Any) -> FontMetrics:
    desc_font = font["/DescendantFonts"][0].get_object()
    default = _num(desc_font.get("/DW", 1000), 1000.0)
    widths: dict[int, float] = {}
    w = desc_font.get("/W")
    w = w.get_object() if w is not None else None
    if isinstance(w, list):
        _read_w(w, widths)
    asc, descent = _extent(desc_font.get("/FontDescriptor"))
    return FontMetrics(True, widths, default, asc, descent)


def _read_w(w: list[Any], widths: dict[int, float]) -> None:
    """/W: `c [w1 w2 …]` gives consecutive CIDs from c; `c_first c_last w` a range (§9.7.4.3)."""
    i = 0
    entries = 0
    while i < len(w) and entries < MAX_WIDTH_ENTRIES:
        start = int(_num(w[i], -1))
        nxt = w[i + 1].get_object() if i + 1 < len(w) else None
        if isinstance(nxt, list):
            for k, v in enumerate(nxt):
                widths[start + k] = _num(v, 1000.0)
            entries += len(nxt)
            i += 2
        elif i + 2 < len(w):
            last = int(_num(nxt, -1))
            value = _num(w[i + 2], 1000.0)
            if start < 0 or last < start:
                return
            for cid in range(start, min(last, start + MAX_WIDTH_ENTRIES) + 1):
                widths[cid] = value
            entries += last - start + 1
            i += 3
        else:
            return
