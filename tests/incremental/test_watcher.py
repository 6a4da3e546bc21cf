"""The watch loop's rebuilds: only edited pages change, the edited page is shown first as a
live one-page PDF, and the outputs equal a cold build."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from xhprint.build import build_issue
from xhprint.commands import live_dir, watch_line
from xhprint.incremental import Watcher, changed_pages, live_path
from xhprint.session import BuildSettings

DATA = Path(__file__).resolve().parents[1] / "data"
GOOD = DATA / "manifest" / "good"


def settings(cache: Path) -> BuildSettings:
    return BuildSettings(cache_dir=cache, fonts_config=DATA / "fonts-box.yaml", fonts_dir=DATA)


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    dest = tmp_path / "issue"
    shutil.copytree(GOOD, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    st = path.stat()
    path.write_text(text.replace(old, new, 1), "utf-8")
    # a coarse-mtime filesystem must still see the change
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def same_outputs(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        if name != "report.json":  # holds the timings
            assert a[name] == b[name], name


def first_paragraph_char(story: Path) -> str:
    body = story.read_text("utf-8").split("---", 2)[2].strip()
    return body[0]


def test_edit_to_a_page_one_story_changes_page_one_only_and_equals_cold(issue, tmp_path):
    w = Watcher(issue, settings(tmp_path / "cache"))
    first = w.poll()
    assert first is not None and first.changed_pages == (1, 2)
    assert w.poll() is None  # nothing changed, nothing built
    story = issue / "stories" / "lead.md"
    ch = first_paragraph_char(story)
    edit(story, ch, ch + "一")
    again = w.poll()
    assert again is not None and again.changed_pages == (1,)
    assert w.session.images.hits > 0  # photos came from the session, not prepared again
    cold = build_issue(issue, settings(tmp_path / "cold-cache"))
    same_outputs(again.result.files, cold.files)
    assert again.result.files["print/page-01.pdf"] != first.result.files["print/page-01.pdf"]
    assert again.result.files["print/page-02.pdf"] == first.result.files["print/page-02.pdf"]


def test_edit_to_a_continued_story_reaches_its_jump_page(issue, tmp_path):
    w = Watcher(issue, settings(tmp_path / "cache"))
    w.poll()
    story = issue / "stories" / "cluster.md"
    body = story.read_text("utf-8").split("---", 2)[2]
    # a new closing paragraph: more text than page 1's box can take
    edit(story, body, body.rstrip() + "\n\n" + "新增段落的文字。" * 400 + "\n")
    again = w.poll()
    assert again is not None and 2 in again.changed_pages
    same_outputs(again.result.files, build_issue(issue, settings(tmp_path / "cold")).files)


def test_rebuild_reuses_unchanged_parses_and_probes_yet_equals_cold(issue, tmp_path):
    """Page 2's streams are byte-identical after an edit on page 1: parsed once, not twice."""
    w = Watcher(issue, settings(tmp_path / "cache"))
    w.poll()
    hits, probes = w.session.preflight.parse_hits, w.session.probes
    story = issue / "stories" / "lead.md"
    ch = first_paragraph_char(story)
    edit(story, ch, ch + "二")
    again = w.poll()
    assert again is not None and again.changed_pages == (1,)
    assert w.session.preflight.parse_hits >= hits + 2  # page 2 of both editions
    assert w.session.probes == probes  # no photo or advert changed
    # a photo replaced under the same name is probed (and prepared) again
    photo = issue / "photos" / "garden.png"
    from PIL import Image

    with Image.open(photo) as im:
        im.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo)
    os.utime(photo, ns=(photo.stat().st_atime_ns, photo.stat().st_mtime_ns + 1_000_000))
    third = w.poll()
    assert third is not None and w.session.probes == probes + 1
    same_outputs(third.result.files, build_issue(issue, settings(tmp_path / "cold")).files)


def test_changed_pages_compares_by_number():
    assert changed_pages(None, ()) == ()


def page_text(path: Path) -> str:
    """A one-page PDF's text without line breaks and spaces (CJK lines wrap anywhere)."""
    return re.sub(r"\s+", "", PdfReader(path).pages[0].extract_text())


def test_edited_page_appears_live_with_the_edit_and_outputs_equal_cold(issue, tmp_path):
    live = tmp_path / "out.live"
    w = Watcher(issue, settings(tmp_path / "cache"), live_dir=live)
    first = w.poll()
    assert first is not None and first.page_seconds is None  # nothing was edited yet
    assert not live.exists()
    marker = "甲乙丙丁戊己"
    (tmp_path / "before.pdf").write_bytes(first.result.files["print/page-01.pdf"])
    assert marker not in page_text(tmp_path / "before.pdf")
    story = issue / "stories" / "lead.md"
    ch = first_paragraph_char(story)
    edit(story, ch, ch + marker)
    again = w.poll()
    assert again is not None and again.changed_pages == (1,)
    assert again.live_files == (live_path(live, 1),)
    assert again.page_seconds is not None and 0 < again.page_seconds < again.seconds
    # only the changed page, replaced atomically: no temporary file left beside it
    assert sorted(p.name for p in live.iterdir()) == ["page-01.pdf"]
    preview = PdfReader(live_path(live, 1))
    assert len(preview.pages) == 1
    assert marker in page_text(live_path(live, 1))
    # it is page 1 as the full build prints it: same boxes, same text
    (tmp_path / "after.pdf").write_bytes(again.result.files["print/page-01.pdf"])
    full = PdfReader(tmp_path / "after.pdf")
    assert preview.pages[0].trimbox == full.pages[0].trimbox
    assert preview.pages[0].mediabox == full.pages[0].mediabox
    # (the preview's slug counts only the layout's errors: the other checks run after it)
    live_text, full_text = page_text(live_path(live, 1)), page_text(tmp_path / "after.pdf")
    assert live_text.split("NOTFORPRESS")[0] == full_text.split("NOTFORPRESS")[0]
    # the full outputs are still exactly a cold build's
    same_outputs(again.result.files, build_issue(issue, settings(tmp_path / "cold")).files)
    line = watch_line(again)
    assert line.startswith("page 1 re-rendered in ")
    assert f"{again.page_seconds:.2f} s" in line and f"full build in {again.seconds:.2f} s" in line


def test_live_folder_is_beside_out_because_each_build_replaces_out():
    out = Path("build/2023-40")
    assert live_dir(out) == Path("build/2023-40.live")
    assert out not in live_dir(out).parents
