"""Setting text for layout: styles → composer specs, composed lines → TextLines.

Keeps the composer's inputs in one place so every piece of text on a page (body,
headlines, masthead, jump lines) obeys the same kinsoku level and punctuation style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, fields, replace

from xhprint.i18n import Message, msg, nmsg
from xhprint.model import Finding, Run, SourceRef, Style, TextOrigin
from xhprint.model.frame import EM_BOX_ASCENT, TextLine
from xhprint.text.brackets import breaks_inside
from xhprint.text.stored import composed_headline, composed_paragraph
from xhprint.text.types import ComposedLine, ComposeResult, ComposeSpec, Metrics


@dataclass(frozen=True)
class Typesetter:
    """Composer settings shared by a whole issue."""

    metrics: Metrics
    lang: str
    kinsoku: str
    punct_style: str
    punct_position: str = "gb"
    #: word boundaries of a headline (text.words.WordBreaks); None: every allowed break
    words: Callable[[str], Set[int]] | None = None

    def spec(self, style: Style, measure: float, *, align: str | None = None,
             indent: bool = True) -> ComposeSpec:
        return ComposeSpec(
            size=style.size, measure=measure, role=style.font, lang=self.lang,
            kinsoku=self.kinsoku, punct_style=self.punct_style, punct_position=self.punct_position,
            indent_em=style.indent_em if indent else 0.0,
            align=align or style.align, first_line_indent=indent,
        )

    def paragraph(self, runs: Sequence[Run], style: Style, measure: float, *,
                  align: str | None = None, indent: bool = True) -> ComposeResult:
        return composed_paragraph(tuple(runs), self.spec(style, measure, align=align,
                                                         indent=indent), self.metrics)

    def text(self, text: str, style: Style, measure: float, *, align: str | None = None,
             bold: bool = False) -> ComposeResult:
        """A short piece of text without indent (masthead, bylines, jump lines)."""
        return self.paragraph((Run(text, bold),), style, measure, align=align, indent=False)

    def balanced(self, text: str, style: Style, measure: float, *,
                 align: str = "center") -> ComposeResult:
        """Short display text (in-body subheads) in balanced lines, breaking at spaces
        and punctuation first, at its own size."""
        spec = self.spec(style, measure, align=align, indent=False)
        return composed_headline(text, spec, self.metrics, words=self.words)

    def headline(self, text: str, style: Style, measure: float, max_lines: int,
                 align: str | None = None) -> tuple[ComposeResult, Style]:
        """Balanced headline; shrinks in 1 pt steps down to 70 % before giving up.

        typography.md "Headlines": returns the result at the size used (the style with
        that size and a proportionally smaller leading). A pure function of its arguments
        and the settings, so the font book's compose memo keeps it: automatic placement
        asks for the same headline at many widths, and balancing is the costly part.
        """
        memo = getattr(self.metrics, "compose_memo", None)
        if memo is None:
            return self._headline(text, style, measure, max_lines, align)
        settings = tuple(getattr(self, f.name) for f in fields(self) if f.name != "metrics")
        key = ("headline", settings, text, style, measure, max_lines, align)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._headline(text, style, measure, max_lines, align)
        return found

    def _headline(self, text: str, style: Style, measure: float, max_lines: int,
                  align: str | None) -> tuple[ComposeResult, Style]:
        size = style.size
        floor = style.size * 0.7
        first_fit: tuple[ComposeResult, Style] | None = None
        while True:
            cur = replace(style, size=size, leading=style.leading * size / style.size)
            result = composed_headline(text, self.spec(cur, measure, align=align or "center",
                                                       indent=False), self.metrics,
                                       words=self.words)
            fits = len(result.lines) <= max_lines
            if fits and not breaks_inside_brackets(result):
                return result, cur
            if fits and first_fit is None:
                first_fit = (result, cur)
            if size - 1 < floor - 1e-6:
                # Nothing smaller avoids a break inside (…): keep the largest size that fits.
                return first_fit or (result, cur)
            size -= 1


def breaks_inside_brackets(result: ComposeResult) -> bool:
    """Whether a line ends inside (…) or 「…」: a headline phrase split in the middle."""
    return breaks_inside(result.text, (ln.end for ln in result.lines[:-1]))


def baseline_in(leading: float, size: float) -> float:
    """Baseline offset of a line whose em box is centred in a band `leading` high."""
    return (leading - size) / 2 + EM_BOX_ASCENT * size


def to_text_line(line: ComposedLine, x: float, baseline: float, style: Style, *,
                 item: str | None = None, ref: SourceRef | None = None,
                 role: str = "body", size: float | None = None) -> TextLine:
    return TextLine(x=x, baseline=baseline, size=size or style.size, glyphs=line.glyphs,
                    color=style.color, role=role, item=item, ref=ref)


# The invisible characters a pasted text brings along most often, by name; the Unicode
# names themselves are English, so other characters are named by their kind only.
_INVISIBLE: dict[str, Message] = {
    "\u200b": msg("zero width space"), "\u200c": msg("zero width non-joiner"),
    "\u200d": msg("zero width joiner"), "\u2060": msg("word joiner"),
    "\ufeff": msg("byte order mark"), "\u00ad": msg("soft hyphen"),
    "\u200e": msg("left-to-right mark"), "\u200f": msg("right-to-left mark"),
}


def invisible_name(char: str) -> Message:
    """What an invisible character is, in the reader's language."""
    import unicodedata

    if char in _INVISIBLE:
        return _INVISIBLE[char]
    return (msg("a control character") if unicodedata.category(char) == "Cc"
            else msg("a format character"))


def text_findings(result: ComposeResult, ref: SourceRef | None, *, page: int | None,
                  item: str | None, origin: TextOrigin | None = None) -> list[Finding]:
    """Missing glyphs (errors) and dropped control characters (warnings) as findings:
    one per distinct character and paragraph, with how often it occurs, at the first
    occurrence's own line:col when the text's `origin` is known (else at `ref`)."""
    if not result.issues:  # nearly every paragraph: asked of each one on every build
        return []
    from collections import Counter

    counts = Counter((issue.kind, issue.char) for issue in result.issues)
    first: dict[tuple[str, str], int] = {}
    for issue in result.issues:
        first.setdefault((issue.kind, issue.char), issue.offset)
    out: list[Finding] = []
    for (kind, char), n in counts.items():
        code = f"U+{ord(char):04X}"

        where: SourceRef | None = ref
        if origin is not None:
            at = origin.at(first[(kind, char)])
            where = SourceRef(at.file, at.line, at.col, ref.story if ref else None)
        if kind == "missing-glyph":
            out.append(Finding("missing-glyph", "error",
                               nmsg("no font can draw {char!r} ({code})",
                                    "no font can draw {char!r} ({code}), {n} times", n,
                                    char=char, code=code, n=n), where=where,
                               page=page, item=item,
                               hint=msg("add a font with this character to the role's fallback "
                                        "list in fonts/fonts.yaml, or replace the character")))
        else:
            out.append(Finding("dropped-char", "warning",
                               nmsg("invisible control character {code} ({name}) was dropped",
                                    "invisible control character {code} ({name}) was dropped, "
                                    "{n} times", n, code=code, name=invisible_name(char), n=n),
                               where=where, page=page, item=item,
                               hint=msg("remove it from the source text")))
    return out
