"""`xhprint new`: a starter issue that builds READY FOR PRESS as written, shows every
front-matter key, and is never written over a folder that has something in it."""

from __future__ import annotations

import datetime as _dt
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from PIL import Image

from xhprint.build import BuildSettings, build_issue
from xhprint.cli import main
from xhprint.desk.starter import PHOTO, starter_photo, write_starter
from xhprint.manifest.story import PHOTO_KEYS, STORY_KEYS

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
DATE = _dt.date(2024, 3, 4)


def new(folder: Path, template: str, lang: str) -> Path:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert write_starter(folder, template, lang, "en", date=DATE) == 0
    return folder


@pytest.mark.parametrize("template, lang", [("broadsheet", "zh-Hant"), ("tabloid", "zh-Hans")])
def test_the_starter_builds_ready_for_press(tmp_path, session_cache, template, lang) -> None:
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    issue = new(tmp_path / "issue", template, lang)
    result = build_issue(issue, BuildSettings(cache_dir=session_cache))
    report = result.report
    assert report.ready_for_press, [f.describe() for f in report.errors]
    # its boxes fit what it wrote: no overset, no empty rows, no jump that is not needed, no
    # photo squeezed, no headline too long, no letter-spaced line (its text was fitted to
    # both templates' columns); its words are in the issue's script (a widow
    # depends on the line breaks of the fonts at hand and is only a warning)
    checks = {f.check for f in report.findings}
    assert not checks & {"overset", "underset", "jump", "photo-fit", "headline-lines",
                         "box-overflow", "low-res-image", "loose-line"}, checks
    assert all(f.where is None or "layouts/" in str(f.where)
               for f in report.findings if f.check == "script-mix")
    assert result.issue.template.name == template and result.issue.lang == lang
    pages = result.layout.pages
    assert [p.number for p in pages] == [1, 2]
    assert any(a.kind == "masthead" for a in pages[0].areas)
    # the lead continues on page 2, the auto boxes were sized by the engine
    lead = [a for p in pages for a in p.areas if a.id == "lead"]
    assert [a.part for a in lead] == [1, 2] and lead[1].automatic
    notice = next(a for a in pages[0].areas if a.id == "notice")
    assert notice.automatic and notice.lines_set > 0


def test_the_simplified_starter_speaks_like_a_mainland_desk(tmp_path) -> None:
    """OpenCC t2s converts characters, not words: 资料夹, 档案, 程式, 滑鼠, 印著 are
    Taiwan's. The zh-Hans starter uses the glossary's 文件、文件夹 and the mainland words."""
    issue = new(tmp_path / "issue", "tabloid", "zh-Hans")
    text = "".join(p.read_text("utf-8") for p in sorted((issue / "stories").glob("*.md")))
    for taiwan in ("资料夹", "档", "程式", "滑鼠", "著", "连结", "解析度"):
        assert taiwan not in text, taiwan
    for mainland in ("文件夹", "文件名", "程序", "鼠标", "写着", "分辨率"):
        assert mainland in text, mainland


def test_every_front_matter_key_is_shown(tmp_path) -> None:
    issue = new(tmp_path / "issue", "broadsheet", "zh-Hant")
    for name in ("lead.md", "notice.md"):
        front = (issue / "stories" / name).read_text("utf-8").split("---")[1]
        keys = set(re.findall(r"^[#\s-]*([a-z_]+):", front, re.M))
        assert set(STORY_KEYS) <= keys, name
        # every key written has its comment (a caption is text the editor replaces)
        assert all(re.search(r"\s#\s", line) for line in front.strip().splitlines()
                   if not line.lstrip().startswith(("#", "caption"))), name
    lead = (issue / "stories" / "lead.md").read_text("utf-8").split("---")[1]
    assert set(PHOTO_KEYS) <= set(re.findall(r"^[#\s-]*([a-z_]+):", lead, re.M))
    assert (issue / PHOTO).is_file()
    assert "stories/" in (issue / "README.md").read_text("utf-8")
    yaml = (issue / "issue.yaml").read_text("utf-8")
    assert "rows: auto" in yaml and "continue: 2" in yaml and "date: 2024-03-04" in yaml


def test_the_photo_is_the_same_every_time_and_prints_sharp() -> None:
    assert starter_photo() == starter_photo()
    image = Image.open(io.BytesIO(starter_photo()))
    assert image.format == "JPEG" and image.width >= 1600


def test_a_folder_with_something_in_it_is_left_alone(tmp_path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        assert main(["new", str(folder), "--template", "tabloid"]) == 2
    assert "is not empty" in err.getvalue() and "Traceback" not in err.getvalue()
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    # an empty folder is fine
    empty = tmp_path / "empty"
    empty.mkdir()
    with redirect_stderr(io.StringIO()), redirect_stdout(io.StringIO()):
        assert main(["new", str(empty), "--template", "tabloid", "--lang", "zh-Hans"]) == 0
    assert "lang: zh-Hans" in (empty / "issue.yaml").read_text("utf-8")
    assert sorted(p.name for p in empty.iterdir()) == ["README.md", "issue.yaml", "photos",
                                                       "stories"]


@pytest.mark.parametrize("argv", [
    ["new", "{folder}", "--template", "tabloid"],
    ["--lang", "en", "new", "{folder}", "--template", "broadsheet"],  # the messages' language
    ["--lang", "zh-Hans", "new", "{folder}", "--template", "tabloid"],
])
def test_without_its_own_lang_the_starter_is_zh_hant_and_loads(tmp_path, argv) -> None:
    """`new`'s --lang is the issue's (default zh-Hant); the one before the command is only
    the messages' language."""
    from xhprint.manifest.issue import load_issue
    from xhprint.session import PROJECT_ROOT

    folder = tmp_path / "issue"
    with redirect_stderr(io.StringIO()), redirect_stdout(io.StringIO()):
        assert main([a.format(folder=folder) for a in argv]) == 0
    assert re.search(r"^lang: zh-Hant\b", (folder / "issue.yaml").read_text("utf-8"), re.M)
    assert load_issue(folder, PROJECT_ROOT).lang == "zh-Hant"
