"""Where a headline or subhead breaks: where a reader would, in balanced lines.

A break is acceptable after a space the editor typed, after punctuation, before an
opening bracket, and at a word boundary of the segmenter (words.py); never inside a
word or a number with its unit (the kinsoku units already keep 386座 whole). The
fewest lines that fit with acceptable breaks are found first fit, then the breaks are
chosen to make those lines as even as possible (typography.md "Headlines"), a break
at a space or punctuation preferred to one between two words, one inside (…) or
「…」 avoided, and no line left with a single character. Only when a word is wider
than the measure are all kinsoku-allowed positions used.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from xhprint.text.brackets import depth_before
from xhprint.text.fitting import content_end, natural
from xhprint.text.linebreak import Span, counted_before, greedy
from xhprint.text.prepare import Para
from xhprint.text.punctuation import K_NONE, K_OPEN
from xhprint.text.segment import SPACE

EPS = 1e-6
MAX_CANDIDATES = 400  # a "headline" longer than this is set first fit
WORD_BREAK = 1.0  # penalty (em² of imbalance) of a break between two words …
FREE_BREAK = 0.0  # … and after a space or punctuation
#: … and inside brackets or quotes: a quoted name (“春日讀書月”) is split only when keeping
#: it whole would leave lines about 4 em more unequal
INSIDE_BRACKETS = 16.0
LATIN_END = frozenset(",.;:!?)]}%")


def acceptable(p: Para, u: int, words: Set[int] | None) -> bool:
    """Whether a reader accepts a line break before unit u (kinsoku already allows it)."""
    k = p.unit_start[u]
    if words is None:
        return True
    prev = k - 1
    if p.cls[prev] == SPACE or p.kind[prev] not in (K_NONE, K_OPEN) or p.chars[prev] in "—…":
        return True
    if p.chars[prev] in LATIN_END or p.kind[k] == K_OPEN or p.chars[k] in "([“‘":
        return True
    return p.tix[k] in words


def headline_spans(p: Para, measure: float, words: Set[int] | None,
                   hyphen_w: float) -> list[Span]:
    """Balanced lines of the headline text `p`, broken where a reader would."""
    us, allowed = p.unit_start, p.allowed
    n_units = len(us) - 1
    good = [u for u in range(1, n_units) if allowed[u] and acceptable(p, u, words)]
    spans = _fewest(p, measure, good)
    if spans is None:  # a word wider than the measure: it alone may break inside
        good = _open_wide_words(p, measure, good)
        spans = _fewest(p, measure, good)
        if spans is None:
            return greedy(p, measure, 0.0, hyphen_w)
    if len(spans) >= 2:
        better = balanced(p, measure, len(spans), good)
        if better is not None:
            return better
    return spans


def _open_wide_words(p: Para, measure: float, good: list[int]) -> list[int]:
    """`good` plus every allowed break inside a piece between two of them that is wider
    than the measure."""
    us, allowed = p.unit_start, p.allowed
    edges = [0, *good, len(us) - 1]
    out = set(good)
    for u0, u1 in zip(edges, edges[1:], strict=False):
        if natural(p, us[u0], us[u1]) > measure + EPS:
            out.update(u for u in range(u0 + 1, u1) if allowed[u])
    return sorted(out)


def _fewest(p: Para, measure: float, good: list[int]) -> list[Span] | None:
    """First fit over the `good` breaks; None if some piece between two is too wide."""
    us = p.unit_start
    ends = [us[u] for u in good] + [us[-1]]
    spans: list[Span] = []
    a = 0
    i = 0
    while i < len(ends):
        j = i
        while j < len(ends) and natural(p, a, ends[j]) <= measure + EPS:
            j += 1
        if j == i:
            return None
        spans.append(Span(a, ends[j - 1]))
        a = ends[j - 1]
        i = j
    return spans


def balanced(p: Para, measure: float, lines: int, good: list[int]) -> list[Span] | None:
    """Exactly `lines` lines of similar width over the `good` breaks, never leaving one
    character alone; None if impossible."""
    us = p.unit_start
    cands = [0, *good, len(us) - 1]
    if len(cands) > MAX_CANDIDATES or lines < 2:
        return None
    penalty = [0.0] + [_break_penalty(p, us[u]) for u in good] + [0.0]
    bal = _Balance(p, measure, natural(p, 0, us[-1]) / lines, [us[c] for c in cands],
                   penalty, counted_before(p), {})
    cost = [0.0] + [INF] * (len(cands) - 1)  # no line yet: only the start is reached
    backs: list[list[int]] = []
    for _ in range(lines):
        cost, back = _next_line(bal, cost)
        backs.append(back)
    if cost[-1] == INF:
        return None
    return _read_back(bal.bounds, backs)


INF = float("inf")


@dataclass(frozen=True)
class _Balance:
    """What balancing one headline reads: candidate breaks as item indexes (`bounds`,
    start and end included), the target line width, each break's penalty, and the
    widths of the lines priced so far (memo: the same line is priced for every count)."""

    p: Para
    measure: float
    target: float
    bounds: list[int]
    penalty: list[float]
    chars_before: list[int]  # linebreak.counted_before
    widths: dict[tuple[int, int], float]

    def width(self, x: int, y: int) -> float:
        """Natural width of the line from break x to break y."""
        w = self.widths.get((x, y))
        if w is None:
            w = self.widths[(x, y)] = natural(self.p, self.bounds[x], self.bounds[y])
        return w

    def chars(self, x: int, y: int) -> int:
        """Characters on the line from break x to break y (the 孤字 rule's count)."""
        return self.chars_before[self.bounds[y]] - self.chars_before[self.bounds[x]]


def _next_line(bal: _Balance, prev: list[float]) -> tuple[list[float], list[int]]:
    """One more line: the cheapest cost of reaching each break (and the break before
    it), from `prev`, the cost of reaching each with one line fewer."""
    nc = len(bal.bounds)
    cost = [INF] * nc
    back = [-1] * nc
    em = bal.p.em
    for y in range(1, nc):
        for x in range(y - 1, -1, -1):
            if prev[x] == INF:
                continue
            w = bal.width(x, y)
            if w > bal.measure + EPS:
                break  # starting earlier only gets wider
            if bal.chars(x, y) < 2:
                continue
            c = prev[x] + ((bal.target - w) / em) ** 2 + bal.penalty[y]
            if c < cost[y]:
                cost[y] = c
                back[y] = x
    return cost, back


def _read_back(bounds: list[int], backs: list[list[int]]) -> list[Span]:
    """The lines, from the last break back through each line count's pointers."""
    spans: list[Span] = []
    y = len(bounds) - 1
    for back in reversed(backs):
        x = back[y]
        spans.append(Span(bounds[x], bounds[y]))
        y = x
    spans.reverse()
    return spans


def _break_penalty(p: Para, b: int) -> float:
    """After a space or punctuation: free; between two words: a little; inside
    brackets or quotes: dear."""
    if depth_before(p.chars, b):
        return INSIDE_BRACKETS
    e = content_end(p, 0, b)
    prev = e - 1
    if b > e or p.kind[prev] not in (K_NONE, K_OPEN) or p.chars[prev] in "—…":
        return FREE_BREAK
    if p.chars[prev] in LATIN_END or p.kind[b] == K_OPEN:
        return FREE_BREAK
    return WORD_BREAK
