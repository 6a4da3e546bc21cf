"""Each PDF check of preflight.md fires on a crafted PDF and stays quiet on a good one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from crafted_pdfs import MARKS, build_pdf, cmyk_image, good_content, ukai
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from xhprint.model.template import PreflightLimits
from xhprint.preflight.pdf_checks import check_pdf

OFF = (3 + MARKS) * mm  # the trimmed page's origin on the MediaBox


def checks(findings) -> set[str]:
    return {f.check for f in findings}


def only(findings, check: str):
    hits = [f for f in findings if f.check == check]
    assert hits, f"{check} did not fire: {[f.describe() for f in findings]}"
    return hits


def with_good(extra):
    """A good page plus one defect drawn by `extra`."""

    def draw(c: Canvas) -> None:
        good_content(c)
        extra(c)

    return draw


# --- quiet on a good PDF -------------------------------------------------------------


@pytest.mark.parametrize("profile", ["newsprint", "digital", "ad"])
def test_good_pdf_has_no_findings(good_pdf: Path, profile: str) -> None:
    found = check_pdf(good_pdf, profile, trim_mm=(100, 100))
    assert found == [], [f.describe() for f in found]


def test_good_pdf_really_contains_what_is_checked(good_pdf: Path) -> None:
    """The quiet result is not from reading nothing: tighten limits and each check fires."""
    strict = PreflightLimits(min_image_ppi=400, max_tac=150, min_text_pt=10, hairline_mm=0.5)
    found = check_pdf(good_pdf, limits=strict)
    assert {"image-ppi", "tac", "min-text-size", "hairline"} <= checks(found)
    tac = only(found, "tac")[0].message
    assert "image" in tac and "200 %" in tac
    assert "305 ppi" in only(found, "image-ppi")[0].message


# --- each check fires -----------------------------------------------------------------


def test_font_not_embedded(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica", 10)
        c.drawString(OFF + 5 * mm, OFF + 50 * mm, "Bank advert")

    found = check_pdf(build_pdf(tmp_path / "a.pdf", with_good(draw)))
    hit = only(found, "font-embedding")
    assert hit[0].severity == "error" and "Helvetica" in hit[0].message
    assert hit[0].page == 1 and hit[0].pdf == str(tmp_path / "a.pdf")


def test_font_not_embedded_inside_form_xobject(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.beginForm("logo")
        c.setFont("Courier-Bold", 10)
        c.drawString(OFF + 5 * mm, OFF + 50 * mm, "LOGO")
        c.endForm()
        c.doForm("logo")

    found = check_pdf(build_pdf(tmp_path / "a.pdf", with_good(draw)), label="ads/bank.pdf")
    hit = only(found, "font-embedding")
    assert "Courier-Bold" in hit[0].message and hit[0].pdf == "ads/bank.pdf"


def test_rgb_image_without_output_intent(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        rgb = ImageReader(Image.new("RGB", (400, 400), (200, 30, 30)))
        c.drawImage(rgb, OFF + 60 * mm, OFF + 60 * mm, 30 * mm, 30 * mm)

    bad = build_pdf(tmp_path / "rgb.pdf", with_good(draw), output_intent=False)
    found = check_pdf(bad)
    hit = only(found, "colour-space")
    assert hit[0].severity == "warning" and "RGB" in hit[0].message and "image" in hit[0].message
    # newsprint: output-intent (warning) and pdfx (error); ad: the output-intent warning
    assert "no PDF/X OutputIntent" in only(found, "pdfx")[0].message
    assert "output-intent" in checks(check_pdf(bad, "ad"))
    # With an OutputIntent the RIP converts RGB: no colour-space finding.
    ok = build_pdf(tmp_path / "rgb-oi.pdf", with_good(draw), output_intent=True)
    assert "colour-space" not in checks(check_pdf(ok))
    # The digital profile does not care about RGB nor the OutputIntent.
    assert checks(check_pdf(bad, "digital")) == set()


def test_inline_image_is_checked_not_called_damaged(tmp_path: Path) -> None:
    # BI … ID … EI: pypdf hands the walker its settings and data as a dict
    def draw(c: Canvas) -> None:
        c.drawInlineImage(Image.new("RGB", (20, 20), (200, 30, 30)),
                          OFF + 60 * mm, OFF + 60 * mm, 30 * mm, 30 * mm)  # fmt: skip

    pdf = build_pdf(tmp_path / "inline.pdf", with_good(draw), output_intent=False)
    assert b"BI" in PdfReader(pdf).pages[0].get_contents().get_data()  # really inline
    found = check_pdf(pdf)
    assert "pdf-unreadable" not in checks(found)
    space = only(found, "colour-space")
    assert "an inline image is RGB" in space[0].message
    # 20 px over 30 mm is 17 ppi
    assert "an inline image is 17 ppi" in only(found, "image-ppi")[0].message


def test_low_resolution_image(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        # 100 px over 100/60 inch = 60 ppi.
        c.drawImage(cmyk_image(100, (0, 0, 0, 128)), OFF + 50 * mm, OFF + 50 * mm,
                    100 / 60 * 25.4 * mm, 100 / 60 * 25.4 * mm)  # fmt: skip

    pdf = build_pdf(tmp_path / "lo.pdf", with_good(draw))
    hit = only(check_pdf(pdf), "image-ppi")
    assert hit[0].severity == "error" and "60 ppi" in hit[0].message
    assert "image-ppi" not in checks(check_pdf(pdf, "digital"))


def test_cmyk_image_over_tac(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.drawImage(cmyk_image(300, (204, 204, 204, 204)), OFF + 60 * mm, OFF + 60 * mm,
                    25 * mm, 25 * mm)  # fmt: skip

    hit = only(check_pdf(build_pdf(tmp_path / "tac.pdf", with_good(draw))), "tac")
    assert len(hit) == 1 and hit[0].severity == "error" and "320 %" in hit[0].message


def test_tac_ignores_a_stray_pixel(tmp_path: Path) -> None:
    img = Image.new("CMYK", (200, 200), (128, 128, 128, 127))
    img.putpixel((51, 51), (255, 255, 255, 255))  # one 400 % dot among 200 %

    def draw(c: Canvas) -> None:
        c.drawImage(ImageReader(img), OFF + 60 * mm, OFF + 60 * mm, 15 * mm, 15 * mm)

    assert "tac" not in checks(check_pdf(build_pdf(tmp_path / "dot.pdf", with_good(draw))))


def test_vector_fill_over_tac(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(1, 1, 1, 0.2)
        c.rect(OFF + 5 * mm, OFF + 5 * mm, 20 * mm, 20 * mm, stroke=0, fill=1)

    hit = only(check_pdf(build_pdf(tmp_path / "v.pdf", with_good(draw))), "tac")
    assert "fill" in hit[0].message and "320 %" in hit[0].message


def test_page_without_trimbox(tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "nt.pdf", trimbox=False)
    hit = only(check_pdf(pdf), "page-boxes")
    assert hit[0].severity == "error" and "TrimBox" in hit[0].message
    assert "page-boxes" not in checks(check_pdf(pdf, "ad"))
    assert "page-boxes" not in checks(check_pdf(pdf, "digital"))


def test_bleed_of_1mm(tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "b1.pdf", bleed_mm=1.0)
    hit = only(check_pdf(pdf), "page-boxes")
    assert "1.0 mm" in hit[0].message and "3 mm" in hit[0].message
    assert "page-boxes" not in checks(check_pdf(pdf, "ad"))


def test_trim_differs_from_requested(tmp_path: Path) -> None:
    ad = tmp_path / "ad.pdf"
    c = Canvas(str(ad), pagesize=(70 * mm, 90 * mm), invariant=1)  # MediaBox only
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont(ukai(), 12)
    c.drawString(5 * mm, 45 * mm, "廣告")
    c.save()
    assert check_pdf(ad, "ad") == [f for f in check_pdf(ad, "ad") if f.check == "output-intent"]
    assert "page-boxes" not in checks(check_pdf(ad, "ad", trim_mm=(70, 90)))
    assert "page-boxes" not in checks(check_pdf(ad, "ad", trim_mm=(70.4, 89.6)))  # ±0.5 mm
    hit = only(check_pdf(ad, "ad", trim_mm=(90, 70)), "page-boxes")
    assert hit[0].severity == "error" and "70.0×90.0 mm" in hit[0].message
    assert "90×70" in hit[0].message


def test_encrypted_pdf(good_pdf: Path, tmp_path: Path) -> None:
    w = PdfWriter(clone_from=good_pdf)
    w.encrypt("secret", algorithm="AES-128")
    enc = tmp_path / "enc.pdf"
    w.write(enc)
    found = check_pdf(enc)
    assert [(f.check, f.severity) for f in found] == [("pdf-unreadable", "error")]
    assert "encrypted" in found[0].message


def test_garbage_and_truncated(good_pdf: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"GIF89a not a pdf at all" * 100)
    assert "not a PDF" in only(check_pdf(junk), "pdf-unreadable")[0].message
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good_pdf.read_bytes()[: good_pdf.stat().st_size // 2])
    found = check_pdf(cut)
    assert checks(found) == {"pdf-unreadable"} and "truncated" in found[0].message
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                       b"trailer << /Root 1 0 R >>\n%%EOF\n")  # fmt: skip
    assert checks(check_pdf(broken)) == {"pdf-unreadable"}
    assert checks(check_pdf(tmp_path / "missing.pdf")) == {"pdf-unreadable"}


def test_hairline(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(0.05 * mm)
        c.line(OFF + 5 * mm, OFF + 40 * mm, OFF + 95 * mm, OFF + 40 * mm)

    hit = only(check_pdf(build_pdf(tmp_path / "h.pdf", with_good(draw))), "hairline")
    assert hit[0].severity == "warning" and "0.05 mm" in hit[0].message


def test_thin_width_filled_but_not_stroked_is_not_a_hairline(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.setLineWidth(0.01 * mm)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.rect(OFF + 5 * mm, OFF + 5 * mm, 10 * mm, 10 * mm, stroke=0, fill=1)

    assert "hairline" not in checks(check_pdf(build_pdf(tmp_path / "f.pdf", with_good(draw))))


def test_text_under_5pt(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(ukai(), 4)
        c.drawString(OFF + 5 * mm, OFF + 30 * mm, "小字")

    hit = only(check_pdf(build_pdf(tmp_path / "s.pdf", with_good(draw))), "min-text-size")
    assert hit[0].severity == "warning" and "4.0 pt" in hit[0].message


def test_text_size_includes_the_ctm_scale(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.saveState()
        c.translate(OFF + 5 * mm, OFF + 30 * mm)
        c.scale(0.4, 0.4)  # 10 pt × 0.4 = 4 pt on paper
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(ukai(), 10)
        c.drawString(0, 0, "縮小")
        c.restoreState()

    hit = only(check_pdf(build_pdf(tmp_path / "sc.pdf", with_good(draw))), "min-text-size")
    assert "4.0 pt" in hit[0].message


@pytest.mark.parametrize(
    ("colour", "fires"),
    [
        ((0.4, 0.4, 0.4, 1), True),
        ("rgb-black", True),
        ((0, 0, 0, 1), False),
        ((0, 0, 0, 0.6), False),
    ],
)
def test_rich_black_small_text(tmp_path: Path, colour, fires: bool) -> None:
    def draw(c: Canvas) -> None:
        if colour == "rgb-black":
            c.setFillColorRGB(0, 0, 0)
        else:
            c.setFillColorCMYK(*colour)
        c.setFont(ukai(), 8)
        c.drawString(OFF + 5 * mm, OFF + 30 * mm, "正文")

    pdf = build_pdf(tmp_path / "rb.pdf", with_good(draw))
    found = check_pdf(pdf)
    assert ("rich-black-text" in checks(found)) is fires
    if fires:
        assert "8.0 pt" in only(found, "rich-black-text")[0].message
    assert "rich-black-text" not in checks(check_pdf(pdf, "digital"))


def test_spot_colour(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.setFillColor(CMYKColorSep(0, 0.8, 0.8, 0, spotName="PANTONE 185 C"))
        c.rect(OFF + 5 * mm, OFF + 5 * mm, 10 * mm, 10 * mm, stroke=0, fill=1)

    for profile in ("newsprint", "digital"):
        hit = only(
            check_pdf(build_pdf(tmp_path / "sp.pdf", with_good(draw)), profile), "colour-space"
        )
        assert "PANTONE" in hit[0].message and hit[0].severity == "warning"


def _strip_tounicode(src: Path, dst: Path) -> Path:
    w = PdfWriter(clone_from=src)
    for page in w.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop(NameObject("/ToUnicode"), None)
    w.write(dst)
    return dst


def test_font_without_tounicode(good_pdf: Path, tmp_path: Path) -> None:
    bad = _strip_tounicode(good_pdf, tmp_path / "ntu.pdf")
    hit = only(check_pdf(bad), "font-unicode")
    assert hit[0].severity == "warning" and "UKai" in hit[0].message
    assert only(check_pdf(bad, "digital"), "font-unicode")[0].severity == "error"


def test_oversized_digital_pdf(good_pdf: Path) -> None:
    tiny = PreflightLimits(max_digital_mb=0.001)
    hit = only(check_pdf(good_pdf, "digital", limits=tiny), "digital-size")
    assert hit[0].severity == "warning" and "MB" in hit[0].message
    assert "digital-size" not in checks(check_pdf(good_pdf, "newsprint", limits=tiny))
    assert "digital-size" not in checks(check_pdf(good_pdf, "digital"))


def test_missing_output_intent(tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "noi.pdf", output_intent=False)
    assert [f.check for f in check_pdf(pdf, "ad")] == ["output-intent"]
    # newsprint: the warning preflight.md lists, and `pdfx` for the PDF/X requirement
    assert [(f.check, f.severity) for f in check_pdf(pdf)] == [("output-intent", "warning"),
                                                              ("pdfx", "error")]
    assert check_pdf(pdf, "digital") == []


def test_many_pages_report_the_page(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        good_content(c)
        if c.getPageNumber() == 3:
            c.setFont("Helvetica", 10)
            c.drawString(OFF + 5 * mm, OFF + 50 * mm, "p3")

    found = check_pdf(build_pdf(tmp_path / "p.pdf", draw, pages=4))
    assert [(f.check, f.page) for f in found] == [("font-embedding", 3)]


def test_reads_from_bytes_written_by_reportlab_only(tmp_path: Path) -> None:
    """A plain ReportLab PDF with no boxes at all: each missing box is its own finding."""
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.showPage()
    c.save()
    p = tmp_path / "plain.pdf"
    p.write_bytes(buf.getvalue())
    msgs = sorted(f.message for f in check_pdf(p) if f.check == "page-boxes")
    assert msgs == ["page has no BleedBox", "page has no TrimBox"]
    assert len(PdfReader(p).pages) == 1


def test_font_in_annotation_appearance(good_pdf: Path, tmp_path: Path) -> None:
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NumberObject

    w = PdfWriter(clone_from=good_pdf)
    helv = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Times-Bold")})  # fmt: skip
    ap = DecodedStreamObject()
    ap.set_data(b"BT /Tb 9 Tf (x) Tj ET")
    ap[NameObject("/Subtype")] = NameObject("/Form")
    ap[NameObject("/BBox")] = ArrayObject([NumberObject(v) for v in (0, 0, 50, 20)])
    ap[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/Tb"): w._add_object(helv)})}
    )
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FreeText"),
        NameObject("/Rect"): ArrayObject([NumberObject(v) for v in (50, 50, 100, 70)]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): w._add_object(ap)}),
    })  # fmt: skip
    w.pages[0][NameObject("/Annots")] = ArrayObject([w._add_object(annot)])
    w.write(tmp_path / "annot.pdf")
    hit = only(check_pdf(tmp_path / "annot.pdf"), "font-embedding")
    assert "Times-Bold" in hit[0].message


# --- bytes or a file ------------------------------------------------------------------


def test_bytes_are_checked_as_the_file_is(good_pdf: Path, tmp_path: Path) -> None:
    """A build checks the PDF it rendered without writing it; the findings are the file's."""
    bad = _strip_tounicode(good_pdf, tmp_path / "ntu.pdf")
    strict = PreflightLimits(min_image_ppi=400, max_tac=150, min_text_pt=10, hairline_mm=0.5)
    from_file = check_pdf(bad, limits=strict, label="ads/x.pdf")
    assert {"font-unicode", "image-ppi", "tac", "min-text-size"} <= checks(from_file)
    assert check_pdf(bad.read_bytes(), limits=strict, label="ads/x.pdf") == from_file
    unnamed = check_pdf(bad.read_bytes(), limits=strict)
    assert {f.pdf for f in unnamed} == {"PDF"}
    cut = good_pdf.read_bytes()[: good_pdf.stat().st_size // 2]
    found = check_pdf(cut, label="cut.pdf")
    assert [(f.check, f.pdf) for f in found] == [("pdf-unreadable", "cut.pdf")]
    assert "truncated" in found[0].message
    assert "not a PDF" in only(check_pdf(b"GIF89a" * 300), "pdf-unreadable")[0].message


def test_a_file_over_the_bounds_is_not_read(good_pdf: Path) -> None:
    from xhprint.preflight.pdf_bounds import PdfBounds

    tiny = PdfBounds(max_file_bytes=1000)
    found = check_pdf(good_pdf, "digital", limits=PreflightLimits(max_digital_mb=0.0001),
                      bounds=tiny)
    assert [f.check for f in found] == ["digital-size", "pdf-unreadable"]
    assert "too large to check within bounds: file is" in found[1].message
    assert check_pdf(good_pdf.read_bytes(), bounds=tiny)[0].message == found[1].message
