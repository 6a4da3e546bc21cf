"""`outside-bleed`: what prints beyond the BleedBox or over the marks is an error; printer's
marks (text and lines wholly outside the bleed) and clipped-away content are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from crafted_pdfs import MARKS, build_pdf, cmyk_image, good_content, ukai
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from xhprint.preflight.pdf_checks import check_pdf

OFF = (3 + MARKS) * mm  # the trim's origin on the MediaBox; the bleed starts 3 mm before it
SIZE = 100 * mm + 2 * OFF  # the MediaBox is square


def with_good(extra):
    def draw(c: Canvas) -> None:
        good_content(c)
        extra(c)
    return draw


def bleed_findings(tmp_path: Path, extra, profile: str = "newsprint"):
    found = check_pdf(build_pdf(tmp_path / "x.pdf", with_good(extra)), profile)
    return [f for f in found if f.check == "outside-bleed"]


def test_image_over_the_slug_and_crop_marks(tmp_path: Path) -> None:
    # From 1 mm to 40 mm: over the slug (at 2 mm) and the bottom-left crop mark.
    (f,) = bleed_findings(tmp_path, lambda c: c.drawImage(
        cmyk_image(300, (0, 0, 0, 100)), 1 * mm, 1 * mm, 39 * mm, 39 * mm))
    assert (f.severity, f.page) == ("error", 1)
    assert f.message.startswith("image ") and " runs 9.0 mm past the BleedBox at the " in f.message
    assert f.message.endswith(", over the slug line and the crop marks")
    assert f.hint and "inside the bleed" in f.hint


def test_clipped_to_the_bleed_is_quiet(tmp_path: Path) -> None:
    def clipped(c: Canvas) -> None:
        c.saveState()
        p = c.beginPath()
        p.rect(OFF - 3 * mm, OFF - 3 * mm, 40 * mm, 40 * mm)  # from the bleed edge inwards
        c.clipPath(p, stroke=0, fill=0)
        c.drawImage(cmyk_image(300, (0, 0, 0, 100)), 1 * mm, 1 * mm, 39 * mm, 39 * mm)
        c.restoreState()

    assert bleed_findings(tmp_path, clipped) == []


def test_text_running_past_the_right_bleed(tmp_path: Path) -> None:
    def text(c: Canvas) -> None:
        c.setFont(ukai(), 9)
        c.drawString(OFF + 90 * mm, OFF + 50 * mm, "徐匯報徐匯")  # 5 em = 15.875 mm

    (f,) = bleed_findings(tmp_path, text)
    # 90 + 15.9 mm from the trim's left edge; the bleed ends at 103 mm.
    assert f.message == "text in UKaiCN-0 runs 2.9 mm past the BleedBox at the right"
    # Beyond the MediaBox nothing prints: a longer line is measured to the sheet's edge.
    (f,) = bleed_findings(tmp_path, lambda c: (c.setFont(ukai(), 9), c.drawString(
        OFF + 90 * mm, OFF + 50 * mm, "徐匯報徐匯報徐匯報徐匯報")))
    assert f.message == "text in UKaiCN-0 runs 10.0 mm past the BleedBox at the right"


def test_text_that_ends_inside_is_quiet(tmp_path: Path) -> None:
    def text(c: Canvas) -> None:
        c.setFont(ukai(), 9)
        c.drawString(OFF + 60 * mm, OFF + 50 * mm, "徐匯報徐匯報徐匯報徐匯報")  # ends at 98.1 mm

    assert bleed_findings(tmp_path, text) == []


def test_shape_and_line_past_the_top(tmp_path: Path) -> None:
    def shapes(c: Canvas) -> None:
        c.setFillColorCMYK(0, 1, 1, 0)
        c.rect(OFF + 10 * mm, OFF + 95 * mm, 20 * mm, 10 * mm, stroke=0, fill=1)  # to 105 mm
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(0.5)
        c.line(OFF + 50 * mm, OFF + 90 * mm, OFF + 50 * mm, OFF + 103.5 * mm)  # 0.5 mm past

    found = sorted(f.message for f in bleed_findings(tmp_path, shapes))
    assert found == ["a filled shape runs 2.0 mm past the BleedBox at the top",
                     "a line runs 0.6 mm past the BleedBox at the top"]


def test_within_tolerance_and_white_paint_are_quiet(tmp_path: Path) -> None:
    def quiet(c: Canvas) -> None:
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(0.3)
        c.line(OFF + 50 * mm, OFF + 90 * mm, OFF + 50 * mm, OFF + 103 * mm)  # ends at the edge
        c.setFillColorCMYK(0, 0, 0, 0)  # paper white: no ink anywhere
        c.rect(0, 0, SIZE, SIZE, stroke=0, fill=1)

    assert bleed_findings(tmp_path, quiet) == []


def test_image_in_the_marks_area(tmp_path: Path) -> None:
    (f,) = bleed_findings(tmp_path, lambda c: c.drawImage(
        cmyk_image(60, (0, 0, 0, 100)), SIZE - 8 * mm, 40 * mm, 6 * mm, 6 * mm))
    assert f.message.startswith("image ")
    assert f.message.endswith(" lies outside the BleedBox, in the marks area")


def test_form_xobject_clips_to_its_bbox(tmp_path: Path) -> None:
    """A form is clipped to its /BBox (PDF 32000 §8.10.1): what it draws beyond is not shown."""
    def form(bbox_top: float):
        def draw(c: Canvas) -> None:
            c.beginForm("F", 0, 0, 50 * mm, bbox_top)
            c.setFillColorCMYK(0, 1, 0, 0)
            c.rect(0, 0, 50 * mm, 80 * mm, stroke=0, fill=1)
            c.endForm()
            c.saveState()
            c.translate(OFF + 10 * mm, OFF + 40 * mm)  # the rect would reach 120 mm
            c.doForm("F")
            c.restoreState()
        return draw

    assert bleed_findings(tmp_path, form(60 * mm)) == []  # clipped at 100 mm: inside
    (f,) = bleed_findings(tmp_path, form(70 * mm))  # clipped at 110 mm
    assert f.message == "a filled shape runs 7.0 mm past the BleedBox at the top"


@pytest.mark.parametrize("profile", ["ad", "digital"])
def test_only_the_newsprint_profile_checks_the_bleed(tmp_path: Path, profile: str) -> None:
    over = lambda c: c.drawImage(cmyk_image(300, (0, 0, 0, 100)), 1 * mm, 1 * mm, 39 * mm, 39 * mm)  # noqa: E731
    assert bleed_findings(tmp_path, over, profile) == []
