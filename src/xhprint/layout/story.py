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
from xhprint.model import Finding, Photo, Run, SourceRef, Story, Style, Template
from xhprint.model.frame import Element, ImageBox, TextLine
from xhprint.text.types import ComposeResult

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


def headline_block(story: Story, ts: Typesetter, template: Template, grid: Grid, rect: Rect,
                   span_cols: int, *, page: int, extra_rows: int = 0,
                   ) -> tuple[list[TextLine], int, list[Finding]]:
    """Kicker, headline, subhead and byline across `span_cols` columns, in whole rows.

    `extra_rows` (an item's `headline_space`) gives the block that many more rows of air:
    the byline stays in its last row, the rest is centred in the space above.

    Returns the lines, the rows taken and findings (headline-lines, missing glyphs).
    """
    st = template.styles
    width = grid.span_width(span_cols)
    parts: list[tuple[tuple, Style, float, str, SourceRef | None]] = []
    findings: list[Finding] = []
    def fref(name: str) -> SourceRef | None:
        origin = story.origin(name)
        return replace(origin.at(0), story=story.id) if origin else story.ref

    def found(r: ComposeResult, name: str) -> list[Finding]:
        return text_findings(r, fref(name), page=page, item=story.id, origin=story.origin(name))

    if story.kicker:
        r = ts.text(story.kicker, st["kicker"], width, align="center")
        findings += found(r, "kicker")
        parts.append((r.lines, st["kicker"], _leading(st["kicker"]), "kicker", fref("kicker")))
    if story.headline:
        limit = template.preflight.max_headline_lines
        r, used = ts.headline(story.headline, st["headline"], width, limit)
        findings += found(r, "headline")
        if len(r.lines) > limit:
            findings.append(Finding(
                "headline-lines", "warning",
                nmsg("headline needs {n} line (limit {limit}) even at {size:g} pt",
                     "headline needs {n} lines (limit {limit}) even at {size:g} pt",
                     len(r.lines), n=len(r.lines), limit=limit, size=used.size),
                where=fref("headline"), page=page, item=story.id,
                hint=msg("shorten the headline or widen headline_cols")))
        parts.append((r.lines, used, _leading(used), "headline", fref("headline")))
    if story.subhead:
        r = ts.balanced(story.subhead, st["subhead"], width, align="center")
        findings += found(r, "subhead")
        parts.append((r.lines, st["subhead"], _leading(st["subhead"]), "subhead",
                      fref("subhead")))
    if story.byline:
        r = ts.text(story.byline, st["byline"], width, align="left")
        findings += found(r, "byline")
        parts.append((r.lines, st["byline"], grid.leading, "byline", fref("byline")))
    if not parts:
        return [], 0, findings
    content_h = sum(len(p[0]) * p[2] for p in parts)
    rows = math.ceil((content_h + grid.leading * 0.5) / grid.leading - 1e-6) + extra_rows
    # The byline sits on the grid in the last row; the rest is centred above it.
    y = rect.y + (rows * grid.leading - content_h) / 2
    if parts[-1][3] == "byline":
        y = rect.y + (rows - len(parts[-1][0])) * grid.leading - sum(
            len(p[0]) * p[2] for p in parts[:-1])
        y = max(rect.y, y - grid.leading * 0.25) if len(parts) > 1 else y
    out: list[TextLine] = []
    for lines, style, lead, role, sref in parts:
        if role == "byline":
            y = rect.y + (rows - len(lines)) * grid.leading
        made, h = _lines_block(lines, rect.x, y, style, lead, item=story.id, ref=sref, role=role)
        out += made
        y += h
    return out, rows, findings


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


def story_part_frame(story: Story, rect: Rect, box_cols: int, first_col: int, grid: Grid,
                     ts: Typesetter, template: Template, photo_sizes: Mapping[Path, tuple[int, int]],
                     *, page: int, headline_cols: int | None, first_part: bool,
                     jump_head: bool, headline_space: int = 0) -> PartFrame:
    """Lay out a story part's fixed parts and return the slots left for its body."""
    elements: list[Element] = []
    findings: list[Finding] = []
    L = grid.leading
    col_tops = [rect.y] * box_cols
    col_bottoms = [rect.bottom] * box_cols
    if story.kind == "picture" and first_part:
        return _picture_frame(story, rect, box_cols, first_col, grid, ts, template, photo_sizes,
                              page=page)
    if first_part:
        span = min(headline_cols or box_cols, box_cols)
        lines, rows, f = headline_block(story, ts, template, grid, rect, span, page=page,
                                        extra_rows=headline_space)
        findings += f
        above, made, f = _photos_above(story, rect, box_cols, first_col, grid, ts, template,
                                       photo_sizes, headline_rows=rows, page=page)
        elements += made
        findings += f
        elements += [_shift(t, above) for t in lines] if above else lines
        col_tops = [rect.y + above] * box_cols
        for c in range(span):
            col_tops[c] = rect.y + above + rows * L
        for photo in story.photos:
            size = photo_sizes.get(photo.file)
            if size is None or photo.place == "above":
                continue
            if photo.place in ("top", "bottom"):
                pcols, c0 = box_cols, 0
            else:
                pcols = min(photo.cols or max(1, box_cols // 2), box_cols)
                c0 = 0 if photo.place == "top-left" else box_cols - pcols
            width = grid.span_width(pcols)
            x = grid.col_x(first_col + c0)
            caption_lines, cap_h, f = caption_block(photo, ts, template, x, 0.0, width,
                                                    item=story.id, page=page)
            findings += f
            cap_rows = math.ceil((cap_h + CAPTION_GAP) / L - 1e-6) if cap_h else 0
            free_top = max(col_tops[c0:c0 + pcols])
            free_rows = int((min(col_bottoms[c0:c0 + pcols]) - free_top) / L + 1e-6)
            prow, f = fit_rows(photo, photo_rows(photo, size, width, grid), free_rows - cap_rows,
                               item=story.id, page=page,
                               what=msg("after the headline and the caption") if cap_rows
                               else msg("after the headline"))
            findings += f
            if prow <= 0:
                continue  # nothing can be drawn inside the box: the error says so
            if photo.place == "bottom":
                top = min(col_bottoms[c0:c0 + pcols]) - (prow + cap_rows) * L
            else:
                top = free_top
            frame = Rect(x, top, width, prow * L)
            img, f2 = place_photo(photo, size, frame, template, item=story.id, page=page)
            elements.append(img)
            cap_top = frame.bottom + CAPTION_GAP
            elements += [_shift(t, cap_top) for t in caption_lines]
            findings += f2
            for c in range(c0, c0 + pcols):
                if photo.place == "bottom":
                    col_bottoms[c] = top
                else:
                    col_tops[c] = top + (prow + cap_rows) * L
    elif jump_head:
        st = template.styles["jump_head"]
        r = ts.balanced(story.title, st, rect.w, align="left")
        findings += text_findings(r, story.ref, page=page, item=story.id,
                                  origin=story.origin("headline") if story.headline else None)
        lead = _leading(st)
        rows = math.ceil((len(r.lines) * lead + L * 0.5) / L - 1e-6)
        y = rect.y + (rows * L - len(r.lines) * lead) / 2
        made, _ = _lines_block(r.lines, rect.x, y, st, lead, item=story.id, ref=story.ref,
                               role="jump_head")
        elements += made
        col_tops = [rect.y + rows * L] * box_cols
    slots = tuple(Slot(grid.col_x(first_col + c), col_tops[c], col_bottoms[c], grid.col_width)
                  for c in range(box_cols) if col_bottoms[c] - col_tops[c] >= L - 1e-6)
    return PartFrame(tuple(elements), slots, tuple(findings))


def _photos_above(story: Story, rect: Rect, box_cols: int, first_col: int, grid: Grid,
                  ts: Typesetter, template: Template,
                  photo_sizes: Mapping[Path, tuple[int, int]], *, headline_rows: int,
                  page: int) -> tuple[float, list[Element], list[Finding]]:
    """Photos with `place: above` across the top of the box, over the headline ("art on
    top": what lets two stories stand side by side without their headlines touching).
    Returns the height they take (pt), their elements and findings."""
    L = grid.leading
    elements: list[Element] = []
    findings: list[Finding] = []
    above = 0.0
    width = grid.span_width(box_cols)
    x = grid.col_x(first_col)
    for photo in story.photos:
        size = photo_sizes.get(photo.file)
        if photo.place != "above" or size is None:
            continue
        caption_lines, cap_h, f = caption_block(photo, ts, template, x, 0.0, width,
                                                item=story.id, page=page)
        findings += f
        cap_rows = math.ceil((cap_h + CAPTION_GAP) / L - 1e-6) if cap_h else 0
        free_rows = int((rect.bottom - rect.y - above) / L + 1e-6) - headline_rows - cap_rows
        prow, f = fit_rows(photo, photo_rows(photo, size, width, grid), free_rows,
                           item=story.id, page=page,
                           what=msg("with the headline and the caption below it"))
        findings += f
        if prow <= 0:
            continue
        frame = Rect(x, rect.y + above, width, prow * L)
        img, f2 = place_photo(photo, size, frame, template, item=story.id, page=page)
        elements.append(img)
        elements += [_shift(t, frame.bottom + CAPTION_GAP) for t in caption_lines]
        findings += f2
        above += (prow + cap_rows) * L
    return above, elements, findings


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


def _picture_frame(story: Story, rect: Rect, box_cols: int, first_col: int, grid: Grid,
                   ts: Typesetter, template: Template,
                   photo_sizes: Mapping[Path, tuple[int, int]], *, page: int) -> PartFrame:
    """圖片新聞: label across the top, the first photo under it, the caption text below in
    wide segments. The photo takes what the box has left after the caption's rows."""
    L = grid.leading
    elements: list[Element] = []
    findings: list[Finding] = []
    top = rect.y
    label = story.label or ""
    if label:
        st = template.styles["label"]
        r = ts.text(label, st, rect.w, align="left")
        findings += text_findings(r, story.ref, page=page, item=story.id,
                                  origin=story.origin("label"))
        made, _ = _lines_block(r.lines, rect.x, top, st, L, item=story.id, ref=story.ref,
                               role="label")
        elements += made
        top += L
    if story.headline:
        lines, rows, f = headline_block(story, ts, template, grid,
                                        Rect(rect.x, top, rect.w, rect.h), box_cols, page=page)
        elements += lines
        findings += f
        top += rows * L
    seg, stream, _f = picture_caption(story, ts, template, grid, box_cols, page=page)
    per_segment = math.ceil(len(stream) / seg.count)
    text_h = max((it.height for it in stream), default=0.0) * per_segment
    text_rows = math.ceil(text_h / L - 1e-6)
    if story.photos and story.photos[0].file in photo_sizes:
        photo = story.photos[0]
        size = photo_sizes[photo.file]
        cap: list[TextLine] = []
        cap_rows = 0
        if photo.caption:
            cap, cap_h, f = caption_block(photo, ts, template, rect.x, 0.0, rect.w,
                                          item=story.id, page=page, with_credit=False)
            findings += f
            cap_rows = math.ceil((cap_h + CAPTION_GAP) / L - 1e-6)
        gap_rows = 0 if cap_rows else math.ceil(CAPTION_GAP / L)
        free = int((rect.bottom - top) / L + 1e-6) - cap_rows - gap_rows - text_rows
        prow, f = fit_rows(photo, photo_rows(photo, size, rect.w, grid), free,
                           item=story.id, page=page,
                           what=msg("after the label and the caption text"))
        findings += f
        if prow > 0:
            frame = Rect(rect.x, top, rect.w, prow * L)
            img, f = place_photo(photo, size, frame, template, item=story.id, page=page)
            elements.append(img)
            findings += f
            elements += [_shift(t, frame.bottom + CAPTION_GAP) for t in cap]
            top += (prow + cap_rows + gap_rows) * L
    slots = seg.slots(rect.x, top, rect.bottom) if rect.bottom - top >= L - 1e-6 else ()
    return PartFrame(tuple(elements), slots, tuple(findings))


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


def _stream(story: Story, ts: Typesetter, template: Template, grid: Grid, measure: float, *,
            page: int) -> tuple[tuple[FlowItem, ...], list[Finding]]:
    """Body (or picture caption) text set `measure` pt wide as flow items."""
    st = template.styles
    L = grid.leading
    items: list[FlowItem] = []
    findings: list[Finding] = []
    picture = story.kind == "picture"
    body_style = st["caption"] if picture else st["body"]
    lead = _leading(body_style) if picture else L
    blocks = list(story.blocks)
    credit = story.photos[0].credit if picture and story.photos else ""
    para_no = 0
    for block in blocks:
        if block.kind == "subhead":
            style = st["inline_subhead"]
            align = "center" if style.align == "justify" else style.align
            r = ts.balanced(block.text, style, measure, align=align)
            findings += text_findings(r, block.ref, page=page, item=story.id,
                                      origin=block.origin)
            n = len(r.lines)
            specs = tuple(LineSpec(ln, L + k * L + baseline_in(L, style.size), 0.0, style.size,
                                   "subhead", style.color) for k, ln in enumerate(r.lines))
            items.append(FlowItem("subhead", (n + 1) * L, specs, top_trim=L, keep_with_next=True,
                                  chars=len(r.text), ref=block.ref))
            continue
        runs = block.runs
        r = ts.paragraph(runs, body_style, measure, indent=True)
        findings += text_findings(r, block.ref, page=page, item=story.id, origin=block.origin)
        n = len(r.lines)
        for k, ln in enumerate(r.lines):
            spec = LineSpec(ln, baseline_in(lead, body_style.size), 0.0, body_style.size,
                            "caption" if picture else "body", body_style.color)
            # Caption lines are not body lines: the widow rule is for body columns.
            items.append(FlowItem("caption" if picture else "body", lead, (spec,), para=para_no,
                                  first_of_para=k == 0,
                                  last_of_para=k == n - 1, chars=ln.end - ln.start,
                                  ref=block.ref))
        para_no += 1
    if picture and credit:
        # The photo credit ends a picture story, on a line of its own, right-aligned.
        st_credit = st["credit"]
        r = ts.text(credit, st_credit, measure, align="right")
        findings += text_findings(r, story.photos[0].ref, page=page, item=story.id,
                                  origin=story.photos[0].origin("credit"))
        specs = tuple(LineSpec(ln, baseline_in(lead, st_credit.size) + k * lead, 0.0,
                               st_credit.size, "credit", st_credit.color)
                      for k, ln in enumerate(r.lines))
        items.append(FlowItem("credit", lead * max(1, len(r.lines)), specs,
                              chars=len(r.text), ref=story.photos[0].ref))
    return tuple(items), findings


def jump_item(text: str, ts: Typesetter, template: Template, grid: Grid) -> FlowItem:
    """A jump line （下轉第N版） / （上接第M版）: one row, right-aligned, jump style."""
    st = template.styles["jump"]
    r = ts.text(text, st, grid.col_width, align="right")
    specs = tuple(LineSpec(ln, baseline_in(grid.leading, st.size) + k * grid.leading, 0.0,
                           st.size, "jump", st.color) for k, ln in enumerate(r.lines))
    return FlowItem("jump", grid.leading * max(1, len(r.lines)), specs)
