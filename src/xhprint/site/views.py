"""The two kinds of site page: a 版 (page image with hot zones) and an article.

A page view shows the page image with a link over each box of each article part,
positioned in percentages of the image so the zones scale with it; beside it (below
on a phone) 版面導航, the page's titles and the PDF downloads. An article view shows
the story as the source has it — every paragraph and in-body subhead, photos with
caption and credit — joined over all the pages it is printed on.
"""

from __future__ import annotations

from collections.abc import Mapping

from xhprint.site.html import Meta, document, esc, pct, site_name, top_bar
from xhprint.site.model import Article, Paragraph, SiteIssue, SitePage


def page_label(site: SiteIssue, page: SitePage) -> str:
    """第1版：要聞 (or 第1版 when the page has no section)."""
    if page.section:
        return site.words.page_section.format(page.number, page.section)
    return site.words.page.format(page.number)


def page_view(site: SiteIssue, page: SitePage, archive_href: str | None = None) -> str:
    """page-NN.html (and index.html for the first page)."""
    w = site.words
    index = site.pages.index(page)
    label = page_label(site, page)
    pager = [f'<a rel="prev" href="{site.pages[index - 1].file}">{w.prev_page}</a>'
             if index > 0 else f'<span class="off">{w.prev_page}</span>',
             f"<h1>{esc(label)}</h1>",
             f'<a rel="next" href="{site.pages[index + 1].file}">{w.next_page}</a>'
             if index + 1 < len(site.pages) else f'<span class="off">{w.next_page}</span>']
    zones = []
    for z in page.zones:
        article = site.article(z.article)
        left, top, width, height = z.percent()
        zones.append(f'<a class="zone" href="{article.file}" data-article="{esc(article.id)}" '
                     f'style="left:{pct(left)};top:{pct(top)};width:{pct(width)};'
                     f'height:{pct(height)}" title="{esc(article.title)}">'
                     f"<span>{esc(article.title)}</span></a>")
    current = ' aria-current="page"'
    pages_nav = "\n".join(
        f'<li><a href="{p.file}"{current if p is page else ""}>'
        f"{esc(page_label(site, p))}</a></li>" for p in site.pages)
    titles = "\n".join(
        f'<li><a href="{site.article(a).file}">{esc(site.article(a).title)}</a></li>'
        for a in page.articles)
    body = (top_bar(site, "", archive_href)
            + '<main id="main" class="page-view">\n'
            + f'<nav class="pager">{"".join(pager)}</nav>\n'
            + '<div class="sheet"><div class="map">\n'
            + f'<img src="{page.image}" width="{page.image_w}" height="{page.image_h}" '
              f'alt="{esc(label)}">\n'
            + "\n".join(zones) + "\n</div></div>\n"
            + '<aside class="side">\n'
            + f'<section class="titles"><h2>{w.page_titles}</h2>\n<ol>\n{titles}\n</ol></section>\n'
            + f'<section class="pages"><h2>{w.page_nav}</h2>\n<ol>\n{pages_nav}\n</ol></section>\n'
            + '<p class="downloads">'
              f'<a href="{page.pdf}" download>{w.download_page}</a>'
              f'<a href="{site.issue_pdf}" download>{w.download_issue}</a></p>\n'
            + "</aside>\n</main>\n")
    first = site.article(page.articles[0]).description if page.articles else ""
    meta = Meta(title=f"{label} - {site.paper} {site.words.issue_number_short.format(site.number)}",
                description=first, og_image=page.image, og_image_alt=label)
    return document(site.lang, meta, "", body, site_name(site))


def _runs(p: Paragraph) -> str:
    return "".join(f"<strong>{esc(t)}</strong>" if bold else esc(t) for t, bold in p.runs)


def article_view(site: SiteIssue, article: Article, photo_sizes: Mapping[str, tuple[int, int]],
                 archive_href: str | None = None) -> str:
    """articles/<id>.html: the whole story, with links to its pages and its neighbours."""
    w = site.words
    root = "../"
    first_page = site.page(article.parts[0].page)
    figures = _figures(article, photo_sizes, root)
    paras = "\n".join(f"<h2>{_runs(p)}</h2>" if p.kind == "subhead" else f"<p>{_runs(p)}</p>"
                      for p in article.paragraphs)
    neighbours = _neighbours(site, article, root)
    back = w.back_to_page.format(first_page.number)
    body = (top_bar(site, root, archive_href)
            + '<main id="main" class="article-view">\n'
            + f'<nav class="crumbs"><a href="{root}{first_page.file}">'
              f"{esc(page_label(site, first_page))}</a></nav>\n"
            + '<article>\n<header class="article-head">\n'
            + "\n".join(_article_head(site, article, root)) + "\n</header>\n"
            + "".join(f"{f}\n" for f in figures)
            + f'<div class="body">\n{paras}\n</div>\n</article>\n'
            + (f'<nav class="prevnext">{"".join(neighbours)}</nav>\n' if neighbours else "")
            + f'<p class="back"><a href="{root}{first_page.file}">{back}</a></p>\n'
            + "</main>\n")
    image = (root + article.photos[0].file) if article.photos else root + first_page.image
    alt = article.photos[0].alt if article.photos else page_label(site, first_page)
    meta = Meta(title=f"{article.title} - {site.paper}", description=article.description,
                og_type="article", og_title=article.headline or article.title, og_image=image,
                og_image_alt=alt)
    return document(site.lang, meta, root, body, site_name(site))


def _article_head(site: SiteIssue, article: Article, root: str) -> list[str]:
    """The article's header lines: kicker, headline, subhead and byline as the story has
    them, then the pages it is printed on (links)."""
    w = site.words
    head = []
    if article.kicker:
        head.append(f'<p class="kicker">{esc(article.kicker)}</p>')
    head.append(f"<h1>{esc(article.heading)}</h1>")
    if article.subhead:
        head.append(f'<p class="subhead">{esc(article.subhead)}</p>')
    if article.byline:
        head.append(f'<p class="byline">{esc(article.byline)}</p>')
    links = w.list_sep.join(f'<a href="{root}{site.page(n).file}">{w.page.format(n)}</a>'
                            for n in article.pages)
    head.append(f'<p class="on-pages">{w.on_pages}{links}</p>')
    return head


def _figures(article: Article, photo_sizes: Mapping[str, tuple[int, int]], root: str,
             ) -> list[str]:
    """A <figure> per photo: the image at its pixel size, caption and credit below it."""
    figures = []
    for photo in article.photos:
        width, height = photo_sizes[photo.file]
        caption = esc(photo.caption)
        if photo.credit:
            caption += f' <span class="credit">{esc(photo.credit)}</span>'
        figures.append(f'<figure><img src="{root}{photo.file}" width="{width}" height="{height}" '
                       f'alt="{esc(photo.alt)}">'
                       + (f"<figcaption>{caption.strip()}</figcaption>" if caption else "")
                       + "</figure>")
    return figures


def _neighbours(site: SiteIssue, article: Article, root: str) -> list[str]:
    """Links to the previous and the next article of the issue (where there is one)."""
    w = site.words
    at = site.articles.index(article)
    neighbours = []
    if at > 0:
        prev = site.articles[at - 1]
        neighbours.append(f'<a rel="prev" href="{root}{prev.file}">{w.prev_article}'
                          f"<span>{esc(prev.title)}</span></a>")
    if at + 1 < len(site.articles):
        nxt = site.articles[at + 1]
        neighbours.append(f'<a rel="next" href="{root}{nxt.file}">{w.next_article}'
                          f"<span>{esc(nxt.title)}</span></a>")
    return neighbours
