"""The desk's parts on their own: the page picture, its cache, the words the page gets in
the reader's language, the state's boxes, and the published state that streams wait on."""

from __future__ import annotations

import gettext
import io
import json
import threading
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from xhprint.build import BuildSettings, lay_out_build
from xhprint.incremental import BuildSession
from xhprint.layout.grid import Grid
from xhprint.model import Box
from xhprint.model.frame import ItemArea
from xhprint.serve.desk import Desk
from xhprint.serve.http import desk_page, is_loopback
from xhprint.serve.screen import IssueText, ScreenImages, rgb_png
from xhprint.serve.state import area_box, page_status
from xhprint.serve.words import PAGE_WORDS, page_words

REPO = Path(__file__).resolve().parents[2]
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.fixture(scope="module")
def staged(session_cache):
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    session = BuildSession(session_cache)
    settings = BuildSettings(cache_dir=session_cache)
    return lay_out_build(REPO / "issues" / "2023-40", settings, session=session), session


def test_the_png_has_pdfiums_pixels() -> None:
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(200, 100)
    page.close()
    data = io.BytesIO()
    doc.save(data)
    doc = pdfium.PdfDocument(data.getvalue())
    bitmap = doc[0].render(scale=1, rev_byteorder=True, fill_color=(10, 200, 30, 255))
    png = rgb_png(bitmap.width, bitmap.height, bitmap.n_channels, bitmap.stride,
                  bytes(bitmap.buffer))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (200, 100)
    assert image.getpixel((5, 5)) == (10, 200, 30)
    # a real raster: every pixel as pdfium drew it
    pixels = Image.frombytes("RGB", (4, 3), bytes(range(36)))
    again = Image.open(io.BytesIO(rgb_png(4, 3, 3, 12, pixels.tobytes())))
    assert ImageChops.difference(pixels, again.convert("RGB")).getbbox() is None
    padded = b"".join(pixels.tobytes()[y * 12:(y + 1) * 12] + b"\0" * 4 for y in range(3))
    rgbx = b"".join(pixels.tobytes()[i:i + 3] + b"\xff" for i in range(0, 36, 3))
    assert rgb_png(4, 3, 3, 16, padded) == rgb_png(4, 3, 4, 16, rgbx) == rgb_png(4, 3, 3, 12,
                                                                                pixels.tobytes())


def test_pictures_are_drawn_once_per_content(staged) -> None:
    built, session = staged
    pages = built.layout.pages
    text = IssueText()
    book = session.fonts(built.issue.lang, BuildSettings(cache_dir=session.cache_dir))
    resources = text.resources(pages, (1, 2), built.resources, book, session.store)
    images = ScreenImages()
    first = images.get(pages[0], "t", built.issue.template, resources)
    assert images.get(pages[0], "t", built.issue.template, resources) is first
    assert images.rendered == 1
    image = Image.open(io.BytesIO(first.png))
    assert image.size == (first.width, first.height)
    assert first.scale_x == pytest.approx(first.width / pages[0].width)
    # another token (a photo file changed) draws it again, to the same pixels
    again = images.get(pages[0], "u", built.issue.template, resources)
    assert images.rendered == 2 and again.png == first.png and again.name == first.name
    # an edited page is a new picture with a new name
    edited = replace(pages[0], elements=pages[0].elements[:-3])
    other = images.get(edited, "t", built.issue.template, resources)
    assert other.name != first.name and other.name.startswith("page-01-")


def test_the_page_gets_the_readers_words() -> None:
    class Catalogue(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return {"col {col}, row {row}": "第{col}欄，第{row}行",
                    "Findings": "檢查結果</script>"}.get(message, message)

    words = page_words(Catalogue())
    assert set(words) == set(PAGE_WORDS)
    assert words["pointer"] == "第{col}欄，第{row}行"  # the browser fills the placeholders
    assert page_words(None)["pointer"] == "col {col}, row {row}"
    html = desk_page(words, "zh-Hant", "2023-40").decode("utf-8")
    assert '<html lang="zh-Hant">' in html
    blob = html.split('<script id="words" type="application/json">')[1].split("</script>")[0]
    assert json.loads(blob)["findings"] == "檢查結果</script>"  # escaped inside the page


def test_boxes_of_the_masthead_and_header_in_grid_units(staged) -> None:
    built, _ = staged
    tpl = built.issue.template
    grid = Grid.for_page(tpl, 1)
    masthead = next(a for a in built.layout.pages[0].areas if a.kind == "masthead")
    box = area_box(masthead, grid)
    assert (box.col, box.row, box.cols, box.rows) == (1, 1, tpl.columns, tpl.masthead.rows)
    header = next(a for a in built.layout.pages[1].areas if a.kind == "header")
    box = area_box(header, Grid.for_page(tpl, 2))
    assert (box.col, box.row, box.cols, box.rows) == (1, 1, tpl.columns, tpl.header_rows)
    story = next(a for a in built.layout.pages[0].areas if a.kind == "story")
    assert area_box(story, grid) == story.box
    assert area_box(ItemArea("x", "story", grid.col_x(3), grid.row_top(5), grid.span_width(2),
                             grid.leading * 4), grid) == Box(3, 5, 2, 4)


def test_page_status() -> None:
    from xhprint.model import Finding

    assert page_status([]) == "ready"
    assert page_status([Finding("widow", "warning", "w")]) == "warning"
    assert page_status([Finding("widow", "warning", "w"), Finding("overset", "error", "e")]) \
        == "error"


def test_streams_wake_on_a_new_state_and_when_the_desk_closes() -> None:
    desk = Desk()
    version, _ = desk.state()
    got: list[object] = []
    waiter = threading.Thread(target=lambda: got.append(desk.wait(version, 10)))
    waiter.start()
    desk.publish({"seq": 1}, {"page-01-a.png": b"png"})
    waiter.join(5)
    assert got and got[0] is not None and json.loads(got[0][1])["seq"] == 1
    assert desk.image("page-01-a.png") == b"png"
    desk.publish({"seq": 2}, {"page-01-b.png": b"png2"})
    assert desk.image("page-01-a.png") == b"png"  # the previous state's picture still served
    desk.publish({"seq": 3}, {"page-01-c.png": b"png3"})
    assert desk.image("page-01-a.png") is None
    # a rebuild waits for the browser's fetch only while a browser listens
    assert desk.wait_fetched({"page-01-c.png"}, 0.01)  # nobody listening: no wait
    desk.listening(+1)
    assert not desk.wait_fetched({"page-01-c.png"}, 0.01)
    desk.image("page-01-c.png")
    assert desk.wait_fetched({"page-01-c.png"}, 0.01)
    version, _ = desk.state()
    waiter = threading.Thread(target=lambda: got.append(desk.wait(version, 10)))
    waiter.start()
    desk.close()
    waiter.join(5)
    assert not waiter.is_alive() and got[-1] is None


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.5", "::", "example.org"))


def test_a_save_in_the_issue_the_templates_or_the_fonts_is_noticed(tmp_path) -> None:
    import os
    import shutil

    from incremental.test_watcher import GOOD
    from xhprint.incremental import Watcher

    issue = tmp_path / "issue"
    shutil.copytree(GOOD, issue)
    root = tmp_path / "project"
    (root / "layouts").mkdir(parents=True)
    (root / "fonts").mkdir()
    (root / "layouts" / "broadsheet.yaml").write_text("name: broadsheet\n", "utf-8")
    (root / "fonts" / "fonts.yaml").write_text("roles: {}\n", "utf-8")
    (root / "fonts" / "extra.otf").write_bytes(b"font")
    w = Watcher(issue, BuildSettings(project_root=root, cache_dir=tmp_path / "cache"))
    assert w.changed() and not w.changed()
    for path in (issue / "stories" / "lead.md", root / "layouts" / "broadsheet.yaml",
                 root / "fonts" / "fonts.yaml", root / "fonts" / "extra.otf"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        assert w.changed(), path
        assert not w.changed()


def test_a_failure_of_xhprint_itself_is_shown_and_the_desk_goes_on(tmp_path) -> None:
    from xhprint.serve.desk import DeskBuilder

    issue = tmp_path / "issue"
    issue.mkdir()
    desk = Desk()
    said: list[str] = []
    builder = DeskBuilder(issue, BuildSettings(cache_dir=tmp_path / "cache"), desk, None,
                          say=said.append)

    def broken(started=None):
        raise RuntimeError("a bug")

    builder.watcher.rebuild = broken
    assert builder.step()
    state = json.loads(desk.state()[1])
    assert state["seq"] == 1 and state["errors"] == [] and not state["ready_for_press"]
    assert "internal error: RuntimeError: a bug" in state["problem"]
    assert state["verdict"] == "CANNOT BE LAID OUT: 1 error"
    assert any("internal error" in line for line in said)
    assert not builder.step()  # nothing changed since: no rebuild
