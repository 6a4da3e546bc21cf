"""Grid arithmetic the loader needs to check boxes (manifest.md §2 "The grid").

Pure functions of the template, so layout/ can reuse or mirror them and both
agree on how many rows and characters the type area holds.
"""

from __future__ import annotations

import math

from xhprint.model.template import Template

_EPS = 1e-6  # mm→pt conversions must not lose a row or character to rounding


def type_width(t: Template) -> float:
    return t.trim_width - t.margins.inside - t.margins.outside


def type_height(t: Template) -> float:
    return t.trim_height - t.margins.top - t.margins.bottom


def type_area_rows(t: Template) -> int:
    """floor(type height / grid leading): the rest goes to the bottom margin."""
    return max(0, math.floor(type_height(t) / t.grid_leading + _EPS))


def column_chars(t: Template) -> int:
    """Body characters per column: the most that fit with at least `gutter` between columns."""
    room = type_width(t) - (t.columns - 1) * t.gutter
    return max(0, math.floor(room / (t.columns * t.grid_size) + _EPS))


def reserved_rows(t: Template, page_number: int) -> int:
    """Rows taken from the top of the type area: masthead on page 1, page header elsewhere."""
    if page_number == 1:
        return t.masthead.rows if t.masthead is not None else 0
    return t.header_rows
