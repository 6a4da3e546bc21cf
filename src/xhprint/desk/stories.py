"""`xhprint stories ISSUE_DIR`: every story of the issue, and the rows it needs.

For each story: its kind, body characters, photos, where it is placed (each part's box
as the layout ended it, `rows: auto` sized), and the rows a box of 1…N columns (N the
template's columns) must have to hold the whole story — headline, photos at their own
height, caption, balanced body — asked of the same planner the layout uses
(layout/sizing.rows_needed), so a box given that many rows holds the story. Story files
in stories/ that no page places are listed too ("not placed").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xhprint.i18n import Lang, Message, msg, tr
from xhprint.layout.grid import Grid
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import body_stream
from xhprint.layout.typeset import Typesetter
from xhprint.model import Box, Finding, InputError, Issue, Story, StoryItem
from xhprint.serve.words import ui_translations

#: a story that needs more than this many rows does not fit a column of the page
MORE = "—"


@dataclass(frozen=True)
class StoryRow:
    """One story in the table."""

    id: str
    kind: str
    chars: int
    photos: int
    placed: tuple[str, ...]  # each part: "page: col C row R, cols×rows"
    rows: tuple[int | None, ...]  # rows needed at 1, 2, … columns (None: more than a page)


@dataclass(frozen=True)
class StoryTable:
    """The table and what it is about."""

    template: str
    columns: int
    page_rows: int  # rows of a page's type area: the most a box can have
    rows: tuple[StoryRow, ...]
    unread: tuple[Finding, ...]  # story files not placed that could not be read


def body_chars(story: Story) -> int:
    """Characters of the story's body (subheads included, markup not)."""
    return sum(len(b.text) for b in story.blocks)


def placed_parts(issue: Issue, stats: Sequence[object]) -> dict[str, list[str]]:
    """story id → "page: col C row R, cols×rows" per part, from the layout's final boxes."""
    out: dict[str, list[str]] = {}
    for page in stats:
        for item in page.items:  # type: ignore[attr-defined]
            if getattr(item, "part", None) is None:
                continue  # an advert
            box = item.box
            auto = " auto" if item.automatic else ""
            out.setdefault(item.id, []).append(
                f"{page.number}: {box.col},{box.row} {box.cols}×{box.rows}{auto}")  # type: ignore[attr-defined]
    return out


def rows_by_columns(story: Story, issue: Issue, grid: Grid, page: int, ts: Typesetter,
                    photo_sizes: Mapping[Path, tuple[int, int]],
                    headline_cols: int | None) -> tuple[int | None, ...]:
    """Rows a box 1…N columns wide needs to hold the whole story (None: more than a page)."""
    tpl = issue.template
    stream = None
    out: list[int | None] = []
    for cols in range(1, tpl.columns + 1):
        if stream is None or story.kind == "picture":  # a caption's measure is its box's
            stream, _found = body_stream(story, ts, tpl, grid, page=page, box_cols=cols)
        heads = min(headline_cols, cols) if headline_cols else None
        item = StoryItem(story.id, Box(1, 1, cols, grid.rows), headline_cols=heads)
        question = PartQuestion(story, item, grid, page, stream)
        out.append(rows_needed(question, grid.rows, ts, tpl, photo_sizes))
    return tuple(out)


def story_table(issue_dir: Path, settings: object | None = None) -> StoryTable:
    """Lay the issue out and size every story at every width; InputError if it cannot be."""
    from xhprint.build import BuildSettings, lay_out_build
    from xhprint.fonts.discover import default_cache_dir
    from xhprint.images.probe import ImageInfo, probe_image
    from xhprint.incremental import BuildSession
    from xhprint.manifest.story import load_story

    settings = settings or BuildSettings()
    session = BuildSession(settings.cache_dir or default_cache_dir())  # type: ignore[attr-defined]
    staged = lay_out_build(issue_dir, settings, session=session)  # type: ignore[arg-type]
    issue = staged.issue
    tpl = issue.template
    book = session.fonts(issue.lang, settings)  # type: ignore[arg-type]
    photo_sizes, _ads = session.probe_media(issue)
    ts = Typesetter(book, issue.lang, tpl.kinsoku, tpl.punct_style)
    parts = placed_parts(issue, staged.layout.stats)
    first: dict[str, tuple[int, StoryItem]] = {}
    for pi, page in enumerate(issue.pages):
        for item in page.items:
            if isinstance(item, StoryItem):
                first.setdefault(item.story, (pi, item))
    stories: dict[str, Story] = dict(issue.stories)
    unread: list[Finding] = []
    sizes = dict(photo_sizes)
    for path in sorted((issue_dir / "stories").glob("*.md")):
        if path.stem in stories:
            continue
        try:
            story = load_story(path.stem, path, issue_dir, str(issue_dir / "stories" / path.name))
        except InputError as e:
            unread += e.findings
            continue
        for photo in story.photos:
            info = probe_image(photo.file, photo.rel, photo.ref)
            if isinstance(info, ImageInfo):
                sizes[photo.file] = (info.width, info.height)
            else:
                unread.append(info)
        if all(p.file in sizes for p in story.photos):
            stories[path.stem] = story
    rows = []
    inner = Grid.for_page(tpl, 2)
    for sid, story in stories.items():
        pi, item = first.get(sid, (None, None))
        grid = staged.layout.grids[pi] if pi is not None else inner
        page = issue.pages[pi].number if pi is not None else 2
        needed = rows_by_columns(story, issue, grid, page, ts, sizes,
                                 item.headline_cols if item is not None else None)
        rows.append(StoryRow(sid, story.kind, body_chars(story), len(story.photos),
                             tuple(parts.get(sid, ())), needed))
    return StoryTable(tpl.name, tpl.columns, inner.rows, tuple(rows), tuple(unread))


def width(text: str) -> int:
    """Terminal columns `text` takes (Han characters and full-width punctuation take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, n: int, right: bool = False) -> str:
    gap = " " * max(0, n - width(text))
    return gap + text if right else text + gap


def table_lines(table: StoryTable, translations: object | None) -> list[str]:
    """The table as the terminal shows it."""
    def t(m: Message) -> str:
        return tr(m, translations) or ""  # type: ignore[arg-type]

    not_placed = t(msg("not placed"))
    head = [t(msg("story")), t(msg("kind")), t(msg("chars")), t(msg("photos")),
            t(msg("placed (page: col,row cols×rows)"))]
    cells = [[r.id, r.kind, str(r.chars), str(r.photos),
              " → ".join(r.placed) if r.placed else not_placed] for r in table.rows]
    widths = [max(width(c[i]) for c in [head, *cells]) for i in range(len(head))]
    num = max(3, len(str(table.page_rows)))
    lines = [t(msg("rows each story needs in a box of 1 to {n} columns ({template}; a page "
                   "has {rows} rows; {more}: more than a page)", n=table.columns,
                   template=table.template, rows=table.page_rows, more=MORE))]
    lead = "  ".join(pad(h, w, right=i in (2, 3)) for i, (h, w) in enumerate(zip(head, widths,
                                                                                 strict=True)))
    lines.append(lead + "  " + " ".join(pad(str(c), num, right=True)
                                        for c in range(1, table.columns + 1)))
    for row, cell in zip(table.rows, cells, strict=True):
        left = "  ".join(pad(c, w, right=i in (2, 3)) for i, (c, w) in enumerate(zip(cell, widths,
                                                                                   strict=True)))
        needs = " ".join(pad(MORE if n is None else str(n), num, right=True) for n in row.rows)
        lines.append(left + "  " + needs)
    for f in table.unread:
        lines.append(f.describe())
    return lines


def print_stories(issue_dir: Path, lang: Lang) -> int:
    """Print the table; 0 (InputError propagates: the CLI prints it, exit 2)."""
    translations = ui_translations(lang)
    for line in table_lines(story_table(issue_dir), translations):
        print(line)
    return 0
