"""`xhprint fonts [ISSUE_DIR]`: which face each role resolves to, and uncovered characters.

Takes a FontBook and (text, where) pairs; returns printable lines and
`missing-glyph` findings (preflight.md). The CLI only prints them.
"""

from __future__ import annotations

from collections.abc import Iterable

from xhprint.fonts.book import FontBook
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

HEADER = ("role", "family", "style", "file", "face")


def _position(text: str, index: int, ref: SourceRef) -> SourceRef:
    """The file position of text[index], when `ref` is where `text` starts."""
    if not ref.line:
        return ref
    before = text[:index]
    newlines = before.count("\n")
    col = index - before.rfind("\n") if newlines else (ref.col or 1) + index
    return SourceRef(ref.file, ref.line + newlines, col, ref.story)


def fonts_report(book: FontBook, texts: Iterable[tuple[str, SourceRef]]) -> tuple[list[str], list[Finding]]:
    """The role table (one row per face of each chain) and one finding per missing character
    and text, at its first occurrence."""
    rows = [HEADER] + [r.cells if r.position == 0 else ("", *r.cells[1:]) for r in book.describe()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [f"fonts for {book.lang} (fallbacks indented under each role):"]
    lines += ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    findings: list[Finding] = []
    checked: set[str] = set()
    missing_all: set[str] = set()
    for text, ref in texts:
        checked.update(text)
        missing = book.missing(text)
        missing_all |= missing
        for char in sorted(missing, key=text.index):
            findings.append(Finding(
                "missing-glyph", "error",
                f"no font has U+{ord(char):04X} {char}",
                where=_position(text, text.index(char), ref), item=ref.story,
                hint="add a font that has it to the role's fonts: list in fonts/fonts.yaml"))
    if checked:
        lines.append(f"{len(checked)} distinct characters checked, {len(missing_all)} without a glyph"
                     + (": " + " ".join(f"U+{ord(c):04X}" for c in sorted(missing_all)) if missing_all else ""))
    return lines, findings
