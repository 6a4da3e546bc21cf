"""Read a story part's body text back from a rendered PDF, in reading order.

A part's text is what a reader copies out of the PDF inside the part's box
(ItemArea, trim coordinates): the characters set in the body style — the body
size in one of the body role's faces — ordered column by column, line by line,
left to right. Headline, byline, jump_head repeat and the jump lines
（下轉第N版）/（上接第M版） are set in other styles and so are not body text.
Whitespace is not drawn as a character and does not count.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from xhprint.layout.grid import Grid
from xhprint.model.frame import ItemArea

DATA = Path(__file__).resolve().parents[1] / "data"
JUMPS = DATA / "jumps"  # the continuation fixtures and their `mini` template


@dataclass(frozen=True)
class PdfChar:
    text: str
    x: float  # centre, pt from the trim's left edge
    y: float  # centre, pt from the trim's top edge
    size: float
    font: str  # PostScript name without the subset tag
    page: int


def read_chars(pdf: bytes) -> list[PdfChar]:
    """Every drawn character, in trim coordinates (works for print and digital PDFs)."""
    out: list[PdfChar] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, start=1):
            tx0, _ty0, _tx1, ty1 = _trimbox(page)
            # pdfplumber's `top` counts down from the MediaBox top; the trim top is ty1 up.
            dy = float(page.mediabox[3]) - float(ty1)
            for c in page.chars:
                font = c["fontname"].split("+", 1)[-1]
                out.append(PdfChar(c["text"], (c["x0"] + c["x1"]) / 2 - float(tx0),
                                   (c["top"] + c["bottom"]) / 2 - dy, round(c["size"], 2),
                                   font, n))
    return out


def _trimbox(page: pdfplumber.page.Page) -> tuple[float, float, float, float]:
    """The page's TrimBox (print PDFs), else its MediaBox (the digital edition is trimmed)."""
    from pdfminer.pdftypes import resolve1

    box = resolve1(page.page_obj.attrs.get("TrimBox")) or page.mediabox
    return tuple(float(resolve1(v)) for v in box)  # type: ignore[return-value]


def inside(c: PdfChar, area: ItemArea) -> bool:
    """The character's centre is in the box, give or take half its em sideways.

    Punctuation trimmed to half width at a line end (or start) keeps its full em box
    in the PDF, so its centre may sit on the column edge (clreq §3.1.6); boxes of
    different items are a gutter (≥ 4 mm) apart, so the slack takes nothing from them.
    """
    slack = c.size / 2
    return (area.x - slack <= c.x <= area.x + area.w + slack
            and area.y <= c.y <= area.y + area.h)


def part_chars(chars: list[PdfChar], page: int, area: ItemArea) -> list[PdfChar]:
    return [c for c in chars if c.page == page and inside(c, area)]


def body_text(chars: list[PdfChar], page: int, area: ItemArea, grid: Grid, size: float,
              fonts: Collection[str], starts: Sequence[float] | None = None) -> str:
    """The part's body characters in reading order (see the module docstring).

    `starts`: the left edges of the part's columns when they are not the grid's (a
    picture story's caption segments); default the grid columns.
    """
    body = [c for c in part_chars(chars, page, area)
            if abs(c.size - size) < 0.01 and c.font in fonts and not c.text.isspace()]
    lefts = list(starts) if starts else [grid.col_x(k) for k in range(1, grid.columns + 1)]

    def column(c: PdfChar) -> int:
        return max(k for k, x in enumerate(lefts) if x <= c.x + 0.5)

    body.sort(key=lambda c: (column(c), round(c.y / 2), c.x))
    return "".join(c.text for c in body)
