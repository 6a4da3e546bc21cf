"""Reading characters back from a PDF (pdfplumber), grouped into lines, for layout tests.

Assertions about composition are made on what a reader of the PDF gets, never on the
composer's own data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


def read_chars(pdf: Path | bytes, pages: Iterable[int] | None = None) -> list[Char]:
    """Every drawn character with its box (pt, from the page's top-left), page 1-based."""
    import io

    src = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    out: list[Char] = []
    with pdfplumber.open(src) as doc:
        wanted = set(pages) if pages is not None else None
        for n, page in enumerate(doc.pages, start=1):
            if wanted is not None and n not in wanted:
                continue
            # Coordinates relative to the page's MediaBox top-left.
            for c in page.chars:
                out.append(Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], n))
    return out


def group_lines(chars: list[Char], tol: float = 1.0) -> list[list[Char]]:
    """Characters sharing a baseline (same page, |bottom| within tol), left to right,
    lines ordered by page, then column (x), then y."""
    rows: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        key = (c.page, round(c.bottom / tol))
        rows.setdefault(key, []).append(c)
    return [sorted(v, key=lambda c: c.x0) for _k, v in sorted(rows.items())]


def split_columns(line: list[Char], gap: float) -> list[list[Char]]:
    """Split a visual row into runs separated by more than `gap` pt (neighbouring columns)."""
    runs: list[list[Char]] = []
    for c in line:
        if runs and c.x0 - runs[-1][-1].x1 <= gap:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs
