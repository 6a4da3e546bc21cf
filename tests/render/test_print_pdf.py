import datetime as dt
import io
from dataclasses import replace

import pdfplumber
import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import NameObject

from xhprint.model.template import MM
from xhprint.render.print_pdf import render_print
from xhprint.render.resources import DEFAULT_ICC, SlugInfo

BLEED = 3 * MM


@pytest.fixture
def rendered(pages, template, resources, slug):
    return render_print(pages, template, resources, slug)


def _all_pdfs(r):
    return [r.issue, *r.pages]


def _approx_rect(box, expected):
    return all(abs(float(a) - b) < 0.01 for a, b in zip(box, expected, strict=True))


def test_page_boxes_on_every_page(rendered, template):
    assert len(rendered.pages) == 2
    for data in _all_pdfs(rendered):
        for page in PdfReader(io.BytesIO(data)).pages:
            tx0, ty0, tx1, ty1 = (float(v) for v in page.trimbox)
            assert tx1 - tx0 == pytest.approx(template.trim_width, abs=0.01)
            assert ty1 - ty0 == pytest.approx(template.trim_height, abs=0.01)
            assert _approx_rect(page.bleedbox, (tx0 - BLEED, ty0 - BLEED, tx1 + BLEED, ty1 + BLEED))
            mx0, my0, mx1, my1 = (float(v) for v in page.mediabox)
            assert mx0 < tx0 - BLEED - 5 * MM and my0 < ty0 - BLEED - 5 * MM
            assert mx1 > tx1 + BLEED + 5 * MM and my1 > ty1 + BLEED + 5 * MM


def test_output_intent_carries_the_icc_profile(rendered):
    icc = DEFAULT_ICC.read_bytes()
    for data in _all_pdfs(rendered):
        root = PdfReader(io.BytesIO(data)).trailer["/Root"]
        (intent,) = [o.get_object() for o in root["/OutputIntents"]]
        assert intent["/S"] == "/GTS_PDFX"
        assert intent["/Info"] == "Artifex CMYK SWOP Profile"
        profile = intent["/DestOutputProfile"].get_object()
        assert profile["/N"] == 4
        assert profile.get_data() == icc


def test_marks_and_slug_lie_outside_the_bleed(rendered):
    with pdfplumber.open(io.BytesIO(rendered.pages[0])) as pdf:
        page = pdf.pages[0]
        reader_page = PdfReader(io.BytesIO(rendered.pages[0])).pages[0]
        bx0, by0, bx1, by1 = (float(v) for v in reader_page.bleedbox)
        marks = [ln for ln in page.lines if ln["stroking_color"] == (1, 1, 1, 1)]
        assert len(marks) == 8  # two at each corner
        for ln in marks:
            assert ln["linewidth"] >= 0.1 * 72 / 25.4
            x0, x1 = ln["x0"], ln["x1"]
            y0, y1 = page.height - ln["bottom"], page.height - ln["top"]
            outside = x1 <= bx0 or x0 >= bx1 or y1 <= by0 or y0 >= by1
            assert outside, ln
        slug = page.chars  # the stub emitter draws squares, so all text is the slug
        assert slug
        for c in slug:
            assert page.height - c["top"] < by0  # below the bottom bleed edge
        text = "".join(c["text"] for c in slug)
        assert "第1版 / 共2版" in text and "第40期" in text and "2023年10月2日" in text
        assert "NOT FOR PRESS" not in text


def test_slug_face_is_a_prepared_subset_one_for_every_issue(pages, template, resources, slug,
                                                          tmp_path, monkeypatch):
    """The slug line's face goes the text's way (prepared subset, Type 0), never through
    ReportLab's TTFont, and its subset serves another issue, date and error count."""
    from reportlab.pdfbase import ttfonts

    def refuse(*args, **kwargs):
        raise AssertionError("ReportLab's TTFont read the marks face")

    monkeypatch.setattr(ttfonts.TTFont, "__init__", refuse)
    res = replace(resources, font_cache=tmp_path)
    later = replace(slug, issue_number=41, issue_total=1747, date=dt.date(2024, 2, 29), errors=12)
    first = render_print(pages, template, res, slug)
    cached = sorted((tmp_path / "faces").glob("v*/*/*"))  # the store's prepared faces
    second = render_print(pages, template, res, later)
    assert len(cached) == 1 and sorted((tmp_path / "faces").glob("v*/*/*")) == cached
    embedded = []
    for r in (first, second):
        font = PdfReader(io.BytesIO(r.pages[1])).pages[0]["/Resources"]["/Font"]["/XS1"]
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        descriptor = font["/DescendantFonts"][0]["/FontDescriptor"]
        embedded.append(descriptor["/FontFile2"].get_data())
    assert embedded[0] == embedded[1] == cached[0].read_bytes().split(b"\n", 1)[1]
    with pdfplumber.open(io.BytesIO(second.pages[1])) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "第41期（總第1747期）　2024年2月29日 星期四　第2版 / 共2版" in text
    assert "NOT FOR PRESS — 12 errors, see report.json" in text


def test_slug_without_a_font_cache_is_the_same_text(pages, template, resources, slug):
    def slug_text_of(r):
        with pdfplumber.open(io.BytesIO(r.pages[0])) as pdf:
            return "".join(c["text"] for c in pdf.pages[0].chars)

    alone = render_print(pages, template, replace(resources, font_cache=None), slug)
    assert slug_text_of(alone) == slug_text_of(render_print(pages, template, resources, slug))


def test_slug_says_not_for_press_when_errors(pages, template, resources):
    slug = SlugInfo("徐匯報", 40, 1746, __import__("datetime").date(2023, 10, 2), errors=3)
    r = render_print(pages, template, resources, slug)
    for data in r.pages:
        text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
        assert "NOT FOR PRESS — 3 errors, see report.json" in text


def test_two_renders_are_byte_identical(pages, template, resources, slug, rendered):
    again = render_print(pages, template, resources, slug)
    assert again.issue == rendered.issue
    assert again.pages == rendered.pages
    ids = {PdfReader(io.BytesIO(d)).trailer["/ID"][0] for d in _all_pdfs(rendered)}
    assert len(ids) == 3  # each file its own content-derived /ID
    meta = PdfReader(io.BytesIO(rendered.issue)).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20231002000000Z"


def test_qr_code_decodes_to_its_url(rendered, qr_url):
    doc = pdfium.PdfDocument(rendered.pages[0])
    image = doc[0].render(scale=2).to_pil().convert("L")
    found = zxingcpp.read_barcodes(image)
    assert [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode] == [qr_url]


def test_images_placed_at_their_frames(rendered):
    reader = PdfReader(io.BytesIO(rendered.issue))
    tx0, ty0, tx1, ty1 = (float(v) for v in reader.pages[0].trimbox)
    with pdfplumber.open(io.BytesIO(rendered.issue)) as pdf:
        page = pdf.pages[0]
        images = sorted(page.images, key=lambda im: im["top"])
        assert len(images) == 2
        inner, edge = images
        # frame at (20 mm, 50 mm) 80×60 mm from trim top-left: placed exactly there
        assert inner["x0"] == pytest.approx(tx0 + 20 * MM, abs=0.01)
        assert inner["x1"] == pytest.approx(tx0 + 100 * MM, abs=0.01)
        assert page.height - inner["top"] == pytest.approx(ty1 - 50 * MM, abs=0.01)
        assert page.height - inner["bottom"] == pytest.approx(ty1 - 110 * MM, abs=0.01)
        # frame on the left trim edge: extended by the bleed, with 15 more source pixels
        assert edge["x0"] == pytest.approx(tx0 - BLEED, abs=0.01)
        assert edge["x1"] == pytest.approx(tx0 + 40 * MM, abs=0.01)
        assert edge["srcsize"] == (215, 150)


def test_images_are_clipped_to_the_frame(rendered):
    scale = 2
    doc = pdfium.PdfDocument(rendered.issue)
    reader = PdfReader(io.BytesIO(rendered.issue))
    media_h = float(reader.pages[0].mediabox[3])
    tx0, _, _, ty1 = (float(v) for v in reader.pages[0].trimbox)
    image = doc[0].render(scale=scale).to_pil().convert("RGB")

    def px(x_trim, y_trim):
        x = (tx0 + x_trim) * scale
        y = (media_h - ty1 + y_trim) * scale
        return image.getpixel((round(x), round(y)))

    def white(p):
        return min(p) > 240

    y = 215 * MM  # middle of the edge photo's frame (200..230 mm)
    assert not white(px(20 * MM, y))
    assert not white(px(-2 * MM, y))  # in the bleed: picture
    assert white(px(-4.5 * MM, y))  # beyond the bleed: paper
    assert white(px(41 * MM, y))  # right of the frame
    assert white(px(20 * MM, 198 * MM)) and white(px(20 * MM, 232 * MM))


def test_every_print_file_declares_pdfx4_in_step(rendered, tmp_path):
    """Header, XMP, Info, Trapped, OutputIntent and /ID of PDF/X-4, read back from each file,
    and the `pdfx` check (with page boxes and fonts) finds nothing to say."""
    import xml.etree.ElementTree as ET

    from xhprint.preflight.pdf_checks import check_pdf

    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "pdfxid": "http://www.npes.org/pdfx/ns/id/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdf": "http://ns.adobe.com/pdf/1.3/", "dc": "http://purl.org/dc/elements/1.1/"}
    for i, data in enumerate(_all_pdfs(rendered)):
        assert data.startswith(b"%PDF-1.6\n")
        reader = PdfReader(io.BytesIO(data))
        assert not reader.is_encrypted and len(reader.trailer["/ID"]) == 2
        root = reader.trailer["/Root"]
        meta = root["/Metadata"].get_object()
        assert (meta["/Type"], meta["/Subtype"]) == ("/Metadata", "/XML")
        packet = meta.get_data().decode("utf-8")
        xml = ET.fromstring(packet[packet.index("<x:xmpmeta"):packet.index("<?xpacket end")])
        desc = xml.find(".//rdf:Description", ns)
        assert desc.findtext("pdfxid:GTS_PDFXVersion", namespaces=ns) == "PDF/X-4"
        assert desc.findtext("xmp:CreateDate", namespaces=ns) == "2023-10-02T00:00:00Z"
        assert desc.findtext("xmp:ModifyDate", namespaces=ns) == "2023-10-02T00:00:00Z"
        assert desc.findtext("pdf:Trapped", namespaces=ns) == "False"
        title = desc.find("dc:title/rdf:Alt/rdf:li", ns).text
        info = reader.trailer["/Info"].get_object()
        assert info["/GTS_PDFXVersion"] == "PDF/X-4" and info["/Title"] == title == "徐匯報 第40期"
        assert info["/Trapped"] == NameObject("/False")
        assert info["/CreationDate"] == info["/ModDate"] == "D:20231002000000Z"
        assert info["/XhprintEdition"] == "print"
        (intent,) = [o.get_object() for o in root["/OutputIntents"]]
        assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"]
        p = tmp_path / f"{i}.pdf"
        p.write_bytes(data)
        assert [f for f in check_pdf(p) if f.check in ("pdfx", "page-boxes", "font-embedding")] == []


def test_photo_past_the_bleed_is_named_with_its_page(pages, template, resources, slug, photo,
                                                     tmp_path):
    """A layout fault drawn as told: a photo running off the page bottom, over the slug line.
    Preflight of our own print PDF names the photo file and its page; our slug line and crop
    marks themselves are not findings (the good pages say nothing)."""
    from dataclasses import replace
    from types import SimpleNamespace

    from xhprint.model.frame import ImageBox
    from xhprint.preflight.own_output import placements
    from xhprint.preflight.pdf_checks import check_pdf
    from xhprint.render.geometry import PageGeometry

    geom = PageGeometry.for_print(template.trim_width, template.trim_height, template.bleed)
    issue = SimpleNamespace(stories={}, pages=())  # photos then go by their file name

    def bleed_findings(pdf_pages):
        data = render_print(pdf_pages, template, resources, slug).issue
        p = tmp_path / "issue.pdf"
        p.write_bytes(data)
        found = check_pdf(p, placed=placements(issue, pdf_pages, geom))
        return [f for f in found if f.check == "outside-bleed"]

    assert bleed_findings(pages) == []
    stray = ImageBox(20 * MM, 250 * MM, 80 * MM, 60 * MM, photo, (0, 0, 400, 300), item="s9")
    p2 = replace(pages[1], elements=(*pages[1].elements, stray))
    (f,) = bleed_findings((pages[0], p2))
    assert f.page == 2 and f.item == "s9" and f.severity == "error"
    assert f.message.startswith("photo photo.png runs ")
    assert "past the BleedBox at the bottom, over the slug line" in f.message
