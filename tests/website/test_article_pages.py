"""Each article page holds its whole story as the source has it, with its pages and photos."""

from __future__ import annotations

from website.sitecheck import article_body, by_class, parse, source_paragraphs


def _articles(site):
    return {p.stem: parse(p) for p in (site / "articles").glob("*.html")}


def test_every_paragraph_of_every_story_compared_with_the_source(sites, issue_builds,
                                                                issue_name):
    result = issue_builds[issue_name]
    pages = _articles(sites[issue_name])
    placed = {a.id for p in result.layout.pages for a in p.areas if a.kind == "story"}
    assert set(pages) == placed
    for sid in placed:
        story = result.issue.stories[sid]
        expected = source_paragraphs(story.file)
        assert expected, sid
        assert article_body(pages[sid]) == expected, sid


def test_article_head_and_photos(sites, issue_builds, issue_name):
    result = issue_builds[issue_name]
    for sid, root in _articles(sites[issue_name]).items():
        story = result.issue.stories[sid]
        (head,) = by_class(root, "article-head")
        text = head.text()
        for value in (story.kicker, story.headline, story.subhead, story.byline):
            assert value in text, (sid, value)
        figures = root.find_all(lambda n: n.tag == "figure")
        assert len(figures) == len(story.photos)
        for fig, photo in zip(figures, story.photos, strict=True):
            (img,) = fig.find_all(lambda n: n.tag == "img")
            # alt text from the caption; a photo without one is described by the story title
            assert img.attrs["alt"] == (photo.caption or story.headline or img.attrs["alt"])
            assert img.attrs["alt"]
            caption = "".join(n.text() for n in fig.find_all(lambda n: n.tag == "figcaption"))
            assert photo.caption in caption and photo.credit in caption


def test_a_jumped_story_is_one_article_linking_both_pages(sites, issue_builds, issue_name):
    result = issue_builds[issue_name]
    site = sites[issue_name]
    jumped = {}
    for page in result.layout.pages:
        for area in page.areas:
            if area.kind == "story" and (area.continues_to or area.continued_from):
                jumped.setdefault(area.id, []).append(page.number)
    assert jumped, "the issue has no jump"
    for sid, numbers in jumped.items():
        root = parse(site / "articles" / f"{sid}.html")
        (on_pages,) = by_class(root, "on-pages")
        hrefs = [n.attrs["href"] for n in on_pages.find_all(lambda n: n.tag == "a")]
        assert hrefs == [f"../page-{n:02d}.html" for n in numbers]
        for n in numbers:  # each page's hot zones lead to the one article
            page = parse(site / f"page-{n:02d}.html")
            assert f"articles/{sid}.html" in [z.attrs["href"] for z in by_class(page, "zone")]


def test_previous_and_next_walk_every_article_in_reading_order(sites, issue_name):
    site = sites[issue_name]
    first = parse(site / "index.html")
    (titles,) = by_class(first, "titles")
    href = titles.find_all(lambda n: n.tag == "a")[0].attrs["href"]
    seen = [href]
    while True:
        root = parse(site / seen[-1])
        nxt = root.find_all(lambda n: n.tag == "a" and n.attrs.get("rel") == "next"
                            and "articles/" in n.attrs.get("href", ""))
        if not nxt:
            break
        seen.append("articles/" + nxt[0].attrs["href"].rsplit("/", 1)[1])
    assert sorted(seen) == sorted(f"articles/{p.name}" for p in (site / "articles").glob("*.html"))
