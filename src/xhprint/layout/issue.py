"""Lay out a whole issue: every page, every story part, continuations and their jump lines.

Takes the loaded Issue, font metrics and the pixel sizes of photos and adverts; returns
frozen LaidOutPages and the layout findings (overset, widow, underset, headline-lines,
photo checks, jump warnings). Page references are known from the manifest, so jump
lines are set in one pass per story: each part reserves its jump line's row first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

from xhprint.layout.flow import FlowItem, Slot, fill, widows
from xhprint.layout.grid import Grid, Rect
from xhprint.layout.masthead import masthead, page_header
from xhprint.layout.rules import box_rules
from xhprint.layout.story import body_stream, jump_item, story_part_frame
from xhprint.layout.typeset import Typesetter
from xhprint.model import AdItem, Finding, Issue, SourceRef, StoryItem
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

AD_ASPECT_TOLERANCE = 0.02
MIN_BALANCED_ROWS = 4
BALANCE_WIDOW_ROWS = 2  # rows deeper than level balancing may go to avoid a widow
#: roles of the lines a story's body stream sets (jump lines are added by the layout)
STORY_ROLES = ("body", "caption", "subhead", "credit")


@dataclass(frozen=True)
class IssueLayout:
    """The laid-out pages with their grids (for proofs) and the layout's findings and stats."""

    pages: tuple[LaidOutPage, ...]
    grids: tuple[Grid, ...]
    findings: tuple[Finding, ...]
    stats: tuple[dict, ...]


@dataclass
class _PageBuild:
    """Mutable scratch for one page while the issue is laid out (local to layout_issue)."""

    elements: list[Element] = field(default_factory=list)
    areas: list[ItemArea] = field(default_factory=list)
    stats: list[dict] = field(default_factory=list)


def jump_words(lang: str) -> tuple[str, str]:
    """（下轉第N版） / （上接第M版） templates per language (manifest.md §2)."""
    down = "（下轉第{}版）" if lang == "zh-Hant" else "（下转第{}版）"
    return down, "（上接第{}版）"


def layout_issue(issue: Issue, metrics: Metrics, photo_sizes: Mapping[Path, tuple[int, int]],
                 ad_sizes: Mapping[Path, tuple[float, float]],
                 words: Callable[[str], Set[int]] | None = None) -> IssueLayout:
    tpl = issue.template
    ts = Typesetter(metrics, issue.lang, tpl.kinsoku, tpl.punct_style, tpl.punct_position,
                    words if words is not None else WordBreaks())
    grids = tuple(Grid.for_page(tpl, p.number) for p in issue.pages)
    builds = [_PageBuild() for _ in issue.pages]
    findings: list[Finding] = []

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

    # Story parts in page order.
    parts: dict[str, list[tuple[int, StoryItem]]] = {}
    for pi, page in enumerate(issue.pages):
        for item in page.items:
            if isinstance(item, StoryItem):
                parts.setdefault(item.story, []).append((pi, item))
    for story_id, story_parts in parts.items():
        _lay_story(issue, story_id, story_parts, grids, builds, ts, photo_sizes, findings)

    pages = tuple(
        LaidOutPage(p.number, tpl.trim_width, tpl.trim_height, p.section,
                    tuple(b.elements), tuple(b.areas))
        for p, b in zip(issue.pages, builds, strict=True))
    stats = tuple({"number": p.number, "items": b.stats}
                  for p, b in zip(issue.pages, builds, strict=True))
    return IssueLayout(pages, grids, tuple(findings), stats)


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
    aw, ah = size
    scale = min(rect.w / aw, rect.h / ah)
    w, h = aw * scale, ah * scale
    x, y = rect.x + (rect.w - w) / 2, rect.y + (rect.h - h) / 2
    diff = abs((aw / ah) / (rect.w / rect.h) - 1)
    if diff > AD_ASPECT_TOLERANCE:
        findings.append(Finding("ad-size", "warning",
                                f"{item.rel} differs from its booked box by {diff:.1%} in aspect "
                                "ratio; scaled to fit and centred", where=item.ref, page=page,
                                item=item.rel, hint="ask the advertiser for the booked size"))
    if is_pdf:
        b.elements.append(PdfPlacement(x, y, w, h, item.path, item=item.rel))
    else:
        px = photo_sizes[item.path]
        b.elements.append(ImageBox(x, y, w, h, item.path, (0, 0, px[0], px[1]), item=item.rel,
                                   ref=item.ref))
    b.areas.append(ItemArea(item.rel, "ad", rect.x, rect.y, rect.w, rect.h, box=item.box,
                            title=item.rel, ref=item.ref))
    b.stats.append({"id": item.rel, "kind": "ad"})


def _lay_story(issue: Issue, story_id: str, story_parts: list[tuple[int, StoryItem]],
               grids: tuple[Grid, ...], builds: list[_PageBuild], ts: Typesetter,
               photo_sizes: Mapping[Path, tuple[int, int]], findings: list[Finding]) -> None:
    """Flow one story through its parts, setting jump lines where it continues."""
    tpl = issue.template
    story = issue.stories[story_id]
    first_pi = story_parts[0][0]
    first_page = issue.pages[first_pi].number
    stream, f = body_stream(story, ts, tpl, grids[first_pi], page=first_page)
    findings += f
    down_word, up_word = jump_words(issue.lang)
    pos = 0
    prev_page: int | None = None
    prev_jump: tuple[int, float, float, float] | None = None  # page index, x, y, w
    for k, (pi, item) in enumerate(story_parts):
        page = issue.pages[pi]
        grid = grids[pi]
        b = builds[pi]
        rect = grid.box_rect(item.box)
        frame = story_part_frame(story, rect, item.box.cols, item.box.col, grid, ts, tpl,
                                 photo_sizes, page=page.number, headline_cols=item.headline_cols,
                                 first_part=k == 0, jump_head=k > 0)
        findings += frame.findings
        is_last = k == len(story_parts) - 1
        done = pos >= len(stream)
        if k > 0 and done:
            # The text already fit in an earlier part: this box stays empty.
            b.areas.append(ItemArea(story_id, "story", rect.x, rect.y, rect.w, rect.h,
                                    box=item.box, title=story.title, part=k + 1,
                                    ref=item.ref))
            continue
        b.elements += frame.elements
        items: list[FlowItem] = list(stream)
        start = pos
        up_item = None
        if k > 0 and prev_page is not None:
            up_item = jump_item(up_word.format(prev_page), ts, tpl, grid)
        slots = list(frame.slots)
        # Would the rest fit here without continuing?
        local = ([up_item] if up_item else []) + items[start:]
        trial = fill(slots, local, 0)
        continues = not is_last and trial.next_index < len(local)
        if not is_last and not continues and item.continue_to is not None:
            findings.append(Finding("jump", "warning",
                                    f"continue: {item.continue_to} is not needed: the text fits "
                                    f"here; the box on page {item.continue_to} stays empty",
                                    where=item.ref, page=page.number, item=story_id,
                                    hint="remove continue: or shrink this box"))
        if continues and not slots:
            # Headline or jump head fill the box: no row for text, nor for its jump line.
            findings.append(Finding("overset", "error",
                                    f"the box on page {page.number} has no row left for text "
                                    "after the headline; the story goes on in the next part",
                                    where=item.ref, page=page.number, item=story_id,
                                    hint="make this box taller"))
            b.areas.append(ItemArea(story_id, "story", rect.x, rect.y, rect.w, rect.h,
                                    box=item.box, title=story.title, part=k + 1, ref=item.ref))
            b.stats.append({"id": story_id, "part": k + 1, "lines_set": 0, "overset_lines": 0})
            continue
        if continues:
            last = slots[-1]
            slots[-1] = Slot(last.x, last.top, last.bottom - grid.leading, last.width)
            result = fill(slots, local, 0)
        elif trial.next_index == len(local) and len(slots) > 1:
            # The text ends in this box: let its columns end level (no-op when full).
            slots = balanced_slots(slots, local, grid.leading)
            result = fill(slots, local, 0)
        else:
            result = trial
        if widows(result, slots, local):
            # Keep a paragraph's last line with the one before when the box has the room:
            # the same text still fits here, or (when the story continues) what moves on
            # still fits the later parts.
            alt = fill(slots, local, 0, avoid_widows=True)
            if widows(alt, slots, local) < widows(result, slots, local) and (
                    alt.next_index == result.next_index
                    or (continues and _rest_fits(
                        issue, story, stream, story_parts[k + 1:],
                        start + alt.next_index - (1 if up_item else 0), page.number, grids, ts,
                        photo_sizes))):
                result = alt
        placed_lines: list[TextLine] = []
        slot_list = slots
        for pl in result.placements:
            it = local[pl.index]
            sl = slot_list[pl.slot]
            for spec in it.lines:
                placed_lines.append(TextLine(sl.x + spec.x, pl.y + spec.baseline, spec.size,
                                             spec.line.glyphs, spec.color, spec.role,
                                             story_id, it.ref))
            if it.kind == "body" and it.last_of_para and not it.first_of_para and \
                    abs(pl.y - sl.top) < 1e-6:
                findings.append(Finding("widow", "warning",
                                        "a paragraph's last line stands alone at the top of a "
                                        "column", where=it.ref, page=page.number, item=story_id,
                                        hint="edit the text by a few characters or resize the box"))
        b.elements += placed_lines
        consumed = result.next_index - (1 if up_item else 0)
        if up_item is not None and k > 0 and prev_jump is not None:
            # The 上接 line links back to the previous part's 下轉 line.
            ul = placed_lines[0] if placed_lines else None
            if ul is not None:
                b.elements.append(LinkArea(slots[0].x, ul.baseline - ul.size, slots[0].width,
                                           ul.size * 1.3, prev_page or 1, prev_jump[2]))
        pos = start + max(0, consumed)
        # Text lines of the story itself (not jump lines): counted the same way as the
        # overset lines below, so lines set + overset lines = the story's lines.
        text = "".join(tl.text for tl in placed_lines if tl.role in STORY_ROLES)
        lines_set = sum(1 for tl in placed_lines if tl.role in STORY_ROLES)
        overset_lines = 0
        nxt = story_parts[k + 1] if not is_last else None
        if continues and nxt is not None:
            target_page = issue.pages[nxt[0]].number
            ji = jump_item(down_word.format(target_page), ts, tpl, grid)
            sl = slots[-1]
            y = sl.bottom
            for spec in ji.lines:
                b.elements.append(TextLine(sl.x + spec.x, y + spec.baseline, spec.size,
                                           spec.line.glyphs, spec.color, "jump", story_id,
                                           item.ref))
            b.elements.append(LinkArea(sl.x, y, sl.width, grid.leading, target_page,
                                       grid.row_top(nxt[1].box.row)))
            prev_jump = (pi, sl.x, y, sl.width)
            prev_page = page.number
        elif is_last and pos < len(stream):
            rest = stream[pos:]
            overset_lines = sum(len(it.lines) for it in rest)
            chars = sum(it.chars for it in rest)
            findings.append(Finding("overset", "error",
                                    f"{overset_lines} lines ({chars} characters) do not fit in "
                                    "the last part", where=item.ref, page=page.number,
                                    item=story_id,
                                    hint=f"enlarge the box on page {page.number} or continue the "
                                         "story on a later page"))
        if is_last or not continues:
            _underset(result.slot_ends, frame.slots, grid, tpl.preflight.underset_rows,
                      findings, page.number, story_id, item.ref, pos >= len(stream))
        b.areas.append(ItemArea(story_id, "story", rect.x, rect.y, rect.w, rect.h, box=item.box,
                                title=story.title, part=k + 1,
                                continued_from=issue.pages[story_parts[k - 1][0]].number
                                if k > 0 else None,
                                continues_to=issue.pages[nxt[0]].number
                                if continues and nxt else None,
                                text=text, lines_set=lines_set, overset_lines=overset_lines,
                                ref=item.ref))
        b.stats.append({"id": story_id, "part": k + 1, "lines_set": lines_set,
                        "overset_lines": overset_lines})
        if not continues:
            # Later parts (if any) stay empty.
            for pi2, item2 in story_parts[k + 1:]:
                r2 = grids[pi2].box_rect(item2.box)
                builds[pi2].areas.append(ItemArea(story_id, "story", r2.x, r2.y, r2.w, r2.h,
                                                  box=item2.box, title=story.title,
                                                  part=story_parts.index((pi2, item2)) + 1,
                                                  ref=item2.ref))
            break


def _rest_fits(issue: Issue, story, stream: tuple[FlowItem, ...],
               later: list[tuple[int, StoryItem]], pos: int, prev_page: int,
               grids: tuple[Grid, ...], ts: Typesetter,
               photo_sizes: Mapping[Path, tuple[int, int]]) -> bool:
    """Whether stream[pos:] fits the story's later parts, set as the main loop sets them
    (jump head, 上接 line, a reserved row for each further 下轉 line)."""
    tpl = issue.template
    _down, up_word = jump_words(issue.lang)
    for j, (pi, item) in enumerate(later):
        grid = grids[pi]
        page = issue.pages[pi]
        frame = story_part_frame(story, grid.box_rect(item.box), item.box.cols, item.box.col,
                                 grid, ts, tpl, photo_sizes, page=page.number,
                                 headline_cols=item.headline_cols, first_part=False,
                                 jump_head=True)
        slots = list(frame.slots)
        if not slots:
            return False
        local = [jump_item(up_word.format(prev_page), ts, tpl, grid), *stream[pos:]]
        if fill(slots, local, 0).next_index == len(local):
            return True
        if j == len(later) - 1:
            return False
        last = slots[-1]
        slots[-1] = Slot(last.x, last.top, last.bottom - grid.leading, last.width)
        pos += max(0, fill(slots, local, 0).next_index - 1)
        prev_page = page.number
    return pos >= len(stream)


def balanced_slots(slots: list[Slot], items: list[FlowItem], leading: float) -> list[Slot]:
    """Shorten the columns to a common depth so the text ends level (Founder's 均衡分欄).

    Used when a story's text would leave whole columns of its box empty: the lowest row
    line at which everything still fits, found by bisection over row lines.
    """
    top = min(s.top for s in slots)
    bottom = max(s.bottom for s in slots)
    # Never spread text thinner than MIN_BALANCED_ROWS per column: two lines in two
    # columns read as a mistake, not as balance.
    hi = max(1, round((bottom - top) / leading))
    lo = min(MIN_BALANCED_ROWS, hi)

    def capped(rows: int) -> list[Slot]:
        y = top + rows * leading
        return [Slot(s.x, s.top, min(s.bottom, max(s.top, y)), s.width) for s in slots]

    top_rows = hi
    while lo < hi:
        mid = (lo + hi) // 2
        if fill(capped(mid), items, 0, avoid_widows=True).next_index == len(items):
            hi = mid
        else:
            lo = mid + 1
    # A row or two deeper may leave no paragraph end alone atop a column.
    for rows in range(lo, min(lo + BALANCE_WIDOW_ROWS, top_rows) + 1):
        slots_at = capped(rows)
        result = fill(slots_at, items, 0, avoid_widows=True)
        if result.next_index == len(items) and not widows(result, slots_at, items):
            return slots_at
    return capped(lo)


def _underset(ends: tuple[float, ...], box_slots: tuple[Slot, ...], grid: Grid, limit: int,
              findings: list[Finding], page: int, story_id: str, ref: SourceRef | None,
              complete: bool) -> None:
    """Warn when `limit` or more rows at the end of the story's last box stay empty.

    Counted in reading order from where the text ends: the rest of the last column it
    reaches, and every column after it (a short last column is as empty as a short box).
    """
    if not complete or not box_slots:
        return
    used = [k for k, (s, e) in enumerate(zip(box_slots, ends, strict=False)) if e > s.top + 1e-6]
    last = used[-1] if used else -1
    lead = grid.leading
    empty = sum(int((s.bottom - s.top) / lead + 1e-6) for s in box_slots[last + 1:])
    if last >= 0:
        empty += int((box_slots[last].bottom - ends[last]) / lead + 1e-6)
    if empty >= limit:
        findings.append(Finding("underset", "warning",
                                f"{empty} rows of the box stay empty after the story ends",
                                where=ref, page=page, item=story_id,
                                hint="shrink the box or add text"))


__all__ = ["IssueLayout", "Rect", "layout_issue"]
