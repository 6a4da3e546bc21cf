"""`xhprint fonts [ISSUE_DIR]`: which face each role resolves to, and uncovered characters.

Takes a FontBook and, for an issue, the `missing-glyph` findings its layout made: the
report lists what the build reports, character for character, because it is the
build's own answer (issue 10: the two once disagreed on private-use characters).
"""

from __future__ import annotations

from collections.abc import Sequence

from xhprint.fonts.book import FontBook
from xhprint.i18n import Message, nmsg
from xhprint.model.findings import Finding

HEADER = ("role", "family", "style", "file", "face")


def fonts_table(book: FontBook) -> list[str]:
    """The role table: one row per face of each chain, fallbacks indented under it."""
    rows = [HEADER] + [r.cells if r.position == 0 else ("", *r.cells[1:]) for r in book.describe()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [f"fonts for {book.lang} (fallbacks indented under each role):"]
    lines += ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    return lines


def coverage_line(checked: int, findings: Sequence[Finding]) -> str:
    """How many distinct characters the issue sets and which of them no font draws."""
    codes = {str(dict(f.message.args)["code"]) for f in findings
             if f.check == "missing-glyph" and isinstance(f.message, Message)}
    missing = sorted(codes, key=lambda code: int(code[2:], 16))
    return nmsg("{n} distinct character checked, {missing} without a glyph{codes}",
                "{n} distinct characters checked, {missing} without a glyph{codes}", checked,
                n=checked, missing=len(missing), codes=": " + " ".join(missing) if missing else "")
