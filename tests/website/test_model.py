"""The site model's small decisions: file names, titles, excerpts, words per script."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xhprint.site.model import (
    Article,
    Paragraph,
    Part,
    SiteIssue,
    SitePage,
    WebPhoto,
    Zone,
    excerpt,
    slugs,
)
from xhprint.site.views import article_view, page_view
from xhprint.site.words import words_for


def test_slugs_are_the_ids_when_safe_and_unique_regardless_of_case():
    assert slugs(["ai-cluster", "AI-Cluster", "新聞", "../x", "a_b"]) == {
        "ai-cluster": "ai-cluster", "AI-Cluster": "article-02", "新聞": "article-03",
        "../x": "article-04", "a_b": "a_b"}


def test_excerpt_ends_at_a_sentence_when_it_can():
    assert excerpt("短句。", 10) == "短句。"
    assert excerpt("第一句話說完了。第二句話還很長很長很長", 12) == "第一句話說完了。"
    assert excerpt("一二三四五六七八九十一二三", 6) == "一二三四五六…"


def _tiny(lang: str) -> SiteIssue:
    a = Article("a", "articles/a.html", "news", "標題", "", "標題", "", "", "",
                (Paragraph("p", (("正文", False), ("加粗", True))),
                 Paragraph("subhead", (("小標題", False),))),
                (WebPhoto(Path("/x.jpg"), "photos/a-1.jpg", "", "攝影", "標題"),),
                (Part(1, 1, None, 2), Part(2, 2, 1, None)))
    pages = tuple(SitePage(n, "", f"page-{n:02d}.html", f"img/page-{n:02d}.jpg", 1200, 1700,
                           f"pdf/page-{n:02d}.pdf", (Zone("a", 10, 20, 30, 40, 100, 200),),
                           ("a",)) for n in (1, 2))
    return SiteIssue("徐匯報", lang, 3, None, dt.date(2024, 1, 1), words_for(lang), pages, (a,))


def test_simplified_issue_gets_simplified_words_and_bold_runs():
    site = _tiny("zh-Hans")
    html = page_view(site, site.pages[1])
    assert "下载本版PDF" in html and "版面导航" in html and '<html lang="zh-Hans">' in html
    assert 'style="left:10.000%;top:10.000%;width:30.000%;height:20.000%"' in html
    art = article_view(site, site.articles[0], {"photos/a-1.jpg": (800, 600)})
    assert "<p>正文<strong>加粗</strong></p>" in art and "<h2>小標題</h2>" in art
    assert "本文见" in art and 'href="../page-02.html">第2版</a>' in art
    assert "星期一 第3期</p>" in art  # no total: no （总第…期）


def test_traditional_words():
    site = _tiny("zh-Hant")
    assert "下載本版PDF" in page_view(site, site.pages[0])
