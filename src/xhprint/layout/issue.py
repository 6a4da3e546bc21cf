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
from typing import Any

from xhprint.i18n import msg, nmsg
from xhprint.images.adverts import ad_size_finding, fit_advert
from xhprint.layout.autoplace import PagePlacement, arrange_pages
from xhprint.layout.flow import FlowItem
from xhprint.layout.grid import Grid, Rect
from xhprint.layout.invariants import box_overflow
from xhprint.layout.masthead import masthead, page_header
from xhprint.layout.parts import jump_words, story_items, story_parts
from xhprint.layout.plan import PartPlan, empty_rows, plan_story
from xhprint.layout.rules import box_rules
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import body_stream, jump_item
from xhprint.layout.typeset import Typesetter
from xhprint.model import AdItem, Box, Finding, Issue, StoryItem
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


@dataclass
class _PageBuild:
    """Mutable scratch for one page while the issue is laid out (local to layout_issue)."""

    elements: list[Element] = field(default_factory=list)
    areas: list[ItemArea] = field(default_factory=list)
    stats: list[PartStats | AdStats] = field(default_factory=list)


def layout_issue(issue: Issue, metrics: Metrics, photo_sizes: Mapping[Path, tuple[int, int]],
                 ad_sizes: Mapping[Path, tuple[float, float]],
                 words: Callable[[str], Set[int]] | None = None) -> IssueLayout:
    tpl = issue.template
    ts = Typesetter(metrics, issue.lang, tpl.kinsoku, tpl.punct_style, tpl.punct_position,
                    words if words is not None else WordBreaks())
    grids = tuple(Grid.for_page(tpl, p.number) for p in issue.pages)
    builds = [_PageBuild() for _ in issue.pages]
    findings: list[Finding] = []
    issue, arranged, placements = arrange_pages(issue, grids, ts, photo_sizes)
    findings += arranged
    streams: dict[str, tuple[FlowItem, ...]] = {}
    for story_id, placed in story_items(issue).items():
        first_pi = placed[0][0]
        streams[story_id], f = body_stream(issue.stories[story_id], ts, tpl, grids[first_pi],
                                           page=issue.pages[first_pi].number,
                                           box_cols=placed[0][1].box.cols)
        findings += f

    for page, grid, b in zip(issue.pages, grids, builds, strict=True):
        if page.number == 1 and tpl.masthead is not None:
            el, area, f = masthead(issue, page, grid, ts)
        else:
            el, area, f = page_header(issue, page, grid, ts)
        b.elements += el
        if area:
            b.areas.append(area)
        findings += f
        b.elements += box_rules([it.box for it in page.items], grid)
        for item in page.items:
            if isinstance(item, AdItem):
                _place_ad(item, grid, ad_sizes, photo_sizes, b, findings, page.number)

    for story_id, placed in story_items(issue).items():
        _lay_story(issue, story_id, placed, streams[story_id], grids, builds, ts, photo_sizes,
                   findings)

    pages = tuple(
        LaidOutPage(p.number, tpl.trim_width, tpl.trim_height, p.section,
                    tuple(b.elements), tuple(b.areas))
        for p, b in zip(issue.pages, builds, strict=True))
    for laid, grid in zip(pages, grids, strict=True):
        findings += box_overflow(laid, grid)
    stats = tuple(PageStats(p.number, tuple(b.stats))
                  for p, b in zip(issue.pages, builds, strict=True))
    return IssueLayout(pages, grids, tuple(findings), stats, issue, tuple(placements))


def _place_ad(item: AdItem, grid: Grid, ad_sizes: Mapping[Path, tuple[float, float]],
              photo_sizes: Mapping[Path, tuple[int, int]], b: _PageBuild,
              findings: list[Finding], page: int) -> None:
    rect = grid.box_rect(item.box)
    size = ad_sizes.get(item.path)
    is_pdf = item.path.suffix.lower() == ".pdf"
    if size is None and not is_pdf and item.path in photo_sizes:
        size = tuple(float(v) for v in photo_sizes[item.path])  # type: ignore[assignment]
    if size is None:
        return
    fit = fit_advert(size[0], size[1], rect.w, rect.h)
    x, y, w, h = rect.x + fit.x, rect.y + fit.y, fit.w, fit.h
    warning = ad_size_finding(fit, item.rel, item.ref, page)
    if warning is not None:
        findings.append(warning)
    if is_pdf:
        b.elements.append(PdfPlacement(x, y, w, h, item.path, item=item.rel))
    else:
        px = photo_sizes[item.path]
        b.elements.append(ImageBox(x, y, w, h, item.path, (0, 0, px[0], px[1]), item=item.rel,
                                   ref=item.ref))
    b.areas.append(ItemArea(item.rel, "ad", rect.x, rect.y, rect.w, rect.h, box=item.box,
                            title=item.rel, ref=item.ref))
    b.stats.append(AdStats(item.rel, item.box))


def _lay_story(issue: Issue, story_id: str, placed: list[tuple[int, StoryItem]],
               stream: tuple[FlowItem, ...], grids: tuple[Grid, ...], builds: list[_PageBuild],
               ts: Typesetter, photo_sizes: Mapping[Path, tuple[int, int]],
               findings: list[Finding]) -> None:
    """Flow one story through its parts: frames, a plan, then what the plan draws."""
    tpl = issue.template
    story = issue.stories[story_id]
    parts = story_parts(issue, story_id, placed, grids, ts, photo_sizes)
    plans = plan_story(stream, [p.flow for p in parts])
    down_word, _up = jump_words(issue.lang)
    prev_jump_y = 0.0
    for k, (part, plan) in enumerate(zip(parts, plans, strict=True)):
        page = issue.pages[part.page_index]
        grid = grids[part.page_index]
        b = builds[part.page_index]
        item, rect = part.item, part.rect
        nxt = parts[k + 1] if k + 1 < len(parts) else None
        area = ItemArea(story_id, "story", rect.x, rect.y, rect.w, rect.h, box=item.box,
                        title=story.title, part=k + 1, ref=item.ref, automatic=item.automatic)
        if plan.empty:
            b.areas.append(area)
            continue
        findings += part.frame.findings
        b.elements += part.frame.elements
        if plan.unneeded_jump and item.continue_to is not None:
            findings.append(Finding("jump", "warning",
                                    msg("continue: {page} is not needed: the text fits here; the "
                                        "box on page {page} stays empty", page=item.continue_to),
                                    where=item.ref, page=page.number, item=story_id,
                                    hint=msg("remove continue: or shrink this box")))
        if plan.no_room:
            # Headline or jump head fill the box: no row for text, nor for its jump line.
            findings.append(Finding("overset", "error",
                                    msg("the box on page {page} has no row left for text after "
                                        "the headline; the story goes on in the next part",
                                        page=page.number),
                                    where=item.ref, page=page.number, item=story_id,
                                    hint=msg("make this box taller")))
            b.areas.append(area)
            b.stats.append(PartStats(story_id, k + 1, 0, 0, item.box, item.automatic))
            continue
        lines = _placed_lines(plan, story_id)
        findings += _widow_findings(plan, story_id, page.number)
        b.elements += lines
        if plan.up_line and lines:
            # The 上接 line links back to the previous part's 下轉 line.
            up = lines[0]
            prev_page = issue.pages[parts[k - 1].page_index].number
            b.elements.append(LinkArea(plan.slots[0].x, up.baseline - up.size,
                                       plan.slots[0].width, up.size * 1.3, prev_page,
                                       prev_jump_y))
        story_lines = [tl for tl in lines if tl.role in STORY_ROLES]
        overset_lines = 0
        if plan.continues and nxt is not None:
            target = issue.pages[nxt.page_index].number
            tail = plan.slots[-1]
            ji = jump_item(down_word.format(target), ts, tpl, grid)
            for spec in ji.lines:
                b.elements.append(TextLine(tail.x + spec.x, tail.bottom + spec.baseline,
                                           spec.size, spec.line.glyphs, spec.color, "jump",
                                           story_id, item.ref))
            b.elements.append(LinkArea(tail.x, tail.bottom, tail.width, grid.leading, target,
                                       grid.row_top(nxt.item.box.row)))
            prev_jump_y = tail.bottom
        question = PartQuestion(story, item, grid, page.number, stream, plan.start,
                                part.flow.up_line, first_part=k == 0)
        if part.flow.last and plan.overset(stream):
            rest = plan.overset(stream)
            overset_lines = sum(len(it.lines) for it in rest)
            rows = rows_needed(question, grid.rows - item.box.row + 1, ts, tpl, photo_sizes)
            findings.append(_overset(overset_lines, sum(it.chars for it in rest), item,
                                     rows, page.number, story_id))
        elif not plan.continues and part.frame.slots:
            empty = empty_rows(plan.result.slot_ends, part.frame.slots, grid.leading)
            if empty >= tpl.preflight.underset_rows:
                rows = rows_needed(question, item.box.rows, ts, tpl, photo_sizes)
                findings.append(_underset(empty, item, rows, page.number, story_id,
                                          grid.col_chars))
        b.areas.append(replace(
            area, continued_from=issue.pages[parts[k - 1].page_index].number if k else None,
            continues_to=issue.pages[nxt.page_index].number if plan.continues and nxt else None,
            text="".join(tl.text for tl in story_lines), lines_set=len(story_lines),
            overset_lines=overset_lines))
        b.stats.append(PartStats(story_id, k + 1, len(story_lines), overset_lines, item.box,
                                 item.automatic))


def _overset(lines: int, chars: int, item: StoryItem, rows: int | None, page: int,
             story_id: str) -> Finding:
    """What does not fit, and the rows that would hold it (or that no box on the page can)."""
    head = nmsg("{lines} ({chars}) does not fit in the last part",
                "{lines} ({chars}) do not fit in the last part", lines,
                lines=lines_of(lines), chars=characters(chars))
    if rows is not None:
        more = rows - item.box.rows
        text = nmsg("{head}: it needs {n} more row (set rows: {rows})",
                    "{head}: it needs {n} more rows (set rows: {rows})", more,
                    head=head, n=more, rows=rows)
        hint = msg("set rows: {rows} on page {page}, or cut the text", rows=rows, page=page)
    else:
        text = msg("{head}: more than the page holds below row {row}", head=head,
                   row=item.box.row)
        hint = msg("continue the story on a later page, or cut it")
    return Finding("overset", "error", text, where=item.ref, page=page, item=story_id, hint=hint)


def _underset(empty: int, item: StoryItem, rows: int | None, page: int,
              story_id: str, col_chars: int) -> Finding:
    """Rows left empty, and the rows the story needs."""
    if rows is not None and rows < item.box.rows:
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
    return Finding("underset", "warning", text, where=item.ref, page=page, item=story_id,
                   hint=hint)


def _placed_lines(plan: PartPlan, story_id: str) -> list[TextLine]:
    """The plan's flow items as text lines at their slots and heights."""
    out: list[TextLine] = []
    for pl in plan.result.placements:
        it = plan.items[pl.index]
        sl = plan.slots[pl.slot]
        for spec in it.lines:
            out.append(TextLine(sl.x + spec.x, pl.y + spec.baseline, spec.size, spec.line.glyphs,
                                spec.color, spec.role, story_id, it.ref))
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
