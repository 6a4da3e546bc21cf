"""Where something came from: file, line and column as the user named the file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRef:
    """A position in a user file; line and col are 1-based (0 = unknown)."""

    file: str
    line: int = 0
    col: int = 0
    story: str | None = None

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.file}:{self.line}:{self.col}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True)
class TextOrigin:
    """Where each character of a text was written, so a finding about one character
    (a missing glyph, a stray simplified form) names that character's own line:col.

    `anchors` are (index in the text, line, col), sorted by index: from an anchor on,
    characters follow one another on the same source line.
    """

    file: str
    anchors: tuple[tuple[int, int, int], ...]
    story: str | None = None

    def at(self, index: int) -> SourceRef:
        """The file position of character `index` of the text."""
        found = self.anchors[0] if self.anchors else (0, 0, 0)
        for anchor in self.anchors:
            if anchor[0] > index:
                break
            found = anchor
        start, line, col = found
        return SourceRef(self.file, line, col + (index - start) if col else 0, self.story)

    @classmethod
    def from_positions(cls, file: str, positions: list[tuple[int, int]],
                       story: str | None = None) -> TextOrigin:
        """From the (line, col) of every character: anchors where a run breaks."""
        anchors: list[tuple[int, int, int]] = []
        for i, (line, col) in enumerate(positions):
            if anchors:
                start, aline, acol = anchors[-1]
                if aline == line and acol + (i - start) == col:
                    continue
            anchors.append((i, line, col))
        return cls(file, tuple(anchors), story)
