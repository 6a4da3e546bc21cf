"""How letter-spaced a set line looks: what a reader of the page sees, in em.

Measured once, when the composer sets the line (and kept with the composition in the
store), so the layout's `loose-line` check (layout/line_quality.py) compares two numbers
per line instead of walking every glyph of every page on every build. The rule is the
one `make typo` reads from the PDF (tests/support/typo.py): the median letter-space
between two CJK glyphs, and the widest gap between two glyphs; a space the editor typed
(記者 陳文卿, U+3000) is a word space, not letter-spacing, and counts as a gap only for
what justification stretched it by.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from xhprint.model.frame import PlacedGlyph
from xhprint.text.segment import HAN, PUNCT, char_class


def _cjk(g: PlacedGlyph) -> bool:
    return char_class(g.text[0]) in (HAN, PUNCT)  # a glyph may stand for a cluster


def looseness(glyphs: Sequence[PlacedGlyph], em: float) -> tuple[float, float]:
    """(median CJK letter-space, widest gap) of a set line, in em; (0, 0) for a line
    with nothing spread (the common case, found without classifying a character)."""
    spread = False
    end = None
    for g in glyphs:
        if end is not None and g.x - end > 1e-6:
            spread = True
            break
        end = g.x + g.advance * g.hscale
    if not spread:
        return 0.0, 0.0
    spaces: list[float] = []
    hole = 0.0
    prev: PlacedGlyph | None = None
    typed = 0.0
    for g in glyphs:
        if g.text.isspace():
            typed += g.advance
            continue
        if prev is not None:
            gap = g.x - (prev.x + prev.advance * prev.hscale)
            if typed:  # a word space the editor typed: only its stretch is a hole
                hole = max(hole, gap if gap > typed + 1e-6 else 0.0)
            else:
                hole = max(hole, gap)
                if _cjk(prev) and _cjk(g):
                    spaces.append(gap)
        prev, typed = g, 0.0
    median = statistics.median(spaces) if spaces else 0.0
    return max(0.0, median) / em, hole / em
