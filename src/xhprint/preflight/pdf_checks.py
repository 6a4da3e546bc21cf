"""Preflight any PDF: the "On the PDF" checks of preflight.md, per profile.

Takes a PDF (its bytes, or a path to read), a profile (newsprint / digital / ad)
and the template limits; returns findings. Nothing here raises for a bad PDF: parse
failures, encryption, and PDFs over the `PdfBounds` come back as `pdf-unreadable`
errors, and the checks run so far are kept.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from xhprint.i18n import Message, msg
from xhprint.i18n.system import os_reason
from xhprint.model.checks import CATALOGUE, PROFILES
from xhprint.model.findings import Finding, Severity
from xhprint.model.template import PreflightLimits
from xhprint.preflight.pdf_bleed import BleedWatch
from xhprint.preflight.pdf_bounds import BoundsExceeded, Budget, PdfBounds
from xhprint.preflight.pdf_colour import Colour, classify
from xhprint.preflight.pdf_content import ContentWalker
from xhprint.preflight.pdf_events import (
    BBox,
    Event,
    ImagePlaced,
    PathPaint,
    Problem,
    SpaceUsed,
    TextShow,
    intersect,
    visible,
)
from xhprint.preflight.pdf_fonts import page_fonts
from xhprint.preflight.pdf_images import TacResult, image_tac, placed_ppi
from xhprint.preflight.pdf_memo import PreflightMemo
from xhprint.preflight.pdf_pagememo import (
    ObjectDigests,
    PageRecord,
    finding_row,
    placed_key,
    replayed,
)
from xhprint.preflight.pdf_pdfx import pdfx_problems
from xhprint.preflight.pdf_places import Placed, locate

MM = 72.0 / 25.4
TRIM_TOLERANCE_MM = 0.5
RICH_BLACK_MAX_PT = 12.0

# preflight.md "On the PDF": severity per profile (newsprint, digital, ad) and the default
# hint of each PDF check, from the one catalogue (model/checks.py).
SEVERITY: dict[str, tuple[Severity | None, Severity | None, Severity | None]] = {
    c.id: c.profiles for c in CATALOGUE.values() if c.profiles is not None}
HINTS: dict[str, Message] = {c.id: c.hint for c in CATALOGUE.values()
                             if c.profiles is not None and c.hint is not None}


HINT_NO_FILE = msg("check the path")
HINT_CANNOT_OPEN = msg("check that the file can be read (permissions, a folder given for a "
                       "file)")
NO_FONT = msg("(no font)")


def severity_for(check: str, profile: str) -> Severity | None:
    """The severity of a check in a profile, or None when the profile skips it."""
    return SEVERITY[check][PROFILES.index(profile)]


@dataclass
class _Collector:
    """Findings of one call, de-duplicated (one finding per check, page and message)."""

    profile: str
    pdf: str
    placed: tuple[Placed, ...] = ()
    findings: list[Finding] = field(default_factory=list)
    _seen: set[tuple[str, int | None, str]] = field(default_factory=set)

    def add(self, check: str, message: Message, page: int | None = None,
            severity: Severity | None = None, hint: Message | None = None,
            at: Placed | None = None) -> None:  # fmt: skip
        """One finding; `at` names the photo or advert it is about (item, where)."""
        sev = severity or severity_for(check, self.profile)
        if sev is None or (check, page, message) in self._seen:
            return
        self._seen.add((check, page, message))
        self.findings.append(
            Finding(check, sev, message, page=page, pdf=self.pdf, hint=hint or HINTS.get(check),
                    item=at.item if at else None, where=at.where if at else None)
        )

    def locate(self, page: int, bbox: BBox | None) -> Placed | None:
        return locate(self.placed, page, bbox)


def _name(what: Message, at: Placed | None) -> Message:
    """`what` (e.g. "image Im0") as the user knows it when it lies in a placement."""
    return at.label(what) if at else what


def check_pdf(
    pdf: bytes | str | Path,
    profile: str = "newsprint",
    limits: PreflightLimits = PreflightLimits(),  # noqa: B008 — frozen, safe as default
    trim_mm: tuple[float, float] | None = None,
    label: str | None = None,
    skip_slug: bool = True,
    bounds: PdfBounds = PdfBounds(),  # noqa: B008 — frozen, safe as default
    memo: PreflightMemo | None = None,
    placed: Sequence[Placed] = (),
) -> list[Finding]:
    """Run every PDF check of `profile` on `pdf`; never raises for a bad PDF.

    `pdf` is the PDF's bytes (a build checks what it rendered, nothing written) or the
    path of a file, which is read first (`xhprint preflight FILE.pdf`, supplied adverts).
    `label` names it in findings (default: the path, or "PDF" for bytes).
    A `memo` (pdf_memo.py) reuses content-stream parses and image TAC results of
    identical bytes from earlier checks; the findings are the same with or without it.
    `placed` (our own output only) names findings by the photo or advert they are in.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    source = pdf if isinstance(pdf, bytes) else Path(pdf)
    name = label or (str(source) if isinstance(source, Path) else "PDF")
    out = _Collector(profile, name, tuple(placed))
    data = _read(source, bounds, limits, out) if isinstance(source, Path) else source
    if data is not None and _bytes_ok(data, bounds, limits, out):
        _check_document(data, out, limits, trim_mm, skip_slug, bounds, memo)
    return out.findings


def _check_document(
    data: bytes, out: _Collector, limits: PreflightLimits, trim_mm: tuple[float, float] | None,
    skip_slug: bool, bounds: PdfBounds, memo: PreflightMemo | None,
) -> None:  # fmt: skip
    """Parse the PDF and run the document and page checks, within `bounds`."""
    budget = Budget(bounds)
    page_no: int | None = None
    try:
        with warnings.catch_warnings():
            # pypdf warns about repairs it makes; what matters to us is reported as findings.
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                out.add("pdf-unreadable", msg("the PDF is encrypted; press PDFs must not be"))
                return
            if not _page_count_ok(reader, bounds, out):
                return
            state = _document_checks(reader, budget, out, memo)
            walker = ContentWalker(reader, budget, memo)
            kept = _KeptPages.of(reader, memo, out, limits, trim_mm, skip_slug, bounds)
            for i, page in enumerate(reader.pages):
                page_no = i + 1
                if page_no > bounds.max_pages:
                    raise BoundsExceeded(msg("more than {n:,} pages", n=bounds.max_pages))
                budget.check_time()
                if kept is None:
                    _check_page(page, page_no, walker, state, out, limits, trim_mm, skip_slug)
                else:
                    kept.check(page, page_no, walker, state)
    except BoundsExceeded as exc:
        out.add("pdf-unreadable",
                msg("too large to check within bounds: {why} (stopped at page {page})",
                    why=exc.message, page=page_no) if page_no else
                msg("too large to check within bounds: {why}", why=exc.message), page_no)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, ZeroDivisionError, RecursionError, MemoryError):  # fmt: skip
        # (the PDF library's own words are English and name its internals: left out)
        out.add("pdf-unreadable", msg("cannot be read: the PDF structure is damaged"), page_no)


def _document_checks(reader: PdfReader, budget: Budget, out: _Collector,
                     memo: PreflightMemo | None) -> _DocState:  # fmt: skip
    """The checks of the document as a whole (OutputIntent, PDF/X); the state pages share."""
    has_intent = _has_output_intent(reader)
    if not has_intent:
        out.add("output-intent", msg("no OutputIntent in the document catalog"))
    if severity_for("pdfx", out.profile) is not None:
        for problem in pdfx_problems(reader, budget):
            out.add("pdfx", problem.message, hint=problem.hint)
    return _DocState(has_intent, memo=memo)


def _read(path: Path, bounds: PdfBounds, limits: PreflightLimits,
          out: _Collector) -> bytes | None:  # fmt: skip
    """The file's bytes; None (with the finding saying why) when it cannot be, or is too
    large to be, read."""
    try:
        size = path.stat().st_size
        if size > bounds.max_file_bytes:
            _size_ok(size, bounds, limits, out)
            return None
        return path.read_bytes()
    except FileNotFoundError:
        out.add("pdf-unreadable", msg("no such file: {path}", path=str(path)),
                hint=HINT_NO_FILE)
    except OSError as exc:
        out.add("pdf-unreadable", msg("cannot be opened: {reason}", reason=os_reason(exc)),
                hint=HINT_CANNOT_OPEN)
    return None


def _size_ok(size: int, bounds: PdfBounds, limits: PreflightLimits, out: _Collector) -> bool:
    """The size checks: over the digital limit (a warning), over the bounds (unreadable)."""
    if size > limits.max_digital_mb * 1_000_000:
        out.add("digital-size", msg("file is {size:.1f} MB, over {max:g} MB", size=size / 1e6,
                                    max=limits.max_digital_mb))
    if size > bounds.max_file_bytes:
        out.add("pdf-unreadable", msg("too large to check within bounds: file is {size:.0f} MB",
                                      size=size / 1e6))
        return False
    return True


def _bytes_ok(data: bytes, bounds: PdfBounds, limits: PreflightLimits, out: _Collector) -> bool:
    """Checks before parsing: size, PDF header, %%EOF (not truncated)."""
    if not _size_ok(len(data), bounds, limits, out):
        return False
    if b"%PDF-" not in data[:1024]:
        out.add("pdf-unreadable", msg("not a PDF file (no %PDF- header)"))
        return False
    if b"%%EOF" not in data[max(0, len(data) - 2048):]:
        out.add("pdf-unreadable", msg("the file is truncated (no %%EOF marker at its end)"))
        return False
    return True


def _catalog(reader: PdfReader) -> Any:
    """The trailer's /Root as it is: whatever a malformed file holds there raises on use,
    and check_pdf reports that as unreadable (pypdf's `root_object` would search the
    file for another catalog instead)."""
    return reader.trailer["/Root"].get_object()


def _page_count_ok(reader: PdfReader, bounds: PdfBounds, out: _Collector) -> bool:
    """Refuse quickly from the page tree's /Count before flattening it."""
    count = int(_catalog(reader)["/Pages"].get_object().get("/Count", 0))
    if count > bounds.max_pages:
        out.add("pdf-unreadable",
                msg("too large to check within bounds: {n:,} pages (this check reads at most "
                    "{max:,})", n=count, max=bounds.max_pages))
        return False
    return True


def _has_output_intent(reader: PdfReader) -> bool:
    intents = _catalog(reader).get("/OutputIntents")
    intents = intents.get_object() if intents is not None else None
    return bool(intents)


@dataclass
class _DocState:
    """What the checks remember across pages of one document."""

    has_output_intent: bool
    fonts_reported: set[object] = field(default_factory=set)
    tac_by_image: dict[object, TacResult] = field(default_factory=dict)
    spots_reported: set[str] = field(default_factory=set)
    memo: PreflightMemo | None = None


def _box(page: Any, name: str) -> BBox | None:
    box = page.get(name)
    if box is None:
        return None
    v = [float(x) for x in box.get_object()]
    return (min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3]))


@dataclass
class _KeptPages:
    """Page checks through the store (pdf_pagememo.py): an unchanged page's findings are
    replayed instead of walking it again; the findings are the same either way."""

    memo: PreflightMemo
    digests: ObjectDigests
    out: _Collector
    limits: PreflightLimits
    trim_mm: tuple[float, float] | None
    skip_slug: bool
    bounds: PdfBounds

    @classmethod
    def of(cls, reader: PdfReader, memo: PreflightMemo | None, out: _Collector,
           limits: PreflightLimits, trim_mm: tuple[float, float] | None, skip_slug: bool,
           bounds: PdfBounds) -> _KeptPages | None:  # fmt: skip
        if memo is None:
            return None
        refs = []
        for page in reader.pages:
            ref = page.indirect_reference
            if ref is None:
                return None
            refs.append((ref.idnum, ref.generation))
        return cls(memo, ObjectDigests(refs), out, limits, trim_mm, skip_slug, bounds)

    def check(self, page: Any, n: int, walker: ContentWalker, state: _DocState) -> None:
        placed = tuple(p for p in self.out.placed if p.page == n)
        key = self._key(page, placed, state)
        if key is not None:
            record = self.memo.page_record(key)
            if record is not None and self._replay(record, n, placed, walker.budget, state):
                self.memo.page_hits += 1
                return
        budget = walker.budget
        before = (len(self.out.findings), set(state.fonts_reported), set(state.tac_by_image),
                  set(state.spots_reported), budget.content_bytes, budget.operations)
        _check_page(page, n, walker, state, self.out, self.limits, self.trim_mm,
                    self.skip_slug)
        if key is not None:
            record = self._record(before, placed, state, budget)
            if record is not None:
                self.memo.keep_page(key, record)

    def _key(self, page: Any, placed: tuple[Placed, ...], state: _DocState) -> str | None:
        """The page's key, or None when what earlier pages reported cannot be named by
        content (an object that is not indirect)."""
        known = self.digests.by_ref
        page_digest = self.digests.of(page)
        try:
            fonts = sorted(known[k] for k in state.fonts_reported)  # type: ignore[index]
            images = sorted(known[k] for k in state.tac_by_image)  # type: ignore[index]
        except KeyError:
            return None
        return self.memo.page_key(self.out.profile, repr(self.limits), repr(self.bounds),
                                  self.trim_mm, self.skip_slug, state.has_output_intent,
                                  page_digest, placed_key(placed), fonts, images,
                                  sorted(state.spots_reported))

    def _refs(self, digests: tuple[str, ...]) -> list[object] | None:
        """The objects of this document with these digests (None: one is not unique)."""
        by_digest: dict[str, list[object]] = {}
        for ref, d in self.digests.by_ref.items():
            by_digest.setdefault(d, []).append(ref)
        out = []
        for d in digests:
            refs = by_digest.get(d, [])
            if len(refs) != 1:
                return None
            out.append(refs[0])
        return out

    def _replay(self, record: PageRecord, n: int, placed: tuple[Placed, ...], budget: Budget,
                state: _DocState) -> bool:  # fmt: skip
        """Apply a kept record to this page; False (nothing changed) when it cannot be."""
        fonts, images = self._refs(record.fonts), self._refs(record.images)
        if (fonts is None or images is None
                or any(i >= len(placed) for *_rest, i in record.findings)
                or budget.content_bytes + record.content_bytes > self.bounds.max_content_bytes
                or budget.operations + record.operations > self.bounds.max_operations):
            return False  # near the bounds the page is walked, so they stop it as before
        budget.content_bytes += record.content_bytes
        budget.operations += record.operations
        state.fonts_reported.update(fonts)
        for ref in images:
            state.tac_by_image[ref] = _REPLAYED_TAC
        state.spots_reported.update(record.spots)
        for row in record.findings:
            f = replayed(row, n, self.out.pdf, placed)
            self.out._seen.add((f.check, n, f.message))
            self.out.findings.append(f)
        return True

    def _record(self, before: tuple[Any, ...], placed: tuple[Placed, ...], state: _DocState,
                budget: Budget) -> PageRecord | None:  # fmt: skip
        """What the page check just did, or None when it cannot be kept exactly."""
        count, fonts, images, spots, nbytes, ops = before
        rows = [finding_row(f, placed) for f in self.out.findings[count:]]
        known = self.digests.by_ref
        new_fonts = [known.get(k) for k in state.fonts_reported - fonts]
        new_images = [known.get(k) for k in set(state.tac_by_image) - images]
        if any(r is None for r in rows) or any(d is None for d in new_fonts + new_images):
            return None
        return PageRecord(tuple(r for r in rows if r is not None),
                          tuple(sorted(d for d in new_fonts if d)),
                          tuple(sorted(d for d in new_images if d)),
                          tuple(sorted(state.spots_reported - spots)),
                          budget.content_bytes - nbytes, budget.operations - ops)


#: what a replayed page leaves for an image it measured: later pages only ask whether
#: its TAC was measured, never for the value
_REPLAYED_TAC = TacResult(None, None, False)


def _check_page(
    page: Any, n: int, walker: ContentWalker, state: _DocState, out: _Collector,
    limits: PreflightLimits, trim_mm: tuple[float, float] | None, skip_slug: bool,
) -> None:  # fmt: skip
    media = _box(page, "/MediaBox") or (0.0, 0.0, 612.0, 792.0)
    trim = _box(page, "/TrimBox")
    bleed = _box(page, "/BleedBox")
    _check_boxes(page, n, media, trim, bleed, out, limits, trim_mm)
    watch = _bleed_watch(bleed, out.profile)
    check = _PageCheck(n, state, out, limits, walker.budget.bounds, skip_slug, media,
                       text_area=trim or _box(page, "/CropBox") or media,
                       paint_area=bleed or trim or media, watch=watch)  # fmt: skip
    for ev in walker.walk_page(page):
        check.event(ev)
    if watch is not None:
        for problem in watch.problems():
            out.add("outside-bleed", problem.message, n, at=problem.at)
    _check_fonts(page, n, check.used_fonts, walker, state, out)


def _bleed_watch(bleed: BBox | None, profile: str) -> BleedWatch | None:
    """What watches for content beyond the BleedBox, when there is one and it is checked."""
    if bleed is None or severity_for("outside-bleed", profile) is None:
        return None
    return BleedWatch(bleed)


@dataclass
class _PageCheck:
    """The checks of one page's drawing, one method per kind of event.

    `text_area` is where type is checked (the TrimBox), `paint_area` what counts as the
    printed page (the BleedBox); with `skip_slug`, what lies outside them is taken for
    the slug line and printer's marks. `used_fonts` maps each font that shows text to
    the placement of its first text, for the font checks after the page.
    """

    n: int
    state: _DocState
    out: _Collector
    limits: PreflightLimits
    bounds: PdfBounds
    skip_slug: bool
    media: BBox
    text_area: BBox
    paint_area: BBox
    watch: BleedWatch | None
    used_fonts: dict[object, Placed | None] = field(default_factory=dict)
    #: "text in FONT" by font: a page shows thousands of runs in a handful of fonts, and
    #: a message is made once, not per run (most runs raise no finding at all)
    text_names: dict[str, Message] = field(default_factory=dict)

    def _text_in(self, font: str) -> Message:
        name = self.text_names.get(font)
        if name is None:
            name = self.text_names[font] = msg("text in {font}", font=font or NO_FONT)
        return name

    def event(self, ev: Event) -> None:
        if isinstance(ev, TextShow):
            self.text(ev)
        elif isinstance(ev, PathPaint):
            self.path(ev)
        elif isinstance(ev, ImagePlaced):
            self.image(ev)
        elif isinstance(ev, SpaceUsed):
            _check_space(ev, self.n, self.state, self.out)
        elif isinstance(ev, Problem):
            self.out.add("pdf-unreadable", ev.message, self.n)

    def _shown(self, box: BBox | None, clip: BBox | None) -> BBox | None:
        return visible(box, intersect(clip, self.media))

    def text(self, ev: TextShow) -> None:
        shown = self._shown(ev.bbox, ev.clip)
        at = self.out.locate(self.n, shown)
        if self.used_fonts.get(ev.font_key) is None:
            self.used_fonts[ev.font_key] = at
        _check_text(ev, self.n, self.text_area, self.skip_slug, self.out, self.limits,
                    self._text_in(ev.font), at)
        if self.watch is not None and ev.render_mode not in (3, 7) and ev.fill.inks() != 0:
            self.watch.add("text", self._text_in(ev.font), shown, at)

    def path(self, ev: PathPaint) -> None:
        shown = self._shown(_stroked(ev), ev.clip)
        at = self.out.locate(self.n, shown)
        if self.watch is not None and _prints(ev):
            self.watch.add("path", msg("a line") if ev.stroke and not ev.fill
                           else msg("a filled shape"), shown, at)
        if self.skip_slug and ev.bbox is not None and not _overlaps(ev.bbox, self.paint_area):
            return  # crop marks, registration marks, slug line: outside the bleed
        _check_path(ev, self.n, self.out, self.limits, at)

    def image(self, ev: ImagePlaced) -> None:
        shown = self._shown(ev.bbox, ev.clip)
        at = self.out.locate(self.n, shown or ev.bbox)
        if self.watch is not None:
            self.watch.add("image", msg("an inline image") if ev.inline
                           else msg("image {name}", name=ev.name), shown, at)
        if self.skip_slug and not _overlaps(ev.bbox, self.paint_area):
            return
        _check_image(ev, self.n, self.state, self.out, self.limits, self.bounds, at)


def _stroked(ev: PathPaint) -> BBox | None:
    """A path's extent on paper: a stroke reaches half its width beyond the path."""
    if ev.bbox is None or not ev.stroke:
        return ev.bbox
    h = ev.width_pt / 2
    x0, y0, x1, y1 = ev.bbox
    return (x0 - h, y0 - h, x1 + h, y1 + h)


def _prints(ev: PathPaint) -> bool:
    """Does painting the path put ink on paper (white and "no ink" paint nothing)?"""
    return ((ev.stroke and ev.stroke_colour.inks() != 0)
            or (ev.fill and ev.fill_colour.inks() != 0))


def _check_fonts(page: Any, n: int, used: dict[object, Placed | None], walker: ContentWalker,
                 state: _DocState, out: _Collector) -> None:  # fmt: skip
    """Fonts that show text on the page or in an annotation's appearance.

    A font only listed in resources prints nothing (ReportLab, for one, always
    lists Helvetica), so it is not reported.
    """
    for font in page_fonts(page, walker.budget):
        if font.key in state.fonts_reported or not (font.key in used or font.in_annotation):
            continue
        state.fonts_reported.add(font.key)
        at = used.get(font.key)
        name = _name(msg("font {font} ({subtype})", font=font.name, subtype=font.subtype), at)
        if not font.embedded:
            out.add("font-embedding", msg("{font} is not embedded", font=name), n, at=at)
        if not font.copyable:
            out.add("font-unicode",
                    msg("{font} has no ToUnicode map; its text cannot be copied", font=name), n,
                    at=at)


def _check_boxes(
    page: Any, n: int, media: BBox, trim: BBox | None, bleed: BBox | None, out: _Collector,
    limits: PreflightLimits, trim_mm: tuple[float, float] | None,
) -> None:  # fmt: skip
    """PDF 32000 §14.11.2: TrimBox is the finished page, BleedBox (clipped to MediaBox) the bleed."""
    if trim is None:
        out.add("page-boxes", msg("page has no TrimBox"), n)
    if bleed is None:
        out.add("page-boxes", msg("page has no BleedBox"), n)
    if trim is not None and bleed is not None:
        _check_bleed(n, media, trim, bleed, out, limits)
    if trim_mm is not None:
        _check_trim(page, n, media, trim, out, trim_mm)


def _check_bleed(n: int, media: BBox, trim: BBox, bleed: BBox, out: _Collector,
                 limits: PreflightLimits) -> None:  # fmt: skip
    b = (max(bleed[0], media[0]), max(bleed[1], media[1]),
         min(bleed[2], media[2]), min(bleed[3], media[3]))  # fmt: skip
    side = min(trim[0] - b[0], trim[1] - b[1], b[2] - trim[2], b[3] - trim[3]) / MM
    if side < limits.min_bleed_mm - 0.05:
        out.add("page-boxes", msg("bleed is {bleed:.1f} mm, under {min:g} mm",
                                  bleed=max(side, 0), min=limits.min_bleed_mm), n)


def _check_trim(page: Any, n: int, media: BBox, trim: BBox | None, out: _Collector,
                trim_mm: tuple[float, float]) -> None:  # fmt: skip
    """--trim: the finished page size (as shown, after /Rotate) against the booked one."""
    box = trim or media
    w, h = (box[2] - box[0]) / MM, (box[3] - box[1]) / MM
    if int(page.get("/Rotate", 0) or 0) % 180 == 90:
        w, h = h, w
    if abs(w - trim_mm[0]) > TRIM_TOLERANCE_MM or abs(h - trim_mm[1]) > TRIM_TOLERANCE_MM:
        which = "TrimBox" if trim else "MediaBox"
        out.add("page-boxes",
                msg("page size ({box}) is {w:.1f}×{h:.1f} mm, expected {tw:g}×{th:g} mm",
                    box=which, w=w, h=h, tw=trim_mm[0], th=trim_mm[1]), n,
                severity="error")


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _inside(x: float, y: float, box: BBox, tol: float = 0.5) -> bool:
    return box[0] - tol <= x <= box[2] + tol and box[1] - tol <= y <= box[3] + tol


def _check_text(ev: TextShow, n: int, area: BBox, skip_slug: bool, out: _Collector,
                limits: PreflightLimits, text_in: Message,
                at: Placed | None = None) -> None:  # fmt: skip
    if ev.render_mode in (3, 7):
        return  # invisible text (OCR layers) and pure clipping print nothing
    if skip_slug and not _inside(ev.x, ev.y, area):
        return  # the slug line and marks sit outside the TrimBox
    small = 0 < ev.size_pt < limits.min_text_pt - 1e-6
    inks = ev.fill.inks()
    rich = ev.size_pt < RICH_BLACK_MAX_PT and inks is not None and inks > 1
    tac = ev.fill.tac()
    if not (small or rich or (tac is not None and tac > limits.max_tac + 0.5)):
        return  # the common case: nothing to say, no message made
    text = _name(text_in, at)
    if small:
        out.add("min-text-size", msg("{text} at {size:.1f} pt, under {min:g} pt", text=text,
                                     size=ev.size_pt, min=limits.min_text_pt), n, at=at)
    if rich:
        out.add("rich-black-text",
                msg("{size:.1f} pt {text} prints in {inks} inks ({colour})", size=ev.size_pt,
                    text=text, inks=inks, colour=ev.fill.describe()), n, at=at)
    _check_colour_tac(ev.fill, text, n, out, limits, at)


def _check_colour_tac(col: Colour, what: Message, n: int, out: _Collector,
                      limits: PreflightLimits, at: Placed | None = None) -> None:  # fmt: skip
    tac = col.tac()
    if tac is not None and tac > limits.max_tac + 0.5:
        out.add("tac", msg("{what} in {colour}: {tac:.0f} % ink, over {max:g} %", what=what,
                           colour=col.describe(), tac=tac, max=limits.max_tac), n, at=at)


def _check_path(ev: PathPaint, n: int, out: _Collector, limits: PreflightLimits,
                at: Placed | None = None) -> None:
    if ev.stroke:
        width_mm = ev.width_pt / MM
        if width_mm < limits.hairline_mm - 1e-6:
            desc = (msg("0-width line (the thinnest the device can draw)") if ev.width_pt == 0
                    else msg("line {mm:.2f} mm ({pt:.2f} pt) wide", mm=width_mm,
                             pt=ev.width_pt))
            out.add("hairline", msg("{line}, under {min:g} mm", line=_name(desc, at),
                                    min=limits.hairline_mm), n, at=at)
        _check_colour_tac(ev.stroke_colour, _name(msg("stroke"), at), n, out, limits, at)
    if ev.fill:
        _check_colour_tac(ev.fill_colour, _name(msg("fill"), at), n, out, limits, at)


def _check_image(ev: ImagePlaced, n: int, state: _DocState, out: _Collector,
                 limits: PreflightLimits, bounds: PdfBounds,
                 at: Placed | None = None) -> None:  # fmt: skip
    name = _name(msg("image {name}", name=ev.name) if not ev.inline
                 else msg("an inline image"), at)
    _check_ppi(ev, name, n, out, limits, at)
    if ev.inline:
        return
    if not classify(ev.image.get("/ColorSpace")).is_cmyk:
        return
    if ev.key not in state.tac_by_image:
        res = state.tac_by_image[ev.key] = _image_tac(ev.image, state.memo, bounds)
        if res.tac is not None and res.tac > limits.max_tac + 0.5:
            out.add("tac", msg("{image} reaches {tac:.0f} % ink, over {max:g} %", image=name,
                               tac=res.tac, max=limits.max_tac), n, at=at)
        elif res.skipped:
            out.add("tac", msg("TAC of {image} not measured: {why}", image=name, why=res.skipped),
                    n, severity="error" if res.over_bounds else "warning", at=at)


def _check_ppi(ev: ImagePlaced, name: Message, n: int, out: _Collector, limits: PreflightLimits,
               at: Placed | None) -> None:  # fmt: skip
    ppi = placed_ppi(ev)
    if ppi is not None and ppi < limits.min_image_ppi - 0.5:
        out.add("image-ppi",
                msg("{image} is {ppi:.0f} ppi at its placed size {w:.1f}×{h:.1f} mm (minimum "
                    "{min:g})", image=name, ppi=ppi, w=ev.width_pt / MM, h=ev.height_pt / MM,
                    min=limits.min_image_ppi), n, at=at)


def _image_tac(image: Any, memo: PreflightMemo | None, bounds: PdfBounds) -> TacResult:
    """The image's TAC, from the memo when it knows these bytes."""
    if memo is None:
        return image_tac(image, bounds)
    return memo.image_tac(image, bounds, lambda: image_tac(image, bounds))


def _check_space(ev: SpaceUsed, n: int, state: _DocState, out: _Collector) -> None:
    if ev.space.is_rgb and out.profile != "digital" and not state.has_output_intent:
        if ev.where.startswith("image "):
            what = msg("image {name}", name=ev.where.removeprefix("image "))
        elif ev.where.startswith("inline"):
            what = msg("an inline image")
        else:
            what = msg("vector colour")
        out.add("colour-space", msg("{what} is RGB and the PDF has no OutputIntent", what=what),
                n)
    for name in ev.space.spot_names:
        if name not in state.spots_reported:
            state.spots_reported.add(name)
            out.add("colour-space", msg("spot colour {name} (DeviceN)", name=name)
                    if ev.space.kind == "devicen" else
                    msg("spot colour {name} (Separation)", name=name), n)
