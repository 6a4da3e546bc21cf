"""digital/articles.json (version 2): what a web viewer needs to show and link the articles.

Per page its size in pt (and, with an image width, the page image's size in px) and,
per story on it, its id, headline, the boxes of its part there (pt from the trimmed
page's top-left, y down — the layout's own coordinates — and the same boxes in
page-image pixels), the pages it continues to/from, the part's text as set, and the
story's text as paragraphs with kicker, subhead, byline and photos. `articles` lists
each story once, in reading order, with all its parts: a story that jumps pages is
one article. Paragraph text is the story source's (Block.text), never re-read from
set lines, so a paragraph split over two parts is still one paragraph.
The JSON Schema is render/articles_schema.json (docs/outputs.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from xhprint.model.frame import ItemArea, LaidOutPage
from xhprint.model.issue import Issue, Story

VERSION = 2
#: Block.kind → the paragraph kind articles.json (and the website) use
PARAGRAPH_KINDS = {"para": "p", "subhead": "subhead"}


def _r(v: float) -> float:
    """Two decimals: stable JSON, finer than any screen needs."""
    return round(v, 2)


def image_size(width_pt: float, height_pt: float, width_px: int) -> tuple[int, int]:
    """Pixel size of a page image `width_px` wide (the height keeps the page's proportions)."""
    return width_px, max(1, round(height_pt * width_px / width_pt))


def box_px(x: float, y: float, w: float, h: float, scale: float) -> dict[str, int]:
    """A pt box in whole image pixels; edges rounded (not sizes), so touching boxes still touch."""
    x0, y0 = round(x * scale), round(y * scale)
    return {"x": x0, "y": y0, "w": round((x + w) * scale) - x0, "h": round((y + h) * scale) - y0}


def paragraphs(story: Story) -> list[dict[str, str]]:
    """The body as the source has it: paragraphs and in-body subheads, in order."""
    return [{"kind": PARAGRAPH_KINDS.get(b.kind, "p"), "text": b.text} for b in story.blocks]


def photos(story: Story) -> list[dict[str, str]]:
    """Each photo as the story names it (path relative to the issue folder)."""
    return [{"file": p.rel, "caption": p.caption, "credit": p.credit} for p in story.photos]


def story_fields(story: Story) -> dict[str, Any]:
    """The text of a story that does not depend on where it is placed."""
    return {"kind": story.kind, "kicker": story.kicker, "headline": story.headline,
            "subhead": story.subhead, "byline": story.byline, "label": story.label,
            "paragraphs": paragraphs(story), "photos": photos(story)}


def _box(area: ItemArea, scale: float | None) -> tuple[dict[str, float], dict[str, int] | None]:
    pt = {"x": _r(area.x), "y": _r(area.y), "w": _r(area.w), "h": _r(area.h)}
    return pt, (box_px(area.x, area.y, area.w, area.h, scale) if scale else None)


def articles_json(pages: Sequence[LaidOutPage], issue: Issue | None = None,
                  image_width: int | None = None) -> dict[str, Any]:
    """The articles document; stories in the order their areas appear on each page.

    `issue` adds each story's paragraphs, photos and front matter; `image_width` adds
    pixel boxes for page images that many pixels wide (the website's, site/model.py).
    """
    articles: dict[str, dict[str, Any]] = {}
    out_pages = [_page_entry(page, issue, image_width, articles) for page in pages]
    doc: dict[str, Any] = {"version": VERSION, "pages": out_pages}
    if issue is not None:
        doc["issue"] = {"lang": issue.lang, "number": issue.number, "total": issue.total,
                        "date": issue.date.isoformat(), "paper": issue.template.paper_name}
        doc["articles"] = list(articles.values())
    return doc


def _page_entry(page: LaidOutPage, issue: Issue | None, image_width: int | None,
                articles: dict[str, dict[str, Any]]) -> dict[str, Any]:  # fmt: skip
    """One page's entry: its stories, each gathered from its areas; each area is also a
    part of its article in `articles` (with an issue)."""
    scale = image_width / page.width if image_width else None
    stories: dict[str, dict[str, Any]] = {}
    for area in page.areas:
        if area.kind != "story":
            continue
        pt, px = _box(area, scale)
        story = stories.get(area.id)
        if story is None:
            story = stories[area.id] = _new_story(area, scale, issue)
        _add_area(story, area, pt, px)
        if issue is not None and area.id in issue.stories:
            _add_part(articles, issue.stories[area.id], area, page.number, pt, px)
    entry: dict[str, Any] = {"number": page.number, "section": page.section,
                             "width": _r(page.width), "height": _r(page.height),
                             "stories": list(stories.values())}
    if image_width:
        w, h = image_size(page.width, page.height, image_width)
        entry["image"] = {"width": w, "height": h}
    return entry


def _new_story(area: ItemArea, scale: float | None, issue: Issue | None) -> dict[str, Any]:
    story: dict[str, Any] = {
        "id": area.id, "headline": area.title, "part": area.part, "boxes": [],
        "continued_from": area.continued_from, "continues_to": area.continues_to,
        "text": ""}
    if scale:
        story["boxes_px"] = []
    if issue is not None and area.id in issue.stories:
        source = story_fields(issue.stories[area.id])
        story.update({k: v for k, v in source.items() if k != "headline"})
    return story


def _add_area(story: dict[str, Any], area: ItemArea, pt: dict[str, float],
              px: dict[str, int] | None) -> None:  # fmt: skip
    """Another area of the story on this page: its box and text; what it adds."""
    story["boxes"].append(pt)
    if px is not None:
        story["boxes_px"].append(px)
    story["text"] += area.text
    story["headline"] = story["headline"] or area.title
    story["continued_from"] = story["continued_from"] or area.continued_from
    story["continues_to"] = story["continues_to"] or area.continues_to


def _add_part(articles: dict[str, dict[str, Any]], story: Story, area: ItemArea, page: int,
              pt: dict[str, float], px: dict[str, int] | None) -> None:
    article = articles.get(story.id)
    if article is None:
        article = articles[story.id] = {"id": story.id, "title": story.title,
                                        **story_fields(story), "parts": []}
    part = {"page": page, "part": area.part, "boxes": [pt],
            "continued_from": area.continued_from, "continues_to": area.continues_to}
    if px is not None:
        part["boxes_px"] = [px]
    article["parts"].append(part)


def load_articles_schema() -> dict[str, Any]:
    """The JSON Schema of articles.json, shipped in the package."""
    text = resources.files("xhprint.render").joinpath("articles_schema.json").read_text("utf-8")
    return json.loads(text)
