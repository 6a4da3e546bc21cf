"""Set one line: punctuation trims in line context, squeeze/stretch, glyph positions.

Takes a prepared paragraph, an item range and the available width; returns the
placed glyphs and the line's extent. Order of adjustment (clreq §5.2.3, §5.2.4):
shrink the line-end mark, Western spaces, brackets, 、，；, Han–Latin gaps, 。？！;
expand Western spaces, Han–Latin gaps, then evenly between units — never inside an
unbreakable unit, and avoiding connector marks and solidi where other places exist.
"""

from __future__ import annotations

from xhprint.model.frame import PlacedGlyph
from xhprint.text.prepare import Para
from xhprint.text.punctuation import K_CLOSE, K_OPEN, K_PAUSE, K_STOP
from xhprint.text.segment import SPACE
from xhprint.text.spacing import GAP_MAX, GAP_MIN

EPS = 1e-6
SHRINK_PAUSE = frozenset("、，；")  # clreq §5.2.3 e
SHRINK_STOP = frozenset("。？！")  # clreq §5.2.3 g
NO_SPREAD = frozenset("-–～〜/／")  # clreq §5.2.4: avoid connector marks and solidi


def content_end(p: Para, a: int, b: int) -> int:
    """End of the line's content: trailing spaces print nothing and take no width."""
    e = b
    cls = p.cls
    while e > a and cls[e - 1] == SPACE:
        e -= 1
    return e


def trims(p: Para, i: int, a: int, e: int) -> tuple[float, float]:
    """Left/right trims (pt) of item i in a line whose content is items [a, e)."""
    lt = p.sl[i]
    rt = p.sr[i]
    for k in (i, i + 1):
        if a < k < e and p.pair_who[k] == i:
            if p.pair_left[k]:
                lt += p.em / 2
            else:
                rt += p.em / 2
    if p.gb:  # GB: opening bracket at line start / mark at line end take ½ em
        if i == a and p.kind[i] == K_OPEN:
            lt = p.bl[i]
        if i == e - 1 and p.kind[i] >= K_CLOSE:
            rt = p.br[i]
    return lt, rt


def natural(p: Para, a: int, b: int) -> float:
    """Width (pt) of items [a, b) set as one line, before justification."""
    e = content_end(p, a, b)
    if e == a:
        return 0.0
    s = p.cum[e] - p.cum[a] - p.gap[a]
    lt, rt = trims(p, a, a, e)
    s += p.slot[a] - lt - rt - p.w0[a]
    if e - 1 != a:
        lt, rt = trims(p, e - 1, a, e)
        s += p.slot[e - 1] - lt - rt - p.w0[e - 1]
    return s


def min_width(p: Para, a: int, b: int) -> float:
    """The narrowest the line [a, b) can be squeezed (clreq §5.2.3)."""
    e = content_end(p, a, b)
    return natural(p, a, b) - sum(c for _, c in _shrink_caps(p, a, e))


def _shrink_caps(p: Para, a: int, e: int) -> list[tuple[int, float]]:
    """(class rank, capacity) of every shrinkable place in [a, e), in clreq order."""
    out: list[tuple[int, float]] = []
    em = p.em
    for i in range(a, e):
        c = p.cls[i]
        if c == SPACE:
            cap = p.slot[i] - em / 4
            if cap > EPS:
                out.append((1, cap))
            continue
        k = p.kind[i]
        if k:
            lt, rt = trims(p, i, a, e)
            if k == K_OPEN:
                cap, rank = p.bl[i] - lt, 2
            elif k == K_CLOSE:
                cap, rank = p.br[i] - rt, 2
            elif p.gb and k == K_PAUSE and p.chars[i] in SHRINK_PAUSE:
                cap, rank = p.br[i] - rt, 3
            elif p.gb and k == K_STOP and p.chars[i] in SHRINK_STOP:
                cap, rank = p.br[i] - rt, 5
            else:
                cap, rank = 0.0, 0
            if cap > EPS:
                out.append((rank, cap))
        if i > a and p.gap[i] > 0:
            out.append((4, p.gap[i] - GAP_MIN * em))
    return out


def set_line(
    p: Para, a: int, b: int, avail: float, justify: bool, align: str, x0: float
) -> tuple[list[PlacedGlyph], float]:
    """Place items [a, b) in a line of width `avail` starting at x0; return glyphs, extent."""
    em = p.em
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
        _expand(p, a, e, slot, gapw, extra, delta)
        delta = 0.0
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
        glyphs.append(PlacedGlyph(chars[i], x - lt[j], face[i], adv[i], hs[i]))
        x += slot[j]
        if i < e:
            end_x = x
    del em
    return glyphs, end_x


def _shrink(
    p: Para, a: int, e: int, lt: list[float], rt: list[float], slot: list[float],
    gapw: list[float], need: float,
) -> float:
    """Squeeze in clreq §5.2.3 order, each class evenly; return the remaining delta."""
    em = p.em
    for rank in (1, 2, 3, 4, 5):
        places: list[tuple[int, float, str]] = []
        for j in range(e - a):
            i = a + j
            if rank == 1 and p.cls[i] == SPACE:
                cap = slot[j] - em / 4
                if cap > EPS:
                    places.append((j, cap, "s"))
            elif rank == 4 and j > 0 and gapw[j] > 0:
                cap = gapw[j] - GAP_MIN * em
                if cap > EPS:
                    places.append((j, cap, "g"))
            elif rank in (2, 3, 5) and p.kind[i]:
                k, c = p.kind[i], p.chars[i]
                if rank == 2 and k == K_OPEN:
                    places.append((j, p.bl[i] - lt[j], "l"))
                elif rank == 2 and k == K_CLOSE:
                    places.append((j, p.br[i] - rt[j], "r"))
                elif rank == 3 and p.gb and k == K_PAUSE and c in SHRINK_PAUSE:
                    places.append((j, p.br[i] - rt[j], "r"))
                elif rank == 5 and p.gb and k == K_STOP and c in SHRINK_STOP:
                    places.append((j, p.br[i] - rt[j], "r"))
        places = [t for t in places if t[1] > EPS]
        total = sum(t[1] for t in places)
        if total <= EPS:
            continue
        take = min(need, total)
        f = take / total
        for j, cap, how in places:
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
    need: float,
) -> None:
    """Stretch in clreq §5.2.4 order: Western spaces, Han–Latin gaps, then evenly."""
    em = p.em
    spaces = [j for j in range(e - a) if p.cls[a + j] == SPACE]
    if spaces:
        cap = [max(0.0, em / 2 - slot[j]) for j in spaces]
        need = _give(need, spaces, cap, slot)
    gaps = [j for j in range(1, e - a) if gapw[j] > 0]
    if gaps and need > EPS:
        cap = [max(0.0, GAP_MAX * em - gapw[j]) for j in gaps]
        need = _give(need, gaps, cap, gapw)
    if need <= EPS:
        return
    uo, chars = p.unit_of, p.chars
    bounds = [j for j in range(1, e - a) if uo[a + j] != uo[a + j - 1]]
    # Han–Latin gaps stop at ⅓ em; connector marks and solidi are avoided (§5.2.4).
    # A compressed mark and the mark beside it stay together: spreading around them would
    # undo the 1.5 em of an adjacent pair (clreq §3.1.6) that readers see as one unit.
    kind = p.kind
    paired: set[int] = set()
    for j in range(e - a):
        if kind[a + j] and slot[j] < p.slot[a + j] - EPS:
            paired.add(j)
            for k in (j - 1, j + 1):
                if 0 <= k < e - a and kind[a + k]:
                    paired.add(k)
    calm = [
        j for j in bounds
        if chars[a + j] not in NO_SPREAD and chars[a + j - 1] not in NO_SPREAD and not gapw[j]
        and j not in paired and j - 1 not in paired
    ]
    if not calm:
        calm = [j for j in bounds if not gapw[j]]
    if calm:
        bounds = calm
    if not bounds:  # one unit on the line (a forced split): letter-space, but keep ——/…… whole
        bounds = [j for j in range(1, e - a) if not p.paired[a + j - 1]]
    if not bounds:
        return
    share = need / len(bounds)
    for j in bounds:
        extra[j] += share


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
