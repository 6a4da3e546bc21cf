"""Hard inputs through the command line (issue 6: Validation, Photos, Paths, Hostile PDFs).

Every input error is a `file:line:col: error[check]: what — what to do` line on stderr,
all of them in one run, exit status 2, and no traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardening.helpers import REPO, assert_clean_failure, cli, write_issue
from hardening.media import BROKEN_PHOTOS, hostile_pdfs

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): error\[(?P<check>[a-z-]+)\]"
                  r"(?: \[[^]]*\])?: (?P<what>.+?) — (?P<todo>.+)$")


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    return hostile_pdfs()


def _errors(stderr: str) -> list[re.Match[str]]:
    lines = [ln for ln in stderr.splitlines() if ": error[" in ln]
    matches = [LINE.match(ln) for ln in lines]
    assert all(matches), [ln for ln, m in zip(lines, matches, strict=True) if m is None]
    return [m for m in matches if m is not None]


def _page(items: list[str], number: int) -> str:
    return f"  - number: {number}\n    section: 版{number}\n    items:\n" + "".join(items)


def _issue(pages: list[list[str]]) -> str:
    head = "layout: tabloid\nlang: zh-Hant\nissue: {number: 7, total: 1700, date: 2024-01-02}\npages:\n"
    return head + "".join(_page(items, n) for n, items in enumerate(pages, 1))


def _story_item(sid: str, row: int, col: int = 1) -> str:
    return f"      - story: {sid}\n        box: {{col: {col}, row: {row}, cols: 1, rows: 6}}\n"


def _ad_item(rel: str, row: int, col: int = 1) -> str:
    return f"      - ad: {rel}\n        box: {{col: {col}, row: {row}, cols: 1, rows: 6}}\n"


def _photo_story(rel: str) -> str:
    return f"---\nheadline: 圖片\nphotos:\n  - file: {rel}\n---\n正文。\n"


def test_many_errors_of_many_files_listed_together(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "iss", """\
layout: tabloid
lang: zh-TW
issue: {number: forty, total: 1700, date: 2024-02-30}
pages:
  - number: 1
    sectoin: 要聞
    items:
      - story: s
        box: {col: 1, row: 10, cols: 0, rows: 6}
      - story: nope
        box: {col: 2, row: 10, cols: 1, rows: 6}
""", {"stories/s.md": "---\nheadline: [1, 2\n---\n正文\n"})
    proc = cli("build", folder, "-o", tmp_path / "out", cwd=tmp_path)
    assert_clean_failure(proc)
    found = {(m["check"], m["line"]) for m in _errors(proc.stderr)}
    assert {("manifest", "2"), ("manifest", "3"), ("manifest", "6"), ("manifest", "9"),
            ("missing-file", "10")} <= found
    assert any(m["file"].endswith("stories/s.md") for m in _errors(proc.stderr))
    assert not (tmp_path / "out").exists()


def test_the_repository_broken_fixture(tmp_path: Path) -> None:
    proc = cli("build", REPO / "tests/data/manifest/many-errors", "-o", tmp_path / "out")
    assert_clean_failure(proc)
    assert len(_errors(proc.stderr)) >= 6


@pytest.mark.parametrize("junk", [b"\x00\x01\x02", b"key: [unclosed\n", b"\xff\xfe\x00",
                                  b"- 1\n- 2\n", b"a: &x [*x]\n", b"[" * 20000])
def test_junk_issue_yaml(tmp_path: Path, junk: bytes) -> None:
    folder = write_issue(tmp_path / "iss")
    (folder / "issue.yaml").write_bytes(junk)
    proc = cli("build", folder, "-o", tmp_path / "out")
    assert_clean_failure(proc)
    assert all(m["file"].endswith("issue.yaml") for m in _errors(proc.stderr))


def test_broken_photos_are_bad_image_errors_naming_each_file(tmp_path: Path) -> None:
    names = sorted(BROKEN_PHOTOS)
    files: dict[str, str | bytes] = {f"photos/{n}": data for n, data in BROKEN_PHOTOS.items()}
    files.update({f"stories/p{i}.md": _photo_story(f"photos/{n}") for i, n in enumerate(names)})
    items = [_story_item(f"p{i}", 10 + 7 * (i // 5), 1 + i % 5) for i in range(len(names))]
    folder = write_issue(tmp_path / "iss", _issue([items]), files)
    t = time.perf_counter()
    proc = cli("build", folder, "-o", tmp_path / "out", timeout=60)
    assert time.perf_counter() - t < 30  # the 400 MP bomb is refused, never decoded
    assert_clean_failure(proc)
    errors = _errors(proc.stderr)
    assert {m["check"] for m in errors} == {"bad-image"}
    for name in names:
        assert any(name in m["what"] for m in errors), name
    assert all(m["file"].endswith(".md") for m in errors)  # points at the photo's line


def test_hostile_pdf_adverts_in_an_issue(tmp_path: Path, hostile: dict[str, bytes]) -> None:
    pdfs = hostile
    names = sorted(pdfs)
    items = [_ad_item(f"ads/{n}", 10 + 7 * (i // 5), 1 + i % 5) for i, n in enumerate(names)]
    files: dict[str, str | bytes] = {f"ads/{n}": data for n, data in pdfs.items()}
    folder = write_issue(tmp_path / "iss", _issue([[_story_item("s", 40), *items]]), files)
    t = time.perf_counter()
    proc = cli("build", folder, "-o", tmp_path / "out", timeout=90)
    elapsed = time.perf_counter() - t
    assert_clean_failure(proc)
    errors = _errors(proc.stderr)
    for name in names:
        assert any(name in m["what"] or name in m["file"] for m in errors), (name, proc.stderr)
    assert elapsed < 60


def test_hostile_pdfs_in_preflight(tmp_path: Path, hostile: dict[str, bytes]) -> None:
    """All at once (a subprocess each, in parallel): a clear error, bounded time."""
    paths = {}
    for name, data in hostile.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    t = time.perf_counter()
    procs = {name: subprocess.Popen([sys.executable, "-m", "xhprint", "preflight", str(path),
                                     "--profile", "ad"], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
             for name, path in paths.items()}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert "Traceback" not in out + err, (name, err)
        assert proc.returncode == 2, (name, err)
        assert f"{paths[name]}: error[pdf-unreadable]" in out + err, (name, out)
    assert time.perf_counter() - t < 90


def test_paths_leaving_the_issue_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.pdf").write_bytes(b"%PDF-1.4\n")
    (outside / "x.jpg").write_bytes(b"")
    (outside / "t.md").write_text("---\nheadline: 外\n---\n正文\n", encoding="utf-8")
    folder = write_issue(tmp_path / "iss", _issue([[
        _story_item("s", 10, 1),
        _story_item("../outside/t", 10, 2),
        _story_item("link", 10, 3),
        _ad_item(str(outside / "x.pdf"), 10, 4),
        _ad_item("ads/../../outside/x.pdf", 10, 5),
        _ad_item("ads/link.pdf", 20, 1),
        _story_item("abs", 20, 2),
        _story_item("up", 20, 3),
        _story_item("linkphoto", 20, 4),
    ]]), {
        "stories/abs.md": _photo_story(str(outside / "x.jpg")),
        "stories/up.md": _photo_story("../outside/x.jpg"),
        "stories/linkphoto.md": _photo_story("photos/link.jpg"),
    })
    (folder / "ads").mkdir()
    (folder / "photos").mkdir()
    os.symlink(outside / "x.pdf", folder / "ads/link.pdf")
    os.symlink(outside / "x.jpg", folder / "photos/link.jpg")
    os.symlink(outside / "t.md", folder / "stories/link.md")
    proc = cli("build", folder, "-o", tmp_path / "out")
    assert_clean_failure(proc)
    errors = [m for m in _errors(proc.stderr) if m["check"] == "missing-file"]
    text = "\n".join(m["what"] for m in errors)
    assert text.count("leaves the issue folder") == 3, text  # ../ story, ad and photo
    assert text.count("absolute path") == 2, text  # ad and photo
    assert text.count("resolves outside the issue folder") == 3, text  # three symlinks
    assert len(errors) == 8
