"""Render with the real glyph emitter (box test font), image preparers and advert merger,
then run our own newsprint/digital preflight on the result."""

import io
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from xhprint.fonts.book import FontBook
from xhprint.images import prepare as images
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model.frame import PdfPlacement, PlacedGlyph, TextLine
from xhprint.model.template import MM
from xhprint.preflight.pdf_checks import check_pdf
from xhprint.render.adverts import merge_advert
from xhprint.render.digital_pdf import render_digital
from xhprint.render.print_pdf import render_print
from xhprint.render.resources import Resources, font_text

DATA = Path(__file__).resolve().parents[1] / "data"
FACE = "XhprintBox-Regular"


@pytest.fixture
def real_resources(tmp_path) -> Resources:
    book = FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant", tmp_path, DATA)
    return Resources(
        text=font_text(book, tmp_path / "subsets"),
        prepare_print_image=images.prepare_print_image,
        prepare_digital_image=images.prepare_digital_image,
        merge_advert=merge_advert,
        font_cache=tmp_path / "subsets",
    )


@pytest.fixture
def advert(tmp_path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "ad.pdf"
    c = Canvas(str(path), pagesize=(200, 100), invariant=1)
    c.setFillColorCMYK(0, 0.6, 1, 0)
    c.rect(0, 0, 200, 100, stroke=0, fill=1)
    c.showPage()
    c.save()
    return path


@pytest.fixture
def text_pages(pages, advert):
    line = TextLine(
        20 * MM,
        130 * MM,
        9,
        tuple(PlacedGlyph(ch, i * 9.0, FACE, 9.0) for i, ch in enumerate("徐匯報第四十期")),
    )
    ad = PdfPlacement(110 * MM, 240 * MM, 30 * MM, 15 * MM, advert, item="ads/ad.pdf")
    p1 = pages[0]
    elements = tuple(e for e in p1.elements if not isinstance(e, TextLine)) + (line, ad)
    return (replace(p1, elements=elements), pages[1])


def test_print_pdf_passes_newsprint_preflight(text_pages, template, real_resources, slug, tmp_path):
    r = render_print(text_pages, template, real_resources, slug)
    assert render_print(text_pages, template, real_resources, slug).issue == r.issue
    for name, data in r.files().items():
        path = tmp_path / name.replace("/", "-")
        path.write_bytes(data)
        findings = check_pdf(path, "newsprint", template.preflight, trim_mm=(200, 280))
        assert [f.describe() for f in findings] == [], name
    page = PdfReader(io.BytesIO(r.pages[0])).pages[0]
    assert "徐匯報第四十期" in page.extract_text()
    with pdfplumber.open(io.BytesIO(r.pages[0])) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "徐匯報第四十期"]
        tx0 = float(page.trimbox[0])
        assert chars[0]["x0"] == pytest.approx(tx0 + 20 * MM, abs=0.05)


def test_digital_pdf_passes_digital_preflight(text_pages, template, real_resources, meta, tmp_path):
    data = render_digital(text_pages, template, real_resources, meta)
    path = tmp_path / "digital.pdf"
    path.write_bytes(data)
    findings = check_pdf(path, "digital", template.preflight)
    assert [f.describe() for f in findings if f.severity == "error"] == []
    assert "徐匯報第四十期" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
