"""pypdf post-processing: page boxes, adverts, OutputIntent, metadata, deterministic /ID, split.

ReportLab draws; pypdf finishes. /ID is derived from the file's own content
(PDF 32000-1 §14.4 allows any value; PDF/X requires one), and dates from the
issue date, so the same input always gives the same bytes (architecture.md
practice 5).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from pypdf import PdfReader, PdfWriter
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

from xhprint.render.geometry import Rect

PRODUCER = "xhprint"


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def set_boxes(writer: PdfWriter, media: Rect, trim: Rect, bleed: Rect) -> None:
    """MediaBox, CropBox = MediaBox, TrimBox and BleedBox on every page (§14.11.2)."""
    for page in writer.pages:
        page.mediabox = RectangleObject(media)
        page.cropbox = RectangleObject(media)
        page.trimbox = RectangleObject(trim)
        page.bleedbox = RectangleObject(bleed)


def profile_description(icc: Path) -> str:
    """The ICC profile's own description (its 'desc' tag), for the OutputIntent /Info."""
    from PIL import ImageCms

    try:
        return ImageCms.getProfileDescription(str(icc)).strip() or icc.stem
    except (OSError, ImageCms.PyCMSError):
        return icc.stem


def add_output_intent(writer: PdfWriter, icc: Path) -> None:
    """A GTS_PDFX OutputIntent whose DestOutputProfile is the press ICC profile (§14.11.5)."""
    data = icc.read_bytes()
    profile = DecodedStreamObject()
    profile.set_data(data)
    profile[NameObject("/N")] = NumberObject(_icc_channels(data))
    profile = profile.flate_encode()
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("Custom"),
            NameObject("/OutputCondition"): TextStringObject(profile_description(icc)),
            NameObject("/Info"): TextStringObject(profile_description(icc)),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])


def _icc_channels(data: bytes) -> int:
    """Colour-space signature at byte 16 of the ICC header (ICC.1:2010 §7.2.6)."""
    return {b"CMYK": 4, b"RGB ": 3, b"GRAY": 1}.get(data[16:20], 4)


def pdf_date(d: _dt.date) -> str:
    """A PDF date string (§7.9.4) at midnight UTC of the issue date."""
    return f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000Z"


def set_info(writer: PdfWriter, date: _dt.date, **fields: str) -> None:
    """Document information (§14.3.3); dates from the issue, never from the clock."""
    info = {
        "/Producer": PRODUCER,
        "/Creator": PRODUCER,
        "/CreationDate": pdf_date(date),
        "/ModDate": pdf_date(date),
    }
    info.update({f"/{k}": v for k, v in fields.items()})
    writer.add_metadata(info)


def finish(writer: PdfWriter, salt: str) -> bytes:
    """Write with a /ID derived from the content and `salt` (§14.4), so output is reproducible.

    pypdf writes no /ID unless one is set and offers no public setter for a
    chosen one, hence the private attribute.
    """
    writer._ID = None
    buf = io.BytesIO()
    writer.write(buf)
    digest = hashlib.md5(buf.getvalue() + salt.encode(), usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def split_pages(
    issue_pdf: bytes, icc: Path | None, date: _dt.date, info: dict[str, str]
) -> Iterable[bytes]:
    """Each page as its own file, each with the OutputIntent and metadata of the issue."""
    reader = read(issue_pdf)
    for i, page in enumerate(reader.pages):
        w = PdfWriter()
        w.add_page(page)
        if icc is not None:
            add_output_intent(w, icc)
        set_info(w, date, **info)
        yield finish(w, f"page-{i + 1}")
