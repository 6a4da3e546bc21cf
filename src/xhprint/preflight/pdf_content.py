"""Interpret PDF content streams into the few events preflight checks need.

Takes a pypdf page; yields the events of pdf_events.py (`TextShow`, `ImagePlaced`,
`PathPaint`, `SpaceUsed`, `Problem`) in device space (PDF user space of the page, in
pt). Graphics state follows PDF 32000-1:2008 §8.4 (q/Q, cm, w, colour operators) and
text state §9.3–9.4 (Tf, Tm, Td, TD, T*, TL, Tr). Form XObjects (§8.10) are entered
recursively with their Matrix; cycles and depth are bounded, and every stream decoded
or operator run is charged to a `Budget`.

Each operator has one small handler in `OPERATORS`, a table from operator to function;
a handler updates the `_Frame` (the state of the stream being run) and returns the
events the operator causes. Operators not in the table change nothing we measure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pypdf.generic import DictionaryObject

from xhprint.i18n import msg
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
from xhprint.preflight.pdf_events import (
    BBox,
    Event,
    ImagePlaced,
    PathPaint,
    Problem,
    SpaceUsed,
    TextShow,
    bbox_of,
    intersect,
    obj_key,
)
from xhprint.preflight.pdf_textmetrics import FontMetrics, font_metrics
from xhprint.preflight.pdf_tokens import Operation, ParseMemo, operations

Matrix = tuple[float, float, float, float, float, float]
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


def _translate(tx: float, ty: float) -> Matrix:
    return (1.0, 0.0, 0.0, 1.0, tx, ty)


def _matrix(v: list[float]) -> Matrix | None:
    """Six numbers as a matrix; None for any other count."""
    if len(v) != 6:
        return None
    return (v[0], v[1], v[2], v[3], v[4], v[5])


def _unit_square(m: Matrix) -> BBox:
    """Where `m` puts the unit square, an image's space (§8.9.4)."""
    corners = [apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


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


@dataclass(slots=True, eq=False)
class _Frame:
    """The state of one content stream (a page or a form) while it runs.

    `gs` is the graphics state in force (a frozen value, saved by q and restored by Q);
    the rest is what PDF keeps outside it: the text and line matrices, the path being
    built, and whether that path becomes a clip once painted (W / W*, §8.5.4).
    """

    walker: ContentWalker
    resources: Any
    gs: _GState
    stack_keys: tuple[object, ...]
    depth: int
    saved: list[_GState] = field(default_factory=list)
    fonts: dict[str, tuple[str, object]] = field(default_factory=dict)  # Tf name → font
    metrics: FontMetrics = field(default_factory=FontMetrics)
    tm: Matrix = IDENTITY
    tlm: Matrix = IDENTITY
    path: list[tuple[float, float]] = field(default_factory=list)
    clip_next: bool = False


Handler = Callable[[_Frame, list[Any]], Iterable[Event]]
NO_EVENTS: tuple[Event, ...] = ()


# --- graphics state (§8.4.4) --------------------------------------------------------

def _save(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    f.saved.append(f.gs)
    return NO_EVENTS


def _restore(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    if f.saved:
        f.gs = f.saved.pop()
    return NO_EVENTS


def _concat(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    m = _matrix(_floats(operands))
    if m is not None:
        f.gs = replace(f.gs, ctm=mul(m, f.gs.ctm))
    return NO_EVENTS


def _line_width(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    if v:
        f.gs = replace(f.gs, line_width=v[0])
    return NO_EVENTS


def _ext_gstate(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    try:
        ext = f.resources["/ExtGState"][operands[0]].get_object()
        if "/LW" in ext:
            f.gs = replace(f.gs, line_width=float(ext["/LW"]))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        pass
    return NO_EVENTS


# --- colour (§8.6.8) ----------------------------------------------------------------

def _set_colour(f: _Frame, fill: bool, colour: Colour) -> None:
    f.gs = replace(f.gs, fill=colour) if fill else replace(f.gs, stroke=colour)


def _device_colour(space: ColourSpace, fill: bool, where: str) -> Handler:
    """g/G, rg/RG, k/K: a device space and its components at once."""
    def handler(f: _Frame, operands: list[Any]) -> Iterable[Event]:
        _set_colour(f, fill, Colour(space, tuple(_floats(operands))))
        return (SpaceUsed(space, where),)
    return handler


def _colour_space(fill: bool) -> Handler:
    """cs/CS: a named or resource colour space, with its initial colour."""
    def handler(f: _Frame, operands: list[Any]) -> Iterable[Event]:
        space = classify(operands[0], f.resources) if operands else DEVICE_GRAY
        _set_colour(f, fill, initial_colour(space))
        return (SpaceUsed(space, str(operands[0]) if operands else ""),)
    return handler


def _colour(fill: bool) -> Handler:
    """sc/scn/SC/SCN: components in the current space (a pattern name is not one)."""
    def handler(f: _Frame, operands: list[Any]) -> Iterable[Event]:
        comps = tuple(_floats([o for o in operands if not hasattr(o, "startswith")]))
        space = f.gs.fill.space if fill else f.gs.stroke.space
        _set_colour(f, fill, Colour(space, comps))
        return NO_EVENTS
    return handler


# --- text state and positioning (§9.3, §9.4.2) --------------------------------------

def _begin_text(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    f.tm = f.tlm = IDENTITY
    return NO_EVENTS


def _font(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    if len(operands) != 2:
        return NO_EVENTS
    name = operands[0]
    ref = f.fonts.get(name) if isinstance(name, str) else None
    if ref is None:
        ref = _font_ref(f.resources, name)
        if isinstance(name, str):
            f.fonts[name] = ref
    v = _floats(operands[1:])
    size = v[0] if v else 0.0
    f.metrics = f.walker.font_metrics(f.resources, name, ref[1])
    gs = f.gs
    if (ref[0], ref[1], size) != (gs.font, gs.font_key, gs.font_size):
        f.gs = replace(gs, font=ref[0], font_key=ref[1], font_size=size)
    return NO_EVENTS


def _render_mode(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    f.gs = replace(f.gs, render_mode=int(v[0]) if v else 0)
    return NO_EVENTS


def _leading(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    f.gs = replace(f.gs, leading=v[0] if v else 0.0)
    return NO_EVENTS


def _char_spacing(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    if v:
        f.gs = replace(f.gs, char_spacing=v[0])
    return NO_EVENTS


def _word_spacing(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    if v:
        f.gs = replace(f.gs, word_spacing=v[0])
    return NO_EVENTS


def _hscale(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    if v:
        f.gs = replace(f.gs, hscale=v[0] / 100.0)
    return NO_EVENTS


def _text_matrix(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    m = _matrix(_floats(operands))
    if m is not None:
        f.tm = f.tlm = m
    return NO_EVENTS


def _move(set_leading: bool) -> Handler:
    """Td, and TD, which also sets the leading to −ty."""
    def handler(f: _Frame, operands: list[Any]) -> Iterable[Event]:
        v = _floats(operands)
        if len(v) == 2:
            if set_leading:
                f.gs = replace(f.gs, leading=-v[1])
            f.tm = f.tlm = mul(_translate(v[0], v[1]), f.tlm)
        return NO_EVENTS
    return handler


def _next_line(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    f.tm = f.tlm = mul(_translate(0.0, -f.gs.leading), f.tlm)
    return NO_EVENTS


# --- text showing (§9.4.3) ----------------------------------------------------------

def _shown(f: _Frame, shown: list[Any]) -> Iterable[Event]:
    """The event of showing `shown` (strings and TJ numbers); the text matrix moves on."""
    gs = f.gs
    m = mul(f.tm, gs.ctm)
    x, y = apply(m, 0.0, 0.0)
    # The em square's vertical extent in device space (§9.4.4): |(c, d)| × Tfs.
    size = abs(gs.font_size) * math.hypot(m[2], m[3])
    metrics = f.metrics
    try:
        tx = metrics.advance(shown, gs.font_size, gs.char_spacing, gs.word_spacing, gs.hscale)
    except (TypeError, ValueError, IndexError):
        tx = 0.0
    lo, hi = metrics.descent / 1000 * gs.font_size, metrics.ascent / 1000 * gs.font_size
    corners = [apply(m, px, py) for px in (0.0, tx) for py in (lo, hi)]
    f.tm = mul(_translate(tx, 0.0), f.tm)
    return (TextShow(size, x, y, gs.fill, gs.font, gs.render_mode, gs.font_key,
                     bbox_of(corners), gs.clip),)  # fmt: skip


def _show(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    """TJ: an array of strings and position adjustments."""
    shown = operands[:1]
    if shown and isinstance(shown[0], list):
        shown = shown[0]
    return _shown(f, shown)


def _show_text(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    """Tj: one string."""
    return _shown(f, operands[:1])


def _next_line_show(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    """': T* then Tj."""
    _next_line(f, operands)
    return _shown(f, operands[-1:])


def _spacing_next_line_show(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    """": Tw and Tc from the first two operands, then T* and Tj."""
    _next_line(f, operands)
    v = _floats(operands[:2])
    if len(v) == 2:
        f.gs = replace(f.gs, word_spacing=v[0], char_spacing=v[1])
    return _shown(f, operands[-1:])


# --- paths (§8.5) -------------------------------------------------------------------

def _point(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    """m and l: one point of the path."""
    v = _floats(operands)
    if len(v) == 2:
        f.path.append(apply(f.gs.ctm, v[0], v[1]))
    return NO_EVENTS


def _curve(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    """c, v and y: the control and end points (the hull holds the curve)."""
    v = _floats(operands)
    ctm = f.gs.ctm
    f.path.extend(apply(ctm, v[i], v[i + 1]) for i in range(0, len(v) - 1, 2))
    return NO_EVENTS


def _rect(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    v = _floats(operands)
    if len(v) == 4:
        x, y, w, h = v
        ctm = f.gs.ctm
        f.path.extend(apply(ctm, px, py)
                      for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)))  # fmt: skip
    return NO_EVENTS


def _end_path(f: _Frame, box: BBox | None) -> None:
    """The path is used up; a pending W / W* makes it the clip (§8.5.4)."""
    if f.clip_next:
        f.gs = replace(f.gs, clip=intersect(f.gs.clip, box))
        f.clip_next = False
    f.path = []


def _paint(stroke: bool, fill: bool) -> Handler:
    """S s f F f* B B* b b*: the path painted, stroked and/or filled."""
    def handler(f: _Frame, operands: list[Any]) -> Iterable[Event]:
        gs = f.gs
        box = bbox_of(f.path)
        event = PathPaint(stroke, fill, gs.line_width * min_scale(gs.ctm), gs.stroke, gs.fill,
                          box, gs.clip)
        _end_path(f, box)
        return (event,)
    return handler


def _clip(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    f.clip_next = True
    return NO_EVENTS


def _no_paint(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    _end_path(f, bbox_of(f.path))
    return NO_EVENTS


# --- XObjects and inline images (§8.8, §8.9.7) --------------------------------------

def _xobject(f: _Frame, operands: list[Any]) -> Iterable[Event]:
    if not operands:
        return NO_EVENTS
    return f.walker.do(f, operands[0])


def _inline_image(f: _Frame, operands: Any) -> Iterable[Event]:
    # pypdf's ContentStream gives BI … ID … EI as the operands themselves: a dict
    # {"settings": the BI entries, "data": the bytes}, not a list holding it.
    image = operands if isinstance(operands, dict) else operands[0] if operands else None
    if not isinstance(image, dict):
        return NO_EVENTS
    settings = image.get("settings", {})
    m = f.gs.ctm
    space = classify(settings.get("/CS", settings.get("/ColorSpace")), f.resources)
    return (SpaceUsed(space, "inline image"),
            ImagePlaced("inline image", settings, id(image), math.hypot(m[0], m[1]),
                        math.hypot(m[2], m[3]), _unit_square(m), inline=True,
                        clip=f.gs.clip))  # fmt: skip


OPERATORS: dict[bytes, Handler] = {
    b"q": _save, b"Q": _restore, b"cm": _concat, b"w": _line_width, b"gs": _ext_gstate,
    b"g": _device_colour(DEVICE_GRAY, True, "g"), b"G": _device_colour(DEVICE_GRAY, False, "G"),
    b"rg": _device_colour(DEVICE_RGB, True, "rg"), b"RG": _device_colour(DEVICE_RGB, False, "RG"),
    b"k": _device_colour(DEVICE_CMYK, True, "k"), b"K": _device_colour(DEVICE_CMYK, False, "K"),
    b"cs": _colour_space(True), b"CS": _colour_space(False),
    b"sc": _colour(True), b"scn": _colour(True), b"SC": _colour(False), b"SCN": _colour(False),
    b"BT": _begin_text, b"Tf": _font, b"Tr": _render_mode, b"TL": _leading,
    b"Tc": _char_spacing, b"Tw": _word_spacing, b"Tz": _hscale,
    b"Tm": _text_matrix, b"Td": _move(False), b"TD": _move(True), b"T*": _next_line,
    b"'": _next_line_show, b'"': _spacing_next_line_show, b"Tj": _show_text, b"TJ": _show,
    b"m": _point, b"l": _point, b"c": _curve, b"v": _curve, b"y": _curve, b"re": _rect,
    b"S": _paint(True, False), b"s": _paint(True, False),
    b"f": _paint(False, True), b"F": _paint(False, True), b"f*": _paint(False, True),
    b"B": _paint(True, True), b"B*": _paint(True, True),
    b"b": _paint(True, True), b"b*": _paint(True, True),
    b"W": _clip, b"W*": _clip, b"n": _no_paint,
    b"Do": _xobject, b"INLINE IMAGE": _inline_image,
}  # fmt: skip


class ContentWalker:
    """Walks one document's content streams; parsed forms are reused within the call."""

    def __init__(self, reader: Any, budget: Budget, memo: ParseMemo | None = None):
        self.reader = reader
        self.budget = budget
        self.memo = memo  # parses by content digest, kept across checks (pdf_memo.py)
        self._parsed: dict[object, list[Operation]] = {}
        self._metrics: dict[object, FontMetrics] = {}

    def font_metrics(self, resources: Any, name: Any, key: object) -> FontMetrics:
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

    def _operations(self, key: object, streams: list[Any]) -> list[Operation]:
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
        self, ops: list[Operation], resources: Any, gs: _GState,
        stack_keys: tuple[object, ...], depth: int,
    ) -> Iterator[Event]:  # fmt: skip
        self.budget.check_depth(depth)
        resources = resources.get_object() if resources is not None else DictionaryObject()
        frame = _Frame(self, resources, gs, stack_keys, depth)
        self.budget.spend_operations(len(ops))
        handlers = OPERATORS
        for operands, op in ops:
            handler = handlers.get(op)
            if handler is not None:
                events = handler(frame, operands)
                if events:
                    yield from events

    def do(self, f: _Frame, name: Any) -> Iterator[Event]:
        """Do: an image is placed; a form is run in its own frame (§8.10)."""
        try:
            xobj = f.resources["/XObject"][name].get_object()
        except (KeyError, TypeError, AttributeError):
            return
        subtype = xobj.get("/Subtype")
        if subtype == "/Image":
            m = f.gs.ctm
            space = classify(xobj.get("/ColorSpace"), f.resources)
            yield SpaceUsed(space, f"image {str(name)[1:]}")
            yield ImagePlaced(str(name)[1:], xobj, obj_key(xobj), math.hypot(m[0], m[1]),
                              math.hypot(m[2], m[3]), _unit_square(m), clip=f.gs.clip)  # fmt: skip
        elif subtype == "/Form":
            yield from self._form(f, name, xobj)

    def _form(self, f: _Frame, name: Any, xobj: Any) -> Iterator[Event]:
        key = obj_key(xobj)
        if key in f.stack_keys:
            yield Problem(msg("form XObject {name} draws itself (reference cycle); not "
                              "followed", name=str(name)[1:]))
            return
        gs = f.gs
        matrix = _matrix(_floats(list(xobj.get("/Matrix", []))))
        ctm = mul(matrix, gs.ctm) if matrix is not None else gs.ctm
        bbox = _floats(list(xobj.get("/BBox", [])))
        clip = gs.clip
        if len(bbox) == 4:  # a form is clipped to its /BBox (§8.10.1)
            x0, y0, x1, y1 = bbox
            clip = intersect(clip, bbox_of([apply(ctm, px, py)
                                            for px in (x0, x1) for py in (y0, y1)]))
        # Entering a form costs more than its operators: keeps fan-out (a form drawing
        # another twice, 40 levels deep) within the operation budget in seconds.
        self.budget.spend_operations(FORM_ENTRY_COST)
        ops = self._operations(key, [xobj])
        inner = xobj.get("/Resources", f.resources)
        yield from self._run(ops, inner, replace(gs, ctm=ctm, clip=clip),
                             (*f.stack_keys, key), f.depth + 1)
