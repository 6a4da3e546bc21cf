"""A CMYK JPEG in a PDF is measured as a RIP paints it: the stored samples, then /Decode."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, StreamObject

from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_images import image_tac


def jpeg_xobject(decode: list[float] | None) -> StreamObject:
    """A 64×64 CMYK JPEG of C 10 M 20 Y 30 K 40 % (Pillow stores it Adobe-inverted)."""
    buf = io.BytesIO()
    Image.new("CMYK", (64, 64), (26, 51, 77, 102)).save(buf, "JPEG", quality=95)
    x = StreamObject()
    x._data = buf.getvalue()
    x.update({NameObject("/Type"): NameObject("/XObject"),
              NameObject("/Subtype"): NameObject("/Image"),
              NameObject("/Width"): NumberObject(64), NameObject("/Height"): NumberObject(64),
              NameObject("/ColorSpace"): NameObject("/DeviceCMYK"),
              NameObject("/BitsPerComponent"): NumberObject(8),
              NameObject("/Filter"): NameObject("/DCTDecode")})
    if decode is not None:
        x[NameObject("/Decode")] = ArrayObject(FloatObject(v) for v in decode)
    return x


@pytest.mark.parametrize(("decode", "tac"), [
    ([1, 0] * 4, 100.0),        # what Photoshop, ReportLab and we write: true ink, 10+20+30+40
    (None, 300.0),              # no /Decode: a RIP paints the inverted samples as stored
    ([1, 0] * 3 + [0.5, 0], 80.0),  # K mapped into 0…50 %: 40 % becomes 20 %
])
def test_cmyk_jpeg_decode_array(decode, tac) -> None:
    result = image_tac(jpeg_xobject(decode), PdfBounds())
    assert result.tac == pytest.approx(tac, abs=1.0)
