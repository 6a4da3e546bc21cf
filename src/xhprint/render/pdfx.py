"""Declare the print PDFs PDF/X-4 (ISO 15930-7:2010): header, Info and XMP in step.

What PDF/X-4 asks of a document beyond what print_pdf already draws (TrimBox and
BleedBox, embedded fonts, the GTS_PDFX OutputIntent, a trailer /ID, no
encryption): a PDF 1.6 or later header; an XMP metadata stream in the catalog
with pdfxid:GTS_PDFXVersion "PDF/X-4", dates, title, producer, trapping and the
xmpMM document identity; and an Info dictionary that says the same (§6.7.2 and
PDF 32000-1 §14.3.3, §14.11.6 Trapped). Dates are the issue date and the
identifiers are derived from the issue, so the same input keeps giving the same
bytes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import uuid
from typing import TYPE_CHECKING

from xhprint.render.compat import add_object, info_dictionary
from xhprint.render.pdfpost import PRODUCER, pdf_date

if TYPE_CHECKING:
    from pypdf import PdfWriter

PDFX_VERSION = "PDF/X-4"
PDFX_HEADER = "%PDF-1.6"
#: the ISO 15930 XMP namespace of GTS_PDFXVersion
PDFXID_NS = "http://www.npes.org/pdfx/ns/id/"
#: we do not trap; PDF/X requires saying so (/Trapped /False, never /Unknown)
TRAPPED = "False"
# The xpacket id is fixed by the XMP specification (Part 1 §7.3.2).
_PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"


def xmp_date(d: _dt.date) -> str:
    """The XMP form of `pdf_date(d)` (midnight UTC): the two must name the same instant."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T00:00:00Z"


def _uuid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return f"uuid:{uuid.UUID(bytes=digest[:16], version=4)}"


def xml_text(text: str) -> str:
    """`text` as XML character data: &, < and > escaped, as xml.sax.saxutils.escape does
    (which imports urllib, http and email with it: ~13 ms of a build's start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(title: str, date: _dt.date, identity: str) -> bytes:
    """The XMP metadata of one print PDF; `identity` (e.g. issue-40/page-2) names the file."""
    when = xmp_date(date)
    t = xml_text(title)
    body = f"""<?xpacket begin="\ufeff" id="{_PACKET_ID}"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="{PDFXID_NS}">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdf:Trapped>{TRAPPED}</pdf:Trapped>
   <xmpMM:DocumentID>{_uuid("document", identity, title, when)}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{_uuid("instance", identity, title, when)}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return body.encode("utf-8")


def declare_pdfx(writer: PdfWriter, title: str, date: _dt.date, identity: str,
                 **info: str) -> None:
    """Make `writer` a declared PDF/X-4 file; `info` adds Info entries (pdfpost.EDITION_KEY).

    The OutputIntent (pdfpost.add_output_intent) and page boxes are set by the caller;
    the /ID by pdfpost.finish.
    """
    from pypdf.generic import DecodedStreamObject, NameObject

    writer.pdf_header = PDFX_HEADER
    entries = {
        "/Title": title,
        "/Producer": PRODUCER,
        "/Creator": PRODUCER,
        "/CreationDate": pdf_date(date),
        "/ModDate": pdf_date(date),
        "/GTS_PDFXVersion": PDFX_VERSION,
    }
    entries.update({f"/{k}": v for k, v in info.items()})
    writer.add_metadata(entries)
    info_dictionary(writer)[NameObject("/Trapped")] = NameObject(f"/{TRAPPED}")
    stream = DecodedStreamObject()
    stream.set_data(xmp_packet(title, date, identity))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    # Left uncompressed, as ISO 16684 recommends, so any tool can find the packet.
    writer.root_object[NameObject("/Metadata")] = add_object(writer, stream)
