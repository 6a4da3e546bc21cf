"""A story's parts across the issue: which items hold it, in page order, and what each
part's frame is and flows (shared by the layout and automatic placement)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from xhprint.layout.grid import Grid, Rect
from xhprint.layout.plan import MIN_BALANCED_ROWS, PartInput
from xhprint.layout.story import PartFrame, jump_item, story_part_frame
from xhprint.layout.typeset import Typesetter
from xhprint.model import Issue, StoryItem


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
class StoryPart:
    """One part of a story as laid out on its page: its item, frame and the flow input."""

    page_index: int
    item: StoryItem
    rect: Rect
    frame: PartFrame
    flow: PartInput


def story_parts(issue: Issue, story_id: str, placed: list[tuple[int, StoryItem]],
                grids: tuple[Grid, ...], ts: Typesetter,
                photo_sizes: Mapping[Path, tuple[int, int]]) -> list[StoryPart]:
    """Each part's frame (headline and photos, or the jump head) and what flows into it."""
    tpl = issue.template
    story = issue.stories[story_id]
    _down, up_word = jump_words(issue.lang)
    out = []
    for k, (pi, item) in enumerate(placed):
        grid = grids[pi]
        page = issue.pages[pi]
        rect = grid.box_rect(item.box)
        frame = story_part_frame(story, rect, item.box.cols, item.box.col, grid, ts, tpl,
                                 photo_sizes, page=page.number, headline_cols=item.headline_cols,
                                 first_part=k == 0, jump_head=k > 0,
                                 headline_space=item.headline_space)
        up = (jump_item(up_word.format(issue.pages[placed[k - 1][0]].number), ts, tpl, grid)
              if k > 0 else None)
        flow = PartInput(frame.slots, grid.leading, up, last=k == len(placed) - 1,
                         min_balanced_rows=1 if story.kind == "picture" else MIN_BALANCED_ROWS)
        out.append(StoryPart(pi, item, rect, frame, flow))
    return out
