"""What the content-stream walker reports, and the box arithmetic the checks do on it.

The walker (pdf_content.py) turns a page's drawing into these events in device space
(PDF user space of the page, in pt); the checks (pdf_checks.py), the image measures
(pdf_images.py) and the font census (pdf_fonts.py) read them. Keeping the event types
apart from the interpreter lets those modules depend on what is reported without
depending on how it is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xhprint.i18n import Message
from xhprint.preflight.pdf_colour import Colour, ColourSpace

BBox = tuple[float, float, float, float]


def obj_key(obj: Any) -> object:
    """A stable identity for a PDF object: its indirect reference, else the Python id."""
    ref = getattr(obj, "indirect_reference", None)
    if ref is not None:
        return (ref.idnum, ref.generation)
    return id(obj)


@dataclass(frozen=True)
class TextShow:
    """A text-showing operator: effective size (pt), where its origin lies, what it covers.

    `bbox` is the shown glyphs' extent (advance × ascent…descent, pdf_textmetrics.py),
    `clip` the clipping path's bounding box in force (None: the page's).
    """

    size_pt: float
    x: float
    y: float
    fill: Colour
    font: str
    render_mode: int
    font_key: object = None
    bbox: BBox | None = None
    clip: BBox | None = None


@dataclass(frozen=True)
class ImagePlaced:
    """An image drawn with Do or inline; width/height are its placed size in pt."""

    name: str
    image: Any  # the image XObject (stream) or the inline image's settings dict
    key: object
    width_pt: float
    height_pt: float
    bbox: BBox
    inline: bool = False
    clip: BBox | None = None


@dataclass(frozen=True)
class PathPaint:
    """A painted path: line width in device pt when stroked, colours, device bbox."""

    stroke: bool
    fill: bool
    width_pt: float
    stroke_colour: Colour
    fill_colour: Colour
    bbox: BBox | None
    clip: BBox | None = None


@dataclass(frozen=True)
class SpaceUsed:
    """A colour space selected for painting (cs/CS/image), for spot and RGB checks."""

    space: ColourSpace
    where: str


@dataclass(frozen=True)
class Problem:
    """Something malformed that was skipped (e.g. an XObject cycle)."""

    message: Message


Event = TextShow | ImagePlaced | PathPaint | SpaceUsed | Problem


def bbox_of(points: list[tuple[float, float]]) -> BBox | None:
    """The bounding box of `points`; None for no points."""
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(a: BBox | None, b: BBox | None) -> BBox | None:
    """The overlap of two boxes (None stands for "unbounded"). An empty overlap comes back
    inverted (x1 < x0 or y1 < y0) and stays empty when intersected again, so "clipped
    away" differs from "not clipped" while a zero-width line keeps its box."""
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def visible(bbox: BBox | None, clip: BBox | None) -> BBox | None:
    """What of `bbox` the clip lets through; None when nothing (or nothing known)."""
    if bbox is None:
        return None
    box = intersect(bbox, clip)
    if box is None or box[2] < box[0] or box[3] < box[1]:
        return None
    return box
