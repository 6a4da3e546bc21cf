"""The manifest keys of automatic placement (manifest.md §2, docs/placement.md).

A story item may leave out `box`: the engine places it (layout/placement.py), guided by
`priority` (1 = the page's lead) and `cols` (a fixed width). An item's `photos:` sets,
per photo of its story, the `place`, `cols` and `rows` it has on this page (what
`xhprint suggest --write` writes for the engine's choices). A photo's `min_rows` and
`max_rows` in the story front matter bound the height the engine may give it.

Kept apart from issue.py and story.py so those only call in here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from xhprint.i18n import msg
from xhprint.manifest.check import Checker, is_null
from xhprint.manifest.yamlsource import Node
from xhprint.model.issue import Box, PhotoSize, Story, StoryItem

#: an item's `photos:` entry
PHOTO_SIZE_KEYS = ("place", "cols", "rows")
#: photo places that span their box (`cols` makes no sense there)
SPANNING = ("top", "bottom", "above")
MAX_HEADLINE_SPACE = 4  # rows of air an item may add to its headline block


@dataclass(frozen=True)
class ItemHints:
    """What a story item says about its placement besides `box`."""

    priority: int | None = None
    cols: int | None = None
    photos: tuple[PhotoSize | None, ...] = ()
    headline_space: int = 0


def item_hints(c: Checker, keys: Mapping[str, Node], what: str, box: Box | None,
               places: tuple[str, ...]) -> ItemHints:
    """`priority`, `cols` and `photos` of a story item; problems go to `c`."""
    priority = (c.integer(keys["priority"], msg("{what} priority", what=what), lo=1)
                if "priority" in keys else None)
    cols = c.integer(keys["cols"], msg("{what} cols", what=what), lo=1) if "cols" in keys else None
    if cols is not None and box is not None and cols != box.cols:
        c.error(keys["cols"], msg("{what} has cols: {cols} but its box is {box} columns wide",
                                  what=what, cols=cols, box=box.cols),
                msg("remove cols (the box sets the width), or remove the box to let the "
                    "engine place the story {cols} columns wide", cols=cols))
    if "headline_cols" in keys and box is None:
        c.error(keys["headline_cols"],
                msg("{what} has headline_cols but no box: a placed story's headline spans it",
                    what=what),
                msg("remove headline_cols, or give the item a box"))
    photos: list[PhotoSize | None] = []
    if "photos" in keys and not is_null(keys["photos"]):
        for i, node in enumerate(c.sequence(keys["photos"], msg("{what} photos", what=what))
                                 or [], 1):
            photos.append(_photo_size(c, node, msg("{what} photo {i}", what=what, i=i), places))
    space = c.integer(keys["headline_space"], msg("{what} headline_space", what=what), lo=0,
                      hi=MAX_HEADLINE_SPACE) if "headline_space" in keys else 0
    return ItemHints(priority, cols, tuple(photos), space or 0)


def _photo_size(c: Checker, node: Node, what: str, places: tuple[str, ...]) -> PhotoSize | None:
    if is_null(node):
        return None  # `- ~`: this photo as the story says
    keys = c.mapping(node, what, PHOTO_SIZE_KEYS)
    if keys is None:
        return None
    place = c.enum(keys["place"], msg("{what} place", what=what), places) if "place" in keys \
        else None
    cols = c.integer(keys["cols"], msg("{what} cols", what=what), lo=1) if "cols" in keys \
        else None
    rows = c.integer(keys["rows"], msg("{what} rows", what=what), lo=1) if "rows" in keys \
        else None
    if cols is not None and place in SPANNING:
        c.error(keys["cols"], msg("{what} has cols but place: {place} always spans the box",
                                  what=what, place=place),
                msg("remove cols, or use place: top-left / top-right"))
    return PhotoSize(place, cols, rows)


def photo_limits(c: Checker, keys: Mapping[str, Node], what: str, rows: int | None,
                 place: str | None) -> tuple[int | None, int | None]:
    """A story photo's `min_rows` and `max_rows` (and `cols` on a place: above photo)."""
    lo = c.integer(keys["min_rows"], msg("{what} min_rows", what=what), lo=1) \
        if "min_rows" in keys else None
    hi = c.integer(keys["max_rows"], msg("{what} max_rows", what=what), lo=1) \
        if "max_rows" in keys else None
    if lo is not None and hi is not None and lo > hi:
        c.error(keys["max_rows"], msg("{what} has min_rows: {lo} above max_rows: {hi}",
                                      what=what, lo=lo, hi=hi),
                msg("make max_rows at least min_rows"))
    if rows is not None and (lo is not None or hi is not None):
        c.error(keys["rows"], msg("{what} has rows and min_rows/max_rows: rows fixes the height, "
                                  "the limits let the engine choose it", what=what),
                msg("keep rows, or min_rows/max_rows, not both"))
    if place == "above" and "cols" in keys:
        c.error(keys["cols"], msg("{what} has cols but place: above always spans the box",
                                  what=what),
                msg("remove cols, or use place: top-left / top-right"))
    return lo, hi


def check_item_photos(c: Checker, items: list[tuple[StoryItem, Node]],
                      stories: Mapping[str, Story]) -> None:
    """An item's `photos:` names photos its story has, and only on the story's first part."""
    seen: set[str] = set()
    for item, node in items:
        first = item.story not in seen
        seen.add(item.story)
        story = stories.get(item.story)
        if not item.photos or story is None:
            continue
        if not first:
            c.error(node, msg("story {story!r}: photos: on a continued part (photos belong to "
                              "the first part)", story=item.story),
                    msg("move photos: to the story's first item"))
        elif len(item.photos) > len(story.photos):
            c.error(node, msg("story {story!r} has {n} photos but its item sizes {m}",
                              story=item.story, n=len(story.photos), m=len(item.photos)),
                    msg("list one entry per photo of the story, in order"))
