"""Line quality of set text, measured on the PDF: loose lines, ragged lines, kinsoku.

One reader for every typesetter (xhprint and Typst in tools/typo.py, xhprint alone in
tests/text/test_typo_figures.py): characters come from pdfplumber, lines are glyphs
sharing a baseline, a paragraph ends where the next baseline is further down than one
line pitch (paragraphs are set with a blank line between them). A line is *loose* when
the median letter-space between two CJK glyphs (not counting a typed space between
them, which is a word space) exceeds 0.12 em or any gap between two glyphs exceeds
0.6 em; a non-final line is *ragged* when its last glyph does not end at
the column's right edge (a line-end mark compressed to ½ em may overhang by ½ em).
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xhprint.text.kinsoku import no_end_set, no_start_set
from xhprint.text.segment import HAN, PUNCT, char_class

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "typo"
SEED_STORIES = ("study-session", "ecology", "ai-cluster", "sample-notice", "garden")
LOOSE_SPACE_EM = 0.12
LOOSE_GAP_EM = 0.6
SIZE = 9.0
LEAD = 14.0
LEFT = 36.0
TOP = 36.0


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _seed_paragraphs() -> list[str]:
    from xhprint.manifest.story import load_story

    issue = REPO / "issues" / "2023-40"
    out: list[str] = []
    for sid in SEED_STORIES:
        story = load_story(sid, issue / "stories" / f"{sid}.md", issue)
        out += ["".join(r.text for r in b.runs) for b in story.blocks if b.kind == "para"]
    return out


#: the parts of the corpus `make typo --corpus` can set
PARTS = ("all", "releases", "news")


def corpus(lang: str, part: str = "all") -> list[str]:
    """The fixed corpus in `lang`: news releases written in that script, the other
    script's releases (converted with OpenCC), then the sample issue's stories (real
    Shanghai news, converted for zh-Hans). `part`: "releases" or "news" alone."""
    from opencc import OpenCC

    other = "zh-Hans" if lang == "zh-Hant" else "zh-Hant"
    conv = OpenCC("s2t" if lang == "zh-Hant" else "t2s").convert
    releases: list[str] = []
    if part in ("all", "releases"):
        own = _paragraphs((CORPUS / f"{lang}.txt").read_text("utf-8"))
        theirs = [conv(p) for p in _paragraphs((CORPUS / f"{other}.txt").read_text("utf-8"))]
        releases = own + theirs
    news: list[str] = []
    if part in ("all", "news"):
        news = _seed_paragraphs()
        if lang == "zh-Hans":
            news = [conv(p) for p in news]
    return releases + news


@dataclass(frozen=True)
class Figures:
    """Counts over the non-empty lines of one PDF."""

    lines: int
    non_final: int
    loose: int
    ragged: int
    kinsoku: int
    chars: str  # every visible character, in reading order
    examples: tuple[str, ...]  # the first few loose or ragged lines, as text

    @property
    def loose_per_1000(self) -> float:
        return 1000 * self.loose / max(1, self.lines)

    @property
    def ragged_pct(self) -> float:
        return 100 * self.ragged / max(1, self.non_final)


@dataclass(frozen=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    base: float
    page: int
    spaced: bool = False  # a typed space (drawn by both typesetters) comes before it


def _glyphs(pdf: bytes) -> list[_Glyph]:
    """The visible glyphs; one after a space glyph of the same line is marked `spaced`."""
    import pdfplumber

    out: list[_Glyph] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages):
            rows: dict[int, list[tuple[float, str, float, float]]] = {}
            for c in page.chars:
                base = page.height - c["matrix"][5]  # baseline from the page top
                rows.setdefault(round(base * 2), []).append((c["x0"], c["text"], c["x1"], base))
            for row in rows.values():
                spaced = False
                for x0, text, x1, base in sorted(row):
                    if not text.strip():
                        spaced = True
                        continue
                    out.append(_Glyph(text, x0, x1, base, n, spaced))
                    spaced = False
    return out


def read_lines(pdf: bytes) -> list[tuple[list[_Glyph], bool]]:
    """(glyphs left to right, is the paragraph's last line) for every line, in order."""
    rows: dict[tuple[int, int], list[_Glyph]] = {}
    for g in _glyphs(pdf):
        rows.setdefault((g.page, round(g.base * 2)), []).append(g)
    keys = sorted(rows)
    out: list[tuple[list[_Glyph], bool]] = []
    for i, k in enumerate(keys):
        line = sorted(rows[k], key=lambda g: g.x0)
        nxt = keys[i + 1] if i + 1 < len(keys) else None
        final = nxt is None or nxt[0] != k[0] or (nxt[1] - k[1]) / 2 > LEAD * 1.5
        out.append((line, final))
    return out


def _cjk(c: str) -> bool:
    return char_class(c[0]) in (HAN, PUNCT)  # a glyph may stand for a cluster


def line_verdict(glyphs: list[_Glyph], final: bool, right: float,
                 em: float = SIZE) -> tuple[bool, bool]:
    """(loose, ragged) of one line whose column ends at x = `right` (module docstring)."""
    # letter-spaces between two CJK glyphs; a typed space between them (記者 陳文卿)
    # is a word space, not letter-spacing: only the 0.6 em gap rule sees it
    spaces = [(b.x0 - a.x1) / em for a, b in zip(glyphs, glyphs[1:], strict=False)
              if _cjk(a.text) and _cjk(b.text) and not b.spaced]
    gaps = [(b.x0 - a.x1) / em for a, b in zip(glyphs, glyphs[1:], strict=False)]
    loose = bool((spaces and statistics.median(spaces) > LOOSE_SPACE_EM)
                 or (gaps and max(gaps) > LOOSE_GAP_EM))
    ragged = not final and not (right - 0.5 <= glyphs[-1].x1 <= right + em / 2 + 0.5)
    return loose, ragged


def measure(pdf: bytes, right: float, size: float = SIZE, kinsoku: str = "basic") -> Figures:
    """Loose, ragged and kinsoku counts of a PDF whose column ends at x = `right`."""
    no_start, no_end = no_start_set(kinsoku), no_end_set(kinsoku)
    lines = read_lines(pdf)
    loose = ragged = non_final = bad_kinsoku = 0
    examples: list[str] = []
    text: list[str] = []
    for glyphs, final in lines:
        s = "".join(g.text for g in glyphs)
        text.append(s)
        if s[0] in no_start or s[-1] in no_end:
            bad_kinsoku += 1
        non_final += not final
        is_loose, is_ragged = line_verdict(glyphs, final, right, size)
        loose += is_loose
        ragged += is_ragged
        if (is_loose or is_ragged) and len(examples) < 12:
            examples.append(("L" if is_loose else "") + ("R" if is_ragged else "") + " " + s)
    return Figures(len(lines), non_final, loose, ragged, bad_kinsoku, "".join(text),
                   tuple(examples))


def xhprint_pdf(paragraphs: list[str], lang: str, chars: int, cache: Path, *,
                punct_position: str = "gb", size: float = SIZE) -> bytes:
    """The paragraphs set by xhprint in a column `chars` characters wide, one tall page,
    a blank line between paragraphs."""
    return xhprint_set(paragraphs, lang, chars, cache, punct_position=punct_position,
                       size=size)[1]


def xhprint_set(paragraphs: list[str], lang: str, chars: int, cache: Path, *,
                punct_position: str = "gb", size: float = SIZE) -> tuple[list[Any], bytes]:
    """The composed lines (ComposedLines, in order) and the PDF xhprint_pdf returns."""
    from dataclasses import replace

    from xhprint.fonts.book import FontBook
    from xhprint.manifest.fonts_config import load_font_config
    from xhprint.model import Run
    from xhprint.model.frame import TextLine
    from xhprint.render.glyphs import GlyphCanvas, GlyphEmitter, needed_chars
    from xhprint.text.compose import compose_paragraph
    from xhprint.text.types import ComposeSpec

    book = FontBook.open(load_font_config(REPO / "fonts/fonts.yaml"), lang, cache, REPO / "fonts")
    spec = ComposeSpec(size=size, measure=chars * size, role="song", lang=lang,
                       punct_position=punct_position)
    placed: list[TextLine] = []
    composed: list[Any] = []
    y = TOP
    for p in paragraphs:
        res = compose_paragraph((Run(p),), spec, book)
        composed += res.lines
        for ln in res.lines:
            placed.append(replace(TextLine(0.0, 0.0, size, ln.glyphs), x=LEFT,
                                  baseline=y + 10.42))
            y += LEAD
        y += LEAD
    height = y + TOP
    buf = io.BytesIO()
    canvas = GlyphCanvas(buf, pagesize=(chars * size + 2 * LEFT, height), invariant=1)
    emitter = GlyphEmitter(canvas, book, needed_chars(placed), cache)
    emitter.draw(placed, 0.0, height)
    canvas.showPage()
    canvas.save()
    return composed, buf.getvalue()
