"""Lay out a whole issue: every page, every story part, continuations and their jump lines.

Takes the loaded Issue, font metrics and the pixel sizes of photos and adverts; returns
frozen LaidOutPages and the layout findings (overset, widow, underset, headline-lines,
photo checks, jump warnings). Page references are known from the manifest, so jump
lines are set in one pass per story: each part reserves its jump line's row first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.i18n import msg, nmsg
from xhprint.images.adverts import ad_size_finding, fit_advert
from xhprint.layout.arrange import arrange_pages
from xhprint.layout.flow import FlowItem
from xhprint.layout.grid import Grid, Rect
from xhprint.layout.invariants import box_overflow
from xhprint.layout.line_quality import is_loose, loose_line_findings
from xhprint.layout.masthead import masthead, page_header
from xhprint.layout.parts import BoxedItem, StoryPart, boxed_items, jump_words, story_parts
from xhprint.layout.plan import PartPlan, empty_rows, plan_story
from xhprint.layout.rules import box_rules
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import body_stream, jump_item
from xhprint.layout.typeset import Typesetter
from xhprint.model import AdItem, Box, Finding, Issue, Page, SourceRef, StoryItem
from xhprint.model.frame import (
    Element,
    ImageBox,
    ItemArea,
    LaidOutPage,
    LinkArea,
    PdfPlacement,
    TextLine,
)
from xhprint.text.types import Metrics
from xhprint.text.words import WordBreaks

if TYPE_CHECKING:
    from xhprint.layout.autoplace import PagePlacement

#: roles of the lines a story's body stream sets (jump lines are added by the layout)
STORY_ROLES = ("body", "caption", "subhead", "credit")


def box_json(box: Box, automatic: bool) -> dict[str, Any]:
    """A box as report.json gives it: where it ended, and whether the engine chose it."""
    return {"col": box.col, "row": box.row, "cols": box.cols, "rows": box.rows,
            "automatic": automatic}


@dataclass(frozen=True)
class PartStats:
    """What one story part set (report.json `pages[].items[]`), in the box it ended with."""

    id: str
    part: int
    lines_set: int
    overset_lines: int
    box: Box
    automatic: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "part": self.part, "lines_set": self.lines_set,
                "overset_lines": self.overset_lines, "box": box_json(self.box, self.automatic)}


@dataclass(frozen=True)
class AdStats:
    """An advert placed on the page."""

    id: str
    box: Box

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": "ad", "box": box_json(self.box, False)}


@dataclass(frozen=True)
class PageStats:
    """The items of one page, in the order they were laid out."""

    number: int
    items: tuple[PartStats | AdStats, ...]

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "items": [i.to_json() for i in self.items]}


@dataclass(frozen=True)
class IssueLayout:
    """The laid-out pages with their grids (for proofs) and the layout's findings and stats."""

    pages: tuple[LaidOutPage, ...]
    grids: tuple[Grid, ...]
    findings: tuple[Finding, ...]
    stats: tuple[PageStats, ...]
    #: the issue as laid out: every item with its final box, the engine's photo sizes
    arranged: Issue | None = None
    placements: tuple[PagePlacement, ...] = ()  # what automatic placement did, per page


@dataclass(frozen=True)
class ItemOutput:
    """What one item (an advert, a story part) adds to its page and to the findings."""

    elements: tuple[Element, ...]
    area: ItemArea
    findings: tuple[Finding, ...] = ()
    stats: PartStats | AdStats | None = None


@dataclass
class _PageBuild:
    """Mutable scratch for one page while the issue is laid out (local to layout_issue)."""

    elements: list[Element] = field(default_factory=list)
    areas: list[ItemArea] = field(default_factory=list)
    stats: list[PartStats | AdStats] = field(default_factory=list)

    def add(self, out: ItemOutput) -> None:
        self.elements += out.elements
        self.areas.append(out.area)
        if out.stats is not None:
            self.stats.append(out.stats)


def layout_issue(issue: Issue, metrics: Metrics, photo_sizes: Mapping[Path, tuple[int, int]],
                 ad_sizes: Mapping[Path, tuple[float, float]],
                 words: Callable[[str], Set[int]] | None = None) -> IssueLayout:
    """Every page of the issue: boxes arranged first, then page furniture and adverts,
    then each story flowed through its parts, then the overflow check of every page."""
    tpl = issue.template
    ts = Typesetter(metrics, issue.lang, tpl.kinsoku, tpl.punct_style, tpl.punct_position,
                    words if words is not None else WordBreaks())
    grids = tuple(Grid.for_page(tpl, p.number) for p in issue.pages)
    builds = [_PageBuild() for _ in issue.pages]
    issue, arranged, placements = arrange_pages(issue, grids, ts, photo_sizes)
    findings = list(arranged)
    parts_of = boxed_items(issue)
    streams: dict[str, tuple[FlowItem, ...]] = {}
    for story_id, placed in parts_of.items():
        streams[story_id], f = _first_stream(issue, placed[0], grids, ts)
        findings += f
    for page, grid, b in zip(issue.pages, grids, builds, strict=True):
        findings += _page_furniture(issue, page, grid, ts, ad_sizes, photo_sizes, b)
    for story_id, placed in parts_of.items():
        flow = _story_flow(issue, story_id, placed, streams[story_id], grids, ts, photo_sizes)
        findings += _lay_story(flow, builds)
    pages = tuple(
        LaidOutPage(p.number, tpl.trim_width, tpl.trim_height, p.section,
                    tuple(b.elements), tuple(b.areas))
        for p, b in zip(issue.pages, builds, strict=True))
    for laid, grid in zip(pages, grids, strict=True):
        findings += box_overflow(laid, grid)
        findings += loose_line_findings(laid, tpl.preflight.loose_line_em)
    stats = tuple(PageStats(p.number, tuple(b.stats))
                  for p, b in zip(issue.pages, builds, strict=True))
    return IssueLayout(pages, grids, tuple(findings), stats, issue, tuple(placements))


def _lay_story(flow: StoryFlow, builds: list[_PageBuild]) -> list[Finding]:
    """Add every part of the story to its page; returns the findings, in part order."""
    findings: list[Finding] = []
    for k, part in enumerate(flow.parts):
        out = _emit_part(flow, k)
        findings += out.findings
        builds[part.page_index].add(out)
    return findings


def _first_stream(issue: Issue, first: BoxedItem, grids: tuple[Grid, ...], ts: Typesetter,
                  ) -> tuple[tuple[FlowItem, ...], list[Finding]]:
    """A story's body stream, set once for all its parts (a picture story's caption at its
    first box's measure)."""
    pi = first.page_index
    return body_stream(issue.stories[first.item.story], ts, issue.template, grids[pi],
                       page=issue.pages[pi].number, box_cols=first.box.cols)


def _page_furniture(issue: Issue, page: Page, grid: Grid, ts: Typesetter,
                    ad_sizes: Mapping[Path, tuple[float, float]],
                    photo_sizes: Mapping[Path, tuple[int, int]], b: _PageBuild,
                    ) -> list[Finding]:
    """What a page has before its stories: masthead or header, the rules between its
    boxes, its adverts. Returns their findings."""
    if page.number == 1 and issue.template.masthead is not None:
        el, area, findings = masthead(issue, page, grid, ts)
    else:
        el, area, findings = page_header(issue, page, grid, ts)
    b.elements += el
    if area:
        b.areas.append(area)
    b.elements += box_rules([it.box for it in page.items if it.box is not None], grid)
    for item in page.items:
        if isinstance(item, AdItem):
            out = _place_ad(item, grid, ad_sizes, photo_sizes, page.number)
            if out is not None:
                findings += out.findings
                b.add(out)
    return findings


def _ad_size(item: AdItem, ad_sizes: Mapping[Path, tuple[float, float]],
             photo_sizes: Mapping[Path, tuple[int, int]]) -> tuple[float, float] | None:
    """The advert's size: a PDF's page size, else an image's pixels (None: unreadable)."""
    size = ad_sizes.get(item.path)
    if size is None and item.path.suffix.lower() != ".pdf" and item.path in photo_sizes:
        px = photo_sizes[item.path]
        return float(px[0]), float(px[1])
    return size


def _place_ad(item: AdItem, grid: Grid, ad_sizes: Mapping[Path, tuple[float, float]],
              photo_sizes: Mapping[Path, tuple[int, int]], page: int) -> ItemOutput | None:
    rect = grid.box_rect(item.box)
    size = _ad_size(item, ad_sizes, photo_sizes)
    if size is None:
        return None
    fit = fit_advert(size[0], size[1], rect.w, rect.h)
    x, y, w, h = rect.x + fit.x, rect.y + fit.y, fit.w, fit.h
    warning = ad_size_finding(fit, item.rel, item.ref, page)
    element: Element
    if item.path.suffix.lower() == ".pdf":
        element = PdfPlacement(x, y, w, h, item.path, item=item.rel)
    else:
        px = photo_sizes[item.path]
        element = ImageBox(x, y, w, h, item.path, (0, 0, px[0], px[1]), item=item.rel,
                           ref=item.ref)
    area = ItemArea(item.rel, "ad", rect.x, rect.y, rect.w, rect.h, box=item.box,
                    title=item.rel, ref=item.ref)
    return ItemOutput((element,), area, (warning,) if warning is not None else (),
                      AdStats(item.rel, item.box))


@dataclass(frozen=True)
class StoryFlow:
    """One story through the issue: its parts, the plan of each, and what they share.
    The emitter (`_emit_part`) turns each part's plan into elements and findings."""

    issue: Issue
    story_id: str
    stream: tuple[FlowItem, ...]
    parts: tuple[StoryPart, ...]
    plans: tuple[PartPlan, ...]
    grids: tuple[Grid, ...]
    ts: Typesetter
    photo_sizes: Mapping[Path, tuple[int, int]]

    def page_of(self, k: int) -> int:
        """The page number part k stands on."""
        return self.issue.pages[self.parts[k].page_index].number

    def jump_y(self, k: int) -> float:
        """Where the （下轉） line that part k's （上接） line links back to stands: the
        last earlier part that set one."""
        for plan in reversed(self.plans[:k]):
            if plan.continues and not plan.no_room:
                return plan.slots[-1].bottom
        return 0.0


def _story_flow(issue: Issue, story_id: str, placed: list[BoxedItem],
                stream: tuple[FlowItem, ...], grids: tuple[Grid, ...], ts: Typesetter,
                photo_sizes: Mapping[Path, tuple[int, int]]) -> StoryFlow:
    """Frame every part of the story, then plan its flow through them."""
    parts = story_parts(issue, story_id, placed, grids, ts, photo_sizes)
    plans = plan_story(stream, [p.flow for p in parts])
    return StoryFlow(issue, story_id, stream, tuple(parts), plans, grids, ts, photo_sizes)


def _emit_part(flow: StoryFlow, k: int) -> ItemOutput:
    """What part k's plan draws: its frame, its lines, its jump lines and their links, the
    findings about it and its stats."""
    part, plan = flow.parts[k], flow.plans[k]
    story_id, item, rect = flow.story_id, part.item, part.rect
    area = ItemArea(story_id, "story", rect.x, rect.y, rect.w, rect.h, box=part.box,
                    title=flow.issue.stories[story_id].title, part=k + 1, ref=item.ref,
                    automatic=item.automatic)
    if plan.empty:
        return ItemOutput((), area)
    notes = part.frame.findings + _jump_notes(plan, item, flow.page_of(k), story_id)
    if plan.no_room:
        return ItemOutput(part.frame.elements, area, notes,
                          PartStats(story_id, k + 1, 0, 0, part.box, item.automatic))
    lines = _placed_lines(plan, story_id, flow.issue.template.preflight.loose_line_em)
    story_lines = [tl for tl in lines if tl.role in STORY_ROLES]
    overset_lines, fit = _fit_findings(flow, k)
    nxt = flow.page_of(k + 1) if plan.continues and k + 1 < len(flow.parts) else None
    area = replace(area, continued_from=flow.page_of(k - 1) if k else None, continues_to=nxt,
                   text="".join(tl.text for tl in story_lines), lines_set=len(story_lines),
                   overset_lines=overset_lines)
    return ItemOutput(
        part.frame.elements + tuple(lines) + _jump_lines(flow, k, lines), area,
        notes + tuple(_widow_findings(plan, story_id, flow.page_of(k))) + fit,
        PartStats(story_id, k + 1, len(story_lines), overset_lines, part.box, item.automatic))


def _jump_notes(plan: PartPlan, item: StoryItem, page: int, story_id: str,
                ) -> tuple[Finding, ...]:
    """A `continue:` the text does not need, or a part with no row for text at all."""
    if plan.unneeded_jump and item.continue_to is not None:
        return (Finding("jump", "warning",
                        msg("continue: {page} is not needed: the text fits here; the "
                            "box on page {page} stays empty", page=item.continue_to),
                        where=item.ref, page=page, item=story_id,
                        hint=msg("remove continue: or shrink this box")),)
    if plan.no_room:
        # Headline or jump head fill the box: no row for text, nor for its jump line.
        return (Finding("overset", "error",
                        msg("the box on page {page} has no row left for text after "
                            "the headline; the story goes on in the next part", page=page),
                        where=item.ref, page=page, item=story_id,
                        hint=msg("make this box taller")),)
    return ()


def _jump_lines(flow: StoryFlow, k: int, lines: list[TextLine]) -> tuple[Element, ...]:
    """Part k's jump lines and their links: the 上接 line's back to the previous part's
    下轉 line, and the 下轉 line (set under its last column) on to the next part."""
    part, plan = flow.parts[k], flow.plans[k]
    out: list[Element] = []
    if plan.up_line and lines:
        up = lines[0]
        out.append(LinkArea(plan.slots[0].x, up.baseline - up.size, plan.slots[0].width,
                            up.size * 1.3, flow.page_of(k - 1), flow.jump_y(k)))
    if plan.continues and k + 1 < len(flow.parts):
        grid = flow.grids[part.page_index]
        target = flow.page_of(k + 1)
        tail = plan.slots[-1]
        down_word, _up = jump_words(flow.issue.lang)
        ji = jump_item(down_word.format(target), flow.ts, flow.issue.template, grid)
        out += [TextLine(tail.x + spec.x, tail.bottom + spec.baseline, spec.size,
                         spec.line.glyphs, spec.color, "jump", flow.story_id, part.item.ref)
                for spec in ji.lines]
        out.append(LinkArea(tail.x, tail.bottom, tail.width, grid.leading, target,
                            grid.row_top(flow.parts[k + 1].box.row)))
    return tuple(out)


def _fit_findings(flow: StoryFlow, k: int) -> tuple[int, tuple[Finding, ...]]:
    """The overset lines of the story's last part and the finding saying so, or an
    underset finding for a part the text ends in with rows to spare."""
    part, plan = flow.parts[k], flow.plans[k]
    grid, box, tpl = flow.grids[part.page_index], part.box, flow.issue.template
    story = flow.issue.stories[flow.story_id]
    page = flow.page_of(k)

    def rows(max_rows: int) -> int | None:
        q = PartQuestion(story, part.item, grid, page, flow.stream, plan.start,
                         part.flow.up_line, first_part=k == 0)
        return rows_needed(q, max_rows, flow.ts, tpl, flow.photo_sizes)

    rest = plan.overset(flow.stream) if part.flow.last else ()
    if rest:
        lines = sum(len(it.lines) for it in rest)
        return lines, (_overset(lines, sum(it.chars for it in rest), box,
                                rows(grid.rows - box.row + 1), page, flow.story_id,
                                part.item.ref),)
    if plan.continues or not part.frame.slots:
        return 0, ()
    empty = empty_rows(plan.result.slot_ends, part.frame.slots, grid.leading)
    if empty < tpl.preflight.underset_rows:
        return 0, ()
    return 0, (_underset(empty, box, rows(box.rows), page, flow.story_id, grid.col_chars,
                         part.item.ref),)


def _overset(lines: int, chars: int, box: Box, rows: int | None, page: int,
             story_id: str, ref: SourceRef | None) -> Finding:
    """What does not fit, and the rows that would hold it (or that no box on the page can)."""
    head = nmsg("{lines} ({chars}) does not fit in the last part",
                "{lines} ({chars}) do not fit in the last part", lines,
                lines=lines_of(lines), chars=characters(chars))
    if rows is not None:
        more = rows - box.rows
        text = nmsg("{head}: it needs {n} more row (set rows: {rows})",
                    "{head}: it needs {n} more rows (set rows: {rows})", more,
                    head=head, n=more, rows=rows)
        hint = msg("set rows: {rows} on page {page}, or cut the text", rows=rows, page=page)
    else:
        text = msg("{head}: more than the page holds below row {row}", head=head,
                   row=box.row)
        hint = msg("continue the story on a later page, or cut it")
    return Finding("overset", "error", text, where=ref, page=page, item=story_id, hint=hint)


def _underset(empty: int, box: Box, rows: int | None, page: int,
              story_id: str, col_chars: int, ref: SourceRef | None) -> Finding:
    """Rows left empty, and the rows the story needs."""
    if rows is not None and rows < box.rows:
        text = nmsg("{n} row of the box stays empty after the story ends (set rows: {rows})",
                    "{n} rows of the box stay empty after the story ends (set rows: {rows})",
                    empty, n=empty, rows=rows)
        hint = msg("set rows: {rows}, or add text or a photo", rows=rows)
    else:  # one row less takes a row from every column: more than is empty
        text = nmsg("{n} row of the box stays empty after the story ends; one row less "
                    "would not hold the story",
                    "{n} rows of the box stay empty after the story ends; one row less "
                    "would not hold the story", empty, n=empty)
        hint = msg("add about {chars} characters or a photo, or narrow the box",
                   chars=empty * col_chars)
    return Finding("underset", "warning", text, where=ref, page=page, item=story_id,
                   hint=hint)


def _placed_lines(plan: PartPlan, story_id: str, loose_line_em: float) -> list[TextLine]:
    """The plan's flow items as text lines at their slots and heights; a body line spread
    past `loose_line_em` is marked loose (layout/line_quality.py)."""
    out: list[TextLine] = []
    for pl in plan.result.placements:
        it = plan.items[pl.index]
        sl = plan.slots[pl.slot]
        for spec in it.lines:
            out.append(TextLine(sl.x + spec.x, pl.y + spec.baseline, spec.size, spec.line.glyphs,
                                spec.color, spec.role, story_id, it.ref,
                                spec.role == "body" and is_loose(spec.line, loose_line_em)))
    return out


def _widow_findings(plan: PartPlan, story_id: str, page: int) -> list[Finding]:
    """A paragraph's last line that the plan still leaves alone atop a column."""
    out = []
    for pl in plan.result.placements:
        it = plan.items[pl.index]
        if (it.kind == "body" and it.last_of_para and not it.first_of_para
                and abs(pl.y - plan.slots[pl.slot].top) < 1e-6):
            out.append(Finding("widow", "warning",
                               msg("a paragraph's last line stands alone at the top of a column"),
                               where=it.ref, page=page, item=story_id,
                               hint=msg("edit the text by a few characters or resize the box")))
    return out


def lines_of(n: int) -> str:
    """“N lines”, for messages that count lines."""
    return nmsg("{n} line", "{n} lines", n, n=n)


def characters(n: int) -> str:
    """“N characters”, for messages that count characters."""
    return nmsg("{n} character", "{n} characters", n, n=n)


__all__ = ["IssueLayout", "Rect", "layout_issue"]
