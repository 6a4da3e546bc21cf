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
from typing import TYPE_CHECKING

from xhprint.i18n import Lang, Message, Translations, msg, tr
from xhprint.layout.grid import Grid
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import body_stream
from xhprint.layout.typeset import Typesetter
from xhprint.model import Box, Finding, InputError, Issue, Story, StoryItem
from xhprint.serve.words import ui_translations

if TYPE_CHECKING:
    from xhprint.session import BuildSettings

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


@dataclass(frozen=True)
class SizedOn:
    """Where a story is sized: the grid and page of its first placement (a story no page
    places: an inner page's) and the columns its headline spans there (None: the box's)."""

    grid: Grid
    page: int
    headline_cols: int | None = None


def first_placements(issue: Issue, grids: Sequence[Grid]) -> dict[str, SizedOn]:
    """story id → where its first part is placed (its page's grid and number)."""
    first: dict[str, SizedOn] = {}
    for page, grid in zip(issue.pages, grids, strict=True):
        for item in page.items:
            if isinstance(item, StoryItem) and item.story not in first:
                first[item.story] = SizedOn(grid, page.number, item.headline_cols)
    return first


def unplaced_stories(issue_dir: Path, issue: Issue, sizes: dict[Path, tuple[int, int]],
                     ) -> tuple[dict[str, Story], list[Finding]]:
    """The story files in stories/ that no page places, read as a build would read them,
    with their photos' sizes added to `sizes`; a file or photo that cannot be read is a
    finding (and the story is left out)."""
    from xhprint.images.probe import ImageInfo, probe_image
    from xhprint.manifest.story import load_story

    stories: dict[str, Story] = {}
    unread: list[Finding] = []
    for path in sorted((issue_dir / "stories").glob("*.md")):
        if path.stem in issue.stories:
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
    return stories, unread


def story_table(issue_dir: Path, settings: BuildSettings | None = None) -> StoryTable:
    """Lay the issue out and size every story at every width; InputError if it cannot be."""
    from xhprint.build import lay_out_build
    from xhprint.session import BuildSession, BuildSettings

    settings = settings or BuildSettings()
    session = BuildSession.fresh(settings)
    staged = lay_out_build(issue_dir, settings, session=session)
    issue = staged.issue
    tpl = issue.template
    ts = Typesetter(session.fonts(issue.lang, settings), issue.lang, tpl.kinsoku,
                    tpl.punct_style)
    photo_sizes, _ads = session.probe_media(issue)
    sizes = dict(photo_sizes)
    more, unread = unplaced_stories(issue_dir, issue, sizes)
    parts = placed_parts(issue, staged.layout.stats)
    first = first_placements(issue, staged.layout.grids)
    inner = SizedOn(Grid.for_page(tpl, 2), 2)
    rows = []
    for sid, story in (dict(issue.stories) | more).items():
        on = first.get(sid, inner)
        needed = rows_by_columns(story, issue, on.grid, on.page, ts, sizes, on.headline_cols)
        rows.append(StoryRow(sid, story.kind, body_chars(story), len(story.photos),
                             tuple(parts.get(sid, ())), needed))
    return StoryTable(tpl.name, tpl.columns, inner.grid.rows, tuple(rows), tuple(unread))


def width(text: str) -> int:
    """Terminal columns `text` takes (Han characters and full-width punctuation take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, n: int, right: bool = False) -> str:
    gap = " " * max(0, n - width(text))
    return gap + text if right else text + gap


def table_lines(table: StoryTable, translations: Translations) -> list[str]:
    """The table as the terminal shows it."""
    def t(m: Message) -> str:
        return tr(m, translations)

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
    lines.append(_line(head, widths, [str(c) for c in range(1, table.columns + 1)], num))
    for row, cell in zip(table.rows, cells, strict=True):
        lines.append(_line(cell, widths, [MORE if n is None else str(n) for n in row.rows], num))
    lines += [f.describe() for f in table.unread]
    return lines


#: the table's columns set flush right (characters, photos)
NUMERIC_COLUMNS = (2, 3)


def _line(cells: Sequence[str], widths: Sequence[int], needs: Sequence[str], num: int) -> str:
    """One line of the table: the story's cells padded to their columns' widths, then the
    rows it needs at each width, right-aligned in `num` columns each."""
    left = "  ".join(pad(c, w, right=i in NUMERIC_COLUMNS)
                     for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return left + "  " + " ".join(pad(n, num, right=True) for n in needs)


def print_stories(issue_dir: Path, lang: Lang) -> int:
    """Print the table; 0 (InputError propagates: the CLI prints it, exit 2)."""
    translations = ui_translations(lang)
    for line in table_lines(story_table(issue_dir), translations):
        print(line)
    return 0
