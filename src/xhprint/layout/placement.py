"""Automatic placement: stories without a box get a rectangle of the page's free area.

A pure search over frozen data (docs/placement.md). Each story comes with its *shapes*:
for every width it may take and every size its first photo may take there, the rows its
text needs (layout/shapes.py asks the flow planner, the `rows_needed` oracle). The page
is then cut the way a newspaper page is drawn: a guillotine cut splits a region in two,
the more important stories (a contiguous run in priority order) going above or to the
left, until every region holds one story or one fixed box — after Gange, Marriott and
Stuckey's guillotine layout, with the flow planner as the height oracle instead of a
fixed list of article configurations.

1. Feasibility: for every run of stories i..j and width w, the set of heights they fill
   exactly, as an integer bit set (bit h: a layout h rows high exists); a region holding
   fixed boxes gets the set of top rows it can start at. Convolving two sets is a few
   dozen shifts, so this is cheap and prunes the second step to splits that can work.
2. Cost: over feasible splits only, the least-cost layout of each region by *corner
   state* (whether its top-left and top-right boxes start with something other than a
   headline), memoised. A story pays for columns too shallow or too deep for its width,
   for a box far from a newspaper module's proportions, a photo far from its natural
   share of the box, rows of air and empty rows; the lead earns its area. A vertical cut
   is checked as it is made: no headlines side by side (a tombstone; a story whose photo
   can go above its headline breaks one), a less important story lower or narrower.
3. If no page keeps every rule, everything gets a price instead — rows left empty, a
   tombstone, a breach of priority order — and the cheapest page wins; as the last
   resort a region may stay without a story. Stories that cannot fit at all are left out
   (the caller reports them), least important first, and taken back if the room left
   holds them.

Deterministic: no randomness, no clocks; ties go to the first alternative in a fixed order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple, ParamSpec

from xhprint.model.issue import Box, PhotoSize

#: below this many body rows a column, a story's text reads as a strip; above it, as a wall
SHALLOW_ROWS = 18
DEEP_ROWS = 45
EMPTY_ROW_COST = 2.0  # per empty row and column
SPACE_COST = 1.0  # per row and column of air added to a headline block
MAX_SPACE = 2  # rows of air the engine may add to a headline block
SPARE_ROW_COST = 8.0  # per row and column a story ends short by (where the rules are loosened)
HOLE_COST = 40.0  # per cell of the page left without a story (the last resort)
ART_COST = 3.0  # a photo set above the headline (only to break a tombstone)
LEAD_AREA_REWARD = 60.0  # the lead's share of the free area, times this
ASPECT_COST = 6.0  # times ln(box aspect / IDEAL_ASPECT)²
IDEAL_ASPECT = 1.3  # a story box a little wider than tall reads best
WIDE_COST = 3.0  # per column a story after the lead is wider than half the page
BROKEN_RULE_COST = 80.0  # a tombstone or a priority breach, where the rules are loosened
#: rows the least important story may end with unset (the page's remainder)
LAST_SPARE = 2
#: where the rules are loosened: rows any story may end short by (the least important,
#: any number); beyond that a region is left empty
LOOSE_SPARE = 4
HOLE = "\x00hole"  # the id of the last-resort empty region


@dataclass(frozen=True)
class Level:
    """How far the search may bend the rules to tile the page."""

    loose: bool = False  # spare rows, tombstones, priority breaches: all priced
    hole: bool = False  # and a region of the page left without a story


LEVELS = (Level(), Level(loose=True), Level(loose=True, hole=True))


@dataclass(frozen=True)
class Shape:
    """One way to set a story: `cols` wide, `rows` high, with its photos at `photos`.

    `headline` is (first row, rows) of its headline block from the box top, or None when
    the story has none at its top (a picture story without headline). `art` marks the
    twin whose first photo is set above the headline. A `flexible` shape (a part that
    continues on a later page) may be any height from `rows` to `max_rows`.
    """

    cols: int
    rows: int
    headline: tuple[int, int] | None
    photos: tuple[PhotoSize | None, ...] = ()
    art: bool = False
    cost: float = 0.0  # how far its photos are from their natural size
    flexible: bool = False
    max_rows: int = 0
    space_ok: bool = False  # its headline block may take rows of air (headline_space)
    #: rows the layout leaves empty at the box's end when the box is 0, 1, 2 rows taller
    #: than `rows` (its underset measure: a short last column, columns left unused)
    empties: tuple[int, ...] = (0, 1, 2)

    @property
    def key(self) -> tuple[object, ...]:
        """Shapes with the same key differ only in where the first photo sits."""
        return (self.cols, self.rows, self.flexible,
                tuple((p.cols, p.rows) if p else None for p in self.photos))


@dataclass(frozen=True)
class Candidate:
    """A story part to place, with every shape it may take."""

    id: str
    shapes: tuple[Shape, ...]
    lines: int  # body lines in one column's width: how deep its columns run at each width
    chars: int  # characters of its text (for "over by … characters")
    min_cols: int = 1
    fixed_cols: int | None = None


@dataclass(frozen=True)
class Obstacle:
    """A box the engine must leave alone (an advert, a story with a box)."""

    id: str
    box: Box
    headline: tuple[int, int] | None = None  # a fixed story's headline rows from its top


@dataclass(frozen=True)
class PageProblem:
    """One page's free area, fixed boxes and stories in priority order (lead first)."""

    columns: int
    top: int  # first row of the free area
    bottom: int  # last row of the type area
    obstacles: tuple[Obstacle, ...]
    candidates: tuple[Candidate, ...]
    lead_min_cols: int = 1
    cell_aspect: float = 7.0  # a column's pitch over a row's height (box proportions)
    #: rows left empty at a box's end that the layout reports as underset (preflight.md)
    underset_rows: int = 3


@dataclass(frozen=True)
class Placement:
    """A story's box and the shape it is set in: `space` rows of air added to its headline
    block, `empty` rows left at its foot."""

    id: str
    box: Box
    shape: Shape
    empty: int = 0
    space: int = 0


@dataclass(frozen=True)
class PagePlan:
    """The engine's answer for one page."""

    placements: tuple[Placement, ...]
    left_out: tuple[str, ...] = ()  # stories that do not fit, least important last
    level: int = 0  # 0: every rule kept; 1: the rules priced; 2: and a region left empty
    cost: float = 0.0
    holes: tuple[Box, ...] = ()  # regions left without a story (the last resort)


class _Box(NamedTuple):
    """A placed rectangle during the search: a candidate index (or -1: an obstacle)."""

    cand: int
    col: int
    row: int
    cols: int
    rows: int
    shape: Shape | None
    headline: tuple[int, int] | None  # rows [first, end) of its headline block
    ident: str

    def moved(self, dc: int, dr: int) -> _Box:
        hl = self.headline
        return _Box(self.cand, self.col + dc, self.row + dr, self.cols, self.rows, self.shape,
                    (hl[0] + dr, hl[1] + dr) if hl else None, self.ident)


Layout = tuple[_Box, ...]
State = tuple[bool, bool]  # corner state: top-left, top-right box start without a headline
#: a memo key of `best` ("B", i, j, w, h, cap) or `region` ("R", i, j, c0, c1, r1, t, cap)
Key = tuple[object, ...]


class _Leaf(NamedTuple):
    """How to build a layout: one story's box."""

    box: _Box

    def build(self, tiler: _Tiler) -> Layout:
        return (self.box,)


class _Boxes(NamedTuple):
    """How to build a layout: these boxes, as they stand (joined side by side, or a fixed
    box)."""

    boxes: Layout

    def build(self, tiler: _Tiler) -> Layout:
        return self.boxes


class _Stack(NamedTuple):
    """How to build a layout: one free region's layout above another's, `h1` rows lower."""

    above: Key
    above_state: State
    below: Key
    below_state: State
    h1: int

    def build(self, tiler: _Tiler) -> Layout:
        return tiler.layout(self.above, self.above_state) + tuple(
            x.moved(0, self.h1) for x in tiler.layout(self.below, self.below_state))


class _At(NamedTuple):
    """How to build a layout: a free region's layout moved to (col, row) on the page."""

    free: Key
    state: State
    col: int
    row: int

    def build(self, tiler: _Tiler) -> Layout:
        return tuple(x.moved(self.col, self.row) for x in tiler.layout(self.free, self.state))


class _Band(NamedTuple):
    """How to build a layout: a free band at (col, row) above a region with fixed boxes."""

    band: Key
    band_state: State
    col: int
    row: int
    rest: Key
    rest_state: State

    def build(self, tiler: _Tiler) -> Layout:
        return tuple(x.moved(self.col, self.row)
                     for x in tiler.layout(self.band, self.band_state)) + tiler.layout(
            self.rest, self.rest_state)


class _Foot(NamedTuple):
    """How to build a layout: a region with fixed boxes above a free band at (col, row)."""

    rest: Key
    rest_state: State
    foot: Key
    foot_state: State
    col: int
    row: int

    def build(self, tiler: _Tiler) -> Layout:
        return tiler.layout(self.rest, self.rest_state) + tuple(
            x.moved(self.col, self.row) for x in tiler.layout(self.foot, self.foot_state))


Recipe = _Leaf | _Boxes | _Stack | _At | _Band | _Foot
#: the least cost of each corner state, with the recipe that builds that layout (`layout`)
Choices = dict[State, tuple[float, Recipe]]
_P = ParamSpec("_P")


def bits(x: int) -> Iterator[int]:
    """The set bits of `x`, lowest first."""
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _range_bits(lo: int, hi: int) -> int:
    """Bits lo..hi inclusive."""
    return ((1 << (hi - lo + 1)) - 1) << lo if hi >= lo else 0


def tombstones(boxes: Sequence[_Box]) -> list[tuple[_Box, _Box]]:
    """Pairs of side-by-side boxes whose headline rows overlap."""
    out = []
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            if _clash(a, b):
                out.append((a, b))
    return out


def _clash(a: _Box, b: _Box) -> bool:
    if a.headline is None or b.headline is None:
        return False
    if a.col + a.cols != b.col and b.col + b.cols != a.col:
        return False
    return a.headline[0] < b.headline[1] and b.headline[0] < a.headline[1]


def empty_after(s: Shape, extra: int) -> int:
    """Rows left empty at the end of shape s's box when it is `extra` rows taller than its
    text needs (beyond the air its headline takes)."""
    if s.flexible:
        return 0
    if extra < len(s.empties):
        return s.empties[extra]
    return s.empties[-1] + extra - len(s.empties) + 1 if s.empties else extra


def split_extra(s: Shape, h: int) -> tuple[int, int]:
    """A box h rows high for shape s: (rows of air under its headline, rows beyond its
    text at its foot). Air first, up to MAX_SPACE rows."""
    if s.flexible:
        return 0, 0
    extra = h - s.rows
    space = min(extra, MAX_SPACE) if s.space_ok else 0
    return space, extra - space


def _hl(s: Shape, row: int, h: int) -> tuple[int, int] | None:
    """Rows [first, end) of the headline block of shape s set h rows high at `row`."""
    if not s.headline:
        return None
    space, _empty = split_extra(s, h)
    return row + s.headline[0], row + s.headline[0] + s.headline[1] + space


def _corner(left: _Box, right: _Box) -> State:
    """Whether the top-left and top-right boxes start with something other than a headline."""
    return (left.headline is None or left.headline[0] > left.row,
            right.headline is None or right.headline[0] > right.row)


def _keep(out: Choices, state: State, cost: float, make: Callable[_P, Recipe],
          *args: _P.args, **kwargs: _P.kwargs) -> None:
    """Keep the option if it is the cheapest of its corner state so far; its recipe is
    made only then (most options tried are not kept)."""
    if state not in out or cost < out[state][0]:
        out[state] = (cost, make(*args, **kwargs))


def _cheapest(choices: Choices) -> tuple[State, float] | None:
    if not choices:
        return None
    state = min(choices, key=lambda st: choices[st][0])
    return state, choices[state][0]


def _by_cost(option: tuple[State, tuple[float, Recipe]]) -> float:
    return option[1][0]


def _top_corners(boxes: Layout) -> State:
    """The corner state of a layout: its top row's leftmost and rightmost boxes."""
    top = min(x.row for x in boxes)
    tl = min((x for x in boxes if x.row == top), key=lambda x: x.col)
    tr = max((x for x in boxes if x.row == top), key=lambda x: x.col)
    return _corner(tl, tr)


def _out_of_order(x: _Box, y: _Box) -> bool:
    """Two stories beside each other with the less important one neither lower nor
    narrower than the more important."""
    lo, hi = (x, y) if x.cand < y.cand else (y, x)
    return not (hi.row > lo.row or hi.cols <= lo.cols)


def _clash_at(sides: list[list[_Box]], cut: int) -> tuple[int, int] | None:
    """The first pair of boxes meeting at column `cut` whose headlines stand side by side
    (indices into the left and the right side)."""
    return next(((kx, ky) for kx, x in enumerate(sides[0]) if x.col + x.cols == cut
                 for ky, y in enumerate(sides[1]) if y.col == cut and _clash(x, y)), None)


def _fills(box: Box, c0: int, c1: int, t: int, r1: int) -> bool:
    """The box is exactly columns c0..c1, rows t..r1."""
    return (box.col, box.last_col, box.row, box.last_row) == (c0, c1, t, r1)


class _Fixed(NamedTuple):
    """The fixed boxes in columns c0..c1 down to row r1, as the feasibility step sees them."""

    obs: list[Obstacle]  # every box reaching into the columns above r1
    inside: list[Obstacle]  # those within the columns
    floor: int  # the first row below the boxes that cross the columns' edges
    lowest: int  # the last row any of them reaches (above the free area: none)
    overhang: bool  # one reaches below r1: nothing tiles the region


@dataclass
class _Tiler:
    """Memo tables of one search (one relaxation level); local to `place_page`.

    `lead_cols` is set for each lead width tried; a memo key carries the width cap it was
    computed under (the lead's width for runs holding the lead, else the least of it and
    the region's width), so runs without the lead are shared between tries. One table per
    question; `best` and `region` share one, as their recipes name each other's entries.
    """

    problem: PageProblem
    cands: tuple[Candidate, ...]
    level: Level
    free_cells: int
    hmax: int
    lead_cols: int = 0
    _bits: dict[int, tuple[int, ...]] = field(default_factory=dict, init=False, repr=False)
    _allowed: dict[tuple[int, int, int], list[tuple[Shape, int]]] = field(
        default_factory=dict, init=False, repr=False)
    _heights: dict[tuple[int, int, int, int], int] = field(default_factory=dict, init=False,
                                                           repr=False)
    _reversed: dict[tuple[int, int, int, int], int] = field(default_factory=dict, init=False,
                                                            repr=False)
    _obstacles: dict[tuple[int, int, int], list[Obstacle]] = field(default_factory=dict,
                                                                   init=False, repr=False)
    _fixed: dict[tuple[int, int, int], _Fixed] = field(default_factory=dict, init=False,
                                                       repr=False)
    _tops: dict[tuple[int, int, int, int, int, int], int] = field(default_factory=dict,
                                                                  init=False, repr=False)
    _choices: dict[Key, Choices] = field(default_factory=dict, init=False, repr=False)
    _cheapest: dict[tuple[int, int, int, int, int], tuple[State, float] | None] = field(
        default_factory=dict, init=False, repr=False)
    _layouts: dict[tuple[Key, State], Layout] = field(default_factory=dict, init=False,
                                                      repr=False)

    def cap(self, i: int, w: int) -> int:
        if i == 0:
            return self.lead_cols
        return w if self.level.loose else min(self.lead_cols, w)

    def bits(self, x: int) -> tuple[int, ...]:
        found = self._bits.get(x)
        if found is None:
            found = self._bits[x] = tuple(bits(x))
        return found

    # -- leaves ------------------------------------------------------------------
    def allowed(self, i: int, w: int) -> list[tuple[Shape, int]]:
        """(shape, bit set of the heights it may take) for story i at width w."""
        key = (i, w, self.cap(i, w))
        found = self._allowed.get(key)
        if found is None:
            found = self._allowed[key] = self._shape_heights(i, w) if self._width_ok(i, w) \
                else []
        return found

    def _width_ok(self, i: int, w: int) -> bool:
        """Whether story i may be w columns wide: within its least and fixed widths; the
        lead exactly the width being tried, the others (where the rules hold) no wider."""
        c = self.cands[i]
        if w < c.min_cols or (c.fixed_cols is not None and w != c.fixed_cols):
            return False
        if i == 0:
            return w == self.lead_cols
        return c.id == HOLE or self.level.loose or w <= self.lead_cols

    def _is_last(self, i: int) -> bool:
        """Story i is the page's least important (the last-resort hole aside)."""
        n = len(self.cands)
        return i == n - 1 or (self.cands[-1].id == HOLE and i == n - 2)

    def _shape_heights(self, i: int, w: int) -> list[tuple[Shape, int]]:
        """Story i's shapes w wide that fit the page, with the heights each may take: at
        most one row taller than its text needs (the page's remainder: two, for the least
        important); where the rules are loosened, LOOSE_SPARE rows (the least important:
        any number)."""
        last = self._is_last(i)
        if self.level.loose:
            extra = self.hmax if last else LOOSE_SPARE
        else:
            extra = LAST_SPARE if last else 1
        out: list[tuple[Shape, int]] = []
        for s in self.cands[i].shapes:
            if s.cols != w or s.rows > self.hmax:
                continue
            hs = self._heights_of(s, extra)
            if hs:
                out.append((s, hs))
        return out

    def _heights_of(self, s: Shape, extra: int) -> int:
        """Bit set of the heights shape s may be set at: any of a flexible part's; else its
        rows with up to MAX_SPACE rows of air under its headline, or up to `extra` rows
        more at its foot — short of text by less than underset says, unless loosened."""
        if s.flexible:
            return _range_bits(s.rows, min(s.max_rows, self.hmax))
        short = self.problem.underset_rows - 1
        space = MAX_SPACE if s.space_ok else 0
        hs = 0
        for e in range(0, extra + 1):
            if self.level.loose or empty_after(s, e) <= short:
                hs |= (_range_bits(s.rows, s.rows + space) if not e
                       else 1 << (s.rows + space + e))
        return hs & ((1 << (self.hmax + 1)) - 1)

    def leaf_cost(self, i: int, s: Shape, h: int) -> float:
        """What setting story i in shape `s`, `h` rows high, costs the page."""
        c = self.cands[i]
        if c.id == HOLE:
            return HOLE_COST * s.cols * h
        space, empty = split_extra(s, h)
        under = empty_after(s, empty)  # what the layout will call empty at the box's end
        cost = s.cost + (ART_COST if s.art else 0.0) + SPACE_COST * space * s.cols
        cost += EMPTY_ROW_COST * min(empty, 1) * s.cols
        if empty > LAST_SPARE or under >= self.problem.underset_rows:
            cost += SPARE_ROW_COST * max(empty, under) * s.cols  # an underset: priced
        depth = c.lines / s.cols if not s.flexible else min(c.lines / s.cols, h)
        cost += max(0.0, SHALLOW_ROWS - depth) ** 2 * 0.3 + max(0.0, depth - DEEP_ROWS) ** 2 * 0.05
        cost += ASPECT_COST * math.log(s.cols * self.problem.cell_aspect / max(1, h)
                                       / IDEAL_ASPECT) ** 2
        if i == 0:
            cost -= LEAD_AREA_REWARD * s.cols * h / self.free_cells
            if s.cols < self.problem.lead_min_cols:
                cost += BROKEN_RULE_COST  # where the rules are loosened: a narrow lead
        else:
            cost += WIDE_COST * max(0.0, s.cols - self.problem.columns / 2)
            if s.cols > self.lead_cols:
                cost += BROKEN_RULE_COST  # wider than the lead
        return cost

    # -- feasibility -------------------------------------------------------------
    def heights(self, i: int, j: int, w: int) -> int:
        """Bit set of the heights stories i..j-1 fill exactly in a free w-wide region."""
        if i == j:
            return 1
        key = (i, j, w, self.cap(i, w))
        found = self._heights.get(key)
        if found is None:
            found = self._heights[key] = self._run_heights(i, j, w)
        return found

    def _run_heights(self, i: int, j: int, w: int) -> int:
        if j == i + 1:
            out = 0
            for _s, hs in self.allowed(i, w):
                out |= hs
            return out
        out = 0
        for m in range(i + 1, j):
            out |= self._stacked_heights(i, m, j, w) | self._beside_heights(i, m, j, w)
        return out & ((1 << (self.hmax + 1)) - 1)

    def _stacked_heights(self, i: int, m: int, j: int, w: int) -> int:
        """Heights of stories i..m-1 above m..j-1, both w wide: a sum of theirs."""
        top = self.heights(i, m, w)
        if not top:
            return 0
        bottom = self.heights(m, j, w)
        out = 0
        if bottom:
            for h1 in self.bits(top):
                out |= bottom << h1
        return out

    def _beside_heights(self, i: int, m: int, j: int, w: int) -> int:
        """Heights of stories i..m-1 beside m..j-1, splitting the width: one both have."""
        out = 0
        for w1 in range(1, w):
            left = self.heights(i, m, w1)
            if left:
                out |= left & self.heights(m, j, w - w1)
        return out

    def obstacles(self, c0: int, c1: int, r1: int) -> list[Obstacle]:
        key = (c0, c1, r1)
        found = self._obstacles.get(key)
        if found is None:
            found = self._obstacles[key] = [
                o for o in self.problem.obstacles
                if o.box.col <= c1 and o.box.last_col >= c0 and o.box.row <= r1]
        return found

    def fixed(self, c0: int, c1: int, r1: int) -> _Fixed:
        """The fixed boxes of columns c0..c1 down to row r1 and the rows they leave."""
        key = (c0, c1, r1)
        found = self._fixed.get(key)
        if found is None:
            obs = self.obstacles(c0, c1, r1)
            crossing = [o for o in obs if o.box.col < c0 or o.box.last_col > c1]
            found = self._fixed[key] = _Fixed(
                obs, [o for o in obs if o not in crossing],
                max([self.problem.top] + [o.box.last_row + 1 for o in crossing]),
                max((o.box.last_row for o in obs), default=self.problem.top - 1),
                any(o.box.last_row > r1 for o in obs))
        return found

    @staticmethod
    def cuts(obs: list[Obstacle], c0: int, c1: int) -> list[int]:
        """Columns a region holding fixed boxes is cut at: their edges (a cut elsewhere
        leaves a free strip the free-region search divides as finely)."""
        return sorted({c for o in obs for c in (o.box.col, o.box.last_col + 1) if c0 < c <= c1})

    def tops(self, i: int, j: int, c0: int, c1: int, r1: int) -> int:
        """Bit set of the top rows t from which stories i..j-1 (and the fixed boxes there)
        tile columns c0..c1, rows t..r1 exactly."""
        key = (i, j, c0, c1, r1, self.cap(i, c1 - c0 + 1))
        found = self._tops.get(key)
        if found is None:
            found = self._tops[key] = self._region_tops(i, j, c0, c1, r1)
        return found

    def _region_tops(self, i: int, j: int, c0: int, c1: int, r1: int) -> int:
        """`tops`, computed: (a) a free region under every fixed box, else the region cut
        as `region` cuts it — (b) one fixed box, (c) a free band on top, (d) a free band at
        the foot, (e) a vertical cut at a fixed box's edge."""
        fx = self.fixed(c0, c1, r1)
        if fx.overhang:
            return 0
        out = self._free_tops(i, j, c1 - c0 + 1, r1, fx)
        if fx.inside:
            if i == j:
                out |= self._box_tops(c0, c1, r1, fx)
            out |= self._band_tops(i, j, c0, c1, r1, fx) | self._foot_tops(i, j, c0, c1, r1, fx)
        if fx.obs:
            out |= self._cut_tops(i, j, c0, c1, r1, fx)
        out &= ~((1 << fx.floor) - 1)
        return out & ((1 << (r1 + 1)) - 1 if (i < j or fx.obs) else (1 << (r1 + 2)) - 1)

    def _free_tops(self, i: int, j: int, w: int, r1: int, fx: _Fixed) -> int:
        """(a) Every fixed box lies above: the stories fill a free region ending at r1."""
        out = 0
        least = max(fx.floor, fx.lowest + 1)
        for h in self.bits(self.heights(i, j, w)):
            if r1 + 1 - h >= least:
                out |= 1 << (r1 + 1 - h)
        return out

    def _box_tops(self, c0: int, c1: int, r1: int, fx: _Fixed) -> int:
        """(b) The region is one fixed box, the lowest there."""
        out = 0
        for o in fx.inside:
            b = o.box
            if (_fills(b, c0, c1, b.row, r1) and b.row >= fx.floor
                    and not any(p is not o and p.box.last_row >= b.row for p in fx.obs)):
                out |= 1 << b.row
        return out

    def _band_tops(self, i: int, j: int, c0: int, c1: int, r1: int, fx: _Fixed) -> int:
        """(c) A free band of stories i..m-1 on top, fixed boxes below from row s:
        t = s − h, clear of every box above s (the band's heights reversed, shifted to
        end at s)."""
        w = c1 - c0 + 1
        k = self.hmax
        out = 0
        for m in range(i + 1, j + 1):
            if not self.heights(i, m, w) & ~1:
                continue
            rev = self.reversed_heights(i, m, w) & ~(1 << k)  # a band has rows
            for s in self.bits(self.tops(m, j, c0, c1, r1)):
                above = max([fx.floor - 1] + [o.box.last_row for o in fx.obs
                                              if o.box.last_row < s])
                shifted = rev << (s - k) if s >= k else rev >> (k - s)
                out |= shifted & ~((1 << (above + 1)) - 1)
        return out

    def _foot_tops(self, i: int, j: int, c0: int, c1: int, r1: int, fx: _Fixed) -> int:
        """(d) Fixed boxes above, a free band of stories m..j-1 at the foot."""
        if fx.lowest >= r1:
            return 0
        out = 0
        for m in range(i, j):
            if (self.heights(m, j, c1 - c0 + 1) >> (r1 - fx.lowest)) & 1:
                out |= self.tops(i, m, c0, c1, fx.lowest)
        return out

    def _cut_tops(self, i: int, j: int, c0: int, c1: int, r1: int, fx: _Fixed) -> int:
        """(e) A vertical cut, the more important stories on either side of it."""
        out = 0
        for c in self.cuts(fx.obs, c0, c1):
            for m in range(i, j + 1):
                out |= self._beside_tops((i, m), (m, j), c0, c, c1, r1)
                out |= self._beside_tops((m, j), (i, m), c0, c, c1, r1)
        return out

    def _beside_tops(self, a: tuple[int, int], b: tuple[int, int], c0: int, c: int, c1: int,
                     r1: int) -> int:
        """Top rows both runs tile from: run `a` in columns c0..c-1, run `b` in c..c1."""
        left = self.tops(a[0], a[1], c0, c - 1, r1)
        return left & self.tops(b[0], b[1], c, c1, r1) if left else 0

    # -- cost --------------------------------------------------------------------
    # Two regions side by side start on the same row, so the boxes meeting at the top of
    # the cut must not both start with a headline: keeping the least-cost layout of each
    # corner state is what lets the search find one that fits. A layout is kept as a
    # recipe and built (`layout`) only when a cut needs to check it or the page is done.
    def best(self, i: int, j: int, w: int, h: int) -> Choices:
        """The least-cost layouts, by corner state, of stories i..j-1 in a free region
        w × h (positions relative to the region)."""
        key = ("B", i, j, w, h, self.cap(i, w))
        found = self._choices.get(key)
        if found is None:
            found = self._choices[key] = self._free_best(i, j, w, h)
        return found

    def _free_best(self, i: int, j: int, w: int, h: int) -> Choices:
        out: Choices = {}
        if j == i + 1:
            self._leaves(i, w, h, out)
        elif i < j:
            for m in range(i + 1, j):
                self._stacks(i, m, j, w, h, out)
            for m in range(i + 1, j):
                self._beside(i, m, j, w, h, out)
        return out

    def _leaves(self, i: int, w: int, h: int, out: Choices) -> None:
        """Story i alone in a box w × h, in each shape that may take that height."""
        for s, hs in self.allowed(i, w):
            if (hs >> h) & 1:
                box = _Box(i, 0, 0, w, h, s, _hl(s, 0, h), self.cands[i].id)
                _keep(out, _corner(box, box), self.leaf_cost(i, s, h), _Leaf, box)

    def _stacks(self, i: int, m: int, j: int, w: int, h: int, out: Choices) -> None:
        """Stories i..m-1 above m..j-1, at every split of the height both can fill."""
        top = self.heights(i, m, w)
        if not top:
            return
        k = self.hmax
        # h1 with h1 in top and h - h1 in bottom: top & (bottom reversed, shifted)
        fits = top & (self.reversed_heights(m, j, w) >> (k - h)) & ((2 << h) - 1)
        for h1 in self.bits(fits):
            a = self.best(i, m, w, h1)
            low = self.cheapest(m, j, w, h - h1) if a else None
            if low is None:
                continue
            bkey = ("B", m, j, w, h - h1, self.cap(m, w))
            akey = ("B", i, m, w, h1, self.cap(i, w))
            for state, (cost, _r) in a.items():
                _keep(out, state, cost + low[1], _Stack, akey, state, bkey, low[0], h1)

    def _beside(self, i: int, m: int, j: int, w: int, h: int, out: Choices) -> None:
        """Stories i..m-1 beside m..j-1, at every split of the width both can fill h high."""
        for w1 in range(1, w):
            if not (self.heights(i, m, w1) >> h) & 1 \
                    or not (self.heights(m, j, w - w1) >> h) & 1:
                continue
            self.side_by_side(out, ("B", i, m, w1, h, self.cap(i, w1)),
                              self.best(i, m, w1, h),
                              ("B", m, j, w - w1, h, self.cap(m, w - w1)),
                              self.best(m, j, w - w1, h), w1, w1)

    def reversed_heights(self, i: int, j: int, w: int) -> int:
        """heights(i, j, w) with bit h moved to bit hmax − h (for convolving by shifts)."""
        key = (i, j, w, self.cap(i, w))
        found = self._reversed.get(key)
        if found is None:
            found = 0
            for h in self.bits(self.heights(i, j, w)):
                found |= 1 << (self.hmax - h)
            self._reversed[key] = found
        return found

    def cheapest(self, i: int, j: int, w: int, h: int) -> tuple[State, float] | None:
        key = (i, j, w, h, self.cap(i, w))
        if key not in self._cheapest:
            self._cheapest[key] = _cheapest(self.best(i, j, w, h))
        return self._cheapest[key]

    def side_by_side(self, out: Choices, akey: Key, a: Choices, bkey: Key, b: Choices,
                     cut: int, shift: int) -> None:
        """Every pairing of a's and b's layouts that the rules allow, kept by the corner
        state it makes: b's boxes move `shift` columns right, the cut is at column `cut`."""
        for sa, (ca, _ra) in sorted(a.items(), key=_by_cost):
            for sb, (cb, _rb) in sorted(b.items(), key=_by_cost):
                if (sa[0], sb[1]) in out and out[(sa[0], sb[1])][0] <= ca + cb:
                    continue
                if not (sa[1] or sb[0]) and not self.level.loose:
                    continue  # two headlines would meet at the top of the cut
                self._join_into(out, (akey, sa), (bkey, sb), cut, shift, ca + cb)

    def _join_into(self, out: Choices, a: tuple[Key, State], b: tuple[Key, State], cut: int,
                   shift: int, cost: float) -> None:
        """Layouts a and b (b moved `shift` columns right) joined at column `cut`, kept if
        the rules allow the join and it is the cheapest of its corner state."""
        left = self.layout(*a)
        right = [x.moved(shift, 0) for x in self.layout(*b)] if shift else list(self.layout(*b))
        joined = self.join(left, right, cut, cost)
        if joined is not None:
            total, boxes = joined
            _keep(out, _top_corners(boxes), total, _Boxes, boxes)

    def join(self, left: Sequence[_Box], right: Sequence[_Box], cut: int, cost: float,
             ) -> tuple[float, Layout] | None:
        """Two layouts side by side at column `cut`, if the rules allow it: a less
        important story lower or narrower than a more important one beside it, and no
        tombstone across the cut (a story whose first photo can go above its headline
        breaks one). Where the rules are loosened, each breach has a price."""
        priced = self._priority_cost(left, right, cost)
        if priced is None:
            return None
        return self._untangle([list(left), list(right)], cut, priced)

    def _priority_cost(self, left: Sequence[_Box], right: Sequence[_Box], cost: float,
                       ) -> float | None:
        """`cost` with a price for each story out of priority order across the cut (None:
        the rules hold, so no such join)."""
        ys = self._stories(right)
        for x in self._stories(left):
            for y in ys:
                if _out_of_order(x, y):
                    if not self.level.loose:
                        return None
                    cost += BROKEN_RULE_COST
        return cost

    def _stories(self, boxes: Sequence[_Box]) -> list[_Box]:
        """The boxes of stories: not fixed boxes, not the last-resort hole."""
        hole = len(self.cands) - 1 if self.cands[-1].id == HOLE else -2
        return [x for x in boxes if x.cand >= 0 and x.cand != hole]

    def _untangle(self, sides: list[list[_Box]], cut: int, cost: float,
                  ) -> tuple[float, Layout] | None:
        """The joined layout with every tombstone across the cut broken by a photo set
        above a headline (the less important story's first); where the rules are loosened,
        the tombstones left are priced instead."""
        for _ in range(len(sides[0]) + len(sides[1])):
            clash = _clash_at(sides, cut)
            if clash is None:
                return cost, tuple(sides[0] + sides[1])
            delta = self._swap_twin(sides, clash)
            if delta is not None:
                cost += delta
                continue
            if not self.level.loose:
                return None
            clashes = [(x, y) for x in sides[0] for y in sides[1] if _clash(x, y)]
            return cost + BROKEN_RULE_COST * len(clashes), tuple(sides[0] + sides[1])
        return None

    def _swap_twin(self, sides: list[list[_Box]], clash: tuple[int, int]) -> float | None:
        """Set one of the clashing boxes with its photo above the headline (the less
        important first) where that makes no new clash on its side; returns what that
        costs more (None: neither can)."""
        order = sorted(((0, clash[0]), (1, clash[1])),
                       key=lambda sk: -sides[sk[0]][sk[1]].cand)  # the less important first
        for side, k in order:
            found = self.art_twin(sides[side][k])
            if found is None or any(_clash(found[0], q) for n, q in enumerate(sides[side])
                                    if n != k):
                continue
            sides[side][k] = found[0]
            return found[1]
        return None

    def art_twin(self, box: _Box) -> tuple[_Box, float] | None:
        """The box with its story's first photo above the headline, if it has that shape,
        and what that shape costs more."""
        shape = box.shape
        if box.cand < 0 or shape is None or shape.art:
            return None
        for s in self.cands[box.cand].shapes:
            if s.art and s.key == shape.key:
                twin = box._replace(shape=s, headline=_hl(s, box.row, box.rows))
                return twin, (self.leaf_cost(box.cand, s, box.rows)
                              - self.leaf_cost(box.cand, shape, box.rows))
        return None

    def region(self, i: int, j: int, c0: int, c1: int, r1: int, t: int) -> Choices:
        """The least-cost layouts, by corner state, of stories i..j-1 and the fixed boxes
        in columns c0..c1, rows t..r1 (absolute positions)."""
        key = ("R", i, j, c0, c1, r1, t, self.cap(i, c1 - c0 + 1))
        found = self._choices.get(key)
        if found is not None:
            return found
        out: Choices = {}
        self._choices[key] = out  # in the table while it is filled
        obs = [o for o in self.obstacles(c0, c1, r1) if o.box.last_row >= t]
        if not obs:
            self._free_region(i, j, c0, c1, r1, t, out)
        elif i == j and len(obs) == 1 and _fills(obs[0].box, c0, c1, t, r1):
            self._box_region(obs[0], c0, c1, r1, t, out)
        else:
            self._band_regions(i, j, c0, c1, r1, t, obs, out)
            self._foot_regions(i, j, c0, c1, r1, t, obs, out)
            self._cut_regions(i, j, c0, c1, r1, t, obs, out)
        return out

    def _free_region(self, i: int, j: int, c0: int, c1: int, r1: int, t: int,
                     out: Choices) -> None:
        """No fixed box: the stories' free layouts moved to (c0, t); none, if no story."""
        if i == j:
            if t == r1 + 1:
                out[(True, True)] = (0.0, _Boxes(()))
            return
        w = c1 - c0 + 1
        fkey = ("B", i, j, w, r1 - t + 1, self.cap(i, w))
        for state, (cost, _r) in self.best(i, j, w, r1 - t + 1).items():
            out[state] = (cost, _At(fkey, state, c0, t))

    @staticmethod
    def _box_region(o: Obstacle, c0: int, c1: int, r1: int, t: int, out: Choices) -> None:
        """The region is one fixed box: it, with its headline rows."""
        hl = o.headline
        box = _Box(-1, c0, t, c1 - c0 + 1, r1 - t + 1, None,
                   (t + hl[0], t + hl[0] + hl[1]) if hl else None, o.id)
        out[_corner(box, box)] = (0.0, _Boxes((box,)))

    def _band_regions(self, i: int, j: int, c0: int, c1: int, r1: int, t: int,
                      obs: list[Obstacle], out: Choices) -> None:
        """(c) A free band of stories i..m-1 on top, down to row s where the rest starts."""
        w = c1 - c0 + 1
        for m in range(i + 1, j + 1):
            band = self.heights(i, m, w)
            for s in self.bits(self.tops(m, j, c0, c1, r1)):
                h = s - t
                if h <= 0 or not (band >> h) & 1 or any(t <= o.box.last_row < s for o in obs):
                    continue
                self._band_over(i, m, j, c0, c1, r1, t, s, out)

    def _band_over(self, i: int, m: int, j: int, c0: int, c1: int, r1: int, t: int, s: int,
                   out: Choices) -> None:
        """Stories i..m-1 in a free band rows t..s-1 over the region of m..j-1 from row s."""
        w = c1 - c0 + 1
        a = self.best(i, m, w, s - t)
        low = _cheapest(self.region(m, j, c0, c1, r1, s)) if a else None
        if low is None:
            return
        akey = ("B", i, m, w, s - t, self.cap(i, w))
        rkey = ("R", m, j, c0, c1, r1, s, self.cap(m, w))
        for state, (cost, _r) in a.items():
            _keep(out, state, cost + low[1], _Band, akey, state, c0, t, rkey, low[0])

    def _foot_regions(self, i: int, j: int, c0: int, c1: int, r1: int, t: int,
                      obs: list[Obstacle], out: Choices) -> None:
        """(d) The fixed boxes and stories i..m-1 above, m..j-1 in a free band at the foot."""
        lowest = max(o.box.last_row for o in obs)
        if lowest >= r1:
            return
        w = c1 - c0 + 1
        for m in range(i, j):
            if not (self.heights(m, j, w) >> (r1 - lowest)) & 1 \
                    or not (self.tops(i, m, c0, c1, lowest) >> t) & 1:
                continue
            a = self.region(i, m, c0, c1, lowest, t)
            low = _cheapest(self.best(m, j, w, r1 - lowest)) if a else None
            if low is None:
                continue
            rkey = ("R", i, m, c0, c1, lowest, t, self.cap(i, w))
            fkey = ("B", m, j, w, r1 - lowest, self.cap(m, w))
            for state, (cost, _r) in a.items():
                _keep(out, state, cost + low[1], _Foot, rkey, state, fkey, low[0], c0,
                      lowest + 1)

    def _cut_regions(self, i: int, j: int, c0: int, c1: int, r1: int, t: int,
                     obs: list[Obstacle], out: Choices) -> None:
        """(e) A vertical cut at a fixed box's edge, the more important stories on either
        side of it (the fixed boxes decide which side has the room)."""
        for c in self.cuts(obs, c0, c1):
            for m in range(i, j + 1):
                for (a0, a1), (b0, b1) in (((i, m), (m, j)), ((m, j), (i, m))):
                    if not (self.tops(a0, a1, c0, c - 1, r1) >> t) & 1 \
                            or not (self.tops(b0, b1, c, c1, r1) >> t) & 1:
                        continue
                    self.side_by_side(
                        out, ("R", a0, a1, c0, c - 1, r1, t, self.cap(a0, c - c0)),
                        self.region(a0, a1, c0, c - 1, r1, t),
                        ("R", b0, b1, c, c1, r1, t, self.cap(b0, c1 - c + 1)),
                        self.region(b0, b1, c, c1, r1, t), c, 0)

    def layout(self, key: Key, state: State) -> Layout:
        """Build the layout a memo entry's recipe describes (memoised)."""
        mkey = (key, state)
        found = self._layouts.get(mkey)
        if found is None:
            found = self._layouts[mkey] = self._choices[key][state][1].build(self)
        return found


def min_area(c: Candidate, columns: int, rows: int) -> int | None:
    """The fewest grid cells the candidate can take (None: no shape fits the page)."""
    areas = [s.cols * s.rows for s in c.shapes if s.cols <= columns and s.rows <= rows]
    return min(areas) if areas else None


def place_page(problem: PageProblem) -> PagePlan:
    """Place the page's candidates; stories that cannot fit are left out, last first."""
    rows = problem.bottom - problem.top + 1
    blocked = sum(o.box.cols * o.box.rows for o in problem.obstacles)
    free_cells = problem.columns * rows - blocked
    cands, left_out = _fitting(problem, rows, free_cells)
    plan, cands, dropped = _first_plan(problem, cands, free_cells)
    left_out += dropped
    if plan is None:
        return PagePlan((), tuple(left_out))
    plan, left_out = _take_back(problem, plan, cands, left_out, free_cells)
    return replace(plan, left_out=tuple(left_out))


def _fitting(problem: PageProblem, rows: int, free_cells: int,
             ) -> tuple[list[Candidate], list[str]]:
    """The candidates that may fit (with the ids of those that cannot): none whose every
    shape is larger than the page, and the least important dropped until their smallest
    shapes fit the free area together."""
    cands = [c for c in problem.candidates if min_area(c, problem.columns, rows) is not None]
    left_out = [c.id for c in problem.candidates
                if min_area(c, problem.columns, rows) is None]
    while cands and sum(min_area(c, problem.columns, rows) or 0 for c in cands) > free_cells:
        left_out.append(cands.pop().id)
    return cands, left_out


def _first_plan(problem: PageProblem, cands: list[Candidate], free_cells: int,
                ) -> tuple[PagePlan | None, list[Candidate], list[str]]:
    """The plan of the most important stories that tile the page: the least important
    dropped one at a time (their ids, in that order) until one does."""
    cands = list(cands)
    dropped: list[str] = []
    while cands:
        plan = _solve(problem, tuple(cands), free_cells)
        if plan is not None:
            return plan, cands, dropped
        dropped.append(cands.pop().id)
    return None, cands, dropped


def _take_back(problem: PageProblem, plan: PagePlan, cands: list[Candidate],
               left_out: list[str], free_cells: int) -> tuple[PagePlan, list[str]]:
    """A story left out for a larger one may still fit the room that is left: each, most
    important first, while the plan has holes, is taken back if the page then costs less."""
    order = {c.id: k for k, c in enumerate(problem.candidates)}
    left = list(left_out)
    for sid in sorted(left_out, key=order.__getitem__):
        if not plan.holes:
            break
        trial_cands = sorted([*cands, problem.candidates[order[sid]]], key=lambda c: order[c.id])
        trial = _solve(problem, tuple(trial_cands), free_cells)
        if trial is not None and trial.cost < plan.cost:
            plan, cands = trial, trial_cands
            left.remove(sid)
    return plan, left


def _hole(columns: int, rows: int) -> Candidate:
    """The last resort: an empty region of any size, or none (cost per cell)."""
    return Candidate(HOLE, tuple(Shape(w, 0, None, flexible=True, max_rows=rows)
                                 for w in range(1, columns + 1)), 0, 0)


def _solve(problem: PageProblem, cands: tuple[Candidate, ...], free_cells: int,
           ) -> PagePlan | None:
    """The least-cost tiling at the first level that has one."""
    rows = problem.bottom - problem.top + 1
    for number, level in enumerate(LEVELS):
        run = cands + ((_hole(problem.columns, rows),) if level.hole else ())
        best = _best_tiling(problem, _Tiler(problem, run, level, free_cells, rows))
        if best is not None:
            return _plan(best, cands, number)
    return None


def _best_tiling(problem: PageProblem, tiler: _Tiler) -> tuple[float, Layout] | None:
    """The least-cost layout of the tiler's run over the whole free area, trying each
    width the lead may take, widest first (ties: the wider lead)."""
    run = tiler.cands
    widths = sorted({s.cols for s in run[0].shapes
                     if problem.lead_min_cols <= s.cols <= problem.columns}, reverse=True)
    best: tuple[float, Layout] | None = None
    for lead_cols in widths:
        tiler.lead_cols = lead_cols
        if not (tiler.tops(0, len(run), 1, problem.columns, problem.bottom)
                >> problem.top) & 1:
            continue
        found = _cheapest(tiler.region(0, len(run), 1, problem.columns, problem.bottom,
                                       problem.top))
        if found is not None and (best is None or found[1] < best[0]):
            key = ("R", 0, len(run), 1, problem.columns, problem.bottom, problem.top,
                   lead_cols)
            best = (found[1], tiler.layout(key, found[0]))
    return best


def _plan(best: tuple[float, Layout], cands: tuple[Candidate, ...], level: int) -> PagePlan:
    """The page plan of a tiling: each story's box and shape in priority order, the holes."""
    order = {c.id: k for k, c in enumerate(cands)}
    placements = sorted(
        (Placement(b.ident, Box(b.col, b.row, b.cols, b.rows), b.shape,
                   *reversed(split_extra(b.shape, b.rows)))
         for b in best[1] if b.cand >= 0 and b.shape is not None and b.ident != HOLE),
        key=lambda p: order[p.id])
    holes = tuple(Box(b.col, b.row, b.cols, b.rows) for b in best[1]
                  if b.ident == HOLE and b.rows > 0)
    return PagePlan(tuple(placements), (), level, best[0], holes)
