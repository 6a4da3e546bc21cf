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

from dataclasses import dataclass

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
    return _spread_demerit(delta - t, fit.spread_of(a, e), p.em, t > EPS)


def _spread_demerit(over: float, places: int, em: float, stretched: bool) -> float:
    """Demerit of `over` pt spread over `places` places of inter-character expansion,
    after the line's spaces and gaps took their stretch (`stretched`: they had some)."""
    if not places:
        return LOOSE * (1.5 + 0.1 * over / em)
    x = over / places / em
    if x > SPREAD_EM:  # loose: counted, and past WIDE_EM a page no editor would print
        return LOOSE * (1.0 + 0.1 * x / SPREAD_EM + max(0.0, x - WIDE_EM) * 100.0)
    return (1.0 + (STRETCH_COST if stretched else 0.0) + 100.0 * (x / SPREAD_EM) ** 3) ** 2


def total_fit(p: Para, fit: Fitting, measure: float, indent: float) -> list[Span] | None:
    """The cheapest breaks for the whole paragraph, or None if no sequence of lines fits."""
    us, allowed = p.unit_start, p.allowed
    n_units = len(us) - 1
    if n_units <= 0:
        return None
    pos = [0] + [us[u] for u in range(1, n_units) if allowed[u]] + [us[n_units]]
    search = _Search(p, fit, pos, measure, measure - indent)
    best = [0.0]
    back = [-1]
    for y in range(1, len(pos)):
        cost, x = _best_start(search, y, best)
        best.append(cost)
        back.append(x)
    if best[-1] == INF:
        return None
    return _spans(pos, back)


INF = float("inf")


@dataclass(frozen=True)
class _Search:
    """One paragraph's line-break search: candidate breaks `pos` (item indexes, the
    paragraph's start and end included) and the line widths."""

    p: Para
    fit: Fitting
    pos: list[int]
    measure: float
    first_avail: float  # the first line's width, after the indent


def _best_start(s: _Search, y: int, best: list[float]) -> tuple[float, int]:
    """The cheapest way to end a line at break y: (total cost, previous break x);
    (inf, -1) when no line can end there. `best[x]` is the cost up to break x."""
    p, pos = s.p, s.pos
    b = pos[y]
    last = y == len(pos) - 1
    e = content_end(p, pos[y - 1], b)
    cum, em = p.cum, p.em
    loose = LOOSE_LIMIT_EM * em
    tail = cum[e] + s.fit.tail_w[e]
    top, arg = INF, -1
    for x in range(y - 1, -1, -1):
        a = pos[x]
        avail = s.first_avail if x == 0 else s.measure
        if not last and cum[e] - cum[a] < avail - loose - em:
            continue  # far too short (the estimate errs by less than an em)
        if best[x] == INF or e <= a:
            continue
        d = _price(s, x, b, e, avail, tail, last)
        if d == INF:
            if x > 0:
                break  # overfull: starting earlier only gets wider
            continue
        cost = best[x] + d
        if cost < top:
            top, arg = cost, x
    return top, arg


def _price(s: _Search, x: int, b: int, e: int, avail: float, tail: float, last: bool) -> float:
    """Demerit of the line from break x to item b (content to e) in width `avail`, with
    the 孤字 penalty on a last line; inf when it cannot fit. `tail` is cum[e] + tail_w[e].
    The two commonest lines of Han text are priced here, the rest by _demerit."""
    p, fit = s.p, s.fit
    a = s.pos[x]
    if e - a >= 2:
        delta = avail - (tail - p.cum[a] + fit.head_w[a])
    else:
        delta = avail - natural(p, a, b)
    if -EPS <= delta <= EPS:
        d = 1.0  # a perfect line (pure Han on the grid)
    elif delta > EPS and not last and fit.stretch[e] - fit.stretch[a] - fit.gap_stretch[a] <= EPS:
        # no spaces or gaps to stretch: expansion places only
        d = _spread_demerit(delta, fit.spread[e] - fit.spread[a + 1], p.em, False)
    else:
        d = _demerit(p, fit, a, e, delta, last)
    if last and x > 0 and d != INF and counted(p, a, e) < 2:
        d += ORPHAN
    return d


def _spans(pos: list[int], back: list[int]) -> list[Span]:
    """The lines of the cheapest sequence, from the last break back to the first."""
    spans: list[Span] = []
    y = len(pos) - 1
    while y > 0:
        x = back[y]
        spans.append(Span(pos[x], pos[y]))
        y = x
    spans.reverse()
    return spans
