"""The website of one issue as data: its pages, articles, hot zones and file names.

Built from the loaded Issue (the story sources: every paragraph as written) and the
laid-out pages (where each part of each story lies). HTML, page images and photos
are made from this model; nothing here reads a file or draws.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xhprint.model.frame import LaidOutPage
from xhprint.model.issue import Issue, Story
from xhprint.render.articles import PARAGRAPH_KINDS, image_size
from xhprint.site.words import Words, words_for

#: page images are this many pixels wide (sRGB JPEG, rendered from the digital PDF)
PAGE_IMAGE_WIDTH = 1200
#: a web photo's longer side, at most (article column ≈ 720 CSS px on a 1.5× screen)
PHOTO_MAX_SIDE = 1200
_SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
TITLE_EXCERPT_CHARS = 24


@dataclass(frozen=True)
class Zone:
    """A hot zone: one box of one article's part on a page, in pt and as image fractions."""

    article: str  # article id
    x: float  # pt from the trimmed page's top-left
    y: float
    w: float
    h: float
    page_w: float
    page_h: float

    def percent(self) -> tuple[float, float, float, float]:
        """left, top, width, height as % of the page image: the zone scales with the image."""
        return (100 * self.x / self.page_w, 100 * self.y / self.page_h,
                100 * self.w / self.page_w, 100 * self.h / self.page_h)


@dataclass(frozen=True)
class Paragraph:
    """A body block: `kind` p | subhead; `runs` keep bold spans as (text, bold)."""

    kind: str
    runs: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(t for t, _b in self.runs)


@dataclass(frozen=True)
class WebPhoto:
    """A story photo and where its web copy goes in the site."""

    source: Path
    file: str  # site path, e.g. photos/garden-1.jpg
    caption: str
    credit: str
    alt: str


@dataclass(frozen=True)
class Part:
    """Where one part of an article lies: its page and the pages it jumps to/from."""

    page: int
    part: int
    continued_from: int | None
    continues_to: int | None


@dataclass(frozen=True)
class Article:
    """One story, all its parts joined; `file` is its HTML page in the site."""

    id: str
    file: str
    kind: str
    title: str  # headline, or label: first words (picture stories)
    kicker: str
    headline: str
    subhead: str
    byline: str
    label: str
    paragraphs: tuple[Paragraph, ...]
    photos: tuple[WebPhoto, ...]
    parts: tuple[Part, ...]

    @property
    def pages(self) -> tuple[int, ...]:
        """The pages it is printed on, each once, in order."""
        return tuple(dict.fromkeys(p.page for p in self.parts))

    @property
    def heading(self) -> str:
        """The article page's <h1>: the headline; a picture story's label (圖片新聞)."""
        if self.headline or self.label:
            return self.headline or self.label
        first = next((p.text for p in self.paragraphs if p.kind == "p"), "")
        return excerpt(first, TITLE_EXCERPT_CHARS) or self.id

    @property
    def description(self) -> str:
        """A one-sentence summary for <meta> and Open Graph: the first paragraph's start."""
        first = next((p.text for p in self.paragraphs if p.kind == "p"), "")
        return excerpt(first, 90)


@dataclass(frozen=True)
class SitePage:
    """One 版: its image, PDF, hot zones and the articles on it in reading order."""

    number: int
    section: str
    file: str  # page-01.html
    image: str  # img/page-01.jpg
    image_w: int
    image_h: int
    pdf: str  # pdf/page-01.pdf
    zones: tuple[Zone, ...]
    articles: tuple[str, ...]  # article ids


@dataclass(frozen=True)
class SiteIssue:
    """Everything the site of one issue shows."""

    paper: str
    lang: str
    number: int
    total: int | None
    date: _dt.date
    words: Words
    pages: tuple[SitePage, ...]
    articles: tuple[Article, ...]  # reading order: by page, then as placed
    issue_pdf: str = "pdf/issue.pdf"

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def page(self, number: int) -> SitePage:
        return next(p for p in self.pages if p.number == number)


def excerpt(text: str, limit: int) -> str:
    """The first `limit` characters, ending at a sentence end when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(c) for c in "。！？")
    return cut[:end + 1] if end >= limit // 3 else cut + "…"


def page_file(number: int) -> str:
    return f"page-{number:02d}.html"


def slugs(ids: Sequence[str]) -> dict[str, str]:
    """A file name per story id: the id itself when it is plain ASCII and unique without
    regard to case (case-insensitive file systems), else article-NN."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for n, sid in enumerate(ids, start=1):
        slug = sid if _SAFE_SLUG.fullmatch(sid) and sid.lower() not in taken else f"article-{n:02d}"
        taken.add(slug.lower())
        out[sid] = slug
    return out


def display_title(story: Story) -> str:
    """What lists and <title> call a story: its headline; a picture story's label and first words."""
    if story.headline:
        return story.headline
    first = next((b.text for b in story.blocks if b.kind == "para"), "")
    if story.label and first:
        return f"{story.label}：{excerpt(first, TITLE_EXCERPT_CHARS)}"
    return story.label or excerpt(first, TITLE_EXCERPT_CHARS) or story.id


def site_model(issue: Issue, pages: Sequence[LaidOutPage]) -> SiteIssue:
    """The site of `issue` as laid out on `pages`."""
    order: list[str] = []
    parts: dict[str, list[Part]] = {}
    zones: dict[int, list[Zone]] = {}
    on_page: dict[int, list[str]] = {}
    for page in pages:
        for area in page.areas:
            if area.kind != "story" or area.id not in issue.stories:
                continue
            if area.id not in parts:
                order.append(area.id)
            parts.setdefault(area.id, []).append(
                Part(page.number, area.part, area.continued_from, area.continues_to))
            zones.setdefault(page.number, []).append(
                Zone(area.id, area.x, area.y, area.w, area.h, page.width, page.height))
            ids = on_page.setdefault(page.number, [])
            if area.id not in ids:
                ids.append(area.id)
    names = slugs(order)
    articles = tuple(_article(issue.stories[sid], names[sid], tuple(parts[sid])) for sid in order)
    site_pages = []
    for page in pages:
        w, h = image_size(page.width, page.height, PAGE_IMAGE_WIDTH)
        site_pages.append(SitePage(page.number, page.section, page_file(page.number),
                                   f"img/page-{page.number:02d}.jpg", w, h,
                                   f"pdf/page-{page.number:02d}.pdf",
                                   tuple(zones.get(page.number, ())),
                                   tuple(on_page.get(page.number, ()))))
    return SiteIssue(issue.template.paper_name, issue.lang, issue.number, issue.total,
                     issue.date, words_for(issue.lang), tuple(site_pages), articles)


def _article(story: Story, slug: str, parts: tuple[Part, ...]) -> Article:
    title = display_title(story)
    paras = tuple(Paragraph(PARAGRAPH_KINDS.get(b.kind, "p"),
                            tuple((r.text, r.bold) for r in b.runs)) for b in story.blocks)
    photos = tuple(WebPhoto(p.file, f"photos/{slug}-{n}.jpg", p.caption, p.credit,
                            p.caption or title)
                   for n, p in enumerate(story.photos, start=1))
    return Article(story.id, f"articles/{slug}.html", story.kind, title, story.kicker,
                   story.headline, story.subhead, story.byline, story.label, paras, photos, parts)
