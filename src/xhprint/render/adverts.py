"""Place a supplied PDF advert on a page, vector as supplied (no ReportLab).

Takes a pypdf page of a PdfWriter and the advert's file; places the advert's first
page on it as a form XObject, scaled uniformly into the target rectangle, centred,
and clipped to the advert's trim area. Fonts, images and colour spaces of the
advert are copied as they are — preflight checks them, render never rewrites them
(outputs.md: "images inside supplied PDF adverts stay as supplied").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.images.adverts import page_box, page_rotation
from xhprint.render.compat import add_object

if TYPE_CHECKING:
    from pypdf import PageObject, Transformation
    from pypdf.generic import IndirectObject


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
    from pypdf import Transformation

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
    """Draw the first page of `ad_pdf` into `page` at x_pdf, y_pdf (lower-left), w×h pt.

    The advert goes in as a form XObject, as layout programs place a PDF: its content
    streams copied as they are (never parsed and rewritten), its resources cloned, its
    /BBox its trim area (so the advert's own crop marks and bleed stay hidden), and
    one `q … cm /AdN Do Q` added to the page.
    """
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject, RectangleObject, StreamObject

    ad = PdfReader(ad_pdf, strict=False).pages[0]
    box = page_box(ad)
    writer = page.indirect_reference.pdf if page.indirect_reference is not None else None
    if writer is None:
        raise ValueError("the page must belong to a PdfWriter")
    form = StreamObject()
    form.set_data(_content_bytes(ad))
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject(box),
    })
    resources = ad.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.get_object().clone(writer)
    form = form.flate_encode()
    form_ref = add_object(writer, form)
    res = page.get("/Resources")
    res = res.get_object() if res is not None else None
    if res is None:
        res = DictionaryObject()
        page[NameObject("/Resources")] = res
    xobjects = res.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else None
    if xobjects is None:
        xobjects = DictionaryObject()
        res[NameObject("/XObject")] = xobjects
    name = NameObject(f"/Ad{len(xobjects) + 1}")
    xobjects[name] = form_ref
    ctm = advert_transformation(box, page_rotation(ad), x_pdf, y_pdf, w, h).ctm
    draw = StreamObject()
    draw.set_data(("q " + " ".join(_num(v) for v in ctm) + f" cm {name} Do Q\n").encode())
    _append_contents(page, add_object(writer, draw))


def _num(v: float) -> str:
    """A PDF number, short and deterministic."""
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _content_bytes(page: PageObject) -> bytes:
    """The page's content streams decoded and joined (a blank line between: a stream may
    end in the middle of a token, PDF 32000 §7.8.2)."""
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    return b"\n".join(s.get_object().get_data() for s in streams)


def _append_contents(page: PageObject, stream_ref: IndirectObject) -> None:
    """Add a content stream after the page's own (drawn over them)."""
    from pypdf.generic import ArrayObject, NameObject

    contents = page.get("/Contents")
    if contents is None:
        page[NameObject("/Contents")] = stream_ref
        return
    current = contents.get_object()
    if isinstance(current, ArrayObject):
        current.append(stream_ref)
    else:
        page[NameObject("/Contents")] = ArrayObject([contents, stream_ref])
