"""Paragraph-level line breaking: total fit (Knuth–Plass) adapted to CJK.

Every unit boundary the kinsoku rules allow is a candidate (in Han text, nearly every
position between two characters). A line is priced by how far it must be adjusted,
in the order clreq §3.1.7 and JLREQ §3.8 give: compressing punctuation, Western spaces
and Han–Latin gaps to pull a character back (追い込み) is cheap; stretching spaces and
Han–Latin gaps costs a little more; inter-character expansion (追い出し) costs by the
cube of the space added between two characters up to SPREAD_EM. Past that a reader
sees a loose line, and every loose line — or short line with nowhere to add space, or
孤字 — costs a demerit that outweighs any number of fair lines, so the paragraph's
breaks are chosen together to have as few of them as possible, and only then the
evenest. One hard token (a phone number, a URL, 65歲) thus moves its cost onto
neighbouring lines that can absorb it, instead of wrecking one or three.

Returns None when no sequence fits (a unit wider than the measure): the greedy
breaker then splits it as a last resort.
"""

from __future__ import annotations

from xhprint.text.fitting import Fitting, content_end, natural
from xhprint.text.linebreak import Span, counted
from xhprint.text.prepare import Para

EPS = 1e-6
SHRINK_COST = 10.0  # badness of using all of a line's shrink (compress before spreading)
STRETCH_COST = 10.0  # ... of stretching its spaces and Han–Latin gaps to their limits
SPREAD_EM = 0.119  # most inter-character expansion (em per place) of a fair line
WIDE_EM = 0.4  # expansion past which one loose line costs more than several
LOOSE = 1e6  # demerit of a loose line (more expansion), or one that stays short
ORPHAN = 1e8  # 孤字: one character alone on the last line (clreq §5.1.4)
LOOSE_LIMIT_EM = 4.0  # shorter lines than measure − this are not considered


def line_demerit(p: Para, fit: Fitting, a: int, b: int, avail: float, last: bool) -> float:
    """Demerit of items [a, b) as one line of width `avail`; inf when it cannot fit."""
    e = content_end(p, a, b)
    delta = avail - natural(p, a, b)
    return _demerit(p, fit, a, e, delta, last)


def _demerit(p: Para, fit: Fitting, a: int, e: int, delta: float, last: bool) -> float:
    if delta < -EPS:
        s = fit.shrink_of(p, a, e)
        if -delta > s + EPS:
            return float("inf")
        return (1.0 + SHRINK_COST * (-delta / s) ** 3) ** 2
    if last or delta <= EPS:
        return 1.0
    t = fit.stretch_of(a, e)
    if delta <= t + EPS:
        return (1.0 + STRETCH_COST * (delta / t) ** 3) ** 2
    places = fit.spread_of(a, e)
    if not places:
        return LOOSE * (1.5 + 0.1 * (delta - t) / p.em)
    x = (delta - t) / places / p.em
    if x > SPREAD_EM:  # loose: counted, and past WIDE_EM a page no editor would print
        return LOOSE * (1.0 + 0.1 * x / SPREAD_EM + max(0.0, x - WIDE_EM) * 100.0)
    return (1.0 + (STRETCH_COST if t > EPS else 0.0) + 100.0 * (x / SPREAD_EM) ** 3) ** 2


def total_fit(p: Para, fit: Fitting, measure: float, indent: float) -> list[Span] | None:
    """The cheapest breaks for the whole paragraph, or None if no sequence of lines fits."""
    us, allowed = p.unit_start, p.allowed
    n_units = len(us) - 1
    if n_units <= 0:
        return None
    pos = [0] + [us[u] for u in range(1, n_units) if allowed[u]] + [us[n_units]]
    nc = len(pos)
    inf = float("inf")
    best = [inf] * nc
    back = [-1] * nc
    best[0] = 0.0
    cum = p.cum
    loose = LOOSE_LIMIT_EM * p.em
    first_avail = measure - indent
    head_w, tail_w = fit.head_w, fit.tail_w
    stretch, gap_stretch, spread, em = fit.stretch, fit.gap_stretch, fit.spread, p.em
    for y in range(1, nc):
        b = pos[y]
        last = y == nc - 1
        e = content_end(p, pos[y - 1], b)
        top = best[y]
        arg = -1
        tail = cum[e] + tail_w[e]
        for x in range(y - 1, -1, -1):
            bx = best[x]
            a = pos[x]
            avail = first_avail if x == 0 else measure
            if not last and cum[e] - cum[a] < avail - loose - p.em:
                continue  # far too short (the estimate errs by less than an em)
            if bx == inf or e <= a:
                continue
            if e - a >= 2:
                delta = avail - (tail - cum[a] + head_w[a])
            else:
                delta = avail - natural(p, a, b)
            if -EPS <= delta <= EPS:
                d = 1.0  # a perfect line (pure Han on the grid)
            elif delta > EPS and not last and stretch[e] - stretch[a] - gap_stretch[a] <= EPS:
                # the common case inlined: no spaces or gaps, expansion places only
                places = spread[e] - spread[a + 1]
                if not places:
                    d = LOOSE * (1.5 + 0.1 * delta / em)
                else:
                    xs = delta / places / em
                    if xs > SPREAD_EM:
                        d = LOOSE * (1.0 + 0.1 * xs / SPREAD_EM + max(0.0, xs - WIDE_EM) * 100.0)
                    else:
                        d = (1.0 + 100.0 * (xs / SPREAD_EM) ** 3) ** 2
            else:
                d = _demerit(p, fit, a, e, delta, last)
                if d == inf:
                    if x > 0:
                        break  # overfull: starting earlier only gets wider
                    continue
            if last and x > 0 and counted(p, a, e) < 2:
                d += ORPHAN
            cost = bx + d
            if cost < top:
                top = cost
                arg = x
        best[y] = top
        back[y] = arg
    if best[nc - 1] == inf:
        return None
    spans: list[Span] = []
    y = nc - 1
    while y > 0:
        x = back[y]
        spans.append(Span(pos[x], pos[y]))
        y = x
    spans.reverse()
    return spans
