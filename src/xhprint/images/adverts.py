"""Supplied adverts: probe the file (PDF first page or image) and fit it to its booked box.

Takes an advert file; returns an `AdvertInfo` (size in pt) or a Finding:
`pdf-unreadable` for a PDF that cannot be parsed or is encrypted, `bad-image` for an
image advert that cannot be decoded (preflight.md). Fitting scales the advert
uniformly — never distorted — centred in the box, and reports an `ad-size` warning
when its aspect ratio differs from the box by more than 2 % (manifest.md §2).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from xhprint.i18n import Message, msg
from xhprint.i18n.system import os_reason
from xhprint.images.probe import ImageInfo, probe_image
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

if TYPE_CHECKING:
    from pypdf import PdfReader

AD_ASPECT_TOLERANCE = 0.02  # manifest.md §2 "Other item keys"
PT_PER_INCH = 72.0
# Image adverts without a resolution tag: assume print resolution for their pt size.
DEFAULT_AD_PPI = 300.0
# Bounds on the first page we place (preflight.md: bounded time and memory). A real
# advert page is a few MiB of content at most and nests forms a few levels deep.
MAX_AD_CONTENT_BYTES = 16 * 1024**2  # decoded content stream of the first page
MAX_AD_FORM_DEPTH = 16  # nested form XObjects
MAX_AD_FORMS = 5000  # form XObjects visited on the first page
MAX_AD_PAGES = 2000  # as preflight's PdfBounds.max_pages: beyond it the ad check refuses


@dataclass(frozen=True)
class AdvertInfo:
    """An advert's visible size in pt (PDF: first page's trim area, rotation applied)."""

    kind: str  # pdf | image
    width: float  # pt
    height: float  # pt
    box: tuple[float, float, float, float] | None = None  # PDF: llx, lly, urx, ury used
    rotate: int = 0  # PDF: /Rotate of the first page, normalised to 0/90/180/270
    image: ImageInfo | None = None


class AdFit(NamedTuple):
    """Where an advert lands in its box (unpacks as a tuple)."""

    x: float  # pt from the box's left
    y: float  # pt from the box's top
    w: float
    h: float
    aspect_diff: float  # |ad aspect / box aspect − 1|


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"%PDF-" in fh.read(1024)  # header may follow junk (PDF 32000-1 §7.5.2 note)


def page_box(page) -> tuple[float, float, float, float]:
    """The advert's visible area: TrimBox, else CropBox, else MediaBox (PDF §14.11.2)."""
    for key in ("/TrimBox", "/CropBox", "/MediaBox"):
        if key in page:
            box = page[key]
            x0, y0, x1, y1 = (float(v) for v in box)
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    raise ValueError("page has no MediaBox")


def page_rotation(page) -> int:
    rotate = page.get("/Rotate", 0)
    try:
        return int(rotate) % 360 // 90 * 90
    except (TypeError, ValueError):
        return 0


def _has_eof(path: Path) -> bool:
    """PDF 32000-1 §7.5.5: the last line is %%EOF (some writers add a little junk after it)."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 2048))
        return b"%%EOF" in fh.read()


def _content_problem(page, reader: PdfReader) -> Message | None:
    """Why the first page cannot be placed within bounds, or None.

    Placing the page parses its content stream (pypdf ContentStream, as the merger
    does) and keeps its form XObjects; a stream over MAX_AD_CONTENT_BYTES, one pypdf
    refuses to tokenise, or forms that draw themselves or nest too deep are refused
    here, before layout, rather than failing or hanging while rendering.
    """
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is not None:
        data = contents.get_data()
        if len(data) > MAX_AD_CONTENT_BYTES:
            return msg("the first page's content stream is {size:.0f} MiB; an advert may have "
                       "at most {max} MiB", size=len(data) / 1024**2,
                       max=MAX_AD_CONTENT_BYTES // 1024**2)
        ContentStream(contents, reader)  # raises PyPdfError (LimitReachedError …) if unparsable
    return _forms_problem(page.get("/Resources"))


def _forms_problem(resources) -> Message | None:
    """Walk form XObjects depth-first with a path set: a cycle or a deep nest is a problem."""
    seen = 0
    stack: list[tuple[Any, tuple[int, ...], int]] = [(resources, (), 0)]
    while stack:
        res, path, depth = stack.pop()
        for name, key, form in _forms_in(res):
            if key is not None and key in path:
                return msg("form XObject {name} draws itself (a reference cycle)",
                           name=name[1:])
            if depth + 1 > MAX_AD_FORM_DEPTH:
                return msg("form XObjects nest deeper than {n} levels", n=MAX_AD_FORM_DEPTH)
            seen += 1
            if seen > MAX_AD_FORMS:
                return msg("the first page uses more than {n} form XObjects", n=MAX_AD_FORMS)
            stack.append((form.get("/Resources"), (*path, key) if key is not None else path,
                          depth + 1))
    return None


def _forms_in(resources) -> Iterator[tuple[str, int | None, Any]]:
    """(name, object number or None when direct, form dictionary) of each form XObject a
    resource dictionary names; nothing when it names none or is not a dictionary."""
    res = resources.get_object() if resources is not None else None
    xobjects = res.get("/XObject") if res is not None and hasattr(res, "get") else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if xobjects is None or not hasattr(xobjects, "items"):
        return
    for name, ref in xobjects.items():
        obj = ref.get_object()
        if hasattr(obj, "get") and obj.get("/Subtype") == "/Form":
            yield name, getattr(ref, "idnum", None), obj


def _unreadable(rel: str, ref: SourceRef | None, problem: Message) -> Finding:
    return Finding(
        check="pdf-unreadable", severity="error",
        message=msg("{path}: {problem}", path=rel, problem=problem), where=ref,
        item=rel, pdf=rel,
        hint=msg("ask the advertiser for an unencrypted PDF (PDF/X-1a or PDF/X-4)"),
    )


def probe_advert(path: Path, rel: str, ref: SourceRef | None) -> AdvertInfo | Finding:
    """Check that an advert can be placed and return its size."""
    try:
        if path.stat().st_size == 0:
            return Finding("bad-image", "error",
                           msg("{path}: {problem}", path=rel,
                               problem=msg("the file is empty (0 bytes)")), ref,
                           item=rel, hint=msg("supply the advert as PDF, JPEG, PNG or TIFF"))
        is_pdf = _is_pdf(path)
    except OSError as exc:
        return Finding("missing-file", "error",
                       msg("{path}: {problem}", path=rel, problem=os_reason(exc)), ref, item=rel)
    if not is_pdf:
        return _image_advert(path, rel, ref)
    if not _has_eof(path):  # pypdf would log a repair attempt on stderr
        return _unreadable(rel, ref, msg("cannot be read (no %%EOF marker at its end: the file "
                                         "is truncated or damaged)"))
    return _pdf_advert(path, rel, ref)


def _image_advert(path: Path, rel: str, ref: SourceRef | None) -> AdvertInfo | Finding:
    """An image advert: probed as a photo, its pt size at DEFAULT_AD_PPI."""
    info = probe_image(path, rel, ref)
    if isinstance(info, Finding):
        return info
    return AdvertInfo("image", info.width * PT_PER_INCH / DEFAULT_AD_PPI,
                      info.height * PT_PER_INCH / DEFAULT_AD_PPI, image=info)


def _pdf_advert(path: Path, rel: str, ref: SourceRef | None) -> AdvertInfo | Finding:
    """A PDF advert: its first page's visible size, rotation applied, once the document
    and the page have been found placeable within bounds."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path, strict=False)
        problem = _document_problem(reader)
        if problem:
            return _unreadable(rel, ref, problem)
        page = reader.pages[0]
        x0, y0, x1, y1 = page_box(page)
        problem = _content_problem(page, reader)
        if problem:
            return _unreadable(rel, ref, problem)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError):
        # (the PDF library's own words are English and name its internals: left out)
        return _unreadable(rel, ref, msg("cannot be read: the PDF structure is damaged"))
    w, h = x1 - x0, y1 - y0
    if w <= 0 or h <= 0:
        return _unreadable(rel, ref, msg("the first page is empty ({w:g}×{h:g} pt)", w=w, h=h))
    rotate = page_rotation(page)
    if rotate in (90, 270):
        w, h = h, w
    return AdvertInfo("pdf", w, h, (x0, y0, x1, y1), rotate)


def _document_problem(reader: PdfReader) -> Message | None:
    """Why the document cannot give an advert page at all (encrypted, no pages, or too
    many to check), or None."""
    if reader.is_encrypted:
        return msg("the PDF is encrypted")
    if len(reader.pages) == 0:
        return msg("the PDF has no pages")
    if len(reader.pages) > MAX_AD_PAGES:
        return msg("the PDF has {n:,} pages; an advert is its first page, and a file of over "
                   "{max:,} pages is refused unchecked", n=len(reader.pages), max=MAX_AD_PAGES)
    return None


def fit_advert(ad_w: float, ad_h: float, box_w: float, box_h: float) -> AdFit:
    """Scale uniformly to fit the box, centred; never distorted."""
    if min(ad_w, ad_h, box_w, box_h) <= 0:
        raise ValueError(f"empty advert or box: {ad_w}×{ad_h} in {box_w}×{box_h}")
    scale = min(box_w / ad_w, box_h / ad_h)
    w, h = ad_w * scale, ad_h * scale
    diff = abs((ad_w / ad_h) / (box_w / box_h) - 1.0)
    return AdFit((box_w - w) / 2, (box_h - h) / 2, w, h, diff)


def ad_size_finding(fit: AdFit, rel: str, ref: SourceRef | None = None,
                    page: int | None = None,
                    tolerance: float = AD_ASPECT_TOLERANCE) -> Finding | None:
    """The `ad-size` warning when the advert's shape differs from its booked box."""
    if fit.aspect_diff <= tolerance:
        return None
    return Finding(
        check="ad-size", severity="warning",
        message=msg("{path}: aspect ratio differs from the booked box by {diff:.1f} %; scaled to "
                    "{w:.1f}×{h:.1f} mm and centred", path=rel, diff=fit.aspect_diff * 100,
                    w=fit.w / 72 * 25.4, h=fit.h / 72 * 25.4),
        where=ref, page=page, item=rel,
        hint=msg("book a box of the advert's proportions or ask for an advert of the box's size"),
    )
