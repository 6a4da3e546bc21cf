"""A story's parts across the issue: which items hold it, in page order, and what each
part's frame is and flows (shared by the layout and automatic placement)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xhprint.layout.grid import Grid, Rect
from xhprint.layout.plan import MIN_BALANCED_ROWS, PartInput
from xhprint.layout.story import PartFrame, jump_item, story_part_frame
from xhprint.layout.typeset import Typesetter
from xhprint.model import Box, Issue, StoryItem


def jump_words(lang: str) -> tuple[str, str]:
    """（下轉第N版） / （上接第M版） templates per language (manifest.md §2)."""
    down = "（下轉第{}版）" if lang == "zh-Hant" else "（下转第{}版）"
    return down, "（上接第{}版）"


def story_items(issue: Issue) -> dict[str, list[tuple[int, StoryItem]]]:
    """Each story's parts in page order: (page index, item)."""
    parts: dict[str, list[tuple[int, StoryItem]]] = {}
    for pi, page in enumerate(issue.pages):
        for item in page.items:
            if isinstance(item, StoryItem):
                parts.setdefault(item.story, []).append((pi, item))
    return parts


@dataclass(frozen=True)
class BoxedItem:
    """A story item on its page with the box it is set in.

    The manifest may leave a story's box to the engine (`StoryItem.box` is then None);
    automatic placement gives it one before anything is set (autoplace.arrange_pages).
    Everything that sets or measures a part takes this type, so "a placed item always
    has a box" is the type's, not a check repeated at each use.
    """

    page_index: int
    item: StoryItem
    box: Box


def boxed(page_index: int, item: StoryItem) -> BoxedItem | None:
    """The item with its box, or None while the engine has not placed it yet."""
    return BoxedItem(page_index, item, item.box) if item.box is not None else None


def boxed_parts(placed: Sequence[tuple[int, StoryItem]]) -> list[BoxedItem]:
    """The parts (page index, item) that have their box, in order."""
    return [b for b in (boxed(pi, item) for pi, item in placed) if b is not None]


def boxed_items(issue: Issue) -> dict[str, list[BoxedItem]]:
    """Each story's boxed parts in page order.

    On an arranged issue (arrange_pages) that is every part: a story the engine could
    not place is gone from it, with its later parts, and reported as overset.
    """
    out: dict[str, list[BoxedItem]] = {}
    for sid, placed in story_items(issue).items():
        parts = boxed_parts(placed)
        if parts:
            out[sid] = parts
    return out


@dataclass(frozen=True)
class StoryPart:
    """One part of a story as laid out on its page: its item, frame and the flow input."""

    page_index: int
    item: StoryItem
    box: Box
    rect: Rect
    frame: PartFrame
    flow: PartInput


def story_parts(issue: Issue, story_id: str, placed: Sequence[BoxedItem],
                grids: tuple[Grid, ...], ts: Typesetter,
                photo_sizes: Mapping[Path, tuple[int, int]]) -> list[StoryPart]:
    """Each part's frame (headline and photos, or the jump head) and what flows into it."""
    tpl = issue.template
    story = issue.stories[story_id]
    _down, up_word = jump_words(issue.lang)
    out = []
    for k, part in enumerate(placed):
        pi, item, box = part.page_index, part.item, part.box
        grid = grids[pi]
        page = issue.pages[pi]
        rect = grid.box_rect(box)
        frame = story_part_frame(story, rect, box.cols, box.col, grid, ts, tpl,
                                 photo_sizes, page=page.number, headline_cols=item.headline_cols,
                                 first_part=k == 0, jump_head=k > 0,
                                 headline_space=item.headline_space)
        up = (jump_item(up_word.format(issue.pages[placed[k - 1].page_index].number), ts, tpl,
                        grid)
              if k > 0 else None)
        flow = PartInput(frame.slots, grid.leading, up, last=k == len(placed) - 1,
                         min_balanced_rows=1 if story.kind == "picture" else MIN_BALANCED_ROWS)
        out.append(StoryPart(pi, item, box, rect, frame, flow))
    return out
