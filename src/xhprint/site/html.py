"""The HTML every site page shares: escaping, the document shell, the masthead bar.

Plain HTML5 with one stylesheet and no script: pages read the same without
JavaScript, from file:// or any static host (every link is relative).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from xhprint.layout.dates import chinese_date
from xhprint.site.model import SiteIssue


def esc(text: str) -> str:
    """Text or attribute value, escaped (quotes too)."""
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Meta:
    """What <head> says about a page: title, description and its Open Graph card."""

    title: str
    description: str = ""
    og_type: str = "website"
    og_title: str = ""
    og_image: str = ""  # relative to the page
    og_image_alt: str = ""


def document(lang: str, meta: Meta, root: str, body: str, site_name: str) -> str:
    """A whole page; `root` is the relative path from the page to the site's root ('' or '../')."""
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(meta.title)}</title>",
    ]
    if meta.description:
        head.append(f'<meta name="description" content="{esc(meta.description)}">')
    head += [
        f'<meta property="og:type" content="{meta.og_type}">',
        f'<meta property="og:title" content="{esc(meta.og_title or meta.title)}">',
        f'<meta property="og:site_name" content="{esc(site_name)}">',
    ]
    if meta.description:
        head.append(f'<meta property="og:description" content="{esc(meta.description)}">')
    if meta.og_image:
        head.append(f'<meta property="og:image" content="{esc(meta.og_image)}">')
        if meta.og_image_alt:
            head.append(f'<meta property="og:image:alt" content="{esc(meta.og_image_alt)}">')
    head.append(f'<link rel="stylesheet" href="{root}style.css">')
    return ("<!DOCTYPE html>\n"
            f'<html lang="{esc(lang)}">\n<head>\n' + "\n".join(head) + "\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


def site_name(site: SiteIssue) -> str:
    return f"{site.paper}{site.words.digital_edition}"


def edition_text(site: SiteIssue) -> str:
    """2023年10月2日 星期一 第40期（總第1746期）."""
    w = site.words
    number = (w.issue_number.format(site.number, site.total) if site.total
              else w.issue_number_short.format(site.number))
    return f"{chinese_date(site.date)} {number}"


def top_bar(site: SiteIssue, root: str, archive_href: str | None) -> str:
    """The bar over every page: the paper's name (to the issue's first page), date, 往期."""
    w = site.words
    archive = (f'<a class="archive" href="{root}{esc(archive_href)}">{w.archive}</a>'
               if archive_href else "")
    return (f'<a class="skip" href="#main">{w.skip_to_content}</a>\n'
            '<header class="top">\n'
            f'<a class="paper" href="{root}index.html">{esc(site.paper)}'
            f"<span>{w.digital_edition}</span></a>\n"
            f'<p class="edition">{esc(edition_text(site))}</p>\n{archive}\n</header>\n')


def pct(v: float) -> str:
    """A percentage with three decimals (0.001 % of a 1,200 px image is far below a pixel)."""
    return f"{v:.3f}%"
