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


def set_line(
    p: Para, a: int, b: int, avail: float, justify: bool, align: str, x0: float,
    spreadable: Sequence[bool] = (),
) -> tuple[list[PlacedGlyph], float]:
    """Place items [a, b) in a line of width `avail` starting at x0; return glyphs, extent.

    `spreadable[i]`: expansion may go just before item i (fitting.spreadable_places).
    """
    e = content_end(p, a, b)
    m = b - a
    lt = [0.0] * m
    rt = [0.0] * m
    slot = [0.0] * m
    gapw = [0.0] * m
    extra = [0.0] * m
    for j in range(m):
        i = a + j
        if i < e:
            lt[j], rt[j] = trims(p, i, a, e)
            slot[j] = p.slot[i] - lt[j] - rt[j]
            if i > a:
                gapw[j] = p.gap[i]
    width = sum(slot) + sum(gapw)
    delta = avail - width
    if delta < -EPS:
        delta = _shrink(p, a, e, lt, rt, slot, gapw, -delta)
    elif delta > EPS and justify:
        delta = _expand(p, a, e, slot, gapw, extra, delta, spreadable)
    offset = 0.0
    if not justify or delta < 0:
        if align == "center":
            offset = delta / 2
        elif align == "right":
            offset = delta
    x = x0 + offset
    glyphs: list[PlacedGlyph] = []
    chars, face, adv, hs = p.chars, p.face, p.adv, p.hscale
    end_x = x
    for j in range(m):
        i = a + j
        x += gapw[j] + extra[j]
        trimmed = lt[j] > EPS or rt[j] > EPS
        glyphs.append(PlacedGlyph(chars[i], x - lt[j], face[i], adv[i], hs[i],
                                  (lt[j], lt[j] + slot[j]) if trimmed else None))
        x += slot[j]
        if i < e:
            end_x = x
    return glyphs, end_x


def _shrink(
    p: Para, a: int, e: int, lt: list[float], rt: list[float], slot: list[float],
    gapw: list[float], need: float,
) -> float:
    """Squeeze in clreq §5.2.3 order, each class evenly; return the remaining delta."""
    em = p.em
    places: dict[int, list[tuple[int, float, str]]] = {1: [], 2: [], 3: [], 4: [], 5: []}
    for j in range(e - a):
        i = a + j
        if p.cls[i] == SPACE:
            cap = slot[j] - em / 4
            if cap > EPS:
                places[1].append((j, cap, "s"))
            continue
        if p.kind[i]:
            rank, cap, side = mark_cap(p, i, lt[j], rt[j])
            if cap > EPS:
                places[rank].append((j, cap, side))
        if j > 0 and gapw[j] > 0:
            cap = gapw[j] - GAP_MIN * em
            if cap > EPS:
                places[4].append((j, cap, "g"))
    for rank in (1, 2, 3, 4, 5):
        total = sum(t[1] for t in places[rank])
        if total <= EPS:
            continue
        take = min(need, total)
        f = take / total
        for j, cap, how in places[rank]:
            r = cap * f
            if how == "g":
                gapw[j] -= r
            else:
                slot[j] -= r
                if how == "l":
                    lt[j] += r
                elif how == "r":
                    rt[j] += r
        need -= take
        if need <= EPS:
            return 0.0
    return -need


def _expand(
    p: Para, a: int, e: int, slot: list[float], gapw: list[float], extra: list[float],
    need: float, spreadable: Sequence[bool],
) -> float:
    """Stretch in clreq §5.2.4 order: Western spaces, Han–Latin gaps, then evenly at the
    expansion places; return what could not be placed (the line stays that short)."""
    em = p.em
    spaces = [j for j in range(e - a) if p.cls[a + j] in (SPACE, NBSP)]
    if spaces:
        cap = [max(0.0, em / 2 - slot[j]) for j in spaces]
        need = _give(need, spaces, cap, slot)
    gaps = [j for j in range(1, e - a) if gapw[j] > 0]
    if gaps and need > EPS:
        cap = [max(0.0, GAP_MAX * em - gapw[j]) for j in gaps]
        need = _give(need, gaps, cap, gapw)
    if need <= EPS:
        return 0.0
    places = [j for j in range(1, e - a) if spreadable and spreadable[a + j]]
    if not places:  # only beside compressed marks: still between CJK units, never in words
        uo, cls = p.unit_of, p.cls
        places = [j for j in range(1, e - a) if uo[a + j] != uo[a + j - 1] and not gapw[j]
                  and (cls[a + j] in CJK_CLASSES or cls[a + j - 1] in CJK_CLASSES)
                  and p.chars[a + j] not in NO_SPREAD and p.chars[a + j - 1] not in NO_SPREAD]
    if not places and spaces:  # words and spaces only: the spaces take the rest
        for j in spaces:
            slot[j] += need / len(spaces)
        return 0.0
    if not places:
        return need
    share = need / len(places)
    for j in places:
        extra[j] += share
    return 0.0


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
