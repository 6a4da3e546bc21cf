"""The `pdfx` check: does a PDF declare PDF/X, and does its document level meet it?

PDF/X (ISO 15930) is what a newspaper press asks for. This module checks what
lies at document level: the declaration (GTS_PDFXVersion in the XMP metadata, and
in the Info dictionary in step with it), the PDF version a PDF/X-4 file needs
(1.6 or later, ISO 15930-7), the title, dates and trapping key (/Trapped /True or
/False, PDF 32000-1 §14.11.6), the OutputIntent (/S /GTS_PDFX with an
OutputConditionIdentifier and, when the condition is not a registered one, the
DestOutputProfile, §14.11.5) and the trailer /ID (§14.4).

What PDF/X asks of each page is the job of checks that already exist, so one
problem gives one finding: TrimBox and BleedBox (`page-boxes`), embedded fonts
(`font-embedding`), no encryption (`pdf-unreadable`).

PDF/X-1a and PDF/X-3 files (declared in Info only, PDF 1.3/1.4) are judged by the
rules they share with PDF/X-4; XMP is required from PDF/X-4 on.
"""

from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from pypdf.generic import NameObject

from xhprint.i18n import Message, msg
from xhprint.model.checks import default_hint
from xhprint.preflight.pdf_bounds import Budget

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}
#: an XMP packet larger than this is not parsed (a real one is a few kB)
MAX_XMP_BYTES = 4 * 1024 * 1024
#: PDF/X versions that keep their declaration in XMP and need PDF 1.6 or later
_XMP_VERSIONS = ("PDF/X-4", "PDF/X-5", "PDF/X-6")

# What to do, one sentence per problem (the message says what is missing).
HINT_EXPORT = default_hint("pdfx")
HINT_METADATA = msg("export again as PDF/X-4; a tool that edited the file afterwards may have "
                    "left its metadata out of step")
HINT_INTENT = msg("export again as PDF/X-4 with the newspaper's output condition (its ICC "
                  "profile embedded in the OutputIntent)")
HINT_TRAPPED = msg("set the document's trapping key to False (or True if it was trapped) and "
                   "export again")


@dataclass(frozen=True)
class PdfxProblem:
    """One way the document falls short of the PDF/X it declares: what, and what to do."""

    message: Message
    hint: Message


@dataclass(frozen=True)
class Xmp:
    """The few XMP properties PDF/X ties to the Info dictionary (None: absent)."""

    version: str | None
    title: str | None
    create: str | None
    modify: str | None
    trapped: str | None


def pdfx_problems(reader: Any, budget: Budget) -> list[PdfxProblem]:
    """Every document-level PDF/X problem of an opened, unencrypted PDF."""
    root = reader.trailer["/Root"].get_object()
    info = _info(reader)
    xmp, xmp_error = _read_xmp(root, budget)
    info_version = _text(info.get("/GTS_PDFXVersion"))
    declared = (xmp.version if xmp else None) or info_version
    if not declared:
        return [PdfxProblem(msg("the PDF does not declare PDF/X (no GTS_PDFXVersion in its XMP "
                                "metadata or Info dictionary)"), HINT_EXPORT)]
    needs_xmp = declared.startswith(_XMP_VERSIONS)
    out = _version_problems(reader, root, declared) if needs_xmp else []
    out += _declarations(declared, needs_xmp, xmp, xmp_error, info_version)
    out += _title_and_dates(info, xmp if needs_xmp else None)
    out += _trapped(info, xmp)
    out += _output_intent(root, declared)
    if not reader.trailer.get("/ID"):
        out.append(PdfxProblem(msg("no document /ID in the trailer (PDF/X requires one)"),
                               HINT_EXPORT))
    return out


def _declarations(declared: str, needs_xmp: bool, xmp: Xmp | None, xmp_error: Message | None,
                  info_version: str | None) -> list[PdfxProblem]:  # fmt: skip
    """Where the version is declared: the XMP (X-4, X-5) and Info must say it, alike."""
    out = _xmp_declares(declared, xmp, xmp_error) if needs_xmp else []
    if info_version and xmp is not None and xmp.version and info_version != xmp.version:
        out.append(PdfxProblem(msg("Info says GTS_PDFXVersion {info!r}, the XMP metadata "
                                   "{xmp!r}", info=info_version, xmp=xmp.version),
                               HINT_METADATA))
    if not needs_xmp and not info_version:
        out.append(PdfxProblem(msg("{version} needs GTS_PDFXVersion in the Info dictionary",
                                   version=declared), HINT_METADATA))
    return out


def _xmp_declares(declared: str, xmp: Xmp | None,
                  xmp_error: Message | None) -> list[PdfxProblem]:  # fmt: skip
    """PDF/X-4 and later are declared in XMP: there must be XMP, and it must say so."""
    if xmp is None:
        return [PdfxProblem(
            msg("{version} needs an XMP metadata stream in the catalog; there is none "
                "({why})", version=declared, why=xmp_error) if xmp_error else
            msg("{version} needs an XMP metadata stream in the catalog; there is none",
                version=declared), HINT_EXPORT)]
    if not xmp.version:
        return [PdfxProblem(msg("the XMP metadata does not declare {version} (no "
                                "pdfxid:GTS_PDFXVersion)", version=declared), HINT_METADATA)]
    return []


def _info(reader: Any) -> dict[str, Any]:
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else None
    return dict(info) if isinstance(info, dict) else {}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = value.get_object() if hasattr(value, "get_object") else value
    text = str(value)
    if isinstance(value, NameObject):
        text = text[1:]
    return text.strip() or None


# ---------------------------------------------------------------- version


_HEADER = re.compile(rb"%PDF-(\d+)\.(\d+)")


def pdf_version(reader: Any, root: Any) -> tuple[int, int] | None:
    """The effective version: the header's, or the catalog's /Version when later (§7.2.2)."""
    m = _HEADER.match(reader.pdf_header.encode("latin-1", "replace"))
    version = (int(m.group(1)), int(m.group(2))) if m else None
    cat = _text(root.get("/Version"))
    if cat and re.fullmatch(r"\d+\.\d+", cat):
        v = tuple(int(x) for x in cat.split("."))
        if version is None or v > version:
            version = (v[0], v[1])
    return version


def _version_problems(reader: Any, root: Any, declared: str) -> list[PdfxProblem]:
    version = pdf_version(reader, root)
    if version is None or version < (1, 6):
        number = f"{version[0]}.{version[1]}" if version else ""
        return [PdfxProblem(
            msg("the file is PDF {pdf}; {version} needs PDF 1.6 or later",
                pdf=number, version=declared) if version else
            msg("the file is of an unknown PDF version; {version} needs PDF 1.6 or later",
                version=declared), HINT_EXPORT)]
    return []


# ---------------------------------------------------------------- XMP


def _read_xmp(root: Any, budget: Budget) -> tuple[Xmp | None, Message | None]:
    """The catalog's XMP packet parsed, or None and why (None: no /Metadata at all)."""
    ref = root.get("/Metadata")
    if ref is None:
        return None, None
    stream = ref.get_object()
    if not hasattr(stream, "get_data"):
        return None, msg("/Metadata is not a stream")
    data = stream.get_data()
    budget.spend_bytes(len(data))
    if len(data) > MAX_XMP_BYTES:
        return None, msg("its {size:.0f} MiB are more than an XMP packet holds",
                         size=len(data) / 1024**2)
    try:
        tree = ET.fromstring(_strip_packet(data))
    except ET.ParseError as exc:
        line, col = exc.position
        return None, msg("the metadata stream is not well-formed XML (line {line}, column "
                         "{col})", line=line, col=col)
    return Xmp(
        version=_xmp_value(tree, "pdfxid", "GTS_PDFXVersion"),
        title=_xmp_title(tree),
        create=_xmp_value(tree, "xmp", "CreateDate"),
        modify=_xmp_value(tree, "xmp", "ModifyDate"),
        trapped=_xmp_value(tree, "pdf", "Trapped"),
    ), None


def _strip_packet(data: bytes) -> bytes:
    """Drop the <?xpacket?> wrapper and a BOM: the XML inside is what is parsed."""
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        start = data.find(b"<rdf:RDF")
    end_meta = data.rfind(b"</x:xmpmeta>")
    if start >= 0 and end_meta > start:
        return data[start:end_meta + len(b"</x:xmpmeta>")]
    end_rdf = data.rfind(b"</rdf:RDF>")
    if start >= 0 and end_rdf > start:
        return data[start:end_rdf + len(b"</rdf:RDF>")]
    return data.lstrip(b"\xef\xbb\xbf")


def _xmp_value(tree: ET.Element, prefix: str, name: str) -> str | None:
    """A simple property, written as an element or as an attribute of rdf:Description."""
    tag = f"{{{NS[prefix]}}}{name}"
    for desc in tree.iter(f"{{{NS['rdf']}}}Description"):
        if tag in desc.attrib:
            return desc.attrib[tag].strip() or None
    for el in tree.iter(tag):
        text = "".join(el.itertext()).strip()
        if text:
            return text
    return None


def _xmp_title(tree: ET.Element) -> str | None:
    """dc:title's x-default alternative (or its first)."""
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for title in tree.iter(f"{{{NS['dc']}}}title"):
        items = list(title.iter(f"{{{NS['rdf']}}}li"))
        for li in items:
            if li.get(lang) == "x-default":
                return (li.text or "").strip() or None
        if items:
            return (items[0].text or "").strip() or None
    return None


# ---------------------------------------------------------------- Info in step with XMP


def _title_and_dates(info: dict[str, Any], xmp: Xmp | None) -> list[PdfxProblem]:
    out = _title(info, xmp)
    for key, label, xmp_value in (("/CreationDate", "xmp:CreateDate", xmp.create if xmp else None),
                                  ("/ModDate", "xmp:ModifyDate", xmp.modify if xmp else None)):
        out += _info_date(info, key, label, xmp_value, xmp is not None)
    return out


def _title(info: dict[str, Any], xmp: Xmp | None) -> list[PdfxProblem]:
    title = _text(info.get("/Title"))
    if not title:
        return [PdfxProblem(msg("no document title (Info /Title); PDF/X requires one"),
                            HINT_METADATA)]
    if xmp is not None and xmp.title != title:
        shown = repr(xmp.title) if xmp.title else msg("nothing")
        return [PdfxProblem(msg("Info /Title {title!r} and XMP dc:title ({xmp}) differ",
                                title=title, xmp=shown), HINT_METADATA)]
    return []


def _info_date(info: dict[str, Any], key: str, label: str, xmp_value: str | None,
               with_xmp: bool) -> list[PdfxProblem]:  # fmt: skip
    """Info's `key` must be a date; with XMP, the same instant as its `label`."""
    raw = _text(info.get(key))
    when = parse_pdf_date(raw) if raw else None
    if when is None:
        return [PdfxProblem(
            msg("Info {key} is not a date ({value!r}); PDF/X requires it", key=key,
                value=raw) if raw else
            msg("Info {key} is missing; PDF/X requires it", key=key), HINT_METADATA)]
    if not with_xmp:
        return []
    other = parse_xmp_date(xmp_value) if xmp_value else None
    if other is None or not _same_instant(when, other):
        shown = repr(xmp_value) if xmp_value else msg("nothing")
        return [PdfxProblem(msg("Info {key} ({value}) and XMP {label} ({xmp}) differ",
                                key=key, value=raw, label=label, xmp=shown), HINT_METADATA)]
    return []


def _trapped(info: dict[str, Any], xmp: Xmp | None) -> list[PdfxProblem]:
    value = _text(info.get("/Trapped"))
    if value not in ("True", "False"):
        return [PdfxProblem(
            msg("Info /Trapped is /{value}; PDF/X needs /True or /False", value=value) if value
            else msg("Info /Trapped is missing; PDF/X needs /True or /False"), HINT_TRAPPED)]
    if xmp is not None and xmp.trapped is not None and xmp.trapped != value:
        return [PdfxProblem(msg("Info /Trapped /{value} and XMP pdf:Trapped {xmp!r} differ",
                                value=value, xmp=xmp.trapped), HINT_METADATA)]
    return []


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                       r"(?:(Z)|([+\-])(\d{2})'?(\d{2})?'?)?")
_XMP_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                       r"(?:(Z)|([+\-])(\d{2}):(\d{2}))?)?)?)?$")


def _date(groups: tuple[str | None, ...]) -> _dt.datetime | None:
    """A date from the regular expressions' groups: y m d h m s, then the zone's Z or
    sign, hours, minutes; missing parts are the earliest (§7.9.4)."""
    y, mo, d, h, mi, s = (int(g or default)
                          for g, default in zip(groups[:6], (0, 1, 1, 0, 0, 0), strict=True))
    try:
        when = _dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        return None
    zone = _zone(*groups[6:])
    return when.replace(tzinfo=zone) if zone is not None else when


def _zone(z: str | None, sign: str | None, tzh: str | None,
          tzm: str | None) -> _dt.tzinfo | None:  # fmt: skip
    if z:
        return _dt.UTC
    if not sign:
        return None
    offset = _dt.timedelta(hours=int(tzh or 0), minutes=int(tzm or 0))
    return _dt.timezone(offset if sign == "+" else -offset)


def parse_pdf_date(text: str) -> _dt.datetime | None:
    """A PDF date string (§7.9.4), or None when it is not one."""
    m = _PDF_DATE.match(text.strip())
    return _date(m.groups()) if m else None


def parse_xmp_date(text: str) -> _dt.datetime | None:
    """An XMP (ISO 8601 subset) date, or None."""
    m = _XMP_DATE.match(text.strip())
    return _date(m.groups()) if m else None


def _same_instant(a: _dt.datetime, b: _dt.datetime) -> bool:
    if (a.tzinfo is None) != (b.tzinfo is None):  # one without a zone: compare as written
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a == b


# ---------------------------------------------------------------- OutputIntent


def _output_intent(root: Any, declared: str) -> list[PdfxProblem]:
    pdfx = _pdfx_intents(root)
    if not pdfx:
        return [PdfxProblem(msg("no PDF/X OutputIntent (/S /GTS_PDFX) in the document catalog"),
                            HINT_INTENT)]
    intent = pdfx[0]
    out = []
    ident = _text(intent.get("/OutputConditionIdentifier"))
    if not ident:
        out.append(PdfxProblem(msg("the PDF/X OutputIntent has no OutputConditionIdentifier"),
                               HINT_INTENT))
    registered = bool(ident) and ident != "Custom" and bool(_text(intent.get("/RegistryName")))
    if not _has_profile(intent, declared) and (declared.startswith(_XMP_VERSIONS)
                                               or not registered):
        out.append(PdfxProblem(msg("the PDF/X OutputIntent has no DestOutputProfile (the ICC "
                                   "profile of the printing condition)"), HINT_INTENT))
    return out


def _pdfx_intents(root: Any) -> list[Any]:
    """The catalog's OutputIntents whose /S is /GTS_PDFX."""
    intents = root.get("/OutputIntents")
    intents = intents.get_object() if intents is not None else None
    pdfx = []
    for entry in intents if isinstance(intents, list) else []:
        entry = entry.get_object()
        if isinstance(entry, dict) and entry.get("/S") == "/GTS_PDFX":
            pdfx.append(entry)
    return pdfx


def _has_profile(intent: Any, declared: str) -> bool:
    """An embedded ICC profile, or (PDF/X-4p) a reference to one."""
    return intent.get("/DestOutputProfile") is not None or (
        declared.startswith("PDF/X-4p") and intent.get("/DestOutputProfileRef") is not None)
