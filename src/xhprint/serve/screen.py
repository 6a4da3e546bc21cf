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
import struct
import zlib
from collections import OrderedDict
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from xhprint.model.frame import LaidOutPage, LinkArea, TextLine
from xhprint.model.template import Template
from xhprint.render.digital_pdf import render_trimmed
from xhprint.render.resources import Resources, font_text, needed_chars
from xhprint.store import Store

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


class IssueText:
    """The text emitter for screen pictures, fed the whole issue's characters.

    One emitter factory per font book is kept across rebuilds, so its memo keeps the
    fonts loaded for a character set (~0.05 s a picture otherwise); each page's
    characters are kept too and only a changed page's are counted again.
    """

    def __init__(self) -> None:
        self._book: object | None = None
        self._factory: Any = None
        self._needs: dict[int, dict[str, set[str]]] = {}

    def forget(self) -> None:
        """Count every page again next time (after a rebuild that did not finish)."""
        self._needs = {}

    def resources(self, pages: Sequence[LaidOutPage], changed: Collection[int],
                  base: Resources, book: object, store: Store | Path) -> Resources:
        """`base` whose text emitter subsets the fonts for every page in `pages`; the pages
        not in `changed` are those of the previous call, unchanged."""
        if book is not self._book:
            self._book, self._factory, self._needs = book, font_text(book, store), {}
        self._count(pages, changed)
        chars = self._issue_chars()
        factory = self._factory

        def text(canvas: Any, _needed: dict[str, set[str]]) -> Any:
            return factory(canvas, chars)

        return replace(base, text=text)

    def _count(self, pages: Sequence[LaidOutPage], changed: Collection[int]) -> None:
        """Each page's characters by face: counted for a changed or new page, kept for the
        others, dropped for a page no longer in the issue."""
        for p in pages:
            if p.number in changed or p.number not in self._needs:
                self._needs[p.number] = needed_chars(
                    e for e in p.elements if isinstance(e, TextLine))
        numbers = {p.number for p in pages}
        self._needs = {n: v for n, v in self._needs.items() if n in numbers}

    def _issue_chars(self) -> dict[str, set[str]]:
        """The characters of every page, by face: what each font subset holds."""
        chars: dict[str, set[str]] = {}
        for needs in self._needs.values():
            for face, found in needs.items():
                chars.setdefault(face, set()).update(found)
        return chars


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
        bitmap = pdf_page.render(scale=scale, rev_byteorder=True)  # RGB, no alpha: a page
        try:
            png = rgb_png(bitmap.width, bitmap.height, bitmap.n_channels, bitmap.stride,
                          bytes(bitmap.buffer))
            size = (bitmap.width, bitmap.height)
        finally:
            bitmap.close()
            pdf_page.close()
    finally:
        doc.close()
    return png, *size


def rgb_png(width: int, height: int, channels: int, stride: int, pixels: bytes) -> bytes:
    """An 8-bit RGB PNG of a raster (rows `stride` bytes apart, `channels` bytes a pixel).

    Written here rather than by Pillow for the editor's wait: rows unfiltered and deflated
    at level 1 take ~0.065 s for a broadsheet page at 1.5 px/pt, Pillow's level 1 ~0.09 s,
    and the file is smaller (a page is mostly flat paper). No metadata: same pixels, same
    bytes.
    """
    row_bytes = width * 3
    packer = zlib.compressobj(PNG_LEVEL)
    chunks = []
    for y in range(height):
        row = pixels[y * stride:y * stride + width * channels]
        if channels != 3:  # RGBx → RGB
            row = b"".join(row[i:i + 3] for i in range(0, len(row), channels))
        assert len(row) == row_bytes
        chunks.append(packer.compress(b"\x00" + row))
    data = b"".join(chunks) + packer.flush()

    def chunk(tag: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + tag + body
                + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit truecolour
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


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
        """The page's picture: from the cache, else drawn (with `IssueText` resources)."""
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
