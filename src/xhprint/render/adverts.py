"""Place a supplied PDF advert on a page, vector as supplied (no ReportLab).

Takes a pypdf page (normally of a PdfWriter) and the advert's file; merges the
advert's first page into it, scaled uniformly into the target rectangle, centred,
and clipped to the advert's trim area. Fonts, images and colour spaces of the
advert are copied as they are — preflight checks them, render never rewrites them
(outputs.md: "images inside supplied PDF adverts stay as supplied").
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, Transformation
from pypdf.generic import RectangleObject

from xhprint.images.adverts import page_box, page_rotation


def advert_transformation(
    box: tuple[float, float, float, float],
    rotate: int,
    x_pdf: float,
    y_pdf: float,
    w: float,
    h: float,
) -> Transformation:
    """Matrix taking the advert page's `box` (shown with /Rotate) into x,y,w,h (PDF space).

    /Rotate turns the page clockwise for display (PDF 32000-1 §7.7.3.3 Table 30);
    pypdf's rotate() is counter-clockwise, hence the negative angle. The scale is
    uniform (the smaller of the two ratios) and the result centred, so an advert is
    never distorted even if the caller's rectangle has another shape.
    """
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    t = Transformation().translate(-x0, -y0)
    # After rotating about the origin, shift the box back into the positive quadrant.
    back = {0: (0.0, 0.0), 90: (0.0, bw), 180: (bw, bh), 270: (bh, 0.0)}[rotate]
    if rotate:
        t = t.rotate(-rotate).translate(*back)
    dw, dh = (bh, bw) if rotate in (90, 270) else (bw, bh)
    s = min(w / dw, h / dh)
    return t.scale(s, s).translate(x_pdf + (w - dw * s) / 2, y_pdf + (h - dh * s) / 2)


def merge_advert(
    page: PageObject, ad_pdf: Path, x_pdf: float, y_pdf: float, w: float, h: float
) -> None:
    """Draw the first page of `ad_pdf` into `page` at x_pdf, y_pdf (lower-left), w×h pt."""
    ad = PdfReader(ad_pdf, strict=False).pages[0]
    box = page_box(ad)
    # pypdf clips merged content to page2's CropBox (its default `page_merge_box`);
    # make that the trim area so crop marks and bleed of the advert stay hidden.
    # This edits only our private copy of the advert page.
    ad.cropbox = RectangleObject(box)
    ad.trimbox = RectangleObject(box)
    ctm = advert_transformation(box, page_rotation(ad), x_pdf, y_pdf, w, h)
    page.merge_transformed_page(ad, ctm, over=True, expand=False)
