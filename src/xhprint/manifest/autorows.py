"""`rows: auto` (manifest.md §2): a story box as tall as its story needs.

The loader cannot measure text, so it gives an auto box the most rows it may take:
down to the next item below it in any of its columns, else to the type area's foot.
Overlap checks then run on that extent (an auto box can never grow into a neighbour),
and the layout shrinks the box to the rows its story needs (layout/sizing.py).
"""

from __future__ import annotations

from dataclasses import replace

from xhprint.model.issue import Box, Item, StoryItem


def auto_extent(box: Box, others: list[Box], type_rows: int) -> int:
    """Rows from `box.row` to the next box below in its columns, or to the foot."""
    below = [b.row for b in others if b.row > box.row
             and not (b.last_col < box.col or box.last_col < b.col)]
    limit = min(below) if below else type_rows + 1
    return max(0, limit - box.row)


def with_auto_extents(items: list[Item], type_rows: int) -> list[Item]:
    """The page's items with every `rows: auto` box given its largest extent."""
    boxes = [it.box for it in items if it.box is not None]
    out: list[Item] = []
    for it in items:
        if isinstance(it, StoryItem) and it.auto_rows and it.box is not None:
            others = [b for b in boxes if b is not it.box]
            rows = auto_extent(it.box, others, type_rows)
            out.append(replace(it, box=replace(it.box, rows=max(1, rows))))
        else:
            out.append(it)
    return out
