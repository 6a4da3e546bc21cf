"""Write tests/data/boxfont.ttf: a box-glyph font for layout tests (architecture.md practice 9).

Every BMP CJK ideograph (U+4E00–U+9FFF) is one filled 1 em square (50-unit inset),
common CJK punctuation is a small mark in its conventional place, ASCII printable
characters are 0.5 em with a filled rectangle. unitsPerEm 1000, ascender 880,
descender −120. Deterministic: the same script gives the same bytes.

    .venv/bin/python tools/make_test_font.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.misc.timeTools import timestampFromString
from fontTools.pens.ttGlyphPen import TTGlyphPen

UPEM, ASCENT, DESCENT = 1000, 880, -120
FAMILY, STYLE = "Xhprint Box", "Regular"
PS_NAME = "XhprintBox-Regular"
FIXED_DATE = timestampFromString("Sun Jan  1 00:00:00 2023")  # same bytes every run
# Marks as rectangles (x0, y0, x1, y1) in a 1000-unit em.
LOWER_LEFT = [(100, -40, 300, 160)]  # ，。、 (GB position, clreq §3.1.6)
CENTRED_DOTS = [(450, 100, 550, 200), (450, 450, 550, 550)]
OPENING = [(600, -80, 700, 800)]  # 「『（《“‘: ink on the side facing the text
CLOSING = [(300, -80, 400, 800)]
PUNCT: dict[str, list[tuple[int, int, int, int]]] = {
    "，": LOWER_LEFT, "。": LOWER_LEFT, "、": LOWER_LEFT,
    "：": CENTRED_DOTS, "；": CENTRED_DOTS,
    "！": [(450, 200, 550, 750), (450, 0, 550, 100)],
    "？": [(350, 600, 650, 750), (450, 200, 550, 600), (450, 0, 550, 100)],
    "「": OPENING, "『": OPENING, "（": OPENING, "《": OPENING, "“": OPENING, "‘": OPENING,
    "」": CLOSING, "』": CLOSING, "）": CLOSING, "》": CLOSING, "”": CLOSING, "’": CLOSING,
    "—": [(0, 330, 1000, 400)],  # edge to edge: —— is one continuous line
    "…": [(120, 330, 220, 430), (450, 330, 550, 430), (780, 330, 880, 430)],
    "·": [(450, 330, 550, 430)],
}


def _rects(rects: list[tuple[int, int, int, int]]):
    pen = TTGlyphPen(None)
    for x0, y0, x1, y1 in rects:
        # Clockwise outer contours (TrueType convention).
        pen.moveTo((x0, y0))
        pen.lineTo((x0, y1))
        pen.lineTo((x1, y1))
        pen.lineTo((x1, y0))
        pen.closePath()
    return pen.glyph()


def build() -> FontBuilder:
    names = [".notdef", "space", "box", "ideospace"]
    glyphs = {
        ".notdef": _rects([(50, 0, 450, 50), (50, 650, 450, 700), (50, 50, 100, 650), (400, 50, 450, 650)]),
        "space": _rects([]),
        "box": _rects([(50, DESCENT + 50, 950, ASCENT - 50)]),
        "ideospace": _rects([]),
    }
    metrics = {".notdef": (500, 50), "space": (500, 0), "box": (1000, 50), "ideospace": (1000, 0)}
    cmap = {0x20: "space", 0x3000: "ideospace"}
    for cp in range(0x21, 0x7F):
        name = f"uni{cp:04X}"
        names.append(name)
        glyphs[name] = _rects([(60, 0, 440, 700)])
        metrics[name] = (500, 60)
        cmap[cp] = name
    for char, rects in PUNCT.items():
        name = f"uni{ord(char):04X}"
        names.append(name)
        glyphs[name] = _rects(rects)
        metrics[name] = (1000, min(r[0] for r in rects))
        cmap[ord(char)] = name
    for cp in range(0x4E00, 0xA000):
        cmap[cp] = "box"
    fb = FontBuilder(UPEM, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    fb.setupNameTable({"familyName": FAMILY, "styleName": STYLE, "psName": PS_NAME,
                       "uniqueFontIdentifier": f"{PS_NAME};test", "fullName": f"{FAMILY} {STYLE}",
                       "version": "Version 1.000", "copyright": "Generated test font, public domain"})
    fb.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, usWinAscent=ASCENT,
                usWinDescent=-DESCENT, fsType=0, achVendID="XHPR")
    fb.setupPost()
    fb.setupHead(unitsPerEm=UPEM, created=FIXED_DATE, modified=FIXED_DATE)
    return fb


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "tests/data/boxfont.ttf"
    build().save(str(out))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
