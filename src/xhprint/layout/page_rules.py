"""A newspaper designer's rules for a page of story boxes, as checks (docs/placement.md).

The engine keeps them while it searches (placement.py); this module states them once,
on finished boxes, so the layout can report any the engine had to bend and the tests
can check every page it makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xhprint.model.issue import Box


@dataclass(frozen=True)
class RuleBox:
    """A box on the page as the rules see it."""

    id: str
    box: Box
    headline: tuple[int, int] | None = None  # absolute rows [first, end) of its headline
    rank: int | None = None  # place in priority order among placed stories (0: the lead)
    min_cols: int = 1  # the narrowest it may be (2 on a broadsheet unless a brief)


@dataclass(frozen=True)
class Breach:
    """One broken rule: which, and the ids of the boxes involved."""

    rule: str  # overlap | outside | tombstone | narrow | lead-top | lead-width | priority
    ids: tuple[str, ...]


def side_by_side(a: Box, b: Box) -> bool:
    """The boxes share a vertical edge along some row."""
    touching = a.last_col + 1 == b.col or b.last_col + 1 == a.col
    return touching and a.row <= b.last_row and b.row <= a.last_row


def breaches(boxes: Sequence[RuleBox], *, columns: int, top: int, bottom: int,
             lead_min_cols: int = 1) -> list[Breach]:
    """Every rule the boxes break. Fixed boxes (rank None) take part in overlap, outside
    and tombstone checks only."""
    out: list[Breach] = []
    for k, a in enumerate(boxes):
        b0 = a.box
        if b0.col < 1 or b0.last_col > columns or b0.row < top or b0.last_row > bottom:
            out.append(Breach("outside", (a.id,)))
        if a.rank is not None and b0.cols < a.min_cols:
            out.append(Breach("narrow", (a.id,)))
        for b in boxes[k + 1:]:
            if b0.overlaps(b.box):
                out.append(Breach("overlap", (a.id, b.id)))
            elif (a.headline and b.headline and side_by_side(b0, b.box)
                  and a.headline[0] < b.headline[1] and b.headline[0] < a.headline[1]):
                out.append(Breach("tombstone", (a.id, b.id)))
    ranked = sorted((b for b in boxes if b.rank is not None), key=lambda b: b.rank or 0)
    if ranked:
        lead = ranked[0]
        if lead.box.row != min(b.box.row for b in ranked):
            out.append(Breach("lead-top", (lead.id,)))
        if lead.box.cols < lead_min_cols or any(b.box.cols > lead.box.cols for b in ranked):
            out.append(Breach("lead-width", (lead.id,)))
        for k, a in enumerate(ranked):
            for b in ranked[k + 1:]:
                if not (b.box.row > a.box.row or b.box.cols <= a.box.cols):
                    out.append(Breach("priority", (a.id, b.id)))
    return out
