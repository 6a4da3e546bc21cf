"""`xhprint fonts [ISSUE_DIR]`: which face each role resolves to, and uncovered characters.

Takes a FontBook and, for an issue, the `missing-glyph` findings its layout made: the
report lists what the build reports, character for character, because it is the
build's own answer (issue 10: the two once disagreed on private-use characters).
"""

from __future__ import annotations

from collections.abc import Sequence

from xhprint.fonts.book import FontBook
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
    missing = sorted({f.message.split("(U+", 1)[1].split()[0] for f in findings
                      if f.check == "missing-glyph" and "(U+" in f.message},
                     key=lambda code: int(code, 16))
    line = f"{checked} distinct characters checked, {len(missing)} without a glyph"
    return line + (": " + " ".join(f"U+{code}" for code in missing) if missing else "")
