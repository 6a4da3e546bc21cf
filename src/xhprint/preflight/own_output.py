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
from dataclasses import dataclass
from pathlib import Path

from xhprint.model import AdItem, Finding, Issue, SourceRef
from xhprint.model.frame import ImageBox, LaidOutPage, PdfPlacement
from xhprint.preflight.pdf_places import Placed
from xhprint.render.geometry import PageGeometry

#: a PDF check and the source check that reports the same problem at its source
SAME_PROBLEM = {"image-ppi": "low-res-image"}
_RANK = {"warning": 0, "error": 1}


@dataclass(frozen=True)
class _Named:
    """How the user named each placed file: photos and adverts by path, adverts' lines."""

    photos: dict[Path, str]
    adverts: dict[Path, str]
    advert_refs: dict[Path, SourceRef | None]

    @classmethod
    def of(cls, issue: Issue) -> _Named:
        ads = [it for pg in issue.pages for it in pg.items if isinstance(it, AdItem)]
        refs: dict[Path, SourceRef | None] = {}
        for it in ads:
            refs.setdefault(it.path, it.ref)  # the first item that places the file
        return cls({p.file: p.rel for story in issue.stories.values() for p in story.photos},
                   {it.path: it.rel for it in ads}, refs)


def placements(issue: Issue, pages: Sequence[LaidOutPage], geom: PageGeometry) -> tuple[Placed, ...]:
    """Every photo and advert of `pages` (in PDF page order) where `geom` draws it."""
    named = _Named.of(issue)
    out: list[Placed] = []
    for index, page in enumerate(pages, start=1):
        for el in page.elements:
            if isinstance(el, ImageBox):
                out.append(_image(el, index, geom, named))
            elif isinstance(el, PdfPlacement):
                rel = named.adverts.get(el.source, el.item or el.source.name)
                out.append(Placed(index, geom.rect(el.x, el.y, el.w, el.h), "pdf-advert", rel,
                                  el.item or rel, named.advert_refs.get(el.source)))
    return tuple(out)


def _image(el: ImageBox, index: int, geom: PageGeometry, named: _Named) -> Placed:
    """A photo, or an advert supplied as an image."""
    # drawn clipped to its frame, pushed into the bleed where it touches the trim
    rect = geom.bleed_extended(el.x, el.y, el.w, el.h)
    if el.source in named.adverts:
        return Placed(index, rect, "image-advert", named.adverts[el.source], el.item, el.ref)
    rel = named.photos.get(el.source, el.source.name)
    return Placed(index, rect, "photo", rel, el.item, el.ref)


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
    return _said_of_the_advert(f, e)


def _said_of_the_advert(f: Finding, e: Finding) -> bool:
    """Does the advert check's `e` (pdf and item: the advert's path) say what `f` says?"""
    is_advert_finding = e.pdf is not None and e.pdf == e.item
    if not is_advert_finding or e.check != f.check or e.page != f.page:
        return False
    # named by our placement (the advert's path), or unplaced but the very same words
    return f.item == e.item or (f.item is None and f.message == e.message)
