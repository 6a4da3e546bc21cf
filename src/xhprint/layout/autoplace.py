"""Give every item its final box before the layout sets it: `rows: auto` boxes are sized
(sizing.py) and stories without a box are placed (placement.py), page by page in order,
so a part continued from an earlier page knows where its text starts.

Returns the issue with every story item boxed (and the engine's photo sizes applied to
the stories) and the findings of placement: a story that does not fit the page, a page
left with an empty region, a rule the engine had to bend.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass, replace
from pathlib import Path

from xhprint.i18n import msg, nmsg
from xhprint.layout.flow import FlowItem
from xhprint.layout.grid import Grid
from xhprint.layout.page_rules import Breach, RuleBox, breaches
from xhprint.layout.parts import boxed_parts, jump_words, story_items, story_parts
from xhprint.layout.placement import (
    Candidate,
    Obstacle,
    PagePlan,
    PageProblem,
    Placement,
    min_area,
    place_page,
)
from xhprint.layout.plan import plan_story
from xhprint.layout.shapes import PartToPlace, Sizer, with_item_photos
from xhprint.layout.sizing import size_auto_boxes
from xhprint.layout.story import body_stream, headline_block, jump_item, story_part_frame
from xhprint.layout.typeset import Typesetter
from xhprint.model import AdItem, Box, Finding, Issue, Item, Page, PhotoSize, StoryItem

#: a page of at least this many columns is a broadsheet: stories at least 2 columns wide
#: (briefs excepted) and the lead at least half the page wide
BROADSHEET_COLUMNS = 6


@dataclass(frozen=True)
class PagePlacement:
    """What the engine did on one page (for reports and tests)."""

    page: int
    plan: PagePlan
    free_cells: int
    rule_boxes: tuple[RuleBox, ...]


def arrange_pages(issue: Issue, grids: tuple[Grid, ...], ts: Typesetter,
                  photo_sizes: Mapping[Path, tuple[int, int]],
                  ) -> tuple[Issue, list[Finding], list[PagePlacement]]:
    """Size `rows: auto` boxes and place boxless stories, page by page."""
    issue = _apply_item_photos(issue)
    findings: list[Finding] = []
    done: list[PagePlacement] = []
    for pi in range(len(issue.pages)):
        if not _engine_work(issue.pages[pi]):
            continue  # every box as written: nothing to size or place
        streams = _streams(issue, grids, ts)
        issue = size_auto_boxes(issue, grids, ts, photo_sizes, streams,
                                _starts(issue, grids, ts, photo_sizes, streams, pi,
                                        auto_rows=True), only={pi})
        todo = _boxless(issue.pages[pi])
        if not todo:
            continue
        issue, f, placed = _place(issue, pi, todo, grids, ts, photo_sizes, streams)
        findings += f
        done.append(placed)
    return issue, findings, done


def _engine_work(page: Page) -> bool:
    """Whether the page has a box to size (`rows: auto`) or a story to place."""
    return any(it.auto_rows or it.box is None for it in page.items if isinstance(it, StoryItem))


def _boxless(page: Page) -> list[StoryItem]:
    """The page's stories the engine is to place, in the page's order."""
    return [it for it in page.items if isinstance(it, StoryItem) and it.box is None]


def _apply_item_photos(issue: Issue) -> Issue:
    """Stories with the photo sizes their first item sets."""
    stories = dict(issue.stories)
    for sid, placed in story_items(issue).items():
        item = placed[0][1]
        if item.photos and sid in stories:
            stories[sid] = with_item_photos(issue.stories[sid], item)
    return replace(issue, stories=stories)


def _streams(issue: Issue, grids: tuple[Grid, ...], ts: Typesetter,
             ) -> dict[str, tuple[FlowItem, ...]]:
    """Each story's body stream (picture captions at their first box's width, or one column
    while it has none). Findings are the layout's to report, not these."""
    out: dict[str, tuple[FlowItem, ...]] = {}
    for sid, placed in story_items(issue).items():
        pi, item = placed[0]
        out[sid], _f = body_stream(issue.stories[sid], ts, issue.template, grids[pi],
                                   page=issue.pages[pi].number,
                                   box_cols=item.box.cols if item.box else 1)
    return out


def _starts(issue: Issue, grids: tuple[Grid, ...], ts: Typesetter,
            photo_sizes: Mapping[Path, tuple[int, int]],
            streams: Mapping[str, tuple[FlowItem, ...]], pi: int, *, auto_rows: bool = False,
            ) -> dict[tuple[str, int], tuple[int, FlowItem | None]]:
    """Where each continued part on page `pi` begins in its stream, and its 上接 line: its
    earlier parts (boxed by now) planned as the layout plans them."""
    out: dict[tuple[str, int], tuple[int, FlowItem | None]] = {}
    _down, up_word = jump_words(issue.lang)
    for sid, placed in story_items(issue).items():
        for k, (qi, item) in enumerate(placed):
            if k == 0 or qi != pi or (auto_rows and not item.auto_rows):
                continue
            earlier = story_parts(issue, sid, boxed_parts(placed[:k]), grids, ts,
                                  photo_sizes)
            plans = plan_story(streams[sid], [replace(p.flow, last=False) for p in earlier])
            up = jump_item(up_word.format(issue.pages[placed[k - 1][0]].number), ts,
                           issue.template, grids[pi])
            out[(sid, pi)] = (sum(p.consumed for p in plans), up)
    return out


def _place(issue: Issue, pi: int, todo: list[StoryItem], grids: tuple[Grid, ...],
           ts: Typesetter, photo_sizes: Mapping[Path, tuple[int, int]],
           streams: Mapping[str, tuple[FlowItem, ...]],
           ) -> tuple[Issue, list[Finding], PagePlacement]:
    """Place the page's boxless stories around its fixed boxes; returns the issue with
    their boxes, the findings (stories left out, holes, rules bent) and what was done."""
    page = issue.pages[pi]
    grid = grids[pi]
    tpl = issue.template
    columns = grid.columns
    broadsheet = columns >= BROADSHEET_COLUMNS
    reserved = (tpl.masthead.rows if page.number == 1 and tpl.masthead is not None
                else tpl.header_rows)
    top, bottom = reserved + 1, grid.rows
    sizer = Sizer(grid, ts, tpl, photo_sizes, page.number, bottom - top + 1)
    starts = _starts(issue, grids, ts, photo_sizes, streams, pi)
    parts_of = story_items(issue)
    parts: dict[str, PartToPlace] = {}
    cands: list[Candidate] = []
    for item in _by_priority(todo, parts_of, pi):
        part = parts[item.story] = _part_to_place(issue, pi, item, parts_of, starts, streams)
        cands.append(_candidate(part, sizer, columns, broadsheet))
    obstacles = tuple(_obstacle(issue, pi, it, it.box, grid, ts, parts_of)
                      for it in page.items if it.box is not None)
    problem = PageProblem(columns, top, bottom, obstacles, tuple(cands),
                          lead_min_cols=math.ceil(columns / 2) if broadsheet else 1,
                          cell_aspect=(grid.col_width + grid.gutter) / grid.leading,
                          underset_rows=tpl.preflight.underset_rows)
    plan = place_page(problem)
    free_cells = columns * (bottom - top + 1) - sum(o.box.cols * o.box.rows for o in obstacles)
    findings = _left_out(issue, pi, plan, cands, parts, problem, free_cells)
    issue = _apply(issue, pi, plan)
    rule_boxes = _rule_boxes(obstacles, plan, cands)
    findings += _holes(plan, page) + _bent(
        breaches(rule_boxes, columns=columns, top=top, bottom=bottom,
                 lead_min_cols=problem.lead_min_cols), page)
    return issue, findings, PagePlacement(page.number, plan, free_cells, rule_boxes)


def _by_priority(todo: list[StoryItem], parts_of: Mapping[str, list[tuple[int, StoryItem]]],
                 pi: int) -> list[StoryItem]:
    """The stories in priority order: as given, else the order of the page's items, a
    story's continued part (a jump) after the stories that start here."""
    jumps = {k for k, it in enumerate(todo) if parts_of[it.story][0][0] != pi}
    order = sorted(range(len(todo)), key=lambda k: (
        todo[k].priority or k + 1 + (len(todo) if k in jumps else 0), k))
    return [todo[k] for k in order]


def _part_to_place(issue: Issue, pi: int, item: StoryItem,
                   parts_of: Mapping[str, list[tuple[int, StoryItem]]],
                   starts: Mapping[tuple[str, int], tuple[int, FlowItem | None]],
                   streams: Mapping[str, tuple[FlowItem, ...]]) -> PartToPlace:
    """The item as a part to place: where its text starts, and whether a later part
    takes what does not fit."""
    chain = parts_of[item.story]
    index = next(n for n, (qi, _it) in enumerate(chain) if qi == pi)
    start, up = starts.get((item.story, pi), (0, None))
    return PartToPlace(issue.stories[item.story], item, streams[item.story], start, up,
                       continues=item.continue_to is not None and index < len(chain) - 1)


def _candidate(part: PartToPlace, sizer: Sizer, columns: int, broadsheet: bool) -> Candidate:
    """The part with every shape it may take: at least two columns wide on a broadsheet
    (a brief one), exactly its `cols:` if it has them."""
    item = part.item
    least = 1 if part.brief or not broadsheet else 2
    widths = [w for w in range(least, columns + 1) if item.cols in (None, w)]
    return Candidate(item.story, sizer.shapes(part, widths), part.lines, part.chars,
                     min_cols=least, fixed_cols=item.cols)


def _rule_boxes(obstacles: tuple[Obstacle, ...], plan: PagePlan, cands: list[Candidate],
                ) -> tuple[RuleBox, ...]:
    """The page's boxes as the designer's rules see them: the fixed ones, then the placed
    stories in priority order."""
    return tuple(
        [RuleBox(o.id, o.box, _abs(o.box, o.headline)) for o in obstacles]
        + [RuleBox(p.id, p.box, _abs(p.box, p.shape.headline), rank,
                   next(c.min_cols for c in cands if c.id == p.id))
           for rank, p in enumerate(plan.placements)])


def _abs(box: Box, headline: tuple[int, int] | None) -> tuple[int, int] | None:
    return (box.row + headline[0], box.row + headline[0] + headline[1]) if headline else None


def _obstacle(issue: Issue, pi: int, item: StoryItem | AdItem, box: Box, grid: Grid,
              ts: Typesetter, parts_of: Mapping[str, list[tuple[int, StoryItem]]]) -> Obstacle:
    """A fixed box (`box`, the item's), with the rows its headline (or jump head) takes at
    its top."""
    if isinstance(item, AdItem):
        return Obstacle(item.rel, box)
    story = issue.stories[item.story]
    first = parts_of[item.story][0][0] == pi
    rect = grid.box_rect(box)
    if not first:
        frame = story_part_frame(story, rect, box.cols, box.col, grid, ts,
                                 issue.template, {}, page=issue.pages[pi].number,
                                 headline_cols=None, first_part=False, jump_head=True)
        rows = min((round((s.top - rect.y) / grid.leading) for s in frame.slots),
                   default=box.rows)
        return Obstacle(item.story, box, (0, rows))
    if not story.headline:
        return Obstacle(item.story, box)
    _lines, rows, _f = headline_block(story, ts, issue.template, grid, rect,
                                      item.headline_cols or box.cols,
                                      page=issue.pages[pi].number)
    offset = 1 if story.kind == "picture" and story.label else 0
    return Obstacle(item.story, box, (offset, rows))


def _apply(issue: Issue, pi: int, plan: PagePlan) -> Issue:
    """The page with the plan's boxes (and photo sizes) on its items; items left out gone,
    with the story's later parts."""
    placed = {p.id: p for p in plan.placements}
    gone = set(plan.left_out)
    pages = tuple(replace(page, items=_kept(page.items, placed if qi == pi else {},
                                            gone if qi >= pi else set()))
                  for qi, page in enumerate(issue.pages))
    stories = dict(issue.stories)
    for item in pages[pi].items:
        if isinstance(item, StoryItem) and item.story in placed \
                and placed[item.story].shape.photos:
            stories[item.story] = with_item_photos(issue.stories[item.story], item)
    return replace(issue, pages=pages, stories=stories)


def _kept(items: tuple[Item, ...], placed: Mapping[str, Placement], gone: Set[str],
          ) -> tuple[Item, ...]:
    """The items without the stories in `gone`, the ones in `placed` in their boxes."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, StoryItem):
            if item.story in gone:
                continue
            if item.story in placed:
                item = _placed_item(item, placed[item.story])
        out.append(item)
    return tuple(out)


def _placed_item(item: StoryItem, p: Placement) -> StoryItem:
    """The item in the box the engine chose, with the photo sizes of its shape and the
    air its headline block was given."""
    photos = _merge(p.shape.photos, item.photos) if p.shape.photos else item.photos
    return replace(item, box=p.box, placed=True, photos=photos, headline_space=p.space)


def _merge(engine: tuple[PhotoSize | None, ...], given: tuple[PhotoSize | None, ...],
           ) -> tuple[PhotoSize | None, ...]:
    n = max(len(engine), len(given))
    out = []
    for k in range(n):
        e = engine[k] if k < len(engine) else None
        out.append(e if e is not None else (given[k] if k < len(given) else None))
    return tuple(out)


def _left_out(issue: Issue, pi: int, plan: PagePlan, cands: list[Candidate],
              parts: Mapping[str, PartToPlace], problem: PageProblem,
              free_cells: int) -> list[Finding]:
    """An error for each story that does not fit: by how much, and what to do.

    "Over by" is what all the page's stories need at their most compact beyond the free
    area, in rows across the page; a story that could not be arranged although the area
    suffices is over by what it needs itself.
    """
    if not plan.left_out:
        return []
    page = issue.pages[pi]
    rows_total = problem.bottom - problem.top + 1

    def cells(c: Candidate) -> int:
        return min_area(c, problem.columns, rows_total) or c.lines

    need = sum(cells(c) for c in cands)
    col_chars = Grid.for_page(issue.template, page.number).col_chars
    out = []
    for sid in plan.left_out:
        cand = next(c for c in cands if c.id == sid)
        excess = need - free_cells if need > free_cells else cells(cand)
        rows = max(1, math.ceil(excess / problem.columns))
        chars = _about(min(cand.chars, excess * col_chars))
        later = (msg("page {n}", n=page.number + 1) if pi + 1 < len(issue.pages)
                 else msg("a later page"))
        out.append(Finding(
            "overset", "error",
            nmsg("page {page} is over by {n} row (about {chars} characters): continue "
                 "`{story}` on {later}, or cut it",
                 "page {page} is over by {n} rows (about {chars} characters): continue "
                 "`{story}` on {later}, or cut it", rows,
                 page=page.number, n=rows, chars=f"{chars:,}", story=sid, later=later),
            where=parts[sid].item.ref, page=page.number, item=sid,
            hint=msg("the page holds the other stories; add `continue: N` and an item for "
                     "`{story}` on page N, give it less text, or place it on another page",
                     story=sid)))
    return out


def _about(n: int) -> int:
    """A round figure: to the hundred from 1,000 up, to the ten below."""
    step = 100 if n >= 1000 else 10
    return round(n / step) * step if n >= step else n


def _holes(plan: PagePlan, page: Page) -> list[Finding]:
    """A warning for each region the stories could not fill."""
    return [Finding(
        "placement", "warning",
        msg("page {page}: columns {c0}–{c1}, rows {r0}–{r1} stay empty: the stories cannot "
            "fill the page", page=page.number, c0=box.col, c1=box.last_col, r0=box.row,
            r1=box.last_row),
        where=page.ref, page=page.number,
        hint=msg("add a story or a photo to the page, or give a story more text"))
        for box in plan.holes]


def _bent(found: list[Breach], page: Page) -> list[Finding]:
    """The rules the engine had to bend to fill the page."""
    out = []
    for b in found:
        a, c = (b.ids + ("",))[:2]
        if b.rule == "tombstone":
            text = msg("the headlines of {a} and {b} stand side by side", a=a, b=c)
        elif b.rule == "priority":
            text = msg("{b} is placed above and wider than the more important {a}", a=a, b=c)
        elif b.rule == "narrow":
            text = msg("{a} is narrower than a story should be", a=a)
        elif b.rule == "lead-top":
            text = msg("the lead {a} is not at the top of the page", a=a)
        elif b.rule == "lead-width":
            text = msg("the lead {a} is not the widest story", a=a)
        else:
            continue  # overlap and outside cannot happen: box-overlap/box-overflow say so
        out.append(Finding("placement", "warning", text, where=page.ref, page=page.number,
                           item=a, hint=msg("give the stories priorities or widths (priority:, "
                                            "cols:), or place one by hand with a box")))
    return out
