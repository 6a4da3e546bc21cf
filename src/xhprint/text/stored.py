"""Composed paragraphs and headlines kept in the store (issue 16), so a new process does
not set an unchanged one again.

A paragraph's lines are a pure function of its runs, its ComposeSpec, the bold role,
the fonts' metrics and the composer's code (a headline's: of its text, spec, the word
boundaries of its parts, the metrics and the code). The key holds all of them: the runs and
spec by value, the fonts by the font book's identity (which faces, each file's
mtime and size), the code by the sha256 of the source files the result depends on
(every module of xhprint/text, PlacedGlyph's module, and the font book's) — so an
edited composer misses without anyone bumping a version. Entries are marshalled
tuples of plain values; an entry that does not unpack to a ComposeResult is a miss.

`composed_paragraph` and `composed_headline` are what layout calls: they import the
composer (text/compose.py and the dozen modules behind it) only on a miss, so a warm
build never loads it.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Sequence, Set
from pathlib import Path
from typing import Any, TypeVar, cast

from xhprint.model.frame import PlacedGlyph
from xhprint.model.issue import Run
from xhprint.store import Space, Store, source_digest
from xhprint.text.types import ComposedLine, ComposeResult, ComposeSpec, Metrics, TextIssue

SPACE = "compose"
ANSWERS = "answers"  # layout's questions about set text (sizing.rows_needed)
_MISSING = object()
T = TypeVar("T")
VERSION = 1  # the entry format (the composer's own changes are in the code digest)
_PACKAGE = Path(__file__).resolve().parent
_SOURCES = ("../model/frame.py", "../fonts/book.py", "../fonts/metrics.py")
_BROKEN = (ValueError, EOFError, TypeError, IndexError)


def code_digest(folder: Path = _PACKAGE, *more: Path) -> str | None:
    """sha256 of the composer's source files: every module of `folder` (and of `more`
    folders), PlacedGlyph's and the font book's. None when they cannot be read: then
    nothing is stored, since an entry could outlive the code that made it."""
    return source_digest([folder, *more, *(folder / rel for rel in _SOURCES)])


def composed_paragraph(runs: Sequence[Run], spec: ComposeSpec, metrics: Metrics,
                       role_bold: str | None = None) -> ComposeResult:
    """text.compose.compose_paragraph, served from the metrics' `compose_memo` and
    `stored_compositions` when they have them (fonts.book.FontBook does)."""
    def make() -> ComposeResult:
        from xhprint.text.compose import compose_paragraph

        return compose_paragraph(runs, spec, metrics, role_bold)

    return _served(metrics, ("stored paragraph", tuple(runs), spec, role_bold),
                   lambda stored: stored.key(runs, spec, role_bold), make)


def composed_headline(text: str, spec: ComposeSpec, metrics: Metrics,
                      words: Callable[[str], Set[int]] | None = None) -> ComposeResult:
    """text.compose.compose_headline, served like `composed_paragraph`."""
    def key(stored: StoredCompositions) -> str | None:
        # the word boundaries the composer is given, part by part
        breaks = tuple(tuple(sorted(words(part))) if words is not None and part.strip()
                       else None for part in text.split("\n"))
        return stored.headline_key(text, spec, breaks)

    def make() -> ComposeResult:
        from xhprint.text.compose import compose_headline

        return compose_headline(text, spec, metrics, words)

    return _served(metrics, ("stored headline", text, spec, words), key, make)


def _served(metrics: Metrics, mkey: tuple[object, ...],
            key_of: Callable[[StoredCompositions], str | None],
            make: Callable[[], ComposeResult]) -> ComposeResult:
    """From the process memo, else the store (under `key_of`'s key), else `make` (and
    then kept in both). The composer is imported only on a miss."""
    memo: dict[object, object] | None = getattr(metrics, "compose_memo", None)
    found = memo.get(mkey) if memo is not None else None
    if isinstance(found, ComposeResult):
        return found
    stored: StoredCompositions | None = getattr(metrics, "stored_compositions", None)
    key = key_of(stored) if stored is not None else None
    result = stored.get(key) if stored is not None and key is not None else None
    if result is None:
        result = make()
        if stored is not None and key is not None:
            stored.put(key, result)
    if memo is not None:
        memo[mkey] = result
    return result


class StoredCompositions:
    """Paragraphs composed with one font book, in the store's `compose` space."""

    def __init__(self, store: Store, fonts: str, code: str | None = None):
        """`fonts`: the font book's identity (FontBook.identity)."""
        self._store = store
        self._space: Space = store.space(SPACE, VERSION)
        self._fonts = fonts
        self._code = code if code is not None else code_digest()
        self._codes: dict[tuple[Path, ...], str | None] = {}

    def answer(self, code: tuple[Path, ...], recipe: tuple[object, ...],
               make: Callable[[], T], valid: Callable[[object], bool]) -> T:
        """A value computed from text set with these fonts by the modules of the `code`
        folders (with the composer's) from `recipe` — every other input, by value — kept
        in the store's `answers` space. `make` computes it (a value marshal can keep);
        a stored value that is not `valid` is a miss."""
        if code not in self._codes:
            self._codes[code] = code_digest(_PACKAGE, *code)
        digest = self._codes[code]
        if digest is None:
            return make()
        space = self._store.space(ANSWERS, VERSION)
        key = space.key(digest, self._fonts, *recipe)
        data = space.get(key)
        if data is not None:
            try:
                (found,) = marshal.loads(data)
            except (*_BROKEN, MemoryError):
                found = _MISSING
            if found is not _MISSING and valid(found):
                space.hits += 1
                return cast(T, found)
        space.misses += 1
        value = make()
        space.put(key, marshal.dumps(cast(Any, (value,))))
        return value

    def key(self, runs: Sequence[Run], spec: ComposeSpec, role_bold: str | None) -> str | None:
        """A paragraph's key (None: nothing is kept, the code is unknown)."""
        if self._code is None:
            return None
        return self._space.key(self._code, self._fonts, tuple((r.text, r.bold) for r in runs),
                               spec, role_bold)

    def headline_key(self, text: str, spec: ComposeSpec,
                     breaks: tuple[tuple[int, ...] | None, ...]) -> str | None:
        """A headline's key: `breaks` are the word boundaries of each of its parts, as
        given to the composer (so the word list's own version need not be known)."""
        if self._code is None:
            return None
        return self._space.key(self._code, self._fonts, "headline", text, spec, breaks)

    def get(self, key: str) -> ComposeResult | None:
        data = self._space.get(key)
        if data is None:
            self._space.misses += 1
            return None
        try:
            result = unpack(data)
        except _BROKEN:
            self._space.misses += 1
            return None
        self._space.hits += 1
        return result

    def put(self, key: str, result: ComposeResult) -> None:
        self._space.put(key, pack(result))


def pack(result: ComposeResult) -> bytes:
    """A ComposeResult as marshalled tuples of strings and numbers."""
    lines = tuple(
        (ln.width, ln.start, ln.end, ln.last, ln.letter_space, ln.hole,
         tuple((g.text, g.x, g.face, g.advance, g.hscale, g.span) for g in ln.glyphs))
        for ln in result.lines)
    issues = tuple((i.kind, i.char, i.offset) for i in result.issues)
    return marshal.dumps((result.text, lines, issues))


def unpack(data: bytes) -> ComposeResult:
    """The ComposeResult `pack` made; ValueError, EOFError, TypeError or IndexError when
    `data` is not one."""
    text, lines, issues = marshal.loads(data)
    if not isinstance(text, str):
        raise TypeError("not a composed paragraph")
    return ComposeResult(
        tuple(ComposedLine(tuple(_glyph(*g) for g in glyphs), width, start, end, last,
                           letter_space, hole)
              for width, start, end, last, letter_space, hole, glyphs in lines),
        text, tuple(TextIssue(kind, char, offset) for kind, char, offset in issues))


def _glyph(text: str, x: float, face: str, advance: float, hscale: float,
           span: tuple[float, float] | None) -> PlacedGlyph:
    return PlacedGlyph(text, x, face, advance, hscale, span)
