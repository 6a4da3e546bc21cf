"""Whether an issue needs the placement engine (autoplace.py) at all.

Most issues give every story its box: nothing is sized (`rows: auto`), placed (no
box) or given another photo size by its item, so the engine's modules (placement,
shapes, page rules: ~8 ms of imports) need not even be loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.layout.grid import Grid
from xhprint.layout.typeset import Typesetter
from xhprint.model import Finding, Issue, StoryItem

if TYPE_CHECKING:
    from xhprint.layout.autoplace import PagePlacement


def arrange_pages(issue: Issue, grids: tuple[Grid, ...], ts: Typesetter,
                  photo_sizes: Mapping[Path, tuple[int, int]],
                  ) -> tuple[Issue, list[Finding], list[PagePlacement]]:
    """autoplace.arrange_pages, or the issue as it is when the engine has nothing to do."""
    if not needs_engine(issue):
        return issue, [], []
    from xhprint.layout.autoplace import arrange_pages as arrange

    return arrange(issue, grids, ts, photo_sizes)


def needs_engine(issue: Issue) -> bool:
    """Whether a story item has a box to size or to be given, or photo sizes of its own."""
    return any(isinstance(it, StoryItem) and (it.auto_rows or it.box is None or bool(it.photos))
               for page in issue.pages for it in page.items)
