"""Each ReportLab and pypdf internal that render/compat.py uses, read back from a real file.

When a library upgrade moves one of them, the test named after it fails here.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zlib

import pdfplumber
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
)
from reportlab.pdfbase import pdfdoc

from xhprint.render.compat import (
    GlyphCanvas,
    add_font_to_every_page,
    add_object,
    append_operators,
    canvas_document,
    embed_jpeg,
    encoded_bytes,
    info_dictionary,
    qr_encoder,
    set_trailer_id,
)


def _jpeg(mode: str, colour: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (40, 30), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def _written(writer: PdfWriter) -> PdfReader:
    buf = io.BytesIO()
    writer.write(buf)
    return PdfReader(io.BytesIO(buf.getvalue()))


# ---------------------------------------------------------------- ReportLab


def test_glyph_canvas_pages_name_no_font_and_are_flate_only() -> None:
    out = io.BytesIO()
    c = GlyphCanvas(out, pagesize=(200, 100), invariant=1, pageCompression=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.rect(10, 10, 50, 50, stroke=0, fill=1)
    c.showPage()
    c.save()
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    contents = page["/Contents"].get_object()
    assert list(contents["/Filter"]) == ["/FlateDecode"]  # not [/ASCII85Decode /FlateDecode]
    data = contents.get_data()
    assert b"re" in data and b"Tf" not in data  # ReportLab's preamble sets /F1 12 Tf
    fonts = page["/Resources"].get_object().get("/Font")
    assert not fonts or "/F1" not in fonts.get_object()


def test_operators_and_fonts_go_into_the_canvas_document() -> None:
    out = io.BytesIO()
    c = GlyphCanvas(out, pagesize=(200, 100), invariant=1)
    doc = canvas_document(c)
    assert isinstance(doc, pdfdoc.PDFDocument)
    font = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Font"),
                                 "Subtype": pdfdoc.PDFName("Type1"),
                                 "BaseFont": pdfdoc.PDFName("Courier")})
    add_font_to_every_page(doc, "XT1", doc.Reference(font, "XT1"))
    for word in ("Hello", "Again"):
        append_operators(c, f"BT /XT1 12 Tf 1 0 0 1 10 50 Tm ({word}) Tj ET")
        c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(out.getvalue()))
    for page, word in zip(reader.pages, ("Hello", "Again"), strict=True):
        assert page["/Resources"]["/Font"]["/XT1"]["/BaseFont"] == "/Courier"
        assert page.extract_text().strip() == word


def test_embed_jpeg_stores_each_jpeg_once_as_it_is() -> None:
    cmyk, rgb = _jpeg("CMYK", (0, 255, 255, 0)), _jpeg("RGB", (20, 200, 20))
    out = io.BytesIO()
    c = GlyphCanvas(out, pagesize=(200, 200), invariant=1)
    embed_jpeg(c, cmyk, "jpegA", 10, 20, 80, 60)
    embed_jpeg(c, cmyk, "jpegA", 100, 20, 40, 30)
    c.showPage()
    embed_jpeg(c, rgb, "jpegB", 10, 20, 80, 60)
    embed_jpeg(c, cmyk, "jpegA", 10, 100, 80, 60)
    c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(out.getvalue()))
    objects = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/XObject"].items():
            objects.setdefault(name, set()).add(ref.idnum)
    assert {k: len(v) for k, v in objects.items()} == {"/FormXob.jpegA": 1, "/FormXob.jpegB": 1}
    xobjects = reader.pages[1]["/Resources"]["/XObject"]
    a, b = xobjects["/FormXob.jpegA"].get_object(), xobjects["/FormXob.jpegB"].get_object()
    assert list(a["/Filter"]) == list(b["/Filter"]) == ["/DCTDecode"]
    assert encoded_bytes(a) == cmyk and encoded_bytes(b) == rgb  # no re-encoding
    assert a["/ColorSpace"] == "/DeviceCMYK" and list(a["/Decode"]) == [1, 0] * 4
    assert b["/ColorSpace"] == "/DeviceRGB" and "/Decode" not in b
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        placed = sorted((round(i["x0"]), round(i["bottom"]), round(i["width"]), round(i["height"]))
                        for i in pdf.pages[0].images)  # fmt: skip
    assert placed == [(10, 180, 80, 60), (100, 180, 40, 30)]  # bottom measured from the top


def test_qr_encoder_is_reportlabs_without_the_barcode_package() -> None:
    from reportlab.graphics.barcode import qrencoder

    ours = qr_encoder()
    assert ours is qr_encoder()  # loaded once
    for module in (ours, qrencoder):
        module_qr = module.QRCode(None, module.QRErrorCorrectLevel.M)
        module_qr.addData("https://example.invalid/40")
        module_qr.make()
        if module is ours:
            modules = [list(map(bool, row)) for row in module_qr.modules]
        else:
            assert modules == [list(map(bool, row)) for row in module_qr.modules]
    assert len(modules) == 25  # version 2 at level M
    code = ("import sys; from xhprint.render.compat import qr_encoder; qr_encoder(); "
            "print(any(m.startswith('reportlab.graphics.barcode') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- pypdf


def test_add_object_makes_an_indirect_object() -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    ref = add_object(writer, DictionaryObject({NameObject("/Answer"): NumberObject(42)}))
    assert isinstance(ref, IndirectObject)
    writer.root_object[NameObject("/XTest")] = ref
    root = _written(writer).trailer["/Root"].get_object()
    assert isinstance(root.raw_get("/XTest"), IndirectObject)
    assert root["/XTest"].get_object()["/Answer"] == 42


def test_info_dictionary_stores_a_name() -> None:
    fresh, titled = PdfWriter(), PdfWriter()
    titled.add_metadata({"/Title": "徐匯報"})
    for writer in (fresh, titled):
        writer.add_blank_page(100, 100)
        info_dictionary(writer)[NameObject("/Trapped")] = NameObject("/False")
        info = _written(writer).trailer["/Info"].get_object()
        assert isinstance(info["/Trapped"], NameObject) and info["/Trapped"] == "/False"
    assert _written(titled).metadata["/Title"] == "徐匯報"


def test_set_trailer_id_writes_the_chosen_id() -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    set_trailer_id(writer, bytes(range(16)), b"\xff" * 16)
    buf = io.BytesIO()
    writer.write(buf)
    trailer = buf.getvalue()[buf.getvalue().rfind(b"trailer"):]
    assert b"/ID [ <000102030405060708090a0b0c0d0e0f> <" + b"ff" * 16 + b"> ]" in trailer
    ids = PdfReader(io.BytesIO(buf.getvalue())).trailer["/ID"]
    assert [x.original_bytes for x in ids] == [bytes(range(16)), b"\xff" * 16]


def test_encoded_bytes_are_the_stream_as_stored() -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    stream = DecodedStreamObject()
    stream.set_data(b"0 0 m 10 10 l S " * 50)
    writer.root_object[NameObject("/XTest")] = add_object(writer, stream.flate_encode())
    read = _written(writer).trailer["/Root"]["/XTest"].get_object()
    raw = encoded_bytes(read)
    assert raw is not None and raw != read.get_data()
    assert zlib.decompress(raw) == read.get_data() == b"0 0 m 10 10 l S " * 50
    assert encoded_bytes(DictionaryObject()) is None


def test_the_fast_tokenizer_keeps_pypdfs_operator_length_limit() -> None:
    """pdf_tokens mirrors pypdf's private limit so that both parsers refuse the same words."""
    from pypdf.generic import ContentStream

    from xhprint.preflight.pdf_tokens import OPERATOR_LENGTH_LIMIT

    assert ContentStream._OPERATOR_LENGTH_LIMIT == OPERATOR_LENGTH_LIMIT
