"""The digital edition (數字報): trimmed pages with bookmarks, jump links and metadata.

Takes laid-out pages; returns one PDF's bytes. Pages are the trim size with no
marks (MediaBox = trim). Photos are sRGB JPEGs downsampled to the template's
`digital_image_ppi`; rules and tints become RGB (render/ink.py says why); text is
drawn by the shared glyph emitter in its CMYK colour, which screen viewers show as
black. Supplied adverts are merged as supplied. Bookmarks are one per page
(第1版 要聞) with a child per story title (PDF 32000-1 §12.3.3); each LinkArea
becomes a GoTo link to its target page and height (§12.5.6.5, §12.3.2).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.model.frame import LaidOutPage, LinkArea
from xhprint.model.template import Template
from xhprint.render import pdfpost
from xhprint.render.compat import GlyphCanvas as Canvas
from xhprint.render.draw import MissingCollaborator, PendingAdvert, draw_page, make_text
from xhprint.render.geometry import PageGeometry
from xhprint.render.resources import DigitalMeta, Resources
from xhprint.render.split_memo import advert_recipe, finished_kept

if TYPE_CHECKING:
    from pypdf import PdfWriter

#: extra drawing over a finished trimmed page (proof overlays, watermarks)
Decorate = Callable[[Any, LaidOutPage, PageGeometry], None]


def page_title(page: LaidOutPage) -> str:
    """The page's bookmark: its number and section, e.g. 第1版 要聞 (outputs.md)."""
    return f"第{page.number}版 {page.section}".strip()


def _dest_key(page: int, y: float) -> str:
    return f"p{page}-y{y:.2f}"


def render_trimmed(
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    *,
    title: str,
    decorate: Decorate | None = None,
    outline: Sequence[tuple[str, str]] = (),
    digital_images: bool = True,
    canvas_setup: Callable[[Any], None] | None = None,
) -> PdfWriter:
    """Trimmed pages on one invariant canvas, adverts merged; the caller finishes the writer."""
    drawn, adverts = _draw_trimmed(pages, template, resources, title=title, decorate=decorate,
                                   canvas_setup=canvas_setup)
    return _trimmed_writer(drawn, adverts, resources)


def _trimmed_writer(drawn: bytes, adverts: list[PendingAdvert],
                    resources: Resources) -> PdfWriter:  # fmt: skip
    """pypdf's writer over ReportLab's bytes: CropBox = MediaBox, adverts merged."""
    writer = pdfpost.writer_from(drawn)
    for pdf_page in writer.pages:
        pdf_page.cropbox = pdf_page.mediabox
    _merge_adverts(writer, adverts, resources)
    return writer


def _draw_trimmed(
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    *,
    title: str,
    decorate: Decorate | None = None,
    canvas_setup: Callable[[Any], None] | None = None,
) -> tuple[bytes, list[PendingAdvert]]:
    """ReportLab's bytes of the trimmed pages, and the adverts still to merge."""
    geom = PageGeometry.for_digital(template.trim_width, template.trim_height)
    ppi = template.digital_image_ppi

    def prepare(source: Path, crop: tuple[int, int, int, int], w: float, h: float) -> bytes:
        if resources.prepare_digital_image is None:
            raise MissingCollaborator("an image preparer is needed to draw photos")
        return resources.prepare_digital_image(source, crop, w, h, ppi).data

    targets = _link_targets(pages)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(geom.media_w, geom.media_h), invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator(pdfpost.PRODUCER)
    if canvas_setup is not None:
        canvas_setup(canvas)
    text = make_text(canvas, pages, resources)
    adverts: list[PendingAdvert] = []
    for index, page in enumerate(pages):
        adverts += draw_page(canvas, page, index, geom, text, prepare, digital=True,
                             qr_memo=resources.qr_memo)
        _bookmarks_and_links(canvas, page, geom, sorted(targets.get(page.number, ())))
        if decorate is not None:
            decorate(canvas, page, geom)
        canvas.showPage()
    canvas.save()
    return buf.getvalue(), adverts


def _link_targets(pages: Sequence[LaidOutPage]) -> dict[int, set[float]]:
    """Page number → the heights that jump links lead to there (named destinations)."""
    targets: dict[int, set[float]] = {}
    for p in pages:
        for el in p.elements:
            if isinstance(el, LinkArea):
                targets.setdefault(el.target_page, set()).add(el.target_y)
    return targets


def _merge_adverts(writer: PdfWriter, adverts: list[PendingAdvert],
                   resources: Resources) -> None:  # fmt: skip
    if not adverts:
        return
    if resources.merge_advert is None:
        raise MissingCollaborator("an advert merger is needed to place supplied PDFs")
    for ad in adverts:
        x0, y0, x1, y1 = ad.rect
        resources.merge_advert(
            writer.pages[ad.page_index], ad.placement.source, x0, y0, x1 - x0, y1 - y0
        )


def _bookmarks_and_links(
    canvas: Any, page: LaidOutPage, geom: PageGeometry, targets: list[float]
) -> None:
    """Outline entries and named destinations on this page; link annotations from it."""
    key = f"page-{page.number}"
    canvas.bookmarkPage(key, fit="Fit")
    canvas.addOutlineEntry(page_title(page), key, level=0, closed=False)
    for area in page.areas:
        if area.kind != "story" or not area.title:
            continue
        story_key = f"page-{page.number}-{area.id}"
        canvas.bookmarkPage(story_key, fit="XYZ", left=geom.x(area.x), top=geom.y(area.y), zoom=0)
        canvas.addOutlineEntry(area.title, story_key, level=1)
    for y in targets:
        canvas.bookmarkPage(_dest_key(page.number, y), fit="XYZ", left=0, top=geom.y(y), zoom=0)
    for el in page.elements:
        if isinstance(el, LinkArea):
            rect = geom.rect(el.x, el.y, el.w, el.h)
            canvas.linkRect("", _dest_key(el.target_page, el.target_y), rect, thickness=0)


def render_digital(
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    meta: DigitalMeta,
    stories_toc: Sequence[tuple[str, str]] = (),
) -> bytes:
    """The digital edition's bytes; `stories_toc` (id, title) may rename story bookmarks.

    Story bookmarks come from each page's ItemAreas (title); an entry in
    `stories_toc` overrides the title shown for that story id.
    """
    toc = dict(stories_toc)
    if toc:
        pages = [_retitled(p, toc) for p in pages]

    def setup(canvas: Any) -> None:
        canvas.setAuthor(meta.author)
        canvas.setSubject(meta.subject)
        if meta.keywords:  # no empty /Keywords entry
            canvas.setKeywords(", ".join(meta.keywords))
        canvas.showOutline()
        # /Lang: natural language of the document's text, a BCP 47 tag (PDF 32000-1 §14.9.2.1)
        canvas.setCatalogEntry("Lang", meta.lang)

    drawn, adverts = _draw_trimmed(pages, template, resources, title=meta.title,
                                   canvas_setup=setup)
    info = {"Title": meta.title, "Author": meta.author, "Subject": meta.subject,
            pdfpost.EDITION_KEY: "digital"}
    if meta.keywords:
        info["Keywords"] = ", ".join(meta.keywords)

    def finish() -> bytes:
        writer = _trimmed_writer(drawn, adverts, resources)
        pdfpost.set_info(writer, meta.date, **info)
        return pdfpost.finish(writer, f"digital-{meta.title}")

    recipe = advert_recipe(adverts, resources)
    if recipe is None:
        return finish()
    return finished_kept(drawn, ("digital", *recipe, str(meta.date), sorted(info.items())),
                         resources.store, finish)


def _retitled(page: LaidOutPage, toc: dict[str, str]) -> LaidOutPage:
    from dataclasses import replace

    areas = tuple(replace(a, title=toc.get(a.id, a.title)) for a in page.areas)
    return replace(page, areas=areas)
