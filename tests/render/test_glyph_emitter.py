from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from support.paths import SEED as SHARED_SEED
from xhprint.fonts.book import FontBook
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model.frame import PlacedGlyph, TextLine
from xhprint.render.compat import GlyphCanvas
from xhprint.render.glyphs import GlyphEmitter, needed_chars, to_unicode_cmap

REPO = Path(__file__).resolve().parents[2]
SEED = SHARED_SEED
W, H = 600.0, 400.0


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[FontBook, Path]:
    if not Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists():
        pytest.skip("Debian fonts not installed")
    cache = tmp_path_factory.mktemp("cache")
    return FontBook.open(
        load_font_config(REPO / "fonts/fonts.yaml"), "zh-Hant", cache, REPO / "fonts"
    ), cache


def set_line(
    book: FontBook,
    text: str,
    role: str,
    size: float,
    baseline: float,
    bold: bool = False,
    hscale: float = 1.0,
) -> TextLine:
    """A naive setter: natural advances plus an irregular extra gap, so TJ adjustments are used."""
    glyphs, x = [], 0.0
    for i, ch in enumerate(text):
        fg = book.glyph(ch, role, bold)
        assert fg is not None, ch
        glyphs.append(PlacedGlyph(ch, x, fg.face, fg.advance * size, hscale))
        x += fg.advance * size * hscale + (0.37 if i % 3 == 0 else 0.0)
    return TextLine(x=20.0, baseline=baseline, size=size, glyphs=tuple(glyphs), role=role)


def sample_lines(book: FontBook) -> list[TextLine]:
    paras = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 30]
    texts = [
        paras[0][:40],
        paras[1][:40],
        "石𥕢里 ABC xyz 2023年10月2日 ——“引號”",
        paras[2][:40],
        paras[-1][:40],
    ]
    roles = [("song", False), ("hei-bold", False), ("song", False), ("kai", False), ("kai", True)]
    lines = [
        set_line(book, t, r, 12.0, 40.0 + 24 * i, b)
        for i, (t, (r, b)) in enumerate(zip(texts, roles, strict=True))
    ]
    lines.append(set_line(book, "——壓縮", "song", 10.0, 40.0 + 24 * 5, hscale=0.8))
    return lines


def write_pdf(book: FontBook, cache: Path, lines: list[TextLine]) -> bytes:
    out = io.BytesIO()
    canvas = GlyphCanvas(out, pagesize=(W, H), invariant=1)
    GlyphEmitter(canvas, book, needed_chars(lines), cache).draw(lines, left=0.0, top=H)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_text_and_positions_survive_extraction(book, tmp_path):
    fb, cache = book
    lines = sample_lines(fb)
    assert {g.face for line in lines for g in line.glyphs} >= {
        "NotoSerifCJKtc-Regular",
        "NotoSansCJKtc-Bold",
        "UKaiTW",
    }
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(write_pdf(fb, cache, lines))
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    for line in lines:
        got = sorted(
            (c for c in chars if abs((H - c["matrix"][5]) - line.baseline) < 0.01),
            key=lambda c: c["x0"],
        )
        assert "".join(c["text"] for c in got) == line.text
        for c, g in zip(got, line.glyphs, strict=True):
            assert c["matrix"][4] == pytest.approx(line.x + g.x, abs=0.05), (g.text, c)
    dash = [c for c in chars if c["text"] == "—" and c["size"] == pytest.approx(12.0)]
    assert len(dash) == 2 and dash[0]["x1"] == pytest.approx(dash[1]["x0"], abs=0.05)


def test_fonts_embedded_and_subset(book, tmp_path):
    fb, cache = book
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(write_pdf(fb, cache, sample_lines(fb)))
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 3
    for row in rows:
        name, *_ = row.split()
        assert re.match(r"^[A-Z]{6}\+", name), row
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_pdf_is_byte_identical_when_written_twice(book):
    fb, cache = book
    assert write_pdf(fb, cache, sample_lines(fb)) == write_pdf(fb, cache, sample_lines(fb))


def test_black_text_overprints_in_100k(book):
    fb, cache = book
    data = write_pdf(fb, cache, sample_lines(fb)[:1])
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    assert content.index("0 0 0 1 k") < content.index("BT")
    states = page["/Resources"]["/ExtGState"]
    used = re.findall(r"/(\w+) gs", content[: content.index("BT")])
    merged = {k: v for name in used for k, v in states[f"/{name}"].items()}
    assert bool(merged["/OP"]) and bool(merged["/op"]) and merged["/OPM"] == 1


def test_missing_glyph_is_skipped():
    line = TextLine(0, 10, 10, (PlacedGlyph("𰀀", 0, "", 10),))
    assert needed_chars([line]) == {}


def test_to_unicode_uses_surrogate_pairs():
    cmap = to_unicode_cmap("AAAAAA+X", [0, 0x77F3, 0x25562])
    assert "<01> <77F3>" in cmap and "<02> <D855DD62>" in cmap


def test_shared_memo_gives_the_same_bytes_at_another_offset(book):
    """Two emitters sharing an EmitterMemo (the editions of a build) write what two
    independent ones write, at their own offsets; a different character set is not
    served another document's fonts or segments."""
    from xhprint.render.glyphs import EmitterMemo

    fb, cache = book
    lines = sample_lines(fb)

    def page(left: float, top: float, memo: EmitterMemo | None, some: list[TextLine]) -> bytes:
        out = io.BytesIO()
        canvas = GlyphCanvas(out, pagesize=(W + 40, H + 40), invariant=1)
        GlyphEmitter(canvas, fb, needed_chars(some), cache, memo=memo).draw(some, left, top)
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    memo = EmitterMemo()
    shared = [page(0.0, H, memo, lines), page(17.25, H + 9.5, memo, lines)]
    assert len(memo.fonts) == len(needed_chars(lines))
    assert sum(len(v) for v in memo.segments.values()) == len(lines)
    assert shared == [page(0.0, H, None, lines), page(17.25, H + 9.5, None, lines)]
    assert shared[0] != shared[1]
    fewer = lines[:2]
    assert page(3.0, H, memo, fewer) == page(3.0, H, None, fewer)
    assert len(memo.segments) == 2  # another font signature, its own segments
