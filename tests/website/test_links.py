"""Every href and src of a built site resolves inside it, and every page is reachable."""

from __future__ import annotations

from website.sitecheck import check_links, parse


def test_every_reference_resolves_and_every_file_is_reached(sites, issue_name):
    site = sites[issue_name]
    reached, broken = check_links(site)
    assert broken == []
    files = {p.resolve() for p in site.rglob("*") if p.is_file()}
    # issue.json is for `publish`, not for readers
    assert files - reached == {(site / "issue.json").resolve()}


def test_pages_say_their_language_and_have_titles(sites, issue_builds, issue_name):
    site = sites[issue_name]
    lang = issue_builds[issue_name].issue.lang
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert f'<html lang="{lang}">' in text, page
        root = parse(page)
        (title,) = root.find_all(lambda n: n.tag == "title")
        assert title.text().strip(), page
        og = {n.attrs["property"]: n.attrs["content"]
              for n in root.find_all(lambda n: n.tag == "meta" and "property" in n.attrs)}
        assert og["og:title"] and og["og:image"] and og["og:site_name"], page
        assert '<meta name="viewport"' in text
        assert "<script" not in text  # readable without JavaScript


def test_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html><body><a href="gone.html">x</a><a href="#nope">y</a>'
        '<img src="a.jpg"></body></html>', "utf-8")
    (tmp_path / "a.jpg").write_bytes(b"")
    reached, broken = check_links(tmp_path)
    assert broken == ["index.html: gone.html", "index.html: #nope is not on the page"]
