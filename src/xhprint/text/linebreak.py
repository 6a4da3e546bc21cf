"""Choose line breaks: greedy first fit with kinsoku repair and the 孤字 fix.

Takes a prepared paragraph and the measure; returns lines as item ranges. Body text
is broken by total fit (totalfit.py); first fit is its fallback when a unit is wider
than the measure, and finds a headline's line count. When the fitting break is
forbidden, clreq §3.1.7 says "先挤进，后推出": first try to squeeze the next legal
break into the line (punctuation compression), only then push characters down to
the previous legal break and spread the line. A line never overflows and no
character is dropped; a Latin word or URL longer than the measure is split as a last
resort (a word between two letters gets a hyphen).
"""

from __future__ import annotations

from dataclasses import dataclass

from xhprint.text.fitting import natural
from xhprint.text.justify import min_width
from xhprint.text.prepare import Para
from xhprint.text.punctuation import K_NONE
from xhprint.text.segment import IDSP, LATIN, NBSP, SPACE

EPS = 1e-6
SQUEEZE_REACH = 3  # how many units past the fitting point a squeeze may reach


@dataclass(frozen=True)
class Span:
    """One line: items [a, b); `hyphen` when a word was split at its end."""

    a: int
    b: int
    hyphen: bool = False


def is_counted(p: Para, i: int) -> bool:
    """Whether item i counts as a character for the 孤字 rule: a mark or space does not."""
    return p.kind[i] == K_NONE and p.cls[i] not in (SPACE, NBSP, IDSP) and p.chars[i] not in "—…"


def counted(p: Para, a: int, b: int) -> int:
    """Characters on a line for the 孤字 rule: a mark or space adds nothing."""
    return sum(is_counted(p, i) for i in range(a, b))


def counted_before(p: Para) -> list[int]:
    """Per item index i (and the end): the characters counted before it, so that
    counted(p, a, b) == counted_before(p)[b] - counted_before(p)[a]."""
    out = [0]
    for i in range(len(p.chars)):
        out.append(out[-1] + is_counted(p, i))
    return out


def greedy(p: Para, measure: float, indent: float, hyphen_w: float) -> list[Span]:
    """First-fit lines with the squeeze-then-push repair, then the 孤字 fix."""
    us, allowed = p.unit_start, p.allowed
    n_units = len(us) - 1
    spans: list[Span] = []
    a = 0
    u = 0
    while u < n_units:
        avail = measure - (indent if not spans else 0.0)
        fit = u  # units [u, fit) fit; the first may start mid-unit at item a
        while fit < n_units and natural(p, a, us[fit + 1]) <= avail + EPS:
            fit += 1
        if fit == n_units:
            spans.append(Span(a, us[n_units]))
            break
        if fit == u:  # the first unit alone is too wide: split it (last resort)
            span = _split(p, a, us[u + 1], avail, hyphen_w)
            spans.append(span)
            a = span.b
            if a >= us[u + 1]:
                u += 1
            continue
        end = fit
        if not allowed[fit]:
            end = _repair(p, a, u, fit, avail)
        spans.append(Span(a, us[end]))
        a = us[end]
        u = end
    if len(spans) >= 2:
        spans = _fix_orphan(p, spans, measure)
    return spans


def _repair(p: Para, a: int, u: int, fit: int, avail: float) -> int:
    """The break is forbidden at unit `fit`: squeeze forward, else push back."""
    us, allowed = p.unit_start, p.allowed
    n_units = len(us) - 1
    nxt = fit + 1
    while nxt < n_units and not allowed[nxt]:
        nxt += 1
    back = fit - 1
    while back > u and not allowed[back]:
        back -= 1
    can_squeeze = min_width(p, a, us[nxt]) <= avail + EPS
    if can_squeeze and (nxt - fit <= SQUEEZE_REACH or back <= u):
        return nxt
    if back > u:
        return back
    return fit  # nothing legal fits: break where it fits (unavoidable violation)


def _split(p: Para, a: int, c: int, avail: float, hyphen_w: float) -> Span:
    """Split the too-wide unit [a, c) at the last character that fits."""
    m = _last_fit(p, a, c, avail, hyphen_w)
    if p.paired[m - 1] and m < c:  # never split —— / …… if anything else can go
        m = m - 1 if m - 1 > a else m + 1
    word = m < c and _in_word(p, m)
    return Span(a, min(m, c), hyphen=word and natural(p, a, m) + hyphen_w <= avail + EPS)


def _in_word(p: Para, k: int) -> bool:
    """Whether items k-1 and k are two letters of one Latin word."""
    return p.cls[k - 1] == LATIN and p.cls[k] == LATIN


def _last_fit(p: Para, a: int, c: int, avail: float, hyphen_w: float) -> int:
    """The last break inside [a, c) whose line from a fits, with a hyphen where it
    splits a word (a + 1 when none does: a line holds at least one item)."""
    m = a + 1
    for k in range(a + 1, c):
        extra = hyphen_w if _in_word(p, k) else 0.0
        if natural(p, a, k) + extra <= avail + EPS:
            m = k
        else:
            break
    return m


def _fix_orphan(p: Para, spans: list[Span], measure: float) -> list[Span]:
    """clreq §5.1.4 孤字: pull characters from the previous line into a one-char last line."""
    last, prev = spans[-1], spans[-2]
    if prev.hyphen or counted(p, last.a, last.b) >= 2:
        return spans
    if p.unit_start[p.unit_of[last.a]] != last.a:
        return spans
    new_a = _orphan_break(p, prev, last, measure)
    if new_a is None:
        return spans
    return [*spans[:-2], Span(prev.a, new_a), Span(new_a, last.b)]


def _orphan_break(p: Para, prev: Span, last: Span, measure: float) -> int | None:
    """The latest allowed break inside `prev` that leaves it a character and the last
    line two; None when the last line would overflow first or there is none."""
    us, allowed = p.unit_start, p.allowed
    for j in range(p.unit_of[last.a] - 1, p.unit_of[prev.a], -1):
        if not allowed[j] or us[j] <= prev.a:
            continue
        new_a = us[j]
        if natural(p, new_a, last.b) > measure + EPS:
            return None
        if counted(p, prev.a, new_a) >= 1 and counted(p, new_a, last.b) >= 2:
            return new_a
    return None
