"""The page grid (manifest.md §2 "The grid"): whole-character columns and baseline rows.

Founder 飛騰's 絕對 mode: a column is N body characters wide, N the most that fit when
the type width is split into `columns` with at least `gutter` between them; the
remainder widens the gutters evenly. Rows are one leading each; what is left of the
type height goes to the bottom margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xhprint.model import Box, Template
from xhprint.model.frame import EM_BOX_ASCENT


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in pt, y down."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Grid:
    """Column and row geometry of one page, pt from the trim top-left."""

    left: float
    top: float
    columns: int
    col_chars: int
    col_width: float
    gutter: float
    rows: int
    leading: float
    size: float
    type_width: float

    @classmethod
    def for_page(cls, template: Template, page_number: int) -> Grid:
        """Grid of a page; odd pages are rectos, so their inside margin is on the left."""
        m = template.margins
        left = m.inside if page_number % 2 == 1 else m.outside
        width = template.trim_width - m.inside - m.outside
        height = template.trim_height - m.top - m.bottom
        n = column_chars(width, template.columns, template.gutter, template.grid_size)
        col_w = n * template.grid_size
        gutter = (width - template.columns * col_w) / (template.columns - 1) if template.columns > 1 else 0.0
        rows = math.floor(height / template.grid_leading + 1e-9)
        return cls(left, m.top, template.columns, n, col_w, gutter, rows,
                   template.grid_leading, template.grid_size, width)

    def col_x(self, col: int) -> float:
        """Left edge of 1-based column `col`."""
        return self.left + (col - 1) * (self.col_width + self.gutter)

    def row_top(self, row: int) -> float:
        """Top edge of 1-based row `row`."""
        return self.top + (row - 1) * self.leading

    def baseline(self, row: int) -> float:
        """Baseline of a body line set in `row`: the em box centred in the row."""
        return self.row_top(row) + (self.leading - self.size) / 2 + EM_BOX_ASCENT * self.size

    def box_rect(self, box: Box) -> Rect:
        x = self.col_x(box.col)
        w = box.cols * self.col_width + (box.cols - 1) * self.gutter
        return Rect(x, self.row_top(box.row), w, box.rows * self.leading)

    def span_width(self, cols: int) -> float:
        return cols * self.col_width + (cols - 1) * self.gutter

    @property
    def type_height(self) -> float:
        return self.rows * self.leading


def column_chars(type_width: float, columns: int, min_gutter: float, size: float) -> int:
    """Most whole characters of `size` per column with at least `min_gutter` between columns."""
    usable = type_width - (columns - 1) * min_gutter
    return max(1, math.floor(usable / (columns * size) + 1e-9))
