"""The print edition: laid-out pages → issue.pdf and page-NN.pdf for the press.

One ReportLab canvas for the whole issue (so font subsets are shared), then
pypdf adds page boxes, merges supplied adverts, attaches the OutputIntent,
declares PDF/X-4 (render/pdfx.py) and splits the pages. Output is deterministic:
invariant canvas, dates from the issue, content-derived /ID.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.model.frame import LaidOutPage
from xhprint.model.template import Template
from xhprint.render import pdfpost
from xhprint.render.compat import GlyphCanvas as Canvas
from xhprint.render.compat import canvas_document
from xhprint.render.draw import MissingCollaborator, PendingAdvert, draw_page, make_text
from xhprint.render.geometry import PageGeometry
from xhprint.render.marks import draw_crop_marks, draw_slug, slug_font, slug_text
from xhprint.render.pdfx import declare_pdfx
from xhprint.render.resources import DEFAULT_ICC, Resources, SlugInfo
from xhprint.render.split_memo import advert_recipe, finished_kept, split_kept

if TYPE_CHECKING:
    from pypdf import PdfWriter


@dataclass(frozen=True)
class RenderedPrint:
    """issue.pdf and one PDF per page (index 0 is page 1), as bytes."""

    issue: bytes
    pages: tuple[bytes, ...]

    def files(self, folder: str = "print") -> dict[str, bytes]:
        """Relative output paths → bytes (outputs.md: print/issue.pdf, print/page-NN.pdf)."""
        out = {f"{folder}/issue.pdf": self.issue}
        for i, data in enumerate(self.pages, start=1):
            out[f"{folder}/page-{i:02d}.pdf"] = data
        return out


def output_icc(template: Template) -> Path:
    return template.icc if template.icc is not None else DEFAULT_ICC


def render_print(
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    slug: SlugInfo,
) -> RenderedPrint:
    """Render every page for print; see the module docstring for what the files carry."""
    issue, profile = _render(pages, pages, len(pages), template, resources, slug)

    def finish_page(writer: PdfWriter, index: int) -> None:
        pdfpost.add_output_intent(writer, profile)
        _declare(writer, slug, f"issue-{slug.issue_number}/page-{index + 1}")

    # what finish_page adds, besides the page: the profile, title, date and identities
    recipe = (hashlib.sha256(profile.deflated).hexdigest(), profile.description,
              print_title(slug), str(slug.date), slug.issue_number, pdfpost.EDITION_KEY)
    split = split_kept(issue, recipe, resources.store,
                       lambda: pdfpost.split_pages(issue, finish_page))
    return RenderedPrint(issue, split)


def render_print_page(
    page: LaidOutPage,
    pages: Sequence[LaidOutPage],
    template: Template,
    resources: Resources,
    slug: SlugInfo,
) -> bytes:
    """One page of the issue as a one-page print PDF: the watch session's live preview.

    It is drawn exactly as in `render_print` (boxes, marks, slug saying 第N版 / 共M版,
    adverts, OutputIntent), but the font subsets are those of every page in `pages`,
    the whole issue: the same character sets as the full build's, so the prepared
    subsets come from the font cache (fonts/prepare.py) instead of a subset being
    built (~1 s) for the page's own, different character set.
    """
    data, _profile = _render([page], pages, len(pages), template, resources, slug)
    return data


def _render(
    pages: Sequence[LaidOutPage],
    font_pages: Sequence[LaidOutPage],
    page_count: int,
    template: Template,
    resources: Resources,
    slug: SlugInfo,
) -> tuple[bytes, pdfpost.IntentProfile]:
    """Draw `pages` in one document whose fonts cover `font_pages`; the finished bytes."""
    geom = PageGeometry.for_print(template.trim_width, template.trim_height, template.bleed)
    icc = output_icc(template)
    limits = template.preflight

    def prepare(source: Path, crop: tuple[int, int, int, int], w: float, h: float) -> bytes:
        if resources.prepare_print_image is None:
            raise MissingCollaborator("an image preparer is needed to draw photos")
        return resources.prepare_print_image(source, crop, w, h, icc, limits.max_tac).data

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(geom.media_w, geom.media_h), invariant=1, pageCompression=1)
    title = print_title(slug)
    canvas.setTitle(title)
    canvas.setCreator(pdfpost.PRODUCER)
    canvas.setAuthor(slug.paper)
    canvas.setSubject(title)
    text = make_text(canvas, font_pages, resources)
    font = None
    if template.print_marks:
        # every page's slug line, so that one page alone embeds the issue's subset
        lines = [slug_text(slug, p.number, page_count) for p in font_pages]
        font = slug_font(resources, slug, lines)
        font.embed(canvas_document(canvas))
    adverts: list[PendingAdvert] = []
    for index, page in enumerate(pages):
        adverts += draw_page(canvas, page, index, geom, text, prepare, digital=False,
                             qr_memo=resources.qr_memo)
        if font is not None:
            draw_crop_marks(canvas, geom)
            draw_slug(canvas, geom, slug_text(slug, page.number, page_count), font)
        canvas.showPage()
    canvas.save()

    drawn = buf.getvalue()
    profile = pdfpost.IntentProfile.load(icc, resources.store)
    identity = f"issue-{slug.issue_number}"

    def finish() -> bytes:
        writer = pdfpost.writer_from(drawn)
        pdfpost.set_boxes(writer, geom.media_box, geom.trim_box, geom.bleed_box)
        _merge_adverts(writer, adverts, resources)
        pdfpost.add_output_intent(writer, profile)
        _declare(writer, slug, identity)
        return pdfpost.finish(writer, identity)

    recipe = advert_recipe(adverts, resources)
    if recipe is None:
        return finish(), profile
    recipe += (geom.media_box, geom.trim_box, geom.bleed_box,
               hashlib.sha256(profile.deflated).hexdigest(), profile.description,
               print_title(slug), str(slug.date), identity, pdfpost.EDITION_KEY)
    return finished_kept(drawn, ("print", *recipe), resources.store, finish), profile


def print_title(slug: SlugInfo) -> str:
    """The document title of every print file: paper and issue number."""
    return f"{slug.paper} 第{slug.issue_number}期"


def _declare(writer: PdfWriter, slug: SlugInfo, identity: str) -> None:
    """PDF/X-4 header, Info and XMP (render/pdfx.py), marked as our print edition."""
    declare_pdfx(writer, print_title(slug), slug.date, identity,
                 **{pdfpost.EDITION_KEY: "print"})


def _merge_adverts(writer: PdfWriter, adverts: list[PendingAdvert],
                   resources: Resources) -> None:  # fmt: skip
    if not adverts:
        return
    if resources.merge_advert is None:
        raise MissingCollaborator("an advert merger is needed to place supplied PDFs")
    for ad in adverts:
        x0, y0, x1, y1 = ad.rect
        page = writer.pages[ad.page_index]
        resources.merge_advert(page, ad.placement.source, x0, y0, x1 - x0, y1 - y0)
