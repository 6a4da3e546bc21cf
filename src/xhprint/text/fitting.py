"""How much any line of a paragraph can shrink and stretch, in constant time.

The total-fit breaker (totalfit.py) prices thousands of candidate lines per paragraph;
`Fitting` holds prefix sums over the prepared items so that a line's shrink capacity
(clreq §5.2.3: spaces, brackets, 、，；, Han–Latin gaps, 。？！), its stretch
capacity (§5.2.4: Western spaces to ½ em, Han–Latin gaps to ⅓ em) and its number of
places for inter-character expansion are each two lookups plus the two line ends.
`justify.set_line` realises a line with the same capacities and places, so the price
the breaker pays is the spacing the reader sees.

Places for inter-character expansion: a boundary between two units with a CJK
character on at least one side, not at a Han–Latin gap (that has its own stretch),
not beside a Western space, a connector mark or solidus (§5.2.4; one that ends a URL
or Latin word, as in tw/查詢, is the word's edge), and not between two marks when
either is compressed by its pair or style (spreading there would undo the 1.5 em
pair; beside the pair, as before any mark, it may go). Never inside an unbreakable
unit (typography.md): a Latin word, a number with its unit (3億元), a URL or e-mail
address, a two-em mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhprint.text.prepare import Para
from xhprint.text.punctuation import K_CLOSE, K_OPEN, K_PAUSE, K_STOP
from xhprint.text.segment import HAN, IDSP, LATIN, NBSP, PUNCT, SPACE
from xhprint.text.spacing import GAP_MAX, GAP_MIN

EPS = 1e-6
SHRINK_PAUSE = frozenset("、，；：")  # clreq §5.2.3 e (and the GB colon, a pause mark too)
SHRINK_STOP = frozenset("。？！")  # clreq §5.2.3 g
CENTRED_SHRINK = frozenset("，、；：。")  # centred marks whose ¼ em blanks may go
NO_SPREAD = frozenset("-–～〜/／")  # clreq §5.2.4: avoid connector marks and solidi
CJK_CLASSES = (HAN, PUNCT, IDSP)


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


def mark_cap(p: Para, i: int, lt: float, rt: float) -> tuple[int, float, str]:
    """(clreq §5.2.3 rank, capacity in pt, side "l"/"r"/"c") of a mark with trims lt, rt.

    GB placement: the blank half of 、，；： and of 。？！ may go. Centred placement:
    the ¼ em blanks on both sides of ，、；：。 may go, last, evenly ("c"), so the mark
    stays centred in a half-em box, as clreq §5.2.3 compresses punctuation before
    spreading (？！ stay 1 em, typography.md).
    """
    k = p.kind[i]
    if k == K_OPEN:
        return 2, p.bl[i] - lt, "l"
    if k == K_CLOSE:
        return 2, p.br[i] - rt, "r"
    c = p.chars[i]
    if p.gb:
        if k == K_PAUSE and c in SHRINK_PAUSE:
            return 3, p.br[i] - rt, "r"
        if k == K_STOP and c in SHRINK_STOP:
            return 5, p.br[i] - rt, "r"
    elif c in CENTRED_SHRINK:
        return 5, max(0.0, p.bl[i] - lt) + max(0.0, p.br[i] - rt), "c"
    return 0, 0.0, ""


def space_cap(p: Para, i: int) -> float:
    """How far a Western space may shrink (to ¼ em)."""
    return max(0.0, p.slot[i] - p.em / 4)


def _interior_trims(p: Para, i: int) -> tuple[float, float]:
    """Trims of item i away from both line ends (style trims and pair compression)."""
    lt, rt = p.sl[i], p.sr[i]
    n = len(p.chars)
    for k in (i, i + 1):
        if 0 < k < n and p.pair_who[k] == i:
            if p.pair_left[k]:
                lt += p.em / 2
            else:
                rt += p.em / 2
    return lt, rt


def item_shrink(p: Para, i: int, lt: float, rt: float) -> float:
    """Shrink capacity of item i itself (not its Han–Latin gap) with trims lt, rt."""
    if p.cls[i] == SPACE:
        return space_cap(p, i)
    if p.kind[i]:
        return max(0.0, mark_cap(p, i, lt, rt)[1])
    return 0.0


@dataclass(frozen=True)
class Fitting:
    """Prefix sums of one paragraph's shrink, stretch and expansion places."""

    shrink: tuple[float, ...]  # items' own shrink, trimmed as inside a line
    gap_shrink: tuple[float, ...]  # Han–Latin gaps down to ⅛ em
    stretch: tuple[float, ...]  # spaces to ½ em and gaps to ⅓ em
    gap_stretch: tuple[float, ...]  # per item: its gap's stretch (dropped at a line start)
    spread: tuple[int, ...]  # places for inter-character expansion before items < i
    spreadable: tuple[bool, ...]  # per item: expansion may go just before it
    # A line [a, e) of two items or more: its width is cum[e] − cum[a] + head_w[a] +
    # tail_w[e] and its shrink interior + head_s[a] + tail_s[e] (the ends' trims
    # depend only on which end they are)
    head_w: tuple[float, ...]
    tail_w: tuple[float, ...]
    head_s: tuple[float, ...]
    tail_s: tuple[float, ...]

    @classmethod
    def of(klass, p: Para) -> Fitting:  # noqa: N804 (cls is the item classes below)
        ok = spreadable_places(p)
        shrink, gap_shrink, stretch, gap_stretch, spread = _running_sums(p, ok)
        head_w, tail_w, head_s, tail_s = _line_ends(p)
        return klass(tuple(shrink), tuple(gap_shrink), tuple(stretch), tuple(gap_stretch),
                     tuple(spread), tuple(ok), tuple(head_w), tuple(tail_w), tuple(head_s),
                     tuple(tail_s))

    def shrink_of(self, p: Para, a: int, e: int) -> float:
        """Shrink capacity (pt) of the line whose content is items [a, e)."""
        if e <= a:
            return 0.0
        s = self.gap_shrink[e] - self.gap_shrink[a + 1]
        if e - a >= 2:
            return s + self.shrink[e - 1] - self.shrink[a + 1] + self.head_s[a] + self.tail_s[e]
        lt, rt = trims(p, a, a, e)
        return s + item_shrink(p, a, lt, rt)

    def stretch_of(self, a: int, e: int) -> float:
        """Stretch capacity (pt) of spaces and Han–Latin gaps in the line [a, e)."""
        if e <= a:
            return 0.0
        return self.stretch[e] - self.stretch[a] - self.gap_stretch[a]

    def spread_of(self, a: int, e: int) -> int:
        """Places for inter-character expansion inside the line [a, e)."""
        if e - a < 2:
            return 0
        return self.spread[e] - self.spread[a + 1]


def _running_sums(p: Para, ok: list[bool]) -> tuple[
        list[float], list[float], list[float], list[float], list[int]]:
    """Prefix sums over the items, as if inside a line: their own shrink, the Han–Latin
    gaps' shrink, the stretch of spaces and gaps, and the expansion places; and each
    item's gap stretch (a line start drops it)."""
    n = len(p.chars)
    em = p.em
    shrink = [0.0] * (n + 1)
    gshr = [0.0] * (n + 1)
    stretch = [0.0] * (n + 1)
    gstr = [0.0] * n
    spread = [0] * (n + 1)
    s = g = t = 0.0
    c = 0
    cls, gap, slot = p.cls, p.gap, p.slot
    for i in range(n):
        if cls[i] == SPACE:
            s += space_cap(p, i)
            t += max(0.0, em / 2 - slot[i])
        elif cls[i] == NBSP:  # stretches like a space, never shrinks or breaks
            t += max(0.0, em / 2 - slot[i])
        elif p.kind[i]:
            lt, rt = _interior_trims(p, i)
            s += item_shrink(p, i, lt, rt)
        if gap[i] > 0:
            g += gap[i] - GAP_MIN * em
            gstr[i] = max(0.0, GAP_MAX * em - gap[i])
            t += gstr[i]
        c += ok[i]
        shrink[i + 1], gshr[i + 1], stretch[i + 1], spread[i + 1] = s, g, t, c
    return shrink, gshr, stretch, gstr, spread


def _line_ends(p: Para) -> tuple[list[float], list[float], list[float], list[float]]:
    """Width and shrink corrections of an item as a line's first (head_w, head_s, by the
    item) and as its last (tail_w, tail_s, by the item after it), where its trims differ
    from inside a line."""
    n = len(p.chars)
    head_w = [0.0] * (n + 1)
    head_s = [0.0] * (n + 1)
    tail_w = [0.0] * (n + 1)
    tail_s = [0.0] * (n + 1)
    cls, kind, gap, slot, w0 = p.cls, p.kind, p.gap, p.slot, p.w0
    for i in range(n - 1):  # i as the first item of a line [i, i + 2 …)
        if not kind[i] and cls[i] != SPACE:  # a character: trimmed nowhere
            head_w[i] = slot[i] - w0[i] - gap[i]
            continue
        lt, rt = trims(p, i, i, i + 2)
        head_w[i] = slot[i] - lt - rt - w0[i] - gap[i]
        head_s[i] = item_shrink(p, i, lt, rt)
    for e in range(2, n + 1):  # e − 1 as the last item of a line [… e − 2, e)
        if not kind[e - 1] and cls[e - 1] != SPACE:
            tail_w[e] = slot[e - 1] - w0[e - 1]
            continue
        lt, rt = trims(p, e - 1, e - 2, e)
        tail_w[e] = slot[e - 1] - lt - rt - w0[e - 1]
        tail_s[e] = item_shrink(p, e - 1, lt, rt)
    return head_w, tail_w, head_s, tail_s


def spreadable_places(p: Para) -> list[bool]:
    """Per item i: whether expansion may go between items i-1 and i (module docstring)."""
    n = len(p.chars)
    tight = _tight_marks(p)
    out = [False] * n
    for i in range(1, n):
        out[i] = _spreadable_at(p, i, tight)
    return out


def _tight_marks(p: Para) -> list[bool]:
    """Marks compressed by their pair or style, and the marks beside them (no expansion
    between two of these)."""
    n = len(p.chars)
    kind = p.kind
    tight = [False] * n
    for i in range(n):
        if kind[i] and p.w0[i] < p.slot[i] - EPS:
            tight[i] = True
            for k in (i - 1, i + 1):
                if 0 <= k < n and kind[k]:
                    tight[k] = True
    return tight


def _spreadable_at(p: Para, i: int, tight: list[bool]) -> bool:
    """Whether expansion may go between items i-1 and i."""
    c0, c1 = p.cls[i - 1], p.cls[i]
    if p.unit_of[i] == p.unit_of[i - 1]:
        return False  # inside a word, number with its unit, URL or two-em mark
    if p.gap[i] > 0 or (tight[i] or tight[i - 1]) and p.kind[i] and p.kind[i - 1]:
        return False  # a Han–Latin gap, or inside a compressed run of marks
    if c0 == SPACE or c1 == SPACE or _beside_connector(p, i):
        return False
    return c0 in CJK_CLASSES or c1 in CJK_CLASSES


def _beside_connector(p: Para, i: int) -> bool:
    """A connector or solidus on either side of the boundary before item i, unless it
    ends or starts a Latin word or URL (tw/查詢)."""
    chars, cls = p.chars, p.cls
    return (chars[i - 1] in NO_SPREAD and not (i >= 2 and cls[i - 2] == LATIN)) or (
        chars[i] in NO_SPREAD and not (i + 1 < len(chars) and cls[i + 1] == LATIN))
