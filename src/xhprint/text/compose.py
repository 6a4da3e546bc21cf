"""The CJK line composer: styled runs + ComposeSpec + Metrics → positioned lines.

`compose_paragraph` sets body text (first-line indent, kinsoku, punctuation width,
Han–Latin spacing, total-fit justification, 孤字); `compose_headline` sets balanced
lines broken where a reader would (headline.py).
Rules and their clreq sections: typography.md; see segment, kinsoku, punctuation,
spacing, linebreak and justify for each stage. No font library is imported here:
fonts are known only through `Metrics`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import replace

from xhprint.model.frame import PlacedGlyph
from xhprint.model.issue import Run
from xhprint.text.fitting import Fitting
from xhprint.text.headline import headline_spans
from xhprint.text.justify import set_line
from xhprint.text.linebreak import Span, greedy
from xhprint.text.looseness import looseness
from xhprint.text.prepare import Para, prepare
from xhprint.text.totalfit import total_fit
from xhprint.text.types import ComposedLine, ComposeResult, ComposeSpec, Metrics, TextIssue

HYPHEN_TEXT = "\u00ad"  # a line-end hyphen the source does not contain: copies as SHY
ALIGNS = ("justify", "left", "center", "right")


def compose_paragraph(
    runs: Sequence[Run], spec: ComposeSpec, metrics: Metrics, role_bold: str | None = None
) -> ComposeResult:
    """Set one paragraph. Bold runs resolve with bold=True in `role_bold` (default spec.role).

    Composition is a pure function of (runs, spec, role_bold) for given metrics, so a
    `metrics` object with a `compose_memo` dict (fonts.book.FontBook has one, living as
    long as the book: a watch session keeps it) serves repeated paragraphs from it.
    """
    memo = getattr(metrics, "compose_memo", None)
    if memo is None:
        return _compose_paragraph(runs, spec, metrics, role_bold)
    key = (tuple(runs), spec, role_bold)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _compose_paragraph(runs, spec, metrics, role_bold)
    return found


def _compose_paragraph(
    runs: Sequence[Run], spec: ComposeSpec, metrics: Metrics, role_bold: str | None
) -> ComposeResult:
    text = "".join(r.text for r in runs)
    bold: list[bool] = []
    for r in runs:
        bold.extend([r.bold] * len(r.text))
    p = prepare(text, bold, spec, metrics, role_bold or spec.role)
    indent = spec.indent_em * spec.size if spec.first_line_indent else 0.0
    fit = Fitting.of(p)
    spans = total_fit(p, fit, spec.measure, indent)
    if spans is None:
        spans = greedy(p, spec.measure, indent, _hyphen_width(p, metrics))
    return _result(p, spans, indent, spec.align, metrics, fit)


def compose_headline(
    text: str, spec: ComposeSpec, metrics: Metrics,
    words: Callable[[str], Set[int]] | None = None,
) -> ComposeResult:
    """Set a headline in the fewest lines that fit, balanced, broken where a reader would.

    A newline in `text` is the editor's explicit break (manifest.md); each part is
    broken at spaces, punctuation and the word boundaries `words(part)` gives (every
    kinsoku-allowed position when None). However many lines that takes is returned:
    the caller decides what too many means (shrink, or report `headline-lines`).
    Served from the metrics' `compose_memo` like paragraphs: sizing a `rows: auto`
    box asks for the same headline at every height it tries.
    """
    memo = getattr(metrics, "compose_memo", None)
    if memo is None:
        return _compose_headline(text, spec, metrics, words)
    key = ("headline", text, spec, words)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _compose_headline(text, spec, metrics, words)
    return found


def _compose_headline(text: str, spec: ComposeSpec, metrics: Metrics,
                      words: Callable[[str], Set[int]] | None) -> ComposeResult:
    lines: list[ComposedLine] = []
    issues: list[TextIssue] = []
    start = 0
    for part in text.split("\n"):
        if part.strip():
            p = prepare(part, [False] * len(part), spec, metrics, spec.role)
            spans = headline_spans(p, spec.measure, words(part) if words else None,
                                   _hyphen_width(p, metrics))
            res = _result(p, spans, 0.0, spec.align, metrics)
            lines += [replace(ln, start=ln.start + start, end=ln.end + start, last=False)
                      for ln in res.lines]
            issues += [replace(i, offset=i.offset + start) for i in res.issues]
        start += len(part) + 1
    if lines:  # the newline itself ends the line before it; the last line ends the text
        lines = [replace(ln, end=nxt.start) for ln, nxt in zip(lines, lines[1:], strict=False)
                 ] + [replace(lines[-1], end=len(text), last=True)]
        lines[0] = replace(lines[0], start=0)
    return ComposeResult(tuple(lines), text, tuple(issues))


def _hyphen_width(p: Para, metrics: Metrics) -> float:
    return _hyphen(p, metrics)[1]


def _hyphen(p: Para, metrics: Metrics) -> tuple[str, float]:
    """Face and width (pt) of the hyphen that ends a line inside a split word."""
    g = metrics.glyph("-", p.spec.role, False)
    return (g.face if g else ""), (g.advance if g else 0.5) * p.em


def _result(
    p: Para, spans: list[Span], indent: float, align: str, metrics: Metrics,
    fit: Fitting | None = None,
) -> ComposeResult:
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
    spreadable = fit.spreadable if fit is not None else ()
    lines: list[ComposedLine] = []
    start = 0
    for k, s in enumerate(spans):
        last = k == len(spans) - 1
        glyphs, end_x = _set_span(p, s, indent if k == 0 else 0.0,
                                  align == "justify" and not last, align, spreadable, metrics)
        end = len(p.text) if last else p.tix[spans[k + 1].a]
        lines.append(ComposedLine(tuple(glyphs), end_x, start, end, last,
                                  *looseness(glyphs, p.em)))
        start = end
    return ComposeResult(tuple(lines), p.text, tuple(p.issues))


def _set_span(p: Para, s: Span, x0: float, justify: bool, align: str,
              spreadable: Sequence[bool], metrics: Metrics) -> tuple[list[PlacedGlyph], float]:
    """Set one line from x0; a line that ends inside a split word ends with a hyphen."""
    avail = p.spec.measure - x0
    if not s.hyphen:
        return set_line(p, s.a, s.b, avail, justify, align, x0, spreadable)
    face, width = _hyphen(p, metrics)
    glyphs, end_x = set_line(p, s.a, s.b, avail - width, justify, align, x0, spreadable)
    glyphs.append(PlacedGlyph(HYPHEN_TEXT, end_x, face, width))
    return glyphs, end_x + width
