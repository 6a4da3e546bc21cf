"""Broken and awkward photos and hostile PDFs, written on the fly (no binaries in git)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from images.imgs import OUTPUT_ICC, jpeg_bytes, png_bytes, rgb16_png  # tests/images

BROKEN_PHOTOS: dict[str, bytes] = {
    "empty.jpg": b"",
    "text.jpg": b"this is not a picture\n",
    "truncated.jpg": jpeg_bytes(Image.new("RGB", (400, 300), (200, 30, 30)))[:300],
    "truncated.png": png_bytes(64, 64, 8, 2, b"\x00" + b"\x80" * 192 * 64)[:120],
    # 20,000 × 20,000 = 400 MP declared; refused from the header, before decoding.
    "bomb.png": png_bytes(20_000, 20_000, 8, 0, b"\x00" * 10),
    "html.png": b"<!doctype html><title>404</title>",
}


def good_photos(folder: Path) -> dict[str, Path]:
    """CMYK JPEG with and without a profile, 16-bit PNG, palette with transparency."""
    folder.mkdir(parents=True, exist_ok=True)
    base = Image.new("RGB", (480, 320), (240, 240, 240))
    base.paste((220, 20, 20), (0, 0, 160, 160))
    cmyk = base.convert("CMYK")
    out = {
        "cmyk-icc.jpg": jpeg_bytes(cmyk, icc_profile=OUTPUT_ICC.read_bytes()),
        "cmyk-bare.jpg": jpeg_bytes(cmyk),
    }
    pal = base.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    buf = io.BytesIO()
    pal.save(buf, "PNG", transparency=0)
    out["palette.png"] = buf.getvalue()
    paths = {name: folder / name for name in out}
    for name, data in out.items():
        paths[name].write_bytes(data)
    paths["rgb16.png"] = rgb16_png(folder / "rgb16.png", 480, 320, (60000, 2000, 2000))
    return paths


def pdf_bytes(pages: int = 1, size: tuple[float, float] = (200, 100)) -> bytes:
    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(*size)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(200, 100)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def cyclic_pdf() -> bytes:
    """A form XObject that draws itself (a reference cycle)."""
    w = PdfWriter()
    page = w.add_blank_page(200, 100)
    form = DecodedStreamObject()
    form.set_data(b"/Fx Do")
    form.update({NameObject("/Type"): NameObject("/XObject"),
                 NameObject("/Subtype"): NameObject("/Form")})
    ref = w._add_object(form)
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject

    form[NameObject("/BBox")] = ArrayObject([FloatObject(0), FloatObject(0),
                                             FloatObject(200), FloatObject(100)])
    form[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fx"): ref})})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fx"): ref})})
    content = DecodedStreamObject()
    content.set_data(b"q /Fx Do Q")
    page[NameObject("/Contents")] = w._add_object(content)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def huge_stream_pdf(mb: int = 20) -> bytes:
    """One page whose content stream is `mb` MB of no-op operators."""
    w = PdfWriter()
    page = w.add_blank_page(200, 100)
    content = DecodedStreamObject()
    content.set_data(b"q Q\n" * (mb * 1024 * 1024 // 4))
    page[NameObject("/Contents")] = w._add_object(content)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def hostile_pdfs() -> dict[str, bytes]:
    good = pdf_bytes()
    return {
        "truncated.pdf": good[: len(good) // 2],
        "empty.pdf": b"",
        "not-a-pdf.pdf": b"GIF89a not a pdf at all",
        "encrypted.pdf": encrypted_pdf(),
        "cycle.pdf": cyclic_pdf(),
        "huge-stream.pdf": huge_stream_pdf(),
        "10000-pages.pdf": pdf_bytes(pages=10_000),
    }
