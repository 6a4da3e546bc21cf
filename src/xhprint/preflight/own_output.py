"""Checking our own PDFs: name what the user placed, and report each problem once.

When the build checks print/issue.pdf and digital/issue.pdf, every photo and advert
is known from the layout (ImageBox, PdfPlacement) with the file the user named and
the manifest line that placed it. `placements` turns those into `Placed` rectangles
in the PDF's space, so a PDF finding says `photo photos/runners.jpg` at page 2 and
`stories/run.md:4:5`, never `FormXob.jpeg2e7f…`.

`drop_repeats` then keeps one finding per problem, at its source: a low-resolution
photo is `low-res-image` at the story (not `image-ppi` on the PDF as well), and what
the advert check (`ad` profile, build.advert_checks) already said about a supplied
advert is not said again about the page it was merged into.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xhprint.model import AdItem, Finding, Issue, SourceRef
from xhprint.model.frame import ImageBox, LaidOutPage, PdfPlacement
from xhprint.preflight.pdf_places import Placed
from xhprint.render.geometry import PageGeometry

#: a PDF check and the source check that reports the same problem at its source
SAME_PROBLEM = {"image-ppi": "low-res-image"}
_RANK = {"warning": 0, "error": 1}


def placements(issue: Issue, pages: Sequence[LaidOutPage], geom: PageGeometry) -> tuple[Placed, ...]:
    """Every photo and advert of `pages` (in PDF page order) where `geom` draws it."""
    photo_rel = {p.file: p.rel for story in issue.stories.values() for p in story.photos}
    advert_rel = {it.path: it.rel for pg in issue.pages for it in pg.items
                  if isinstance(it, AdItem)}  # fmt: skip
    out: list[Placed] = []
    for index, page in enumerate(pages, start=1):
        for el in page.elements:
            if isinstance(el, ImageBox):
                # drawn clipped to its frame, pushed into the bleed where it touches the trim
                rect = geom.bleed_extended(el.x, el.y, el.w, el.h)
                if el.source in advert_rel:
                    out.append(Placed(index, rect, "image-advert", advert_rel[el.source],
                                      el.item, el.ref))
                else:
                    rel = photo_rel.get(el.source, el.source.name)
                    out.append(Placed(index, rect, "photo", rel, el.item, el.ref))
            elif isinstance(el, PdfPlacement):
                rel = advert_rel.get(el.source, el.item or el.source.name)
                ref = next((it.ref for pg in issue.pages for it in pg.items
                            if isinstance(it, AdItem) and it.path == el.source), None)
                out.append(Placed(index, geom.rect(el.x, el.y, el.w, el.h), "pdf-advert", rel,
                                  el.item or rel, ref))
    return tuple(out)


def whole_advert(rel: str, where: SourceRef | None) -> Placed:
    """A supplied PDF advert checked on its own: all of its first page is the advert, so
    its findings say "an image in advert ads/bank.pdf", not the advertiser's "Im3"."""
    everywhere = (-1e9, -1e9, 1e9, 1e9)
    return Placed(1, everywhere, "pdf-advert", rel, rel, where)


def drop_repeats(pdf_findings: Iterable[Finding], earlier: Sequence[Finding]) -> list[Finding]:
    """`pdf_findings` without those an `earlier` (source, layout or advert) finding already
    reports: the same problem, for the same photo or advert, at least as severe."""
    kept = []
    for f in pdf_findings:
        if not any(_repeats(f, e) for e in earlier):
            kept.append(f)
    return kept


def _repeats(f: Finding, e: Finding) -> bool:
    if _RANK[e.severity] < _RANK[f.severity]:
        return False  # a warning at the source does not hide an error in the PDF
    if e.check == SAME_PROBLEM.get(f.check) and f.where is not None:
        return e.where == f.where and e.item == f.item
    is_advert_finding = e.pdf is not None and e.pdf == e.item
    if not is_advert_finding or e.check != f.check or e.page != f.page:
        return False
    # named by our placement (the advert's path), or unplaced but the very same words
    return f.item == e.item or (f.item is None and f.message == e.message)
