"""Every source check of preflight.md fires on a crafted issue and stays quiet on a near miss.

Issues are built end to end (`build_issue`, box test font). The box font sets every Han
character in exactly one em, so a broadsheet column holds 11 characters a line and the
body's first line 9 (2 em indent): line counts below are exact, not guessed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from issue_fixtures import (
    box_settings,
    build,
    han,
    issue_yaml,
    loading_errors,
    of,
    page,
    png,
    story,
    write_issue,
)
from reportlab.pdfgen.canvas import Canvas

from xhprint.layout.grid import Grid
from xhprint.manifest.issue import load_issue
from xhprint.model import AdItem
from xhprint.session import BuildSettings

ONE_COL = "- story: a\n  box: {col: 1, row: 13, cols: 1, rows: 20}\n"
# A 1-column box of 20 rows: the headline takes 3 rows, the body 17 lines.
FITS = han(169) + "。"  # 16 lines: 1 row empty
ROWS_EMPTY_3 = han(149) + "。"  # 14 lines: 3 rows empty
TOO_LONG = han(199) + "。"  # 19 lines: 2 overset


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> BuildSettings:
    return box_settings(tmp_path_factory.mktemp("font-cache"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, naming the issue `iss` as a user would (relative `where`)."""
    monkeypatch.chdir(tmp_path)
    return Path("iss")


def one_page(folder: Path, files: dict[str, str | bytes], items: str = ONE_COL) -> Path:
    return write_issue(folder, issue_yaml(page(1, items)), files)


# --- loading checks (exit 2) -------------------------------------------------------------

def test_manifest_fires_on_unknown_key_and_is_quiet_on_good(here: Path, settings) -> None:
    bad = "- story: a\n  box: {col: 1, row: 13, colz: 1, rows: 20}\n"
    found = of(loading_errors(one_page(here, {"stories/a.md": story()}, bad), settings), "manifest")
    assert found and any("cols" in f.message for f in found)
    assert str(found[0].where).startswith("iss/issue.yaml:9:")
    good = build(one_page(Path("ok"), {"stories/a.md": story()}), settings)
    assert of(good, "manifest") == []


def test_missing_file_fires_for_photo_and_is_quiet_when_present(here: Path, settings) -> None:
    front = "photos:\n  - file: photos/p.png"
    found = of(loading_errors(one_page(here, {"stories/a.md": story(front=front)}), settings),
               "missing-file")
    assert len(found) == 1 and "photos/p.png" in found[0].message
    assert str(found[0].where).startswith("iss/stories/a.md:")
    ok = build(one_page(Path("ok"), {"stories/a.md": story(front=front),
                                     "photos/p.png": png(400, 300)}), settings)
    assert of(ok, "missing-file") == []


def test_bad_image_fires_on_undecodable_photo(here: Path, settings) -> None:
    front = "photos:\n  - file: photos/p.png"
    files = {"stories/a.md": story(front=front), "photos/p.png": b"\x89PNG\r\n\x1a\nnot a png"}
    found = of(loading_errors(one_page(here, files), settings), "bad-image")
    assert len(found) == 1 and found[0].severity == "error"
    files["photos/p.png"] = png(400, 300)
    assert of(build(one_page(Path("ok"), files), settings), "bad-image") == []


def test_box_overlap_fires_and_is_quiet_side_by_side(here: Path, settings) -> None:
    two = ("- story: a\n  box: {col: 1, row: 13, cols: 2, rows: 20}\n"
           "- story: b\n  box: {col: %d, row: 13, cols: 1, rows: 20}\n")
    files = {"stories/a.md": story(body=han(300)), "stories/b.md": story(body=FITS)}
    found = of(loading_errors(one_page(here, files, two % 2), settings), "box-overlap")
    assert found and "a" in found[0].message and "b" in found[0].message
    assert of(build(one_page(Path("ok"), files, two % 3), settings), "box-overlap") == []


def test_jump_error_fires_when_no_part_on_target_page(here: Path, settings) -> None:
    p1 = "- story: a\n  box: {col: 1, row: 13, cols: 1, rows: 20}\n  continue: 2\n"
    p2 = "- story: b\n  box: {col: 1, row: 4, cols: 1, rows: 20}\n"
    files = {"stories/a.md": story(body=han(300)), "stories/b.md": story(body=FITS)}
    write_issue(here, issue_yaml(page(1, p1), page(2, p2)), files)
    found = of(loading_errors(here, settings), "jump", "error")
    assert len(found) == 1 and "2" in found[0].message


# --- layout checks -------------------------------------------------------------------------

def test_overset_fires_with_line_count_and_is_quiet_when_text_fits(here: Path, settings) -> None:
    r = build(one_page(here, {"stories/a.md": story(body=TOO_LONG)}), settings)
    (f,) = of(r, "overset")
    assert f.severity == "error" and f.message.startswith("2 lines")
    assert str(f.where) == "iss/issue.yaml:8:9" and f.page == 1 and f.item == "a"
    assert r.report.pages[0]["items"][0]["overset_lines"] == 2
    ok = build(one_page(Path("ok"), {"stories/a.md": story(body=FITS)}), settings)
    assert of(ok, "overset") == [] and ok.report.pages[0]["items"][0]["lines_set"] == 16


def test_underset_fires_at_three_empty_rows_and_not_at_one(here: Path, settings) -> None:
    r = build(one_page(here, {"stories/a.md": story(body=ROWS_EMPTY_3)}), settings)
    (f,) = of(r, "underset")
    assert f.severity == "warning" and "3 rows" in f.message
    ok = build(one_page(Path("ok"), {"stories/a.md": story(body=FITS)}), settings)
    assert of(ok, "underset") == []


def test_missing_glyph_names_code_point(here: Path, settings) -> None:
    body = han(40) + "𩸽" + han(120) + "。"
    r = build(one_page(here, {"stories/a.md": story(body=body)}), settings)
    (f,) = of(r, "missing-glyph")
    assert f.severity == "error" and "U+29E3D" in f.message
    assert str(f.where).startswith("iss/stories/a.md:4")
    ok = build(one_page(Path("ok"), {"stories/a.md": story(body=FITS)}), settings)
    assert of(ok, "missing-glyph") == []


def test_headline_lines_fires_on_long_headline_in_one_column(here: Path, settings) -> None:
    r = build(one_page(here, {"stories/a.md": story(headline=han(14), body=han(40))}), settings)
    (f,) = of(r, "headline-lines")
    assert f.severity == "warning" and f.item == "a"
    ok = build(one_page(Path("ok"), {"stories/a.md": story(headline="標題", body=FITS)}), settings)
    assert of(ok, "headline-lines") == []


def test_widow_fires_when_paragraph_end_tops_a_column(here: Path, settings) -> None:
    two_cols = "- story: a\n  box: {col: 1, row: 13, cols: 2, rows: 20}\n"
    # 17 body lines per column; a paragraph of 18 lines puts its 5-character end on top of
    # column 2, one of 16 lines ends inside column 1. The second paragraph (16 lines) fills
    # the box exactly, so the layout has no row to spare to keep the last line company.
    widowed = han(9 + 16 * 11 + 5) + "\n\n" + han(9 + 15 * 11)
    r = build(one_page(here, {"stories/a.md": story(body=widowed)}, two_cols), settings)
    (f,) = of(r, "widow")
    assert f.severity == "warning" and str(f.where) == "iss/stories/a.md:4:1"
    fine = han(9 + 14 * 11 + 5) + "\n\n" + han(150)
    ok = build(one_page(Path("ok"), {"stories/a.md": story(body=fine)}, two_cols), settings)
    assert of(ok, "widow") == []


def test_jump_warning_when_continuation_not_needed(here: Path, settings) -> None:
    p1 = "- story: a\n  box: {col: 1, row: 13, cols: 1, rows: 20}\n  continue: 2\n"
    p2 = "- story: a\n  box: {col: 1, row: 4, cols: 1, rows: 20}\n"
    write_issue(here, issue_yaml(page(1, p1), page(2, p2)), {"stories/a.md": story(body=FITS)})
    (f,) = of(build(here, settings), "jump")
    assert f.severity == "warning" and f.page == 1 and "not needed" in f.message
    write_issue(Path("ok"), issue_yaml(page(1, p1), page(2, p2)),
                {"stories/a.md": story(body=han(300) + "。")})
    assert of(build(Path("ok"), settings), "jump") == []


@pytest.mark.parametrize(("px", "severity"), [(100, "error"), (180, "warning"), (400, None)])
def test_low_res_image_error_warning_and_quiet(here: Path, settings, px: int,
                                               severity: str | None) -> None:
    # A 1-column photo is ≈ 99 pt = 1.375 in wide: 100 px ≈ 73 ppi, 180 px ≈ 131, 400 px ≈ 291.
    front = "photos:\n  - file: photos/p.png"
    files = {"stories/a.md": story(front=front, body=han(40)), "photos/p.png": png(px, px * 3 // 4)}
    found = of(build(one_page(here, files), settings), "low-res-image")
    assert [f.severity for f in found] == ([severity] if severity else [])
    if found:
        assert str(found[0].where).startswith("iss/stories/a.md:") and "ppi" in found[0].message


def test_photo_crop_fires_on_flat_fill_frame_and_not_on_natural_one(here: Path,
                                                                    settings) -> None:
    flat = "photos:\n  - file: photos/p.png\n    rows: 2\n    fit: fill"
    files = {"stories/a.md": story(front=flat, body=han(40)), "photos/p.png": png(400, 400)}
    (f,) = of(build(one_page(here, files), settings), "photo-crop")
    assert f.severity == "warning" and "%" in f.message
    natural = "photos:\n  - file: photos/p.png\n    fit: fill"
    files["stories/a.md"] = story(front=natural, body=han(40))
    assert of(build(one_page(Path("ok"), files), settings), "photo-crop") == []


def test_script_mix_in_story_with_file_line_col(here: Path, settings) -> None:
    body = han(20) + "\n\n" + han(5) + "讲" + han(30) + "。"
    r = build(one_page(here, {"stories/a.md": story(body=body)}), settings)
    found = [f for f in of(r, "script-mix") if f.item == "a"]
    assert len(found) == 1 and "讲" in found[0].message and "講" in found[0].message
    assert str(found[0].where) == "iss/stories/a.md:6:6"
    ok = build(one_page(Path("ok"), {"stories/a.md": story(body=body.replace("讲", "講"))}),
               settings)
    assert [f for f in of(ok, "script-mix") if f.item == "a"] == []


def test_script_mix_on_template_text_points_at_template_line(here: Path, settings) -> None:
    r = build(one_page(here, {"stories/a.md": story(body=FITS)}), settings)
    (f,) = [f for f in of(r, "script-mix") if f.item == "masthead"]
    assert "发" in f.message and "發" in f.message
    where = str(f.where)
    assert where.endswith("layouts/broadsheet.yaml:18:19")  # the QR label 上海徐匯发布微博
    lines = Path(where.rsplit(":", 2)[0]).read_text("utf-8").splitlines()
    assert lines[17][18] == "发"


def test_script_mix_traditional_in_simplified_issue(here: Path, settings) -> None:
    body = "人工智能讲座在會場举行。"
    write_issue(here, issue_yaml(page(1, ONE_COL), lang="zh-Hans"),
                {"stories/a.md": story(headline="标题", body=body)})
    found = [f for f in of(build(here, settings), "script-mix") if f.item == "a"]
    assert [(f.message.split()[2], str(f.where)) for f in found] == [
        ("會", "iss/stories/a.md:4:8"), ("場", "iss/stories/a.md:4:9")]


def test_page_count_fires_for_two_pages_and_not_for_four(here: Path, settings) -> None:
    p1 = page(1, ONE_COL)
    files = {"stories/a.md": story(body=FITS)}
    write_issue(here, issue_yaml(p1, page(2, "[]")), files)
    (f,) = of(build(here, settings), "page-count")
    assert f.severity == "warning" and f.message.startswith("2 pages")
    write_issue(Path("ok"), issue_yaml(p1, page(2, "[]"), page(3, "[]"), page(4, "[]")), files)
    assert of(build(Path("ok"), settings), "page-count") == []


def _pdf_advert(w: float, h: float) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w, h), invariant=1)
    c.setFillColorCMYK(0, 0.6, 1, 0)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_ad_size_fires_on_wrong_aspect_and_not_on_booked_size(here: Path, settings) -> None:
    items = ONE_COL + "- ad: ads/ad.pdf\n  box: {col: 2, row: 13, cols: 3, rows: 10}\n"
    files: dict[str, str | bytes] = {"stories/a.md": story(body=FITS),
                                     "ads/ad.pdf": _pdf_advert(100, 100)}
    one_page(here, files, items)
    (f,) = of(build(here, settings), "ad-size")
    assert f.severity == "warning" and f.item == "ads/ad.pdf" and f.page == 1
    issue = load_issue(here, settings.project_root)
    ad = next(it for it in issue.pages[0].items if isinstance(it, AdItem))
    rect = Grid.for_page(issue.template, 1).box_rect(ad.box)
    files["ads/ad.pdf"] = _pdf_advert(rect.w, rect.h)
    assert of(build(one_page(Path("ok"), files, items), settings), "ad-size") == []
