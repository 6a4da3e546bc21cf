"""The CJK line composer: styled runs + ComposeSpec + Metrics → positioned lines.

`compose_paragraph` sets body text (first-line indent, kinsoku, punctuation width,
Han–Latin spacing, justification, 孤字); `compose_headline` sets balanced lines.
Rules and their clreq sections: typography.md; see segment, kinsoku, punctuation,
spacing, linebreak and justify for each stage. No font library is imported here:
fonts are known only through `Metrics`.
"""

from __future__ import annotations

from collections.abc import Sequence

from xhprint.model.frame import PlacedGlyph
from xhprint.model.issue import Run
from xhprint.text.justify import set_line
from xhprint.text.linebreak import Span, balanced, greedy
from xhprint.text.prepare import Para, prepare
from xhprint.text.types import ComposedLine, ComposeResult, ComposeSpec, Metrics

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
    spans = greedy(p, spec.measure, indent, _hyphen_width(p, metrics))
    return _result(p, spans, indent, spec.align, metrics)


def compose_headline(
    text: str, spec: ComposeSpec, metrics: Metrics, max_lines: int
) -> ComposeResult:
    """Set a headline in the fewest lines that fit, balanced in length.

    If even the greedy setting needs more than `max_lines`, those lines are returned
    and the caller decides (shrink the size, or report `headline-lines`). Served from
    the metrics' `compose_memo` like paragraphs: sizing a `rows: auto` box asks for the
    same headline at every height it tries.
    """
    del max_lines  # the line count is the caller's decision; the composer only balances
    memo = getattr(metrics, "compose_memo", None)
    if memo is None:
        return _compose_headline(text, spec, metrics)
    key = ("headline", text, spec)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _compose_headline(text, spec, metrics)
    return found


def _compose_headline(text: str, spec: ComposeSpec, metrics: Metrics) -> ComposeResult:
    p = prepare(text, [False] * len(text), spec, metrics, spec.role)
    spans = greedy(p, spec.measure, 0.0, _hyphen_width(p, metrics))
    if len(spans) >= 2 and not any(s.hyphen for s in spans):
        better = balanced(p, spec.measure, len(spans))
        if better is not None:
            spans = better
    return _result(p, spans, 0.0, spec.align, metrics)


def _hyphen_width(p: Para, metrics: Metrics) -> float:
    g = metrics.glyph("-", p.spec.role, False)
    return (g.advance if g else 0.5) * p.em


def _result(
    p: Para, spans: list[Span], indent: float, align: str, metrics: Metrics
) -> ComposeResult:
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
    spec = p.spec
    lines: list[ComposedLine] = []
    start = 0
    n = len(spans)
    for k, s in enumerate(spans):
        x0 = indent if k == 0 else 0.0
        avail = spec.measure - x0
        last = k == n - 1
        hyph = None
        if s.hyphen:
            g = metrics.glyph("-", spec.role, False)
            hw = (g.advance if g else 0.5) * p.em
            avail -= hw
            hyph = (g.face if g else "", hw)
        justify = align == "justify" and not last
        glyphs, end_x = set_line(p, s.a, s.b, avail, justify, align, x0)
        if hyph is not None:
            glyphs.append(PlacedGlyph(HYPHEN_TEXT, end_x, hyph[0], hyph[1]))
            end_x += hyph[1]
        end = len(p.text) if last else p.tix[spans[k + 1].a]
        lines.append(ComposedLine(tuple(glyphs), end_x, start, end, last))
        start = end
    return ComposeResult(tuple(lines), p.text, tuple(p.issues))
