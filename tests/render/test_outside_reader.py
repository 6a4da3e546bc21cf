"""An outside reader agrees with us: Ghostscript and pdfium render our print pages alike.

A PDF that only one reader understands (a font program one of them cannot read, a
construct one of them skips) reaches the press as whatever the press's RIP makes of
it. Our print pages are rendered by Ghostscript (Debian `ghostscript`, `make setup`)
and by pdfium at 36 dpi, both converted to grey, blurred by one pixel (the two
rasterisers anti-alias glyph edges differently) and compared.

Tolerance, in grey levels of 255: the mean difference over the page at most
`MEAN_TOLERANCE`, and over every 16 px (11.3 mm) square at most `TILE_TOLERANCE`.
Measured on the sample issue: mean 5.3 and 5.2, worst square 30 and 29 (small body
type comes out a little darker in Ghostscript). The same page with its text font
program damaged — pdfium then draws substitute glyphs for the raw codes, Ghostscript
falls back to a CJK font through ToUnicode — measures mean 10.3, worst square 95.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader, PdfWriter

DPI = 36
MEAN_TOLERANCE = 8.0
TILE_TOLERANCE = 50.0
TILE = 16


def ghostscript_pages(pdf: Path, out: Path) -> list[Image.Image]:
    gs = shutil.which("gs")
    assert gs, "Ghostscript is not installed: run make setup (Debian package ghostscript)"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m",
                    f"-r{DPI}", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
                    f"-sOutputFile={out}/page-%02d.png", str(pdf)],
                   check=True, capture_output=True, timeout=60)
    return [Image.open(p).convert("L") for p in sorted(out.glob("page-*.png"))]


def pdfium_pages(pdf: Path) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=DPI / 72).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


def disagreement(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean, worst 16 px square) grey difference. The two round the page height to a
    pixel differently, so the rows are lined up at an offset of −1, 0 or +1 (the best)."""
    w, h = min(a.width, b.width), min(a.height, b.height) - 1
    best = (255.0, 255.0)
    for dy in (-1, 0, 1):
        pa = a.crop((0, max(dy, 0), w, max(dy, 0) + h)).filter(ImageFilter.BoxBlur(1))
        pb = b.crop((0, max(-dy, 0), w, max(-dy, 0) + h)).filter(ImageFilter.BoxBlur(1))
        diff = ImageChops.difference(pa, pb)
        found = (ImageStat.Stat(diff).mean[0], float(diff.reduce(TILE).getextrema()[1]))
        best = min(best, found)
    return best


@pytest.fixture(scope="module")
def print_issue(sample_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("readers") / "issue.pdf"
    path.write_bytes(sample_build.files["print/issue.pdf"])
    return path


def test_ghostscript_and_pdfium_render_our_print_pages_alike(print_issue: Path) -> None:
    ours = pdfium_pages(print_issue)
    theirs = ghostscript_pages(print_issue, print_issue.parent / "gs")
    assert len(ours) == len(theirs) == 2
    for number, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert abs(a.width - b.width) <= 1 and abs(a.height - b.height) <= 1
        mean, tile = disagreement(a, b)
        assert mean <= MEAN_TOLERANCE and tile <= TILE_TOLERANCE, (number, mean, tile)
        assert ImageStat.Stat(a).mean[0] < 235  # the page really has something on it


def test_a_pdf_one_reader_misreads_is_caught(print_issue: Path) -> None:
    """Page 1 with its CJK font programs damaged: the readers part ways, and the
    comparison says so."""
    w = PdfWriter()
    w.add_page(PdfReader(print_issue).pages[0])
    fonts = w.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        if font.get("/Subtype") == "/Type0":
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            desc["/FontFile2"].get_object().set_data(b"\x00\x01\x00\x00" + bytes(100))
    broken = print_issue.parent / "broken.pdf"
    w.write(broken)
    mean, tile = disagreement(pdfium_pages(broken)[0],
                              ghostscript_pages(broken, print_issue.parent / "gs-broken")[0])
    assert mean > MEAN_TOLERANCE or tile > TILE_TOLERANCE, (mean, tile)
