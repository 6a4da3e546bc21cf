"""render/adverts.py: a PDF advert placed as a form XObject (vectors as supplied), fitted,
centred and clipped to its trim area."""

import io
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from xhprint.render.adverts import merge_advert

UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")


def advert(path: Path, rotate: int = 0) -> Path:
    """100×50 pt trim inside 10 pt of red bleed; blue left half, green right half."""
    c = canvas.Canvas(str(path), pagesize=(120, 70), invariant=1)
    c.setTrimBox((10, 10, 110, 60))
    c.setFillColorRGB(1, 0, 0)
    c.rect(0, 0, 120, 70, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 1)
    c.rect(10, 10, 50, 50, stroke=0, fill=1)
    c.setFillColorRGB(0, 0.8, 0)
    c.rect(60, 10, 50, 50, stroke=0, fill=1)
    if UKAI.exists():
        pdfmetrics.registerFont(TTFont("UKaiTest", str(UKAI)))
        c.setFont("UKaiTest", 8)
        c.drawString(20, 30, "徐匯")
    c.showPage()
    c.save()
    if rotate:
        w = PdfWriter(clone_from=path)
        w.pages[0].rotate(rotate)
        w.write(path)
    return path


def merged(ad: Path, x, y, w, h) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(400, 300)
    merge_advert(page, ad, x, y, w, h)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def render(pdf: bytes):
    return pypdfium2.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("RGB")


def colour(px):
    r, g, b = px
    if r > 200 and g > 200 and b > 200:
        return "white"
    if r > 150 and g < 100 and b < 100:
        return "red"
    if b > 150 and r < 100 and g < 100:
        return "blue"
    if g > 120 and r < 100 and b < 100:
        return "green"
    return str(px)


def test_fitted_centred_clipped(tmp_path):
    # box 300×100 at (50, 50) in PDF space: the 2:1 advert scales ×2 to 200×100, centred
    img = render(merged(advert(tmp_path / "ad.pdf"), 50, 50, 300, 100))
    top = 300 - 150  # PDF y = 150 is the box top; image y grows downwards
    assert colour(img.getpixel((155, top + 50))) == "blue"
    assert colour(img.getpixel((245, top + 50))) == "green"
    # the advert occupies x 100..300; outside it (box margins and bleed) stays white
    for x in (60, 95, 305, 340):
        assert colour(img.getpixel((x, top + 50))) == "white"
    assert colour(img.getpixel((200, top - 5))) == "white"  # above: bleed clipped away
    assert colour(img.getpixel((200, top + 105))) == "white"  # below


def test_rotated_advert_upright(tmp_path):
    # /Rotate 90 shows the page turned clockwise: blue on top, green below, 50×100
    ad = advert(tmp_path / "ad.pdf", rotate=90)
    alone = pypdfium2.PdfDocument(str(ad))[0].render(scale=1).to_pil().convert("RGB")
    assert alone.size == (70, 120)  # pdfium agrees on what the reader sees
    assert colour(alone.getpixel((35, 30))) == "blue"
    img = render(merged(ad, 0, 0, 160, 200))  # ×2 → 100×200, centred: x 30..130
    assert colour(img.getpixel((80, 300 - 150))) == "blue"
    assert colour(img.getpixel((80, 300 - 50))) == "green"
    assert colour(img.getpixel((20, 300 - 100))) == "white"
    assert colour(img.getpixel((140, 300 - 100))) == "white"


@pytest.mark.skipif(not UKAI.exists(), reason="AR PL UKai not installed")
def test_fonts_kept_as_supplied(tmp_path):
    pdf = merged(advert(tmp_path / "ad.pdf"), 50, 50, 300, 100)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    # placed as a form XObject: the advert's fonts are the form's resources, as supplied
    (form,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert form["/Subtype"] == "/Form"
    fonts = [f.get_object() for f in form["/Resources"]["/Font"].values()]
    embedded = [f for f in fonts if "/FontFile2" in f.get("/FontDescriptor", {})]
    assert embedded and "徐匯" in page.extract_text()
