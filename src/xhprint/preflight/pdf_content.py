"""Interpret PDF content streams into the few events preflight checks need.

Takes a pypdf page; yields `TextShow`, `ImagePlaced`, `PathPaint`, `SpaceUsed`
and `Problem` events in device space (PDF user space of the page, in pt).
Graphics state follows PDF 32000-1:2008 §8.4 (q/Q, cm, w, colour operators)
and text state §9.3–9.4 (Tf, Tm, Td, TD, T*, TL, Tr). Form XObjects (§8.10)
are entered recursively with their Matrix; cycles and depth are bounded, and
every stream decoded or operator run is charged to a `Budget`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pypdf.generic import DictionaryObject

from xhprint.i18n import Message, msg
from xhprint.preflight.pdf_bounds import Budget
from xhprint.preflight.pdf_colour import (
    DEVICE_CMYK,
    DEVICE_GRAY,
    DEVICE_RGB,
    Colour,
    ColourSpace,
    classify,
    initial_colour,
)
from xhprint.preflight.pdf_textmetrics import FontMetrics, font_metrics
from xhprint.preflight.pdf_tokens import operations

if TYPE_CHECKING:
    from xhprint.preflight.pdf_memo import PreflightMemo

Matrix = tuple[float, float, float, float, float, float]
BBox = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FORM_ENTRY_COST = 100  # operations charged per form XObject entered


def mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n for PDF row-vector matrices [a b 0; c d 0; e f 1] (§8.3.4)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)  # fmt: skip


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def min_scale(m: Matrix) -> float:
    """Smallest singular value of the linear part: how thin a unit line becomes."""
    a, b, c, d = m[:4]
    t = a * a + b * b + c * c + d * d
    det = abs(a * d - b * c)
    return math.sqrt(max(0.0, (t - math.sqrt(max(0.0, t * t - 4 * det * det))) / 2))


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


@dataclass(frozen=True)
class _GState:
    ctm: Matrix = IDENTITY
    fill: Colour = Colour(DEVICE_GRAY, (0.0,))
    stroke: Colour = Colour(DEVICE_GRAY, (0.0,))
    line_width: float = 1.0
    font: str = ""
    font_key: object = None
    font_size: float = 0.0
    leading: float = 0.0
    render_mode: int = 0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    hscale: float = 1.0
    clip: BBox | None = None


def _floats(ops: list[Any]) -> list[float]:
    out = []
    for o in ops:
        try:
            out.append(float(o))
        except (TypeError, ValueError):
            return []
    return out


def _font_ref(resources: Any, name: Any) -> tuple[str, object]:
    """The BaseFont and object identity of a font resource name (for messages, usage)."""
    try:
        font = resources["/Font"][name].get_object()
        base = str(font.get("/BaseFont", name))[1:]
        if len(base) > 7 and base[6] == "+" and base[:6].isupper():
            base = base[7:]  # subset tag ABCDEF+ (PDF 32000 §9.6.4)
        return base, obj_key(font)
    except (KeyError, TypeError, AttributeError):
        return str(name)[1:], None


class ContentWalker:
    """Walks one document's content streams; parsed forms are reused within the call."""

    def __init__(self, reader: Any, budget: Budget, memo: PreflightMemo | None = None):
        self.reader = reader
        self.budget = budget
        self.memo = memo  # parses by content digest, kept across checks (pdf_memo.py)
        self._parsed: dict[object, list[tuple[list[Any], bytes]]] = {}
        self._metrics: dict[object, FontMetrics] = {}

    def _font_metrics(self, resources: Any, name: Any, key: object) -> FontMetrics:
        """Widths of the font named `name` in `resources`, read once per font object."""
        if key is not None and key in self._metrics:
            return self._metrics[key]
        try:
            metrics = font_metrics(resources["/Font"][name])
        except (KeyError, TypeError, AttributeError):
            metrics = FontMetrics()
        if key is not None:
            self._metrics[key] = metrics
        return metrics

    def _operations(self, key: object, streams: list[Any]) -> list[tuple[list[Any], bytes]]:
        if key in self._parsed:
            return self._parsed[key]
        chunks = []
        for s in streams:
            s = s.get_object()
            if not hasattr(s, "get_data"):
                continue
            chunk = s.get_data()
            self.budget.spend_bytes(len(chunk))
            chunks.append(chunk)
        data = b"\n".join(chunks)
        if self.memo is not None:
            ops = self.memo.operations(data, lambda: operations(data, self.reader))
        else:
            ops = operations(data, self.reader)
        self._parsed[key] = ops
        return ops

    def walk_page(self, page: Any) -> Iterator[Event]:
        contents = page.get("/Contents")
        if contents is None:
            return
        contents = contents.get_object()
        streams = list(contents) if isinstance(contents, list) else [contents]
        ops = self._operations(("page", obj_key(page)), streams)
        yield from self._run(ops, page.get("/Resources"), _GState(), (), 0)

    def _run(
        self, ops: list[tuple[list[Any], bytes]], resources: Any, gs: _GState,
        stack_keys: tuple[object, ...], depth: int,
    ) -> Iterator[Event]:  # fmt: skip
        self.budget.check_depth(depth)
        resources = resources.get_object() if resources is not None else DictionaryObject()
        saved: list[_GState] = []
        fonts: dict[str, tuple[str, object]] = {}  # Tf name → (BaseFont, identity) here
        metrics = FontMetrics()
        tm = tlm = IDENTITY
        path: list[tuple[float, float]] = []
        clip_next = False  # W / W*: the path becomes a clip after it is painted (§8.5.4)
        self.budget.spend_operations(len(ops))
        for operands, op in ops:
            if op == b"q":
                saved.append(gs)
            elif op == b"Q":
                gs = saved.pop() if saved else gs
            elif op == b"cm":
                v = _floats(operands)
                if len(v) == 6:
                    gs = replace(gs, ctm=mul(tuple(v), gs.ctm))  # type: ignore[arg-type]
            elif op == b"w":
                v = _floats(operands)
                if v:
                    gs = replace(gs, line_width=v[0])
            elif op == b"gs":
                gs = self._ext_gstate(resources, operands, gs)
            elif op in (b"g", b"G", b"rg", b"RG", b"k", b"K"):
                v = _floats(operands)
                space = {b"g": DEVICE_GRAY, b"rg": DEVICE_RGB, b"k": DEVICE_CMYK}[op.lower()]
                col = Colour(space, tuple(v))
                if op.islower():
                    gs = replace(gs, fill=col)
                else:
                    gs = replace(gs, stroke=col)
                yield SpaceUsed(space, op.decode())
            elif op in (b"cs", b"CS"):
                space = classify(operands[0], resources) if operands else DEVICE_GRAY
                col = initial_colour(space)
                gs = replace(gs, fill=col) if op == b"cs" else replace(gs, stroke=col)
                yield SpaceUsed(space, str(operands[0]) if operands else "")
            elif op in (b"sc", b"scn", b"SC", b"SCN"):
                v = _floats([o for o in operands if not hasattr(o, "startswith")])
                if op.islower():
                    gs = replace(gs, fill=Colour(gs.fill.space, tuple(v)))
                else:
                    gs = replace(gs, stroke=Colour(gs.stroke.space, tuple(v)))
            elif op == b"BT":
                tm = tlm = IDENTITY
            elif op == b"Tf" and len(operands) == 2:
                v = _floats(operands[1:])
                ref = fonts.get(operands[0]) if isinstance(operands[0], str) else None
                if ref is None:
                    ref = _font_ref(resources, operands[0])
                    if isinstance(operands[0], str):
                        fonts[operands[0]] = ref
                size = v[0] if v else 0.0
                metrics = self._font_metrics(resources, operands[0], ref[1])
                if (ref[0], ref[1], size) != (gs.font, gs.font_key, gs.font_size):
                    gs = replace(gs, font=ref[0], font_key=ref[1], font_size=size)
            elif op == b"Tr":
                v = _floats(operands)
                gs = replace(gs, render_mode=int(v[0]) if v else 0)
            elif op == b"TL":
                v = _floats(operands)
                gs = replace(gs, leading=v[0] if v else 0.0)
            elif op in (b"Tc", b"Tw", b"Tz"):
                v = _floats(operands)
                if v:
                    key = {b"Tc": "char_spacing", b"Tw": "word_spacing", b"Tz": "hscale"}[op]
                    gs = replace(gs, **{key: v[0] / 100.0 if op == b"Tz" else v[0]})
            elif op == b"Tm":
                v = _floats(operands)
                if len(v) == 6:
                    tm = tlm = tuple(v)  # type: ignore[assignment]
            elif op in (b"Td", b"TD"):
                v = _floats(operands)
                if len(v) == 2:
                    if op == b"TD":
                        gs = replace(gs, leading=-v[1])
                    tm = tlm = mul((1, 0, 0, 1, v[0], v[1]), tlm)
            elif op in (b"T*", b"'", b'"'):
                tm = tlm = mul((1, 0, 0, 1, 0, -gs.leading), tlm)
                if op == b'"':
                    v = _floats(operands[:2])
                    if len(v) == 2:
                        gs = replace(gs, word_spacing=v[0], char_spacing=v[1])
                if op != b"T*":
                    event, tm = self._text(gs, tm, metrics, operands[-1:])
                    yield event
            elif op in (b"Tj", b"TJ"):
                shown = operands[:1]
                if op == b"TJ" and shown and isinstance(shown[0], list):
                    shown = shown[0]
                event, tm = self._text(gs, tm, metrics, shown)
                yield event
            elif op in (b"m", b"l"):
                v = _floats(operands)
                if len(v) == 2:
                    path.append(apply(gs.ctm, v[0], v[1]))
            elif op in (b"c", b"v", b"y"):
                v = _floats(operands)
                path.extend(apply(gs.ctm, v[i], v[i + 1]) for i in range(0, len(v) - 1, 2))
            elif op == b"re":
                v = _floats(operands)
                if len(v) == 4:
                    x, y, w, h = v
                    path.extend(apply(gs.ctm, px, py)
                                for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)))  # fmt: skip
            elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
                stroke = op in (b"S", b"s", b"B", b"B*", b"b", b"b*")
                fill = op not in (b"S", b"s")
                yield PathPaint(stroke, fill, gs.line_width * min_scale(gs.ctm), gs.stroke,
                                gs.fill, _bbox(path), gs.clip)  # fmt: skip
                if clip_next:
                    gs = replace(gs, clip=intersect(gs.clip, _bbox(path)))
                    clip_next = False
                path = []
            elif op in (b"W", b"W*"):
                clip_next = True
            elif op == b"n":
                if clip_next:
                    gs = replace(gs, clip=intersect(gs.clip, _bbox(path)))
                    clip_next = False
                path = []
            elif op == b"Do" and operands:
                yield from self._do(resources, operands[0], gs, stack_keys, depth)
            elif op == b"INLINE IMAGE" and operands:
                yield from self._inline_image(operands[0], resources, gs)

    def _text(self, gs: _GState, tm: Matrix, metrics: FontMetrics,
              shown: list[Any]) -> tuple[TextShow, Matrix]:
        """The event of showing `shown` (strings and TJ numbers) at `tm`; the next `tm`."""
        m = mul(tm, gs.ctm)
        x, y = apply(m, 0.0, 0.0)
        # The em square's vertical extent in device space (§9.4.4): |(c, d)| × Tfs.
        size = abs(gs.font_size) * math.hypot(m[2], m[3])
        try:
            tx = metrics.advance(shown, gs.font_size, gs.char_spacing, gs.word_spacing,
                                 gs.hscale)
        except (TypeError, ValueError, IndexError):
            tx = 0.0
        lo, hi = metrics.descent / 1000 * gs.font_size, metrics.ascent / 1000 * gs.font_size
        corners = [apply(m, px, py) for px in (0.0, tx) for py in (lo, hi)]
        event = TextShow(size, x, y, gs.fill, gs.font, gs.render_mode, gs.font_key,
                         _bbox(corners), gs.clip)
        return event, mul((1, 0, 0, 1, tx, 0), tm)

    def _ext_gstate(self, resources: Any, operands: list[Any], gs: _GState) -> _GState:
        try:
            ext = resources["/ExtGState"][operands[0]].get_object()
            if "/LW" in ext:
                gs = replace(gs, line_width=float(ext["/LW"]))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            pass
        return gs

    def _do(
        self, resources: Any, name: Any, gs: _GState, stack_keys: tuple[object, ...], depth: int
    ) -> Iterator[Event]:
        try:
            xobj = resources["/XObject"][name].get_object()
        except (KeyError, TypeError, AttributeError):
            return
        subtype = xobj.get("/Subtype")
        key = obj_key(xobj)
        if subtype == "/Image":
            m = gs.ctm
            corners = [apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            space = classify(xobj.get("/ColorSpace"), resources)
            yield SpaceUsed(space, f"image {str(name)[1:]}")
            yield ImagePlaced(str(name)[1:], xobj, key, math.hypot(m[0], m[1]),
                              math.hypot(m[2], m[3]), _bbox(corners), clip=gs.clip)  # fmt: skip
        elif subtype == "/Form":
            if key in stack_keys:
                yield Problem(msg("form XObject {name} draws itself (reference cycle); not "
                                  "followed", name=str(name)[1:]))
                return
            matrix = _floats(list(xobj.get("/Matrix", [])))
            ctm = mul(tuple(matrix), gs.ctm) if len(matrix) == 6 else gs.ctm  # type: ignore[arg-type]
            bbox = _floats(list(xobj.get("/BBox", [])))
            clip = gs.clip
            if len(bbox) == 4:  # a form is clipped to its /BBox (§8.10.1)
                x0, y0, x1, y1 = bbox
                clip = intersect(clip, _bbox([apply(ctm, px, py)
                                              for px in (x0, x1) for py in (y0, y1)]))
            # Entering a form costs more than its operators: keeps fan-out (a form drawing
            # another twice, 40 levels deep) within the operation budget in seconds.
            self.budget.spend_operations(FORM_ENTRY_COST)
            ops = self._operations(key, [xobj])
            inner = xobj.get("/Resources", resources)
            yield from self._run(ops, inner, replace(gs, ctm=ctm, clip=clip), (*stack_keys, key),
                                 depth + 1)

    def _inline_image(self, image: Any, resources: Any, gs: _GState) -> Iterator[Event]:
        settings = image.get("settings", {}) if isinstance(image, dict) else {}
        m = gs.ctm
        corners = [apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        cs = settings.get("/CS", settings.get("/ColorSpace"))
        space = classify(cs, resources)
        yield SpaceUsed(space, "inline image")
        yield ImagePlaced("inline image", settings, id(image), math.hypot(m[0], m[1]),
                          math.hypot(m[2], m[3]), _bbox(corners), inline=True,
                          clip=gs.clip)  # fmt: skip


def _bbox(points: list[tuple[float, float]]) -> BBox | None:
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))
