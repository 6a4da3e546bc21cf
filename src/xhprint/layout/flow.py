"""Flowing a story's stream of lines into column slots (architecture.md practice 7).

A story becomes a stream of `FlowItem`s (byline, body lines, subheads, jump lines),
each a whole number of grid rows high for body text. `fill` answers "how much of
the stream fits in these slots" and where each item goes; the caller continues the
rest in the next part. Nothing here knows about pages or PDFs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xhprint.model import BLACK, CMYK, SourceRef
from xhprint.text.types import ComposedLine


@dataclass(frozen=True)
class LineSpec:
    """A composed line inside a flow item: baseline offset from the item top."""

    line: ComposedLine
    baseline: float
    x: float
    size: float
    role: str
    color: CMYK = BLACK


@dataclass(frozen=True)
class FlowItem:
    """One unbreakable piece of a story's stream: a body line, a subhead, a jump line."""

    kind: str  # byline | body | subhead | jump | caption | credit
    height: float
    lines: tuple[LineSpec, ...]
    top_trim: float = 0.0  # space above that vanishes at the top of a column
    keep_with_next: bool = False
    para: int = -1  # paragraph index (body lines)
    first_of_para: bool = False
    last_of_para: bool = False
    chars: int = 0  # source characters carried (for overset counts)
    ref: SourceRef | None = None


@dataclass(frozen=True)
class Slot:
    """One column's free area in a box, pt from the trim top-left."""

    x: float
    top: float
    bottom: float
    width: float


@dataclass(frozen=True)
class Placement:
    """Where one stream item went: which slot, at what y."""

    index: int  # into the stream
    slot: int
    y: float  # top of the item, after any top trim


@dataclass(frozen=True)
class FillResult:
    """What fit: the placements, the first item left over, where each slot ends."""

    placements: tuple[Placement, ...]
    next_index: int  # first item that did not fit (len(items) when all fit)
    slot_ends: tuple[float, ...]  # y where each slot's content ends


def _is_widow(item: FlowItem) -> bool:
    return item.kind == "body" and item.last_of_para and not item.first_of_para


def _takes_line_along(items: Sequence[FlowItem], i: int, placements: list[Placement], s: int,
                      slot_top: float) -> bool:
    """Whether item i, a paragraph's last line that does not fit column s, should take the
    line before it along to the next column (clreq §5: no lone last line atop a column):
    that line was set in this column, below its top, and is a body line."""
    if not placements or not _is_widow(items[i]):
        return False
    last = placements[-1]
    return (last.index == i - 1 and last.slot == s and items[i - 1].kind == "body"
            and last.y > slot_top + 1e-6)


def _strands_subhead(items: Sequence[FlowItem], i: int, bottom: float, slot_bottom: float,
                     at_top: bool) -> bool:
    """Whether subhead i, ending at `bottom`, would end its column: what follows it does not
    fit beside it (at a column's top it stays, it cannot do better in the next)."""
    return (not at_top and i + 1 < len(items)
            and bottom + items[i + 1].height > slot_bottom + 1e-6)


def fill(slots: Sequence[Slot], items: Sequence[FlowItem], start: int = 0, *,
         avoid_widows: bool = False) -> FillResult:
    """Place items from `start` into the slots in order, column by column.

    A subhead (keep_with_next) never ends a column: if what follows it does not fit
    beside it, it moves to the next column (typography.md "Paragraphs and columns").
    With `avoid_widows`, a paragraph's last line that would stand alone at the top of
    a column takes the line before it along (the column above ends one row early).
    The loop is the planner's innermost (every bisection step runs it): the rare cases
    are helpers, the common path (the item fits: place it) stays inline.
    """
    placements: list[Placement] = []
    ends = [s.top for s in slots]
    i = start
    for s, slot in enumerate(slots):
        y = slot.top
        while i < len(items):
            item = items[i]
            at_top = y <= slot.top + 1e-6
            trim = item.top_trim if at_top else 0.0
            h = item.height - trim
            if y + h > slot.bottom + 1e-6:
                if avoid_widows and _takes_line_along(items, i, placements, s, slot.top):
                    ends[s] = placements.pop().y
                    i -= 1
                break
            if item.keep_with_next and _strands_subhead(items, i, y + h, slot.bottom, at_top):
                break
            placements.append(Placement(i, s, y - trim))
            y += h
            ends[s] = y
            i += 1
    return FillResult(tuple(placements), i, tuple(ends))


def widows(result: FillResult, slots: Sequence[Slot], items: Sequence[FlowItem]) -> int:
    """How many paragraphs' last lines stand alone at the top of a column."""
    return sum(1 for p in result.placements
               if _is_widow(items[p.index]) and abs(p.y - slots[p.slot].top) < 1e-6)
