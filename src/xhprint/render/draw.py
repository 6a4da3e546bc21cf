"""Drawing one page's elements on a ReportLab canvas, shared by the print and digital renders.

Takes a `LaidOutPage` and a `PageGeometry`; returns what must be done after the
canvas is finished (advert boxes to merge with pypdf, link areas). Elements are
drawn in the order layout gives them, so layout decides what lies on top.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from xhprint.model.frame import (
    FillRect,
    ImageBox,
    LaidOutPage,
    PdfPlacement,
    QRSymbol,
    RuleLine,
    TextLine,
)
from xhprint.render.compat import embed_jpeg as compat_embed_jpeg
from xhprint.render.geometry import PageGeometry, Rect
from xhprint.render.ink import set_fill, set_stroke
from xhprint.render.qr import draw_qr
from xhprint.render.resources import Resources, needed_chars

#: the thinnest stroke we draw: 0.1 mm (preflight `hairline`) is 0.283 pt.
MIN_RULE_PT = 0.3


@dataclass(frozen=True)
class PendingAdvert:
    """An advert box to fill after the canvas is done (PDF space, bottom-left origin)."""

    page_index: int
    placement: PdfPlacement
    rect: Rect


class MissingCollaborator(RuntimeError):
    """A page needs a collaborator (text emitter, image preparer) the resources lack."""


def draw_page(
    canvas: Any,
    page: LaidOutPage,
    page_index: int,
    geom: PageGeometry,
    text: Any,
    prepare_image: Any,
    digital: bool,
    qr_memo: MutableMapping[str, Any] | None = None,
) -> list[PendingAdvert]:
    """Draw every element of `page` in order.

    `text` is the document's TextEmitter; `prepare_image(source, crop, w_pt, h_pt)`
    returns JPEG bytes.
    """
    adverts: list[PendingAdvert] = []
    run: list[TextLine] = []  # consecutive text lines: one colour state for all of them
    for el in page.elements:
        if isinstance(el, TextLine):
            if text is None:
                raise MissingCollaborator("a text emitter is needed to draw text lines")
            run.append(el)
            continue
        if run:
            # the emitter sets the lines' colour (and overprint for black) itself
            text.draw(run, geom.x(0), geom.y(0))
            run = []
        if isinstance(el, PdfPlacement):
            adverts.append(PendingAdvert(page_index, el, geom.rect(el.x, el.y, el.w, el.h)))
        else:
            _draw_element(canvas, el, geom, prepare_image, digital, qr_memo)
    if run:
        text.draw(run, geom.x(0), geom.y(0))
    return adverts


def _draw_element(canvas: Any, el: object, geom: PageGeometry, prepare_image: Any,
                  digital: bool, qr_memo: MutableMapping[str, Any] | None) -> None:  # fmt: skip
    """A rule, tint, photo or QR symbol (link areas are the digital edition's annotations)."""
    if isinstance(el, RuleLine):
        canvas.saveState()
        set_stroke(canvas, el.color, digital)
        canvas.setLineWidth(max(el.width, MIN_RULE_PT))
        canvas.setLineCap(0)
        canvas.line(geom.x(el.x1), geom.y(el.y1), geom.x(el.x2), geom.y(el.y2))
        canvas.restoreState()
    elif isinstance(el, FillRect):
        x0, y0, x1, y1 = geom.bleed_extended(el.x, el.y, el.w, el.h)
        canvas.saveState()
        set_fill(canvas, el.color, digital)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canvas.restoreState()
    elif isinstance(el, ImageBox):
        _draw_image(canvas, el, geom, prepare_image)
    elif isinstance(el, QRSymbol):
        x0, y0, _, _ = geom.rect(el.x, el.y, el.size, el.size)
        draw_qr(canvas, el.data, x0, y0, el.size, digital, qr_memo)


def _draw_image(canvas: Any, box: ImageBox, geom: PageGeometry, prepare_image: Any) -> None:
    """Place the prepared JPEG at its frame, clipped to the frame.

    A frame that touches the trim edge is extended into the bleed; the crop is
    widened by the same amount of picture where the source has it, so the bleed
    shows real picture rather than a stretched one.
    """
    if prepare_image is None:
        raise MissingCollaborator("an image preparer is needed to draw photos")
    fx0, fy0, fx1, fy1 = geom.rect(box.x, box.y, box.w, box.h)
    cx0, cy0, cx1, cy1 = geom.bleed_extended(box.x, box.y, box.w, box.h)
    crop, (dx0, dy0, dx1, dy1) = _extend_crop(
        box, (fx0 - cx0, fy0 - cy0, cx1 - fx1, cy1 - fy1), (fx0, fy0, fx1, fy1)
    )
    jpeg = prepare_image(box.source, crop, dx1 - dx0, dy1 - dy0)
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(cx0, cy0, cx1 - cx0, cy1 - cy0)
    canvas.clipPath(path, stroke=0, fill=0)
    embed_jpeg(canvas, jpeg, dx0, dy0, dx1 - dx0, dy1 - dy0)
    canvas.restoreState()


def embed_jpeg(canvas: Any, jpeg: bytes, x: float, y: float, w: float, h: float) -> None:
    """Draw JPEG bytes as a DCTDecode image XObject, stored once per distinct JPEG.

    ReportLab's `drawImage` decodes the whole JPEG to RGB just to name it and then
    ASCII85-encodes the stream (its pure-Python encoder, ~0.2 s per MB, and pypdf
    pays as much again to decode it in preflight). PDF streams may be binary
    (PDF 32000-1 §7.3.8), so the JPEG goes in as it is, named by its digest.
    """
    name = "jpeg" + hashlib.sha256(jpeg).hexdigest()[:24]
    compat_embed_jpeg(canvas, jpeg, name, x, y, w, h)


def _extend_crop(box: ImageBox, grow: Rect, frame: Rect) -> tuple[tuple[int, int, int, int], Rect]:
    """Widen `box.crop` by `grow` (left, bottom, right, top in pt), limited by the source size.

    Returns the new crop and the PDF rect it is drawn at (same scale as the frame).
    """
    left, top, right, bottom = box.crop
    if not any(grow):
        return box.crop, frame
    sx = box.w / (right - left)
    sy = box.h / (bottom - top)
    width, height = oriented_size(box.source)
    gl = min(left, math.ceil(grow[0] / sx))
    gb = min(height - bottom, math.ceil(grow[1] / sy))
    gr = min(width - right, math.ceil(grow[2] / sx))
    gt = min(top, math.ceil(grow[3] / sy))
    crop = (left - gl, top - gt, right + gr, bottom + gb)
    x0, y0, x1, y1 = frame
    return crop, (x0 - gl * sx, y0 - gb * sy, x1 + gr * sx, y1 + gt * sy)


def oriented_size(path: Path) -> tuple[int, int]:
    """Pixel size after EXIF orientation (crop boxes are in that space)."""
    with Image.open(path) as im:
        w, h = im.size
        # EXIF 0x0112 values 5..8 turn the picture a quarter (Exif 2.32 §4.6.4 Orientation)
        if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
            return h, w
        return w, h


def make_text(canvas: Any, pages: Sequence[LaidOutPage], resources: Resources) -> Any:
    """The document's text emitter, given every character it will draw (shared subsets)."""
    lines = [e for p in pages for e in p.elements if isinstance(e, TextLine)]
    if not lines:
        return None
    if resources.text is None:
        raise MissingCollaborator("a text emitter is needed to draw text lines")
    return resources.text(canvas, needed_chars(lines))
