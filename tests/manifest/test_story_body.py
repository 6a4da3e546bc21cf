"""Story body parsing: paragraphs, joins, subheads, bold, NFC; every character reaches the model."""

from __future__ import annotations

import string
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from xhprint.manifest import load_story, parse_body
from xhprint.manifest.story import join_lines, parse_runs


def texts(body: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in parse_body(body, 1, "s.md", "s")]


def test_han_lines_join_with_nothing() -> None:
    assert texts("徐匯區召開\n讀書班。\n") == [("para", "徐匯區召開讀書班。")]


def test_han_latin_join_with_nothing_latin_latin_with_one_space() -> None:
    assert texts("使用\nAI 技術\n") == [("para", "使用AI 技術")]
    assert texts("AI\n技術") == [("para", "AI技術")]
    assert texts("big   \n   data\nworks") == [("para", "big data works")]
    assert texts("他說“\nhello”") == [("para", "他說“hello”")]


def test_blank_lines_separate_paragraphs_with_line_refs() -> None:
    blocks = parse_body("第一段。\n\n  \n第二段\n繼續。\n", 7, "x.md", "s")
    assert [(b.text, b.ref.line, b.ref.col) for b in blocks] == [
        ("第一段。", 7, 1), ("第二段繼續。", 10, 1)]
    assert all(b.ref.file == "x.md" and b.ref.story == "s" for b in blocks)


def test_paragraph_start_spaces_and_ideographic_space_dropped() -> None:
    blocks = parse_body("\u3000\u3000正文開始，\n中間\u3000保留。\n", 1, "x.md", "s")
    assert blocks[0].text == "正文開始，中間\u3000保留。"
    assert blocks[0].ref.col == 3
    assert texts("  \u3000 text") == [("para", "text")]


def test_subhead_lines() -> None:
    assert texts("前文。\n## 以對黨忠誠為根本\n後文。\n") == [
        ("para", "前文。"), ("subhead", "以對黨忠誠為根本"), ("para", "後文。")]
    # only `## ` is markup: other hashes are text
    assert texts("# 一\n### 三\n##無空格") == [("para", "# 一### 三##無空格")]


def test_bold_runs() -> None:
    runs = parse_runs("要**切實加強**政治，**全力")
    assert [(r.text, r.bold) for r in runs] == [
        ("要", False), ("切實加強", True), ("政治，**全力", False)]
    blocks = parse_body("甲**乙\n丙**丁", 1, "x.md", "s")
    assert [(r.text, r.bold) for r in blocks[0].runs] == [("甲", False), ("乙丙", True), ("丁", False)]


def test_nfc_and_non_bmp(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301 𠀋𪚥 丽\U0002F800"  # e + combining acute; Ext B; compatibility ideograph
    (tmp_path / "s.md").write_text(f"---\nheadline: Cafe\u0301\n---\n{decomposed}\n", "utf-8")
    story = load_story("s", tmp_path / "s.md", tmp_path)
    assert story.headline == "Café"
    assert story.blocks[0].text == unicodedata.normalize("NFC", decomposed)
    assert "𠀋" in story.blocks[0].text and "𪚥" in story.blocks[0].text


def test_markup_lookalikes_are_text() -> None:
    body = "<b>x</b> [link](url) *one* _u_ \\* > quote - item 1. 2. `code` (下轉第2版)"
    assert texts(body) == [("para", body)]


# Characters that are never markup on their own and never whitespace.
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"),
                           blacklist_characters="*#\u3000\ufeff"),
    min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_TEXT, min_size=1, max_size=4), min_size=1, max_size=4))
def test_every_character_reaches_the_model(paras: list[list[str]]) -> None:
    body = "\n\n".join("\n".join(lines) for lines in paras)
    blocks = parse_body(body, 1, "x.md", "s")
    got = "".join(b.text for b in blocks).replace(" ", "")
    assert sorted(got) == sorted("".join("".join(p) for p in paras))
    assert len(blocks) == len(paras)


def test_join_lines_property_on_ascii() -> None:
    words = list(string.ascii_lowercase[:5])
    assert join_lines(words) == "a b c d e"


def test_headline_block_scalar_lines_are_explicit_breaks(tmp_path) -> None:
    text = "---\nheadline: |\n  人工智能走進里弄  \n\n  小區事務\nsubhead: >\n  一行\n  兩行\n---\n正文。\n"
    (tmp_path / "s.md").write_text(text, "utf-8")
    story = load_story("s", tmp_path / "s.md", tmp_path)
    assert story.headline == "人工智能走進里弄\n小區事務"
    assert story.title == "人工智能走進里弄 小區事務"  # bookmarks and articles.json
    assert story.subhead == "一行 兩行"  # folded: the editor's space, not a break
