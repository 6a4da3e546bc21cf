"""Rules between neighbouring boxes, drawn on their shared edge (manifest.md §2)."""

from __future__ import annotations

from collections.abc import Sequence

from xhprint.layout.grid import Grid
from xhprint.model import BLACK, Box
from xhprint.model.frame import RuleLine

RULE_WIDTH = 0.5


def box_rules(boxes: Sequence[Box], grid: Grid) -> list[RuleLine]:
    """A vertical rule in the gutter between side-by-side boxes, a horizontal one on the
    row line between stacked boxes, over the stretch the two boxes share."""
    rules: list[RuleLine] = []
    seen: set[tuple[float, float, float, float]] = set()
    for a in boxes:
        for b in boxes:
            if a is b:
                continue
            if a.last_col + 1 == b.col:
                r0, r1 = max(a.row, b.row), min(a.last_row, b.last_row)
                if r0 <= r1:
                    x = grid.col_x(b.col) - grid.gutter / 2
                    key = (x, grid.row_top(r0), x, grid.row_top(r1 + 1))
                    if key not in seen:
                        seen.add(key)
                        rules.append(RuleLine(*key, RULE_WIDTH, BLACK))
            if a.last_row + 1 == b.row:
                c0, c1 = max(a.col, b.col), min(a.last_col, b.last_col)
                if c0 <= c1:
                    y = grid.row_top(b.row) - 0.5 * 0  # on the row line
                    x0 = grid.col_x(c0)
                    x1 = grid.col_x(c1) + grid.col_width
                    key = (x0, y, x1, y)
                    if key not in seen:
                        seen.add(key)
                        rules.append(RuleLine(*key, RULE_WIDTH, BLACK))
    return rules
