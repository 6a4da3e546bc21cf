"""The layout's own guarantee, checked on every build: nothing is drawn outside its box.

Takes a laid-out page and its grid; returns `box-overflow` errors. Every element that
belongs to an item (text, photo, advert) must lie inside that item's box, and every item
box, rule and QR symbol inside the type area. A layout rule that one day draws past its
box (a photo taller than its rows, a line wider than its measure) is then reported as an
error — NOT FOR PRESS — instead of printing over a neighbour (issue 10).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from xhprint.i18n import msg
from xhprint.layout.grid import Grid, Rect
from xhprint.model import Finding, SourceRef
from xhprint.model.frame import (
    Element,
    ImageBox,
    ItemArea,
    LaidOutPage,
    PdfPlacement,
    QRSymbol,
    RuleLine,
    TextLine,
)

#: pt an element may reach past its box edge before it counts (rounding, rule widths)
TOLERANCE = 0.5


def _text_extent(el: TextLine) -> Rect | None:
    """A line's glyphs' em boxes, spaces left out (None: it prints nothing)."""
    box = el.inked()
    return Rect(*box) if box is not None else None


def _placed_extent(el: ImageBox | PdfPlacement) -> Rect:
    return Rect(el.x, el.y, el.w, el.h)


def _qr_extent(el: QRSymbol) -> Rect:
    return Rect(el.x, el.y, el.size, el.size)


def _rule_extent(el: RuleLine) -> Rect:
    """Butt caps: a rule's width widens it across its direction only."""
    half = el.width / 2
    x0, x1 = sorted((el.x1, el.x2))
    y0, y1 = sorted((el.y1, el.y2))
    if y0 == y1:
        return Rect(x0, y0 - half, x1 - x0, el.width)
    if x0 == x1:
        return Rect(x0 - half, y0, el.width, y1 - y0)
    return Rect(x0 - half, y0 - half, x1 - x0 + el.width, y1 - y0 + el.width)


#: element type → what it covers; the types not here (links, fills) are not checked
_EXTENTS: dict[type, Callable[[Any], Rect | None]] = {
    TextLine: _text_extent, ImageBox: _placed_extent, PdfPlacement: _placed_extent,
    QRSymbol: _qr_extent, RuleLine: _rule_extent,
}


def extent(el: Element) -> Rect | None:
    """What an element covers on the page (text: its glyphs' em boxes), or None for
    elements that draw nothing (link areas)."""
    measure = _EXTENTS.get(type(el))
    return measure(el) if measure is not None else None


def outside_by(inner: Rect, outer: Rect) -> float:
    """How far (pt) `inner` reaches past `outer` on its worst side; ≤ 0 when inside."""
    return max(outer.x - inner.x, inner.right - outer.right, outer.y - inner.y,
               inner.bottom - outer.bottom)


def _what(el: Element) -> str:
    if isinstance(el, TextLine):
        text = el.text if len(el.text) <= 12 else el.text[:12] + "…"
        return msg("the line “{text}”", text=text)
    if isinstance(el, ImageBox):
        return msg("the photo {file}", file=el.source.name)
    if isinstance(el, PdfPlacement):
        return msg("the advert {file}", file=el.source.name)
    if isinstance(el, QRSymbol):
        return msg("a QR code")
    return msg("a rule")


def _ref(el: Element) -> SourceRef | None:
    return el.ref if isinstance(el, (TextLine, ImageBox)) else None


def _checks(page: LaidOutPage, type_area: Rect) -> Iterator[tuple[Element | ItemArea, Rect, Rect,
                                                                  str | None]]:
    """(thing, its extent, the rect it must stay in, its item) for everything on the page."""
    areas = {a.id: a for a in page.areas}
    for area in page.areas:
        yield area, Rect(area.x, area.y, area.w, area.h), type_area, area.id
    for el in page.elements:
        box = extent(el)
        if box is None:
            continue
        item = getattr(el, "item", None)
        owner = areas.get(item) if item else None
        bound = Rect(owner.x, owner.y, owner.w, owner.h) if owner else type_area
        yield el, box, bound, item


def box_overflow(page: LaidOutPage, grid: Grid) -> list[Finding]:
    """One `box-overflow` error per element (or item box) that leaves where it belongs."""
    type_area = Rect(grid.left, grid.top, grid.type_width, grid.type_height)
    findings: list[Finding] = []
    for thing, box, bound, item in _checks(page, type_area):
        by = outside_by(box, bound)
        if by <= TOLERANCE:
            continue
        if isinstance(thing, ItemArea):
            findings.append(Finding(
                "box-overflow", "error",
                msg("the box of {item} reaches {by:.1f} pt outside the type area",
                    item=thing.id, by=by),
                where=thing.ref, page=page.number, item=thing.id,
                hint=msg("keep col + cols and row + rows within the page's grid")))
            continue
        text = (msg("{what} is drawn {by:.1f} pt outside its box", what=_what(thing), by=by)
                if bound is not type_area else
                msg("{what} is drawn {by:.1f} pt outside the type area", what=_what(thing),
                    by=by))
        findings.append(Finding(
            "box-overflow", "error", text, where=_ref(thing), page=page.number, item=item,
            hint=msg("make the box larger or the content smaller; this is a layout fault if "
                     "the box is large enough")))
    return findings
