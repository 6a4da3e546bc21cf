"""A laid-out page → a PNG at screen resolution, cached by the page's content.

The page is drawn as the digital edition draws it (render_trimmed: the trimmed page,
photos at the digital resolution, adverts merged) and rasterised by pdfium, as the
proofs are (render/proof.py), so the desk shows what the editions print. The fonts are
subset for the characters of the whole issue, not of the one page: those subsets come
from the font cache (as the watch preview's do, incremental.render_live_pages), where
a subset of the page's own characters would be built anew (~1 s) after every edit.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pypdfium2 as pdfium

from xhprint.model.frame import LaidOutPage, LinkArea, TextLine
from xhprint.model.template import Template
from xhprint.render.digital_pdf import render_trimmed
from xhprint.render.resources import Resources, needed_chars

#: pixels per pt: 108 dpi, where 9 pt body type is 13.5 px — legible without zooming
SCALE = 1.5
#: zlib level 1: a third of level 6's encoding time for a PNG ~1.2× as large (served locally)
PNG_LEVEL = 1


@dataclass(frozen=True)
class ScreenPage:
    """One page's screen image and the scale that maps the page's pt onto its pixels."""

    number: int
    png: bytes
    name: str  # page-NN-<digest>.png: a new name whenever the picture changes
    width: int
    height: int
    scale_x: float  # px per pt
    scale_y: float


def issue_fonts(pages: Sequence[LaidOutPage], resources: Resources) -> Resources:
    """`resources` whose text emitter subsets the fonts for every page of the issue."""
    base = resources.text
    if base is None:
        return resources
    chars = needed_chars(e for p in pages for e in p.elements if isinstance(e, TextLine))

    def text(canvas: Any, _needed: dict[str, set[str]]) -> Any:
        return base(canvas, chars)

    return replace(resources, text=text)


def screen_png(page: LaidOutPage, template: Template, resources: Resources,
               scale: float = SCALE) -> tuple[bytes, int, int]:
    """The page as PNG bytes at `scale` px per pt, and its pixel size.

    Links are left out: a one-page document has no page for them to point at.
    """
    alone = replace(page, elements=tuple(e for e in page.elements if not isinstance(e, LinkArea)))
    writer = render_trimmed([alone], template, resources, title=f"page {page.number}")
    buf = io.BytesIO()
    writer.write(buf)
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        pdf_page = doc[0]
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        pdf_page.close()
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=PNG_LEVEL)
    return out.getvalue(), image.width, image.height


class ScreenImages:
    """Screen PNGs by page content: an unchanged page (or one edited back) is not redrawn.

    The key is the laid-out page itself with a token the caller gives for what the page
    does not hold (the photo and advert files' mtimes, the fonts): the same key, the same
    picture. At most `keep` pictures are kept, the least recently used dropped first.
    """

    def __init__(self, scale: float = SCALE, keep: int = 64):
        self.scale = scale
        self.keep = keep
        self._cache: OrderedDict[tuple[LaidOutPage, Hashable], ScreenPage] = OrderedDict()
        self.rendered = 0  # pictures drawn (not served from the cache), for tests

    def get(self, page: LaidOutPage, token: Hashable, template: Template,
            resources: Resources) -> ScreenPage:
        """The page's picture: from the cache, else drawn (with `issue_fonts` resources)."""
        key = (page, token)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        png, w, h = screen_png(page, template, resources, self.scale)
        self.rendered += 1
        digest = hashlib.sha256(png).hexdigest()[:16]
        found = ScreenPage(page.number, png, f"page-{page.number:02d}-{digest}.png", w, h,
                           w / page.width, h / page.height)
        self._cache[key] = found
        while len(self._cache) > self.keep:
            self._cache.popitem(last=False)
        return found
