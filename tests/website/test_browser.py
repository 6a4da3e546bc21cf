"""The site in a real browser: the system Chromium (Debian `chromium`) through Playwright.

Opens index.html from file:// with JavaScript off, clicks a hot zone and lands on its
article; zones sit over their boxes as the image scales; nothing scrolls sideways on a
phone. Never downloads a browser: without /usr/bin/chromium these tests fail and say so.
"""

from __future__ import annotations

import pytest

from support.browser import chromium

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    return context, context.new_page()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_clicking_a_hot_zone_opens_its_article(browser, sites, issue_builds, viewport):
    result = issue_builds["2023-40"]
    site = sites["2023-40"]
    page1 = result.layout.pages[0]
    area = next(a for a in page1.areas if a.id == "ai-cluster")
    context, page = _page(browser, viewport)
    try:
        page.goto((site / "index.html").as_uri())
        image = page.locator(".map img").bounding_box()
        zone = page.locator('.zone[href="articles/ai-cluster.html"]')
        box = zone.bounding_box()
        scale = image["width"] / page1.width  # the zone scales with the image
        assert box["x"] - image["x"] == pytest.approx(area.x * scale, abs=1)
        assert box["y"] - image["y"] == pytest.approx(area.y * scale, abs=1)
        assert box["width"] == pytest.approx(area.w * scale, abs=1)
        assert box["height"] == pytest.approx(area.h * scale, abs=1)
        # a click in the middle of the box, as a reader would
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_url("**/articles/ai-cluster.html")
        assert page.locator("h1").inner_text() == result.issue.stories["ai-cluster"].headline
        # and from its second part on page 2 back to the same article
        page.goto((site / "page-02.html").as_uri())
        page.locator('.zone[href="articles/ai-cluster.html"]').click()
        page.wait_for_url("**/articles/ai-cluster.html")
    finally:
        context.close()


def test_nothing_scrolls_sideways_on_a_phone(browser, sites):
    site = sites["2023-40"]
    context, page = _page(browser, PHONE)
    try:
        for name in ("index.html", "page-02.html", "articles/ai-cluster.html",
                     "articles/sample-rules.html"):
            page.goto((site / name).as_uri())
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], name
    finally:
        context.close()
