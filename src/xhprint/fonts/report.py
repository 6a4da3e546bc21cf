"""`xhprint fonts [ISSUE_DIR]`: which face each role resolves to, and uncovered characters.

Takes a FontBook and, for an issue, the `missing-glyph` findings its layout made: the
report lists what the build reports, character for character, because it is the
build's own answer (issue 10: the two once disagreed on private-use characters).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from xhprint.fonts.book import FontBook
from xhprint.i18n import Message, Translations, msg, nmsg, tr
from xhprint.model.findings import Finding

HEADER = (msg("role"), msg("family"), msg("style"), msg("file"), msg("face"))


def _width(text: str) -> int:
    """Terminal columns: a Han character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fonts_table(book: FontBook, translations: Translations = None) -> list[str]:
    """The role table: one row per face of each chain, fallbacks indented under it."""
    rows = [HEADER] + [r.cells if r.position == 0 else ("", *r.cells[1:]) for r in book.describe()]
    shown = [[tr(cell, translations) for cell in row] for row in rows]
    widths = [max(_width(row[i]) for row in shown) for i in range(len(HEADER))]
    lines = [tr(msg("fonts for {lang} (fallbacks indented under each role):", lang=book.lang),
                translations)]
    lines += ["  " + "  ".join(cell + " " * (w - _width(cell))
                               for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in shown]
    return lines


def coverage_line(checked: int, findings: Sequence[Finding]) -> Message:
    """How many distinct characters the issue sets and which of them no font draws."""
    codes = {str(dict(f.message.args)["code"]) for f in findings
             if f.check == "missing-glyph" and isinstance(f.message, Message)}
    missing = sorted(codes, key=lambda code: int(code[2:], 16))
    if missing:
        return nmsg("{n} distinct character checked, {missing} without a glyph: {codes}",
                    "{n} distinct characters checked, {missing} without a glyph: {codes}",
                    checked, n=checked, missing=len(missing), codes=" ".join(missing))
    return nmsg("{n} distinct character checked, {missing} without a glyph",
                "{n} distinct characters checked, {missing} without a glyph", checked,
                n=checked, missing=0)
