"""The manifest keys of automatic placement (manifest.md §2, docs/placement.md).

A story item may leave out `box`: the engine places it (layout/placement.py), guided by
`priority` (1 = the page's lead) and `cols` (a fixed width). An item's `photos:` sets,
per photo of its story, the `place`, `cols` and `rows` it has on this page (what
`xhprint suggest --write` writes for the engine's choices). A photo's `min_rows` and
`max_rows` in the story front matter bound the height the engine may give it.

Kept apart from issue.py and story.py so those only call in here: the key tables
below (fields.py) are read into StoryItem, PhotoSize and Photo, whose defaults apply.
Each key has its own msgid ("{what} priority"), translated as the key of its item.
"""

from __future__ import annotations

from collections.abc import Mapping

from xhprint.i18n import msg
from xhprint.manifest.check import Checker, is_null
from xhprint.manifest.fields import Choice, Field, Integer, Rule, Scope, Table
from xhprint.manifest.yamlsource import Node
from xhprint.model.issue import PhotoSize, Story, StoryItem

#: where a photo sits in its story's box
PLACES = ("top", "bottom", "top-left", "top-right", "above")
#: an item's `photos:` entry
PHOTO_SIZE_KEYS = ("place", "cols", "rows")
#: photo places that span their box (`cols` makes no sense there)
SPANNING = ("top", "bottom", "above")
MAX_HEADLINE_SPACE = 4  # rows of air an item may add to its headline block


# -- rules ------------------------------------------------------------------------
def _cols_match_box(at: Scope) -> None:
    """An item with a box has the box's width; `cols` is for an item the engine places."""
    cols, box = at.values["cols"], at.values["box"]
    if cols is not None and box is not None and cols != box.cols:
        at.c.error(at.keys["cols"], msg("{what} has cols: {cols} but its box is {box} columns "
                                        "wide", what=at.what, cols=cols, box=box.cols),
                   msg("remove cols (the box sets the width), or remove the box to let the "
                       "engine place the story {cols} columns wide", cols=cols))


def _headline_cols_need_box(at: Scope) -> None:
    if "headline_cols" in at.keys and at.values["box"] is None:
        at.c.error(at.keys["headline_cols"],
                   msg("{what} has headline_cols but no box: a placed story's headline spans "
                       "it", what=at.what),
                   msg("remove headline_cols, or give the item a box"))


def _size_cols_need_a_side(at: Scope) -> None:
    place = at.values["place"]
    if at.values["cols"] is not None and place in SPANNING:
        at.c.error(at.keys["cols"], msg("{what} has cols but place: {place} always spans the box",
                                        what=at.what, place=place),
                   msg("remove cols, or use place: top-left / top-right"))


def _limits_in_order(at: Scope) -> None:
    lo, hi = at.values["min_rows"], at.values["max_rows"]
    if lo is not None and hi is not None and lo > hi:
        at.c.error(at.keys["max_rows"], msg("{what} has min_rows: {lo} above max_rows: {hi}",
                                            what=at.what, lo=lo, hi=hi),
                   msg("make max_rows at least min_rows"))


def _rows_or_limits(at: Scope) -> None:
    """`rows` fixes a photo's height; `min_rows`/`max_rows` let the engine choose it."""
    limited = at.values["min_rows"] is not None or at.values["max_rows"] is not None
    if at.values["rows"] is not None and limited:
        at.c.error(at.keys["rows"], msg("{what} has rows and min_rows/max_rows: rows fixes the "
                                        "height, the limits let the engine choose it",
                                        what=at.what),
                   msg("keep rows, or min_rows/max_rows, not both"))


def _above_spans(at: Scope) -> None:
    if at.values["place"] == "above" and "cols" in at.keys:
        at.c.error(at.keys["cols"], msg("{what} has cols but place: above always spans the box",
                                        what=at.what),
                   msg("remove cols, or use place: top-left / top-right"))


# -- tables -------------------------------------------------------------------------
#: an item's `photos:` entry: this page's place and size of one photo of its story
PHOTO_SIZE = Table(PhotoSize, (
    Field("place", Choice(PLACES), called=lambda w: msg("{what} place", what=w)),
    Field("cols", Integer(lo=1), called=lambda w: msg("{what} cols", what=w)),
    Field("rows", Integer(lo=1), called=lambda w: msg("{what} rows", what=w)),
    Rule(_size_cols_need_a_side),
))


def _photo_size(c: Checker, node: Node, what: str) -> PhotoSize | None:
    if is_null(node):
        return None  # `- ~`: this photo as the story says
    keys = c.mapping(node, what, PHOTO_SIZE_KEYS)
    return None if keys is None else PhotoSize(**PHOTO_SIZE.read(c, keys, what))


def _photo_sizes(at: Scope, node: Node, name: str) -> tuple[PhotoSize | None, ...]:
    """Per photo of the story, in order (`- ~`: as the story says); `photos: ~` is none."""
    if is_null(node):
        return ()
    return tuple(_photo_size(at.c, n, msg("{what} photo {i}", what=at.what, i=i))
                 for i, n in enumerate(at.c.sequence(node, name) or [], 1))


#: a story item's keys besides `box`, `story`, `continue` and `headline_cols`; the
#: context gives the item's `box` (None: the engine places it)
ITEM_HINTS = Table(StoryItem, (
    Field("priority", Integer(lo=1), called=lambda w: msg("{what} priority", what=w)),
    Field("cols", Integer(lo=1), called=lambda w: msg("{what} cols", what=w)),
    Rule(_cols_match_box),
    Rule(_headline_cols_need_box),
    Field("photos", _photo_sizes, called=lambda w: msg("{what} photos", what=w)),
    Field("headline_space", Integer(lo=0, hi=MAX_HEADLINE_SPACE), or_default=True,
          called=lambda w: msg("{what} headline_space", what=w)),
))

#: a story photo's `min_rows`/`max_rows`, and the rules they share with `rows` and `cols`
#: (story.py's photo table ends with these)
PHOTO_LIMITS = (
    Field("min_rows", Integer(lo=1), called=lambda w: msg("{what} min_rows", what=w)),
    Field("max_rows", Integer(lo=1), called=lambda w: msg("{what} max_rows", what=w)),
    Rule(_limits_in_order),
    Rule(_rows_or_limits),
    Rule(_above_spans),
)


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
