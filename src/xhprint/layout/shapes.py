"""The shapes a story part may take on a page: for each width, and each size its first photo
may take there, the rows its text needs (automatic placement's height oracle).

The answer is the flow planner's, as for `rows: auto` (sizing.py): the part's frame
(headline, photos, captions) is laid out once, in a box as tall as the free area, and
the fewest rows whose columns hold the rest of the story is found by bisection on the
same `fill` the planner runs. `rows_needed` gives the same number; a test holds them
equal. Photos keep their aspect ratio: a photo k columns wide is the rows its aspect
gives, rounded down or up (never more than a row off).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from xhprint.layout.flow import FlowItem, Slot, fill
from xhprint.layout.grid import Grid
from xhprint.layout.placement import Shape
from xhprint.layout.plan import (
    BALANCE_WIDOW_ROWS,
    MIN_BALANCED_ROWS,
    PartInput,
    empty_rows,
    plan_part,
)
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import MIN_PHOTO_ROWS, body_stream, headline_block, story_part_frame
from xhprint.layout.typeset import Typesetter
from xhprint.model import Box, Photo, PhotoSize, Story, StoryItem, Template
from xhprint.model.frame import ImageBox

#: a photo's default height limits: at least this many rows, at most this share of the
#: type area's rows (a photo's own `min_rows`/`max_rows` replace them)
DEFAULT_MIN_PHOTO_ROWS = 8
DEFAULT_MAX_PHOTO_SHARE = 0.4
CROP_COST = 80.0  # times the share of a photo its frame crops away, squared
PHOTO_SHARE = 0.3  # a photo's natural share of its story's box
PHOTO_SHARE_COST = 60.0  # times (share − PHOTO_SHARE)²
#: a story with no photo and at most this many characters is a brief (短訊): it may be
#: one column wide on a broadsheet
BRIEF_CHARS = 300
#: empty rows from which taller boxes need not be measured (the usual underset threshold)
UNDERSET_GUESS = 3
#: a part that continues holds at least this many rows of text before its jump line
MIN_CONTINUED_ROWS = 6


@dataclass(frozen=True)
class PartToPlace:
    """A story part the engine places: where its text starts and how it ends."""

    story: Story
    item: StoryItem
    stream: Sequence[FlowItem]
    start: int = 0  # the part holds stream[start:]
    up_line: FlowItem | None = None  # its （上接第M版） line, for a continued part
    continues: bool = False  # a later part takes what does not fit (continue: N)

    @property
    def first_part(self) -> bool:
        return self.up_line is None

    @property
    def items(self) -> tuple[FlowItem, ...]:
        """What the part flows: its 上接 line, then the rest of the stream."""
        return ((self.up_line,) if self.up_line else ()) + tuple(self.stream[self.start:])

    @property
    def chars(self) -> int:
        return sum(it.chars for it in self.stream[self.start:])

    @property
    def lines(self) -> int:
        return sum(max(1, len(it.lines)) for it in self.stream[self.start:])

    @property
    def brief(self) -> bool:
        return (self.first_part and not self.story.photos and self.story.kind == "news"
                and self.chars <= BRIEF_CHARS)


@dataclass(frozen=True)
class Sizer:
    """What measuring needs: the page's grid, the typesetter and the photos' pixel sizes."""

    grid: Grid
    ts: Typesetter
    template: Template
    photo_sizes: Mapping[Path, tuple[int, int]]
    page: int
    max_rows: int  # the free area's height: no shape is taller

    def shapes(self, part: PartToPlace, widths: Sequence[int]) -> tuple[Shape, ...]:
        """Every shape the part may take at these widths."""
        out: list[Shape] = []
        for w in widths:
            if part.story.kind == "picture" and part.first_part:
                out += self._picture(part, w)
                continue
            for sizes in self.photo_options(part, w):
                out += self._shapes_at(part, w, sizes)
        return tuple(out)

    # -- photos ------------------------------------------------------------------
    def photo_options(self, part: PartToPlace, w: int) -> list[tuple[PhotoSize | None, ...]]:
        """The sizes the first photo may take in a box w columns wide (its width in whole
        columns, its rows from its aspect ratio rounded down or up, within its limits);
        one plain option when the engine does not size it."""
        photo = self._sized_photo(part)
        if photo is None:
            return [()]
        lo, hi = self._photo_limits(photo)
        out: list[tuple[PhotoSize | None, ...]] = []
        for k in _photo_spans(photo.place, w):
            place = _span_place(photo.place, k, w)
            out += [(PhotoSize(place, None if k == w else k, rows),)
                    for rows in self._aspect_rows(photo, k)
                    if max(lo, MIN_PHOTO_ROWS) <= rows <= hi]
        return out or [()]

    def _sized_photo(self, part: PartToPlace) -> Photo | None:
        """The photo the engine sizes: a first part's first photo, when neither its rows
        nor its cols are given and its pixels are known."""
        story = with_item_photos(part.story, part.item)
        photo = story.photos[0] if story.photos and part.first_part else None
        if photo is None or photo.rows or photo.cols or photo.file not in self.photo_sizes:
            return None
        return photo

    def _photo_limits(self, photo: Photo) -> tuple[int, int]:
        """The fewest and most rows the engine may give the photo (its own, else the
        defaults)."""
        lo = photo.min_rows or DEFAULT_MIN_PHOTO_ROWS
        return lo, photo.max_rows or max(lo, int(self.grid.rows * DEFAULT_MAX_PHOTO_SHARE))

    def _aspect_rows(self, photo: Photo, k: int) -> list[int]:
        """The rows the photo's aspect ratio gives it k columns wide, rounded down and up."""
        px = self.photo_sizes[photo.file]
        exact = self.grid.span_width(k) * px[1] / px[0] / self.grid.leading
        return sorted({max(1, math.floor(exact + 1e-6)), math.ceil(exact - 1e-6)})

    # -- measuring ---------------------------------------------------------------
    def _shapes_at(self, part: PartToPlace, w: int, sizes: tuple[PhotoSize | None, ...],
                   ) -> list[Shape]:
        story = with_photo_sizes(with_item_photos(part.story, part.item), sizes)
        if any(p.place == "bottom" for p in story.photos):
            return self._by_planner(part, story, w, sizes)
        rect = self.grid.box_rect(Box(1, 1, w, self.max_rows))
        frame = story_part_frame(story, rect, w, 1, self.grid, self.ts, self.template,
                                 self.photo_sizes, page=self.page, headline_cols=None,
                                 first_part=part.first_part, jump_head=not part.first_part)
        if any(f.check in ("photo-fit", "headline-lines") for f in frame.findings) \
                or not frame.slots:
            return []  # a photo squeezed, a headline over its lines: not a shape to offer
        tops = [round((s.top - rect.y) / self.grid.leading) for s in frame.slots]
        floor_rows = max(1, max(tops))
        items = part.items
        need = self._fewest(frame.slots, rect.y, items, floor_rows)
        if need is None:
            return []
        hl = self._headline_rows(part, story, w, min(tops))
        cost = _crop_cost(frame.elements, self.photo_sizes) + _share_cost(sizes, w, need)
        if part.continues:
            least = min(need, floor_rows + MIN_CONTINUED_ROWS)
            return _art_twins([Shape(w, least, hl, sizes, cost=cost, flexible=True,
                                     max_rows=max(least, need - 1))], sizes, hl, min(tops))
        empties = self._empties(frame.slots, rect.y, items, need, part.story.kind)
        return _art_twins([Shape(w, need, hl, sizes, cost=cost,
                                 space_ok=part.first_part and hl is not None, empties=empties)],
                          sizes, hl, min(tops))

    def _fewest(self, slots: Sequence[Slot], top: float, items: Sequence[FlowItem],
                least: int) -> int | None:
        """The fewest rows (≥ `least`) whose columns hold `items`: bisection on fill."""
        L = self.grid.leading

        def holds(rows: int) -> bool:
            bottom = top + rows * L
            cut = [Slot(s.x, s.top, bottom, s.width) for s in slots
                   if bottom - s.top >= L - 1e-6]
            return bool(cut) and fill(cut, items, 0).next_index >= len(items)

        if not holds(self.max_rows):
            return None
        lo, hi = least, self.max_rows
        while lo < hi:
            mid = (lo + hi) // 2
            if holds(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _empties(self, slots: Sequence[Slot], top: float, items: Sequence[FlowItem],
                 need: int, kind: str) -> tuple[int, ...]:
        """`_empty` for boxes `need`, `need`+1 and `need`+2 rows high.

        A taller box sets the text as the box of `need` rows does (balancing finds the
        same lowest row line) unless it gives a column its first row or balancing was
        held back by the box's height; then every row more is one more empty row in the
        last column the text reaches and in each column after it.
        """
        L = self.grid.leading
        first = self._empty(slots, top, items, need, kind)
        tops = [round((s.top - top) / L) for s in slots]
        steady = (first[2] + BALANCE_WIDOW_ROWS <= need - min(tops)
                  and need - min(tops) >= MIN_BALANCED_ROWS + BALANCE_WIDOW_ROWS
                  and not any(need - 1 <= t <= need + 2 for t in tops))
        out = [first[0]]
        for e in (1, 2):
            if need + e > self.max_rows or out[-1] >= UNDERSET_GUESS:
                break
            out.append(first[0] + e * first[1] if steady
                       else self._empty(slots, top, items, need + e, kind)[0])
        return tuple(out)

    def _empty(self, slots: Sequence[Slot], top: float, items: Sequence[FlowItem], rows: int,
               kind: str) -> tuple[int, int, int]:
        """The rows the layout leaves empty at the box's end when it sets `items` in a box
        `rows` high (its underset measure: a short last column, unused columns)."""
        L = self.grid.leading
        bottom = top + rows * L
        cut = tuple(Slot(s.x, s.top, bottom, s.width) for s in slots
                    if bottom - s.top >= L - 1e-6)
        flow = PartInput(cut, L, None, last=True,
                         min_balanced_rows=1 if kind == "picture" else MIN_BALANCED_ROWS)
        plan = plan_part(items, 0, flow)
        ends = plan.result.slot_ends
        used = [k for k, (sl, end) in enumerate(zip(cut, ends, strict=False)) if end > sl.top + 1e-6]
        depth = math.ceil((max(ends, default=top) - min((sl.top for sl in cut), default=top))
                          / L - 1e-6)
        return empty_rows(ends, cut, L), len(cut) - (used[-1] if used else -1), depth

    def _empty_in(self, story: Story, part: PartToPlace, w: int, rows: int,
                  items: Sequence[FlowItem]) -> int:
        """`_empty` for a frame that depends on the box's height (laid out at `rows`)."""
        rect = self.grid.box_rect(Box(1, 1, w, rows))
        frame = story_part_frame(story, rect, w, 1, self.grid, self.ts, self.template,
                                 self.photo_sizes, page=self.page, headline_cols=None,
                                 first_part=part.first_part, jump_head=not part.first_part)
        return self._empty(frame.slots, rect.y, items, rows, story.kind)[0]

    def _headline_rows(self, part: PartToPlace, story: Story, w: int,
                       first_top: int) -> tuple[int, int] | None:
        """(first row, rows) of the headline block (or jump head) from the box top."""
        if not part.first_part:
            return (0, first_top)
        if not (story.kicker or story.headline or story.subhead or story.byline):
            return None
        rect = self.grid.box_rect(Box(1, 1, w, self.max_rows))
        _lines, rows, _f = headline_block(story, self.ts, self.template, self.grid, rect, w,
                                          page=self.page)
        return (0, rows)

    def _by_planner(self, part: PartToPlace, story: Story, w: int,
                    sizes: tuple[PhotoSize | None, ...]) -> list[Shape]:
        """Frames that depend on the box's height (a photo at the foot, a picture story):
        the planner's own rows_needed."""
        box = Box(1, 1, w, self.max_rows)
        item = replace(part.item, box=box, headline_cols=None)
        q = PartQuestion(story, item, self.grid, self.page, part.stream, part.start,
                         part.up_line, first_part=part.first_part)
        need = rows_needed(q, self.max_rows, self.ts, self.template, self.photo_sizes)
        if need is None:
            return []
        frame = story_part_frame(story, self.grid.box_rect(replace(box, rows=need)), w, 1,
                                 self.grid, self.ts, self.template, self.photo_sizes,
                                 page=self.page, headline_cols=None,
                                 first_part=part.first_part, jump_head=not part.first_part)
        if any(f.check == "headline-lines" for f in frame.findings):
            return []
        cost = _crop_cost(frame.elements, self.photo_sizes)
        hl = self._headline_rows(part, story, w, 0)
        if story.kind == "picture" and part.first_part:
            hl = _picture_headline(story, hl)
        if part.continues:
            least = min(need, MIN_CONTINUED_ROWS + (hl[0] + hl[1] if hl else 0))
            return [Shape(w, least, hl, sizes, cost=cost, flexible=True,
                          max_rows=max(least, need - 1))]
        empties = tuple(self._empty_in(story, part, w, need + e, part.items)
                        for e in range(3) if need + e <= self.max_rows)
        return [Shape(w, need, hl, sizes, cost=cost, empties=empties)]

    def _picture(self, part: PartToPlace, w: int) -> list[Shape]:
        """A picture story: its photo spans the box at the rows its aspect gives, rounded
        down or up, within its limits."""
        stream, _f = body_stream(part.story, self.ts, self.template, self.grid, page=self.page,
                                 box_cols=w)  # the caption measure depends on the width
        part = replace(part, stream=stream)
        story = with_item_photos(part.story, part.item)
        photo = story.photos[0]
        options: list[tuple[PhotoSize | None, ...]] = [()]
        if not photo.rows and photo.file in self.photo_sizes:
            lo, hi = self._photo_limits(photo)
            options = [(PhotoSize(None, None, r),)
                       for r in self._aspect_rows(photo, w) if lo <= r <= hi] or options
        out: list[Shape] = []
        for sizes in options:
            out += self._by_planner(part, with_photo_sizes(story, sizes), w, sizes)
        return out


def _photo_spans(place: str, w: int) -> list[int]:
    """The widths (columns) the first photo may take in a box w columns wide: the box's
    width when it spans it, narrower (at least a third of it) beside the text."""
    spans = [w] if place in ("top", "bottom", "above") else []
    if place != "bottom" and w >= 2:
        spans += [k for k in range(w - 1, 0, -1) if 3 * k >= w]
    return spans


def _span_place(place: str, k: int, w: int) -> str:
    """Where a photo k columns wide sits in a box w wide: spanning it (top unless asked at
    the foot or above the headline), else in the top corner it asked for (right if none)."""
    if k == w:
        return place if place in ("bottom", "above") else "top"
    return "top-left" if place == "top-left" else "top-right"


def _share_cost(sizes: tuple[PhotoSize | None, ...], w: int, need: int) -> float:
    """What the first photo's distance from its natural share of the box costs."""
    size = sizes[0] if sizes else None
    if size is None or not size.rows:
        return 0.0
    share = (size.cols or w) * size.rows / (w * need)
    return PHOTO_SHARE_COST * (share - PHOTO_SHARE) ** 2


def _art_twins(shapes: list[Shape], sizes: tuple[PhotoSize | None, ...],
               hl: tuple[int, int] | None, first_top: int) -> list[Shape]:
    """The shapes, and with a photo across the top and a headline, their twins with the
    photo above the headline: same rows, headline lower down."""
    if not (sizes and sizes[0] is not None and sizes[0].place == "top" and hl is not None):
        return shapes
    photo_rows = first_top - hl[1]
    art = (replace(sizes[0], place="above"),) + sizes[1:]
    return shapes + [replace(s, photos=art, art=True, headline=(photo_rows, hl[1]))
                     for s in shapes]


def _picture_headline(story: Story, hl: tuple[int, int] | None) -> tuple[int, int] | None:
    """A picture story's headline rows: under its label, if it has a headline at all."""
    return (1 if story.label else 0, hl[1]) if hl and story.headline else None


def _crop_cost(elements: Sequence[object], photo_sizes: Mapping[Path, tuple[int, int]],
               ) -> float:
    """What cropping the part's photos to their frames costs: the share cut away, squared."""
    cost = 0.0
    for el in elements:
        if isinstance(el, ImageBox) and el.source in photo_sizes:
            w, h = photo_sizes[el.source]
            kept = (el.crop[2] - el.crop[0]) * (el.crop[3] - el.crop[1]) / max(1, w * h)
            cost += CROP_COST * (1 - kept) ** 2
    return cost


def with_item_photos(story: Story, item: StoryItem) -> Story:
    """The story with the photo sizes its item sets (first part only)."""
    return with_photo_sizes(story, item.photos)


def with_photo_sizes(story: Story, sizes: tuple[PhotoSize | None, ...]) -> Story:
    """The story with `sizes` applied to its photos, in order."""
    if not sizes:
        return story
    photos: list[Photo] = []
    for k, photo in enumerate(story.photos):
        size = sizes[k] if k < len(sizes) else None
        if size is not None:
            place = size.place or photo.place
            spanning = place in ("top", "bottom", "above")
            photo = replace(photo, place=place,
                            cols=None if spanning else (size.cols or photo.cols),
                            rows=size.rows or photo.rows)
        photos.append(photo)
    return replace(story, photos=tuple(photos))
