"""A zh-Hans issue end to end: SC font faces, 下转/上接 jump lines, 总 in the edition line,
and script-mix looking for traditional-only characters instead (manifest.md §2, §5)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from opencc import OpenCC

from xhprint.build import build_issue
from xhprint.session import BuildSettings

REPO = Path(__file__).resolve().parents[1]
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.fixture(scope="module")
def hans_build(tmp_path_factory):
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    root = tmp_path_factory.mktemp("hans")
    issue = root / "hans"
    (issue / "stories").mkdir(parents=True)
    t2s = OpenCC("t2s")
    src = (REPO / "issues/2023-40/stories/ai-cluster.md").read_text(encoding="utf-8")
    simplified = t2s.convert(src)
    # One traditional-only character left on purpose for the script check.
    simplified = simplified.replace("揭牌仪式", "揭牌儀式", 1)
    (issue / "stories" / "ai.md").write_text(simplified, encoding="utf-8")
    (issue / "issue.yaml").write_text(
        "layout: broadsheet\nlang: zh-Hans\n"
        "issue: {number: 40, total: 1746, date: 2023-10-02}\n"
        "pages:\n"
        "  - number: 1\n    section: 要闻\n    items:\n"
        "      - story: ai\n        box: {col: 1, row: 13, cols: 3, rows: 20}\n"
        "        continue: 2\n"
        "  - number: 2\n    section: 综合\n    items:\n"
        "      - story: ai\n        box: {col: 1, row: 4, cols: 3, rows: 40}\n",
        encoding="utf-8")
    return build_issue(issue, BuildSettings(cache_dir=root / "cache"))


def _page_text(pdf: bytes, index: int) -> str:
    import pypdf

    # pypdf shows the ¼ em Han–digit gaps as spaces; compare without white space.
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[index].extract_text()
    return "".join(text.split())


def test_simplified_jump_lines_and_edition_line(hans_build) -> None:
    pdf = hans_build.files["print/issue.pdf"]
    assert "（下转第2版）" in _page_text(pdf, 0)
    assert "（上接第1版）" in _page_text(pdf, 1)
    assert "第40期(总第1746期)" in _page_text(pdf, 0)  # the edition line
    assert "第40期（总第1746期）" in _page_text(pdf, 0)  # the slug line
    header = _page_text(hans_build.files["digital/issue.pdf"], 1)
    assert "第2版" in header and "综合" in header


def test_sc_faces_are_embedded(hans_build, tmp_path) -> None:
    path = tmp_path / "hans.pdf"
    path.write_bytes(hans_build.files["print/issue.pdf"])
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    assert "CJKsc" in out and "CJKtc" not in out


def test_script_mix_looks_for_traditional_characters(hans_build) -> None:
    found = [f for f in hans_build.report.findings if f.check == "script-mix"
             and f.item == "ai"]
    assert [f.message.split()[2] for f in found] == ["儀"]
    assert "simplified: 仪" in found[0].message
