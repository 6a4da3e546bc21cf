"""Crafted PDFs for the preflight tests, built with ReportLab and edited with pypdf."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
CMYK_ICC = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
TRIM = (100.0, 100.0)  # mm
MARKS = 10.0  # mm of room for marks beyond the bleed

Draw = Callable[[Canvas], None]


def ukai() -> str:
    """Register AR PL UKai (TrueType, subset-embedded by ReportLab) once per process."""
    if "UKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UKai", UKAI, subfontIndex=0))
    return "UKai"


def cmyk_image(px: int, cmyk: tuple[int, int, int, int]) -> ImageReader:
    return ImageReader(Image.new("CMYK", (px, px), cmyk))


def good_content(c: Canvas) -> None:
    """A press-ready page: embedded font, 100 % K text, CMYK image at 200 %, 0.3 mm rule."""
    off = (3 + MARKS) * mm
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont(ukai(), 9)
    c.drawString(off + 10 * mm, off + 80 * mm, "徐匯報 第1版 要聞")
    c.setFont(ukai(), 24)
    c.drawString(off + 10 * mm, off + 88 * mm, "標題")
    # 600 px over 50 mm = 305 ppi; 50+50+50+50 % = 200 % TAC.
    c.drawImage(
        cmyk_image(600, (128, 128, 128, 127)), off + 10 * mm, off + 10 * mm, 50 * mm, 50 * mm
    )
    c.setStrokeColorCMYK(0, 0, 0, 1)
    c.setLineWidth(0.3 * mm)
    c.line(off + 10 * mm, off + 70 * mm, off + 90 * mm, off + 70 * mm)
    # Crop marks in registration CMYK 100 % ×4, 0.25 pt, and a 4 pt slug: outside the bleed.
    c.setStrokeColorCMYK(1, 1, 1, 1)
    c.setLineWidth(0.25)
    c.line(0, off, off - 4 * mm, off)
    c.setFont(ukai(), 4)
    c.drawString(2 * mm, 2 * mm, "徐匯報 page 1")


def add_output_intent(writer: PdfWriter) -> None:
    """A PDF/X-style OutputIntent (PDF 32000 §14.11.5) with the Ghostscript CMYK profile."""
    icc = DecodedStreamObject()
    icc.set_data(Path(CMYK_ICC).read_bytes())
    icc[NameObject("/N")] = NumberObject(4)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("Custom"),
            NameObject("/DestOutputProfile"): writer._add_object(icc),
        }
    )
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([intent])


# A PDF/X-4 declaration written as another tool writes it: properties as attributes of
# rdf:Description (render/pdfx.py writes elements), a time zone offset in the dates.
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmp:CreateDate="2023-10-02T08:00:00+08:00" xmp:ModifyDate="2023-10-02T09:30:00+08:00"
 pdf:Trapped="False" pdfxid:GTS_PDFXVersion="PDF/X-4">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Crafted page</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
#: the Info dictionary in step with XMP (the same instants, in UTC)
PDFX_INFO = {
    "/Title": "Crafted page",
    "/CreationDate": "D:20231002000000Z",
    "/ModDate": "D:20231002013000Z",
    "/GTS_PDFXVersion": "PDF/X-4",
}


def declare_pdfx4(writer: PdfWriter) -> None:
    """Header 1.6, Info and XMP of a PDF/X-4 file, /Trapped /False, a trailer /ID."""
    writer.pdf_header = "%PDF-1.6"
    writer.add_metadata(PDFX_INFO)
    writer._info[NameObject("/Trapped")] = NameObject("/False")
    xmp = DecodedStreamObject()
    xmp.set_data(XMP.encode("utf-8"))
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    writer._ID = ArrayObject([ByteStringObject(b"0123456789abcdef")] * 2)


def build_pdf(
    path: Path,
    draw: Draw = good_content,
    *,
    pages: int = 1,
    trim_mm: tuple[float, float] = TRIM,
    bleed_mm: float | None = 3.0,
    trimbox: bool = True,
    output_intent: bool = True,
    pdfx: bool = True,
    edit: Callable[[PdfWriter], None] | None = None,
) -> Path:
    """One PDF: MediaBox = trim + bleed + marks, TrimBox/BleedBox as asked, optional intent.

    With `pdfx` it is declared PDF/X-4 (declare_pdfx4); `edit` changes the writer last.
    """
    pad = (3.0 + MARKS) * mm
    size = (trim_mm[0] * mm + 2 * pad, trim_mm[1] * mm + 2 * pad)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size, invariant=1)
    for _ in range(pages):
        draw(c)
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=io.BytesIO(buf.getvalue()))
    for page in writer.pages:
        trim = RectangleObject([pad, pad, size[0] - pad, size[1] - pad])
        if trimbox:
            page.trimbox = trim
        if bleed_mm is not None:
            b = bleed_mm * mm
            page.bleedbox = RectangleObject(
                [pad - b, pad - b, size[0] - pad + b, size[1] - pad + b]
            )
    if output_intent:
        add_output_intent(writer)
    if pdfx:
        declare_pdfx4(writer)
    if edit is not None:
        edit(writer)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def hairline(c: Canvas) -> None:
    """The good page plus a 0.05 mm rule inside the trim: a hairline finding."""
    off = (3.0 + MARKS) * mm
    good_content(c)
    c.setLineWidth(0.05 * mm)
    c.line(off + 20 * mm, off + 65 * mm, off + 80 * mm, off + 65 * mm)


def hairline_pages(tmp_path: Path, name: str, kinds: str) -> Path:
    """A PDF whose page i is good ('g') or carries a hairline ('h')."""
    todo = list(kinds)

    def draw(c: Canvas) -> None:
        (hairline if todo.pop(0) == "h" else good_content)(c)

    return build_pdf(tmp_path / f"{name}.pdf", draw, pages=len(kinds))
