"""Automatic placement: stories without a box get a rectangle of the page's free area.

A pure search over frozen data (docs/placement.md). Each story comes with its *shapes*:
for every width it may take and every size its photos may take there, the rows its text
needs (layout/shapes.py asks the flow planner, the `rows_needed` oracle). The page is then
cut like a newspaper page is drawn: a guillotine cut splits a region into two, the more
important stories (a contiguous run in priority order) going above or to the left, until
every region holds one story or one fixed box (after Gange, Marriott and Stuckey's
guillotine layout, with rows_needed as the height oracle instead of fixed article
configurations).

1. Feasibility: for every run of stories i..j and width w, the set of heights they can
   fill exactly, as an integer bit set (bit h set: a layout exactly h rows high exists);
   regions holding fixed boxes get the set of top rows they can start at. Cheap: a
   convolution of two sets is a few dozen shifts.
2. Cost: over the feasible splits only, the least-cost layout of each region (memoised):
   a story pays for text columns that are too shallow or too deep for their width, for a
   photo far from its natural share of the box, for rows left empty; the lead earns its
   area. Vertical cuts are checked as they are made: no headlines side by side
   (tombstones; a story whose photo can go above its headline may break one), a less
   important story lower or narrower.
3. Relaxation, in order, until the page is tiled: photos may be cropped a little taller,
   then the least important story may take the spare rows; stories that cannot fit are
   left out (the caller reports them), least important first.

Deterministic: no randomness, no clocks; ties go to the first alternative in a fixed order.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from xhprint.model.issue import Box, PhotoSize

#: below this many body rows a column, a story's text reads as a strip; above it, as a wall
SHALLOW_ROWS = 18
DEEP_ROWS = 45
EMPTY_ROW_COST = 2.0  # per empty row and column
SPACE_COST = 1.0  # per row and column of air added to a headline block
MAX_SPACE = 2  # rows of air the engine may add to a headline block
SPARE_ROW_COST = 8.0  # per row and column beyond the one empty row a story may end with
HOLE_COST = 40.0  # per cell of the page left without a story (the last resort)
ART_COST = 3.0  # a photo set above the headline (only to break a tombstone)
LEAD_AREA_REWARD = 60.0  # the lead's share of the free area, times this
STRETCH_COST = 4.0  # per row a photo is cropped taller than its aspect ratio
ASPECT_COST = 6.0  # times ln(box aspect / IDEAL_ASPECT)²
IDEAL_ASPECT = 1.3  # a story box a little wider than tall reads best
WIDE_COST = 3.0  # per column a story after the lead is wider than half the page
HOLE = "\x00hole"  # the id of the last-resort empty region
#: rows the least important story may end with unset before the rules are loosened (the
#: page's remainder; the underset check starts at three)
LAST_SPARE = 2
BROKEN_RULE_COST = 80.0  # a tombstone or a priority breach, where the rules are loosened


@dataclass(frozen=True)
class Level:
    """How far the search may bend the rules to tile the page (tried in order)."""

    stretch: bool = False  # photos may be cropped taller than their aspect ratio
    spare: bool = False  # stories may take rows beyond the one empty row (underset)
    loose: bool = False  # tombstones and priority order cost instead of forbid (reported)
    hole: bool = False  # a region may stay empty (reported)


#: the rules first; then photos may crop a little; then everything has a price: spare rows,
#: a tombstone, a breach of priority order, an empty region — the cheapest page wins
LEVELS = (Level(), Level(stretch=True), Level(stretch=True, spare=True, loose=True, hole=True))


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
    stretch: int = 0  # rows a photo is set taller than its aspect ratio (cropped)
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
        return (self.cols, self.rows, self.stretch, self.flexible,
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
    level: int = 0  # the relaxation level that tiled the page
    cost: float = 0.0
    holes: tuple[Box, ...] = ()  # regions left without a story (the last resort)


@dataclass(frozen=True)
class _Box:
    """A placed rectangle during the search: a candidate index (or -1: an obstacle)."""

    cand: int
    col: int
    row: int
    cols: int
    rows: int
    shape: Shape | None
    headline: tuple[int, int] | None  # absolute rows [a, b) of its headline block
    ident: str = ""

    def moved(self, dc: int, dr: int) -> _Box:
        hl = (self.headline[0] + dr, self.headline[1] + dr) if self.headline else None
        return replace(self, col=self.col + dc, row=self.row + dr, headline=hl)


Layout = tuple[_Box, ...]


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
            if a.headline is None or b.headline is None:
                continue
            if a.col + a.cols == b.col or b.col + b.cols == a.col:
                if a.headline[0] < b.headline[1] and b.headline[0] < a.headline[1]:
                    out.append((a, b))
    return out


@dataclass
class _Tiler:
    """Memo tables of one search (one relaxation level); local to `place_page`.

    `lead_cols` is set for each lead width tried; a memo key carries the width cap it
    was computed under (the lead's width for runs holding the lead, else the least of
    it and the region's width), so runs without the lead are shared between tries.
    """

    problem: PageProblem
    cands: tuple[Candidate, ...]
    level: Level
    free_cells: int
    hmax: int
    lead_cols: int = 0
    bits_memo: dict[int, tuple[int, ...]] = field(default_factory=dict)
    heights_memo: dict[tuple[int, ...], int] = field(default_factory=dict)
    tops_memo: dict[tuple[int, ...], int] = field(default_factory=dict)
    best_memo: dict[tuple[int, ...], Choices] = field(default_factory=dict)
    region_memo: dict[tuple[int, ...], Choices] = field(default_factory=dict)
    leaf_memo: dict[tuple[int, ...], list[tuple[Shape, int, int]]] = field(default_factory=dict)
    obstacle_memo: dict[tuple[int, ...], list[Obstacle]] = field(default_factory=dict)

    def cap(self, i: int, w: int) -> int:
        """The width cap a run starting at story i, in a region w wide, is computed under."""
        return self.lead_cols if i == 0 else min(self.lead_cols, w)

    def bits(self, x: int) -> tuple[int, ...]:
        found = self.bits_memo.get(x)
        if found is None:
            found = self.bits_memo[x] = tuple(bits(x))
        return found

    # -- leaves ------------------------------------------------------------------
    def allowed(self, i: int, w: int) -> list[tuple[Shape, int]]:
        """(shape, bit set of the heights it may take) for story i at width w."""
        key = (i, w, self.cap(i, w))
        found = self.leaf_memo.get(key)
        if found is not None:
            return found
        c = self.cands[i]
        out: list[tuple[Shape, int]] = []
        ok_width = (w >= c.min_cols and (c.fixed_cols is None or w == c.fixed_cols)
                    and (w == self.lead_cols if i == 0 else c.id == HOLE or w <= self.lead_cols))
        if ok_width:
            last = i == len(self.cands) - 1 or (self.cands[-1].id == HOLE
                                                 and i == len(self.cands) - 2)
            # A box at most one row taller than its text needs (the page's remainder: two,
            # for the least important), and short of text by less than underset says.
            budget = LAST_SPARE if last else 1
            short = self.problem.underset_rows - 1
            for s in c.shapes:
                if s.cols != w or (s.stretch and not self.level.stretch) or s.rows > self.hmax:
                    continue
                if s.flexible:
                    hs = _range_bits(s.rows, min(s.max_rows, self.hmax))
                else:
                    hs = 0
                    space = MAX_SPACE if s.space_ok else 0
                    for e in range(0, (self.hmax if self.level.spare else budget) + 1):
                        if self.level.spare or empty_after(s, e) <= short:
                            hs |= (_range_bits(s.rows, s.rows + space) if not e
                                   else 1 << (s.rows + space + e))
                    hs &= (1 << (self.hmax + 1)) - 1
                if hs:
                    out.append((s, hs))
        self.leaf_memo[key] = out
        return out

    def leaf_cost(self, i: int, s: Shape, h: int) -> float:
        """What setting story i in shape `s`, `h` rows high, costs the page."""
        c = self.cands[i]
        if c.id == HOLE:
            return HOLE_COST * s.cols * h
        space, extra = split_extra(s, h)
        empty = extra + max(0, empty_after(s, extra) - extra - self.problem.underset_rows + 1)
        last = i == len(self.cands) - 1 or self.cands[-1].id == HOLE and i == len(self.cands) - 2
        depth = c.lines / s.cols if not s.flexible else min(c.lines / s.cols, h)
        cost = s.cost + STRETCH_COST * s.stretch + (ART_COST if s.art else 0.0)
        cost += SPACE_COST * space * s.cols + EMPTY_ROW_COST * min(empty, 1) * s.cols
        cost += SPARE_ROW_COST * max(0, empty - 1) * s.cols * (0.25 if last else 1.0)
        cost += max(0.0, SHALLOW_ROWS - depth) ** 2 * 0.3 + max(0.0, depth - DEEP_ROWS) ** 2 * 0.05
        cost += ASPECT_COST * math.log(s.cols * self.problem.cell_aspect / h / IDEAL_ASPECT) ** 2
        if i == 0:
            cost -= LEAD_AREA_REWARD * s.cols * h / self.free_cells
        else:
            cost += WIDE_COST * max(0.0, s.cols - self.problem.columns / 2)
        return cost

    # -- feasibility -------------------------------------------------------------
    def heights(self, i: int, j: int, w: int) -> int:
        """Bit set of the heights stories i..j-1 fill exactly in a free w-wide region."""
        if i == j:
            return 1
        key = (i, j, w, self.cap(i, w))
        found = self.heights_memo.get(key)
        if found is not None:
            return found
        mask = (1 << (self.hmax + 1)) - 1
        if j == i + 1:
            out = 0
            for _s, hs in self.allowed(i, w):
                out |= hs
        else:
            out = 0
            for m in range(i + 1, j):
                top = self.heights(i, m, w)
                if top:
                    bottom = self.heights(m, j, w)
                    if bottom:
                        for h1 in self.bits(top):
                            out |= bottom << h1
                for w1 in range(1, w):
                    left = self.heights(i, m, w1)
                    if left:
                        out |= left & self.heights(m, j, w - w1)
            out &= mask
        self.heights_memo[key] = out
        return out

    def _obstacles(self, c0: int, c1: int, r1: int) -> list[Obstacle]:
        key = (-1, c0, c1, r1)
        found = self.obstacle_memo.get(key)
        if found is None:
            found = self.obstacle_memo[key] = [
                o for o in self.problem.obstacles
                if o.box.col <= c1 and o.box.last_col >= c0 and o.box.row <= r1]
        return found

    @staticmethod
    def _cuts(obs: list[Obstacle], c0: int, c1: int) -> list[int]:
        """Columns a region holding fixed boxes is cut at: their edges (a cut elsewhere
        leaves a free strip the free-region search divides as finely)."""
        return sorted({c for o in obs for c in (o.box.col, o.box.last_col + 1)
                       if c0 < c <= c1})

    def tops(self, i: int, j: int, c0: int, c1: int, r1: int) -> int:
        """Bit set of the top rows t from which stories i..j-1 (and the fixed boxes there)
        tile columns c0..c1, rows t..r1 exactly."""
        key = (i, j, c0, c1, r1, self.cap(i, c1 - c0 + 1))
        found = self.tops_memo.get(key)
        if found is not None:
            return found
        w = c1 - c0 + 1
        top = self.problem.top
        obs = self._obstacles(c0, c1, r1)
        out = 0
        if any(o.box.last_row > r1 for o in obs):
            self.tops_memo[key] = 0
            return 0
        crossing = [o for o in obs if o.box.col < c0 or o.box.last_col > c1]
        floor = max([top] + [o.box.last_row + 1 for o in crossing])
        lowest = max((o.box.last_row for o in obs), default=top - 1)
        # (a) every fixed box lies above: a free region
        out |= self._from_heights(self.heights(i, j, w), r1, max(floor, lowest + 1))
        inside = [o for o in obs if o not in crossing]
        if inside:
            # (b) the region is one fixed box
            if i == j:
                for o in inside:
                    if (o.box.col == c0 and o.box.last_col == c1 and o.box.last_row == r1
                            and o.box.row >= floor
                            and not any(p is not o and p.box.last_row >= o.box.row
                                        for p in obs)):
                        out |= 1 << o.box.row
            # (c) a free band on top, fixed boxes below: t = s - h, clear of every box
            # above s (the band's heights reversed, shifted to end at s)
            k = self.hmax
            for m in range(i + 1, j + 1):
                band = self.heights(i, m, w) & ~1
                if not band:
                    continue
                rev = 0
                for h in self.bits(band):
                    rev |= 1 << (k - h)
                for s in self.bits(self.tops(m, j, c0, c1, r1)):
                    above = max([floor - 1] + [o.box.last_row for o in obs
                                               if o.box.last_row < s])
                    shifted = rev << (s - k) if s >= k else rev >> (k - s)
                    out |= shifted & ~((1 << (above + 1)) - 1)
            # (d) fixed boxes above, a free band at the foot
            if lowest < r1:
                for m in range(i, j):
                    if (self.heights(m, j, w) >> (r1 - lowest)) & 1:
                        out |= self.tops(i, m, c0, c1, lowest)
        # (e) a vertical cut
        if obs:
            for c in self._cuts(obs, c0, c1):
                for m in range(i, j + 1):
                    left = self.tops(i, m, c0, c - 1, r1)
                    if left:
                        out |= left & self.tops(m, j, c, c1, r1)
        out &= ~((1 << floor) - 1)
        out &= (1 << (r1 + 1)) - 1 if (i < j or obs) else (1 << (r1 + 2)) - 1
        self.tops_memo[key] = out
        return out

    def _from_heights(self, hs: int, r1: int, floor: int) -> int:
        out = 0
        for h in self.bits(hs):
            t = r1 + 1 - h
            if t >= floor:
                out |= 1 << t
        return out

    # -- cost --------------------------------------------------------------------
    # A region's layouts are kept by corner state: whether its top-left and its top-right
    # box start with something other than a headline (a photo set above it, a picture
    # story's label, a fixed advert). Two regions side by side start on the same row, so
    # the boxes meeting at the top of the cut must not both start with a headline; the
    # least-cost layout of each state is what lets the search find one that fits.
    def best(self, i: int, j: int, w: int, h: int) -> Choices:
        """The least-cost layouts, by corner state, of stories i..j-1 in a free region
        w × h (positions relative to the region)."""
        key = (i, j, w, h, self.cap(i, w))
        found = self.best_memo.get(key)
        if found is not None:
            return found
        out: Choices = {}
        if j == i + 1:
            for s, hs in self.allowed(i, w):
                if (hs >> h) & 1:
                    box = _Box(i, 0, 0, w, h, s, _hl(s, 0, h), self.cands[i].id)
                    _keep(out, _corner(box, box), (self.leaf_cost(i, s, h), (box,)))
        else:
            for m in range(i + 1, j):
                top, bottom = self.heights(i, m, w), self.heights(m, j, w)
                for h1 in self.bits(top):
                    if h1 > h or (h1 == h and not bottom & 1):
                        break
                    if not (bottom >> (h - h1)) & 1:
                        continue
                    a = self.best(i, m, w, h1)
                    b = _cheapest(self.best(m, j, w, h - h1)) if a else None
                    if b is None:
                        continue
                    lower = tuple(x.moved(0, h1) for x in b[1])
                    for state, (cost, layout) in a.items():
                        _keep(out, state, (cost + b[0], layout + lower))
            for m in range(i + 1, j):
                for w1 in range(1, w):
                    if not (self.heights(i, m, w1) >> h) & 1 \
                            or not (self.heights(m, j, w - w1) >> h) & 1:
                        continue
                    self.side_by_side(out, self.best(i, m, w1, h), self.best(m, j, w - w1, h),
                                      w1, 0)
        self.best_memo[key] = out
        return out

    def side_by_side(self, out: Choices, a: Choices, b: Choices, w1: int, dc: int) -> None:
        """Every pairing of a's and b's layouts (b moved w1 columns right, both moved dc)
        that the rules allow, kept by the corner state it makes."""
        for sa, la in sorted(a.items(), key=lambda kv: kv[1][0]):
            for sb, lb in sorted(b.items(), key=lambda kv: kv[1][0]):
                state = (sa[0], sb[1])
                if state in out and out[state][0] <= la[0] + lb[0]:
                    continue
                if not (sa[1] or sb[0]) and not self.level.loose:
                    continue  # two headlines would meet at the top of the cut
                joined = self.join(la, lb, w1)
                if joined is not None:
                    moved = tuple(x.moved(dc, 0) for x in joined[1]) if dc else joined[1]
                    _keep(out, state, (joined[0], moved))

    def join(self, a: tuple[float, Layout], b: tuple[float, Layout], w1: int,
             ) -> tuple[float, Layout] | None:
        """Two layouts side by side (b moved `w1` columns right), if the rules allow it:
        a less important story lower or narrower than a more important one beside it, and
        no tombstone across the cut (a story whose first photo can go above its headline
        may break one lower down). Where the rules are loosened, each breach has a price."""
        left = list(a[1])
        right = [x.moved(w1, 0) for x in b[1]]
        hole = len(self.cands) - 1 if self.cands[-1].id == HOLE else -2
        cost = a[0] + b[0]
        for x in left:
            for y in right:
                if x.cand >= 0 and y.cand >= 0 and hole not in (x.cand, y.cand):
                    lo, hi = (x, y) if x.cand < y.cand else (y, x)
                    if not (hi.row > lo.row or hi.cols <= lo.cols):
                        if not self.level.loose:
                            return None
                        cost += BROKEN_RULE_COST
        for _ in range(len(left) + len(right)):
            clashes = [(x, y) for x, y in tombstones(left + right) if (x in left) != (y in left)]
            if not clashes:
                return cost, tuple(left + right)
            for box in sorted(clashes[0], key=lambda q: -q.cand):  # the less important first
                side = left if box in left else right
                twin = self.art_twin(box)
                if twin is None or (box.row == min(q.row for q in side)):
                    continue  # a box at the top keeps its corner state
                trial = [twin if q == box else q for q in side]
                if any(twin in pair for pair in tombstones(trial)):
                    continue
                side[side.index(box)] = twin
                cost += self.leaf_cost(twin.cand, twin.shape, twin.rows) \
                    - self.leaf_cost(box.cand, box.shape, box.rows)  # type: ignore[arg-type]
                break
            else:
                if not self.level.loose:
                    return None
                return cost + BROKEN_RULE_COST * len(clashes), tuple(left + right)
        return None

    def art_twin(self, box: _Box) -> _Box | None:
        """The box with its story's first photo above the headline, if it has that shape."""
        if box.cand < 0 or box.shape is None or box.shape.art:
            return None
        for s in self.cands[box.cand].shapes:
            if s.art and s.key == box.shape.key:
                return replace(box, shape=s, headline=_hl(s, box.row, box.rows))
        return None

    def best_region(self, i: int, j: int, c0: int, c1: int, r1: int, t: int) -> Choices:
        """The least-cost layouts, by corner state, of stories i..j-1 and the fixed boxes
        in columns c0..c1, rows t..r1 (absolute positions)."""
        key = (i, j, c0, c1, r1, t, self.cap(i, c1 - c0 + 1))
        found = self.region_memo.get(key)
        if found is not None:
            return found
        w = c1 - c0 + 1
        obs = [o for o in self._obstacles(c0, c1, r1) if o.box.last_row >= t]
        out: Choices = {}
        if not obs:
            if i == j:
                if t == r1 + 1:
                    out[(True, True)] = (0.0, ())
            else:
                for state, (cost, layout) in self.best(i, j, w, r1 - t + 1).items():
                    out[state] = (cost, tuple(x.moved(c0, t) for x in layout))
            self.region_memo[key] = out
            return out
        if i == j and len(obs) == 1:
            o = obs[0]
            if (o.box.col, o.box.last_col, o.box.row, o.box.last_row) == (c0, c1, t, r1):
                box = _Box(-1, c0, t, w, r1 - t + 1, None, _abs_hl(o), o.id)
                out[_corner(box, box)] = (0.0, (box,))
                self.region_memo[key] = out
                return out
        lowest = max(o.box.last_row for o in obs)
        # (c) a free band on top
        for m in range(i + 1, j + 1):
            band = self.heights(i, m, w)
            for s in self.bits(self.tops(m, j, c0, c1, r1)):
                h = s - t
                if h <= 0 or not (band >> h) & 1:
                    continue
                if any(t <= o.box.last_row < s for o in obs):
                    continue
                a = self.best(i, m, w, h)
                b = _cheapest(self.best_region(m, j, c0, c1, r1, s)) if a else None
                if b is None:
                    continue
                for state, (cost, layout) in a.items():
                    _keep(out, state, (cost + b[0], tuple(x.moved(c0, t) for x in layout) + b[1]))
        # (d) a free band at the foot
        if lowest < r1:
            for m in range(i, j):
                if not (self.heights(m, j, w) >> (r1 - lowest)) & 1:
                    continue
                if not (self.tops(i, m, c0, c1, lowest) >> t) & 1:
                    continue
                a = self.best_region(i, m, c0, c1, lowest, t)
                b = _cheapest(self.best(m, j, w, r1 - lowest)) if a else None
                if b is None:
                    continue
                lower = tuple(x.moved(c0, lowest + 1) for x in b[1])
                for state, (cost, layout) in a.items():
                    _keep(out, state, (cost + b[0], layout + lower))
        # (e) a vertical cut
        for c in self._cuts(obs, c0, c1):
            for m in range(i, j + 1):
                if not (self.tops(i, m, c0, c - 1, r1) >> t) & 1 \
                        or not (self.tops(m, j, c, c1, r1) >> t) & 1:
                    continue
                left = self.best_region(i, m, c0, c - 1, r1, t)
                right = self.best_region(m, j, c, c1, r1, t)
                shifted = {st: (cost, tuple(x.moved(-(c - c0), 0) for x in layout))
                           for st, (cost, layout) in right.items()}
                self.side_by_side(out, left, shifted, c - c0, 0)
        self.region_memo[key] = out
        return out


Choices = dict[tuple[bool, bool], tuple[float, Layout]]


def _keep(out: Choices, state: tuple[bool, bool], option: tuple[float, Layout]) -> None:
    """Keep `option` if it is the cheapest of its corner state so far."""
    if state not in out or option[0] < out[state][0]:
        out[state] = option


def _cheapest(choices: Choices) -> tuple[float, Layout] | None:
    return min(choices.values(), key=lambda o: o[0]) if choices else None


def _corner(left: _Box, right: _Box) -> tuple[bool, bool]:
    """Whether the top-left and top-right boxes start with something other than a
    headline (the corner state of a single box: both the same box)."""
    def free(b: _Box) -> bool:
        return b.headline is None or b.headline[0] > b.row
    return free(left), free(right)


def empty_after(s: Shape, extra: int) -> int:
    """Rows left empty at the end of shape s's box when it is `extra` rows taller than its
    text needs (beyond the air its headline takes)."""
    if s.flexible:
        return 0
    if extra < len(s.empties):
        return s.empties[extra]
    return s.empties[-1] + extra - len(s.empties) + 1 if s.empties else extra


def split_extra(s: Shape, h: int) -> tuple[int, int]:
    """A box h rows high for shape s: (rows of air under its headline, empty rows at its
    foot). Air first, up to MAX_SPACE rows."""
    if s.flexible:
        return 0, 0
    extra = h - s.rows
    space = min(extra, MAX_SPACE) if s.space_ok else 0
    return space, extra - space


def _hl(s: Shape, row: int, h: int) -> tuple[int, int] | None:
    """Absolute rows [first, end) of the headline block of shape s set h rows high at row."""
    if not s.headline:
        return None
    space, _empty = split_extra(s, h)
    return row + s.headline[0], row + s.headline[0] + s.headline[1] + space


def _abs_hl(o: Obstacle) -> tuple[int, int] | None:
    if o.headline is None:
        return None
    return o.box.row + o.headline[0], o.box.row + o.headline[0] + o.headline[1]


def min_area(c: Candidate, columns: int, rows: int) -> int | None:
    """The fewest grid cells the candidate can take (None: no shape fits the page)."""
    areas = [s.cols * s.rows for s in c.shapes
             if s.cols <= columns and s.rows <= rows and not s.stretch]
    return min(areas) if areas else None


def place_page(problem: PageProblem) -> PagePlan:
    """Place the page's candidates; stories that cannot fit are left out, last first."""
    rows = problem.bottom - problem.top + 1
    blocked = sum(o.box.cols * o.box.rows for o in problem.obstacles)
    free_cells = problem.columns * rows - blocked
    cands = list(problem.candidates)
    left_out: list[str] = []
    for c in list(cands):
        if min_area(c, problem.columns, rows) is None:
            cands.remove(c)
            left_out.append(c.id)
    while cands and sum(min_area(c, problem.columns, rows) or 0 for c in cands) > free_cells:
        left_out.append(cands.pop().id)
    plan: PagePlan | None = None
    while cands and plan is None:
        plan = _solve(problem, tuple(cands), free_cells)
        if plan is None:
            left_out.append(cands.pop().id)
    if plan is None:
        return PagePlan((), tuple(left_out))
    # A story left out for a larger one may still fit the room that is left.
    order = {c.id: k for k, c in enumerate(problem.candidates)}
    for sid in sorted(left_out, key=order.__getitem__):
        if not plan.holes:
            break
        cand = problem.candidates[order[sid]]
        trial_cands = sorted([*cands, cand], key=lambda c: order[c.id])
        trial = _solve(problem, tuple(trial_cands), free_cells)
        if trial is not None and trial.cost < plan.cost:
            plan, cands = trial, trial_cands
            left_out.remove(sid)
    return replace(plan, left_out=tuple(left_out))


def _hole(columns: int, rows: int) -> Candidate:
    """The last resort: an empty region of any size, or none (cost per cell)."""
    return Candidate(HOLE, tuple(Shape(w, 0, None, flexible=True, max_rows=rows)
                                 for w in range(1, columns + 1)), 0, 0)


def _solve(problem: PageProblem, cands: tuple[Candidate, ...], free_cells: int,
           ) -> PagePlan | None:
    """The least-cost tiling at the first relaxation level that has one."""
    rows = problem.bottom - problem.top + 1
    lead = cands[0]
    widths = sorted({s.cols for s in lead.shapes if s.cols >= problem.lead_min_cols
                     and s.cols <= problem.columns}, reverse=True)
    for number, level in enumerate(LEVELS):
        run = cands + ((_hole(problem.columns, rows),) if level.hole else ())
        best: tuple[float, Layout] | None = None
        tiler = _Tiler(problem, run, level, free_cells, rows)
        for lead_cols in widths:
            tiler.lead_cols = lead_cols
            if not (tiler.tops(0, len(run), 1, problem.columns, problem.bottom)
                    >> problem.top) & 1:
                continue
            found = _cheapest(tiler.best_region(0, len(run), 1, problem.columns,
                                                problem.bottom, problem.top))
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is not None:
            placements = tuple(
                Placement(b.ident, Box(b.col, b.row, b.cols, b.rows), b.shape,
                          *reversed(split_extra(b.shape, b.rows)))
                for b in best[1] if b.cand >= 0 and b.shape is not None and b.ident != HOLE)
            holes = tuple(Box(b.col, b.row, b.cols, b.rows) for b in best[1]
                          if b.ident == HOLE and b.rows > 0)
            order = {c.id: k for k, c in enumerate(cands)}
            return PagePlan(tuple(sorted(placements, key=lambda p: order[p.id])), (), number,
                            best[0], holes)
    return None
