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

from collections.abc import Callable
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
    loose = LOOSE_LIMIT_EM * p.em
    for y in range(1, len(pos) - 1):
        cost, x = _best_start(search, y, best, loose, _price)
        best.append(cost)
        back.append(x)
    # the last line may be as short as it likes, and is priced with the 孤字 rule
    cost, x = _best_start(search, len(pos) - 1, best, INF, _price_last)
    if cost == INF:
        return None
    return _spans(pos, [*back, x])


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


# (search, first item a, content end e, room left delta) of a line → its demerit
Price = Callable[[_Search, int, int, float], float]


def _best_start(s: _Search, y: int, best: list[float], loose: float,
                price: Price) -> tuple[float, int]:
    """The cheapest way to end a line at break y: (total cost, previous break x);
    (inf, -1) when no line can end there. `best[x]` is the cost up to break x; lines
    shorter than the measure by more than `loose` (and an em) are not considered."""
    p, pos = s.p, s.pos
    b = pos[y]
    e = content_end(p, pos[y - 1], b)
    cum, em, head_w = p.cum, p.em, s.fit.head_w
    first_avail, measure = s.first_avail, s.measure
    tail = cum[e] + s.fit.tail_w[e]
    top, arg = INF, -1
    for x in range(y - 1, -1, -1):
        a = pos[x]
        avail = first_avail if x == 0 else measure
        if cum[e] - cum[a] < avail - loose - em or best[x] == INF or e <= a:
            continue  # far too short (the estimate errs by less than an em), or unreachable
        if e - a >= 2:
            delta = avail - (tail - cum[a] + head_w[a])
        else:
            delta = avail - natural(p, a, b)
        d = price(s, a, e, delta)
        if d == INF:
            break  # overfull: starting earlier only gets wider (x == 0 was the last anyway)
        cost = best[x] + d
        if cost < top:
            top, arg = cost, x
    return top, arg


def _price(s: _Search, a: int, e: int, delta: float) -> float:
    """Demerit of a line that is not the paragraph's last, with content [a, e) and `delta`
    pt of room left (< 0: to squeeze); inf when it cannot fit. The commonest lines of
    Han text are priced here: perfect ones, and those with nothing to stretch but
    expansion places (_spread_demerit without stretch, inlined: it runs for most
    candidate lines); the rest by _demerit."""
    fit = s.fit
    if -EPS <= delta <= EPS:
        return 1.0  # a perfect line (pure Han on the grid)
    if not (delta > EPS and fit.stretch[e] - fit.stretch[a] - fit.gap_stretch[a] <= EPS):
        return _demerit(s.p, fit, a, e, delta, False)
    places = fit.spread[e] - fit.spread[a + 1]
    em = s.p.em
    if not places:
        return LOOSE * (1.5 + 0.1 * delta / em)
    xs = delta / places / em
    if xs > SPREAD_EM:
        return LOOSE * (1.0 + 0.1 * xs / SPREAD_EM + max(0.0, xs - WIDE_EM) * 100.0)
    return (1.0 + 100.0 * (xs / SPREAD_EM) ** 3) ** 2


def _price_last(s: _Search, a: int, e: int, delta: float) -> float:
    """Demerit of the paragraph's last line (never stretched), with the 孤字 penalty
    when the lines before it leave it one character (a > 0: it is not the only line)."""
    d = _demerit(s.p, s.fit, a, e, delta, True)
    if a > 0 and d != INF and counted(s.p, a, e) < 2:
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
