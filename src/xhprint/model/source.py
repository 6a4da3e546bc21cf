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
