"""The layout's own types and small helpers (issue 16): a placed item always has its box
(BoxedItem, PartQuestion), every drawn element has an extent, and the jump links of a
continued story land on each other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xhprint.layout.invariants import extent
from xhprint.layout.parts import BoxedItem, boxed, boxed_items
from xhprint.layout.sizing import PartQuestion
from xhprint.model import Box, StoryItem
from xhprint.model.frame import (
    FillRect,
    ImageBox,
    LinkArea,
    PdfPlacement,
    QRSymbol,
    RuleLine,
)


def test_boxed_keeps_the_items_box_and_skips_a_boxless_one() -> None:
    box = Box(2, 5, 3, 20)
    assert boxed(1, StoryItem("a", box)) == BoxedItem(1, StoryItem("a", box), box)
    assert boxed(0, StoryItem("b", None)) is None


def test_boxed_items_of_an_arranged_issue_hold_every_part(built) -> None:
    """On a laid-out issue (every item boxed), each story's parts, in page order, with
    the boxes the pages give them."""
    issue = built("three-hop").layout.arranged
    parts = boxed_items(issue)
    assert [p.page_index for p in parts["long"]] == [0, 1, 4]
    for p in parts["long"]:
        assert p.item in issue.pages[p.page_index].items and p.box == p.item.box


def test_a_part_question_takes_its_box_and_refuses_a_boxless_item(built) -> None:
    lay = built("three-hop").layout
    issue, grid = lay.arranged, lay.grids[0]
    story = issue.stories["long"]
    item = issue.pages[0].items[0]
    assert PartQuestion(story, item, grid, 1, ()).box == item.box == Box(1, 6, 2, 10)
    with pytest.raises(ValueError, match="long"):
        PartQuestion(story, StoryItem("long", None), grid, 1, ())


@pytest.mark.parametrize(("element", "covers"), [
    (ImageBox(10, 20, 30, 40, Path("p.jpg"), (0, 0, 1, 1)), (10, 20, 30, 40)),
    (PdfPlacement(1, 2, 3, 4, Path("a.pdf")), (1, 2, 3, 4)),
    (QRSymbol(5, 6, 50, "x"), (5, 6, 50, 50)),
    (RuleLine(10, 100, 60, 100, width=2), (10, 99, 50, 2)),  # across: widened up and down
    (RuleLine(30, 10, 30, 70, width=1), (29.5, 10, 1, 60)),
    (RuleLine(0, 0, 10, 10, width=2), (-1, -1, 12, 12)),  # slanted: widened every way
    (LinkArea(0, 0, 10, 10, 2), None),  # draws nothing
    (FillRect(0, 0, 10, 10), None),  # not an item's: not checked
])
def test_extent_of_each_element_type(element, covers) -> None:
    found = extent(element)
    assert (None if found is None else (found.x, found.y, found.w, found.h)) == covers


def test_jump_links_land_on_each_other(built) -> None:
    """A （下轉） link points at the top of the next part's box; the （上接） link there
    points back at the y of the （下轉） line it continues from."""
    lay = built("three-hop").layout
    areas = {p.number: next(a for a in p.areas if a.id == "long")
             for p in lay.pages if any(a.id == "long" for a in p.areas)}
    links = {p.number: [e for e in p.elements if isinstance(e, LinkArea)] for p in lay.pages}
    hops = [(1, 2), (2, 5)]
    for here, there in hops:
        (down,) = [e for e in links[here] if e.target_page == there]
        (up,) = [e for e in links[there] if e.target_page == here]
        assert down.target_y == pytest.approx(areas[there].y)
        assert up.target_y == pytest.approx(down.y)
        assert areas[here].y < down.y < areas[here].y + areas[here].h
    assert sum(len(v) for v in links.values()) == 2 * len(hops)
