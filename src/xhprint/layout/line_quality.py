"""Loose body lines, shown to the editor (`loose-line`): a copy-fitting aid.

The composer breaks every paragraph as a whole to leave as few letter-spaced lines as
the rules allow (text/totalfit.py), but some text leaves no choice: a figure, URL or
phone number that is not a whole number of ems, a date after a 2 em indent in a
narrow column. Founder 飛騰 and InDesign users fix such lines by editing a word or
two; InDesign highlights them ("H&J violations"). This module finds them on the laid-out
page with the same rule `make typo` reads from the PDF (tests/support/typo.py): a line
is loose when the median letter-space between two CJK characters exceeds the
template's `loose_line_em` (0.12 em), or when any gap between two glyphs exceeds
0.6 em. A typed space is the editor's: it counts only where justification stretched it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import replace

from xhprint.i18n import nmsg
from xhprint.model import Finding
from xhprint.model.frame import Element, LaidOutPage, PlacedGlyph, TextLine
from xhprint.text.segment import HAN, PUNCT, char_class

#: a gap between two glyphs wider than this (em) is a hole whatever the median
GAP_EM = 0.6
#: the lines a finding quotes; the rest are counted and marked in the proof
QUOTED = 3
EPS = 1e-6


def _cjk(g: PlacedGlyph) -> bool:
    return char_class(g.text[0]) in (HAN, PUNCT)  # a glyph may stand for a cluster


def _end(g: PlacedGlyph) -> float:
    return g.x + g.advance * g.hscale


def _gaps(line: TextLine) -> Iterator[tuple[PlacedGlyph, PlacedGlyph, float, float]]:
    """(glyph, next visible glyph, gap between their advance boxes, typed space between
    them at its natural width), in pt, left to right."""
    prev: PlacedGlyph | None = None
    typed = 0.0
    for g in line.glyphs:
        if g.text.isspace():
            typed += g.advance
            continue
        if prev is not None:
            yield prev, g, g.x - _end(prev), typed
        prev, typed = g, 0.0


def is_loose(line: TextLine, max_space_em: float) -> bool:
    """Whether a set line is letter-spaced past `max_space_em` (median of its CJK
    letter-spaces) or has a hole wider than GAP_EM."""
    em = line.size
    spaces: list[float] = []
    for a, b, gap, typed in _gaps(line):
        if typed > EPS:  # a word space the editor typed: a hole only if stretched past GAP_EM
            if gap > GAP_EM * em + EPS and gap > typed + EPS:
                return True
            continue
        if gap > GAP_EM * em + EPS:
            return True
        if _cjk(a) and _cjk(b):
            spaces.append(gap)
    return bool(spaces) and statistics.median(spaces) > max_space_em * em + EPS


def mark_loose_lines(page: LaidOutPage, max_space_em: float,
                     ) -> tuple[LaidOutPage, list[Finding]]:
    """The page with its loose body lines marked `loose` (the sign-off proof highlights
    them), and one `loose-line` warning per story part on it quoting its first lines.
    `max_space_em` 0 turns the check off."""
    if max_space_em <= 0:
        return page, []
    elements: list[Element] = []
    by_item: dict[str | None, list[TextLine]] = {}
    for el in page.elements:
        if isinstance(el, TextLine) and el.role == "body" and is_loose(el, max_space_em):
            el = replace(el, loose=True)
            by_item.setdefault(el.item, []).append(el)
        elements.append(el)
    if not by_item:
        return page, []
    return (replace(page, elements=tuple(elements)),
            [_finding(page.number, item, lines, max_space_em)
             for item, lines in by_item.items()])


def _finding(page: int, item: str | None, lines: list[TextLine], max_space_em: float,
             ) -> Finding:
    quoted = "、".join(f"「{ln.text.strip()}」" for ln in lines[:QUOTED])
    more = len(lines) - QUOTED
    em = f"{max_space_em:g}"
    text = (nmsg("{n} line letter-spaced past {em} em: {lines}",
                 "{n} lines letter-spaced past {em} em: {lines}",
                 len(lines), n=len(lines), em=em, lines=quoted)
            if more <= 0 else
            nmsg("{n} lines letter-spaced past {em} em: {lines} and {more} more",
                 "{n} lines letter-spaced past {em} em: {lines} and {more} more",
                 len(lines), n=len(lines), em=em, lines=quoted,
                 more=more))
    hint = nmsg("change a word or two near it so the line breaks elsewhere, or resize "
                "the box; proof/proof.pdf marks it in yellow",
                "change a word or two near them so the lines break elsewhere, or resize "
                "the box; proof/proof.pdf marks them in yellow", len(lines))
    return Finding("loose-line", "warning", text, where=lines[0].ref, page=page, item=item,
                   hint=hint)
