"""Plan a story's flow through its parts: where each part splits, how deep it balances,
which lines move to avoid a widow — as data, before anything is drawn.

Takes the story's body stream and, per part, the column slots its frame leaves (after
headline, photos or jump head), its 上接 line if it continues an earlier part, and
whether it is the last part. Returns one `PartPlan` per part. The planner is pure: the
widow look-ahead asks the same planner how the later parts would fare, instead of a
second copy of the loop (issue 16), and `rows: auto` and the "set rows: N" hints
(issue 12) ask it whether a box of N rows holds the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xhprint.layout.flow import FillResult, FlowItem, Slot, fill, widows

MIN_BALANCED_ROWS = 4
BALANCE_WIDOW_ROWS = 2  # rows deeper than level balancing may go to avoid a widow


@dataclass(frozen=True)
class PartInput:
    """What the planner needs of one part: its slots and its place in the chain."""

    slots: tuple[Slot, ...]
    leading: float
    up_line: FlowItem | None  # （上接第M版）, set first in a continued part
    last: bool
    min_balanced_rows: int = MIN_BALANCED_ROWS  # a picture caption may be shallower


@dataclass(frozen=True)
class PartPlan:
    """How one part is set.

    `items` is what this part flows (its 上接 line, then the stream from `start`);
    `result` places them in `slots` (the part's slots, balanced, or with the last row
    kept for the 下轉 line). `consumed` stream items are set here.
    """

    start: int
    items: tuple[FlowItem, ...]
    slots: tuple[Slot, ...]
    result: FillResult
    consumed: int
    continues: bool  # the story goes on in the next part (a 下轉 line ends this one)
    empty: bool = False  # the text ended in an earlier part: nothing is set here
    no_room: bool = False  # it must continue but has no row for text at all
    unneeded_jump: bool = False  # not the last part, yet the rest fits here

    @property
    def up_line(self) -> bool:
        return bool(self.items) and self.items[0].kind == "jump"

    def overset(self, stream: Sequence[FlowItem]) -> tuple[FlowItem, ...]:
        """What does not fit (on the last part): the stream after this part's text."""
        return tuple(stream[self.start + self.consumed:])


def plan_story(stream: Sequence[FlowItem], parts: Sequence[PartInput], *,
               start: int = 0, look_ahead: bool = True) -> tuple[PartPlan, ...]:
    """Plan every part from stream position `start`; parts after the text ends are empty."""
    plans: list[PartPlan] = []
    pos = start
    for k, part in enumerate(parts):
        if k > 0 and pos >= len(stream):
            plans.append(PartPlan(pos, (), part.slots, FillResult((), 0, ()), 0, False,
                                  empty=True))
            continue
        rest = parts[k + 1:] if look_ahead else ()
        plan = plan_part(stream, pos, part, later=rest)
        plans.append(plan)
        pos += plan.consumed
        if not plan.continues and not plan.no_room:
            for later in parts[k + 1:]:
                plans.append(PartPlan(pos, (), later.slots, FillResult((), 0, ()), 0, False,
                                      empty=True))
            break
    return tuple(plans)


def plan_part(stream: Sequence[FlowItem], pos: int, part: PartInput,
              later: Sequence[PartInput] = ()) -> PartPlan:
    """One part from stream position `pos`. `later` (the parts after it) lets a widow
    move only if what moves on still fits them."""
    items = ((part.up_line,) if part.up_line else ()) + tuple(stream[pos:])
    up = 1 if part.up_line else 0
    trial = fill(part.slots, items, 0)
    continues = not part.last and trial.next_index < len(items)
    if continues and not part.slots:
        return PartPlan(pos, items, (), trial, 0, True, no_room=True)
    slots, result = _set_in(part, items, trial, continues)
    if widows(result, slots, items):
        result = _fewer_widows(result, slots, items, stream, later if continues else None,
                               pos, up)
    consumed = max(0, result.next_index - up)
    return PartPlan(pos, items, tuple(slots), result, consumed, continues,
                    unneeded_jump=not part.last and not continues)


def _set_in(part: PartInput, items: Sequence[FlowItem], trial: FillResult, continues: bool,
            ) -> tuple[list[Slot], FillResult]:
    """The slots the part's text is set in, and how it fills them.

    A part that continues keeps its last column's last row for the 下轉 line. Where the
    text ends, its columns end level (no-op when the box is full), and a last column
    that would end rows short shares the shortfall with the ones before it, a row each.
    Otherwise the frame's slots as they are (`trial` is their fill).
    """
    slots = list(part.slots)
    if continues:
        tail = slots[-1]
        slots[-1] = Slot(tail.x, tail.top, tail.bottom - part.leading, tail.width)
        return slots, fill(slots, items, 0)
    if trial.next_index == len(items) and len(slots) > 1:
        slots = spread_shortfall(balanced_slots(slots, items, part.leading,
                                                part.min_balanced_rows), items, part.leading)
        return slots, fill(slots, items, 0)
    return slots, trial


def _fewer_widows(result: FillResult, slots: Sequence[Slot], items: Sequence[FlowItem],
                  stream: Sequence[FlowItem], later: Sequence[PartInput] | None,
                  pos: int, up: int) -> FillResult:
    """The fill with a paragraph's last line kept with the one before, when that leaves
    fewer widows and the box has the room: the same text still fits here, or (`later`
    given: the part continues) what moves on fits the later parts. `items` are the
    part's `up` 上接 lines, then the stream from `pos`."""
    alt = fill(slots, items, 0, avoid_widows=True)
    if widows(alt, slots, items) >= widows(result, slots, items):
        return result
    if alt.next_index == result.next_index or (
            later is not None and fits(stream, later, pos + max(0, alt.next_index - up))):
        return alt
    return result


def spread_shortfall(slots: list[Slot], items: Sequence[FlowItem], leading: float) -> list[Slot]:
    """Columns ending one row short each instead of the last one ending rows short.

    Filling a full box in order leaves the whole shortfall in the last column (14, 14,
    14, 14, 11 rows): a hole under the story. Ending the last k columns one row higher
    (14, 14, 13, 13, 13) holds the same text when k rows were left over, and the box's
    foot reads as level (Founder's 均衡分欄 with uneven text). Unchanged when the last
    column is at most one row short, or when no such spread holds the text.
    """
    result = fill(slots, items, 0)
    if result.next_index < len(items) or len(slots) < 2:
        return slots
    short = int((slots[-1].bottom - result.slot_ends[-1]) / leading + 1e-6)
    if short < 2 or any(e <= s.top + 1e-6 for s, e in zip(slots, result.slot_ends,
                                                            strict=True)):
        return slots  # nearly full, or a column left empty (balancing's own case)
    for k in range(min(short, len(slots)), 1, -1):
        spread = [Slot(s.x, s.top, s.bottom - leading, s.width) if i >= len(slots) - k else s
                  for i, s in enumerate(slots)]
        if fill(spread, items, 0, avoid_widows=True).next_index == len(items):
            return spread
    return slots


def fits(stream: Sequence[FlowItem], parts: Sequence[PartInput], start: int) -> bool:
    """Whether stream[start:] fits `parts`, set as plan_story sets them (no look-ahead)."""
    if start >= len(stream):
        return True
    if not parts:
        return False
    plans = plan_story(stream, parts, start=start, look_ahead=False)
    last = [p for p in plans if not p.empty][-1]
    return not last.no_room and last.start + last.consumed >= len(stream)


def balanced_slots(slots: list[Slot], items: Sequence[FlowItem], leading: float,
                   min_rows: int = MIN_BALANCED_ROWS) -> list[Slot]:
    """Shorten the columns to a common depth so the text ends level (Founder's 均衡分欄).

    Used when a story's text would leave whole columns of its box empty: the lowest row
    line at which everything still fits, found by bisection over row lines. Never
    thinner than `min_rows` a column: two lines in two columns read as a mistake.
    """
    top = min(s.top for s in slots)
    bottom = max(s.bottom for s in slots)
    hi = max(1, round((bottom - top) / leading))
    lo = min(min_rows, hi)

    def capped(rows: int) -> list[Slot]:
        y = top + rows * leading
        return [Slot(s.x, s.top, min(s.bottom, max(s.top, y)), s.width) for s in slots]

    top_rows = hi
    while lo < hi:
        mid = (lo + hi) // 2
        if fill(capped(mid), items, 0, avoid_widows=True).next_index == len(items):
            hi = mid
        else:
            lo = mid + 1
    # A row or two deeper may leave no paragraph end alone atop a column.
    for rows in range(lo, min(lo + BALANCE_WIDOW_ROWS, top_rows) + 1):
        slots_at = capped(rows)
        result = fill(slots_at, items, 0, avoid_widows=True)
        if result.next_index == len(items) and not widows(result, slots_at, items):
            return slots_at
    return capped(lo)


def empty_rows(ends: tuple[float, ...], box_slots: tuple[Slot, ...], leading: float) -> int:
    """Rows left empty at the end of a box, in reading order from where the text ends:
    the rest of the last column it reaches, and every column after it (a short last
    column is as empty as a short box)."""
    used = [k for k, (s, e) in enumerate(zip(box_slots, ends, strict=False)) if e > s.top + 1e-6]
    last = used[-1] if used else -1
    empty = sum(int((s.bottom - s.top) / leading + 1e-6) for s in box_slots[last + 1:])
    if last >= 0:
        empty += int((box_slots[last].bottom - ends[last]) / leading + 1e-6)
    return empty
