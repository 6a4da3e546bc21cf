"""Regional placement of ，。、：；, read back from the PDF (typography.md "Punctuation width").

A mainland paper (GB placement; the sample is one, in traditional characters) prints
the marks in the lower left of their em; a Taiwan or Hong Kong paper centres them.
Both come from the fonts' own regional faces, so the PDF names the face and the ink,
rasterised from the PDF, sits where the region puts it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from xhprint.fonts.book import FontBook
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model import Run
from xhprint.model.frame import TextLine
from xhprint.render.glyphs import GlyphCanvas, GlyphEmitter, needed_chars
from xhprint.text.compose import compose_paragraph
from xhprint.text.types import ComposeSpec

REPO = Path(__file__).resolve().parents[2]
SIZE = 40.0
MARKS = "，。、：；"
TEXT = "中，文。字、詞：句；尾"


def _pdf(lang: str, position: str, cache: Path) -> bytes:
    if not Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists():
        pytest.skip("Debian fonts not installed (make setup)")
    book = FontBook.open(load_font_config(REPO / "fonts/fonts.yaml"), lang, cache, REPO / "fonts")
    spec = ComposeSpec(size=SIZE, measure=20 * SIZE, lang=lang, punct_position=position,
                       first_line_indent=False, align="left")
    res = compose_paragraph((Run(TEXT),), spec, book)
    line = TextLine(20.0, 60.0, SIZE, res.lines[0].glyphs)
    buf = io.BytesIO()
    canvas = GlyphCanvas(buf, pagesize=(21 * SIZE + 40, 100), invariant=1)
    GlyphEmitter(canvas, book, needed_chars([line]), cache).draw([line], 0.0, 100)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _ink_centres(pdf: bytes) -> dict[str, tuple[float, float, str]]:
    """Per mark: centre of its ink within its em box (0..1 from the left, from the top
    of the em box), and the font it is drawn from."""
    scale = 4.0
    doc = pypdfium2.PdfDocument(pdf)
    img = doc[0].render(scale=scale, grayscale=True).to_pil()
    out: dict[str, tuple[float, float, str]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as plumb:
        page = plumb.pages[0]
        for c in page.chars:
            if c["text"] not in MARKS:
                continue
            base = page.height - c["matrix"][5]
            top = base - 0.88 * SIZE  # the em box: 0.88 em above the baseline, 0.12 below
            box = (round(c["x0"] * scale), round(top * scale),
                   round((c["x0"] + SIZE) * scale), round((top + SIZE) * scale))
            crop = img.crop(box)
            w, h = crop.size
            px = crop.load()
            xs = ys = n = 0
            for y in range(h):
                for x in range(w):
                    if px[x, y] < 128:
                        xs += x
                        ys += y
                        n += 1
            assert n, c["text"]
            out[c["text"]] = (xs / n / w, ys / n / h, c["fontname"])
    doc.close()
    return out


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fonts")


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_gb_marks_sit_low_left_from_the_sc_face(lang, cache) -> None:
    got = _ink_centres(_pdf(lang, "gb", cache))
    assert set(got) == set(MARKS)
    for mark, (x, y, font) in got.items():
        assert "CJKsc" in font, (mark, font)
        assert x < 0.35, (mark, x)
        if mark in "，。、":
            assert y > 0.6, (mark, y)  # on the baseline, not in the middle


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_centred_marks_sit_in_the_middle_from_the_tc_face(lang, cache) -> None:
    got = _ink_centres(_pdf(lang, "centred", cache))
    assert set(got) == set(MARKS)
    for mark, (x, y, font) in got.items():
        assert "CJKtc" in font, (mark, font)
        assert 0.4 < x < 0.6, (mark, x)
        assert 0.3 < y < 0.7, (mark, y)
