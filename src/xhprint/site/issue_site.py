"""All files of one issue's website, as bytes by path (build.py puts them under site/).

    index.html            the first page's view (the same as page-01.html)
    page-NN.html          each 版: image with hot zones, titles, 版面導航, downloads
    articles/<id>.html    each story, whole, over all its pages
    img/page-NN.jpg       page images (sRGB JPEG, PAGE_IMAGE_WIDTH px wide)
    photos/<id>-N.jpg     story photos for the web
    pdf/page-NN.pdf, pdf/issue.pdf   the digital edition to download
    style.css             the one stylesheet
    issue.json            what `xhprint publish` lists in a site of many issues
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from xhprint.model.frame import LaidOutPage
from xhprint.model.issue import Issue
from xhprint.site.model import SiteIssue, site_model
from xhprint.site.pages import VERSION as PAGES_VERSION
from xhprint.site.pages import page_files
from xhprint.site.photos import photo_files
from xhprint.site.views import article_view, page_label, page_view
from xhprint.store import Store

#: the version of issue.json, which publish reads back from a site folder
ISSUE_JSON_VERSION = 1


def stylesheet() -> bytes:
    return resources.files("xhprint.site").joinpath("style.css").read_bytes()


def site_files(issue: Issue, pages: Sequence[LaidOutPage], digital_pdf: bytes,
               image_cache: Any | None, store: Store, *,
               archive_href: str | None = None) -> dict[str, bytes]:
    """Every file of the issue's site. `archive_href` (relative to the site root) adds a
    往期 link, as `publish` does; page images and page PDFs are kept in `store`."""
    site = site_model(issue, pages)
    files = page_files(digital_pdf, site, store.space("site", PAGES_VERSION))
    photos = photo_files(site, image_cache)
    files.update({name: p.data for name, p in photos.items()})
    sizes = {name: (p.width, p.height) for name, p in photos.items()}
    for page in site.pages:
        files[page.file] = page_view(site, page, archive_href).encode("utf-8")
    files["index.html"] = files[site.pages[0].file] if site.pages else b""
    for article in site.articles:
        files[article.file] = article_view(site, article, sizes, archive_href).encode("utf-8")
    files["style.css"] = stylesheet()
    files["issue.json"] = (json.dumps(issue_summary(site), ensure_ascii=False, indent=1,
                                      sort_keys=True) + "\n").encode("utf-8")
    return dict(sorted(files.items()))


def issue_summary(site: SiteIssue) -> dict[str, Any]:
    """issue.json: the issue's identity, its pages and front-page titles (for the archive)."""
    front = site.pages[0] if site.pages else None
    return {
        "version": ISSUE_JSON_VERSION,
        "paper": site.paper, "lang": site.lang, "number": site.number, "total": site.total,
        "date": site.date.isoformat(),
        "pages": [{"number": p.number, "section": p.section, "label": page_label(site, p),
                   "file": p.file} for p in site.pages],
        "front": ({"image": front.image, "width": front.image_w, "height": front.image_h,
                   "articles": [{"title": site.article(a).title, "file": site.article(a).file}
                                for a in front.articles]} if front else None),
    }
