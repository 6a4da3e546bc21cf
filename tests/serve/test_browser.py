"""The desk in a real browser (the system Chromium through Playwright): the flat plan, the
grid overlay and its pointer, a clicked finding, a story edit and a YAML error arriving
without a reload. Screenshots of each step go to the test's tmp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from incremental.test_watcher import edit
from support.browser import chromium

VIEW = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def tab(browser):
    """One browser tab for the module, and the script errors it reports."""
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()


@pytest.fixture
def desk(tab, served):
    """The desk page, freshly opened and drawn (the first state has arrived)."""
    page, errors = tab
    page.goto(served.url)
    page.wait_for_function("document.body.dataset.checked === 'true'")
    page.wait_for_function("document.getElementById('page-img').complete && "
                           "document.getElementById('page-img').naturalWidth > 0")
    yield page
    assert errors == []


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"))


def test_the_flat_plan_shows_every_page(desk, served, tmp_path) -> None:
    state = served.api()
    thumbs = desk.locator("#thumbs li")
    assert thumbs.count() == len(state["pages"]) == 2
    for i, p in enumerate(state["pages"]):
        li = thumbs.nth(i)
        assert li.get_attribute("data-page") == str(p["number"])
        img = li.locator("img")
        assert img.get_attribute("src") == p["image"]
        assert img.evaluate("i => i.complete && i.naturalWidth") == p["width"]
        assert p["section"] in li.inner_text()
        assert p["status"] in li.locator("button").get_attribute("class")
    # a thumbnail opens its page
    thumbs.nth(1).locator("button").click()
    desk.wait_for_function("document.getElementById('page-img').dataset.page === '2'")
    assert desk.locator("#page-img").get_attribute("src") == state["pages"][1]["image"]
    shot(desk, tmp_path, "plan-page-2")


def test_the_grid_overlay_toggles_and_counts_as_issue_yaml(desk, served, tmp_path) -> None:
    p1 = served.api()["pages"][0]
    layer = desk.locator("#grid-layer")
    assert not layer.is_visible()
    desk.locator("#grid-toggle").check()
    assert layer.is_visible()
    assert layer.locator("rect.column").count() == len(p1["grid"]["columns"])
    def texts(selector: str) -> list[str]:
        return layer.locator(selector).evaluate_all("ts => ts.map(t => t.textContent)")

    assert texts("text.col-number") == [str(c) for c in range(1, len(p1["grid"]["columns"]) + 1)]
    rows = [str(r) for r in range(1, p1["grid"]["rows"] + 1)]
    assert texts("text.row-number") == [n for r in rows for n in (r, r)]  # left and right
    shot(desk, tmp_path, "grid-on")
    desk.locator("#grid-toggle").uncheck()
    assert not layer.is_visible()


def cell_centre(desk, page: dict, col: int, row: int) -> tuple[float, float]:
    """Where on the screen the middle of grid cell (col, row) of `page` is, scrolled into view."""
    grid = page["grid"]
    x, w = grid["columns"][col - 1]
    y = grid["top"] + (row - 0.5) * grid["leading"]
    # scroll the page view so that the cell is in its middle
    desk.evaluate("""([x, y, width]) => {
        const s = document.getElementById('scroller');
        const r = document.getElementById('sheet').getBoundingClientRect();
        const v = s.getBoundingClientRect();
        const k = r.width / width;
        s.scrollTop += r.top + y * k - (v.top + v.height / 2);
        s.scrollLeft += r.left + x * k - (v.left + v.width / 2);
    }""", [x + w / 2, y, page["width"]])
    sheet = desk.locator("#sheet").bounding_box()
    scale = sheet["width"] / page["width"]
    return sheet["x"] + (x + w / 2) * scale, sheet["y"] + y * scale


@pytest.mark.parametrize("zoom", [None, "zoom-in"])
def test_hovering_reports_the_column_and_row(desk, served, tmp_path, zoom) -> None:
    p1 = served.api()["pages"][0]
    if zoom:
        desk.locator(f"#{zoom}").click()
        desk.locator(f"#{zoom}").click()
    for col, row in [(1, 1), (3, 20), (6, 13), (8, p1["grid"]["rows"])]:
        desk.mouse.move(*cell_centre(desk, p1, col, row))
        assert desk.locator("#pointer").inner_text() == f"col {col}, row {row}"
    # the lead story's box: col 1, row 13 is its first cell
    lead = next(i for i in p1["items"] if i["id"] == "lead")
    desk.mouse.move(*cell_centre(desk, p1, lead["box"]["col"], lead["box"]["row"]))
    assert desk.locator("#pointer").inner_text() == "col 1, row 13"
    assert desk.locator("#tip").is_visible()
    shot(desk, tmp_path, f"pointer-{zoom or 'fit'}")


def test_every_item_is_outlined_and_labelled(desk, served) -> None:
    p1 = served.api()["pages"][0]
    boxes = desk.locator("#boxes-layer rect.box")
    assert sorted(boxes.evaluate_all("rs => rs.map(r => r.dataset.id)")) == \
        sorted(i["id"] for i in p1["items"])
    labels = desk.locator("#boxes-layer text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert sorted(labels) == sorted(i["id"] for i in p1["items"])


def test_clicking_a_finding_shows_its_page_and_box(desk, served, tmp_path) -> None:
    state = served.api()
    desk.locator("#thumbs li").nth(1).locator("button").click()  # page 2 on show
    desk.wait_for_function("document.getElementById('page-img').dataset.page === '2'")
    i, f = next((i, f) for i, f in enumerate(state["findings"])
                if f.get("page") == 1 and f.get("item") == "cluster")
    desk.locator("#findings li").nth(i).click()
    desk.wait_for_function("document.getElementById('page-img').dataset.page === '1'")
    mark = desk.locator("#mark-layer rect")
    assert mark.get_attribute("data-id") == f["item"]
    item = next(it for it in state["pages"][0]["items"] if it["id"] == f["item"])
    box = mark.bounding_box()
    sheet = desk.locator("#sheet").bounding_box()
    scale = sheet["width"] / state["pages"][0]["width"]
    # the mark sits 3 px around the box, its 6 px stroke centred on that line
    x, y, w, h = item["rect"]
    assert box["x"] - sheet["x"] == pytest.approx((x - 6) * scale, abs=2)
    assert box["y"] - sheet["y"] == pytest.approx((y - 6) * scale, abs=2)
    assert box["width"] == pytest.approx((w + 12) * scale, abs=2)
    assert box["height"] == pytest.approx((h + 12) * scale, abs=2)
    assert f["message"] in desk.locator("#findings li.selected").inner_text()
    shot(desk, tmp_path, "finding")


def test_clicking_a_loose_line_finding_marks_the_lines(desk, served, tmp_path) -> None:
    state = served.api()
    i, f = next((i, f) for i, f in enumerate(state["findings"]) if f["check"] == "loose-line")
    page = next(p for p in state["pages"] if p["number"] == f["page"])
    lines = [ln for ln in page["loose"] if ln["item"] == f["item"]]
    desk.locator("#findings li").nth(i).click()
    desk.wait_for_function(f"document.getElementById('page-img').dataset.page === '{f['page']}'")
    marks = desk.locator("#mark-layer rect.line")
    assert marks.count() == len(lines) >= 1
    sheet = desk.locator("#sheet").bounding_box()
    scale = sheet["width"] / page["width"]
    for k, line in enumerate(lines):
        box = marks.nth(k).bounding_box()
        x, y, w, h = line["rect"]
        assert box["x"] - sheet["x"] == pytest.approx(x * scale, abs=2)
        assert box["y"] - sheet["y"] == pytest.approx(y * scale, abs=2)
        assert box["width"] == pytest.approx(w * scale, abs=2)
    assert desk.locator("#mark-layer rect:not(.line)").count() == 0  # not the story's box
    shot(desk, tmp_path, "loose-line")


def test_an_edit_arrives_without_a_reload(desk, served, tmp_path) -> None:
    before = served.settled()
    old = desk.locator("#page-img").get_attribute("src")
    desk.evaluate("window.__sameDocument = true")
    story = served.issue / "stories" / "lead.md"
    text = story.read_text("utf-8")
    edit(story, "主題教育讀書班。", "主題教育讀書班。" + "新增的一段文字，" * 60)
    try:
        desk.wait_for_function(f"document.getElementById('page-img').getAttribute('src') !== {old!r}"
                               " && document.getElementById('page-img').complete", timeout=60_000)
        assert desk.evaluate("window.__sameDocument") is True  # no reload
        state = served.api()
        assert state["seq"] > before["seq"]
        assert desk.locator("#page-img").get_attribute("src") == state["pages"][0]["image"]
        assert state["pages"][1]["image"] == before["pages"][1]["image"]  # page 2 untouched
        shot(desk, tmp_path, "edited")
    finally:
        story.write_text(text, "utf-8")
        edit(story, "讀書班", "讀書班")
    desk.wait_for_function(f"document.getElementById('page-img').getAttribute('src') === {old!r}",
                           timeout=60_000)


def test_a_syntax_error_shows_up_and_goes_away(desk, served, tmp_path) -> None:
    before = served.settled()
    images = desk.locator("#thumbs img").evaluate_all("is => is.map(i => i.getAttribute('src'))")
    yaml = served.issue / "issue.yaml"
    good = yaml.read_text("utf-8")
    line = next(n for n, s in enumerate(good.splitlines(), 1) if "story: garden" in s)
    edit(yaml, "story: garden", "story: [garden")
    banner = desk.locator("#load-error")
    try:
        banner.wait_for(state="visible", timeout=60_000)
        text = banner.inner_text()
        assert f"issue.yaml:{line}" in text or f"issue.yaml:{line + 1}" in text, text
        # the last good pages stay on show
        assert desk.locator("#page-img").is_visible()
        assert desk.locator("#thumbs img").evaluate_all(
            "is => is.map(i => i.getAttribute('src'))") == images
        assert desk.locator("#verdict").inner_text() == "CANNOT BE LAID OUT: 1 error"
        shot(desk, tmp_path, "yaml-error")
    finally:
        yaml.write_text(good, "utf-8")
        edit(yaml, "story: garden", "story: garden")
    banner.wait_for(state="hidden", timeout=60_000)
    served.wait(lambda s: s["seq"] > before["seq"] + 1 and s["checked"] and not s["errors"])
    desk.wait_for_function("document.body.dataset.checked === 'true'")
    assert desk.locator("#verdict").inner_text() == served.api()["verdict"]
