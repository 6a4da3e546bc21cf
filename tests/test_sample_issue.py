"""issues/2023-40 read back from print/issue.pdf: the reference front page and its page 2.

Issue acceptance (pages): every character of every seed story present in order; 0
kinsoku violations; no overlapping text lines; no text outside its item box or on a
photo; TrimBox = the template's trim and BleedBox = trim + 3 mm on every page; every
font embedded; the QR codes decode to their URLs.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from support.pdftext import Char, read_chars
from xhprint.model import MM
from xhprint.model.frame import ImageBox, ItemArea, TextLine
from xhprint.text.kinsoku import no_end_set, no_start_set

BODY_STORIES = ("study-session", "ecology", "ai-cluster")


def _trim_origin(pdf: bytes) -> list[tuple[float, float]]:
    """Per page, the trim box's top-left in pdfplumber's coordinates (from the MediaBox top)."""
    out = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        media, trim = page.mediabox, page.trimbox
        out.append((float(trim.left) - float(media.left), float(media.top) - float(trim.top)))
    return out


@pytest.fixture(scope="module")
def chars(sample_build) -> list[Char]:
    """Characters of print/issue.pdf in trim coordinates (as the layout places them)."""
    pdf = sample_build.files["print/issue.pdf"]
    origins = _trim_origin(pdf)
    out = []
    height = sample_build.issue.template.trim_height
    for c in read_chars(pdf):
        dx, dy = origins[c.page - 1]
        if c.bottom - dy < 0 or c.top - dy > height:
            continue  # the slug line, outside the trim
        out.append(Char(c.text, c.x0 - dx, c.x1 - dx, c.top - dy, c.bottom - dy, c.size, c.page))
    return out


CLOSING = frozenset("”’」』）》〉】〕〗〙｝］")
OPENING = frozenset("“‘「『（《〈【〔〖〘｛［")


def ink_x(c: Char) -> tuple[float, float]:
    """Horizontal extent of a glyph's ink half for quotes and brackets, which the composer
    may compress by half an em (clreq §3.1.6): the other half of their box is blank."""
    if c.text in CLOSING:
        return c.x0, c.x0 + c.size / 2
    if c.text in OPENING:
        return c.x1 - c.size / 2, c.x1
    return c.x0, c.x1


def _inside(c: Char, a: ItemArea | ImageBox, tol: float = 0.6) -> bool:
    x0, x1 = ink_x(c)
    return (a.x - tol <= x0 and x1 <= a.x + a.w + tol
            and a.y - tol <= c.top and c.bottom <= a.y + a.h + tol)


def _areas(sample_build, story: str) -> list[tuple[int, ItemArea]]:
    return [(p.number, a) for p in sample_build.layout.pages for a in p.areas
            if a.id == story and a.kind == "story"]


def _in_reading_order(cs: list[Char], col_starts: list[float]) -> list[Char]:
    """Column by column (the grid's column of each char), top to bottom, left to right."""
    def col(c: Char) -> int:
        return max(i for i, x in enumerate(col_starts) if x <= c.x0 + 0.5)
    return sorted(cs, key=lambda c: (c.page, col(c), round(c.bottom), c.x0))


def _body_text(sample_build, chars, story: str, size: float) -> str:
    grids = sample_build.layout.grids
    picked: list[Char] = []
    for page, area in _areas(sample_build, story):
        picked += [c for c in chars if c.page == page and _inside(c, area)
                   and abs(c.size - size) < 0.01]
    # The story's columns are where its lines start (a picture caption's segments are
    # wider than the grid's columns).
    starts = sorted({round(e.x, 3) for page in sample_build.layout.pages for e in page.elements
                     if isinstance(e, TextLine) and e.item == story
                     and e.role in ("body", "caption")}) or [
        grids[0].col_x(k) for k in range(1, grids[0].columns + 1)]
    return "".join(c.text for c in _in_reading_order(picked, starts))


def _source(sample_build, story: str) -> str:
    s = sample_build.issue.stories[story]
    return "".join(b.text for b in s.blocks)


@pytest.mark.parametrize("story", BODY_STORIES)
def test_every_story_character_present_in_order(sample_build, chars, story) -> None:
    got = _body_text(sample_build, chars, story, 9.0)
    # The byline (kai, 9 pt) sits above the body; jump lines are 8 pt and so left out.
    byline = sample_build.issue.stories[story].byline
    got = re.sub(r"\s", "", got).replace(re.sub(r"\s", "", byline), "", 1)
    assert got == re.sub(r"\s", "", _source(sample_build, story))


def test_picture_story_text_and_credit(sample_build, chars) -> None:
    got = re.sub(r"\s", "", _body_text(sample_build, chars, "garden", 8.0))
    story = sample_build.issue.stories["garden"]
    want = re.sub(r"\s", "", _source(sample_build, "garden") + story.photos[0].credit)
    assert got == want


def _visual_lines(chars: list[Char], grids) -> list[list[Char]]:
    """Characters on one baseline, split where a wide gap spans a gutter's centre (the
    next column's line); loosely spaced lines inside a column stay whole."""
    rows: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        rows.setdefault((c.page, round(c.bottom * 2)), []).append(c)
    lines = []
    for (page, _b), row in sorted(rows.items()):
        g = grids[page - 1]
        centres = [g.col_x(k) - g.gutter / 2 for k in range(2, g.columns + 1)]
        row.sort(key=lambda c: c.x0)
        run = [row[0]]
        for c in row[1:]:
            prev = run[-1]
            gap = c.x0 - prev.x1
            if gap > g.gutter * 0.5 and any(prev.x1 <= m <= c.x0 for m in centres):
                lines.append(run)
                run = [c]
            else:
                run.append(c)
        lines.append(run)
    return lines


def test_no_kinsoku_violations(sample_build, chars) -> None:
    bad_start, bad_end = no_start_set("basic"), no_end_set("basic")
    violations = [
        "".join(c.text for c in line) for line in _visual_lines(chars, sample_build.layout.grids)
        if line[0].text in bad_start or line[-1].text in bad_end
    ]
    assert violations == []


def test_no_overlapping_text_lines(sample_build, chars) -> None:
    lines = _visual_lines(chars, sample_build.layout.grids)
    boxes = []
    for line in lines:
        xs = [ink_x(c) for c in line]
        boxes.append((line[0].page, min(x[0] for x in xs), max(x[1] for x in xs),
                      min(c.top for c in line), max(c.bottom for c in line),
                      "".join(c.text for c in line)))
    overlaps = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] != b[0]:
                continue
            w = min(a[2], b[2]) - max(a[1], b[1])
            h = min(a[4], b[4]) - max(a[3], b[3])
            if w > 0.3 and h > 0.3:
                overlaps.append((a[5], b[5]))
    assert len(boxes) > 250
    assert overlaps == []


def test_text_inside_item_boxes_and_never_on_a_photo(sample_build, chars) -> None:
    layout = sample_build.layout
    outside, on_photo = [], []
    for page in layout.pages:
        areas = list(page.areas)
        photos = [e for e in page.elements if isinstance(e, ImageBox)]
        for c in (c for c in chars if c.page == page.number and not c.text.isspace()):
            if not any(_inside(c, a) for a in areas):
                outside.append((page.number, c.text, round(c.x0), round(c.top)))
            for p in photos:
                w = min(c.x1, p.x + p.w) - max(c.x0, p.x)
                h = min(c.bottom, p.y + p.h) - max(c.top, p.y)
                if w > 0.1 and h > 0.1:
                    on_photo.append((page.number, c.text))
    assert outside == []
    assert on_photo == []


def test_page_boxes(sample_build) -> None:
    tpl = sample_build.issue.template
    for name in ["print/issue.pdf", "print/page-01.pdf", "print/page-02.pdf"]:
        for page in pypdf.PdfReader(io.BytesIO(sample_build.files[name])).pages:
            trim, bleed = page.trimbox, page.bleedbox
            assert float(trim.width) == pytest.approx(tpl.trim_width, abs=0.01)
            assert float(trim.height) == pytest.approx(tpl.trim_height, abs=0.01)
            assert float(bleed.width) == pytest.approx(tpl.trim_width + 6 * MM, abs=0.01)
            assert float(bleed.height) == pytest.approx(tpl.trim_height + 6 * MM, abs=0.01)
            assert float(bleed.left) == pytest.approx(float(trim.left) - 3 * MM, abs=0.01)


def test_every_font_embedded(sample_build, tmp_path) -> None:
    path = tmp_path / "issue.pdf"
    path.write_bytes(sample_build.files["print/issue.pdf"])
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 4
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_qr_codes_decode_to_their_urls(sample_build) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    mh = sample_build.issue.template.masthead
    doc = pdfium.PdfDocument(sample_build.files["digital/issue.pdf"])
    image = doc[0].render(scale=300 / 72).to_pil().convert("L")
    top = image.crop((0, 0, image.width, image.height // 6))
    found = {r.text for r in zxingcpp.read_barcodes(top)}
    doc.close()
    assert found == {q.url for q in mh.qr}


def test_jump_lines_name_the_right_pages(sample_build, chars) -> None:
    text = {p: "".join(c.text for c in chars if c.page == p) for p in (1, 2)}
    assert "（下轉第2版）" in text[1]
    assert "（上接第1版）" in text[2]
    assert "轉第1版" not in text[1] and "上接第2版" not in text[2]


def test_slug_and_report(sample_build) -> None:
    report = sample_build.report
    assert report.ready_for_press
    assert [p["number"] for p in report.pages] == [1, 2]
    assert {o.path for o in report.outputs} >= {"print/issue.pdf", "digital/issue.pdf"}


def test_same_input_same_bytes(sample_build, tmp_path) -> None:
    from xhprint.build import build_issue
    from xhprint.session import BuildSettings

    again = build_issue(Path(sample_build.issue.folder), BuildSettings(cache_dir=tmp_path))
    for name in ("print/issue.pdf", "print/page-01.pdf", "digital/issue.pdf"):
        assert again.files[name] == sample_build.files[name], name
