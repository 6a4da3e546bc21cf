"""One test per loading error class: message, check id and file:line:col."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from manifest_helpers import BASE_ISSUE, REPO, STORY, only, write_issue

from xhprint.manifest import load_issue
from xhprint.model.findings import InputError


def with_items(items: str, pages_extra: str = "") -> str:
    """BASE_ISSUE with page 1's items replaced (items indented 6 spaces)."""
    head = BASE_ISSUE.split("    items:\n")[0]
    return head + "    items:\n" + items + pages_extra


def test_good_fixture_loads() -> None:
    issue = load_issue(REPO / "tests/data/manifest/good", REPO)
    assert [p.number for p in issue.pages] == [1, 2]
    assert set(issue.stories) == {"lead", "cluster", "garden"}
    assert issue.pages[0].items[1].continue_to == 2
    assert issue.stories["garden"].title == "圖片新聞"


def test_yaml_syntax_error(load_errors) -> None:
    f = only(load_errors("layout: broadsheet\nlang: [zh-Hant\nissue: {}\n"))
    assert f.check == "manifest"
    assert "YAML syntax error" in f.message
    assert str(f.where).startswith("iss/issue.yaml:3:")


def test_unknown_key_names_closest(load_errors) -> None:
    errors = load_errors(BASE_ISSUE.replace("    section: 要聞", "    sectoin: 要聞"))
    f = only([e for e in errors if "unknown" in e.message])
    assert "unknown key 'sectoin' in page 1" in f.message
    assert "did you mean 'section'?" in f.message
    assert str(f.where) == "iss/issue.yaml:9:5"


def test_unknown_key_reports_section_missing(load_errors) -> None:
    errors = load_errors(BASE_ISSUE.replace("    section: 要聞", "    sectoin: 要聞"))
    messages = [e.message for e in errors]
    assert any("missing the required key 'section'" in m for m in messages), messages


def test_wrong_type(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("number: 40", "number: forty")))
    assert f.message == "issue.number must be a whole number, not 'forty'"
    assert str(f.where) == "iss/issue.yaml:4:11"
    assert f.hint


def test_missing_required_key(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("  total: 1746\n", "")))
    assert f.message == "issue is missing the required key 'total'"
    assert str(f.where) == "iss/issue.yaml:4:3"


def test_bad_enum(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("lang: zh-Hant", "lang: zh-TW")))
    assert "lang must be one of zh-Hant, zh-Hans, not 'zh-TW'" in f.message
    assert str(f.where) == "iss/issue.yaml:2:7"


@pytest.mark.parametrize("date", ["2023-02-30", "2023/10/02", "02-10-2023"])
def test_bad_date(load_errors, date: str) -> None:
    f = only(load_errors(BASE_ISSUE.replace("date: 2023-10-02", f"date: {date}")))
    assert f.message == f"issue.date is not a valid date: {date!r}"
    assert str(f.where) == "iss/issue.yaml:6:9"
    assert "YYYY-MM-DD" in (f.hint or "")


def test_bad_length_unit_in_overrides(load_errors) -> None:
    text = BASE_ISSUE.replace("pages:", "layout_overrides:\n  gutter: 4px\npages:")
    f = only(load_errors(text))
    assert f.message.startswith("gutter: bad length '4px'")
    assert str(f.where) == "iss/issue.yaml:8:11"


def test_duplicate_key(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("lang: zh-Hant\n", "lang: zh-Hant\nlang: zh-Hans\n")))
    assert f.message == "duplicate key 'lang'"
    assert str(f.where) == "iss/issue.yaml:3:1"


# -- paths --------------------------------------------------------------------
AD = "      - ad: {path}\n        box: {{col: 5, row: 13, cols: 4, rows: 20}}\n"
A_ITEM = "      - story: a\n        box: {col: 1, row: 13, cols: 4, rows: 20}\n"


@pytest.mark.parametrize(("path", "fragment"), [
    ("../outside.pdf", "leaves the issue folder"),
    ("/etc/hostname", "is an absolute path"),
    ("ads/link.pdf", "resolves outside the issue folder"),
    ("ads/none.pdf", "does not exist"),
])
def test_ad_path_problems(load_errors, tmp_path: Path, path: str, fragment: str) -> None:
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "iss" / "ads").mkdir(parents=True)
    os.symlink(tmp_path / "outside.pdf", tmp_path / "iss" / "ads" / "link.pdf")
    f = only(load_errors(with_items(A_ITEM + AD.format(path=path))))
    assert f.check == "missing-file"
    assert fragment in f.message and path in f.message
    assert str(f.where) == "iss/issue.yaml:13:13"


def test_missing_story_file(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("story: a", "story: nope")))
    assert f.check == "missing-file"
    assert f.message == "story 'nope': 'stories/nope.md' does not exist"
    assert str(f.where) == "iss/issue.yaml:11:16"
    assert "iss/stories/nope.md" in (f.hint or "")


def test_story_id_escaping(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("story: a", "story: ../../x")))
    assert f.check == "missing-file" and "leaves the issue folder" in f.message


def test_missing_photo_file(load_errors) -> None:
    story = "---\nheadline: 標題\nphotos:\n  - file: photos/gone.jpg\n---\n正文。\n"
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": story}))
    assert f.check == "missing-file"
    assert f.message == "photo 1: 'photos/gone.jpg' does not exist"
    assert str(f.where) == "iss/stories/a.md:4:11"


def test_photo_symlink_outside(load_errors, tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"x")
    (tmp_path / "iss" / "photos").mkdir(parents=True)
    os.symlink(tmp_path / "secret.jpg", tmp_path / "iss" / "photos" / "p.jpg")
    story = "---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n---\n正文。\n"
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": story}))
    assert f.check == "missing-file" and "resolves outside the issue folder" in f.message


# -- boxes --------------------------------------------------------------------
def test_box_overlaps_box(load_errors) -> None:
    items = A_ITEM + "      - story: b\n        box: {col: 4, row: 30, cols: 2, rows: 5}\n"
    errors = load_errors(with_items(items), {"stories/b.md": STORY})
    f = only(errors)
    assert f.check == "box-overlap"
    assert f.message == "story 'b' box overlaps story 'a' box on page 1 (line 12)"
    assert str(f.where) == "iss/issue.yaml:14:14"
    assert f.page == 1 and f.item == "b"


def test_box_overlaps_masthead(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE.replace("row: 13", "row: 12")))
    assert f.check == "box-overlap"
    assert f.message == "story 'a' box starts at row 12 and overlaps the masthead (rows 1–12)"
    assert str(f.where) == "iss/issue.yaml:12:14"


def test_box_overlaps_page_header(load_errors) -> None:
    page2 = ("  - number: 2\n    section: 綜合\n    items:\n"
             "      - ad: ads/x.png\n        box: {col: 1, row: 3, cols: 2, rows: 5}\n")
    f = only(load_errors(BASE_ISSUE + page2, {"ads/x.png": b"png"}))
    assert f.check == "box-overlap"
    assert f.message == "ad 'ads/x.png' box starts at row 3 and overlaps the page header (rows 1–3)"
    assert str(f.where) == "iss/issue.yaml:17:14"


@pytest.mark.parametrize(("box", "what"), [
    ("{col: 6, row: 13, cols: 4, rows: 20}", "columns 6–9"),
    ("{col: 1, row: 80, cols: 4, rows: 15}", "rows 80–94"),
])
def test_box_leaves_type_area(load_errors, box: str, what: str) -> None:
    f = only(load_errors(BASE_ISSUE.replace("{col: 1, row: 13, cols: 4, rows: 20}", box)))
    assert f.check == "box-overlap"
    assert what in f.message and "leaves the type area of 8 columns × 93 rows" in f.message


def test_box_missing_key_and_zero(load_errors) -> None:
    errors = load_errors(BASE_ISSUE.replace("cols: 4, rows: 20", "cols: 0"))
    messages = sorted(e.message for e in errors)
    assert messages == ["page 1 item 1 box cols must be at least 1, not 0",
                        "page 1 item 1 box is missing the required key 'rows'"]


# -- pages, story ids, jumps --------------------------------------------------
PAGE = "  - number: {n}\n    section: 綜合\n    items:\n{items}"


def item(story: str, row: int, extra: str = "") -> str:
    return f"      - story: {story}\n        box: {{col: 1, row: {row}, cols: 2, rows: 5}}\n{extra}"


def test_page_number_gap(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE + PAGE.format(n=3, items="")))
    assert f.message == "page number 3 is at position 2 of pages"
    assert "should be 2" in (f.hint or "")
    assert str(f.where) == "iss/issue.yaml:13:13"


def test_story_twice_on_one_page(load_errors) -> None:
    f = only(load_errors(with_items(A_ITEM + item("a", 40))))
    assert f.message == "story 'a' appears twice on page 1"
    assert str(f.where) == "iss/issue.yaml:13:9"


def test_jump_backwards_and_unpointed_part(load_errors) -> None:
    text = with_items(A_ITEM) + PAGE.format(n=2, items=item("a", 10, "        continue: 1\n"))
    jumps = sorted((e.message, str(e.where)) for e in load_errors(text))
    assert jumps == [
        ("story 'a' on page 2 continues to page 1, which is not a later page",
         "iss/issue.yaml:18:19"),
        ("story 'a' on page 2 is a continued part, but no earlier part continues to it",
         "iss/issue.yaml:16:9"),
    ]


def test_jump_to_page_without_part(load_errors) -> None:
    text = with_items(A_ITEM + "        continue: 3\n") + PAGE.format(n=2, items="")
    f = only(load_errors(text))
    assert f.check == "jump"
    assert f.message == ("story 'a' continues to page 3, but page 3 has no item with story: a "
                         "(the issue has 2 pages)")
    assert str(f.where) == "iss/issue.yaml:13:19"


def test_continued_part_without_pointer(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE + PAGE.format(n=2, items=item("a", 10))))
    assert f.check == "jump"
    assert "no earlier part continues to it" in f.message
    assert f.hint == "add `continue: 2` to an earlier 'a' item"


def test_chain_of_continuations_is_fine(tmp_path: Path) -> None:
    text = (with_items(A_ITEM + "        continue: 2\n")
            + PAGE.format(n=2, items=item("a", 10, "        continue: 4\n"))
            + PAGE.format(n=3, items="") + PAGE.format(n=4, items=item("a", 10)))
    folder = write_issue(tmp_path, text)
    issue = load_issue(folder, REPO)
    assert [len(p.items) for p in issue.pages] == [1, 1, 0, 1]
    assert len(issue.stories) == 1  # loaded once


# -- story front matter --------------------------------------------------------
def test_cols_with_place_top(load_errors) -> None:
    story = ("---\nheadline: 標題\nphotos:\n  - file: photos/p.png\n    place: top\n"
             "    cols: 2\n---\n正文。\n")
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": story, "photos/p.png": b"x"}))
    assert f.message == "photo 1 has cols but place: top always spans the box"
    assert str(f.where) == "iss/stories/a.md:6:11"
    assert f.where is not None and f.where.story == "a"


def test_headline_required_unless_picture(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": "---\nkicker: 引題\n---\n正文。\n"}))
    assert f.message == "story front matter is missing the required key 'headline'"
    assert str(f.where) == "iss/stories/a.md:2:1"
    picture = "---\nkind: picture\nlabel: 圖片新聞\nphotos:\n  - file: p.png\n---\n說明。\n"
    assert load_errors(BASE_ISSUE, {"stories/a.md": picture, "p.png": b"x"}) == []


def test_story_unknown_key_and_bad_enum(load_errors) -> None:
    story = "---\nheadlne: 標題\nkind: photo\n---\n正文。\n"
    errors = load_errors(BASE_ISSUE, {"stories/a.md": story})
    by_where = {str(e.where): e.message for e in errors}
    assert by_where["iss/stories/a.md:2:1"] == ("unknown key 'headlne' in story front matter; "
                                                 "did you mean 'headline'?")
    assert by_where["iss/stories/a.md:3:7"] == "kind must be one of news, picture, not 'photo'"


def test_story_front_matter_syntax_error_line(load_errors) -> None:
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": "---\nheadline: 標題\nbyline: [x\n---\n"}))
    assert "YAML syntax error" in f.message
    assert f.where is not None and f.where.file == "iss/stories/a.md" and f.where.line >= 3


def test_body_size_differs_from_grid(load_errors) -> None:
    text = BASE_ISSUE.replace("pages:", "layout_overrides:\n  styles:\n    body: {size: 10pt}\npages:")
    f = only(load_errors(text))
    assert f.message == "styles.body.size is 10pt but grid.size is 9pt"
    assert str(f.where) == "iss/issue.yaml:9:18"


# -- all at once --------------------------------------------------------------
def test_many_problems_reported_together() -> None:
    with pytest.raises(InputError) as err:
        load_issue(REPO / "tests/data/manifest/many-errors", REPO)
    findings = err.value.findings
    files = {Path(f.where.file).name for f in findings if f.where}
    checks = {f.check for f in findings}
    assert files == {"issue.yaml", "a.md", "b.md"}
    assert checks == {"manifest", "missing-file", "box-overlap", "jump"}
    assert len(findings) >= 7
    assert all(f.where and f.where.line > 0 for f in findings)


def test_label_on_news_story_and_empty_headline(load_errors) -> None:
    errors = load_errors(BASE_ISSUE, {"stories/a.md": "---\nheadline: ''\nlabel: 圖片新聞\n---\n"})
    assert sorted((e.message, str(e.where)) for e in errors) == [
        ("headline is empty", "iss/stories/a.md:2:11"),
        ("label is only for picture stories", "iss/stories/a.md:3:8"),
    ]


def test_story_not_utf8(load_errors) -> None:
    raw = "---\nheadline: 標題\n---\n正文".encode() + "內容".encode("big5") + b"\n"
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": raw}))
    assert f.message.startswith("file is not UTF-8") and str(f.where) == "iss/stories/a.md:4:3"


def test_template_inside_issue_folder(load_errors, tmp_path: Path) -> None:
    template = (REPO / "layouts" / "broadsheet.yaml").read_text("utf-8")
    template = template.replace("  title: 徐匯報\n", "  logo: /etc/hostname\n")
    errors = load_errors(BASE_ISSUE.replace("layout: broadsheet", "layout: my.yaml"),
                         {"my.yaml": template})
    f = only(errors)
    assert f.check == "missing-file" and "absolute path" in f.message
    assert f.where is not None and f.where.file == "iss/my.yaml"


def test_missing_photo_names_the_closest_existing_file(load_errors) -> None:
    story = "---\nheadline: 標題\nphotos:\n  - file: photos/runers.jpg\n---\n正文。\n"
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": story, "photos/runners.jpg": b"x",
                                      "photos/mayor.jpg": b"x"}))
    assert f.check == "missing-file" and "'photos/runers.jpg' does not exist" in f.message
    assert f.hint == "did you mean photos/runners.jpg?"
    assert str(f.where) == "iss/stories/a.md:4:11"


def test_missing_story_and_advert_name_the_closest(load_errors) -> None:
    items = ("      - story: leed\n        box: {col: 1, row: 13, cols: 4, rows: 20}\n"
             "      - ad: ads/bank.pdff\n        box: {col: 5, row: 13, cols: 4, rows: 20}\n")
    errors = load_errors(with_items(items), {"stories/lead.md": STORY, "ads/bank.pdf": b"%PDF"})
    hints = sorted(f.hint or "" for f in errors if f.check == "missing-file")
    assert hints == ["did you mean 'lead'?", "did you mean ads/bank.pdf?"]


def test_nothing_close_keeps_the_plain_hint(load_errors) -> None:
    story = "---\nheadline: 標題\nphotos:\n  - file: photos/zzzz.jpg\n---\n正文。\n"
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": story}))
    assert f.hint is not None and "put the photo in the issue folder" in f.hint


def test_unquoted_colon_in_a_headline_says_to_quote_it(load_errors) -> None:
    story = "---\nheadline: 上海: 模速空間揭牌\nbyline: 記者 曹香玉\n---\n正文。\n"
    f = only(load_errors(BASE_ISSUE, {"stories/a.md": story}))
    assert f.check == "manifest" and str(f.where).startswith("iss/stories/a.md:2:")
    assert f.hint == 'a value with “: ” in it must be in quotes: headline: "上海: 模速空間揭牌"'
