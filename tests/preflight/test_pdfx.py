"""`pdfx`: a crafted PDF/X-4 page passes; taking away each requirement in turn is caught,
once, with a message of its own (preflight.md "pdfx")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from crafted_pdfs import XMP, build_pdf, good_content
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from xhprint.preflight.pdf_checks import check_pdf
from xhprint.preflight.pdf_pdfx import parse_pdf_date, parse_xmp_date

Edit = Callable[[PdfWriter], None]


def _info(**entries: object) -> Edit:
    def edit(w: PdfWriter) -> None:
        for k, v in entries.items():
            key = NameObject(f"/{k}")
            if v is None:
                del w._info[key]
            else:
                w._info[key] = v if isinstance(v, NameObject) else TextStringObject(str(v))
    return edit


def _xmp(text: str) -> Edit:
    def edit(w: PdfWriter) -> None:
        stream = w._root_object["/Metadata"].get_object()
        assert isinstance(stream, DecodedStreamObject)
        stream.set_data(text.encode("utf-8"))
    return edit


def _intent(drop: str | None = None, **entries: str) -> Edit:
    def edit(w: PdfWriter) -> None:
        intent = w._root_object["/OutputIntents"][0].get_object()
        if drop:
            del intent[NameObject(drop)]
        for k, v in entries.items():
            intent[NameObject(f"/{k}")] = NameObject(v)
    return edit


def _set(attr: str, value: object) -> Edit:
    return lambda w: setattr(w, attr, value)


def _del_metadata(w: PdfWriter) -> None:
    del w._root_object["/Metadata"]


def _helvetica(c: Canvas) -> None:
    good_content(c)
    c.setFont("Helvetica", 10)
    c.drawString(20 * mm, 60 * mm, "not embedded")


def errors(found: list) -> list:
    """The errors (without a TrimBox the 4 pt slug counts as page text: a warning too)."""
    return [f for f in found if f.severity == "error"]


# (case, build_pdf options, the check that catches it, a part of its message)
CASES: list[tuple[str, dict, str, str]] = [
    ("not declared", {"pdfx": False}, "pdfx", "does not declare PDF/X"),
    ("PDF 1.4 header", {"edit": _set("pdf_header", "%PDF-1.4")}, "pdfx",
     "the file is PDF 1.4; PDF/X-4 needs PDF 1.6 or later"),
    ("no XMP stream", {"edit": _del_metadata}, "pdfx",
     "PDF/X-4 needs an XMP metadata stream in the catalog"),
    ("XMP without GTS_PDFXVersion", {"edit": _xmp(XMP.replace(' pdfxid:GTS_PDFXVersion="PDF/X-4"', ""))},
     "pdfx", "the XMP metadata does not declare PDF/X-4"),
    ("Info version differs", {"edit": _info(GTS_PDFXVersion="PDF/X-3:2002")}, "pdfx",
     "Info says GTS_PDFXVersion 'PDF/X-3:2002', the XMP metadata 'PDF/X-4'"),
    ("no title", {"edit": _info(Title=None)}, "pdfx", "no document title (Info /Title)"),
    ("title out of step", {"edit": _info(Title="Another page")}, "pdfx",
     "Info /Title 'Another page' and XMP dc:title ('Crafted page') differ"),
    ("no CreationDate", {"edit": _info(CreationDate=None)}, "pdfx",
     "Info /CreationDate is missing"),
    ("ModDate out of step", {"edit": _info(ModDate="D:20231003000000Z")}, "pdfx",
     "Info /ModDate (D:20231003000000Z) and XMP xmp:ModifyDate ('2023-10-02T09:30:00+08:00') differ"),
    ("Trapped Unknown", {"edit": _info(Trapped=NameObject("/Unknown"))}, "pdfx",
     "Info /Trapped is /Unknown; PDF/X needs /True or /False"),
    ("no Trapped", {"edit": _info(Trapped=None)}, "pdfx", "Info /Trapped is missing"),
    ("Trapped out of step", {"edit": _info(Trapped=NameObject("/True"))}, "pdfx",
     "Info /Trapped /True and XMP pdf:Trapped 'False' differ"),
    ("no OutputIntent", {"output_intent": False}, "pdfx", "no PDF/X OutputIntent (/S /GTS_PDFX)"),
    ("OutputIntent not GTS_PDFX", {"edit": _intent(S="/GTS_PDFA1")}, "pdfx",
     "no PDF/X OutputIntent (/S /GTS_PDFX)"),
    ("no DestOutputProfile", {"edit": _intent("/DestOutputProfile")}, "pdfx",
     "the PDF/X OutputIntent has no DestOutputProfile"),
    ("no OutputConditionIdentifier", {"edit": _intent("/OutputConditionIdentifier")}, "pdfx",
     "the PDF/X OutputIntent has no OutputConditionIdentifier"),
    ("no /ID", {"edit": _set("_ID", None)}, "pdfx", "no document /ID in the trailer"),
    ("no TrimBox", {"trimbox": False}, "page-boxes", "page has no TrimBox"),
    ("no BleedBox", {"bleed_mm": None}, "page-boxes", "page has no BleedBox"),
    ("font not embedded", {"draw": _helvetica}, "font-embedding",
     "font Helvetica (Type1) is not embedded"),
    ("encrypted", {"edit": lambda w: w.encrypt("secret", algorithm="AES-128")},
     "pdf-unreadable", "the PDF is encrypted"),
]


@pytest.fixture(scope="module")
def found_by_case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Each case's crafted PDF checked once; the errors it gave."""
    folder = tmp_path_factory.mktemp("pdfx")
    return {case: errors(check_pdf(build_pdf(folder / f"{i}.pdf", **options)))
            for i, (case, options, _check, _m) in enumerate(CASES)}


@pytest.mark.parametrize(("case", "check", "message"), [(c, k, m) for c, _o, k, m in CASES],
                         ids=[c[0] for c in CASES])
def test_each_missing_requirement_is_one_finding(found_by_case, case: str, check: str,
                                                 message: str) -> None:
    found = found_by_case[case]
    assert [f.check for f in found] == [check], [f.describe() for f in found]
    assert message in found[0].message
    assert found[0].hint


def test_every_requirement_has_its_own_message(found_by_case) -> None:
    messages = {found[0].message for found in found_by_case.values()}
    # two cases are the same problem (no PDF/X OutputIntent): one message for both
    assert len(messages) == len(CASES) - 1


def test_crafted_pdfx4_passes_and_pdfx_is_a_newsprint_check(tmp_path: Path) -> None:
    good = build_pdf(tmp_path / "good.pdf")
    assert check_pdf(good) == []
    plain = build_pdf(tmp_path / "plain.pdf", pdfx=False)
    assert [f.check for f in check_pdf(plain)] == ["pdfx"]
    assert check_pdf(plain, "ad") == [] and check_pdf(plain, "digital") == []


def test_pdfx1a_from_another_tool_is_judged_by_its_own_rules(tmp_path: Path) -> None:
    """PDF/X-1a:2001: PDF 1.3, declared in Info only, a registered output condition
    without an embedded profile. It is good for newsprint; no XMP or PDF 1.6 is asked."""
    def x1a(w: PdfWriter) -> None:
        w.pdf_header = "%PDF-1.3"
        del w._root_object["/Metadata"]
        w._info[NameObject("/GTS_PDFXVersion")] = TextStringObject("PDF/X-1a:2001")
        intent = w._root_object["/OutputIntents"][0].get_object()
        del intent["/DestOutputProfile"]
        intent[NameObject("/OutputConditionIdentifier")] = TextStringObject("FOGRA39")
        intent[NameObject("/RegistryName")] = TextStringObject("http://www.color.org")

    pdf = build_pdf(tmp_path / "x1a.pdf", edit=x1a)
    assert check_pdf(pdf) == []
    # …but an unregistered ("Custom") condition needs its profile in PDF/X-1a too.
    custom = build_pdf(tmp_path / "x1a-custom.pdf",
                       edit=lambda w: (x1a(w), _intent(OutputConditionIdentifier="/Custom")(w)))
    (f,) = check_pdf(custom)
    assert "no DestOutputProfile" in f.message


def test_dates_compare_as_instants() -> None:
    assert parse_pdf_date("D:20231002083000+08'00'") == parse_xmp_date("2023-10-02T00:30:00Z")
    assert parse_pdf_date("D:2023") is not None and parse_pdf_date("2023-10-02") is None
    assert parse_xmp_date("2023-13-02") is None
