"""Loose body lines, shown to the editor (`loose-line`): a copy-fitting aid.

The composer breaks every paragraph as a whole to leave as few letter-spaced lines as
the rules allow (text/totalfit.py), but some text leaves no choice: a figure, URL or
phone number that is not a whole number of ems, a date after a 2 em indent in a
narrow column. Founder 飛騰 and InDesign users fix such lines by editing a word or
two; InDesign highlights them ("H&J violations"). A body line is loose when the median
letter-space between its CJK characters exceeds the template's `loose_line_em`
(0.12 em) or two of its glyphs stand more than 0.6 em apart — the rule `make typo`
reads from the PDF, measured by the composer when it set the line (text/looseness.py).
The layout marks such lines (`TextLine.loose`, highlighted in the sign-off proof) and
reports them here, one finding per story part and page.
"""

from __future__ import annotations

from xhprint.i18n import nmsg
from xhprint.model import Finding
from xhprint.model.frame import LaidOutPage, TextLine
from xhprint.text.types import ComposedLine

#: a gap between two glyphs wider than this (em) is a hole whatever the median
GAP_EM = 0.6
#: the lines a finding quotes; the rest are counted and marked in the proof
QUOTED = 3
EPS = 1e-6


def is_loose(line: ComposedLine, max_space_em: float) -> bool:
    """Whether a set line is letter-spaced past `max_space_em` (median of its CJK
    letter-spaces) or has a hole wider than GAP_EM; never when `max_space_em` is 0."""
    return max_space_em > 0 and (line.letter_space > max_space_em + EPS
                                 or line.hole > GAP_EM + EPS)


def loose_line_findings(page: LaidOutPage, max_space_em: float) -> list[Finding]:
    """One `loose-line` warning per story part on the page, quoting its first lines."""
    by_item: dict[str | None, list[TextLine]] = {}
    for el in page.elements:
        if isinstance(el, TextLine) and el.loose:
            by_item.setdefault(el.item, []).append(el)
    return [_finding(page.number, item, lines, max_space_em)
            for item, lines in by_item.items()]


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
                 len(lines), n=len(lines), em=em, lines=quoted, more=more))
    hint = nmsg("change a word or two near it so the line breaks elsewhere, or resize "
                "the box; proof/proof.pdf marks it in yellow",
                "change a word or two near them so the lines break elsewhere, or resize "
                "the box; proof/proof.pdf marks them in yellow", len(lines))
    return Finding("loose-line", "warning", text, where=lines[0].ref, page=page, item=item,
                   hint=hint)
