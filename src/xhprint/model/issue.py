"""An issue: pages of items, the stories they place, and the template, as frozen data."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from xhprint.model.source import SourceRef, TextOrigin
from xhprint.model.template import Template


@dataclass(frozen=True)
class Box:
    """A grid box: 1-based column and row, spans in whole columns and rows."""

    col: int
    row: int
    cols: int
    rows: int

    @property
    def last_col(self) -> int:
        return self.col + self.cols - 1

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

    def overlaps(self, other: Box) -> bool:
        return not (
            self.last_col < other.col
            or other.last_col < self.col
            or self.last_row < other.row
            or other.last_row < self.row
        )


@dataclass(frozen=True)
class Run:
    """A piece of paragraph text with one emphasis."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """A body block: a paragraph or an in-body subhead (`## text`)."""

    kind: str  # "para" | "subhead"
    runs: tuple[Run, ...]
    ref: SourceRef
    origin: TextOrigin | None = None  # where each character of `text` was written

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Photo:
    """A photo of a story with its caption, credit and placement in the box."""

    file: Path  # absolute, inside the issue folder
    rel: str  # as written in the story
    caption: str = ""
    credit: str = ""
    place: str = "top"  # top | bottom | top-left | top-right | above
    cols: int | None = None
    rows: int | None = None
    fit: str = "fill"  # fill | fit
    ref: SourceRef | None = None
    origins: tuple[tuple[str, TextOrigin], ...] = ()  # caption, credit → where written
    #: the photo's own height the engine may choose between (automatic placement)
    min_rows: int | None = None
    max_rows: int | None = None

    def origin(self, field: str) -> TextOrigin | None:
        """Where the text of `field` (caption, credit) was written, character by character."""
        return dict(self.origins).get(field)


@dataclass(frozen=True)
class Story:
    """One story file: front matter and body blocks."""

    id: str
    file: Path
    kind: str = "news"  # news | picture
    kicker: str = ""
    headline: str = ""
    subhead: str = ""
    byline: str = ""
    label: str = ""
    photos: tuple[Photo, ...] = ()
    blocks: tuple[Block, ...] = ()
    ref: SourceRef | None = None
    origins: tuple[tuple[str, TextOrigin], ...] = ()  # kicker, headline, … → where written

    def origin(self, field: str) -> TextOrigin | None:
        """Where the text of front-matter `field` was written, character by character."""
        return dict(self.origins).get(field)

    @property
    def title(self) -> str:
        """Bookmark / articles.json title: headline (its explicit line breaks read as
        spaces), else the picture label."""
        return self.headline.replace("\n", " ") or self.label or self.id


@dataclass(frozen=True)
class PhotoSize:
    """Where and how large one photo of a story is set on one page (an item's `photos:`):
    overrides the story file's `place`, `cols` and `rows` (None: as the story says)."""

    place: str | None = None
    cols: int | None = None
    rows: int | None = None


@dataclass(frozen=True)
class StoryItem:
    """A story (or one part of a continued story) booked into a grid box.

    `box` is None for a story the engine places (automatic placement, layout/placement.py);
    once placed, the item has the box it was given and `placed` is true.
    """

    story: str
    box: Box | None
    continue_to: int | None = None
    headline_cols: int | None = None
    ref: SourceRef | None = None
    #: `rows: auto`: `box.rows` is the most the box may take (to the next item below);
    #: the layout sets the rows the story needs
    auto_rows: bool = False
    priority: int | None = None  # 1 = the page's lead (automatic placement)
    cols: int | None = None  # the width automatic placement must give it
    #: per photo of the story, in order: this page's place/cols/rows (None: the story's)
    photos: tuple[PhotoSize | None, ...] = ()
    placed: bool = False  # the engine chose the box
    headline_space: int = 0  # rows of air added to the headline block (fills a box exactly)

    @property
    def id(self) -> str:
        return self.story

    @property
    def automatic(self) -> bool:
        """The engine chose (part of) the box: report.json's `automatic`."""
        return self.auto_rows or self.placed


@dataclass(frozen=True)
class AdItem:
    """A supplied advert booked into a grid box."""

    path: Path  # absolute
    rel: str  # as written in the manifest
    box: Box
    ref: SourceRef | None = None

    @property
    def id(self) -> str:
        return self.rel


Item = StoryItem | AdItem


@dataclass(frozen=True)
class Page:
    """One page of the issue and the items booked on it."""

    number: int
    section: str
    items: tuple[Item, ...]
    editor: str = ""
    ref: SourceRef | None = None


@dataclass(frozen=True)
class Issue:
    """A whole issue as loaded: template, pages and the stories they place."""

    folder: Path
    lang: str  # zh-Hant | zh-Hans
    number: int
    total: int
    date: _dt.date
    template: Template
    pages: tuple[Page, ...]
    stories: dict[str, Story]  # treat as read-only
    ref: SourceRef | None = None
