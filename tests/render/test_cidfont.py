"""Type 0 embedding: codes are code points, so a page's text does not depend on other pages."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdf

from xhprint.render.cidfont import CIDFont, subset_tag, unicode_cmap
from xhprint.render.compat import GlyphCanvas, append_operators, canvas_document

BOX = Path(__file__).resolve().parents[1] / "data" / "boxfont.ttf"


def test_codes_are_code_points_whatever_else_the_document_uses():
    small = CIDFont(BOX, {"永", "A"}, "XF1")
    large = CIDFont(BOX, {"永", "A", "和", "平", "，"}, "XF1")
    for ch in "永A":
        assert small.glyphs[ch][0] == large.glyphs[ch][0] == f"{ord(ch):04X}"
    assert large.glyphs["，"][0] == "FF0C"


def test_non_bmp_characters_get_private_use_codes_in_the_cmap():
    cmap = unicode_cmap("AAAAAA+X", [(0x6C38, 0x6C38), (0xE000, 0x25562)], 2)
    assert "<6C38> <6C38>" in cmap and "<E000> <D855DD62>" in cmap
    assert "<0000> <FFFF>" in cmap  # 2-byte codespace


def test_subset_tag_is_six_capitals_and_stable():
    tag = subset_tag("0123456789abcdef")
    assert len(tag) == 6 and tag.isupper() and tag.isalpha()
    assert tag == subset_tag("0123456789abcdef") != subset_tag("f123456789abcdef")


def test_embedded_text_extracts_and_font_is_type0():
    font = CIDFont(BOX, set("永和九年"), "XF1")
    out = io.BytesIO()
    canvas = GlyphCanvas(out, pagesize=(200, 100), invariant=1)
    font.embed(canvas_document(canvas))
    codes = "".join(font.glyphs[c][0] for c in "永和九年")
    append_operators(canvas, f"BT /XF1 12 Tf 1 0 0 1 10 50 Tm [<{codes}>] TJ ET")
    canvas.showPage()
    canvas.save()
    page = pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0]
    f = page["/Resources"]["/Font"]["/XF1"]
    assert f["/Subtype"] == "/Type0" and f["/Encoding"] == "/Identity-H"
    assert "/FontFile2" in f["/DescendantFonts"][0]["/FontDescriptor"]
    with pdfplumber.open(io.BytesIO(out.getvalue())) as doc:
        chars = doc.pages[0].chars
    assert "".join(c["text"] for c in chars) == "永和九年"
    xs = [c["x0"] for c in chars]
    assert xs == sorted(xs) and abs(xs[1] - xs[0] - 12 * font.glyphs["永"][1] / 1000) < 0.01


def _facts(font: CIDFont) -> tuple[object, ...]:
    return (font.name, font.bbox, font.ascent, font.descent, font.cap_height, font.glyphs)


def test_facts_from_the_store_equal_those_read_from_the_face(tmp_path: Path) -> None:
    import hashlib

    from xhprint.render.cidfont import FACTS_VERSION
    from xhprint.store import Store

    chars = set("永和九年A，")
    read = CIDFont(BOX, chars, "XF1")
    assert read.glyphs  # the box font has these characters
    CIDFont(BOX, chars, "XF1", facts=Store(tmp_path).space("cidfacts", FACTS_VERSION))
    space = Store(tmp_path).space("cidfacts", FACTS_VERSION)  # a new process
    kept = CIDFont(BOX, chars, "XF1", facts=space)
    assert _facts(kept) == _facts(read) and space.get(next(iter(space._memory)))
    other = CIDFont(BOX, set("永A"), "XF1", facts=space)  # other characters: read again
    assert _facts(other) == _facts(CIDFont(BOX, set("永A"), "XF1"))
    for entry in (p for p in tmp_path.rglob("*") if p.is_file()):
        payload = b'{"glyphs": {"x": [1, 2, 3]}}'  # passes its check, of another shape
        entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    fresh = Store(tmp_path).space("cidfacts", FACTS_VERSION)
    assert _facts(CIDFont(BOX, chars, "XF1", facts=fresh)) == _facts(read)
