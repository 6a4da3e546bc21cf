"""How many rows a story part needs: `rows: auto` boxes, and the "set rows: N" in overset
and underset findings (issue 12).

Both ask the flow planner (plan.py) the same question the layout itself answers: does
this part, set in a box of N rows — headline, photos at their own height, caption,
balanced body — hold the rest of its story? The fewest rows that do is the answer, so a
suggested value set in the manifest really fits.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from xhprint.layout.flow import FlowItem
from xhprint.layout.grid import Grid
from xhprint.layout.plan import MIN_BALANCED_ROWS, PartInput, plan_part
from xhprint.layout.story import story_part_frame
from xhprint.layout.typeset import Typesetter
from xhprint.model import Box, Issue, Story, StoryItem, Template

#: the folders whose modules the answer depends on besides the composer's (text.stored)
_CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "model")


@dataclass(frozen=True)
class PartQuestion:
    """A story part whose height is asked for: where it is and what it must hold.

    The item must have its box (the columns the part spans): `box` is it, taken once
    here, so a question about a boxless item fails where it is asked.
    """

    story: Story
    item: StoryItem
    grid: Grid
    page: int
    stream: Sequence[FlowItem]
    start: int = 0  # the part holds stream[start:]
    up_line: FlowItem | None = None  # its （上接第M版） line, for a continued part
    first_part: bool = True
    box: Box = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.item.box is None:
            raise ValueError(f"{self.item.story}: rows are asked of a part without a box")
        object.__setattr__(self, "box", self.item.box)  # frozen: set once, at construction


def holds(q: PartQuestion, rows: int, ts: Typesetter, template: Template,
          photo_sizes: Mapping[Path, tuple[int, int]]) -> bool:
    """Whether the part, `rows` rows tall, holds the rest of its story with every photo
    at the height it asks for."""
    box = replace(q.box, rows=rows)
    frame = story_part_frame(q.story, q.grid.box_rect(box), box.cols, box.col, q.grid, ts,
                             template, photo_sizes, page=q.page,
                             headline_cols=q.item.headline_cols, first_part=q.first_part,
                             jump_head=not q.first_part, headline_space=q.item.headline_space)
    if any(f.check == "photo-fit" for f in frame.findings):
        return False
    flow = PartInput(frame.slots, q.grid.leading, q.up_line, last=True,
                     min_balanced_rows=1 if q.story.kind == "picture" else MIN_BALANCED_ROWS)
    plan = plan_part(q.stream, q.start, flow)
    return plan.start + plan.consumed >= len(q.stream)


def rows_needed(q: PartQuestion, max_rows: int, ts: Typesetter, template: Template,
                photo_sizes: Mapping[Path, tuple[int, int]]) -> int | None:
    """The fewest rows (at most `max_rows`) in which the part holds its text, or None.

    A pure function of its inputs, so it is served from the metrics' `compose_memo` when
    they have one (a watch session's font book): after an edit, the boxes of the stories
    not edited are not sized again (~7 plans each). A news story's stream is a function of
    the story, the typesetter, the template and the column width and leading
    (story.body_stream), all in the key, so it is not hashed itself (thousands of glyphs);
    a picture story's short caption stream is (its measure is its first box's).
    """
    memo = getattr(ts.metrics, "compose_memo", None)
    if memo is None:
        return _rows_needed(q, max_rows, ts, template, photo_sizes)
    stream = tuple(q.stream) if q.story.kind == "picture" else len(q.stream)
    setter = tuple(getattr(ts, f.name) for f in fields(ts) if f.name != "metrics")
    key = ("rows_needed", q.story, q.item, q.grid, q.page, stream, q.start, q.up_line,
           q.first_part, max_rows, setter, repr(template),
           tuple(photo_sizes.get(p.file) for p in q.story.photos))
    if key not in memo:
        memo[key] = _stored_rows_needed(q, max_rows, ts, template, photo_sizes)
    return memo[key]


def _stored_rows_needed(q: PartQuestion, max_rows: int, ts: Typesetter, template: Template,
                        photo_sizes: Mapping[Path, tuple[int, int]]) -> int | None:
    """`_rows_needed`, kept in the store by the font book's stored compositions (so a new
    process does not plan the part ~7 times again): the key is the same inputs by their
    reprs, the headline word breaks by the word list's identity, and the code of layout,
    text and model by their sources' digest."""
    stored = getattr(ts.metrics, "stored_compositions", None)
    words = ts.words
    words_id = getattr(words, "identity", None)
    if stored is None or (words is not None and words_id is None):
        return _rows_needed(q, max_rows, ts, template, photo_sizes)
    stream = repr(tuple(q.stream)) if q.story.kind == "picture" else len(q.stream)
    setter = tuple((f.name, getattr(ts, f.name)) for f in fields(ts)
                   if f.name not in ("metrics", "words"))
    recipe = ("rows_needed", q.story, q.item, q.grid, q.page, stream, q.start, q.up_line,
              q.first_part, max_rows, setter, words_id() if words_id else None, template,
              tuple(photo_sizes.get(p.file) for p in q.story.photos))
    return stored.answer(_CODE, recipe,
                         lambda: _rows_needed(q, max_rows, ts, template, photo_sizes),
                         lambda v: v is None or type(v) is int)


def _rows_needed(q: PartQuestion, max_rows: int, ts: Typesetter, template: Template,
                 photo_sizes: Mapping[Path, tuple[int, int]]) -> int | None:
    if max_rows < 1 or not holds(q, max_rows, ts, template, photo_sizes):
        return None
    lo, hi = 1, max_rows
    while lo < hi:  # more rows never hold less: bisect
        mid = (lo + hi) // 2
        if holds(q, mid, ts, template, photo_sizes):
            hi = mid
        else:
            lo = mid + 1
    return lo


def size_auto_boxes(issue: Issue, grids: tuple[Grid, ...], ts: Typesetter,
                    photo_sizes: Mapping[Path, tuple[int, int]],
                    streams: Mapping[str, Sequence[FlowItem]],
                    starts: Mapping[tuple[str, int], tuple[int, FlowItem | None]],
                    only: Collection[int] | None = None) -> Issue:
    """The issue with every `rows: auto` box (on the pages of index `only`, default all)
    shrunk to the rows its story needs.

    `starts` gives, for a continued part (story id, page index), where in its stream it
    begins and its 上接 line. A story that does not fit even the largest extent keeps
    it: the layout then reports the overset.
    """
    pages = []
    for pi, page in enumerate(issue.pages):
        items = []
        for item in page.items:
            if (isinstance(item, StoryItem) and item.auto_rows and item.box is not None
                    and (only is None or pi in only)):
                start, up = starts.get((item.story, pi), (0, None))
                q = PartQuestion(issue.stories[item.story], item, grids[pi], page.number,
                                 streams[item.story], start, up, first_part=up is None)
                rows = rows_needed(q, item.box.rows, ts, issue.template, photo_sizes)
                if rows is not None:
                    item = replace(item, box=replace(item.box, rows=rows))
            items.append(item)
        pages.append(replace(page, items=tuple(items)))
    return replace(issue, pages=tuple(pages))
