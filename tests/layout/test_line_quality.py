"""`loose-line`: a body line the rules force to be letter-spaced is shown to the editor.

Small issues on the `mini` template (13-character columns) set with the real Noto
fonts: a paragraph whose first line must spread (a 2 em indent, then 徐家匯體育公園於
and 2021年, which stays whole and does not fit) gets one warning that quotes the line
and names its paragraph; the print PDF read back agrees that line is loose and no other
body line is; the sign-off proof paints it yellow; plain text stays quiet; the template's
`loose_line_em` moves the limit, and 0 turns the check off.
"""

from __future__ import annotations

import io
import statistics
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from layout.issue_maker import write_issue
from xhprint.build import BuildResult, build_issue
from xhprint.session import BuildSettings
from xhprint.text.segment import HAN, PUNCT, char_class

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
pytestmark = pytest.mark.skipif(not NOTO.exists(), reason="Debian fonts not installed")

SPREAD = ("徐家匯體育公園於2021年完成改造後重新開放，是中心城區規模較大的公共體育空間。"
          "賽事季期間，公園內的部分專業場館將以低於市場的價格向市民開放。")
PLAIN = ("區綠化市容局介紹，今年全區新建的口袋公園均設有無障礙通道和共享書屋，"
         "居民步行不遠即可到達一處綠地，老人和孩子都有了休息和活動的地方。")
ITEMS = ("      - story: park\n        box: {col: 1, row: 5, cols: 1, rows: 12}\n"
         "      - story: green\n        box: {col: 2, row: 5, cols: 1, rows: 12}\n")


def _stories(spread: str) -> dict[str, str]:
    return {"park": f"---\nheadline: 體育公園開放\n---\n{spread}\n",
            "green": f"---\nheadline: 口袋公園\n---\n{PLAIN}\n"}


def _build(folder: Path, cache: Path, preflight: str = "", spread: str = SPREAD) -> BuildResult:
    write_issue(folder, ITEMS, _stories(spread))
    if preflight:
        with (folder / "layouts" / "mini.yaml").open("a", encoding="utf-8") as f:
            f.write(f"preflight: {{{preflight}}}\n")
    return build_issue(folder, BuildSettings(cache_dir=cache), proof=True)


def _loose(result: BuildResult) -> list:
    return [f for f in result.report.findings if f.check == "loose-line"]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> BuildResult:
    return _build(tmp_path_factory.mktemp("issue") / "i", cache)


def _pdf_lines(pdf: bytes) -> list[str]:
    """The text of every line of the print PDF whose median CJK letter-space exceeds
    0.12 em (the `make typo` reader's rule, on pdfplumber's glyph boxes)."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            rows: dict[int, list[dict]] = {}
            for c in page.chars:
                rows.setdefault(round(c["top"] * 2), []).append(c)
            for whole in rows.values():
                whole.sort(key=lambda c: c["x0"])
                for row in _columns(whole):
                    cjk = [(a, b) for a, b in zip(row, row[1:], strict=False)
                           if all(char_class(c["text"][0]) in (HAN, PUNCT) for c in (a, b))]
                    spaces = [(b["x0"] - a["x1"]) / a["size"] for a, b in cjk]
                    if spaces and statistics.median(spaces) > 0.12:
                        out.append("".join(c["text"] for c in row))
    return out


def _columns(row: list[dict]) -> list[list[dict]]:
    """A baseline's glyphs cut where the gutter (over an em) parts two columns."""
    parts = [[row[0]]]
    for a, b in zip(row, row[1:], strict=False):
        if b["x0"] - a["x1"] > b["size"]:
            parts.append([])
        parts[-1].append(b)
    return parts


def test_a_line_the_rules_must_spread_is_reported_with_its_text_and_paragraph(built) -> None:
    found = _loose(built)
    assert len(found) == 1
    f = found[0]
    assert (f.severity, f.page, f.item) == ("warning", 1, "park")
    assert "「徐家匯體育公園於」" in f.message
    assert str(f.where).endswith("stories/park.md:4:1")  # the paragraph, from its first character
    assert built.report.ready_for_press  # a warning: the page may still print


def test_the_print_pdf_agrees_which_lines_are_loose(built) -> None:
    pdf = built.files["print/issue.pdf"]
    assert _pdf_lines(pdf) == ["徐家匯體育公園於"]


def _yellow(result: BuildResult) -> list[tuple[int, int]]:
    """Pixels of the sign-off proof's first page (150 dpi, left half) under the highlighter."""
    doc = pdfium.PdfDocument(result.files["proof/proof.pdf"])
    image = doc[0].render(scale=150 / 72).to_pil().convert("RGB")
    doc.close()
    w, h = image.size
    px = image.load()
    return [(x, y) for y in range(0, h, 2) for x in range(0, w // 2, 2)
            if px[x, y][0] > 245 and px[x, y][1] > 225 and 100 < px[x, y][2] < 170]


def test_the_signoff_proof_paints_the_line_yellow(built) -> None:
    yellow = _yellow(built)
    # the highlighter sits in the first column (the park story), one line high
    assert len(yellow) > 200
    ys = [y for _x, y in yellow]
    assert max(ys) - min(ys) < 9 / 72 * 150 * 1.3


def test_plain_text_and_a_raised_limit_stay_quiet(tmp_path: Path, cache: Path) -> None:
    raised = _build(tmp_path / "raised", cache, "loose_line_em: 0.5")
    assert _loose(raised) == []
    assert _yellow(raised) == []
    off = _build(tmp_path / "off", cache, "loose_line_em: 0")
    assert _loose(off) == []


def test_the_edit_the_hint_asks_for_clears_the_warning(tmp_path: Path, cache: Path) -> None:
    """docs/typography.md's example: one character less and the year fits the first line."""
    edited = SPREAD.replace("徐家匯體育公園於2021年", "徐家匯體育公園2021年")
    assert _loose(_build(tmp_path / "edited", cache, spread=edited)) == []
