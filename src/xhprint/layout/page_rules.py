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
        out += _own_breaches(a, columns, top, bottom)
        out += [found for b in boxes[k + 1:] if (found := _pair_breach(a, b)) is not None]
    ranked = sorted((b for b in boxes if b.rank is not None), key=lambda b: b.rank or 0)
    if ranked:
        out += _rank_breaches(ranked, lead_min_cols)
    return out


def _own_breaches(a: RuleBox, columns: int, top: int, bottom: int) -> list[Breach]:
    """A box outside the type area below `top`, or a placed story narrower than it may be."""
    b0 = a.box
    out = []
    if b0.col < 1 or b0.last_col > columns or b0.row < top or b0.last_row > bottom:
        out.append(Breach("outside", (a.id,)))
    if a.rank is not None and b0.cols < a.min_cols:
        out.append(Breach("narrow", (a.id,)))
    return out


def _pair_breach(a: RuleBox, b: RuleBox) -> Breach | None:
    """Two boxes that overlap, or stand side by side with their headlines level."""
    if a.box.overlaps(b.box):
        return Breach("overlap", (a.id, b.id))
    if (a.headline and b.headline and side_by_side(a.box, b.box)
            and a.headline[0] < b.headline[1] and b.headline[0] < a.headline[1]):
        return Breach("tombstone", (a.id, b.id))
    return None


def _rank_breaches(ranked: Sequence[RuleBox], lead_min_cols: int) -> list[Breach]:
    """The priority rules among placed stories (lead first): the lead on top and widest,
    each later story lower or narrower than every earlier one."""
    out = []
    lead = ranked[0]
    if lead.box.row != min(b.box.row for b in ranked):
        out.append(Breach("lead-top", (lead.id,)))
    if lead.box.cols < lead_min_cols or any(b.box.cols > lead.box.cols for b in ranked):
        out.append(Breach("lead-width", (lead.id,)))
    out += [Breach("priority", (a.id, b.id))
            for k, a in enumerate(ranked) for b in ranked[k + 1:]
            if not (b.box.row > a.box.row or b.box.cols <= a.box.cols)]
    return out
