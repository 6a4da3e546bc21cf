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
import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.libversion import pypdf_version
from xhprint.render.compat import add_object, set_trailer_id
from xhprint.render.geometry import Rect
from xhprint.store import Store

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter

PRODUCER = "xhprint"
INTENT_VERSION = 1  # the store space of compressed output profiles and their descriptions
#: Info entry naming which of our editions a PDF is ("print" or "digital"), so that
#: `xhprint preflight FILE.pdf` can pick the profile that fits (outputs.md)
EDITION_KEY = "XhprintEdition"


def read(data: bytes) -> PdfReader:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def writer_from(data: bytes) -> PdfWriter:
    """A writer holding a copy of the document `data`, to finish it."""
    from pypdf import PdfWriter

    return PdfWriter(clone_from=read(data))


def set_boxes(writer: PdfWriter, media: Rect, trim: Rect, bleed: Rect) -> None:
    """MediaBox, CropBox = MediaBox, TrimBox and BleedBox on every page (§14.11.2)."""
    from pypdf.generic import RectangleObject

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


@dataclass(frozen=True)
class IntentProfile:
    """The press ICC profile as an OutputIntent needs it, compressed and described once.

    The issue file and every page file carry the same profile (~190 kB): flate-encoding
    it and reading its description once per render instead of once per file saves
    ~10 ms a file. It holds bytes, not a pypdf object: a warm build that finds its
    edition files in the store never imports pypdf (`stream` makes the object).
    """

    deflated: bytes  # the profile as pypdf's flate_encode compresses it
    channels: int  # its /N
    description: str

    @property
    def stream(self) -> Any:
        """The profile as a flate-encoded pypdf stream object, attached to no writer:
        what DecodedStreamObject.flate_encode makes of a stream without /Filter."""
        from pypdf.generic import EncodedStreamObject, NameObject, NumberObject

        stream = EncodedStreamObject()
        stream[NameObject("/N")] = NumberObject(self.channels)
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        stream._data = self.deflated  # set_data would decode: these bytes are encoded
        return stream

    @classmethod
    def load(cls, icc: Path, store: Store | None = None) -> IntentProfile:
        """The profile at `icc`; with a `store`, compressed and described once for all
        builds (the `intent` space, by the profile's bytes: ~12 ms a print render)."""
        data = icc.read_bytes()
        channels = _icc_channels(data)
        if store is None:
            return cls(_flate_encoded(data, channels), channels, profile_description(icc))
        space = store.space("intent", INTENT_VERSION)
        key = space.key(zlib.ZLIB_VERSION, pypdf_version(), hashlib.sha256(data).hexdigest())
        kept = _kept_intent(space.get(key))
        if kept is not None:
            description, deflated = kept
            return cls(deflated, channels, description)
        made = cls(_flate_encoded(data, channels), channels, profile_description(icc))
        space.put(key, json.dumps({"description": made.description}).encode("utf-8") + b"\n"
                  + made.deflated)
        return made


def _flate_encoded(data: bytes, channels: int) -> bytes:
    """`data` as pypdf's flate_encode compresses a profile stream."""
    from pypdf.generic import DecodedStreamObject, NameObject, NumberObject

    profile = DecodedStreamObject()
    profile.set_data(data)
    profile[NameObject("/N")] = NumberObject(channels)
    encoded: bytes = profile.flate_encode()._data
    return encoded


def _kept_intent(found: bytes | None) -> tuple[str, bytes] | None:
    """(description, compressed profile) of a kept entry; None when absent or not one."""
    if found is None:
        return None
    head, sep, deflated = found.partition(b"\n")
    try:
        description = json.loads(head)["description"]
    except (ValueError, KeyError, TypeError):
        return None
    return (description, deflated) if sep and isinstance(description, str) else None


def add_output_intent(writer: PdfWriter, icc: Path | IntentProfile) -> None:
    """A GTS_PDFX OutputIntent whose DestOutputProfile is the press ICC profile (§14.11.5)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    prepared = icc if isinstance(icc, IntentProfile) else IntentProfile.load(icc)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("Custom"),
            NameObject("/OutputCondition"): TextStringObject(prepared.description),
            NameObject("/Info"): TextStringObject(prepared.description),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): add_object(writer, prepared.stream.clone(writer)),
        }
    )
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([add_object(writer, intent)])


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


_ID_PLACEHOLDER = bytes(16)


def finish(writer: PdfWriter, salt: str) -> bytes:
    """Write with a /ID derived from the content and `salt` (§14.4), so output is reproducible.

    The file is written once with a zero /ID; the digest of those bytes (and `salt`)
    then replaces the zeros in the trailer. Both are 16 bytes written as 32 hex digits,
    so no offset moves. pypdf writes no /ID unless one is set and offers no public
    setter for a chosen one (compat.set_trailer_id).
    """
    set_trailer_id(writer, _ID_PLACEHOLDER, _ID_PLACEHOLDER)
    buf = io.BytesIO()
    writer.write(buf)
    data = buf.getvalue()
    digest = hashlib.md5(data + salt.encode(), usedforsecurity=False).digest()
    zeros = b"<" + _ID_PLACEHOLDER.hex().encode() + b">"
    at = data.rfind(b"/ID")
    head, trailer = data[:at], data[at:]
    if trailer.count(zeros) != 2:
        raise RuntimeError("pypdf wrote the trailer /ID in an unexpected form")
    return head + trailer.replace(zeros, b"<" + digest.hex().encode() + b">")


def split_pages(
    issue_pdf: bytes, finish_page: Callable[[PdfWriter, int], None]
) -> Iterable[bytes]:
    """Each page as its own file; `finish_page(writer, index)` adds what the issue file has
    at document level (OutputIntent, metadata), which copying a page does not carry."""
    from pypdf import PdfWriter

    reader = read(issue_pdf)
    for i, page in enumerate(reader.pages):
        w = PdfWriter()
        w.add_page(page)
        finish_page(w, i)
        yield finish(w, f"page-{i + 1}")
