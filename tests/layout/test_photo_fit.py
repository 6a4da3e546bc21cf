"""Nothing prints outside its box: photos too tall for their boxes, read back from the PDF.

Each case builds a small issue (the `mini` template, box test font, real JPEGs written on
the fly) and reads the print PDF back with pdfplumber: every image lies inside its
story's box, no glyph is drawn on an image, and the finding says what happened.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from layout.jump_readback import JUMPS, read_chars
from xhprint.build import BuildResult, build_issue
from xhprint.layout.grid import Rect
from xhprint.layout.invariants import box_overflow, outside_by
from xhprint.model.frame import ImageBox, LaidOutPage, PlacedGlyph, TextLine
from xhprint.session import BuildSettings

BODY = "徐匯區今年新建口袋公園十二座，居民步行十五分鐘即可到達一處綠地。" * 6


def _issue(folder: Path, items: str, stories: dict[str, str], photos: dict[str, tuple[int, int]]
           ) -> Path:
    (folder / "stories").mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "layouts").mkdir()
    (folder / "layouts" / "mini.yaml").write_bytes((JUMPS / "layouts" / "mini.yaml").read_bytes())
    for name, (w, h) in photos.items():
        img = Image.new("RGB", (w, h), (40, 120, 60))
        img.paste((200, 180, 40), (w // 4, h // 4, w * 3 // 4, h * 3 // 4))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
        (folder / "photos" / name).write_bytes(buf.getvalue())
    for sid, text in stories.items():
        (folder / "stories" / f"{sid}.md").write_text(text, encoding="utf-8")
    (folder / "issue.yaml").write_text(
        "layout: layouts/mini.yaml\nlang: zh-Hant\nissue: {number: 1, total: 1, date: 2024-01-05}\n"
        "pages:\n  - number: 1\n    section: 要聞\n    items:\n" + items, encoding="utf-8")
    return folder


def _images(pdf: bytes) -> list[Rect]:
    """Every placed image's rectangle in trim coordinates (pt from the trim top-left)."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            trim = page.page_obj.attrs.get("TrimBox") or page.mediabox
            from pdfminer.pdftypes import resolve1

            tx0, _b, _r, ty1 = (float(resolve1(v)) for v in resolve1(trim))
            dy = float(page.mediabox[3]) - ty1
            for im in page.images:
                out.append(Rect(im["x0"] - tx0, im["top"] - dy, im["x1"] - im["x0"],
                                im["bottom"] - im["top"]))
    return out


def _build(folder: Path, box_settings: BuildSettings) -> BuildResult:
    return build_issue(folder, box_settings)


def _story_rect(result: BuildResult, sid: str) -> Rect:
    assert result.layout is not None
    area = next(a for a in result.layout.pages[0].areas if a.id == sid)
    return Rect(area.x, area.y, area.w, area.h)


def _assert_images_inside_and_uncovered(result: BuildResult, sid: str) -> list[Rect]:
    pdf = result.files["print/issue.pdf"]
    box = _story_rect(result, sid)
    images = _images(pdf)
    for im in images:
        assert outside_by(im, box) <= 0.5, (im, box)
    for c in read_chars(pdf):
        for im in images:
            inside = im.x < c.x < im.right and im.y < c.y < im.bottom
            assert not inside, f"glyph {c.text} drawn on a photo at {c.x:.0f},{c.y:.0f}"
    return images


def _checks(result: BuildResult, check: str) -> list:
    return [f for f in result.report.findings if f.check == check]


def test_explicit_rows_too_many_for_the_box_are_an_error(tmp_path, box_settings) -> None:
    # rows: 30 asked in a 12-row box: the photo keeps to the rows left, and that is too
    # small a share of what was asked (under a third): an error naming both figures.
    folder = _issue(tmp_path / "i", "      - story: park\n        box: {col: 1, row: 6, cols: 2, rows: 12}\n"
                    "      - story: next\n        box: {col: 1, row: 18, cols: 2, rows: 10}\n",
                    {"park": "---\nheadline: 口袋公園開放\nphotos:\n  - file: photos/p.jpg\n"
                             "    caption: 新開放的口袋公園。\n    rows: 30\n---\n" + BODY + "\n",
                     "next": "---\nheadline: 下一篇\n---\n" + BODY[:60] + "\n"},
                    {"p.jpg": (1600, 1200)})
    result = _build(folder, box_settings)
    fits = _checks(result, "photo-fit")
    assert [f.severity for f in fits] == ["error"]
    message = fits[0].message
    assert message.startswith("photos/p.jpg has rows: 30, but its box has only ")
    given = int(message.split("only ")[1].split()[0])
    assert 0 < given < 10
    assert fits[0].where is not None and fits[0].where.file.endswith("park.md")
    images = _assert_images_inside_and_uncovered(result, "park")
    assert len(images) == 1 and images[0].h == pytest.approx(given * 14, abs=0.6)
    assert not result.report.ready_for_press


def test_photo_squeezed_a_little_is_a_warning_and_stays_in_its_box(tmp_path, box_settings) -> None:
    folder = _issue(tmp_path / "i", "      - story: park\n        box: {col: 1, row: 6, cols: 3, rows: 20}\n",
                    {"park": "---\nheadline: 口袋公園開放\nphotos:\n  - file: photos/p.jpg\n"
                             "    rows: 20\n---\n" + BODY[:40] + "\n"},
                    {"p.jpg": (1600, 1200)})
    result = _build(folder, box_settings)
    fits = _checks(result, "photo-fit")
    assert [f.severity for f in fits] == ["warning"]
    given = int(fits[0].message.split("set ")[1].split()[0])
    assert f"set rows: {given}" in (fits[0].hint or "")  # the rows it got, as a value to write
    assert 10 <= given < 20
    _assert_images_inside_and_uncovered(result, "park")
    assert not _checks(result, "box-overflow")


def test_box_with_no_row_left_draws_no_photo(tmp_path, box_settings) -> None:
    folder = _issue(tmp_path / "i", "      - story: park\n        box: {col: 1, row: 6, cols: 1, rows: 3}\n",
                    {"park": "---\nheadline: 口袋公園開放\nphotos:\n  - file: photos/p.jpg\n---\n"
                             "短訊。\n"},
                    {"p.jpg": (800, 1200)})
    result = _build(folder, box_settings)
    assert [f.severity for f in _checks(result, "photo-fit")] == ["error"]
    assert _images(result.files["print/issue.pdf"]) == []


def test_picture_story_photo_leaves_room_for_its_caption_text(tmp_path, box_settings) -> None:
    # A portrait photo whose aspect ratio asks for ~50 rows in a 30-row box: the photo
    # takes what the label and the caption text leave, and every caption character prints.
    caption = "市民在新開放的口袋公園散步。公園由廢棄廠房改建，保留了老廠房的紅磚牆。" * 2
    folder = _issue(tmp_path / "i", "      - story: pic\n        box: {col: 1, row: 6, cols: 3, rows: 30}\n",
                    {"pic": "---\nkind: picture\nlabel: 圖片新聞\nphotos:\n  - file: photos/tall.jpg\n"
                            "    credit: 記者 朱亮 攝\n---\n" + caption + "\n"},
                    {"tall.jpg": (900, 1800)})
    result = _build(folder, box_settings)
    assert [f.severity for f in _checks(result, "photo-fit")] == ["warning"]
    assert not _checks(result, "overset") and not _checks(result, "box-overflow")
    _assert_images_inside_and_uncovered(result, "pic")
    printed = "".join(c.text for c in read_chars(result.files["print/issue.pdf"]))
    for ch in set(caption + "記者朱亮攝"):
        assert ch in printed


def test_picture_caption_runs_in_wide_balanced_segments(tmp_path, box_settings) -> None:
    caption = ("為進一步踐行人民城市理念，上海植物園北區改建工程歷時三年，於九月二十八日上午對外試開放，"
               "吸引了不少市民前來先睹為快。北區總體設計定位為上海大花園，充分尊重原生態本底。")
    folder = _issue(tmp_path / "i", "      - story: pic\n        box: {col: 1, row: 6, cols: 3, rows: 24}\n",
                    {"pic": "---\nkind: picture\nlabel: 圖片新聞\nphotos:\n  - file: photos/w.jpg\n"
                            "    credit: 朱亮 攝\n---\n" + caption + "\n"},
                    {"w.jpg": (2400, 1200)})
    result = _build(folder, box_settings)
    assert result.layout is not None
    grid = result.layout.grids[0]
    lines = [e for e in result.layout.pages[0].elements
             if isinstance(e, TextLine) and e.role in ("caption", "credit")]
    segments = sorted({round(t.x, 1) for t in lines})
    # Not body-width columns: each segment is wider than a body column.
    widths = [max(g.occupied[1] for g in t.glyphs) for t in lines if t.role == "caption"]
    assert max(widths) > grid.col_width * 1.3
    per_segment = [sum(1 for t in lines if round(t.x, 1) == x) for x in segments]
    assert min(per_segment) >= 2 or len(segments) == 1  # no empty or near-empty segment
    assert max(per_segment) - min(per_segment) <= 1  # level


def test_invariant_names_an_element_outside_its_box() -> None:
    from xhprint.layout.grid import Grid
    from xhprint.model.frame import ItemArea

    grid = Grid(left=30, top=30, columns=2, col_chars=10, col_width=90, gutter=10, rows=20,
                leading=14, size=9, type_width=190)
    glyphs = tuple(PlacedGlyph("字", 9.0 * k, "f", 9.0) for k in range(12))  # 108 pt wide
    line = TextLine(30, 50, 9, glyphs, item="s")
    photo = ImageBox(30, 60, 90, 300, Path("p.jpg"), (0, 0, 10, 10), item="s")
    page = LaidOutPage(1, 300, 400, "x", (line, photo),
                       (ItemArea("s", "story", 30, 30, 90, 140),))
    found = box_overflow(page, grid)
    assert [f.check for f in found] == ["box-overflow", "box-overflow"]
    assert "the line “字字字" in found[0].message and "18.0 pt" in found[0].message
    assert "photo p.jpg" in found[1].message
    quiet = LaidOutPage(1, 300, 400, "x", (TextLine(30, 50, 9, glyphs[:10], item="s"),),
                        (ItemArea("s", "story", 30, 30, 90, 140),))
    assert box_overflow(quiet, grid) == []


def test_sample_issue_keeps_everything_in_its_box(sample_build) -> None:
    assert not [f for f in sample_build.report.findings if f.check in ("box-overflow", "photo-fit")]
