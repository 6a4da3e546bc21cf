"""One story box: headline block, photos with captions, and the body as a flow stream.

Takes a Story and its grid box; returns the fixed elements of the part (headline,
photos, captions) and the column slots the body flows into. The body itself is a
stream of FlowItems built once per story, so a continued story splits at real lines.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from xhprint.i18n import msg, nmsg
from xhprint.images.frame import effective_ppi, fit_photo
from xhprint.layout.flow import FlowItem, LineSpec, Slot
from xhprint.layout.grid import Grid, Rect
from xhprint.layout.typeset import Typesetter, baseline_in, text_findings, to_text_line
from xhprint.model import Block, Finding, Photo, Run, SourceRef, Story, Style, Template
from xhprint.model.frame import Element, ImageBox, TextLine
from xhprint.text.types import ComposedLine, ComposeResult

CAPTION_GAP = 3.0  # pt between a photo and its caption
#: a photo squeezed below this many rows, or below this share of the rows it asked for,
#: no longer reads as the photo the editor chose: an error, not a silent shrink
MIN_PHOTO_ROWS = 4
MIN_PHOTO_SHARE = 1 / 3
#: a picture story's caption runs in side-by-side segments of about this many characters
#: (a line a reader takes in at a glance; body-width columns chop sentences every line)
CAPTION_SEGMENT_CHARS = 30


@dataclass(frozen=True)
class PartFrame:
    """What a story part draws besides its body, and where its body may flow."""

    elements: tuple[Element, ...]
    slots: tuple[Slot, ...]
    findings: tuple[Finding, ...]


def _lines_block(result_lines: tuple, x: float, top: float, style: Style, leading: float,
                 *, item: str, ref: SourceRef | None, role: str) -> tuple[list[TextLine], float]:
    out = []
    y = top
    for line in result_lines:
        out.append(to_text_line(line, x, y + baseline_in(leading, style.size), style,
                                item=item, ref=ref, role=role))
        y += leading
    return out, y - top


def _leading(style: Style) -> float:
    return style.leading if style.leading else style.size * 1.3


@dataclass(frozen=True)
class _HeadPart:
    """One piece of a headline block (kicker, headline, subhead, byline), set."""

    lines: tuple[ComposedLine, ...]
    style: Style
    leading: float
    role: str
    ref: SourceRef | None


def headline_block(story: Story, ts: Typesetter, template: Template, grid: Grid, rect: Rect,
                   span_cols: int, *, page: int, extra_rows: int = 0,
                   ) -> tuple[list[TextLine], int, list[Finding]]:
    """Kicker, headline, subhead and byline across `span_cols` columns, in whole rows.

    `extra_rows` (an item's `headline_space`) gives the block that many more rows of air:
    the byline stays in its last row, the rest is centred in the space above.

    Returns the lines, the rows taken and findings (headline-lines, missing glyphs).
    """
    parts, findings = _head_parts(story, ts, template, grid, grid.span_width(span_cols),
                                  page=page)
    if not parts:
        return [], 0, findings
    L = grid.leading
    content_h = sum(len(p.lines) * p.leading for p in parts)
    rows = math.ceil((content_h + L * 0.5) / L - 1e-6) + extra_rows
    y = _head_top(parts, rect.y, rows, L, content_h)
    out: list[TextLine] = []
    for part in parts:
        if part.role == "byline":
            y = rect.y + (rows - len(part.lines)) * L
        made, h = _lines_block(part.lines, rect.x, y, part.style, part.leading, item=story.id,
                               ref=part.ref, role=part.role)
        out += made
        y += h
    return out, rows, findings


def _head_parts(story: Story, ts: Typesetter, template: Template, grid: Grid, width: float,
                *, page: int) -> tuple[list[_HeadPart], list[Finding]]:
    """The story's kicker, headline, subhead and byline set `width` pt wide, those it has,
    in reading order, and their findings."""
    st = template.styles
    parts: list[_HeadPart] = []
    findings: list[Finding] = []

    def fref(name: str) -> SourceRef | None:
        origin = story.origin(name)
        return replace(origin.at(0), story=story.id) if origin else story.ref

    def add(r: ComposeResult, name: str, style: Style, leading: float) -> None:
        findings.extend(text_findings(r, fref(name), page=page, item=story.id,
                                      origin=story.origin(name)))
        parts.append(_HeadPart(r.lines, style, leading, name, fref(name)))

    if story.kicker:
        add(ts.text(story.kicker, st["kicker"], width, align="center"), "kicker", st["kicker"],
            _leading(st["kicker"]))
    if story.headline:
        limit = template.preflight.max_headline_lines
        r, used = ts.headline(story.headline, st["headline"], width, limit)
        add(r, "headline", used, _leading(used))
        if len(r.lines) > limit:
            findings.append(_headline_lines(story, len(r.lines), limit, used, fref("headline"),
                                            page))
    if story.subhead:
        add(ts.balanced(story.subhead, st["subhead"], width, align="center"), "subhead",
            st["subhead"], _leading(st["subhead"]))
    if story.byline:
        add(ts.text(story.byline, st["byline"], width, align="left"), "byline", st["byline"],
            grid.leading)
    return parts, findings


def _headline_lines(story: Story, n: int, limit: int, used: Style, ref: SourceRef | None,
                    page: int) -> Finding:
    """A headline that needs more lines than the template allows, even shrunk."""
    return Finding(
        "headline-lines", "warning",
        nmsg("headline needs {n} line (limit {limit}) even at {size:g} pt",
             "headline needs {n} lines (limit {limit}) even at {size:g} pt",
             n, n=n, limit=limit, size=used.size),
        where=ref, page=page, item=story.id,
        hint=msg("shorten the headline or widen headline_cols"))


def _head_top(parts: list[_HeadPart], top: float, rows: int, leading: float,
              content_h: float) -> float:
    """Where the block's first line goes: centred in its rows; with a byline, the byline
    on the grid in the last row and the rest just above it (a quarter row higher)."""
    if parts[-1].role != "byline":
        return top + (rows * leading - content_h) / 2
    y = top + (rows - len(parts[-1].lines)) * leading - sum(
        len(p.lines) * p.leading for p in parts[:-1])
    return max(top, y - leading * 0.25) if len(parts) > 1 else y


def photo_rows(photo: Photo, size_px: tuple[int, int], width: float, grid: Grid) -> int:
    """The photo's own height in rows: as given, else from its aspect ratio, rounded up."""
    if photo.rows:
        return photo.rows
    w, h = size_px
    return max(1, math.ceil(width * h / w / grid.leading - 1e-6))


def fit_rows(photo: Photo, asked: int, available: int, *, item: str, page: int,
             what: str) -> tuple[int, list[Finding]]:
    """The rows a photo gets: what it asked for, or what its box has left when that is less.

    A photo is never drawn outside its box (issue 10): squeezed into the rows left, it
    warns; squeezed below MIN_PHOTO_ROWS or a third of its asked height, it is an error
    (and with no row left it is not drawn at all: 0 rows).
    """
    if asked <= available:
        return asked, []
    given = max(0, available)
    asked_text = (msg("{file} has rows: {n}", file=photo.rel, n=asked) if photo.rows
                  else nmsg("{file} needs {n} row for its aspect ratio",
                            "{file} needs {n} rows for its aspect ratio", asked,
                            file=photo.rel, n=asked))
    if given < MIN_PHOTO_ROWS or given < asked * MIN_PHOTO_SHARE:
        return given, [Finding(
            "photo-fit", "error",
            nmsg("{asked}, but its box has only {n} row left {where}",
                 "{asked}, but its box has only {n} rows left {where}", given,
                 asked=asked_text, n=given, where=what),
            where=photo.ref, page=page, item=item,
            hint=msg("make the box taller, give the photo fewer rows, or use place: "
                     "top-left/top-right with fewer cols"))]
    return given, [Finding(
        "photo-fit", "warning",
        nmsg("{asked}; it is set {n} row high, what its box has left {where}",
             "{asked}; it is set {n} rows high, what its box has left {where}", given,
             asked=asked_text, n=given, where=what),
        where=photo.ref, page=page, item=item,
        hint=msg("set rows: {n} for this photo, or make the box taller", n=given))]


def caption_block(photo: Photo, ts: Typesetter, template: Template, x: float, top: float,
                  width: float, *, item: str, page: int, with_credit: bool = True
                  ) -> tuple[list[TextLine], float, list[Finding]]:
    """Caption lines then the credit, right-aligned, under a photo; returns height in pt."""
    st = template.styles
    out: list[TextLine] = []
    findings: list[Finding] = []
    y = top
    if photo.caption:
        r = ts.paragraph((Run(photo.caption),), st["caption"], width, indent=False)
        findings += text_findings(r, photo.ref, page=page, item=item,
                                  origin=photo.origin("caption"))
        made, h = _lines_block(r.lines, x, y, st["caption"], _leading(st["caption"]),
                               item=item, ref=photo.ref, role="caption")
        out += made
        y += h
    if photo.credit and with_credit:
        r = ts.text(photo.credit, st["credit"], width, align="right")
        findings += text_findings(r, photo.ref, page=page, item=item,
                                  origin=photo.origin("credit"))
        made, h = _lines_block(r.lines, x, y, st["credit"], _leading(st["credit"]),
                               item=item, ref=photo.ref, role="credit")
        out += made
        y += h
    return out, y - top, findings


def place_photo(photo: Photo, size_px: tuple[int, int], frame: Rect, template: Template, *,
                item: str, page: int) -> tuple[ImageBox, list[Finding]]:
    """The photo in its frame (fill: crop centred; fit: letterboxed) and its findings."""
    crop, placed, crop_fraction = fit_photo(size_px[0], size_px[1], frame.w, frame.h, photo.fit)
    px, py, pw, ph = placed
    box = ImageBox(frame.x + px, frame.y + py, pw, ph, photo.file, crop, item=item, ref=photo.ref)
    findings: list[Finding] = []
    limits = template.preflight
    ppi = effective_ppi(crop[2] - crop[0], pw)
    if ppi < limits.min_image_ppi:
        findings.append(Finding("low-res-image", "error",
                                msg("{file} prints at {ppi:.0f} ppi (minimum {min:g})",
                                    file=photo.rel, ppi=ppi, min=limits.min_image_ppi),
                                where=photo.ref, page=page, item=item,
                                hint=msg("use a larger original or make the photo smaller")))
    elif ppi < limits.warn_image_ppi:
        findings.append(Finding("low-res-image", "warning",
                                msg("{file} prints at {ppi:.0f} ppi (below {min:g})",
                                    file=photo.rel, ppi=ppi, min=limits.warn_image_ppi),
                                where=photo.ref, page=page, item=item,
                                hint=msg("use a larger original if there is one")))
    if photo.fit == "fill" and crop_fraction > limits.max_photo_crop:
        findings.append(Finding("photo-crop", "warning",
                                msg("{file}: the frame crops away {share:.0%} of the photo",
                                    file=photo.rel, share=crop_fraction),
                                where=photo.ref, page=page, item=item,
                                hint=msg("change the photo's rows/cols or use fit: fit")))
    return box, findings


@dataclass(frozen=True)
class _FrameSetting:
    """What laying out one part's frame reads: the story, its box, the page's tools."""

    story: Story
    rect: Rect
    box_cols: int
    first_col: int
    grid: Grid
    ts: Typesetter
    template: Template
    photo_sizes: Mapping[Path, tuple[int, int]]
    page: int


@dataclass
class _Columns:
    """Where each column of the box is free for the body: scratch while the frame's
    headline and photos take their room from the top (or a photo from the foot)."""

    tops: list[float]
    bottoms: list[float]

    def start_at(self, c0: int, n: int, y: float) -> None:
        for c in range(c0, c0 + n):
            self.tops[c] = y

    def end_at(self, c0: int, n: int, y: float) -> None:
        for c in range(c0, c0 + n):
            self.bottoms[c] = y

    def slots(self, fs: _FrameSetting) -> tuple[Slot, ...]:
        """The columns with at least a row left, as flow slots."""
        g = fs.grid
        return tuple(Slot(g.col_x(fs.first_col + c), self.tops[c], self.bottoms[c], g.col_width)
                     for c in range(fs.box_cols)
                     if self.bottoms[c] - self.tops[c] >= g.leading - 1e-6)


def story_part_frame(story: Story, rect: Rect, box_cols: int, first_col: int, grid: Grid,
                     ts: Typesetter, template: Template, photo_sizes: Mapping[Path, tuple[int, int]],
                     *, page: int, headline_cols: int | None, first_part: bool,
                     jump_head: bool, headline_space: int = 0) -> PartFrame:
    """Lay out a story part's fixed parts and return the slots left for its body."""
    fs = _FrameSetting(story, rect, box_cols, first_col, grid, ts, template, photo_sizes, page)
    if story.kind == "picture" and first_part:
        return _picture_frame(fs)
    cols = _Columns([rect.y] * box_cols, [rect.bottom] * box_cols)
    elements: list[Element] = []
    findings: list[Finding] = []
    if first_part:
        elements, findings = _first_part(fs, cols, headline_cols, headline_space)
    elif jump_head:
        elements, findings = _jump_head(fs, cols)
    return PartFrame(tuple(elements), cols.slots(fs), tuple(findings))


def _first_part(fs: _FrameSetting, cols: _Columns, headline_cols: int | None,
                headline_space: int) -> tuple[list[Element], list[Finding]]:
    """A story's first part: photos above the headline, the headline block across its
    span, then the photos set in the columns (top, bottom, top-left, top-right)."""
    rect, L = fs.rect, fs.grid.leading
    span = min(headline_cols or fs.box_cols, fs.box_cols)
    lines, rows, findings = headline_block(fs.story, fs.ts, fs.template, fs.grid, rect, span,
                                           page=fs.page, extra_rows=headline_space)
    above, elements, f = _photos_above(fs, headline_rows=rows)
    findings += f
    if above:
        lines = [_shift(t, above) for t in lines]
    elements += lines
    cols.start_at(0, fs.box_cols, rect.y + above)
    cols.start_at(0, span, rect.y + above + rows * L)
    for photo in fs.story.photos:
        size = fs.photo_sizes.get(photo.file)
        if size is None or photo.place == "above":
            continue
        made, f = _column_photo(fs, cols, photo, size)
        elements += made
        findings += f
    return elements, findings


def _photo_span(photo: Photo, box_cols: int) -> tuple[int, int]:
    """(columns, first column from the box's left) a photo set in the columns spans."""
    if photo.place in ("top", "bottom"):
        return box_cols, 0
    pcols = min(photo.cols or max(1, box_cols // 2), box_cols)
    return pcols, 0 if photo.place == "top-left" else box_cols - pcols


def _caption_rows(cap_h: float, leading: float) -> int:
    """Rows a caption block `cap_h` pt high takes under its photo (with the gap)."""
    return math.ceil((cap_h + CAPTION_GAP) / leading - 1e-6) if cap_h else 0


def _column_photo(fs: _FrameSetting, cols: _Columns, photo: Photo, size: tuple[int, int],
                  ) -> tuple[list[Element], list[Finding]]:
    """One photo with its caption at the top (or foot) of the columns it spans, in the
    rows they have left; those columns then start under it (or end above it)."""
    L = fs.grid.leading
    pcols, c0 = _photo_span(photo, fs.box_cols)
    width = fs.grid.span_width(pcols)
    x = fs.grid.col_x(fs.first_col + c0)
    caption_lines, cap_h, findings = caption_block(photo, fs.ts, fs.template, x, 0.0, width,
                                                   item=fs.story.id, page=fs.page)
    cap_rows = _caption_rows(cap_h, L)
    free_top = max(cols.tops[c0:c0 + pcols])
    free_bottom = min(cols.bottoms[c0:c0 + pcols])
    free_rows = int((free_bottom - free_top) / L + 1e-6)
    prow, f = fit_rows(photo, photo_rows(photo, size, width, fs.grid), free_rows - cap_rows,
                       item=fs.story.id, page=fs.page,
                       what=msg("after the headline and the caption") if cap_rows
                       else msg("after the headline"))
    findings += f
    if prow <= 0:
        return [], findings  # nothing can be drawn inside the box: the error says so
    bottom = photo.place == "bottom"
    top = free_bottom - (prow + cap_rows) * L if bottom else free_top
    frame = Rect(x, top, width, prow * L)
    img, f2 = place_photo(photo, size, frame, fs.template, item=fs.story.id, page=fs.page)
    cap_top = frame.bottom + CAPTION_GAP
    findings += f2
    if bottom:
        cols.end_at(c0, pcols, top)
    else:
        cols.start_at(c0, pcols, top + (prow + cap_rows) * L)
    return [img, *(_shift(t, cap_top) for t in caption_lines)], findings


def _jump_head(fs: _FrameSetting, cols: _Columns) -> tuple[list[Element], list[Finding]]:
    """A continued part's head: the story's title in the jump-head style, in whole rows."""
    story, rect, L = fs.story, fs.rect, fs.grid.leading
    st = fs.template.styles["jump_head"]
    r = fs.ts.balanced(story.title, st, rect.w, align="left")
    findings = text_findings(r, story.ref, page=fs.page, item=story.id,
                             origin=story.origin("headline") if story.headline else None)
    lead = _leading(st)
    rows = math.ceil((len(r.lines) * lead + L * 0.5) / L - 1e-6)
    y = rect.y + (rows * L - len(r.lines) * lead) / 2
    made, _ = _lines_block(r.lines, rect.x, y, st, lead, item=story.id, ref=story.ref,
                           role="jump_head")
    cols.start_at(0, fs.box_cols, rect.y + rows * L)
    return list(made), findings


def _photos_above(fs: _FrameSetting, *, headline_rows: int,
                  ) -> tuple[float, list[Element], list[Finding]]:
    """Photos with `place: above` across the top of the box, over the headline ("art on
    top": what lets two stories stand side by side without their headlines touching).
    Returns the height they take (pt), their elements and findings."""
    elements: list[Element] = []
    findings: list[Finding] = []
    above = 0.0
    for photo in fs.story.photos:
        size = fs.photo_sizes.get(photo.file)
        if photo.place != "above" or size is None:
            continue
        height, made, f = _photo_above(fs, photo, size, above, headline_rows)
        elements += made
        findings += f
        above += height
    return above, elements, findings


def _photo_above(fs: _FrameSetting, photo: Photo, size: tuple[int, int], above: float,
                 headline_rows: int) -> tuple[float, list[Element], list[Finding]]:
    """One photo across the box, `above` pt under its top, leaving the headline its rows."""
    L = fs.grid.leading
    width = fs.grid.span_width(fs.box_cols)
    x = fs.grid.col_x(fs.first_col)
    caption_lines, cap_h, findings = caption_block(photo, fs.ts, fs.template, x, 0.0, width,
                                                   item=fs.story.id, page=fs.page)
    cap_rows = _caption_rows(cap_h, L)
    free_rows = int((fs.rect.bottom - fs.rect.y - above) / L + 1e-6) - headline_rows - cap_rows
    prow, f = fit_rows(photo, photo_rows(photo, size, width, fs.grid), free_rows,
                       item=fs.story.id, page=fs.page,
                       what=msg("with the headline and the caption below it"))
    findings += f
    if prow <= 0:
        return 0.0, [], findings
    frame = Rect(x, fs.rect.y + above, width, prow * L)
    img, f2 = place_photo(photo, size, frame, fs.template, item=fs.story.id, page=fs.page)
    findings += f2
    return ((prow + cap_rows) * L,
            [img, *(_shift(t, frame.bottom + CAPTION_GAP) for t in caption_lines)], findings)


@dataclass(frozen=True)
class CaptionSegments:
    """A picture story's caption measure: `count` side-by-side segments of `width` pt,
    each segment's left edge `step` pt after the one before (issue 11: not body columns)."""

    count: int
    width: float
    step: float

    def slots(self, x: float, top: float, bottom: float) -> tuple[Slot, ...]:
        return tuple(Slot(x + k * self.step, top, bottom, self.width) for k in range(self.count))


def caption_segments(box_width: float, gutter: float, size: float, count: int) -> CaptionSegments:
    """`count` segments across the box in whole caption characters; the rest widens the gaps."""
    chars = max(1, int((box_width - (count - 1) * gutter) / count / size + 1e-9))
    width = chars * size
    step = width + ((box_width - count * width) / (count - 1) if count > 1 else 0.0)
    return CaptionSegments(count, width, step)


def picture_caption(story: Story, ts: Typesetter, template: Template, grid: Grid, box_cols: int,
                    *, page: int) -> tuple[CaptionSegments, tuple[FlowItem, ...], list[Finding]]:
    """The caption measure of a picture story and its body set in it.

    About CAPTION_SEGMENT_CHARS characters a line; fewer, wider segments when the text is
    short, so that every segment holds at least two lines and filling them level leaves
    none empty.
    """
    size = template.styles["caption"].size
    box_width = grid.span_width(box_cols)
    count = max(1, round(box_width / (CAPTION_SEGMENT_CHARS * size)))
    while True:
        seg = caption_segments(box_width, grid.gutter, size, count)
        stream, findings = _stream(story, ts, template, grid, seg.width, page=page)
        lines = len(stream)
        depth = math.ceil(lines / count)
        if count == 1 or lines - depth * (count - 1) >= 2:  # the last segment too
            return seg, stream, findings
        count -= 1


def _picture_frame(fs: _FrameSetting) -> PartFrame:
    """圖片新聞: label across the top, the first photo under it, the caption text below in
    wide segments. The photo takes what the box has left after the caption's rows."""
    story, rect, L = fs.story, fs.rect, fs.grid.leading
    elements: list[Element] = []
    findings: list[Finding] = []
    top = rect.y
    if story.label:
        st = fs.template.styles["label"]
        r = fs.ts.text(story.label, st, rect.w, align="left")
        findings += text_findings(r, story.ref, page=fs.page, item=story.id,
                                  origin=story.origin("label"))
        made, _ = _lines_block(r.lines, rect.x, top, st, L, item=story.id, ref=story.ref,
                               role="label")
        elements += made
        top += L
    if story.headline:
        lines, rows, f = headline_block(story, fs.ts, fs.template, fs.grid,
                                        Rect(rect.x, top, rect.w, rect.h), fs.box_cols,
                                        page=fs.page)
        elements += lines
        findings += f
        top += rows * L
    seg, stream, _f = picture_caption(story, fs.ts, fs.template, fs.grid, fs.box_cols,
                                      page=fs.page)
    per_segment = math.ceil(len(stream) / seg.count)
    text_h = max((it.height for it in stream), default=0.0) * per_segment
    text_rows = math.ceil(text_h / L - 1e-6)
    if story.photos and story.photos[0].file in fs.photo_sizes:
        art, f, top = _picture_photo(fs, top, text_rows)
        elements += art
        findings += f
    slots = seg.slots(rect.x, top, rect.bottom) if rect.bottom - top >= L - 1e-6 else ()
    return PartFrame(tuple(elements), slots, tuple(findings))


def _picture_photo(fs: _FrameSetting, top: float, text_rows: int,
                   ) -> tuple[list[Element], list[Finding], float]:
    """A picture story's photo across the box from `top`, its own caption under it, in
    the rows the caption text (`text_rows`) leaves; returns where the text then starts."""
    rect, L = fs.rect, fs.grid.leading
    photo = fs.story.photos[0]
    size = fs.photo_sizes[photo.file]
    cap: list[TextLine] = []
    findings: list[Finding] = []
    cap_rows = 0
    if photo.caption:
        cap, cap_h, findings = caption_block(photo, fs.ts, fs.template, rect.x, 0.0, rect.w,
                                             item=fs.story.id, page=fs.page, with_credit=False)
        cap_rows = math.ceil((cap_h + CAPTION_GAP) / L - 1e-6)
    gap_rows = 0 if cap_rows else math.ceil(CAPTION_GAP / L)
    free = int((rect.bottom - top) / L + 1e-6) - cap_rows - gap_rows - text_rows
    prow, f = fit_rows(photo, photo_rows(photo, size, rect.w, fs.grid), free,
                       item=fs.story.id, page=fs.page,
                       what=msg("after the label and the caption text"))
    findings += f
    if prow <= 0:
        return [], findings, top
    frame = Rect(rect.x, top, rect.w, prow * L)
    img, f = place_photo(photo, size, frame, fs.template, item=fs.story.id, page=fs.page)
    findings += f
    return ([img, *(_shift(t, frame.bottom + CAPTION_GAP) for t in cap)], findings,
            top + (prow + cap_rows + gap_rows) * L)


def _shift(line: TextLine, dy: float) -> TextLine:
    return replace(line, baseline=line.baseline + dy)


def body_stream(story: Story, ts: Typesetter, template: Template, grid: Grid, *,
                page: int, box_cols: int = 1) -> tuple[tuple[FlowItem, ...], list[Finding]]:
    """The story body as flow items: one per body line, subheads as 2-row items.

    Picture stories set their body in the caption style at the caption measure of their
    first box (`box_cols` columns wide), ending with the photo credit.
    """
    if story.kind == "picture":
        _seg, stream, findings = picture_caption(story, ts, template, grid, box_cols, page=page)
        return stream, findings
    return _stream(story, ts, template, grid, grid.col_width, page=page)


@dataclass(frozen=True)
class _BodySetting:
    """What every block of a body stream is set with: the measure, the leading, the page."""

    story: str  # the story's id, for findings
    ts: Typesetter
    measure: float
    leading: float
    page: int


def _stream(story: Story, ts: Typesetter, template: Template, grid: Grid, measure: float, *,
            page: int) -> tuple[tuple[FlowItem, ...], list[Finding]]:
    """Body (or picture caption) text set `measure` pt wide as flow items."""
    st = template.styles
    picture = story.kind == "picture"
    body_style = st["caption"] if picture else st["body"]
    lead = _leading(body_style) if picture else grid.leading
    setting = _BodySetting(story.id, ts, measure, grid.leading, page)
    items: list[FlowItem] = []
    findings: list[Finding] = []
    para_no = 0
    for block in story.blocks:
        if block.kind == "subhead":
            item, f = _subhead_item(block, st["inline_subhead"], setting)
            items.append(item)
        else:
            # Caption lines are not body lines: the widow rule is for body columns.
            made, f = _paragraph_items(block, body_style, lead, para_no,
                                       "caption" if picture else "body", setting)
            items += made
            para_no += 1
        findings += f
    if picture and story.photos and story.photos[0].credit:
        # The photo credit ends a picture story, on a line of its own, right-aligned.
        item, f = _credit_item(story.photos[0], st["credit"], lead, setting)
        findings += f
        items.append(item)
    return tuple(items), findings


def _subhead_item(block: Block, style: Style, bs: _BodySetting,
                  ) -> tuple[FlowItem, list[Finding]]:
    """An in-body subhead: its lines under a row of air (trimmed at a column's top), kept
    with the line after it."""
    L = bs.leading
    align = "center" if style.align == "justify" else style.align
    r = bs.ts.balanced(block.text, style, bs.measure, align=align)
    findings = text_findings(r, block.ref, page=bs.page, item=bs.story, origin=block.origin)
    n = len(r.lines)
    specs = tuple(LineSpec(ln, L + k * L + baseline_in(L, style.size), 0.0, style.size,
                           "subhead", style.color) for k, ln in enumerate(r.lines))
    return FlowItem("subhead", (n + 1) * L, specs, top_trim=L, keep_with_next=True,
                    chars=len(r.text), ref=block.ref), findings


def _paragraph_items(block: Block, style: Style, lead: float, para_no: int, kind: str,
                     bs: _BodySetting) -> tuple[list[FlowItem], list[Finding]]:
    """A paragraph as one flow item per line (`kind` body, or caption in a picture story)."""
    r = bs.ts.paragraph(block.runs, style, bs.measure, indent=True)
    findings = text_findings(r, block.ref, page=bs.page, item=bs.story, origin=block.origin)
    n = len(r.lines)
    return [FlowItem(kind, lead,
                     (LineSpec(ln, baseline_in(lead, style.size), 0.0, style.size, kind,
                               style.color),),
                     para=para_no, first_of_para=k == 0, last_of_para=k == n - 1,
                     chars=ln.end - ln.start, ref=block.ref)
            for k, ln in enumerate(r.lines)], findings


def _credit_item(photo: Photo, style: Style, lead: float, bs: _BodySetting,
                 ) -> tuple[FlowItem, list[Finding]]:
    """A picture story's photo credit, right-aligned on lines of its own."""
    r = bs.ts.text(photo.credit, style, bs.measure, align="right")
    findings = text_findings(r, photo.ref, page=bs.page, item=bs.story,
                             origin=photo.origin("credit"))
    specs = tuple(LineSpec(ln, baseline_in(lead, style.size) + k * lead, 0.0, style.size,
                           "credit", style.color) for k, ln in enumerate(r.lines))
    return FlowItem("credit", lead * max(1, len(r.lines)), specs, chars=len(r.text),
                    ref=photo.ref), findings


def jump_item(text: str, ts: Typesetter, template: Template, grid: Grid) -> FlowItem:
    """A jump line （下轉第N版） / （上接第M版）: one row, right-aligned, jump style."""
    st = template.styles["jump"]
    r = ts.text(text, st, grid.col_width, align="right")
    specs = tuple(LineSpec(ln, baseline_in(grid.leading, st.size) + k * grid.leading, 0.0,
                           st.size, "jump", st.color) for k, ln in enumerate(r.lines))
    return FlowItem("jump", grid.leading * max(1, len(r.lines)), specs)
