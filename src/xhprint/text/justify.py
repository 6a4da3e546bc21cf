"""Set one line: punctuation trims in line context, squeeze/stretch, glyph positions.

Takes a prepared paragraph, an item range, the available width and the paragraph's
expansion places (fitting.py); returns the placed glyphs and the line's extent. Order
of adjustment (clreq §5.2.3, §5.2.4): shrink Western spaces, brackets, 、，；, Han–Latin
gaps, 。？！ (the line-end mark is already trimmed in line context); expand Western
spaces (to ½ em), Han–Latin gaps (to ⅓ em), then evenly at the expansion places —
never inside an unbreakable unit, a Latin word, a number or a URL. A line with no such
place stays short of the edge rather than be letter-spaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xhprint.model.frame import PlacedGlyph
from xhprint.text.fitting import (
    CJK_CLASSES,
    NO_SPREAD,
    content_end,
    mark_cap,
    natural,
    space_cap,
    trims,
)
from xhprint.text.prepare import Para
from xhprint.text.segment import NBSP, SPACE
from xhprint.text.spacing import GAP_MAX, GAP_MIN

__all__ = ["content_end", "min_width", "natural", "set_line", "trims"]

EPS = 1e-6


def min_width(p: Para, a: int, b: int) -> float:
    """The narrowest the line [a, b) can be squeezed (clreq §5.2.3)."""
    e = content_end(p, a, b)
    return natural(p, a, b) - sum(c for _, c in _shrink_caps(p, a, e))


def _shrink_caps(p: Para, a: int, e: int) -> list[tuple[int, float]]:
    """(class rank, capacity) of every shrinkable place in [a, e), in clreq order."""
    out: list[tuple[int, float]] = []
    em = p.em
    for i in range(a, e):
        if p.cls[i] == SPACE:
            cap = space_cap(p, i)
            if cap > EPS:
                out.append((1, cap))
            continue
        if p.kind[i]:
            lt, rt = trims(p, i, a, e)
            rank, cap, _side = mark_cap(p, i, lt, rt)
            if cap > EPS:
                out.append((rank, cap))
        if i > a and p.gap[i] > 0:
            out.append((4, p.gap[i] - GAP_MIN * em))
    return out


@dataclass(frozen=True)
class _Slots:
    """The line being set, per item from its start (pt): the trims on its left and right,
    its slot after them, the Han–Latin gap and the expansion before it. Squeezing and
    stretching change these lists in place."""

    lt: list[float]
    rt: list[float]
    slot: list[float]
    gapw: list[float]
    extra: list[float]

    @classmethod
    def of(cls, p: Para, a: int, b: int, e: int) -> _Slots:
        """Items [a, b) trimmed in line context; trailing spaces from e on take nothing."""
        m = b - a
        out = cls([0.0] * m, [0.0] * m, [0.0] * m, [0.0] * m, [0.0] * m)
        for i in range(a, e):
            j = i - a
            out.lt[j], out.rt[j] = trims(p, i, a, e)
            out.slot[j] = p.slot[i] - out.lt[j] - out.rt[j]
            if i > a:
                out.gapw[j] = p.gap[i]
        return out

    def width(self) -> float:
        return sum(self.slot) + sum(self.gapw)


def set_line(
    p: Para, a: int, b: int, avail: float, justify: bool, align: str, x0: float,
    spreadable: Sequence[bool] = (),
) -> tuple[list[PlacedGlyph], float]:
    """Place items [a, b) in a line of width `avail` starting at x0; return glyphs, extent.

    `spreadable[i]`: expansion may go just before item i (fitting.spreadable_places).
    """
    e = content_end(p, a, b)
    box = _Slots.of(p, a, b, e)
    delta = avail - box.width()
    if delta < -EPS:
        delta = _shrink(p, a, e, box, -delta)
    elif delta > EPS and justify:
        delta = _expand(p, a, e, box, delta, spreadable)
    return _place(p, a, b, e, box, x0 + _offset(delta, justify, align))


def _offset(delta: float, justify: bool, align: str) -> float:
    """Where the line starts in its box: a justified line that fits at its start; any
    other by its alignment (`delta` is what is left of the width, < 0 when overfull)."""
    if justify and not delta < 0:
        return 0.0
    if align == "center":
        return delta / 2
    if align == "right":
        return delta
    return 0.0


def _place(p: Para, a: int, b: int, e: int, box: _Slots,
           x: float) -> tuple[list[PlacedGlyph], float]:
    """The glyphs of items [a, b) from x on, and the end of the content (items < e)."""
    glyphs: list[PlacedGlyph] = []
    chars, face, adv, hs = p.chars, p.face, p.adv, p.hscale
    lt, rt, slot = box.lt, box.rt, box.slot
    end_x = x
    for j in range(b - a):
        i = a + j
        x += box.gapw[j] + box.extra[j]
        trimmed = lt[j] > EPS or rt[j] > EPS
        glyphs.append(PlacedGlyph(chars[i], x - lt[j], face[i], adv[i], hs[i],
                                  (lt[j], lt[j] + slot[j]) if trimmed else None))
        x += slot[j]
        if i < e:
            end_x = x
    return glyphs, end_x


SHRINK_RANKS = (1, 2, 3, 4, 5)  # clreq §5.2.3 order: spaces, brackets, pauses, gaps, stops


def _shrink(p: Para, a: int, e: int, box: _Slots, need: float) -> float:
    """Squeeze in clreq §5.2.3 order, each class evenly; return the remaining delta."""
    places = _shrink_places(p, a, e, box)
    for rank in SHRINK_RANKS:
        total = sum(t[1] for t in places[rank])
        if total <= EPS:
            continue
        take = min(need, total)
        _squeeze(box, places[rank], take / total)
        need -= take
        if need <= EPS:
            return 0.0
    return -need


def _shrink_places(p: Para, a: int, e: int,
                   box: _Slots) -> dict[int, list[tuple[int, float, str]]]:
    """Per clreq rank: (item from the line start, capacity, what shrinks: "s" the slot,
    "l"/"r" a mark's blank on that side — a centred mark's on both —, "g" the gap
    before it) of the line [a, e)."""
    em = p.em
    places: dict[int, list[tuple[int, float, str]]] = {rank: [] for rank in SHRINK_RANKS}
    for j in range(e - a):
        i = a + j
        if p.cls[i] == SPACE:
            cap = box.slot[j] - em / 4
            if cap > EPS:
                places[1].append((j, cap, "s"))
            continue
        if p.kind[i]:
            rank, cap, side = mark_cap(p, i, box.lt[j], box.rt[j])
            if side == "c":  # a centred mark: both blanks, by the same fraction
                sides = [("l", p.bl[i] - box.lt[j]), ("r", p.br[i] - box.rt[j])]
            else:
                sides = [(side, cap)]
            places[rank] += [(j, c, how) for how, c in sides if c > EPS]
        if j > 0 and box.gapw[j] - GAP_MIN * em > EPS:
            places[4].append((j, box.gapw[j] - GAP_MIN * em, "g"))
    return places


def _squeeze(box: _Slots, places: list[tuple[int, float, str]], f: float) -> None:
    """Take the fraction `f` of each place's capacity."""
    for j, cap, how in places:
        r = cap * f
        if how == "g":
            box.gapw[j] -= r
            continue
        box.slot[j] -= r
        if how == "l":
            box.lt[j] += r
        elif how == "r":
            box.rt[j] += r


def _expand(p: Para, a: int, e: int, box: _Slots, need: float,
            spreadable: Sequence[bool]) -> float:
    """Stretch in clreq §5.2.4 order: Western spaces, Han–Latin gaps, then evenly at the
    expansion places; return what could not be placed (the line stays that short)."""
    spaces = [j for j in range(e - a) if p.cls[a + j] in (SPACE, NBSP)]
    need = _stretch(p, e - a, box, spaces, need)
    if need <= EPS:
        return 0.0
    places = _expansion_places(p, a, e, box, spreadable)
    if places:
        share = need / len(places)
        for j in places:
            box.extra[j] += share
        return 0.0
    if spaces:  # words and spaces only: the spaces take the rest
        for j in spaces:
            box.slot[j] += need / len(spaces)
        return 0.0
    return need


def _stretch(p: Para, m: int, box: _Slots, spaces: list[int], need: float) -> float:
    """Western spaces up to ½ em, then Han–Latin gaps up to ⅓ em; return the rest."""
    em = p.em
    if spaces:
        cap = [max(0.0, em / 2 - box.slot[j]) for j in spaces]
        need = _give(need, spaces, cap, box.slot)
    gaps = [j for j in range(1, m) if box.gapw[j] > 0]
    if gaps and need > EPS:
        cap = [max(0.0, GAP_MAX * em - box.gapw[j]) for j in gaps]
        need = _give(need, gaps, cap, box.gapw)
    return need


def _expansion_places(p: Para, a: int, e: int, box: _Slots,
                      spreadable: Sequence[bool]) -> list[int]:
    """Items of the line [a, e) (from its start) before which expansion may go."""
    places = [j for j in range(1, e - a) if spreadable and spreadable[a + j]]
    return places or _places_beside_marks(p, a, e, box)


def _places_beside_marks(p: Para, a: int, e: int, box: _Slots) -> list[int]:
    """Expansion places when the paragraph's own are none: only beside compressed marks,
    still between CJK units, never in words."""
    uo, cls, chars = p.unit_of, p.cls, p.chars
    return [j for j in range(1, e - a) if uo[a + j] != uo[a + j - 1] and not box.gapw[j]
            and (cls[a + j] in CJK_CLASSES or cls[a + j - 1] in CJK_CLASSES)
            and chars[a + j] not in NO_SPREAD and chars[a + j - 1] not in NO_SPREAD]


def _give(need: float, where: list[int], cap: list[float], arr: list[float]) -> float:
    """Add up to `need` to arr[where], evenly in proportion to capacity; return the rest."""
    total = sum(cap)
    if total <= EPS:
        return need
    take = min(need, total)
    f = take / total
    for j, c in zip(where, cap, strict=True):
        arr[j] += c * f
    return need - take
