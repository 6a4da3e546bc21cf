"""digital/articles.json: clickable article regions for a web viewer (outputs.md).

Per page its size in pt and, per story, its id, headline, the boxes of its part
on that page (pt from the trimmed page's top-left, y down — the layout's own
coordinates), the pages it continues to/from, and its plain text there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xhprint.model.frame import LaidOutPage


def _r(v: float) -> float:
    """Two decimals: stable JSON, finer than any screen needs."""
    return round(v, 2)


def articles_json(pages: Sequence[LaidOutPage]) -> dict[str, Any]:
    """The articles document; stories in the order their areas appear on each page."""
    out_pages = []
    for page in pages:
        stories: dict[str, dict[str, Any]] = {}
        for area in page.areas:
            if area.kind != "story":
                continue
            story = stories.setdefault(
                area.id,
                {
                    "id": area.id,
                    "headline": area.title,
                    "part": area.part,
                    "boxes": [],
                    "continued_from": area.continued_from,
                    "continues_to": area.continues_to,
                    "text": "",
                },
            )
            story["boxes"].append(
                {"x": _r(area.x), "y": _r(area.y), "w": _r(area.w), "h": _r(area.h)}
            )
            story["text"] += area.text
            story["headline"] = story["headline"] or area.title
            story["continued_from"] = story["continued_from"] or area.continued_from
            story["continues_to"] = story["continues_to"] or area.continues_to
        out_pages.append(
            {
                "number": page.number,
                "section": page.section,
                "width": _r(page.width),
                "height": _r(page.height),
                "stories": list(stories.values()),
            }
        )
    return {"version": 1, "pages": out_pages}
